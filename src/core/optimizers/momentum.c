/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_momentum.c: Polyak's heavy ball, v ← beta·v − lr·g; x ← x + v
 * (B. T. Polyak, Some methods of speeding up the convergence of iteration
 * methods, USSR Comput. Math. Math. Phys. 4(5), 1964). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { MOMENTUM_LR, MOMENTUM_BETA };

static const sd_param momentum_params[] = {
	{ "lr", 1, 0, 1e6, 0, "step size" },
	{ "beta", 0.9, 0, 0.999999, 0, "momentum: the fraction of v kept" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale momentum_scales[] = {
	SD_SCALE_STEP, SD_SCALE_FIXED
};

typedef struct momentum_state {
	size_t	 dim;
	double	*v;		/* velocity, starts at 0 */
} momentum_state;

/* Allocate the velocity. */
static int
momentum_alloc(void *state, size_t dim)
{
	momentum_state *s = state;

	s->dim = dim;
	return (s->v = calloc(dim, sizeof *s->v)) == NULL ? -1 : 0;
}

/* Start at rest. */
static int
momentum_set(void *state, sd_optimizer *opt)
{
	momentum_state *s = state;

	(void)opt;
	memset(s->v, 0, s->dim * sizeof *s->v);
	return 0;
}

/* One heavy-ball step. On a sphere v is first projected onto the tangent
 * space at x (vector transport by projection). */
static sd_step_status
momentum_iterate(void *state, sd_optimizer *opt)
{
	momentum_state *s = state;
	const double *x = opt->x, *g = opt->g;
	double lr = opt->params[MOMENTUM_LR];
	double beta = opt->params[MOMENTUM_BETA], *v = s->v, *t = opt->trial;
	size_t i, d = opt->dim;

	sd_optimizer_tangent(opt, x, v);
	for (i = 0; i < d; i++) {
		v[i] = beta * v[i] - lr * g[i];
		t[i] = x[i] + v[i];
	}
	return SD_STEP_OK;
}

/* The velocity. */
static int
momentum_copy(void *dst, const void *src)
{
	const momentum_state *from = src;
	momentum_state *to = dst;

	memcpy(to->v, from->v, from->dim * sizeof *to->v);
	return 0;
}

/* Release the velocity. */
static void
momentum_free(void *state)
{
	momentum_state *s = state;

	free(s->v);
}

SD_ADVANCE_DEFINE(momentum_advance, momentum_iterate)

const sd_optimizer_type sd_optimizer_momentum = {
	.name = "momentum",
	.summary = "heavy ball: gradient descent that keeps a velocity",
	.rule = "v ← beta·v − lr·g; x ← x + v",
	.reference = "B. T. Polyak, Some methods of speeding up the "
	    "convergence of iteration methods, USSR Comput. Math. Math. "
	    "Phys. 4(5), 1964",
	.params = momentum_params,
	.scales = momentum_scales,
	.state_size = sizeof(momentum_state),
	.alloc = momentum_alloc,
	.set = momentum_set,
	.iterate = momentum_iterate,
	.advance = momentum_advance,
	.free = momentum_free,
	.copy = momentum_copy,
};
