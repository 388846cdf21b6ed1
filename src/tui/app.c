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

/* No key may wait more than 50 ms for the screen to answer. A field that
 * would take longer than APP_COARSE_MS is drawn coarse first, one sample
 * per APP_COARSE × APP_COARSE block (a sixteenth of the work), and made
 * exact on idle ticks of about APP_REFINE_MS each, with the keys read in
 * between. The sample's cost is measured as the objective is drawn;
 * until it is known (a new objective's first frame) the coarse field
 * measures it, and the rest is drawn at once when it fits (app_field).
 * 20 ms leaves the rest of the 50 for drawing the frame and sending it.
 *
 * The stationary points and the map are computed on threads of their own
 * (job.h: 0.3–0.9 s for the finder on glm:d=20,n=1000 or
 * twolayer:k=4,m=8,n=1000, seconds to minutes for a basins map, in single
 * calls that cannot be sliced into ticks). The frame that starts one
 * waits for it until APP_COARSE_MS have passed since the frame began, so
 * that where it is quick (the classic objectives: a few ms) the frame
 * shows its result at once, as `saddle render` does; otherwise the panel
 * says "finding stationary points…" or "computing map…", the keys are
 * answered, and the loop looks for the result every APP_POLL_MS. A frame
 * does not wait at all when a key is already waiting for the next one.
 * A job for a view that has changed since is cancelled. */
#define APP_COARSE_MS	20
#define APP_COARSE	4
#define APP_REFINE_MS	20
#define APP_POLL_MS	10

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
	/* The racers wait for the points their monitors watch (stepping
	 * unwatched, they would all be run again when those come). */
	if (a->v->watch_wanted && !a->v->watch_valid) {
		a->clock = now;
		return;
	}
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

/* Whether the field is still coarse: work for the idle ticks. */
static int
app_refining(const app *a)
{
	return a->v->field.valid && a->v->field.coarse > 1;
}

/* Whether the points or the map are being computed. */
static int
app_waiting(const app *a)
{
	return a->points_job != NULL || a->watch_job != NULL ||
	    overlay_pending(&a->ov);
}

/* Forget the costs measured on another objective. */
static void
app_costs(app *a)
{
	if (strncmp(a->cost_of, a->v->obj->spec, sizeof a->cost_of) == 0)
		return;
	snprintf(a->cost_of, sizeof a->cost_of, "%s", a->v->obj->spec);
	a->sample_s = 0;
}

/* Learn the cost of one sample from n evaluations that took dt seconds. */
static void
app_measure(app *a, size_t n, double dt)
{
	app_costs(a);
	if (n >= APP_MEASURE_MIN)
		a->sample_s = dt / (double)n;
}

/* Stop finding points and computing the map, and wait for every job
 * dropped so far: the view is about to free the objective they borrow
 * (view.h). Cancelled jobs run out within a few milliseconds. */
static void
app_release(void *arg)
{
	app *a = arg;

	job_drop(a->points_job);
	a->points_job = NULL;
	job_drop(a->watch_job);
	a->watch_job = NULL;
	overlay_stop(&a->ov);
	job_reap(1);
}

/* Give the racers' monitors what the finder found (none when it failed:
 * the racers then run unwatched) and run them again, watched (view.h);
 * takes the list. */
static void
app_watch_take(app *a, sd_point_list *list)
{
	char *cause = NULL;

	if (view_take_watch(a->v, list, &cause) != 0)
		app_fail(a, cause);
	if (list != NULL)
		sd_point_list_done(list);
}

/* The points just found over the home window with the defaults are what
 * the monitors watch too: one finder run serves both. */
static void
app_watch_from_points(app *a)
{
	sd_point_list copy;
	char *cause = NULL;

	if (a->v->watch_valid || !a->v->watch_wanted)
		return;
	job_drop(a->watch_job);
	a->watch_job = NULL;
	if (view_copy_points(&copy, &a->v->points, &cause) != 0) {
		app_fail(a, cause);
		app_watch_take(a, NULL);
		return;
	}
	app_watch_take(a, &copy);
}

/* Find the points the racers' monitors watch (those of the home window)
 * in the background, as app_points does the view's: a run for an older
 * chart or objective is cancelled, none is started while the view's own
 * run finds the same points, and one started here is waited for up to ms
 * milliseconds. Returns nonzero when they arrived. */
static int
app_watch(app *a, double ms)
{
	view *v = a->v;
	sd_point_list list;
	char *cause = NULL;

	if (a->watch_job != NULL && (v->watch_valid ||
	    a->watch_for != v->watch_gen)) {
		job_drop(a->watch_job);
		a->watch_job = NULL;
	}
	if (v->watch_valid || !v->watch_wanted ||
	    (a->points_job != NULL && a->points_home))
		return 0;
	if (v->points_valid && !v->all && memcmp(&v->window, &v->home,
	    sizeof v->window) == 0) {
		app_watch_from_points(a);
		return 1;
	}
	if (a->watch_job == NULL) {
		if ((a->watch_job = job_points(v->obj, &v->chart, &v->home,
		    NULL, &cause)) == NULL) {
			app_fail(a, cause);
			app_watch_take(a, NULL);
			return 1;
		}
		a->watch_for = v->watch_gen;
	} else
		ms = 0;
	if (!job_wait(a->watch_job, ms))
		return 0;
	if (job_take_points(a->watch_job, &list, &cause) == 0)
		app_watch_take(a, &list);
	else {
		app_fail(a, cause);
		app_watch_take(a, NULL);
	}
	job_free(a->watch_job);
	a->watch_job = NULL;
	return 1;
}

/* Settle the points with what the finished job found (none when it
 * failed, so that the finder is not run again for the same view). */
static void
app_points_done(app *a)
{
	sd_point_list list;
	char *cause = NULL;

	if (job_take_points(a->points_job, &list, &cause) == 0)
		view_take_points(a->v, &list);
	else {
		view_take_points(a->v, NULL);
		app_fail(a, cause);
	}
	job_free(a->points_job);
	a->points_job = NULL;
	if (a->points_home)
		app_watch_from_points(a);
}

/* Bring the stationary points up to date in the background: a finder run
 * for an older view is cancelled, one for this view started, and a run
 * started here waited for up to ms milliseconds. Returns nonzero when the
 * points arrived. */
static int
app_points(app *a, double ms)
{
	view *v = a->v;
	sd_finder_options fo;
	char *cause = NULL;

	if (a->points_job != NULL && (v->points_valid ||
	    a->points_for != v->points_gen)) {
		job_drop(a->points_job);
		a->points_job = NULL;
	}
	if (v->points_valid)
		return 0;
	if (a->points_job == NULL) {
		view_points_options(v, &fo);
		if ((a->points_job = job_points(v->obj, &v->chart, &v->window,
		    &fo, &cause)) == NULL) {
			view_take_points(v, NULL);
			app_fail(a, cause);
			return 1;
		}
		a->points_for = v->points_gen;
		a->points_home = fo.near == 0 && memcmp(&v->window, &v->home,
		    sizeof v->window) == 0;
	} else
		ms = 0;
	if (!job_wait(a->points_job, ms))
		return 0;
	app_points_done(a);
	return 1;
}

/* How long this frame may still wait for a job: what is left of
 * APP_COARSE_MS since it began at t0, and nothing when a key is already
 * waiting for the next frame. */
static double
app_left(app *a, double t0)
{
	if (a->io.ready(a))
		return 0;
	return fmax(0, APP_COARSE_MS - (app_now() - t0) * 1e3);
}

/* One idle tick's work: refine the field for about APP_REFINE_MS. */
static void
app_idle(app *a)
{
	view *v = a->v;
	double t0 = app_now(), per_row;
	size_t n, rows = 1;

	per_row = a->sample_s * (double)v->field.cols;
	if (per_row > 0)
		rows = (size_t)(APP_REFINE_MS / 1e3 / per_row) + 1;
	view_refine(v, rows, &n);
	app_measure(a, n, app_now() - t0);
	app_dirty(a);
}

/* How long to wait for input: no time while the field is coarse, a poll
 * while a job runs, else until the next step is due (but not less than a
 * frame), or forever when nothing plays. */
static int
app_timeout(const app *a)
{
	double ms = -1;

	if (app_refining(a))
		return 0;
	if (app_waiting(a))
		ms = APP_POLL_MS;
	if (!a->playing)
		return (int)ms;
	ms = fmin(ms < 0 ? INFINITY : ms, fmax(APP_FRAME_MS,
	    ceil((1 - a->owed) / app_speed(a) * 1000)));
	return (int)ms;
}

/* The overlays and status for this frame. */
static void
app_ui(const app *a, frame_ui *ui)
{
	memset(ui, 0, sizeof *ui);
	ui->cursor = 1;
	ui->playing = a->playing;
	ui->speed = app_speed(a);
	ui->message = a->message[0] ? a->message : NULL;
	ui->error = a->error;
	ui->candidate = -1;
	if (a->editing) {
		ui->command = a->cl.text;
		ui->command_pos = a->cl.pos;
		ui->candidates = (const char *const *)a->cl.cands;
		ui->n_candidates = a->cl.n_cands;
		ui->candidate = a->cl.cand;
	}
	if (a->help)
		ui->help = app_help(&ui->n_help);
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

/* Bring the field up to date, coarse when a full one would be slow.
 * When the sample's cost is not known yet (a new objective), the coarse
 * field measures it, and the rest follows in the same frame when it fits
 * in APP_COARSE_MS: a cheap objective's first frame is exact, as
 * `saddle render` draws it, and an expensive one's is answered at once.
 * Returns nonzero when the field changed. */
static int
app_field(app *a, size_t cols, size_t rows)
{
	double t0 = app_now(), ms, dt;
	size_t coarse = 1, n = 0, m = 0;
	char *cause = NULL;
	int probe;

	app_costs(a);
	probe = a->sample_s == 0;
	ms = a->sample_s * (double)(cols * rows) * 1e3;
	if (probe || ms > APP_COARSE_MS)
		coarse = APP_COARSE;
	if (view_refresh_field(a->v, cols, rows, coarse, &n, &cause) != 0) {
		app_fail(a, cause);
		return 0;
	}
	dt = app_now() - t0;
	app_measure(a, n, dt);
	if (!probe || n == 0 || a->v->field.coarse <= 1)
		return n > 0;
	/* The probe's few samples (a sixteenth) time the rest well enough
	 * to tell a millisecond from a tenth of a second. */
	a->sample_s = dt / (double)n;
	if (a->sample_s * (double)(cols * rows - n) * 1e3 <= APP_COARSE_MS -
	    dt * 1e3) {
		view_refine(a->v, rows, &m);
		app_measure(a, n + m, app_now() - t0);
	}
	return 1;
}

/* Keep the map overlay in step with the view, waiting up to ms for a map
 * it starts; nonzero when the base layer must be redrawn. */
static int
app_map(app *a, double ms)
{
	char *cause = NULL;
	int rc;

	rc = overlay_update(&a->ov, a->v, (size_t)a->lay.plot.w,
	    (size_t)a->lay.plot.h, ms, &cause);
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
	double t0 = app_now();
	size_t cols, rows;
	frame_ui ui;

	app_size(a);
	if (a->lay.too_small) {
		frame_too_small(&ctx);
		app_send(a);
		return;
	}
	draw_field_size(&a->lay, &cols, &rows);
	job_reap(0);
	if (app_field(a, cols, rows) != 0)
		a->base_dirty = 1;
	if (a->v->field.valid && app_points(a, app_left(a, t0)) != 0)
		a->base_dirty = 1;
	app_watch(a, app_left(a, t0));
	if (app_map(a, app_left(a, t0)) != 0)
		a->base_dirty = 1;
	if (a->base_dirty) {
		frame_base(&bctx, a->v, &a->lay, &a->ov);
		a->base_dirty = 0;
	}
	canvas_copy(a->frame, a->base);
	app_ui(a, &ui);
	frame_top(&ctx, a->v, &a->lay, &a->ov, &ui);
	app_send(a);
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
	v->release = app_release;
	v->release_arg = a;
	v->watch_defer = 1;
	return 0;
}

void
app_loop(app *a)
{
	screen_event ev;

	while (!a->quit) {
		app_draw(a);
		a->io.read(a, app_timeout(a), &ev);
		app_event(a, &ev);
		if (ev.type == SCREEN_EVENT_NONE && app_refining(a))
			app_idle(a);
		app_animate(a);
	}
}

void
app_close(app *a)
{
	/* The terminal first, so that it is back at once; then the jobs,
	 * which are cancelled and run out within a few milliseconds. */
	screen_close(a->scr);
	app_release(a);
	a->v->release = NULL;
	a->v->release_arg = NULL;
	a->v->watch_defer = 0;
	cmdline_done(&a->cl);
	overlay_done(&a->ov);
	canvas_free(a->frame);
	canvas_free(a->base);
}

int
app_run(view *v, const theme *th, int depth, char **cause)
{
	app a;

	if (app_open(&a, v, th, depth, cause) != 0)
		return -1;
	app_loop(&a);
	app_close(&a);
	if (a.quit_signal != 0)
		screen_die(a.quit_signal);
	return 0;
}
