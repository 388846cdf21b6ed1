/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_krylov.c: the finder's second order without d×d matrices, from
 * SD_KRYLOV_DIM on for objectives with an hvp (finder.c explains the
 * method; krylov.h why).
 *
 * Newton	The step −H⁺∇f is MINRES's on the products at x (inexact
 *		Newton): its relative residual is min(FINDER_FORCING,
 *		√(‖∇f‖/G)), at least FINDER_KRYLOV_RTOL, so the steps are
 *		rough far from a root and converge superlinearly near one,
 *		truncated after FINDER_TRUNCATE(d) products: about what a
 *		dense Hessian of a sum over samples costs (n·d²/2 against
 *		2n·d a product). Looser forcing (0.5) made the runs crawl
 *		instead of leaving the window as the dense ones do: on
 *		glm:d=60 three times the iterations. The retry of the dense
 *		method (every nonzero eigenvalue inverted) is a solve to
 *		FINDER_KRYLOV_RTOL in up to 2d + 10 products. On a singular H
 *		MINRES stops at a least-squares step (krylov.h), as the dense
 *		pseudo-inverse drops eigenvalues below 1e-12 of the largest.
 * classify	Where the full spectrum costs more than FINDER_SPECTRUM_FLOPS
 *		(d³ + n·d², n the samples: about a millisecond; pca up to
 *		d ≈ 125 and glm:d=60 up to n ≈ 500 keep it), Lanczos finds
 *		λmin and λmax to a residual of
 *		FINDER_LANCZOS_RTOL × max|λ| (Ritz values lie inside the
 *		spectrum and converge to its ends first). tol has the dense
 *		one's terms, with ‖∇²f(y) − ∇²f(x)‖ (y = x + s, and x + δ·v
 *		where the dense test tries every x ± δ·e_k) estimated by its
 *		products with the two Ritz vectors and with s/‖s‖ (a lower
 *		bound of the 2-norm, where the dense test takes the
 *		Frobenius norm: it matters only at degenerate points, which
 *		go dense anyway).
 *		λmin > tol: min; λmax < −tol: max; λmin < −tol < tol < λmax:
 *		saddle. Otherwise a flat direction may hide anywhere in the
 *		spectrum, and the caller classifies x from the full one. The
 *		root-or-plateau test and the radii look along the two Ritz
 *		vectors and ∇f's direction, not along all d eigenvectors (2d
 *		gradients: the n·d² this file avoids). The point reports the
 *		two extreme eigenvalues (n_eigen = 2). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/krylov.h"
#include "base/vec.h"
#include "landscape/finder_impl.h"

/* The Hessian prepared at fw->at (sd_objective_hvp_prepare), or NULL:
 * made at the second product in a row at one x, so that the single
 * products of work_change do not pay for it (it costs about one product)
 * and Lanczos and MINRES, tens of products at one x, save the part of
 * each that v does not enter. Keyed by x's value, not by the pointer:
 * the same bits as products without it (objective.h). */
static const void *
work_prepared(struct finder_work *fw)
{
	size_t bytes = fw->d * sizeof *fw->at;

	if (memcmp(fw->prep_x, fw->at, bytes) != 0) {
		free(fw->prep);
		fw->prep = NULL;
		memcpy(fw->prep_x, fw->at, bytes);
		fw->prep_seen = 0;
	}
	if (fw->prep == NULL && ++fw->prep_seen == 2)
		fw->prep = sd_objective_hvp_prepare(fw->obj, fw->at);
	return fw->prep;
}

/* The Riemannian Hessian at fw->at applied to v. */
static int
work_product(void *ctx, const double *v, double *out)
{
	struct finder_work *fw = ctx;

	return sd_objective_rhvp_prep(fw->obj, work_prepared(fw), fw->at,
	    fw->xg, v, out, fw->kw);
}

/* The operator prepared by sd_finder_prepare. */
static sd_linop
work_operator(struct finder_work *fw)
{
	sd_linop op = { fw->d, fw->sphere ? fw->at : NULL, work_product, fw };

	return op;
}

/* The slot of the MINRES step asked at fw->at's x with this g, tolerance
 * and number of products, or -1: the step is a function of them, so the
 * memo's s and ‖s‖ are the bits a new solve would give. Every Newton run
 * that ends at a root solves there, and classification, after all the
 * runs, asks for that same step (work_krylov_tol): 24 products of about
 * 100 a point at twolayer:k=16,m=16,n=100000, whose θ* and twin are
 * classified after both runs — one slot kept neither. */
static int
work_step_known(const struct finder_work *fw, const double *g, double rtol,
    size_t iters)
{
	size_t i, bytes = fw->d * sizeof *g;
	const double *x;

	for (i = 0; i < FINDER_STEP_MEMOS; i++) {
		x = fw->step_memo + 3 * i * fw->d;
		if (!isnan(fw->memo[i].ns) && fw->memo[i].rtol == rtol &&
		    fw->memo[i].iters == iters &&
		    memcmp(x, fw->at, bytes) == 0 &&
		    memcmp(x + fw->d, g, bytes) == 0)
			return (int)i;
	}
	return -1;
}

/* Keep the step s (‖s‖ = ns) under its key (work_step_known), in place
 * of the oldest. */
static void
work_step_keep(struct finder_work *fw, const double *g, double rtol,
    size_t iters, const double *s, double ns)
{
	size_t bytes = fw->d * sizeof *s, i = fw->memo_next;
	double *x = fw->step_memo + 3 * i * fw->d;

	memcpy(x, fw->at, bytes);
	memcpy(x + fw->d, g, bytes);
	memcpy(x + 2 * fw->d, s, bytes);
	fw->memo[i].rtol = rtol;
	fw->memo[i].iters = iters;
	fw->memo[i].ns = ns;
	fw->memo_next = (i + 1) % FINDER_STEP_MEMOS;
}

double
sd_finder_krylov_step(struct finder_work *fw, const double *g, double *s,
    double cut)
{
	sd_linop op = work_operator(fw);
	double *b = fw->kw + fw->d, rtol = FINDER_KRYLOV_RTOL, ns;
	size_t i, d = fw->d, iters = cut > 0 ? FINDER_TRUNCATE(d) : 2 * d + 10;
	int known;

	if (cut > 0 && fw->gscale > 0)
		rtol = fmax(rtol, fmin(FINDER_FORCING,
		    sqrt(sd_norm(g, d) / fw->gscale)));
	if ((known = work_step_known(fw, g, rtol, iters)) >= 0) {
		memcpy(s, fw->step_memo + (3 * (size_t)known + 2) * d,
		    d * sizeof *s);
		return fw->memo[known].ns;
	}
	for (i = 0; i < d; i++)
		b[i] = -g[i];
	/* A singular H (1) is fine: the least-squares step. */
	if (sd_minres(&op, b, rtol, iters, s, NULL) < 0)
		ns = INFINITY;
	else
		ns = sd_all_finite(s, d) ? sd_norm(s, d) : INFINITY;
	work_step_keep(fw, g, rtol, iters, s, ns);
	return ns;
}

/* ‖(∇²f(y) − ∇²f(x)) u‖ for unit u, y = fw->xt, hx = ∇²f(x)·u: the
 * product at y without a prepared Hessian, which stays x's; -1 when it
 * fails. */
static double
work_change(struct finder_work *fw, const double *u, const double *hx)
{
	double *p = fw->kw + 2 * fw->d, xg = 0;

	if (fw->sphere) {
		sd_objective_gradient(fw->obj, fw->xt, fw->kw);
		if (!isfinite(xg = sd_dot(fw->xt, fw->kw, fw->d)))
			return -1;
	}
	if (sd_objective_rhvp(fw->obj, fw->xt, xg, u, p, fw->kw) != 0)
		return -1;
	sd_axpy(-1, hx, p, fw->d);
	return sd_norm(p, fw->d);
}

/* The eigenvalue tolerance at x from the extreme pairs in fw->spec (the
 * dense work_eig_tol's terms; see the file's comment): how far the
 * Hessian moves over the Newton step, and within the distance the root
 * is located to (δ = FINDER_XTOL·(‖x‖∞ + L)) along the Ritz vectors.
 * ∇²f(x) times v_min, v_max and s once each, through x's prepared
 * Hessian (they were five products, each unprepared). */
static double
work_krylov_tol(struct finder_work *fw, const double *x, double lmax)
{
	double ns, big = 0, c, delta, *hx = fw->kw + 3 * fw->d;
	size_t i, d = fw->d;
	const double *u;

	delta = FINDER_XTOL * (sd_norm_inf(x, d) + fw->length);
	ns = sd_finder_newton_step(fw, fw->g, fw->s, FINDER_PINV);
	if (!isfinite(ns))
		return INFINITY;
	if (ns > 0)
		sd_axpy(1 / ns - 1, fw->s, fw->s, d);
	for (i = 0; i < 3; i++) {
		if ((i < 2 || ns > 0) && work_product(fw, i == 2 ? fw->s :
		    work_vec(fw, i), hx + i * d) != 0)
			return INFINITY;
	}
	for (i = 0; i < 5; i++) {
		/* Along s by ‖s‖ (i = 0, 1, 2: products with v_min, v_max,
		 * s); by δ along v_min and v_max (i = 3, 4). */
		if (i < 3 && !(ns > 0))
			continue;
		if (sd_finder_move(fw, fw->xt, x, i < 3 ? ns : delta,
		    i < 3 ? fw->s : work_vec(fw, i - 3)) != 0)
			return INFINITY;
		u = i == 2 ? fw->s : work_vec(fw, i % 3 % 2);
		if ((c = work_change(fw, u, hx + i % 3 * d)) < 0)
			return INFINITY;
		big = fmax(big, c);
	}
	return fmax(FINDER_EIG_REL * lmax, FINDER_EIG_STEP * big);
}

/* A fixed start for Lanczos with a component along every direction. */
static void
work_start(double *v, size_t d)
{
	size_t k;

	for (k = 0; k < d; k++)
		v[k] = sin(1 + 7.3 * (double)k) + 0.25;
}

/* Add ∇f's direction (fw->g) to the directions of fw->spec. */
static void
work_add_gradient(struct finder_work *fw)
{
	double n = sd_norm(fw->g, fw->d);
	double *v = fw->spec->evec + fw->spec->n * fw->d;

	if (!(n > 0))
		return;
	memcpy(v, fw->g, fw->d * sizeof *v);
	sd_axpy(1 / n - 1, v, v, fw->d);
	fw->spec->eval[fw->spec->n++] = NAN;
}

int
sd_finder_krylov_classify(struct finder_work *fw, const double *x,
    struct finder_class *c)
{
	sd_extremes ex = { .vmin = fw->spec->evec,
	    .vmax = fw->spec->evec + fw->d };
	sd_linop op;
	double tol, r;
	int kind;

	if (sd_finder_prepare(fw, x) != 0)
		return -1;
	op = work_operator(fw);
	work_start(fw->xt, fw->d);
	if (sd_lanczos_extremes(&op, fw->xt, FINDER_LANCZOS_RTOL, &ex) != 0)
		return -1;
	fw->spec->n = 2;
	fw->spec->eval[0] = c->lam[0] = ex.lmin;
	fw->spec->eval[1] = c->lam[1] = ex.lmax;
	c->n_eigen = 2;
	tol = work_krylov_tol(fw, x, fmax(fabs(ex.lmin), fabs(ex.lmax)));
	if ((kind = sd_finder_second_order(c->lam, 2, tol)) < 0)
		return 0;
	c->kind = (sd_point_kind)kind;
	work_add_gradient(fw);
	r = sd_finder_radius(fw, x);
	c->resolved = r > 0 && sd_finder_resolved(fw, x, r / 100);
	return 1;
}
