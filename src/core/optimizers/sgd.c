/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_sgd.c: noisy stochastic gradient descent, x ← x − lr·(g + sigma·ξ),
 * ξ ~ N(0, I) (R. Ge, F. Huang, C. Jin & Y. Yuan, Escaping from saddle
 * points — online stochastic gradient for tensor decomposition, COLT 2015,
 * Algorithm 1 with isotropic Gaussian noise).
 *
 * On objectives made of samples (the type has the samples and grad_batch
 * hooks: glm, matcomp, twolayer) g is a minibatch gradient: each step
 * draws m = min(batch, n) distinct samples of the n, uniformly, without
 * replacement within the step and independently of the other steps, and
 * g is the mean gradient over them (grad_batch), an unbiased estimate of
 * ∇f. The draw is a partial Fisher–Yates shuffle of a permutation of the
 * samples that persists from step to step (any permutation gives a
 * uniform draw; it restarts as the identity at every set, so a run
 * depends on the seed alone): m uniform integers from the generator, then
 * the d Gaussians of the noise. With batch ≥ n nothing is drawn and g is
 * the full gradient. Objectives without samples (the classic ones, pca,
 * tensor) ignore batch. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { SGD_LR, SGD_SIGMA, SGD_BATCH };

static const sd_param sgd_params[] = {
	{ "lr", 1, 0, 1e6, 0, "step size" },
	{ "sigma", 0.001, 0, 1e12, 0, "standard deviation of the gradient "
	  "noise" },
	{ "batch", 1, 1, 1e9, 1, "minibatch size on objectives made of "
	  "samples, drawn without replacement (ignored by the others)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale sgd_scales[] = {
	SD_SCALE_STEP, SD_SCALE_GRADIENT, SD_SCALE_FIXED
};

typedef struct sgd_state {
	size_t	 dim;
	double	*g;		/* the minibatch gradient */
	size_t	 n;		/* the objective's samples; 0: none */
	size_t	*perm;		/* a permutation of 0..n−1; its first m
				 * entries are the step's minibatch */
} sgd_state;

/* The minibatch gradient's room. */
static int
sgd_alloc(void *state, size_t dim)
{
	sgd_state *s = state;

	s->dim = dim;
	return (s->g = malloc(dim * sizeof *s->g)) == NULL ? -1 : 0;
}

/* Learn the objective's samples and start the permutation as the
 * identity. */
static int
sgd_set(void *state, sd_optimizer *opt)
{
	const sd_objective_type *type = opt->objective->type;
	sgd_state *s = state;
	size_t i, n = 0;

	if (type->samples != NULL && type->grad_batch != NULL)
		n = type->samples(opt->objective->state);
	if (n != s->n) {
		free(s->perm);
		s->perm = NULL;
		s->n = 0;
		if (n > 0 && (s->perm = malloc(n * sizeof *s->perm)) == NULL)
			return -1;
		s->n = n;
	}
	for (i = 0; i < s->n; i++)
		s->perm[i] = i;
	return 0;
}

/* The gradient of this step: a minibatch's on objectives made of samples
 * (tangent on a sphere), else the full gradient at x. */
static const double *
sgd_gradient(sgd_state *s, sd_optimizer *opt)
{
	const sd_objective *obj = opt->objective;
	size_t k, j, t, m = (size_t)opt->params[SGD_BATCH];

	if (s->n == 0 || m >= s->n)
		return opt->g;
	for (k = 0; k < m; k++) {
		j = k + gsl_rng_uniform_int(opt->rng, s->n - k);
		t = s->perm[k];
		s->perm[k] = s->perm[j];
		s->perm[j] = t;
	}
	obj->type->grad_batch(obj->state, opt->x, s->perm, m, s->g);
	sd_optimizer_tangent(opt, opt->x, s->g);
	return s->g;
}

/* One noisy step: the minibatch, then d draws of gsl_ran_gaussian in
 * coordinate order; on a sphere the noise is projected onto the tangent
 * space at x. The noise lives in opt->trial until the step overwrites
 * it. */
static sd_step_status
sgd_iterate(void *state, sd_optimizer *opt)
{
	const double *x = opt->x, *g = sgd_gradient(state, opt);
	double lr = opt->params[SGD_LR], sigma = opt->params[SGD_SIGMA];
	double *t = opt->trial;
	size_t i, d = opt->dim;

	for (i = 0; i < d; i++)
		t[i] = gsl_ran_gaussian(opt->rng, 1.0);
	sd_optimizer_tangent(opt, x, t);
	for (i = 0; i < d; i++)
		t[i] = x[i] - lr * (g[i] + sigma * t[i]);
	return SD_STEP_OK;
}

/* The permutation the minibatches are drawn from (g is the step's work). */
static int
sgd_copy(void *dst, const void *src)
{
	const sgd_state *from = src;
	sgd_state *to = dst;

	if (to->n != from->n) {
		free(to->perm);
		to->perm = NULL;
		to->n = 0;
		if (from->n > 0 && (to->perm = malloc(from->n *
		    sizeof *to->perm)) == NULL)
			return -1;
		to->n = from->n;
	}
	if (from->n > 0)
		memcpy(to->perm, from->perm, from->n * sizeof *to->perm);
	return 0;
}

/* Release the gradient and the permutation. */
static void
sgd_free(void *state)
{
	sgd_state *s = state;

	free(s->g);
	free(s->perm);
}

SD_ADVANCE_DEFINE(sgd_advance, sgd_iterate)

const sd_optimizer_type sd_optimizer_sgd = {
	.name = "sgd",
	.summary = "noisy minibatch gradient descent: Gaussian noise on "
	    "every step",
	.rule = "x ← x − lr·(g + sigma·ξ), ξ ~ N(0, I), g over a minibatch",
	.reference = "R. Ge, F. Huang, C. Jin & Y. Yuan, Escaping from saddle "
	    "points — online stochastic gradient for tensor decomposition, "
	    "COLT 2015",
	.params = sgd_params,
	.scales = sgd_scales,
	.state_size = sizeof(sgd_state),
	.alloc = sgd_alloc,
	.set = sgd_set,
	.iterate = sgd_iterate,
	.advance = sgd_advance,
	.free = sgd_free,
	.copy = sgd_copy,
};
