/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spectrum.h: the eigen-decomposition of a Hessian, the one place in the
 * core that calls GSL's symmetric eigen-solver.
 *
 * The finder classifies points by it, newton and cubic step in its
 * eigenbasis, the strict-saddle map reads its λ_min, the objective's scale
 * its largest |λ|, the hessian chart its extreme eigenvectors, and the
 * visualizer's panel shows it at the cursor: one routine, so that none of
 * them can disagree with another about a Hessian's eigenvalues.
 *
 * On R^d every eigenpair of the d×d matrix is kept. On the unit sphere the
 * matrix is a Riemannian Hessian at x (sd_objective_rhessian): x itself
 * is an eigenvector of it, with eigenvalue 0, that is not a tangent
 * direction; the eigenvector most aligned with x is dropped and the d − 1
 * that remain are the spectrum of the Hessian on the tangent space x⊥
 * (chapter §2.3).
 *
 * Method. A symmetric 2×2 matrix on R² is decomposed in closed form (an
 * optimizer's step on a classic objective must cost well under a
 * microsecond); every other case by GSL's symmetric eigen-solver with
 * eigenvectors (symmv), then sorted. Each eigenvector's sign is then
 * fixed so that its largest entry is positive (the first of entries equal
 * in magnitude to 1e-12): results do not depend on the solver's whims,
 * and cubic's escape from a saddle along the lowest eigenvector picks the
 * same side on every machine.
 *
 * A workspace is GSL style: allocated once for a dimension, reused for
 * every matrix, not shared between threads. */
#ifndef SADDLE_SPECTRUM_H
#define SADDLE_SPECTRUM_H

#include <stddef.h>

struct sd_spectrum_gsl;

typedef struct sd_spectrum {
	size_t			 dim;	/* d: entries of a vector */
	size_t			 n;	/* pairs of the last decomposition:
					 * d, or d − 1 on a sphere */
	double			*eval;	/* n eigenvalues, ascending */
	double			*evec;	/* n unit eigenvectors of d entries,
					 * row i (evec + i·d) for eval[i] */
	struct sd_spectrum_gsl	*gsl;	/* private: the solver's work */
} sd_spectrum;

/* A workspace for d×d matrices (d ≥ 1); NULL when out of memory. */
sd_spectrum *sd_spectrum_alloc(size_t d);

/* Release a workspace; NULL is fine. */
void sd_spectrum_free(sd_spectrum *sp);

/* Decompose the symmetric d×d row-major matrix h (not changed) into
 * sp->eval and sp->evec. x NULL: h acts on R^d and all d pairs are kept.
 * x a unit vector: h is a Riemannian Hessian at x on the sphere and the
 * pair along x is dropped (sp->n = d − 1). Returns -1, with sp->n = 0,
 * when an entry of h is not finite; the solver itself cannot fail. */
int sd_spectrum_decompose(sd_spectrum *sp, const double *h, const double *x);

#endif
