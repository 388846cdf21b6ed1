/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapter_glm.c: the chapter's claims about generalized linear
 * models (§3), checked on the functions themselves.
 *
 * Every expected value comes from the chapter's mathematics (stationary
 * points, Hessian eigenvalues, inequalities), never from running saddle;
 * the data an objective draws is reached only through its public face
 * (f, ∇f, ∇²f, its default chart). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "chapter_util.h"

/* ---- §3 generalized linear models ---------------------------------------- */

/* σ'(t). */
static double
sigmoid_prime(double t)
{
	double s = 1 / (1 + exp(-t));

	return s * (1 - s);
}

/* Without noise w* (the default chart's (‖w*‖, 0)) is a global minimum
 * with L̂ = 0 and ∇L̂ = 0, and (3.2) holds for the samples themselves:
 * ⟨∇L̂(w), w − w*⟩ ≥ 2γ(L̂(w) − L̂(w*)) for ‖w‖ ≤ R, γ = σ'(BR),
 * B = √d + 5 bounding ‖x‖. */
static void
check_glm_noiseless(const char *spec, double R, size_t d)
{
	sd_objective *obj = test_objective_new(spec);
	double w[DMAX], ws[DMAX], g[DMAX], lam[DMAX], diff[DMAX], gamma;
	double B = sqrt((double)d) + 5, lhs, rhs;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	sd_chart chart;
	size_t i, t;

	assert_int_equal(obj->dim, d);
	must_chart(&chart, obj);
	sd_chart_lift(&chart, R, 0, ws);
	sd_chart_done(&chart);
	assert_close(norm(ws, d), R, 1e-14);
	assert_close(sd_objective_f(obj, ws), 0, 1e-30);
	assert_close(grad_norm(obj, ws), 0, 1e-15);
	hess_eigen(obj, ws, lam);
	assert_true(lam[0] > 0);
	gamma = sigmoid_prime(B * R);
	for (t = 0; t < 300; t++) {
		for (i = 0; i < d; i++)
			w[i] = gsl_ran_ugaussian(rng);
		gsl_ran_dir_nd(rng, d, w);
		for (i = 0; i < d; i++)
			w[i] *= R * gsl_rng_uniform(rng);
		sd_objective_gradient(obj, w, g);
		for (i = 0; i < d; i++)
			diff[i] = w[i] - ws[i];
		lhs = dot(g, diff, d);
		rhs = 2 * gamma * sd_objective_f(obj, w);
		assert_true(lhs > 0);
		assert_true(lhs >= rhs);
	}
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The default model, and one in d = 5. */
static void
test_glm_noiseless(void **unused)
{
	(void)unused;
	check_glm_noiseless("glm:noise=0", 2, 2);
	check_glm_noiseless("glm:noise=0,d=5,seed=3,wnorm=1", 1, 5);
}

/* Theorem 3.3: with noise the empirical risk has no stationary point in
 * ‖w‖ ≤ R but one near w*. In d = 2 the chart is the whole space and the
 * finder sees exactly one point in its window (which holds that ball), a
 * minimum; in d = 3 Newton from random starts finds it or nothing there
 * (far out, on the sigmoid's plateau, ∇L̂ merely underflows). */
static void
test_glm_one_stationary_point(void **unused)
{
	sd_objective *obj = test_objective_new("glm:d=3,n=400");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double ws[3], w0[3], w[3], lam[3];
	sd_point_list list;
	sd_chart chart;
	size_t t, found = 0;

	(void)unused;
	must_chart(&chart, obj);
	sd_chart_lift(&chart, 2, 0, ws);
	sd_chart_done(&chart);
	memcpy(w0, ws, sizeof w0);
	assert_int_equal(newton(obj, w0, 1e-14), 0);
	assert_true(dist(w0, ws, 3) < 0.3);
	hess_eigen(obj, w0, lam);
	assert_true(lam[0] > 0);
	for (t = 0; t < 200; t++) {
		gsl_ran_dir_nd(rng, 3, w);
		w[0] *= 2;
		w[1] *= 2;
		w[2] *= 2;
		if (newton(obj, w, 1e-14) != 0 || norm(w, 3) > 4)
			continue;
		found++;
		assert_true(dist(w, w0, 3) < 1e-9);
	}
	assert_true(found >= 3);
	sd_objective_free(obj);

	obj = test_objective_new("glm");
	must_chart(&chart, obj);
	assert_true(chart.window.xmin <= -2 && chart.window.ymax >= 2);
	sd_chart_lift(&chart, 2, 0, ws);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	assert_int_equal(list.n, 1);
	assert_int_equal(list.points[0].kind, SD_POINT_MIN);
	assert_true(dist(list.points[0].x, ws, 2) < 0.3);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The remark after Theorem 3.3: with n ≳ d log d samples the empirical
 * risk has a unique local minimum ŵ near w*. The default chart is the
 * plane through 0, w* and ŵ, so the finder lists exactly one point on
 * it, a minimum, on the plane (offset 0), within √(d log n / n) of w*
 * (C = 1: the rate `points --format table` prints beside |min − w*|):
 * the same point as Newton's method here (GSL's dense solve, from w*),
 * with ∇f(ŵ) = 0 to rounding and the Hessian positive definite there, and
 * with ∇f and ∇²f at ŵ matching GSL's differences of f (so the zero is
 * f's, not a wrong gradient's). w* stays at (‖w*‖, 0). */
static void
check_glm_chart_minimum(const char *spec, size_t d, double n)
{
	sd_objective *obj = test_objective_new(spec);
	const double *planted = obj->type->planted(obj->state);
	double ws[DMAX], w[DMAX], lam[DMAX], g[DMAX];
	const sd_point *p;
	sd_point_list list;
	sd_chart chart;

	assert_int_equal(obj->dim, d);
	must_chart(&chart, obj);
	sd_chart_lift(&chart, 2, 0, ws);
	assert_true(dist(ws, planted, d) < 1e-14);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	assert_int_equal(list.n, 1);
	p = &list.points[0];
	assert_int_equal(p->kind, SD_POINT_MIN);
	assert_true(p->offset <= 1e-9);
	assert_true(p->b > 0);
	assert_true(dist(p->x, planted, d) <= sqrt(d * log(n) / n));
	memcpy(w, planted, d * sizeof *w);
	assert_int_equal(newton(obj, w, 1e-15), 0);
	assert_true(dist(w, p->x, d) < 1e-9);
	sd_objective_gradient(obj, p->x, g);
	assert_true(norm(g, d) < 1e-13);
	assert_close(p->grad_norm, norm(g, d), 1e-15);
	hess_eigen(obj, p->x, lam);
	assert_true(lam[0] > 0);
	assert_int_equal(test_check_derivatives(obj, p->x, 0), d);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* At the defaults in d = 10 (n = 200 ≈ 9 d log d) and in d = 40 with
 * n = 2000. */
static void
test_glm_chart_minimum(void **unused)
{
	(void)unused;
	check_glm_chart_minimum("glm:d=10", 10, 200);
	check_glm_chart_minimum("glm:d=40,n=2000,seed=3", 40, 2000);
}

/* Where ŵ adds nothing to the plane of w* and glm-pop's random direction,
 * glm keeps that plane to the last bit: d = 2 (the plane is the whole
 * space); noise=0 (ŵ = w*); too few samples (n = 20 in d = 50: Newton
 * from w* finds no isolated minimum). In d = 5 with noise the second
 * axis is ŵ's, not the random one, and the first is w*'s in both. */
static void
check_glm_same_chart(const char *spec, const char *pop_spec, int same)
{
	sd_objective *obj = test_objective_new(spec);
	sd_objective *pop = test_objective_new(pop_spec);
	sd_chart a, b;
	size_t d = obj->dim;

	must_chart(&a, obj);
	must_chart(&b, pop);
	assert_int_equal(d, pop->dim);
	assert_memory_equal(a.origin, b.origin, d * sizeof *a.origin);
	assert_memory_equal(a.u, b.u, d * sizeof *a.u);
	if ((memcmp(a.v, b.v, d * sizeof *a.v) == 0) != same)
		fail_msg("%s: the second axis is %s glm-pop's", spec,
		    same ? "not" : "still");
	assert_memory_equal(&a.window, &b.window, sizeof a.window);
	sd_chart_done(&a);
	sd_chart_done(&b);
	sd_objective_free(pop);
	sd_objective_free(obj);
}

static void
test_glm_chart_fallback(void **unused)
{
	(void)unused;
	check_glm_same_chart("glm", "glm-pop", 1);
	check_glm_same_chart("glm:n=20000,seed=5", "glm-pop:seed=5", 1);
	check_glm_same_chart("glm:d=5,noise=0", "glm-pop:d=5", 1);
	check_glm_same_chart("glm:d=50,n=20", "glm-pop:d=50", 1);
	check_glm_same_chart("glm:d=5", "glm-pop:d=5", 0);
}

/* Inequality (3.2) at w: ⟨∇L(w), w − w*⟩ ≥ 2γ(L(w) − L(w*)), and both
 * sides positive away from w* (L(w) > L(w*): w* is the only minimum). */
static void
check_glm_32(const sd_objective *obj, const double *w, const double *ws,
    double lws, double gamma, size_t d)
{
	double g[DMAX], diff[DMAX], lhs, rhs;
	size_t i;

	if (dist(w, ws, d) < 1e-6)
		return;
	sd_objective_gradient(obj, w, g);
	for (i = 0; i < d; i++)
		diff[i] = w[i] - ws[i];
	lhs = dot(g, diff, d);
	rhs = 2 * gamma * (sd_objective_f(obj, w) - lws);
	assert_true(rhs > 0);
	assert_true(lhs >= rhs);
}

/* Theorem 3.2 with the chapter's constant: the population risk's gradient
 * vanishes at w* with a positive definite Hessian; L(w*) is the noise's
 * share of (3.1), ½E ε² = noise²/6 for ε uniform on [−noise, noise]; and
 * (3.2) holds with γ = inf σ' over [−BR, BR] = σ'(BR) (σ' is even and
 * falls away from 0), R = ‖w*‖ and B = √d + 5 the bound on ‖x‖ that
 * glm's data obey (Assumption 3.1), on a grid of the chart over the ball
 * ‖w‖ ≤ R and on random w in it. In d = 2 the chart is the whole space and
 * the finder sees one stationary point, a minimum at w*. Beyond the
 * ball, ⟨∇L(w), w − w*⟩ > 0 still (weak quasi-convexity), on random w
 * and on a grid of the chart. Its value agrees with the empirical risk of
 * many samples (law of large numbers: two independent computations of
 * the same model). */
static void
check_glm_pop(const char *spec, const char *sample_spec, size_t d,
    double noise, double R)
{
	sd_objective *obj = test_objective_new(spec), *emp = test_objective_new(sample_spec);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double ws[DMAX], w[DMAX], g[DMAX], diff[DMAX], lam[DMAX];
	double a, b, gamma, lws;
	sd_point_list list;
	sd_chart chart;
	size_t i, t, n = 0;

	must_chart(&chart, obj);
	sd_chart_lift(&chart, R, 0, ws);
	assert_close(norm(ws, d), R, 1e-14);
	assert_close(grad_norm(obj, ws), 0, 1e-15);
	hess_eigen(obj, ws, lam);
	assert_true(lam[0] > 0);
	lws = sd_objective_f(obj, ws);
	assert_close(lws, noise * noise / 6, 1e-15);
	gamma = sigmoid_prime((sqrt((double)d) + 5) * R);
	assert_true(gamma > 0);
	for (a = -R; a <= R; a += R / 8) {
		for (b = -R; b <= R; b += R / 8) {
			sd_chart_lift(&chart, a, b, w);
			if (norm(w, d) > R)
				continue;
			check_glm_32(obj, w, ws, lws, gamma, d);
			n++;
		}
	}
	assert_true(n > 150);
	for (t = 0; t < 200; t++) {
		gsl_ran_dir_nd(rng, d, w);
		for (i = 0; i < d; i++)
			w[i] *= R * gsl_rng_uniform(rng);
		check_glm_32(obj, w, ws, lws, gamma, d);
	}
	if (d == 2) {
		assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL,
		    &list, NULL), 0);
		assert_int_equal(list.n, 1);
		assert_int_equal(list.points[0].kind, SD_POINT_MIN);
		assert_true(dist(list.points[0].x, ws, d) < 1e-6);
		sd_point_list_done(&list);
	}
	for (t = 0; t < 300; t++) {
		gsl_ran_dir_nd(rng, d, w);
		for (i = 0; i < d; i++)
			w[i] *= 6 * gsl_rng_uniform(rng);
		sd_objective_gradient(obj, w, g);
		for (i = 0; i < d; i++)
			diff[i] = w[i] - ws[i];
		assert_true(dot(g, diff, d) > 0);
	}
	for (a = -4; a <= 4; a += 0.5) {
		for (b = -4; b <= 4; b += 0.5) {
			sd_chart_lift(&chart, a, b, w);
			if (dist(w, ws, d) < 1e-9)
				continue;
			sd_objective_gradient(obj, w, g);
			for (i = 0; i < d; i++)
				diff[i] = w[i] - ws[i];
			assert_true(dot(g, diff, d) > 0);
		}
	}
	for (t = 0; t < 5; t++) {
		sd_chart_lift(&chart, 3 * gsl_rng_uniform(rng) - 1,
		    2 * gsl_rng_uniform(rng) - 1, w);
		assert_close(sd_objective_f(obj, w), sd_objective_f(emp, w),
		    4e-3);
	}
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(emp);
	sd_objective_free(obj);
}

/* d = 2 and d = 5, each against 40000 samples of the same model. */
static void
test_glm_pop_quasiconvex(void **unused)
{
	(void)unused;
	check_glm_pop("glm-pop", "glm:n=40000", 2, 0.1, 2);
	check_glm_pop("glm-pop:d=5,seed=7", "glm:d=5,seed=7,n=40000", 5,
	    0.1, 2);
	check_glm_pop("glm-pop:d=3,seed=2,noise=0.6,wnorm=1.5",
	    "glm:d=3,seed=2,noise=0.6,wnorm=1.5,n=40000", 3, 0.6, 1.5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glm_noiseless),
		cmocka_unit_test(test_glm_one_stationary_point),
		cmocka_unit_test(test_glm_chart_minimum),
		cmocka_unit_test(test_glm_chart_fallback),
		cmocka_unit_test(test_glm_pop_quasiconvex),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
