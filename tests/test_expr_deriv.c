/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_expr_deriv.c: user formulas' derivatives, against ones worked out
 * by hand and against GSL's numerical ones, kinks included. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_rng.h>

#include "expr/expr.h"
#include "expr_util.h"

/* ---- derivatives worked out by hand --------------------------------- */

/* d = (f, f_x, f_y, f_xx, f_xy, f_yy) at (x, y). */
typedef void analytic_fn(double x, double y, double *d);

static void
a_poly(double x, double y, double *d)
{
	d[0] = x * x * x * y - 2 * x * y * y + 7;
	d[1] = 3 * x * x * y - 2 * y * y;
	d[2] = x * x * x - 4 * x * y;
	d[3] = 6 * x * y;
	d[4] = 3 * x * x - 4 * y;
	d[5] = -4 * x;
}

static void
a_sincos(double x, double y, double *d)
{
	d[0] = sin(x) * cos(y);
	d[1] = cos(x) * cos(y);
	d[2] = -sin(x) * sin(y);
	d[3] = -sin(x) * cos(y);
	d[4] = -cos(x) * sin(y);
	d[5] = -sin(x) * cos(y);
}

static void
a_explog(double x, double y, double *d)
{
	double E = exp(x * y), r = x * x + y * y + 1;

	d[0] = E - log(r);
	d[1] = y * E - 2 * x / r;
	d[2] = x * E - 2 * y / r;
	d[3] = y * y * E - (2 * r - 4 * x * x) / (r * r);
	d[4] = (1 + x * y) * E + 4 * x * y / (r * r);
	d[5] = x * x * E - (2 * r - 4 * y * y) / (r * r);
}

static void
a_sqrt(double x, double y, double *d)
{
	double s = sqrt(x * x + 2 * y * y + 1), s3 = s * s * s;

	d[0] = s;
	d[1] = x / s;
	d[2] = 2 * y / s;
	d[3] = 1 / s - x * x / s3;
	d[4] = -2 * x * y / s3;
	d[5] = 2 / s - 4 * y * y / s3;
}

static void
a_inverse_trig(double x, double y, double *d)
{
	double t = tan(x / 3), ax = 16 - x * x, ay = 16 - y * y;

	d[0] = t + atan(y) + asin(x / 4) + acos(y / 4);
	d[1] = (1 + t * t) / 3 + 1 / sqrt(ax);
	d[2] = 1 / (1 + y * y) - 1 / sqrt(ay);
	d[3] = 2 * t * (1 + t * t) / 9 + x / (ax * sqrt(ax));
	d[4] = 0;
	d[5] = -2 * y / ((1 + y * y) * (1 + y * y)) - y / (ay * sqrt(ay));
}

static void
a_hyperbolic(double x, double y, double *d)
{
	double T = tanh(x * y), S = 1 - T * T;

	d[0] = sinh(x) - cosh(y) + T;
	d[1] = cosh(x) + y * S;
	d[2] = -sinh(y) + x * S;
	d[3] = sinh(x) - 2 * y * y * T * S;
	d[4] = S - 2 * x * y * T * S;
	d[5] = -cosh(y) - 2 * x * x * T * S;
}

static void
a_fractional_powers(double x, double y, double *d)
{
	d[0] = pow(x, 2.5) * pow(y, -1.5);
	d[1] = 2.5 * pow(x, 1.5) * pow(y, -1.5);
	d[2] = -1.5 * pow(x, 2.5) * pow(y, -2.5);
	d[3] = 3.75 * pow(x, 0.5) * pow(y, -1.5);
	d[4] = -3.75 * pow(x, 1.5) * pow(y, -2.5);
	d[5] = 3.75 * pow(x, 2.5) * pow(y, -3.5);
}

static void
a_negative_powers(double x, double y, double *d)
{
	double q = x * x + 1;

	(void)y;
	d[0] = pow(q, -1.0 / 3) + 1 / (x * x);
	d[1] = -2 * x / 3 * pow(q, -4.0 / 3) - 2 / (x * x * x);
	d[2] = 0;
	d[3] = -2.0 / 3 * pow(q, -4.0 / 3) + 16 * x * x / 9 *
	    pow(q, -7.0 / 3) + 6 / (x * x * x * x);
	d[4] = 0;
	d[5] = 0;
}

static void
a_variable_exponent(double x, double y, double *d)
{
	double v = pow(y, x), L = log(y);

	d[0] = v;
	d[1] = v * L;
	d[2] = x * pow(y, x - 1);
	d[3] = v * L * L;
	d[4] = pow(y, x - 1) * (1 + x * L);
	d[5] = x * (x - 1) * pow(y, x - 2);
}

static void
a_both_variable(double x, double y, double *d)
{
	double f = pow(x * y, y), gx = y / x, gy = log(x) + log(y) + 1;

	d[0] = f;
	d[1] = f * gx;
	d[2] = f * gy;
	d[3] = f * (gx * gx - y / (x * x));
	d[4] = f * (gx * gy + 1 / x);
	d[5] = f * (gy * gy + 1 / y);
}

static void
a_abs(double x, double y, double *d)
{
	double s = x > y ? 1 : -1;

	d[0] = fabs(x - y) * y;
	d[1] = s * y;
	d[2] = -s * y + fabs(x - y);
	d[3] = 0;
	d[4] = s;
	d[5] = -2 * s;
}

static void
a_softplus(double x, double y, double *d)
{
	double u = x - y * y, s = 1 / (1 + exp(-u)), s1 = s * (1 - s);

	d[0] = log(1 + exp(u));
	d[1] = s;
	d[2] = -2 * y * s;
	d[3] = s1;
	d[4] = -2 * y * s1;
	d[5] = -2 * s + 4 * y * y * s1;
}

static void
a_sin_squared(double x, double y, double *d)
{
	double u = x * x + y, s2 = sin(2 * u), c2 = 2 * cos(2 * u);

	d[0] = sin(u) * sin(u);
	d[1] = s2 * 2 * x;
	d[2] = s2;
	d[3] = c2 * 4 * x * x + 2 * s2;
	d[4] = c2 * 2 * x;
	d[5] = c2;
}

static void
a_quotient(double x, double y, double *d)
{
	double q = y * y + 1;

	d[0] = x / q;
	d[1] = 1 / q;
	d[2] = -2 * x * y / (q * q);
	d[3] = 0;
	d[4] = -2 * y / (q * q);
	d[5] = x * (6 * y * y - 2) / (q * q * q);
}

static void
a_reciprocal(double x, double y, double *d)
{
	double q = x * x + y * y + 1, q2 = q * q, q3 = q2 * q;

	d[0] = 1 / q;
	d[1] = -2 * x / q2;
	d[2] = -2 * y / q2;
	d[3] = -2 / q2 + 8 * x * x / q3;
	d[4] = 8 * x * y / q3;
	d[5] = -2 / q2 + 8 * y * y / q3;
}

static void
a_constant_bases(double x, double y, double *d)
{
	double f = pow(2, x) * pow(3, -y), l2 = log(2), l3 = log(3);

	d[0] = f;
	d[1] = f * l2;
	d[2] = -f * l3;
	d[3] = f * l2 * l2;
	d[4] = -f * l2 * l3;
	d[5] = f * l3 * l3;
}

static void
a_affine(double x, double y, double *d)
{
	d[0] = -(x - 3) * (2 - y) / 4;
	d[1] = -(2 - y) / 4;
	d[2] = (x - 3) / 4;
	d[3] = 0;
	d[4] = 0.25;
	d[5] = 0;
}

static void
a_exp_product(double x, double y, double *d)
{
	double E = exp(x * y);

	d[0] = E;
	d[1] = y * E;
	d[2] = x * E;
	d[3] = y * y * E;
	d[4] = (1 + x * y) * E;
	d[5] = x * x * E;
}

static const struct analytic {
	const char	*text;
	double		 lo, hi;	/* random points in [lo, hi]² */
	analytic_fn	*fn;
} analytics[] = {
	{ "x^3*y - 2*x*y^2 + 7", -3, 3, a_poly },
	{ "sin(x)*cos(y)", -4, 4, a_sincos },
	{ "exp(x*y) - log(x^2+y^2+1)", -1.5, 1.5, a_explog },
	{ "sqrt(x^2 + 2*y^2 + 1)", -3, 3, a_sqrt },
	{ "tan(x/3) + atan(y) + asin(x/4) + acos(y/4)", -2, 2,
	    a_inverse_trig },
	{ "sinh(x) - cosh(y) + tanh(x*y)", -2, 2, a_hyperbolic },
	{ "x^2.5 * y^-1.5", 0.5, 2, a_fractional_powers },
	{ "(x^2+1)^(-1/3) + x^-2", 0.5, 2, a_negative_powers },
	{ "y^x", 0.5, 2, a_variable_exponent },
	{ "(x*y)^y", 0.5, 2, a_both_variable },
	{ "abs(x - y)*y", -2, 2, a_abs },
	{ "log(1 + exp(x - y^2))", -2, 2, a_softplus },
	{ "sin(x^2 + y)^2", -2, 2, a_sin_squared },
	{ "x/(y^2+1)", -3, 3, a_quotient },
	{ "1/(x^2 + y^2 + 1)", -3, 3, a_reciprocal },
	{ "2^x * 3^-y", -2, 2, a_constant_bases },
	{ "-(x - 3) * (2 - y) / 4", -3, 3, a_affine },
	{ "e^(x*y)", -1.5, 1.5, a_exp_product },
	{ NULL, 0, 0, NULL }
};

/* A random point of the formula's box; abs is kept away from its kink. */
static void
analytic_point(gsl_rng *r, const struct analytic *a, double *x, double *y)
{
	do {
		*x = uniform(r, a->lo, a->hi);
		*y = uniform(r, a->lo, a->hi);
	} while (a->fn == a_abs && fabs(*x - *y) < 0.1);
}

/* f, ∇f and ∇²f of every formula against the hand-derived ones; the
 * value path agrees with the hyper-dual one bit for bit. */
static void
test_derivatives_analytic(void **state)
{
	const struct analytic *a;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double x, y, d[6], f, g[2], h[4], got[6];
	int i, k;
	sd_expr *e;

	(void)state;
	for (a = analytics; a->text != NULL; a++) {
		e = compile(a->text);
		for (i = 0; i < POINTS; i++) {
			analytic_point(r, a, &x, &y);
			a->fn(x, y, d);
			sd_expr_eval2(e, x, y, &f, g, h);
			if (!same(f, sd_expr_eval(e, x, y)))
				fail_msg("%s: eval and eval2 differ", a->text);
			assert_true(same(h[1], h[2]));
			got[0] = f, got[1] = g[0], got[2] = g[1];
			got[3] = h[0], got[4] = h[1], got[5] = h[3];
			for (k = 0; k < 6; k++) {
				if (!(fabs(got[k] - d[k]) <=
				    1e-12 * (1 + fabs(d[k]))))
					fail_msg("%s at (%.17g, %.17g): "
					    "derivative %d is %.17g, by hand "
					    "%.17g", a->text, x, y, k, got[k],
					    d[k]);
			}
		}
		sd_expr_free(e);
	}
	gsl_rng_free(r);
}

/* At its kink abs takes the subgradient 0 (the man page says so), which
 * keeps |x| + y² finite and stationary in x at x = 0. */
static void
test_abs_kink(void **state)
{
	double f, g[2], h[4];
	sd_expr *e = compile("abs(x) + y^2");

	(void)state;
	sd_expr_eval2(e, 0, 1, &f, g, h);
	assert_true(f == 1 && g[0] == 0 && g[1] == 2);
	assert_true(h[0] == 0 && h[1] == 0 && h[3] == 2);
	sd_expr_eval2(e, -0.5, 1, &f, g, h);
	assert_true(g[0] == -1);
	sd_expr_free(e);
}

/* ---- against GSL's numerical derivatives ----------------------------- */

/* What a numerical derivative varies: x (k = 0) or y, and which function
 * it reads: f (component −1) or ∂f/∂x_component. */
struct probe {
	const sd_expr	*e;
	double		 p[2];
	int		 k;
	int		 component;
};

/* The probed function of the one coordinate t. */
static double
probe_eval(double t, void *arg)
{
	struct probe *pr = arg;
	double p[2] = { pr->p[0], pr->p[1] }, g[2];

	p[pr->k] = t;
	if (pr->component < 0)
		return sd_expr_eval(pr->e, p[0], p[1]);
	sd_expr_eval2(pr->e, p[0], p[1], NULL, g, NULL);
	return g[pr->component];
}

/* Assert the exact derivative within a few times GSL's error estimate
 * of the central difference, plus a relative floor for rounding. */
static void
check_numeric(struct probe *pr, double exact, const char *what)
{
	gsl_function fn = { probe_eval, pr };
	double t = pr->p[pr->k], h = 1e-4 * (1 + fabs(t)), num, abserr;

	gsl_deriv_central(&fn, t, h, &num, &abserr);
	if (!(fabs(exact - num) <= 10 * abserr + 1e-6 * (1 + fabs(num))))
		fail_msg("%s: derivative %d of %s%d at (%g, %g) is %.10g, "
		    "numerically %.10g (±%g)", what, pr->k,
		    pr->component < 0 ? "f" : "f_", pr->component < 0 ? 0 :
		    pr->component, pr->p[0], pr->p[1], exact, num, abserr);
}

/* The same formulas plus a few without hand-derived derivatives: the
 * exact gradient and Hessian against central differences. */
static void
test_derivatives_numeric(void **state)
{
	static const struct {
		const char *text;
		double lo, hi;
	} extra[] = {
		{ "exp(sin(x*y))/(1 + x^2)", -2, 2 },
		{ "atan(x/(1 + y^2)) * cosh(y/2) - x^5/7", -2, 2 },
		{ "sqrt(1 + (x - y)^2)^3 - log(2 + sin(x)*cos(y))", -3, 3 },
		{ "x^y + y^x", 0.5, 2.5 },
		{ "tanh(x^2 - y)^2 * 10^-x", -1.5, 1.5 },
		{ NULL, 0, 0 }
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	const char *text;
	double lo, hi, g[2], h[4];
	struct probe pr;
	sd_expr *e;
	size_t n, j;
	int i, k;

	(void)state;
	n = sizeof analytics / sizeof analytics[0] - 1;
	for (j = 0; j < n + sizeof extra / sizeof extra[0] - 1; j++) {
		text = j < n ? analytics[j].text : extra[j - n].text;
		lo = j < n ? analytics[j].lo : extra[j - n].lo;
		hi = j < n ? analytics[j].hi : extra[j - n].hi;
		pr.e = e = compile(text);
		for (i = 0; i < POINTS; i++) {
			if (j < n)
				analytic_point(r, &analytics[j], &pr.p[0],
				    &pr.p[1]);
			else {
				pr.p[0] = uniform(r, lo, hi);
				pr.p[1] = uniform(r, lo, hi);
			}
			sd_expr_eval2(pr.e, pr.p[0], pr.p[1], NULL, g, h);
			for (k = 0; k < 2; k++) {
				pr.k = k;
				pr.component = -1;
				check_numeric(&pr, g[k], text);
				pr.component = 0;
				check_numeric(&pr, h[k], text);
				pr.component = 1;
				check_numeric(&pr, h[2 + k], text);
			}
		}
		sd_expr_free(e);
	}
	gsl_rng_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derivatives_analytic),
		cmocka_unit_test(test_abs_kink),
		cmocka_unit_test(test_derivatives_numeric),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
