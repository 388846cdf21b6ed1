/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: saddle's entry point. A first word naming a subcommand runs it
 * headless; anything else opens the TUI. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "cli.h"
#include "base/error.h"

/* The --version text, as the GNU coding standards lay it out. */
static void
version(void)
{
	printf("%s %s\n"
	    "Copyright (C) 2026 the saddle authors\n"
	    "License GPLv3+: GNU GPL version 3 or later "
	    "<https://gnu.org/licenses/gpl.html>.\n"
	    "This is free software: you are free to change and redistribute "
	    "it.\n"
	    "There is NO WARRANTY, to the extent permitted by law.\n",
	    PACKAGE_NAME, PACKAGE_VERSION);
}

/* Run what argv asks for; returns the exit status. */
static int
dispatch(int argc, char **argv)
{
	const cli_command *c;
	int rc;

	if (argc > 1 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0)) {
		version();
		return CLI_EXIT_OK;
	}
	/* A first word naming a command runs it; "saddle" is not one. */
	c = argc > 1 ? cli_command_find(argv[1]) : NULL;
	if (c != NULL && c->run != cmd_tui)
		rc = c->run(argc - 1, argv + 1);
	else
		rc = cmd_tui(argc, argv);
	return rc == CLI_EXIT_HELP ? CLI_EXIT_OK : rc;
}

/* Unless OMP_DYNAMIC says otherwise, let OpenMP take fewer threads than
 * cores when the machine is busy (libgomp: the cores less the load
 * average). A thread that waits at the end of a parallel loop spins
 * first: on a loaded machine it spins while the thread it waits for is
 * not running, which made a 240x70 render cost 33 ms of CPU instead of
 * 5.5 and a survey three times its CPU. Results never depend on the
 * number of threads. */
static void
threads_follow_load(void)
{
#ifdef _OPENMP
	if (getenv("OMP_DYNAMIC") == NULL)
		omp_set_dynamic(1);
#endif
}

int
main(int argc, char **argv)
{
	sd_gsl_quiet();
	threads_follow_load();
	/* Every path returns here, so one check covers every write. */
	return cli_close_stdout(dispatch(argc, argv));
}
