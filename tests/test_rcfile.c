/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_rcfile.c: the config file's parser without a terminal: settings
 * with comments, blanks and spaces; every kind of mistake refused with
 * "FILE:LINE: ..." naming the bad word; where the file is looked for
 * ($SADDLE_CONFIG, $XDG_CONFIG_HOME, $HOME) and that only a named file
 * must exist. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "cli/rcfile.h"

/* Parse text as the file "cfg"; returns rc_parse's status. */
static int
parse(rc_file *rc, const char *text, char **cause)
{
	char *copy = strdup(text);	/* fmemopen takes a mutable buffer */
	FILE *fp;
	int status;

	assert_non_null(copy);
	fp = fmemopen(copy, strlen(copy), "r");
	assert_non_null(fp);
	status = rc_parse(rc, fp, "cfg", cause);
	fclose(fp);
	free(copy);
	return status;
}

static void
test_settings(void **state)
{
	rc_file rc;
	char *cause = NULL;

	(void)state;
	assert_int_equal(parse(&rc, "# defaults\n\n  theme=viridis\n"
	    "levels = log  \n\tcolor = 16\noptimizer = gd,adam\n"
	    "speed = 50\r\n", &cause), 0);
	assert_null(cause);
	assert_string_equal(rc.value[RC_THEME], "viridis");
	assert_int_equal(rc.line[RC_THEME], 3);
	assert_string_equal(rc.value[RC_LEVELS], "log");
	assert_string_equal(rc.value[RC_COLOR], "16");
	assert_string_equal(rc.value[RC_OPTIMIZER], "gd,adam");
	assert_string_equal(rc.value[RC_SPEED], "50");
	assert_int_equal(rc.line[RC_SPEED], 7);
	assert_string_equal(rc_key_name(RC_OPTIMIZER), "optimizer");
	rc_done(&rc);

	assert_int_equal(parse(&rc, "", &cause), 0);
	assert_null(rc.value[RC_THEME]);
	rc_done(&rc);
}

/* Each mistake: the text, and what the message must contain. */
static const struct {
	const char	*text;
	const char	*says;
} mistakes[] = {
	{ "theme = gray\n# c\ncolour = 16\n",
	  "cfg:3: unknown key 'colour'; expected one of theme, levels, "
	  "color, optimizer, speed" },
	{ "\ntheme gray\n", "cfg:2: 'theme gray' is not a setting" },
	{ "speed = 5\nspeed = 10\n", "cfg:2: 'speed' is set twice (first "
	  "on line 1)" },
	{ "levels =\n", "cfg:1: 'levels' has no value" },
	{ "levels = foo\n", "cfg:1: levels: 'foo' is not a level scale" },
	{ "color = 17\n", "cfg:1: color: unknown depth '17'" },
	{ "optimizer = gd,nope\n", "cfg:1: unknown optimizer 'nope'" },
	{ "speed = 3\n", "cfg:1: speed: '3' is not a speed" },
	{ "theme = nope\n", "cfg:1: unknown theme 'nope'" },
	{ "theme = /nonexistent/x.theme\n", "cfg:1: " },
};

static void
test_mistakes(void **state)
{
	rc_file rc;
	char *cause;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof mistakes / sizeof *mistakes; i++) {
		cause = NULL;
		assert_int_equal(parse(&rc, mistakes[i].text, &cause), -1);
		assert_non_null(cause);
		if (strstr(cause, mistakes[i].says) != cause)
			fail_msg("%s: got '%s'", mistakes[i].text, cause);
		free(cause);
		/* Released on error: nothing left set. */
		assert_null(rc.value[RC_THEME]);
		assert_null(rc.value[RC_SPEED]);
	}
}

/* A theme file given by its path (the search path depends on the
 * install; make check exports SRCDIR). */
static void
test_theme_path(void **state)
{
	rc_file rc;
	char *text, *cause = NULL;
	const char *src = getenv("SRCDIR");

	(void)state;
	text = sd_printf("theme = %s/themes/gray.theme\n", src ? src : ".");
	assert_int_equal(parse(&rc, text, &cause), 0);
	assert_non_null(strstr(rc.value[RC_THEME], "gray.theme"));
	rc_done(&rc);
	free(text);
}

/* Where the file is looked for, in order. */
static void
test_path(void **state)
{
	char *p;
	int required;

	(void)state;
	setenv("SADDLE_CONFIG", "/s/cfg", 1);
	setenv("XDG_CONFIG_HOME", "/x", 1);
	setenv("HOME", "/h", 1);
	p = rc_path("/given", &required);
	assert_string_equal(p, "/given");
	assert_true(required);
	free(p);
	p = rc_path(NULL, &required);
	assert_string_equal(p, "/s/cfg");
	assert_true(required);
	free(p);
	unsetenv("SADDLE_CONFIG");
	p = rc_path(NULL, &required);
	assert_string_equal(p, "/x/saddle/config");
	assert_false(required);
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);	/* ignored, as XDG says */
	p = rc_path(NULL, &required);
	assert_string_equal(p, "/h/.config/saddle/config");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("HOME");
	assert_null(rc_path(NULL, &required));
}

/* A default file that is missing is no error; a named one is. */
static void
test_load_missing(void **state)
{
	rc_file rc;
	char *cause = NULL;

	(void)state;
	unsetenv("SADDLE_CONFIG");
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	assert_int_equal(rc_load(&rc, NULL, &cause), 0);
	assert_null(rc.value[RC_THEME]);
	assert_int_equal(rc_load(&rc, "/nonexistent/cfg", &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/cfg"));
	free(cause);
	cause = NULL;
	setenv("SADDLE_CONFIG", "/nonexistent/env", 1);
	assert_int_equal(rc_load(&rc, NULL, &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/env"));
	free(cause);
	unsetenv("SADDLE_CONFIG");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_mistakes),
		cmocka_unit_test(test_theme_path),
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_load_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
