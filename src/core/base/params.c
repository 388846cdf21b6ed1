/* SPDX-License-Identifier: GPL-3.0-or-later */
/* params.c: parsing of "key=value,..." parameter lists (see params.h). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"

size_t
sd_params_count(const sd_param *table)
{
	size_t n = 0;

	if (table == NULL)
		return 0;
	while (table[n].key != NULL)
		n++;
	return n;
}

int
sd_params_find(const sd_param *table, const char *key)
{
	size_t i, n = sd_params_count(table);

	for (i = 0; i < n; i++) {
		if (strcmp(table[i].key, key) == 0)
			return (int)i;
	}
	return -1;
}

void
sd_params_defaults(const sd_param *table, double *values)
{
	size_t i, n = sd_params_count(table);

	for (i = 0; i < n; i++)
		values[i] = table[i].def;
}

int
sd_number_parse(const char *word, double *out)
{
	char *end;
	double v;

	if (word == NULL || *word == '\0')
		return -1;
	errno = 0;
	v = strtod(word, &end);
	if (*end != '\0' || end == word || errno == ERANGE || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int
sd_whole_parse(const char *what, const char *word, unsigned long lo,
    unsigned long hi, unsigned long *out, char **cause)
{
	double v;

	/* Compared as doubles first: a cast of an out-of-range double
	 * (1e30) to an integer type is undefined. */
	if (sd_number_parse(word, &v) != 0 || v != floor(v) ||
	    v < (double)lo || v > (double)hi || v > SD_WHOLE_MAX)
		return sd_fail(cause, "%s: '%s' is not a whole number from %lu "
		    "to %lu", what, word, lo, hi);
	*out = (unsigned long)v;
	return 0;
}

int
sd_seed_parse(const char *what, const char *word, unsigned long *out,
    char **cause)
{
	return sd_whole_parse(what, word, 0, SD_SEED_MAX, out, cause);
}

int
sd_tolerance_parse(const char *what, const char *word, double *out,
    char **cause)
{
	double v;

	if (sd_number_parse(word, &v) != 0 || v < 0)
		return sd_fail(cause, "%s: '%s' is not a tolerance: expected a "
		    "number ≥ 0 such as 1e-6 (0 runs every step)", what, word);
	*out = v + 0.0;		/* -0 is 0: it prints as "0" */
	return 0;
}

/* The valid keys of a table as "a, b, c", malloc'd. */
static char *
params_key_list(const sd_param *table)
{
	size_t i, n = sd_params_count(table), len = 1;
	char *s;

	if (n == 0)
		return sd_printf("none: it takes no parameters");
	for (i = 0; i < n; i++)
		len += strlen(table[i].key) + 2;
	if ((s = malloc(len)) == NULL)
		return NULL;
	*s = '\0';
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, ", ");
		strcat(s, table[i].key);
	}
	return s;
}

/* Check one value against its table entry. */
static int
params_check(const sd_param *p, const char *owner, const char *word,
    double v, char **cause)
{
	if (v < p->min || v > p->max) {
		return sd_fail(cause, "%s: %s=%s is out of range: expected %s "
		    "from %g to %g", owner, p->key, word,
		    p->integer ? "a whole number" : "a number", p->min, p->max);
	}
	if (p->integer && v != floor(v)) {
		return sd_fail(cause, "%s: %s=%s is not a whole number: "
		    "expected a whole number from %g to %g", owner, p->key,
		    word, p->min, p->max);
	}
	return 0;
}

int
sd_params_parse(const sd_param *table, const char *owner, const char *text,
    double *values, char **cause)
{
	double staged[SD_PARAMS_MAX];
	size_t n = sd_params_count(table);
	char *copy, *item, *next, *eq, *keys;
	int idx, rc = 0;
	double v;

	if (text == NULL || *text == '\0')
		return 0;
	if ((copy = strdup(text)) == NULL)
		return sd_fail(cause, "out of memory");
	memcpy(staged, values, n * sizeof *staged);
	for (item = copy; item != NULL && rc == 0; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		if ((eq = strchr(item, '=')) == NULL) {
			keys = params_key_list(table);
			rc = sd_fail(cause, "%s: '%s' is not key=value: "
			    "valid keys are %s", owner, item,
			    keys ? keys : "?");
			free(keys);
			break;
		}
		*eq = '\0';
		if ((idx = sd_params_find(table, item)) < 0) {
			keys = params_key_list(table);
			rc = sd_fail(cause, "%s: unknown key '%s': valid keys "
			    "are %s", owner, item, keys ? keys : "?");
			free(keys);
			break;
		}
		if (sd_number_parse(eq + 1, &v) != 0) {
			rc = sd_fail(cause, "%s: %s='%s' is not a number: "
			    "expected a finite number such as 0.5 or 1e-3",
			    owner, item, eq + 1);
			break;
		}
		rc = params_check(&table[idx], owner, eq + 1, v, cause);
		staged[idx] = v;
	}
	if (rc == 0)
		memcpy(values, staged, n * sizeof *staged);
	free(copy);
	return rc;
}

int
sd_numbers_parse(const char *text, size_t n, double *out, const char *what,
    char **cause)
{
	double staged[SD_PARAMS_MAX];
	char *copy, *item, *next;
	size_t i = 0;
	int rc = 0;

	if (n > SD_PARAMS_MAX)
		return sd_fail(cause, "%s: too many numbers", what);
	if (text == NULL || *text == '\0')
		return sd_fail(cause, "%s: empty: expected %zu comma-separated "
		    "numbers", what, n);
	if ((copy = strdup(text)) == NULL)
		return sd_fail(cause, "out of memory");
	for (item = copy; item != NULL; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		if (i == n) {
			rc = sd_fail(cause, "%s: '%s' has more than %zu "
			    "numbers: expected %zu comma-separated numbers "
			    "such as 1,-0.5", what, text, n, n);
			break;
		}
		if (sd_number_parse(item, &staged[i]) != 0) {
			rc = sd_fail(cause, "%s: '%s' is not a number: expected "
			    "%zu comma-separated numbers such as 1,-0.5", what,
			    item, n);
			break;
		}
		i++;
	}
	if (rc == 0 && i < n) {
		rc = sd_fail(cause, "%s: '%s' has %zu number%s: expected %zu "
		    "comma-separated numbers such as 1,-0.5", what, text, i,
		    i == 1 ? "" : "s", n);
	}
	if (rc == 0)
		memcpy(out, staged, n * sizeof *out);
	free(copy);
	return rc;
}
