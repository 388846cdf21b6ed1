/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_objective.c: every registered objective's analytic gradient and
 * Hessian against GSL's numerical derivatives, the spec parser, and the
 * Riemannian gradient and Hessian of the chapter's §2.3. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_sort_vector.h>

#include "base/error.h"
#include "testutil.h"
#include "objectives/objective.h"

#define POINTS_PER_OBJECTIVE 128

/* ≥ 100 uniformly random points of each objective's default window. */
static void
test_derivatives_match_numerical(void **unused)
{
	const sd_objective_type *t;
	sd_objective *obj;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[TESTUTIL_DIM_MAX];
	size_t i, n, k;

	(void)unused;
	gsl_rng_set(rng, 20261127);
	for (i = 0; (t = sd_objective_types[i]) != NULL; i++) {
		obj = sd_objective_new(t->name, NULL);
		assert_non_null(obj);
		assert_true(obj->dim <= TESTUTIL_DIM_MAX);
		for (n = 0; n < POINTS_PER_OBJECTIVE; n++) {
			memset(x, 0, sizeof x);
			x[0] = t->window.xmin + gsl_rng_uniform(rng) *
			    (t->window.xmax - t->window.xmin);
			x[1] = t->window.ymin + gsl_rng_uniform(rng) *
			    (t->window.ymax - t->window.ymin);
			for (k = 2; k < obj->dim; k++)
				x[k] = gsl_rng_uniform(rng) * 2 - 1;
			test_check_derivatives(obj, x, 0);
		}
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

/* Parameters change the function: rosenbrock's valley moves to (a, a²). */
static void
test_parameters_take_effect(void **unused)
{
	sd_objective *obj = sd_objective_new("rosenbrock:a=2,b=5", NULL);
	double at_min[2] = { 2, 4 }, g[2];

	(void)unused;
	assert_non_null(obj);
	assert_string_equal(obj->spec, "rosenbrock:a=2,b=5");
	assert_true(sd_objective_f(obj, at_min) == 0);
	sd_objective_gradient(obj, at_min, g);
	assert_true(g[0] == 0 && g[1] == 0);
	sd_objective_free(obj);

	/* Naming a default explicitly yields the plain canonical name. */
	obj = sd_objective_new("rosenbrock:b=100", NULL);
	assert_non_null(obj);
	assert_string_equal(obj->spec, "rosenbrock");
	sd_objective_free(obj);
}

/* Values every reference lists for the classic functions' minima. */
static void
test_known_minima(void **unused)
{
	static const struct {
		const char	*name;
		double		 x, y, f;
	} cases[] = {
		{ "himmelblau", 3, 2, 0 },
		{ "rosenbrock", 1, 1, 0 },
		{ "beale", 3, 0.5, 0 },
		{ "rastrigin", 0, 0, 0 },
		{ "doublewell", -1, 0, 0 },
		{ "quadwell", 1, -1, 0 },
		{ "linnet", 2, 0.5, 0 },
		{ "camel6", 0.0898420131003, -0.712656403021, -1.0316284534898 },
	};
	sd_objective *obj;
	double x[2];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		obj = sd_objective_new(cases[i].name, NULL);
		assert_non_null(obj);
		x[0] = cases[i].x;
		x[1] = cases[i].y;
		assert_close(sd_objective_f(obj, x), cases[i].f, 1e-12);
		sd_objective_free(obj);
	}
}

/* Build obj from spec, expect failure, and check the message mentions
 * every string in must (NULL-terminated). */
static void
expect_spec_error(const char *spec, const char *const *must)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new(spec, &cause);

	assert_null(obj);
	assert_non_null(cause);
	for (; *must != NULL; must++) {
		if (strstr(cause, *must) == NULL)
			fail_msg("'%s': message \"%s\" lacks \"%s\"", spec,
			    cause, *must);
	}
	free(cause);
}

/* Bad specs name the bad word and list what would be accepted. */
static void
test_spec_errors(void **unused)
{
	static const char *const unknown[] = { "'nosuch'", "himmelblau",
	    "linnet", NULL };
	static const char *const key[] = { "'c'", "a, b", NULL };
	static const char *const value[] = { "'abc'", "b=", NULL };
	static const char *const range[] = { "b=-1", "out of range", NULL };
	static const char *const none[] = { "'x'", "no parameters", NULL };
	static const char *const noeq[] = { "'a'", "key=value", NULL };
	static const char *const empty[] = { "empty", "himmelblau", NULL };
	static const char *const trail[] = { "rosenbrock", "':'", NULL };
	static const char *const nan[] = { "'nan'", NULL };

	(void)unused;
	expect_spec_error("nosuch", unknown);
	expect_spec_error("rosenbrock:c=1", key);
	expect_spec_error("rosenbrock:b=abc", value);
	expect_spec_error("rosenbrock:b=-1", range);
	expect_spec_error("himmelblau:x=1", none);
	expect_spec_error("rosenbrock:a", noeq);
	expect_spec_error("", empty);
	expect_spec_error("rosenbrock:", trail);
	expect_spec_error("rastrigin:A=nan", nan);
}

/* Windows parse as xmin:xmax,ymin:ymax and reject everything else. */
static void
test_window_parse(void **unused)
{
	static const char *const bad[] = { "", "1:2", "2:1,0:1", "a:b,c:d",
	    "-1:1,-1", "0:1,0:1,2", "0:inf,0:1", "0:1:2,0:1" };
	sd_window w;
	char *cause = NULL;
	size_t i;

	(void)unused;
	assert_int_equal(sd_window_parse("-3:3,-2e0:0x2", &w, "--window",
	    NULL), 0);
	assert_true(w.xmin == -3 && w.xmax == 3 && w.ymin == -2 &&
	    w.ymax == 2);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(sd_window_parse(bad[i], &w, "--window",
		    &cause), -1);
		assert_non_null(strstr(cause, "--window"));
		assert_non_null(strstr(cause, "xmin:xmax,ymin:ymax"));
		free(cause);
		cause = NULL;
	}
}

/* A test-only sphere objective: f̄(x) = xᵀAx with A = diag(3, 2, 1) on
 * S². Its stationary points are ±e_i and, by §2.3, the Riemannian
 * Hessian at e_i has eigenvalues 2(λ_j − λ_i), j ≠ i. */
static double
rayleigh_f(const void *s, const double *x)
{
	(void)s;
	return 3 * x[0] * x[0] + 2 * x[1] * x[1] + x[2] * x[2];
}

static void
rayleigh_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = 6 * x[0];
	g[1] = 4 * x[1];
	g[2] = 2 * x[2];
}

static void
rayleigh_hess(const void *s, const double *x, double *h)
{
	(void)s;
	(void)x;
	memset(h, 0, 9 * sizeof *h);
	h[0] = 6;
	h[4] = 4;
	h[8] = 2;
}

static const sd_objective_type rayleigh_type = {
	.name = "rayleigh", .summary = "", .formula = "xᵀAx", .dim = 3,
	.manifold = SD_SPHERE, .window = { -1, 1, -1, 1 },
	.f = rayleigh_f, .grad = rayleigh_grad, .hess = rayleigh_hess,
};

/* Riemannian gradient vanishes at eigenvectors and is tangent
 * elsewhere; the Riemannian Hessian has the eigenvalues of §2.3. */
static void
test_riemannian(void **unused)
{
	static const double lambda[3] = { 3, 2, 1 };
	sd_objective *obj = sd_objective_new_type(&rayleigh_type, NULL, NULL);
	double x[3], g[3], h[9], ev[3], want[3];
	gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(3);
	gsl_matrix_view hv;
	gsl_vector_view evv = gsl_vector_view_array(ev, 3);
	size_t i, j, n;

	(void)unused;
	assert_non_null(obj);
	x[0] = 0.6, x[1] = 0.0, x[2] = 0.8;
	sd_objective_rgradient(obj, x, g);
	assert_close(g[0] * x[0] + g[1] * x[1] + g[2] * x[2], 0, 1e-13);
	assert_true(fabs(g[0]) > 0.1);
	for (i = 0; i < 3; i++) {
		memset(x, 0, sizeof x);
		x[i] = 1;
		sd_objective_rgradient(obj, x, g);
		for (j = 0; j < 3; j++)
			assert_close(g[j], 0, 1e-15);
		sd_objective_rhessian(obj, x, h);
		hv = gsl_matrix_view_array(h, 3, 3);
		gsl_eigen_symm(&hv.matrix, &evv.vector, ws);
		gsl_sort_vector(&evv.vector);
		/* The normal direction x contributes a 0 eigenvalue. */
		n = 0;
		want[n++] = 0;
		for (j = 0; j < 3; j++) {
			if (j != i)
				want[n++] = 2 * (lambda[j] - lambda[i]);
		}
		gsl_sort(want, 1, 3);
		for (j = 0; j < 3; j++)
			assert_close(ev[j], want[j], 1e-12);
	}
	x[0] = 3, x[1] = 0, x[2] = 4;
	assert_int_equal(sd_objective_retract(obj, x), 0);
	assert_close(x[0], 0.6, 1e-15);
	memset(x, 0, sizeof x);
	assert_int_equal(sd_objective_retract(obj, x), -1);
	gsl_eigen_symm_free(ws);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derivatives_match_numerical),
		cmocka_unit_test(test_parameters_take_effect),
		cmocka_unit_test(test_known_minima),
		cmocka_unit_test(test_spec_errors),
		cmocka_unit_test(test_window_parse),
		cmocka_unit_test(test_riemannian),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
