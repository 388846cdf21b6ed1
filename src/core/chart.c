/* chart.c: plane charts (see chart.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "error.h"

/* Allocate the three vectors of a chart, zeroed. */
static int
chart_alloc(sd_chart *chart, size_t dim, char **cause)
{
	memset(chart, 0, sizeof *chart);
	chart->dim = dim;
	chart->origin = calloc(3 * dim, sizeof *chart->origin);
	if (chart->origin == NULL)
		return sd_fail(cause, "out of memory");
	chart->u = chart->origin + dim;
	chart->v = chart->u + dim;
	return 0;
}

int
sd_chart_init_default(sd_chart *chart, const sd_objective *obj,
    char **cause)
{
	if (obj->dim < 2)
		return sd_fail(cause, "%s: a chart needs at least two "
		    "dimensions", obj->type->name);
	if (chart_alloc(chart, obj->dim, cause) != 0)
		return -1;
	chart->u[0] = 1;
	chart->v[1] = 1;
	return 0;
}

int
sd_chart_init_plane(sd_chart *chart, size_t dim, const double *origin,
    const double *u, const double *v, char **cause)
{
	double nu = 0, uv = 0, nv = 0;
	size_t i;

	if (chart_alloc(chart, dim, cause) != 0)
		return -1;
	memcpy(chart->origin, origin, dim * sizeof *origin);
	for (i = 0; i < dim; i++)
		nu += u[i] * u[i];
	nu = sqrt(nu);
	for (i = 0; i < dim; i++) {
		chart->u[i] = nu > 0 ? u[i] / nu : 0;
		uv += chart->u[i] * v[i];
	}
	/* Gram–Schmidt: v minus its component along u. */
	for (i = 0; i < dim; i++) {
		chart->v[i] = v[i] - uv * chart->u[i];
		nv += chart->v[i] * chart->v[i];
	}
	nv = sqrt(nv);
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

void
sd_chart_lift(const sd_chart *chart, double a, double b, double *x)
{
	size_t i;

	for (i = 0; i < chart->dim; i++)
		x[i] = chart->origin[i] + a * chart->u[i] + b * chart->v[i];
}

void
sd_chart_project(const sd_chart *chart, const double *x, double *a,
    double *b, double *offset)
{
	double pa = 0, pb = 0, r2 = 0, r;
	size_t i;

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
