/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_expr.c: a user formula of 30 operations on the heatmap's grid.
 *
 * The target: a 240×140 grid in under 5 ms through the value
 * path. Also reported: the same grid point by point (what the row
 * evaluator saves) and the cost of one hyper-dual evaluation (f, exact
 * gradient and Hessian), which the finder and the optimizers pay. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "expr/expr.h"

#define COLS		240
#define ROWS		140
#define REPEATS		51
#define TARGET_MS	5.0

/* 30 operations: 21 arithmetic, 3 powers, 6 functions. */
static const char formula[] =
    "sin(3*x)*cos(2*y) + exp((x^2 + y^2)/4) - 0.1*(x^4 - x*y + y^3) + "
    "log(1 + x^2*y^2)/(1 + abs(x - y)) + tanh(y)";

/* Operations in a formula's text: operators and function calls. */
static int
count_operations(const char *s)
{
	int n = 0;

	for (; *s != '\0'; s++) {
		if (strchr("+-*/^", *s) != NULL)
			n++;
		else if (*s == '(' && isalpha((unsigned char)s[-1]))
			n++;
	}
	return n;
}

/* The grid's coordinates over [-3,3]×[-2,2]. */
static void
grid_coords(double *xs, double *ys)
{
	int i;

	for (i = 0; i < COLS; i++)
		xs[i] = -3 + 6.0 * i / (COLS - 1);
	for (i = 0; i < ROWS; i++)
		ys[i] = -2 + 4.0 * i / (ROWS - 1);
}

/* The whole grid row by row, as the heatmap does; seconds. */
static double
time_rows(const sd_expr *e, const double *xs, const double *ys, double *out)
{
	double t0 = bench_now();
	int j;

	for (j = 0; j < ROWS; j++)
		sd_expr_eval_grid(e, xs, COLS, ys[j], out + (size_t)j * COLS);
	return bench_now() - t0;
}

/* The whole grid one point at a time; seconds. */
static double
time_points(const sd_expr *e, const double *xs, const double *ys,
    double *out)
{
	double t0 = bench_now();
	int i, j;

	for (j = 0; j < ROWS; j++) {
		for (i = 0; i < COLS; i++)
			out[(size_t)j * COLS + i] = sd_expr_eval(e, xs[i], ys[j]);
	}
	return bench_now() - t0;
}

/* f, gradient and Hessian at every grid point; seconds. */
static double
time_hyperdual(const sd_expr *e, const double *xs, const double *ys,
    double *out)
{
	double t0 = bench_now(), g[2], h[4];
	int i, j;

	for (j = 0; j < ROWS; j++) {
		for (i = 0; i < COLS; i++) {
			sd_expr_eval2(e, xs[i], ys[j], &out[(size_t)j * COLS + i],
			    g, h);
			out[(size_t)j * COLS + i] += g[0] + h[3];
		}
	}
	return bench_now() - t0;
}

/* Median milliseconds of REPEATS runs of fn. */
static double
median_ms(double (*fn)(const sd_expr *, const double *, const double *,
    double *), const sd_expr *e, const double *xs, const double *ys,
    double *out)
{
	double t[REPEATS];
	int r;

	for (r = 0; r < REPEATS; r++)
		t[r] = fn(e, xs, ys, out);
	return 1e3 * bench_median(t, REPEATS);
}

/* A sum of the finite values, printed so no run can be optimized out. */
static double
checksum(const double *v, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += isfinite(v[i]) ? v[i] : 0;
	return s;
}

int
main(void)
{
	static double out[COLS * ROWS];
	double xs[COLS], ys[ROWS], rows, points, dual;
	sd_expr_error err;
	sd_expr *e;

	if ((e = sd_expr_compile(formula, &err)) == NULL) {
		fprintf(stderr, "bench_expr: %s\n", err.message);
		return 1;
	}
	grid_coords(xs, ys);
	printf("formula: %s\n", formula);
	printf("%d operations, %zu instructions after simplification\n",
	    count_operations(formula), sd_expr_length(e));

	rows = median_ms(time_rows, e, xs, ys, out);
	printf("grid %dx%d by rows (sd_expr_eval_grid): %.3f ms, median of "
	    "%d (target < %.0f ms: %s) [checksum %.6g]\n", COLS, ROWS, rows,
	    REPEATS, TARGET_MS, rows < TARGET_MS ? "met" : "MISSED",
	    checksum(out, COLS * ROWS));
	points = median_ms(time_points, e, xs, ys, out);
	printf("grid %dx%d point by point (sd_expr_eval): %.3f ms "
	    "[checksum %.6g]\n", COLS, ROWS, points, checksum(out,
	    COLS * ROWS));
	dual = median_ms(time_hyperdual, e, xs, ys, out);
	printf("hyper-dual f, gradient, Hessian (sd_expr_eval2): %.1f ns per "
	    "point, %.3f ms per grid [checksum %.6g]\n",
	    1e6 * dual / (COLS * ROWS), dual, checksum(out, COLS * ROWS));
	printf("value path: %.1f ns per point by rows, %.1f point by point\n",
	    1e6 * rows / (COLS * ROWS), 1e6 * points / (COLS * ROWS));
	sd_expr_free(e);
	return 0;
}
