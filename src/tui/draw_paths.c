/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_paths.c: the racers' trajectories in braille dots over the plot,
 * each in its own colour (without colour, its own dash pattern), with the
 * current iterate marked. */
#include "config.h"

#include <stdio.h>

#include "dots.h"
#include "draw_parts.h"

/* Chart point (a, b) in the dot coordinates of plot r. */
static void
paths_dot(const view *v, canvas_rect r, double a, double b, double *x,
    double *y)
{
	const sd_window *w = &v->window;

	*x = (a - w->xmin) / (w->xmax - w->xmin) * 2 * r.w;
	*y = (w->ymax - b) / (w->ymax - w->ymin) * 4 * r.h;
}

/* One racer's path into the raster, in its colour and dash pattern. */
static void
paths_trace(dots *d, const view *v, canvas_rect r, const racer *rc,
    uint32_t color, uint16_t dash)
{
	double x0, y0, x1, y1, a, b;
	unsigned phase = 0;
	size_t i;

	if (rc->trace.n == 0)
		return;
	racer_at(rc, &v->chart, 0, &a, &b);
	paths_dot(v, r, a, b, &x0, &y0);
	dots_line(d, x0, y0, x0, y0, color);
	for (i = 1; i < rc->trace.n; i++) {
		racer_at(rc, &v->chart, i, &a, &b);
		paths_dot(v, r, a, b, &x1, &y1);
		dots_line_dashed(d, x0, y0, x1, y1, color, dash, &phase);
		x0 = x1;
		y0 = y1;
	}
}

/* The current iterate of racer k: a bullet in its colour, or its number
 * without colour. */
static void
paths_head(draw_ctx *ctx, const view *v, canvas_rect r, const racer *rc,
    int k)
{
	canvas_cell *c;
	char num[4];
	double a, b;
	int x, y;

	if (rc->trace.n == 0)
		return;
	racer_at(rc, &v->chart, rc->trace.n - 1, &a, &b);
	if (draw_cell(v, r, a, b, &x, &y) != 0 ||
	    (c = canvas_at(ctx->cv, x, y)) == NULL)
		return;
	if (ctx->depth == COLOR_NONE) {
		snprintf(num, sizeof num, "%d", (k + 1) % 10);
		canvas_set(ctx->cv, x, y, num, CANVAS_DEFAULT, CANVAS_DEFAULT,
		    CANVAS_REVERSE | CANVAS_BOLD);
		return;
	}
	canvas_set(ctx->cv, x, y, ctx->cv->ascii ? "@" : "◉",
	    draw_racer_color(ctx, k), dots_cell_background(c), CANVAS_BOLD);
}

void
draw_paths(draw_ctx *ctx, const view *v, canvas_rect r)
{
	dots d;
	int k;

	if (v->n_racers == 0 || dots_init(&d, r.w, r.h) != 0)
		return;
	for (k = 0; k < v->n_racers; k++)
		paths_trace(&d, v, r, v->racers[k], draw_racer_color(ctx, k),
		    draw_racer_dash(ctx, k));
	dots_blit(&d, ctx->cv, r.x, r.y);
	dots_done(&d);
	for (k = 0; k < v->n_racers; k++)
		paths_head(ctx, v, r, v->racers[k], k);
}
