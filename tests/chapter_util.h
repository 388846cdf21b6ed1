/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chapter_util.h: what the chapter's test programs share: vectors,
 * symmetric eigen-decompositions and Newton's method computed here with
 * GSL (not by saddle), a chart that must build, and PCA's spectrum.
 * Include after <cmocka.h>. */
#ifndef SADDLE_CHAPTER_UTIL_H
#define SADDLE_CHAPTER_UTIL_H

#include <stddef.h>

#include "landscape/chart.h"
#include "objectives/objective.h"

/* The largest dimension of an objective these tests take. */
#define DMAX 64

/* The objective's default chart, which must build. */
void must_chart(sd_chart *chart, const sd_objective *obj);

/* xᵀy. */
double dot(const double *x, const double *y, size_t n);

/* ‖x‖. */
double norm(const double *x, size_t n);

/* ‖x − y‖. */
double dist(const double *x, const double *y, size_t n);

/* Eigenvalues (ascending) and eigenvectors (columns of vec, d×d, may be
 * NULL) of the symmetric row-major matrix a (destroyed). */
void eigen(double *a, size_t d, double *val, double *vec);

/* The Hessian's eigenvalues at x (on a sphere the Riemannian Hessian's
 * d − 1 on the tangent space); returns how many. */
size_t hess_eigen(const sd_objective *obj, const double *x, double *lam);

/* ‖∇f‖ (Riemannian on a sphere). */
double grad_norm(const sd_objective *obj, const double *x);

/* Assert the sorted eigenvalues at x are want (sorted here). */
void assert_eigenvalues(const sd_objective *obj, const double *x, double *want,
    size_t n, double tol);

/* Newton's method on ∇f = 0 (Riemannian on a sphere, solving with
 * H + xxᵀ so that the step stays tangent). Returns 0 when it lands where
 * ‖∇f‖ ≤ gtol. */
int newton(const sd_objective *obj, double *x, double gtol);

/* Index of the point in list (n rows of d) within tol of x, or -1. */
int find_point(const double *list, size_t n, size_t d, const double *x,
    double tol);

/* M = −½∇²g(0), its eigenpairs descending: lam[0] ≥ lam[1] ≥ ..., vectors
 * as rows of v. */
void pca_spectrum(const sd_objective *obj, double *lam, double *v);

#endif
