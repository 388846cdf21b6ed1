/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_survey.c: `saddle survey OBJECTIVE --optimizer NAME[,NAME...]`: the
 * chapter's question measured. N starts drawn uniformly from the window,
 * every optimizer run from each to convergence or S steps, and per
 * optimizer where the runs end (survey.h), as a table, CSV or JSON. A
 * progress bar goes to stderr when the survey takes more than a second
 * and stderr is a terminal. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "landscape/chart.h"
#include "cli.h"
#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "landscape/survey.h"
#include "survey_runs.h"
#include "sweep.h"

#define SURVEY_OPTIONS "-e FORMULA, --optimizer NAME[,NAME...], " \
	"--starts N, --steps S, --tol G, --seed S, --chart CHART, " \
	"--window W, --format table|csv|json, --per-run, --sweep KEY=VALUES"

/* Defaults of the options. */
#define SURVEY_STARTS	1000
#define SURVEY_STEPS	1000
#define SURVEY_TOL	1e-6
#define SURVEY_SEED	1

/* The progress bar: after this many seconds, this wide, redrawn about
 * this many times over the survey. */
#define SURVEY_QUIET_SECONDS	1.0
#define SURVEY_BAR		40
#define SURVEY_SLICES		200

/* A sweep's table: the bar of the global fraction, this many cells. */
#define SURVEY_SWEEP_BAR	20

/* The global runs end on a continuum of minima when they end at more
 * than this many distinct points (a run ends at a known point, or at one
 * classified where it stopped unless within a hundredth of the window of
 * an earlier one: survey.h). */
#define SURVEY_CONTINUUM	8

typedef enum survey_format {
	SURVEY_TABLE = 0,
	SURVEY_CSV,
	SURVEY_JSON
} survey_format;

/* What the command line asked for. */
struct survey_options {
	const char	*spec;
	const char	*expr;
	const char	*optimizers;
	const char	*chart;
	const char	*window;
	unsigned long	 starts, steps, seed;
	double		 tol;
	survey_format	 format;
	int		 per_run;	/* a row per run (survey_runs.h) */
	int		 sweeping;	/* --sweep given */
	cli_sweep	 sweep;
};

/* Everything a survey builds, released by survey_done. */
struct survey_run {
	sd_objective		*obj;
	sd_chart		 chart;
	int			 have_chart;
	sd_window		 window;
	sd_survey		*s;
};

/* Parse --format's word. */
static int
survey_format_parse(const char *word, survey_format *f)
{
	static const char *const names[] = { "table", "csv", "json" };
	int k;

	for (k = 0; k < 3; k++) {
		if (strcmp(word, names[k]) == 0) {
			*f = (survey_format)k;
			return 0;
		}
	}
	return cli_usage("--format: unknown format '%s': expected table, csv "
	    "or json", word);
}

/* One option; 0, an exit status, or -1 for an unknown one. */
static int
survey_option(int ch, const char *arg, void *ctx)
{
	struct survey_options *o = ctx;

	switch (ch) {
	case 'e':
		o->expr = arg;
		return 0;
	case 'o':
		o->optimizers = arg;
		return 0;
	case 'N':
		return cli_whole("--starts", arg, 1, SD_SURVEY_STARTS_MAX,
		    &o->starts);
	case 'n':
		return cli_whole("--steps", arg, 0, SD_SURVEY_STEPS_MAX,
		    &o->steps);
	case 't':
		return cli_tolerance(arg, &o->tol);
	case 'S':
		return cli_seed(arg, &o->seed);
	case 'c':
		o->chart = arg;
		return 0;
	case 'w':
		o->window = arg;
		return 0;
	case 'f':
		return survey_format_parse(arg, &o->format);
	case 'R':
		o->per_run = 1;
		return 0;
	case 'W':
		o->sweeping = 1;
		return cli_sweep_parse(arg, &o->sweep);
	default:
		return -1;
	}
}

/* The options, for getopt_long, --help and completion. */
const struct option cli_survey_options[] = {
	{ "expr", required_argument, NULL, 'e' },
	{ "optimizer", required_argument, NULL, 'o' },
	{ "starts", required_argument, NULL, 'N' },
	{ "steps", required_argument, NULL, 'n' },
	{ "tol", required_argument, NULL, 't' },
	{ "seed", required_argument, NULL, 'S' },
	{ "chart", required_argument, NULL, 'c' },
	{ "window", required_argument, NULL, 'w' },
	{ "format", required_argument, NULL, 'f' },
	{ "per-run", no_argument, NULL, 'R' },
	{ "sweep", required_argument, NULL, 'W' },
	{ NULL, 0, NULL, 0 }
};

/* Parse the command line into o; 0 or an exit status. */
static int
survey_parse(int argc, char **argv, struct survey_options *o)
{
	int rc;

	if ((rc = cli_parse(argc, argv, cli_survey_options, SURVEY_OPTIONS,
	    survey_option, o, &o->spec)) != 0)
		return rc;
	if (o->optimizers == NULL)
		return cli_usage("survey: missing --optimizer NAME[,NAME...]: "
		    "expected names from `saddle list optimizers`");
	return 0;
}

/* The optimizers of the comma-separated list, into types (room for
 * SD_SURVEY_METHODS_MAX); 0 or an exit status. */
static int
survey_methods(const char *list, const sd_optimizer_type **types,
    size_t *n)
{
	char *copy, *word, *next, *cause = NULL;
	int rc = 0;

	if ((copy = strdup(list)) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	*n = 0;
	for (word = copy; rc == 0 && word != NULL; word = next) {
		if ((next = strchr(word, ',')) != NULL)
			*next++ = '\0';
		if (*n == SD_SURVEY_METHODS_MAX)
			rc = cli_usage("--optimizer: '%s' is one too many: "
			    "expected at most %d names", word,
			    SD_SURVEY_METHODS_MAX);
		else if ((types[*n] = sd_optimizer_find(word, &cause)) == NULL)
			rc = cli_usage("--optimizer: %s", cause ? cause : "?");
		else
			(*n)++;
		free(cause);
		cause = NULL;
	}
	free(copy);
	return rc;
}

/* Seconds on a monotonic clock. */
static double
survey_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Draw the progress bar: done of total runs. */
static void
survey_bar(size_t done, size_t total)
{
	int k, full = (int)((double)done / (double)total * SURVEY_BAR);

	fputs("\rsurvey [", stderr);
	for (k = 0; k < SURVEY_BAR; k++)
		fputc(k < full ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%%  %zu/%zu runs", (int)(100.0 * (double)done /
	    (double)total), done, total);
	fflush(stderr);
}

/* Run every run, in slices with the progress bar once it is due on a
 * terminal, else at once (each slice ends with the threads waiting for
 * each other: busy waits, on a loaded machine). */
static int
survey_go(struct survey_run *r)
{
	size_t total = sd_survey_total(r->s), slice;
	size_t grain = sd_survey_grain(r->s);
	double t0 = survey_now();
	char *cause = NULL;
	int tty = isatty(STDERR_FILENO), shown = 0;

	slice = (total / SURVEY_SLICES + grain - 1) / grain * grain;
	if (!tty || slice == 0)
		slice = total;
	while (sd_survey_done(r->s) < total) {
		if (sd_survey_iterate(r->s, slice, &cause) != 0)
			return cli_runtime_error(cause);
		if (tty && survey_now() - t0 > SURVEY_QUIET_SECONDS) {
			survey_bar(sd_survey_done(r->s), total);
			shown = 1;
		}
	}
	if (shown)
		fputs("\r\033[K", stderr);
	if (sd_survey_finish(r->s, &cause) != 0)
		return cli_runtime_error(cause);
	return 0;
}

/* ---- output ----------------------------------------------------------- */

/* The swept value of survey i, or the empty key: what prefixes its rows. */
struct survey_at {
	const char	*key;		/* NULL: no sweep */
	double		 value;
};

/* How f* was set, for the table's last line and the CSV's column. */
static const char *
survey_fstar_word(const sd_survey *s)
{
	return sd_survey_fstar_known(s) ? "known" : "lowest-found";
}

/* The table's column heads, after a sweep's first column (NULL: none). */
static void
survey_table_head(const char *first)
{
	if (first != NULL)
		printf("%-9s ", "");
	printf("%-10s %s\n", "", "------------ where the runs end "
	    "-----------     steps      near a saddle");
	if (first != NULL)
		printf("%-9s ", first);
	printf("%-10s %7s %7s %7s %8s %9s %7s %6s %14s\n", "optimizer",
	    "global", "local", "saddle", "diverged", "not conv", "median",
	    "p90", "median steps");
}

/* One optimizer's line of the table, after the first column. */
static void
survey_table_row(const sd_survey_row *row)
{
	size_t k;

	printf("%-10s", row->type->name);
	for (k = 0; k < SD_OUTCOME_COUNT; k++)
		printf(" %*.1f%%", k < 3 ? 6 : k == 3 ? 7 : 8,
		    100 * row->fraction[k]);
	printf(" %7zu %6zu %14zu", row->steps_median, row->steps_p90,
	    row->saddle_median);
}

/* What "global" means: f* known, or only the lowest minimum seen. */
static void
survey_table_fstar(const sd_survey *s, const struct survey_at *at)
{
	double f = sd_survey_fstar(s);

	if (at->key != NULL)
		printf("%s=%g: ", at->key, at->value);
	if (sd_survey_fstar_known(s))
		printf("global: f* = %g, the known minimum\n", f);
	else if (isnan(f))
		printf("global: no minimum seen (the true one is not known)\n");
	else
		printf("global: f* = %g, the lowest minimum seen (the true one "
		    "is not known)\n", f);
}

/* Whether the global runs end at more than SURVEY_CONTINUUM distinct
 * points: a continuum of minima (linnet's xy = 1), not a few isolated
 * ones. */
static int
survey_continuum(const sd_survey *s, size_t starts)
{
	size_t n, m, i, k, distinct = 0, points = sd_survey_points(s);
	unsigned char *seen;
	int p;

	if ((seen = calloc(points + 1, 1)) == NULL)
		return 0;
	sd_survey_rows(s, &n);
	for (m = 0; m < n; m++) {
		for (i = 0; i < starts; i++) {
			if (sd_survey_end(s, m, i, &p) == SD_OUTCOME_GLOBAL &&
			    p >= 0 && !seen[k = (size_t)p]) {
				seen[k] = 1;
				distinct++;
			}
		}
	}
	free(seen);
	return distinct > SURVEY_CONTINUUM;
}

/* Where each method's global runs end (their last iterates), when they
 * end on a continuum of minima: the methods pick different ones there,
 * and the norm and spread say which. */
static void
survey_table_ends(const struct survey_run *r, const struct survey_options *o)
{
	double q[SURVEY_RUNS_SUMMARY];
	size_t n, m;
	int c;

	if (!survey_continuum(r->s, o->starts))
		return;
	sd_survey_rows(r->s, &n);
	printf("where the global runs end: |x| and spread max|x_k| - "
	    "min|x_k| (10%%, 50%%, 90%%)\n");
	for (m = 0; m < n; m++) {
		c = survey_runs_summary(r->s, &r->chart, m, o->starts, q);
		printf("  %-10s %6d runs  |x| %-9.4g %-9.4g %-9.4g spread "
		    "%-9.4g %-9.4g %.4g\n", sd_survey_rows(r->s, &n)[m].type->name,
		    c, q[0], q[1], q[2], q[3], q[4], q[5]);
	}
}

/* The table, for people. */
static void
survey_table(const struct survey_run *r, const struct survey_options *o)
{
	const sd_window *w = &r->window;
	const sd_survey_row *row;
	struct survey_at none = { NULL, 0 };
	size_t n, m;

	row = sd_survey_rows(r->s, &n);
	printf("%s: %lu starts uniform in [%g, %g] x [%g, %g], each run until "
	    "|g| < %g or %lu steps, seed %lu\n", r->obj->spec, o->starts,
	    w->xmin, w->xmax, w->ymin, w->ymax, o->tol, o->steps, o->seed);
	survey_table_head(NULL);
	for (m = 0; m < n; m++) {
		survey_table_row(&row[m]);
		putchar('\n');
	}
	survey_table_fstar(r->s, &none);
	survey_table_ends(r, o);
}

/* A sweep's table: a line per value and optimizer, the value first, and
 * on a terminal a bar of the global fraction. */
static void
survey_sweep_table(const struct survey_run *r, size_t nr,
    const struct survey_options *o, const char *base)
{
	const sd_survey_row *row;
	struct survey_at at = { o->sweep.key, 0 };
	int bar = isatty(STDOUT_FILENO);
	size_t i, n, m;

	printf("%s, %s swept: %lu starts uniform in each window, each run "
	    "until |g| < %g or %lu steps, seed %lu\n", base, o->sweep.key,
	    o->starts, o->tol, o->steps, o->seed);
	survey_table_head(o->sweep.key);
	for (i = 0; i < nr; i++) {
		row = sd_survey_rows(r[i].s, &n);
		for (m = 0; m < n; m++) {
			printf("%-9g ", o->sweep.values[i]);
			survey_table_row(&row[m]);
			if (bar) {
				fputs("  ", stdout);
				cli_sweep_bar(stdout, row[m].fraction[0],
				    SURVEY_SWEEP_BAR);
			}
			putchar('\n');
		}
	}
	for (i = 0; i < nr; i++) {
		at.value = o->sweep.values[i];
		survey_table_fstar(r[i].s, &at);
	}
}

/* CSV: one row per optimizer, after the header when head; with a sweep
 * the swept value first. */
static void
survey_csv(const struct survey_run *r, const struct survey_options *o,
    const struct survey_at *at, int head)
{
	const sd_survey_row *row;
	double q[SURVEY_RUNS_SUMMARY];
	size_t n, m, k;

	row = sd_survey_rows(r->s, &n);
	if (head) {
		if (at->key != NULL)
			printf("%s,", at->key);
		printf("optimizer,starts");
		for (k = 0; k < SD_OUTCOME_COUNT; k++)
			printf(",%s", sd_outcome_name((sd_outcome)k));
		printf(",steps_median,steps_p90,saddle_steps_median,fstar,"
		    "fstar_is,end_norm_median,end_spread_median\n");
	}
	for (m = 0; m < n; m++) {
		if (at->key != NULL) {
			cli_number(stdout, at->value);
			putchar(',');
		}
		printf("%s,%lu", row[m].type->name, o->starts);
		for (k = 0; k < SD_OUTCOME_COUNT; k++) {
			putchar(',');
			cli_number(stdout, row[m].fraction[k]);
		}
		printf(",%zu,%zu,%zu,", row[m].steps_median, row[m].steps_p90,
		    row[m].saddle_median);
		cli_number_or(stdout, sd_survey_fstar(r->s), "nan");
		printf(",%s,", survey_fstar_word(r->s));
		survey_runs_summary(r->s, &r->chart, m, o->starts, q);
		cli_number_or(stdout, q[1], "nan");
		putchar(',');
		cli_number_or(stdout, q[4], "nan");
		putchar('\n');
	}
}

/* One optimizer as a JSON object. */
static void
survey_json_row(const sd_survey_row *row)
{
	const sd_param *p = row->type->params;
	size_t k;

	printf("{\"name\":");
	cli_json_string(stdout, row->type->name);
	printf(",\"params\":{");
	for (k = 0; p != NULL && p[k].key != NULL; k++) {
		printf(k > 0 ? ",\"%s\":" : "\"%s\":", p[k].key);
		cli_number(stdout, row->params[k]);
	}
	printf("},\"fractions\":{");
	for (k = 0; k < SD_OUTCOME_COUNT; k++) {
		printf(k > 0 ? ",\"%s\":" : "\"%s\":",
		    sd_outcome_name((sd_outcome)k));
		cli_number(stdout, row->fraction[k]);
	}
	printf("},\"counts\":{");
	for (k = 0; k < SD_OUTCOME_COUNT; k++)
		printf(k > 0 ? ",\"%s\":%zu" : "\"%s\":%zu",
		    sd_outcome_name((sd_outcome)k), row->count[k]);
	printf("},\"steps_median\":%zu,\"steps_p90\":%zu,"
	    "\"saddle_steps_median\":%zu}", row->steps_median, row->steps_p90,
	    row->saddle_median);
}

/* The whole survey as one JSON object (no newline after it). */
static void
survey_json(const struct survey_run *r, const struct survey_options *o)
{
	const sd_window *w = &r->window;
	double window[4] = { w->xmin, w->xmax, w->ymin, w->ymax };
	const sd_survey_row *row;
	size_t n, m;

	row = sd_survey_rows(r->s, &n);
	printf("{\"objective\":");
	cli_json_string(stdout, r->obj->spec);
	printf(",\"window\":");
	cli_json_numbers(stdout, window, 4);
	printf(",\"starts\":%lu,\"steps\":%lu,\"tol\":", o->starts,
	    o->steps);
	cli_number(stdout, o->tol);
	printf(",\"seed\":%lu,\"fstar\":", o->seed);
	cli_number_or(stdout, sd_survey_fstar(r->s), "null");
	printf(",\"fstar_is\":\"%s\",\"optimizers\":[",
	    survey_fstar_word(r->s));
	for (m = 0; m < n; m++) {
		printf(m > 0 ? ",\n" : "\n");
		survey_json_row(&row[m]);
	}
	printf("\n]}");
}

/* Survey i of nr in the format asked for. */
static void
survey_print(const struct survey_run *r, size_t i,
    const struct survey_options *o)
{
	struct survey_at at = { o->sweeping ? o->sweep.key : NULL,
	    o->sweep.values[i] };

	if (o->per_run && o->format == SURVEY_JSON)
		survey_runs_json(stdout, r->s, &r->chart, o->starts,
		    r->obj->spec);
	else if (o->per_run)	/* CSV, the table's default too */
		survey_runs_csv(stdout, r->s, &r->chart, o->starts, at.key,
		    at.value,
		    i == 0);
	else if (o->format == SURVEY_CSV)
		survey_csv(r, o, &at, i == 0);
	else
		survey_json(r, o);
}

/* Every survey: the table, or each in turn (JSON: a sweep's in an
 * object that names the key and the values). */
static void
survey_output(const struct survey_run *r, size_t nr,
    const struct survey_options *o, const char *base)
{
	int json = o->format == SURVEY_JSON;
	size_t i;

	if (o->format == SURVEY_TABLE && !o->per_run) {
		if (o->sweeping)
			survey_sweep_table(r, nr, o, base);
		else
			survey_table(r, o);
		return;
	}
	if (json && o->sweeping) {
		printf("{\"sweep\":");
		cli_json_string(stdout, o->sweep.key);
		printf(",\"values\":");
		cli_json_numbers(stdout, o->sweep.values, nr);
		printf(",\"surveys\":[\n");
	}
	for (i = 0; i < nr; i++) {
		if (json && i > 0)
			printf(",\n");
		survey_print(&r[i], i, o);
	}
	if (json && o->sweeping)
		printf("\n]}");
	if (json)
		putchar('\n');
}

/* ---- the command ------------------------------------------------------ */

/* Release everything r holds (the survey first: it borrows the chart). */
static void
survey_done(struct survey_run *r)
{
	sd_survey_free(r->s);
	if (r->have_chart)
		sd_chart_done(&r->chart);
	sd_objective_free(r->obj);
}

/* The objectives: the one named, or one per value of the sweep, into
 * r[0..*n−1].obj; 0 or an exit status. */
static int
survey_objectives(const struct survey_options *o, struct survey_run *r,
    size_t *n, char **base)
{
	sd_objective *obj, *objs[CLI_SWEEP_MAX];
	size_t i;
	int rc;

	if ((rc = cli_objective_arg("survey", o->spec, o->expr, &obj)) != 0)
		return rc;
	if ((*base = strdup(obj->spec)) == NULL) {
		sd_objective_free(obj);
		return cli_runtime_error(sd_printf("out of memory"));
	}
	if ((rc = cli_sweep_take(o->sweeping ? &o->sweep : NULL, obj, objs,
	    n)) != 0)
		return rc;
	for (i = 0; i < *n; i++)
		r[i].obj = objs[i];
	return 0;
}

/* Build the chart, the window and the survey with its optimizers for
 * r->obj; 0 or an exit status. */
static int
survey_prepare(struct survey_run *r, const struct survey_options *o)
{
	sd_survey_options so = { (size_t)o->starts, (size_t)o->steps, o->tol,
	    o->seed, NULL };
	const sd_optimizer_type *types[SD_SURVEY_METHODS_MAX];
	char *cause = NULL;
	size_t n = 0, m;
	int rc;

	if ((rc = survey_methods(o->optimizers, types, &n)) != 0 ||
	    (rc = cli_chart(o->chart, r->obj, &r->chart)) != 0)
		return rc;
	r->have_chart = 1;
	r->window = r->chart.window;
	if (o->window != NULL &&
	    sd_window_parse(o->window, &r->window, "--window", &cause) != 0)
		return cli_usage_error(cause);
	if ((r->s = sd_survey_new(r->obj, &r->chart, &r->window, &so,
	    &cause)) == NULL)
		return cli_runtime_error(cause);
	if ((double)o->starts * (double)n * (double)(r->obj->dim + 1) <=
	    CLI_TRACE_MAX && sd_survey_keep_ends(r->s, &cause) != 0)
		return cli_runtime_error(cause);
	for (m = 0; m < n; m++) {
		if (sd_survey_add(r->s, types[m], NULL, &cause) != 0)
			return cli_runtime_error(cause);
	}
	return 0;
}

int
cmd_survey(int argc, char **argv)
{
	struct survey_options o = { .starts = SURVEY_STARTS,
	    .steps = SURVEY_STEPS, .tol = SURVEY_TOL, .seed = SURVEY_SEED,
	    .format = SURVEY_TABLE };
	struct survey_run *r;
	char *base = NULL;
	size_t n = 0, i;
	int rc;

	if ((r = calloc(CLI_SWEEP_MAX, sizeof *r)) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	if ((rc = survey_parse(argc, argv, &o)) == 0)
		rc = survey_objectives(&o, r, &n, &base);
	for (i = 0; rc == 0 && i < n; i++) {
		if ((rc = survey_prepare(&r[i], &o)) == 0)
			rc = survey_go(&r[i]);
	}
	if (rc == 0)
		survey_output(r, n, &o, base);
	for (i = 0; i < n; i++)
		survey_done(&r[i]);
	free(r);
	free(base);
	return rc;
}
