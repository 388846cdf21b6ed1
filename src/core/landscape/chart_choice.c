/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_choice.c: the text that chooses a chart (the --chart option and
 * the :chart command) and the table of choices it names, each built by
 * chart.c or chart_purpose.c (see chart.h). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"

/* ---- the arguments ---------------------------------------------------- */

/* Parse one point "n1,n2,..." of 2 or dim numbers into choice point i. */
static int
choice_parse_point(const char *name, const char *text, size_t dim,
    sd_chart_choice *choice, size_t i, char **cause)
{
	size_t count = 1, k = 0;
	char *copy, *item, *next;
	const char *s;
	int rc = 0;

	for (s = text; *s != '\0'; s++)
		count += *s == ',';
	if ((count != 2 && count != dim) || count > SD_CHART_POINT_MAX) {
		return sd_fail(cause, "chart: %s: '%s' has %zu number%s: "
		    "expected a point as a,b (chart coordinates) or %zu full "
		    "coordinates x1,...,x%zu", name, text, count,
		    count == 1 ? "" : "s", dim, dim);
	}
	if ((copy = strdup(text)) == NULL)
		return sd_fail(cause, "out of memory");
	for (item = copy; item != NULL && rc == 0; item = next, k++) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		if (sd_number_parse(item, &choice->point[i][k]) != 0)
			rc = sd_fail(cause, "chart: %s: '%s' is not a number: "
			    "expected a point as a,b or x1,...,x%zu with finite "
			    "numbers such as 1,-0.5", name, item, dim);
	}
	choice->len[i] = count;
	free(copy);
	return rc;
}

/* "hessian:P". */
static int
choice_parse_hessian(const char *arg, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	return choice_parse_point("hessian", arg, dim, choice, 0, cause);
}

/* "points:P1;P2;P3". */
static int
choice_parse_points(const char *arg, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	char *copy, *item, *next;
	size_t i = 0;
	int rc = 0;

	if ((copy = strdup(arg)) == NULL)
		return sd_fail(cause, "out of memory");
	for (item = copy; item != NULL && rc == 0; item = next, i++) {
		if ((next = strchr(item, ';')) != NULL)
			*next++ = '\0';
		if (i == 3) {
			rc = sd_fail(cause, "chart: points: '%s' has more than "
			    "three points: expected P1;P2;P3", arg);
			break;
		}
		rc = choice_parse_point("points", item, dim, choice, i, cause);
	}
	if (rc == 0 && i < 3)
		rc = sd_fail(cause, "chart: points: '%s' has %zu point%s: "
		    "expected three, P1;P2;P3", arg, i, i == 1 ? "" : "s");
	free(copy);
	return rc;
}

/* "random" or "random:SEED". */
static int
choice_parse_random(const char *arg, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	double v;

	(void)dim;
	choice->seed = 1;
	if (arg == NULL)
		return 0;
	if (sd_number_parse(arg, &v) != 0 || v < 0 || v > 4294967295.0 ||
	    v != floor(v))
		return sd_fail(cause, "chart: random: '%s' is not a seed: "
		    "expected a whole number from 0 to 4294967295", arg);
	choice->seed = (unsigned long)v;
	return 0;
}

/* ---- building --------------------------------------------------------- */

/* The objective's own chart. */
static int
choice_build_default(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	(void)src;
	return sd_chart_init_default(chart, obj, cause);
}

/* Random directions through the current chart's (0, 0). */
static int
choice_build_random(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	return sd_chart_init_random(chart, obj, src->x, src->choice->seed,
	    cause);
}

/* The Hessian's extreme eigenvectors at the point. */
static int
choice_build_hessian(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	return sd_chart_init_hessian(chart, obj, src->x, cause);
}

/* The plane through the three points. */
static int
choice_build_points(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	size_t d = obj->dim;

	return sd_chart_init_points(chart, obj, src->x, src->x + d,
	    src->x + 2 * d, cause);
}

/* The plane of the path's principal components. */
static int
choice_build_trajectory(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	return sd_chart_init_trajectory(chart, obj, src->path, src->n, cause);
}

/* ---- the table -------------------------------------------------------- */

static const sd_chart_choice_type choice_default = {
	.name = "default",
	.syntax = "default",
	.build = choice_build_default,
};

static const sd_chart_choice_type choice_random = {
	.name = "random",
	.syntax = "random[:SEED]",
	.arg = SD_CHART_ARG_OPTIONAL,
	.current = 1,
	.parse = choice_parse_random,
	.build = choice_build_random,
};

static const sd_chart_choice_type choice_hessian = {
	.name = "hessian",
	.syntax = "hessian:P",
	.arg = SD_CHART_ARG_NEEDED,
	.points = 1,
	.needs = "a point",
	.current = 1,
	.parse = choice_parse_hessian,
	.build = choice_build_hessian,
};

static const sd_chart_choice_type choice_points = {
	.name = "points",
	.syntax = "points:P1;P2;P3",
	.arg = SD_CHART_ARG_NEEDED,
	.points = 3,
	.needs = "three points",
	.current = 1,
	.parse = choice_parse_points,
	.build = choice_build_points,
};

static const sd_chart_choice_type choice_trajectory = {
	.name = "trajectory",
	.syntax = "trajectory",
	.path = 1,
	.build = choice_build_trajectory,
};

const sd_chart_choice_type *const sd_chart_choice_types[] = {
	&choice_default,
	&choice_random,
	&choice_hessian,
	&choice_points,
	&choice_trajectory,
	NULL
};

/* ---- parsing ---------------------------------------------------------- */

/* The choice called name (length len), or NULL. */
static const sd_chart_choice_type *
choice_lookup(const char *name, size_t len)
{
	const sd_chart_choice_type *const *t;

	for (t = sd_chart_choice_types; *t != NULL; t++) {
		if (strlen((*t)->name) == len &&
		    strncmp((*t)->name, name, len) == 0)
			return *t;
	}
	return NULL;
}

const sd_chart_choice_type *
sd_chart_choice_find(const char *name)
{
	return choice_lookup(name, strlen(name));
}

void
sd_chart_choice_list(int path, char *buf, size_t len)
{
	const sd_chart_choice_type *const *t;
	size_t n = 0, i = 0;

	for (t = sd_chart_choice_types; *t != NULL; t++)
		n += path || !(*t)->path;
	buf[0] = '\0';
	for (t = sd_chart_choice_types; *t != NULL; t++)
		if (path || !(*t)->path)
			sd_list_add(buf, len, i++, n, (*t)->syntax);
}

static int choice_fail(char **, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Fail with "chart: WHAT: expected" and every choice. */
static int
choice_fail(char **cause, const char *fmt, ...)
{
	char list[256], *what;
	va_list ap;
	int rc;

	if (cause == NULL)
		return -1;
	va_start(ap, fmt);
	what = sd_vprintf(fmt, ap);
	va_end(ap);
	sd_chart_choice_list(1, list, sizeof list);
	rc = sd_fail(cause, "chart: %s: expected %s, where a point P is a,b "
	    "(chart coordinates) or x1,...,xd (full coordinates)",
	    what ? what : "?", list);
	free(what);
	return rc;
}

int
sd_chart_choice_parse(const char *text, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	const sd_chart_choice_type *t;
	const char *colon, *arg;
	size_t len;

	memset(choice, 0, sizeof *choice);
	if (text == NULL || *text == '\0')
		return choice_fail(cause, "empty");
	colon = strchr(text, ':');
	len = colon ? (size_t)(colon - text) : strlen(text);
	arg = colon ? colon + 1 : NULL;
	if ((t = choice_lookup(text, len)) == NULL)
		return choice_fail(cause, "unknown chart '%.*s'", (int)len,
		    text);
	choice->type = t;
	choice->n_points = t->points;
	if (t->arg == SD_CHART_ARG_NONE && arg != NULL)
		return choice_fail(cause, "%s takes no argument, got '%s'",
		    t->name, arg);
	if (t->arg == SD_CHART_ARG_NEEDED && (arg == NULL || *arg == '\0'))
		return choice_fail(cause, "%s needs %s after ':'", t->name,
		    t->needs);
	if (t->parse == NULL)
		return 0;
	return t->parse(arg, dim, choice, cause);
}

/* ---- building the chosen chart ----------------------------------------- */

/* Point i of choice in full coordinates into x: chart coordinates are
 * lifted through ref; on a sphere the point is normalized. */
static int
choice_resolve(const sd_chart_choice *choice, size_t i,
    const sd_objective *obj, const sd_chart *ref, double *x, char **cause)
{
	if (choice->len[i] == 2)
		sd_chart_lift(ref, choice->point[i][0], choice->point[i][1], x);
	else
		memcpy(x, choice->point[i], obj->dim * sizeof *x);
	if (sd_objective_retract(obj, x) != 0)
		return sd_fail(cause, "chart: point %zu is 0, which is not on "
		    "the sphere", i + 1);
	return 0;
}

/* Build the chart of choice with ref as the current chart; x has room
 * for three points. */
static int
choice_build(sd_chart *chart, const sd_objective *obj,
    const sd_chart_choice *choice, const sd_chart *ref, const double *path,
    size_t n, double *x, char **cause)
{
	const sd_chart_source src = { choice, x, path, n };
	size_t i, d = obj->dim;

	if (choice->n_points == 0)
		sd_chart_lift(ref, 0, 0, x);
	for (i = 0; i < choice->n_points; i++) {
		if (choice_resolve(choice, i, obj, ref, x + i * d, cause) != 0)
			return -1;
	}
	return choice->type->build(chart, obj, &src, cause);
}

int
sd_chart_init_choice(sd_chart *chart, const sd_objective *obj,
    const sd_chart_choice *choice, const sd_chart *current,
    const double *path, size_t n, char **cause)
{
	sd_chart def;
	double *x;
	size_t i;
	int rc;

	for (i = 0; i < choice->n_points; i++) {
		if (choice->len[i] != 2 && choice->len[i] != obj->dim)
			return sd_fail(cause, "chart: point %zu has %zu "
			    "coordinates: expected 2 or %zu", i + 1,
			    choice->len[i], obj->dim);
	}
	if (!choice->type->current)
		return choice->type->build(chart, obj, &(const sd_chart_source){
		    choice, NULL, path, n }, cause);
	if (current == NULL) {
		if (sd_chart_init_default(&def, obj, cause) != 0)
			return -1;
		current = &def;
	}
	if ((x = malloc(3 * obj->dim * sizeof *x)) == NULL)
		rc = sd_fail(cause, "out of memory");
	else
		rc = choice_build(chart, obj, choice, current, path, n, x,
		    cause);
	free(x);
	if (current == &def)
		sd_chart_done(&def);
	return rc;
}

int
sd_chart_init_text(sd_chart *chart, const sd_objective *obj,
    const char *text, const sd_chart *current, const double *path, size_t n,
    char **cause)
{
	sd_chart_choice choice;

	if (sd_chart_choice_parse(text, obj->dim, &choice, cause) != 0)
		return -1;
	return sd_chart_init_choice(chart, obj, &choice, current, path, n,
	    cause);
}
