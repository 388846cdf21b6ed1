/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_render.c: `saddle render`: one frame of the visualizer, drawn by
 * the TUI's own drawing code into a canvas and written to stdout as text
 * (with SGR colour sequences unless --color none): exactly ROWS lines, none
 * wider than COLS cells, the same bytes for the same arguments. With
 * --output FILE (or --format) the same view is written to a file instead:
 * the frame as text or ANSI, or a figure (figure.h) as SVG, PNG or PDF. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "figure/figure.h"
#include "tui/draw_parts.h"
#include "tui/app.h"
#include "tui/layout.h"
#include "tui/frame.h"
#include "tui/screen.h"
#include "options.h"
#include "cli.h"

/* The largest frame, in cells. */
#define RENDER_CELLS_MAX 1000

/* Where the view goes: stdout or a file, as a frame or a figure. */
typedef struct render_target {
	const char	*output;	/* NULL: stdout */
	figure_format	 format;
	int		 frame;		/* a canvas, not a figure */
} render_target;

/* The depth: --color's, or auto: none under NO_COLOR, the terminal's on
 * a terminal, else 256 (a file or a pipe is read later, elsewhere). */
static color_depth
render_depth(const tui_options *o)
{
	const char *no_color = getenv("NO_COLOR");

	if (o->has_depth)
		return o->depth;
	if (no_color != NULL && *no_color != '\0')
		return COLOR_NONE;
	return isatty(STDOUT_FILENO) ? screen_detect_depth() : COLOR_256;
}

/* Take the --steps, then apply --chart trajectory, which is drawn through
 * their path. */
static int
render_steps(view *v, const tui_options *o)
{
	unsigned long k;

	for (k = 0; k < o->steps; k++)
		view_step(v);
	return options_trajectory(o, v);
}

/* Draw the view into cv as the TUI's first frame would look. */
static int
render_draw(canvas *cv, view *v, const theme *th, color_depth depth,
    int speed)
{
	draw_ctx ctx = { .cv = cv, .th = th, .depth = depth };
	frame_ui ui = { .cursor = 1, .speed = speed, .candidate = -1 };
	size_t cols, rows;
	char *cause = NULL;
	layout lay;

	layout_compute(&lay, cv->cols, cv->rows);
	if (!lay.too_small) {
		draw_field_size(&lay, &cols, &rows);
		if (view_refresh(v, cols, rows, NULL, &cause) != 0)
			return cli_runtime_error(cause);
	}
	view_levels_prepare(v);
	frame_draw(&ctx, v, &ui);
	return CLI_EXIT_OK;
}

/* The frame, to stdout or to the target's file. */
static int
render_frame(view *v, const theme *th, const tui_options *o,
    const render_target *t)
{
	color_depth depth = render_depth(o);
	char *cause = NULL;
	canvas *cv;
	int rc;

	if (t->output != NULL && t->format == FIGURE_TEXT)
		depth = COLOR_NONE;
	/* Below the layout's minimum only "too small" would fit. */
	if (o->cols < LAYOUT_MIN_COLS || o->rows < LAYOUT_MIN_ROWS)
		return cli_usage("--size: '%dx%d' is too small for a frame: "
		    "expected at least %dx%d", o->cols, o->rows,
		    LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	if ((cv = canvas_new(o->cols, o->rows)) == NULL)
		return cli_runtime_error(NULL);
	cv->ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	rc = render_draw(cv, v, th, depth,
	    o->speed >= 0 ? app_speed_at(o->speed) : 10);
	if (rc == CLI_EXIT_OK && t->output != NULL &&
	    figure_write_canvas(t->output, t->format, cv, depth, 1,
	    &cause) != 0)
		rc = cli_runtime_error(cause);
	else if (rc == CLI_EXIT_OK && t->output == NULL)
		color_write_canvas(stdout, cv, depth);	/* checked by main */
	canvas_free(cv);
	return rc;
}

/* The figure, with the field sampled for its size. */
static int
render_figure(view *v, const theme *th, const tui_options *o,
    const render_target *t)
{
	figure_options fo = { FIGURE_WIDTH, FIGURE_HEIGHT, o->loss };
	size_t cols, rows;
	char *cause = NULL;

	if (o->has_size) {
		fo.width = o->cols;
		fo.height = o->rows;
	}
	figure_samples(&fo, &v->window, &cols, &rows);
	if (view_refresh(v, cols, rows, NULL, &cause) != 0)
		return cli_runtime_error(cause);
	view_levels_prepare(v);
	if (figure_write_view(t->output, t->format, v, th, &fo, 1, &cause) != 0)
		return cli_runtime_error(cause);
	return CLI_EXIT_OK;
}

/* What --output and --format ask for, and whether --size fits it. */
static int
render_target_of(const tui_options *o, render_target *t)
{
	char *cause = NULL;
	int max;

	t->output = o->output;
	t->format = o->has_depth && o->depth == COLOR_NONE ? FIGURE_TEXT :
	    FIGURE_ANSI;
	if ((o->format != NULL &&
	    figure_format_parse(o->format, &t->format, &cause) != 0) ||
	    (o->format == NULL && o->output != NULL &&
	    figure_format_of_path(o->output, &t->format, &cause) != 0)) {
		cli_usage("%s: %s", o->format ? "--format" : "--output", cause);
		free(cause);
		return CLI_EXIT_USAGE;
	}
	t->frame = !figure_format_is_image(t->format);
	if (!t->frame && o->output == NULL)
		return cli_usage("--format: '%s' is a figure: expected --output "
		    "FILE to write it to", o->format);
	max = t->frame ? RENDER_CELLS_MAX : FIGURE_SIDE_MAX;
	if (o->has_size && (o->cols > max || o->rows > max ||
	    (!t->frame && (o->cols < FIGURE_SIDE_MIN ||
	    o->rows < FIGURE_SIDE_MIN))))
		return cli_usage("--size: '%dx%d' does not fit a %s: expected "
		    "%s from %d to %d", o->cols, o->rows, t->frame ? "frame" :
		    "figure", t->frame ? "cells" : "pixels", t->frame ? 1 :
		    FIGURE_SIDE_MIN, max);
	return 0;
}

int
cmd_render(int argc, char **argv)
{
	render_target t;
	tui_options o;
	theme th;
	view v;
	int rc;

	setlocale(LC_CTYPE, "");
	if ((rc = options_parse(&o, argc, argv, 1)) != 0 ||
	    (rc = render_target_of(&o, &t)) != 0 ||
	    (rc = options_build(&o, &v, &th, 0)) != 0) {
		options_done(&o);
		return rc;
	}
	if ((rc = render_steps(&v, &o)) == 0)
		rc = t.frame ? render_frame(&v, &th, &o, &t) :
		    render_figure(&v, &th, &o, &t);
	view_done(&v);
	options_done(&o);
	return rc;
}
