/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_hat.c: ŵ, the empirical risk's minimum near w* (Theorem 3.3 and
 * the remark after it: with enough samples L̂ has a unique local minimum
 * in ‖w‖ ≤ R, within about √(d log n / n) of w*).
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
 * about C·step² (C = ‖∇³L̂‖·‖∇²L̂⁻¹‖/2, at most 25 seen: the next
 * step's length over this one's square), so ŵ is within about 1e-10 of
 * the root, ten times closer than the finder needs to call a point on
 * the plane (FINDER_EDGE × the window's side) and with ‖∇L̂‖ far below
 * its root tolerance; one more step would cost a third of the products
 * to gain digits nothing reads. Not found (NULL, and the
 * chart falls back to the random direction) when a step fails, the
 * iterations or products run out (too few samples: a flat or singular
 * Hessian, minima running off to infinity), or ŵ leaves ‖w‖ ≤ 2R + 4,
 * beyond the default window. On glm:d=200,n=100000: three Newton
 * steps, 10 products (d=10 and d=50 at n = 200: 4 steps, 10 and 48). */
#include "config.h"

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

/* One Newton step at w (f, g there): the step into s (d entries), work
 * 2d doubles; w, f and g move to the accepted point. Returns the
 * fraction of s taken, or -1 when no step could be taken; *products
 * counts MINRES's. */
static double
hat_step(const struct glm_state *st, double *w, double *f, double *g,
    double g0, double *s, double *work, size_t *products)
{
	size_t i, it, k, d = st->model.d;
	struct hat_op h = { st, w };
	sd_linop op = { d, NULL, hat_product, &h };
	double gn = sd_norm(g, d), *b = work, *x = work + d, t, slope, fx;
	double eta = fmax(HAT_RTOL, fmin(HAT_FORCING, gn / g0));

	for (i = 0; i < d; i++)
		b[i] = -g[i];
	if (sd_minres(&op, b, eta, HAT_PRODUCTS - *products, s, &it) < 0)
		return -1;
	*products += it;
	slope = sd_dot(g, s, d);
	if (!(slope < 0) || !sd_all_finite(s, d))
		return -1;
	for (t = 1, k = 0; k < HAT_HALVINGS; k++, t /= 2) {
		for (i = 0; i < d; i++)
			x[i] = w[i] + t * s[i];
		fx = sd_objective_glm.f(st, x);
		if (fx <= *f + HAT_ARMIJO * t * slope)
			break;
		/* Near ŵ L̂ falls by less than its rounding: ‖∇L̂‖ decides. */
		sd_objective_glm.grad(st, x, b);
		if (fx <= *f + 64 * 1e-16 * fabs(*f) && sd_norm(b, d) < gn)
			break;
	}
	if (k == HAT_HALVINGS)
		return -1;
	memcpy(w, x, d * sizeof *w);
	*f = fx;
	sd_objective_glm.grad(st, w, g);
	return t;
}

/* Newton from w* into w (d entries, work 4d): 0 when it converged near
 * w*, -1 otherwise. */
static int
hat_newton(const struct glm_state *st, double *w, double *work)
{
	const struct glm_model *m = &st->model;
	size_t it, products = 0, d = m->d;
	double *g = work, *s = g + d, f, g0, t;

	memcpy(w, m->wstar, d * sizeof *w);
	f = sd_objective_glm.f(st, w);
	sd_objective_glm.grad(st, w, g);
	g0 = sd_norm(g, d);
	if (g0 == 0)
		return 0;
	for (it = 0; it < HAT_ITERS && products < HAT_PRODUCTS; it++) {
		if ((t = hat_step(st, w, &f, g, g0, s, s + d, &products)) < 0)
			return -1;
		if (t >= 1 && sd_norm(s, d) <= HAT_XTOL * (sd_norm(w, d) + 1))
			return sd_norm(w, d) <= 2 * m->wnorm + 4 ? 0 : -1;
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
