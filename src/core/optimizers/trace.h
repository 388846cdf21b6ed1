/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trace.h: a run's record, shared by `saddle run` and the TUI.
 *
 * A trace holds every iterate (x, f, ‖g‖), the monitor's events and why
 * the run stopped. sd_trace_start records iterate 0; sd_trace_step takes
 * one step and records it (the TUI's key press); sd_trace_run loops until
 * a stop reason (the headless run). Arrays grow as needed; pointers into
 * them are invalidated by the next step.
 *
 * A trace with a sink keeps no iterates: each one goes to the sink as it
 * is computed and only n counts them, so a run of any length streams in
 * constant memory (`saddle run`). The events are kept either way. */
#ifndef SADDLE_TRACE_H
#define SADDLE_TRACE_H

#include <stddef.h>

#include "optimizers/monitor.h"
#include "optimizers/optimizer.h"

typedef enum sd_stop_reason {
	SD_STOP_NONE = 0,	/* still running */
	SD_STOP_STEPS,		/* took the steps asked for */
	SD_STOP_CONVERGED,	/* ‖g‖ < tol */
	SD_STOP_DIVERGED,	/* a non-finite value */
	SD_STOP_SINGULAR,	/* newton met a singular Hessian */
	SD_STOP_STUCK		/* the method cannot progress */
} sd_stop_reason;

/* Where a streaming trace sends each iterate (the optimizer's current
 * one, numbered iter); nonzero stops the run with that value returned. */
typedef int (*sd_trace_sink)(void *ctx, size_t iter,
    const sd_optimizer *opt);

typedef struct sd_trace {
	size_t		 dim;
	size_t		 n;		/* iterates recorded */
	size_t		 cap;
	double		*x;		/* owned; n rows of dim */
	double		*f;		/* owned; n */
	double		*grad_norm;	/* owned; n */
	sd_event	*events;	/* owned; n_events */
	size_t		 n_events;
	size_t		 cap_events;
	sd_stop_reason	 stop;
	sd_trace_sink	 sink;		/* NULL: keep the iterates in x, f and
					 * grad_norm */
	void		*sink_ctx;
} sd_trace;

/* "" (still running), "steps", "converged", "diverged", "singular",
 * "stuck": the JSON's stop_reason. */
const char *sd_stop_reason_name(sd_stop_reason reason);

/* An empty trace for iterates of dimension dim. */
void sd_trace_init(sd_trace *trace, size_t dim);

/* Stream the iterates to sink(ctx, ...) instead of keeping them; NULL
 * keeps them again. */
void sd_trace_stream(sd_trace *trace, sd_trace_sink sink, void *ctx);

/* Forget the iterates and events (keeping the storage): a new run. */
void sd_trace_clear(sd_trace *trace);

/* Release the storage. */
void sd_trace_done(sd_trace *trace);

/* Clear, then record iterate 0 of opt (just set) and the monitor's start
 * events (mon may be NULL). Returns -1 with *cause when out of memory. */
int sd_trace_start(sd_trace *trace, const sd_optimizer *opt,
    sd_monitor *mon, char **cause);

/* Take one step, record the events and, when the step was taken, the new
 * iterate; a status other than SD_STEP_OK sets trace->stop. *status (when
 * not NULL) is the step's status. Returns -1 with *cause when out of
 * memory. */
int sd_trace_step(sd_trace *trace, sd_optimizer *opt, sd_monitor *mon,
    sd_step_status *status, char **cause);

/* What sd_trace_step does once the step is taken: record the events of
 * a step of opt (st its status) and, when it was taken, the new iterate.
 * For a step taken elsewhere (the visualizer steps a copy on a thread,
 * sd_optimizer_copy), so that the trace is the same as sd_trace_step's. */
int sd_trace_record(sd_trace *trace, const sd_optimizer *opt,
    sd_monitor *mon, sd_step_status st, char **cause);

/* sd_trace_start, then steps until opt->iter reaches steps, ‖g‖ < tol
 * (tol > 0; iterate 0 included) or a step fails; trace->stop says which.
 * Returns -1 with *cause when out of memory, or the sink's nonzero value
 * (with *cause untouched). */
int sd_trace_run(sd_trace *trace, sd_optimizer *opt, sd_monitor *mon,
    size_t steps, double tol, char **cause);

#endif
