/* SPDX-License-Identifier: GPL-3.0-or-later */
/* twolayer_tiles.c: twolayer's f, ∇f and ∇²f·v over the whole sample,
 * on vector lanes and, for large n, threads.
 *
 * The samples are kept a second time by coordinate (xt, m×n), so that a
 * tile of TL_TILE contiguous samples is projected on each hidden unit
 * (w_jᵀx_i, k vectors of the tile) by loops over samples, the activation
 * and its derivatives run over those vectors (tanh through the vector exp
 * of simd.h), and each gradient entry is a dot product of a tile's
 * coefficients with a coordinate's column. A sum over samples is the sum
 * of its tiles' sums in tile order (tiles.h): the same bits for any
 * number of threads, within rounding (1e-12 relative, tests/test_hvp.c
 * and test_objective.c) of the sample-by-sample loops of twolayer.c,
 * which sgd's minibatches and the dense Hessian still use. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/simd.h"
#include "base/tiles.h"
#include "objectives/twolayer_impl.h"

#define TL_TILE	128	/* samples per tile: 4 k×TL_TILE arrays, 64 kB */

/* The state, point and direction a pass reads, and a prepared
 * Hessian (sd_twolayer_hvp_prepare). */
struct tl_pass {
	const struct twolayer_state	*st;
	const double			*theta, *v;
	const double			*prep;
	double				*into;	/* a Hessian prepared */
};

/* u_j[i] = w_jᵀx_i for four rows t_0..t_3 of θ and SD_LANES samples
 * (c: the first sample's column): each column loaded once for the four
 * rows, the sums in registers over p. The loop of one row at a time was
 * bound by storing its sums at every term. Σ_p from 0 in p's order, as
 * sd_dot adds: the same bits. */
SD_LOOP_INLINE void
tl_project4(const double *t, const double *c, size_t m, size_t n,
    double *u)
{
	double a0[SD_LANES], a1[SD_LANES], a2[SD_LANES], a3[SD_LANES];
	size_t i, p;

	SD_SIMD
	for (i = 0; i < SD_LANES; i++)
		a0[i] = a1[i] = a2[i] = a3[i] = 0;
	for (p = 0; p < m; p++) {
		SD_SIMD
		for (i = 0; i < SD_LANES; i++) {
			a0[i] += t[p] * c[p * n + i];
			a1[i] += t[m + p] * c[p * n + i];
			a2[i] += t[2 * m + p] * c[p * n + i];
			a3[i] += t[3 * m + p] * c[p * n + i];
		}
	}
	SD_SIMD
	for (i = 0; i < SD_LANES; i++) {
		u[i] = a0[i];
		u[TL_TILE + i] = a1[i];
		u[2 * TL_TILE + i] = a2[i];
		u[3 * TL_TILE + i] = a3[i];
	}
}

/* u[j·TL_TILE + i] = w_jᵀx_i for the tile's samples (col = xt + i0):
 * Σ_p in the order sd_dot adds; four rows by SD_LANES samples at a time
 * (tl_project4), the rest one row at a time. */
SD_SIMD_CLONES
static void
tl_project(const double *theta, const double *col, size_t k, size_t m,
    size_t n, size_t len, double *u)
{
	size_t i, j, p, i0, full = len - len % SD_LANES, k4 = k - k % 4;

	for (j = 0; j < k4; j += 4) {
		for (i0 = 0; i0 < full; i0 += SD_LANES)
			tl_project4(theta + j * m, col + i0, m, n,
			    u + j * TL_TILE + i0);
	}
	for (j = 0; j < k; j++) {
		double *uj = u + j * TL_TILE;

		i0 = j < k4 ? full : 0;
		for (i = i0; i < len; i++)
			uj[i] = 0;
		for (p = 0; p < m; p++) {
#pragma omp simd
			for (i = i0; i < len; i++)
				uj[i] += theta[j * m + p] * col[p * n + i];
		}
	}
}

/* An activation over a tile: φ in place of u, φ' into p1 and φ'' into p2
 * (both NULL for the value alone, whose loop then computes no
 * derivative), each value as twolayer_impl.h's tl_act_NAME gives it. */
#define TL_TILE_ACT(name)						\
SD_SIMD_CLONES								\
static void								\
tl_##name(double *u, double *p1, double *p2, size_t len)		\
{									\
	double p, d1, d2;						\
	size_t i;							\
									\
	if (p1 == NULL) {						\
		_Pragma("omp simd private(p, d1, d2)")			\
		for (i = 0; i < len; i++) {				\
			tl_act_##name(u[i], &p, &d1, &d2);		\
			u[i] = p;					\
		}							\
		return;							\
	}								\
	_Pragma("omp simd private(p)")					\
	for (i = 0; i < len; i++) {					\
		tl_act_##name(u[i], &p, &p1[i], &p2[i]);		\
		u[i] = p;						\
	}								\
}

TL_TILE_ACT(tanh)
TL_TILE_ACT(quadratic)
TL_TILE_ACT(relu)

/* The activations' tile functions, indexed by `act`. */
static tl_tile *const tl_acts[] = { tl_tanh, tl_quadratic, tl_relu };

void
sd_twolayer_tiles_init(struct twolayer_state *st, size_t act)
{
	size_t i, p;

	st->tile = tl_acts[act];
	for (i = 0; i < st->n; i++) {
		for (p = 0; p < st->m; p++)
			st->xt[p * st->n + i] = st->x[i * st->m + p];
	}
}

/* r_i = Σ_j φ_j(i) − y_i for the tile, φ in u. */
static void
tl_residual(const struct twolayer_state *st, const double *u, size_t i0,
    size_t len, double *r)
{
	size_t i, j;

	for (i = 0; i < len; i++)
		r[i] = 0;
	for (j = 0; j < st->k; j++) {
#pragma omp simd
		for (i = 0; i < len; i++)
			r[i] += u[j * TL_TILE + i];
	}
#pragma omp simd
	for (i = 0; i < len; i++)
		r[i] -= st->y[i0 + i];
}

/* The eight sums a_r·b_c (r < 2, c < 4) over len into out[4r + c], each
 * in sd_dot_lanes's fixed lanes and order (its bits): six vectors loaded
 * for eight products, where one dot at a time loads two, and eight
 * chains of additions in flight to cover their latency. */
SD_LOOP_INLINE void
tl_dot2x4(const double *a0, const double *a1, const double *b, size_t n,
    size_t len, double *out)
{
	double c[8][SD_LANES] = { { 0 } };
	const double *b1 = b + n, *b2 = b1 + n, *b3 = b2 + n;
	size_t r;

	SD_LANES_FOR(k, l, len, {
		c[0][l] += a0[k] * b[k];
		c[1][l] += a0[k] * b1[k];
		c[2][l] += a0[k] * b2[k];
		c[3][l] += a0[k] * b3[k];
		c[4][l] += a1[k] * b[k];
		c[5][l] += a1[k] * b1[k];
		c[6][l] += a1[k] * b2[k];
		c[7][l] += a1[k] * b3[k];
	});
	for (r = 0; r < 8; r++)
		out[r] = sd_lanes_total(c[r]);
}

/* part[j·m + p] = Σ_i c_j(i)·x_p(i) over the tile, in fixed lanes
 * (simd.h): two j by four p at a time (tl_dot2x4), single dots for the
 * rest. */
SD_SIMD_CLONES
static void
tl_spread(const struct twolayer_state *st, const double *c, size_t i0,
    size_t len, double *part)
{
	size_t j, p, r, m = st->m, T = TL_TILE;
	size_t k2 = st->k - st->k % 2, m4 = m - m % 4;
	const double *x = st->xt + i0;
	double o[8];

	for (j = 0; j < k2; j += 2) {
		for (p = 0; p < m4; p += 4) {
			tl_dot2x4(c + j * T, c + (j + 1) * T, x + p * st->n,
			    st->n, len, o);
			for (r = 0; r < 4; r++) {
				part[j * m + p + r] = o[r];
				part[(j + 1) * m + p + r] = o[4 + r];
			}
		}
	}
	for (j = 0; j < st->k; j++) {
		for (p = j < k2 ? m4 : 0; p < m; p++)
			part[j * m + p] = sd_dot_lanes(c + j * T,
			    x + p * st->n, len);
	}
}

/* A tile's Σ r_i². */
static void
tl_f_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct tl_pass *a = arg;
	const struct twolayer_state *st = a->st;
	double u[TWOLAYER_K_MAX * TL_TILE], r[TL_TILE];
	size_t j;

	tl_project(a->theta, st->xt + i0, st->k, st->m, st->n, len, u);
	for (j = 0; j < st->k; j++)
		st->tile(u + j * TL_TILE, NULL, NULL, len);
	tl_residual(st, u, i0, len, r);
	*part = sd_dot_lanes(r, r, len);
}

/* A tile's (1/n) Σ r_i φ'_j(i) x_i, block j. */
static void
tl_grad_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct tl_pass *a = arg;
	const struct twolayer_state *st = a->st;
	double u[TWOLAYER_K_MAX * TL_TILE], d1[TWOLAYER_K_MAX * TL_TILE];
	double d2[TWOLAYER_K_MAX * TL_TILE], r[TL_TILE];
	double inv = 1 / (double)st->n;
	size_t i, j;

	tl_project(a->theta, st->xt + i0, st->k, st->m, st->n, len, u);
	for (j = 0; j < st->k; j++)
		st->tile(u + j * TL_TILE, d1 + j * TL_TILE, d2 + j * TL_TILE,
		    len);
	tl_residual(st, u, i0, len, r);
	for (j = 0; j < st->k; j++) {
#pragma omp simd
		for (i = 0; i < len; i++)
			d1[j * TL_TILE + i] *= r[i] * inv;
	}
	tl_spread(st, d1, i0, len, part);
}

/* What a tile's ∇²f·v takes from θ alone: φ'_j(i) into d1 and
 * r_i·φ''_j(i) into rd2 (k rows of TL_TILE each). */
static void
tl_hess_tile(const struct twolayer_state *st, const double *theta,
    size_t i0, size_t len, double *d1, double *rd2)
{
	double u[TWOLAYER_K_MAX * TL_TILE], r[TL_TILE];
	size_t i, j, T = TL_TILE;

	tl_project(theta, st->xt + i0, st->k, st->m, st->n, len, u);
	for (j = 0; j < st->k; j++)
		st->tile(u + j * T, d1 + j * T, rd2 + j * T, len);
	tl_residual(st, u, i0, len, r);
	for (j = 0; j < st->k; j++) {
#pragma omp simd
		for (i = 0; i < len; i++)
			rd2[j * T + i] = r[i] * rd2[j * T + i];
	}
}

/* A tile's ∇²f·v, block j: (1/n) Σ (φ'_j Σ_l φ'_l v_lᵀx + r φ''_j
 * v_jᵀx) x, from tl_hess_tile's d1 and rd2. */
SD_SIMD_CLONES
static void
tl_hess_apply(const struct twolayer_state *st, const double *d1,
    const double *rd2, const double *v, size_t i0, size_t len,
    double *part)
{
	double sv[TWOLAYER_K_MAX * TL_TILE], q[TL_TILE];
	double inv = 1 / (double)st->n;
	size_t i, j, T = TL_TILE;

	tl_project(v, st->xt + i0, st->k, st->m, st->n, len, sv);
	for (i = 0; i < len; i++)
		q[i] = 0;
	for (j = 0; j < st->k; j++) {
#pragma omp simd
		for (i = 0; i < len; i++)
			q[i] += d1[j * T + i] * sv[j * T + i];
	}
	for (j = 0; j < st->k; j++) {
#pragma omp simd
		for (i = 0; i < len; i++)
			sv[j * T + i] = inv * (d1[j * T + i] * q[i] +
			    rd2[j * T + i] * sv[j * T + i]);
	}
	tl_spread(st, sv, i0, len, part);
}

/* A tile's ∇²f·v at a->theta. */
static void
tl_hvp_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct tl_pass *a = arg;
	double d1[TWOLAYER_K_MAX * TL_TILE], rd2[TWOLAYER_K_MAX * TL_TILE];

	tl_hess_tile(a->st, a->theta, i0, len, d1, rd2);
	tl_hess_apply(a->st, d1, rd2, a->v, i0, len, part);
}

/* Where tile i0's d1 and rd2 lie in a prepared Hessian (2k rows of
 * TL_TILE a tile). */
static size_t
tl_prep_rows(const struct twolayer_state *st, size_t i0)
{
	return i0 / TL_TILE * 2 * st->k * TL_TILE;
}

/* Tile i0's d1 and rd2 into the Hessian being prepared, a->into
 * (*part: 0). */
static void
tl_prep_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct tl_pass *a = arg;
	double *rows = a->into + tl_prep_rows(a->st, i0);

	tl_hess_tile(a->st, a->theta, i0, len, rows,
	    rows + a->st->k * TL_TILE);
	*part = 0;
}

/* A tile's ∇²f·v from the prepared Hessian a->prep. */
static void
tl_prepared_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct tl_pass *a = arg;
	const double *rows = a->prep + tl_prep_rows(a->st, i0);

	tl_hess_apply(a->st, rows, rows + a->st->k * TL_TILE, a->v, i0, len,
	    part);
}

/* The sum of fn over the tiles into out (width entries). */
static void
tl_tiles(const struct twolayer_state *st, sd_tile_fn *fn,
    const double *theta, const double *v, const double *prep, double *into,
    size_t width, double *out)
{
	struct tl_pass a = { st, theta, v, prep, into };

	sd_tiles_sum(st->n, TL_TILE, (double)st->n * (double)(st->k * st->m),
	    fn, &a, width, out);
}

double
sd_twolayer_f_tiles(const struct twolayer_state *st, const double *theta)
{
	double s;

	tl_tiles(st, tl_f_tile, theta, NULL, NULL, NULL, 1, &s);
	return s / (2 * (double)st->n);
}

void
sd_twolayer_grad_tiles(const struct twolayer_state *st, const double *theta,
    double *g)
{
	tl_tiles(st, tl_grad_tile, theta, NULL, NULL, NULL, st->k * st->m, g);
}

void
sd_twolayer_hvp_tiles(const struct twolayer_state *st, const double *theta,
    const double *v, double *hv)
{
	tl_tiles(st, tl_hvp_tile, theta, v, NULL, NULL, st->k * st->m, hv);
}

void *
sd_twolayer_hvp_prepare(const struct twolayer_state *st,
    const double *theta)
{
	size_t tiles = (st->n + TL_TILE - 1) / TL_TILE;
	double *prep, zero;

	prep = malloc(tiles * 2 * st->k * TL_TILE * sizeof *prep);
	if (prep != NULL)
		tl_tiles(st, tl_prep_tile, theta, NULL, NULL, prep, 1,
		    &zero);
	return prep;
}

void
sd_twolayer_hvp_prepared(const struct twolayer_state *st, const void *prep,
    const double *v, double *hv)
{
	tl_tiles(st, tl_prepared_tile, NULL, v, prep, NULL, st->k * st->m,
	    hv);
}
