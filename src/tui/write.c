/* SPDX-License-Identifier: GPL-3.0-or-later */
/* write.c: the view saved to a file from the visualizer: `:write FILE`,
 * `:write! FILE` (vim's rule: an existing file is replaced only with !)
 * and the W key, which picks saddle-OBJECTIVE-N.svg in the current
 * directory (see app.h). Figures are drawn by figure.h; .txt and .ans are
 * the frame as the terminal shows it. */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "base/error.h"
#include "figure/figure.h"

/* The longest a figure may spend sampling its own field (a frame's
 * budget): beyond it the figure draws the field the frame holds (fewer
 * samples, smoothed). The drawing that follows is recorded here; the
 * encoding (15 to 360 ms, bench/bench_figure) runs on a task, waited for
 * WRITE_WAIT_MS, so that a quick one says "wrote" in the next frame. */
#define WRITE_SAMPLE_MS	20
#define WRITE_WAIT_MS	10

/* At exit, the longest a figure still being encoded is waited for. */
#define WRITE_FLUSH_MS	1000

/* The most saddle-OBJECTIVE-N.svg names W tries. */
#define WRITE_NAMES_MAX	10000

/* arg with a leading ~ or ~/ made $HOME, into buf. */
static int
write_expand(const char *arg, char *buf, size_t len, char **cause)
{
	const char *home = getenv("HOME");

	if (*arg == '\0')
		return sd_fail(cause, "write: expected a file name, such as "
		    "landscape.svg (.svg, .png, .pdf, .txt or .ans)");
	if (arg[0] == '~' && (arg[1] == '/' || arg[1] == '\0') &&
	    home != NULL)
		snprintf(buf, len, "%s%s", home, arg + 1);
	else
		snprintf(buf, len, "%s", arg);
	return 0;
}

/* The frame as text (no colour) or ANSI, drawn afresh at the terminal's
 * size with the map the screen shows, if any. */
static int
write_frame(app *a, const char *path, figure_format fmt, int replace,
    char **cause)
{
	color_depth depth = fmt == FIGURE_TEXT ? COLOR_NONE :
	    screen_depth(a->scr);
	frame_ui ui = { .cursor = 1, .speed = app_speed(a), .candidate = -1 };
	canvas *cv;
	draw_ctx ctx;
	layout lay;
	int rc;

	if ((cv = canvas_new(a->frame->cols, a->frame->rows)) == NULL)
		return sd_fail(cause, "out of memory");
	cv->ascii = a->frame->ascii;
	ctx = (draw_ctx){ .cv = cv, .th = &a->th, .depth = depth };
	layout_compute(&lay, cv->cols, cv->rows);
	if (lay.too_small)
		frame_too_small(&ctx);
	else {
		frame_base(&ctx, a->v, &lay, &a->ov);
		frame_top(&ctx, a->v, &lay, &a->ov, &ui);
	}
	rc = figure_write_canvas(path, fmt, cv, depth, replace, cause);
	canvas_free(cv);
	return rc;
}

/* A figure being encoded on a task, and where it goes. */
typedef struct write_task {
	figure_scene	*sc;
	char		 path[PATH_MAX];
} write_task;

/* Whether the task encoding a figure was cancelled (figure.h's stop). */
static int
write_stop(void *self)
{
	return job_cancelled(self);
}

/* The task: encode and write the file. */
static int
write_run(job *self, const sd_objective *unused, void *arg, char **cause)
{
	write_task *w = arg;

	(void)unused;
	return figure_scene_encode(w->sc, write_stop, self, cause);
}

static void
write_free(void *arg)
{
	write_task *w = arg;

	figure_scene_free(w->sc);
	free(w);
}

/* Written (or not): say so. */
static void
write_done(app *a, void *arg, int rc, char *cause)
{
	write_task *w = arg;

	if (rc != 0)
		app_fail(a, cause);
	else
		app_message(a, 0, "wrote %s", w->path);
}

/* The view as a figure: drawn here (recorded, with a field sampled for
 * the figure when that is quick: a shallow copy of the view, which is
 * only read, holds it), encoded on a task. */
static int
write_figure(app *a, const char *path, figure_format fmt, int replace,
    char **cause)
{
	figure_options fo = { FIGURE_WIDTH, FIGURE_HEIGHT, 0 };
	view fv = *a->v;
	size_t cols, rows;
	sd_field own;
	write_task *w;
	int have = 0;

	/* One at a time: a second would cancel the first (Esc does). */
	if (app_task_running(a, APP_TASK_WRITE))
		return sd_fail(cause, "write: still writing %s: try again in "
		    "a moment, or Esc cancels it", ((const write_task *)
		    job_task_arg(a->tasks[APP_TASK_WRITE].j))->path);
	if ((w = calloc(1, sizeof *w)) == NULL)
		return sd_fail(cause, "out of memory");
	snprintf(w->path, sizeof w->path, "%s", path);
	figure_samples(&fo, &fv.window, &cols, &rows);
	if (a->sample_s > 0 && a->sample_s * (double)(cols * rows) * 1e3 <=
	    WRITE_SAMPLE_MS && sd_field_init(&own, fv.chart.dim, NULL) == 0) {
		have = 1;
		if (sd_field_update(&own, fv.obj, &fv.chart, &fv.window, cols,
		    rows, NULL, NULL) == 0)
			fv.field = own;
	}
	/* The levels for the figure's own samples (quantiles move). */
	view_levels_prepare(&fv);
	w->sc = figure_record_view(path, fmt, &fv, &a->th, &fo, replace,
	    cause);
	if (have)
		sd_field_done(&own);
	if (w->sc == NULL) {
		free(w);
		return -1;
	}
	return app_task_start(a, APP_TASK_WRITE, "writing the figure", NULL,
	    write_run, w, write_free, write_done, WRITE_WAIT_MS, cause);
}

int
app_write(app *a, const char *arg, int replace, char **cause)
{
	char path[PATH_MAX];
	figure_format fmt;

	if (write_expand(arg, path, sizeof path, cause) != 0 ||
	    figure_format_of_path(path, &fmt, cause) != 0)
		return -1;
	if (figure_format_is_image(fmt))
		return write_figure(a, path, fmt, replace, cause);
	if (write_frame(a, path, fmt, replace, cause) != 0)
		return -1;
	app_message(a, 0, "wrote %s", path);
	return 0;
}

void
app_write_flush(app *a)
{
	job *j = a->tasks[APP_TASK_WRITE].j;
	char *cause = NULL;

	if (j == NULL || !job_wait(j, WRITE_FLUSH_MS))
		return;
	if (job_task_result(j, &cause) != 0) {
		fprintf(stderr, "saddle: %s\n", cause);
		free(cause);
	}
}

void
app_write_next(app *a)
{
	char name[96], cwd[PATH_MAX], path[PATH_MAX + 100];
	char *cause = NULL;
	struct stat st;
	int n;

	if (getcwd(cwd, sizeof cwd) == NULL)
		snprintf(cwd, sizeof cwd, ".");
	for (n = 1; n <= WRITE_NAMES_MAX; n++) {
		snprintf(name, sizeof name, "saddle-%s-%d.svg",
		    a->v->obj->type->name, n);
		snprintf(path, sizeof path, "%s/%s", cwd, name);
		if (stat(path, &st) != 0)
			break;
	}
	if (n > WRITE_NAMES_MAX) {
		app_message(a, 1, "W: saddle-%s-1.svg to -%d.svg all exist",
		    a->v->obj->type->name, WRITE_NAMES_MAX);
		return;
	}
	if (app_write(a, path, 0, &cause) != 0)
		app_fail(a, cause);
}
