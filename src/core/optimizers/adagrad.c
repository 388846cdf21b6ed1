/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_adagrad.c: AdaGrad with a diagonal preconditioner, G ← G + g²;
 * x ← x − lr·g/(√G + eps) (J. Duchi, E. Hazan & Y. Singer, Adaptive
 * subgradient methods for online learning and stochastic optimization,
 * JMLR 12, 2011, the diagonal update with δ = eps). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { ADAGRAD_LR, ADAGRAD_EPS };

static const sd_param adagrad_params[] = {
	{ "lr", 0.05, 0, 1e6, 0, "step size (the first step moves each "
	  "coordinate by about lr)" },
	{ "eps", 1e-8, 0, 1e6, 0, "added to √G against division by zero" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale adagrad_scales[] = {
	SD_SCALE_LENGTH, SD_SCALE_FIXED
};

typedef struct adagrad_state {
	size_t	 dim;
	double	*G;		/* sum of squared gradients, starts at 0 */
} adagrad_state;

/* Allocate the accumulator. */
static int
adagrad_alloc(void *state, size_t dim)
{
	adagrad_state *s = state;

	s->dim = dim;
	return (s->G = calloc(dim, sizeof *s->G)) == NULL ? -1 : 0;
}

/* Forget the accumulated squares. */
static int
adagrad_set(void *state, sd_optimizer *opt)
{
	adagrad_state *s = state;

	(void)opt;
	memset(s->G, 0, s->dim * sizeof *s->G);
	return 0;
}

/* What divides lr·g_i for a coordinate whose squares sum to G (iterate
 * and the batch engine divide lr·g, in this order, bit for bit). */
static double
adagrad_root(const sd_optimizer *opt, double G)
{
	return sqrt(G) + opt->params[ADAGRAD_EPS];
}

/* One step; squares and roots are elementwise. */
static sd_step_status
adagrad_iterate(void *state, sd_optimizer *opt)
{
	adagrad_state *s = state;
	const double *x = opt->x, *g = opt->g;
	double lr = opt->params[ADAGRAD_LR], *G = s->G, *t = opt->trial;
	size_t i, d = opt->dim;

	for (i = 0; i < d; i++) {
		G[i] += g[i] * g[i];
		t[i] = x[i] - lr * g[i] / adagrad_root(opt, G[i]);
	}
	return SD_STEP_OK;
}

/* The next step's sizes: G with this g's squares added. */
static void
adagrad_step_sizes(const void *state, const sd_optimizer *opt, double *eta)
{
	const adagrad_state *s = state;
	size_t i;

	for (i = 0; i < opt->dim; i++)
		eta[i] = opt->params[ADAGRAD_LR] / adagrad_root(opt,
		    s->G[i] + opt->g[i] * opt->g[i]);
}

/* The sum of squared gradients. */
static int
adagrad_copy(void *dst, const void *src)
{
	const adagrad_state *from = src;
	adagrad_state *to = dst;

	memcpy(to->G, from->G, from->dim * sizeof *to->G);
	return 0;
}

/* Release the accumulator. */
static void
adagrad_free(void *state)
{
	adagrad_state *s = state;

	free(s->G);
}

SD_ADVANCE_DEFINE(adagrad_advance, adagrad_iterate)

const sd_optimizer_type sd_optimizer_adagrad = {
	.name = "adagrad",
	.summary = "per-coordinate steps shrinking with the gradients seen",
	.rule = "G ← G + g²; x ← x − lr·g/(√G + eps)",
	.reference = "J. Duchi, E. Hazan & Y. Singer, Adaptive subgradient "
	    "methods for online learning and stochastic optimization, JMLR "
	    "12, 2011",
	.params = adagrad_params,
	.scales = adagrad_scales,
	.state_size = sizeof(adagrad_state),
	.alloc = adagrad_alloc,
	.set = adagrad_set,
	.iterate = adagrad_iterate,
	.advance = adagrad_advance,
	.free = adagrad_free,
	.step_sizes = adagrad_step_sizes,
	.copy = adagrad_copy,
};
