/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interval.h: closed intervals of doubles with outward rounding, for the
 * certified search (certify.h).
 *
 * Every operation returns an interval that contains the exact result for
 * every choice of operands in the operand intervals. The arithmetic runs
 * in the default rounding mode (round to nearest) and widens each result
 * outward afterwards: by SD_IV_ARITH relative (at least two ulps) after
 * + − × ÷, which IEEE rounds correctly, and by SD_IV_LIBM (at least 16
 * ulps) after a libm function, whose error glibc documents as at most a
 * few ulps (HACKING.md, "Interval arithmetic", says why this and not
 * MPFI or Arb, and what it costs). Changing the rounding mode instead
 * would slow every libm call and is not thread-local everywhere.
 *
 * Bounds may be infinite (a semi-infinite or the entire line). The empty
 * interval (lo > hi, e.g. log of [−2, −1]) means "no point of the operand
 * is in the domain"; operations on it give it back. Functions take their
 * operand restricted to their domain: sqrt [−1, 4] = [0, 2], because a
 * formula is undefined, not wrong, where an argument leaves the domain. */
#ifndef SADDLE_INTERVAL_H
#define SADDLE_INTERVAL_H

#include <math.h>

typedef struct sd_iv {
	double	lo, hi;
} sd_iv;

#define SD_IV_ARITH	0x1p-51		/* after + − × ÷: ≥ 2 ulps */
#define SD_IV_LIBM	0x1p-48		/* after a libm function: ≥ 16 ulps */

/* The degenerate interval [x, x] (x finite). */
static inline sd_iv
sd_iv_point(double x)
{
	return (sd_iv){ x, x };
}

/* [lo, hi] as given (no widening). */
static inline sd_iv
sd_iv_make(double lo, double hi)
{
	return (sd_iv){ lo, hi };
}

/* The empty interval. */
static inline sd_iv
sd_iv_empty(void)
{
	return (sd_iv){ INFINITY, -INFINITY };
}

/* Whether a is empty (or a NaN bound slipped in). */
static inline int
sd_iv_is_empty(sd_iv a)
{
	return !(a.lo <= a.hi);
}

/* Whether x ∈ a. */
static inline int
sd_iv_contains(sd_iv a, double x)
{
	return a.lo <= x && x <= a.hi;
}

/* The width hi − lo, rounded up (+∞ when unbounded). */
double sd_iv_width(sd_iv a);

/* The midpoint, finite when a is bounded. */
double sd_iv_mid(sd_iv a);

/* a ∩ b (possibly empty) and the hull of a ∪ b. */
sd_iv sd_iv_meet(sd_iv a, sd_iv b);
sd_iv sd_iv_hull(sd_iv a, sd_iv b);

/* x rounded outward by rel × |x| (and the smallest subnormal). */
double sd_iv_down(double x, double rel);
double sd_iv_up(double x, double rel);

/* Arithmetic. 0 · ∞ is 0: a bound of ±∞ is never reached. */
sd_iv sd_iv_add(sd_iv a, sd_iv b);
sd_iv sd_iv_sub(sd_iv a, sd_iv b);
sd_iv sd_iv_neg(sd_iv a);
sd_iv sd_iv_mul(sd_iv a, sd_iv b);
sd_iv sd_iv_scale(sd_iv a, double k);
sd_iv sd_iv_sqr(sd_iv a);
/* a / b over the points of b other than 0 (1/x is undefined at 0): a
 * semi-infinite interval when 0 is an end of b, the entire line when it
 * is inside, empty when b = [0, 0]. */
sd_iv sd_iv_div(sd_iv a, sd_iv b);
/* a^n for an integer-valued n (any sign; a negative power divides). */
sd_iv sd_iv_pown(sd_iv a, double n);
/* a^k for a non-integer k, on a ∩ [0, +∞) (C's pow is NaN below 0). */
sd_iv sd_iv_powr(sd_iv a, double k);

/* The elementary functions, each on a ∩ its domain. */
sd_iv sd_iv_exp(sd_iv a);
sd_iv sd_iv_log(sd_iv a);
sd_iv sd_iv_sqrt(sd_iv a);
sd_iv sd_iv_sin(sd_iv a);
sd_iv sd_iv_cos(sd_iv a);
sd_iv sd_iv_tan(sd_iv a);
sd_iv sd_iv_asin(sd_iv a);
sd_iv sd_iv_acos(sd_iv a);
sd_iv sd_iv_atan(sd_iv a);
sd_iv sd_iv_sinh(sd_iv a);
sd_iv sd_iv_cosh(sd_iv a);
sd_iv sd_iv_tanh(sd_iv a);
sd_iv sd_iv_abs(sd_iv a);

#endif
