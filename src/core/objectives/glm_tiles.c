/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_tiles.c: the tiles of glm's samples (glm_impl.h): the loops that
 * combine a tile's columns, and a sum over tiles on threads.
 *
 * A sum over the samples (f, ∇f, ∇²f·v) is the sum of its tiles' sums
 * in tile order. On threads each tile's sum goes to its own row of a
 * table, added up in tile order afterwards: the very additions of the
 * one-thread loop, so the same bits for any number of threads. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/simd.h"
#include "objectives/glm_impl.h"

/* Sample·coordinates from which a pass goes on threads (n ≥ 21,000 at
 * d = 200, a pass of a few milliseconds): below it, on a shared machine,
 * waking the team and waiting for a descheduled thread at the barrier
 * cost more than the second thread saves (measured: the scale of
 * glm:d=200,n=2000 took 11 times longer with a team per product than
 * on one thread under a load of 4.5 on 2 cores). Tiles are handed out
 * two at a time, so a thread that loses its core holds few of them. */
#define GLM_THREADS_MIN	(1u << 22)

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

/* The tiles one by one: each one's sum into part, added to out. */
static void
glm_tiles_serial(const struct glm_state *st, sd_glm_tile_fn *fn,
    const void *arg, size_t width, double *out)
{
	double part[GLM_DIM_MAX];
	size_t i0, j, len;

	for (i0 = 0; i0 < st->n; i0 += len) {
		len = st->n - i0 < GLM_TILE ? st->n - i0 : GLM_TILE;
		fn(st, arg, i0, len, part);
		for (j = 0; j < width; j++)
			out[j] += part[j];
	}
}

void
sd_glm_over_tiles(const struct glm_state *st, sd_glm_tile_fn *fn,
    const void *arg, size_t width, double *out)
{
	size_t t, j, tiles = (st->n + GLM_TILE - 1) / GLM_TILE;
	double *part = NULL;

	memset(out, 0, width * sizeof *out);
	if (tiles > 1 && (double)st->n * (double)st->model.d >=
	    GLM_THREADS_MIN)
		part = malloc(tiles * width * sizeof *part);
	if (part == NULL) {
		glm_tiles_serial(st, fn, arg, width, out);
		return;
	}
#pragma omp parallel for schedule(dynamic, 2)
	for (t = 0; t < tiles; t++)
		fn(st, arg, t * GLM_TILE, st->n - t * GLM_TILE < GLM_TILE ?
		    st->n - t * GLM_TILE : GLM_TILE, part + t * width);
	for (t = 0; t < tiles; t++) {
		for (j = 0; j < width; j++)
			out[j] += part[t * width + j];
	}
	free(part);
}
