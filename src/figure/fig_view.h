/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_view.h: the parts of a view's figure (fig_field.c), which
 * fig_view.c lays out. */
#ifndef SADDLE_FIG_VIEW_H
#define SADDLE_FIG_VIEW_H

#include "figure_impl.h"

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
