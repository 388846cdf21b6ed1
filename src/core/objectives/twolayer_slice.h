/* SPDX-License-Identifier: GPL-3.0-or-later */
/* twolayer_slice.h: twolayer along a plane chart, what its two files
 * share: the layout of the samples' projections (struct tl_slice) and
 * the kernels that run through them, one set per activation
 * (twolayer_slice_kernels.c); twolayer_slice.c builds the slice and sums
 * the kernels' tiles into f, ∇φ and ∇²φ. Private to those two files. */
#ifndef SADDLE_TWOLAYER_SLICE_H
#define SADDLE_TWOLAYER_SLICE_H

#include <stddef.h>

#include "base/simd.h"
#include "objectives/twolayer_impl.h"

/* Samples per tile: a sum over samples is its tiles' sums in order, and
 * the grids run every point of a row through a tile while its
 * projections are in the cache. A multiple of TL_LANES. */
#define TL_TILE		512
/* Samples per block: the lanes of the kernels' vector loops, those of
 * simd.h's fixed-lane sums. */
#define TL_LANES	SD_LANES

/* The samples seen from a plane θ = c + a·u + b·v: unit j's w_jᵀx_i =
 * p0 + a·pu + b·pv. The units whose filter of u is zero (pu = 0: they do
 * not vary along a; on the default chart every unit but the two swapped)
 * take the first kb slots, so that a grid row computes them once for all
 * its points, and a point reads neither their pu nor the terms it would
 * add: a·pu and φ'·pu are ±0, which leave z = p0 + a·pu + b·pv, the sums
 * and so every bit unchanged.
 *
 * Layout: block by block, TL_LANES samples each: for each slot in order,
 * p0 and pv (the first kb slots) or p0, pu and pv, TL_LANES values each.
 * A kernel takes a block's samples on vector lanes and runs through the
 * units with the sums in registers, reading the data once, in order.
 * The n mod TL_LANES samples past the blocks (the tail) are kept slot by
 * slot as three vectors of that length, for the loops a slot at a time
 * that took every sample before the blocks (twolayer.c's tl_unit, the
 * tl_dunit loops), so that they go through the same lanes of the vector
 * exp and give the same bits. One allocation: this struct, the blocks,
 * the tail, the labels. */
struct tl_dtile;
typedef void tl_dunit(const double *q, size_t n, size_t len, double a,
    double b, struct tl_dtile *t);

struct tl_kernels;

struct tl_slice {
	size_t			 k, n, kb;
	size_t			 blocks;	/* full blocks */
	size_t			 rem;		/* samples in the tail */
	size_t			 stride;	/* doubles per block */
	tl_unit			*unit;		/* the tail's φ */
	const struct tl_kernels	*kern;		/* by activation */
	double			*blk, *tail, *y;
};

/* A tail's per-sample sums over units: with r = f_θ(x_i) − y_i, ga =
 * Σ_j φ'(z_j)·pu_j, gb likewise along pv, and caa, cab, cbb the sums of
 * φ''(z_j)·pu_j², φ''·pu·pv and φ''·pv². */
struct tl_dtile {
	double	r[TL_LANES], ga[TL_LANES], gb[TL_LANES];
	double	caa[TL_LANES], cab[TL_LANES], cbb[TL_LANES];
};

/* Where block j's slot-s values start in sl->blk (p0, then pu and pv or
 * pv alone). */
static inline size_t
tl_slot_at(const struct tl_slice *sl, size_t j, size_t s)
{
	size_t kb = sl->kb;

	return j * sl->stride + TL_LANES * (s < kb ? 2 * s :
	    2 * kb + 3 * (s - kb));
}

/* Block j's slot-s values. */
static inline const double *
tl_slot(const struct tl_slice *sl, size_t j, size_t s)
{
	return sl->blk + tl_slot_at(sl, j, s);
}

/* One activation's kernels (tl_*_loop with act built in), each compiled
 * for every target (simd.h). */
struct tl_kernels {
	void	(*frow)(const struct tl_slice *, size_t, size_t, double,
		    double *);
	void	(*fsq)(const struct tl_slice *, size_t, size_t, double,
		    double, const double *, double *);
	void	(*fgh)(const struct tl_slice *, size_t, size_t, double,
		    double, double (*)[TL_LANES]);
	void	(*grow)(const struct tl_slice *, size_t, size_t, double,
		    double *, double *);
	void	(*grad)(const struct tl_slice *, size_t, size_t, double,
		    double, const double *, const double *,
		    double (*)[TL_LANES]);
	void	(*fgrow)(const struct tl_slice *, size_t, size_t, double,
		    double *, double *, double *);
	void	(*fg)(const struct tl_slice *, size_t, size_t, double,
		    double, const double *, const double *, const double *,
		    double *, double (*)[TL_LANES]);
	tl_dunit *dunit[2];	/* the tail's: first order, both */
};

/* By twolayer's `act` (twolayer_slice_kernels.c). */
extern const struct tl_kernels sd_tl_slice_kernels[];

#endif
