/* SPDX-License-Identifier: GPL-3.0-or-later */
/* formula.c: a user formula as an objective (see expr.h).
 *
 * Each formula gets its own type, kept in the objective's state, so that
 * obj->type->formula is the text like any built-in's formula and the
 * front ends need no special case. A field goes through a slice
 * (slice.h) whose only projection is the plane: its points are lifted a
 * chunk at a time and evaluated by the block interpreter. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "expr/expr.h"

/* The state of an "expr" objective: its type, the compiled formula and
 * the text both point into. */
struct expr_state {
	sd_objective_type	 type;
	sd_expr			*expr;
	char			*text;
};

/* f(x, y). */
static double
expr_objective_f(const void *state, const double *x)
{
	const struct expr_state *s = state;

	return sd_expr_eval(s->expr, x[0], x[1]);
}

/* ∇f(x, y), exact. */
static void
expr_objective_grad(const void *state, const double *x, double *g)
{
	const struct expr_state *s = state;

	sd_expr_eval2(s->expr, x[0], x[1], NULL, g, NULL);
}

/* ∇²f(x, y), exact, row-major 2×2. */
static void
expr_objective_hess(const void *state, const double *x, double *h)
{
	const struct expr_state *s = state;

	sd_expr_eval2(s->expr, x[0], x[1], NULL, NULL, h);
}

/* f and ∇f at n points (fg_batch): the formula's batch interpreter. */
static void
expr_objective_fg_batch(const void *state, size_t n, const double *const *x,
    double *f, double *const *g)
{
	const struct expr_state *s = state;

	sd_expr_eval_fg_batch(s->expr, n, x[0], x[1], f, g[0], g[1]);
}

/* ---- along a chart: the field through the batch interpreter ---------- */

#define EXPR_SLICE_CHUNK	256	/* points lifted at a time */

/* A formula on the plane x = c + a·u + b·v: a copy of the compiled
 * formula of its own (a slice outlives the objective's state). */
struct expr_slice {
	sd_expr	*expr;
	double	 c[2], u[2], v[2];
};

/* f at m ≤ EXPR_SLICE_CHUNK chart points, the point lifted as
 * sd_chart_lift lifts it (the same bits as sd_chart_f): points
 * (a[k], b[k·bs]), so a row passes bs = 0. */
static void
expr_slice_chunk(const struct expr_slice *sl, size_t m, const double *a,
    const double *b, size_t bs, double *f)
{
	double x[EXPR_SLICE_CHUNK], y[EXPR_SLICE_CHUNK];
	size_t k;

	for (k = 0; k < m; k++) {
		x[k] = sl->c[0] + a[k] * sl->u[0] + b[k * bs] * sl->v[0];
		y[k] = sl->c[1] + a[k] * sl->u[1] + b[k * bs] * sl->v[1];
	}
	sd_expr_eval_batch(sl->expr, m, x, y, f);
}

/* f at m chart points (slice f). */
static void
expr_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	size_t k, n;

	for (k = 0; k < m; k += n) {
		n = m - k < EXPR_SLICE_CHUNK ? m - k : EXPR_SLICE_CHUNK;
		expr_slice_chunk(data, n, a + k, b + k, 1, f + k);
	}
}

/* f on a grid, row by row (slice grid): each point as expr_slice_f. */
static void
expr_slice_grid(const void *data, size_t na, const double *a, size_t nb,
    const double *b, double *f, size_t stride)
{
	size_t i, j, n;

	for (j = 0; j < nb; j++)
		for (i = 0; i < na; i += n) {
			n = na - i < EXPR_SLICE_CHUNK ? na - i :
			    EXPR_SLICE_CHUNK;
			expr_slice_chunk(data, n, a + i, &b[j], 0,
			    f + j * stride + i);
		}
}

static void
expr_slice_free(void *data)
{
	struct expr_slice *sl = data;

	sd_expr_free(sl->expr);
	free(sl);
}

/* The plane and a copy of the formula (slice_new). */
static int
expr_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct expr_state *s = state;
	struct expr_slice *sl;

	if ((sl = calloc(1, sizeof *sl)) == NULL ||
	    (sl->expr = sd_expr_compile(s->text, NULL)) == NULL) {
		free(sl);
		return sd_fail(cause, "out of memory");
	}
	memcpy(sl->c, c, sizeof sl->c);
	memcpy(sl->u, u, sizeof sl->u);
	memcpy(sl->v, v, sizeof sl->v);
	slice->data = sl;
	slice->f = expr_slice_f;
	slice->grid = expr_slice_grid;
	slice->free_data = expr_slice_free;
	slice->bytes = sizeof *sl;
	return 0;
}

/* The formula is its own expression. */
static int
expr_objective_expression(const void *state, char *buf, size_t size)
{
	const struct expr_state *s = state;

	return snprintf(buf, size, "%s", s->text);
}

/* Release what the state owns (not the state: sd_objective_free does). */
static void
expr_objective_done(void *state)
{
	struct expr_state *s = state;

	sd_expr_free(s->expr);
	free(s->text);
}

/* What every formula's type starts from. */
static const sd_objective_type expr_type = {
	.name = "expr",
	.dim = 2,
	.window = { -3, 3, -3, 3 },
	.state_size = sizeof(struct expr_state),
	.done = expr_objective_done,
	.f = expr_objective_f,
	.grad = expr_objective_grad,
	.hess = expr_objective_hess,
	.fg_batch = expr_objective_fg_batch,
	.slice_new = expr_slice_new,
	.expression = expr_objective_expression,
};

sd_objective *
sd_objective_new_expr(const char *text, char **cause)
{
	struct expr_state *s;
	sd_expr_error err;
	char *msg;

	if ((s = calloc(1, sizeof *s)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	if ((s->expr = sd_expr_compile(text, &err)) == NULL) {
		msg = sd_expr_error_format(text, &err);
		sd_fail(cause, "%s", msg != NULL ? msg : err.message);
		free(msg);
		free(s);
		return NULL;
	}
	if ((s->text = strdup(text)) == NULL) {
		sd_expr_free(s->expr);
		free(s);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	s->type = expr_type;
	s->type.summary = s->text;
	s->type.formula = s->text;
	return sd_objective_new_state(&s->type, s, s->text, cause);
}
