/* params.h: named numeric parameters, shared by objectives and optimizers.
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

/* Parse exactly n comma-separated numbers ("1,2"). On error names the word
 * and says what is expected, using what ("--start") in the message. */
int sd_numbers_parse(const char *text, size_t n, double *out,
    const char *what, char **cause);

#endif
