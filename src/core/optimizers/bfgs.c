/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_bfgs.c: BFGS as GSL implements it (gsl_multimin_fdfminimizer_
 * vector_bfgs2: Fletcher's BFGS with the line search of his Practical
 * Methods of Optimization, 2nd ed., 1987, Algorithms 2.6.2 and 2.6.4),
 * one GSL iterate per step. GSL_ENOPROG is SD_STEP_STUCK, and so is an
 * iterate that does not move (GSL's answer on an unbounded direction).
 *
 * On a sphere it minimizes h(y) = f(y/‖y‖) over R^d, whose gradient is the
 * Riemannian gradient at x = y/‖y‖ divided by ‖y‖; the engine reports the
 * normalized point. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { BFGS_LR, BFGS_TOL };

static const sd_param bfgs_params[] = {
	{ "lr", 0.01, 0, 1e6, 0, "length of the first trial step (GSL's "
	  "step_size)" },
	{ "tol", 0.1, 0.02, 0.99, 0, "line search accuracy: Fletcher's σ "
	  "(GSL's tol; above its ρ = 0.01, smaller is more exact)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale bfgs_scales[] = {
	SD_SCALE_LENGTH, SD_SCALE_FIXED
};

typedef struct bfgs_state {
	size_t				 dim;
	const sd_objective		*obj;	/* borrowed, set by set */
	gsl_multimin_fdfminimizer	*s;
	gsl_multimin_function_fdf	 fdf;
	gsl_vector			*x0;
	double				*x;	/* the point GSL asks about */
	double				*g;	/* its gradient */
} bfgs_state;

/* Allocate GSL's minimizer and the work arrays. */
static int
bfgs_alloc(void *state, size_t dim)
{
	bfgs_state *s = state;

	s->dim = dim;
	s->s = gsl_multimin_fdfminimizer_alloc(
	    gsl_multimin_fdfminimizer_vector_bfgs2, dim);
	s->x0 = gsl_vector_alloc(dim);
	s->x = calloc(2 * dim, sizeof *s->x);
	if (s->s == NULL || s->x0 == NULL || s->x == NULL) {
		if (s->s != NULL)
			gsl_multimin_fdfminimizer_free(s->s);
		if (s->x0 != NULL)
			gsl_vector_free(s->x0);
		free(s->x);
		return -1;
	}
	s->g = s->x + dim;
	return 0;
}

/* Copy GSL's y into s->x, normalized on a sphere; returns ‖y‖ there (1
 * on R^d), or 0 when y is not a usable point. */
static double
bfgs_point(bfgs_state *s, const gsl_vector *y)
{
	size_t i;
	double norm;

	for (i = 0; i < s->dim; i++)
		s->x[i] = gsl_vector_get(y, i);
	if (s->obj->type->manifold != SD_SPHERE)
		return 1;
	norm = sd_norm(s->x, s->dim);
	return sd_objective_retract(s->obj, s->x) == 0 ? norm : 0;
}

/* h(y). */
static double
bfgs_f(const gsl_vector *y, void *arg)
{
	bfgs_state *s = arg;

	if (bfgs_point(s, y) == 0)
		return GSL_NAN;
	return sd_objective_f(s->obj, s->x);
}

/* ∇h(y) into df. */
static void
bfgs_df(const gsl_vector *y, void *arg, gsl_vector *df)
{
	bfgs_state *s = arg;
	double norm = bfgs_point(s, y);
	size_t i;

	sd_objective_rgradient(s->obj, s->x, s->g);
	for (i = 0; i < s->dim; i++)
		gsl_vector_set(df, i, norm > 0 ? s->g[i] / norm : GSL_NAN);
}

/* h(y) and ∇h(y) together. */
static void
bfgs_fdf(const gsl_vector *y, void *arg, double *f, gsl_vector *df)
{
	*f = bfgs_f(y, arg);
	bfgs_df(y, arg, df);
}

/* Hand GSL the start, the first step length and the line tolerance. */
static int
bfgs_set(void *state, sd_optimizer *opt)
{
	bfgs_state *s = state;
	size_t i;

	s->obj = opt->objective;
	s->fdf.n = s->dim;
	s->fdf.f = bfgs_f;
	s->fdf.df = bfgs_df;
	s->fdf.fdf = bfgs_fdf;
	s->fdf.params = s;
	for (i = 0; i < s->dim; i++)
		gsl_vector_set(s->x0, i, opt->x[i]);
	return gsl_multimin_fdfminimizer_set(s->s, &s->fdf, s->x0,
	    opt->params[BFGS_LR], opt->params[BFGS_TOL]) == GSL_SUCCESS ?
	    0 : -1;
}

/* One GSL iterate: a line search along the quasi-Newton direction. */
static sd_step_status
bfgs_iterate(void *state, sd_optimizer *opt)
{
	bfgs_state *s = state;
	const gsl_vector *y;
	size_t i;
	int status;

	status = gsl_multimin_fdfminimizer_iterate(s->s);
	if (status != GSL_SUCCESS)
		return isfinite(gsl_multimin_fdfminimizer_minimum(s->s)) ?
		    SD_STEP_STUCK : SD_STEP_DIVERGED;
	/* GSL's bracketing gives up on a direction along which f keeps
	 * falling and reports success with a zero step: stuck as well. */
	if (gsl_vector_isnull(gsl_multimin_fdfminimizer_dx(s->s)))
		return SD_STEP_STUCK;
	y = gsl_multimin_fdfminimizer_x(s->s);
	for (i = 0; i < s->dim; i++)
		opt->trial[i] = gsl_vector_get(y, i);
	return SD_STEP_OK;
}

/* Release GSL's minimizer and the work arrays. */
static void
bfgs_free(void *state)
{
	bfgs_state *s = state;

	gsl_multimin_fdfminimizer_free(s->s);
	gsl_vector_free(s->x0);
	free(s->x);
}

const sd_optimizer_type sd_optimizer_bfgs = {
	.name = "bfgs",
	.summary = "quasi-Newton with a line search (GSL's vector_bfgs2)",
	.rule = "one iterate of GSL's vector_bfgs2: a line search along "
	    "−Bg, then the BFGS update of the inverse-Hessian estimate B",
	.reference = "R. Fletcher, Practical Methods of Optimization, 2nd "
	    "ed., Wiley 1987, Algorithms 2.6.2 and 2.6.4 (GSL "
	    "vector_bfgs2)",
	.params = bfgs_params,
	.scales = bfgs_scales,
	.state_size = sizeof(bfgs_state),
	.alloc = bfgs_alloc,
	.set = bfgs_set,
	.iterate = bfgs_iterate,
	.free = bfgs_free,
};
