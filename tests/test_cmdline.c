/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_cmdline.c: the ':' line's editor without a terminal: editing at
 * the cursor, UTF-8 characters inserted and deleted whole, the history
 * (no empty lines, no repeats, the oldest dropped when full) and Tab's
 * completions (first offered, cycling, a blank after a unique name). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tui/cmdline.h"

/* Type the ASCII text s at the cursor. */
static void
type(cmdline *cl, const char *s)
{
	for (; *s != '\0'; s++)
		cmdline_insert(cl, (unsigned char)*s);
}

/* Typing inserts at the cursor; left, right, home and end move it;
 * delete and backspace take the character at and before it. */
static void
test_editing(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	cmdline_open(&cl);
	type(&cl, "sep");
	assert_string_equal(cl.text, "sep");
	assert_int_equal(cl.pos, 3);
	cmdline_left(&cl);
	cmdline_left(&cl);
	type(&cl, "t");
	assert_string_equal(cl.text, "step");
	assert_int_equal(cl.pos, 2);
	cmdline_end(&cl);
	type(&cl, " 3");
	assert_string_equal(cl.text, "step 3");
	cmdline_home(&cl);
	assert_int_equal(cl.pos, 0);
	cmdline_left(&cl);		/* nothing before the start */
	assert_int_equal(cl.pos, 0);
	cmdline_backspace(&cl);		/* nor to delete */
	assert_string_equal(cl.text, "step 3");
	cmdline_delete(&cl);
	assert_string_equal(cl.text, "tep 3");
	cmdline_right(&cl);
	cmdline_backspace(&cl);
	assert_string_equal(cl.text, "ep 3");
	assert_int_equal(cl.pos, 0);
	cmdline_end(&cl);
	cmdline_right(&cl);		/* nothing after the end */
	assert_int_equal(cl.pos, 4);
	cmdline_delete(&cl);		/* nor to delete */
	assert_string_equal(cl.text, "ep 3");
	cmdline_kill(&cl);
	assert_string_equal(cl.text, "");
	assert_int_equal(cl.pos, 0);
	cmdline_done(&cl);
}

/* Code points go in as UTF-8 (1, 2 and 3 bytes); the cursor steps, and
 * delete and backspace remove, whole characters; code points from
 * U+10000 up (the screen's special keys) are refused. */
static void
test_utf8(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	cmdline_insert(&cl, 'a');
	cmdline_insert(&cl, 0x3bb);		/* λ */
	cmdline_insert(&cl, 0x2212);		/* − */
	cmdline_insert(&cl, 0x110000);		/* not a character */
	cmdline_insert(&cl, 0x1f642);		/* beyond the BMP */
	assert_string_equal(cl.text, "aλ−");
	assert_int_equal(cl.pos, 1 + 2 + 3);
	cmdline_left(&cl);
	assert_int_equal(cl.pos, 3);
	cmdline_left(&cl);
	assert_int_equal(cl.pos, 1);
	cmdline_delete(&cl);
	assert_string_equal(cl.text, "a−");
	cmdline_right(&cl);
	assert_int_equal(cl.pos, 4);
	cmdline_backspace(&cl);
	assert_string_equal(cl.text, "a");
	assert_int_equal(cl.pos, 1);
	cmdline_home(&cl);
	cmdline_insert(&cl, 0xe9);		/* é */
	assert_string_equal(cl.text, "éa");
	assert_int_equal(cl.pos, 2);
	cmdline_done(&cl);
}

/* A full line takes no more: a character that would not fit whole is
 * refused rather than cut. */
static void
test_full_line(void **unused)
{
	cmdline cl;
	int i;

	(void)unused;
	cmdline_init(&cl);
	for (i = 0; i < CMDLINE_MAX - 2; i++)
		cmdline_insert(&cl, 'x');
	assert_int_equal((int)strlen(cl.text), CMDLINE_MAX - 2);
	cmdline_insert(&cl, 0x3bb);		/* two bytes: no room */
	assert_int_equal((int)strlen(cl.text), CMDLINE_MAX - 2);
	cmdline_insert(&cl, 'y');		/* one: the last room */
	assert_int_equal((int)strlen(cl.text), CMDLINE_MAX - 1);
	assert_int_equal(cl.text[CMDLINE_MAX - 2], 'y');
	cmdline_insert(&cl, 'z');
	assert_int_equal((int)strlen(cl.text), CMDLINE_MAX - 1);
	cmdline_done(&cl);
}

/* Up recalls older lines, down newer ones and then the empty new line;
 * neither moves past its end. */
static void
test_history_up_down(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	cmdline_remember(&cl, "objective camel6");
	cmdline_remember(&cl, "step 3");
	cmdline_open(&cl);
	type(&cl, "typed");
	cmdline_newer(&cl);		/* already the newest */
	assert_string_equal(cl.text, "typed");
	cmdline_older(&cl);
	assert_string_equal(cl.text, "step 3");
	assert_int_equal(cl.pos, 6);
	cmdline_older(&cl);
	assert_string_equal(cl.text, "objective camel6");
	cmdline_older(&cl);		/* the oldest stays */
	assert_string_equal(cl.text, "objective camel6");
	cmdline_newer(&cl);
	assert_string_equal(cl.text, "step 3");
	cmdline_newer(&cl);
	assert_string_equal(cl.text, "");
	assert_int_equal(cl.pos, 0);
	/* A new line starts after the newest entry again. */
	cmdline_older(&cl);
	cmdline_open(&cl);
	assert_string_equal(cl.text, "");
	cmdline_older(&cl);
	assert_string_equal(cl.text, "step 3");
	cmdline_done(&cl);
}

/* Empty lines and a line equal to the newest entry are not remembered;
 * the same line after another one is. */
static void
test_history_duplicates(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	cmdline_remember(&cl, "");
	assert_int_equal(cl.n_history, 0);
	cmdline_remember(&cl, "step");
	cmdline_remember(&cl, "step");
	assert_int_equal(cl.n_history, 1);
	cmdline_remember(&cl, "clear");
	cmdline_remember(&cl, "step");
	assert_int_equal(cl.n_history, 3);
	assert_string_equal(cl.history[0], "step");
	assert_string_equal(cl.history[1], "clear");
	assert_string_equal(cl.history[2], "step");
	cmdline_done(&cl);
}

/* The history holds CMDLINE_HISTORY lines; each one more drops the
 * oldest, and recall walks exactly what is kept. */
static void
test_history_limit(void **unused)
{
	char line[32];
	cmdline cl;
	int i;

	(void)unused;
	cmdline_init(&cl);
	for (i = 0; i < CMDLINE_HISTORY + 5; i++) {
		snprintf(line, sizeof line, "step %d", i);
		cmdline_remember(&cl, line);
	}
	assert_int_equal(cl.n_history, CMDLINE_HISTORY);
	assert_string_equal(cl.history[0], "step 5");
	snprintf(line, sizeof line, "step %d", CMDLINE_HISTORY + 4);
	assert_string_equal(cl.history[CMDLINE_HISTORY - 1], line);
	cmdline_open(&cl);
	for (i = 0; i < CMDLINE_HISTORY + 3; i++)
		cmdline_older(&cl);
	assert_string_equal(cl.text, "step 5");
	cmdline_done(&cl);
}

/* The word before the cursor runs back to a blank or a comma; only the
 * names it begins are offered. */
static void
test_complete_word(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	type(&cl, "set lr=0.1,mo");
	assert_int_equal(cmdline_word(&cl), 11);
	cmdline_offer(&cl, "lr=");
	cmdline_offer(&cl, "momentum=");
	cmdline_offer(&cl, "mu=");
	assert_int_equal(cl.n_cands, 1);
	cmdline_complete(&cl, 0);
	assert_string_equal(cl.text, "set lr=0.1,momentum=");
	assert_int_equal(cl.pos, (int)strlen(cl.text));
	assert_int_equal(cl.n_cands, 0);
	assert_false(cmdline_cycling(&cl));
	/* Nothing offered: the line stays. */
	cmdline_word(&cl);
	cmdline_offer(&cl, "lr=");
	cmdline_complete(&cl, 0);
	assert_string_equal(cl.text, "set lr=0.1,momentum=");
	cmdline_done(&cl);
}

/* A unique completion of the first word gets a blank when asked (the
 * argument comes next), but not when text follows the cursor, which
 * stays after the completed word. */
static void
test_complete_blank(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	type(&cl, "obj");
	assert_int_equal(cmdline_word(&cl), 0);
	cmdline_offer(&cl, "objective");
	cmdline_complete(&cl, 1);
	assert_string_equal(cl.text, "objective ");
	assert_int_equal(cl.pos, 10);
	cmdline_kill(&cl);
	type(&cl, "ob camel6");
	cmdline_home(&cl);
	cmdline_right(&cl);
	cmdline_right(&cl);
	cmdline_word(&cl);
	cmdline_offer(&cl, "objective");
	cmdline_complete(&cl, 1);
	assert_string_equal(cl.text, "objective camel6");
	assert_int_equal(cl.pos, 9);
	cmdline_done(&cl);
}

/* Names sharing the word's prefix: the first offered shows, and each
 * cycle shows the next, back to the first after the last; the text after
 * the cursor is kept. An edit ends the cycle. */
static void
test_complete_cycle(void **unused)
{
	cmdline cl;

	(void)unused;
	cmdline_init(&cl);
	type(&cl, "chart  x");
	cmdline_home(&cl);
	cmdline_right(&cl);
	cmdline_right(&cl);
	cmdline_right(&cl);
	cmdline_right(&cl);
	cmdline_right(&cl);
	cmdline_right(&cl);		/* after "chart " */
	cmdline_word(&cl);
	cmdline_offer(&cl, "default");
	cmdline_offer(&cl, "hessian");
	cmdline_offer(&cl, "random");
	assert_int_equal(cl.n_cands, 3);
	cmdline_complete(&cl, 1);
	assert_true(cmdline_cycling(&cl));
	assert_string_equal(cl.text, "chart default x");
	assert_int_equal(cl.cand, 0);
	cmdline_cycle(&cl);
	assert_string_equal(cl.text, "chart hessian x");
	assert_int_equal(cl.pos, 13);
	cmdline_cycle(&cl);
	assert_string_equal(cl.text, "chart random x");
	assert_int_equal(cl.cand, 2);
	cmdline_cycle(&cl);
	assert_string_equal(cl.text, "chart default x");
	assert_int_equal(cl.cand, 0);
	cmdline_insert(&cl, '!');
	assert_false(cmdline_cycling(&cl));
	assert_null(cl.cands);
	assert_string_equal(cl.text, "chart default! x");
	cmdline_done(&cl);
}

/* A common prefix narrows the offer: "o" offers objective and
 * optimizer, "op" only optimizer. */
static void
test_complete_prefix(void **unused)
{
	static const char *const names[] = { "objective", "expr",
	    "optimizer", "add", NULL };
	cmdline cl;
	int i;

	(void)unused;
	cmdline_init(&cl);
	type(&cl, "o");
	cmdline_word(&cl);
	for (i = 0; names[i] != NULL; i++)
		cmdline_offer(&cl, names[i]);
	assert_int_equal(cl.n_cands, 2);
	assert_string_equal(cl.cands[0], "objective");
	assert_string_equal(cl.cands[1], "optimizer");
	cmdline_kill(&cl);
	type(&cl, "op");
	cmdline_word(&cl);
	for (i = 0; names[i] != NULL; i++)
		cmdline_offer(&cl, names[i]);
	assert_int_equal(cl.n_cands, 1);
	cmdline_complete(&cl, 1);
	assert_string_equal(cl.text, "optimizer ");
	/* An empty word is the prefix of every name. */
	cmdline_kill(&cl);
	cmdline_word(&cl);
	for (i = 0; names[i] != NULL; i++)
		cmdline_offer(&cl, names[i]);
	assert_int_equal(cl.n_cands, 4);
	cmdline_done(&cl);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_editing),
		cmocka_unit_test(test_utf8),
		cmocka_unit_test(test_full_line),
		cmocka_unit_test(test_history_up_down),
		cmocka_unit_test(test_history_duplicates),
		cmocka_unit_test(test_history_limit),
		cmocka_unit_test(test_complete_word),
		cmocka_unit_test(test_complete_blank),
		cmocka_unit_test(test_complete_cycle),
		cmocka_unit_test(test_complete_prefix),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
