/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_heatmap.c: the plot: filled contour bands in half blocks with
 * iso-lines, the gradient-arrow field (direction and, by weight,
 * magnitude), the stationary points and the cursor. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dots.h"
#include "draw_parts.h"

/* Columns and rows between two gradient arrows. */
#define ARROW_DX 6
#define ARROW_DY 3

/* π, which strict C11 does not name. */
#define ARROW_PI 3.14159265358979323846

/* Descent directions by octant, counter-clockwise from east: light
 * arrows, and heavy ones for the steepest. */
static const char *const draw_arrow_glyphs[2][8] = {
	{ "→", "↗", "↑", "↖", "←", "↙", "↓", "↘" },
	{ "⇒", "⇗", "⇑", "⇖", "⇐", "⇙", "⇓", "⇘" },
};

/* An arrow's weight by |∇f| in the slice against the largest of the
 * arrows in view: heavy from a third of it, plain from a thirtieth, faint
 * below (a decade and a half apart, so that a well's floor, a slope and
 * a cliff read as three weights). */
#define ARROW_HEAVY	(1.0 / 3)
#define ARROW_PLAIN	(1.0 / 30)

void
draw_field_size(const layout *lay, size_t *cols, size_t *rows)
{
	*cols = (size_t)lay->plot.w;
	*rows = 2 * (size_t)lay->plot.h;
}

/* The band of every sample, or NULL when out of memory. */
static int *
heatmap_bands(const view *v)
{
	const sd_field *fd = &v->field;
	size_t k, n = fd->cols * fd->rows;
	int *band;

	if ((band = malloc((n ? n : 1) * sizeof *band)) == NULL)
		return NULL;
	for (k = 0; k < n; k++)
		band[k] = view_band(v, fd->f[k]);
	return band;
}

int
draw_band_edge(const int *band, size_t cols, size_t rows, size_t i,
    size_t j)
{
	int b = band[j * cols + i];

	if (b < 0)
		return 0;
	return (i > 0 && band[j * cols + i - 1] >= 0 &&
	    band[j * cols + i - 1] < b) ||
	    (i + 1 < cols && band[j * cols + i + 1] >= 0 &&
	    band[j * cols + i + 1] < b) ||
	    (j > 0 && band[(j - 1) * cols + i] >= 0 &&
	    band[(j - 1) * cols + i] < b) ||
	    (j + 1 < rows && band[(j + 1) * cols + i] >= 0 &&
	    band[(j + 1) * cols + i] < b);
}

/* The colours of the bands, filled and on an iso-line, each a pair that
 * samples alternate between (draw_band_pair: a checker in 8 and 16
 * colours, else twice the same); [0] is for undefined samples (band
 * −1). */
typedef struct heatmap_colors {
	uint32_t	fill[VIEW_BANDS_MAX + 1][2];
	uint32_t	line[VIEW_BANDS_MAX + 1][2];
} heatmap_colors;

/* Work every band's colours out once per drawing. */
static void
heatmap_palette(draw_ctx *ctx, const view *v, heatmap_colors *hc)
{
	int k, i;

	for (k = -1; k < v->bands; k++) {
		draw_band_pair(ctx, v, k, hc->fill[k + 1]);
		for (i = 0; i < 2; i++)
			hc->line[k + 1][i] = color_mix(hc->fill[k + 1][i],
			    ctx->th->contour, ctx->th->contour_mix / 100.0);
	}
}

/* The colour of sample (i, j). */
static uint32_t
heatmap_color(const view *v, const heatmap_colors *hc, const int *band,
    size_t i, size_t j)
{
	const sd_field *fd = &v->field;
	int b = band[j * fd->cols + i] + 1;

	if (v->contours && draw_band_edge(band, fd->cols, fd->rows, i, j))
		return hc->line[b][(i + j) & 1];
	return hc->fill[b][(i + j) & 1];
}

/* One cell of the monochrome heatmap: the density ramp at the mean band
 * of its two samples. */
static void
heatmap_mono_cell(draw_ctx *ctx, const view *v, const int *band, int x,
    int y, size_t i, size_t j)
{
	const size_t cols = v->field.cols;
	int top = band[j * cols + i], bot = band[(j + 1) * cols + i], k;
	char glyph[2] = { ' ', '\0' };
	const int ramp = (int)sizeof COLOR_RAMP - 1;

	if (top >= 0 && bot >= 0) {
		k = (top + bot) * ramp / (2 * v->bands);
		glyph[0] = COLOR_RAMP[k >= ramp ? ramp - 1 : k];
	} else {
		/* Hatched, so that undefined never reads as the lowest band. */
		glyph[0] = '/';
	}
	canvas_set(ctx->cv, x, y, glyph, CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
}

void
draw_heatmap(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const sd_field *fd = &v->field;
	heatmap_colors hc;
	uint32_t top, bot;
	int *band, x, y;
	size_t i, j;

	if (!fd->valid) {
		/* Sampled on a job (app.h): said, not left blank. */
		canvas_text(ctx->cv, r.x + (r.w - 10) / 2, r.y + r.h / 2,
		    r.w, "computing…", draw_fg(ctx, ctx->th->dim),
		    CANVAS_DEFAULT, 0);
		return;
	}
	if (fd->cols != (size_t)r.w || fd->rows != 2 * (size_t)r.h ||
	    (band = heatmap_bands(v)) == NULL)
		return;
	heatmap_palette(ctx, v, &hc);
	for (y = 0; y < r.h; y++) {
		j = 2 * (size_t)y;
		for (x = 0; x < r.w; x++) {
			i = (size_t)x;
			if (ctx->depth == COLOR_NONE) {
				heatmap_mono_cell(ctx, v, band, r.x + x,
				    r.y + y, i, j);
				continue;
			}
			top = heatmap_color(v, &hc, band, i, j);
			bot = heatmap_color(v, &hc, band, i, j + 1);
			if (ctx->cv->ascii)
				top = bot = color_mix(top, bot, 0.5);
			if (top == bot)
				canvas_set(ctx->cv, r.x + x, r.y + y, " ",
				    CANVAS_DEFAULT, top, 0);
			else
				canvas_set(ctx->cv, r.x + x, r.y + y, "▀", top,
				    bot, 0);
		}
	}
	free(band);
}

uint32_t
draw_contrast(const draw_ctx *ctx, uint32_t bg)
{
	if (ctx->depth == COLOR_NONE)
		return CANVAS_DEFAULT;
	return color_luma(bg) > 0.45 ? color_mix(bg, 0x000000, 0.75) :
	    color_mix(bg, 0xffffff, 0.75);
}

/* The gradient in the slice at chart point (a, b), as chart components
 * into g2 (x and g: work of the chart's dimension). */
static void
arrow_gradient(const view *v, double a, double b, double *x, double *g,
    double g2[2])
{
	size_t k;

	sd_chart_lift(&v->chart, a, b, x);
	sd_objective_rgradient(v->obj, x, g);
	g2[0] = g2[1] = 0;
	for (k = 0; k < v->chart.dim; k++) {
		g2[0] += g[k] * v->chart.u[k];
		g2[1] += g[k] * v->chart.v[k];
	}
}

/* The descent arrow for a gradient g2 (chart components) on a plot of
 * r's size, heavy or light. */
static const char *
arrow_glyph(const view *v, canvas_rect r, const double g2[2], int heavy)
{
	double sx, sy;
	int oct;

	/* Screen units: a cell is one unit wide and two tall. */
	sx = -g2[0] * (v->window.xmax - v->window.xmin) / r.w;
	sy = -g2[1] * (v->window.ymax - v->window.ymin) / (2.0 * r.h);
	if (!isfinite(sx) || !isfinite(sy) || (sx == 0 && sy == 0))
		return "·";
	oct = (int)lround(atan2(sy, sx) / (ARROW_PI / 4));
	return draw_arrow_glyphs[heavy][(oct + 8) % 8];
}

/* One arrow of weight w (|∇f| over the largest in view) at cell (x, y),
 * over what is drawn there. */
static void
arrow_put(draw_ctx *ctx, const view *v, canvas_rect r, int x, int y,
    const double g2[2], double w)
{
	canvas_cell *c = canvas_at(ctx->cv, x, y);
	uint32_t bg, fg;

	if (c == NULL)
		return;
	bg = dots_cell_background(c);
	fg = draw_contrast(ctx, bg);
	/* Faint: halfway to the background; without colour, dim. */
	if (!(w >= ARROW_PLAIN) && ctx->depth != COLOR_NONE)
		fg = color_mix(fg, bg, 0.5);
	canvas_set(ctx->cv, x, y, arrow_glyph(v, r, g2, w >= ARROW_HEAVY), fg,
	    bg, w >= ARROW_HEAVY ? CANVAS_BOLD : w >= ARROW_PLAIN ? 0 :
	    CANVAS_DIM);
}

void
draw_arrows(draw_ctx *ctx, const view *v, canvas_rect r)
{
	/* Cells ARROW_DX/2 + i·ARROW_DX inside the plot, and so for rows. */
	const int nx = (r.w - ARROW_DX / 2 + ARROW_DX - 1) / ARROW_DX;
	const int ny = (r.h - ARROW_DY / 2 + ARROW_DY - 1) / ARROW_DY;
	const double cw = (v->window.xmax - v->window.xmin) / r.w;
	const double ch = (v->window.ymax - v->window.ymin) / r.h;
	double *x, *g, *g2, *p, most = 0;
	int i, j;

	if (nx <= 0 || ny <= 0 || (x = malloc((2 * v->chart.dim + 2 *
	    (size_t)nx * (size_t)ny) * sizeof *x)) == NULL)
		return;
	g = x + v->chart.dim;
	g2 = g + v->chart.dim;
	for (j = 0, p = g2; j < ny; j++) {
		for (i = 0; i < nx; i++, p += 2) {
			arrow_gradient(v, v->window.xmin + (ARROW_DX / 2 +
			    i * ARROW_DX + 0.5) * cw, v->window.ymax -
			    (ARROW_DY / 2 + j * ARROW_DY + 0.5) * ch, x, g, p);
			if (isfinite(hypot(p[0], p[1])))
				most = fmax(most, hypot(p[0], p[1]));
		}
	}
	for (j = 0, p = g2; j < ny; j++)
		for (i = 0; i < nx; i++, p += 2)
			arrow_put(ctx, v, r, r.x + ARROW_DX / 2 + i * ARROW_DX,
			    r.y + ARROW_DY / 2 + j * ARROW_DY, p,
			    hypot(p[0], p[1]) / most);
	free(x);
}

void
draw_markers(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const sd_point *p;
	canvas_cell *c;
	size_t i;
	int x, y;

	for (i = 0; v->points_valid && i < v->points.n; i++) {
		p = &v->points.points[i];
		if (draw_cell(v, r, p->a, p->b, &x, &y) != 0 ||
		    (c = canvas_at(ctx->cv, x, y)) == NULL)
			continue;
		/* Points beside the slice (--all) are dim: the plot shows
		 * where they project, not f there. */
		canvas_set(ctx->cv, x, y, draw_point_glyph(ctx, p->kind),
		    draw_fg(ctx, theme_point_color(ctx->th, p->kind)),
		    ctx->depth == COLOR_NONE ? CANVAS_DEFAULT :
		    dots_cell_background(c), view_off_slice(v, p->offset) ?
		    CANVAS_DIM : CANVAS_BOLD);
	}
}

void
draw_cursor(draw_ctx *ctx, const view *v, canvas_rect r)
{
	canvas_cell *c;
	int x, y;

	if (draw_cell(v, r, v->cur_a, v->cur_b, &x, &y) != 0 ||
	    (c = canvas_at(ctx->cv, x, y)) == NULL)
		return;
	/* Without colour, a glyph the density ramp does not use, so that
	 * the cursor never hides in a band of '+' (ASCII has none better). */
	if (ctx->depth == COLOR_NONE) {
		canvas_set(ctx->cv, x, y, canvas_has(ctx->cv, "╋") ? "╋" : "+",
		    CANVAS_DEFAULT, CANVAS_DEFAULT, CANVAS_REVERSE | CANVAS_BOLD);
		return;
	}
	canvas_set(ctx->cv, x, y, ctx->cv->ascii ? "+" : "╋", ctx->th->cursor,
	    dots_cell_background(c), CANVAS_BOLD);
}
