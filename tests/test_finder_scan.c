/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_scan.c: the slice's grid sampled coarse to fine
 * (finder_scan.c) gives the full grid's seeds and scale, so the finder
 * lists the same points to the last bit: every field of every point
 * compared with memcmp between a run with the threshold lowered to one
 * byte (every slice coarse to fine) and one with it out of reach (every
 * slice on the full grid), on glm, twolayer and pca, on default, random
 * and zoomed charts, with a grid whose last coarse cell is narrower and
 * with the points near the slice (`--all`). The coarse runs sample
 * through grad_grid (counted) far fewer nodes than the full ones. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "testutil.h"
#include "finder_util.h"

/* The slice's own hooks, and the nodes grad_grid sampled. */
static int (*own_slice_new)(const void *, const double *, const double *,
    const double *, sd_objective_slice *, char **);
static void (*own_grad_grid)(const void *, size_t, const double *, size_t,
    const double *, double *, double *, size_t);
static atomic_size_t nodes;

static void
counted_grad_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *ga, double *gb, size_t stride)
{
	atomic_fetch_add(&nodes, na * nb);
	own_grad_grid(data, na, a, nb, b, ga, gb, stride);
}

static int
counted_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	if (own_slice_new(state, c, u, v, slice, cause) != 0)
		return -1;
	own_grad_grid = slice->grad_grid;
	if (slice->grad_grid != NULL)
		slice->grad_grid = counted_grad_grid;
	return 0;
}

/* The finder on obj through chart over w with the threshold scan_bytes;
 * returns the nodes grad_grid sampled. */
static size_t
run(sd_objective *obj, const sd_chart *chart, const sd_window *w,
    sd_finder_options o, size_t scan_bytes, sd_point_list *list)
{
	const sd_objective_type *type = obj->type;
	sd_objective_type counted = *type;
	char *cause = NULL;

	own_slice_new = type->slice_new;
	counted.slice_new = counted_slice_new;
	obj->type = &counted;
	atomic_store(&nodes, 0);
	o.scan_bytes = scan_bytes;
	if (sd_finder_run(obj, chart, w, &o, list, &cause) != 0)
		fail_msg("%s: %s", obj->spec, cause ? cause : "?");
	obj->type = type;
	return atomic_load(&nodes);
}

/* n doubles the same bits in p and q. */
static void
same_bits(const char *what, size_t k, const double *p, const double *q,
    size_t n)
{
	if (n > 0 && memcmp(p, q, n * sizeof *p) != 0)
		fail_msg("point %zu: %s differs (%.17g, %.17g coarse to fine, "
		    "%.17g, %.17g on the full grid)", k, what, p[0],
		    n > 1 ? p[1] : 0.0, q[0], n > 1 ? q[1] : 0.0);
}

/* The two lists agree to the last bit. */
static void
same_lists(const sd_point_list *c, const sd_point_list *f)
{
	const sd_point *p, *q;
	size_t k;

	assert_int_equal(c->n, f->n);
	assert_int_equal(c->complete, f->complete);
	assert_int_equal(c->near_cut, f->near_cut);
	for (k = 0; k < c->n; k++) {
		p = &c->points[k];
		q = &f->points[k];
		assert_int_equal(p->kind, q->kind);
		assert_int_equal(p->n_eigen, q->n_eigen);
		same_bits("x", k, p->x, q->x, c->dim);
		same_bits("the eigenvalues", k, p->eigen, q->eigen,
		    p->n_eigen);
		same_bits("f", k, &p->f, &q->f, 1);
		same_bits("‖∇f‖", k, &p->grad_norm, &q->grad_norm, 1);
		same_bits("(a, b)", k, &p->a, &q->a, 2);
		same_bits("the offset", k, &p->offset, &q->offset, 1);
	}
}

struct scan_case {
	const char	*spec;
	int		 chart;		/* 0 default, else a random one's seed */
	sd_window	 zoom;		/* all 0: the chart's window */
	int		 grid;		/* 0: the default */
	double		 near;
};

/* One case both ways: the same list; returns its length. With grad_grid
 * and the default grid the coarse run samples under a third of the full
 * grid's nodes. */
static size_t
check_case(const struct scan_case *sc)
{
	sd_finder_options o = { .grid = sc->grid, .near = sc->near };
	sd_point_list coarse, full;
	sd_objective *obj = test_objective_new(sc->spec);
	const sd_window *w;
	sd_chart chart;
	size_t nc, nf, n;

	assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
	if (sc->chart != 0) {
		sd_chart random;

		assert_int_equal(sd_chart_init_random(&random, obj,
		    chart.origin, (unsigned long)sc->chart, NULL), 0);
		sd_chart_done(&chart);
		chart = random;
	}
	w = sc->zoom.xmin < sc->zoom.xmax ? &sc->zoom : &chart.window;
	nc = run(obj, &chart, w, o, 1, &coarse);
	nf = run(obj, &chart, w, o, SIZE_MAX, &full);
	print_message("%-28s chart %d, grid %d%s: %zu points, grad_grid "
	    "%zu nodes coarse to fine, %zu full\n", sc->spec, sc->chart,
	    sc->grid, sc->near > 0 ? ", near" : "", full.n, nc, nf);
	if (sc->near == 0)
		check_list(obj, &chart, w, &coarse, 1e-6);
	same_lists(&coarse, &full);
	if (sc->grid == 0 && nf > 0 && !(3 * nc < nf))
		fail_msg("%s: %zu nodes coarse to fine, %zu on the full grid",
		    sc->spec, nc, nf);
	n = full.n;
	sd_point_list_done(&coarse);
	sd_point_list_done(&full);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return n;
}

/* Default and random charts, the default windows. */
static void
test_charts(void **unused)
{
	static const struct scan_case cases[] = {
		{ "glm", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "glm:n=2000,seed=4", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "glm:d=5,n=400", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "glm:d=5,n=400", 7, { 0, 0, 0, 0 }, 0, 0 },
		{ "glm:d=20,n=300,seed=3", 3, { 0, 0, 0, 0 }, 0, 0 },
		{ "twolayer", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "twolayer:k=3,m=3,n=300", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "twolayer:k=3,m=3,n=300", 5, { 0, 0, 0, 0 }, 0, 0 },
		{ "twolayer:k=4,m=4,n=500,act=1", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "pca", 0, { 0, 0, 0, 0 }, 0, 0 },
		{ "pca:d=7,seed=3", 2, { 0, 0, 0, 0 }, 0, 0 },
	};
	size_t i, total = 0;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		total += check_case(&cases[i]);
	/* Not a vacuous comparison: the charts have points to find. */
	assert_true(total >= 10);
}

/* A zoomed window (the largest ‖∇φ‖ inside, not at a corner), grids
 * whose last coarse cell is narrower than the others, and the points
 * near the slice. */
static void
test_windows_grids(void **unused)
{
	static const struct scan_case cases[] = {
		{ "twolayer", 0, { -0.7, 0.9, -0.4, 1.3 }, 0, 0 },
		{ "glm:d=5,n=400", 0, { -1, 2.5, -3, 0.5 }, 0, 0 },
		{ "twolayer:k=3,m=3,n=300", 0, { 0, 0, 0, 0 }, 90, 0 },
		{ "glm:n=600", 0, { 0, 0, 0, 0 }, 62, 0 },
		{ "pca:d=5", 0, { 0, 0, 0, 0 }, 70, 0 },
		{ "glm:d=5,n=400", 0, { 0, 0, 0, 0 }, 0, SD_FINDER_NEAR },
		{ "twolayer:k=3,m=3,n=300", 0, { 0, 0, 0, 0 }, 0, SD_FINDER_NEAR },
	};
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		check_case(&cases[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_charts),
		cmocka_unit_test(test_windows_grids),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
