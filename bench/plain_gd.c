/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain_gd.c: the yardstick of side_by_side.sh, gradient descent on
 * himmelblau as the obvious C loop with nothing of saddle in it.
 *   plain_gd survey N S LR   N starts (uniform in [-6, 6]²) × S steps,
 *                            every step taken; prints steps/s
 *   plain_gd csv S LR        one run from (-2.25, 3.75), written as
 *                            `saddle run --format csv` writes it
 *   plain_gd formula N S LR  gd on sin(3x)cos(2y) + 0.1(x² + y²), the
 *                            gradient by hand with libm's sin and cos,
 *                            N starts uniform in [-3, 3]² × S steps
 *   plain_gd field SIDE      that formula on a SIDE × SIDE grid over
 *                            [-3, 3]² with libm; prints the seconds */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void
grad(double x, double y, double *gx, double *gy)
{
	double a = x * x + y - 11, b = x + y * y - 7;

	*gx = 4 * x * a + 2 * b;
	*gy = 2 * a + 4 * y * b;
}

static int
survey(long n, long steps, double lr)
{
	double t0 = now(), sum = 0, x, y, gx, gy;
	long i, k;

	srand(1);
	for (i = 0; i < n; i++) {
		x = -6 + 12 * (double)rand() / RAND_MAX;
		y = -6 + 12 * (double)rand() / RAND_MAX;
		for (k = 0; k < steps; k++) {
			grad(x, y, &gx, &gy);
			x -= lr * gx;
			y -= lr * gy;
		}
		sum += x + y;
	}
	t0 = now() - t0;
	printf("plain C loop: %.3f s, %.1f M steps/s (checksum %g)\n", t0,
	    (double)n * (double)steps / t0 / 1e6, sum);
	return 0;
}

/* The formula's gradient, as survey_numpy.py writes it. */
static void
formula_grad(double x, double y, double *gx, double *gy)
{
	*gx = 3 * cos(3 * x) * cos(2 * y) + 0.2 * x;
	*gy = -2 * sin(3 * x) * sin(2 * y) + 0.2 * y;
}

static int
formula(long n, long steps, double lr)
{
	double t0 = now(), sum = 0, x, y, gx, gy;
	long i, k;

	srand(1);
	for (i = 0; i < n; i++) {
		x = -3 + 6 * (double)rand() / RAND_MAX;
		y = -3 + 6 * (double)rand() / RAND_MAX;
		for (k = 0; k < steps; k++) {
			formula_grad(x, y, &gx, &gy);
			x -= lr * gx;
			y -= lr * gy;
		}
		sum += x + y;
	}
	t0 = now() - t0;
	printf("plain C formula survey: %.3f s, %.1f M steps/s (checksum "
	    "%g)\n", t0, (double)n * (double)steps / t0 / 1e6, sum);
	return 0;
}

static int
field(long side)
{
	double t0 = now(), c0 = (double)clock(), sum = 0, x, y;
	double *f = malloc((size_t)side * (size_t)side * sizeof *f);
	long i, j;

	if (f == NULL || side < 2)
		return 1;
	for (j = 0; j < side; j++) {
		y = -3 + 6 * (double)j / (double)(side - 1);
		for (i = 0; i < side; i++) {
			x = -3 + 6 * (double)i / (double)(side - 1);
			f[j * side + i] = sin(3 * x) * cos(2 * y) +
			    0.1 * (x * x + y * y);
		}
	}
	for (i = 0; i < side * side; i++)
		sum += f[i];
	t0 = now() - t0;
	c0 = ((double)clock() - c0) / CLOCKS_PER_SEC;
	printf("plain C field %ldx%ld: %.3f s wall, %.3f s CPU (sum %g)\n",
	    side, side, t0, c0, sum);
	free(f);
	return 0;
}

static int
csv(long steps, double lr)
{
	double x = -2.25, y = 3.75, a, b, f, gx, gy, gn;
	long k;

	printf("iter,f,grad_norm,x1,x2\n");
	for (k = 0; k <= steps; k++) {
		a = x * x + y - 11;
		b = x + y * y - 7;
		f = a * a + b * b;
		grad(x, y, &gx, &gy);
		gn = gx * gx + gy * gy;
		printf("%ld,%.17g,%.17g,%.17g,%.17g\n", k, f,
		    __builtin_sqrt(gn), x, y);
		x -= lr * gx;
		y -= lr * gy;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "survey") == 0)
		return survey(atol(argv[2]), atol(argv[3]), atof(argv[4]));
	if (argc == 4 && strcmp(argv[1], "csv") == 0)
		return csv(atol(argv[2]), atof(argv[3]));
	if (argc == 5 && strcmp(argv[1], "formula") == 0)
		return formula(atol(argv[2]), atol(argv[3]), atof(argv[4]));
	if (argc == 3 && strcmp(argv[1], "field") == 0)
		return field(atol(argv[2]));
	fprintf(stderr, "usage: plain_gd survey N S LR | csv S LR | formula N "
	    "S LR | field SIDE\n");
	return 2;
}
