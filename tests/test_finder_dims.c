/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_dims.c: the stationary-point finder beyond the plane: the
 * Riemannian classification on the sphere (§2.3), points of R³ on the
 * drawn plane, and every objective of the registry on its default chart
 * and window. */
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
#include "finder_util.h"

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
