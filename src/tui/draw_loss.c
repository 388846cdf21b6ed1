/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_loss.c: the loss curve at the panel's foot: log10(f − f*) of each
 * racer by step, in braille dots, in its colour (without colour, its dash
 * pattern). A curve of more steps than the plot has dot columns is drawn
 * a column at a time, from the least and greatest f of the steps in it
 * (trail.h keeps them by blocks): the dots the whole polyline would set,
 * at a cost that does not grow with the run (issue 13). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "dots.h"
#include "draw_parts.h"
#include "trail.h"

/* A curve is drawn a column at a time once its steps outnumber the dot
 * columns this many times; below, step by step (cheap, and the dash
 * pattern runs along the polyline as it always has). */
#define LOSS_THIN	4

/* The loss of f: log10(f − f*), floored (NaN too). */
static double
loss_of(double f, double fstar, double floor10)
{
	double d = f - fstar;

	return d > 0 ? fmax(log10(d), floor10) : floor10;
}

/* The least (*ylo) and greatest (*yhi) loss over iterates [i0, i1) of
 * racer r: loss_of is monotone in f, so f's extremes give them. */
static void
loss_span(const racer *r, size_t i0, size_t i1, double fstar,
    double floor10, double *ylo, double *yhi)
{
	double flo, fhi;
	int nan;

	trail_f_range(r->trail, r, i0, i1, &flo, &fhi, &nan);
	*ylo = nan || flo == INFINITY ? floor10 : loss_of(flo, fstar, floor10);
	*yhi = fhi == -INFINITY ? floor10 : loss_of(fhi, fstar, floor10);
}

/* The decades the curve spans: [lo, hi], at least one decade. */
static void
loss_range(const view *v, double fstar, double *lo, double *hi)
{
	const racer *r;
	double ylo, yhi;
	int k;

	*lo = INFINITY;
	*hi = -INFINITY;
	for (k = 0; k < v->n_racers; k++) {
		r = v->racers[k];
		if (r->trace.n == 0)
			continue;
		loss_span(r, 0, r->trace.n, fstar, -16, &ylo, &yhi);
		*lo = fmin(*lo, ylo);
		*hi = fmax(*hi, yhi);
	}
	*lo = floor(*lo);
	*hi = ceil(*hi);
	if (*hi - *lo < 1)
		*hi = *lo + 1;
}

/* Where the curve's points go: x by step, y by loss. */
typedef struct loss_axes {
	double	sx, sy;		/* the last dot column and row */
	size_t	tmax;		/* the step at sx */
	double	fstar, lo, hi;	/* f*, and the decades at sy and 0 */
} loss_axes;

/* Iterate i of r in dot coordinates. */
static void
loss_dot(const loss_axes *ax, const racer *r, size_t i, double *x,
    double *y)
{
	*x = ax->tmax ? ax->sx * (double)i / (double)ax->tmax : 0;
	*y = ax->sy * (ax->hi - loss_of(r->trace.f[i], ax->fstar, ax->lo)) /
	    (ax->hi - ax->lo);
}

/* Racer r's curve step by step, each step a line from the one before. */
static void
loss_polyline(dots *d, const loss_axes *ax, const racer *r, uint32_t color,
    uint16_t dash)
{
	double x0 = 0, y0 = 0, x1, y1;
	unsigned phase = 0;
	size_t i;

	for (i = 0; i < r->trace.n; i++) {
		loss_dot(ax, r, i, &x1, &y1);
		if (i == 0)
			x0 = x1, y0 = y1;
		dots_line_dashed(d, x0, y0, x1, y1, color, dash, &phase);
		x0 = x1;
		y0 = y1;
	}
}

/* The first iterate after i0 (< n) in a dot column right of i0's. */
static size_t
loss_column_end(const loss_axes *ax, size_t i0, size_t n)
{
	double c = floor(ax->sx * (double)i0 / (double)ax->tmax);
	size_t i = (size_t)((c + 1) * (double)ax->tmax / ax->sx);

	/* The guess is within a step or two of it, either way. */
	if (i <= i0)
		i = i0 + 1;
	while (i < n && floor(ax->sx * (double)i / (double)ax->tmax) <= c)
		i++;
	while (i > i0 + 1 && floor(ax->sx * (double)(i - 1) /
	    (double)ax->tmax) > c)
		i--;
	return i < n ? i : n;
}

/* Racer r's curve a dot column at a time: the line every step in it
 * would draw (from its least to its greatest loss), and the line into it
 * from the column before; the same dots as loss_polyline's, at a cost
 * of the columns, not the steps. */
static void
loss_columns(dots *d, const loss_axes *ax, const racer *r, uint32_t color,
    uint16_t dash)
{
	double x, y, xp = 0, yp = 0, ylo, yhi, y0, y1;
	unsigned phase = 0;
	size_t i0, i1;

	for (i0 = 0; i0 < r->trace.n; i0 = i1) {
		i1 = loss_column_end(ax, i0, r->trace.n);
		loss_dot(ax, r, i0, &x, &y);
		if (i0 > 0)
			dots_line_dashed(d, xp, yp, x, y, color, dash, &phase);
		loss_span(r, i0, i1, ax->fstar, ax->lo, &ylo, &yhi);
		y0 = ax->sy * (ax->hi - yhi) / (ax->hi - ax->lo);
		y1 = ax->sy * (ax->hi - ylo) / (ax->hi - ax->lo);
		dots_line_dashed(d, floor(x), y0, floor(x), y1, color, dash,
		    &phase);
		loss_dot(ax, r, i1 - 1, &xp, &yp);
	}
}

/* The curves of every racer into a dot raster of w × h cells, each in
 * its racer's colour and dash pattern. */
static void
loss_curves(draw_ctx *ctx, const view *v, dots *d, size_t tmax,
    double fstar, double lo, double hi)
{
	const loss_axes ax = { 2.0 * d->w - 1, 4.0 * d->h - 1, tmax, fstar,
	    lo, hi };
	const int thin = (double)tmax > LOSS_THIN * (ax.sx + 1);
	int k;

	for (k = 0; k < v->n_racers; k++)
		(thin ? loss_columns : loss_polyline)(d, &ax, v->racers[k],
		    draw_racer_color(ctx, k), draw_racer_dash(ctx, k));
}

void
draw_loss(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const int lw = 6;
	double fstar = view_fmin(v), lo, hi;
	size_t tmax = 0;
	char buf[48];
	dots d;
	int k;

	canvas_text(ctx->cv, r.x, r.y, r.w, "f − f* (log scale) by step",
	    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
	for (k = 0; k < v->n_racers; k++) {
		if (v->racers[k]->trace.n > tmax + 1)
			tmax = v->racers[k]->trace.n - 1;
	}
	if (v->n_racers == 0 || !isfinite(fstar) || r.h < 4)
		return;
	loss_range(v, fstar, &lo, &hi);
	snprintf(buf, sizeof buf, "1e%+d", (int)hi);
	canvas_text(ctx->cv, r.x, r.y + 1, lw, buf, draw_fg(ctx, ctx->th->dim),
	    CANVAS_DEFAULT, 0);
	snprintf(buf, sizeof buf, "1e%+d", (int)lo);
	canvas_text(ctx->cv, r.x, r.y + r.h - 2, lw, buf,
	    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
	canvas_text(ctx->cv, r.x + lw, r.y + r.h - 1, 1, "0",
	    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
	snprintf(buf, sizeof buf, "%zu", tmax);
	canvas_text(ctx->cv, r.x + r.w - (int)strlen(buf), r.y + r.h - 1,
	    (int)strlen(buf), buf, draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT,
	    0);
	if (dots_init(&d, r.w - lw, r.h - 2) != 0)
		return;
	for (k = 0; k < r.h - 2; k++)
		canvas_set(ctx->cv, r.x + lw - 1, r.y + 1 + k,
		    ctx->cv->ascii ? "|" : "│", draw_fg(ctx, ctx->th->border),
		    CANVAS_DEFAULT, 0);
	loss_curves(ctx, v, &d, tmax, fstar, lo, hi);
	dots_blit(&d, ctx->cv, r.x + lw, r.y + 1);
	dots_done(&d);
}
