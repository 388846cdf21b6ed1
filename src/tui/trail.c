/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trail.c: a racer's path kept between frames (see trail.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/arrays.h"
#include "job.h"
#include "racer.h"
#include "trail.h"

/* How many iterates trail_draw takes between two looks at the clock. */
#define TRAIL_CHUNK	1024

struct trail {
	/* The chart the iterates were projected by: its kind and a copy of
	 * its four vectors. */
	sd_chart_kind	 kind;
	size_t		 dim;
	double		*vecs;		/* owned; origin, u, v, w */
	double		*ab;		/* owned; n_ab pairs (a, b) */
	size_t		 n_ab, cap_ab;

	/* The dots, and what they were drawn for. */
	sd_window	 window;
	uint32_t	 color;
	uint16_t	 dash;
	dots		 d;
	size_t		 n_drawn;	/* iterates drawn */
	double		 x0, y0;	/* the last one in dot coordinates */
	unsigned	 phase;		/* the dash pattern's, after it */

	/* f by blocks of TRAIL_BLOCK iterates: its least and greatest
	 * without NaN, and whether the block had one. */
	double		*bmin, *bmax;	/* owned */
	unsigned char	*bnan;		/* owned */
	size_t		 n_blocks, cap_blocks;
};

trail *
trail_new(void)
{
	trail *t;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return NULL;
	if (dots_init(&t->d, 0, 0) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

void
trail_free(trail *t)
{
	if (t == NULL)
		return;
	dots_done(&t->d);
	free(t->vecs);
	free(t->ab);
	free(t->bmin);
	free(t->bmax);
	free(t->bnan);
	free(t);
}

void
trail_forget(trail *t)
{
	if (t == NULL)
		return;
	t->n_ab = 0;
	t->n_drawn = 0;
	t->n_blocks = 0;
	t->dim = 0;		/* no chart: the next draw takes one */
}

/* What t has of r's run is no longer its prefix (a new run that
 * racer_start_x did not announce, or fewer iterates): forget it. */
static void
trail_follow(trail *t, const racer *r)
{
	size_t n = r->trace.n;

	if (t->n_ab > n || t->n_drawn > n || t->n_blocks * TRAIL_BLOCK > n)
		trail_forget(t);
}

/* Whether the iterates were projected by chart c. */
static int
trail_same_chart(const trail *t, const sd_chart *c)
{
	const double *v[4] = { c->origin, c->u, c->v, c->w };
	size_t k, d = c->dim;

	if (t->dim != d || t->kind != c->kind || t->vecs == NULL)
		return 0;
	for (k = 0; k < 4; k++) {
		if (v[k] != NULL && memcmp(t->vecs + k * d, v[k], d *
		    sizeof *t->vecs) != 0)
			return 0;
	}
	return 1;
}

/* Project by chart c from now on: keep its vectors, drop the iterates
 * projected by another. Returns -1 when out of memory. */
static int
trail_take_chart(trail *t, const sd_chart *c)
{
	const double *v[4] = { c->origin, c->u, c->v, c->w };
	size_t k, d = c->dim;
	double *vecs;

	if ((vecs = calloc(4 * (d ? d : 1), sizeof *vecs)) == NULL)
		return -1;
	for (k = 0; k < 4; k++) {
		if (v[k] != NULL)
			memcpy(vecs + k * d, v[k], d * sizeof *vecs);
	}
	free(t->vecs);
	t->vecs = vecs;
	t->dim = d;
	t->kind = c->kind;
	t->n_ab = 0;
	t->n_drawn = 0;
	return 0;
}

/* Draw from the start again when the plot, window, colour or dash
 * changed. Returns -1 when out of memory. */
static int
trail_frame(trail *t, const sd_window *window, int w, int h,
    uint32_t color, uint16_t dash)
{
	if (w != t->d.w || h != t->d.h) {
		dots_done(&t->d);
		if (dots_init(&t->d, w, h) != 0)
			return -1;
		t->n_drawn = 0;
	}
	if (memcmp(window, &t->window, sizeof *window) != 0 ||
	    color != t->color || dash != t->dash)
		t->n_drawn = 0;
	t->window = *window;
	t->color = color;
	t->dash = dash;
	if (t->n_drawn == 0)
		dots_clear(&t->d);
	return 0;
}

/* Room for n projected iterates. Returns -1 when out of memory. */
static int
trail_room(trail *t, size_t n)
{
	double *ab;

	if (n <= t->cap_ab)
		return 0;
	if ((ab = realloc(t->ab, 2 * n * sizeof *ab)) == NULL)
		return -1;
	t->ab = ab;
	t->cap_ab = n;
	return 0;
}

/* Iterate i (projected, n_ab > i) in the dots' coordinates, as
 * draw_paths has always placed it. */
static void
trail_dot(const trail *t, size_t i, double *x, double *y)
{
	const sd_window *w = &t->window;

	*x = (t->ab[2 * i] - w->xmin) / (w->xmax - w->xmin) * 2 * t->d.w;
	*y = (w->ymax - t->ab[2 * i + 1]) / (w->ymax - w->ymin) * 4 * t->d.h;
}

int
trail_draw(trail *t, const racer *r, const sd_chart *chart,
    const sd_window *window, int w, int h, uint32_t color, uint16_t dash,
    double deadline)
{
	const size_t n = r->trace.n;
	double x, y;
	size_t i;

	trail_follow(t, r);
	if ((!trail_same_chart(t, chart) && trail_take_chart(t, chart) != 0) ||
	    trail_frame(t, window, w, h, color, dash) != 0 ||
	    trail_room(t, n) != 0)
		return 0;
	for (i = t->n_drawn; i < n; i++) {
		if (i > t->n_drawn && (i - t->n_drawn) % TRAIL_CHUNK == 0 &&
		    deadline > 0 && job_now() > deadline)
			break;
		if (i >= t->n_ab) {
			racer_at(r, chart, i, &t->ab[2 * i], &t->ab[2 * i + 1]);
			t->n_ab = i + 1;
		}
		trail_dot(t, i, &x, &y);
		if (i == 0) {
			t->phase = 0;
			dots_line(&t->d, x, y, x, y, color);
		} else
			dots_line_dashed(&t->d, t->x0, t->y0, x, y, color,
			    dash, &t->phase);
		t->x0 = x;
		t->y0 = y;
	}
	t->n_drawn = i;
	return i == n;
}

const dots *
trail_dots(const trail *t)
{
	return &t->d;
}

/* Fold f[i0, i1) into *lo, *hi and *nan. */
static void
trail_scan(const double *f, size_t i0, size_t i1, double *lo, double *hi,
    int *nan)
{
	size_t i;

	for (i = i0; i < i1; i++) {
		if (isnan(f[i]))
			*nan = 1;
		else {
			*lo = fmin(*lo, f[i]);
			*hi = fmax(*hi, f[i]);
		}
	}
}

/* Sum the blocks that are full. Returns -1 when out of memory (the
 * blocks not summed are then read iterate by iterate). */
static int
trail_blocks(trail *t, const racer *r)
{
	size_t nb = r->trace.n / TRAIL_BLOCK, cap = t->cap_blocks, b;
	sd_array a[] = { { t->bmin, sizeof *t->bmin },
	    { t->bmax, sizeof *t->bmax }, { t->bnan, sizeof *t->bnan } };
	int nan, rc;

	if (nb > cap) {
		cap = nb > 2 * cap ? nb : 2 * cap;
		rc = sd_arrays_resize(a, 3, cap);
		t->bmin = a[0].p;
		t->bmax = a[1].p;
		t->bnan = a[2].p;
		if (rc != 0)
			return -1;
		t->cap_blocks = cap;
	}
	for (b = t->n_blocks; b < nb; b++) {
		t->bmin[b] = INFINITY;
		t->bmax[b] = -INFINITY;
		nan = 0;
		trail_scan(r->trace.f, b * TRAIL_BLOCK, (b + 1) * TRAIL_BLOCK,
		    &t->bmin[b], &t->bmax[b], &nan);
		t->bnan[b] = (unsigned char)nan;
	}
	t->n_blocks = nb;
	return 0;
}

void
trail_f_range(trail *t, const racer *r, size_t i0, size_t i1, double *lo,
    double *hi, int *nan)
{
	size_t b0, b1, b;

	*lo = INFINITY;
	*hi = -INFINITY;
	*nan = 0;
	trail_follow(t, r);
	if (i1 > r->trace.n)
		i1 = r->trace.n;
	if (i0 >= i1)
		return;
	b0 = (i0 + TRAIL_BLOCK - 1) / TRAIL_BLOCK;
	b1 = i1 / TRAIL_BLOCK;
	if (trail_blocks(t, r) != 0 || b0 >= b1) {
		trail_scan(r->trace.f, i0, i1, lo, hi, nan);
		return;
	}
	trail_scan(r->trace.f, i0, b0 * TRAIL_BLOCK, lo, hi, nan);
	for (b = b0; b < b1; b++) {
		*lo = fmin(*lo, t->bmin[b]);
		*hi = fmax(*hi, t->bmax[b]);
		*nan |= t->bnan[b];
	}
	trail_scan(r->trace.f, b1 * TRAIL_BLOCK, i1, lo, hi, nan);
}
