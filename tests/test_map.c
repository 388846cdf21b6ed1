/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_map.c: the chapter's landscape conditions pixel by pixel.
 *
 * The assertions are the chapter's: x1² + x2³ is not (α, β, γ)-strict-
 * saddle for any constants, and fails in a whole neighbourhood of 0
 * (Definition 2.1); doublewell is, for small constants; the population
 * risk of the GLM is weakly quasi-convex (Theorem 3.2), so its
 * quasiconvex ratio is positive over the window; a convex quadratic
 * satisfies (2.2) with τ = 2 exactly; the PL ratio vanishes at a saddle;
 * gradient descent's basins on doublewell are split by the saddle's
 * stable manifold x = 0, a set of measure zero that the map samples
 * exactly; Riemannian gd on the tensor problem reaches a global minimum
 * from every pixel (Theorem 5.2). */
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
#include "expr/expr.h"
#include "landscape/map.h"
#include "objectives/objective.h"
#include "testutil.h"

/* An objective, its default chart and a map of it. */
struct scene {
	sd_objective	*obj;
	sd_chart	 chart;
	sd_map		 map;
};

/* The options of a map of kind with default constants and runs. */
static sd_map_options
options(const sd_map_type *kind)
{
	sd_map_options o = { kind, NAN, NAN, NAN, NULL, NULL, 1000, 1e-6, 1 };

	return o;
}

/* Map spec (a name, or "=FORMULA" for a user formula) over w (NULL: the
 * chart's window) at cols × rows. */
static void
scene_map(struct scene *sc, const char *spec, const sd_window *w,
    size_t cols, size_t rows, const sd_map_options *o)
{
	char *cause = NULL;

	memset(sc, 0, sizeof *sc);
	sc->obj = spec[0] == '=' ? sd_objective_new_expr(spec + 1, &cause) :
	    sd_objective_new(spec, &cause);
	if (sc->obj == NULL ||
	    sd_chart_init_default(&sc->chart, sc->obj, &cause) != 0 ||
	    sd_map_compute(&sc->map, sc->obj, &sc->chart,
	    w ? w : &sc->chart.window, cols, rows, o, &cause) != 0)
		fail_msg("%s: %s", spec, cause);
}

/* Release a scene. */
static void
scene_close(struct scene *sc)
{
	sd_map_done(&sc->map);
	sd_chart_done(&sc->chart);
	sd_objective_free(sc->obj);
}

/* qsort order by magnitude. */
static int
cmp_abs(const void *pa, const void *pb)
{
	double a = fabs(*(const double *)pa), b = fabs(*(const double *)pb);

	return (a > b) - (a < b);
}

/* The centre column and row of a symmetric window sit exactly on the
 * axes, at any size; the others are evenly spaced. */
static void
test_coords(void **state)
{
	static const sd_window ws[] = { { -2, 2, -2, 2 },
	    { -5.12, 5.12, -5.12, 5.12 }, { -3, 3, -1.7, 1.7 },
	    { -0.1, 0.1, -1e-3, 1e-3 } };
	size_t k, cols, rows, i;
	double a, b, a1, b1;

	(void)state;
	for (k = 0; k < sizeof ws / sizeof *ws; k++) {
		for (cols = 1; cols < 200; cols += 7) {
			rows = cols / 2 + 1;
			sd_map_coords(&ws[k], cols, rows, cols / 2, rows / 2,
			    &a, &b);
			assert_true(a == 0 && b == 0);
			for (i = 0; i + 1 < cols; i++) {
				sd_map_coords(&ws[k], cols, rows, i, 0, &a, &b);
				sd_map_coords(&ws[k], cols, rows, i + 1, 1,
				    &a1, &b1);
				assert_close(a1 - a, (ws[k].xmax - ws[k].xmin) /
				    cols, 1e-12);
				assert_close(b - b1, (ws[k].ymax - ws[k].ymin) /
				    rows, 1e-12);
				assert_true(a >= ws[k].xmin &&
				    a1 < ws[k].xmax);
			}
		}
	}
}

/* x² + y³: a pixel violates Definition 2.1 exactly where ‖∇f‖ < α and
 * λ_min > −β (there are no minima), and all of a box around 0 whose size
 * follows the constants does, however small they are. */
static void
test_cubic_violates(void **state)
{
	static const double c[][2] = { { 1e-1, 1e-1 }, { 1e-2, 1e-1 },
	    { 1e-1, 1e-3 }, { 1e-3, 1e-3 }, { 1e-4, 1e-2 } };
	sd_map_options o = options(&sd_map_strict_saddle);
	sd_window w;
	struct scene sc;
	double r, a, b, gn, lmin;
	size_t k, p, n;
	int none;

	(void)state;
	for (k = 0; k < sizeof c / sizeof *c; k++) {
		o.alpha = c[k][0];
		o.beta = c[k][1];
		o.gamma = 1e-3;
		/* ‖∇f‖ = ‖(2x, 3y²)‖ < α and 6y > −β on this box. */
		r = 0.9 * fmin(fmin(o.alpha / (2 * sqrt(2.0)), o.beta / 6),
		    sqrt(o.alpha / (3 * sqrt(2.0))));
		w = (sd_window){ -r, r, -r, r };
		scene_map(&sc, "cubic", &w, 21, 21, &o);
		assert_int_equal(sc.map.count[SD_MAP_NONE], 21 * 21);
		scene_close(&sc);

		/* A wider window: the violations are exactly the pixels the
		 * analysis says. */
		w = (sd_window){ -40 * r, 40 * r, -40 * r, 40 * r };
		scene_map(&sc, "cubic", &w, 41, 41, &o);
		n = sc.map.cols * sc.map.rows;
		for (p = 0; p < n; p++) {
			sd_map_coords(&w, 41, 41, p % 41, p / 41, &a, &b);
			gn = hypot(2 * a, 3 * b * b);
			lmin = fmin(2, 6 * b);
			none = gn < o.alpha && lmin > -o.beta;
			assert_int_equal(sc.map.label[p] == SD_MAP_NONE, none);
		}
		assert_int_equal(sc.map.label[20 * 41 + 20], SD_MAP_NONE);
		scene_close(&sc);
	}
}

/* Doublewell is (α, β, γ)-strict-saddle for small constants: no pixel
 * violates; with a large α and a tiny γ it is not, and the map says so. */
static void
test_doublewell_strict(void **state)
{
	static const double c[][3] = { { 0.05, 0.1, 0.1 },
	    { 0.01, 0.01, 0.05 }, { 0.1, 0.5, 0.2 } };
	sd_map_options o = options(&sd_map_strict_saddle);
	struct scene sc;
	size_t k;

	(void)state;
	for (k = 0; k < sizeof c / sizeof *c; k++) {
		o.alpha = c[k][0];
		o.beta = c[k][1];
		o.gamma = c[k][2];
		scene_map(&sc, "doublewell", NULL, 81, 61, &o);
		assert_int_equal(sc.map.count[SD_MAP_NONE], 0);
		assert_true(sc.map.held[SD_MAP_CURVATURE] > 0);
		assert_true(sc.map.held[SD_MAP_NEAR_MIN] > 0);
		scene_close(&sc);
	}
	scene_map(&sc, "doublewell", NULL, 81, 61,
	    &(sd_map_options){ &sd_map_strict_saddle, 2, 0.1, 0.01, NULL, NULL,
	    0, 1e-6, 1 });
	assert_true(sc.map.count[SD_MAP_NONE] > 0);
	scene_close(&sc);
	/* The default constants are small enough. */
	scene_map(&sc, "doublewell", NULL, 81, 61,
	    &(sd_map_options){ &sd_map_strict_saddle, NAN, NAN, NAN, NULL,
	    NULL, 0, 1e-6, 1 });
	assert_int_equal(sc.map.count[SD_MAP_NONE], 0);
	assert_true(sc.map.alpha > 0 && sc.map.beta > 0 && sc.map.gamma > 0);
	scene_close(&sc);
}

/* The tensor problem on the sphere, through the Riemannian Hessian: near
 * the saddles (±a_i ± a_j)/√2 the curvature condition holds. */
static void
test_tensor_strict(void **state)
{
	sd_map_options o = options(&sd_map_strict_saddle);
	struct scene sc;
	double a, b;
	size_t i, j;

	(void)state;
	o.alpha = 0.1;
	o.beta = 0.1;
	o.gamma = 0.1;
	scene_map(&sc, "tensor", NULL, 72, 36, &o);
	assert_int_equal(sc.map.count[SD_MAP_NONE], 0);
	assert_int_equal(sc.map.count[SD_MAP_UNDEFINED], 0);
	/* The saddle (a_1 + a_2)/√2 at longitude π/4, latitude 0. */
	for (j = 0; j < 36; j++) {
		for (i = 0; i < 72; i++) {
			sd_map_coords(&sc.map.window, 72, 36, i, j, &a, &b);
			if (hypot(a - M_PI / 4, b) < 0.05)
				assert_true(sc.map.holds[j * 72 + i] &
				    (1u << SD_MAP_CURVATURE));
		}
	}
	scene_close(&sc);
}

/* glm-pop is weakly quasi-convex (Theorem 3.2): the smallest ratio over
 * the default window is positive. */
static void
test_glm_pop_quasiconvex(void **state)
{
	sd_map_options o = options(&sd_map_quasiconvex);
	struct scene sc;

	(void)state;
	scene_map(&sc, "glm-pop", NULL, 61, 61, &o);
	assert_true(sc.map.n_defined > 61 * 61 - 2);
	assert_true(sc.map.vmin > 0);
	assert_true(sc.map.vmin <= sc.map.vmax);
	assert_true(sc.map.value[sc.map.at_min] == sc.map.vmin);
	scene_close(&sc);
}

/* A convex quadratic x² + 2y²: ∇f·x = 2f, so the quasiconvex ratio is 2
 * everywhere; RSI's lies between the eigenvalues 2 and 4 and reaches 2
 * on the x axis; PL's ‖∇f‖²/f between 4 and 8. */
static void
test_quadratic_ratios(void **state)
{
	sd_map_options o;
	struct scene sc;
	size_t p, n;

	(void)state;
	o = options(&sd_map_quasiconvex);
	scene_map(&sc, "=x^2 + 2*y^2", NULL, 31, 31, &o);
	n = 31 * 31;
	assert_int_equal(sc.map.n_defined, n - 1);	/* x* itself */
	assert_true(isnan(sc.map.value[15 * 31 + 15]));
	for (p = 0; p < n; p++) {
		if (p != 15 * 31 + 15)
			assert_close(sc.map.value[p], 2, 1e-12);
	}
	assert_close(sc.map.fstar, 0, 1e-15);
	scene_close(&sc);
	o = options(&sd_map_rsi);
	scene_map(&sc, "=x^2 + 2*y^2", NULL, 31, 31, &o);
	assert_close(sc.map.vmin, 2, 1e-12);
	assert_true(sc.map.vmax <= 4 + 1e-12 && sc.map.vmax > 3.9);
	scene_close(&sc);
	o = options(&sd_map_pl);
	scene_map(&sc, "=x^2 + 2*y^2", NULL, 31, 31, &o);
	assert_close(sc.map.vmin, 4, 1e-12);
	assert_true(sc.map.vmax <= 8 + 1e-12);
	scene_close(&sc);
}

/* Doublewell's PL ratio against the analytic one, and 0 at the saddle,
 * which a symmetric window samples exactly: the PL condition fails. */
static void
test_doublewell_pl(void **state)
{
	sd_map_options o = options(&sd_map_pl);
	struct scene sc;
	double a, b, g1, g2, f;
	size_t p;

	(void)state;
	scene_map(&sc, "doublewell", NULL, 41, 41, &o);
	assert_close(sc.map.fstar, 0, 1e-15);
	for (p = 0; p < 41 * 41; p++) {
		sd_map_coords(&sc.map.window, 41, 41, p % 41, p / 41, &a, &b);
		f = (a * a - 1) * (a * a - 1) + b * b;
		g1 = 4 * a * (a * a - 1);
		g2 = 2 * b;
		if (f > 1e-9)
			assert_close(sc.map.value[p], (g1 * g1 + g2 * g2) / f,
			    1e-9 * (1 + fabs(sc.map.value[p])));
	}
	assert_true(sc.map.vmin == 0);
	assert_int_equal(sc.map.at_min, 20 * 41 + 20);
	scene_close(&sc);
}

/* Ratios need a minimum: cubic has none. */
static void
test_no_minimum(void **state)
{
	sd_map_options o = options(&sd_map_rsi);
	sd_objective *obj = sd_objective_new("cubic", NULL);
	sd_chart chart;
	sd_map map;
	char *cause = NULL;

	(void)state;
	sd_chart_init_default(&chart, obj, NULL);
	assert_int_equal(sd_map_compute(&map, obj, &chart, &chart.window, 10,
	    10, &o, &cause), -1);
	assert_non_null(strstr(cause, "no minimum"));
	free(cause);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Doublewell's basins under gd: the column x = 0 ends at the saddle, a
 * thin set of its own; left of it the minimum (−1, 0), right of it
 * (1, 0). With an odd and an even number of columns. */
static void
test_doublewell_basins(void **state)
{
	static const size_t sizes[][2] = { { 41, 21 }, { 40, 20 } };
	sd_map_options o = options(&sd_map_basins);
	const sd_point *m;
	struct scene sc;
	double a, b;
	size_t k, p, cols, rows;
	int want;

	(void)state;
	for (k = 0; k < 2; k++) {
		cols = sizes[k][0];
		rows = sizes[k][1];
		scene_map(&sc, "doublewell", NULL, cols, rows, &o);
		assert_int_equal(sc.map.n_minima, 2);
		assert_int_equal(sc.map.n_labels, 2 + SD_MAP_BASIN_EXTRA);
		for (p = 0; p < cols * rows; p++) {
			sd_map_coords(&sc.map.window, cols, rows, p % cols,
			    p / cols, &a, &b);
			if (a == 0)
				want = 2 + SD_MAP_BASIN_SADDLE;
			else {
				m = sd_map_minimum(&sc.map,
				    (size_t)sc.map.label[p]);
				assert_non_null(m);
				assert_close(m->x[0], a > 0 ? 1 : -1, 1e-9);
				want = sc.map.label[p];
			}
			assert_int_equal(sc.map.label[p], want);
		}
		assert_int_equal(sc.map.count[2 + SD_MAP_BASIN_SADDLE], rows);
		scene_close(&sc);
	}
}

/* Riemannian gd on the tensor problem ends at a global minimum from
 * every pixel of the sphere (Theorem 5.2) — every pixel but those that
 * sit on a saddle: a 40 × 20 grid samples all twelve (±a_i ± a_j)/√2
 * exactly, and there gd has nowhere to go; a 41 × 21 grid misses them. */
static void
test_tensor_basins(void **state)
{
	sd_map_options o = options(&sd_map_basins);
	const sd_point *m;
	struct scene sc;
	double a, b, x[3];
	size_t k, p, saddles = 0;

	(void)state;
	o.steps = 3000;
	o.tol = 1e-8;
	scene_map(&sc, "tensor", NULL, 41, 21, &o);
	for (p = 0; p < 41 * 21; p++)
		assert_true((size_t)sc.map.label[p] < sc.map.n_minima);
	for (k = 0; k < sc.map.n_minima; k++) {
		m = sd_map_minimum(&sc.map, k);
		if (sc.map.count[k] > 0)
			assert_close(m->f, -1, 1e-9);
	}
	scene_close(&sc);

	scene_map(&sc, "tensor", NULL, 40, 20, &o);
	for (p = 0; p < 40 * 20; p++) {
		if ((size_t)sc.map.label[p] < sc.map.n_minima)
			continue;
		assert_int_equal(sc.map.label[p],
		    sc.map.n_minima + SD_MAP_BASIN_SADDLE);
		sd_map_coords(&sc.map.window, 40, 20, p % 40, p / 40, &a, &b);
		sd_chart_lift(&sc.chart, a, b, x);
		qsort(x, 3, sizeof *x, cmp_abs);
		assert_close(fabs(x[0]), 0, 1e-12);
		assert_close(fabs(x[1]), M_SQRT1_2, 1e-12);
		assert_close(fabs(x[2]), M_SQRT1_2, 1e-12);
		saddles++;
	}
	assert_int_equal(saddles, 12);
	scene_close(&sc);
}

/* One thread and two draw the same maps. */
static void
test_threads(void **state)
{
	static const sd_map_type *const kinds[] = { &sd_map_strict_saddle,
	    &sd_map_rsi, &sd_map_basins };
	sd_map_options o;
	struct scene one, two;
	size_t k, n = 50 * 30;

	(void)state;
	for (k = 0; k < 3; k++) {
		o = options(kinds[k]);
#ifdef _OPENMP
		omp_set_num_threads(1);
#endif
		scene_map(&one, "himmelblau", NULL, 50, 30, &o);
#ifdef _OPENMP
		omp_set_num_threads(2);
#endif
		scene_map(&two, "himmelblau", NULL, 50, 30, &o);
		if (one.map.label != NULL)
			assert_memory_equal(one.map.label, two.map.label,
			    n * sizeof *one.map.label);
		else
			assert_memory_equal(one.map.value, two.map.value,
			    n * sizeof *one.map.value);
		scene_close(&one);
		scene_close(&two);
	}
}

/* The pixel maps evaluate blocks of pixels through fg_batch when the
 * objective has one: the same values, bit for bit, as pixel by pixel
 * (the same objective's type without fg_batch). */
static void
test_batch_pixels(void **state)
{
	static const sd_map_type *const kinds[] = { &sd_map_strict_saddle,
	    &sd_map_pl, &sd_map_rsi };
	sd_objective_type t;
	sd_objective *plain;
	sd_map_options o;
	struct scene sc;
	sd_map m;
	size_t k, n = 70 * 30;
	char *cause = NULL;

	(void)state;
	for (k = 0; k < 3; k++) {
		o = options(kinds[k]);
		scene_map(&sc, "himmelblau", NULL, 70, 30, &o);
		assert_non_null(sc.obj->type->fg_batch);
		t = *sc.obj->type;
		t.fg_batch = NULL;
		assert_non_null(plain = sd_objective_new_state(&t, NULL,
		    "himmelblau", NULL));
		memset(&m, 0, sizeof m);
		if (sd_map_compute(&m, plain, &sc.chart, &sc.chart.window,
		    70, 30, &o, &cause) != 0)
			fail_msg("%s", cause);
		if (m.label != NULL)
			assert_memory_equal(sc.map.label, m.label,
			    n * sizeof *m.label);
		else
			assert_memory_equal(sc.map.value, m.value,
			    n * sizeof *m.value);
		sd_map_done(&m);
		sd_objective_free(plain);
		scene_close(&sc);
	}
}

/* Kinds parse by name; unknown ones are refused with the list. */
static void
test_kinds(void **state)
{
	size_t k;
	char *cause = NULL;

	(void)state;
	for (k = 0; sd_map_types[k] != NULL; k++)
		assert_ptr_equal(sd_map_type_find(sd_map_types[k]->name, NULL),
		    sd_map_types[k]);
	assert_null(sd_map_type_find("convex", &cause));
	assert_non_null(strstr(cause, "'convex'"));
	assert_non_null(strstr(cause, "quasiconvex"));
	free(cause);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coords),
		cmocka_unit_test(test_cubic_violates),
		cmocka_unit_test(test_doublewell_strict),
		cmocka_unit_test(test_tensor_strict),
		cmocka_unit_test(test_glm_pop_quasiconvex),
		cmocka_unit_test(test_quadratic_ratios),
		cmocka_unit_test(test_doublewell_pl),
		cmocka_unit_test(test_no_minimum),
		cmocka_unit_test(test_doublewell_basins),
		cmocka_unit_test(test_tensor_basins),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_batch_pixels),
		cmocka_unit_test(test_kinds),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
