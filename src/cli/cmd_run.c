/* Placeholder until its owner lands the real one. */
#include "config.h"

#include <stdio.h>

#include "../cli/cli.h"

int
cmd_run(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "saddle: not yet available\n");
	return CLI_EXIT_RUNTIME;
}
