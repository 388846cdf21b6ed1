/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.c: the options that build a view, for the TUI and render (see
 * options.h). */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "base/error.h"
#include "expr/expr.h"
#include "landscape/chart.h"
#include "options.h"
#include "tui/app.h"

/* What the usage messages list as accepted. */
#define OPTIONS_VALID "-e EXPR, --optimizer NAME[,NAME...], --start a,b, " \
	"--set k=v,..., --seed S, --steps N, --tol G, --theme T, " \
	"--chart CHART, --window W, --all, " \
	"--levels linear|log|critical|quantile|auto|N, " \
	"--color auto|none|8|16|256|truecolor, --speed N, --config FILE, " \
	"--no-config, (render) --size WxH, --output FILE, " \
	"--format svg|png|pdf|ansi|text, --loss"

/* The most --steps before the first frame (each is kept in the path). */
#define OPTIONS_STEPS_MAX	10000000

/* The long options; --size only counts for render. */
const struct option options_long[] = {
	{ "expr", required_argument, NULL, 'e' },
	{ "optimizer", required_argument, NULL, 'o' },
	{ "start", required_argument, NULL, 'S' },
	{ "set", required_argument, NULL, 's' },
	{ "seed", required_argument, NULL, 'r' },
	{ "steps", required_argument, NULL, 'n' },
	{ "tol", required_argument, NULL, 't' },
	{ "theme", required_argument, NULL, 'T' },
	{ "window", required_argument, NULL, 'w' },
	{ "chart", required_argument, NULL, 'C' },
	{ "all", no_argument, NULL, 'A' },
	{ "levels", required_argument, NULL, 'l' },
	{ "color", required_argument, NULL, 'c' },
	{ "colour", required_argument, NULL, 'c' },
	{ "size", required_argument, NULL, 'z' },
	{ "speed", required_argument, NULL, 'p' },
	{ "config", required_argument, NULL, 'F' },
	{ "no-config", no_argument, NULL, 'N' },
	{ "output", required_argument, NULL, 'O' },
	{ "format", required_argument, NULL, 'f' },
	{ "loss", no_argument, NULL, 'L' },
	{ NULL, 0, NULL, 0 }
};

/* Append one --optimizer word to the comma list. */
static int
options_add_optimizer(tui_options *o, const char *word)
{
	char *s;

	s = o->optimizers ? sd_printf("%s,%s", o->optimizers, word) :
	    strdup(word);
	if (s == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	free(o->optimizers);
	o->optimizers = s;
	return 0;
}

/* "COLSxROWS" for --size: cells of a frame, pixels of a figure (which
 * are checked against the format once it is known). */
static int
options_size(tui_options *o, const char *word)
{
	long c, r;

	if (cli_size_parse(word, OPTIONS_SIDE_MAX, &c, &r) == 0) {
		o->cols = (int)c;
		o->rows = (int)r;
		o->has_size = 1;
		return 0;
	}
	return cli_usage("--size: '%s' is not a size: expected COLSxROWS "
	    "with whole numbers from 1 to 1000, such as 100x30 (pixels of a "
	    "figure: up to %d, such as 1200x800)", word, OPTIONS_SIDE_MAX);
}

/* --output, --format and --loss, which only render takes. */
static int
options_render_only(tui_options *o, int ch, const char *arg, int render)
{
	if (!render)
		return cli_usage("--%s: only `saddle render` writes figures; "
		    "in the visualizer, :write FILE", ch == 'O' ? "output" :
		    ch == 'f' ? "format" : "loss");
	if (ch == 'O')
		o->output = arg;
	else if (ch == 'f')
		o->format = arg;
	else
		o->loss = 1;
	return 0;
}

/* Report a usage error about option what; frees cause. */
static int
options_fail(const char *what, char *cause)
{
	int rc = cli_usage("%s: %s", what, cause ? cause : "invalid");

	free(cause);
	return rc;
}

/* One option; returns 0 or an exit status. */
static int
options_one(tui_options *o, int ch, const char *arg, int render)
{
	char *cause = NULL;

	switch (ch) {
	case 'e':
		o->expr = arg;
		return 0;
	case 'o':
		return options_add_optimizer(o, arg);
	case 'S':
		if (sd_numbers_parse(arg, 2, o->start, "--start", &cause) != 0)
			return cli_usage_error(cause);
		o->has_start = 1;
		return 0;
	case 's':
		o->set = arg;
		return 0;
	case 'r':
		return cli_seed(arg, &o->seed);
	case 'n':
		return cli_whole("--steps", arg, 0, OPTIONS_STEPS_MAX,
		    &o->steps);
	case 't':
		return cli_tolerance(arg, &o->tol);
	case 'T':
		o->theme = arg;
		return 0;
	case 'w':
		if (sd_window_parse(arg, &o->window, "--window", &cause) != 0)
			return cli_usage_error(cause);
		o->has_window = 1;
		return 0;
	case 'C':
		o->chart = arg;
		return 0;
	case 'A':
		o->all = 1;
		return 0;
	case 'l':
		o->levels = arg;
		return 0;
	case 'c':
		if (strcmp(arg, "auto") == 0) {
			o->has_depth = 0;
			return 0;
		}
		if (color_depth_parse(arg, &o->depth) != 0)
			return cli_usage("--color: unknown depth '%s': expected "
			    "auto, none, 8, 16, 256 or truecolor", arg);
		o->has_depth = 1;
		return 0;
	case 'p':
		if (app_speed_parse(arg, &o->speed, &cause) != 0)
			return options_fail("--speed", cause);
		return 0;
	case 'F':
		o->config = arg;
		return 0;
	case 'N':
		o->no_config = 1;
		return 0;
	case 'z':
		if (render)
			return options_size(o, arg);
		return cli_usage("--size: only `saddle render` takes a size; "
		    "the TUI fills the terminal");
	case 'O':
	case 'f':
	case 'L':
		return options_render_only(o, ch, arg, render);
	}
	return -1;
}

/* The option each config key stands for, in rc_key's order. */
static const int options_rc[RC_KEYS] = { 'T', 'l', 'c', 'o', 'p' };

/* Read the config file unless --no-config, and apply each of its settings
 * whose option the command line did not give (rc_load checked them). */
static int
options_config(tui_options *o, int render)
{
	char *cause = NULL;
	int k, rc;

	if (o->no_config)
		return 0;
	if (rc_load(&o->rc, o->config, &cause) != 0)
		return cli_usage_error(cause);
	for (k = 0; k < RC_KEYS; k++) {
		if (o->rc.value[k] == NULL || o->given[options_rc[k]])
			continue;
		if ((rc = options_one(o, options_rc[k], o->rc.value[k],
		    render)) != 0)
			return rc;
	}
	return 0;
}

int
options_parse(tui_options *o, int argc, char **argv, int render)
{
	const char *cmd = render ? "render" : "saddle";
	struct option table[CLI_OPTIONS_MAX];
	int ch, rc;

	memset(o, 0, sizeof *o);
	o->speed = -1;
	o->tol = 1e-6;
	o->cols = 100;
	o->rows = 30;
	if (cli_with_help(options_long, table, CLI_OPTIONS_MAX) != 0)
		return cli_runtime_error(sd_printf("too many options"));
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, ":e:h", table, NULL)) != -1) {
		if (ch == 'h')
			return cli_help_command(cmd);
		if (ch == '?' || ch == ':')
			return cli_bad_option(cmd, argv[optind - 1],
			    OPTIONS_VALID);
		if ((rc = options_one(o, ch, optarg, render)) != 0)
			return rc;
		o->given[ch] = 1;
	}
	if (optind < argc)
		o->objective = argv[optind++];
	if (optind < argc)
		return cli_bad_option(cmd, argv[optind], "one OBJECTIVE");
	if (o->objective != NULL && o->expr != NULL)
		return cli_usage("%s: both OBJECTIVE '%s' and -e given: expected "
		    "one of them", cmd, o->objective);
	return options_config(o, render);
}

void
options_done(tui_options *o)
{
	free(o->optimizers);
	o->optimizers = NULL;
	rc_done(&o->rc);
}

/* The objective the options name (himmelblau by default). */
static sd_objective *
options_objective(const tui_options *o, char **cause)
{
	if (o->expr != NULL)
		return sd_objective_new_expr(o->expr, cause);
	return sd_objective_new(o->objective ? o->objective : "himmelblau",
	    cause);
}

/* Report a racer that cannot start: the start the user gave, or the
 * default one (the window's). Frees cause. */
static int
options_bad_start(const tui_options *o, const view *v, const char *name,
    char *cause)
{
	int rc;

	if (o->has_start)
		return options_fail("--start", cause);
	rc = cli_usage("--optimizer: %s cannot start at the default start "
	    "(%.6g, %.6g): %s: expected --start a,b", name, v->start_a,
	    v->start_b, cause ? cause : "invalid");
	free(cause);
	return rc;
}

/* Add the racer --optimizer's name asks for, with --set; --set is tried
 * on a racer of its own first, so that a bad start is not blamed on it. */
static int
options_racer(const tui_options *o, view *v, const char *name)
{
	static const sd_scale unit = { 1, 1, 1 };	/* as view_pend's */
	const sd_optimizer_type *type;
	char *cause = NULL;
	racer *trial;

	if ((type = sd_optimizer_find(name, &cause)) == NULL)
		return options_fail("--optimizer", cause);
	if ((trial = racer_new(type, v->obj, o->set, &unit, &cause)) == NULL)
		return options_fail("--set", cause);
	racer_free(trial);
	if (view_add_racer(v, type, o->set, &cause) == 0)
		return 0;
	if (o->optimizers == NULL && o->set == NULL) {
		free(cause);	/* the implicit racer: start without */
		return 0;
	}
	return options_bad_start(o, v, name, cause);
}

/* Add one racer per --optimizer name (gd when none is given and
 * default_racer). */
static int
options_racers(const tui_options *o, view *v, int default_racer)
{
	char *list, *rest;
	int rc = 0;

	if (o->optimizers == NULL) {
		if (o->set != NULL && !default_racer)
			return cli_usage("--set: no --optimizer to set '%s' on",
			    o->set);
		if (!default_racer)
			return 0;
	}
	if ((list = strdup(o->optimizers ? o->optimizers : "gd")) == NULL)
		return cli_runtime_error(sd_printf("out of memory"));
	/* strsep, not strtok: an empty name ('', 'gd,,adam') is reported as
	 * run and survey report it, not skipped. */
	for (rest = list; rest != NULL && rc == 0;)
		rc = options_racer(o, v, strsep(&rest, ","));
	free(list);
	return rc;
}

/* Whether --chart asks for the racers' path. */
static int
options_wants_path(const tui_options *o)
{
	const sd_chart_choice_type *t;

	if (o->chart == NULL || (t = sd_chart_choice_find(o->chart)) == NULL)
		return 0;
	return t->path;
}

/* Show the chart --chart chooses, over --window when given. */
static int
options_chart(const tui_options *o, view *v)
{
	char *cause = NULL;

	if (view_choose_chart(v, o->chart, o->has_window ? &o->window : NULL,
	    &cause) != 0)
		return cli_chart_error(cause);
	return 0;
}

int
options_trajectory(const tui_options *o, view *v)
{
	if (!options_wants_path(o))
		return 0;
	if (v->n_racers == 0 || v->racers[v->selected]->trace.n < 3)
		return cli_usage("--chart: 'trajectory' is the plane of the "
		    "last racer's path: expected --optimizer NAME and "
		    "--steps N with N ≥ 2");
	return options_chart(o, v);
}

int
options_build(const tui_options *o, view *v, theme *th, int default_racer)
{
	sd_objective *obj;
	char *cause = NULL;
	int rc;

	theme_default(th);
	if (o->theme != NULL && theme_load(th, o->theme, &cause) != 0)
		return options_fail("--theme", cause);
	if ((obj = options_objective(o, &cause)) == NULL)
		return o->expr ? cli_formula_error(cause) :
		    cli_usage_error(cause);
	if (view_init(v, obj, o->has_window && o->chart == NULL ? &o->window :
	    NULL, &cause) != 0)
		return cli_runtime_error(cause);
	v->seed = o->seed;
	v->tol = o->tol;
	v->all = o->all;
	/* The visualizer measures the scale and finds the watch points on
	 * threads of its own, after its first frame (job.h), unless the
	 * racers must step before it opens (--steps, a trajectory chart). */
	v->defer = default_racer && o->steps == 0 && !options_wants_path(o);
	if (o->levels != NULL && view_levels_parse(v, o->levels, &cause) != 0) {
		view_done(v);
		return options_fail("--levels", cause);
	}
	/* The chart first: --start is in its coordinates. */
	if (o->chart != NULL && !options_wants_path(o) &&
	    (rc = options_chart(o, v)) != 0) {
		view_done(v);
		return rc;
	}
	if (o->has_start) {
		v->start_a = v->cur_a = o->start[0];
		v->start_b = v->cur_b = o->start[1];
	}
	if ((rc = options_racers(o, v, default_racer)) != 0 ||
	    (rc = cli_steps_fit((double)o->steps, (size_t)v->n_racers,
	    v->obj->dim)) != 0) {
		view_done(v);
		return rc;
	}
	return 0;
}
