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

#include <float.h>
#include <math.h>
#include <stddef.h>

#include "base/simd.h"
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

/* The engine's half of a step, once the method has written its proposal
 * into opt->trial: retract it, evaluate f and the gradient there, and
 * swap it in when all of it (‖g‖ included) is finite; otherwise x stays
 * put and the step diverged. Inline, so that sd_optimizer_iterate and
 * every method's advance loop share the one definition. */
SD_LOOP_INLINE sd_step_status
sd_optimizer_accept(sd_optimizer *opt)
{
	const sd_objective *obj = opt->objective;
	const sd_objective_type *type = obj->type;
	const int sphere = type->manifold == SD_SPHERE;
	double f, gn, *x, *g;

	/* The type's f and grad called here, not through sd_objective_f
	 * and sd_objective_rgradient: on R^d, a call less each per step. */
	if (!sd_all_finite(opt->trial, opt->dim) ||
	    (sphere && sd_objective_retract(obj, opt->trial) != 0))
		return SD_STEP_DIVERGED;
	f = type->f(obj->state, opt->trial);
	if (!isfinite(f))
		return SD_STEP_DIVERGED;
	if (sphere)
		sd_objective_rgradient(obj, opt->trial, opt->gtrial);
	else
		type->grad(obj->state, opt->trial, opt->gtrial);
	if (!sd_all_finite(opt->gtrial, opt->dim) ||
	    !isfinite(gn = sd_norm(opt->gtrial, opt->dim)))
		return SD_STEP_DIVERGED;
	/* Each pointer read on its own: a swap written pairwise let GCC
	 * read x with f as one 16-byte load, which no store forwards
	 * (half of a gd step's time went in that stall). */
	x = opt->x;
	g = opt->g;
	opt->x = opt->trial;
	opt->g = opt->gtrial;
	opt->trial = x;
	opt->gtrial = g;
	opt->f = f;
	opt->grad_norm = gn;
	opt->iter++;
	return SD_STEP_OK;
}

/* Whether x is strictly inside how's fence (see sd_advance). */
SD_LOOP_INLINE int
sd_advance_inside(const sd_advance *how, const double *x, size_t d)
{
	double s = 0, u;
	size_t i;

	for (i = 0; i < d; i++) {
		u = x[i] - how->fence[i];
		s += u * u;
	}
	return s < how->fence2;
}

/* sd_optimizer_advance's loop around one method's iterate: with iterate
 * a constant, the compiler builds it in, and a step costs the
 * objective's calls and nothing else (see SD_ADVANCE_DEFINE). */
SD_LOOP_INLINE sd_step_status
sd_advance_loop(sd_optimizer *opt, size_t n, const sd_advance *how,
    sd_step_status (*iterate)(void *state, sd_optimizer *opt))
{
	static const sd_advance none;
	sd_step_status st;
	size_t k;

	if (how == NULL)
		how = &none;
	for (k = 0; k < n; k++) {
		if (opt->grad_norm < how->tol)
			break;
		if ((st = iterate(opt->state, opt)) != SD_STEP_OK ||
		    (st = sd_optimizer_accept(opt)) != SD_STEP_OK)
			return st;
		if (how->each != NULL && how->each(how->ctx, opt) != 0)
			break;
		if (how->fence != NULL &&
		    !sd_advance_inside(how, opt->x, opt->dim))
			break;
	}
	return SD_STEP_OK;
}

/* Whether sd_advance2_loop can step opt: a two-dimensional objective on
 * R² with an fg2 hook. */
static inline int
sd_advance2_fits(const sd_optimizer *opt)
{
	const sd_objective_type *type = opt->objective->type;

	return opt->dim == 2 && type->manifold == SD_EUCLIDEAN &&
	    type->fg2 != NULL;
}

/* Write the registers of sd_advance2_loop into opt: x and g in place
 * (trial and gtrial, scratch between steps, keep what they had). */
static inline void
sd_advance2_store(sd_optimizer *opt, sd_pair x, sd_pair g, double f,
    size_t iter)
{
	opt->x[0] = x.x;
	opt->x[1] = x.y;
	opt->g[0] = g.x;
	opt->g[1] = g.y;
	opt->f = f;
	opt->iter = iter;
}

/* sd_advance_loop for a method whose proposal is a function of x, g and
 * its parameters alone (propose, a constant, built in), on an objective
 * that sd_advance2_fits: x and g stay in registers from one step to the
 * next, and the objective is called through fg2. Each step makes the
 * operations of iterate and sd_optimizer_accept in their order (on R²
 * the retraction is none, and ‖g‖ is sd_norm's: the sum of squares in
 * sd_dot's order), so the same bits.
 *
 * The accepted iterate is written to opt before every step: a failed
 * step then has nothing to restore, so no register must keep the old
 * iterate across fg2's call (the compiler would put it on the stack and
 * read it back on the step's critical path). With nothing to read ‖g‖
 * between steps (no tol, each or fence), its square root, a long
 * latency, is taken once at the end: gn −1 stands for √sq. */
SD_LOOP_INLINE sd_step_status
sd_advance2_loop(sd_optimizer *opt, size_t n, const sd_advance *how,
    sd_pair (*propose)(const sd_optimizer *opt, sd_pair x, sd_pair g))
{
	static const sd_advance none;
	const sd_objective *obj = opt->objective;
	sd_pair (*fg2)(const void *, double, double, double *) =
	    obj->type->fg2;
	sd_pair x = { opt->x[0], opt->x[1] }, g = { opt->g[0], opt->g[1] };
	sd_pair t = x, gt;
	double f = opt->f, gn = opt->grad_norm, ft, gnt, s, sq = 0, tol;
	size_t k, iter = opt->iter;
	sd_step_status st = SD_STEP_OK;
	int lazy;

	if (how == NULL)
		how = &none;
	lazy = !(how->tol > 0) && how->each == NULL && how->fence == NULL;
	tol = lazy ? -INFINITY : how->tol;
	for (k = 0;; k++) {
		sd_advance2_store(opt, x, g, f, iter);
		if (k == n || gn < tol)
			break;
		t = propose(opt, x, g);
		st = SD_STEP_DIVERGED;
		if (!isfinite(t.x) || !isfinite(t.y))
			break;
		gt = fg2(obj->state, t.x, t.y, &ft);
		if (!isfinite(ft) || !isfinite(gt.x) || !isfinite(gt.y))
			break;
		s = 0;
		s += gt.x * gt.x;
		s += gt.y * gt.y;
		if (isfinite(s) && s >= DBL_MIN)
			gnt = lazy ? -1 : sqrt(s);
		else if (!isfinite(gnt = sd_norm_scaled((const double[]){
		    gt.x, gt.y }, 2)))
			break;
		st = SD_STEP_OK;
		x = t;
		g = gt;
		f = ft;
		gn = gnt;
		sq = s;
		iter++;
		if (lazy)
			continue;
		sd_advance2_store(opt, x, g, f, iter);
		opt->grad_norm = gn;
		if ((how->each != NULL && how->each(how->ctx, opt) != 0) ||
		    (how->fence != NULL && !sd_advance_inside(how, opt->x, 2)))
			break;
	}
	opt->grad_norm = gn < 0 ? sqrt(sq) : gn;
	if (st != SD_STEP_OK) {
		opt->trial[0] = t.x;
		opt->trial[1] = t.y;
	}
	return st;
}

/* A method's advance hook: sd_advance_loop with its iterate built in. */
#define SD_ADVANCE_DEFINE(name, iterate)				\
static sd_step_status							\
name(sd_optimizer *opt, size_t n, const sd_advance *how)		\
{									\
	return sd_advance_loop(opt, n, how, iterate);			\
}

#endif
