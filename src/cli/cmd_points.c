/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_points.c: `saddle points OBJECTIVE`: the classified stationary
 * points inside a window of a chart, as CSV or JSON (DESIGN.md §2). With
 * --all the points near the slice are added, and CSV gains an offset
 * column after the coordinates. */
#include "config.h"

#include <stdlib.h>

#include "landscape/chart.h"
#include "cli.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

#define POINTS_OPTIONS "-e FORMULA, --chart CHART, --window W, --all, " \
	"--grid N, --format csv|json"

/* One CSV row: kind,f,grad_norm,lambda_min,lambda_max,x1,...,xd, and
 * the offset with --all. */
static void
points_csv_row(const sd_point *p, size_t dim, int all)
{
	double v[4] = { p->f, p->grad_norm, p->lambda_min, p->lambda_max };
	size_t i;

	printf("%s", sd_point_kind_name(p->kind));
	for (i = 0; i < 4; i++) {
		putchar(',');
		cli_number(stdout, v[i]);
	}
	for (i = 0; i < dim; i++) {
		putchar(',');
		cli_number(stdout, p->x[i]);
	}
	if (all) {
		putchar(',');
		cli_number(stdout, p->offset);
	}
	putchar('\n');
}

/* The whole list as CSV with its header. */
static void
points_csv(const sd_point_list *list, int all)
{
	size_t i;

	printf("kind,f,grad_norm,lambda_min,lambda_max");
	for (i = 0; i < list->dim; i++)
		printf(",x%zu", i + 1);
	printf(all ? ",offset\n" : "\n");
	for (i = 0; i < list->n; i++)
		points_csv_row(&list->points[i], list->dim, all);
}

/* One point as a JSON object. */
static void
points_json_point(const sd_point *p, size_t dim)
{
	double chart[2] = { p->a, p->b };

	printf("{\"kind\":\"%s\",\"f\":", sd_point_kind_name(p->kind));
	cli_number(stdout, p->f);
	printf(",\"grad_norm\":");
	cli_number(stdout, p->grad_norm);
	printf(",\"lambda_min\":");
	cli_number(stdout, p->lambda_min);
	printf(",\"lambda_max\":");
	cli_number(stdout, p->lambda_max);
	printf(",\"x\":");
	cli_json_numbers(stdout, p->x, dim);
	printf(",\"chart\":");
	cli_json_numbers(stdout, chart, 2);
	printf(",\"offset\":");
	cli_number(stdout, p->offset);
	printf(",\"eigenvalues\":");
	cli_json_numbers(stdout, p->eigen, p->n_eigen);
	putchar('}');
}

/* The whole answer as one JSON object. */
static void
points_json(const sd_objective *obj, const sd_window *w,
    const sd_point_list *list)
{
	double window[4] = { w->xmin, w->xmax, w->ymin, w->ymax };
	size_t i;

	printf("{\"objective\":");
	cli_json_string(stdout, obj->spec);
	printf(",\"window\":");
	cli_json_numbers(stdout, window, 4);
	printf(",\"points\":[");
	for (i = 0; i < list->n; i++) {
		printf(i > 0 ? ",\n" : "\n");
		points_json_point(&list->points[i], list->dim);
	}
	printf("\n]}\n");
}

/* What the command line asked for. */
struct points_options {
	const char		*expr;		/* -e FORMULA, or NULL */
	const char		*chart;		/* --chart, or NULL */
	const char		*window;	/* --window, or NULL */
	sd_finder_options	 finder;	/* --grid, --all */
	cli_format		 format;
};

/* One option into o; 0, an exit status, or -1 for an unknown one. */
static int
points_option(int ch, const char *arg, void *ctx)
{
	struct points_options *o = ctx;
	unsigned long grid;

	switch (ch) {
	case 'e':
		o->expr = arg;
		return 0;
	case 'c':
		o->chart = arg;
		return 0;
	case 'w':
		o->window = arg;
		return 0;
	case 'a':
		o->finder.near = SD_FINDER_NEAR;
		return 0;
	case 'g':
		if (cli_whole("--grid", arg, 2, 4096, &grid) != 0)
			return CLI_EXIT_USAGE;
		o->finder.grid = (int)grid;
		return 0;
	case 'f':
		return cli_parse_format(arg, &o->format);
	default:
		return -1;
	}
}

/* The options, for getopt_long, --help and completion. */
const struct option cli_points_options[] = {
	{ "expr", required_argument, NULL, 'e' },
	{ "chart", required_argument, NULL, 'c' },
	{ "window", required_argument, NULL, 'w' },
	{ "all", no_argument, NULL, 'a' },
	{ "grid", required_argument, NULL, 'g' },
	{ "format", required_argument, NULL, 'f' },
	{ NULL, 0, NULL, 0 }
};

int
cmd_points(int argc, char **argv)
{
	struct points_options o = { .format = CLI_FORMAT_CSV };
	const char *spec;
	sd_objective *obj = NULL;
	sd_point_list list;
	sd_window window;
	sd_chart chart;
	char *cause = NULL;
	int rc;

	if ((rc = cli_parse(argc, argv, cli_points_options, POINTS_OPTIONS,
	    points_option, &o, &spec)) != 0)
		return rc;
	if ((rc = cli_objective_arg("points", spec, o.expr, &obj)) != 0)
		return rc;
	if ((rc = cli_chart(o.chart, obj, &chart)) != 0) {
		sd_objective_free(obj);
		return rc;
	}
	window = chart.window;
	if (o.window != NULL &&
	    sd_window_parse(o.window, &window, "--window", &cause) != 0) {
		sd_chart_done(&chart);
		sd_objective_free(obj);
		return cli_usage_error(cause);
	}
	if (sd_finder_run(obj, &chart, &window, &o.finder, &list, &cause) != 0) {
		rc = cli_runtime_error(cause);
	} else {
		if (o.format == CLI_FORMAT_CSV)
			points_csv(&list, o.finder.near > 0);
		else
			points_json(obj, &window, &list);
		sd_point_list_done(&list);
		rc = CLI_EXIT_OK;
	}
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return rc;
}
