/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_tour.c: `saddle tour [FILE|N] [--stop N] [--list] [--check]`: the
 * chapter as a walk through live landscapes (tour.h). Every stop is
 * checked before the first frame — its options as the visualizer's
 * command line would check them, its ':' commands by name — so that a
 * bad tour file is a usage error with its line, never a broken screen. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"
#include "cli.h"
#include "options.h"
#include "tour.h"
#include "tour_check.h"
#include "tui/app.h"

const struct option cli_tour_options[] = {
	{ "stop", required_argument, NULL, 's' },
	{ "list", no_argument, NULL, 'l' },
	{ "check", no_argument, NULL, 'k' },
	{ NULL, 0, NULL, 0 }
};

#define TOUR_VALID "--stop, --list, --check"

struct tour_cmd {
	unsigned long	 stop;		/* from 1; 0: not given */
	int		 list, check;
};

/* One option; 0, an exit status, or -1 for an unknown one. */
static int
tour_option(int ch, const char *arg, void *ctx)
{
	struct tour_cmd *o = ctx;

	switch (ch) {
	case 's':
		return cli_whole("--stop", arg, 1, 1000, &o->stop);
	case 'l':
		o->list = 1;
		return 0;
	case 'k':
		o->check = 1;
		return 0;
	}
	return -1;
}

int
tour_view(const tour *t, size_t k, view *v, theme *th_out)
{
	const tour_stop *s = &t->stops[k];
	char where[512], *argv[TOUR_WORDS + 2];
	tui_options o;
	theme th;
	unsigned long i;
	int rc;

	for (rc = 0; rc < s->argc; rc++)
		argv[rc] = s->argv[rc];
	argv[s->argc] = NULL;

	snprintf(where, sizeof where, "%s:%d", t->path, s->args_line);
	cli_where(where);
	if ((rc = options_parse(&o, s->argc, argv, 0)) == 0 &&
	    (rc = options_build(&o, v, &th, 1)) == 0) {
		for (i = 0; i < o.steps; i++)
			view_step(v);
		if ((rc = options_trajectory(&o, v)) != 0)
			view_done(v);
	}
	options_done(&o);
	cli_where(NULL);
	if (rc == 0 && th_out != NULL)
		*th_out = th;
	return rc == CLI_EXIT_HELP ? CLI_EXIT_USAGE : rc;
}

/* Check every stop: its view can be built, its commands exist. Returns
 * 0, or the exit status after printing. */
static int
tour_validate(const tour *t)
{
	char *cause = NULL;
	size_t k;
	view v;
	int i, rc;

	for (k = 0; k < t->n; k++) {
		if ((rc = tour_view(t, k, &v, NULL)) != 0)
			return rc;
		view_done(&v);
		for (i = 0; i < t->stops[k].n_dos; i++) {
			if (app_command_check(t->stops[k].dos[i], &cause) != 0) {
				rc = cli_usage("%s:%d: %s", t->path,
				    t->stops[k].do_line[i], cause);
				free(cause);
				return rc;
			}
		}
	}
	return 0;
}

/* The stops, a line each. */
static int
tour_list(const tour *t)
{
	size_t k;

	for (k = 0; k < t->n; k++)
		printf("%2zu  %s\n", k + 1, t->stops[k].title);
	return 0;
}

/* What app_tour_go builds a stop with. */
static int
tour_build(void *arg, int k, view *out, char **cause)
{
	if (tour_view(arg, (size_t)k, out, NULL) != 0)
		return sd_fail(cause, "stop %d could not be built", k + 1);
	return 0;
}

/* The visualizer, at stop first. */
static int
tour_run(tour *t, size_t first)
{
	app_tour_stop *stops;
	app_tour at;
	char *cause = NULL;
	theme th;
	view v;
	app a;
	size_t k;
	int rc;

	if ((stops = calloc(t->n, sizeof *stops)) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	for (k = 0; k < t->n; k++)
		stops[k] = (app_tour_stop){ t->stops[k].title,
		    t->stops[k].text, (const char *const *)t->stops[k].dos,
		    t->stops[k].n_dos };
	at = (app_tour){ stops, (int)t->n, (int)first, tour_build, t };
	if ((rc = tour_view(t, first, &v, &th)) != 0) {
		free(stops);
		return rc;
	}
	if (app_open(&a, &v, &th, -1, &cause) != 0)
		rc = cli_runtime_error(cause);
	else {
		a.tour = &at;
		app_tour_go(&a, (int)first);
		app_loop(&a);
		app_close(&a);
	}
	view_done(&v);
	if (rc == 0 && a.quit_signal != 0)
		screen_die(a.quit_signal);
	free(stops);
	return rc;
}

int
cmd_tour(int argc, char **argv)
{
	struct tour_cmd o = { 0, 0, 0 };
	const char *word;
	char path[1024], *cause = NULL;
	unsigned long n;
	tour t;
	int rc;

	setlocale(LC_ALL, "");
	if ((rc = cli_parse(argc, argv, cli_tour_options, TOUR_VALID,
	    tour_option, &o, &word)) != 0)
		return rc;
	if (word != NULL && word[strspn(word, "0123456789")] == '\0') {
		if ((rc = cli_whole("tour", word, 1, 1000, &o.stop)) != 0)
			return rc;
		word = NULL;
	}
	if (tour_load(&t, word ? word : tour_default_path(path, sizeof path),
	    &cause) != 0)
		return cli_usage_error(cause);
	n = o.stop == 0 ? 1 : o.stop;
	if (n > t.n)
		rc = cli_usage("tour: there is no stop %lu: expected 1 to %zu",
		    n, t.n);
	else if (o.list)
		rc = tour_list(&t);
	else if ((rc = tour_validate(&t)) != 0)
		;
	else if (o.check)
		rc = tour_check(&t);
	else
		rc = tour_run(&t, n - 1);
	tour_free(&t);
	return rc;
}
