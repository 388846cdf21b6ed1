/* SPDX-License-Identifier: GPL-3.0-or-later */
/* options.h: the options that build a view, shared by the TUI
 * (`saddle [OPTIONS] [OBJECTIVE]`) and `saddle render`.
 *
 * Parsing checks every word (exit status 2 on a bad one, with a message
 * naming it); building turns the options into a view and a theme. */
#ifndef SADDLE_OPTIONS_H
#define SADDLE_OPTIONS_H

#include <getopt.h>

#include "rcfile.h"
#include "tui/color.h"
#include "tui/theme.h"
#include "tui/view.h"

typedef struct tui_options {
	const char	*objective;	/* NAME[:k=v,...], or NULL */
	const char	*expr;		/* -e EXPR, or NULL */
	char		*optimizers;	/* owned; "gd,adam", or NULL */
	const char	*set;		/* --set text, or NULL */
	const char	*theme;		/* --theme, or NULL */
	const char	*levels;	/* --levels word, or NULL */
	const char	*chart;		/* --chart CHART, or NULL */
	int		 all;		/* --all: points near the slice too */
	double		 start[2];
	int		 has_start;
	sd_window	 window;
	int		 has_window;
	unsigned long	 seed;
	unsigned long	 steps;		/* steps before the first frame */
	double		 tol;
	color_depth	 depth;
	int		 has_depth;
	int		 cols, rows;	/* --size (render) */
	int		 speed;		/* --speed as app_speed_parse's
					 * index, or -1 */
	const char	*config;	/* --config FILE, or NULL */
	int		 no_config;	/* --no-config */
	char		 given[128];	/* options given on the command
					 * line, by their getopt character */
	rc_file		 rc;		/* the config file's settings */
	int		 has_size;
	const char	*output;	/* --output FILE (render), or NULL */
	const char	*format;	/* --format WORD (render), or NULL */
	int		 loss;		/* --loss: the figure's loss curve */
} tui_options;

/* The long options of the visualizer and render (--size: render only). */
extern const struct option options_long[];

/* The largest --size: pixels of a figure (a frame takes up to 1000). */
#define OPTIONS_SIDE_MAX 10000

/* Parse argv (argv[0] is the command's name; render nonzero accepts
 * --size), then take from the config file (rcfile.h) each setting whose
 * option was not given. --color auto leaves has_depth 0: the caller
 * detects. -h/--help prints the command's help and returns CLI_EXIT_HELP.
 * Returns 0, or the exit status after printing the error. */
int options_parse(tui_options *o, int argc, char **argv, int render);

/* Release what the options own. */
void options_done(tui_options *o);

/* Build the view and load the theme the options ask for; default_racer
 * (the visualizer) adds a gd racer when no --optimizer was given and
 * leaves the slow set-up to the visualizer's jobs (view.h: defer).
 * Returns 0, or the exit status after printing the error. */
int options_build(const tui_options *o, view *v, theme *th,
    int default_racer);

/* Apply --chart trajectory, which takes the selected racer's path: after
 * the --steps the caller has taken (any other --chart is applied by
 * options_build). Returns 0, or the exit status after printing the
 * error. */
int options_trajectory(const tui_options *o, view *v);

#endif
