/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optimizer.h: the stepping optimizer engine.
 *
 * GSL's type/state/iterate shape (gsl_multimin_fdfminimizer_type): a
 * method is a const type table with a private state; sd_optimizer_iterate
 * takes exactly one step; convergence is tested separately and the caller
 * owns the loop, so the TUI can step once per key press and `saddle run`
 * loops headless. sd_optimizer_advance takes many steps in one call, the
 * same steps bit for bit, with the stop rule tested inside the loop: a
 * caller that needs no look at every step (a benchmark, a run between
 * two events) pays no call per step for it. Every method is listed once
 * in sd_optimizer_types[] (optimizer_registry.c). Update rules: DESIGN.md
 * §5.
 *
 * On a sphere objective every method steps along the Riemannian gradient
 * (sd_objective_rgradient) and retracts by normalizing. */
#ifndef SADDLE_OPTIMIZER_H
#define SADDLE_OPTIMIZER_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "objectives/objective.h"
#include "base/params.h"

typedef struct sd_optimizer sd_optimizer;
typedef struct sd_advance sd_advance;

/* What one step did. */
typedef enum sd_step_status {
	SD_STEP_OK = 0,
	SD_STEP_DIVERGED,	/* a non-finite value: x is left at the last
				 * finite iterate and the run must stop */
	SD_STEP_SINGULAR,	/* the method needed H⁻¹ and H is singular:
				 * no step was taken */
	SD_STEP_STUCK		/* the method cannot move further (bfgs at
				 * its line-search limit): no step was taken */
} sd_step_status;

/* How a parameter's default follows the objective's scale (sd_scale in
 * objective.h): the table's def is a multiplier of the quantity named
 * here. One rule for all objectives instead of one number: a step of 0.01
 * is too long on beale and too short on doublewell. */
typedef enum sd_param_scale {
	SD_SCALE_FIXED = 0,	/* def as written */
	SD_SCALE_STEP,		/* def / L: a gradient step size */
	SD_SCALE_LENGTH,	/* def · D: a distance in x */
	SD_SCALE_GRADIENT,	/* def · L·D: a gradient magnitude */
	SD_SCALE_CURVATURE,	/* def · M: a Hessian Lipschitz constant */
	SD_SCALE_COUNT
} sd_param_scale;

typedef struct sd_optimizer_type {
	const char	*name;		/* registry name, e.g. "pgd" */
	const char	*summary;	/* one line for `saddle list` */
	const char	*rule;		/* the update rule in words */
	const char	*reference;	/* the paper it follows */
	const sd_param	*params;	/* NULL-key terminated, or NULL */
	size_t		 state_size;	/* bytes of private state */

	/* Allocate what the state needs for dimension dim. */
	int	(*alloc)(void *state, size_t dim);
	/* Reset the state for a fresh run from opt->x (params and rng are
	 * set; opt->f and opt->g are valid). */
	int	(*set)(void *state, sd_optimizer *opt);
	/* One step: write the new point into opt->trial and return
	 * SD_STEP_OK (sd_optimizer_iterate then retracts it, evaluates f
	 * and g there and swaps it in when finite), or return another
	 * status without touching x. */
	sd_step_status (*iterate)(void *state, sd_optimizer *opt);
	/* Release what alloc allocated inside state. */
	void	(*free)(void *state);
	/* Make dst (allocated by alloc for the same dim, set or not)
	 * continue exactly as src would: copy what the state carries from
	 * one step to the next. NULL: the state cannot be copied, so
	 * sd_optimizer_copy fails (every method has one, bfgs since it
	 * owns its port of GSL's minimizer). */
	int	(*copy)(void *dst, const void *src);

	const sd_param_scale *scales;	/* parallel to params; NULL: all
					 * SD_SCALE_FIXED */

	/* Optional, for a method with a diagonal preconditioner (adagrad,
	 * rmsprop, adam): the per-coordinate step sizes of its next step
	 * from opt->x into eta (dim entries), worked out as iterate will,
	 * from the state and opt->g, without changing either. NULL: the
	 * method has none. */
	void	(*step_sizes)(const void *state, const sd_optimizer *opt,
		    double *eta);

	/* Optional: sd_optimizer_advance's loop with this method's iterate
	 * built in (SD_ADVANCE_DEFINE in optimizer_impl.h), so a step costs
	 * no call of the method. NULL: the generic loop calls iterate. */
	sd_step_status (*advance)(sd_optimizer *opt, size_t n,
	    const sd_advance *how);
} sd_optimizer_type;

struct sd_optimizer {
	const sd_optimizer_type	*type;
	const sd_objective	*objective;	/* borrowed */
	size_t			 dim;
	double			 params[SD_PARAMS_MAX];
	unsigned long		 seed;
	gsl_rng			*rng;		/* owned; seeded by set */
	size_t			 iter;		/* steps taken since set */
	double			*x;		/* owned; current iterate */
	double			 f;		/* f(x) */
	double			*g;		/* owned; gradient at x */
	void			*state;		/* owned */

	/* x and g above swap places with these two after every accepted
	 * step (no copying): read opt->x and opt->g afresh after each
	 * sd_optimizer_iterate, never keep the pointers. A method's
	 * iterate writes its new point into trial; the engine then
	 * evaluates f and the gradient there and accepts it if finite. */
	double			*trial;		/* owned; the proposed x */
	double			*gtrial;	/* owned; gradient at trial */
	double			 grad_norm;	/* ‖g‖, kept with g */
	sd_scale		 scale;		/* of the objective, at new */
};

/* The registry, NULL-terminated, in the order `saddle list` shows. */
extern const sd_optimizer_type *const sd_optimizer_types[];

/* The type called name, or NULL. */
const sd_optimizer_type *sd_optimizer_lookup(const char *name);

/* Look a name up; an unknown name lists the known ones in *cause. */
const sd_optimizer_type *sd_optimizer_find(const char *name, char **cause);

/* A new optimizer of type for obj (borrowed: it must outlive the
 * optimizer), with default parameters scaled to obj's window. */
sd_optimizer *sd_optimizer_new(const sd_optimizer_type *type,
    const sd_objective *obj, char **cause);

/* sd_optimizer_new with obj's scale measured already (sd_objective_scale
 * takes seconds on the chapter's largest objectives: a front end measures
 * it once, elsewhere, and builds every optimizer from it). */
sd_optimizer *sd_optimizer_new_scaled(const sd_optimizer_type *type,
    const sd_objective *obj, const sd_scale *scale, char **cause);

/* Apply "k=v,..." to the parameters (--set). Validated; on error nothing
 * changes and *cause names the word and lists the valid keys. Call
 * sd_optimizer_set afterwards to restart with them. */
int sd_optimizer_set_params(sd_optimizer *opt, const char *text,
    char **cause);

/* Start (or restart) a run at x0 with the given seed: iter = 0. Returns -1
 * when f or ∇f is not finite at x0, or x0 cannot be retracted. */
int sd_optimizer_set(sd_optimizer *opt, const double *x0,
    unsigned long seed, char **cause);

/* A new optimizer that continues bit for bit as src would, so that a
 * copy can be stepped elsewhere (the visualizer's thread) and src kept
 * in case the step is not wanted: NULL with *cause when out of memory or
 * when src's method has no copy hook. */
sd_optimizer *sd_optimizer_copy(const sd_optimizer *src, char **cause);

/* Take exactly one step. */
sd_step_status sd_optimizer_iterate(sd_optimizer *opt);

/* When sd_optimizer_advance hands control back before its n steps. Every
 * field may be left zero: then only n and a failed step stop it. */
struct sd_advance {
	/* Before each step: stop when ‖g‖ < tol (0: never). */
	double		 tol;
	/* After each step: stop when the iterate is not strictly inside
	 * the ball of squared radius fence2 about fence (dim entries; NULL:
	 * no fence). A fence2 of 0 stops after every step. */
	const double	*fence;
	double		 fence2;
	/* After each step taken: each(ctx, opt), and stop when it returns
	 * nonzero (ctx keeps the value). NULL: no call. */
	int		(*each)(void *ctx, const sd_optimizer *opt);
	void		*ctx;
};

/* Take up to n steps, each exactly as sd_optimizer_iterate takes it,
 * stopping as how says (how may be NULL: n steps or a failed one).
 * Returns the status of the step that failed, or SD_STEP_OK; opt->iter
 * counts the steps taken. */
sd_step_status sd_optimizer_advance(sd_optimizer *opt, size_t n,
    const sd_advance *how);

/* The per-coordinate step sizes η of opt's next step (opt->dim entries
 * into eta): the step size as the method's diagonal preconditioner
 * scales it, so that the next step moves coordinate i by −η_i·g_i
 * (adagrad, rmsprop) or −η_i·m̂_i (adam, m̂ its first moment), where gd
 * would move it by −lr·g_i. Returns -1 and leaves eta alone when the
 * method has no diagonal preconditioner. */
int sd_optimizer_step_sizes(const sd_optimizer *opt, double *eta);

/* ‖g‖ at the current iterate. */
double sd_optimizer_grad_norm(const sd_optimizer *opt);

/* 1 when ‖g‖ < tol (GSL's gsl_multimin_test_gradient), else 0. */
int sd_optimizer_test_gradient(const sd_optimizer *opt, double tol);

/* Free an optimizer and what it owns (never the objective); NULL is fine. */
void sd_optimizer_free(sd_optimizer *opt);

/* "ok", "diverged", "singular" or "stuck". */
const char *sd_step_status_name(sd_step_status status);

/* The defaults of type's parameters for an objective of this scale: each
 * table def times its sd_param_scale quantity (integers rounded). */
void sd_optimizer_default_params(const sd_optimizer_type *type,
    const sd_scale *scale, double *values);

/* The rule behind parameter i's default, for `list` and the manual:
 * "0.9", "1/L", "0.001·D", "0.001·L·D", "M". */
void sd_optimizer_param_rule(const sd_optimizer_type *type, size_t i,
    char *buf, size_t len);

#endif
