/* test_params.c: "key=value" parameter lists and number parsing. */
#include "config.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_values),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_number_parse),
		cmocka_unit_test(test_numbers_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
