/* SPDX-License-Identifier: GPL-3.0-or-later */
/* formula.c: a user formula as an objective (see expr.h).
 *
 * Each formula gets its own type, kept in the objective's state, so that
 * obj->type->formula is the text like any built-in's formula and the
 * front ends need no special case. */
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
