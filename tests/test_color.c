/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_color.c: colour depths: detection from the environment, mapping
 * 24-bit colours to the xterm palettes, SGR sequences and text output. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui/canvas.h"
#include "tui/color.h"

/* NO_COLOR wins (when not empty); COLORTERM asks for 24 bits; otherwise
 * terminfo's count decides. */
static void
test_detect(void **unused)
{
	(void)unused;
	assert_int_equal(color_detect(256, "truecolor", "1"), COLOR_NONE);
	assert_int_equal(color_detect(256, "truecolor", ""), COLOR_TRUE);
	assert_int_equal(color_detect(8, "24bit", NULL), COLOR_TRUE);
	assert_int_equal(color_detect(256, NULL, NULL), COLOR_256);
	assert_int_equal(color_detect(88, "", NULL), COLOR_16);
	assert_int_equal(color_detect(8, NULL, NULL), COLOR_8);
	assert_int_equal(color_detect(-1, "truecolor", NULL), COLOR_NONE);
	assert_int_equal(color_detect(2, NULL, NULL), COLOR_NONE);
}

/* The names round-trip; "24bit" is an alias; others are refused. */
static void
test_depth_names(void **unused)
{
	color_depth d;
	int k;

	(void)unused;
	for (k = COLOR_NONE; k <= COLOR_TRUE; k++) {
		assert_int_equal(color_depth_parse(color_depth_name(k), &d), 0);
		assert_int_equal(d, k);
	}
	assert_int_equal(color_depth_parse("24bit", &d), 0);
	assert_int_equal(d, COLOR_TRUE);
	assert_int_equal(color_depth_parse("65536", &d), -1);
	assert_int_equal(color_depth_parse("", &d), -1);
}

/* Every colour of the 256-colour cube and grey ramp maps to itself, and
 * a colour between two cube levels goes to the nearer one. */
static void
test_256(void **unused)
{
	int i;

	(void)unused;
	for (i = 16; i < 256; i++) {
		/* The cube's greys (16, 59, ...) equal no ramp entry. */
		assert_int_equal(color_of_index(color_to_256(color_of_index(i))),
		    color_of_index(i));
	}
	assert_int_equal(color_to_256(0x5f87af), 16 + 36 * 1 + 6 * 2 + 3);
	assert_int_equal(color_to_256(0x808080), 244);
	assert_int_equal(color_to_256(0x000000), 16);
	assert_int_equal(color_to_256(0xffffff), 231);
	assert_int_equal(color_to_256(0x600000), 52);
}

/* Primary colours land on their ANSI colours; 8 colours never give a
 * bright one. */
static void
test_ansi(void **unused)
{
	(void)unused;
	assert_int_equal(color_to_ansi(0xff0000, 16), 9);
	assert_int_equal(color_to_ansi(0xcd0000, 16), 1);
	assert_int_equal(color_to_ansi(0xf00000, 8), 1);
	assert_int_equal(color_to_ansi(0x0000ff, 8), 4);
	assert_int_equal(color_to_ansi(0x101010, 16), 0);
	assert_int_equal(color_to_ansi(0xfafafa, 16), 15);
	assert_true(color_to_ansi(0xfafafa, 8) < 8);
}

/* Blending runs from one end to the other; default colours do not mix. */
static void
test_mix(void **unused)
{
	(void)unused;
	assert_int_equal(color_mix(0x000000, 0xffffff, 0), 0x000000);
	assert_int_equal(color_mix(0x000000, 0xffffff, 1), 0xffffff);
	assert_int_equal(color_mix(0x000000, 0x648200, 0.5), 0x324100);
	assert_int_equal(color_mix(CANVAS_DEFAULT, 0x123456, 0.25),
	    CANVAS_DEFAULT);
	assert_true(color_luma(0xffffff) > 0.99);
	assert_true(color_luma(0x000000) < 0.01);
	assert_true(color_luma(0x00ff00) > color_luma(0xff0000));
}

/* SGR sequences at each depth. */
static void
test_sgr(void **unused)
{
	char buf[96];

	(void)unused;
	color_sgr(buf, 0x010203, 0xfffefd, CANVAS_BOLD, COLOR_TRUE);
	assert_string_equal(buf, "\033[0;1;38;2;1;2;3;48;2;255;254;253m");
	color_sgr(buf, 0x5f87af, CANVAS_DEFAULT, 0, COLOR_256);
	assert_string_equal(buf, "\033[0;38;5;67;49m");
	color_sgr(buf, 0xff0000, 0x0000ee, CANVAS_REVERSE, COLOR_16);
	assert_string_equal(buf, "\033[0;7;91;44m");
	color_sgr(buf, 0xff0000, 0x0000ee, 0, COLOR_8);
	assert_string_equal(buf, "\033[0;31;44m");
	color_sgr(buf, 0xff0000, 0x0000ee, CANVAS_UNDERLINE, COLOR_NONE);
	assert_string_equal(buf, "\033[0;4m");
}

/* Text output: exactly one line per row, no escape at depth none, and a
 * reset at the end of each row otherwise. */
static void
test_write(void **unused)
{
	canvas *cv = canvas_new(3, 2);
	char *text = NULL, *p;
	size_t len = 0;
	FILE *fp;

	(void)unused;
	canvas_text(cv, 0, 0, 3, "a−b", 0xff0000, 0x000000, 0);
	fp = open_memstream(&text, &len);
	color_write_canvas(fp, cv, COLOR_NONE);
	fclose(fp);
	assert_string_equal(text, "a−b\n   \n");
	free(text);
	fp = open_memstream(&text, &len);
	color_write_canvas(fp, cv, COLOR_256);
	fclose(fp);
	assert_non_null(strstr(text, "\033[0;38;5;196;48;5;16ma−b\033[0m\n"));
	p = strchr(text, '\n');
	assert_string_equal(p + 1, "\033[0;39;49m   \033[0m\n");
	free(text);
	canvas_free(cv);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_depth_names),
		cmocka_unit_test(test_256),
		cmocka_unit_test(test_ansi),
		cmocka_unit_test(test_mix),
		cmocka_unit_test(test_sgr),
		cmocka_unit_test(test_write),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
