/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_optimizer_sgd.c: sgd's minibatches: indices in range and never
 * twice in one minibatch, an unbiased gradient, and convergence on a
 * generalized linear model. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "testutil.h"
#include "optimizer_util.h"

/* ---- sgd's minibatches ------------------------------------------------ */

/* A test-local objective made of samples, ½·mean_i ‖x − c_i‖² with
 * c_i = (i, −i), whose grad_batch checks and counts the indices it gets:
 * each within 0..n−1, no index twice in one minibatch. */
#define TALLY_N 12
static size_t tally_count[TALLY_N];
static int tally_repeat;
static size_t tally_calls, tally_m;

static double
tally_f(const void *s, const double *x)
{
	double sum = 0, a, b;
	size_t i;

	(void)s;
	for (i = 0; i < TALLY_N; i++) {
		a = x[0] - (double)i;
		b = x[1] + (double)i;
		sum += a * a + b * b;
	}
	return sum / (2 * TALLY_N);
}

static void
tally_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = x[0] - (TALLY_N - 1) / 2.0;
	g[1] = x[1] + (TALLY_N - 1) / 2.0;
}

static void
tally_hess(const void *s, const double *x, double *h)
{
	(void)s;
	(void)x;
	h[0] = h[3] = 1;
	h[1] = h[2] = 0;
}

static size_t
tally_samples(const void *s)
{
	(void)s;
	return TALLY_N;
}

static void
tally_batch(const void *s, const double *x, const size_t *idx, size_t m,
    double *g)
{
	int seen[TALLY_N] = { 0 };
	size_t k;

	(void)s;
	g[0] = g[1] = 0;
	for (k = 0; k < m; k++) {
		if (idx[k] >= TALLY_N || seen[idx[k]]++)
			tally_repeat = 1;
		else
			tally_count[idx[k]]++;
		g[0] += (x[0] - (double)idx[k]) / (double)m;
		g[1] += (x[1] + (double)idx[k]) / (double)m;
	}
	tally_calls++;
	tally_m = m;
}

static const sd_objective_type tally_type = {
	.name = "tally",
	.summary = "samples that count their draws",
	.formula = "½ mean ‖x − c_i‖²",
	.dim = 2,
	.window = { -20, 20, -20, 20 },
	.f = tally_f,
	.grad = tally_grad,
	.hess = tally_hess,
	.samples = tally_samples,
	.grad_batch = tally_batch,
};

/* Each step draws batch distinct samples (without replacement), every
 * sample equally often in the long run (each count within 5 standard
 * deviations of its binomial mean), and the step follows the minibatch's
 * gradient: with sigma = 0 and lr = 1 it lands on the minibatch's mean of
 * c_i, which is never the full mean (5.5, −5.5) for a batch of 5 of 12. */
static void
test_sgd_minibatch_draws(void **unused)
{
	sd_objective *obj;
	double x0[2] = { 3, 1 }, mean, sd;
	const size_t steps = 6000, m = 5;
	sd_optimizer *opt;
	size_t t, i, off = 0;

	(void)unused;
	obj = sd_objective_new_type(&tally_type, NULL, NULL);
	assert_non_null(obj);
	opt = optimizer("sgd", obj, "lr=1,sigma=0,batch=5", x0, 9);
	memset(tally_count, 0, sizeof tally_count);
	tally_repeat = 0;
	tally_calls = 0;
	for (t = 0; t < steps; t++) {
		step_ok(opt);
		/* x = mean of the batch's c_i: x1 + x2 = 0 exactly. */
		assert_close(opt->x[0] + opt->x[1], 0, 1e-12);
		off += fabs(opt->x[0] - (TALLY_N - 1) / 2.0) > 1e-9;
		assert_int_equal(sd_optimizer_set(opt, x0, 9 + t + 1, NULL), 0);
	}
	assert_int_equal(tally_calls, steps);
	assert_int_equal(tally_m, m);
	assert_false(tally_repeat);
	assert_true(off == steps);
	mean = (double)(steps * m) / TALLY_N;
	sd = sqrt(mean * (1 - (double)m / TALLY_N));
	for (i = 0; i < TALLY_N; i++)
		assert_true(fabs((double)tally_count[i] - mean) <= 5 * sd);
	/* A batch as large as the data is the full gradient: no draws. */
	assert_int_equal(sd_optimizer_set_params(opt, "batch=12", NULL), 0);
	assert_int_equal(sd_optimizer_set(opt, x0, 1, NULL), 0);
	tally_calls = 0;
	step_ok(opt);
	assert_int_equal(tally_calls, 0);
	assert_close(opt->x[0], (TALLY_N - 1) / 2.0, 1e-12);
	assert_close(opt->x[1], -(TALLY_N - 1) / 2.0, 1e-12);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* On glm, one sgd step with lr = 1 and no noise moves by the minibatch
 * gradient; averaged over many seeds it approaches ∇L̂ (each coordinate
 * within 5 standard errors, and the errors shrink like 1/√N: the mean of
 * 4N draws is closer than the mean of N/4 in norm, up to the noise of the
 * estimate), while single draws scatter around it. */
static void
test_sgd_minibatch_unbiased(void **unused)
{
	sd_objective *obj = objective("glm:d=3,n=40,seed=4");
	double x0[3] = { 0.5, -1, 0.25 }, g[3], sum[3] = { 0 };
	double sq[3] = { 0 }, e, se, err_small = 0, err_big = 0;
	const size_t n = 8000;
	sd_optimizer *opt;
	size_t t, k;

	(void)unused;
	sd_objective_gradient(obj, x0, g);
	opt = optimizer("sgd", obj, "lr=1,sigma=0,batch=4", x0, 1);
	for (t = 0; t < n; t++) {
		assert_int_equal(sd_optimizer_set(opt, x0, t + 1, NULL), 0);
		step_ok(opt);
		for (k = 0; k < 3; k++) {
			e = x0[k] - opt->x[k];
			sum[k] += e;
			sq[k] += e * e;
		}
		if (t + 1 == n / 32)
			for (k = 0; k < 3; k++)
				err_small += pow(sum[k] / (double)(t + 1) - g[k],
				    2);
	}
	for (k = 0; k < 3; k++) {
		se = sqrt((sq[k] / n - pow(sum[k] / n, 2)) / n);
		assert_true(se > 0);
		assert_true(fabs(sum[k] / n - g[k]) <= 5 * se);
		/* The draws scatter: their spread is far above rounding. */
		assert_true(se * sqrt((double)n) > 1e-3 * fabs(g[k]));
		err_big += pow(sum[k] / n - g[k], 2);
	}
	assert_true(err_big < err_small);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* Theorems 3.2–3.3: sgd with minibatches on glm's empirical risk settles
 * near its minimizer ŵ (found here by gd to ‖∇L̂‖ < 1e-10), which is near
 * w* (the default chart's (‖w*‖, 0) = (2, 0)); runs repeat bit for bit
 * for one seed. */
static void
test_sgd_glm_converges(void **unused)
{
	sd_objective *obj = objective("glm");
	double ws[2], wh[2], x0[2], a, b, avg[2] = { 0, 0 }, first[2];
	sd_optimizer *opt;
	sd_chart chart;
	size_t t, k;

	(void)unused;
	assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
	sd_chart_lift(&chart, 2, 0, ws);
	sd_window_default_start(&chart.window, &a, &b);
	sd_chart_lift(&chart, a, b, x0);
	sd_chart_done(&chart);
	opt = optimizer("gd", obj, NULL, x0, 1);
	for (t = 0; t < 200000 && !sd_optimizer_test_gradient(opt, 1e-10); t++)
		step_ok(opt);
	assert_true(sd_optimizer_test_gradient(opt, 1e-10));
	memcpy(wh, opt->x, sizeof wh);
	sd_optimizer_free(opt);
	assert_true(hypot(wh[0] - ws[0], wh[1] - ws[1]) < 0.3);
	opt = optimizer("sgd", obj, "batch=10", x0, 5);
	for (t = 0; t < 6000; t++) {
		step_ok(opt);
		if (t == 0)
			memcpy(first, opt->x, sizeof first);
		for (k = 0; t >= 5000 && k < 2; k++)
			avg[k] += opt->x[k] / 1000;
	}
	assert_true(hypot(avg[0] - wh[0], avg[1] - wh[1]) < 0.05);
	assert_true(hypot(avg[0] - ws[0], avg[1] - ws[1]) < 0.3);
	assert_int_equal(sd_optimizer_set(opt, x0, 5, NULL), 0);
	step_ok(opt);
	assert_memory_equal(opt->x, first, sizeof first);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sgd_minibatch_draws),
		cmocka_unit_test(test_sgd_minibatch_unbiased),
		cmocka_unit_test(test_sgd_glm_converges),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
