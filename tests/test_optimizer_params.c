/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_optimizer_params.c: the optimizer registry against DESIGN.md §5,
 * parameters by name, the defaults taken from the objective's scale, and
 * the rates they give: gd contracts at exactly 1 − lr·λ along each
 * eigenvector of a quadratic. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "testutil.h"
#include "optimizer_util.h"

/* ---- helpers ------------------------------------------------------- */

/* A test-local convex quadratic ½ xᵀAx, A = [[3, 1], [1, 2]], with window
 * [−1, 1] × [−2, 2]: its eigenvalues are (5 ± √5)/2. */
static double
quad_f(const void *s, const double *x)
{
	(void)s;
	return 0.5 * (3 * x[0] * x[0] + 2 * x[0] * x[1] + 2 * x[1] * x[1]);
}

static void
quad_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = 3 * x[0] + x[1];
	g[1] = x[0] + 2 * x[1];
}

static void
quad_hess(const void *s, const double *x, double *h)
{
	(void)s;
	(void)x;
	h[0] = 3;
	h[1] = h[2] = 1;
	h[3] = 2;
}

static const sd_objective_type quad_type = {
	.name = "quad",
	.summary = "a convex quadratic",
	.formula = "½ xᵀAx",
	.dim = 2,
	.window = { -1, 1, -2, 2 },
	.f = quad_f,
	.grad = quad_grad,
	.hess = quad_hess,
};

/* ---- the registry and parameters ----------------------------------- */

/* DESIGN.md §5: every method, with exactly its --set keys. */
static void
test_registry_matches_design(void **unused)
{
	static const struct {
		const char *name, *keys;
	} design[] = {
		{ "gd", "lr" }, { "momentum", "lr,beta" },
		{ "nesterov", "lr,beta" }, { "adagrad", "lr,eps" },
		{ "rmsprop", "lr,rho,eps" },
		{ "adam", "lr,beta1,beta2,eps" }, { "newton", "" },
		{ "cubic", "M" }, { "pgd", "lr,r,g_thres,t_thres" },
		{ "sgd", "lr,sigma,batch" }, { "bfgs", "lr,tol" },
	};
	const sd_optimizer_type *t;
	char keys[256];
	size_t i, k, n;

	(void)unused;
	for (i = 0; sd_optimizer_types[i] != NULL; i++)
		;
	assert_int_equal(i, sizeof design / sizeof design[0]);
	for (i = 0; i < sizeof design / sizeof design[0]; i++) {
		t = sd_optimizer_types[i];
		assert_string_equal(t->name, design[i].name);
		assert_ptr_equal(sd_optimizer_lookup(t->name), t);
		assert_true(t->summary && *t->summary && t->rule && *t->rule &&
		    t->reference && *t->reference && t->iterate);
		n = sd_params_count(t->params);
		assert_true(n <= SD_PARAMS_MAX);
		*keys = '\0';
		for (k = 0; k < n; k++) {
			if (k > 0)
				strcat(keys, ",");
			strcat(keys, t->params[k].key);
			assert_true(t->params[k].help && *t->params[k].help);
			assert_true(t->scales == NULL ||
			    t->scales[k] < SD_SCALE_COUNT);
		}
		assert_string_equal(keys, design[i].keys);
	}
}

/* An unknown name is refused, naming it and listing the known ones. */
static void
test_unknown_optimizer(void **unused)
{
	char *cause = NULL;

	(void)unused;
	assert_null(sd_optimizer_lookup("sgdd"));
	assert_null(sd_optimizer_find("sgdd", &cause));
	assert_non_null(strstr(cause, "'sgdd'"));
	assert_non_null(strstr(cause, "gd, momentum"));
	assert_non_null(strstr(cause, "bfgs"));
	free(cause);
}

/* --set: unknown or malformed keys fail, name the word, change nothing. */
static void
test_set_params(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 }, before[SD_PARAMS_MAX];
	sd_optimizer *opt = optimizer("adam", obj, NULL, x0, 1);
	char *cause = NULL;

	(void)unused;
	memcpy(before, opt->params, sizeof before);
	assert_int_equal(sd_optimizer_set_params(opt, "beta1=0.5,lrr=1",
	    &cause), -1);
	assert_non_null(strstr(cause, "'lrr'"));
	assert_non_null(strstr(cause, "lr, beta1, beta2, eps"));
	free(cause);
	assert_int_equal(sd_optimizer_set_params(opt, "beta1", &cause), -1);
	assert_non_null(strstr(cause, "'beta1'"));
	free(cause);
	assert_int_equal(sd_optimizer_set_params(opt, "beta2=2", &cause), -1);
	assert_non_null(strstr(cause, "beta2=2"));
	free(cause);
	assert_memory_equal(before, opt->params, sizeof before);
	assert_int_equal(sd_optimizer_set_params(opt, "lr=0.5,eps=1e-6",
	    &cause), 0);
	assert_true(opt->params[0] == 0.5 && opt->params[3] == 1e-6);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* ---- default parameters from the objective's scale ----------------- */

/* On himmelblau's [−6, 6]² the largest Hessian eigenvalue of the grid is
 * at the corner (6, 6): H = [[414, 48], [48, 430]], λ = 422 + √2368. */
static void
test_scale_himmelblau(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	const sd_optimizer_type *t;
	double L = 422 + sqrt(2368), v[SD_PARAMS_MAX];
	sd_scale s;
	char rule[64];

	(void)unused;
	assert_int_equal(sd_objective_scale(obj, &s, NULL), 0);
	assert_close(s.L, L, 1e-9 * L);
	assert_true(s.D == 12);
	/* Third derivatives reach 24·6 = 144 on the window. */
	assert_true(s.M > 100 && s.M < 300);

	t = sd_optimizer_lookup("gd");
	sd_optimizer_default_params(t, &s, v);
	assert_close(v[0], 1 / L, 1e-9 / L);
	sd_optimizer_param_rule(t, 0, rule, sizeof rule);
	assert_string_equal(rule, "1/L");

	t = sd_optimizer_lookup("adam");
	sd_optimizer_default_params(t, &s, v);
	assert_close(v[0], 0.002 * 12, 1e-15);
	assert_true(v[1] == 0.9 && v[2] == 0.999 && v[3] == 1e-8);
	sd_optimizer_param_rule(t, 0, rule, sizeof rule);
	assert_string_equal(rule, "0.002·D");
	sd_optimizer_param_rule(t, 2, rule, sizeof rule);
	assert_string_equal(rule, "0.999");

	t = sd_optimizer_lookup("pgd");
	sd_optimizer_default_params(t, &s, v);
	assert_close(v[2], 1e-4 * L * 12, 1e-12 * L);
	/* Jin et al.'s ratio r = g_thres/ℓ. */
	assert_close(v[1], v[2] / L, 1e-15);
	assert_true(v[3] == 1000);
	sd_optimizer_param_rule(t, 2, rule, sizeof rule);
	assert_string_equal(rule, "0.0001·L·D");

	t = sd_optimizer_lookup("cubic");
	sd_optimizer_default_params(t, &s, v);
	assert_true(v[0] == s.M);
	sd_optimizer_param_rule(t, 0, rule, sizeof rule);
	assert_string_equal(rule, "M");
	sd_objective_free(obj);
}

/* A quadratic: L is its top eigenvalue, D its window's shorter side, and
 * M (the Hessian is constant) falls back to L/D. */
static void
test_scale_quadratic(void **unused)
{
	sd_objective *obj = sd_objective_new_type(&quad_type, NULL, NULL);
	double top = (5 + sqrt(5)) / 2;
	sd_scale s;

	(void)unused;
	assert_non_null(obj);
	assert_int_equal(sd_objective_scale(obj, &s, NULL), 0);
	assert_close(s.L, top, 1e-12);
	assert_true(s.D == 2);
	assert_close(s.M, top / 2, 1e-12);
	sd_objective_free(obj);
}

/* ---- the chapter's rates -------------------------------------------- */

/* gd on ½xᵀAx: the coordinate along each eigenvector q_i is multiplied by
 * exactly 1 − lr·λ_i per step. */
static void
test_gd_rate_on_quadratic(void **unused)
{
	sd_objective *obj = sd_objective_new_type(&quad_type, NULL, NULL);
	double lam[2] = { (5 - sqrt(5)) / 2, (5 + sqrt(5)) / 2 };
	double x0[2] = { 0.8, -1.3 }, q[2][2], c0[2], c, lr = 0.1, nq;
	sd_optimizer *opt;
	size_t i, t;

	(void)unused;
	/* (A − λI)q = 0 with A = [[3, 1], [1, 2]]: q ∝ (1, λ − 3). */
	for (i = 0; i < 2; i++) {
		nq = hypot(1, lam[i] - 3);
		q[i][0] = 1 / nq;
		q[i][1] = (lam[i] - 3) / nq;
		c0[i] = q[i][0] * x0[0] + q[i][1] * x0[1];
	}
	opt = optimizer("gd", obj, "lr=0.1", x0, 1);
	for (t = 1; t <= 40; t++) {
		step_ok(opt);
		for (i = 0; i < 2; i++) {
			c = q[i][0] * opt->x[0] + q[i][1] * opt->x[1];
			assert_close(c, pow(1 - lr * lam[i], (double)t) * c0[i],
			    1e-13);
		}
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* At the strict saddle of x² − y² the same rule makes the unstable
 * coordinate grow by exactly 1 + 2·lr per step. */
static void
test_gd_rate_at_strict_saddle(void **unused)
{
	sd_objective *obj = objective("saddle");
	double x0[2] = { 1, 1e-6 }, lr = 0.05;
	sd_optimizer *opt = optimizer("gd", obj, "lr=0.05", x0, 1);
	size_t t;

	(void)unused;
	for (t = 1; t <= 60; t++) {
		step_ok(opt);
		assert_close(opt->x[0], pow(1 - 2 * lr, (double)t), 1e-14);
		assert_close(opt->x[1], 1e-6 * pow(1 + 2 * lr, (double)t),
		    1e-18 * pow(1 + 2 * lr, (double)t));
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_matches_design),
		cmocka_unit_test(test_unknown_optimizer),
		cmocka_unit_test(test_set_params),
		cmocka_unit_test(test_scale_himmelblau),
		cmocka_unit_test(test_scale_quadratic),
		cmocka_unit_test(test_gd_rate_on_quadratic),
		cmocka_unit_test(test_gd_rate_at_strict_saddle),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
