/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart.h: two-dimensional views of a d-dimensional objective.
 *
 * A chart maps screen coordinates (a, b) to a point x of the objective's
 * space. Two kinds:
 *
 * plane	the slice x = c + a·u + b·v with u, v orthonormal. For a plain
 *		2D objective the default chart is the identity (c = 0, u = e1,
 *		v = e2), so chart coordinates are x1, x2.
 * sphere	longitude a and latitude b on the great sphere of the
 *		3-dimensional subspace spanned by orthonormal u, v, w:
 *		x = cos b·(cos a·u + sin a·v) + sin b·w, so u is at (0, 0), v at
 *		(π/2, 0) and w is the north pole (a, π/2). For objectives on
 *		S^{d−1}; when d = 3 it covers the whole sphere.
 *
 * Optimizers and the finder work in the full space; a point x is seen
 * through sd_chart_project: its chart coordinates and its offset, the
 * distance from x to the drawn slice (the plane, or the great sphere).
 *
 * Besides the objective's default chart, a chart can be built from a
 * choice written as text (the --chart option and the :chart command):
 *
 *	default			the objective's own chart
 *	random[:SEED]		two random directions through the current
 *				chart's origin (filter-normalized for networks,
 *				Li et al. 2018)
 *	hessian:P		the eigenvectors of the Hessian's most negative
 *				and most positive eigenvalues at P
 *	points:P1;P2;P3		the plane through three points
 *	trajectory		the plane of the first two principal components
 *				of an optimizer's path
 *
 * where a point P is "a,b" (coordinates in the current chart) or
 * "x1,...,xd" (full coordinates, when d > 2). On a sphere every choice gives
 * a sphere chart (hessian: the great sphere through P along the two
 * eigenvectors; points: the span of the three; trajectory: the span of the
 * path's first three principal directions). */
#ifndef SADDLE_CHART_H
#define SADDLE_CHART_H

#include <stddef.h>

#include "objectives/objective.h"

/* The largest dimension a point written in a chart choice may have. */
#define SD_CHART_POINT_MAX 256

typedef enum sd_chart_kind {
	SD_CHART_PLANE = 0,
	SD_CHART_SPHERE
} sd_chart_kind;

typedef struct sd_chart {
	sd_chart_kind	 kind;
	size_t		 dim;
	double		*origin;	/* owned; c, dim entries (0 on a
					 * sphere chart) */
	double		*u;		/* owned; unit, dim entries */
	double		*v;		/* owned; unit, ⟂ u, dim entries */
	double		*w;		/* owned; sphere: the pole, unit, ⟂ u
					 * and v; plane: zero */
	sd_window	 window;	/* the window that shows what the
					 * chart was built for: the objective's
					 * window, the three points, the path;
					 * [−π,π]×[−π/2,π/2] on a sphere */
} sd_chart;

/* The objective's default chart: its type's default_chart hook when it has
 * one (pca: the plane of v1 and v2; tensor: the sphere of a1, a2, a3),
 * else the plane of its first two coordinates through the origin, with the
 * type's window. Returns -1 (with *cause) on failure. */
int sd_chart_init_default(sd_chart *chart, const sd_objective *obj,
    char **cause);

/* A plane chart through origin spanned by u and v (orthonormalized here;
 * -1 when they are parallel or zero). Its window is [−1,1]². */
int sd_chart_init_plane(sd_chart *chart, size_t dim, const double *origin,
    const double *u, const double *v, char **cause);

/* A sphere chart on the great sphere of span(u, v, w), orthonormalized in
 * that order (−1 when they are dependent or dim < 3). */
int sd_chart_init_sphere(sd_chart *chart, size_t dim, const double *u,
    const double *v, const double *w, char **cause);

/* A copy of src in dst (which must not be initialized). */
int sd_chart_copy(sd_chart *dst, const sd_chart *src, char **cause);

/* Release what a chart owns. */
void sd_chart_done(sd_chart *chart);

/* x = c + a·u + b·v, or on a sphere chart the point at longitude a and
 * latitude b (a unit vector). */
void sd_chart_lift(const sd_chart *chart, double a, double b, double *x);

/* The chart coordinates of x's orthogonal projection onto the plane, and
 * (when offset is not NULL) the distance of x from the plane. On a sphere
 * chart: the longitude a ∈ [−π, π] and latitude b ∈ [−π/2, π/2] of x's
 * projection onto span(u, v, w), and the distance from x to the nearest
 * point of the great sphere. */
void sd_chart_project(const sd_chart *chart, const double *x, double *a,
    double *b, double *offset);

/* f at chart point (a, b); work has dim entries. */
double sd_chart_f(const sd_chart *chart, const sd_objective *obj, double a,
    double b, double *work);

/* ---- charts built for a purpose (chart_purpose.c) ---------------------- */

/* Two random directions through origin (seeded). On a network (the type
 * has filter_size) each filter of a direction is rescaled to the norm of
 * the same filter of origin (Li et al. 2018's filter normalization) before
 * the two are orthonormalized. On a sphere: a random great sphere through
 * origin (which is normalized). */
int sd_chart_init_random(sd_chart *chart, const sd_objective *obj,
    const double *origin, unsigned long seed, char **cause);

/* Through x, along the eigenvectors of the Hessian's most negative and most
 * positive eigenvalues (on a sphere the Riemannian Hessian's, on the
 * tangent space): the view that shows how a saddle is escaped. */
int sd_chart_init_hessian(sd_chart *chart, const sd_objective *obj,
    const double *x, char **cause);

/* The plane through p1, p2, p3: origin at the midpoint of p1 and p2, u
 * along p2 − p1, so p1 and p2 sit at (∓r, 0) and p3 above the a axis (two
 * minima and the saddle between them). On a sphere: the great sphere of
 * span(p1, p2, p3) with p1 at (0, 0). -1 when the points are collinear. */
int sd_chart_init_points(sd_chart *chart, const sd_objective *obj,
    const double *p1, const double *p2, const double *p3, char **cause);

/* The plane through the path's last point spanned by the first two
 * principal components of x_i − x_last (Li et al. 2018), path row-major
 * n × dim (n ≥ 3); -1 when the path stays on a line. On a sphere: the
 * great sphere through the last point and the path's leading principal
 * directions (uncentred, since the sphere's centre is 0), the last point
 * at (0, 0). */
int sd_chart_init_trajectory(sd_chart *chart, const sd_objective *obj,
    const double *path, size_t n, char **cause);

typedef struct sd_chart_choice sd_chart_choice;

/* What a chosen chart is built from. */
typedef struct sd_chart_source {
	const sd_chart_choice	*choice;
	const double		*x;	/* the choice's points in full
					 * coordinates, one after another;
					 * for one built from the current
					 * chart that names none, that
					 * chart's (0, 0) */
	const double		*path;	/* n × dim, row-major, or NULL */
	size_t			 n;
} sd_chart_source;

/* What may follow a choice's name after ':'. */
typedef enum sd_chart_arg {
	SD_CHART_ARG_NONE = 0,
	SD_CHART_ARG_OPTIONAL,
	SD_CHART_ARG_NEEDED
} sd_chart_arg;

/* A kind of choice: one line of sd_chart_choice_types[] (chart_choice.c).
 * Usage messages, completion and the tests walk the same table. */
typedef struct sd_chart_choice_type {
	const char	*name;		/* the word before ':' */
	const char	*syntax;	/* as usage messages write it:
					 * "points:P1;P2;P3" */
	sd_chart_arg	 arg;
	size_t		 points;	/* how many points P the argument
					 * names (hessian 1, points 3) */
	const char	*needs;		/* what a missing argument lacks:
					 * "a point" */
	int		 current;	/* built from the current chart's
					 * points or origin */
	int		 path;		/* built from an optimizer's path */

	/* Parse the argument after ':' (NULL when absent) into choice;
	 * NULL: the choice takes none. */
	int	(*parse)(const char *arg, size_t dim, sd_chart_choice *choice,
		    char **cause);
	/* Build the chart. */
	int	(*build)(sd_chart *chart, const sd_objective *obj,
		    const sd_chart_source *src, char **cause);
} sd_chart_choice_type;

/* The choices, NULL-terminated, in the order usage messages list them. */
extern const sd_chart_choice_type *const sd_chart_choice_types[];

/* A parsed chart choice; its points are resolved against a chart only
 * when the chart is built. */
struct sd_chart_choice {
	const sd_chart_choice_type *type;
	unsigned long	 seed;		/* random; 1 when not given */
	size_t		 n_points;	/* hessian: 1; points: 3 */
	size_t		 len[3];	/* 2 (chart coordinates) or dim */
	double		 point[3][SD_CHART_POINT_MAX];
};

/* The choice called name (the whole word, no argument), or NULL. */
const sd_chart_choice_type *sd_chart_choice_find(const char *name);

/* The choices' syntax as a list, "default, random[:SEED], ... or
 * trajectory"; those built from a path only when path is set. */
void sd_chart_choice_list(int path, char *buf, size_t len);

/* Parse a choice for an objective of dimension dim. Errors name the bad
 * word and list what is accepted. */
int sd_chart_choice_parse(const char *text, size_t dim,
    sd_chart_choice *choice, char **cause);

/* Build the chart a choice names. Two-number points are chart coordinates
 * in current (NULL: the default chart); random charts pass through
 * current's origin (NULL: the default chart's); path (n × dim, row-major)
 * is the trajectory, needed only by choices built from a path. */
int sd_chart_init_choice(sd_chart *chart, const sd_objective *obj,
    const sd_chart_choice *choice, const sd_chart *current,
    const double *path, size_t n, char **cause);

/* Parse text and build its chart: sd_chart_choice_parse followed by
 * sd_chart_init_choice. */
int sd_chart_init_text(sd_chart *chart, const sd_objective *obj,
    const char *text, const sd_chart *current, const double *path,
    size_t n, char **cause);

#endif
