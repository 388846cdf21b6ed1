/* SPDX-License-Identifier: GPL-3.0-or-later */
/* job_forward.c: the forwarding objective a job evaluates instead of the
 * one it borrows: the same answers until the job is cancelled, NaN after
 * (see job.h). */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "job_impl.h"

/* The forwarding objective passes every hook of the real one on, with
 * its own state: a hook added to sd_objective_type must be added here
 * too, or it would be handed the job instead of the objective's state. */
_Static_assert(offsetof(sd_objective_type, planted) +
    sizeof(void (*)(void)) == sizeof(sd_objective_type),
    "job.c forwards every hook of sd_objective_type: add the new one");

/* Whether the job behind a forwarding objective's state was cancelled. */
int
job_off(const struct job *j)
{
	return atomic_load_explicit(j->flag, memory_order_relaxed) != 0;
}

/* n NaNs into v. */
static void
job_nan(double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = NAN;
}

static double
job_f(const void *state, const double *x)
{
	const struct job *j = state;

	if (job_off(j))
		return NAN;
	return j->real->type->f(j->real->state, x);
}

static void
job_grad(const void *state, const double *x, double *g)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(g, j->real->dim);
	else
		j->real->type->grad(j->real->state, x, g);
}

static void
job_hess(const void *state, const double *x, double *h)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(h, j->real->dim * j->real->dim);
	else
		j->real->type->hess(j->real->state, x, h);
}

static void
job_hvp(const void *state, const double *x, const double *v, double *hv)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(hv, j->real->dim);
	else
		j->real->type->hvp(j->real->state, x, v, hv);
}

/* The real objective's prepared Hessian (its own data: the job adds
 * nothing to it), or NULL once cancelled (then hvp's NaNs serve). */
static void *
job_hvp_prepare(const void *state, const double *x)
{
	const struct job *j = state;

	if (job_off(j))
		return NULL;
	return j->real->type->hvp_prepare(j->real->state, x);
}

static void
job_hvp_prepared(const void *state, const void *prep, const double *v,
    double *hv)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(hv, j->real->dim);
	else
		j->real->type->hvp_prepared(j->real->state, prep, v, hv);
}

static void
job_grad_batch(const void *state, const double *x, const size_t *idx,
    size_t m, double *g)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(g, j->real->dim);
	else
		j->real->type->grad_batch(j->real->state, x, idx, m, g);
}

static void
job_fg_batch(const void *state, size_t n, const double *const *x,
    double *f, double *const *g)
{
	const struct job *j = state;
	size_t k;

	if (!job_off(j)) {
		j->real->type->fg_batch(j->real->state, n, x, f, g);
		return;
	}
	job_nan(f, n);
	for (k = 0; k < j->real->dim; k++)
		job_nan(g[k], n);
}

static size_t
job_samples(const void *state)
{
	const struct job *j = state;

	return j->real->type->samples(j->real->state);
}

static size_t
job_filter_size(const void *state)
{
	const struct job *j = state;

	return j->real->type->filter_size(j->real->state);
}

static double
job_fmin(const void *state)
{
	const struct job *j = state;

	return j->real->type->fmin(j->real->state);
}

static const double *
job_planted(const void *state)
{
	const struct job *j = state;

	return j->real->type->planted(j->real->state);
}

/* The real objective's formula; refused once cancelled, which is how the
 * certified search (it evaluates the formula itself, not through the
 * objective) learns to stop (certify.h). */
static int
job_expression(const void *state, char *buf, size_t size)
{
	const struct job *j = state;

	if (job_off(j))
		return -1;
	return j->real->type->expression(j->real->state, buf, size);
}

/* The hook reads the real objective's state: hand it the real one. It
 * evaluates the real objective, which answers in full even once the job is
 * cancelled (twolayer's searches for its saddle, about 12 ms on
 * twolayer:k=4,m=8,n=1000, and a survey's first optimizer asks for it
 * through sd_objective_scale): a cancelled job is refused it. */
static int
job_default_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct job *j = obj->state;

	if (job_off(j))
		return sd_fail(cause, "cancelled");
	return j->real->type->default_chart(j->real, chart, cause);
}

/* Points a job's slice evaluates between two looks at the job's flag: a
 * few milliseconds on glm:n=100000. */
#define JOB_SLICE_POINTS	8

/* The real objective's projections on a chart, evaluated through the
 * job: they answer in full whatever happens to the job, so the job looks
 * at its flag every JOB_SLICE_POINTS points and answers NaN once
 * cancelled, as job_f does. The slice refers to the job: it never leaves
 * the job's field (job_take_field drops it). */
struct job_slice {
	const struct job	*j;
	sd_objective_slice	 real;
};

static void
job_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	const struct job_slice *s = data;
	size_t k, step;

	for (k = 0; k < m; k += step) {
		step = m - k < JOB_SLICE_POINTS ? m - k : JOB_SLICE_POINTS;
		if (job_off(s->j))
			job_nan(f + k, step);
		else
			s->real.f(s->real.data, step, a + k, b + k, f + k);
	}
}

/* The grid a column chunk at a time (JOB_SLICE_POINTS × 4 columns: the
 * rows still share their exps), the flag looked at between chunks. */
static void
job_slice_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride)
{
	const struct job_slice *s = data;
	size_t i, j, step;

	for (i = 0; i < na; i += step) {
		step = na - i < 4 * JOB_SLICE_POINTS ? na - i :
		    4 * JOB_SLICE_POINTS;
		if (!job_off(s->j)) {
			s->real.grid(s->real.data, step, a + i, nb, b,
			    f + i, stride);
			continue;
		}
		for (j = 0; j < nb; j++)
			job_nan(f + j * stride + i, step);
	}
}

/* φ and its derivatives at one point (the finder's search through the
 * slice), NaN once cancelled. */
static void
job_slice_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	const struct job_slice *s = data;

	if (!job_off(s->j)) {
		s->real.fgh(s->real.data, a, b, f, g, h);
		return;
	}
	job_nan(f, 1);
	job_nan(g, 2);
	job_nan(h, 3);
}

/* ∇φ on a grid, a column chunk at a time as job_slice_grid. */
static void
job_slice_grad_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *ga, double *gb, size_t stride)
{
	const struct job_slice *s = data;
	size_t i, j, step;

	for (i = 0; i < na; i += step) {
		step = na - i < 4 * JOB_SLICE_POINTS ? na - i :
		    4 * JOB_SLICE_POINTS;
		if (!job_off(s->j)) {
			s->real.grad_grid(s->real.data, step, a + i, nb, b,
			    ga + i, gb + i, stride);
			continue;
		}
		for (j = 0; j < nb; j++) {
			job_nan(ga + j * stride + i, step);
			job_nan(gb + j * stride + i, step);
		}
	}
}

static void
job_slice_free(void *data)
{
	struct job_slice *s = data;

	s->real.free_data(s->real.data);
	free(s);
}

/* Refused to a cancelled job, whose field then runs out through job_f. */
static int
job_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct job *j = state;
	struct job_slice *s;

	if (job_off(j))
		return sd_fail(cause, "cancelled");
	if ((s = calloc(1, sizeof *s)) == NULL)
		return sd_fail(cause, "out of memory");
	if (j->real->type->slice_new(j->real->state, c, u, v, &s->real,
	    cause) != 0) {
		free(s);
		return -1;
	}
	if (s->real.f == NULL) {
		/* Declined (twolayer:ntk=1): f at the lifted points, through
		 * job_f, as for a type without the hook. */
		free(s);
		memset(slice, 0, sizeof *slice);
		return 0;
	}
	s->j = j;
	slice->data = s;
	slice->f = job_slice_f;
	slice->grid = s->real.grid ? job_slice_grid : NULL;
	slice->fgh = s->real.fgh ? job_slice_fgh : NULL;
	slice->grad_grid = s->real.grad_grid ? job_slice_grad_grid : NULL;
	slice->free_data = job_slice_free;
	slice->bytes = s->real.bytes;
	return 0;
}

/* Make j->obj a copy of real whose evaluations go through the job: the
 * same type table, parameters and spec, the hooks above in place of
 * real's (those it has). */
void
job_forward(struct job *j, const sd_objective *real)
{
	const sd_objective_type *t = real->type;

	j->real = real;
	j->type = *t;
	j->type.state_size = 0;
	j->type.init = NULL;
	j->type.done = NULL;
	j->type.f = job_f;
	j->type.grad = job_grad;
	j->type.hess = job_hess;
	j->type.hvp = t->hvp ? job_hvp : NULL;
	j->type.hvp_prepare = t->hvp_prepare ? job_hvp_prepare : NULL;
	j->type.hvp_prepared = t->hvp_prepared ? job_hvp_prepared : NULL;
	j->type.expression = t->expression ? job_expression : NULL;
	j->type.default_chart = t->default_chart ? job_default_chart : NULL;
	j->type.filter_size = t->filter_size ? job_filter_size : NULL;
	j->type.samples = t->samples ? job_samples : NULL;
	j->type.grad_batch = t->grad_batch ? job_grad_batch : NULL;
	j->type.fg_batch = t->fg_batch ? job_fg_batch : NULL;
	j->type.slice_new = t->slice_new ? job_slice_new : NULL;
	j->type.fmin = t->fmin ? job_fmin : NULL;
	j->type.planted = t->planted ? job_planted : NULL;
	j->obj.type = &j->type;
	j->obj.dim = real->dim;
	memcpy(j->obj.params, real->params, sizeof j->obj.params);
	j->obj.state = j;
	j->obj.spec = real->spec;
	/* Its own memo: a scale measured once cancelled (through NaNs) must
	 * not reach the real objective. NULL when out of memory: measured
	 * at every call. */
	j->obj.memo = sd_scale_memo_new();
}

