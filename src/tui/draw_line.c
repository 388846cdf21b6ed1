/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_line.c: :line's segment, f along it in the panel's plot (in place
 * of the loss curve) with the stationary points it passes marked, and
 * the segment itself over the plot. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dots.h"
#include "draw_parts.h"

/* The width of the value labels left of the curve. */
#define LINE_LABEL_W	6

/* The lowest and highest finite f along the line (at least apart). */
static void
line_range(const view *v, double *lo, double *hi)
{
	size_t k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (k = 0; k < v->line.n; k++) {
		if (isfinite(v->line.f[k])) {
			*lo = fmin(*lo, v->line.f[k]);
			*hi = fmax(*hi, v->line.f[k]);
		}
	}
	if (!(*hi > *lo))
		*hi = *lo + 1;
}

/* The stationary points the segment passes, their glyphs at (t, f). */
static void
line_passes(draw_ctx *ctx, const view *v, canvas_rect c, double lo,
    double hi)
{
	const sd_point *p;
	double t;
	size_t i;

	for (i = 0; v->points_valid && i < v->points.n; i++) {
		p = &v->points.points[i];
		if (isnan(t = view_line_passes(v, i)) || !isfinite(p->f))
			continue;
		canvas_set(ctx->cv, c.x + (int)lround(t * (c.w - 1)),
		    c.y + (int)lround((hi - p->f) / (hi - lo) * (c.h - 1)),
		    draw_point_glyph(ctx, p->kind),
		    draw_fg(ctx, theme_point_color(ctx->th, p->kind)),
		    CANVAS_DEFAULT, CANVAS_BOLD);
	}
}

void
draw_line(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const uint32_t dim = draw_fg(ctx, ctx->th->dim);
	canvas_rect c = { r.x + LINE_LABEL_W, r.y + 1, r.w - LINE_LABEL_W,
	    r.h - 2 };
	const double sx = 2.0 * c.w - 1, sy = 4.0 * c.h - 1;
	double lo, hi, x0 = 0, y0 = 0, x1, y1;
	char buf[VIEW_CHART_NAME + 16];
	size_t k;
	dots d;

	snprintf(buf, sizeof buf, "f along %s", v->line.text);
	canvas_text(ctx->cv, r.x, r.y, r.w, buf, dim, CANVAS_DEFAULT, 0);
	if (r.h < 4 || c.w < 2 || dots_init(&d, c.w, c.h) != 0)
		return;
	line_range(v, &lo, &hi);
	canvas_text(ctx->cv, r.x, c.y, LINE_LABEL_W - 1,
	    draw_num(ctx, buf, sizeof buf, hi, 3), dim, CANVAS_DEFAULT, 0);
	canvas_text(ctx->cv, r.x, c.y + c.h - 1, LINE_LABEL_W - 1,
	    draw_num(ctx, buf, sizeof buf, lo, 3), dim, CANVAS_DEFAULT, 0);
	canvas_text(ctx->cv, c.x, r.y + r.h - 1, 3, "t 0", dim,
	    CANVAS_DEFAULT, 0);
	canvas_text(ctx->cv, c.x + c.w - 1, r.y + r.h - 1, 1, "1", dim,
	    CANVAS_DEFAULT, 0);
	for (k = 0; k < (size_t)c.h; k++)
		canvas_set(ctx->cv, c.x - 1, c.y + (int)k, ctx->cv->ascii ?
		    "|" : "│", draw_fg(ctx, ctx->th->border), CANVAS_DEFAULT, 0);
	for (k = 0; k < v->line.n; k++) {
		x1 = sx * (double)k / (double)(v->line.n - 1);
		y1 = sy * (hi - v->line.f[k]) / (hi - lo);
		if (k == 0)
			x0 = x1, y0 = y1;
		dots_line(&d, x0, y0, x1, y1, draw_fg(ctx, ctx->th->accent));
		x0 = x1;
		y0 = y1;
	}
	dots_blit(&d, ctx->cv, c.x, c.y);
	dots_done(&d);
	line_passes(ctx, v, c, lo, hi);
}

void
draw_line_segment(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const sd_window *w = &v->window;
	double a[2], b[2], x[2], y[2];
	dots d;
	int i;

	if (v->line.n == 0 || dots_init(&d, r.w, r.h) != 0)
		return;
	sd_chart_project(&v->chart, v->line.p, &a[0], &b[0], NULL);
	sd_chart_project(&v->chart, v->line.q, &a[1], &b[1], NULL);
	for (i = 0; i < 2; i++) {
		x[i] = (a[i] - w->xmin) / (w->xmax - w->xmin) * 2 * r.w;
		y[i] = (w->ymax - b[i]) / (w->ymax - w->ymin) * 4 * r.h;
	}
	dots_line(&d, x[0], y[0], x[1], y[1], draw_fg(ctx, ctx->th->accent));
	dots_blit(&d, ctx->cv, r.x, r.y);
	dots_done(&d);
	/* The points the segment joins stay in sight. */
	if (v->markers)
		draw_markers(ctx, v, r);
}

void
draw_line_mark(draw_ctx *ctx, const view *v, canvas_rect r, double a,
    double b)
{
	int x, y;

	if (draw_cell(v, r, a, b, &x, &y) == 0)
		canvas_set(ctx->cv, x, y, "P", draw_fg(ctx, ctx->th->accent),
		    ctx->depth == COLOR_NONE ? CANVAS_DEFAULT :
		    dots_cell_background(canvas_at(ctx->cv, x, y)),
		    CANVAS_BOLD | (ctx->depth == COLOR_NONE ? CANVAS_REVERSE :
		    0));
}
