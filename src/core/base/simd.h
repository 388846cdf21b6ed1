/* SPDX-License-Identifier: GPL-3.0-or-later */
/* simd.h: SD_SIMD before a loop over independent lanes (the runs of a
 * batch, the points of a block) asks the compiler to vectorize it
 * (OpenMP's simd, which needs -fopenmp or -fopenmp-simd: configure adds
 * one when the compiler has it). At -O2 GCC's cost model vectorizes
 * only loops whose trip count is a known multiple of the vector width;
 * the pragma lifts that. It changes no result: the lanes do the very
 * operations the scalar loop does, and -std=c11 keeps a·b + c two
 * roundings (no fused multiply-add). Without the flags it is nothing. */
#ifndef SADDLE_SIMD_H
#define SADDLE_SIMD_H

#if defined(_OPENMP) || defined(HAVE_OPENMP_SIMD)
#define SD_SIMD		_Pragma("omp simd")
#else
#define SD_SIMD
#endif

/* SD_CLONES before a function whose loops vectorize builds it twice,
 * for AVX2 and for any x86-64, the one the CPU runs chosen at load time
 * (configure checks the compiler can). The same operations, so the same
 * bits: -std=c11 leaves a·b + c unfused, and AVX2 alone brings no FMA. */
#ifdef HAVE_TARGET_CLONES
#define SD_CLONES	__attribute__((target_clones("avx2", "default")))
#else
#define SD_CLONES
#endif

/* SD_LOOP_INLINE: a helper whose loop must be built into each clone of
 * its caller (GCC does not inline across targets on its own). */
#ifdef __GNUC__
#define SD_LOOP_INLINE	static inline __attribute__((always_inline))
#else
#define SD_LOOP_INLINE	static inline
#endif

#endif
