/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_render.c: how long the visualizer takes to draw.
 *
 * A pseudo-terminal of 240×70 stands in for the user's terminal: the
 * screen module (ncurses for the set-up, and for the output without
 * colour; its own SGR writer for colours, see screen.h) writes into its
 * slave side while a child process drains the master, so the figures
 * include the terminal output. Measured, as medians:
 *   - the field alone: 240×140 samples of Himmelblau;
 *   - a full redraw for every classic objective: sample the field, draw
 *     both layers, send every cell (target < 16 ms);
 *   - one animation step: three racers step, the paths and panel are
 *     redrawn over the cached base, only changed cells are sent
 *     (target < 2 ms). */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "bench_pty.h"
#include "base/error.h"
#include "tui/draw_parts.h"
#include "tui/frame.h"
#include "tui/screen.h"

#define COLS	240
#define ROWS	70
#define RUNS	31

/* What one timed run needs. */
typedef struct bench_state {
	view		 v;
	theme		 th;
	screen		*scr;
	canvas		*frame, *base;
	layout		 lay;
	frame_ui	 ui;
} bench_state;

/* Sample the whole field again (no reuse). */
static int
bench_field(void *arg)
{
	bench_state *b = arg;
	size_t cols, rows;

	sd_field_invalidate(&b->v.field);
	draw_field_size(&b->lay, &cols, &rows);
	return view_refresh(&b->v, cols, rows, NULL, NULL);
}

/* A full frame: field, both layers, every cell sent. */
static int
bench_full(void *arg)
{
	bench_state *b = arg;
	draw_ctx fctx = { b->frame, &b->th, screen_depth(b->scr) };
	draw_ctx bctx = { b->base, &b->th, screen_depth(b->scr) };

	if (bench_field(b) != 0)
		return -1;
	frame_base(&bctx, &b->v, &b->lay, NULL);
	canvas_copy(b->frame, b->base);
	frame_top(&fctx, &b->v, &b->lay, NULL, &b->ui);
	screen_invalidate(b->scr);
	screen_draw(b->scr, b->frame);
	return 0;
}

/* One animation step: racers step, the top layer is redrawn over the
 * cached base and the changes are sent. */
static int
bench_step(void *arg)
{
	bench_state *b = arg;
	draw_ctx fctx = { b->frame, &b->th, screen_depth(b->scr) };

	view_step(&b->v);
	canvas_copy(b->frame, b->base);
	frame_top(&fctx, &b->v, &b->lay, NULL, &b->ui);
	screen_draw(b->scr, b->frame);
	return 0;
}

/* Set up a view of obj with three racers from (start_a, start_b). */
static int
bench_view(bench_state *b, const char *obj)
{
	static const char *const methods[] = { "gd", "momentum", "adam" };
	sd_objective *o;
	char *cause = NULL;
	size_t i;

	if ((o = sd_objective_new(obj, &cause)) == NULL ||
	    view_init(&b->v, o, NULL, &cause) != 0)
		goto fail;
	for (i = 0; i < 3; i++) {
		if (view_add_racer(&b->v, sd_optimizer_lookup(methods[i]), NULL,
		    &cause) != 0)
			goto fail;
	}
	if (bench_field(b) != 0)
		goto fail;
	return 0;
fail:
	fprintf(stderr, "bench_render: %s: %s\n", obj, cause ? cause : "?");
	free(cause);
	return -1;
}

/* Time every classic objective at the screen's depth, and the step. */
static void
bench_depth(FILE *out, const char *label)
{
	bench_state b;
	char *cause = NULL;
	double ms, worst = 0;
	size_t i;

	memset(&b, 0, sizeof b);
	theme_default(&b.th);
	if ((b.scr = screen_open(-1, &cause)) == NULL) {
		fprintf(stderr, "bench_render: %s\n", cause);
		exit(1);
	}
	b.frame = canvas_new(COLS, ROWS);
	b.base = canvas_new(COLS, ROWS);
	layout_compute(&b.lay, COLS, ROWS);
	b.ui = (frame_ui){ .cursor = 1, .speed = 10, .candidate = -1 };
	fprintf(out, "full redraw of %dx%d, %s, through a pty (target < 16 ms):\n",
	    COLS, ROWS, label);
	for (i = 0; i < 11 && sd_objective_types[i] != NULL; i++) {
		if (bench_view(&b, sd_objective_types[i]->name) != 0)
			exit(1);
		ms = bench_median_ms(bench_full, &b, RUNS);
		worst = ms > worst ? ms : worst;
		fprintf(out, "  %-12s %7.3f ms\n", sd_objective_types[i]->name,
		    ms);
		if (strcmp(sd_objective_types[i]->name, "himmelblau") == 0) {
			bench_full(&b);
			ms = bench_median_ms(bench_step, &b, RUNS);
			fprintf(out, "  animation step, 3 racers, himmelblau: "
			    "%.3f ms (target < 2 ms)\n", ms);
		}
		view_done(&b.v);
	}
	fprintf(out, "  slowest full redraw: %.3f ms\n", worst);
	screen_close(b.scr);
	canvas_free(b.frame);
	canvas_free(b.base);
}

/* The field alone, without a terminal. */
static void
bench_field_only(FILE *out)
{
	bench_state b;
	double ms;

	memset(&b, 0, sizeof b);
	layout_compute(&b.lay, COLS, ROWS);
	b.lay.plot.w = 240;
	b.lay.plot.h = 70;
	if (bench_view(&b, "himmelblau") != 0)
		exit(1);
	ms = bench_median_ms(bench_field, &b, 101);
	fprintf(out, "field: himmelblau on 240x140 samples: %.1f us\n",
	    ms * 1e3);
	view_done(&b.v);
}

int
main(void)
{
	FILE *out;
	pid_t child;
	int fd;

	sd_gsl_quiet();
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("NO_COLOR");
	fd = bench_pty(COLS, ROWS, &child);
	if ((out = fdopen(fd, "w")) == NULL)
		return 1;
	setvbuf(out, NULL, _IOLBF, 0);
	setlocale(LC_ALL, "");
	bench_field_only(out);
	unsetenv("COLORTERM");
	bench_depth(out, "256 colours");
	setenv("COLORTERM", "truecolor", 1);
	bench_depth(out, "24-bit colour");
	unsetenv("COLORTERM");
	setenv("NO_COLOR", "1", 1);
	bench_depth(out, "no colour (ncurses output)");
	close(STDOUT_FILENO);
	close(STDIN_FILENO);
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
	return 0;
}
