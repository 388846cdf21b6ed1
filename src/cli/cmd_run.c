/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_run.c: `saddle run OBJECTIVE --optimizer NAME`: one optimizer run,
 * headless, as CSV (one row per iterate, iterate 0 included) or JSON with
 * the summary and the events (DESIGN.md §2, §5). Everything that can be
 * refused (the arguments, the start) is checked before stdout is written;
 * then the iterates stream out as they are computed, in constant memory
 * whatever --steps. A summary of the events goes to stderr unless
 * --quiet, which silences that summary and nothing else. */
#include "config.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "cli.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "optimizers/monitor.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "optimizers/trace.h"

#define RUN_OPTIONS "-e FORMULA, --optimizer NAME, --chart CHART, " \
	"--start P, --steps N, --tol G, --seed S, --set k=v,..., " \
	"--format csv|json, --quiet"

/* Defaults of the options, and the longest run (it streams: the limit
 * bounds the time, not the memory). */
#define RUN_STEPS	1000
#define RUN_STEPS_MAX	10000000
#define RUN_TOL		1e-6
#define RUN_SEED	1

/* What the command line asked for. */
struct run_options {
	const char	*spec;		/* OBJECTIVE, or NULL */
	const char	*expr;		/* -e FORMULA, or NULL */
	const char	*optimizer;	/* --optimizer */
	const char	*chart;		/* --chart, or NULL */
	const char	*start;		/* --start, or NULL */
	const char	*set;		/* --set, or NULL */
	unsigned long	 steps;
	double		 tol;
	unsigned long	 seed;
	cli_format	 format;
	int		 quiet;
};

/* Everything a run builds, released by run_done. */
struct run {
	sd_objective	*obj;
	sd_optimizer	*opt;
	sd_chart	 chart;
	int		 have_chart;
	sd_point_list	 points;
	int		 have_points;
	sd_monitor	 mon;
	int		 have_monitor;
	sd_trace	 trace;
	double		 start[2];	/* chart coordinates */
};

/* Handle one option getopt returned; 0 or an exit status. */
static int
run_option(int ch, const char *arg, void *ctx)
{
	struct run_options *o = ctx;

	switch (ch) {
	case 'e':
		o->expr = arg;
		return 0;
	case 'o':
		o->optimizer = arg;
		return 0;
	case 'c':
		o->chart = arg;
		return 0;
	case 's':
		o->start = arg;
		return 0;
	case 'n':
		return cli_whole("--steps", arg, 0, RUN_STEPS_MAX, &o->steps);
	case 't':
		return cli_tolerance(arg, &o->tol);
	case 'S':
		return cli_seed(arg, &o->seed);
	case 'p':
		o->set = arg;
		return 0;
	case 'f':
		return cli_parse_format(arg, &o->format);
	case 'q':
		o->quiet = 1;
		return 0;
	default:
		return -1;
	}
}

/* The options, for getopt_long, --help and completion. */
const struct option cli_run_options[] = {
	{ "expr", required_argument, NULL, 'e' },
	{ "optimizer", required_argument, NULL, 'o' },
	{ "chart", required_argument, NULL, 'c' },
	{ "start", required_argument, NULL, 's' },
	{ "steps", required_argument, NULL, 'n' },
	{ "tol", required_argument, NULL, 't' },
	{ "seed", required_argument, NULL, 'S' },
	{ "set", required_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'f' },
	{ "quiet", no_argument, NULL, 'q' },
	{ NULL, 0, NULL, 0 }
};

/* Parse the command line into o; 0 or an exit status. */
static int
run_parse(int argc, char **argv, struct run_options *o)
{
	int rc;

	if ((rc = cli_parse(argc, argv, cli_run_options, RUN_OPTIONS,
	    run_option, o, &o->spec)) != 0)
		return rc;
	if (o->spec == NULL && o->expr == NULL)
		return cli_usage("run: missing OBJECTIVE: expected a name "
		    "from `saddle list objectives` or -e 'FORMULA'");
	if (o->optimizer == NULL)
		return cli_usage("run: missing --optimizer NAME: expected a "
		    "name from `saddle list optimizers`");
	return 0;
}

/* Release everything r holds. */
static void
run_done(struct run *r)
{
	sd_trace_done(&r->trace);
	if (r->have_monitor)
		sd_monitor_done(&r->mon);
	if (r->have_points)
		sd_point_list_done(&r->points);
	if (r->have_chart)
		sd_chart_done(&r->chart);
	sd_optimizer_free(r->opt);
	sd_objective_free(r->obj);
}

/* The start: --start's a,b or the default point of the window, lifted
 * through the chart; the optimizer is set there. */
static int
run_start(struct run *r, const struct run_options *o)
{
	const sd_window *w = &r->chart.window;
	char *cause = NULL, *why = NULL;
	double *x0;
	int rc;

	sd_window_default_start(w, &r->start[0], &r->start[1]);
	if (o->start != NULL &&
	    sd_numbers_parse(o->start, 2, r->start, "--start", &cause) != 0)
		return cli_usage_error(cause);
	if ((x0 = calloc(r->obj->dim, sizeof *x0)) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	sd_chart_lift(&r->chart, r->start[0], r->start[1], x0);
	rc = sd_optimizer_set(r->opt, x0, o->seed, &why);
	free(x0);
	if (rc == 0)
		return 0;
	if (o->start != NULL)
		rc = cli_usage("--start: '%s' cannot start a run on %s: %s",
		    o->start, r->obj->spec, why ? why : "?");
	else
		rc = cli_runtime_error(sd_printf("the default start (%g, %g) "
		    "cannot start a run on %s: %s", r->start[0], r->start[1],
		    r->obj->spec, why ? why : "?"));
	free(why);
	return rc;
}

/* Build the objective, the optimizer and its parameters, the chart and
 * the start; 0 or an exit status. */
static int
run_prepare(struct run *r, const struct run_options *o)
{
	const sd_optimizer_type *type;
	char *cause = NULL;
	int rc;

	if ((rc = cli_objective_arg("run", o->spec, o->expr, &r->obj)) != 0 ||
	    (rc = cli_steps_fit((double)o->steps, 1, r->obj->dim)) != 0)
		return rc;
	if ((type = sd_optimizer_find(o->optimizer, &cause)) == NULL)
		return cli_usage_error(cause);
	if ((r->opt = sd_optimizer_new(type, r->obj, &cause)) == NULL)
		return cli_runtime_error(cause);
	if (o->set != NULL &&
	    sd_optimizer_set_params(r->opt, o->set, &cause) != 0) {
		rc = cli_usage("--set: %s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	if ((rc = cli_chart(o->chart, r->obj, &r->chart)) != 0)
		return rc;
	r->have_chart = 1;
	return run_start(r, o);
}

/* Find the known points and set a monitor watching them: everything that
 * can fail before the first byte of output. */
static int
run_watch(struct run *r, const struct run_options *o)
{
	const sd_window *w = &r->chart.window;
	char *cause = NULL;

	if (sd_finder_run(r->obj, &r->chart, w, NULL, &r->points,
	    &cause) != 0)
		return cli_runtime_error(cause);
	r->have_points = 1;
	if (sd_monitor_init(&r->mon, &r->points, &r->chart, w, o->tol,
	    &cause) != 0)
		return cli_runtime_error(cause);
	r->have_monitor = 1;
	sd_trace_init(&r->trace, r->obj->dim);
	return 0;
}

/* Run from the start with the monitor watching, each iterate streamed to
 * sink (the trace keeps none of them); 0 or an exit status. A run again
 * from the same start and seed gives the same iterates, bit for bit. */
static int
run_trace(struct run *r, const struct run_options *o, sd_trace_sink sink,
    void *ctx)
{
	char *cause = NULL;
	double *x0;
	int rc;

	if (r->trace.n > 0) {
		if ((x0 = malloc(r->obj->dim * sizeof *x0)) == NULL)
			return cli_runtime_error(sd_printf("out of memory"));
		sd_chart_lift(&r->chart, r->start[0], r->start[1], x0);
		rc = sd_optimizer_set(r->opt, x0, o->seed, &cause);
		free(x0);
		if (rc != 0)
			return cli_runtime_error(cause);
	}
	sd_trace_stream(&r->trace, sink, ctx);
	if ((rc = sd_trace_run(&r->trace, r->opt, &r->mon, (size_t)o->steps,
	    o->tol, &cause)) == 0)
		return 0;
	if (cause == NULL)
		cause = sd_printf("writing the trajectory: %s",
		    strerror(errno));
	return cli_runtime_error(cause);
}

/* The sinks fail once stdout has: a full disk stops the run. */
static int
run_flushed(void)
{
	return ferror(stdout) ? -1 : 0;
}

/* A CSV row: iter,f,grad_norm,x1,...,xd. */
static int
run_csv_row(void *ctx, size_t iter, const sd_optimizer *opt)
{
	size_t k;

	(void)ctx;
	printf("%zu,", iter);
	cli_number(stdout, opt->f);
	putchar(',');
	cli_number(stdout, opt->grad_norm);
	for (k = 0; k < opt->dim; k++) {
		putchar(',');
		cli_number(stdout, opt->x[k]);
	}
	putchar('\n');
	return run_flushed();
}

/* The trajectory as CSV, each row written as it is computed. */
static int
run_csv(struct run *r, const struct run_options *o)
{
	size_t k;

	printf("iter,f,grad_norm");
	for (k = 0; k < r->obj->dim; k++)
		printf(",x%zu", k + 1);
	putchar('\n');
	return run_trace(r, o, run_csv_row, NULL);
}

/* A sink that writes nothing: the JSON's first pass. */
static int
run_count_row(void *ctx, size_t iter, const sd_optimizer *opt)
{
	(void)ctx;
	(void)iter;
	(void)opt;
	return 0;
}

/* The parameters as a JSON object keyed by their --set names. */
static void
run_json_params(const sd_optimizer *opt)
{
	const sd_param *p = opt->type->params;
	size_t i, n = sd_params_count(p);

	putchar('{');
	for (i = 0; i < n; i++) {
		if (i > 0)
			putchar(',');
		cli_json_string(stdout, p[i].key);
		putchar(':');
		cli_number(stdout, opt->params[i]);
	}
	putchar('}');
}

/* final: the last iterate and the known point nearest to it. */
static void
run_json_final(const struct run *r)
{
	const sd_optimizer *opt = r->opt;
	double dist;
	int idx = sd_monitor_nearest(&r->mon, opt->x, &dist);

	printf("\"final\":{\"x\":");
	cli_json_numbers(stdout, opt->x, opt->dim);
	printf(",\"f\":");
	cli_number(stdout, opt->f);
	printf(",\"grad_norm\":");
	cli_number(stdout, opt->grad_norm);
	printf(",\"nearest\":");
	if (idx < 0) {
		printf("null}");
		return;
	}
	printf("{\"kind\":\"%s\",\"x\":",
	    sd_point_kind_name(r->points.points[idx].kind));
	cli_json_numbers(stdout, r->points.points[idx].x, r->points.dim);
	printf(",\"distance\":");
	/* Only a run out near DBL_MAX could overflow the distance. */
	cli_number(stdout, isfinite(dist) ? dist : DBL_MAX);
	printf("}}");
}

/* One event: kind, iter, steps, the point it concerns, and its text. */
static void
run_json_event(const struct run *r, const sd_event *ev)
{
	char text[256];

	printf("{\"kind\":\"%s\",\"iter\":%zu,\"steps\":%zu,\"point\":",
	    sd_event_kind_name(ev->kind), ev->iter, ev->steps);
	if (ev->point >= 0) {
		printf("{\"kind\":\"%s\",\"known\":true,\"x\":",
		    sd_point_kind_name(ev->point_kind));
		cli_json_numbers(stdout, r->points.points[ev->point].x,
		    r->points.dim);
		putchar('}');
	} else if (ev->point_kind < SD_POINT_KIND_COUNT) {
		printf("{\"kind\":\"%s\",\"known\":false,\"x\":",
		    sd_point_kind_name(ev->point_kind));
		cli_json_numbers(stdout, r->opt->x, r->opt->dim);
		putchar('}');
	} else
		printf("null");
	sd_event_describe(ev, &r->points, text, sizeof text);
	printf(",\"text\":");
	cli_json_string(stdout, text);
	putchar('}');
}

/* With --chart: an iterate's chart coordinates and offset from the
 * slice, after its full coordinates x. */
static void
run_json_chart(const struct run *r, const double *x)
{
	double ab[2], off;

	sd_chart_project(&r->chart, x, &ab[0], &ab[1], &off);
	printf(",\"chart\":");
	cli_json_numbers(stdout, ab, 2);
	printf(",\"offset\":");
	cli_number(stdout, off);
}

/* What a JSON trajectory row needs besides the iterate. */
struct run_json_ctx {
	const struct run	*r;
	int			 chart;		/* --chart given */
};

/* One entry of the JSON trajectory. */
static int
run_json_row(void *ctx, size_t iter, const sd_optimizer *opt)
{
	const struct run_json_ctx *c = ctx;

	printf(iter > 0 ? ",\n{\"iter\":%zu,\"f\":" :
	    "\n{\"iter\":%zu,\"f\":", iter);
	cli_number(stdout, opt->f);
	printf(",\"grad_norm\":");
	cli_number(stdout, opt->grad_norm);
	printf(",\"x\":");
	cli_json_numbers(stdout, opt->x, opt->dim);
	if (c->chart)
		run_json_chart(c->r, opt->x);
	putchar('}');
	return run_flushed();
}

/* The whole run as one JSON object (DESIGN.md §2); with --chart it names
 * the chart and each iterate carries its chart coordinates. The summary
 * and the events come before the trajectory, so the run is made twice:
 * once unwritten for them, once more (the same bytes: same start, same
 * seed) streaming the trajectory. */
static int
run_json(struct run *r, const struct run_options *o)
{
	struct run_json_ctx c = { r, o->chart != NULL };
	const sd_trace *t = &r->trace;
	size_t i;
	int rc;

	if ((rc = run_trace(r, o, run_count_row, NULL)) != 0)
		return rc;
	printf("{\"objective\":");
	cli_json_string(stdout, r->obj->spec);
	if (o->chart != NULL) {
		printf(",\"chart\":");
		cli_json_string(stdout, o->chart);
	}
	printf(",\"optimizer\":");
	cli_json_string(stdout, r->opt->type->name);
	printf(",\"params\":");
	run_json_params(r->opt);
	printf(",\"seed\":%lu,\"iterations\":%zu,\"stop_reason\":\"%s\",",
	    o->seed, r->opt->iter, sd_stop_reason_name(t->stop));
	run_json_final(r);
	printf(",\"events\":[");
	for (i = 0; i < t->n_events; i++) {
		printf(i > 0 ? ",\n" : "\n");
		run_json_event(r, &t->events[i]);
	}
	printf("],\"trajectory\":[");
	if ((rc = run_trace(r, o, run_json_row, &c)) != 0)
		return rc;
	printf("\n]}\n");
	return 0;
}

/* The events and the outcome for people, on stderr. */
static void
run_summary(const struct run *r)
{
	const sd_trace *t = &r->trace;
	const sd_optimizer *opt = r->opt;
	char text[256];
	double dist, a, b;
	size_t i;
	int idx;

	fprintf(stderr, "%s on %s from (%.4g, %.4g): %zu step%s, stopped: "
	    "%s\n", opt->type->name, r->obj->spec, r->start[0], r->start[1],
	    opt->iter, opt->iter == 1 ? "" : "s",
	    sd_stop_reason_name(t->stop));
	for (i = 0; i < t->n_events; i++) {
		sd_event_describe(&t->events[i], &r->points, text,
		    sizeof text);
		fprintf(stderr, "  step %zu: %s\n", t->events[i].iter, text);
	}
	fprintf(stderr, "  final: f = %.6g, |g| = %.3g", opt->f,
	    opt->grad_norm);
	if ((idx = sd_monitor_nearest(&r->mon, opt->x, &dist)) >= 0) {
		a = r->points.points[idx].a;
		b = r->points.points[idx].b;
		sd_monitor_tidy_pair(&a, &b);
		fprintf(stderr, "; nearest known point: the %s at (%g, %g), "
		    "%.3g away", sd_point_kind_name(
		    r->points.points[idx].kind), a, b, dist);
	}
	fputc('\n', stderr);
}

int
cmd_run(int argc, char **argv)
{
	struct run_options o = { .steps = RUN_STEPS, .tol = RUN_TOL,
	    .seed = RUN_SEED, .format = CLI_FORMAT_CSV };
	struct run r = { 0 };
	int rc;

	if ((rc = run_parse(argc, argv, &o)) != 0)
		return rc;
	if ((rc = run_prepare(&r, &o)) == 0 && (rc = run_watch(&r, &o)) ==
	    0) {
		rc = o.format == CLI_FORMAT_CSV ? run_csv(&r, &o) :
		    run_json(&r, &o);
		if (rc == 0 && !o.quiet)
			run_summary(&r);
	}
	run_done(&r);
	return rc;
}
