/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_impl.h: what the finder's files share (see finder.h, and finder.c
 * for the method and its tolerances): the constants, the scratch and the
 * run's state, the work area's small accessors. Not for other modules.
 *
 * finder.c		the run: sampling, seeds, dedup, order, output
 * finder_seeds.c	the seeds and the Newton runs from them (on
 *			threads in the inner run of finder_plane.c)
 * finder_newton.c	the work area (eigen-decomposition, Newton step,
 *			merit) and damped Newton from one seed
 * finder_classify.c	one point's classification, and sd_finder_classify
 * finder_near.c	seeds off the slice, for the points near it
 * finder_certify.c	the certified search's roots and regions in a run
 * finder_continuum.c	a root of a continuum slid onto the slice
 * finder_krylov.c	the same second order without d×d matrices, from
 *			SD_KRYLOV_DIM on: MINRES steps, Lanczos extremes
 * finder_plane.c	the search through a slice: φ's stationary points
 *			first, then Newton in R^d from those where ∇f = 0
 * finder_scan.c	its grid of ∇φ coarse to fine, where samples are
 *			dear */
#ifndef SADDLE_FINDER_IMPL_H
#define SADDLE_FINDER_IMPL_H

#include <stddef.h>

#include "base/spectrum.h"
#include "base/vec.h"
#include "landscape/certify.h"
#include "landscape/chart.h"
#include "landscape/finder.h"
#include "landscape/slice.h"
#include "objectives/objective.h"

#define FINDER_GRID		128	/* sampling intervals per side */
#define FINDER_MARGIN		2	/* sampling cells past each edge */
#define FINDER_FSTRIDE		4	/* |f| on every 4th node: a scale */
#define FINDER_COARSE		8	/* coarse seed intervals per side */
#define FINDER_MAX_ITER		100	/* Newton iterations per seed */
#define FINDER_HALVINGS		16	/* line-search halvings */
#define FINDER_MEMORY		8	/* non-monotone search memory */
#define FINDER_PATIENCE		16	/* iterations to halve ‖∇f‖ */
#define FINDER_STEP_CAP		0.25	/* longest Newton step, × L */
#define FINDER_ESCAPE		1.0	/* give up this far out, × L */
#define FINDER_PINV		1e-12	/* × max|λ|: not inverted */
#define FINDER_GTOL		1e-8	/* × G: a root's largest ‖∇f‖ */
#define FINDER_XTOL		1e-12	/* × (‖x‖∞ + L): its Newton step */
#define FINDER_RESOLVE		1e-3	/* vᵀ∇f at x over vᵀ∇f nearby */
#define FINDER_EDGE		1e-9	/* × window side: still inside */
#define FINDER_DEDUP		1e-7	/* × L: the same root */
#define FINDER_SPACING		(1.0 / 50)	/* × L: continuum sample */
#define FINDER_EIG_REL		1e-8	/* × max|λ|: zero */
#define FINDER_EIG_STEP		4.0	/* × ‖ΔH‖ on the way to the root */
#define FINDER_BESIDE		3	/* radii of the Hessian beside a root */
#define FINDER_FLOOR		1e-14	/* × F or G: nothing */
#define FINDER_RADIUS		1e-2	/* largest circle radius, × L */
#define FINDER_RADII		3	/* circles, each ten times smaller */
#define FINDER_ANGLES		64	/* a multiple of 4: the axes */
#define FINDER_SPHERE_MAX	64	/* flat directions sampled together */
#define FINDER_LEVEL		1e-9	/* × largest |Δf|: level */
#define FINDER_FQUANTUM		1e-12	/* × F: equal values of f */
#define FINDER_SHRINKS		600	/* radius quarterings, overflow */
#define FINDER_NEAR_STEPS	2	/* off-slice offsets each side */
#define FINDER_NEAR_LADDER	80	/* ψ's samples along a line, less 1 */
#define FINDER_NEAR_CROSS	4	/* ψ's zeros seeded per side */
#define FINDER_NEAR_DIRS	32	/* off-slice directions per base */
#define FINDER_NEAR_BASES	256	/* roots on the slice seeded around */
#define FINDER_NEAR_FLOPS	4e9	/* off-slice Newton runs' budget */
#define FINDER_NEAR_ITERS	10	/* Newton iterations, to count it */
#define FINDER_NEAR_MIN		64	/* off-slice Newton runs at least */
#define FINDER_FORCING		1e-2	/* MINRES's largest relative residual */
#define FINDER_KRYLOV_RTOL	1e-12	/* ... and its least */
#define FINDER_TRUNCATE(d)	((d) / 4 + 16)	/* MINRES's products */
#define FINDER_LANCZOS_RTOL	1e-8	/* Ritz residual, × max|λ| */
#define FINDER_SPECTRUM_FLOPS	2e6	/* d³ + n·d² below: full spectrum */
#define FINDER_SCAN_BYTES	((size_t)256 << 10)	/* a slice this big: its
					 * grid coarse to fine */
#define FINDER_SCAN_STRIDE	4	/* nodes between coarse samples */
#define FINDER_SCAN_SAFETY	2.0	/* × the coarse differences: bounds */

/* MINRES steps the finder keeps (finder_krylov.c): every Newton run
 * ends with a solve at its root, and classification, which comes after
 * all the runs, asks for that same step at each root. */
#define FINDER_STEP_MEMOS	8

/* What a kept MINRES step was asked with (besides x and g) and its ‖s‖. */
struct finder_step_key {
	double	 rtol;
	size_t	 iters;
	double	 ns;		/* NaN: an empty slot */
};

/* Scratch for one objective: the eigen-solver and vectors of length d.
 * With krylov set (d ≥ SD_KRYLOV_DIM and an hvp) Newton never forms the
 * Hessian: its steps go through products at `at` (sd_finder_prepare).
 * With lanczos set too (the full spectrum is costly) classification
 * does not either unless a point needs it, and spec holds the directions
 * it looks along (the extreme Ritz pairs and the gradient's direction)
 * instead of a full decomposition. */
struct finder_work {
	const sd_objective		*obj;
	size_t				 d;
	int				 sphere;
	int				 krylov;
	int				 lanczos;	/* classify by it */
	const double			*at;		/* the products' x */
	double				 xg;		/* xᵀ∇f there (sphere) */
	double				 gscale;	/* G, for MINRES's tol */
	double				*kw;		/* 6d: the products' work */
	double				 length;	/* L */
	double				 gfloor;	/* ‖∇f‖ below: zero */
	double				 ffloor;	/* |Δf| below: level */
	sd_spectrum			*spec;		/* of h's Hessian */
	double				*buf;		/* owns what follows */
	double				*g, *gt, *s, *sp, *xt, *xs, *xb;
	double				*h, *h2;
	double				*band;		/* lo, hi: radii × d */
	double				*step_memo;	/* x, g, s (3d each):
							 * the last MINRES
							 * steps, a ring */
	struct finder_step_key		 memo[FINDER_STEP_MEMOS];
	size_t				 memo_next;	/* the slot to fill */
	void				*prep;		/* the Hessian prepared
							 * at prep_x, or NULL */
	double				*prep_x;	/* d */
	int				 prep_seen;	/* products there */
	double				 circ[FINDER_ANGLES];
};

/* What classification found at one point. */
struct finder_class {
	sd_point_kind	 kind;
	int		 resolved;	/* a root, not a plateau */
	int		 singular;	/* an eigenvalue within tol of 0 */
	double		 f;
	double		 gnorm;
	double		*lam;		/* n_eigen, ascending; caller's */
	size_t		 n_eigen;
};

/* A root found by Newton; its x and eigenvalues live in the store. */
struct finder_root {
	double		 gnorm;
	double		 f;
	double		 key;		/* f quantized, for the order */
	double		 a, b, offset;
	sd_point_kind	 kind;
	size_t		 n_eigen;	/* eigenvalues known */
	int		 singular;	/* maybe one of a continuum */
	size_t		 at;		/* offset of x in the store */
	const double	*x;		/* store + at, once it stops moving */
	size_t		 d;
	int		 keep;
	int		 certified;	/* proven the only root of its box */
	int		 slid;		/* a continuum's, slid onto the
					 * slice (finder_continuum.c): ∇f
					 * is zero along it, which the
					 * resolution test cannot tell from
					 * a plateau */
};

/* One run: the window, the scales measured on it, the roots. */
struct finder {
	struct finder_work	 work;
	const sd_chart		*chart;
	sd_window		 w;
	double			 ca, cb;	/* window centre */
	double			 ha, hb;	/* half widths */
	int			 grid;
	int			 max_iter;
	size_t			 scan_bytes;	/* finder_scan.c from this */
	double			 near;		/* offsets up to near·L kept */
	double			 gscale;	/* largest finite ‖∇f‖ */
	double			 fscale;	/* largest finite |f| */
	double			 gtol;		/* a root's largest ‖∇f‖ */
	double			*store;		/* 2d doubles per root */
	struct finder_root	*roots;
	size_t			 n, cap;
	sd_certify_result	 certified;	/* the certified search's */
	int			 lost;		/* a certified root dropped */
	int			 near_cut;	/* seeds off the slice left
						 * when the budget ran out */
	/* The search through a slice (finder_plane.c): the slice, φ's
	 * points found by the inner run; in the inner run, the slice
	 * whose ∇φ it samples on its grid (NULL otherwise). */
	sd_slice		 slice;
	sd_point_list		 inner;
	const sd_objective_slice *grid_slice;
	int			 capture;	/* runs end at a kept root
						 * that captures them
						 * (finder_newton.c) */
	int			 no_capture;	/* the option: never */
};

/* The chart point of node k of a grid of n intervals over [c − h, c + h]
 * (k may be negative or past n: the margin). */
static inline double
sd_finder_node(double c, double h, int n, int k)
{
	return c + (k - n / 2) * (2 * h / n);
}

/* How a Newton run ended. */
enum finder_end {
	FINDER_ROOT,		/* ∇f = 0, or no step can lower ‖∇f‖ */
	FINDER_LOST,		/* not finite, escaped, or out of iterations */
	FINDER_COPY		/* at a root kept already, which is as good */
};

/* ---- the work area (finder_newton.c) --------------------------------- */

/* Eigenvector i of the last decomposition (d entries). */
static inline const double *
work_vec(const struct finder_work *fw, size_t i)
{
	return fw->spec->evec + i * fw->d;
}

/* The largest |λ| over the tangent eigenvalues. */
static inline double
work_lmax(const struct finder_work *fw)
{
	return sd_norm_inf(fw->spec->eval, fw->spec->n);
}

/* Allocate the scratch for obj; length is L. */
int sd_finder_work_init(struct finder_work *fw, const sd_objective *obj,
    double length, char **cause);

/* The flops of one point's full spectrum: d³ + n·d², n the samples. */
double sd_finder_spectrum_flops(const sd_objective *obj);

/* Release the scratch. */
void sd_finder_work_done(struct finder_work *fw);

/* Eigen-decompose the (Riemannian) Hessian in fw->h at x: on the sphere
 * the d − 1 pairs of the tangent space (spectrum.h). */
int sd_finder_eigen(struct finder_work *fw, const double *x);

/* Second order at x for sd_finder_newton_step: the Hessian decomposed,
 * or with krylov its products set up at x (which must not move while
 * they are used). -1 when it is not finite. */
int sd_finder_prepare(struct finder_work *fw, const double *x);

/* The Newton step s = −H⁺g from the last decomposition, dropping the
 * eigenvalues at or below cut × the largest. Returns ‖s‖ (+∞ when it
 * overflows). */
double sd_finder_newton_step(struct finder_work *fw, const double *g,
    double *s, double cut);

/* y = x + t·s, mapped back onto the manifold; -1 if it cannot be. */
int sd_finder_move(const struct finder_work *fw, double *y, const double *x,
    double t, const double *s);

/* The merit ‖∇f(y)‖ (Riemannian on the sphere) into *m, the gradient into
 * g; -1 when it is not finite. */
int sd_finder_merit(const struct finder_work *fw, const double *y,
    double *g, double *m);

/* Damped Newton on ∇f = 0 from x (overwritten by where it ends). */
enum finder_end sd_finder_newton(struct finder *fd, double *x);

/* finder_continuum.c: slide the root x, whose Hessian is singular and
 * which lies off the slice, along the Hessian's null space to the point
 * nearest the chart's plane, and polish it by Newton: nonzero when it is
 * a root there (the caller checks it is on the slice). */
int sd_finder_slide(struct finder *fd, double *x);

/* ---- the run (finder.c) ---------------------------------------------- */

/* x = the chart point (a, b) on the objective's manifold; -1 if none. */
int sd_finder_lift(const struct finder *fd, double a, double b, double *x);

/* Room for one more root; its x goes at the returned address (NULL, with
 * *cause, when out of memory). The store may move. */
double *sd_finder_room(struct finder *fd, char **cause);

/* ---- the seeds (finder_seeds.c) -------------------------------------- */

/* Newton from x, the address sd_finder_room gave; a candidate root is
 * kept. */
void sd_finder_keep(struct finder *fd, double *x);

/* Newton from every seed: the local minima of the samples v (side ×
 * side), a coarse regular grid, and the chart's origin when it is in
 * the window; then the seeds off the slice. -1 with *cause when out of
 * memory. */
int sd_finder_seeds(struct finder *fd, const double *v, int side,
    char **cause);

/* sd_finder_run, with ∇f sampled through grid_slice's grad_grid or fgh
 * when it is not NULL (the inner run of finder_plane.c), and G and F
 * (the largest finite ‖∇f‖ and |f| on the grid) into scales[0..1]. */
int sd_finder_run_in(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_finder_options *opts,
    const sd_objective_slice *grid_slice, sd_point_list *out,
    double *scales, char **cause);

/* ---- the search through a slice (finder_plane.c) ---------------------- */

/* When the run goes through a slice (finder_plane.c says when): the
 * slice made, φ's points found by the inner run into fd->inner, G and F
 * set from it; returns 1. Returns 0 when it does not apply, -1 with
 * *cause when out of memory. */
int sd_finder_plane_scan(struct finder *fd, const sd_finder_options *opts,
    char **cause);

/* Newton in R^d from each of φ's points where ‖∇f‖ ≤ fd->gtol (from
 * each of them with fd->near), then the seeds off the slice. */
int sd_finder_plane_seeds(struct finder *fd, char **cause);

/* Sample ‖∇φ‖ on the grid (side × side with its margin) into v through
 * fd->grid_slice, and G and F into fd (finder.c's finder_sample). */
int sd_finder_plane_sample(struct finder *fd, double *v, int side,
    char **cause);

/* finder_scan.c: ‖∇φ‖ into v (side × side, +∞ where not finite, NaN
 * where not sampled) at the nodes a[i], b[j] of proj's slice, coarse to
 * fine: the local minima of v and its largest finite value (into *gmax)
 * those of the full grid. With fmax (and the slice's fg_grid), also
 * the largest finite |φ| on every FINDER_FSTRIDE-th node into *fmax,
 * from the coarse pass that samples ∇φ there (-1 when the slice has no
 * fg_grid: the caller samples φ itself). -1 with *cause when out of
 * memory. */
int sd_finder_scan(const sd_objective_slice *proj, const double *a,
    const double *b, size_t side, double *v, double *gmax, double *fmax,
    char **cause);

/* ---- seeds off the slice (finder_near.c) ------------------------------- */

/* With fd->near: Newton from seeds off the slice around every distinct
 * root found so far (finder_near.c says how). */
int sd_finder_near_seeds(struct finder *fd, char **cause);

/* ---- the certified path (finder_certify.c) ---------------------------- */

/* Run the certified search when the objective has one: its roots join
 * the run (certified), its unresolved regions go to out. Returns 0 when
 * it ran, 1 when it did not (out then has the window as its one
 * unresolved region), -1 with *cause when out of memory. */
int sd_finder_certify(struct finder *fd, const sd_finder_options *opts,
    sd_point_list *out, char **cause);

/* Drop the roots from index first on (Newton's from seeds) that lie in a
 * proof box or outside every unresolved region of out. */
void sd_finder_certify_filter(struct finder *fd, size_t first,
    const sd_point_list *out);

/* ---- matrix-free (finder_krylov.c) ------------------------------------ */

/* The Newton step s = −H⁺g by MINRES on the products prepared at x: to a
 * relative residual shrinking with ‖g‖/G (inexact Newton: superlinear
 * near a root), to FINDER_KRYLOV_RTOL when cut is 0. Returns ‖s‖, +∞ on
 * failure. */
double sd_finder_krylov_step(struct finder_work *fw, const double *g,
    double *s, double cut);

/* Classify x from the extreme Ritz pairs (fw->g holds ∇f at x): sets
 * c->kind, lam and n_eigen = 2 and returns 1 when the second-order test
 * decides; 0 when an extreme eigenvalue is flat (the caller then needs
 * the full spectrum); -1 when a product is not finite. */
int sd_finder_krylov_classify(struct finder_work *fw, const double *x,
    struct finder_class *c);

/* ---- classification (finder_classify.c) ------------------------------- */

/* Whether ∇f vanishes at x along fw->spec's directions relative to its
 * size at x ± r·v, and varies somewhere (a root, not a plateau). */
int sd_finder_resolved(struct finder_work *fw, const double *x, double r);

/* The largest circle radius, at most FINDER_RADIUS·L, at which f is
 * finite at x ± r·v along fw->spec's directions; 0 if none. */
double sd_finder_radius(struct finder_work *fw, const double *x);

/* Classify x into *c (c->lam has room for d values). Returns -1 when f,
 * its gradient or its Hessian is not finite at x. */
int sd_finder_classify_at(struct finder_work *fw, const double *x,
    struct finder_class *c);

/* Fill *pt from a classified x, allocating its arrays. */
int sd_finder_point_fill(sd_point *pt, size_t d, const double *x,
    const struct finder_class *c, char **cause);

#endif
