/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder.h: stationary points of an objective seen through a chart.
 *
 * Seeds on a grid over the window are lifted to the full space; Newton's
 * method on ∇f = 0 (Hessian as Jacobian) runs from each; roots with a tiny
 * gradient are deduplicated and classified from the Hessian's eigenvalues
 * (DESIGN.md §3). Only points inside the closed window (and on the drawn
 * slice, or near it when asked) are reported. With a slice that gives
 * φ's derivatives, the points on it are searched for through φ first
 * (finder_plane.c). */
#ifndef SADDLE_FINDER_H
#define SADDLE_FINDER_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/unresolved.h"
#include "objectives/objective.h"

typedef enum sd_point_kind {
	SD_POINT_MIN = 0,
	SD_POINT_MAX,
	SD_POINT_SADDLE,		/* strict: a negative eigenvalue */
	SD_POINT_DEGENERATE_MIN,
	SD_POINT_DEGENERATE_MAX,
	SD_POINT_DEGENERATE_SADDLE,
	SD_POINT_KIND_COUNT
} sd_point_kind;

typedef struct sd_point {
	sd_point_kind	 kind;
	double		 f;
	double		 grad_norm;	/* ‖∇f‖ (Riemannian on a sphere) */
	double		 lambda_min;	/* extreme Hessian eigenvalues */
	double		 lambda_max;
	double		 a, b;		/* chart coordinates */
	double		 offset;	/* distance from the drawn slice */
	double		*x;		/* dim entries; owned by the list */
	double		*eigen;		/* n_eigen ascending; owned */
	size_t		 n_eigen;	/* dim, or dim − 1 on a sphere */
} sd_point;

typedef struct sd_point_list {
	size_t		 n;
	size_t		 cap;
	size_t		 dim;
	sd_point	*points;	/* sorted by f, then x1, x2, ... */
	int		 complete;	/* proven: every stationary point in
					 * the window is listed (certify.h) */
	size_t		 n_unresolved;	/* regions with no proof either way:
					 * the whole window when the search
					 * could not run */
	sd_window	*unresolved;	/* owned; n_unresolved chart boxes */
	sd_unresolved_why *why;		/* owned; why each is unresolved */
	size_t		 boxes;		/* boxes the certified search
					 * examined; 0 when it did not run */
	int		 near_cut;	/* the search off the slice (near)
					 * stopped at its budget with seeds
					 * left: more points may lie there */
} sd_point_list;

/* The threshold of "near the slice" (`points --all`, the TUI's toggle):
 * a stationary point of the full objective whose offset from the slice is
 * at most this share of the window's larger side L. A quarter of the
 * window: as far off the slice as the plot is wide, about, is still
 * "in view" in the directions the plot cannot show. */
#define SD_FINDER_NEAR	0.25

typedef struct sd_finder_options {
	int	grid;		/* seeds per window side; 0: the default */
	int	max_iter;	/* Newton iterations per seed; 0: default */
	double	near;		/* also report points off the slice whose
				 * offset is at most near × L (L the window's
				 * larger side), such as SD_FINDER_NEAR; 0:
				 * only the points on the slice */
	int	no_certify;	/* 1: the old search only (benchmarks) */
	int	full_space;	/* 1: Newton in R^d from every seed, not
				 * through the slice first (benchmarks,
				 * tests: finder_plane.c) */
	size_t	certify_boxes;	/* the certified search's limits; 0: */
	double	certify_ms;	/* SD_CERTIFY_BOXES and _MS */
	size_t	scan_bytes;	/* a slice of at least this many bytes has
				 * its grid sampled coarse to fine
				 * (finder_scan.c; tests lower it); 0: the
				 * default, 256 KiB */
	int	no_capture;	/* 1: every seed's run to its end, none
				 * stopped at a kept root that captures it
				 * (finder_newton.c; tests compare) */
} sd_finder_options;

/* "min", "max", "saddle", "degenerate-min", ... */
const char *sd_point_kind_name(sd_point_kind kind);

/* Whether kind is a local minimum, strict or degenerate. */
int sd_point_kind_is_min(sd_point_kind kind);

/* Find the stationary points inside window (closed) of chart: through
 * the certified search where the objective has one (certify.h), with
 * Newton from seeds in the regions it leaves unresolved; by Newton from
 * seeds alone otherwise (complete is then 0, the window unresolved). opts may be
 * NULL for the defaults. On success *out holds the sorted list (call
 * sd_point_list_done). Returns -1 with *cause on allocation failure. */
int sd_finder_run(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_finder_options *opts,
    sd_point_list *out, char **cause);

/* Fold each continuum of stationary points the certified search met
 * (list->why[i] with SD_UNRESOLVED_CONTINUUM and a point through it)
 * into one row per kind: the root nearest its first through point stays,
 * the region's other roots of that kind that lie on a curve of roots go
 * (Newton across the curve from beside them reaches another root); an
 * isolated degenerate point stays (continua.c). Plane charts of two
 * dimensions (where continua are recognised); elsewhere nothing goes.
 * Returns how many went. */
size_t sd_point_list_fold_continua(sd_point_list *list,
    const sd_objective *obj, const sd_chart *chart);

/* The largest offset of a point that lies on the slice of window (up to
 * rounding): points beyond it are the near ones. */
double sd_finder_slice_tol(const sd_window *window);

/* Classify the point x (assumed stationary) and fill *pt, allocating its
 * x and eigen arrays (sd_point_done releases them); a and b are x1 and x2,
 * offset 0. Where f is constant around x to rounding the kind is
 * degenerate-min (no neighbour is lower). Returns -1 with *cause on
 * allocation failure or when f, ∇f or ∇²f is not finite at x. */
int sd_finder_classify(const sd_objective *obj, const double *x,
    sd_point *pt, char **cause);

/* The second-order test on the n eigenvalues lam of a Hessian with
 * tolerance tol: SD_POINT_MIN when all are above tol, SD_POINT_MAX when
 * all are below −tol, SD_POINT_SADDLE when some are each, -1 when the
 * test cannot decide (some within tol of 0, and no saddle). */
int sd_finder_second_order(const double *lam, size_t n, double tol);

/* sd_finder_classify with the length that sets the circle radii of the
 * degenerate test (sd_finder_run passes the window's larger side;
 * sd_finder_classify uses max(1, ‖x‖)). */
int sd_finder_classify_scale(const sd_objective *obj, const double *x,
    double length, sd_point *pt, char **cause);

/* Release one point's x and eigen arrays (from sd_finder_classify). */
void sd_point_done(sd_point *pt);

/* Release a point list's storage. */
void sd_point_list_done(sd_point_list *list);

#endif
