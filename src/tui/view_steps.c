/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_steps.c: the racers' steps, some of them on threads
 * (racer_step.c), seen from the view: a round of steps, which one runs,
 * landing them, dropping them. The racers step in rounds:
 * view_step_start starts none while one is under way, so that N steps
 * asked for are N steps of every racer. */
#include "config.h"

#include <math.h>

#include "job.h"
#include "view.h"

int
view_step(view *v)
{
	int k, moved = 0;

	for (k = 0; k < v->n_racers; k++)
		moved += racer_step(v->racers[k]);
	return moved;
}

int
view_step_start(view *v)
{
	double until;
	int k, moved = (int)view_stepping(v, NULL);

	if (moved > 0)
		return moved;
	for (k = 0; k < v->n_racers; k++)
		moved += racer_step_start(v->racers[k]);
	/* Steps sent to threads whose cost is not known yet (or that are
	 * quicker this time) land before the frame, as if taken here:
	 * one frame's wait for the round, not one per racer. */
	until = job_now() + RACER_SLOW_S;
	for (k = 0; k < v->n_racers; k++)
		(void)racer_poll(v->racers[k],
		    fmax(0, (until - job_now()) * 1e3));
	return moved;
}

size_t
view_stepping(const view *v, const racer **first)
{
	size_t n = 0;
	int k;

	for (k = 0; k < v->n_racers; k++) {
		if (v->racers[k]->stepping == NULL)
			continue;
		if (n++ == 0 && first != NULL)
			*first = v->racers[k];
	}
	return n;
}

int
view_steps_poll(view *v)
{
	int k, landed = 0;

	for (k = 0; k < v->n_racers; k++)
		landed |= racer_poll(v->racers[k], 0);
	return landed;
}

int
view_steps_cancel(view *v)
{
	int k, any = 0;

	for (k = 0; k < v->n_racers; k++)
		any |= racer_cancel(v->racers[k]);
	return any;
}
