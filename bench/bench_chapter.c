/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_chapter.c: what each objective costs with its default parameters
 * (every objective of the registry, then larger instances of the
 * chapter's): building the default chart, one f, ∇f and ∇²f, the finder
 * over the default window, and a full 240×140 field (sd_field_update,
 * the TUI's own) through the default chart on one thread and on two
 * (OpenMP), so that the speed-up is measured in one run. Medians of
 * repeated runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench.h"
#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/field.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

#define COLS	240
#define ROWS	140
#define REPEAT	5

/* Beyond the registry's defaults: the chapter's objectives larger. */
static const char *const specs[] = {
	"twolayer:act=1", "twolayer:act=2", "glm:d=20,n=1000", "pca:d=64",
	"twolayer:k=4,m=8,n=1000",
};

/* Use this many threads for the parallel loops (1 without OpenMP). */
static void
bench_threads(int n)
{
#ifdef _OPENMP
	omp_set_num_threads(n);
#else
	(void)n;
#endif
}

/* The median milliseconds of a full field of obj through chart, sampled
 * anew each time on threads threads; -1 on failure. */
static double
bench_field(const sd_objective *obj, const sd_chart *chart, int threads)
{
	double t[REPEAT], t0;
	sd_field field;
	size_t r;

	bench_threads(threads);
	if (sd_field_init(&field, obj->dim, NULL) != 0)
		return -1;
	for (r = 0; r < REPEAT; r++) {
		sd_field_invalidate(&field);
		t0 = bench_now();
		if (sd_field_update(&field, obj, chart, &chart->window, COLS,
		    ROWS, NULL, NULL) != 0)
			return -1;
		t[r] = bench_now() - t0;
	}
	sd_field_done(&field);
	return 1e3 * bench_median(t, REPEAT);
}

/* The milliseconds of one finder run over the chart's window. */
static double
bench_finder(const sd_objective *obj, const sd_chart *chart, size_t *n)
{
	sd_point_list list;
	double t0 = bench_now(), ms;

	if (sd_finder_run(obj, chart, &chart->window, NULL, &list, NULL) != 0)
		return -1;
	ms = 1e3 * (bench_now() - t0);
	*n = list.n;
	sd_point_list_done(&list);
	return ms;
}

/* Median seconds of n calls of f, ∇f or ∇²f (which: 0, 1, 2) at x. */
static double
bench_calls(const sd_objective *obj, const double *x, int which, size_t n,
    double *out)
{
	double t[REPEAT], t0;
	size_t r, k;

	for (r = 0; r < REPEAT; r++) {
		t0 = bench_now();
		for (k = 0; k < n; k++) {
			if (which == 0)
				out[0] += sd_objective_f(obj, x);
			else if (which == 1)
				sd_objective_gradient(obj, x, out);
			else
				sd_objective_hessian(obj, x, out);
		}
		t[r] = (bench_now() - t0) / (double)n;
	}
	return bench_median(t, REPEAT);
}

/* Time one objective and print its line. */
static int
bench_one(const char *spec)
{
	double t[REPEAT], tchart, tf, tg, th, t0, *x, *out, t1, t2, tfind;
	sd_objective *obj;
	sd_chart chart;
	char *cause = NULL;
	size_t r, d, n = 0;

	if ((obj = sd_objective_new(spec, &cause)) == NULL) {
		fprintf(stderr, "%s: %s\n", spec, cause);
		return -1;
	}
	d = obj->dim;
	x = calloc(d + d * d, sizeof *x);
	out = x + d;
	for (r = 0; r < REPEAT; r++) {
		t0 = bench_now();
		if (sd_chart_init_default(&chart, obj, &cause) != 0) {
			fprintf(stderr, "%s: %s\n", spec, cause);
			return -1;
		}
		t[r] = bench_now() - t0;
		if (r + 1 < REPEAT)
			sd_chart_done(&chart);
	}
	tchart = bench_median(t, REPEAT);
	sd_chart_lift(&chart, 0.3, 0.2, x);
	tf = bench_calls(obj, x, 0, 2000, out);
	tg = bench_calls(obj, x, 1, 500, out);
	th = bench_calls(obj, x, 2, 100, out);
	t1 = bench_field(obj, &chart, 1);
	t2 = bench_field(obj, &chart, 2);
	tfind = bench_finder(obj, &chart, &n);
	printf("%-24s d=%-3zu chart %7.3f ms  f %7.2f us  grad %8.2f us  "
	    "hess %9.2f us  finder %7.1f ms (%3zu pts)  field %dx%d: "
	    "1 thread %7.1f ms, 2 threads %7.1f ms (x%.2f)\n", obj->spec, d,
	    1e3 * tchart, 1e6 * tf, 1e6 * tg, 1e6 * th, tfind, n, COLS, ROWS,
	    t1, t2, t2 > 0 ? t1 / t2 : 0);
	sd_chart_done(&chart);
	free(x);
	sd_objective_free(obj);
	return 0;
}

int
main(void)
{
	size_t i;

	sd_gsl_quiet();
	for (i = 0; sd_objective_types[i] != NULL; i++) {
		if (bench_one(sd_objective_types[i]->name) != 0)
			return 1;
	}
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		if (bench_one(specs[i]) != 0)
			return 1;
	}
	return 0;
}
