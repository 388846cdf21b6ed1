/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_optimizer_bfgs.c: bfgs is GSL's vector_bfgs2, ported
 * (src/core/optimizers/bfgs.c, line_search.c). The reference is GSL's own
 * minimizer, driven on h(y) = f(y/‖y‖) as bfgs.c drove it before the port
 * (kept here only) and stepped through the same engine; the two run side
 * by side from several starts on R² (himmelblau, rosenbrock, camel6, a
 * formula), on R^5 (glm), on the sphere (tensor), on the monkey saddle
 * (where the line search gives up: stuck) and on a cliff whose f is NaN
 * beyond x = 0 while its gradient is not (diverged), and every step's
 * status, proposal (GSL's x, before the engine retracts it), iterate,
 * gradient and f must be the same bits. GSL's three ways of not stepping
 * (GSL_ENOPROG with f finite or not, a zero step) must all have come up.
 * A copy taken at any step continues bit for bit as the original. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>

#include "base/error.h"
#include "base/vec.h"
#include "expr/expr.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "optimizer_util.h"

#define STEPS	120
#define DIM_MAX	5

/* ---- The reference: GSL's vector_bfgs2 as bfgs.c called it ---- */

typedef struct ref_state {
	size_t				 dim;
	const sd_objective		*obj;
	gsl_multimin_fdfminimizer	*s;
	gsl_multimin_function_fdf	 fdf;
	gsl_vector			*x0;
	double				*x;	/* the point GSL asks about */
	double				*g;	/* its gradient */
} ref_state;

/* How often GSL did not step, each way, over the whole program. */
static size_t ref_noprog_finite, ref_noprog_nan, ref_zero_step;

static int
ref_alloc(void *state, size_t dim)
{
	ref_state *s = state;

	s->dim = dim;
	s->s = gsl_multimin_fdfminimizer_alloc(
	    gsl_multimin_fdfminimizer_vector_bfgs2, dim);
	s->x0 = gsl_vector_alloc(dim);
	s->x = calloc(2 * dim, sizeof *s->x);
	assert_true(s->s != NULL && s->x0 != NULL && s->x != NULL);
	s->g = s->x + dim;
	return 0;
}

/* GSL's y into s->x, normalized on a sphere; ‖y‖ there (1 on R^d), or 0
 * when y is not a usable point. */
static double
ref_point(ref_state *s, const gsl_vector *y)
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

static double
ref_f(const gsl_vector *y, void *arg)
{
	ref_state *s = arg;

	if (ref_point(s, y) == 0)
		return GSL_NAN;
	return sd_objective_f(s->obj, s->x);
}

static void
ref_df(const gsl_vector *y, void *arg, gsl_vector *df)
{
	ref_state *s = arg;
	double norm = ref_point(s, y);
	size_t i;

	sd_objective_rgradient(s->obj, s->x, s->g);
	for (i = 0; i < s->dim; i++)
		gsl_vector_set(df, i, norm > 0 ? s->g[i] / norm : GSL_NAN);
}

static void
ref_fdf(const gsl_vector *y, void *arg, double *f, gsl_vector *df)
{
	*f = ref_f(y, arg);
	ref_df(y, arg, df);
}

static int
ref_set(void *state, sd_optimizer *opt)
{
	ref_state *s = state;
	size_t i;

	s->obj = opt->objective;
	s->fdf.n = s->dim;
	s->fdf.f = ref_f;
	s->fdf.df = ref_df;
	s->fdf.fdf = ref_fdf;
	s->fdf.params = s;
	for (i = 0; i < s->dim; i++)
		gsl_vector_set(s->x0, i, opt->x[i]);
	/* lr and tol, the first two of bfgs's parameters. */
	return gsl_multimin_fdfminimizer_set(s->s, &s->fdf, s->x0,
	    opt->params[0], opt->params[1]) == GSL_SUCCESS ? 0 : -1;
}

static sd_step_status
ref_iterate(void *state, sd_optimizer *opt)
{
	ref_state *s = state;
	const gsl_vector *y;
	size_t i;

	if (gsl_multimin_fdfminimizer_iterate(s->s) != GSL_SUCCESS) {
		if (isfinite(gsl_multimin_fdfminimizer_minimum(s->s))) {
			ref_noprog_finite++;
			return SD_STEP_STUCK;
		}
		ref_noprog_nan++;
		return SD_STEP_DIVERGED;
	}
	if (gsl_vector_isnull(gsl_multimin_fdfminimizer_dx(s->s))) {
		ref_zero_step++;
		return SD_STEP_STUCK;
	}
	y = gsl_multimin_fdfminimizer_x(s->s);
	for (i = 0; i < s->dim; i++)
		opt->trial[i] = gsl_vector_get(y, i);
	return SD_STEP_OK;
}

static void
ref_free(void *state)
{
	ref_state *s = state;

	gsl_multimin_fdfminimizer_free(s->s);
	gsl_vector_free(s->x0);
	free(s->x);
}

/* ---- Both, with their proposals kept ---- */

/* The proposal of each side's last step that moved. */
static double ref_trial[DIM_MAX], port_trial[DIM_MAX];

static sd_step_status
ref_iterate_kept(void *state, sd_optimizer *opt)
{
	sd_step_status st = ref_iterate(state, opt);

	if (st == SD_STEP_OK)
		memcpy(ref_trial, opt->trial, opt->dim * sizeof *opt->trial);
	return st;
}

static sd_step_status
port_iterate_kept(void *state, sd_optimizer *opt)
{
	sd_step_status st = sd_optimizer_lookup("bfgs")->iterate(state, opt);

	if (st == SD_STEP_OK)
		memcpy(port_trial, opt->trial, opt->dim * sizeof *opt->trial);
	return st;
}

/* bfgs's table with other hooks: its name, parameters and defaults. */
static sd_optimizer_type ref_type, port_type;

static void
types_init(void)
{
	const sd_optimizer_type *bfgs = sd_optimizer_lookup("bfgs");

	assert_non_null(bfgs);
	ref_type = *bfgs;
	ref_type.state_size = sizeof(ref_state);
	ref_type.alloc = ref_alloc;
	ref_type.set = ref_set;
	ref_type.iterate = ref_iterate_kept;
	ref_type.free = ref_free;
	ref_type.copy = NULL;
	port_type = *bfgs;
	port_type.iterate = port_iterate_kept;
}

/* An optimizer of type on obj from x0 with --set text (may be NULL). */
static sd_optimizer *
start(const sd_optimizer_type *type, const sd_objective *obj,
    const char *set, const double *x0)
{
	char *cause = NULL;
	sd_optimizer *opt = sd_optimizer_new(type, obj, &cause);

	if (opt == NULL)
		fail_msg("%s", cause);
	if (set != NULL && sd_optimizer_set_params(opt, set, &cause) != 0)
		fail_msg("--set %s: %s", set, cause);
	if (sd_optimizer_set(opt, x0, 1, &cause) != 0)
		fail_msg("%s: %s", obj->spec, cause);
	return opt;
}

/* The same bits in a and b after a step: status, iterate, f, g, ‖g‖. */
static int
same_iterate(const sd_optimizer *a, const sd_optimizer *b)
{
	size_t size = a->dim * sizeof *a->x;

	return a->iter == b->iter && memcmp(a->x, b->x, size) == 0 &&
	    memcmp(a->g, b->g, size) == 0 &&
	    memcmp(&a->f, &b->f, sizeof a->f) == 0 &&
	    memcmp(&a->grad_norm, &b->grad_norm, sizeof a->f) == 0;
}

/* STEPS steps of GSL's and of the port from x0, compared at each; the
 * steps keep going after stuck and diverged, which must agree as well.
 * Returns the statuses seen, one bit each. */
static unsigned
side_by_side(const sd_objective *obj, const char *set, const double *x0)
{
	sd_optimizer *ref = start(&ref_type, obj, set, x0);
	sd_optimizer *port = start(&port_type, obj, set, x0);
	sd_step_status a, b;
	unsigned seen = 0;
	int i;

	assert_true(same_iterate(ref, port));
	for (i = 1; i <= STEPS; i++) {
		a = sd_optimizer_iterate(ref);
		b = sd_optimizer_iterate(port);
		if (a != b)
			fail_msg("%s from (%g, %g): step %d: GSL %s, port %s",
			    obj->spec, x0[0], x0[1], i,
			    sd_step_status_name(a), sd_step_status_name(b));
		if (a == SD_STEP_OK && memcmp(ref_trial, port_trial,
		    obj->dim * sizeof *ref_trial) != 0)
			fail_msg("%s from (%g, %g): step %d: GSL's x differs",
			    obj->spec, x0[0], x0[1], i);
		if (!same_iterate(ref, port))
			fail_msg("%s from (%g, %g): step %d: the iterate "
			    "differs", obj->spec, x0[0], x0[1], i);
		seen |= 1u << a;
	}
	sd_optimizer_free(ref);
	sd_optimizer_free(port);
	return seen;
}

/* ---- The cliff: NaN beyond x = 0, the gradient finite everywhere ---- */

static double
cliff_f(const void *state, const double *x)
{
	(void)state;
	return x[0] > 0 ? (x[0] + 1) * (x[0] + 1) + x[1] * x[1] : NAN;
}

static void
cliff_grad(const void *state, const double *x, double *g)
{
	(void)state;
	g[0] = 2 * (x[0] + 1);
	g[1] = 2 * x[1];
}

static void
cliff_hess(const void *state, const double *x, double *h)
{
	(void)state;
	(void)x;
	h[0] = h[3] = 2;
	h[1] = h[2] = 0;
}

static const sd_objective_type cliff_type = {
	.name = "cliff",
	.summary = "(x+1)² + y² for x > 0, NaN elsewhere",
	.formula = "(x+1)² + y²",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = cliff_f,
	.grad = cliff_grad,
	.hess = cliff_hess,
};

/* ---- Tests ---- */

/* One objective from several starts: which statuses came up. */
static unsigned
starts(sd_objective *obj, const char *set, const double (*x0)[DIM_MAX],
    size_t n)
{
	unsigned seen = 0;
	size_t k;

	assert_true(obj->dim <= DIM_MAX);
	for (k = 0; k < n; k++)
		seen |= side_by_side(obj, set, x0[k]);
	sd_objective_free(obj);
	return seen;
}

static void
test_classic(void **state)
{
	static const double x0[][DIM_MAX] = { { 0.3, -0.7 }, { -4, 4 },
	    { 5.5, -5.5 }, { -1.2, 1 }, { 1.5, 2.5 }, { 0.1, 0.05 } };
	static const char *const specs[] = { "himmelblau", "rosenbrock",
	    "camel6" };
	unsigned seen = 0;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof specs / sizeof *specs; k++) {
		seen |= starts(objective(specs[k]), NULL, x0, 6);
		/* A long first step, a tight line search. */
		seen |= starts(objective(specs[k]), "lr=2,tol=0.02", x0, 3);
	}
	assert_true(seen & 1u << SD_STEP_OK);
	assert_true(seen & 1u << SD_STEP_STUCK);
}

static void
test_formula(void **state)
{
	static const double x0[][DIM_MAX] = { { 0.4, 0.3 }, { -1.5, 1 },
	    { 2, -0.5 } };
	char *cause = NULL;
	sd_objective *obj;

	(void)state;
	obj = sd_objective_new_expr("sin(3*x)*cos(2*y) + 0.1*(x^2 + y^2)",
	    &cause);
	if (obj == NULL)
		fail_msg("%s", cause);
	assert_true(starts(obj, NULL, x0, 3) & 1u << SD_STEP_OK);
}

static void
test_glm_and_sphere(void **state)
{
	static const double w0[][DIM_MAX] = { { 0.4, -0.2, 0.1, 0.3, -1 },
	    { -2, 1, 0.5, 0, 0.7 }, { 0, 0, 0, 0, 0 } };
	static const double s0[][DIM_MAX] = { { 0.6, 0.5, -0.2 },
	    { -0.1, 0.9, 0.3 }, { 0.3, -0.3, -0.9 } };

	(void)state;
	assert_true(starts(objective("glm:d=5,n=300"), NULL, w0, 3) &
	    1u << SD_STEP_OK);
	assert_true(starts(objective("tensor"), NULL, s0, 3) &
	    1u << SD_STEP_OK);
}

/* Where GSL does not step: the monkey saddle (a direction along which f
 * falls without bound) and the cliff (a step onto NaN with a zero
 * slope: the engine says diverged, then GSL_ENOPROG with f NaN). */
static void
test_stuck_and_diverged(void **state)
{
	static const double m0[][DIM_MAX] = { { -0.75, 1.25 }, { 0.5, 0.2 } };
	static const double c0[][DIM_MAX] = { { 1, 0 } };
	char *cause = NULL;
	sd_objective *cliff;
	void *none = calloc(1, 1);

	(void)state;
	assert_true(starts(objective("monkey"), NULL, m0, 2) &
	    1u << SD_STEP_STUCK);
	cliff = sd_objective_new_state(&cliff_type, none, "cliff", &cause);
	if (cliff == NULL)
		fail_msg("%s", cause);
	assert_true(starts(cliff, "lr=2", c0, 1) & 1u << SD_STEP_DIVERGED);
	/* Every way GSL has of not stepping came up in this program. */
	assert_true(ref_noprog_finite > 0);
	assert_true(ref_noprog_nan > 0);
	assert_true(ref_zero_step > 0);
}

/* Copies taken at each of the first COPIES steps, all stepped beside
 * the original, continue as it does, bit for bit, on R² and on the
 * sphere, through stuck steps too (bfgs.c's copy hook). */
#define COPIES	25
static void
test_copy_at_every_step(void **state)
{
	static const char *const specs[] = { "rosenbrock", "tensor",
	    "monkey" };
	static const double x0[][DIM_MAX] = { { -1.2, 1 },
	    { 0.6, 0.5, -0.2 }, { -0.75, 1.25 } };
	sd_optimizer *opt, *copies[COPIES];
	sd_step_status st;
	sd_objective *obj;
	size_t k, c, n;

	(void)state;
	for (k = 0; k < sizeof specs / sizeof *specs; k++) {
		obj = objective(specs[k]);
		opt = optimizer("bfgs", obj, NULL, x0[k], 1);
		for (n = 0; n < 2 * COPIES; n++) {
			if (n < COPIES)
				assert_non_null(copies[n] =
				    sd_optimizer_copy(opt, NULL));
			st = sd_optimizer_iterate(opt);
			for (c = 0; c < n + 1 && c < COPIES; c++) {
				assert_int_equal(
				    sd_optimizer_iterate(copies[c]), st);
				if (!same_iterate(copies[c], opt))
					fail_msg("%s: the copy taken at step "
					    "%zu differs at step %zu",
					    specs[k], c, n + 1);
			}
		}
		for (c = 0; c < COPIES; c++)
			sd_optimizer_free(copies[c]);
		sd_optimizer_free(opt);
		sd_objective_free(obj);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classic),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_glm_and_sphere),
		cmocka_unit_test(test_stuck_and_diverged),
		cmocka_unit_test(test_copy_at_every_step),
	};

	types_init();
	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
