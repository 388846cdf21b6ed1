/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_linalg.c: the small dense helpers of base/vec.h and base/linalg.h:
 * norms that neither overflow nor underflow and keep NaN; Gram–Schmidt
 * that finds a dependent row and spans what it was given; completing a
 * basis; Haar-random unit vectors and rotations (unit, orthogonal, the
 * same for the same seed); the one-shot eigen-solver, which is the
 * spectrum's on R^n bit for bit. */
#include "config.h"

#include <float.h>
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
#include "base/vec.h"
#include "testutil.h"

/* Fail unless the k rows of v (n entries each) are orthonormal. */
static void
check_orthonormal(const double *v, size_t k, size_t n, double tol)
{
	size_t i, j;

	for (i = 0; i < k; i++) {
		for (j = 0; j < k; j++)
			assert_close(sd_dot(v + i * n, v + j * n, n),
			    i == j ? 1 : 0, tol);
	}
}

/* sd_dot and sd_axpy on small vectors; ‖·‖₂ and ‖·‖∞ of ordinary, huge,
 * tiny, infinite and NaN entries; the all-finite test. */
static void
test_vectors(void **unused)
{
	double x[3] = { 1, -2, 2 }, y[3] = { 3, 0, -1 };
	double huge[2] = { 3e300, 4e300 }, tiny[2] = { 3e-300, 4e-300 };
	double inf[2] = { 1, -INFINITY }, nan[2] = { NAN, 1 };
	double nans[2] = { NAN, NAN }, zero[2] = { 0, 0 };

	(void)unused;
	assert_true(sd_dot(x, y, 3) == 1);
	sd_axpy(2, x, y, 3);
	assert_true(y[0] == 5 && y[1] == -4 && y[2] == 3);
	assert_true(sd_norm(x, 3) == 3);
	assert_close(sd_norm(huge, 2), 5e300, 1e285);
	assert_close(sd_norm(tiny, 2), 5e-300, 1e-315);
	assert_true(isinf(sd_norm(inf, 2)));
	assert_true(isnan(sd_norm(nan, 2)));
	assert_true(isnan(sd_norm(nans, 2)));
	assert_true(sd_norm(zero, 2) == 0);
	assert_true(sd_norm(x, 0) == 0);
	assert_true(sd_norm_inf(x, 3) == 2);
	assert_true(sd_norm_inf(huge, 2) == 4e300);
	assert_true(sd_all_finite(x, 3));
	assert_false(sd_all_finite(inf, 2));
	assert_false(sd_all_finite(nan, 2));
}

/* Three independent rows of R⁴ become orthonormal with the same span
 * (each original row is its own projection onto the new rows); a fourth
 * row in their span is reported as dependent by its index. */
static void
test_orthonormalize(void **unused)
{
	const double rows[3 * 4] = { 1, 1, 0, 0, 1, 0, 1, 0, 0, 2, 0, 3 };
	double v[4 * 4], p[4];
	size_t i, j;

	(void)unused;
	memcpy(v, rows, sizeof rows);
	assert_int_equal(sd_orthonormalize(v, 3, 4, 1e-10), -1);
	check_orthonormal(v, 3, 4, 1e-15);
	for (i = 0; i < 3; i++) {
		memset(p, 0, sizeof p);
		for (j = 0; j < 3; j++)
			sd_axpy(sd_dot(rows + 4 * i, v + 4 * j, 4), v + 4 * j,
			    p, 4);
		for (j = 0; j < 4; j++)
			assert_close(p[j], rows[4 * i + j], 1e-14);
	}
	memcpy(v, rows, sizeof rows);
	for (j = 0; j < 4; j++)
		v[12 + j] = rows[j] - 2 * rows[4 + j] + rows[8 + j];
	assert_int_equal(sd_orthonormalize(v, 4, 4, 1e-10), 3);
}

/* (1, 1, 0)/√2 completed to an orthonormal basis of R³, keeping it. */
static void
test_complete_basis(void **unused)
{
	double v[9] = { sqrt(0.5), sqrt(0.5), 0 };

	(void)unused;
	sd_complete_basis(v, 1, 3, 3);
	check_orthonormal(v, 3, 3, 1e-15);
	assert_true(v[0] == sqrt(0.5) && v[1] == sqrt(0.5) && v[2] == 0);
}

/* Random unit vectors are unit, spread evenly (the mean of 20,000 in R³
 * is within 0.02 of 0 for a fixed seed), and the same for the same seed;
 * a random rotation of R⁵ is orthogonal. */
static void
test_random(void **unused)
{
	gsl_rng *r1 = sd_rng_new(11, NULL), *r2 = sd_rng_new(11, NULL);
	double x[3], y[3], mean[3] = { 0 }, q[25];
	int k;

	(void)unused;
	assert_non_null(r1);
	assert_non_null(r2);
	for (k = 0; k < 20000; k++) {
		sd_random_unit(r1, x, 3);
		sd_random_unit(r2, y, 3);
		assert_close(sd_norm(x, 3), 1, 1e-15);
		assert_memory_equal(x, y, sizeof x);
		sd_axpy(1.0 / 20000, x, mean, 3);
	}
	assert_true(sd_norm(mean, 3) < 0.02);
	sd_random_orthogonal(r1, q, 5);
	check_orthonormal(q, 5, 5, 1e-14);
	gsl_rng_free(r2);
	gsl_rng_free(r1);
}

/* sd_symm_eigen is the spectrum on R^n, to the bit, and names a matrix
 * that is not finite. */
static void
test_symm_eigen(void **unused)
{
	const double a[9] = { 4, 1, -2, 1, 3, 0.5, -2, 0.5, -1 };
	double bad[9], eval[3], evec[9];
	sd_spectrum *sp = sd_spectrum_alloc(3);
	char *cause = NULL;

	(void)unused;
	assert_non_null(sp);
	assert_int_equal(sd_symm_eigen(a, 3, eval, evec, NULL), 0);
	assert_int_equal(sd_spectrum_decompose(sp, a, NULL), 0);
	assert_memory_equal(eval, sp->eval, sizeof eval);
	assert_memory_equal(evec, sp->evec, sizeof evec);
	assert_close(eval[0] + eval[1] + eval[2], 6, 1e-14);
	memcpy(bad, a, sizeof bad);
	bad[4] = NAN;
	assert_int_equal(sd_symm_eigen(bad, 3, eval, evec, &cause), -1);
	assert_non_null(strstr(cause, "not finite"));
	free(cause);
	sd_spectrum_free(sp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors),
		cmocka_unit_test(test_orthonormalize),
		cmocka_unit_test(test_complete_basis),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_symm_eigen),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
