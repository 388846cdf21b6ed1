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
#include "error.h"

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

/* No key may wait more than 50 ms for the screen to answer. A field that
 * would take longer than APP_COARSE_MS is drawn coarse first, one sample
 * per APP_COARSE × APP_COARSE block (a sixteenth of the work), and made
 * exact on idle ticks of about APP_REFINE_MS each, with the keys read in
 * between; the stationary points follow on the next idle tick, unless
 * the field and the finder together fit in APP_COARSE_MS. The costs are
 * measured as the objective is drawn; until they are known (a new
 * objective's first frame) everything is done at once. 20 ms leaves the
 * rest of the 50 for drawing the frame and sending it. */
#define APP_COARSE_MS	20
#define APP_COARSE	4
#define APP_REFINE_MS	20

/* Fewer evaluations than this time nothing worth measuring. */
#define APP_MEASURE_MIN	256

/* Seconds on a monotonic clock. */
static double
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
	a->owed += (now - a->clock) * app_speed(a);
	a->clock = now;
	n = (long)floor(a->owed);
	a->owed -= (double)n;
	if (n > APP_STEPS_PER_FRAME)
		n = APP_STEPS_PER_FRAME;
	for (k = 0; k < n; k++) {
		if (view_step(a->v) == 0) {
			app_play(a, 0);
			app_message(a, 0, "every racer has stopped: x restarts "
			    "them, enter moves the start");
			return;
		}
	}
}

/* Whether the field is still coarse or the points are out of date: work
 * for the idle ticks. */
static int
app_pending(const app *a)
{
	return a->v->field.valid && (a->v->field.coarse > 1 ||
	    !a->v->points_valid);
}

/* Forget the costs measured on another objective. */
static void
app_costs(app *a)
{
	if (strncmp(a->cost_of, a->v->obj->spec, sizeof a->cost_of) == 0)
		return;
	snprintf(a->cost_of, sizeof a->cost_of, "%s", a->v->obj->spec);
	a->sample_s = a->finder_s = 0;
}

/* Learn the cost of one sample from n evaluations that took dt seconds. */
static void
app_measure(app *a, size_t n, double dt)
{
	app_costs(a);
	if (n >= APP_MEASURE_MIN)
		a->sample_s = dt / (double)n;
}

/* Find the stationary points, timing the finder. */
static void
app_points(app *a)
{
	double t0 = app_now();
	char *cause = NULL;

	if (a->v->points_valid)
		return;
	if (view_refresh_points(a->v, &cause) != 0)
		app_fail(a, cause);
	app_costs(a);
	a->finder_s = app_now() - t0;
}

/* One idle tick's work: refine the field for about APP_REFINE_MS, or,
 * once it is exact, find the stationary points. */
static void
app_idle(app *a)
{
	view *v = a->v;
	double t0 = app_now(), per_row;
	size_t n, rows = 1;

	if (v->field.coarse > 1) {
		per_row = a->sample_s * (double)v->field.cols;
		if (per_row > 0)
			rows = (size_t)(APP_REFINE_MS / 1e3 / per_row) + 1;
		view_refine(v, rows, &n);
		app_measure(a, n, app_now() - t0);
	} else
		app_points(a);
	app_dirty(a);
}

/* How long to wait for input: no time while the field or the points are
 * pending, else until the next step is due (but not less than a frame),
 * or forever when nothing plays. */
static int
app_timeout(const app *a)
{
	double ms;

	if (app_pending(a))
		return 0;
	if (!a->playing)
		return -1;
	ms = ceil((1 - a->owed) / app_speed(a) * 1000);
	return ms < APP_FRAME_MS ? APP_FRAME_MS : (int)ms;
}

/* The overlays and status for this frame. */
static void
app_ui(const app *a, draw_ui *ui)
{
	memset(ui, 0, sizeof *ui);
	ui->cursor = 1;
	ui->playing = a->playing;
	ui->speed = app_speed(a);
	ui->message = a->message[0] ? a->message : NULL;
	ui->error = a->error;
	ui->candidate = -1;
	if (a->editing) {
		ui->command = a->line;
		ui->command_pos = a->pos;
		ui->candidates = (const char *const *)a->cands;
		ui->n_candidates = a->n_cands;
		ui->candidate = a->cand;
	}
	if (a->help)
		ui->help = app_help(&ui->n_help);
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

/* Bring the field up to date, coarse when a full one would be slow, and
 * the points too when they fit in the same frame (see APP_COARSE_MS).
 * Returns nonzero when the field changed. */
static int
app_field(app *a, size_t cols, size_t rows)
{
	double t0 = app_now(), ms;
	size_t coarse = 1, n = 0;
	char *cause = NULL;

	app_costs(a);
	ms = a->sample_s * (double)(cols * rows) * 1e3;
	if (ms > APP_COARSE_MS)
		coarse = APP_COARSE;
	if (view_refresh_field(a->v, cols, rows, coarse, &n, &cause) != 0) {
		app_fail(a, cause);
		return 0;
	}
	app_measure(a, n, app_now() - t0);
	if (a->v->field.coarse <= 1 && (a->sample_s == 0 ||
	    a->finder_s == 0 || (n > 0 ? ms : 0) + a->finder_s * 1e3 <=
	    APP_COARSE_MS))
		app_points(a);
	return n > 0;
}

/* Keep the map overlay in step with the view; nonzero when the base
 * layer must be redrawn. */
static int
app_map(app *a)
{
	char *cause = NULL;
	int rc;

	rc = overlay_update(&a->ov, a->v, (size_t)a->lay.plot.w,
	    (size_t)a->lay.plot.h, &cause);
	if (rc < 0)
		app_fail(a, cause);
	return rc != 0;
}

/* Draw and send one frame. */
static void
app_draw(app *a)
{
	draw_ctx ctx = { a->frame, &a->th, screen_depth(a->scr) };
	draw_ctx bctx = { a->base, &a->th, screen_depth(a->scr) };
	size_t cols, rows;
	draw_ui ui;

	app_size(a);
	if (a->lay.too_small) {
		draw_too_small(&ctx);
		screen_draw(a->scr, a->frame);
		return;
	}
	draw_field_size(&a->lay, &cols, &rows);
	if (app_field(a, cols, rows) != 0)
		a->base_dirty = 1;
	if (app_map(a) != 0)
		a->base_dirty = 1;
	if (a->base_dirty) {
		draw_base(&bctx, a->v, &a->lay);
		draw_map(&bctx, a->v, &a->lay, &a->ov);
		a->base_dirty = 0;
	}
	canvas_copy(a->frame, a->base);
	app_ui(a, &ui);
	draw_top(&ctx, a->v, &a->lay, &ui);
	draw_map_panel(&ctx, a->v, &a->lay, &a->ov);
	if (ui.help != NULL)
		draw_help_overlay(&ctx, &ui);
	screen_draw(a->scr, a->frame);
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
			a->help = 0;
			break;
		}
		app_key(a, ev->key);
		break;
	case SCREEN_EVENT_CLICK:
		app_click(a, ev->x, ev->y);
		break;
	case SCREEN_EVENT_WHEEL:
		app_wheel(a, ev->key, ev->x, ev->y);
		break;
	case SCREEN_EVENT_RESIZE:
		app_size(a);
		break;
	case SCREEN_EVENT_NONE:
		break;
	}
}

int
app_run(view *v, const theme *th, int depth, char **cause)
{
	screen_event ev;
	app a;

	memset(&a, 0, sizeof a);
	overlay_init(&a.ov);
	a.v = v;
	a.th = *th;
	a.speed = APP_SPEED_DEFAULT;
	a.base_dirty = 1;
	a.frame = canvas_new(0, 0);
	a.base = canvas_new(0, 0);
	if (a.frame == NULL || a.base == NULL) {
		canvas_free(a.frame);
		canvas_free(a.base);
		return sd_fail(cause, "out of memory");
	}
	if ((a.scr = screen_open(depth, cause)) == NULL) {
		canvas_free(a.frame);
		canvas_free(a.base);
		return -1;
	}
	a.frame->ascii = a.base->ascii = !screen_utf8(a.scr);
	while (!a.quit) {
		app_draw(&a);
		screen_read(a.scr, app_timeout(&a), &ev);
		app_event(&a, &ev);
		if (ev.type == SCREEN_EVENT_NONE && app_pending(&a))
			app_idle(&a);
		app_animate(&a);
	}
	screen_close(a.scr);
	app_commands_done(&a);
	overlay_done(&a.ov);
	canvas_free(a.frame);
	canvas_free(a.base);
	return 0;
}
