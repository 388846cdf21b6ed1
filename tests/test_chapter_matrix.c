/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapter_matrix.c: the chapter's claims about matrix factorization
 * (§4): principal component analysis and rank-1 matrix completion,
 * checked on the functions themselves.
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
#include "objectives/objective.h"
#include "testutil.h"
#include "chapter_util.h"

/* ---- §4.1 PCA ------------------------------------------------------------ */

/* Lemma 4.2 and Theorem 4.1: ±√λ_i v_i are stationary; the Hessian there,
 * 2(2xxᵀ + ‖x‖²I − M), has eigenvalues 4λ_i and 2(λ_i − λ_j), so only
 * i = 1 is a minimum and every other one is a strict saddle; at 0 it is
 * −2M, a maximum since M ≻ 0. g at the minimum is ½ Σ_{j>1} λ_j². */
static void
check_pca(const char *spec)
{
	sd_objective *obj = test_objective_new(spec);
	double lam[DMAX], v[DMAX * DMAX], x[DMAX], want[DMAX], rest = 0;
	size_t d = obj->dim, i, j, k;
	int sign;

	pca_spectrum(obj, lam, v);
	assert_true(lam[d - 1] > 0);
	for (j = 1; j < d; j++)
		rest += lam[j] * lam[j];
	for (i = 0; i < d; i++) {
		for (sign = -1; sign <= 1; sign += 2) {
			for (k = 0; k < d; k++)
				x[k] = sign * sqrt(lam[i]) * v[i * d + k];
			assert_close(grad_norm(obj, x), 0, 1e-12 * lam[0]);
			for (j = 0; j < d; j++)
				want[j] = j == i ? 4 * lam[i] :
				    2 * (lam[i] - lam[j]);
			assert_eigenvalues(obj, x, want, d, 1e-10 * lam[0]);
			if (i == 0)
				assert_close(sd_objective_f(obj, x), rest / 2,
				    1e-12 * lam[0] * lam[0]);
		}
	}
	memset(x, 0, sizeof x);
	for (j = 0; j < d; j++)
		want[j] = -2 * lam[j];
	assert_eigenvalues(obj, x, want, d, 1e-12 * lam[0]);
	sd_objective_free(obj);
}

/* The design's default and larger M, with and without random rotations. */
static void
test_pca_stationary_points(void **unused)
{
	(void)unused;
	check_pca("pca");
	check_pca("pca:d=5");
	check_pca("pca:d=6,seed=7,l1=4,l2=3.5,l3=1,l4=0.5,l5=2,l6=0.25");
	check_pca("pca:d=12,seed=11");
}

/* "Exactly": Newton from random starts in full space lands only on 0 and
 * ±√λ_i v_i, and reaches every one of them. */
static void
test_pca_no_other_stationary_points(void **unused)
{
	static const char *const specs[] = { "pca", "pca:d=4,seed=5" };
	double lam[DMAX], v[DMAX * DMAX], pts[(2 * DMAX + 1) * DMAX];
	double x[DMAX];
	int hit[2 * DMAX + 1], at;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	sd_objective *obj;
	size_t s, d, i, k, n, t;

	(void)unused;
	for (s = 0; s < 2; s++) {
		obj = test_objective_new(specs[s]);
		d = obj->dim;
		pca_spectrum(obj, lam, v);
		n = 2 * d + 1;
		memset(pts, 0, sizeof pts);
		for (i = 0; i < d; i++) {
			for (k = 0; k < d; k++) {
				pts[(2 * i + 1) * d + k] = sqrt(lam[i]) *
				    v[i * d + k];
				pts[(2 * i + 2) * d + k] = -sqrt(lam[i]) *
				    v[i * d + k];
			}
		}
		memset(hit, 0, sizeof hit);
		for (t = 0; t < 400; t++) {
			for (k = 0; k < d; k++)
				x[k] = 4 * gsl_rng_uniform(rng) - 2;
			if (newton(obj, x, 1e-11) != 0)
				continue;
			at = find_point(pts, n, d, x, 1e-8);
			if (at < 0)
				fail_msg("%s: a stationary point at distance "
				    "%g from 0 that is none of ±√λ_i v_i",
				    specs[s], norm(x, d));
			hit[at]++;
		}
		for (i = 0; i < n; i++)
			assert_true(hit[i] > 0);
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

/* ---- §4.2 matrix completion --------------------------------------------- */

/* ±z (the default chart's (±1, 0)) are global minima with f = 0; z is
 * incoherent; 0 is stationary; gradient descent from random incoherent
 * starts ends at ±z (Theorem 4.4, and footnote 7: they are the only local
 * minima). */
static void
test_matcomp_minima(void **unused)
{
	sd_objective *obj = test_objective_new("matcomp");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double z[DMAX], mz[DMAX], x[DMAX], g[DMAX], lam[DMAX], top = 0;
	size_t d = obj->dim, i, t, it;
	sd_chart chart;

	(void)unused;
	assert_int_equal(d, 20);
	must_chart(&chart, obj);
	sd_chart_lift(&chart, 1, 0, z);
	sd_chart_lift(&chart, -1, 0, mz);
	sd_chart_done(&chart);
	assert_close(norm(z, d), 1, 1e-15);
	for (i = 0; i < d; i++)
		top = fmax(top, fabs(z[i]));
	assert_true(top <= 2 * sqrt(log(20.0) / 20));
	assert_close(sd_objective_f(obj, z), 0, 1e-30);
	assert_close(sd_objective_f(obj, mz), 0, 1e-30);
	assert_close(grad_norm(obj, z), 0, 1e-15);
	hess_eigen(obj, z, lam);
	assert_true(lam[0] > 0);
	memset(x, 0, sizeof x);
	assert_true(grad_norm(obj, x) == 0);
	assert_true(sd_objective_f(obj, x) > 0);
	for (t = 0; t < 10; t++) {
		/* A random start of norm ½: incoherent with high probability
		 * (‖x‖∞ ≈ ½√(2 log d / d)). */
		for (i = 0; i < d; i++)
			x[i] = gsl_ran_ugaussian(rng);
		for (top = norm(x, d), i = 0; i < d; i++)
			x[i] *= 0.5 / top;
		for (it = 0; it < 20000; it++) {
			sd_objective_gradient(obj, x, g);
			for (i = 0; i < d; i++)
				x[i] -= 0.1 * g[i];
		}
		assert_true(fmin(dist(x, z, d), dist(x, mz, d)) < 1e-6);
	}
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pca_stationary_points),
		cmocka_unit_test(test_pca_no_other_stationary_points),
		cmocka_unit_test(test_matcomp_minima),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
