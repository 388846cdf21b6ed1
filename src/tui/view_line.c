/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_line.c: f along a segment, as :line shows it in the panel (see
 * view.h; the sampling is the core's, landscape/line.h, as for
 * `saddle line`). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/line.h"
#include "view.h"

/* A stationary point within this part of the segment's length of it is
 * on it. */
#define VIEW_LINE_NEAR 1e-3

void
view_clear_line(view *v)
{
	free(v->line.p);
	free(v->line.q);
	v->line.p = v->line.q = NULL;
	v->line.n = 0;
}

int
view_set_line(view *v, const char *ptext, const char *qtext, size_t n,
    char **cause)
{
	const sd_point_list *pts = v->points_valid ? &v->points : NULL;
	const size_t d = v->obj->dim;
	double *p, *q, t[VIEW_LINE_MAX], f[VIEW_LINE_MAX];

	if (n < 2 || n > VIEW_LINE_MAX)
		return sd_fail(cause, "line: %zu samples: expected 2 to %d", n,
		    VIEW_LINE_MAX);
	p = malloc(d * sizeof *p);
	q = malloc(d * sizeof *q);
	if (p == NULL || q == NULL) {
		free(p);
		free(q);
		return sd_fail(cause, "out of memory");
	}
	if (sd_line_point(ptext, v->obj, &v->chart, pts, p, "line",
	    cause) != 0 || sd_line_point(qtext, v->obj, &v->chart, pts, q,
	    "line", cause) != 0 || sd_line_sample(v->obj, p, q, n, t, f, NULL,
	    cause) != 0) {
		free(p);
		free(q);
		return -1;
	}
	view_clear_line(v);
	v->line.p = p;
	v->line.q = q;
	v->line.n = n;
	memcpy(v->line.f, f, n * sizeof *f);
	snprintf(v->line.text, sizeof v->line.text, "%s → %s", ptext, qtext);
	return 0;
}

double
view_line_passes(const view *v, size_t i)
{
	if (v->line.n == 0 || !v->points_valid || i >= v->points.n)
		return NAN;
	return sd_line_passes(v->line.p, v->line.q, v->obj->dim,
	    &v->points.points[i], VIEW_LINE_NEAR);
}
