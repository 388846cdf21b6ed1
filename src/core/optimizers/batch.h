/* SPDX-License-Identifier: GPL-3.0-or-later */
/* batch.h: many independent runs of one first-order method, stepped
 * together.
 *
 * A batch holds SD_BATCH_RUNS runs of the same method and parameters on
 * one Euclidean objective in structure-of-arrays layout (one row of runs
 * per coordinate), so one step of every run costs one call of the
 * objective's batch evaluation (sd_objective_fg_batch) and loops the
 * compiler can vectorize. Each run has its own mask bit: a run that
 * stopped (converged, out of steps, diverged) is left alone.
 *
 * Exactness: a run of the batch takes the very steps sd_optimizer_iterate
 * would take alone from the same start (same operations, same order, same
 * acceptance test), so a survey gives the same bytes batched or not.
 * Methods with a batch rule: gd, momentum, nesterov, adagrad, rmsprop,
 * adam, pgd, and sgd on objectives without samples (sd_batch_supports);
 * a random one draws from a generator per run, seeded per run, so each
 * run draws what it would alone. The second-order methods (and sgd's
 * minibatches) run one at a time. */
#ifndef SADDLE_BATCH_H
#define SADDLE_BATCH_H

#include <stddef.h>

#include "objectives/objective.h"
#include "optimizers/optimizer.h"

typedef struct sd_batch sd_batch;

/* The runs of a batch: its masks and statuses have this many entries. */
#define SD_BATCH_RUNS 256

/* 1 when type has a batch rule and obj lives on R^d. */
int sd_batch_supports(const sd_optimizer_type *type, const sd_objective *obj);

/* A batch of runs of type with these parameters (SD_PARAMS_MAX values) on
 * obj (borrowed). NULL with *cause when unsupported or out of memory. */
sd_batch *sd_batch_new(const sd_optimizer_type *type, const sd_objective *obj,
    const double *params, char **cause);

/* Free a batch; NULL is fine. */
void sd_batch_free(sd_batch *b);

/* Set run j (< SD_BATCH_RUNS) at x0 with iter 0, the method's state at
 * rest and its generator (random methods) seeded with seed, as
 * sd_optimizer_set does; returns -1 when f or ∇f is not finite there. */
int sd_batch_set(sd_batch *b, size_t j, const double *x0,
    unsigned long seed);

/* When a run wants its caller's attention after a step (a survey looks at
 * few of its runs' steps: see sd_batch_iterate): while ‖∇f‖ ≥ tol and
 * iter < steps. At first tol = 0 and steps = SIZE_MAX. */
void sd_batch_stop(sd_batch *b, double tol, size_t steps);

/* Run j's fence: a ball of radius r about its current iterate (r ≤ 0:
 * none, every step is noticed). sd_batch_set clears it. */
void sd_batch_fence(sd_batch *b, size_t j, double r);

/* One step of the runs whose active[j] is nonzero (active has
 * SD_BATCH_RUNS entries, zero from n on). Returns how many runs are
 * noticed (sd_batch_noticed): runs whose step failed, or that are now
 * out of their fence, below tol or at their last step. */
size_t sd_batch_iterate(sd_batch *b, size_t n, const unsigned char *active);

/* What sd_optimizer_iterate would have returned for run j's last step
 * (x unchanged unless SD_STEP_OK). */
sd_step_status sd_batch_status(const sd_batch *b, size_t j);

/* Whether run j was noticed by the last step. */
int sd_batch_noticed(const sd_batch *b, size_t j);

/* Whether run j's last step left it inside its fence. */
int sd_batch_inside(const sd_batch *b, size_t j);

/* Run j seen as an optimizer, for the monitor: view's x points into x
 * (dim doubles, filled here), and its iter, f, grad_norm, dim, type and
 * objective are run j's. Nothing else of view is valid. */
void sd_batch_view(const sd_batch *b, size_t j, sd_optimizer *view,
    double *x);

/* Row k of the runs' current iterates: coordinate k of run j is
 * sd_batch_row(b, k)[j]. Valid until the next step. */
const double *sd_batch_row(const sd_batch *b, size_t k);

/* Run j's step count and ‖∇f‖ (sd_batch_view without the copy). */
size_t sd_batch_iter(const sd_batch *b, size_t j);
double sd_batch_grad_norm(const sd_batch *b, size_t j);

#endif
