/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_nesterov.c: Nesterov's accelerated gradient in its momentum form,
 * v ← beta·v − lr·∇f(x + beta·v); x ← x + v (Y. Nesterov, A method of
 * solving a convex programming problem with convergence rate O(1/k²),
 * Soviet Math. Dokl. 27, 1983; this form: Sutskever, Martens, Dahl &
 * Hinton, On the importance of initialization and momentum in deep
 * learning, ICML 2013). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { NESTEROV_LR, NESTEROV_BETA };

static const sd_param nesterov_params[] = {
	{ "lr", 1, 0, 1e6, 0, "step size" },
	{ "beta", 0.9, 0, 0.999999, 0, "momentum: the fraction of v kept" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale nesterov_scales[] = {
	SD_SCALE_STEP, SD_SCALE_FIXED
};

typedef struct nesterov_state {
	size_t	 dim;
	double	*v;		/* velocity, starts at 0 */
	double	*y;		/* the look-ahead point x + beta·v */
	double	*gy;		/* the gradient there */
} nesterov_state;

/* Allocate velocity and look-ahead work in one block. */
static int
nesterov_alloc(void *state, size_t dim)
{
	nesterov_state *s = state;

	s->dim = dim;
	if ((s->v = calloc(3 * dim, sizeof *s->v)) == NULL)
		return -1;
	s->y = s->v + dim;
	s->gy = s->v + 2 * dim;
	return 0;
}

/* Start at rest. */
static int
nesterov_set(void *state, sd_optimizer *opt)
{
	nesterov_state *s = state;

	(void)opt;
	memset(s->v, 0, s->dim * sizeof *s->v);
	return 0;
}

/* One step: the gradient is taken at the look-ahead point. On a sphere v
 * is projected onto the tangent space at x and the look-ahead point is
 * retracted before the (Riemannian) gradient is taken there. */
static sd_step_status
nesterov_iterate(void *state, sd_optimizer *opt)
{
	nesterov_state *s = state;
	const double *x = opt->x;
	double lr = opt->params[NESTEROV_LR];
	double beta = opt->params[NESTEROV_BETA], *v = s->v, *t = opt->trial;
	size_t i, d = opt->dim;

	sd_optimizer_tangent(opt, x, v);
	for (i = 0; i < d; i++)
		s->y[i] = x[i] + beta * v[i];
	if (!sd_all_finite(s->y, d) ||
	    sd_objective_retract(opt->objective, s->y) != 0)
		return SD_STEP_DIVERGED;
	sd_objective_rgradient(opt->objective, s->y, s->gy);
	for (i = 0; i < d; i++) {
		v[i] = beta * v[i] - lr * s->gy[i];
		t[i] = x[i] + v[i];
	}
	return SD_STEP_OK;
}

/* The velocity (y and gy are the step's work). */
static int
nesterov_copy(void *dst, const void *src)
{
	const nesterov_state *from = src;
	nesterov_state *to = dst;

	memcpy(to->v, from->v, from->dim * sizeof *to->v);
	return 0;
}

/* Release the block. */
static void
nesterov_free(void *state)
{
	nesterov_state *s = state;

	free(s->v);
}

SD_ADVANCE_DEFINE(nesterov_advance, nesterov_iterate)

const sd_optimizer_type sd_optimizer_nesterov = {
	.name = "nesterov",
	.summary = "accelerated gradient: momentum with a look-ahead gradient",
	.rule = "v ← beta·v − lr·∇f(x + beta·v); x ← x + v",
	.reference = "Y. Nesterov, A method of solving a convex programming "
	    "problem with convergence rate O(1/k²), Soviet Math. Dokl. 27, "
	    "1983 (momentum form: Sutskever et al., ICML 2013)",
	.params = nesterov_params,
	.scales = nesterov_scales,
	.state_size = sizeof(nesterov_state),
	.alloc = nesterov_alloc,
	.set = nesterov_set,
	.iterate = nesterov_iterate,
	.advance = nesterov_advance,
	.free = nesterov_free,
	.copy = nesterov_copy,
};
