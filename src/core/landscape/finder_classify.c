/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_classify.c: classifying one stationary point — the
 * second-order test with its tolerance, circles of samples of f where it
 * cannot decide, the test that tells a root from a plateau — and the
 * public sd_finder_classify (finder.c explains the method and its
 * tolerances). */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "base/error.h"
#include "base/vec.h"
#include "landscape/finder_impl.h"

/* ---- classification --------------------------------------------------- */

/* How far the eigenvalues may move between x and the exact root (fw->h
 * holds the decomposed Hessian, fw->g the gradient): ‖∇²f(x + s) −
 * ∇²f(x)‖_F, s the Newton step (Weyl). -1 when ∇²f is not finite at
 * x + s: the Hessian is then undefined at the root, or right beside it. */
static double
work_step_change(struct finder_work *fw, const double *x)
{
	size_t k, d = fw->d;
	double sum = 0, scale = 0, e;

	sd_finder_newton_step(fw, fw->g, fw->s, FINDER_PINV);
	if (sd_finder_move(fw, fw->xt, x, 1, fw->s) != 0)
		return -1;
	sd_objective_rhessian(fw->obj, fw->xt, fw->h2);
	for (k = 0; k < d * d; k++) {
		e = fabs(fw->h2[k] - fw->h[k]);
		if (!isfinite(e))
			return -1;
		if (e > scale)
			scale = e;
	}
	/* ‖ΔH‖_F, scaled so that large entries do not overflow. */
	for (k = 0; scale > 0 && k < d * d; k++) {
		e = (fw->h2[k] - fw->h[k]) / scale;
		sum += e * e;
	}
	return scale * sqrt(sum);
}

/* The band of the Hessian's eigenvalues at distance rho from x: lo and hi
 * of each (ascending) eigenvalue over x ± rho·e_k, every axis. With keep
 * the first finite sample's Hessian goes into fw->h and its point into
 * fw->xs. Returns how many samples were finite. */
static size_t
work_band(struct finder_work *fw, const double *x, double rho, double *lo,
    double *hi, int keep)
{
	size_t k, i, n = 0, d = fw->d;
	double e;

	for (k = 0; k < 2 * d; k++) {
		memcpy(fw->xt, x, d * sizeof *x);
		fw->xt[k / 2] += k % 2 ? -rho : rho;
		if (sd_objective_retract(fw->obj, fw->xt) != 0)
			continue;
		sd_objective_rhessian(fw->obj, fw->xt, fw->h2);
		if (sd_spectrum_decompose(fw->spec, fw->h2,
		    fw->sphere ? fw->xt : NULL) != 0)
			continue;
		if (n++ == 0 && keep) {
			memcpy(fw->h, fw->h2, d * d * sizeof *fw->h);
			memcpy(fw->xs, fw->xt, d * sizeof *x);
		}
		for (i = 0; i < fw->spec->n; i++) {
			e = fw->spec->eval[i];
			lo[i] = n == 1 ? e : fmin(lo[i], e);
			hi[i] = n == 1 ? e : fmax(hi[i], e);
		}
	}
	return n;
}

/* qsort: ascending doubles. */
static int
work_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* The limit at ρ → 0 of a value seen as m0, m1, m2 at radii shrinking by
 * a constant factor: Aitken's Δ² where the differences shrink
 * geometrically (c·ρ^α, exact for it), else the last value. */
static double
work_limit(double m0, double m1, double m2)
{
	double d1 = m1 - m0, d2 = m2 - m1;

	if (d1 * d2 > 0 && fabs(d2) < fabs(d1) / 2)
		return m2 - d2 * d2 / (d2 - d1);
	return m2;
}

/* The eigenvalues at x from the Hessians beside it, where ∇²f is not
 * finite at x or at x + s: the formula's sqrt at 0 (cos(√(x² + y²)) is
 * smooth at 0, yet its second derivative is computed there as 0·∞), a
 * non-integer power of 0. Bands at the FINDER_BESIDE radii ρ = r0,
 * r0/10³, r0/10⁶ (work_band); each eigenvalue's limit is extrapolated
 * from the bands' midpoints (work_limit) when all three have a finite
 * sample, else it is the nearest band's midpoint. When have is 0 (∇²f(x)
 * is not finite) the limits go into lam, and the nearest finite sample's
 * Hessian into fw->h (its eigenvectors orient the circles); else lam
 * keeps ∇²f(x)'s. Returns how far the eigenvalues may be from lam: the nearest
 * band's half width and distance from the limits, and lam's distance
 * from them; -1 when no radius has a finite sample. */
static double
work_beside(struct finder_work *fw, const double *x, double r0,
    double *lam, int have)
{
	size_t i, d = fw->d, n = fw->sphere ? d - 1 : d;
	double *lo = fw->band, *hi = lo + FINDER_BESIDE * d, lim, move = 0;
	int j, top = -1, all = 1;

	for (j = FINDER_BESIDE - 1; j >= 0; j--) {
		if (work_band(fw, x, r0 * pow(1e-3, j), lo + j * d,
		    hi + j * d, !have && top < 0) == 0)
			all = 0;
		else if (top < 0)
			top = j;
	}
	if (top < 0)
		return -1;
	for (i = 0; i < n; i++) {
		lim = (lo[top * d + i] + hi[top * d + i]) / 2;
		if (all)
			lim = work_limit((lo[i] + hi[i]) / 2,
			    (lo[d + i] + hi[d + i]) / 2, lim);
		move = fmax(move, fmax(fabs(lim - lo[top * d + i]),
		    fabs(hi[top * d + i] - lim)));
		if (have)
			move = fmax(move, fabs(lam[i] - lim));
		else
			lam[i] = lim;
	}
	if (!have)
		qsort(lam, n, sizeof *lam, work_cmp);
	/* The samples took the decomposition: fw->h's again. */
	if (sd_spectrum_decompose(fw->spec, fw->h,
	    fw->sphere ? (have ? x : fw->xs) : NULL) != 0)
		return -1;
	return move;
}

/* How far ∇²f moves within the distance at which the root is located,
 * δ = FINDER_XTOL·(‖x‖∞ + L) (a root's test, finder.c): the largest
 * ‖∇²f(x ± δ e_k) − ∇²f(x)‖_F over the axes (fw->h holds ∇²f(x)). Where
 * ‖∇f‖ underflowed to 0 short of the root (r^3.54 at 1e-129, with
 * eigenvalues of 1e-198) this is what says they are 0; at a point found
 * exactly it is rounding, and a clearly nonzero eigenvalue stays so
 * however large the window ((x² − 1e-4)² + y² at 0 on ±1e5: −4e-4). */
static double
work_located(struct finder_work *fw, const double *x)
{
	size_t k, j, d = fw->d;
	double delta = FINDER_XTOL * (sd_norm_inf(x, d) + fw->length);
	double big = 0, sum, scale, e;

	for (k = 0; k < 2 * d; k++) {
		memcpy(fw->xt, x, d * sizeof *x);
		fw->xt[k / 2] += k % 2 ? -delta : delta;
		if (sd_objective_retract(fw->obj, fw->xt) != 0)
			continue;
		sd_objective_rhessian(fw->obj, fw->xt, fw->h2);
		for (scale = 0, j = 0; j < d * d; j++)
			scale = fmax(scale, fabs(fw->h2[j] - fw->h[j]));
		if (!isfinite(scale))
			continue;
		for (sum = 0, j = 0; scale > 0 && j < d * d; j++) {
			e = (fw->h2[j] - fw->h[j]) / scale;
			sum += e * e;
		}
		big = fmax(big, scale * sqrt(sum));
	}
	return big;
}

/* The eigenvalues lam of the Hessian at x (or beside it, see work_beside)
 * into fw->spec and lam, and their tolerance: rounding relative to the
 * Hessian's magnitude, or how far the eigenvalues may move between x and
 * the exact root (the Newton step, the root's location, work_located).
 * -1 when the Hessian is not finite at x or anywhere beside it. */
static double
work_eig_tol(struct finder_work *fw, const double *x, double *lam)
{
	double move = -1;
	int have;

	sd_objective_rhessian(fw->obj, x, fw->h);
	if ((have = sd_finder_eigen(fw, x) == 0)) {
		memcpy(lam, fw->spec->eval, fw->spec->n * sizeof *lam);
		move = work_step_change(fw, x);
		if (move >= 0)
			move = fmax(move, work_located(fw, x));
	}
	if (move < 0 && (move = work_beside(fw, x,
	    FINDER_RADIUS * fw->length / 100, lam, have)) < 0)
		return -1;
	return fmax(FINDER_EIG_REL * sd_norm_inf(lam, fw->spec->n),
	    FINDER_EIG_STEP * move);
}

/* fw->xt = x + r(c·v_i + s·v_j), on the manifold; -1 if it cannot be. */
static int
work_around(struct finder_work *fw, const double *x, size_t i, size_t j,
    double r, double c, double s)
{
	size_t k;

	for (k = 0; k < fw->d; k++) {
		fw->xt[k] = x[k] + r * (c * work_vec(fw, i)[k] +
		    s * work_vec(fw, j)[k]);
	}
	return sd_objective_retract(fw->obj, fw->xt);
}

/* Whether f is finite at x ± r·v_i for every tangent eigenvector. */
static int
work_finite_at(struct finder_work *fw, const double *x, double r)
{
	size_t i;
	int sign;

	for (i = 0; i < fw->spec->n; i++) {
		for (sign = -1; sign <= 1; sign += 2) {
			if (work_around(fw, x, i, i, r, sign, 0) != 0 ||
			    !isfinite(sd_objective_f(fw->obj, fw->xt)))
				return 0;
		}
	}
	return 1;
}

/* The largest circle radius, at most FINDER_RADIUS·L, at which f is still
 * finite around x (it overflows nearby on huge windows); 0 if none. */
double
sd_finder_radius(struct finder_work *fw, const double *x)
{
	double r = FINDER_RADIUS * fw->length;
	int k;

	for (k = 0; k < FINDER_SHRINKS && r > 0; k++, r /= 4) {
		if (work_finite_at(fw, x, r))
			return r;
	}
	return 0;
}

static double work_spread_gradient(struct finder_work *, const double *,
    double);

/* Whether ∇f (in fw->g) vanishes at x along every tangent eigenvector v_i
 * relative to its size at x ± r·v_i, and varies somewhere. False on a
 * plateau, and on the floor of an asymptotic valley where Newton stalls
 * with ‖∇f‖ merely small: there vᵀ∇f hardly changes along the valley. */
int
sd_finder_resolved(struct finder_work *fw, const double *x, double r)
{
	double c, cn, near, any = 0;
	size_t i;
	int sign;

	for (i = 0; i < fw->spec->n; i++) {
		c = sd_dot(work_vec(fw, i), fw->g, fw->d);
		for (near = 0, sign = -1; sign <= 1; sign += 2) {
			if (work_around(fw, x, i, i, r, sign, 0) != 0)
				continue;
			sd_objective_rgradient(fw->obj, fw->xt, fw->gt);
			cn = sd_dot(work_vec(fw, i), fw->gt, fw->d);
			near = fmax(near, fabs(cn));
		}
		if (c != 0 && !(fabs(c) <= FINDER_RESOLVE * near))
			return 0;
		any = fmax(any, near);
	}
	if (!(any > fw->gfloor))
		any = work_spread_gradient(fw, x, r);
	return any > fw->gfloor;
}

/* Sample f − f0 on the circle of radius r around x in the plane of v_i and
 * v_j (i == j: the two points x ± r·v_i); note samples below or above. */
static void
work_circle(struct finder_work *fw, const double *x, double f0, size_t i,
    size_t j, double r, int *below, int *above)
{
	int k, n = i == j ? 2 : FINDER_ANGLES;
	double big = 0, fbig = fabs(f0), th, fk, tau;

	for (k = 0; k < n; k++) {
		th = 2 * M_PI * k / n;
		fw->circ[k] = NAN;
		if (work_around(fw, x, i, j, r, cos(th), i == j ? 0 : sin(th)))
			continue;
		fk = sd_objective_f(fw->obj, fw->xt);
		fw->circ[k] = fk - f0;
		if (isfinite(fk)) {
			big = fmax(big, fabs(fk - f0));
			fbig = fmax(fbig, fabs(fk));
		}
	}
	tau = fmax(fmax(FINDER_LEVEL * big, 8 * DBL_EPSILON * fbig),
	    fw->ffloor);
	for (k = 0; k < n; k++) {
		*below |= fw->circ[k] < -tau;
		*above |= fw->circ[k] > tau;
	}
}

/* Whether eigenvalue i is zero within tol. */
static int
work_flat(const struct finder_work *fw, size_t i, double tol)
{
	return fabs(fw->spec->eval[i]) <= tol;
}

/* fw->xt = x + r·u, u the m-th of FINDER_ANGLES unit directions spread
 * over the span of the eigenvectors list[0..k): every sign corner
 * Σ ±v_i/√k while k ≤ 6, else directions drawn from rng (a fixed seed).
 * Retracted onto the sphere; -1 when there is no such direction. */
static int
work_spread(struct finder_work *fw, const double *x, const size_t *list,
    size_t k, size_t m, double r, gsl_rng *rng)
{
	double coef[FINDER_SPHERE_MAX], norm = 0;
	size_t c, i;

	if (rng == NULL && m >= ((size_t)1 << k))
		return -1;
	for (c = 0; c < k; c++) {
		coef[c] = rng != NULL ? gsl_ran_ugaussian(rng) :
		    ((m >> c) & 1 ? -1.0 : 1.0);
		norm += coef[c] * coef[c];
	}
	norm = sqrt(norm);
	memcpy(fw->xt, x, fw->d * sizeof *x);
	for (c = 0; c < k; c++) {
		for (i = 0; i < fw->d; i++)
			fw->xt[i] += r * coef[c] / norm *
			    work_vec(fw, list[c])[i];
	}
	return sd_objective_retract(fw->obj, fw->xt);
}

/* The eigenvectors to spread over: the flat ones (|λ| ≤ tol), or all
 * when tol < 0; at most FINDER_SPHERE_MAX. A generator for more than six
 * is returned in *rng (free it), else *rng is NULL. */
static size_t
work_spread_list(struct finder_work *fw, double tol, size_t *list,
    gsl_rng **rng)
{
	size_t i, k = 0;

	for (i = 0; i < fw->spec->n && k < FINDER_SPHERE_MAX; i++) {
		if (tol < 0 || work_flat(fw, i, tol))
			list[k++] = i;
	}
	*rng = k > 6 ? gsl_rng_alloc(gsl_rng_mt19937) : NULL;
	return k;
}

/* Sample f − f(x) in FINDER_ANGLES directions spread over the whole flat
 * subspace when it has three or more dimensions. Circles in the planes of
 * pairs of flat eigenvectors miss forms that vanish on every such plane:
 * at the origin of ½(1 − xyz)² the Hessian is zero, its eigenvectors are
 * the axes, and f is constant on every coordinate plane, yet it falls
 * along (1, 1, 1) and rises along (1, 1, −1). */
static void
work_flat_sphere(struct finder_work *fw, const double *x, double f0,
    double tol, double r, int *below, int *above)
{
	size_t list[FINDER_SPHERE_MAX], k, m;
	double big = 0, fbig = fabs(f0), fk, tau;
	gsl_rng *rng;

	if ((k = work_spread_list(fw, tol, list, &rng)) < 3) {
		gsl_rng_free(rng);
		return;
	}
	for (m = 0; m < FINDER_ANGLES; m++) {
		fw->circ[m] = NAN;
		if (work_spread(fw, x, list, k, m, r, rng) != 0)
			continue;
		fk = sd_objective_f(fw->obj, fw->xt);
		fw->circ[m] = fk - f0;
		if (isfinite(fk)) {
			big = fmax(big, fabs(fk - f0));
			fbig = fmax(fbig, fabs(fk));
		}
	}
	gsl_rng_free(rng);
	tau = fmax(fmax(FINDER_LEVEL * big, 8 * DBL_EPSILON * fbig),
	    fw->ffloor);
	for (m = 0; m < FINDER_ANGLES; m++) {
		*below |= fw->circ[m] < -tau;
		*above |= fw->circ[m] > tau;
	}
}

/* The largest ‖∇f‖ at distance r from x in directions spread over every
 * eigenvector: what tells a root from a plateau when ∇f vanishes along
 * each eigenvector itself (the axes at the origin of ½(1 − xyz)²). */
static double
work_spread_gradient(struct finder_work *fw, const double *x, double r)
{
	size_t list[FINDER_SPHERE_MAX], k, m;
	double big = 0, n;
	gsl_rng *rng;

	k = work_spread_list(fw, -1, list, &rng);
	for (m = 0; k >= 2 && m < FINDER_ANGLES; m++) {
		if (work_spread(fw, x, list, k, m, r, rng) != 0)
			continue;
		sd_objective_rgradient(fw->obj, fw->xt, fw->gt);
		n = sd_norm(fw->gt, fw->d);
		if (isfinite(n))
			big = fmax(big, n);
	}
	gsl_rng_free(rng);
	return big;
}

/* Classify a point where the second-order test was inconclusive by the
 * sign of f − f(x) on circles through its flat directions (|λ| ≤ tol).
 * Returns -1 when f is constant around x to rounding. */
static int
work_degenerate(struct finder_work *fw, const double *x, double f0,
    double tol, double r, sd_point_kind *kind)
{
	size_t i, j, n = fw->spec->n;
	int k, below = 0, above = 0;

	for (k = 0; k < FINDER_RADII && !(below && above); k++, r /= 10) {
		for (i = 0; i < n; i++) {
			if (!work_flat(fw, i, tol))
				continue;
			if (n == 1)
				work_circle(fw, x, f0, i, i, r, &below, &above);
			for (j = 0; j < n; j++) {
				if (j == i || (j < i && work_flat(fw, j, tol)))
					continue;
				work_circle(fw, x, f0, i, j, r, &below, &above);
			}
		}
		if (!(below && above))
			work_flat_sphere(fw, x, f0, tol, r, &below, &above);
	}
	if (below && above)
		*kind = SD_POINT_DEGENERATE_SADDLE;
	else if (above)
		*kind = SD_POINT_DEGENERATE_MIN;
	else if (below)
		*kind = SD_POINT_DEGENERATE_MAX;
	else
		return -1;
	return 0;
}

int
sd_finder_second_order(const double *lam, size_t n, double tol)
{
	size_t i, pos = 0, neg = 0;

	for (i = 0; i < n; i++) {
		pos += lam[i] > tol;
		neg += lam[i] < -tol;
	}
	if (pos == n)
		return SD_POINT_MIN;
	if (neg == n)
		return SD_POINT_MAX;
	if (pos > 0 && neg > 0)
		return SD_POINT_SADDLE;
	return -1;
}

/* Classify x from the full spectrum of its Hessian (fw->g holds ∇f). */
static int
work_classify_dense(struct finder_work *fw, const double *x,
    struct finder_class *c)
{
	size_t i;
	double tol, r;
	int kind;

	if ((tol = work_eig_tol(fw, x, c->lam)) < 0)
		return -1;
	c->n_eigen = fw->spec->n;
	for (c->singular = 0, i = 0; i < c->n_eigen; i++)
		c->singular |= fabs(c->lam[i]) <= tol;
	r = sd_finder_radius(fw, x);
	if ((kind = sd_finder_second_order(c->lam, c->n_eigen, tol)) >= 0)
		c->kind = (sd_point_kind)kind;
	else if (r == 0 || work_degenerate(fw, x, c->f, tol, r, &c->kind))
		return 0;
	c->resolved = r > 0 && sd_finder_resolved(fw, x, r / 100);
	return 0;
}

/* Classify x into *c (c->lam has room for d values). Matrix-free from
 * the extreme eigenvalues when the full spectrum is costly (lanczos) and
 * they decide; the full spectrum otherwise (a flat direction needs the
 * circles through every flat eigenvector).
 * Returns -1 when f, its gradient or its Hessian is not finite at x. */
int
sd_finder_classify_at(struct finder_work *fw, const double *x,
    struct finder_class *c)
{
	int rc, krylov = fw->krylov;

	c->resolved = 0;
	c->singular = 0;
	c->n_eigen = 0;
	c->kind = SD_POINT_DEGENERATE_MIN;
	c->f = sd_objective_f(fw->obj, x);
	if (sd_finder_merit(fw, x, fw->g, &c->gnorm) != 0 || !isfinite(c->f))
		return -1;
	if (fw->lanczos && (rc = sd_finder_krylov_classify(fw, x, c)) != 0)
		return rc < 0 ? -1 : 0;
	fw->krylov = 0;
	rc = work_classify_dense(fw, x, c);
	fw->krylov = krylov;
	return rc;
}

/* Fill *pt from a classified x, allocating its arrays. */
int
sd_finder_point_fill(sd_point *pt, size_t d, const double *x,
    const struct finder_class *c, char **cause)
{
	size_t i;

	memset(pt, 0, sizeof *pt);
	pt->x = malloc(d * sizeof *pt->x);
	pt->eigen = malloc((c->n_eigen > 0 ? c->n_eigen : 1) *
	    sizeof *pt->eigen);
	if (pt->x == NULL || pt->eigen == NULL) {
		sd_point_done(pt);
		return sd_fail(cause, "out of memory");
	}
	/* + 0.0 turns −0 into 0, which reads better in CSV. */
	for (i = 0; i < d; i++)
		pt->x[i] = x[i] + 0.0;
	for (i = 0; i < c->n_eigen; i++)
		pt->eigen[i] = c->lam[i] + 0.0;
	pt->n_eigen = c->n_eigen;
	pt->kind = c->kind;
	pt->f = c->f + 0.0;
	pt->grad_norm = c->gnorm;
	pt->lambda_min = c->n_eigen > 0 ? pt->eigen[0] : 0;
	pt->lambda_max = c->n_eigen > 0 ? pt->eigen[c->n_eigen - 1] : 0;
	pt->a = pt->x[0];
	pt->b = d > 1 ? pt->x[1] : 0;
	return 0;
}

int
sd_finder_classify_scale(const sd_objective *obj, const double *x,
    double length, sd_point *pt, char **cause)
{
	struct finder_work fw;
	struct finder_class c;
	int rc;

	sd_gsl_quiet();
	if (!(length > 0) || !isfinite(length))
		return sd_fail(cause, "classify: the length must be positive");
	if (sd_finder_work_init(&fw, obj, length, cause) != 0)
		return -1;
	if ((c.lam = malloc(obj->dim * sizeof *c.lam)) == NULL) {
		sd_finder_work_done(&fw);
		return sd_fail(cause, "out of memory");
	}
	if (!sd_all_finite(x, obj->dim) ||
	    sd_finder_classify_at(&fw, x, &c) != 0)
		rc = sd_fail(cause, "%s: f, its gradient or its Hessian is "
		    "not finite at the point", obj->type->name);
	else
		rc = sd_finder_point_fill(pt, obj->dim, x, &c, cause);
	free(c.lam);
	sd_finder_work_done(&fw);
	return rc;
}

int
sd_finder_classify(const sd_objective *obj, const double *x, sd_point *pt,
    char **cause)
{
	double n = sd_norm(x, obj->dim);

	return sd_finder_classify_scale(obj, x, n > 1 && isfinite(n) ? n : 1,
	    pt, cause);
}
