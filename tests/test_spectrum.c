/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_spectrum.c: the core's one eigen-decomposition (base/spectrum.h):
 * known spectra on R^d in closed form and through GSL, the Riemannian
 * Hessian of the Rayleigh quotient on S² (eigenvalues 2(λ_j − λ_i) at the
 * eigenvector a_i, the normal direction dropped), the sign convention,
 * and non-finite matrices refused. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "base/linalg.h"
#include "base/spectrum.h"
#include "objectives/objective.h"
#include "testutil.h"

/* Fail unless sp holds orthonormal eigenpairs of the d×d matrix h,
 * ascending: ‖h v − λ v‖ ≤ tol for each, and v_iᵀv_j = δ_ij. */
static void
check_pairs(const sd_spectrum *sp, const double *h, double tol)
{
	size_t i, j, k, d = sp->dim;
	double r, hv;

	for (i = 0; i < sp->n; i++) {
		if (i > 0)
			assert_true(sp->eval[i - 1] <= sp->eval[i]);
		for (k = 0; k < d; k++) {
			hv = sd_dot(h + k * d, sp->evec + i * d, d);
			r = hv - sp->eval[i] * sp->evec[i * d + k];
			assert_close(r, 0, tol);
		}
		for (j = 0; j < sp->n; j++)
			assert_close(sd_dot(sp->evec + i * d, sp->evec + j * d,
			    d), i == j ? 1 : 0, 1e-14);
	}
}

/* [[2, 1], [1, 2]]: 1 along (1, −1)/√2, 3 along (1, 1)/√2, each with its
 * first entry positive (the entries tie in magnitude). */
static void
test_flat_2x2(void **unused)
{
	const double h[4] = { 2, 1, 1, 2 }, s = sqrt(0.5);
	sd_spectrum *sp = sd_spectrum_alloc(2);

	(void)unused;
	assert_non_null(sp);
	assert_int_equal(sd_spectrum_decompose(sp, h, NULL), 0);
	assert_int_equal(sp->n, 2);
	assert_close(sp->eval[0], 1, 1e-15);
	assert_close(sp->eval[1], 3, 1e-15);
	assert_close(sp->evec[0], s, 1e-15);
	assert_close(sp->evec[1], -s, 1e-15);
	assert_close(sp->evec[2], s, 1e-15);
	assert_close(sp->evec[3], s, 1e-15);
	check_pairs(sp, h, 1e-14);
	sd_spectrum_free(sp);
}

/* A diagonal 2×2 keeps the axes and the values exactly. */
static void
test_flat_diagonal(void **unused)
{
	const double h[4] = { 3, 0, 0, -0.1 };
	sd_spectrum *sp = sd_spectrum_alloc(2);

	(void)unused;
	assert_non_null(sp);
	assert_int_equal(sd_spectrum_decompose(sp, h, NULL), 0);
	assert_true(sp->eval[0] == -0.1 && sp->eval[1] == 3);
	assert_true(sp->evec[0] == 0 && sp->evec[1] == 1);
	assert_true(sp->evec[2] == 1 && sp->evec[3] == 0);
	sd_spectrum_free(sp);
}

/* The second-difference matrix tridiag(−1, 2, −1) of order n has
 * eigenvalues 2 − 2cos(kπ/(n + 1)), k = 1..n (GSL's path). */
static void
test_flat_tridiagonal(void **unused)
{
	enum { N = 5 };
	double h[N * N] = { 0 };
	sd_spectrum *sp = sd_spectrum_alloc(N);
	size_t i, k;

	(void)unused;
	assert_non_null(sp);
	for (i = 0; i < N; i++) {
		h[i * N + i] = 2;
		if (i + 1 < N)
			h[i * N + i + 1] = h[(i + 1) * N + i] = -1;
	}
	assert_int_equal(sd_spectrum_decompose(sp, h, NULL), 0);
	assert_int_equal(sp->n, N);
	for (k = 1; k <= N; k++)
		assert_close(sp->eval[k - 1], 2 - 2 * cos(k * M_PI / (N + 1)),
		    1e-14);
	check_pairs(sp, h, 1e-14);
	sd_spectrum_free(sp);
}

/* Random symmetric 2×2 matrices: the closed form gives eigenpairs as
 * accurate as GSL's, and the same eigenvalues as the same matrix through
 * GSL's path (embedded in 3×3 with a far third eigenvalue). */
static void
test_flat_2x2_matches_gsl(void **unused)
{
	sd_spectrum *two = sd_spectrum_alloc(2), *three = sd_spectrum_alloc(3);
	gsl_rng *rng = sd_rng_new(7, NULL);
	double h[4], g[9], big;
	int t;

	(void)unused;
	assert_non_null(two);
	assert_non_null(three);
	assert_non_null(rng);
	for (t = 0; t < 1000; t++) {
		h[0] = gsl_rng_uniform(rng) * 20 - 10;
		h[1] = h[2] = gsl_rng_uniform(rng) * 20 - 10;
		h[3] = gsl_rng_uniform(rng) * 20 - 10;
		memset(g, 0, sizeof g);
		g[0] = h[0];
		g[1] = g[3] = h[1];
		g[4] = h[3];
		g[8] = 1000;
		assert_int_equal(sd_spectrum_decompose(two, h, NULL), 0);
		assert_int_equal(sd_spectrum_decompose(three, g, NULL), 0);
		big = fmax(fabs(two->eval[0]), fabs(two->eval[1]));
		check_pairs(two, h, 1e-14 * big);
		assert_close(two->eval[0], three->eval[0], 1e-14 * big);
		assert_close(two->eval[1], three->eval[1], 1e-14 * big);
	}
	gsl_rng_free(rng);
	sd_spectrum_free(three);
	sd_spectrum_free(two);
}

/* The Rayleigh quotient xᵀAx on the sphere, A = Q diag(lam) Qᵀ. */
struct rayleigh {
	double	a[9];
};

static double
rayleigh_f(const void *state, const double *x)
{
	const struct rayleigh *r = state;
	double s = 0;
	size_t i;

	for (i = 0; i < 3; i++)
		s += x[i] * sd_dot(r->a + 3 * i, x, 3);
	return s;
}

static void
rayleigh_grad(const void *state, const double *x, double *g)
{
	const struct rayleigh *r = state;
	size_t i;

	for (i = 0; i < 3; i++)
		g[i] = 2 * sd_dot(r->a + 3 * i, x, 3);
}

static void
rayleigh_hess(const void *state, const double *x, double *h)
{
	const struct rayleigh *r = state;
	size_t i;

	(void)x;
	for (i = 0; i < 9; i++)
		h[i] = 2 * r->a[i];
}

static const sd_objective_type rayleigh_type = {
	.name = "rayleigh",
	.dim = 3,
	.manifold = SD_SPHERE,
	.f = rayleigh_f,
	.grad = rayleigh_grad,
	.hess = rayleigh_hess,
};

/* On S² the Riemannian Hessian of xᵀAx at the eigenvector q_i of A is
 * 2(A − λ_i I) on the tangent space: eigenvalues 2(λ_j − λ_i), j ≠ i,
 * along q_j. Two of them, the normal direction q_i dropped, through a
 * random rotation so that nothing is axis-aligned. */
static void
test_sphere_rayleigh(void **unused)
{
	const double lam[3] = { -1, 0.5, 2 };
	struct rayleigh r;
	sd_objective obj = { .type = &rayleigh_type, .dim = 3, .state = &r };
	sd_spectrum *sp = sd_spectrum_alloc(3);
	gsl_rng *rng = sd_rng_new(3, NULL);
	double q[9], h[9], want[2], c;
	size_t i, j, k, m;

	(void)unused;
	assert_non_null(sp);
	assert_non_null(rng);
	sd_random_orthogonal(rng, q, 3);
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++) {
			for (r.a[3 * i + j] = 0, k = 0; k < 3; k++)
				r.a[3 * i + j] += q[3 * k + i] * lam[k] *
				    q[3 * k + j];
		}
	}
	for (i = 0; i < 3; i++) {
		sd_objective_rhessian(&obj, q + 3 * i, h);
		assert_int_equal(sd_spectrum_decompose(sp, h, q + 3 * i), 0);
		assert_int_equal(sp->n, 2);
		for (m = 0, j = 0; j < 3; j++) {
			if (j != i)
				want[m++] = 2 * (lam[j] - lam[i]);
		}
		for (m = 0; m < 2; m++) {
			assert_close(sp->eval[m], want[m], 1e-13);
			/* A tangent direction: along some q_j, j ≠ i. */
			assert_close(sd_dot(sp->evec + 3 * m, q + 3 * i, 3), 0,
			    1e-13);
			j = m < i ? m : m + 1;
			c = sd_dot(sp->evec + 3 * m, q + 3 * j, 3);
			assert_close(fabs(c), 1, 1e-13);
		}
		check_pairs(sp, h, 1e-13);
	}
	gsl_rng_free(rng);
	sd_spectrum_free(sp);
}

/* Every eigenvector's largest entry is positive. */
static void
test_sign_convention(void **unused)
{
	const double h[9] = { 1, -2, 0, -2, 1, 0.5, 0, 0.5, -3 };
	sd_spectrum *sp = sd_spectrum_alloc(3);
	size_t i, k, best;

	(void)unused;
	assert_non_null(sp);
	assert_int_equal(sd_spectrum_decompose(sp, h, NULL), 0);
	for (i = 0; i < 3; i++) {
		for (best = 0, k = 1; k < 3; k++) {
			if (fabs(sp->evec[3 * i + k]) >
			    fabs(sp->evec[3 * i + best]))
				best = k;
		}
		assert_true(sp->evec[3 * i + best] > 0);
	}
	check_pairs(sp, h, 1e-14);
	sd_spectrum_free(sp);
}

/* A matrix with a NaN or an infinity is refused, with no pairs. */
static void
test_not_finite(void **unused)
{
	double h2[4] = { 1, 0, 0, NAN }, h3[9] = { 1, 0, 0, 0, 1, 0, 0, 0,
	    INFINITY }, x[3] = { 0, 0, 1 };
	sd_spectrum *two = sd_spectrum_alloc(2), *three = sd_spectrum_alloc(3);

	(void)unused;
	assert_non_null(two);
	assert_non_null(three);
	assert_int_equal(sd_spectrum_decompose(two, h2, NULL), -1);
	assert_int_equal(two->n, 0);
	assert_int_equal(sd_spectrum_decompose(three, h3, x), -1);
	assert_int_equal(three->n, 0);
	assert_null(sd_spectrum_alloc(0));
	sd_spectrum_free(NULL);
	sd_spectrum_free(three);
	sd_spectrum_free(two);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_2x2),
		cmocka_unit_test(test_flat_diagonal),
		cmocka_unit_test(test_flat_tridiagonal),
		cmocka_unit_test(test_flat_2x2_matches_gsl),
		cmocka_unit_test(test_sphere_rayleigh),
		cmocka_unit_test(test_sign_convention),
		cmocka_unit_test(test_not_finite),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
