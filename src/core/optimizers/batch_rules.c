/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch_rules.c: the methods' batch rules (batch_impl.h): each the same
 * expressions as the method's scalar iterate, evaluated in the same
 * order for each run, so the bits agree; the random ones draw from the
 * run's own generator, in the run's own order. A table maps the
 * registered type to its rule and the state rows it needs. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "base/simd.h"
#include "optimizers/batch_impl.h"
#include "optimizers/optimizer_impl.h"

#define STRIDE	SD_BATCH_STRIDE
#define RUNS	SD_BATCH_RUNS

extern const sd_optimizer_type sd_optimizer_gd, sd_optimizer_momentum,
    sd_optimizer_nesterov, sd_optimizer_adagrad, sd_optimizer_rmsprop,
    sd_optimizer_adam, sd_optimizer_pgd, sd_optimizer_sgd;

/* The loops over a row take restrict parameters: GCC trusts those (not
 * restrict locals) to vectorize without a runtime alias check. */

/* gd on one row. */
SD_LOOP_INLINE void
gd_row(double *restrict t, const double *restrict x,
    const double *restrict g, double lr)
{
	size_t j;

	for (j = 0; j < RUNS; j++)
		t[j] = x[j] - lr * g[j];
}

/* gd: trial = x − lr·g (gd.c). */
SD_SIMD_CLONES static void
batch_gd(struct sd_batch *b, size_t k)
{
	gd_row(b->trial + k * STRIDE, b->x + k * STRIDE, b->g + k * STRIDE,
	    b->params[0]);
}

/* momentum on one row. */
SD_LOOP_INLINE void
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
SD_SIMD_CLONES static void
batch_momentum(struct sd_batch *b, size_t k)
{
	momentum_row(b->trial + k * STRIDE, b->state + k * STRIDE,
	    b->x + k * STRIDE, b->g + k * STRIDE, b->params[0],
	    b->params[1]);
}

/* adagrad: G += g²; trial = x − lr·g/(√G + eps) (adagrad.c). */
SD_SIMD_CLONES static void
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
SD_SIMD_CLONES static void
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
SD_SIMD_CLONES static void
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
		if ((t = b->iter[j] + 1) != b->adam_t) {
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

/* nesterov (nesterov.c): the look-ahead y = x + beta·v and ∇f(y) for
 * every run first (one batch evaluation; f there is not used), pre[j] 0
 * where y is not finite (the scalar method's DIVERGED). State rows per
 * coordinate: v, y, ∇f(y); per run: f(y). */
static void
nesterov_prepare(struct sd_batch *b)
{
	const double beta = b->params[1];
	double *v = b->state, *y = v + b->dim * STRIDE;
	double *gy = y + b->dim * STRIDE, *pre = b->pre, u;
	size_t j, k;

	for (j = 0; j < RUNS; j++)
		pre[j] = 0;
	for (k = 0; k < b->dim; k++) {
		for (j = 0; j < RUNS; j++) {
			y[k * STRIDE + j] = u = b->x[k * STRIDE + j] +
			    beta * v[k * STRIDE + j];
			pre[j] += u - u;
		}
		b->ys[k] = y + k * STRIDE;
		b->gys[k] = gy + k * STRIDE;
	}
	for (j = 0; j < RUNS; j++)
		pre[j] = pre[j] == 0;
	sd_objective_fg_batch(b->obj, b->n, b->ys, b->aux, b->gys, b->work);
}

SD_SIMD_CLONES static void
batch_nesterov(struct sd_batch *b, size_t k)
{
	momentum_row(b->trial + k * STRIDE, b->state + k * STRIDE,
	    b->x + k * STRIDE, b->state + (2 * b->dim + k) * STRIDE,
	    b->params[0], b->params[1]);
}

/* The runs of this step: active and below n. */
static int
batch_going(const struct sd_batch *b, size_t j)
{
	return j < b->n && b->active[j];
}

/* pgd (pgd.c): gd's rule for every run, then, for the runs whose
 * gradient is small and whose last perturbation is old, the perturbed
 * step from y = x + ξ (ξ drawn from the run's generator by the scalar
 * method's own sd_pgd_ball) with ∇f(y). Per-run state: the step of the
 * last perturbation. */
static void
pgd_start(struct sd_batch *b, size_t j)
{
	b->aux[j] = -b->params[3] - 1;
}

static void
pgd_after(struct sd_batch *b)
{
	const double lr = b->params[0], *p = b->params;
	size_t j, k, d = b->dim;
	double *xv = b->work, *y = xv + d, *gy = y + d;
	sd_optimizer view;

	for (j = 0; j < RUNS; j++) {
		if (!batch_going(b, j) || !(b->iter[j] - b->aux[j] > p[3]) ||
		    !(sd_batch_grad_norm(b, j) <= p[2]))
			continue;
		b->aux[j] = b->iter[j];
		sd_batch_view(b, j, &view, xv);
		view.rng = b->rng[j];
		sd_pgd_ball(&view, p[1], y);
		for (k = 0; k < d; k++)
			y[k] = xv[k] + y[k];
		sd_objective_gradient(b->obj, y, gy);
		for (k = 0; k < d; k++)
			b->trial[k * STRIDE + j] = y[k] - lr * gy[k];
	}
}

/* sgd (sgd.c) on an objective without samples: x − lr·(g + sigma·ξ),
 * one Gaussian per coordinate, in coordinate order, from the run's
 * generator (the rows come in coordinate order). */
static void
batch_sgd(struct sd_batch *b, size_t k)
{
	const double lr = b->params[0], sigma = b->params[1];
	const double *x = b->x + k * STRIDE, *g = b->g + k * STRIDE;
	double *t = b->trial + k * STRIDE;
	size_t j;

	for (j = 0; j < RUNS; j++) {
		if (batch_going(b, j))
			t[j] = x[j] - lr * (g[j] + sigma *
			    gsl_ran_gaussian(b->rng[j], 1.0));
	}
}

/* sgd draws minibatches on objectives made of samples: not batched. */
static int
sgd_supports(const sd_objective *obj)
{
	return obj->type->samples == NULL || obj->type->grad_batch == NULL;
}

static const struct batch_method batch_methods[] = {
	{ &sd_optimizer_gd, batch_gd, NULL, NULL, NULL, NULL, 0, 0, 0 },
	{ &sd_optimizer_momentum, batch_momentum, NULL, NULL, NULL, NULL,
	  1, 0, 0 },
	{ &sd_optimizer_nesterov, batch_nesterov, nesterov_prepare, NULL,
	  NULL, NULL, 3, 1, 0 },
	{ &sd_optimizer_adagrad, batch_adagrad, NULL, NULL, NULL, NULL,
	  1, 0, 0 },
	{ &sd_optimizer_rmsprop, batch_rmsprop, NULL, NULL, NULL, NULL,
	  1, 0, 0 },
	{ &sd_optimizer_adam, batch_adam, NULL, NULL, NULL, NULL, 2, 0, 0 },
	{ &sd_optimizer_pgd, batch_gd, NULL, pgd_after, pgd_start, NULL,
	  0, 1, 1 },
	{ &sd_optimizer_sgd, batch_sgd, NULL, NULL, NULL, sgd_supports,
	  0, 0, 1 },
};

const struct batch_method *
sd_batch_method_of(const sd_optimizer_type *type)
{
	size_t i;

	for (i = 0; i < sizeof batch_methods / sizeof batch_methods[0]; i++) {
		if (batch_methods[i].type == type)
			return &batch_methods[i];
	}
	return NULL;
}
