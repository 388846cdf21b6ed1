/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_util.c: helpers of the finder's test programs (see
 * finder_util.h). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>

#include <cmocka.h>

#include "testutil.h"
#include "base/krylov.h"
#include "finder_util.h"

/* An objective of a test-local type. */
sd_objective *
make_type(const sd_objective_type *type)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new_type(type, NULL, &cause);

	if (obj == NULL)
		fail_msg("%s: %s", type->name, cause ? cause : "?");
	return obj;
}

/* Run the finder on obj through chart over w (NULL: the chart's window). */
void
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
void
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
size_t
count_kind(const sd_point_list *list, sd_point_kind kind)
{
	size_t i, n = 0;

	for (i = 0; i < list->n; i++)
		n += list->points[i].kind == kind;
	return n;
}

/* The point of the list nearest (x1, x2), which must be within tol. */
const sd_point *
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
double
grad_norm(const sd_objective *obj, const double *x)
{
	double g[DIM_MAX], s = 0;
	size_t i;

	sd_objective_rgradient(obj, x, g);
	for (i = 0; i < obj->dim; i++)
		s += g[i] * g[i];
	return sqrt(s);
}

/* What every list must satisfy: finite values, points inside the window
 * and on the slice, a gradient that vanishes there (at most tol), the kind
 * agreeing with the eigenvalues' signs, and the output order. */
void
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
		/* Every eigenvalue, or the extreme two of a matrix-free
		 * classification (finder_krylov.c). */
		if (!(obj->dim >= SD_KRYLOV_DIM && obj->type->hvp != NULL &&
		    p->n_eigen == 2))
			assert_int_equal(p->n_eigen, obj->type->manifold ==
			    SD_SPHERE ? obj->dim - 1 : obj->dim);
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
