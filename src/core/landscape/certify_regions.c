/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify_regions.c: the certified search's unresolved boxes merged into
 * regions (certify.h). Boxes are marked on a CERTIFY_GRID × CERTIFY_GRID
 * grid of cells over the window; cells that touch (sides or corners) make
 * one region, reported as the bounding box of its boxes. A degenerate
 * point leaves a few tiny boxes around it: one region, not four; a
 * continuum leaves a chain of them: one region along it. A region's
 * reasons are those of its boxes; on a continuum it shows a few of the
 * roots found on it, spread: the first, then each next the farthest
 * from those already shown. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/certify_impl.h"

/* Label the component of cell (i, j) with id, depth first on stack. */
static void
regions_fill(int *label, int *stack, int i, int j, int id)
{
	int top = 0, c, ci, cj, di, dj, n;

	label[j * CERTIFY_GRID + i] = id;
	stack[top++] = j * CERTIFY_GRID + i;
	while (top > 0) {
		c = stack[--top];
		ci = c % CERTIFY_GRID;
		cj = c / CERTIFY_GRID;
		for (dj = -1; dj <= 1; dj++)
			for (di = -1; di <= 1; di++) {
				if (ci + di < 0 || ci + di >= CERTIFY_GRID ||
				    cj + dj < 0 || cj + dj >= CERTIFY_GRID)
					continue;
				n = (cj + dj) * CERTIFY_GRID + ci + di;
				if (label[n] != -1)
					continue;
				label[n] = id;
				stack[top++] = n;
			}
	}
}

/* The region of open box k: that of its first cell. */
static int
regions_of(const struct certify *ct, const int *label, size_t k)
{
	const struct certify_box *x = &ct->open[k].x;

	return label[certify_cell(x->b.lo, ct->region.b) * CERTIFY_GRID +
	    certify_cell(x->a.lo, ct->region.a)];
}

/* Mark the cells each open box covers (label −1: marked, −2: not). */
static void
regions_mark(const struct certify *ct, int *label)
{
	const struct certify_box *x;
	size_t k;
	int i, j;

	for (k = 0; k < (size_t)CERTIFY_GRID * CERTIFY_GRID; k++)
		label[k] = -2;
	for (k = 0; k < ct->n_open; k++) {
		x = &ct->open[k].x;
		for (j = certify_cell(x->b.lo, ct->region.b);
		    j <= certify_cell(x->b.hi, ct->region.b); j++)
			for (i = certify_cell(x->a.lo, ct->region.a);
			    i <= certify_cell(x->a.hi, ct->region.a); i++)
				label[j * CERTIFY_GRID + i] = -1;
	}
}

/* Each box's hull and reason into the region of its first cell. */
static void
regions_hulls(const struct certify *ct, const int *label,
    sd_certify_result *out)
{
	const struct certify_box *x;
	sd_window *w;
	size_t k;
	int id;

	for (k = 0; k < ct->n_open; k++) {
		x = &ct->open[k].x;
		id = regions_of(ct, label, k);
		out->why[id].why |= SD_UNRESOLVED_BIT(ct->open[k].why);
		w = &out->regions[id];
		if (w->xmin > w->xmax) {
			*w = certify_window(x);
			continue;
		}
		w->xmin = x->a.lo < w->xmin ? x->a.lo : w->xmin;
		w->xmax = x->a.hi > w->xmax ? x->a.hi : w->xmax;
		w->ymin = x->b.lo < w->ymin ? x->b.lo : w->ymin;
		w->ymax = x->b.hi > w->ymax ? x->b.hi : w->ymax;
	}
}

/* The distance from p to the nearest of the n points q. */
static double
regions_gap(const double p[2], const double (*q)[2], size_t n)
{
	double d = INFINITY;
	size_t i;

	for (i = 0; i < n; i++)
		d = fmin(d, hypot(p[0] - q[i][0], p[1] - q[i][1]));
	return d;
}

/* Up to SD_UNRESOLVED_THROUGH roots of each region's continuum boxes:
 * one pass per point shown, each region taking the root farthest from
 * those it shows (best: a distance and a box per region). */
static void
regions_through(const struct certify *ct, const int *label,
    sd_certify_result *out, double *best, size_t *at)
{
	sd_unresolved_why *y;
	size_t s, k, r;
	double d;
	int id;

	for (s = 0; s < SD_UNRESOLVED_THROUGH; s++) {
		for (r = 0; r < out->n_regions; r++)
			best[r] = -1;
		for (k = 0; k < ct->n_open; k++) {
			if (ct->open[k].why != SD_UNRESOLVED_CONTINUUM)
				continue;
			id = regions_of(ct, label, k);
			y = &out->why[id];
			d = regions_gap(ct->open[k].at, y->through,
			    y->n_through);
			if (d > best[id] && d > 0) {
				best[id] = d;
				at[id] = k;
			}
		}
		for (r = 0; r < out->n_regions; r++) {
			if (best[r] < 0)
				continue;
			y = &out->why[r];
			y->through[y->n_through][0] = ct->open[at[r]].at[0];
			y->through[y->n_through++][1] = ct->open[at[r]].at[1];
		}
	}
}

int
certify_regions(const struct certify *ct, sd_certify_result *out,
    char **cause)
{
	size_t cells = (size_t)CERTIFY_GRID * CERTIFY_GRID, k, *at = NULL;
	int *label, *stack, n = 0;
	double *best = NULL;

	if (ct->n_open == 0)
		return 0;
	label = malloc(cells * sizeof *label);
	stack = malloc(cells * sizeof *stack);
	if (label == NULL || stack == NULL)
		goto fail;
	regions_mark(ct, label);
	for (k = 0; k < cells; k++)
		if (label[k] == -1)
			regions_fill(label, stack, (int)(k % CERTIFY_GRID),
			    (int)(k / CERTIFY_GRID), n++);
	if ((out->regions = malloc((size_t)n * sizeof *out->regions)) == NULL ||
	    (out->why = calloc((size_t)n, sizeof *out->why)) == NULL ||
	    (best = malloc((size_t)n * sizeof *best)) == NULL ||
	    (at = malloc((size_t)n * sizeof *at)) == NULL)
		goto fail;
	for (k = 0; k < (size_t)n; k++)
		out->regions[k] = (sd_window){ 1, 0, 1, 0 };
	out->n_regions = (size_t)n;
	regions_hulls(ct, label, out);
	regions_through(ct, label, out, best, at);
	free(label);
	free(stack);
	free(best);
	free(at);
	return 0;
fail:
	free(label);
	free(stack);
	free(best);
	free(at);
	return sd_fail(cause, "out of memory");
}
