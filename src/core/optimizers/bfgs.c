/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bfgs.c: BFGS as GSL implements it in gsl_multimin_fdfminimizer_
 * vector_bfgs2 (Fletcher's BFGS with the line search of his Practical
 * Methods of Optimization, 2nd ed., 1987, Algorithms 2.6.2 and 2.6.4:
 * line_search.c), one GSL iterate per step, ported so that the state is
 * ours: a plain struct of numbers and one block of vectors, which the
 * copy hook copies (GSL's minimizer state is opaque and cannot be
 * copied, so the visualizer had to step bfgs on its own thread).
 *
 * Ported from the GNU Scientific Library (GSL 2.x, unchanged from 1.15 to
 * 2.8): multimin/vector_bfgs2.c (Copyright (C) 2007, 2009 Brian Gough),
 * multimin/linear_wrapper.c, which it includes, and what they call of
 * GSL's CBLAS (blas/source_nrm2_r.h, source_axpy_r.h: Copyright (C)
 * 1996, 1997, 1998, 1999, 2000 Gerard Jungman). GSL is free software
 * under the GNU General Public License, version 3 or (at your option)
 * any later version, as saddle is. The port does GSL's floating-point
 * operations in GSL's order with GSL's constants, so its iterates are
 * GSL's bit for bit (tests/test_optimizer_bfgs.c runs GSL's own beside
 * it); it leaves out copies GSL makes of vectors it holds twice (the
 * minimizer's x, gradient and dx are the state's x0, g0 and dx0 after
 * every iterate).
 *
 * GSL_ENOPROG is SD_STEP_STUCK, and so is an iterate that does not move
 * (the line search's answer on a direction along which f keeps
 * falling); either is SD_STEP_DIVERGED when f is no longer finite.
 *
 * On a sphere it minimizes h(y) = f(y/‖y‖) over R^d, whose gradient is the
 * Riemannian gradient at x = y/‖y‖ divided by ‖y‖; the engine reports the
 * normalized point. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "optimizers/line_search.h"
#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

enum { BFGS_LR, BFGS_TOL };

static const sd_param bfgs_params[] = {
	{ "lr", 0.01, 0, 1e6, 0, "length of the first trial step (GSL's "
	  "step_size)" },
	{ "tol", 0.1, 0.02, 0.99, 0, "line search accuracy: Fletcher's σ "
	  "(GSL's tol; above its ρ = 0.01, smaller is more exact)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static const sd_param_scale bfgs_scales[] = {
	SD_SCALE_LENGTH, SD_SCALE_FIXED
};

/* The vectors of the state, dim doubles each, in one block. */
enum {
	BFGS_X0,	/* y: the iterate, in h's coordinates */
	BFGS_G0,	/* ∇h(y) */
	BFGS_P,		/* the search direction, unit length */
	BFGS_DX0,	/* the last step, y − y_prev */
	BFGS_DG0,	/* the gradient's change over it */
	BFGS_XA,	/* y + α·p, the line's point last asked about */
	BFGS_GA,	/* ∇h there */
	BFGS_HX,	/* work for h: y normalized on a sphere */
	BFGS_HG,	/* work for h: the gradient at that point */
	BFGS_VECTORS
};

/* vector_bfgs2_state_t and the minimizer's f, with the line wrapper's
 * cache (linear_wrapper.c's wrapper_t): φ(α) = h(y + α·p) and φ′(α) were
 * last computed at the α of each key, x_alpha and g_alpha at theirs. */
typedef struct bfgs_state {
	size_t	 dim;
	double	 f;		/* h(y) */
	double	 step;		/* lr: the first trial step */
	double	 sigma;		/* tol: Fletcher's σ */
	double	 g0norm, pnorm, delta_f;
	double	 fp0;		/* φ′(0) = pᵀ∇h(y) */
	double	 f_alpha, df_alpha;
	double	 f_key, df_key, x_key, g_key;
	double	*v;		/* BFGS_VECTORS × dim */
} bfgs_state;

/* What the line's functions need: the state and the objective. */
typedef struct bfgs_line {
	bfgs_state		*s;
	const sd_objective	*obj;
} bfgs_line;

/* Vector k of the state. */
static double *
bfgs_vec(const bfgs_state *s, int k)
{
	return s->v + (size_t)k * s->dim;
}

/* ‖x‖₂ as GSL's CBLAS dnrm2 computes it (scaled as it goes), not as
 * sd_norm does: the iterates are GSL's only with GSL's roundings. */
static double
bfgs_nrm2(const double *x, size_t n)
{
	double scale = 0.0, ssq = 1.0, ax;
	size_t i;

	if (n == 1)
		return fabs(x[0]);
	for (i = 0; i < n; i++) {
		if (x[i] == 0.0)
			continue;
		ax = fabs(x[i]);
		if (scale < ax) {
			ssq = 1.0 + ssq * (scale / ax) * (scale / ax);
			scale = ax;
		} else {
			ssq += (ax / scale) * (ax / scale);
		}
	}
	return scale * sqrt(ssq);
}

/* y ← y + t·x as CBLAS daxpy: nothing at all when t is 0 (which keeps
 * −0 and NaN entries as they are). sd_dot is CBLAS's ddot already. */
static void
bfgs_axpy(double t, const double *x, double *y, size_t n)
{
	if (t != 0.0)
		sd_axpy(t, x, y, n);
}

/* x ← t·x (CBLAS dscal). */
static void
bfgs_scal(double t, double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		x[i] *= t;
}

/* Allocate the vectors. */
static int
bfgs_alloc(void *state, size_t dim)
{
	bfgs_state *s = state;

	s->dim = dim;
	s->v = calloc(BFGS_VECTORS * dim, sizeof *s->v);
	return s->v != NULL ? 0 : -1;
}

/* Copy y into the work point, normalized on a sphere; returns ‖y‖ there
 * (1 on R^d), or 0 when y is not a usable point. */
static double
bfgs_point(const bfgs_state *s, const sd_objective *obj, const double *y)
{
	double *x = bfgs_vec(s, BFGS_HX), norm;

	memcpy(x, y, s->dim * sizeof *x);
	if (obj->type->manifold != SD_SPHERE)
		return 1;
	norm = sd_norm(x, s->dim);
	return sd_objective_retract(obj, x) == 0 ? norm : 0;
}

/* h(y). */
static double
bfgs_h(const bfgs_state *s, const sd_objective *obj, const double *y)
{
	if (bfgs_point(s, obj, y) == 0)
		return NAN;
	return sd_objective_f(obj, bfgs_vec(s, BFGS_HX));
}

/* ∇h(y) into dh. */
static void
bfgs_dh(const bfgs_state *s, const sd_objective *obj, const double *y,
    double *dh)
{
	double norm = bfgs_point(s, obj, y), *g = bfgs_vec(s, BFGS_HG);
	size_t i;

	sd_objective_rgradient(obj, bfgs_vec(s, BFGS_HX), g);
	for (i = 0; i < s->dim; i++)
		dh[i] = norm > 0 ? g[i] / norm : NAN;
}

/* x_alpha ← y + α·p, unless it is there already (moveto). */
static void
bfgs_moveto(bfgs_state *s, double alpha)
{
	double *xa = bfgs_vec(s, BFGS_XA);

	if (alpha == s->x_key)
		return;
	memcpy(xa, bfgs_vec(s, BFGS_X0), s->dim * sizeof *xa);
	bfgs_axpy(alpha, bfgs_vec(s, BFGS_P), xa, s->dim);
	s->x_key = alpha;
}

/* φ′ at x_alpha from g_alpha (slope). */
static double
bfgs_slope(const bfgs_state *s)
{
	return sd_dot(bfgs_vec(s, BFGS_GA), bfgs_vec(s, BFGS_P), s->dim);
}

/* φ(α), cached (wrap_f). */
static double
bfgs_phi(double alpha, void *arg)
{
	bfgs_line *l = arg;
	bfgs_state *s = l->s;

	if (alpha == s->f_key)
		return s->f_alpha;
	bfgs_moveto(s, alpha);
	s->f_alpha = bfgs_h(s, l->obj, bfgs_vec(s, BFGS_XA));
	s->f_key = alpha;
	return s->f_alpha;
}

/* φ′(α), cached, as is the gradient behind it (wrap_df). */
static double
bfgs_dphi(double alpha, void *arg)
{
	bfgs_line *l = arg;
	bfgs_state *s = l->s;

	if (alpha == s->df_key)
		return s->df_alpha;
	bfgs_moveto(s, alpha);
	if (alpha != s->g_key) {
		bfgs_dh(s, l->obj, bfgs_vec(s, BFGS_XA), bfgs_vec(s, BFGS_GA));
		s->g_key = alpha;
	}
	s->df_alpha = bfgs_slope(s);
	s->df_key = alpha;
	return s->df_alpha;
}

/* φ(α) and φ′(α) (wrap_fdf): one evaluation of h and ∇h at a new α, as
 * GSL's fdf callback was h's then ∇h's. */
static void
bfgs_phi_dphi(double alpha, void *arg, double *f, double *df)
{
	bfgs_line *l = arg;
	bfgs_state *s = l->s;

	if (alpha == s->f_key && alpha == s->df_key) {
		*f = s->f_alpha;
		*df = s->df_alpha;
		return;
	}
	if (alpha == s->f_key || alpha == s->df_key) {
		*f = bfgs_phi(alpha, arg);
		*df = bfgs_dphi(alpha, arg);
		return;
	}
	bfgs_moveto(s, alpha);
	s->f_alpha = bfgs_h(s, l->obj, bfgs_vec(s, BFGS_XA));
	bfgs_dh(s, l->obj, bfgs_vec(s, BFGS_XA), bfgs_vec(s, BFGS_GA));
	s->f_key = alpha;
	s->g_key = alpha;
	s->df_alpha = bfgs_slope(s);
	s->df_key = alpha;
	*f = s->f_alpha;
	*df = s->df_alpha;
}

/* The line starts again at α = 0 from y, whose f and gradient x_alpha,
 * f_alpha and g_alpha hold (prepare_wrapper, change_direction). */
static void
bfgs_line_reset(bfgs_state *s)
{
	memcpy(bfgs_vec(s, BFGS_XA), bfgs_vec(s, BFGS_X0),
	    s->dim * sizeof *s->v);
	memcpy(bfgs_vec(s, BFGS_GA), bfgs_vec(s, BFGS_G0),
	    s->dim * sizeof *s->v);
	s->x_key = 0.0;
	s->f_key = 0.0;
	s->g_key = 0.0;
	s->df_alpha = bfgs_slope(s);
	s->df_key = 0.0;
}

/* Start at opt->x: h and ∇h there, the first direction −∇h/‖∇h‖
 * (vector_bfgs2_set, with Fletcher's σ = tol). */
static int
bfgs_set(void *state, sd_optimizer *opt)
{
	bfgs_state *s = state;
	double *x0 = bfgs_vec(s, BFGS_X0), *g0 = bfgs_vec(s, BFGS_G0);
	double *p = bfgs_vec(s, BFGS_P);
	size_t n = s->dim;

	s->step = opt->params[BFGS_LR];
	s->sigma = opt->params[BFGS_TOL];
	s->delta_f = 0;
	memcpy(x0, opt->x, n * sizeof *x0);
	s->f = bfgs_h(s, opt->objective, x0);
	bfgs_dh(s, opt->objective, x0, g0);
	s->g0norm = bfgs_nrm2(g0, n);
	memcpy(p, g0, n * sizeof *p);
	bfgs_scal(-1 / s->g0norm, p, n);
	s->pnorm = bfgs_nrm2(p, n);	/* 1, but for rounding */
	s->fp0 = -s->g0norm;
	s->f_alpha = s->f;
	bfgs_line_reset(s);
	return 0;
}

/* The first trial step: from the last decrease when there was one
 * (Fletcher's 2Δf/φ′(0), at most 1), else lr. */
static double
bfgs_first_step(const bfgs_state *s, double f0)
{
	double del;

	if (s->delta_f < 0) {
		del = -s->delta_f > 10 * DBL_EPSILON * fabs(f0) ?
		    -s->delta_f : 10 * DBL_EPSILON * fabs(f0);
		return 1.0 < 2.0 * del / (-s->fp0) ? 1.0 :
		    2.0 * del / (-s->fp0);
	}
	return fabs(s->step);
}

/* The BFGS update of the direction from the step just taken (y, ∇h at
 * x_alpha, g_alpha; the previous ones in x0, g0), without the matrix:
 * p = g − A·dx − B·dg, A = −(1 + dgᵀdg/dxᵀdg)·B + dgᵀg/dxᵀdg,
 * B = dxᵀg/dxᵀdg; then y and ∇h move into x0 and g0. */
static void
bfgs_update(bfgs_state *s)
{
	double *x = bfgs_vec(s, BFGS_XA), *g = bfgs_vec(s, BFGS_GA);
	double *dx0 = bfgs_vec(s, BFGS_DX0), *dg0 = bfgs_vec(s, BFGS_DG0);
	double *p = bfgs_vec(s, BFGS_P), dxg, dgg, dxdg, dgnorm, A, B;
	size_t n = s->dim, size = n * sizeof *x;

	memcpy(dx0, x, size);
	bfgs_axpy(-1.0, bfgs_vec(s, BFGS_X0), dx0, n);
	memcpy(dg0, g, size);
	bfgs_axpy(-1.0, bfgs_vec(s, BFGS_G0), dg0, n);
	dxg = sd_dot(dx0, g, n);
	dgg = sd_dot(dg0, g, n);
	dxdg = sd_dot(dx0, dg0, n);
	dgnorm = bfgs_nrm2(dg0, n);
	if (dxdg != 0) {
		B = dxg / dxdg;
		A = -(1.0 + dgnorm * dgnorm / dxdg) * B + dgg / dxdg;
	} else {
		B = 0;
		A = 0;
	}
	memcpy(p, g, size);
	bfgs_axpy(-A, dx0, p, n);
	bfgs_axpy(-B, dg0, p, n);
	memcpy(bfgs_vec(s, BFGS_G0), g, size);
	memcpy(bfgs_vec(s, BFGS_X0), x, size);
}

/* Point p downhill at unit length; φ′(0) along it; the line from y. */
static void
bfgs_new_direction(bfgs_state *s)
{
	double *g0 = bfgs_vec(s, BFGS_G0), *p = bfgs_vec(s, BFGS_P), pg;
	size_t n = s->dim;

	s->g0norm = bfgs_nrm2(g0, n);
	s->pnorm = bfgs_nrm2(p, n);
	pg = sd_dot(p, g0, n);
	bfgs_scal((pg >= 0.0 ? -1.0 : +1.0) / s->pnorm, p, n);
	s->pnorm = bfgs_nrm2(p, n);
	s->fp0 = sd_dot(p, g0, n);
	bfgs_line_reset(s);
}

/* 1 when every entry of x is zero (gsl_vector_isnull). */
static int
bfgs_null(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (x[i] != 0.0)
			return 0;
	}
	return 1;
}

/* One iterate of vector_bfgs2: a line search along p, the step, the
 * update of the direction. */
static sd_step_status
bfgs_iterate(void *state, sd_optimizer *opt)
{
	bfgs_state *s = state;
	bfgs_line line = { s, opt->objective };
	const sd_line_fn fn = { bfgs_phi, bfgs_dphi, bfgs_phi_dphi, &line };
	double alpha = 0.0, f0 = s->f, f, df;

	if (s->pnorm == 0.0 || s->g0norm == 0.0 || s->fp0 == 0 ||
	    sd_line_search(&fn, s->sigma, bfgs_first_step(s, f0), &alpha) != 0)
		return isfinite(s->f) ? SD_STEP_STUCK : SD_STEP_DIVERGED;
	/* update_position: φ and ∇h at α cached, so x_alpha and g_alpha
	 * hold the new y and its gradient. */
	bfgs_phi_dphi(alpha, &line, &f, &df);
	s->f = s->f_alpha;
	s->delta_f = s->f - f0;
	bfgs_update(s);
	bfgs_new_direction(s);
	/* The line search gives up on a direction along which f keeps
	 * falling and answers α = 0: no step, so stuck as well. */
	if (bfgs_null(bfgs_vec(s, BFGS_DX0), s->dim))
		return SD_STEP_STUCK;
	memcpy(opt->trial, bfgs_vec(s, BFGS_X0), s->dim * sizeof *opt->trial);
	return SD_STEP_OK;
}

/* Continue from src: its numbers and all its vectors. */
static int
bfgs_copy(void *dst, const void *src)
{
	const bfgs_state *from = src;
	bfgs_state *to = dst;
	double *v = to->v;

	*to = *from;
	to->v = v;
	memcpy(v, from->v, BFGS_VECTORS * from->dim * sizeof *v);
	return 0;
}

/* Release the vectors. */
static void
bfgs_free(void *state)
{
	bfgs_state *s = state;

	free(s->v);
}

const sd_optimizer_type sd_optimizer_bfgs = {
	.name = "bfgs",
	.summary = "quasi-Newton with a line search (a port of GSL's "
	    "vector_bfgs2)",
	.rule = "one iterate of GSL's vector_bfgs2 (ported): a line search "
	    "along −Bg, then the BFGS update of the inverse-Hessian estimate "
	    "B",
	.reference = "R. Fletcher, Practical Methods of Optimization, 2nd "
	    "ed., Wiley 1987, Algorithms 2.6.2 and 2.6.4 (a port of GSL's "
	    "vector_bfgs2)",
	.params = bfgs_params,
	.scales = bfgs_scales,
	.state_size = sizeof(bfgs_state),
	.alloc = bfgs_alloc,
	.set = bfgs_set,
	.iterate = bfgs_iterate,
	.free = bfgs_free,
	.copy = bfgs_copy,
};
