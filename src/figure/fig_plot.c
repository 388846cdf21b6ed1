/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_plot.c: what a figure's plot holds: the field as an image, the
 * contour lines, the stationary points and the racers' paths (see
 * figure_impl.h). */
#include "config.h"

#include <math.h>

#include "figure_impl.h"

/* The marker shapes: the TUI's glyphs ● ▲ ✕ ○ △ ◇ as outlines; hollow
 * kinds are rings (an even-odd fill of the shape and a smaller copy), so
 * that every marker is one filled shape in its kind's colour. */
typedef enum fig_shape { SHAPE_CIRCLE, SHAPE_TRIANGLE, SHAPE_CROSS,
    SHAPE_DIAMOND } fig_shape;

static const struct {
	fig_shape	shape;
	int		hollow;
} fig_kinds[SD_POINT_KIND_COUNT] = {
	[SD_POINT_MIN] = { SHAPE_CIRCLE, 0 },
	[SD_POINT_MAX] = { SHAPE_TRIANGLE, 0 },
	[SD_POINT_SADDLE] = { SHAPE_CROSS, 0 },
	[SD_POINT_DEGENERATE_MIN] = { SHAPE_CIRCLE, 1 },
	[SD_POINT_DEGENERATE_MAX] = { SHAPE_TRIANGLE, 1 },
	[SD_POINT_DEGENERATE_SADDLE] = { SHAPE_DIAMOND, 1 },
};

/* The outline of shape at (x, y), radius s, as a new sub-path. */
static void
fig_shape_path(cairo_t *cr, fig_shape shape, double x, double y, double s)
{
	static const double cross[12][2] = {
		{ 0, -0.3 }, { 0.7, -1 }, { 1, -0.7 }, { 0.3, 0 }, { 1, 0.7 },
		{ 0.7, 1 }, { 0, 0.3 }, { -0.7, 1 }, { -1, 0.7 }, { -0.3, 0 },
		{ -1, -0.7 }, { -0.7, -1 } };
	int k;

	cairo_new_sub_path(cr);
	switch (shape) {
	case SHAPE_CIRCLE:
		cairo_arc(cr, x, y, 0.8 * s, 0, 2 * M_PI);
		break;
	case SHAPE_TRIANGLE:
		cairo_move_to(cr, x, y - s);
		cairo_line_to(cr, x + 0.95 * s, y + 0.7 * s);
		cairo_line_to(cr, x - 0.95 * s, y + 0.7 * s);
		break;
	case SHAPE_CROSS:
		cairo_move_to(cr, x + 0.8 * s * cross[0][0], y + 0.8 * s *
		    cross[0][1]);
		for (k = 1; k < 12; k++)
			cairo_line_to(cr, x + 0.8 * s * cross[k][0], y + 0.8 *
			    s * cross[k][1]);
		break;
	case SHAPE_DIAMOND:
		cairo_move_to(cr, x, y - s);
		cairo_line_to(cr, x + s, y);
		cairo_line_to(cr, x, y + s);
		cairo_line_to(cr, x - s, y);
		break;
	}
	cairo_close_path(cr);
}

void
fig_marker(fig *f, sd_point_kind kind, double x, double y, double s)
{
	cairo_t *cr = f->cr;

	fig_shape_path(cr, fig_kinds[kind].shape, x, y, s);
	if (fig_kinds[kind].hollow) {
		fig_shape_path(cr, fig_kinds[kind].shape, x, y, 0.45 * s);
		cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
	}
	fig_color(f, theme_point_color(f->th, kind), 1);
	cairo_fill_preserve(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	fig_color(f, FIG_INK, 1);
	cairo_set_line_width(cr, f->fs / 14);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	cairo_stroke(cr);
}

void
fig_points(fig *f, const view *v, const sd_point_list *pts, fig_rect r,
    const sd_window *w)
{
	const sd_point *p;
	double x, y;
	size_t i;

	for (i = 0; i < pts->n; i++) {
		p = &pts->points[i];
		fig_at(r, w, p->a, p->b, &x, &y);
		if (!(x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h))
			continue;
		/* Points beside the slice (--all) are faded, as the TUI
		 * dims them: the plot shows where they project. */
		if (v != NULL && view_off_slice(v, p->offset))
			cairo_push_group(f->cr);
		fig_marker(f, p->kind, x, y, 0.55 * f->fs);
		if (v != NULL && view_off_slice(v, p->offset)) {
			cairo_pop_group_to_source(f->cr);
			cairo_paint_with_alpha(f->cr, 0.45);
		}
	}
}
