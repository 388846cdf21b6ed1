/* SPDX-License-Identifier: GPL-3.0-or-later */
/* frame_help.c: the help overlay, every key and command in a box at the
 * centre (see frame.h). Two columns where they fit both the height's
 * need and the width; else one, whose descriptions wrap at the box's
 * edge, so that nothing is cut at any width; pages where all do not
 * fit the height. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "draw_parts.h"
#include "frame.h"

/* The most entries an overlay places, and the most words a
 * description wraps at (the rest stay on its last line). */
#define HELP_MAX	96
#define HELP_WORDS	48

/* The entries measured once: each key's width, and each description's
 * words, where they start and how wide they are. */
struct help_words {
	int	n;			/* entries */
	int	key[HELP_MAX];
	int	nw[HELP_MAX];
	short	at[HELP_MAX][HELP_WORDS], w[HELP_MAX][HELP_WORDS];
	int	kw, ww;			/* the widest key and description */
};

/* Where the overlay's entries go on a canvas: column c's keys kw[c]
 * wide and its text ww[c], entry i at row[i] of column col[i] of page
 * page[i]. */
struct help_layout {
	int	cols;		/* 1 or 2 */
	int	kw[2], ww[2];
	int	w, h;		/* the box */
	int	lines;		/* rows of entries a column holds */
	int	pages;
	int	page[HELP_MAX], col[HELP_MAX], row[HELP_MAX];
};

/* The display width of text's n bytes. */
static int
help_width(const canvas *cv, const char *text, size_t n)
{
	char buf[256];

	if (n >= sizeof buf)
		n = sizeof buf - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	return canvas_text_width(cv, buf);
}

/* Measure every entry of ui: its key, its description's words. */
static void
help_measure(const canvas *cv, const frame_ui *ui, struct help_words *hw)
{
	const char *t, *e;
	int i, k, w;

	hw->n = ui->n_help < HELP_MAX ? ui->n_help : HELP_MAX;
	hw->kw = hw->ww = 0;
	for (i = 0; i < hw->n; i++) {
		hw->key[i] = canvas_text_width(cv, ui->help[i].keys);
		hw->kw = hw->key[i] > hw->kw ? hw->key[i] : hw->kw;
		w = canvas_text_width(cv, ui->help[i].what);
		hw->ww = w > hw->ww ? w : hw->ww;
		t = ui->help[i].what;
		for (k = 0; *t != '\0'; k++) {
			/* The last word runs to the end of the text. */
			e = k + 1 < HELP_WORDS ? strchr(t, ' ') : NULL;
			if (e == NULL)
				e = t + strlen(t);
			hw->at[i][k] = (short)(t - ui->help[i].what);
			hw->w[i][k] = (short)help_width(cv, t, (size_t)(e - t));
			t = *e == ' ' ? e + 1 : e;
		}
		hw->nw[i] = k;
	}
}

/* The first word of the line after the one that starts at word k of
 * entry i, wrapped at width: as many words as fit, at least one (a word
 * wider than the line is cut when drawn). */
static int
help_next(const struct help_words *hw, int i, int k, int width)
{
	int used = hw->w[i][k++];

	while (k < hw->nw[i] && used + 1 + hw->w[i][k] <= width)
		used += 1 + hw->w[i][k++];
	return k;
}

/* How many rows entry i takes in a column whose text is width wide. */
static int
help_rows(const struct help_words *hw, int i, int width)
{
	int k = 0, rows = 0;

	do {
		k = help_next(hw, i, k, width);
		rows++;
	} while (k < hw->nw[i]);
	return rows;
}

/* Place the entries, wrapped at their column's ww, in columns of
 * l->lines rows, l->cols a page, in order (a key wider than column 0's
 * starts column 1): how many pages they take. */
static int
help_place(const struct help_words *hw, struct help_layout *l)
{
	int i, r, page = 0, col = 0, used = 0;

	for (i = 0; i < hw->n; i++) {
		r = help_rows(hw, i, l->ww[col]);
		if ((used > 0 && used + r > l->lines) ||
		    (col == 0 && l->cols == 2 && hw->key[i] > l->kw[0])) {
			used = 0;
			if (++col == l->cols) {
				col = 0;
				page++;
			}
			r = help_rows(hw, i, l->ww[col]);
		}
		l->page[i] = page;
		l->col[i] = col;
		l->row[i] = used;
		used += r;
	}
	return page + 1;
}

/* The shortest columns that hold the entries on as few pages as
 * columns of fit rows do: how many pages. */
static int
help_shortest(const struct help_words *hw, struct help_layout *l, int fit)
{
	int lo = 1, hi = fit, pages;

	l->lines = fit;
	pages = help_place(hw, l);
	while (lo < hi) {
		l->lines = (lo + hi) / 2;
		if (help_place(hw, l) > pages)
			lo = l->lines + 1;
		else
			hi = l->lines;
	}
	l->lines = hi;
	return help_place(hw, l);
}

/* Two columns in the canvas's width, the second's keys as wide as the
 * widest, the first's as narrow as one of the keys (a wider key moves
 * to the second column: the commands, with the long keys, come last):
 * each width is tried, and the one with the fewest pages, then rows,
 * is kept. */
static void
help_two_columns(const canvas *cv, const struct help_words *hw,
    struct help_layout *l, int fit)
{
	struct help_layout best;
	int i, c, half = (cv->cols - 2) / 2;

	best.pages = 0;
	l->kw[1] = hw->kw;
	for (i = 0; i < hw->n; i++) {
		for (c = 0; c < i && hw->key[c] != hw->key[i]; c++)
			;
		if (c < i)
			continue;	/* a width tried already */
		l->kw[0] = hw->key[i];
		for (c = 0; c < 2; c++) {
			l->ww[c] = half - l->kw[c] - 4;
			l->ww[c] = l->ww[c] < hw->ww ? l->ww[c] : hw->ww;
		}
		l->pages = help_shortest(hw, l, fit);
		if (best.pages == 0 || l->pages < best.pages ||
		    (l->pages == best.pages && l->lines < best.lines))
			best = *l;
	}
	*l = best;
}

/* The narrowest column of text two columns may wrap at. */
#define HELP_MIN_TEXT 24

/* One column where all fits the height, or two are too narrow; else
 * two, as short as holds them on as few pages. */
static void
help_layout(const canvas *cv, const struct help_words *hw,
    struct help_layout *l)
{
	int fit = cv->rows - 4 > 1 ? cv->rows - 4 : 1, i;

	l->kw[0] = l->kw[1] = hw->kw;
	l->cols = 1;
	l->ww[0] = hw->ww < cv->cols - hw->kw - 6 ? hw->ww :
	    cv->cols - hw->kw - 6;
	if (l->ww[0] < 1)
		l->ww[0] = 1;
	l->lines = fit;
	l->pages = help_place(hw, l);
	if (l->pages > 1 &&
	    (cv->cols - 2) / 2 - hw->kw - 4 >= HELP_MIN_TEXT) {
		l->cols = 2;
		help_two_columns(cv, hw, l, fit);
	} else if (l->pages == 1 && hw->n > 0) {
		i = hw->n - 1;
		l->lines = l->row[i] + help_rows(hw, i, l->ww[0]);
	}
	l->w = 2;
	for (i = 0; i < l->cols; i++)
		l->w += l->kw[i] + l->ww[i] + 4;
	l->w = l->w < cv->cols ? l->w : cv->cols;
	l->h = l->lines + 4 < cv->rows ? l->lines + 4 : cv->rows;
}

/* The layout of ui on cv, measured and placed again only when the
 * entries or the canvas's size change: the overlay is drawn at every
 * frame, and placing costs a few hundred wraps. */
static const struct help_layout *
help_cached(const canvas *cv, const frame_ui *ui, const struct help_words **hw)
{
	static struct help_words words;
	static struct help_layout l;
	static const frame_help *help;
	static int n = -1, cols, rows;

	if (help != ui->help || n != ui->n_help || cols != cv->cols ||
	    rows != cv->rows) {
		help_measure(cv, ui, &words);
		help_layout(cv, &words, &l);
		help = ui->help;
		n = ui->n_help;
		cols = cv->cols;
		rows = cv->rows;
	}
	*hw = &words;
	return &l;
}

int
frame_help_pages(const canvas *cv, const frame_ui *ui)
{
	const struct help_words *hw;

	return help_cached(cv, ui, &hw)->pages;
}

/* Entry i's description from row y on (to row last), wrapped at width
 * as help_place measured it. */
static void
help_text(draw_ctx *ctx, const frame_ui *ui, const struct help_words *hw,
    int i, int x, int y, int width, int last)
{
	char buf[256];
	const char *t = ui->help[i].what;
	size_t from, to;
	int k = 0, next;

	do {
		next = help_next(hw, i, k, width);
		from = (size_t)hw->at[i][k];
		to = next < hw->nw[i] ? (size_t)hw->at[i][next] - 1 : strlen(t);
		if (to - from >= sizeof buf)
			to = from + sizeof buf - 1;
		memcpy(buf, t + from, to - from);
		buf[to - from] = '\0';
		if (y <= last)
			canvas_text(ctx->cv, x, y, width, buf,
			    draw_fg(ctx, ctx->th->text), CANVAS_DEFAULT, 0);
		y++;
		k = next;
	} while (k < hw->nw[i]);
}

/* The box, its title and its foot. */
static canvas_rect
help_box(draw_ctx *ctx, const frame_ui *ui, const struct help_layout *l,
    int page, int pages)
{
	canvas_rect b = { (ctx->cv->cols - l->w) / 2,
	    (ctx->cv->rows - l->h) / 2, l->w, l->h };
	char foot[48];
	int x;

	draw_box(ctx, b, draw_fg(ctx, ctx->th->accent));
	canvas_text(ctx->cv, b.x + 2, b.y, b.w - 4, ui->help_title,
	    draw_fg(ctx, ctx->th->accent), CANVAS_DEFAULT, CANVAS_BOLD);
	if (page + 1 < pages)
		snprintf(foot, sizeof foot, " %d/%d, space: more ", page + 1,
		    pages);
	else
		snprintf(foot, sizeof foot, "%s", ui->help_foot);
	x = canvas_text_width(ctx->cv, foot);
	canvas_text(ctx->cv, b.x + b.w - x - 2 > b.x + 1 ? b.x + b.w - x - 2 :
	    b.x + 1, b.y + b.h - 1, b.w - 2, foot,
	    draw_fg(ctx, ctx->th->dim), CANVAS_DEFAULT, 0);
	return b;
}

void
frame_help_overlay(draw_ctx *ctx, const frame_ui *ui)
{
	const struct help_words *hw;
	const struct help_layout *l = help_cached(ctx->cv, ui, &hw);
	int page, i, c, x, y, last;
	canvas_rect b;

	page = ui->help_page < l->pages ? ui->help_page : l->pages - 1;
	b = help_box(ctx, ui, l, page, l->pages);
	last = b.y + b.h - 2;
	for (i = 0; i < hw->n; i++) {
		if (l->page[i] != page)
			continue;
		c = l->col[i];
		x = b.x + 2 + (c == 1 ? l->kw[0] + l->ww[0] + 4 : 0);
		y = b.y + 2 + l->row[i];
		if (y > last || x >= b.x + b.w - 1)
			continue;
		canvas_text(ctx->cv, x, y, l->kw[c], ui->help[i].keys,
		    draw_fg(ctx, ctx->th->accent), CANVAS_DEFAULT, CANVAS_BOLD);
		x += l->kw[c] + 2;
		help_text(ctx, ui, hw, i, x, y, b.x + b.w - 2 - x < l->ww[c] ?
		    b.x + b.w - 2 - x : l->ww[c], last);
	}
}
