/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_certify.c: the certified search (certify.h) beside the old
 * finder (Newton from seeds, sd_finder_options.no_certify) on the 11
 * classic objectives and sin(20x)·sin(20y) on [−3, 3]², each over its
 * default window: points found, whether the list is proven complete,
 * boxes examined, and the median time of RUNS runs of each; then the cost
 * of one interval hyper-dual evaluation beside one hyper-dual one (the
 * price of the arithmetic, HACKING.md "Interval arithmetic"). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "base/error.h"
#include "expr/expr.h"
#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

#define RUNS	5
#define EVALS	200000

/* One finder run's inputs and what it found. */
struct job {
	const sd_objective	*obj;
	const sd_chart		*chart;
	sd_finder_options	 opts;
	size_t			 points, boxes, unresolved;
	int			 complete;
	char			*cause;
};

/* One run of the finder. */
static int
job_run(void *arg)
{
	struct job *j = arg;
	sd_point_list l;

	if (sd_finder_run(j->obj, j->chart, &j->chart->window, &j->opts, &l,
	    &j->cause) != 0)
		return -1;
	j->points = l.n;
	j->boxes = l.boxes;
	j->complete = l.complete;
	j->unresolved = l.n_unresolved;
	sd_point_list_done(&l);
	return 0;
}

/* Both finders on obj: one line. */
static int
bench_one(const char *name, sd_objective *obj)
{
	struct job c = { 0 }, o = { 0 };
	sd_chart chart;
	double tc, to;

	if (sd_chart_init_default(&chart, obj, &c.cause) != 0)
		goto fail;
	c.obj = o.obj = obj;
	c.chart = o.chart = &chart;
	o.opts.no_certify = 1;
	tc = bench_median_ms(job_run, &c, RUNS);
	to = bench_median_ms(job_run, &o, RUNS);
	sd_chart_done(&chart);
	if (tc < 0 || to < 0)
		goto fail;
	printf("%-22s %6zu %-8s %8zu %6zu %9.2f   %6zu %9.2f %6.2f\n", name,
	    c.points, c.complete ? "yes" : "no", c.boxes, c.unresolved, tc,
	    o.points, to, tc / to);
	return 0;
fail:
	fprintf(stderr, "bench_certify: %s: %s\n", name,
	    c.cause != NULL ? c.cause : o.cause);
	return -1;
}

/* Nanoseconds per evaluation of e: hyper-dual at points, interval
 * hyper-dual over boxes. */
static void
bench_eval(const char *text)
{
	sd_expr *e = sd_expr_compile(text, NULL);
	double jac[4] = { 1, 0, 0, 1 }, f, g[2], h[4], t0, tp, tb, sink = 0;
	sd_iv in[2], F, G[2], H[3];
	int i;

	if (e == NULL)
		return;
	t0 = bench_now();
	for (i = 0; i < EVALS; i++) {
		sd_expr_eval2(e, 1e-5 * i, 0.3, &f, g, h);
		sink += g[0];
	}
	tp = bench_now() - t0;
	t0 = bench_now();
	for (i = 0; i < EVALS; i++) {
		in[0] = sd_iv_make(1e-5 * i, 1e-5 * i + 0.01);
		in[1] = sd_iv_make(0.3, 0.31);
		sd_expr_eval_box(e, in, jac, &F, G, H);
		sink += G[0].lo;
	}
	tb = bench_now() - t0;
	printf("%-40s %8.1f %8.1f %6.1f%s\n", text, 1e9 * tp / EVALS,
	    1e9 * tb / EVALS, tb / tp, sink == 1.5 ? " " : "");
	sd_expr_free(e);
}

int
main(void)
{
	/* Many roots; and two continua (a circle beside two points, the
	 * two axes) that took the whole box limit until recognised. */
	static const char *const formulas[][2] = {
		{ "sin(20*x)*sin(20*y)", "sin(20x)sin(20y)" },
		{ "(x^2+y^2-1)^2*(x-0.3)", "(r²-1)²(x-0.3)" },
		{ "x^2*y^2", "x²y²" },
	};
	const sd_objective_type *const *t;
	sd_objective *obj;
	char *cause = NULL;
	size_t i;
	int rc = 0;

	sd_gsl_quiet();
	printf("certified search beside the old finder (median of %d, ms; "
	    "ratio = certified / old)\n", RUNS);
	printf("%-22s %6s %-8s %8s %6s %9s   %6s %9s %6s\n", "objective",
	    "points", "complete", "boxes", "unres", "ms", "old", "old ms",
	    "ratio");
	for (t = sd_objective_types; *t != NULL && rc == 0; t++) {
		if ((*t)->expression == NULL || (*t)->dim != 2)
			continue;
		if ((obj = sd_objective_new_type(*t, NULL, &cause)) == NULL)
			return 1;
		rc = bench_one((*t)->name, obj);
		sd_objective_free(obj);
	}
	for (i = 0; i < sizeof formulas / sizeof *formulas && rc == 0; i++) {
		if ((obj = sd_objective_new_expr(formulas[i][0], &cause)) ==
		    NULL)
			return 1;
		rc = bench_one(formulas[i][1], obj);
		sd_objective_free(obj);
	}
	printf("\none evaluation of f, ∇f, ∇²f (ns): hyper-dual at a point, "
	    "interval hyper-dual over a box\n");
	bench_eval("sin(20*x)*sin(20*y)");
	bench_eval("(x^2+y-11)^2 + (x+y^2-7)^2");
	bench_eval("-exp(-((x-7)^2+(y+3)^2))*cos(x)");
	return rc == 0 ? 0 : 1;
}
