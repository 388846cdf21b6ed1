/* SPDX-License-Identifier: GPL-3.0-or-later */
/* figure.h: figures for papers and slides, drawn from the same view the
 * terminal draws.
 *
 * A figure shows what the frame shows at publication quality: the field
 * as an image (one pixel per sample, smooth colour from the theme's
 * palette), contour lines by marching squares at the frame's levels
 * (contour.h), the stationary points in their glyphs' shapes, the racers'
 * paths as vector polylines, axes, the colour bar with its level values,
 * a legend and the title. One drawing code path, cairo's, writes SVG, PNG
 * and PDF; ANSI and plain text are the terminal's frame (a canvas).
 *
 * Files are written whole or not at all: into a temporary file in the
 * target's directory, renamed over the target once complete. Built
 * without cairo, the image formats fail with a message saying so. The
 * figure borrows the view, theme and map it draws; it keeps nothing. */
#ifndef SADDLE_FIGURE_H
#define SADDLE_FIGURE_H

#include <stdio.h>

#include "landscape/map.h"
#include "tui/canvas.h"
#include "tui/color.h"
#include "tui/theme.h"
#include "tui/view.h"

/* The default size of a figure in pixels (PNG, SVG); a PDF of that size
 * is FIGURE_WIDTH / FIGURE_DPI inches wide: 6 × 4 in. */
#define FIGURE_WIDTH	1200
#define FIGURE_HEIGHT	800
#define FIGURE_DPI	200
#define FIGURE_SIDE_MIN	200
#define FIGURE_SIDE_MAX	10000

typedef enum figure_format {
	FIGURE_SVG = 0,
	FIGURE_PNG,
	FIGURE_PDF,
	FIGURE_ANSI,		/* the frame with SGR colour sequences */
	FIGURE_TEXT,		/* the frame as plain text */
	FIGURE_FORMAT_COUNT
} figure_format;

/* What a figure is asked for. */
typedef struct figure_options {
	int		 width, height;	/* pixels */
	int		 loss;		/* add the loss curve as a second plot */
} figure_options;

/* The format a --format word names; an unknown word is named in *cause
 * with the accepted ones. */
int figure_format_parse(const char *word, figure_format *fmt, char **cause);

/* The format of a file name's extension (.svg .png .pdf .ans .txt); an
 * unknown or missing extension is named in *cause. */
int figure_format_of_path(const char *path, figure_format *fmt,
    char **cause);

/* "svg", "png", ... */
const char *figure_format_name(figure_format fmt);

/* Whether fmt is drawn by cairo (an image) rather than being the frame. */
int figure_format_is_image(figure_format fmt);

/* The field samples a figure of o's size draws of window w: what the
 * caller should refresh the view's field to before figure_write_view
 * (any size draws, smoothed; this one draws a sample every
 * FIG_SAMPLE_PX pixels). */
void figure_samples(const figure_options *o, const sd_window *w,
    size_t *cols, size_t *rows);

/* Write v as an image figure (fmt an image format) to path; replace
 * nonzero allows replacing an existing file. Returns -1 with *cause on
 * failure (the file is then untouched). */
int figure_write_view(const char *path, figure_format fmt, const view *v,
    const theme *th, const figure_options *o, int replace, char **cause);

/* A figure in two halves, so that the slow half (rasterizing a PNG,
 * writing out an SVG or PDF: 15 to 360 ms) can run on a thread of its
 * own while the view goes on changing: figure_record_view draws v into a
 * recording (quick; it reads v, th and o only during the call) and opens
 * the temporary file beside path (an existing path without replace is
 * refused here, at once); figure_scene_encode, on any one thread, writes
 * the file whole or not at all — nothing when stop(stop_arg) (may be
 * NULL) says so once encoded; figure_scene_free releases the scene and
 * removes the temporary file if it was not committed. */
typedef struct figure_scene figure_scene;
figure_scene *figure_record_view(const char *path, figure_format fmt,
    const view *v, const theme *th, const figure_options *o, int replace,
    char **cause);
int figure_scene_encode(figure_scene *sc, int (*stop)(void *),
    void *stop_arg, char **cause);
void figure_scene_free(figure_scene *sc);

/* Write map m of obj through chart as an image figure with its legend,
 * as figure_write_view (an existing file is replaced). */
int figure_write_map(const char *path, figure_format fmt, const sd_map *m,
    const sd_objective *obj, const sd_chart *chart, const theme *th,
    const figure_options *o, char **cause);

/* Write the canvas cv as text (FIGURE_TEXT, no colour) or with SGR
 * sequences for depth (FIGURE_ANSI) to path, as figure_write_view. */
int figure_write_canvas(const char *path, figure_format fmt,
    const canvas *cv, color_depth depth, int replace, char **cause);

/* ---- inside the module ------------------------------------------------ */

/* A file written whole or not at all. */
typedef struct figure_file {
	FILE	*fp;		/* the temporary file, open for writing */
	char	*tmp;		/* owned; its name */
	char	*path;		/* owned; the target's name */
} figure_file;

/* Open a temporary file beside path (replace zero: fail when path
 * exists). */
int figure_file_open(figure_file *ff, const char *path, int replace,
    char **cause);

/* Close the temporary file and rename it over the target; on any error
 * (a failed write included) remove it and fail. Frees ff's names. */
int figure_file_commit(figure_file *ff, char **cause);

/* Close and remove the temporary file; frees ff's names. */
void figure_file_abort(figure_file *ff);

#endif
