/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_step.c: what one racer step costs on the chapter's largest
 * objectives, per method, in milliseconds: the start (f and ∇f there,
 * sd_optimizer_set), one step (the median of STEPS), and the copy the
 * visualizer steps on a thread (sd_optimizer_copy). A step above a
 * frame (20 ms) is what the visualizer must not take on its loop's
 * thread (issue 11); the figures say which methods that is. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "base/error.h"
#include "landscape/chart.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

#define STEPS	3

static const char *const specs[] = {
	"glm:d=200,n=100000", "twolayer:n=100000", NULL
};

/* Give up with what went wrong. */
static void
die(const char *what, const char *cause)
{
	fprintf(stderr, "bench_step: %s%s%s\n", what, *what ? ": " : "",
	    cause ? cause : "?");
	exit(1);
}

/* One method on obj from x0: start, step and copy times, printed. */
static void
bench_method(const sd_optimizer_type *type, const sd_objective *obj,
    const sd_scale *scale, const double *x0)
{
	double t[STEPS], t0, start_ms, copy_ms = -1;
	sd_optimizer *opt, *copy;
	char *cause = NULL;
	size_t i;

	if ((opt = sd_optimizer_new_scaled(type, obj, scale, &cause)) == NULL)
		die("", cause);
	t0 = bench_now();
	if (sd_optimizer_set(opt, x0, 1, &cause) != 0)
		die("", cause);
	start_ms = (bench_now() - t0) * 1e3;
	for (i = 0; i < STEPS; i++) {
		t0 = bench_now();
		(void)sd_optimizer_iterate(opt);
		t[i] = (bench_now() - t0) * 1e3;
	}
	t0 = bench_now();
	if ((copy = sd_optimizer_copy(opt, NULL)) != NULL)
		copy_ms = (bench_now() - t0) * 1e3;
	printf("  %-9s start %8.1f ms   step %8.1f ms   copy %s%.3f ms%s\n",
	    type->name, start_ms, bench_median(t, STEPS),
	    copy ? "" : "(none) ", copy ? copy_ms : 0.0,
	    bench_median(t, STEPS) > 20 ? "   > a frame" : "");
	fflush(stdout);
	sd_optimizer_free(copy);
	sd_optimizer_free(opt);
}

int
main(void)
{
	const sd_optimizer_type *const *type;
	sd_objective *obj;
	sd_chart chart;
	/* Not measured: sd_objective_scale takes minutes of Hessians here,
	 * and a step's cost does not depend on the parameters' values. */
	const sd_scale scale = { 1, 8, 1 };
	char *cause = NULL;
	double a, b, *x0;
	size_t i;

	for (i = 0; specs[i] != NULL; i++) {
		if ((obj = sd_objective_new(specs[i], &cause)) == NULL ||
		    sd_chart_init_default(&chart, obj, &cause) != 0 ||
		    (x0 = malloc(obj->dim * sizeof *x0)) == NULL)
			die(specs[i], cause);
		sd_window_default_start(&chart.window, &a, &b);
		sd_chart_lift(&chart, a, b, x0);
		printf("%s (d = %zu), from the default start:\n", specs[i],
		    obj->dim);
		fflush(stdout);
		for (type = sd_optimizer_types; *type != NULL; type++)
			bench_method(*type, obj, &scale, x0);
		free(x0);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
	return 0;
}
