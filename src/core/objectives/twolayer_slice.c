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
 * p0 + a·pu + b·pv, the three n-vectors of unit j at proj + 3jn. One
 * block: this header, the projections, the labels. */
struct tl_slice {
	size_t		 k, n;
	tl_unit		*unit;
	twolayer_phi	*phi;
	double		*proj, *y;
};

/* Σ (out_i − y_i)² for i < len, on vector lanes. */
SD_SIMD_CLONES
static double
tl_tile_sq(const double *out, const double *y, size_t len)
{
	double s = 0, r;
	size_t i;

#pragma omp simd reduction(+:s) private(r)
	for (i = 0; i < len; i++) {
		r = out[i] - y[i];
		s += r * r;
	}
	return s;
}

/* L̂ at the m chart points, a tile of samples at a time: each point's sum
 * is its tiles' sums in order, whatever the other points. */
static void
tl_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	const struct tl_slice *sl = data;
	size_t i0, len, j, p, n = sl->n;
	double out[TL_TILE];
	const double *q;

	for (p = 0; p < m; p++)
		f[p] = 0;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < TL_TILE ? n - i0 : TL_TILE;
		for (p = 0; p < m; p++) {
			memset(out, 0, len * sizeof *out);
			for (j = 0; j < sl->k; j++) {
				q = sl->proj + 3 * j * n + i0;
				sl->unit(q, q + n, q + 2 * n, len, a[p],
				    b[p], out);
			}
			f[p] += tl_tile_sq(out, sl->y + i0, len);
		}
	}
	for (p = 0; p < m; p++)
		f[p] /= 2 * (double)n;
}

/* Add sample i's terms of φ's derivatives at (a, b) to s (slice fgh):
 * with r = f_θ(x_i) − y_i, A = Σ_j φ'(z_j)·pu_j, B likewise along pv,
 * r², r·A, r·B and A² + r·Σ_j φ''(z_j)·pu_j², A·B + r·Σ φ''·pu·pv,
 * B² + r·Σ φ''·pv². */
static void
tl_sample_fgh(const struct tl_slice *sl, size_t i, double a, double b,
    double *s)
{
	const double *q;
	double r = -sl->y[i], ga = 0, gb = 0, caa = 0, cab = 0, cbb = 0;
	double p, p1, p2, pu, pv;
	size_t j, n = sl->n;

	for (j = 0; j < sl->k; j++) {
		q = sl->proj + 3 * j * n + i;
		pu = q[n];
		pv = q[2 * n];
		sl->phi(q[0] + a * pu + b * pv, &p, &p1, &p2);
		r += p;
		ga += p1 * pu;
		gb += p1 * pv;
		caa += p2 * pu * pu;
		cab += p2 * pu * pv;
		cbb += p2 * pv * pv;
	}
	s[0] += r * r;
	s[1] += r * ga;
	s[2] += r * gb;
	s[3] += ga * ga + r * caa;
	s[4] += ga * gb + r * cab;
	s[5] += gb * gb + r * cbb;
}

/* φ(a, b) = L̂(c + a·u + b·v), its gradient and Hessian (slice fgh). */
static void
tl_slice_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	const struct tl_slice *sl = data;
	double s[6] = { 0 }, n = (double)sl->n;
	size_t i;

	for (i = 0; i < sl->n; i++)
		tl_sample_fgh(sl, i, a, b, s);
	*f = s[0] / (2 * n);
	g[0] = s[1] / n;
	g[1] = s[2] / n;
	h[0] = s[3] / n;
	h[1] = s[4] / n;
	h[2] = s[5] / n;
}

int
sd_twolayer_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct twolayer_state *st = state;
	size_t i, j, k = st->k, m = st->m, n = st->n;
	struct tl_slice *sl;
	const double *x;
	double *q;

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
	sl->phi = st->phi;
	sl->proj = (double *)(sl + 1);
	sl->y = sl->proj + 3 * k * n;
	for (j = 0; j < k; j++) {
		q = sl->proj + 3 * j * n;
		for (i = 0; i < n; i++) {
			x = st->x + i * m;
			q[i] = sd_dot(c + j * m, x, m);
			q[n + i] = sd_dot(u + j * m, x, m);
			q[2 * n + i] = sd_dot(v + j * m, x, m);
		}
	}
	memcpy(sl->y, st->y, n * sizeof *sl->y);
	slice->data = sl;
	slice->f = tl_slice_f;
	slice->fgh = tl_slice_fgh;
	slice->free_data = free;
	return 0;
}
