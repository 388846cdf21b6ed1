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

/* Steps along the palette when looking for the terminal colours it
 * passes through. */
#define DRAW_PALETTE_STEPS 256

/* In n (8 or 16) colours: the terminal colours the theme's palette passes
 * through, in its order, each once where it lasts; returns how many (at
 * most max). */
static int
draw_palette_colors(const draw_ctx *ctx, int n, uint32_t *out, int max)
{
	int i, m = 0, idx, last = -1;

	for (i = 0; i < DRAW_PALETTE_STEPS && m < max; i++) {
		idx = color_to_ansi(theme_palette(ctx->th, (double)i /
		    (DRAW_PALETTE_STEPS - 1)), n);
		if (idx != last)
			out[m++] = color_of_index(idx);
		last = idx;
	}
	return m;
}

void
draw_band_pair(const draw_ctx *ctx, const view *v, int k, uint32_t pair[2])
{
	uint32_t c[16];
	int n, s, shades;

	pair[0] = pair[1] = draw_band_color(ctx, v, k);
	if (k < 0 || v->bands < 2 || (ctx->depth != COLOR_8 &&
	    ctx->depth != COLOR_16))
		return;
	n = draw_palette_colors(ctx, ctx->depth == COLOR_8 ? 8 : 16, c, 16);
	if (n < 2)
		return;
	/* Shade s: colour s/2, or the checker of (s − 1)/2 and (s + 1)/2. */
	shades = v->bands <= n ? n : 2 * n - 1;
	s = (int)lround((double)k * (shades - 1) / (v->bands - 1));
	if (shades == n)
		s *= 2;
	pair[0] = c[s / 2];
	pair[1] = c[(s + 1) / 2];
}

const char *
draw_point_glyph(const draw_ctx *ctx, sd_point_kind kind)
{
	return draw_point_glyphs[kind][ctx->cv->ascii ? 1 : 0];
}

/* Without colour, what tells racer k's path apart: a dash pattern of
 * its dots (draw_racer_dash) and the swatch the panel shows for it, in
 * UTF-8 and in ASCII. */
static const struct draw_racer_look {
	uint16_t	 dash;
	const char	*swatch[2];
} draw_racer_looks[] = {
	{ 0xffff, { "━━", "==" } },	/* solid */
	{ 0x5555, { "┈┈", ".." } },	/* every other dot */
	{ 0x0f0f, { "╍╍", "--" } },	/* dashes */
	{ 0x087f, { "━╸", "-." } },	/* dash and dot */
	{ 0x1111, { "··", ". " } },	/* sparse dots */
	{ 0x00ff, { "━ ", "- " } },	/* long dashes */
	{ 0x0333, { "┅┅", ":." } },	/* two short dashes and a gap */
	{ 0x3f3f, { "┉┉", "=-" } },	/* long dashes, short gaps */
};

#define DRAW_RACER_LOOKS \
	(int)(sizeof draw_racer_looks / sizeof *draw_racer_looks)

uint16_t
draw_racer_dash(const draw_ctx *ctx, int k)
{
	return ctx->depth == COLOR_NONE ?
	    draw_racer_looks[k % DRAW_RACER_LOOKS].dash : 0xffff;
}

const char *
draw_racer_swatch(const draw_ctx *ctx, int k)
{
	return draw_racer_looks[ctx->depth == COLOR_NONE ?
	    k % DRAW_RACER_LOOKS : 0].swatch[ctx->cv->ascii ? 1 : 0];
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
