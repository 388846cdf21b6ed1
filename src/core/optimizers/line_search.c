/* SPDX-License-Identifier: GPL-3.0-or-later */
/* line_search.c: Fletcher's line search, Algorithms 2.6.2 (bracketing)
 * and 2.6.4 (sectioning) of R. Fletcher, Practical Methods of
 * Optimization, 2nd ed., Wiley 1987, with cubic interpolation where the
 * far end's slope is known and quadratic where it is not.
 *
 * Ported from the GNU Scientific Library (GSL 2.x, unchanged from 1.15 to
 * 2.8): multimin/linear_minimize.c, which GSL's multimin/vector_bfgs2.c
 * includes (Copyright (C) 2007, 2009 Brian Gough), and
 * poly/solve_quadratic.c (Copyright (C) 1996, 1997, 1998, 1999, 2000,
 * 2007 Brian Gough). GSL is free software under the GNU General Public
 * License, version 3 or (at your option) any later version, as saddle
 * is. The port keeps GSL's operations in GSL's order, its constants and
 * its iteration limits, so that bfgs's iterates are GSL's bit for bit
 * (tests/test_optimizer_bfgs.c runs the two side by side); only the
 * names, the layout and the fixed order (always cubic, GSL's order 3)
 * are ours. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

#include "optimizers/line_search.h"

/* Fletcher's recommended constants, as vector_bfgs2 sets them: ρ of the
 * sufficient decrease, τ1 the bracket's largest growth, τ2 and τ3 how
 * close to its ends a sectioning point may fall. */
#define LINE_RHO	0.01
#define LINE_TAU1	9.0
#define LINE_TAU2	0.05
#define LINE_TAU3	0.5

/* GSL's bracket_iters and section_iters: one count runs through both
 * phases, so sectioning gets what bracketing left of 100. */
#define LINE_ITERS	100

/* An end of the bracket, or a trial step: α, φ(α) and φ′(α) (NaN when
 * not evaluated). */
typedef struct line_end {
	double	x, f, fp;
} line_end;

/* What the two phases share: φ and φ′ at 0, the bracket [a.x, b.x] (b.x
 * may be below a.x) and the iterations so far. */
typedef struct line_work {
	double		f0, fp0;
	line_end	a, b;
	size_t		i;
} line_work;

/* The minimum on [zl, zh] of the quadratic through (0, f0) and (1, f1)
 * with slope fp0 at 0: q(z) = f0 + fp0·z + (f1 − f0 − fp0)·z². */
static double
line_quad(double f0, double fp0, double f1, double zl, double zh)
{
	double fl = f0 + zl*(fp0 + zl*(f1 - f0 -fp0));
	double fh = f0 + zh*(fp0 + zh*(f1 - f0 -fp0));
	double c = 2 * (f1 - f0 - fp0);	/* curvature */
	double zmin = zl, fmin = fl, z, f;

	if (fh < fmin) {
		zmin = zh;
		fmin = fh;
	}
	if (c > 0) {	/* a minimum needs positive curvature */
		z = -fp0 / c;
		if (z > zl && z < zh) {
			f = f0 + z*(fp0 + z*(f1 - f0 -fp0));
			if (f < fmin)
				zmin = z;
		}
	}
	return zmin;
}

/* c0 + c1·z + c2·z² + c3·z³, by Horner's rule. */
static double
line_cubic_at(const double c[4], double z)
{
	return c[0] + z * (c[1] + z * (c[2] + z * c[3]));
}

/* Take z when the cubic is lower there than at *zmin. */
static void
line_cubic_try(const double c[4], double z, double *zmin, double *fmin)
{
	double y = line_cubic_at(c, z);

	if (y < *fmin) {
		*zmin = z;
		*fmin = y;
	}
}

/* The real roots of a·z² + b·z + c, ascending, as GSL's
 * gsl_poly_solve_quadratic finds them (cancellation-free); how many. */
static int
line_roots(double a, double b, double c, double *z0, double *z1)
{
	double disc, sgnb, temp, r1, r2;

	if (a == 0) {
		if (b == 0)
			return 0;
		*z0 = -c / b;
		return 1;
	}
	disc = b * b - 4 * a * c;
	if (disc > 0) {
		if (b == 0) {
			r1 = sqrt(-c / a);
			*z0 = -r1;
			*z1 = r1;
			return 2;
		}
		sgnb = (b > 0 ? 1 : -1);
		temp = -0.5 * (b + sgnb * sqrt(disc));
		r1 = temp / a;
		r2 = c / temp;
		*z0 = r1 < r2 ? r1 : r2;
		*z1 = r1 < r2 ? r2 : r1;
		return 2;
	}
	if (disc == 0) {
		*z0 = -0.5 * b / a;
		*z1 = -0.5 * b / a;
		return 2;
	}
	return 0;
}

/* The minimum on [zl, zh] of the cubic through (0, f0) and (1, f1) with
 * slopes fp0 and fp1 there: f0 + fp0·z + η·z² + ξ·z³ with
 * η = 3(f1 − f0) − 2fp0 − fp1 and ξ = fp0 + fp1 − 2(f1 − f0); the ends
 * and the stationary points inside are the candidates. */
static double
line_cubic(double f0, double fp0, double f1, double fp1, double zl,
    double zh)
{
	double eta = 3 * (f1 - f0) - 2 * fp0 - fp1;
	double xi = fp0 + fp1 - 2 * (f1 - f0);
	const double c[4] = { f0, fp0, eta, xi };
	double zmin = zl, fmin = line_cubic_at(c, zl), z0, z1;
	int n;

	line_cubic_try(c, zh, &zmin, &fmin);
	n = line_roots(3 * c[3], 2 * c[2], c[1], &z0, &z1);
	if (n >= 1 && z0 > zl && z0 < zh)
		line_cubic_try(c, z0, &zmin, &fmin);
	if (n == 2 && z1 > zl && z1 < zh)
		line_cubic_try(c, z1, &zmin, &fmin);
	return zmin;
}

/* The interpolated minimum of φ within [xmin, xmax], from φ and φ′ at
 * a and b mapped to [0, 1]; quadratic when φ′(b) is unknown (not
 * finite). */
static double
line_interpolate(const line_end *a, const line_end *b, double xmin,
    double xmax)
{
	double z, zmin, zmax, tmp;

	zmin = (xmin - a->x) / (b->x - a->x);
	zmax = (xmax - a->x) / (b->x - a->x);
	if (zmin > zmax) {
		tmp = zmin;
		zmin = zmax;
		zmax = tmp;
	}
	if (isfinite(b->fp))
		z = line_cubic(a->f, a->fp * (b->x - a->x), b->f,
		    b->fp * (b->x - a->x), zmin, zmax);
	else
		z = line_quad(a->f, a->fp * (b->x - a->x), b->f, zmin, zmax);
	return a->x + z * (b->x - a->x);
}

/* Algorithm 2.6.2: step out from alpha1 until [a, b] brackets an
 * acceptable point. 1 with *alpha_new set when a trial step is
 * acceptable already, else 0 with the bracket in w. */
static int
line_bracket(const sd_line_fn *fn, double sigma, double alpha1,
    line_work *w, double *alpha_new)
{
	line_end prev = { 0.0, w->f0, w->fp0 }, cur = { alpha1, 0, 0 };
	double delta, next;

	/* GSL's initial bracket: sectioning never reads it, as a count
	 * run out here leaves it none. */
	w->a = prev;
	w->b = (line_end){ alpha1, 0.0, 0.0 };
	while (w->i++ < LINE_ITERS) {
		cur.f = fn->f(cur.x, fn->arg);
		if (cur.f > w->f0 + cur.x * LINE_RHO * w->fp0 ||
		    cur.f >= prev.f) {
			w->a = prev;
			w->b = (line_end){ cur.x, cur.f, NAN };
			return 0;
		}
		cur.fp = fn->df(cur.x, fn->arg);
		if (fabs(cur.fp) <= -sigma * w->fp0) {
			*alpha_new = cur.x;
			return 1;
		}
		if (cur.fp >= 0) {
			w->a = cur;
			w->b = prev;
			return 0;
		}
		delta = cur.x - prev.x;
		next = line_interpolate(&prev, &cur, cur.x + delta,
		    cur.x + LINE_TAU1 * delta);
		prev = cur;
		cur.x = next;
	}
	return 0;
}

/* Algorithm 2.6.4: shrink the bracket in w around an acceptable point.
 * 0 with *alpha_new set when one is found, or untouched when the count
 * runs out; -1 when rounding prevents progress. */
static int
line_section(const sd_line_fn *fn, double sigma, line_work *w,
    double *alpha_new)
{
	line_end c;
	double delta;

	while (w->i++ < LINE_ITERS) {
		delta = w->b.x - w->a.x;
		c.x = line_interpolate(&w->a, &w->b, w->a.x + LINE_TAU2 * delta,
		    w->b.x - LINE_TAU3 * delta);
		c.f = fn->f(c.x, fn->arg);
		if ((w->a.x - c.x) * w->a.fp <= DBL_EPSILON)
			return -1;
		if (c.f > w->f0 + LINE_RHO * c.x * w->fp0 || c.f >= w->a.f) {
			c.fp = NAN;
			w->b = c;
			continue;
		}
		c.fp = fn->df(c.x, fn->arg);
		if (fabs(c.fp) <= -sigma * w->fp0) {
			*alpha_new = c.x;
			return 0;
		}
		/* The new point's slope says which old end it pairs with. */
		if (((w->b.x - w->a.x) >= 0 && c.fp >= 0) ||
		    ((w->b.x - w->a.x) <= 0 && c.fp <= 0))
			w->b = w->a;
		w->a = c;
	}
	return 0;
}

int
sd_line_search(const sd_line_fn *fn, double sigma, double alpha1,
    double *alpha)
{
	line_work w = { .i = 0 };

	fn->fdf(0.0, fn->arg, &w.f0, &w.fp0);
	if (line_bracket(fn, sigma, alpha1, &w, alpha))
		return 0;
	return line_section(fn, sigma, &w, alpha);
}
