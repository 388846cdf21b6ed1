/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_hvp.c: every objective's Hessian-vector product (the hvp hook the
 * matrix-free finder and newton use in high dimension) against the dense
 * analytic Hessian times v, and against GSL's central differences of the
 * analytic gradient along v; on the sphere the Riemannian product against
 * the Riemannian Hessian's matrix; in low and in high dimension. A
 * Hessian prepared at x (the hvp_prepare hook: glm, twolayer) gives hvp's
 * bits for every v it is applied to. glm's and twolayer's sums over
 * tiles give the same bits on one thread and on two, and their ∇f is the
 * sample-by-sample gradient of sgd's hook; twolayer's blocked tile
 * kernels give the bits of one unit at a time. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_rng.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/vec.h"
#include "testutil.h"
#include "objectives/objective.h"

#define HVP_POINTS	6

/* The function t ↦ ∂f/∂x_j(x + t·v) that GSL differentiates. */
struct line {
	const sd_objective	*obj;
	const double		*x, *v;
	double			*y, *g;
	size_t			 j;
};

static double
line_eval(double t, void *arg)
{
	struct line *l = arg;
	size_t d = l->obj->dim;

	memcpy(l->y, l->x, d * sizeof *l->y);
	sd_axpy(t, l->v, l->y, d);
	sd_objective_gradient(l->obj, l->y, l->g);
	return l->g[l->j];
}

/* Whether ∇²f is the same at x ± 2h·v as at x, for ReLU, whose Hessian
 * is constant between kinks: false when the difference quotients would
 * cross one. */
static int
smooth_along(const sd_objective *obj, const double *x, const double *v,
    const double *h, double step)
{
	size_t d = obj->dim;
	double *y = malloc(d * sizeof *y), *h1 = malloc(d * d * sizeof *h1);
	int sign, same = 1;

	assert_non_null(y);
	assert_non_null(h1);
	for (sign = -1; sign <= 1; sign += 2) {
		memcpy(y, x, d * sizeof *y);
		sd_axpy(sign * 2 * step, v, y, d);
		sd_objective_hessian(obj, y, h1);
		same &= memcmp(h, h1, d * d * sizeof *h) == 0;
	}
	free(y);
	free(h1);
	return same;
}

/* The products through a Hessian prepared at x against hvp's, bit for
 * bit, for v and for the coordinate vectors e_1 and e_d (one preparation,
 * several products, as Lanczos uses it): hv is hvp's product with v,
 * checked against GSL's differences by check_point. Returns whether obj
 * prepared one. */
static int
check_prepared(const sd_objective *obj, const double *x, const double *v,
    const double *hv)
{
	size_t d = obj->dim, i;
	double *buf = calloc(4 * d, sizeof *buf), *e = buf, *p = buf + d;
	double *q = p + d, *work = q + d;
	void *prep = sd_objective_hvp_prepare(obj, x);

	assert_non_null(buf);
	if (prep != NULL) {
		assert_int_equal(sd_objective_rhvp_prep(obj, prep, x, 0, v, p,
		    work), 0);
		assert_memory_equal(p, hv, d * sizeof *p);
		for (i = 0; i < 2; i++) {
			memset(e, 0, d * sizeof *e);
			e[i == 0 ? 0 : d - 1] = 1;
			assert_int_equal(sd_objective_hvp(obj, x, e, q), 0);
			assert_int_equal(sd_objective_rhvp_prep(obj, prep, x,
			    0, e, p, work), 0);
			assert_memory_equal(p, q, d * sizeof *p);
		}
	}
	free(prep);
	free(buf);
	return prep != NULL;
}

/* hv against H·v (to rounding) and against d/dt ∇f(x + tv) at t = 0 (when
 * no kink is near); returns whether the difference check ran. */
static int
check_point(const sd_objective *obj, const double *x, const double *v,
    int piecewise, int *prepared)
{
	size_t d = obj->dim, j;
	double *h = malloc(d * d * sizeof *h), *buf = malloc(4 * d * sizeof *buf);
	double *hv = buf, *y = buf + d, *g = buf + 2 * d, big = 0, num, err;
	struct line l = { obj, x, v, y, g, 0 };
	gsl_function fn = { line_eval, &l };
	int smooth;

	assert_non_null(h);
	assert_non_null(buf);
	sd_objective_hessian(obj, x, h);
	assert_int_equal(sd_objective_hvp(obj, x, v, hv), 0);
	for (j = 0; j < d * d; j++)
		big = fmax(big, fabs(h[j]));
	smooth = !piecewise || smooth_along(obj, x, v, h, 1e-4);
	for (j = 0; j < d; j++) {
		assert_close(hv[j], sd_dot(h + j * d, v, d),
		    1e-12 * (1 + big * sd_norm(v, d) * (double)d));
		if (!smooth)
			continue;
		l.j = j;
		gsl_deriv_central(&fn, 0, 1e-4, &num, &err);
		if (!(fabs(hv[j] - num) <= 10 * err + 1e-6 * (1 + fabs(num))))
			fail_msg("%s: (∇²f v)_%zu = %.10g, numerically %.10g",
			    obj->spec, j + 1, hv[j], num);
	}
	if (obj->type->manifold != SD_SPHERE)
		*prepared += check_prepared(obj, x, v, hv);
	free(h);
	free(buf);
	return smooth;
}

/* The Riemannian product against sd_objective_rhessian's matrix. */
static void
check_riemannian(const sd_objective *obj, const double *x, const double *v)
{
	size_t d = obj->dim, j;
	double *h = malloc(d * d * sizeof *h), *buf = malloc(3 * d * sizeof *buf);
	double *hv = buf, *g = buf + d, *work = buf + 2 * d, big = 0;

	assert_non_null(h);
	assert_non_null(buf);
	sd_objective_rhessian(obj, x, h);
	sd_objective_gradient(obj, x, g);
	assert_int_equal(sd_objective_rhvp(obj, x, sd_dot(x, g, d), v, hv,
	    work), 0);
	for (j = 0; j < d * d; j++)
		big = fmax(big, fabs(h[j]));
	for (j = 0; j < d; j++)
		assert_close(hv[j], sd_dot(h + j * d, v, d),
		    1e-12 * (1 + big * (double)d));
	free(h);
	free(buf);
}

/* Random x (the window's scale in the first two coordinates, [−1, 1]
 * elsewhere; unit on the sphere) and unit v at HVP_POINTS points. */
static void
check_spec(const char *spec, gsl_rng *rng, int *with_hvp, int *prepared)
{
	int piecewise = strstr(spec, "act=2") != NULL;
	sd_objective *obj = test_objective_new(spec);
	size_t d = obj->dim, k, n, differenced = 0;
	double *x = malloc(2 * d * sizeof *x), *v = x + d;

	assert_non_null(x);
	*with_hvp += obj->type->hvp != NULL;
	for (n = 0; n < HVP_POINTS; n++) {
		for (k = 0; k < d; k++) {
			x[k] = 2 * gsl_rng_uniform(rng) - 1;
			v[k] = 2 * gsl_rng_uniform(rng) - 1;
		}
		x[0] *= obj->type->window.xmax;
		x[1] *= obj->type->window.ymax;
		sd_axpy(1 / sd_norm(v, d) - 1, v, v, d);
		assert_int_equal(sd_objective_retract(obj, x), 0);
		differenced += (size_t)check_point(obj, x, v, piecewise,
		    prepared);
		check_riemannian(obj, x, v);
	}
	/* Kinks are rare: most points of ReLU are differenced too. */
	if (differenced < HVP_POINTS / 2)
		fail_msg("%s: only %zu of %d points away from kinks", spec,
		    differenced, HVP_POINTS);
	free(x);
	sd_objective_free(obj);
}

/* Every registered objective at its defaults (the classic ones through
 * the dense fallback). */
static void
test_registry_defaults(void **unused)
{
	const sd_objective_type *t;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int with_hvp = 0, prepared = 0;
	size_t i;

	(void)unused;
	for (i = 0; (t = sd_objective_types[i]) != NULL; i++)
		check_spec(t->name, rng, &with_hvp, &prepared);
	/* glm, glm-pop, pca, matcomp, tensor, linnet3, twolayer. */
	assert_true(with_hvp >= 7);
	assert_true(prepared >= HVP_POINTS);
	gsl_rng_free(rng);
}

/* The d-dimensional objectives where the finder goes matrix-free. */
static void
test_high_dimension(void **unused)
{
	static const char *const specs[] = {
		"glm:d=60,n=300", "glm-pop:d=60,nodes=24",
		"pca:d=60,seed=3", "matcomp:d=60,p=0.3", "tensor:d=40,n=9,seed=2",
		"twolayer:k=6,m=10,n=300", "twolayer:k=6,m=10,n=300,act=1",
		"twolayer:k=6,m=10,n=300,act=2", "twolayer:k=6,m=10,n=300,ntk=1",
		"glm:d=60,n=300,ntk=1",
	};
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int with_hvp = 0, prepared = 0;
	size_t i;

	(void)unused;
	gsl_rng_set(rng, 7);
	for (i = 0; i < sizeof specs / sizeof *specs; i++)
		check_spec(specs[i], rng, &with_hvp, &prepared);
	assert_int_equal(with_hvp, (int)(sizeof specs / sizeof *specs));
	/* glm and twolayer's three activations prepare one at every point
	 * (ntk=1 does not: its products are the model's). */
	assert_int_equal(prepared, 4 * HVP_POINTS);
	gsl_rng_free(rng);
}

/* f, ∇f and ∇²f·v of obj at x along v into out (1 + 2d entries) on
 * threads threads; a Hessian prepared at x gives the same product. */
static void
sums_on(const sd_objective *obj, const double *x, const double *v,
    int threads, double *out)
{
#ifdef _OPENMP
	omp_set_num_threads(threads);
#else
	(void)threads;
#endif
	out[0] = sd_objective_f(obj, x);
	sd_objective_gradient(obj, x, out + 1);
	assert_int_equal(sd_objective_hvp(obj, x, v, out + 1 + obj->dim), 0);
	if (obj->type->hvp_prepare != NULL)
		assert_true(check_prepared(obj, x, v, out + 1 + obj->dim));
}

/* Large enough for their passes to go on threads (base/tiles.c): the
 * same bits with one thread and with two; the gradient within 1e-12 of
 * the one sgd's hook sums sample by sample over all samples. */
static void
test_threads_same_bits(void **unused)
{
	static const char *const specs[] = {
		"glm:d=200,n=25000", "twolayer:k=16,m=16,n=20000",
		"twolayer:k=16,m=16,n=20000,act=1",
	};
	double *x, *v, *one, *two, *ref, scale;
	size_t i, k, d, *idx;
	sd_objective *obj;

	(void)unused;
#ifndef _OPENMP
	print_message("built without OpenMP: one thread only, the bits "
	    "are compared with themselves\n");
#endif
	for (i = 0; i < sizeof specs / sizeof *specs; i++) {
		obj = test_objective_new(specs[i]);
		d = obj->dim;
		x = malloc((3 + 8 * d) * sizeof *x);
		idx = malloc(obj->type->samples(obj->state) * sizeof *idx);
		assert_non_null(x);
		assert_non_null(idx);
		v = x + d;
		one = v + d;
		two = one + 1 + 2 * d;
		ref = two + 1 + 2 * d;
		for (k = 0; k < d; k++) {
			x[k] = 0.3 * sin((double)k + 1);
			v[k] = cos(2.0 * (double)k);
		}
		sums_on(obj, x, v, 1, one);
		sums_on(obj, x, v, 2, two);
		assert_memory_equal(one, two, (1 + 2 * d) * sizeof *one);
		for (k = 0; k < obj->type->samples(obj->state); k++)
			idx[k] = k;
		obj->type->grad_batch(obj->state, x, idx, k, ref);
		scale = sd_norm_inf(ref, d);
		for (k = 0; k < d; k++)
			assert_close(one[1 + k], ref[k], 1e-12 * scale);
		free(idx);
		free(x);
		sd_objective_free(obj);
	}
}

/* twolayer's tile kernels take hidden units four at a time (and the
 * spread two units by four inputs), the rest one at a time: the same bits
 * either way. k = 3 runs its units one at a time, k = 4 with a fourth unit
 * of zero weights in a block; the data are the same (one teacher of kt = 3
 * units), the zero unit adds exact zeros, so f, ∇f and ∇²f·v of the first
 * three units must agree to the bit. m = 6 and n = 1001 leave a remainder
 * of inputs and of samples. */
static void
test_blocks_same_bits(void **unused)
{
	sd_objective *one = test_objective_new("twolayer:k=3,kt=3,m=6,n=1001");
	sd_objective *four = test_objective_new("twolayer:k=4,kt=3,m=6,n=1001");
	double x[24] = { 0 }, v[24] = { 0 }, a[1 + 2 * 24], b[1 + 2 * 24];
	size_t k, d = one->dim;

	(void)unused;
	assert_int_equal(d, 18);
	assert_int_equal(four->dim, 24);
	for (k = 0; k < d; k++) {
		x[k] = 0.4 * sin(3.0 * (double)k + 1);
		v[k] = cos(1.7 * (double)k);
	}
	sums_on(one, x, v, 1, a);
	sums_on(four, x, v, 1, b);
	assert_memory_equal(&a[0], &b[0], sizeof *a);
	assert_memory_equal(a + 1, b + 1, d * sizeof *a);
	assert_memory_equal(a + 1 + d, b + 1 + four->dim, d * sizeof *a);
	for (k = d; k < four->dim; k++)
		assert_true(b[1 + four->dim + k] != 0);
	sd_objective_free(one);
	sd_objective_free(four);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_defaults),
		cmocka_unit_test(test_high_dimension),
		cmocka_unit_test(test_threads_same_bits),
		cmocka_unit_test(test_blocks_same_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
