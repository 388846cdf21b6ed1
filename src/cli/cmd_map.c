/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_map.c: `saddle map OBJECTIVE --kind KIND`: the chapter's landscape
 * conditions pixel by pixel (map.h), as CSV (a,b,value or a,b,label, one
 * row per pixel, the top row first) or JSON, or with --summary the
 * fraction of the window per label and the extreme values. Everything is
 * computed before stdout is written. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "cli.h"
#include "figure/figure.h"
#include "base/error.h"
#include "landscape/map.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

#define MAP_OPTIONS "-e FORMULA, --kind KIND, --alpha A, --beta B, " \
	"--gamma G, --optimizer NAME, --set k=v,..., --steps N, --tol G, " \
	"--seed S, --chart CHART, --window W, --size COLSxROWS, " \
	"--format csv|json|gnuplot, --summary, --output FILE.svg|png|pdf"

/* Defaults of the options, and their limits. */
#define MAP_COLS	80
#define MAP_ROWS	40
#define MAP_SIDE_MAX	4096
#define MAP_STEPS	1000
#define MAP_TOL		1e-6
#define MAP_SEED	1

/* The options only some kinds read, by the bit of sd_map_type.reads
 * that says a kind reads them: the index of map_options.given. */
enum { MAP_CONSTANTS, MAP_RUNS, MAP_GROUPS };

static const struct map_group {
	unsigned	 reads;		/* SD_MAP_READS_* */
	const char	*role;		/* "'--alpha' ROLE --kind strict-
					 * saddle" */
	const char	*not;		/* ", NOT pl" */
	const char	*options;	/* what to leave out */
} map_groups[MAP_GROUPS] = {
	[MAP_CONSTANTS] = { SD_MAP_READS_CONSTANTS, "is a constant of",
	    "not of", "--alpha, --beta or --gamma" },
	[MAP_RUNS] = { SD_MAP_READS_RUNS, "sets the runs of", "not",
	    "--optimizer, --set, --steps, --tol or --seed" },
};

/* What the command line asked for. */
struct map_options {
	const char	*spec;
	const char	*expr;
	const char	*kind;
	const char	*optimizer;
	const char	*set;
	const char	*chart;
	const char	*window;
	double		 alpha, beta, gamma;
	unsigned long	 steps, seed;
	double		 tol;
	size_t		 cols, rows;
	const char	*size_word;	/* --size as given, for errors */
	cli_format	 format;
	int		 gnuplot;	/* --format gnuplot */
	int		 summary;
	const char	*output;	/* --output: a figure, not a table */
	figure_format	 figure;
	const char	*given[MAP_GROUPS];	/* the first option of each
						 * group, for errors; NULL:
						 * none */
};

/* Parse a constant ≥ 0 for option what. */
static int
map_constant(const char *what, const char *word, double *out)
{
	char *cause = NULL;

	if (sd_map_constant_parse(what, word, out, &cause) != 0)
		return cli_usage_error(cause);
	return 0;
}

/* Parse "COLSxROWS". */
static int
map_size(const char *word, struct map_options *o)
{
	long c, r;

	if (cli_size_parse(word, MAP_SIDE_MAX, &c, &r) == 0) {
		o->cols = (size_t)c;
		o->rows = (size_t)r;
		o->size_word = word;
		return 0;
	}
	return cli_usage("--size: '%s' is not a size: expected COLSxROWS with "
	    "whole numbers from 1 to %d, such as 80x40", word, MAP_SIDE_MAX);
}

/* Note that an option of group (MAP_CONSTANTS, MAP_RUNS) was given. */
static void
map_given(struct map_options *o, int group, const char *word)
{
	if (o->given[group] == NULL)
		o->given[group] = word;
}

/* The options of the constants and the runs; 0, an exit status, or -1
 * for an option that is not one of them. */
static int
map_option_kind(int ch, const char *arg, struct map_options *o)
{
	switch (ch) {
	case 'A':
		map_given(o, MAP_CONSTANTS, "--alpha");
		return map_constant("--alpha", arg, &o->alpha);
	case 'B':
		map_given(o, MAP_CONSTANTS, "--beta");
		return map_constant("--beta", arg, &o->beta);
	case 'G':
		map_given(o, MAP_CONSTANTS, "--gamma");
		return map_constant("--gamma", arg, &o->gamma);
	case 'o':
		map_given(o, MAP_RUNS, "--optimizer");
		o->optimizer = arg;
		return 0;
	case 'p':
		map_given(o, MAP_RUNS, "--set");
		o->set = arg;
		return 0;
	case 'n':
		map_given(o, MAP_RUNS, "--steps");
		return cli_whole("--steps", arg, 0, SD_SURVEY_STEPS_MAX,
		    &o->steps);
	case 't':
		map_given(o, MAP_RUNS, "--tol");
		return cli_tolerance(arg, &o->tol);
	case 'S':
		map_given(o, MAP_RUNS, "--seed");
		return cli_seed(arg, &o->seed);
	default:
		return -1;
	}
}

/* --output FILE: a figure, its format from the extension. */
static int
map_output(const char *word, struct map_options *o)
{
	char *cause = NULL;

	if (figure_format_of_path(word, &o->figure, &cause) != 0 ||
	    !figure_format_is_image(o->figure)) {
		if (cause != NULL)
			cli_usage("--output: %s", cause);
		else
			cli_usage("--output: '%s' is not a figure: expected "
			    "FILE.svg, FILE.png or FILE.pdf for a map", word);
		free(cause);
		return CLI_EXIT_USAGE;
	}
	o->output = word;
	return 0;
}

/* One option; 0, an exit status, or -1 for an unknown one. */
static int
map_option(int ch, const char *arg, void *ctx)
{
	struct map_options *o = ctx;

	switch (ch) {
	case 'e':
		o->expr = arg;
		return 0;
	case 'k':
		o->kind = arg;
		return 0;
	case 'c':
		o->chart = arg;
		return 0;
	case 'w':
		o->window = arg;
		return 0;
	case 'z':
		return map_size(arg, o);
	case 'f':
		if ((o->gnuplot = strcmp(arg, "gnuplot") == 0))
			return 0;
		if (strcmp(arg, "csv") != 0 && strcmp(arg, "json") != 0)
			return cli_usage("--format: unknown format '%s': "
			    "expected csv, json or gnuplot", arg);
		return cli_parse_format(arg, &o->format);
	case 's':
		o->summary = 1;
		return 0;
	case 'O':
		return map_output(arg, o);
	default:
		return map_option_kind(ch, arg, o);
	}
}

/* The options, for getopt_long, --help and completion. */
const struct option cli_map_options[] = {
	{ "expr", required_argument, NULL, 'e' },
	{ "kind", required_argument, NULL, 'k' },
	{ "alpha", required_argument, NULL, 'A' },
	{ "beta", required_argument, NULL, 'B' },
	{ "gamma", required_argument, NULL, 'G' },
	{ "optimizer", required_argument, NULL, 'o' },
	{ "set", required_argument, NULL, 'p' },
	{ "steps", required_argument, NULL, 'n' },
	{ "tol", required_argument, NULL, 't' },
	{ "seed", required_argument, NULL, 'S' },
	{ "chart", required_argument, NULL, 'c' },
	{ "window", required_argument, NULL, 'w' },
	{ "size", required_argument, NULL, 'z' },
	{ "format", required_argument, NULL, 'f' },
	{ "summary", no_argument, NULL, 's' },
	{ "output", required_argument, NULL, 'O' },
	{ NULL, 0, NULL, 0 }
};

/* Parse the command line into o; 0 or an exit status. */
static int
map_parse(int argc, char **argv, struct map_options *o)
{
	char kinds[256];
	int rc;

	if ((rc = cli_parse(argc, argv, cli_map_options, MAP_OPTIONS,
	    map_option, o, &o->spec)) != 0)
		return rc;
	if (o->kind == NULL) {
		sd_map_type_names(0, kinds, sizeof kinds);
		return cli_usage("map: missing --kind: expected %s", kinds);
	}
	if (o->gnuplot && o->summary)
		return cli_usage("--summary: the summary is CSV or JSON: "
		    "expected --format csv or json with it, not gnuplot");
	return 0;
}

/* The kind, and the options it reads; 0 or an exit status. */
static int
map_kind(const struct map_options *o, sd_map_options *mo)
{
	const struct map_group *g;
	char *cause = NULL, readers[256];
	int rc, k;

	if ((mo->type = sd_map_type_find(o->kind, &cause)) == NULL) {
		rc = cli_usage("--kind: %s", cause ? cause : "?");
		free(cause);
		return rc;
	}
	for (k = 0; k < MAP_GROUPS; k++) {
		g = &map_groups[k];
		if (o->given[k] == NULL || (mo->type->reads & g->reads))
			continue;
		sd_map_type_names(g->reads, readers, sizeof readers);
		return cli_usage("map: '%s' %s --kind %s, %s %s: expected no "
		    "%s", o->given[k], g->role, readers, g->not, o->kind,
		    g->options);
	}
	/* A map that runs from every pixel (basins) is a survey with a
	 * start per pixel: its cap. */
	if ((mo->type->reads & SD_MAP_READS_RUNS) &&
	    o->cols * o->rows > SD_SURVEY_STARTS_MAX)
		return cli_usage("--size: '%s' is %zu pixels: a basins map runs "
		    "one start per pixel, at most %d of them, such as "
		    "3162x3162", o->size_word, o->cols * o->rows,
		    SD_SURVEY_STARTS_MAX);
	return 0;
}

/* The basins' optimizer and its parameters; 0 or an exit status. */
static int
map_method(const struct map_options *o, const sd_objective *obj,
    sd_map_options *mo, double *params)
{
	const sd_optimizer_type *type;
	sd_optimizer *opt;
	char *cause = NULL;
	int rc;

	if ((type = sd_optimizer_find(o->optimizer ? o->optimizer : "gd",
	    &cause)) == NULL)
		return cli_usage_error(cause);
	mo->optimizer = type;
	if (o->set == NULL)
		return 0;
	if ((opt = sd_optimizer_new(type, obj, &cause)) == NULL)
		return cli_runtime_error(cause);
	if (sd_optimizer_set_params(opt, o->set, &cause) != 0) {
		rc = cli_usage("--set: %s", cause ? cause : "?");
		free(cause);
		sd_optimizer_free(opt);
		return rc;
	}
	memcpy(params, opt->params, SD_PARAMS_MAX * sizeof *params);
	mo->params = params;
	sd_optimizer_free(opt);
	return 0;
}

/* ---- output ----------------------------------------------------------- */

/* The centre of pixel p. */
static void
map_pixel_ab(const sd_map *m, size_t p, double *a, double *b)
{
	sd_map_coords(&m->window, m->cols, m->rows, p % m->cols, p / m->cols,
	    a, b);
}

/* Every pixel as CSV: a,b,label or a,b,value (nan where undefined, as
 * numpy.loadtxt and pandas read it). */
static void
map_csv(const sd_map *m)
{
	size_t p, n = m->cols * m->rows;
	char name[32];
	double a, b;

	printf(m->label != NULL ? "a,b,label\n" : "a,b,value\n");
	for (p = 0; p < n; p++) {
		map_pixel_ab(m, p, &a, &b);
		cli_number(stdout, a);
		putchar(',');
		cli_number(stdout, b);
		putchar(',');
		if (m->label != NULL) {
			sd_map_label_name(m, (size_t)m->label[p], name,
			    sizeof name);
			fputs(name, stdout);
		} else
			cli_number_or(stdout, m->value[p], "nan");
		putchar('\n');
	}
}

/* Every pixel in gnuplot's grid layout, for splot with pm3d: "a b value"
 * lines, a block per pixel row (the top row first), blocks parted by a
 * blank line; a label map's value is the label's number, named in the
 * header. */
static void
map_gnuplot(const sd_map *m, const char *spec)
{
	size_t p, n = m->cols * m->rows, k;
	char name[32];
	double a, b;

	printf("# saddle map %s --kind %s: %zux%zu pixels\n", spec,
	    m->type->name, m->cols, m->rows);
	printf("# a b %s; splot 'FILE' using 1:2:3 with pm3d\n",
	    m->label != NULL ? "label" : "value (nan where undefined)");
	for (k = 0; m->label != NULL && k < m->n_labels; k++) {
		sd_map_label_name(m, k, name, sizeof name);
		printf("# label %zu: %s\n", k, name);
	}
	for (p = 0; p < n; p++) {
		if (p > 0 && p % m->cols == 0)
			putchar('\n');
		map_pixel_ab(m, p, &a, &b);
		cli_number(stdout, a);
		putchar(' ');
		cli_number(stdout, b);
		putchar(' ');
		if (m->label != NULL)
			printf("%d", m->label[p]);
		else
			cli_number_or(stdout, m->value[p], "nan");
		putchar('\n');
	}
}

/* One summary row: quantity,value,a,b (a and b empty when where is 0). */
static void
map_csv_row(const char *what, const char *name, double v, int where,
    double a, double b)
{
	printf("%s%s,", what, name);
	cli_number(stdout, v);
	if (where) {
		putchar(',');
		cli_number(stdout, a);
		putchar(',');
		cli_number(stdout, b);
		putchar('\n');
	} else
		printf(",,\n");
}

/* The label kinds' summary rows: fraction per label (where the minimum
 * is, for basins), and for strict-saddle each condition's share and the
 * constants. */
static void
map_csv_labels(const sd_map *m)
{
	double n = (double)(m->cols * m->rows);
	const sd_point *min;
	char name[32];
	size_t k;

	for (k = 0; k < m->n_labels; k++) {
		sd_map_label_name(m, k, name, sizeof name);
		min = sd_map_minimum(m, k);
		map_csv_row("fraction:", name, (double)m->count[k] / n,
		    min != NULL, min ? min->a : 0, min ? min->b : 0);
	}
	for (k = 0; m->holds != NULL && k < 3; k++) {
		sd_map_label_name(m, k, name, sizeof name);
		map_csv_row("holds:", name, (double)m->held[k] / n, 0, 0, 0);
	}
	if (m->type->reads & SD_MAP_READS_CONSTANTS) {
		map_csv_row("alpha", "", m->alpha, 0, 0, 0);
		map_csv_row("beta", "", m->beta, 0, 0, 0);
		map_csv_row("gamma", "", m->gamma, 0, 0, 0);
	}
}

/* The fraction of pixels with a positive ratio. */
static double
map_positive(const sd_map *m)
{
	size_t p, n = m->cols * m->rows, k = 0;

	for (p = 0; p < n; p++)
		k += m->value[p] > 0;
	return (double)k / (double)n;
}

/* The summary as CSV: quantity,value,a,b. */
static void
map_csv_summary(const sd_map *m)
{
	double a, b, n = (double)(m->cols * m->rows);

	printf("quantity,value,a,b\n");
	if (m->label != NULL) {
		map_csv_labels(m);
		return;
	}
	if (m->n_defined > 0) {
		map_pixel_ab(m, m->at_min, &a, &b);
		map_csv_row("min", "", m->vmin, 1, a, b);
		map_pixel_ab(m, m->at_max, &a, &b);
		map_csv_row("max", "", m->vmax, 1, a, b);
	}
	map_csv_row("fraction:", "defined", (double)m->n_defined / n, 0, 0, 0);
	map_csv_row("fraction:", "positive", map_positive(m), 0, 0, 0);
	map_csv_row("fstar", "", m->fstar, 1, m->star_a, m->star_b);
}

/* {"value":v,"a":a,"b":b} at pixel p. */
static void
map_json_extreme(const sd_map *m, double v, size_t p)
{
	double a, b;

	map_pixel_ab(m, p, &a, &b);
	printf("{\"value\":");
	cli_number(stdout, v);
	printf(",\"a\":");
	cli_number(stdout, a);
	printf(",\"b\":");
	cli_number(stdout, b);
	putchar('}');
}

/* The ratios' summary: f*, x*, the extremes and the fractions. */
static void
map_json_ratio(const sd_map *m, size_t dim)
{
	double ab[2] = { m->star_a, m->star_b };
	double n = (double)(m->cols * m->rows);

	printf(",\"fstar\":");
	cli_number(stdout, m->fstar);
	printf(",\"xstar\":");
	cli_json_numbers(stdout, m->xstar, dim);
	printf(",\"xstar_chart\":");
	cli_json_numbers(stdout, ab, 2);
	printf(",\"min\":");
	if (m->n_defined > 0)
		map_json_extreme(m, m->vmin, m->at_min);
	else
		printf("null");
	printf(",\"max\":");
	if (m->n_defined > 0)
		map_json_extreme(m, m->vmax, m->at_max);
	else
		printf("null");
	printf(",\"defined\":");
	cli_number(stdout, (double)m->n_defined / n);
	printf(",\"positive\":");
	cli_number(stdout, map_positive(m));
}

/* The runs (basins): the method and the minima they reach. */
static void
map_json_runs(const sd_map *m, const struct map_options *o, size_t dim)
{
	const sd_param *p = m->optimizer->params;
	const sd_point *min;
	double ab[2];
	char name[32];
	size_t k;

	printf(",\"optimizer\":");
	cli_json_string(stdout, m->optimizer->name);
	printf(",\"params\":{");
	for (k = 0; p != NULL && p[k].key != NULL; k++) {
		printf(k > 0 ? ",\"%s\":" : "\"%s\":", p[k].key);
		cli_number(stdout, m->params[k]);
	}
	printf("},\"steps\":%lu,\"tol\":", o->steps);
	cli_number(stdout, o->tol);
	printf(",\"seed\":%lu,\"minima\":[", o->seed);
	for (k = 0; k < m->n_minima; k++) {
		min = sd_map_minimum(m, k);
		sd_map_label_name(m, k, name, sizeof name);
		ab[0] = min->a;
		ab[1] = min->b;
		printf(k > 0 ? ",{\"label\":\"%s\",\"kind\":\"%s\",\"f\":" :
		    "{\"label\":\"%s\",\"kind\":\"%s\",\"f\":", name,
		    sd_point_kind_name(min->kind));
		cli_number(stdout, min->f);
		printf(",\"x\":");
		cli_json_numbers(stdout, min->x, dim);
		printf(",\"chart\":");
		cli_json_numbers(stdout, ab, 2);
		putchar('}');
	}
	putchar(']');
}

/* The label kinds' fractions (and for strict-saddle each condition's
 * share and the constants). */
static void
map_json_labels(const sd_map *m)
{
	double n = (double)(m->cols * m->rows);
	char name[32];
	size_t k;

	printf(",\"fractions\":{");
	for (k = 0; k < m->n_labels; k++) {
		sd_map_label_name(m, k, name, sizeof name);
		printf(k > 0 ? ",\"%s\":" : "\"%s\":", name);
		cli_number(stdout, (double)m->count[k] / n);
	}
	putchar('}');
	if (m->holds != NULL) {
		printf(",\"holds\":{");
		for (k = 0; k < 3; k++) {
			sd_map_label_name(m, k, name, sizeof name);
			printf(k > 0 ? ",\"%s\":" : "\"%s\":", name);
			cli_number(stdout, (double)m->held[k] / n);
		}
		putchar('}');
	}
	if (!(m->type->reads & SD_MAP_READS_CONSTANTS))
		return;
	printf(",\"alpha\":");
	cli_number(stdout, m->alpha);
	printf(",\"beta\":");
	cli_number(stdout, m->beta);
	printf(",\"gamma\":");
	cli_number(stdout, m->gamma);
}

/* The pixels: [a,b,"label"] or [a,b,value] (null where undefined). */
static void
map_json_pixels(const sd_map *m)
{
	size_t p, n = m->cols * m->rows;
	char name[32];
	double a, b;

	printf(",\"pixels\":[");
	for (p = 0; p < n; p++) {
		map_pixel_ab(m, p, &a, &b);
		printf(p > 0 ? ",\n[" : "\n[");
		cli_number(stdout, a);
		putchar(',');
		cli_number(stdout, b);
		putchar(',');
		if (m->label != NULL) {
			sd_map_label_name(m, (size_t)m->label[p], name,
			    sizeof name);
			printf("\"%s\"", name);
		} else if (isnan(m->value[p]))
			printf("null");
		else
			cli_number(stdout, m->value[p]);
		putchar(']');
	}
	printf("\n]");
}

/* The whole map as one JSON object. */
static void
map_json(const sd_map *m, const sd_objective *obj,
    const struct map_options *o)
{
	double w[4] = { m->window.xmin, m->window.xmax, m->window.ymin,
	    m->window.ymax };

	printf("{\"objective\":");
	cli_json_string(stdout, obj->spec);
	printf(",\"kind\":\"%s\",\"window\":", m->type->name);
	cli_json_numbers(stdout, w, 4);
	printf(",\"size\":[%zu,%zu]", m->cols, m->rows);
	if (m->type->reads & SD_MAP_READS_RUNS)
		map_json_runs(m, o, obj->dim);
	if (m->label != NULL)
		map_json_labels(m);
	else
		map_json_ratio(m, obj->dim);
	if (!o->summary)
		map_json_pixels(m);
	printf("}\n");
}

/* ---- the command ------------------------------------------------------ */

/* Everything a map builds, released by map_done. */
struct map_run {
	sd_objective	*obj;
	sd_chart	 chart;
	int		 have_chart;
	sd_map		 m;
	int		 have_map;
	double		 params[SD_PARAMS_MAX];
};

/* Release everything r holds (the map first: its runs borrow the
 * chart). */
static void
map_done(struct map_run *r)
{
	if (r->have_map)
		sd_map_done(&r->m);
	if (r->have_chart)
		sd_chart_done(&r->chart);
	sd_objective_free(r->obj);
}

/* Build the objective, the chart and the window and compute the map; 0 or
 * an exit status. */
static int
map_compute(const struct map_options *o, struct map_run *r)
{
	sd_map_options mo = { .alpha = o->alpha, .beta = o->beta,
	    .gamma = o->gamma, .steps = (size_t)o->steps, .tol = o->tol,
	    .seed = o->seed };
	sd_window window;
	char *cause = NULL;
	int rc;

	if ((rc = map_kind(o, &mo)) != 0 ||
	    (rc = cli_objective_arg("map", o->spec, o->expr, &r->obj)) != 0)
		return rc;
	if (sd_map_check(mo.type, r->obj, &cause) != 0)
		return cli_usage_error(cause);
	if ((mo.type->reads & SD_MAP_READS_RUNS) &&
	    (rc = map_method(o, r->obj, &mo, r->params)) != 0)
		return rc;
	if ((rc = cli_chart(o->chart, r->obj, &r->chart)) != 0)
		return rc;
	r->have_chart = 1;
	window = r->chart.window;
	if (o->window != NULL &&
	    sd_window_parse(o->window, &window, "--window", &cause) != 0)
		return cli_usage_error(cause);
	if (sd_map_compute(&r->m, r->obj, &r->chart, &window, o->cols,
	    o->rows, &mo, &cause) != 0)
		return cli_runtime_error(cause);
	r->have_map = 1;
	return 0;
}

/* The map as a figure in --output's file. */
static int
map_figure(const struct map_options *o, const struct map_run *r)
{
	figure_options fo = { FIGURE_WIDTH, FIGURE_HEIGHT, 0 };
	char *cause = NULL;
	theme th;

	theme_default(&th);
	if (figure_write_map(o->output, o->figure, &r->m, r->obj, &r->chart,
	    &th, &fo, &cause) != 0)
		return cli_runtime_error(cause);
	return 0;
}

int
cmd_map(int argc, char **argv)
{
	struct map_options o = { .alpha = NAN, .beta = NAN, .gamma = NAN,
	    .steps = MAP_STEPS, .tol = MAP_TOL, .seed = MAP_SEED,
	    .cols = MAP_COLS, .rows = MAP_ROWS, .format = CLI_FORMAT_CSV };
	struct map_run r = { 0 };
	int rc;

	if ((rc = map_parse(argc, argv, &o)) == 0 &&
	    (rc = map_compute(&o, &r)) == 0) {
		if (o.output != NULL)
			rc = map_figure(&o, &r);
		else if (o.format == CLI_FORMAT_JSON)
			map_json(&r.m, r.obj, &o);
		else if (o.summary)
			map_csv_summary(&r.m);
		else if (o.gnuplot)
			map_gnuplot(&r.m, r.obj->spec);
		else
			map_csv(&r.m);
	}
	map_done(&r);
	return rc;
}
