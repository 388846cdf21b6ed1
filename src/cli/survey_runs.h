/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_runs.h: `saddle survey --per-run`: a row per run (optimizer and
 * start) instead of the table, for pandas and friends. */
#ifndef SADDLE_SURVEY_RUNS_H
#define SADDLE_SURVEY_RUNS_H

#include <stdio.h>

#include "landscape/survey.h"

/* Every run of the finished survey s (starts starts of each method) as
 * CSV with the header
 * optimizer,run,start_a,start_b,end_a,end_b,f,steps,saddle_steps,outcome
 * where end_a, end_b and f are the stationary point the run ended at,
 * nan when it ended at none (diverged, not converged). With a sweep (key
 * not NULL) each row starts with the swept value, the header with key;
 * the header only when head. */
void survey_runs_csv(FILE *fp, const sd_survey *s, size_t starts,
    const char *key, double value, int head);

/* The same as one JSON object {"objective": ..., "runs": [...]}, with
 * null for nan. */
void survey_runs_json(FILE *fp, const sd_survey *s, size_t starts,
    const char *objective);

#endif
