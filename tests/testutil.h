/* SPDX-License-Identifier: GPL-3.0-or-later */
/* testutil.h: assertions the cmocka tests share.
 *
 * cmocka 1.1's assert_float_equal converts to float, which is useless at
 * the precision we check; assert_close compares doubles and reports both
 * values on failure. Include after <cmocka.h>. */
#ifndef SADDLE_TESTUTIL_H
#define SADDLE_TESTUTIL_H

#include <math.h>
#include <stddef.h>

#include "objectives/objective.h"

/* The largest dimension test_check_derivatives takes. */
#define TESTUTIL_DIM_MAX 64

/* Fail unless |a − b| ≤ tol (NaN never passes). */
#define assert_close(a, b, tol) do {					\
	double a_ = (a), b_ = (b), tol_ = (tol);			\
	if (!(fabs(a_ - b_) <= tol_))					\
		fail_msg("%s = %.17g, expected %s = %.17g (tol %g)",	\
		    #a, a_, #b, b_, tol_);				\
} while (0)

/* The objective spec describes, failing the test when it cannot be built.
 * Free it with sd_objective_free. */
sd_objective *test_objective_new(const char *spec);

/* Fail the test unless ∇f and ∇²f at x match GSL's central differences
 * (within ten times GSL's error estimate plus 1e-6 relative) and ∇²f is
 * symmetric. With piecewise, coordinates whose probes would cross a kink
 * (the Hessian changes within two steps) are skipped. Returns how many
 * coordinates were checked. */
size_t test_check_derivatives(const sd_objective *obj, const double *x,
    int piecewise);

#endif
