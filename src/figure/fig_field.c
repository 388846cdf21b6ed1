/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_field.c: a view's field in a figure: the heatmap, the contour lines
 * at the frame's levels, the colour bar and the racers' paths (see
 * fig_view.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "contour.h"
#include "fig_view.h"

void
fig_heatmap(fig *f, const view *v, fig_rect r)
{
	const sd_field *fd = &v->field;
	size_t k, n = fd->cols * fd->rows;
	uint32_t *rgb;

	if (!fd->valid || n == 0 || (rgb = malloc(n * sizeof *rgb)) == NULL)
		return;
	for (k = 0; k < n; k++)
		rgb[k] = isnan(fd->f[k]) ? f->th->undefined :
		    theme_palette(f->th, view_level(v, fd->f[k]));
	fig_image(f, r, rgb, fd->cols, fd->rows, 1);
	free(rgb);
}

/* Where the contour's points go: the plot, for a field's samples. */
typedef struct fig_trace {
	cairo_t		*cr;
	fig_rect	 r;
	double		 sx, sy;	/* pixels per sample */
} fig_trace;

/* contour_emit_fn: one polyline as a sub-path. */
static void
fig_contour_line(void *arg, const double *xy, size_t n, int closed)
{
	fig_trace *t = arg;
	size_t k;

	for (k = 0; k < n; k++) {
		(k == 0 ? cairo_move_to : cairo_line_to)(t->cr, t->r.x +
		    (xy[2 * k] + 0.5) * t->sx, t->r.y + (xy[2 * k + 1] + 0.5) *
		    t->sy);
	}
	if (closed)
		cairo_close_path(t->cr);
}

void
fig_contours(fig *f, const view *v, fig_rect r)
{
	const sd_field *fd = &v->field;
	fig_trace t = { f->cr, r, 0, 0 };
	contour *c;
	int k;

	if (!v->contours || !fd->valid || fd->n_finite == 0 ||
	    (c = contour_new(fd->cols, fd->rows)) == NULL)
		return;
	t.sx = r.w / (double)fd->cols;
	t.sy = r.h / (double)fd->rows;
	cairo_save(f->cr);
	cairo_rectangle(f->cr, r.x, r.y, r.w, r.h);
	cairo_clip(f->cr);
	fig_color(f, f->th->contour, 0.25 + f->th->contour_mix / 100.0);
	cairo_set_line_width(f->cr, f->fs / 18);
	cairo_set_line_join(f->cr, CAIRO_LINE_JOIN_ROUND);
	/* One path per level: the boundaries between the frame's bands. */
	for (k = 1; k < v->bands; k++) {
		if (contour_trace(c, fd->f, view_level_value(v, (double)k /
		    v->bands), fig_contour_line, &t) != 0)
			break;
		cairo_stroke(f->cr);
	}
	cairo_restore(f->cr);
	contour_free(c);
}

void
fig_colorbar(fig *f, const view *v, fig_rect r)
{
	uint32_t rgb[256];
	double y, last = -1e9;
	char buf[32];
	int k;

	if (!v->field.valid || v->field.n_finite == 0)
		return;
	for (k = 0; k < 256; k++)
		rgb[k] = theme_palette(f->th, 1 - k / 255.0);
	fig_image(f, r, rgb, 1, 256, 1);
	fig_color(f, FIG_INK, 1);
	cairo_set_line_width(f->cr, f->fs / 16);
	cairo_rectangle(f->cr, r.x, r.y, r.w, r.h);
	cairo_stroke(f->cr);
	fig_font(f, 0.75, 0);
	/* A tick at each level, labelled where the labels do not touch:
	 * bottom up, so the lowest value always shows. */
	for (k = 0; k <= v->bands; k++) {
		y = r.y + r.h * (1 - (double)k / v->bands);
		cairo_move_to(f->cr, r.x + r.w, y);
		cairo_rel_line_to(f->cr, 0.3 * f->fs, 0);
		if (last - y < 1.1 * f->fs && k > 0)
			continue;
		draw_num(&f->num, buf, sizeof buf, view_level_value(v,
		    (double)k / v->bands), 3);
		fig_text(f, r.x + r.w + 0.5 * f->fs, y + 0.28 * f->fs, 0, buf);
		last = y;
	}
	cairo_stroke(f->cr);
	fig_font(f, 0.9, 0);
	fig_text(f, r.x + r.w / 2, r.y - 0.6 * f->fs, 0.5,
	    "f");
}

/* Racer k's path as one polyline, in the plot's pixels. */
static void
fig_path_line(fig *f, const view *v, fig_rect r, const racer *rc)
{
	double a, b, x, y;
	size_t i;

	for (i = 0; i < rc->trace.n; i++) {
		racer_at(rc, &v->chart, i, &a, &b);
		fig_at(r, &v->window, a, b, &x, &y);
		(i == 0 ? cairo_move_to : cairo_line_to)(f->cr, x, y);
	}
}

/* A start (square) or end (disc) mark of racer colour c at point i. */
static void
fig_path_end(fig *f, const view *v, fig_rect r, const racer *rc, size_t i,
    uint32_t c)
{
	const double s = 0.42 * f->fs;
	double a, b, x, y;

	racer_at(rc, &v->chart, i, &a, &b);
	fig_at(r, &v->window, a, b, &x, &y);
	if (i == 0)
		cairo_rectangle(f->cr, x - s, y - s, 2 * s, 2 * s);
	else
		cairo_arc(f->cr, x, y, 1.1 * s, 0, 2 * M_PI);
	fig_color(f, c, 1);
	cairo_fill_preserve(f->cr);
	fig_color(f, FIG_INK, 1);
	cairo_set_line_width(f->cr, f->fs / 14);
	cairo_stroke(f->cr);
}

void
fig_paths(fig *f, const view *v, fig_rect r)
{
	const racer *rc;
	uint32_t c;
	int k;

	cairo_save(f->cr);
	cairo_rectangle(f->cr, r.x, r.y, r.w, r.h);
	cairo_clip(f->cr);
	cairo_set_line_join(f->cr, CAIRO_LINE_JOIN_ROUND);
	cairo_set_line_cap(f->cr, CAIRO_LINE_CAP_ROUND);
	for (k = 0; k < v->n_racers; k++) {
		rc = v->racers[k];
		if (rc->trace.n == 0)
			continue;
		c = draw_racer_color(&f->num, k);
		/* A dark halo under the colour keeps a light path visible
		 * on the light end of the palette. */
		fig_path_line(f, v, r, rc);
		fig_color(f, 0x000000, 0.55);
		cairo_set_line_width(f->cr, f->fs / 4);
		cairo_stroke(f->cr);
		fig_path_line(f, v, r, rc);
		fig_color(f, c, 1);
		cairo_set_line_width(f->cr, f->fs / 9);
		cairo_stroke(f->cr);
		fig_path_end(f, v, r, rc, 0, c);
		if (rc->trace.n > 1)
			fig_path_end(f, v, r, rc, rc->trace.n - 1, c);
	}
	cairo_restore(f->cr);
}
