/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_mouse.c: SGR (1006) mouse reports decoded as the visualizer's
 * events: press, release, drag, the wheel, modifiers ignored, columns
 * beyond X10's 223, and malformed reports refused. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "tui/screen_impl.h"

/* Each report, and the event it is. */
static const struct {
	const char		*params;
	int			 final;
	screen_event_type	 type;
	int			 key, x, y;
} reports[] = {
	{ "0;241;10", 'M', SCREEN_EVENT_CLICK, 0, 240, 9 },
	{ "0;1;1", 'm', SCREEN_EVENT_RELEASE, 0, 0, 0 },
	{ "32;120;26", 'M', SCREEN_EVENT_DRAG, 0, 119, 25 },
	{ "64;5;6", 'M', SCREEN_EVENT_WHEEL, 1, 4, 5 },
	{ "65;5;6", 'M', SCREEN_EVENT_WHEEL, -1, 4, 5 },
	{ "16;3;4", 'M', SCREEN_EVENT_CLICK, 0, 2, 3 },	/* ctrl-click */
	{ "2;3;4", 'M', SCREEN_EVENT_NONE, 0, 2, 3 },	/* right button */
	{ "35;3;4", 'M', SCREEN_EVENT_NONE, 0, 2, 3 },	/* bare motion */
};

static void
test_reports(void **state)
{
	screen_event ev;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof reports / sizeof *reports; i++) {
		memset(&ev, 0, sizeof ev);
		assert_int_equal(screen_sgr_mouse(reports[i].params,
		    reports[i].final, &ev), 0);
		assert_int_equal(ev.type, reports[i].type);
		assert_int_equal(ev.x, reports[i].x);
		assert_int_equal(ev.y, reports[i].y);
		if (ev.type == SCREEN_EVENT_WHEEL)
			assert_int_equal(ev.key, reports[i].key);
	}
}

static void
test_malformed(void **state)
{
	static const char *bad[] = {
		"", "0;1", "0;1;1;1", "0;0;5", "x;1;1", "0;1;1x", "-1;1;1"
	};
	screen_event ev;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(screen_sgr_mouse(bad[i], 'M', &ev), -1);
	assert_int_equal(screen_sgr_mouse("0;1;1", 'x', &ev), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reports),
		cmocka_unit_test(test_malformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
