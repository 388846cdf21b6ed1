/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_tui.c: `saddle [OPTIONS] [OBJECTIVE]`: the visualizer. The options
 * preset the view (objective, window, racers, start, theme, levels); the
 * app then runs until q. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "tui/app.h"
#include "options.h"

int
cmd_tui(int argc, char **argv)
{
	tui_options o;
	char *cause = NULL;
	theme th;
	view v;
	unsigned long k;
	int rc;

	setlocale(LC_ALL, "");
	if ((rc = options_parse(&o, argc, argv, 0)) != 0 ||
	    (rc = options_build(&o, &v, &th, 1)) != 0) {
		options_done(&o);
		return rc;
	}
	for (k = 0; k < o.steps; k++)
		view_step(&v);
	if ((rc = options_trajectory(&o, &v)) != 0) {
		view_done(&v);
		options_done(&o);
		return rc;
	}
	if (app_run(&v, &th, o.has_depth ? (int)o.depth : -1, o.speed,
	    &cause) != 0)
		rc = cli_runtime_error(cause);
	view_done(&v);
	options_done(&o);
	return rc;
}
