/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_field.c: the glm field at real size (issue 13) and the floors it
 * stands on.
 *
 * For glm:n=N (N = 10⁴ and 10⁵, or the sizes given as arguments), a field
 * of 240×140 samples over the default chart, as render and the TUI make
 * it (through the data's projections, slice.h): the exact field on one
 * thread and on two, and the coarse first pass the TUI shows first (one
 * sample per 4×4 block, or 12×12 where that is too slow). Wall and CPU seconds (the machine is shared: CPU
 * time is the figure to compare; wall time shows the threads' scaling).
 *
 * The floors, measured here: the vector exp's throughput (a field that
 * took an exp per sample and data point could not beat samples × n exps;
 * glm's grid shares its exps along rows and columns and goes below it),
 * and the memory bandwidth of a streamed read (the floor if each sample
 * read the four n-vectors of the projections from memory; the tiles keep
 * them in the caches instead).
 *
 * Then f and ∇φ of the slice on the same FUSED × FUSED nodes (the
 * finder's scan grid): grid and grad_grid one after the other against
 * fg_grid's one pass, which shares the quotients.
 *
 * bench_field -e FORMULA SIDE: a formula's field of SIDE × SIDE samples
 * (issue 12: 1000 × 1000 beside numpy and a plain C loop, in
 * field_side_by_side.sh). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench.h"
#include "base/error.h"
#include "base/simd.h"
#include "expr/expr.h"
#include "landscape/field.h"
#include "landscape/slice.h"

#define COLS	240
#define ROWS	140
#define RUNS	3
#define COARSE	4	/* APP_COARSE */
#define COARSEST 12	/* what the TUI picks on glm:n=100000 (work.c) */
#define FUSED	133	/* the finder's scan: FINDER_GRID + 1 + 2 margins */

/* CPU seconds of the whole process (every thread). */
static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void
set_threads(int n)
{
#ifdef _OPENMP
	omp_set_num_threads(n);
#else
	(void)n;
#endif
}

/* Median wall and CPU seconds of RUNS fresh fields (coarse: the first
 * pass only). */
static int
time_field_size(const sd_objective *obj, const sd_chart *chart,
    size_t cols, size_t rows, size_t coarse, double *wall, double *cpu)
{
	double w[RUNS], c[RUNS], t0, c0;
	char *cause = NULL;
	sd_field field;
	int r;

	if (sd_field_init(&field, obj->dim, &cause) != 0)
		return -1;
	for (r = 0; r < RUNS; r++) {
		sd_field_invalidate(&field);
		t0 = bench_now();
		c0 = cpu_now();
		if (sd_field_update_coarse(&field, obj, chart, &chart->window,
		    cols, rows, coarse, NULL, &cause) != 0) {
			fprintf(stderr, "bench_field: %s\n", cause);
			free(cause);
			sd_field_done(&field);
			return -1;
		}
		w[r] = bench_now() - t0;
		c[r] = cpu_now() - c0;
	}
	sd_field_done(&field);
	*wall = bench_median(w, RUNS);
	*cpu = bench_median(c, RUNS);
	return 0;
}

/* The glm field's size, COLS × ROWS. */
static int
time_field(const sd_objective *obj, const sd_chart *chart, size_t coarse,
    double *wall, double *cpu)
{
	return time_field_size(obj, chart, COLS, ROWS, coarse, wall, cpu);
}

/* CPU seconds of the formula at every sample of a side × side grid one
 * point at a time (sd_chart_f: what the field did before formulas had
 * a slice), on this thread. */
static double
formula_one_by_one(const sd_objective *obj, const sd_chart *chart,
    size_t side)
{
	const sd_window *w = &chart->window;
	double c0 = cpu_now(), x[2], a, b, sum = 0;
	size_t i, j;

	for (j = 0; j < side; j++) {
		b = w->ymin + (w->ymax - w->ymin) * ((double)j + 0.5) /
		    (double)side;
		for (i = 0; i < side; i++) {
			a = w->xmin + (w->xmax - w->xmin) * ((double)i + 0.5) /
			    (double)side;
			sum += sd_chart_f(chart, obj, a, b, x);
		}
	}
	return isfinite(sum) ? cpu_now() - c0 : NAN;
}

/* bench_field -e FORMULA SIDE: the formula's field of side × side
 * samples over its window, as render and the TUI make it (through its
 * slice: the block interpreter), on one thread and on two, beside the
 * one-point interpreter. */
static int
bench_formula(const char *text, size_t side)
{
	double w1, c1, w2, c2, one;
	char *cause = NULL;
	sd_objective *obj;
	sd_chart chart;

	if ((obj = sd_objective_new_expr(text, &cause)) == NULL ||
	    sd_chart_init_default(&chart, obj, &cause) != 0) {
		fprintf(stderr, "bench_field: %s\n", cause);
		return -1;
	}
	set_threads(1);
	if (time_field_size(obj, &chart, side, side, 1, &w1, &c1) != 0)
		return -1;
	set_threads(2);
	if (time_field_size(obj, &chart, side, side, 1, &w2, &c2) != 0)
		return -1;
	one = formula_one_by_one(obj, &chart, side);
	printf("saddle field %zux%zu, 1 thread: %.3f s wall, %.3f s CPU\n",
	    side, side, w1, c1);
	printf("saddle field %zux%zu, 2 threads: %.3f s wall, %.3f s CPU\n",
	    side, side, w2, c2);
	printf("saddle one point at a time (sd_chart_f), 1 thread: %.3f s "
	    "CPU\n", one);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return 0;
}

/* Σ exp(−t_i) over an array in the first-level cache, on vector lanes
 * like the field's loops. */
SD_SIMD_CLONES
static double
exp_sum(const double *t, size_t len)
{
	double s = 0;
	size_t i;

#pragma omp simd reduction(+:s)
	for (i = 0; i < len; i++)
		s += exp(-t[i]);
	return s;
}

/* Σ v_i over a large array, streamed from memory. */
SD_SIMD_CLONES
static double
stream_sum(const double *v, size_t len)
{
	double s = 0;
	size_t i;

#pragma omp simd reduction(+:s)
	for (i = 0; i < len; i++)
		s += v[i];
	return s;
}

/* Nanoseconds per exp on one thread (CPU time). */
static double
exp_ns(void)
{
	double t[512], c0, s = 0;
	size_t i, reps = 200000;

	for (i = 0; i < 512; i++)
		t[i] = -8 + 16 * (double)i / 512;
	c0 = cpu_now();
	for (i = 0; i < reps; i++)
		s += exp_sum(t, 512);
	c0 = cpu_now() - c0;
	return s > 0 ? c0 / ((double)reps * 512) * 1e9 : NAN;
}

/* Bytes per second of a streamed read of 256 MB on one thread. */
static double
bandwidth(void)
{
	size_t i, len = (size_t)32 << 20;
	double *v = malloc(len * sizeof *v), c0, s = 0;
	int r;

	if (v == NULL)
		return NAN;
	for (i = 0; i < len; i++)
		v[i] = (double)(i & 7);
	c0 = cpu_now();
	for (r = 0; r < 4; r++)
		s += stream_sum(v, len);
	c0 = cpu_now() - c0;
	free(v);
	return s > 0 ? 4.0 * (double)len * sizeof *v / c0 : NAN;
}

/* Median CPU seconds on this thread of f and ∇φ on FUSED² nodes over
 * the window: apart (fused 0) or through fg_grid (1). */
static double
time_fused(const sd_objective_slice *proj, const sd_window *w, int fused,
    double *buf)
{
	double c[RUNS], *a = buf, *b = a + FUSED, *f = b + FUSED;
	double *ga = f + FUSED * FUSED, *gb = ga + FUSED * FUSED, c0;
	int i, r;

	for (i = 0; i < FUSED; i++) {
		a[i] = w->xmin + (w->xmax - w->xmin) * i / (FUSED - 1);
		b[i] = w->ymin + (w->ymax - w->ymin) * i / (FUSED - 1);
	}
	for (r = 0; r < RUNS; r++) {
		c0 = cpu_now();
		if (fused) {
			proj->fg_grid(proj->data, FUSED, a, FUSED, b, f, ga,
			    gb, FUSED);
		} else {
			proj->grid(proj->data, FUSED, a, FUSED, b, f, FUSED);
			proj->grad_grid(proj->data, FUSED, a, FUSED, b, ga,
			    gb, FUSED);
		}
		c[r] = cpu_now() - c0;
	}
	return bench_median(c, RUNS);
}

/* f and ∇φ on the same nodes, apart and in one pass (fg_grid). */
static int
bench_fused(const sd_objective *obj, const sd_chart *chart)
{
	double apart, fused, *buf;
	char *cause = NULL;
	sd_slice slice;

	sd_slice_init(&slice);
	if (sd_slice_update(&slice, obj, chart, &cause) != 0 ||
	    slice.proj.fg_grid == NULL ||
	    (buf = malloc((2 + 3 * FUSED) * FUSED * sizeof *buf)) == NULL) {
		fprintf(stderr, "bench_field: %s: %s\n", obj->spec, cause !=
		    NULL ? cause : "no fg_grid, or out of memory");
		free(cause);
		sd_slice_done(&slice);
		return -1;
	}
	apart = time_fused(&slice.proj, &chart->window, 0, buf);
	fused = time_fused(&slice.proj, &chart->window, 1, buf);
	printf("%s: f and its slice gradient on %dx%d nodes, 1 thread: grid + "
	    "grad_grid %.3f s CPU, fg_grid %.3f s CPU (x%.2f)\n", obj->spec,
	    FUSED, FUSED, apart, fused, apart / fused);
	free(buf);
	sd_slice_done(&slice);
	return 0;
}

/* One size: the fields and the floors. */
static int
bench_size(unsigned long n, double ns, double bw)
{
	double w1, c1, w2, c2, wc, cc, wc2, cc2, samples = COLS * ROWS;
	char spec[64], *cause = NULL;
	sd_objective *obj;
	sd_chart chart;

	snprintf(spec, sizeof spec, "glm:n=%lu", n);
	if ((obj = sd_objective_new(spec, &cause)) == NULL ||
	    sd_chart_init_default(&chart, obj, &cause) != 0) {
		fprintf(stderr, "bench_field: %s\n", cause);
		return -1;
	}
	set_threads(1);
	if (time_field(obj, &chart, 1, &w1, &c1) != 0 ||
	    time_field(obj, &chart, COARSE, &wc, &cc) != 0)
		return -1;
	set_threads(2);
	if (time_field(obj, &chart, 1, &w2, &c2) != 0 ||
	    time_field(obj, &chart, COARSEST, &wc2, &cc2) != 0)
		return -1;
	printf("%s, field %dx%d: 1 thread %.3f s (%.3f s CPU, %.2f ns per "
	    "sample and data point); 2 threads %.3f s wall (%.3f s CPU), "
	    "x%.2f\n", spec, COLS, ROWS, w1, c1,
	    c1 / (samples * (double)n) * 1e9, w2, c2, w1 / w2);
	printf("%s: first pass, one sample per %dx%d block: %.1f ms wall "
	    "(%.1f ms CPU) on 1 thread; per %dx%d: %.1f ms wall (%.1f ms "
	    "CPU) on 2\n", spec, COARSE, COARSE, wc * 1e3, cc * 1e3,
	    COARSEST, COARSEST, wc2 * 1e3, cc2 * 1e3);
	printf("%s: an exp per sample and data point %.3f s (field / that = "
	    "%.2f); memory floor %.3f s if every sample streamed its 32n "
	    "bytes\n", spec,
	    samples * (double)n * ns * 1e-9,
	    c1 / (samples * (double)n * ns * 1e-9),
	    samples * (double)n * 32 / bw);
	if (bench_fused(obj, &chart) != 0)
		return -1;
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned long sizes[2] = { 10000, 100000 };
	double ns, bw;
	int i, count = 2;

	sd_gsl_quiet();
	if (argc == 4 && strcmp(argv[1], "-e") == 0)
		return bench_formula(argv[2], strtoul(argv[3], NULL, 10)) != 0;
	for (i = 1; i < argc && i <= 2; i++) {
		sizes[i - 1] = strtoul(argv[i], NULL, 10);
		count = i;
	}
	ns = exp_ns();
	bw = bandwidth();
	printf("floors: vector exp %.3f ns (one thread, %s); streamed read "
	    "%.1f GB/s (one thread)\n", ns,
#ifdef HAVE_SLEEF
	    "SLEEF",
#else
	    "libm, scalar",
#endif
	    bw * 1e-9);
	for (i = 0; i < count; i++) {
		if (bench_size(sizes[i], ns, bw) != 0)
			return 1;
	}
	return 0;
}
