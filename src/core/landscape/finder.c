/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder.c: the stationary points of an objective inside a window of a
 * chart (see finder.h and DESIGN.md §3). This file is the run (sampling,
 * dedup, order); the seeds and their runs are in finder_seeds.c, Newton
 * from one seed in finder_newton.c, the classification of one point in
 * finder_classify.c (finder_impl.h).
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
 * Where the objective's slice has φ's derivatives (fgh) and no point off
 * the slice is asked for, all of this runs on φ(a, b) = f(c + a·u + b·v)
 * first, at O(n) a sample, and Newton in R^d only from φ's stationary
 * points where ∇f vanishes (finder_plane.c). There the seeds run in
 * rounds, and a run that a root of an earlier round captures (its steps
 * contract onto that root: finder_newton.c) ends as its copy.
 *
 * Certified path. Where the objective has a certified search (certify.h:
 * two dimensions, a formula, a plane chart) its proven roots replace the
 * seeds' (finder_certify.c): they are classified like any root, kept even
 * where the resolution test below would drop them, and never merged by
 * the dedup radius (two proof boxes said they are two). Newton from the
 * seeds runs only when regions are left unresolved, and only its roots
 * inside those regions are kept. The list says complete when none is.
 *
 * Tolerances. Nothing is absolute: L is the window's larger side, G the
 * largest finite ‖∇f‖ and F the largest finite |f| on the sampling grid,
 * so that rescaling x or f rescales every threshold with it. (Through a
 * dear slice the grid is sampled coarse to fine, finder_scan.c: G is then
 * the largest ‖∇φ‖ over the nodes sampled, which its bounds make the
 * grid's, and the local minima are the grid's by the same bounds.)
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
 *		lands on points that lie beside the slice rather than on it;
 *		on a slice it keeps, finder_near.c seeds off the slice.
 * dedup	Roots closer than FINDER_DEDUP × L (or 64 ulp of |x|) are one
 *		point, the one with the smallest gradient. Roots with a
 *		singular Hessian (an eigenvalue within tol of 0: perhaps one of
 *		a continuum) of one kind closer than FINDER_SPACING × L are one:
 *		that samples a continuum such as linnet's xy = 1 at that spacing.
 * classify	λ are the eigenvalues of ∇²f (on the sphere of the Riemannian
 *		Hessian, §2.3, without the one along x: d − 1 of them), and
 *		tol = max(FINDER_EIG_REL · max|λ|, FINDER_EIG_STEP · Δ), Δ
 *		the largest of ‖∇²f(x + s) − ∇²f(x)‖_F, s the Newton step at
 *		x, and of ‖∇²f(x ± δe_k) − ∇²f(x)‖_F, δ = FINDER_XTOL ·
 *		(‖x‖∞ + L) the distance within which a root is located:
 *		rounding relative to the Hessian at x, and how far the
 *		eigenvalues can still move on the way to the exact root (Weyl),
 *		which is large only where the Hessian varies fast there: at a
 *		degenerate point (r^3.54 at 1e-129, where ∇f underflowed to 0
 *		short of the root and λ ~ 1e-198). Nothing is relative to the
 *		window's scale, so an eigenvalue that is clearly nonzero stays
 *		so in any window: (x² − 1e-4)² + y² has a saddle at 0, λ_min =
 *		−4e-4, on ±1e5 too. Where ∇²f is not finite at x or x + s (sqrt
 *		at 0), the Hessians beside x stand for it (finder_classify.c,
 *		work_beside): the eigenvalues are their limit, Δ how far they
 *		lie from it. All
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

#include "base/error.h"
#include "base/vec.h"
#include "landscape/finder_impl.h"

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

int
sd_point_kind_is_min(sd_point_kind kind)
{
	return kind == SD_POINT_MIN || kind == SD_POINT_DEGENERATE_MIN;
}

double
sd_finder_slice_tol(const sd_window *w)
{
	double length = 2 * fmax(w->xmax / 2 - w->xmin / 2,
	    w->ymax / 2 - w->ymin / 2);

	return FINDER_EDGE * (isfinite(length) ? length : DBL_MAX);
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
	free(list->unresolved);
	free(list->why);
	memset(list, 0, sizeof *list);
}

/* ---- the run ---------------------------------------------------------- */

/* Whether every point of the objective's space lies on the chart's
 * slice: a plane in two dimensions, the sphere chart of S². */
static int
finder_spans(const sd_objective *obj, const sd_chart *chart)
{
	if (chart->kind == SD_CHART_PLANE)
		return obj->dim == 2;
	return obj->dim == 3 && obj->type->manifold == SD_SPHERE;
}

/* Check the arguments and set up the run's scales and scratch. */
static int
finder_init(struct finder *fd, const sd_objective *obj,
    const sd_chart *chart, const sd_window *w,
    const sd_finder_options *opts, char **cause)
{
	double length;

	memset(fd, 0, sizeof *fd);
	sd_slice_init(&fd->slice);
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
	fd->scan_bytes = opts != NULL && opts->scan_bytes > 0 ?
	    opts->scan_bytes : FINDER_SCAN_BYTES;
	/* A chart that spans the whole space (a plane in two dimensions,
	 * a sphere chart in three) has nothing beside it: --all is the
	 * plain search then, through the slice where it has one. */
	fd->near = opts != NULL && opts->near > FINDER_EDGE &&
	    isfinite(opts->near) && !finder_spans(obj, chart) ? opts->near :
	    FINDER_EDGE;
	return sd_finder_work_init(&fd->work, obj, length, cause);
}

/* Release a run's storage. */
static void
finder_done(struct finder *fd)
{
	sd_finder_work_done(&fd->work);
	sd_certify_result_done(&fd->certified);
	sd_slice_done(&fd->slice);
	sd_point_list_done(&fd->inner);
	free(fd->store);
	free(fd->roots);
}

int
sd_finder_lift(const struct finder *fd, double a, double b, double *x)
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
	double a, b = sd_finder_node(fd->cb, fd->hb, n, j - mg), m, f;

	for (i = 0; i < side; i++) {
		a = sd_finder_node(fd->ca, fd->ha, n, i - mg);
		v[j * side + i] = INFINITY;
		if (sd_finder_lift(fd, a, b, x) != 0 ||
		    sd_finder_merit(fw, x, g, &m) != 0)
			continue;
		v[j * side + i] = m;
		*gs = fmax(*gs, m);
		if (i % k == 0 && j % k == 0 &&
		    isfinite(f = sd_objective_f(fw->obj, x)))
			*fs = fmax(*fs, fabs(f));
	}
}

/* A thread's room for a row in one batch evaluation: the row's points
 * and gradients as dim rows of side, f, their row pointers, and x and g
 * of one point. */
struct finder_rowbuf {
	double		*x, *g, *f, *p, *q;
	const double	**xs;
	double		**gs;
};

/* finder_sample_row with the objective's batch evaluation (a type with
 * fg_batch on R^d, where the gradient followed is ∇f and no retraction
 * fails): the whole row in one call, f and ∇f the same bits as node by
 * node (fg_batch's promise), so the same grid. */
static void
finder_sample_row_batch(const struct finder *fd, double *v, int side, int j,
    const struct finder_rowbuf *r, double *gs, double *fs)
{
	int i, n = fd->grid, mg = FINDER_MARGIN, k = FINDER_FSTRIDE;
	double b = sd_finder_node(fd->cb, fd->hb, n, j - mg), m;
	size_t c, d = fd->work.d, w = (size_t)side;

	for (i = 0; i < side; i++) {
		sd_chart_lift(fd->chart, sd_finder_node(fd->ca, fd->ha, n,
		    i - mg), b, r->p);
		for (c = 0; c < d; c++)
			r->x[c * w + (size_t)i] = r->p[c];
	}
	sd_objective_fg_batch(fd->work.obj, w, r->xs, r->f, r->gs, r->p);
	for (i = 0; i < side; i++) {
		for (c = 0; c < d; c++)
			r->q[c] = r->g[c * w + (size_t)i];
		m = sd_norm(r->q, d);
		v[j * side + i] = isfinite(m) ? m : INFINITY;
		if (!isfinite(m))
			continue;
		*gs = fmax(*gs, m);
		if (i % k == 0 && j % k == 0 && isfinite(r->f[i]))
			*fs = fmax(*fs, fabs(r->f[i]));
	}
}

/* Carve thread t's row room out of buf (finder_rowbuf_doubles each). */
static void
finder_rowbuf_at(struct finder_rowbuf *r, double *buf, size_t t, size_t d,
    size_t side, const double **xs, double **gs)
{
	size_t c, per = (2 * d + 1) * side + 4 * d + 8;

	r->x = buf + t * per;
	r->g = r->x + d * side;
	r->f = r->g + d * side;
	r->p = r->f + side;
	r->q = r->p + 2 * d;
	r->xs = xs + t * d;
	r->gs = gs + t * d;
	for (c = 0; c < d; c++) {
		r->xs[c] = r->x + c * side;
		r->gs[c] = r->g + c * side;
	}
}

/* Sample the grid row by row through the objective's batch evaluation
 * (finder_sample_row_batch); -1 when out of memory. */
static int
finder_sample_batch(struct finder *fd, double *v, int side, double *gs,
    double *fs)
{
	size_t d = fd->work.d, threads = 1, w = (size_t)side;
	size_t per = (2 * d + 1) * w + 4 * d + 8;
	double g = 0, f = 0, *buf = NULL;
	const double **xs = NULL;
	double **gp = NULL;
	int j, rc = -1;

#ifdef _OPENMP
	threads = (size_t)omp_get_max_threads();
#endif
	if ((buf = malloc(per * threads * sizeof *buf)) == NULL ||
	    (xs = malloc(d * threads * sizeof *xs)) == NULL ||
	    (gp = malloc(d * threads * sizeof *gp)) == NULL)
		goto out;
#pragma omp parallel reduction(max:g, f)
	{
		struct finder_rowbuf r;
		size_t t = 0;

#ifdef _OPENMP
		t = (size_t)omp_get_thread_num();
#endif
		finder_rowbuf_at(&r, buf, t, d, w, xs, gp);
#pragma omp for schedule(dynamic, 1)
		for (j = 0; j < side; j++)
			finder_sample_row_batch(fd, v, side, j, &r, &g, &f);
	}
	*gs = g;
	*fs = f;
	rc = 0;
out:
	free(buf);
	free(xs);
	free(gp);
	return rc;
}

/* Sample ‖∇f‖ on the grid and its margin into v (side × side, +∞ where
 * not finite), measuring the largest finite ‖∇f‖, and |f| on every
 * FINDER_FSTRIDE-th node (a scale needs no more, and f may cost as much
 * as ∇f). The rows go to the threads (OpenMP); each node is computed the
 * same way on any thread and the largest values do not depend on the
 * order, so the result does not depend on the thread count. An objective
 * with a batch evaluation on R^d is sampled a row at a time through it.
 * Returns -1 when out of memory. */
static int
finder_sample(struct finder *fd, double *v, int side, char **cause)
{
	size_t d = fd->work.d, threads = 1, stride;
	double gs = 0, fs = 0, *buf;
	int j;

	if (fd->grid_slice != NULL)
		return sd_finder_plane_sample(fd, v, side, cause);
	if (fd->work.obj->type->fg_batch != NULL && !fd->work.sphere) {
		if (finder_sample_batch(fd, v, side, &fd->gscale,
		    &fd->fscale) != 0)
			return sd_fail(cause, "out of memory");
		return 0;
	}
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

/* Room for one more root; its x goes at the returned address. */
double *
sd_finder_room(struct finder *fd, char **cause)
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

/* qsort: the output order, f (quantized) then x1, x2, ...; the dropped
 * roots last, unordered: they were never classified, so their keys are
 * not set. */
static int
finder_cmp_out(const void *pa, const void *pb)
{
	const struct finder_root *p = pa, *q = pb;

	if (!p->keep || !q->keep)
		return q->keep - p->keep;
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
		if (!p->keep || (second && (!p->singular || p->certified)))
			continue;
		for (j = 0; j < i && p->keep; j++) {
			q = &fd->roots[j];
			/* Two proven roots are two: their boxes said so. */
			if (!q->keep || (p->certified && q->certified) ||
			    (second && (!q->singular || q->kind != p->kind)))
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
		if (sd_finder_classify_at(&fd->work, r->x, &c) != 0 ||
		    (!c.resolved && !r->certified && !r->slid)) {
			fd->lost |= r->certified;
			r->keep = 0;
			continue;
		}
		r->kind = c.kind;
		r->n_eigen = c.n_eigen;
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
		c.n_eigen = r->n_eigen;
		pt = &out->points[out->n];
		if (sd_finder_point_fill(pt, d, r->x, &c, cause) != 0)
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
	double scales[2];

	return sd_finder_run_in(obj, chart, window, opts, NULL, out, scales,
	    cause);
}

/* The seeds' Newton runs: from φ's points (finder_plane.c) when plane,
 * else from the samples v. */
static int
finder_search(struct finder *fd, int plane, const double *v, int side,
    char **cause)
{
	return plane ? sd_finder_plane_seeds(fd, cause) :
	    sd_finder_seeds(fd, v, side, cause);
}

int
sd_finder_run_in(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_finder_options *opts,
    const sd_objective_slice *grid_slice, sd_point_list *out,
    double *scales, char **cause)
{
	struct finder fd;
	double *v = NULL;
	size_t i, side, first;
	int rc = -1, cert, plane = 0;

	sd_gsl_quiet();
	memset(out, 0, sizeof *out);
	if (finder_init(&fd, obj, chart, window, opts, cause) != 0)
		return -1;
	fd.grid_slice = grid_slice;
	fd.no_capture = opts != NULL && opts->no_capture;
	side = (size_t)fd.grid + 1 + 2 * FINDER_MARGIN;
	if ((v = malloc(side * side * sizeof *v)) == NULL ||
	    sd_finder_room(&fd, cause) == NULL) {
		if (v == NULL)
			sd_fail(cause, "out of memory");
		goto done;
	}
	if ((plane = sd_finder_plane_scan(&fd, opts, cause)) < 0 ||
	    (plane == 0 && finder_sample(&fd, v, (int)side, cause) != 0))
		goto done;
	scales[0] = fd.gscale;
	scales[1] = fd.fscale;
	fd.gtol = FINDER_GTOL * fd.gscale;
	fd.work.gscale = fd.gscale;
	fd.work.gfloor = FINDER_FLOOR * fd.gscale;
	fd.work.ffloor = FINDER_FLOOR * fd.fscale;
	if ((cert = sd_finder_certify(&fd, opts, out, cause)) < 0)
		goto done;
	first = fd.n;
	/* No finite sample, or ∇f = 0 at all of them: nothing to resolve. */
	if (fd.gscale > 0 && out->n_unresolved > 0 &&
	    finder_search(&fd, plane, v, (int)side, cause) != 0)
		goto done;
	if (cert == 0)
		sd_finder_certify_filter(&fd, first, out);
	for (i = 0; i < fd.n; i++) {
		fd.roots[i].x = fd.store + fd.roots[i].at;
		fd.roots[i].d = fd.work.d;
	}
	qsort(fd.roots, fd.n, sizeof *fd.roots, finder_cmp_gnorm);
	finder_dedup(&fd, 0);
	finder_classify_all(&fd);
	finder_dedup(&fd, 1);
	out->complete = cert == 0 && out->n_unresolved == 0 && !fd.lost;
	out->near_cut = fd.near_cut;
	rc = finder_output(&fd, out, cause);
done:
	if (rc != 0)
		sd_point_list_done(out);
	free(v);
	finder_done(&fd);
	return rc;
}
