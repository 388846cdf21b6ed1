/* SPDX-License-Identifier: GPL-3.0-or-later */
/* canvas.h: a grid of terminal cells that the drawing code paints.
 *
 * A cell holds one glyph one column wide (UTF-8), a foreground and a
 * background colour (24-bit RGB, or CANVAS_DEFAULT for the terminal's own)
 * and attributes. Writing a cell that already looks the same leaves it
 * clean; anything else marks it dirty, so the screen sends only what
 * changed (tmux's grid, without a terminal). Pure C: no curses, no I/O.
 *
 * When the canvas is in ASCII mode (a non-UTF-8 locale), text is
 * transliterated ("²" becomes "2", "−" becomes "-") as it is written, and
 * drawing code picks ASCII glyphs itself (see color.h). In console mode
 * (the Linux console, whose fonts hold Latin-1, the light and double box
 * drawing and the block elements) the glyphs outside that set are
 * replaced as they are written: by a glyph it has ("✕" by "×", "━" by
 * "─"), else by their ASCII transliteration. */
#ifndef SADDLE_CANVAS_H
#define SADDLE_CANVAS_H

#include <stdint.h>

/* The terminal's default colour, outside the 24-bit range. */
#define CANVAS_DEFAULT	0x1000000u

/* Attributes. */
#define CANVAS_BOLD	0x01
#define CANVAS_REVERSE	0x02
#define CANVAS_DIM	0x04
#define CANVAS_UNDERLINE 0x08

/* Longest glyph in bytes, plus its NUL. */
#define CANVAS_GLYPH_MAX 5

typedef struct canvas_cell {
	char		glyph[CANVAS_GLYPH_MAX];	/* UTF-8, NUL-ended */
	uint8_t		attr;
	uint8_t		dirty;		/* differs from what was last sent */
	uint32_t	fg, bg;		/* 0xRRGGBB or CANVAS_DEFAULT */
} canvas_cell;

typedef struct canvas {
	int		 cols, rows;
	int		 ascii;		/* transliterate text to ASCII */
	int		 console;	/* only the Linux console's glyphs */
	canvas_cell	*cells;		/* owned; rows × cols */
} canvas;

/* A rectangle of cells. */
typedef struct canvas_rect {
	int	x, y, w, h;
} canvas_rect;

/* A blank canvas of cols × rows (all dirty), or NULL when out of memory. */
canvas *canvas_new(int cols, int rows);

/* Free a canvas; NULL is fine. */
void canvas_free(canvas *cv);

/* Change the size; every cell becomes blank and dirty. Returns -1 when out
 * of memory (the canvas is unchanged). */
int canvas_resize(canvas *cv, int cols, int rows);

/* The cell at (x, y), or NULL outside the canvas. */
canvas_cell *canvas_at(canvas *cv, int x, int y);

/* Set one cell to glyph (one character, UTF-8), colours and attributes;
 * outside the canvas nothing happens. */
void canvas_set(canvas *cv, int x, int y, const char *glyph, uint32_t fg,
    uint32_t bg, int attr);

/* Fill a rectangle with one glyph and colours. */
void canvas_fill(canvas *cv, canvas_rect r, const char *glyph, uint32_t fg,
    uint32_t bg, int attr);

/* Write UTF-8 text from (x, y), one character per cell, at most maxw
 * cells (clipped to the canvas as well); returns the cells used. */
int canvas_text(canvas *cv, int x, int y, int maxw, const char *text,
    uint32_t fg, uint32_t bg, int attr);

/* The number of cells text would use (characters after
 * transliteration). */
int canvas_text_width(const canvas *cv, const char *text);

/* Copy src's cells into cv (same size), marking only the changed ones. */
void canvas_copy(canvas *cv, const canvas *src);

/* Mark every cell dirty (the terminal was cleared). */
void canvas_touch(canvas *cv);

/* Mark every cell clean (it was sent). */
void canvas_clean(canvas *cv);

/* How many cells are dirty. */
int canvas_dirty_count(const canvas *cv);

/* Whether the canvas shows glyph (one UTF-8 character) as itself, for
 * drawing code that has a better choice than the replacement. */
int canvas_has(const canvas *cv, const char *glyph);

/* The ASCII transliteration of one UTF-8 character (at most 4 bytes into
 * out, NUL-ended); *len gets the bytes it read from s. */
void canvas_ascii(const char *s, char *out, int *len);

/* The byte length of the UTF-8 character starting at s (1 for a stray
 * byte, 0 at the end). */
int canvas_utf8_len(const char *s);

#endif
