/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_impl.h: what glm.c and glm_slice.c share: the model, the empirical
 * risk's samples, and the one loop that combines them. Private to the
 * two files. */
#ifndef SADDLE_GLM_IMPL_H
#define SADDLE_GLM_IMPL_H

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "landscape/chart.h"
#include "objectives/ntk.h"
#include "objectives/objective.h"

/* Samples per tile: a tile's arrays (4 kB each) stay in the first-level
 * cache while they are worked through, and each sum over samples is the
 * sum of its tiles' sums in order. */
#define GLM_TILE	512

/* w*, the chart's directions and the noise level. */
struct glm_model {
	size_t	 d;
	double	 wnorm;
	double	 noise;
	double	*e;		/* unit, along w* (d entries) */
	double	*side;		/* unit, ⟂ e: the chart's second axis */
	double	*wstar;		/* wnorm·e */
};

/* The samples in structure-of-arrays layout: coordinate k of sample i at
 * xt[k·n + i], so that a loop over samples reads contiguous memory and
 * runs on vector lanes (simd.h). */
struct glm_state {
	struct glm_model	 model;
	size_t			 n;
	double			*xt;	/* the samples, tile by tile
					 * (glm_tile_x) */
	double			*y;	/* n labels */
	double			*what;	/* ŵ, L̂'s minimum near w* (d;
					 * glm_hat.c), or NULL: d = 2,
					 * ntk=1, or not found */
	double			*w0;	/* ntk=1's w₀ (d), or NULL */
	sd_ntk			*ntk;	/* ntk=1's linearized loss, or NULL */
};

#define GLM_DIM_MAX	200	/* the largest d */

/* The samples' layout: tile by tile, GLM_TILE samples a tile (the last
 * padded with zeros), each tile's d coordinates one after another,
 * GLM_TILE values each (a stride of GLM_XSTRIDE). A pass over the
 * samples streams through one contiguous block a tile, where the d
 * columns of a d×n array, n apart, were d streams at once that the
 * prefetcher could not follow: a product at d = 200, n = 100,000 took
 * 9.8 ms that way and takes 5.9 ms this way (2 threads). The sums are
 * the same in the same order: the same bits. */
#define GLM_XSTRIDE	GLM_TILE

/* Tile i0's coordinates (i0 a multiple of GLM_TILE): coordinate k of its
 * sample i0 + i at [k·GLM_XSTRIDE + i]. */
static inline const double *
glm_tile_x(const struct glm_state *st, size_t i0)
{
	return st->xt + i0 * st->model.d;
}

/* Where coordinate k of sample i lies in st->xt. */
static inline size_t
glm_xat(const struct glm_state *st, size_t k, size_t i)
{
	return (i - i % GLM_TILE) * st->model.d + k * GLM_XSTRIDE +
	    i % GLM_TILE;
}

/* The doubles of st->xt for n samples of d coordinates. */
static inline size_t
glm_xsize(size_t n, size_t d)
{
	return (n + GLM_TILE - 1) / GLM_TILE * GLM_TILE * d;
}

/* glm-pop's 2D rule (glm_pop_rule.c): m Gauss–Hermite nodes z and
 * weights w (summing to 1) per axis for N(0, 1); row a, z1 = z[a], holds
 * the pairs (z[a], z[b]), lo[a] ≤ b < hi[a], whose weight w[a]·w[b] is
 * kept; sig[a] = σ(‖w*‖z[a]). */
#define GLM_POP_NODES_MAX	200
struct glm_pop_rule {
	size_t	 m;
	double	*z, *w, *sig;
	size_t	*lo, *hi;
	size_t	 n;		/* pairs kept */
	double	 zmax;		/* the largest |z| of a kept pair */
};

/* Build the rule of m ≤ GLM_POP_NODES_MAX nodes for ‖w*‖ = wnorm. */
int sd_glm_pop_rule_init(struct glm_pop_rule *r, size_t m, double wnorm,
    char **cause);
void sd_glm_pop_rule_done(struct glm_pop_rule *r);

/* The sums over the rule at wᵀx = αz1 + βz2, h(t) = ½(σ(t) − σ(‖w*‖z1))²
 * and ω the pair's weight: c[0] = Σω(σ(t) − σ(‖w*‖z1))², c[1] = Σωh'z1,
 * c[2] = Σωh'z2, c[3] = Σωh''z1², c[4] = Σωh''z1z2, c[5] = Σωh''z2²;
 * within 1e-12 of the sums written pair by pair. */
void sd_glm_pop_sums(const struct glm_pop_rule *r, double alpha, double beta,
    double *c);

/* σ, σ' and σ'' at t. */
static inline void
glm_sigmoid(double t, double *s, double *s1, double *s2)
{
	double v = 1 / (1 + exp(-t));

	*s = v;
	*s1 = v * (1 - v);
	*s2 = *s1 * (1 - 2 * v);
}

/* t_i = Σ_k w_k·col[k·n + i] for i < len: wᵀx_i for a tile of contiguous
 * samples (col = xt + i0), on vector lanes (glm_tiles.c). */
void sd_glm_combine(const double *w, const double *col, size_t d, size_t n,
    size_t len, double *t);

/* The same for w into t and v into s in one sweep of the tile's columns
 * (each the bits sd_glm_combine gives it). */
void sd_glm_combine2(const double *w, const double *v, const double *col,
    size_t d, size_t n, size_t len, double *t, double *s);

/* Σ_k c_k·a_k over a tile, on fixed lanes (glm_tiles.c). */
double sd_glm_tile_dot(const double *c, const double *a, size_t len);

/* q_k ← (σ'(t_k)² + (σ(t_k) − y_k)σ''(t_k))/n over a tile: the weight
 * of x_k x_kᵀ in ∇²L̂ at t_k = wᵀx_k (glm_tiles.c). */
void sd_glm_tile_curv(double *t, const double *y, size_t len, double n);

/* glm_hvp.c: the hvp_prepare and hvp_prepared hooks (objective.h): the
 * Hessian's weights q at w, then each product in a pass without them;
 * NULL (declined) with ntk=1. */
void *sd_glm_hvp_prepare(const void *state, const double *w);
void sd_glm_hvp_prepared(const void *state, const void *prep,
    const double *v, double *hv);

/* glm_ntk.c, ntk=1: draw w₀ from rng (entries init·N(0, 1/d)) and
 * build the model's linearized loss into st->w0 and st->ntk. */
int sd_glm_linearize(struct glm_state *st, gsl_rng *rng, double init,
    char **cause);

/* glm_ntk.c: ntk=1's chart, through w₀ towards its minimizer and w*. */
int sd_glm_ntk_chart(const struct glm_state *st, sd_chart *chart);

/* glm's type (glm.c): glm_hat.c minimizes its f. */
extern const sd_objective_type sd_objective_glm;

/* glm_hat.c: ŵ by Newton from w* into st->what (NULL when not found);
 * -1 only when out of memory. */
int sd_glm_hat(struct glm_state *st, char **cause);

/* glm's slice_new (glm_slice.c). */
int sd_glm_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause);

#endif
