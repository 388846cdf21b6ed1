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
#include "objectives/twolayer_slice.h"

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
	sl->kern = &sd_tl_slice_kernels[st->act];
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
