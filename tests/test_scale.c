/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scale.c: an objective's scale (sd_objective_scale) is measured
 * once and kept in the objective's memo: later calls evaluate nothing and
 * return the same bits, an objective without a memo measures every time,
 * and threads asking at once all get the one measurement. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "objectives/objective.h"
#include "testutil.h"

/* Hessians evaluated so far, from any thread. */
static atomic_long hessians;

/* f = x⁴ + xy + 2y², whose Hessian [[12x², 1], [1, 4]] varies, so that
 * L and M both come from the grid. */
static double
quartic_f(const void *state, const double *x)
{
	(void)state;
	return pow(x[0], 4) + x[0] * x[1] + 2 * x[1] * x[1];
}

static void
quartic_grad(const void *state, const double *x, double *g)
{
	(void)state;
	g[0] = 4 * pow(x[0], 3) + x[1];
	g[1] = x[0] + 4 * x[1];
}

static void
quartic_hess(const void *state, const double *x, double *h)
{
	(void)state;
	atomic_fetch_add(&hessians, 1);
	h[0] = 12 * x[0] * x[0];
	h[1] = h[2] = 1;
	h[3] = 4;
}

static const sd_objective_type quartic_type = {
	.name = "quartic",
	.dim = 2,
	.window = { -1, 1, -2, 2 },
	.f = quartic_f,
	.grad = quartic_grad,
	.hess = quartic_hess,
};

/* Fail unless a and b are the same bits. */
static void
assert_same_scale(const sd_scale *a, const sd_scale *b)
{
	assert_memory_equal(a, b, sizeof *a);
}

/* The first call measures on the window (L at the corner: the larger
 * eigenvalue of [[12, 1], [1, 4]], D = 2), the second only reads. */
static void
test_measured_once(void **unused)
{
	sd_objective *obj = sd_objective_new_type(&quartic_type, NULL, NULL);
	sd_scale first, again;
	long n;

	(void)unused;
	assert_non_null(obj);
	atomic_store(&hessians, 0);
	assert_int_equal(sd_objective_scale(obj, &first, NULL), 0);
	n = atomic_load(&hessians);
	assert_true(n > 0);
	assert_close(first.L, 8 + sqrt(17), 1e-12);
	assert_true(first.D == 2);
	assert_true(first.M > 0 && isfinite(first.M));
	assert_int_equal(sd_objective_scale(obj, &again, NULL), 0);
	assert_int_equal(atomic_load(&hessians), n);
	assert_same_scale(&first, &again);
	sd_objective_free(obj);
}

/* An objective built by hand without a memo measures at every call, and
 * the same bits as the memo's. */
static void
test_without_memo(void **unused)
{
	sd_objective bare = { .type = &quartic_type, .dim = 2 };
	sd_objective *obj = sd_objective_new_type(&quartic_type, NULL, NULL);
	sd_scale a, b, c;
	long n;

	(void)unused;
	assert_non_null(obj);
	assert_int_equal(sd_objective_scale(obj, &a, NULL), 0);
	atomic_store(&hessians, 0);
	assert_int_equal(sd_objective_scale(&bare, &b, NULL), 0);
	n = atomic_load(&hessians);
	assert_true(n > 0);
	assert_int_equal(sd_objective_scale(&bare, &c, NULL), 0);
	assert_int_equal(atomic_load(&hessians), 2 * n);
	assert_same_scale(&a, &b);
	assert_same_scale(&b, &c);
	sd_objective_free(obj);
}

/* Threads asking a fresh objective at once all get the same bits, and
 * the objective keeps one of them. */
static void
test_threads(void **unused)
{
	enum { THREADS = 8 };
	sd_objective *obj = sd_objective_new_type(&quartic_type, NULL, NULL);
	sd_scale got[THREADS], kept;
	int i, fails = 0;

	(void)unused;
	assert_non_null(obj);
#pragma omp parallel for num_threads(THREADS) reduction(+:fails)
	for (i = 0; i < THREADS; i++)
		fails += sd_objective_scale(obj, &got[i], NULL) != 0;
	assert_int_equal(fails, 0);
	atomic_store(&hessians, 0);
	assert_int_equal(sd_objective_scale(obj, &kept, NULL), 0);
	assert_int_equal(atomic_load(&hessians), 0);
	for (i = 0; i < THREADS; i++)
		assert_same_scale(&got[i], &kept);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measured_once),
		cmocka_unit_test(test_without_memo),
		cmocka_unit_test(test_threads),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
