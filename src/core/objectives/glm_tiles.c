/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_tiles.c: the loops that combine the columns of a tile of glm's
 * samples (glm_impl.h), on vector lanes. */
#include "config.h"

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
