/* SPDX-License-Identifier: GPL-3.0-or-later */
/* app_tour.c: walking a tour's stops in the visualizer (app.h). Each stop
 * is a view built afresh by whoever runs the tour (cmd_tour), put in place
 * of the one shown, then the stop's ':' commands; every other key still
 * works inside a stop. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "app.h"

/* Put nv in place of the view shown, which is freed: its jobs stop first
 * (they borrow its objective), and the map, the survey and the animation
 * start again from nothing, as in a new visualizer. The costs measured on
 * the old objective go by themselves when the spec changes (work.c). */
static void
app_tour_swap(app *a, view *nv)
{
	view *v = a->v;

	/* The objective being built and the figure being written were
	 * the old stop's; view_done stops the jobs (app_release). */
	app_tasks_cancel(a);
	view_done(v);
	*v = *nv;
	v->release = app_release;
	v->release_arg = a;
	v->defer = 1;
	overlay_done(&a->ov);
	overlay_init(&a->ov);
	a->playing = 0;
	a->steps_left = 0;
	a->owed = 0;
	a->help = 0;
	app_dirty(a);
}

void
app_tour_go(app *a, int k)
{
	app_tour *t = a->tour;
	char *cause = NULL, why[APP_LINE];
	view nv;
	int i;

	if (t->build(t->arg, k, &nv, &cause) != 0) {
		app_fail(a, cause);
		return;
	}
	app_tour_swap(a, &nv);
	t->at = k;
	/* Said first, so that what the commands say (a survey's end, a
	 * map's name) comes after it. */
	app_message(a, 0, "stop %d of %d: %s", k + 1, t->n,
	    t->stops[k].title);
	for (i = 0; i < t->stops[k].n_dos; i++) {
		if (app_command(a, t->stops[k].dos[i]) != 0) {
			snprintf(why, sizeof why, "%s", a->message);
			app_message(a, 1, "stop %d, :%s: %s", k + 1,
			    t->stops[k].dos[i], why);
			return;
		}
	}
}

/* The tour's keys and what the help says of them. */
static const int app_tour_keys[] = { 'n', SCREEN_KEY_RIGHT, 'b',
    SCREEN_KEY_LEFT, 'r' };
static const frame_help app_tour_lines[] = {
	{ "n →", "the tour's next stop" },
	{ "b ←", "its previous stop (h l still move the cursor)" },
	{ "r", "build this stop again" },
};

int
app_tour_takes(int key)
{
	size_t i;

	for (i = 0; i < sizeof app_tour_keys / sizeof *app_tour_keys; i++)
		if (app_tour_keys[i] == key)
			return 1;
	return 0;
}

int
app_tour_help(frame_help *out, int max)
{
	int i, n = (int)(sizeof app_tour_lines / sizeof *app_tour_lines);

	for (i = 0; i < n && i < max; i++)
		out[i] = app_tour_lines[i];
	return i;
}

int
app_tour_key(app *a, int key)
{
	app_tour *t = a->tour;

	switch (key) {
	case 'n':
	case SCREEN_KEY_RIGHT:
		if (t->at + 1 < t->n)
			app_tour_go(a, t->at + 1);
		else
			app_message(a, 0, "the last stop: b goes back, q "
			    "quits");
		return 1;
	case 'b':
	case SCREEN_KEY_LEFT:
		if (t->at > 0)
			app_tour_go(a, t->at - 1);
		else
			app_message(a, 0, "the first stop: n goes on");
		return 1;
	case 'r':
		app_tour_go(a, t->at);
		return 1;
	}
	return 0;
}
