/* SPDX-License-Identifier: GPL-3.0-or-later */
/* readout.c: the readings at the cursor (see readout.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/spectrum.h"
#include "base/vec.h"
#include "landscape/finder.h"
#include "readout.h"

/* Eigenvalues within this share of the largest |λ| count as zero. */
#define READOUT_FLAT_RTOL 1e-9

/* The shape the n eigenvalues lam give: the finder's second-order test
 * with rounding's tolerance. */
static readout_shape
readout_shape_of(const double *lam, size_t n)
{
	static const readout_shape shapes[] = {
		[SD_POINT_MIN] = READOUT_CONVEX,
		[SD_POINT_MAX] = READOUT_CONCAVE,
		[SD_POINT_SADDLE] = READOUT_SADDLE,
	};
	int kind;

	kind = sd_finder_second_order(lam, n,
	    READOUT_FLAT_RTOL * sd_norm_inf(lam, n));
	return kind < 0 ? READOUT_FLAT : shapes[kind];
}

/* The Hessian's eigenvalues at x, where f and g are finite: extremes,
 * count and shape into *pr; h is d × d scratch. */
static void
readout_eigen(readout *pr, const sd_objective *obj, const double *x,
    double *h)
{
	sd_spectrum *sp;

	sd_objective_rhessian(obj, x, h);
	if ((sp = sd_spectrum_alloc(obj->dim)) == NULL ||
	    sd_spectrum_decompose(sp, h,
	    obj->type->manifold == SD_SPHERE ? x : NULL) != 0 || sp->n == 0) {
		sd_spectrum_free(sp);
		return;
	}
	pr->has_eigen = 1;
	pr->n_eigen = sp->n;
	pr->lambda_min = sp->eval[0];
	pr->lambda_max = sp->eval[sp->n - 1];
	pr->shape = readout_shape_of(sp->eval, sp->n);
	sd_spectrum_free(sp);
}

int
readout_update(readout *pr, const sd_objective *obj,
    const sd_chart *chart, double a, double b)
{
	size_t d = obj->dim;
	double *x, *g, *h;

	memset(pr, 0, sizeof *pr);
	if ((x = malloc((2 * d + d * d) * sizeof *x)) == NULL)
		return -1;
	g = x + d;
	h = g + d;
	sd_chart_lift(chart, a, b, x);
	pr->f = sd_objective_f(obj, x);
	sd_objective_rgradient(obj, x, g);
	pr->grad_norm = sd_norm(g, d);
	if (sd_all_finite(x, d) && isfinite(pr->f) && sd_all_finite(g, d))
		readout_eigen(pr, obj, x, h);
	free(x);
	pr->a = a;
	pr->b = b;
	pr->valid = 1;
	return 0;
}

void
readout_invalidate(readout *pr)
{
	pr->valid = 0;
}
