/* SPDX-License-Identifier: GPL-3.0-or-later */
/* twolayer_slice_kernels.c: the loops that run through the projections
 * of twolayer's slice (twolayer_slice.h), a block of TL_LANES samples on
 * vector lanes at a time, compiled once per activation and per target
 * (simd.h): the row sums a grid shares, f, the gradient, both at once
 * (fg_grid), the second-order sums of fgh, and the tail's loops. */
#include "config.h"

#include <string.h>

#include "base/simd.h"
#include "objectives/twolayer_slice.h"

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
const struct tl_kernels sd_tl_slice_kernels[] = {
	TL_KERNEL_SET(tanh),
	TL_KERNEL_SET(quadratic),
	TL_KERNEL_SET(relu),
};
