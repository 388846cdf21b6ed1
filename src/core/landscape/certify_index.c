/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify_index.c: where the certified search's proven roots are
 * (certify.h): each root is listed in every cell of a CERTIFY_GRID ×
 * CERTIFY_GRID grid over the window that its proof box touches, so that
 * "is this box inside a proof box" and "was this root found before" look
 * at one cell or a few, not at thousands of roots (sin(20x)·sin(20y) on
 * [−3, 3]² has 2,965). */
#include "config.h"

#include <stdlib.h>

#include "landscape/certify_impl.h"

int
certify_cell(double t, sd_iv side)
{
	double c = (t - side.lo) / (side.hi - side.lo) * CERTIFY_GRID;

	if (!(c >= 0))
		return 0;
	return c >= CERTIFY_GRID ? CERTIFY_GRID - 1 : (int)c;
}

/* Add root index r to cell c's list. */
static int
index_put(struct certify_cell *c, size_t r)
{
	size_t *p, cap;

	if (c->n == c->cap) {
		cap = c->cap > 0 ? 2 * c->cap : 4;
		if ((p = realloc(c->roots, cap * sizeof *p)) == NULL)
			return -1;
		c->roots = p;
		c->cap = cap;
	}
	c->roots[c->n++] = r;
	return 0;
}

int
certify_index_add(struct certify *ct, size_t r)
{
	struct certify_box b = certify_box_of(&ct->roots[r].box);
	int i, j;

	for (j = certify_cell(b.b.lo, ct->region.b);
	    j <= certify_cell(b.b.hi, ct->region.b); j++)
		for (i = certify_cell(b.a.lo, ct->region.a);
		    i <= certify_cell(b.a.hi, ct->region.a); i++)
			if (index_put(&ct->cells[j * CERTIFY_GRID + i], r) != 0)
				return -1;
	return 0;
}

/* Cell (i, j)'s list. */
static const struct certify_cell *
index_at(const struct certify *ct, double a, double b)
{
	return &ct->cells[certify_cell(b, ct->region.b) * CERTIFY_GRID +
	    certify_cell(a, ct->region.a)];
}

int
certify_covered(const struct certify *ct, const struct certify_box *x)
{
	const struct certify_cell *c = index_at(ct, x->a.lo, x->b.lo);
	struct certify_box b;
	size_t i;

	/* A proof box holding x holds its corner: it is listed there. */
	for (i = 0; i < c->n; i++) {
		b = certify_box_of(&ct->roots[c->roots[i]].box);
		if (certify_inside(x, &b))
			return 1;
	}
	return 0;
}

int
certify_known(const struct certify *ct, const struct certify_box *box,
    const struct certify_box *k)
{
	const struct certify_cell *c;
	struct certify_box e, b;
	size_t i;
	int ci, cj;

	/* A root whose enclosure is in box is listed in some cell of box;
	 * one whose proof box holds k, in k's corner's cell. */
	for (cj = certify_cell(box->b.lo, ct->region.b);
	    cj <= certify_cell(box->b.hi, ct->region.b); cj++)
		for (ci = certify_cell(box->a.lo, ct->region.a);
		    ci <= certify_cell(box->a.hi, ct->region.a); ci++) {
			c = &ct->cells[cj * CERTIFY_GRID + ci];
			for (i = 0; i < c->n; i++) {
				e = certify_box_of(
				    &ct->roots[c->roots[i]].enclosure);
				b = certify_box_of(&ct->roots[c->roots[i]].box);
				if (certify_inside(k, &b) ||
				    certify_inside(&e, box))
					return 1;
			}
		}
	return 0;
}

void
certify_index_free(struct certify *ct)
{
	size_t i;

	if (ct->cells == NULL)
		return;
	for (i = 0; i < (size_t)CERTIFY_GRID * CERTIFY_GRID; i++)
		free(ct->cells[i].roots);
	free(ct->cells);
}
