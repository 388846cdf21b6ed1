/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw.h: the drawing primitives: numbers as the frame writes them, the
 * cell of a chart point, boxes, and the theme's colours and glyphs for
 * bands, points and racers (tmux's screen-write.c: cells written, nothing
 * composed).
 *
 * Every part of the frame (draw_parts.h) paints with these, and the frame
 * (frame.h) puts the parts together; this module calls neither. None of
 * it knows about curses or output: the TUI and `saddle render` paint the
 * same canvas. */
#ifndef SADDLE_DRAW_H
#define SADDLE_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include "canvas.h"
#include "color.h"
#include "landscape/finder.h"
#include "theme.h"
#include "view.h"

/* Where to paint and how. */
typedef struct draw_ctx {
	canvas		*cv;		/* borrowed */
	const theme	*th;		/* borrowed */
	color_depth	 depth;
	double		 deadline;	/* when a part that can go on at the
					 * next frame stops (job_now's clock);
					 * 0: none, all is drawn */
	int		 partial;	/* set by such a part: something is
					 * left for the next frame */
} draw_ctx;

/* v with sig significant digits, "−" for minus in UTF-8, "undefined" for
 * NaN or ±∞; returns buf. */
char *draw_num(const draw_ctx *ctx, char *buf, size_t len, double v,
    int sig);

/* v with as many decimals as a resolution of step needs (a coordinate on
 * an axis, or under the cursor), "−" for minus in UTF-8; returns buf. */
char *draw_fixed(const draw_ctx *ctx, char *buf, size_t len, double v,
    double step);

/* The cell of chart point (a, b) in plot rectangle r; -1 when outside. */
int draw_cell(const view *v, canvas_rect r, double a, double b, int *x,
    int *y);

/* A blank box with a rounded border in colour border. */
void draw_box(draw_ctx *ctx, canvas_rect b, uint32_t border);

/* The colour of band k (−1: undefined). */
uint32_t draw_band_color(const draw_ctx *ctx, const view *v, int k);

/* The two colours band k's samples alternate between, sample (i, j)
 * taking pair[(i + j) & 1]: both draw_band_color, except in 8 and 16
 * colours, where the theme's palette passes through only a few of the
 * terminal's colours (5 of 8 for the default), so that neighbouring
 * bands would merge: there the bands are spread over those colours and
 * the checkers between each two neighbours (2·5 − 1 = 9 for the
 * default; solid colours alone when there are no more bands). */
void draw_band_pair(const draw_ctx *ctx, const view *v, int k,
    uint32_t pair[2]);

/* The glyph (UTF-8 or ASCII) of a kind of stationary point. */
const char *draw_point_glyph(const draw_ctx *ctx, sd_point_kind kind);

/* The colour of racer k. */
uint32_t draw_racer_color(const draw_ctx *ctx, int k);

/* Racer k's dash pattern for dots_line_dashed: solid in colour, without
 * colour one of 8 patterns; and its swatch for the panel (two cells
 * drawn in the same pattern). */
uint16_t draw_racer_dash(const draw_ctx *ctx, int k);
const char *draw_racer_swatch(const draw_ctx *ctx, int k);

/* Text colours (CANVAS_DEFAULT when there is no colour). */
uint32_t draw_fg(const draw_ctx *ctx, uint32_t c);

#endif
