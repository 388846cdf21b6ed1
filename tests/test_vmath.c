/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_vmath.c: vmath's sin, cos, tan, atan, tanh, exp, log and pow
 * (base/vmath.h) give the same bits one point at a time and over a
 * batch, whatever the batch's length and the point's place in it, over
 * many points: uniform and logarithmic ranges, arguments up to 1e300,
 * the multiples of π/2 where the reduction cancels (tan's poles among
 * them), the thresholds and the special values. They are within 1 ulp
 * of the long double functions and of libm (tanh: 2 ulps of libm, whose
 * own tanh is up to 2 ulps off; the bound HACKING.md states), equal to
 * libm where libm is taken (sin, cos and tan beyond 2^20, ±Inf, NaN; pow
 * off its core), and exact where the answer is. A formula's
 * interpreters, one point and block, value and derivatives, agree bit
 * for bit through them. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/vmath.h"
#include "expr/expr.h"

#define N	(1 << 16)	/* points per range */
#define ULP_MAX	1.0		/* the stated bound, against long double */

typedef double fn1(double);
typedef long double fnl(long double);
typedef void fnn(const double *, double *, size_t);

struct func {
	const char	*name;
	fn1		*vm, *libm;
	fnl		*ref;
	fnn		*block;
	double		 libm_ulps;	/* the bound against libm */
};

static const struct func funcs[] = {
	{ "sin", sd_vm_sin, sin, sinl, sd_vm_sin_n, 1 },
	{ "cos", sd_vm_cos, cos, cosl, sd_vm_cos_n, 1 },
	{ "tan", sd_vm_tan, tan, tanl, sd_vm_tan_n, 1 },
	{ "atan", sd_vm_atan, atan, atanl, sd_vm_atan_n, 1 },
	{ "tanh", sd_vm_tanh, tanh, tanhl, sd_vm_tanh_n, 2 },
	{ "exp", sd_vm_exp, exp, expl, sd_vm_exp_n, 1 },
	{ "log", sd_vm_log, log, logl, sd_vm_log_n, 1 },
};
#define NFUNCS	(sizeof funcs / sizeof funcs[0])

/* A range of arguments: uniform on [lo, hi], or logarithmic (lo > 0),
 * either sign when signed. */
struct range {
	double	lo, hi;
	int	log, sign;
};

static const struct range ranges[] = {
	{ -10, 10, 0, 0 }, { -0.8, 0.8, 0, 0 }, { -1e6, 1e6, 0, 0 },
	{ 1e-300, 1e300, 1, 1 }, { 1e-320, 1e-300, 1, 1 },
	{ 0x1p19, 0x1p21, 0, 1 }, { -745.2, 709.8, 0, 0 },
	{ 0.5, 2, 0, 0 }, { 1e-20, 1e20, 1, 0 }, { 0x1p-30, 0x1p-26, 1, 1 },
	{ 0.45, 0.55, 0, 1 }, { 20, 24, 0, 1 },
};

static uint64_t rng_state = 88172645463325252ULL;

/* Uniform on [0, 1) (xorshift64). */
static double
uniform(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (double)(rng_state >> 11) * 0x1p-53;
}

static void
fill_range(const struct range *r, double *x, size_t n)
{
	size_t i;
	double t;

	for (i = 0; i < n; i++) {
		t = uniform();
		x[i] = r->log ? exp(log(r->lo) + t * (log(r->hi) - log(r->lo)))
		    : r->lo + t * (r->hi - r->lo);
		if (r->sign && uniform() < 0.5)
			x[i] = -x[i];
	}
}

/* The doubles nearest k·π/2 and their neighbours, k up to 2^21: where
 * the reduction cancels most. */
static size_t
fill_pio2(double *x, size_t n)
{
	size_t i = 0;
	double k;

	for (k = 1; k < 0x1p21 && i + 3 <= n; k = k * 1.37 + 1) {
		x[i] = floor(k) * 1.57079632679489661923;
		x[i + 1] = nextafter(x[i], 0);
		x[i + 2] = -nextafter(x[i], INFINITY);
		i += 3;
	}
	return i;
}

static const double specials[] = {
	0.0, -0.0, INFINITY, -INFINITY, NAN, 1, -1, 0.5, 2, DBL_MIN,
	DBL_MAX, -DBL_MAX, 4.9e-324, -4.9e-324, 2.2e-308, 1e-310,
	709.782712893383973096, 709.79, -745.13321910194110842, -745.14,
	-708.4, 0x1p20, -0x1p20, 0x1p20 + 1, 1e22, 1e300, 3.14159265358979,
	1e-9, -1e-9, 0x1p-27, 0x1p-30, 0x1p-28, -0x1p-29, 0.5, -0.5,
	0x1.fffffffffffffp-2, 0.4375, 0.6875, 1.1875, 2.4375, 0x1p66, -0x1p67,
	22, -22, 0x1.5ffffffffffffp4, 1.5707963267948966, -1.5707963267948966,
	0x1.921fb54442d19p0, 4.71238898038469, 0.6744, 0.78539816339744828,
};

/* Every point's scalar bits equal the batch's, with the batch taken
 * whole and in pieces of every length from 1 to 67 at every offset
 * (a point's place in a batch changes nothing). */
static void
check_bits(const struct func *f, const double *x, size_t n)
{
	static double whole[N], piece[N];
	double one;
	size_t i, len, at;

	f->block(x, whole, n);
	for (at = 0, len = 1; at < n; at += len, len = len % 67 + 1)
		f->block(x + at, piece + at, at + len <= n ? len : n - at);
	for (i = 0; i < n; i++) {
		one = f->vm(x[i]);
		if (memcmp(&one, &whole[i], sizeof one) != 0 ||
		    memcmp(&one, &piece[i], sizeof one) != 0)
			fail_msg("%s(%a): %a alone, %a in a batch, %a in a "
			    "piece", f->name, x[i], one, whole[i], piece[i]);
	}
}

static void
test_same_bits(void **unused)
{
	static double x[N];
	size_t i, r, n;

	(void)unused;
	for (i = 0; i < NFUNCS; i++) {
		for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
			fill_range(&ranges[r], x, N);
			check_bits(&funcs[i], x, N);
		}
		n = fill_pio2(x, N);
		check_bits(&funcs[i], x, n);
		check_bits(&funcs[i], specials,
		    sizeof specials / sizeof specials[0]);
	}
}

/* sincos gives sin's and cos's bits. */
static void
test_sincos(void **unused)
{
	static double x[N], s[N], c[N];
	double a, b;
	size_t i;

	(void)unused;
	fill_range(&ranges[3], x, N);
	sd_vm_sincos_n(x, s, c, N);
	for (i = 0; i < N; i++) {
		a = sd_vm_sin(x[i]);
		b = sd_vm_cos(x[i]);
		assert_memory_equal(&a, &s[i], sizeof a);
		assert_memory_equal(&b, &c[i], sizeof b);
	}
}

/* |a − t| in ulps of t (the subnormal quantum below DBL_MIN). */
static double
ulps(double a, long double t)
{
	double td = (double)t, u;

	if (isnan(a) || isnan(td))
		return isnan(a) && isnan(td) ? 0 : INFINITY;
	if ((long double)a == t)
		return 0;
	u = fabs(td) < DBL_MIN ? 0x1p-1074 :
	    nextafter(fabs(td), INFINITY) - fabs(td);
	return (double)(fabsl((long double)a - t) / u);
}

/* Within ULP_MAX of libm and of the long double function, on every
 * range where the function is finite. */
static void
test_accuracy(void **unused)
{
	static double x[N];
	double e, worst_libm, worst_ref, y;
	size_t i, r, k;

	(void)unused;
	for (i = 0; i < NFUNCS; i++) {
		worst_libm = worst_ref = 0;
		for (r = 0; r < sizeof ranges / sizeof ranges[0]; r++) {
			fill_range(&ranges[r], x, N);
			for (k = 0; k < N; k++) {
				y = funcs[i].vm(x[k]);
				e = ulps(y, funcs[i].libm(x[k]));
				worst_libm = e > worst_libm ? e : worst_libm;
				e = ulps(y, funcs[i].ref(x[k]));
				worst_ref = e > worst_ref ? e : worst_ref;
			}
		}
		print_message("%s: %.3f ulp from libm, %.3f from long "
		    "double\n", funcs[i].name, worst_libm, worst_ref);
		assert_true(worst_libm <= funcs[i].libm_ulps);
		assert_true(worst_ref <= ULP_MAX);
	}
}

/* Where the answer is exact, it is; where libm is taken, it is libm's. */
static void
test_special_values(void **unused)
{
	static const double big[] = { 0x1p20 + 1, -3e6, 1e22, 1e300,
	    INFINITY, -INFINITY, NAN };
	double z;
	size_t i;

	(void)unused;
	z = sd_vm_sin(-0.0);
	assert_true(z == 0 && signbit(z));
	assert_true(sd_vm_sin(0) == 0 && !signbit(sd_vm_sin(0)));
	assert_true(sd_vm_cos(0) == 1 && sd_vm_cos(-0.0) == 1);
	assert_true(sd_vm_sin(1e-300) == 1e-300);
	assert_true(sd_vm_exp(0) == 1 && sd_vm_exp(-INFINITY) == 0);
	assert_true(sd_vm_exp(INFINITY) == INFINITY);
	assert_true(sd_vm_exp(709.8) == INFINITY && sd_vm_exp(-745.2) == 0);
	assert_true(sd_vm_exp(-745.1) > 0 && sd_vm_exp(709.7) < INFINITY);
	assert_true(sd_vm_log(1) == 0 && !signbit(sd_vm_log(1)));
	assert_true(sd_vm_log(0) == -INFINITY && sd_vm_log(-0.0) == -INFINITY);
	assert_true(isnan(sd_vm_log(-1)) && isnan(sd_vm_log(-INFINITY)));
	assert_true(sd_vm_log(INFINITY) == INFINITY);
	assert_true(isnan(sd_vm_log(NAN)) && isnan(sd_vm_exp(NAN)));
	assert_true(sd_vm_log(4.9e-324) == log(4.9e-324));
	for (i = 0; i < sizeof big / sizeof big[0]; i++) {
		z = sin(big[i]);
		assert_true(memcmp(&z, &(double){ sd_vm_sin(big[i]) },
		    sizeof z) == 0 || (isnan(z) && isnan(sd_vm_sin(big[i]))));
		z = cos(big[i]);
		assert_true(memcmp(&z, &(double){ sd_vm_cos(big[i]) },
		    sizeof z) == 0 || (isnan(z) && isnan(sd_vm_cos(big[i]))));
	}
}

/* On the doubles nearest k·π/2 (tan's poles and zeros) and the special
 * values, the same bounds as on the ranges, and ±0 as libm gives it. */
static void
test_edges(void **unused)
{
	static double x[N];
	size_t i, k, n;
	double y, l;

	(void)unused;
	n = fill_pio2(x, N);
	memcpy(x + n, specials, sizeof specials);
	n += sizeof specials / sizeof specials[0];
	for (i = 0; i < NFUNCS; i++) {
		for (k = 0; k < n; k++) {
			y = funcs[i].vm(x[k]);
			l = funcs[i].libm(x[k]);
			if (ulps(y, l) > funcs[i].libm_ulps ||
			    ulps(y, funcs[i].ref(x[k])) > ULP_MAX ||
			    (y == 0 && signbit(y) != signbit(l)))
				fail_msg("%s(%a) = %a, libm %a", funcs[i].name,
				    x[k], y, l);
		}
	}
}

/* ---- pow ---------------------------------------------------------------- */

/* Pairs (x, y) for pow: x over a range (logarithmic when lo > 0), y
 * uniform on [ylo, yhi]. */
struct pow_range {
	double	xlo, xhi, ylo, yhi;
};

static const struct pow_range pow_ranges[] = {
	{ 0.5, 2, -1000, 1000 }, { 1e-10, 1e10, -30, 30 },
	{ 1e-300, 1e300, -1, 1 }, { 1e-3, 10, 2.5, 2.5 }, { 0.1, 0.5, 400, 1070 },
	{ 2, 2, 1023.5, 1024.5 }, { 2, 2, -1075.5, -1020 },
	{ 1e-320, 1e-300, -1.1, 1.1 }, { 0.999, 1.001, -1e6, 1e6 },
	{ 1e-5, 1e5, -0.5, 0.5 },
};
#define NPOW	(sizeof pow_ranges / sizeof pow_ranges[0])

static void
fill_pow(const struct pow_range *r, double *x, double *y, size_t n)
{
	struct range xr = { r->xlo, r->xhi, r->xlo != r->xhi, 0 };
	size_t i;

	fill_range(&xr, x, n);
	for (i = 0; i < n; i++)
		y[i] = r->ylo + uniform() * (r->yhi - r->ylo);
}

/* Off its core, C's pow: x ≤ 0, ±Inf, NaN, y ±Inf, NaN, |y| > 2^31;
 * and the exponents the core gives one rounding for (0, ±1, 2), 1/2,
 * and an ordinary y beside each such x. */
static const double pow_x[] = { 0, -0.0, -1, -2.5, -8, INFINITY, -INFINITY,
	NAN, 1, 2, 0.5, 4.9e-324, DBL_MAX, 1e-300, 3 };
static const double pow_y[] = { 0, -0.0, 1, -1, 2, 0.5, 2.5, -3, 3, NAN,
	INFINITY, -INFINITY, 1e10, 0x1p31 + 1, -0x1p40, 0.1, -1.5 };
#define NPX	(sizeof pow_x / sizeof pow_x[0])
#define NPY	(sizeof pow_y / sizeof pow_y[0])

/* Scalar bits equal the batch's (whole, in pieces, and with y one
 * constant) on every range and at the special pairs. */
static void
check_pow_bits(const double *x, const double *y, size_t n)
{
	static double whole[N], piece[N], k[N];
	double one;
	size_t i, len, at;

	sd_vm_pow_n(x, y, whole, n);
	for (at = 0, len = 1; at < n; at += len, len = len % 67 + 1)
		sd_vm_pow_n(x + at, y + at, piece + at,
		    at + len <= n ? len : n - at);
	sd_vm_powk_n(x, y[0], k, n);
	for (i = 0; i < n; i++) {
		one = sd_vm_pow(x[i], y[i]);
		if (memcmp(&one, &whole[i], sizeof one) != 0 ||
		    memcmp(&one, &piece[i], sizeof one) != 0)
			fail_msg("pow(%a, %a): %a alone, %a in a batch, %a in "
			    "a piece", x[i], y[i], one, whole[i], piece[i]);
		one = sd_vm_pow(x[i], y[0]);
		assert_memory_equal(&one, &k[i], sizeof one);
	}
}

static void
test_pow_bits(void **unused)
{
	static double x[N], y[N];
	size_t r, i;

	(void)unused;
	for (r = 0; r < NPOW; r++) {
		fill_pow(&pow_ranges[r], x, y, N);
		check_pow_bits(x, y, N);
	}
	for (i = 0; i < NPX * NPY; i++) {
		x[i] = pow_x[i % NPX];
		y[i] = pow_y[i / NPX];
	}
	check_pow_bits(x, y, NPX * NPY);
}

/* Within 1 ulp of libm and of powl on every range; libm's bits (NaN as
 * NaN) at the special pairs. */
static void
test_pow_accuracy(void **unused)
{
	static double x[N], y[N];
	double v, l, worst_libm = 0, worst_ref = 0;
	size_t r, i;

	(void)unused;
	for (r = 0; r < NPOW; r++) {
		fill_pow(&pow_ranges[r], x, y, N);
		for (i = 0; i < N; i++) {
			v = sd_vm_pow(x[i], y[i]);
			l = ulps(v, pow(x[i], y[i]));
			worst_libm = l > worst_libm ? l : worst_libm;
			l = ulps(v, powl(x[i], y[i]));
			worst_ref = l > worst_ref ? l : worst_ref;
		}
	}
	print_message("pow: %.3f ulp from libm, %.3f from long double\n",
	    worst_libm, worst_ref);
	assert_true(worst_libm <= ULP_MAX);
	assert_true(worst_ref <= ULP_MAX);
	for (i = 0; i < NPX * NPY; i++) {
		v = sd_vm_pow(pow_x[i % NPX], pow_y[i / NPX]);
		l = pow(pow_x[i % NPX], pow_y[i / NPX]);
		if (!(isnan(v) && isnan(l)) && memcmp(&v, &l, sizeof v) != 0 &&
		    ulps(v, l) > ULP_MAX)
			fail_msg("pow(%a, %a) = %a, libm %a", pow_x[i % NPX],
			    pow_y[i / NPX], v, l);
	}
	assert_true(sd_vm_pow(2, 1024) == INFINITY);
	assert_true(sd_vm_pow(2, -1075) == 0 && sd_vm_pow(2, -1074) > 0);
	assert_true(sd_vm_pow(4, 2.5) == 32 && sd_vm_pow(1, 2.5) == 1);
	for (i = 0; i < N; i++) {
		v = 1e-3 + uniform() * 1e3;
		assert_true(sd_vm_pow(v, 2) == v * v && sd_vm_pow(v, 1) == v);
		assert_true(sd_vm_pow(v, -1) == 1 / v && sd_vm_pow(v, 0) == 1);
	}
}

/* A formula through every interpreter: sd_expr_eval, the row and the
 * batch evaluators, and the hyper-dual one point and block, the same
 * value and gradient bits at points up to 1e7 (and at ones where a
 * function is undefined). */
static void
test_formula_bits(void **unused)
{
	static const char *const texts[] = {
	    "sin(3*x)*cos(2*y)+0.1*(x^2+y^2)",
	    "exp(sin(x)-cos(y))+log(x^2+y^2+1)", "log(x)*exp(-y)+sin(x*y)",
	    "cos(1e5*x)/(1+exp(y))-sin(x/3)^3",
	    "tan(x)*atan(y)-tanh(x*y)", "(x^2+1)^2.5-abs(y)^y+2^(x/3)",
	};
	enum { M = 301 };
	double x[M], y[M], f[M], row[M], gx[M], gy[M], v, g[2];
	sd_expr *e;
	size_t i, k;

	(void)unused;
	for (k = 0; k < M; k++) {
		x[k] = (uniform() - 0.5) * pow(10, 7 * uniform());
		y[k] = k % 7 == 0 ? x[k] : (uniform() - 0.5) * 20;
	}
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		assert_non_null(e = sd_expr_compile(texts[i], NULL));
		sd_expr_eval_batch(e, M, x, y, f);
		sd_expr_eval_fg_batch(e, M, x, y, row, gx, gy);
		for (k = 0; k < M; k++) {
			v = sd_expr_eval(e, x[k], y[k]);
			assert_memory_equal(&v, &f[k], sizeof v);
			assert_memory_equal(&v, &row[k], sizeof v);
			sd_expr_eval2(e, x[k], y[k], &v, g, NULL);
			assert_memory_equal(&v, &f[k], sizeof v);
			assert_memory_equal(&g[0], &gx[k], sizeof v);
			assert_memory_equal(&g[1], &gy[k], sizeof v);
		}
		sd_expr_eval_grid(e, x, M, y[1], row);
		for (k = 0; k < M; k++) {
			v = sd_expr_eval(e, x[k], y[1]);
			assert_memory_equal(&v, &row[k], sizeof v);
		}
		sd_expr_free(e);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_bits),
		cmocka_unit_test(test_sincos),
		cmocka_unit_test(test_accuracy),
		cmocka_unit_test(test_special_values),
		cmocka_unit_test(test_edges),
		cmocka_unit_test(test_pow_bits),
		cmocka_unit_test(test_pow_accuracy),
		cmocka_unit_test(test_formula_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
