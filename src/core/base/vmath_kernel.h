/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vmath_kernel.h: vmath's branch-free pieces and its sin and cos kernels
 * (see vmath.h, vmath.c), inline, for the loops that fuse sin and cos
 * with what they do next (the formula's batch interpreter): the same code
 * in every caller, built with contraction off, gives the same bits.
 * Private to src/core.
 *
 * The algorithms and coefficients are fdlibm's (Sun Microsystems, 1993:
 * "Permission to use, copy, modify, and distribute this software is
 * freely granted, provided that this notice is preserved"). */
#ifndef SADDLE_VMATH_KERNEL_H
#define SADDLE_VMATH_KERNEL_H

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/simd.h"

#define VM_TOINT	0x1.8p52	/* x + this − this rounds x to an integer */
#define VM_TRIG_MAX	0x1p20		/* the medium range of fdlibm's reduction */
#define VM_SIGN		0x8000000000000000u	/* a double's sign bit */
#define VM_HIGH		0xffffffff00000000u	/* its high word: low word cleared */

SD_LOOP_INLINE uint64_t
vm_bits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof u);
	return u;
}

SD_LOOP_INLINE double
vm_double(uint64_t u)
{
	double x;

	memcpy(&x, &u, sizeof x);
	return x;
}

/* ok ? a : b as bit operations: data, not control flow, so that GCC
 * neither branches nor clones the code after it for one side (which
 * -ftrapping-math then keeps from vectorizing). */
SD_LOOP_INLINE double
vm_pick(int64_t ok, double a, double b)
{
	uint64_t m = 0 - (uint64_t)(ok != 0);

	return vm_double((vm_bits(a) & m) | (vm_bits(b) & ~m));
}

/* The biased exponent of x. */
SD_LOOP_INLINE int64_t
vm_exponent(double x)
{
	return (int64_t)(vm_bits(x) >> 52 & 0x7ff);
}

/* The one-point and the block form of a function vm_NAME whose code has
 * no branch: the same code, so the same bits (vmath.c and its
 * siblings). */
#define VM_FORMS(name)							\
double									\
sd_vm_##name(double x)							\
{									\
	return vm_##name(x);						\
}									\
									\
SD_SIMD_CLONES void							\
sd_vm_##name##_n(const double *x, double *out, size_t n)		\
{									\
	size_t i;							\
									\
	SD_SIMD								\
	for (i = 0; i < n; i++)						\
		out[i] = vm_##name(x[i]);				\
}

/* ---- sin and cos ------------------------------------------------------- */

/* sin(x + y) on [−π/4, π/4], |y| below half an ulp of x (k_sin.c). */
SD_LOOP_INLINE double
vm_ksin(double x, double y)
{
	const double S1 = -1.66666666666666324348e-01,
	    S2 = 8.33333333332248946124e-03, S3 = -1.98412698298579493134e-04,
	    S4 = 2.75573137070700676789e-06, S5 = -2.50507602534068634195e-08,
	    S6 = 1.58969099521155010221e-10;
	double z = x * x, w = z * z, r, v;

	r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
	v = z * x;
	return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

/* cos(x + y) on [−π/4, π/4] (k_cos.c, FreeBSD's branch-free form). */
SD_LOOP_INLINE double
vm_kcos(double x, double y)
{
	const double C1 = 4.16666666666666019037e-02,
	    C2 = -1.38888888888741095749e-03, C3 = 2.48015872894767294178e-05,
	    C4 = -2.75573143513906633035e-07, C5 = 2.08757232129817482790e-09,
	    C6 = -1.13596475577881948265e-11;
	double z = x * x, w = z * z, r, hz;

	r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
	hz = 0.5 * z;
	w = 1.0 - hz;
	return w + (((1.0 - w) - hz) + (z * r - x * y));
}

/* One step of the reduction: r − fn·(p + pt) as a new (r, w) with the
 * rounding error of r − fn·p carried into w (e_rem_pio2.c). */
SD_LOOP_INLINE void
vm_reduce_step(double fn, double p, double pt, double *r, double *w)
{
	double t = *r, q = fn * p;

	*r = t - q;
	*w = fn * pt - ((t - *r) - q);
}

/* x = n·π/2 + y0 + y1 for |x| ≤ VM_TRIG_MAX, the quadrant n mod 4 in *q:
 * fdlibm's medium case. Its first round is good to 85 bits unless it
 * cancelled more than 16 of them; then it takes a second round, and a
 * third after 49 more. With full = 0 only the first is taken: the
 * return value says (nonzero) that the answer needs full = 1, which
 * computes all three in every lane and picks the one fdlibm takes; where
 * the first round is enough, both give the same bits. */
SD_LOOP_INLINE int64_t
vm_rem_pio2(double x, int full, double *y0, double *y1, uint64_t *q)
{
	const double invpio2 = 6.36619772367581382433e-01,
	    pio2_1 = 1.57079632673412561417e+00,
	    pio2_1t = 6.07710050650619224932e-11,
	    pio2_2 = 6.07710050630396597660e-11,
	    pio2_2t = 2.02226624879595063154e-21,
	    pio2_3 = 2.02226624871116645580e-21,
	    pio2_3t = 8.47842766036889956997e-32;
	double t = x * invpio2 + VM_TOINT, fn = t - VM_TOINT, r, w, r2, w2;
	double r3, w3;
	int64_t ex = vm_exponent(x), c2, c3;

	r = x - fn * pio2_1;
	w = fn * pio2_1t;
	c2 = ex - vm_exponent(r - w) > 16;
	if (full) {
		r2 = r;
		vm_reduce_step(fn, pio2_2, pio2_2t, &r2, &w2);
		r3 = r2;
		vm_reduce_step(fn, pio2_3, pio2_3t, &r3, &w3);
		c3 = c2 & (ex - vm_exponent(r2 - w2) > 49);
		r = vm_pick(c3, r3, vm_pick(c2, r2, r));
		w = vm_pick(c3, w3, vm_pick(c2, w2, w));
	}
	*y0 = r - w;
	*y1 = (r - *y0) - w;
	*q = vm_bits(t) & 3;	/* fn's low bits, two's complement */
	return c2;
}

/* sin x and cos x for |x| ≤ VM_TRIG_MAX, the reduction as
 * vm_rem_pio2's (its return value too). */
SD_LOOP_INLINE int64_t
vm_trig(double x, int full, double *s, double *c)
{
	double y0, y1, ks, kc, ss, cc;
	uint64_t q;
	int64_t more = vm_rem_pio2(x, full, &y0, &y1, &q);

	ks = vm_ksin(y0, y1);
	kc = vm_kcos(y0, y1);
	ss = vm_pick(q & 1, kc, ks);
	cc = vm_pick(q & 1, ks, kc);
	*s = vm_pick(q & 2, -ss, ss);
	*c = vm_pick((q + 1) & 2, -cc, cc);
	return more;
}

/* Whether x is for the kernels (else libm's: huge, infinite, NaN). */
SD_LOOP_INLINE int
vm_trig_ok(double x)
{
	return fabs(x) <= VM_TRIG_MAX;
}

#endif
