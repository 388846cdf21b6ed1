/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_theme.c: the theme file format (every key, every error with its
 * file:line), the shipped themes, and the search path. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tui/canvas.h"
#include "tui/theme.h"

/* The shipped themes, which the issue asks for by name. */
static const char *const shipped[] = { "viridis", "magma", "gray", "cividis" };

/* Parse text and expect an error mentioning each of the words. */
static void
expect_error(const char *text, const char *w1, const char *w2)
{
	char *cause = NULL;
	theme th, before;

	theme_default(&th);
	before = th;
	assert_int_equal(theme_parse(&th, text, "t.theme", &cause), -1);
	assert_non_null(cause);
	if (strstr(cause, w1) == NULL || (w2 && strstr(cause, w2) == NULL))
		fail_msg("message '%s' lacks '%s' or '%s'", cause, w1,
		    w2 ? w2 : "");
	assert_memory_equal(&th, &before, sizeof th);
	free(cause);
}

/* A palette alone is a theme; the rest falls back to the default, and the
 * name comes from the file. */
static void
test_minimal(void **unused)
{
	theme th, def;

	(void)unused;
	theme_default(&def);
	assert_int_equal(theme_parse(&th, "palette #000000 #ffffff\n",
	    "/x/y/night.theme", NULL), 0);
	assert_string_equal(th.name, "night");
	assert_int_equal(th.n_stops, 2);
	assert_int_equal(th.stops[1], 0xffffff);
	assert_int_equal(th.cursor, def.cursor);
	assert_int_equal(th.n_paths, def.n_paths);
	assert_int_equal(theme_palette(&th, 0), 0x000000);
	assert_int_equal(theme_palette(&th, 1), 0xffffff);
	assert_int_equal(theme_palette(&th, 0.5), 0x808080);
	assert_int_equal(theme_palette(&th, -3), 0x000000);
	assert_int_equal(theme_palette(&th, 7), 0xffffff);
}

/* Every key, comments, blank lines, CR-LF endings and "default". */
static void
test_every_key(void **unused)
{
	theme th;
	const char *text =
	    "# a comment\r\n"
	    "\n"
	    "  name   mine\n"
	    "palette #000000 #0000ff #ffffff\n"
	    "contour #101010 60\n"
	    "undefined #202020\n"
	    "min #300000\nmax #400000\nsaddle #500000\ndegenerate #600000\n"
	    "cursor #700000\n"
	    "paths #010101 #020202\n"
	    "text default\ndim #0a0a0a\naccent #0b0b0b\nborder default\r\n";

	(void)unused;
	assert_int_equal(theme_parse(&th, text, "mine.theme", NULL), 0);
	assert_string_equal(th.name, "mine");
	assert_int_equal(th.n_stops, 3);
	assert_int_equal(theme_palette(&th, 0.5), 0x0000ff);
	assert_int_equal(th.contour, 0x101010);
	assert_int_equal(th.contour_mix, 60);
	assert_int_equal(th.undefined, 0x202020);
	assert_int_equal(theme_point_color(&th, SD_POINT_MIN), 0x300000);
	assert_int_equal(theme_point_color(&th, SD_POINT_MAX), 0x400000);
	assert_int_equal(theme_point_color(&th, SD_POINT_SADDLE), 0x500000);
	assert_int_equal(theme_point_color(&th, SD_POINT_DEGENERATE_SADDLE),
	    0x600000);
	assert_int_equal(theme_point_color(&th, SD_POINT_DEGENERATE_MIN),
	    0x600000);
	assert_int_equal(th.cursor, 0x700000);
	assert_int_equal(th.n_paths, 2);
	assert_int_equal(th.paths[1], 0x020202);
	assert_int_equal(th.text, CANVAS_DEFAULT);
	assert_int_equal(th.border, CANVAS_DEFAULT);
	assert_int_equal(th.accent, 0x0b0b0b);
}

/* Malformed files: the message names file:line, the bad word and what
 * would have been accepted; the theme is left as it was. */
static void
test_errors(void **unused)
{
	(void)unused;
	expect_error("palette #000000 #ffffff\npalete #000000\n",
	    "t.theme:2: unknown key 'palete'", "expected one of name, palette");
	expect_error("palette #000000 #12345\n", "t.theme:1: '#12345' is not "
	    "a colour", "expected #RRGGBB");
	expect_error("palette #000000 #ffffff\nmin red\n", "t.theme:2: 'red'",
	    "expected #RRGGBB");
	expect_error("palette #000000 #ffffff\nmin default\n",
	    "t.theme:2: 'default' is not a colour", NULL);
	expect_error("palette #000000 #ffffff\ntext #12345g\n",
	    "t.theme:2:", "expected #RRGGBB or default");
	expect_error("# only one stop\npalette #000000\n",
	    "t.theme:2: 'palette' takes 2 to 32 colours, got 1", NULL);
	expect_error("palette #000000 #000000 #000000 #000000 #000000 #000000 "
	    "#000000 #000000 #000000 #000000 #000000 #000000 #000000 #000000 "
	    "#000000 #000000 #000000 #000000 #000000 #000000 #000000 #000000 "
	    "#000000 #000000 #000000 #000000 #000000 #000000 #000000 #000000 "
	    "#000000 #000000 #000000\n", "t.theme:1:", "got 33");
	expect_error("name a\nname b\npalette #000000 #ffffff\n",
	    "t.theme:2: 'name' was already set on line 1", NULL);
	expect_error("palette #000000 #ffffff\ncontour #000000 101\n",
	    "t.theme:2: '101' is not a percent", "0 to 100");
	expect_error("palette #000000 #ffffff\ncontour #000000 5 6\n",
	    "t.theme:2: 'contour' takes 1 to 2", NULL);
	expect_error("palette #000000 #ffffff\ncursor\n",
	    "t.theme:2: 'cursor' takes 1 value, got 0", NULL);
	expect_error("name x\n", "t.theme: no palette", "2 to 32 colours");
	expect_error("", "no palette", NULL);
}

/* The shipped theme at path SRCDIR/themes/NAME.theme. */
static char *
shipped_path(const char *name)
{
	const char *src = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
	size_t len = strlen(src) + strlen(name) + 16;
	char *p = malloc(len);

	snprintf(p, len, "%s/themes/%s.theme", src, name);
	return p;
}

/* The shipped themes parse, are named after their files, have distinct
 * palettes, and viridis is exactly the built-in default. */
static void
test_shipped(void **unused)
{
	theme th[4], def;
	char *path, *cause = NULL;
	size_t i, j;

	(void)unused;
	for (i = 0; i < 4; i++) {
		path = shipped_path(shipped[i]);
		if (theme_load(&th[i], path, &cause) != 0)
			fail_msg("%s: %s", path, cause);
		assert_string_equal(th[i].name, shipped[i]);
		assert_true(th[i].n_stops >= 2);
		free(path);
		for (j = 0; j < i; j++)
			assert_true(th[i].stops[0] != th[j].stops[0] ||
			    th[i].stops[th[i].n_stops - 1] !=
			    th[j].stops[th[j].n_stops - 1]);
	}
	theme_default(&def);
	assert_memory_equal(&th[0], &def, sizeof def);
}

/* Write text to dir/name. */
static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	FILE *fp;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	assert_non_null(fp = fopen(path, "w"));
	fputs(text, fp);
	fclose(fp);
}

/* Remove what test_search_path made. */
static void
remove_tree(const char *top, const char *dir)
{
	static const char *const files[] = {
		"aaa-mine.theme", "gray.theme", "notes.txt", "broken.theme"
	};
	char path[1024];
	size_t i;

	for (i = 0; i < sizeof files / sizeof *files; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, files[i]);
		unlink(path);
	}
	rmdir(dir);
	snprintf(path, sizeof path, "%s/saddle", top);
	rmdir(path);
	rmdir(top);
}

/* $XDG_CONFIG_HOME/saddle/themes comes first: its themes are listed and
 * hide shipped ones of the same name; names and paths both load; an
 * unknown name lists the known ones. */
static void
test_search_path(void **unused)
{
	char tmpl[] = "/tmp/saddle-theme-XXXXXX", dir[512], *cause = NULL;
	theme_entry *list;
	size_t n, i, k;
	theme th;

	(void)unused;
	assert_non_null(mkdtemp(tmpl));
	snprintf(dir, sizeof dir, "%s/saddle", tmpl);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(dir, sizeof dir, "%s/saddle/themes", tmpl);
	assert_int_equal(mkdir(dir, 0700), 0);
	write_file(dir, "aaa-mine.theme", "palette #010203 #040506\n");
	write_file(dir, "gray.theme", "palette #111111 #eeeeee\n");
	write_file(dir, "notes.txt", "not a theme\n");
	setenv("XDG_CONFIG_HOME", tmpl, 1);

	assert_int_equal(theme_list(&list, &n, NULL), 0);
	assert_true(n >= 5);
	assert_string_equal(list[0].name, "aaa-mine");
	for (i = 1; i < n; i++)
		assert_true(strcmp(list[i - 1].name, list[i].name) < 0);
	for (k = 0; k < 4; k++) {
		for (i = 0; i < n && strcmp(list[i].name, shipped[k]); i++)
			continue;
		assert_true(i < n);
		if (strcmp(shipped[k], "gray") == 0)
			assert_non_null(strstr(list[i].path, tmpl));
	}
	theme_list_free(list, n);

	assert_int_equal(theme_load(&th, "aaa-mine", NULL), 0);
	assert_int_equal(th.stops[0], 0x010203);
	assert_int_equal(theme_load(&th, "gray", NULL), 0);
	assert_int_equal(th.stops[0], 0x111111);
	assert_int_equal(theme_load(&th, "magma", NULL), 0);
	assert_string_equal(th.name, "magma");
	assert_int_equal(theme_load(&th, "nope", &cause), -1);
	assert_non_null(strstr(cause, "unknown theme 'nope'"));
	assert_non_null(strstr(cause, "viridis"));
	assert_non_null(strstr(cause, "aaa-mine"));
	free(cause);
	assert_int_equal(theme_load(&th, "/nonexistent/x.theme", &cause), -1);
	assert_non_null(strstr(cause, "/nonexistent/x.theme"));
	free(cause);

	write_file(dir, "broken.theme", "palette #000000 #ffffff\nmax #ff\n");
	assert_int_equal(theme_load(&th, "broken", &cause), -1);
	assert_non_null(strstr(cause, "broken.theme:2: '#ff' is not a colour"));
	free(cause);
	unsetenv("XDG_CONFIG_HOME");
	remove_tree(tmpl, dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_search_path),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
