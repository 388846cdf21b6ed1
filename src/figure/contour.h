/* SPDX-License-Identifier: GPL-3.0-or-later */
/* contour.h: iso-lines of a sampled field by marching squares.
 *
 * The field is cols × rows samples, row-major, sample (i, j) at the point
 * (i, j); NaN samples leave their cells out. Each cell whose corners lie
 * on both sides of the level gets one segment (two for a saddle cell,
 * told apart by the mean of its corners), its ends interpolated linearly
 * along the cell's edges; segments that share an edge point are chained
 * into polylines, so a level comes out as a few long lines, closed where
 * they go round. A workspace is made for one size of field and reused for
 * every level; it owns its arrays and borrows nothing. */
#ifndef SADDLE_CONTOUR_H
#define SADDLE_CONTOUR_H

#include <stddef.h>

typedef struct contour contour;

/* Receives one polyline: n points (x, y) in xy, closed when the last
 * point joins the first (which is not repeated). */
typedef void (*contour_emit_fn)(void *arg, const double *xy, size_t n,
    int closed);

/* A workspace for cols × rows fields (both ≥ 2), or NULL when out of
 * memory. */
contour *contour_new(size_t cols, size_t rows);

/* Free a workspace; NULL is fine. */
void contour_free(contour *c);

/* Emit the iso-lines of f at level. Returns -1 when out of memory (some
 * lines may have been emitted). */
int contour_trace(contour *c, const double *f, double level,
    contour_emit_fn emit, void *arg);

#endif
