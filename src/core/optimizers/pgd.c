/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_pgd.c: perturbed gradient descent, algorithm "PGD" of C. Jin,
 * R. Ge, P. Netrapalli, S. M. Kakade & M. I. Jordan, How to escape saddle
 * points efficiently, ICML 2017: when ‖g‖ ≤ g_thres and no perturbation
 * happened in the last t_thres steps, x ← x + ξ with ξ uniform in the ball
 * of radius r; then x ← x − lr·∇f(x) (the gradient at the perturbed
 * point).
 *
 * The paper's termination test (return the pre-perturbation point when f
 * fell by less than f_thres over t_thres steps) is left to the caller, as
 * every convergence test is in this engine. The defaults keep the paper's
 * ratio r = g_thres/ℓ (ℓ = L); g_thres sits well above the usual ‖g‖
 * tolerance so that a run perturbs before it could stop at a saddle, and
 * t_thres, the paper's escape time, is long enough for gradient descent to
 * settle into a minimum between two perturbations. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { PGD_LR, PGD_R, PGD_G_THRES, PGD_T_THRES };

static const sd_param pgd_params[] = {
	{ "lr", 1, 0, 1e6, 0, "step size η" },
	{ "r", 1e-4, 0, 1e6, 0, "perturbation radius" },
	{ "g_thres", 1e-4, 0, 1e12, 0, "perturb only where ‖g‖ ≤ g_thres" },
	{ "t_thres", 1000, 0, 1e9, 1, "steps without a perturbation before "
	  "the next one" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale pgd_scales[] = {
	SD_SCALE_STEP, SD_SCALE_LENGTH, SD_SCALE_GRADIENT, SD_SCALE_FIXED
};

typedef struct pgd_state {
	double	 t_noise;	/* step of the last perturbation */
	double	*xi;		/* the perturbation */
	double	*y;		/* the perturbed point */
	double	*gy;		/* the gradient there */
} pgd_state;

/* Allocate the perturbation work in one block. */
static int
pgd_alloc(void *state, size_t dim)
{
	pgd_state *s = state;

	if ((s->xi = calloc(3 * dim, sizeof *s->xi)) == NULL)
		return -1;
	s->y = s->xi + dim;
	s->gy = s->xi + 2 * dim;
	return 0;
}

/* No perturbation yet: the first one may come at step 0. */
static int
pgd_set(void *state, sd_optimizer *opt)
{
	pgd_state *s = state;

	s->t_noise = -opt->params[PGD_T_THRES] - 1;
	return 0;
}

/* ξ uniform in the ball of radius r: a Gaussian direction (d draws of
 * gsl_ran_gaussian, projected onto the tangent space on a sphere) and a
 * radius r·U^(1/k), U = gsl_rng_uniform, k the ball's dimension. */
void
sd_pgd_ball(const sd_optimizer *opt, double r, double *xi)
{
	size_t i, d = opt->dim, k = d;
	double norm, rho;

	for (i = 0; i < d; i++)
		xi[i] = gsl_ran_gaussian(opt->rng, 1.0);
	if (opt->objective->type->manifold == SD_SPHERE) {
		sd_optimizer_tangent(opt, opt->x, xi);
		k = d - 1;
	}
	norm = sd_norm(xi, d);
	rho = r * pow(gsl_rng_uniform(opt->rng), 1.0 / (double)k);
	for (i = 0; i < d; i++)
		xi[i] = norm > 0 ? xi[i] * rho / norm : 0;
}

/* One step, perturbed first when the paper's condition holds. */
static sd_step_status
pgd_iterate(void *state, sd_optimizer *opt)
{
	pgd_state *s = state;
	const double *base = opt->x, *g = opt->g;
	double lr = opt->params[PGD_LR], *t = opt->trial;
	size_t i, d = opt->dim;

	if (sd_optimizer_grad_norm(opt) <= opt->params[PGD_G_THRES] &&
	    (double)opt->iter - s->t_noise > opt->params[PGD_T_THRES]) {
		s->t_noise = (double)opt->iter;
		sd_pgd_ball(opt, opt->params[PGD_R], s->xi);
		for (i = 0; i < d; i++)
			s->y[i] = opt->x[i] + s->xi[i];
		if (sd_objective_retract(opt->objective, s->y) != 0)
			return SD_STEP_DIVERGED;
		sd_objective_rgradient(opt->objective, s->y, s->gy);
		base = s->y;
		g = s->gy;
	}
	for (i = 0; i < d; i++)
		t[i] = base[i] - lr * g[i];
	return SD_STEP_OK;
}

/* When the last perturbation came (xi, y and gy are the step's work). */
static int
pgd_copy(void *dst, const void *src)
{
	const pgd_state *from = src;
	pgd_state *to = dst;

	to->t_noise = from->t_noise;
	return 0;
}

/* Release the block. */
static void
pgd_free(void *state)
{
	pgd_state *s = state;

	free(s->xi);
}

SD_ADVANCE_DEFINE(pgd_advance, pgd_iterate)

const sd_optimizer_type sd_optimizer_pgd = {
	.name = "pgd",
	.summary = "perturbed gradient descent: a random kick where the "
	    "gradient is small",
	.rule = "if ‖g‖ ≤ g_thres and no perturbation in the last t_thres "
	    "steps: x ← x + ξ, ξ uniform in the ball of radius r; then "
	    "x ← x − lr·∇f(x)",
	.reference = "C. Jin, R. Ge, P. Netrapalli, S. M. Kakade & M. I. "
	    "Jordan, How to escape saddle points efficiently, ICML 2017",
	.params = pgd_params,
	.scales = pgd_scales,
	.state_size = sizeof(pgd_state),
	.alloc = pgd_alloc,
	.set = pgd_set,
	.iterate = pgd_iterate,
	.advance = pgd_advance,
	.free = pgd_free,
	.copy = pgd_copy,
};
