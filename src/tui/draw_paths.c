/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_paths.c: the racers' trajectories in braille dots over the plot,
 * each in its own colour (without colour, its own dash pattern), with the
 * current iterate marked. Each racer's dots are kept from frame to frame
 * (trail.h): a frame draws only the steps taken since the one before. */
#include "config.h"

#include <stdio.h>

#include "dots.h"
#include "draw_parts.h"
#include "trail.h"

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
	const racer *rc;
	dots d;
	int k;

	if (v->n_racers == 0 || dots_init(&d, r.w, r.h) != 0)
		return;
	/* One after another, as if drawn into one raster: a cell shows the
	 * colour of the last racer through it. */
	for (k = 0; k < v->n_racers; k++) {
		rc = v->racers[k];
		if (rc->trace.n == 0)
			continue;
		if (trail_draw(rc->trail, rc, &v->chart, &v->window, r.w, r.h,
		    draw_racer_color(ctx, k), draw_racer_dash(ctx, k),
		    ctx->deadline) == 0)
			ctx->partial = 1;
		dots_overlay(&d, trail_dots(rc->trail));
	}
	dots_blit(&d, ctx->cv, r.x, r.y);
	dots_done(&d);
	for (k = 0; k < v->n_racers; k++)
		paths_head(ctx, v, r, v->racers[k], k);
}
