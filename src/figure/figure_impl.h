/* SPDX-License-Identifier: GPL-3.0-or-later */
/* figure_impl.h: what the cairo drawing files of the figure module share.
 * Everything is drawn in pixels of the figure (a PDF is scaled to
 * FIGURE_DPI); sizes of text and lines follow the font size fs, so a
 * figure reads the same at any size. */
#ifndef SADDLE_FIGURE_IMPL_H
#define SADDLE_FIGURE_IMPL_H

#include <stdint.h>

#include <cairo.h>

#include "figure.h"
#include "tui/draw.h"

/* Ink of text, frames and ticks, and of secondary text: a figure sits on
 * white paper whatever the terminal's theme says of "default". */
#define FIG_INK		0x222222
#define FIG_DIM		0x666666

/* Field samples per plot pixel, each way: the image is smoothed between
 * samples, and contours are interpolated, so one sample every two pixels
 * looks the same as one a pixel at a quarter of the work. */
#define FIG_SAMPLE_PX	2

typedef struct fig_rect {
	double	x, y, w, h;
} fig_rect;

/* A figure being drawn. */
typedef struct fig {
	cairo_t		*cr;
	const theme	*th;		/* borrowed */
	double		 w, h;		/* pixels */
	double		 fs;		/* font size, pixels */
	int		 loss;		/* figure_options' loss */
	draw_ctx	 num;		/* for draw_num and draw_fixed */
	canvas		 num_cv;	/* its canvas: UTF-8, no cells */
} fig;

/* Draw one figure into path in format fmt: draw(f, arg) paints it. title
 * goes into the file's metadata (SVG <title>, PDF Title). */
int fig_render(const char *path, figure_format fmt, const figure_options *o,
    int replace, const theme *th, const char *title,
    void (*draw)(fig *, const void *), const void *arg, char **cause);

/* fig_render's first half: the file opened and the figure drawn into a
 * recording (figure.h's figure_scene); NULL with *cause. */
figure_scene *fig_record(const char *path, figure_format fmt,
    const figure_options *o, int replace, const theme *th, const char *title,
    void (*draw)(fig *, const void *), const void *arg, char **cause);

/* The font size of a w × h figure: text a page can read at any size. */
double fig_font_size(double w, double h);

/* Colour and text. */
void fig_color(fig *f, uint32_t rgb, double alpha);
void fig_font(fig *f, double scale, int bold);
double fig_text_width(fig *f, const char *text);
/* Text at (x, y) on its baseline, aligned by ax (0 left, 0.5 centre,
 * 1 right). */
void fig_text(fig *f, double x, double y, double ax, const char *text);

/* The axes of a plot of window w: frame, ticks, labels, axis names. */
void fig_axes(fig *f, fig_rect r, const sd_window *w, const char *xname,
    const char *yname);

/* Chart point (a, b) in plot r of window w. */
void fig_at(fig_rect r, const sd_window *w, double a, double b, double *x,
    double *y);

/* A marker of a stationary point of kind at (x, y), radius s. */
void fig_marker(fig *f, sd_point_kind kind, double x, double y, double s);

/* The stationary points of pts inside plot r of window w; off-slice ones
 * (v's rule, when v is not NULL) faded. */
void fig_points(fig *f, const view *v, const sd_point_list *pts,
    fig_rect r, const sd_window *w);

/* An image of cols × rows colours (row-major, top row first) stretched
 * over r, smoothed between pixels when smooth. */
void fig_image(fig *f, fig_rect r, const uint32_t *rgb, size_t cols,
    size_t rows, int smooth);

/* The axis names of a chart: x₁, x₂ for a 2D objective's own plane, a, b
 * for a slice, longitude and latitude on a sphere. */
void fig_axis_names(const sd_chart *chart, const sd_objective *obj,
    const char **x, const char **y);

#endif
