/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart.c: plane and sphere charts (see chart.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"

/* The window of a sphere chart: every longitude and latitude. */
static const sd_window chart_sphere_window = {
	-M_PI, M_PI, -M_PI / 2, M_PI / 2
};

/* Allocate the four vectors of a chart, zeroed. */
static int
chart_alloc(sd_chart *chart, size_t dim, char **cause)
{
	memset(chart, 0, sizeof *chart);
	chart->dim = dim;
	chart->origin = calloc(4 * dim, sizeof *chart->origin);
	if (chart->origin == NULL)
		return sd_fail(cause, "out of memory");
	chart->u = chart->origin + dim;
	chart->v = chart->u + dim;
	chart->w = chart->v + dim;
	chart->window = (sd_window){ -1, 1, -1, 1 };
	return 0;
}

int
sd_chart_init_default(sd_chart *chart, const sd_objective *obj,
    char **cause)
{
	if (obj->dim < 2)
		return sd_fail(cause, "%s: a chart needs at least two "
		    "dimensions", obj->type->name);
	if (obj->type->default_chart != NULL)
		return obj->type->default_chart(obj, chart, cause);
	if (chart_alloc(chart, obj->dim, cause) != 0)
		return -1;
	chart->u[0] = 1;
	chart->v[1] = 1;
	chart->window = obj->type->window;
	return 0;
}

int
sd_chart_init_sphere(sd_chart *chart, size_t dim, const double *u,
    const double *v, const double *w, char **cause)
{
	if (dim < 3)
		return sd_fail(cause, "chart: a sphere chart needs at least "
		    "three dimensions");
	if (chart_alloc(chart, dim, cause) != 0)
		return -1;
	chart->kind = SD_CHART_SPHERE;
	memcpy(chart->u, u, dim * sizeof *u);
	memcpy(chart->v, v, dim * sizeof *v);
	memcpy(chart->w, w, dim * sizeof *w);
	/* u, v, w are consecutive rows of one array. */
	if (sd_orthonormalize(chart->u, 3, dim, 1e-10) >= 0) {
		sd_chart_done(chart);
		return sd_fail(cause, "chart: the three directions of a "
		    "sphere chart are dependent");
	}
	chart->window = chart_sphere_window;
	return 0;
}

int
sd_chart_copy(sd_chart *dst, const sd_chart *src, char **cause)
{
	if (chart_alloc(dst, src->dim, cause) != 0)
		return -1;
	memcpy(dst->origin, src->origin, 4 * src->dim * sizeof *dst->origin);
	dst->kind = src->kind;
	dst->window = src->window;
	return 0;
}

int
sd_chart_init_plane(sd_chart *chart, size_t dim, const double *origin,
    const double *u, const double *v, char **cause)
{
	double nu, uv, nv;
	size_t i;

	if (chart_alloc(chart, dim, cause) != 0)
		return -1;
	memcpy(chart->origin, origin, dim * sizeof *origin);
	nu = sd_norm(u, dim);
	for (i = 0; i < dim; i++)
		chart->u[i] = nu > 0 ? u[i] / nu : 0;
	/* Gram–Schmidt: v minus its component along u. */
	uv = sd_dot(chart->u, v, dim);
	memcpy(chart->v, v, dim * sizeof *v);
	sd_axpy(-uv, chart->u, chart->v, dim);
	nv = sd_norm(chart->v, dim);
	if (!(nu > 0) || !(nv > 1e-12 * (nu > 1 ? nu : 1))) {
		sd_chart_done(chart);
		return sd_fail(cause, "chart: the two directions are zero or "
		    "parallel");
	}
	for (i = 0; i < dim; i++)
		chart->v[i] /= nv;
	return 0;
}

void
sd_chart_done(sd_chart *chart)
{
	free(chart->origin);
	memset(chart, 0, sizeof *chart);
}

/* The point at longitude a, latitude b of a sphere chart. */
static void
chart_sphere_lift(const sd_chart *chart, double a, double b, double *x)
{
	double cu = cos(b) * cos(a), cv = cos(b) * sin(a), cw = sin(b);
	size_t i;

	for (i = 0; i < chart->dim; i++)
		x[i] = cu * chart->u[i] + cv * chart->v[i] + cw * chart->w[i];
}

/* Longitude, latitude and offset from the great sphere of x. The nearest
 * point of the great sphere to x is Px/‖Px‖ (P the projection onto the
 * chart's subspace), at distance √(‖x − Px‖² + (‖Px‖ − 1)²): summed from
 * the residual's entries, not as ‖x‖² − 2‖Px‖ + 1, whose cancellation
 * would leave √ε ≈ 10⁻⁸ for a point on the great sphere. */
static void
chart_sphere_project(const sd_chart *chart, const double *x, double *a,
    double *b, double *offset)
{
	size_t i, d = chart->dim;
	double cu = sd_dot(x, chart->u, d), cv = sd_dot(x, chart->v, d);
	double cw = sd_dot(x, chart->w, d), rho, r, r2 = 0;

	*a = atan2(cv, cu);
	*b = atan2(cw, hypot(cu, cv));
	if (offset == NULL)
		return;
	for (i = 0; i < d; i++) {
		r = x[i] - cu * chart->u[i] - cv * chart->v[i] -
		    cw * chart->w[i];
		r2 += r * r;
	}
	rho = sqrt(cu * cu + cv * cv + cw * cw);
	*offset = sqrt(r2 + (rho - 1) * (rho - 1));
}

void
sd_chart_lift(const sd_chart *chart, double a, double b, double *x)
{
	size_t i;

	if (chart->kind == SD_CHART_SPHERE) {
		chart_sphere_lift(chart, a, b, x);
		return;
	}
	for (i = 0; i < chart->dim; i++)
		x[i] = chart->origin[i] + a * chart->u[i] + b * chart->v[i];
}

void
sd_chart_project(const sd_chart *chart, const double *x, double *a,
    double *b, double *offset)
{
	double pa = 0, pb = 0, r2 = 0, r;
	size_t i;

	if (chart->kind == SD_CHART_SPHERE) {
		chart_sphere_project(chart, x, a, b, offset);
		return;
	}

	for (i = 0; i < chart->dim; i++) {
		pa += (x[i] - chart->origin[i]) * chart->u[i];
		pb += (x[i] - chart->origin[i]) * chart->v[i];
	}
	*a = pa;
	*b = pb;
	if (offset == NULL)
		return;
	for (i = 0; i < chart->dim; i++) {
		r = x[i] - chart->origin[i] - pa * chart->u[i] -
		    pb * chart->v[i];
		r2 += r * r;
	}
	*offset = sqrt(r2);
}

double
sd_chart_f(const sd_chart *chart, const sd_objective *obj, double a,
    double b, double *work)
{
	sd_chart_lift(chart, a, b, work);
	return sd_objective_f(obj, work);
}
