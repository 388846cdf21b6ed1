/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_scale.c: an objective's scale (sd_objective_scale) is measured
 * once and kept in the objective's memo: later calls evaluate nothing and
 * return the same bits, an objective without a memo measures every time,
 * and threads asking at once all get the one measurement; from
 * SD_KRYLOV_DIM on it is measured without Hessians, near the dense
 * value. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "base/krylov.h"
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

/* obj's scale measured fresh (no memo), densely when dense is set: the
 * same objective with its hvp hidden, as below SD_KRYLOV_DIM. */
static void
scale_fresh(const sd_objective *obj, int dense, sd_scale *s)
{
	sd_objective_type type = *obj->type;
	sd_objective copy = *obj;

	if (dense)
		type.hvp = NULL;
	copy.type = &type;
	copy.memo = NULL;
	assert_int_equal(sd_objective_scale(&copy, s, NULL), 0);
}

/* From SD_KRYLOV_DIM on the scale is measured from products
 * (scale_krylov.c): on mid-size sample sums, a product-based low-rank
 * one and a sphere, L is within 1e-4 of the dense value here (Lanczos
 * stops at a residual of 1e-2, and Ritz values converge about as its
 * square; glm:d=200 is about 1e-3 off, scale_krylov.c)
 * and never above it, and M, Hutchinson's estimate of the same
 * Frobenius norms from 4 probes, within 20 %. */
static void
test_matrix_free_near_dense(void **unused)
{
	static const char *const specs[] = {
		"glm:d=60,n=500", "twolayer:k=8,m=8,n=300", "pca:d=60",
		"matcomp:d=60", "tensor:d=60", NULL
	};
	const char *const *spec;
	sd_objective *obj;
	sd_scale dense, free_;

	(void)unused;
	for (spec = specs; *spec != NULL; spec++) {
		obj = sd_objective_new(*spec, NULL);
		assert_non_null(obj);
		assert_true(obj->dim >= SD_KRYLOV_DIM);
		scale_fresh(obj, 1, &dense);
		scale_fresh(obj, 0, &free_);
		assert_true(free_.D == dense.D);
		assert_true(free_.L <= dense.L * (1 + 1e-12));
		assert_close(free_.L, dense.L, 1e-4 * dense.L);
		assert_close(free_.M, dense.M, 0.2 * dense.M);
		sd_objective_free(obj);
	}
}

/* What the type's hess hook would have done, counted. */
static void (*wrapped_hess)(const void *, const double *, double *);

static void
counting_hess(const void *state, const double *x, double *h)
{
	atomic_fetch_add(&hessians, 1);
	wrapped_hess(state, x, h);
}

/* Hessians the scale of spec forms (its type's hess counted). */
static long
scale_hessians(const char *spec)
{
	sd_objective *obj = sd_objective_new(spec, NULL);
	sd_objective_type type;
	sd_objective copy;
	sd_scale s;

	assert_non_null(obj);
	type = *obj->type;
	wrapped_hess = type.hess;
	type.hess = counting_hess;
	copy = *obj;
	copy.type = &type;
	copy.memo = NULL;
	atomic_store(&hessians, 0);
	assert_int_equal(sd_objective_scale(&copy, &s, NULL), 0);
	assert_true(s.L > 0 && isfinite(s.L) && s.M > 0 && isfinite(s.M));
	sd_objective_free(obj);
	return atomic_load(&hessians);
}

/* The switch is the finder's: dense Hessians below SD_KRYLOV_DIM, none
 * from it on. */
static void
test_matrix_free_from_krylov_dim(void **unused)
{
	char below[64], at[64];

	(void)unused;
	snprintf(below, sizeof below, "glm:d=%d,n=100", SD_KRYLOV_DIM - 1);
	snprintf(at, sizeof at, "glm:d=%d,n=100", SD_KRYLOV_DIM);
	assert_true(scale_hessians(below) > 0);
	assert_int_equal(scale_hessians(at), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measured_once),
		cmocka_unit_test(test_without_memo),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_matrix_free_near_dense),
		cmocka_unit_test(test_matrix_free_from_krylov_dim),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
