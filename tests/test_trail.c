/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_trail.c: what the frames keep of a racer's path (trail.h) is what
 * drawing the whole path every frame gave: the dots of the polyline
 * through the projected iterates, drawn here step by step as draw_paths
 * did, whether the trail was extended a few steps at a time, stopped at
 * its deadline and resumed, moved to another window and back, or shown a
 * new run; and f's least and greatest value over any range of steps is a
 * direct scan's, NaN included, also after more steps came. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "landscape/chart.h"
#include "testutil.h"
#include "tui/dots.h"
#include "tui/job.h"
#include "tui/racer.h"
#include "tui/trail.h"

#define W	20
#define H	10
#define COLOR	0x123456u
#define DASH	0x0f0fu

/* rosenbrock (gd crawls along its valley for thousands of steps) with its
 * default chart and a gd racer started at (-1.5, 2). */
struct scene {
	sd_objective	*obj;
	sd_chart	 chart;
	racer		*r;
};

static void
scene_open(struct scene *s)
{
	char *cause = NULL;

	memset(s, 0, sizeof *s);
	s->obj = test_objective_new("rosenbrock");
	if (sd_chart_init_default(&s->chart, s->obj, &cause) != 0 ||
	    (s->r = racer_new(sd_optimizer_lookup("gd"), s->obj, NULL, NULL,
	    &cause)) == NULL ||
	    racer_start(s->r, &s->chart, -1.5, 2, 1, &cause) != 0)
		fail_msg("%s", cause);
}

static void
scene_close(struct scene *s)
{
	racer_free(s->r);
	sd_chart_done(&s->chart);
	sd_objective_free(s->obj);
}

static void
scene_steps(struct scene *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		assert_int_equal(racer_step(s->r), 1);
}

/* The path's dots as draw_paths drew them before trails: every iterate
 * projected, a dashed line from each to the next. */
static void
reference(const struct scene *s, const sd_window *w, dots *d)
{
	double a, b, x0 = 0, y0 = 0, x, y;
	unsigned phase = 0;
	size_t i;

	assert_int_equal(dots_init(d, W, H), 0);
	for (i = 0; i < s->r->trace.n; i++) {
		racer_at(s->r, &s->chart, i, &a, &b);
		x = (a - w->xmin) / (w->xmax - w->xmin) * 2 * W;
		y = (w->ymax - b) / (w->ymax - w->ymin) * 4 * H;
		if (i == 0)
			dots_line(d, x, y, x, y, COLOR);
		else
			dots_line_dashed(d, x0, y0, x, y, COLOR, DASH, &phase);
		x0 = x;
		y0 = y;
	}
}

static void
assert_same_dots(const dots *a, const dots *b)
{
	size_t k, n = (size_t)W * H, set = 0;

	assert_int_equal(a->w, b->w);
	assert_int_equal(a->h, b->h);
	assert_memory_equal(a->bits, b->bits, n);
	for (k = 0; k < n; k++) {
		if (a->bits[k] != 0) {
			assert_int_equal(a->fg[k], b->fg[k]);
			set++;
		}
	}
	assert_true(set > 10);	/* a path, not an empty raster */
}

/* The window that holds the path, a little wider. */
static sd_window
around(const struct scene *s)
{
	sd_window w = { INFINITY, -INFINITY, INFINITY, -INFINITY };
	double a, b;
	size_t i;

	for (i = 0; i < s->r->trace.n; i++) {
		racer_at(s->r, &s->chart, i, &a, &b);
		w.xmin = fmin(w.xmin, a - 0.05);
		w.xmax = fmax(w.xmax, a + 0.05);
		w.ymin = fmin(w.ymin, b - 0.05);
		w.ymax = fmax(w.ymax, b + 0.05);
	}
	return w;
}

static int
draw(trail *t, const struct scene *s, const sd_window *w, double deadline)
{
	return trail_draw(t, s->r, &s->chart, w, W, H, COLOR, DASH, deadline);
}

/* Extended by a few steps at a time, the dots are the whole path's. */
static void
test_trail_extends(void **state)
{
	struct scene s;
	sd_window w;
	dots ref;
	int k;

	(void)state;
	scene_open(&s);
	scene_steps(&s, 60 * 37);
	w = around(&s);
	scene_close(&s);
	scene_open(&s);
	for (k = 0; k < 60; k++) {
		scene_steps(&s, 37);
		assert_int_equal(draw(s.r->trail, &s, &w, 0), 1);
	}
	reference(&s, &w, &ref);
	assert_same_dots(trail_dots(s.r->trail), &ref);
	dots_done(&ref);
	scene_close(&s);
}

/* A deadline already past stops each call after a chunk; the calls that
 * follow finish the same dots, and so does moving to another window and
 * back, or another colour. */
static void
test_trail_resumes(void **state)
{
	sd_window there, around_it;
	const sd_window *home = &around_it;
	struct scene s;
	int calls = 0;
	dots ref;

	(void)state;
	scene_open(&s);
	scene_steps(&s, 5000);
	around_it = around(&s);
	while (draw(s.r->trail, &s, home, job_now() - 1) == 0)
		assert_true(++calls < 100);
	assert_true(calls >= 2);
	reference(&s, home, &ref);
	assert_same_dots(trail_dots(s.r->trail), &ref);
	there = (sd_window){ home->xmin / 2, home->xmax / 2, home->ymin / 2,
	    home->ymax / 2 };
	assert_int_equal(draw(s.r->trail, &s, &there, 0), 1);
	assert_int_equal(trail_draw(s.r->trail, s.r, &s.chart, home, W, H,
	    COLOR + 1, DASH, 0), 1);
	assert_int_equal(draw(s.r->trail, &s, home, 0), 1);
	assert_same_dots(trail_dots(s.r->trail), &ref);
	dots_done(&ref);
	scene_close(&s);
}

/* A new run is drawn from its start, without the old run's dots. */
static void
test_trail_new_run(void **state)
{
	char *cause = NULL;
	struct scene s;
	size_t k, set = 0;
	const dots *d;

	(void)state;
	scene_open(&s);
	scene_steps(&s, 2000);
	assert_int_equal(draw(s.r->trail, &s, &s.chart.window, 0), 1);
	if (racer_start(s.r, &s.chart, 1.5, -0.5, 1, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(draw(s.r->trail, &s, &s.chart.window, 0), 1);
	d = trail_dots(s.r->trail);
	for (k = 0; k < (size_t)W * H; k++)
		set += d->bits[k] != 0;
	assert_int_equal(set, 1);	/* iterate 0 alone */
	scene_close(&s);
}

/* Over random ranges of a run whose f has noise and NaNs, the least and
 * greatest f are a direct scan's; again once more steps have come. */
static void
test_trail_f_range(void **state)
{
	double lo, hi, elo, ehi, *f;
	size_t i, i0, i1, n, round;
	struct scene s;
	int nan, enan, k;

	(void)state;
	scene_open(&s);
	srand(7);
	for (round = 0; round < 2; round++) {
		scene_steps(&s, 3000);
		n = s.r->trace.n;
		f = s.r->trace.f;
		for (i = round ? 3001 : 0; i < n; i++)
			f[i] = rand() % 50 == 0 ? NAN : (double)rand() / RAND_MAX;
		for (k = 0; k < 500; k++) {
			i0 = (size_t)rand() % n;
			i1 = i0 + (size_t)rand() % (n - i0 + 1);
			trail_f_range(s.r->trail, s.r, i0, i1, &lo, &hi, &nan);
			elo = INFINITY;
			ehi = -INFINITY;
			enan = 0;
			for (i = i0; i < i1; i++) {
				enan |= isnan(f[i]);
				if (!isnan(f[i])) {
					elo = fmin(elo, f[i]);
					ehi = fmax(ehi, f[i]);
				}
			}
			assert_true(lo == elo);
			assert_true(hi == ehi);
			assert_int_equal(nan, enan);
		}
	}
	scene_close(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_trail_extends),
		cmocka_unit_test(test_trail_resumes),
		cmocka_unit_test(test_trail_new_run),
		cmocka_unit_test(test_trail_f_range),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
