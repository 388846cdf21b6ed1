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

extern const sd_optimizer_type sd_optimizer_gd, sd_optimizer_momentum,
    sd_optimizer_adagrad, sd_optimizer_rmsprop, sd_optimizer_adam;

/* Rows of SD_BATCH_RUNS runs would lie 4 KiB apart, where a store to one
 * row and a load from the next look alike to the store buffer (4K
 * aliasing) and stall: a few spare runs per row stagger them. */
#define STRIDE	(SD_BATCH_RUNS + 8)

/* The rules run over all SD_BATCH_RUNS runs, a constant: GCC vectorizes
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
	size_t			 n_state;	/* rows of state per coordinate */
};

struct sd_batch {
	const struct batch_method *method;
	const sd_objective	*obj;
	size_t			 dim;
	double			 params[SD_PARAMS_MAX];
	double			*x, *g, *trial, *gtrial;	/* dim rows */
	double			*f, *ftrial, *gn;		/* STRIDE */
	size_t			*iter;				/* STRIDE */
	double			*state;		/* n_state × dim × STRIDE */
	double			*work;		/* 2·dim: the fallback */
	const unsigned char	*active;	/* the step's mask */
	double			 adam_t, adam_c1, adam_c2;	/* memo */
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

/* adagrad: G += g²; trial = x − lr·g/(√G + eps) (adagrad.c). */
static void
batch_adagrad(struct sd_batch *b, size_t k)
{
	const double lr = b->params[0], eps = b->params[1];
	const double *x = b->x + k * STRIDE, *g = b->g + k * STRIDE;
	double *G = b->state + k * STRIDE, *t = b->trial + k * STRIDE;
	size_t j;

	for (j = 0; j < RUNS; j++) {
		G[j] += g[j] * g[j];
		t[j] = x[j] - lr * g[j] / (sqrt(G[j]) + eps);
	}
}

/* rmsprop: s = rho·s + (1 − rho)·g²; trial = x − lr·g/(√s + eps)
 * (rmsprop.c). */
static void
batch_rmsprop(struct sd_batch *b, size_t k)
{
	const double lr = b->params[0], rho = b->params[1];
	const double eps = b->params[2];
	const double *x = b->x + k * STRIDE, *g = b->g + k * STRIDE;
	double *s = b->state + k * STRIDE, *t = b->trial + k * STRIDE;
	size_t j;

	for (j = 0; j < RUNS; j++) {
		s[j] = rho * s[j] + (1 - rho) * g[j] * g[j];
		t[j] = x[j] - lr * g[j] / (sqrt(s[j]) + eps);
	}
}

/* adam (adam.c): its bias corrections depend on run j's step count
 * t = iter + 1, the same for every going run of a batch, so pow is
 * taken once per step (remembered), not once per run. */
static void
batch_adam(struct sd_batch *b, size_t k)
{
	const double lr = b->params[0], b1 = b->params[1];
	const double b2 = b->params[2], eps = b->params[3];
	const double *x = b->x + k * STRIDE, *g = b->g + k * STRIDE;
	double *m = b->state + 2 * k * STRIDE, *v = m + STRIDE;
	double *tr = b->trial + k * STRIDE, t;
	size_t j;

	for (j = 0; j < RUNS; j++) {
		if (!b->active[j])
			continue;
		if ((t = (double)b->iter[j] + 1) != b->adam_t) {
			b->adam_t = t;
			b->adam_c1 = 1 - pow(b1, t);
			b->adam_c2 = 1 - pow(b2, t);
		}
		m[j] = b1 * m[j] + (1 - b1) * g[j];
		v[j] = b2 * v[j] + (1 - b2) * g[j] * g[j];
		tr[j] = x[j] - lr * (m[j] / b->adam_c1) /
		    (sqrt(v[j] / b->adam_c2) + eps);
	}
}

static const struct batch_method batch_methods[] = {
	{ &sd_optimizer_gd, batch_gd, 0 },
	{ &sd_optimizer_momentum, batch_momentum, 1 },
	{ &sd_optimizer_adagrad, batch_adagrad, 1 },
	{ &sd_optimizer_rmsprop, batch_rmsprop, 1 },
	{ &sd_optimizer_adam, batch_adam, 2 },
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
	    (b->x = calloc((4 + m->n_state) * d * cap + 3 * cap + 2 * d,
	    sizeof *b->x)) == NULL || (b->iter = calloc(cap,
	    sizeof *b->iter)) == NULL || (b->xs = calloc(d,
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
	b->work = b->gn + cap;
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
	b->f[j] = f;
	b->gn[j] = gn;
	b->iter[j] = 0;
	return 0;
}

/* Accept run j's trial as sd_optimizer_iterate's accept does: every
 * coordinate, f, ∇f and ‖∇f‖ finite (v − v is 0 exactly when v is), the
 * norm in sd_norm's order (0 + g₁² + g₂² + ...), sd_norm itself
 * for the rare squares that overflow or underflow; else the run diverged
 * in place. One pass per run: the whole test reads each value once. */
static sd_step_status
batch_accept(struct sd_batch *b, size_t j)
{
	double s = 0, u, v, gn;
	size_t k, d = b->dim;
	int ok = b->ftrial[j] - b->ftrial[j] == 0;

	for (k = 0; k < d; k++) {
		u = b->gtrial[k * STRIDE + j];
		v = b->trial[k * STRIDE + j];
		ok &= (u - u == 0) & (v - v == 0);
		s += u * u;
	}
	if (!ok)
		return SD_STEP_DIVERGED;
	if (s >= DBL_MIN && s <= DBL_MAX)
		gn = sqrt(s);
	else {
		batch_gather(b, b->gtrial, j, b->work);
		if (!isfinite(gn = sd_norm(b->work, d)))
			return SD_STEP_DIVERGED;
	}
	for (k = 0; k < d; k++) {
		b->x[k * STRIDE + j] = b->trial[k * STRIDE + j];
		b->g[k * STRIDE + j] = b->gtrial[k * STRIDE + j];
	}
	b->f[j] = b->ftrial[j];
	b->gn[j] = gn;
	b->iter[j]++;
	return SD_STEP_OK;
}

void
sd_batch_iterate(sd_batch *b, size_t n, const unsigned char *active,
    sd_step_status *status)
{
	size_t j, k;

	b->active = active;
	for (k = 0; k < b->dim; k++)
		b->method->rule(b, k);
	sd_objective_fg_batch(b->obj, n, b->xs, b->ftrial, b->gs, b->work);
	for (j = 0; j < n; j++) {
		if (active[j])
			status[j] = batch_accept(b, j);
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
