/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_tensor.c: the chapter's §5, orthogonal 4th-order tensor
 * decomposition on the unit sphere.
 *
 * T = Σ_{i≤n} a_i⊗a_i⊗a_i⊗a_i with orthonormal a_i; the chapter maximizes
 * ⟨T, x⊗4⟩ = Σ (a_iᵀx)⁴ over ‖x‖ = 1, saddle minimizes, so
 * f(x) = −Σ (a_iᵀx)⁴ on S^{d−1}. Its local minima are exactly ±a_i
 * (Theorem 5.2); for d = n = 3 there are 26 stationary points: ±a_i (min,
 * f = −1), (±a_i ± a_j)/√2 (saddle, f = −½) and (±a1 ± a2 ± a3)/√3 (max,
 * f = −⅓).
 *
 * f, ∇f and ∇²f below are those of the ambient f̄ on R^d (defined off the
 * sphere too); sd_objective_rgradient and sd_objective_rhessian turn them
 * into the Riemannian ones of §2.3. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "objectives/objective.h"

#define TENSOR_DIM_MAX	64

enum { TENSOR_D, TENSOR_N, TENSOR_SEED };

static const sd_param tensor_params[] = {
	{ "d", 3, 3, TENSOR_DIM_MAX, 1, "dimension: x lives on S^{d−1} "
	    "(default 3)" },
	{ "n", 3, 1, TENSOR_DIM_MAX, 1, "number of components a_i, at most "
	    "d (default 3)" },
	{ "seed", 0, 0, 4294967295.0, 1, "0: a_i = e_i; otherwise the a_i "
	    "are rotated by a random orthogonal matrix drawn from this seed" },
	{ NULL, 0, 0, 0, 0, NULL }
};

struct tensor_state {
	size_t	 d, n;
	double	*a;		/* n×d: the components, rows; then the
				 * d×d rotation whose first n rows they are */
};

/* Draw the components. */
static int
tensor_init(void *state, const double *params, size_t *dim, char **cause)
{
	struct tensor_state *st = state;
	size_t d = (size_t)params[TENSOR_D], n = (size_t)params[TENSOR_N], i;
	gsl_rng *rng;

	if (n > d)
		return sd_fail(cause, "tensor: n=%zu is more than d=%zu: "
		    "expected at most d orthonormal components", n, d);
	st->d = d;
	st->n = n;
	if ((st->a = calloc(d * d, sizeof *st->a)) == NULL)
		return sd_fail(cause, "out of memory");
	if (params[TENSOR_SEED] == 0) {
		for (i = 0; i < d; i++)
			st->a[i * d + i] = 1;
	} else {
		rng = sd_rng_new((unsigned long)params[TENSOR_SEED], cause);
		if (rng == NULL) {
			free(st->a);
			return -1;
		}
		sd_random_orthogonal(rng, st->a, d);
		gsl_rng_free(rng);
	}
	*dim = d;
	return 0;
}

/* Free the components. */
static void
tensor_done(void *state)
{
	free(((struct tensor_state *)state)->a);
}

/* f̄(x) = −Σ (a_iᵀx)⁴. */
static double
tensor_f(const void *state, const double *x)
{
	const struct tensor_state *st = state;
	double s = 0, c;
	size_t i;

	for (i = 0; i < st->n; i++) {
		c = sd_dot(st->a + i * st->d, x, st->d);
		s += c * c * c * c;
	}
	return -s;
}

/* ∇f̄ = −4 Σ (a_iᵀx)³ a_i. */
static void
tensor_grad(const void *state, const double *x, double *g)
{
	const struct tensor_state *st = state;
	size_t i, d = st->d;
	double c;

	memset(g, 0, d * sizeof *g);
	for (i = 0; i < st->n; i++) {
		c = sd_dot(st->a + i * d, x, d);
		sd_axpy(-4 * c * c * c, st->a + i * d, g, d);
	}
}

/* ∇²f̄ = −12 Σ (a_iᵀx)² a_i a_iᵀ, filled symmetric. */
static void
tensor_hess(const void *state, const double *x, double *h)
{
	const struct tensor_state *st = state;
	size_t i, j, k, d = st->d;
	const double *a;
	double c;

	memset(h, 0, d * d * sizeof *h);
	for (i = 0; i < st->n; i++) {
		a = st->a + i * d;
		c = sd_dot(a, x, d);
		for (j = 0; j < d; j++) {
			for (k = j; k < d; k++)
				h[j * d + k] -= 12 * c * c * a[j] * a[k];
		}
	}
	for (j = 0; j < d; j++) {
		for (k = 0; k < j; k++)
			h[j * d + k] = h[k * d + j];
	}
}

/* ∇²f̄ v = −12 Σ (a_iᵀx)² (a_iᵀv) a_i. */
static void
tensor_hvp(const void *state, const double *x, const double *v, double *hv)
{
	const struct tensor_state *st = state;
	size_t i, d = st->d;
	const double *a;
	double c;

	memset(hv, 0, d * sizeof *hv);
	for (i = 0; i < st->n; i++) {
		a = st->a + i * d;
		c = sd_dot(a, x, d);
		sd_axpy(-12 * c * c * sd_dot(a, v, d), a, hv, d);
	}
}

/* The sphere of a1, a2, a3 (completed by the rotation's next rows when
 * n < 3): ±a1 at longitude 0 and π, ±a2 at ±π/2, ±a3 at the poles. */
static int
tensor_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct tensor_state *st = obj->state;
	size_t d = st->d;

	return sd_chart_init_sphere(chart, d, st->a, st->a + d, st->a + 2 * d,
	    cause);
}

const sd_objective_type sd_objective_tensor = {
	.name = "tensor",
	.summary = "§5 on the sphere: 6 minima ±a_i, 12 saddles, 8 maxima "
	    "(d = n = 3)",
	.formula = "−Σ (a_iᵀx)⁴ on ‖x‖ = 1",
	.dim = 0,
	.manifold = SD_SPHERE,
	.window = { -M_PI, M_PI, -M_PI / 2, M_PI / 2 },
	.params = tensor_params,
	.state_size = sizeof(struct tensor_state),
	.init = tensor_init,
	.done = tensor_done,
	.f = tensor_f,
	.grad = tensor_grad,
	.hess = tensor_hess,
	.hvp = tensor_hvp,
	.default_chart = tensor_chart,
};
