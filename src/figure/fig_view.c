/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_view.c: a view as a figure: the layout (title, plot, colour bar,
 * legend, loss curve) and the entry points (see figure.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include "fig_view.h"

/* The figure's parts, in font sizes: margins and the room of the tick
 * labels, the title's two lines, the right-hand column (colour bar, its
 * labels, the legend), the loss plot's share of the width. */
#define FIG_MARGIN	1.0
#define FIG_GAP		1.5
#define FIG_LEFT	5.0
#define FIG_BOTTOM	3.6
#define FIG_TITLE	3.4
#define FIG_CBAR	1.1
#define FIG_CBAR_LABELS	5.5
#define FIG_LEGEND	10.0
#define FIG_LOSS_SHARE	0.34

/* The legend's column: wide enough for the loss plot under it. */
static double
layout_legend_width(double w, double fs, int loss)
{
	return loss ? fmax(FIG_LEGEND * fs, FIG_LOSS_SHARE * w) :
	    FIG_LEGEND * fs;
}

/* The plot's room for a w × h figure, before the window's aspect. */
static fig_rect
layout_room(double w, double h, double fs, int loss)
{
	fig_rect r;

	r.x = fs * (FIG_MARGIN + FIG_LEFT);
	r.y = fs * (FIG_MARGIN + FIG_TITLE);
	r.w = w - r.x - fs * (FIG_MARGIN + FIG_GAP + FIG_CBAR +
	    FIG_CBAR_LABELS) - layout_legend_width(w, fs, loss);
	r.h = h - r.y - fs * (FIG_MARGIN + FIG_BOTTOM);
	return r;
}

/* Lay the figure out: the plot keeps the window's aspect (equal units on
 * both axes) unless that would make it thinner than 1:3, and the whole is
 * centred. */
void
fig_layout_compute(fig_layout *l, const fig *f, const sd_window *win,
    int loss)
{
	fig_rect r = layout_room(f->w, f->h, f->fs, loss);
	double ar = (win->xmax - win->xmin) / (win->ymax - win->ymin), pw, ph;
	double shift;

	pw = r.w;
	ph = r.h;
	if (ar > 1.0 / 3 && ar < 3) {
		pw = fmin(r.w, r.h * ar);
		ph = pw / ar;
	}
	shift = (r.w - pw) / 2;
	l->plot = (fig_rect){ r.x + shift, r.y + (r.h - ph) / 2, pw, ph };
	l->cbar = (fig_rect){ l->plot.x + pw + FIG_GAP * f->fs, l->plot.y,
	    0.9 * f->fs, ph };
	l->legend = (fig_rect){ l->cbar.x + f->fs * (FIG_CBAR +
	    FIG_CBAR_LABELS), l->plot.y, layout_legend_width(f->w, f->fs,
	    loss), ph };
	/* The loss plot fills the legend's column below the legend, its
	 * top set once the legend is drawn (fig_view_draw). */
	l->has_loss = loss;
	l->loss = (fig_rect){ l->legend.x + f->fs * FIG_LEFT, l->plot.y,
	    l->legend.w - f->fs * FIG_LEFT, r.y + r.h - l->plot.y };
}

void
figure_samples(const figure_options *o, const sd_window *w, size_t *cols,
    size_t *rows)
{
	fig f = { .w = o->width, .h = o->height };
	fig_layout l;

	f.fs = fig_font_size(f.w, f.h);
	fig_layout_compute(&l, &f, w, o->loss);
	*cols = (size_t)fmax(2, ceil(l.plot.w / FIG_SAMPLE_PX));
	*rows = (size_t)fmax(2, ceil(l.plot.h / FIG_SAMPLE_PX));
}

/* The title: the objective's name and formula, then the chart, window
 * and levels, as the TUI's title line says them. */
static void
fig_title(fig *f, const view *v, fig_rect plot)
{
	char line[512], x0[32], x1[32], y0[32], y1[32];
	double dx = (v->window.xmax - v->window.xmin) / 100;
	double dy = (v->window.ymax - v->window.ymin) / 100;
	const char *xn, *yn;
	double x = plot.x;

	fig_color(f, FIG_INK, 1);
	fig_font(f, 1.2, 1);
	fig_text(f, x, f->fs * 2, 0, v->obj->spec);
	x += fig_text_width(f, v->obj->spec) + f->fs;
	fig_font(f, 1.0, 0);
	snprintf(line, sizeof line, "f = %s", v->obj->type->formula);
	fig_text(f, x, f->fs * 2, 0, line);
	fig_axis_names(&v->chart, v->obj, &xn, &yn);
	snprintf(line, sizeof line, "%s chart %s (%s, %s) over [%s, %s] × [%s, "
	    "%s], %d %s levels", v->chart.kind == SD_CHART_SPHERE ? "sphere" :
	    "plane", v->chart_name, xn, yn,
	    draw_fixed(&f->num, x0, sizeof x0, v->window.xmin, dx),
	    draw_fixed(&f->num, x1, sizeof x1, v->window.xmax, dx),
	    draw_fixed(&f->num, y0, sizeof y0, v->window.ymin, dy),
	    draw_fixed(&f->num, y1, sizeof y1, v->window.ymax, dy), v->bands,
	    view_levels_name(v->lv_mode != VIEW_LEVELS_AUTO ? v->lv_mode :
	    view_levels_used(v)));
	fig_color(f, FIG_DIM, 1);
	fig_font(f, 0.85, 0);
	fig_text(f, plot.x, f->fs * 3.4, 0, line);
}

/* One legend entry's text after its key, at row y. */
static void
legend_text(fig *f, fig_rect r, double y, const char *text)
{
	fig_color(f, FIG_INK, 1);
	fig_font(f, 0.8, 0);
	fig_text(f, r.x + 1.6 * f->fs, y + 0.3 * f->fs, 0, text);
}

/* The legend: each kind of stationary point shown, with how many, then
 * each racer's line; returns the row after the last. */
static double
fig_legend_points(fig *f, const view *v, fig_rect r, double y)
{
	size_t count[SD_POINT_KIND_COUNT] = { 0 }, i;
	char buf[64];
	int k;

	for (i = 0; v->markers && v->points_valid && i < v->points.n; i++)
		count[v->points.points[i].kind]++;
	for (k = 0; k < SD_POINT_KIND_COUNT; k++) {
		if (count[k] == 0)
			continue;
		fig_marker(f, (sd_point_kind)k, r.x + 0.6 * f->fs, y,
		    0.5 * f->fs);
		snprintf(buf, sizeof buf, "%s (%zu)",
		    sd_point_kind_name((sd_point_kind)k), count[k]);
		legend_text(f, r, y, buf);
		y += 1.5 * f->fs;
	}
	return y;
}

/* The racers' entries: a stroke of their colour, the method and its
 * steps, then what the marks at the ends mean. */
static double
fig_legend_racers(fig *f, const view *v, fig_rect r, double y)
{
	char buf[96];
	int k;

	for (k = 0; k < v->n_racers; k++) {
		y += 1.5 * f->fs;
		cairo_move_to(f->cr, r.x, y);
		cairo_rel_line_to(f->cr, 1.2 * f->fs, 0);
		fig_color(f, draw_racer_color(&f->num, k), 1);
		cairo_set_line_width(f->cr, f->fs / 5);
		cairo_stroke(f->cr);
		snprintf(buf, sizeof buf, "%s, %zu steps",
		    v->racers[k]->opt->type->name,
		    v->racers[k]->trace.n ? v->racers[k]->trace.n - 1 : 0);
		legend_text(f, r, y, buf);
	}
	if (v->n_racers > 0) {
		fig_color(f, FIG_DIM, 1);
		fig_font(f, 0.7, 0);
		fig_text(f, r.x, y + 1.7 * f->fs, 0, "■ start   ● end");
		y += 1.7 * f->fs;
	}
	return y;
}

/* figure_write_view's drawing. */
static void
fig_view_draw(fig *f, const void *arg)
{
	const view *v = arg;
	const char *xn, *yn;
	fig_layout l;
	double y;

	fig_layout_compute(&l, f, &v->window, f->loss && v->n_racers > 0);
	fig_heatmap(f, v, l.plot);
	fig_contours(f, v, l.plot);
	if (v->markers && v->points_valid)
		fig_points(f, v, &v->points, l.plot, &v->window);
	fig_paths(f, v, l.plot);
	fig_axis_names(&v->chart, v->obj, &xn, &yn);
	fig_axes(f, l.plot, &v->window, xn, yn);
	fig_colorbar(f, v, l.cbar);
	y = fig_legend_points(f, v, l.legend, l.legend.y + 0.5 * f->fs);
	y = fig_legend_racers(f, v, l.legend, y) + 2.5 * f->fs;
	fig_title(f, v, l.plot);
	/* Below the legend, when that leaves a plot worth the name. */
	l.loss.h -= y - l.loss.y;
	l.loss.y = y;
	if (l.has_loss && l.loss.h > 6 * f->fs)
		fig_loss(f, v, l.loss);
}

/* The title a view's figure carries in its metadata, into buf. */
static void
fig_view_title(const view *v, char *buf, size_t len)
{
	snprintf(buf, len, "saddle: %s, f = %s", v->obj->spec,
	    v->obj->type->formula);
}

int
figure_write_view(const char *path, figure_format fmt, const view *v,
    const theme *th, const figure_options *o, int replace, char **cause)
{
	char title[256];

	fig_view_title(v, title, sizeof title);
	return fig_render(path, fmt, o, replace, th, title, fig_view_draw, v,
	    cause);
}

figure_scene *
figure_record_view(const char *path, figure_format fmt, const view *v,
    const theme *th, const figure_options *o, int replace, char **cause)
{
	char title[256];

	fig_view_title(v, title, sizeof title);
	return fig_record(path, fmt, o, replace, th, title, fig_view_draw, v,
	    cause);
}
