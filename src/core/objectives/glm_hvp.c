/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_hvp.c: glm's Hessian at one point prepared for many products
 * (objective.h's hvp_prepare and hvp_prepared).
 *
 * Why. ∇²L̂(w)v = (1/n) Σ q_i (x_iᵀv) x_i, q_i = σ'(t_i)² + (σ(t_i) −
 * y_i)σ''(t_i) at t_i = wᵀx_i: glm_hvp computes t_i and an exp per
 * sample in every product, though only v changes. Lanczos and MINRES
 * take tens of products at one w (the finder's classification of a
 * point in d ≥ 50, newton's and cubic's steps, ŵ's Newton): with q kept
 * (n doubles), a product sweeps each tile's columns for x_iᵀv alone and
 * has no exp. The same bits as glm_hvp: t, s and q come from the same
 * loops (sd_glm_combine gives combine2's bits, sd_glm_tile_curv is the
 * one curvature loop), and the tiles are summed in the same order. */
#include "config.h"

#include <stdlib.h>

#include "base/tiles.h"
#include "objectives/glm_impl.h"

/* What a prepared product's tiles read. */
struct hvp_pass {
	const struct glm_state	*st;
	const double		*q, *v;
};

void *
sd_glm_hvp_prepare(const void *state, const double *w)
{
	const struct glm_state *st = state;
	size_t i0, len, n = st->n, d = st->model.d;
	double *q;

	if (st->ntk != NULL || (q = malloc(n * sizeof *q)) == NULL)
		return NULL;
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < GLM_TILE ? n - i0 : GLM_TILE;
		sd_glm_combine(w, glm_tile_x(st, i0), d, GLM_XSTRIDE, len,
		    q + i0);
		sd_glm_tile_curv(q + i0, st->y + i0, len, (double)n);
	}
	return q;
}

/* A tile's (1/n) Σ q_i (x_iᵀv) x_i. */
static void
hvp_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct hvp_pass *p = arg;
	const struct glm_state *st = p->st;
	double s[GLM_TILE];
	size_t j, k;

	sd_glm_combine(p->v, glm_tile_x(st, i0), st->model.d, GLM_XSTRIDE,
	    len, s);
	for (k = 0; k < len; k++)
		s[k] *= p->q[i0 + k];
	for (j = 0; j < st->model.d; j++)
		part[j] = sd_glm_tile_dot(s, glm_tile_x(st, i0) +
		    j * GLM_XSTRIDE, len);
}

void
sd_glm_hvp_prepared(const void *state, const void *prep, const double *v,
    double *hv)
{
	const struct glm_state *st = state;
	struct hvp_pass p = { st, prep, v };

	sd_tiles_sum(st->n, GLM_TILE, (double)st->n * (double)st->model.d,
	    hvp_tile, &p, st->model.d, hv);
}
