/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_newton.c: the finder's work area (the eigen-decomposition of
 * the Hessian, the pseudo-inverse Newton step, the merit ‖∇f‖) and damped
 * Newton on ∇f = 0 from one seed (finder.c explains the method and its
 * tolerances). */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/krylov.h"
#include "base/spectrum.h"
#include "base/vec.h"
#include "landscape/finder_impl.h"

/* ---- the work area ---------------------------------------------------- */

/* Allocate the scratch for obj; length is L. */
int
sd_finder_work_init(struct finder_work *fw, const sd_objective *obj,
    double length, char **cause)
{
	size_t d = obj->dim, i;

	memset(fw, 0, sizeof *fw);
	fw->obj = obj;
	fw->d = d;
	fw->sphere = obj->type->manifold == SD_SPHERE;
	fw->length = length;
	fw->krylov = d >= SD_KRYLOV_DIM && obj->type->hvp != NULL;
	fw->lanczos = fw->krylov && sd_finder_spectrum_flops(obj) >
	    FINDER_SPECTRUM_FLOPS;
	fw->spec = sd_spectrum_alloc(d);
	fw->buf = calloc((14 + 2 * FINDER_BESIDE + 3 * FINDER_STEP_MEMOS) * d +
	    2 * d * d,
	    sizeof *fw->buf);
	if (fw->spec == NULL || fw->buf == NULL) {
		sd_spectrum_free(fw->spec);
		free(fw->buf);
		return sd_fail(cause, "out of memory");
	}
	fw->g = fw->buf;
	fw->gt = fw->g + d;
	fw->s = fw->gt + d;
	fw->sp = fw->s + d;
	fw->xt = fw->sp + d;
	fw->xs = fw->xt + d;
	fw->xb = fw->xs + d;
	fw->kw = fw->xb + d;
	fw->h = fw->kw + 6 * d;
	fw->h2 = fw->h + d * d;
	fw->band = fw->h2 + d * d;
	fw->step_memo = fw->band + 2 * FINDER_BESIDE * d;
	fw->prep_x = fw->step_memo + 3 * FINDER_STEP_MEMOS * d;
	for (i = 0; i < FINDER_STEP_MEMOS; i++)
		fw->memo[i].ns = NAN;
	return 0;
}

/* What the full spectrum of one point costs: the Hessian of a sum over
 * n samples (n·d²) and its decomposition (d³). */
double
sd_finder_spectrum_flops(const sd_objective *obj)
{
	double d = (double)obj->dim, n = 1;

	if (obj->type->samples != NULL)
		n = (double)obj->type->samples(obj->state);
	return d * d * d + n * d * d;
}

/* Release the scratch. */
void
sd_finder_work_done(struct finder_work *fw)
{
	sd_spectrum_free(fw->spec);
	free(fw->buf);
	free(fw->prep);
}

/* Eigen-decompose the (Riemannian) Hessian in fw->h at x: on the sphere
 * the d − 1 pairs of the tangent space (spectrum.h). */
int
sd_finder_eigen(struct finder_work *fw, const double *x)
{
	return sd_spectrum_decompose(fw->spec, fw->h, fw->sphere ? x : NULL);
}

int
sd_finder_prepare(struct finder_work *fw, const double *x)
{
	if (!fw->krylov) {
		sd_objective_rhessian(fw->obj, x, fw->h);
		return sd_finder_eigen(fw, x);
	}
	fw->at = x;
	fw->xg = 0;
	if (fw->sphere) {
		sd_objective_gradient(fw->obj, x, fw->kw);
		fw->xg = sd_dot(x, fw->kw, fw->d);
	}
	return isfinite(fw->xg) ? 0 : -1;
}

/* The Newton step s = −H⁺g from the decomposition of sd_finder_eigen, dropping
 * the eigenvalues at or below cut × the largest (with krylov: by MINRES,
 * sd_finder_krylov_step). Returns ‖s‖ (+∞ when it overflows). */
double
sd_finder_newton_step(struct finder_work *fw, const double *g, double *s,
    double cut)
{
	double lam, c;
	size_t i, d = fw->d;

	if (fw->krylov)
		return sd_finder_krylov_step(fw, g, s, cut);
	cut *= work_lmax(fw);
	memset(s, 0, d * sizeof *s);
	for (i = 0; i < fw->spec->n; i++) {
		lam = fw->spec->eval[i];
		if (!(fabs(lam) > cut))
			continue;
		c = sd_dot(work_vec(fw, i), g, d);
		sd_axpy(-c / lam, work_vec(fw, i), s, d);
	}
	return sd_all_finite(s, d) ? sd_norm(s, d) : INFINITY;
}

/* y = x + t·s, mapped back onto the manifold; -1 if it cannot be. */
int
sd_finder_move(const struct finder_work *fw, double *y, const double *x,
    double t, const double *s)
{
	memcpy(y, x, fw->d * sizeof *y);
	sd_axpy(t, s, y, fw->d);
	return sd_objective_retract(fw->obj, y);
}

/* The merit ‖∇f(y)‖ (Riemannian on the sphere) into *m, the gradient into
 * g; -1 when it is not finite. */
int
sd_finder_merit(const struct finder_work *fw, const double *y, double *g,
    double *m)
{
	sd_objective_rgradient(fw->obj, y, g);
	*m = sd_norm(g, fw->d);
	return isfinite(*m) ? 0 : -1;
}

/* ---- Newton ----------------------------------------------------------- */

/* Whether x has wandered too far from the window or the slice to come
 * back: its root, if any, is someone else's. */
static int
finder_escaped(const struct finder *fd, const double *x)
{
	double a, b, off, far = FINDER_ESCAPE * fd->work.length;

	sd_chart_project(fd->chart, x, &a, &b, &off);
	return !(fabs(a - fd->ca) <= fd->ha + far &&
	    fabs(b - fd->cb) <= fd->hb + far && off <= far);
}

/* Try x + t·s for t = 1, ½, ¼, ... (halvings times); on the first whose
 * merit is below ref, move x there, set *m and return 0. */
static int
finder_search(struct finder *fd, double *x, const double *s, double *m,
    double ref, int halvings)
{
	struct finder_work *fw = &fd->work;
	double t = 1, mt;
	int k;

	for (k = 0; k <= halvings; k++, t /= 2) {
		if (sd_finder_move(fw, fw->xt, x, t, s) == 0 &&
		    sd_finder_merit(fw, fw->xt, fw->gt, &mt) == 0 && mt < ref) {
			memcpy(x, fw->xt, fw->d * sizeof *x);
			memcpy(fw->g, fw->gt, fw->d * sizeof *x);
			*m = mt;
			return 0;
		}
	}
	return -1;
}

/* Whether the steps shrink geometrically along one line (linear
 * convergence to a degenerate root): q is this ratio, qp the last one. */
static int
finder_geometric(const struct finder_work *fw, double q, double qp,
    double ns, double nsp)
{
	if (!(q >= 0.2 && q <= 0.95) || fabs(q - qp) > 0.02 * q)
		return 0;
	return sd_dot(fw->s, fw->sp, fw->d) >= 0.99 * ns * nsp;
}

/* The Newton step into fw->s (pseudo-inverse cut × the largest |λ|),
 * capped at FINDER_STEP_CAP·L; returns its length, or -1. */
static double
finder_step(struct finder *fd, double cut)
{
	struct finder_work *fw = &fd->work;
	double ns, cap = FINDER_STEP_CAP * fw->length;

	ns = sd_finder_newton_step(fw, fw->g, fw->s, cut);
	if (!isfinite(ns))
		return -1;
	if (ns > cap) {
		sd_axpy(cap / ns - 1, fw->s, fw->s, fw->d);
		ns = cap;
	}
	return ns;
}

/* Whether the run at x, whose Newton step fw->s of length ns is q times
 * the last one, is captured by a root kept already (fd->capture: the
 * inner run's later seeds, finder_seeds.c): the step contracts to a
 * quarter (Newton's quadratic phase, where ns_{k+1} ≈ (βL/2)·ns_k², so
 * that Kantorovich's h = βL·ns is about 2q² ≤ 1/8), and x + s lies
 * within ns/4 of the kept root y. Then y is within 1.25·ns of x, inside
 * the ball of radius 2·ns where Kantorovich's theorem (h ≤ 1/2) puts the
 * one root Newton converges to from x: the run would end at y, and ends
 * now as its copy. h is estimated from the contraction, not bounded:
 * the test is a saving on twolayer:k=16,m=16,n=100000's ~80 runs, each
 * a pass over the slice per iterate, which most spent converging onto
 * a root that a run before them had found (test_finder_capture). */
static int
finder_captured(const struct finder *fd, const double *x, double ns,
    double q)
{
	const struct finder_work *fw = &fd->work;
	size_t i, k, d = fw->d;
	const double *y;
	double e, t;

	if (!fd->capture || !(q > 0 && q <= 0.25) || !(ns > 0))
		return 0;
	for (i = 0; i < fd->n; i++) {
		if (!fd->roots[i].keep)
			continue;
		y = fd->store + fd->roots[i].at;
		for (e = 0, k = 0; k < d; k++) {
			t = x[k] + fw->s[k] - y[k];
			e += t * t;
		}
		if (sqrt(e) <= ns / 4)
			return 1;
	}
	return 0;
}

/* One iteration from x with merit *m; ref is the largest merit of the last
 * FINDER_MEMORY iterates (a non-monotone search: along a curved valley
 * ‖∇f‖ may rise for a step or two on the way to the root). Returns the
 * step's length, -1 when no step lowers the merit below ref, or -2 when
 * a kept root captures the run (finder_captured). */
static double
finder_iterate(struct finder *fd, double *x, double *m, double ref,
    double *q, double nsp)
{
	struct finder_work *fw = &fd->work;
	double ns, qp = *q;

	if (sd_finder_prepare(fw, x) != 0 ||
	    (ns = finder_step(fd, FINDER_PINV)) < 0)
		return -1;
	*q = nsp > 0 ? ns / nsp : 0;
	if (finder_captured(fd, x, ns, *q))
		return -2;
	if (finder_geometric(fw, *q, qp, ns, nsp)) {
		/* The geometric series of steps sums to s/(1 − q). */
		memcpy(fw->xs, fw->s, fw->d * sizeof *fw->xs);
		sd_axpy(*q / (1 - *q), fw->s, fw->xs, fw->d);
		if (finder_search(fd, x, fw->xs, m, *m, 0) == 0) {
			*q = 0;
			return 0;
		}
	}
	if (finder_search(fd, x, fw->s, m, ref, FINDER_HALVINGS) == 0)
		return ns;
	/* A huge eigenvalue may hide a small one that matters: retry
	 * inverting every nonzero eigenvalue. */
	if ((ns = finder_step(fd, 0)) < 0 ||
	    finder_search(fd, x, fw->s, m, ref, FINDER_HALVINGS) != 0)
		return -1;
	*q = 0;
	return ns;
}

/* Whether y comes after x in the coordinates' order. */
static int
finder_after(const double *y, const double *x, size_t d)
{
	size_t k;

	for (k = 0; k < d && y[k] == x[k]; k++)
		;
	return k < d && y[k] > x[k];
}

/* Whether x, where ‖∇f‖ = m, is a root kept already: within the dedup
 * radius of one whose ‖∇f‖ is below m (or equal, x no smaller), which
 * the dedup would keep in its place (finder.c's order). Most runs off the slice end at a known root
 * (glm's 44 at its one minimum), and the test that x is a root costs a
 * solve at the tightest tolerance, half their Hessian products. */
static int
finder_known(const struct finder *fd, const double *x, double m)
{
	size_t i, k, d = fd->work.d;
	const double *y;
	double big, s, reach;

	for (i = 0; i < fd->n; i++) {
		y = fd->store + fd->roots[i].at;
		if (!fd->roots[i].keep || !(fd->roots[i].gnorm < m ||
		    (fd->roots[i].gnorm == m && !finder_after(y, x, d))))
			continue;
		for (big = 0, s = 0, k = 0; k < d; k++) {
			big = fmax(big, fmax(fabs(x[k]), fabs(y[k])));
			s += (x[k] - y[k]) * (x[k] - y[k]);
		}
		reach = fmax(FINDER_DEDUP * fd->work.length,
		    64 * DBL_EPSILON * big);
		if (sqrt(s) <= reach)
			return 1;
	}
	return 0;
}

/* Where a Newton run ends: at its best iterate, a root when its gradient
 * is tiny and the Newton step there is below FINDER_XTOL·(‖x‖∞ + L), so
 * that a run that merely slowed down or gave up is not taken for one; a
 * copy when it is a root kept already. */
static enum finder_end
finder_end(struct finder *fd, double *x, double m, double best)
{
	struct finder_work *fw = &fd->work;
	double ns;

	if (best < m)
		memcpy(x, fw->xb, fw->d * sizeof *x);
	if (!(best <= fd->gtol))
		return FINDER_LOST;
	if (finder_known(fd, x, best))
		return FINDER_COPY;
	if (best == 0)
		return FINDER_ROOT;
	sd_objective_rgradient(fw->obj, x, fw->g);
	if (sd_finder_prepare(fw, x) != 0)
		return FINDER_LOST;
	ns = sd_finder_newton_step(fw, fw->g, fw->s, FINDER_PINV);
	return ns <= FINDER_XTOL * (sd_norm_inf(x, fw->d) + fw->length) ?
	    FINDER_ROOT : FINDER_LOST;
}

/* Damped Newton on ∇f = 0 from x (overwritten by where it ends). It stops
 * at ∇f = 0, when no step lowers ‖∇f‖, when the step is below x's
 * rounding, or when the best ‖∇f‖ has not halved in FINDER_PATIENCE
 * iterations (wandering where there is no root, or cycling at the
 * rounding floor). */
enum finder_end
sd_finder_newton(struct finder *fd, double *x)
{
	struct finder_work *fw = &fd->work;
	double m, ref, hist[FINDER_MEMORY], ns = 0, q = 0, best, mark;
	int it, k;

	if (sd_finder_merit(fw, x, fw->g, &m) != 0)
		return FINDER_LOST;
	best = mark = m;
	memcpy(fw->xb, x, fw->d * sizeof *x);
	for (it = 0; it < fd->max_iter && m > 0; it++) {
		hist[it % FINDER_MEMORY] = m;
		for (ref = m, k = 0; k < FINDER_MEMORY && k <= it; k++)
			ref = fmax(ref, hist[k]);
		memcpy(fw->sp, fw->s, fw->d * sizeof *x);
		if ((ns = finder_iterate(fd, x, &m, ref, &q, ns)) < 0) {
			if (ns == -2)
				return FINDER_COPY;
			break;
		}
		if (finder_escaped(fd, x))
			return FINDER_LOST;
		if (m < best) {
			best = m;
			memcpy(fw->xb, x, fw->d * sizeof *x);
		}
		if (ns > 0 && ns <= 4 * DBL_EPSILON * sd_norm_inf(x, fw->d))
			break;
		if ((it + 1) % FINDER_PATIENCE == 0) {
			if (!(best <= mark / 2))
				break;
			mark = best;
		}
	}
	return finder_end(fd, x, m, best);
}
