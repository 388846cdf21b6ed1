/* SPDX-License-Identifier: GPL-3.0-or-later */
/* canvas.c: cells, dirty flags and text for the drawing code (see
 * canvas.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "canvas.h"

/* What a non-ASCII character becomes in an ASCII terminal. */
static const struct canvas_translit {
	const char	*from;
	const char	*to;
} canvas_translit[] = {
	{ "²", "^2" }, { "³", "^3" }, { "⁴", "^4" }, { "ᵀ", "'" },
	{ "−", "-" }, { "–", "-" }, { "—", "-" }, { "×", "x" },
	{ "·", "*" }, { "∇", "grad" }, { "‖", "|" }, { "λ", "l" },
	{ "√", "sqrt" }, { "σ", "s" }, { "π", "pi" }, { "½", "1/2" },
	{ "≤", "<=" }, { "≥", ">=" }, { "≈", "~" }, { "∈", "in" },
	{ "→", "->" }, { "←", "<-" }, { "↑", "^" }, { "↓", "v" },
	{ "↗", "/" }, { "↘", "\\" }, { "↙", "/" }, { "↖", "\\" },
	{ "⇒", ">" }, { "⇐", "<" }, { "⇑", "^" }, { "⇓", "v" },
	{ "⇗", "/" }, { "⇘", "\\" }, { "⇙", "/" }, { "⇖", "\\" },
	{ "…", "..." }, { "⊗", "(x)" }, { "Σ", "sum" }, { "∑", "sum" },
	{ "₁", "1" }, { "₂", "2" }, { "ₜ", "t" }, { "θ", "th" },
	{ "─", "-" }, { "│", "|" }, { "┤", "+" }, { "├", "+" },
	{ "┬", "+" }, { "┴", "+" }, { "┼", "+" }, { "╭", "+" },
	{ "╮", "+" }, { "╰", "+" }, { "╯", "+" }, { "┌", "+" },
	{ "┐", "+" }, { "└", "+" }, { "┘", "+" }, { "▀", "#" },
	{ "▄", "#" }, { "█", "#" }, { "●", "o" }, { "▲", "^" },
	{ "▼", "v" }, { "✕", "x" }, { "◆", "*" }, { "◇", "?" },
	{ "◉", "@" }, { "○", "o" }, { "▸", ">" }, { "▶", ">" },
	{ "⏸", "||" }, { "✛", "+" }, { "╋", "+" }, { "░", ":" },
	{ "▒", "%" }, { "▓", "#" }, { "━", "-" }, { "┄", "." },
	{ "□", "[]" }, { "╸", "-" }, { "┈", "." }, { "╍", "-" },
	{ "┅", ":" }, { "┉", "=" },
	{ NULL, NULL }
};

/* Beyond Latin-1, the glyphs of the Linux console's fonts that the
 * drawing uses: light and double box drawing, block elements. */
static const char *const canvas_console_set[] = {
	"─", "│", "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼", "═", "║",
	"░", "▒", "▓", "█", "▀", "▄", "▌", "▐", NULL
};

/* What the console shows for glyphs it lacks, where it has a good one
 * (the others go through canvas_translit). */
static const struct canvas_translit canvas_console_translit[] = {
	{ "━", "─" }, { "┃", "│" }, { "╋", "┼" }, { "╭", "┌" },
	{ "╮", "┐" }, { "╰", "└" }, { "╯", "┘" }, { "✕", "×" },
	{ "‖", "║" }, { "−", "-" }, { "┈", "·" }, { "╍", "-" },
	{ "╸", "-" }, { "┅", ":" }, { "┉", "=" },
	{ NULL, NULL }
};

canvas *
canvas_new(int cols, int rows)
{
	canvas *cv;

	if ((cv = calloc(1, sizeof *cv)) == NULL)
		return NULL;
	if (canvas_resize(cv, cols, rows) != 0) {
		free(cv);
		return NULL;
	}
	return cv;
}

void
canvas_free(canvas *cv)
{
	if (cv == NULL)
		return;
	free(cv->cells);
	free(cv);
}

int
canvas_resize(canvas *cv, int cols, int rows)
{
	canvas_cell *cells;
	size_t k, n;

	if (cols < 0)
		cols = 0;
	if (rows < 0)
		rows = 0;
	n = (size_t)cols * (size_t)rows;
	if ((cells = calloc(n ? n : 1, sizeof *cells)) == NULL)
		return -1;
	for (k = 0; k < n; k++) {
		strcpy(cells[k].glyph, " ");
		cells[k].fg = cells[k].bg = CANVAS_DEFAULT;
		cells[k].dirty = 1;
	}
	free(cv->cells);
	cv->cells = cells;
	cv->cols = cols;
	cv->rows = rows;
	return 0;
}

canvas_cell *
canvas_at(canvas *cv, int x, int y)
{
	if (x < 0 || y < 0 || x >= cv->cols || y >= cv->rows)
		return NULL;
	return &cv->cells[(size_t)y * (size_t)cv->cols + (size_t)x];
}

/* Whether the n bytes at s are the glyph t. */
static int
canvas_is(const char *s, int n, const char *t)
{
	return strncmp(s, t, (size_t)n) == 0 && t[n] == '\0';
}

int
canvas_has(const canvas *cv, const char *glyph)
{
	const unsigned char *u = (const unsigned char *)glyph;
	const char *const *g;
	int n = canvas_utf8_len(glyph);

	if (u[0] < 0x80 || !(cv->ascii || cv->console))
		return 1;
	if (cv->ascii)
		return 0;
	/* Latin-1's printable half: U+00A0 to U+00FF. */
	if (n == 2 && (u[0] == 0xc3 || (u[0] == 0xc2 && u[1] >= 0xa0)))
		return 1;
	for (g = canvas_console_set; *g != NULL; g++)
		if (canvas_is(glyph, n, *g))
			return 1;
	return 0;
}

/* What the canvas shows for the character at s, which it lacks: one
 * glyph, or (ASCII) possibly several characters; *len gets the bytes
 * read from s. */
static void
canvas_replace(const canvas *cv, const char *s, char *out, int *len)
{
	const struct canvas_translit *t;
	int n = canvas_utf8_len(s);

	for (t = canvas_console_translit; cv->console && t->from; t++) {
		if (canvas_is(s, n, t->from)) {
			strcpy(out, t->to);
			*len = n;
			return;
		}
	}
	canvas_ascii(s, out, len);
}

void
canvas_set(canvas *cv, int x, int y, const char *glyph, uint32_t fg,
    uint32_t bg, int attr)
{
	canvas_cell *c;
	char other[8];
	int n;

	if ((c = canvas_at(cv, x, y)) == NULL)
		return;
	if (!canvas_has(cv, glyph)) {
		/* A glyph the drawing code did not degrade itself. */
		canvas_replace(cv, glyph, other, &n);
		if ((unsigned char)other[0] < 0x80)
			other[1] = '\0';
		glyph = other;
	}
	if (c->fg == fg && c->bg == bg && c->attr == (uint8_t)attr &&
	    strcmp(c->glyph, glyph) == 0)
		return;
	n = (int)strnlen(glyph, CANVAS_GLYPH_MAX - 1);
	memcpy(c->glyph, glyph, (size_t)n);
	c->glyph[n] = '\0';
	c->fg = fg;
	c->bg = bg;
	c->attr = (uint8_t)attr;
	c->dirty = 1;
}

void
canvas_fill(canvas *cv, canvas_rect r, const char *glyph, uint32_t fg,
    uint32_t bg, int attr)
{
	int x, y;

	for (y = r.y; y < r.y + r.h; y++) {
		for (x = r.x; x < r.x + r.w; x++)
			canvas_set(cv, x, y, glyph, fg, bg, attr);
	}
}

int
canvas_utf8_len(const char *s)
{
	unsigned char c = (unsigned char)*s;
	int n, k;

	if (c == 0)
		return 0;
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		n = 2;
	else if ((c & 0xf0) == 0xe0)
		n = 3;
	else if ((c & 0xf8) == 0xf0)
		n = 4;
	else
		return 1;
	for (k = 1; k < n; k++) {
		if (((unsigned char)s[k] & 0xc0) != 0x80)
			return 1;
	}
	return n;
}

void
canvas_ascii(const char *s, char *out, int *len)
{
	const struct canvas_translit *t;
	int n = canvas_utf8_len(s);

	*len = n;
	if (n <= 1) {
		out[0] = (n == 1 && (unsigned char)*s < 0x80) ? *s : '?';
		out[1] = '\0';
		return;
	}
	for (t = canvas_translit; t->from != NULL; t++) {
		if (strncmp(s, t->from, (size_t)n) == 0 &&
		    t->from[n] == '\0') {
			strcpy(out, t->to);
			return;
		}
	}
	/* Braille dots and anything unknown. */
	strcpy(out, strncmp(s, "\xe2\xa0", 2) == 0 ? "." : "?");
}

/* The next character of text as what the canvas shows: the character
 * itself or its replacement, one glyph or ASCII characters, one cell
 * each. Returns bytes consumed. */
static int
canvas_next(const canvas *cv, const char *text, char *out)
{
	int n = canvas_utf8_len(text);
	unsigned char c = (unsigned char)text[0];

	/* A control character (C0, DEL, C1) from a file or the command line
	 * would drive the terminal: it is drawn as '?'. */
	if (c < 0x20 || c == 0x7f ||
	    (n == 2 && c == 0xc2 && (unsigned char)text[1] < 0xa0)) {
		strcpy(out, "?");
		return n;
	}
	if (!canvas_has(cv, text)) {
		canvas_replace(cv, text, out, &n);
		return n;
	}
	memcpy(out, text, (size_t)n);
	out[n] = '\0';
	return n;
}

/* The cells a piece from canvas_next takes. */
static int
canvas_piece_width(const char *piece)
{
	return (unsigned char)piece[0] >= 0x80 ? 1 : (int)strlen(piece);
}

int
canvas_text(canvas *cv, int x, int y, int maxw, const char *text,
    uint32_t fg, uint32_t bg, int attr)
{
	char piece[8], one[2] = { 0, 0 };
	int used = 0, k;

	if (maxw > cv->cols - x)
		maxw = cv->cols - x;
	while (*text != '\0' && used < maxw) {
		text += canvas_next(cv, text, piece);
		if (canvas_piece_width(piece) == 1) {
			canvas_set(cv, x + used++, y, piece, fg, bg, attr);
			continue;
		}
		for (k = 0; piece[k] != '\0' && used < maxw; k++) {
			one[0] = piece[k];
			canvas_set(cv, x + used++, y, one, fg, bg, attr);
		}
	}
	return used;
}

int
canvas_text_width(const canvas *cv, const char *text)
{
	char piece[8];
	int w = 0;

	while (*text != '\0') {
		text += canvas_next(cv, text, piece);
		w += canvas_piece_width(piece);
	}
	return w;
}

void
canvas_copy(canvas *cv, const canvas *src)
{
	const canvas_cell *s;
	int x, y;

	for (y = 0; y < cv->rows && y < src->rows; y++) {
		for (x = 0; x < cv->cols && x < src->cols; x++) {
			s = &src->cells[(size_t)y * (size_t)src->cols +
			    (size_t)x];
			canvas_set(cv, x, y, s->glyph, s->fg, s->bg, s->attr);
		}
	}
}

void
canvas_touch(canvas *cv)
{
	size_t k, n = (size_t)cv->cols * (size_t)cv->rows;

	for (k = 0; k < n; k++)
		cv->cells[k].dirty = 1;
}

void
canvas_clean(canvas *cv)
{
	size_t k, n = (size_t)cv->cols * (size_t)cv->rows;

	for (k = 0; k < n; k++)
		cv->cells[k].dirty = 0;
}

int
canvas_dirty_count(const canvas *cv)
{
	size_t k, n = (size_t)cv->cols * (size_t)cv->rows;
	int count = 0;

	for (k = 0; k < n; k++)
		count += cv->cells[k].dirty;
	return count;
}
