/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_cubic.c: cubic-regularized Newton (Yu. Nesterov & B. T. Polyak,
 * Cubic regularization of Newton method and its global performance, Math.
 * Program. 108, 2006): x ← x + s, s the global minimizer of the model
 *	m(s) = gᵀs + ½ sᵀHs + (M/6)‖s‖³.
 *
 * The subproblem is solved exactly. By their Proposition 1, s* satisfies
 * (H + μI)s* = −g with μ = (M/2)‖s*‖ and H + μI ⪰ 0. In H's eigenbasis
 * (λ_1 ≤ … ≤ λ_n, γ_i = q_iᵀg) that is one equation in the shift μ:
 *	‖s(μ)‖ = 2μ/M, s_i(μ) = −γ_i/(λ_i + μ), μ > max(0, −λ_1),
 * solved as ψ(μ) = 1/‖s(μ)‖ − M/(2μ) = 0 (increasing and concave, so a
 * safeguarded Newton iteration converges from either side of the root).
 * The hard case — γ_1 = 0 with ψ(−λ_1) ≥ 0, e.g. a start on the stable
 * manifold of a saddle — has μ = −λ_1 and s = s_rest + τ q_1 with τ
 * chosen so that ‖s‖ = 2μ/M; it is what lets cubic leave a saddle that
 * gradient methods converge to.
 *
 * From SD_KRYLOV_DIM on, for objectives with an hvp, H is never formed:
 * the same model is minimized over a Krylov subspace of Hessian-vector
 * products, to a documented tolerance (cubic_krylov.c). Below it the
 * step is the exact one above. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "base/krylov.h"
#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

/* Iteration cap of the secular equation (bisection alone needs < 64). */
#define CUBIC_MAX_ITER 200

/* A shortfall ‖s‖² < (1 − this)·r² after solving means the component
 * along q_1 is not resolvable in floating point: the (near-)hard case. */
#define CUBIC_HARD_RTOL 1e-8

enum { CUBIC_M };

static const sd_param cubic_params[] = {
	{ "M", 1, 1e-12, 1e12, 0, "weight of the cubic term (M/6)‖s‖³; "
	  "decrease is guaranteed when M ≥ the Hessian's Lipschitz "
	  "constant" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale cubic_scales[] = { SD_SCALE_CURVATURE };

/* The decomposition and its work arrays; from SD_KRYLOV_DIM on also the
 * subspace's (used when the objective has an hvp). */
struct cubic {
	sd_eigen		 e;
	struct sd_cubic_krylov	*kr;
};

static int
cubic_alloc(void *state, size_t dim)
{
	struct cubic *cb = state;

	if (sd_eigen_alloc(&cb->e, dim) != 0)
		return -1;
	cb->kr = NULL;
	if (dim >= SD_KRYLOV_DIM && (cb->kr = sd_cubic_krylov_new(dim)) ==
	    NULL) {
		sd_eigen_free(&cb->e);
		return -1;
	}
	return 0;
}

/* ψ(μ) and, when dpsi is not NULL, ψ'(μ). Terms with γ_i = 0 are left
 * out, so μ = −λ_1 is a valid argument in the hard case. */
static double
cubic_psi(const sd_eigen *e, double M, double mu, double *dpsi)
{
	double n2 = 0, dn2 = 0, t, den, ns;
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (e->gq[i] == 0)
			continue;
		den = e->lambda[i] + mu;
		t = e->gq[i] / den;
		n2 += t * t;
		dn2 += t * t / den;
	}
	ns = sqrt(n2);
	if (dpsi != NULL)
		*dpsi = dn2 / (n2 * ns) + M / (2 * mu * mu);
	return 1 / ns - M / (2 * mu);
}

/* The shift μ of the model's global minimizer: the hard case directly,
 * else safeguarded Newton on ψ over (lo, hi], where hi solves
 * μ(λ_1 + μ) = (M/2)‖g‖ and so bounds the root from above. Reads e's n,
 * lambda and gq only. */
double
sd_cubic_shift(const sd_eigen *e, double M, double gnorm)
{
	double l1 = e->lambda[0], lo = fmax(0, -l1), hi, mu, psi, dpsi, next;
	int k;

	if (gnorm == 0 || (lo > 0 && cubic_psi(e, M, lo, NULL) >= 0))
		return lo;
	hi = fmax(0.5 * (-l1 + sqrt(l1 * l1 + 2 * M * gnorm)), lo);
	for (k = 0, mu = hi; k < CUBIC_MAX_ITER; k++) {
		psi = cubic_psi(e, M, mu, &dpsi);
		if (psi == 0)
			return mu;
		if (psi < 0)
			lo = mu;
		else
			hi = mu;
		next = mu - psi / dpsi;
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (hi - lo <= 4 * DBL_EPSILON * hi)
			return hi;
		if (fabs(next - mu) <= 4 * DBL_EPSILON * mu)
			return next;
		mu = next;
	}
	return hi;
}

/* The step's eigen-coordinates for shift mu, completing the component
 * along q_1 when the secular equation leaves ‖s‖ short of 2μ/M. */
void
sd_cubic_coordinates(const sd_eigen *e, double M, double mu, double *c)
{
	double r = 2 * mu / M, n2 = 0, rest;
	size_t i;

	for (i = 0; i < e->n; i++) {
		c[i] = e->gq[i] == 0 ? 0 : -e->gq[i] / (e->lambda[i] + mu);
		n2 += c[i] * c[i];
	}
	if (r * r - n2 > CUBIC_HARD_RTOL * r * r) {
		rest = n2 - c[0] * c[0];
		c[0] = copysign(sqrt(fmax(r * r - rest, 0)), c[0] < 0 ? -1 : 1);
	}
}

/* One step to the model's global minimizer. On a sphere the model lives
 * on the tangent space with the Riemannian Hessian, and the new point is
 * retracted. */
static sd_step_status
cubic_iterate(void *state, sd_optimizer *opt)
{
	struct cubic *cb = state;
	sd_eigen *e = &cb->e;
	double M = opt->params[CUBIC_M], mu;

	if (cb->kr != NULL && opt->objective->type->hvp != NULL)
		return sd_cubic_krylov_iterate(cb->kr, opt, M);
	if (sd_eigen_decompose(e, opt) != 0)
		return SD_STEP_DIVERGED;
	mu = sd_cubic_shift(e, M, opt->grad_norm);
	sd_cubic_coordinates(e, M, mu, e->c);
	sd_eigen_step(e, opt->x, e->c, opt->trial);
	return SD_STEP_OK;
}

/* Nothing: the decomposition (or the subspace) is the step's work, made
 * afresh each step. */
static int
cubic_copy(void *dst, const void *src)
{
	(void)dst;
	(void)src;
	return 0;
}

/* Release the decomposition and the subspace. */
static void
cubic_free(void *state)
{
	struct cubic *cb = state;

	sd_eigen_free(&cb->e);
	sd_cubic_krylov_free(cb->kr);
}

const sd_optimizer_type sd_optimizer_cubic = {
	.name = "cubic",
	.summary = "cubic-regularized Newton: steps along negative curvature "
	    "out of saddles",
	.rule = "x ← x + argmin_s gᵀs + ½sᵀHs + (M/6)‖s‖³, solved exactly",
	.reference = "Yu. Nesterov & B. T. Polyak, Cubic regularization of "
	    "Newton method and its global performance, Math. Program. 108, "
	    "2006",
	.params = cubic_params,
	.scales = cubic_scales,
	.state_size = sizeof(struct cubic),
	.alloc = cubic_alloc,
	.iterate = cubic_iterate,
	.free = cubic_free,
	.copy = cubic_copy,
};
