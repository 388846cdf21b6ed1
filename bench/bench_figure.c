/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_figure.c: drawing a figure in process, which is what the
 * visualizer's :write and W make a key wait for: himmelblau with three
 * racers (gd, adam, pgd; 200 steps), a 1200×800 PNG, SVG and PDF, with the
 * field sampled for the figure (what render and a cheap objective's
 * :write draw) and with a 100×56 terminal field (what :write draws when
 * sampling would take long). The whole process, and matplotlib beside
 * it, is bench/bench_figure.sh. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "bench.h"
#include "figure/figure.h"

#define REPEATS	11
#define STEPS	200

/* What one timed figure draws. */
typedef struct job {
	view		*v;
	const theme	*th;
	figure_format	 fmt;
	const char	*path;
} job;

/* bench_median_ms's function: one figure. */
static int
draw(void *arg)
{
	job *j = arg;
	figure_options fo = { FIGURE_WIDTH, FIGURE_HEIGHT, 0 };
	char *cause = NULL;

	if (figure_write_view(j->path, j->fmt, j->v, j->th, &fo, 1, &cause) !=
	    0) {
		fprintf(stderr, "bench_figure: %s\n", cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* The view: himmelblau, three racers, STEPS steps. */
static int
build(view *v)
{
	static const char *const methods[] = { "gd", "adam", "pgd" };
	char *cause = NULL;
	sd_objective *obj;
	size_t k;

	if ((obj = sd_objective_new("himmelblau", &cause)) == NULL ||
	    view_init(v, obj, NULL, &cause) != 0)
		goto fail;
	for (k = 0; k < 3; k++)
		if (view_add_racer(v, sd_optimizer_lookup(methods[k]), NULL,
		    &cause) != 0)
			goto fail;
	for (k = 0; k < STEPS; k++)
		view_step(v);
	return 0;
fail:
	fprintf(stderr, "bench_figure: %s\n", cause ? cause : "failed");
	free(cause);
	return -1;
}

int
main(void)
{
	static const figure_format fmts[] = { FIGURE_PNG, FIGURE_SVG,
	    FIGURE_PDF };
	figure_options fo = { FIGURE_WIDTH, FIGURE_HEIGHT, 0 };
	char path[64];
	size_t cols, rows, k, pass;
	theme th;
	view v;
	job j = { &v, &th, FIGURE_PNG, path };
	double ms;

	theme_default(&th);
	if (build(&v) != 0)
		return 1;
	for (pass = 0; pass < 2; pass++) {
		if (pass == 0)
			figure_samples(&fo, &v.window, &cols, &rows);
		else {
			cols = 100;
			rows = 56;
		}
		if (view_refresh(&v, cols, rows, NULL, NULL) != 0)
			return 1;
		for (k = 0; k < 3; k++) {
			j.fmt = fmts[k];
			snprintf(path, sizeof path, "/tmp/bench_figure.%ld.%s",
			    (long)getpid(), figure_format_name(j.fmt));
			if ((ms = bench_median_ms(draw, &j, REPEATS)) < 0)
				return 1;
			printf("himmelblau, 3 paths, %zux%zu field: 1200x800 %s "
			    "in %.1f ms (median of %d)\n", cols, rows,
			    figure_format_name(j.fmt), ms, REPEATS);
			unlink(path);
		}
	}
	view_done(&v);
	return 0;
}
