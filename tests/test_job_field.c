/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_job_field.c: the visualizer's field job (job.h) samples what the
 * core samples, and a zoom's job ends in the core's field bit for bit. The job evaluates through a forwarding objective, whose
 * slice hook wraps the real one; an objective whose type has the hook
 * but whose instance declines it (twolayer:ntk=1: the projections
 * evaluate the network, not its linearization) must fall back to f at
 * the lifted points, as a type without the hook does. Each sample is
 * compared with sd_chart_f at its chart point. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "landscape/chart.h"
#include "landscape/field.h"
#include "tui/job.h"

/* The job's field of spec over its default chart and window, every
 * sample against sd_chart_f to 1e-12 relative. */
static void
check_job_field(const char *spec)
{
	const size_t cols = 24, rows = 12;
	sd_objective *obj;
	sd_chart chart;
	sd_field field;
	char *cause = NULL;
	double a, b, want, got, sample_s = 0, *work;
	size_t i, j;
	job *jb;
	int rc;

	obj = sd_objective_new(spec, &cause);
	assert_non_null(obj);
	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	jb = job_field(obj, &chart, &chart.window, cols, rows, 4, NULL,
	    &cause);
	assert_non_null(jb);
	/* The coarse pass first, then the finished field (rc 2). */
	do {
		while (!job_wait(jb, 1000))
			continue;
		memset(&field, 0, sizeof field);
		rc = job_take_field(jb, &field, &sample_s, &cause);
		assert_true(rc >= 0);
		if (rc == 1)
			sd_field_done(&field);
	} while (rc != 2);
	job_free(jb);
	assert_int_equal(field.cols, cols);
	assert_int_equal(field.rows, rows);
	work = malloc(obj->dim * sizeof *work);
	assert_non_null(work);
	for (j = 0; j < rows; j++) {
		for (i = 0; i < cols; i++) {
			sd_field_coords(&field, i, j, &a, &b);
			want = sd_chart_f(&chart, obj, a, b, work);
			got = field.f[j * cols + i];
			assert_true(isfinite(got));
			assert_true(fabs(got - want) <= 1e-12 *
			    fmax(1, fabs(want)));
		}
	}
	free(work);
	sd_field_done(&field);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* A zoom's job on spec (issue 13): from the exact field of the default
 * window, the job for the window zoomed by z about (a, b) of it shows a
 * first pass that takes every old sample within the window over (all of
 * them for a zoom in), and ends in the field sd_field_update makes of
 * the new window, bit for bit (the frames draw it as `saddle render`
 * does). */
static void
check_job_zoom(const char *spec, double z, double fa, double fb)
{
	const size_t cols = 40, rows = 30;
	sd_objective *obj;
	sd_chart chart;
	sd_field from, exact, field;
	sd_window w, m;
	char *cause = NULL;
	double sample_s = 0, a, b;
	job *jb;
	int rc;

	obj = sd_objective_new(spec, &cause);
	assert_non_null(obj);
	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	w = chart.window;
	a = w.xmin + fa * (w.xmax - w.xmin);
	b = w.ymin + fb * (w.ymax - w.ymin);
	m.xmin = a + (w.xmin - a) / z;
	m.xmax = a + (w.xmax - a) / z;
	m.ymin = b + (w.ymin - b) / z;
	m.ymax = b + (w.ymax - b) / z;
	assert_int_equal(sd_field_init(&from, obj->dim, &cause), 0);
	assert_int_equal(sd_field_init(&exact, obj->dim, &cause), 0);
	assert_int_equal(sd_field_update(&from, obj, &chart, &w, cols, rows,
	    NULL, &cause), 0);
	assert_int_equal(sd_field_update(&exact, obj, &chart, &m, cols, rows,
	    NULL, &cause), 0);
	jb = job_field(obj, &chart, &m, cols, rows, 4, &from, &cause);
	assert_non_null(jb);
	/* A first pass or the end, whichever comes; rc 0: neither yet. */
	do {
		(void)job_wait_first(jb, 1000);
		memset(&field, 0, sizeof field);
		rc = job_take_field(jb, &field, &sample_s, &cause);
		assert_true(rc >= 0);
		if (rc == 1) {
			assert_true(field.coarse > 1);
			assert_true(field.kept > 0);
			if (z > 1)
				assert_int_equal(field.kept, cols * rows);
			sd_field_done(&field);
		}
	} while (rc != 2);
	job_free(jb);
	assert_int_equal(field.coarse, 1);
	assert_memory_equal(field.f, exact.f, cols * rows * sizeof *exact.f);
	sd_field_done(&field);
	sd_field_done(&exact);
	sd_field_done(&from);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Zooms in and out, on glm (the forwarding objective's slice) and on a
 * formula type without the hook. */
static void
test_zoom(void **state)
{
	(void)state;
	check_job_zoom("glm:n=3000", 1.5, 0.3, 0.6);
	check_job_zoom("glm:n=3000", 1 / 1.5, 0.3, 0.6);
	check_job_zoom("himmelblau", 1.5, 0.5, 0.5);
	check_job_zoom("himmelblau", 1 / 1.5, 0.7, 0.2);
}

/* A type with a slice hook that projects (glm). */
static void
test_glm(void **state)
{
	(void)state;
	check_job_field("glm");
}

/* The same type's hook declining for this instance (twolayer:ntk=1). */
static void
test_twolayer_ntk(void **state)
{
	(void)state;
	check_job_field("twolayer:ntk=1,k=8");
	check_job_field("glm:ntk=1,d=5");
}

/* A type without the hook (himmelblau). */
static void
test_himmelblau(void **state)
{
	(void)state;
	check_job_field("himmelblau");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_glm),
		cmocka_unit_test(test_twolayer_ntk),
		cmocka_unit_test(test_himmelblau),
		cmocka_unit_test(test_zoom),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
