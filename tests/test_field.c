/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_field.c: the sampled grid the heatmap draws: where samples sit,
 * their statistics, non-finite values, reuse when panning, the same bits
 * on one thread and on two, and coarse fields refined into exact ones
 * (also on glm, whose slice evaluates tiles as grids). */
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

#include "expr/expr.h"
#include "landscape/field.h"
#include "testutil.h"

/* An objective with its default chart, shared by a test. */
typedef struct fixture {
	sd_objective	*obj;
	sd_chart	 chart;
	sd_field	 field;
} fixture;

/* Build the fixture for spec (or for the formula when expr is 1). */
static void
fixture_init(fixture *fx, const char *spec, int expr)
{
	char *cause = NULL;

	fx->obj = expr ? sd_objective_new_expr(spec, &cause) :
	    sd_objective_new(spec, &cause);
	if (fx->obj == NULL)
		fail_msg("%s: %s", spec, cause);
	assert_int_equal(sd_chart_init_default(&fx->chart, fx->obj, NULL), 0);
	assert_int_equal(sd_field_init(&fx->field, fx->obj->dim, NULL), 0);
}

/* Release the fixture. */
static void
fixture_done(fixture *fx)
{
	sd_field_done(&fx->field);
	sd_chart_done(&fx->chart);
	sd_objective_free(fx->obj);
}

/* f at (a, b) straight from the objective. */
static double
f_at(const fixture *fx, double a, double b)
{
	double x[2] = { a, b };

	return sd_objective_f(fx->obj, x);
}

/* Sample (i, j) sits at the centre of its cell, row 0 at the top, and
 * holds f there; the extremes and median are those of the samples. */
static void
test_samples(void **unused)
{
	const sd_window w = { -6, 6, -6, 6 };
	double a, b, v, lo = INFINITY, hi = -INFINITY, *all;
	size_t i, j, n, below = 0, evaluated;
	fixture fx;

	(void)unused;
	fixture_init(&fx, "himmelblau", 0);
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &w, 24,
	    12, &evaluated, NULL), 0);
	assert_int_equal(evaluated, 24 * 12);
	sd_field_coords(&fx.field, 0, 0, &a, &b);
	assert_close(a, -5.75, 1e-12);
	assert_close(b, 5.5, 1e-12);
	sd_field_coords(&fx.field, 23, 11, &a, &b);
	assert_close(a, 5.75, 1e-12);
	assert_close(b, -5.5, 1e-12);
	n = fx.field.cols * fx.field.rows;
	all = malloc(n * sizeof *all);
	for (j = 0; j < 12; j++) {
		for (i = 0; i < 24; i++) {
			sd_field_coords(&fx.field, i, j, &a, &b);
			v = sd_field_at(&fx.field, i, j);
			assert_true(v == f_at(&fx, a, b));
			lo = fmin(lo, v);
			hi = fmax(hi, v);
			all[j * 24 + i] = v;
		}
	}
	assert_true(fx.field.fmin == lo && fx.field.fmax == hi);
	assert_int_equal(fx.field.n_finite, n);
	for (i = 0; i < n; i++)
		below += all[i] < fx.field.fmedian;
	assert_true(below <= n / 2 && below + 1 >= n / 2);
	free(all);
	fixture_done(&fx);
}

/* On a fine grid the lowest sample of Himmelblau is near 0 (its four
 * global minima have f = 0) and lies next to one of them. */
static void
test_himmelblau_minima(void **unused)
{
	static const double minima[4][2] = {
		{ 3, 2 }, { -2.805118, 3.131312 }, { -3.779310, -3.283186 },
		{ 3.584428, -1.848126 }
	};
	const sd_window w = { -6, 6, -6, 6 };
	double a, b, d, best = INFINITY;
	size_t i, j, k, bi = 0, bj = 0;
	fixture fx;

	(void)unused;
	fixture_init(&fx, "himmelblau", 0);
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &w, 240,
	    140, NULL, NULL), 0);
	assert_true(fx.field.fmin >= 0 && fx.field.fmin < 0.05);
	for (j = 0; j < 140; j++) {
		for (i = 0; i < 240; i++) {
			if (sd_field_at(&fx.field, i, j) == fx.field.fmin) {
				bi = i;
				bj = j;
			}
		}
	}
	sd_field_coords(&fx.field, bi, bj, &a, &b);
	for (k = 0; k < 4; k++) {
		d = hypot(a - minima[k][0], b - minima[k][1]);
		best = fmin(best, d);
	}
	assert_true(best < 0.1);
	fixture_done(&fx);
}

/* Panning by whole samples evaluates only the uncovered strip, and the
 * result equals a fresh sampling of the new window. */
static void
test_pan_reuses(void **unused)
{
	sd_window w = { -2, 2, -1, 3 }, moved;
	const double dx = 4.0 / 40, dy = 4.0 / 30;
	size_t evaluated, i, j;
	fixture fx, fresh;

	(void)unused;
	fixture_init(&fx, "rosenbrock", 0);
	fixture_init(&fresh, "rosenbrock", 0);
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &w, 40,
	    30, NULL, NULL), 0);
	moved = w;
	moved.xmin += 3 * dx;
	moved.xmax += 3 * dx;
	moved.ymin -= 2 * dy;
	moved.ymax -= 2 * dy;
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &moved,
	    40, 30, &evaluated, NULL), 0);
	assert_int_equal(evaluated, 3 * 30 + 2 * 40 - 3 * 2);
	assert_int_equal(sd_field_update(&fresh.field, fresh.obj,
	    &fresh.chart, &moved, 40, 30, NULL, NULL), 0);
	for (j = 0; j < 30; j++) {
		for (i = 0; i < 40; i++)
			assert_close(sd_field_at(&fx.field, i, j),
			    sd_field_at(&fresh.field, i, j),
			    1e-9 * (1 + fabs(sd_field_at(&fresh.field, i, j))));
	}
	assert_close(fx.field.fmin, fresh.field.fmin, 1e-9);
	assert_close(fx.field.fmax, fresh.field.fmax, 1e-6);
	fixture_done(&fresh);
	fixture_done(&fx);
}

/* The sample that stands for sample k of [lo, lo + n) in blocks of s:
 * its block's centre, or the last of a short last block. */
static size_t
block_centre(size_t k, size_t lo, size_t n, size_t s)
{
	size_t c = (k - lo) / s * s + s / 2;

	return lo + (c < n ? c : n - 1);
}

/* A pan's preview on glm (whose grid shares its exps): the kept samples
 * are the old ones, bit for bit; the strips the pan uncovers hold, in
 * each 4 × 4 block of their own, the exact sample at the block's centre,
 * evaluated once each; the field says it is coarse. A preview moved
 * back is not a pan but a preview too: the window by 8 × 8 blocks,
 * then its samples within the new window taken over. */
static void
test_pan_preview(void **unused)
{
	const size_t cols = 40, rows = 30, s = 4;
	sd_field preview, exact;
	sd_window w, m;
	size_t i, j, n;
	double want;
	fixture fx;

	(void)unused;
	fixture_init(&fx, "glm:n=2000", 0);
	w = fx.chart.window;
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &w,
	    cols, rows, NULL, NULL), 0);
	m = w;
	m.xmin += 3 * (w.xmax - w.xmin) / cols;
	m.xmax += 3 * (w.xmax - w.xmin) / cols;
	m.ymin -= 2 * (w.ymax - w.ymin) / rows;
	m.ymax -= 2 * (w.ymax - w.ymin) / rows;
	assert_true(sd_field_pans(&fx.field, &m, cols, rows));
	assert_int_equal(sd_field_copy(&preview, &fx.field, NULL), 0);
	assert_int_equal(sd_field_copy(&exact, &fx.field, NULL), 0);
	assert_int_equal(sd_field_update_preview(&preview, fx.obj, &fx.chart,
	    &m, cols, rows, s, &n, NULL), 0);
	assert_int_equal(sd_field_update(&exact, fx.obj, &fx.chart, &m, cols,
	    rows, NULL, NULL), 0);
	/* Rows 28 and 29 (10 blocks), columns 37 to 39 of the others (7). */
	assert_int_equal(n, 10 + 7);
	assert_int_equal(preview.coarse, s);
	for (j = 0; j < rows; j++) {
		for (i = 0; i < cols; i++) {
			if (i < cols - 3 && j < rows - 2)
				want = sd_field_at(&fx.field, i + 3, j + 2);
			else if (j >= rows - 2)
				want = sd_field_at(&exact, block_centre(i, 0,
				    cols, s), block_centre(j, rows - 2, 2, s));
			else
				want = sd_field_at(&exact, block_centre(i,
				    cols - 3, 3, s), block_centre(j, 0,
				    rows - 2, s));
			assert_memory_equal(&want, &preview.f[j * cols + i],
			    sizeof want);
		}
	}
	assert_int_equal(preview.kept, (cols - 3) * (rows - 2));
	assert_false(sd_field_pans(&preview, &w, cols, rows));
	memcpy(exact.f, preview.f, cols * rows * sizeof *exact.f);
	assert_int_equal(sd_field_update_preview(&preview, fx.obj, &fx.chart,
	    &w, cols, rows, s, &n, NULL), 0);
	assert_int_equal(n, ((cols + 7) / 8) * ((rows + 7) / 8));
	assert_int_equal(preview.kept, (cols - 3) * (rows - 2));
	for (j = 2; j < rows; j++)
		assert_memory_equal(&preview.f[j * cols + 3],
		    &exact.f[(j - 2) * cols], (cols - 3) * sizeof *exact.f);
	sd_field_done(&preview);
	sd_field_done(&exact);
	fixture_done(&fx);
}

/* What cannot be reused is evaluated in full: a shift by a fraction of a
 * sample, a shift past the whole grid, a zoom, a new size, and any update
 * after sd_field_invalidate. */
static void
test_no_reuse(void **unused)
{
	sd_window w = { -2, 2, -2, 2 }, m;
	size_t evaluated;
	fixture fx;

	(void)unused;
	fixture_init(&fx, "camel6", 0);
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &w, 20,
	    10, NULL, NULL), 0);
	m = w;
	m.xmin += 0.05;
	m.xmax += 0.05;
	sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 20, 10, &evaluated,
	    NULL);
	assert_int_equal(evaluated, 200);
	m.xmin += 100;
	m.xmax += 100;
	sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 20, 10, &evaluated,
	    NULL);
	assert_int_equal(evaluated, 200);
	m.xmax += 0.2;
	sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 20, 10, &evaluated,
	    NULL);
	assert_int_equal(evaluated, 200);
	sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 21, 10, &evaluated,
	    NULL);
	assert_int_equal(evaluated, 210);
	sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 21, 10, &evaluated,
	    NULL);
	assert_int_equal(evaluated, 0);
	sd_field_invalidate(&fx.field);
	sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 21, 10, &evaluated,
	    NULL);
	assert_int_equal(evaluated, 210);
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &m, 0,
	    10, NULL, NULL), -1);
	fixture_done(&fx);
}

/* Where f is not finite (log x for x ≤ 0) the sample is NaN and left out
 * of the statistics. */
static void
test_not_finite(void **unused)
{
	const sd_window w = { -1, 1, -1, 1 };
	size_t i, j, nan = 0;
	fixture fx;

	(void)unused;
	fixture_init(&fx, "log(x)", 1);
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &w, 10,
	    4, NULL, NULL), 0);
	for (j = 0; j < 4; j++) {
		for (i = 0; i < 10; i++) {
			if (isnan(sd_field_at(&fx.field, i, j))) {
				nan++;
				assert_true(i < 5);
			}
		}
	}
	assert_int_equal(nan, 20);
	assert_int_equal(fx.field.n_finite, 20);
	assert_close(fx.field.fmin, log(0.1), 1e-12);
	assert_close(fx.field.fmax, log(0.9), 1e-12);
	assert_true(isfinite(fx.field.fmedian));
	fixture_done(&fx);
}

/* Run the next sampling on n threads (1 without OpenMP, where the
 * parallel loops are plain loops). */
static void
use_threads(int n)
{
#ifdef _OPENMP
	omp_set_dynamic(0);
	omp_set_num_threads(n);
	assert_int_equal(omp_get_max_threads(), n);
#else
	(void)n;
#endif
}

/* The whole field of spec over its default window, cols × rows, on n
 * threads, into a fresh fixture. */
static void
sample_on(fixture *fx, const char *spec, int expr, size_t cols,
    size_t rows, int n)
{
	size_t evaluated;

	fixture_init(fx, spec, expr);
	use_threads(n);
	assert_int_equal(sd_field_update(&fx->field, fx->obj, &fx->chart,
	    &fx->chart.window, cols, rows, &evaluated, NULL), 0);
	assert_int_equal(evaluated, cols * rows);
}

/* One thread or two, the field is the same bit for bit (NaN where f is
 * not finite included), and so are its statistics: on a plane chart, on
 * the tensor's sphere chart, on data objectives and on a formula that is
 * undefined on half the window; every sample is f at its coordinates:
 * the same bits, or within 1e-12 when the objective projects its data on
 * the chart (slice.h). */
static void
test_threads_identical(void **unused)
{
	static const struct {
		const char	*spec;
		int		 expr;
	} cases[] = {
		{ "himmelblau", 0 }, { "glm:d=5,n=50", 0 }, { "tensor", 0 },
		{ "twolayer:n=40", 0 }, { "matcomp", 0 },
		{ "log(x) + y^2", 1 },
	};
	double a, b, v, x[64];
	fixture one, two;
	size_t c, i, j, n = 61 * 37;

	(void)unused;
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		sample_on(&one, cases[c].spec, cases[c].expr, 61, 37, 1);
		sample_on(&two, cases[c].spec, cases[c].expr, 61, 37, 2);
		assert_memory_equal(one.field.f, two.field.f,
		    n * sizeof *one.field.f);
		assert_int_equal(one.field.n_finite, two.field.n_finite);
		assert_memory_equal(&one.field.fmin, &two.field.fmin,
		    sizeof(double));
		assert_memory_equal(&one.field.fmax, &two.field.fmax,
		    sizeof(double));
		assert_memory_equal(&one.field.fmedian, &two.field.fmedian,
		    sizeof(double));
		assert_true(one.obj->dim <= 64);
		for (j = 0; j < 37; j += 6) {
			for (i = 0; i < 61; i += 5) {
				sd_field_coords(&two.field, i, j, &a, &b);
				v = sd_chart_f(&two.chart, two.obj, a, b, x);
				if (isfinite(v) && two.field.slice.proj.f)
					assert_close(sd_field_at(&two.field, i,
					    j), v, 1e-12 * fabs(v));
				else if (isfinite(v))
					assert_true(sd_field_at(&two.field, i,
					    j) == v);
				else
					assert_true(isnan(sd_field_at(
					    &two.field, i, j)));
			}
		}
		fixture_done(&one);
		fixture_done(&two);
	}
	use_threads(2);
}

/* A coarse field holds, in each 4 × 4 block (short blocks at the right
 * and bottom edges), the exact sample at the block's centre; refined a
 * few rows at a time it becomes, bit for bit, the exact field, each
 * sample evaluated once in all (coarse + refined = cols × rows). A
 * coarse field is not reused when the window pans, and sd_field_update
 * over the same window finishes it. */
static void
test_coarse_refine(void **unused)
{
	const size_t cols = 30, rows = 17, s = 4;
	sd_window w = { -5, 5, -4, 4 }, m;
	size_t i, j, ci, cj, n, total, left;
	fixture fx, exact;

	(void)unused;
	fixture_init(&exact, "himmelblau", 0);
	fixture_init(&fx, "himmelblau", 0);
	assert_int_equal(sd_field_update(&exact.field, exact.obj,
	    &exact.chart, &w, cols, rows, NULL, NULL), 0);
	assert_int_equal(sd_field_update_coarse(&fx.field, fx.obj, &fx.chart,
	    &w, cols, rows, s, &n, NULL), 0);
	assert_int_equal(n, ((cols + s - 1) / s) * ((rows + s - 1) / s));
	assert_int_equal(fx.field.coarse, s);
	for (j = 0; j < rows; j++) {
		cj = j / s * s + s / 2 < rows ? j / s * s + s / 2 : rows - 1;
		for (i = 0; i < cols; i++) {
			ci = i / s * s + s / 2 < cols ? i / s * s + s / 2 :
			    cols - 1;
			assert_true(sd_field_at(&fx.field, i, j) ==
			    sd_field_at(&exact.field, ci, cj));
		}
	}
	/* Asking for the same coarse field again keeps it. */
	assert_int_equal(sd_field_update_coarse(&fx.field, fx.obj, &fx.chart,
	    &w, cols, rows, s, &total, NULL), 0);
	assert_int_equal(total, 0);
	total = n;
	do {
		left = sd_field_refine(&fx.field, fx.obj, &fx.chart, 3, &n);
		total += n;
	} while (left > 0);
	assert_int_equal(fx.field.coarse, 1);
	assert_int_equal(total, cols * rows);
	assert_memory_equal(fx.field.f, exact.field.f,
	    cols * rows * sizeof *fx.field.f);
	assert_true(fx.field.fmin == exact.field.fmin);
	assert_true(fx.field.fmedian == exact.field.fmedian);
	assert_int_equal(sd_field_refine(&fx.field, fx.obj, &fx.chart, 3, &n),
	    0);
	assert_int_equal(n, 0);
	/* An exact field stays exact when asked for a coarse one of its
	 * window. Panning a coarse field samples it anew; the exact update
	 * of the same window then evaluates the rest only. */
	sd_field_update_coarse(&fx.field, fx.obj, &fx.chart, &w, cols, rows,
	    s, &n, NULL);
	assert_int_equal(n, 0);
	assert_int_equal(fx.field.coarse, 1);
	sd_field_invalidate(&fx.field);
	sd_field_update_coarse(&fx.field, fx.obj, &fx.chart, &w, cols, rows,
	    s, &n, NULL);
	assert_int_equal(fx.field.coarse, s);
	m = w;
	m.xmin += 10.0 / cols;
	m.xmax += 10.0 / cols;
	sd_field_update_coarse(&fx.field, fx.obj, &fx.chart, &m, cols, rows,
	    s, &n, NULL);
	assert_int_equal(n, ((cols + s - 1) / s) * ((rows + s - 1) / s));
	assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart, &m,
	    cols, rows, &total, NULL), 0);
	assert_int_equal(n + total, cols * rows);
	assert_int_equal(fx.field.coarse, 1);
	sd_field_invalidate(&exact.field);
	assert_int_equal(sd_field_update(&exact.field, exact.obj,
	    &exact.chart, &m, cols, rows, NULL, NULL), 0);
	assert_memory_equal(fx.field.f, exact.field.f,
	    cols * rows * sizeof *fx.field.f);
	/* An exact field that pans by whole samples stays exact: only the
	 * strip is evaluated, coarse or not. */
	m.xmin += 10.0 / cols;
	m.xmax += 10.0 / cols;
	sd_field_update_coarse(&fx.field, fx.obj, &fx.chart, &m, cols, rows,
	    s, &n, NULL);
	assert_int_equal(n, rows);
	assert_int_equal(fx.field.coarse, 1);
	fixture_done(&fx);
	fixture_done(&exact);
}

/* Pan the exact field of fx by (di, dj) whole samples: the samples
 * the old field did not cover are evaluated, each the bits a fresh
 * field of the new window has; the others are the old ones (the same
 * points, their coordinates within rounding). */
static void
check_glm_pan(fixture *fx, const sd_window *w, size_t cols, size_t rows,
    long di, long dj)
{
	double dx = (w->xmax - w->xmin) / (double)cols;
	double dy = (w->ymax - w->ymin) / (double)rows, v, u;
	sd_window m = *w;
	size_t n, i, j;
	long oi, oj, covered = 0;
	fixture fresh;

	fixture_init(&fresh, fx->obj->spec, 0);
	assert_int_equal(sd_field_update(&fx->field, fx->obj, &fx->chart, w,
	    cols, rows, NULL, NULL), 0);
	m.xmin += (double)di * dx;
	m.xmax += (double)di * dx;
	m.ymin -= (double)dj * dy;
	m.ymax -= (double)dj * dy;
	assert_int_equal(sd_field_update(&fx->field, fx->obj, &fx->chart, &m,
	    cols, rows, &n, NULL), 0);
	assert_int_equal(sd_field_update(&fresh.field, fresh.obj,
	    &fresh.chart, &m, cols, rows, NULL, NULL), 0);
	for (j = 0; j < rows; j++) {
		for (i = 0; i < cols; i++) {
			oi = (long)i + di;
			oj = (long)j + dj;
			v = sd_field_at(&fx->field, i, j);
			u = sd_field_at(&fresh.field, i, j);
			if (oi < 0 || oj < 0 || oi >= (long)cols ||
			    oj >= (long)rows)
				assert_memory_equal(&v, &u, sizeof v);
			else {
				covered++;
				assert_close(v, u, 1e-9 * fabs(u));
			}
		}
	}
	assert_int_equal(n, cols * rows - (size_t)covered);
	fixture_done(&fresh);
}

/* glm's field (its slice shares exps along a tile's rows and columns):
 * a coarse field of 4 × 4 and of 12 × 12 blocks holds the exact field's
 * centre samples bit for bit and refines into the exact field; a pan by
 * whole samples in each direction evaluates the uncovered bands, to
 * the bits of a fresh field. */
static void
test_glm_paths(void **unused)
{
	static const size_t blocks[] = { 4, 12 };
	static const long pans[][2] = { { 3, -2 }, { -5, 4 }, { 0, 7 },
	    { -9, 0 } };
	const size_t cols = 61, rows = 37;
	size_t b, i, j, ci, cj, s, n, left;
	fixture fx, exact;
	sd_window w;

	(void)unused;
	fixture_init(&exact, "glm:d=5,n=1031,seed=2", 0);
	fixture_init(&fx, "glm:d=5,n=1031,seed=2", 0);
	w = exact.chart.window;
	assert_int_equal(sd_field_update(&exact.field, exact.obj,
	    &exact.chart, &w, cols, rows, NULL, NULL), 0);
	for (b = 0; b < sizeof blocks / sizeof blocks[0]; b++) {
		s = blocks[b];
		sd_field_invalidate(&fx.field);
		assert_int_equal(sd_field_update_coarse(&fx.field, fx.obj,
		    &fx.chart, &w, cols, rows, s, &n, NULL), 0);
		assert_int_equal(n, ((cols + s - 1) / s) * ((rows + s - 1) /
		    s));
		for (j = 0; j < rows; j++) {
			cj = j / s * s + s / 2 < rows ? j / s * s + s / 2 :
			    rows - 1;
			for (i = 0; i < cols; i++) {
				ci = i / s * s + s / 2 < cols ? i / s * s +
				    s / 2 : cols - 1;
				assert_memory_equal(&fx.field.f[j * cols + i],
				    &exact.field.f[cj * cols + ci],
				    sizeof(double));
			}
		}
		do
			left = sd_field_refine(&fx.field, fx.obj, &fx.chart, 5,
			    &n);
		while (left > 0);
		assert_memory_equal(fx.field.f, exact.field.f,
		    cols * rows * sizeof *fx.field.f);
	}
	for (i = 0; i < sizeof pans / sizeof pans[0]; i++)
		check_glm_pan(&fx, &w, cols, rows, pans[i][0], pans[i][1]);
	fixture_done(&fx);
	fixture_done(&exact);
}

/* The window w zoomed by z (> 1: in) about (a, b). */
static sd_window
zoomed(const sd_window *w, double z, double a, double b)
{
	sd_window m;

	m.xmin = a + (w->xmin - a) / z;
	m.xmax = a + (w->xmax - a) / z;
	m.ymin = b + (w->ymin - b) / z;
	m.ymax = b + (w->ymax - b) / z;
	return m;
}

/* Whether sample (i, j) of a field over m lies within fx's field over w,
 * and then which old sample's cell holds it. */
static int
zoom_old(const fixture *fx, const sd_field *at, size_t i, size_t j,
    long *oi, long *oj)
{
	const sd_window *w = &fx->field.window;
	const long cols = (long)at->cols, rows = (long)at->rows;
	double a, b;

	sd_field_coords(at, i, j, &a, &b);
	*oi = (long)floor((a - w->xmin) / ((w->xmax - w->xmin) / cols));
	*oj = (long)floor((w->ymax - b) / ((w->ymax - w->ymin) / rows));
	return *oi >= 0 && *oi < cols && *oj >= 0 && *oj < rows;
}

/* A zoom's preview of fx's exact field at m (s × s blocks): each sample
 * within the old window holds the old sample whose cell holds it, bit
 * for bit; those form a rectangle, and the rest the exact sample at the
 * centre of their 2s × 2s block of the window.
 * Refined row by row to the end, the field is the exact field of m
 * (sd_field_update, what `saddle render` draws) bit for bit. Returns
 * the preview's evaluations. */
static size_t
check_zoom(fixture *fx, const sd_window *m, size_t s)
{
	const size_t cols = fx->field.cols, rows = fx->field.rows;
	size_t i, j, n, in = 0, k[4] = { rows, 0, cols, 0 };
	sd_field preview, exact;
	long oi, oj;
	double want;

	assert_int_equal(sd_field_copy(&preview, &fx->field, NULL), 0);
	assert_int_equal(sd_field_init(&exact, fx->obj->dim, NULL), 0);
	assert_int_equal(sd_field_update(&exact, fx->obj, &fx->chart, m, cols,
	    rows, NULL, NULL), 0);
	assert_int_equal(sd_field_update_preview(&preview, fx->obj,
	    &fx->chart, m, cols, rows, s, &n, NULL), 0);
	assert_int_equal(preview.coarse, s);
	for (j = 0; j < rows; j++) {
		for (i = 0; i < cols; i++) {
			if (!zoom_old(fx, &preview, i, j, &oi, &oj))
				continue;
			assert_memory_equal(&preview.f[j * cols + i],
			    &fx->field.f[oj * (long)cols + oi], sizeof want);
			in++;
			k[0] = j < k[0] ? j : k[0];
			k[1] = j + 1 > k[1] ? j + 1 : k[1];
			k[2] = i < k[2] ? i : k[2];
			k[3] = i + 1 > k[3] ? i + 1 : k[3];
		}
	}
	assert_int_equal(preview.kept, in);
	assert_true(in > 0);
	assert_int_equal(in, (k[1] - k[0]) * (k[3] - k[2]));
	for (j = 0; j < rows; j++) {
		for (i = 0; i < cols; i++) {
			if (j >= k[0] && j < k[1] && i >= k[2] && i < k[3])
				continue;
			want = sd_field_at(&exact, block_centre(i, 0, cols,
			    2 * s), block_centre(j, 0, rows, 2 * s));
			assert_memory_equal(&want, &preview.f[j * cols + i],
			    sizeof want);
		}
	}
	while (sd_field_refine(&preview, fx->obj, &fx->chart, 7, NULL) > 0)
		;
	assert_memory_equal(preview.f, exact.f, cols * rows * sizeof *exact.f);
	assert_true(preview.fmin == exact.fmin && preview.fmax == exact.fmax);
	sd_field_done(&preview);
	sd_field_done(&exact);
	return n;
}

/* A zoom's first pass shows the old landscape magnified or shrunk at
 * once, then comes to the exact field (issue 13: a zoom on glm:n=100000
 * sampled the whole window again before its first frame). On glm, whose
 * grid shares exps, and on a formula: zooms in by 1.5 and 3 evaluate
 * nothing; a zoom out by 1.5 one sample an 8 × 8 block; both about
 * the centre and about a point off it. */
static void
test_zoom_preview(void **unused)
{
	static const char *const specs[] = { "glm:n=2000", "himmelblau" };
	const size_t cols = 40, rows = 30, s = 4;
	const size_t all = ((cols + 2 * s - 1) / (2 * s)) *
	    ((rows + 2 * s - 1) / (2 * s));
	size_t k;
	sd_window w, m;
	double a, b;
	fixture fx;

	(void)unused;
	for (k = 0; k < 2; k++) {
		fixture_init(&fx, specs[k], 0);
		w = fx.chart.window;
		a = w.xmin + 0.31 * (w.xmax - w.xmin);
		b = w.ymin + 0.62 * (w.ymax - w.ymin);
		assert_int_equal(sd_field_update(&fx.field, fx.obj, &fx.chart,
		    &w, cols, rows, NULL, NULL), 0);
		m = zoomed(&w, 1.5, a, b);
		assert_int_equal(check_zoom(&fx, &m, s), 0);
		m = zoomed(&w, 3, (w.xmin + w.xmax) / 2, (w.ymin + w.ymax) / 2);
		assert_int_equal(check_zoom(&fx, &m, s), 0);
		m = zoomed(&w, 1 / 1.5, a, b);
		assert_int_equal(check_zoom(&fx, &m, s), all);
		m = zoomed(&w, 1 / 1.5, (w.xmin + w.xmax) / 2,
		    (w.ymin + w.ymax) / 2);
		assert_int_equal(check_zoom(&fx, &m, s), all);
		fixture_done(&fx);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_himmelblau_minima),
		cmocka_unit_test(test_pan_reuses),
		cmocka_unit_test(test_no_reuse),
		cmocka_unit_test(test_not_finite),
		cmocka_unit_test(test_threads_identical),
		cmocka_unit_test(test_coarse_refine),
		cmocka_unit_test(test_pan_preview),
		cmocka_unit_test(test_zoom_preview),
		cmocka_unit_test(test_glm_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
