/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view.c: the visualizer's model: window, cursor, field, stationary
 * points and racers (see view.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "trail.h"
#include "view.h"

static int	view_watch(view *, racer *, char **);
static int	view_replay_racer(racer *);

/* Put the cursor and the start where `run` starts by default. */
static void
view_centre(view *v)
{
	sd_window_default_start(&v->window, &v->start_a, &v->start_b);
	v->cur_a = v->start_a;
	v->cur_b = v->start_b;
}

/* Free the objective, or hand it to the release hook when work still
 * borrows it. */
static void
view_free_objective(view *v)
{
	if (v->obj != NULL && v->release != NULL &&
	    v->release(v->release_arg, v->obj))
		return;
	sd_objective_free(v->obj);
}

int
view_init(view *v, sd_objective *obj, const sd_window *window,
    char **cause)
{
	memset(v, 0, sizeof *v);
	v->obj = obj;
	v->bands = VIEW_BANDS;
	v->contours = v->markers = 1;
	v->tol = 1e-6;
	if (sd_chart_init_default(&v->chart, obj, cause) != 0) {
		sd_objective_free(obj);
		v->obj = NULL;
		return -1;
	}
	snprintf(v->chart_name, sizeof v->chart_name, "default");
	v->home = window ? *window : v->chart.window;
	v->window = v->home;
	view_centre(v);
	if (sd_field_init(&v->field, obj->dim, cause) != 0) {
		view_done(v);
		return -1;
	}
	return 0;
}

void
view_done(view *v)
{
	int i;

	for (i = 0; i < v->n_racers; i++)
		racer_free(v->racers[i]);
	for (i = 0; i < v->n_pending; i++)
		free(v->pending[i].set);
	if (v->points_valid)
		sd_point_list_done(&v->points);
	if (v->watch_valid)
		sd_point_list_done(&v->watch);
	sd_field_done(&v->field);
	view_clear_line(v);
	if (v->obj != NULL)
		sd_chart_done(&v->chart);
	view_free_objective(v);
	memset(v, 0, sizeof *v);
}

/* Forget the watch points (the chart or the objective changed): the
 * racers' monitors borrow them, so they stop watching first (racers that
 * run again watch the new points, view_replay). */
static void
view_forget_watch(view *v)
{
	int i;

	for (i = 0; i < v->n_racers; i++)
		racer_unwatch(v->racers[i]);
	if (v->watch_valid)
		sd_point_list_done(&v->watch);
	v->watch_valid = 0;
	v->watch_wanted = 0;
	v->watch_gen++;
}

/* Forget the stationary points (the window or objective changed). */
static void
view_forget_points(view *v)
{
	if (v->points_valid)
		sd_point_list_done(&v->points);
	v->points_valid = 0;
	v->points_gen++;
}

int
view_set_objective(view *v, sd_objective *obj, char **cause)
{
	const sd_optimizer_type *types[VIEW_RACERS_MAX];
	char *sets[VIEW_RACERS_MAX];
	sd_chart chart;
	sd_field field;
	int i, n, rc = 0;

	if (sd_chart_init_default(&chart, obj, cause) != 0) {
		sd_objective_free(obj);
		return -1;
	}
	if (sd_field_init(&field, obj->dim, cause) != 0) {
		sd_chart_done(&chart);
		sd_objective_free(obj);
		return -1;
	}
	/* The racers keep their methods and --set; everything else is
	 * built anew for the new objective. */
	n = v->n_racers;
	for (i = 0; i < n; i++) {
		types[i] = v->racers[i]->opt->type;
		sets[i] = v->racers[i]->set;
		v->racers[i]->set = NULL;
		racer_free(v->racers[i]);
	}
	for (i = 0; i < v->n_pending; i++) {
		types[n] = v->pending[i].type;
		sets[n++] = v->pending[i].set;
	}
	v->n_racers = v->n_pending = v->selected = 0;
	v->scale_valid = 0;
	view_clear_line(v);
	view_forget_points(v);
	view_forget_watch(v);
	sd_field_done(&v->field);
	sd_chart_done(&v->chart);
	view_free_objective(v);
	v->obj = obj;
	v->chart = chart;
	snprintf(v->chart_name, sizeof v->chart_name, "default");
	v->field = field;
	readout_invalidate(&v->cursor);
	v->home = v->window = chart.window;
	view_centre(v);
	for (i = 0; i < n; i++) {
		if (rc == 0 && view_add_racer(v, types[i], sets[i], cause) != 0)
			rc = -1;
		free(sets[i]);
	}
	return rc;
}

/* Run every racer again from its own start and seed for as many steps
 * as it had taken, watching the current chart's points: here, or with
 * defer, step by step between keys (view_replay_step). */
static int
view_replay(view *v, char **cause)
{
	racer *r;
	size_t n;
	int k;

	for (k = 0; k < v->n_racers; k++) {
		r = v->racers[k];
		/* One that never started (its start was not finite) watches
		 * from its next start on. */
		if ((n = r->trace.n) == 0) {
			if (view_watch(v, r, cause) != 0)
				return -1;
			continue;
		}
		/* racer_start_x copies the start before the trace is
		 * cleared. */
		if (view_watch(v, r, cause) != 0 ||
		    racer_start_x(r, r->trace.x, r->opt->seed, cause) != 0)
			return -1;
		r->replay_to = n;
		while (!v->defer && view_replay_racer(r))
			continue;
	}
	return 0;
}

/* One step of r's replay; nonzero while it is still behind. */
static int
view_replay_racer(racer *r)
{
	if (r->replay_to > r->trace.n && racer_step(r) &&
	    r->trace.n < r->replay_to)
		return 1;
	r->replay_to = 0;
	return 0;
}

size_t
view_replay_step(view *v)
{
	size_t behind = 0;
	int k;

	for (k = 0; k < v->n_racers; k++) {
		if (v->racers[k]->replay_to > 0 &&
		    view_replay_racer(v->racers[k]))
			behind += v->racers[k]->replay_to -
			    v->racers[k]->trace.n;
	}
	return behind;
}

size_t
view_replaying(const view *v)
{
	size_t behind = 0;
	int k;

	for (k = 0; k < v->n_racers; k++) {
		if (v->racers[k]->replay_to > v->racers[k]->trace.n)
			behind += v->racers[k]->replay_to -
			    v->racers[k]->trace.n;
	}
	return behind;
}

void
view_replay_stop(view *v)
{
	int k;

	for (k = 0; k < v->n_racers; k++)
		v->racers[k]->replay_to = 0;
}

int
view_set_chart(view *v, sd_chart *chart, const sd_window *window,
    char **cause)
{
	double *x;
	int rc = 0;

	if ((x = malloc(v->obj->dim * sizeof *x)) == NULL) {
		sd_chart_done(chart);
		return sd_fail(cause, "out of memory");
	}
	sd_chart_lift(&v->chart, v->cur_a, v->cur_b, x);
	sd_chart_done(&v->chart);
	v->chart = *chart;
	memset(chart, 0, sizeof *chart);
	v->home = v->window = window ? *window : v->chart.window;
	sd_field_invalidate(&v->field);
	readout_invalidate(&v->cursor);
	view_forget_points(v);
	view_forget_watch(v);
	if (v->n_racers == 0 || v->racers[0]->trace.n == 0) {
		view_centre(v);
	} else {
		sd_chart_project(&v->chart, x, &v->cur_a, &v->cur_b, NULL);
		view_clamp_cursor(v);
		sd_chart_project(&v->chart, v->racers[0]->trace.x, &v->start_a,
		    &v->start_b, NULL);
		rc = view_replay(v, cause);
	}
	free(x);
	return rc;
}

int
view_choose_chart(view *v, const char *text, const sd_window *window,
    char **cause)
{
	const racer *r = v->n_racers ? v->racers[v->selected] : NULL;
	const sd_chart_choice_type *t = sd_chart_choice_find(text);
	char here[96], name[VIEW_CHART_NAME];
	sd_chart chart;

	snprintf(name, sizeof name, "%s", text);
	if (t != NULL && t->arg == SD_CHART_ARG_NEEDED && view_chart_bare(t)) {
		snprintf(here, sizeof here, "%s:%.17g,%.17g", t->name,
		    v->cur_a, v->cur_b);
		snprintf(name, sizeof name, "%s:%.4g,%.4g", t->name, v->cur_a,
		    v->cur_b);
		text = here;
	}
	if (sd_chart_init_text(&chart, v->obj, text, &v->chart,
	    r ? r->trace.x : NULL, r ? r->trace.n : 0, cause) != 0)
		return -1;
	if (view_set_chart(v, &chart, window, cause) != 0)
		return -1;
	/* Named once shown, so that a failure leaves the old name. */
	memcpy(v->chart_name, name, sizeof name);
	return 0;
}

/* A choice needs no argument, may leave it out, or its argument is one
 * point, which the cursor supplies. */
int
view_chart_bare(const sd_chart_choice_type *t)
{
	return t->arg != SD_CHART_ARG_NEEDED || t->points == 1;
}

void
view_set_all(view *v, int all)
{
	v->all = all != 0;
	view_forget_points(v);
}

int
view_off_slice(const view *v, double offset)
{
	return offset > sd_finder_slice_tol(&v->window);
}

void
view_set_window(view *v, const sd_window *window)
{
	v->window = *window;
	view_forget_points(v);
	view_clamp_cursor(v);
}

void
view_clamp_cursor(view *v)
{
	if (v->cur_a < v->window.xmin)
		v->cur_a = v->window.xmin;
	if (v->cur_a > v->window.xmax)
		v->cur_a = v->window.xmax;
	if (v->cur_b < v->window.ymin)
		v->cur_b = v->window.ymin;
	if (v->cur_b > v->window.ymax)
		v->cur_b = v->window.ymax;
}

/* Have r's monitor watch the stationary points of the home window (found
 * once per objective and chart), so that its events do not depend on the
 * zoom. */
static int
view_watch(view *v, racer *r, char **cause)
{
	if (!v->watch_valid && v->defer) {
		/* Found elsewhere: r runs unwatched until view_take_watch
		 * runs it again. */
		v->watch_wanted = 1;
		racer_unwatch(r);
		return 0;
	}
	if (!v->watch_valid) {
		if (sd_finder_run(v->obj, &v->chart, &v->home, NULL, &v->watch,
		    cause) != 0)
			return -1;
		v->watch_valid = 1;
	}
	return racer_watch(r, &v->watch, &v->chart, &v->home, v->tol, cause);
}

/* A racer of type with set for the view's objective, on its scale
 * (measured here once per objective, unless a front end measures it
 * elsewhere: then none can be made until it has, view_take_scale). */
static racer *
view_racer_new(view *v, const sd_optimizer_type *type, const char *set,
    char **cause)
{
	if (!v->scale_valid && v->defer) {
		sd_fail(cause, "the optimizers' defaults are still being "
		    "measured on %s: try again in a moment", v->obj->spec);
		return NULL;
	}
	if (!v->scale_valid) {
		if (sd_objective_scale(v->obj, &v->scale, cause) != 0)
			return NULL;
		v->scale_valid = 1;
	}
	return racer_new(type, v->obj, set, &v->scale, cause);
}

/* Remember a racer to add once the scale is known, its parameters
 * checked now (on a stand-in scale: a bad key or value is an error
 * at once, not seconds later). */
static int
view_pend(view *v, const sd_optimizer_type *type, const char *set,
    char **cause)
{
	static const sd_scale unit = { 1, 1, 1 };
	racer *r;
	char *copy = NULL;

	if ((r = racer_new(type, v->obj, set, &unit, cause)) == NULL)
		return -1;
	racer_free(r);
	if (set != NULL && (copy = strdup(set)) == NULL)
		return sd_fail(cause, "out of memory");
	v->pending[v->n_pending].type = type;
	v->pending[v->n_pending++].set = copy;
	return 0;
}

int
view_take_scale(view *v, const sd_scale *scale, char **cause)
{
	int i, n = v->n_pending, rc = 0;

	v->scale = *scale;
	v->scale_valid = 1;
	v->n_pending = 0;
	for (i = 0; i < n; i++) {
		if (rc == 0 && view_add_racer(v, v->pending[i].type,
		    v->pending[i].set, cause) != 0)
			rc = -1;
		free(v->pending[i].set);
	}
	return rc;
}

int
view_add_racer(view *v, const sd_optimizer_type *type, const char *set,
    char **cause)
{
	racer *r;

	if (v->n_racers + v->n_pending == VIEW_RACERS_MAX)
		return sd_fail(cause, "already %d racers: remove one with d "
		    "or change its method with o", VIEW_RACERS_MAX);
	if (v->defer && !v->scale_valid)
		return view_pend(v, type, set, cause);
	if ((r = view_racer_new(v, type, set, cause)) == NULL)
		return -1;
	if (view_watch(v, r, cause) != 0 ||
	    racer_start(r, &v->chart, v->start_a, v->start_b,
	    v->seed + (unsigned long)v->n_racers, cause) != 0) {
		racer_free(r);
		return -1;
	}
	v->selected = v->n_racers;
	v->racers[v->n_racers++] = r;
	return 0;
}

/* Replace the selected racer by r and start it. */
static int
view_replace(view *v, racer *r, char **cause)
{
	int k = v->selected;

	if (view_watch(v, r, cause) != 0 ||
	    racer_start(r, &v->chart, v->start_a, v->start_b,
	    v->seed + (unsigned long)k, cause) != 0) {
		racer_free(r);
		return -1;
	}
	racer_free(v->racers[k]);
	v->racers[k] = r;
	return 0;
}

int
view_set_method(view *v, const sd_optimizer_type *type, char **cause)
{
	racer *r;

	if (v->n_racers == 0)
		return view_add_racer(v, type, NULL, cause);
	if ((r = view_racer_new(v, type, NULL, cause)) == NULL)
		return -1;
	return view_replace(v, r, cause);
}

const sd_optimizer_type *
view_next_method(const view *v)
{
	const sd_optimizer_type *cur;
	size_t i;

	if (v->n_racers == 0)
		return sd_optimizer_types[0];
	cur = v->racers[v->selected]->opt->type;
	for (i = 0; sd_optimizer_types[i] != NULL; i++) {
		if (sd_optimizer_types[i] == cur)
			break;
	}
	if (sd_optimizer_types[i] == NULL || sd_optimizer_types[i + 1] == NULL)
		return sd_optimizer_types[0];
	return sd_optimizer_types[i + 1];
}

int
view_set_params(view *v, const char *set, char **cause)
{
	racer *old, *r;
	char *merged;

	if (v->n_racers == 0)
		return sd_fail(cause, "no racer to set: add one with a or "
		    ":optimizer NAME");
	old = v->racers[v->selected];
	merged = old->set ? sd_printf("%s,%s", old->set, set) : strdup(set);
	if (merged == NULL)
		return sd_fail(cause, "out of memory");
	r = view_racer_new(v, old->opt->type, merged, cause);
	free(merged);
	if (r == NULL)
		return -1;
	return view_replace(v, r, cause);
}

int
view_set_start(view *v, double a, double b, char **cause)
{
	v->start_a = a;
	v->start_b = b;
	return view_start_all(v, cause);
}

int
view_set_start_selected(view *v, double a, double b, char **cause)
{
	if (v->n_racers == 0)
		return sd_fail(cause, "no racer to start: add one with a or "
		    ":add NAME");
	return racer_start(v->racers[v->selected], &v->chart, a, b,
	    v->seed + (unsigned long)v->selected, cause);
}

int
view_start_all(view *v, char **cause)
{
	int i, rc = 0;

	for (i = 0; i < v->n_racers; i++) {
		if (racer_start(v->racers[i], &v->chart, v->start_a,
		    v->start_b, v->seed + (unsigned long)i,
		    rc == 0 ? cause : NULL) != 0)
			rc = -1;
	}
	return rc;
}

/* Each racer goes back to its own start (the first point of its run, which
 * :start … selected may have moved away from the common one); one that
 * never started goes to the common start. */
int
view_restart(view *v, char **cause)
{
	racer *r;
	int i, rc = 0;

	for (i = 0; i < v->n_racers; i++) {
		r = v->racers[i];
		if ((r->trace.n > 0 ? racer_start_x(r, r->trace.x,
		    v->seed + (unsigned long)i, rc == 0 ? cause : NULL) :
		    racer_start(r, &v->chart, v->start_a, v->start_b,
		    v->seed + (unsigned long)i, rc == 0 ? cause : NULL)) != 0)
			rc = -1;
	}
	return rc;
}

int
view_remove_racer(view *v, int k, char **cause)
{
	if (v->n_racers == 0)
		return sd_fail(cause, "no racer to remove");
	if (k < 0 || k >= v->n_racers)
		return sd_fail(cause, "remove: there is no racer %d: expected "
		    "1 to %d", k + 1, v->n_racers);
	racer_free(v->racers[k]);
	memmove(v->racers + k, v->racers + k + 1,
	    (size_t)(v->n_racers - k - 1) * sizeof *v->racers);
	v->n_racers--;
	if (v->selected > k || v->selected == v->n_racers)
		v->selected = v->selected > 0 ? v->selected - 1 : 0;
	return 0;
}

void
view_set_tol(view *v, double tol)
{
	int i;

	v->tol = tol;
	for (i = 0; i < v->n_racers; i++)
		v->racers[i]->tol = v->racers[i]->mon.tol = tol;
}

int
view_refresh_field(view *v, size_t cols, size_t rows, size_t coarse,
    size_t *evaluated, char **cause)
{
	return sd_field_update_coarse(&v->field, v->obj, &v->chart,
	    &v->window, cols, rows, coarse, evaluated, cause);
}

size_t
view_refine(view *v, size_t rows, size_t *evaluated)
{
	return sd_field_refine(&v->field, v->obj, &v->chart, rows, evaluated);
}

void
view_points_options(const view *v, sd_finder_options *opts)
{
	memset(opts, 0, sizeof *opts);
	opts->near = v->all ? SD_FINDER_NEAR : 0;
}

void
view_take_points(view *v, sd_point_list *points)
{
	if (v->points_valid)
		sd_point_list_done(&v->points);
	if (points != NULL) {
		v->points = *points;
		memset(points, 0, sizeof *points);
		/* The marks as `points` lists them: a continuum once. */
		sd_point_list_fold_continua(&v->points, v->obj, &v->chart);
	} else
		memset(&v->points, 0, sizeof v->points);
	v->points_valid = 1;
}

int
view_take_watch(view *v, sd_point_list *points, char **cause)
{
	if (v->watch_valid)
		sd_point_list_done(&v->watch);
	if (points != NULL) {
		v->watch = *points;
		memset(points, 0, sizeof *points);
	} else
		memset(&v->watch, 0, sizeof v->watch);
	v->watch_valid = 1;
	v->watch_wanted = 0;
	return view_replay(v, cause);
}

int
view_copy_points(sd_point_list *dst, const sd_point_list *src,
    char **cause)
{
	const sd_point *p;
	sd_point *q;
	size_t i;

	memset(dst, 0, sizeof *dst);
	dst->dim = src->dim;
	if (src->n > 0 && (dst->points = calloc(src->n, sizeof *q)) == NULL)
		return sd_fail(cause, "out of memory");
	dst->cap = src->n;
	for (i = 0; i < src->n; i++) {
		p = &src->points[i];
		q = &dst->points[dst->n];
		*q = *p;
		q->x = malloc(src->dim * sizeof *q->x);
		q->eigen = malloc((p->n_eigen ? p->n_eigen : 1) *
		    sizeof *q->eigen);
		if (q->x == NULL || q->eigen == NULL) {
			free(q->x);
			free(q->eigen);
			sd_point_list_done(dst);
			return sd_fail(cause, "out of memory");
		}
		memcpy(q->x, p->x, src->dim * sizeof *q->x);
		memcpy(q->eigen, p->eigen, p->n_eigen * sizeof *q->eigen);
		dst->n++;
	}
	return 0;
}

int
view_refresh_points(view *v, char **cause)
{
	sd_finder_options opts;

	view_points_options(v, &opts);
	if (v->points_valid)
		return 0;
	/* Failed or not, the points of this window are settled (none on
	 * failure), so that a front end does not try again at every tick. */
	v->points_valid = 1;
	if (sd_finder_run(v->obj, &v->chart, &v->window, &opts, &v->points,
	    cause) != 0)
		return -1;
	sd_point_list_fold_continua(&v->points, v->obj, &v->chart);
	return 0;
}

void
view_refresh_cursor(view *v)
{
	readout *pr = &v->cursor;

	if (pr->valid && pr->a == v->cur_a && pr->b == v->cur_b)
		return;
	readout_update(pr, v->obj, &v->chart, v->cur_a, v->cur_b);
}

int
view_refresh(view *v, size_t cols, size_t rows, size_t *evaluated,
    char **cause)
{
	view_refresh_cursor(v);
	if (view_refresh_field(v, cols, rows, 1, evaluated, cause) != 0)
		return -1;
	return view_refresh_points(v, cause);
}

double
view_fmin(const view *v)
{
	double m = v->field.n_finite ? v->field.fmin : INFINITY, lo, hi;
	const racer *r;
	size_t i;
	int k, nan;

	for (i = 0; v->points_valid && i < v->points.n; i++) {
		if (v->points.points[i].f < m)
			m = v->points.points[i].f;
	}
	/* Every frame asks (the loss curve's floor): the trail's block
	 * minima answer in O(steps / TRAIL_BLOCK), not O(steps). */
	for (k = 0; k < v->n_racers; k++) {
		r = v->racers[k];
		trail_f_range(r->trail, r, 0, r->trace.n, &lo, &hi, &nan);
		if (lo < m)
			m = lo;
	}
	return m;
}
