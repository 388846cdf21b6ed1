/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vec.h: the vector primitives every part of the core shares. A vector is
 * a plain array of n doubles; nothing here allocates.
 *
 * One copy of each, so that the finder, the optimizers, the objectives
 * and the charts round alike: sums run from the first entry to the last,
 * and y − t·x is computed as y + (−t)·x, which is the same in IEEE
 * arithmetic. */
#ifndef SADDLE_VEC_H
#define SADDLE_VEC_H

#include <float.h>
#include <math.h>
#include <stddef.h>

/* xᵀy over n entries (inline: the objectives' inner loops call it with
 * n as small as 2). */
static inline double
sd_dot(const double *x, const double *y, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i] * y[i];
	return s;
}

/* y ← y + t·x. */
static inline void
sd_axpy(double t, const double *x, double *y, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		y[i] += t * x[i];
}

/* sd_norm when xᵀx is not a normal number: computed scaled by the
 * largest |x_i|. */
double sd_norm_scaled(const double *x, size_t n);

/* ‖x‖₂: √(xᵀx) when that is representable, else computed scaled by the
 * largest |x_i| so that huge or tiny entries neither overflow nor
 * underflow. +∞ when an entry is infinite, NaN when one is NaN. Inline:
 * the optimizers take one at every step. */
static inline double
sd_norm(const double *x, size_t n)
{
	double s = sd_dot(x, x, n);

	return isfinite(s) && s >= DBL_MIN ? sqrt(s) : sd_norm_scaled(x, n);
}

/* ‖x‖∞ = max |x_i| (NaN entries are skipped; 0 when n = 0). */
double sd_norm_inf(const double *x, size_t n);

/* 1 when all n entries of x are finite, else 0 (inline, as sd_norm). */
static inline int
sd_all_finite(const double *x, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isfinite(x[i]))
			return 0;
	}
	return 1;
}

#endif
