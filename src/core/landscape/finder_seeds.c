/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_seeds.c: the finder's seeds (finder.c explains the method): the
 * local minima of the samples, a coarse regular grid and the chart's
 * origin, and a Newton run from each whose candidate root is kept.
 *
 * Threads. The inner run of a search through a slice (finder_plane.c)
 * runs its seeds on the threads: each run is a function of its seed
 * alone (its work area its own, φ's fgh safe from several threads and
 * cached per thread), so its root has the same bits on any thread, and
 * the roots join the run in seed order, as one after the other would.
 * On twolayer:k=16,m=16 that is ~80 runs of ~7 fgh each, a pass over
 * the slice's 28 MB each at n = 100000, that ran on one core while the
 * other waited. Other runs keep one thread: an objective's own f and
 * gradient need not be safe to call from several at once. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "landscape/finder_impl.h"

/* Whether sample (i, j) is a local minimum of ‖∇f‖: below its earlier
 * neighbours and not above its later ones, so that a plateau of equal
 * samples gives few seeds, not all of its nodes. A neighbour that was not
 * sampled (NaN: finder_scan.c, which samples all eight around every node
 * that may be one) says it is not. */
static int
seeds_local_min(const double *v, int side, int i, int j)
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
			if (isnan(e))
				return 0;
			earlier = dj < 0 || (dj == 0 && di < 0);
			if (earlier ? !(e > c) : e < c)
				return 0;
		}
	}
	return 1;
}

/* Whether the root x is a candidate: finite, a tiny gradient, inside the
 * closed window (up to FINDER_EDGE) and on the slice (near it, with
 * opts->near). */
static int
seeds_accept(struct finder *fd, const double *x, struct finder_root *r)
{
	struct finder_work *fw = &fd->work;
	double m, ea = FINDER_EDGE * 2 * fd->ha, eb = FINDER_EDGE * 2 * fd->hb;

	if (sd_finder_merit(fw, x, fw->g, &m) != 0 || !(m <= fd->gtol))
		return 0;
	r->gnorm = m;
	r->f = sd_objective_f(fw->obj, x);
	sd_chart_project(fd->chart, x, &r->a, &r->b, &r->offset);
	return isfinite(r->f) && r->a >= fd->w.xmin - ea &&
	    r->a <= fd->w.xmax + ea && r->b >= fd->w.ymin - eb &&
	    r->b <= fd->w.ymax + eb && r->offset <= fd->near * fw->length;
}

/* Newton from x (overwritten by where it ends); 1 with r filled (all
 * but its place in the store) when a candidate root. */
static int
seeds_run(struct finder *fd, double *x, struct finder_root *r)
{
	enum finder_end end = sd_finder_newton(fd, x);
	int slid = 0;

	/* A copy of a root kept already is dropped (finder_newton.c); a
	 * root of a continuum off the slice (Newton gives up past L from
	 * it): slid onto it, if it can be (finder_continuum.c). */
	if (end == FINDER_COPY || (end != FINDER_ROOT &&
	    !(slid = sd_finder_slide(fd, x))))
		return 0;
	if (!seeds_accept(fd, x, r) && (slid ||
	    !(slid = sd_finder_slide(fd, x)) || !seeds_accept(fd, x, r)))
		return 0;
	r->keep = 1;
	r->certified = 0;
	r->slid = slid;
	return 1;
}

void
sd_finder_keep(struct finder *fd, double *x)
{
	struct finder_root *r = &fd->roots[fd->n];

	if (seeds_run(fd, x, r)) {
		r->at = fd->n * 2 * fd->work.d;
		fd->n++;
	}
}

/* The seeds' chart points in order into ab (pairs), room for all of
 * them, the local minima first (*minima of them); returns how many. */
static size_t
seeds_list(const struct finder *fd, const double *v, int side, double *ab,
    size_t *minima)
{
	int i, j, n = fd->grid, c = FINDER_COARSE, mg = FINDER_MARGIN;
	size_t m = 0;

	for (j = 0; j < side; j++) {
		for (i = 0; i < side; i++) {
			if (!seeds_local_min(v, side, i, j))
				continue;
			ab[m++] = sd_finder_node(fd->ca, fd->ha, n, i - mg);
			ab[m++] = sd_finder_node(fd->cb, fd->hb, n, j - mg);
		}
	}
	*minima = m / 2;
	for (j = 0; j <= c; j++) {
		for (i = 0; i <= c; i++) {
			ab[m++] = sd_finder_node(fd->ca, fd->ha, c, i);
			ab[m++] = sd_finder_node(fd->cb, fd->hb, c, j);
		}
	}
	if (fd->w.xmin <= 0 && fd->w.xmax >= 0 && fd->w.ymin <= 0 &&
	    fd->w.ymax >= 0) {
		ab[m++] = 0;
		ab[m++] = 0;
	}
	return m / 2;
}

/* Thread t's finder: fd with a work area of its own (fd's for t = 0).
 * Its roots are fd's as they stood before the round (seeds_join adds the
 * round's after), so finder_newton.c's test for a copy of a kept root
 * sees the same roots on any number of threads. */
static int
seeds_own(const struct finder *fd, struct finder *own, size_t t,
    char **cause)
{
	*own = *fd;
	if (t == 0)
		return 0;
	if (sd_finder_work_init(&own->work, fd->work.obj, fd->work.length,
	    cause) != 0)
		return -1;
	own->work.gscale = fd->work.gscale;
	own->work.gfloor = fd->work.gfloor;
	own->work.ffloor = fd->work.ffloor;
	return 0;
}

/* The threads' finders for the next round: fd's roots as they stand now,
 * each its work area kept. */
static void
seeds_refresh(const struct finder *fd, struct finder *own, size_t threads)
{
	struct finder_work w;
	size_t t;

	own[0] = *fd;
	for (t = 1; t < threads; t++) {
		w = own[t].work;
		own[t] = *fd;
		own[t].work = w;
	}
}

/* Newton from the m seeds ab on `threads` threads (own: a finder each),
 * the roots into r and x (d each) with kept[k] set for a candidate. */
static void
seeds_runs(struct finder *own, size_t threads, const double *ab, size_t m,
    struct finder_root *r, double *x, unsigned char *kept)
{
	size_t d = own->work.d;
	long k;

#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
	for (k = 0; k < (long)m; k++) {
		struct finder *fd = own;
		double *xk = x + (size_t)k * d;

#ifdef _OPENMP
		fd += omp_get_thread_num();
#endif
		kept[k] = sd_finder_lift(fd, ab[2 * k], ab[2 * k + 1], xk) ==
		    0 && seeds_run(fd, xk, &r[k]);
	}
}

/* The kept roots of the runs into fd's store, in seed order. */
static int
seeds_join(struct finder *fd, const struct finder_root *r, const double *x,
    const unsigned char *kept, size_t m, char **cause)
{
	size_t k, d = fd->work.d;
	double *at;

	for (k = 0; k < m; k++) {
		if (!kept[k])
			continue;
		if ((at = sd_finder_room(fd, cause)) == NULL)
			return -1;
		memcpy(at, x + k * d, d * sizeof *at);
		fd->roots[fd->n] = r[k];
		fd->roots[fd->n].at = fd->n * 2 * d;
		fd->n++;
	}
	return 0;
}

/* The threads for the seeds' runs: the inner run's (finder_plane.c),
 * whose φ is safe to call from several, on all; others on one. */
static size_t
seeds_threads(const struct finder *fd, size_t m)
{
	size_t t = 1;

#ifdef _OPENMP
	if (fd->grid_slice != NULL)
		t = (size_t)omp_get_max_threads();
#else
	(void)fd;
#endif
	return t < m ? t : m > 0 ? m : 1;
}

/* Rounds. The inner run (finder_plane.c) runs its seeds in rounds: the
 * local minima of the samples first (the first 4, the next 8, the rest),
 * then the coarse grid and the origin; a run ends as soon as a root of
 * an earlier round captures it (finder_newton.c). On
 * twolayer:k=16,m=16,n=100000 the runs from the 19 local minima keep 7
 * roots (3 points once deduplicated): the first 4 runs take ~10 fgh
 * each, the next 8 are captured after ~2; the 82 coarse seeds take 4
 * fgh each instead of 8 (φ's fgh 777 → 421 in all). Each round's runs see the roots of the rounds
 * before it, whatever the number of threads, so the list is the same
 * on any number (test_finder_capture). Other runs go in one round. */
int
sd_finder_seeds(struct finder *fd, const double *v, int side, char **cause)
{
	size_t m, t = 0, threads = 0, d = fd->work.d, c = FINDER_COARSE;
	size_t minima, bounds[5], rounds, round, k0, k1;
	size_t most = (size_t)side * (size_t)side + (c + 1) * (c + 1) + 1;
	double *ab = malloc(2 * most * sizeof *ab), *x = NULL;
	struct finder_root *r = NULL;
	struct finder *own = NULL;
	unsigned char *kept = NULL;
	int rc = -1;

	if (ab == NULL)
		return sd_fail(cause, "out of memory");
	m = seeds_list(fd, v, side, ab, &minima);
	threads = seeds_threads(fd, m);
	fd->capture = fd->grid_slice != NULL && !fd->no_capture;
	bounds[0] = 0;
	bounds[1] = fd->capture ? (minima < 4 ? minima : 4) : 0;
	bounds[2] = fd->capture ? (minima < 12 ? minima : 12) : 0;
	bounds[3] = fd->capture ? minima : 0;
	bounds[4] = m;
	rounds = 4;
	if ((x = malloc(m * d * sizeof *x)) == NULL ||
	    (r = malloc(m * sizeof *r)) == NULL ||
	    (kept = malloc(m)) == NULL ||
	    (own = calloc(threads, sizeof *own)) == NULL) {
		sd_fail(cause, "out of memory");
		goto out;
	}
	for (t = 0; t < threads; t++)
		if (seeds_own(fd, &own[t], t, cause) != 0)
			goto out;
	for (round = 0, rc = 0; round < rounds && rc == 0; round++) {
		k0 = bounds[round];
		k1 = bounds[round + 1];
		if (k0 == k1)
			continue;
		seeds_refresh(fd, own, threads);
		seeds_runs(own, threads, ab + 2 * k0, k1 - k0, r + k0,
		    x + k0 * d, kept + k0);
		/* Thread 0 ran on fd's work area: what it changed is fd's. */
		fd->work = own[0].work;
		rc = seeds_join(fd, r + k0, x + k0 * d, kept + k0, k1 - k0,
		    cause);
	}
out:
	/* t: the finders made; thread 0's work area is fd's. */
	while (t > 1)
		sd_finder_work_done(&own[--t].work);
	free(own);
	free(kept);
	free(r);
	free(x);
	free(ab);
	return rc == 0 ? sd_finder_near_seeds(fd, cause) : rc;
}
