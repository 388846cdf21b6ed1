/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_util.h: what the finder's test programs share: objectives of
 * test-local types, running the finder over a chart, looking points up,
 * and what every list of points must satisfy. Include after <cmocka.h>. */
#ifndef SADDLE_FINDER_UTIL_H
#define SADDLE_FINDER_UTIL_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

/* The largest dimension of an objective these tests take. */
#define DIM_MAX 256

/* An objective of a test-local type. */
sd_objective *make_type(const sd_objective_type *type);

/* Run the finder on obj through chart over w (NULL: the chart's window). */
void find_chart(const sd_objective *obj, const sd_chart *chart,
    const sd_window *w, sd_point_list *list);

/* Run the finder on obj through its default chart over w (NULL: the
 * type's window). */
void find(const sd_objective *obj, const sd_window *w, sd_point_list *list);

/* How many points of the list are of this kind. */
size_t count_kind(const sd_point_list *list, sd_point_kind kind);

/* The point of the list nearest (x1, x2), which must be within tol. */
const sd_point *near(const sd_point_list *list, double x1, double x2,
    double tol);

/* ‖∇f(x)‖ (Riemannian on the sphere), recomputed. */
double grad_norm(const sd_objective *obj, const double *x);

/* What every list must satisfy: finite values, points inside the window
 * and on the slice, a gradient that vanishes there (at most tol), the kind
 * agreeing with the eigenvalues' signs, and the output order. */
void check_list(const sd_objective *obj, const sd_chart *chart,
    const sd_window *w, const sd_point_list *list, double tol);

#endif
