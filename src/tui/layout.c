/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout.c: splitting the frame into its parts (see layout.h). */
#include "config.h"

#include <string.h>

#include "layout.h"

/* Widths of the fixed columns. */
#define LAYOUT_YAXIS	8	/* "−5.12" and the axis line */
#define LAYOUT_CBAR	12	/* gap, 2-cell bar, gap, labels */
#define LAYOUT_PANEL_MIN 32
#define LAYOUT_PANEL_MAX 46

/* Clamp v to [lo, hi]. */
static int
layout_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void
layout_compute(layout *lay, int cols, int rows)
{
	int panel_w, plot_h, loss_h;

	memset(lay, 0, sizeof *lay);
	if (cols < LAYOUT_MIN_COLS || rows < LAYOUT_MIN_ROWS) {
		lay->too_small = 1;
		return;
	}
	panel_w = layout_clamp(cols * 3 / 10, LAYOUT_PANEL_MIN,
	    LAYOUT_PANEL_MAX);
	plot_h = rows - 4;	/* title, two axis rows, status */
	lay->title = (canvas_rect){ 0, 0, cols, 1 };
	lay->status = (canvas_rect){ 0, rows - 1, cols, 1 };
	lay->yaxis = (canvas_rect){ 0, 1, LAYOUT_YAXIS, plot_h };
	lay->plot = (canvas_rect){ LAYOUT_YAXIS, 1,
	    cols - LAYOUT_YAXIS - LAYOUT_CBAR - panel_w, plot_h };
	lay->xaxis = (canvas_rect){ LAYOUT_YAXIS - 1, 1 + plot_h,
	    lay->plot.w + 1, 2 };
	lay->cbar = (canvas_rect){ lay->plot.x + lay->plot.w, 1, LAYOUT_CBAR,
	    plot_h };
	lay->panel = (canvas_rect){ cols - panel_w, 1, panel_w, rows - 2 };
	loss_h = layout_clamp(lay->panel.h / 3, 6, 14);
	lay->loss = (canvas_rect){ lay->panel.x + 2,
	    lay->panel.y + lay->panel.h - loss_h, panel_w - 3, loss_h };
}
