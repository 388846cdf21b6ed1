/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_krylov.c: Lanczos and MINRES (base/krylov.h) on matrices of known
 * spectrum Qᵀ diag(λ) Q: the extreme eigenpairs on R^d and on the
 * complement of a unit vector (against the dense decomposition of
 * spectrum.h), indefinite and singular systems, and the whole space
 * reached (exact) when the tolerance cannot be met. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>

#include "base/krylov.h"
#include "base/linalg.h"
#include "base/spectrum.h"
#include "base/vec.h"
#include "testutil.h"

#define D	60

/* A dense symmetric matrix as an operator; counts its products. */
struct dense {
	double	a[D * D];
	size_t	products;
};

static int
dense_apply(void *ctx, const double *v, double *out)
{
	struct dense *m = ctx;
	size_t i;

	for (i = 0; i < D; i++)
		out[i] = sd_dot(m->a + i * D, v, D);
	m->products++;
	return 0;
}

/* m = Qᵀ diag(lam) Q for a random orthogonal Q drawn from seed. */
static void
dense_build(struct dense *m, const double *lam, unsigned long seed)
{
	double q[D * D];
	gsl_rng *rng = sd_rng_new(seed, NULL);
	size_t i, j, k;

	assert_non_null(rng);
	sd_random_orthogonal(rng, q, D);
	gsl_rng_free(rng);
	memset(m, 0, sizeof *m);
	for (k = 0; k < D; k++) {
		for (i = 0; i < D; i++) {
			for (j = 0; j < D; j++)
				m->a[i * D + j] += lam[k] * q[k * D + i] *
				    q[k * D + j];
		}
	}
}

/* An indefinite spectrum: −3, then 0.5 .. 30 spread, one of them 0
 * when singular. */
static void
spectrum_indefinite(double *lam, int singular)
{
	size_t k;

	lam[0] = -3;
	for (k = 1; k < D; k++)
		lam[k] = 0.5 + 29.5 * (double)(k - 1) / (D - 2);
	if (singular)
		lam[D / 2] = 0;
}

static void
test_lanczos_extremes(void **unused)
{
	struct dense m;
	double lam[D], start[D], vmin[D], vmax[D], av[D];
	sd_linop op = { D, NULL, dense_apply, &m };
	sd_extremes ex = { .vmin = vmin, .vmax = vmax };
	size_t k;

	(void)unused;
	spectrum_indefinite(lam, 0);
	dense_build(&m, lam, 3);
	for (k = 0; k < D; k++)
		start[k] = sin((double)k + 1);
	assert_int_equal(sd_lanczos_extremes(&op, start, 1e-10, &ex), 0);
	assert_int_equal(ex.steps, m.products);
	assert_close(ex.lmin, -3, 1e-8);
	assert_close(ex.lmax, 30, 1e-8);
	assert_true(ex.rmin <= 1e-9 * 30);
	/* The residuals it reports are the true ones. */
	dense_apply(&m, vmin, av);
	sd_axpy(-ex.lmin, vmin, av, D);
	assert_close(sd_norm(av, D), 0, 1e-8);
	assert_close(sd_norm(vmin, D), 1, 1e-12);
	assert_true(ex.steps < D);
}

/* On the complement of a unit x, against the dense decomposition of
 * P A P with the pair along x dropped (spectrum.h). */
static void
test_lanczos_normal(void **unused)
{
	struct dense m, p;
	double lam[D], x[D], pv[D];
	sd_linop op = { D, x, dense_apply, &p };
	sd_extremes ex = { 0 };
	sd_spectrum *sp = sd_spectrum_alloc(D);
	size_t i, j;

	(void)unused;
	assert_non_null(sp);
	for (i = 0; i < D; i++)
		lam[i] = (double)i - 20;
	dense_build(&m, lam, 11);
	for (i = 0; i < D; i++)
		x[i] = cos(3.0 * (double)i);
	sd_axpy(1 / sd_norm(x, D) - 1, x, x, D);
	/* p = P m P. */
	for (i = 0; i < D; i++) {
		for (j = 0; j < D; j++)
			pv[j] = m.a[i * D + j] - x[i] * sd_dot(x, m.a + j * D, D);
		for (j = 0; j < D; j++)
			p.a[i * D + j] = pv[j];
	}
	for (i = 0; i < D; i++) {
		double c = sd_dot(p.a + i * D, x, D);

		sd_axpy(-c, x, p.a + i * D, D);
	}
	assert_int_equal(sd_spectrum_decompose(sp, p.a, x), 0);
	assert_int_equal(sd_lanczos_extremes(&op, x, 1e-12, &ex), 0);
	assert_close(ex.lmin, sp->eval[0], 1e-8);
	assert_close(ex.lmax, sp->eval[sp->n - 1], 1e-8);
	assert_true(ex.steps <= D - 1);
	sd_spectrum_free(sp);
}

/* A tolerance of 0 runs to the whole space: exact, in D products. */
static void
test_lanczos_whole_space(void **unused)
{
	struct dense m;
	double lam[D];
	sd_linop op = { D, NULL, dense_apply, &m };
	sd_extremes ex = { 0 };
	size_t k;

	(void)unused;
	for (k = 0; k < D; k++)
		lam[k] = 1 + (double)k * 1e-3;	/* clustered: slow */
	dense_build(&m, lam, 5);
	assert_int_equal(sd_lanczos_extremes(&op, NULL, 0, &ex), 0);
	assert_close(ex.lmin, 1, 1e-12);
	assert_close(ex.lmax, 1 + (D - 1) * 1e-3, 1e-12);
	assert_int_equal(m.products, D);
}

/* MINRES solves an indefinite system, and a singular consistent one
 * with the pseudo-inverse solution (its iterates stay in the range). */
static void
test_minres(void **unused)
{
	struct dense m;
	double lam[D], s[D], b[D], as[D];
	sd_linop op = { D, NULL, dense_apply, &m };
	size_t k, it;
	int singular, rc;

	(void)unused;
	for (singular = 0; singular <= 1; singular++) {
		spectrum_indefinite(lam, singular);
		dense_build(&m, lam, 7);
		for (k = 0; k < D; k++)
			s[k] = sin(2.0 * (double)k);
		dense_apply(&m, s, b);		/* b in A's range */
		rc = sd_minres(&op, b, 1e-12, 4 * D, as, &it);
		assert_true(rc == 0 || (singular && rc == 1));
		assert_true(it <= D + 1);
		dense_apply(&m, as, s);
		for (k = 0; k < D; k++)
			assert_close(s[k], b[k], 1e-9 * sd_norm(b, D));
	}
	/* b outside the range: a least-squares step, A(b − As) = 0. */
	for (k = 0; k < D; k++)
		b[k] = cos((double)k);
	assert_int_equal(sd_minres(&op, b, 1e-10, 4 * D, s, &it), 1);
	/* Bounded like the pseudo-inverse's: the least |λ| ≠ 0 is 0.5. */
	assert_true(sd_norm(s, D) <= 1.01 * sd_norm(b, D) / 0.5);
	dense_apply(&m, s, as);
	for (k = 0; k < D; k++)
		as[k] = b[k] - as[k];
	dense_apply(&m, as, s);
	assert_true(sd_norm(s, D) <= 1e-7 * 30 * sd_norm(b, D));
	assert_true(sd_norm(as, D) > 1e-3);	/* not consistent */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lanczos_extremes),
		cmocka_unit_test(test_lanczos_normal),
		cmocka_unit_test(test_lanczos_whole_space),
		cmocka_unit_test(test_minres),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
