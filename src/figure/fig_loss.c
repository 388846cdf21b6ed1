/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_loss.c: the loss curve as a second plot: log₁₀(f − f*) by step for
 * every racer, f* the lowest f known (view_fmin), as the panel's curve
 * (see fig_view.h). */
#include "config.h"

#include <math.h>

#include "fig_view.h"

/* The floor of the curve, in decades: f − f* ≤ 0 is drawn there. */
#define LOSS_FLOOR	(-16.0)

/* log₁₀(f − f*) of racer r at iterate i, floored. */
static double
loss_at(const racer *r, size_t i, double fstar)
{
	double d = r->trace.f[i] - fstar;

	return d > 0 ? fmax(log10(d), LOSS_FLOOR) : LOSS_FLOOR;
}

/* The window of the curves: steps across, whole decades up. */
static sd_window
loss_window(const view *v, double fstar)
{
	sd_window w = { 0, 1, INFINITY, -INFINITY };
	const racer *r;
	size_t i;
	int k;

	for (k = 0; k < v->n_racers; k++) {
		r = v->racers[k];
		if (r->trace.n > 1 && r->trace.n - 1 > w.xmax)
			w.xmax = (double)(r->trace.n - 1);
		for (i = 0; i < r->trace.n; i++) {
			w.ymin = fmin(w.ymin, loss_at(r, i, fstar));
			w.ymax = fmax(w.ymax, loss_at(r, i, fstar));
		}
	}
	w.ymin = floor(w.ymin);
	w.ymax = fmax(ceil(w.ymax), w.ymin + 1);
	return w;
}

void
fig_loss(fig *f, const view *v, fig_rect r)
{
	double fstar = view_fmin(v), x, y;
	const racer *rc;
	sd_window w;
	size_t i;
	int k;

	if (!isfinite(fstar))
		return;
	w = loss_window(v, fstar);
	cairo_save(f->cr);
	cairo_rectangle(f->cr, r.x, r.y, r.w, r.h);
	cairo_clip(f->cr);
	cairo_set_line_join(f->cr, CAIRO_LINE_JOIN_ROUND);
	for (k = 0; k < v->n_racers; k++) {
		rc = v->racers[k];
		for (i = 0; i < rc->trace.n; i++) {
			fig_at(r, &w, (double)i, loss_at(rc, i, fstar), &x, &y);
			(i == 0 ? cairo_move_to : cairo_line_to)(f->cr, x, y);
		}
		fig_color(f, draw_racer_color(&f->num, k), 1);
		cairo_set_line_width(f->cr, f->fs / 9);
		cairo_stroke(f->cr);
	}
	cairo_restore(f->cr);
	fig_axes(f, r, &w, "step", "log₁₀(f − f*)");
}
