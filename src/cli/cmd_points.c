/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_points.c: `saddle points OBJECTIVE`: the classified stationary
 * points inside a window of a chart, as CSV or JSON (DESIGN.md §2). With
 * --all the points near the slice are added, and CSV gains an offset
 * column after the coordinates. With --sweep KEY=VALUES the finder runs
 * once per value (sweep.h): CSV rows start with the value and end with
 * each point's distance to the planted parameter (glm's w*) and the
 * rate √(d log n / n) of Theorem 3.3; the table summarizes each value. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "landscape/chart.h"
#include "cli.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "sweep.h"

#define POINTS_OPTIONS "-e FORMULA, --chart CHART, --window W, --all, " \
	"--grid N, --format csv|json|table, --sweep KEY=VALUES"

/* Continua named on stderr, at most. */
#define POINTS_CONTINUA	8

/* The table's bar (the distance to the planted parameter), in cells. */
#define POINTS_BAR	20

typedef enum points_format {
	POINTS_CSV = 0,
	POINTS_JSON,
	POINTS_TABLE
} points_format;

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

/* Why each unresolved region is, parallel to unresolved_boxes: the
 * reasons' words, and the points found on a continuum there. */
static void
points_json_why(const sd_point_list *list)
{
	const sd_unresolved_why *y;
	size_t i, j;
	int k, n;

	printf(",\"unresolved_why\":[");
	for (i = 0; i < list->n_unresolved; i++) {
		printf(i > 0 ? ",[" : "[");
		for (k = n = 0; k < SD_UNRESOLVED_COUNT; k++)
			if (list->why[i].why & SD_UNRESOLVED_BIT(k))
				printf(n++ > 0 ? ",\"%s\"" : "\"%s\"",
				    sd_unresolved_name(k));
		putchar(']');
	}
	printf("],\"unresolved_through\":[");
	for (i = 0; i < list->n_unresolved; i++) {
		y = &list->why[i];
		printf(i > 0 ? ",[" : "[");
		for (j = 0; j < y->n_through; j++) {
			if (j > 0)
				putchar(',');
			cli_json_numbers(stdout, y->through[j], 2);
		}
		putchar(']');
	}
	putchar(']');
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
	printf(",\"complete\":%s,\"unresolved\":%zu,\"unresolved_boxes\":[",
	    list->complete ? "true" : "false", list->n_unresolved);
	for (i = 0; i < list->n_unresolved; i++) {
		window[0] = list->unresolved[i].xmin;
		window[1] = list->unresolved[i].xmax;
		window[2] = list->unresolved[i].ymin;
		window[3] = list->unresolved[i].ymax;
		if (i > 0)
			printf(",");
		cli_json_numbers(stdout, window, 4);
	}
	putchar(']');
	points_json_why(list);
	printf(",\"points\":[");
	for (i = 0; i < list->n; i++) {
		printf(i > 0 ? ",\n" : "\n");
		points_json_point(&list->points[i], list->dim);
	}
	printf("\n]}");
}

/* One line on stderr for each continuum the search met (at most
 * POINTS_CONTINUA, then how many more), with the points found on it. */
static void
points_warn_continua(const sd_point_list *list)
{
	const sd_unresolved_why *y;
	size_t i, j, n = 0;

	for (i = 0; i < list->n_unresolved; i++) {
		y = &list->why[i];
		if (y->n_through == 0 || n++ >= POINTS_CONTINUA)
			continue;
		fprintf(stderr, "saddle: points: continuum of stationary "
		    "points through ");
		for (j = 0; j < y->n_through; j++)
			fprintf(stderr, "%s(%.6g, %.6g)", j > 0 ? ", " : "",
			    y->through[j][0], y->through[j][1]);
		fprintf(stderr, " \u2014 not isolated, so not classified "
		    "(listed once for each kind of point on it)\n");
	}
	if (n > POINTS_CONTINUA)
		fprintf(stderr, "saddle: points: and %zu more continua\n",
		    n - POINTS_CONTINUA);
}

/* One line on stderr when the list is not proven complete, with why,
 * one per continuum, and one when --all's search off the slice stopped
 * at its budget. */
static void
points_warn(const sd_point_list *list)
{
	char why[256];
	unsigned all = 0;
	size_t i;

	if (list->complete)
		return;
	/* After the list, also where both streams go to one file. */
	fflush(stdout);
	if (list->near_cut)
		fprintf(stderr, "saddle: points: --all: the search beside "
		    "the slice stopped at its budget; points there may be "
		    "missing\n");
	for (i = 0; i < list->n_unresolved; i++)
		all |= list->why[i].why;
	sd_unresolved_join(all, sd_unresolved_phrase, why, sizeof why);
	if (list->boxes == 0)
		fprintf(stderr, "saddle: points: no certified search here "
		    "(%s); the list may be incomplete\n", why);
	else
		fprintf(stderr, "saddle: points: %zu region%s unresolved "
		    "(%s); the list may be incomplete\n", list->n_unresolved,
		    list->n_unresolved == 1 ? "" : "s", why);
	points_warn_continua(list);
}

/* One line on stderr when a slice of a d > 2 objective shows no point:
 * the points may lie beside the plane (or great sphere), where --all
 * looks. Not when the chart is the whole space (a plane in R², the
 * sphere chart of S²) or --all looked already. */
static void
points_warn_empty(const sd_objective *obj, const sd_chart *chart,
    const sd_point_list *list, const sd_finder_options *finder)
{
	size_t whole = chart->kind == SD_CHART_SPHERE ? 3 : 2;

	if (list->n > 0 || obj->dim <= whole || finder->near > 0)
		return;
	fflush(stdout);
	fprintf(stderr, "saddle: points: no stationary point on this slice "
	    "of a %zu-dimensional objective; --all also searches beside "
	    "it\n", obj->dim);
}

/* What the command line asked for. */
struct points_options {
	const char		*expr;		/* -e FORMULA, or NULL */
	const char		*chart;		/* --chart, or NULL */
	const char		*window;	/* --window, or NULL */
	sd_finder_options	 finder;	/* --grid, --all */
	points_format		 format;
	int			 sweeping;	/* --sweep given */
	cli_sweep		 sweep;
};

/* One objective's answer (one per value of a sweep). */
struct points_run {
	sd_objective	*obj;
	sd_chart	 chart;
	int		 have_chart, have_list;
	sd_window	 window;
	sd_point_list	 list;
};

/* Parse --format's word. */
static int
points_format_parse(const char *word, points_format *f)
{
	static const char *const names[] = { "csv", "json", "table" };
	int k;

	for (k = 0; k < 3; k++) {
		if (strcmp(word, names[k]) == 0) {
			*f = (points_format)k;
			return 0;
		}
	}
	return cli_usage("--format: unknown format '%s': expected csv, json "
	    "or table", word);
}

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
		return points_format_parse(arg, &o->format);
	case 'W':
		o->sweeping = 1;
		return cli_sweep_parse(arg, &o->sweep);
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
	{ "sweep", required_argument, NULL, 'W' },
	{ NULL, 0, NULL, 0 }
};

/* ---- sweeps and the table ---------------------------------------------- */

/* ‖x − planted‖, NaN when the objective has no planted parameter. */
static double
points_distance(const sd_objective *obj, const double *x)
{
	const double *w;
	double s = 0, t;
	size_t i;

	if (obj->type->planted == NULL ||
	    (w = obj->type->planted(obj->state)) == NULL)
		return NAN;
	for (i = 0; i < obj->dim; i++) {
		t = x[i] - w[i];
		s += t * t;
	}
	return sqrt(s);
}

/* Theorem 3.3's rate √(d log n / n) for an objective of n samples, NaN
 * for one without. */
static double
points_rate(const sd_objective *obj)
{
	double n, d = (double)obj->dim;

	if (obj->type->samples == NULL)
		return NAN;
	n = (double)obj->type->samples(obj->state);
	return sqrt(d * log(n) / n);
}

/* The sweep's CSV: the value, the usual columns (x1..x_dmax, nan past a
 * point's dimension), the distance to the planted parameter and the
 * rate. */
static void
points_sweep_csv(const struct points_run *r, size_t nr,
    const struct points_options *o)
{
	const sd_point *p;
	size_t i, k, j, dmax = 0;
	double v[4];

	for (i = 0; i < nr; i++)
		dmax = r[i].obj->dim > dmax ? r[i].obj->dim : dmax;
	printf("%s,kind,f,grad_norm,lambda_min,lambda_max", o->sweep.key);
	for (j = 0; j < dmax; j++)
		printf(",x%zu", j + 1);
	printf("%s,distance,rate\n", o->finder.near > 0 ? ",offset" : "");
	for (i = 0; i < nr; i++) {
		for (k = 0; k < r[i].list.n; k++) {
			p = &r[i].list.points[k];
			cli_number(stdout, o->sweep.values[i]);
			printf(",%s", sd_point_kind_name(p->kind));
			v[0] = p->f;
			v[1] = p->grad_norm;
			v[2] = p->lambda_min;
			v[3] = p->lambda_max;
			for (j = 0; j < 4; j++) {
				putchar(',');
				cli_number(stdout, v[j]);
			}
			for (j = 0; j < dmax; j++) {
				putchar(',');
				cli_number_or(stdout, j < r[i].obj->dim ?
				    p->x[j] : NAN, "nan");
			}
			if (o->finder.near > 0) {
				putchar(',');
				cli_number(stdout, p->offset);
			}
			putchar(',');
			cli_number_or(stdout, points_distance(r[i].obj, p->x),
			    "nan");
			putchar(',');
			cli_number_or(stdout, points_rate(r[i].obj), "nan");
			putchar('\n');
		}
	}
}

/* How many of list's points are minima, saddles and others; the lowest
 * minimum (list is sorted by f), or NULL. */
static const sd_point *
points_count(const sd_point_list *list, size_t count[3])
{
	const sd_point *low = NULL;
	size_t k;
	int c;

	count[0] = count[1] = count[2] = 0;
	for (k = 0; k < list->n; k++) {
		c = sd_point_kind_is_min(list->points[k].kind) ? 0 :
		    list->points[k].kind == SD_POINT_SADDLE ||
		    list->points[k].kind == SD_POINT_DEGENERATE_SADDLE ? 1 : 2;
		if (c == 0 && low == NULL)
			low = &list->points[k];
		count[c]++;
	}
	return low;
}

/* The table: a line per objective (per value of a sweep) with its
 * points counted, the lowest minimum, its distance to the planted
 * parameter and the rate; on a terminal a bar of the distance (full:
 * the largest in the table). */
static void
points_table(const struct points_run *r, size_t nr,
    const struct points_options *o)
{
	const sd_point *low;
	size_t i, count[3];
	double dist, top = 0;
	int bar = isatty(STDOUT_FILENO);

	for (i = 0; i < nr; i++) {
		low = points_count(&r[i].list, count);
		dist = low ? points_distance(r[i].obj, low->x) : NAN;
		top = dist > top ? dist : top;
	}
	printf("%-24s %6s %6s %6s %6s %12s %12s %12s\n", o->sweeping ?
	    o->sweep.key : "objective", "points", "minima", "saddle", "other",
	    "lowest f", "|min - w*|", "sqrt(dlogn/n)");
	for (i = 0; i < nr; i++) {
		low = points_count(&r[i].list, count);
		dist = low ? points_distance(r[i].obj, low->x) : NAN;
		if (o->sweeping)
			printf("%-24g", o->sweep.values[i]);
		else
			printf("%-24s", r[i].obj->spec);
		printf(" %6zu %6zu %6zu %6zu %12.4g %12.4g %12.4g", r[i].list.n,
		    count[0], count[1], count[2], low ? low->f : NAN, dist,
		    points_rate(r[i].obj));
		if (bar && top > 0 && !isnan(dist)) {
			fputs("  ", stdout);
			cli_sweep_bar(stdout, dist / top, POINTS_BAR);
		}
		putchar('\n');
	}
}

/* ---- the command ------------------------------------------------------ */

/* The objectives: the one named, or one per value of the sweep. */
static int
points_objectives(const char *spec, const struct points_options *o,
    struct points_run *r, size_t *n)
{
	sd_objective *obj, *objs[CLI_SWEEP_MAX];
	size_t i;
	int rc;

	if ((rc = cli_objective_arg("points", spec, o->expr, &obj)) != 0)
		return rc;
	if ((rc = cli_sweep_take(o->sweeping ? &o->sweep : NULL, obj, objs,
	    n)) != 0)
		return rc;
	for (i = 0; i < *n; i++)
		r[i].obj = objs[i];
	return 0;
}

/* The chart, the window and the points of r->obj; 0 or an exit status. */
static int
points_find(struct points_run *r, const struct points_options *o)
{
	char *cause = NULL;
	int rc;

	if ((rc = cli_chart(o->chart, r->obj, &r->chart)) != 0)
		return rc;
	r->have_chart = 1;
	r->window = r->chart.window;
	if (o->window != NULL &&
	    sd_window_parse(o->window, &r->window, "--window", &cause) != 0)
		return cli_usage_error(cause);
	if (sd_finder_run(r->obj, &r->chart, &r->window, &o->finder, &r->list,
	    &cause) != 0)
		return cli_runtime_error(cause);
	/* A continuum is one row per kind, not every root on it. */
	sd_point_list_fold_continua(&r->list, r->obj, &r->chart);
	r->have_list = 1;
	return 0;
}

/* Everything found, in the format asked for. */
static void
points_output(const struct points_run *r, size_t nr,
    const struct points_options *o)
{
	size_t i;

	if (o->format == POINTS_TABLE) {
		points_table(r, nr, o);
	} else if (o->format == POINTS_CSV && o->sweeping) {
		points_sweep_csv(r, nr, o);
	} else if (o->format == POINTS_CSV) {
		points_csv(&r[0].list, o->finder.near > 0);
	} else {
		if (o->sweeping) {
			printf("{\"sweep\":");
			cli_json_string(stdout, o->sweep.key);
			printf(",\"values\":");
			cli_json_numbers(stdout, o->sweep.values, nr);
			printf(",\"answers\":[\n");
		}
		for (i = 0; i < nr; i++) {
			if (i > 0)
				printf(",\n");
			points_json(r[i].obj, &r[i].window, &r[i].list);
		}
		printf(o->sweeping ? "\n]}\n" : "\n");
	}
}

int
cmd_points(int argc, char **argv)
{
	struct points_options o = { .format = POINTS_CSV };
	struct points_run *r;
	const char *spec;
	size_t n = 0, i;
	int rc;

	if ((rc = cli_parse(argc, argv, cli_points_options, POINTS_OPTIONS,
	    points_option, &o, &spec)) != 0)
		return rc;
	if ((r = calloc(CLI_SWEEP_MAX, sizeof *r)) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	rc = points_objectives(spec, &o, r, &n);
	for (i = 0; rc == 0 && i < n; i++)
		rc = points_find(&r[i], &o);
	if (rc == 0)
		points_output(r, n, &o);
	/* One answer: say when it is not proven complete (a sweep's table
	 * is read for its numbers). */
	if (rc == 0 && n == 1 && !o.sweeping) {
		points_warn_empty(r[0].obj, &r[0].chart, &r[0].list,
		    &o.finder);
		points_warn(&r[0].list);
	}
	for (i = 0; i < n; i++) {
		if (r[i].have_list)
			sd_point_list_done(&r[i].list);
		if (r[i].have_chart)
			sd_chart_done(&r[i].chart);
		sd_objective_free(r[i].obj);
	}
	free(r);
	return rc;
}
