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

/* What a grid point sums over the samples, with σ_i = σ(z_i) and
 * r_i = σ_i − y_i: f's Σ r² (GLM_F, into s[0]) and ∇φ's
 * Σ r·σ_i(1 − σ_i)·(pu_i, pv_i) (GLM_G, into s[1] and s[2]). Each sum
 * on fixed lanes (simd.h), the same bits whatever the vector width and
 * whichever of the sums a call asks for. */
enum { GLM_F = 1, GLM_G = 2, GLM_FG = 3 };

/* Sample i's terms (σ_i = v) into lane j. */
SD_LOOP_INLINE void
glm_term(double s[3][SD_LANES], size_t j, int want,
    const struct glm_slice *sl, size_t i, double v)
{
	double r = v - sl->y[i], t;

	if (want & GLM_F)
		s[0][j] += r * r;
	if (want & GLM_G) {
		t = r * v * (1 - v);
		s[1][j] += t * sl->pu[i];
		s[2][j] += t * sl->pv[i];
	}
}

/* Samples i and i + h of the tile at i0 from their factors
 * (r_i·c_i = e^{−z_i}), one quotient for both. */
SD_LOOP_INLINE void
glm_pair(double s[3][SD_LANES], size_t j, int want,
    const struct glm_slice *sl, size_t i0, const double *r, const double *c,
    size_t i, size_t h)
{
	double x = 1 + r[i] * c[i], x2 = 1 + r[i + h] * c[i + h];
	double q = 1 / (x * x2);

	glm_term(s, j, want, sl, i0 + i, x2 * q);
	glm_term(s, j, want, sl, i0 + i + h, x * q);
}

/* Sample i, its exp its own. */
SD_LOOP_INLINE void
glm_whole(double s[3][SD_LANES], size_t j, int want,
    const struct glm_slice *sl, size_t i, double a, double b)
{
	glm_term(s, j, want, sl, i, 1 / (1 + exp(-(sl->p0[i] + a * sl->pu[i] +
	    b * sl->pv[i]))));
}

/* Add the lanes of the sums wanted to out[k][at]. */
SD_LOOP_INLINE void
glm_lanes_out(double s[3][SD_LANES], int want, double *const *out,
    size_t at)
{
	if (want & GLM_F)
		out[0][at] += sd_lanes_total(s[0]);
	if (want & GLM_G) {
		out[1][at] += sd_lanes_total(s[1]);
		out[2][at] += sd_lanes_total(s[2]);
	}
}

/* A point's sums over the tile [i0, i0 + len) from its factors r and c
 * (tile-relative): pairs i and i + h, h = len/2, and the last sample
 * alone when len is odd. */
SD_LOOP_INLINE void
glm_split_sums(const struct glm_slice *sl, size_t i0, size_t len,
    const double *r, const double *c, int want, double *const *out,
    size_t at)
{
	double s[3][SD_LANES] = { { 0 } };
	size_t h = len / 2;

	SD_LANES_FOR(i, j, h, { glm_pair(s, j, want, sl, i0, r, c, i, h); });
	if (len % 2 != 0)
		glm_term(s, 0, want, sl, i0 + len - 1,
		    1 / (1 + r[len - 1] * c[len - 1]));
	glm_lanes_out(s, want, out, at);
}

/* The same for a point whose exponents are too large to split. */
SD_LOOP_INLINE void
glm_whole_sums(const struct glm_slice *sl, size_t i0, size_t len, double a,
    double b, int want, double *const *out, size_t at)
{
	double s[3][SD_LANES] = { { 0 } };

	SD_LANES_FOR(i, j, len, { glm_whole(s, j, want, sl, i0 + i, a, b); });
	glm_lanes_out(s, want, out, at);
}

/* The kernels of each `want`, on vector lanes. */
#define GLM_KERNELS(name, want)						\
SD_SIMD_CLONES								\
static void								\
glm_split_##name(const struct glm_slice *sl, size_t i0, size_t len,	\
    const double *r, const double *c, double *const *out, size_t at)	\
{									\
	glm_split_sums(sl, i0, len, r, c, want, out, at);		\
}									\
SD_SIMD_CLONES								\
static void								\
glm_whole_##name(const struct glm_slice *sl, size_t i0, size_t len,	\
    double a, double b, double *const *out, size_t at)			\
{									\
	glm_whole_sums(sl, i0, len, a, b, want, out, at);		\
}
GLM_KERNELS(f, GLM_F)
GLM_KERNELS(g, GLM_G)
GLM_KERNELS(fg, GLM_FG)

static const struct glm_kernels {
	void	(*split)(const struct glm_slice *, size_t, size_t,
		    const double *, const double *, double *const *, size_t);
	void	(*whole)(const struct glm_slice *, size_t, size_t, double,
		    double, double *const *, size_t);
} glm_kernels[] = {
	[GLM_F] = { glm_split_f, glm_whole_f },
	[GLM_G] = { glm_split_g, glm_whole_g },
	[GLM_FG] = { glm_split_fg, glm_whole_fg },
};

/* A grid's sums: want's of every (a[i], b[j]) into out[k][j·stride + i]
 * (f, φ_a, φ_b; NULL where not wanted). */
struct glm_grid {
	const struct glm_slice	*sl;
	int			 want;
	size_t			 na, nb, stride;
	const double		*a, *b;
	double			*out[3];
};

/* Add point (i, j)'s sums over the tile [i0, i0 + len) to the grid's
 * outputs: from the row factors rf and the column factors cf when they
 * are there and it splits, else whole. */
static void
glm_grid_point(const struct glm_grid *g, size_t i0, size_t len, size_t i,
    size_t j, const double *rf, const double *cf)
{
	const struct glm_kernels *kn = &glm_kernels[g->want];

	if (rf != NULL && glm_split(g->sl, g->a[i], g->b[j]))
		kn->split(g->sl, i0, len, rf, cf, g->out, j * g->stride + i);
	else
		kn->whole(g->sl, i0, len, g->a[i], g->b[j], g->out,
		    j * g->stride + i);
}

/* Add one tile [i0, i0 + len) of the grid's sums: the row factors of
 * every b in rf, the column factors of GLM_GRID_COLS columns at a time
 * in cf (rf NULL: every point whole). */
static void
glm_grid_tile(const struct glm_grid *g, size_t i0, size_t len, double *rf,
    double *cf)
{
	const struct glm_slice *sl = g->sl;
	size_t i, j, c0, c1;

	for (j = 0; rf != NULL && j < g->nb; j++)
		glm_factor(sl->p0 + i0, sl->pv + i0, g->b[j], len,
		    rf + j * GLM_TILE);
	for (c0 = 0; c0 < g->na; c0 = c1) {
		c1 = g->na - c0 < GLM_GRID_COLS ? g->na : c0 + GLM_GRID_COLS;
		for (i = c0; rf != NULL && i < c1; i++)
			glm_factor(NULL, sl->pu + i0, g->a[i], len, cf +
			    (i - c0) * GLM_TILE);
		for (j = 0; j < g->nb; j++)
			for (i = c0; i < c1; i++)
				glm_grid_point(g, i0, len, i, j, rf == NULL ?
				    NULL : rf + j * GLM_TILE, cf + (i - c0) *
				    GLM_TILE);
	}
}

/* The grid's sums, the tiles in order, each point's the same bits
 * whatever the rest of the grid; then f = Σ/(2n), φ_a, φ_b = Σ/n.
 * Without memory for the factors, every point whole (within 1e-13 of
 * the same). */
static void
glm_grid_sums(struct glm_grid *g)
{
	size_t i, j, k, i0, len, n = g->sl->n;
	double *rf, scale;

	for (k = 0; k < 3; k++)
		for (j = 0; g->out[k] != NULL && j < g->nb; j++)
			memset(g->out[k] + j * g->stride, 0, g->na *
			    sizeof *g->out[k]);
	rf = malloc((g->nb + GLM_GRID_COLS) * GLM_TILE * sizeof *rf);
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < GLM_TILE ? n - i0 : GLM_TILE;
		glm_grid_tile(g, i0, len, rf, rf == NULL ? NULL : rf + g->nb *
		    GLM_TILE);
	}
	free(rf);
	for (k = 0; k < 3; k++) {
		scale = (k == 0 ? 2 : 1) * (double)n;
		for (j = 0; g->out[k] != NULL && j < g->nb; j++)
			for (i = 0; i < g->na; i++)
				g->out[k][j * g->stride + i] /= scale;
	}
}

/* L̂ at every (a[i], b[j]) (slice grid). */
static void
glm_slice_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride)
{
	struct glm_grid g = { data, GLM_F, na, nb, stride, a, b,
	    { f, NULL, NULL } };

	glm_grid_sums(&g);
}

/* ∇φ at every (a[i], b[j]) (slice grad_grid). */
static void
glm_slice_grad_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *ga, double *gb, size_t stride)
{
	struct glm_grid g = { data, GLM_G, na, nb, stride, a, b,
	    { NULL, ga, gb } };

	glm_grid_sums(&g);
}

/* Both in one pass (slice fg_grid): the quotients shared. */
static void
glm_slice_fg_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, double *ga, double *gb, size_t stride)
{
	struct glm_grid g = { data, GLM_FG, na, nb, stride, a, b,
	    { f, ga, gb } };

	glm_grid_sums(&g);
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

/* Sample i's terms of fgh's six sums (e = e^{−z_i}) into lane j: with
 * σ_i = σ(z_i), r = σ_i − y_i, s1 = σ_i(1 − σ_i) and s2 = s1(1 − 2σ_i)
 * as glm.c writes them, r², r·s1·(pu, pv) and (s1² + r·s2)·(pu², pu·pv,
 * pv²). */
SD_LOOP_INLINE void
glm_fgh_term(double s[6][SD_LANES], size_t j, double e, double y,
    double pu, double pv)
{
	double v = 1 / (1 + e), r = v - y, s1 = v * (1 - v);
	double c = s1 * s1 + r * s1 * (1 - 2 * v);

	s[0][j] += r * r;
	s[1][j] += r * s1 * pu;
	s[2][j] += r * s1 * pv;
	s[3][j] += c * pu * pu;
	s[4][j] += c * pu * pv;
	s[5][j] += c * pv * pv;
}

/* fgh's sums at (a, b) over samples [i0, i1), added to out. The exps
 * first, into e (i1 − i0 entries): a loop that calls the vector exp
 * keeps its six sums in memory across the call; the sums' own loop
 * keeps them in registers. */
SD_SIMD_CLONES
static void
glm_tile_fgh(const struct glm_slice *sl, size_t i0, size_t i1, double a,
    double b, double *out, double *e)
{
	const double *p0 = sl->p0 + i0, *pu = sl->pu + i0, *pv = sl->pv + i0;
	const double *y = sl->y + i0;
	double s[6][SD_LANES] = { { 0 } };
	size_t i, len = i1 - i0;

#pragma omp simd
	for (i = 0; i < len; i++)
		e[i] = exp(-(p0[i] + a * pu[i] + b * pv[i]));
	SD_LANES_FOR(m, j, len, {
		glm_fgh_term(s, j, e[m], y[m], pu[m], pv[m]);
	});
	for (i = 0; i < 6; i++)
		out[i] += sd_lanes_total(s[i]);
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
		sd_glm_combine(c, glm_tile_x(st, i0), d, GLM_XSTRIDE, len,
		    sl->p0 + i0);
		sd_glm_combine(u, glm_tile_x(st, i0), d, GLM_XSTRIDE, len,
		    sl->pu + i0);
		sd_glm_combine(v, glm_tile_x(st, i0), d, GLM_XSTRIDE, len,
		    sl->pv + i0);
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
	slice->fg_grid = glm_slice_fg_grid;
	slice->free_data = free;
	return 0;
}
