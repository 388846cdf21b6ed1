/* opt_eigen.c: the Hessian's eigen-decomposition shared by newton and
 * cubic (see sd_eigen in optimizer_impl.h). A 2×2 Hessian on R² is
 * decomposed in closed form (the engine's common case, kept fast); every
 * other case goes through GSL's symmetric eigensolver. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

int
sd_eigen_alloc(sd_eigen *e, size_t dim)
{
	memset(e, 0, sizeof *e);
	e->dim = dim;
	e->n = dim;
	if ((e->h = malloc((2 * dim * dim + 3 * dim) * sizeof *e->h)) == NULL)
		return -1;
	e->q = e->h + dim * dim;
	e->lambda = e->q + dim * dim;
	e->gq = e->lambda + dim;
	e->c = e->gq + dim;
	e->evec = gsl_matrix_alloc(dim, dim);
	e->eval = gsl_vector_alloc(dim);
	e->ws = gsl_eigen_symmv_alloc(dim);
	if (e->evec == NULL || e->eval == NULL || e->ws == NULL) {
		sd_eigen_free(e);
		return -1;
	}
	return 0;
}

void
sd_eigen_free(sd_eigen *e)
{
	free(e->h);
	if (e->evec != NULL)
		gsl_matrix_free(e->evec);
	if (e->eval != NULL)
		gsl_vector_free(e->eval);
	if (e->ws != NULL)
		gsl_eigen_symmv_free(e->ws);
	memset(e, 0, sizeof *e);
}

/* The symmetric 2×2 case in closed form. The eigenvector of the smaller
 * eigenvalue is taken from the row of H − λI that avoids cancellation. */
static void
eigen_2x2(sd_eigen *e)
{
	double a = e->h[0], b = e->h[1], c = e->h[3], m, r, v0, v1, nv;

	if (b == 0) {
		/* Already diagonal: keep the axes exact. */
		e->lambda[0] = fmin(a, c);
		e->lambda[1] = fmax(a, c);
		e->q[0] = a <= c ? 1 : 0;
		e->q[1] = a <= c ? 0 : 1;
	} else {
		m = 0.5 * (a + c);
		r = hypot(0.5 * (a - c), b);
		e->lambda[0] = m - r;
		e->lambda[1] = m + r;
		if (a >= c) {
			v0 = b;
			v1 = -(0.5 * (a - c) + r);
		} else {
			v0 = -(0.5 * (c - a) + r);
			v1 = b;
		}
		nv = hypot(v0, v1);
		e->q[0] = v0 / nv;
		e->q[1] = v1 / nv;
	}
	e->q[2] = -e->q[1];
	e->q[3] = e->q[0];
}

/* GSL's solver; on a sphere drop the eigenvector closest to x. */
static int
eigen_gsl(sd_eigen *e, const double *x)
{
	gsl_matrix_view hv = gsl_matrix_view_array(e->h, e->dim, e->dim);
	size_t i, j, k, skip = e->dim, d = e->dim;
	double best = -1, dot;

	if (gsl_eigen_symmv(&hv.matrix, e->eval, e->evec, e->ws) != 0 ||
	    gsl_eigen_symmv_sort(e->eval, e->evec, GSL_EIGEN_SORT_VAL_ASC) !=
	    0)
		return -1;
	if (e->n < d) {
		for (i = 0; i < d; i++) {
			dot = 0;
			for (k = 0; k < d; k++)
				dot += gsl_matrix_get(e->evec, k, i) * x[k];
			if (fabs(dot) > best) {
				best = fabs(dot);
				skip = i;
			}
		}
	}
	for (i = 0, k = 0; i < d; i++) {
		if (i == skip)
			continue;
		e->lambda[k] = gsl_vector_get(e->eval, i);
		for (j = 0; j < d; j++)
			e->q[k * d + j] = gsl_matrix_get(e->evec, j, i);
		k++;
	}
	return 0;
}

/* Flip q so that its largest-magnitude component is positive. */
static void
eigen_canonical(double *q, size_t d)
{
	size_t i, big = 0;

	for (i = 1; i < d; i++) {
		if (fabs(q[i]) > fabs(q[big]))
			big = i;
	}
	if (q[big] < 0) {
		for (i = 0; i < d; i++)
			q[i] = -q[i];
	}
}

int
sd_eigen_decompose(sd_eigen *e, const sd_optimizer *opt)
{
	size_t i, j, d = e->dim;
	double *q;

	e->n = opt->objective->type->manifold == SD_SPHERE ? d - 1 : d;
	sd_objective_rhessian(opt->objective, opt->x, e->h);
	if (!sd_all_finite(e->h, d * d))
		return -1;
	if (d == 2 && e->n == 2)
		eigen_2x2(e);
	else if (eigen_gsl(e, opt->x) != 0)
		return -1;
	for (i = 0; i < e->n; i++) {
		q = e->q + i * d;
		eigen_canonical(q, d);
		e->gq[i] = 0;
		for (j = 0; j < d; j++)
			e->gq[i] += q[j] * opt->g[j];
	}
	return 0;
}

void
sd_eigen_step(const sd_eigen *e, const double *x, const double *c,
    double *out)
{
	size_t i, j, d = e->dim;

	memmove(out, x, d * sizeof *out);
	for (i = 0; i < e->n; i++) {
		for (j = 0; j < d; j++)
			out[j] += c[i] * e->q[i * d + j];
	}
}
