/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapter_tensor.c: the chapter's claims about orthogonal tensor
 * decomposition on the sphere (§5), checked on the function itself.
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

#include "base/error.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "chapter_util.h"

/* ---- §5 tensor decomposition ------------------------------------------- */

/* The components a_i: the eigenvectors of ∇²f̄(x) = −12 Σ (a_iᵀx)² a_i a_iᵀ
 * at a point with distinct (a_iᵀx)², as rows of a. */
static void
tensor_components(const sd_objective *obj, double *a)
{
	static const double x[3] = { 0.9, 0.5, 0.2 };
	double h[9], val[3], vec[9];
	size_t i, k;

	sd_objective_hessian(obj, x, h);
	eigen(h, 3, val, vec);
	for (i = 0; i < 3; i++) {
		for (k = 0; k < 3; k++)
			a[i * 3 + k] = vec[k * 3 + i];
	}
}

/* The 26 stationary points of §5 for d = n = 3, into pts; kind[i] 0 for
 * ±a_i, 1 for (±a_i ± a_j)/√2, 2 for (±a1 ± a2 ± a3)/√3. */
static void
tensor_points(const double *a, double *pts, int *kind)
{
	double c[3];
	size_t n = 0, k;
	int m, i, s;

	/* Every sign pattern c ∈ {−1, 0, 1}³ but 0, normalized. */
	for (m = 0; m < 27; m++) {
		for (s = 0, k = 0, i = m; k < 3; k++, i /= 3) {
			c[k] = (double)(i % 3) - 1;
			s += c[k] != 0;
		}
		if (s == 0)
			continue;
		for (k = 0; k < 3; k++) {
			pts[n * 3 + k] = (c[0] * a[k] + c[1] * a[3 + k] +
			    c[2] * a[6 + k]) / sqrt((double)s);
		}
		kind[n++] = s - 1;
	}
	assert_int_equal(n, 26);
}

/* §5: at ±a_i the Riemannian Hessian is 4·I on the tangent space (minima,
 * f = −1); at (±a_i ± a_j)/√2 its eigenvalues are −4 and 2 (strict
 * saddles, f = −½); at (±a1 ± a2 ± a3)/√3 both are −8/3 (maxima, f = −⅓).
 * Also after a random rotation of the components. */
static void
check_tensor(const char *spec)
{
	static const double wantf[3] = { -1, -0.5, -1.0 / 3 };
	static const double want[3][2] = { { 4, 4 }, { -4, 2 },
	    { -8.0 / 3, -8.0 / 3 } };
	sd_objective *obj = test_objective_new(spec);
	double a[9], pts[26 * 3], w[2];
	int kind[26];
	size_t i;

	tensor_components(obj, a);
	tensor_points(a, pts, kind);
	for (i = 0; i < 26; i++) {
		assert_close(grad_norm(obj, pts + 3 * i), 0, 1e-14);
		assert_close(sd_objective_f(obj, pts + 3 * i), wantf[kind[i]],
		    1e-14);
		memcpy(w, want[kind[i]], sizeof w);
		assert_eigenvalues(obj, pts + 3 * i, w, 2, 1e-13);
	}
	sd_objective_free(obj);
}

/* The default components and a rotation of them. */
static void
test_tensor_stationary_points(void **unused)
{
	(void)unused;
	check_tensor("tensor");
	check_tensor("tensor:seed=4");
}

/* Exactly 26: Riemannian Newton from random points of the sphere lands on
 * them and nowhere else, and reaches all of them; Riemannian gradient
 * descent from random points ends at some ±a_i (Theorem 5.2). */
static void
test_tensor_exactly_26(void **unused)
{
	static const char *const specs[] = { "tensor", "tensor:seed=8" };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double a[9], pts[26 * 3], x[3], g[3];
	int kind[26], hit[26], at;
	sd_objective *obj;
	size_t s, t, i, it;

	(void)unused;
	for (s = 0; s < 2; s++) {
		obj = test_objective_new(specs[s]);
		tensor_components(obj, a);
		tensor_points(a, pts, kind);
		memset(hit, 0, sizeof hit);
		for (t = 0; t < 600; t++) {
			gsl_ran_dir_3d(rng, &x[0], &x[1], &x[2]);
			if (newton(obj, x, 1e-12) != 0)
				continue;
			if ((at = find_point(pts, 26, 3, x, 1e-9)) < 0)
				fail_msg("%s: a stationary point (%g, %g, %g) "
				    "outside the 26", specs[s], x[0], x[1],
				    x[2]);
			hit[at]++;
		}
		for (i = 0; i < 26; i++)
			assert_true(hit[i] > 0);
		for (t = 0; t < 20; t++) {
			gsl_ran_dir_3d(rng, &x[0], &x[1], &x[2]);
			for (it = 0; it < 3000; it++) {
				sd_objective_rgradient(obj, x, g);
				for (i = 0; i < 3; i++)
					x[i] -= 0.1 * g[i];
				sd_objective_retract(obj, x);
			}
			at = find_point(pts, 26, 3, x, 1e-6);
			assert_true(at >= 0 && kind[at] == 0);
		}
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tensor_stationary_points),
		cmocka_unit_test(test_tensor_exactly_26),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
