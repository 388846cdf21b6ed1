/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_survey.c: many runs from the same starts, and where they end.
 *
 * The chapter's claims are the assertions: on doublewell gradient descent
 * reaches a global minimum from every start off the saddle's stable
 * manifold x = 0 and the saddle from every start on it (Lee et al. 2016);
 * on the tensor problem Riemannian gradient descent reaches a global
 * minimum ±a_i from every start (Theorem 5.2); on camel6 and rastrigin it
 * stops at a non-global local minimum from a positive fraction of the
 * starts — local methods do not solve every nonconvex problem. And the
 * survey is the same whatever the number of threads. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "landscape/chart.h"
#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "landscape/survey.h"
#include "testutil.h"

/* An objective, its default chart and a survey over its window. */
struct scene {
	sd_objective	*obj;
	sd_chart	 chart;
	sd_survey	*s;
};

/* Open a survey of spec with opts and the comma-separated methods. */
static void
scene_open(struct scene *sc, const char *spec, const sd_survey_options *o,
    const char *methods)
{
	char names[128], *word, *next, *cause = NULL;

	memset(sc, 0, sizeof *sc);
	if ((sc->obj = sd_objective_new(spec, &cause)) == NULL ||
	    sd_chart_init_default(&sc->chart, sc->obj, &cause) != 0 ||
	    (sc->s = sd_survey_new(sc->obj, &sc->chart, &sc->chart.window, o,
	    &cause)) == NULL)
		fail_msg("%s: %s", spec, cause);
	snprintf(names, sizeof names, "%s", methods);
	for (word = names; *names != '\0' && word != NULL; word = next) {
		if ((next = strchr(word, ',')) != NULL)
			*next++ = '\0';
		if (sd_survey_add(sc->s, sd_optimizer_lookup(word), NULL,
		    &cause) != 0)
			fail_msg("%s: %s", word, cause);
	}
}

/* Open a survey, run all of it and finish it. */
static void
scene_run(struct scene *sc, const char *spec, const sd_survey_options *o,
    const char *methods)
{
	char *cause = NULL;

	scene_open(sc, spec, o, methods);
	if (sd_survey_iterate(sc->s, sd_survey_total(sc->s), &cause) != 0 ||
	    sd_survey_finish(sc->s, &cause) != 0)
		fail_msg("%s: %s", spec, cause);
}

/* Release a scene. */
static void
scene_close(struct scene *sc)
{
	sd_survey_free(sc->s);
	sd_chart_done(&sc->chart);
	sd_objective_free(sc->obj);
}

/* The point run (m, i) ended at, asserting that it ended at one. */
static const sd_point *
scene_end(const struct scene *sc, size_t m, size_t i, sd_outcome *o)
{
	int p;

	*o = sd_survey_end(sc->s, m, i, &p);
	if (p < 0)
		fail_msg("run %zu of method %zu ended at no point (%s)", i, m,
		    sd_outcome_name(*o));
	return sd_survey_point(sc->s, (size_t)p);
}

/* Starts are uniform in the window, depend on (seed, i) alone, and
 * differ between seeds. */
static void
test_draws(void **state)
{
	sd_window w = { -3, 5, 10, 11 };
	double a, b, a2, b2, sa = 0, sb = 0;
	size_t i, n = 20000, same = 0;

	(void)state;
	for (i = 0; i < n; i++) {
		sd_survey_draw(&w, 7, i, &a, &b);
		assert_true(a >= w.xmin && a < w.xmax);
		assert_true(b >= w.ymin && b < w.ymax);
		sa += a;
		sb += b;
		sd_survey_draw(&w, 7, i, &a2, &b2);
		assert_true(a == a2 && b == b2);
		sd_survey_draw(&w, 8, i, &a2, &b2);
		same += a == a2;
	}
	/* The means of n uniform draws are within 5 standard errors. */
	assert_close(sa / n, 1, 5 * 8 / sqrt(12.0 * n));
	assert_close(sb / n, 10.5, 5 * 1 / sqrt(12.0 * n));
	assert_int_equal(same, 0);
	assert_true(sd_survey_run_seed(7, 1) != sd_survey_run_seed(7, 2));
	assert_true(sd_survey_run_seed(7, 1) <= 0xffffffffu);
}

/* Doublewell, gd: starts off x = 0 (however close) reach a global
 * minimum on their own side; starts exactly on it reach the saddle. */
static void
test_doublewell_stable_manifold(void **state)
{
	static const double off[] = { 1.5, -1.5, 1e-3, -1e-3, 1e-9, -1e-12,
	    0.7, -0.2 };
	enum { N_OFF = sizeof off / sizeof *off, N_ON = 9, N = N_OFF + N_ON };
	sd_survey_options o = { N, 2000, 1e-6, 1, NULL };
	double ab[2 * N];
	struct scene sc;
	const sd_point *p;
	sd_outcome out;
	size_t i;

	(void)state;
	for (i = 0; i < N_OFF; i++) {
		ab[2 * i] = off[i];
		ab[2 * i + 1] = -1.9 + 0.5 * (double)i;
	}
	for (i = N_OFF; i < N; i++) {
		ab[2 * i] = 0;
		ab[2 * i + 1] = -2 + 0.5 * (double)(i - N_OFF);
	}
	o.ab = ab;
	scene_run(&sc, "doublewell", &o, "gd");
	for (i = 0; i < N_OFF; i++) {
		p = scene_end(&sc, 0, i, &out);
		assert_int_equal(out, SD_OUTCOME_GLOBAL);
		assert_int_equal(p->kind, SD_POINT_MIN);
		assert_close(p->x[0], off[i] > 0 ? 1 : -1, 1e-9);
	}
	for (i = N_OFF; i < N; i++) {
		p = scene_end(&sc, 0, i, &out);
		assert_int_equal(out, SD_OUTCOME_SADDLE);
		assert_int_equal(p->kind, SD_POINT_SADDLE);
		assert_close(p->x[0], 0, 1e-12);
		assert_close(p->x[1], 0, 1e-12);
	}
	scene_close(&sc);
}

/* Doublewell, uniform starts: x = 0 has measure zero, so every run of gd
 * reaches a global minimum; newton, attracted by saddles, does not. */
static void
test_doublewell_uniform(void **state)
{
	sd_survey_options o = { 2000, 1000, 1e-6, 3, NULL };
	const sd_survey_row *row;
	struct scene sc;
	size_t n;

	(void)state;
	scene_run(&sc, "doublewell", &o, "gd,newton");
	row = sd_survey_rows(sc.s, &n);
	assert_int_equal(n, 2);
	assert_int_equal(row[0].count[SD_OUTCOME_GLOBAL], 2000);
	assert_true(row[1].count[SD_OUTCOME_SADDLE] > 0);
	assert_true(row[0].steps_median <= row[0].steps_p90);
	assert_true(row[0].steps_p90 <= 1000);
	assert_close(sd_survey_fstar(sc.s), 0, 1e-12);
	scene_close(&sc);
}

/* The tensor problem on the sphere: Riemannian gd ends at one of the six
 * global minima ±a_i (f = −1) from every start (Theorem 5.2). */
static void
test_tensor_all_global(void **state)
{
	sd_survey_options o = { 1000, 2000, 1e-8, 5, NULL };
	const sd_survey_row *row;
	const sd_point *p;
	struct scene sc;
	sd_outcome out;
	size_t i, k, n, big;

	(void)state;
	scene_run(&sc, "tensor", &o, "gd");
	row = sd_survey_rows(sc.s, &n);
	assert_int_equal(row[0].count[SD_OUTCOME_GLOBAL], 1000);
	for (i = 0; i < 1000; i++) {
		p = scene_end(&sc, 0, i, &out);
		assert_int_equal(p->kind, SD_POINT_MIN);
		assert_close(p->f, -1, 1e-9);
		for (big = 0, k = 0; k < 3; k++)
			big += fabs(p->x[k]) > 0.5;
		assert_int_equal(big, 1);	/* a coordinate vector */
	}
	scene_close(&sc);
}

/* gd on objective spec stops at a local minimum that is not global from
 * a positive fraction of the starts, and those ends are minima whose f
 * is above f*. */
static void
check_spurious(const char *spec, size_t steps)
{
	sd_survey_options o = { 400, steps, 1e-6, 1, NULL };
	const sd_survey_row *row;
	const sd_point *p;
	struct scene sc;
	sd_outcome out;
	size_t i, n;

	scene_run(&sc, spec, &o, "gd");
	row = sd_survey_rows(sc.s, &n);
	assert_true(row[0].count[SD_OUTCOME_LOCAL] > 0);
	assert_true(row[0].fraction[SD_OUTCOME_LOCAL] > 0);
	for (i = 0; i < o.starts; i++) {
		if (sd_survey_end(sc.s, 0, i, NULL) != SD_OUTCOME_LOCAL)
			continue;
		p = scene_end(&sc, 0, i, &out);
		assert_true(p->kind == SD_POINT_MIN);
		assert_true(p->f > sd_survey_fstar(sc.s) + 1e-3);
	}
	scene_close(&sc);
}

/* camel6 and rastrigin have spurious local minima that gd finds. */
static void
test_spurious_minima(void **state)
{
	(void)state;
	check_spurious("camel6", 20000);
	check_spurious("rastrigin", 1000);
}

/* On the textbook saddle x² − y², gd with a step of 0.05 from starts on
 * its stable manifold y = 0 ends at the saddle after spending most of its
 * steps in its neighbourhood (radius D/20 = 0.2), at the rate 0.9 a step:
 * from |x| = 0.2 to |∇f| = 2|x| < 10⁻⁶, about 116 steps. */
static void
test_near_saddle_steps(void **state)
{
	double ab[] = { 1.5, 0, -1.9, 0, 0.3, 0 };
	double params[SD_PARAMS_MAX] = { 0.05 };	/* gd's lr */
	sd_survey_options o = { 3, 1000, 1e-6, 1, ab };
	const sd_survey_row *row;
	struct scene sc;
	size_t i, n, steps, near;

	(void)state;
	scene_open(&sc, "saddle", &o, "");
	assert_int_equal(sd_survey_add(sc.s, sd_optimizer_lookup("gd"), params,
	    NULL), 0);
	assert_int_equal(sd_survey_iterate(sc.s, 3, NULL), 0);
	assert_int_equal(sd_survey_finish(sc.s, NULL), 0);
	row = sd_survey_rows(sc.s, &n);
	assert_int_equal(row[0].count[SD_OUTCOME_SADDLE], 3);
	assert_close(row[0].params[0], params[0], 0);
	for (i = 0; i < 3; i++) {
		sd_survey_steps(sc.s, 0, i, &steps, &near);
		assert_true(near >= 110 && near <= 125);
		assert_true(near < steps);
	}
	assert_true(row[0].saddle_median >= 110);
	scene_close(&sc);
}

/* --tol 0 means what it means for `run`: never stop on the gradient.
 * From the saddle of x² − y² itself (∇f = 0 at iterate 0) a run with tol
 * 1e-6 stops at once, converged at the saddle; with tol 0 every run takes
 * every one of its steps and none converges. */
static void
test_tol_zero(void **state)
{
	double ab[] = { 0, 0, 1.5, 0 };
	sd_survey_options o = { 2, 200, 1e-6, 1, ab };
	struct scene sc;
	size_t i, steps, near;

	(void)state;
	scene_run(&sc, "saddle", &o, "gd");
	assert_int_equal(sd_survey_end(sc.s, 0, 0, NULL), SD_OUTCOME_SADDLE);
	sd_survey_steps(sc.s, 0, 0, &steps, &near);
	assert_int_equal(steps, 0);
	scene_close(&sc);
	o.tol = 0;
	scene_run(&sc, "saddle", &o, "gd");
	for (i = 0; i < 2; i++) {
		assert_int_equal(sd_survey_end(sc.s, 0, i, NULL),
		    SD_OUTCOME_NOT_CONVERGED);
		sd_survey_steps(sc.s, 0, i, &steps, &near);
		assert_int_equal(steps, 200);
	}
	scene_close(&sc);
}

/* A run's every outcome, point, steps and near-saddle steps, and the
 * table, compared between two surveys. */
static void
check_same(const struct scene *x, const struct scene *y, size_t methods,
    size_t starts)
{
	const sd_survey_row *rx, *ry;
	size_t m, i, n, sx, sy, nx, ny;
	int px, py;

	for (m = 0; m < methods; m++) {
		for (i = 0; i < starts; i++) {
			assert_int_equal(sd_survey_end(x->s, m, i, &px),
			    sd_survey_end(y->s, m, i, &py));
			assert_int_equal(px, py);
			sd_survey_steps(x->s, m, i, &sx, &nx);
			sd_survey_steps(y->s, m, i, &sy, &ny);
			assert_int_equal(sx, sy);
			assert_int_equal(nx, ny);
		}
	}
	assert_int_equal(sd_survey_points(x->s), sd_survey_points(y->s));
	for (i = 0; i < sd_survey_points(x->s); i++)
		assert_memory_equal(sd_survey_point(x->s, i)->x,
		    sd_survey_point(y->s, i)->x, x->obj->dim * sizeof(double));
	rx = sd_survey_rows(x->s, &n);
	ry = sd_survey_rows(y->s, &n);
	for (m = 0; m < methods; m++) {
		assert_memory_equal(rx[m].count, ry[m].count,
		    sizeof rx[m].count);
		assert_int_equal(rx[m].steps_median, ry[m].steps_median);
		assert_int_equal(rx[m].steps_p90, ry[m].steps_p90);
		assert_int_equal(rx[m].saddle_median, ry[m].saddle_median);
	}
}

/* One thread and two give the same survey, random methods included, and
 * batching it differently changes nothing either. */
static void
test_threads(void **state)
{
	static const char methods[] = "gd,pgd,sgd,newton,bfgs";
	sd_survey_options o = { 600, 500, 1e-6, 11, NULL };
	struct scene one, two;
	char *cause = NULL;

	(void)state;
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	scene_run(&one, "himmelblau", &o, methods);
#ifdef _OPENMP
	omp_set_num_threads(2);
#endif
	scene_run(&two, "himmelblau", &o, methods);
	check_same(&one, &two, 5, o.starts);
	scene_close(&two);

	/* The same survey run 7 runs at a time. */
	scene_open(&two, "himmelblau", &o, methods);
	while (sd_survey_done(two.s) < sd_survey_total(two.s))
		assert_int_equal(sd_survey_iterate(two.s, 7, &cause), 0);
	assert_int_equal(sd_survey_finish(two.s, &cause), 0);
	check_same(&one, &two, 5, o.starts);
	scene_close(&two);
	scene_close(&one);
}

/* linnet3, whose runs leave the drawn plane for its surface of minima
 * xyz = 1: their ends are classified after each batch and numbered in
 * run order, the same with one thread or two. */
static void
test_threads_more(void **state)
{
	sd_survey_options o = { 300, 1000, 1e-6, 2, NULL };
	struct scene one, two;

	(void)state;
#ifdef _OPENMP
	omp_set_num_threads(1);
#endif
	scene_run(&one, "linnet3", &o, "gd,momentum");
#ifdef _OPENMP
	omp_set_num_threads(2);
#endif
	scene_run(&two, "linnet3", &o, "gd,momentum");
	check_same(&one, &two, 2, o.starts);
	scene_close(&one);
	scene_close(&two);
}

/* Bad options are refused with a reason. */
static void
test_bad_options(void **state)
{
	sd_objective *obj = sd_objective_new("doublewell", NULL);
	sd_survey_options o = { 0, 10, 1e-6, 1, NULL };
	sd_chart chart;
	char *cause = NULL;
	sd_survey *s;

	(void)state;
	sd_chart_init_default(&chart, obj, NULL);
	assert_null(sd_survey_new(obj, &chart, &chart.window, &o, &cause));
	assert_non_null(strstr(cause, "starts"));
	free(cause);
	o.starts = 10;
	o.tol = -1e-9;
	assert_null(sd_survey_new(obj, &chart, &chart.window, &o, &cause));
	assert_non_null(strstr(cause, "tolerance"));
	free(cause);
	o.tol = NAN;
	assert_null(sd_survey_new(obj, &chart, &chart.window, &o, &cause));
	assert_non_null(strstr(cause, "tolerance"));
	free(cause);
	o.tol = 1e-6;
	s = sd_survey_new(obj, &chart, &chart.window, &o, &cause);
	assert_non_null(s);
	assert_int_equal(sd_survey_iterate(s, 10, &cause), -1);
	assert_non_null(strstr(cause, "no optimizer"));
	free(cause);
	assert_int_equal(sd_survey_finish(s, &cause), -1);
	free(cause);
	sd_survey_free(s);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draws),
		cmocka_unit_test(test_doublewell_stable_manifold),
		cmocka_unit_test(test_doublewell_uniform),
		cmocka_unit_test(test_tensor_all_global),
		cmocka_unit_test(test_spurious_minima),
		cmocka_unit_test(test_near_saddle_steps),
		cmocka_unit_test(test_tol_zero),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_threads_more),
		cmocka_unit_test(test_bad_options),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
