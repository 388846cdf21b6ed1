/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_slice_derivs.c: the slice's derivatives (objective.h's fgh and
 * grad_grid) are φ(a, b) = f(c + a·u + b·v)'s: φ is the slice's f to
 * 1e-12, ∇φ = (uᵀ∇f, vᵀ∇f) and ∇²φ = (uᵀHu, uᵀHv, vᵀHv) with f's own
 * analytic gradient and Hessian-vector products at the lifted point, ∇φ
 * agrees with GSL's central difference of the slice's f, and grad_grid
 * gives fgh's gradient at every node (with glm's shared exps, inside the
 * window and 100 times out of it, where they do not split; tiles whose
 * length is odd or no multiple of the sums' lanes), fg_grid gives grid's
 * and grad_grid's bits; on the default chart and on a random chart
 * through a point off the origin (twolayer also with samples past its
 * blocks of eight: n = 517, a last tile of them alone, and n = 1029). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>

#include "base/error.h"
#include "base/vec.h"
#include "landscape/slice.h"
#include "testutil.h"

#define DIM	64
#define NA	7
#define NB	5

/* The objectives whose slices have fgh. */
static const char *const deriving[] = {
	"glm", "glm:d=20,n=300,seed=3", "glm:d=3,n=1100,wnorm=7",
	"glm:d=60,n=50,noise=0.5", "glm:d=5,n=1031,seed=2",
	"glm:d=4,n=1061,seed=5", "pca", "pca:d=7,seed=3",
	"pca:d=30,seed=2,l1=40", "twolayer", "twolayer:k=3,m=4,n=300,act=1",
	"twolayer:k=4,m=5,n=200,kt=2", "twolayer:k=3,m=4,n=700,act=2",
	"twolayer:k=5,m=3,n=1100", "twolayer:k=3,m=5,n=517",
	"twolayer:k=6,m=6,n=1029,act=1",
};

/* |x − y| within tol·scale, with a message naming what differs. */
static void
check_near(const char *what, const char *spec, double x, double y,
    double tol, double scale)
{
	if (!(fabs(x - y) <= tol * scale))
		fail_msg("%s: %s %.17g through the slice, %.17g in R^d "
		    "(scale %g)", spec, what, x, y, scale);
}

/* φ along a (b fixed), for GSL's difference. */
struct along {
	const sd_objective_slice	*proj;
	double				 b;
	int				 axis;
};

static double
along_f(double t, void *arg)
{
	const struct along *al = arg;
	double a = al->axis == 0 ? t : al->b, b = al->axis == 0 ? al->b : t,
	    f;

	al->proj->f(al->proj->data, 1, &a, &b, &f);
	return f;
}

/* fgh at (a, b) against f's gradient and products at the lifted point,
 * and GSL's difference of the slice's f. */
static void
check_point(const sd_objective *obj, const sd_chart *chart,
    const sd_objective_slice *proj, double a, double b)
{
	double x[DIM], g[DIM], hu[DIM], hv[DIM], f, pg[2], ph[3], d, err;
	double scale, ref;
	size_t n = obj->dim;
	struct along al = { proj, 0, 0 };
	gsl_function fn = { along_f, &al };

	proj->fgh(proj->data, a, b, &f, pg, ph);
	sd_chart_lift(chart, a, b, x);
	check_near("φ", obj->spec, f, sd_objective_f(obj, x), 1e-12,
	    fabs(f));
	sd_objective_gradient(obj, x, g);
	scale = sd_norm(g, n) * fmax(sd_norm(chart->u, n),
	    sd_norm(chart->v, n)) + 1e-300;
	check_near("φ_a", obj->spec, pg[0], sd_dot(chart->u, g, n), 1e-10,
	    scale);
	check_near("φ_b", obj->spec, pg[1], sd_dot(chart->v, g, n), 1e-10,
	    scale);
	assert_int_equal(sd_objective_hvp(obj, x, chart->u, hu), 0);
	assert_int_equal(sd_objective_hvp(obj, x, chart->v, hv), 0);
	scale = fmax(sd_norm(hu, n) * sd_norm(chart->u, n),
	    sd_norm(hv, n) * sd_norm(chart->v, n)) + 1e-300;
	check_near("φ_aa", obj->spec, ph[0], sd_dot(chart->u, hu, n), 1e-10,
	    scale);
	check_near("φ_ab", obj->spec, ph[1], sd_dot(chart->u, hv, n), 1e-10,
	    scale);
	check_near("φ_bb", obj->spec, ph[2], sd_dot(chart->v, hv, n), 1e-10,
	    scale);
	for (al.axis = 0; al.axis < 2; al.axis++) {
		al.b = al.axis == 0 ? b : a;
		gsl_deriv_central(&fn, al.axis == 0 ? a : b, 1e-4, &d, &err);
		ref = fabs(pg[0]) + fabs(pg[1]) + 1e-6 * (1 + fabs(f));
		check_near("GSL's φ'", obj->spec, pg[al.axis], d, 1e-4, ref);
	}
}

/* fg_grid (when the slice has one) gives grid's f and grad_grid's ga
 * and gb (the stride NA + 1) bit for bit, and leaves the gap alone. */
static void
check_fg_grid(const sd_objective_slice *proj, const double *a,
    const double *b, const double *ga, const double *gb)
{
	double f[NB * (NA + 1)], f2[NB * (NA + 1)], ga2[NB * (NA + 1)];
	double gb2[NB * (NA + 1)];
	size_t i, s = NA + 1;

	if (proj->fg_grid == NULL)
		return;
	for (i = 0; i < NB * s; i++)
		f[i] = f2[i] = ga2[i] = gb2[i] = -7;
	proj->grid(proj->data, NA, a, NB, b, f, s);
	proj->fg_grid(proj->data, NA, a, NB, b, f2, ga2, gb2, s);
	assert_memory_equal(f, f2, sizeof f);
	assert_memory_equal(ga, ga2, sizeof ga2);
	assert_memory_equal(gb, gb2, sizeof gb2);
}

/* grad_grid (when the slice has one) against fgh at every node, with
 * a stride wider than the row. */
static void
check_grid(const sd_objective *obj, const sd_objective_slice *proj,
    const sd_window *w, double scale)
{
	double a[NA], b[NB], ga[NB * (NA + 1)], gb[NB * (NA + 1)], f, g[2];
	double h[3], big;
	size_t i, j, s = NA + 1;

	if (proj->grad_grid == NULL)
		return;
	for (i = 0; i < NA; i++)
		a[i] = scale * (w->xmin + (w->xmax - w->xmin) *
		    ((double)i + 0.4) / NA);
	for (j = 0; j < NB; j++)
		b[j] = scale * (w->ymin + (w->ymax - w->ymin) *
		    ((double)j + 0.7) / NB);
	for (i = 0; i < NB * s; i++)
		ga[i] = gb[i] = -7;
	proj->grad_grid(proj->data, NA, a, NB, b, ga, gb, s);
	for (j = 0; j < NB; j++) {
		for (i = 0; i < NA; i++) {
			proj->fgh(proj->data, a[i], b[j], &f, g, h);
			big = fabs(g[0]) + fabs(g[1]) + 1e-300;
			check_near("grid φ_a", obj->spec, ga[j * s + i], g[0],
			    1e-12, big);
			check_near("grid φ_b", obj->spec, gb[j * s + i], g[1],
			    1e-12, big);
		}
		assert_true(ga[j * s + NA] == -7 && gb[j * s + NA] == -7);
	}
	check_fg_grid(proj, a, b, ga, gb);
}

/* Every check over a grid of the chart's window. */
static void
check_chart(const sd_objective *obj, const sd_chart *chart)
{
	const sd_window *w = &chart->window;
	sd_slice slice;
	double a, b;
	int i, j;

	sd_slice_init(&slice);
	assert_int_equal(sd_slice_update(&slice, obj, chart, NULL), 0);
	assert_non_null(slice.proj.fgh);
	for (j = 0; j < 4; j++) {
		for (i = 0; i < 5; i++) {
			a = w->xmin + (w->xmax - w->xmin) * (i + 0.3) / 5;
			b = w->ymin + (w->ymax - w->ymin) * (j + 0.6) / 4;
			check_point(obj, chart, &slice.proj, a, b);
		}
	}
	check_grid(obj, &slice.proj, w, 1);
	check_grid(obj, &slice.proj, w, 100);
	sd_slice_done(&slice);
}

static void
test_derivatives(void **unused)
{
	double c[DIM];
	sd_chart chart;
	sd_objective *obj;
	size_t i, k;

	(void)unused;
	for (i = 0; i < sizeof deriving / sizeof deriving[0]; i++) {
		obj = test_objective_new(deriving[i]);
		assert_true(obj->dim <= DIM);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		check_chart(obj, &chart);
		sd_chart_done(&chart);
		for (k = 0; k < obj->dim; k++)
			c[k] = 0.4 * sin(1.7 * (double)k + 0.3);
		assert_int_equal(sd_chart_init_random(&chart, obj, c, 5, NULL),
		    0);
		chart.window = obj->type->window;
		check_chart(obj, &chart);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* twolayer's slice shares its grids' work (grid and grad_grid, what
 * the finder's scan of φ calls): without them the scan goes point by
 * point, k units a sample each, and the checks above would pass without
 * looking at them. */
static void
test_twolayer_grids(void **unused)
{
	static const char *const specs[] = {
		"twolayer", "twolayer:k=5,m=3,n=1100", "twolayer:act=1",
		"twolayer:act=2",
	};
	sd_objective *obj;
	sd_chart chart;
	sd_slice slice;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		obj = test_objective_new(specs[i]);
		assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
		sd_slice_init(&slice);
		assert_int_equal(sd_slice_update(&slice, obj, &chart, NULL),
		    0);
		assert_non_null(slice.proj.grid);
		assert_non_null(slice.proj.grad_grid);
		sd_slice_done(&slice);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derivatives),
		cmocka_unit_test(test_twolayer_grids),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
