/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_finder.h: one finder run as bench_median_ms times it, shared by
 * bench_finder and bench_hdfinder. Header-only. */
#ifndef SADDLE_BENCH_FINDER_H
#define SADDLE_BENCH_FINDER_H

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

/* One objective's run: what the timed function needs and reports. */
struct bench_finder_job {
	const sd_objective	*obj;
	const sd_chart		*chart;
	size_t			 points;
	char			*cause;
	const sd_finder_options	*opts;		/* NULL: the defaults */
};

/* One run of the finder over the chart's window; its points are counted
 * and released. Nonzero (with job->cause) on failure. */
static inline int
bench_finder_run(void *arg)
{
	struct bench_finder_job *job = arg;
	sd_point_list list;

	if (sd_finder_run(job->obj, job->chart, &job->chart->window,
	    job->opts, &list, &job->cause) != 0)
		return -1;
	job->points = list.n;
	sd_point_list_done(&list);
	return 0;
}

#endif
