/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey.c: many runs from the same starts, in parallel, and where they
 * end (see survey.h for the contract). */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "landscape/finder.h"
#include "optimizers/monitor.h"
#include "landscape/survey.h"
#include "landscape/survey_impl.h"

/* Runs per chunk: the chunk's pending ends are classified between
 * chunks (in run order, so the chunk's size changes nothing), and their
 * last iterates need chunk × dim doubles: at most SURVEY_CHUNK runs and
 * SURVEY_PENDING doubles. Each chunk ends with the threads waiting for
 * each other: large chunks, few waits. */
#define SURVEY_CHUNK		32768
#define SURVEY_PENDING		(1 << 18)

/* A found point is the same as an earlier one this close (× the
 * window's shorter side). */
#define SURVEY_MATCH		(1.0 / 100)

/* An end is at a global minimum within this much (× the range of f over
 * the window) of f*; the range is measured on a grid of this many points
 * a side. */
#define SURVEY_FTOL		1e-6
#define SURVEY_GRID		33

/* Quantiles of the steps. */
#define SURVEY_MEDIAN		0.5
#define SURVEY_P90		0.9

/* The names of outcomes, indexed by sd_outcome. */
static const char *const outcome_names[SD_OUTCOME_COUNT] = {
	[SD_OUTCOME_GLOBAL] = "global",
	[SD_OUTCOME_LOCAL] = "local",
	[SD_OUTCOME_SADDLE] = "saddle",
	[SD_OUTCOME_DIVERGED] = "diverged",
	[SD_OUTCOME_NOT_CONVERGED] = "not-converged",
};

/* The outcome of each stop that needs no point. */
static const sd_outcome stop_outcomes[] = {
	[STOP_DIVERGED] = SD_OUTCOME_DIVERGED,
	[STOP_STEPS] = SD_OUTCOME_NOT_CONVERGED,
	[STOP_INVALID] = SD_OUTCOME_DIVERGED,
};

const char *
sd_outcome_name(sd_outcome outcome)
{
	return (size_t)outcome < SD_OUTCOME_COUNT ? outcome_names[outcome] :
	    "?";
}

/* ---- deterministic draws ---------------------------------------------- */

/* SplitMix64's finalizer (Steele, Lea & Flood 2014): a bijection of 64-bit
 * words whose outputs pass BigCrush even for consecutive inputs. */
static uint64_t
survey_mix(uint64_t z)
{
	z += UINT64_C(0x9e3779b97f4a7c15);
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* The word of stream k for index i under seed: a function of the three
 * alone, so no run depends on which thread drew before it. */
static uint64_t
survey_hash(unsigned long seed, size_t i, unsigned k)
{
	return survey_mix(survey_mix(survey_mix((uint64_t)seed) ^
	    (uint64_t)i) ^ (uint64_t)k);
}

/* A uniform double in [0, 1) from the top 53 bits of a word. */
static double
survey_unit(uint64_t h)
{
	return (double)(h >> 11) * 0x1p-53;
}

void
sd_survey_draw(const sd_window *w, unsigned long seed, size_t i, double *a,
    double *b)
{
	*a = w->xmin + survey_unit(survey_hash(seed, i, 0)) *
	    (w->xmax - w->xmin);
	*b = w->ymin + survey_unit(survey_hash(seed, i, 1)) *
	    (w->ymax - w->ymin);
}

unsigned long
sd_survey_run_seed(unsigned long seed, size_t i)
{
	return (unsigned long)(survey_hash(seed, i, 2) & 0xffffffffu);
}

/* ---- building --------------------------------------------------------- */

/* Check the options against the limits. */
static int
survey_check(const sd_survey_options *o, const sd_window *w, char **cause)
{
	if (o->starts < 1 || o->starts > SD_SURVEY_STARTS_MAX)
		return sd_fail(cause, "survey: %zu starts: expected 1 to %d",
		    o->starts, SD_SURVEY_STARTS_MAX);
	if (o->steps > SD_SURVEY_STEPS_MAX)
		return sd_fail(cause, "survey: %zu steps: expected 0 to %d",
		    o->steps, SD_SURVEY_STEPS_MAX);
	if (!(o->tol >= 0) || !isfinite(o->tol))
		return sd_fail(cause, "survey: the tolerance must be a "
		    "number ≥ 0 (0 runs every step)");
	if (!(w->xmin < w->xmax) || !(w->ymin < w->ymax))
		return sd_fail(cause, "survey: the window is empty");
	return 0;
}

sd_survey *
sd_survey_new(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_survey_options *opts, char **cause)
{
	sd_survey *s;

	if (survey_check(opts, window, cause) != 0)
		return NULL;
	if ((s = calloc(1, sizeof *s)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	s->obj = obj;
	s->chart = chart;
	s->window = *window;
	s->opts = *opts;
	s->fstar = NAN;
	s->found.dim = obj->dim;
	if (sd_finder_run(obj, chart, window, NULL, &s->known, cause) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

int
sd_survey_add(sd_survey *s, const sd_optimizer_type *type,
    const double *params, char **cause)
{
	size_t m = s->n_methods;

	if (s->threads != NULL)
		return sd_fail(cause, "survey: methods must be added before "
		    "the runs start");
	if (m == SD_SURVEY_METHODS_MAX)
		return sd_fail(cause, "survey: at most %d optimizers",
		    SD_SURVEY_METHODS_MAX);
	s->types[m] = type;
	s->given[m] = params != NULL;
	if (params != NULL)
		memcpy(s->params[m], params, sizeof s->params[m]);
	s->n_methods++;
	return 0;
}

/* Release one thread's optimizers, monitor and start. */
static void
survey_thread_done(struct survey_thread *t, size_t n_methods)
{
	size_t m;

	for (m = 0; m < n_methods; m++)
		sd_optimizer_free(t->opt[m]);
	sd_survey_block_done(t, n_methods);
	if (t->have_mon)
		sd_monitor_done(&t->mon);
	free(t->x0);
}

/* Build one thread's optimizers (with the survey's parameters), monitor
 * and start buffer. */
static int
survey_thread_init(sd_survey *s, struct survey_thread *t, char **cause)
{
	size_t m;

	for (m = 0; m < s->n_methods; m++) {
		if ((t->opt[m] = sd_optimizer_new(s->types[m], s->obj,
		    cause)) == NULL)
			return -1;
		if (s->given[m])
			memcpy(t->opt[m]->params, s->params[m],
			    sizeof s->params[m]);
	}
	/* tol 0: the monitor reports no convergence, whose classification
	 * would allocate; the survey tests convergence itself. */
	if (sd_monitor_init(&t->mon, &s->known, s->chart, &s->window, 0,
	    cause) != 0)
		return -1;
	t->have_mon = 1;
	if ((t->x0 = calloc(s->obj->dim, sizeof *t->x0)) == NULL)
		return sd_fail(cause, "out of memory");
	return sd_survey_block_init(s, t, cause);
}

/* Undo survey_prepare, whatever it got to. */
static void
survey_unprepare(sd_survey *s)
{
	int i;

	for (i = 0; s->threads != NULL && i < s->n_threads; i++)
		survey_thread_done(&s->threads[i], s->n_methods);
	free(s->threads);
	free(s->rec);
	free(s->pending);
	free(s->ends);
	s->ends = NULL;
	s->threads = NULL;
	s->rec = NULL;
	s->pending = NULL;
}

/* Everything the runs need, built once before the first batch. */
/* The runs of a chunk: a whole number of blocks. */
static size_t
survey_chunk(const sd_survey *s)
{
	size_t n = SURVEY_PENDING / s->obj->dim;

	n = n < SURVEY_CHUNK ? n : SURVEY_CHUNK;
	return n > SD_SURVEY_BLOCK ? n / SD_SURVEY_BLOCK * SD_SURVEY_BLOCK :
	    SD_SURVEY_BLOCK;
}

static int
survey_prepare(sd_survey *s, char **cause)
{
	size_t total = s->n_methods * s->opts.starts, m;
	int i;

	if (s->n_methods == 0)
		return sd_fail(cause, "survey: no optimizer to run");
#ifdef _OPENMP
	s->n_threads = omp_get_max_threads();
#else
	s->n_threads = 1;
#endif
	s->rec = calloc(total, sizeof *s->rec);
	s->pending = calloc(survey_chunk(s) * s->obj->dim, sizeof *s->pending);
	s->threads = calloc((size_t)s->n_threads, sizeof *s->threads);
	if (s->keep_ends)
		s->ends = calloc(total * (s->obj->dim + 1), sizeof *s->ends);
	if (s->rec == NULL || s->pending == NULL || s->threads == NULL ||
	    (s->keep_ends && s->ends == NULL)) {
		survey_unprepare(s);
		return sd_fail(cause, "out of memory");
	}
	for (i = 0; i < s->n_threads; i++) {
		if (survey_thread_init(s, &s->threads[i], cause) != 0) {
			survey_unprepare(s);
			return -1;
		}
	}
	for (m = 0; m < s->n_methods; m++) {
		s->rows[m].type = s->types[m];
		memcpy(s->rows[m].params, s->threads[0].opt[m]->params,
		    sizeof s->rows[m].params);
	}
	return 0;
}

/* ---- one run ---------------------------------------------------------- */

size_t
sd_survey_escapes(const sd_event *ev, size_t n)
{
	size_t k, steps = 0;

	for (k = 0; k < n; k++) {
		if (ev[k].kind == SD_EVENT_ESCAPE_SADDLE)
			steps += ev[k].steps;
	}
	return steps;
}

int
sd_survey_keep_ends(sd_survey *s, char **cause)
{
	if (s->threads != NULL)
		return sd_fail(cause, "survey: ends must be kept before the "
		    "runs start");
	s->keep_ends = 1;
	return 0;
}

void
sd_survey_keep(sd_survey *s, size_t r, const double *x, double f)
{
	double *e;

	if (s->ends == NULL)
		return;
	e = s->ends + r * (s->obj->dim + 1);
	memcpy(e, x, s->obj->dim * sizeof *x);
	e[s->obj->dim] = f;
}

const double *
sd_survey_last(const sd_survey *s, size_t m, size_t i, double *f)
{
	const double *e;

	if (s->ends == NULL)
		return NULL;
	e = s->ends + (m * s->opts.starts + i) * (s->obj->dim + 1);
	*f = e[s->obj->dim];
	return e;
}

void
sd_survey_arrive(sd_survey *s, const struct survey_thread *t,
    const double *x, size_t slot, struct survey_record *rec)
{
	double dist;
	int idx = sd_monitor_nearest(&t->mon, x, &dist);

	if (idx >= 0 && dist < t->mon.radius[idx]) {
		rec->stop = STOP_POINT;
		rec->point = idx;
		return;
	}
	rec->stop = STOP_PENDING;
	memcpy(s->pending + slot * s->obj->dim, x,
	    s->obj->dim * sizeof *x);
}

void
sd_survey_run(sd_survey *s, struct survey_thread *t, size_t r, size_t slot)
{
	const size_t n_starts = s->opts.starts, i = r % n_starts;
	sd_optimizer *opt = t->opt[r / n_starts];
	struct survey_record *rec = &s->rec[r];
	sd_event ev[SD_MONITOR_EVENTS_MAX];
	sd_step_status st = SD_STEP_OK;
	size_t n, near;
	double a, b;

	rec->point = -1;
	sd_survey_start(s, i, &a, &b);
	sd_chart_lift(s->chart, a, b, t->x0);
	if (sd_optimizer_set(opt, t->x0, sd_survey_run_seed(s->opts.seed, i),
	    NULL) != 0) {
		rec->stop = STOP_INVALID;
		return;
	}
	n = sd_monitor_start(&t->mon, opt, ev, SD_MONITOR_EVENTS_MAX);
	near = sd_survey_escapes(ev, n);
	while (opt->grad_norm >= s->opts.tol && opt->iter < s->opts.steps &&
	    st == SD_STEP_OK) {
		st = sd_optimizer_iterate(opt);
		n = sd_monitor_observe(&t->mon, opt, st, ev,
		    SD_MONITOR_EVENTS_MAX);
		near += sd_survey_escapes(ev, n);
	}
	if (t->mon.inside >= 0)
		near += opt->iter - t->mon.entered;
	rec->steps = (uint32_t)opt->iter;
	rec->near = (uint32_t)near;
	sd_survey_keep(s, r, opt->x, opt->f);
	if (st == SD_STEP_DIVERGED)
		rec->stop = STOP_DIVERGED;
	else if (opt->grad_norm < s->opts.tol)
		sd_survey_arrive(s, t, opt->x, slot, rec);
	else
		rec->stop = STOP_STEPS;
}

/* Runs [from, to) over the threads, a block of SD_SURVEY_BLOCK runs at a
 * time; every run writes its own record. */
static void
survey_batch(sd_survey *s, size_t from, size_t to)
{
	long nb = (long)((to - from + SD_SURVEY_BLOCK - 1) / SD_SURVEY_BLOCK);
#ifdef _OPENMP
#pragma omp parallel num_threads(s->n_threads)
	{
		struct survey_thread *t = &s->threads[omp_get_thread_num()];
		long k;

#pragma omp for schedule(dynamic, 1)
		for (k = 0; k < nb; k++)
			sd_survey_block(s, t, from, from + (size_t)k *
			    SD_SURVEY_BLOCK, to);
	}
#else
	long k;

	for (k = 0; k < nb; k++)
		sd_survey_block(s, &s->threads[0], from, from + (size_t)k *
		    SD_SURVEY_BLOCK, to);
#endif
}

/* ---- the ends away from known points ---------------------------------- */

/* The found point within the match radius of x, or -1. */
static int
survey_match(const sd_survey *s, const double *x)
{
	const double side = fmin(s->window.xmax - s->window.xmin,
	    s->window.ymax - s->window.ymin);
	size_t k, i, d = s->obj->dim;
	double dist, t;

	for (k = 0; k < s->found.n; k++) {
		for (dist = 0, i = 0; i < d; i++) {
			t = x[i] - s->found.points[k].x[i];
			dist += t * t;
		}
		if (sqrt(dist) < SURVEY_MATCH * side)
			return (int)k;
	}
	return -1;
}

/* Classify x with the finder and keep it as a found point: *k is its
 * index in found, or -1 when x cannot be classified (not finite there).
 * Returns -1 with *cause when out of memory. */
static int
survey_classify(sd_survey *s, const double *x, int *k, char **cause)
{
	const double length = fmax(s->window.xmax - s->window.xmin,
	    s->window.ymax - s->window.ymin);
	sd_point_list *l = &s->found;
	sd_point pt, *grown;
	size_t cap;

	*k = -1;
	if (sd_finder_classify_scale(s->obj, x, length, &pt, NULL) != 0)
		return 0;
	sd_chart_project(s->chart, x, &pt.a, &pt.b, &pt.offset);
	if (l->n == l->cap) {
		cap = l->cap ? 2 * l->cap : 8;
		if ((grown = realloc(l->points, cap * sizeof *grown)) == NULL) {
			sd_point_done(&pt);
			return sd_fail(cause, "out of memory");
		}
		l->points = grown;
		l->cap = cap;
	}
	l->points[l->n] = pt;
	*k = (int)l->n++;
	return 0;
}

/* Give the pending runs of the batch [from, to) their points, in run
 * order (so the found points are numbered the same by any thread
 * count). */
static int
survey_resolve(sd_survey *s, size_t from, size_t to, char **cause)
{
	struct survey_record *rec;
	const double *x;
	size_t r;
	int k;

	for (r = from; r < to; r++) {
		rec = &s->rec[r];
		if (rec->stop != STOP_PENDING)
			continue;
		x = s->pending + (r - from) * s->obj->dim;
		if ((k = survey_match(s, x)) < 0 &&
		    survey_classify(s, x, &k, cause) != 0)
			return -1;
		if (k < 0) {
			rec->stop = STOP_STEPS;
			continue;
		}
		rec->stop = STOP_POINT;
		rec->point = (int32_t)(s->known.n + (size_t)k);
	}
	return 0;
}

int
sd_survey_iterate(sd_survey *s, size_t n, char **cause)
{
	size_t end = sd_survey_total(s), to, chunk = survey_chunk(s);

	if (s->threads == NULL && survey_prepare(s, cause) != 0)
		return -1;
	if (n < end - s->done)
		end = s->done + n;
	while (s->done < end) {
		to = s->done + chunk < end ? s->done + chunk : end;
		survey_batch(s, s->done, to);
		if (survey_resolve(s, s->done, to, cause) != 0)
			return -1;
		s->done = to;
	}
	return 0;
}

size_t
sd_survey_done(const sd_survey *s)
{
	return s->done;
}

size_t
sd_survey_total(const sd_survey *s)
{
	return s->n_methods * s->opts.starts;
}

size_t
sd_survey_grain(const sd_survey *s)
{
#ifdef _OPENMP
	int n = s->threads != NULL ? s->n_threads : omp_get_max_threads();
#else
	int n = 1;
#endif

	return SD_SURVEY_BLOCK * (size_t)n;
}

/* ---- the table -------------------------------------------------------- */

size_t
sd_survey_points(const sd_survey *s)
{
	return s->known.n + s->found.n;
}

const sd_point *
sd_survey_point(const sd_survey *s, size_t k)
{
	if (k < s->known.n)
		return &s->known.points[k];
	k -= s->known.n;
	return k < s->found.n ? &s->found.points[k] : NULL;
}

int
sd_survey_is_min(const sd_survey *s, size_t k)
{
	const sd_point *p = sd_survey_point(s, k);

	return p != NULL && sd_point_kind_is_min(p->kind);
}

int
sd_survey_is_global(const sd_survey *s, size_t k)
{
	return s->finished && k < sd_survey_points(s) &&
	    sd_survey_point(s, k)->f <= s->fstar + s->ftol;
}

double
sd_survey_fstar(const sd_survey *s)
{
	return s->fstar;
}

int
sd_survey_fstar_known(const sd_survey *s)
{
	return s->fstar_known;
}

/* The range of f over a grid on the window: the landscape's scale, which
 * says how close two values of f are to be the same. */
static double
survey_range(const sd_survey *s, double *work)
{
	const sd_window *w = &s->window;
	double lo = INFINITY, hi = -INFINITY, f, a, b;
	int i, j;

	for (j = 0; j < SURVEY_GRID; j++) {
		b = w->ymin + (w->ymax - w->ymin) * j / (SURVEY_GRID - 1);
		for (i = 0; i < SURVEY_GRID; i++) {
			a = w->xmin + (w->xmax - w->xmin) * i /
			    (SURVEY_GRID - 1);
			f = sd_chart_f(s->chart, s->obj, a, b, work);
			if (isfinite(f)) {
				lo = fmin(lo, f);
				hi = fmax(hi, f);
			}
		}
	}
	return hi > lo && isfinite(hi - lo) ? hi - lo : 0;
}

/* f*, the objective's known minimum or else the lowest minimum known or
 * found, and how close to it an end must be to count as a global
 * minimum: a millionth of f's range over the window (or of |f*| when f
 * is flat there). */
static int
survey_fstar(sd_survey *s, char **cause)
{
	double *work, range, known;
	size_t k;

	if ((work = calloc(s->obj->dim, sizeof *work)) == NULL)
		return sd_fail(cause, "out of memory");
	range = survey_range(s, work);
	free(work);
	s->fstar = INFINITY;
	for (k = 0; k < sd_survey_points(s); k++) {
		if (sd_survey_is_min(s, k))
			s->fstar = fmin(s->fstar, sd_survey_point(s, k)->f);
	}
	if (s->obj->type->fmin != NULL &&
	    isfinite(known = s->obj->type->fmin(s->obj->state))) {
		s->fstar = known;
		s->fstar_known = 1;
	}
	if (!isfinite(s->fstar))
		s->fstar = NAN;
	s->ftol = SURVEY_FTOL * fmax(range, isfinite(s->fstar) ?
	    fabs(s->fstar) : 0);
	if (!(s->ftol > 0))
		s->ftol = DBL_MIN;
	return 0;
}

/* The outcome of one record. A point whose f is f* to tolerance is a
 * global minimizer whatever its classification says: an end at a
 * continuum of minima (linnet3's xyz = 1) is classified from a nearby,
 * not exactly stationary, point. */
static sd_outcome
survey_outcome(const sd_survey *s, const struct survey_record *rec)
{
	const sd_point *p;

	if (rec->stop != STOP_POINT)
		return stop_outcomes[rec->stop];
	p = sd_survey_point(s, (size_t)rec->point);
	if (p->f <= s->fstar + s->ftol)
		return SD_OUTCOME_GLOBAL;
	if (sd_point_kind_is_min(p->kind))
		return SD_OUTCOME_LOCAL;
	return SD_OUTCOME_SADDLE;
}

/* qsort order of uint32_t. */
static int
survey_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return (a > b) - (a < b);
}

/* The nearest-rank quantile q of the n sorted values v. */
static size_t
survey_quantile(const uint32_t *v, size_t n, double q)
{
	size_t k = (size_t)ceil(q * (double)n);

	return v[k > 0 ? k - 1 : 0];
}

/* Fill method m's row from its records; work has room for N values. */
static void
survey_row(sd_survey *s, size_t m, uint32_t *work)
{
	const size_t n = s->opts.starts;
	struct survey_record *rec = s->rec + m * n;
	sd_survey_row *row = &s->rows[m];
	size_t i, k;

	memset(row->count, 0, sizeof row->count);
	for (i = 0; i < n; i++) {
		rec[i].outcome = (uint8_t)survey_outcome(s, &rec[i]);
		row->count[rec[i].outcome]++;
		work[i] = rec[i].steps;
	}
	for (k = 0; k < SD_OUTCOME_COUNT; k++)
		row->fraction[k] = (double)row->count[k] / (double)n;
	qsort(work, n, sizeof *work, survey_cmp);
	row->steps_median = survey_quantile(work, n, SURVEY_MEDIAN);
	row->steps_p90 = survey_quantile(work, n, SURVEY_P90);
	for (i = 0; i < n; i++)
		work[i] = rec[i].near;
	qsort(work, n, sizeof *work, survey_cmp);
	row->saddle_median = survey_quantile(work, n, SURVEY_MEDIAN);
}

int
sd_survey_finish(sd_survey *s, char **cause)
{
	uint32_t *work;
	size_t m;

	if (s->threads == NULL || s->done < sd_survey_total(s))
		return sd_fail(cause, "survey: %zu of %zu runs done",
		    s->done, sd_survey_total(s));
	if (survey_fstar(s, cause) != 0)
		return -1;
	if ((work = malloc(s->opts.starts * sizeof *work)) == NULL)
		return sd_fail(cause, "out of memory");
	s->finished = 1;
	for (m = 0; m < s->n_methods; m++)
		survey_row(s, m, work);
	free(work);
	return 0;
}

const sd_survey_row *
sd_survey_rows(const sd_survey *s, size_t *n)
{
	*n = s->finished ? s->n_methods : 0;
	return s->rows;
}

void
sd_survey_start(const sd_survey *s, size_t i, double *a, double *b)
{
	if (s->opts.ab != NULL) {
		*a = s->opts.ab[2 * i];
		*b = s->opts.ab[2 * i + 1];
	} else
		sd_survey_draw(&s->window, s->opts.seed, i, a, b);
}

sd_outcome
sd_survey_end(const sd_survey *s, size_t m, size_t i, int *point)
{
	const struct survey_record *rec = &s->rec[m * s->opts.starts + i];

	if (point != NULL)
		*point = rec->stop == STOP_POINT ? rec->point : -1;
	return (sd_outcome)rec->outcome;
}

void
sd_survey_steps(const sd_survey *s, size_t m, size_t i, size_t *steps,
    size_t *near_saddle)
{
	const struct survey_record *rec = &s->rec[m * s->opts.starts + i];

	*steps = rec->steps;
	*near_saddle = rec->near;
}

void
sd_survey_free(sd_survey *s)
{
	if (s == NULL)
		return;
	survey_unprepare(s);
	sd_point_list_done(&s->known);
	sd_point_list_done(&s->found);
	free(s);
}
