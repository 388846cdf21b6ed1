/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapter_ntk.c: the NTK model of §6.1 (twolayer:ntk=1, glm:ntk=1), checked on
 * the function itself: it agrees with the network at θ₀ to first order
 * and differs from it by O(‖θ − θ₀‖²) nearby; its risk is a convex
 * quadratic, so the finder reports one minimum whose loss is the
 * least-squares solution computed here another way (the pseudo-inverse
 * Newton step from 0, through GSL's SVD); with fewer samples than
 * parameters the features are rank-deficient (GSL's SVD says so here)
 * and the minimum is a degenerate one (a continuum), found where the
 * continuum crosses the chart's plane even at an angle. Expected values come from the
 * mathematics, never from running saddle. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_linalg.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "chapter_util.h"

#define D_MAX	64

/* The least-squares minimum of the quadratic obj another way: from θ = 0,
 * δ = −H⁺∇f(0) by GSL's SVD (its solve drops zero singular values), and
 * f(δ). */
static double
least_squares_min(const sd_objective *obj)
{
	size_t d = obj->dim, i, j;
	double zero[D_MAX] = { 0 }, g[D_MAX], h[D_MAX * D_MAX], x[D_MAX];
	gsl_matrix *a = gsl_matrix_alloc(d, d), *v = gsl_matrix_alloc(d, d);
	gsl_vector *s = gsl_vector_alloc(d), *w = gsl_vector_alloc(d);
	gsl_vector *b = gsl_vector_alloc(d), *dx = gsl_vector_alloc(d);
	double top;

	sd_objective_gradient(obj, zero, g);
	sd_objective_hessian(obj, zero, h);
	for (i = 0; i < d; i++) {
		for (j = 0; j < d; j++)
			gsl_matrix_set(a, i, j, h[i * d + j]);
		gsl_vector_set(b, i, -g[i]);
	}
	assert_int_equal(gsl_linalg_SV_decomp(a, v, s, w), 0);
	top = gsl_vector_get(s, 0);
	for (i = 0; i < d; i++) {
		if (gsl_vector_get(s, i) < 1e-10 * top)
			gsl_vector_set(s, i, 0);
	}
	assert_int_equal(gsl_linalg_SV_solve(a, v, s, b, dx), 0);
	for (i = 0; i < d; i++)
		x[i] = gsl_vector_get(dx, i);
	gsl_matrix_free(a);
	gsl_matrix_free(v);
	gsl_vector_free(s);
	gsl_vector_free(w);
	gsl_vector_free(b);
	gsl_vector_free(dx);
	return sd_objective_f(obj, x);
}

/* The finder over spec's default chart: exactly one point, of kind want,
 * whose f is the least-squares minimum. */
static void
check_one_minimum(const char *spec, sd_point_kind want)
{
	sd_objective *obj = test_objective_new(spec);
	sd_point_list list;
	sd_chart chart;
	char *cause = NULL;
	double fmin;

	must_chart(&chart, obj);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    &cause), 0);
	assert_int_equal(list.n, 1);
	assert_int_equal(list.points[0].kind, want);
	fmin = least_squares_min(obj);
	assert_true(fabs(list.points[0].f - fmin) <= 1e-9 * fmax(fmin, 1e-12));
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Full-rank features (n = 200 samples, 4 parameters): one strict
 * minimum, the least-squares solution. */
static void
test_ntk_one_minimum(void **unused)
{
	(void)unused;
	check_one_minimum("twolayer:ntk=1", SD_POINT_MIN);
	check_one_minimum("twolayer:ntk=1,k=3,m=3,seed=4,init=0.5",
	    SD_POINT_MIN);
	check_one_minimum("twolayer:ntk=1,act=2,seed=2", SD_POINT_MIN);
}

/* n = 3 samples, 4 parameters: a zero eigenvalue, zero loss (3 equations
 * in 4 unknowns), a degenerate minimum. */
static void
test_ntk_rank_deficient(void **unused)
{
	(void)unused;
	check_one_minimum("twolayer:ntk=1,n=3", SD_POINT_DEGENERATE_MIN);
}

/* The rank of the model's constant Hessian JᵀJ/n, which is the features'
 * rank, by GSL's SVD: its singular values above 10⁻¹⁰ of the largest
 * (the model's own threshold, ntk.c, computed there by another method,
 * an eigen-decomposition). */
static size_t
hessian_rank(const sd_objective *obj)
{
	size_t d = obj->dim, i, j, rank = 0;
	double zero[D_MAX] = { 0 }, h[D_MAX * D_MAX];
	gsl_matrix *a = gsl_matrix_alloc(d, d), *v = gsl_matrix_alloc(d, d);
	gsl_vector *s = gsl_vector_alloc(d), *w = gsl_vector_alloc(d);

	sd_objective_hessian(obj, zero, h);
	for (i = 0; i < d; i++)
		for (j = 0; j < d; j++)
			gsl_matrix_set(a, i, j, h[i * d + j]);
	assert_int_equal(gsl_linalg_SV_decomp(a, v, s, w), 0);
	for (i = 0; i < d; i++)
		rank += gsl_vector_get(s, i) > 1e-10 * gsl_vector_get(s, 0);
	gsl_matrix_free(a);
	gsl_matrix_free(v);
	gsl_vector_free(s);
	gsl_vector_free(w);
	return rank;
}

/* Rank-deficient features, 16 parameters and n = 5, 8, 11 samples (rank
 * at most n), so the minimizers are an affine set of dimension 16 − rank that
 * crosses the plane (through θ₀, the minimizer nearest it and the
 * teacher) at an angle, at that minimizer only. Newton from the plane's
 * seeds lands on the set off the plane; the finder must still report
 * the one point where it crosses, as a degenerate minimum whose loss is
 * the least-squares one. */
static void
test_ntk_continuum_at_an_angle(void **unused)
{
	static const char *const specs[] = {
		"twolayer:ntk=1,k=4,m=4,n=5",
		"twolayer:ntk=1,k=4,m=4,n=8",
		"twolayer:ntk=1,k=4,m=4,n=11",
		"twolayer:ntk=1,k=8,n=11",
	};
	size_t s, rank;

	(void)unused;
	for (s = 0; s < sizeof specs / sizeof *specs; s++) {
		sd_objective *obj = test_objective_new(specs[s]);

		rank = hessian_rank(obj);
		assert_true(rank > 0 && rank < obj->dim);
		sd_objective_free(obj);
		check_one_minimum(specs[s], SD_POINT_DEGENERATE_MIN);
	}
}

/* glm's NTK model: σ linearized at w₀, features σ'(w₀ᵀx_i)·x_i along
 * the samples. With n ≥ d samples one strict minimum, the least-squares
 * solution; with n < d the features' rank is n (the SVD says so) and the
 * minimum is a continuum, reported as a degenerate one with the
 * least-squares loss (zero: n equations in d unknowns). */
static void
test_glm_ntk(void **unused)
{
	static const char *const deficient[] = {
		"glm:ntk=1,d=5,n=3", "glm:ntk=1,d=8,n=5,seed=2",
	};
	size_t s;

	(void)unused;
	check_one_minimum("glm:ntk=1", SD_POINT_MIN);
	check_one_minimum("glm:ntk=1,d=4,n=50,seed=3,init=0.5", SD_POINT_MIN);
	for (s = 0; s < sizeof deficient / sizeof *deficient; s++) {
		sd_objective *obj = test_objective_new(deficient[s]);
		size_t n = (size_t)obj->params[sd_params_find(obj->type->params,
		    "n")];

		assert_int_equal(hessian_rank(obj), n);
		sd_objective_free(obj);
		check_one_minimum(deficient[s], SD_POINT_DEGENERATE_MIN);
	}
}

/* At θ₀ (the default chart's origin) the model is the network: the same
 * f and ∇f; nearby they differ by O(ε²), so halving ε quarters the gap. */
static void
test_ntk_linearization(void **unused)
{
	static const char *const specs[][2] = {
		{ "twolayer:ntk=1", "twolayer" },
		{ "twolayer:ntk=1,k=3,m=4,seed=7", "twolayer:k=3,m=4,seed=7" },
		{ "glm:ntk=1,d=3", "glm:d=3" },
	};
	double x0[D_MAX], x[D_MAX], g1[D_MAX], g2[D_MAX], gap[2], eps;
	size_t s, i, d, e;

	(void)unused;
	for (s = 0; s < sizeof specs / sizeof *specs; s++) {
		sd_objective *lin = test_objective_new(specs[s][0]);
		sd_objective *net = test_objective_new(specs[s][1]);
		sd_chart chart;

		d = lin->dim;
		must_chart(&chart, lin);
		sd_chart_lift(&chart, 0, 0, x0);
		assert_close(sd_objective_f(lin, x0), sd_objective_f(net, x0),
		    1e-12);
		sd_objective_gradient(lin, x0, g1);
		sd_objective_gradient(net, x0, g2);
		for (i = 0; i < d; i++)
			assert_close(g1[i], g2[i], 1e-12);
		for (e = 0, eps = 0.02; e < 2; e++, eps /= 2) {
			for (i = 0; i < d; i++)
				x[i] = x0[i] + eps * (i % 2 ? 1 : -0.5);
			gap[e] = fabs(sd_objective_f(lin, x) -
			    sd_objective_f(net, x));
		}
		assert_true(gap[0] > 0);
		assert_true(gap[1] / gap[0] > 0.2 && gap[1] / gap[0] < 0.3);
		test_check_derivatives(lin, x, 0);
		sd_chart_done(&chart);
		sd_objective_free(lin);
		sd_objective_free(net);
	}
}

/* A quadratic: the Hessian is the same everywhere. */
static void
test_ntk_constant_hessian(void **unused)
{
	sd_objective *obj = test_objective_new("twolayer:ntk=1,k=2,m=3");
	double x[D_MAX] = { 0 }, h1[D_MAX * D_MAX], h2[D_MAX * D_MAX];
	size_t i, d = obj->dim;

	(void)unused;
	sd_objective_hessian(obj, x, h1);
	for (i = 0; i < d; i++)
		x[i] = 3.0 * sin((double)i + 1);
	sd_objective_hessian(obj, x, h2);
	for (i = 0; i < d * d; i++)
		assert_true(h1[i] == h2[i]);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ntk_one_minimum),
		cmocka_unit_test(test_ntk_rank_deficient),
		cmocka_unit_test(test_ntk_continuum_at_an_angle),
		cmocka_unit_test(test_glm_ntk),
		cmocka_unit_test(test_ntk_linearization),
		cmocka_unit_test(test_ntk_constant_hessian),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
