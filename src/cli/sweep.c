/* SPDX-License-Identifier: GPL-3.0-or-later */
/* sweep.c: --sweep's values and the objectives they make (sweep.h). */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"
#include "cli.h"
#include "sweep.h"

#define SWEEP_FORMS "expected KEY=V1,V2,..., KEY=A:B, KEY=A:B:STEP or " \
	"KEY=A..BxRATIO"

/* A value of a range this close to a whole number (relatively) is that
 * number: 10·10³ computed as a product must still be n=10000. */
#define SWEEP_SNAP	1e-9

/* Add v to sw; usage error past CLI_SWEEP_MAX. */
static int
sweep_add(cli_sweep *sw, double v)
{
	double r = nearbyint(v);

	if (sw->n == CLI_SWEEP_MAX)
		return cli_usage("--sweep: more than %d values", CLI_SWEEP_MAX);
	sw->values[sw->n++] = fabs(v - r) <= SWEEP_SNAP * fmax(1, fabs(r)) ?
	    r : v;
	return 0;
}

/* A number of the range text, or a usage error naming it. */
static int
sweep_number(const char *word, const char *text, double *v)
{
	if (sd_number_parse(word, v) == 0)
		return 0;
	return cli_usage("--sweep: '%s' in '%s' is not a number: %s", word,
	    text, SWEEP_FORMS);
}

/* V1,V2,... */
static int
sweep_list(char *text, const char *all, cli_sweep *sw)
{
	char *word, *next;
	double v;
	int rc;

	for (word = text; word != NULL; word = next) {
		if ((next = strchr(word, ',')) != NULL)
			*next++ = '\0';
		if ((rc = sweep_number(word, all, &v)) != 0 ||
		    (rc = sweep_add(sw, v)) != 0)
			return rc;
	}
	return 0;
}

/* A:B or A:B:S, from A up to B. */
static int
sweep_linear(char *text, const char *all, cli_sweep *sw)
{
	char *b = strchr(text, ':'), *s;
	double lo, hi, step = 1;
	size_t i;
	int rc;

	*b++ = '\0';
	if ((s = strchr(b, ':')) != NULL)
		*s++ = '\0';
	if ((rc = sweep_number(text, all, &lo)) != 0 ||
	    (rc = sweep_number(b, all, &hi)) != 0 ||
	    (s != NULL && (rc = sweep_number(s, all, &step)) != 0))
		return rc;
	if (!(step > 0) || !(lo <= hi))
		return cli_usage("--sweep: '%s' is an empty range: expected "
		    "A:B with A ≤ B (and a step > 0)", all);
	if ((hi - lo) / step >= CLI_SWEEP_MAX)
		return cli_usage("--sweep: '%s' has more than %d values", all,
		    CLI_SWEEP_MAX);
	for (i = 0; lo + (double)i * step <= hi * (1 + SWEEP_SNAP); i++)
		if ((rc = sweep_add(sw, lo + (double)i * step)) != 0)
			return rc;
	return 0;
}

/* A..BxR: A, A·R, ... up to B. */
static int
sweep_geometric(char *text, const char *all, cli_sweep *sw)
{
	char *b = strstr(text, ".."), *r;
	double lo, hi, ratio;
	size_t i;
	int rc;

	*b = '\0';
	b += 2;
	if ((r = strrchr(b, 'x')) == NULL)
		return cli_usage("--sweep: '%s' has no ratio: %s", all,
		    SWEEP_FORMS);
	*r++ = '\0';
	if ((rc = sweep_number(text, all, &lo)) != 0 ||
	    (rc = sweep_number(b, all, &hi)) != 0 ||
	    (rc = sweep_number(r, all, &ratio)) != 0)
		return rc;
	if (!(lo > 0) || !(lo <= hi) || !(ratio > 1))
		return cli_usage("--sweep: '%s' is not a geometric range: "
		    "expected A..BxR with 0 < A ≤ B and R > 1", all);
	if (log(hi / lo) / log(ratio) >= CLI_SWEEP_MAX)
		return cli_usage("--sweep: '%s' has more than %d values", all,
		    CLI_SWEEP_MAX);
	for (i = 0; lo * pow(ratio, (double)i) <= hi * (1 + SWEEP_SNAP); i++)
		if ((rc = sweep_add(sw, lo * pow(ratio, (double)i))) != 0)
			return rc;
	return 0;
}

int
cli_sweep_parse(const char *arg, cli_sweep *sw)
{
	const char *eq = strchr(arg, '=');
	char *text;
	int rc;

	sw->n = 0;
	if (eq == NULL || eq == arg || eq[1] == '\0')
		return cli_usage("--sweep: '%s': %s", arg, SWEEP_FORMS);
	if ((size_t)(eq - arg) >= CLI_SWEEP_KEY)
		return cli_usage("--sweep: '%.*s' is not a key: expected a "
		    "parameter of the objective", (int)(eq - arg), arg);
	memcpy(sw->key, arg, (size_t)(eq - arg));
	sw->key[eq - arg] = '\0';
	if ((text = strdup(eq + 1)) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	if (strstr(text, "..") != NULL)
		rc = sweep_geometric(text, eq + 1, sw);
	else if (strchr(text, ':') != NULL)
		rc = sweep_linear(text, eq + 1, sw);
	else
		rc = sweep_list(text, eq + 1, sw);
	free(text);
	return rc;
}

/* "--sweep: unknown key 'K' of NAME: expected a, b or c". */
static int
sweep_bad_key(const char *key, const sd_objective_type *type)
{
	const sd_param *p = type->params;
	size_t i, n = sd_params_count(p);
	char list[SD_PARAMS_MAX * 16] = "";

	if (n == 0)
		return cli_usage("--sweep: %s has no parameters to sweep",
		    type->name);
	for (i = 0; i < n; i++)
		sd_list_add(list, sizeof list, i, n, p[i].key);
	return cli_usage("--sweep: unknown key '%s' of %s: expected %s", key,
	    type->name, list);
}

int
cli_sweep_objectives(const cli_sweep *sw, const sd_objective *base,
    sd_objective **objs)
{
	double values[SD_PARAMS_MAX];
	char *spec, *cause = NULL;
	size_t i;
	int rc = 0;

	if (base->type->params == NULL ||
	    sd_params_find(base->type->params, sw->key) < 0)
		return sweep_bad_key(sw->key, base->type);
	for (i = 0; i < sw->n && rc == 0; i++) {
		memcpy(values, base->params, sizeof values);
		spec = sd_printf("%s=%.17g", sw->key, sw->values[i]);
		if (spec == NULL)
			rc = cli_runtime_error(sd_printf("out of memory"));
		else if (sd_params_parse(base->type->params, base->type->name,
		    spec, values, &cause) != 0)
			rc = cli_usage("--sweep: %s", cause);
		free(spec);
		free(cause);
		cause = NULL;
		if (rc != 0)
			break;
		spec = sd_printf("%s%c%s=%.17g", base->spec,
		    strchr(base->spec, ':') ? ',' : ':', sw->key,
		    sw->values[i]);
		if ((rc = cli_objective(spec ? spec : "", &objs[i])) != 0)
			objs[i] = NULL;
		free(spec);
	}
	if (rc != 0)
		cli_sweep_free(objs, i);
	return rc;
}

int
cli_sweep_take(const cli_sweep *sw, sd_objective *base, sd_objective **objs,
    size_t *n)
{
	int rc;

	if (sw == NULL) {
		objs[0] = base;
		*n = 1;
		return 0;
	}
	rc = cli_sweep_objectives(sw, base, objs);
	sd_objective_free(base);
	*n = rc == 0 ? sw->n : 0;
	return rc;
}

void
cli_sweep_free(sd_objective **objs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		sd_objective_free(objs[i]);
}

void
cli_sweep_bar(FILE *fp, double fraction, int width)
{
	static const char *const eighths[] = { "", "▏", "▎", "▍", "▌", "▋",
	    "▊", "▉" };
	int cells, k, utf8;

	setlocale(LC_CTYPE, "");
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	fraction = isnan(fraction) ? 0 : fmin(1, fmax(0, fraction));
	cells = (int)lround(fraction * width * (utf8 ? 8 : 1));
	for (k = 0; k < cells / (utf8 ? 8 : 1); k++)
		fputs(utf8 ? "█" : "#", fp);
	if (utf8)
		fputs(eighths[cells % 8], fp);
}
