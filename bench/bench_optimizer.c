/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_optimizer.c: steps per second of every method on himmelblau
 * (or of the methods named on the command line), in-process, through
 * the public sd_optimizer_advance (what `saddle run` calls) and one step
 * per call of sd_optimizer_iterate (the TUI's key press). Each figure is
 * the median of REPEATS batches of about BATCH_SECONDS each.
 *
 * The targets: at least 10 million steps/s for gd, 1 million for
 * newton and cubic, and gd at least 2/3 of the plain C loop of the same
 * update measured here, in the same process (reported as met or MISSED;
 * timings depend on the machine, so a miss does not fail `make bench`).
 * A method that cannot step further (bfgs once it has converged) is
 * restarted from the start, and the restart is timed too. Times are the
 * process's CPU time, which a loaded machine disturbs less than the
 * wall clock. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

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

/* The plain loop's last iterate, kept so the loop is not optimized out. */
static volatile double plain_sink;

/* Seconds of CPU time. */
static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* n steps of opt in calls of sd_optimizer_advance, restarting whenever
 * a step fails (the failed step counts, as in time_steps); seconds. */
static double
time_advance(sd_optimizer *opt, size_t n)
{
	double t0 = cpu_now();
	size_t left = n, iter;
	sd_step_status st;

	sd_optimizer_set(opt, start, 1, NULL);
	while (left > 0) {
		iter = opt->iter;
		st = sd_optimizer_advance(opt, left, NULL);
		left -= opt->iter - iter;
		if (st != SD_STEP_OK) {
			sd_optimizer_set(opt, start, 1, NULL);
			left--;
		}
	}
	return cpu_now() - t0;
}

/* n steps of opt, restarting whenever a step fails; seconds. With opt
 * NULL, n steps of the plain C loop: gd on himmelblau written out, with
 * nothing of saddle in it (bench/plain_gd.c's loop). */
static double
time_steps(sd_optimizer *opt, size_t n, double lr)
{
	double t0 = cpu_now(), x = start[0], y = start[1], a, b;
	size_t i;

	if (opt == NULL) {
		for (i = 0; i < n; i++) {
			a = x * x + y - 11;
			b = x + y * y - 7;
			x -= lr * (4 * x * a + 2 * b);
			y -= lr * (2 * a + 4 * y * b);
		}
		plain_sink = x + y;
		return cpu_now() - t0;
	}
	sd_optimizer_set(opt, start, 1, NULL);
	for (i = 0; i < n; i++) {
		if (sd_optimizer_iterate(opt) != SD_STEP_OK)
			sd_optimizer_set(opt, start, 1, NULL);
	}
	return cpu_now() - t0;
}

/* The median rates of one method, one step per call and in calls of
 * sd_optimizer_advance, and of the plain loop (batches taken in turns,
 * so that all three see the same load), in steps per second. */
static void
bench_method(const sd_optimizer_type *type, const sd_objective *obj,
    double *step, double *advance, double *plain)
{
	double t[REPEATS], a[REPEATS], p[REPEATS], rate;
	sd_optimizer *opt;
	size_t n, r;

	*step = *advance = *plain = 0;
	if ((opt = sd_optimizer_new(type, obj, NULL)) == NULL)
		return;
	rate = CALIBRATION / time_steps(opt, CALIBRATION, 0);
	n = (size_t)(rate * BATCH_SECONDS) + 1;
	for (r = 0; r < REPEATS; r++) {
		t[r] = time_steps(opt, n, 0) / (double)n;
		a[r] = time_advance(opt, n) / (double)n;
		p[r] = time_steps(NULL, n, opt->params[0]) / (double)n;
	}
	*step = 1 / bench_median(t, REPEATS);
	*advance = 1 / bench_median(a, REPEATS);
	*plain = 1 / bench_median(p, REPEATS);
	sd_optimizer_free(opt);
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

/* Whether the command line asks for name: every method when it names
 * none. */
static int
wanted(int argc, char **argv, const char *name)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], name) == 0)
			return 1;
	}
	return argc < 2;
}

int
main(int argc, char **argv)
{
	const sd_optimizer_type *type;
	sd_objective *obj;
	double step, rate, want, plain;
	char *cause = NULL;
	size_t i;

	sd_gsl_quiet();
	if ((obj = sd_objective_new("himmelblau", &cause)) == NULL) {
		fprintf(stderr, "bench_optimizer: %s\n", cause);
		return 1;
	}
	printf("steps per second on himmelblau from (%g, %g), median of %d "
	    "batches,\nin calls of sd_optimizer_advance (one step per call "
	    "of sd_optimizer_iterate):\n", start[0], start[1], REPEATS);
	for (i = 0; (type = sd_optimizer_types[i]) != NULL; i++) {
		if (!wanted(argc, argv, type->name))
			continue;
		bench_method(type, obj, &step, &rate, &plain);
		want = target_of(type->name);
		printf("  %-9s %12.0f  (%6.1f ns/step; %6.1f one by one)",
		    type->name, rate, 1e9 / rate, 1e9 / step);
		if (want > 0) {
			printf("  target %.0f: %s", want,
			    rate >= want ? "met" : "MISSED");
		}
		putchar('\n');
		if (strcmp(type->name, "gd") != 0)
			continue;
		printf("  %-9s %12.0f  (%6.1f ns/step)  gd is %.2f of it "
		    "(%.2f one by one), target 2/3: %s\n", "plain C", plain,
		    1e9 / plain, rate / plain, step / plain,
		    rate >= plain * 2 / 3 ? "met" : "MISSED");
	}
	sd_objective_free(obj);
	return 0;
}
