/* SPDX-License-Identifier: GPL-3.0-or-later */
/* expr_util.h: what the formula test programs share: a formula that must
 * compile, bitwise equality of doubles, uniform draws. Include after
 * <cmocka.h>. */
#ifndef SADDLE_EXPR_UTIL_H
#define SADDLE_EXPR_UTIL_H

#include <gsl/gsl_rng.h>

#include "expr/expr.h"

/* How many random points a check draws. */
#define POINTS 100

/* Compile text, failing the test with the message when it does not. */
sd_expr *compile(const char *text);

/* The same double, bit for bit, or both NaN. */
int same(double a, double b);

/* A uniform number in [lo, hi]. */
double uniform(gsl_rng *r, double lo, double hi);

#endif
