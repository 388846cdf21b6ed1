/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_params.c: "key=value" parameter lists and the number parsers
 * every front end uses (whole numbers, seeds, tolerances). */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/params.h"

static const sd_param table[] = {
	{ "lr", 0.1, 0, 10, 0, "step size" },
	{ "t_thres", 10, 1, 1000, 1, "steps between perturbations" },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* Defaults fill in, named keys override, the rest keep their values. */
static void
test_parse_values(void **unused)
{
	double v[SD_PARAMS_MAX];

	(void)unused;
	assert_int_equal(sd_params_count(table), 2);
	assert_int_equal(sd_params_find(table, "t_thres"), 1);
	assert_int_equal(sd_params_find(table, "nope"), -1);
	sd_params_defaults(table, v);
	assert_true(v[0] == 0.1 && v[1] == 10);
	assert_int_equal(sd_params_parse(table, "gd", "lr=0.5", v, NULL), 0);
	assert_true(v[0] == 0.5 && v[1] == 10);
	assert_int_equal(sd_params_parse(table, "gd", "t_thres=0x20,lr=1e-3",
	    v, NULL), 0);
	assert_true(v[0] == 1e-3 && v[1] == 32);
	assert_int_equal(sd_params_parse(table, "gd", "", v, NULL), 0);
	assert_int_equal(sd_params_parse(table, "gd", NULL, v, NULL), 0);
	assert_true(v[0] == 1e-3 && v[1] == 32);
}

/* Each bad list fails, names its bad word, and changes nothing. */
static void
test_parse_errors(void **unused)
{
	static const struct {
		const char *text, *word, *hint;
	} cases[] = {
		{ "eta=1", "'eta'", "lr, t_thres" },
		{ "lr=fast", "'fast'", "number" },
		{ "lr=", "''", "number" },
		{ "lr=11", "lr=11", "0 to 10" },
		{ "t_thres=2.5", "t_thres=2.5", "whole number" },
		{ "lr", "'lr'", "key=value" },
		{ "lr=0.2,,", "''", "key=value" },
		{ "lr=0.2,eta=1", "'eta'", "lr, t_thres" },
	};
	double v[SD_PARAMS_MAX];
	char *cause;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sd_params_defaults(table, v);
		cause = NULL;
		assert_int_equal(sd_params_parse(table, "pgd", cases[i].text,
		    v, &cause), -1);
		assert_non_null(cause);
		if (strstr(cause, cases[i].word) == NULL ||
		    strstr(cause, cases[i].hint) == NULL ||
		    strstr(cause, "pgd") == NULL)
			fail_msg("'%s' gave \"%s\"", cases[i].text, cause);
		assert_true(v[0] == 0.1 && v[1] == 10);
		free(cause);
	}
}

/* Numbers: any C notation, the whole word, finite. */
static void
test_number_parse(void **unused)
{
	static const char *const bad[] = { "", "1x", "x1", "nan", "inf",
	    "1e999", " ", "--1" };
	double v;
	size_t i;

	(void)unused;
	assert_int_equal(sd_number_parse("-2.5e-1", &v), 0);
	assert_true(v == -0.25);
	assert_int_equal(sd_number_parse("0x10", &v), 0);
	assert_true(v == 16);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(sd_number_parse(bad[i], &v), -1);
}

/* "a,b" lists: exactly n numbers, or an error naming the word. */
static void
test_numbers_parse(void **unused)
{
	double v[2] = { 7, 7 };
	char *cause = NULL;

	(void)unused;
	assert_int_equal(sd_numbers_parse("1,-0.5", 2, v, "--start", NULL), 0);
	assert_true(v[0] == 1 && v[1] == -0.5);
	assert_int_equal(sd_numbers_parse("1", 2, v, "--start", &cause), -1);
	assert_non_null(strstr(cause, "'1'"));
	free(cause);
	assert_int_equal(sd_numbers_parse("1,2,3", 2, v, "--start", &cause),
	    -1);
	assert_non_null(strstr(cause, "1,2,3"));
	free(cause);
	assert_int_equal(sd_numbers_parse("1,y", 2, v, "--start", &cause), -1);
	assert_non_null(strstr(cause, "'y'"));
	assert_non_null(strstr(cause, "--start"));
	free(cause);
	assert_true(v[0] == 1 && v[1] == -0.5);
}

/* Whole numbers: any C notation, checked against the range as a double
 * before any conversion (1e30 is refused, not cast), the limits
 * inclusive, and one message naming the option, the word and the range. */
static void
test_whole_parse(void **unused)
{
	static const struct {
		const char	*word;
		unsigned long	 want;
	} good[] = {
		{ "0", 0 }, { "-0", 0 }, { "10000000", 10000000 },
		{ "1e3", 1000 }, { "0x3e8", 1000 }, { "0x1p3", 8 },
		{ "+7", 7 }, { "2.0", 2 },
	};
	static const char *const bad[] = { "-1", "10000001", "1e30", "-1e30",
	    "1e999", "2.5", "nan", "inf", "-inf", "", "1x", "10 ", "x",
	    "0x", "1,2", "--1" };
	unsigned long v;
	char *cause;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		v = 99;
		if (sd_whole_parse("--steps", good[i].word, 0, 10000000, &v,
		    NULL) != 0 || v != good[i].want)
			fail_msg("'%s' gave %lu", good[i].word, v);
	}
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		v = 99;
		cause = NULL;
		assert_int_equal(sd_whole_parse("--steps", bad[i], 0, 10000000,
		    &v, &cause), -1);
		assert_int_equal(v, 99);
		if (strstr(cause, "--steps: '") != cause ||
		    strstr(cause, bad[i]) == NULL ||
		    strstr(cause, "is not a whole number from 0 to 10000000") ==
		    NULL)
			fail_msg("'%s' gave \"%s\"", bad[i], cause);
		free(cause);
	}
	assert_int_equal(sd_whole_parse("step", "1", 1, 1, &v, NULL), 0);
	assert_int_equal(v, 1);
	assert_int_equal(sd_whole_parse("step", "0", 1, 1, &v, NULL), -1);
	assert_int_equal(sd_whole_parse("step", "2", 1, 1, &v, NULL), -1);
#if ULONG_MAX > 0xffffffffUL
	/* Past 2^53 a double skips whole numbers: refused whatever hi. */
	assert_int_equal(sd_whole_parse("n", "9007199254740992", 0,
	    ULONG_MAX, &v, NULL), 0);
	assert_true(v == 9007199254740992UL);
	assert_int_equal(sd_whole_parse("n", "9007199254740994", 0,
	    ULONG_MAX, &v, NULL), -1);
#endif
	assert_int_equal(sd_whole_parse("n", "1e300", 0, ULONG_MAX, &v,
	    NULL), -1);
}

/* Seeds: 0 to 2^32 − 1, the whole-number message. */
static void
test_seed_parse(void **unused)
{
	unsigned long v = 7;
	char *cause = NULL;

	(void)unused;
	assert_int_equal(sd_seed_parse("--seed", "4294967295", &v, NULL), 0);
	assert_true(v == SD_SEED_MAX);
	assert_int_equal(sd_seed_parse("--seed", "0xffffffff", &v, NULL), 0);
	assert_true(v == 4294967295UL);
	assert_int_equal(sd_seed_parse("--seed", "0", &v, NULL), 0);
	assert_int_equal(v, 0);
	assert_int_equal(sd_seed_parse("seed", "4294967296", &v, &cause), -1);
	assert_string_equal(cause, "seed: '4294967296' is not a whole number "
	    "from 0 to 4294967295");
	free(cause);
	assert_int_equal(sd_seed_parse("seed", "-1", &v, NULL), -1);
	assert_int_equal(v, 0);
}

/* Tolerances: any finite number ≥ 0; 0 (and -0, read as +0) is valid
 * and means every step; one message for every front end. */
static void
test_tolerance_parse(void **unused)
{
	static const char *const bad[] = { "-1", "-1e-300", "nan", "-nan",
	    "inf", "1e999", "", "1e-6x", "tiny", " " };
	double t = 5;
	char *cause;
	size_t i;

	(void)unused;
	assert_int_equal(sd_tolerance_parse("--tol", "1e-6", &t, NULL), 0);
	assert_true(t == 1e-6);
	assert_int_equal(sd_tolerance_parse("--tol", "0x1p-4", &t, NULL), 0);
	assert_true(t == 0.0625);
	assert_int_equal(sd_tolerance_parse("--tol", "0", &t, NULL), 0);
	assert_true(t == 0 && !signbit(t));
	t = 5;
	assert_int_equal(sd_tolerance_parse("--tol", "-0", &t, NULL), 0);
	assert_true(t == 0 && !signbit(t));
	assert_int_equal(sd_tolerance_parse("--tol", "1e300", &t, NULL), 0);
	assert_true(t == 1e300);
	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		t = 5;
		cause = NULL;
		assert_int_equal(sd_tolerance_parse("tol", bad[i], &t, &cause),
		    -1);
		assert_true(t == 5);
		if (strstr(cause, "tol: '") != cause ||
		    strstr(cause, bad[i]) == NULL ||
		    strstr(cause, "is not a tolerance: expected a number ≥ 0 "
		    "such as 1e-6 (0 runs every step)") == NULL)
			fail_msg("'%s' gave \"%s\"", bad[i], cause);
		free(cause);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_number_parse),
		cmocka_unit_test(test_numbers_parse),
		cmocka_unit_test(test_whole_parse),
		cmocka_unit_test(test_seed_parse),
		cmocka_unit_test(test_tolerance_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
