/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scale.c: an objective's scale on its default window (sd_scale), what
 * the optimizers' default parameters and the maps' default constants
 * follow: L, the largest |Hessian eigenvalue| on a grid (so lr = 1/L is
 * the classic safe gradient step of Nesterov's "Lectures" §1.2.3 and of
 * Jin et al.'s η = 1/ℓ); D, the window's shorter side (the natural length
 * for step-bounded methods such as adam, and for pgd's radius); M, the
 * Hessian's Lipschitz constant estimated from finite differences of the
 * analytic Hessian between grid neighbours (the M of Nesterov & Polyak's
 * cubic model).
 *
 * Measuring costs a few hundred Hessians (36 ms on twolayer:k=4,m=8,
 * n=1000), and every optimizer of a survey asks for it: an objective
 * keeps its measurement in a memo. Threads share objectives (a survey's,
 * the visualizer's jobs), so the memo is filled without a lock: whoever
 * finishes measuring first stores the result and publishes it with a
 * release store; the others, if any, measured the same bits and keep
 * their own copy. */
#include "config.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/krylov.h"
#include "base/spectrum.h"
#include "base/vec.h"
#include "landscape/chart.h"
#include "objectives/objective.h"
#include "objectives/scale_impl.h"

/* The states of a memo. */
enum {
	SCALE_EMPTY = 0,
	SCALE_WRITING,		/* one thread stores its measurement */
	SCALE_READY		/* scale may be read */
};

struct sd_scale_memo {
	atomic_int	 state;
	sd_scale	 scale;
};

/* Grid points per window side: fine for small d, coarse when every
 * Hessian costs a d×d eigen-decomposition. */
#define SCALE_GRID		33
#define SCALE_GRID_LARGE	9
#define SCALE_LARGE_DIM		8

/* Largest |eigenvalue| of the (Riemannian) Hessian h at x; 0 when there
 * is none. */
static double
scale_spectral(struct scale_work *w, const double *h, const double *x)
{
	if (sd_spectrum_decompose(w->sp, h,
	    w->obj->type->manifold == SD_SPHERE ? x : NULL) != 0)
		return 0;
	return sd_norm_inf(w->sp->eval, w->sp->n);
}

/* ‖H_p − H_q‖_F / ‖p − q‖ for two valid samples (matrix-free: its
 * estimate from the probes), or 0. */
static double
scale_lipschitz(const struct scale_work *w, const struct scale_row *rp,
    size_t ip, const struct scale_row *rq, size_t iq)
{
	size_t k, block = w->cols * w->d;
	const double *hp = rp->h + ip * block, *hq = rq->h + iq * block;
	const double *xp = rp->x + ip * w->d, *xq = rq->x + iq * w->d;
	double dh = 0, dx = 0, t;

	if (!rp->ok[ip] || !rq->ok[iq])
		return 0;
	for (k = 0; k < block; k++) {
		t = hp[k] - hq[k];
		dh += t * t;
	}
	for (k = 0; k < w->d; k++) {
		t = xp[k] - xq[k];
		dx += t * t;
	}
	return dx > 0 ? sqrt(dh * w->weight / dx) : 0;
}

/* Sample point i of the current row at chart point (a, b); returns the
 * Hessian's spectral norm there (0 when the point is not usable). */
static double
scale_sample(struct scale_work *w, const sd_chart *chart, size_t i,
    double a, double b)
{
	struct scale_row *r = &w->row[1];
	size_t d = w->d;
	double *x = r->x + i * d, *h = r->h + i * w->cols * d;
	size_t k;

	sd_chart_lift(chart, a, b, x);
	r->ok[i] = 0;
	if (sd_objective_retract(w->obj, x) != 0)
		return 0;
	if (w->kr != NULL)
		return sd_scale_krylov_sample(w, r, i);
	sd_objective_rhessian(w->obj, x, h);
	for (k = 0; k < d * d; k++) {
		if (!isfinite(h[k]))
			return 0;
	}
	r->ok[i] = 1;
	return scale_spectral(w, h, x);
}

/* Release the work arrays. */
static void
scale_work_done(struct scale_work *w)
{
	free(w->mem);
	free(w->okmem);
	sd_spectrum_free(w->sp);
	sd_scale_krylov_done(w);
}

int
sd_scale_matrix_free(const sd_objective *obj)
{
	return obj->dim >= SD_KRYLOV_DIM && obj->type->hvp != NULL;
}

/* Allocate the work arrays for dimension d: a d×d Hessian a point, or
 * the matrix-free probes' products. */
static int
scale_work_init(struct scale_work *w, const sd_objective *obj)
{
	size_t d = obj->dim, n, per;
	int fail;

	memset(w, 0, sizeof *w);
	w->obj = obj;
	w->d = w->cols = d;
	w->weight = 1;
	w->n = n = d > SCALE_LARGE_DIM ? SCALE_GRID_LARGE : SCALE_GRID;
	if (sd_scale_matrix_free(obj))
		fail = sd_scale_krylov_init(w);
	else
		fail = (w->sp = sd_spectrum_alloc(d)) == NULL;
	per = n * (d + w->cols * d);
	w->mem = malloc(2 * per * sizeof(double));
	w->okmem = calloc(2 * n, sizeof(int));
	if (fail || w->mem == NULL || w->okmem == NULL) {
		scale_work_done(w);
		return -1;
	}
	w->row[0].x = w->mem;
	w->row[0].ok = w->okmem;
	w->row[0].h = w->row[0].x + n * d;
	w->row[1].x = w->row[0].x + per;
	w->row[1].h = w->row[1].x + n * d;
	w->row[1].ok = w->row[0].ok + n;
	return 0;
}

/* Walk the grid: L from every sample, M from horizontal and vertical
 * neighbours. */
static void
scale_walk(struct scale_work *w, const sd_chart *chart, const sd_window *win,
    double *L, double *M)
{
	struct scale_row t;
	size_t i, j, n = w->n;
	double a, b;

	for (j = 0; j < n; j++) {
		b = win->ymin + (win->ymax - win->ymin) * (double)j /
		    (double)(n - 1);
		for (i = 0; i < n; i++) {
			a = win->xmin + (win->xmax - win->xmin) * (double)i /
			    (double)(n - 1);
			*L = fmax(*L, scale_sample(w, chart, i, a, b));
			if (i > 0)
				*M = fmax(*M, scale_lipschitz(w, &w->row[1],
				    i, &w->row[1], i - 1));
			if (j > 0)
				*M = fmax(*M, scale_lipschitz(w, &w->row[1],
				    i, &w->row[0], i));
		}
		t = w->row[0];
		w->row[0] = w->row[1];
		w->row[1] = t;
	}
}

/* Measure obj's scale into *out (sd_objective_scale without the memo). */
static int
scale_measure(const sd_objective *obj, sd_scale *out, char **cause)
{
	const sd_window *win;
	struct scale_work w;
	sd_chart chart;
	double L = 0, M = 0;

	if (sd_chart_init_default(&chart, obj, cause) != 0)
		return -1;
	win = &chart.window;
	if (scale_work_init(&w, obj) != 0) {
		sd_chart_done(&chart);
		return sd_fail(cause, "out of memory");
	}
	scale_walk(&w, &chart, win, &L, &M);
	out->D = fmin(win->xmax - win->xmin, win->ymax - win->ymin);
	if (obj->type->manifold == SD_SPHERE)
		out->D = fmin(out->D, 2);
	scale_work_done(&w);
	sd_chart_done(&chart);
	/* A landscape without curvature gets unit steps; a quadratic gets a
	 * cubic term that matters at the window's scale. */
	out->L = L > 0 && isfinite(L) ? L : 1;
	out->M = M > 0 && isfinite(M) ? M : out->L / out->D;
	return 0;
}

sd_scale_memo *
sd_scale_memo_new(void)
{
	sd_scale_memo *memo;

	if ((memo = calloc(1, sizeof *memo)) != NULL)
		atomic_init(&memo->state, SCALE_EMPTY);
	return memo;
}

void
sd_scale_memo_free(sd_scale_memo *memo)
{
	free(memo);
}

int
sd_objective_scale(const sd_objective *obj, sd_scale *out, char **cause)
{
	sd_scale_memo *memo = obj->memo;
	int empty = SCALE_EMPTY;

	if (memo != NULL && atomic_load_explicit(&memo->state,
	    memory_order_acquire) == SCALE_READY) {
		*out = memo->scale;
		return 0;
	}
	if (scale_measure(obj, out, cause) != 0)
		return -1;
	if (memo != NULL && atomic_compare_exchange_strong_explicit(
	    &memo->state, &empty, SCALE_WRITING, memory_order_acquire,
	    memory_order_relaxed)) {
		memo->scale = *out;
		atomic_store_explicit(&memo->state, SCALE_READY,
		    memory_order_release);
	}
	return 0;
}
