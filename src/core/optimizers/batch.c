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

struct sd_batch;

/* A method's rule: trial = the proposed points of runs 0..n−1. */
typedef void (*batch_rule)(struct sd_batch *b, size_t n);

struct batch_method {
	const sd_optimizer_type	*type;
	batch_rule		 rule;
	size_t			 n_state;	/* dim × cap arrays of state */
};

struct sd_batch {
	const struct batch_method *method;
	const sd_objective	*obj;
	size_t			 dim, cap;
	double			 params[SD_PARAMS_MAX];
	double			*x, *g, *trial, *gtrial;	/* dim × cap */
	double			*f, *ftrial, *gn;		/* cap */
	size_t			*iter;				/* cap */
	double			*state;		/* n_state × dim × cap */
	double			*work;		/* 2·dim: the fallback */
	const double		**xs;		/* dim row pointers */
	double			**gs;		/* dim row pointers */
};

/* gd: trial = x − lr·g (gd.c). */
static void
batch_gd(struct sd_batch *b, size_t n)
{
	const double lr = b->params[0];
	size_t i, m = b->dim * b->cap;

	(void)n;
	for (i = 0; i < m; i++)
		b->trial[i] = b->x[i] - lr * b->g[i];
}

/* momentum: v = beta·v − lr·g; trial = x + v (momentum.c; no tangent
 * projection on R^d). */
static void
batch_momentum(struct sd_batch *b, size_t n)
{
	const double lr = b->params[0], beta = b->params[1];
	double *v = b->state;
	size_t i, m = b->dim * b->cap;

	(void)n;
	for (i = 0; i < m; i++) {
		v[i] = beta * v[i] - lr * b->g[i];
		b->trial[i] = b->x[i] + v[i];
	}
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
    const double *params, size_t cap, char **cause)
{
	const struct batch_method *m = batch_method_of(type);
	size_t d = obj->dim, k;
	sd_batch *b;

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
	b->cap = cap;
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
		out[k] = a[k * b->cap + j];
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
		b->x[k * b->cap + j] = x0[k];
		b->g[k * b->cap + j] = g[k];
	}
	for (k = 0; k < b->method->n_state * d; k++)
		b->state[k * b->cap + j] = 0;
	b->f[j] = f;
	b->gn[j] = gn;
	b->iter[j] = 0;
	return 0;
}

/* Accept run j's trial as sd_optimizer_iterate's accept does: every
 * coordinate, f, ∇f and ‖∇f‖ finite, or the run diverged in place. */
static sd_step_status
batch_accept(sd_batch *b, size_t j)
{
	double *t = b->work, *gt = b->work + b->dim, gn;
	size_t k, d = b->dim, c = b->cap;

	batch_gather(b, b->trial, j, t);
	batch_gather(b, b->gtrial, j, gt);
	if (!sd_vec_finite(t, d) || !isfinite(b->ftrial[j]) ||
	    !sd_vec_finite(gt, d) || !isfinite(gn = sd_vec_norm(gt, d)))
		return SD_STEP_DIVERGED;
	for (k = 0; k < d; k++) {
		b->x[k * c + j] = t[k];
		b->g[k * c + j] = gt[k];
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
	size_t j;

	b->method->rule(b, n);
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
