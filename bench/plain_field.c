/* SPDX-License-Identifier: GPL-3.0-or-later */
/* plain_field.c: the baseline of field_side_by_side.sh: the glm field
 * written plainly, as saddle computed it before issue 13: for each of
 * cols × rows samples w = a·e1 + b·e2 over [−4, 4]², then
 * 1/(2n) Σ (y_i − σ(wᵀx_i))² with x_i stored sample by sample and libm's
 * exp, one sample after another on one thread. Data of the same shape as
 * glm:n=N,d=D (Gaussian x, y = σ(w*ᵀx) + noise), drawn here.
 * Usage: plain_field N D COLS ROWS; prints the seconds and a checksum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* A standard normal (Box–Muller on rand()). */
static double
gauss(void)
{
	double u = (rand() + 1.0) / (RAND_MAX + 2.0);
	double v = (rand() + 1.0) / (RAND_MAX + 2.0);

	return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

int
main(int argc, char **argv)
{
	size_t n, d, cols, rows, i, j, k, s;
	double *x, *y, *w, t, r, sum, check = 0, a, b;
	struct timespec t0, t1;

	if (argc != 5)
		return 2;
	n = strtoul(argv[1], NULL, 10);
	d = strtoul(argv[2], NULL, 10);
	cols = strtoul(argv[3], NULL, 10);
	rows = strtoul(argv[4], NULL, 10);
	x = malloc(n * d * sizeof *x);
	y = malloc(n * sizeof *y);
	w = calloc(d, sizeof *w);
	if (x == NULL || y == NULL || w == NULL || d < 2)
		return 1;
	for (i = 0; i < n; i++) {
		for (t = 0, k = 0; k < d; k++) {
			x[i * d + k] = gauss();
			t += (k == 0 ? 2 : 0) * x[i * d + k];
		}
		y[i] = 1 / (1 + exp(-t)) + 0.1 * (2.0 * rand() / RAND_MAX - 1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (j = 0; j < rows; j++) {
		for (i = 0; i < cols; i++) {
			a = -4 + 8 * (i + 0.5) / cols;
			b = 4 - 8 * (j + 0.5) / rows;
			w[0] = a;
			w[1] = b;
			for (sum = 0, s = 0; s < n; s++) {
				for (t = 0, k = 0; k < d; k++)
					t += w[k] * x[s * d + k];
				r = y[s] - 1 / (1 + exp(-t));
				sum += r * r;
			}
			check += sum / (2.0 * n);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f %.6g\n", (double)(t1.tv_sec - t0.tv_sec) +
	    1e-9 * (double)(t1.tv_nsec - t0.tv_nsec), check);
	return 0;
}
