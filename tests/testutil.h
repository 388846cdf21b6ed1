/* testutil.h: assertions the cmocka tests share.
 *
 * cmocka 1.1's assert_float_equal converts to float, which is useless at
 * the precision we check; assert_close compares doubles and reports both
 * values on failure. Include after <cmocka.h>. */
#ifndef SADDLE_TESTUTIL_H
#define SADDLE_TESTUTIL_H

#include <math.h>

/* Fail unless |a − b| ≤ tol (NaN never passes). */
#define assert_close(a, b, tol) do {					\
	double a_ = (a), b_ = (b), tol_ = (tol);			\
	if (!(fabs(a_ - b_) <= tol_))					\
		fail_msg("%s = %.17g, expected %s = %.17g (tol %g)",	\
		    #a, a_, #b, b_, tol_);				\
} while (0)

#endif
