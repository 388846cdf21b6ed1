/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_classify.c: the finder's classification of a stationary
 * point: the second-order test where it decides, the higher orders where
 * the Hessian is singular, and the registry's degenerate points. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "base/error.h"
#include "expr/expr.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "finder_util.h"

/* ---- classification ----------------------------------------------------- */

/* ½xᵀAx + p·x2³ + q·x2⁴ with A = [[a, b], [b, c]]: a Hessian of our choice
 * at 0, and the higher orders that decide when it is singular. */
struct poly {
	double	a, b, c, p, q;
};

static double
poly_f(const void *s, const double *x)
{
	const struct poly *k = s;
	double y = x[1];

	return (k->a * x[0] * x[0] + 2 * k->b * x[0] * y + k->c * y * y) / 2 +
	    k->p * y * y * y + k->q * y * y * y * y;
}

static void
poly_grad(const void *s, const double *x, double *g)
{
	const struct poly *k = s;
	double y = x[1];

	g[0] = k->a * x[0] + k->b * y;
	g[1] = k->b * x[0] + k->c * y + 3 * k->p * y * y + 4 * k->q * y * y * y;
}

static void
poly_hess(const void *s, const double *x, double *h)
{
	const struct poly *k = s;
	double y = x[1];

	h[0] = k->a;
	h[1] = h[2] = k->b;
	h[3] = k->c + 6 * k->p * y + 12 * k->q * y * y;
}

static const sd_objective_type poly_type = {
	.name = "poly", .summary = "test", .formula = "½xᵀAx + p y³ + q y⁴",
	.dim = 2, .window = { -1, 1, -1, 1 },
	.f = poly_f, .grad = poly_grad, .hess = poly_hess,
};

/* Classify the origin of the poly with these coefficients. */
static sd_point_kind
classify_poly(double a, double b, double c, double p, double q,
    sd_point *pt)
{
	struct poly k = { a, b, c, p, q };
	sd_objective obj = { .type = &poly_type, .dim = 2, .state = &k };
	double x[2] = { 0, 0 };
	char *cause = NULL;

	if (sd_finder_classify(&obj, x, pt, &cause) != 0)
		fail_msg("classify: %s", cause ? cause : "?");
	return pt->kind;
}

/* The second-order test where it decides (tolerance relative to the
 * Hessian: Beale's conditioning, −0.78 and 868 rotated, is a saddle), and
 * circle sampling where it does not. */
static void
test_classify(void **state)
{
	double t = 0.3, c = cos(t), s = sin(t), l1 = -0.78, l2 = 868;
	sd_point pt;

	(void)state;
	assert_int_equal(classify_poly(1, 0, 2, 0, 0, &pt), SD_POINT_MIN);
	assert_int_equal(pt.n_eigen, 2);
	assert_close(pt.eigen[0], 1, 1e-12);
	assert_close(pt.eigen[1], 2, 1e-12);
	assert_close(pt.f, 0, 0);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(-1, 0, -2, 0, 0, &pt), SD_POINT_MAX);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(1, 3, 1, 0, 0, &pt), SD_POINT_SADDLE);
	assert_close(pt.lambda_min, -2, 1e-12);
	assert_close(pt.lambda_max, 4, 1e-12);
	sd_point_done(&pt);
	/* R diag(−0.78, 868) Rᵀ. */
	assert_int_equal(classify_poly(l1 * c * c + l2 * s * s,
	    (l1 - l2) * c * s, l1 * s * s + l2 * c * c, 0, 0, &pt),
	    SD_POINT_SADDLE);
	assert_close(pt.lambda_min, l1, 1e-9);
	assert_close(pt.lambda_max, l2, 1e-9);
	sd_point_done(&pt);
	/* Condition number 1e6, still strict. */
	assert_int_equal(classify_poly(1e-6, 0, -1, 0, 0, &pt),
	    SD_POINT_SADDLE);
	sd_point_done(&pt);
	/* A zero eigenvalue: the quartic or cubic term decides. */
	assert_int_equal(classify_poly(1, 0, 0, 0, 1, &pt),
	    SD_POINT_DEGENERATE_MIN);
	assert_close(pt.lambda_min, 0, 0);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(-1, 0, 0, 0, -1, &pt),
	    SD_POINT_DEGENERATE_MAX);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(1, 0, 0, 0, -1, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(1, 0, 0, 1, 0, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(-1, 0, 0, 1, 0, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	/* Rotated: the flat direction is not an axis. */
	assert_int_equal(classify_poly(c * c, c * s, s * s, 0, 1, &pt),
	    SD_POINT_DEGENERATE_MIN);
	sd_point_done(&pt);
}

/* The registry's degenerate points classified directly: monkey and cubic
 * at 0, linnet on xy = 1 (eigenvalues 0 and x² + y²), and a point that is
 * not finite. */
static void
test_classify_registry(void **state)
{
	sd_objective *obj;
	double x[2] = { 0, 0 }, on[2] = { 2, 0.5 }, bad[2] = { NAN, 0 };
	char *cause = NULL;
	sd_point pt;

	(void)state;
	obj = test_objective_new("monkey");
	assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(sd_finder_classify(obj, bad, &pt, &cause), -1);
	assert_non_null(cause);
	free(cause);
	sd_objective_free(obj);
	obj = test_objective_new("cubic");
	assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	sd_objective_free(obj);
	obj = test_objective_new("linnet");
	assert_int_equal(sd_finder_classify(obj, on, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_DEGENERATE_MIN);
	assert_close(pt.lambda_min, 0, 1e-12);
	assert_close(pt.lambda_max, 4.25, 1e-12);
	sd_point_done(&pt);
	assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_SADDLE);
	sd_point_done(&pt);
	sd_objective_free(obj);
}

/* Classify the formula's point (x1, x2) (f and ∇f finite there). */
static sd_point_kind
classify_expr(const char *text, double x1, double x2, sd_point *pt)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new_expr(text, &cause);
	double x[2] = { x1, x2 };

	if (obj == NULL || sd_finder_classify(obj, x, pt, &cause) != 0)
		fail_msg("%s: %s", text, cause ? cause : "?");
	sd_objective_free(obj);
	return pt->kind;
}

/* Where the formula's second derivatives are not defined at the root, the
 * Hessians beside it decide. cos(√(x² + y²)) = 1 − r²/2 + ... is a strict
 * maximum with ∇²f = −I; at the point where Newton stops, 2.8e-75 off 0,
 * ∇²f is finite but at the next step's end (0) it is 0·∞, and the old
 * tolerance was infinite: degenerate-max with λ = (−1, −1). At 0 itself
 * (x² + y²)^√π = r^3.54 has ∇f = 0 and ∇²f = 0·∞; r^3.54 has ∇²f → 0
 * there (eigenvalues 2√π(2√π − 1)ρ^1.54 and 2√π ρ^1.54 at distance ρ),
 * so degenerate, and a minimum: no nearby value is lower. The old finder
 * refused the point. abs at 0 has the one-sided derivatives ±1 and
 * abs'' = 0 beside it: the zero eigenvalue makes the kind degenerate,
 * decided by f's values around it. */
static void
test_classify_undefined(void **state)
{
	sd_point pt;

	(void)state;
	assert_int_equal(classify_expr("cos(sqrt(x^2+y^2))", 0,
	    -2.7635739376302223e-75, &pt), SD_POINT_MAX);
	assert_close(pt.lambda_min, -1, 1e-12);
	assert_close(pt.lambda_max, -1, 1e-12);
	sd_point_done(&pt);
	assert_int_equal(classify_expr("1-cos(sqrt(x^2+4*y^2))", 1e-80, 0,
	    &pt), SD_POINT_MIN);
	assert_close(pt.lambda_min, 1, 1e-12);
	assert_close(pt.lambda_max, 4, 1e-12);
	sd_point_done(&pt);
	assert_int_equal(classify_expr("(x^2+y^2)^sqrt(pi)", 0, 0, &pt),
	    SD_POINT_DEGENERATE_MIN);
	assert_true(fabs(pt.lambda_max) < 1e-12);
	assert_close(pt.f, 0, 0);
	sd_point_done(&pt);
	assert_int_equal(classify_expr("-(x^2+y^2)^sqrt(pi)", 0, 0, &pt),
	    SD_POINT_DEGENERATE_MAX);
	sd_point_done(&pt);
	assert_int_equal(classify_expr("abs(x)+y^2", 0, 0, &pt),
	    SD_POINT_DEGENERATE_MIN);
	assert_close(pt.lambda_min, 0, 0);
	assert_close(pt.lambda_max, 2, 1e-15);
	sd_point_done(&pt);
	assert_int_equal(classify_expr("abs(x)-y^2", 0, 0, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(classify_expr("-abs(x)-abs(y)", 0, 0, &pt),
	    SD_POINT_DEGENERATE_MAX);
	sd_point_done(&pt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_classify_registry),
		cmocka_unit_test(test_classify_undefined),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
