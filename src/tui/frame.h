/* SPDX-License-Identifier: GPL-3.0-or-later */
/* frame.h: the whole frame, composed from its parts (draw_parts.h) where
 * the layout puts them, with the title, the status or command line, the
 * help overlay and, on a terminal too small, a message instead.
 *
 * A frame has two layers: the base (heatmap, iso-lines, gradient arrows,
 * stationary points, axes, colour bar, or the map and its legend), which
 * changes only with the view's window, objective, levels, theme or map,
 * and the top (cursor, paths, title, panel, status and overlays), which
 * changes at every step. The TUI keeps the base in a canvas of its own
 * and copies it under each new top; `saddle render` draws both at once
 * (frame_draw). */
#ifndef SADDLE_FRAME_H
#define SADDLE_FRAME_H

#include "draw.h"
#include "layout.h"
#include "overlay.h"
#include "view.h"

/* One line of the help overlay: a key and what it does. */
typedef struct frame_help {
	const char	*keys;
	const char	*what;
} frame_help;

/* What the front end adds on top of the view. */
typedef struct frame_ui {
	int			 cursor;	/* show the cursor cross */
	int			 marked;	/* show a line's first end */
	double			 mark_a, mark_b;	/* there */
	int			 playing;	/* the animation runs */
	double			 speed;		/* steps per second */
	const char		*message;	/* status text, or NULL */
	int			 error;		/* message is an error */
	const char		*busy;		/* the work under way and its
						 * progress, or NULL */
	const char		*command;	/* the ':' line, or NULL */
	int			 command_pos;	/* cursor in command (bytes) */
	const char *const	*candidates;	/* completions, or NULL */
	int			 n_candidates;
	int			 candidate;	/* the one shown, or -1 */
	const frame_help	*help;		/* the overlay, or NULL */
	int			 n_help;
	int			 help_page;	/* the page shown, from 0 */
	const char		*tour_title;	/* a tour's stop, or NULL */
	const char		*tour_text;	/* its lines, '\n' between */
	int			 tour_at, tour_n;	/* its place, from 0 */
	const char		*help_title;	/* its box's title */
	const char		*help_foot;	/* and its last page's foot */
} frame_ui;

/* The whole frame without an overlay: layout, base and top, or the
 * too-small message. */
void frame_draw(draw_ctx *ctx, const view *v, const frame_ui *ui);

/* The base layer alone; ov (NULL: none) may put its map over the plot. */
void frame_base(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *ov);

/* The top layer alone, over whatever the canvas holds; ov (NULL: none)
 * may put its summary at the panel's foot. The help overlay, when ui
 * asks for it, comes last, over everything. */
void frame_top(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *ov, const frame_ui *ui);

/* frame_help.c: how many pages ui's help overlay takes on cv (space
 * turns them, any other key closes the overlay), and the overlay's page
 * ui->help_page drawn over everything (frame_top calls it). */
int frame_help_pages(const canvas *cv, const frame_ui *ui);
void frame_help_overlay(draw_ctx *ctx, const frame_ui *ui);

/* The message that replaces the frame below the layout's minimum. */
void frame_too_small(draw_ctx *ctx);

#endif
