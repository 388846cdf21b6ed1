/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_newton.c: pure Newton, x ← x − H⁻¹g. It solves ∇f = 0 and is
 * therefore attracted by saddles as much as by minima: the reason the
 * chapter's local methods add noise or a cubic term instead (I. Newton,
 * J. Raphson; for the saddle behaviour see Dauphin et al., Identifying
 * and attacking the saddle point problem, NIPS 2014). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "base/krylov.h"
#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

/* MINRES's relative residual for the matrix-free step: pure Newton's
 * step, to rounding that does not matter to the next iterate. */
#define NEWTON_KRYLOV_RTOL	1e-10

/* The decomposition, and the products' work for the matrix-free step
 * (from SD_KRYLOV_DIM on, for objectives with an hvp). */
struct newton {
	sd_eigen		 e;
	const sd_optimizer	*opt;
	double			 xg;	/* xᵀ∇f at x (sphere) */
	double			*kw;	/* 3 dim: −g, the step, work */
	const void		*prep;	/* the Hessian prepared at x */
};

static int
newton_alloc(void *state, size_t dim)
{
	struct newton *nt = state;

	if (sd_eigen_alloc(&nt->e, dim) != 0)
		return -1;
	if ((nt->kw = malloc(3 * dim * sizeof *nt->kw)) == NULL) {
		sd_eigen_free(&nt->e);
		return -1;
	}
	return 0;
}

/* The (Riemannian) Hessian at the iterate applied to v. */
static int
newton_product(void *ctx, const double *v, double *out)
{
	struct newton *nt = ctx;
	const sd_optimizer *opt = nt->opt;

	return sd_objective_rhvp_prep(opt->objective, nt->prep, opt->x, nt->xg,
	    v, out, nt->kw + 2 * opt->objective->dim);
}

/* The step −H⁻¹g by MINRES on products, never forming H: n·d work a
 * product on the sample sums, where H costs n·d². SD_STEP_SINGULAR when
 * MINRES finds H singular on g's Krylov space. */
static sd_step_status
newton_krylov(struct newton *nt, sd_optimizer *opt)
{
	const sd_objective *obj = opt->objective;
	size_t i, d = obj->dim;
	sd_linop op = { d, NULL, newton_product, nt };
	void *prep;
	int rc;

	nt->opt = opt;
	nt->xg = 0;
	if (obj->type->manifold == SD_SPHERE) {
		op.normal = opt->x;
		sd_objective_gradient(obj, opt->x, nt->kw);
		nt->xg = sd_dot(opt->x, nt->kw, d);
	}
	for (i = 0; i < d; i++)
		nt->kw[i] = -opt->g[i];
	/* MINRES's tens of products at x through one preparation. */
	nt->prep = prep = sd_objective_hvp_prepare(obj, opt->x);
	rc = sd_minres(&op, nt->kw, NEWTON_KRYLOV_RTOL, 2 * d + 10,
	    nt->kw + d, NULL);
	nt->prep = NULL;
	free(prep);
	if (rc < 0 || !sd_all_finite(nt->kw + d, d))
		return SD_STEP_DIVERGED;
	if (rc > 0)
		return SD_STEP_SINGULAR;
	for (i = 0; i < d; i++)
		opt->trial[i] = opt->x[i] + nt->kw[d + i];
	return SD_STEP_OK;
}

/* One Newton step, solved in H's eigenbasis; a singular H (smallest
 * |eigenvalue| ≤ SD_SINGULAR_RTOL times the largest) takes no step. On a
 * sphere H is the Riemannian Hessian on the tangent space. */
static sd_step_status
newton_iterate(void *state, sd_optimizer *opt)
{
	struct newton *nt = state;
	sd_eigen *e = &nt->e;
	double big = 0;
	size_t i;

	if (opt->objective->dim >= SD_KRYLOV_DIM &&
	    opt->objective->type->hvp != NULL)
		return newton_krylov(nt, opt);
	if (sd_eigen_decompose(e, opt) != 0)
		return SD_STEP_DIVERGED;
	for (i = 0; i < e->n; i++)
		big = fmax(big, fabs(e->lambda[i]));
	for (i = 0; i < e->n; i++) {
		if (!(fabs(e->lambda[i]) > SD_SINGULAR_RTOL * big))
			return SD_STEP_SINGULAR;
		e->c[i] = -e->gq[i] / e->lambda[i];
	}
	sd_eigen_step(e, opt->x, e->c, opt->trial);
	return SD_STEP_OK;
}

/* Nothing: the decomposition is the step's work, made afresh each step. */
static int
newton_copy(void *dst, const void *src)
{
	(void)dst;
	(void)src;
	return 0;
}

/* Release the decomposition and the work. */
static void
newton_free(void *state)
{
	struct newton *nt = state;

	sd_eigen_free(&nt->e);
	free(nt->kw);
}

const sd_optimizer_type sd_optimizer_newton = {
	.name = "newton",
	.summary = "pure Newton: converges to whatever stationary point is "
	    "near, saddles included",
	.rule = "x ← x − H⁻¹g",
	.reference = "Newton–Raphson; its attraction to saddles: Y. Dauphin "
	    "et al., Identifying and attacking the saddle point problem in "
	    "high-dimensional non-convex optimization, NIPS 2014",
	.params = NULL,
	.state_size = sizeof(struct newton),
	.alloc = newton_alloc,
	.iterate = newton_iterate,
	.free = newton_free,
	.copy = newton_copy,
};
