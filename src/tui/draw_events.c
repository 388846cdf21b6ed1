/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_events.c: the panel's latest events: one line for each racer that
 * has had one, in its colour and with its number, in words short enough
 * for the panel (the point's glyph for its kind, fewer digits and "#N"
 * for the step when the words do not fit); with more racers than rows the
 * lines scroll so that the selected racer's stays in view. */
#include "config.h"

#include <stdio.h>

#include "draw_parts.h"

/* How each kind of event starts its line. */
static const char *const event_verbs[SD_EVENT_KIND_COUNT] = {
	[SD_EVENT_ENTER_SADDLE] = "entered",
	[SD_EVENT_ESCAPE_SADDLE] = "escaped",
	[SD_EVENT_CONVERGED] = "converged",
	[SD_EVENT_SINGULAR] = "singular ∇²f",
	[SD_EVENT_DIVERGED] = "diverged",
	[SD_EVENT_STUCK] = "stuck",
};

/* The latest event of racer r as one short line: what, the glyph of the
 * point's kind, where (to sig digits), and when (the steps spent in a
 * saddle's neighbourhood on leaving it; else the step it happened at),
 * in words or, when short, as "#N". */
static void
event_line(const draw_ctx *ctx, const racer *r, int sig, int short_when,
    char *buf, size_t len)
{
	const sd_event *ev = &r->trace.events[r->trace.n_events - 1];
	const int known = ev->point_kind < SD_POINT_KIND_COUNT;
	const int escape = ev->kind == SD_EVENT_ESCAPE_SADDLE;
	char a[24], b[24], when[48];
	double ea, eb;

	sd_event_where(ev, r->mon.points, &ea, &eb);
	snprintf(when, sizeof when, "%s%zu", short_when ? "#" : escape ?
	    "after " : "step ", escape ? ev->steps : ev->iter);
	snprintf(buf, len, "%s %s%s(%s, %s) %s", event_verbs[ev->kind],
	    known ? draw_point_glyph(ctx, ev->point_kind) : "",
	    known ? " " : "", draw_num(ctx, a, sizeof a, ea, sig),
	    draw_num(ctx, b, sizeof b, eb, sig), when);
}

/* event_line in the first of its forms that fits w cells, from the
 * fullest down (the shortest may still be cut). */
static void
event_fit(const draw_ctx *ctx, const racer *r, int w, char *buf,
    size_t len)
{
	static const struct { int sig, short_when; } forms[] = {
		{ 3, 0 }, { 2, 0 }, { 2, 1 }
	};
	size_t i;

	for (i = 0; i < sizeof forms / sizeof *forms; i++) {
		event_line(ctx, r, forms[i].sig, forms[i].short_when, buf, len);
		if (canvas_text_width(ctx->cv, buf) <= w)
			return;
	}
}

/* How many racers have had an event, and the rank among them of the
 * selected one (0 when it has had none). */
static int
events_count(const view *v, int *selected)
{
	int k, n = 0;

	*selected = 0;
	for (k = 0; k < v->n_racers; k++) {
		if (v->racers[k]->trace.n_events == 0)
			continue;
		if (k == v->selected)
			*selected = n;
		n++;
	}
	return n;
}

int
draw_events_rows(const view *v)
{
	int sel, n = events_count(v, &sel);

	return n > 0 ? n + 1 : 0;
}

/* The title: how many lines are shown when some are scrolled away. */
static void
events_title(draw_ctx *ctx, canvas_rect r, int first, int shown, int n)
{
	char buf[64];

	if (shown < n)
		snprintf(buf, sizeof buf, "latest events %d–%d of %d",
		    first + 1, first + shown, n);
	else
		snprintf(buf, sizeof buf, "latest events");
	canvas_text(ctx->cv, r.x, r.y, r.w, buf, draw_fg(ctx, ctx->th->dim),
	    CANVAS_DEFAULT, 0);
}

void
draw_events(draw_ctx *ctx, const view *v, canvas_rect r)
{
	int sel, n = events_count(v, &sel), shown = r.h - 1, first, i, k, x;
	char buf[160], num[16];
	uint32_t fg;

	if (n == 0 || shown < 1)
		return;
	if (shown > n)
		shown = n;
	first = sel - shown / 2;
	first = first > n - shown ? n - shown : first < 0 ? 0 : first;
	events_title(ctx, r, first, shown, n);
	for (k = 0, i = 0; k < v->n_racers; k++) {
		if (v->racers[k]->trace.n_events == 0 || i++ < first ||
		    i > first + shown)
			continue;
		fg = draw_racer_color(ctx, k);
		snprintf(num, sizeof num, "%s%d", ctx->cv->ascii ? "=" : "━",
		    k + 1);
		x = r.x + canvas_text(ctx->cv, r.x, r.y + i - first, r.w, num,
		    draw_fg(ctx, fg), CANVAS_DEFAULT, k == v->selected ?
		    CANVAS_BOLD : 0);
		event_fit(ctx, v->racers[k], r.x + r.w - x - 1, buf,
		    sizeof buf);
		canvas_text(ctx->cv, x + 1, r.y + i - first, r.x + r.w - x - 1,
		    buf, draw_fg(ctx, ctx->th->accent), CANVAS_DEFAULT, 0);
	}
}
