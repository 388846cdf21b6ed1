/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapter_nets.c: the chapter's claims about neural networks (§6):
 * the linear network's degenerate saddle and the two-layer network's
 * permutation saddles, checked on the functions themselves.
 *
 * Every expected value comes from the chapter's mathematics (stationary
 * points, Hessian eigenvalues, inequalities), never from running saddle;
 * the data an objective draws is reached only through its public face
 * (f, ∇f, ∇²f, its default chart). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "chapter_util.h"

/* ---- §6 linear networks ------------------------------------------------- */

/* ½(1 − xyz)²: ∇f(0) = 0 and ∇²f(0) = 0, yet 0 is a saddle: f falls
 * along (1, 1, 1) and rises along (1, 1, −1). The minimum (1, 1, 1) sits
 * at (√3, 0) on the default chart. */
static void
test_linnet3_degenerate_saddle(void **unused)
{
	sd_objective *obj = test_objective_new("linnet3");
	double zero[3] = { 0, 0, 0 }, g[3], h[9], x[3], t;
	sd_chart chart;
	size_t i;

	(void)unused;
	sd_objective_gradient(obj, zero, g);
	sd_objective_hessian(obj, zero, h);
	for (i = 0; i < 3; i++)
		assert_true(g[i] == 0);
	for (i = 0; i < 9; i++)
		assert_true(h[i] == 0);
	for (t = 0.05; t <= 1; t += 0.05) {
		x[0] = x[1] = x[2] = t;
		assert_true(sd_objective_f(obj, x) < sd_objective_f(obj, zero));
		x[2] = -t;
		assert_true(sd_objective_f(obj, x) > sd_objective_f(obj, zero));
	}
	must_chart(&chart, obj);
	sd_chart_lift(&chart, sqrt(3), 0, x);
	for (i = 0; i < 3; i++)
		assert_close(x[i], 1, 1e-15);
	assert_close(sd_objective_f(obj, x), 0, 1e-30);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* ---- §6 two-layer networks ----------------------------------------------- */

/* Swap hidden units 1 and 2 (blocks of m). */
static void
swap_units(const double *theta, double *out, size_t D, size_t m)
{
	memcpy(out, theta, D * sizeof *out);
	memcpy(out, theta + m, m * sizeof *out);
	memcpy(out + m, theta, m * sizeof *out);
}

/* Permutation symmetry: L̂(Pθ) = L̂(θ) everywhere; the teacher and its twin
 * sit at (∓1, 0) of the default chart (‖θ* − Pθ*‖ = 2 for orthonormal
 * teacher rows) with zero risk; between them on the chart's b axis lies a
 * strict saddle of the full risk (the network whose two units coincide). */
static void
check_twolayer(const char *spec)
{
	sd_objective *obj = test_objective_new(spec);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double t1[DMAX], t2[DMAX], p[DMAX], x[DMAX], lam[DMAX], off, a, b;
	size_t D = obj->dim, m = D / 2, i, t;
	sd_point_list list;
	sd_chart chart;
	int saddles = 0, minima = 0;

	for (t = 0; t < 20; t++) {
		for (i = 0; i < D; i++)
			x[i] = gsl_ran_ugaussian(rng);
		swap_units(x, p, D, m);
		assert_close(sd_objective_f(obj, p), sd_objective_f(obj, x),
		    1e-14 * (1 + sd_objective_f(obj, x)));
	}
	must_chart(&chart, obj);
	sd_chart_lift(&chart, -1, 0, t1);
	sd_chart_lift(&chart, 1, 0, t2);
	swap_units(t1, p, D, m);
	assert_true(dist(p, t2, D) < 1e-12);
	assert_close(sd_objective_f(obj, t1), 0, 1e-28);
	assert_close(sd_objective_f(obj, t2), 0, 1e-28);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	for (i = 0; i < list.n; i++) {
		if (list.points[i].kind == SD_POINT_MIN) {
			minima++;
			assert_close(list.points[i].f, 0, 1e-25);
		}
		if (list.points[i].kind != SD_POINT_SADDLE)
			continue;
		saddles++;
		sd_chart_project(&chart, list.points[i].x, &a, &b, &off);
		assert_close(a, 0, 1e-9);
		assert_close(off, 0, 1e-9);
		assert_true(list.points[i].f > 0);
		assert_close(grad_norm(obj, list.points[i].x), 0, 1e-12);
		hess_eigen(obj, list.points[i].x, lam);
		assert_true(lam[0] < 0 && lam[D - 1] > 0);
		/* The two hidden units coincide there. */
		swap_units(list.points[i].x, p, D, m);
		assert_true(dist(p, list.points[i].x, D) < 1e-9);
	}
	assert_int_equal(minima, 2);
	assert_true(saddles >= 1);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The default network, and one with three inputs. */
static void
test_twolayer_permutation_saddle(void **unused)
{
	(void)unused;
	check_twolayer("twolayer");
	check_twolayer("twolayer:m=3,seed=5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_linnet3_degenerate_saddle),
		cmocka_unit_test(test_twolayer_permutation_saddle),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
