/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dots.c: braille rasters (see dots.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "color.h"
#include "dots.h"

/* The bit of each dot, indexed [y][x] within a cell (Unicode's braille
 * numbering: dots 1-2-3-7 down the left, 4-5-6-8 down the right). */
static const uint8_t dots_bit[4][2] = {
	{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 }
};

int
dots_init(dots *d, int w, int h)
{
	size_t n = (size_t)(w > 0 ? w : 0) * (size_t)(h > 0 ? h : 0);

	memset(d, 0, sizeof *d);
	d->bits = calloc(n ? n : 1, sizeof *d->bits);
	d->fg = calloc(n ? n : 1, sizeof *d->fg);
	if (d->bits == NULL || d->fg == NULL) {
		dots_done(d);
		return -1;
	}
	d->w = w > 0 ? w : 0;
	d->h = h > 0 ? h : 0;
	return 0;
}

void
dots_done(dots *d)
{
	free(d->bits);
	free(d->fg);
	memset(d, 0, sizeof *d);
}

void
dots_clear(dots *d)
{
	memset(d->bits, 0, (size_t)d->w * (size_t)d->h);
}

void
dots_set(dots *d, int x, int y, uint32_t color)
{
	size_t k;

	if (x < 0 || y < 0 || x >= 2 * d->w || y >= 4 * d->h)
		return;
	k = (size_t)(y / 4) * (size_t)d->w + (size_t)(x / 2);
	d->bits[k] |= dots_bit[y % 4][x % 2];
	d->fg[k] = color;
}

/* Liang–Barsky: clip the segment p + s·(q − p), s in [0, 1], to
 * lo ≤ x ≤ hi on one axis; narrows [*s0, *s1]. Returns 0 when nothing is
 * left. */
static int
dots_clip_axis(double p, double q, double lo, double hi, double *s0,
    double *s1)
{
	double d = q - p, a, b, t;

	if (d == 0)
		return p >= lo && p <= hi;
	a = (lo - p) / d;
	b = (hi - p) / d;
	if (a > b) {
		t = a;
		a = b;
		b = t;
	}
	if (a > *s0)
		*s0 = a;
	if (b < *s1)
		*s1 = b;
	return *s0 <= *s1;
}

void
dots_line(dots *d, double x0, double y0, double x1, double y1,
    uint32_t color)
{
	unsigned phase = 0;

	dots_line_dashed(d, x0, y0, x1, y1, color, 0xffff, &phase);
}

void
dots_line_dashed(dots *d, double x0, double y0, double x1, double y1,
    uint32_t color, uint16_t pattern, unsigned *phase)
{
	double s0 = 0, s1 = 1, ax, ay, bx, by;
	unsigned start = *phase;
	long k, n;

	if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
		return;
	/* The whole line's length moves the phase, seen or clipped (mod 16:
	 * an end far outside makes it huge). */
	*phase += (unsigned)fmod(ceil(fmax(fabs(x1 - x0), fabs(y1 - y0))),
	    16);
	if (!dots_clip_axis(x0, x1, 0, 2 * d->w - 1e-9, &s0, &s1) ||
	    !dots_clip_axis(y0, y1, 0, 4 * d->h - 1e-9, &s0, &s1))
		return;
	ax = x0 + s0 * (x1 - x0);
	ay = y0 + s0 * (y1 - y0);
	bx = x0 + s1 * (x1 - x0);
	by = y0 + s1 * (y1 - y0);
	start += (unsigned)fmod(ceil(s0 * fmax(fabs(x1 - x0),
	    fabs(y1 - y0))), 16);
	n = (long)ceil(fmax(fabs(bx - ax), fabs(by - ay)));
	for (k = 0; k <= n; k++) {
		double s = n ? (double)k / (double)n : 0;

		if (!(pattern >> ((start + (unsigned)k) % 16) & 1))
			continue;
		dots_set(d, (int)floor(ax + s * (bx - ax)),
		    (int)floor(ay + s * (by - ay)), color);
	}
}

void
dots_overlay(dots *dst, const dots *src)
{
	size_t k, n = (size_t)dst->w * (size_t)dst->h;

	if (src->w != dst->w || src->h != dst->h)
		return;
	for (k = 0; k < n; k++) {
		if (src->bits[k] == 0)
			continue;
		dst->bits[k] |= src->bits[k];
		dst->fg[k] = src->fg[k];
	}
}

void
dots_glyph(uint8_t bits, char *out)
{
	unsigned cp = 0x2800u + bits;

	out[0] = (char)(0xe0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	out[3] = '\0';
}

uint32_t
dots_cell_background(const canvas_cell *c)
{
	if (strcmp(c->glyph, "▀") == 0)
		return color_mix(c->fg, c->bg, 0.5);
	return c->bg;
}

void
dots_blit(const dots *d, canvas *cv, int x, int y)
{
	canvas_cell *c;
	char glyph[4];
	int i, j;
	size_t k;

	for (j = 0; j < d->h; j++) {
		for (i = 0; i < d->w; i++) {
			k = (size_t)j * (size_t)d->w + (size_t)i;
			if (d->bits[k] == 0 ||
			    (c = canvas_at(cv, x + i, y + j)) == NULL)
				continue;
			if (!canvas_has(cv, "⠁"))	/* no braille */
				strcpy(glyph, "*");
			else
				dots_glyph(d->bits[k], glyph);
			canvas_set(cv, x + i, y + j, glyph, d->fg[k],
			    dots_cell_background(c), 0);
		}
	}
}
