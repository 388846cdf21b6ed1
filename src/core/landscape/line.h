/* SPDX-License-Identifier: GPL-3.0-or-later */
/* line.h: f along a segment (the 1D slices of Goodfellow et al. 2015,
 * the interpolation between two minima): the ends are written as text
 * ("a,b" in a chart's coordinates, "x1,...,xd" in full, or "min:K",
 * "saddle:K", ... naming the K-th point of a kind the finder lists) and
 * the segment is sampled evenly, with the stationary points it passes. */
#ifndef SADDLE_LINE_H
#define SADDLE_LINE_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

/* The most samples along a segment. */
#define SD_LINE_SAMPLES_MAX	100000

/* Whether text names a point of the finder's ("KIND:K"), so that the
 * caller knows to find the points first. */
int sd_line_names_point(const char *text);

/* The point text names, into x (obj->dim entries): two numbers are
 * coordinates in chart, obj->dim numbers full coordinates, "KIND:K" the
 * K-th (from 1) point of that kind in points (which may be NULL when text
 * names none). Errors use what ("--from") and name the bad word. */
int sd_line_point(const char *text, const sd_objective *obj,
    const sd_chart *chart, const sd_point_list *points, double *x,
    const char *what, char **cause);

/* n ≥ 2 samples of f at x = p + t·(q − p), t = k/(n − 1): t and f get
 * n entries, x (may be NULL) n × dim, row-major. */
int sd_line_sample(const sd_objective *obj, const double *p, const double *q,
    size_t n, double *t, double *f, double *x, char **cause);

/* Where the segment passes a stationary point of points: the t in [0, 1]
 * of the point's projection onto the segment when the point lies within
 * tol·‖q − p‖ of it, else NaN. */
double sd_line_passes(const double *p, const double *q, size_t dim,
    const sd_point *point, double tol);

#endif
