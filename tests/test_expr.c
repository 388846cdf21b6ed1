/* test_expr.c: user formulas. Derivatives against ones worked out by hand
 * and against GSL's numerical ones; the classic objectives typed as
 * formulas against the built-ins, in f, gradient and Hessian at random points
 * and the stationary points the finder sees on both; syntax errors with
 * their columns; precedence; simplification; undefined regions; the grid
 * evaluator. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_rng.h>

#include "base/error.h"
#include "landscape/chart.h"
#include "expr/expr.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"

#define POINTS 100

/* ---- helpers ------------------------------------------------------------ */

/* Compile text, failing the test with the message when it does not. */
static sd_expr *
compile(const char *text)
{
	sd_expr_error err;
	sd_expr *e = sd_expr_compile(text, &err);

	if (e == NULL)
		fail_msg("'%s' did not compile: column %d: %s", text,
		    err.column, err.message);
	return e;
}

/* The same double, bit for bit, or both NaN. */
static int
same(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* A uniform number in [lo, hi]. */
static double
uniform(gsl_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * gsl_rng_uniform(r);
}

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

/* ---- the classic objectives typed as formulas ------------------------ */

static const struct classic {
	const char	*name;
	const char	*text;
} classics[] = {
	{ "himmelblau", "(x^2+y-11)^2 + (x+y^2-7)^2" },
	{ "rosenbrock", "(1-x)^2 + 100*(y-x^2)^2" },
	{ "camel6", "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2" },
	{ "beale", "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2" },
	{ "rastrigin", "20 + x^2 + y^2 - 10*(cos(2*pi*x) + cos(2*pi*y))" },
	{ "doublewell", "(x^2-1)^2 + y^2" },
	{ "quadwell", "(x^2-1)^2 + (y^2-1)^2" },
	{ "saddle", "x^2 - y^2" },
	{ "monkey", "x^3 - 3*x*y^2" },
	{ "cubic", "x^2 + y^3" },
	{ "linnet", "(1 - x*y)^2/2" },
	/* The built-ins' own display formulas, where they have no implicit
	 * product: '²', '³' and '−' are read back. */
	{ "himmelblau", "(x²+y−11)² + (x+y²−7)²" },
	{ "doublewell", "(x²−1)² + y²" },
	{ "quadwell", "(x²−1)² + (y²−1)²" },
	{ "saddle", "x² − y²" },
	{ "cubic", "x² + y³" },
	{ NULL, NULL }
};

/* Assert n values agree to 1e-12 relative to the largest of them: the
 * built-ins and the formulas round differently, and a component that
 * cancels to near 0 keeps the rounding of its largest neighbours. */
static void
assert_same_values(const char *what, const char *name, const double *a,
    const double *b, size_t n, const double *p)
{
	double scale = 0;
	size_t i;

	for (i = 0; i < n; i++)
		scale = fmax(scale, fmax(fabs(a[i]), fabs(b[i])));
	for (i = 0; i < n; i++) {
		if (!(fabs(a[i] - b[i]) <= 1e-12 * (1 + scale)))
			fail_msg("%s %s[%zu] at (%.17g, %.17g): formula "
			    "%.17g, built-in %.17g", name, what, i, p[0], p[1],
			    a[i], b[i]);
	}
}

/* Each classic objective and its formula give the same f, gradient and
 * Hessian at random points of the built-in's window. */
static void
test_classics(void **state)
{
	const struct classic *c;
	sd_objective *builtin, *formula;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double p[2], fa, fb, ga[2], gb[2], ha[4], hb[4];
	const sd_window *w;
	char *cause = NULL;
	int i;

	(void)state;
	for (c = classics; c->name != NULL; c++) {
		builtin = sd_objective_new(c->name, NULL);
		formula = sd_objective_new_expr(c->text, &cause);
		assert_non_null(builtin);
		if (formula == NULL)
			fail_msg("%s: %s", c->text, cause);
		w = &builtin->type->window;
		for (i = 0; i < POINTS; i++) {
			p[0] = uniform(r, w->xmin, w->xmax);
			p[1] = uniform(r, w->ymin, w->ymax);
			fa = sd_objective_f(formula, p);
			fb = sd_objective_f(builtin, p);
			assert_same_values("f", c->name, &fa, &fb, 1, p);
			sd_objective_gradient(formula, p, ga);
			sd_objective_gradient(builtin, p, gb);
			assert_same_values("gradient", c->name, ga, gb, 2, p);
			sd_objective_hessian(formula, p, ha);
			sd_objective_hessian(builtin, p, hb);
			assert_same_values("Hessian", c->name, ha, hb, 4, p);
		}
		sd_objective_free(builtin);
		sd_objective_free(formula);
	}
	gsl_rng_free(r);
}

/* Find the stationary points of obj in window through its default chart. */
static void
find_points(const sd_objective *obj, const sd_window *window,
    sd_point_list *list)
{
	sd_chart chart;
	char *cause = NULL;

	if (sd_chart_init_default(&chart, obj, &cause) != 0 ||
	    sd_finder_run(obj, &chart, window, NULL, list, &cause) != 0)
		fail_msg("%s: %s", obj->spec, cause ? cause : "?");
	sd_chart_done(&chart);
}

/* The finder sees the same stationary points on each classic objective
 * and on its formula: as many, each built-in point within 1e-6 of a
 * formula point, and classified the same way through the formula. (The
 * kind is checked at the built-in's point: where Newton stops near a
 * degenerate point depends on rounding, and the finder's verdict there
 * with it.) */
static void
test_classic_points(void **state)
{
	const struct classic *c;
	sd_objective *builtin, *formula;
	sd_point_list a, b;
	const sd_point *p;
	const sd_window *w;
	sd_point pt;
	size_t i, j;
	double d, dbest;

	(void)state;
	for (c = classics; c->name != NULL; c++) {
		builtin = sd_objective_new(c->name, NULL);
		formula = sd_objective_new_expr(c->text, NULL);
		assert_non_null(builtin);
		assert_non_null(formula);
		find_points(builtin, &builtin->type->window, &a);
		find_points(formula, &builtin->type->window, &b);
		if (a.n != b.n || a.n == 0)
			fail_msg("%s: %zu points, as '%s' %zu", c->name, a.n,
			    c->text, b.n);
		w = &builtin->type->window;
		for (i = 0; i < a.n; i++) {
			p = &a.points[i];
			dbest = INFINITY;
			for (j = 0; j < b.n; j++) {
				d = hypot(p->x[0] - b.points[j].x[0],
				    p->x[1] - b.points[j].x[1]);
				dbest = fmin(dbest, d);
			}
			if (!(dbest <= 1e-6))
				fail_msg("%s: %s at (%g, %g) not found in "
				    "'%s'", c->name, sd_point_kind_name(p->kind),
				    p->x[0], p->x[1], c->text);
			assert_int_equal(sd_finder_classify_scale(formula,
			    p->x, fmax(w->xmax - w->xmin, w->ymax - w->ymin),
			    &pt, NULL), 0);
			if (pt.kind != p->kind)
				fail_msg("%s: %s at (%g, %g) is a %s in '%s'",
				    c->name, sd_point_kind_name(p->kind),
				    p->x[0], p->x[1],
				    sd_point_kind_name(pt.kind), c->text);
			sd_point_done(&pt);
		}
		sd_point_list_done(&a);
		sd_point_list_done(&b);
		sd_objective_free(builtin);
		sd_objective_free(formula);
	}
}

/* ---- syntax errors ---------------------------------------------------- */

static const struct bad {
	const char	*text;
	int		 column;	/* in characters, from 1 */
	const char	*says;		/* part of the message */
} bads[] = {
	{ "(x+1", 5, "expected ')' to close '(' at column 1" },
	{ "sin(x", 6, "expected ')' to close '(' at column 4" },
	{ "(x+1 y", 6, "implicit multiplication" },
	{ "(x $ 1)", 4, "to close '(' at column 1, found '$'" },
	{ "x+", 3, "after '+', found the end of the formula" },
	{ "x**2", 3, "after '*', found '*'" },
	{ "sin x", 5, "expected '(' after 'sin', found 'x'" },
	{ "2x", 2, "write 2*x" },
	{ "x y", 3, "write x*y" },
	{ "xy", 1, "unknown name 'xy' (implicit multiplication" },
	{ "(x)(y)", 4, "between ')' and '('" },
	{ "foo(x)", 1, "unknown name 'foo'" },
	{ "", 1, "empty formula" },
	{ "   ", 1, "empty formula" },
	{ "x+)", 3, "after '+', found ')'" },
	{ ")", 1, "at the start of the formula, found ')'" },
	{ "log()", 5, "after '(', found ')'" },
	{ "1e", 3, "expected digits after the exponent" },
	{ "1e+", 4, "expected digits after the exponent" },
	{ "0x", 3, "hexadecimal digits" },
	{ "0x1p", 5, "expected digits after the exponent" },
	{ "1.2.3", 4, "malformed number '1.2.': unexpected '.'" },
	{ "2e3.5", 4, "malformed number '2e3.'" },
	{ "1e999", 1, "too large" },
	{ "x+1)", 4, "unbalanced ')'" },
	{ "sin(x))", 7, "unbalanced ')'" },
	{ "2^", 3, "after '^'" },
	{ "x $ y", 3, "found '$'" },
	{ "x²+)", 4, "found ')'" },		/* columns count characters */
	{ "x − ", 5, "after '−', found the end" },
	{ "x ÷ 2 ≠ 1", 7, "'≠' (U+2260)" },
	{ "x+\x01", 3, "U+0001" },
	{ "x+\xff", 3, "byte 0xFF" },
	{ "pi(x)", 3, "between 'pi' and '('" },
	{ NULL, 0, NULL }
};

/* Every malformed formula fails at its column with its message; no
 * message is empty, and each names what was expected or found. */
static void
test_syntax_errors(void **state)
{
	const struct bad *b;
	sd_expr_error err;
	sd_expr *e;

	(void)state;
	for (b = bads; b->text != NULL; b++) {
		e = sd_expr_compile(b->text, &err);
		if (e != NULL)
			fail_msg("'%s' compiled", b->text);
		if (err.column != b->column)
			fail_msg("'%s': column %d, expected %d (%s)", b->text,
			    err.column, b->column, err.message);
		if (strstr(err.message, b->says) == NULL)
			fail_msg("'%s': message '%s' lacks '%s'", b->text,
			    err.message, b->says);
	}
	/* A NULL error pointer is fine. */
	assert_null(sd_expr_compile("(", NULL));
}

/* The unknown-name message lists every known name, as a whole word. */
static void
test_unknown_name_lists_names(void **state)
{
	static const char *const funcs[] = { "sin", "cos", "tan", "asin",
	    "acos", "atan", "sinh", "cosh", "tanh", "exp", "log", "sqrt",
	    "abs", NULL };
	static const char *const before = "( ", *const after = ",)";
	char word[16];
	sd_expr_error err;
	size_t i, b, a;
	int found;

	(void)state;
	assert_null(sd_expr_compile("cot(x)", &err));
	assert_non_null(strstr(err.message, "unknown name 'cot'"));
	assert_non_null(strstr(err.message, "(x, y)"));
	assert_non_null(strstr(err.message, "(pi, e)"));
	for (i = 0; funcs[i] != NULL; i++) {
		found = 0;
		for (b = 0; b < 2; b++) {
			for (a = 0; a < 2; a++) {
				snprintf(word, sizeof word, "%c%s%c",
				    before[b], funcs[i], after[a]);
				found |= strstr(err.message, word) != NULL;
			}
		}
		if (!found)
			fail_msg("'%s' not listed in: %s", funcs[i],
			    err.message);
	}
}

/* The usage message: the formula, a caret under the column (counted in
 * characters), the message; an empty formula is just the message. */
static void
test_error_format(void **state)
{
	sd_expr_error err;
	char *s;

	(void)state;
	assert_null(sd_expr_compile("(x+1", &err));
	s = sd_expr_error_format("(x+1", &err);
	assert_string_equal(s, "bad formula at column 5:\n"
	    "  (x+1\n"
	    "      ^\n"
	    "  expected ')' to close '(' at column 1");
	free(s);

	assert_null(sd_expr_compile("x²+)", &err));
	s = sd_expr_error_format("x²+)", &err);
	assert_string_equal(s, "bad formula at column 4:\n"
	    "  x²+)\n"
	    "     ^\n"
	    "  expected an operand (a number, x, y, pi, e, a function or "
	    "'(') after '+', found ')'");
	free(s);

	/* Control characters and bad bytes keep their column, shown safely. */
	assert_null(sd_expr_compile("x\t+\xff", &err));
	s = sd_expr_error_format("x\t+\xff", &err);
	assert_non_null(strstr(s, "\n  x +?\n     ^\n"));
	free(s);

	assert_null(sd_expr_compile(" ", &err));
	s = sd_expr_error_format(" ", &err);
	assert_null(strchr(s, '\n'));
	assert_non_null(strstr(s, "empty formula"));
	free(s);
}

/* Parentheses and signs nest up to a bound, then fail cleanly. */
static void
test_nesting(void **state)
{
	char text[256];
	sd_expr_error err;
	sd_expr *e;
	int n;

	(void)state;
	for (n = 30; n <= 50; n += 20) {
		memset(text, '(', (size_t)n);
		text[n] = 'x';
		memset(text + n + 1, ')', (size_t)n);
		text[2 * n + 1] = '\0';
		e = sd_expr_compile(text, &err);
		if (n == 30) {
			assert_non_null(e);
			assert_true(sd_expr_eval(e, 3, 0) == 3);
			sd_expr_free(e);
		} else {
			assert_null(e);
			assert_non_null(strstr(err.message, "nested too deeply"));
		}
	}
}

/* ---- precedence, notation, simplification ----------------------------- */

/* Values that pin precedence and associativity, each with constants
 * (folded when compiled) and with variables (computed when evaluated). */
static void
test_precedence(void **state)
{
	static const struct {
		const char *text;
		double x, y, value;
	} cases[] = {
		{ "2^3^2", 0, 0, 512 },
		{ "x^y^x", 2, 3, 512 },
		{ "-2^2", 0, 0, -4 },
		{ "-x^y", 2, 2, -4 },
		{ "-x^2", 3, 0, -9 },
		{ "-x²", 3, 0, -9 },
		{ "x²³", 2, 0, 64 },
		{ "2*-3", 0, 0, -6 },
		{ "x*-y", 2, 3, -6 },
		{ "8/2/2", 0, 0, 2 },
		{ "x/y/y", 8, 2, 2 },
		{ "2-3-4", 0, 0, -5 },
		{ "x-y-x", 2, 3, -3 },
		{ "2+3*4", 0, 0, 14 },
		{ "x+y*x", 2, 3, 8 },
		{ "(2+3)*4", 0, 0, 20 },
		{ "(x+y)*x", 2, 3, 10 },
		{ "2^-1", 0, 0, 0.5 },
		{ "x^-y", 2, 1, 0.5 },
		{ "2^x", 3, 0, 8 },
		{ "x − y", 5, 3, 2 },
		{ "x × y", 5, 3, 15 },
		{ "x · y", 5, 3, 15 },
		{ "x ÷ y", 6, 3, 2 },
		{ "+x", 2, 0, 2 },
		{ "--x", 2, 0, 2 },
		{ "-+-x", 2, 0, 2 },
		{ "x - -y", 2, 3, 5 },
		{ "0x1p3", 0, 0, 8 },
		{ "0X.8P1", 0, 0, 1 },
		{ ".5", 0, 0, 0.5 },
		{ "1e-3", 0, 0, 0.001 },
		{ "1E+2", 0, 0, 100 },
		{ "5.", 0, 0, 5 },
		{ "pi", 0, 0, M_PI },
		{ "π", 0, 0, M_PI },
		{ "e", 0, 0, M_E },
		{ "e^x", 1, 0, M_E },
		{ "log(e)", 0, 0, 1 },
		{ "sqrt(x)", 4, 0, 2 },
		{ "x^0.5", 4, 0, 2 },
		{ "abs(-x)", 3, 0, 3 },
		{ "cos(pi*x)", 1, 0, -1 },
		{ " \tx\n+\ry ", 1, 2, 3 },
		{ NULL, 0, 0, 0 }
	};
	size_t i;
	sd_expr *e;

	(void)state;
	for (i = 0; cases[i].text != NULL; i++) {
		e = compile(cases[i].text);
		assert_close(sd_expr_eval(e, cases[i].x, cases[i].y),
		    cases[i].value, 1e-15 * (1 + fabs(cases[i].value)));
		sd_expr_free(e);
	}
}

/* Constant folding and identities leave fewer instructions; small
 * integer powers are products, bit for bit what C computes. */
static void
test_simplification(void **state)
{
	static const struct {
		const char *text;
		size_t length;
	} cases[] = {
		{ "2*3", 1 }, { "x*1", 1 }, { "1*x", 1 }, { "x+0", 1 },
		{ "0+x", 1 }, { "x-0", 1 }, { "x/1", 1 }, { "x^1", 1 },
		{ "x*1+0", 1 }, { "sin(pi/2)*x", 1 }, { "--x", 1 },
		{ "((x))", 1 }, { "x^0", 1 }, { "2^3^2 - 500", 1 },
		{ "2 + x", 2 }, { "x*2", 2 }, { "-x", 2 }, { "x*-1", 2 },
		{ "e^x", 2 }, { "x^2", 2 }, { "x - -y", 3 }, { "x + -y", 3 },
		{ "x*2*3", 3 },		/* (x·2)·3 ≠ x·6 in general: kept */
		{ NULL, 0 }
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	sd_expr *e2, *e3, *e4;
	double x;
	size_t i;
	sd_expr *e;

	(void)state;
	for (i = 0; cases[i].text != NULL; i++) {
		e = compile(cases[i].text);
		if (sd_expr_length(e) != cases[i].length)
			fail_msg("'%s': %zu instructions, expected %zu",
			    cases[i].text, sd_expr_length(e),
			    cases[i].length);
		sd_expr_free(e);
	}
	e = compile("2^3^2 - 500");
	assert_true(sd_expr_eval(e, 0, 0) == 12);
	sd_expr_free(e);
	e2 = compile("x^2");
	e3 = compile("x^3");
	e4 = compile("x^4");
	for (i = 0; i < 10000; i++) {
		x = uniform(r, -10, 10);
		assert_true(same(sd_expr_eval(e2, x, 0), x * x));
		assert_true(same(sd_expr_eval(e3, x, 0), x * x * x));
		assert_true(same(sd_expr_eval(e4, x, 0), (x * x) * (x * x)));
	}
	sd_expr_free(e2);
	sd_expr_free(e3);
	sd_expr_free(e4);
	gsl_rng_free(r);
}

/* ---- undefined regions ------------------------------------------------ */

/* Outside the domain the value is non-finite and so are the derivatives
 * when the value is NaN; nothing crashes. */
static void
test_undefined(void **state)
{
	static const struct {
		const char *text;
		double x, y;
		int nan;	/* NaN (1) or an infinity (0) */
	} cases[] = {
		{ "log(x)", -1, 0, 1 },
		{ "sqrt(x) + y", -1, 2, 1 },
		{ "asin(x)", 2, 0, 1 },
		{ "x^y", -2, 0.5, 1 },
		{ "x^1.5", -2, 0, 1 },
		{ "1^log(x)", -1, 0, 1 },	/* C's pow would say 1 */
		{ "log(x)^y", -1, 0, 1 },	/* C's pow would say 1 */
		{ "abs(log(x))", -1, 0, 1 },
		{ "1/x", 0, 0, 0 },
		{ "y/x", 0, 1, 0 },
		{ "x^-2", 0, 0, 0 },
		{ "log(x)", 0, 0, 0 },
		{ "exp(1000*x)", 1, 0, 0 },
		{ "x*1e308*10", 1, 0, 0 },
		{ NULL, 0, 0, 0 }
	};
	double f, g[2], h[4];
	sd_objective *obj;
	size_t i, k;
	sd_expr *e;

	(void)state;
	for (i = 0; cases[i].text != NULL; i++) {
		e = compile(cases[i].text);
		f = sd_expr_eval(e, cases[i].x, cases[i].y);
		if (cases[i].nan ? !isnan(f) : !isinf(f))
			fail_msg("%s at (%g, %g) = %g", cases[i].text,
			    cases[i].x, cases[i].y, f);
		sd_expr_eval2(e, cases[i].x, cases[i].y, &f, g, h);
		assert_false(isfinite(f));
		for (k = 0; k < 4 && cases[i].nan; k++) {
			if (!isnan(g[k % 2]) || !isnan(h[k]))
				fail_msg("%s: NaN value with derivatives "
				    "(%g, %g)", cases[i].text, g[k % 2], h[k]);
		}
		sd_expr_free(e);
	}
	/* The objective layer passes it through. */
	obj = sd_objective_new_expr("log(x) + y^2", NULL);
	assert_non_null(obj);
	assert_false(isfinite(sd_objective_f(obj, (double[]){ -1, 1 })));
	sd_objective_gradient(obj, (double[]){ -1, 1 }, g);
	assert_false(isfinite(g[0]));
	sd_objective_hessian(obj, (double[]){ -1, 1 }, h);
	assert_false(isfinite(h[0]));
	assert_true(isfinite(sd_objective_f(obj, (double[]){ 1, 1 })));
	sd_objective_free(obj);
}

/* ---- the grid evaluator ----------------------------------------------- */

/* A row through the grid evaluator equals the point evaluator bit for
 * bit, undefined points included, for rows of any length. */
static void
test_grid(void **state)
{
	static const char *const texts[] = {
		"(x^2+y-11)^2 + (x+y^2-7)^2",
		"log(x) * sqrt(y) - 1/x + x^y + 2^x - 3/(x - y)",
		"sin(x)^3 + tanh(x*y) - abs(x)^-1.5 + e^(x/4) - (5 - x)",
		"x", "y", "7",
		NULL
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double xs[203], out[203], y;
	size_t i, n, j;
	sd_expr *e;

	(void)state;
	for (i = 0; texts[i] != NULL; i++) {
		e = compile(texts[i]);
		for (n = 0; n <= 203; n += 29) {
			for (j = 0; j < n; j++)
				xs[j] = uniform(r, -3, 3);
			y = uniform(r, -3, 3);
			sd_expr_eval_grid(e, xs, n, y, out);
			for (j = 0; j < n; j++) {
				if (!same(out[j], sd_expr_eval(e, xs[j], y)))
					fail_msg("%s at (%g, %g): grid %.17g",
					    texts[i], xs[j], y, out[j]);
			}
		}
		sd_expr_free(e);
	}
	gsl_rng_free(r);
}

/* ---- the objective ---------------------------------------------------- */

/* An "expr" objective: its type carries the text; f, ∇f and ∇²f come
 * from the formula; a bad formula's cause has the caret message. */
static void
test_objective(void **state)
{
	const char *text = "x^2 - y^2 + x*y";
	double p[2] = { 1.5, -2 }, g[2], h[4];
	sd_objective *obj;
	char *cause = NULL;

	(void)state;
	obj = sd_objective_new_expr(text, &cause);
	assert_non_null(obj);
	assert_string_equal(obj->type->name, "expr");
	assert_string_equal(obj->type->formula, text);
	assert_string_equal(obj->type->summary, text);
	assert_string_equal(obj->spec, text);
	assert_int_equal(obj->dim, 2);
	assert_int_equal(obj->type->manifold, SD_EUCLIDEAN);
	assert_true(obj->type->window.xmin == -3 && obj->type->window.xmax == 3);
	assert_true(obj->type->window.ymin == -3 && obj->type->window.ymax == 3);
	assert_close(sd_objective_f(obj, p), 2.25 - 4 - 3, 1e-15);
	sd_objective_gradient(obj, p, g);
	assert_close(g[0], 2 * 1.5 - 2, 1e-15);
	assert_close(g[1], 2 * 2 + 1.5, 1e-15);
	sd_objective_rhessian(obj, p, h);
	assert_close(h[0], 2, 0);
	assert_close(h[1], 1, 0);
	assert_close(h[2], 1, 0);
	assert_close(h[3], -2, 0);
	sd_objective_free(obj);

	assert_null(sd_objective_new_expr("(x+1", &cause));
	assert_non_null(strstr(cause, "  (x+1\n      ^\n"));
	assert_non_null(strstr(cause, "expected ')' to close '(' at column 1"));
	free(cause);
	assert_null(sd_objective_new_expr("", &cause));
	assert_non_null(strstr(cause, "empty formula"));
	free(cause);
	/* cause may be NULL. */
	assert_null(sd_objective_new_expr("x+", NULL));
	obj = sd_objective_new_expr("sin(x)", NULL);
	assert_non_null(obj);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derivatives_analytic),
		cmocka_unit_test(test_abs_kink),
		cmocka_unit_test(test_derivatives_numeric),
		cmocka_unit_test(test_classics),
		cmocka_unit_test(test_classic_points),
		cmocka_unit_test(test_syntax_errors),
		cmocka_unit_test(test_unknown_name_lists_names),
		cmocka_unit_test(test_error_format),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_precedence),
		cmocka_unit_test(test_simplification),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_objective),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
