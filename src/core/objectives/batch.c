/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch.c: an objective at many points at once (see objective.h). The
 * batch engine (optimizers/batch.c) calls this once per step for a whole
 * block of runs, so a type with fg_batch pays the call once per block and
 * lets the compiler vectorize across points. */
#include "config.h"

#include "objectives/objective.h"

/* One point at a time: gather point i into work, scatter its gradient. */
static void
batch_loop(const sd_objective *obj, size_t n, const double *const *x,
    double *f, double *const *g, double *work)
{
	const sd_objective_type *t = obj->type;
	double *p = work, *q = work + obj->dim;
	size_t i, k, d = obj->dim;

	for (i = 0; i < n; i++) {
		for (k = 0; k < d; k++)
			p[k] = x[k][i];
		f[i] = t->f(obj->state, p);
		t->grad(obj->state, p, q);
		for (k = 0; k < d; k++)
			g[k][i] = q[k];
	}
}

void
sd_objective_fg_batch(const sd_objective *obj, size_t n,
    const double *const *x, double *f, double *const *g, double *work)
{
	if (obj->type->fg_batch != NULL)
		obj->type->fg_batch(obj->state, n, x, f, g);
	else
		batch_loop(obj, n, x, f, g, work);
}
