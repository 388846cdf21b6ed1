/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optimizer_impl.h: what the method files (opt_*.c) share with the engine
 * (optimizer.c) and with each other. Not for front ends: they use
 * optimizer.h only.
 *
 * A method's iterate reads opt->x, opt->f, opt->g, opt->params and its own
 * state, writes the point it proposes into opt->trial and returns
 * SD_STEP_OK; the engine retracts trial, evaluates f and the gradient
 * there, and accepts it when everything is finite. A method that takes no
 * step returns SD_STEP_SINGULAR or SD_STEP_STUCK and leaves x alone. */
#ifndef SADDLE_OPTIMIZER_IMPL_H
#define SADDLE_OPTIMIZER_IMPL_H

#include <stddef.h>

#include "base/spectrum.h"
#include "base/vec.h"
#include "optimizers/optimizer.h"

/* A Hessian whose smallest |eigenvalue| is at most this times its largest
 * is singular (newton's test; cubic needs no inverse). */
#define SD_SINGULAR_RTOL 1e-12

/* v ← (I − xxᵀ) v on a sphere objective: the tangent part of v at x;
 * nothing on R^d. */
void sd_optimizer_tangent(const sd_optimizer *opt, const double *x,
    double *v);

/* The Hessian at the iterate in its eigenbasis, for newton and cubic: the
 * core's decomposition (spectrum.h), so on a sphere the Riemannian
 * Hessian on the tangent space, with canonical eigenvector signs, and the
 * gradient's coordinates in that basis. lambda and q point into sp and
 * are valid until the next decomposition. */
typedef struct sd_eigen {
	size_t		 dim;
	size_t		 n;	/* pairs: dim, or dim − 1 on a sphere */
	const double	*lambda;	/* n, ascending */
	const double	*q;	/* n rows of dim: eigenvectors */
	double		*gq;	/* n: q_iᵀg, g the gradient at x */
	double		*c;	/* n: a step's eigen-coordinates (work
				 * for the method) */
	double		*h;	/* dim × dim Hessian (work) */
	sd_spectrum	*sp;
} sd_eigen;

/* Allocate for dimension dim. Returns -1 on allocation failure
 * (everything already freed). */
int sd_eigen_alloc(sd_eigen *e, size_t dim);

/* Release what sd_eigen_alloc allocated. */
void sd_eigen_free(sd_eigen *e);

/* Decompose the (Riemannian) Hessian at opt->x and project opt->g on the
 * eigenvectors. Returns -1 when the Hessian is not finite. */
int sd_eigen_decompose(sd_eigen *e, const sd_optimizer *opt);

/* pgd's perturbation ξ, uniform in the ball of radius r about opt->x
 * (tangent on a sphere), drawn from opt->rng; reads opt's objective, dim
 * and x only, so the batch (batch_rules.c) draws it for a run's view. */
void sd_pgd_ball(const sd_optimizer *opt, double r, double *xi);

/* out = x + Σ c_i q_i (i < e->n). */
void sd_eigen_step(const sd_eigen *e, const double *x, const double *c,
    double *out);

/* cubic's exact subproblem in an eigenbasis (cubic.c), on e's n, lambda
 * and gq only: the shift μ of the model's global minimizer for weight M
 * and ‖g‖ = gnorm, and the step's coordinates c for that shift. */
double sd_cubic_shift(const sd_eigen *e, double M, double gnorm);
void sd_cubic_coordinates(const sd_eigen *e, double M, double mu, double *c);

/* cubic's subproblem from Hessian-vector products (cubic_krylov.c), for
 * dimension d; NULL when out of memory. */
struct sd_cubic_krylov *sd_cubic_krylov_new(size_t d);
void sd_cubic_krylov_free(struct sd_cubic_krylov *kr);

/* cubic's step at opt's iterate for weight M into opt->trial, the model
 * minimized on a Krylov subspace; SD_STEP_DIVERGED when a product fails
 * or is not finite. */
sd_step_status sd_cubic_krylov_iterate(struct sd_cubic_krylov *kr,
    sd_optimizer *opt, double M);

#endif
