/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_job_points.c: the visualizer's points job (job.h) lists what
 * `saddle points` lists. The job evaluates through a forwarding
 * objective whose slice wraps the real one, fgh and grad_grid too (the
 * finder's search through the slice, finder_plane.c): the same points,
 * bit for bit, on objectives that search through the slice (pca:d=60,
 * glm, glm:d=20) and one that does not (himmelblau). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "tui/job.h"

/* The job's points of spec over its default chart and window against
 * sd_finder_run's. */
static void
check_job_points(const char *spec, size_t n)
{
	sd_point_list want, got;
	sd_objective *obj;
	sd_chart chart;
	char *cause = NULL;
	size_t i;
	job *jb;

	obj = sd_objective_new(spec, &cause);
	assert_non_null(obj);
	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL,
	    &want, &cause), 0);
	jb = job_points(obj, &chart, &chart.window, NULL, &cause);
	assert_non_null(jb);
	while (!job_wait(jb, 1000))
		continue;
	assert_int_equal(job_take_points(jb, &got, &cause), 0);
	job_free(jb);
	assert_int_equal(want.n, n);
	assert_int_equal(got.n, want.n);
	for (i = 0; i < want.n; i++) {
		assert_int_equal(got.points[i].kind, want.points[i].kind);
		assert_memory_equal(got.points[i].x, want.points[i].x,
		    want.dim * sizeof *want.points[i].x);
		assert_true(got.points[i].f == want.points[i].f);
	}
	sd_point_list_done(&want);
	sd_point_list_done(&got);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

static void
test_through_slice(void **state)
{
	(void)state;
	check_job_points("pca:d=60,seed=1", 5);
	check_job_points("glm", 1);
	check_job_points("glm:d=20,n=300", 1);
	/* From d = 50 the finder classifies by Lanczos through the Hessian
	 * prepared at the point (hvp_prepare): the job's forwards it. */
	check_job_points("glm:d=60,n=2000", 1);
	check_job_points("twolayer:k=8,m=8,n=300", 3);
}

static void
test_without_slice(void **state)
{
	(void)state;
	check_job_points("himmelblau", 9);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_through_slice),
		cmocka_unit_test(test_without_slice),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
