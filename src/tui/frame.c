/* SPDX-License-Identifier: GPL-3.0-or-later */
/* frame.c: the frame composed from its parts, with its title, status and
 * command line, the help overlay and the too-small message (see
 * frame.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw_parts.h"
#include "frame.h"

/* The hints the status line shows when nothing else is to be said. */
static const char frame_hints[] = "?:help  space:step  p:play  a:add racer"
    "  enter:start here  ::command  q:quit";

/* The title line: the objective, the window and the levels. */
static void
frame_title(draw_ctx *ctx, const view *v, canvas_rect r)
{
	char right[160], x0[32], x1[32], y0[32], y1[32];
	char chart[VIEW_CHART_NAME + 8];
	const char *levels;
	double dx, dy;
	int x, w;

	canvas_fill(ctx->cv, r, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	x = r.x + 1;
	x += canvas_text(ctx->cv, x, r.y, r.w - 2, "saddle",
	    draw_fg(ctx, ctx->th->accent), CANVAS_DEFAULT, CANVAS_BOLD);
	x += 2;
	x += canvas_text(ctx->cv, x, r.y, r.x + r.w - x, v->obj->spec,
	    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, CANVAS_BOLD);
	/* The plane shown: after :chart random:3 nothing else says so. */
	snprintf(chart, sizeof chart, "  chart %s", v->chart_name);
	x += canvas_text(ctx->cv, x, r.y, r.x + r.w - x, chart,
	    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, 0);
	levels = view_levels_name(v->lv_mode == VIEW_LEVELS_AUTO ?
	    view_levels_used(v) : v->lv_mode);
	/* Enough digits to tell the ends apart at any zoom. */
	dx = (v->window.xmax - v->window.xmin) / 100;
	dy = (v->window.ymax - v->window.ymin) / 100;
	snprintf(right, sizeof right, "[%s, %s] × [%s, %s]  %d %s levels",
	    draw_fixed(ctx, x0, sizeof x0, v->window.xmin, dx),
	    draw_fixed(ctx, x1, sizeof x1, v->window.xmax, dx),
	    draw_fixed(ctx, y0, sizeof y0, v->window.ymin, dy),
	    draw_fixed(ctx, y1, sizeof y1, v->window.ymax, dy), v->bands,
	    levels);
	w = canvas_text_width(ctx->cv, right);
	if (r.x + r.w - 1 - w > x + 2)
		canvas_text(ctx->cv, r.x + r.w - 1 - w, r.y, w, right,
		    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
}

/* The ':' line with its cursor, and the completions above it. */
static void
frame_command(draw_ctx *ctx, canvas_rect r, const frame_ui *ui)
{
	int x = r.x, i, pos = 0, k;
	const char *s = ui->command;
	char one[8];

	canvas_text(ctx->cv, x++, r.y, 1, ":", draw_fg(ctx, ctx->th->accent),
	    CANVAS_DEFAULT, CANVAS_BOLD);
	for (i = 0; s[i] != '\0' && x < r.x + r.w - 1; i += k) {
		k = canvas_utf8_len(s + i);
		memcpy(one, s + i, (size_t)k);
		one[k] = '\0';
		canvas_text(ctx->cv, x++, r.y, 1, one, CANVAS_DEFAULT,
		    CANVAS_DEFAULT, i == ui->command_pos ? CANVAS_REVERSE : 0);
		pos = i + k;
	}
	if (pos <= ui->command_pos)
		canvas_set(ctx->cv, x, r.y, " ", CANVAS_DEFAULT,
		    CANVAS_DEFAULT, CANVAS_REVERSE);
	if (ui->n_candidates <= 1)
		return;
	x = r.x;
	canvas_fill(ctx->cv, (canvas_rect){ r.x, r.y - 1, r.w, 1 }, " ",
	    CANVAS_DEFAULT, CANVAS_DEFAULT, CANVAS_REVERSE);
	for (i = 0; i < ui->n_candidates && x < r.x + r.w; i++) {
		x += canvas_text(ctx->cv, x, r.y - 1, r.x + r.w - x,
		    ui->candidates[i], CANVAS_DEFAULT, CANVAS_DEFAULT,
		    CANVAS_REVERSE | (i == ui->candidate ? CANVAS_BOLD : 0));
		x += canvas_text(ctx->cv, x, r.y - 1, r.x + r.w - x, "  ",
		    CANVAS_DEFAULT, CANVAS_DEFAULT, CANVAS_REVERSE);
	}
}

/* The status line: the command line when it is open, else the message,
 * else the work under way (or the hints) and the speed. */
static void
frame_status(draw_ctx *ctx, canvas_rect r, const frame_ui *ui)
{
	char speed[48];
	int w;

	canvas_fill(ctx->cv, r, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	if (ui->command != NULL) {
		frame_command(ctx, r, ui);
		return;
	}
	if (ui->message != NULL) {
		canvas_text(ctx->cv, r.x + 1, r.y, r.w - 2, ui->message,
		    draw_fg(ctx, ui->error ? ctx->th->marker[THEME_MAX] :
		    ctx->th->text), CANVAS_DEFAULT, ui->error ? CANVAS_BOLD :
		    0);
		return;
	}
	snprintf(speed, sizeof speed, "%s %g steps/s",
	    ui->playing ? "▶ playing," : "paused,", ui->speed);
	w = canvas_text_width(ctx->cv, speed);
	canvas_text(ctx->cv, r.x + 1, r.y, r.w - w - 4, ui->busy ? ui->busy :
	    frame_hints, draw_fg(ctx, ui->busy ? ctx->th->text :
	    ctx->th->dim), CANVAS_DEFAULT, 0);
	canvas_text(ctx->cv, r.x + r.w - 1 - w, r.y, w, speed,
	    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, 0);
}

void
frame_too_small(draw_ctx *ctx)
{
	char l1[96], l2[96];
	int y = ctx->cv->rows / 2 - 1, w;

	canvas_fill(ctx->cv, (canvas_rect){ 0, 0, ctx->cv->cols,
	    ctx->cv->rows }, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	snprintf(l1, sizeof l1, "Terminal too small: %dx%d", ctx->cv->cols,
	    ctx->cv->rows);
	snprintf(l2, sizeof l2, "saddle needs at least %dx%d (q quits)",
	    LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	w = (int)strlen(l1);
	canvas_text(ctx->cv, (ctx->cv->cols - w) / 2 > 0 ?
	    (ctx->cv->cols - w) / 2 : 0, y < 0 ? 0 : y, ctx->cv->cols, l1,
	    draw_fg(ctx, ctx->th->marker[THEME_MAX]), CANVAS_DEFAULT,
	    CANVAS_BOLD);
	w = (int)strlen(l2);
	canvas_text(ctx->cv, (ctx->cv->cols - w) / 2 > 0 ?
	    (ctx->cv->cols - w) / 2 : 0, y + 1, ctx->cv->cols, l2,
	    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, 0);
}

void
frame_base(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *ov)
{
	canvas_fill(ctx->cv, (canvas_rect){ 0, 0, ctx->cv->cols,
	    ctx->cv->rows }, " ", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	draw_heatmap(ctx, v, lay->plot);
	if (v->arrows)
		draw_arrows(ctx, v, lay->plot);
	if (v->markers)
		draw_markers(ctx, v, lay->plot);
	draw_axes(ctx, v, lay);
	draw_colorbar(ctx, v, lay->cbar);
	if (ov != NULL)
		draw_map(ctx, v, lay, ov);
	if (ov != NULL && ov->ntk.on) {
		draw_ntk(ctx, v, lay->plot, &ov->ntk);
		if (v->markers)
			draw_markers(ctx, v, lay->plot);
	}
}

void
frame_top(draw_ctx *ctx, const view *v, const layout *lay,
    const overlay *ov, const frame_ui *ui)
{
	canvas_rect panel;
	int rows;

	draw_line_segment(ctx, v, lay->plot);
	/* Under the paths, whose heads mark where the vectors start. */
	draw_vectors(ctx, v, lay->plot);
	if (ov != NULL)
		draw_survey_ends(ctx, v, lay->plot, ov);
	draw_paths(ctx, v, lay->plot);
	if (ui->marked)
		draw_line_mark(ctx, v, lay->plot, ui->mark_a, ui->mark_b);
	if (ui->cursor)
		draw_cursor(ctx, v, lay->plot);
	frame_title(ctx, v, lay->title);
	panel = lay->panel;
	if (ui->tour_title != NULL) {
		rows = draw_tour(ctx, ui->tour_title, ui->tour_text,
		    ui->tour_at, ui->tour_n, panel, lay->loss.y - panel.y -
		    3);
		panel.y += rows;
		panel.h -= rows;
	}
	draw_panel(ctx, v, panel, lay->loss);
	frame_status(ctx, lay->status, ui);
	if (ov != NULL)
		draw_map_panel(ctx, v, lay, ov);
	if (ui->help != NULL)
		frame_help_overlay(ctx, ui);
}

void
frame_draw(draw_ctx *ctx, const view *v, const frame_ui *ui)
{
	layout lay;

	layout_compute(&lay, ctx->cv->cols, ctx->cv->rows);
	if (lay.too_small) {
		frame_too_small(ctx);
		return;
	}
	frame_base(ctx, v, &lay, NULL);
	frame_top(ctx, v, &lay, NULL, ui);
}
