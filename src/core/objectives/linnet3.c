/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_linnet3.c: the chapter's §6 remark that linear networks have
 * saddles that are not strict (Kawaguchi 2016), in its smallest form: a
 * three-layer scalar linear network fitting y = 1 from x = 1,
 * f(x, y, z) = ½(1 − xyz)².
 *
 * Every local minimum is global (the surface xyz = 1). The origin is a
 * degenerate saddle: ∇f(0) = 0 and ∇²f(0) = 0, yet f falls along
 * (1, 1, 1) (f(t, t, t) = ½(1 − t³)²) and rises along (1, 1, −1), so the
 * second-order test cannot see the escape direction. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "objectives/objective.h"

/* f = ½ r², r = 1 − xyz. */
static double
linnet3_f(const void *s, const double *p)
{
	double r = 1 - p[0] * p[1] * p[2];

	(void)s;
	return 0.5 * r * r;
}

/* ∂f/∂x = −r·yz, and likewise. */
static void
linnet3_grad(const void *s, const double *p, double *g)
{
	double r = 1 - p[0] * p[1] * p[2];

	(void)s;
	g[0] = -r * p[1] * p[2];
	g[1] = -r * p[0] * p[2];
	g[2] = -r * p[0] * p[1];
}

/* ∂²f/∂x² = (yz)², ∂²f/∂x∂y = xyz² − r z, and likewise. */
static void
linnet3_hess(const void *s, const double *p, double *h)
{
	double x = p[0], y = p[1], z = p[2], r = 1 - x * y * z;

	(void)s;
	h[0] = y * z * y * z;
	h[4] = x * z * x * z;
	h[8] = x * y * x * y;
	h[1] = h[3] = x * y * z * z - r * z;
	h[2] = h[6] = x * y * y * z - r * y;
	h[5] = h[7] = x * x * y * z - r * x;
}

/* ∇²f v, the 3×3 product written out. */
static void
linnet3_hvp(const void *s, const double *p, const double *v, double *hv)
{
	double h[9];
	size_t i;

	linnet3_hess(s, p, h);
	for (i = 0; i < 3; i++)
		hv[i] = h[3 * i] * v[0] + h[3 * i + 1] * v[1] +
		    h[3 * i + 2] * v[2];
}

/* The plane through 0 of (1, 1, 1)/√3 and (1, −1, 0)/√2: the a axis is
 * the escape direction, with the global minimum (1, 1, 1) at (√3, 0). */
static int
linnet3_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	static const double zero[3] = { 0, 0, 0 };
	static const double u[3] = { 1, 1, 1 }, v[3] = { 1, -1, 0 };

	if (sd_chart_init_plane(chart, obj->dim, zero, u, v, cause) != 0)
		return -1;
	chart->window = (sd_window){ -2.5, 2.5, -2.5, 2.5 };
	return 0;
}

/* 0, reached on the whole of xyz = 1. */
static double
linnet3_fmin(const void *s)
{
	(void)s;
	return 0;
}

const sd_objective_type sd_objective_linnet3 = {
	.name = "linnet3",
	.summary = "§6: a three-layer linear net; a degenerate saddle at 0 "
	    "(∇²f(0) = 0)",
	.formula = "½(1 − xyz)²",
	.dim = 3,
	.window = { -2, 2, -2, 2 },
	.f = linnet3_f,
	.grad = linnet3_grad,
	.hess = linnet3_hess,
	.fmin = linnet3_fmin,
	.hvp = linnet3_hvp,
	.default_chart = linnet3_chart,
};
