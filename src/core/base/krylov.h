/* SPDX-License-Identifier: GPL-3.0-or-later */
/* krylov.h: symmetric operators known only by their products v ↦ Av (a
 * Hessian-vector product), for second order in high dimension: Lanczos
 * for the extreme eigenpairs, MINRES for As = b when A may be indefinite
 * or singular (Newton's step at a saddle).
 *
 * Why. A d×d Hessian of a sum over n samples costs n·d² to form and d³ to
 * decompose; a product costs n·d, and Lanczos and MINRES need a few tens
 * of products. From SD_KRYLOV_DIM on, the finder and newton work with
 * products only (when the objective has an hvp); below it the dense
 * decomposition (spectrum.h) is as cheap and gives every eigenpair.
 *
 * An operator may act on the complement of a unit vector (the tangent
 * space x⊥ of the sphere): both methods then keep their vectors in it,
 * and the pair along it is never seen. */
#ifndef SADDLE_KRYLOV_H
#define SADDLE_KRYLOV_H

#include <stddef.h>

/* The dimension from which second order is matrix-free. At d = 50 a
 * dense symmetric eigen-decomposition costs about as much as 50 products
 * of pca's Hessian (measured: bench_finder's "hvp" rows); above it the
 * d³ grows past what Lanczos and MINRES spend. */
#define SD_KRYLOV_DIM	50

/* MINRES stops before a step whose pivot is below this × ‖A‖: the
 * pseudo-inverse's cut (newton's and the finder's 1e-12). */
#define SD_MINRES_SINGULAR	1e-12

typedef struct sd_linop {
	size_t		  d;		/* entries of a vector */
	const double	 *normal;	/* NULL, or a unit vector: A acts on
					 * its complement */
	/* out = A·v; -1 on failure (out of memory). */
	int		(*apply)(void *ctx, const double *v, double *out);
	void		 *ctx;
} sd_linop;

/* The two extreme eigenpairs found by sd_lanczos_extremes. */
typedef struct sd_extremes {
	double	 lmin, lmax;	/* extreme Ritz values */
	double	 rmin, rmax;	/* ‖A v − λ v‖ of each */
	double	*vmin, *vmax;	/* the caller's d entries, or NULL: unit
				 * Ritz vectors */
	size_t	 steps;		/* products spent */
} sd_extremes;

/* Lanczos with full reorthogonalization from start (projected off the
 * normal; a fixed vector when that leaves nothing) until both extreme
 * Ritz pairs have a residual ≤ rtol × max(|λmin|, |λmax|), or the Krylov
 * space is invariant, or it has the whole dimension (then exact to
 * rounding). Returns -1 when out of memory, when a product fails or is
 * not finite. */
int sd_lanczos_extremes(const sd_linop *op, const double *start,
    double rtol, sd_extremes *out);

/* MINRES (Paige & Saunders 1975) for A s = b from s = 0, b in the
 * complement of the normal. Stops when ‖b − As‖ ≤ rtol·‖b‖ or after
 * max_iter products (returns 0), or when A is singular on b's Krylov
 * space (returns 1): a pivot below SD_MINRES_SINGULAR·‖A‖, or
 * ‖A(b − As)‖ ≤ rtol·‖A‖‖b − As‖, or that ratio risen a thousandfold over
 * its least value — b outside A's range: s is then the best least-squares
 * solution met, the pseudo-inverse step, before rounding starts to invert
 * the null space. *iter gets the products spent (may be NULL). Returns -1
 * when out of memory or a product fails or is not finite. */
int sd_minres(const sd_linop *op, const double *b, double rtol,
    size_t max_iter, double *s, size_t *iter);

#endif
