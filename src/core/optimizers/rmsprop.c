/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_rmsprop.c: RMSProp, s ← rho·s + (1−rho)·g²; x ← x − lr·g/(√s + eps)
 * (T. Tieleman & G. Hinton, Lecture 6.5 — RMSProp: divide the gradient by
 * a running average of its recent magnitude, COURSERA: Neural Networks
 * for Machine Learning, 2012). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { RMSPROP_LR, RMSPROP_RHO, RMSPROP_EPS };

static const sd_param rmsprop_params[] = {
	{ "lr", 0.002, 0, 1e6, 0, "step size (steps move about lr per "
	  "coordinate once s has settled)" },
	{ "rho", 0.9, 0, 0.999999, 0, "decay of the running mean of g²" },
	{ "eps", 1e-8, 0, 1e6, 0, "added to √s against division by zero" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale rmsprop_scales[] = {
	SD_SCALE_LENGTH, SD_SCALE_FIXED, SD_SCALE_FIXED
};

typedef struct rmsprop_state {
	size_t	 dim;
	double	*s;		/* running mean of g², starts at 0 */
} rmsprop_state;

/* Allocate the running mean. */
static int
rmsprop_alloc(void *state, size_t dim)
{
	rmsprop_state *s = state;

	s->dim = dim;
	return (s->s = calloc(dim, sizeof *s->s)) == NULL ? -1 : 0;
}

/* Start the running mean at zero. */
static int
rmsprop_set(void *state, sd_optimizer *opt)
{
	rmsprop_state *s = state;

	(void)opt;
	memset(s->s, 0, s->dim * sizeof *s->s);
	return 0;
}

/* The running mean s of g² after a gradient coordinate g. */
static double
rmsprop_mean(const sd_optimizer *opt, double s, double g)
{
	double rho = opt->params[RMSPROP_RHO];

	return rho * s + (1 - rho) * g * g;
}

/* What divides lr·g_i for a coordinate whose running mean of g² is s
 * (iterate and the batch engine divide lr·g, in this order, bit for
 * bit). */
static double
rmsprop_root(const sd_optimizer *opt, double s)
{
	return sqrt(s) + opt->params[RMSPROP_EPS];
}

/* One step; squares and roots are elementwise. */
static sd_step_status
rmsprop_iterate(void *state, sd_optimizer *opt)
{
	rmsprop_state *st = state;
	const double *x = opt->x, *g = opt->g;
	double lr = opt->params[RMSPROP_LR], *s = st->s, *t = opt->trial;
	size_t i, d = opt->dim;

	for (i = 0; i < d; i++) {
		s[i] = rmsprop_mean(opt, s[i], g[i]);
		t[i] = x[i] - lr * g[i] / rmsprop_root(opt, s[i]);
	}
	return SD_STEP_OK;
}

/* The next step's sizes: the running mean with this g in it. */
static void
rmsprop_step_sizes(const void *state, const sd_optimizer *opt, double *eta)
{
	const rmsprop_state *st = state;
	size_t i;

	for (i = 0; i < opt->dim; i++)
		eta[i] = opt->params[RMSPROP_LR] / rmsprop_root(opt,
		    rmsprop_mean(opt, st->s[i], opt->g[i]));
}

/* The running mean of g². */
static int
rmsprop_copy(void *dst, const void *src)
{
	const rmsprop_state *from = src;
	rmsprop_state *to = dst;

	memcpy(to->s, from->s, from->dim * sizeof *to->s);
	return 0;
}

/* Release the running mean. */
static void
rmsprop_free(void *state)
{
	rmsprop_state *s = state;

	free(s->s);
}

SD_ADVANCE_DEFINE(rmsprop_advance, rmsprop_iterate)

const sd_optimizer_type sd_optimizer_rmsprop = {
	.name = "rmsprop",
	.summary = "per-coordinate steps scaled by a running RMS of g",
	.rule = "s ← rho·s + (1−rho)·g²; x ← x − lr·g/(√s + eps)",
	.reference = "T. Tieleman & G. Hinton, Lecture 6.5 — RMSProp, "
	    "COURSERA: Neural Networks for Machine Learning, 2012",
	.params = rmsprop_params,
	.scales = rmsprop_scales,
	.state_size = sizeof(rmsprop_state),
	.alloc = rmsprop_alloc,
	.set = rmsprop_set,
	.iterate = rmsprop_iterate,
	.advance = rmsprop_advance,
	.free = rmsprop_free,
	.step_sizes = rmsprop_step_sizes,
	.copy = rmsprop_copy,
};
