/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_survey.c: the target, 100,000 starts × 1,000 gd steps on
 * himmelblau in under 3 s, through the public survey API (what `saddle
 * survey` calls), with every thread OpenMP offers and with one, measured
 * in the same process. Two settings:
 *
 *	survey	the survey as `saddle survey` runs it: each run stops at
 *		‖g‖ < 10⁻⁶ or after 1,000 steps
 *	full	tol 10⁻³⁰⁰, so that every run takes all 1,000 steps: 10⁸
 *		steps in all, the literal reading of the target
 *
 * Each figure is the median of REPEATS surveys; the target is reported as
 * met or MISSED (timings depend on the machine, so a miss does not fail
 * `make bench`). The two thread counts must give the same table. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench.h"
#include "landscape/chart.h"
#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "landscape/survey.h"

#define STARTS		100000
#define STEPS		1000
#define REPEATS		3
#define TARGET_S	3.0

/* One setting's survey, and what it found. */
struct bench {
	const sd_objective	*obj;
	const sd_chart		*chart;
	double			 tol;
	sd_survey_row		 row;	/* of the last survey */
	size_t			 steps;	/* steps taken in the last one */
};

/* One whole survey; nonzero on failure. */
static int
bench_once(void *arg)
{
	struct bench *b = arg;
	sd_survey_options o = { STARTS, STEPS, b->tol, 1, NULL };
	const sd_survey_row *row;
	size_t n, i, steps, near;
	sd_survey *s;
	int rc = -1;

	if ((s = sd_survey_new(b->obj, b->chart, &b->chart->window, &o,
	    NULL)) == NULL)
		return -1;
	if (sd_survey_add(s, sd_optimizer_lookup("gd"), NULL, NULL) == 0 &&
	    sd_survey_iterate(s, STARTS, NULL) == 0 &&
	    sd_survey_finish(s, NULL) == 0) {
		row = sd_survey_rows(s, &n);
		b->row = *row;
		for (b->steps = 0, i = 0; i < STARTS; i++) {
			sd_survey_steps(s, 0, i, &steps, &near);
			b->steps += steps;
		}
		rc = 0;
	}
	sd_survey_free(s);
	return rc;
}

/* Median seconds of a setting with the given number of threads. */
static double
bench_threads(struct bench *b, int threads)
{
#ifdef _OPENMP
	omp_set_num_threads(threads);
#else
	(void)threads;
#endif
	return bench_median_ms(bench_once, b, REPEATS) / 1e3;
}

/* Both thread counts for one setting; nonzero when they disagree. */
static int
bench_setting(const char *name, struct bench *b, int max_threads)
{
	sd_survey_row one;
	double tn, t1;

	t1 = bench_threads(b, 1);
	one = b->row;
	tn = bench_threads(b, max_threads);
	printf("%-7s %zu starts, %zu gd steps in all: %d threads %.3f s "
	    "(%.1f M steps/s), 1 thread %.3f s; 1-thread/%d-thread ratio "
	    "%.2f; target < %.0f s: %s\n", name, (size_t)STARTS, b->steps,
	    max_threads, tn, (double)b->steps / tn / 1e6, t1, max_threads,
	    t1 / tn, TARGET_S, tn < TARGET_S ? "met" : "MISSED");
	printf("        global %.4f, median %zu steps, p90 %zu\n",
	    b->row.fraction[SD_OUTCOME_GLOBAL], b->row.steps_median,
	    b->row.steps_p90);
	if (memcmp(one.count, b->row.count, sizeof one.count) != 0 ||
	    one.steps_median != b->row.steps_median) {
		printf("        the thread counts disagree\n");
		return 1;
	}
	return 0;
}

int
main(void)
{
	sd_objective *obj;
	sd_chart chart;
	struct bench b;
	int threads = 1, rc;

	sd_gsl_quiet();
#ifdef _OPENMP
	threads = omp_get_max_threads();
#endif
	if ((obj = sd_objective_new("himmelblau", NULL)) == NULL ||
	    sd_chart_init_default(&chart, obj, NULL) != 0)
		return 1;
	memset(&b, 0, sizeof b);
	b.obj = obj;
	b.chart = &chart;
	b.tol = 1e-6;
	rc = bench_setting("survey", &b, threads);
	b.tol = 1e-300;
	rc |= bench_setting("full", &b, threads);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return rc;
}
