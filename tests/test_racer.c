/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_racer.c: one optimizer racing across the view, without a view: it
 * starts with one iterate, every step adds one (and gradient descent goes
 * downhill), a restart begins a new trace, a run started at a minimum has
 * converged, a watched run reports the saddle it passes (on doublewell
 * (x²−1)² + y², gd from just beside the stable manifold x = 0 enters the
 * saddle at the origin), and bad input is refused with the word named. */
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
#include "landscape/chart.h"
#include "landscape/finder.h"
#include "testutil.h"
#include "tui/racer.h"

/* doublewell with its default chart, its stationary points and a racer
 * of method name. */
struct scene {
	sd_objective	*obj;
	sd_chart	 chart;
	sd_point_list	 points;
	racer		*r;
};

static void
scene_open(struct scene *s, const char *name, const char *set)
{
	char *cause = NULL;

	memset(s, 0, sizeof *s);
	s->obj = test_objective_new("doublewell");
	if (sd_chart_init_default(&s->chart, s->obj, &cause) != 0 ||
	    sd_finder_run(s->obj, &s->chart, &s->chart.window, NULL,
	    &s->points, &cause) != 0 ||
	    (s->r = racer_new(sd_optimizer_lookup(name), s->obj, set,
	    NULL, &cause)) == NULL)
		fail_msg("%s: %s", name, cause);
}

static void
scene_close(struct scene *s)
{
	racer_free(s->r);
	sd_point_list_done(&s->points);
	sd_chart_done(&s->chart);
	sd_objective_free(s->obj);
}

/* A start records iterate 0 where it was asked; each step records one
 * more, lower on doublewell, and the last iterate is the optimizer's. */
static void
test_steps_grow_the_trace(void **unused)
{
	struct scene s;
	char *cause = NULL;
	double a, b;
	size_t i;

	(void)unused;
	scene_open(&s, "gd", NULL);
	assert_int_equal(s.r->trace.n, 0);
	assert_int_equal(racer_step(s.r), 0);	/* not started: no step */
	assert_int_equal(racer_start(s.r, &s.chart, 0.5, 0.5, 1, &cause), 0);
	assert_int_equal(s.r->trace.n, 1);
	assert_int_equal(s.r->trace.stop, SD_STOP_NONE);
	racer_at(s.r, &s.chart, 0, &a, &b);
	assert_close(a, 0.5, 1e-15);
	assert_close(b, 0.5, 1e-15);
	for (i = 1; i <= 10; i++) {
		assert_int_equal(racer_step(s.r), 1);
		assert_int_equal(s.r->trace.n, i + 1);
		assert_true(s.r->trace.f[i] < s.r->trace.f[i - 1]);
	}
	assert_int_equal(s.r->opt->iter, 10);
	racer_at(s.r, &s.chart, 10, &a, &b);
	assert_close(a, s.r->opt->x[0], 1e-15);
	assert_close(b, s.r->opt->x[1], 1e-15);
	scene_close(&s);
}

/* A restart forgets the old run: one iterate, at the new start, step 0;
 * a restart from one of its own iterates (copied first) starts there. */
static void
test_restart(void **unused)
{
	struct scene s;
	char *cause = NULL;
	double a, b, x5[2];

	(void)unused;
	scene_open(&s, "gd", NULL);
	assert_int_equal(racer_start(s.r, &s.chart, 0.5, 0.5, 1, &cause), 0);
	while (s.r->trace.n < 8)
		assert_int_equal(racer_step(s.r), 1);
	assert_int_equal(racer_start(s.r, &s.chart, -0.5, 0.25, 1, &cause),
	    0);
	assert_int_equal(s.r->trace.n, 1);
	assert_int_equal(s.r->opt->iter, 0);
	racer_at(s.r, &s.chart, 0, &a, &b);
	assert_close(a, -0.5, 1e-15);
	assert_close(b, 0.25, 1e-15);
	while (s.r->trace.n < 8)
		assert_int_equal(racer_step(s.r), 1);
	memcpy(x5, s.r->trace.x + 5 * s.r->trace.dim, sizeof x5);
	assert_int_equal(racer_start_x(s.r, s.r->trace.x + 5 *
	    s.r->trace.dim, 1, &cause), 0);
	assert_int_equal(s.r->trace.n, 1);
	assert_close(s.r->trace.x[0], x5[0], 0);
	assert_close(s.r->trace.x[1], x5[1], 0);
	assert_int_equal(racer_step(s.r), 1);
	assert_int_equal(s.r->trace.n, 2);
	scene_close(&s);
}

/* Watched with a tolerance, a run started at the minimum (1, 0) has
 * converged before its first step, and takes none. */
static void
test_converged_at_a_minimum(void **unused)
{
	struct scene s;
	char *cause = NULL;

	(void)unused;
	scene_open(&s, "gd", NULL);
	assert_int_equal(racer_watch(s.r, &s.points, &s.chart,
	    &s.chart.window, 1e-6, &cause), 0);
	assert_int_equal(racer_start(s.r, &s.chart, 1, 0, 1, &cause), 0);
	assert_int_equal(s.r->trace.stop, SD_STOP_CONVERGED);
	assert_int_equal(racer_step(s.r), 0);
	assert_int_equal(s.r->trace.n, 1);
	/* Elsewhere it runs. */
	assert_int_equal(racer_start(s.r, &s.chart, 0.5, 0.5, 1, &cause), 0);
	assert_int_equal(s.r->trace.stop, SD_STOP_NONE);
	assert_int_equal(racer_step(s.r), 1);
	scene_close(&s);
}

/* Steps of gd from (0.001, 0.3), beside the saddle's stable manifold, in
 * the number the TUI test takes. */
static void
run_beside_the_manifold(struct scene *s)
{
	char *cause = NULL;

	assert_int_equal(racer_start(s->r, &s->chart, 0.001, 0.3, 1, &cause),
	    0);
	while (s->r->opt->iter < 100 && racer_step(s->r))
		continue;
}

/* Watched, the run reports entering the saddle at the origin; after
 * racer_unwatch the same run reports nothing. */
static void
test_watched_events(void **unused)
{
	struct scene s;
	char *cause = NULL;
	size_t i, entered = 0;

	(void)unused;
	scene_open(&s, "gd", NULL);
	assert_int_equal(racer_watch(s.r, &s.points, &s.chart,
	    &s.chart.window, 1e-6, &cause), 0);
	run_beside_the_manifold(&s);
	for (i = 0; i < s.r->trace.n_events; i++) {
		if (s.r->trace.events[i].kind != SD_EVENT_ENTER_SADDLE)
			continue;
		entered++;
		assert_close(s.r->trace.events[i].a, 0, 1e-6);
		assert_close(s.r->trace.events[i].b, 0, 1e-6);
	}
	assert_int_equal(entered, 1);
	racer_unwatch(s.r);
	run_beside_the_manifold(&s);
	assert_int_equal(s.r->trace.n_events, 0);
	assert_int_equal(s.r->trace.n, 101);
	scene_close(&s);
}

/* Parameters given at creation are the racer's, and shown as k=v; an
 * unknown key is refused and named. */
static void
test_params(void **unused)
{
	struct scene s;
	char buf[64], *cause = NULL;
	sd_objective *obj = test_objective_new("doublewell");

	(void)unused;
	scene_open(&s, "momentum", "lr=0.01,beta=0.5");
	racer_params(s.r, buf, sizeof buf);
	assert_string_equal(buf, "lr=0.01 beta=0.5");
	assert_string_equal(s.r->set, "lr=0.01,beta=0.5");
	scene_close(&s);
	assert_null(racer_new(sd_optimizer_lookup("gd"), obj, "nope=1",
	    NULL, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "nope"));
	free(cause);
	sd_objective_free(obj);
}

/* A start where f is not finite fails and leaves the run diverged, with
 * nothing to step. */
static void
test_start_not_finite(void **unused)
{
	sd_objective *obj;
	sd_chart chart;
	char *cause = NULL;
	racer *r;

	(void)unused;
	if ((obj = sd_objective_new_expr("log(x) + y^2", &cause)) == NULL ||
	    sd_chart_init_default(&chart, obj, &cause) != 0)
		fail_msg("%s", cause);
	assert_non_null(r = racer_new(sd_optimizer_lookup("gd"), obj, NULL,
	    NULL, &cause));
	assert_int_equal(racer_start(r, &chart, -1, 0, 1, &cause), -1);
	free(cause);
	assert_int_equal(r->trace.stop, SD_STOP_DIVERGED);
	assert_int_equal(racer_step(r), 0);
	cause = NULL;
	assert_int_equal(racer_start(r, &chart, 1, 0, 1, &cause), 0);
	assert_int_equal(r->trace.stop, SD_STOP_NONE);
	assert_int_equal(racer_step(r), 1);
	racer_free(r);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_grow_the_trace),
		cmocka_unit_test(test_restart),
		cmocka_unit_test(test_converged_at_a_minimum),
		cmocka_unit_test(test_watched_events),
		cmocka_unit_test(test_params),
		cmocka_unit_test(test_start_not_finite),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
