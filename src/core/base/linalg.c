/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linalg.c: small dense linear algebra (see linalg.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "base/error.h"
#include "base/linalg.h"
#include "base/spectrum.h"

/* Remove from row r its components along rows 0..r−1 (orthonormal) and
 * normalize it; returns its length before normalizing, relative to len. */
static double
orth_row(double *v, size_t r, size_t n, double len)
{
	double *x = v + r * n, c, nx;
	size_t i, pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < r; i++) {
			c = sd_dot(v + i * n, x, n);
			sd_axpy(-c, v + i * n, x, n);
		}
	}
	nx = sd_norm(x, n);
	if (nx > 0) {
		for (i = 0; i < n; i++)
			x[i] /= nx;
	}
	return len > 0 ? nx / len : 0;
}

int
sd_orthonormalize(double *v, size_t k, size_t n, double tol)
{
	size_t r;

	for (r = 0; r < k; r++) {
		if (!(orth_row(v, r, n, sd_norm(v + r * n, n)) > tol))
			return (int)r;
	}
	return -1;
}

void
sd_complete_basis(double *v, size_t k, size_t want, size_t n)
{
	size_t j;

	/* Some e_j keeps a remainder of at least 1/√n, so the loop ends. */
	for (j = 0; k < want && j < n; j++) {
		memset(v + k * n, 0, n * sizeof *v);
		v[k * n + j] = 1;
		if (orth_row(v, k, n, 1) > 0.5 / sqrt((double)n))
			k++;
	}
}

void
sd_random_unit(gsl_rng *rng, double *x, size_t n)
{
	double nx;
	size_t i;

	do {
		for (i = 0; i < n; i++)
			x[i] = gsl_ran_ugaussian(rng);
		nx = sd_norm(x, n);
	} while (!(nx > 1e-8));
	for (i = 0; i < n; i++)
		x[i] /= nx;
}

void
sd_random_orthogonal(gsl_rng *rng, double *q, size_t n)
{
	size_t i;

	/* Gram–Schmidt of Gaussian rows is QR with a positive diagonal,
	 * whose Q is Haar-distributed (Mezzadri 2007). */
	do {
		for (i = 0; i < n * n; i++)
			q[i] = gsl_ran_ugaussian(rng);
	} while (sd_orthonormalize(q, n, n, 1e-8) >= 0);
}

int
sd_symm_eigen(const double *a, size_t n, double *eval, double *evec,
    char **cause)
{
	sd_spectrum *sp;
	int rc = 0;

	if ((sp = sd_spectrum_alloc(n)) == NULL)
		return sd_fail(cause, "out of memory");
	if (sd_spectrum_decompose(sp, a, NULL) != 0)
		rc = sd_fail(cause, "eigenvalues: the matrix is not finite");
	else {
		memcpy(eval, sp->eval, n * sizeof *eval);
		memcpy(evec, sp->evec, n * n * sizeof *evec);
	}
	sd_spectrum_free(sp);
	return rc;
}

gsl_rng *
sd_rng_new(unsigned long seed, char **cause)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	if (rng == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	gsl_rng_set(rng, seed);
	return rng;
}
