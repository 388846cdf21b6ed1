/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_finder.c: the stationary-point finder on every registered objective
 * over its default chart and window (the target: each classic
 * objective under 100 ms on one core, rastrigin's 441 points included).
 * Prints name, dimension, points found and the median of RUNS runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "bench_finder.h"
#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

#define RUNS 7

/* Time the finder on the objective of this type; -1 on failure. */
static int
bench_type(const sd_objective_type *type, double *total)
{
	struct bench_finder_job job = { 0 };
	sd_objective *obj;
	sd_chart chart;
	size_t dim;
	double ms;

	if ((obj = sd_objective_new_type(type, NULL, &job.cause)) == NULL)
		goto fail;
	if (sd_chart_init_default(&chart, obj, &job.cause) != 0) {
		sd_objective_free(obj);
		goto fail;
	}
	job.obj = obj;
	job.chart = &chart;
	dim = obj->dim;
	ms = bench_median_ms(bench_finder_run, &job, RUNS);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	if (ms < 0)
		goto fail;
	printf("%-14s %4zu %8zu %10.3f\n", type->name, dim, job.points, ms);
	*total += ms;
	return 0;
fail:
	fprintf(stderr, "bench_finder: %s: %s\n", type->name,
	    job.cause ? job.cause : "failed");
	free(job.cause);
	return -1;
}

int
main(void)
{
	double total = 0;
	size_t i;
	int rc = 0;

	sd_gsl_quiet();
	printf("%-14s %4s %8s %10s\n", "objective", "dim", "points",
	    "median ms");
	for (i = 0; sd_objective_types[i] != NULL; i++) {
		if (bench_type(sd_objective_types[i], &total) != 0)
			rc = 1;
	}
	printf("%-14s %4s %8s %10.3f\n", "total", "", "", total);
	return rc;
}
