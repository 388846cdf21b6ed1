/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_strict.c: the strict-saddle map, Definition 2.1 pixel by pixel
 * (see map.h): which of ‖∇f‖ ≥ α, λ_min ≤ −β and "within γ of a local
 * minimum" holds at each pixel, or that none does. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "base/linalg.h"
#include "landscape/map.h"
#include "landscape/map_impl.h"

/* Default constants, as multiples of the objective's scale (sd_scale). */
#define STRICT_ALPHA	1e-3	/* × L·D */
#define STRICT_BETA	1e-2	/* × L */
#define STRICT_GAMMA	(1.0 / 20)	/* × D */

/* The names of the labels. */
static const char *const strict_names[SD_MAP_STRICT_LABELS] = {
	[SD_MAP_GRADIENT] = "gradient",
	[SD_MAP_CURVATURE] = "curvature",
	[SD_MAP_NEAR_MIN] = "near-min",
	[SD_MAP_NONE] = "none",
	[SD_MAP_UNDEFINED] = "undefined",
};

/* The order in which a pixel's label names the conditions that hold: the
 * most local first, so that the neighbourhoods of saddles and minima show
 * whole rather than cut by the large-gradient region. */
static const int strict_precedence[SD_MAP_NONE] = {
	SD_MAP_CURVATURE, SD_MAP_NEAR_MIN, SD_MAP_GRADIENT
};

/* The local minima the finder found, which near-min measures from. */
struct strict_state {
	const double	**minima;
	size_t		  n;
};

int
sd_map_defaults(const sd_objective *obj, double *alpha, double *beta,
    double *gamma, char **cause)
{
	sd_scale sc;

	if (sd_objective_scale(obj, &sc, cause) != 0)
		return -1;
	*alpha = STRICT_ALPHA * sc.L * sc.D;
	*beta = STRICT_BETA * sc.L;
	*gamma = STRICT_GAMMA * sc.D;
	return 0;
}

/* The constants asked for, the defaults where they are NaN. */
static int
strict_setup(sd_map *map, const sd_objective *obj, const sd_map_options *o,
    char **cause)
{
	double alpha = 0, beta = 0, gamma = 0;

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

/* The distance from x to the nearest local minimum found. */
static double
strict_nearest_min(const struct strict_state *st, const double *x,
    size_t d)
{
	double best = INFINITY, t, s;
	size_t k, i;

	for (k = 0; k < st->n; k++) {
		for (s = 0, i = 0; i < d; i++) {
			t = x[i] - st->minima[k][i];
			s += t * t;
		}
		best = fmin(best, s);
	}
	return sqrt(best);
}

/* Which of Definition 2.1's conditions hold at pixel p, as bits, and its
 * label. */
static void
strict_pixel(sd_map *map, const void *state, const sd_map_sample *s,
    size_t p)
{
	double gn = sd_norm(s->g, s->dim);
	unsigned bits = 0;
	int k;

	map->holds[p] = 0;
	if (!isfinite(s->f) || !isfinite(gn) || !isfinite(s->lmin)) {
		map->label[p] = SD_MAP_UNDEFINED;
		return;
	}
	bits |= (gn >= map->alpha) << SD_MAP_GRADIENT;
	bits |= (s->lmin <= -map->beta) << SD_MAP_CURVATURE;
	bits |= (strict_nearest_min(state, s->x, s->dim) <= map->gamma) <<
	    SD_MAP_NEAR_MIN;
	map->holds[p] = (unsigned char)bits;
	map->label[p] = SD_MAP_NONE;
	for (k = SD_MAP_NONE - 1; k >= 0; k--) {
		if (bits & (1u << strict_precedence[k]))
			map->label[p] = strict_precedence[k];
	}
}

/* The finder looks γ beyond the window (on a plane chart) so that a pixel
 * near the edge sees a minimum just outside. */
static int
strict_run(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_map_options *o, char **cause)
{
	struct strict_state st = { NULL, 0 };
	sd_window wide = map->window;
	size_t k;
	int rc;

	(void)o;
	map->n_labels = SD_MAP_STRICT_LABELS;
	if ((map->holds = calloc(map->cols * map->rows,
	    sizeof *map->holds)) == NULL)
		return sd_fail(cause, "out of memory");
	if (chart->kind == SD_CHART_PLANE) {
		wide.xmin -= map->gamma;
		wide.xmax += map->gamma;
		wide.ymin -= map->gamma;
		wide.ymax += map->gamma;
	}
	if (sd_finder_run(obj, chart, &wide, NULL, &map->points, cause) != 0)
		return -1;
	if ((st.minima = calloc(map->points.n + 1, sizeof *st.minima)) ==
	    NULL)
		return sd_fail(cause, "out of memory");
	for (k = 0; k < map->points.n; k++) {
		if (sd_point_kind_is_min(map->points.points[k].kind))
			st.minima[st.n++] = map->points.points[k].x;
	}
	rc = sd_map_pixels(map, obj, chart, &st, cause);
	free(st.minima);
	return rc;
}

/* "gradient", "curvature", "near-min", "none" or "undefined". */
static void
strict_label_name(const sd_map *map, size_t k, char *buf, size_t len)
{
	(void)map;
	snprintf(buf, len, "%s", strict_names[k]);
}

const sd_map_type sd_map_strict_saddle = {
	.name = "strict-saddle",
	.title = "Def. 2.1",
	.summary = "Definition 2.1",
	.meaning = "which part of Def. 2.1 holds: large gradient, curvature "
	    "(~), near a min (o); X: none",
	.labels = 1,
	.reads = SD_MAP_READS_CONSTANTS,
	.curvature = 1,
	.setup = strict_setup,
	.run = strict_run,
	.pixel = strict_pixel,
	.label_name = strict_label_name,
};
