/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_expr_objective.c: user formulas as objectives. The classic
 * objectives typed as formulas against the built-ins, in f, gradient and
 * Hessian at random points and the stationary points the finder sees on
 * both; undefined regions; the grid evaluator; the "expr" objective. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>

#include "landscape/chart.h"
#include "expr/expr.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "expr_util.h"

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
 * bit, and the batch evaluator of f and ∇f (at points of their own y)
 * the hyper-dual one, undefined points included, for rows of any
 * length; the texts use every operation and function. */
static void
test_grid(void **state)
{
	static const char *const texts[] = {
		"(x^2+y-11)^2 + (x+y^2-7)^2",
		"log(x) * sqrt(y) - 1/x + x^y + 2^x - 3/(x - y)",
		"sin(x)^3 + tanh(x*y) - abs(x)^-1.5 + e^(x/4) - (5 - x)",
		"tan(x) + asin(x/3) + acos(y/3) + atan(x*y) + sinh(x) - cosh(y)",
		"-(x*y)^0.5 + x^7 - 2/y + (x - 2*y)/4 + sin(3*x)*cos(2*y)",
		"x", "y", "7",
		NULL
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double xs[203], ys[203], out[203], gx[203], gy[203], y, v, g[2];
	size_t i, n, j;
	sd_expr *e;

	(void)state;
	for (i = 0; texts[i] != NULL; i++) {
		e = compile(texts[i]);
		for (n = 0; n <= 203; n += 29) {
			for (j = 0; j < n; j++) {
				xs[j] = uniform(r, -3, 3);
				ys[j] = uniform(r, -3, 3);
			}
			y = uniform(r, -3, 3);
			sd_expr_eval_grid(e, xs, n, y, out);
			for (j = 0; j < n; j++) {
				if (!same(out[j], sd_expr_eval(e, xs[j], y)))
					fail_msg("%s at (%g, %g): grid %.17g",
					    texts[i], xs[j], y, out[j]);
			}
			sd_expr_eval_fg_batch(e, n, xs, ys, out, gx, gy);
			for (j = 0; j < n; j++) {
				sd_expr_eval2(e, xs[j], ys[j], &v, g, NULL);
				if (!same(out[j], v) || !same(gx[j], g[0]) ||
				    !same(gy[j], g[1]))
					fail_msg("%s at (%g, %g): batch %.17g "
					    "(%.17g, %.17g)", texts[i], xs[j],
					    ys[j], out[j], gx[j], gy[j]);
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
		cmocka_unit_test(test_classics),
		cmocka_unit_test(test_classic_points),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_grid),
		cmocka_unit_test(test_objective),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
