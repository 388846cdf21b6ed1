/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_certify_why.c: why the certified search leaves a region
 * unresolved (unresolved.h): each reason from a case that really yields
 * it, and the continua of two formulas that used to take the whole box
 * limit, now recognised within a stated budget with points on them. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "expr/expr.h"
#include "landscape/certify.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "finder_util.h"

/* A time limit no run here reaches: the box limit alone decides. */
#define TEST_MS		600000

/* The continua's box budget: (x²+y²−1)²(x−0.3) took 2373 boxes and
 * x²y² 3265 when recognised; 200000 (the limit) before. */
#define TEST_CONTINUUM_BOXES	5000

/* The reasons of all of a list's regions. */
static unsigned
list_why(const sd_point_list *l)
{
	unsigned why = 0;
	size_t i;

	for (i = 0; i < l->n_unresolved; i++)
		why |= l->why[i].why;
	return why;
}

/* The formula's objective, and its default chart in *chart. */
static sd_objective *
expr_chart(const char *text, sd_chart *chart)
{
	sd_objective *obj;
	char *cause = NULL;

	obj = sd_objective_new_expr(text, &cause);
	assert_non_null(obj);
	assert_int_equal(sd_chart_init_default(chart, obj, &cause), 0);
	return obj;
}

/* The finder's list for a formula in window w, with at most boxes
 * boxes (0: the default), into *l; returns its reasons. */
static unsigned
why_of(const char *text, sd_window w, size_t boxes, sd_point_list *l)
{
	sd_finder_options o = { .certify_boxes = boxes, .certify_ms = TEST_MS };
	char *cause = NULL;
	sd_chart chart;
	sd_objective *obj = expr_chart(text, &chart);

	assert_int_equal(sd_finder_run(obj, &chart, &w, &o, l, &cause), 0);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	assert_false(l->complete);
	assert_true(l->n_unresolved > 0);
	return list_why(l);
}

#define BIT(k)	SD_UNRESOLVED_BIT(SD_UNRESOLVED_ ## k)

/* One formula's reasons are exactly want. */
static void
expect_why(const char *text, sd_window w, size_t boxes, unsigned want)
{
	sd_point_list l;
	unsigned got = why_of(text, w, boxes, &l);
	char g[256], e[256];

	if (got != want)
		fail_msg("%s: unresolved for %s, expected %s", text,
		    sd_unresolved_join(got, sd_unresolved_name, g, sizeof g),
		    sd_unresolved_join(want, sd_unresolved_name, e, sizeof e));
	sd_point_list_done(&l);
}

/* Each reason from a case that yields it, and only it: the limit cut
 * short (sines at 50 boxes), a degenerate point (cubic's and monkey's
 * 0), a kink (abs, sqrt at 0), a pole (log at 0), an overflow
 * (exp(200x) past x = 709.78/200), a window a few doubles wide, a
 * constant, and a formula longer than the search reads. */
static void
test_reasons(void **state)
{
	sd_window w3 = { -3, 3, -3, 3 }, w1 = { -1, 1, -1, 1 };
	sd_window w5 = { -5, 5, -5, 5 };
	sd_window narrow = { 1e4 - 1e-6, 1e4 + 1e-6, 1e4 - 1e-6, 1e4 + 1e-6 };

	(void)state;
	expect_why("sin(20*x)*sin(20*y)", w3, 50, BIT(BUDGET));
	expect_why("x^2+y^3", w3, 0, BIT(DEGENERATE));
	expect_why("x^3-3*x*y^2", w3, 0, BIT(DEGENERATE));
	expect_why("abs(x)+y^2", w3, 0, BIT(NOT_SMOOTH));
	expect_why("cos(sqrt(x^2+y^2))", w1, 0, BIT(NOT_SMOOTH));
	expect_why("log(x^2+y^2)+x^2", w3, 0, BIT(NOT_SMOOTH));
	expect_why("exp(200*x)*(y^2+1)-x", w5, 0, BIT(NOT_FINITE));
	expect_why("(x-1e4)^3 - 3*(x-1e4)*(y-1e4)^2", narrow, 0,
	    BIT(ROUNDING));
	expect_why("0*x+1", w3, 0, BIT(NO_SCALE));
}

/* The overflow ends on its own (43577 boxes, the boxes where exp(200x)
 * overflows kept at a 256th of the window; all 200000 before), its one
 * region past where exp(200x) leaves the doubles, and the minimum at
 * x = −log(200)/200 is found. */
static void
test_overflow(void **state)
{
	sd_window w = { -5, 5, -5, 5 };
	sd_point_list l;

	(void)state;
	why_of("exp(200*x)*(y^2+1)-x", w, 0, &l);
	assert_true(l.boxes > 0 && l.boxes < 60000);
	assert_int_equal(l.n_unresolved, 1);
	assert_true(l.unresolved[0].xmin > 3.5);
	assert_true(l.unresolved[0].xmin < log(0x1p1023) / 200);
	near(&l, -log(200) / 200, 0, 1e-12);
	sd_point_list_done(&l);
}

/* A chapter objective in three dimensions has no interval form. */
static void
test_no_interval(void **state)
{
	sd_objective *obj = test_objective_new("pca:d=3");
	sd_point_list l;

	(void)state;
	find(obj, NULL, &l);
	assert_int_equal(l.n_unresolved, 1);
	assert_int_equal(list_why(&l), BIT(NO_INTERVAL));
	sd_point_list_done(&l);
	sd_objective_free(obj);
}

/* The certified search of a formula on [−3, 3]², into *r. */
static sd_objective *
certify_expr(const char *text, sd_certify_result *r)
{
	sd_certify_options o = { 0, TEST_MS };
	sd_window w = { -3, 3, -3, 3 };
	char *cause = NULL;
	sd_chart chart;
	sd_objective *obj = expr_chart(text, &chart);

	assert_int_equal(sd_certify_run(obj, &chart, &w, &o, r, &cause), 0);
	sd_chart_done(&chart);
	return obj;
}

/* Every region is a continuum's, within the budget, not limited; each
 * shows three points on it, stationary (‖∇f‖ ≤ 1e-12), on the set
 * (on(x, y) ≤ 1e-9) and spread (each pair 0.5 or more apart). */
static void
check_continuum(const sd_objective *obj, const sd_certify_result *r,
    double (*on)(double, double))
{
	const sd_unresolved_why *y;
	double x[2];
	size_t i, j, k;

	assert_false(r->limited);
	assert_true(r->boxes > 0 && r->boxes <= TEST_CONTINUUM_BOXES);
	assert_true(r->n_regions > 0);
	for (i = 0; i < r->n_regions; i++) {
		y = &r->why[i];
		assert_int_equal(y->why, BIT(CONTINUUM));
		assert_int_equal(y->n_through, SD_UNRESOLVED_THROUGH);
		for (j = 0; j < y->n_through; j++) {
			x[0] = y->through[j][0];
			x[1] = y->through[j][1];
			assert_true(grad_norm(obj, x) <= 1e-12);
			assert_true(on(x[0], x[1]) <= 1e-9);
			assert_true(sd_windows_have(&r->regions[i], 1, x[0],
			    x[1]));
			for (k = 0; k < j; k++)
				assert_true(hypot(x[0] - y->through[k][0],
				    x[1] - y->through[k][1]) >= 0.5);
		}
	}
}

static double
on_circle(double x, double y)
{
	return fabs(hypot(x, y) - 1);
}

static double
on_axes(double x, double y)
{
	return fmin(fabs(x), fabs(y));
}

/* (x²+y²−1)²(x−0.3): ∇f = 0 on the unit circle, and off it where
 * y = 0 and 5x² − 1.2x − 1 = 0 (the line x = 0.3 is not stationary:
 * ∂f/∂x = (x²+y²−1)² there). The circle is one continuum; the two
 * isolated points, a minimum and a maximum, are proven. */
static void
test_circle(void **state)
{
	double want[2] = { (1.2 - sqrt(21.44)) / 10, (1.2 + sqrt(21.44)) / 10 };
	sd_certify_result r;
	sd_objective *obj;
	size_t i, j;

	(void)state;
	obj = certify_expr("(x^2+y^2-1)^2*(x-0.3)", &r);
	check_continuum(obj, &r, on_circle);
	assert_int_equal(r.n_regions, 1);
	assert_int_equal(r.n_roots, 2);
	for (i = 0; i < 2; i++) {
		for (j = 0; j < 2 && fabs(r.roots[i].a - want[j]) > 1e-12; j++)
			;
		assert_true(j < 2);
		assert_true(fabs(r.roots[i].b) <= 1e-12);
	}
	sd_certify_result_done(&r);
	sd_objective_free(obj);
}

/* x²y²: both axes are stationary (and nothing else): one region, the
 * continuum, and no root proven (none is isolated). */
static void
test_axes(void **state)
{
	sd_certify_result r;
	sd_objective *obj;

	(void)state;
	obj = certify_expr("x^2*y^2", &r);
	check_continuum(obj, &r, on_axes);
	assert_int_equal(r.n_roots, 0);
	sd_certify_result_done(&r);
	sd_objective_free(obj);
}

/* Each reason has its own word and phrase, and the table ends. */
static void
test_names(void **state)
{
	int k, j;

	(void)state;
	for (k = 0; k < SD_UNRESOLVED_COUNT; k++) {
		assert_non_null(sd_unresolved_name(k));
		assert_non_null(sd_unresolved_phrase(k));
		for (j = 0; j < k; j++)
			assert_string_not_equal(sd_unresolved_name(j),
			    sd_unresolved_name(k));
	}
	assert_null(sd_unresolved_name(SD_UNRESOLVED_COUNT));
	assert_null(sd_unresolved_phrase(-1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reasons),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_no_interval),
		cmocka_unit_test(test_circle),
		cmocka_unit_test(test_axes),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
