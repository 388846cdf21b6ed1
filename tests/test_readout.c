/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_readout.c: the cursor's readings the panel shows (readout.h): f,
 * ‖∇f‖, the extreme eigenvalues and the shape at known points, the
 * tangent spectrum on a sphere, nothing where f is undefined; and the
 * view keeps them up to date with the cursor and the chart. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "expr/expr.h"
#include "tui/readout.h"
#include "tui/view.h"
#include "testutil.h"

/* A view of spec (a formula when expr is 1) over its default window. */
static void
view_of(view *v, const char *spec, int expr)
{
	char *cause = NULL;
	sd_objective *obj;

	obj = expr ? sd_objective_new_expr(spec, &cause) :
	    sd_objective_new(spec, &cause);
	if (obj == NULL)
		fail_msg("%s: %s", spec, cause);
	assert_int_equal(view_init(v, obj, NULL, NULL), 0);
}

/* x² − 3y² at (1, 1): f = −2, ∇f = (2, −6), eigenvalues −6 and 2. */
static void
test_saddle_shape(void **unused)
{
	readout r;
	view v;

	(void)unused;
	view_of(&v, "x^2 - 3*y^2", 1);
	assert_int_equal(readout_update(&r, v.obj, &v.chart, 1, 1), 0);
	assert_true(r.valid && r.a == 1 && r.b == 1);
	assert_close(r.f, -2, 1e-15);
	assert_close(r.grad_norm, sqrt(40), 1e-14);
	assert_true(r.has_eigen);
	assert_int_equal(r.n_eigen, 2);
	assert_close(r.lambda_min, -6, 1e-14);
	assert_close(r.lambda_max, 2, 1e-14);
	assert_int_equal(r.shape, READOUT_SADDLE);
	view_done(&v);
}

/* The shapes of a bowl, a dome and a valley (x²: flat along y). */
static void
test_shapes(void **unused)
{
	static const struct {
		const char	*formula;
		readout_shape	 shape;
	} cases[] = {
		{ "x^2 + y^2", READOUT_CONVEX },
		{ "-x^2 - 2*y^2", READOUT_CONCAVE },
		{ "x^2", READOUT_FLAT },
	};
	readout r;
	size_t i;
	view v;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		view_of(&v, cases[i].formula, 1);
		assert_int_equal(readout_update(&r, v.obj, &v.chart, 0.5,
		    -0.25), 0);
		assert_true(r.has_eigen);
		assert_int_equal(r.shape, cases[i].shape);
		view_done(&v);
	}
}

/* Where f is undefined there are f and ‖∇f‖ (NaN) but no eigenvalues. */
static void
test_undefined(void **unused)
{
	readout r;
	view v;

	(void)unused;
	view_of(&v, "log(x)", 1);
	assert_int_equal(readout_update(&r, v.obj, &v.chart, -1, 0), 0);
	assert_true(r.valid);
	assert_true(isnan(r.f));
	assert_false(r.has_eigen);
	view_done(&v);
}

/* On the tensor's sphere, at its minimum e_1, the d − 1 = 2 tangent
 * eigenvalues the finder reports there. */
static void
test_sphere_matches_finder(void **unused)
{
	double a, b, off;
	sd_point pt;
	readout r;
	view v;

	(void)unused;
	view_of(&v, "tensor", 0);
	{
		double x[3] = { 1, 0, 0 };

		sd_chart_project(&v.chart, x, &a, &b, &off);
		assert_int_equal(sd_finder_classify(v.obj, x, &pt, NULL), 0);
	}
	assert_int_equal(readout_update(&r, v.obj, &v.chart, a, b), 0);
	assert_true(r.has_eigen);
	assert_int_equal(r.n_eigen, pt.n_eigen);
	assert_int_equal(r.n_eigen, 2);
	assert_close(r.lambda_min, pt.eigen[0], 1e-12);
	assert_close(r.lambda_max, pt.eigen[1], 1e-12);
	assert_int_equal(r.shape, READOUT_CONVEX);
	sd_point_done(&pt);
	view_done(&v);
}

/* The view's readings follow the cursor and a new chart. */
static void
test_view_follows(void **unused)
{
	double x[2];
	view v;

	(void)unused;
	view_of(&v, "x^2 + 2*y", 1);
	assert_false(v.cursor.valid);
	v.cur_a = 1;
	v.cur_b = 0;
	view_refresh_cursor(&v);
	assert_true(v.cursor.valid);
	assert_close(v.cursor.f, 1, 1e-15);
	v.cur_a = 2;
	view_refresh_cursor(&v);
	assert_close(v.cursor.f, 4, 1e-15);
	assert_int_equal(view_choose_chart(&v, "random:3", NULL, NULL), 0);
	assert_false(v.cursor.valid);
	view_refresh_cursor(&v);
	assert_true(v.cursor.valid);
	assert_true(v.cursor.a == v.cur_a && v.cursor.b == v.cur_b);
	sd_chart_lift(&v.chart, v.cur_a, v.cur_b, x);
	assert_true(v.cursor.f == x[0] * x[0] + 2 * x[1]);
	view_done(&v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_saddle_shape),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_undefined),
		cmocka_unit_test(test_sphere_matches_finder),
		cmocka_unit_test(test_view_follows),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
