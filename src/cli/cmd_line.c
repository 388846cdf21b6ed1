/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_line.c: `saddle line OBJECTIVE --from P --to Q`: f along the
 * segment from P to Q (landscape/line.h) as CSV rows t,f,x1,...,xd or
 * JSON. P and Q are chart coordinates, full coordinates, or the finder's
 * points (min:1, saddle:1, ...) in the chart's window. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "cli.h"
#include "base/error.h"
#include "landscape/chart.h"
#include "landscape/finder.h"
#include "landscape/line.h"
#include "objectives/objective.h"

#define LINE_OPTIONS "-e FORMULA, --from P, --to Q, --samples N, " \
	"--chart CHART, --format csv|json"

/* Samples when --samples is not given. */
#define LINE_SAMPLES 101

/* What the command line asked for. */
struct line_options {
	const char	*expr;		/* -e FORMULA, or NULL */
	const char	*chart;		/* --chart, or NULL */
	const char	*from, *to;
	unsigned long	 samples;
	cli_format	 format;
};

/* One option into o; 0, an exit status, or -1 for an unknown one. */
static int
line_option(int ch, const char *arg, void *ctx)
{
	struct line_options *o = ctx;

	switch (ch) {
	case 'e':
		o->expr = arg;
		return 0;
	case 'c':
		o->chart = arg;
		return 0;
	case 'F':
		o->from = arg;
		return 0;
	case 'T':
		o->to = arg;
		return 0;
	case 'n':
		return cli_whole("--samples", arg, 2, SD_LINE_SAMPLES_MAX,
		    &o->samples) != 0 ? CLI_EXIT_USAGE : 0;
	case 'f':
		return cli_parse_format(arg, &o->format);
	default:
		return -1;
	}
}

/* The rows as CSV with their header. */
static void
line_csv(const double *t, const double *f, const double *x, size_t n,
    size_t d)
{
	size_t k, i;

	printf("t,f");
	for (i = 0; i < d; i++)
		printf(",x%zu", i + 1);
	putchar('\n');
	for (k = 0; k < n; k++) {
		cli_number(stdout, t[k]);
		putchar(',');
		cli_number_or(stdout, f[k], "nan");
		for (i = 0; i < d; i++) {
			putchar(',');
			cli_number(stdout, x[k * d + i]);
		}
		putchar('\n');
	}
}

/* The answer as one JSON object. */
static void
line_json(const sd_objective *obj, const double *t, const double *f,
    const double *x, size_t n)
{
	const size_t d = obj->dim;
	size_t k;

	printf("{\"objective\":");
	cli_json_string(stdout, obj->spec);
	printf(",\"from\":");
	cli_json_numbers(stdout, x, d);
	printf(",\"to\":");
	cli_json_numbers(stdout, x + (n - 1) * d, d);
	printf(",\"samples\":[");
	for (k = 0; k < n; k++) {
		printf(k > 0 ? ",\n{\"t\":" : "\n{\"t\":");
		cli_number(stdout, t[k]);
		printf(",\"f\":");
		cli_number_or(stdout, f[k], "null");
		printf(",\"x\":");
		cli_json_numbers(stdout, x + k * d, d);
		putchar('}');
	}
	printf("\n]}\n");
}

/* The two ends into p and q, finding the chart's points first when one
 * of them is named; 0 or an exit status. */
static int
line_ends(const struct line_options *o, const sd_objective *obj,
    const sd_chart *chart, double *p, double *q)
{
	sd_point_list list, *points = NULL;
	char *cause = NULL;
	int rc = 0;

	if (sd_line_names_point(o->from) || sd_line_names_point(o->to)) {
		if (sd_finder_run(obj, chart, &chart->window, NULL, &list,
		    &cause) != 0)
			return cli_runtime_error(cause);
		points = &list;
	}
	if (sd_line_point(o->from, obj, chart, points, p, "--from",
	    &cause) != 0 || sd_line_point(o->to, obj, chart, points, q, "--to",
	    &cause) != 0)
		rc = cli_usage_error(cause);
	if (points != NULL)
		sd_point_list_done(points);
	return rc;
}

/* Sample and print; 0 or an exit status. */
static int
line_print(const struct line_options *o, const sd_objective *obj,
    const double *p, const double *q)
{
	const size_t n = o->samples, d = obj->dim;
	double *t, *f, *x;
	char *cause = NULL;
	int rc = CLI_EXIT_OK;

	t = malloc(n * sizeof *t);
	f = malloc(n * sizeof *f);
	x = malloc(n * d * sizeof *x);
	if (t == NULL || f == NULL || x == NULL)
		rc = cli_runtime_error(sd_printf("out of memory"));
	else if (sd_line_sample(obj, p, q, n, t, f, x, &cause) != 0)
		rc = cli_runtime_error(cause);
	else if (o->format == CLI_FORMAT_CSV)
		line_csv(t, f, x, n, d);
	else
		line_json(obj, t, f, x, n);
	free(t);
	free(f);
	free(x);
	return rc;
}

/* The options, for getopt_long, --help and completion. */
const struct option cli_line_options[] = {
	{ "expr", required_argument, NULL, 'e' },
	{ "from", required_argument, NULL, 'F' },
	{ "to", required_argument, NULL, 'T' },
	{ "samples", required_argument, NULL, 'n' },
	{ "chart", required_argument, NULL, 'c' },
	{ "format", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

int
cmd_line(int argc, char **argv)
{
	struct line_options o = { .samples = LINE_SAMPLES,
	    .format = CLI_FORMAT_CSV };
	sd_objective *obj = NULL;
	const char *spec;
	double *p = NULL, *q = NULL;
	sd_chart chart;
	int rc;

	if ((rc = cli_parse(argc, argv, cli_line_options, LINE_OPTIONS,
	    line_option, &o, &spec)) != 0)
		return rc;
	if (o.from == NULL || o.to == NULL)
		return cli_usage("line: %s is missing: expected --from P --to Q "
		    "(a,b in chart coordinates, x1,...,xd, or min:K, "
		    "saddle:K)", o.from == NULL ? "--from" : "--to");
	if ((rc = cli_objective_arg("line", spec, o.expr, &obj)) != 0)
		return rc;
	if ((rc = cli_chart(o.chart, obj, &chart)) != 0) {
		sd_objective_free(obj);
		return rc;
	}
	p = malloc(obj->dim * sizeof *p);
	q = malloc(obj->dim * sizeof *q);
	if (p == NULL || q == NULL)
		rc = cli_runtime_error(sd_printf("out of memory"));
	else if ((rc = line_ends(&o, obj, &chart, p, q)) == 0)
		rc = line_print(&o, obj, p, q);
	free(p);
	free(q);
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return rc;
}
