/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vmath_atan.c: atan on vector lanes (see vmath.h).
 *
 * The algorithm and coefficients are fdlibm's s_atan.c (Sun
 * Microsystems, 1993: "Permission to use, copy, modify, and distribute
 * this software is freely granted, provided that this notice is
 * preserved"); every one of its five reductions is computed and the one
 * fdlibm takes chosen, so that a loop over points vectorizes. */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "base/simd.h"
#include "base/vmath.h"
#include "base/vmath_kernel.h"

/* atan x: |x| reduced to t on [−7/16, 7/16] by atan x = atan c +
 * atan((x − c)/(1 + c·x)), c = 0, 1/2, 1, 3/2 or ∞ by where |x| is, then
 * an odd polynomial. Below 2⁻²⁹ x itself (which keeps −0), NaN as it
 * came; ±∞ go through c = ∞ to ±π/2. */
SD_LOOP_INLINE double
vm_atan(double x)
{
	const double hi[] = { 4.63647609000806093515e-01,
	    7.85398163397448278999e-01, 9.82793723247329054082e-01,
	    1.57079632679489655800e+00 },
	    lo[] = { 2.26987774529616870924e-17, 3.06161699786838301793e-17,
	    1.39033110312309984516e-17, 6.12323399573676603587e-17 },
	    aT[] = { 3.33333333333329318027e-01, -1.99999999998764832476e-01,
	    1.42857142725034663711e-01, -1.11111104054623557880e-01,
	    9.09088713343650656196e-02, -7.69187620504482999495e-02,
	    6.66107313738753120669e-02, -5.83357013379057348645e-02,
	    4.97687799461593236017e-02, -3.65315727442169155270e-02,
	    1.62858201153657823623e-02 };
	uint64_t ix = vm_bits(x) & ~VM_SIGN;
	double ax = vm_double(ix), t, h, l, z, w, s1, s2, big;
	int64_t c0 = ix >= 0x3fdc000000000000, c1 = ix >= 0x3fe6000000000000,
	    c2 = ix >= 0x3ff3000000000000, c3 = ix >= 0x4003800000000000;

	t = vm_pick(c3, -1.0 / ax, vm_pick(c2, (ax - 1.5) / (1.0 + 1.5 * ax),
	    vm_pick(c1, (ax - 1.0) / (ax + 1.0), vm_pick(c0,
	    (2.0 * ax - 1.0) / (2.0 + ax), x))));
	h = vm_pick(c3, hi[3], vm_pick(c2, hi[2], vm_pick(c1, hi[1], hi[0])));
	l = vm_pick(c3, lo[3], vm_pick(c2, lo[2], vm_pick(c1, lo[1], lo[0])));
	z = t * t;
	w = z * z;
	s1 = z * (aT[0] + w * (aT[2] + w * (aT[4] + w * (aT[6] + w * (aT[8] +
	    w * aT[10])))));
	s2 = w * (aT[1] + w * (aT[3] + w * (aT[5] + w * (aT[7] +
	    w * aT[9]))));
	big = h - ((t * (s1 + s2) - l) - t);
	big = vm_pick(x < 0, -big, big);
	t = vm_pick(c0, big, t - t * (s1 + s2));
	t = vm_pick(ix < 0x3e20000000000000, x, t);
	return vm_pick(x != x, x + x, t);
}

VM_FORMS(atan)
