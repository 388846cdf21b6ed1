/* SPDX-License-Identifier: GPL-3.0-or-later */
/* slice.h: f along a chart, with the data projected once per chart.
 *
 * A field samples f at thousands of points of one plane x = c + a·u + b·v.
 * For an objective that sums over n samples of dimension d (glm,
 * twolayer) or holds a d×d matrix (pca), f at a lifted point costs
 * O(n·d) or O(d²); the type's slice_new hook projects the data on c, u
 * and v once instead, and then f at a chart point costs O(n) or O(1). A
 * sd_slice keeps those projections for the objective and chart it was
 * made for and makes them again only when either changes; for a type
 * without the hook, or a sphere chart, it evaluates f at the lifted
 * point, as sd_chart_f does.
 *
 * The projections are the objective's data (for that spec) seen through
 * the chart: a slice made through a job's forwarding objective serves
 * the real one too. */
#ifndef SADDLE_SLICE_H
#define SADDLE_SLICE_H

#include <stddef.h>

#include "landscape/chart.h"
#include "objectives/objective.h"

typedef struct sd_slice {
	sd_objective_slice	 proj;	/* .f NULL: f at the lifted point */
	char			*spec;	/* owned: the objective's spec */
	double			*plane;	/* owned: c, u, v (3·dim) */
	size_t			 dim;
} sd_slice;

/* An empty slice (no projections). */
void sd_slice_init(sd_slice *slice);

/* Release what the slice holds. */
void sd_slice_done(sd_slice *slice);

/* Make slice hold obj's projections on chart, unless it holds them
 * already (same spec, same plane). A type without slice_new, a sphere
 * chart or an objective without a spec leave it empty. Returns -1 with
 * *cause when the hook fails (out of memory; a cancelled job); the slice
 * is then empty. */
int sd_slice_update(sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart, char **cause);

/* f at the m chart points (a[k], b[k]) into f[k]: through the projections
 * when the slice holds them (sd_slice_update with this obj and chart),
 * else at the lifted points with work (dim entries) as scratch. Safe to
 * call from several threads, each with its own work. */
void sd_slice_f(const sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart, size_t m, const double *a, const double *b,
    double *f, double *work);

/* f at every (a[i], b[j]), i < na, j < nb, into f[j·stride + i], each
 * the same bits as sd_slice_f gives it: through the projections' grid
 * when they have one (glm shares its exps along rows and columns), else
 * point by point. */
void sd_slice_grid(const sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride, double *work);

#endif
