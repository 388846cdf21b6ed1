/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_gd.c: gradient descent, x ← x − lr·g (Cauchy 1847; the chapter's
 * Theorem 2.4 and Lee et al. 2016 for its behaviour near saddles). */
#include "config.h"

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { GD_LR };

static const sd_param gd_params[] = {
	{ "lr", 1, 0, 1e6, 0, "step size" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale gd_scales[] = { SD_SCALE_STEP };

/* One gradient step. */
static sd_step_status
gd_iterate(void *state, sd_optimizer *opt)
{
	const double *x = opt->x, *g = opt->g;
	double lr = opt->params[GD_LR], *t = opt->trial;
	size_t i, d = opt->dim;

	(void)state;
	for (i = 0; i < d; i++)
		t[i] = x[i] - lr * g[i];
	return SD_STEP_OK;
}

/* The same step in registers, for sd_advance2_loop. */
SD_SCALAR static sd_pair
gd_propose2(const sd_optimizer *opt, sd_pair x, sd_pair g)
{
	double lr = opt->params[GD_LR];

	return (sd_pair){ x.x - lr * g.x, x.y - lr * g.y };
}

/* Many steps: in registers on a plane objective that allows it (the
 * single-run engine's speed, measured in bench_optimizer), else through
 * the generic loop with gd_iterate built in. */
SD_SCALAR static sd_step_status
gd_advance(sd_optimizer *opt, size_t n, const sd_advance *how)
{
	if (sd_advance2_fits(opt))
		return sd_advance2_loop(opt, n, how, gd_propose2);
	return sd_advance_loop(opt, n, how, gd_iterate);
}

const sd_optimizer_type sd_optimizer_gd = {
	.name = "gd",
	.summary = "gradient descent: attracted by a saddle from its stable "
	    "manifold",
	.rule = "x ← x − lr·g",
	.reference = "A. Cauchy, Méthode générale pour la résolution des "
	    "systèmes d'équations simultanées, C. R. Acad. Sci. 25, 1847",
	.params = gd_params,
	.scales = gd_scales,
	.iterate = gd_iterate,
	.advance = gd_advance,
};
