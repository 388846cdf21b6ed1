/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interval.c: interval arithmetic with outward rounding (interval.h); the
 * elementary functions are in interval_fn.c. */
#include "config.h"

#include <float.h>
#include <math.h>

#include "base/interval.h"

double
sd_iv_down(double x, double rel)
{
	if (!isfinite(x))
		return isnan(x) ? -INFINITY : x;
	return x - (fabs(x) * rel + DBL_TRUE_MIN);
}

double
sd_iv_up(double x, double rel)
{
	if (!isfinite(x))
		return isnan(x) ? INFINITY : x;
	return x + (fabs(x) * rel + DBL_TRUE_MIN);
}

/* [lo, hi] widened by rel; a NaN bound (∞ − ∞) becomes unbounded. */
static sd_iv
iv_out(double lo, double hi, double rel)
{
	return (sd_iv){ sd_iv_down(lo, rel), sd_iv_up(hi, rel) };
}

double
sd_iv_width(sd_iv a)
{
	return sd_iv_up(a.hi - a.lo, SD_IV_ARITH);
}

double
sd_iv_mid(sd_iv a)
{
	double m = a.lo / 2 + a.hi / 2;

	if (isfinite(m))
		return m;
	if (isfinite(a.lo))
		return a.lo < 0 ? 0 : 2 * a.lo + 1;
	return isfinite(a.hi) ? (a.hi > 0 ? 0 : 2 * a.hi - 1) : 0;
}

sd_iv
sd_iv_meet(sd_iv a, sd_iv b)
{
	return (sd_iv){ fmax(a.lo, b.lo), fmin(a.hi, b.hi) };
}

sd_iv
sd_iv_hull(sd_iv a, sd_iv b)
{
	if (sd_iv_is_empty(a))
		return b;
	if (sd_iv_is_empty(b))
		return a;
	return (sd_iv){ fmin(a.lo, b.lo), fmax(a.hi, b.hi) };
}

sd_iv
sd_iv_add(sd_iv a, sd_iv b)
{
	if (sd_iv_is_empty(a) || sd_iv_is_empty(b))
		return sd_iv_empty();
	return iv_out(a.lo + b.lo, a.hi + b.hi, SD_IV_ARITH);
}

sd_iv
sd_iv_sub(sd_iv a, sd_iv b)
{
	return sd_iv_add(a, sd_iv_neg(b));
}

sd_iv
sd_iv_neg(sd_iv a)
{
	return (sd_iv){ -a.hi, -a.lo };
}

/* x·y with 0·∞ = 0. */
static double
iv_times(double x, double y)
{
	return x == 0 || y == 0 ? 0 : x * y;
}

sd_iv
sd_iv_mul(sd_iv a, sd_iv b)
{
	double p[4], lo, hi;
	int i;

	if (sd_iv_is_empty(a) || sd_iv_is_empty(b))
		return sd_iv_empty();
	p[0] = iv_times(a.lo, b.lo);
	p[1] = iv_times(a.lo, b.hi);
	p[2] = iv_times(a.hi, b.lo);
	p[3] = iv_times(a.hi, b.hi);
	/* No NaN among them (0·∞ is 0): plain comparisons. */
	lo = hi = p[0];
	for (i = 1; i < 4; i++) {
		lo = p[i] < lo ? p[i] : lo;
		hi = p[i] > hi ? p[i] : hi;
	}
	return iv_out(lo, hi, SD_IV_ARITH);
}

sd_iv
sd_iv_scale(sd_iv a, double k)
{
	return sd_iv_mul(a, sd_iv_point(k));
}

sd_iv
sd_iv_sqr(sd_iv a)
{
	double l = fabs(a.lo), h = fabs(a.hi);

	if (sd_iv_is_empty(a))
		return a;
	if (a.lo <= 0 && a.hi >= 0)
		return (sd_iv){ 0, sd_iv_up(fmax(l, h) * fmax(l, h),
		    SD_IV_ARITH) };
	if (l > h)
		return iv_out(h * h, l * l, SD_IV_ARITH);
	return iv_out(l * l, h * h, SD_IV_ARITH);
}

/* 1/b for b on one side of 0 (0 may be an end: that end gives ∞). */
static sd_iv
iv_recip(sd_iv b)
{
	double lo = 1 / b.hi, hi = 1 / b.lo;

	if (b.lo == 0)
		hi = INFINITY;
	if (b.hi == 0)
		lo = -INFINITY;
	return iv_out(lo, hi, SD_IV_ARITH);
}

sd_iv
sd_iv_div(sd_iv a, sd_iv b)
{
	if (sd_iv_is_empty(a) || sd_iv_is_empty(b) ||
	    (b.lo == 0 && b.hi == 0))
		return sd_iv_empty();
	if (a.lo == 0 && a.hi == 0)
		return a;
	if (b.lo < 0 && b.hi > 0)
		return (sd_iv){ -INFINITY, INFINITY };
	return sd_iv_mul(a, iv_recip(b));
}

/* |a|'s interval: [mignitude, magnitude]. */
static sd_iv
iv_mag(sd_iv a)
{
	double l = fabs(a.lo), h = fabs(a.hi);

	if (a.lo <= 0 && a.hi >= 0)
		return (sd_iv){ 0, fmax(l, h) };
	return (sd_iv){ fmin(l, h), fmax(l, h) };
}

/* m^n over m ≥ 0 for an integer n ≥ 0 (pow is monotone there). */
static sd_iv
iv_pow_mag(sd_iv m, double n)
{
	return iv_out(pow(m.lo, n), pow(m.hi, n), SD_IV_LIBM);
}

sd_iv
sd_iv_pown(sd_iv a, double n)
{
	sd_iv p;
	int odd = fmod(fabs(n), 2) == 1;

	if (sd_iv_is_empty(a))
		return a;
	if (n < 0)
		return sd_iv_div(sd_iv_point(1), sd_iv_pown(a, -n));
	if (n == 0)
		return sd_iv_point(1);
	p = iv_pow_mag(iv_mag(a), n);
	if (!odd || a.lo >= 0)
		return p;
	if (a.hi <= 0)
		return sd_iv_neg(p);
	/* Odd through 0: from −|lo|^n to hi^n. */
	return iv_out(-pow(-a.lo, n), pow(a.hi, n), SD_IV_LIBM);
}

sd_iv
sd_iv_powr(sd_iv a, double k)
{
	a = sd_iv_meet(a, (sd_iv){ 0, INFINITY });
	if (sd_iv_is_empty(a))
		return a;
	if (k > 0)
		return iv_out(pow(a.lo, k), pow(a.hi, k), SD_IV_LIBM);
	/* k < 0: decreasing, pow(0, k) = +∞. */
	return iv_out(pow(a.hi, k), pow(a.lo, k), SD_IV_LIBM);
}

sd_iv
sd_iv_abs(sd_iv a)
{
	if (sd_iv_is_empty(a))
		return a;
	return iv_mag(a);
}
