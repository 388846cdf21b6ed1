/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scale_impl.h: what the scale's grid walk (scale.c) shares with its
 * matrix-free sampling (scale_krylov.c). Private to the two files. */
#ifndef SADDLE_SCALE_IMPL_H
#define SADDLE_SCALE_IMPL_H

#include <stddef.h>

#include "base/spectrum.h"
#include "landscape/chart.h"
#include "objectives/objective.h"

/* One row of grid samples: the lifted points and, per point, the
 * Hessian applied to the probes: cols rows of d (scale_work). */
struct scale_row {
	double	*x;		/* n × d */
	double	*h;		/* n × cols × d */
	int	*ok;		/* n: finite and on the manifold */
};

/* What the measurement needs while it walks the grid. Dense (below
 * SD_KRYLOV_DIM, or without an hvp): the probes are the identity, a
 * point's block is its whole Hessian (cols = d, weight 1) and
 * ‖H_p Z − H_q Z‖²_F is ‖H_p − H_q‖²_F exactly. Matrix-free: cols
 * random ±1 probes Z, whose E‖(H_p − H_q)Z‖²_F = cols·‖H_p − H_q‖²_F
 * (weight 1/cols; scale_krylov.c). */
struct scale_work {
	const sd_objective		*obj;
	size_t				 d, n;
	size_t				 cols;		/* probes */
	double				 weight;	/* 1 / (their E‖z‖²/d) */
	struct scale_row		 row[2];	/* previous, current */
	double				*mem;		/* both rows' x and h */
	int				*okmem;		/* both rows' ok */
	sd_spectrum			*sp;		/* dense only */
	struct scale_krylov		*kr;		/* matrix-free only */
};

/* Whether obj's scale is measured without d×d matrices: from
 * SD_KRYLOV_DIM on, when the type has an hvp (the finder's rule). */
int sd_scale_matrix_free(const sd_objective *obj);

/* The matrix-free work (probes, Lanczos start, products' scratch) into
 * w->kr, with w->cols and w->weight; -1 when out of memory. */
int sd_scale_krylov_init(struct scale_work *w);
void sd_scale_krylov_done(struct scale_work *w);

/* Sample grid point i of the current row, already lifted and retracted
 * into r->x + i·d: the probes' products into its block, and the largest
 * |eigenvalue| of the (Riemannian) Hessian there by Lanczos (0 when a
 * product is not finite, with r->ok[i] left 0). */
double sd_scale_krylov_sample(struct scale_work *w, struct scale_row *r,
    size_t i);

#endif
