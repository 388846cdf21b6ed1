/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fig_map.c: a landscape map (map.h) as a figure: its pixels in the
 * overlay's colours, the stationary points, the axes and the legend —
 * each label's swatch and share, or the ratios' colour bar (see
 * figure.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fig_view.h"
#include "tui/draw_parts.h"

/* What figure_write_map's drawing reads. */
typedef struct fig_map_arg {
	const sd_map		*m;
	const sd_objective	*obj;
	const sd_chart		*chart;
} fig_map_arg;

/* The map's pixels over plot r: crisp for labels, smooth for ratios. */
static void
fig_map_pixels(fig *f, const sd_map *m, fig_rect r)
{
	size_t p, n = m->cols * m->rows;
	double lo = m->label == NULL ? draw_map_lowest(m) : NAN;
	uint32_t *rgb;

	if ((rgb = malloc(n * sizeof *rgb)) == NULL)
		return;
	for (p = 0; p < n; p++)
		rgb[p] = draw_map_color(&f->num, m, p, lo);
	fig_image(f, r, rgb, m->cols, m->rows, m->label == NULL);
	free(rgb);
}

/* A swatch of colour c and its text at row y of the legend. */
static void
fig_map_swatch(fig *f, fig_rect r, double y, uint32_t c, const char *text)
{
	cairo_rectangle(f->cr, r.x, y - 0.45 * f->fs, 0.9 * f->fs,
	    0.9 * f->fs);
	fig_color(f, c, 1);
	cairo_fill_preserve(f->cr);
	fig_color(f, FIG_INK, 1);
	cairo_set_line_width(f->cr, f->fs / 16);
	cairo_stroke(f->cr);
	fig_font(f, 0.8, 0);
	fig_text(f, r.x + 1.4 * f->fs, y + 0.3 * f->fs, 0, text);
}

/* Labels: a swatch per label with its share of the window. */
static void
fig_map_labels(fig *f, const sd_map *m, fig_rect r)
{
	char name[32], buf[64];
	double y = r.y + 0.5 * f->fs;
	size_t k;

	for (k = 0; k < m->n_labels && y < r.y + r.h; k++) {
		sd_map_label_name(m, k, name, sizeof name);
		snprintf(buf, sizeof buf, "%s  %.1f%%", name, 100.0 *
		    (double)m->count[k] / (double)(m->cols * m->rows));
		fig_map_swatch(f, r, y, draw_map_label_color(&f->num, m, k),
		    buf);
		y += 1.5 * f->fs;
	}
}

/* Ratios: the colour bar from the smallest positive ratio (bottom) to
 * the largest, then the swatches of violations and undefined pixels. */
static void
fig_map_ratios(fig *f, const sd_map *m, fig_rect r)
{
	double lo = draw_map_lowest(m), t, v;
	fig_rect bar = { r.x, r.y, 0.9 * f->fs, r.h - 4 * f->fs };
	uint32_t rgb[256];
	char buf[32];
	int k, logs;

	if (isnan(lo))
		return;
	logs = m->vmax / lo >= 10;
	for (k = 0; k < 256; k++) {
		t = 1 - k / 255.0;
		v = logs ? exp(log(lo) + t * (log(m->vmax) - log(lo))) :
		    lo + t * (m->vmax - lo);
		rgb[k] = draw_map_ratio_color(&f->num, v, lo, m->vmax);
	}
	fig_image(f, bar, rgb, 1, 256, 1);
	fig_color(f, FIG_INK, 1);
	fig_font(f, 0.75, 0);
	fig_text(f, bar.x + 1.4 * f->fs, bar.y + 0.6 * f->fs, 0,
	    draw_num(&f->num, buf, sizeof buf, m->vmax, 3));
	fig_text(f, bar.x + 1.4 * f->fs, bar.y + bar.h, 0,
	    draw_num(&f->num, buf, sizeof buf, lo, 3));
	fig_map_swatch(f, r, bar.y + bar.h + 1.6 * f->fs,
	    draw_map_ratio_color(&f->num, 0, lo, m->vmax), "≤ 0");
	fig_map_swatch(f, r, bar.y + bar.h + 3.1 * f->fs,
	    draw_map_ratio_color(&f->num, NAN, lo, m->vmax), "undefined");
}

/* The title: the objective and the map's kind, then its constants. */
static void
fig_map_title(fig *f, const fig_map_arg *a, fig_rect plot)
{
	const sd_map *m = a->m;
	char line[256];

	fig_color(f, FIG_INK, 1);
	fig_font(f, 1.2, 1);
	snprintf(line, sizeof line, "%s: %s map", a->obj->spec,
	    m->type->name);
	fig_text(f, plot.x, f->fs * 2, 0, line);
	/* What the kind's table says it reads, or gives. */
	if (m->type->reads & SD_MAP_READS_CONSTANTS)
		snprintf(line, sizeof line, "%s with α = %.3g, β = %.3g, "
		    "γ = %.3g", m->type->summary, m->alpha, m->beta, m->gamma);
	else if (m->type->reads & SD_MAP_READS_RUNS)
		snprintf(line, sizeof line, "where %s started at each pixel "
		    "ends", m->optimizer->name);
	else if (!m->type->labels)
		snprintf(line, sizeof line, "smallest ratio %.3g, f* = %.6g",
		    m->vmin, m->fstar);
	else
		snprintf(line, sizeof line, "%s", m->type->summary);
	fig_color(f, FIG_DIM, 1);
	fig_font(f, 0.85, 0);
	fig_text(f, plot.x, f->fs * 3.4, 0, line);
}

/* figure_write_map's drawing. */
static void
fig_map_draw(fig *f, const void *arg)
{
	const fig_map_arg *a = arg;
	const char *xn, *yn;
	fig_layout l;

	fig_layout_compute(&l, f, &a->m->window, 0);
	fig_map_pixels(f, a->m, l.plot);
	fig_points(f, NULL, &a->m->points, l.plot, &a->m->window);
	fig_axis_names(a->chart, a->obj, &xn, &yn);
	fig_axes(f, l.plot, &a->m->window, xn, yn);
	if (a->m->label != NULL)
		fig_map_labels(f, a->m, l.cbar);
	else
		fig_map_ratios(f, a->m, l.cbar);
	fig_map_title(f, a, l.plot);
}

int
figure_write_map(const char *path, figure_format fmt, const sd_map *m,
    const sd_objective *obj, const sd_chart *chart, const theme *th,
    const figure_options *o, char **cause)
{
	fig_map_arg a = { m, obj, chart };
	char title[256];

	snprintf(title, sizeof title, "saddle: %s map of %s",
	    m->type->name, obj->spec);
	return fig_render(path, fmt, o, 1, th, title, fig_map_draw, &a, cause);
}
