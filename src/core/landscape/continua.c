/* SPDX-License-Identifier: GPL-3.0-or-later */
/* continua.c: a continuum of stationary points listed as one row per
 * kind, not as every Newton root found on it (finder.h).
 *
 * On a curve of stationary points (a circle of them, x²y²'s axes) the
 * finder's Newton runs land all along the curve, and its dedup keeps one
 * root every FINDER_SPACING of the window: dozens of degenerate rows, each
 * an arbitrary point of the curve, none isolated, none classified by the
 * certified search, which leaves the curve's region unresolved and names
 * up to three points on it (unresolved.h, the `points` stderr line). The
 * list keeps, for each such region and kind, the root nearest the first
 * point it names, and drops the other roots of that kind in the region
 * that are on a curve: Newton across the curve (certify_continuum.c's
 * test, on the objective rather than its enclosures) from r beside the
 * root along its null direction, both ways, reaches another root r/2 or
 * more away. An isolated degenerate point fails that (Newton falls back
 * towards it, or its Hessian vanishes and gives no direction) and stays,
 * in the region's box or not: the origin of (x² + y² − 1)²(x² + y⁴)
 * inside its circle. A root belongs to the smallest continuum region
 * whose box holds it (the list keeps the regions' bounding boxes only):
 * of concentric circles each keeps its row, and an outer one may keep a
 * second where it crosses an inner one's box. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/finder.h"

#define CONTINUA_STEP		(1.0 / 64)	/* r, × the window's side */
#define CONTINUA_NEWTON		32	/* steps across the curve */
#define CONTINUA_SINGULAR	1e-6	/* |λ| ≤ this × max|λ|: zero */
#define CONTINUA_GTOL		1e-10	/* ‖∇φ‖ ≤ this × max|λ| × r */

/* φ's gradient g and Hessian h (h0, h1, h2) at chart point p: f's along
 * the chart's u and v; x is scratch of dim entries, w of dim + dim². */
static void
continua_derivs(const sd_objective *obj, const sd_chart *ch, const double *p,
    double *g, double *h, double *x, double *w)
{
	size_t i, j, d = obj->dim;
	double *gx = w, *hx = w + d, hu, hv;

	sd_chart_lift(ch, p[0], p[1], x);
	sd_objective_gradient(obj, x, gx);
	sd_objective_hessian(obj, x, hx);
	g[0] = g[1] = h[0] = h[1] = h[2] = 0;
	for (i = 0; i < d; i++) {
		g[0] += ch->u[i] * gx[i];
		g[1] += ch->v[i] * gx[i];
		for (hu = hv = 0, j = 0; j < d; j++) {
			hu += hx[i * d + j] * ch->u[j];
			hv += hx[i * d + j] * ch->v[j];
		}
		h[0] += ch->u[i] * hu;
		h[1] += ch->u[i] * hv;
		h[2] += ch->v[i] * hv;
	}
}

/* The eigenvector of [h0 h1; h1 h2] whose eigenvalue is largest in
 * magnitude into e, that eigenvalue into *lam; whether the other is zero
 * (within CONTINUA_SINGULAR of it). */
static int
continua_eigen(const double *h, double *e, double *lam)
{
	double m = (h[0] + h[2]) / 2, r = hypot((h[0] - h[2]) / 2, h[1]);
	double t = atan2(h[1], (h[0] - h[2]) / 2) / 2;
	int big = fabs(m + r) >= fabs(m - r);

	e[0] = big ? cos(t) : -sin(t);
	e[1] = big ? sin(t) : cos(t);
	*lam = big ? m + r : m - r;
	return fabs(big ? m - r : m + r) <= CONTINUA_SINGULAR * fabs(*lam);
}

/* Newton from p across the curve only (steps along the eigenvector of
 * the largest |λ|; the other, small near a curve, is never inverted);
 * 0 when it ends where ∇φ vanishes. */
static int
continua_across(const sd_objective *obj, const sd_chart *ch, double *p,
    double r, double *x, double *w)
{
	double g[2], h[3], e[2], lam, c;
	int i;

	for (i = 0; i < CONTINUA_NEWTON; i++) {
		continua_derivs(obj, ch, p, g, h, x, w);
		continua_eigen(h, e, &lam);
		if (!(fabs(lam) > 0) || !isfinite(g[0] + g[1]))
			return -1;
		if (hypot(g[0], g[1]) <= CONTINUA_GTOL * fabs(lam) * r)
			return 0;
		c = -(e[0] * g[0] + e[1] * g[1]) / lam;
		p[0] += c * e[0];
		p[1] += c * e[1];
	}
	return -1;
}

/* Whether the point at chart (a, b) lies on a curve of roots: singular,
 * and Newton across from r beside it along the null direction, both
 * ways, reaches a root r/2 or more away. */
static int
continua_on_curve(const sd_objective *obj, const sd_chart *ch, double a,
    double b, double r, double *x, double *w)
{
	double g[2], h[3], e[2], lam, p[2] = { a, b };
	int s;

	continua_derivs(obj, ch, p, g, h, x, w);
	if (!continua_eigen(h, e, &lam) || !(fabs(lam) > 0))
		return 0;
	for (s = -1; s <= 1; s += 2) {
		p[0] = a - s * r * e[1];
		p[1] = b + s * r * e[0];
		if (continua_across(obj, ch, p, r, x, w) != 0 ||
		    hypot(p[0] - a, p[1] - b) < r / 2)
			return 0;
	}
	return 1;
}

/* Whether region i is a continuum with a point named on it. */
static int
continua_is(const sd_point_list *list, size_t i)
{
	return (list->why[i].why &
	    SD_UNRESOLVED_BIT(SD_UNRESOLVED_CONTINUUM)) != 0 &&
	    list->why[i].n_through > 0;
}

/* The continuum region that owns point p: the smallest whose box holds
 * it (concentric circles: the inner one's points lie in the outer one's
 * box too); n_unresolved when none does. */
static size_t
continua_owner(const sd_point_list *list, const sd_point *p)
{
	size_t i, best = list->n_unresolved;
	double area, least = INFINITY;
	const sd_window *u;

	for (i = 0; i < list->n_unresolved; i++) {
		u = &list->unresolved[i];
		area = (u->xmax - u->xmin) * (u->ymax - u->ymin);
		if (continua_is(list, i) && p->a >= u->xmin &&
		    p->a <= u->xmax && p->b >= u->ymin && p->b <= u->ymax &&
		    area < least) {
			least = area;
			best = i;
		}
	}
	return best;
}

/* Mark in drop the points of region i that its kept rows stand for:
 * those it owns (owner), degenerate, on a curve of roots, other than the
 * one of each kind nearest its first through point. */
static void
continua_region(const sd_point_list *list, const sd_objective *obj,
    const sd_chart *ch, size_t i, const size_t *owner, unsigned char *on,
    unsigned char *drop, double *x)
{
	const sd_unresolved_why *y = &list->why[i];
	const sd_window *u = &list->unresolved[i];
	size_t j, best, k, n = list->n;
	double dist, least, r;

	r = CONTINUA_STEP * fmax(u->xmax - u->xmin, u->ymax - u->ymin);
	for (j = 0; j < n; j++)
		on[j] = owner[j] == i &&
		    list->points[j].kind >= SD_POINT_DEGENERATE_MIN &&
		    continua_on_curve(obj, ch, list->points[j].a,
		    list->points[j].b, r, x, x + obj->dim);
	for (k = SD_POINT_DEGENERATE_MIN; k < SD_POINT_KIND_COUNT; k++) {
		for (best = n, least = INFINITY, j = 0; j < n; j++) {
			if (!on[j] || list->points[j].kind != (sd_point_kind)k)
				continue;
			dist = hypot(list->points[j].a - y->through[0][0],
			    list->points[j].b - y->through[0][1]);
			if (dist < least) {
				least = dist;
				best = j;
			}
		}
		for (j = 0; j < n; j++)
			drop[j] |= on[j] && j != best &&
			    list->points[j].kind == (sd_point_kind)k;
	}
}

size_t
sd_point_list_fold_continua(sd_point_list *list, const sd_objective *obj,
    const sd_chart *chart)
{
	size_t i, j, n = list->n, d = obj->dim, kept = 0, *owner;
	unsigned char *flags;
	double *x;

	if (chart->kind != SD_CHART_PLANE || d != 2 || n == 0)
		return 0;
	flags = calloc(2 * n, 1);
	owner = malloc(n * sizeof *owner);
	x = malloc((2 * d + d * d) * sizeof *x);
	if (flags == NULL || owner == NULL || x == NULL) {
		free(flags);
		free(owner);
		free(x);
		return 0;	/* unfolded: longer, not wrong */
	}
	for (j = 0; j < n; j++)
		owner[j] = continua_owner(list, &list->points[j]);
	for (i = 0; i < list->n_unresolved; i++) {
		if (continua_is(list, i))
			continua_region(list, obj, chart, i, owner, flags,
			    flags + n, x);
	}
	for (j = 0; j < n; j++) {
		if (flags[n + j])
			sd_point_done(&list->points[j]);
		else
			list->points[kept++] = list->points[j];
	}
	list->n = kept;
	free(flags);
	free(owner);
	free(x);
	return n - kept;
}
