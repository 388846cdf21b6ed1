/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_axes.c: the coordinate axes with ticks, and the colour bar with
 * the values of its levels. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw_parts.h"

/* A round tick step (1, 2 or 5 × 10^k) giving about target ticks. */
static double
axes_step(double range, int target)
{
	double raw = range / (target > 1 ? target : 1), mag, r;

	mag = pow(10, floor(log10(raw)));
	r = raw / mag;
	return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
}

/* v in at most width cells, with as many digits as fit. */
static int
axes_label(const draw_ctx *ctx, char *buf, size_t len, double v, int width)
{
	int sig;

	for (sig = 4; sig >= 1; sig--) {
		draw_num(ctx, buf, len, v, sig);
		if (canvas_text_width(ctx->cv, buf) <= width)
			return 0;
	}
	return -1;
}

/* A tick label: the decimals the step needs, in at most width cells. */
static int
axes_tick_label(const draw_ctx *ctx, char *buf, size_t len, double v,
    double step, int width)
{
	draw_fixed(ctx, buf, len, v, step);
	return canvas_text_width(ctx->cv, buf) <= width ? 0 : -1;
}

/* The tick value k·step, with rounding noise near zero removed. */
static double
axes_tick(double k, double step)
{
	double t = k * step;

	return fabs(t) < step * 1e-9 ? 0 : t;
}

/* The y axis: labels right-aligned against the axis line. */
static void
axes_y(draw_ctx *ctx, const view *v, canvas_rect ax)
{
	const sd_window *w = &v->window;
	double step = axes_step(w->ymax - w->ymin, ax.h / 3), k, t, fy;
	uint32_t line = draw_fg(ctx, ctx->th->border);
	const int a = ctx->cv->ascii, lx = ax.x + ax.w - 1;
	char buf[32];
	int y, tw;

	for (y = ax.y; y < ax.y + ax.h; y++)
		canvas_set(ctx->cv, lx, y, a ? "|" : "│", line, CANVAS_DEFAULT,
		    0);
	for (k = ceil(w->ymin / step); (t = axes_tick(k, step)) <= w->ymax;
	    k++) {
		fy = (w->ymax - t) / (w->ymax - w->ymin) * ax.h;
		y = ax.y + (fy >= ax.h ? ax.h - 1 : (int)fy);
		canvas_set(ctx->cv, lx, y, a ? "+" : "┤", line, CANVAS_DEFAULT,
		    0);
		if (axes_tick_label(ctx, buf, sizeof buf, t, step, ax.w - 2) !=
		    0)
			continue;
		tw = canvas_text_width(ctx->cv, buf);
		canvas_text(ctx->cv, lx - 1 - tw, y, tw, buf,
		    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
	}
}

/* The x axis: the line with ticks, and labels centred under them. */
static void
axes_x(draw_ctx *ctx, const view *v, canvas_rect ax, canvas_rect plot)
{
	const sd_window *w = &v->window;
	double step = axes_step(w->xmax - w->xmin, plot.w / 10), k, t, fx;
	uint32_t line = draw_fg(ctx, ctx->th->border);
	const int a = ctx->cv->ascii;
	int x, lx, tw, free_from = ax.x;
	char buf[32];

	for (x = plot.x; x < plot.x + plot.w; x++)
		canvas_set(ctx->cv, x, ax.y, a ? "-" : "─", line,
		    CANVAS_DEFAULT, 0);
	canvas_set(ctx->cv, ax.x, ax.y, a ? "+" : "└", line, CANVAS_DEFAULT,
	    0);
	for (k = ceil(w->xmin / step); (t = axes_tick(k, step)) <= w->xmax;
	    k++) {
		fx = (t - w->xmin) / (w->xmax - w->xmin) * plot.w;
		x = plot.x + (fx >= plot.w ? plot.w - 1 : (int)fx);
		canvas_set(ctx->cv, x, ax.y, a ? "+" : "┬", line,
		    CANVAS_DEFAULT, 0);
		if (axes_tick_label(ctx, buf, sizeof buf, t, step, 10) != 0)
			continue;
		tw = canvas_text_width(ctx->cv, buf);
		lx = x - (tw - 1) / 2;
		if (lx + tw > plot.x + plot.w + 2)
			lx = plot.x + plot.w + 2 - tw;
		if (lx < free_from)
			continue;
		canvas_text(ctx->cv, lx, ax.y + 1, tw, buf,
		    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
		free_from = lx + tw + 1;
	}
}

void
draw_axes(draw_ctx *ctx, const view *v, const layout *lay)
{
	axes_y(ctx, v, lay->yaxis);
	axes_x(ctx, v, lay->xaxis, lay->plot);
}

/* The band a colour-bar pixel row shows (top is the highest band). */
static int
colorbar_band(const view *v, int pixel, int pixels)
{
	int k = (int)((1 - (pixel + 0.5) / pixels) * v->bands);

	return k >= v->bands ? v->bands - 1 : k < 0 ? 0 : k;
}

/* The bar itself: two cells wide, two pixels per row. */
static void
colorbar_bar(draw_ctx *ctx, const view *v, canvas_rect r, int x)
{
	const int ramp = (int)sizeof COLOR_RAMP - 1, px = 2 * r.h;
	uint32_t top, bot, tp[2], bp[2];
	char glyph[2] = { 0, 0 };
	int y, i, k;

	for (y = 0; y < r.h; y++) {
		if (ctx->depth == COLOR_NONE) {
			k = colorbar_band(v, 2 * y, px) * ramp / v->bands;
			glyph[0] = COLOR_RAMP[k];
			for (i = 0; i < 2; i++)
				canvas_set(ctx->cv, x + i, r.y + y, glyph,
				    CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
			continue;
		}
		draw_band_pair(ctx, v, colorbar_band(v, 2 * y, px), tp);
		draw_band_pair(ctx, v, colorbar_band(v, 2 * y + 1, px), bp);
		for (i = 0; i < 2; i++) {
			/* Sample (i, 2y) and (i, 2y + 1), as the heatmap's. */
			top = tp[i & 1];
			bot = bp[(i + 1) & 1];
			if (top == bot || ctx->cv->ascii)
				canvas_set(ctx->cv, x + i, r.y + y, " ",
				    CANVAS_DEFAULT, top, 0);
			else
				canvas_set(ctx->cv, x + i, r.y + y, "▀", top,
				    bot, 0);
		}
	}
}

/* The row of the bar where level boundary k is. */
static int
colorbar_row(const view *v, int k, int h)
{
	double fy = (1 - (double)k / v->bands) * h;

	return k == 0 ? h - 1 : fy >= h ? h - 1 : (int)fy;
}

/* Label boundary k on row y, marked with the glyph of the stationary
 * point it passes through (critical levels) in the gap beside the bar. */
static int
colorbar_label(draw_ctx *ctx, const view *v, canvas_rect r, int k, int y)
{
	const int x = r.x + 2, lx = x + 3, lw = r.x + r.w - lx;
	const int kind = view_level_kind(v, k);
	char buf[32];

	if (axes_label(ctx, buf, sizeof buf, view_level_value(v,
	    (double)k / v->bands), lw) != 0)
		return -1;
	if (kind >= 0)
		canvas_text(ctx->cv, x + 2, r.y + y, 1,
		    draw_point_glyph(ctx, (sd_point_kind)kind),
		    draw_fg(ctx, theme_point_color(ctx->th, (sd_point_kind)kind)),
		    CANVAS_DEFAULT, 0);
	canvas_text(ctx->cv, lx, r.y + y, lw, buf, draw_fg(ctx, kind >= 0 ?
	    ctx->th->text : ctx->th->dim), CANVAS_DEFAULT, 0);
	return 0;
}

void
draw_colorbar(draw_ctx *ctx, const view *v, canvas_rect r)
{
	unsigned char taken[VIEW_BANDS_MAX + 1] = { 0 };
	int k, y, rows[VIEW_BANDS_MAX + 1], pass, near;

	if (!v->field.valid || v->field.n_finite == 0 || r.h < 2)
		return;
	colorbar_bar(ctx, v, r, r.x + 2);
	/* Labels at the level boundaries, never on neighbouring rows: the
	 * stationary values first, then the lowest value (always on the
	 * bottom row), then the rest from the top down. */
	for (k = 0; k <= v->bands; k++)
		rows[k] = colorbar_row(v, k, r.h);
	for (pass = 0; pass < 3; pass++) {
		for (k = v->bands; k >= 0; k--) {
			if (taken[k] || (pass == 0) != (view_level_kind(v, k) >=
			    0) || (pass == 1 && k != 0))
				continue;
			if (pass == 2 && rows[k] >= r.h - 2)
				continue;
			for (near = 0, y = 0; y <= v->bands; y++)
				near |= taken[y] && abs(rows[y] - rows[k]) <= 1;
			if (near && pass != 1)
				continue;
			if (colorbar_label(ctx, v, r, k, rows[k]) == 0)
				taken[k] = 1;
		}
	}
}
