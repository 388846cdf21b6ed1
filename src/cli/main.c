/* main.c: saddle's entry point. A first word naming a subcommand runs it
 * headless; anything else opens the TUI. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "base/error.h"

/* The subcommands, in the order --help shows them. */
static const struct command {
	const char	*name;
	int		(*run)(int, char **);
	const char	*usage;
} commands[] = {
	{ "list", cmd_list, "list [objectives|optimizers|themes]" },
	{ "points", cmd_points,
	  "points OBJECTIVE [--chart CHART] [--window W] [--all] [--grid N]\n"
	  "           [--format csv|json]" },
	{ "run", cmd_run,
	  "run OBJECTIVE --optimizer NAME [--chart CHART] [--start P]\n"
	  "           [--steps N] [--tol G] [--seed S] [--set k=v,...]\n"
	  "           [--format csv|json] [--quiet]" },
	{ "render", cmd_render,
	  "render OBJECTIVE [--size COLSxROWS] [--color none|8|256|truecolor]\n"
	  "           [--theme T] [--chart CHART] [--window W] [--all]\n"
	  "           [run options to draw a path]" },
	{ "map", cmd_map,
	  "map OBJECTIVE --kind strict-saddle|pl|quasiconvex|rsi|basins\n"
	  "           [--alpha A --beta B --gamma G] [--optimizer NAME --set k=v,...\n"
	  "           --steps N --tol G --seed S] [--window W] [--size COLSxROWS]\n"
	  "           [--format csv|json] [--summary]" },
	{ "survey", cmd_survey,
	  "survey OBJECTIVE --optimizer NAME[,NAME...] [--starts N] [--steps S]\n"
	  "           [--tol G] [--seed S] [--window W] [--format table|csv|json]" },
	{ NULL, NULL, NULL }
};

/* Print the usage summary to fp. */
static void
usage(FILE *fp)
{
	const struct command *c;

	fputs("usage: saddle [OPTIONS] [OBJECTIVE]      open the visualizer "
	    "(default: himmelblau)\n", fp);
	for (c = commands; c->name != NULL; c++)
		fprintf(fp, "       saddle %s\n", c->usage);
	fputs("       saddle --help | --version\n\n"
	    "OBJECTIVE is NAME or NAME:key=value,... (see `saddle list`).\n"
	    "W is xmin:xmax,ymin:ymax; P is a,b. See saddle(1).\n", fp);
}

int
main(int argc, char **argv)
{
	const struct command *c;

	sd_gsl_quiet();
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		usage(stdout);
		return CLI_EXIT_OK;
	}
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 ||
	    strcmp(argv[1], "-V") == 0)) {
		printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
		return CLI_EXIT_OK;
	}
	for (c = commands; argc > 1 && c->name != NULL; c++) {
		if (strcmp(argv[1], c->name) == 0)
			return c->run(argc - 1, argv + 1);
	}
	return cmd_tui(argc, argv);
}
