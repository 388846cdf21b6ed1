/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trace.c: the record of a run (see trace.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arrays.h"
#include "base/error.h"
#include "optimizers/trace.h"

/* The names of stop reasons, indexed by sd_stop_reason. */
static const char *const stop_reason_names[] = {
	[SD_STOP_NONE] = "",
	[SD_STOP_STEPS] = "steps",
	[SD_STOP_CONVERGED] = "converged",
	[SD_STOP_DIVERGED] = "diverged",
	[SD_STOP_SINGULAR] = "singular",
	[SD_STOP_STUCK] = "stuck",
};

/* The stop reason a failed step gives. */
static const sd_stop_reason status_stops[] = {
	[SD_STEP_OK] = SD_STOP_NONE,
	[SD_STEP_DIVERGED] = SD_STOP_DIVERGED,
	[SD_STEP_SINGULAR] = SD_STOP_SINGULAR,
	[SD_STEP_STUCK] = SD_STOP_STUCK,
};

const char *
sd_stop_reason_name(sd_stop_reason reason)
{
	if ((size_t)reason >= sizeof stop_reason_names /
	    sizeof stop_reason_names[0])
		return "?";
	return stop_reason_names[reason];
}

void
sd_trace_init(sd_trace *trace, size_t dim)
{
	memset(trace, 0, sizeof *trace);
	trace->dim = dim;
}

void
sd_trace_stream(sd_trace *trace, sd_trace_sink sink, void *ctx)
{
	trace->sink = sink;
	trace->sink_ctx = ctx;
}

void
sd_trace_clear(sd_trace *trace)
{
	trace->n = 0;
	trace->n_events = 0;
	trace->stop = SD_STOP_NONE;
}

void
sd_trace_done(sd_trace *trace)
{
	free(trace->x);
	free(trace->f);
	free(trace->grad_norm);
	free(trace->events);
	sd_trace_init(trace, trace->dim);
}

/* Make room for one more iterate. */
static int
trace_grow(sd_trace *t)
{
	size_t cap = t->cap ? 2 * t->cap : 256;
	sd_array a[] = { { t->x, t->dim * sizeof *t->x },
	    { t->f, sizeof *t->f }, { t->grad_norm, sizeof *t->grad_norm } };
	int rc;

	if (t->n < t->cap)
		return 0;
	rc = sd_arrays_resize(a, 3, cap);
	t->x = a[0].p;
	t->f = a[1].p;
	t->grad_norm = a[2].p;
	if (rc == 0)
		t->cap = cap;
	return rc;
}

/* Record the optimizer's current iterate, or hand it to the sink. */
static int
trace_push(sd_trace *t, const sd_optimizer *opt, char **cause)
{
	int rc;

	if (t->sink != NULL) {
		if ((rc = t->sink(t->sink_ctx, t->n, opt)) != 0)
			return rc;
		t->n++;
		return 0;
	}
	if (trace_grow(t) != 0)
		return sd_fail(cause, "out of memory");
	memcpy(t->x + t->n * t->dim, opt->x, t->dim * sizeof *t->x);
	t->f[t->n] = opt->f;
	t->grad_norm[t->n] = sd_optimizer_grad_norm(opt);
	t->n++;
	return 0;
}

/* Record n events. */
static int
trace_events(sd_trace *t, const sd_event *ev, size_t n, char **cause)
{
	size_t cap;
	sd_event *e;

	if (n == 0)
		return 0;
	if (t->n_events + n > t->cap_events) {
		cap = t->cap_events ? 2 * t->cap_events : 16;
		while (cap < t->n_events + n)
			cap *= 2;
		if ((e = realloc(t->events, cap * sizeof *e)) == NULL)
			return sd_fail(cause, "out of memory");
		t->events = e;
		t->cap_events = cap;
	}
	memcpy(t->events + t->n_events, ev, n * sizeof *ev);
	t->n_events += n;
	return 0;
}

int
sd_trace_start(sd_trace *trace, const sd_optimizer *opt, sd_monitor *mon,
    char **cause)
{
	sd_event ev[SD_MONITOR_EVENTS_MAX];
	size_t n = 0;

	sd_trace_clear(trace);
	if (mon != NULL)
		n = sd_monitor_start(mon, opt, ev, SD_MONITOR_EVENTS_MAX);
	if (trace_events(trace, ev, n, cause) != 0)
		return -1;
	return trace_push(trace, opt, cause);
}

int
sd_trace_step(sd_trace *trace, sd_optimizer *opt, sd_monitor *mon,
    sd_step_status *status, char **cause)
{
	sd_step_status st = sd_optimizer_iterate(opt);

	if (status != NULL)
		*status = st;
	return sd_trace_record(trace, opt, mon, st, cause);
}

/* The events of a step of opt whose status is st, and the stop a failed
 * step gives. */
static int
trace_record_events(sd_trace *trace, const sd_optimizer *opt,
    sd_monitor *mon, sd_step_status st, char **cause)
{
	sd_event ev[SD_MONITOR_EVENTS_MAX];
	size_t n = 0;

	if (mon != NULL)
		n = sd_monitor_observe(mon, opt, st, ev,
		    SD_MONITOR_EVENTS_MAX);
	if (trace_events(trace, ev, n, cause) != 0)
		return -1;
	if (st != SD_STEP_OK)
		trace->stop = status_stops[st];
	return 0;
}

int
sd_trace_record(sd_trace *trace, const sd_optimizer *opt, sd_monitor *mon,
    sd_step_status st, char **cause)
{
	if (trace_record_events(trace, opt, mon, st, cause) != 0)
		return -1;
	if (st != SD_STEP_OK)
		return 0;
	return trace_push(trace, opt, cause);
}

/* What trace_each needs: the trace, where its message goes, and the
 * sink's nonzero value once it stops the run. */
struct trace_each {
	sd_trace	*trace;
	char		**cause;
	int		 rc;
};

/* sd_optimizer_advance's each(): record the iterate just taken. */
static int
trace_each(void *ctx, const sd_optimizer *opt)
{
	struct trace_each *e = ctx;

	return e->rc = trace_push(e->trace, opt, e->cause);
}

/* Up to n steps in one sd_optimizer_advance, each iterate recorded as it
 * is taken; the monitor looks at the last one only. That is what it
 * would see step by step: the run stops before a step from ‖g‖ < tol or
 * below the monitor's own tol (where it reports convergence), and after
 * one that leaves the iterate's clearance (sd_monitor_clearance: inside
 * it the monitor reports nothing). While the monitor has seen the run
 * converged or inside a neighbourhood, the fence is 0: it looks at every
 * step, as sd_trace_step would. */
static int
trace_advance(sd_trace *t, sd_optimizer *opt, sd_monitor *mon, size_t n,
    double tol, double *fence, char **cause)
{
	struct trace_each e = { t, cause, 0 };
	sd_advance how = { .tol = tol, .each = trace_each, .ctx = &e };
	sd_step_status st;
	double r;

	if (mon != NULL) {
		memcpy(fence, opt->x, opt->dim * sizeof *fence);
		r = mon->converged ? 0 : sd_monitor_clearance(mon, opt->x);
		how.fence = fence;
		how.fence2 = r * r;
		if (!mon->converged)
			how.tol = fmax(tol, mon->tol);
	}
	st = sd_optimizer_advance(opt, n, &how);
	if (e.rc != 0)
		return e.rc;
	return trace_record_events(t, opt, mon, st, cause);
}

int
sd_trace_run(sd_trace *trace, sd_optimizer *opt, sd_monitor *mon,
    size_t steps, double tol, char **cause)
{
	double *fence;
	int rc;

	if ((rc = sd_trace_start(trace, opt, mon, cause)) != 0)
		return rc;
	if ((fence = malloc(opt->dim * sizeof *fence)) == NULL)
		return sd_fail(cause, "out of memory");
	while (trace->stop == SD_STOP_NONE && rc == 0) {
		if (tol > 0 && sd_optimizer_test_gradient(opt, tol))
			trace->stop = SD_STOP_CONVERGED;
		else if (opt->iter >= steps)
			trace->stop = SD_STOP_STEPS;
		else
			rc = trace_advance(trace, opt, mon, steps - opt->iter,
			    tol, fence, cause);
	}
	free(fence);
	return rc;
}
