/* SPDX-License-Identifier: GPL-3.0-or-later */
/* simd.h: SD_SIMD before a loop over independent lanes (the runs of a
 * batch, the points of a block) asks the compiler to vectorize it
 * (OpenMP's simd, which needs -fopenmp or -fopenmp-simd: configure adds
 * one when the compiler has it). At -O2 GCC's cost model vectorizes
 * only loops whose trip count is a known multiple of the vector width;
 * the pragma lifts that. It changes no result: the lanes do the very
 * operations the scalar loop does, and -ffp-contract=off (configure;
 * GCC's -std=c11 implies it, clang 14 needs it, and ignored its
 * STDC FP_CONTRACT pragma when tried) keeps a·b + c two roundings (no
 * fused multiply-add). Without the flags it is nothing. */
#ifndef SADDLE_SIMD_H
#define SADDLE_SIMD_H

#include <math.h>
#include <stddef.h>

/* With SLEEF (HAVE_SLEEF: configure found libsleefgnuabi, and OpenMP),
 * exp is declared a SIMD function, so that in a loop marked `omp simd`
 * GCC calls SLEEF's GNU-vector-ABI exp (_ZGV?N?v_exp: 2, 4 or 8 lanes,
 * 1.0 ulp), as the sums over samples of glm and twolayer do. Without it,
 * libm's exp runs one lane at a time and the rest of such a loop is still
 * vectorized. A vector exp may differ from libm's by an ulp: the loops
 * that use it promise 1e-12, not libm's bits. Nor are SLEEF's widths
 * alike: its SSE2 exp (no FMA) differs from its AVX2 and AVX-512 ones
 * (the same bits) in the last bit for about 10% of arguments, so a CPU
 * without AVX2 gives glm other last digits; the sums themselves keep
 * fixed lanes (below) and do not. */
#if defined(HAVE_SLEEF) && defined(_OPENMP)
#pragma omp declare simd notinbranch
double exp(double);
#endif

#if defined(_OPENMP) || defined(HAVE_OPENMP_SIMD)
#define SD_SIMD		_Pragma("omp simd")
#define SD_SIMD_OR(v)	SD_PRAGMA(omp simd reduction(|:v))
#define SD_PRAGMA(x)	_Pragma(#x)
#else
#define SD_SIMD
#define SD_SIMD_OR(v)
#endif
/* SD_SIMD_OR(v): SD_SIMD for a loop that also ORs into the integer v
 * (exact in any order). */

/* SD_SIMD_CLONES before a function whose loops vectorize compiles it
 * for x86-64, AVX2 and AVX-512, and the loader picks the one the CPU has
 * (GCC's target_clones; configure checks the compiler and linker accept
 * it: HAVE_TARGET_CLONES). The same operations, so the same bits:
 * -ffp-contract=off keeps a·b + c two roundings, so the FMA of the
 * wider targets is never used on its own. GCC only: clang 14 names the
 * dispatcher "f.ifunc", so that a call from another file, which asks for
 * "f", does not link (`make fuzz` builds with clang against a config.h
 * written for gcc). */
#if defined(HAVE_TARGET_CLONES) && !defined(__clang__)
#define SD_SIMD_CLONES \
	__attribute__((target_clones("default", "avx2", "arch=x86-64-v4")))
#else
#define SD_SIMD_CLONES
#endif

/* SD_SCALAR before a function that passes pairs of doubles in registers
 * (sd_pair, objective.h): GCC's SLP vectorizer would pack such a pair
 * into one register and then move it between the two registers of the
 * calling convention through the stack, a store that the load cannot
 * take forwarded: a gd step on a plane objective cost twice as long. */
#if defined(__GNUC__) && !defined(__clang__)
#define SD_SCALAR	__attribute__((optimize("no-tree-slp-vectorize")))
#else
#define SD_SCALAR
#endif

/* SD_LOOP_INLINE: a helper whose loop must be built into each clone of
 * its caller (GCC does not inline across targets on its own). */
#ifdef __GNUC__
#define SD_LOOP_INLINE	static inline __attribute__((always_inline))
#else
#define SD_LOOP_INLINE	static inline
#endif

/* Sums that give the same bits on every target: SD_LANES fixed lanes,
 * lane l taking the terms k ≡ l (mod SD_LANES) in order, then the lanes
 * added in order (sd_lanes_total). An OpenMP simd reduction adds in the
 * order of the clone's vector width, so the x86-64, AVX2, AVX-512 and
 * sanitizer builds gave different last digits; 8 lanes fill AVX-512's
 * registers and two AVX2 ones. SD_LANES_FOR(k, l, len, body) runs body
 * for k < len with l = k mod SD_LANES, the full rows of lanes on vector
 * lanes (body must not hold a comma outside parentheses). */
#define SD_LANES	8

#define SD_LANES_FOR(k, l, len, body)					\
	do {								\
		size_t sd_row_, sd_full_ = (len) - (len) % SD_LANES;	\
									\
		for (sd_row_ = 0; sd_row_ < sd_full_;			\
		    sd_row_ += SD_LANES) {				\
			SD_SIMD						\
			for (size_t l = 0; l < SD_LANES; l++) {		\
				const size_t k = sd_row_ + l;		\
				body					\
			}						\
		}							\
		for (size_t l = 0; sd_full_ + l < (len); l++) {		\
			const size_t k = sd_full_ + l;			\
			body						\
		}							\
	} while (0)

/* The lanes of a fixed-lane sum added in order. */
static inline double
sd_lanes_total(const double *acc)
{
	double s = 0;
	size_t l;

	for (l = 0; l < SD_LANES; l++)
		s += acc[l];
	return s;
}

/* Σ x_k·y_k for k < len in fixed lanes. */
SD_LOOP_INLINE double
sd_dot_lanes(const double *x, const double *y, size_t len)
{
	double acc[SD_LANES] = { 0 };

	SD_LANES_FOR(k, l, len, { acc[l] += x[k] * y[k]; });
	return sd_lanes_total(acc);
}

#endif
