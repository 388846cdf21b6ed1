/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_monitor.c: runs seen through the monitor and recorded in a trace.
 *
 * The chapter's claims about saddles are the assertions: on doublewell
 * (x²−1)² + y², started on the saddle's stable manifold x = 0, gradient
 * descent and Newton converge to the saddle, while perturbed and noisy
 * gradient descent escape to a minimum (±1, 0) for every seed, and cubic
 * regularization escapes deterministically; Newton started near any of
 * himmelblau's saddles converges to it, which is why it is never used
 * alone. */
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
#include "optimizers/monitor.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "testutil.h"
#include "optimizers/trace.h"

#define SEEDS 20

/* An objective with its default chart, known points and a monitor. */
struct scene {
	sd_objective	*obj;
	sd_chart	 chart;
	sd_point_list	 points;
	sd_monitor	 mon;
	sd_optimizer	*opt;
	sd_trace	 trace;
};

/* Set a scene up for spec, with the given tolerance. */
static void
scene_open(struct scene *s, const char *spec, double tol)
{
	char *cause = NULL;

	memset(s, 0, sizeof *s);
	if ((s->obj = sd_objective_new(spec, &cause)) == NULL ||
	    sd_chart_init_default(&s->chart, s->obj, &cause) != 0 ||
	    sd_finder_run(s->obj, &s->chart, &s->chart.window, NULL,
	    &s->points, &cause) != 0 ||
	    sd_monitor_init(&s->mon, &s->points, &s->chart, &s->chart.window,
	    tol, &cause) != 0)
		fail_msg("%s: %s", spec, cause);
	sd_trace_init(&s->trace, s->obj->dim);
}

/* Run name from x0 (chart coordinates) with parameters set and seed. */
static void
scene_run(struct scene *s, const char *name, const char *set,
    const double *x0, unsigned long seed, size_t steps)
{
	char *cause = NULL;

	sd_optimizer_free(s->opt);
	s->opt = sd_optimizer_new(sd_optimizer_lookup(name), s->obj, &cause);
	if (s->opt == NULL ||
	    (set != NULL && sd_optimizer_set_params(s->opt, set, &cause)) ||
	    sd_optimizer_set(s->opt, x0, seed, &cause) != 0 ||
	    sd_trace_run(&s->trace, s->opt, &s->mon, steps, s->mon.tol,
	    &cause) != 0)
		fail_msg("%s: %s", name, cause);
}

/* Release the scene. */
static void
scene_close(struct scene *s)
{
	sd_trace_done(&s->trace);
	sd_optimizer_free(s->opt);
	sd_monitor_done(&s->mon);
	sd_point_list_done(&s->points);
	sd_chart_done(&s->chart);
	sd_objective_free(s->obj);
}

/* The first event of kind in the trace, or NULL. */
static const sd_event *
first_event(const sd_trace *t, sd_event_kind kind)
{
	size_t i;

	for (i = 0; i < t->n_events; i++) {
		if (t->events[i].kind == kind)
			return &t->events[i];
	}
	return NULL;
}

/* The index of the known point at (a, b), or fail. */
static int
point_at(const struct scene *s, double a, double b)
{
	size_t i;

	for (i = 0; i < s->points.n; i++) {
		if (hypot(s->points.points[i].x[0] - a,
		    s->points.points[i].x[1] - b) < 1e-6)
			return (int)i;
	}
	fail_msg("no known point at (%g, %g)", a, b);
	return -1;
}

/* ---- doublewell: the stable manifold of the saddle ------------------- */

/* gd and newton from (0, 1.5) converge to the saddle, and say so. */
static void
test_gd_newton_reach_the_saddle(void **unused)
{
	static const char *const names[] = { "gd", "newton" };
	double x0[2] = { 0, 1.5 };
	const sd_event *ev;
	struct scene s;
	int saddle;
	size_t i;

	(void)unused;
	scene_open(&s, "doublewell", 1e-6);
	saddle = point_at(&s, 0, 0);
	assert_int_equal(s.points.points[saddle].kind, SD_POINT_SADDLE);
	for (i = 0; i < 2; i++) {
		scene_run(&s, names[i], NULL, x0, 1, 5000);
		assert_int_equal(s.trace.stop, SD_STOP_CONVERGED);
		assert_true(hypot(s.opt->x[0], s.opt->x[1]) < 1e-6);
		assert_non_null(ev = first_event(&s.trace,
		    SD_EVENT_CONVERGED));
		assert_int_equal(ev->point, saddle);
		assert_int_equal(ev->point_kind, SD_POINT_SADDLE);
		assert_null(first_event(&s.trace, SD_EVENT_ESCAPE_SADDLE));
	}
	/* Newton lands on the saddle in one step: x = 0 is exact there. */
	assert_int_equal(s.opt->iter, 1);
	scene_close(&s);
}

/* An escape: entered the saddle's neighbourhood, left it (the step count
 * is the difference), and converged into the well (±1, 0). Returns the
 * well's sign. */
static int
check_escape(const struct scene *s, double tol_min)
{
	const sd_event *in = first_event(&s->trace, SD_EVENT_ENTER_SADDLE);
	const sd_event *out = first_event(&s->trace, SD_EVENT_ESCAPE_SADDLE);
	double sign = s->opt->x[0] > 0 ? 1 : -1;

	assert_non_null(in);
	assert_non_null(out);
	assert_int_equal(in->point, out->point);
	assert_int_equal(s->points.points[out->point].kind, SD_POINT_SADDLE);
	assert_true(out->steps > 0);
	assert_int_equal(out->steps, out->iter - in->iter);
	assert_true(hypot(s->opt->x[0] - sign, s->opt->x[1]) < tol_min);
	return (int)sign;
}

/* pgd from (0, 1.5): for every one of 20 seeds it reaches the saddle's
 * neighbourhood, escapes and converges to a minimum; the seeds reach both
 * wells, so the direction really is random. */
static void
test_pgd_escapes_every_seed(void **unused)
{
	double x0[2] = { 0, 1.5 };
	int seen[3] = { 0, 0, 0 };
	struct scene s;
	unsigned long seed;

	(void)unused;
	scene_open(&s, "doublewell", 1e-6);
	for (seed = 1; seed <= SEEDS; seed++) {
		scene_run(&s, "pgd", NULL, x0, seed, 5000);
		assert_int_equal(s.trace.stop, SD_STOP_CONVERGED);
		seen[1 + check_escape(&s, 1e-5)] = 1;
		assert_int_equal(first_event(&s.trace,
		    SD_EVENT_CONVERGED)->point_kind, SD_POINT_MIN);
	}
	assert_true(seen[0] && seen[2]);
	scene_close(&s);
}

/* sgd from (0, 0.1), inside the saddle's neighbourhood on its stable
 * manifold: the noise takes every seed out to a well, where it hovers
 * (it never converges; tol 0 runs all steps). */
static void
test_sgd_escapes_every_seed(void **unused)
{
	double x0[2] = { 0, 0.1 };
	int seen[3] = { 0, 0, 0 };
	struct scene s;
	unsigned long seed;

	(void)unused;
	scene_open(&s, "doublewell", 0);
	for (seed = 1; seed <= SEEDS; seed++) {
		scene_run(&s, "sgd", NULL, x0, seed, 1000);
		assert_int_equal(s.trace.stop, SD_STOP_STEPS);
		assert_int_equal(s.trace.n, 1001);
		assert_int_equal(first_event(&s.trace,
		    SD_EVENT_ENTER_SADDLE)->iter, 0);
		seen[1 + check_escape(&s, 0.1)] = 1;
	}
	assert_true(seen[0] && seen[2]);
	scene_close(&s);
}

/* cubic needs no noise: from (0.1, 0.3) it converges to (1, 0); from the
 * stable manifold itself, (0, 0.3), its hard case steps along negative
 * curvature and it converges to a minimum too. */
static void
test_cubic_escapes(void **unused)
{
	static const double starts[][2] = { { 0.1, 0.3 }, { 0, 0.3 } };
	struct scene s;
	size_t i;

	(void)unused;
	scene_open(&s, "doublewell", 1e-8);
	for (i = 0; i < 2; i++) {
		scene_run(&s, "cubic", NULL, starts[i], 1, 100);
		assert_int_equal(s.trace.stop, SD_STOP_CONVERGED);
		assert_true(hypot(fabs(s.opt->x[0]) - 1, s.opt->x[1]) < 1e-8);
		assert_int_equal(first_event(&s.trace,
		    SD_EVENT_CONVERGED)->point_kind, SD_POINT_MIN);
	}
	scene_close(&s);
}

/* ---- himmelblau: Newton is attracted by saddles -------------------- */

/* Started 0.06 away from each of the four saddles, newton converges to
 * that saddle; gd from the same starts goes elsewhere. */
static void
test_newton_converges_to_himmelblau_saddles(void **unused)
{
	const sd_point *p;
	const sd_event *ev;
	struct scene s;
	double x0[2];
	size_t i, n = 0;

	(void)unused;
	scene_open(&s, "himmelblau", 1e-9);
	for (i = 0; i < s.points.n; i++) {
		p = &s.points.points[i];
		if (p->kind != SD_POINT_SADDLE)
			continue;
		n++;
		x0[0] = p->x[0] + 0.05;
		x0[1] = p->x[1] - 0.0332;
		scene_run(&s, "newton", NULL, x0, 1, 100);
		assert_int_equal(s.trace.stop, SD_STOP_CONVERGED);
		assert_true(hypot(s.opt->x[0] - p->x[0],
		    s.opt->x[1] - p->x[1]) < 1e-8);
		assert_non_null(ev = first_event(&s.trace,
		    SD_EVENT_CONVERGED));
		assert_int_equal(ev->point, (int)i);
		scene_run(&s, "gd", NULL, x0, 1, 5000);
		assert_true(hypot(s.opt->x[0] - p->x[0],
		    s.opt->x[1] - p->x[1]) > 0.5);
		assert_non_null(first_event(&s.trace, SD_EVENT_ESCAPE_SADDLE));
	}
	assert_int_equal(n, 4);
	scene_close(&s);
}

/* ---- the monitor's rules ------------------------------------------- */

/* Each radius is min(D/20, half the distance to the nearest other known
 * point): 0.2 on doublewell, where the points are 1 apart; on rastrigin's
 * crowded grid the half-distance rule decides. */
static void
test_radius_rule(void **unused)
{
	static const char *const specs[] = { "doublewell", "rastrigin",
	    "himmelblau" };
	const sd_point_list *pl;
	struct scene s;
	double r, d, side;
	size_t k, i, j, halved = 0;

	(void)unused;
	for (k = 0; k < 3; k++) {
		scene_open(&s, specs[k], 1e-6);
		pl = &s.points;
		side = fmin(s.chart.window.xmax - s.chart.window.xmin,
		    s.chart.window.ymax - s.chart.window.ymin);
		for (i = 0; i < pl->n; i++) {
			r = side / 20;
			for (j = 0; j < pl->n; j++) {
				d = hypot(pl->points[i].x[0] -
				    pl->points[j].x[0], pl->points[i].x[1] -
				    pl->points[j].x[1]);
				if (j != i && d / 2 < r)
					r = d / 2;
			}
			halved += r < side / 20;
			assert_close(s.mon.radius[i], r, 1e-12);
		}
		if (k == 0)
			assert_true(s.mon.radius[0] == 0.2);
		scene_close(&s);
	}
	assert_true(halved > 0);
}

/* The enter event comes exactly at the first iterate within the radius,
 * as the trace shows. */
static void
test_enter_at_the_radius(void **unused)
{
	double x0[2] = { 0, 1.5 };
	const sd_event *ev;
	struct scene s;
	size_t i;

	(void)unused;
	scene_open(&s, "doublewell", 1e-6);
	scene_run(&s, "gd", NULL, x0, 1, 1000);
	for (i = 0; i < s.trace.n; i++) {
		if (hypot(s.trace.x[2 * i], s.trace.x[2 * i + 1]) < 0.2)
			break;
	}
	assert_true(i > 0 && i < s.trace.n);
	assert_non_null(ev = first_event(&s.trace, SD_EVENT_ENTER_SADDLE));
	assert_int_equal(ev->iter, i);
	scene_close(&s);
}

/* Convergence away from every known point is classified where it
 * happened: with no known points, gd on doublewell converges to a min. */
static void
test_converged_to_an_unknown_point(void **unused)
{
	sd_objective *obj = sd_objective_new("doublewell", NULL);
	sd_point_list none = { .dim = 2 };
	sd_window w = { -2, 2, -2, 2 };
	double x0[2] = { 0.5, 0.5 };
	sd_optimizer *opt = sd_optimizer_new(sd_optimizer_lookup("gd"), obj,
	    NULL);
	const sd_event *ev;
	sd_monitor mon;
	sd_trace t;
	char text[256];

	(void)unused;
	assert_int_equal(sd_monitor_init(&mon, &none, NULL, &w, 1e-6, NULL),
	    0);
	sd_optimizer_set(opt, x0, 1, NULL);
	sd_trace_init(&t, 2);
	assert_int_equal(sd_trace_run(&t, opt, &mon, 5000, 1e-6, NULL), 0);
	assert_non_null(ev = first_event(&t, SD_EVENT_CONVERGED));
	assert_int_equal(ev->point, -1);
	assert_int_equal(ev->point_kind, SD_POINT_MIN);
	assert_int_equal(sd_monitor_nearest(&mon, opt->x, NULL), -1);
	sd_event_describe(ev, &none, text, sizeof text);
	if (strncmp(text, "converged to a min at (1, ", 26) != 0)
		fail_msg("%s", text);
	assert_non_null(strstr(text, "away from the points"));
	sd_trace_done(&t);
	sd_monitor_done(&mon);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* Failed steps become events at the iterate where they happened. */
static void
test_failure_events(void **unused)
{
	double singular[2] = { 1 / sqrt(3), 0.5 }, far[2] = { 0.5, 1 };
	const sd_event *ev;
	struct scene s;

	(void)unused;
	scene_open(&s, "doublewell", 1e-6);
	scene_run(&s, "newton", NULL, singular, 1, 10);
	assert_int_equal(s.trace.stop, SD_STOP_SINGULAR);
	assert_int_equal(s.trace.n, 1);
	assert_non_null(ev = first_event(&s.trace, SD_EVENT_SINGULAR));
	assert_int_equal(ev->iter, 0);
	assert_close(ev->a, singular[0], 1e-15);
	scene_close(&s);

	scene_open(&s, "saddle", 1e-6);
	scene_run(&s, "gd", "lr=0.4", far, 1, 100000);
	assert_int_equal(s.trace.stop, SD_STOP_DIVERGED);
	assert_non_null(ev = first_event(&s.trace, SD_EVENT_DIVERGED));
	assert_int_equal(ev->iter, s.opt->iter);
	assert_ptr_equal(ev, &s.trace.events[s.trace.n_events - 1]);
	scene_close(&s);

	scene_open(&s, "monkey", 1e-6);
	scene_run(&s, "bfgs", NULL, far, 1, 100);
	assert_int_equal(s.trace.stop, SD_STOP_STUCK);
	assert_non_null(first_event(&s.trace, SD_EVENT_STUCK));
	scene_close(&s);
}

/* The sentences the TUI and `run` print. */
static void
test_describe(void **unused)
{
	sd_event ev = { .kind = SD_EVENT_ESCAPE_SADDLE, .iter = 60,
	    .steps = 41, .point = -1, .point_kind = SD_POINT_SADDLE,
	    .a = -0.270845, .b = -0.923039 };
	char text[256];

	(void)unused;
	sd_event_describe(&ev, NULL, text, sizeof text);
	assert_string_equal(text,
	    "escaped the saddle at (-0.271, -0.923) after 41 steps");
	ev.kind = SD_EVENT_ENTER_SADDLE;
	ev.a = -0.0;
	ev.b = 1e-9;
	sd_event_describe(&ev, NULL, text, sizeof text);
	assert_string_equal(text, "entered the saddle at (0, 1e-09)");
	ev.kind = SD_EVENT_CONVERGED;
	ev.point = 0;
	ev.point_kind = SD_POINT_MIN;
	ev.iter = 1;
	ev.a = 3;
	ev.b = 2;
	sd_event_describe(&ev, NULL, text, sizeof text);
	assert_string_equal(text, "converged to the min at (3, 2) after 1 "
	    "step");
	ev.kind = SD_EVENT_DIVERGED;
	sd_event_describe(&ev, NULL, text, sizeof text);
	assert_non_null(strstr(text, "diverged"));
	assert_string_equal(sd_event_kind_name(SD_EVENT_ESCAPE_SADDLE),
	    "escape-saddle");
	assert_string_equal(sd_stop_reason_name(SD_STOP_STUCK), "stuck");
}

/* The trace's stop rules: steps = 0 records iterate 0 only; a start that
 * already meets tol stops at once; tol = 0 runs every step. */
static void
test_trace_stops(void **unused)
{
	double x0[2] = { 0.5, 0.5 }, at_min[2] = { 1, 0 };
	struct scene s;

	(void)unused;
	scene_open(&s, "doublewell", 1e-6);
	scene_run(&s, "gd", NULL, x0, 1, 0);
	assert_int_equal(s.trace.n, 1);
	assert_int_equal(s.trace.stop, SD_STOP_STEPS);
	scene_run(&s, "gd", NULL, at_min, 1, 10);
	assert_int_equal(s.trace.n, 1);
	assert_int_equal(s.trace.stop, SD_STOP_CONVERGED);
	assert_non_null(first_event(&s.trace, SD_EVENT_CONVERGED));
	scene_close(&s);

	scene_open(&s, "doublewell", 0);
	scene_run(&s, "gd", NULL, at_min, 1, 10);
	assert_int_equal(s.trace.n, 11);
	assert_int_equal(s.trace.stop, SD_STOP_STEPS);
	assert_null(first_event(&s.trace, SD_EVENT_CONVERGED));
	scene_close(&s);
}

/* What the streaming test's sink saw. */
struct stream_seen {
	const sd_trace	*kept;		/* the same run, kept */
	size_t		 rows;
	int		 stop_at;	/* the row the sink stops at, or -1 */
};

/* Each streamed iterate equals the kept one, bit for bit, in order. */
static int
stream_check(void *ctx, size_t iter, const sd_optimizer *opt)
{
	struct stream_seen *seen = ctx;
	const sd_trace *k = seen->kept;

	assert_int_equal(iter, seen->rows);
	assert_true(iter < k->n);
	assert_memory_equal(opt->x, k->x + iter * k->dim,
	    k->dim * sizeof *opt->x);
	assert_memory_equal(&opt->f, &k->f[iter], sizeof opt->f);
	assert_memory_equal(&opt->grad_norm, &k->grad_norm[iter],
	    sizeof opt->grad_norm);
	seen->rows++;
	return (int)iter == seen->stop_at ? 7 : 0;
}

/* A streamed trace keeps no iterate, hands the sink exactly the kept
 * run's iterates (pgd: the same seed gives the same noise), records the
 * same events and stop; a sink's nonzero answer stops the run with it. */
static void
test_trace_streams(void **unused)
{
	double x0[2] = { 0, 1.5 };
	struct stream_seen seen = { NULL, 0, -1 };
	sd_trace streamed;
	struct scene s;
	size_t i;

	(void)unused;
	scene_open(&s, "doublewell", 1e-6);
	scene_run(&s, "pgd", NULL, x0, 5, 5000);
	assert_true(s.trace.n_events >= 3);	/* enter, escape, converge */
	seen.kept = &s.trace;
	sd_trace_init(&streamed, 2);
	sd_trace_stream(&streamed, stream_check, &seen);
	assert_int_equal(sd_optimizer_set(s.opt, x0, 5, NULL), 0);
	assert_int_equal(sd_trace_run(&streamed, s.opt, &s.mon, 5000, 1e-6,
	    NULL), 0);
	assert_null(streamed.x);
	assert_int_equal(streamed.cap, 0);
	assert_int_equal(streamed.n, s.trace.n);
	assert_int_equal(seen.rows, s.trace.n);
	assert_int_equal(streamed.stop, s.trace.stop);
	assert_int_equal(streamed.n_events, s.trace.n_events);
	for (i = 0; i < s.trace.n_events; i++) {
		assert_int_equal(streamed.events[i].kind,
		    s.trace.events[i].kind);
		assert_int_equal(streamed.events[i].iter,
		    s.trace.events[i].iter);
		assert_int_equal(streamed.events[i].steps,
		    s.trace.events[i].steps);
	}
	seen.rows = 0;
	seen.stop_at = 3;
	assert_int_equal(sd_optimizer_set(s.opt, x0, 5, NULL), 0);
	assert_int_equal(sd_trace_run(&streamed, s.opt, &s.mon, 5000, 1e-6,
	    NULL), 7);
	assert_int_equal(seen.rows, 4);
	sd_trace_done(&streamed);
	scene_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gd_newton_reach_the_saddle),
		cmocka_unit_test(test_pgd_escapes_every_seed),
		cmocka_unit_test(test_sgd_escapes_every_seed),
		cmocka_unit_test(test_cubic_escapes),
		cmocka_unit_test(test_newton_converges_to_himmelblau_saddles),
		cmocka_unit_test(test_radius_rule),
		cmocka_unit_test(test_enter_at_the_radius),
		cmocka_unit_test(test_converged_to_an_unknown_point),
		cmocka_unit_test(test_failure_events),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_trace_stops),
		cmocka_unit_test(test_trace_streams),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
