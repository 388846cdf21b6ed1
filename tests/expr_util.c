/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expr_util.c: helpers of the formula test programs (see expr_util.h). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "expr_util.h"

/* Compile text, failing the test with the message when it does not. */
sd_expr *
compile(const char *text)
{
	sd_expr_error err;
	sd_expr *e = sd_expr_compile(text, &err);

	if (e == NULL)
		fail_msg("'%s' did not compile: column %d: %s", text,
		    err.column, err.message);
	return e;
}

/* The same double, bit for bit, or both NaN. */
int
same(double a, double b)
{
	return (isnan(a) && isnan(b)) || memcmp(&a, &b, sizeof a) == 0;
}

/* A uniform number in [lo, hi]. */
double
uniform(gsl_rng *r, double lo, double hi)
{
	return lo + (hi - lo) * gsl_rng_uniform(r);
}
