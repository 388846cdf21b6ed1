/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_classic.c: the stationary-point finder on the classic
 * objectives, against closed forms and the literature: Himmelblau's four
 * minima, the six-hump camel's two global minima, Beale's and Rastrigin's
 * stationary points counted from 1-D equations, the chapter's degenerate
 * saddle of x1² + x2³ and linnet's continuum of minima. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "finder_util.h"

/* ---- helpers ----------------------------------------------------------- */

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

/* The seeding grid is sampled a row at a time through fg_batch when the
 * objective has it: the same points, bit for bit, as node by node (the
 * same type without fg_batch). */
static void
test_batch_grid(void **state)
{
	static const char *const names[] = { "himmelblau", "camel6",
	    "doublewell" };
	sd_objective *obj, *plain;
	sd_objective_type t;
	sd_point_list a, b;
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		obj = test_objective_new(names[i]);
		assert_non_null(obj->type->fg_batch);
		t = *obj->type;
		t.fg_batch = NULL;
		assert_non_null(plain = sd_objective_new_state(&t, NULL,
		    names[i], NULL));
		find(obj, NULL, &a);
		find(plain, NULL, &b);
		assert_true(a.n > 0);
		assert_int_equal(a.n, b.n);
		for (k = 0; k < a.n; k++) {
			assert_int_equal(a.points[k].kind, b.points[k].kind);
			assert_memory_equal(a.points[k].x, b.points[k].x,
			    2 * sizeof *a.points[k].x);
			assert_memory_equal(&a.points[k].f, &b.points[k].f,
			    sizeof a.points[k].f);
		}
		sd_point_list_done(&a);
		sd_point_list_done(&b);
		sd_objective_free(plain);
		sd_objective_free(obj);
	}
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
		cmocka_unit_test(test_batch_grid),
		cmocka_unit_test(test_beale),
		cmocka_unit_test(test_rastrigin),
		cmocka_unit_test(test_linnet),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
