/* SPDX-License-Identifier: GPL-3.0-or-later */
/* overlay_ntk.c: the N key's and :ntk's overlay (overlay.h): the NTK
 * twin of the objective in view (§6.1: the network's linearization at
 * θ₀, or the network when the view is the model) sampled at the braille
 * dots of the plot, whose level lines draw_ntk.c puts over the heatmap.
 *
 * The twin is built and sampled on a task (job.h): building the model
 * solves its least-squares problem, O(n·D² + D³), and the model has no
 * slice, so each of its samples costs O(n·D); rows are sampled one at a
 * time and a cancelled task stops between two. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/vec.h"
#include "landscape/slice.h"
#include "objectives/ntk.h"
#include "overlay.h"

/* θ₀ lies on a chart when its offset is at most this share of 1 + ‖θ₀‖
 * (rounding of the projection). */
#define NTK_ON_CHART	1e-9

/* What the task samples, and where it leaves the samples. */
struct ntk_task {
	char		*spec;		/* the twin's */
	sd_chart	 chart;		/* the view's, copied */
	sd_window	 window;
	size_t		 cols, rows;
	double		*f;		/* rows × cols, row-major */
	int		 network;	/* the view is the network */
	int		 away;		/* θ₀ is off the view's chart */
	sd_chart	 through;	/* then the model's own chart,
					 * through θ₀ */
};

static void
ntk_task_free(void *arg)
{
	struct ntk_task *t = arg;

	free(t->spec);
	sd_chart_done(&t->chart);
	if (t->away)
		sd_chart_done(&t->through);
	free(t->f);
	free(t);
}

/* The twin's samples at the centres of cols × rows cells of the window,
 * a row at a time (sd_slice_grid: the twin's projections where it has
 * them). */
static int
ntk_sample(job *self, const sd_objective *twin, struct ntk_task *t,
    char **cause)
{
	const sd_window *w = &t->window;
	double *a, *work, b;
	sd_slice sl;
	size_t i, j;
	int rc = 0;

	sd_slice_init(&sl);
	if (sd_slice_update(&sl, twin, &t->chart, cause) != 0)
		return -1;
	a = malloc((t->cols + twin->dim) * sizeof *a);
	if (a == NULL) {
		sd_slice_done(&sl);
		return sd_fail(cause, "out of memory");
	}
	work = a + t->cols;
	for (i = 0; i < t->cols; i++)
		a[i] = w->xmin + (i + 0.5) * (w->xmax - w->xmin) / t->cols;
	for (j = 0; j < t->rows && rc == 0; j++) {
		if (job_cancelled(self)) {
			rc = sd_fail(cause, "ntk: cancelled");
			break;
		}
		b = w->ymax - (j + 0.5) * (w->ymax - w->ymin) / t->rows;
		sd_slice_grid(&sl, twin, &t->chart, t->cols, a, 1, &b,
		    t->f + j * t->cols, t->cols, work);
	}
	free(a);
	sd_slice_done(&sl);
	return rc;
}

/* Whether the model's θ₀ (the origin of its own chart) lies off the
 * view's chart of the network, by more than rounding: then the model's
 * chart is kept in t->through, and the view moves there, since the
 * linearization says something only around θ₀. */
static int
ntk_away(const sd_objective *model, struct ntk_task *t, char **cause)
{
	double a, b, off;

	if (sd_chart_init_default(&t->through, model, cause) != 0)
		return -1;
	sd_chart_project(&t->chart, t->through.origin, &a, &b, &off);
	t->away = t->through.origin != NULL && !(off <= NTK_ON_CHART *
	    (1 + sd_norm(t->through.origin, model->dim)));
	if (!t->away)
		sd_chart_done(&t->through);
	return 0;
}

/* The task: build the twin, see whether the view is around θ₀, sample
 * the twin if it is. */
static int
ntk_run(job *self, const sd_objective *obj, void *arg, char **cause)
{
	struct ntk_task *t = arg;
	sd_objective *twin;
	int rc = 0;

	(void)obj;
	if ((twin = sd_objective_new(t->spec, cause)) == NULL)
		return -1;
	if (t->network)
		rc = ntk_away(twin, t, cause);
	if (rc == 0 && !t->away)
		rc = ntk_sample(self, twin, t, cause);
	sd_objective_free(twin);
	return rc;
}

/* Drop the samples and the task making them. */
static void
ntk_forget(overlay_ntk *n)
{
	job_drop(n->job);
	n->job = NULL;
	free(n->f);
	n->f = NULL;
	n->keyed = 0;
}

int
overlay_ntk_set(overlay *o, const view *v, int on, char **cause)
{
	overlay_ntk *n = &o->ntk;

	if (on && sd_ntk_check(v->obj, "ntk", cause) != 0)
		return -1;
	if (!on)
		ntk_forget(n);
	n->on = on;
	return 0;
}

int
overlay_ntk_cancel(overlay *o)
{
	overlay_ntk *n = &o->ntk;
	int running = n->job != NULL;

	if (running) {
		ntk_forget(n);
		n->on = 0;
	}
	return running;
}

/* Start sampling the twin of v for cols × rows dots. */
static int
ntk_start(overlay_ntk *n, const view *v, size_t cols, size_t rows,
    char **cause)
{
	struct ntk_task *t;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return sd_fail(cause, "out of memory");
	t->window = v->window;
	t->cols = cols;
	t->rows = rows;
	if ((t->spec = sd_ntk_twin_spec(v->obj, cause)) == NULL ||
	    (t->f = malloc(cols * rows * sizeof *t->f)) == NULL ||
	    sd_chart_copy(&t->chart, &v->chart, cause) != 0) {
		if (t->spec != NULL && t->f == NULL)
			sd_fail(cause, "out of memory");
		free(t->spec);
		free(t->f);
		free(t);
		return -1;
	}
	n->model = sd_ntk_is_model(v->obj);
	t->network = !n->model;
	n->job = job_task(NULL, ntk_run, t, ntk_task_free, cause);
	return n->job != NULL ? 0 : -1;
}

/* Take the finished task's samples: 1; or 2 with the chart through θ₀
 * in *through; or -1 with *cause. */
static int
ntk_take(overlay_ntk *n, sd_chart *through, char **cause)
{
	struct ntk_task *t = job_task_arg(n->job);
	int rc = job_task_result(n->job, cause);

	if (rc == 0 && t->away) {
		/* The chart moves to the caller, which shows it; the key
		 * changes with it and the twin is sampled there. */
		*through = t->through;
		t->away = 0;
		rc = 2;
	} else if (rc == 0) {
		n->f = t->f;
		t->f = NULL;
		n->cols = t->cols;
		n->rows = t->rows;
		rc = 1;
	}
	job_free(n->job);
	n->job = NULL;
	return rc;
}

int
overlay_ntk_update(overlay *o, const view *v, size_t cols, size_t rows,
    double ms, sd_chart *through, char **cause)
{
	overlay_ntk *n = &o->ntk;
	uint64_t key;

	if (!n->on)
		return 0;
	if (sd_ntk_check(v->obj, "ntk overlay off", cause) != 0) {
		overlay_ntk_set(o, v, 0, NULL);
		return -1;
	}
	key = overlay_view_key(UINT64_C(0xcbf29ce484222325), v, cols, rows);
	if (!n->keyed || key != n->key) {
		ntk_forget(n);
		n->key = key;
		n->keyed = 1;
		if (ntk_start(n, v, cols, rows, cause) != 0)
			return -1;
	}
	if (n->job == NULL || !job_wait(n->job, ms))
		return 0;
	return ntk_take(n, through, cause);
}

void
overlay_ntk_done(overlay *o)
{
	ntk_forget(&o->ntk);
	o->ntk.on = 0;
}
