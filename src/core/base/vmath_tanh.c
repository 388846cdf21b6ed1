/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vmath_tanh.c: tanh on vector lanes (see vmath.h), through e^x − 1.
 *
 * The algorithms and coefficients are fdlibm's s_expm1.c and s_tanh.c
 * (Sun Microsystems, 1993: "Permission to use, copy, modify, and
 * distribute this software is freely granted, provided that this notice
 * is preserved"); every case of expm1's reconstruction is computed and
 * the one fdlibm takes chosen, so that a loop over points vectorizes.
 * Changes: expm1's k is x/ln 2 rounded to nearest (vm_kexp's), not
 * fdlibm's rounding away from zero, which keeps |r| ≤ ln2/2 as well;
 * below 1/2 tanh is its Taylor series, and above, the quotient is
 * computed with its roundings corrected: fdlibm's formulas were 2.2 ulps
 * from the true value, more than vmath's 1. */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "base/simd.h"
#include "base/vmath.h"
#include "base/vmath_kernel.h"

/* 2^k for −1074 ≤ k ≤ 1023 as two exact factors whose product the
 * caller forms (so that neither leaves the normal range). */
SD_LOOP_INLINE double
vm_scale(double y, uint64_t k2048)
{
	uint64_t k1 = k2048 >> 1, k2 = k2048 - k1;

	return y * vm_double((k1 - 1) << 52) * vm_double((k2 - 1) << 52);
}

/* e^x − 1 for |x| ≤ 56 (tanh asks 1 to 44): x = k·ln2 + r + c, expm1(r)
 * by R1's rational form, then 2^k·(expm1(r) + 1) − 1 in the way that
 * loses least for each k. */
SD_LOOP_INLINE double
vm_kexpm1(double x)
{
	const double ln2_hi = 6.93147180369123816490e-01,
	    ln2_lo = 1.90821492927058770002e-10,
	    invln2 = 1.44269504088896338700e+00,
	    Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
	    Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
	    Q5 = -2.01099218183624371326e-07;
	double t = x * invln2 + VM_TOINT, fk = t - VM_TOINT, hi, lo, r, c;
	double hfx, hxs, r1, e, y0, ym1, yp1, yfar, ylow, yhigh, p;
	uint64_t k = vm_bits(t) - vm_bits(VM_TOINT) + 2048;
	int64_t ik = (int64_t)k - 2048;

	hi = x - fk * ln2_hi;		/* exact: fk has 7 bits, ln2_hi 32 */
	lo = fk * ln2_lo;
	r = hi - lo;
	c = (hi - r) - lo;
	hfx = 0.5 * r;
	hxs = r * hfx;
	r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
	t = 3.0 - r1 * hfx;
	e = hxs * ((r1 - t) / (6.0 - r * t));
	y0 = r - (r * e - hxs);		/* k = 0, where c = 0 */
	e = (r * (e - c) - c) - hxs;
	ym1 = 0.5 * (r - e) - 0.5;
	yp1 = vm_pick(r < -0.25, -2.0 * (e - (r + 0.5)), 1.0 + 2.0 * (r - e));
	yfar = vm_scale(1.0 - (e - r), k) - 1.0;
	/* 1 − 2^−k and 2^−k, for 2 ≤ k ≤ 56 (garbage elsewhere, unused). */
	p = vm_double((uint64_t)(0x3ff - ik) << 52);
	ylow = vm_scale((1.0 - p) - (e - r), k);
	yhigh = vm_scale((r - (e + p)) + 1.0, k);
	/* k's cases compared on fk: no 64-bit integer compare below SSE4. */
	y0 = vm_pick(fk == 0, y0, vm_pick(fk == -1, ym1, vm_pick(fk == 1,
	    yp1, vm_pick((fk <= -2) | (fk > 56), yfar, vm_pick(fk < 20, ylow,
	    yhigh)))));
	return y0;
}

/* a·b − p exactly, p = a·b rounded (Dekker's product, on Veltkamp's
 * halves: no fused multiply-add, so every target gives these bits). */
SD_LOOP_INLINE double
vm_mul_err(double a, double b, double p)
{
	const double split = 134217729.0;	/* 2^27 + 1 */
	double ca = split * a, cb = split * b, ah, al, bh, bl;

	ah = ca - (ca - a);
	al = a - ah;
	bh = cb - (cb - b);
	bl = b - bh;
	return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

/* t/(t + 2) for t ≥ 1.7, the sum's and the quotient's rounding errors
 * carried into a correction, so that only t's own error and the last
 * rounding are left (fdlibm's 1 − 2/(t + 2) was 2.2 ulps off). */
SD_LOOP_INLINE double
vm_ratio(double t)
{
	double s = t + 2.0, bb = s - t, es, q, rem;

	es = (t - (s - bb)) + (2.0 - bb);	/* s + es = t + 2 exactly */
	q = t / s;
	rem = (t - q * s) - vm_mul_err(q, s, q * s);	/* t − q·s exactly */
	return q + (rem - q * es) / s;
}

/* tanh |x| for |x| < 1/2 as its Taylor series to x^35 (terms of
 * Bernoulli numbers, rounded; the remainder is below 0.01 ulp). */
SD_LOOP_INLINE double
vm_tanh_series(double ax)
{
	const double c[] = { -0.3333333333333333, 0.13333333333333333,
	    -0.05396825396825397, 0.021869488536155203,
	    -0.008863235529902197, 0.003592128036572481,
	    -0.0014558343870513183, 0.000590027440945586,
	    -0.00023912911424355248, 9.691537956929451e-05,
	    -3.927832388331683e-05, 1.5918905069328964e-05,
	    -6.451689215655431e-06, 2.6147711512907546e-06,
	    -1.0597268320104654e-06, 4.294911078273806e-07,
	    -1.7406618963571648e-07 };
	double z = ax * ax, p;

	p = c[9] + z * (c[10] + z * (c[11] + z * (c[12] + z * (c[13] +
	    z * (c[14] + z * (c[15] + z * c[16]))))));
	p = c[0] + z * (c[1] + z * (c[2] + z * (c[3] + z * (c[4] + z * (c[5] +
	    z * (c[6] + z * (c[7] + z * (c[8] + z * p))))))));
	return ax + ax * (z * p);
}

/* tanh x: the series below 1/2; from there t/(t + 2) with t =
 * expm1(2|x|) (s_tanh.c's identity); x itself below 2⁻²⁸ (−0 kept), ±1
 * from 22 (and at ±∞), NaN as it came. */
SD_LOOP_INLINE double
vm_tanh(double x)
{
	uint64_t ix = vm_bits(x) & ~VM_SIGN;
	double ax = vm_double(ix), z;
	int64_t half = ix >= 0x3fe0000000000000, sat = ix >= 0x4036000000000000;

	z = vm_ratio(vm_kexpm1(vm_pick(half & !sat, 2.0 * ax, 1.0)));
	z = vm_pick(half, z, vm_tanh_series(vm_pick(half, 0, ax)));
	z = vm_pick(sat, 1.0, z);
	z = vm_pick(x < 0, -z, z);
	z = vm_pick(ix < 0x3e30000000000000, x, z);
	return vm_pick(x != x, x + x, z);
}

VM_FORMS(tanh)
