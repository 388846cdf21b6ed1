/* SPDX-License-Identifier: GPL-3.0-or-later */
/* work.c: the visualizer's slow work, on jobs (job.h) that the loop
 * starts, looks at between keys and cancels when the view moves on: the
 * field of an objective whose samples are slow, the optimizers' scale,
 * the stationary points in view and those the racers watch (see app.h).
 *
 * The rule: nothing that can take longer than a frame runs on the loop's
 * thread. A field is sampled there only when its cost, measured on this
 * objective (a new one's first frame times a few samples), fits in
 * APP_COARSE_MS; otherwise a job samples it, one sample per s × s block
 * first (s = APP_COARSE, or more when even that would not fit in
 * APP_COARSE_MS: glm:n=100000), then every sample, and the frames show each
 * pass as it comes ("computing…" in the plot until the first). After a
 * pan the first pass keeps the samples the field had and fills only the
 * strips the pan uncovered by blocks (sd_field_update_preview), then
 * those strips exactly: the landscape moves at once. After a zoom it
 * shows the old samples magnified (nothing evaluated) or shrunk within
 * a pass of blocks, then every sample. The frame shows a first pass as
 * soon as it is there (job_wait_first), without waiting for the finder
 * it lets start. The
 * frame that starts a job waits for it until APP_COARSE_MS have passed
 * since the frame began, so that where it is quick (the classic
 * objectives: a few ms) the first frame is exact, as `saddle render`
 * draws it; the loop then looks for results every APP_POLL_MS, and a
 * frame does not wait at all when a key is already waiting. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/error.h"

/* Fewer evaluations than this time nothing worth measuring. */
#define APP_MEASURE_MIN	256

/* Samples a new objective's first frame times (app_field_probe). */
#define APP_PROBE	16

int
app_waiting(const app *a)
{
	int k;

	for (k = 0; k < APP_TASKS; k++) {
		if (app_task_running(a, (app_task_slot)k))
			return 1;
	}
	return a->points_job != NULL || a->watch_job != NULL ||
	    a->field_job != NULL || a->scale_job != NULL ||
	    overlay_pending(&a->ov) || a->ov.ntk.job != NULL ||
	    view_stepping(a->v, NULL) > 0;
}

/* Forget the costs measured on another objective. */
static void
app_costs(app *a)
{
	if (strncmp(a->cost_of, a->v->obj->spec, sizeof a->cost_of) == 0)
		return;
	snprintf(a->cost_of, sizeof a->cost_of, "%s", a->v->obj->spec);
	a->sample_s = 0;
	a->readout_s = 0;
}

/* Learn the cost of one sample from n evaluations that took dt seconds. */
static void
app_measure(app *a, size_t n, double dt)
{
	app_costs(a);
	if (n >= APP_MEASURE_MIN)
		a->sample_s = dt / (double)n;
}

/* Stop every job: the view is about to free the objective they borrow
 * (view.h), which job_adopt takes while a dropped job still does.
 * Cancelled jobs run out within a few milliseconds, but an evaluation
 * under way runs to its end (1.3 s for a Hessian of glm:d=200,n=100000):
 * neither q nor a new objective waits for it. */
int
app_release(void *arg, sd_objective *obj)
{
	app *a = arg;

	job_drop(a->field_job);
	a->field_job = NULL;
	job_drop(a->scale_job);
	a->scale_job = NULL;
	job_drop(a->points_job);
	a->points_job = NULL;
	job_drop(a->watch_job);
	a->watch_job = NULL;
	overlay_stop(&a->ov);
	app_tasks_release(a);
	return job_adopt(obj);
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
double
app_left(app *a, double t0)
{
	if (a->io.ready(a))
		return 0;
	return fmax(0, APP_COARSE_MS - (app_now() - t0) * 1e3);
}

/* Whether the view's field is the one wanted: every sample, over the
 * window, at cols × rows. */
static int
app_field_current(const app *a, size_t cols, size_t rows)
{
	const sd_field *f = &a->v->field;

	return f->valid && f->coarse <= 1 && f->cols == cols &&
	    f->rows == rows && memcmp(&f->window, &a->v->window,
	    sizeof f->window) == 0;
}

/* Put what the field job made in the view's place; nonzero when it
 * changed. The job is freed once it has made the whole field. */
static int
app_field_take(app *a)
{
	sd_field out;
	char *cause = NULL;
	int rc;

	memset(&out, 0, sizeof out);
	app_costs(a);
	rc = job_take_field(a->field_job, &out, &a->sample_s, &cause);
	if (rc > 0) {
		sd_field_done(&a->v->field);
		a->v->field = out;
	}
	if (rc == 2 || rc < 0) {
		job_free(a->field_job);
		a->field_job = NULL;
	}
	if (rc < 0)
		app_fail(a, cause);
	return rc > 0;
}

/* Time a few samples of a new objective here, one after the other, so
 * that a cheap field is drawn exact and at once (as `saddle render`
 * draws it) and only a slow one goes to a job. Stops after the first
 * sample that takes longer than a millisecond: one is enough to know. */
static void
app_field_probe(app *a)
{
	const view *v = a->v;
	double t0 = app_now(), *work, s;
	size_t k;

	if ((work = malloc(v->obj->dim * sizeof *work)) == NULL)
		return;
	for (k = 0; k < APP_PROBE; k++) {
		s = (double)(k + 1) / (APP_PROBE + 1);
		(void)sd_chart_f(&v->chart, v->obj, v->window.xmin + s *
		    (v->window.xmax - v->window.xmin), v->window.ymax - s *
		    (v->window.ymax - v->window.ymin), work);
		if (app_now() - t0 > 1e-3)
			break;
	}
	free(work);
	a->sample_s = (app_now() - t0) / (double)(k + (k < APP_PROBE));
}

/* The side of the blocks of a field's first pass: APP_COARSE, or the
 * least side whose block centres fit in APP_COARSE_MS at the measured
 * cost of a sample, but never so coarse that fewer than a dozen samples
 * span the plot. */
static size_t
app_coarse(const app *a, size_t cols, size_t rows)
{
	double s = sqrt(a->sample_s * 1e3 * (double)(cols * rows) /
	    APP_COARSE_MS);
	double most = fmax((double)(cols < rows ? cols : rows) / 12, 1);

	if (!(s > APP_COARSE))
		return APP_COARSE;
	return (size_t)ceil(fmin(s, most));
}

/* Bring the field up to date: at once when its cost is known to fit in
 * APP_COARSE_MS, else on a job (a copy of the field goes with it, so
 * that a pan reuses its samples) waited for up to ms. Returns nonzero
 * when the field changed. */
static int
app_field(app *a, size_t cols, size_t rows, double ms)
{
	view *v = a->v;
	double t0 = app_now();
	size_t n = 0;
	char *cause = NULL;

	app_costs(a);
	if (a->field_job != NULL && (a->field_for != v->points_gen ||
	    a->field_cols != cols || a->field_rows != rows)) {
		job_drop(a->field_job);
		a->field_job = NULL;
	}
	if (a->field_job != NULL)
		return app_field_take(a);
	if (app_field_current(a, cols, rows))
		return 0;
	if (a->sample_s == 0)
		app_field_probe(a);
	if (a->sample_s > 0 && a->sample_s * (double)(cols * rows) * 1e3 <=
	    APP_COARSE_MS) {
		if (view_refresh_field(v, cols, rows, 1, &n, &cause) != 0) {
			app_fail(a, cause);
			return 0;
		}
		app_measure(a, n, app_now() - t0);
		return n > 0;
	}
	if ((a->field_job = job_field(v->obj, &v->chart, &v->window, cols,
	    rows, app_coarse(a, cols, rows), &v->field, &cause)) == NULL) {
		app_fail(a, cause);
		return 0;
	}
	a->field_for = v->points_gen;
	a->field_cols = cols;
	a->field_rows = rows;
	/* Not the window's any more: the plot says "computing…". */
	sd_field_invalidate(&v->field);
	job_wait_first(a->field_job, ms);
	app_field_take(a);
	return 1;
}

/* Measure the optimizers' scale for a view that defers it (view.h), the
 * racers waiting in pending meanwhile. */
static void
app_scale(app *a, double ms)
{
	view *v = a->v;
	sd_scale sc;
	char *cause = NULL;

	if (a->scale_job != NULL && (v->scale_valid ||
	    a->scale_for != v->watch_gen)) {
		job_drop(a->scale_job);
		a->scale_job = NULL;
	}
	if (v->scale_valid || !v->defer)
		return;
	if (a->scale_job == NULL) {
		if ((a->scale_job = job_scale(v->obj, &v->chart, &cause)) ==
		    NULL) {
			app_fail(a, cause);
			return;
		}
		a->scale_for = v->watch_gen;
	} else
		ms = 0;
	if (!job_wait(a->scale_job, ms))
		return;
	if (job_take_scale(a->scale_job, &sc, &cause) != 0 ||
	    view_take_scale(v, &sc, &cause) != 0)
		app_fail(a, cause);
	job_free(a->scale_job);
	a->scale_job = NULL;
}

/* The cursor's readings being taken on a task, and where. */
typedef struct work_readout {
	sd_chart	 chart;		/* a copy */
	unsigned long	 chart_gen;	/* the view's watch_gen: which chart */
	double		 a, b;
	readout		 out;
} work_readout;

static int
work_readout_run(job *self, const sd_objective *obj, void *arg,
    char **cause)
{
	work_readout *w = arg;

	(void)self;
	if (readout_update(&w->out, obj, &w->chart, w->a, w->b) != 0)
		return sd_fail(cause, "out of memory");
	return 0;
}

static void
work_readout_free(void *arg)
{
	work_readout *w = arg;

	sd_chart_done(&w->chart);
	free(w);
}

/* Taken: the panel shows them (for the point they were taken at; the
 * next frame asks again if the cursor moved on), unless the chart has
 * changed since (watch_gen counts the changes of chart). */
static void
work_readout_done(app *a, void *arg, int rc, char *cause)
{
	work_readout *w = arg;

	free(cause);
	if (rc == 0 && w->chart_gen == a->v->watch_gen)
		a->v->cursor = w->out;
	app_dirty(a);
}

/* Bring the cursor's readings up to date: here when they are quick, on a
 * task when they would take more than half a frame — as measured last
 * time, or as foreseen from the cost of a sample of f (the Hessian costs
 * about d + 2 of them: 1.3 s on glm:d=200,n=100000). A task for an
 * older point runs out before the next starts; meanwhile the panel shows
 * the readings it has. */
static void
app_readout(app *a, double ms)
{
	view *v = a->v;
	readout *pr = &v->cursor;
	work_readout *w;
	double t0 = app_now(), cost;
	char *cause = NULL;

	app_costs(a);
	cost = fmax(a->readout_s, a->sample_s * (double)(v->obj->dim + 2));
	if ((pr->valid && pr->a == v->cur_a && pr->b == v->cur_b) ||
	    app_task_running(a, APP_TASK_READOUT))
		return;
	if (cost * 1e3 <= APP_COARSE_MS / 2) {
		view_refresh_cursor(v);
		a->readout_s = app_now() - t0;
		return;
	}
	if ((w = calloc(1, sizeof *w)) == NULL)
		return;
	w->a = v->cur_a;
	w->b = v->cur_b;
	w->chart_gen = v->watch_gen;
	if (sd_chart_copy(&w->chart, &v->chart, &cause) != 0 ||
	    app_task_start(a, APP_TASK_READOUT, "reading f at the cursor",
	    v->obj, work_readout_run, w, work_readout_free, work_readout_done,
	    ms, &cause) != 0)
		app_fail(a, cause);
}

/* Take :survey's table when it is done, and say so. */
static void
app_survey(app *a)
{
	const overlay *o = &a->ov;
	char *cause = NULL;
	int rc;

	if ((rc = overlay_survey_poll(&a->ov, &cause)) < 0)
		app_fail(a, cause);
	else if (rc > 0)
		app_message(a, 0, "survey of %s: %zu starts over the view, "
		    "%zu method%s", o->survey_of, o->survey_starts, o->n_rows,
		    o->n_rows == 1 ? "" : "s");
}

int
app_work(app *a, size_t cols, size_t rows, double t0)
{
	int dirty = 0;

	job_reap(0);
	dirty |= app_tasks_poll(a);
	dirty |= view_steps_poll(a->v);
	app_survey(a);
	app_scale(a, app_left(a, t0));
	dirty |= app_field(a, cols, rows, app_left(a, t0));
	/* A first pass goes out at once: the finder it lets start is not
	 * waited for (what was left of APP_COARSE_MS held a zoom's
	 * magnified field back 25-30 ms on glm:n=100000). */
	if (a->v->field.valid && app_points(a, a->v->field.coarse > 1 ? 0 :
	    app_left(a, t0)) != 0)
		dirty = 1;
	app_watch(a, app_left(a, t0));
	app_readout(a, app_left(a, t0));
	return dirty;
}

const char *
app_busy(const app *a, char *buf, size_t len)
{
	const racer *r;

	if (app_tasks_busy(a, buf, len) != NULL)
		return buf;
	if (view_stepping(a->v, &r) > 0)
		snprintf(buf, len, "stepping %s… %.1f s  (Esc cancels)",
		    r->opt->type->name, job_now() - r->step_t0);
	else if (overlay_survey_running(&a->ov))
		snprintf(buf, len, "survey: %.0f%% of the runs done  (Esc "
		    "cancels)", 100 * overlay_survey_progress(&a->ov));
	else if (view_replaying(a->v) > 0)
		snprintf(buf, len, "running the paths again: %zu steps to go  "
		    "(Esc stops)", view_replaying(a->v));
	else if (a->steps_left > 0)
		snprintf(buf, len, "stepping: %ld steps to go  (Esc stops)",
		    a->steps_left);
	else if (a->ov.ntk.job != NULL)
		snprintf(buf, len, "ntk: sampling the %s…  (Esc cancels)",
		    a->ov.ntk.model ? "network" : "NTK model");
	else if (a->field_job != NULL)
		snprintf(buf, len, "computing the landscape… %.0f%%",
		    100 * job_progress(a->field_job));
	else if (a->scale_job != NULL)
		snprintf(buf, len, "measuring %s for the optimizers' "
		    "defaults…", a->v->obj->spec);
	else
		return NULL;
	return buf;
}
