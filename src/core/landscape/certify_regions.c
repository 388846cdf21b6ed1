/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify_regions.c: the certified search's unresolved boxes merged into
 * regions (certify.h). Boxes are marked on a CERTIFY_GRID × CERTIFY_GRID
 * grid of cells over the window; cells that touch (sides or corners) make
 * one region, reported as the bounding box of its boxes. A degenerate
 * point leaves a few tiny boxes around it: one region, not four; a
 * continuum leaves a chain of them: one region along it. */
#include "config.h"

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
		x = &ct->open[k];
		for (j = certify_cell(x->b.lo, ct->region.b);
		    j <= certify_cell(x->b.hi, ct->region.b); j++)
			for (i = certify_cell(x->a.lo, ct->region.a);
			    i <= certify_cell(x->a.hi, ct->region.a); i++)
				label[j * CERTIFY_GRID + i] = -1;
	}
}

/* Each box's hull into the region of its first cell. */
static void
regions_hulls(const struct certify *ct, const int *label,
    sd_certify_result *out)
{
	const struct certify_box *x;
	sd_window *w;
	size_t k;
	int id;

	for (k = 0; k < ct->n_open; k++) {
		x = &ct->open[k];
		id = label[certify_cell(x->b.lo, ct->region.b) * CERTIFY_GRID +
		    certify_cell(x->a.lo, ct->region.a)];
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

int
certify_regions(const struct certify *ct, sd_certify_result *out,
    char **cause)
{
	size_t cells = (size_t)CERTIFY_GRID * CERTIFY_GRID, k;
	int *label, *stack, n = 0;

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
	if ((out->regions = malloc((size_t)n * sizeof *out->regions)) == NULL)
		goto fail;
	for (k = 0; k < (size_t)n; k++)
		out->regions[k] = (sd_window){ 1, 0, 1, 0 };
	out->n_regions = (size_t)n;
	regions_hulls(ct, label, out);
	free(label);
	free(stack);
	return 0;
fail:
	free(label);
	free(stack);
	return sd_fail(cause, "out of memory");
}
