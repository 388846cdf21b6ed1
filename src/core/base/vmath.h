/* SPDX-License-Identifier: GPL-3.0-or-later */
/* vmath.h: sin, cos, tan, atan, tanh, exp, log and pow that give the same bits one point at a
 * time and on vector lanes.
 *
 * libm's functions run one lane at a time, and a vector libm (SLEEF,
 * glibc's libmvec) gives other bits than the scalar function, and other
 * bits again on an FMA target: a formula's value would depend on whether
 * it was computed in a batch and on the CPU. These are fdlibm's
 * algorithms (Cody-Waite reduction, minimax polynomials) written without
 * branches, so that the compiler puts them on vector lanes, and built
 * with contraction off (-std=c11): every operation is an IEEE double
 * operation or an exact integer one, the same on every lane and target,
 * so sd_vm_sin(x) equals sd_vm_sin_n's value at x bit for bit, in any
 * batch and in every SD_SIMD_CLONES clone.
 *
 * Accuracy, measured against libm by tests/test_vmath (HACKING.md
 * "Vector math"): within 1 ulp of the true value and of libm (tanh: 2
 * of libm, whose own tanh is up to 2 off). sin, cos and tan of |x| > 2^20
 * (where the three-part reduction runs out of bits), and of ±Inf and
 * NaN, are libm's, in both forms; so is pow where x is not positive and
 * finite, y not finite or |y| > 2^31. */
#ifndef SADDLE_VMATH_H
#define SADDLE_VMATH_H

#include <stddef.h>

double sd_vm_sin(double x);
double sd_vm_cos(double x);
double sd_vm_exp(double x);
double sd_vm_log(double x);
double sd_vm_tan(double x);
double sd_vm_atan(double x);
double sd_vm_tanh(double x);
double sd_vm_pow(double x, double y);

/* The same functions over n points: out[i] = sd_vm_*(x[i]), bit for
 * bit. out may be x. */
void sd_vm_sin_n(const double *x, double *out, size_t n);
void sd_vm_cos_n(const double *x, double *out, size_t n);
void sd_vm_exp_n(const double *x, double *out, size_t n);
void sd_vm_log_n(const double *x, double *out, size_t n);
void sd_vm_tan_n(const double *x, double *out, size_t n);
void sd_vm_atan_n(const double *x, double *out, size_t n);
void sd_vm_tanh_n(const double *x, double *out, size_t n);

/* out[i] = sd_vm_pow(x[i], y[i]), and sd_vm_pow(x[i], k), bit for bit.
 * out may be x (or y). */
void sd_vm_pow_n(const double *x, const double *y, double *out, size_t n);
void sd_vm_powk_n(const double *x, double k, double *out, size_t n);

/* s[i] = sd_vm_sin(x[i]) and c[i] = sd_vm_cos(x[i]), sharing the
 * reduction. Neither may be x. */
void sd_vm_sincos_n(const double *x, double *s, double *c, size_t n);

#endif
