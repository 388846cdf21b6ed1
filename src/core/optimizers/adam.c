/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_adam.c: Adam, Algorithm 1 of D. P. Kingma & J. Ba, Adam: a method
 * for stochastic optimization, ICLR 2015:
 * m ← beta1·m + (1−beta1)·g; v ← beta2·v + (1−beta2)·g²;
 * x ← x − lr·m̂/(√v̂ + eps), m̂ = m/(1−beta1ᵗ), v̂ = v/(1−beta2ᵗ). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { ADAM_LR, ADAM_BETA1, ADAM_BETA2, ADAM_EPS };

static const sd_param adam_params[] = {
	{ "lr", 0.002, 0, 1e6, 0, "step size α (each step moves a "
	  "coordinate by about lr at most)" },
	{ "beta1", 0.9, 0, 0.999999, 0, "decay of the first moment m" },
	{ "beta2", 0.999, 0, 0.999999, 0, "decay of the second moment v" },
	{ "eps", 1e-8, 0, 1e6, 0, "added to √v̂ against division by zero" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale adam_scales[] = {
	SD_SCALE_LENGTH, SD_SCALE_FIXED, SD_SCALE_FIXED, SD_SCALE_FIXED
};

typedef struct adam_state {
	size_t	 dim;
	double	*m;		/* first moment, starts at 0 */
	double	*v;		/* second moment, starts at 0 */
} adam_state;

/* Allocate both moments in one block. */
static int
adam_alloc(void *state, size_t dim)
{
	adam_state *s = state;

	s->dim = dim;
	if ((s->m = calloc(2 * dim, sizeof *s->m)) == NULL)
		return -1;
	s->v = s->m + dim;
	return 0;
}

/* Start both moments at zero. */
static int
adam_set(void *state, sd_optimizer *opt)
{
	adam_state *s = state;

	(void)opt;
	memset(s->m, 0, 2 * s->dim * sizeof *s->m);
	return 0;
}

/* The second moment v after a gradient coordinate g. */
static double
adam_second(const sd_optimizer *opt, double v, double g)
{
	double b2 = opt->params[ADAM_BETA2];

	return b2 * v + (1 - b2) * g * g;
}

/* What divides lr·m̂_i for a coordinate whose second moment is v:
 * √v̂ + eps, v̂ = v/c2, c2 = 1 − beta2ᵗ (iterate and the batch engine
 * divide lr·m̂, in this order, bit for bit). */
static double
adam_root(const sd_optimizer *opt, double v, double c2)
{
	return sqrt(v / c2) + opt->params[ADAM_EPS];
}

/* The bias corrections 1 − betaᵗ of step t = iter + 1; pow, so that step
 * t does not depend on rounding accumulated over the steps before it. */
static double
adam_correction(const sd_optimizer *opt, int which)
{
	return 1 - pow(opt->params[which], (double)opt->iter + 1);
}

/* One step: m̂ = m/c1 over the root. */
static sd_step_status
adam_iterate(void *state, sd_optimizer *opt)
{
	adam_state *s = state;
	const double *x = opt->x, *g = opt->g;
	double lr = opt->params[ADAM_LR], b1 = opt->params[ADAM_BETA1];
	double c1 = adam_correction(opt, ADAM_BETA1);
	double c2 = adam_correction(opt, ADAM_BETA2), *m = s->m, *v = s->v;
	size_t i, d = opt->dim;

	for (i = 0; i < d; i++) {
		m[i] = b1 * m[i] + (1 - b1) * g[i];
		v[i] = adam_second(opt, v[i], g[i]);
		opt->trial[i] = x[i] - lr * (m[i] / c1) / adam_root(opt, v[i],
		    c2);
	}
	return SD_STEP_OK;
}

/* The next step's sizes: the second moment with this g in it. */
static void
adam_step_sizes(const void *state, const sd_optimizer *opt, double *eta)
{
	const adam_state *s = state;
	double c2 = adam_correction(opt, ADAM_BETA2);
	size_t i;

	for (i = 0; i < opt->dim; i++)
		eta[i] = opt->params[ADAM_LR] / adam_root(opt,
		    adam_second(opt, s->v[i], opt->g[i]), c2);
}

/* Both moments. */
static int
adam_copy(void *dst, const void *src)
{
	const adam_state *from = src;
	adam_state *to = dst;

	memcpy(to->m, from->m, 2 * from->dim * sizeof *to->m);
	return 0;
}

/* Release the moments. */
static void
adam_free(void *state)
{
	adam_state *s = state;

	free(s->m);
}

SD_ADVANCE_DEFINE(adam_advance, adam_iterate)

const sd_optimizer_type sd_optimizer_adam = {
	.name = "adam",
	.summary = "momentum on a per-coordinate RMS scale, bias-corrected",
	.rule = "m ← beta1·m + (1−beta1)·g; v ← beta2·v + (1−beta2)·g²; "
	    "x ← x − lr·m̂/(√v̂ + eps), m̂ = m/(1−beta1ᵗ), v̂ = v/(1−beta2ᵗ)",
	.reference = "D. P. Kingma & J. Ba, Adam: a method for stochastic "
	    "optimization, ICLR 2015",
	.params = adam_params,
	.scales = adam_scales,
	.state_size = sizeof(adam_state),
	.alloc = adam_alloc,
	.set = adam_set,
	.iterate = adam_iterate,
	.advance = adam_advance,
	.free = adam_free,
	.step_sizes = adam_step_sizes,
	.copy = adam_copy,
};
