/* SPDX-License-Identifier: GPL-3.0-or-later */
/* line.c: f along a segment (see line.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"
#include "landscape/line.h"

/* The kind a "KIND:" prefix of text names, or −1; *rest gets what
 * follows the colon. */
static int
line_kind(const char *text, const char **rest)
{
	const char *colon = strchr(text, ':');
	size_t len;
	int k;

	if (colon == NULL)
		return -1;
	len = (size_t)(colon - text);
	for (k = 0; k < SD_POINT_KIND_COUNT; k++) {
		if (strlen(sd_point_kind_name((sd_point_kind)k)) == len &&
		    strncmp(text, sd_point_kind_name((sd_point_kind)k),
		    len) == 0) {
			*rest = colon + 1;
			return k;
		}
	}
	return -1;
}

int
sd_line_names_point(const char *text)
{
	const char *rest;

	return line_kind(text, &rest) >= 0;
}

/* "KIND:K": the K-th point of that kind in the finder's order. */
static int
line_named(const char *text, int kind, const char *rest,
    const sd_point_list *points, double *x, const char *what,
    char **cause)
{
	unsigned long want, seen = 0;
	size_t i;

	if (sd_whole_parse(what, rest, 1, SD_LINE_SAMPLES_MAX, &want,
	    cause) != 0)
		return -1;
	for (i = 0; points != NULL && i < points->n; i++) {
		if ((int)points->points[i].kind == kind && ++seen == want) {
			memcpy(x, points->points[i].x, points->dim * sizeof *x);
			return 0;
		}
	}
	return sd_fail(cause, "%s: '%s': there %s %lu %s point%s in the "
	    "window: expected a number from 1 to %lu", what, text,
	    seen == 1 ? "is" : "are", seen,
	    sd_point_kind_name((sd_point_kind)kind), seen == 1 ? "" : "s",
	    seen);
}

int
sd_line_point(const char *text, const sd_objective *obj,
    const sd_chart *chart, const sd_point_list *points, double *x,
    const char *what, char **cause)
{
	const char *rest, *s;
	size_t count = 1;
	double ab[2];
	int kind, rc;

	if ((kind = line_kind(text, &rest)) >= 0)
		return line_named(text, kind, rest, points, x, what, cause);
	for (s = text; *s != '\0'; s++)
		count += *s == ',';
	if (count != 2 && count != obj->dim)
		return sd_fail(cause, "%s: '%s' is not a point: expected a,b "
		    "(chart coordinates), %zu full coordinates x1,...,x%zu, or "
		    "KIND:K (min:1, saddle:1, ...: the finder's K-th point of "
		    "that kind)", what, text, obj->dim, obj->dim);
	if (count == obj->dim && count != 2)
		return sd_numbers_parse(text, count, x, what, cause);
	if ((rc = sd_numbers_parse(text, 2, ab, what, cause)) == 0)
		sd_chart_lift(chart, ab[0], ab[1], x);
	return rc;
}

int
sd_line_sample(const sd_objective *obj, const double *p, const double *q,
    size_t n, double *t, double *f, double *x, char **cause)
{
	const size_t d = obj->dim;
	double *at;
	size_t k, i;

	if (n < 2)
		return sd_fail(cause, "a segment needs at least 2 samples");
	if ((at = malloc(d * sizeof *at)) == NULL)
		return sd_fail(cause, "out of memory");
	for (k = 0; k < n; k++) {
		t[k] = (double)k / (double)(n - 1);
		/* The ends exactly: p + 1·(q − p) need not round to q. */
		for (i = 0; i < d; i++)
			at[i] = k + 1 == n ? q[i] : p[i] + t[k] * (q[i] - p[i]);
		f[k] = sd_objective_f(obj, at);
		if (x != NULL)
			memcpy(x + k * d, at, d * sizeof *at);
	}
	free(at);
	return 0;
}

double
sd_line_passes(const double *p, const double *q, size_t dim,
    const sd_point *point, double tol)
{
	double dd = 0, dx = 0, t, gap = 0, e;
	size_t i;

	for (i = 0; i < dim; i++) {
		dd += (q[i] - p[i]) * (q[i] - p[i]);
		dx += (point->x[i] - p[i]) * (q[i] - p[i]);
	}
	if (!(dd > 0))
		return NAN;
	t = dx / dd;
	if (t < 0 || t > 1)
		return NAN;
	for (i = 0; i < dim; i++) {
		e = point->x[i] - p[i] - t * (q[i] - p[i]);
		gap += e * e;
	}
	return gap <= tol * tol * dd ? t : NAN;
}
