/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_view.h: the parts of a view's figure (fig_field.c), which
 * fig_view.c lays out. */
#ifndef SADDLE_FIG_VIEW_H
#define SADDLE_FIG_VIEW_H

#include "figure_impl.h"

/* Where the parts of a figure go: the plot, the colour bar (or the
 * map's legend), the legend, the loss plot. */
typedef struct fig_layout {
	fig_rect	plot, cbar, legend, loss;
	int		has_loss;
} fig_layout;

/* Lay a figure of window win out (with the loss plot when loss). */
void fig_layout_compute(fig_layout *l, const fig *f, const sd_window *win,
    int loss);

/* The field as an image over plot r. */
void fig_heatmap(fig *f, const view *v, fig_rect r);

/* The contour lines at the frame's levels (when v shows them). */
void fig_contours(fig *f, const view *v, fig_rect r);

/* The colour bar in r with its level values to its right. */
void fig_colorbar(fig *f, const view *v, fig_rect r);

/* The racers' paths over plot r, start and end marked. */
void fig_paths(fig *f, const view *v, fig_rect r);

/* The loss curve of every racer in r (f − f*, log scale, by step). */
void fig_loss(fig *f, const view *v, fig_rect r);

#endif
