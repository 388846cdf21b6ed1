/* SPDX-License-Identifier: GPL-3.0-or-later */
/* linalg.h: small dense vector and matrix helpers shared by the chapter's
 * objectives and the charts: Gram–Schmidt, Haar-random rotations and a
 * symmetric eigen-solver returning sorted eigenpairs (the vector
 * primitives are in vec.h).
 *
 * Vectors are plain double arrays; a set of k vectors of length n is a
 * row-major k×n array (vector i starts at v + i·n). */
#ifndef SADDLE_LINALG_H
#define SADDLE_LINALG_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "base/vec.h"

/* Orthonormalize the k rows of v (n entries each) in place by modified
 * Gram–Schmidt, applied twice for accuracy. Returns the index of the first
 * row that depends on the ones before it (its remainder is below tol times
 * its length), or −1 when all k are independent; rows from that index on
 * are left unspecified. */
int sd_orthonormalize(double *v, size_t k, size_t n, double tol);

/* Extend the k orthonormal rows of v to want ≥ k orthonormal rows, adding
 * the coordinate vectors e_1, e_2, ... that are not yet in their span.
 * v must have room for want rows. */
void sd_complete_basis(double *v, size_t k, size_t want, size_t n);

/* A uniformly random unit vector of R^n. */
void sd_random_unit(gsl_rng *rng, double *x, size_t n);

/* A Haar-random orthogonal n×n matrix, row-major (its rows are an
 * orthonormal basis). */
void sd_random_orthogonal(gsl_rng *rng, double *q, size_t n);

/* Eigenvalues (ascending) and eigenvectors (as rows, evec + i·n for
 * eval[i]) of the symmetric n×n row-major matrix a, which is not changed:
 * sd_spectrum_decompose (spectrum.h) on R^n, its sign convention
 * included, for callers that decompose one matrix once. Returns -1 with
 * *cause on allocation failure or when a is not finite. */
int sd_symm_eigen(const double *a, size_t n, double *eval, double *evec,
    char **cause);

/* A mt19937 generator seeded with seed, or NULL with *cause. */
gsl_rng *sd_rng_new(unsigned long seed, char **cause);

#endif
