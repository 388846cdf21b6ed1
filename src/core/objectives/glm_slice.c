/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_slice.c: glm's empirical risk along a plane chart (slice.h).
 *
 * On the plane w = c + a·u + b·v the samples are seen through three
 * n-vectors, wᵀx_i = p0_i + a·pu_i + b·pv_i, so f at a chart point costs
 * O(n), not O(n·d). The exp of σ then dominates, and on a grid of points
 * most of it can be shared: e^{−wᵀx_i} = e^{−(p0_i + b·pv_i)}·e^{−a·pu_i},
 * one factor per row b and one per column a, and a point costs a product
 * and a quotient per sample. The quotient is then the dearest operation
 * of f's loop, so one serves two samples of a tile, i and i + h (h half
 * the tile): with x = 1 + r·c for each, q = 1/(x_i·x_{i+h}) gives
 * 1/x_i = x_{i+h}·q and 1/x_{i+h} = x_i·q within 2 ulps (a tile's pairs
 * are fixed by its length, so a point has the same bits in any call).
 * The factors are used where no exponent can exceed GLM_SPLIT in size
 * (decided per point from the largest |p0_i|, |pu_i|, |pv_i|, so a
 * point has the same bits in any call): then x ≤ 1 + e^GLM_SPLIT and the
 * product of two cannot overflow, and the split moves the exponent by
 * at most GLM_SPLIT·2ε, which keeps f within 1e-13 of the unsplit sum;
 * elsewhere e^{−wᵀx_i} itself. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/simd.h"
#include "base/vec.h"
#include "objectives/glm_impl.h"

#define GLM_SPLIT	350	/* the largest |exponent| of a factor */
#define GLM_GRID_COLS	32	/* columns whose factors a tile keeps */

/* The samples seen from the plane, and the largest |p0_i|, |pu_i|,
 * |pv_i|. One block: this header, then the four arrays. */
struct glm_slice {
	size_t	 n;
	double	 m0, mu, mv;
	double	*p0, *pu, *pv, *y;
};

/* Whether the point (a, b) uses the factors: its exponents |wᵀx_i| are
 * at most GLM_SPLIT. */
static int
glm_split(const struct glm_slice *sl, double a, double b)
{
	return sl->m0 + fabs(b) * sl->mv + fabs(a) * sl->mu <= GLM_SPLIT;
}

/* e_i = e^{−(p_i + s·q_i)} for i < len (p NULL: 0), on vector lanes. */
SD_SIMD_CLONES
static void
glm_factor(const double *p, const double *q, double s, size_t len,
    double *e)
{
	size_t i;

	if (p == NULL) {
#pragma omp simd
		for (i = 0; i < len; i++)
			e[i] = exp(-(s * q[i]));
		return;
	}
#pragma omp simd
	for (i = 0; i < len; i++)
		e[i] = exp(-(p[i] + s * q[i]));
}

/* Σ (y_i − 1/(1 + r_i·c_i))² for i < len: a point from its factors,
 * one quotient for samples i and i + h (and the last one alone when len
 * is odd). */
SD_SIMD_CLONES
static double
glm_tile_split(const double *r, const double *c, const double *y,
    size_t len)
{
	const size_t h = len / 2;
	const double *r2 = r + h, *c2 = c + h, *y2 = y + h;
	double s = 0, t, u, x, x2, q;
	size_t i;

#pragma omp simd reduction(+:s) private(t, u, x, x2, q)
	for (i = 0; i < h; i++) {
		x = 1 + r[i] * c[i];
		x2 = 1 + r2[i] * c2[i];
		q = 1 / (x * x2);
		t = y[i] - x2 * q;
		u = y2[i] - x * q;
		s += t * t + u * u;
	}
	if (len % 2 != 0) {
		t = y[len - 1] - 1 / (1 + r[len - 1] * c[len - 1]);
		s += t * t;
	}
	return s;
}

/* Σ (y_i − σ(p0_i + a·pu_i + b·pv_i))² for i in [i0, i1): a point whose
 * exponents are too large to split. */
SD_SIMD_CLONES
static double
glm_tile_whole(const struct glm_slice *sl, size_t i0, size_t i1, double a,
    double b)
{
	const double *p0 = sl->p0, *pu = sl->pu, *pv = sl->pv, *y = sl->y;
	double s = 0, r;
	size_t i;

#pragma omp simd reduction(+:s) private(r)
	for (i = i0; i < i1; i++) {
		r = y[i] - 1 / (1 + exp(-(p0[i] + a * pu[i] + b * pv[i])));
		s += r * r;
	}
	return s;
}

/* Add one tile [i0, i0 + len) of the grid's sums: the row factors of
 * every b in rf, the column factors of GLM_GRID_COLS columns at a time
 * in cf. */
static void
glm_grid_tile(const struct glm_slice *sl, size_t i0, size_t len, size_t na,
    const double *a, size_t nb, const double *b, double *f, size_t stride,
    double *rf, double *cf)
{
	size_t i, j, c0, c1;
	double *fj;

	for (j = 0; j < nb; j++)
		glm_factor(sl->p0 + i0, sl->pv + i0, b[j], len, rf + j *
		    GLM_TILE);
	for (c0 = 0; c0 < na; c0 = c1) {
		c1 = na - c0 < GLM_GRID_COLS ? na : c0 + GLM_GRID_COLS;
		for (i = c0; i < c1; i++)
			glm_factor(NULL, sl->pu + i0, a[i], len, cf + (i - c0) *
			    GLM_TILE);
		for (j = 0; j < nb; j++) {
			fj = f + j * stride;
			for (i = c0; i < c1; i++)
				fj[i] += glm_split(sl, a[i], b[j]) ?
				    glm_tile_split(rf + j * GLM_TILE, cf +
				    (i - c0) * GLM_TILE, sl->y + i0, len) :
				    glm_tile_whole(sl, i0, i0 + len, a[i],
				    b[j]);
		}
	}
}

/* L̂ at every (a[i], b[j]): the tiles in order, each point's sums the
 * same whatever the rest of the grid. Without memory for the factors,
 * every point whole (within 1e-13 of the same). */
static void
glm_slice_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride)
{
	const struct glm_slice *sl = data;
	size_t i, j, i0, len, n = sl->n;
	double *rf;

	for (j = 0; j < nb; j++)
		memset(f + j * stride, 0, na * sizeof *f);
	rf = malloc((nb + GLM_GRID_COLS) * GLM_TILE * sizeof *rf);
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < GLM_TILE ? n - i0 : GLM_TILE;
		if (rf != NULL) {
			glm_grid_tile(sl, i0, len, na, a, nb, b, f, stride,
			    rf, rf + nb * GLM_TILE);
			continue;
		}
		for (j = 0; j < nb; j++)
			for (i = 0; i < na; i++)
				f[j * stride + i] += glm_tile_whole(sl, i0,
				    i0 + len, a[i], b[j]);
	}
	free(rf);
	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			f[j * stride + i] /= 2 * (double)n;
}

/* L̂ at the m chart points: each run of points with the same b is a row
 * of a grid. */
static void
glm_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	size_t k, run;

	for (k = 0; k < m; k += run) {
		for (run = 1; k + run < m && b[k + run] == b[k]; run++)
			;
		glm_slice_grid(data, run, a + k, 1, b + k, f + k, run);
	}
}

/* The sums of φ's derivatives at (a, b) over samples [i0, i1) into s:
 * with σ_i = σ(z_i), r_i = σ_i − y_i, s1 = σ_i(1 − σ_i) and
 * s2 = s1(1 − 2σ_i) as glm.c writes them, Σ r², Σ r·s1·(pu, pv) and
 * Σ (s1² + r·s2)·(pu², pu·pv, pv²). The exps first, into e (i1 − i0
 * entries): a loop that calls the vector exp keeps its six sums in
 * memory across the call; the sums' own loop keeps them in registers. */
SD_SIMD_CLONES
static void
glm_tile_fgh(const struct glm_slice *sl, size_t i0, size_t i1, double a,
    double b, double *s, double *e)
{
	const double *p0 = sl->p0 + i0, *pu = sl->pu + i0, *pv = sl->pv + i0;
	const double *y = sl->y + i0;
	double f = 0, ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
	double v, r, s1, c;
	size_t i, len = i1 - i0;

#pragma omp simd
	for (i = 0; i < len; i++)
		e[i] = exp(-(p0[i] + a * pu[i] + b * pv[i]));
#pragma omp simd reduction(+:f, ga, gb, haa, hab, hbb) private(v, r, s1, c)
	for (i = 0; i < len; i++) {
		v = 1 / (1 + e[i]);
		r = v - y[i];
		s1 = v * (1 - v);
		c = s1 * s1 + r * s1 * (1 - 2 * v);
		f += r * r;
		ga += r * s1 * pu[i];
		gb += r * s1 * pv[i];
		haa += c * pu[i] * pu[i];
		hab += c * pu[i] * pv[i];
		hbb += c * pv[i] * pv[i];
	}
	s[0] += f;
	s[1] += ga;
	s[2] += gb;
	s[3] += haa;
	s[4] += hab;
	s[5] += hbb;
}

/* φ(a, b) = L̂(c + a·u + b·v), its gradient and Hessian (slice fgh). */
static void
glm_slice_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	const struct glm_slice *sl = data;
	double s[6] = { 0 }, n = (double)sl->n, e[GLM_TILE];
	size_t i0, len;

	for (i0 = 0; i0 < sl->n; i0 += len) {
		len = sl->n - i0 < GLM_TILE ? sl->n - i0 : GLM_TILE;
		glm_tile_fgh(sl, i0, i0 + len, a, b, s, e);
	}
	*f = s[0] / (2 * n);
	g[0] = s[1] / n;
	g[1] = s[2] / n;
	h[0] = s[3] / n;
	h[1] = s[4] / n;
	h[2] = s[5] / n;
}

/* Add a point's Σ r·s1·(pu, pv) over a tile to *ga, *gb from its exp
 * factors (r_i·c_i = e^{−z_i}). */
SD_SIMD_CLONES
static void
glm_tile_grad_split(const double *r, const double *c, const double *y,
    const double *pu, const double *pv, size_t len, double *ga, double *gb)
{
	double sa = 0, sb = 0, v, t;
	size_t i;

#pragma omp simd reduction(+:sa, sb) private(v, t)
	for (i = 0; i < len; i++) {
		v = 1 / (1 + r[i] * c[i]);
		t = (v - y[i]) * v * (1 - v);
		sa += t * pu[i];
		sb += t * pv[i];
	}
	*ga += sa;
	*gb += sb;
}

/* The same for a point too far out to split. */
SD_SIMD_CLONES
static void
glm_tile_grad_whole(const struct glm_slice *sl, size_t i0, size_t len,
    double a, double b, double *ga, double *gb)
{
	const double *pu = sl->pu + i0, *pv = sl->pv + i0;
	const double *p0 = sl->p0 + i0, *y = sl->y + i0;
	double sa = 0, sb = 0, v, t;
	size_t i;

#pragma omp simd reduction(+:sa, sb) private(v, t)
	for (i = 0; i < len; i++) {
		v = 1 / (1 + exp(-(p0[i] + a * pu[i] + b * pv[i])));
		t = (v - y[i]) * v * (1 - v);
		sa += t * pu[i];
		sb += t * pv[i];
	}
	*ga += sa;
	*gb += sb;
}

/* ∇φ at every (a[i], b[j]) (slice grad_grid): glm_slice_grid's tiles and
 * shared exps, two sums a point. */
static void
glm_slice_grad_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *ga, double *gb, size_t stride)
{
	const struct glm_slice *sl = data;
	size_t i, j, i0, c0, c1, len, k, n = sl->n;
	double *rf, *cf;

	for (j = 0; j < nb; j++) {
		memset(ga + j * stride, 0, na * sizeof *ga);
		memset(gb + j * stride, 0, na * sizeof *gb);
	}
	rf = malloc((nb + GLM_GRID_COLS) * GLM_TILE * sizeof *rf);
	cf = rf != NULL ? rf + nb * GLM_TILE : NULL;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < GLM_TILE ? n - i0 : GLM_TILE;
		for (j = 0; rf != NULL && j < nb; j++)
			glm_factor(sl->p0 + i0, sl->pv + i0, b[j], len,
			    rf + j * GLM_TILE);
		for (c0 = 0; c0 < na; c0 = c1) {
			c1 = na - c0 < GLM_GRID_COLS ? na : c0 + GLM_GRID_COLS;
			for (i = c0; rf != NULL && i < c1; i++)
				glm_factor(NULL, sl->pu + i0, a[i], len,
				    cf + (i - c0) * GLM_TILE);
			for (j = 0; j < nb; j++) {
				for (i = c0; i < c1; i++) {
					k = j * stride + i;
					if (rf != NULL && glm_split(sl, a[i],
					    b[j]))
						glm_tile_grad_split(rf + j *
						    GLM_TILE, cf + (i - c0) *
						    GLM_TILE, sl->y + i0, sl->pu +
						    i0, sl->pv + i0, len, &ga[k],
						    &gb[k]);
					else
						glm_tile_grad_whole(sl, i0, len,
						    a[i], b[j], &ga[k], &gb[k]);
				}
			}
		}
	}
	free(rf);
	for (j = 0; j < nb; j++) {
		for (i = 0; i < na; i++) {
			ga[j * stride + i] /= (double)n;
			gb[j * stride + i] /= (double)n;
		}
	}
}

/* Project the samples on c, u and v: 3·n·d operations, once per chart. */
int
sd_glm_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct glm_state *st = state;
	size_t i0, len, n = st->n, d = st->model.d;
	struct glm_slice *sl;

	if (st->ntk != NULL) {
		/* The NTK model is not the σ these projections evaluate:
		 * no slice, f at the lifted points. */
		memset(slice, 0, sizeof *slice);
		return 0;
	}
	slice->bytes = sizeof *sl + 4 * n * sizeof(double);
	if ((sl = malloc(slice->bytes)) == NULL)
		return sd_fail(cause, "out of memory");
	sl->n = n;
	sl->p0 = (double *)(sl + 1);
	sl->pu = sl->p0 + n;
	sl->pv = sl->pu + n;
	sl->y = sl->pv + n;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < GLM_TILE ? n - i0 : GLM_TILE;
		sd_glm_combine(c, st->xt + i0, d, n, len, sl->p0 + i0);
		sd_glm_combine(u, st->xt + i0, d, n, len, sl->pu + i0);
		sd_glm_combine(v, st->xt + i0, d, n, len, sl->pv + i0);
	}
	memcpy(sl->y, st->y, n * sizeof *sl->y);
	sl->m0 = sd_norm_inf(sl->p0, n);
	sl->mu = sd_norm_inf(sl->pu, n);
	sl->mv = sd_norm_inf(sl->pv, n);
	slice->data = sl;
	slice->f = glm_slice_f;
	slice->grid = glm_slice_grid;
	slice->fgh = glm_slice_fgh;
	slice->grad_grid = glm_slice_grad_grid;
	slice->free_data = free;
	return 0;
}
