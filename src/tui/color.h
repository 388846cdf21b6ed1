/* SPDX-License-Identifier: GPL-3.0-or-later */
/* color.h: what the terminal can show, and how a 24-bit colour is shown
 * there.
 *
 * The drawing code paints 24-bit colours; the output (screen.c, render)
 * maps them to the terminal's depth: truecolor as is, 256 colours to the
 * xterm 6×6×6 cube and grey ramp, 16 and 8 colours to the nearest ANSI
 * colour, and none at all (NO_COLOR, or a monochrome terminal), where the
 * heatmap becomes an ASCII density ramp instead. */
#ifndef SADDLE_COLOR_H
#define SADDLE_COLOR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "canvas.h"

typedef enum color_depth {
	COLOR_NONE = 0,
	COLOR_8,
	COLOR_16,
	COLOR_256,
	COLOR_TRUE
} color_depth;

/* The density ramp of the monochrome heatmap, light to dense. */
#define COLOR_RAMP " .:-=+*#%@"

/* Parse "none", "8", "16", "256" or "truecolor" (also "24bit"). */
int color_depth_parse(const char *word, color_depth *depth);

/* The name color_depth_parse accepts for depth. */
const char *color_depth_name(color_depth depth);

/* The depth to use for a terminal with colors colours (terminfo's count,
 * -1 for none), given $COLORTERM and $NO_COLOR (either may be NULL). */
color_depth color_detect(int colors, const char *colorterm,
    const char *no_color);

/* The nearest xterm 256-colour index (16–255). */
int color_to_256(uint32_t rgb);

/* The nearest ANSI colour among the first n (8 or 16). */
int color_to_ansi(uint32_t rgb, int n);

/* The colour of an xterm palette index (0–255). */
uint32_t color_of_index(int index);

/* a blended toward b by t in [0, 1]. */
uint32_t color_mix(uint32_t a, uint32_t b, double t);

/* Relative luminance in [0, 1]. */
double color_luma(uint32_t rgb);

/* The SGR sequence that sets fg, bg and attr from a reset state, for
 * depth, into buf (at least 64 bytes); returns its length. */
size_t color_sgr(char *buf, uint32_t fg, uint32_t bg, int attr,
    color_depth depth);

/* The shortest SGR sequence that changes the terminal from cell from's
 * colours and attributes (NULL: unknown) to cell to's, into buf (at least
 * 64 bytes); returns its length, 0 when nothing visible changes. */
size_t color_sgr_change(char *buf, const canvas_cell *from,
    const canvas_cell *to, color_depth depth);

/* Write the canvas as text: rows lines, each cols cells wide, with SGR
 * sequences for depth (none at all for COLOR_NONE). */
void color_write_canvas(FILE *fp, const canvas *cv, color_depth depth);

#endif
