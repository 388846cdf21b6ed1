/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vec.c: vector norms and tests (see vec.h). */
#include "config.h"

#include <float.h>
#include <math.h>

#include "base/vec.h"

double
sd_norm_scaled(const double *x, size_t n)
{
	double s, big = 0, t;
	size_t i;

	/* The squares overflowed or underflowed, or an entry is not finite:
	 * scale by the largest entry. */
	for (i = 0; i < n; i++) {
		if (isnan(x[i]))
			return NAN;
		big = fmax(big, fabs(x[i]));
	}
	if (big == 0 || isinf(big))
		return big;
	for (s = 0, i = 0; i < n; i++) {
		t = x[i] / big;
		s += t * t;
	}
	return big * sqrt(s);
}

double
sd_norm_inf(const double *x, size_t n)
{
	double m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m = fmax(m, fabs(x[i]));
	return m;
}
