/* optimizer.h: the stepping optimizer engine.
 *
 * GSL's type/state/iterate shape (gsl_multimin_fdfminimizer_type): a
 * method is a const type table with a private state; sd_optimizer_iterate
 * takes exactly one step; convergence is tested separately and the caller
 * owns the loop, so the TUI can step once per key press and `saddle run`
 * loops headless. Every method is listed once in sd_optimizer_types[]
 * (optimizer_registry.c). Update rules: DESIGN.md §5.
 *
 * On a sphere objective every method steps along the Riemannian gradient
 * (sd_objective_rgradient) and retracts by normalizing. */
#ifndef SADDLE_OPTIMIZER_H
#define SADDLE_OPTIMIZER_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "objective.h"
#include "params.h"

typedef struct sd_optimizer sd_optimizer;

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
	/* One step: update opt->x, opt->f, opt->g. */
	sd_step_status (*iterate)(void *state, sd_optimizer *opt);
	/* Release what alloc allocated inside state. */
	void	(*free)(void *state);
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

/* Apply "k=v,..." to the parameters (--set). Validated; on error nothing
 * changes and *cause names the word and lists the valid keys. Call
 * sd_optimizer_set afterwards to restart with them. */
int sd_optimizer_set_params(sd_optimizer *opt, const char *text,
    char **cause);

/* Start (or restart) a run at x0 with the given seed: iter = 0. Returns -1
 * when f or ∇f is not finite at x0, or x0 cannot be retracted. */
int sd_optimizer_set(sd_optimizer *opt, const double *x0,
    unsigned long seed, char **cause);

/* Take exactly one step. */
sd_step_status sd_optimizer_iterate(sd_optimizer *opt);

/* ‖g‖ at the current iterate. */
double sd_optimizer_grad_norm(const sd_optimizer *opt);

/* 1 when ‖g‖ < tol (GSL's gsl_multimin_test_gradient), else 0. */
int sd_optimizer_test_gradient(const sd_optimizer *opt, double tol);

/* Free an optimizer and what it owns (never the objective); NULL is fine. */
void sd_optimizer_free(sd_optimizer *opt);

#endif
