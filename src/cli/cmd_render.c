/* cmd_render.c: `saddle render`: one frame of the visualizer, drawn by
 * the TUI's own drawing code into a canvas and written to stdout as text
 * (with SGR colour sequences unless --color none): exactly ROWS lines, none
 * wider than COLS cells, the same bytes for the same arguments. */
#include "config.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/draw_parts.h"
#include "tui/app.h"
#include "tui/frame.h"
#include "tui/screen.h"
#include "options.h"
#include "cli.h"

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

/* Draw the view into cv as the TUI's first frame would look. */
static int
render_draw(canvas *cv, view *v, const theme *th, const tui_options *o)
{
	draw_ctx ctx = { cv, th, render_depth(o) };
	frame_ui ui = { .cursor = 1, .candidate = -1 };
	size_t cols, rows;
	char *cause = NULL;
	layout lay;
	unsigned long k;
	int rc;

	ui.speed = o->speed >= 0 ? app_speed_at(o->speed) : 10;
	/* The steps first: --chart trajectory is drawn through their path. */
	for (k = 0; k < o->steps; k++)
		view_step(v);
	if ((rc = options_trajectory(o, v)) != 0)
		return rc;
	layout_compute(&lay, cv->cols, cv->rows);
	if (!lay.too_small) {
		draw_field_size(&lay, &cols, &rows);
		if (view_refresh(v, cols, rows, NULL, &cause) != 0)
			return cli_runtime_error(cause);
	}
	frame_draw(&ctx, v, &ui);
	return CLI_EXIT_OK;
}

int
cmd_render(int argc, char **argv)
{
	tui_options o;
	canvas *cv;
	theme th;
	view v;
	int rc;

	setlocale(LC_CTYPE, "");
	if ((rc = options_parse(&o, argc, argv, 1)) != 0 ||
	    (rc = options_build(&o, &v, &th, 0)) != 0) {
		options_done(&o);
		return rc;
	}
	if ((cv = canvas_new(o.cols, o.rows)) == NULL) {
		rc = cli_runtime_error(NULL);
		goto out;
	}
	cv->ascii = strcmp(nl_langinfo(CODESET), "UTF-8") != 0;
	if ((rc = render_draw(cv, &v, &th, &o)) == CLI_EXIT_OK) {
		color_write_canvas(stdout, cv, render_depth(&o));
		if (fflush(stdout) != 0)
			rc = CLI_EXIT_RUNTIME;
	}
	canvas_free(cv);
out:
	view_done(&v);
	options_done(&o);
	return rc;
}
