/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_krylov.c: the finder's matrix-free second order (d ≥
 * SD_KRYLOV_DIM: MINRES steps, Lanczos extremes; finder_krylov.c) finds
 * and classifies what the dense one finds, on every d-dimensional
 * objective with an hvp — the same type with its hvp removed runs the
 * dense path — and pca's extreme eigenvalues are the theorem's
 * {4λ_i} ∪ {2(λ_i − λ_j)} ends at each of its points. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/krylov.h"
#include "testutil.h"
#include "finder_util.h"

/* Points classified from the extreme eigenvalues alone (Lanczos). */
static size_t lanczos_points;

/* Whether two points of dimension d coincide to Newton's accuracy. */
static int
same_x(const double *x, const double *y, size_t d)
{
	double dist = 0, big = 1;
	size_t k;

	for (k = 0; k < d; k++) {
		dist = fmax(dist, fabs(x[k] - y[k]));
		big = fmax(big, fabs(y[k]));
	}
	return dist <= 1e-7 * big;
}

/* p (matrix-free) and q (dense) agree: kind, f, and the extreme
 * eigenvalues of the full spectrum to the Ritz tolerance. */
static void
check_pair(const sd_point *p, const sd_point *q, const char *spec)
{
	double big = fmax(fabs(q->lambda_min), fabs(q->lambda_max));

	if (p->kind != q->kind)
		fail_msg("%s: a %s matrix-free is a %s dense", spec,
		    sd_point_kind_name(p->kind), sd_point_kind_name(q->kind));
	assert_true(p->n_eigen == 2 || p->n_eigen == q->n_eigen);
	lanczos_points += p->n_eigen == 2;
	assert_true(p->lambda_min <= p->lambda_max);
	assert_close(p->f, q->f, 1e-9 * (1 + fabs(q->f)));
	assert_close(p->lambda_min, q->lambda_min, 1e-6 * big);
	assert_close(p->lambda_max, q->lambda_max, 1e-6 * big);
}

/* The same list, point for point (the points on the slice). */
static void
check_same(const sd_point_list *fast, const sd_point_list *dense,
    const char *spec)
{
	size_t i;

	if (fast->n != dense->n)
		fail_msg("%s: %zu points matrix-free, %zu dense", spec,
		    fast->n, dense->n);
	for (i = 0; i < fast->n; i++) {
		assert_true(same_x(fast->points[i].x, dense->points[i].x,
		    fast->dim));
		check_pair(&fast->points[i], &dense->points[i], spec);
	}
}

/* Near the slice Newton's paths differ with its steps, and either run
 * may reach a point the other misses: each matrix-free point must be a
 * root that the dense classification (obj is dense now) classifies the
 * same when it is strict. Returns how many of them the dense run found too. */
static size_t
check_near(const sd_objective *obj, const sd_point_list *fast,
    const sd_point_list *dense, double length, const char *spec)
{
	sd_point q;
	char *cause = NULL;
	size_t i, j, both = 0;

	for (i = 0; i < fast->n; i++) {
		assert_int_equal(sd_finder_classify_scale(obj,
		    fast->points[i].x, length, &q, &cause), 0);
		/* A lone classification has no window's |f| scale for its
		 * circles' level: degenerate kinds may differ (tensor's
		 * points with 46 flat directions); strict ones may not. */
		if (q.kind <= SD_POINT_SADDLE)
			check_pair(&fast->points[i], &q, spec);
		sd_point_done(&q);
		for (j = 0; j < dense->n; j++)
			both += same_x(fast->points[i].x, dense->points[j].x,
			    fast->dim);
	}
	return both;
}

/* Run the finder on spec with and without its hvp, on the slice and near
 * it; returns how many points were compared. */
static size_t
compare(const char *spec)
{
	sd_objective *obj = test_objective_new(spec);
	const sd_objective_type *type = obj->type;
	sd_objective_type dense = *type;
	/* A coarse grid: the dense runs are the slow ones. full_space:
	 * Newton in R^d from every seed, so that MINRES's steps are
	 * compared with the dense ones (the slice's search, which would
	 * otherwise take these charts, is test_finder_plane's). */
	sd_finder_options on = { .grid = 32, .full_space = 1 },
	    opts = { .grid = 32, .near = SD_FINDER_NEAR, .full_space = 1 };
	sd_point_list fast[2], slow[2];
	sd_chart chart;
	const sd_window *w;
	char *cause = NULL;
	size_t n, both;

	assert_true(obj->dim >= SD_KRYLOV_DIM);
	assert_non_null(type->hvp);
	if (sd_chart_init_default(&chart, obj, &cause) != 0)
		fail_msg("%s: %s", spec, cause ? cause : "?");
	w = &chart.window;
	assert_int_equal(sd_finder_run(obj, &chart, w, &on, &fast[0],
	    &cause), 0);
	check_list(obj, &chart, w, &fast[0], 1e-6);
	assert_int_equal(sd_finder_run(obj, &chart, w, &opts, &fast[1],
	    &cause), 0);
	dense.hvp = NULL;
	obj->type = &dense;
	assert_int_equal(sd_finder_run(obj, &chart, w, &on, &slow[0],
	    &cause), 0);
	assert_int_equal(sd_finder_run(obj, &chart, w, &opts, &slow[1],
	    &cause), 0);
	check_same(&fast[0], &slow[0], spec);
	/* Most points near the slice are found by both, unless the off-slice
	 * budget cut a search short: each then lists what its own path
	 * reached first (matcomp:d=60: 21 dense, 11 matrix-free, 9 in both),
	 * and only the classifications are compared. */
	both = check_near(obj, &fast[1], &slow[1], fmax(w->xmax - w->xmin,
	    w->ymax - w->ymin), spec);
	fprintf(stderr, "# %s: near the slice %zu matrix-free, %zu dense, "
	    "%zu in both%s\n", spec, fast[1].n, slow[1].n, both,
	    fast[1].near_cut || slow[1].near_cut ? " (budget cut)" : "");
	assert_true(fast[1].near_cut || slow[1].near_cut ||
	    2 * both >= slow[1].n);
	obj->type = type;
	n = fast[0].n + fast[1].n;
	sd_point_list_done(&fast[0]);
	sd_point_list_done(&fast[1]);
	sd_point_list_done(&slow[0]);
	sd_point_list_done(&slow[1]);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return n;
}

static void
test_same_as_dense(void **unused)
{
	static const char *const specs[] = {
		"pca:d=60,seed=3", "matcomp:d=60", "glm:d=60,n=600",
		"glm-pop:d=60,nodes=24", "tensor:d=50,n=4,seed=2",
		"twolayer:k=8,m=8,n=600",
	};
	size_t i, found = 0;

	(void)unused;
	for (i = 0; i < sizeof specs / sizeof *specs; i++)
		found += compare(specs[i]) > 0;
	/* Every one of them has points to compare; matcomp, glm and
	 * twolayer (d³ + n·d² above FINDER_SPECTRUM_FLOPS) are classified
	 * by Lanczos, the others from their cheap full spectrum. */
	assert_int_equal(found, sizeof specs / sizeof *specs);
	assert_true(lanczos_points >= 3);
}

/* pca at d = 60, λ_i = 61 − i: at ±√λ_i v_i the Hessian's spectrum is
 * {4λ_i} ∪ {2(λ_i − λ_j), j ≠ i}, at 0 it is {−2λ_j}. */
static void
test_pca_extremes(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=60,seed=5");
	sd_point_list list;
	const sd_point *p;
	double lam, lo, hi, n2;
	sd_chart chart;
	char *cause = NULL;
	size_t i, k;

	(void)unused;
	if (sd_chart_init_default(&chart, obj, &cause) != 0)
		fail_msg("pca: %s", cause ? cause : "?");
	find_chart(obj, &chart, NULL, &list);
	check_list(obj, &chart, &chart.window, &list, 1e-6);
	sd_chart_done(&chart);
	/* 0, ±√λ1 v1, ±√λ2 v2 on the plane of v1 and v2. */
	assert_int_equal(list.n, 5);
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		for (n2 = 0, k = 0; k < obj->dim; k++)
			n2 += p->x[k] * p->x[k];
		lam = n2;	/* ‖√λ_i v_i‖² = λ_i; 0 at the origin */
		if (lam == 0) {
			lo = -2 * 60.0;
			hi = -2 * 1.0;
		} else {
			/* j ≠ i: the largest other λ_j is 59 at λ_1 = 60. */
			lo = fmin(4 * lam, 2 * (lam - (lam > 59.5 ? 59 : 60)));
			hi = fmax(4 * lam, 2 * (lam - 1));
		}
		assert_close(p->lambda_min, lo, 1e-6 * 240);
		assert_close(p->lambda_max, hi, 1e-6 * 240);
	}
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_as_dense),
		cmocka_unit_test(test_pca_extremes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
