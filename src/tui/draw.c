/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw.c: the drawing primitives (see draw.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "draw.h"

/* A colour whose channels differ by less than this is a grey. */
#define DRAW_GREY 0x20

/* Glyphs of the stationary points, UTF-8 then ASCII, by kind. */
static const char *const draw_point_glyphs[SD_POINT_KIND_COUNT][2] = {
	[SD_POINT_MIN] = { "●", "o" },
	[SD_POINT_MAX] = { "▲", "^" },
	[SD_POINT_SADDLE] = { "✕", "x" },
	[SD_POINT_DEGENERATE_MIN] = { "○", "u" },
	[SD_POINT_DEGENERATE_MAX] = { "△", "n" },
	[SD_POINT_DEGENERATE_SADDLE] = { "◇", "~" },
};

char *
draw_num(const draw_ctx *ctx, char *buf, size_t len, double v, int sig)
{
	char tmp[64];

	if (!isfinite(v)) {
		snprintf(buf, len, "undefined");
		return buf;
	}
	if (v == 0)
		v = 0;		/* no "-0" */
	snprintf(tmp, sizeof tmp, "%.*g", sig, v);
	if (tmp[0] == '-' && !ctx->cv->ascii)
		snprintf(buf, len, "−%s", tmp + 1);
	else
		snprintf(buf, len, "%s", tmp);
	return buf;
}

char *
draw_fixed(const draw_ctx *ctx, char *buf, size_t len, double v, double step)
{
	char tmp[64];
	int dec;

	if (!isfinite(v) || !(step > 0) || !isfinite(step))
		return draw_num(ctx, buf, len, v, 4);
	dec = (int)ceil(-log10(step) - 1e-9);
	if (dec < 0)
		dec = 0;
	if (fabs(v) >= 1e6 || dec > 9)
		return draw_num(ctx, buf, len, v, 6);
	if (fabs(v) < step * 1e-9)
		v = 0;		/* no "-0.00" */
	snprintf(tmp, sizeof tmp, "%.*f", dec, v);
	if (tmp[0] == '-' && !ctx->cv->ascii)
		snprintf(buf, len, "−%s", tmp + 1);
	else
		snprintf(buf, len, "%s", tmp);
	return buf;
}

int
draw_cell(const view *v, canvas_rect r, double a, double b, int *x, int *y)
{
	const sd_window *w = &v->window;
	double fx = (a - w->xmin) / (w->xmax - w->xmin) * r.w;
	double fy = (w->ymax - b) / (w->ymax - w->ymin) * r.h;

	if (!(fx >= 0 && fx <= r.w && fy >= 0 && fy <= r.h))
		return -1;
	*x = r.x + (fx >= r.w ? r.w - 1 : (int)fx);
	*y = r.y + (fy >= r.h ? r.h - 1 : (int)fy);
	return 0;
}

uint32_t
draw_band_color(const draw_ctx *ctx, const view *v, int k)
{
	if (k < 0)
		return ctx->th->undefined;
	return theme_palette(ctx->th, v->bands > 1 ?
	    (double)k / (v->bands - 1) : 0);
}

const char *
draw_point_glyph(const draw_ctx *ctx, sd_point_kind kind)
{
	return draw_point_glyphs[kind][ctx->cv->ascii ? 1 : 0];
}

uint32_t
draw_racer_color(const draw_ctx *ctx, int k)
{
	if (ctx->depth == COLOR_NONE)
		return CANVAS_DEFAULT;
	return ctx->th->paths[k % ctx->th->n_paths];
}

uint32_t
draw_fg(const draw_ctx *ctx, uint32_t c)
{
	int r = (int)(c >> 16 & 0xff), g = (int)(c >> 8 & 0xff);
	int b = (int)(c & 0xff), hi, lo;

	if (ctx->depth == COLOR_NONE || c == CANVAS_DEFAULT)
		return CANVAS_DEFAULT;
	/* Eight colours have no grey: the theme's greys (axes, border, dim
	 * text) would become black, unreadable on a dark terminal, or white
	 * on a light one; the terminal's own foreground reads on both. */
	hi = r > g ? (r > b ? r : b) : (g > b ? g : b);
	lo = r < g ? (r < b ? r : b) : (g < b ? g : b);
	if (ctx->depth == COLOR_8 && hi - lo < DRAW_GREY)
		return CANVAS_DEFAULT;
	return c;
}

void
draw_box(draw_ctx *ctx, canvas_rect b, uint32_t border)
{
	const int a = ctx->cv->ascii;
	int i;

	canvas_fill(ctx->cv, b, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	for (i = b.x + 1; i < b.x + b.w - 1; i++) {
		canvas_set(ctx->cv, i, b.y, a ? "-" : "─", border,
		    CANVAS_DEFAULT, 0);
		canvas_set(ctx->cv, i, b.y + b.h - 1, a ? "-" : "─", border,
		    CANVAS_DEFAULT, 0);
	}
	for (i = b.y + 1; i < b.y + b.h - 1; i++) {
		canvas_set(ctx->cv, b.x, i, a ? "|" : "│", border,
		    CANVAS_DEFAULT, 0);
		canvas_set(ctx->cv, b.x + b.w - 1, i, a ? "|" : "│", border,
		    CANVAS_DEFAULT, 0);
	}
	canvas_set(ctx->cv, b.x, b.y, a ? "+" : "╭", border, CANVAS_DEFAULT,
	    0);
	canvas_set(ctx->cv, b.x + b.w - 1, b.y, a ? "+" : "╮", border,
	    CANVAS_DEFAULT, 0);
	canvas_set(ctx->cv, b.x, b.y + b.h - 1, a ? "+" : "╰", border,
	    CANVAS_DEFAULT, 0);
	canvas_set(ctx->cv, b.x + b.w - 1, b.y + b.h - 1, a ? "+" : "╯",
	    border, CANVAS_DEFAULT, 0);
}
