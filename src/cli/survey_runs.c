/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_runs.c: a survey's runs one by one (see survey_runs.h). */
#include "config.h"

#include <math.h>

#include "cli.h"
#include "survey_runs.h"

/* One run: where it started and ended, how long it took. */
struct survey_run_row {
	const char	*optimizer;
	double		 start[2], end[2], f;
	size_t		 steps, near_saddle;
	sd_outcome	 outcome;
};

/* Run (method m, start i) of s. */
static void
survey_run_get(const sd_survey *s, size_t m, size_t i,
    struct survey_run_row *r)
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
}

void
survey_runs_csv(FILE *fp, const sd_survey *s, size_t starts,
    const char *key, double value, int head)
{
	struct survey_run_row r;
	size_t m, i, n, k;
	double v[5];

	sd_survey_rows(s, &n);
	if (head && key != NULL)
		fprintf(fp, "%s,", key);
	if (head)
		fputs("optimizer,run,start_a,start_b,end_a,end_b,f,steps,"
		    "saddle_steps,outcome\n", fp);
	for (m = 0; m < n; m++) {
		for (i = 0; i < starts; i++) {
			survey_run_get(s, m, i, &r);
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
			fprintf(fp, ",%zu,%zu,%s\n", r.steps, r.near_saddle,
			    sd_outcome_name(r.outcome));
		}
	}
}

void
survey_runs_json(FILE *fp, const sd_survey *s, size_t starts,
    const char *objective)
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
			survey_run_get(s, m, i, &r);
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
			    "\"outcome\":\"%s\"}", r.steps, r.near_saddle,
			    sd_outcome_name(r.outcome));
		}
	}
	fputs("\n]}\n", fp);
}
