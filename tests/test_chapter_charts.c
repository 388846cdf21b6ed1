/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_chapter_charts.c: derivatives in several dimensions and along the
 * sphere's geodesics (§2.3), the charts that show the chapter's
 * objectives, and the finder through them.
 *
 * Every expected value comes from the chapter's mathematics (stationary
 * points, Hessian eigenvalues, inequalities), never from running saddle;
 * the data an objective draws is reached only through its public face
 * (f, ∇f, ∇²f, its default chart). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "chapter_util.h"

/* ---- derivatives in several dimensions ---------------------------------- */

/* Gradients and Hessians against numerical derivatives in d = 2, 5, 20
 * (non-default parameters; the defaults are test_objective's). ReLU's
 * kinks are skipped, and at least 90% of its probes must be smooth. */
static void
test_derivatives_several_dimensions(void **unused)
{
	static const char *const specs[] = {
		"glm:d=5,n=40", "glm:d=20,n=30,noise=0.5,wnorm=3",
		"glm-pop:d=5,nodes=12", "glm-pop:d=20,wnorm=1,nodes=10",
		"pca:d=5", "pca:d=20,seed=3,l1=7,l2=0.5",
		"matcomp:d=5,p=0.8", "matcomp:d=20,seed=4",
		"tensor:d=5,n=4,seed=2", "tensor:d=20,n=20,seed=1",
		"twolayer:k=3,m=4,n=50", "twolayer:k=4,m=5,n=30",
		"twolayer:act=1,n=50", "twolayer:k=2,m=5,act=1,n=40",
		"twolayer:k=2,m=3,act=2,n=20", "twolayer:k=4,m=5,act=2,n=10",
	};
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	sd_objective *obj;
	double x[DMAX];
	size_t s, t, k, checked, total;

	(void)unused;
	for (s = 0; s < sizeof specs / sizeof specs[0]; s++) {
		obj = test_objective_new(specs[s]);
		checked = total = 0;
		for (t = 0; t < 12; t++) {
			for (k = 0; k < obj->dim; k++)
				x[k] = 3 * gsl_rng_uniform(rng) - 1.5;
			checked += test_check_derivatives(obj, x,
			    strstr(specs[s], "act=2") != NULL);
			total += obj->dim;
		}
		if (checked < total * 9 / 10)
			fail_msg("%s: only %zu of %zu probes were smooth",
			    specs[s], checked, total);
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

/* On the sphere, along the geodesic γ(t) = cos t·x + sin t·v (v a unit
 * tangent vector): (f∘γ)'(0) = ⟨grad f, v⟩ and (f∘γ)''(0) = ⟨v, Hess f v⟩,
 * the Riemannian gradient and Hessian of §2.3. */
static void
test_riemannian_along_geodesics(void **unused)
{
	sd_objective *obj = test_objective_new("tensor:d=5,n=4,seed=9");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[5], v[5], y[5], g[5], h[25], hv[5], f[5], t = 1e-3, c;
	double d1, d2;
	size_t i, j, n;

	(void)unused;
	for (n = 0; n < 50; n++) {
		for (i = 0; i < 5; i++) {
			x[i] = gsl_ran_ugaussian(rng);
			v[i] = gsl_ran_ugaussian(rng);
		}
		assert_int_equal(sd_objective_retract(obj, x), 0);
		c = dot(v, x, 5);
		for (i = 0; i < 5; i++)
			v[i] -= c * x[i];
		c = norm(v, 5);
		for (i = 0; i < 5; i++)
			v[i] /= c;
		/* f at γ(kt), k = −2..2. */
		for (j = 0; j < 5; j++) {
			c = ((double)j - 2) * t;
			for (i = 0; i < 5; i++)
				y[i] = cos(c) * x[i] + sin(c) * v[i];
			f[j] = sd_objective_f(obj, y);
		}
		d1 = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * t);
		d2 = (-f[0] + 16 * f[1] - 30 * f[2] + 16 * f[3] - f[4]) /
		    (12 * t * t);
		sd_objective_rgradient(obj, x, g);
		sd_objective_rhessian(obj, x, h);
		for (i = 0; i < 5; i++)
			hv[i] = dot(h + i * 5, v, 5);
		assert_close(dot(g, x, 5), 0, 1e-14);
		assert_close(dot(g, v, 5), d1, 1e-8);
		assert_close(dot(v, hv, 5), d2, 1e-5);
	}
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* ---- the finder through the charts --------------------------------------- */

/* pca:d=5 on its default chart (the plane of v1, v2): exactly the five
 * stationary points on that plane — the maximum 0, the saddles ±√λ2 v2
 * and the minima ±√λ1 v1, at their chart coordinates. */
static void
test_finder_pca_chart(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=5,seed=2");
	double lam[DMAX], v[DMAX * DMAX];
	int count[SD_POINT_KIND_COUNT] = { 0 };
	sd_point_list list;
	sd_chart chart;
	size_t i;

	(void)unused;
	pca_spectrum(obj, lam, v);
	must_chart(&chart, obj);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	assert_int_equal(list.n, 5);
	for (i = 0; i < list.n; i++) {
		count[list.points[i].kind]++;
		assert_close(list.points[i].offset, 0, 1e-12);
		if (list.points[i].kind == SD_POINT_MIN)
			assert_close(fabs(list.points[i].a), sqrt(lam[0]),
			    1e-10);
		if (list.points[i].kind == SD_POINT_SADDLE)
			assert_close(fabs(list.points[i].b), sqrt(lam[1]),
			    1e-10);
	}
	assert_int_equal(count[SD_POINT_MIN], 2);
	assert_int_equal(count[SD_POINT_SADDLE], 2);
	assert_int_equal(count[SD_POINT_MAX], 1);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* tensor (d = n = 3) through its sphere chart: all 26 stationary points,
 * 6 minima, 12 saddles and 8 maxima, with d − 1 = 2 eigenvalues each;
 * also after a rotation. */
static void
test_finder_tensor_sphere(void **unused)
{
	static const char *const specs[] = { "tensor", "tensor:seed=3" };
	int count[SD_POINT_KIND_COUNT];
	sd_objective *obj;
	sd_point_list list;
	sd_chart chart;
	size_t s, i;

	(void)unused;
	for (s = 0; s < 2; s++) {
		obj = test_objective_new(specs[s]);
		must_chart(&chart, obj);
		assert_int_equal(chart.kind, SD_CHART_SPHERE);
		assert_int_equal(sd_finder_run(obj, &chart, &chart.window,
		    NULL, &list, NULL), 0);
		memset(count, 0, sizeof count);
		for (i = 0; i < list.n; i++) {
			count[list.points[i].kind]++;
			assert_int_equal(list.points[i].n_eigen, 2);
			assert_close(norm(list.points[i].x, 3), 1, 1e-14);
		}
		assert_int_equal(list.n, 26);
		assert_int_equal(count[SD_POINT_MIN], 6);
		assert_int_equal(count[SD_POINT_SADDLE], 12);
		assert_int_equal(count[SD_POINT_MAX], 8);
		sd_point_list_done(&list);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* ---- charts -------------------------------------------------------------- */

/* A plane chart: project∘lift is the identity, and a point moved off the
 * plane along a normal keeps its coordinates and gets that offset. */
static void
test_chart_plane_roundtrip(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=7");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double c[7], u[7], v[7], x[7], n[7], a, b, pa, pb, off, t, k;
	sd_chart chart;
	size_t i, j;

	(void)unused;
	for (i = 0; i < 7; i++) {
		c[i] = gsl_ran_ugaussian(rng);
		u[i] = gsl_ran_ugaussian(rng);
		v[i] = gsl_ran_ugaussian(rng);
	}
	assert_int_equal(sd_chart_init_plane(&chart, 7, c, u, v, NULL), 0);
	assert_close(dot(chart.u, chart.v, 7), 0, 1e-15);
	for (j = 0; j < 50; j++) {
		a = 10 * gsl_rng_uniform(rng) - 5;
		b = 10 * gsl_rng_uniform(rng) - 5;
		sd_chart_lift(&chart, a, b, x);
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, 0, 1e-13);
		/* A unit normal: a random vector minus its plane part. */
		for (i = 0; i < 7; i++)
			n[i] = gsl_ran_ugaussian(rng);
		k = dot(n, chart.u, 7);
		t = dot(n, chart.v, 7);
		for (i = 0; i < 7; i++)
			n[i] -= k * chart.u[i] + t * chart.v[i];
		for (k = norm(n, 7), i = 0; i < 7; i++)
			n[i] /= k;
		t = 3 * gsl_rng_uniform(rng);
		for (i = 0; i < 7; i++)
			x[i] += t * n[i];
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, t, 1e-13);
	}
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* A sphere chart of a 3-dimensional subspace of R^5: lifts are unit
 * vectors, project∘lift is the identity inside the window, and a point of
 * S⁴ at angle θ from the great sphere has offset 2 sin(θ/2). */
static void
test_chart_sphere(void **unused)
{
	sd_objective *obj = test_objective_new("tensor:d=5,n=3,seed=6");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[5], n[5], a, b, pa, pb, off, th, k;
	sd_chart chart;
	size_t i, j;

	(void)unused;
	must_chart(&chart, obj);
	assert_int_equal(chart.kind, SD_CHART_SPHERE);
	assert_close(chart.window.xmax, M_PI, 0);
	assert_close(chart.window.ymax, M_PI / 2, 0);
	for (j = 0; j < 100; j++) {
		a = (2 * gsl_rng_uniform(rng) - 1) * 3.1;
		b = (2 * gsl_rng_uniform(rng) - 1) * 1.5;
		sd_chart_lift(&chart, a, b, x);
		assert_close(norm(x, 5), 1, 1e-15);
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, 0, 1e-15);
		/* Tilt x by θ towards a unit normal of the subspace. */
		for (i = 0; i < 5; i++)
			n[i] = gsl_ran_ugaussian(rng);
		for (i = 0; i < 5; i++) {
			k = dot(n, chart.u, 5) * chart.u[i] +
			    dot(n, chart.v, 5) * chart.v[i] +
			    dot(n, chart.w, 5) * chart.w[i];
			x[i] = n[i] - k;
		}
		memcpy(n, x, sizeof n);
		for (k = norm(n, 5), i = 0; i < 5; i++)
			n[i] /= k;
		th = 1.5 * gsl_rng_uniform(rng);
		sd_chart_lift(&chart, a, b, x);
		for (i = 0; i < 5; i++)
			x[i] = cos(th) * x[i] + sin(th) * n[i];
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, 2 * sin(th / 2), 1e-13);
	}
	/* The default tensor chart: a1 at (0, 0), a2 at (π/2, 0), a3 at the
	 * pole, each a minimum f = −1. */
	sd_chart_lift(&chart, 0, 0, x);
	assert_close(sd_objective_f(obj, x), -1, 1e-14);
	sd_chart_lift(&chart, M_PI / 2, 0, x);
	assert_close(sd_objective_f(obj, x), -1, 1e-14);
	sd_chart_lift(&chart, 0, M_PI / 2, x);
	assert_close(sd_objective_f(obj, x), -1, 1e-14);
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The plane through three points contains them, with p1 and p2 on the a
 * axis symmetric about the origin, and its window shows all three;
 * collinear points are refused. */
static void
test_chart_three_points(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=6");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double p[3][6], y[6], a[3], b[3], off;
	const sd_window *w;
	sd_chart chart;
	char *cause = NULL;
	size_t i, k;

	(void)unused;
	for (i = 0; i < 3; i++) {
		for (k = 0; k < 6; k++)
			p[i][k] = 4 * gsl_rng_uniform(rng) - 2;
	}
	assert_int_equal(sd_chart_init_points(&chart, obj, p[0], p[1], p[2],
	    NULL), 0);
	w = &chart.window;
	for (i = 0; i < 3; i++) {
		sd_chart_project(&chart, p[i], &a[i], &b[i], &off);
		assert_close(off, 0, 1e-13);
		sd_chart_lift(&chart, a[i], b[i], y);
		assert_true(dist(y, p[i], 6) < 1e-13);
		assert_true(a[i] > w->xmin && a[i] < w->xmax);
		assert_true(b[i] > w->ymin && b[i] < w->ymax);
	}
	assert_close(b[0], 0, 1e-13);
	assert_close(b[1], 0, 1e-13);
	assert_close(a[0], -a[1], 1e-13);
	assert_close(a[1], dist(p[0], p[1], 6) / 2, 1e-13);
	sd_chart_done(&chart);
	for (k = 0; k < 6; k++)
		p[2][k] = 2 * p[1][k] - p[0][k];
	assert_int_equal(sd_chart_init_points(&chart, obj, p[0], p[1], p[2],
	    &cause), -1);
	assert_non_null(strstr(cause, "one line"));
	free(cause);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* At PCA's saddle √λ2 v2 the Hessian chart runs along the most negative
 * curvature: f falls both ways along its a axis (the escape), and rises
 * along its b axis (the most positive curvature). */
static void
test_chart_hessian(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=4,seed=3");
	double lam[DMAX], v[DMAX * DMAX], x[4], y[4], h[16], hu[4], f0, t;
	sd_chart chart;
	size_t k;

	(void)unused;
	pca_spectrum(obj, lam, v);
	for (k = 0; k < 4; k++)
		x[k] = sqrt(lam[1]) * v[4 + k];
	assert_int_equal(sd_chart_init_hessian(&chart, obj, x, NULL), 0);
	sd_chart_lift(&chart, 0, 0, y);
	assert_true(dist(x, y, 4) < 1e-15);
	/* u is the eigenvector of 2(λ2 − λ1), the smallest eigenvalue. */
	sd_objective_hessian(obj, x, h);
	for (k = 0; k < 4; k++)
		hu[k] = dot(h + 4 * k, chart.u, 4);
	assert_close(dot(hu, chart.u, 4), 2 * (lam[1] - lam[0]), 1e-12);
	f0 = sd_objective_f(obj, x);
	for (t = 0.1; t <= 0.5; t += 0.1) {
		sd_chart_lift(&chart, t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, -t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, 0, t, y);
		assert_true(sd_objective_f(obj, y) > f0);
	}
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* A path that lies in a plane gives that plane: every iterate has offset
 * 0 and the last one is the origin; a straight path is refused. */
static void
test_chart_trajectory(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=5");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double c[5], u[5], v[5], path[40 * 5], a, b, off;
	sd_chart chart;
	char *cause = NULL;
	size_t i, k;

	(void)unused;
	for (k = 0; k < 5; k++) {
		c[k] = gsl_ran_ugaussian(rng);
		u[k] = gsl_ran_ugaussian(rng);
		v[k] = gsl_ran_ugaussian(rng);
	}
	for (i = 0; i < 40; i++) {
		a = cos(0.1 * (double)i) * exp(-0.05 * (double)i);
		b = sin(0.1 * (double)i) * exp(-0.05 * (double)i);
		for (k = 0; k < 5; k++)
			path[i * 5 + k] = c[k] + a * u[k] + b * v[k];
	}
	assert_int_equal(sd_chart_init_trajectory(&chart, obj, path, 40,
	    NULL), 0);
	for (i = 0; i < 40; i++) {
		sd_chart_project(&chart, path + i * 5, &a, &b, &off);
		assert_close(off, 0, 1e-12);
		assert_true(a >= chart.window.xmin && a <= chart.window.xmax);
		assert_true(b >= chart.window.ymin && b <= chart.window.ymax);
	}
	sd_chart_lift(&chart, 0, 0, c);
	assert_true(dist(c, path + 39 * 5, 5) < 1e-15);
	sd_chart_done(&chart);
	for (i = 0; i < 40; i++) {
		for (k = 0; k < 5; k++)
			path[i * 5 + k] = c[k] + (double)i * u[k];
	}
	assert_int_equal(sd_chart_init_trajectory(&chart, obj, path, 40,
	    &cause), -1);
	assert_non_null(strstr(cause, "line"));
	free(cause);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* Random charts are seeded: the same seed gives the same plane, another
 * seed another one. On a network each filter of a direction is scaled like
 * the same filter of the centre (Li et al. 2018): their ratios agree. */
static void
test_chart_random(void **unused)
{
	sd_objective *obj = test_objective_new("twolayer:k=3,m=4,n=20");
	double theta[12], r[3];
	sd_chart c1, c2, c3;
	size_t i, j;

	(void)unused;
	for (i = 0; i < 12; i++)
		theta[i] = (double)(i / 4 + 1) * (i % 2 ? 1 : -0.5);
	assert_int_equal(sd_chart_init_random(&c1, obj, theta, 7, NULL), 0);
	assert_int_equal(sd_chart_init_random(&c2, obj, theta, 7, NULL), 0);
	assert_int_equal(sd_chart_init_random(&c3, obj, theta, 8, NULL), 0);
	assert_memory_equal(c1.u, c2.u, 12 * sizeof *c1.u);
	assert_true(dist(c1.u, c3.u, 12) > 1e-3);
	assert_close(norm(c1.u, 12), 1, 1e-15);
	assert_close(dot(c1.u, c1.v, 12), 0, 1e-15);
	/* u was filter-normalized before being scaled to unit length; v was
	 * too, before Gram–Schmidt mixed in u, so check u. */
	for (j = 0; j < 3; j++)
		r[j] = norm(c1.u + 4 * j, 4) / norm(theta + 4 * j, 4);
	assert_close(r[1], r[0], 1e-13);
	assert_close(r[2], r[0], 1e-13);
	sd_chart_done(&c1);
	sd_chart_done(&c2);
	sd_chart_done(&c3);
	sd_objective_free(obj);
}

/* On the sphere the purpose-built charts are sphere charts: the Hessian
 * chart at the tensor's saddle (e1 + e2)/√2 falls both ways along its a
 * axis (the Riemannian Hessian's −4) and rises along b (its 2); the chart
 * through the three minima e1, e2, e3 holds them; the chart of a path
 * puts its last point at (0, 0). A copy lifts like the original. */
static void
test_chart_sphere_choices(void **unused)
{
	sd_objective *obj = test_objective_new("tensor");
	double x[3] = { M_SQRT1_2, M_SQRT1_2, 0 }, y[3], f0, t, a, b, off;
	double e[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
	double path[10 * 3];
	sd_chart chart, copy;
	size_t i;

	(void)unused;
	assert_int_equal(sd_chart_init_hessian(&chart, obj, x, NULL), 0);
	assert_int_equal(chart.kind, SD_CHART_SPHERE);
	sd_chart_lift(&chart, 0, 0, y);
	assert_true(dist(x, y, 3) < 1e-15);
	f0 = sd_objective_f(obj, x);
	for (t = 0.1; t <= 0.5; t += 0.1) {
		sd_chart_lift(&chart, t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, -t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, 0, t, y);
		assert_true(sd_objective_f(obj, y) > f0);
	}
	assert_int_equal(sd_chart_copy(&copy, &chart, NULL), 0);
	sd_chart_lift(&copy, 0.3, -0.2, x);
	sd_chart_lift(&chart, 0.3, -0.2, y);
	assert_memory_equal(x, y, sizeof x);
	sd_chart_done(&copy);
	sd_chart_done(&chart);
	assert_int_equal(sd_chart_init_points(&chart, obj, e[1], e[2], e[0],
	    NULL), 0);
	for (i = 0; i < 3; i++) {
		sd_chart_project(&chart, e[i], &a, &b, &off);
		assert_close(off, 0, 1e-15);
	}
	sd_chart_project(&chart, e[1], &a, &b, &off);
	assert_close(a, 0, 1e-15);
	assert_close(b, 0, 1e-15);
	sd_chart_done(&chart);
	for (i = 0; i < 10; i++) {
		t = 0.1 * (double)i;
		path[3 * i] = cos(t);
		path[3 * i + 1] = sin(t) * cos(2 * t);
		path[3 * i + 2] = sin(t) * sin(2 * t);
	}
	assert_int_equal(sd_chart_init_trajectory(&chart, obj, path, 10,
	    NULL), 0);
	assert_int_equal(chart.kind, SD_CHART_SPHERE);
	sd_chart_project(&chart, path + 27, &a, &b, &off);
	assert_close(a, 0, 1e-14);
	assert_close(b, 0, 1e-14);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Objectives without a chart of their own keep the identity chart. */
static void
test_chart_default_classic(void **unused)
{
	sd_objective *obj = test_objective_new("rosenbrock");
	sd_chart chart;

	(void)unused;
	must_chart(&chart, obj);
	assert_int_equal(chart.kind, SD_CHART_PLANE);
	assert_true(chart.origin[0] == 0 && chart.origin[1] == 0);
	assert_true(chart.u[0] == 1 && chart.u[1] == 0);
	assert_true(chart.v[0] == 0 && chart.v[1] == 1);
	assert_true(chart.window.xmin == -2 && chart.window.ymax == 3);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Choices parse to their kinds; bad ones name the bad word and list what
 * is accepted. */
static void
test_chart_choice_parse(void **unused)
{
	static const struct {
		const char	*text, *kind;
	} good[] = {
		{ "default", "default" },
		{ "random", "random" },
		{ "random:42", "random" },
		{ "hessian:0.5,-1", "hessian" },
		{ "hessian:1,2,3,4,5", "hessian" },
		{ "points:1,0;-1,0;0,1e0", "points" },
		{ "trajectory", "trajectory" },
	};
	static const struct {
		const char	*text, *word;
	} bad[] = {
		{ "plane", "'plane'" },
		{ "", "empty" },
		{ "random:x", "'x'" },
		{ "random:-1", "'-1'" },
		{ "hessian", "needs a point" },
		{ "hessian:1,2,3", "'1,2,3' has 3 numbers" },
		{ "hessian:1,y", "'y'" },
		{ "points:1,2;3,4", "has 2 points" },
		{ "points:1,2;3,4;5,6;7,8", "more than three" },
		{ "trajectory:3", "takes no argument" },
		{ "default:1", "takes no argument" },
	};
	sd_chart_choice c;
	char *cause = NULL;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(sd_chart_choice_parse(good[i].text, 5, &c,
		    NULL), 0);
		assert_string_equal(c.type->name, good[i].kind);
	}
	assert_int_equal(sd_chart_choice_parse("random:42", 5, &c, NULL), 0);
	assert_int_equal(c.seed, 42);
	assert_int_equal(sd_chart_choice_parse("points:1,0;-1,0;0,2", 5, &c,
	    NULL), 0);
	assert_true(c.n_points == 3 && c.len[2] == 2 && c.point[2][1] == 2);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(sd_chart_choice_parse(bad[i].text, 5, &c,
		    &cause), -1);
		if (strstr(cause, bad[i].word) == NULL)
			fail_msg("'%s': \"%s\" lacks \"%s\"", bad[i].text,
			    cause, bad[i].word);
		if (strstr(cause, "default, random") == NULL &&
		    strstr(cause, "expected") == NULL)
			fail_msg("'%s': \"%s\" says nothing of what is "
			    "accepted", bad[i].text, cause);
		free(cause);
		cause = NULL;
	}
	assert_int_equal(sd_chart_choice_parse("plane", 5, &c, &cause), -1);
	assert_non_null(strstr(cause, "trajectory"));
	free(cause);
}

/* Chart coordinates in a choice are read in the current chart: the
 * three-point chart of pca's minima and saddle, written in the default
 * chart's coordinates, shows them where the default chart does. Without a
 * path, trajectory is refused. */
static void
test_chart_choice_build(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=4");
	double lam[DMAX], v[DMAX * DMAX], x[4], a, b, off;
	char text[128], *cause = NULL;
	sd_chart def, chart;

	(void)unused;
	pca_spectrum(obj, lam, v);
	must_chart(&def, obj);
	snprintf(text, sizeof text, "points:%.17g,0;%.17g,0;0,%.17g",
	    -sqrt(lam[0]), sqrt(lam[0]), sqrt(lam[1]));
	assert_int_equal(sd_chart_init_text(&chart, obj, text, &def, NULL, 0,
	    NULL), 0);
	sd_chart_lift(&def, 0, sqrt(lam[1]), x);
	sd_chart_project(&chart, x, &a, &b, &off);
	assert_close(a, 0, 1e-13);
	assert_close(b, sqrt(lam[1]), 1e-13);
	assert_close(off, 0, 1e-13);
	sd_chart_done(&chart);
	assert_int_equal(sd_chart_init_text(&chart, obj, "trajectory", &def,
	    NULL, 0, &cause), -1);
	assert_non_null(strstr(cause, "trajectory"));
	free(cause);
	cause = NULL;
	assert_int_equal(sd_chart_init_text(&chart, obj, "default", NULL, NULL,
	    0, NULL), 0);
	assert_memory_equal(chart.u, def.u, 4 * sizeof *def.u);
	sd_chart_done(&chart);
	sd_chart_done(&def);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derivatives_several_dimensions),
		cmocka_unit_test(test_riemannian_along_geodesics),
		cmocka_unit_test(test_finder_pca_chart),
		cmocka_unit_test(test_finder_tensor_sphere),
		cmocka_unit_test(test_chart_plane_roundtrip),
		cmocka_unit_test(test_chart_sphere),
		cmocka_unit_test(test_chart_three_points),
		cmocka_unit_test(test_chart_hessian),
		cmocka_unit_test(test_chart_trajectory),
		cmocka_unit_test(test_chart_random),
		cmocka_unit_test(test_chart_sphere_choices),
		cmocka_unit_test(test_chart_default_classic),
		cmocka_unit_test(test_chart_choice_parse),
		cmocka_unit_test(test_chart_choice_build),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
