/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chapter_util.c: helpers of the chapter's test programs (see
 * chapter_util.h). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_linalg.h>

#include "testutil.h"
#include "chapter_util.h"

/* The objective's default chart, which must build. */
void
must_chart(sd_chart *chart, const sd_objective *obj)
{
	char *cause = NULL;

	if (sd_chart_init_default(chart, obj, &cause) != 0)
		fail_msg("%s: chart: %s", obj->spec, cause ? cause : "?");
}

/* xᵀy. */
double
dot(const double *x, const double *y, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i] * y[i];
	return s;
}

/* ‖x‖. */
double
norm(const double *x, size_t n)
{
	return sqrt(dot(x, x, n));
}

/* ‖x − y‖. */
double
dist(const double *x, const double *y, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += (x[i] - y[i]) * (x[i] - y[i]);
	return sqrt(s);
}

/* Eigenvalues (ascending) and eigenvectors (columns of vec, d×d, may be
 * NULL) of the symmetric row-major matrix a (destroyed). */
void
eigen(double *a, size_t d, double *val, double *vec)
{
	gsl_matrix_view av = gsl_matrix_view_array(a, d, d);
	gsl_vector_view ev = gsl_vector_view_array(val, d);
	gsl_matrix *z = gsl_matrix_alloc(d, d);
	gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(d);

	gsl_eigen_symmv(&av.matrix, &ev.vector, z, ws);
	gsl_eigen_symmv_sort(&ev.vector, z, GSL_EIGEN_SORT_VAL_ASC);
	if (vec != NULL)
		memcpy(vec, z->data, d * d * sizeof *vec);
	gsl_eigen_symmv_free(ws);
	gsl_matrix_free(z);
}

/* The Hessian's eigenvalues at x (on a sphere the Riemannian Hessian's
 * d − 1 on the tangent space); returns how many. */
size_t
hess_eigen(const sd_objective *obj, const double *x, double *lam)
{
	double h[DMAX * DMAX], val[DMAX], vec[DMAX * DMAX], c, top = -1;
	size_t d = obj->dim, i, j, k, drop = d;

	sd_objective_rhessian(obj, x, h);
	eigen(h, d, val, vec);
	if (obj->type->manifold == SD_SPHERE) {
		/* x is an eigenvector with eigenvalue 0: not a direction of
		 * the sphere. */
		for (i = 0; i < d; i++) {
			for (c = 0, k = 0; k < d; k++)
				c += vec[k * d + i] * x[k];
			if (fabs(c) > top) {
				top = fabs(c);
				drop = i;
			}
		}
	}
	for (i = 0, j = 0; i < d; i++) {
		if (i != drop)
			lam[j++] = val[i];
	}
	return j;
}

/* ‖∇f‖ (Riemannian on a sphere). */
double
grad_norm(const sd_objective *obj, const double *x)
{
	double g[DMAX];

	sd_objective_rgradient(obj, x, g);
	return norm(g, obj->dim);
}

/* Assert the sorted eigenvalues at x are want (sorted here). */
void
assert_eigenvalues(const sd_objective *obj, const double *x, double *want,
    size_t n, double tol)
{
	double lam[DMAX], t;
	size_t i, j;

	assert_int_equal(hess_eigen(obj, x, lam), n);
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && want[j - 1] > want[j]; j--) {
			t = want[j];
			want[j] = want[j - 1];
			want[j - 1] = t;
		}
	}
	for (i = 0; i < n; i++)
		assert_close(lam[i], want[i], tol);
}

/* Newton's method on ∇f = 0 (Riemannian on a sphere, solving with
 * H + xxᵀ so that the step stays tangent). Returns 0 when it lands where
 * ‖∇f‖ ≤ gtol. */
int
newton(const sd_objective *obj, double *x, double gtol)
{
	size_t d = obj->dim, i, j;
	int sphere = obj->type->manifold == SD_SPHERE, it, sign;
	double h[DMAX * DMAX], g[DMAX], s[DMAX];
	gsl_matrix_view hv = gsl_matrix_view_array(h, d, d);
	gsl_vector_view gv = gsl_vector_view_array(g, d);
	gsl_vector_view sv = gsl_vector_view_array(s, d);
	gsl_permutation *p = gsl_permutation_alloc(d);

	for (it = 0; it < 100; it++) {
		sd_objective_rgradient(obj, x, g);
		if (!(norm(g, d) > gtol))
			break;
		sd_objective_rhessian(obj, x, h);
		for (i = 0; sphere && i < d; i++) {
			for (j = 0; j < d; j++)
				h[i * d + j] += x[i] * x[j];
		}
		if (gsl_linalg_LU_decomp(&hv.matrix, p, &sign) != 0 ||
		    gsl_linalg_LU_solve(&hv.matrix, p, &gv.vector,
		    &sv.vector) != 0)
			break;
		for (i = 0; i < d; i++)
			x[i] -= s[i];
		if (sd_objective_retract(obj, x) != 0 || norm(x, d) > 1e6)
			break;
	}
	gsl_permutation_free(p);
	sd_objective_rgradient(obj, x, g);
	return norm(g, d) <= gtol ? 0 : -1;
}

/* Index of the point in list (n rows of d) within tol of x, or -1. */
int
find_point(const double *list, size_t n, size_t d, const double *x,
    double tol)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (dist(list + i * d, x, d) <= tol)
			return (int)i;
	}
	return -1;
}

/* M = −½∇²g(0), its eigenpairs descending: lam[0] ≥ lam[1] ≥ ..., vectors
 * as rows of v. */
void
pca_spectrum(const sd_objective *obj, double *lam, double *v)
{
	double zero[DMAX] = { 0 }, h[DMAX * DMAX], val[DMAX];
	double vec[DMAX * DMAX];
	size_t d = obj->dim, i, k;

	sd_objective_hessian(obj, zero, h);
	for (i = 0; i < d * d; i++)
		h[i] *= -0.5;
	eigen(h, d, val, vec);
	for (i = 0; i < d; i++) {
		lam[i] = val[d - 1 - i];
		for (k = 0; k < d; k++)
			v[i * d + k] = vec[k * d + d - 1 - i];
	}
}
