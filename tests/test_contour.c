/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_contour.c: marching squares (figure/contour.h): a circle comes out
 * as one closed line on the circle, a ramp as one straight open line
 * across the field, a saddle's level as its two branches, a NaN hole
 * breaks the line around it, and a level outside the field gives
 * nothing. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "figure/contour.h"
#include "testutil.h"

#define N 41		/* samples each way */
#define C 20.0		/* the centre sample */

/* What the emitted lines were like. */
typedef struct lines {
	int	n, closed;
	size_t	points;
	double	rmin, rmax;	/* distance of every point from (C, C) */
	double	xmin, xmax;
	double	ymin, ymax;
} lines;

/* contour_emit_fn: tally the line. */
static void
record(void *arg, const double *xy, size_t n, int closed)
{
	lines *l = arg;
	double r;
	size_t k;

	l->n++;
	l->closed += closed;
	l->points += n;
	for (k = 0; k < n; k++) {
		r = hypot(xy[2 * k] - C, xy[2 * k + 1] - C);
		l->rmin = fmin(l->rmin, r);
		l->rmax = fmax(l->rmax, r);
		l->xmin = fmin(l->xmin, xy[2 * k]);
		l->xmax = fmax(l->xmax, xy[2 * k]);
		l->ymin = fmin(l->ymin, xy[2 * k + 1]);
		l->ymax = fmax(l->ymax, xy[2 * k + 1]);
	}
}

/* Trace f at level into l. */
static void
trace(const double *f, double level, lines *l)
{
	contour *c = contour_new(N, N);

	assert_non_null(c);
	*l = (lines){ 0, 0, 0, INFINITY, -INFINITY, INFINITY, -INFINITY,
	    INFINITY, -INFINITY };
	assert_int_equal(contour_trace(c, f, level, record, l), 0);
	contour_free(c);
}

/* f(i, j) = g(i − C, j − C) over the grid. */
static double *
field(double (*g)(double, double))
{
	double *f = malloc(N * N * sizeof *f);
	int i, j;

	assert_non_null(f);
	for (j = 0; j < N; j++)
		for (i = 0; i < N; i++)
			f[j * N + i] = g(i - C, j - C);
	return f;
}

static double bowl(double x, double y) { return x * x + y * y; }
static double ramp(double x, double y) { (void)y; return x; }
static double saddle(double x, double y) { return x * y; }

/* x² + y² = 100: one closed line, every point within the interpolation
 * error of radius 10, going all the way round. */
static void
test_circle(void **unused)
{
	double *f = field(bowl);
	lines l;

	(void)unused;
	trace(f, 100, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.closed, 1);
	assert_true(l.points > 40);
	assert_true(l.rmin > 9.9 && l.rmax < 10.1);
	assert_close(l.xmax - l.xmin, 20, 0.1);
	free(f);
}

/* x = 3.25: one open vertical line from the top row to the bottom one,
 * a point per row. */
static void
test_ramp(void **unused)
{
	double *f = field(ramp);
	lines l;

	(void)unused;
	trace(f, 3.25, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.closed, 0);
	assert_int_equal(l.points, N);
	assert_close(l.xmin, C + 3.25, 1e-12);
	assert_close(l.xmax, C + 3.25, 1e-12);
	assert_close(l.ymax - l.ymin, N - 1, 1e-12);
	free(f);
}

/* xy = 30.5: the two branches of the hyperbola, open, in opposite
 * quadrants. */
static void
test_saddle(void **unused)
{
	double *f = field(saddle);
	lines l;

	(void)unused;
	trace(f, 30.5, &l);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.closed, 0);
	assert_true(l.xmin < C && l.xmax > C);
	free(f);
}

/* A NaN sample on the circle cuts the closed line open there. */
static void
test_nan_hole(void **unused)
{
	double *f = field(bowl);
	lines l;

	(void)unused;
	f[(int)C * N + (int)C + 10] = NAN;
	trace(f, 100, &l);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.closed, 0);
	assert_true(l.rmin > 9.9 && l.rmax < 10.1);
	free(f);
}

/* A level above every sample: no line. */
static void
test_outside(void **unused)
{
	double *f = field(bowl);
	lines l;

	(void)unused;
	trace(f, 1e6, &l);
	assert_int_equal(l.n, 0);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_circle),
		cmocka_unit_test(test_ramp),
		cmocka_unit_test(test_saddle),
		cmocka_unit_test(test_nan_hole),
		cmocka_unit_test(test_outside),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
