/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify_impl.h: what the certified search's files share (certify.h).
 *
 * certify.c		the run: the queue of boxes, the limits, the output
 * certify_box.c	one box: enclosures, the Krawczyk test, inflation,
 *			Newton in chart coordinates
 * certify_index.c	the proven roots by cell of a grid over the window
 * certify_regions.c	unresolved boxes merged into regions
 * certify_continuum.c	a box on a continuum of roots, not split */
#ifndef SADDLE_CERTIFY_IMPL_H
#define SADDLE_CERTIFY_IMPL_H

#include <stddef.h>
#include <time.h>

#include "base/interval.h"
#include "expr/expr.h"
#include "landscape/certify.h"

#define CERTIFY_NARROWS		4	/* Krawczyk contractions per box */
#define CERTIFY_SHRINK		0.75	/* a contraction worth repeating */
#define CERTIFY_INFLATE		0.125	/* inflated half-side, × box side */
#define CERTIFY_NEWTON		12	/* point Newton iterations */
#define CERTIFY_TIGHTEN		3	/* Krawczyk steps on a root's box */
#define CERTIFY_GRID		64	/* cells per side, merging regions */
#define CERTIFY_CONTINUUM_CELL	(1.0 / 256)	/* × window side: a box
						 * on a continuum, kept */

struct certify_box {
	sd_iv	a, b;
};

/* A box left unresolved, why, and on a continuum the root reached. */
struct certify_open {
	struct certify_box	x;
	sd_unresolved_reason	why;
	double			at[2];
};

/* One cell of the grid: the roots whose proof box touches it. */
struct certify_cell {
	size_t	*roots;
	size_t	 n, cap;
};

struct certify {
	const sd_objective	*obj;
	const sd_chart		*chart;
	sd_expr			*expr;
	double			 c[2];		/* chart origin */
	double			 jac[4];	/* ∂(x, y)/∂(a, b) */
	struct certify_box	 region;	/* the window, widened */
	double			 min_a, min_b;	/* least box sides */
	struct certify_box	*q;		/* ring buffer, breadth first */
	size_t			 head, len, qcap;
	sd_certify_root		*roots;		/* proven, anywhere */
	size_t			 n_roots, rcap;
	struct certify_cell	*cells;		/* CERTIFY_GRID² */
	struct certify_open	*open;		/* unresolved boxes */
	size_t			 n_open, ocap;
	size_t			 boxes, max_boxes;
	struct timespec		 deadline;
};

/* What the Krawczyk test says about a box X. */
enum certify_verdict {
	CERTIFY_NONE,		/* K ∩ X = ∅: no root */
	CERTIFY_UNIQUE,		/* K ⊂ int X: exactly one, in K */
	CERTIFY_NARROW,		/* every root of X is in X ∩ K */
	CERTIFY_FAIL		/* no conclusion */
};

/* Enclosures of ∇f and ∇²f (f_aa, f_ab, f_bb) over x; returns 1 when f is
 * C² on all of it (sd_expr_eval_box). */
int certify_eval(const struct certify *ct, const struct certify_box *x,
    sd_iv g[2], sd_iv h[3]);

/* The Krawczyk test on x, h enclosing ∇²f over it; *k gets K ∩ x. */
enum certify_verdict certify_krawczyk(const struct certify *ct,
    const struct certify_box *x, const sd_iv h[3], struct certify_box *k);

/* Damped-free Newton on ∇f = 0 in chart coordinates from (*a, *b);
 * returns 0 when it converged to a finite point. */
int certify_newton(const struct certify *ct, double *a, double *b);

/* ∇f and ∇²f (f_aa, f_ab, f_bb) at chart point (a, b); -1 when they are
 * not finite. */
int certify_point(const struct certify *ct, double a, double b, double g[2],
    double h[3]);

/* Whether x, its sides at most CERTIFY_CONTINUUM_CELL of the window's,
 * lies on a continuum of roots (certify_continuum.c): it is then kept
 * unresolved, not split; at gets the root found on it. */
int certify_continuum(const struct certify *ct, const struct certify_box *x,
    double at[2]);

/* Try to prove a root near x: Newton from its centre, then the test on
 * a box around where it lands. Fills *box and *k and returns 1 when a
 * root is proven. */
int certify_inflate(const struct certify *ct, const struct certify_box *x,
    struct certify_box *box, struct certify_box *k);

/* Whether x ⊂ y. */
int certify_inside(const struct certify_box *x, const struct certify_box *y);

/* The cell (column or row) of t on side, of CERTIFY_GRID (clamped). */
int certify_cell(double t, sd_iv side);

/* List root r in the cells its proof box touches (certify_index.c). */
int certify_index_add(struct certify *ct, size_t r);

/* Whether x lies in the proof box of a root: it holds that root only. */
int certify_covered(const struct certify *ct, const struct certify_box *x);

/* Whether the root proven in box, enclosed in k, was found before: k in
 * an earlier proof box, or an earlier enclosure in box. */
int certify_known(const struct certify *ct, const struct certify_box *box,
    const struct certify_box *k);

/* Release the grid's lists. */
void certify_index_free(struct certify *ct);

/* The unresolved boxes as regions in *out (certify_regions.c). */
int certify_regions(const struct certify *ct, sd_certify_result *out,
    char **cause);

/* A box as a window and back. */
sd_window certify_window(const struct certify_box *x);
struct certify_box certify_box_of(const sd_window *w);

#endif
