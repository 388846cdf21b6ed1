/* SPDX-License-Identifier: GPL-3.0-or-later */
/* racer.h: one optimizer racing across the view: the stepping engine, the
 * record of its run (sd_trace) and the monitor that turns it into events
 * ("escaped the saddle at (-0.271, -0.923) after 41 steps").
 *
 * A racer owns its optimizer, trace and monitor; it borrows the
 * objective, the chart and the monitor's point list, which must outlive it
 * (the view rebuilds its racers when any of them changes). */
#ifndef SADDLE_RACER_H
#define SADDLE_RACER_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "optimizers/monitor.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "optimizers/trace.h"

/* A step that took longer than this (seconds) runs on a thread the next
 * time: a frame, the rule that no key waits for work (HACKING.md). */
#define RACER_SLOW_S	0.020

struct job;
struct trail;

typedef struct racer {
	sd_optimizer	*opt;		/* owned */
	char		*set;		/* owned; the --set text, or NULL */
	sd_trace	 trace;		/* every iterate and event */
	sd_monitor	 mon;
	int		 watching;	/* mon is initialized */
	double		 tol;		/* converged: ‖∇f‖ below this */
	size_t		 replay_to;	/* iterates to run again up to
					 * (view_replay with defer); 0: none.
					 * A start clears it. */
	struct job	*stepping;	/* the step under way on a thread, on
					 * a copy of opt (racer_step), or
					 * NULL */
	double		 step_t0;	/* when it began (job_now) */
	double		 step_s;	/* what the last step took; < 0:
					 * not known yet */
	struct trail	*trail;		/* owned; what the frames keep of
					 * the path (trail.h) */
} racer;

/* A racer of method type for obj, whose scale (sd_objective_scale) is
 * given (NULL: measured here), with parameters set (may be NULL). Returns NULL with *cause
 * (naming a bad key) on error. */
racer *racer_new(const sd_optimizer_type *type, const sd_objective *obj,
    const char *set, const sd_scale *scale, char **cause);

/* Free a racer; NULL is fine. */
void racer_free(racer *r);

/* Watch the run against points (borrowed) found in window of chart
 * (borrowed), converging below tol. Takes effect at the next start. */
int racer_watch(racer *r, const sd_point_list *points, const sd_chart *chart,
    const sd_window *window, double tol, char **cause);

/* Stop watching (the points are about to go): the next start runs
 * unwatched, without events. */
void racer_unwatch(racer *r);

/* Start (or restart) at chart point (a, b) with seed. */
int racer_start(racer *r, const sd_chart *chart, double a, double b,
    unsigned long seed, char **cause);

/* Start (or restart) at x0, a point of the full space (copied first, so
 * it may be the racer's own trace). */
int racer_start_x(racer *r, const double *x0, unsigned long seed,
    char **cause);

/* Take one step here unless the run has stopped; returns 1 when it
 * moved. A step under way on a thread is waited for and landed instead
 * (1). */
int racer_step(racer *r);

/* Start one step unless the run has stopped; returns 1 when it moved or
 * a step is under way. A step whose cost is not known yet, or whose last
 * one took more than RACER_SLOW_S, steps a copy of the optimizer
 * (sd_optimizer_copy) on a thread; racer_poll lands it, so the trace and
 * the events are those of a step taken here. A method that cannot be
 * copied (none now) would step here. */
int racer_step_start(racer *r);

/* Land the step under way when it is done, waiting up to ms: 1 when it
 * landed (the trace has it), 0 when it still runs or none does. */
int racer_poll(racer *r, double ms);

/* Drop the step under way, which runs out on its own: the racer stays
 * where it was. Returns 1 when there was one. */
int racer_cancel(racer *r);

/* The chart coordinates of iterate i. */
void racer_at(const racer *r, const sd_chart *chart, size_t i, double *a,
    double *b);

/* What the racer's vectors show at its current point (full space, dim
 * entries each): gd's step from there, −lr·∇f (lr the racer's own, else
 * 1/L of its scale), and the last update it took, x_t − x_{t−1} (zero at
 * the start): for momentum, nesterov and adam the carried velocity, the
 * part of the next step that is not the gradient's. -1 when the racer has
 * no iterate. */
int racer_vectors(const racer *r, double *gd, double *last);

/* For a method with a diagonal preconditioner (adagrad, rmsprop, adam;
 * sd_optimizer_step_sizes), at its current point, dim entries each: the
 * per-coordinate scaling of its next step against gd's step with the
 * same lr, scaling_i = eta_i/lr (eta the step sizes), and the box of the
 * steps the sizes give the gradient, box_i = eta_i·|g_i|, to set beside
 * gd's −lr·∇f. -1 when the racer has no iterate or its method no such
 * sizes. */
int racer_step_sizes(const racer *r, double *scaling, double *box);

/* The racer's parameters as "lr=0.01 beta=0.9" into buf. */
void racer_params(const racer *r, char *buf, size_t len);

#endif
