/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_pop_rule.c: glm-pop's quadrature (glm_impl.h): the tensor
 * Gauss–Hermite rule for (z1, z2) ~ N(0, I₂) and the sums over it that
 * L, ∇L and ∇²L are made of, all six from one pass.
 *
 * Every node pair needs σ(αz1 + βz2), and e^{−(αz1 + βz2)} =
 * e^{−αz1}·e^{−βz2}: with the m factors of each axis computed once per
 * point, the pairs (m² of them, 708 kept at the default 48 nodes) need
 * no exp, only a product and a quotient, and a row of pairs (one z1)
 * runs on vector lanes. The product differs from the exp of the sum by
 * a few ulp of e^{−t} (the rounding of α·z1 and β·z2, which the direct
 * form has too, in αz1 + βz2), far inside the 1e-12 the sums promise.
 * Far out, where a factor could overflow (|α| + |β| > SAFE / max |z|),
 * each pair takes the exp of its own sum, as the direct form does. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_integration.h>

#include "base/error.h"
#include "base/simd.h"
#include "objectives/glm_impl.h"

#define POP_PRUNE	1e-12	/* drop node pairs lighter than this */
#define POP_SAFE	700.0	/* |exponent| below which e^x is finite */

/* The 1D rule: m nodes and normalized weights for N(0, 1). */
static int
pop_rule_1d(size_t m, double *node, double *weight, char **cause)
{
	gsl_integration_fixed_workspace *ws;
	double sum = 0;
	size_t i;

	ws = gsl_integration_fixed_alloc(gsl_integration_fixed_hermite, m, 0,
	    0.5, 0, 0);
	if (ws == NULL)
		return sd_fail(cause, "glm-pop: cannot build a %zu-node "
		    "Gauss–Hermite rule", m);
	memcpy(node, gsl_integration_fixed_nodes(ws), m * sizeof *node);
	memcpy(weight, gsl_integration_fixed_weights(ws), m * sizeof *weight);
	gsl_integration_fixed_free(ws);
	for (i = 0; i < m; i++)
		sum += weight[i];
	for (i = 0; i < m; i++)
		weight[i] /= sum;
	return 0;
}

/* Row a's pairs: the b with weight[a]·weight[b] ≥ POP_PRUNE. The
 * weights fall off monotonically on both sides of the middle, so they
 * are the run [lo, hi) (checked for every node count allowed); an empty
 * row has lo = hi. */
static void
pop_row_range(const double *weight, size_t m, size_t a, size_t *lo,
    size_t *hi)
{
	size_t b;

	*lo = *hi = 0;
	for (b = 0; b < m; b++) {
		if (!(weight[a] * weight[b] >= POP_PRUNE))
			continue;
		if (*hi == 0)
			*lo = b;
		*hi = b + 1;
	}
}

int
sd_glm_pop_rule_init(struct glm_pop_rule *r, size_t m, double wnorm,
    char **cause)
{
	size_t a;

	memset(r, 0, sizeof *r);
	if ((r->z = malloc(3 * m * sizeof *r->z)) == NULL ||
	    (r->lo = malloc(2 * m * sizeof *r->lo)) == NULL) {
		free(r->z);
		return sd_fail(cause, "out of memory");
	}
	r->w = r->z + m;
	r->sig = r->w + m;
	r->hi = r->lo + m;
	r->m = m;
	if (pop_rule_1d(m, r->z, r->w, cause) != 0) {
		sd_glm_pop_rule_done(r);
		return -1;
	}
	for (a = 0; a < m; a++) {
		pop_row_range(r->w, m, a, &r->lo[a], &r->hi[a]);
		r->sig[a] = 1 / (1 + exp(-(wnorm * r->z[a])));
		if (r->hi[a] > r->lo[a]) {
			r->zmax = fmax(r->zmax, fabs(r->z[a]));
			r->n += r->hi[a] - r->lo[a];
		}
	}
	return 0;
}

void
sd_glm_pop_rule_done(struct glm_pop_rule *r)
{
	free(r->z);
	free(r->lo);
	memset(r, 0, sizeof *r);
}

/* The sums of pop_row take their terms in POP_LANES fixed lanes, lane j
 * the terms k ≡ j (mod POP_LANES) in order, then the lanes in order: the
 * same bits with any vector width (an OpenMP simd reduction adds in the
 * order of the clone's width, so AVX2, AVX-512 and a sanitizer build
 * gave different last digits). */
#define POP_LANES	8

/* Term k of pop_row's six sums, added into lane j of acc. */
SD_LOOP_INLINE void
pop_term(double acc[6][POP_LANES], size_t j, double q, double w, double z,
    double e, double s)
{
	double v = 1 / (1 + e * q), p = v * (1 - v), pp = p * (1 - 2 * v);
	double r = v - s, h1 = w * r * p, h2 = w * (p * p + r * pp);

	acc[0][j] += w * r * r;
	acc[1][j] += h1;
	acc[2][j] += h1 * z;
	acc[3][j] += h2;
	acc[4][j] += h2 * z;
	acc[5][j] += h2 * z * z;
}

/* One row's sums, h(t) = ½(σ(t) − s)² with σ(t) = 1/(1 + e·q_k) over
 * its len pairs of weights w_k and second nodes z_k: s[0] = Σ w(σ − s)²,
 * s[1] = Σ wh', s[2] = Σ wh'z, s[3] = Σ wh'', s[4] = Σ wh''z,
 * s[5] = Σ wh''z². */
SD_SIMD_CLONES
static void
pop_row(const double *q, const double *w, const double *z, size_t len,
    double e, double s, double *out)
{
	double acc[6][POP_LANES] = { { 0 } };
	size_t k, j, full = len - len % POP_LANES;

	for (k = 0; k < full; k += POP_LANES) {
#pragma omp simd
		for (j = 0; j < POP_LANES; j++)
			pop_term(acc, j, q[k + j], w[k + j], z[k + j], e, s);
	}
	for (j = 0; full + j < len; j++)
		pop_term(acc, j, q[full + j], w[full + j], z[full + j], e, s);
	for (k = 0; k < 6; k++) {
		out[k] = 0;
		for (j = 0; j < POP_LANES; j++)
			out[k] += acc[k][j];
	}
}

/* Row a's factors: e^{−βz_b} for its pairs into q (*e = e^{−αz_a})
 * where no factor overflows, else each pair's e^{−(αz_a + βz_b)}
 * (*e = 1). */
static void
pop_row_factors(const struct glm_pop_rule *r, size_t a, double alpha,
    double beta, const double *fb, int split, double *q, double *e)
{
	size_t b;

	if (split) {
		*e = exp(-(alpha * r->z[a]));
		memcpy(q, fb + r->lo[a], (r->hi[a] - r->lo[a]) * sizeof *q);
		return;
	}
	*e = 1;
	for (b = r->lo[a]; b < r->hi[a]; b++)
		q[b - r->lo[a]] = exp(-(alpha * r->z[a] + beta * r->z[b]));
}

void
sd_glm_pop_sums(const struct glm_pop_rule *r, double alpha, double beta,
    double *c)
{
	double fb[GLM_POP_NODES_MAX], q[GLM_POP_NODES_MAX], s[6], e, wa, za;
	int split = (fabs(alpha) + fabs(beta)) * r->zmax <= POP_SAFE;
	size_t a, b;

	memset(c, 0, 6 * sizeof *c);
	for (b = 0; split && b < r->m; b++)
		fb[b] = exp(-(beta * r->z[b]));
	for (a = 0; a < r->m; a++) {
		if (r->hi[a] == r->lo[a])
			continue;
		pop_row_factors(r, a, alpha, beta, fb, split, q, &e);
		pop_row(q, r->w + r->lo[a], r->z + r->lo[a],
		    r->hi[a] - r->lo[a], e, r->sig[a], s);
		wa = r->w[a];
		za = r->z[a];
		c[0] += wa * s[0];
		c[1] += wa * za * s[1];
		c[2] += wa * s[2];
		c[3] += wa * za * za * s[3];
		c[4] += wa * za * s[4];
		c[5] += wa * s[5];
	}
}
