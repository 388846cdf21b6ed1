/* chart.h: two-dimensional views of a d-dimensional objective.
 *
 * A chart maps screen coordinates (a, b) to a point x of the objective's
 * space. For now: the plane slice x = c + a·u + b·v with u, v orthonormal.
 * For a plain 2D objective the default chart is the identity (c = 0,
 * u = e1, v = e2), so chart coordinates are x1, x2. */
#ifndef SADDLE_CHART_H
#define SADDLE_CHART_H

#include <stddef.h>

#include "objective.h"

typedef enum sd_chart_kind {
	SD_CHART_PLANE = 0
} sd_chart_kind;

typedef struct sd_chart {
	sd_chart_kind	 kind;
	size_t		 dim;
	double		*origin;	/* owned; c, dim entries */
	double		*u;		/* owned; unit, dim entries */
	double		*v;		/* owned; unit, ⟂ u, dim entries */
} sd_chart;

/* The objective's default chart: the plane of its first two coordinates
 * through the origin. Returns -1 (with *cause) on allocation failure. */
int sd_chart_init_default(sd_chart *chart, const sd_objective *obj,
    char **cause);

/* A plane chart through origin spanned by u and v (orthonormalized here;
 * -1 when they are parallel or zero). */
int sd_chart_init_plane(sd_chart *chart, size_t dim, const double *origin,
    const double *u, const double *v, char **cause);

/* Release what a chart owns. */
void sd_chart_done(sd_chart *chart);

/* x = c + a·u + b·v. */
void sd_chart_lift(const sd_chart *chart, double a, double b, double *x);

/* The chart coordinates of x's orthogonal projection onto the plane, and
 * (when offset is not NULL) the distance of x from the plane. */
void sd_chart_project(const sd_chart *chart, const double *x, double *a,
    double *b, double *offset);

/* f at chart point (a, b); work has dim entries. */
double sd_chart_f(const sd_chart *chart, const sd_objective *obj, double a,
    double b, double *work);

#endif
