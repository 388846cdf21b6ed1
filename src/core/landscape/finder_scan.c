/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_scan.c: the inner run's grid of ∇φ sampled coarse to fine, where
 * a sample is dear (finder_plane.c decides: a slice of at least
 * FINDER_SCAN_BYTES, every sample a pass over all of them).
 *
 * Why. The grid serves the finder twice (finder.c): Newton runs from the
 * local minima of ‖∇φ‖ on it, and G, the largest ‖∇φ‖ on it, sets the
 * tolerances. On twolayer:k=16,m=16,n=100000 the 133² samples, each a
 * pass over 39 MB, were 39 % of `points`; nearly all of them lie on
 * slopes where ‖∇φ‖ falls towards a neighbour and is far below G.
 *
 * How. ∇φ = g on every FINDER_SCAN_STRIDE-th node first (the coarse
 * grid, 34² of 133² nodes), then on each node that the coarse samples
 * cannot clear and the eight around it (a local minimum's test reads its
 * neighbours). A node is cleared when a model of g on its cell (between
 * four coarse nodes), with error bounds taken from the coarse samples of
 * the 3×3 cells around, shows that a neighbour inside the grid has a
 * smaller ‖g‖, so that it is no local minimum (2), and that its ‖g‖ is
 * below the largest coarse one (3), so that the largest sample is the
 * grid's. Every node of a cell whose corners see both components of g
 * change sign (a root may lie inside), or with a sample around it that
 * is not finite, is sampled. The nodes left out are NaN in v, and a node
 * beside one is no local minimum (finder.c): a node whose eight
 * neighbours are all sampled gets the full grid's verdict, and every
 * other was cleared. So where the bounds hold, the seeds and G are the
 * full grid's, and with them every output bit (test_finder_scan compares
 * the bits on glm, twolayer and pca with the threshold lowered; `points`
 * on glm:n=20000, glm:n=100000,d=200, twolayer:k=16,m=16,n=10000 and
 * twolayer:n=100000 gave the same bytes as the full grid, as csv, json
 * and table, and with --all).
 * The bounds are estimates, not proofs: a feature narrower than the
 * coarse spacing (4 nodes, 1/32 of the window) can hide from the
 * differences. That is why only slices that are dear take this path:
 * the sample-based objectives at large n, whose φ is a smooth average
 * over many samples.
 *
 * The model, in index units (a neighbour is one unit away), σ =
 * FINDER_SCAN_SAFETY: K = σ·(the largest second differences of g along
 * rows and columns) and T = σ·(the largest third and mixed third
 * differences) bound ‖∂²g‖ and ‖∂³g‖ over the patch. ĝ is bilinear in
 * the cell's corners, within eg = K·(wa² + wb²)/8 (wa, wb its sides).
 * The Jacobian at each corner is the derivative of the quadratic through
 * three coarse nodes along a and along b (error T·Π|t_m − t_k|/6), Ĵ
 * bilinear in those, within ej = √2·T·(2·that + (wa² + wb²)/8). With
 * Δ = g(p + δ) − g(p) = Ĵ(p + δ/2)·δ within e = ‖δ‖(ej + T‖δ‖²/24)
 * (the midpoint rule),
 *   v(p + δ)² − v(p)² = 2g·Δ + ‖Δ‖²
 *     ≤ 2ĝ·Δ̂ + 2‖ĝ‖e + 2eg(‖Δ̂‖ + e) + (‖Δ̂‖ + e)² < 0	(2)
 *   ‖ĝ(p)‖ + eg < the largest coarse ‖g‖			(3)
 * Differences of the Jacobian, not of v = ‖g‖, carry the test: v has a
 * cone at every root, and its curvature 1/v would refine wide rings. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "landscape/finder_impl.h"

#define SCAN_RUN	8	/* rows sampled together, at most */

/* ‖(x, y)‖ for the bounds, where hypot's care against overflow is not
 * needed (an infinite bound only refines) and its cost shows. */
static inline double
scan_norm(double x, double y)
{
	return sqrt(x * x + y * y);
}

/* States of a node. */
enum { SCAN_NO, SCAN_WANT, SCAN_DONE };

struct scan {
	const sd_objective_slice *proj;
	const double	*a, *b;		/* the nodes' chart coordinates */
	size_t		 side;
	size_t		*at;		/* the coarse nodes' indices */
	size_t		 nc;
	double		*ga, *gb;	/* g at the nodes, side² */
	unsigned char	*state;		/* SCAN_NO, _WANT, _DONE, side² */
	int		 fwant;		/* |φ| too, through fg_grid */
};

/* Every FINDER_FSTRIDE-th node is a coarse one. */
#if FINDER_FSTRIDE % FINDER_SCAN_STRIDE != 0
#error "the coarse grid must hold every FINDER_FSTRIDE-th node"
#endif

/* The largest finite |φ| at the nodes of the grid cols × rows (values
 * fv, na a row) on every FINDER_FSTRIDE-th row and column, or fm. */
static double
scan_fmax(size_t na, const size_t *cols, size_t nb, const size_t *rows,
    const double *fv, double fm)
{
	size_t i, j;

	for (j = 0; j < nb; j++)
		for (i = 0; rows[j] % FINDER_FSTRIDE == 0 && i < na; i++)
			if (cols[i] % FINDER_FSTRIDE == 0 &&
			    isfinite(fv[j * na + i]))
				fm = fmax(fm, fabs(fv[j * na + i]));
	return fm;
}

/* g at the nodes cols × rows (index lists) into the scan, through the
 * slice's grad_grid (fgh node by node without one); with fm, through
 * fg_grid, and the largest |φ| there (scan_fmax) into *fm. -1 when out
 * of memory. */
static int
scan_eval(struct scan *s, size_t na, const size_t *cols, size_t nb,
    const size_t *rows, double *fm)
{
	const sd_objective_slice *p = s->proj;
	double *buf, *a, *b, *ga, *gb, f, g[2], h[3];
	size_t i, j, k;

	if ((buf = malloc((na + nb + 3 * na * nb) * sizeof *buf)) == NULL)
		return -1;
	a = buf;
	b = a + na;
	ga = b + nb;
	gb = ga + na * nb;
	for (i = 0; i < na; i++)
		a[i] = s->a[cols[i]];
	for (j = 0; j < nb; j++)
		b[j] = s->b[rows[j]];
	if (fm != NULL) {
		p->fg_grid(p->data, na, a, nb, b, gb + na * nb, ga, gb, na);
		*fm = scan_fmax(na, cols, nb, rows, gb + na * nb, *fm);
	} else if (p->grad_grid != NULL) {
		p->grad_grid(p->data, na, a, nb, b, ga, gb, na);
	}
	for (j = 0; j < nb; j++) {
		for (i = 0; i < na; i++) {
			if (p->grad_grid == NULL) {
				p->fgh(p->data, a[i], b[j], &f, g, h);
				ga[j * na + i] = g[0];
				gb[j * na + i] = g[1];
			}
			k = rows[j] * s->side + cols[i];
			s->ga[k] = ga[j * na + i];
			s->gb[k] = gb[j * na + i];
			s->state[k] = SCAN_DONE;
		}
	}
	free(buf);
	return 0;
}

/* Sample the coarse grid: its rows in as many chunks as threads, each
 * chunk one grid (glm: an exp a row and a column, shared by the chunk);
 * with s->fwant, φ too, its largest |φ| on every FINDER_FSTRIDE-th node
 * into *fm. */
static int
scan_coarse(struct scan *s, double *fm)
{
	size_t rows, threads = 1;
	long c, chunks;
	double fs = 0;
	int rc = 0;

#ifdef _OPENMP
	threads = (size_t)omp_get_max_threads();
#endif
	rows = (s->nc + threads - 1) / threads;
	chunks = (long)((s->nc + rows - 1) / rows);
#pragma omp parallel for schedule(dynamic, 1) reduction(|:rc) \
    reduction(max:fs)
	for (c = 0; c < chunks; c++) {
		size_t r0 = (size_t)c * rows;
		size_t nb = s->nc - r0 < rows ? s->nc - r0 : rows;
		double f = 0;

		rc |= scan_eval(s, s->nc, s->at, nb, s->at + r0,
		    s->fwant ? &f : NULL);
		fs = fmax(fs, f);
	}
	*fm = s->fwant ? fs : -1;
	return rc;
}

/* Whether rows j and k want the same nodes. */
static int
scan_alike(const struct scan *s, size_t j, size_t k)
{
	const unsigned char *p = s->state + j * s->side;
	const unsigned char *q = s->state + k * s->side;
	size_t i;

	for (i = 0; i < s->side; i++)
		if ((p[i] == SCAN_WANT) != (q[i] == SCAN_WANT))
			return 0;
	return 1;
}

/* Sample the wanted nodes of rows [r0, r1), which want the same: one
 * grid, so that the slice shares its work along its rows and columns. */
static int
scan_rows(struct scan *s, size_t r0, size_t r1, size_t *cols, size_t *rows)
{
	size_t i, j, na = 0;

	for (i = 0; i < s->side; i++)
		if (s->state[r0 * s->side + i] == SCAN_WANT)
			cols[na++] = i;
	for (j = r0; j < r1; j++)
		rows[j - r0] = j;
	return na > 0 ? scan_eval(s, na, cols, r1 - r0, rows, NULL) : 0;
}

/* Sample every wanted node: runs of up to SCAN_RUN rows that want the
 * same nodes (a node's neighbours make runs of three), over the
 * threads. */
static int
scan_refine(struct scan *s)
{
	size_t j, n = 0, *first = malloc((s->side + 1) * sizeof *first);
	long c;
	int rc = 0;

	if (first == NULL)
		return -1;
	for (j = 0; j < s->side; j++)
		if (j == 0 || !scan_alike(s, j, j - 1) ||
		    j - first[n - 1] == SCAN_RUN)
			first[n++] = j;
	first[n] = s->side;
#pragma omp parallel for schedule(dynamic, 1) reduction(|:rc)
	for (c = 0; c < (long)n; c++) {
		size_t *idx = malloc((s->side + SCAN_RUN) * sizeof *idx);

		rc |= idx == NULL || scan_rows(s, first[c], first[c + 1], idx,
		    idx + s->side) != 0;
		free(idx);
	}
	free(first);
	return rc;
}

/* g at coarse node (i, j) into gc; returns ‖g‖, NaN when not finite. */
static double
scan_v(const struct scan *s, size_t i, size_t j, double *gc)
{
	size_t k = s->at[j] * s->side + s->at[i];

	gc[0] = s->ga[k];
	gc[1] = s->gb[k];
	return isfinite(gc[0]) && isfinite(gc[1]) ? scan_norm(gc[0], gc[1]) :
	    NAN;
}

/* The coarse samples around a cell: 4×4 nodes, the cell's among them
 * (its first corner at (ca, cb)), the 3×3 cells around it where the grid
 * has them. */
struct scan_patch {
	double	g[4][4][2];	/* [row][column] */
	double	x[4], y[4];	/* the nodes' indices along a and b */
	size_t	ca, cb;
};

/* The first of 4 coarse nodes around cell c of nc − 1. */
static size_t
scan_first(size_t c, size_t nc)
{
	size_t f = c > 0 ? c - 1 : 0;

	return f + 4 > nc ? nc - 4 : f;
}

/* Read the patch around cell (ci, cj); 0 when a sample there is not
 * finite. */
static int
scan_patch(const struct scan *s, size_t ci, size_t cj, struct scan_patch *p)
{
	size_t i, j, i0 = scan_first(ci, s->nc), j0 = scan_first(cj, s->nc);

	p->ca = ci - i0;
	p->cb = cj - j0;
	for (i = 0; i < 4; i++) {
		p->x[i] = (double)s->at[i0 + i];
		p->y[i] = (double)s->at[j0 + i];
	}
	for (j = 0; j < 4; j++)
		for (i = 0; i < 4; i++)
			if (isnan(scan_v(s, i0 + i, j0 + j, p->g[j][i])))
				return 0;
	return 1;
}

/* The divided difference g[t0, ..., t_{n−1}] × (n − 1)! of n 2-vectors
 * g[k·step] at t[k] into d: about the (n − 1)th derivative. */
static void
scan_divided(const double *t, const double *g, size_t step, size_t n,
    double *d)
{
	double w[4][2];
	size_t k, l, c;

	for (k = 0; k < n; k++)
		memcpy(w[k], g + k * step, sizeof w[k]);
	for (l = 1; l < n; l++)
		for (k = n - 1; k >= l; k--)
			for (c = 0; c < 2; c++)
				w[k][c] = l * (w[k][c] - w[k - 1][c]) /
				    (t[k] - t[k - l]);
	memcpy(d, w[n - 1], sizeof w[n - 1]);
}

/* Raise *d to ‖the (n − 1)th derivative of g‖ along every row (rows 1)
 * or column of the patch, its n nodes from each. */
static void
scan_along(const struct scan_patch *p, int rows, size_t n, double *d)
{
	double q[2];
	size_t r, f;

	for (r = 0; r < 4; r++) {
		for (f = 0; f + n <= 4; f++) {
			if (rows)
				scan_divided(p->x + f, p->g[r][f], 2, n, q);
			else
				scan_divided(p->y + f, p->g[f][r], 8, n, q);
			*d = fmax(*d, scan_norm(q[0], q[1]));
		}
	}
}

/* Raise *d to ‖∂²(∂g/∂b)/∂a²‖ (rows 1) or ‖∂²(∂g/∂a)/∂b²‖ over the
 * patch: second divided differences of first ones. */
static void
scan_mixed(const struct scan_patch *p, int rows, double *d)
{
	double e[4][2], q[2];
	size_t r, f, k, c;

	for (r = 0; r < 3; r++) {
		for (k = 0; k < 4; k++)
			for (c = 0; c < 2; c++)
				e[k][c] = rows ? (p->g[r + 1][k][c] -
				    p->g[r][k][c]) / (p->y[r + 1] - p->y[r]) :
				    (p->g[k][r + 1][c] - p->g[k][r][c]) /
				    (p->x[r + 1] - p->x[r]);
		for (f = 0; f + 3 <= 4; f++) {
			scan_divided((rows ? p->x : p->y) + f, e[f], 2, 3, q);
			*d = fmax(*d, scan_norm(q[0], q[1]));
		}
	}
}

/* A cell's model of g from the patch: g and its Jacobian at the
 * corners, the bounds on their errors. */
struct scan_cell {
	double	c[4][2];	/* g at (i0, j0), (i1, j0), (i0, j1), (i1, j1) */
	double	jac[4][2][2];	/* [corner][∂/∂a, ∂/∂b][component] */
	double	wa, wb;		/* its sides, in nodes */
	double	eg;		/* ‖g − ĝ‖ at a node of it, at most */
	double	ej;		/* ‖(J − Ĵ)δ‖/‖δ‖ there, at most */
	double	t;		/* ‖∂³g‖, at most */
	double	top;		/* the largest coarse v */
};

/* ∂g/∂t at node m of t[0..2] from the quadratic through the three
 * (2-vectors g[k·step]) into d; returns its error over ‖∂³g‖:
 * Π_{k≠m} |t_m − t_k| / 6. */
static double
scan_slope(const double *t, const double *g, size_t step, size_t m,
    double *d)
{
	double w[3], e = 1.0 / 6;
	size_t k, l, c;

	for (k = 0; k < 3; k++) {
		/* ℓ_k'(t_m): the derivative of the Lagrange basis. */
		w[k] = 0;
		if (k == m) {
			for (l = 0; l < 3; l++)
				if (l != k)
					w[k] += 1 / (t[m] - t[l]);
			continue;
		}
		w[k] = 1 / (t[k] - t[m]);
		for (l = 0; l < 3; l++)
			if (l != k && l != m)
				w[k] *= (t[m] - t[l]) / (t[k] - t[l]);
	}
	for (c = 0; c < 2; c++)
		d[c] = w[0] * g[c] + w[1] * g[step + c] + w[2] * g[2 * step + c];
	for (l = 0; l < 3; l++)
		if (l != m)
			e *= fabs(t[m] - t[l]);
	return e;
}

/* The Jacobian at the cell's corners from the patch; returns the
 * largest error over ‖∂³g‖. */
static double
scan_jacobians(const struct scan_patch *p, struct scan_cell *m)
{
	size_t q, ia, jb, f, r;
	double e = 0;

	for (q = 0; q < 4; q++) {
		ia = p->ca + q % 2;
		jb = p->cb + q / 2;
		memcpy(m->c[q], p->g[jb][ia], sizeof m->c[q]);
		f = ia == 0 ? 0 : ia == 3 ? 1 : ia - 1;
		e = fmax(e, scan_slope(p->x + f, p->g[jb][f], 2, ia - f,
		    m->jac[q][0]));
		r = jb == 0 ? 0 : jb == 3 ? 1 : jb - 1;
		e = fmax(e, scan_slope(p->y + r, p->g[r][ia], 8, jb - r,
		    m->jac[q][1]));
	}
	return e;
}

/* The model of cell (ci, cj); 0 when a sample around it is not finite.
 * σ = FINDER_SCAN_SAFETY times the patch's differences bound the second
 * and third derivatives, K and T; ĝ is bilinear in the corners (error
 * K·(wa² + wb²)/8), Ĵ bilinear in the corners' Jacobians (error
 * T·(wa² + wb²)/8, and theirs, √2 for the two columns). */
static int
scan_model(const struct scan *s, size_t ci, size_t cj, struct scan_cell *m)
{
	struct scan_patch p;
	double k = 0, t = 0, fd, w2;

	if (!scan_patch(s, ci, cj, &p))
		return 0;
	fd = scan_jacobians(&p, m);
	scan_along(&p, 1, 3, &k);
	scan_along(&p, 0, 3, &k);
	scan_along(&p, 1, 4, &t);
	scan_along(&p, 0, 4, &t);
	scan_mixed(&p, 1, &t);
	scan_mixed(&p, 0, &t);
	k *= FINDER_SCAN_SAFETY;
	t *= FINDER_SCAN_SAFETY;
	m->wa = (double)(s->at[ci + 1] - s->at[ci]);
	m->wb = (double)(s->at[cj + 1] - s->at[cj]);
	w2 = (m->wa * m->wa + m->wb * m->wb) / 8;
	m->t = t;
	m->eg = k * w2;
	m->ej = M_SQRT2 * t * (2 * fd + w2);
	return 1;
}

/* The bilinear weights of the corners at (x, y) of the cell. */
static void
scan_weights(const struct scan_cell *m, double x, double y, double *w)
{
	double u = x / m->wa, t = y / m->wb;

	w[0] = (1 - u) * (1 - t);
	w[1] = u * (1 - t);
	w[2] = (1 - u) * t;
	w[3] = u * t;
}

/* Whether v(p + δ) < v(p) for sure, p = (x, y) in the cell, δ = (di, dj),
 * g(p) = ĝ within eg: with Δ = g(p + δ) − g(p) = Ĵ(p + δ/2)·δ within
 * e = ‖δ‖(ej + T‖δ‖²/24) (the midpoint rule),
 *   v(p + δ)² − v(p)² = 2g·Δ + ‖Δ‖²
 *     ≤ 2ĝ·Δ̂ + 2‖ĝ‖e + 2eg(‖Δ̂‖ + e) + (‖Δ̂‖ + e)² < 0. */
static int
scan_lower(const struct scan_cell *m, double x, double y, const double *g,
    int di, int dj)
{
	double w[4], d[2], len = scan_norm(di, dj), e, nd;
	size_t q, c;

	scan_weights(m, x + di / 2.0, y + dj / 2.0, w);
	for (c = 0; c < 2; c++)
		for (d[c] = 0, q = 0; q < 4; q++)
			d[c] += w[q] * (m->jac[q][0][c] * di +
			    m->jac[q][1][c] * dj);
	e = len * (m->ej + m->t * len * len / 24);
	nd = scan_norm(d[0], d[1]) + e;
	return 2 * (g[0] * d[0] + g[1] * d[1]) + 2 * scan_norm(g[0], g[1]) * e +
	    2 * m->eg * nd + nd * nd < 0;
}

/* Whether node (i, j) of the grid, (x, y) in the cell, has a neighbour
 * inside the grid where v is lower, and v there is below the largest
 * coarse v ((2) and (3)). */
static int
scan_node(const struct scan *s, const struct scan_cell *m, size_t i,
    size_t j, double x, double y)
{
	double w[4], g[2];
	size_t q, c, n = s->side - 1;
	int di, dj;

	scan_weights(m, x, y, w);
	for (c = 0; c < 2; c++)
		for (g[c] = 0, q = 0; q < 4; q++)
			g[c] += w[q] * m->c[q][c];
	if (!(scan_norm(g[0], g[1]) + m->eg < m->top))
		return 0;
	for (dj = -1; dj <= 1; dj++) {
		for (di = -1; di <= 1; di++) {
			if ((di == 0 && dj == 0) || (i == 0 && di < 0) ||
			    (j == 0 && dj < 0) || (i == n && di > 0) ||
			    (j == n && dj > 0))
				continue;
			if (scan_lower(m, x, y, g, di, dj))
				return 1;
		}
	}
	return 0;
}

/* Whether both components of g take both signs (or 0) at the corners
 * c[0..3]: a root may lie between them. */
static int
scan_crossed(const double (*c)[2])
{
	size_t k, q;
	int neg, pos, both = 1;

	for (k = 0; k < 2; k++) {
		for (neg = pos = 0, q = 0; q < 4; q++) {
			neg |= c[q][k] <= 0;
			pos |= c[q][k] >= 0;
		}
		both &= neg && pos;
	}
	return both;
}

/* Want the nodes [i0, i1] × [j0, j1] and one around them. */
static void
scan_want(struct scan *s, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t i, j, w = s->side;

	i0 = i0 > 0 ? i0 - 1 : 0;
	j0 = j0 > 0 ? j0 - 1 : 0;
	i1 = i1 + 1 < w ? i1 + 1 : w - 1;
	j1 = j1 + 1 < w ? j1 + 1 : w - 1;
	for (j = j0; j <= j1; j++)
		for (i = i0; i <= i1; i++)
			if (s->state[j * w + i] == SCAN_NO)
				s->state[j * w + i] = SCAN_WANT;
}

/* Want the nodes of cell (ci, cj) that its model cannot clear, and one
 * around each: all of them when a sample around it is not finite or g
 * may have a root between its corners. top is the largest finite coarse
 * v. */
static void
scan_cell(struct scan *s, size_t ci, size_t cj, double top)
{
	struct scan_cell m = { .top = top };
	size_t i, j, i0 = s->at[ci], j0 = s->at[cj], i1 = s->at[ci + 1];
	size_t j1 = s->at[cj + 1];

	if (!scan_model(s, ci, cj, &m) ||
	    scan_crossed((const double (*)[2])m.c)) {
		scan_want(s, i0, i1, j0, j1);
		return;
	}
	for (j = j0; j <= j1; j++)
		for (i = i0; i <= i1; i++)
			if (!scan_node(s, &m, i, j, (double)(i - i0),
			    (double)(j - j0)))
				scan_want(s, i, i, j, j);
}

/* The largest finite ‖g‖ over the coarse nodes. */
static double
scan_top(const struct scan *s)
{
	double top = 0, c[2], m;
	size_t i, j;

	for (j = 0; j < s->nc; j++)
		for (i = 0; i < s->nc; i++)
			if (isfinite(m = scan_v(s, i, j, c)))
				top = fmax(top, m);
	return top;
}

/* v from the samples (+∞ where not finite, NaN where not sampled) and
 * the largest finite v into *gmax. */
static void
scan_norms(const struct scan *s, double *v, double *gmax)
{
	double g[2], m, gs = 0;
	size_t k;

	for (k = 0; k < s->side * s->side; k++) {
		if (s->state[k] != SCAN_DONE) {
			v[k] = NAN;
			continue;
		}
		g[0] = s->ga[k];
		g[1] = s->gb[k];
		m = sd_norm(g, 2);
		v[k] = isfinite(m) ? m : INFINITY;
		if (isfinite(m))
			gs = fmax(gs, m);
	}
	*gmax = gs;
}

/* The coarse grid, the cells it cannot clear, the rest. */
static int
scan_run(struct scan *s, double *v, double *gmax, double *fmax)
{
	size_t ci, cj;
	double top;

	if (scan_coarse(s, fmax) != 0)
		return -1;
	top = scan_top(s);
	for (cj = 0; cj + 1 < s->nc; cj++)
		for (ci = 0; ci + 1 < s->nc; ci++)
			scan_cell(s, ci, cj, top);
	if (scan_refine(s) != 0)
		return -1;
	scan_norms(s, v, gmax);
	return 0;
}

int
sd_finder_scan(const sd_objective_slice *proj, const double *a,
    const double *b, size_t side, double *v, double *gmax, double *fmax,
    char **cause)
{
	struct scan s = { .proj = proj, .a = a, .b = b, .side = side };
	double fs;
	size_t k, w2 = side * side;
	int rc = -1;

	s.ga = malloc(2 * w2 * sizeof *s.ga);
	s.at = malloc((side / FINDER_SCAN_STRIDE + 2) * sizeof *s.at);
	s.state = calloc(w2, 1);
	if (s.ga != NULL && s.at != NULL && s.state != NULL) {
		s.gb = s.ga + w2;
		for (k = 0; k < side; k += FINDER_SCAN_STRIDE)
			s.at[s.nc++] = k;
		if (s.at[s.nc - 1] != side - 1)
			s.at[s.nc++] = side - 1;
		s.fwant = fmax != NULL && proj->fg_grid != NULL;
		rc = scan_run(&s, v, gmax, &fs);
		if (fmax != NULL)
			*fmax = fs;
	}
	free(s.ga);
	free(s.at);
	free(s.state);
	return rc == 0 ? 0 : sd_fail(cause, "out of memory");
}
