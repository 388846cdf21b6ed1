/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_glm.c: the chapter's §3, a generalized linear model with the
 * sigmoid σ(t) = 1/(1 + e^{−t}), y = σ(w*ᵀx) + ε.
 *
 * glm	the empirical risk L̂(w) = 1/(2n) Σ (y_i − σ(wᵀx_i))² of n samples.
 * glm-pop	the population risk L(w) = ½ E(y − σ(wᵀx))² of the same model.
 *
 * The model (Assumption 3.1), drawn from a mt19937 seeded with `seed`, in
 * this order: the direction e of w* (uniform on the sphere), w* = wnorm·e;
 * a unit vector ⟂ e for the chart; then (glm) the samples. x ~ N(0, I_d)
 * conditioned on ‖x‖ ≤ B = √d + 5 (rejection; the norm of a standard
 * Gaussian exceeds √d + t with probability below e^{−t²/2}, so the
 * condition changes the distribution by less than 4·10⁻⁶ and
 * E[xxᵀ] ⪰ 0.99·I). The noise ε is uniform on [−noise, noise], mean zero
 * and bounded by 1. σ is increasing with |σ'|, |σ''| ≤ 1 and
 * σ' ≥ γ = σ'(BR) on [−BR, BR].
 *
 * The population risk, by (3.1), is
 * L(w) = noise²/6 + ½ E(σ(w*ᵀx) − σ(wᵀx))². For Gaussian x the pair
 * (w*ᵀx, wᵀx) is jointly Gaussian, so the expectation is a two-dimensional
 * integral whatever d: write x = z1·e + z2·f + x⊥ with f the unit vector
 * along w − (wᵀe)e and z1, z2 independent N(0, 1); then w*ᵀx = ‖w*‖z1 and
 * wᵀx = αz1 + βz2 with α = wᵀe, β = ‖w − αe‖, and x⊥ (independent, mean
 * zero, covariance I − eeᵀ − ffᵀ) enters only the Hessian. The integral is
 * a tensor Gauss–Hermite rule (GSL's fixed Hermite nodes for the weight
 * e^{−z²/2}; glm_pop_rule.c, which sums f's, ∇f's and ∇²f's terms in
 * one pass), and the gradient and Hessian are the exact derivatives of
 * that same finite sum, so they agree with it to rounding. glm-pop ignores
 * the rejection of the rare ‖x‖ > B. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "base/simd.h"
#include "base/tiles.h"
#include "objectives/glm_impl.h"
#include "objectives/objective.h"

#define GLM_NORM_SLACK	5	/* B = √d + GLM_NORM_SLACK */

/* ---- the model both share --------------------------------------------- */

/* σ(t). */
static double
glm_sigma(double t)
{
	return 1 / (1 + exp(-t));
}

/* Draw the model's directions from rng (the first draws of both types). */
static int
glm_model_init(struct glm_model *m, size_t d, double wnorm, double noise,
    gsl_rng *rng, char **cause)
{
	double c;
	size_t i;

	m->d = d;
	m->wnorm = wnorm;
	m->noise = noise;
	if ((m->e = malloc(3 * d * sizeof *m->e)) == NULL)
		return sd_fail(cause, "out of memory");
	m->side = m->e + d;
	m->wstar = m->side + d;
	sd_random_unit(rng, m->e, d);
	do {
		sd_random_unit(rng, m->side, d);
		c = sd_dot(m->side, m->e, d);
		sd_axpy(-c, m->e, m->side, d);
	} while (!(sd_norm(m->side, d) > 0.1));
	c = sd_norm(m->side, d);
	for (i = 0; i < d; i++) {
		m->side[i] /= c;
		m->wstar[i] = wnorm * m->e[i];
	}
	return 0;
}

/* ŵ's part ⟂ w*, relative to ‖ŵ‖ + 1, below which ŵ is on w*'s line
 * (noise=0: ŵ = w*) and any plane of w* holds it. */
#define GLM_HAT_ON_LINE	1e-9

/* The second axis: towards toward's part ⟂ w* (ŵ: then the plane through
 * 0, w* and ŵ, ŵ at b > 0), or the random direction ⟂ w* when toward is
 * NULL or on w*'s line. */
static const double *
glm_model_side(const struct glm_model *m, const double *toward)
{
	double a, r = 0, t;
	size_t i;

	if (toward == NULL)
		return m->side;
	a = sd_dot(toward, m->e, m->d);
	for (i = 0; i < m->d; i++) {
		t = toward[i] - a * m->e[i];
		r += t * t;
	}
	return sqrt(r) > GLM_HAT_ON_LINE * (sd_norm(toward, m->d) + 1) ?
	    toward : m->side;
}

/* The plane through 0 of w* and toward (glm_model_side): w* at
 * (‖w*‖, 0). */
static int
glm_model_chart(const struct glm_model *m, const double *toward,
    sd_chart *chart, char **cause)
{
	double *zero, s = fmax(4, 2 * m->wnorm);
	int rc;

	if ((zero = calloc(m->d, sizeof *zero)) == NULL)
		return sd_fail(cause, "out of memory");
	rc = sd_chart_init_plane(chart, m->d, zero, m->e,
	    glm_model_side(m, toward), cause);
	free(zero);
	if (rc == 0)
		chart->window = (sd_window){ -s, s, -s, s };
	return rc;
}

/* w*: both types' states start with their model. */
static const double *
glm_planted(const void *state)
{
	return ((const struct glm_model *)state)->wstar;
}

/* ---- glm: the empirical risk ------------------------------------------ */

enum { GLM_N, GLM_D, GLM_SEED, GLM_NOISE, GLM_WNORM, GLM_NTK, GLM_INIT };

static const sd_param glm_params[] = {
	{ "n", 200, 1, 100000, 1, "number of samples (default 200)" },
	{ "d", 2, 2, GLM_DIM_MAX, 1, "dimension of w (default 2)" },
	{ "seed", 1, 0, 4294967295.0, 1, "seed of w*'s direction, the "
	    "chart and the samples (default 1)" },
	{ "noise", 0.1, 0, 1, 0, "ε uniform on [−noise, noise] "
	    "(default 0.1)" },
	{ "wnorm", 2, 0, 10, 0, "‖w*‖ = R (default 2)" },
	{ "ntk", 0, 0, 1, 1, "1: the model's linearization at w₀ (the NTK "
	    "model, §6.1); default 0" },
	{ "init", 1, 0, 10, 0, "w₀'s scale: entries init·N(0, 1/d), drawn "
	    "after the samples (default 1)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* One x ~ N(0, I_d) conditioned on ‖x‖ ≤ B. */
static void
glm_draw_x(gsl_rng *rng, double *x, size_t d)
{
	double bound = sqrt((double)d) + GLM_NORM_SLACK;
	size_t i;

	do {
		for (i = 0; i < d; i++)
			x[i] = gsl_ran_ugaussian(rng);
	} while (sd_norm(x, d) > bound);
}

/* Draw the n samples and their labels, one sample after another. */
static void
glm_draw(struct glm_state *st, gsl_rng *rng)
{
	const struct glm_model *m = &st->model;
	size_t i, k, n = st->n, d = m->d;
	double x[GLM_DIM_MAX];

	for (i = 0; i < n; i++) {
		glm_draw_x(rng, x, d);
		for (k = 0; k < d; k++)
			st->xt[glm_xat(st, k, i)] = x[k];
		st->y[i] = glm_sigma(sd_dot(m->wstar, x, d)) +
		    m->noise * (2 * gsl_rng_uniform(rng) - 1);
	}
}

/* Draw the model and the n samples. */
static int
glm_init(void *state, const double *params, size_t *dim, char **cause)
{
	struct glm_state *st = state;
	size_t n = (size_t)params[GLM_N], d = (size_t)params[GLM_D];
	struct glm_model *m = &st->model;
	gsl_rng *rng;

	if ((rng = sd_rng_new((unsigned long)params[GLM_SEED], cause)) == NULL)
		return -1;
	if (glm_model_init(m, d, params[GLM_WNORM], params[GLM_NOISE], rng,
	    cause) != 0) {
		gsl_rng_free(rng);
		return -1;
	}
	st->n = n;
	/* calloc: the last tile's padding zero. */
	if ((st->xt = calloc(glm_xsize(n, d) + n, sizeof *st->xt)) == NULL) {
		free(m->e);
		gsl_rng_free(rng);
		return sd_fail(cause, "out of memory");
	}
	st->y = st->xt + glm_xsize(n, d);
	glm_draw(st, rng);
	if (params[GLM_NTK] > 0 ?
	    sd_glm_linearize(st, rng, params[GLM_INIT], cause) != 0 :
	    d > 2 && sd_glm_hat(st, cause) != 0) {
		free(st->xt);
		free(m->e);
		gsl_rng_free(rng);
		return -1;
	}
	gsl_rng_free(rng);
	*dim = d;
	return 0;
}

/* Free the samples and the model. */
static void
glm_done(void *state)
{
	struct glm_state *st = state;

	free(st->xt);
	free(st->model.e);
	free(st->what);
	free(st->w0);
	sd_ntk_free(st->ntk);
}

/* The tile's labels into y and t_k = wᵀx_i for its samples i = idx[i0 +
 * k] (i0 + k when idx is NULL), k < len. */
static void
glm_tile_t(const struct glm_state *st, const double *w, const size_t *idx,
    size_t i0, size_t len, double *t, double *y)
{
	size_t j, k, i, d = st->model.d;

	if (idx == NULL) {
		sd_glm_combine(w, glm_tile_x(st, i0), d, GLM_XSTRIDE, len, t);
		memcpy(y, st->y + i0, len * sizeof *y);
		return;
	}
	for (k = 0; k < len; k++) {
		i = idx[i0 + k];
		for (t[k] = 0, j = 0; j < d; j++)
			t[k] += w[j] * st->xt[glm_xat(st, j, i)];
		y[k] = st->y[i];
	}
}

/* (y − σ(t))². */
SD_LOOP_INLINE double
glm_sq(double t, double y)
{
	double r = y - 1 / (1 + exp(-t));

	return r * r;
}

/* Σ (y_k − σ(t_k))² over a tile, on fixed vector lanes (simd.h). */
SD_SIMD_CLONES
static double
glm_tile_sq(const double *t, const double *y, size_t len)
{
	double acc[SD_LANES] = { 0 };

	SD_LANES_FOR(k, l, len, { acc[l] += glm_sq(t[k], y[k]); });
	return sd_lanes_total(acc);
}

/* t_k ← (σ(t_k) − y_k)σ'(t_k)·m over a tile, on vector lanes (m is 1
 * over the number of samples: a product is cheaper than a quotient). */
SD_SIMD_CLONES
static void
glm_tile_coef(double *t, const double *y, size_t len, double m)
{
	double v;
	size_t k;

#pragma omp simd private(v)
	for (k = 0; k < len; k++) {
		v = 1 / (1 + exp(-t[k]));
		t[k] = (v - y[k]) * (v * (1 - v)) * m;
	}
}

/* Σ_k c_k·a_k·b_k over a tile (a, b may be the same column), on fixed
 * lanes. */
SD_SIMD_CLONES
static double
glm_tile_dot3(const double *c, const double *a, const double *b, size_t len)
{
	double acc[SD_LANES] = { 0 };

	SD_LANES_FOR(k, l, len, { acc[l] += c[k] * a[k] * b[k]; });
	return sd_lanes_total(acc);
}

/* The state, point and direction a sum over tiles reads. */
struct glm_pass {
	const struct glm_state	*st;
	const double		*w, *v;
};

/* The sum of fn over glm's tiles into out (width entries): on threads
 * when n·d is large (tiles.h). */
static void
glm_tiles(const struct glm_state *st, sd_tile_fn *fn, const double *w,
    const double *v, size_t width, double *out)
{
	struct glm_pass p = { st, w, v };

	sd_tiles_sum(st->n, GLM_TILE, (double)st->n * (double)st->model.d,
	    fn, &p, width, out);
}

/* A tile's Σ (y_i − σ(wᵀx_i))². */
static void
glm_f_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct glm_pass *p = arg;
	double t[GLM_TILE];

	sd_glm_combine(p->w, glm_tile_x(p->st, i0), p->st->model.d,
	    GLM_XSTRIDE, len, t);
	*part = glm_tile_sq(t, p->st->y + i0, len);
}

/* 1/(2n) Σ (y_i − σ(wᵀx_i))². */
static double
glm_f(const void *state, const double *w)
{
	const struct glm_state *st = state;
	double s;

	if (st->ntk != NULL)
		return sd_ntk_f(st->ntk, w);
	glm_tiles(st, glm_f_tile, w, NULL, 1, &s);
	return s / (2 * (double)st->n);
}

/* A tile's Σ (σ(t_i) − y_i)σ'(t_i)x_i / n, t_i = wᵀx_i. */
static void
glm_grad_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct glm_pass *p = arg;
	const struct glm_state *st = p->st;
	double t[GLM_TILE];
	size_t j, n = st->n;

	sd_glm_combine(p->w, glm_tile_x(st, i0), st->model.d, GLM_XSTRIDE,
	    len, t);
	glm_tile_coef(t, st->y + i0, len, 1 / (double)n);
	for (j = 0; j < st->model.d; j++)
		part[j] = sd_glm_tile_dot(t, glm_tile_x(st, i0) +
		    j * GLM_XSTRIDE, len);
}

/* The mean over the m samples idx of (σ(t) − y)σ'(t)x, t = wᵀx. */
static void
glm_grad_over(const struct glm_state *st, const double *w,
    const size_t *idx, size_t m, double *g)
{
	double t[GLM_TILE], y[GLM_TILE];
	size_t i0, j, k, len, d = st->model.d;

	if (st->ntk != NULL) {
		sd_ntk_grad(st->ntk, w, idx, m, g);
		return;
	}
	memset(g, 0, d * sizeof *g);
	for (i0 = 0; i0 < m; i0 += len) {
		len = m - i0 < GLM_TILE ? m - i0 : GLM_TILE;
		glm_tile_t(st, w, idx, i0, len, t, y);
		glm_tile_coef(t, y, len, 1 / (double)m);
		for (j = 0; j < d; j++) {
			for (k = 0; k < len; k++)
				g[j] += t[k] *
				    st->xt[glm_xat(st, j, idx[i0 + k])];
		}
	}
}

/* ∇L̂ = (1/n) Σ (σ(t_i) − y_i)σ'(t_i) x_i. */
static void
glm_grad(const void *state, const double *w, double *g)
{
	const struct glm_state *st = state;

	if (st->ntk != NULL)
		sd_ntk_grad(st->ntk, w, NULL, st->n, g);
	else
		glm_tiles(st, glm_grad_tile, w, NULL, st->model.d, g);
}

/* ∇²L̂ = (1/n) Σ (σ'(t_i)² + (σ(t_i) − y_i)σ''(t_i)) x_i x_iᵀ. */
static void
glm_hess(const void *state, const double *w, double *h)
{
	const struct glm_state *st = state;
	size_t i0, j, k, len, n = st->n, d = st->model.d;
	double q[GLM_TILE], y[GLM_TILE];
	const double *xt = st->xt;

	if (st->ntk != NULL) {
		sd_ntk_hess(st->ntk, h);
		return;
	}
	memset(h, 0, d * d * sizeof *h);
	for (i0 = 0; i0 < n; i0 += len) {
		len = n - i0 < GLM_TILE ? n - i0 : GLM_TILE;
		glm_tile_t(st, w, NULL, i0, len, q, y);
		sd_glm_tile_curv(q, y, len, (double)n);
		xt = glm_tile_x(st, i0);
		for (j = 0; j < d; j++) {
			for (k = j; k < d; k++)
				h[j * d + k] += glm_tile_dot3(q,
				    xt + j * GLM_XSTRIDE, xt + k * GLM_XSTRIDE,
				    len);
		}
	}
	for (j = 0; j < d; j++) {
		for (k = 0; k < j; k++)
			h[j * d + k] = h[k * d + j];
	}
}

/* A tile's (1/n) Σ q_i (x_iᵀv) x_i with q_i as in glm_hess; wᵀx and vᵀx
 * in one sweep of the tile. */
static void
glm_hvp_tile(const void *arg, size_t i0, size_t len, double *part)
{
	const struct glm_pass *p = arg;
	const struct glm_state *st = p->st;
	double q[GLM_TILE], s[GLM_TILE];
	size_t j, k, n = st->n;

	sd_glm_combine2(p->w, p->v, glm_tile_x(st, i0), st->model.d,
	    GLM_XSTRIDE, len, q, s);
	sd_glm_tile_curv(q, st->y + i0, len, (double)n);
	for (k = 0; k < len; k++)
		s[k] *= q[k];
	for (j = 0; j < st->model.d; j++)
		part[j] = sd_glm_tile_dot(s, glm_tile_x(st, i0) +
		    j * GLM_XSTRIDE, len);
}

/* ∇²L̂ v = (1/n) Σ q_i (x_iᵀv) x_i, tile by tile: n·d work instead of
 * the Hessian's n·d². */
static void
glm_hvp(const void *state, const double *w, const double *v, double *hv)
{
	const struct glm_state *st = state;

	if (st->ntk != NULL) {
		sd_ntk_hvp(st->ntk, v, hv);
		return;
	}
	glm_tiles(st, glm_hvp_tile, w, v, st->model.d, hv);
}

/* n: sgd's samples. */
static size_t
glm_samples(const void *state)
{
	return ((const struct glm_state *)state)->n;
}

/* The mean gradient over the samples idx. */
static void
glm_grad_batch(const void *state, const double *w, const size_t *idx,
    size_t m, double *g)
{
	glm_grad_over(state, w, idx, m, g);
}

/* The samples and the labels, and ŵ when d > 2; ntk=1's features and
 * offsets and its Hessian instead of ŵ. */
static size_t
glm_data_doubles(const double *params)
{
	size_t n = (size_t)params[GLM_N], d = (size_t)params[GLM_D];

	if (params[GLM_NTK] > 0)
		return 2 * n * (d + 1) + d * d;
	return n * (d + 1) + (d > 2 ? d : 0);
}

/* The plane through 0 of w* and ŵ (of w* and a random direction when
 * d = 2, where it is the whole space, or when ŵ was not found); ntk=1's
 * through w₀, its minimizer and w*. */
static int
glm_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct glm_state *st = obj->state;

	if (st->ntk != NULL && sd_glm_ntk_chart(st, chart) == 0)
		return 0;
	return glm_model_chart(&st->model, st->what, chart, cause);
}

const sd_objective_type sd_objective_glm = {
	.name = "glm",
	.summary = "§3: empirical risk of a sigmoid GLM; nonconvex, no bad "
	    "local minima",
	.formula = "1/(2n) Σ (y_i − σ(wᵀx_i))²,  y = σ(w*ᵀx) + ε",
	.dim = 0,
	.window = { -4, 4, -4, 4 },
	.params = glm_params,
	.state_size = sizeof(struct glm_state),
	.data = "n·d + n doubles (samples, labels; d more for ŵ when d > 2; "
	    "ntk=1 twice that and d² more; a chart adds 4n)",
	.data_doubles = glm_data_doubles,
	.init = glm_init,
	.done = glm_done,
	.f = glm_f,
	.grad = glm_grad,
	.hess = glm_hess,
	.hvp = glm_hvp,
	.hvp_prepare = sd_glm_hvp_prepare,
	.hvp_prepared = sd_glm_hvp_prepared,
	.default_chart = glm_chart,
	.samples = glm_samples,
	.grad_batch = glm_grad_batch,
	.slice_new = sd_glm_slice_new,
	.planted = glm_planted,
};

/* ---- glm-pop: the population risk ------------------------------------- */

enum { POP_D, POP_SEED, POP_NOISE, POP_WNORM, POP_NODES };

static const sd_param pop_params[] = {
	{ "d", 2, 2, GLM_DIM_MAX, 1, "dimension of w (default 2)" },
	{ "seed", 1, 0, 4294967295.0, 1, "seed of w*'s direction and the "
	    "chart, as in glm (default 1)" },
	{ "noise", 0.1, 0, 1, 0, "ε uniform on [−noise, noise]: adds "
	    "noise²/6 (default 0.1)" },
	{ "wnorm", 2, 0, 10, 0, "‖w*‖ = R (default 2)" },
	{ "nodes", 48, 4, 200, 1, "Gauss–Hermite nodes per axis of the 2D "
	    "rule (default 48)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* The model and the 2D rule. */
struct pop_state {
	struct glm_model	 model;
	struct glm_pop_rule	 rule;
	double			 base;		/* noise²/6 */
};

/* The rule: five numbers per node (struct glm_pop_rule). */
static size_t
pop_data_doubles(const double *params)
{
	return 5 * (size_t)params[POP_NODES];
}

/* Draw the model (the same as glm's for the same seed) and the rule. */
static int
pop_init(void *state, const double *params, size_t *dim, char **cause)
{
	struct pop_state *st = state;
	size_t d = (size_t)params[POP_D];
	gsl_rng *rng;
	int rc;

	if ((rng = sd_rng_new((unsigned long)params[POP_SEED], cause)) == NULL)
		return -1;
	rc = glm_model_init(&st->model, d, params[POP_WNORM],
	    params[POP_NOISE], rng, cause);
	gsl_rng_free(rng);
	if (rc != 0)
		return -1;
	if (sd_glm_pop_rule_init(&st->rule, (size_t)params[POP_NODES],
	    st->model.wnorm, cause) != 0) {
		free(st->model.e);
		return -1;
	}
	st->base = params[POP_NOISE] * params[POP_NOISE] / 6;
	*dim = d;
	return 0;
}

/* Free the rule and the model. */
static void
pop_done(void *state)
{
	struct pop_state *st = state;

	sd_glm_pop_rule_done(&st->rule);
	free(st->model.e);
}

/* α = wᵀe and β = ‖w − αe‖. */
static void
pop_coords(const struct pop_state *st, const double *w, double *alpha,
    double *beta)
{
	size_t i, d = st->model.d;
	double a = sd_dot(w, st->model.e, d), s = 0, r;

	for (i = 0; i < d; i++) {
		r = w[i] - a * st->model.e[i];
		s += r * r;
	}
	*alpha = a;
	*beta = sqrt(s);
}

/* L(w) = noise²/6 + ½ Σ ω (σ(‖w*‖z1) − σ(αz1 + βz2))². */
static double
pop_f(const void *state, const double *w)
{
	const struct pop_state *st = state;
	double alpha, beta, c[6];

	pop_coords(st, w, &alpha, &beta);
	sd_glm_pop_sums(&st->rule, alpha, beta, c);
	return st->base + c[0] / 2;
}

/* Below this β (relative to 1 + |α|) the direction f is lost to rounding
 * and the β → 0 limits are used. */
#define POP_BETA_MIN	1e-9

/* ∇L = (Σωh'z1) e + (Σωh'z2) f, f = (w − αe)/β. Below POP_BETA_MIN the
 * coefficient Σωh'z2/β of w − αe is its β → 0 limit Σωh''z2², as in
 * pop_hess: with 0 there (as before) ∇L vanished on a band of width
 * POP_BETA_MIN around the axis of w*, and Newton stopped anywhere in it,
 * on either side as rounding fell (w*'s own b came out ±6e-10). */
static void
pop_grad(const void *state, const double *w, double *g)
{
	const struct pop_state *st = state;
	size_t i, d = st->model.d;
	double alpha, beta, s[6], *c = s + 1, t;

	pop_coords(st, w, &alpha, &beta);
	sd_glm_pop_sums(&st->rule, alpha, beta, s);
	t = beta > POP_BETA_MIN * (1 + fabs(alpha)) ? c[1] / beta : c[4];
	for (i = 0; i < d; i++)
		g[i] = c[0] * st->model.e[i] + t * (w[i] - alpha *
		    st->model.e[i]);
}

/* ∇²L = c11 eeᵀ + c12(efᵀ + feᵀ) + c22 ffᵀ + c0(I − eeᵀ − ffᵀ) with
 * c0 = Σωh'z2/β (the exact derivative of the sum; its β → 0 limit is
 * Σωh''z2², and then f drops out). */
static void
pop_hess(const void *state, const double *w, double *h)
{
	const struct pop_state *st = state;
	size_t i, j, d = st->model.d;
	const double *e = st->model.e;
	double alpha, beta, s[6], *c = s + 1, c0, fi, fj, ib = 0;

	pop_coords(st, w, &alpha, &beta);
	sd_glm_pop_sums(&st->rule, alpha, beta, s);
	if (beta > POP_BETA_MIN * (1 + fabs(alpha))) {
		ib = 1 / beta;
		c0 = c[1] * ib;
	} else
		c0 = c[4];
	for (i = 0; i < d; i++) {
		fi = (w[i] - alpha * e[i]) * ib;
		for (j = i; j < d; j++) {
			fj = (w[j] - alpha * e[j]) * ib;
			h[i * d + j] = c[2] * e[i] * e[j] +
			    c[3] * (e[i] * fj + fi * e[j]) + c[4] * fi * fj +
			    c0 * ((i == j ? 1 : 0) - e[i] * e[j] - fi * fj);
			h[j * d + i] = h[i * d + j];
		}
	}
}

/* noise²/6: L(w*), the only minimum (Theorem 3.2). */
static double
pop_fmin(const void *state)
{
	return ((const struct pop_state *)state)->base;
}

/* ∇²L v from the same sums as pop_hess, O(d) after them. */
static void
pop_hvp(const void *state, const double *w, const double *v, double *hv)
{
	const struct pop_state *st = state;
	size_t i, d = st->model.d;
	const double *e = st->model.e;
	double alpha, beta, s[6], *c = s + 1, c0, ib = 0, ev, fv = 0, fi;

	pop_coords(st, w, &alpha, &beta);
	sd_glm_pop_sums(&st->rule, alpha, beta, s);
	if (beta > POP_BETA_MIN * (1 + fabs(alpha))) {
		ib = 1 / beta;
		c0 = c[1] * ib;
	} else
		c0 = c[4];
	ev = sd_dot(e, v, d);
	for (i = 0; i < d; i++)
		fv += (w[i] - alpha * e[i]) * ib * v[i];
	for (i = 0; i < d; i++) {
		fi = (w[i] - alpha * e[i]) * ib;
		hv[i] = c[2] * e[i] * ev + c[3] * (e[i] * fv + fi * ev) +
		    c[4] * fi * fv + c0 * (v[i] - e[i] * ev - fi * fv);
	}
}

/* The plane of w*. */
static int
pop_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	return glm_model_chart(&((const struct pop_state *)obj->state)->model,
	    NULL, chart, cause);
}

const sd_objective_type sd_objective_glm_pop = {
	.name = "glm-pop",
	.summary = "§3: population risk of the sigmoid GLM; its only "
	    "minimum is w* (Theorem 3.2)",
	.formula = "noise²/6 + ½ E(σ(w*ᵀx) − σ(wᵀx))²,  x ~ N(0, I)",
	.dim = 0,
	.window = { -4, 4, -4, 4 },
	.params = pop_params,
	.state_size = sizeof(struct pop_state),
	.data = "5·nodes numbers (the rule)",
	.data_doubles = pop_data_doubles,
	.init = pop_init,
	.done = pop_done,
	.f = pop_f,
	.grad = pop_grad,
	.hess = pop_hess,
	.hvp = pop_hvp,
	.default_chart = pop_chart,
	.fmin = pop_fmin,
	.planted = glm_planted,
};
