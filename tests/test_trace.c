/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_trace.c: a run's record (optimizers/trace.h), which `saddle run`
 * and the visualizer's racers share: every iterate as the optimizer took
 * it, past the first growth of the arrays; each stop reason (steps,
 * converged with iterate 0 included, singular, diverged with the last
 * finite iterate kept); the monitor's events in order; clearing for a new
 * run; the stop reasons' names. */
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
#include "optimizers/monitor.h"
#include "optimizers/trace.h"
#include "optimizer_util.h"
#include "testutil.h"

/* 1000 steps of gd on himmelblau: 1001 iterates (the arrays grow past
 * their first 256), each the very bits of an optimizer stepped alone. */
static void
test_every_iterate(void **unused)
{
	const double x0[2] = { -2.25, 3.75 };
	sd_objective *obj = objective("himmelblau");
	sd_optimizer *run = optimizer("gd", obj, NULL, x0, 1);
	sd_optimizer *alone = optimizer("gd", obj, NULL, x0, 1);
	sd_trace t;
	size_t i;

	(void)unused;
	sd_trace_init(&t, 2);
	assert_int_equal(sd_trace_run(&t, run, NULL, 1000, 0, NULL), 0);
	assert_int_equal(t.stop, SD_STOP_STEPS);
	assert_int_equal(t.n, 1001);
	assert_int_equal(t.n_events, 0);
	for (i = 0; i < t.n; i++) {
		if (i > 0)
			step_ok(alone);
		assert_memory_equal(t.x + 2 * i, alone->x, 2 * sizeof *t.x);
		assert_true(t.f[i] == alone->f);
		assert_true(t.grad_norm[i] == sd_optimizer_grad_norm(alone));
	}
	sd_trace_done(&t);
	sd_optimizer_free(alone);
	sd_optimizer_free(run);
	sd_objective_free(obj);
}

/* newton reaches the stationary point of a quadratic (saddle's x² − y²)
 * in one step; started there, iterate 0 already converges and is the
 * only one. */
static void
test_converged(void **unused)
{
	const double x0[2] = { 1, -1 }, at_min[2] = { 0, 0 };
	sd_objective *obj = objective("saddle");
	sd_optimizer *opt;
	sd_trace t;

	(void)unused;
	opt = optimizer("newton", obj, NULL, x0, 1);
	sd_trace_init(&t, 2);
	assert_int_equal(sd_trace_run(&t, opt, NULL, 50, 1e-9, NULL), 0);
	assert_int_equal(t.stop, SD_STOP_CONVERGED);
	assert_int_equal(t.n, 2);
	assert_true(t.grad_norm[1] < 1e-9 && !(t.grad_norm[0] < 1e-9));
	sd_optimizer_free(opt);

	opt = optimizer("gd", obj, NULL, at_min, 1);
	assert_int_equal(sd_trace_run(&t, opt, NULL, 50, 1e-9, NULL), 0);
	assert_int_equal(t.stop, SD_STOP_CONVERGED);
	assert_int_equal(t.n, 1);
	assert_true(t.grad_norm[0] == 0);
	sd_trace_done(&t);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* newton on x² + 0·y (a formula whose Hessian is singular everywhere)
 * takes no step: one iterate, stopped as singular, the status handed
 * back by sd_trace_step. */
static void
test_singular(void **unused)
{
	const double x0[2] = { 1, 1 };
	sd_objective *obj = sd_objective_new_expr("x^2 + 0*y", NULL);
	sd_optimizer *opt;
	sd_step_status st = SD_STEP_OK;
	sd_trace t;

	(void)unused;
	assert_non_null(obj);
	opt = optimizer("newton", obj, NULL, x0, 1);
	sd_trace_init(&t, 2);
	assert_int_equal(sd_trace_start(&t, opt, NULL, NULL), 0);
	assert_int_equal(sd_trace_step(&t, opt, NULL, &st, NULL), 0);
	assert_int_equal(st, SD_STEP_SINGULAR);
	assert_int_equal(t.stop, SD_STOP_SINGULAR);
	assert_int_equal(t.n, 1);
	sd_trace_done(&t);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* gd with a unit step on x⁴ + y²: the iterate overflows, the run stops
 * as diverged, and every recorded iterate is finite. */
static void
test_diverged(void **unused)
{
	const double x0[2] = { 1, 0 };
	sd_objective *obj = sd_objective_new_expr("x^4 + y^2", NULL);
	sd_optimizer *opt;
	sd_trace t;
	size_t i;

	(void)unused;
	assert_non_null(obj);
	opt = optimizer("gd", obj, "lr=1", x0, 1);
	sd_trace_init(&t, 2);
	assert_int_equal(sd_trace_run(&t, opt, NULL, 100, 0, NULL), 0);
	assert_int_equal(t.stop, SD_STOP_DIVERGED);
	assert_true(t.n >= 1 && t.n < 101);
	for (i = 0; i < t.n; i++)
		assert_true(isfinite(t.x[2 * i]) && isfinite(t.f[i]));
	sd_trace_done(&t);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* gd on doublewell from its stable manifold x = 0 walks into the saddle
 * at the origin: the monitor's enter-saddle event is in the trace, once,
 * at the iterate it happened at. Clearing forgets iterates and events. */
static void
test_events_and_clear(void **unused)
{
	const double x0[2] = { 0, 1.5 };
	sd_objective *obj = objective("doublewell");
	sd_optimizer *opt = optimizer("gd", obj, NULL, x0, 1);
	sd_point_list pts;
	sd_monitor mon;
	sd_chart chart;
	sd_trace t;
	size_t i, enters = 0;

	(void)unused;
	assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &pts,
	    NULL), 0);
	assert_int_equal(sd_monitor_init(&mon, &pts, &chart, &chart.window,
	    1e-8, NULL), 0);
	sd_trace_init(&t, 2);
	assert_int_equal(sd_trace_run(&t, opt, &mon, 400, 0, NULL), 0);
	for (i = 0; i < t.n_events; i++) {
		if (t.events[i].kind != SD_EVENT_ENTER_SADDLE)
			continue;
		enters++;
		assert_true(t.events[i].iter > 0 && t.events[i].iter < t.n);
		assert_close(t.events[i].a, 0, 1e-9);
		assert_close(t.events[i].b, 0, 1e-9);
	}
	assert_int_equal(enters, 1);
	sd_trace_clear(&t);
	assert_int_equal(t.n, 0);
	assert_int_equal(t.n_events, 0);
	assert_int_equal(t.stop, SD_STOP_NONE);
	sd_trace_done(&t);
	sd_monitor_done(&mon);
	sd_point_list_done(&pts);
	sd_chart_done(&chart);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* The JSON's stop_reason words, and "?" out of range. */
static void
test_names(void **unused)
{
	(void)unused;
	assert_string_equal(sd_stop_reason_name(SD_STOP_NONE), "");
	assert_string_equal(sd_stop_reason_name(SD_STOP_STEPS), "steps");
	assert_string_equal(sd_stop_reason_name(SD_STOP_CONVERGED),
	    "converged");
	assert_string_equal(sd_stop_reason_name(SD_STOP_DIVERGED),
	    "diverged");
	assert_string_equal(sd_stop_reason_name(SD_STOP_SINGULAR),
	    "singular");
	assert_string_equal(sd_stop_reason_name(SD_STOP_STUCK), "stuck");
	assert_string_equal(sd_stop_reason_name((sd_stop_reason)99), "?");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_iterate),
		cmocka_unit_test(test_converged),
		cmocka_unit_test(test_singular),
		cmocka_unit_test(test_diverged),
		cmocka_unit_test(test_events_and_clear),
		cmocka_unit_test(test_names),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
