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
	{ "▒", "%" }, { "▓", "#" },
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

void
canvas_set(canvas *cv, int x, int y, const char *glyph, uint32_t fg,
    uint32_t bg, int attr)
{
	canvas_cell *c;
	char ascii[8];
	int n;

	if ((c = canvas_at(cv, x, y)) == NULL)
		return;
	if (cv->ascii && (unsigned char)*glyph >= 0x80) {
		/* A glyph the drawing code did not degrade itself. */
		canvas_ascii(glyph, ascii, &n);
		ascii[1] = '\0';
		glyph = ascii;
	}
	if (c->fg == fg && c->bg == bg && c->attr == (uint8_t)attr &&
	    strcmp(c->glyph, glyph) == 0)
		return;
	strncpy(c->glyph, glyph, CANVAS_GLYPH_MAX - 1);
	c->glyph[CANVAS_GLYPH_MAX - 1] = '\0';
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

/* Split the next character of text into one-cell pieces: the character
 * itself, or its transliteration in ASCII mode. Returns bytes consumed. */
static int
canvas_next(const canvas *cv, const char *text, char *out)
{
	int n = canvas_utf8_len(text);

	if (cv->ascii) {
		canvas_ascii(text, out, &n);
		return n;
	}
	memcpy(out, text, (size_t)n);
	out[n] = '\0';
	return n;
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
		if (!cv->ascii) {
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
		w += cv->ascii ? (int)strlen(piece) : 1;
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
