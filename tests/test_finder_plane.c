/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_plane.c: the search through a slice (finder_plane.c: φ's
 * stationary points first, Newton in R^d only from those) lists what
 * Newton in R^d from every seed lists (sd_finder_options.full_space):
 * the same points, kinds, values and extreme eigenvalues, on pca and glm
 * at their default charts (where glm's minimum lies off the plane: none
 * either way), in high dimension (Krylov steps, Lanczos), and on a chart
 * through glm's empirical minimum, which is a root of f on the plane
 * that the plane does not keep (∇f leaves it elsewhere). It evaluates
 * ∇f in R^d far fewer times. The inner run's seeds on several threads
 * give the points of one, bit for bit. */
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

#include "testutil.h"
#include "finder_util.h"

/* The objective's own gradient, counted. */
static void (*own_grad)(const void *, const double *, double *);
static size_t grads;

static void
counted_grad(const void *state, const double *x, double *g)
{
	grads++;
	own_grad(state, x, g);
}

/* Run the finder on obj (its type swapped for one whose gradient is
 * counted) through chart; returns how many gradients in R^d it took. */
static size_t
run(sd_objective *obj, const sd_chart *chart, int full_space,
    sd_point_list *list)
{
	const sd_objective_type *type = obj->type;
	sd_objective_type counted = *type;
	sd_finder_options o = { 0 };
	char *cause = NULL;

	own_grad = type->grad;
	counted.grad = counted_grad;
	obj->type = &counted;
	grads = 0;
	o.full_space = full_space;
	if (sd_finder_run(obj, chart, &chart->window, &o, list, &cause) != 0)
		fail_msg("%s: %s", obj->spec, cause ? cause : "?");
	obj->type = type;
	return grads;
}

/* Both searches on obj through chart: the same list; returns its
 * length. */
static size_t
check_same(sd_objective *obj, const sd_chart *chart)
{
	sd_point_list plane, full;
	const sd_point *p, *q;
	size_t i, k, gp, gf, n;
	double big;

	gp = run(obj, chart, 0, &plane);
	gf = run(obj, chart, 1, &full);
	check_list(obj, chart, &chart->window, &plane, 1e-6);
	if (plane.n != full.n)
		fail_msg("%s: %zu points through the slice, %zu in R^d",
		    obj->spec, plane.n, full.n);
	for (i = 0; i < plane.n; i++) {
		p = &plane.points[i];
		q = &full.points[i];
		assert_int_equal(p->kind, q->kind);
		for (big = 1, k = 0; k < plane.dim; k++)
			big = fmax(big, fabs(q->x[k]));
		for (k = 0; k < plane.dim; k++)
			assert_close(p->x[k], q->x[k], 1e-7 * big);
		assert_close(p->f, q->f, 1e-9 * (1 + fabs(q->f)));
		big = fmax(fabs(q->lambda_min), fabs(q->lambda_max));
		assert_close(p->lambda_min, q->lambda_min, 1e-6 * big);
		assert_close(p->lambda_max, q->lambda_max, 1e-6 * big);
	}
	if (!(10 * gp < gf))
		fail_msg("%s: %zu gradients through the slice, %zu in R^d",
		    obj->spec, gp, gf);
	n = full.n;
	sd_point_list_done(&plane);
	sd_point_list_done(&full);
	return n;
}

/* On the default chart: the expected number of points both ways. */
static void
test_default_charts(void **unused)
{
	static const struct { const char *spec; size_t n; } cases[] = {
		{ "pca", 5 }, { "pca:d=7,seed=3", 5 },
		{ "pca:d=60,seed=1", 5 }, { "glm", 1 },
		{ "glm:d=20,n=300,seed=3", 1 }, { "glm:d=3,n=1100,wnorm=7", 1 },
		{ "twolayer", 3 }, { "twolayer:k=3,m=3,n=300", 3 },
	};
	sd_objective *obj;
	sd_chart chart;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		obj = test_objective_new(cases[i].spec);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		assert_int_equal(check_same(obj, &chart), cases[i].n);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* Through glm's empirical minimum ŵ (found off a random plane through 0
 * by the search near it), along that plane's directions: both searches
 * list ŵ, a minimum at (0, 0). (The default chart goes through ŵ.) */
static void
test_through_minimum(void **unused)
{
	static const char *const specs[] = { "glm:d=5,n=400",
	    "glm:d=60,n=300,seed=2" };
	static const double zero[60];
	sd_finder_options o = { 0 };
	sd_point_list list;
	sd_objective *obj;
	sd_chart chart, through;
	const sd_point *p;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		obj = test_objective_new(specs[i]);
		assert_int_equal(sd_chart_init_random(&chart, obj, zero, 2,
		    NULL), 0);
		o.near = SD_FINDER_NEAR;
		assert_int_equal(sd_finder_run(obj, &chart, &chart.window, &o,
		    &list, NULL), 0);
		assert_int_equal(count_kind(&list, SD_POINT_MIN), 1);
		p = &list.points[0];
		assert_true(p->kind == SD_POINT_MIN && p->offset > 1e-6);
		assert_int_equal(sd_chart_init_plane(&through, obj->dim, p->x,
		    chart.u, chart.v, NULL), 0);
		through.window = (sd_window){ -3, 2, -2.5, 3 };
		assert_int_equal(check_same(obj, &through), 1);
		sd_point_list_done(&list);
		run(obj, &through, 0, &list);
		assert_int_equal(list.n, 1);
		p = &list.points[0];
		assert_int_equal(p->kind, SD_POINT_MIN);
		assert_true(fabs(p->a) < 1e-8 && fabs(p->b) < 1e-8);
		sd_point_list_done(&list);
		sd_chart_done(&through);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* The run on obj through chart on `threads` threads (the inner run's
 * seeds go to all of them, finder_seeds.c). */
static void
run_threads(const sd_objective *obj, const sd_chart *chart, int threads,
    sd_point_list *list)
{
#ifdef _OPENMP
	omp_set_dynamic(0);
	omp_set_num_threads(threads);
#else
	(void)threads;
#endif
	if (sd_finder_run(obj, chart, &chart->window, NULL, list, NULL) != 0)
		fail_msg("%s: the run failed", obj->spec);
}

/* The inner run's seeds on 1, 2 and 3 threads: the same points, bit for
 * bit (every Newton run a function of its seed; the roots joined in
 * seed order). Without OpenMP the three runs are one thread each. */
static void
test_threads_same_bits(void **unused)
{
	static const char *const specs[] = {
		"twolayer:k=4,m=4,n=1001", "twolayer:k=3,m=3,n=300",
		"glm", "pca:d=7,seed=3",
	};
	sd_point_list one, more;
	const sd_point *p, *q;
	sd_objective *obj;
	sd_chart chart;
	size_t i, k;
	int t;

	(void)unused;
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		obj = test_objective_new(specs[i]);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		run_threads(obj, &chart, 1, &one);
		assert_true(one.n > 0);
		for (t = 2; t <= 3; t++) {
			run_threads(obj, &chart, t, &more);
			assert_int_equal(more.n, one.n);
			for (k = 0; k < one.n; k++) {
				p = &one.points[k];
				q = &more.points[k];
				assert_int_equal(p->kind, q->kind);
				assert_memory_equal(p->x, q->x,
				    one.dim * sizeof *p->x);
				assert_memory_equal(&p->f, &q->f, sizeof p->f);
				assert_memory_equal(&p->lambda_min,
				    &q->lambda_min, sizeof p->lambda_min);
				assert_memory_equal(&p->a, &q->a, sizeof p->a);
			}
			sd_point_list_done(&more);
		}
		sd_point_list_done(&one);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_charts),
		cmocka_unit_test(test_through_minimum),
		cmocka_unit_test(test_threads_same_bits),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
