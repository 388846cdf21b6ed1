/* SPDX-License-Identifier: GPL-3.0-or-later */
/* slice.c: f along a chart through the data's projections (see slice.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/slice.h"

void
sd_slice_init(sd_slice *slice)
{
	memset(slice, 0, sizeof *slice);
}

void
sd_slice_done(sd_slice *slice)
{
	if (slice->proj.data != NULL)
		slice->proj.free_data(slice->proj.data);
	free(slice->spec);
	free(slice->plane);
	sd_slice_init(slice);
}

/* Whether slice holds the projections of this objective on this plane. */
static int
slice_holds(const sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart)
{
	size_t d = chart->dim, bytes = d * sizeof(double);

	return slice->proj.f != NULL && slice->dim == d &&
	    strcmp(slice->spec, obj->spec) == 0 &&
	    memcmp(slice->plane, chart->origin, bytes) == 0 &&
	    memcmp(slice->plane + d, chart->u, bytes) == 0 &&
	    memcmp(slice->plane + 2 * d, chart->v, bytes) == 0;
}

/* The key the projections were made for. */
static int
slice_key(sd_slice *slice, const sd_objective *obj, const sd_chart *chart,
    char **cause)
{
	size_t d = chart->dim;

	slice->spec = strdup(obj->spec);
	slice->plane = malloc(3 * d * sizeof *slice->plane);
	if (slice->spec == NULL || slice->plane == NULL)
		return sd_fail(cause, "out of memory");
	memcpy(slice->plane, chart->origin, d * sizeof *slice->plane);
	memcpy(slice->plane + d, chart->u, d * sizeof *slice->plane);
	memcpy(slice->plane + 2 * d, chart->v, d * sizeof *slice->plane);
	slice->dim = d;
	return 0;
}

int
sd_slice_update(sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart, char **cause)
{
	if (obj->spec != NULL && slice_holds(slice, obj, chart))
		return 0;
	sd_slice_done(slice);
	if (obj->type->slice_new == NULL || obj->spec == NULL ||
	    chart->kind != SD_CHART_PLANE || chart->dim != obj->dim)
		return 0;
	if (slice_key(slice, obj, chart, cause) != 0 ||
	    obj->type->slice_new(obj->state, chart->origin, chart->u,
	    chart->v, &slice->proj, cause) != 0) {
		sd_slice_done(slice);
		return -1;
	}
	return 0;
}

void
sd_slice_grid(const sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride, double *work)
{
	size_t i, j;

	if (slice->proj.grid != NULL) {
		slice->proj.grid(slice->proj.data, na, a, nb, b, f, stride);
		return;
	}
	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i++)
			sd_slice_f(slice, obj, chart, 1, &a[i], &b[j],
			    &f[j * stride + i], work);
}

void
sd_slice_f(const sd_slice *slice, const sd_objective *obj,
    const sd_chart *chart, size_t m, const double *a, const double *b,
    double *f, double *work)
{
	size_t k;

	if (slice->proj.f != NULL) {
		slice->proj.f(slice->proj.data, m, a, b, f);
		return;
	}
	for (k = 0; k < m; k++)
		f[k] = sd_chart_f(chart, obj, a[k], b[k], work);
}
