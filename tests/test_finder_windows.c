/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_windows.c: the stationary-point finder on hard windows: a
 * point on a window's edge, values that overflow, and flat regions that
 * must give no spurious points. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "finder_util.h"

/* ---- hard windows ------------------------------------------------------- */

/* The window [a0, a1] × [b0, b1]. */
static sd_window
win(double a0, double a1, double b0, double b1)
{
	sd_window w = { a0, a1, b0, b1 };

	return w;
}

/* How many points doublewell has in w. */
static size_t
doublewell_in(double a0, double a1, double b0, double b1)
{
	sd_objective *obj = test_objective_new("doublewell");
	sd_window w = win(a0, a1, b0, b1);
	sd_point_list list;
	size_t n;

	find(obj, &w, &list);
	n = list.n;
	sd_point_list_done(&list);
	sd_objective_free(obj);
	return n;
}

/* The window is closed: a point on an edge or a hair inside is found, one
 * outside by a resolvable margin is not, on each of the four edges. */
static void
test_window_edge(void **state)
{
	(void)state;
	assert_int_equal(doublewell_in(0.999999999, 2, -1, 1), 1);
	assert_int_equal(doublewell_in(1, 2, -1, 1), 1);
	assert_int_equal(doublewell_in(1.000001, 2, -1, 1), 0);
	assert_int_equal(doublewell_in(-2, -0.999999999, -1, 1), 1);
	assert_int_equal(doublewell_in(-2, -1.000001, -1, 1), 0);
	/* (−1, 0), (0, 0), (1, 0) on the bottom and the top edge. */
	assert_int_equal(doublewell_in(-2, 2, 0, 1), 3);
	assert_int_equal(doublewell_in(-2, 2, -1e-9, 1), 3);
	assert_int_equal(doublewell_in(-2, 2, 1e-6, 1), 0);
	assert_int_equal(doublewell_in(-2, 2, -1, 0), 3);
	assert_int_equal(doublewell_in(-2, 2, -1, -1e-6), 0);
	/* The saddle at a corner. */
	assert_int_equal(doublewell_in(0, 0.5, 0, 0.5), 1);
	assert_int_equal(doublewell_in(1e-6, 0.5, 1e-6, 0.5), 0);
}

/* Where f overflows (±1e200, ±1e308): no failure, finite values, and only
 * genuine stationary points. */
static void
test_overflow(void **state)
{
	static const char *const names[] = { "rosenbrock", "himmelblau",
	    "beale", "camel6", "rastrigin", NULL };
	static const double sizes[] = { 1e200, 1e308 };
	sd_point_list list;
	sd_objective *obj;
	sd_chart chart;
	sd_window w;
	size_t i, k, j;
	char *cause = NULL;

	(void)state;
	for (i = 0; names[i] != NULL; i++) {
		for (k = 0; k < 2; k++) {
			obj = test_objective_new(names[i]);
			w = win(-sizes[k], sizes[k], -sizes[k], sizes[k]);
			assert_int_equal(sd_chart_init_default(&chart, obj,
			    &cause), 0);
			find_chart(obj, &chart, &w, &list);
			check_list(obj, &chart, &w, &list, 1e-9);
			/* Every stationary point of these has |f| < 1e4 (the
			 * largest: rastrigin's, |x_i| ≤ 10π, f < 2100), so a
			 * point out there is an artefact of overflow. */
			for (j = 0; j < list.n; j++)
				assert_true(fabs(list.points[j].f) < 1e4);
			if (strcmp(names[i], "rosenbrock") == 0 && list.n > 0) {
				assert_int_equal(list.n, 1);
				near(&list, 1, 1, 1e-12);
			}
			sd_point_list_done(&list);
			sd_chart_done(&chart);
			sd_objective_free(obj);
		}
	}
}

/* A Gaussian bump −exp(−‖x‖²/2): one minimum at 0, and far out a slope
 * that flattens until f and ∇f underflow to 0 (a plateau). */
static double
bump_f(const void *s, const double *x)
{
	(void)s;
	return -exp(-(x[0] * x[0] + x[1] * x[1]) / 2);
}

static void
bump_grad(const void *s, const double *x, double *g)
{
	double e = -bump_f(s, x);

	g[0] = x[0] * e;
	g[1] = x[1] * e;
}

static void
bump_hess(const void *s, const double *x, double *h)
{
	double e = -bump_f(s, x);

	h[0] = (1 - x[0] * x[0]) * e;
	h[1] = h[2] = -x[0] * x[1] * e;
	h[3] = (1 - x[1] * x[1]) * e;
}

static const sd_objective_type bump_type = {
	.name = "bump", .summary = "test", .formula = "-exp(-|x|²/2)",
	.dim = 2, .window = { -3, 3, -3, 3 },
	.f = bump_f, .grad = bump_grad, .hess = bump_hess,
};

/* Flat regions give no spurious points: the saddle and doublewell far out,
 * the bump's flattening slope and its underflowed plateau; the bump's
 * minimum is still found where it is. */
static void
test_flat(void **state)
{
	sd_objective *obj;
	sd_point_list list;
	sd_window w;

	(void)state;
	assert_int_equal(doublewell_in(50, 60, 50, 60), 0);
	assert_int_equal(doublewell_in(1e6, 1e6 + 1, -1, 1), 0);
	obj = test_objective_new("saddle");
	w = win(100, 101, -1e-3, 1e-3);
	find(obj, &w, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	sd_objective_free(obj);

	obj = make_type(&bump_type);
	w = win(4, 9, 4, 9);
	find(obj, &w, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	w = win(30, 60, -10, 10);	/* f = −0: an exact plateau */
	find(obj, &w, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	w = win(-3, 40, -3, 40);
	find(obj, &w, &list);
	assert_int_equal(list.n, 1);
	assert_int_equal(near(&list, 0, 0, 1e-12)->kind, SD_POINT_MIN);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_edge),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_flat),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
