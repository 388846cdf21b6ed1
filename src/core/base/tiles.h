/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tiles.h: a sum over samples as the sum of its tiles' sums, on threads
 * when the pass is long, with the same bits for any number of threads:
 * each tile's sum goes to its own row of a table, added up in tile order
 * afterwards — the very additions of the one-thread loop. glm's and
 * twolayer's f, ∇f and ∇²f·v are such sums. */
#ifndef SADDLE_TILES_H
#define SADDLE_TILES_H

#include <stddef.h>

/* The widest sum: a gradient of twolayer (k·m ≤ 256) or glm (d ≤ 200). */
#define SD_TILES_WIDTH_MAX	256

/* A tile's part of the sum: width numbers into part, from samples i0 ..
 * i0 + len − 1. */
typedef void sd_tile_fn(const void *arg, size_t i0, size_t len,
    double *part);

/* out = Σ over the tiles of tile samples (the last one shorter) of fn, in
 * tile order; on threads when cost, the pass's operations (n × the work
 * a sample), is large enough to pay for them. width ≤ SD_TILES_WIDTH_MAX.
 * The same bits for any number of threads. */
void sd_tiles_sum(size_t n, size_t tile, double cost, sd_tile_fn *fn,
    const void *arg, size_t width, double *out);

#endif
