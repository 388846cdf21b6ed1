/* test_finder.c: the stationary-point finder against closed forms and the
 * literature: Himmelblau's four minima, the six-hump camel's two global
 * minima, Beale's and Rastrigin's stationary points counted from 1-D
 * equations, the chapter's degenerate saddle of x1² + x2³, linnet's
 * continuum of minima, window edges, overflow and flat windows, and the
 * Riemannian classification on the sphere (§2.3). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"

#define DIM_MAX 256

/* ---- helpers ----------------------------------------------------------- */

/* An objective of a test-local type. */
static sd_objective *
make_type(const sd_objective_type *type)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new_type(type, NULL, &cause);

	if (obj == NULL)
		fail_msg("%s: %s", type->name, cause ? cause : "?");
	return obj;
}

/* Run the finder on obj through chart over w (NULL: the chart's window). */
static void
find_chart(const sd_objective *obj, const sd_chart *chart,
    const sd_window *w, sd_point_list *list)
{
	char *cause = NULL;

	if (sd_finder_run(obj, chart, w ? w : &chart->window, NULL, list,
	    &cause) != 0)
		fail_msg("%s: %s", obj->type->name, cause ? cause : "?");
}

/* Run the finder on obj through its default chart over w (NULL: the
 * type's window). */
static void
find(const sd_objective *obj, const sd_window *w, sd_point_list *list)
{
	sd_chart chart;
	char *cause = NULL;

	if (sd_chart_init_default(&chart, obj, &cause) != 0)
		fail_msg("%s: %s", obj->type->name, cause ? cause : "?");
	find_chart(obj, &chart, w ? w : &obj->type->window, list);
	sd_chart_done(&chart);
}

/* How many points of the list are of this kind. */
static size_t
count_kind(const sd_point_list *list, sd_point_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < list->n; i++)
		n += list->points[i].kind == kind;
	return n;
}

/* The point of the list nearest (x1, x2), which must be within tol. */
static const sd_point *
near(const sd_point_list *list, double x1, double x2, double tol)
{
	const sd_point *best = NULL;
	double d, dbest = INFINITY;
	size_t i;

	for (i = 0; i < list->n; i++) {
		d = hypot(list->points[i].x[0] - x1, list->points[i].x[1] - x2);
		if (d < dbest) {
			dbest = d;
			best = &list->points[i];
		}
	}
	if (best == NULL || !(dbest <= tol))
		fail_msg("no point within %g of (%g, %g) (nearest at %g)", tol,
		    x1, x2, dbest);
	return best;
}

/* ‖∇f(x)‖ (Riemannian on the sphere), recomputed. */
static double
grad_norm(const sd_objective *obj, const double *x)
{
	double g[DIM_MAX], s = 0;
	size_t i;

	sd_objective_rgradient(obj, x, g);
	for (i = 0; i < obj->dim; i++)
		s += g[i] * g[i];
	return sqrt(s);
}

/* Eigenvalues of the symmetric 2×2 Hessian of obj at x, ascending. */
static void
hess_eigen2(const sd_objective *obj, const double *x, double *lo,
    double *hi)
{
	double h[4], m, r;

	sd_objective_hessian(obj, x, h);
	m = (h[0] + h[3]) / 2;
	r = hypot((h[0] - h[3]) / 2, h[1]);
	*lo = m - r;
	*hi = m + r;
}

/* What every list must satisfy: finite values, points inside the window
 * and on the slice, a gradient that vanishes there (at most tol), the kind
 * agreeing with the eigenvalues' signs, and the output order. */
static void
check_list(const sd_objective *obj, const sd_chart *chart,
    const sd_window *w, const sd_point_list *list, double tol)
{
	double ew = 1e-9 * (w->xmax - w->xmin), eh = 1e-9 * (w->ymax - w->ymin);
	double a, b, off, fprev = -INFINITY;
	size_t i, k;
	const sd_point *p;

	assert_int_equal(list->dim, obj->dim);
	for (i = 0; i < list->n; i++) {
		p = &list->points[i];
		assert_true(isfinite(p->f) && isfinite(p->grad_norm) &&
		    isfinite(p->a) && isfinite(p->b) && isfinite(p->offset));
		for (k = 0; k < obj->dim; k++)
			assert_true(isfinite(p->x[k]));
		assert_int_equal(p->n_eigen, obj->type->manifold == SD_SPHERE ?
		    obj->dim - 1 : obj->dim);
		for (k = 0; k < p->n_eigen; k++) {
			assert_true(isfinite(p->eigen[k]));
			if (k > 0)
				assert_true(p->eigen[k - 1] <= p->eigen[k]);
		}
		assert_true(p->lambda_min == p->eigen[0]);
		assert_true(p->lambda_max == p->eigen[p->n_eigen - 1]);
		sd_chart_project(chart, p->x, &a, &b, &off);
		assert_close(p->a, a, 1e-12 * (1 + fabs(a)));
		assert_close(p->b, b, 1e-12 * (1 + fabs(b)));
		assert_true(a >= w->xmin - ew && a <= w->xmax + ew);
		assert_true(b >= w->ymin - eh && b <= w->ymax + eh);
		assert_true(off <= 1e-8 * fmax(w->xmax - w->xmin,
		    w->ymax - w->ymin));
		assert_close(grad_norm(obj, p->x), p->grad_norm, 1e-300 +
		    1e-12 * p->grad_norm);
		if (!(p->grad_norm <= tol))
			fail_msg("%s: ‖∇f‖ = %g at point %zu, above %g",
			    obj->type->name, p->grad_norm, i, tol);
		if (p->kind == SD_POINT_MIN)
			assert_true(p->lambda_min > 0);
		if (p->kind == SD_POINT_MAX)
			assert_true(p->lambda_max < 0);
		if (p->kind == SD_POINT_SADDLE)
			assert_true(p->lambda_min < 0 && p->lambda_max > 0);
		/* Sorted by f, up to the rounding the finder ties. */
		assert_true(p->f >= fprev - 1e-9 * (1 + fabs(p->f)));
		fprev = fmax(fprev, p->f);
	}
}

/* ---- the classic objectives --------------------------------------------- */

/* Himmelblau: the four known minima (f = 0), four saddles and the maximum
 * near (−0.270845, −0.923039). */
static void
test_himmelblau(void **state)
{
	static const double minima[4][2] = {
		{ 3, 2 }, { -2.805118, 3.131312 }, { -3.779310, -3.283186 },
		{ 3.584428, -1.848126 }
	};
	sd_objective *obj = test_objective_new("himmelblau");
	sd_point_list list;
	const sd_point *p;
	size_t i;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(list.n, 9);
	assert_int_equal(count_kind(&list, SD_POINT_MIN), 4);
	assert_int_equal(count_kind(&list, SD_POINT_SADDLE), 4);
	assert_int_equal(count_kind(&list, SD_POINT_MAX), 1);
	for (i = 0; i < 4; i++) {
		p = near(&list, minima[i][0], minima[i][1], 1e-5);
		assert_int_equal(p->kind, SD_POINT_MIN);
		assert_close(p->f, 0, 1e-20);
	}
	p = near(&list, -0.270845, -0.923039, 1e-5);
	assert_int_equal(p->kind, SD_POINT_MAX);
	for (i = 0; i < list.n; i++)
		assert_true(grad_norm(obj, list.points[i].x) <= 1e-10);
	/* The minima come first: f = 0 is the least value. */
	for (i = 0; i < 4; i++)
		assert_int_equal(list.points[i].kind, SD_POINT_MIN);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* doublewell (x²−1)² + y²: minima at (±1, 0), a saddle at 0, nothing else. */
static void
test_doublewell(void **state)
{
	sd_objective *obj = test_objective_new("doublewell");
	sd_point_list list;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(list.n, 3);
	assert_int_equal(near(&list, -1, 0, 1e-12)->kind, SD_POINT_MIN);
	assert_int_equal(near(&list, 1, 0, 1e-12)->kind, SD_POINT_MIN);
	assert_int_equal(near(&list, 0, 0, 1e-12)->kind, SD_POINT_SADDLE);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* quadwell (x²−1)² + (y²−1)²: four minima (±1, ±1), four saddles at
 * (0, ±1) and (±1, 0), the maximum at 0. */
static void
test_quadwell(void **state)
{
	sd_objective *obj = test_objective_new("quadwell");
	sd_point_list list;
	int i, j;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(list.n, 9);
	for (i = -1; i <= 1; i++) {
		for (j = -1; j <= 1; j++) {
			assert_int_equal(near(&list, i, j, 1e-12)->kind,
			    i == 0 && j == 0 ? SD_POINT_MAX :
			    i == 0 || j == 0 ? SD_POINT_SADDLE : SD_POINT_MIN);
		}
	}
	assert_int_equal(list.points[list.n - 1].kind, SD_POINT_MAX);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* x² − y²: one strict saddle at 0. */
static void
test_saddle(void **state)
{
	sd_objective *obj = test_objective_new("saddle");
	sd_point_list list;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(list.n, 1);
	assert_int_equal(near(&list, 0, 0, 1e-12)->kind, SD_POINT_SADDLE);
	assert_close(list.points[0].lambda_min, -2, 1e-12);
	assert_close(list.points[0].lambda_max, 2, 1e-12);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* The chapter's x1² + x2³: ∇f = 0 and ∇²f ⪰ 0 at 0, which is not a local
 * minimum: exactly one point, a degenerate saddle. */
static void
test_cubic(void **state)
{
	sd_objective *obj = test_objective_new("cubic");
	sd_point_list list;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(list.n, 1);
	assert_int_equal(near(&list, 0, 0, 1e-8)->kind,
	    SD_POINT_DEGENERATE_SADDLE);
	assert_close(list.points[0].lambda_max, 2, 1e-6);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* The monkey saddle x³ − 3xy²: ∇²f(0) = 0, a degenerate saddle. */
static void
test_monkey(void **state)
{
	sd_objective *obj = test_objective_new("monkey");
	sd_point_list list;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(list.n, 1);
	assert_int_equal(near(&list, 0, 0, 1e-8)->kind,
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* The six-hump camel: six minima, two of them global, f ≈ −1.0316 at
 * ±(0.0898, −0.7126) (Molga & Smutnicki 2005). */
static void
test_camel6(void **state)
{
	sd_objective *obj = test_objective_new("camel6");
	sd_point_list list;
	const sd_point *p, *q;
	size_t i, global = 0;

	(void)state;
	find(obj, NULL, &list);
	assert_int_equal(count_kind(&list, SD_POINT_MIN), 6);
	p = near(&list, 0.0898, -0.7126, 1e-4);
	q = near(&list, -0.0898, 0.7126, 1e-4);
	assert_int_equal(p->kind, SD_POINT_MIN);
	assert_int_equal(q->kind, SD_POINT_MIN);
	assert_close(p->f, -1.0316284535, 1e-9);
	assert_close(q->f, -1.0316284535, 1e-9);
	for (i = 0; i < list.n; i++) {
		if (list.points[i].kind == SD_POINT_MIN &&
		    list.points[i].f < -1.03)
			global++;
	}
	assert_int_equal(global, 2);
	/* They are the least values, so they come first. */
	assert_true(list.points[0].f < -1.03 && list.points[1].f < -1.03);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* Beale's P(y): both partial derivatives are linear in x, so away from
 * x = 0 a stationary point's y solves A1·D2 − N2·D1 = 0 and then
 * x = −N2/D2 (see test_beale). */
static void
beale_terms(double y, double *a1, double *d1, double *n2, double *d2)
{
	static const double a[3] = { 1.5, 2.25, 2.625 };
	double yk = 1;
	int k;

	*a1 = *d1 = *n2 = *d2 = 0;
	for (k = 1; k <= 3; k++) {
		/* ∂f/∂y = 2x Σ k y^{k−1} (a_k + x(y^k − 1)). */
		*a1 += k * a[k - 1] * yk;
		*d1 += k * yk * (yk * y - 1);
		yk *= y;
		/* ∂f/∂x = 2 Σ (a_k + x(y^k − 1))(y^k − 1). */
		*n2 += a[k - 1] * (yk - 1);
		*d2 += (yk - 1) * (yk - 1);
	}
}

/* The resultant of Beale's two gradient equations, a polynomial in y. */
static double
beale_p(double y)
{
	double a1, d1, n2, d2;

	beale_terms(y, &a1, &d1, &n2, &d2);
	return a1 * d2 - n2 * d1;
}

/* Beale: on x = 0 f is constant in y and ∂f/∂x = 0 only at y = 1 (a
 * saddle, f = 1.5² + 2.25² + 2.625²); elsewhere the points come from the
 * 1-D resultant. Among them the global minimum (3, ½) and the badly
 * conditioned saddle (λ ≈ −0.78 and 868), which must be called a saddle. */
static void
test_beale(void **state)
{
	sd_objective *obj = test_objective_new("beale");
	sd_window w = obj->type->window;
	sd_point_list list;
	const sd_point *p;
	double lo, hi, y, ya, yb, ym, a1, d1, n2, d2, x;
	size_t expect = 1, i, n = 200000;
	int k;

	(void)state;
	find(obj, NULL, &list);
	p = near(&list, 0, 1, 1e-9);
	assert_int_equal(p->kind, SD_POINT_SADDLE);
	assert_close(p->f, 14.203125, 1e-12);
	for (i = 0; i < n; i++) {
		ya = w.ymin + (w.ymax - w.ymin) * i / n;
		yb = w.ymin + (w.ymax - w.ymin) * (i + 1) / n;
		if ((beale_p(ya) < 0) == (beale_p(yb) < 0))
			continue;
		for (k = 0; k < 200; k++) {
			ym = (ya + yb) / 2;
			if ((beale_p(ya) < 0) == (beale_p(ym) < 0))
				ya = ym;
			else
				yb = ym;
		}
		y = (ya + yb) / 2;
		beale_terms(y, &a1, &d1, &n2, &d2);
		x = -n2 / d2;
		/* y = 1 is a root of the resultant only (D2 = 0 there). */
		if (fabs(y - 1) < 1e-6 || x < w.xmin || x > w.xmax)
			continue;
		expect++;
		assert_close(x, -a1 / d1, 1e-8 * (1 + fabs(x)));
		p = near(&list, x, y, 1e-8);
		hess_eigen2(obj, p->x, &lo, &hi);
		assert_int_equal(p->kind, lo > 0 ? SD_POINT_MIN : SD_POINT_SADDLE);
	}
	assert_int_equal(list.n, expect);
	assert_int_equal(expect, 3);
	p = near(&list, 3, 0.5, 1e-10);
	assert_int_equal(p->kind, SD_POINT_MIN);
	assert_close(p->f, 0, 1e-20);
	p = near(&list, 0.1005, -2.6445, 1e-3);
	hess_eigen2(obj, p->x, &lo, &hi);
	assert_close(lo, -0.78, 0.01);
	assert_close(hi, 868, 1);
	assert_int_equal(p->kind, SD_POINT_SADDLE);
	assert_close(p->lambda_min, lo, 1e-6);
	assert_close(p->lambda_max, hi, 1e-6);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* Rastrigin's 1-D derivative 2x + 20π sin 2πx. */
static double
rastrigin_d1(double x)
{
	return 2 * x + 20 * M_PI * sin(2 * M_PI * x);
}

/* The roots of rastrigin_d1 in [lo, hi], by sign changes on a fine grid
 * (an odd number of cells, so that no node is the root 0) and bisection. */
static size_t
rastrigin_roots(double lo, double hi, double *roots, size_t max)
{
	size_t i, n = 100001, found = 0;
	double a, b, m;
	int k;

	for (i = 0; i < n; i++) {
		a = lo + (hi - lo) * i / n;
		b = lo + (hi - lo) * (i + 1) / n;
		if ((rastrigin_d1(a) < 0) == (rastrigin_d1(b) < 0))
			continue;
		for (k = 0; k < 200; k++) {
			m = (a + b) / 2;
			if ((rastrigin_d1(a) < 0) == (rastrigin_d1(m) < 0))
				a = m;
			else
				b = m;
		}
		assert_true(found < max);
		roots[found++] = (a + b) / 2;
	}
	return found;
}

/* The index of the 1-D root nearest x, which must be within tol. */
static size_t
nearest_root(const double *roots, size_t n, double x, double tol)
{
	size_t i, best = 0;

	for (i = 1; i < n; i++) {
		if (fabs(roots[i] - x) < fabs(roots[best] - x))
			best = i;
	}
	assert_true(fabs(roots[best] - x) <= tol);
	return best;
}

/* Rastrigin on [−5.12, 5.12]²: f is a sum of 1-D terms, so its stationary
 * points are the products of the 1-D roots, each once, and the kind follows
 * the signs of the 1-D second derivatives 2 + 40π² cos 2πx. */
static void
test_rastrigin(void **state)
{
	sd_objective *obj = test_objective_new("rastrigin");
	sd_window w = obj->type->window;
	double roots[64], c1, c2;
	unsigned char seen[64][64];
	size_t n, i, r1, r2;
	sd_point_list list;
	const sd_point *p;

	(void)state;
	n = rastrigin_roots(w.xmin, w.xmax, roots, 64);
	assert_int_equal(n, 21);
	find(obj, NULL, &list);
	assert_int_equal(list.n, n * n);
	memset(seen, 0, sizeof seen);
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		r1 = nearest_root(roots, n, p->x[0], 1e-9);
		r2 = nearest_root(roots, n, p->x[1], 1e-9);
		assert_false(seen[r1][r2]);
		seen[r1][r2] = 1;
		c1 = 2 + 40 * M_PI * M_PI * cos(2 * M_PI * roots[r1]);
		c2 = 2 + 40 * M_PI * M_PI * cos(2 * M_PI * roots[r2]);
		assert_int_equal(p->kind, c1 > 0 && c2 > 0 ? SD_POINT_MIN :
		    c1 < 0 && c2 < 0 ? SD_POINT_MAX : SD_POINT_SADDLE);
		assert_close(p->lambda_min, fmin(c1, c2), 1e-6);
		assert_close(p->lambda_max, fmax(c1, c2), 1e-6);
	}
	assert_int_equal(list.points[0].kind, SD_POINT_MIN);
	assert_close(list.points[0].f, 0, 1e-12);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* linnet ½(1 − xy)²: a strict saddle at 0 (∇²f = [[0, −1], [−1, 0]]) and
 * a continuum of minima on xy = 1, where ∇²f has a zero eigenvalue: every
 * point reported there is a degenerate minimum, on both branches, and the
 * sample is spread along them. */
static void
test_linnet(void **state)
{
	sd_objective *obj = test_objective_new("linnet");
	sd_point_list list;
	const sd_point *p, *q;
	size_t i, j, pos = 0, neg = 0;
	double amin = INFINITY, amax = -INFINITY, gap, next[256];

	(void)state;
	find(obj, NULL, &list);
	assert_true(list.n <= 256);
	for (i = 0; i < list.n; i++)
		next[i] = INFINITY;
	p = near(&list, 0, 0, 1e-12);
	assert_int_equal(p->kind, SD_POINT_SADDLE);
	assert_close(p->lambda_min, -1, 1e-12);
	assert_close(p->lambda_max, 1, 1e-12);
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		if (p->x[0] == 0 && p->x[1] == 0)
			continue;
		assert_close(p->x[0] * p->x[1], 1, 1e-9);
		assert_int_equal(p->kind, SD_POINT_DEGENERATE_MIN);
		assert_close(p->lambda_min, 0, 1e-9);
		assert_close(p->lambda_max, p->x[0] * p->x[0] +
		    p->x[1] * p->x[1], 1e-9);
		pos += p->x[0] > 0;
		neg += p->x[0] < 0;
		if (p->x[0] > 0) {
			amin = fmin(amin, p->x[0]);
			amax = fmax(amax, p->x[0]);
		}
	}
	/* The branch x > 0 runs from (½, 2) to (2, ½) inside [−2, 2]². */
	assert_true(pos >= 10 && neg >= 10);
	assert_true(amin < 0.6 && amax > 1.9);
	/* A sample, not every Newton root: no two points closer than 1% of
	 * the window, and no gap along a branch wider than 10% of it. */
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		for (j = 0; j < list.n; j++) {
			q = &list.points[j];
			if (j == i)
				continue;
			gap = hypot(p->x[0] - q->x[0], p->x[1] - q->x[1]);
			assert_true(gap >= 0.04);
			if (p->x[0] * q->x[0] > 0)
				next[i] = fmin(next[i], gap);
		}
		if (p->x[0] != 0)
			assert_true(next[i] <= 0.4);
	}
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* ---- hard windows ------------------------------------------------------- */

/* The window [a0, a1] × [b0, b1]. */
static sd_window
win(double a0, double a1, double b0, double b1)
{
	sd_window w = { a0, a1, b0, b1 };

	return w;
}

/* How many points doublewell has in w. */
static size_t
doublewell_in(double a0, double a1, double b0, double b1)
{
	sd_objective *obj = test_objective_new("doublewell");
	sd_window w = win(a0, a1, b0, b1);
	sd_point_list list;
	size_t n;

	find(obj, &w, &list);
	n = list.n;
	sd_point_list_done(&list);
	sd_objective_free(obj);
	return n;
}

/* The window is closed: a point on an edge or a hair inside is found, one
 * outside by a resolvable margin is not, on each of the four edges. */
static void
test_window_edge(void **state)
{
	(void)state;
	assert_int_equal(doublewell_in(0.999999999, 2, -1, 1), 1);
	assert_int_equal(doublewell_in(1, 2, -1, 1), 1);
	assert_int_equal(doublewell_in(1.000001, 2, -1, 1), 0);
	assert_int_equal(doublewell_in(-2, -0.999999999, -1, 1), 1);
	assert_int_equal(doublewell_in(-2, -1.000001, -1, 1), 0);
	/* (−1, 0), (0, 0), (1, 0) on the bottom and the top edge. */
	assert_int_equal(doublewell_in(-2, 2, 0, 1), 3);
	assert_int_equal(doublewell_in(-2, 2, -1e-9, 1), 3);
	assert_int_equal(doublewell_in(-2, 2, 1e-6, 1), 0);
	assert_int_equal(doublewell_in(-2, 2, -1, 0), 3);
	assert_int_equal(doublewell_in(-2, 2, -1, -1e-6), 0);
	/* The saddle at a corner. */
	assert_int_equal(doublewell_in(0, 0.5, 0, 0.5), 1);
	assert_int_equal(doublewell_in(1e-6, 0.5, 1e-6, 0.5), 0);
}

/* Where f overflows (±1e200, ±1e308): no failure, finite values, and only
 * genuine stationary points. */
static void
test_overflow(void **state)
{
	static const char *const names[] = { "rosenbrock", "himmelblau",
	    "beale", "camel6", "rastrigin", NULL };
	static const double sizes[] = { 1e200, 1e308 };
	sd_point_list list;
	sd_objective *obj;
	sd_chart chart;
	sd_window w;
	size_t i, k, j;
	char *cause = NULL;

	(void)state;
	for (i = 0; names[i] != NULL; i++) {
		for (k = 0; k < 2; k++) {
			obj = test_objective_new(names[i]);
			w = win(-sizes[k], sizes[k], -sizes[k], sizes[k]);
			assert_int_equal(sd_chart_init_default(&chart, obj,
			    &cause), 0);
			find_chart(obj, &chart, &w, &list);
			check_list(obj, &chart, &w, &list, 1e-9);
			/* Every stationary point of these has |f| < 1e4 (the
			 * largest: rastrigin's, |x_i| ≤ 10π, f < 2100), so a
			 * point out there is an artefact of overflow. */
			for (j = 0; j < list.n; j++)
				assert_true(fabs(list.points[j].f) < 1e4);
			if (strcmp(names[i], "rosenbrock") == 0 && list.n > 0) {
				assert_int_equal(list.n, 1);
				near(&list, 1, 1, 1e-12);
			}
			sd_point_list_done(&list);
			sd_chart_done(&chart);
			sd_objective_free(obj);
		}
	}
}

/* A Gaussian bump −exp(−‖x‖²/2): one minimum at 0, and far out a slope
 * that flattens until f and ∇f underflow to 0 (a plateau). */
static double
bump_f(const void *s, const double *x)
{
	(void)s;
	return -exp(-(x[0] * x[0] + x[1] * x[1]) / 2);
}

static void
bump_grad(const void *s, const double *x, double *g)
{
	double e = -bump_f(s, x);

	g[0] = x[0] * e;
	g[1] = x[1] * e;
}

static void
bump_hess(const void *s, const double *x, double *h)
{
	double e = -bump_f(s, x);

	h[0] = (1 - x[0] * x[0]) * e;
	h[1] = h[2] = -x[0] * x[1] * e;
	h[3] = (1 - x[1] * x[1]) * e;
}

static const sd_objective_type bump_type = {
	.name = "bump", .summary = "test", .formula = "-exp(-|x|²/2)",
	.dim = 2, .window = { -3, 3, -3, 3 },
	.f = bump_f, .grad = bump_grad, .hess = bump_hess,
};

/* Flat regions give no spurious points: the saddle and doublewell far out,
 * the bump's flattening slope and its underflowed plateau; the bump's
 * minimum is still found where it is. */
static void
test_flat(void **state)
{
	sd_objective *obj;
	sd_point_list list;
	sd_window w;

	(void)state;
	assert_int_equal(doublewell_in(50, 60, 50, 60), 0);
	assert_int_equal(doublewell_in(1e6, 1e6 + 1, -1, 1), 0);
	obj = test_objective_new("saddle");
	w = win(100, 101, -1e-3, 1e-3);
	find(obj, &w, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	sd_objective_free(obj);

	obj = make_type(&bump_type);
	w = win(4, 9, 4, 9);
	find(obj, &w, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	w = win(30, 60, -10, 10);	/* f = −0: an exact plateau */
	find(obj, &w, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	w = win(-3, 40, -3, 40);
	find(obj, &w, &list);
	assert_int_equal(list.n, 1);
	assert_int_equal(near(&list, 0, 0, 1e-12)->kind, SD_POINT_MIN);
	sd_point_list_done(&list);
	sd_objective_free(obj);
}

/* ---- classification ----------------------------------------------------- */

/* ½xᵀAx + p·x2³ + q·x2⁴ with A = [[a, b], [b, c]]: a Hessian of our choice
 * at 0, and the higher orders that decide when it is singular. */
struct poly {
	double	a, b, c, p, q;
};

static double
poly_f(const void *s, const double *x)
{
	const struct poly *k = s;
	double y = x[1];

	return (k->a * x[0] * x[0] + 2 * k->b * x[0] * y + k->c * y * y) / 2 +
	    k->p * y * y * y + k->q * y * y * y * y;
}

static void
poly_grad(const void *s, const double *x, double *g)
{
	const struct poly *k = s;
	double y = x[1];

	g[0] = k->a * x[0] + k->b * y;
	g[1] = k->b * x[0] + k->c * y + 3 * k->p * y * y + 4 * k->q * y * y * y;
}

static void
poly_hess(const void *s, const double *x, double *h)
{
	const struct poly *k = s;
	double y = x[1];

	h[0] = k->a;
	h[1] = h[2] = k->b;
	h[3] = k->c + 6 * k->p * y + 12 * k->q * y * y;
}

static const sd_objective_type poly_type = {
	.name = "poly", .summary = "test", .formula = "½xᵀAx + p y³ + q y⁴",
	.dim = 2, .window = { -1, 1, -1, 1 },
	.f = poly_f, .grad = poly_grad, .hess = poly_hess,
};

/* Classify the origin of the poly with these coefficients. */
static sd_point_kind
classify_poly(double a, double b, double c, double p, double q,
    sd_point *pt)
{
	struct poly k = { a, b, c, p, q };
	sd_objective obj = { .type = &poly_type, .dim = 2, .state = &k };
	double x[2] = { 0, 0 };
	char *cause = NULL;

	if (sd_finder_classify(&obj, x, pt, &cause) != 0)
		fail_msg("classify: %s", cause ? cause : "?");
	return pt->kind;
}

/* The second-order test where it decides (tolerance relative to the
 * Hessian: Beale's conditioning, −0.78 and 868 rotated, is a saddle), and
 * circle sampling where it does not. */
static void
test_classify(void **state)
{
	double t = 0.3, c = cos(t), s = sin(t), l1 = -0.78, l2 = 868;
	sd_point pt;

	(void)state;
	assert_int_equal(classify_poly(1, 0, 2, 0, 0, &pt), SD_POINT_MIN);
	assert_int_equal(pt.n_eigen, 2);
	assert_close(pt.eigen[0], 1, 1e-12);
	assert_close(pt.eigen[1], 2, 1e-12);
	assert_close(pt.f, 0, 0);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(-1, 0, -2, 0, 0, &pt), SD_POINT_MAX);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(1, 3, 1, 0, 0, &pt), SD_POINT_SADDLE);
	assert_close(pt.lambda_min, -2, 1e-12);
	assert_close(pt.lambda_max, 4, 1e-12);
	sd_point_done(&pt);
	/* R diag(−0.78, 868) Rᵀ. */
	assert_int_equal(classify_poly(l1 * c * c + l2 * s * s,
	    (l1 - l2) * c * s, l1 * s * s + l2 * c * c, 0, 0, &pt),
	    SD_POINT_SADDLE);
	assert_close(pt.lambda_min, l1, 1e-9);
	assert_close(pt.lambda_max, l2, 1e-9);
	sd_point_done(&pt);
	/* Condition number 1e6, still strict. */
	assert_int_equal(classify_poly(1e-6, 0, -1, 0, 0, &pt),
	    SD_POINT_SADDLE);
	sd_point_done(&pt);
	/* A zero eigenvalue: the quartic or cubic term decides. */
	assert_int_equal(classify_poly(1, 0, 0, 0, 1, &pt),
	    SD_POINT_DEGENERATE_MIN);
	assert_close(pt.lambda_min, 0, 0);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(-1, 0, 0, 0, -1, &pt),
	    SD_POINT_DEGENERATE_MAX);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(1, 0, 0, 0, -1, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(1, 0, 0, 1, 0, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(classify_poly(-1, 0, 0, 1, 0, &pt),
	    SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	/* Rotated: the flat direction is not an axis. */
	assert_int_equal(classify_poly(c * c, c * s, s * s, 0, 1, &pt),
	    SD_POINT_DEGENERATE_MIN);
	sd_point_done(&pt);
}

/* The registry's degenerate points classified directly: monkey and cubic
 * at 0, linnet on xy = 1 (eigenvalues 0 and x² + y²), and a point that is
 * not finite. */
static void
test_classify_registry(void **state)
{
	sd_objective *obj;
	double x[2] = { 0, 0 }, on[2] = { 2, 0.5 }, bad[2] = { NAN, 0 };
	char *cause = NULL;
	sd_point pt;

	(void)state;
	obj = test_objective_new("monkey");
	assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	assert_int_equal(sd_finder_classify(obj, bad, &pt, &cause), -1);
	assert_non_null(cause);
	free(cause);
	sd_objective_free(obj);
	obj = test_objective_new("cubic");
	assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_DEGENERATE_SADDLE);
	sd_point_done(&pt);
	sd_objective_free(obj);
	obj = test_objective_new("linnet");
	assert_int_equal(sd_finder_classify(obj, on, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_DEGENERATE_MIN);
	assert_close(pt.lambda_min, 0, 1e-12);
	assert_close(pt.lambda_max, 4.25, 1e-12);
	sd_point_done(&pt);
	assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
	assert_int_equal(pt.kind, SD_POINT_SADDLE);
	sd_point_done(&pt);
	sd_objective_free(obj);
}

/* ---- other dimensions and the sphere ------------------------------------ */

/* The Rayleigh quotient xᵀAx on S², A = diag(1, 2, 3): its stationary
 * points are ±e_k, and by §2.3 the Riemannian Hessian at e_k has the
 * tangent eigenvalues 2(a_j − a_k), j ≠ k. */
static double
rayleigh_f(const void *s, const double *x)
{
	(void)s;
	return x[0] * x[0] + 2 * x[1] * x[1] + 3 * x[2] * x[2];
}

static void
rayleigh_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = 2 * x[0];
	g[1] = 4 * x[1];
	g[2] = 6 * x[2];
}

static void
rayleigh_hess(const void *s, const double *x, double *h)
{
	(void)s;
	(void)x;
	memset(h, 0, 9 * sizeof *h);
	h[0] = 2;
	h[4] = 4;
	h[8] = 6;
}

static const sd_objective_type rayleigh_type = {
	.name = "rayleigh", .summary = "test", .formula = "xᵀAx on S²",
	.dim = 3, .manifold = SD_SPHERE, .window = { -1.5, 1.5, -1.5, 1.5 },
	.f = rayleigh_f, .grad = rayleigh_grad, .hess = rayleigh_hess,
};

/* Classification on the sphere uses the d − 1 tangent eigenvalues. */
static void
test_classify_sphere(void **state)
{
	static const sd_point_kind kinds[3] = { SD_POINT_MIN,
	    SD_POINT_SADDLE, SD_POINT_MAX };
	sd_objective *obj = make_type(&rayleigh_type);
	double x[3], lam[2];
	char *cause = NULL;
	sd_point pt;
	int k, j, n;

	(void)state;
	for (k = 0; k < 3; k++) {
		memset(x, 0, sizeof x);
		x[k] = k == 1 ? -1 : 1;
		assert_int_equal(sd_finder_classify(obj, x, &pt, &cause), 0);
		assert_int_equal(pt.kind, kinds[k]);
		assert_int_equal(pt.n_eigen, 2);
		for (n = 0, j = 0; j < 3; j++) {
			if (j != k)
				lam[n++] = 2.0 * (j + 1) - 2.0 * (k + 1);
		}
		assert_close(pt.eigen[0], lam[0], 1e-12);
		assert_close(pt.eigen[1], lam[1], 1e-12);
		sd_point_done(&pt);
	}
	sd_objective_free(obj);
}

/* Through the plane chart of e1, e2 (retracted onto S²) the slice holds
 * ±e1 (minima) and ±e2 (saddles); ±e3 are off the slice. Through the sphere
 * chart of e1, e2, e3 all six appear, poles and the longitude seam
 * included. */
static void
test_sphere_run(void **state)
{
	static const double e[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
	sd_objective *obj = make_type(&rayleigh_type);
	sd_point_list list;
	const sd_point *p;
	sd_chart chart;
	char *cause = NULL;
	size_t i;

	(void)state;
	assert_int_equal(sd_chart_init_plane(&chart, 3, (double[3]){ 0 },
	    e[0], e[1], &cause), 0);
	find_chart(obj, &chart, &obj->type->window, &list);
	check_list(obj, &chart, &obj->type->window, &list, 1e-10);
	assert_int_equal(list.n, 4);
	assert_int_equal(near(&list, 1, 0, 1e-9)->kind, SD_POINT_MIN);
	assert_int_equal(near(&list, -1, 0, 1e-9)->kind, SD_POINT_MIN);
	assert_int_equal(near(&list, 0, 1, 1e-9)->kind, SD_POINT_SADDLE);
	assert_int_equal(near(&list, 0, -1, 1e-9)->kind, SD_POINT_SADDLE);
	sd_point_list_done(&list);
	sd_chart_done(&chart);

	assert_int_equal(sd_chart_init_sphere(&chart, 3, e[0], e[1], e[2],
	    &cause), 0);
	find_chart(obj, &chart, NULL, &list);
	check_list(obj, &chart, &chart.window, &list, 1e-10);
	assert_int_equal(list.n, 6);
	assert_int_equal(count_kind(&list, SD_POINT_MIN), 2);
	assert_int_equal(count_kind(&list, SD_POINT_SADDLE), 2);
	assert_int_equal(count_kind(&list, SD_POINT_MAX), 2);
	/* Minima at ±e1, saddles at ±e2, maxima at ±e3. */
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		assert_close(fabs(p->x[p->kind == SD_POINT_MIN ? 0 :
		    p->kind == SD_POINT_SADDLE ? 1 : 2]), 1, 1e-9);
	}
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* (x1² − 1)² + x2² + (x3 − c)² in R³: minima (±1, 0, c), a saddle at
 * (0, 0, c); and ½(1 − x1x2x3)² (linnet in three dimensions). */
static double
well3_f(const void *s, const double *x)
{
	double c = *(const double *)s, u = x[0] * x[0] - 1;

	return u * u + x[1] * x[1] + (x[2] - c) * (x[2] - c);
}

static void
well3_grad(const void *s, const double *x, double *g)
{
	double c = *(const double *)s;

	g[0] = 4 * x[0] * (x[0] * x[0] - 1);
	g[1] = 2 * x[1];
	g[2] = 2 * (x[2] - c);
}

static void
well3_hess(const void *s, const double *x, double *h)
{
	(void)s;
	memset(h, 0, 9 * sizeof *h);
	h[0] = 12 * x[0] * x[0] - 4;
	h[4] = 2;
	h[8] = 2;
}

static const sd_objective_type well3_type = {
	.name = "well3", .summary = "test", .formula = "(x²−1)² + y² + (z−c)²",
	.dim = 3, .window = { -2, 2, -2, 2 },
	.f = well3_f, .grad = well3_grad, .hess = well3_hess,
};

static double
net3_f(const void *s, const double *x)
{
	double r = 1 - x[0] * x[1] * x[2];

	(void)s;
	return r * r / 2;
}

static void
net3_grad(const void *s, const double *x, double *g)
{
	double r = 1 - x[0] * x[1] * x[2];

	(void)s;
	g[0] = -r * x[1] * x[2];
	g[1] = -r * x[0] * x[2];
	g[2] = -r * x[0] * x[1];
}

static void
net3_hess(const void *s, const double *x, double *h)
{
	double r = 1 - x[0] * x[1] * x[2], p[3];
	int i, j;

	(void)s;
	p[0] = x[1] * x[2];
	p[1] = x[0] * x[2];
	p[2] = x[0] * x[1];
	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++)
			h[i * 3 + j] = p[i] * p[j] -
			    (i == j ? 0 : r * x[3 - i - j]);
	}
}

static const sd_objective_type net3_type = {
	.name = "net3", .summary = "test", .formula = "½(1 − xyz)²",
	.dim = 3, .window = { -2, 2, -2, 2 },
	.f = net3_f, .grad = net3_grad, .hess = net3_hess,
};

/* In R³ a point counts when it is on the drawn plane: offsets and chart
 * coordinates are reported, points off the plane are not. */
static void
test_dim3(void **state)
{
	static const double e1[3] = { 1, 0, 0 }, e2[3] = { 0, 1, 0 };
	static const double up[3] = { 0, 0, 0.5 }, tilt[3] = { 0, 0.6, 0.8 };
	double c = 0.5;
	sd_objective obj = { .type = &well3_type, .dim = 3, .state = &c };
	sd_objective *net;
	sd_point_list list;
	const sd_point *p;
	sd_chart chart;
	char *cause = NULL;
	size_t i, ends = 0;
	double a;

	(void)state;
	/* The plane z = 0 misses the points at z = ½. */
	assert_int_equal(sd_chart_init_plane(&chart, 3, (double[3]){ 0 }, e1,
	    e2, &cause), 0);
	find_chart(&obj, &chart, &well3_type.window, &list);
	assert_int_equal(list.n, 0);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	/* The plane z = ½ holds all three. */
	assert_int_equal(sd_chart_init_plane(&chart, 3, up, e1, e2, &cause), 0);
	find_chart(&obj, &chart, &well3_type.window, &list);
	check_list(&obj, &chart, &well3_type.window, &list, 1e-12);
	assert_int_equal(list.n, 3);
	assert_int_equal(near(&list, -1, 0, 1e-12)->kind, SD_POINT_MIN);
	assert_int_equal(near(&list, 0, 0, 1e-12)->kind, SD_POINT_SADDLE);
	assert_close(near(&list, 1, 0, 1e-12)->x[2], 0.5, 1e-12);
	assert_close(list.points[0].offset, 0, 1e-12);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	/* A tilted plane through (0, 0, ½) along e1 and (0, .6, .8): the
	 * three points are at chart coordinates (±1, 0) and (0, 0). */
	assert_int_equal(sd_chart_init_plane(&chart, 3, up, e1, tilt, &cause),
	    0);
	find_chart(&obj, &chart, &well3_type.window, &list);
	check_list(&obj, &chart, &well3_type.window, &list, 1e-12);
	assert_int_equal(list.n, 3);
	assert_close(list.points[0].b, 0, 1e-12);
	assert_close(fabs(list.points[0].a), 1, 1e-12);
	sd_point_list_done(&list);
	sd_chart_done(&chart);

	/* ∇f = −(1 − xyz)(yz, xz, xy) vanishes where two coordinates do:
	 * on the plane z = 0, the two axes, continua of strict saddles
	 * (eigenvalues −|a|, 0, |a| at distance a from 0), and 0 itself,
	 * where ∇²f = 0: a degenerate saddle. */
	net = make_type(&net3_type);
	assert_int_equal(sd_chart_init_default(&chart, net, &cause), 0);
	find_chart(net, &chart, &net3_type.window, &list);
	check_list(net, &chart, &net3_type.window, &list, 1e-12);
	assert_int_equal(count_kind(&list, SD_POINT_DEGENERATE_SADDLE), 1);
	assert_int_equal(near(&list, 0, 0, 1e-9)->kind,
	    SD_POINT_DEGENERATE_SADDLE);
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		assert_int_equal(p->n_eigen, 3);
		assert_true(fabs(p->x[2]) < 1e-12);
		assert_true(fmin(fabs(p->x[0]), fabs(p->x[1])) < 1e-12);
		a = fmax(fabs(p->x[0]), fabs(p->x[1]));
		if (p->kind == SD_POINT_DEGENERATE_SADDLE)
			continue;
		assert_int_equal(p->kind, SD_POINT_SADDLE);
		assert_close(p->eigen[0], -a, 1e-9);
		assert_close(p->eigen[1], 0, 1e-9);
		assert_close(p->eigen[2], a, 1e-9);
		ends += a > 1.9;
	}
	/* Both axes, both ways, sampled out to the window's edges. */
	assert_int_equal(ends, 4);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(net);
}

/* ---- every objective ---------------------------------------------------- */

/* The largest ‖∇f‖ on a coarse grid over the window: the scale against
 * which a reported point's gradient must be tiny. */
static double
grad_scale(const sd_objective *obj, const sd_chart *chart,
    const sd_window *w)
{
	double x[DIM_MAX], g, big = 0;
	int i, j;

	for (i = 0; i <= 16; i++) {
		for (j = 0; j <= 16; j++) {
			sd_chart_lift(chart, w->xmin + (w->xmax - w->xmin) * i / 16,
			    w->ymin + (w->ymax - w->ymin) * j / 16, x);
			if (sd_objective_retract(obj, x) != 0)
				continue;
			if (isfinite(g = grad_norm(obj, x)))
				big = fmax(big, g);
		}
	}
	return big;
}

/* Every registered objective on its default chart and window: points
 * inside, on the slice, with a vanishing gradient, sorted, and no point
 * twice. */
static void
test_registry(void **state)
{
	const sd_objective_type *type;
	sd_objective *obj;
	sd_point_list list;
	sd_chart chart;
	char *cause = NULL;
	double big, span;
	size_t i, j, k;

	(void)state;
	for (k = 0; (type = sd_objective_types[k]) != NULL; k++) {
		obj = test_objective_new(type->name);
		if (obj->dim > DIM_MAX) {
			sd_objective_free(obj);
			continue;
		}
		assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
		find_chart(obj, &chart, NULL, &list);
		big = grad_scale(obj, &chart, &chart.window);
		check_list(obj, &chart, &chart.window, &list, 1e-9 * big);
		span = fmax(chart.window.xmax - chart.window.xmin,
		    chart.window.ymax - chart.window.ymin);
		for (i = 0; i < list.n; i++) {
			for (j = 0; j < i; j++) {
				double d = 0, t;
				size_t m;

				for (m = 0; m < obj->dim; m++) {
					t = list.points[i].x[m] -
					    list.points[j].x[m];
					d += t * t;
				}
				assert_true(sqrt(d) > 1e-6 * span);
			}
		}
		sd_point_list_done(&list);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* A lone classification near a degenerate point: Newton may stop at
 * 1e-164 instead of 0, where the Hessian is tiny only because the point
 * is degenerate; relative to the curvature around it, it is flat. */
static void
test_classify_tiny_degenerate(void **unused)
{
	static const struct {
		const char	*name;
		sd_point_kind	 kind;
	} cases[] = {
		{ "monkey", SD_POINT_DEGENERATE_SADDLE },
		{ "cubic", SD_POINT_DEGENERATE_SADDLE },
	};
	double x[2] = { -1e-164, -9e-165 };
	sd_objective *obj;
	sd_point pt;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		obj = sd_objective_new(cases[i].name, NULL);
		assert_non_null(obj);
		assert_int_equal(sd_finder_classify(obj, x, &pt, NULL), 0);
		if (pt.kind != cases[i].kind)
			fail_msg("%s at 1e-164: %s", cases[i].name,
			    sd_point_kind_name(pt.kind));
		sd_point_done(&pt);
		sd_objective_free(obj);
	}
}

/* §6's linear network ½(1 − xyz)² on its default chart (through 0):
 * the origin is a degenerate saddle although ∇f and ∇²f vanish there and
 * f is constant on every coordinate plane through it; the other points
 * are the minima xyz = 1 on the slice. */
static void
test_linnet3_origin(void **unused)
{
	sd_objective *obj = sd_objective_new("linnet3", NULL);
	sd_point_list list;
	sd_chart chart;
	size_t i, saddles = 0;
	sd_point *p;

	(void)unused;
	assert_non_null(obj);
	assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL,
	    &list, NULL), 0);
	for (i = 0; i < list.n; i++) {
		p = &list.points[i];
		if (p->kind == SD_POINT_DEGENERATE_SADDLE) {
			saddles++;
			assert_close(p->x[0], 0, 1e-8);
			assert_close(p->x[1], 0, 1e-8);
			assert_close(p->x[2], 0, 1e-8);
			assert_close(p->f, 0.5, 1e-12);
		} else {
			assert_int_equal(p->kind, SD_POINT_DEGENERATE_MIN);
			assert_close(p->x[0] * p->x[1] * p->x[2], 1, 1e-8);
		}
	}
	assert_int_equal(saddles, 1);
	assert_true(list.n > 1);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_himmelblau),
		cmocka_unit_test(test_doublewell),
		cmocka_unit_test(test_quadwell),
		cmocka_unit_test(test_saddle),
		cmocka_unit_test(test_cubic),
		cmocka_unit_test(test_monkey),
		cmocka_unit_test(test_camel6),
		cmocka_unit_test(test_beale),
		cmocka_unit_test(test_rastrigin),
		cmocka_unit_test(test_linnet),
		cmocka_unit_test(test_window_edge),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_flat),
		cmocka_unit_test(test_classify),
		cmocka_unit_test(test_classify_registry),
		cmocka_unit_test(test_classify_sphere),
		cmocka_unit_test(test_sphere_run),
		cmocka_unit_test(test_dim3),
		cmocka_unit_test(test_registry),
		cmocka_unit_test(test_classify_tiny_degenerate),
		cmocka_unit_test(test_linnet3_origin),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
