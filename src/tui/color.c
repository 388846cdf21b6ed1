/* SPDX-License-Identifier: GPL-3.0-or-later */
/* color.c: colour depths, palette mapping and SGR output (see color.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "color.h"

/* The names of the depths, in enum order. */
static const char *const color_names[] = {
	"none", "8", "16", "256", "truecolor"
};

/* xterm's default values of the 16 ANSI colours. */
static const uint32_t color_ansi[16] = {
	0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
	0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
	0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff
};

/* The six levels of each axis of the 256-colour cube. */
static const int color_cube[6] = { 0, 95, 135, 175, 215, 255 };

int
color_depth_parse(const char *word, color_depth *depth)
{
	size_t i;

	for (i = 0; i < sizeof color_names / sizeof *color_names; i++) {
		if (strcmp(word, color_names[i]) == 0) {
			*depth = (color_depth)i;
			return 0;
		}
	}
	if (strcmp(word, "24bit") == 0) {
		*depth = COLOR_TRUE;
		return 0;
	}
	return -1;
}

const char *
color_depth_name(color_depth depth)
{
	return color_names[depth];
}

color_depth
color_detect(int colors, const char *colorterm, const char *no_color)
{
	/* no-color.org: set and not empty means no colour. */
	if (no_color != NULL && *no_color != '\0')
		return COLOR_NONE;
	if (colors < 8)
		return COLOR_NONE;
	if (colorterm != NULL && (strcmp(colorterm, "truecolor") == 0 ||
	    strcmp(colorterm, "24bit") == 0))
		return COLOR_TRUE;
	if (colors >= 256)
		return COLOR_256;
	return colors >= 16 ? COLOR_16 : COLOR_8;
}

/* Squared distance between two colours, weighted for the eye
 * ("redmean"). */
static double
color_dist(uint32_t a, uint32_t b)
{
	int ar = (int)(a >> 16) & 0xff, ag = (int)(a >> 8) & 0xff;
	int ab = (int)a & 0xff, br = (int)(b >> 16) & 0xff;
	int bg = (int)(b >> 8) & 0xff, bb = (int)b & 0xff;
	double rm = (ar + br) / 2.0, dr = ar - br, dg = ag - bg, db = ab - bb;

	return (2 + rm / 256) * dr * dr + 4 * dg * dg +
	    (2 + (255 - rm) / 256) * db * db;
}

/* The index of the cube level nearest to v. */
static int
color_cube_level(int v)
{
	int k, best = 0;

	for (k = 1; k < 6; k++) {
		if (abs(color_cube[k] - v) < abs(color_cube[best] - v))
			best = k;
	}
	return best;
}

uint32_t
color_of_index(int index)
{
	int k, r, g, b;

	if (index < 16)
		return color_ansi[index];
	if (index >= 232) {
		k = 8 + 10 * (index - 232);
		return (uint32_t)(k << 16 | k << 8 | k);
	}
	k = index - 16;
	r = color_cube[k / 36];
	g = color_cube[(k / 6) % 6];
	b = color_cube[k % 6];
	return (uint32_t)(r << 16 | g << 8 | b);
}

int
color_to_256(uint32_t rgb)
{
	int r = (int)(rgb >> 16) & 0xff, g = (int)(rgb >> 8) & 0xff;
	int b = (int)rgb & 0xff, cube, grey, level;

	cube = 16 + 36 * color_cube_level(r) + 6 * color_cube_level(g) +
	    color_cube_level(b);
	level = ((r + g + b) / 3 - 8 + 5) / 10;
	if (level < 0)
		level = 0;
	if (level > 23)
		level = 23;
	grey = 232 + level;
	return color_dist(rgb, color_of_index(grey)) <
	    color_dist(rgb, color_of_index(cube)) ? grey : cube;
}

int
color_to_ansi(uint32_t rgb, int n)
{
	int k, best = 0;

	for (k = 1; k < n; k++) {
		if (color_dist(rgb, color_ansi[k]) <
		    color_dist(rgb, color_ansi[best]))
			best = k;
	}
	return best;
}

uint32_t
color_mix(uint32_t a, uint32_t b, double t)
{
	uint32_t out = 0;
	int shift;
	double ca, cb;

	if (a == CANVAS_DEFAULT || b == CANVAS_DEFAULT)
		return t < 0.5 ? a : b;
	for (shift = 16; shift >= 0; shift -= 8) {
		ca = (a >> shift) & 0xff;
		cb = (b >> shift) & 0xff;
		out |= (uint32_t)lround(ca + (cb - ca) * t) << shift;
	}
	return out;
}

double
color_luma(uint32_t rgb)
{
	if (rgb == CANVAS_DEFAULT)
		return 0.5;
	return (0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) +
	    0.0722 * (rgb & 0xff)) / 255.0;
}

/* Append the decimal digits of v (< 1000) to buf at len. */
static size_t
color_digits(char *buf, size_t len, unsigned v)
{
	if (v >= 100)
		buf[len++] = (char)('0' + v / 100);
	if (v >= 10)
		buf[len++] = (char)('0' + v / 10 % 10);
	buf[len++] = (char)('0' + v % 10);
	return len;
}

/* What colour c becomes at depth d: the RGB value, a palette index, or
 * -1 for the default; two colours that map alike need no new SGR. */
static long
color_key(uint32_t c, color_depth d)
{
	if (c == CANVAS_DEFAULT || d == COLOR_NONE)
		return -1;
	switch (d) {
	case COLOR_TRUE:
		return (long)c;
	case COLOR_256:
		return color_to_256(c);
	case COLOR_16:
		return color_to_ansi(c, 16);
	default:
		return color_to_ansi(c, 8);
	}
}

/* Append ";" and the SGR parameters of one colour (base 30 for the
 * foreground, 40 for the background) at depth d to buf at len. */
static size_t
color_sgr_one(char *buf, size_t len, uint32_t c, unsigned base,
    color_depth d)
{
	long k = color_key(c, d);

	buf[len++] = ';';
	if (k < 0)
		return color_digits(buf, len, base + 9);
	switch (d) {
	case COLOR_TRUE:
		len = color_digits(buf, len, base + 8);
		memcpy(buf + len, ";2;", 3);
		len = color_digits(buf, len + 3, (c >> 16) & 0xff);
		buf[len++] = ';';
		len = color_digits(buf, len, (c >> 8) & 0xff);
		buf[len++] = ';';
		return color_digits(buf, len, c & 0xff);
	case COLOR_256:
		len = color_digits(buf, len, base + 8);
		memcpy(buf + len, ";5;", 3);
		return color_digits(buf, len + 3, (unsigned)k);
	default:
		return color_digits(buf, len, k < 8 ? base + (unsigned)k :
		    base + 60 + (unsigned)k - 8);
	}
}

/* The attribute parameters, in SGR order. */
static const struct color_attr {
	int		 bit;
	const char	*sgr;
} color_attrs[] = {
	{ CANVAS_BOLD, ";1" },
	{ CANVAS_DIM, ";2" },
	{ CANVAS_UNDERLINE, ";4" },
	{ CANVAS_REVERSE, ";7" },
};

size_t
color_sgr(char *buf, uint32_t fg, uint32_t bg, int attr, color_depth depth)
{
	size_t len = 3, i;

	memcpy(buf, "\033[0", 3);
	for (i = 0; i < sizeof color_attrs / sizeof *color_attrs; i++) {
		if (attr & color_attrs[i].bit) {
			memcpy(buf + len, color_attrs[i].sgr, 2);
			len += 2;
		}
	}
	if (depth != COLOR_NONE) {
		len = color_sgr_one(buf, len, fg, 30, depth);
		len = color_sgr_one(buf, len, bg, 40, depth);
	}
	buf[len++] = 'm';
	buf[len] = '\0';
	return len;
}

size_t
color_sgr_change(char *buf, const canvas_cell *from, const canvas_cell *to,
    color_depth depth)
{
	size_t len = 1;
	int fg, bg;

	if (from == NULL || from->attr != to->attr)
		return color_sgr(buf, to->fg, to->bg, to->attr, depth);
	fg = color_key(from->fg, depth) != color_key(to->fg, depth);
	bg = color_key(from->bg, depth) != color_key(to->bg, depth);
	if (!fg && !bg) {
		buf[0] = '\0';
		return 0;
	}
	buf[0] = '\033';
	if (fg)
		len = color_sgr_one(buf, len, to->fg, 30, depth);
	if (bg)
		len = color_sgr_one(buf, len, to->bg, 40, depth);
	buf[1] = '[';	/* the first parameter's ';' */
	buf[len++] = 'm';
	buf[len] = '\0';
	return len;
}

void
color_write_canvas(FILE *fp, const canvas *cv, color_depth depth)
{
	const canvas_cell *c, *prev;
	char sgr[96];
	int x, y;

	for (y = 0; y < cv->rows; y++) {
		prev = NULL;
		for (x = 0; x < cv->cols; x++) {
			c = &cv->cells[(size_t)y * (size_t)cv->cols +
			    (size_t)x];
			if (depth != COLOR_NONE &&
			    color_sgr_change(sgr, prev, c, depth) > 0)
				fputs(sgr, fp);
			fputs(c->glyph, fp);
			prev = c;
		}
		fputs(depth != COLOR_NONE ? "\033[0m\n" : "\n", fp);
	}
}
