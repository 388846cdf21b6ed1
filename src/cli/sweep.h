/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sweep.h: `--sweep KEY=VALUES` of `survey` and `points`: the same command
 * for each value of one objective parameter, as one table.
 *
 * VALUES is a list V1,V2,... of numbers, an integer range A:B (A, A+1,
 * ..., B) or A:B:S (step S), or a geometric range A..BxR (A, A·R, A·R²,
 * ... up to B, R > 1). At most CLI_SWEEP_MAX values. */
#ifndef SADDLE_SWEEP_H
#define SADDLE_SWEEP_H

#include <stddef.h>
#include <stdio.h>

#include "objectives/objective.h"

/* The most values one sweep takes. */
#define CLI_SWEEP_MAX	64

/* The longest key. */
#define CLI_SWEEP_KEY	32

typedef struct cli_sweep {
	char	 key[CLI_SWEEP_KEY];
	double	 values[CLI_SWEEP_MAX];
	size_t	 n;
} cli_sweep;

/* Parse --sweep's argument into sw; 0, or CLI_EXIT_USAGE with a message
 * naming the bad word. */
int cli_sweep_parse(const char *arg, cli_sweep *sw);

/* Build base's objective once per value of the sweep into objs (room for
 * sw->n): base's parameters with the key set to the value. The key must
 * be one of base's parameters and every value valid for it; else a usage
 * error naming them (nothing built). 0 or CLI_EXIT_USAGE. */
int cli_sweep_objectives(const cli_sweep *sw, const sd_objective *base,
    sd_objective **objs);

/* The objectives a command runs, taking base: base alone (sw NULL), or
 * one per value of the sweep (cli_sweep_objectives; base is freed). *n
 * gets how many; 0 or an exit status (objs empty). */
int cli_sweep_take(const cli_sweep *sw, sd_objective *base,
    sd_objective **objs, size_t *n);

/* Free the n objectives of objs. */
void cli_sweep_free(sd_objective **objs, size_t n);

/* A bar of width cells filled to fraction (clamped to [0, 1]): eighth
 * blocks in a UTF-8 locale, else '#'. */
void cli_sweep_bar(FILE *fp, double fraction, int width);

#endif
