/* SPDX-License-Identifier: GPL-3.0-or-later */
/* task.c: the loop's one-off work that can take longer than a frame —
 * building the objective :objective, :expr or tab asked for, encoding the
 * figure :write or W drew, the cursor's readings on a large objective —
 * each on a job (job_task) in a slot of its own (app.h), so that no key
 * waits for it.
 *
 * A task is waited for up to what is left of the frame's APP_COARSE_MS,
 * so that where it is quick (himmelblau's objective, a small SVG) it is
 * done before the frame, as if it had run here; otherwise the frame goes
 * out at once with the old state and the status line says what runs, and
 * the loop takes the result when it comes (app_tasks_poll). Esc cancels
 * the ones a person started (app_tasks_cancel); a new task in a slot
 * drops the one before. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"

/* Drop the job of slot k: cancelled and left to run out (job_drop). */
static void
task_drop(app *a, app_task_slot k)
{
	app_task *t = &a->tasks[k];

	job_drop(t->j);
	t->j = NULL;
}

/* Hand slot k's finished job to its done and free it. */
static void
task_finish(app *a, app_task_slot k)
{
	app_task *t = &a->tasks[k];
	job *j = t->j;
	char *cause = NULL;
	int rc;

	t->j = NULL;
	rc = job_task_result(j, &cause);
	t->done(a, job_task_arg(j), rc, cause);
	job_free(j);
}

int
app_task_start(app *a, app_task_slot k, const char *what,
    const sd_objective *obj, job_task_fn run, void *arg,
    void (*free_arg)(void *), app_task_done done, double wait_ms,
    char **cause)
{
	app_task *t = &a->tasks[k];

	task_drop(a, k);
	if ((t->j = job_task(obj, run, arg, free_arg, cause)) == NULL)
		return -1;
	snprintf(t->what, sizeof t->what, "%s", what);
	t->done = done;
	t->t0 = app_now();
	if (job_wait(t->j, wait_ms))
		task_finish(a, k);
	return 0;
}

int
app_tasks_poll(app *a)
{
	int k, any = 0;

	for (k = 0; k < APP_TASKS; k++) {
		if (a->tasks[k].j != NULL && job_wait(a->tasks[k].j, 0)) {
			task_finish(a, (app_task_slot)k);
			any = 1;
		}
	}
	return any;
}

int
app_task_running(const app *a, app_task_slot k)
{
	return a->tasks[k].j != NULL;
}

int
app_tasks_cancel(app *a)
{
	static const app_task_slot mine[] = { APP_TASK_OBJECTIVE,
	    APP_TASK_WRITE };
	size_t i;
	int any = 0;

	for (i = 0; i < sizeof mine / sizeof *mine; i++) {
		any |= a->tasks[mine[i]].j != NULL;
		task_drop(a, mine[i]);
	}
	return any;
}

void
app_tasks_release(app *a)
{
	/* The readings borrow the view's objective; the objective being
	 * built and the figure being encoded borrow nothing of it. */
	task_drop(a, APP_TASK_READOUT);
}

const char *
app_tasks_busy(const app *a, char *buf, size_t len)
{
	const app_task *t;
	int k;

	for (k = 0; k < APP_TASKS; k++) {
		t = &a->tasks[k];
		if (t->j == NULL || k == APP_TASK_READOUT)
			continue;
		snprintf(buf, len, "%s… %.1f s  (Esc cancels)", t->what,
		    app_now() - t->t0);
		return buf;
	}
	return NULL;
}
