/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_plane.c: the finder's search through a slice (finder.c explains
 * the method; objective.h the slice's fgh and grad_grid hooks).
 *
 * Why. A stationary point of f that lies on the plane x = c + a·u + b·v
 * is a stationary point of φ(a, b) = f(c + a·u + b·v), whose value,
 * gradient and Hessian the slice gives in O(n) (glm) or O(1) (pca)
 * instead of O(n·d) and a Krylov solve. So the run looks for φ's
 * stationary points first (the same finder, seeds, Newton and dedup, on
 * the two-dimensional φ: the inner run), and only at those looks at f in
 * R^d: a point is a candidate when ‖∇f‖ there is at most the root
 * tolerance (a root of φ off the roots of f has ∇f ≠ 0 across the
 * plane), and damped Newton in R^d from it (finder_newton.c, which
 * starts at a root and stops at once) decides, as from any seed. On
 * glm:d=200,n=2000 that replaces 17,689 gradients and ~43,000
 * Hessian-vector products in R^d (none of whose runs ended on the
 * slice) with as many O(n) samples and one gradient per root of φ.
 *
 * When. With a plane chart and a slice with fgh; also for the points
 * near the slice (`--all`): Newton in R^d then runs from every one of
 * φ's points, not only those where ∇f vanishes (glm:d=5's minimum lies
 * beside the plane of w*, next to φ's), and finder_near.c seeds off the
 * slice from the roots. Newton in R^d from every seed of the grid, which
 * this replaces, took glm:d=10,n=100000 a minute. G and F are the inner run's: the
 * largest ‖∇φ‖ and |φ| on its grid, which on an orthonormal chart is
 * the largest ‖∇f‖'s part along the plane (all of it in two dimensions
 * or on a slice that Newton keeps, such as pca's). */
#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "base/vec.h"
#include "landscape/finder_impl.h"

#define PLANE_ROWS	72	/* grid rows sampled together, at most */

/* The inner objective's state: the slice it reads, and the run's number
 * (what a thread's last fgh is kept under). */
struct plane_state {
	const sd_objective_slice	*proj;
	unsigned long			 run;
};

/* Runs numbered as they start, so that a new run never takes another's
 * fgh for its own. */
static atomic_ulong plane_runs;

/* The thread's last fgh: Newton asks the gradient at a trial point and,
 * once it is taken, the Hessian at the same point (finder_newton.c), and
 * on a slice both are one fgh, O(n·k) for twolayer. */
static _Thread_local struct plane_last {
	unsigned long	run;	/* 0: none */
	double		a, b, f, g[2], h[3];
} plane_last;

/* fgh at x through the thread's last one when x is its point (the same
 * bits: fgh is a function of (a, b)). */
static void
plane_fgh(const struct plane_state *ps, const double *x, double *f,
    double *g, double *h)
{
	struct plane_last *l = &plane_last;

	if (l->run != ps->run || l->a != x[0] || l->b != x[1]) {
		ps->proj->fgh(ps->proj->data, x[0], x[1], &l->f, l->g, l->h);
		l->run = ps->run;
		l->a = x[0];
		l->b = x[1];
	}
	*f = l->f;
	memcpy(g, l->g, sizeof l->g);
	memcpy(h, l->h, sizeof l->h);
}

static double
plane_f(const void *state, const double *x)
{
	const struct plane_state *ps = state;
	double f;

	ps->proj->f(ps->proj->data, 1, &x[0], &x[1], &f);
	return f;
}

static void
plane_grad(const void *state, const double *x, double *g)
{
	const struct plane_state *ps = state;
	double f, h[3];

	plane_fgh(ps, x, &f, g, h);
}

static void
plane_hess(const void *state, const double *x, double *h)
{
	const struct plane_state *ps = state;
	double f, g[2], s[3];

	plane_fgh(ps, x, &f, g, s);
	h[0] = s[0];
	h[1] = h[2] = s[1];
	h[3] = s[2];
}

/* φ as an objective of its own, for the inner run. */
static const sd_objective_type plane_type = {
	.name = "slice",
	.summary = "f along a plane chart",
	.formula = "f(c + a·u + b·v)",
	.dim = 2,
	.window = { -1, 1, -1, 1 },
	.f = plane_f,
	.grad = plane_grad,
	.hess = plane_hess,
};

/* ‖∇φ‖ on rows [j0, j0 + nb) of the grid into v (side wide), the nodes
 * a[] and b[]: through grad_grid (the slice's, or NULL: fgh point by
 * point) with ga and gb as its room. */
static void
plane_sample_rows(const sd_objective_slice *proj,
    void (*grad_grid)(const void *, size_t, const double *, size_t,
    const double *, double *, double *, size_t), const double *a,
    const double *b, size_t side, size_t j0, size_t nb, double *v,
    double *ga, double *gb)
{
	double f, h[3], g[2], m;
	size_t i, j;

	if (grad_grid != NULL)
		grad_grid(proj->data, side, a, nb, b + j0, ga, gb, side);
	for (j = 0; j < nb; j++) {
		for (i = 0; i < side; i++) {
			if (grad_grid == NULL) {
				proj->fgh(proj->data, a[i], b[j0 + j], &f, g,
				    h);
			} else {
				g[0] = ga[j * side + i];
				g[1] = gb[j * side + i];
			}
			m = sd_norm(g, 2);
			v[(j0 + j) * side + i] = isfinite(m) ? m : INFINITY;
		}
	}
}

/* The largest finite |φ| on every FINDER_FSTRIDE-th node of the grid,
 * with f (m² + 2m doubles, m = ⌈side/FINDER_FSTRIDE⌉) as room: rows in
 * a chunk per thread (the slice's grid shares work along rows and
 * columns; each value the same bits whatever the chunk). */
static double
plane_fscale(const sd_objective_slice *proj, const double *a,
    const double *b, size_t side, double *f)
{
	size_t i, k = FINDER_FSTRIDE, m = (side + k - 1) / k, rows = m;
	double fs = 0, *as = f + m * m, *bs = as + m;
	long c, chunks = 1;

	for (i = 0; i < m; i++) {
		as[i] = a[i * k];
		bs[i] = b[i * k];
	}
#ifdef _OPENMP
	rows = (m + (size_t)omp_get_max_threads() - 1) /
	    (size_t)omp_get_max_threads();
	chunks = (long)((m + rows - 1) / rows);
#endif
#pragma omp parallel for schedule(dynamic, 1) reduction(max:fs)
	for (c = 0; c < chunks; c++) {
		size_t j, j0 = (size_t)c * rows, nb = m - j0 < rows ? m - j0 :
		    rows;

		if (proj->grid != NULL)
			proj->grid(proj->data, m, as, nb, bs + j0, f + j0 * m,
			    m);
		for (j = j0; j < j0 + nb; j++) {
			for (i = 0; proj->grid == NULL && i < m; i++)
				proj->f(proj->data, 1, &as[i], &bs[j],
				    &f[j * m + i]);
			for (i = 0; i < m; i++)
				if (isfinite(f[j * m + i]))
					fs = fmax(fs, fabs(f[j * m + i]));
		}
	}
	return fs;
}

/* ‖∇φ‖ at every node a[i], b[j] of the grid into v, its largest finite
 * value into *gmax: rows in chunks over the threads. */
static void
plane_sample_all(const sd_objective_slice *proj, const double *a,
    const double *b, size_t w, double *v, double *gmax)
{
	size_t rows, k, threads = 1, chunks = (w + PLANE_ROWS - 1) / PLANE_ROWS;
	double gs = 0;
	long c;

#ifdef _OPENMP
	threads = (size_t)omp_get_max_threads();
#endif
	/* As many chunks as a multiple of the threads, as the field's tiles
	 * (field.c): 150 rows go as 4 chunks of 38 on 2 threads, not 3. */
	chunks = (chunks + threads - 1) / threads * threads;
	rows = (w + chunks - 1) / chunks;
	chunks = (w + rows - 1) / rows;
#pragma omp parallel for schedule(dynamic, 1)
	for (c = 0; c < (long)chunks; c++) {
		size_t j0 = (size_t)c * rows;
		size_t nb = w - j0 < rows ? w - j0 : rows;
		/* Each chunk's sums in memory of its own; without it, φ's
		 * gradient point by point. */
		double *ga = malloc(2 * nb * w * sizeof *ga);

		plane_sample_rows(proj, ga != NULL ? proj->grad_grid : NULL,
		    a, b, w, j0, nb, v, ga, ga != NULL ? ga + nb * w : NULL);
		free(ga);
	}
	for (k = 0; k < w * w; k++)
		if (isfinite(v[k]))
			gs = fmax(gs, v[k]);
	*gmax = gs;
}

/* The grid coarse to fine (finder_scan.c) when a sample is a pass over
 * at least fd->scan_bytes of the slice's data, and the grid has a few
 * coarse cells a side. Then G is the largest ‖∇φ‖ over the nodes
 * sampled, which is the grid's as long as the scan's bounds hold. */
int
sd_finder_plane_sample(struct finder *fd, double *v, int side, char **cause)
{
	const sd_objective_slice *proj = fd->grid_slice;
	size_t w = (size_t)side;
	double *buf, *a, *b;
	int k, rc = 0;

	if ((buf = malloc((2 * w + w * w) * sizeof *buf)) == NULL)
		return sd_fail(cause, "out of memory");
	a = buf;
	b = a + w;
	for (k = 0; k < side; k++) {
		a[k] = sd_finder_node(fd->ca, fd->ha, fd->grid,
		    k - FINDER_MARGIN);
		b[k] = sd_finder_node(fd->cb, fd->hb, fd->grid,
		    k - FINDER_MARGIN);
	}
	/* Coarse to fine, φ on the coarse nodes comes with ∇φ (fg_grid,
	 * the same bits as grid's): F from that pass. */
	fd->fscale = -1;
	if (proj->bytes >= fd->scan_bytes && w > 4 * FINDER_SCAN_STRIDE)
		rc = sd_finder_scan(proj, a, b, w, v, &fd->gscale,
		    &fd->fscale, cause);
	else
		plane_sample_all(proj, a, b, w, v, &fd->gscale);
	if (rc == 0 && fd->fscale < 0)
		fd->fscale = plane_fscale(proj, a, b, w, b + w);
	free(buf);
	return rc;
}

/* Whether the run goes through the slice: a plane chart, an objective
 * whose slice has fgh and no certified search. */
static int
plane_applies(const struct finder *fd, const sd_finder_options *opts)
{
	const sd_objective_type *t = fd->work.obj->type;

	return !(opts != NULL && opts->full_space) &&
	    fd->chart->kind == SD_CHART_PLANE && !fd->work.sphere &&
	    t->slice_new != NULL && t->expression == NULL &&
	    fd->work.obj->spec != NULL;
}

/* The inner run on φ: its points into fd->inner, G and F into fd. */
static int
plane_inner(struct finder *fd, const sd_finder_options *opts, char **cause)
{
	static const double zero[2] = { 0, 0 }, e1[2] = { 1, 0 },
	    e2[2] = { 0, 1 };
	sd_finder_options o = { 0 };
	struct plane_state *ps;
	sd_objective *obj;
	sd_chart chart;
	double scales[2];
	int rc;

	if ((ps = calloc(1, sizeof *ps)) == NULL)
		return sd_fail(cause, "out of memory");
	ps->proj = &fd->slice.proj;
	ps->run = atomic_fetch_add(&plane_runs, 1) + 1;
	if ((obj = sd_objective_new_state(&plane_type, ps, "slice",
	    cause)) == NULL)
		return -1;
	if (sd_chart_init_plane(&chart, 2, zero, e1, e2, cause) != 0) {
		sd_objective_free(obj);
		return -1;
	}
	o.grid = opts != NULL ? opts->grid : 0;
	o.scan_bytes = opts != NULL ? opts->scan_bytes : 0;
	o.max_iter = fd->max_iter;
	o.no_certify = 1;
	o.no_capture = opts != NULL && opts->no_capture;
	rc = sd_finder_run_in(obj, &chart, &fd->w, &o, ps->proj, &fd->inner,
	    scales, cause);
	fd->gscale = scales[0];
	fd->fscale = scales[1];
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return rc;
}

int
sd_finder_plane_scan(struct finder *fd, const sd_finder_options *opts,
    char **cause)
{
	if (!plane_applies(fd, opts))
		return 0;
	if (sd_slice_update(&fd->slice, fd->work.obj, fd->chart, cause) != 0)
		return -1;
	if (fd->slice.proj.f == NULL || fd->slice.proj.fgh == NULL)
		return 0;
	return plane_inner(fd, opts, cause) == 0 ? 1 : -1;
}

int
sd_finder_plane_seeds(struct finder *fd, char **cause)
{
	const sd_point *p;
	double *x, m;
	size_t k;

	for (k = 0; k < fd->inner.n; k++) {
		p = &fd->inner.points[k];
		if ((x = sd_finder_room(fd, cause)) == NULL)
			return -1;
		sd_chart_lift(fd->chart, p->x[0], p->x[1], x);
		if (sd_finder_merit(&fd->work, x, fd->work.g, &m) == 0 &&
		    (m <= fd->gtol || fd->near > FINDER_EDGE))
			sd_finder_keep(fd, x);
	}
	return sd_finder_near_seeds(fd, cause);
}
