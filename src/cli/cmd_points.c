/* cmd_points.c: `saddle points OBJECTIVE`: the classified stationary
 * points inside a window of a chart, as CSV or JSON (DESIGN.md §2). With
 * --all the points near the slice are added, and CSV gains an offset
 * column after the coordinates. */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>

#include "chart.h"
#include "cli.h"
#include "error.h"
#include "finder.h"
#include "objective.h"

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

int
cmd_points(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "expr", required_argument, NULL, 'e' },
		{ "chart", required_argument, NULL, 'c' },
		{ "window", required_argument, NULL, 'w' },
		{ "all", no_argument, NULL, 'a' },
		{ "grid", required_argument, NULL, 'g' },
		{ "format", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	const char *spec = NULL, *expr = NULL, *window_text = NULL;
	const char *chart_text = NULL;
	sd_finder_options opts = { 0, 0, 0 };
	cli_format format = CLI_FORMAT_CSV;
	sd_objective *obj = NULL;
	sd_point_list list;
	sd_window window;
	sd_chart chart;
	char *cause = NULL;
	double grid;
	int ch, rc;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":e:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			expr = optarg;
			break;
		case 'c':
			chart_text = optarg;
			break;
		case 'w':
			window_text = optarg;
			break;
		case 'a':
			opts.near = SD_FINDER_NEAR;
			break;
		case 'g':
			if (sd_number_parse(optarg, &grid) != 0 || grid < 2 ||
			    grid > 4096 || grid != (int)grid)
				return cli_usage("--grid: '%s' is not a whole "
				    "number from 2 to 4096", optarg);
			opts.grid = (int)grid;
			break;
		case 'f':
			if ((rc = cli_parse_format(optarg, &format)) != 0)
				return rc;
			break;
		default:
			return cli_bad_option("points", argv[optind - 1],
			    POINTS_OPTIONS);
		}
	}
	if (optind < argc)
		spec = argv[optind++];
	if (optind < argc)
		return cli_bad_option("points", argv[optind],
		    "one OBJECTIVE and " POINTS_OPTIONS);
	if ((rc = cli_objective_arg("points", spec, expr, &obj)) != 0)
		return rc;
	if ((rc = cli_chart(chart_text, obj, &chart)) != 0) {
		sd_objective_free(obj);
		return rc;
	}
	window = chart.window;
	if (window_text != NULL &&
	    sd_window_parse(window_text, &window, "--window", &cause) != 0) {
		sd_chart_done(&chart);
		sd_objective_free(obj);
		return cli_usage_error(cause);
	}
	if (sd_finder_run(obj, &chart, &window, &opts, &list, &cause) != 0) {
		rc = cli_runtime_error(cause);
	} else {
		if (format == CLI_FORMAT_CSV)
			points_csv(&list, opts.near > 0);
		else
			points_json(obj, &window, &list);
		sd_point_list_done(&list);
		rc = CLI_EXIT_OK;
	}
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return rc;
}
