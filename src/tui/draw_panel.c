/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_panel.c: the side panel (objective, cursor, stationary points,
 * racers) and the loss curve at its foot. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw_parts.h"

/* The longest line of a tour's text. */
#define TOUR_LINE_MAX 256

/* Rows a racer takes in full, about; with fewer left, racers take one row
 * each. */
#define PANEL_RACER_ROWS 6

/* Where the next panel line goes and where the panel's text must stop. */
typedef struct panel_pen {
	draw_ctx	*ctx;
	int		 x, y, w;	/* left column, next row, width */
	int		 end;		/* first row not to write */
} panel_pen;

/* Text at (x, y) within the pen's width; returns cells used. */
static int
panel_put(panel_pen *p, int x, const char *text, uint32_t fg, int attr)
{
	if (p->y >= p->end || x >= p->x + p->w)
		return 0;
	return canvas_text(p->ctx->cv, x, p->y, p->x + p->w - x, text,
	    draw_fg(p->ctx, fg), CANVAS_DEFAULT, attr);
}

/* Text wrapped at blanks over at most max lines, indented by indent. */
static void
panel_wrap(panel_pen *p, int indent, int max, const char *text, uint32_t fg,
    int attr)
{
	char line[256];
	const char *s = text, *brk, *q;
	int w = p->w - indent, n;

	while (*s != '\0' && max-- > 0 && p->y < p->end) {
		brk = NULL;
		for (q = s, n = 0; *q != '\0' && n < w;
		    q += canvas_utf8_len(q), n++) {
			if (*q == ' ')
				brk = q;
		}
		if (*q == '\0' || brk == NULL || max == 0)
			brk = q;
		snprintf(line, sizeof line, "%.*s", (int)(brk - s), s);
		panel_put(p, p->x + indent, line, fg, attr);
		p->y++;
		s = *brk == ' ' ? brk + 1 : brk;
	}
}

/* The column where a pair's value starts. */
#define PANEL_VALUE_COLUMN 7

/* A label in dim text and a value after it: in the value column, or a
 * blank after a label too wide for it, never over the label. */
static void
panel_pair(panel_pen *p, const char *label, const char *value)
{
	int w = panel_put(p, p->x, label, p->ctx->th->dim, 0);

	panel_put(p, p->x + (w < PANEL_VALUE_COLUMN ? PANEL_VALUE_COLUMN :
	    w + 1), value, p->ctx->th->text, 0);
	p->y++;
}

/* The objective: name, dimension and formula. */
static void
panel_objective(panel_pen *p, const view *v)
{
	char dim[32];
	int used;

	used = panel_put(p, p->x, v->obj->type->name, p->ctx->th->accent,
	    CANVAS_BOLD);
	snprintf(dim, sizeof dim, "  d=%zu", v->obj->dim);
	panel_put(p, p->x + used, dim, p->ctx->th->dim, 0);
	p->y++;
	panel_wrap(p, 0, 3, v->obj->type->formula, p->ctx->th->text, 0);
}

/* The words for each local shape (readout.h). */
static const char *const panel_shapes[] = {
	[READOUT_CONVEX] = "convex here",
	[READOUT_CONCAVE] = "concave here",
	[READOUT_SADDLE] = "saddle-shaped here",
	[READOUT_FLAT] = "flat direction here",
};

/* The eigenvalues as "a, b" (the two extremes when there are more). */
static void
panel_eigen(const draw_ctx *ctx, const readout *pr, char *buf,
    size_t len)
{
	char lo[32], hi[32];

	draw_num(ctx, lo, sizeof lo, pr->lambda_min, 4);
	draw_num(ctx, hi, sizeof hi, pr->lambda_max, 4);
	snprintf(buf, len, "%s%s %s", lo, pr->n_eigen > 2 ? " …" : ",", hi);
}

/* The cursor: where, f, ‖∇f‖, Hessian eigenvalues, curvature, as the
 * view read them there (view_refresh_cursor). */
static void
panel_cursor(panel_pen *p, const view *v)
{
	const readout *pr = &v->cursor;
	char a[32], b[32], buf[96];

	if (!pr->valid)
		return;
	/* About a twentieth of a cell: every cursor move shows. Where the
	 * readings were taken: on a large objective they come a moment
	 * after the cursor (work.c). */
	snprintf(buf, sizeof buf, "(%s, %s)",
	    draw_fixed(p->ctx, a, sizeof a, pr->a,
	    (v->window.xmax - v->window.xmin) / 2000),
	    draw_fixed(p->ctx, b, sizeof b, pr->b,
	    (v->window.ymax - v->window.ymin) / 2000));
	panel_pair(p, "cursor", buf);
	panel_pair(p, "f", draw_num(p->ctx, buf, sizeof buf, pr->f, 6));
	/* Labels of their own where ∇ is missing: transliterated ones
	 * would not fit. */
	panel_pair(p, canvas_has(p->ctx->cv, "∇") ? "‖∇f‖" : "|grad|",
	    draw_num(p->ctx, buf, sizeof buf, pr->grad_norm, 4));
	if (!pr->has_eigen)
		return;
	panel_eigen(p->ctx, pr, buf, sizeof buf);
	panel_pair(p, canvas_has(p->ctx->cv, "∇") ? "λ(∇²f)" : "eig(H)", buf);
	panel_pair(p, "", panel_shapes[pr->shape]);
}

/* The kinds in legend order, and the words the legend uses. */
static const struct panel_kind {
	sd_point_kind	 kind;
	const char	*word;
	int		 always;	/* shown even when none is in view */
} panel_kinds[] = {
	{ SD_POINT_MIN, "min", 1 },
	{ SD_POINT_MAX, "max", 1 },
	{ SD_POINT_SADDLE, "saddle", 1 },
	{ SD_POINT_DEGENERATE_MIN, "degen. min", 0 },
	{ SD_POINT_DEGENERATE_MAX, "degen. max", 0 },
	{ SD_POINT_DEGENERATE_SADDLE, "degen. saddle", 0 },
};

/* A legend line for the undefined colour, when part of the view has no
 * finite f (a user formula's log of a negative, an overflow). */
static void
panel_undefined(panel_pen *p, const view *v)
{
	size_t total = v->field.cols * v->field.rows;
	char buf[64];
	int mono = p->ctx->depth == COLOR_NONE;

	if (total == 0 || v->field.n_finite == total)
		return;
	snprintf(buf, sizeof buf, " undefined: %.0f%% of view",
	    100.0 * (double)(total - v->field.n_finite) / (double)total);
	panel_put(p, p->x, mono ? "/" : (p->ctx->cv->ascii ? "#" : "█"),
	    p->ctx->th->undefined, 0);
	panel_put(p, p->x + 1, buf, p->ctx->th->text, 0);
	p->y++;
}

/* With --all (the A key): how many of the points lie beside the slice,
 * and how far. */
static void
panel_near(panel_pen *p, const view *v)
{
	double lo = INFINITY, hi = 0, off;
	char buf[96], a[32], b[32];
	size_t i, n = 0;

	if (!v->all)
		return;
	for (i = 0; v->points_valid && i < v->points.n; i++) {
		off = v->points.points[i].offset;
		if (!view_off_slice(v, off))
			continue;
		n++;
		lo = fmin(lo, off);
		hi = fmax(hi, off);
	}
	if (n == 0)
		snprintf(buf, sizeof buf, "near slice: none");
	else if (lo == hi)
		snprintf(buf, sizeof buf, "near slice: %zu, off %s", n,
		    draw_num(p->ctx, a, sizeof a, lo, 2));
	else
		snprintf(buf, sizeof buf, "near slice: %zu, off %s–%s", n,
		    draw_num(p->ctx, a, sizeof a, lo, 2),
		    draw_num(p->ctx, b, sizeof b, hi, 2));
	panel_put(p, p->x, buf, p->ctx->th->dim, 0);
	p->y++;
}

/* One entry of the legend at x, text in the dim colour: on the line
 * it starts when it fits, else at the start of the next. Returns where
 * the next entry would go. */
static int
panel_entry(panel_pen *p, int x, const char *text)
{
	int w = canvas_text_width(p->ctx->cv, text) + 2;

	if (x + w > p->x + p->w && x > p->x) {
		x = p->x;
		p->y++;
	}
	panel_put(p, x, text, p->ctx->th->dim, 0);
	return x + w;
}

/* Whether the points in view are proven to be all of them (certify.h),
 * as the legend's last entries at x: on the kinds' line when they fit;
 * where not, why the regions left are unresolved (unresolved.h's
 * words). Returns where the next entry would go. */
static int
panel_proof(panel_pen *p, const view *v, int x)
{
	const sd_point_list *l = &v->points;
	char buf[64], why[112];
	unsigned all = 0;
	size_t i;

	if (!v->points_valid)
		return x;
	if (l->complete)
		return panel_entry(p, x, "proved complete");
	if (l->near_cut)	/* --all's search off the slice, cut short */
		return panel_entry(p, x, "may be incomplete (budget cut)");
	if (l->boxes == 0)
		snprintf(buf, sizeof buf, "may be incomplete (not certified)");
	else
		snprintf(buf, sizeof buf, "may be incomplete (%zu region%s)",
		    l->n_unresolved, l->n_unresolved == 1 ? "" : "s");
	x = panel_entry(p, x, buf);
	for (i = 0; i < l->n_unresolved; i++)
		all |= l->why[i].why;
	if (all == 0)
		return x;
	memcpy(why, "why: ", 5);
	sd_unresolved_join(all, sd_unresolved_name, why + 5, sizeof why - 5);
	return panel_entry(p, x, why);
}

/* The stationary points in view: a count and the legend. */
static void
panel_points(panel_pen *p, const view *v)
{
	size_t count[SD_POINT_KIND_COUNT] = { 0 }, i, n;
	char buf[64];
	int x = p->x, w;

	n = v->points_valid ? v->points.n : 0;
	for (i = 0; i < n; i++)
		count[v->points.points[i].kind]++;
	if (v->points_valid)
		snprintf(buf, sizeof buf, "stationary points in view: %zu",
		    n);
	else
		snprintf(buf, sizeof buf, "finding stationary points…");
	panel_put(p, p->x, buf, p->ctx->th->dim, 0);
	p->y++;
	for (i = 0; i < sizeof panel_kinds / sizeof *panel_kinds; i++) {
		if (!panel_kinds[i].always && count[panel_kinds[i].kind] == 0)
			continue;
		/* No counts until the points are found: none is not 0. */
		if (v->points_valid)
			snprintf(buf, sizeof buf, " %s %zu",
			    panel_kinds[i].word, count[panel_kinds[i].kind]);
		else
			snprintf(buf, sizeof buf, " %s", panel_kinds[i].word);
		w = 1 + canvas_text_width(p->ctx->cv, buf) + 2;
		if (x + w > p->x + p->w && x > p->x) {
			x = p->x;
			p->y++;
		}
		panel_put(p, x, draw_point_glyph(p->ctx, panel_kinds[i].kind),
		    theme_point_color(p->ctx->th, panel_kinds[i].kind),
		    CANVAS_BOLD);
		panel_put(p, x + 1, buf, p->ctx->th->text, 0);
		x += w;
	}
	panel_proof(p, v, x);
	p->y++;
	panel_near(p, v);
	panel_undefined(p, v);
}

/* A racer's first line: selection mark, swatch, method, and at the
 * right end right, or shorter when that would not fit. */
static void
panel_racer_head(panel_pen *p, const view *v, int k, const char *right,
    const char *shorter)
{
	const racer *r = v->racers[k];
	int used, w;

	used = panel_put(p, p->x, k == v->selected ? "▸" : " ",
	    p->ctx->th->accent, CANVAS_BOLD);
	used += panel_put(p, p->x + used, draw_racer_swatch(p->ctx, k),
	    draw_racer_color(p->ctx, k), CANVAS_BOLD);
	used += 1 + panel_put(p, p->x + used + 1, r->opt->type->name,
	    p->ctx->th->text, CANVAS_BOLD);
	w = canvas_text_width(p->ctx->cv, right);
	if (used + 1 + w > p->w) {
		right = shorter;
		w = canvas_text_width(p->ctx->cv, right);
	}
	if (used + 1 + w <= p->w)
		panel_put(p, p->x + p->w - w, right, p->ctx->th->text, 0);
	p->y++;
}

/* In d > 2, how far the racer's current point is from the slice: the path
 * is drawn projected, and this is what the projection hides. */
static void
panel_offset(panel_pen *p, const view *v, const racer *r)
{
	char buf[64], num[32];
	double a, b, off;

	if (v->obj->dim <= 2 || r->trace.n == 0)
		return;
	sd_chart_project(&v->chart, r->opt->x, &a, &b, &off);
	snprintf(buf, sizeof buf, "off the slice by %s",
	    draw_num(p->ctx, num, sizeof num, off, 3));
	panel_wrap(p, 3, 1, buf, p->ctx->th->dim, 0);
}

/* One racer in full: head; parameters; f and ‖∇f‖; the distance from the
 * slice; its stop when no event says it (draw_events has the events). */
static void
panel_racer(panel_pen *p, const view *v, int k)
{
	const racer *r = v->racers[k];
	char buf[256], f[32], g[32];

	snprintf(buf, sizeof buf, "step %zu", r->opt->iter);
	panel_racer_head(p, v, k, buf, buf);
	racer_params(r, buf, sizeof buf);
	if (buf[0] != '\0')
		panel_wrap(p, 3, 2, buf, p->ctx->th->dim, 0);
	snprintf(buf, sizeof buf, "f %s  ‖∇f‖ %s",
	    draw_num(p->ctx, f, sizeof f, r->opt->f, 5),
	    draw_num(p->ctx, g, sizeof g, sd_optimizer_grad_norm(r->opt), 3));
	panel_wrap(p, 3, 1, buf, p->ctx->th->text, 0);
	panel_offset(p, v, r);
	if (r->trace.stop != SD_STOP_NONE && r->trace.stop != SD_STOP_STEPS &&
	    r->trace.n_events == 0) {
		snprintf(buf, sizeof buf, "stopped: %s",
		    sd_stop_reason_name(r->trace.stop));
		panel_wrap(p, 3, 1, buf, p->ctx->th->accent, 0);
	}
}

/* One racer on one line, when the panel is short of rows; in d > 2 with
 * its distance from the slice, which outlives f when room is short. */
static void
panel_racer_compact(panel_pen *p, const view *v, int k)
{
	const racer *r = v->racers[k];
	char buf[96], step[64], f[32], o[32];
	double a, b, off;

	snprintf(step, sizeof step, "step %zu", r->opt->iter);
	if (v->obj->dim > 2 && r->trace.n > 0) {
		sd_chart_project(&v->chart, r->opt->x, &a, &b, &off);
		snprintf(step, sizeof step, "off %s  step %zu",
		    draw_num(p->ctx, o, sizeof o, off, 2), r->opt->iter);
	}
	snprintf(buf, sizeof buf, "f %s  %s",
	    draw_num(p->ctx, f, sizeof f, r->opt->f, 4), step);
	panel_racer_head(p, v, k, buf, step);
}

/* The rows the latest events get below the racers: all they want while
 * every racer keeps a row, else at least the title and one line. */
static int
panel_events_rows(const panel_pen *p, const view *v)
{
	int want = draw_events_rows(v), room = p->end - p->y - v->n_racers;

	if (want > room)
		want = room > 2 ? room : 2;
	return want < p->end - p->y ? want : 0;
}

/* The racers and where they start, and their latest events below. */
static void
panel_racers(panel_pen *p, const view *v)
{
	char buf[96], a[32], b[32];
	int k, left, compact = 0, ev, end = p->end;

	snprintf(buf, sizeof buf, "racers from (%s, %s)",
	    draw_num(p->ctx, a, sizeof a, v->start_a, 4),
	    draw_num(p->ctx, b, sizeof b, v->start_b, 4));
	panel_put(p, p->x, v->n_racers ? buf : "no racers: a adds one",
	    p->ctx->th->dim, 0);
	p->y++;
	ev = panel_events_rows(p, v);
	p->end -= ev;
	for (k = 0; k < v->n_racers; k++) {
		/* The last racer may be cut short; the others must fit. */
		left = p->end - p->y - (v->n_racers - k - 1);
		if (left < (k == v->n_racers - 1 ? 3 : PANEL_RACER_ROWS)) {
			compact = 1;
			if (p->y == p->end - 1 && k < v->n_racers - 1) {
				snprintf(buf, sizeof buf, "… and %d more",
				    v->n_racers - k);
				panel_put(p, p->x + 3, buf, p->ctx->th->dim, 0);
				break;
			}
		}
		if (compact)
			panel_racer_compact(p, v, k);
		else
			panel_racer(p, v, k);
	}
	/* Right below the racers, after a blank row when there is room. */
	p->y += p->y < p->end;
	draw_events(p->ctx, v, (canvas_rect){ p->x, p->y, p->w, ev });
	p->y += ev;
	p->end = end;
}

int
draw_tour(draw_ctx *ctx, const char *title, const char *text, int at,
    int n, canvas_rect r, int max)
{
	panel_pen p = { ctx, r.x + 2, r.y, r.w - 3, r.y + max - 1 };
	char head[64], line[TOUR_LINE_MAX];
	const char *s = text;
	size_t len;
	int y;

	canvas_fill(ctx->cv, (canvas_rect){ r.x, r.y, r.w, max }, " ",
	    CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	snprintf(head, sizeof head, "stop %d of %d", at + 1, n);
	panel_put(&p, p.x, head, ctx->th->dim, 0);
	p.y++;
	panel_wrap(&p, 0, 2, title, ctx->th->text, CANVAS_BOLD);
	while (*s != '\0' && p.y < p.end) {
		len = strcspn(s, "\n");
		snprintf(line, sizeof line, "%.*s", (int)len, s);
		if (len == 0)
			p.y++;
		panel_wrap(&p, 0, max, line, ctx->th->text, 0);
		s += len + (s[len] == '\n');
	}
	p.end = r.y + max;
	panel_put(&p, p.x, ctx->cv->ascii ? "n next, b back, r replay" :
	    "n next · b back · r replay", ctx->th->dim, 0);
	p.y++;
	for (y = r.y; y < p.y; y++)
		canvas_set(ctx->cv, r.x, y, ctx->cv->ascii ? "|" : "│",
		    draw_fg(ctx, ctx->th->border), CANVAS_DEFAULT, 0);
	return p.y - r.y;
}

void
draw_panel(draw_ctx *ctx, const view *v, canvas_rect r, canvas_rect loss)
{
	const int rows = draw_vectors_rows(v), vec = rows ? rows + 1 : 0;
	panel_pen p = { ctx, r.x + 2, r.y, r.w - 3, loss.y - 1 - vec };
	int y;

	canvas_fill(ctx->cv, r, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	for (y = r.y; y < r.y + r.h; y++)
		canvas_set(ctx->cv, r.x, y, ctx->cv->ascii ? "|" : "│",
		    draw_fg(ctx, ctx->th->border), CANVAS_DEFAULT, 0);
	panel_objective(&p, v);
	p.y++;
	panel_cursor(&p, v);
	p.y++;
	panel_points(&p, v);
	p.y++;
	panel_racers(&p, v);
	draw_vectors_panel(ctx, v, (canvas_rect){ p.x, p.end, p.w, vec });
	if (v->line.n > 0)
		draw_line(ctx, v, loss);
	else
		draw_loss(ctx, v, loss);
}
