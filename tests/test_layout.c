/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_layout.c: the frame's parts for terminal sizes from the smallest
 * up: each part is inside the frame and not empty, no two overlap (but
 * the loss curve, which sits inside the panel), the plot takes the room
 * the fixed columns leave, and below LAYOUT_MIN_COLS × LAYOUT_MIN_ROWS
 * only the too-small message is drawn. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "tui/layout.h"

/* Terminal sizes: the smallest, common ones, odd ones and a huge one. */
static const int sizes[][2] = {
	{ LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS }, { 80, 24 }, { 100, 30 },
	{ 120, 40 }, { 101, 33 }, { 73, 21 }, { 160, 20 }, { 72, 90 },
	{ 250, 70 }, { 1000, 300 },
};

/* The parts that must not overlap one another. */
#define PARTS 7

static void
parts(const layout *lay, canvas_rect out[PARTS])
{
	out[0] = lay->title;
	out[1] = lay->yaxis;
	out[2] = lay->plot;
	out[3] = lay->xaxis;
	out[4] = lay->cbar;
	out[5] = lay->panel;
	out[6] = lay->status;
}

/* Whether r lies within cols × rows and is not empty. */
static int
fits(canvas_rect r, int cols, int rows)
{
	return r.w > 0 && r.h > 0 && r.x >= 0 && r.y >= 0 &&
	    r.x + r.w <= cols && r.y + r.h <= rows;
}

/* Whether a and b share a cell. */
static int
overlap(canvas_rect a, canvas_rect b)
{
	return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
	    b.y < a.y + a.h;
}

/* Whether inner lies within outer. */
static int
inside(canvas_rect inner, canvas_rect outer)
{
	return inner.x >= outer.x && inner.y >= outer.y &&
	    inner.x + inner.w <= outer.x + outer.w &&
	    inner.y + inner.h <= outer.y + outer.h;
}

/* Every part fits the frame, none overlaps another. */
static void
test_parts_fit_apart(void **unused)
{
	canvas_rect p[PARTS];
	layout lay;
	size_t k;
	int i, j, cols, rows;

	(void)unused;
	for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		cols = sizes[k][0];
		rows = sizes[k][1];
		layout_compute(&lay, cols, rows);
		assert_false(lay.too_small);
		parts(&lay, p);
		for (i = 0; i < PARTS; i++) {
			if (!fits(p[i], cols, rows))
				fail_msg("%dx%d: part %d (%d,%d %dx%d) does "
				    "not fit", cols, rows, i, p[i].x, p[i].y,
				    p[i].w, p[i].h);
			for (j = i + 1; j < PARTS; j++) {
				if (overlap(p[i], p[j]))
					fail_msg("%dx%d: parts %d and %d "
					    "overlap", cols, rows, i, j);
			}
		}
		assert_true(fits(lay.loss, cols, rows));
		assert_true(inside(lay.loss, lay.panel));
	}
}

/* The title and status span the top and bottom rows; the plot sits
 * between the y axis and the colour bar, above the x axis, which is as
 * wide as the plot and its corner; the panel runs to the right edge. */
static void
test_parts_in_place(void **unused)
{
	layout lay;
	size_t k;
	int cols, rows;

	(void)unused;
	for (k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		cols = sizes[k][0];
		rows = sizes[k][1];
		layout_compute(&lay, cols, rows);
		assert_int_equal(lay.title.y, 0);
		assert_int_equal(lay.title.w, cols);
		assert_int_equal(lay.status.y, rows - 1);
		assert_int_equal(lay.status.w, cols);
		assert_int_equal(lay.plot.x, lay.yaxis.x + lay.yaxis.w);
		assert_int_equal(lay.cbar.x, lay.plot.x + lay.plot.w);
		assert_int_equal(lay.panel.x, lay.cbar.x + lay.cbar.w);
		assert_int_equal(lay.panel.x + lay.panel.w, cols);
		assert_int_equal(lay.xaxis.y, lay.plot.y + lay.plot.h);
		assert_int_equal(lay.xaxis.x + lay.xaxis.w,
		    lay.plot.x + lay.plot.w);
		/* Title, the x axis's two rows and status: the plot has the
		 * rest. */
		assert_int_equal(lay.plot.h, rows - 4);
		assert_int_equal(lay.loss.y + lay.loss.h,
		    lay.panel.y + lay.panel.h);
	}
}

/* A wider terminal widens the plot (the panel's width is bounded); a
 * taller one heightens it. */
static void
test_plot_grows(void **unused)
{
	layout small, wide, tall;

	(void)unused;
	layout_compute(&small, 100, 30);
	layout_compute(&wide, 200, 30);
	layout_compute(&tall, 100, 60);
	assert_true(wide.plot.w > small.plot.w);
	assert_true(wide.plot.w >= 2 * small.plot.w);
	assert_int_equal(wide.plot.h, small.plot.h);
	assert_int_equal(tall.plot.h, small.plot.h + 30);
	assert_int_equal(tall.plot.w, small.plot.w);
}

/* Below the minimum in either direction only the too-small message fits:
 * every part is empty. */
static void
test_too_small(void **unused)
{
	static const int small[][2] = {
		{ LAYOUT_MIN_COLS - 1, LAYOUT_MIN_ROWS },
		{ LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS - 1 }, { 50, 15 },
		{ 1000, 3 }, { 0, 0 },
	};
	canvas_rect p[PARTS];
	layout lay;
	size_t k;
	int i;

	(void)unused;
	for (k = 0; k < sizeof small / sizeof *small; k++) {
		layout_compute(&lay, small[k][0], small[k][1]);
		assert_true(lay.too_small);
		parts(&lay, p);
		for (i = 0; i < PARTS; i++)
			assert_int_equal(p[i].w * p[i].h, 0);
	}
	layout_compute(&lay, LAYOUT_MIN_COLS, LAYOUT_MIN_ROWS);
	assert_false(lay.too_small);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts_fit_apart),
		cmocka_unit_test(test_parts_in_place),
		cmocka_unit_test(test_plot_grows),
		cmocka_unit_test(test_too_small),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
