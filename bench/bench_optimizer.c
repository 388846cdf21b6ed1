/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_optimizer.c: steps per second of every method on himmelblau,
 * in-process, through the public sd_optimizer_iterate (what the TUI and
 * `saddle run` call). Each figure is the median of REPEATS batches of
 * about BATCH_SECONDS each.
 *
 * The targets: at least 10 million steps/s for gd, 1 million for
 * newton and cubic (reported as met or MISSED; timings depend on the
 * machine, so a miss does not fail `make bench`). A method that cannot
 * step further (bfgs once it has converged) is restarted from the start,
 * and the restart is timed too. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

#define REPEATS		11
#define BATCH_SECONDS	0.05
#define CALIBRATION	2000

/* The targets, in steps per second. */
static const struct target {
	const char	*name;
	double		 rate;
} targets[] = {
	{ "gd", 10e6 },
	{ "newton", 1e6 },
	{ "cubic", 1e6 },
	{ NULL, 0 }
};

/* The start: `saddle run`'s default on himmelblau's window. */
static const double start[2] = { -2.25, 3.75 };

/* n steps of opt, restarting whenever a step fails; seconds. */
static double
time_steps(sd_optimizer *opt, size_t n)
{
	double t0 = bench_now();
	size_t i;

	sd_optimizer_set(opt, start, 1, NULL);
	for (i = 0; i < n; i++) {
		if (sd_optimizer_iterate(opt) != SD_STEP_OK)
			sd_optimizer_set(opt, start, 1, NULL);
	}
	return bench_now() - t0;
}

/* The median rate of one method, in steps per second. */
static double
bench_method(const sd_optimizer_type *type, const sd_objective *obj)
{
	double t[REPEATS], rate;
	sd_optimizer *opt;
	size_t n, r;

	if ((opt = sd_optimizer_new(type, obj, NULL)) == NULL)
		return 0;
	rate = CALIBRATION / time_steps(opt, CALIBRATION);
	n = (size_t)(rate * BATCH_SECONDS) + 1;
	for (r = 0; r < REPEATS; r++)
		t[r] = time_steps(opt, n) / (double)n;
	sd_optimizer_free(opt);
	return 1 / bench_median(t, REPEATS);
}

/* The target for name, or 0. */
static double
target_of(const char *name)
{
	const struct target *t;

	for (t = targets; t->name != NULL; t++) {
		if (strcmp(t->name, name) == 0)
			return t->rate;
	}
	return 0;
}

int
main(void)
{
	const sd_optimizer_type *type;
	sd_objective *obj;
	double rate, want;
	char *cause = NULL;
	size_t i;

	sd_gsl_quiet();
	if ((obj = sd_objective_new("himmelblau", &cause)) == NULL) {
		fprintf(stderr, "bench_optimizer: %s\n", cause);
		return 1;
	}
	printf("steps per second on himmelblau from (%g, %g), median of %d "
	    "batches:\n", start[0], start[1], REPEATS);
	for (i = 0; (type = sd_optimizer_types[i]) != NULL; i++) {
		rate = bench_method(type, obj);
		want = target_of(type->name);
		printf("  %-9s %12.0f  (%6.1f ns/step)", type->name, rate,
		    1e9 / rate);
		if (want > 0) {
			printf("  target %.0f: %s", want,
			    rate >= want ? "met" : "MISSED");
		}
		putchar('\n');
	}
	sd_objective_free(obj);
	return 0;
}
