/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_trace.c: a run's record (optimizers/trace.h), which `saddle run`
 * and the visualizer's racers share: every iterate as the optimizer took
 * it, past the first growth of the arrays; each stop reason (steps,
 * converged with iterate 0 included, singular, diverged with the last
 * finite iterate kept); the monitor's events in order; sd_trace_run the
 * same, bit for bit, as sd_trace_step step by step; clearing for a new
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

/* sd_trace_run as sd_trace_step made it, step by step (what it did
 * before it stepped through sd_optimizer_advance). */
static void
trace_by_steps(sd_trace *t, sd_optimizer *opt, sd_monitor *mon,
    size_t steps, double tol)
{
	assert_int_equal(sd_trace_start(t, opt, mon, NULL), 0);
	while (t->stop == SD_STOP_NONE) {
		if (tol > 0 && sd_optimizer_test_gradient(opt, tol))
			t->stop = SD_STOP_CONVERGED;
		else if (opt->iter >= steps)
			t->stop = SD_STOP_STEPS;
		else
			assert_int_equal(sd_trace_step(t, opt, mon, NULL,
			    NULL), 0);
	}
}

/* One run both ways, with monitors of tol mon_tol: the same iterates,
 * events and stop, bit for bit; returns how many events. */
static size_t
run_both_ways(const char *spec, const char *method, const char *set,
    double a, double b, size_t steps, double tol, double mon_tol)
{
	const double x0[2] = { a, b };
	sd_objective *obj = objective(spec);
	sd_optimizer *o1 = optimizer(method, obj, set, x0, 3);
	sd_optimizer *o2 = optimizer(method, obj, set, x0, 3);
	sd_monitor m1, m2;
	sd_point_list pts;
	sd_chart chart;
	sd_trace t1, t2;
	size_t i, n;

	assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &pts,
	    NULL), 0);
	assert_int_equal(sd_monitor_init(&m1, &pts, &chart, &chart.window,
	    mon_tol, NULL), 0);
	assert_int_equal(sd_monitor_init(&m2, &pts, &chart, &chart.window,
	    mon_tol, NULL), 0);
	sd_trace_init(&t1, 2);
	sd_trace_init(&t2, 2);
	assert_int_equal(sd_trace_run(&t1, o1, &m1, steps, tol, NULL), 0);
	trace_by_steps(&t2, o2, &m2, steps, tol);
	assert_int_equal(t1.stop, t2.stop);
	assert_int_equal(t1.n, t2.n);
	assert_memory_equal(t1.x, t2.x, 2 * t1.n * sizeof *t1.x);
	assert_memory_equal(t1.f, t2.f, t1.n * sizeof *t1.f);
	assert_memory_equal(t1.grad_norm, t2.grad_norm,
	    t1.n * sizeof *t1.grad_norm);
	assert_int_equal(t1.n_events, t2.n_events);
	for (i = 0; i < t1.n_events; i++) {
		assert_int_equal(t1.events[i].kind, t2.events[i].kind);
		assert_int_equal(t1.events[i].iter, t2.events[i].iter);
		assert_int_equal(t1.events[i].steps, t2.events[i].steps);
		assert_int_equal(t1.events[i].point, t2.events[i].point);
		assert_int_equal(t1.events[i].point_kind,
		    t2.events[i].point_kind);
		assert_memory_equal(&t1.events[i].a, &t2.events[i].a,
		    sizeof t1.events[i].a);
		assert_memory_equal(&t1.events[i].b, &t2.events[i].b,
		    sizeof t1.events[i].b);
	}
	n = t1.n_events;
	sd_trace_done(&t1);
	sd_trace_done(&t2);
	sd_monitor_done(&m1);
	sd_monitor_done(&m2);
	sd_point_list_done(&pts);
	sd_chart_done(&chart);
	sd_optimizer_free(o1);
	sd_optimizer_free(o2);
	sd_objective_free(obj);
	return n;
}

/* sd_trace_run skips the monitor only where it would report nothing:
 * runs through saddles' neighbourhoods (enter and escape events), a
 * monitor whose tol is above the run's (it reports convergence and the
 * run goes on) or below it, divergence, and the register loop of gd on
 * himmelblau beside the generic one (beale) give the trace of single
 * steps, bit for bit. */
static void
test_run_as_steps(void **unused)
{
	(void)unused;
	assert_true(run_both_ways("doublewell", "gd", NULL, 0, 1.5, 400, 0,
	    1e-8) >= 1);
	assert_true(run_both_ways("doublewell", "pgd", NULL, 0, 1.5, 2000,
	    1e-6, 1e-6) >= 3);
	assert_true(run_both_ways("himmelblau", "gd", NULL, -0.27, 0.5,
	    3000, 0, 1e-3) >= 2);
	assert_true(run_both_ways("himmelblau", "momentum", NULL, 0, 3.5,
	    3000, 1e-3, 1e-8) >= 2);
	run_both_ways("himmelblau", "gd", "lr=0.5", 40, -35, 100, 1e-6,
	    1e-6);
	assert_true(run_both_ways("beale", "gd", NULL, 0.1, 1.1, 3000, 0,
	    1e-4) >= 1);
	assert_true(run_both_ways("monkey", "adam", NULL, 0.3, 0, 3000,
	    1e-6, 1e-6) >= 2);
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
		cmocka_unit_test(test_run_as_steps),
		cmocka_unit_test(test_names),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
