/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch.c: first-order methods stepping many runs at once (see batch.h).
 *
 * A method's batch rule is its update written over the structure of
 * arrays: the same expression as its scalar iterate, evaluated in the
 * same order for each run, so the bits agree. A table maps the registered
 * type to its rule and the state arrays it needs. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "optimizers/batch.h"
#include "optimizers/optimizer_impl.h"

extern const sd_optimizer_type sd_optimizer_gd, sd_optimizer_momentum;

/* Rows of SD_BATCH_RUNS runs would lie 4 KiB apart, where a store to one
 * row and a load from the next look alike to the store buffer (4K
 * aliasing) and stall: a few spare runs per row stagger them. */
#define STRIDE	(SD_BATCH_RUNS + 8)

/* Every loop runs over all SD_BATCH_RUNS runs, a constant: GCC vectorizes
 * such loops even at -O2 (its very cheap cost model wants no remainder),
 * and the lanes of runs that are not going are computed and dropped. */
#define RUNS	SD_BATCH_RUNS

struct sd_batch;

/* A method's rule for coordinate k: row k of trial, the proposed points
 * (every method here updates the coordinates independently). */
typedef void (*batch_rule)(struct sd_batch *b, size_t k);

struct batch_method {
	const sd_optimizer_type	*type;
	batch_rule		 rule;
	size_t			 n_state;	/* dim × STRIDE arrays of state */
};

struct sd_batch {
	const struct batch_method *method;
	const sd_objective	*obj;
	size_t			 dim;
	double			 params[SD_PARAMS_MAX];
	double			*x, *g, *trial, *gtrial;	/* dim × STRIDE */
	double			*f, *ftrial, *gn, *gntrial;	/* STRIDE */
	size_t			*iter;				/* STRIDE */
	unsigned char		*ok;				/* STRIDE */
	double			*state;		/* n_state × dim × STRIDE */
	double			*work;		/* 2·dim: the fallback */
	const double		**xs;		/* dim row pointers */
	double			**gs;		/* dim row pointers */
};

/* The loops over a row take restrict parameters: GCC trusts those (not
 * restrict locals) to vectorize without a runtime alias check. */

/* gd on one row. */
static void
gd_row(double *restrict t, const double *restrict x,
    const double *restrict g, double lr)
{
	size_t j;

	for (j = 0; j < RUNS; j++)
		t[j] = x[j] - lr * g[j];
}

/* gd: trial = x − lr·g (gd.c). */
static void
batch_gd(struct sd_batch *b, size_t k)
{
	gd_row(b->trial + k * STRIDE, b->x + k * STRIDE, b->g + k * STRIDE,
	    b->params[0]);
}

/* momentum on one row. */
static void
momentum_row(double *restrict t, double *restrict v,
    const double *restrict x, const double *restrict g, double lr,
    double beta)
{
	size_t j;

	for (j = 0; j < RUNS; j++) {
		v[j] = beta * v[j] - lr * g[j];
		t[j] = x[j] + v[j];
	}
}

/* momentum: v = beta·v − lr·g; trial = x + v (momentum.c; no tangent
 * projection on R^d). */
static void
batch_momentum(struct sd_batch *b, size_t k)
{
	momentum_row(b->trial + k * STRIDE, b->state + k * STRIDE,
	    b->x + k * STRIDE, b->g + k * STRIDE, b->params[0],
	    b->params[1]);
}

static const struct batch_method batch_methods[] = {
	{ &sd_optimizer_gd, batch_gd, 0 },
	{ &sd_optimizer_momentum, batch_momentum, 1 },
};

/* The batch rule of type, or NULL. */
static const struct batch_method *
batch_method_of(const sd_optimizer_type *type)
{
	size_t i;

	for (i = 0; i < sizeof batch_methods / sizeof batch_methods[0]; i++) {
		if (batch_methods[i].type == type)
			return &batch_methods[i];
	}
	return NULL;
}

int
sd_batch_supports(const sd_optimizer_type *type, const sd_objective *obj)
{
	return batch_method_of(type) != NULL &&
	    obj->type->manifold == SD_EUCLIDEAN;
}

sd_batch *
sd_batch_new(const sd_optimizer_type *type, const sd_objective *obj,
    const double *params, char **cause)
{
	const struct batch_method *m = batch_method_of(type);
	size_t d = obj->dim, k;
	sd_batch *b;

	const size_t cap = STRIDE;

	if (m == NULL || !sd_batch_supports(type, obj)) {
		sd_fail(cause, "%s has no batch rule on %s", type->name,
		    obj->spec);
		return NULL;
	}
	if ((b = calloc(1, sizeof *b)) == NULL ||
	    (b->x = calloc((4 + m->n_state) * d * cap + 4 * cap + 2 * d,
	    sizeof *b->x)) == NULL || (b->iter = calloc(cap,
	    sizeof *b->iter)) == NULL || (b->ok = calloc(cap,
	    sizeof *b->ok)) == NULL || (b->xs = calloc(d,
	    sizeof *b->xs)) == NULL || (b->gs = calloc(d,
	    sizeof *b->gs)) == NULL) {
		sd_batch_free(b);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	b->method = m;
	b->obj = obj;
	b->dim = d;
	memcpy(b->params, params, sizeof b->params);
	b->g = b->x + d * cap;
	b->trial = b->g + d * cap;
	b->gtrial = b->trial + d * cap;
	b->state = b->gtrial + d * cap;
	b->f = b->state + m->n_state * d * cap;
	b->ftrial = b->f + cap;
	b->gn = b->ftrial + cap;
	b->gntrial = b->gn + cap;
	b->work = b->gntrial + cap;
	for (k = 0; k < d; k++) {
		b->xs[k] = b->trial + k * cap;
		b->gs[k] = b->gtrial + k * cap;
	}
	return b;
}

void
sd_batch_free(sd_batch *b)
{
	if (b == NULL)
		return;
	free(b->x);
	free(b->iter);
	free(b->ok);
	free(b->xs);
	free(b->gs);
	free(b);
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
sd_batch_set(sd_batch *b, size_t j, const double *x0)
{
	const sd_objective *obj = b->obj;
	double *g = b->work + b->dim, f, gn;
	size_t k, d = b->dim;

	if (!sd_vec_finite(x0, d))
		return -1;
	f = sd_objective_f(obj, x0);
	sd_objective_gradient(obj, x0, g);
	gn = sd_vec_norm(g, d);
	if (!isfinite(f) || !sd_vec_finite(g, d) || !isfinite(gn))
		return -1;
	for (k = 0; k < d; k++) {
		b->x[k * STRIDE + j] = x0[k];
		b->g[k * STRIDE + j] = g[k];
	}
	for (k = 0; k < b->method->n_state * d; k++)
		b->state[k * STRIDE + j] = 0;
	b->f[j] = f;
	b->gn[j] = gn;
	b->iter[j] = 0;
	return 0;
}

/* s += g² on one row. */
static void
add_squares(double *restrict s, const double *restrict g)
{
	size_t j;

	for (j = 0; j < RUNS; j++)
		s[j] += g[j] * g[j];
}

/* ok &= v is finite, on one row (v − v is 0 exactly when v is finite). */
static void
and_finite(unsigned char *restrict ok, const double *restrict v)
{
	size_t j;

	for (j = 0; j < RUNS; j++)
		ok[j] &= v[j] - v[j] == 0;
}

/* ‖∇f‖ at the trials: the sum of squares in sd_vec_norm's order (0 + g₁²
 * + g₂² + ...), its square root when that is safe, and sd_vec_norm itself
 * on the rare runs whose squares overflow or underflow. */
static void
batch_norms(struct sd_batch *b, const unsigned char *active)
{
	double *gn = b->gntrial, *gt = b->work + b->dim;
	size_t j, k;

	for (j = 0; j < RUNS; j++)
		gn[j] = 0;
	for (k = 0; k < b->dim; k++)
		add_squares(gn, b->gtrial + k * STRIDE);
	for (j = 0; j < RUNS; j++) {
		if (gn[j] >= DBL_MIN && gn[j] <= DBL_MAX)
			gn[j] = sqrt(gn[j]);
		else if (active[j]) {
			batch_gather(b, b->gtrial, j, gt);
			gn[j] = sd_vec_norm(gt, b->dim);
		}
	}
}

/* ok[j]: run j is active and its trial, f, ∇f and ‖∇f‖ are all finite,
 * sd_optimizer_iterate's test for accepting a step. */
static void
batch_finite(struct sd_batch *b, const unsigned char *active)
{
	size_t j, k;

	for (j = 0; j < RUNS; j++)
		b->ok[j] = active[j] != 0;
	and_finite(b->ok, b->ftrial);
	and_finite(b->ok, b->gntrial);
	for (k = 0; k < b->dim; k++) {
		and_finite(b->ok, b->trial + k * STRIDE);
		and_finite(b->ok, b->gtrial + k * STRIDE);
	}
}

/* to[j] = from[j] where ok[j] (a blend, branch-free). */
static void
batch_select(double *restrict to, const double *restrict from,
    const unsigned char *restrict ok)
{
	size_t j;

	for (j = 0; j < RUNS; j++)
		to[j] = ok[j] ? from[j] : to[j];
}

/* Take the accepted trials in: x, ∇f, f, ‖∇f‖ and the step count. */
static void
batch_take(struct sd_batch *b)
{
	const unsigned char *restrict ok = b->ok;
	size_t j, k;

	for (k = 0; k < b->dim; k++) {
		batch_select(b->x + k * STRIDE, b->trial + k * STRIDE, ok);
		batch_select(b->g + k * STRIDE, b->gtrial + k * STRIDE, ok);
	}
	batch_select(b->f, b->ftrial, ok);
	batch_select(b->gn, b->gntrial, ok);
	for (j = 0; j < RUNS; j++)
		b->iter[j] += ok[j];
}

void
sd_batch_iterate(sd_batch *b, size_t n, const unsigned char *active,
    sd_step_status *status)
{
	size_t j, k;

	for (k = 0; k < b->dim; k++)
		b->method->rule(b, k);
	sd_objective_fg_batch(b->obj, n, b->xs, b->ftrial, b->gs, b->work);
	batch_norms(b, active);
	batch_finite(b, active);
	batch_take(b);
	for (j = 0; j < n; j++) {
		if (active[j])
			status[j] = b->ok[j] ? SD_STEP_OK : SD_STEP_DIVERGED;
	}
}

void
sd_batch_view(const sd_batch *b, size_t j, sd_optimizer *view, double *x)
{
	batch_gather(b, b->x, j, x);
	view->type = b->method->type;
	view->objective = b->obj;
	view->dim = b->dim;
	view->x = x;
	view->iter = b->iter[j];
	view->f = b->f[j];
	view->grad_norm = b->gn[j];
}

const double *
sd_batch_row(const sd_batch *b, size_t k)
{
	return b->x + k * STRIDE;
}

size_t
sd_batch_iter(const sd_batch *b, size_t j)
{
	return b->iter[j];
}

double
sd_batch_grad_norm(const sd_batch *b, size_t j)
{
	return b->gn[j];
}
