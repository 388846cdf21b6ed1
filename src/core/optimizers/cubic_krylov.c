/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cubic_krylov.c: cubic's subproblem (cubic.c) without d×d matrices,
 * from SD_KRYLOV_DIM on for objectives with an hvp: the model
 *	m(s) = gᵀs + ½ sᵀHs + (M/6)‖s‖³
 * minimized over a growing subspace built from Hessian-vector products,
 * in the manner of Cartis, Gould & Toint's generalized Lanczos for ARC
 * (Math. Program. 127, 2011, §6) and of Carmon & Duchi's Krylov analysis
 * (Analysis of Krylov subspace solutions of regularized nonconvex
 * quadratic problems, NeurIPS 2018).
 *
 * The subspace. Its first vector is g/‖g‖, its second a fixed random
 * unit vector r, then each product H v_j, orthogonalized twice against
 * all vectors so far: the Krylov space of the block [g, r]. From g alone
 * it would never see an eigenvector of H orthogonal to g — the hard case
 * of the subproblem, a start on a saddle's stable manifold, exactly where
 * cubic's exact solution steps out along the lowest eigenvector — and
 * Carmon & Duchi perturb g for that reason; r brings every eigenvector
 * in without changing the problem. On the subspace V (k vectors with
 * products) the model is m(Vy) = ‖g‖y_1 + ½yᵀPy + (M/6)‖y‖³ with
 * P = VᵀHV, solved exactly by the dense method (P's eigenbasis and the
 * secular equation, hard case included: sd_cubic_shift).
 *
 * When it stops (the deviation from the exact solution s*). After each
 * solve, from the stored products and without another one:
 *   - the model's gradient at s, ∇m(s) = g + Hs + μs (μ = (M/2)‖s‖), is
 *     at most CUBIC_KRYLOV_RTOL·(‖g‖ + ‖P‖‖s‖): s satisfies Nesterov
 *     and Polyak's first-order condition (H + μI)s = −g to that relative
 *     residual, and
 *   - the lowest Ritz pair (θ, u) of P has ‖Hu − θu‖ at most μ + θ (or
 *     CUBIC_KRYLOV_RTOL·‖P‖ when that is smaller): H has an eigenvalue
 *     within the margin that keeps H + μI ⪰ 0, their second-order
 *     condition, which makes s the global minimizer.
 * Both hold exactly, to rounding, once the subspace is all of R^d (or
 * the tangent space), where the method stops at the latest. The step
 * then differs from the dense one by about CUBIC_KRYLOV_RTOL relative
 * (tests/test_optimizer_steps.c compares four steps on five objectives,
 * and a start at a saddle, g = 0, where the step is the lowest
 * eigenvector). The lowest Ritz vector's sign is fixed as the dense
 * spectrum fixes it (its largest entry positive), so an escape from a
 * saddle picks the same side. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "base/krylov.h"
#include "base/linalg.h"
#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

#define CUBIC_KRYLOV_RTOL	1e-10
#define CUBIC_KRYLOV_SEED	4099	/* r's: the same vector every step */
/* A new vector whose norm orthogonalization cut below this fraction is
 * already in the subspace. */
#define CUBIC_KRYLOV_DEPENDENT	1e-10

struct sd_cubic_krylov {
	size_t			 d, m;		/* dimension, most vectors */
	const sd_optimizer	*opt;
	double			 xg;		/* xᵀ∇f (sphere) */
	const double		*normal;	/* x on the sphere, else NULL */
	size_t			 nb, k;		/* vectors; with products */
	double			*v;		/* (m + 2) × d: the basis */
	double			*hv;		/* m × d: H v_j */
	double			*p;		/* m × m: VᵀHV */
	double			*a, *evec;	/* k × k: P, its eigenvectors */
	double			*eval, *gq, *c, *y;	/* m each */
	double			*r, *s, *hs, *u, *hu, *work;	/* d each */
	double			 mu;
};

struct sd_cubic_krylov *
sd_cubic_krylov_new(size_t d)
{
	struct sd_cubic_krylov *kr;
	gsl_rng *rng;
	size_t m = d;

	if ((kr = calloc(1, sizeof *kr)) == NULL)
		return NULL;
	kr->d = d;
	kr->m = m;
	kr->v = malloc(((m + 2) * d + m * d + 3 * m * m + 4 * m + 6 * d) *
	    sizeof *kr->v);
	if (kr->v == NULL || (rng = sd_rng_new(CUBIC_KRYLOV_SEED, NULL)) ==
	    NULL) {
		sd_cubic_krylov_free(kr);
		return NULL;
	}
	kr->hv = kr->v + (m + 2) * d;
	kr->p = kr->hv + m * d;
	kr->a = kr->p + m * m;
	kr->evec = kr->a + m * m;
	kr->eval = kr->evec + m * m;
	kr->gq = kr->eval + m;
	kr->c = kr->gq + m;
	kr->y = kr->c + m;
	kr->r = kr->y + m;
	kr->s = kr->r + d;
	kr->hs = kr->s + d;
	kr->u = kr->hs + d;
	kr->hu = kr->u + d;
	kr->work = kr->hu + d;
	sd_random_unit(rng, kr->r, d);
	gsl_rng_free(rng);
	return kr;
}

void
sd_cubic_krylov_free(struct sd_cubic_krylov *kr)
{
	if (kr != NULL)
		free(kr->v);
	free(kr);
}

/* v ← v minus its component along the normal (the sphere's x). */
static void
ck_project(const struct sd_cubic_krylov *kr, double *v)
{
	if (kr->normal != NULL)
		sd_axpy(-sd_dot(kr->normal, v, kr->d), kr->normal, v, kr->d);
}

/* Append w to the basis, orthogonalized twice against it and off the
 * normal, unless it is (numerically) in the subspace already. */
static void
ck_append(struct sd_cubic_krylov *kr, const double *w)
{
	size_t i, j, d = kr->d;
	double *q = kr->v + kr->nb * d, n0, n;
	int pass;

	if (kr->nb >= kr->m)
		return;
	memcpy(q, w, d * sizeof *q);
	ck_project(kr, q);
	n0 = sd_norm(q, d);
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < kr->nb; i++)
			sd_axpy(-sd_dot(kr->v + i * d, q, d), kr->v + i * d, q,
			    d);
		ck_project(kr, q);
	}
	n = sd_norm(q, d);
	if (!(n > CUBIC_KRYLOV_DEPENDENT * n0))
		return;
	for (j = 0; j < d; j++)
		q[j] /= n;
	kr->nb++;
}

/* out = H v, the (Riemannian) Hessian at the iterate; -1 when the
 * product fails or is not finite. */
static int
ck_product(struct sd_cubic_krylov *kr, const double *v, double *out)
{
	const sd_optimizer *opt = kr->opt;

	if (sd_objective_rhvp(opt->objective, opt->x, kr->xg, v, out,
	    kr->work) != 0 || !sd_all_finite(out, kr->d))
		return -1;
	ck_project(kr, out);
	return 0;
}

/* The next vector's product, P's new column and row, and the subspace
 * grown by that product. */
static int
ck_expand(struct sd_cubic_krylov *kr)
{
	size_t i, k = kr->k, d = kr->d;
	double *hk = kr->hv + k * d;

	if (ck_product(kr, kr->v + k * d, hk) != 0)
		return -1;
	for (i = 0; i <= k; i++)
		kr->p[i * kr->m + k] = kr->p[k * kr->m + i] =
		    sd_dot(kr->v + i * d, hk, d);
	kr->k++;
	ck_append(kr, hk);
	return 0;
}

/* out = V_k y and hout = (HV)_k y. */
static void
ck_lift(const struct sd_cubic_krylov *kr, const double *y, double *out,
    double *hout)
{
	size_t j, d = kr->d;

	memset(out, 0, d * sizeof *out);
	memset(hout, 0, d * sizeof *hout);
	for (j = 0; j < kr->k; j++) {
		sd_axpy(y[j], kr->v + j * d, out, d);
		sd_axpy(y[j], kr->hv + j * d, hout, d);
	}
}

/* P's lowest Ritz vector u (and Hu) with its largest entry positive, as
 * the dense spectrum signs it; returns ‖Hu − θu‖. */
static double
ck_lowest(struct sd_cubic_krylov *kr)
{
	size_t j, big = 0, k = kr->k, d = kr->d;

	ck_lift(kr, kr->evec, kr->u, kr->hu);
	for (j = 1; j < d; j++)
		if (fabs(kr->u[j]) > fabs(kr->u[big]) * (1 + 1e-12))
			big = j;
	if (kr->u[big] < 0) {
		for (j = 0; j < k; j++)
			kr->evec[j] = -kr->evec[j];
		for (j = 0; j < d; j++) {
			kr->u[j] = -kr->u[j];
			kr->hu[j] = -kr->hu[j];
		}
	}
	sd_axpy(-kr->eval[0], kr->u, kr->hu, d);
	return sd_norm(kr->hu, d);
}

/* Solve the model on the k vectors with products (s, Hs, μ); returns 1
 * when s meets both stopping tests, 0 when not, -1 when P is not
 * finite or out of memory. */
static int
ck_solve(struct sd_cubic_krylov *kr, double M)
{
	size_t i, j, k = kr->k, d = kr->d;
	const sd_optimizer *opt = kr->opt;
	sd_eigen e = { .n = k, .lambda = kr->eval, .gq = kr->gq };
	double rho, res, big, gn = opt->grad_norm;

	for (i = 0; i < k; i++)
		memcpy(kr->a + i * k, kr->p + i * kr->m, k * sizeof *kr->a);
	if (sd_symm_eigen(kr->a, k, kr->eval, kr->evec, NULL) != 0)
		return -1;
	rho = ck_lowest(kr);
	for (i = 0; i < k; i++)
		kr->gq[i] = gn > 0 ? gn * kr->evec[i * k] : 0;
	kr->mu = sd_cubic_shift(&e, M, gn);
	sd_cubic_coordinates(&e, M, kr->mu, kr->c);
	memset(kr->y, 0, k * sizeof *kr->y);
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			kr->y[j] += kr->c[i] * kr->evec[i * k + j];
	ck_lift(kr, kr->y, kr->s, kr->hs);
	for (j = 0; j < d; j++)
		kr->hs[j] += opt->g[j] + kr->mu * kr->s[j];
	res = sd_norm(kr->hs, d);
	big = fmax(fabs(kr->eval[0]), fabs(kr->eval[k - 1]));
	return res <= CUBIC_KRYLOV_RTOL * (gn + big * sd_norm(kr->s, d)) &&
	    rho <= fmax(kr->mu + kr->eval[0], CUBIC_KRYLOV_RTOL * big);
}

/* Grow the subspace until the solution on it passes both tests or it
 * holds everything; s is then the step. */
static int
ck_run(struct sd_cubic_krylov *kr, double M)
{
	size_t next = 4;
	int rc;

	while (kr->k < kr->nb) {
		if (ck_expand(kr) != 0)
			return -1;
		if (kr->k < next && kr->k < kr->nb)
			continue;
		if ((rc = ck_solve(kr, M)) != 0 || kr->k == kr->nb)
			return rc < 0 ? -1 : 0;
		next = next + 4 > next * 5 / 4 ? next + 4 : next * 5 / 4;
	}
	return kr->k > 0 ? 0 : -1;
}

sd_step_status
sd_cubic_krylov_iterate(struct sd_cubic_krylov *kr, sd_optimizer *opt,
    double M)
{
	const sd_objective *obj = opt->objective;
	size_t j, d = kr->d;

	kr->opt = opt;
	kr->nb = kr->k = 0;
	kr->xg = 0;
	kr->normal = NULL;
	kr->m = d;
	if (obj->type->manifold == SD_SPHERE) {
		kr->normal = opt->x;
		kr->m = d - 1;
		sd_objective_gradient(obj, opt->x, kr->work);
		kr->xg = sd_dot(opt->x, kr->work, d);
	}
	if (opt->grad_norm > 0)
		ck_append(kr, opt->g);
	ck_append(kr, kr->r);
	if (ck_run(kr, M) != 0 || !sd_all_finite(kr->s, d))
		return SD_STEP_DIVERGED;
	for (j = 0; j < d; j++)
		opt->trial[j] = opt->x[j] + kr->s[j];
	return SD_STEP_OK;
}
