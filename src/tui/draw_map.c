/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_map.c: a landscape map over the plot, its legend where the colour
 * bar was, and its summary and the last survey's table at the panel's
 * foot (see overlay.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dots.h"
#include "draw_parts.h"

/* A violation of a condition: the colour and the monochrome glyph. */
#define MAP_BAD		0xff2a6d
#define MAP_BAD_GLYPH	"X"

/* Ratios span this many decades or more before the colours go log. */
#define MAP_LOG_RATIO	10.0

/* How a pixel is shown: its colour, and without colour a glyph. */
struct map_style {
	uint32_t	 color;
	const char	*glyph;
};

/* The legend's short names of the strict-saddle labels. */
static const char *const map_strict_short[SD_MAP_STRICT_LABELS] = {
	[SD_MAP_GRADIENT] = "grad",
	[SD_MAP_CURVATURE] = "curv",
	[SD_MAP_NEAR_MIN] = "near",
	[SD_MAP_NONE] = "none",
	[SD_MAP_UNDEFINED] = "undef",
};

/* The legend's short names of the basins labels after the minima. */
static const char *const map_basin_short[SD_MAP_BASIN_EXTRA] = {
	[SD_MAP_BASIN_SADDLE] = "saddle",
	[SD_MAP_BASIN_DIVERGED] = "diverg",
	[SD_MAP_BASIN_NOT_CONVERGED] = "n.conv",
};

/* How a kind looks beyond what its table says (map.h gives the legend's
 * title and the panel's summary line): the style of label k, its short
 * name in the legend (six cells), and the panel's lines after the
 * summary. */
struct map_look {
	const sd_map_type *type;
	struct map_style (*style)(const draw_ctx *, const sd_map *, size_t);
	void	(*name)(const sd_map *, size_t, char *, size_t);
	void	(*summary)(draw_ctx *, const sd_map *, canvas_rect, int *);
};

static const struct map_look *map_look(const sd_map *);

/* The style of strict-saddle label k: the large-gradient region quiet,
 * the neighbourhoods of saddles and minima in their markers' colours,
 * violations loud. */
static struct map_style
map_strict_style(const draw_ctx *ctx, const sd_map *m, size_t k)
{
	static const char *const glyphs[SD_MAP_STRICT_LABELS] = {
	    " ", "~", "o", MAP_BAD_GLYPH, "/" };
	const theme *th = ctx->th;
	uint32_t c[SD_MAP_STRICT_LABELS];

	(void)m;
	c[SD_MAP_GRADIENT] = color_mix(theme_palette(th, 0.2), 0x000000, 0.55);
	c[SD_MAP_CURVATURE] = color_mix(th->marker[THEME_SADDLE], 0x000000,
	    0.55);
	c[SD_MAP_NEAR_MIN] = color_mix(theme_palette(th, 0.85), 0xffffff,
	    0.2);
	c[SD_MAP_NONE] = MAP_BAD;
	c[SD_MAP_UNDEFINED] = th->undefined;
	return (struct map_style){ c[k], glyphs[k] };
}

/* The legend's name of strict-saddle label k. */
static void
map_strict_name(const sd_map *m, size_t k, char *buf, size_t len)
{
	(void)m;
	snprintf(buf, len, "%s", map_strict_short[k]);
}

/* The style of label k of a kind with no look of its own, and of a
 * basin's minimum: a racer colour (its number without colour). */
static struct map_style
map_label_style(const draw_ctx *ctx, const sd_map *m, size_t k)
{
	static const char *const digits[] = { "1", "2", "3", "4", "5", "6",
	    "7", "8", "9" };
	const theme *th = ctx->th;

	(void)m;
	return (struct map_style){ color_mix(th->paths[k % th->n_paths],
	    0x000000, 0.35), digits[k % 9] };
}

/* The style of basins label k: each minimum as map_label_style, the
 * rest as in strict-saddle. */
static struct map_style
map_basin_style(const draw_ctx *ctx, const sd_map *m, size_t k)
{
	const theme *th = ctx->th;

	if (k < m->n_minima)
		return map_label_style(ctx, m, k);
	switch (k - m->n_minima) {
	case SD_MAP_BASIN_SADDLE:
		/* White: a thin set must stand out from every basin. */
		return (struct map_style){ 0xf0f0f0, MAP_BAD_GLYPH };
	case SD_MAP_BASIN_DIVERGED:
		return (struct map_style){ th->undefined, "!" };
	default:
		return (struct map_style){ color_mix(th->dim, 0x000000, 0.4),
		    "?" };
	}
}

/* The legend's name of basins label k: a minimum's is short already. */
static void
map_basin_name(const sd_map *m, size_t k, char *buf, size_t len)
{
	if (k < m->n_minima)
		sd_map_label_name(m, k, buf, len);
	else
		snprintf(buf, len, "%s", map_basin_short[k - m->n_minima]);
}

/* The smallest positive ratio, or NaN when none is positive. */
static double
map_lowest_positive(const sd_map *m)
{
	double lo = INFINITY;
	size_t p;

	for (p = 0; p < m->cols * m->rows; p++) {
		if (m->value[p] > 0 && m->value[p] < lo)
			lo = m->value[p];
	}
	return isfinite(lo) ? lo : NAN;
}

/* Where a positive ratio v falls between lo and hi, in [0, 1]: on a log
 * scale when they are decades apart. */
static double
map_level(double v, double lo, double hi)
{
	if (!(hi > lo))
		return 1;
	if (hi / lo >= MAP_LOG_RATIO)
		return (log(v) - log(lo)) / (log(hi) - log(lo));
	return (v - lo) / (hi - lo);
}

/* The style of a ratio: a violation (≤ 0), undefined, or the palette. */
static struct map_style
map_ratio_style(const draw_ctx *ctx, double v, double lo, double hi)
{
	static const char *const ramp[] = { ".", ":", "-", "=", "+", "*",
	    "#", "%", "@" };
	double t;

	if (isnan(v))
		return (struct map_style){ ctx->th->undefined, "/" };
	if (v <= 0)
		return (struct map_style){ MAP_BAD, MAP_BAD_GLYPH };
	t = fmin(fmax(map_level(v, lo, hi), 0), 1);
	return (struct map_style){ theme_palette(ctx->th, t),
	    ramp[(int)(t * 8.999)] };
}

/* The style of pixel p of a map whose kind looks like look. */
static struct map_style
map_pixel_style(const draw_ctx *ctx, const sd_map *m,
    const struct map_look *look, size_t p, double lo)
{
	if (m->label != NULL)
		return look->style(ctx, m, (size_t)m->label[p]);
	return map_ratio_style(ctx, m->value[p], lo, m->vmax);
}

/* One swatch and a line of legend text at row y of the bar. */
static void
map_legend_line(draw_ctx *ctx, canvas_rect r, int y, struct map_style st,
    const char *text)
{
	if (y >= r.y + r.h)
		return;
	if (ctx->depth == COLOR_NONE)
		canvas_set(ctx->cv, r.x, y, st.glyph, CANVAS_DEFAULT,
		    CANVAS_DEFAULT, CANVAS_REVERSE);
	else
		canvas_set(ctx->cv, r.x, y, " ", CANVAS_DEFAULT, st.color, 0);
	canvas_text(ctx->cv, r.x + 2, y, r.w - 2, text,
	    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, 0);
}

/* The labels' legend: a swatch, a short name and the share of the view,
 * as many as the bar's rows hold. */
static void
map_legend_labels(draw_ctx *ctx, const sd_map *m, canvas_rect r)
{
	const struct map_look *look = map_look(m);
	double n = (double)(m->cols * m->rows);
	char name[16], buf[32];
	size_t k;
	int y = r.y + 1;

	for (k = 0; k < m->n_labels; k++, y++) {
		if (y == r.y + r.h - 1 && k + 1 < m->n_labels) {
			snprintf(buf, sizeof buf, "+%zu more",
			    m->n_labels - k);
			canvas_text(ctx->cv, r.x, y, r.w, buf,
			    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
			return;
		}
		look->name(m, k, name, sizeof name);
		snprintf(buf, sizeof buf, "%-6s%3.0f%%", name,
		    100 * (double)m->count[k] / n);
		map_legend_line(ctx, r, y, look->style(ctx, m, k), buf);
	}
}

/* The ratios' legend: the palette from the largest ratio down to the
 * smallest positive one, then violations and undefined pixels. */
static void
map_legend_ratio(draw_ctx *ctx, const sd_map *m, canvas_rect r)
{
	double lo = map_lowest_positive(m), t, v;
	int y, h = r.h - 4;
	char buf[32];

	for (y = 0; !isnan(lo) && y < h; y++) {
		t = h > 1 ? 1 - (double)y / (h - 1) : 1;
		v = m->vmax / lo >= MAP_LOG_RATIO ? exp(log(lo) + t *
		    (log(m->vmax) - log(lo))) : lo + t * (m->vmax - lo);
		buf[0] = '\0';
		if (y == 0 || y == h - 1 || (h > 8 && y == h / 2))
			draw_num(ctx, buf, sizeof buf, v, 3);
		map_legend_line(ctx, r, r.y + 1 + y, map_ratio_style(ctx, v,
		    lo, m->vmax), buf);
	}
	map_legend_line(ctx, r, r.y + r.h - 2, map_ratio_style(ctx, 0, lo,
	    m->vmax), "≤ 0");
	map_legend_line(ctx, r, r.y + r.h - 1, map_ratio_style(ctx, NAN, lo,
	    m->vmax), "undef");
}

void
draw_map(draw_ctx *ctx, const view *v, const layout *lay, const overlay *o)
{
	const sd_map *m = o->map;
	const canvas_rect r = lay->plot;
	const struct map_look *look;
	struct map_style st;
	double lo;
	size_t p;
	int x, y;

	if (!o->have_map || m->cols != (size_t)r.w || m->rows != (size_t)r.h)
		return;
	look = map_look(m);
	lo = m->value != NULL ? map_lowest_positive(m) : NAN;
	for (y = 0; y < r.h; y++) {
		for (x = 0; x < r.w; x++) {
			p = (size_t)y * m->cols + (size_t)x;
			st = map_pixel_style(ctx, m, look, p, lo);
			if (ctx->depth == COLOR_NONE)
				canvas_set(ctx->cv, r.x + x, r.y + y, st.glyph,
				    CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
			else
				canvas_set(ctx->cv, r.x + x, r.y + y, " ",
				    CANVAS_DEFAULT, st.color, 0);
		}
	}
	/* The arrows stay over a map (g): its conditions are about ∇f. */
	if (v->arrows)
		draw_arrows(ctx, v, r);
	if (v->markers)
		draw_markers(ctx, v, r);
	canvas_fill(ctx->cv, lay->cbar, " ", CANVAS_DEFAULT, CANVAS_DEFAULT,
	    0);
	canvas_text(ctx->cv, lay->cbar.x, lay->cbar.y, lay->cbar.w,
	    m->type->title, draw_fg(ctx, ctx->th->accent), CANVAS_DEFAULT,
	    CANVAS_BOLD);
	if (m->label != NULL)
		map_legend_labels(ctx, m, lay->cbar);
	else
		map_legend_ratio(ctx, m, lay->cbar);
}

/* ---- for figures (figure.h) ------------------------------------------- */

double
draw_map_lowest(const sd_map *m)
{
	return map_lowest_positive(m);
}

uint32_t
draw_map_color(const draw_ctx *ctx, const sd_map *m, size_t p, double lo)
{
	return map_pixel_style(ctx, m, map_look(m), p, lo).color;
}

uint32_t
draw_map_label_color(const draw_ctx *ctx, const sd_map *m, size_t k)
{
	return map_look(m)->style(ctx, m, k).color;
}

uint32_t
draw_map_ratio_color(const draw_ctx *ctx, double v, double lo, double hi)
{
	return map_ratio_style(ctx, v, lo, hi).color;
}

/* ---- the panel's foot ------------------------------------------------- */

/* A line of text at row *y of r, then the next row. */
static void
map_line(draw_ctx *ctx, canvas_rect r, int *y, const char *text,
    uint32_t fg, int attr)
{
	if (*y < r.y + r.h)
		canvas_text(ctx->cv, r.x, *y, r.w, text, draw_fg(ctx, fg),
		    CANVAS_DEFAULT, attr);
	(*y)++;
}

/* "(a, b)" with 3 significant digits. */
static char *
map_point(const draw_ctx *ctx, char *buf, size_t len, double a, double b)
{
	char x[32], y[32];

	snprintf(buf, len, "(%s, %s)", draw_num(ctx, x, sizeof x, a, 3),
	    draw_num(ctx, y, sizeof y, b, 3));
	return buf;
}

/* The strict-saddle summary: the constants and the violated share. */
static void
map_summary_strict(draw_ctx *ctx, const sd_map *m, canvas_rect r, int *y)
{
	char buf[128], a[32], b[32], g[32];

	snprintf(buf, sizeof buf, "α %s  β %s  γ %s",
	    draw_num(ctx, a, sizeof a, m->alpha, 3),
	    draw_num(ctx, b, sizeof b, m->beta, 3),
	    draw_num(ctx, g, sizeof g, m->gamma, 3));
	map_line(ctx, r, y, buf, ctx->th->text, 0);
	snprintf(buf, sizeof buf, "none holds: %.1f%% of the view",
	    100.0 * (double)m->count[SD_MAP_NONE] /
	    (double)(m->cols * m->rows));
	map_line(ctx, r, y, buf, m->count[SD_MAP_NONE] ? MAP_BAD :
	    ctx->th->text, 0);
}

/* The ratios' summary: the smallest value and where, and x*. */
static void
map_summary_ratio(draw_ctx *ctx, const sd_map *m, canvas_rect r, int *y)
{
	char buf[160], num[32], at[80];
	double a, b;

	if (m->n_defined == 0) {
		map_line(ctx, r, y, "no pixel defined", ctx->th->dim, 0);
		return;
	}
	sd_map_coords(&m->window, m->cols, m->rows, m->at_min % m->cols,
	    m->at_min / m->cols, &a, &b);
	snprintf(buf, sizeof buf, "min %s at %s",
	    draw_num(ctx, num, sizeof num, m->vmin, 3),
	    map_point(ctx, at, sizeof at, a, b));
	map_line(ctx, r, y, buf, m->vmin > 0 ? ctx->th->text : MAP_BAD, 0);
	snprintf(buf, sizeof buf, "x* %s  f* %s",
	    map_point(ctx, at, sizeof at, m->star_a, m->star_b),
	    draw_num(ctx, num, sizeof num, m->fstar, 4));
	map_line(ctx, r, y, buf, ctx->th->dim, 0);
}

/* The basins' summary: the method and where its runs end. */
static void
map_summary_basins(draw_ctx *ctx, const sd_map *m, canvas_rect r, int *y)
{
	const sd_param *p = m->optimizer->params;
	char buf[160], num[32];
	size_t k, n = m->cols * m->rows, reach = 0;

	snprintf(buf, sizeof buf, "%s", m->optimizer->name);
	for (k = 0; p != NULL && p[k].key != NULL; k++)
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), " %s=%s",
		    p[k].key, draw_num(ctx, num, sizeof num, m->params[k], 3));
	map_line(ctx, r, y, buf, ctx->th->text, 0);
	for (k = 0; k < m->n_minima; k++)
		reach += m->count[k];
	snprintf(buf, sizeof buf, "minimum %.1f%%  saddle %.1f%%",
	    100.0 * (double)reach / (double)n, 100.0 *
	    (double)m->count[m->n_minima + SD_MAP_BASIN_SADDLE] / (double)n);
	map_line(ctx, r, y, buf, ctx->th->text, 0);
}

/* The kinds with a look of their own. */
static const struct map_look map_looks[] = {
	{ &sd_map_strict_saddle, map_strict_style, map_strict_name,
	  map_summary_strict },
	{ &sd_map_basins, map_basin_style, map_basin_name,
	  map_summary_basins },
};

/* The look of the rest: the values' palette and summary, or a racer
 * colour per label under its full name. */
static const struct map_look map_look_values = { NULL, NULL, NULL,
    map_summary_ratio };
static const struct map_look map_look_labels = { NULL, map_label_style,
    sd_map_label_name, NULL };

/* The look of m's kind. */
static const struct map_look *
map_look(const sd_map *m)
{
	size_t k;

	for (k = 0; k < sizeof map_looks / sizeof *map_looks; k++) {
		if (map_looks[k].type == m->type)
			return &map_looks[k];
	}
	return m->type->labels ? &map_look_labels : &map_look_values;
}

/* The glyph of method m's end points: a bullet in its racer's colour,
 * its number without colour (as the racers' heads). */
static const char *
map_end_glyph(const draw_ctx *ctx, size_t m, char *buf, size_t len)
{
	if (ctx->depth == COLOR_NONE) {
		snprintf(buf, len, "%zu", (m + 1) % 10);
		return buf;
	}
	return ctx->cv->ascii ? "o" : "•";
}

/* The survey's table: a row per method, the outcomes in percent, each
 * method's glyph before its name when its ends are on the plot (ends),
 * and a line saying what the dots are. */
static void
map_survey(draw_ctx *ctx, const overlay *o, canvas_rect r, int *y,
    int ends)
{
	char glyph[8];
	char buf[160];
	size_t m, k;
	int wide = r.w >= 34;

	snprintf(buf, sizeof buf, "survey: %zu starts, %% of runs",
	    o->survey_starts);
	map_line(ctx, r, y, buf, ctx->th->accent, CANVAS_BOLD);
	snprintf(buf, sizeof buf, "%-8s%4s%4s%4s%4s%4s%s", "method",
	    "glo", "loc", "sad", "div", "n.c", wide ? "   steps" : "");
	map_line(ctx, r, y, buf, ctx->th->dim, 0);
	for (m = 0; m < o->n_rows; m++) {
		snprintf(buf, sizeof buf, "%s%-*.*s", ends ? "  " : "",
		    ends ? 6 : 8, ends ? 6 : 8, o->rows[m].type->name);
		for (k = 0; k < SD_OUTCOME_COUNT; k++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%4.0f", 100 * o->rows[m].fraction[k]);
		if (wide)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf),
			    "%8zu", o->rows[m].steps_median);
		map_line(ctx, r, y, buf, ctx->th->text, 0);
		if (ends && *y - 1 < r.y + r.h)
			canvas_set(ctx->cv, r.x, *y - 1, map_end_glyph(ctx, m,
			    glyph, sizeof glyph), draw_fg(ctx,
			    draw_racer_color(ctx, (int)m)), CANVAS_DEFAULT,
			    CANVAS_BOLD);
	}
	if (o->ends != NULL)
		map_line(ctx, r, y, ends ? "dots: where runs end (:ends off)" :
		    ":ends on: dots where runs end", ctx->th->dim, 0);
}

/* Whether the survey's ends are drawn over v: kept, on, and of the
 * chart in view. */
static int
map_ends_shown(const view *v, const overlay *o)
{
	return o->ends != NULL && o->ends_on &&
	    o->ends_chart == overlay_chart_key(v);
}

void
draw_survey_ends(draw_ctx *ctx, const view *v, canvas_rect r,
    const overlay *o)
{
	char glyph[8];
	size_t m, i;
	const double *e;
	int x, y;

	if (!o->have_survey || strcmp(o->survey_of, v->obj->spec) != 0 ||
	    !map_ends_shown(v, o))
		return;
	for (m = 0, e = o->ends; m < o->n_rows; m++) {
		for (i = 0; i < o->survey_starts; i++, e += 2) {
			if (draw_cell(v, r, e[0], e[1], &x, &y) != 0)
				continue;
			canvas_set(ctx->cv, x, y, map_end_glyph(ctx, m, glyph,
			    sizeof glyph), draw_fg(ctx, draw_racer_color(ctx,
			    (int)m)), dots_cell_background(canvas_at(ctx->cv,
			    x, y)), CANVAS_BOLD);
		}
	}
}

/* The map's summary and (when survey is set) the survey's table, line by
 * line from row *y of r; none is drawn below r, so that a rectangle of no
 * height counts them. */
static void
map_panel_lines(draw_ctx *ctx, const overlay *o, int survey, canvas_rect r,
    int *y)
{
	char buf[160];

	if (o->have_map || overlay_pending(o)) {
		snprintf(buf, sizeof buf, "map: %s", overlay_name(o));
		map_line(ctx, r, y, buf, ctx->th->accent, CANVAS_BOLD);
	}
	if (o->have_map) {
		map_line(ctx, r, y, o->map->type->summary, ctx->th->dim, 0);
		if (map_look(o->map)->summary != NULL)
			map_look(o->map)->summary(ctx, o->map, r, y);
	} else if (overlay_pending(o))
		map_line(ctx, r, y, "computing map…", ctx->th->dim, 0);
	if ((o->have_map || overlay_pending(o)) && survey)
		(*y)++;
	if (survey)
		map_survey(ctx, o, r, y, survey > 1);
}

void
draw_map_panel(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *o)
{
	canvas_rect r = lay->loss, dry = { r.x, 0, r.w, 0 };
	int n = 0, top, y, survey;

	/* A survey of another objective says nothing about this one. */
	survey = o->have_survey && strcmp(o->survey_of, v->obj->spec) == 0;
	if (survey && map_ends_shown(v, o))
		survey = 2;
	if (!o->have_map && !overlay_pending(o) && !survey)
		return;
	/* Taller than the loss curve's place: grow up over the racers, but
	 * not past the panel's upper third. */
	map_panel_lines(ctx, o, survey, dry, &n);
	top = r.y + r.h - n;
	if (top > r.y)
		top = r.y;
	if (top < lay->panel.y + lay->panel.h / 3)
		top = lay->panel.y + lay->panel.h / 3;
	r.h += r.y - top;
	r.y = top;
	canvas_fill(ctx->cv, r, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	y = r.y;
	map_panel_lines(ctx, o, survey, r, &y);
}
