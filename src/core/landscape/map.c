/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map.c: the engine of the maps (see map.h and map_impl.h): the registry
 * of kinds, the pixel loop over the threads, and what every map shares
 * (checking the size, allocating the pixels, counting the labels or
 * finding the extreme values). The kinds live in map_strict.c,
 * map_ratio.c and map_basins.c. */
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
#include "landscape/map_impl.h"
#include "landscape/survey.h"

/* The kinds, in the order of every list of them. Adding a kind: write its
 * sd_map_type in its own map_NAME.c (map_impl.h), declare it in map.h and
 * add one line here. */
const sd_map_type *const sd_map_types[] = {
	&sd_map_strict_saddle,
	&sd_map_pl,
	&sd_map_quasiconvex,
	&sd_map_rsi,
	&sd_map_basins,
	&sd_map_ntk_gap,
	NULL
};

int
sd_map_applies(const sd_map_type *t, const sd_objective *obj)
{
	return t->applies == NULL || t->applies(obj, NULL);
}

int
sd_map_check(const sd_map_type *t, const sd_objective *obj, char **cause)
{
	return t->applies == NULL || t->applies(obj, cause) ? 0 : -1;
}

/* What one thread needs for a pixel: the point, ∇f, ∇²f and the
 * eigen-decomposition's workspace. */
struct map_work {
	double		*x, *g, *h;
	sd_spectrum	*sp;
	/* A block's centres and gradients as dim rows of MAP_BLOCK, their
	 * f, and the row pointers (objectives with a batch evaluation). */
	double		*bx, *bg, *bf;
	const double	**xs;
	double		**gs;
};

/* Pixels a thread takes at a time, evaluated in one batch when the
 * objective has fg_batch on R^d. */
#define MAP_BLOCK	64

/* Everything a pixel's computation reads. */
struct map_ctx {
	sd_map			*map;
	const sd_objective	*obj;
	const sd_chart		*chart;
	const void		*state;		/* the kind's (map_impl.h) */
};

int
sd_map_constant_parse(const char *what, const char *word, double *out,
    char **cause)
{
	if (sd_number_parse(word, out) != 0 || !(*out >= 0))
		return sd_fail(cause, "%s: '%s' is not a constant: expected a "
		    "number ≥ 0", what, word);
	return 0;
}

const sd_map_type *
sd_map_type_find(const char *name, char **cause)
{
	char names[256];
	size_t k;

	for (k = 0; name != NULL && sd_map_types[k] != NULL; k++) {
		if (strcmp(name, sd_map_types[k]->name) == 0)
			return sd_map_types[k];
	}
	sd_map_type_names(0, names, sizeof names);
	sd_fail(cause, "unknown map kind '%s': expected %s", name ? name : "",
	    names);
	return NULL;
}

const sd_map_type *
sd_map_type_reading(unsigned bit)
{
	size_t k;

	for (k = 0; sd_map_types[k] != NULL; k++) {
		if (sd_map_types[k]->reads & bit)
			return sd_map_types[k];
	}
	return NULL;
}

void
sd_map_type_names(unsigned bits, char *buf, size_t len)
{
	const sd_map_type *const *t;
	size_t n = 0, i = 0;

	for (t = sd_map_types; *t != NULL; t++)
		n += bits == 0 || ((*t)->reads & bits);
	buf[0] = '\0';
	for (t = sd_map_types; *t != NULL; t++)
		if (bits == 0 || ((*t)->reads & bits))
			sd_list_add(buf, len, i++, n, (*t)->name);
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
	if (map->type->label_name != NULL && k < map->n_labels)
		map->type->label_name(map, k, buf, len);
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
	free(w->xs);
	free(w->gs);
	sd_spectrum_free(w->sp);
}

/* Allocate one thread's work for dimension d. */
static int
map_work_init(struct map_work *w, const sd_objective *obj)
{
	size_t d = obj->dim;

	size_t k;

	memset(w, 0, sizeof *w);
	if ((w->x = calloc(2 * d + d * d + (2 * d + 1) * MAP_BLOCK,
	    sizeof *w->x)) == NULL || (w->xs = calloc(d,
	    sizeof *w->xs)) == NULL || (w->gs = calloc(d,
	    sizeof *w->gs)) == NULL)
		return -1;
	w->g = w->x + d;
	w->h = w->g + d;
	w->bx = w->h + d * d;
	w->bg = w->bx + d * MAP_BLOCK;
	w->bf = w->bg + d * MAP_BLOCK;
	for (k = 0; k < d; k++) {
		w->xs[k] = w->bx + k * MAP_BLOCK;
		w->gs[k] = w->bg + k * MAP_BLOCK;
	}
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

/* ---- curvature -------------------------------------------------------- */

/* λ_min of the (Riemannian) Hessian in w->h at x, for kinds that read
 * curvature: the finder's (on a sphere, of the tangent space); NaN where
 * it is not finite. */
static double
map_lambda_min(struct map_work *w, const sd_objective *obj, const double *x)
{
	if (sd_spectrum_decompose(w->sp, w->h,
	    obj->type->manifold == SD_SPHERE ? x : NULL) != 0 ||
	    w->sp->n == 0)
		return NAN;
	return w->sp->eval[0];
}

/* ---- the pixel loop --------------------------------------------------- */

/* The kind's pixel function on pixel p, whose centre is lifted in w->x
 * with f there and the gradient in w->g (the curvature taken here). */
static void
map_pixel_end(const struct map_ctx *c, struct map_work *w, size_t p,
    double f)
{
	sd_map *map = c->map;
	sd_map_sample s = { w->x, c->obj->dim, f, w->g, NAN };

	if (map->type->curvature) {
		sd_objective_rhessian(c->obj, w->x, w->h);
		s.lmin = map_lambda_min(w, c->obj, w->x);
	}
	map->type->pixel(map, c->state, &s, p);
}

/* Pixel p's centre lifted into x. */
static void
map_lift(const struct map_ctx *c, size_t p, double *x)
{
	const sd_map *map = c->map;
	double a, b;

	sd_map_coords(&map->window, map->cols, map->rows, p % map->cols,
	    p / map->cols, &a, &b);
	sd_chart_lift(c->chart, a, b, x);
}

/* Pixels p0..p0+m−1 (m ≤ MAP_BLOCK): f and the gradient of all of them
 * in one batch evaluation when the objective has one on R^d (the same
 * bits as point by point: fg_batch's promise), else pixel by pixel. */
static void
map_block(const struct map_ctx *c, struct map_work *w, size_t p0, size_t m)
{
	const sd_objective *obj = c->obj;
	size_t i, k, d = obj->dim;

	if (obj->type->fg_batch == NULL ||
	    obj->type->manifold != SD_EUCLIDEAN) {
		for (i = 0; i < m; i++) {
			map_lift(c, p0 + i, w->x);
			sd_objective_rgradient(obj, w->x, w->g);
			map_pixel_end(c, w, p0 + i, sd_objective_f(obj, w->x));
		}
		return;
	}
	for (i = 0; i < m; i++) {
		map_lift(c, p0 + i, w->x);
		for (k = 0; k < d; k++)
			w->bx[k * MAP_BLOCK + i] = w->x[k];
	}
	sd_objective_fg_batch(obj, m, w->xs, w->bf, w->gs, w->h);
	for (i = 0; i < m; i++) {
		for (k = 0; k < d; k++) {
			w->x[k] = w->bx[k * MAP_BLOCK + i];
			w->g[k] = w->bg[k * MAP_BLOCK + i];
		}
		map_pixel_end(c, w, p0 + i, w->bf[i]);
	}
}

int
sd_map_pixels(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const void *state, char **cause)
{
	const struct map_ctx ctx = { map, obj, chart, state }, *c = &ctx;
	const long n = (long)(map->cols * map->rows);
	struct map_work *works;
	int n_works;
	long p;

	if ((works = map_works_new(obj, &n_works)) == NULL)
		return sd_fail(cause, "out of memory");
#ifdef _OPENMP
#pragma omp parallel num_threads(n_works)
	{
		struct map_work *w = &works[omp_get_thread_num()];

#pragma omp for schedule(dynamic, 1)
		for (p = 0; p < n; p += MAP_BLOCK)
			map_block(c, w, (size_t)p, (size_t)(n - p < MAP_BLOCK ?
			    n - p : MAP_BLOCK));
	}
#else
	for (p = 0; p < n; p += MAP_BLOCK)
		map_block(c, works, (size_t)p, (size_t)(n - p < MAP_BLOCK ?
		    n - p : MAP_BLOCK));
#endif
	map_works_free(works, n_works);
	return 0;
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

/* Check the size, the window and the kind's options. */
static int
map_setup(sd_map *map, const sd_objective *obj, const sd_map_options *o,
    char **cause)
{
	if (map->cols < 1 || map->rows < 1 ||
	    map->cols > SD_MAP_PIXELS_MAX / map->rows)
		return sd_fail(cause, "map: %zux%zu pixels: expected 1 to %d "
		    "in all", map->cols, map->rows, SD_MAP_PIXELS_MAX);
	if (!(map->window.xmin < map->window.xmax) ||
	    !(map->window.ymin < map->window.ymax))
		return sd_fail(cause, "map: the window is empty");
	return map->type->setup != NULL ? map->type->setup(map, obj, o,
	    cause) : 0;
}

/* Allocate the pixels: labels or values. */
static int
map_alloc(sd_map *map, char **cause)
{
	size_t n = map->cols * map->rows;

	if (map->type->labels)
		map->label = calloc(n, sizeof *map->label);
	else
		map->value = calloc(n, sizeof *map->value);
	if (map->label == NULL && map->value == NULL)
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
	map->type = opts->type;
	map->cols = cols;
	map->rows = rows;
	map->window = *window;
	map->fstar = NAN;
	if (opts->type == NULL)
		return sd_fail(cause, "map: unknown kind");
	if (map_setup(map, obj, opts, cause) != 0 ||
	    map_alloc(map, cause) != 0) {
		sd_map_done(map);
		return -1;
	}
	rc = map->type->run(map, obj, chart, opts, cause);
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
