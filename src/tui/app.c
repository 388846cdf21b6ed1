/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app.c: the visualizer's loop: draw a frame, wait for input or the next
 * animation step, act, repeat (see app.h). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "base/error.h"
#include "draw_parts.h"

/* Steps per second, slowest first; [ and ] move along. */
static const double app_speeds[] = {
	1, 2, 5, 10, 20, 50, 100, 200, 500, 1000
};
#define APP_SPEEDS ((int)(sizeof app_speeds / sizeof *app_speeds))
#define APP_SPEED_DEFAULT 3

/* The animation never draws more often than this (milliseconds). */
#define APP_FRAME_MS 16

/* Most steps taken between two frames, so a slow method cannot freeze
 * the keyboard. */
#define APP_STEPS_PER_FRAME 2000

/* :step N takes its steps between keys, for at most this long at a
 * time (milliseconds), so that q or Esc answers at once. */
#define APP_STEP_MS 20

/* While keys are waiting (a burst: a paste, a typed-ahead command, tmux
 * send-keys) they are taken without a frame each, but a frame is still
 * drawn at least this often (milliseconds). A frame draws every racer's
 * whole path and loss curve, O(steps): with 1e5 steps one is ~50 ms,
 * and ":chart random" and Enter, a frame per key, took a second. */
#define APP_TYPEAHEAD_MS 100

double
app_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void
app_message(app *a, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(a->message, sizeof a->message, fmt, ap);
	va_end(ap);
	a->error = error;
}

void
app_fail(app *a, char *cause)
{
	app_message(a, 1, "%s", cause ? cause : "failed");
	free(cause);
}

void
app_dirty(app *a)
{
	a->base_dirty = 1;
}

double
app_speed(const app *a)
{
	return app_speeds[a->speed];
}

double
app_speed_at(int index)
{
	return app_speeds[index];
}

int
app_speed_parse(const char *word, int *index, char **cause)
{
	char *end;
	double s;
	int i;

	s = strtod(word, &end);
	for (i = 0; *word != '\0' && *end == '\0' && i < APP_SPEEDS; i++) {
		if (s == app_speeds[i]) {
			*index = i;
			return 0;
		}
	}
	return sd_fail(cause, "speed: '%s' is not a speed: expected steps "
	    "per second, one of 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000",
	    word);
}

void
app_speed_step(app *a, int delta)
{
	a->speed += delta;
	if (a->speed < 0)
		a->speed = 0;
	if (a->speed >= APP_SPEEDS)
		a->speed = APP_SPEEDS - 1;
}

void
app_play(app *a, int on)
{
	a->playing = on;
	a->clock = app_now();
	a->owed = 0;
}

/* Take the steps that came due since the last call. */
static void
app_animate(app *a)
{
	double now = app_now();
	long n, k;

	if (!a->playing)
		return;
	/* The racers wait for the points their monitors watch (stepping
	 * unwatched, they would all be run again when those come), and
	 * for their paths to be run again (app_replay). */
	if ((a->v->watch_wanted && !a->v->watch_valid) ||
	    view_replaying(a->v) > 0 || view_stepping(a->v, NULL) > 0) {
		a->clock = now;
		return;
	}
	a->owed += (now - a->clock) * app_speed(a);
	a->clock = now;
	n = (long)floor(a->owed);
	a->owed -= (double)n;
	if (n > APP_STEPS_PER_FRAME)
		n = APP_STEPS_PER_FRAME;
	for (k = 0; k < n && view_stepping(a->v, NULL) == 0; k++) {
		if (view_step_start(a->v) == 0) {
			app_play(a, 0);
			app_message(a, 0, "every racer has stopped: x restarts "
			    "them, enter moves the start");
			return;
		}
	}
}

/* Take some of the steps :step N asked for, for up to APP_STEP_MS (at
 * least one), after the racers' watch points, as the animation does. */
static void
app_steps(app *a)
{
	double t0 = app_now();

	if (a->steps_left <= 0 || (a->v->watch_wanted && !a->v->watch_valid) ||
	    a->v->n_pending > 0 || view_replaying(a->v) > 0 ||
	    view_stepping(a->v, NULL) > 0)
		return;
	do {
		if (view_step_start(a->v) == 0) {
			a->steps_left = 0;
			app_message(a, 0, "every racer has stopped: x restarts "
			    "them, enter moves the start");
			return;
		}
	} while (--a->steps_left > 0 && view_stepping(a->v, NULL) == 0 &&
	    (app_now() - t0) * 1e3 < APP_STEP_MS);
}

/* Run the racers' paths again after a new chart or the watch points
 * came (view_replay_step), between keys, for up to APP_STEP_MS at a
 * time. */
static void
app_replay(app *a)
{
	double t0 = app_now();

	while (view_replaying(a->v) > 0 && view_replay_step(a->v) > 0 &&
	    (app_now() - t0) * 1e3 < APP_STEP_MS)
		continue;
}

/* How long to wait for input: no time while the paths are being drawn
 * again or the field is coarse, a poll while a job runs, else until the
 * next step is due (but not less than a frame), or forever when nothing
 * plays. */
static int
app_timeout(const app *a)
{
	double ms = -1;

	/* A step on a thread: look for it every poll, nothing else is due
	 * until it lands. */
	if (view_stepping(a->v, NULL) > 0)
		return APP_POLL_MS;
	if ((a->steps_left > 0 && a->v->n_pending == 0 &&
	    !(a->v->watch_wanted && !a->v->watch_valid)) ||
	    view_replaying(a->v) > 0 || a->trailing)
		return 0;
	if (app_waiting(a) || a->steps_left > 0)
		ms = APP_POLL_MS;
	if (!a->playing)
		return (int)ms;
	ms = fmin(ms < 0 ? INFINITY : ms, fmax(APP_FRAME_MS,
	    ceil((1 - a->owed) / app_speed(a) * 1000)));
	return (int)ms;
}

/* The overlays and status for this frame; busy (len bytes) holds the
 * progress of the work under way. */
static void
app_ui(const app *a, frame_ui *ui, char *busy, size_t len)
{
	memset(ui, 0, sizeof *ui);
	ui->cursor = 1;
	ui->marked = a->marked;
	ui->mark_a = a->mark_a;
	ui->mark_b = a->mark_b;
	ui->playing = a->playing;
	ui->speed = app_speed(a);
	ui->message = a->message[0] ? a->message : NULL;
	ui->busy = app_busy(a, busy, len);
	ui->error = a->error;
	ui->candidate = -1;
	if (a->editing) {
		ui->command = a->cl.text;
		ui->command_pos = a->cl.pos;
		ui->candidates = (const char *const *)a->cl.cands;
		ui->n_candidates = a->cl.n_cands;
		ui->candidate = a->cl.cand;
	}
	app_help(a, ui);
	if (a->tour != NULL) {
		ui->tour_title = a->tour->stops[a->tour->at].title;
		ui->tour_text = a->tour->stops[a->tour->at].text;
		ui->tour_at = a->tour->at;
		ui->tour_n = a->tour->n;
	}
}

/* Send the frame, and tell whoever watches (app_io). */
static void
app_send(app *a)
{
	screen_draw(a->scr, a->frame);
	if (a->io.sent != NULL)
		a->io.sent(a);
}

/* Match the canvases to the terminal's size. */
static void
app_size(app *a)
{
	int cols, rows;

	screen_size(a->scr, &cols, &rows);
	if (cols == a->frame->cols && rows == a->frame->rows)
		return;
	canvas_resize(a->frame, cols, rows);
	canvas_resize(a->base, cols, rows);
	layout_compute(&a->lay, cols, rows);
	a->base_dirty = 1;
}

/* Keep the map overlay in step with the view, waiting up to ms for a map
 * it starts; nonzero when the base layer must be redrawn. */
static int
app_map(app *a, double ms)
{
	char *cause = NULL;
	sd_chart through;
	int rc, ntk;

	rc = overlay_update(&a->ov, a->v, (size_t)a->lay.plot.w,
	    (size_t)a->lay.plot.h, ms, &cause);
	if (rc < 0)
		app_fail(a, cause);
	ntk = overlay_ntk_update(&a->ov, a->v, 2 * (size_t)a->lay.plot.w,
	    4 * (size_t)a->lay.plot.h, ms, &through, &cause);
	if (ntk < 0)
		app_fail(a, cause);
	if (ntk == 2 && view_set_chart(a->v, &through, NULL, &cause) != 0)
		app_fail(a, cause);
	else if (ntk == 2) {
		snprintf(a->v->chart_name, sizeof a->v->chart_name,
		    "through θ₀");
		app_message(a, 0, "ntk: the view moves to the plane through "
		    "θ₀, the model's minimizer and the teacher (:chart "
		    "default goes back)");
	}
	return rc != 0 || ntk != 0;
}

/* Draw and send one frame. */
static void
app_draw(app *a)
{
	draw_ctx ctx = { .cv = a->frame, .th = &a->th,
	    .depth = screen_depth(a->scr) };
	draw_ctx bctx = { .cv = a->base, .th = &a->th,
	    .depth = screen_depth(a->scr) };
	double t0 = app_now();
	size_t cols, rows;
	char busy[APP_LINE];
	frame_ui ui;

	app_size(a);
	if (a->lay.too_small) {
		frame_too_small(&ctx);
		app_send(a);
		return;
	}
	draw_field_size(&a->lay, &cols, &rows);
	if (view_fit_aspect(a->v, cols, rows))
		a->base_dirty = 1;
	/* The overlays first: the NTK one may move the view to another
	 * chart, whose field the work then starts. */
	if (app_map(a, app_left(a, t0)) != 0)
		a->base_dirty = 1;
	if (app_work(a, cols, rows, t0) != 0)
		a->base_dirty = 1;
	if (a->base_dirty) {
		view_levels_prepare(a->v);
		frame_base(&bctx, a->v, &a->lay, &a->ov);
		a->base_dirty = 0;
	}
	canvas_copy(a->frame, a->base);
	app_ui(a, &ui, busy, sizeof busy);
	ctx.deadline = app_now() + APP_TRAIL_MS / 1e3;
	frame_top(&ctx, a->v, &a->lay, &a->ov, &ui);
	a->trailing = ctx.partial;
	app_send(a);
}

/* A key while the help overlay is shown: ? turns from the keys to what
 * the screen shows, space turns a part's page while there is another;
 * any other key closes it. */
static void
app_help_key(app *a, int key)
{
	frame_ui ui;

	memset(&ui, 0, sizeof ui);
	app_help(a, &ui);
	if (key == '?' && a->help == 1) {
		a->help = 2;
		a->help_page = 0;
	} else if (key == ' ' && a->help_page + 1 <
	    frame_help_pages(a->frame, &ui))
		a->help_page++;
	else
		a->help = 0;
}

/* Act on one input event. */
static void
app_event(app *a, const screen_event *ev)
{
	switch (ev->type) {
	case SCREEN_EVENT_KEY:
		if (a->editing) {
			app_edit_key(a, ev->key);
			break;
		}
		a->message[0] = '\0';
		if (a->help) {
			app_help_key(a, ev->key);
			break;
		}
		app_key(a, ev->key);
		break;
	case SCREEN_EVENT_CLICK:
		app_click(a, ev->x, ev->y);
		break;
	case SCREEN_EVENT_DRAG:
		app_drag(a, ev->x, ev->y);
		break;
	case SCREEN_EVENT_RELEASE:
		app_unclick(a, ev->x, ev->y);
		break;
	case SCREEN_EVENT_PASTE:
		app_paste(a, ev->key);
		break;
	case SCREEN_EVENT_WHEEL:
		app_wheel(a, ev->key, ev->x, ev->y);
		break;
	case SCREEN_EVENT_RESIZE:
		app_size(a);
		break;
	case SCREEN_EVENT_QUIT:
		a->quit = 1;
		a->quit_signal = ev->key;
		break;
	case SCREEN_EVENT_NONE:
		break;
	}
}

/* The terminal's events (app_io's default). */
static void
app_read(app *a, int timeout_ms, screen_event *ev)
{
	screen_read(a->scr, timeout_ms, ev);
}

/* Whether the terminal has sent input not read yet (app_io's default). */
static int
app_ready(app *a)
{
	return screen_pending(a->scr);
}

int
app_open(app *a, view *v, const theme *th, int depth, char **cause)
{
	memset(a, 0, sizeof *a);
	overlay_init(&a->ov);
	cmdline_init(&a->cl);
	a->v = v;
	a->th = *th;
	a->speed = APP_SPEED_DEFAULT;
	a->base_dirty = 1;
	a->io.read = app_read;
	a->io.ready = app_ready;
	a->frame = canvas_new(0, 0);
	a->base = canvas_new(0, 0);
	if (a->frame == NULL || a->base == NULL) {
		canvas_free(a->frame);
		canvas_free(a->base);
		return sd_fail(cause, "out of memory");
	}
	if ((a->scr = screen_open(depth, cause)) == NULL) {
		canvas_free(a->frame);
		canvas_free(a->base);
		return -1;
	}
	a->frame->ascii = a->base->ascii = !screen_utf8(a->scr);
	a->frame->console = a->base->console = screen_console(a->scr);
	v->release = app_release;
	v->release_arg = a;
	v->defer = 1;
	return 0;
}

void
app_loop(app *a)
{
	screen_event ev;
	double drawn = -INFINITY;

	while (!a->quit) {
		if (!a->io.ready(a) ||
		    (app_now() - drawn) * 1e3 >= APP_TYPEAHEAD_MS) {
			app_draw(a);
			drawn = app_now();
		}
		a->io.read(a, app_timeout(a), &ev);
		app_event(a, &ev);
		app_replay(a);
		app_animate(a);
		app_steps(a);
	}
}

/* The view's release hook once the loop is gone (app_close). */
static int
app_adopt(void *arg, sd_objective *obj)
{
	(void)arg;
	return job_adopt(obj);
}

void
app_close(app *a)
{
	/* The terminal first, so that it is back at once; then the jobs,
	 * which are cancelled and run out within a few milliseconds. */
	screen_close(a->scr);
	app_write_flush(a);
	app_tasks_cancel(a);
	app_release(a, NULL);
	/* The jobs dropped run out on their own: the view's objective goes
	 * to job_adopt when one still borrows it. */
	a->v->release = app_adopt;
	a->v->release_arg = NULL;
	a->v->defer = 0;
	cmdline_done(&a->cl);
	overlay_done(&a->ov);
	canvas_free(a->frame);
	canvas_free(a->base);
}

int
app_run(view *v, const theme *th, int depth, int speed, char **cause)
{
	app a;

	if (app_open(&a, v, th, depth, cause) != 0)
		return -1;
	if (speed >= 0)
		a.speed = speed;
	app_loop(&a);
	app_close(&a);
	if (a.quit_signal != 0)
		screen_die(a.quit_signal);
	return 0;
}
