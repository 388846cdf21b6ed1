/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch_impl.h: what the batch engine (batch.c) shares with the methods'
 * batch rules (batch_rules.c). Not for front ends: they use batch.h. */
#ifndef SADDLE_BATCH_IMPL_H
#define SADDLE_BATCH_IMPL_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "optimizers/batch.h"

/* Rows of SD_BATCH_RUNS runs would lie 4 KiB apart, where a store to one
 * row and a load from the next look alike to the store buffer (4K
 * aliasing) and stall: a few spare runs per row stagger them. */
#define SD_BATCH_STRIDE	(SD_BATCH_RUNS + 8)

struct sd_batch;

/* A method's batch rule. rule writes row k of trial, the proposed points
 * (every method here updates the coordinates independently); prepare,
 * before the rows, and after, after them, may be NULL; start sets run j's
 * per-run state (aux rows) at its start, after the state rows were
 * zeroed; supports says whether the method batches on obj (NULL: on every
 * Euclidean objective). */
struct batch_method {
	const sd_optimizer_type	*type;
	void	(*rule)(struct sd_batch *b, size_t k);
	void	(*prepare)(struct sd_batch *b);
	void	(*after)(struct sd_batch *b);
	void	(*start)(struct sd_batch *b, size_t j);
	int	(*supports)(const sd_objective *obj);
	size_t	 n_state;	/* rows of state per coordinate */
	size_t	 n_aux;		/* rows of state per run */
	int	 random;	/* 1: a generator per run (sd_batch_set seeds
				 * it as sd_optimizer_set does) */
};

struct sd_batch {
	const struct batch_method *method;
	const sd_objective	*obj;
	size_t			 dim;
	double			 params[SD_PARAMS_MAX];
	double			*mem;		/* every row below */
	double			*x, *g, *trial, *gtrial;	/* dim rows */
	double			*fence;				/* dim rows */
	/* One row each (STRIDE), all doubles so that the loops over runs
	 * vectorize with no conversions: a mask is 0 or 1, a count exact. */
	double			*f, *ftrial;
	double			*gn2;	/* ‖∇f‖², or NaN: gnx holds ‖∇f‖ */
	double			*gnx;
	double			*iter;
	double			*fence2;	/* squared fence radius */
	double			*sq, *fd, *ok, *notice;	/* the step's */
	double			*pre;	/* 0 where the rule failed the step
					 * (nesterov's look-ahead); else 1 */
	sd_step_status		*slow;		/* where ok[j] is 0 */
	double			*state;		/* n_state × dim × STRIDE */
	double			*aux;		/* n_aux × STRIDE */
	double			*work;		/* 3·dim: the fallback's
						 * and pgd's */
	gsl_rng			**rng;		/* per run, or NULL */
	const unsigned char	*active;	/* the step's mask */
	size_t			 n;		/* the step's runs */
	double			 tol2;		/* see sd_batch_stop */
	double			 steps;
	double			 adam_t, adam_c1, adam_c2;	/* memo */
	const double		**xs;		/* dim row pointers */
	double			**gs;		/* dim row pointers */
	const double		**ys;		/* dim: nesterov's */
	double			**gys;		/* dim: nesterov's */
};

/* The batch rule of type, or NULL. */
const struct batch_method *sd_batch_method_of(const sd_optimizer_type *type);

#endif
