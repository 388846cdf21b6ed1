/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_axes.c: the figure's text, axes with ticks, images and coordinates
 * (see figure_impl.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "figure_impl.h"

/* Ticks on an axis of this many font sizes per tick, about. */
#define FIG_TICK_EM	6.0

void
fig_color(fig *f, uint32_t rgb, double alpha)
{
	cairo_set_source_rgba(f->cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0, alpha);
}

void
fig_font(fig *f, double scale, int bold)
{
	cairo_select_font_face(f->cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
	    bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(f->cr, f->fs * scale);
}

double
fig_text_width(fig *f, const char *text)
{
	cairo_text_extents_t e;

	cairo_text_extents(f->cr, text, &e);
	return e.x_advance;
}

void
fig_text(fig *f, double x, double y, double ax, const char *text)
{
	cairo_move_to(f->cr, x - ax * fig_text_width(f, text), y);
	cairo_show_text(f->cr, text);
}

void
fig_at(fig_rect r, const sd_window *w, double a, double b, double *x,
    double *y)
{
	*x = r.x + (a - w->xmin) / (w->xmax - w->xmin) * r.w;
	*y = r.y + (w->ymax - b) / (w->ymax - w->ymin) * r.h;
}

/* A round step (1, 2 or 5 × 10^k) giving about target ticks over range. */
static double
fig_step(double range, double target)
{
	double raw = range / (target > 1 ? target : 1), mag, r;

	mag = pow(10, floor(log10(raw)));
	r = raw / mag;
	return (r < 1.5 ? 1 : r < 3 ? 2 : r < 7 ? 5 : 10) * mag;
}

/* The ticks of one axis from lo to hi over len pixels: a tick mark
 * outward and its label; horizontal when x is nonzero. */
static void
fig_ticks(fig *f, fig_rect r, double lo, double hi, int x)
{
	double len = x ? r.w : r.h, step, t, k, p;
	const double tick = 0.35 * f->fs;
	char buf[32];

	step = fig_step(hi - lo, fmax(3, len / (FIG_TICK_EM * f->fs)));
	for (k = ceil(lo / step - 1e-9); (t = k * step) <= hi + step * 1e-9;
	    k++) {
		if (fabs(t) < step * 1e-9)
			t = 0;
		p = (t - lo) / (hi - lo) * len;
		draw_fixed(&f->num, buf, sizeof buf, t, step);
		if (x) {
			cairo_move_to(f->cr, r.x + p, r.y + r.h);
			cairo_rel_line_to(f->cr, 0, tick);
			fig_text(f, r.x + p, r.y + r.h + tick + 0.95 * f->fs,
			    0.5, buf);
		} else {
			cairo_move_to(f->cr, r.x, r.y + r.h - p);
			cairo_rel_line_to(f->cr, -tick, 0);
			fig_text(f, r.x - 1.6 * tick, r.y + r.h - p + 0.3 *
			    f->fs, 1, buf);
		}
	}
}

void
fig_axes(fig *f, fig_rect r, const sd_window *w, const char *xname,
    const char *yname)
{
	cairo_t *cr = f->cr;

	fig_color(f, FIG_INK, 1);
	cairo_set_line_width(cr, f->fs / 16);
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	cairo_stroke(cr);
	fig_font(f, 0.8, 0);
	fig_ticks(f, r, w->xmin, w->xmax, 1);
	fig_ticks(f, r, w->ymin, w->ymax, 0);
	cairo_stroke(cr);
	fig_font(f, 0.9, 0);
	fig_text(f, r.x + r.w / 2, r.y + r.h + 2.6 * f->fs, 0.5, xname);
	cairo_save(cr);
	cairo_translate(cr, r.x - 3.4 * f->fs, r.y + r.h / 2);
	cairo_rotate(cr, -M_PI / 2);
	fig_text(f, 0, 0, 0.5, yname);
	cairo_restore(cr);
}

void
fig_image(fig *f, fig_rect r, const uint32_t *rgb, size_t cols, size_t rows,
    int smooth)
{
	cairo_surface_t *img;
	cairo_pattern_t *pat;
	unsigned char *data;
	size_t i, j;
	int stride;

	img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)cols,
	    (int)rows);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return;
	}
	cairo_surface_flush(img);
	data = cairo_image_surface_get_data(img);
	stride = cairo_image_surface_get_stride(img);
	for (j = 0; j < rows; j++)
		for (i = 0; i < cols; i++)
			((uint32_t *)(void *)(data + j * (size_t)stride))[i] =
			    rgb[j * cols + i];
	cairo_surface_mark_dirty(img);
	cairo_save(f->cr);
	cairo_rectangle(f->cr, r.x, r.y, r.w, r.h);
	cairo_clip(f->cr);
	cairo_translate(f->cr, r.x, r.y);
	cairo_scale(f->cr, r.w / (double)cols, r.h / (double)rows);
	cairo_set_source_surface(f->cr, img, 0, 0);
	pat = cairo_get_source(f->cr);
	cairo_pattern_set_filter(pat, smooth ? CAIRO_FILTER_BILINEAR :
	    CAIRO_FILTER_NEAREST);
	cairo_pattern_set_extend(pat, CAIRO_EXTEND_PAD);
	cairo_paint(f->cr);
	cairo_restore(f->cr);
	cairo_surface_destroy(img);
}

void
fig_axis_names(const sd_chart *chart, const sd_objective *obj,
    const char **x, const char **y)
{
	if (chart->kind == SD_CHART_SPHERE) {
		*x = "longitude";
		*y = "latitude";
	} else if (obj->dim == 2 && chart->u[0] == 1 && chart->v[1] == 1) {
		*x = "x₁";
		*y = "x₂";
	} else {
		*x = "a";
		*y = "b";
	}
}
