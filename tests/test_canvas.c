/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_canvas.c: the cell grid the drawing code paints (dirty tracking,
 * text, ASCII transliteration) and the braille raster the paths use. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/canvas.h"
#include "tui/dots.h"

/* A new canvas is blank and wholly dirty; cleaning it clears every flag. */
static void
test_new_is_dirty(void **unused)
{
	canvas *cv = canvas_new(7, 3);

	(void)unused;
	assert_non_null(cv);
	assert_int_equal(canvas_dirty_count(cv), 21);
	assert_string_equal(canvas_at(cv, 6, 2)->glyph, " ");
	assert_null(canvas_at(cv, 7, 0));
	assert_null(canvas_at(cv, 0, -1));
	canvas_clean(cv);
	assert_int_equal(canvas_dirty_count(cv), 0);
	canvas_free(cv);
}

/* Writing what a cell already shows leaves it clean; any difference in
 * glyph, colour or attribute dirties exactly that cell. */
static void
test_set_marks_changes_only(void **unused)
{
	canvas *cv = canvas_new(4, 2);

	(void)unused;
	canvas_set(cv, 1, 1, "x", 0x112233, CANVAS_DEFAULT, 0);
	canvas_clean(cv);
	canvas_set(cv, 1, 1, "x", 0x112233, CANVAS_DEFAULT, 0);
	assert_int_equal(canvas_dirty_count(cv), 0);
	canvas_set(cv, 1, 1, "x", 0x112234, CANVAS_DEFAULT, 0);
	assert_int_equal(canvas_dirty_count(cv), 1);
	assert_true(canvas_at(cv, 1, 1)->dirty);
	canvas_clean(cv);
	canvas_set(cv, 1, 1, "x", 0x112234, CANVAS_DEFAULT, CANVAS_BOLD);
	canvas_set(cv, 2, 1, "y", CANVAS_DEFAULT, CANVAS_DEFAULT, 0);
	assert_int_equal(canvas_dirty_count(cv), 2);
	canvas_set(cv, 9, 9, "z", 0, 0, 0);
	assert_int_equal(canvas_dirty_count(cv), 2);
	canvas_free(cv);
}

/* Text takes one cell per character, stops at maxw and at the edge. */
static void
test_text_clips(void **unused)
{
	canvas *cv = canvas_new(6, 1);

	(void)unused;
	assert_int_equal(canvas_text(cv, 0, 0, 3, "x²−1", 0, 0, 0), 3);
	assert_string_equal(canvas_at(cv, 1, 0)->glyph, "²");
	assert_string_equal(canvas_at(cv, 2, 0)->glyph, "−");
	assert_string_equal(canvas_at(cv, 3, 0)->glyph, " ");
	assert_int_equal(canvas_text(cv, 4, 0, 10, "abcdef", 0, 0, 0), 2);
	assert_string_equal(canvas_at(cv, 5, 0)->glyph, "b");
	assert_int_equal(canvas_text_width(cv, "‖∇f‖"), 4);
	canvas_free(cv);
}

/* Control characters in text (an ESC from a theme file in a message)
 * never reach a cell: each is one '?', in both modes. */
static void
test_text_controls(void **unused)
{
	canvas *cv = canvas_new(12, 1);
	int x, mode;

	(void)unused;
	for (mode = 0; mode < 2; mode++) {
		cv->ascii = mode;
		assert_int_equal(canvas_text(cv, 0, 0, 12,
		    "a\033[2J\n\x7f\xc2\x9bz", 0, 0, 0), 9);
		assert_string_equal(canvas_at(cv, 1, 0)->glyph, "?");
		assert_string_equal(canvas_at(cv, 2, 0)->glyph, "[");
		assert_string_equal(canvas_at(cv, 5, 0)->glyph, "?");
		assert_string_equal(canvas_at(cv, 7, 0)->glyph, "?");
		assert_string_equal(canvas_at(cv, 8, 0)->glyph, "z");
		for (x = 0; x < cv->cols; x++) {
			unsigned char c = (unsigned char)canvas_at(cv, x,
			    0)->glyph[0];

			assert_true(c >= 0x20 && c != 0x7f);
		}
	}
	canvas_free(cv);
}

/* In ASCII mode text is transliterated, and so are stray glyphs. */
static void
test_ascii_mode(void **unused)
{
	canvas *cv = canvas_new(12, 1);
	char out[8];
	int len, x;

	(void)unused;
	cv->ascii = 1;
	assert_int_equal(canvas_text_width(cv, "x²−1"), 5);
	assert_int_equal(canvas_text(cv, 0, 0, 12, "x²−λ", 0, 0, 0), 5);
	assert_string_equal(canvas_at(cv, 1, 0)->glyph, "^");
	assert_string_equal(canvas_at(cv, 2, 0)->glyph, "2");
	assert_string_equal(canvas_at(cv, 3, 0)->glyph, "-");
	assert_string_equal(canvas_at(cv, 4, 0)->glyph, "l");
	canvas_set(cv, 6, 0, "●", 0, 0, 0);
	assert_string_equal(canvas_at(cv, 6, 0)->glyph, "o");
	canvas_ascii("⠿", out, &len);
	assert_int_equal(len, 3);
	assert_string_equal(out, ".");
	canvas_ascii("\xff", out, &len);
	assert_int_equal(len, 1);
	assert_string_equal(out, "?");
	for (x = 0; x < cv->cols; x++)
		assert_true((unsigned char)canvas_at(cv, x, 0)->glyph[0] < 0x80);
	canvas_free(cv);
}

/* The Linux console: Latin-1 and light and double box drawing and blocks
 * kept; heavy lines, ✕ and ‖ as glyphs it has; ∇, braille and ● as
 * ASCII, a whole word in text but one character in a cell. */
static void
test_console_mode(void **unused)
{
	canvas *cv = canvas_new(16, 1);

	(void)unused;
	cv->console = 1;
	assert_true(canvas_has(cv, "×"));
	assert_true(canvas_has(cv, "²"));
	assert_true(canvas_has(cv, "─"));
	assert_true(canvas_has(cv, "▀"));
	assert_true(canvas_has(cv, "a"));
	assert_false(canvas_has(cv, "∇"));
	assert_false(canvas_has(cv, "⠁"));
	assert_false(canvas_has(cv, "\xc2\x85"));	/* C1, not Latin-1 */
	canvas_set(cv, 0, 0, "✕", 0, 0, 0);
	assert_string_equal(canvas_at(cv, 0, 0)->glyph, "×");
	canvas_set(cv, 1, 0, "━", 0, 0, 0);
	assert_string_equal(canvas_at(cv, 1, 0)->glyph, "─");
	canvas_set(cv, 2, 0, "∇", 0, 0, 0);
	assert_string_equal(canvas_at(cv, 2, 0)->glyph, "g");
	canvas_set(cv, 3, 0, "●", 0, 0, 0);
	assert_string_equal(canvas_at(cv, 3, 0)->glyph, "o");
	assert_int_equal(canvas_text_width(cv, "‖∇f‖²"), 8);
	assert_int_equal(canvas_text(cv, 4, 0, 12, "‖∇f‖²", 0, 0, 0), 8);
	assert_string_equal(canvas_at(cv, 4, 0)->glyph, "║");
	assert_string_equal(canvas_at(cv, 5, 0)->glyph, "g");
	assert_string_equal(canvas_at(cv, 9, 0)->glyph, "f");
	assert_string_equal(canvas_at(cv, 10, 0)->glyph, "║");
	assert_string_equal(canvas_at(cv, 11, 0)->glyph, "²");
	/* Without console mode every glyph is itself. */
	cv->console = 0;
	assert_true(canvas_has(cv, "∇"));
	canvas_free(cv);
}

/* UTF-8 lengths, including malformed bytes (one byte each). */
static void
test_utf8_len(void **unused)
{
	(void)unused;
	assert_int_equal(canvas_utf8_len(""), 0);
	assert_int_equal(canvas_utf8_len("a"), 1);
	assert_int_equal(canvas_utf8_len("λ"), 2);
	assert_int_equal(canvas_utf8_len("−"), 3);
	assert_int_equal(canvas_utf8_len("\xf0\x9f\x99\x82"), 4);
	assert_int_equal(canvas_utf8_len("\xe2\x88"), 1);
	assert_int_equal(canvas_utf8_len("\x80"), 1);
}

/* Copying dirties only the cells that differ; resizing dirties all. */
static void
test_copy_and_resize(void **unused)
{
	canvas *a = canvas_new(3, 2), *b = canvas_new(3, 2);

	(void)unused;
	canvas_set(b, 2, 1, "q", 0xff0000, 0x00ff00, 0);
	canvas_clean(a);
	canvas_copy(a, b);
	assert_int_equal(canvas_dirty_count(a), 1);
	assert_string_equal(canvas_at(a, 2, 1)->glyph, "q");
	assert_int_equal(canvas_at(a, 2, 1)->bg, 0x00ff00);
	canvas_clean(a);
	canvas_copy(a, b);
	assert_int_equal(canvas_dirty_count(a), 0);
	assert_int_equal(canvas_resize(a, 5, 4), 0);
	assert_int_equal(a->cols, 5);
	assert_int_equal(canvas_dirty_count(a), 20);
	canvas_free(a);
	canvas_free(b);
}

/* Unicode numbers braille dots 1-2-3-7 down the left column and 4-5-6-8
 * down the right; dot k is bit k − 1 of U+2800 + bits. */
static void
test_braille_bits(void **unused)
{
	char g[4];
	dots d;

	(void)unused;
	assert_int_equal(dots_init(&d, 2, 1), 0);
	dots_set(&d, 0, 0, 1);
	assert_int_equal(d.bits[0], 0x01);
	dots_set(&d, 1, 3, 1);
	assert_int_equal(d.bits[0], 0x81);
	dots_set(&d, 0, 3, 1);
	dots_set(&d, 1, 2, 1);
	assert_int_equal(d.bits[0], 0xe1);
	dots_set(&d, 2, 0, 7);
	assert_int_equal(d.bits[1], 0x01);
	assert_int_equal(d.fg[1], 7);
	dots_set(&d, 4, 0, 1);
	dots_set(&d, -1, 0, 1);
	assert_int_equal(d.bits[0] | d.bits[1], 0xe1);
	dots_glyph(0x00, g);
	assert_string_equal(g, "⠀");
	dots_glyph(0x01, g);
	assert_string_equal(g, "⠁");
	dots_glyph(0xff, g);
	assert_string_equal(g, "⣿");
	dots_done(&d);
}

/* The number of dots set in the raster. */
static int
count_dots(const dots *d)
{
	int k, b, n = 0;

	for (k = 0; k < d->w * d->h; k++) {
		for (b = 0; b < 8; b++)
			n += (d->bits[k] >> b) & 1;
	}
	return n;
}

/* A diagonal across a 4 × 2 cell raster (8 × 8 dots) sets one dot per
 * row; a line from far outside is clipped without walking the outside;
 * a non-finite end draws nothing. */
static void
test_lines(void **unused)
{
	dots d;

	(void)unused;
	assert_int_equal(dots_init(&d, 4, 2), 0);
	dots_line(&d, 0.5, 0.5, 7.5, 7.5, 1);
	assert_int_equal(count_dots(&d), 8);
	assert_true(d.bits[0] & 0x01);
	assert_true(d.bits[7] & 0x80);
	dots_clear(&d);
	dots_line(&d, -1e12, 4.5, 1e12, 4.5, 1);
	assert_int_equal(count_dots(&d), 8);
	dots_clear(&d);
	dots_line(&d, NAN, 0, 3, 3, 1);
	dots_line(&d, 0, 0, 3, INFINITY, 1);
	dots_line(&d, -5, -5, -1, -1, 1);
	assert_int_equal(count_dots(&d), 0);
	dots_done(&d);
}

/* A dashed line sets the dots its pattern's bits say, and a path of
 * several lines keeps one rhythm: every other dot along a row, across
 * two lines meeting at x = 3, and the phase moved on by each length. */
static void
test_dashed_lines(void **unused)
{
	unsigned phase = 0;
	dots d;
	int x;

	(void)unused;
	assert_int_equal(dots_init(&d, 4, 1), 0);
	dots_line_dashed(&d, 0.5, 0.5, 3.5, 0.5, 1, 0x5555, &phase);
	assert_int_equal(phase, 3);
	dots_line_dashed(&d, 3.5, 0.5, 7.5, 0.5, 1, 0x5555, &phase);
	assert_int_equal(phase, 7);
	/* Dots 0, 2, 4, 6 of the top row: the left dot of each cell. */
	for (x = 0; x < 4; x++)
		assert_int_equal(d.bits[x], 0x01);
	dots_clear(&d);
	phase = 0;
	dots_line_dashed(&d, 0.5, 0.5, 7.5, 0.5, 1, 0xffff, &phase);
	assert_int_equal(count_dots(&d), 8);
	dots_clear(&d);
	/* An end far outside: clipped, the phase still finite and small. */
	phase = 0;
	dots_line_dashed(&d, -1e12, 0.5, 7.5, 0.5, 1, 0x0f0f, &phase);
	assert_in_range(count_dots(&d), 1, 7);
	assert_true(phase < 16);
	dots_done(&d);
}

/* Blitting keeps each cell's background: the mean of a half block. */
static void
test_blit_keeps_background(void **unused)
{
	canvas *cv = canvas_new(2, 1);
	dots d;

	(void)unused;
	canvas_set(cv, 0, 0, "▀", 0x000000, 0x646464, 0);
	canvas_set(cv, 1, 0, " ", CANVAS_DEFAULT, 0x102030, 0);
	assert_int_equal(dots_init(&d, 2, 1), 0);
	dots_set(&d, 0, 0, 0xff0000);
	dots_set(&d, 3, 3, 0x00ff00);
	dots_blit(&d, cv, 0, 0);
	assert_string_equal(canvas_at(cv, 0, 0)->glyph, "⠁");
	assert_int_equal(canvas_at(cv, 0, 0)->fg, 0xff0000);
	assert_int_equal(canvas_at(cv, 0, 0)->bg, 0x323232);
	assert_string_equal(canvas_at(cv, 1, 0)->glyph, "⢀");
	assert_int_equal(canvas_at(cv, 1, 0)->bg, 0x102030);
	dots_done(&d);
	canvas_free(cv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_new_is_dirty),
		cmocka_unit_test(test_set_marks_changes_only),
		cmocka_unit_test(test_text_clips),
		cmocka_unit_test(test_text_controls),
		cmocka_unit_test(test_ascii_mode),
		cmocka_unit_test(test_console_mode),
		cmocka_unit_test(test_utf8_len),
		cmocka_unit_test(test_copy_and_resize),
		cmocka_unit_test(test_braille_bits),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_dashed_lines),
		cmocka_unit_test(test_blit_keeps_background),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
