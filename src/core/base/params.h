/* SPDX-License-Identifier: GPL-3.0-or-later */
/* params.h: named numeric parameters, shared by objectives and optimizers,
 * and the parsers of the numbers every front end reads.
 *
 * A parameter table is an array of sd_param ending with an entry whose key
 * is NULL. Values live in a plain double array indexed like the table. The
 * text form is "key=value,key=value" (the part after "NAME:" in an
 * objective, and the argument of --set). */
#ifndef SADDLE_PARAMS_H
#define SADDLE_PARAMS_H

#include <stddef.h>

/* The most parameters any one objective or optimizer may declare. */
#define SD_PARAMS_MAX 16

typedef struct sd_param {
	const char	*key;		/* name used in text and --set */
	double		 def;		/* default value */
	double		 min;		/* smallest valid value (inclusive) */
	double		 max;		/* largest valid value (inclusive) */
	int		 integer;	/* nonzero: must be a whole number */
	const char	*help;		/* one line, for list and the man page */
} sd_param;

/* Number of entries before the NULL sentinel (0 for a NULL table). */
size_t sd_params_count(const sd_param *table);

/* Index of key in table, or -1. */
int sd_params_find(const sd_param *table, const char *key);

/* Fill values with the table's defaults. */
void sd_params_defaults(const sd_param *table, double *values);

/* Parse "k=v,k=v" into values (which keep their previous contents for keys
 * not named). On error names the bad key and lists the valid ones, or
 * names the bad value and what would be accepted; values are left
 * unchanged. An empty or NULL text is valid and changes nothing. */
int sd_params_parse(const sd_param *table, const char *owner,
    const char *text, double *values, char **cause);

/* Parse one finite number written in any C notation ("1e-3", "0x10",
 * "-2.5"); the whole word must be a number. Returns 0 or -1. */
int sd_number_parse(const char *word, double *out);

/* The largest whole number the parsers below accept: every whole number up
 * to 2^53 is exact in a double, so no range check can be fooled by
 * rounding and no conversion to unsigned long can overflow. */
#define SD_WHOLE_MAX	9007199254740992.0

/* The largest seed: GSL's mt19937 takes 32-bit seeds. */
#define SD_SEED_MAX	4294967295UL

/* The parsers of the numbers every front end reads (the CLI's options, the
 * TUI's `:` commands), so that an option means one thing everywhere and is
 * refused with one message. what names the option or command ("--steps",
 * "step") in the message, which also names the bad word and says what is
 * accepted. On error *out is unchanged; cause may be NULL. */

/* A whole number from lo to hi (hi ≤ SD_WHOLE_MAX), written in any C
 * notation ("1000", "1e3", "0x3e8"); "-0" is 0. The value is checked
 * against the range as a double before it is converted. Message: "WHAT:
 * 'WORD' is not a whole number from LO to HI". */
int sd_whole_parse(const char *what, const char *word, unsigned long lo,
    unsigned long hi, unsigned long *out, char **cause);

/* A seed: a whole number from 0 to SD_SEED_MAX. */
int sd_seed_parse(const char *what, const char *word, unsigned long *out,
    char **cause);

/* A convergence tolerance G: a run stops when ‖∇f‖ < G. Any finite
 * number ≥ 0; 0 (or -0, read as 0) never stops on the gradient: the run
 * takes every step. Message: "WHAT: 'WORD' is not a tolerance: expected a
 * number ≥ 0 such as 1e-6 (0 runs every step)". */
int sd_tolerance_parse(const char *what, const char *word, double *out,
    char **cause);

/* Parse exactly n comma-separated numbers ("1,2"). On error names the word
 * and says what is expected, using what ("--start") in the message. */
int sd_numbers_parse(const char *text, size_t n, double *out,
    const char *what, char **cause);

#endif
