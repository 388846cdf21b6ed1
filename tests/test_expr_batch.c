/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_expr_batch.c: the batch interpreter (sd_expr_eval_fg_batch) gives
 * sd_expr_eval2's value and gradient bit for bit on each of its paths:
 * the seeds (a push's ∂x, ∂y kept as two numbers through every linear
 * instruction, then written for a binary one, for a function's chain or
 * at the top), the one-pass square, the other powers, the functions,
 * whole and partial blocks, and at points where 0·∞ makes a derivative
 * NaN while the value is a number (√ at 0, a square that overflows), where
 * sin, cos and tan need the full reduction (near π/2 and −3π/2: tan's
 * poles) or libm's (beyond 2^20), and where pow is libm's (x ≤ 0, y = 0,
 * ±1, 2, 1/2, NaN and ±∞). NaN is compared as NaN (same(): which of two NaN
 * operands a product passes on is the compiler's choice of operand
 * order, which C and IEEE 754 leave open; every output prints "nan"). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>

#include "expr/expr.h"
#include "expr_util.h"

enum { M = 301 };	/* four whole blocks and a part */

/* Points: the special values paired with each other and with ordinary
 * ones, then random ones over many scales. */
static void
fill_points(double *x, double *y)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	static const double special[] = {
	    0, -0.0, 1, -1, 7, INFINITY, -INFINITY, NAN, 1e300, -1e-310,
	    0x1p1000, 1e-160, 0x1.921fb54442d18p0, -0x1.2d97c7f3321d2p2,
	};
	enum { S = sizeof special / sizeof special[0] };
	size_t k;

	for (k = 0; k < M; k++) {
		x[k] = uniform(r, -0.5, 0.5) * pow(10, uniform(r, -2, 4));
		y[k] = uniform(r, -10, 10);
		if (k < S * S) {
			x[k] = special[k % S];
			y[k] = special[k / S];
		}
	}
	gsl_rng_free(r);
}

/* The formula's batch value and gradient against sd_expr_eval2's. */
static void
check_formula(const char *text, const double *x, const double *y)
{
	double f[M], gx[M], gy[M], v, g[2];
	sd_expr *e;
	size_t k;

	e = compile(text);
	sd_expr_eval_fg_batch(e, M, x, y, f, gx, gy);
	for (k = 0; k < M; k++) {
		sd_expr_eval2(e, x[k], y[k], &v, g, NULL);
		if (!same(v, f[k]) || !same(g[0], gx[k]) || !same(g[1], gy[k]))
			fail_msg("%s at (%g, %g): batch %a %a %a, one point "
			    "%a %a %a", text, x[k], y[k], f[k], gx[k], gy[k], v,
			    g[0], g[1]);
	}
	sd_expr_free(e);
}

static void
test_paths(void **unused)
{
	static const char *const texts[] = {
	    "x", "y", "-x", "3 - y", "x/7 + y*-3", "-(2*x + 1)/3 - (5 - y)",
	    "0*x + y*0", "x*y", "x - y/x", "x^y + 2^x",
	    "(x*-3 + 1)^2*sqrt(y/7)", "sqrt(x) + y", "1/exp(x) + y^2",
	    "x^2 + y^3 - x^-2 + (x*y)^5 + y^16", "sin(3*x)*cos(2*y)",
	    "cos(-x)*sin(y*0.5) + exp(x/2) - log(-y)", "abs(x - y) + tan(x)",
	    "sin(3*x)*cos(2*y)+0.1*(x^2+y^2)", "2 + 3", "sin(x) - cos(y)",
	    "x^1.5 - 1/(y - 1)", "tanh(x*y) + atan(x - y)",
	    "tan(x)*tan(y/3) - atan(1/x)", "(x^2 + 1)^2.5 - abs(y)^-0.3",
	    "x^y - y^x + 3^(x/y)", "tanh(x)^1.5 + x^(y^2 + 0.5)",
	};
	double x[M], y[M];
	size_t i;

	(void)unused;
	fill_points(x, y);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		check_formula(texts[i], x, y);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
