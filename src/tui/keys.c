/* SPDX-License-Identifier: GPL-3.0-or-later */
/* keys.c: what each key does outside the command line, in one table that
 * the help overlay walks too (see app.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/error.h"
#include "objectives/ntk.h"

/* Zoom factor of + and −. */
#define KEYS_ZOOM 1.5

/* Panning moves an eighth of the plot, in whole samples. */
#define KEYS_PAN_PARTS 8

/* Most keys one action answers to. */
#define KEYS_MAX 8

/* One line of the help overlay and the keys behind it. */
struct key_binding {
	int		 keys[KEYS_MAX];	/* 0-terminated */
	const char	*label;
	const char	*what;
	void		(*fn)(app *, int);
};

/* Move the cursor by whole cells and put it at the cell's centre. */
static void
key_cursor(app *a, int key)
{
	view *v = a->v;
	const canvas_rect r = a->lay.plot;
	double cw = (v->window.xmax - v->window.xmin) / r.w;
	double ch = (v->window.ymax - v->window.ymin) / r.h;
	double cx = floor((v->cur_a - v->window.xmin) / cw);
	double cy = floor((v->window.ymax - v->cur_b) / ch);

	cx += key == 'h' || key == SCREEN_KEY_LEFT ? -1 :
	    key == 'l' || key == SCREEN_KEY_RIGHT ? 1 : 0;
	cy += key == 'k' || key == SCREEN_KEY_UP ? -1 :
	    key == 'j' || key == SCREEN_KEY_DOWN ? 1 : 0;
	cx = fmin(fmax(cx, 0), r.w - 1);
	cy = fmin(fmax(cy, 0), r.h - 1);
	v->cur_a = v->window.xmin + (cx + 0.5) * cw;
	v->cur_b = v->window.ymax - (cy + 0.5) * ch;
}

/* Pan by (da, db), saying so when the window stops at the limit. */
static void
key_pan_by(app *a, double da, double db)
{
	if (view_pan(a->v, da, db))
		app_message(a, 1, "pan: the window stays within -1e5 to 1e5, "
		    "as --window does");
	app_dirty(a);
}

/* Pan by an eighth of the plot, rounded to whole samples so the field
 * keeps the samples it has. */
static void
key_pan(app *a, int key)
{
	view *v = a->v;
	const canvas_rect r = a->lay.plot;
	double sw = (v->window.xmax - v->window.xmin) / r.w;
	double sh = (v->window.ymax - v->window.ymin) / (2.0 * r.h);
	int nx = r.w / KEYS_PAN_PARTS > 0 ? r.w / KEYS_PAN_PARTS : 1;
	int ny = 2 * r.h / KEYS_PAN_PARTS > 0 ? 2 * r.h / KEYS_PAN_PARTS : 1;
	double da = 0, db = 0;

	if (key == 'H' || key == SCREEN_KEY_SLEFT)
		da = -nx * sw;
	else if (key == 'L' || key == SCREEN_KEY_SRIGHT)
		da = nx * sw;
	else if (key == 'K' || key == SCREEN_KEY_SUP)
		db = ny * sh;
	else
		db = -ny * sh;
	key_pan_by(a, da, db);
}

/* Zoom in or out about the cursor. */
static void
key_zoom(app *a, int key)
{
	double f = key == '+' || key == '=' ? KEYS_ZOOM : 1 / KEYS_ZOOM;

	view_zoom(a->v, f, a->v->cur_a, a->v->cur_b);
	app_dirty(a);
}

/* Back to the home window. */
static void
key_reset(app *a, int key)
{
	(void)key;
	view_reset(a->v);
	app_dirty(a);
}

/* Start every racer at the cursor. */
static void
key_start(app *a, int key)
{
	char *cause = NULL;

	(void)key;
	if (view_set_start(a->v, a->v->cur_a, a->v->cur_b, &cause) != 0)
		app_fail(a, cause);
}

/* One step of every racer. */
static void
key_step(app *a, int key)
{
	(void)key;
	app_play(a, 0);
	if (a->v->n_racers == 0)
		app_message(a, 0, "no racers: a adds one");
	else if (view_stepping(a->v, NULL) > 0)
		app_message(a, 0, "a step is under way: Esc cancels it");
	else if (view_step_start(a->v) == 0)
		app_message(a, 0, "every racer has stopped: x restarts them");
}

/* Play or pause. */
static void
key_play(app *a, int key)
{
	(void)key;
	app_play(a, !a->playing);
}

/* Slower or faster. */
static void
key_speed(app *a, int key)
{
	app_speed_step(a, key == ']' ? 1 : -1);
	app_message(a, 0, "%g steps per second", app_speed(a));
}

/* Add a racer with the next method after the selected one's. */
static void
key_add(app *a, int key)
{
	char *cause = NULL;

	(void)key;
	if (view_add_racer(a->v, view_next_method(a->v), NULL, &cause) != 0)
		app_fail(a, cause);
}

/* The selected racer's next method. */
static void
key_method(app *a, int key)
{
	char *cause = NULL;

	(void)key;
	if (view_set_method(a->v, view_next_method(a->v), &cause) != 0)
		app_fail(a, cause);
}

/* Select the next racer (o and :set change the selected one). */
static void
key_select(app *a, int key)
{
	(void)key;
	if (a->v->n_racers > 0)
		a->v->selected = (a->v->selected + 1) % a->v->n_racers;
}

/* Remove the selected racer. */
static void
key_remove(app *a, int key)
{
	char *cause = NULL;

	(void)key;
	if (view_remove_racer(a->v, a->v->selected, &cause) != 0)
		app_fail(a, cause);
}

/* f: mark the cursor as one end of a line; at the second mark, f along
 * the two, as :line P Q (which the history keeps) would show it. */
static void
key_mark(app *a, int key)
{
	char line[APP_LINE];

	(void)key;
	if (!a->marked) {
		a->marked = 1;
		a->mark_a = a->v->cur_a;
		a->mark_b = a->v->cur_b;
		app_message(a, 0, "line from here: move the cursor and press f "
		    "again (esc forgets)");
		return;
	}
	a->marked = 0;
	snprintf(line, sizeof line, "line %.6g,%.6g %.6g,%.6g", a->mark_a,
	    a->mark_b, a->v->cur_a, a->v->cur_b);
	cmdline_remember(&a->cl, line);
	app_command(a, line);
}

/* Restart every racer at its own start: the paths are cleared. */
static void
key_clear(app *a, int key)
{
	char *cause = NULL;

	(void)key;
	if (view_restart(a->v, &cause) != 0)
		app_fail(a, cause);
}

/* Tab and shift-tab: the next or previous objective of the registry. */
static void
key_objective(app *a, int key)
{
	const sd_objective_type *cur = a->v->obj->type;
	const int dir = key == SCREEN_KEY_BTAB ? -1 : 1;
	char *cause = NULL;
	int i, n;

	for (n = 0; sd_objective_types[n] != NULL; n++)
		continue;
	for (i = 0; i < n && sd_objective_types[i] != cur; i++)
		continue;
	i = i == n ? 0 : (i + dir + n) % n;
	if (app_objective(a, sd_objective_types[i]->name, 0, &cause) != 0)
		app_fail(a, cause);
}

/* t: the next theme file. */
static void
key_theme(app *a, int key)
{
	theme_entry *list;
	char *cause = NULL;
	size_t i, n;

	(void)key;

	if (theme_list(&list, &n, &cause) != 0) {
		app_fail(a, cause);
		return;
	}
	for (i = 0; i < n && strcmp(list[i].name, a->th.name) != 0; i++)
		continue;
	if (n == 0)
		app_message(a, 1, "no theme files found: see saddle(1), FILES");
	else if (theme_load(&a->th, list[i < n ? (i + 1) % n : 0].path,
	    &cause) != 0)
		app_fail(a, cause);
	else
		app_message(a, 0, "theme %s", a->th.name);
	theme_list_free(list, n);
	app_dirty(a);
}

/* Levels: auto, linear, log, critical, quantile, around. */
static void
key_levels(app *a, int key)
{
	(void)key;
	a->v->levels = (view_levels)((a->v->levels + 1) % VIEW_LEVELS_COUNT);
	app_message(a, 0, "%s levels", view_levels_name(a->v->levels));
	app_dirty(a);
}

/* c, s, g and V. */
static void
key_toggle(app *a, int key)
{
	int *flag = key == 'c' ? &a->v->contours : key == 's' ?
	    &a->v->markers : key == 'V' ? &a->v->vectors : &a->v->arrows;

	*flag = !*flag;
	app_dirty(a);
}

/* A: the stationary points near the slice (--all) on or off. */
static void
key_all(app *a, int key)
{
	(void)key;
	view_set_all(a->v, !a->v->all);
	app_message(a, 0, a->v->all ? "stationary points on and near the "
	    "slice (dim: off it)" : "stationary points on the slice");
	app_dirty(a);
}

/* m: the next map over the plot (overlay.h). */
static void
key_map(app *a, int key)
{
	(void)key;
	overlay_next(&a->ov, a->v->obj);
	app_message(a, 0, "map: %s", overlay_name(&a->ov));
	app_dirty(a);
}

int
app_ntk(app *a, int on, char **cause)
{
	if (overlay_ntk_set(&a->ov, a->v, on, cause) != 0)
		return -1;
	app_message(a, 0, on ? "ntk: levels of the %s over the landscape" :
	    "ntk: off", sd_ntk_is_model(a->v->obj) ? "network (ntk=0)" :
	    "NTK model (linearized at θ₀)");
	app_dirty(a);
	return 0;
}

/* N: the NTK overlay on or off. */
static void
key_ntk(app *a, int key)
{
	char *cause = NULL;

	(void)key;
	if (app_ntk(a, !a->ov.ntk.on, &cause) != 0)
		app_fail(a, cause);
}

/* Write the view as saddle-OBJECTIVE-N.svg. */
static void
key_write(app *a, int key)
{
	(void)key;
	app_write_next(a);
}

/* Open the command line. */
static void
key_colon(app *a, int key)
{
	(void)key;
	a->editing = 1;
	cmdline_open(&a->cl);
}

/* The help overlay. */
static void
key_help(app *a, int key)
{
	(void)key;
	a->help = 1;
	a->help_page = 0;
}

/* Send every cell again. */
static void
key_redraw(app *a, int key)
{
	(void)key;
	screen_invalidate(a->scr);
}

/* Quit. */
static void
key_quit(app *a, int key)
{
	(void)key;
	a->quit = 1;
}

/* Esc: stop :step N and the animation's step under way, cancel :survey,
 * the objective being built and the figure being written; forget f's
 * mark. */
static void
key_cancel(app *a, int key)
{
	int any = a->steps_left > 0 || view_replaying(a->v) > 0 || a->marked;

	(void)key;
	a->steps_left = 0;
	a->marked = 0;
	view_replay_stop(a->v);
	any |= overlay_survey_cancel(&a->ov);
	if (overlay_ntk_cancel(&a->ov)) {
		app_dirty(a);
		any = 1;
	}
	any |= app_tasks_cancel(a);
	if (view_steps_cancel(a->v)) {
		/* Playing on would start the same step again. */
		app_play(a, 0);
		any = 1;
	}
	if (any)
		app_message(a, 0, "cancelled");
}

static const struct key_binding key_bindings[] = {
	{ { 'h', 'j', 'k', 'l', SCREEN_KEY_LEFT, SCREEN_KEY_DOWN,
	    SCREEN_KEY_UP, SCREEN_KEY_RIGHT }, "arrows hjkl",
	  "move the cursor", key_cursor },
	{ { 'H', 'J', 'K', 'L', SCREEN_KEY_SLEFT, SCREEN_KEY_SDOWN,
	    SCREEN_KEY_SUP, SCREEN_KEY_SRIGHT }, "shift-arrows HJKL",
	  "pan the window", key_pan },
	{ { '+', '=' }, "+ / wheel up", "zoom in at the cursor", key_zoom },
	{ { '-', '_' }, "- / wheel down", "zoom out", key_zoom },
	{ { '0' }, "0", "reset the view", key_reset },
	{ { SCREEN_KEY_ENTER }, "enter / click",
	  "start the racers at the cursor", key_start },
	{ { ' ' }, "space", "one step of every racer", key_step },
	{ { 'p' }, "p", "play / pause the animation", key_play },
	{ { '[', ']' }, "[ ]", "slower / faster", key_speed },
	{ { 'a' }, "a", "add a racer (the next method)", key_add },
	{ { 'o' }, "o", "cycle the selected racer's method", key_method },
	{ { 'n' }, "n", "select the next racer", key_select },
	{ { 'd' }, "d", "remove the selected racer", key_remove },
	{ { 'x' }, "x", "clear the paths (restart racers)", key_clear },
	{ { 'f' }, "f", "mark a line's end; again: f along it", key_mark },
	{ { '\t', SCREEN_KEY_BTAB }, "tab / shift-tab",
	  "next / previous objective", key_objective },
	{ { 't' }, "t", "next theme", key_theme },
	{ { 'v' }, "v", "cycle levels: auto … quantile", key_levels },
	{ { 'c' }, "c", "contour lines on / off", key_toggle },
	{ { 's' }, "s", "stationary points on / off", key_toggle },
	{ { 'g' }, "g", "downhill arrows (⇒ steepest) on / off",
	  key_toggle },
	{ { 'V' }, "V", "racers' vectors on / off", key_toggle },
	{ { 'A' }, "A", "points near the slice on / off", key_all },
	{ { 'm' }, "m", "next map (strict-saddle … basins)", key_map },
	{ { 'N' }, "N", "NTK model's levels on / off",
	  key_ntk },
	{ { ':' }, ":", "command line (tab completes)", key_colon },
	{ { 'W' }, "W", "write saddle-OBJECTIVE-N.svg here", key_write },
	{ { '?' }, "?", "this help", key_help },
	{ { 12 }, "ctrl-l", "redraw the screen", key_redraw },
	{ { SCREEN_KEY_ESCAPE }, "esc", "stop or cancel the work under way",
	  key_cancel },
	{ { 'q' }, "q", "quit", key_quit },
	{ { 0 }, NULL, NULL, NULL }
};

void
app_key(app *a, int key)
{
	const struct key_binding *b;
	int i;

	if (a->tour != NULL && app_tour_key(a, key))
		return;
	for (b = key_bindings; b->fn != NULL; b++) {
		for (i = 0; i < KEYS_MAX && b->keys[i] != 0; i++) {
			if (b->keys[i] == key) {
				b->fn(a, key);
				return;
			}
		}
	}
}

/* Whether (x, y) is in r. */
static int
keys_inside(canvas_rect r, int x, int y)
{
	return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

/* A press in the plot moves the cursor there; its release starts the
 * racers there, unless the button was dragged, which pans instead. */
void
app_click(app *a, int x, int y)
{
	const canvas_rect r = a->lay.plot;
	view *v = a->v;

	a->pressed = 0;
	if (a->lay.too_small || !keys_inside(r, x, y))
		return;
	v->cur_a = v->window.xmin + (x - r.x + 0.5) *
	    (v->window.xmax - v->window.xmin) / r.w;
	v->cur_b = v->window.ymax - (y - r.y + 0.5) *
	    (v->window.ymax - v->window.ymin) / r.h;
	a->pressed = 1;
	a->dragged = 0;
	a->drag_x = x;
	a->drag_y = y;
}

/* Pan so that the landscape under the button follows it, by whole
 * samples (a column is one sample, a row two) so the field keeps the
 * samples it has; the cursor keeps its cell, as with the pan keys. */
void
app_drag(app *a, int x, int y)
{
	const canvas_rect r = a->lay.plot;
	view *v = a->v;

	if (!a->pressed || a->lay.too_small ||
	    (x == a->drag_x && y == a->drag_y))
		return;
	key_pan_by(a, -(x - a->drag_x) * (v->window.xmax - v->window.xmin) /
	    r.w, (y - a->drag_y) * (v->window.ymax - v->window.ymin) / r.h);
	a->drag_x = x;
	a->drag_y = y;
	a->dragged = 1;
}

void
app_unclick(app *a, int x, int y)
{
	(void)x;
	(void)y;
	if (a->pressed && !a->dragged)
		key_start(a, SCREEN_KEY_ENTER);
	a->pressed = 0;
}

/* Pasted text goes to the ':' line, opened for it (a ':' it begins with
 * is the one that opened it), with line breaks and tabs as blanks: a
 * paste never runs keys nor a command. */
void
app_paste(app *a, int c)
{
	if (!a->editing) {
		a->help = 0;
		a->message[0] = '\0';
		key_colon(a, ':');
		if (c == ':')
			return;
	}
	cmdline_uncomplete(&a->cl);
	if (c == '\n' || c == '\r' || c == '\t')
		c = ' ';
	if (c >= ' ' && c != 127 && c < SCREEN_KEY_UP)
		cmdline_insert(&a->cl, c);
}

void
app_wheel(app *a, int dir, int x, int y)
{
	const canvas_rect r = a->lay.plot;
	view *v = a->v;
	double px = v->cur_a, py = v->cur_b;

	if (a->lay.too_small)
		return;
	if (keys_inside(r, x, y)) {
		px = v->window.xmin + (x - r.x + 0.5) *
		    (v->window.xmax - v->window.xmin) / r.w;
		py = v->window.ymax - (y - r.y + 0.5) *
		    (v->window.ymax - v->window.ymin) / r.h;
	}
	view_zoom(v, dir > 0 ? KEYS_ZOOM : 1 / KEYS_ZOOM, px, py);
	app_dirty(a);
}

/* The help's second page: what the glyphs and colours mean, then each
 * map (from the registry, map.h). */
static const frame_help key_legend[] = {
	{ "● ▲ ✕", "stationary points: minimum, maximum, saddle" },
	{ "○ △ ◇", "degenerate ones (a zero eigenvalue): min, max, saddle" },
	{ "◉  1-8", "a racer's current point, its path in its colour "
	  "(mono: its number, its own dashes)" },
	{ "╋", "the cursor" },
	{ "bands", "f, dark low to bright high; lines between them are "
	  "levels; ● ✕ on the bar: critical values" },
	{ "⇒ →", "g: downhill; heavy where |∇f| is ≥ ⅓ of the steepest "
	  "in view, faint where < 1/30 of it" },
	{ "━ ┄ □", "V: gd's step −lr∇f, the last step, the box of "
	  "per-coordinate steps (adagrad, rmsprop, adam)" },
	{ "━1 …", "latest events: the racer's number and its last event" },
	{ "• 1-8", ":survey: where each run ended, in its method's colour "
	  "(mono: its number); :ends off hides them" },
	{ "⣀⣀ N", "levels of the NTK model (§6.1) at the bands' levels: "
	  "they follow the bands' edges where the linearization holds" },
	{ "", "" },
	{ "m: maps", "what each one shows (the legend is on the colour "
	  "bar's place)" },
};

/* Whether the tour takes every key of b, which its help then leaves
 * out. */
static int
key_tour_takes(const struct key_binding *b)
{
	int i;

	for (i = 0; i < KEYS_MAX && b->keys[i] != 0; i++)
		if (!app_tour_takes(b->keys[i]))
			return 0;
	return 1;
}

/* The first page's lines: in a tour, the tour's keys first and the
 * bindings it hides left out; then the ':' commands. */
static int
key_help_keys(frame_help *out, int max, int tour)
{
	const struct key_binding *b;
	int n = tour ? app_tour_help(out, max) : 0;

	for (b = key_bindings; b->fn != NULL && n < max; b++) {
		if (tour && key_tour_takes(b))
			continue;
		out[n].keys = b->label;
		out[n++].what = b->what;
	}
	return n + app_command_help(out + n, max - n);
}

/* The lines of the first page (keys, then ':' commands; tour: in a
 * tour) or the second. */
static const frame_help *
key_help_page(int page, int tour, int *n)
{
	static frame_help keys[2][64], legend[32];
	static int n_keys[2], n_legend;
	size_t i;

	if (page != 2) {
		if (n_keys[tour] == 0)
			n_keys[tour] = key_help_keys(keys[tour], 64, tour);
		*n = n_keys[tour];
		return keys[tour];
	}
	if (n_legend == 0) {
		for (i = 0; i < sizeof key_legend / sizeof *key_legend; i++)
			legend[n_legend++] = key_legend[i];
		for (i = 0; sd_map_types[i] != NULL && n_legend < 32; i++) {
			legend[n_legend].keys = sd_map_types[i]->name;
			legend[n_legend++].what = sd_map_types[i]->meaning;
		}
	}
	*n = n_legend;
	return legend;
}

void
app_help(const app *a, frame_ui *ui)
{
	if (a->help == 0)
		return;
	ui->help = key_help_page(a->help, a->tour != NULL, &ui->n_help);
	ui->help_page = a->help_page;
	ui->help_title = a->help == 2 ? " what you see " : " keys ";
	ui->help_foot = a->help == 2 ? " any key closes " :
	    " ? what you see · any key closes ";
}
