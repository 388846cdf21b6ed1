/* SPDX-License-Identifier: GPL-3.0-or-later */
/* interval_fn.c: the elementary functions on intervals (interval.h).
 *
 * Monotone functions take their ends; sin, cos and cosh also take the
 * extrema inside the interval. Whether an extremum x0 + kP lies inside is
 * decided with a margin (a relative 1e-12 of the period count, far above
 * the rounding of the division by P ≈ 2π), so a borderline case counts
 * the extremum: the result is only ever wider. */
#include "config.h"

#include <math.h>

#include "base/interval.h"

#define IV_TWO_PI	(2 * M_PI)
#define IV_TRIG_MAX	1e15	/* |x| beyond: sin and cos are [−1, 1] */

/* [f(lo), f(hi)] widened, for an increasing f. */
static sd_iv
iv_up_fn(double (*f)(double), sd_iv a)
{
	if (sd_iv_is_empty(a))
		return a;
	return (sd_iv){ sd_iv_down(f(a.lo), SD_IV_LIBM),
	    sd_iv_up(f(a.hi), SD_IV_LIBM) };
}

/* Whether some x0 + k·period (k an integer) may lie in a. */
static int
iv_hits(sd_iv a, double x0, double period)
{
	double tl = (a.lo - x0) / period, th = (a.hi - x0) / period;
	double e = 1e-12 * (1 + fmax(fabs(tl), fabs(th)));

	return floor(th + e) >= tl - e;
}

/* sin or cos (f) on a, whose maxima are at top + 2kπ and minima at
 * top + π + 2kπ. */
static sd_iv
iv_periodic(double (*f)(double), sd_iv a, double top)
{
	double l, h;

	if (sd_iv_is_empty(a))
		return a;
	if (!(a.hi - a.lo < IV_TWO_PI) || fabs(a.lo) > IV_TRIG_MAX ||
	    fabs(a.hi) > IV_TRIG_MAX)
		return (sd_iv){ -1, 1 };
	l = fmin(f(a.lo), f(a.hi));
	h = fmax(f(a.lo), f(a.hi));
	l = iv_hits(a, top + M_PI, IV_TWO_PI) ? -1 : sd_iv_down(l, SD_IV_LIBM);
	h = iv_hits(a, top, IV_TWO_PI) ? 1 : sd_iv_up(h, SD_IV_LIBM);
	return (sd_iv){ fmax(l, -1), fmin(h, 1) };
}

sd_iv
sd_iv_sin(sd_iv a)
{
	return iv_periodic(sin, a, M_PI / 2);
}

sd_iv
sd_iv_cos(sd_iv a)
{
	return iv_periodic(cos, a, 0);
}

sd_iv
sd_iv_tan(sd_iv a)
{
	if (sd_iv_is_empty(a))
		return a;
	/* A pole inside: tan takes every value there. */
	if (!(a.hi - a.lo < M_PI) || fabs(a.lo) > IV_TRIG_MAX ||
	    fabs(a.hi) > IV_TRIG_MAX || iv_hits(a, M_PI / 2, M_PI))
		return (sd_iv){ -INFINITY, INFINITY };
	return iv_up_fn(tan, a);
}

sd_iv
sd_iv_exp(sd_iv a)
{
	sd_iv r = iv_up_fn(exp, a);

	if (!sd_iv_is_empty(r))
		r.lo = fmax(r.lo, 0);
	return r;
}

sd_iv
sd_iv_log(sd_iv a)
{
	return iv_up_fn(log, sd_iv_meet(a, (sd_iv){ 0, INFINITY }));
}

sd_iv
sd_iv_sqrt(sd_iv a)
{
	sd_iv r = iv_up_fn(sqrt, sd_iv_meet(a, (sd_iv){ 0, INFINITY }));

	if (!sd_iv_is_empty(r))
		r.lo = fmax(r.lo, 0);
	return r;
}

sd_iv
sd_iv_asin(sd_iv a)
{
	return iv_up_fn(asin, sd_iv_meet(a, (sd_iv){ -1, 1 }));
}

sd_iv
sd_iv_acos(sd_iv a)
{
	/* acos x = π/2 − asin x, decreasing: its ends swap. */
	a = sd_iv_meet(a, (sd_iv){ -1, 1 });
	if (sd_iv_is_empty(a))
		return a;
	return (sd_iv){ fmax(0, sd_iv_down(acos(a.hi), SD_IV_LIBM)),
	    sd_iv_up(acos(a.lo), SD_IV_LIBM) };
}

sd_iv
sd_iv_atan(sd_iv a)
{
	return iv_up_fn(atan, a);
}

sd_iv
sd_iv_sinh(sd_iv a)
{
	return iv_up_fn(sinh, a);
}

sd_iv
sd_iv_cosh(sd_iv a)
{
	sd_iv m = sd_iv_abs(a);

	if (sd_iv_is_empty(m))
		return m;
	return (sd_iv){ fmax(1, sd_iv_down(cosh(m.lo), SD_IV_LIBM)),
	    sd_iv_up(cosh(m.hi), SD_IV_LIBM) };
}

sd_iv
sd_iv_tanh(sd_iv a)
{
	sd_iv r = iv_up_fn(tanh, a);

	if (!sd_iv_is_empty(r)) {
		r.lo = fmax(r.lo, -1);
		r.hi = fmin(r.hi, 1);
	}
	return r;
}
