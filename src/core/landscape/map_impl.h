/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_impl.h: what the kinds' files (map_strict.c, map_ratio.c,
 * map_basins.c) share with the engine (map.c). Not for front ends: they
 * use map.h only.
 *
 * A kind's run finds what its pixels compare against (the finder's
 * minima, f* and x*) and hands it to sd_map_pixels as state; the engine
 * then lifts every pixel's centre through the chart, evaluates the
 * objective there and calls the kind's pixel function, which writes only
 * that pixel's label or value. A kind that computes its pixels another
 * way (basins: a survey) has no pixel function and does not call
 * sd_map_pixels. */
#ifndef SADDLE_MAP_IMPL_H
#define SADDLE_MAP_IMPL_H

#include <stddef.h>

#include "landscape/map.h"

/* One pixel, as the engine hands it to a kind's pixel function. */
struct sd_map_sample {
	const double	*x;	/* the pixel's centre, lifted: dim entries */
	size_t		 dim;
	double		 f;	/* f(x) */
	const double	*g;	/* the (Riemannian) gradient at x */
	double		 lmin;	/* λ_min of the (Riemannian) Hessian at x
				 * when the kind reads curvature, else NaN */
};

/* Every pixel of map through map->type->pixel, over the threads
 * (OpenMP); state is passed on untouched. -1 with *cause when out of
 * memory. */
int sd_map_pixels(sd_map *map, const sd_objective *obj,
    const sd_chart *chart, const void *state, char **cause);

#endif
