/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tiles.c: a sum over tiles of samples, on threads when it is long (see
 * tiles.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/tiles.h"

/* Operations from which a pass goes on threads (glm:d=200 from n ≈
 * 21,000, a pass of a few milliseconds): below it, on a shared machine,
 * waking the team and waiting at the barrier for a thread that lost its
 * core cost more than the second thread saves (measured: the scale of
 * glm:d=200,n=2000, a team per product, took 11 times longer than on one
 * thread under a load of 4.5 on 2 cores). Tiles are handed out two at a
 * time, so a thread that loses its core holds few of them. */
#define TILES_THREADS_MIN	4194304.0

/* The tiles one by one: each one's sum into part, added to out. */
static void
tiles_serial(size_t n, size_t tile, sd_tile_fn *fn, const void *arg,
    size_t width, double *out)
{
	double part[SD_TILES_WIDTH_MAX];
	size_t i0, j, len;

	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < tile ? n - i0 : tile;
		fn(arg, i0, len, part);
		for (j = 0; j < width; j++)
			out[j] += part[j];
	}
}

void
sd_tiles_sum(size_t n, size_t tile, double cost, sd_tile_fn *fn,
    const void *arg, size_t width, double *out)
{
	size_t t, j, tiles = (n + tile - 1) / tile;
	double *part = NULL;

	memset(out, 0, width * sizeof *out);
	if (tiles > 1 && cost >= TILES_THREADS_MIN)
		part = malloc(tiles * width * sizeof *part);
	if (part == NULL) {
		tiles_serial(n, tile, fn, arg, width, out);
		return;
	}
#pragma omp parallel for schedule(dynamic, 2)
	for (t = 0; t < tiles; t++)
		fn(arg, t * tile, n - t * tile < tile ? n - t * tile : tile,
		    part + t * width);
	for (t = 0; t < tiles; t++) {
		for (j = 0; j < width; j++)
			out[j] += part[t * width + j];
	}
	free(part);
}
