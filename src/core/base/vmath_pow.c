/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vmath_pow.c: x^y on vector lanes (see vmath.h).
 *
 * The algorithm and coefficients are fdlibm's e_pow.c (Sun
 * Microsystems, 2004: "Permission to use, copy, modify, and distribute
 * this software is freely granted, provided that this notice is
 * preserved"): log2 x in two pieces good to about 2⁻⁶⁴, times y in
 * simulated double length, then 2^(n + y') with |y'| ≤ 1/2. That core
 * is computed without branches for x positive and finite, y finite and
 * |y| ≤ 2³¹ (y = 0, ±1 and 2 give 1, x, 1/x and x·x, as C's pow); every
 * other lane is libm's pow, in both forms. Two changes:
 * n is y·log2 x rounded to nearest (ties to even) rather than fdlibm's
 * bit-level rounding, which keeps |y'| ≤ 1/2 as well; 2^n is applied in
 * two exact halves (vm_kexp's), which rounds a subnormal result once,
 * as scalbn does. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/simd.h"
#include "base/vmath.h"
#include "base/vmath_kernel.h"

#define VM_CHUNK	64		/* points per chunk of the block forms */

/* v with its low word cleared. */
SD_LOOP_INLINE double
vm_high(double v)
{
	return vm_double(vm_bits(v) & VM_HIGH);
}

/* log2 x = *t1 + *t2 for x positive and finite, *t1 with its low word
 * clear: x = 2^n·ax with ax within [√2/2·…, √3), log ax from s =
 * (ax − b)/(ax + b), b = 1 or 3/2, in pieces. */
SD_LOOP_INLINE void
vm_log2_2(double x, double *t1, double *t2)
{
	const double L1 = 5.99999999999994648725e-01,
	    L2 = 4.28571428578550184252e-01, L3 = 3.33333329818377432918e-01,
	    L4 = 2.72728123808534006489e-01, L5 = 2.30660745775561754067e-01,
	    L6 = 2.06975017800338417784e-01,
	    cp = 9.61796693925975554329e-01, cp_h = 9.61796700954437255859e-01,
	    cp_l = -7.02846165095275826516e-09;
	int64_t sub = x < 0x1p-1022, k1, k2;
	double ax = vm_pick(sub, x * 0x1p53, x), bp, dp_h, dp_l, u, v, ss;
	double s_h, s_l, t_h, t_l, s2, r, p_h, p_l, z_h, z_l, t, m;
	uint64_t ix = vm_bits(ax) >> 32, j = ix & 0x000fffff;

	/* The interval from the mantissa's high word, compared as doubles
	 * and n made a double from its bits: 64-bit integer compares and
	 * conversions have no vector form below AVX-512. */
	m = vm_double((j | 0x3ff00000) << 32);
	k1 = (m > vm_double(0x3ff3988E00000000)) &	/* √(3/2) ≤ ax < √3 */
	    (m < vm_double(0x3ffBB67A00000000));
	k2 = m >= vm_double(0x3ffBB67A00000000);	/* beyond: ax/2, n + 1 */
	ix = (j | 0x3ff00000) - ((uint64_t)k2 << 20);
	t = vm_double(0x4330000000000000 | ((vm_bits(ax) >> 52) + (uint64_t)k2)) -
	    0x1p52 - 0x3ff - vm_pick(sub, 53, 0);
	ax = vm_double(ix << 32 | (vm_bits(ax) & 0xffffffff));
	bp = vm_pick(k1, 1.5, 1.0);
	dp_h = vm_pick(k1, 5.84962487220764160156e-01, 0.0);
	dp_l = vm_pick(k1, 1.35003920212974897128e-08, 0.0);
	/* ss = s_h + s_l = (ax − bp)/(ax + bp), t_h + t_l = ax + bp. */
	u = ax - bp;
	v = 1.0 / (ax + bp);
	ss = u * v;
	s_h = vm_high(ss);
	t_h = vm_double((((ix >> 1) | 0x20000000) + 0x00080000 +
	    ((uint64_t)k1 << 18)) << 32);
	t_l = ax - (t_h - bp);
	s_l = v * ((u - s_h * t_h) - s_h * t_l);
	/* log ax = 2s + 2/3 s³ + s⁵·R(s²), scaled by 3/2. */
	s2 = ss * ss;
	r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 +
	    s2 * L6)))));
	r += s_l * (s_h + ss);
	s2 = s_h * s_h;
	t_h = vm_high(3.0 + s2 + r);
	t_l = r - ((t_h - 3.0) - s2);
	u = s_h * t_h;
	v = s_l * t_h + t_l * ss;
	p_h = vm_high(u + v);
	p_l = v - (p_h - u);
	z_h = cp_h * p_h;			/* cp = 2/(3 ln 2) */
	z_l = cp_l * p_h + p_l * cp + dp_l;
	*t1 = vm_high(((z_h + z_l) + dp_h) + t);
	*t2 = z_l - (((*t1 - t) - dp_h) - z_h);
}

/* 2^(p_h + p_l), |p_h + p_l| ≤ 1075: n the sum rounded, the rest by
 * exp's rational form on a simulated double-length argument. */
SD_LOOP_INLINE double
vm_exp2_2(double p_h, double p_l)
{
	const double P1 = 1.66666666666666019037e-01,
	    P2 = -2.77777777770155933842e-03, P3 = 6.61375632143793436117e-05,
	    P4 = -1.65339022054652515390e-06, P5 = 4.13813679705723846039e-08,
	    lg2 = 6.93147180559945286227e-01, lg2_h = 6.93147182464599609375e-01,
	    lg2_l = -1.90465429995776804525e-09;
	double tn = (p_l + p_h) + VM_TOINT, t, u, v, z, w, t1, r;
	uint64_t k = vm_bits(tn) - vm_bits(VM_TOINT) + 2048, k1, k2;

	p_h -= tn - VM_TOINT;		/* exact: both on p_h's grid */
	t = vm_high(p_l + p_h);
	u = t * lg2_h;
	v = (p_l - (t - p_h)) * lg2 + t * lg2_l;
	z = u + v;
	w = v - (z - u);
	t = z * z;
	t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
	r = (z * t1) / (t1 - 2.0) - (w + z * w);
	z = 1.0 - (r - z);
	k1 = k >> 1;
	k2 = k - k1;
	return z * vm_double((k1 - 1) << 52) * vm_double((k2 - 1) << 52);
}

/* Whether (x, y) is for the core, not libm. */
SD_LOOP_INLINE int64_t
vm_pow_ok(double x, double y)
{
	return (x > 0) & (x <= 0x1.fffffffffffffp1023) & (fabs(y) <= 0x1p31);
}

/* x^y where vm_pow_ok: y·log2 x in simulated double length (y split at
 * its low word), overflow and underflow at fdlibm's thresholds. */
SD_LOOP_INLINE double
vm_kpow(double x, double y)
{
	const double ovt = 8.0085662595372944372e-17;
	double t1, t2, y1 = vm_high(y), p_l, p_h, z, r;
	int64_t over, under;

	vm_log2_2(x, &t1, &t2);
	p_l = (y - y1) * t1 + y * t2;
	p_h = y1 * t1;
	z = p_l + p_h;
	over = (z > 1024) | ((z == 1024) & (p_l + ovt > z - p_h));
	under = (z < -1075) | ((z == -1075) & (p_l <= z - p_h));
	r = vm_exp2_2(vm_pick(over | under, 0, p_h),
	    vm_pick(over | under, 0, p_l));
	r = vm_pick(over, HUGE_VAL, vm_pick(under, 0, r));
	/* The exponents whose answer is one rounding (or none). */
	r = vm_pick(y == 2, x * x, vm_pick(y == -1, 1 / x, r));
	return vm_pick(y == 1, x, vm_pick(y == 0, 1, r));
}

double
sd_vm_pow(double x, double y)
{
	return vm_pow_ok(x, y) ? vm_kpow(x, y) : pow(x, y);
}

/* out[i] = x[i]^y[i] (yk: every y is *y) for i < m ≤ VM_CHUNK: the core
 * in every lane, libm's where a lane is not for it. */
SD_LOOP_INLINE void
vm_pow_chunk(const double *x, const double *y, int yk, double *out,
    size_t m)
{
	double u[VM_CHUNK], w[VM_CHUNK];
	int64_t any = 0, ok;
	size_t j;

	memcpy(u, x, m * sizeof *u);
	for (j = 0; j < m; j++)
		w[j] = y[yk ? 0 : j];
	SD_SIMD_OR(any)
	for (j = 0; j < m; j++) {
		ok = vm_pow_ok(u[j], w[j]);
		out[j] = vm_kpow(vm_pick(ok, u[j], 2), vm_pick(ok, w[j], 3));
		any |= 1 - ok;
	}
	for (j = 0; any && j < m; j++)
		if (!vm_pow_ok(u[j], w[j]))
			out[j] = pow(u[j], w[j]);
}

SD_SIMD_CLONES void
sd_vm_pow_n(const double *x, const double *y, double *out, size_t n)
{
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < VM_CHUNK ? n - i : VM_CHUNK;
		vm_pow_chunk(x + i, y + i, 0, out + i, m);
	}
}

SD_SIMD_CLONES void
sd_vm_powk_n(const double *x, double k, double *out, size_t n)
{
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < VM_CHUNK ? n - i : VM_CHUNK;
		vm_pow_chunk(x + i, &k, 1, out + i, m);
	}
}
