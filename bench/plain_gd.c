/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain_gd.c: the yardstick of side_by_side.sh, gradient descent on
 * himmelblau as the obvious C loop with nothing of saddle in it.
 *   plain_gd survey N S LR   N starts (uniform in [-6, 6]²) × S steps,
 *                            every step taken; prints steps/s
 *   plain_gd csv S LR        one run from (-2.25, 3.75), written as
 *                            `saddle run --format csv` writes it */
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
	fprintf(stderr, "usage: plain_gd survey N S LR | csv S LR\n");
	return 2;
}
