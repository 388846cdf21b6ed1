/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_runs.c: a survey's runs one by one (see survey_runs.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/vec.h"
#include "landscape/chart.h"

#include "cli.h"
#include "survey_runs.h"

/* One run: where it started and ended, how long it took; its last
 * iterate (NULL when the survey did not keep it) in full coordinates and
 * in the chart, f there, its norm and spread (survey_runs.h). */
struct survey_run_row {
	const char	*optimizer;
	double		 start[2], end[2], f;
	size_t		 steps, near_saddle;
	sd_outcome	 outcome;
	const double	*last;
	double		 last_ab[2], last_f, norm, spread;
};

/* max_k |x_k| − min_k |x_k|. */
static double
survey_spread(const double *x, size_t dim)
{
	double lo = INFINITY, hi = 0;
	size_t k;

	for (k = 0; k < dim; k++) {
		lo = fmin(lo, fabs(x[k]));
		hi = fmax(hi, fabs(x[k]));
	}
	return hi - lo;
}

/* Run (method m, start i) of s, seen through chart. */
static void
survey_run_get(const sd_survey *s, const sd_chart *chart, size_t m,
    size_t i, struct survey_run_row *r)
{
	const sd_survey_row *rows;
	const sd_point *p;
	size_t n;
	int k;

	rows = sd_survey_rows(s, &n);
	r->optimizer = rows[m].type->name;
	sd_survey_start(s, i, &r->start[0], &r->start[1]);
	r->outcome = sd_survey_end(s, m, i, &k);
	r->end[0] = r->end[1] = r->f = NAN;
	if (k >= 0 && (p = sd_survey_point(s, (size_t)k)) != NULL) {
		r->end[0] = p->a;
		r->end[1] = p->b;
		r->f = p->f;
	}
	sd_survey_steps(s, m, i, &r->steps, &r->near_saddle);
	r->last_ab[0] = r->last_ab[1] = r->last_f = r->norm = r->spread = NAN;
	if ((r->last = sd_survey_last(s, m, i, &r->last_f)) != NULL) {
		sd_chart_project(chart, r->last, &r->last_ab[0],
		    &r->last_ab[1], NULL);
		r->norm = sd_norm(r->last, chart->dim);
		r->spread = survey_spread(r->last, chart->dim);
	}
}

/* The CSV header, after the sweep's key when there is one. */
static void
survey_runs_head(FILE *fp, const char *key, size_t dim)
{
	size_t k;

	if (key != NULL)
		fprintf(fp, "%s,", key);
	fputs("optimizer,run,start_a,start_b,end_a,end_b,f,steps,"
	    "saddle_steps,outcome,last_a,last_b,last_f,last_norm,"
	    "last_spread", fp);
	for (k = 0; k < dim; k++)
		fprintf(fp, ",last_x%zu", k + 1);
	fputc('\n', fp);
}

/* Run r's numbers after its outcome. */
static void
survey_runs_last(FILE *fp, const struct survey_run_row *r, size_t dim)
{
	double v[5] = { r->last_ab[0], r->last_ab[1], r->last_f, r->norm,
	    r->spread };
	size_t k;

	for (k = 0; k < 5; k++) {
		fputc(',', fp);
		cli_number_or(fp, v[k], "nan");
	}
	for (k = 0; k < dim; k++) {
		fputc(',', fp);
		cli_number_or(fp, r->last ? r->last[k] : NAN, "nan");
	}
}

void
survey_runs_csv(FILE *fp, const sd_survey *s, const sd_chart *chart,
    size_t starts, const char *key, double value, int head)
{
	struct survey_run_row r;
	size_t m, i, n, k;
	double v[5];

	sd_survey_rows(s, &n);
	if (head)
		survey_runs_head(fp, key, chart->dim);
	for (m = 0; m < n; m++) {
		for (i = 0; i < starts; i++) {
			survey_run_get(s, chart, m, i, &r);
			if (key != NULL) {
				cli_number(fp, value);
				fputc(',', fp);
			}
			fprintf(fp, "%s,%zu", r.optimizer, i);
			v[0] = r.start[0];
			v[1] = r.start[1];
			v[2] = r.end[0];
			v[3] = r.end[1];
			v[4] = r.f;
			for (k = 0; k < 5; k++) {
				fputc(',', fp);
				cli_number_or(fp, v[k], "nan");
			}
			fprintf(fp, ",%zu,%zu,%s", r.steps, r.near_saddle,
			    sd_outcome_name(r.outcome));
			survey_runs_last(fp, &r, chart->dim);
			fputc('\n', fp);
		}
	}
}

/* Run r's last iterate as JSON fields. */
static void
survey_runs_json_last(FILE *fp, const struct survey_run_row *r,
    size_t dim)
{
	if (r->last == NULL)
		return;
	fputs(",\"last\":{\"chart\":", fp);
	cli_json_numbers(fp, r->last_ab, 2);
	fputs(",\"x\":", fp);
	cli_json_numbers(fp, r->last, dim);
	fputs(",\"f\":", fp);
	cli_number_or(fp, r->last_f, "null");
	fputs(",\"norm\":", fp);
	cli_number_or(fp, r->norm, "null");
	fputs(",\"spread\":", fp);
	cli_number_or(fp, r->spread, "null");
	fputc('}', fp);
}

void
survey_runs_json(FILE *fp, const sd_survey *s, const sd_chart *chart,
    size_t starts, const char *objective)
{
	struct survey_run_row r;
	size_t m, i, n;
	int first = 1;

	sd_survey_rows(s, &n);
	fputs("{\"objective\":", fp);
	cli_json_string(fp, objective);
	fputs(",\"runs\":[", fp);
	for (m = 0; m < n; m++) {
		for (i = 0; i < starts; i++, first = 0) {
			survey_run_get(s, chart, m, i, &r);
			fputs(first ? "\n{\"optimizer\":" : ",\n{\"optimizer\":",
			    fp);
			cli_json_string(fp, r.optimizer);
			fprintf(fp, ",\"run\":%zu,\"start\":", i);
			cli_json_numbers(fp, r.start, 2);
			fputs(",\"end\":", fp);
			if (isnan(r.end[0]))
				fputs("null", fp);
			else
				cli_json_numbers(fp, r.end, 2);
			fputs(",\"f\":", fp);
			cli_number_or(fp, r.f, "null");
			fprintf(fp, ",\"steps\":%zu,\"saddle_steps\":%zu,"
			    "\"outcome\":\"%s\"", r.steps, r.near_saddle,
			    sd_outcome_name(r.outcome));
			survey_runs_json_last(fp, &r, chart->dim);
			fputc('}', fp);
		}
	}
	fputs("\n]}", fp);
}

/* qsort order of doubles. */
static int
survey_runs_cmp(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* The nearest-rank quantile q of the n sorted values v. */
static double
survey_runs_quantile(const double *v, size_t n, double q)
{
	size_t k = (size_t)ceil(q * (double)n);

	return v[k > 0 ? k - 1 : 0];
}

int
survey_runs_summary(const sd_survey *s, const sd_chart *chart, size_t m,
    size_t starts, double out[SURVEY_RUNS_SUMMARY])
{
	struct survey_run_row r;
	double *norm, *spread;
	size_t i, n = 0, k;

	for (k = 0; k < SURVEY_RUNS_SUMMARY; k++)
		out[k] = NAN;
	if ((norm = malloc(2 * starts * sizeof *norm)) == NULL)
		return -1;
	spread = norm + starts;
	for (i = 0; i < starts; i++) {
		survey_run_get(s, chart, m, i, &r);
		if (r.outcome != SD_OUTCOME_GLOBAL || r.last == NULL)
			continue;
		norm[n] = r.norm;
		spread[n++] = r.spread;
	}
	if (n > 0) {
		qsort(norm, n, sizeof *norm, survey_runs_cmp);
		qsort(spread, n, sizeof *spread, survey_runs_cmp);
		for (k = 0; k < 3; k++) {
			out[k] = survey_runs_quantile(norm, n, 0.1 + 0.4 * k);
			out[3 + k] = survey_runs_quantile(spread, n,
			    0.1 + 0.4 * k);
		}
	}
	free(norm);
	return (int)n;
}
