/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench.h: the benchmarks' timing helper: a monotonic clock and the median
 * of repeated runs (the median shrugs off a run the scheduler interrupted).
 * Header-only; every function is static inline. */
#ifndef SADDLE_BENCH_H
#define SADDLE_BENCH_H

#include <stddef.h>
#include <stdlib.h>
#include <time.h>

/* The most repeats bench_median_ms takes. */
#define BENCH_RUNS_MAX 101

/* Seconds on the monotonic clock (immune to changes of the wall clock). */
static inline double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* qsort order of doubles. */
static inline int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of the n values in v (which it sorts). */
static inline double
bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof *v, bench_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The 90th percentile of the n > 0 values in v (which it sorts): the
 * least value that 90% of them do not exceed. */
static inline double
bench_p90(double *v, size_t n)
{
	qsort(v, n, sizeof *v, bench_cmp);
	return v[(9 * n + 9) / 10 - 1];
}

/* The median time in milliseconds of runs calls of fn(arg), at most
 * BENCH_RUNS_MAX; fn returns nonzero to stop early, and then so does this,
 * with -1. */
static inline double
bench_median_ms(int (*fn)(void *), void *arg, int runs)
{
	double t[BENCH_RUNS_MAX], start;
	int i;

	if (runs < 1)
		runs = 1;
	if (runs > BENCH_RUNS_MAX)
		runs = BENCH_RUNS_MAX;
	for (i = 0; i < runs; i++) {
		start = bench_now();
		if (fn(arg) != 0)
			return -1;
		t[i] = (bench_now() - start) * 1e3;
	}
	return bench_median(t, (size_t)runs);
}

#endif
