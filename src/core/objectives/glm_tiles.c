/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_tiles.c: the loops over a tile of glm's samples (glm_impl.h) that
 * more than one file runs, on vector lanes. */
#include "config.h"

#include <math.h>

#include "base/simd.h"
#include "objectives/glm_impl.h"

SD_SIMD_CLONES
void
sd_glm_combine(const double *w, const double *col, size_t d, size_t n,
    size_t len, double *t)
{
	size_t i, k;

	for (i = 0; i < len; i++)
		t[i] = 0;
	for (k = 0; k < d; k++) {
#pragma omp simd
		for (i = 0; i < len; i++)
			t[i] += w[k] * col[k * n + i];
	}
}

SD_SIMD_CLONES
void
sd_glm_combine2(const double *w, const double *v, const double *col,
    size_t d, size_t n, size_t len, double *t, double *s)
{
	size_t i, k;

	for (i = 0; i < len; i++)
		t[i] = s[i] = 0;
	for (k = 0; k < d; k++) {
#pragma omp simd
		for (i = 0; i < len; i++) {
			t[i] += w[k] * col[k * n + i];
			s[i] += v[k] * col[k * n + i];
		}
	}
}

SD_SIMD_CLONES
double
sd_glm_tile_dot(const double *c, const double *a, size_t len)
{
	return sd_dot_lanes(c, a, len);
}

SD_SIMD_CLONES
void
sd_glm_tile_curv(double *t, const double *y, size_t len, double n)
{
	double v, v1;
	size_t k;

#pragma omp simd private(v, v1)
	for (k = 0; k < len; k++) {
		v = 1 / (1 + exp(-t[k]));
		v1 = v * (1 - v);
		t[k] = (v1 * v1 + (v - y[k]) * (v1 * (1 - 2 * v))) / n;
	}
}
