/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_runs.h: `saddle survey --per-run`: a row per run (optimizer and
 * start) instead of the table, for pandas and friends. */
#ifndef SADDLE_SURVEY_RUNS_H
#define SADDLE_SURVEY_RUNS_H

#include <stdio.h>

#include "landscape/chart.h"
#include "landscape/survey.h"

/* Every run of the finished survey s (starts starts of each method),
 * seen through chart, as CSV with the header
 * optimizer,run,start_a,start_b,end_a,end_b,f,steps,saddle_steps,outcome,
 * last_a,last_b,last_f,last_norm,last_spread,last_x1,...,last_xd
 * where end_a, end_b and f are the stationary point the run ended at,
 * nan when it ended at none (diverged, not converged), and the last_
 * columns the run's last iterate (when the survey kept it,
 * sd_survey_keep_ends; else nan): in the chart, f there, its norm, its
 * spread max_k |x_k| − min_k |x_k| (linnet's balancedness ||x| − |y||) and
 * its full coordinates. With a sweep (key not NULL) each row starts with
 * the swept value, the header with key; the header only when head. */
void survey_runs_csv(FILE *fp, const sd_survey *s, const sd_chart *chart,
    size_t starts, const char *key, double value, int head);

/* The same as one JSON object {"objective": ..., "runs": [...]}, with
 * null for nan and the last iterate as "last": {"chart", "x", "f",
 * "norm", "spread"}; no newline after it. */
void survey_runs_json(FILE *fp, const sd_survey *s, const sd_chart *chart,
    size_t starts, const char *objective);

/* Numbers in a method's summary. */
#define SURVEY_RUNS_SUMMARY	6

/* Where method m's global runs end, from their last iterates: the 10th,
 * 50th and 90th percentiles (nearest rank) of the norm, then of the
 * spread (NaN when none). Returns how many runs they summarize, or -1 on
 * allocation failure. */
int survey_runs_summary(const sd_survey *s, const sd_chart *chart, size_t m,
    size_t starts, double out[SURVEY_RUNS_SUMMARY]);

#endif
