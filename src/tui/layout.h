/* SPDX-License-Identifier: GPL-3.0-or-later */
/* layout.h: where each part of the frame goes for a terminal size.
 *
 *   title ─────────────────────────────────────────────────────────
 *   yaxis│plot (heatmap, points, paths)   │cbar labels│panel
 *        └xaxis ──────────────────────────┘           │ ...
 *         tick labels                                  │ loss curve
 *   status / command line ──────────────────────────────────────── */
#ifndef SADDLE_LAYOUT_H
#define SADDLE_LAYOUT_H

#include "canvas.h"

/* Below this size the frame cannot be drawn legibly. */
#define LAYOUT_MIN_COLS	72
#define LAYOUT_MIN_ROWS	20

typedef struct layout {
	int		too_small;	/* only the too-small message fits */
	canvas_rect	title;		/* top row */
	canvas_rect	yaxis;		/* labels and the axis line */
	canvas_rect	plot;		/* the heatmap's cells */
	canvas_rect	xaxis;		/* axis line and labels, 2 rows */
	canvas_rect	cbar;		/* colour bar and its labels */
	canvas_rect	panel;		/* side panel, border included */
	canvas_rect	loss;		/* loss curve, inside the panel */
	canvas_rect	status;		/* bottom row */
} layout;

/* Lay a cols × rows frame out. */
void layout_compute(layout *lay, int cols, int rows);

#endif
