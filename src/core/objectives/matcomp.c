/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_matcomp.c: the chapter's §4.2, rank-1 symmetric matrix
 * completion, f(x) = ½ Σ_{(i,j)∈Ω} (M_ij − x_i x_j)² with M = zzᵀ.
 *
 * Data (Assumption 4.3): z is a unit vector drawn uniformly at random and
 * redrawn until it is incoherent, ‖z‖_∞ ≤ μ/√d with μ = 2√(log d); Ω is
 * symmetric: each pair {i, j}, i ≤ j (the diagonal included), is observed
 * with probability p, and an observed off-diagonal pair counts as the two
 * entries (i, j) and (j, i). The global minima are ±z with f = 0 and every
 * local minimum in the incoherent ball is O(√ε)-close to them (Theorem
 * 4.4); 0 is stationary.
 *
 * With R = P_Ω(xxᵀ − M): ∇f = 2Rx and
 * ∇²f_kl = 2(R_kl + [kl∈Ω] x_k x_l + δ_kl Σ_{j:(k,j)∈Ω} x_j²)
 * (the chapter's (4.7) drops the 2, as in §4.1). Ω is kept as adjacency
 * lists, so f, ∇f and ∇²f cost O(|Ω|) (plus d² to clear ∇²f). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "objectives/objective.h"

#define MATCOMP_DIM_MAX	200

enum { MATCOMP_D, MATCOMP_P, MATCOMP_SEED };

static const sd_param matcomp_params[] = {
	{ "d", 20, 2, MATCOMP_DIM_MAX, 1, "dimension of z (default 20)" },
	{ "p", 0.5, 0.01, 1, 0, "probability that a symmetric pair of "
	    "entries is observed (default 0.5; p = 1 is pca with M = zzᵀ)" },
	{ "seed", 1, 0, 4294967295.0, 1, "seed of z, Ω and the chart's "
	    "second direction (default 1)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

struct matcomp_state {
	size_t	 d;
	double	*z;		/* the unit factor, d */
	double	*side;		/* unit, ⟂ z: the chart's second axis */
	size_t	*start;		/* d + 1: row k's neighbours are */
	size_t	*nbr;		/* nbr[start[k] .. start[k + 1]) */
	size_t	 n_pairs;	/* observed pairs i ≤ j */
	size_t	*pair_i, *pair_j;	/* the pairs, for minibatches */
};

/* Draw z until it is incoherent: ‖z‖_∞ ≤ 2√(log d / d). */
static void
matcomp_draw_z(gsl_rng *rng, double *z, size_t d)
{
	double bound = 2 * sqrt(log((double)d) / (double)d), top;
	size_t i;

	do {
		sd_random_unit(rng, z, d);
		for (top = 0, i = 0; i < d; i++)
			top = fmax(top, fabs(z[i]));
	} while (top > bound);
}

/* Draw Ω into an observed-pair mask (d×d, symmetric) and count pairs. */
static size_t
matcomp_draw_omega(gsl_rng *rng, double p, unsigned char *mask, size_t d)
{
	size_t i, j, pairs = 0;

	for (i = 0; i < d; i++) {
		for (j = i; j < d; j++) {
			mask[i * d + j] = mask[j * d + i] =
			    gsl_rng_uniform(rng) < p;
			pairs += mask[i * d + j];
		}
	}
	return pairs;
}

/* Turn the mask into adjacency lists and the pair list. */
static void
matcomp_index(struct matcomp_state *st, const unsigned char *mask)
{
	size_t i, j, k = 0, q = 0, d = st->d;

	for (i = 0; i < d; i++) {
		st->start[i] = k;
		for (j = 0; j < d; j++) {
			if (!mask[i * d + j])
				continue;
			st->nbr[k++] = j;
			if (j >= i) {
				st->pair_i[q] = i;
				st->pair_j[q++] = j;
			}
		}
	}
	st->start[d] = k;
}

/* Allocate the state's arrays for dimension d and pairs pairs. */
static int
matcomp_alloc(struct matcomp_state *st, size_t d, size_t pairs,
    char **cause)
{
	st->z = malloc(2 * d * sizeof *st->z);
	st->start = malloc((d + 1 + 2 * pairs + 2 * pairs) *
	    sizeof *st->start);
	if (st->z == NULL || st->start == NULL) {
		free(st->z);
		free(st->start);
		return sd_fail(cause, "out of memory");
	}
	st->side = st->z + d;
	st->nbr = st->start + d + 1;
	st->pair_i = st->nbr + 2 * pairs;
	st->pair_j = st->pair_i + pairs;
	st->n_pairs = pairs;
	return 0;
}

/* Draw z, Ω and the chart's side direction, in that order. */
static int
matcomp_init(void *state, const double *params, size_t *dim, char **cause)
{
	struct matcomp_state *st = state;
	size_t d = (size_t)params[MATCOMP_D], pairs;
	unsigned char *mask;
	double z[MATCOMP_DIM_MAX], c;
	gsl_rng *rng;
	size_t i;

	if ((mask = malloc(d * d)) == NULL)
		return sd_fail(cause, "out of memory");
	if ((rng = sd_rng_new((unsigned long)params[MATCOMP_SEED],
	    cause)) == NULL) {
		free(mask);
		return -1;
	}
	matcomp_draw_z(rng, z, d);
	pairs = matcomp_draw_omega(rng, params[MATCOMP_P], mask, d);
	st->d = d;
	if (matcomp_alloc(st, d, pairs, cause) != 0) {
		gsl_rng_free(rng);
		free(mask);
		return -1;
	}
	memcpy(st->z, z, d * sizeof *z);
	matcomp_index(st, mask);
	do {
		sd_random_unit(rng, st->side, d);
		c = sd_dot(st->side, z, d);
		sd_axpy(-c, z, st->side, d);
	} while (!(sd_norm(st->side, d) > 0.1));
	c = sd_norm(st->side, d);
	for (i = 0; i < d; i++)
		st->side[i] /= c;
	gsl_rng_free(rng);
	free(mask);
	*dim = d;
	return 0;
}

/* Free the data. */
static void
matcomp_done(void *state)
{
	struct matcomp_state *st = state;

	free(st->z);
	free(st->start);
}

/* ½ Σ over ordered observed entries: an off-diagonal pair counts twice. */
static double
matcomp_f(const void *state, const double *x)
{
	const struct matcomp_state *st = state;
	size_t q, i, j;
	double s = 0, r;

	for (q = 0; q < st->n_pairs; q++) {
		i = st->pair_i[q];
		j = st->pair_j[q];
		r = x[i] * x[j] - st->z[i] * st->z[j];
		s += (i == j ? 0.5 : 1) * r * r;
	}
	return s;
}

/* ∇f = 2 P_Ω(xxᵀ − zzᵀ) x. */
static void
matcomp_grad(const void *state, const double *x, double *g)
{
	const struct matcomp_state *st = state;
	size_t k, q, j;
	double s;

	for (k = 0; k < st->d; k++) {
		for (s = 0, q = st->start[k]; q < st->start[k + 1]; q++) {
			j = st->nbr[q];
			s += (x[k] * x[j] - st->z[k] * st->z[j]) * x[j];
		}
		g[k] = 2 * s;
	}
}

/* ∇²f_kl = 2(R_kl + [kl∈Ω] x_k x_l + δ_kl Σ_{j∈Ω(k)} x_j²). */
static void
matcomp_hess(const void *state, const double *x, double *h)
{
	const struct matcomp_state *st = state;
	size_t k, q, j, d = st->d;
	double diag;

	memset(h, 0, d * d * sizeof *h);
	for (k = 0; k < d; k++) {
		for (diag = 0, q = st->start[k]; q < st->start[k + 1]; q++) {
			j = st->nbr[q];
			h[k * d + j] = 2 * (2 * x[k] * x[j] -
			    st->z[k] * st->z[j]);
			diag += x[j] * x[j];
		}
		h[k * d + k] += 2 * diag;
	}
}

/* (∇²f v)_k = 2 Σ_{j∈Ω(k)} ((2x_k x_j − z_k z_j) v_j + x_j² v_k): O(|Ω|)
 * without the d² of clearing a matrix. */
static void
matcomp_hvp(const void *state, const double *x, const double *v,
    double *hv)
{
	const struct matcomp_state *st = state;
	size_t k, q, j;
	double s, diag;

	for (k = 0; k < st->d; k++) {
		for (s = diag = 0, q = st->start[k]; q < st->start[k + 1];
		    q++) {
			j = st->nbr[q];
			s += (2 * x[k] * x[j] - st->z[k] * st->z[j]) * v[j];
			diag += x[j] * x[j];
		}
		hv[k] = 2 * (s + diag * v[k]);
	}
}

/* How many observed pairs: sgd's samples. */
static size_t
matcomp_samples(const void *state)
{
	return ((const struct matcomp_state *)state)->n_pairs;
}

/* The gradient of the sampled pairs, scaled by |pairs| / m so that its
 * mean over uniform samples is ∇f. */
static void
matcomp_grad_batch(const void *state, const double *x, const size_t *idx,
    size_t m, double *g)
{
	const struct matcomp_state *st = state;
	double scale = (double)st->n_pairs / (double)(m > 0 ? m : 1), r;
	size_t t, i, j;

	memset(g, 0, st->d * sizeof *g);
	for (t = 0; t < m; t++) {
		i = st->pair_i[idx[t]];
		j = st->pair_j[idx[t]];
		r = x[i] * x[j] - st->z[i] * st->z[j];
		/* (i, j) and (j, i) for a pair; ½ r² once on the diagonal. */
		g[i] += scale * 2 * r * x[j];
		if (i != j)
			g[j] += scale * 2 * r * x[i];
	}
}

/* The plane through 0 of z and a random unit vector ⟂ z: the global
 * minima ±z at (±1, 0). */
static int
matcomp_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct matcomp_state *st = obj->state;
	double *zero;
	int rc;

	if ((zero = calloc(st->d, sizeof *zero)) == NULL)
		return sd_fail(cause, "out of memory");
	rc = sd_chart_init_plane(chart, st->d, zero, st->z, st->side, cause);
	free(zero);
	if (rc == 0)
		chart->window = (sd_window){ -1.5, 1.5, -1.5, 1.5 };
	return rc;
}

/* z, the chart's axis and Ω (adjacency lists and pairs, a word each),
 * with the expected number p·d(d + 1)/2 of observed pairs. */
static size_t
matcomp_data_doubles(const double *params)
{
	size_t d = (size_t)params[MATCOMP_D];

	return 3 * d + 1 + (size_t)(4 * params[MATCOMP_P] * (double)(d *
	    (d + 1) / 2));
}

const sd_objective_type sd_objective_matcomp = {
	.name = "matcomp",
	.summary = "§4.2: rank-1 completion; global minima ±z (f = 0) "
	    "seen through the plane of z",
	.formula = "½ Σ_{(i,j)∈Ω} (z_i z_j − x_i x_j)²",
	.dim = 0,
	.window = { -1.5, 1.5, -1.5, 1.5 },
	.params = matcomp_params,
	.state_size = sizeof(struct matcomp_state),
	.data = "about 2p·d² + 3d words (z, Ω)",
	.data_doubles = matcomp_data_doubles,
	.init = matcomp_init,
	.done = matcomp_done,
	.f = matcomp_f,
	.grad = matcomp_grad,
	.hess = matcomp_hess,
	.hvp = matcomp_hvp,
	.default_chart = matcomp_chart,
	.samples = matcomp_samples,
	.grad_batch = matcomp_grad_batch,
};
