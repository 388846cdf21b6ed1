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

/* Samples per tile: the tile's projections (3k·4 kB at most) stay in the
 * cache while the points of a row go through it. */
#define TL_TILE	512

/* The samples seen from a plane θ = c + a·u + b·v: unit j's w_jᵀx_i =
 * p0 + a·pu + b·pv, the three n-vectors of the unit in slot s at
 * proj + 3sn. The units whose filter of u is zero (pu = 0: they do not
 * vary along a; on the default chart every unit but the two swapped)
 * take the first kb slots, so that a grid row computes them once for all
 * its points. One block: this header, the projections, the labels. */
/* A unit's terms added to a tile's sums (struct tl_dtile, below): q
 * its three projections (n apart), at (a, b); the first order only, or
 * both. */
struct tl_dtile;
typedef void tl_dunit(const double *q, size_t n, size_t len, double a,
    double b, struct tl_dtile *t);

struct tl_slice {
	size_t		 k, n, kb;
	tl_unit		*unit;
	tl_dunit *const	*dunit;	/* tl_dunits[act] */
	double		*proj, *y;
};

/* Σ (out_i − y_i)² for i < len, in fixed lanes (simd.h). */
SD_SIMD_CLONES
static double
tl_tile_sq(const double *out, const double *y, size_t len)
{
	double acc[SD_LANES] = { 0 };

	SD_LANES_FOR(i, l, len, {
		double r = out[i] - y[i];

		acc[l] += r * r;
	});
	return sd_lanes_total(acc);
}

/* out_i += φ(slot s at (a, b)) for the tile at i0, slots [s0, s1). */
static void
tl_slots(const struct tl_slice *sl, size_t s0, size_t s1, size_t i0,
    size_t len, double a, double b, double *out)
{
	const double *q;
	size_t s, n = sl->n;

	for (s = s0; s < s1; s++) {
		q = sl->proj + 3 * s * n + i0;
		sl->unit(q, q + n, q + 2 * n, len, a, b, out);
	}
}

/* L̂ at the m chart points, a tile of samples at a time: each point's sum
 * is its tiles' sums in order, whatever the other points. */
static void
tl_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	const struct tl_slice *sl = data;
	size_t i0, len, p, n = sl->n;
	double out[TL_TILE];

	for (p = 0; p < m; p++)
		f[p] = 0;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < TL_TILE ? n - i0 : TL_TILE;
		for (p = 0; p < m; p++) {
			memset(out, 0, len * sizeof *out);
			tl_slots(sl, 0, sl->k, i0, len, a[p], b[p], out);
			f[p] += tl_tile_sq(out, sl->y + i0, len);
		}
	}
	for (p = 0; p < m; p++)
		f[p] /= 2 * (double)n;
}

/* L̂ at every (a[i], b[j]) into f[j·stride + i] (slice grid): the same
 * bits as tl_slice_f, whose first kb slots do not depend on a (a·pu is
 * ±0 there, which leaves p0 + a·pu + b·pv and so φ unchanged), computed
 * once a row. */
static void
tl_slice_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride)
{
	const struct tl_slice *sl = data;
	size_t i0, len, i, j, n = sl->n;
	double row[TL_TILE], out[TL_TILE];

	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			f[j * stride + i] = 0;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < TL_TILE ? n - i0 : TL_TILE;
		for (j = 0; j < nb; j++) {
			memset(row, 0, len * sizeof *row);
			tl_slots(sl, 0, sl->kb, i0, len, 0, b[j], row);
			for (i = 0; i < na; i++) {
				memcpy(out, row, len * sizeof *out);
				tl_slots(sl, sl->kb, sl->k, i0, len, a[i],
				    b[j], out);
				f[j * stride + i] += tl_tile_sq(out,
				    sl->y + i0, len);
			}
		}
	}
	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			f[j * stride + i] /= 2 * (double)n;
}

/* ---- φ's derivatives, a tile of samples at a time --------------------- */

/* A tile's per-sample sums over units (slice fgh): with r = f_θ(x_i) −
 * y_i, ga = Σ_j φ'(z_j)·pu_j, gb likewise along pv, and caa, cab, cbb
 * the sums of φ''(z_j)·pu_j², φ''·pu·pv and φ''·pv². */
struct tl_dtile {
	double	r[TL_TILE], ga[TL_TILE], gb[TL_TILE];
	double	caa[TL_TILE], cab[TL_TILE], cbb[TL_TILE];
};

/* The loops of a tl_dunit, one pass over the tile on vector lanes, the
 * activation act inlined. */
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

#define TL_DUNITS(name)							\
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

TL_DUNITS(tanh)
TL_DUNITS(quadratic)
TL_DUNITS(relu)

/* By twolayer's `act`: the first order alone, and both. */
static tl_dunit *const tl_dunits[][2] = {
	{ tl_first_tanh, tl_second_tanh },
	{ tl_first_quadratic, tl_second_quadratic },
	{ tl_first_relu, tl_second_relu },
};

/* Slots [s0, s1) at (a, b) into t's first-order sums (and, when second,
 * its second-order ones). */
static void
tl_dslots(const struct tl_slice *sl, size_t s0, size_t s1, size_t i0,
    size_t len, double a, double b, struct tl_dtile *t, int second)
{
	size_t s, n = sl->n;

	for (s = s0; s < s1; s++)
		sl->dunit[second](sl->proj + 3 * s * n + i0, n, len, a, b, t);
}

/* s += the tile's r², r·ga, r·gb, ga² + r·caa, ga·gb + r·cab and
 * gb² + r·cbb (the first three when !second), each in fixed lanes
 * (simd.h). */
SD_SIMD_CLONES
static void
tl_dsum(const struct tl_dtile *t, size_t len, int second, double *s)
{
	double acc[6][SD_LANES] = { { 0 } };
	size_t c;

	SD_LANES_FOR(i, l, len, {
		acc[0][l] += t->r[i] * t->r[i];
		acc[1][l] += t->r[i] * t->ga[i];
		acc[2][l] += t->r[i] * t->gb[i];
	});
	if (second) {
		SD_LANES_FOR(i, l, len, {
			acc[3][l] += t->ga[i] * t->ga[i] + t->r[i] * t->caa[i];
			acc[4][l] += t->ga[i] * t->gb[i] + t->r[i] * t->cab[i];
			acc[5][l] += t->gb[i] * t->gb[i] + t->r[i] * t->cbb[i];
		});
	}
	for (c = 0; c < 6; c++)
		s[c] += sd_lanes_total(acc[c]);
}

/* r = −y and the other sums 0, for the tile at i0. */
static void
tl_dstart(const struct tl_slice *sl, size_t i0, size_t len,
    struct tl_dtile *t)
{
	size_t i;

	for (i = 0; i < len; i++) {
		t->r[i] = -sl->y[i0 + i];
		t->ga[i] = t->gb[i] = 0;
		t->caa[i] = t->cab[i] = t->cbb[i] = 0;
	}
}

/* φ(a, b) = L̂(c + a·u + b·v), its gradient and Hessian (slice fgh),
 * tile by tile on vector lanes. */
static void
tl_slice_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	const struct tl_slice *sl = data;
	double s[6] = { 0 }, n = (double)sl->n;
	struct tl_dtile t;
	size_t i0, len;

	for (i0 = 0; i0 < sl->n; i0 += len) {
		len = sl->n - i0 < TL_TILE ? sl->n - i0 : TL_TILE;
		tl_dstart(sl, i0, len, &t);
		tl_dslots(sl, 0, sl->k, i0, len, a, b, &t, 1);
		tl_dsum(&t, len, 1, s);
	}
	*f = s[0] / (2 * n);
	g[0] = s[1] / n;
	g[1] = s[2] / n;
	h[0] = s[3] / n;
	h[1] = s[4] / n;
	h[2] = s[5] / n;
}

/* φ_a and φ_b at every (a[i], b[j]) into ga and gb [j·stride + i]
 * (slice grad_grid): the first kb slots, which do not vary along a, once
 * a row; the other sums as fgh adds them. */
static void
tl_slice_grad_grid(const void *data, size_t na, const double *a,
    size_t nb, const double *b, double *ga, double *gb, size_t stride)
{
	const struct tl_slice *sl = data;
	struct tl_dtile *row, *t;
	size_t i0, len, i, j, c, n = sl->n;
	double s[6];

	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			ga[j * stride + i] = gb[j * stride + i] = 0;
	if ((row = malloc(2 * sizeof *row)) == NULL) {
		for (j = 0; j < nb; j++)
			for (i = 0; i < na; i++)
				ga[j * stride + i] = gb[j * stride + i] = NAN;
		return;
	}
	t = row + 1;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < TL_TILE ? n - i0 : TL_TILE;
		for (j = 0; j < nb; j++) {
			tl_dstart(sl, i0, len, row);
			tl_dslots(sl, 0, sl->kb, i0, len, 0, b[j], row, 0);
			for (i = 0; i < na; i++) {
				memcpy(t->r, row->r, len * sizeof *t->r);
				memcpy(t->ga, row->ga, len * sizeof *t->ga);
				memcpy(t->gb, row->gb, len * sizeof *t->gb);
				tl_dslots(sl, sl->kb, sl->k, i0, len, a[i],
				    b[j], t, 0);
				s[1] = s[2] = 0;
				tl_dsum(t, len, 0, s);
				c = j * stride + i;
				ga[c] += s[1];
				gb[c] += s[2];
			}
		}
	}
	free(row);
	for (j = 0; j < nb; j++) {
		for (i = 0; i < na; i++) {
			ga[j * stride + i] /= (double)n;
			gb[j * stride + i] /= (double)n;
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

/* Unit j's projections on c, u and v into q (three n-vectors). */
static void
tl_project_unit(const struct twolayer_state *st, const double *c,
    const double *u, const double *v, size_t j, double *q)
{
	size_t i, m = st->m, n = st->n;
	const double *x;

	for (i = 0; i < n; i++) {
		x = st->x + i * m;
		q[i] = sd_dot(c + j * m, x, m);
		q[n + i] = sd_dot(u + j * m, x, m);
		q[2 * n + i] = sd_dot(v + j * m, x, m);
	}
}

int
sd_twolayer_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct twolayer_state *st = state;
	size_t j, k = st->k, n = st->n, front, back;
	struct tl_slice *sl;

	if (st->ntk != NULL) {
		/* The NTK model is not the network these projections
		 * evaluate: no slice, f at the lifted points. */
		memset(slice, 0, sizeof *slice);
		return 0;
	}
	slice->bytes = sizeof *sl + (3 * k + 1) * n * sizeof(double);
	if ((sl = malloc(slice->bytes)) == NULL)
		return sd_fail(cause, "out of memory");
	sl->k = k;
	sl->n = n;
	sl->unit = st->unit;
	sl->dunit = tl_dunits[st->act];
	sl->proj = (double *)(sl + 1);
	sl->y = sl->proj + 3 * k * n;
	/* The units fixed along a in the first slots, the others after. */
	for (j = 0, front = 0, back = k; j < k; j++) {
		size_t slot = tl_fixed_along_a(u, j, st->m) ? front++ : --back;

		tl_project_unit(st, c, u, v, j, sl->proj + 3 * slot * n);
	}
	sl->kb = front;
	memcpy(sl->y, st->y, n * sizeof *sl->y);
	slice->data = sl;
	slice->f = tl_slice_f;
	slice->grid = tl_slice_grid;
	slice->fgh = tl_slice_fgh;
	slice->grad_grid = tl_slice_grad_grid;
	slice->free_data = free;
	return 0;
}
