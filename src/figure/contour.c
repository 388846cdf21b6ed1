/* SPDX-License-Identifier: GPL-3.0-or-later */
/* contour.c: marching squares and the chaining of its segments into
 * polylines (see contour.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "contour.h"

/* A cell's edges: top, right, bottom, left. */
enum { EDGE_T = 0, EDGE_R, EDGE_B, EDGE_L };

/* The segments of each case (bit k: corner k above the level; corners
 * top-left, top-right, bottom-right, bottom-left), as pairs of edges;
 * -1 ends. Saddle cases 5 and 10 are resolved in contour_cell. */
static const signed char contour_cases[16][4] = {
	{ -1 }, { EDGE_L, EDGE_T, -1 }, { EDGE_T, EDGE_R, -1 },
	{ EDGE_L, EDGE_R, -1 }, { EDGE_R, EDGE_B, -1 }, { -1 },
	{ EDGE_T, EDGE_B, -1 }, { EDGE_L, EDGE_B, -1 },
	{ EDGE_L, EDGE_B, -1 }, { EDGE_T, EDGE_B, -1 }, { -1 },
	{ EDGE_R, EDGE_B, -1 }, { EDGE_L, EDGE_R, -1 },
	{ EDGE_T, EDGE_R, -1 }, { EDGE_L, EDGE_T, -1 }, { -1 },
};

/* The saddle cells: the high corners joined through a high centre (the
 * low corners cut off), or cut off themselves. */
static const signed char contour_saddles[2][2][4] = {
	/* case 5: top-left and bottom-right high */
	{ { EDGE_L, EDGE_T, EDGE_R, EDGE_B }, { EDGE_T, EDGE_R, EDGE_L,
	    EDGE_B } },
	/* case 10: top-right and bottom-left high */
	{ { EDGE_T, EDGE_R, EDGE_L, EDGE_B }, { EDGE_L, EDGE_T, EDGE_R,
	    EDGE_B } },
};

struct contour {
	size_t		 cols, rows;
	size_t		 n_h;		/* horizontal edges: (cols−1)·rows */
	int		*slot;		/* 2 per edge: the segments ending
					 * there, -1: none */
	size_t		*seg;		/* 2 edge ids per segment */
	unsigned char	*used;		/* per segment: emitted */
	size_t		 n_seg, cap;
	double		*xy;		/* a polyline being built */
	size_t		 xy_cap;
	const double	*f;		/* borrowed, during a trace */
	double		 level;
};

contour *
contour_new(size_t cols, size_t rows)
{
	contour *c;
	size_t edges;

	if (cols < 2 || rows < 2 || (c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	c->cols = cols;
	c->rows = rows;
	c->n_h = (cols - 1) * rows;
	edges = c->n_h + cols * (rows - 1);
	if ((c->slot = malloc(2 * edges * sizeof *c->slot)) == NULL) {
		free(c);
		return NULL;
	}
	memset(c->slot, 0xff, 2 * edges * sizeof *c->slot);
	return c;
}

void
contour_free(contour *c)
{
	if (c == NULL)
		return;
	free(c->slot);
	free(c->seg);
	free(c->used);
	free(c->xy);
	free(c);
}

/* The id of edge e of cell (i, j). */
static size_t
contour_edge(const contour *c, size_t i, size_t j, int e)
{
	switch (e) {
	case EDGE_T:
		return j * (c->cols - 1) + i;
	case EDGE_B:
		return (j + 1) * (c->cols - 1) + i;
	case EDGE_L:
		return c->n_h + j * c->cols + i;
	default:
		return c->n_h + j * c->cols + i + 1;
	}
}

/* Where the level crosses edge id, into p[0], p[1]. */
static void
contour_point(const contour *c, size_t id, double *p)
{
	size_t i, j, k0, k1;
	double t;
	int vertical = id >= c->n_h;

	if (vertical) {
		id -= c->n_h;
		i = id % c->cols;
		j = id / c->cols;
		k0 = j * c->cols + i;
		k1 = k0 + c->cols;
	} else {
		i = id % (c->cols - 1);
		j = id / (c->cols - 1);
		k0 = j * c->cols + i;
		k1 = k0 + 1;
	}
	t = (c->level - c->f[k0]) / (c->f[k1] - c->f[k0]);
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	p[0] = (double)i + (vertical ? 0 : t);
	p[1] = (double)j + (vertical ? t : 0);
}

/* Record a segment between edges a and b. */
static int
contour_add(contour *c, size_t a, size_t b)
{
	size_t *grown, n = c->n_seg;

	if (n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 1024;
		if ((grown = realloc(c->seg, 2 * c->cap * sizeof *grown)) ==
		    NULL)
			return -1;
		c->seg = grown;
	}
	c->seg[2 * n] = a;
	c->seg[2 * n + 1] = b;
	c->slot[2 * a + (c->slot[2 * a] != -1)] = (int)n;
	c->slot[2 * b + (c->slot[2 * b] != -1)] = (int)n;
	c->n_seg++;
	return 0;
}

/* The segments of cell (i, j). */
static int
contour_cell(contour *c, size_t i, size_t j)
{
	const double *f = c->f;
	const size_t k = j * c->cols + i;
	double v[4] = { f[k], f[k + 1], f[k + c->cols + 1], f[k + c->cols] };
	const signed char *e;
	int q, idx = 0;

	for (q = 0; q < 4; q++) {
		if (isnan(v[q]))
			return 0;
		idx |= (v[q] > c->level) << q;
	}
	e = contour_cases[idx];
	if (idx == 5 || idx == 10)
		e = contour_saddles[idx == 10][(v[0] + v[1] + v[2] + v[3]) / 4 >
		    c->level ? 1 : 0];
	for (q = 0; q < 4 && e[q] >= 0; q += 2) {
		if (contour_add(c, contour_edge(c, i, j, e[q]),
		    contour_edge(c, i, j, e[q + 1])) != 0)
			return -1;
		if (idx != 5 && idx != 10)
			break;
	}
	return 0;
}

/* The segment other than s that ends at edge id, or -1. */
static int
contour_other(const contour *c, size_t id, int s)
{
	return c->slot[2 * id] == s ? c->slot[2 * id + 1] : c->slot[2 * id];
}

/* Append the point on edge id to the polyline of n points. */
static int
contour_push(contour *c, size_t id, size_t n)
{
	double *grown;

	if (n == c->xy_cap) {
		c->xy_cap = c->xy_cap ? 2 * c->xy_cap : 256;
		if ((grown = realloc(c->xy, 2 * c->xy_cap * sizeof *grown)) ==
		    NULL)
			return -1;
		c->xy = grown;
	}
	contour_point(c, id, c->xy + 2 * n);
	return 0;
}

/* Follow the chain through segment s0 to one of its ends: the edge to
 * start from, and the segment there. *closed says whether it loops. */
static size_t
contour_chain_start(const contour *c, int s0, int *start, int *closed)
{
	size_t id = c->seg[2 * s0];
	int s = s0, next;

	*closed = 0;
	while ((next = contour_other(c, id, s)) != -1) {
		if (next == s0) {
			*closed = 1;
			break;
		}
		s = next;
		id = c->seg[2 * s] == id ? c->seg[2 * s + 1] : c->seg[2 * s];
	}
	*start = s;
	return id;
}

/* Emit the polyline through segment s0. */
static int
contour_chain(contour *c, int s0, contour_emit_fn emit, void *arg)
{
	size_t id, n = 0;
	int s, closed;

	id = contour_chain_start(c, s0, &s, &closed);
	if (contour_push(c, id, n++) != 0)
		return -1;
	while (s != -1 && !c->used[s]) {
		c->used[s] = 1;
		id = c->seg[2 * s] == id ? c->seg[2 * s + 1] : c->seg[2 * s];
		if (contour_push(c, id, n++) != 0)
			return -1;
		s = contour_other(c, id, s);
	}
	if (closed && n > 1)
		n--;		/* the first point again */
	emit(arg, c->xy, n, closed);
	return 0;
}

/* Clear the slots the last trace set. */
static void
contour_reset(contour *c)
{
	size_t s;

	for (s = 0; s < 2 * c->n_seg; s++) {
		c->slot[2 * c->seg[s]] = -1;
		c->slot[2 * c->seg[s] + 1] = -1;
	}
	c->n_seg = 0;
}

int
contour_trace(contour *c, const double *f, double level,
    contour_emit_fn emit, void *arg)
{
	unsigned char *used;
	size_t i, j;
	int s, rc = 0;

	c->f = f;
	c->level = level;
	for (j = 0; j + 1 < c->rows && rc == 0; j++)
		for (i = 0; i + 1 < c->cols && rc == 0; i++)
			rc = contour_cell(c, i, j);
	if (rc == 0 && c->n_seg > 0) {
		if ((used = realloc(c->used, c->n_seg)) == NULL)
			rc = -1;
		else {
			c->used = used;
			memset(used, 0, c->n_seg);
		}
	}
	for (s = 0; rc == 0 && (size_t)s < c->n_seg; s++)
		if (!c->used[s])
			rc = contour_chain(c, s, emit, arg);
	contour_reset(c);
	return rc;
}
