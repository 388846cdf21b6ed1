/* opt_sgd.c: noisy stochastic gradient descent, x ← x − lr·(g + sigma·ξ),
 * ξ ~ N(0, I) (R. Ge, F. Huang, C. Jin & Y. Yuan, Escaping from saddle
 * points — online stochastic gradient for tensor decomposition, COLT 2015,
 * Algorithm 1 with isotropic Gaussian noise). On objectives with data a
 * minibatch gradient of size batch replaces g; objectives without data
 * (all the classic ones) ignore batch. */
#include "config.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "optimizer.h"
#include "optimizer_impl.h"

enum { SGD_LR, SGD_SIGMA, SGD_BATCH };

static const sd_param sgd_params[] = {
	{ "lr", 1, 0, 1e6, 0, "step size" },
	{ "sigma", 0.001, 0, 1e12, 0, "standard deviation of the gradient "
	  "noise" },
	{ "batch", 1, 1, 1e9, 1, "minibatch size on data objectives "
	  "(ignored by objectives without data)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale sgd_scales[] = {
	SD_SCALE_STEP, SD_SCALE_GRADIENT, SD_SCALE_FIXED
};

/* One noisy step: d draws of gsl_ran_gaussian, in coordinate order; on a
 * sphere the noise is projected onto the tangent space at x. The noise
 * lives in opt->trial until the step overwrites it. */
static sd_step_status
sgd_iterate(void *state, sd_optimizer *opt)
{
	const double *x = opt->x, *g = opt->g;
	double lr = opt->params[SGD_LR], sigma = opt->params[SGD_SIGMA];
	double *t = opt->trial;
	size_t i, d = opt->dim;

	(void)state;
	for (i = 0; i < d; i++)
		t[i] = gsl_ran_gaussian(opt->rng, 1.0);
	sd_optimizer_tangent(opt, x, t);
	for (i = 0; i < d; i++)
		t[i] = x[i] - lr * (g[i] + sigma * t[i]);
	return SD_STEP_OK;
}

const sd_optimizer_type sd_optimizer_sgd = {
	.name = "sgd",
	.summary = "noisy gradient descent: Gaussian noise on every step",
	.rule = "x ← x − lr·(g + sigma·ξ), ξ ~ N(0, I)",
	.reference = "R. Ge, F. Huang, C. Jin & Y. Yuan, Escaping from saddle "
	    "points — online stochastic gradient for tensor decomposition, "
	    "COLT 2015",
	.params = sgd_params,
	.scales = sgd_scales,
	.iterate = sgd_iterate,
};
