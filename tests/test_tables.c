/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_tables.c: the map kinds' registry (map.h) and the chart choices'
 * table (chart.h), walked the way the front ends walk them: every entry
 * is complete, is found again by its name, works on a small window of
 * doublewell, is in the lists that usage messages print, and is
 * documented in the manual. A new kind or choice is tested the moment it
 * is listed. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "landscape/chart.h"
#include "landscape/map.h"
#include "objectives/objective.h"
#include "testutil.h"

/* The characters (UTF-8 code points) of s. */
static size_t
utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* The manual's source (man/saddle.1.in: the built manual differs only in
 * the configured paths), read whole; its lines in *lines. */
static char *
manual_read(char ***lines, size_t *n)
{
	const char *src = getenv("SRCDIR") ? getenv("SRCDIR") : ".";
	char path[4096], *text, *p;
	size_t len, cap = 64;
	FILE *fp;

	snprintf(path, sizeof path, "%s/man/saddle.1.in", src);
	if ((fp = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	len = (size_t)ftell(fp);
	rewind(fp);
	text = calloc(len + 1, 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, len, fp), len);
	fclose(fp);
	*lines = malloc(cap * sizeof **lines);
	assert_non_null(*lines);
	*n = 0;
	for (p = strtok(text, "\n"); p != NULL; p = strtok(NULL, "\n")) {
		if (*n == cap)
			*lines = realloc(*lines, (cap *= 2) * sizeof **lines);
		assert_non_null(*lines);
		(*lines)[(*n)++] = p;
	}
	return text;
}

/* Whether the manual has an entry for name: a tagged paragraph (.TP)
 * whose tag is ".B name", ".BR name..." or ".BI name..." (groff writes
 * '-' as "\-"), the name ending the line or followed by a space, '[' or
 * ':'. */
static int
manual_documents(char **lines, size_t n, const char *name)
{
	char want[128], *at;
	size_t i, k = 0, len;
	const char *s;

	for (s = name; *s != '\0' && k + 3 < sizeof want; s++) {
		if (*s == '-')
			want[k++] = '\\';
		want[k++] = *s;
	}
	want[k] = '\0';
	len = strlen(want);
	for (i = 1; i < n; i++) {
		if (strncmp(lines[i - 1], ".TP", 3) != 0 ||
		    strncmp(lines[i], ".B", 2) != 0)
			continue;
		at = lines[i] + 2 + (lines[i][2] == 'R' || lines[i][2] == 'I');
		if (*at++ != ' ' || strncmp(at, want, len) != 0)
			continue;
		/* strchr finds the terminator too: the name ends the line. */
		if (strchr(" [:", at[len]) != NULL)
			return 1;
	}
	return 0;
}

/* ---- map kinds -------------------------------------------------------- */

/* Every kind has what the front ends show, and its name finds it. */
static void
test_map_kinds_complete(void **unused)
{
	const sd_map_type *t;
	size_t k, j;

	(void)unused;
	assert_non_null(sd_map_types[0]);
	for (k = 0; (t = sd_map_types[k]) != NULL; k++) {
		assert_non_null(t->name);
		assert_true(t->name[0] != '\0' && strchr(t->name, ' ') == NULL);
		/* The legend's title fits the colour bar's 12 cells. */
		assert_true(t->title != NULL && t->title[0] != '\0');
		assert_in_range(utf8_length(t->title), 1, 11);
		assert_true(t->summary != NULL && t->summary[0] != '\0');
		/* One line of the help's second page at 120 columns. */
		assert_true(t->meaning != NULL && t->meaning[0] != '\0');
		assert_in_range(utf8_length(t->meaning), 1, 96);
		assert_non_null(t->run);
		/* Labels need names; a pixel function needs the engine's
		 * values, which only curvature extends. */
		if (t->labels)
			assert_non_null(t->label_name);
		if (t->curvature)
			assert_non_null(t->pixel);
		assert_ptr_equal(sd_map_type_find(t->name, NULL), t);
		for (j = 0; j < k; j++)
			assert_string_not_equal(sd_map_types[j]->name, t->name);
	}
}

/* The lists usage messages print hold every kind that reads an option,
 * and sd_map_type_reading finds one. */
static void
test_map_kinds_lists(void **unused)
{
	static const unsigned bits[] = { 0, SD_MAP_READS_CONSTANTS,
	    SD_MAP_READS_RUNS };
	const sd_map_type *t;
	char list[256], *cause = NULL;
	size_t b, k, n;

	(void)unused;
	for (b = 0; b < sizeof bits / sizeof *bits; b++) {
		sd_map_type_names(bits[b], list, sizeof list);
		for (k = n = 0; (t = sd_map_types[k]) != NULL; k++) {
			if (bits[b] != 0 && !(t->reads & bits[b]))
				continue;
			assert_non_null(strstr(list, t->name));
			n++;
		}
		assert_true(n > 0);
		/* "a", "a or b", "a, b or c": one " or " from two on. */
		assert_int_equal(strstr(list, " or ") != NULL, n > 1);
		if (bits[b] != 0) {
			t = sd_map_type_reading(bits[b]);
			assert_non_null(t);
			assert_true(t->reads & bits[b]);
		}
	}
	assert_null(sd_map_type_find("no-such-kind", &cause));
	sd_map_type_names(0, list, sizeof list);
	assert_non_null(strstr(cause, "'no-such-kind'"));
	assert_non_null(strstr(cause, list));
	free(cause);
}

/* Every kind maps a small window of doublewell: a label per pixel that
 * names itself, or a value; the counts add up. */
static void
test_map_kinds_run(void **unused)
{
	const sd_map_type *t;
	sd_objective *objs[2] = { test_objective_new("doublewell"),
	    test_objective_new("twolayer:ntk=1") }, *obj;
	sd_window w = { -1.5, 1.5, -1, 1 };
	sd_chart charts[2];
	sd_map map;
	char *cause = NULL, name[32];
	size_t k, p, total, n = 9 * 7, i;

	(void)unused;
	for (i = 0; i < 2; i++)
		assert_int_equal(sd_chart_init_default(&charts[i], objs[i],
		    NULL), 0);
	for (k = 0; (t = sd_map_types[k]) != NULL; k++) {
		sd_map_options o = { t, NAN, NAN, NAN, NULL, NULL, 200, 1e-6,
		    1 };

		/* A kind that has nothing to show for doublewell (ntk-gap)
		 * runs on the NTK model, which every kind applies to. */
		i = sd_map_applies(t, objs[0]) ? 0 : 1;
		obj = objs[i];
		assert_true(sd_map_applies(t, objs[1]));
		if (sd_map_compute(&map, obj, &charts[i], &w, 9, 7, &o,
		    &cause) != 0)
			fail_msg("%s: %s", t->name, cause);
		assert_ptr_equal(map.type, t);
		assert_int_equal(map.label != NULL, t->labels);
		assert_int_equal(map.value != NULL, !t->labels);
		if (t->labels) {
			for (p = 0; p < n; p++)
				assert_true((size_t)map.label[p] <
				    map.n_labels);
			for (p = total = 0; p < map.n_labels; p++) {
				total += map.count[p];
				sd_map_label_name(&map, p, name, sizeof name);
				assert_string_not_equal(name, "?");
			}
			assert_int_equal(total, n);
		} else
			assert_true(map.n_defined > 0 && map.n_defined <= n);
		sd_map_done(&map);
	}
	for (i = 0; i < 2; i++) {
		sd_chart_done(&charts[i]);
		sd_objective_free(objs[i]);
	}
}

/* ---- chart choices ---------------------------------------------------- */

/* A choice written as its table says: the name, and for an argument it
 * needs as many points as it names. Three points not on one line. */
static void
choice_example(const sd_chart_choice_type *t, char *buf, size_t len)
{
	static const char *const points[] = { "0.5,-0.25", "-1,0.25",
	    "0.25,1" };
	size_t i;

	snprintf(buf, len, "%s", t->name);
	if (t->arg != SD_CHART_ARG_NEEDED)
		return;
	for (i = 0; i < t->points; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s",
		    i == 0 ? ":" : ";", points[i]);
}

/* Every choice is complete, found by its name, and written in the usage
 * list as its syntax says. */
static void
test_choices_complete(void **unused)
{
	const sd_chart_choice_type *t;
	char all[256], nopath[256];
	size_t k, j;

	(void)unused;
	sd_chart_choice_list(1, all, sizeof all);
	sd_chart_choice_list(0, nopath, sizeof nopath);
	assert_non_null(sd_chart_choice_types[0]);
	for (k = 0; (t = sd_chart_choice_types[k]) != NULL; k++) {
		assert_true(t->name != NULL && t->name[0] != '\0');
		assert_non_null(t->build);
		assert_ptr_equal(sd_chart_choice_find(t->name), t);
		/* The syntax starts with the name; an argument follows ':'
		 * (in brackets when optional). */
		assert_int_equal(strncmp(t->syntax, t->name, strlen(t->name)),
		    0);
		assert_int_equal(t->syntax[strlen(t->name)] != '\0',
		    t->arg != SD_CHART_ARG_NONE);
		assert_int_equal(t->parse != NULL, t->arg != SD_CHART_ARG_NONE);
		if (t->arg == SD_CHART_ARG_NEEDED)
			assert_true(t->needs != NULL && t->points > 0);
		assert_true(t->points <= 3);
		assert_non_null(strstr(all, t->syntax));
		assert_int_equal(strstr(nopath, t->syntax) != NULL, !t->path);
		for (j = 0; j < k; j++)
			assert_string_not_equal(sd_chart_choice_types[j]->name,
			    t->name);
	}
	assert_null(sd_chart_choice_find("no-such-chart"));
}

/* Every choice parses back from its example and builds a chart of
 * doublewell; one whose argument is needed says what is missing. */
static void
test_choices_build(void **unused)
{
	static const double path[] = { -1.25, 0.75, -0.5, 0.5, 0, 0.75,
	    0.5, 0.25 };
	const sd_chart_choice_type *t;
	sd_objective *obj = test_objective_new("doublewell");
	sd_chart_choice c;
	sd_chart chart;
	char text[128], *cause = NULL;
	size_t k;

	(void)unused;
	for (k = 0; (t = sd_chart_choice_types[k]) != NULL; k++) {
		choice_example(t, text, sizeof text);
		if (sd_chart_choice_parse(text, obj->dim, &c, &cause) != 0)
			fail_msg("'%s': %s", text, cause);
		assert_ptr_equal(c.type, t);
		assert_int_equal(c.n_points, t->points);
		if (sd_chart_init_choice(&chart, obj, &c, NULL, path, 4,
		    &cause) != 0)
			fail_msg("'%s': %s", text, cause);
		assert_int_equal(chart.dim, obj->dim);
		assert_true(chart.window.xmin < chart.window.xmax);
		sd_chart_done(&chart);
		if (t->arg != SD_CHART_ARG_NEEDED)
			continue;
		assert_int_equal(sd_chart_choice_parse(t->name, obj->dim, &c,
		    &cause), -1);
		assert_non_null(strstr(cause, t->needs));
		free(cause);
		cause = NULL;
	}
	sd_objective_free(obj);
}

/* ---- the manual ------------------------------------------------------ */

/* The manual has an entry for every kind and every choice. */
static void
test_manual(void **unused)
{
	char **lines, *text;
	size_t k, n;

	(void)unused;
	text = manual_read(&lines, &n);
	for (k = 0; sd_map_types[k] != NULL; k++) {
		if (!manual_documents(lines, n, sd_map_types[k]->name))
			fail_msg("man/saddle.1.in has no entry for map kind %s",
			    sd_map_types[k]->name);
	}
	for (k = 0; sd_chart_choice_types[k] != NULL; k++) {
		if (!manual_documents(lines, n, sd_chart_choice_types[k]->name))
			fail_msg("man/saddle.1.in has no entry for chart %s",
			    sd_chart_choice_types[k]->name);
	}
	assert_false(manual_documents(lines, n, "no-such-kind"));
	free(lines);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_kinds_complete),
		cmocka_unit_test(test_map_kinds_lists),
		cmocka_unit_test(test_map_kinds_run),
		cmocka_unit_test(test_choices_complete),
		cmocka_unit_test(test_choices_build),
		cmocka_unit_test(test_manual),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
