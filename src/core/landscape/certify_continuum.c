/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify_continuum.c: a box on a continuum of roots (certify_impl.h).
 *
 * Where ∇f vanishes along a curve (linnet's xy = 1, a circle of minima)
 * no box that meets the curve is ever discarded or proven: ∇²f is
 * singular there, which defeats every Newton test. Bisection then breeds
 * boxes along the curve, twice as many each time their side halves,
 * until the search's limit stops it; on linnet that took the whole
 * budget (200000 boxes, 0.4 s) for regions that were still unresolved.
 *
 * Such a box is recognized as finder_continuum.c recognizes a root on a
 * continuum: Newton across the curve only (steps along the eigenvector
 * of the eigenvalue largest in magnitude; a full step along the small
 * one threw the point far along x²y²'s axes, and taking the smaller
 * eigenvalue by sign missed every curve of maxima) from the box's centre
 * reaches a root where ∇²f is singular; started r off it along the null
 * direction, both ways, Newton reaches two more roots, each r/2 or more
 * from it, all three in the
 * block of nine such boxes around it (the curve may pass by a box that
 * its enclosure cannot yet tell from one it crosses). An
 * isolated degenerate point fails this: Newton falls back towards it and
 * does not converge (monkey's and cubic's 0 still shrink to tiny
 * boxes). Once a box's sides are down to CERTIFY_CONTINUUM_CELL of the
 * window's, a box so recognized is kept unresolved as it is, not split,
 * with the root found on it (the region then shows a few: unresolved.h).
 *
 * This proves nothing and claims nothing: the box stays unresolved, so
 * the list stays incomplete, and the finder's Newton search still runs
 * in its region. A box misjudged (say, two isolated roots closer than r)
 * is only left coarser: its roots are then found, uncertified, by the
 * finder. */
#include "config.h"

#include <math.h>

#include "landscape/certify_impl.h"

#define CONTINUUM_SINGULAR	1e-8	/* |λ| ≤ this × max|λ|: zero */
#define CONTINUUM_GTOL		1e-10	/* ‖∇f‖ ≤ this × max|λ| × side */
#define CONTINUUM_STEP		0.125	/* r, × the box's shorter side */
#define CONTINUUM_FLOOR		64	/* smallest box tried, cells / this */

/* The eigenvalues l[0] ≤ l[1] of the symmetric [h0 h1; h1 h2] and the
 * unit eigenvectors v (v[0..1] of l[0], v[2..3] of l[1]). */
static void
continuum_eigen(const double h[3], double l[2], double v[4])
{
	double m = (h[0] + h[2]) / 2, d = (h[0] - h[2]) / 2;
	double r = hypot(d, h[1]), t = atan2(h[1], d) / 2;

	l[0] = m - r;
	l[1] = m + r;
	v[2] = cos(t);
	v[3] = sin(t);
	v[0] = -v[3];
	v[1] = v[2];
}

/* Newton from (*a, *b) across the curve only: each step along the
 * eigenvector of the eigenvalue largest in magnitude, the other never
 * inverted (near a curve it is small but not zero, and a full step
 * would throw the point far along the curve); returns 0 when a step
 * fell to rounding where ‖∇f‖ ≤ CONTINUUM_GTOL × max|λ| × side (the
 * step cannot move along the curve, so it may stop where ∇f does not
 * vanish), with the null direction (the other eigenvector) in n and
 * whether ∇²f is singular there in *singular. By magnitude, not sign:
 * a curve of maxima has its null eigenvalue above the other. */
static int
continuum_newton(const struct certify *ct, double side, double *a,
    double *b, double n[2], int *singular)
{
	double g[2], h[3], l[2], v[4], s[2] = { 0, 0 }, c, top;
	int i, k;

	for (i = 0; i < CERTIFY_NEWTON; i++) {
		if (certify_point(ct, *a, *b, g, h) != 0)
			return -1;
		continuum_eigen(h, l, v);
		k = fabs(l[1]) >= fabs(l[0]);
		top = fabs(l[k]);
		*singular = fabs(l[1 - k]) <= CONTINUUM_SINGULAR * top;
		n[0] = v[2 * (1 - k)];
		n[1] = v[2 * (1 - k) + 1];
		if (i > 0 && fmax(fabs(s[0]), fabs(s[1])) <= 4 * 0x1p-52 *
		    fmax(fabs(*a), fabs(*b)))
			return hypot(g[0], g[1]) <= CONTINUUM_GTOL * top * side ?
			    0 : -1;
		if (!(top > 0))
			return -1;
		c = -(v[2 * k] * g[0] + v[2 * k + 1] * g[1]) / l[k];
		s[0] = c * v[2 * k];
		s[1] = c * v[2 * k + 1];
		*a += s[0];
		*b += s[1];
		if (!isfinite(*a + *b))
			return -1;
	}
	return -1;
}

/* Whether (a, b) lies in x widened by its sides each way (the block of
 * nine such boxes around it): a box that the curve passes by, not
 * through, is left as undecided as one it crosses. */
static int
continuum_near(const struct certify_box *x, double a, double b)
{
	double sa = x->a.hi - x->a.lo, sb = x->b.hi - x->b.lo;

	return a >= x->a.lo - sa && a <= x->a.hi + sa && b >= x->b.lo - sb &&
	    b <= x->b.hi + sb;
}

/* Whether Newton from (a, b) + t·n reaches a root near x at least r/2
 * from (a, b). */
static int
continuum_beside(const struct certify *ct, const struct certify_box *x,
    double a, double b, const double n[2], double t)
{
	double p = a + t * n[0], q = b + t * n[1], m[2];
	int singular;

	return continuum_newton(ct, 8 * fabs(t), &p, &q, m, &singular) == 0 &&
	    continuum_near(x, p, q) && hypot(p - a, q - b) >= fabs(t) / 2;
}

int
certify_continuum(const struct certify *ct, const struct certify_box *x,
    double at[2])
{
	double wa = ct->region.a.hi - ct->region.a.lo;
	double wb = ct->region.b.hi - ct->region.b.lo;
	double sa = x->a.hi - x->a.lo, sb = x->b.hi - x->b.lo, a, b, n[2];
	double r = CONTINUUM_STEP * fmin(sa, sb), c = CERTIFY_CONTINUUM_CELL;
	int singular;

	/* From a cell down to a 64th of one: below, an isolated degenerate
	 * point's tiny boxes are left to shrink as they did. */
	if (sa > c * wa || sb > c * wb || sa < c / CONTINUUM_FLOOR * wa ||
	    sb < c / CONTINUUM_FLOOR * wb)
		return 0;
	a = sd_iv_mid(x->a);
	b = sd_iv_mid(x->b);
	if (continuum_newton(ct, 8 * r, &a, &b, n, &singular) != 0 ||
	    !singular || !continuum_near(x, a, b))
		return 0;
	at[0] = a;
	at[1] = b;
	return continuum_beside(ct, x, a, b, n, r) &&
	    continuum_beside(ct, x, a, b, n, -r);
}
