/* draw.h: painting a view into a canvas.
 *
 * The same functions draw the TUI's frames and `saddle render`'s single
 * frame; none of them knows about curses or output. A frame has two
 * layers: the base (heatmap, iso-lines, gradient arrows, stationary
 * points, axes, colour bar), which changes only with the view's window,
 * objective, levels or theme, and the top (cursor, paths, panel, title,
 * status and overlays), which changes at every step. The TUI keeps the
 * base in its own canvas and copies it under each new top. */
#ifndef SADDLE_DRAW_H
#define SADDLE_DRAW_H

#include <stddef.h>

#include "canvas.h"
#include "color.h"
#include "layout.h"
#include "theme.h"
#include "view.h"

typedef struct draw_ctx {
	canvas		*cv;		/* borrowed */
	const theme	*th;		/* borrowed */
	color_depth	 depth;
} draw_ctx;

/* One line of the help overlay: a key and what it does. */
typedef struct draw_help {
	const char	*keys;
	const char	*what;
} draw_help;

/* What the front end adds on top of the view. */
typedef struct draw_ui {
	int			 cursor;	/* show the cursor cross */
	int			 playing;	/* the animation runs */
	double			 speed;		/* steps per second */
	const char		*message;	/* status text, or NULL */
	int			 error;		/* message is an error */
	const char		*command;	/* the ':' line, or NULL */
	int			 command_pos;	/* cursor in command (bytes) */
	const char *const	*candidates;	/* completions, or NULL */
	int			 n_candidates;
	int			 candidate;	/* the one shown, or -1 */
	const draw_help		*help;		/* the overlay, or NULL */
	int			 n_help;
} draw_ui;

/* The whole frame: layout, base and top (or the too-small message). */
void draw_frame(draw_ctx *ctx, const view *v, const draw_ui *ui);

/* The base layer alone. */
void draw_base(draw_ctx *ctx, const view *v, const layout *lay);

/* The top layer alone, over whatever the canvas holds. */
void draw_top(draw_ctx *ctx, const view *v, const layout *lay,
    const draw_ui *ui);

/* The samples the field needs for a plot rectangle: one per column, two
 * per row (half blocks). */
void draw_field_size(const layout *lay, size_t *cols, size_t *rows);

/* The modules the layers are made of. */
void draw_heatmap(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_arrows(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_markers(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_axes(draw_ctx *ctx, const view *v, const layout *lay);
void draw_colorbar(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_paths(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_cursor(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_panel(draw_ctx *ctx, const view *v, canvas_rect r,
    canvas_rect loss);
void draw_loss(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_title(draw_ctx *ctx, const view *v, canvas_rect r);
void draw_status(draw_ctx *ctx, canvas_rect r, const draw_ui *ui);
void draw_help_overlay(draw_ctx *ctx, const draw_ui *ui);
void draw_too_small(draw_ctx *ctx);

/* Shared helpers. */

/* v with sig significant digits, "−" for minus in UTF-8, "undefined" for
 * NaN or ±∞; returns buf. */
char *draw_num(const draw_ctx *ctx, char *buf, size_t len, double v,
    int sig);

/* v with as many decimals as a resolution of step needs (a coordinate on
 * an axis, or under the cursor), "−" for minus in UTF-8; returns buf. */
char *draw_fixed(const draw_ctx *ctx, char *buf, size_t len, double v,
    double step);

/* The cell of chart point (a, b) in plot rectangle r; -1 when outside. */
int draw_cell(const view *v, canvas_rect r, double a, double b, int *x,
    int *y);

/* The colour of band k. */
uint32_t draw_band_color(const draw_ctx *ctx, const view *v, int k);

/* The glyph (UTF-8 or ASCII) of a kind of stationary point. */
const char *draw_point_glyph(const draw_ctx *ctx, sd_point_kind kind);

/* The colour of racer k. */
uint32_t draw_racer_color(const draw_ctx *ctx, int k);

/* Text colours (CANVAS_DEFAULT when there is no colour). */
uint32_t draw_fg(const draw_ctx *ctx, uint32_t c);

#endif
