/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_slice.c: f along a chart through the data's projections (slice.h)
 * is f at the lifted point to 1e-12, for every objective that projects
 * (glm, also with a last tile of odd length, whose last sample has no
 * partner for glm's shared quotient, and one whose pairs fill two
 * rounds of the sums' lanes and part of a third; each activation of
 * twolayer; pca)
 * on its default chart and on random charts through a point off the
 * origin, inside the window and 4, 16 and 64 times out of it (where
 * glm's exps no longer split); a point's value does not depend on the
 * points evaluated with it, alone, in a row or in a grid; the
 * projections follow the chart; the others are f itself; a formula's
 * slice is f at the lifted point, bit for bit. */
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
#include "landscape/slice.h"
#include "testutil.h"

#define SIDE_A	9
#define SIDE_B	7
#define POINTS	(SIDE_A * SIDE_B)

/* The objectives that project their data, at sizes a test affords. */
static const char *const projecting[] = {
	"glm", "glm:d=20,n=300,seed=3", "glm:d=3,n=1100,wnorm=7",
	"glm:d=5,n=1031,seed=2", "glm:d=4,n=1061,seed=5", "twolayer", "twolayer:k=3,m=4,n=300,act=1",
	"twolayer:k=3,m=4,n=700,act=2", "twolayer:k=3,m=5,n=517",
	"twolayer:k=6,m=6,n=1029,act=2", "pca", "pca:d=7,seed=3",
	"pca:d=30,seed=2,l1=40",
};

/* A grid over the chart's window stretched by scale, in a and b. */
static void
grid(const sd_chart *chart, double scale, double *a, double *b)
{
	const sd_window *w = &chart->window;
	size_t i, j;

	for (j = 0; j < SIDE_B; j++) {
		for (i = 0; i < SIDE_A; i++) {
			a[j * SIDE_A + i] = scale * (w->xmin + (w->xmax -
			    w->xmin) * ((double)i + 0.3) / SIDE_A);
			b[j * SIDE_A + i] = scale * (w->ymin + (w->ymax -
			    w->ymin) * ((double)j + 0.6) / SIDE_B);
		}
	}
}

/* Every point of the grid through the slice against f at the lifted
 * point, relative 1e-12. */
static void
check_chart(const sd_objective *obj, const sd_chart *chart)
{
	double a[POINTS], b[POINTS], f[POINTS], x[256], v, scale;
	sd_slice slice;
	size_t k;

	sd_slice_init(&slice);
	assert_int_equal(sd_slice_update(&slice, obj, chart, NULL), 0);
	assert_non_null(slice.proj.f);
	for (scale = 1; scale <= 64; scale *= 4) {
		grid(chart, scale, a, b);
		sd_slice_f(&slice, obj, chart, POINTS, a, b, f, x);
		for (k = 0; k < POINTS; k++) {
			v = sd_chart_f(chart, obj, a[k], b[k], x);
			if (!(fabs(f[k] - v) <= 1e-12 * fabs(v)))
				fail_msg("%s at (%g, %g): %.17g through the "
				    "slice, %.17g at the point", obj->spec,
				    a[k], b[k], f[k], v);
		}
	}
	sd_slice_done(&slice);
}

/* An origin off 0 in every coordinate: a chart through it has c ∉
 * span(u, v). */
static void
origin_off(double *c, size_t d)
{
	size_t k;

	for (k = 0; k < d; k++)
		c[k] = 0.4 * sin(1.7 * (double)k + 0.3);
}

static void
test_matches_direct(void **unused)
{
	double c[256];
	sd_chart chart;
	sd_objective *obj;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof projecting / sizeof projecting[0]; i++) {
		obj = test_objective_new(projecting[i]);
		assert_true(obj->dim <= 256);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		check_chart(obj, &chart);
		sd_chart_done(&chart);
		origin_off(c, obj->dim);
		assert_int_equal(sd_chart_init_random(&chart, obj, c, 7, NULL),
		    0);
		chart.window = obj->type->window;
		check_chart(obj, &chart);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* A point evaluated alone has the bits it has among the others. */
static void
test_alone_same_bits(void **unused)
{
	double a[POINTS], b[POINTS], f[POINTS], one, x[256];
	sd_chart chart;
	sd_objective *obj;
	sd_slice slice;
	size_t i, k;

	(void)unused;
	for (i = 0; i < sizeof projecting / sizeof projecting[0]; i++) {
		obj = test_objective_new(projecting[i]);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		sd_slice_init(&slice);
		assert_int_equal(sd_slice_update(&slice, obj, &chart, NULL),
		    0);
		grid(&chart, 1, a, b);
		sd_slice_f(&slice, obj, &chart, POINTS, a, b, f, x);
		for (k = 0; k < POINTS; k += 5) {
			sd_slice_f(&slice, obj, &chart, 1, a + k, b + k, &one,
			    x);
			assert_memory_equal(&one, &f[k], sizeof one);
		}
		sd_slice_done(&slice);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* A grid of points (inside the window, and so far out that glm cannot
 * split its exps) has each point's bits as the point alone has them,
 * and lands at its stride. */
static void
test_grid_same_bits(void **unused)
{
	double a[SIDE_A], b[SIDE_B], f[SIDE_B * (SIDE_A + 2)], one, x[256];
	double scale;
	sd_chart chart;
	sd_objective *obj;
	sd_slice slice;
	size_t c, i, j, s = SIDE_A + 2;

	(void)unused;
	for (c = 0; c < sizeof projecting / sizeof projecting[0]; c++) {
		obj = test_objective_new(projecting[c]);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		sd_slice_init(&slice);
		assert_int_equal(sd_slice_update(&slice, obj, &chart, NULL),
		    0);
		for (scale = 1; scale <= 100; scale *= 100) {
			for (i = 0; i < SIDE_A; i++)
				a[i] = scale * (0.37 * (double)i - 1.4);
			for (j = 0; j < SIDE_B; j++)
				b[j] = scale * (1.1 - 0.29 * (double)j);
			for (i = 0; i < SIDE_B * s; i++)
				f[i] = -1;
			sd_slice_grid(&slice, obj, &chart, SIDE_A, a, SIDE_B,
			    b, f, s, x);
			for (j = 0; j < SIDE_B; j++) {
				for (i = 0; i < SIDE_A; i++) {
					sd_slice_f(&slice, obj, &chart, 1,
					    &a[i], &b[j], &one, x);
					assert_memory_equal(&one, &f[j * s + i],
					    sizeof one);
				}
				assert_true(f[j * s + SIDE_A] == -1);
			}
		}
		sd_slice_done(&slice);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* Kept while the objective and the plane stay, made again for another
 * plane (whose values it then gives). */
static void
test_follows_chart(void **unused)
{
	double c[16], a = 0.7, b = -0.4, f, x[16];
	sd_objective *obj = test_objective_new("glm:d=6,n=400");
	sd_chart one, two;
	sd_slice slice;
	void *data;

	(void)unused;
	assert_int_equal(sd_chart_init_default(&one, obj, NULL), 0);
	origin_off(c, obj->dim);
	assert_int_equal(sd_chart_init_random(&two, obj, c, 3, NULL), 0);
	sd_slice_init(&slice);
	assert_int_equal(sd_slice_update(&slice, obj, &one, NULL), 0);
	data = slice.proj.data;
	assert_int_equal(sd_slice_update(&slice, obj, &one, NULL), 0);
	assert_ptr_equal(slice.proj.data, data);
	assert_int_equal(sd_slice_update(&slice, obj, &two, NULL), 0);
	sd_slice_f(&slice, obj, &two, 1, &a, &b, &f, x);
	assert_close(f, sd_chart_f(&two, obj, a, b, x),
	    1e-12 * fabs(sd_chart_f(&two, obj, a, b, x)));
	assert_true(fabs(f - sd_chart_f(&one, obj, a, b, x)) > 1e-6 * f);
	assert_true(slice.proj.bytes >= 4 * 400 * sizeof(double));
	sd_slice_done(&slice);
	sd_chart_done(&one);
	sd_chart_done(&two);
	sd_objective_free(obj);
}

/* A formula's slice is f at the lifted point bit for bit, alone, in a
 * batch and on a grid, on its default chart and on a random one,
 * inside the window and far out (where sin's reduction runs out of
 * bits and the value is libm's). */
static void
test_formula_exact(void **unused)
{
	static const char *const texts[] = {
	    "sin(3*x)*cos(2*y)+0.1*(x^2+y^2)",
	    "exp(-x^2-y^2)*log(1+x^2)+sin(1e6*x*y)", "log(x)+exp(y)-cos(x/y)",
	};
	double a[POINTS], b[POINTS], f[POINTS], g[POINTS], rows[SIDE_B];
	double c[2] = { 0.3, -0.2 }, x[2], scale, one;
	sd_chart chart;
	sd_objective *obj;
	sd_slice slice;
	size_t i, k, r;

	(void)unused;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		assert_non_null(obj = sd_objective_new_expr(texts[i], NULL));
		for (r = 0; r < 2; r++) {
			assert_int_equal(r == 0 ? sd_chart_init_default(&chart,
			    obj, NULL) : sd_chart_init_random(&chart, obj, c,
			    5, NULL), 0);
			sd_slice_init(&slice);
			assert_int_equal(sd_slice_update(&slice, obj, &chart,
			    NULL), 0);
			assert_non_null(slice.proj.f);
			for (scale = 1; scale <= 1e7; scale *= 1e3) {
				grid(&chart, scale, a, b);
				sd_slice_f(&slice, obj, &chart, POINTS, a, b,
				    f, x);
				/* Row j of the grid is b[j·SIDE_A]. */
				for (k = 0; k < SIDE_B; k++)
					rows[k] = b[k * SIDE_A];
				sd_slice_grid(&slice, obj, &chart, SIDE_A, a,
				    SIDE_B, rows, g, SIDE_A, x);
				for (k = 0; k < POINTS; k++) {
					one = sd_chart_f(&chart, obj, a[k],
					    b[k], x);
					assert_memory_equal(&one, &f[k],
					    sizeof one);
					assert_memory_equal(&one, &g[k],
					    sizeof one);
					sd_slice_f(&slice, obj, &chart, 1,
					    a + k, b + k, &one, x);
					assert_memory_equal(&one, &f[k],
					    sizeof one);
				}
			}
			sd_slice_done(&slice);
			sd_chart_done(&chart);
		}
		sd_objective_free(obj);
	}
}

/* Without projections (no hook, a sphere chart) a slice is f at the
 * lifted point, bit for bit. */
static void
test_others_direct(void **unused)
{
	static const char *const specs[] = { "himmelblau", "tensor",
	    "matcomp" };
	double a[POINTS], b[POINTS], f[POINTS], x[256];
	sd_chart chart;
	sd_objective *obj;
	sd_slice slice;
	size_t i, k;

	(void)unused;
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		obj = test_objective_new(specs[i]);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		sd_slice_init(&slice);
		assert_int_equal(sd_slice_update(&slice, obj, &chart, NULL),
		    0);
		assert_null(slice.proj.f);
		grid(&chart, 1, a, b);
		sd_slice_f(&slice, obj, &chart, POINTS, a, b, f, x);
		for (k = 0; k < POINTS; k++)
			assert_true(f[k] == sd_chart_f(&chart, obj, a[k], b[k],
			    x));
		sd_slice_done(&slice);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matches_direct),
		cmocka_unit_test(test_alone_same_bits),
		cmocka_unit_test(test_grid_same_bits),
		cmocka_unit_test(test_follows_chart),
		cmocka_unit_test(test_others_direct),
		cmocka_unit_test(test_formula_exact),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
