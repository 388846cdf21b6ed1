/* map.c: the chapter's landscape conditions pixel by pixel (see map.h). */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "landscape/finder.h"
#include "base/linalg.h"
#include "base/spectrum.h"
#include "landscape/map.h"
#include "optimizers/optimizer.h"
#include "landscape/survey.h"

/* Default constants, as multiples of the objective's scale (sd_scale). */
#define MAP_ALPHA	1e-3	/* × L·D */
#define MAP_BETA	1e-2	/* × L */
#define MAP_GAMMA	(1.0 / 20)	/* × D */

/* A ratio's denominator is zero to rounding below this (× the size of
 * what it is the difference of): the pixel is x* itself. */
#define MAP_ZERO	1e-12

/* The names of kinds, indexed by sd_map_kind. */
static const char *const map_kind_names[SD_MAP_KIND_COUNT] = {
	[SD_MAP_STRICT_SADDLE] = "strict-saddle",
	[SD_MAP_PL] = "pl",
	[SD_MAP_QUASICONVEX] = "quasiconvex",
	[SD_MAP_RSI] = "rsi",
	[SD_MAP_BASINS] = "basins",
};

/* The names of strict-saddle labels. */
static const char *const map_strict_names[SD_MAP_STRICT_LABELS] = {
	[SD_MAP_GRADIENT] = "gradient",
	[SD_MAP_CURVATURE] = "curvature",
	[SD_MAP_NEAR_MIN] = "near-min",
	[SD_MAP_NONE] = "none",
	[SD_MAP_UNDEFINED] = "undefined",
};

/* The order in which a strict-saddle pixel's label names the conditions
 * that hold: the most local first, so that the neighbourhoods of saddles
 * and minima show whole rather than cut by the large-gradient region. */
static const int map_precedence[SD_MAP_NONE] = {
	SD_MAP_CURVATURE, SD_MAP_NEAR_MIN, SD_MAP_GRADIENT
};

/* The names of the basins labels after the minima. */
static const char *const map_basin_names[SD_MAP_BASIN_EXTRA] = {
	[SD_MAP_BASIN_SADDLE] = "saddle",
	[SD_MAP_BASIN_DIVERGED] = "diverged",
	[SD_MAP_BASIN_NOT_CONVERGED] = "not-converged",
};

/* What one thread needs for a pixel: the point, ∇f, ∇²f and the
 * eigen-decomposition's workspace. */
struct map_work {
	double		*x, *g, *h;
	sd_spectrum	*sp;
};

/* Everything a pixel's computation reads. */
struct map_ctx {
	sd_map			*map;
	const sd_objective	*obj;
	const sd_chart		*chart;
	const double		**minima;	/* strict-saddle: the minima */
	size_t			 n_minima;
};

const char *
sd_map_kind_name(sd_map_kind kind)
{
	return (size_t)kind < SD_MAP_KIND_COUNT ? map_kind_names[kind] : "?";
}

int
sd_map_kind_parse(const char *word, sd_map_kind *kind, char **cause)
{
	size_t k;

	for (k = 0; k < SD_MAP_KIND_COUNT; k++) {
		if (word != NULL && strcmp(word, map_kind_names[k]) == 0) {
			*kind = (sd_map_kind)k;
			return 0;
		}
	}
	return sd_fail(cause, "unknown map kind '%s': expected strict-saddle, "
	    "pl, quasiconvex, rsi or basins", word ? word : "");
}

int
sd_map_kind_labels(sd_map_kind kind)
{
	return kind == SD_MAP_STRICT_SADDLE || kind == SD_MAP_BASINS;
}

int
sd_map_defaults(const sd_objective *obj, double *alpha, double *beta,
    double *gamma, char **cause)
{
	sd_scale sc;

	if (sd_objective_scale(obj, &sc, cause) != 0)
		return -1;
	*alpha = MAP_ALPHA * sc.L * sc.D;
	*beta = MAP_BETA * sc.L;
	*gamma = MAP_GAMMA * sc.D;
	return 0;
}

void
sd_map_coords(const sd_window *w, size_t cols, size_t rows, size_t i,
    size_t j, double *a, double *b)
{
	double ca = 0.5 * (w->xmin + w->xmax), cb = 0.5 * (w->ymin + w->ymax);
	double dx = (w->xmax - w->xmin) / (double)cols;
	double dy = (w->ymax - w->ymin) / (double)rows;

	/* Clamped: with an even size the first centre is the edge itself,
	 * which rounding must not push out of the window. */
	*a = fmax(ca + ((double)i - (double)(cols / 2)) * dx, w->xmin);
	*b = fmin(cb - ((double)j - (double)(rows / 2)) * dy, w->ymax);
}

void
sd_map_label_name(const sd_map *map, size_t k, char *buf, size_t len)
{
	if (map->kind == SD_MAP_STRICT_SADDLE && k < SD_MAP_STRICT_LABELS)
		snprintf(buf, len, "%s", map_strict_names[k]);
	else if (map->kind == SD_MAP_BASINS && k < map->n_minima)
		snprintf(buf, len, "min%zu", k + 1);
	else if (map->kind == SD_MAP_BASINS && k < map->n_labels)
		snprintf(buf, len, "%s", map_basin_names[k - map->n_minima]);
	else
		snprintf(buf, len, "?");
}

const sd_point *
sd_map_minimum(const sd_map *map, size_t k)
{
	if (map->survey == NULL || k >= map->n_minima)
		return NULL;
	return sd_survey_point(map->survey, map->minima[k]);
}

/* ---- per-thread work -------------------------------------------------- */

/* Release one thread's work. */
static void
map_work_done(struct map_work *w)
{
	free(w->x);
	sd_spectrum_free(w->sp);
}

/* Allocate one thread's work for dimension d. */
static int
map_work_init(struct map_work *w, const sd_objective *obj)
{
	size_t d = obj->dim;

	memset(w, 0, sizeof *w);
	if ((w->x = calloc(2 * d + d * d, sizeof *w->x)) == NULL)
		return -1;
	w->g = w->x + d;
	w->h = w->g + d;
	return (w->sp = sd_spectrum_alloc(d)) != NULL ? 0 : -1;
}

/* One work per thread OpenMP may use; NULL when out of memory. */
static struct map_work *
map_works_new(const sd_objective *obj, int *n)
{
	struct map_work *w;
	int i;

#ifdef _OPENMP
	*n = omp_get_max_threads();
#else
	*n = 1;
#endif
	if ((w = calloc((size_t)*n, sizeof *w)) == NULL)
		return NULL;
	for (i = 0; i < *n; i++) {
		if (map_work_init(&w[i], obj) != 0) {
			while (i >= 0)
				map_work_done(&w[i--]);
			free(w);
			return NULL;
		}
	}
	return w;
}

/* Release the works. */
static void
map_works_free(struct map_work *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		map_work_done(&w[i]);
	free(w);
}

/* ---- strict-saddle ---------------------------------------------------- */

/* λ_min of the (Riemannian) Hessian in w->h at x: the finder's (on a
 * sphere, of the tangent space); NaN where it is not finite. */
static double
map_lambda_min(struct map_work *w, const sd_objective *obj, const double *x)
{
	if (sd_spectrum_decompose(w->sp, w->h,
	    obj->type->manifold == SD_SPHERE ? x : NULL) != 0 ||
	    w->sp->n == 0)
		return NAN;
	return w->sp->eval[0];
}

/* The distance from x to the nearest local minimum found. */
static double
map_nearest_min(const struct map_ctx *c, const double *x)
{
	double best = INFINITY, t, s;
	size_t k, i;

	for (k = 0; k < c->n_minima; k++) {
		for (s = 0, i = 0; i < c->obj->dim; i++) {
			t = x[i] - c->minima[k][i];
			s += t * t;
		}
		best = fmin(best, s);
	}
	return sqrt(best);
}

/* Which of Definition 2.1's conditions hold at pixel p, as bits, and its
 * label. */
static void
map_strict_pixel(const struct map_ctx *c, struct map_work *w, size_t p)
{
	sd_map *map = c->map;
	const size_t d = c->obj->dim;
	double gn, lmin;
	unsigned bits = 0;
	int k;

	sd_objective_rgradient(c->obj, w->x, w->g);
	sd_objective_rhessian(c->obj, w->x, w->h);
	gn = sd_norm(w->g, d);
	lmin = map_lambda_min(w, c->obj, w->x);
	map->holds[p] = 0;
	if (!isfinite(sd_objective_f(c->obj, w->x)) || !isfinite(gn) ||
	    !isfinite(lmin)) {
		map->label[p] = SD_MAP_UNDEFINED;
		return;
	}
	bits |= (gn >= map->alpha) << SD_MAP_GRADIENT;
	bits |= (lmin <= -map->beta) << SD_MAP_CURVATURE;
	bits |= (map_nearest_min(c, w->x) <= map->gamma) << SD_MAP_NEAR_MIN;
	map->holds[p] = (unsigned char)bits;
	map->label[p] = SD_MAP_NONE;
	for (k = SD_MAP_NONE - 1; k >= 0; k--) {
		if (bits & (1u << map_precedence[k]))
			map->label[p] = map_precedence[k];
	}
}

/* ---- the ratios ------------------------------------------------------- */

/* The ratio of pixel p: pl, quasiconvex or rsi against f* and x*; NaN
 * where a value is not finite or the denominator is zero to rounding. */
static void
map_ratio_pixel(const struct map_ctx *c, struct map_work *w, size_t p)
{
	sd_map *map = c->map;
	const size_t d = c->obj->dim;
	double f, df, gx = 0, r2 = 0, t, v = NAN;
	size_t i;

	f = sd_objective_f(c->obj, w->x);
	sd_objective_rgradient(c->obj, w->x, w->g);
	for (i = 0; i < d; i++) {
		t = w->x[i] - map->xstar[i];
		gx += w->g[i] * t;
		r2 += t * t;
	}
	df = f - map->fstar;
	switch (map->kind) {
	case SD_MAP_PL:
		if (fabs(df) > MAP_ZERO * fmax(fabs(f), fabs(map->fstar)))
			v = sd_dot(w->g, w->g, d) / df;
		break;
	case SD_MAP_QUASICONVEX:
		if (fabs(df) > MAP_ZERO * fmax(fabs(f), fabs(map->fstar)))
			v = gx / df;
		break;
	default:
		if (sqrt(r2) > MAP_ZERO * fmax(1, sd_norm(map->xstar, d)))
			v = gx / r2;
		break;
	}
	map->value[p] = isfinite(v) ? v : NAN;
}

/* ---- the pixel loop --------------------------------------------------- */

/* Pixel p of the map at its centre, lifted into w->x. */
static void
map_pixel(const struct map_ctx *c, struct map_work *w, size_t p)
{
	const sd_map *map = c->map;
	double a, b;

	sd_map_coords(&map->window, map->cols, map->rows, p % map->cols,
	    p / map->cols, &a, &b);
	sd_chart_lift(c->chart, a, b, w->x);
	if (map->kind == SD_MAP_STRICT_SADDLE)
		map_strict_pixel(c, w, p);
	else
		map_ratio_pixel(c, w, p);
}

/* Every pixel, over the threads: each writes only its own. */
static int
map_pixels(const struct map_ctx *c, char **cause)
{
	const long n = (long)(c->map->cols * c->map->rows);
	struct map_work *works;
	int n_works;
	long p;

	if ((works = map_works_new(c->obj, &n_works)) == NULL)
		return sd_fail(cause, "out of memory");
#ifdef _OPENMP
#pragma omp parallel num_threads(n_works)
	{
		struct map_work *w = &works[omp_get_thread_num()];

#pragma omp for schedule(dynamic, 64)
		for (p = 0; p < n; p++)
			map_pixel(c, w, (size_t)p);
	}
#else
	for (p = 0; p < n; p++)
		map_pixel(c, works, (size_t)p);
#endif
	map_works_free(works, n_works);
	return 0;
}

/* ---- the kinds -------------------------------------------------------- */

/* Strict-saddle: the finder looks γ beyond the window (on a plane chart)
 * so that a pixel near the edge sees a minimum just outside. */
static int
map_strict(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    char **cause)
{
	struct map_ctx c = { map, obj, chart, NULL, 0 };
	sd_window wide = map->window;
	size_t k;
	int rc;

	if (chart->kind == SD_CHART_PLANE) {
		wide.xmin -= map->gamma;
		wide.xmax += map->gamma;
		wide.ymin -= map->gamma;
		wide.ymax += map->gamma;
	}
	if (sd_finder_run(obj, chart, &wide, NULL, &map->points, cause) != 0)
		return -1;
	if ((c.minima = calloc(map->points.n + 1, sizeof *c.minima)) == NULL)
		return sd_fail(cause, "out of memory");
	for (k = 0; k < map->points.n; k++) {
		if (map->points.points[k].kind == SD_POINT_MIN ||
		    map->points.points[k].kind == SD_POINT_DEGENERATE_MIN)
			c.minima[c.n_minima++] = map->points.points[k].x;
	}
	rc = map_pixels(&c, cause);
	free(c.minima);
	return rc;
}

/* The ratios: f* and x* from the lowest minimum found in the window. */
static int
map_ratio(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    char **cause)
{
	struct map_ctx c = { map, obj, chart, NULL, 0 };
	const sd_point *star = NULL, *p;
	size_t k;

	if (sd_finder_run(obj, chart, &map->window, NULL, &map->points,
	    cause) != 0)
		return -1;
	for (k = 0; k < map->points.n; k++) {
		p = &map->points.points[k];
		if ((p->kind == SD_POINT_MIN ||
		    p->kind == SD_POINT_DEGENERATE_MIN) &&
		    (star == NULL || p->f < star->f))
			star = p;
	}
	if (star == NULL)
		return sd_fail(cause, "%s map of %s: no minimum found in the "
		    "window, so there is no f* or x*", sd_map_kind_name(
		    map->kind), obj->spec);
	if ((map->xstar = malloc(obj->dim * sizeof *map->xstar)) == NULL)
		return sd_fail(cause, "out of memory");
	memcpy(map->xstar, star->x, obj->dim * sizeof *map->xstar);
	map->fstar = star->f;
	map->star_a = star->a;
	map->star_b = star->b;
	return map_pixels(&c, cause);
}

/* The label of an end: its minimum's, or what else happened. */
static int
map_basin_label(const sd_map *map, const size_t *label_of, sd_outcome o,
    int point)
{
	if ((o == SD_OUTCOME_GLOBAL || o == SD_OUTCOME_LOCAL) && point >= 0)
		return (int)label_of[point];
	if (o == SD_OUTCOME_SADDLE)
		return (int)map->n_minima + SD_MAP_BASIN_SADDLE;
	if (o == SD_OUTCOME_DIVERGED)
		return (int)map->n_minima + SD_MAP_BASIN_DIVERGED;
	return (int)map->n_minima + SD_MAP_BASIN_NOT_CONVERGED;
}

/* Number the minima (the points that are minima, or global minimizers
 * by value: survey.h) in the survey's order, and label every pixel. */
static int
map_basin_labels(sd_map *map, char **cause)
{
	size_t k, n = sd_survey_points(map->survey), *label_of, p;
	sd_outcome o;
	int point;

	map->minima = calloc(n + 1, sizeof *map->minima);
	label_of = calloc(n + 1, sizeof *label_of);
	if (map->minima == NULL || label_of == NULL) {
		free(label_of);
		return sd_fail(cause, "out of memory");
	}
	for (k = 0; k < n; k++) {
		if (!sd_survey_is_min(map->survey, k) &&
		    !sd_survey_is_global(map->survey, k))
			continue;
		label_of[k] = map->n_minima;
		map->minima[map->n_minima++] = k;
	}
	for (p = 0; p < map->cols * map->rows; p++) {
		o = sd_survey_end(map->survey, 0, p, &point);
		map->label[p] = map_basin_label(map, label_of, o, point);
	}
	free(label_of);
	map->n_labels = map->n_minima + SD_MAP_BASIN_EXTRA;
	return 0;
}

/* Basins: a survey whose starts are the pixels' centres. */
static int
map_basins(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_map_options *opts, char **cause)
{
	sd_survey_options so = { map->cols * map->rows, opts->steps,
	    opts->tol, opts->seed, NULL };
	double *ab;
	size_t p, n;
	int rc = -1;

	if ((ab = map->starts = malloc(2 * so.starts * sizeof *ab)) == NULL)
		return sd_fail(cause, "out of memory");
	for (p = 0; p < so.starts; p++)
		sd_map_coords(&map->window, map->cols, map->rows,
		    p % map->cols, p / map->cols, &ab[2 * p], &ab[2 * p + 1]);
	so.ab = ab;
	map->optimizer = opts->optimizer != NULL ? opts->optimizer :
	    sd_optimizer_lookup("gd");
	if ((map->survey = sd_survey_new(obj, chart, &map->window, &so,
	    cause)) != NULL &&
	    sd_survey_add(map->survey, map->optimizer, opts->params,
	    cause) == 0 &&
	    sd_survey_iterate(map->survey, so.starts, cause) == 0 &&
	    sd_survey_finish(map->survey, cause) == 0) {
		memcpy(map->params, sd_survey_rows(map->survey, &n)->params,
		    sizeof map->params);
		rc = map_basin_labels(map, cause);
	}
	return rc;
}

/* ---- the whole map ---------------------------------------------------- */

/* Count the labels, or find the extreme ratios. */
static int
map_summarize(sd_map *map, char **cause)
{
	size_t p, n = map->cols * map->rows, k;
	double v;

	if (map->label != NULL) {
		if ((map->count = calloc(map->n_labels, sizeof *map->count)) ==
		    NULL)
			return sd_fail(cause, "out of memory");
		for (p = 0; p < n; p++)
			map->count[map->label[p]]++;
		for (p = 0; map->holds != NULL && p < n; p++) {
			for (k = 0; k < 3; k++)
				map->held[k] += (map->holds[p] >> k) & 1;
		}
		return 0;
	}
	map->vmin = map->vmax = NAN;
	for (p = 0; p < n; p++) {
		if (isnan(v = map->value[p]))
			continue;
		if (map->n_defined++ == 0 || v < map->vmin) {
			map->vmin = v;
			map->at_min = p;
		}
		if (map->n_defined == 1 || v > map->vmax) {
			map->vmax = v;
			map->at_max = p;
		}
	}
	return 0;
}

/* Check the size and the constants, filling in the defaults. */
static int
map_setup(sd_map *map, const sd_objective *obj, const sd_map_options *o,
    char **cause)
{
	double alpha = 0, beta = 0, gamma = 0;

	if (map->cols < 1 || map->rows < 1 ||
	    map->cols > SD_MAP_PIXELS_MAX / map->rows)
		return sd_fail(cause, "map: %zux%zu pixels: expected 1 to %d "
		    "in all", map->cols, map->rows, SD_MAP_PIXELS_MAX);
	if (!(map->window.xmin < map->window.xmax) ||
	    !(map->window.ymin < map->window.ymax))
		return sd_fail(cause, "map: the window is empty");
	if (o->kind != SD_MAP_STRICT_SADDLE)
		return 0;
	if ((isnan(o->alpha) || isnan(o->beta) || isnan(o->gamma)) &&
	    sd_map_defaults(obj, &alpha, &beta, &gamma, cause) != 0)
		return -1;
	map->alpha = isnan(o->alpha) ? alpha : o->alpha;
	map->beta = isnan(o->beta) ? beta : o->beta;
	map->gamma = isnan(o->gamma) ? gamma : o->gamma;
	if (!(map->alpha >= 0) || !(map->beta >= 0) || !(map->gamma >= 0) ||
	    !isfinite(map->alpha + map->beta + map->gamma))
		return sd_fail(cause, "map: α, β and γ must be finite and ≥ 0");
	return 0;
}

/* Allocate the pixels the kind needs. */
static int
map_alloc(sd_map *map, char **cause)
{
	size_t n = map->cols * map->rows;

	if (map->kind == SD_MAP_STRICT_SADDLE) {
		map->holds = calloc(n, sizeof *map->holds);
		map->n_labels = SD_MAP_STRICT_LABELS;
	}
	if (sd_map_kind_labels(map->kind))
		map->label = calloc(n, sizeof *map->label);
	else
		map->value = calloc(n, sizeof *map->value);
	if ((map->kind == SD_MAP_STRICT_SADDLE && map->holds == NULL) ||
	    (map->label == NULL && map->value == NULL))
		return sd_fail(cause, "out of memory");
	return 0;
}

int
sd_map_compute(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, size_t cols, size_t rows,
    const sd_map_options *opts, char **cause)
{
	int rc;

	sd_gsl_quiet();
	memset(map, 0, sizeof *map);
	map->kind = opts->kind;
	map->cols = cols;
	map->rows = rows;
	map->window = *window;
	map->fstar = NAN;
	if ((size_t)opts->kind >= SD_MAP_KIND_COUNT)
		return sd_fail(cause, "map: unknown kind");
	if (map_setup(map, obj, opts, cause) != 0 ||
	    map_alloc(map, cause) != 0) {
		sd_map_done(map);
		return -1;
	}
	if (map->kind == SD_MAP_STRICT_SADDLE)
		rc = map_strict(map, obj, chart, cause);
	else if (map->kind == SD_MAP_BASINS)
		rc = map_basins(map, obj, chart, opts, cause);
	else
		rc = map_ratio(map, obj, chart, cause);
	if (rc != 0 || map_summarize(map, cause) != 0) {
		sd_map_done(map);
		return -1;
	}
	return 0;
}

void
sd_map_done(sd_map *map)
{
	free(map->value);
	free(map->label);
	free(map->holds);
	free(map->count);
	free(map->xstar);
	free(map->minima);
	sd_point_list_done(&map->points);
	sd_survey_free(map->survey);	/* before the starts it borrows */
	free(map->starts);
	memset(map, 0, sizeof *map);
}
