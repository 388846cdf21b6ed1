/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_twolayer.c: the chapter's §6, a two-layer teacher–student
 * network f_θ(x) = Σ_{j≤k} φ(w_jᵀx) on Gaussian inputs x ~ N(0, I_m),
 * with the empirical risk L̂(θ) = 1/(2n) Σ (f_θ(x_i) − y_i)² of labels
 * y_i = f_θ*(x_i) from a teacher θ* of kt hidden units (default kt = k,
 * the student's shape).
 *
 * θ = (w_1, ..., w_k), k·m entries, hidden unit j's weights (its "filter")
 * at j·m. The output weights are fixed to 1, as in the quadratic-network
 * analyses the chapter cites (Soltanolkotabi et al. 2018, Du & Lee 2018):
 * training them too would add a continuum of equivalent minima (split one
 * unit's weight between two copies of it). The teacher's rows are
 * orthonormal when k ≤ m (Li et al. 2020's setting), else independent
 * random unit vectors.
 *
 * Activations (`act`): 0 tanh (smooth; the minima are isolated up to the
 * k! permutations of the hidden units), 1 quadratic φ(u) = u² (Li et al.
 * 2017: the risk depends on WᵀW only, so every minimum lies on a continuum
 * of rotations QW), 2 ReLU. ReLU's Hessian is piecewise: φ'' = 0 away from
 * the kinks w_jᵀx_i = 0, and at a kink the one-sided φ'(0) = 0 is used (the
 * convention of most frameworks); the Hessian returned is the one of the
 * activation pattern at θ, which jumps across the (measure-zero) kinks.
 *
 * Permutation symmetry: swapping hidden units 1 and 2 maps θ* to a twin
 * Pθ* with the same (zero) risk. The risk is invariant under the swap, so
 * its gradient at a point of S = {w_1 = w_2} lies in S, and a minimum of
 * L̂ restricted to S is a stationary point of L̂: the symmetric network
 * s*, in which units 1 and 2 coincide, lies between θ* and Pθ* and has
 * directions of negative curvature that split the two units (Fukumizu &
 * Amari 2000). The default chart is the plane through θ*, Pθ* and s*.
 *
 * Over-parameterization (§6): a student wider than its teacher (k > kt)
 * reaches zero risk at θ* padded with zero units (φ(0) = 0 for all three
 * activations), and the chart is drawn through that padded teacher; a
 * narrower one (k < kt) cannot reach zero, its minimum is not known, and
 * the chart goes through the teacher's first k units.
 *
 * The NTK model (§6.1, `ntk=1`): the network is replaced by its
 * linearization at θ₀, drawn after the samples from the same generator
 * with entries init·N(0, 1/m) (`init`, default 1: the usual 1/√fan-in
 * scale), and the risk becomes a convex quadratic (ntk.h) whose minimizer
 * nearest θ₀ the default chart goes through, with θ₀ and the teacher. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>
#include <gsl/gsl_randist.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "base/simd.h"
#include "objectives/ntk.h"
#include "objectives/objective.h"
#include "objectives/twolayer_impl.h"

#define TWOLAYER_LM_ITER	300	/* the search for s* */
#define TWOLAYER_HESS_BUDGET	2e8	/* k²m²n: the largest search */

enum { TL_K, TL_M, TL_N, TL_SEED, TL_ACT, TL_KT, TL_NTK, TL_INIT };

static const sd_param twolayer_params[] = {
	{ "k", 2, 1, TWOLAYER_K_MAX, 1, "hidden units (default 2)" },
	{ "m", 2, 1, TWOLAYER_M_MAX, 1, "input dimension (default 2); θ has "
	    "k·m entries" },
	{ "n", 200, 1, 100000, 1, "number of samples (default 200)" },
	{ "seed", 1, 0, 4294967295.0, 1, "seed of the teacher and the "
	    "samples (default 1)" },
	{ "act", 0, 0, 2, 1, "activation: 0 tanh (default), 1 quadratic u², "
	    "2 ReLU" },
	{ "kt", 0, 0, TWOLAYER_K_MAX, 1, "the teacher's hidden units (default "
	    "0: k, the student's)" },
	{ "ntk", 0, 0, 1, 1, "1: the network's linearization at θ₀ (the NTK "
	    "model, §6.1); default 0" },
	{ "init", 1, 0, 10, 0, "θ₀'s scale: entries init·N(0, 1/m), drawn "
	    "after the samples (default 1)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* tanh, as tl_act_tanh computes it. */
static double
value_tanh(double u)
{
	return 1 - 2 / (exp(2 * u) + 1);
}

/* u². */
static double
value_quadratic(double u)
{
	return u * u;
}

/* max(u, 0). */
static double
value_relu(double u)
{
	return u > 0 ? u : 0;
}


SD_SIMD_CLONES
static void
unit_tanh(const double *p0, const double *pu, const double *pv, size_t len,
    double a, double b, double *out)
{
	size_t i;

#pragma omp simd
	for (i = 0; i < len; i++)
		out[i] += 1 - 2 / (exp(2 * (p0[i] + a * pu[i] + b * pv[i])) +
		    1);
}

SD_SIMD_CLONES
static void
unit_quadratic(const double *p0, const double *pu, const double *pv,
    size_t len, double a, double b, double *out)
{
	double u;
	size_t i;

#pragma omp simd private(u)
	for (i = 0; i < len; i++) {
		u = p0[i] + a * pu[i] + b * pv[i];
		out[i] += u * u;
	}
}

SD_SIMD_CLONES
static void
unit_relu(const double *p0, const double *pu, const double *pv, size_t len,
    double a, double b, double *out)
{
	double u;
	size_t i;

#pragma omp simd private(u)
	for (i = 0; i < len; i++) {
		u = p0[i] + a * pu[i] + b * pv[i];
		out[i] += u > 0 ? u : 0;
	}
}

/* The activations, indexed by `act`. */
static const struct twolayer_act {
	twolayer_phi	*phi;
	twolayer_value	*value;
	tl_unit		*unit;		/* along a chart, on vector lanes */
} twolayer_acts[] = {
	{ tl_act_tanh, value_tanh, unit_tanh },
	{ tl_act_quadratic, value_quadratic, unit_quadratic },
	{ tl_act_relu, value_relu, unit_relu },
};


/* f_θ(x) = Σ_{j<units} φ(w_jᵀx). */
static double
twolayer_units(const struct twolayer_state *st, const double *theta,
    size_t units, const double *x)
{
	double s = 0;
	size_t j;

	for (j = 0; j < units; j++)
		s += st->value(sd_dot(theta + j * st->m, x, st->m));
	return s;
}

/* Draw the teacher, then the samples and their labels. */
static int
twolayer_init(void *state, const double *params, size_t *dim, char **cause)
{
	struct twolayer_state *st = state;
	size_t k = (size_t)params[TL_K], m = (size_t)params[TL_M];
	size_t n = (size_t)params[TL_N], i, p, kt;
	gsl_rng *rng;

	if (k * m < 2)
		return sd_fail(cause, "twolayer: k=1, m=1 has one parameter: "
		    "expected k·m ≥ 2");
	kt = params[TL_KT] > 0 ? (size_t)params[TL_KT] : k;
	st->k = k;
	st->kt = kt;
	st->m = m;
	st->n = n;
	st->act = (size_t)params[TL_ACT];
	st->unit = twolayer_acts[st->act].unit;
	st->phi = twolayer_acts[(size_t)params[TL_ACT]].phi;
	st->value = twolayer_acts[(size_t)params[TL_ACT]].value;
	if ((st->x = calloc(2 * n * m + n + k * m + kt * m, sizeof *st->x)) ==
	    NULL)
		return sd_fail(cause, "out of memory");
	st->xt = st->x + n * m;
	st->y = st->xt + n * m;
	st->teacher = st->y + n;
	st->full = kt == k ? st->teacher : st->teacher + k * m;
	if ((rng = sd_rng_new((unsigned long)params[TL_SEED], cause)) == NULL) {
		free(st->x);
		return -1;
	}
	sd_twolayer_draw_teacher(rng, st->full, kt, m);
	if (kt != k)
		memcpy(st->teacher, st->full, (kt < k ? kt : k) * m *
		    sizeof *st->teacher);
	for (i = 0; i < n; i++) {
		for (p = 0; p < m; p++)
			st->x[i * m + p] = gsl_ran_ugaussian(rng);
		st->y[i] = twolayer_units(st, st->full, kt, st->x + i * m);
	}
	sd_twolayer_tiles_init(st, (size_t)params[TL_ACT]);
	if (params[TL_NTK] > 0 &&
	    sd_twolayer_linearize(st, rng, params[TL_INIT], cause) != 0) {
		gsl_rng_free(rng);
		free(st->x);
		return -1;
	}
	gsl_rng_free(rng);
	*dim = k * m;
	return 0;
}

/* Free the data. */
static void
twolayer_done(void *state)
{
	struct twolayer_state *st = state;

	sd_ntk_free(st->ntk);
	free(st->theta0);
	free(st->x);
}

/* 1/(2n) Σ (f_θ(x_i) − y_i)². */
static double
twolayer_f(const void *state, const double *theta)
{
	const struct twolayer_state *st = state;

	if (st->ntk != NULL)
		return sd_ntk_f(st->ntk, theta);
	return sd_twolayer_f_tiles(st, theta);
}

/* The mean over the samples idx[0..cnt−1] (all when idx is NULL) of
 * (f_θ(x) − y) φ'(w_jᵀx) x in block j. */
static void
twolayer_grad_over(const struct twolayer_state *st, const double *theta,
    const size_t *idx, size_t cnt, double *g)
{
	double u1[TWOLAYER_K_MAX], r, p, p2;
	size_t t, i, j, m = st->m;
	const double *x;

	if (st->ntk != NULL) {
		sd_ntk_grad(st->ntk, theta, idx, cnt, g);
		return;
	}
	memset(g, 0, st->k * m * sizeof *g);
	for (t = 0; t < cnt; t++) {
		i = idx ? idx[t] : t;
		x = st->x + i * m;
		for (r = -st->y[i], j = 0; j < st->k; j++) {
			st->phi(sd_dot(theta + j * m, x, m), &p, &u1[j], &p2);
			r += p;
		}
		for (j = 0; j < st->k; j++)
			sd_axpy(r * u1[j] / (double)cnt, x, g + j * m, m);
	}
}

/* ∇L̂, block j: (1/n) Σ r_i φ'(w_jᵀx_i) x_i. */
static void
twolayer_grad(const void *state, const double *theta, double *g)
{
	const struct twolayer_state *st = state;

	if (st->ntk != NULL)
		sd_ntk_grad(st->ntk, theta, NULL, st->n, g);
	else
		sd_twolayer_grad_tiles(st, theta, g);
}

/* Add c·x xᵀ to block (j, l) of the upper triangle of h (D = k·m). */
static void
twolayer_add_block(double *h, size_t D, size_t m, size_t j, size_t l,
    double c, const double *x)
{
	size_t p, q;

	for (p = 0; p < m; p++) {
		for (q = j == l ? p : 0; q < m; q++)
			h[(j * m + p) * D + l * m + q] += c * x[p] * x[q];
	}
}

/* ∇²L̂, block (j, l): (1/n) Σ (φ'_j φ'_l + δ_jl r φ''_j) x xᵀ. */
static void
twolayer_hess(const void *state, const double *theta, double *h)
{
	const struct twolayer_state *st = state;
	double d1[TWOLAYER_K_MAX], d2[TWOLAYER_K_MAX], r, p, inv;
	size_t i, j, l, m = st->m, D = st->k * m;
	const double *x;

	if (st->ntk != NULL) {
		sd_ntk_hess(st->ntk, h);
		return;
	}
	memset(h, 0, D * D * sizeof *h);
	inv = 1 / (double)st->n;
	for (i = 0; i < st->n; i++) {
		x = st->x + i * m;
		for (r = -st->y[i], j = 0; j < st->k; j++) {
			st->phi(sd_dot(theta + j * m, x, m), &p, &d1[j], &d2[j]);
			r += p;
		}
		for (j = 0; j < st->k; j++) {
			for (l = j; l < st->k; l++)
				twolayer_add_block(h, D, m, j, l, inv *
				    (d1[j] * d1[l] + (j == l ? r * d2[j] : 0)),
				    x);
		}
	}
	for (j = 0; j < D; j++) {
		for (l = 0; l < j; l++)
			h[j * D + l] = h[l * D + j];
	}
}

/* ∇²L̂ v, block j: (1/n) Σ (φ'_j Σ_l φ'_l v_lᵀx + r φ''_j v_jᵀx) x, the
 * Hessian's blocks applied sample by sample: n·k·m work, not n·k²·m². */
static void
twolayer_hvp(const void *state, const double *theta, const double *v,
    double *hv)
{
	const struct twolayer_state *st = state;

	if (st->ntk != NULL)
		sd_ntk_hvp(st->ntk, v, hv);
	else
		sd_twolayer_hvp_tiles(st, theta, v, hv);
}

/* The hvp_prepare and hvp_prepared hooks: the network's (the NTK
 * model's products are cheap already: none). */
static void *
twolayer_hvp_prepare(const void *state, const double *theta)
{
	const struct twolayer_state *st = state;

	return st->ntk != NULL ? NULL : sd_twolayer_hvp_prepare(st, theta);
}

static void
twolayer_hvp_prepared(const void *state, const void *prep, const double *v,
    double *hv)
{
	sd_twolayer_hvp_prepared(state, prep, v, hv);
}

/* Each hidden unit's m weights form a filter. */
static size_t
twolayer_filter_size(const void *state)
{
	return ((const struct twolayer_state *)state)->m;
}

/* n: sgd's samples. */
static size_t
twolayer_samples(const void *state)
{
	return ((const struct twolayer_state *)state)->n;
}

/* The mean gradient over the samples idx. */
static void
twolayer_grad_batch(const void *state, const double *theta,
    const size_t *idx, size_t cnt, double *g)
{
	twolayer_grad_over(state, theta, idx, cnt, g);
}

/* ---- the symmetric network s* ------------------------------------------ */

/* Scratch of the search for s*: θ and its derivatives, and the reduced
 * ψ = (w, w_3, ..., w_k) ↦ θ = (w, w, w_3, ..., w_k) ones. */
struct twolayer_search {
	const sd_objective	*obj;
	size_t			 D, R;		/* k·m and (k − 1)·m */
	double			*theta, *g, *h;
	double			*psi, *trial, *prev, *gr, *hr;
	gsl_matrix		*a;
	gsl_vector		*rhs, *step;
};

/* Where θ's entry i goes in ψ. */
static size_t
search_index(size_t i, size_t m)
{
	return i < 2 * m ? i % m : i - m;
}

/* θ from ψ. */
static void
search_embed(const struct twolayer_search *s, const double *psi,
    double *theta)
{
	size_t i, m = s->D - s->R;

	for (i = 0; i < s->D; i++)
		theta[i] = psi[search_index(i, m)];
}

/* Reduced gradient and Hessian at ψ; returns f. */
static double
search_eval(struct twolayer_search *s)
{
	size_t i, j, m = s->D - s->R;

	search_embed(s, s->psi, s->theta);
	sd_objective_gradient(s->obj, s->theta, s->g);
	sd_objective_hessian(s->obj, s->theta, s->h);
	memset(s->gr, 0, s->R * sizeof *s->gr);
	memset(s->hr, 0, s->R * s->R * sizeof *s->hr);
	for (i = 0; i < s->D; i++) {
		s->gr[search_index(i, m)] += s->g[i];
		for (j = 0; j < s->D; j++)
			s->hr[search_index(i, m) * s->R + search_index(j, m)] +=
			    s->h[i * s->D + j];
	}
	return sd_objective_f(s->obj, s->theta);
}

/* Solve (H_r + μI) step = −g_r into trial = ψ + step; -1 when H_r + μI
 * is not positive definite. */
static int
search_solve(struct twolayer_search *s, double mu)
{
	size_t i, j;

	for (i = 0; i < s->R; i++) {
		for (j = 0; j < s->R; j++)
			gsl_matrix_set(s->a, i, j, s->hr[i * s->R + j] +
			    (i == j ? mu : 0));
		gsl_vector_set(s->rhs, i, -s->gr[i]);
	}
	if (gsl_linalg_cholesky_decomp1(s->a) != 0 ||
	    gsl_linalg_cholesky_solve(s->a, s->rhs, s->step) != 0)
		return -1;
	for (i = 0; i < s->R; i++)
		s->trial[i] = s->psi[i] + gsl_vector_get(s->step, i);
	return 0;
}

/* Newton steps on the reduced gradient while its norm falls: below the
 * rounding of f, where Levenberg–Marquardt can no longer compare values,
 * the gradient still resolves the root. */
static void
search_polish(struct twolayer_search *s)
{
	double gn = sd_norm(s->gr, s->R);
	size_t it;

	for (it = 0; it < 8 && gn > 0; it++) {
		if (search_solve(s, 0) != 0)
			return;
		memcpy(s->prev, s->psi, s->R * sizeof *s->psi);
		memcpy(s->psi, s->trial, s->R * sizeof *s->psi);
		search_eval(s);
		if (!(sd_norm(s->gr, s->R) < gn)) {
			memcpy(s->psi, s->prev, s->R * sizeof *s->psi);
			return;
		}
		gn = sd_norm(s->gr, s->R);
	}
}

/* Levenberg–Marquardt on L̂ restricted to S from ψ, until no step lowers
 * it: Newton's quadratic convergence near the minimum, descent far away. */
static void
search_run(struct twolayer_search *s)
{
	double f = search_eval(s), ft, mu = 1e-3, top = 0;
	size_t it, i;

	for (i = 0; i < s->R; i++)
		top = fmax(top, fabs(s->hr[i * s->R + i]));
	mu *= fmax(top, 1e-12);
	for (it = 0; it < TWOLAYER_LM_ITER && mu < 1e30; it++) {
		if (search_solve(s, mu) != 0) {
			mu *= 10;
			continue;
		}
		search_embed(s, s->trial, s->theta);
		ft = sd_objective_f(s->obj, s->theta);
		if (!(ft < f)) {
			mu *= 10;
			continue;
		}
		memcpy(s->psi, s->trial, s->R * sizeof *s->psi);
		f = search_eval(s);
		mu = fmax(mu / 10, 1e-15 * fmax(top, 1e-12));
	}
	search_polish(s);
}

/* Allocate the search's scratch. */
static int
search_init(struct twolayer_search *s, const sd_objective *obj,
    char **cause)
{
	const struct twolayer_state *st = obj->state;
	size_t D = st->k * st->m, R = D - st->m;

	memset(s, 0, sizeof *s);
	s->obj = obj;
	s->D = D;
	s->R = R;
	s->theta = malloc((2 * D + D * D + 4 * R + R * R) * sizeof *s->theta);
	s->a = gsl_matrix_alloc(R, R);
	s->rhs = gsl_vector_alloc(R);
	s->step = gsl_vector_alloc(R);
	if (s->theta == NULL || s->a == NULL || s->rhs == NULL ||
	    s->step == NULL) {
		free(s->theta);
		gsl_matrix_free(s->a);
		gsl_vector_free(s->rhs);
		gsl_vector_free(s->step);
		return sd_fail(cause, "out of memory");
	}
	s->g = s->theta + D;
	s->h = s->g + D;
	s->psi = s->h + D * D;
	s->trial = s->psi + R;
	s->prev = s->trial + R;
	s->gr = s->prev + R;
	s->hr = s->gr + R;
	return 0;
}

/* Release the search's scratch. */
static void
search_done(struct twolayer_search *s)
{
	free(s->theta);
	gsl_matrix_free(s->a);
	gsl_vector_free(s->rhs);
	gsl_vector_free(s->step);
}

/* The midpoint of θ* and Pθ* moved one unit of length down L̂'s gradient,
 * which lies in S there: where the search for s* would head. */
static int
twolayer_downhill(const sd_objective *obj, double *out, char **cause)
{
	const struct twolayer_state *st = obj->state;
	size_t D = st->k * st->m, i, m = st->m;
	double *g, n;

	if ((g = malloc(D * sizeof *g)) == NULL)
		return sd_fail(cause, "out of memory");
	memcpy(out, st->teacher, D * sizeof *out);
	for (i = 0; i < m; i++)
		out[i] = out[m + i] = (st->teacher[i] + st->teacher[m + i]) / 2;
	sd_objective_gradient(obj, out, g);
	if ((n = sd_norm(g, D)) > 0)
		sd_axpy(-1 / n, g, out, D);
	free(g);
	return 0;
}

/* s* into out (D entries): the minimum of L̂ on S reached from the
 * midpoint of θ* and Pθ*. The search needs the Hessian (k²m²n operations
 * an iteration); beyond TWOLAYER_HESS_BUDGET it is skipped and the chart
 * only points downhill within S (the saddle is then near the plane, at
 * the offset the finder reports, rather than on it). */
static int
twolayer_symmetric(const sd_objective *obj, double *out, char **cause)
{
	const struct twolayer_state *st = obj->state;
	struct twolayer_search s;
	size_t p, m = st->m, D = st->k * m;

	if ((double)D * (double)D * (double)st->n > TWOLAYER_HESS_BUDGET)
		return twolayer_downhill(obj, out, cause);
	if (search_init(&s, obj, cause) != 0)
		return -1;
	for (p = 0; p < m; p++)
		s.psi[p] = (st->teacher[p] + st->teacher[m + p]) / 2;
	memcpy(s.psi + m, st->teacher + 2 * m, (s.R - m) * sizeof *s.psi);
	search_run(&s);
	search_embed(&s, s.psi, out);
	search_done(&s);
	return 0;
}

/* The permutation chart: the plane through θ* (at (−r, 0)), its twin Pθ*
 * with units 1 and 2 swapped (at (r, 0)) and the symmetric saddle s*
 * (on the b axis). With one hidden unit: the plane of the first two
 * coordinates through θ*. */
static int
twolayer_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct twolayer_state *st = obj->state;
	size_t D = st->k * st->m, m = st->m, p;
	double *twin, *sym, *e;
	int rc;

	if (st->ntk != NULL && sd_twolayer_ntk_chart(obj, chart) == 0)
		return 0;
	if ((twin = calloc(3 * D, sizeof *twin)) == NULL)
		return sd_fail(cause, "out of memory");
	sym = twin + D;
	e = sym + D;
	if (st->k == 1) {
		e[0] = 1;
		sym[1] = 1;
		rc = sd_chart_init_plane(chart, D, st->teacher, e, sym, cause);
		if (rc == 0)
			chart->window = obj->type->window;
		free(twin);
		return rc;
	}
	memcpy(twin, st->teacher, D * sizeof *twin);
	memcpy(twin, st->teacher + m, m * sizeof *twin);
	memcpy(twin + m, st->teacher, m * sizeof *twin);
	rc = twolayer_symmetric(obj, sym, cause);
	if (rc == 0 && sd_chart_init_points(chart, obj, st->teacher, twin,
	    sym, NULL) != 0) {
		/* s* is the midpoint itself: show S along unit 1's first
		 * weight, moved in both copies. */
		for (p = 0; p < D; p++)
			e[p] = sym[p] + (p % m == 0 && p < 2 * m ? 0.5 : 0);
		rc = sd_chart_init_points(chart, obj, st->teacher, twin, e,
		    cause);
	}
	free(twin);
	return rc;
}

/* The inputs, the labels and the teacher. */
static size_t
twolayer_data_doubles(const double *params)
{
	size_t k = (size_t)params[TL_K], m = (size_t)params[TL_M];
	size_t n = (size_t)params[TL_N], D = k * m;
	size_t kt = params[TL_KT] > 0 ? (size_t)params[TL_KT] : k;

	/* As twolayer_init and sd_twolayer_linearize allocate: ntk=1's
	 * model holds the n×D features, n offsets, D² and two D-vectors. */
	return n * (2 * m + 1) + (k + kt) * m +
	    (params[TL_NTK] > 0 ? n * (D + 1) + D * D + 2 * D : 0);
}

const sd_objective_type sd_objective_twolayer = {
	.name = "twolayer",
	.summary = "§6: teacher–student two-layer net; a saddle between the "
	    "teacher and its permuted twin",
	.formula = "1/(2n) Σ (Σ_j φ(w_jᵀx_i) − y_i)²",
	.dim = 0,
	.window = { -2, 2, -2, 2 },
	.params = twolayer_params,
	.state_size = sizeof(struct twolayer_state),
	.data = "2n·m + n + (k + kt)·m doubles (inputs by sample and by "
	    "coordinate, labels, teacher; ntk=1 adds n·k·m + n + (k·m)² for "
	    "the model; a chart adds 3k·n + n)",
	.data_doubles = twolayer_data_doubles,
	.init = twolayer_init,
	.done = twolayer_done,
	.f = twolayer_f,
	.grad = twolayer_grad,
	.hess = twolayer_hess,
	.hvp = twolayer_hvp,
	.hvp_prepare = twolayer_hvp_prepare,
	.hvp_prepared = twolayer_hvp_prepared,
	.default_chart = twolayer_chart,
	.filter_size = twolayer_filter_size,
	.samples = twolayer_samples,
	.grad_batch = twolayer_grad_batch,
	.slice_new = sd_twolayer_slice_new,
	.fmin = sd_twolayer_fmin,
	.planted = sd_twolayer_planted,
};
