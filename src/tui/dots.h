/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dots.h: a braille dot raster for sub-cell lines.
 *
 * Each cell holds 2 × 4 dots (Unicode braille, U+2800–U+28FF), so a path
 * drawn in dots is four times finer vertically and twice horizontally than
 * the cells. Each cell keeps the colour of the last line through it. */
#ifndef SADDLE_DOTS_H
#define SADDLE_DOTS_H

#include <stdint.h>

#include "canvas.h"

typedef struct dots {
	int		 w, h;		/* cells */
	uint8_t		*bits;		/* owned; w × h braille patterns */
	uint32_t	*fg;		/* owned; w × h colours */
} dots;

/* An empty raster of w × h cells. Returns -1 when out of memory. */
int dots_init(dots *d, int w, int h);

/* Release the raster. */
void dots_done(dots *d);

/* Clear every dot. */
void dots_clear(dots *d);

/* Set the dot at (x, y) (dot coordinates: 2w × 4h); outside is ignored. */
void dots_set(dots *d, int x, int y, uint32_t color);

/* A line between two points in dot coordinates, clipped to the raster
 * (the ends may be far outside it, or not finite: nothing is drawn). */
void dots_line(dots *d, double x0, double y0, double x1, double y1,
    uint32_t color);

/* dots_line with a dash pattern: its k-th dot is set when bit
 * (*phase + k) mod 16 of pattern is (0xffff: solid); *phase moves on by
 * the dots the line spans, so that the lines of a path keep one rhythm
 * (each line starts on the dot the one before ended on). */
void dots_line_dashed(dots *d, double x0, double y0, double x1, double y1,
    uint32_t color, uint16_t pattern, unsigned *phase);

/* Lay src's dots over dst's (the same size): each cell has both's dots
 * and src's colour where src has any, as if src's lines were drawn into
 * dst after its own. */
void dots_overlay(dots *dst, const dots *src);

/* The UTF-8 braille glyph of a dot pattern into out (4 bytes). */
void dots_glyph(uint8_t bits, char *out);

/* Paint the cells that have dots onto cv with their top-left at (x, y),
 * keeping each cell's background (the mean of a half block's two colours);
 * ascii draws '*' instead of braille. */
void dots_blit(const dots *d, canvas *cv, int x, int y);

/* The colour a cell shows behind anything drawn over it. */
uint32_t dots_cell_background(const canvas_cell *c);

#endif
