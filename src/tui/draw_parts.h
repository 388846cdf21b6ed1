/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_parts.h: the parts of the frame, one file each, painted with the
 * primitives of draw.h from what the view (and the overlay) hold; the
 * frame (frame.h) decides which go where and in what order.
 *
 * The base layer's parts change only with the view's window, objective,
 * levels or theme; the top layer's change at every step. */
#ifndef SADDLE_DRAW_PARTS_H
#define SADDLE_DRAW_PARTS_H

#include <stddef.h>

#include "draw.h"
#include "layout.h"
#include "overlay.h"
#include "view.h"

/* draw_heatmap.c: the samples the field needs for a plot rectangle: one
 * per column, two per row (half blocks). */
void draw_field_size(const layout *lay, size_t *cols, size_t *rows);

/* draw_heatmap.c: the plot's filled contour bands and iso-lines, the
 * gradient arrows and the stationary points (base), the cursor (top). */
void draw_heatmap(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_arrows(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_markers(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_cursor(draw_ctx *ctx, const view *v, canvas_rect r);

/* draw_heatmap.c: whether sample (i, j) of a cols × rows grid of bands
 * (−1: undefined) borders a lower band: the iso-line runs along the upper
 * side of each level. */
int draw_band_edge(const int *band, size_t cols, size_t rows, size_t i,
    size_t j);

/* draw_heatmap.c: a colour that stands out on bg: dark on light, light
 * on dark (the terminal's own without colour). */
uint32_t draw_contrast(const draw_ctx *ctx, uint32_t bg);

/* draw_ntk.c: the NTK overlay's level lines over the plot r, at the
 * view's levels, and its legend in r's top-left corner (base, after the
 * map: the stationary points go back on top). */
void draw_ntk(draw_ctx *ctx, const view *v, canvas_rect r,
    const overlay_ntk *n);

/* draw_axes.c: the axes with their ticks and the colour bar (base). */
void draw_axes(draw_ctx *ctx, const view *v, const layout *lay);
void draw_colorbar(draw_ctx *ctx, const view *v, canvas_rect r);

/* draw_paths.c: the racers' paths over the plot (top). */
void draw_paths(draw_ctx *ctx, const view *v, canvas_rect r);

/* draw_panel.c: the side panel, with the loss curve in loss at its foot
 * (top). */
void draw_panel(draw_ctx *ctx, const view *v, canvas_rect r,
    canvas_rect loss);
void draw_loss(draw_ctx *ctx, const view *v, canvas_rect r);

/* draw_events.c: the latest event of each racer that has had one, a
 * line each under a title, in r (scrolled to keep the selected racer's
 * line in view when r is short); the rows it would take in full (0 when
 * no racer has had an event). */
int draw_events_rows(const view *v);
void draw_events(draw_ctx *ctx, const view *v, canvas_rect r);

/* draw_vectors.c: each racer's vectors at its point (top), the one scale
 * they are drawn at, and the selected racer's numbers in the panel:
 * DRAW_VECTORS_ROWS rows, two more for the box of an adaptive method;
 * draw_vectors_rows says how many it wants now (0 with :vectors off). */
#define DRAW_VECTORS_ROWS	3
void draw_vectors(draw_ctx *ctx, const view *v, canvas_rect r);
double draw_vectors_scale(const view *v);
int draw_vectors_rows(const view *v);
void draw_vectors_panel(draw_ctx *ctx, const view *v, canvas_rect r);

/* draw_line.c: f along :line's segment in the loss curve's place, the
 * segment over the plot, and the first end f marked, at chart point
 * (a, b) (top). */
void draw_line(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_line_segment(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_line_mark(draw_ctx *ctx, const view *v, canvas_rect r, double a,
    double b);

/* draw_panel.c: stop at (from 0) of a tour of n, its title and its text
 * (lines joined by '\n', each wrapped), at the top of the panel r in at
 * most max rows; returns the rows it took. */
int draw_tour(draw_ctx *ctx, const char *title, const char *text, int at,
    int n, canvas_rect r, int max);

/* draw_map.c: the map over the plot (base, after the heatmap: the
 * stationary points go back on top) with its legend in place of the
 * colour bar. */
void draw_map(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *o);

/* draw_map.c: the map's summary and the survey's table (when it is of
 * the objective in view) at the panel's foot, over the loss curve and, if
 * they need the room, the racers (top, after the panel). */
void draw_map_panel(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *o);

/* draw_map.c: where the last survey's runs ended, a glyph each in its
 * method's colour (its number without colour), over the plot (top,
 * under the paths), when :ends is on and the survey is of the objective
 * and chart in view. */
void draw_survey_ends(draw_ctx *ctx, const view *v, canvas_rect r,
    const overlay *o);

/* draw_map.c, for figures: the smallest positive ratio of m (NaN: none);
 * the colour of pixel p (lo: that ratio), of label k, and of a ratio v
 * between lo and hi, as the overlay shows them. */
double draw_map_lowest(const sd_map *m);
uint32_t draw_map_color(const draw_ctx *ctx, const sd_map *m, size_t p,
    double lo);
uint32_t draw_map_label_color(const draw_ctx *ctx, const sd_map *m,
    size_t k);
uint32_t draw_map_ratio_color(const draw_ctx *ctx, double v, double lo,
    double hi);

#endif
