/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_hat.c: ŵ, the empirical risk's minimum near w* (§3: with enough
 * samples L̂ has no stationary point in ‖w‖ ≤ R outside a neighbourhood
 * of w* of radius about √(d log n / n), Theorem 3.3, and a unique local
 * minimum in it).
 *
 * Why. In d > 2 the plane of w* and a random direction misses ŵ (it lies
 * beside it by about that distance), so the default chart showed no
 * stationary point at all: glm's default chart is the plane through 0,
 * w* and ŵ instead (glm.c), and ŵ is found once, when the data are
 * drawn, like them shared by every user of the instance.
 *
 * How. Newton from w* with the step from MINRES on Hessian-vector
 * products (krylov.h: n·d a product, no d×d matrix), solved to a forcing
 * tolerance that tightens with ‖∇L̂‖ (inexact Newton, Eisenstat & Walker
 * 1996: superlinear), each step halved until L̂ falls enough (Armijo) or,
 * where L̂'s decrease is below its rounding, until ‖∇L̂‖ falls. Done
 * after a full step below HAT_XTOL of ‖w‖ + 1: Newton's error is then
 * about C·step² (C = ‖∇³L̂‖·‖∇²L̂⁻¹‖/2; the next step's length over this
 * one's square was 1 to 25 in the cases below), so ŵ is within about
 * 1e-10 of the root, ten times closer than the finder needs to call a
 * point on the plane (FINDER_EDGE × the window's side), with ‖∇L̂‖ far
 * below its root tolerance; one more step would cost a third of the
 * products for digits nothing reads.
 *
 * Not found (NULL: the chart falls back to the random direction) when a
 * step fails, the iterations or products run out (too few samples: a
 * flat Hessian, minima running off to infinity), the last solve met a
 * singular Hessian (fewer samples than dimensions: a continuum of
 * minima, no isolated ŵ), or ŵ leaves ‖w‖ ≤ 2R + 4, past the default
 * window.
 *
 * Cost: glm:d=200,n=100000 3 steps and 10 products (about 17 passes
 * over the data, 0.4 s); glm:d=10 and glm:d=50 at n = 200, 4 and 5 steps,
 * 27 and 83 products (a millisecond or two). */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/krylov.h"
#include "base/vec.h"
#include "objectives/glm_impl.h"

#define HAT_ITERS	30	/* Newton steps at most */
#define HAT_PRODUCTS	600	/* Hessian-vector products at most */
#define HAT_HALVINGS	30	/* step halvings per Newton step */
#define HAT_ARMIJO	1e-4	/* the decrease asked of L̂, × slope */
#define HAT_FORCING	1e-2	/* MINRES's largest relative residual */
#define HAT_RTOL	1e-12	/* ... and its least */
#define HAT_XTOL	1e-6	/* a converged step, × (‖w‖ + 1) */

/* The point a product is taken at. */
struct hat_op {
	const struct glm_state	*st;
	const double		*w;
};

/* out = ∇²L̂(w)·v. */
static int
hat_product(void *ctx, const double *v, double *out)
{
	const struct hat_op *h = ctx;

	sd_objective_glm.hvp(h->st, h->w, v, out);
	return sd_all_finite(out, h->st->model.d) ? 0 : -1;
}

/* Newton's run: the iterate, L̂ and ∇L̂ there, the step, room. */
struct hat_run {
	const struct glm_state	*st;
	double			*w, *g, *s, *b, *x;	/* d each */
	double			 f, g0;
	size_t			 products;	/* MINRES's so far */
	int			 singular;	/* the last solve met a
						 * singular Hessian */
};

/* One Newton step at r->w: the step into r->s, and w, f and g moved to
 * the accepted point. Returns the fraction of s taken, or -1 when no
 * step could be taken. */
static double
hat_step(struct hat_run *r)
{
	const struct glm_state *st = r->st;
	size_t i, it, k, d = st->model.d;
	struct hat_op h = { st, r->w };
	sd_linop op = { d, NULL, hat_product, &h };
	double gn = sd_norm(r->g, d), t, slope, fx;
	double eta = fmax(HAT_RTOL, fmin(HAT_FORCING, gn / r->g0));
	int rc;

	for (i = 0; i < d; i++)
		r->b[i] = -r->g[i];
	rc = sd_minres(&op, r->b, eta, HAT_PRODUCTS - r->products, r->s, &it);
	r->products += it;
	r->singular = rc == 1;
	slope = sd_dot(r->g, r->s, d);
	if (rc < 0 || !(slope < 0) || !sd_all_finite(r->s, d))
		return -1;
	for (t = 1, k = 0; k < HAT_HALVINGS; k++, t /= 2) {
		for (i = 0; i < d; i++)
			r->x[i] = r->w[i] + t * r->s[i];
		fx = sd_objective_glm.f(st, r->x);
		if (fx <= r->f + HAT_ARMIJO * t * slope)
			break;
		/* Near ŵ L̂ falls by less than its rounding: ‖∇L̂‖ decides. */
		sd_objective_glm.grad(st, r->x, r->b);
		if (fx <= r->f + 64 * DBL_EPSILON * fabs(r->f) &&
		    sd_norm(r->b, d) < gn)
			break;
	}
	if (k == HAT_HALVINGS)
		return -1;
	memcpy(r->w, r->x, d * sizeof *r->w);
	r->f = fx;
	sd_objective_glm.grad(st, r->w, r->g);
	return t;
}

/* Newton from w* into w (d entries, work 4d): 0 when it converged near
 * w* to a point where the Hessian is not singular (with fewer samples
 * than dimensions, a continuum of minima), -1 otherwise. */
static int
hat_newton(const struct glm_state *st, double *w, double *work)
{
	const struct glm_model *m = &st->model;
	size_t it, d = m->d;
	struct hat_run r = { .st = st, .w = w, .g = work, .s = work + d,
	    .b = work + 2 * d, .x = work + 3 * d };
	double t;

	memcpy(w, m->wstar, d * sizeof *w);
	r.f = sd_objective_glm.f(st, w);
	sd_objective_glm.grad(st, w, r.g);
	if ((r.g0 = sd_norm(r.g, d)) == 0)
		return 0;
	for (it = 0; it < HAT_ITERS && r.products < HAT_PRODUCTS; it++) {
		if ((t = hat_step(&r)) < 0)
			return -1;
		if (t >= 1 && sd_norm(r.s, d) <= HAT_XTOL * (sd_norm(w, d) + 1))
			return !r.singular &&
			    sd_norm(w, d) <= 2 * m->wnorm + 4 ? 0 : -1;
	}
	return -1;
}

int
sd_glm_hat(struct glm_state *st, char **cause)
{
	size_t d = st->model.d;
	double *w, *work;

	st->what = NULL;
	if ((w = malloc(d * sizeof *w)) == NULL ||
	    (work = malloc(4 * d * sizeof *work)) == NULL) {
		free(w);
		return sd_fail(cause, "out of memory");
	}
	if (hat_newton(st, w, work) == 0)
		st->what = w;
	else
		free(w);
	free(work);
	return 0;
}
