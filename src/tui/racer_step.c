/* SPDX-License-Identifier: GPL-3.0-or-later */
/* racer_step.c: a racer's step, here or on a thread (see racer.h).
 *
 * One Newton step of glm:d=200,n=100000 takes 1.5 s (its Hessian and
 * eigendecomposition), so the loop must not take it: the step runs on a
 * job (job_task) on a copy of the optimizer (sd_optimizer_copy), which
 * continues bit for bit as the racer's own would. The racer is not
 * touched meanwhile — the frame draws it, the keys read it — and when
 * the job is done the copy takes the place of the racer's optimizer and
 * the step is recorded in the trace and the monitor (sd_trace_record),
 * as sd_trace_step would have. Cancelling drops the copy and leaves the
 * racer where it was, ready for the same step again.
 *
 * Which steps go to a thread is measured, not guessed, as the field's
 * sample cost is (bench/bench_step measures them per method): every step
 * is timed, and a racer whose last step took more than RACER_SLOW_S
 * sends its next to a thread; so does a racer's first (its cost not
 * known yet), which view_step waits for up to RACER_SLOW_S, so that a
 * quick one lands before the frame as if it had run here. The copy
 * costs 0.01 to 0.7 ms (bench_step), nothing beside a step that took
 * 20 ms. */
#include "config.h"

#include <stdlib.h>

#include "job.h"
#include "racer.h"

/* What a step job owns: the copy it steps, the step's status and what it
 * took. */
typedef struct racer_move {
	sd_optimizer	*opt;
	sd_step_status	 status;
	double		 took;
} racer_move;

/* The job: one step of the copy, timed. obj (the forwarding objective)
 * is not used: the copy evaluates the racer's own objective, whose
 * evaluations are safe from any thread (job.h), so that the step is the
 * same bytes. */
static int
racer_move_run(job *self, const sd_objective *obj, void *arg, char **cause)
{
	racer_move *m = arg;
	double t0 = job_now();

	(void)self;
	(void)obj;
	(void)cause;
	m->status = sd_optimizer_iterate(m->opt);
	m->took = job_now() - t0;
	return 0;
}

/* Release what a step job owns. */
static void
racer_move_free(void *arg)
{
	racer_move *m = arg;

	sd_optimizer_free(m->opt);
	free(m);
}

/* Record a step of r->opt whose status is st, as sd_trace_step does,
 * and stop the run once converged; 1 when it moved. */
static int
racer_record(racer *r, sd_step_status st)
{
	size_t before = r->trace.n;

	if (sd_trace_record(&r->trace, r->opt, r->watching ? &r->mon : NULL,
	    st, NULL) != 0) {
		r->trace.stop = SD_STOP_STUCK;
		return 0;
	}
	if (r->trace.stop == SD_STOP_NONE && r->tol > 0 &&
	    sd_optimizer_test_gradient(r->opt, r->tol))
		r->trace.stop = SD_STOP_CONVERGED;
	return r->trace.n > before;
}

/* Start the step on a thread; -1 when the optimizer cannot be copied or
 * no thread could be started (the caller steps here instead). */
static int
racer_move_start(racer *r)
{
	racer_move *m;

	if ((m = calloc(1, sizeof *m)) == NULL)
		return -1;
	if ((m->opt = sd_optimizer_copy(r->opt, NULL)) == NULL) {
		free(m);
		return -1;
	}
	/* job_task frees m when it cannot start. */
	r->stepping = job_task(r->opt->objective, racer_move_run, m,
	    racer_move_free, NULL);
	r->step_t0 = job_now();
	return r->stepping != NULL ? 0 : -1;
}

/* One step here and now, timed. */
static int
racer_step_here(racer *r)
{
	sd_step_status st;
	double t0 = job_now();

	st = sd_optimizer_iterate(r->opt);
	r->step_s = job_now() - t0;
	return racer_record(r, st);
}

int
racer_step(racer *r)
{
	if (r->stepping != NULL)
		return racer_poll(r, -1);
	if (r->trace.stop != SD_STOP_NONE || r->trace.n == 0)
		return 0;
	return racer_step_here(r);
}

int
racer_step_start(racer *r)
{
	if (r->stepping != NULL)
		return 1;
	if (r->trace.stop != SD_STOP_NONE || r->trace.n == 0)
		return 0;
	if ((r->step_s < 0 || r->step_s > RACER_SLOW_S) &&
	    racer_move_start(r) == 0)
		return 1;
	return racer_step_here(r);
}

int
racer_poll(racer *r, double ms)
{
	racer_move *m;
	sd_optimizer *mine;

	if (r->stepping == NULL || !job_wait(r->stepping, ms))
		return 0;
	m = job_task_arg(r->stepping);
	/* The copy is the racer's optimizer now; the job frees the old. */
	mine = r->opt;
	r->opt = m->opt;
	m->opt = mine;
	r->step_s = m->took;
	(void)racer_record(r, m->status);
	job_free(r->stepping);
	r->stepping = NULL;
	return 1;
}

int
racer_cancel(racer *r)
{
	if (r->stepping == NULL)
		return 0;
	job_drop(r->stepping);
	r->stepping = NULL;
	return 1;
}
