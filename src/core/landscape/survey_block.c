/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_block.c: a block of a survey's runs (see survey_impl.h).
 *
 * A method with a batch rule (optimizers/batch.h) runs the whole block in
 * lockstep: one batch step, then each still-running run's monitor looks
 * at its new iterate, exactly as sd_survey_run's loop would after each
 * sd_optimizer_iterate. Each run has its own copy of the monitor (its
 * neighbourhood state) and its own mask bit, so each record ends the same
 * as when the run is made alone, and the survey's bytes do not depend on
 * the batching or on the threads.
 *
 * The monitor is most of the cost of a gd step (a distance to every known
 * point), and most steps are far from every saddle. After a look that
 * finds a run outside every saddle's neighbourhood, the run's clearance
 * is how much farther it is from each of them (less a margin of 10⁻⁹,
 * far above rounding); while the run stays within its clearance of where
 * it was seen, the monitor would find no saddle either and report
 * nothing (its convergence test is off in a survey: tol 0), so it is not
 * asked. The clearance is the run's fence in the batch, and the batch
 * notices, in its vectorized loops, the few runs out of their fence,
 * stopping or failing: only those are visited one by one. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/survey_impl.h"

int
sd_survey_block_init(sd_survey *s, struct survey_thread *t, char **cause)
{
	const sd_optimizer *opt;
	size_t m, n = SD_SURVEY_BLOCK;

	for (m = 0; m < s->n_methods; m++) {
		opt = t->opt[m];
		if (!sd_batch_supports(opt->type, s->obj))
			continue;
		if ((t->batch[m] = sd_batch_new(opt->type, s->obj,
		    opt->params, cause)) == NULL)
			return -1;
		sd_batch_stop(t->batch[m], s->opts.tol, s->opts.steps);
	}
	t->mons = calloc(n, sizeof *t->mons);
	t->near = calloc(n, sizeof *t->near);
	t->active = calloc(n, sizeof *t->active);
	t->status = calloc(n, sizeof *t->status);
	if (t->mons == NULL || t->near == NULL || t->active == NULL ||
	    t->status == NULL)
		return sd_fail(cause, "out of memory");
	return 0;
}

void
sd_survey_block_done(struct survey_thread *t, size_t n_methods)
{
	size_t m;

	for (m = 0; m < n_methods; m++)
		sd_batch_free(t->batch[m]);
	free(t->mons);
	free(t->near);
	free(t->active);
	free(t->status);
}

/* Run j's monitor has just looked at x, its iterate: fence it by its
 * clearance from the saddles' neighbourhoods (0, never skip, when the
 * monitor tests convergence). */
static void
block_seen(struct survey_thread *t, sd_batch *b, size_t j, const double *x)
{
	const sd_monitor *mon = &t->mons[j];

	sd_batch_fence(b, j, mon->tol == 0 ? sd_monitor_clearance(mon, x) :
	    0);
}

/* Whether run j goes on: sd_survey_run's loop condition. */
static int
block_goes_on(const sd_survey *s, const sd_batch *b, size_t j,
    sd_step_status st)
{
	return sd_batch_grad_norm(b, j) >= s->opts.tol &&
	    sd_batch_iter(b, j) < s->opts.steps && st == SD_STEP_OK;
}

/* Set run j of the block (run r) at its start and let its monitor see
 * iterate 0; 0 when it cannot start. */
static int
block_set(sd_survey *s, struct survey_thread *t, sd_batch *b, size_t j,
    size_t r)
{
	const size_t i = r % s->opts.starts;
	sd_event ev[SD_MONITOR_EVENTS_MAX];
	sd_optimizer v;
	double a, b2;
	size_t n;

	s->rec[r].point = -1;
	sd_survey_start(s, i, &a, &b2);
	sd_chart_lift(s->chart, a, b2, t->x0);
	if (sd_batch_set(b, j, t->x0, sd_survey_run_seed(s->opts.seed,
	    i)) != 0) {
		s->rec[r].stop = STOP_INVALID;
		return 0;
	}
	t->mons[j] = t->mon;
	sd_batch_view(b, j, &v, t->x0);
	n = sd_monitor_start(&t->mons[j], &v, ev, SD_MONITOR_EVENTS_MAX);
	t->near[j] = sd_survey_escapes(ev, n);
	block_seen(t, b, j, v.x);
	t->status[j] = SD_STEP_OK;
	return block_goes_on(s, b, j, SD_STEP_OK);
}

/* Run j (run r, slot in the chunk) is over: its record. */
static void
block_end(sd_survey *s, struct survey_thread *t, const sd_optimizer *v,
    size_t j, size_t r, size_t slot)
{
	struct survey_record *rec = &s->rec[r];
	size_t near = t->near[j];

	if (t->mons[j].inside >= 0)
		near += v->iter - t->mons[j].entered;
	rec->steps = (uint32_t)v->iter;
	rec->near = (uint32_t)near;
	sd_survey_keep(s, r, v->x, v->f);
	if (t->status[j] == SD_STEP_DIVERGED)
		rec->stop = STOP_DIVERGED;
	else if (v->grad_norm < s->opts.tol)
		sd_survey_arrive(s, t, v->x, slot, rec);
	else
		rec->stop = STOP_STEPS;
}

/* Run j of the block (run r, slot in the chunk), noticed by the batch
 * after a step: its monitor looks when the step failed or left the
 * fence; 1 when the run is over (its record written). */
static int
block_notice(sd_survey *s, struct survey_thread *t, sd_batch *b, size_t j,
    size_t r, size_t slot)
{
	sd_event ev[SD_MONITOR_EVENTS_MAX];
	sd_step_status st = t->status[j] = sd_batch_status(b, j);
	sd_optimizer v;
	size_t k;

	sd_batch_view(b, j, &v, t->x0);
	if (st != SD_STEP_OK || !sd_batch_inside(b, j)) {
		k = sd_monitor_observe(&t->mons[j], &v, st, ev,
		    SD_MONITOR_EVENTS_MAX);
		t->near[j] += sd_survey_escapes(ev, k);
		block_seen(t, b, j, v.x);
	}
	if (block_goes_on(s, b, j, st))
		return 0;
	t->active[j] = 0;
	block_end(s, t, &v, j, r, slot);
	return 1;
}

/* Runs r0..r0+n−1, all of method m, in lockstep through t->batch[m]. */
static void
block_batched(sd_survey *s, struct survey_thread *t, size_t m, size_t from,
    size_t r0, size_t n)
{
	sd_batch *b = t->batch[m];
	size_t j, left = 0;
	sd_optimizer v;

	for (j = n; j < SD_SURVEY_BLOCK; j++)
		t->active[j] = 0;
	for (j = 0; j < n; j++) {
		t->active[j] = (unsigned char)block_set(s, t, b, j, r0 + j);
		left += t->active[j];
		if (!t->active[j] && s->rec[r0 + j].stop != STOP_INVALID) {
			sd_batch_view(b, j, &v, t->x0);
			block_end(s, t, &v, j, r0 + j, r0 + j - from);
		}
	}
	while (left > 0) {
		if (sd_batch_iterate(b, n, t->active) == 0)
			continue;
		for (j = 0; j < n; j++) {
			if (t->active[j] && sd_batch_noticed(b, j))
				left -= block_notice(s, t, b, j, r0 + j,
				    r0 + j - from);
		}
	}
}

void
sd_survey_block(sd_survey *s, struct survey_thread *t, size_t from,
    size_t r0, size_t to)
{
	const size_t n_starts = s->opts.starts;
	size_t end = r0 + SD_SURVEY_BLOCK < to ? r0 + SD_SURVEY_BLOCK : to;
	size_t m, cut, r;

	while (r0 < end) {
		m = r0 / n_starts;
		cut = (m + 1) * n_starts < end ? (m + 1) * n_starts : end;
		if (t->batch[m] != NULL)
			block_batched(s, t, m, from, r0, cut - r0);
		else {
			for (r = r0; r < cut; r++)
				sd_survey_run(s, t, r, r - from);
		}
		r0 = cut;
	}
}
