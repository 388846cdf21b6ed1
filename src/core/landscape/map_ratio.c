/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_ratio.c: the ratio maps (see map.h): the Polyak–Łojasiewicz ratio
 * of (2.1), quasi-convexity's of (2.2) and restricted secant
 * inequality's of (2.3), each against the lowest minimum the finder
 * finds in the window, f* at x*. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/linalg.h"
#include "landscape/map.h"
#include "landscape/map_impl.h"

/* A ratio's denominator is zero to rounding below this (× the size of
 * what it is the difference of): the pixel is x* itself. */
#define RATIO_ZERO	1e-12

/* f − f* at pixel s, or NaN where it is zero to rounding. */
static double
ratio_df(const sd_map *map, const sd_map_sample *s)
{
	double df = s->f - map->fstar;

	return fabs(df) > RATIO_ZERO * fmax(fabs(s->f), fabs(map->fstar)) ?
	    df : NAN;
}

/* ∇f·(x − x*), and ‖x − x*‖² in *r2. */
static double
ratio_secant(const sd_map *map, const sd_map_sample *s, double *r2)
{
	double gx = 0, t;
	size_t i;

	*r2 = 0;
	for (i = 0; i < s->dim; i++) {
		t = s->x[i] - map->xstar[i];
		gx += s->g[i] * t;
		*r2 += t * t;
	}
	return gx;
}

/* Store v at pixel p, NaN unless it is finite. */
static void
ratio_store(sd_map *map, size_t p, double v)
{
	map->value[p] = isfinite(v) ? v : NAN;
}

/* ‖∇f‖² / (f − f*). */
static void
ratio_pl_pixel(sd_map *map, const void *state, const sd_map_sample *s,
    size_t p)
{
	(void)state;
	ratio_store(map, p, sd_dot(s->g, s->g, s->dim) / ratio_df(map, s));
}

/* ∇f·(x − x*) / (f − f*). */
static void
ratio_quasiconvex_pixel(sd_map *map, const void *state,
    const sd_map_sample *s, size_t p)
{
	double r2;

	(void)state;
	ratio_store(map, p, ratio_secant(map, s, &r2) / ratio_df(map, s));
}

/* ∇f·(x − x*) / ‖x − x*‖². */
static void
ratio_rsi_pixel(sd_map *map, const void *state, const sd_map_sample *s,
    size_t p)
{
	double r2, gx = ratio_secant(map, s, &r2);

	(void)state;
	if (sqrt(r2) > RATIO_ZERO * fmax(1, sd_norm(map->xstar, s->dim)))
		ratio_store(map, p, gx / r2);
	else
		map->value[p] = NAN;
}

/* f* and x* from the lowest minimum found in the window, then the
 * pixels. */
static int
ratio_run(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_map_options *o, char **cause)
{
	const sd_point *star = NULL, *p;
	size_t k;

	(void)o;
	if (sd_finder_run(obj, chart, &map->window, NULL, &map->points,
	    cause) != 0)
		return -1;
	for (k = 0; k < map->points.n; k++) {
		p = &map->points.points[k];
		if (sd_point_kind_is_min(p->kind) && (star == NULL || p->f < star->f))
			star = p;
	}
	if (star == NULL)
		return sd_fail(cause, "%s map of %s: no minimum found in the "
		    "window, so there is no f* or x*", map->type->name,
		    obj->spec);
	if ((map->xstar = malloc(obj->dim * sizeof *map->xstar)) == NULL)
		return sd_fail(cause, "out of memory");
	memcpy(map->xstar, star->x, obj->dim * sizeof *map->xstar);
	map->fstar = star->f;
	map->star_a = star->a;
	map->star_b = star->b;
	return sd_map_pixels(map, obj, chart, NULL, cause);
}

const sd_map_type sd_map_pl = {
	.name = "pl",
	.title = "PL (2.1)",
	.summary = "‖∇f‖²/(f − f*), (2.1)",
	.meaning = "‖∇f‖²/(f − f*): PL holds in view for every constant up "
	    "to its smallest",
	.run = ratio_run,
	.pixel = ratio_pl_pixel,
};

const sd_map_type sd_map_quasiconvex = {
	.name = "quasiconvex",
	.title = "quasi (2.2)",
	.summary = "∇f·(x − x*)/(f − f*), (2.2)",
	.meaning = "∇f·(x − x*)/(f − f*): X where −∇f points away from the "
	    "minimum x*",
	.run = ratio_run,
	.pixel = ratio_quasiconvex_pixel,
};

const sd_map_type sd_map_rsi = {
	.name = "rsi",
	.title = "RSI (2.3)",
	.summary = "∇f·(x − x*)/‖x − x*‖², (2.3)",
	.meaning = "∇f·(x − x*)/‖x − x*‖²: the restricted secant "
	    "inequality, violated (X) where ≤ 0",
	.run = ratio_run,
	.pixel = ratio_rsi_pixel,
};
