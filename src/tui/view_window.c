/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_window.c: moving the view's window: zoom about a point, pan within
 * ±SD_WINDOW_MAX, equal scales, back home (see view.h). */
#include "config.h"

#include <math.h>

#include "view.h"

int
view_fit_aspect(view *v, size_t cols, size_t rows)
{
	sd_window w = v->window;
	double sx, sy, c, half;

	if (!v->aspect || cols == 0 || rows == 0)
		return 0;
	sx = (w.xmax - w.xmin) / (double)cols;
	sy = (w.ymax - w.ymin) / (double)rows;
	if (fabs(sx - sy) <= 1e-9 * fmax(sx, sy))
		return 0;
	/* Widen the side whose samples are finer, about the centre: the
	 * window only grows, so what was in view stays. */
	if (sx < sy) {
		c = (w.xmin + w.xmax) / 2;
		half = sy * (double)cols / 2;
		w.xmin = c - half;
		w.xmax = c + half;
	} else {
		c = (w.ymin + w.ymax) / 2;
		half = sx * (double)rows / 2;
		w.ymin = c - half;
		w.ymax = c + half;
	}
	view_set_window(v, &w);
	return 1;
}

void
view_zoom(view *v, double factor, double a, double b)
{
	sd_window w = v->window;

	w.xmin = a - (a - v->window.xmin) / factor;
	w.xmax = a + (v->window.xmax - a) / factor;
	w.ymin = b - (b - v->window.ymin) / factor;
	w.ymax = b + (v->window.ymax - b) / factor;
	if (!(w.xmax - w.xmin > 1e-12 * (fabs(w.xmin) + fabs(w.xmax) + 1)) ||
	    !(w.ymax - w.ymin > 1e-12 * (fabs(w.ymin) + fabs(w.ymax) + 1)) ||
	    !isfinite(w.xmax - w.xmin) || !isfinite(w.ymax - w.ymin) ||
	    sd_window_check(&w, "zoom", "", NULL) != 0)
		return;
	view_set_window(v, &w);
}

/* The shift d of [lo, hi] made smaller so that it stays within
 * ±SD_WINDOW_MAX (never larger than d, never past zero). */
static double
view_pan_limit(double lo, double hi, double d)
{
	if (d < 0 && lo + d < -SD_WINDOW_MAX)
		return fmin(0, -SD_WINDOW_MAX - lo);
	if (d > 0 && hi + d > SD_WINDOW_MAX)
		return fmax(0, SD_WINDOW_MAX - hi);
	return d;
}

int
view_pan(view *v, double da, double db)
{
	sd_window w = v->window;
	double ea = view_pan_limit(w.xmin, w.xmax, da);
	double eb = view_pan_limit(w.ymin, w.ymax, db);

	w.xmin += ea;
	w.xmax += ea;
	w.ymin += eb;
	w.ymax += eb;
	v->cur_a += ea;
	v->cur_b += eb;
	if (ea != 0 || eb != 0)
		view_set_window(v, &w);
	return ea != da || eb != db;
}

void
view_reset(view *v)
{
	view_set_window(v, &v->home);
	v->cur_a = (v->home.xmin + v->home.xmax) / 2;
	v->cur_b = (v->home.ymin + v->home.ymax) / 2;
}
