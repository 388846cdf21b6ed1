/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli_help.c: the subcommands' table, and the help printed from it: each
 * command's options are walked from the very table its parser hands to
 * getopt_long, each described by the entry of cli_docs that names it, so
 * that help lists exactly what the parser accepts. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "landscape/chart.h"
#include "landscape/map.h"
#include "options.h"

/* `list` takes no options but -h/--help. */
const struct option cli_list_options[] = {
	{ NULL, 0, NULL, 0 }
};

/* The subcommands, in the order the top-level help shows them; "saddle"
 * is the visualizer (argv[0] of its parser). */
const cli_command cli_commands[] = {
	{ "list", cmd_list, cli_list_options, "objectives|optimizers|themes",
	  "[objectives|optimizers|themes]",
	  "List the objectives, optimizers and themes, with their parameters.",
	  0 },
	{ "points", cmd_points, cli_points_options, "OBJECTIVE",
	  "OBJECTIVE [OPTIONS]",
	  "Find and classify the stationary points in a window (CSV or JSON).",
	  0 },
	{ "run", cmd_run, cli_run_options, "OBJECTIVE",
	  "OBJECTIVE --optimizer NAME [OPTIONS]",
	  "Run one optimizer, headless: one row per iterate (CSV or JSON).",
	  0 },
	{ "line", cmd_line, cli_line_options, "OBJECTIVE",
	  "OBJECTIVE --from P --to Q [OPTIONS]",
	  "f along the segment from P to Q: rows t,f,x1,...,xd (CSV or JSON).",
	  0 },
	{ "render", cmd_render, options_long, "OBJECTIVE",
	  "OBJECTIVE [OPTIONS]",
	  "Draw one frame of the visualizer as text on stdout.", 0 },
	{ "map", cmd_map, cli_map_options, "OBJECTIVE",
	  "OBJECTIVE --kind KIND [OPTIONS]",
	  "Map the window: the chapter's conditions, or basins.", 0 },
	{ "survey", cmd_survey, cli_survey_options, "OBJECTIVE",
	  "OBJECTIVE --optimizer NAME[,NAME...] [OPTIONS]",
	  "Run optimizers from many random starts; count where they end.", 0 },
	{ "tour", cmd_tour, cli_tour_options, "FILE|N",
	  "[FILE|N] [--stop N] [--list] [--check]",
	  "Walk through the chapter: live landscapes, each with what to "
	  "look at.", 0 },
	{ "help", cmd_help, cli_list_options, "COMMAND", "[COMMAND]",
	  "Show the help of a command, or this summary.", 0 },
	{ "complete", cmd_complete, cli_list_options, NULL, "-- WORD...",
	  "What a shell may complete the last WORD to, one a line (for the "
	  "shell completions).", 1 },
	{ "saddle", cmd_tui, options_long, "OBJECTIVE", "[OPTIONS] [OBJECTIVE]",
	  "Open the visualizer (default objective: himmelblau).", 1 },
	{ NULL, NULL, NULL, NULL, NULL, NULL, 0 }
};

/* Help texts that list names from a registry (the map kinds; the chart
 * choices, with those built from a path for the visualizer and render),
 * written on first use by cli_docs_fill. */
static char cli_doc_kinds[160], cli_doc_charts[256], cli_doc_charts_path[256];

/* What an option's argument is called and what the option does, for
 * one command (cmd) or for every command that has it (cmd NULL); text
 * NULL hides the option from that command's help. */
static const struct cli_doc {
	const char	*cmd;
	const char	*name;
	const char	*arg;
	const char	*text;
} cli_docs[] = {
	{ NULL, "expr", "FORMULA", "the objective as a formula in x and y, "
	    "in place of OBJECTIVE" },
	{ NULL, "optimizer", "NAME", "the method (saddle list optimizers)" },
	{ "saddle", "optimizer", "NAME[,...]", "race these methods (may be "
	    "repeated; default gd)" },
	{ "render", "optimizer", "NAME[,...]", "race these methods (may be "
	    "repeated; no path without one)" },
	{ "survey", "optimizer", "NAME[,...]", "the methods to compare" },
	{ "map", "optimizer", "NAME", "the method of a basins map (default "
	    "gd)" },
	{ NULL, "set", "k=v,...", "the method's parameters (saddle list "
	    "optimizers)" },
	{ NULL, "start", "a,b", "the start point, in chart coordinates" },
	{ NULL, "steps", "N", "the most steps to take (default 1000)" },
	{ "saddle", "steps", "N", "steps to take before the first frame" },
	{ "render", "steps", "N", "steps to take before the frame" },
	{ NULL, "tol", "G", "stop when |grad f| < G (default 1e-6)" },
	{ NULL, "seed", "S", "the seed of the random methods (pgd, sgd)" },
	{ NULL, "chart", "CHART", cli_doc_charts },
	{ "saddle", "chart", "CHART", cli_doc_charts_path },
	{ "render", "chart", "CHART", cli_doc_charts_path },
	{ NULL, "window", "W", "the window xmin:xmax,ymin:ymax, in chart "
	    "coordinates" },
	{ NULL, "all", NULL, "the stationary points near the slice too" },
	{ NULL, "grid", "N", "seed the finder from an NxN grid" },
	{ NULL, "format", "csv|json", "the output format (default csv)" },
	{ "survey", "format", "table|csv|json", "the output format (default "
	    "table)" },
	{ "points", "format", "csv|json|table", "the output format (default "
	    "csv; table: a line per objective, or per value of --sweep)" },
	{ "map", "format", "csv|json|gnuplot", "the output format (default "
	    "csv; gnuplot: splot's grid layout)" },
	{ NULL, "quiet", NULL, "no summary of the events on stderr" },
	{ "tour", "stop", "N", "start at the Nth stop (as N alone does)" },
	{ "tour", "list", NULL, "print the stops, one a line" },
	{ "tour", "check", NULL, "build every stop headless and check its "
	    "expect lines and the counts its text states (status 1 when "
	    "one fails)" },
	{ NULL, "theme", "T", "the colours: a name from saddle list themes, "
	    "or a file" },
	{ NULL, "levels", "linear|log|critical|quantile|auto|N",
	  "the contour levels" },
	{ NULL, "color", "auto|none|8|16|256|truecolor", "the colour depth; "
	    "auto (the default): none if NO_COLOR is set, else the "
	    "terminal's" },
	{ "render", "color", "auto|none|8|16|256|truecolor", "the colour "
	    "depth; auto (the default): none if NO_COLOR is set, the "
	    "terminal's on a terminal, else 256" },
	{ NULL, "colour", NULL, NULL },
	{ NULL, "speed", "N", "steps per second of the animation: 1, 2, 5, "
	    "10 (the default), 20, 50, 100, 200, 500 or 1000" },
	{ NULL, "config", "FILE", "read the settings from FILE, not "
	    "$XDG_CONFIG_HOME/saddle/config" },
	{ NULL, "no-config", NULL, "read no config file" },
	{ "saddle", "size", NULL, NULL },
	{ "render", "size", "COLSxROWS", "the frame's size (default 100x30); "
	    "a figure's in pixels (1200x800)" },
	{ "map", "size", "COLSxROWS", "the map's pixels (default 80x40)" },
	{ "saddle", "output", NULL, NULL },
	{ "saddle", "format", NULL, NULL },
	{ "saddle", "loss", NULL, NULL },
	{ "render", "output", "FILE", "write to FILE: .svg, .png, .pdf (a "
	    "figure), .txt or .ans (the frame)" },
	{ "render", "format", "svg|png|pdf|ansi|text", "the format, whatever "
	    "FILE's extension" },
	{ "render", "loss", NULL, "add the loss curve to a figure" },
	{ "map", "output", "FILE", "draw the map as a figure: .svg, .png or "
	    ".pdf" },
	{ NULL, "kind", "KIND", cli_doc_kinds },
	{ NULL, "alpha", "A", "strict-saddle: a large gradient is |grad f| "
	    ">= A" },
	{ NULL, "beta", "B", "strict-saddle: a negative curvature is "
	    "<= -B" },
	{ NULL, "gamma", "G", "strict-saddle: near a minimum is within G" },
	{ NULL, "summary", NULL, "print the map's summary only" },
	{ NULL, "per-run", NULL, "a row per run (CSV, or JSON with --format "
	    "json) instead of the table" },
	{ NULL, "sweep", "KEY=VALUES", "run once per value of the "
	    "objective's parameter KEY, one table: V1,V2,..., A:B[:STEP] or "
	    "A..BxRATIO" },
	{ NULL, "starts", "N", "the number of random starts (default 1000)" },
	{ NULL, "from", "P", "the segment's start: a,b in chart coordinates, "
	    "x1,...,xd, or min:K, saddle:K (the finder's Kth)" },
	{ NULL, "to", "Q", "the segment's end, as --from" },
	{ NULL, "samples", "N", "the number of samples, ends included "
	    "(default 101)" },
	{ NULL, NULL, NULL, NULL }
};

const cli_command *
cli_command_find(const char *name)
{
	const cli_command *c;

	for (c = cli_commands; c->name != NULL; c++) {
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

/* Write the texts read from the registries, once. */
static void
cli_docs_fill(void)
{
	static int done;
	int at;

	if (done)
		return;
	done = 1;
	sd_map_type_names(0, cli_doc_kinds, sizeof cli_doc_kinds);
	at = snprintf(cli_doc_charts, sizeof cli_doc_charts,
	    "the plane to view: ");
	sd_chart_choice_list(0, cli_doc_charts + at,
	    sizeof cli_doc_charts - (size_t)at);
	at = snprintf(cli_doc_charts_path, sizeof cli_doc_charts_path,
	    "the plane to view: ");
	sd_chart_choice_list(1, cli_doc_charts_path + at,
	    sizeof cli_doc_charts_path - (size_t)at);
}

/* The entry describing option name of command cmd, or NULL. */
static const struct cli_doc *
cli_doc_find(const char *cmd, const char *name)
{
	const struct cli_doc *d, *any = NULL;

	cli_docs_fill();
	for (d = cli_docs; d->name != NULL; d++) {
		if (strcmp(d->name, name) != 0)
			continue;
		if (d->cmd != NULL && strcmp(d->cmd, cmd) == 0)
			return d;
		if (d->cmd == NULL)
			any = d;
	}
	return any;
}

const char *
cli_option_arg(const char *cmd, const char *name)
{
	const struct cli_doc *d = cli_doc_find(cmd, name);

	return d != NULL ? d->arg : NULL;
}

const char *
cli_option_text(const char *cmd, const char *name)
{
	const struct cli_doc *d = cli_doc_find(cmd, name);

	return d != NULL ? d->text : NULL;
}

int
cli_option_shown(const char *cmd, const struct option *opt)
{
	const struct cli_doc *d = cli_doc_find(cmd, opt->name);

	return d == NULL || d->text != NULL;
}

/* The width help fits in, and the columns the descriptions of options
 * and of commands start at. */
#define HELP_WIDTH	79
#define HELP_OPTIONS	28
#define HELP_COMMANDS	12

/* left in the first columns, then text wrapped to HELP_WIDTH with its
 * lines from column start; a left too wide gets a line of its own. */
static void
cli_help_line(FILE *fp, const char *left, const char *text, size_t start)
{
	size_t col, len;

	col = (size_t)fprintf(fp, "  %s", left);
	if (col + 2 > start) {
		fputc('\n', fp);
		col = 0;
	}
	while (*text != '\0') {
		len = strcspn(text, " ");
		if (col > start && col + 1 + len > HELP_WIDTH) {
			fputc('\n', fp);
			col = 0;
		}
		for (; col < start; col++)
			fputc(' ', fp);
		if (col > start) {
			fputc(' ', fp);
			col++;
		}
		col += (size_t)fprintf(fp, "%.*s", (int)len, text);
		text += len + (text[len] == ' ');
	}
	fputc('\n', fp);
}

/* One option's line: "  -e, --expr FORMULA   text". */
static void
cli_help_option(FILE *fp, const char *cmd, const struct option *opt)
{
	const struct cli_doc *d = cli_doc_find(cmd, opt->name);
	int arg = opt->has_arg && d != NULL && d->arg != NULL;
	char left[64];

	snprintf(left, sizeof left, "%s--%s%s%s", opt->val == 'e' ? "-e, " :
	    "    ", opt->name, arg ? " " : "", arg ? d->arg : "");
	cli_help_line(fp, left, d != NULL ? d->text : "(undocumented)",
	    HELP_OPTIONS);
}

/* The visualizer's help: every command's synopsis, then its options. */
static void
cli_help_top(FILE *fp, const cli_command *tui)
{
	const cli_command *c;

	fprintf(fp, "usage: saddle %s\n", tui->synopsis);
	for (c = cli_commands; c->name != NULL; c++) {
		if (!c->hidden)
			fprintf(fp, "       saddle %s %s\n", c->name,
			    c->synopsis);
	}
	fputs("       saddle COMMAND --help | saddle --version\n\n", fp);
	fprintf(fp, "%s\n\nCommands:\n", tui->summary);
	for (c = cli_commands; c->name != NULL; c++) {
		if (!c->hidden)
			cli_help_line(fp, c->name, c->summary, HELP_COMMANDS);
	}
}

void
cli_help(FILE *fp, const cli_command *c)
{
	const struct option *o;
	int tui = strcmp(c->name, "saddle") == 0;

	if (tui)
		cli_help_top(fp, c);
	else
		fprintf(fp, "usage: saddle %s %s\n\n%s\n", c->name,
		    c->synopsis, c->summary);
	fprintf(fp, "\n%s:\n", tui ? "Options of the visualizer" : "Options");
	for (o = c->options; o->name != NULL; o++) {
		if (cli_option_shown(c->name, o))
			cli_help_option(fp, c->name, o);
	}
	cli_help_line(fp, "-h, --help", "print this help and exit",
	    HELP_OPTIONS);
	if (tui)
		cli_help_line(fp, "-V, --version",
		    "print the version and licence and exit", HELP_OPTIONS);
	fputs("\nOBJECTIVE: NAME or NAME:key=value,... (saddle list "
	    "objectives). See saddle(1).\n", fp);
	if (tui)
		fprintf(fp, "Report bugs to <%s>.\n", PACKAGE_BUGREPORT);
}

int
cli_help_command(const char *name)
{
	const cli_command *c = cli_command_find(name);

	if (c == NULL)
		return CLI_EXIT_USAGE;
	cli_help(stdout, c);
	return CLI_EXIT_HELP;
}

/* The names of the commands help knows, for its error message. */
static void
cli_help_unknown(const char *word)
{
	const cli_command *c;

	fprintf(stderr, "saddle: help: unknown command '%s': expected",
	    word);
	for (c = cli_commands; c->name != NULL; c++) {
		if (!c->hidden)
			fprintf(stderr, " %s", c->name);
	}
	fputc('\n', stderr);
}

int
cmd_help(int argc, char **argv)
{
	const cli_command *c;
	char help[] = "--help";
	char *args[3];

	if (argc > 2)
		return cli_usage("help: unexpected argument '%s': expected at "
		    "most one COMMAND", argv[2]);
	if (argc == 1 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)
		return cli_help_command(argc == 1 ? "saddle" : "help");
	if ((c = cli_command_find(argv[1])) == NULL || c->hidden) {
		cli_help_unknown(argv[1]);
		return CLI_EXIT_USAGE;
	}
	/* Through the command's own parser: `help CMD` is `CMD --help`. */
	args[0] = argv[1];
	args[1] = help;
	args[2] = NULL;
	return c->run(2, args);
}
