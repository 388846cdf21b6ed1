/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch.c: first-order methods stepping many runs at once (see batch.h):
 * the engine, which asks a method's batch rule (batch_rules.c) for the
 * trial points and evaluates, tests and accepts them for every run at
 * once, as sd_optimizer_iterate does for one. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/simd.h"
#include "optimizers/batch_impl.h"
#include "optimizers/optimizer_impl.h"

#define STRIDE	SD_BATCH_STRIDE

/* The loops run over all SD_BATCH_RUNS runs, a constant: GCC vectorizes
 * such loops even at -O2 (its very cheap cost model wants no remainder),
 * and the lanes of runs that are not going are computed and dropped. */
#define RUNS	SD_BATCH_RUNS

/* The rows of one value per run (f to pre in struct sd_batch). */
#define ROWS	11

int
sd_batch_supports(const sd_optimizer_type *type, const sd_objective *obj)
{
	const struct batch_method *m = sd_batch_method_of(type);

	return m != NULL && obj->type->manifold == SD_EUCLIDEAN &&
	    (m->supports == NULL || m->supports(obj));
}

/* A generator per run for the random methods (none for the others). */
static int
batch_rngs(sd_batch *b, const struct batch_method *m)
{
	size_t j;

	if (!m->random)
		return 0;
	if ((b->rng = calloc(SD_BATCH_RUNS, sizeof *b->rng)) == NULL)
		return -1;
	for (j = 0; j < SD_BATCH_RUNS; j++) {
		if ((b->rng[j] = gsl_rng_alloc(gsl_rng_mt19937)) == NULL)
			return -1;
	}
	return 0;
}

sd_batch *
sd_batch_new(const sd_optimizer_type *type, const sd_objective *obj,
    const double *params, char **cause)
{
	const struct batch_method *m = sd_batch_method_of(type);
	size_t d = obj->dim, k;
	sd_batch *b;

	const size_t cap = STRIDE;

	if (m == NULL || !sd_batch_supports(type, obj)) {
		sd_fail(cause, "%s has no batch rule on %s", type->name,
		    obj->spec);
		return NULL;
	}
	if ((b = calloc(1, sizeof *b)) == NULL ||
	    (b->mem = calloc((5 + m->n_state) * d * cap + (ROWS + m->n_aux) *
	    cap + 3 * d, sizeof *b->mem)) == NULL || (b->slow = calloc(cap,
	    sizeof *b->slow)) == NULL || (b->xs = calloc(d,
	    sizeof *b->xs)) == NULL || (b->gs = calloc(d,
	    sizeof *b->gs)) == NULL || (b->ys = calloc(d,
	    sizeof *b->ys)) == NULL || (b->gys = calloc(d,
	    sizeof *b->gys)) == NULL || batch_rngs(b, m) != 0) {
		sd_batch_free(b);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	b->method = m;
	b->obj = obj;
	b->dim = d;
	memcpy(b->params, params, sizeof b->params);
	b->x = b->mem;
	b->g = b->x + d * cap;
	b->trial = b->g + d * cap;
	b->gtrial = b->trial + d * cap;
	b->fence = b->gtrial + d * cap;
	b->state = b->fence + d * cap;
	b->f = b->state + m->n_state * d * cap;
	b->ftrial = b->f + cap;
	b->gn2 = b->ftrial + cap;
	b->gnx = b->gn2 + cap;
	b->iter = b->gnx + cap;
	b->fence2 = b->iter + cap;
	b->sq = b->fence2 + cap;
	b->fd = b->sq + cap;
	b->ok = b->fd + cap;
	b->notice = b->ok + cap;
	b->pre = b->notice + cap;
	b->aux = b->pre + cap;
	b->work = b->aux + m->n_aux * cap;
	for (k = 0; k < d; k++) {
		b->xs[k] = b->trial + k * cap;
		b->gs[k] = b->gtrial + k * cap;
	}
	for (k = 0; k < cap; k++)
		b->pre[k] = 1;
	sd_batch_stop(b, 0, SIZE_MAX);
	return b;
}

void
sd_batch_free(sd_batch *b)
{
	size_t j;

	if (b == NULL)
		return;
	free(b->mem);
	free(b->slow);
	for (j = 0; b->rng != NULL && j < SD_BATCH_RUNS; j++)
		gsl_rng_free(b->rng[j]);
	free(b->rng);
	free(b->xs);
	free(b->gs);
	free(b->ys);
	free(b->gys);
	free(b);
}

/* The least s with fl(√s) ≥ tol: fl(√·) is monotone, so for the runs
 * whose ‖∇f‖ is fl(√gn2) the stop test ‖∇f‖ ≥ tol is gn2 ≥ this, and no
 * root is taken in the step's loops. */
static double
batch_tol2(double tol)
{
	double s = tol * tol;

	if (!(tol > 0))
		return -INFINITY;
	while (s > 0 && sqrt(nextafter(s, 0)) >= tol)
		s = nextafter(s, 0);
	while (sqrt(s) < tol)
		s = nextafter(s, INFINITY);
	return s;
}

void
sd_batch_stop(sd_batch *b, double tol, size_t steps)
{
	b->tol2 = batch_tol2(tol);
	b->steps = (double)steps;
}

void
sd_batch_fence(sd_batch *b, size_t j, double r)
{
	size_t k;

	for (k = 0; k < b->dim; k++)
		b->fence[k * STRIDE + j] = b->x[k * STRIDE + j];
	b->fence2[j] = r > 0 ? r * r : 0;
}

/* Run j's column of a dim × cap array into out. */
static void
batch_gather(const sd_batch *b, const double *a, size_t j, double *out)
{
	size_t k;

	for (k = 0; k < b->dim; k++)
		out[k] = a[k * STRIDE + j];
}

int
sd_batch_set(sd_batch *b, size_t j, const double *x0, unsigned long seed)
{
	const sd_objective *obj = b->obj;
	double *g = b->work + b->dim, f, gn;
	size_t k, d = b->dim;

	if (!sd_all_finite(x0, d))
		return -1;
	f = sd_objective_f(obj, x0);
	sd_objective_gradient(obj, x0, g);
	gn = sd_norm(g, d);
	if (!isfinite(f) || !sd_all_finite(g, d) || !isfinite(gn))
		return -1;
	for (k = 0; k < d; k++) {
		b->x[k * STRIDE + j] = x0[k];
		b->g[k * STRIDE + j] = g[k];
	}
	for (k = 0; k < b->method->n_state * d; k++)
		b->state[k * STRIDE + j] = 0;
	if (b->rng != NULL)
		gsl_rng_set(b->rng[j], seed);
	if (b->method->start != NULL)
		b->method->start(b, j);
	b->f[j] = f;
	b->gn2[j] = NAN;
	b->gnx[j] = gn;
	b->iter[j] = 0;
	sd_batch_fence(b, j, 0);
	return 0;
}

/* The acceptance test of sd_optimizer_iterate for every run at once, in
 * three passes over the runs: ok[j] when run j goes and its f, every
 * coordinate and every gradient entry are finite (v − v is 0 exactly
 * when v is), sq[j] = ‖∇f‖² in sd_norm's order (0 + g₁² + g₂² + ...),
 * and ok[j] only where that square is a normal number, whose root is
 * sd_norm's value; fd[j], the squared distance of the trial from the
 * fence, on the way.
 *
 * These loops are written for GCC's vectorizer: every value a double
 * (SSE2 has no 64-bit integer compare), each loaded unconditionally, at
 * most one select per loop (two selects on one condition become a
 * branch it cannot if-convert), & and | rather than && and ||. */
SD_LOOP_INLINE void
accept_begin(double *restrict ok, double *restrict sq, double *restrict fd,
    const double *restrict ft, const double *restrict pre,
    const unsigned char *restrict active)
{
	size_t j;

	SD_SIMD
	for (j = 0; j < RUNS; j++) {
		double u = ft[j];

		ok[j] = (active[j] != 0) & (u - u == 0) & (pre[j] != 0);
		sq[j] = 0;
		fd[j] = 0;
	}
}

/* Coordinate k's part: gt and t its rows of the trial's gradient and
 * point, fence its row of the fences. */
SD_LOOP_INLINE void
accept_row(double *restrict ok, double *restrict sq, double *restrict fd,
    const double *restrict gt, const double *restrict t,
    const double *restrict fence)
{
	size_t j;

	SD_SIMD
	for (j = 0; j < RUNS; j++) {
		double u = gt[j], v = t[j], o = ok[j], e = v - fence[j];

		ok[j] = (u - u == 0) & (v - v == 0) ? o : 0;
		sq[j] += u * u;
		fd[j] += e * e;
	}
}

/* The normal test, the accepted runs' step count, and the notice: a
 * going run that was not accepted here (its step failed, or its square
 * is not normal), went beyond its fence, fell below tol or ran out of
 * steps. Returns how many are noticed (partial sums: one running sum
 * would wait on each addition; the count is exact in any order). */
SD_LOOP_INLINE double
accept_end(sd_batch *restrict b, const unsigned char *restrict active)
{
	const double *restrict sq = b->sq, *restrict fd = b->fd;
	const double *restrict fence2 = b->fence2;
	double *restrict ok = b->ok, *restrict iter = b->iter;
	double *restrict notice = b->notice, part[8] = { 0 };
	const double tol2 = b->tol2, steps = b->steps;
	size_t j, l;

	SD_SIMD
	for (j = 0; j < RUNS; j++) {
		double s = sq[j], o = ok[j];

		ok[j] = (s >= DBL_MIN) & (s <= DBL_MAX) ? o : 0;
	}
	SD_SIMD
	for (j = 0; j < RUNS; j++) {
		double o = ok[j], it = iter[j] + o;

		iter[j] = it;
		notice[j] = (active[j] != 0) & ((o == 0) |
		    !(fd[j] < fence2[j]) | !(sq[j] >= tol2) | (it >= steps));
	}
	for (j = 0; j < RUNS; j += 8) {
		for (l = 0; l < 8; l++)
			part[l] += notice[j + l];
	}
	return part[0] + part[1] + part[2] + part[3] + part[4] + part[5] +
	    part[6] + part[7];
}

/* Swap two row pointers. */
SD_LOOP_INLINE void
swap_rows(double **a, double **b)
{
	double *t = *a;

	*a = *b;
	*b = t;
}

/* Every run takes its trial: the trial rows become the current ones and
 * the current ones the next step's trial rows (no copy), so that a run
 * that is not accepted is put back one by one (accept_slow). Runs that
 * are not going take their trial too: their state is not kept. */
SD_LOOP_INLINE void
accept_swap(sd_batch *b)
{
	size_t k;

	swap_rows(&b->x, &b->trial);
	swap_rows(&b->g, &b->gtrial);
	swap_rows(&b->f, &b->ftrial);
	swap_rows(&b->gn2, &b->sq);
	for (k = 0; k < b->dim; k++) {
		b->xs[k] = b->trial + k * STRIDE;
		b->gs[k] = b->gtrial + k * STRIDE;
	}
}

/* Run j back where it was before the swap (its values there are in the
 * trial rows now). */
static void
accept_undo(sd_batch *b, size_t j)
{
	size_t k;

	for (k = 0; k < b->dim; k++) {
		b->x[k * STRIDE + j] = b->trial[k * STRIDE + j];
		b->g[k * STRIDE + j] = b->gtrial[k * STRIDE + j];
	}
	b->f[j] = b->ftrial[j];
	b->gn2[j] = b->sq[j];
}

/* Run j, going and not accepted by the loops (after the swap, so its
 * trial is in the current rows): sd_optimizer_iterate's verdict, by
 * sd_norm itself when the square was not normal; put back unless OK. */
static sd_step_status
accept_slow(sd_batch *b, size_t j)
{
	double gn;
	size_t d = b->dim;

	batch_gather(b, b->x, j, b->work);
	batch_gather(b, b->g, j, b->work + d);
	if (b->pre[j] == 0 || !isfinite(b->f[j]) || !sd_all_finite(b->work, 2 * d) ||
	    !isfinite(gn = sd_norm(b->work + d, d))) {
		accept_undo(b, j);
		return SD_STEP_DIVERGED;
	}
	b->gn2[j] = NAN;
	b->gnx[j] = gn;
	b->fd[j] = INFINITY;
	b->iter[j]++;
	return SD_STEP_OK;
}

SD_SIMD_CLONES size_t
sd_batch_iterate(sd_batch *b, size_t n, const unsigned char *active)
{
	size_t j, k, d = b->dim;
	double count;

	b->active = active;
	b->n = n;
	if (b->method->prepare != NULL)
		b->method->prepare(b);
	for (k = 0; k < d; k++)
		b->method->rule(b, k);
	if (b->method->after != NULL)
		b->method->after(b);
	sd_objective_fg_batch(b->obj, n, b->xs, b->ftrial, b->gs, b->work);
	accept_begin(b->ok, b->sq, b->fd, b->ftrial, b->pre, active);
	for (k = 0; k < d; k++)
		accept_row(b->ok, b->sq, b->fd, b->gtrial + k * STRIDE,
		    b->trial + k * STRIDE, b->fence + k * STRIDE);
	count = accept_end(b, active);
	accept_swap(b);
	if (count == 0)
		return 0;
	for (j = 0; j < n; j++) {
		if (b->notice[j] != 0 && b->ok[j] == 0)
			b->slow[j] = accept_slow(b, j);
	}
	return (size_t)count;
}

sd_step_status
sd_batch_status(const sd_batch *b, size_t j)
{
	return b->ok[j] != 0 ? SD_STEP_OK : b->slow[j];
}

int
sd_batch_noticed(const sd_batch *b, size_t j)
{
	return b->notice[j] != 0;
}

int
sd_batch_inside(const sd_batch *b, size_t j)
{
	return b->fd[j] < b->fence2[j];
}

void
sd_batch_view(const sd_batch *b, size_t j, sd_optimizer *view, double *x)
{
	batch_gather(b, b->x, j, x);
	view->type = b->method->type;
	view->objective = b->obj;
	view->dim = b->dim;
	view->x = x;
	view->iter = (size_t)b->iter[j];
	view->f = b->f[j];
	view->grad_norm = sd_batch_grad_norm(b, j);
}

const double *
sd_batch_row(const sd_batch *b, size_t k)
{
	return b->x + k * STRIDE;
}

size_t
sd_batch_iter(const sd_batch *b, size_t j)
{
	return (size_t)b->iter[j];
}

double
sd_batch_grad_norm(const sd_batch *b, size_t j)
{
	return isnan(b->gn2[j]) ? b->gnx[j] : sqrt(b->gn2[j]);
}
