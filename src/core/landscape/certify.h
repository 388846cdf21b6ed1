/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify.h: every stationary point of a two-dimensional objective in a
 * window, with a proof — or the regions where no proof was found.
 *
 * Branch and prune over the window in chart coordinates, on rigorous
 * enclosures of ∇f and ∇²f over a box (interval hyper-dual numbers over
 * the objective's formula: expr.h's sd_expr_eval_box, interval.h):
 *
 *   discard	a box where 0 ∉ ∇f(box), or where f is defined nowhere;
 *   prove	a box where the Krawczyk operator K maps the box into its
 *		interior: exactly one root there (and none when K misses
 *		the box); where K only shrinks the box the search goes on
 *		in box ∩ K;
 *   inflate	otherwise, Newton from the box's centre; a box around the
 *		root it reaches is tried (a root on a bisection line is in
 *		the interior of no box of the bisection);
 *   bisect	otherwise, across the longer side (relative to the window),
 *		breadth first, down to a box of SD_CERTIFY_WIDTH × the
 *		window's side; a box that lies on a continuum of roots
 *		(certify_continuum.c) only down to a 256th of it, where
 *		it is kept unresolved: splitting it further would only
 *		leave more unresolved boxes along the curve.
 *
 * Boxes the search could not decide — degenerate points (a singular
 * Hessian defeats every Newton test), kinks (abs, sqrt at 0), continua,
 * and whatever was left when a limit (boxes, time) was reached — are
 * unresolved, merged into regions where they touch, each with its
 * reasons (unresolved.h) and, on a continuum, points found on it. The list of proven
 * roots is complete exactly when no region is unresolved. Two proven
 * roots are the same root only when the one's enclosure lies inside the
 * other's proof box; no distance decides it. */
#ifndef SADDLE_CERTIFY_H
#define SADDLE_CERTIFY_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/unresolved.h"
#include "objectives/objective.h"

#define SD_CERTIFY_BOXES	200000	/* boxes examined, at most */
#define SD_CERTIFY_MS		2000	/* ms of the thread's CPU time, at most */
#define SD_CERTIFY_WIDTH	0x1p-32	/* least box side, × window side */

typedef struct sd_certify_options {
	size_t	max_boxes;	/* 0: SD_CERTIFY_BOXES */
	double	max_ms;		/* 0: SD_CERTIFY_MS */
} sd_certify_options;

/* A proven root: the only zero of ∇f in box, inside enclosure. */
typedef struct sd_certify_root {
	double		a, b;		/* Newton-refined, in the enclosure */
	sd_window	box;		/* where it is proven unique */
	sd_window	enclosure;	/* where it is */
} sd_certify_root;

typedef struct sd_certify_result {
	sd_certify_root	*roots;		/* in the window */
	size_t		 n_roots;
	sd_window	*regions;	/* unresolved, merged */
	sd_unresolved_why *why;		/* n_regions: why each is */
	size_t		 n_regions;
	size_t		 boxes;		/* boxes examined */
	int		 limited;	/* stopped by max_boxes or max_ms */
} sd_certify_result;

/* Whether obj through chart has a certified search: a two-dimensional
 * objective with an expression hook, seen through a plane chart. */
int sd_certify_available(const sd_objective *obj, const sd_chart *chart);

/* Search window (closed; a root within sd_finder_slice_tol of an edge
 * counts) of chart. opts may be NULL. On success *out holds the roots and
 * regions (sd_certify_result_done releases them). Returns -1 with *cause
 * when the objective has no certified search, its formula does not
 * compile, or memory runs out. */
int sd_certify_run(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_certify_options *opts,
    sd_certify_result *out, char **cause);

/* Whether (a, b) lies in one of the n windows w (closed). */
int sd_windows_have(const sd_window *w, size_t n, double a, double b);

/* Whether (a, b) lies in the proof box of one of the result's roots. */
int sd_certify_proven_at(const sd_certify_result *r, double a, double b);

/* Release a result's storage. */
void sd_certify_result_done(sd_certify_result *r);

#endif
