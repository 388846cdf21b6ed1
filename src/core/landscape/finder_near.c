/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_near.c: seeds off the slice, for the stationary points near it
 * (sd_finder_options.near, `points --all`; finder.c explains the rest of
 * the method).
 *
 * Newton runs in the full space, but from seeds on the slice it stays on
 * a slice that the objective's gradient keeps: pca's plane of v1 and v2
 * is invariant, and its saddles ±√λ_i v_i (i ≥ 3), offset √λ_i from the
 * plane, were never reached. So once the seeds on the slice have run,
 * every distinct root found so far is a base: along each eigenvector of
 * its Hessian that leaves the slice (its component off the slice, made
 * unit), Newton starts again at offsets ±k/FINDER_NEAR_STEPS of the
 * largest offset reported, k = 1 .. FINDER_NEAR_STEPS (from t = top/2 and
 * t = top Newton on pca's 2(t³ − λt) reaches √λ for every √λ ≤ top).
 * Stationary points of the objectives built from eigenstructure lie along
 * those directions (pca's ±√λ_i v_i from 0, tensor's (±a_i ± a_j)/√2 from
 * ±a_i), and the step along a direction of small curvature reaches the
 * next point soonest: the directions with the smallest |λ| go first, at
 * most FINDER_NEAR_DIRS per base, rank by rank across the bases. The
 * roots found that way are bases in a second round (tensor's points with
 * two components off the sphere). The runs share a budget counted in
 * floating-point operations (near_budget), so that twolayer with 1000
 * samples costs a few seconds rather than a minute. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/vec.h"
#include "landscape/finder_impl.h"

/* y = the part of v off the slice at x: v less its projection onto the
 * plane's u and v, or on a sphere chart onto span(u, v, w). Returns its
 * norm. */
static double
near_off(const sd_chart *chart, const double *v, double *y, size_t d)
{
	double c;

	memcpy(y, v, d * sizeof *y);
	c = sd_dot(chart->u, y, d);
	sd_axpy(-c, chart->u, y, d);
	c = sd_dot(chart->v, y, d);
	sd_axpy(-c, chart->v, y, d);
	if (chart->kind == SD_CHART_SPHERE) {
		c = sd_dot(chart->w, y, d);
		sd_axpy(-c, chart->w, y, d);
	}
	return sd_norm(y, d);
}

/* Whether root i is within reach of an earlier root: a copy of a base. */
static int
near_seen(const struct finder *fd, size_t i)
{
	const double *x = fd->store + fd->roots[i].at, *y;
	size_t j, k, d = fd->work.d;
	double reach = FINDER_DEDUP * fd->work.length, s;

	for (j = 0; j < i; j++) {
		y = fd->store + fd->roots[j].at;
		for (s = 0, k = 0; k < d; k++)
			s += (x[k] - y[k]) * (x[k] - y[k]);
		if (sqrt(s) <= reach)
			return 1;
	}
	return 0;
}

/* The directions to take from the decomposed Hessian, into dirs (two
 * rows of d each: the eigenvector, then its off-slice part made unit) for
 * the eigenvectors that leave the slice by at least half their length,
 * the smallest |λ| first, at most FINDER_NEAR_DIRS. used marks the eigenvectors looked at. Returns how
 * many. */
static size_t
near_directions(const struct finder *fd, unsigned char *used, double *dirs)
{
	const struct finder_work *fw = &fd->work;
	size_t i, best, m = 0, d = fw->d;
	double n, *y;

	memset(used, 0, fw->spec->n);
	while (m < FINDER_NEAR_DIRS) {
		for (best = fw->spec->n, i = 0; i < fw->spec->n; i++) {
			if (!used[i] && (best == fw->spec->n ||
			    fabs(fw->spec->eval[i]) <
			    fabs(fw->spec->eval[best])))
				best = i;
		}
		if (best == fw->spec->n)
			break;
		used[best] = 1;
		memcpy(dirs + 2 * m * d, work_vec(fw, best), d * sizeof *y);
		y = dirs + (2 * m + 1) * d;
		n = near_off(fd->chart, work_vec(fw, best), y, d);
		if (n >= 0.5) {
			sd_axpy(1 / n - 1, y, y, d);
			m++;
		}
	}
	return m;
}

/* Newton from base + t·y; a candidate root is kept. */
static int
near_run(struct finder *fd, const double *base, const double *y, double t,
    char **cause)
{
	double *x;

	if ((x = sd_finder_room(fd, cause)) == NULL)
		return -1;
	if (sd_finder_move(&fd->work, x, base, t, y) == 0)
		sd_finder_keep(fd, x);
	return 0;
}

/* f along one line base + t·y: through the type's slice (slice_new and
 * its fgh), ψ(t) = φ_a(t, 0) costs O(n), not a gradient's O(n·d); the
 * slice's v is any unit vector ⟂ y. Without one (no hook, the sphere),
 * proj.fgh is NULL and ψ is yᵀ∇f. glm:d=50,n=100000 spent 1782 of its
 * gradients, ~45 % of `points --all`, on ψ's ladders. */
struct near_ray {
	const double		*base, *y;
	sd_objective_slice	 proj;
};

/* Release the ray's slice. */
static void
near_ray_close(struct near_ray *ray)
{
	if (ray->proj.free_data != NULL)
		ray->proj.free_data(ray->proj.data);
	memset(&ray->proj, 0, sizeof ray->proj);
}

/* The ray's slice; proj.fgh NULL when there is none (or no memory for
 * one: ψ then goes through the gradient, which is slower, not wrong). */
static void
near_ray_open(struct finder *fd, struct near_ray *ray, const double *base,
    const double *y)
{
	struct finder_work *fw = &fd->work;
	const sd_objective_type *type = fw->obj->type;
	double *v = fw->xs;
	size_t k, kmin = 0, d = fw->d;
	char *cause = NULL;

	memset(ray, 0, sizeof *ray);
	ray->base = base;
	ray->y = y;
	if (fw->sphere || type->slice_new == NULL)
		return;
	for (k = 1; k < d; k++)
		kmin = fabs(y[k]) < fabs(y[kmin]) ? k : kmin;
	memset(v, 0, d * sizeof *v);
	v[kmin] = 1;
	sd_axpy(-y[kmin], y, v, d);
	sd_axpy(1 / sd_norm(v, d) - 1, v, v, d);
	if (type->slice_new(fw->obj->state, base, y, v, &ray->proj,
	    &cause) != 0 || ray->proj.fgh == NULL)
		near_ray_close(ray);
	free(cause);
}

/* ψ(t) = yᵀ∇f(base + t·y), the slope of f along the ray; NaN where it is
 * not finite. Uses the work area's xt and gt. */
static double
near_slope(struct finder *fd, const struct near_ray *ray, double t)
{
	struct finder_work *fw = &fd->work;
	double m, f, g[2], h[3];

	if (ray->proj.fgh != NULL) {
		ray->proj.fgh(ray->proj.data, t, 0, &f, g, h);
		return isfinite(g[0]) ? g[0] : NAN;
	}
	if (sd_finder_move(fw, fw->xt, ray->base, t, ray->y) != 0 ||
	    sd_finder_merit(fw, fw->xt, fw->gt, &m) != 0)
		return NAN;
	return sd_dot(ray->y, fw->gt, fw->d);
}
/* Whether ψ's last three samples p0, p1, p2 have a trough at p1: of one
 * sign, |p1| below both neighbours and above the roots' tolerance (below
 * it ψ is rounding, and a dip there is noise). */
static int
near_trough(const struct finder *fd, double p0, double p1, double p2)
{
	return isfinite(p0) && isfinite(p1) && isfinite(p2) &&
	    (p0 > 0) == (p1 > 0) && (p1 > 0) == (p2 > 0) &&
	    fabs(p1) < fabs(p0) && fabs(p1) < fabs(p2) && fabs(p1) > fd->gtol;
}

/* The stationary points of f along the line on one side (sign): ψ on the
 * ladder t = top·2^(−k/4), k = FINDER_NEAR_LADDER .. 0, and Newton from
 * the secant's zero of ψ where it changes sign, or from the sample where
 * |ψ| dips without changing sign, at most FINDER_NEAR_CROSS of them, the
 * nearest first. Newton from a point at a fixed offset lands wherever its
 * basin says: matcomp's points beside 0 along the eigenvectors of small
 * |λ| (offset ~√|λ|, 0.01 for λ = −2e-4) lie far inside top/2, and were
 * never reached; ψ's zeros are next to them. A point beside the line
 * rather than on it leaves a dip: matcomp's index-2 saddles at f ≈
 * 0.296070 lie 0.17 from a saddle along its eigenvector of λ ≈ 1.5e-3,
 * 0.03 beside it, where f along the line only flattens (ψ falls from 8e-5
 * to 4e-5 and rises again). Returns how many runs it took, -1 when out of
 * memory. */
static int
near_scan(struct finder *fd, const struct near_ray *ray, int sign,
    char **cause)
{
	double top = fd->near * fd->work.length, t, tp = 0, p;
	double pp = NAN, ppp = NAN;
	int k, runs = 0;

	for (k = FINDER_NEAR_LADDER; k >= 0 &&
	    runs < FINDER_NEAR_CROSS; k--) {
		t = sign * top * exp2(-k / 4.0);
		p = near_slope(fd, ray, t);
		if (isfinite(p) && isfinite(pp) && (p > 0) != (pp > 0) &&
		    p != pp) {
			if (near_run(fd, ray->base, ray->y, tp - pp * (t - tp) /
			    (p - pp), cause) != 0)
				return -1;
			runs++;
		} else if (near_trough(fd, ppp, pp, p)) {
			if (near_run(fd, ray->base, ray->y, tp, cause) != 0)
				return -1;
			runs++;
		}
		tp = t;
		ppp = pp;
		pp = p;
	}
	return runs;
}

/* Newton from base + t·y for the FINDER_NEAR_STEPS offsets t each side,
 * y = dir + d the off-slice part of the eigenvector dir, and from the
 * stationary points of f along the eigenvector (near_scan: along y, the
 * line would miss those beside it by the eigenvector's part on the
 * slice); adds the runs it took to *runs. */
static int
near_line(struct finder *fd, const double *base, const double *dir,
    size_t *runs, char **cause)
{
	const double *y = dir + fd->work.d;
	double top = fd->near * fd->work.length;
	struct near_ray ray;
	int k, sign, n = 0;

	near_ray_open(fd, &ray, base, dir);
	for (sign = -1; sign <= 1 && n >= 0; sign += 2) {
		for (k = 1; k <= FINDER_NEAR_STEPS && n >= 0; k++) {
			n = near_run(fd, base, y, sign * top * k /
			    FINDER_NEAR_STEPS, cause);
		}
		if (n >= 0 && (n = near_scan(fd, &ray, sign, cause)) >= 0)
			*runs += FINDER_NEAR_STEPS + (size_t)n + 1;
	}
	near_ray_close(&ray);
	return n < 0 ? -1 : 0;
}

/* How many Newton runs off the slice a run may spend: FINDER_NEAR_FLOPS
 * over a run's cost, FINDER_NEAR_ITERS iterations of a Hessian and its
 * decomposition, d³ + n·d² (n the samples an objective sums over). */
static size_t
near_budget(const struct finder *fd)
{
	const sd_objective *obj = fd->work.obj;
	double d = (double)fd->work.d, n = 1, runs;

	if (obj->type->samples != NULL)
		n = (double)obj->type->samples(obj->state);
	runs = FINDER_NEAR_FLOPS /
	    (FINDER_NEAR_ITERS * (d * d * d + n * d * d));
	return runs > FINDER_NEAR_MIN ? (size_t)runs : FINDER_NEAR_MIN;
}

/* Root i as a base: its x into base and its directions after it (base +
 * d, two rows of d each); returns how many, 0 when none (or the
 * Hessian is not finite). */
static size_t
near_base(struct finder *fd, size_t i, unsigned char *used, double *base)
{
	struct finder_work *fw = &fd->work;

	memcpy(base, fd->store + fd->roots[i].at, fw->d * sizeof *base);
	sd_objective_rhessian(fw->obj, base, fw->h);
	if (sd_finder_eigen(fw, base) != 0)
		return 0;
	return near_directions(fd, used, base + fw->d);
}

/* Round one: the distinct roots found on the slice (at most
 * FINDER_NEAR_BASES; as many again in round two), direction by
 * direction: the smallest |λ| of every root before the next of any, so
 * that the budget is shared. Newton moves
 * the store and takes the decomposition: every base and its directions
 * are copied first. */
static int
near_round_one(struct finder *fd, unsigned char *used, size_t *runs,
    size_t budget, char **cause)
{
	size_t i, r, nb = 0, d = fd->work.d, row = (1 + 2 * FINDER_NEAR_DIRS) * d;
	size_t first = fd->n, *m;
	double *bases;
	int rc = 0;

	bases = malloc((first < FINDER_NEAR_BASES ? first : FINDER_NEAR_BASES) *
	    (row * sizeof *bases + sizeof *m) + 1);
	if (bases == NULL)
		return sd_fail(cause, "out of memory");
	m = (size_t *)(bases + (first < FINDER_NEAR_BASES ? first :
	    FINDER_NEAR_BASES) * row);
	for (i = 0; i < first && nb < FINDER_NEAR_BASES; i++) {
		if (near_seen(fd, i))
			continue;
		m[nb] = near_base(fd, i, used, bases + nb * row);
		nb++;
	}
	fd->near_cut |= i < first;
	for (r = 0; r < FINDER_NEAR_DIRS && rc == 0; r++) {
		for (i = 0; i < nb && rc == 0 && *runs < budget; i++) {
			if (r >= m[i])
				continue;
			rc = near_line(fd, bases + i * row,
			    bases + i * row + (1 + 2 * r) * d, runs, cause);
		}
	}
	free(bases);
	return rc;
}

int
sd_finder_near_seeds(struct finder *fd, char **cause)
{
	struct finder_work *fw = &fd->work;
	size_t i, k, m, d = fw->d, runs = 0, first = fd->n, budget, nb = 0;
	unsigned char *used;
	double *base;
	int rc;

	if (!(fd->near > FINDER_EDGE) || d <= (fw->sphere ? 3u : 2u))
		return 0;
	budget = near_budget(fd);
	used = malloc(d);
	base = malloc((1 + 2 * FINDER_NEAR_DIRS) * d * sizeof *base);
	if (used == NULL || base == NULL) {
		free(used);
		free(base);
		return sd_fail(cause, "out of memory");
	}
	rc = near_round_one(fd, used, &runs, budget, cause);
	/* Then the roots found since, each a base in turn. */
	for (i = first; i < fd->n && rc == 0 && runs < budget &&
	    nb < FINDER_NEAR_BASES; i++) {
		if (near_seen(fd, i) || (m = near_base(fd, i, used, base)) == 0)
			continue;
		nb++;
		for (k = 0; k < m && rc == 0 && runs < budget; k++) {
			rc = near_line(fd, base, base + (1 + 2 * k) * d, &runs,
			    cause);
		}
	}
	/* Stopped with roots not yet bases, or by the budget: the user is
	 * told (sd_point_list.near_cut). */
	fd->near_cut |= i < fd->n || runs >= budget;
	free(used);
	free(base);
	return rc;
}
