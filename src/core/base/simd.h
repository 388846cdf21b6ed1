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

/* With SLEEF (HAVE_SLEEF: configure found libsleefgnuabi, and OpenMP),
 * exp is declared a SIMD function, so that in a loop marked `omp simd`
 * GCC calls SLEEF's GNU-vector-ABI exp (_ZGV?N?v_exp: 2, 4 or 8 lanes,
 * 1.0 ulp), as the sums over samples of glm and twolayer do. Without it,
 * libm's exp runs one lane at a time and the rest of such a loop is still
 * vectorized. A vector exp may differ from libm's by an ulp: the loops
 * that use it promise 1e-12, not libm's bits. */
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

/* Sums on fixed lanes: SD_LANE_LOOP(k, j, len, STMT) runs STMT for
 * every i = k + j < len, with j = i mod SD_LANES, the full rounds of
 * SD_LANES on vector lanes and the rest one by one; a sum kept as
 * acc[j] += term(k + j), then added up by sd_lanes_sum, adds the same
 * terms in the same order whatever the vector width (an OpenMP simd
 * reduction adds in the order of the clone's width, so the AVX2,
 * AVX-512 and sanitizer builds gave different last digits). */
#define SD_LANES	8
#define SD_LANE_LOOP(k, j, len, ...) do {				\
	for (k = 0; k + SD_LANES <= (len); k += SD_LANES) {		\
		SD_SIMD							\
		for (j = 0; j < SD_LANES; j++) {			\
			__VA_ARGS__;					\
		}							\
	}								\
	for (j = 0; k + j < (len); j++) {				\
		__VA_ARGS__;						\
	}								\
} while (0)

/* acc[0] + acc[1] + … + acc[SD_LANES − 1], in that order. */
SD_LOOP_INLINE double
sd_lanes_sum(const double *acc)
{
	double s = 0;
	int j;

	for (j = 0; j < SD_LANES; j++)
		s += acc[j];
	return s;
}

#endif
