/* finder.c: the stationary points of an objective inside a window of a
 * chart (see finder.h and DESIGN.md §3).
 *
 * Method. ‖∇f‖ is sampled on a grid over the window, extended by a margin
 * so that a root just inside an edge has samples on both sides of it.
 * Damped Newton runs from every local minimum of the samples, from a
 * coarse regular grid and from the chart's origin, in the full space (on
 * the sphere: Riemannian gradient and Hessian, iterates retracted). Its
 * roots are kept when the gradient vanishes and they lie in the closed
 * window and on the slice; they are deduplicated and classified from the
 * Hessian's eigenvalues, by circles of samples of f where those cannot
 * decide. Sampling dominates the cost on smooth objectives (17,689
 * gradients); rastrigin's 441 points cost as many short Newton runs.
 *
 * Tolerances. Nothing is absolute: L is the window's larger side, G the
 * largest finite ‖∇f‖ and F the largest finite |f| on the sampling grid,
 * so that rescaling x or f rescales every threshold with it.
 *
 * Newton	The step is −H⁺∇f; the pseudo-inverse drops eigenvalues at or
 *		below FINDER_PINV × the largest |λ| (singular Hessians at
 *		degenerate points), and if no step of that kind helps, retries
 *		with every nonzero one (a huge eigenvalue can hide a small one
 *		that matters). Steps are capped at FINDER_STEP_CAP × L and
 *		halved until ‖∇f‖ drops below the largest of the last
 *		FINDER_MEMORY values (non-monotone: on a curved valley ‖∇f‖ may
 *		rise for a step on the way to the root). When two successive
 *		step ratios agree (q in [0.2, 0.95], one direction), the root
 *		is degenerate and Newton only linear: the Aitken step s/(1 − q)
 *		lands on it (exactly on monkey's and cubic's). A run stops at
 *		∇f = 0, when no step lowers ‖∇f‖, when the step is below x's
 *		rounding, when ‖∇f‖ has not halved in FINDER_PATIENCE steps,
 *		or gives up L outside the window or the slice.
 * root		The run's best iterate is a root when ‖∇f‖ ≤ FINDER_GTOL × G
 *		and the Newton step there is ≤ FINDER_XTOL × (‖x‖∞ + L): x is
 *		within that distance of the root, so a run that merely slowed
 *		down is not one. It must also be resolved: along every
 *		eigenvector v, |vᵀ∇f(x)| ≤ FINDER_RESOLVE × |vᵀ∇f(x ± r v)| at
 *		the smallest circle radius r, and ∇f there above
 *		FINDER_FLOOR × G. That rejects floating-point plateaus (∇f
 *		underflowed to 0) and the floors of asymptotic valleys, where
 *		‖∇f‖ is small but hardly changes along the valley.
 * window	A root is kept iff a ∈ [xmin − e·wx, xmax + e·wx], likewise b,
 *		and its offset from the slice is ≤ e·L, e = FINDER_EDGE: the
 *		window is closed, and roots are located far better than that.
 *		With opts->near > 0 the offset may reach near·L: Newton runs in
 *		the full space and, off a slice that is not invariant under it,
 *		lands on points that lie beside the slice rather than on it.
 * dedup	Roots closer than FINDER_DEDUP × L (or 64 ulp of |x|) are one
 *		point, the one with the smallest gradient. Roots with a
 *		singular Hessian (an eigenvalue within tol of 0: perhaps one of
 *		a continuum) of one kind closer than FINDER_SPACING × L are one:
 *		that samples a continuum such as linnet's xy = 1 at that spacing.
 * classify	λ are the eigenvalues of ∇²f (on the sphere of the Riemannian
 *		Hessian, §2.3, without the one along x: d − 1 of them), and
 *		tol = max(FINDER_EIG_REL · max|λ|, FINDER_EIG_ABS · G/L,
 *		FINDER_EIG_STEP · ‖∇²f(x + s) − ∇²f(x)‖_F), s the Newton step
 *		at x: rounding relative to the Hessian at x and to the window's
 *		(G/L is a curvature), and how far the eigenvalues can still
 *		move on the way to the exact root (Weyl), which is large only
 *		where Newton converged linearly: at a degenerate point. All
 *		λ > tol: min; all < −tol: max; some < −tol and some > tol:
 *		saddle. Beale's saddle (λ ≈ −0.78 and 868) clears its
 *		1e-8 · 868 by five decades.
 * circles	Otherwise f − f(x) is sampled at FINDER_ANGLES angles (the
 *		axes among them: x1² + x2³ < 0 only in a narrow cusp around
 *		−x2) on circles of radius FINDER_RADIUS × L, 10 and 100 times
 *		smaller, in every plane spanned by an eigenvector with |λ| ≤ tol
 *		and another eigenvector (retracted onto the sphere); r shrinks
 *		while f overflows on it. A sample is below or above f(x) when
 *		it differs by more than τ = max(FINDER_LEVEL × the circle's
 *		largest difference, 8ε|f|, FINDER_FLOOR × F): below and above:
 *		degenerate-saddle; only above: degenerate-min; only below:
 *		degenerate-max; neither: f is constant to rounding, a plateau,
 *		and not a point. With three or more flat directions f is also
 *		sampled in FINDER_ANGLES directions spread over their whole
 *		span (forms like xyz vanish on every plane of two of them).
 * order	By f rounded to FINDER_FQUANTUM × F (f = 0 and f = 1e-32 at two
 *		minima tie), then x1, x2, ...
 */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "base/error.h"
#include "base/spectrum.h"
#include "base/vec.h"
#include "landscape/finder.h"

#define FINDER_GRID		128	/* sampling intervals per side */
#define FINDER_MARGIN		2	/* sampling cells past each edge */
#define FINDER_FSTRIDE		4	/* |f| on every 4th node: a scale */
#define FINDER_COARSE		8	/* coarse seed intervals per side */
#define FINDER_MAX_ITER		100	/* Newton iterations per seed */
#define FINDER_HALVINGS		16	/* line-search halvings */
#define FINDER_MEMORY		8	/* non-monotone search memory */
#define FINDER_PATIENCE		16	/* iterations to halve ‖∇f‖ */
#define FINDER_STEP_CAP		0.25	/* longest Newton step, × L */
#define FINDER_ESCAPE		1.0	/* give up this far out, × L */
#define FINDER_PINV		1e-12	/* × max|λ|: not inverted */
#define FINDER_GTOL		1e-8	/* × G: a root's largest ‖∇f‖ */
#define FINDER_XTOL		1e-12	/* × (‖x‖∞ + L): its Newton step */
#define FINDER_RESOLVE		1e-3	/* vᵀ∇f at x over vᵀ∇f nearby */
#define FINDER_EDGE		1e-9	/* × window side: still inside */
#define FINDER_DEDUP		1e-7	/* × L: the same root */
#define FINDER_SPACING		(1.0 / 50)	/* × L: continuum sample */
#define FINDER_EIG_REL		1e-8	/* × max|λ|: zero */
#define FINDER_EIG_ABS		1e-12	/* × G/L: zero */
#define FINDER_EIG_STEP		4.0	/* × ‖ΔH‖ on the way to the root */
#define FINDER_FLOOR		1e-14	/* × F or G: nothing */
#define FINDER_RADIUS		1e-2	/* largest circle radius, × L */
#define FINDER_RADII		3	/* circles, each ten times smaller */
#define FINDER_ANGLES		64	/* a multiple of 4: the axes */
#define FINDER_SPHERE_MAX	64	/* flat directions sampled together */
#define FINDER_LEVEL		1e-9	/* × largest |Δf|: level */
#define FINDER_FQUANTUM		1e-12	/* × F: equal values of f */
#define FINDER_SHRINKS		600	/* radius quarterings, overflow */

/* Scratch for one objective: the eigen-solver and vectors of length d. */
struct finder_work {
	const sd_objective		*obj;
	size_t				 d;
	int				 sphere;
	double				 length;	/* L */
	double				 hfloor;	/* |λ| below: zero */
	double				 gfloor;	/* ‖∇f‖ below: zero */
	double				 ffloor;	/* |Δf| below: level */
	sd_spectrum			*spec;		/* of the Hessian in h */
	double				*buf;		/* owns what follows */
	double				*g, *gt, *s, *sp, *xt, *xs, *xb;
	double				*h, *h2;
	double				 circ[FINDER_ANGLES];
};

/* What classification found at one point. */
struct finder_class {
	sd_point_kind	 kind;
	int		 resolved;	/* a root, not a plateau */
	int		 singular;	/* an eigenvalue within tol of 0 */
	double		 f;
	double		 gnorm;
	double		*lam;		/* n_eigen, ascending; caller's */
	size_t		 n_eigen;
};

/* A root found by Newton; its x and eigenvalues live in the store. */
struct finder_root {
	double		 gnorm;
	double		 f;
	double		 key;		/* f quantized, for the order */
	double		 a, b, offset;
	sd_point_kind	 kind;
	int		 singular;	/* maybe one of a continuum */
	size_t		 at;		/* offset of x in the store */
	const double	*x;		/* store + at, once it stops moving */
	size_t		 d;
	int		 keep;
};

/* One run: the window, the scales measured on it, the roots. */
struct finder {
	struct finder_work	 work;
	const sd_chart		*chart;
	sd_window		 w;
	double			 ca, cb;	/* window centre */
	double			 ha, hb;	/* half widths */
	int			 grid;
	int			 max_iter;
	double			 near;		/* offsets up to near·L kept */
	double			 gscale;	/* largest finite ‖∇f‖ */
	double			 fscale;	/* largest finite |f| */
	double			 gtol;		/* a root's largest ‖∇f‖ */
	double			*store;		/* 2d doubles per root */
	struct finder_root	*roots;
	size_t			 n, cap;
};

static const char *const finder_kind_names[SD_POINT_KIND_COUNT] = {
	[SD_POINT_MIN] = "min",
	[SD_POINT_MAX] = "max",
	[SD_POINT_SADDLE] = "saddle",
	[SD_POINT_DEGENERATE_MIN] = "degenerate-min",
	[SD_POINT_DEGENERATE_MAX] = "degenerate-max",
	[SD_POINT_DEGENERATE_SADDLE] = "degenerate-saddle",
};

const char *
sd_point_kind_name(sd_point_kind kind)
{
	if ((int)kind < 0 || kind >= SD_POINT_KIND_COUNT)
		return "unknown";
	return finder_kind_names[kind];
}

/* ---- the work area ---------------------------------------------------- */

/* Allocate the scratch for obj; length is L. */
static int
work_init(struct finder_work *fw, const sd_objective *obj, double length,
    char **cause)
{
	size_t d = obj->dim;

	memset(fw, 0, sizeof *fw);
	fw->obj = obj;
	fw->d = d;
	fw->sphere = obj->type->manifold == SD_SPHERE;
	fw->length = length;
	fw->spec = sd_spectrum_alloc(d);
	fw->buf = calloc(7 * d + 2 * d * d, sizeof *fw->buf);
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
	fw->h = fw->xb + d;
	fw->h2 = fw->h + d * d;
	return 0;
}

/* Release the scratch. */
static void
work_done(struct finder_work *fw)
{
	sd_spectrum_free(fw->spec);
	free(fw->buf);
}

/* Eigenvector i of the last decomposition (d entries). */
static const double *
work_vec(const struct finder_work *fw, size_t i)
{
	return fw->spec->evec + i * fw->d;
}

/* Eigen-decompose the (Riemannian) Hessian in fw->h at x: on the sphere
 * the d − 1 pairs of the tangent space (spectrum.h). */
static int
work_eigen(struct finder_work *fw, const double *x)
{
	return sd_spectrum_decompose(fw->spec, fw->h, fw->sphere ? x : NULL);
}

/* The largest |λ| over the tangent eigenvalues. */
static double
work_lmax(const struct finder_work *fw)
{
	return sd_norm_inf(fw->spec->eval, fw->spec->n);
}

/* The Newton step s = −H⁺g from the decomposition of work_eigen, dropping
 * the eigenvalues at or below cut × the largest. Returns ‖s‖ (+∞ when it
 * overflows). */
static double
work_newton(struct finder_work *fw, const double *g, double *s, double cut)
{
	double lam, c;
	size_t i, d = fw->d;

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
static int
work_move(const struct finder_work *fw, double *y, const double *x,
    double t, const double *s)
{
	memcpy(y, x, fw->d * sizeof *y);
	sd_axpy(t, s, y, fw->d);
	return sd_objective_retract(fw->obj, y);
}

/* The merit ‖∇f(y)‖ (Riemannian on the sphere) into *m, the gradient into
 * g; -1 when it is not finite. */
static int
work_merit(const struct finder_work *fw, const double *y, double *g,
    double *m)
{
	sd_objective_rgradient(fw->obj, y, g);
	*m = sd_norm(g, fw->d);
	return isfinite(*m) ? 0 : -1;
}

/* ---- Newton ----------------------------------------------------------- */

/* How a Newton run ended. */
enum finder_end {
	FINDER_ROOT,		/* ∇f = 0, or no step can lower ‖∇f‖ */
	FINDER_LOST		/* not finite, escaped, or out of iterations */
};

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
		if (work_move(fw, fw->xt, x, t, s) == 0 &&
		    work_merit(fw, fw->xt, fw->gt, &mt) == 0 && mt < ref) {
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

	ns = work_newton(fw, fw->g, fw->s, cut);
	if (!isfinite(ns))
		return -1;
	if (ns > cap) {
		sd_axpy(cap / ns - 1, fw->s, fw->s, fw->d);
		ns = cap;
	}
	return ns;
}

/* One iteration from x with merit *m; ref is the largest merit of the last
 * FINDER_MEMORY iterates (a non-monotone search: along a curved valley
 * ‖∇f‖ may rise for a step or two on the way to the root). Returns the
 * step's length, or -1 when no step lowers the merit below ref. */
static double
finder_iterate(struct finder *fd, double *x, double *m, double ref,
    double *q, double nsp)
{
	struct finder_work *fw = &fd->work;
	double ns, qp = *q;

	sd_objective_rhessian(fw->obj, x, fw->h);
	if (work_eigen(fw, x) != 0 || (ns = finder_step(fd, FINDER_PINV)) < 0)
		return -1;
	*q = nsp > 0 ? ns / nsp : 0;
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

/* Where a Newton run ends: at its best iterate, a root when its gradient
 * is tiny and the Newton step there is below FINDER_XTOL·(‖x‖∞ + L), so
 * that a run that merely slowed down or gave up is not taken for one. */
static enum finder_end
finder_end(struct finder *fd, double *x, double m, double best)
{
	struct finder_work *fw = &fd->work;
	double ns;

	if (best < m)
		memcpy(x, fw->xb, fw->d * sizeof *x);
	if (!(best <= fd->gtol))
		return FINDER_LOST;
	if (best == 0)
		return FINDER_ROOT;
	sd_objective_rgradient(fw->obj, x, fw->g);
	sd_objective_rhessian(fw->obj, x, fw->h);
	if (work_eigen(fw, x) != 0)
		return FINDER_LOST;
	ns = work_newton(fw, fw->g, fw->s, FINDER_PINV);
	return ns <= FINDER_XTOL * (sd_norm_inf(x, fw->d) + fw->length) ?
	    FINDER_ROOT : FINDER_LOST;
}

/* Damped Newton on ∇f = 0 from x (overwritten by where it ends). It stops
 * at ∇f = 0, when no step lowers ‖∇f‖, when the step is below x's
 * rounding, or when the best ‖∇f‖ has not halved in FINDER_PATIENCE
 * iterations (wandering where there is no root, or cycling at the
 * rounding floor). */
static enum finder_end
finder_newton(struct finder *fd, double *x)
{
	struct finder_work *fw = &fd->work;
	double m, ref, hist[FINDER_MEMORY], ns = 0, q = 0, best, mark;
	int it, k;

	if (work_merit(fw, x, fw->g, &m) != 0)
		return FINDER_LOST;
	best = mark = m;
	memcpy(fw->xb, x, fw->d * sizeof *x);
	for (it = 0; it < fd->max_iter && m > 0; it++) {
		hist[it % FINDER_MEMORY] = m;
		for (ref = m, k = 0; k < FINDER_MEMORY && k <= it; k++)
			ref = fmax(ref, hist[k]);
		memcpy(fw->sp, fw->s, fw->d * sizeof *x);
		if ((ns = finder_iterate(fd, x, &m, ref, &q, ns)) < 0)
			break;
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

/* ---- classification --------------------------------------------------- */

/* The eigenvalue tolerance at x (fw->h holds the decomposed Hessian, fw->g
 * the gradient): rounding relative to the Hessian's magnitude, or how far
 * the eigenvalues may move between x and the exact root. */
static double
work_eig_tol(struct finder_work *fw, const double *x)
{
	size_t k, d = fw->d;
	double sum = 0, scale = 0, e;

	work_newton(fw, fw->g, fw->s, FINDER_PINV);
	if (work_move(fw, fw->xt, x, 1, fw->s) != 0)
		return INFINITY;
	sd_objective_rhessian(fw->obj, fw->xt, fw->h2);
	for (k = 0; k < d * d; k++) {
		e = fabs(fw->h2[k] - fw->h[k]);
		if (!isfinite(e))
			return INFINITY;
		if (e > scale)
			scale = e;
	}
	/* ‖ΔH‖_F, scaled so that large entries do not overflow. */
	for (k = 0; scale > 0 && k < d * d; k++) {
		e = (fw->h2[k] - fw->h[k]) / scale;
		sum += e * e;
	}
	return fmax(fmax(FINDER_EIG_REL * work_lmax(fw), fw->hfloor),
	    FINDER_EIG_STEP * scale * sqrt(sum));
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
static double
work_radius(struct finder_work *fw, const double *x)
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
static int
work_resolved(struct finder_work *fw, const double *x, double r)
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

/* The kind the eigenvalues decide, or -1 when the test is inconclusive. */
static int
work_second_order(const double *lam, size_t n, double tol)
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

/* Classify x into *c (c->lam has room for d values). Returns -1 when f,
 * its gradient or its Hessian is not finite at x. */
static int
work_classify(struct finder_work *fw, const double *x,
    struct finder_class *c)
{
	size_t i;
	double tol, r;
	int kind;

	c->resolved = 0;
	c->singular = 0;
	c->n_eigen = 0;
	c->kind = SD_POINT_DEGENERATE_MIN;
	c->f = sd_objective_f(fw->obj, x);
	if (work_merit(fw, x, fw->g, &c->gnorm) != 0 || !isfinite(c->f))
		return -1;
	sd_objective_rhessian(fw->obj, x, fw->h);
	if (work_eigen(fw, x) != 0)
		return -1;
	c->n_eigen = fw->spec->n;
	memcpy(c->lam, fw->spec->eval, c->n_eigen * sizeof *c->lam);
	tol = work_eig_tol(fw, x);
	for (c->singular = 0, i = 0; i < c->n_eigen; i++)
		c->singular |= fabs(c->lam[i]) <= tol;
	r = work_radius(fw, x);
	if ((kind = work_second_order(c->lam, c->n_eigen, tol)) >= 0)
		c->kind = (sd_point_kind)kind;
	else if (r == 0 || work_degenerate(fw, x, c->f, tol, r, &c->kind))
		return 0;
	c->resolved = r > 0 && work_resolved(fw, x, r / 100);
	return 0;
}

/* Fill *pt from a classified x, allocating its arrays. */
static int
point_fill(sd_point *pt, size_t d, const double *x,
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

/* The gradient scale G around x for a lone classification: the largest
 * ‖∇f‖ at x ± length·e_k, which stands in for the window's G so that a
 * Hessian that is tiny only because x sits at a degenerate point (monkey
 * at 1e-164) is judged flat rather than strictly curved. */
static double
work_gscale_around(struct finder_work *fw, const double *x)
{
	double g = 0, n;
	size_t k, d = fw->d;
	int sign;

	for (k = 0; k < d; k++) {
		for (sign = -1; sign <= 1; sign += 2) {
			memcpy(fw->xt, x, d * sizeof *x);
			fw->xt[k] += sign * fw->length;
			if (fw->sphere &&
			    sd_objective_retract(fw->obj, fw->xt) != 0)
				continue;
			sd_objective_rgradient(fw->obj, fw->xt, fw->gt);
			n = sd_norm(fw->gt, d);
			if (isfinite(n) && n > g)
				g = n;
		}
	}
	return g;
}

double
sd_finder_slice_tol(const sd_window *w)
{
	double length = 2 * fmax(w->xmax / 2 - w->xmin / 2,
	    w->ymax / 2 - w->ymin / 2);

	return FINDER_EDGE * (isfinite(length) ? length : DBL_MAX);
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
	if (work_init(&fw, obj, length, cause) != 0)
		return -1;
	if (sd_all_finite(x, obj->dim))
		fw.hfloor = FINDER_EIG_ABS * work_gscale_around(&fw, x) / length;
	if ((c.lam = malloc(obj->dim * sizeof *c.lam)) == NULL) {
		work_done(&fw);
		return sd_fail(cause, "out of memory");
	}
	if (!sd_all_finite(x, obj->dim) || work_classify(&fw, x, &c) != 0)
		rc = sd_fail(cause, "%s: f, its gradient or its Hessian is "
		    "not finite at the point", obj->type->name);
	else
		rc = point_fill(pt, obj->dim, x, &c, cause);
	free(c.lam);
	work_done(&fw);
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

void
sd_point_done(sd_point *pt)
{
	free(pt->x);
	free(pt->eigen);
	pt->x = NULL;
	pt->eigen = NULL;
	pt->n_eigen = 0;
}

void
sd_point_list_done(sd_point_list *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		sd_point_done(&list->points[i]);
	free(list->points);
	memset(list, 0, sizeof *list);
}

/* ---- the run ---------------------------------------------------------- */

/* Check the arguments and set up the run's scales and scratch. */
static int
finder_init(struct finder *fd, const sd_objective *obj,
    const sd_chart *chart, const sd_window *w,
    const sd_finder_options *opts, char **cause)
{
	double length;

	memset(fd, 0, sizeof *fd);
	if (chart->dim != obj->dim)
		return sd_fail(cause, "%s: the chart has dimension %zu, the "
		    "objective %zu", obj->type->name, chart->dim, obj->dim);
	if (!isfinite(w->xmin) || !isfinite(w->xmax) || !isfinite(w->ymin) ||
	    !isfinite(w->ymax) || !(w->xmin < w->xmax) || !(w->ymin < w->ymax))
		return sd_fail(cause, "window: expected finite bounds with "
		    "xmin < xmax and ymin < ymax");
	fd->chart = chart;
	fd->w = *w;
	/* Halves first, so that a window of ±1e308 does not overflow. */
	fd->ca = w->xmin / 2 + w->xmax / 2;
	fd->cb = w->ymin / 2 + w->ymax / 2;
	fd->ha = w->xmax / 2 - w->xmin / 2;
	fd->hb = w->ymax / 2 - w->ymin / 2;
	length = 2 * fmax(fd->ha, fd->hb);
	if (!isfinite(length))
		length = DBL_MAX;
	fd->grid = opts != NULL && opts->grid > 0 ? opts->grid : FINDER_GRID;
	fd->grid += fd->grid % 2;	/* a node at the centre */
	fd->max_iter = opts != NULL && opts->max_iter > 0 ? opts->max_iter :
	    FINDER_MAX_ITER;
	fd->near = opts != NULL && opts->near > FINDER_EDGE &&
	    isfinite(opts->near) ? opts->near : FINDER_EDGE;
	return work_init(&fd->work, obj, length, cause);
}

/* Release a run's storage. */
static void
finder_done(struct finder *fd)
{
	work_done(&fd->work);
	free(fd->store);
	free(fd->roots);
}

/* The chart point of node k of a grid of n intervals over [c − h, c + h]
 * (k may be negative or past n: the margin). */
static double
finder_node(double c, double h, int n, int k)
{
	return c + (k - n / 2) * (2 * h / n);
}

/* x = the chart point (a, b) on the objective's manifold; -1 if none. */
static int
finder_lift(const struct finder *fd, double a, double b, double *x)
{
	sd_chart_lift(fd->chart, a, b, x);
	return sd_objective_retract(fd->work.obj, x);
}

/* One row j of the sampling grid (see finder_sample) with the scratch x
 * and g; the row's largest ‖∇f‖ and |f| raise *gs and *fs. */
static void
finder_sample_row(const struct finder *fd, double *v, int side, int j,
    double *x, double *g, double *gs, double *fs)
{
	const struct finder_work *fw = &fd->work;
	int i, n = fd->grid, mg = FINDER_MARGIN, k = FINDER_FSTRIDE;
	double a, b = finder_node(fd->cb, fd->hb, n, j - mg), m, f;

	for (i = 0; i < side; i++) {
		a = finder_node(fd->ca, fd->ha, n, i - mg);
		v[j * side + i] = INFINITY;
		if (finder_lift(fd, a, b, x) != 0 ||
		    work_merit(fw, x, g, &m) != 0)
			continue;
		v[j * side + i] = m;
		*gs = fmax(*gs, m);
		if (i % k == 0 && j % k == 0 &&
		    isfinite(f = sd_objective_f(fw->obj, x)))
			*fs = fmax(*fs, fabs(f));
	}
}

/* Sample ‖∇f‖ on the grid and its margin into v (side × side, +∞ where
 * not finite), measuring the largest finite ‖∇f‖, and |f| on every
 * FINDER_FSTRIDE-th node (a scale needs no more, and f may cost as much
 * as ∇f). The rows go to the threads (OpenMP); each node is computed the
 * same way on any thread and the largest values do not depend on the
 * order, so the result does not depend on the thread count. Returns -1
 * when out of memory. */
static int
finder_sample(struct finder *fd, double *v, int side, char **cause)
{
	size_t d = fd->work.d, threads = 1, stride;
	double gs = 0, fs = 0, *buf;
	int j;

#ifdef _OPENMP
	threads = (size_t)omp_get_max_threads();
#endif
	/* Each thread's x and g on cache lines of their own: threads that
	 * wrote one line would take it from each other at every node. */
	stride = (2 * d + 7) / 8 * 8 + 8;
	if ((buf = malloc(stride * threads * sizeof *buf)) == NULL)
		return sd_fail(cause, "out of memory");
#pragma omp parallel reduction(max:gs, fs)
	{
		double *x = buf;

#ifdef _OPENMP
		x += stride * (size_t)omp_get_thread_num();
#endif
#pragma omp for schedule(dynamic, 1)
		for (j = 0; j < side; j++)
			finder_sample_row(fd, v, side, j, x, x + d, &gs, &fs);
	}
	free(buf);
	fd->gscale = gs;
	fd->fscale = fs;
	return 0;
}

/* Whether sample (i, j) is a local minimum of ‖∇f‖: below its earlier
 * neighbours and not above its later ones, so that a plateau of equal
 * samples gives few seeds, not all of its nodes. */
static int
finder_local_min(const double *v, int side, int i, int j)
{
	double c = v[j * side + i], e;
	int di, dj, ni, nj, earlier;

	if (!isfinite(c))
		return 0;
	for (dj = -1; dj <= 1; dj++) {
		for (di = -1; di <= 1; di++) {
			ni = i + di;
			nj = j + dj;
			if ((di == 0 && dj == 0) || ni < 0 || nj < 0 ||
			    ni >= side || nj >= side)
				continue;
			e = v[nj * side + ni];
			earlier = dj < 0 || (dj == 0 && di < 0);
			if (earlier ? !(e > c) : e < c)
				return 0;
		}
	}
	return 1;
}

/* Room for one more root; its x goes at the returned address. */
static double *
finder_room(struct finder *fd, char **cause)
{
	size_t cap, d = fd->work.d;
	struct finder_root *r;
	double *s;

	if (fd->n == fd->cap) {
		cap = fd->cap > 0 ? 2 * fd->cap : 256;
		if ((r = realloc(fd->roots, cap * sizeof *r)) == NULL)
			goto fail;
		fd->roots = r;
		if ((s = realloc(fd->store, cap * 2 * d * sizeof *s)) == NULL)
			goto fail;
		fd->store = s;
		fd->cap = cap;
	}
	return fd->store + fd->n * 2 * d;
fail:
	sd_fail(cause, "out of memory");
	return NULL;
}

/* Whether the root x is a candidate: finite, a tiny gradient, inside the
 * closed window (up to FINDER_EDGE) and on the slice (near it, with
 * opts->near). */
static int
finder_accept(struct finder *fd, const double *x, struct finder_root *r)
{
	struct finder_work *fw = &fd->work;
	double m, ea = FINDER_EDGE * 2 * fd->ha, eb = FINDER_EDGE * 2 * fd->hb;

	if (work_merit(fw, x, fw->g, &m) != 0 || !(m <= fd->gtol))
		return 0;
	r->gnorm = m;
	r->f = sd_objective_f(fw->obj, x);
	sd_chart_project(fd->chart, x, &r->a, &r->b, &r->offset);
	return isfinite(r->f) && r->a >= fd->w.xmin - ea &&
	    r->a <= fd->w.xmax + ea && r->b >= fd->w.ymin - eb &&
	    r->b <= fd->w.ymax + eb && r->offset <= fd->near * fw->length;
}

/* Newton from the chart point (a, b); a candidate root is kept. */
static int
finder_seed(struct finder *fd, double a, double b, char **cause)
{
	struct finder_root *r;
	double *x;

	if ((x = finder_room(fd, cause)) == NULL)
		return -1;
	if (finder_lift(fd, a, b, x) != 0 ||
	    finder_newton(fd, x) != FINDER_ROOT)
		return 0;
	r = &fd->roots[fd->n];
	if (finder_accept(fd, x, r)) {
		r->at = fd->n * 2 * fd->work.d;
		r->keep = 1;
		fd->n++;
	}
	return 0;
}

/* Run Newton from every seed: the local minima of the samples, a coarse
 * regular grid, and the chart's origin when it is in the window. */
static int
finder_seeds(struct finder *fd, const double *v, int side, char **cause)
{
	int i, j, n = fd->grid, c = FINDER_COARSE, mg = FINDER_MARGIN;
	int rc = 0;

	for (j = 0; j < side && rc == 0; j++) {
		for (i = 0; i < side && rc == 0; i++) {
			if (finder_local_min(v, side, i, j))
				rc = finder_seed(fd,
				    finder_node(fd->ca, fd->ha, n, i - mg),
				    finder_node(fd->cb, fd->hb, n, j - mg),
				    cause);
		}
	}
	for (j = 0; j <= c && rc == 0; j++) {
		for (i = 0; i <= c && rc == 0; i++)
			rc = finder_seed(fd, finder_node(fd->ca, fd->ha, c, i),
			    finder_node(fd->cb, fd->hb, c, j), cause);
	}
	if (rc == 0 && fd->w.xmin <= 0 && fd->w.xmax >= 0 &&
	    fd->w.ymin <= 0 && fd->w.ymax >= 0)
		rc = finder_seed(fd, 0, 0, cause);
	return rc;
}

/* Lexicographic order of two points of dimension d. */
static int
finder_cmp_x(const double *x, const double *y, size_t d)
{
	size_t i;

	for (i = 0; i < d; i++) {
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	}
	return 0;
}

/* qsort: the smallest gradient first (the best-converged copy of a point
 * represents it), then by coordinates so that the run is reproducible. */
static int
finder_cmp_gnorm(const void *pa, const void *pb)
{
	const struct finder_root *p = pa, *q = pb;

	if (p->gnorm != q->gnorm)
		return p->gnorm < q->gnorm ? -1 : 1;
	return finder_cmp_x(p->x, q->x, p->d);
}

/* qsort: the output order, f (quantized) then x1, x2, ... */
static int
finder_cmp_out(const void *pa, const void *pb)
{
	const struct finder_root *p = pa, *q = pb;

	if (p->key != q->key)
		return p->key < q->key ? -1 : 1;
	return finder_cmp_x(p->x, q->x, p->d);
}

/* Distance between two points of dimension d. */
static double
finder_distance(const double *x, const double *y, size_t d, double *t)
{
	memcpy(t, x, d * sizeof *t);
	sd_axpy(-1, y, t, d);
	return sd_norm(t, d);
}

/* Drop the roots within reach of a better root kept before them: any
 * root within FINDER_DEDUP·L (or rounding) in the first pass; a root with
 * a singular Hessian (perhaps one of a continuum) within FINDER_SPACING·L
 * of one of its kind in the second. */
static void
finder_dedup(struct finder *fd, int second)
{
	struct finder_root *p, *q;
	size_t i, j, k, d = fd->work.d;
	double reach, big;

	for (i = 0; i < fd->n; i++) {
		p = &fd->roots[i];
		if (!p->keep || (second && !p->singular))
			continue;
		for (j = 0; j < i && p->keep; j++) {
			q = &fd->roots[j];
			if (!q->keep || (second && (!q->singular ||
			    q->kind != p->kind)))
				continue;
			for (big = 0, k = 0; k < d; k++)
				big = fmax(big, fmax(fabs(p->x[k]), fabs(q->x[k])));
			reach = second ? FINDER_SPACING * fd->work.length :
			    fmax(FINDER_DEDUP * fd->work.length,
			    64 * DBL_EPSILON * big);
			if (finder_distance(p->x, q->x, d, fd->work.xt) <= reach)
				p->keep = 0;
		}
	}
}

/* Classify the kept roots; those that are not resolved roots go. */
static void
finder_classify_all(struct finder *fd)
{
	struct finder_class c;
	struct finder_root *r;
	double q = FINDER_FQUANTUM * fd->fscale, key;
	size_t i;

	for (i = 0; i < fd->n; i++) {
		r = &fd->roots[i];
		if (!r->keep)
			continue;
		c.lam = fd->store + r->at + r->d;
		if (work_classify(&fd->work, r->x, &c) != 0 || !c.resolved) {
			r->keep = 0;
			continue;
		}
		r->kind = c.kind;
		r->singular = c.singular;
		r->f = c.f;
		r->gnorm = c.gnorm;
		key = q > 0 ? nearbyint(r->f / q) : r->f;
		r->key = isfinite(key) ? key : copysign(INFINITY, r->f);
	}
}

/* Hand the kept roots, in output order, to *out. */
static int
finder_output(struct finder *fd, sd_point_list *out, char **cause)
{
	struct finder_class c;
	struct finder_root *r;
	size_t i, n = 0, d = fd->work.d;
	sd_point *pt;

	qsort(fd->roots, fd->n, sizeof *fd->roots, finder_cmp_out);
	for (i = 0; i < fd->n; i++)
		n += fd->roots[i].keep;
	out->dim = d;
	if (n > 0 && (out->points = calloc(n, sizeof *out->points)) == NULL)
		return sd_fail(cause, "out of memory");
	out->cap = n;
	for (i = 0; i < fd->n; i++) {
		r = &fd->roots[i];
		if (!r->keep)
			continue;
		c.kind = r->kind;
		c.f = r->f;
		c.gnorm = r->gnorm;
		c.lam = fd->store + r->at + d;
		c.n_eigen = fd->work.sphere ? d - 1 : d;
		pt = &out->points[out->n];
		if (point_fill(pt, d, r->x, &c, cause) != 0)
			return -1;
		out->n++;
		pt->a = r->a + 0.0;
		pt->b = r->b + 0.0;
		pt->offset = r->offset;
	}
	return 0;
}

int
sd_finder_run(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_finder_options *opts,
    sd_point_list *out, char **cause)
{
	struct finder fd;
	double *v = NULL;
	size_t i, side;
	int rc = -1;

	sd_gsl_quiet();
	memset(out, 0, sizeof *out);
	if (finder_init(&fd, obj, chart, window, opts, cause) != 0)
		return -1;
	side = (size_t)fd.grid + 1 + 2 * FINDER_MARGIN;
	if ((v = malloc(side * side * sizeof *v)) == NULL ||
	    finder_room(&fd, cause) == NULL) {
		if (v == NULL)
			sd_fail(cause, "out of memory");
		goto done;
	}
	if (finder_sample(&fd, v, (int)side, cause) != 0)
		goto done;
	fd.gtol = FINDER_GTOL * fd.gscale;
	fd.work.hfloor = FINDER_EIG_ABS * fd.gscale / fd.work.length;
	fd.work.gfloor = FINDER_FLOOR * fd.gscale;
	fd.work.ffloor = FINDER_FLOOR * fd.fscale;
	/* No finite sample, or ∇f = 0 at all of them: nothing to resolve. */
	if (fd.gscale > 0 && finder_seeds(&fd, v, (int)side, cause) != 0)
		goto done;
	for (i = 0; i < fd.n; i++) {
		fd.roots[i].x = fd.store + fd.roots[i].at;
		fd.roots[i].d = fd.work.d;
	}
	qsort(fd.roots, fd.n, sizeof *fd.roots, finder_cmp_gnorm);
	finder_dedup(&fd, 0);
	finder_classify_all(&fd);
	finder_dedup(&fd, 1);
	if ((rc = finder_output(&fd, out, cause)) != 0)
		sd_point_list_done(out);
done:
	free(v);
	finder_done(&fd);
	return rc;
}
