/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objective.h: the functions saddle draws and minimizes.
 *
 * An objective type is a const table (GSL style): name, text for people,
 * dimension, f with its analytic gradient and Hessian, a default window,
 * and a parameter table. A type with parameters or data has a private
 * state built by init from the parsed parameter values. An objective
 * (sd_objective) is one instance: a type, its parameter values and state.
 *
 * Every type is listed once in sd_objective_types[] (objective_registry.c);
 * adding an objective is one file (or one entry in a family file) and one
 * line in that table. */
#ifndef SADDLE_OBJECTIVE_H
#define SADDLE_OBJECTIVE_H

#include <stddef.h>

#include "base/params.h"

struct sd_chart;
struct sd_objective;
struct sd_objective_slice;

/* Where the objective lives: all of R^d, or the unit sphere S^{d-1}. */
typedef enum sd_manifold {
	SD_EUCLIDEAN = 0,
	SD_SPHERE
} sd_manifold;

/* Two numbers returned in registers (the SysV and AArch64 ABIs return a
 * struct of two doubles in two floating-point registers): a point or a
 * gradient of a two-dimensional objective (fg2 below). */
typedef struct sd_pair {
	double	x, y;
} sd_pair;

/* A rectangle in chart coordinates: a in [xmin, xmax], b in [ymin, ymax]. */
typedef struct sd_window {
	double	xmin, xmax;
	double	ymin, ymax;
} sd_window;

typedef struct sd_objective_type {
	const char	*name;		/* registry name, e.g. "himmelblau" */
	const char	*summary;	/* one line for `saddle list` */
	const char	*formula;	/* UTF-8 formula text */
	size_t		 dim;		/* dimension, or 0 when init sets it */
	sd_manifold	 manifold;
	sd_window	 window;	/* default window of the default chart */
	const sd_param	*params;	/* NULL-key terminated, or NULL */
	size_t		 state_size;	/* bytes of private state, or 0 */
	/* The data an instance draws once and every user shares (the
	 * field, the finder, the racers, the TUI's jobs), for `saddle
	 * list`: its size as a formula ("n·d + n doubles (samples,
	 * labels)") and in doubles for parameter values. NULL for types
	 * that hold a few numbers. */
	const char	*data;
	size_t		(*data_doubles)(const double *params);

	/* Build state from parameter values; set *dim when the type's dim is
	 * 0. May be NULL when state_size is 0. */
	int	(*init)(void *state, const double *params, size_t *dim,
		    char **cause);
	/* Release what init allocated inside state (not state itself). */
	void	(*done)(void *state);

	/* f(x); x has dim entries. */
	double	(*f)(const void *state, const double *x);
	/* g = ∇f(x) (Euclidean, ambient for sphere objectives). */
	void	(*grad)(const void *state, const double *x, double *g);
	/* h = ∇²f(x), row-major dim×dim (ambient for sphere objectives). */
	void	(*hess)(const void *state, const double *x, double *h);
	/* Optional: hv = ∇²f(x)·v without forming ∇²f (ambient on the
	 * sphere), in the time of a gradient: what the finder and newton
	 * use from SD_KRYLOV_DIM on (krylov.h). NULL: sd_objective_hvp
	 * multiplies by the dense Hessian. */
	void	(*hvp)(const void *state, const double *x, const double *v,
		    double *hv);
	/* Optional, with hvp: what every product at x computes before v
	 * enters, computed once for the many products at one x of Lanczos
	 * and MINRES (twolayer: φ' and r·φ'' at each sample and unit, a
	 * pass over the data and k·n activations a product). hvp_prepare
	 * returns it in one malloc'd block (free() releases it; NULL: out
	 * of memory, or declined, and hvp serves); hvp_prepared gives hvp's
	 * bits at that x from it (sd_objective_hvp_prep). */
	void	*(*hvp_prepare)(const void *state, const double *x);
	void	(*hvp_prepared)(const void *state, const void *prep,
		    const double *v, double *hv);

	/* Optional hooks; NULL when the objective has no use for them. */

	/* Two-dimensional objectives: f as a formula in x and y that
	 * sd_expr_compile reads (expr.h), with the parameters in state
	 * written in, so that the certified search (certify.h) can enclose
	 * f and its derivatives over a box. Writes at most size bytes
	 * (snprintf's rules; buf may be NULL when size is 0) and returns
	 * the formula's length, or -1 when it has none (the TUI's jobs
	 * refuse it once cancelled: the search asks again as it runs). */
	int	(*expression)(const void *state, char *buf, size_t size);

	/* Build the chart the objective is best seen through (chart.h):
	 * pca's plane of v1 and v2, the tensor's sphere. NULL: the plane of
	 * the first two coordinates through the origin. */
	int	(*default_chart)(const struct sd_objective *obj,
		    struct sd_chart *chart, char **cause);
	/* Networks: x is made of consecutive filters (one hidden unit's
	 * weights) of this many entries, for the filter-normalized random
	 * directions of Li et al. 2018. */
	size_t	(*filter_size)(const void *state);
	/* Sums over samples (glm, matcomp, twolayer): how many samples. */
	size_t	(*samples)(const void *state);
	/* An unbiased estimate of ∇f from the samples idx[0..m−1] (sgd's
	 * minibatch): its mean over uniform idx is the full gradient. */
	void	(*grad_batch)(const void *state, const double *x,
		    const size_t *idx, size_t m, double *g);
	/* f and ∇f at n points in structure-of-arrays layout (coordinate k
	 * of point i is x[k][i]; writes f[i] and g[k][i]), written so the
	 * compiler vectorizes it. The same operations as f and grad in the
	 * same order, so the same bits. NULL: sd_objective_fg_batch loops
	 * over f and grad. */
	void	(*fg_batch)(const void *state, size_t n,
		    const double *const *x, double *f, double *const *g);
	/* Two-dimensional objectives on R²: f at (x, y) into *f and ∇f
	 * returned, the same operations as f and grad, so the same bits,
	 * with the point and the gradient in registers. The single-run
	 * engine's loop (sd_optimizer_advance) then keeps the iterate out
	 * of memory: stored and read back by f and grad, it costs as much
	 * again as the gradient itself. NULL: f and grad. */
	sd_pair	(*fg2)(const void *state, double x, double y, double *f);
	/* Along a plane chart x = c + a·u + b·v: project the data on c, u
	 * and v once (glm: three n-vectors), so that f at a chart point
	 * costs O(n) (pca: O(1)), not O(n·d); fills *slice, which owns
	 * what it holds and outlives state. NULL, or a slice left with
	 * f NULL (an instance that declines): f at the lifted point. */
	int	(*slice_new)(const void *state, const double *c,
		    const double *u, const double *v,
		    struct sd_objective_slice *slice, char **cause);
	/* The global minimum's value when the objective knows it in
	 * closed form (twolayer: 0 when the student is at least as wide as
	 * the teacher), NaN when it does not (a narrower student); NULL: not
	 * known. A survey's "global" is this value when it is known. */
	double	(*fmin)(const void *state);
	/* The parameter the data were drawn from (glm's w*, twolayer's
	 * teacher when it has the student's shape): dim entries, or NULL.
	 * `points` reports each point's distance to it. */
	const double *(*planted)(const void *state);
} sd_objective_type;

/* f along one plane chart, made by a type's slice_new: the chart's
 * projections of the data and the function that reads them. */
typedef struct sd_objective_slice {
	void	*data;		/* owned, released by free_data */
	/* f at the m chart points (a[k], b[k]) into f[k], within 1e-12
	 * (relative) of f at the lifted points; safe to call from several
	 * threads at once; each f[k] the same bits whatever the other
	 * points. */
	void	(*f)(const void *data, size_t m, const double *a,
		    const double *b, double *f);
	/* f at every (a[i], b[j]), i < na, j < nb, into f[j·stride + i]:
	 * the same bits as f gives each point, with the work shared along
	 * rows and columns (glm: an exp per row and per column instead of
	 * per point). NULL: f row by row. */
	void	(*grid)(const void *data, size_t na, const double *a,
		    size_t nb, const double *b, double *f, size_t stride);
	/* Optional: φ(a, b) = f(c + a·u + b·v) at one chart point, with
	 * its analytic gradient g = (φ_a, φ_b) and Hessian h = (φ_aa,
	 * φ_ab, φ_bb), in O(n) (pca: O(1)): what the finder runs Newton
	 * on to find the slice's stationary points before it looks at
	 * them in R^d (finder_plane.c). NULL: the finder works in R^d. */
	void	(*fgh)(const void *data, double a, double b, double *f,
		    double *g, double *h);
	/* Optional, with fgh: φ_a and φ_b at every (a[i], b[j]) into
	 * ga and gb [j·stride + i], the work shared along rows and
	 * columns as in grid (glm's exps). NULL: fgh point by point. */
	void	(*grad_grid)(const void *data, size_t na, const double *a,
		    size_t nb, const double *b, double *ga, double *gb,
		    size_t stride);
	/* Optional, with grid and grad_grid: both at every node in one
	 * pass (glm: a quotient per two samples for both), each output
	 * the same bits as grid and grad_grid give it. NULL: the two. */
	void	(*fg_grid)(const void *data, size_t na, const double *a,
		    size_t nb, const double *b, double *f, double *ga,
		    double *gb, size_t stride);
	void	(*free_data)(void *data);
	size_t	 bytes;		/* the size of data */
} sd_objective_slice;


/* An objective's scale on its default window (sd_objective_scale). */
typedef struct sd_scale {
	double	L;	/* largest |Hessian eigenvalue| on a grid over the
			 * window: the gradient's Lipschitz constant there */
	double	D;	/* the window's shorter side (at most 2 on a sphere) */
	double	M;	/* largest ‖∇²f(p) − ∇²f(q)‖_F / ‖p − q‖ between grid
			 * neighbours: the Hessian's Lipschitz constant */
} sd_scale;

/* Where an objective keeps its scale once measured (opaque). */
typedef struct sd_scale_memo sd_scale_memo;

typedef struct sd_objective {
	const sd_objective_type	*type;
	size_t			 dim;
	double			 params[SD_PARAMS_MAX];
	void			*state;		/* owned; type->state_size bytes */
	char			*spec;		/* owned; canonical "name:k=v,..." */
	sd_scale_memo		*memo;		/* owned; the scale, measured
						 * once (objectives built by
						 * hand may leave it NULL:
						 * measured at every call) */
} sd_objective;

/* The registry, NULL-terminated, in the order `saddle list` shows. */
extern const sd_objective_type *const sd_objective_types[];

/* The type called name, or NULL. */
const sd_objective_type *sd_objective_lookup(const char *name);

/* Parse "NAME" or "NAME:key=value,..." and build the objective. Unknown
 * names list the known ones; bad keys or values name the word and list
 * what is valid. Returns NULL with *cause set on error. */
sd_objective *sd_objective_new(const char *spec, char **cause);

/* Build an objective from a type and parameter text (may be NULL). */
sd_objective *sd_objective_new_type(const sd_objective_type *type,
    const char *params, char **cause);

/* Build an objective around a state its caller prepared (a user formula
 * compiled by sd_expr_compile): type->init is not called and parameters
 * keep their defaults. The objective takes ownership of state (released by
 * type->done, then free) and copies spec. type must outlive the
 * objective and may live inside state. On failure state is released too;
 * returns NULL with *cause set. */
sd_objective *sd_objective_new_state(const sd_objective_type *type,
    void *state, const char *spec, char **cause);

/* Free an objective and everything it owns; NULL is fine. */
void sd_objective_free(sd_objective *obj);

/* f(x). */
double sd_objective_f(const sd_objective *obj, const double *x);

/* Euclidean (ambient) gradient ∇f(x) into g. */
void sd_objective_gradient(const sd_objective *obj, const double *x,
    double *g);

/* Euclidean (ambient) Hessian ∇²f(x) into h, row-major dim×dim. */
void sd_objective_hessian(const sd_objective *obj, const double *x,
    double *h);

/* hv = ∇²f(x)·v (Euclidean, ambient on the sphere): the type's hvp, or
 * the dense Hessian times v. Returns -1 when out of memory. */
int sd_objective_hvp(const sd_objective *obj, const double *x,
    const double *v, double *hv);

/* hv = the Riemannian Hessian at x applied to v (sd_objective_rhessian's
 * matrix times v) in the time of one sd_objective_hvp: on R^d ∇²f·v; on
 * the sphere P∇²f(Pv) − xg·Pv, where xg = xᵀ∇f(x) is the caller's and
 * work holds dim doubles. Returns -1 when out of memory. */
int sd_objective_rhvp(const sd_objective *obj, const double *x, double xg,
    const double *v, double *hv, double *work);

/* The Hessian at x prepared for many products (the type's hvp_prepare),
 * or NULL (none, or out of memory); release it with free(). */
void *sd_objective_hvp_prepare(const sd_objective *obj, const double *x);

/* sd_objective_rhvp at x through prep, from sd_objective_hvp_prepare at
 * the same x (NULL: sd_objective_rhvp itself); the same bits. */
int sd_objective_rhvp_prep(const sd_objective *obj, const void *prep,
    const double *x, double xg, const double *v, double *hv, double *work);

/* f and the Euclidean gradient at n points, structure of arrays (see
 * fg_batch): the type's batch version, or one point at a time through
 * work (2·dim doubles). Bit for bit what f and grad give point by point. */
void sd_objective_fg_batch(const sd_objective *obj, size_t n,
    const double *const *x, double *f, double *const *g, double *work);

/* The gradient an optimizer follows: ∇f on R^d; on the sphere the
 * Riemannian gradient grad f = P_x ∇f, P_x = I − xxᵀ (chapter §2.3). */
void sd_objective_rgradient(const sd_objective *obj, const double *x,
    double *g);

/* The Hessian that classifies points: ∇²f on R^d; on the sphere the
 * Riemannian Hessian P_x ∇²f P_x − (xᵀ∇f) P_x (§2.3), as a d×d matrix
 * whose restriction to the tangent space x⊥ is the operator (x itself is
 * an eigenvector with eigenvalue 0 that callers drop). */
void sd_objective_rhessian(const sd_objective *obj, const double *x,
    double *h);

/* Measure obj's scale on its default window through its default chart:
 * L, D and M of sd_scale, each floored so that defaults stay finite (L = 1
 * when the Hessian vanishes everywhere, M = L/D on a quadratic). The
 * first call measures, later ones read obj->memo; safe to call from
 * several threads at once. Returns -1 with *cause on allocation failure
 * or when the default chart cannot be built. */
int sd_objective_scale(const sd_objective *obj, sd_scale *out, char **cause);

/* An empty memo for an objective built by hand (sd_objective_new* give
 * theirs), or NULL when out of memory; sd_scale_memo_free releases it
 * (NULL is fine). */
sd_scale_memo *sd_scale_memo_new(void);
void sd_scale_memo_free(sd_scale_memo *memo);

/* Map x back onto the objective's manifold (normalize on the sphere; a
 * no-op on R^d). Returns -1 when x cannot be retracted (x = 0). */
int sd_objective_retract(const sd_objective *obj, double *x);

/* The default start of a run in window w: 5/16 across and 13/16 up, off
 * the symmetry axes and the stationary points of the classic objectives
 * (the centre is a saddle of camel6, doublewell and linnet). `run` and
 * the visualizer both start there unless told otherwise. */
void sd_window_default_start(const sd_window *w, double *a, double *b);

/* The windows saddle can resolve. The finder's tolerances are relative
 * to the window's side (1e-12 of it: DESIGN.md §3), so a side of 1e10
 * cannot tell 0 from 0.3: beyond ±1e5 it reported maxima as minima and
 * points outside the window. A side below 1e-10 of its coordinates is a
 * few hundred thousand doubles wide; at 1e-12 the finder loses points. */
#define SD_WINDOW_MAX		1e5	/* the largest |coordinate| */
#define SD_WINDOW_NARROW	1e-10	/* the least side, × |coordinate| */

/* 0 when w lies within ±SD_WINDOW_MAX and each side is at least
 * SD_WINDOW_NARROW × its largest |coordinate|; else -1 with the reason
 * (what names the option, text is the window as given). */
int sd_window_check(const sd_window *w, const char *what, const char *text,
    char **cause);

/* Parse a window "xmin:xmax,ymin:ymax" (what names the option in
 * messages). Requires xmin < xmax and ymin < ymax, all finite, and
 * sd_window_check. */
int sd_window_parse(const char *text, sd_window *w, const char *what,
    char **cause);

#endif
