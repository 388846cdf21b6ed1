/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.c: what several cmocka programs share (see testutil.h). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>

#include "testutil.h"

sd_objective *
test_objective_new(const char *spec)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new(spec, &cause);

	if (obj == NULL)
		fail_msg("%s: %s", spec, cause ? cause : "?");
	return obj;
}

/* What a numerical derivative varies: coordinate k of x, and which
 * function of x it reads. */
struct probe {
	const sd_objective	*obj;
	double			 x[TESTUTIL_DIM_MAX];
	size_t			 k;
	int			 component;	/* −1: f; j: ∂f/∂x_j */
};

/* The probed function of the single coordinate t = x_k. */
static double
probe_eval(double t, void *arg)
{
	struct probe *p = arg;
	double x[TESTUTIL_DIM_MAX], g[TESTUTIL_DIM_MAX];

	memcpy(x, p->x, sizeof x);
	x[p->k] = t;
	if (p->component < 0)
		return sd_objective_f(p->obj, x);
	sd_objective_gradient(p->obj, x, g);
	return g[p->component];
}

/* Whether the Hessian is the same at x ± 2h·e_k as at x: false only when
 * a probe would cross a kink of a piecewise objective (ReLU). */
static int
probe_smooth(const sd_objective *obj, const double *x, size_t k, double h)
{
	double y[TESTUTIL_DIM_MAX], h0[TESTUTIL_DIM_MAX * TESTUTIL_DIM_MAX], h1[TESTUTIL_DIM_MAX * TESTUTIL_DIM_MAX];
	size_t d = obj->dim;
	int sign;

	sd_objective_hessian(obj, x, h0);
	for (sign = -1; sign <= 1; sign += 2) {
		memcpy(y, x, d * sizeof *y);
		y[k] += sign * 2 * h;
		sd_objective_hessian(obj, y, h1);
		if (memcmp(h0, h1, d * d * sizeof *h0) != 0)
			return 0;
	}
	return 1;
}

size_t
test_check_derivatives(const sd_objective *obj, const double *x,
    int piecewise)
{
	struct probe p = { .obj = obj };
	double g[TESTUTIL_DIM_MAX], h[TESTUTIL_DIM_MAX * TESTUTIL_DIM_MAX], num, err, step, tol;
	size_t d = obj->dim, j, k, checked = 0;
	gsl_function fn = { probe_eval, &p };

	memcpy(p.x, x, d * sizeof *x);
	if (d > TESTUTIL_DIM_MAX)
		fail_msg("%s: dimension %zu > %d", obj->spec, d,
		    TESTUTIL_DIM_MAX);
	sd_objective_gradient(obj, x, g);
	sd_objective_hessian(obj, x, h);
	for (k = 0; k < d * d; k++) {
		if (h[k] != h[(k % d) * d + k / d])
			fail_msg("%s: the Hessian is not symmetric", obj->spec);
	}
	for (k = 0; k < d; k++) {
		step = 1e-4 * (1 + fabs(x[k]));
		if (piecewise && !probe_smooth(obj, x, k, step))
			continue;
		checked++;
		p.k = k;
		for (p.component = -1; p.component < (int)d; p.component++) {
			gsl_deriv_central(&fn, x[k], step, &num, &err);
			tol = 10 * err + 1e-6 * (1 + fabs(num));
			j = (size_t)p.component;
			if (p.component < 0 && !(fabs(g[k] - num) <= tol))
				fail_msg("%s: ∂f/∂x%zu = %.10g, numerically "
				    "%.10g", obj->spec, k + 1, g[k], num);
			if (p.component >= 0 && !(fabs(h[j * d + k] - num) <=
			    tol))
				fail_msg("%s: ∂²f/∂x%zu∂x%zu = %.10g, "
				    "numerically %.10g", obj->spec, j + 1,
				    k + 1, h[j * d + k], num);
		}
	}
	return checked;
}
