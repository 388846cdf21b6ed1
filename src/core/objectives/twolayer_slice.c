/* SPDX-License-Identifier: GPL-3.0-or-later */
/* twolayer_slice.c: twolayer along a plane chart (the slice_new hook,
 * objective.h): each unit's filter projected once per chart on the
 * samples, so that a field sample costs O(k·n), not O(k·m·n). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/simd.h"
#include "base/vec.h"
#include "objectives/twolayer_impl.h"

/* ---- twolayer along a plane chart ------------------------------------- */

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
 * tl_dunit below), so that they go through the same lanes of the vector
 * exp and give the same bits. One allocation: this header, the blocks,
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

/* A tile: its first block, its full blocks, and whether the tail is its
 * end (the last tile's). */
struct tl_span {
	size_t	b0, nb;
	int	tail;
};

/* The number of tiles. */
static size_t
tl_tiles(const struct tl_slice *sl)
{
	return (sl->n + TL_TILE - 1) / TL_TILE;
}

/* Tile t of the slice's samples. */
static struct tl_span
tl_span(const struct tl_slice *sl, size_t t)
{
	size_t per = TL_TILE / TL_LANES;
	struct tl_span sp;

	sp.b0 = t * per;
	sp.nb = sl->blocks - sp.b0 < per ? sl->blocks - sp.b0 : per;
	sp.tail = sl->rem > 0 && t + 1 == tl_tiles(sl);
	return sp;
}

/* ---- the kernels, one set per activation ------------------------------- */

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

/* The kernels run through a block's slots with the block's sums in
 * arrays of TL_LANES (which the compiler keeps in vector registers), a
 * loop over the lanes for each slot. */

/* row[i] = Σ φ over the first kb slots at b (from 0, in slot order),
 * for the nb blocks from b0. */
SD_LOOP_INLINE void
tl_frow_loop(const struct tl_slice *sl, size_t b0, size_t nb, double b,
    double *row, void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb;
	double o[TL_LANES], p, p1, p2;
	const double *w;

	for (j = 0; j < nb; j++) {
		w = tl_slot(sl, b0 + j, 0);
		for (l = 0; l < TL_LANES; l++)
			o[l] = 0;
		for (s = 0; s < kb; s++, w += 2 * TL_LANES) {
#pragma omp simd private(p, p1, p2)
			for (l = 0; l < TL_LANES; l++) {
				act(w[l] + b * w[TL_LANES + l], &p, &p1, &p2);
				o[l] += p;
			}
		}
		memcpy(row + j * TL_LANES, o, sizeof o);
	}
}

/* acc[l] += (row + Σ φ over the other slots at (a, b) − y)², lane by
 * lane, for the nb blocks from b0. */
SD_LOOP_INLINE void
tl_fsq_loop(const struct tl_slice *sl, size_t b0, size_t nb, double a,
    double b, const double *row, double *acc,
    void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb, k = sl->k;
	double o[TL_LANES], p, p1, p2, r;
	const double *w, *y;

	for (j = 0; j < nb; j++) {
		w = tl_slot(sl, b0 + j, kb);
		y = sl->y + (b0 + j) * TL_LANES;
		memcpy(o, row + j * TL_LANES, sizeof o);
		for (s = kb; s < k; s++, w += 3 * TL_LANES) {
#pragma omp simd private(p, p1, p2)
			for (l = 0; l < TL_LANES; l++) {
				act(w[l] + a * w[TL_LANES + l] +
				    b * w[2 * TL_LANES + l], &p, &p1, &p2);
				o[l] += p;
			}
		}
#pragma omp simd private(r)
		for (l = 0; l < TL_LANES; l++) {
			r = o[l] - y[l];
			acc[l] += r * r;
		}
	}
}

/* A block's per-lane sums (struct tl_dtile's, for one block). */
struct tl_dblock {
	double	r[TL_LANES], ga[TL_LANES], gb[TL_LANES];
	double	caa[TL_LANES], cab[TL_LANES], cbb[TL_LANES];
};

/* The second-order sums of the nb blocks from b0 at (a, b) into acc's
 * lanes: r², r·ga, r·gb, ga² + r·caa, ga·gb + r·cab, gb² + r·cbb. */
SD_LOOP_INLINE void
tl_fgh_loop(const struct tl_slice *sl, size_t b0, size_t nb, double a,
    double b, double (*acc)[TL_LANES],
    void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb, k = sl->k;
	double p, p1, p2, pu, pv;
	struct tl_dblock t;
	const double *w, *y;

	for (j = b0; j < b0 + nb; j++) {
		w = tl_slot(sl, j, 0);
		y = sl->y + j * TL_LANES;
		for (l = 0; l < TL_LANES; l++) {
			t.r[l] = -y[l];
			t.ga[l] = t.gb[l] = t.caa[l] = t.cab[l] = t.cbb[l] = 0;
		}
		for (s = 0; s < kb; s++, w += 2 * TL_LANES) {
#pragma omp simd private(p, p1, p2, pv)
			for (l = 0; l < TL_LANES; l++) {
				pv = w[TL_LANES + l];
				act(w[l] + b * pv, &p, &p1, &p2);
				t.r[l] += p;
				t.gb[l] += p1 * pv;
				t.cbb[l] += p2 * pv * pv;
			}
		}
		for (; s < k; s++, w += 3 * TL_LANES) {
#pragma omp simd private(p, p1, p2, pu, pv)
			for (l = 0; l < TL_LANES; l++) {
				pu = w[TL_LANES + l];
				pv = w[2 * TL_LANES + l];
				act(w[l] + a * pu + b * pv, &p, &p1, &p2);
				t.r[l] += p;
				t.ga[l] += p1 * pu;
				t.gb[l] += p1 * pv;
				t.caa[l] += p2 * pu * pu;
				t.cab[l] += p2 * pu * pv;
				t.cbb[l] += p2 * pv * pv;
			}
		}
#pragma omp simd
		for (l = 0; l < TL_LANES; l++) {
			acc[0][l] += t.r[l] * t.r[l];
			acc[1][l] += t.r[l] * t.ga[l];
			acc[2][l] += t.r[l] * t.gb[l];
			acc[3][l] += t.ga[l] * t.ga[l] + t.r[l] * t.caa[l];
			acc[4][l] += t.ga[l] * t.gb[l] + t.r[l] * t.cab[l];
			acc[5][l] += t.gb[l] * t.gb[l] + t.r[l] * t.cbb[l];
		}
	}
}

/* r = Σ φ − y and gb = Σ φ'·pv over the first kb slots at b, for the nb
 * blocks from b0 (ga is 0 there). */
SD_LOOP_INLINE void
tl_grow_loop(const struct tl_slice *sl, size_t b0, size_t nb, double b,
    double *rr, double *rgb,
    void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb;
	double r[TL_LANES], gb[TL_LANES], p, p1, p2, pv;
	const double *w, *y;

	for (j = 0; j < nb; j++) {
		w = tl_slot(sl, b0 + j, 0);
		y = sl->y + (b0 + j) * TL_LANES;
		for (l = 0; l < TL_LANES; l++) {
			r[l] = -y[l];
			gb[l] = 0;
		}
		for (s = 0; s < kb; s++, w += 2 * TL_LANES) {
#pragma omp simd private(p, p1, p2, pv)
			for (l = 0; l < TL_LANES; l++) {
				pv = w[TL_LANES + l];
				act(w[l] + b * pv, &p, &p1, &p2);
				r[l] += p;
				gb[l] += p1 * pv;
			}
		}
		memcpy(rr + j * TL_LANES, r, sizeof r);
		memcpy(rgb + j * TL_LANES, gb, sizeof gb);
	}
}

/* acc[0][l] += r·ga and acc[1][l] += r·gb, the row's sums completed with
 * the other slots at (a, b), for the nb blocks from b0. */
SD_LOOP_INLINE void
tl_grad_loop(const struct tl_slice *sl, size_t b0, size_t nb, double a,
    double b, const double *rr, const double *rgb, double (*acc)[TL_LANES],
    void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb, k = sl->k;
	double r[TL_LANES], ga[TL_LANES], gb[TL_LANES], p, p1, p2, pu, pv;
	const double *w;

	for (j = 0; j < nb; j++) {
		w = tl_slot(sl, b0 + j, kb);
		memcpy(r, rr + j * TL_LANES, sizeof r);
		memcpy(gb, rgb + j * TL_LANES, sizeof gb);
		for (l = 0; l < TL_LANES; l++)
			ga[l] = 0;
		for (s = kb; s < k; s++, w += 3 * TL_LANES) {
#pragma omp simd private(p, p1, p2, pu, pv)
			for (l = 0; l < TL_LANES; l++) {
				pu = w[TL_LANES + l];
				pv = w[2 * TL_LANES + l];
				act(w[l] + a * pu + b * pv, &p, &p1, &p2);
				r[l] += p;
				ga[l] += p1 * pu;
				gb[l] += p1 * pv;
			}
		}
#pragma omp simd
		for (l = 0; l < TL_LANES; l++) {
			acc[0][l] += r[l] * ga[l];
			acc[1][l] += r[l] * gb[l];
		}
	}
}

/* Both row sums of a grid row at b, for f and for its gradient, from one
 * φ of each of the first kb slots: row[i] = Σ φ from 0 (tl_frow_loop's),
 * rr = Σ φ − y from −y and rgb = Σ φ'·pv (tl_grow_loop's), each the
 * same additions in the same order, so the same bits. */
SD_LOOP_INLINE void
tl_fgrow_loop(const struct tl_slice *sl, size_t b0, size_t nb, double b,
    double *row, double *rr, double *rgb,
    void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb;
	double o[TL_LANES], r[TL_LANES], gb[TL_LANES], p, p1, p2, pv;
	const double *w, *y;

	for (j = 0; j < nb; j++) {
		w = tl_slot(sl, b0 + j, 0);
		y = sl->y + (b0 + j) * TL_LANES;
		for (l = 0; l < TL_LANES; l++) {
			o[l] = 0;
			r[l] = -y[l];
			gb[l] = 0;
		}
		for (s = 0; s < kb; s++, w += 2 * TL_LANES) {
#pragma omp simd private(p, p1, p2, pv)
			for (l = 0; l < TL_LANES; l++) {
				pv = w[TL_LANES + l];
				act(w[l] + b * pv, &p, &p1, &p2);
				o[l] += p;
				r[l] += p;
				gb[l] += p1 * pv;
			}
		}
		memcpy(row + j * TL_LANES, o, sizeof o);
		memcpy(rr + j * TL_LANES, r, sizeof r);
		memcpy(rgb + j * TL_LANES, gb, sizeof gb);
	}
}

/* tl_fsq_loop's and tl_grad_loop's sums at (a, b) from one φ of each
 * other slot: accf[l] += (row + Σ φ − y)², acc[0][l] += r·ga and
 * acc[1][l] += r·gb, each the same bits as those loops give. */
SD_LOOP_INLINE void
tl_fg_loop(const struct tl_slice *sl, size_t b0, size_t nb, double a,
    double b, const double *row, const double *rr, const double *rgb,
    double *accf, double (*acc)[TL_LANES],
    void (*act)(double, double *, double *, double *))
{
	size_t j, l, s, kb = sl->kb, k = sl->k;
	double o[TL_LANES], r[TL_LANES], ga[TL_LANES], gb[TL_LANES];
	double p, p1, p2, pu, pv, e;
	const double *w, *y;

	for (j = 0; j < nb; j++) {
		w = tl_slot(sl, b0 + j, kb);
		y = sl->y + (b0 + j) * TL_LANES;
		memcpy(o, row + j * TL_LANES, sizeof o);
		memcpy(r, rr + j * TL_LANES, sizeof r);
		memcpy(gb, rgb + j * TL_LANES, sizeof gb);
		for (l = 0; l < TL_LANES; l++)
			ga[l] = 0;
		for (s = kb; s < k; s++, w += 3 * TL_LANES) {
#pragma omp simd private(p, p1, p2, pu, pv)
			for (l = 0; l < TL_LANES; l++) {
				pu = w[TL_LANES + l];
				pv = w[2 * TL_LANES + l];
				act(w[l] + a * pu + b * pv, &p, &p1, &p2);
				o[l] += p;
				r[l] += p;
				ga[l] += p1 * pu;
				gb[l] += p1 * pv;
			}
		}
#pragma omp simd private(e)
		for (l = 0; l < TL_LANES; l++) {
			e = o[l] - y[l];
			accf[l] += e * e;
			acc[0][l] += r[l] * ga[l];
			acc[1][l] += r[l] * gb[l];
		}
	}
}

/* The tail's loops, a slot at a time over its samples (q: the slot's
 * three vectors, n apart), as they ran over every sample before the
 * blocks: the first order alone, or both. */
SD_LOOP_INLINE void
tl_dunit_loop(const double *q, size_t n, size_t len, double a, double b,
    struct tl_dtile *t, int second,
    void (*act)(double, double *, double *, double *))
{
	const double *pu = q + n, *pv = q + 2 * n;
	double p, p1, p2;
	size_t i;

	if (!second) {
#pragma omp simd private(p, p1, p2)
		for (i = 0; i < len; i++) {
			act(q[i] + a * pu[i] + b * pv[i], &p, &p1, &p2);
			t->r[i] += p;
			t->ga[i] += p1 * pu[i];
			t->gb[i] += p1 * pv[i];
		}
		return;
	}
#pragma omp simd private(p, p1, p2)
	for (i = 0; i < len; i++) {
		act(q[i] + a * pu[i] + b * pv[i], &p, &p1, &p2);
		t->r[i] += p;
		t->ga[i] += p1 * pu[i];
		t->gb[i] += p1 * pv[i];
		t->caa[i] += p2 * pu[i] * pu[i];
		t->cab[i] += p2 * pu[i] * pv[i];
		t->cbb[i] += p2 * pv[i] * pv[i];
	}
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

#define TL_KERNELS(name)						\
SD_SIMD_CLONES static void						\
tl_frow_##name(const struct tl_slice *sl, size_t b0, size_t nb,		\
    double b, double *row)						\
{									\
	tl_frow_loop(sl, b0, nb, b, row, tl_act_##name);		\
}									\
SD_SIMD_CLONES static void						\
tl_fsq_##name(const struct tl_slice *sl, size_t b0, size_t nb,		\
    double a, double b, const double *row, double *acc)		\
{									\
	tl_fsq_loop(sl, b0, nb, a, b, row, acc, tl_act_##name);	\
}									\
SD_SIMD_CLONES static void						\
tl_fgh_##name(const struct tl_slice *sl, size_t b0, size_t nb,		\
    double a, double b, double (*acc)[TL_LANES])			\
{									\
	tl_fgh_loop(sl, b0, nb, a, b, acc, tl_act_##name);		\
}									\
SD_SIMD_CLONES static void						\
tl_grow_##name(const struct tl_slice *sl, size_t b0, size_t nb,		\
    double b, double *rr, double *rgb)					\
{									\
	tl_grow_loop(sl, b0, nb, b, rr, rgb, tl_act_##name);		\
}									\
SD_SIMD_CLONES static void						\
tl_grad_##name(const struct tl_slice *sl, size_t b0, size_t nb,		\
    double a, double b, const double *rr, const double *rgb,		\
    double (*acc)[TL_LANES])						\
{									\
	tl_grad_loop(sl, b0, nb, a, b, rr, rgb, acc, tl_act_##name);	\
}									\
SD_SIMD_CLONES static void						\
tl_fgrow_##name(const struct tl_slice *sl, size_t b0, size_t nb,	\
    double b, double *row, double *rr, double *rgb)			\
{									\
	tl_fgrow_loop(sl, b0, nb, b, row, rr, rgb, tl_act_##name);	\
}									\
SD_SIMD_CLONES static void						\
tl_fg_##name(const struct tl_slice *sl, size_t b0, size_t nb,		\
    double a, double b, const double *row, const double *rr,		\
    const double *rgb, double *accf, double (*acc)[TL_LANES])		\
{									\
	tl_fg_loop(sl, b0, nb, a, b, row, rr, rgb, accf, acc,		\
	    tl_act_##name);						\
}									\
SD_SIMD_CLONES static void						\
tl_first_##name(const double *q, size_t n, size_t len, double a,	\
    double b, struct tl_dtile *t)					\
{									\
	tl_dunit_loop(q, n, len, a, b, t, 0, tl_act_##name);		\
}									\
SD_SIMD_CLONES static void						\
tl_second_##name(const double *q, size_t n, size_t len, double a,	\
    double b, struct tl_dtile *t)					\
{									\
	tl_dunit_loop(q, n, len, a, b, t, 1, tl_act_##name);		\
}

TL_KERNELS(tanh)
TL_KERNELS(quadratic)
TL_KERNELS(relu)

#define TL_KERNEL_SET(name)						\
	{ tl_frow_##name, tl_fsq_##name, tl_fgh_##name, tl_grow_##name,	\
	    tl_grad_##name, tl_fgrow_##name, tl_fg_##name,		\
	    { tl_first_##name, tl_second_##name } }

/* By twolayer's `act`. */
static const struct tl_kernels tl_kernels[] = {
	TL_KERNEL_SET(tanh),
	TL_KERNEL_SET(quadratic),
	TL_KERNEL_SET(relu),
};

/* ---- the tail ----------------------------------------------------------- */

/* Slot s's three vectors in the tail. */
static inline const double *
tl_tail_slot(const struct tl_slice *sl, size_t s)
{
	return sl->tail + 3 * s * sl->rem;
}

/* acc[l] += (Σ φ at (a, b) − y)² over the tail's samples: the first kb
 * slots at a = 0, as a grid row computed them. */
static void
tl_tail_fsq(const struct tl_slice *sl, double a, double b, double *acc)
{
	size_t s, i, m = sl->rem, i0 = sl->blocks * TL_LANES;
	double out[TL_LANES] = { 0 }, r;
	const double *q;

	for (s = 0; s < sl->k; s++) {
		q = tl_tail_slot(sl, s);
		sl->unit(q, q + m, q + 2 * m, m, s < sl->kb ? 0 : a, b, out);
	}
	for (i = 0; i < m; i++) {
		r = out[i] - sl->y[i0 + i];
		acc[i] += r * r;
	}
}

/* The tail's per-sample sums at (a, b) into t (the first kb slots at
 * a = 0), the first order alone or both. */
static void
tl_tail_d(const struct tl_slice *sl, double a, double b, int second,
    struct tl_dtile *t)
{
	size_t s, i, m = sl->rem, i0 = sl->blocks * TL_LANES;

	for (i = 0; i < m; i++) {
		t->r[i] = -sl->y[i0 + i];
		t->ga[i] = t->gb[i] = 0;
		t->caa[i] = t->cab[i] = t->cbb[i] = 0;
	}
	for (s = 0; s < sl->k; s++)
		sl->kern->dunit[second](tl_tail_slot(sl, s), m, m,
		    s < sl->kb ? 0 : a, b, t);
}

/* ---- f, ∇φ and ∇²φ ----------------------------------------------------- */

/* 2n·L̂ at (a, b) over tile sp: Σ (out_i − y_i)² in fixed lanes
 * (simd.h), row the kb slots' sums at b (TL_TILE doubles of room). */
static double
tl_tile_f(const struct tl_slice *sl, struct tl_span sp, double a,
    double b, const double *row)
{
	double acc[TL_LANES] = { 0 };

	sl->kern->fsq(sl, sp.b0, sp.nb, a, b, row, acc);
	if (sp.tail)
		tl_tail_fsq(sl, a, b, acc);
	return sd_lanes_total(acc);
}

/* L̂ at every (a[i], b[j]) into f[j·stride + i]: a tile of samples at a
 * time, the first kb slots once a row; each point's sum is its tiles'
 * sums in order, whatever the other points. */
static void
tl_slice_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride)
{
	const struct tl_slice *sl = data;
	size_t t, i, j, tiles = tl_tiles(sl);
	double row[TL_TILE];
	struct tl_span sp;

	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			f[j * stride + i] = 0;
	for (t = 0; t < tiles; t++) {
		sp = tl_span(sl, t);
		for (j = 0; j < nb; j++) {
			sl->kern->frow(sl, sp.b0, sp.nb, b[j], row);
			for (i = 0; i < na; i++)
				f[j * stride + i] += tl_tile_f(sl, sp, a[i],
				    b[j], row);
		}
	}
	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			f[j * stride + i] /= 2 * (double)sl->n;
}

/* L̂ at the m chart points: each the grid of one point. */
static void
tl_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	size_t p;

	for (p = 0; p < m; p++)
		tl_slice_grid(data, 1, &a[p], 1, &b[p], &f[p], 1);
}

/* φ(a, b) = L̂(c + a·u + b·v), its gradient and Hessian (slice fgh),
 * tile by tile: r², r·ga, r·gb, ga² + r·caa, ga·gb + r·cab and gb² +
 * r·cbb summed in fixed lanes (simd.h). */
static void
tl_slice_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	const struct tl_slice *sl = data;
	double s[6] = { 0 }, n = (double)sl->n, acc[6][TL_LANES];
	size_t t, c, i, tiles = tl_tiles(sl);
	struct tl_dtile tt;
	struct tl_span sp;

	for (t = 0; t < tiles; t++) {
		sp = tl_span(sl, t);
		memset(acc, 0, sizeof acc);
		sl->kern->fgh(sl, sp.b0, sp.nb, a, b, acc);
		if (sp.tail) {
			tl_tail_d(sl, a, b, 1, &tt);
			for (i = 0; i < sl->rem; i++) {
				acc[0][i] += tt.r[i] * tt.r[i];
				acc[1][i] += tt.r[i] * tt.ga[i];
				acc[2][i] += tt.r[i] * tt.gb[i];
				acc[3][i] += tt.ga[i] * tt.ga[i] +
				    tt.r[i] * tt.caa[i];
				acc[4][i] += tt.ga[i] * tt.gb[i] +
				    tt.r[i] * tt.cab[i];
				acc[5][i] += tt.gb[i] * tt.gb[i] +
				    tt.r[i] * tt.cbb[i];
			}
		}
		for (c = 0; c < 6; c++)
			s[c] += sd_lanes_total(acc[c]);
	}
	*f = s[0] / (2 * n);
	g[0] = s[1] / n;
	g[1] = s[2] / n;
	h[0] = s[3] / n;
	h[1] = s[4] / n;
	h[2] = s[5] / n;
}

/* r·ga and r·gb over tile sp at (a, b) into ga and gb, rr and rgb the
 * kb slots' sums at b. */
static void
tl_tile_grad(const struct tl_slice *sl, struct tl_span sp, double a,
    double b, const double *rr, const double *rgb, double *ga, double *gb)
{
	double acc[2][TL_LANES] = { { 0 } };
	struct tl_dtile tt;
	size_t i;

	sl->kern->grad(sl, sp.b0, sp.nb, a, b, rr, rgb, acc);
	if (sp.tail) {
		tl_tail_d(sl, a, b, 0, &tt);
		for (i = 0; i < sl->rem; i++) {
			acc[0][i] += tt.r[i] * tt.ga[i];
			acc[1][i] += tt.r[i] * tt.gb[i];
		}
	}
	*ga += sd_lanes_total(acc[0]);
	*gb += sd_lanes_total(acc[1]);
}

/* φ_a and φ_b at every (a[i], b[j]) into ga and gb [j·stride + i]
 * (slice grad_grid): the kb slots' sums once a row, the other sums as
 * fgh adds them. */
static void
tl_slice_grad_grid(const void *data, size_t na, const double *a,
    size_t nb, const double *b, double *ga, double *gb, size_t stride)
{
	const struct tl_slice *sl = data;
	size_t t, i, j, c, tiles = tl_tiles(sl);
	double rr[TL_TILE], rgb[TL_TILE];
	struct tl_span sp;

	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			ga[j * stride + i] = gb[j * stride + i] = 0;
	for (t = 0; t < tiles; t++) {
		sp = tl_span(sl, t);
		for (j = 0; j < nb; j++) {
			sl->kern->grow(sl, sp.b0, sp.nb, b[j], rr, rgb);
			for (i = 0; i < na; i++) {
				c = j * stride + i;
				tl_tile_grad(sl, sp, a[i], b[j], rr, rgb,
				    &ga[c], &gb[c]);
			}
		}
	}
	for (j = 0; j < nb; j++) {
		for (i = 0; i < na; i++) {
			ga[j * stride + i] /= (double)sl->n;
			gb[j * stride + i] /= (double)sl->n;
		}
	}
}

/* L̂, φ_a and φ_b at every (a[i], b[j]) into f, ga and gb [j·stride + i]
 * (slice fg_grid): one φ per slot and sample where tl_slice_grid and
 * tl_slice_grad_grid take one each, every sum the same additions in the
 * same order as theirs, so the same bits (test_slice_derivs). */
static void
tl_slice_fg_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, double *ga, double *gb, size_t stride)
{
	const struct tl_slice *sl = data;
	size_t t, i, j, l, c, tiles = tl_tiles(sl);
	double row[TL_TILE], rr[TL_TILE], rgb[TL_TILE];
	double accf[TL_LANES], acc[2][TL_LANES];
	struct tl_dtile tt;
	struct tl_span sp;

	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			f[j * stride + i] = ga[j * stride + i] =
			    gb[j * stride + i] = 0;
	for (t = 0; t < tiles; t++) {
		sp = tl_span(sl, t);
		for (j = 0; j < nb; j++) {
			sl->kern->fgrow(sl, sp.b0, sp.nb, b[j], row, rr, rgb);
			for (i = 0; i < na; i++) {
				c = j * stride + i;
				memset(accf, 0, sizeof accf);
				memset(acc, 0, sizeof acc);
				sl->kern->fg(sl, sp.b0, sp.nb, a[i], b[j], row,
				    rr, rgb, accf, acc);
				if (sp.tail) {
					tl_tail_fsq(sl, a[i], b[j], accf);
					tl_tail_d(sl, a[i], b[j], 0, &tt);
					for (l = 0; l < sl->rem; l++) {
						acc[0][l] += tt.r[l] * tt.ga[l];
						acc[1][l] += tt.r[l] * tt.gb[l];
					}
				}
				f[c] += sd_lanes_total(accf);
				ga[c] += sd_lanes_total(acc[0]);
				gb[c] += sd_lanes_total(acc[1]);
			}
		}
	}
	for (j = 0; j < nb; j++) {
		for (i = 0; i < na; i++) {
			f[j * stride + i] /= 2 * (double)sl->n;
			ga[j * stride + i] /= (double)sl->n;
			gb[j * stride + i] /= (double)sl->n;
		}
	}
}

/* Whether unit j's filter of u is zero: its w_jᵀx does not vary along a. */
static int
tl_fixed_along_a(const double *u, size_t j, size_t m)
{
	size_t p;

	for (p = 0; p < m; p++)
		if (u[j * m + p] != 0)
			return 0;
	return 1;
}

/* Unit j's projections on c, u and v (each sample's the bits of sd_dot)
 * into slot s: the blocks' values, then the tail's. */
static void
tl_project_unit(const struct twolayer_state *st, const double *c,
    const double *u, const double *v, size_t j, size_t s,
    struct tl_slice *sl)
{
	size_t i, l, m = st->m, fixed = s < sl->kb, rem = sl->rem;
	double *q, *t = sl->tail + 3 * s * rem;
	const double *x;

	for (i = 0; i < sl->n; i++) {
		x = st->x + i * m;
		l = i % TL_LANES;
		if (i < sl->blocks * TL_LANES) {
			q = sl->blk + tl_slot_at(sl, i / TL_LANES, s);
			q[l] = sd_dot(c + j * m, x, m);
			if (!fixed)
				q[TL_LANES + l] = sd_dot(u + j * m, x, m);
			q[(2 - fixed) * TL_LANES + l] = sd_dot(v + j * m, x, m);
			continue;
		}
		l = i - sl->blocks * TL_LANES;
		t[l] = sd_dot(c + j * m, x, m);
		t[rem + l] = sd_dot(u + j * m, x, m);
		t[2 * rem + l] = sd_dot(v + j * m, x, m);
	}
}

int
sd_twolayer_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct twolayer_state *st = state;
	size_t j, k = st->k, n = st->n, kb, blocks, front, back, stride;
	struct tl_slice *sl;

	if (st->ntk != NULL) {
		/* The NTK model is not the network these projections
		 * evaluate: no slice, f at the lifted points. */
		memset(slice, 0, sizeof *slice);
		return 0;
	}
	for (j = 0, kb = 0; j < k; j++)
		kb += (size_t)tl_fixed_along_a(u, j, st->m);
	blocks = n / TL_LANES;
	stride = TL_LANES * (2 * kb + 3 * (k - kb));
	slice->bytes = sizeof *sl + (blocks * stride + 3 * k * (n % TL_LANES) +
	    n) * sizeof(double);
	if ((sl = malloc(slice->bytes)) == NULL)
		return sd_fail(cause, "out of memory");
	sl->k = k;
	sl->n = n;
	sl->kb = kb;
	sl->blocks = blocks;
	sl->rem = n % TL_LANES;
	sl->stride = stride;
	sl->unit = st->unit;
	sl->kern = &tl_kernels[st->act];
	sl->blk = (double *)(sl + 1);
	sl->tail = sl->blk + blocks * stride;
	sl->y = sl->tail + 3 * k * sl->rem;
	/* The units fixed along a in the first slots, the others after. */
	for (j = 0, front = 0, back = k; j < k; j++)
		tl_project_unit(st, c, u, v, j, tl_fixed_along_a(u, j, st->m) ?
		    front++ : --back, sl);
	memcpy(sl->y, st->y, n * sizeof *sl->y);
	slice->data = sl;
	slice->f = tl_slice_f;
	slice->grid = tl_slice_grid;
	slice->fgh = tl_slice_fgh;
	slice->grad_grid = tl_slice_grad_grid;
	slice->fg_grid = tl_slice_fg_grid;
	slice->free_data = free;
	return 0;
}
