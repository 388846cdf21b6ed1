/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vmath.c: sin, cos, tan, exp and log on vector lanes (see vmath.h);
 * atan, tanh and pow are vmath_atan.c's, vmath_tanh.c's, vmath_pow.c's.
 *
 * The algorithms and coefficients are fdlibm's (Sun Microsystems, 1993:
 * "Permission to use, copy, modify, and distribute this software is
 * freely granted, provided that this notice is preserved"), as FreeBSD
 * and musl keep them; what changes is the control flow: every branch of
 * the original is computed and the answer selected, so that a loop over
 * points vectorizes. Each kernel runs on an argument made safe first (0
 * or 1 in the lanes the special cases own), so that no lane converts an
 * out-of-range double to an integer. */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "base/simd.h"
#include "base/vmath.h"
#include "base/vmath_kernel.h"

#define VM_CHUNK	64		/* points per chunk of the in-place forms */

/* sin x (cos: q + 1) at one point: vm_trig's answer, with only the
 * kernel the quadrant asks for computed (the same operations on the same
 * values: the same bits). */
static double
vm_trig1(double x, uint64_t shift)
{
	double y0, y1, r;
	uint64_t q;

	if (vm_rem_pio2(x, 0, &y0, &y1, &q))
		vm_rem_pio2(x, 1, &y0, &y1, &q);
	q += shift;
	r = q & 1 ? vm_kcos(y0, y1) : vm_ksin(y0, y1);
	return q & 2 ? -r : r;
}

double
sd_vm_sin(double x)
{
	return vm_trig_ok(x) ? vm_trig1(x, 0) : sin(x);
}

double
sd_vm_cos(double x)
{
	return vm_trig_ok(x) ? vm_trig1(x, 1) : cos(x);
}

/* Chunk by chunk: the first round of the reduction in every lane; the
 * full one over the chunk where a lane needs it (x near a multiple of
 * π/2: bit 0 of its flag), which changes no other lane's bits; libm's
 * where a lane is beyond the kernels (bit 1). */
SD_SIMD_CLONES void
sd_vm_sincos_n(const double *x, double *s, double *c, size_t n)
{
	int64_t any, ok;
	size_t i, j, m;

	for (i = 0; i < n; i += m) {
		m = n - i < VM_CHUNK ? n - i : VM_CHUNK;
		any = 0;
		SD_SIMD_OR(any)
		for (j = 0; j < m; j++) {
			ok = vm_trig_ok(x[i + j]);
			any |= vm_trig(vm_pick(ok, x[i + j], 0), 0, &s[i + j],
			    &c[i + j]) | (2 - 2 * ok);
		}
		if (any & 1) {
			SD_SIMD
			for (j = i; j < i + m; j++)
				vm_trig(vm_pick(vm_trig_ok(x[j]), x[j], 0), 1,
				    &s[j], &c[j]);
		}
		for (j = i; any & 2 && j < i + m; j++)
			if (!vm_trig_ok(x[j])) {
				s[j] = sin(x[j]);
				c[j] = cos(x[j]);
			}
	}
}

/* sin (which = 0) or cos (1) over n points, in place or not. */
static void
vm_trig_n(const double *x, double *out, size_t n, int which)
{
	double u[VM_CHUNK], s[VM_CHUNK], c[VM_CHUNK];
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < VM_CHUNK ? n - i : VM_CHUNK;
		memcpy(u, x + i, m * sizeof *u);
		sd_vm_sincos_n(u, s, c, m);
		memcpy(out + i, which == 0 ? s : c, m * sizeof *out);
	}
}

void
sd_vm_sin_n(const double *x, double *out, size_t n)
{
	vm_trig_n(x, out, n, 0);
}

void
sd_vm_cos_n(const double *x, double *out, size_t n)
{
	vm_trig_n(x, out, n, 1);
}

/* ---- tan ---------------------------------------------------------------- */

/* tan(x + y) (odd = 0) or −1/tan(x + y) (odd = 1) on [−π/4, π/4]
 * (k_tan.c): an odd polynomial to 0.6744, and beyond it tan(π/4 − x)
 * by the same polynomial; −1/tan computed to the last bit by splitting
 * the quotient. Both sides computed, then chosen. */
SD_LOOP_INLINE double
vm_ktan(double x, double y, int64_t odd)
{
	const double T[] = { 3.33333333333334091986e-01,
	    1.33333333333201242699e-01, 5.39682539762260521377e-02,
	    2.18694882948595424599e-02, 8.86323982359930005737e-03,
	    3.59207910759131235356e-03, 1.45620945432529025516e-03,
	    5.88041240820264096874e-04, 2.46463134818469906812e-04,
	    7.81794442939557092300e-05, 7.14072491382608190305e-05,
	    -1.85586374855275456654e-05, 2.59073051863633712884e-05 },
	    pio4 = 7.85398163397448278999e-01,
	    pio4lo = 3.06161699786838301793e-17;
	int64_t big = (vm_bits(x) & ~VM_SIGN) >= 0x3FE5942800000000,
	    neg = x < 0;
	double sg = vm_pick(neg, -1.0, 1.0), z, w, r, v, s, iy, hi, a, t;

	/* Beyond 0.6744: |x| folded to π/4 − |x|. */
	x = vm_pick(big, (pio4 - sg * x) + (pio4lo - sg * y), x);
	y = vm_pick(big, 0, y);
	z = x * x;
	w = z * z;
	r = T[1] + w * (T[3] + w * (T[5] + w * (T[7] + w * (T[9] +
	    w * T[11]))));
	v = z * (T[2] + w * (T[4] + w * (T[6] + w * (T[8] + w * (T[10] +
	    w * T[12])))));
	s = z * x;
	r = y + z * (s * (r + v) + y);
	r += T[0] * s;
	w = x + r;
	iy = vm_pick(odd, -1.0, 1.0);
	hi = sg * (iy - 2.0 * (x - (w * w / (w + iy) - r)));
	/* −1/(x + r): the quotient's high half, then its correction. */
	z = vm_double(vm_bits(w) & VM_HIGH);
	v = r - (z - x);
	a = -1.0 / w;
	t = vm_double(vm_bits(a) & VM_HIGH);
	s = 1.0 + t * z;
	return vm_pick(big, hi, vm_pick(odd, t + a * (s + t * v), w));
}

/* tan x for |x| ≤ VM_TRIG_MAX, the reduction as vm_rem_pio2's (its
 * return value too); ±0 kept. */
SD_LOOP_INLINE int64_t
vm_tan(double x, int full, double *out)
{
	double y0, y1;
	uint64_t q;
	int64_t more = vm_rem_pio2(x, full, &y0, &y1, &q);

	*out = vm_pick(x == 0, x, vm_ktan(y0, y1, q & 1));
	return more;
}

double
sd_vm_tan(double x)
{
	double t;

	if (!vm_trig_ok(x))
		return tan(x);
	if (vm_tan(x, 0, &t))
		vm_tan(x, 1, &t);
	return t;
}

/* As sd_vm_sincos_n: the first round in every lane, the full reduction
 * over a chunk where a lane needs it, libm's where a lane is beyond the
 * kernel. */
SD_SIMD_CLONES void
sd_vm_tan_n(const double *x, double *out, size_t n)
{
	double u[VM_CHUNK];
	int64_t any, ok;
	size_t i, j, m;

	for (i = 0; i < n; i += m) {
		m = n - i < VM_CHUNK ? n - i : VM_CHUNK;
		memcpy(u, x + i, m * sizeof *u);
		any = 0;
		SD_SIMD_OR(any)
		for (j = 0; j < m; j++) {
			ok = vm_trig_ok(u[j]);
			any |= vm_tan(vm_pick(ok, u[j], 0), 0, &out[i + j]) |
			    (2 - 2 * ok);
		}
		if (any & 1) {
			SD_SIMD
			for (j = 0; j < m; j++)
				vm_tan(vm_pick(vm_trig_ok(u[j]), u[j], 0), 1,
				    &out[i + j]);
		}
		for (j = 0; any & 2 && j < m; j++)
			if (!vm_trig_ok(u[j]))
				out[i + j] = tan(u[j]);
	}
}

/* ---- exp ---------------------------------------------------------------- */

#define VM_EXP_OVER	7.09782712893383973096e+02	/* above: +Inf */
#define VM_EXP_UNDER	-7.45133219101941108420e+02	/* below: 0 */

/* e^x for VM_EXP_UNDER ≤ x ≤ VM_EXP_OVER (e_exp.c): x = k·ln2 + r,
 * e^r by a rational approximation, times 2^k in two exact halves (so
 * that 2^k never needs an exponent out of range, and a subnormal result
 * is rounded once, as scalbn rounds it). */
SD_LOOP_INLINE double
vm_kexp(double x)
{
	const double ln2hi = 6.93147180369123816490e-01,
	    ln2lo = 1.90821492927058770002e-10,
	    invln2 = 1.44269504088896338700e+00,
	    P1 = 1.66666666666666019037e-01, P2 = -2.77777777770155933842e-03,
	    P3 = 6.61375632143793436117e-05, P4 = -1.65339022054652515390e-06,
	    P5 = 4.13813679705723846039e-08;
	double t = x * invln2 + VM_TOINT, fn = t - VM_TOINT, hi, lo, r, rr, c;
	double y;
	uint64_t k, k1, k2;

	hi = x - fn * ln2hi;		/* exact: fn has 11 bits, ln2hi 41 */
	lo = fn * ln2lo;
	r = hi - lo;
	rr = r * r;
	c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
	y = 1 + (r * c / (2 - c) - lo + hi);
	/* k + 2048 from t's low bits (fn is there in two's complement),
	 * split in halves whose biased exponents stay in [484, 1535]. */
	k = vm_bits(t) - vm_bits(VM_TOINT) + 2048;
	k1 = k >> 1;
	k2 = k - k1;
	return y * vm_double((k1 - 1) << 52) * vm_double((k2 - 1) << 52);
}

SD_LOOP_INLINE double
vm_exp(double x)
{
	int64_t ok = (x >= VM_EXP_UNDER) & (x <= VM_EXP_OVER);
	double y = vm_kexp(vm_pick(ok, x, 0));

	/* Computed in every lane, then chosen. */
	y = vm_pick(ok, y, x);
	y = vm_pick(x > VM_EXP_OVER, HUGE_VAL, y);
	return vm_pick(x < VM_EXP_UNDER, 0, y);
}

VM_FORMS(exp)

/* ---- log ---------------------------------------------------------------- */

/* log x for x positive and finite (e_log.c): x = 2^k·(1 + f) with
 * √2/2 ≤ 1 + f < √2, log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)) where
 * s = f/(2 + f). A subnormal x is scaled by 2^54 first. */
SD_LOOP_INLINE double
vm_klog(double x)
{
	const double ln2_hi = 6.93147180369123816490e-01,
	    ln2_lo = 1.90821492927058770002e-10,
	    Lg1 = 6.666666666666735130e-01, Lg2 = 3.999999999940941908e-01,
	    Lg3 = 2.857142874366239149e-01, Lg4 = 2.222219843214978396e-01,
	    Lg5 = 1.818357216161805012e-01, Lg6 = 1.531383769920937332e-01,
	    Lg7 = 1.479819860511658591e-01;
	int64_t sub = x < 0x1p-1022;
	double xs = vm_pick(sub, x * 0x1p54, x), f, hfsq, s, z, w, t1, t2, dk;
	uint64_t u = vm_bits(xs), hx;

	/* Reduce into [√2/2, √2): k from the exponent of x·(2/√2·…). */
	hx = (u >> 32) + (0x3ff00000 - 0x3fe6a09e);
	dk = vm_double(0x4330000000000000 | hx >> 20) - 0x1p52 - 0x3ff -
	    vm_pick(sub, 54, 0);
	hx = (hx & 0x000fffff) + 0x3fe6a09e;
	f = vm_double(hx << 32 | (u & 0xffffffff)) - 1.0;
	hfsq = 0.5 * f * f;
	s = f / (2.0 + f);
	z = s * s;
	w = z * z;
	t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
	t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
	return s * (hfsq + (t2 + t1)) + dk * ln2_lo - hfsq + f + dk * ln2_hi;
}

SD_LOOP_INLINE double
vm_log(double x)
{
	int64_t ok = (x > 0) & (x <= 0x1.fffffffffffffp1023);
	double y = vm_klog(vm_pick(ok, x, 1)), nan = (x - x) / (x - x);

	/* As libm: −Inf at 0, NaN (the invalid operation's) below, +Inf and
	 * NaN as they came; computed in every lane, then chosen. */
	y = vm_pick(ok, y, x);
	y = vm_pick(x < 0, nan, y);
	return vm_pick(x == 0, -HUGE_VAL, y);
}

VM_FORMS(log)
