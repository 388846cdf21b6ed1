/* SPDX-License-Identifier: GPL-3.0-or-later */
/* spectrum.c: the eigen-decomposition of a Hessian (see spectrum.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "base/spectrum.h"
#include "base/vec.h"

/* Entries within this of the largest in magnitude tie for fixing an
 * eigenvector's sign: the first of them decides, not rounding. */
#define SPECTRUM_SIGN_TIE 1e-12

/* GSL's side of a workspace. */
struct sd_spectrum_gsl {
	gsl_matrix			*a;	/* h's copy: the solver
						 * destroys its input */
	gsl_matrix			*z;	/* eigenvectors, as columns */
	gsl_vector			*e;	/* eigenvalues */
	gsl_eigen_symmv_workspace	*ws;
};

sd_spectrum *
sd_spectrum_alloc(size_t d)
{
	struct sd_spectrum_gsl *g;
	sd_spectrum *sp;

	if (d == 0 || (sp = calloc(1, sizeof *sp)) == NULL)
		return NULL;
	sp->dim = d;
	sp->eval = malloc(d * sizeof *sp->eval);
	sp->evec = malloc(d * d * sizeof *sp->evec);
	if (sp->eval == NULL || sp->evec == NULL ||
	    (sp->gsl = g = calloc(1, sizeof *g)) == NULL)
		goto fail;
	g->a = gsl_matrix_alloc(d, d);
	g->z = gsl_matrix_alloc(d, d);
	g->e = gsl_vector_alloc(d);
	g->ws = gsl_eigen_symmv_alloc(d);
	if (g->a == NULL || g->z == NULL || g->e == NULL || g->ws == NULL)
		goto fail;
	return sp;
fail:
	sd_spectrum_free(sp);
	return NULL;
}

void
sd_spectrum_free(sd_spectrum *sp)
{
	struct sd_spectrum_gsl *g;

	if (sp == NULL)
		return;
	if ((g = sp->gsl) != NULL) {
		if (g->a != NULL)
			gsl_matrix_free(g->a);
		if (g->z != NULL)
			gsl_matrix_free(g->z);
		if (g->e != NULL)
			gsl_vector_free(g->e);
		if (g->ws != NULL)
			gsl_eigen_symmv_free(g->ws);
		free(g);
	}
	free(sp->eval);
	free(sp->evec);
	free(sp);
}

/* The symmetric 2×2 case in closed form. The eigenvector of the smaller
 * eigenvalue is taken from the row of H − λI that avoids cancellation;
 * a diagonal matrix keeps the axes exactly. */
static void
spectrum_2x2(sd_spectrum *sp, const double *h)
{
	double a = h[0], b = h[1], c = h[3], m, r, v0, v1, nv;
	double *lam = sp->eval, *q = sp->evec;

	if (b == 0) {
		lam[0] = fmin(a, c);
		lam[1] = fmax(a, c);
		q[0] = a <= c ? 1 : 0;
		q[1] = a <= c ? 0 : 1;
	} else {
		m = 0.5 * (a + c);
		r = hypot(0.5 * (a - c), b);
		lam[0] = m - r;
		lam[1] = m + r;
		if (a >= c) {
			v0 = b;
			v1 = -(0.5 * (a - c) + r);
		} else {
			v0 = -(0.5 * (c - a) + r);
			v1 = b;
		}
		nv = hypot(v0, v1);
		q[0] = v0 / nv;
		q[1] = v1 / nv;
	}
	q[2] = -q[1];
	q[3] = q[0];
	sp->n = 2;
}

/* GSL's solver, ascending; with x, the eigenvector most aligned with x
 * is dropped. */
static void
spectrum_gsl(sd_spectrum *sp, const double *h, const double *x)
{
	struct sd_spectrum_gsl *g = sp->gsl;
	size_t i, j, k, d = sp->dim, drop = d;
	double best = -1, c;

	/* A d×d gsl_matrix of its own has rows of exactly d entries. */
	memcpy(g->a->data, h, d * d * sizeof *h);
	gsl_eigen_symmv(g->a, g->e, g->z, g->ws);
	gsl_eigen_symmv_sort(g->e, g->z, GSL_EIGEN_SORT_VAL_ASC);
	for (i = 0; x != NULL && i < d; i++) {
		for (c = 0, k = 0; k < d; k++)
			c += gsl_matrix_get(g->z, k, i) * x[k];
		if (fabs(c) > best) {
			best = fabs(c);
			drop = i;
		}
	}
	for (i = 0, k = 0; i < d; i++) {
		if (i == drop)
			continue;
		sp->eval[k] = gsl_vector_get(g->e, i);
		for (j = 0; j < d; j++)
			sp->evec[k * d + j] = gsl_matrix_get(g->z, j, i);
		k++;
	}
	sp->n = k;
}

/* Flip v (n entries) so that its largest entry in magnitude is positive. */
static void
spectrum_fix_sign(double *v, size_t n)
{
	size_t i, best = 0;

	for (i = 1; i < n; i++) {
		if (fabs(v[i]) > fabs(v[best]) + SPECTRUM_SIGN_TIE)
			best = i;
	}
	if (v[best] < 0) {
		for (i = 0; i < n; i++)
			v[i] = -v[i];
	}
}

int
sd_spectrum_decompose(sd_spectrum *sp, const double *h, const double *x)
{
	size_t i, d = sp->dim;

	sp->n = 0;
	if (!sd_all_finite(h, d * d))
		return -1;
	if (d == 2 && x == NULL)
		spectrum_2x2(sp, h);
	else
		spectrum_gsl(sp, h, x);
	for (i = 0; i < sp->n; i++)
		spectrum_fix_sign(sp->evec + i * d, d);
	return 0;
}
