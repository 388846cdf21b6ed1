/* SPDX-License-Identifier: GPL-3.0-or-later */
/* draw_vectors.c: each racer's vectors at its current point (:vectors,
 * racer_vectors): gd's step −lr·∇f as a solid braille line, the last
 * update taken as a dotted one and, for adagrad, rmsprop and adam, the
 * box of the per-coordinate steps their preconditioner gives the
 * gradient (racer_step_sizes), in the racer's colour, all scaled by one
 * factor shown in the panel, where the selected racer's numbers are. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dots.h"
#include "draw_parts.h"

/* The longest vector spans this part of the window. */
#define VECTORS_REACH 0.2

/* One racer's vectors in chart units: its point (a, b) and the chart
 * components of the gd step [0] and of the last update [1]; -1 when it
 * has none. */
static int
vectors_of(const view *v, const racer *r, double *a, double *b,
    double comp[2][2])
{
	const size_t d = v->obj->dim;
	double *vec, *x, ea, eb;
	int i, rc = -1;
	size_t k;

	if ((vec = malloc(3 * d * sizeof *vec)) == NULL)
		return -1;
	x = vec + 2 * d;
	if (racer_vectors(r, vec, vec + d) == 0) {
		racer_at(r, &v->chart, r->trace.n - 1, a, b);
		for (i = 0; i < 2; i++) {
			for (k = 0; k < d; k++)
				x[k] = r->trace.x[(r->trace.n - 1) * d + k] +
				    vec[i * d + k];
			sd_chart_project(&v->chart, x, &ea, &eb, NULL);
			comp[i][0] = ea - *a;
			comp[i][1] = eb - *b;
		}
		rc = 0;
	}
	free(vec);
	return rc;
}

/* The half-sides in chart units of racer r's box of per-coordinate steps,
 * and its per-coordinate scaling into scaling (dim entries, may be NULL):
 * the box's projection on a plane chart is bounded by Σ|u_i|·box_i along
 * u and Σ|v_i|·box_i along v (exactly the box on a 2D objective's
 * default chart). 0 with a box, 1 with the scaling only (a sphere's chart
 * is not linear: no rectangle to draw), -1 when the method has none. */
static int
box_of(const view *v, const racer *r, double half[2], double *scaling)
{
	const size_t d = v->obj->dim;
	double *s, *box;
	size_t i;
	int rc = -1;

	if ((s = malloc(2 * d * sizeof *s)) == NULL)
		return -1;
	box = s + d;
	if (racer_step_sizes(r, s, box) == 0) {
		half[0] = half[1] = 0;
		for (i = 0; i < d; i++) {
			half[0] += fabs(v->chart.u[i]) * box[i];
			half[1] += fabs(v->chart.v[i]) * box[i];
		}
		if (scaling != NULL)
			memcpy(scaling, s, d * sizeof *s);
		rc = v->chart.kind == SD_CHART_PLANE ? 0 : 1;
	}
	free(s);
	return rc;
}

double
draw_vectors_scale(const view *v)
{
	const double ww = v->window.xmax - v->window.xmin;
	const double wh = v->window.ymax - v->window.ymin;
	double a, b, c[2][2], h[2], most = 0, s, e;
	int k, i;

	for (k = 0; k < v->n_racers; k++) {
		if (vectors_of(v, v->racers[k], &a, &b, c) != 0)
			continue;
		for (i = 0; i < 2; i++)
			most = fmax(most, hypot(c[i][0] / ww, c[i][1] / wh));
		if (box_of(v, v->racers[k], h, NULL) == 0)
			most = fmax(most, hypot(h[0] / ww, h[1] / wh));
	}
	if (!(most > 0) || !isfinite(most))
		return 1;
	/* Down to 1, 2 or 5 times a power of ten, so the label reads. */
	s = VECTORS_REACH / most;
	e = pow(10, floor(log10(s)));
	return s >= 5 * e ? 5 * e : s >= 2 * e ? 2 * e : e;
}

/* A dotted line: every other dot of the way. */
static void
vectors_dotted(dots *d, double x0, double y0, double x1, double y1,
    uint32_t color)
{
	int n = (int)ceil(hypot(x1 - x0, y1 - y0)), i;

	for (i = 0; i <= n && n < 100000; i += 2)
		dots_set(d, (int)lround(x0 + (x1 - x0) * i / (n ? n : 1)),
		    (int)lround(y0 + (y1 - y0) * i / (n ? n : 1)), color);
}

/* The box centred on (x0, y0), half-sides hx, hy in dots. */
static void
vectors_box(dots *d, double x0, double y0, double hx, double hy,
    uint32_t color)
{
	dots_line(d, x0 - hx, y0 - hy, x0 + hx, y0 - hy, color);
	dots_line(d, x0 + hx, y0 - hy, x0 + hx, y0 + hy, color);
	dots_line(d, x0 + hx, y0 + hy, x0 - hx, y0 + hy, color);
	dots_line(d, x0 - hx, y0 + hy, x0 - hx, y0 - hy, color);
}

void
draw_vectors(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const sd_window *w = &v->window;
	const double sx = 2 * r.w / (w->xmax - w->xmin);
	const double sy = 4 * r.h / (w->ymax - w->ymin);
	double a, b, c[2][2], h[2], s, x0, y0;
	uint32_t color;
	dots d;
	int k;

	if (!v->vectors || v->n_racers == 0 || dots_init(&d, r.w, r.h) != 0)
		return;
	s = draw_vectors_scale(v);
	for (k = 0; k < v->n_racers; k++) {
		if (vectors_of(v, v->racers[k], &a, &b, c) != 0)
			continue;
		color = draw_racer_color(ctx, k);
		x0 = (a - w->xmin) * sx;
		y0 = (w->ymax - b) * sy;
		dots_line(&d, x0, y0, x0 + s * c[0][0] * sx,
		    y0 - s * c[0][1] * sy, color);
		vectors_dotted(&d, x0, y0, x0 + s * c[1][0] * sx,
		    y0 - s * c[1][1] * sy, color);
		if (box_of(v, v->racers[k], h, NULL) == 0)
			vectors_box(&d, x0, y0, s * h[0] * sx, s * h[1] * sy,
			    color);
	}
	dots_blit(&d, ctx->cv, r.x, r.y);
	dots_done(&d);
}

/* One line of numbers: what, the chart components and, when length,
 * the length there. */
static void
vectors_line(draw_ctx *ctx, int x, int y, int w, const char *what,
    const double c[2], int length, uint32_t fg)
{
	char buf[96], a[24], b[24], n[24];

	snprintf(buf, sizeof buf, "%s (%s, %s) %s", what,
	    draw_num(ctx, a, sizeof a, c[0], 3),
	    draw_num(ctx, b, sizeof b, c[1], 3),
	    length ? draw_num(ctx, n, sizeof n, hypot(c[0], c[1]), 3) : "");
	canvas_text(ctx->cv, x, y, w, buf, draw_fg(ctx, fg), CANVAS_DEFAULT,
	    0);
}

/* The scaling as "(s1, s2)" in 2D, else its range "s_min … s_max". */
static void
vectors_scaling(draw_ctx *ctx, const double *s, size_t d, char *buf,
    size_t len)
{
	char a[24], b[24];
	double lo = s[0], hi = s[0];
	size_t i;

	for (i = 1; i < d; i++) {
		lo = fmin(lo, s[i]);
		hi = fmax(hi, s[i]);
	}
	if (d == 2)
		snprintf(buf, len, "(%s, %s)", draw_num(ctx, a, sizeof a, s[0],
		    3), draw_num(ctx, b, sizeof b, s[1], 3));
	else
		snprintf(buf, len, "%s … %s", draw_num(ctx, a, sizeof a, lo, 3),
		    draw_num(ctx, b, sizeof b, hi, 3));
}

/* The box's two lines: its half-sides, and the scaling against gd's
 * step. */
static void
vectors_box_lines(draw_ctx *ctx, const view *v, const racer *sel,
    canvas_rect r, uint32_t fg)
{
	char buf[96], sc[64];
	double h[2], *s;
	int rc;

	if ((s = malloc(v->obj->dim * sizeof *s)) == NULL)
		return;
	if ((rc = box_of(v, sel, h, s)) == 0)
		vectors_line(ctx, r.x, r.y + 3, r.w, "□ box ±", h, 0, fg);
	else if (rc == 1)
		canvas_text(ctx->cv, r.x, r.y + 3, r.w, "□ (no box on a sphere)",
		    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
	if (rc >= 0) {
		vectors_scaling(ctx, s, v->obj->dim, sc, sizeof sc);
		snprintf(buf, sizeof buf, "  step/gd's %s", sc);
		canvas_text(ctx->cv, r.x, r.y + 4, r.w, buf, draw_fg(ctx, fg),
		    CANVAS_DEFAULT, 0);
	}
	free(s);
}

int
draw_vectors_rows(const view *v)
{
	double h[2];

	if (!v->vectors || v->n_racers == 0)
		return 0;
	return box_of(v, v->racers[v->selected], h, NULL) >= 0 ?
	    DRAW_VECTORS_ROWS + 2 : DRAW_VECTORS_ROWS;
}

void
draw_vectors_panel(draw_ctx *ctx, const view *v, canvas_rect r)
{
	const racer *sel;
	double a, b, c[2][2];
	char buf[96], s[24];
	uint32_t fg;

	if (!v->vectors || v->n_racers == 0 || r.h < DRAW_VECTORS_ROWS)
		return;
	sel = v->racers[v->selected];
	fg = draw_racer_color(ctx, v->selected);
	snprintf(buf, sizeof buf, "vectors ×%s  (racer %d, %s)",
	    draw_num(ctx, s, sizeof s, draw_vectors_scale(v), 3),
	    v->selected + 1, sel->opt->type->name);
	canvas_text(ctx->cv, r.x, r.y, r.w, buf, draw_fg(ctx, ctx->th->dim),
	    CANVAS_DEFAULT, 0);
	if (vectors_of(v, sel, &a, &b, c) != 0)
		return;
	vectors_line(ctx, r.x, r.y + 1, r.w, "━ −lr∇f", c[0], 1, fg);
	vectors_line(ctx, r.x, r.y + 2, r.w, "┄ last", c[1], 1, fg);
	if (r.h >= DRAW_VECTORS_ROWS + 2)
		vectors_box_lines(ctx, v, sel, r, fg);
}
