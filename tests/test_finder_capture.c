/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_capture.c: the inner run's later seeds stop when a root of
 * an earlier round captures them (finder_newton.c, finder_seeds.c). The
 * list is the one every run to its end gives (no_capture): the same
 * points, kinds and completeness, each point where that run put it to
 * within the roots' own accuracy, on glm, twolayer, pca and matcomp
 * through default and random charts and with the points near the slice;
 * the runs take fewer of φ's fgh (counted) on twolayer, where most seeds
 * converge onto a root found before them; and the list has the same bits
 * on one thread and on two. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <cmocka.h>

#include "testutil.h"
#include "finder_util.h"

/* The slice's own hooks, and the fgh the inner run took. */
static int (*own_slice_new)(const void *, const double *, const double *,
    const double *, sd_objective_slice *, char **);
static void (*own_fgh)(const void *, double, double, double *, double *,
    double *);
static atomic_size_t calls;

static void
counted_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	atomic_fetch_add(&calls, 1);
	own_fgh(data, a, b, f, g, h);
}

static int
counted_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	if (own_slice_new(state, c, u, v, slice, cause) != 0)
		return -1;
	own_fgh = slice->fgh;
	if (slice->fgh != NULL)
		slice->fgh = counted_fgh;
	return 0;
}

/* The finder on obj through chart with options o; returns the fgh
 * taken. */
static size_t
run(sd_objective *obj, const sd_chart *chart, sd_finder_options o,
    sd_point_list *list)
{
	const sd_objective_type *type = obj->type;
	sd_objective_type counted = *type;
	char *cause = NULL;

	own_slice_new = type->slice_new;
	if (type->slice_new != NULL)
		counted.slice_new = counted_slice_new;
	obj->type = &counted;
	atomic_store(&calls, 0);
	if (sd_finder_run(obj, chart, &chart->window, &o, list, &cause) != 0)
		fail_msg("%s: %s", obj->spec, cause ? cause : "?");
	obj->type = type;
	return atomic_load(&calls);
}

/* The two lists are one: the same points in the same order, each within
 * 1e-9·(‖x‖∞ + L) of the other (Newton puts a root within 1e-12 of
 * that), f within 1e-12 of the list's largest |f| (a minimum where the
 * network fits the data has f ~ 1e-32, rounding's, beside saddles of
 * f ~ 1), the eigenvalues within 1e-6 of the largest |λ|. */
static void
same_points(const sd_point_list *c, const sd_point_list *f, double length)
{
	const sd_point *p, *q;
	double big, lam, tol, fs = 0;
	size_t k, i;

	assert_int_equal(c->n, f->n);
	assert_int_equal(c->complete, f->complete);
	for (k = 0; k < f->n; k++)
		fs = fmax(fs, fabs(f->points[k].f));
	for (k = 0; k < c->n; k++) {
		p = &c->points[k];
		q = &f->points[k];
		assert_int_equal(p->kind, q->kind);
		assert_int_equal(p->n_eigen, q->n_eigen);
		for (big = 0, i = 0; i < c->dim; i++)
			big = fmax(big, fabs(q->x[i]));
		tol = 1e-9 * (big + length);
		for (i = 0; i < c->dim; i++)
			if (!(fabs(p->x[i] - q->x[i]) <= tol))
				fail_msg("point %zu: x%zu %.17g captured, "
				    "%.17g run to its end", k, i + 1,
				    p->x[i], q->x[i]);
		if (!(fabs(p->f - q->f) <= 1e-12 * fs + 1e-300))
			fail_msg("point %zu: f %.17g captured, %.17g", k,
			    p->f, q->f);
		for (lam = 0, i = 0; i < q->n_eigen; i++)
			lam = fmax(lam, fabs(q->eigen[i]));
		for (i = 0; i < q->n_eigen; i++)
			if (!(fabs(p->eigen[i] - q->eigen[i]) <= 1e-6 * lam))
				fail_msg("point %zu: eigenvalue %zu %.17g "
				    "captured, %.17g", k, i, p->eigen[i],
				    q->eigen[i]);
	}
}

/* Every double of the two lists the same bits. */
static void
same_bits(const sd_point_list *c, const sd_point_list *f)
{
	size_t k;

	assert_int_equal(c->n, f->n);
	for (k = 0; k < c->n; k++) {
		assert_int_equal(c->points[k].kind, f->points[k].kind);
		assert_memory_equal(c->points[k].x, f->points[k].x,
		    c->dim * sizeof(double));
		assert_memory_equal(&c->points[k].f, &f->points[k].f,
		    sizeof(double));
		assert_memory_equal(&c->points[k].grad_norm,
		    &f->points[k].grad_norm, sizeof(double));
	}
}

struct capture_case {
	const char	*spec;
	int		 chart;		/* 0 default, else a random one's seed */
	double		 near;
};

/* The chart of a case. */
static void
case_chart(const struct capture_case *cc, sd_objective *obj, sd_chart *chart)
{
	assert_int_equal(sd_chart_init_default(chart, obj, NULL), 0);
	if (cc->chart != 0) {
		sd_chart random;

		assert_int_equal(sd_chart_init_random(&random, obj,
		    chart->origin, (unsigned long)cc->chart, NULL), 0);
		sd_chart_done(chart);
		*chart = random;
	}
}

/* One case both ways; *saved is raised by the fgh the capture saved.
 * Returns the list's length. */
static size_t
check_case(const struct capture_case *cc, long *saved)
{
	sd_finder_options o = { .near = cc->near }, all = o;
	sd_objective *obj = test_objective_new(cc->spec);
	sd_point_list captured, full;
	const sd_window *w;
	sd_chart chart;
	size_t nc, nf, n;

	case_chart(cc, obj, &chart);
	w = &chart.window;
	all.no_capture = 1;
	nc = run(obj, &chart, o, &captured);
	nf = run(obj, &chart, all, &full);
	print_message("%-28s chart %d%s: %zu points, fgh %zu captured, "
	    "%zu run to the end\n", cc->spec, cc->chart,
	    cc->near > 0 ? ", near" : "", full.n, nc, nf);
	if (cc->near == 0)
		check_list(obj, &chart, w, &captured, 1e-6);
	same_points(&captured, &full, fmax(w->xmax - w->xmin,
	    w->ymax - w->ymin));
	/* Never more work: a capture only ends runs early. */
	assert_true(nc <= nf);
	*saved += (long)nf - (long)nc;
	n = full.n;
	sd_point_list_done(&captured);
	sd_point_list_done(&full);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return n;
}

static void
test_same_points(void **unused)
{
	static const struct capture_case cases[] = {
		{ "glm", 0, 0 },
		{ "glm:d=5,n=400", 7, 0 },
		{ "glm:d=20,n=300,seed=3", 0, 0 },
		{ "twolayer", 0, 0 },
		{ "twolayer:k=3,m=3,n=300", 5, 0 },
		{ "twolayer:k=4,m=4,n=500,act=1", 0, 0 },
		{ "twolayer:k=6,m=6,n=1000", 0, 0 },
		{ "pca", 0, 0 },
		{ "pca:d=7,seed=3", 2, 0 },
		{ "matcomp", 0, 0 },
		{ "glm:d=5,n=400", 0, SD_FINDER_NEAR },
		{ "twolayer:k=3,m=3,n=300", 0, SD_FINDER_NEAR },
	};
	size_t i, total = 0;
	long saved = 0;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		total += check_case(&cases[i], &saved);
	/* Not a vacuous comparison: the charts have points to find, and
	 * the capture ends runs early (about a third of the fgh on
	 * twolayer). */
	assert_true(total >= 10);
	assert_true(saved > 100);
}

/* The rounds make the list a function of the seeds alone: the same bits
 * on one thread and on two. */
static void
test_threads(void **unused)
{
#ifdef _OPENMP
	static const struct capture_case cases[] = {
		{ "twolayer:k=6,m=6,n=1000", 0, 0 },
		{ "glm:d=5,n=400", 7, 0 },
	};
	sd_point_list one, two;
	sd_objective *obj;
	sd_finder_options o = { 0 };
	sd_chart chart;
	size_t i;
	int threads = omp_get_max_threads();

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		obj = test_objective_new(cases[i].spec);
		case_chart(&cases[i], obj, &chart);
		omp_set_num_threads(1);
		run(obj, &chart, o, &one);
		omp_set_num_threads(2);
		run(obj, &chart, o, &two);
		omp_set_num_threads(threads);
		same_bits(&one, &two);
		sd_point_list_done(&one);
		sd_point_list_done(&two);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
#else
	(void)unused;
	skip();
#endif
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_points),
		cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
