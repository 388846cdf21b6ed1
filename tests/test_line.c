/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_line.c: f along a segment (landscape/line.h) on doublewell,
 * (x²−1)² + y², whose wells (±1, 0) have f = 0 and whose saddle, the
 * origin, has f = 1: the samples lie on the segment with its ends exact;
 * f between the wells is (x² − 1)² along y = 0; the saddle is passed at
 * t = 1/2 and a point off the segment or beyond its ends is not; ends are
 * read as chart coordinates, full coordinates and the finder's points,
 * and a bad end is named. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "landscape/chart.h"
#include "landscape/finder.h"
#include "landscape/line.h"
#include "objectives/objective.h"
#include "testutil.h"

/* doublewell and its default chart. */
static sd_objective *
doublewell(sd_chart *chart)
{
	sd_objective *obj;
	char *cause = NULL;

	obj = sd_objective_new("doublewell", &cause);
	assert_non_null(obj);
	assert_int_equal(sd_chart_init_default(chart, obj, &cause), 0);
	return obj;
}

static void
test_sample(void **state)
{
	const double p[2] = { -1, 0 }, q[2] = { 1, 0 };
	double t[9], f[9], x[18], want;
	sd_chart chart;
	sd_objective *obj = doublewell(&chart);
	char *cause = NULL;
	int k;

	(void)state;
	assert_int_equal(sd_line_sample(obj, p, q, 9, t, f, x, &cause), 0);
	for (k = 0; k < 9; k++) {
		assert_close(t[k], k / 8.0, 1e-15);
		assert_close(x[2 * k], -1 + 2 * t[k], 1e-15);
		assert_close(x[2 * k + 1], 0, 0);
		want = (x[2 * k] * x[2 * k] - 1) * (x[2 * k] * x[2 * k] - 1);
		assert_close(f[k], want, 1e-15);
	}
	assert_close(f[4], 1, 0);	/* the saddle */
	assert_close(x[16], 1, 0);	/* the end exactly */
	assert_int_equal(sd_line_sample(obj, p, q, 1, t, f, x, &cause), -1);
	assert_non_null(cause);
	free(cause);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

static void
test_passes(void **state)
{
	const double p[2] = { -1, 0 }, q[2] = { 1, 0 }, far[2] = { 3, 0 };
	double at[2] = { 0, 0 };
	sd_point point = { .x = at };

	(void)state;
	assert_close(sd_line_passes(p, q, 2, &point, 1e-3), 0.5,
	    1e-15);
	at[1] = 0.1;	/* beside the segment */
	assert_true(isnan(sd_line_passes(p, q, 2, &point, 1e-3)));
	at[0] = 2;
	at[1] = 0;	/* on the line, beyond q */
	assert_true(isnan(sd_line_passes(p, q, 2, &point, 1e-3)));
	assert_close(sd_line_passes(p, far, 2, &point, 1e-3), 0.75,
	    1e-15);
	assert_true(isnan(sd_line_passes(p, p, 2, &point, 1e-3)));
}

static void
test_points(void **state)
{
	sd_chart chart;
	sd_objective *obj = doublewell(&chart);
	sd_point_list list;
	char *cause = NULL;
	double x[2];

	(void)state;
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL,
	    &list, &cause), 0);
	assert_int_equal(sd_line_point("0.5,-2", obj, &chart, NULL, x, "P",
	    &cause), 0);
	assert_close(x[0], 0.5, 0);
	assert_close(x[1], -2, 0);
	assert_int_equal(sd_line_point("saddle:1", obj, &chart, &list, x, "P",
	    &cause), 0);
	assert_close(x[0], 0, 1e-9);
	assert_close(x[1], 0, 1e-9);
	assert_int_equal(sd_line_point("min:2", obj, &chart, &list, x, "P",
	    &cause), 0);
	assert_close(fabs(x[0]), 1, 1e-9);
	assert_true(sd_line_names_point("min:1"));
	assert_false(sd_line_names_point("1,2"));
	assert_int_equal(sd_line_point("min:3", obj, &chart, &list, x, "P",
	    &cause), -1);
	assert_non_null(strstr(cause, "'min:3'"));
	free(cause);
	cause = NULL;
	assert_int_equal(sd_line_point("1,2,3", obj, &chart, &list, x, "P",
	    &cause), -1);
	assert_non_null(strstr(cause, "'1,2,3'"));
	free(cause);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_passes),
		cmocka_unit_test(test_points),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
