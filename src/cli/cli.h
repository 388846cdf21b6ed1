/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cli.h: shared pieces of the command-line front end.
 *
 * Each subcommand is `int cmd_NAME(int argc, char **argv)` with argv[0]
 * the subcommand's name; it returns the process exit status. A subcommand
 * parses and computes everything before it writes to stdout, so an error
 * leaves stdout empty. */
#ifndef SADDLE_CLI_H
#define SADDLE_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "objectives/objective.h"

#define CLI_EXIT_OK		0
#define CLI_EXIT_RUNTIME	1
#define CLI_EXIT_USAGE		2
/* What a command returns after printing its --help: main exits 0. */
#define CLI_EXIT_HELP		(-2)

/* A subcommand: its name, its entry point, the long options its parser
 * gives getopt_long (help and completion walk the same table), what its
 * positional word is (OBJECTIVE, COMMAND, the words "a|b|c", or NULL for
 * none), its synopsis, what it does, and whether the top-level help
 * hides it. */
typedef struct cli_command {
	const char		*name;
	int			(*run)(int, char **);
	const struct option	*options;
	const char		*positional;
	const char		*synopsis;
	const char		*summary;
	int			 hidden;
} cli_command;

/* The subcommands, ending with a NULL name (cli_help.c). */
extern const cli_command cli_commands[];

/* The option tables of the subcommands' parsers. */
extern const struct option cli_list_options[];
extern const struct option cli_points_options[];
extern const struct option cli_line_options[];
extern const struct option cli_run_options[];
extern const struct option cli_map_options[];
extern const struct option cli_survey_options[];
extern const struct option cli_tour_options[];

/* The command called name, or NULL. */
const cli_command *cli_command_find(const char *name);

/* Print command c's help (synopsis, options) to fp. */
void cli_help(FILE *fp, const cli_command *c);

/* Print the help of the command called name to stdout; returns
 * CLI_EXIT_HELP (CLI_EXIT_USAGE for an unknown name). */
int cli_help_command(const char *name);

/* What option name's argument is called in cmd's help ("csv|json"),
 * or NULL. */
const char *cli_option_arg(const char *cmd, const char *name);

/* What option name does, as cmd's help says, or NULL. */
const char *cli_option_text(const char *cmd, const char *name);

/* Whether cmd's help and completion show opt (aliases are hidden). */
int cli_option_shown(const char *cmd, const struct option *opt);

/* The most long options a command has, --help and the end included. */
#define CLI_OPTIONS_MAX		32

/* Copy longopts into out (room for max entries) with --help added as
 * 'h'; returns 0, or -1 when out is too small. */
int cli_with_help(const struct option *longopts, struct option *out,
    size_t max);

typedef enum cli_format {
	CLI_FORMAT_CSV = 0,
	CLI_FORMAT_JSON
} cli_format;

/* Every message is "saddle: CAUSE" on one line of stderr, its control
 * characters escaped (text from files and arguments must not reach the
 * terminal raw). */

/* Print "saddle: CAUSE" to stderr, free cause, return CLI_EXIT_USAGE. */
int cli_usage_error(char *cause);

/* Messages until the next call are "saddle: WHERE: CAUSE" (a tour file's
 * "FILE:LINE"); NULL: plain again. where is borrowed. */
void cli_where(const char *where);

/* Like cli_usage_error for a formula's error, whose newlines lay out the
 * formula and a caret under the problem (sd_expr_error_format). */
int cli_formula_error(char *cause);

/* Like cli_usage_error with a format; returns CLI_EXIT_USAGE. */
int cli_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* What a subcommand does with one parsed option: 0, an exit status > 0
 * (the error already printed), or -1 for an option it does not take. */
typedef int (*cli_option_fn)(int ch, const char *arg, void *ctx);

/* Parse a subcommand's argv (argv[0] its name) with getopt_long: -e and
 * the long options go to option(ch, optarg, ctx); at most one positional
 * word, the OBJECTIVE, goes to *positional (NULL when there is none).
 * valid lists the options for messages. -h/--help prints the command's
 * help and returns CLI_EXIT_HELP. Returns 0, or an exit status with the
 * error printed. */
int cli_parse(int argc, char **argv, const struct option *longopts,
    const char *valid, cli_option_fn option, void *ctx,
    const char **positional);

/* Print "saddle: CAUSE" to stderr, free cause, return CLI_EXIT_RUNTIME. */
int cli_runtime_error(char *cause);

/* The core's number parsers (params.h) for an option: on error print the
 * message and return CLI_EXIT_USAGE, else 0. */
int cli_whole(const char *what, const char *word, unsigned long lo,
    unsigned long hi, unsigned long *out);
int cli_seed(const char *word, unsigned long *out);	/* --seed */
int cli_tolerance(const char *word, double *out);	/* --tol */

/* gnulib's close_stdout: flush and close stdout and stderr. A failed
 * write to stdout (a full disk, a closed pipe's EIO) prints "saddle: write
 * error: REASON" and makes the status CLI_EXIT_RUNTIME unless rc already
 * reports an error; returns the status main should exit with. */
int cli_close_stdout(int rc);

/* The most doubles the iterates of a run's traces may keep (400 MB): a
 * trace keeps dim + 2 per step, so 10,000,000 steps in 2D fit, and 250,000
 * of a 200-dimensional objective. */
#define CLI_TRACE_MAX	5e7

/* Check that traces runs of steps steps in dimension dim fit
 * CLI_TRACE_MAX; else prints a usage error naming --steps and returns
 * CLI_EXIT_USAGE. */
int cli_steps_fit(double steps, size_t traces, size_t dim);

/* Parse --format's word; on error prints and returns CLI_EXIT_USAGE. */
int cli_parse_format(const char *word, cli_format *format);

/* Report an unknown option or a missing argument as getopt saw it (the
 * caller passes optopt and the offending argv word); returns
 * CLI_EXIT_USAGE. valid lists the accepted options for the message. */
int cli_bad_option(const char *cmd, const char *word, const char *valid);

/* Build the objective named by spec ("NAME" or "NAME:k=v,..."); on error
 * prints and returns CLI_EXIT_USAGE, else 0. */
int cli_objective(const char *spec, sd_objective **obj);

/* Build a subcommand's objective from its positional word or its
 * -e/--expr formula: exactly one of spec and expr must be given (cmd names
 * the subcommand in messages). On error prints and returns
 * CLI_EXIT_USAGE, else 0. */
int cli_objective_arg(const char *cmd, const char *spec, const char *expr,
    sd_objective **obj);

/* Report a bad --chart: "--chart: CAUSE" (cause from chart.h, which names
 * the word and lists the choices), freeing cause; returns CLI_EXIT_USAGE. */
int cli_chart_error(char *cause);

/* Build the chart --chart chooses (text; NULL: the objective's default
 * chart), its chart coordinates those of the default chart. On error
 * prints and returns the exit status, else 0. */
int cli_chart(const char *text, const sd_objective *obj,
    struct sd_chart *chart);

/* A number as %.17g (round-trips exactly). Callers never pass NaN/Inf. */
void cli_number(FILE *fp, double v);

/* Parse "COLSxROWS" (or "COLSXROWS") with each side a whole number from 1
 * to max; 0, or -1 when word is not such a size (the caller says so). */
int cli_size_parse(const char *word, long max, long *cols, long *rows);

/* A number that may be missing: a non-finite v is written as missing
 * ("nan" in CSV, as numpy and pandas read it; "null" in JSON). */
void cli_number_or(FILE *fp, double v, const char *missing);

/* A JSON string literal with escapes. */
void cli_json_string(FILE *fp, const char *s);

/* A JSON array of n numbers. */
void cli_json_numbers(FILE *fp, const double *v, size_t n);

/* The subcommands. */
int cmd_list(int argc, char **argv);
int cmd_points(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_line(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_survey(int argc, char **argv);
int cmd_tui(int argc, char **argv);
int cmd_tour(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_complete(int argc, char **argv);

#endif
