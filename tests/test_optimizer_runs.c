/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_optimizer_runs.c: whole runs. Every method runs on every classic
 * objective without a NaN and ends lower on those bounded below; seeded
 * runs repeat bit for bit; divergence, a singular Hessian, a stuck line
 * search and a bad start stop cleanly. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "optimizers/trace.h"
#include "optimizer_util.h"

/* The classic objectives of DESIGN.md §4. */
static const char *const classic[] = {
	"himmelblau", "rosenbrock", "camel6", "beale", "rastrigin",
	"doublewell", "quadwell", "saddle", "monkey", "cubic", "linnet", NULL
};

/* Those bounded below, on which every method should end lower. */
static const char *const bounded[] = {
	"himmelblau", "rosenbrock", "camel6", "beale", "rastrigin",
	"doublewell", "quadwell", "linnet", NULL
};

/* ---- every method, every classic objective ---------------------------- */

/* 1 when name is in the NULL-terminated list. */
static int
listed(const char *const *list, const char *name)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, name) == 0)
			return 1;
	}
	return 0;
}

/* A whole trace is finite, and agrees with where the optimizer stopped. */
static void
check_trace(const sd_trace *t, const sd_optimizer *opt)
{
	size_t i;

	assert_int_equal(t->n, opt->iter + 1);
	for (i = 0; i < t->n * t->dim; i++)
		assert_true(isfinite(t->x[i]));
	for (i = 0; i < t->n; i++)
		assert_true(isfinite(t->f[i]) && isfinite(t->grad_norm[i]));
	assert_memory_equal(t->x + (t->n - 1) * t->dim, opt->x,
	    t->dim * sizeof *opt->x);
	assert_true(t->stop != SD_STOP_NONE);
}

/* What the theory promises about f along one run: gd (lr = 1/L), cubic
 * (M ≥ the Hessian's Lipschitz estimate) and bfgs (Armijo line search)
 * never go up; the other descent methods end lower on landscapes bounded
 * below; newton and sgd promise nothing. */
static void
check_descent(const char *spec, const sd_trace *t, const char *name)
{
	size_t i;

	if (strcmp(name, "gd") == 0 || strcmp(name, "cubic") == 0 ||
	    strcmp(name, "bfgs") == 0) {
		for (i = 1; i < t->n; i++) {
			if (t->f[i] > t->f[i - 1] + 1e-12 * (1 +
			    fabs(t->f[i - 1])))
				fail_msg("%s on %s: f rose at step %zu", name,
				    spec, i);
		}
	}
	if (strcmp(name, "newton") != 0 && strcmp(name, "sgd") != 0 &&
	    listed(bounded, spec) && t->f[t->n - 1] > t->f[0])
		fail_msg("%s on %s: ended higher", name, spec);
}

/* GSL's multimin/test.c idea: every algorithm on every test function. */
static void
test_every_method_every_objective(void **unused)
{
	static const double starts[][2] = {
		{ 0.2, 0.17 }, { 0.8, 0.3 }, { 0.35, 0.85 }, { 0.62, 0.55 }
	};
	const sd_optimizer_type *type;
	const sd_window *w;
	sd_objective *obj;
	sd_optimizer *opt;
	sd_trace t;
	double x0[2];
	size_t i, j, k;

	(void)unused;
	for (i = 0; classic[i] != NULL; i++) {
		obj = objective(classic[i]);
		w = &obj->type->window;
		for (j = 0; (type = sd_optimizer_types[j]) != NULL; j++) {
			for (k = 0; k < 4; k++) {
				x0[0] = w->xmin + starts[k][0] *
				    (w->xmax - w->xmin);
				x0[1] = w->ymin + starts[k][1] *
				    (w->ymax - w->ymin);
				opt = optimizer(type->name, obj, NULL, x0, k);
				sd_trace_init(&t, 2);
				assert_int_equal(sd_trace_run(&t, opt, NULL,
				    1000, 1e-6, NULL), 0);
				check_trace(&t, opt);
				check_descent(classic[i], &t, type->name);
				sd_trace_done(&t);
				sd_optimizer_free(opt);
			}
		}
		sd_objective_free(obj);
	}
}

/* ---- determinism, divergence, failures ------------------------------- */

/* Run name from x0 for n steps with seed; the trace is left in t. */
static void
record(sd_trace *t, const char *spec, const char *name, const double *x0,
    unsigned long seed, size_t n)
{
	sd_objective *obj = objective(spec);
	sd_optimizer *opt = optimizer(name, obj, NULL, x0, seed);

	sd_trace_init(t, 2);
	assert_int_equal(sd_trace_run(t, opt, NULL, n, 0, NULL), 0);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* The same seed repeats a run bit for bit; another seed does not. */
static void
test_determinism(void **unused)
{
	static const char *const noisy[] = { "sgd", "pgd" };
	double x0[2] = { 0, 1.5 };
	sd_trace a, b, c;
	size_t i;

	(void)unused;
	for (i = 0; i < 2; i++) {
		record(&a, "doublewell", noisy[i], x0, 11, 400);
		record(&b, "doublewell", noisy[i], x0, 11, 400);
		record(&c, "doublewell", noisy[i], x0, 12, 400);
		assert_int_equal(a.n, b.n);
		assert_memory_equal(a.x, b.x, a.n * 2 * sizeof *a.x);
		assert_memory_equal(a.f, b.f, a.n * sizeof *a.f);
		assert_true(a.n != c.n ||
		    memcmp(a.x, c.x, a.n * 2 * sizeof *a.x) != 0);
		sd_trace_done(&a);
		sd_trace_done(&b);
		sd_trace_done(&c);
	}
}

/* sd_optimizer_set restarts everything: the state and the noise. */
static void
test_restart_repeats(void **unused)
{
	static const char *const names[] = { "momentum", "adam", "bfgs",
	    "sgd" };
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { -1, 1 }, first[10];
	sd_optimizer *opt;
	size_t i, t;

	(void)unused;
	for (i = 0; i < 4; i++) {
		opt = optimizer(names[i], obj, NULL, x0, 3);
		for (t = 0; t < 5; t++) {
			step_ok(opt);
			memcpy(first + 2 * t, opt->x, 2 * sizeof *opt->x);
		}
		assert_int_equal(sd_optimizer_set(opt, x0, 3, NULL), 0);
		assert_int_equal(opt->iter, 0);
		for (t = 0; t < 5; t++) {
			step_ok(opt);
			assert_memory_equal(first + 2 * t, opt->x,
			    2 * sizeof *opt->x);
		}
		sd_optimizer_free(opt);
	}
	sd_objective_free(obj);
}

/* x² − y² is unbounded: gd runs off until a value overflows, then stops
 * at the last finite iterate with everything still printable. */
static void
test_divergence_stops_finite(void **unused)
{
	sd_objective *obj = objective("saddle");
	double x0[2] = { 0.5, 1 }, last[2];
	sd_optimizer *opt = optimizer("gd", obj, "lr=0.4", x0, 1);
	sd_step_status st;
	size_t n = 0;

	(void)unused;
	while ((st = sd_optimizer_iterate(opt)) == SD_STEP_OK)
		assert_true(++n < 10000);
	assert_int_equal(st, SD_STEP_DIVERGED);
	assert_int_equal(opt->iter, n);
	assert_true(isfinite(opt->x[1]) && isfinite(opt->f) &&
	    isfinite(opt->grad_norm) && fabs(opt->x[1]) > 1e100);
	/* A diverged step takes no step: trying again changes nothing. */
	memcpy(last, opt->x, sizeof last);
	assert_int_equal(sd_optimizer_iterate(opt), SD_STEP_DIVERGED);
	assert_memory_equal(last, opt->x, sizeof last);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* newton where doublewell's Hessian is singular (x² = 1/3) takes no
 * step; elsewhere it does. */
static void
test_newton_singular(void **unused)
{
	sd_objective *obj = objective("doublewell");
	double x0[2] = { 1 / sqrt(3), 0.5 };
	sd_optimizer *opt = optimizer("newton", obj, NULL, x0, 1);

	(void)unused;
	assert_int_equal(sd_optimizer_iterate(opt), SD_STEP_SINGULAR);
	assert_int_equal(opt->iter, 0);
	assert_memory_equal(opt->x, x0, sizeof x0);
	x0[0] = 0.7;
	sd_optimizer_set(opt, x0, 1, NULL);
	assert_int_equal(sd_optimizer_iterate(opt), SD_STEP_OK);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* bfgs on the monkey saddle, which falls without bound: GSL's line search
 * gives up and the engine says stuck rather than pretending to step. */
static void
test_bfgs_stuck(void **unused)
{
	sd_objective *obj = objective("monkey");
	double x0[2] = { -0.75, 1.25 };
	sd_optimizer *opt = optimizer("bfgs", obj, NULL, x0, 1);
	sd_step_status st = SD_STEP_OK;
	size_t n;

	(void)unused;
	for (n = 0; n < 100 && st == SD_STEP_OK; n++)
		st = sd_optimizer_iterate(opt);
	assert_int_equal(st, SD_STEP_STUCK);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* A start where f is not finite is refused. */
static void
test_bad_start(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 }, bad[2] = { 1e200, 0 };
	sd_optimizer *opt = optimizer("gd", obj, NULL, x0, 1);
	char *cause = NULL;

	(void)unused;
	assert_int_equal(sd_optimizer_set(opt, bad, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	bad[0] = NAN;
	assert_int_equal(sd_optimizer_set(opt, bad, 1, NULL), -1);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_method_every_objective),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_restart_repeats),
		cmocka_unit_test(test_divergence_stops_finite),
		cmocka_unit_test(test_newton_singular),
		cmocka_unit_test(test_bfgs_stuck),
		cmocka_unit_test(test_bad_start),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
