/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eigen.c: the Hessian at the current iterate in its eigenbasis, shared by
 * newton and cubic (see sd_eigen in optimizer_impl.h); the decomposition
 * is the core's one (base/spectrum.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

int
sd_eigen_alloc(sd_eigen *e, size_t dim)
{
	memset(e, 0, sizeof *e);
	e->dim = dim;
	if ((e->h = malloc((dim * dim + 2 * dim) * sizeof *e->h)) == NULL ||
	    (e->sp = sd_spectrum_alloc(dim)) == NULL) {
		sd_eigen_free(e);
		return -1;
	}
	e->gq = e->h + dim * dim;
	e->c = e->gq + dim;
	return 0;
}

void
sd_eigen_free(sd_eigen *e)
{
	free(e->h);
	sd_spectrum_free(e->sp);
	memset(e, 0, sizeof *e);
}

int
sd_eigen_decompose(sd_eigen *e, const sd_optimizer *opt)
{
	const sd_spectrum *sp = e->sp;
	size_t i, d = e->dim;

	sd_objective_rhessian(opt->objective, opt->x, e->h);
	if (sd_spectrum_decompose(e->sp, e->h,
	    opt->objective->type->manifold == SD_SPHERE ? opt->x : NULL) != 0)
		return -1;
	e->n = sp->n;
	e->lambda = sp->eval;
	e->q = sp->evec;
	for (i = 0; i < e->n; i++)
		e->gq[i] = sd_dot(e->q + i * d, opt->g, d);
	return 0;
}

void
sd_eigen_step(const sd_eigen *e, const double *x, const double *c,
    double *out)
{
	size_t i, d = e->dim;

	memmove(out, x, d * sizeof *out);
	for (i = 0; i < e->n; i++)
		sd_axpy(c[i], e->q + i * d, out, d);
}
