/* SPDX-License-Identifier: GPL-3.0-or-later */
/* field.c: sampled grids of f with reuse when panning (see field.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "base/error.h"
#include "landscape/field.h"

/* How far from a whole number of samples a shift may be and still count
 * as one: far below a pixel, far above rounding error. */
#define FIELD_SHIFT_TOL 1e-6

/* Rows of a tile of the grid: a glm field shares one exp per sample
 * between the tile's rows and one between its columns (slice.h), so
 * taller is cheaper, up to what leaves every thread a tile (a tile of 72
 * rows keeps 72 rows of factors, 288 kB at glm's 512 samples a tile).
 * On glm:n=20000 at 240x140, 2 tiles of 70 rows cost 620 exps per
 * sample where 4 of 35 cost 1,100: 3% of the render's CPU time. */
#define FIELD_TILE_ROWS	72

/* Grids larger than this estimate the median from a subsample. */
#define FIELD_MEDIAN_SAMPLES 4096

/* The threads a parallel loop may use (1 without OpenMP). */
static size_t
field_threads(void)
{
#ifdef _OPENMP
	return (size_t)omp_get_max_threads();
#else
	return 1;
#endif
}

/* A thread's scratch: a point of the chart's dimension, and for a grid
 * the chart coordinates of its columns and rows and its values. */
struct field_scratch {
	double	*x, *a, *b, *f;
};

/* Bytes between two threads' scratch: a point and three numbers per
 * column, rounded up to whole 64-byte cache lines, and one line more, so
 * that no two threads ever write the same line (they would take it from
 * each other at every sample). */
static size_t
field_work_stride(size_t dim, size_t cols)
{
	size_t bytes = dim * sizeof(double) + cols * 3 * sizeof(double);

	return (bytes + 63) / 64 * 64 + 64;
}

/* The calling thread's scratch. */
static void
field_scratch(const sd_field *field, struct field_scratch *s)
{
	char *base = field->work;
	size_t c = field->work_cols;

#ifdef _OPENMP
	base += (size_t)omp_get_thread_num() *
	    field_work_stride(field->dim, c);
#endif
	s->x = (double *)(void *)base;
	s->a = s->x + field->dim;
	s->b = s->a + c;
	s->f = s->b + c;
}

/* Scratch for rows of cols samples on every thread a loop may use. */
static int
field_reserve_work(sd_field *field, size_t cols, char **cause)
{
	size_t n = field_threads();
	void *w;

	cols = cols > FIELD_TILE_ROWS ? cols : FIELD_TILE_ROWS;
	if (n <= field->work_n && cols <= field->work_cols)
		return 0;
	n = n > field->work_n ? n : field->work_n;
	cols = cols > field->work_cols ? cols : field->work_cols;
	if ((w = realloc(field->work, n * field_work_stride(field->dim,
	    cols))) == NULL)
		return sd_fail(cause, "out of memory");
	field->work = w;
	field->work_n = n;
	field->work_cols = cols;
	return 0;
}

int
sd_field_init(sd_field *field, size_t dim, char **cause)
{
	memset(field, 0, sizeof *field);
	field->dim = dim;
	field->coarse = 1;
	sd_slice_init(&field->slice);
	return field_reserve_work(field, 0, cause);
}

void
sd_field_done(sd_field *field)
{
	free(field->f);
	free(field->work);
	sd_slice_done(&field->slice);
	memset(field, 0, sizeof *field);
}

int
sd_field_copy(sd_field *dst, const sd_field *src, char **cause)
{
	size_t n = src->valid ? src->cols * src->rows : 0;

	if (sd_field_init(dst, src->dim, cause) != 0)
		return -1;
	/* Twice: the second half is the scratch field_reserve keeps. */
	if (n > 0 && (dst->f = malloc(2 * n * sizeof *dst->f)) == NULL) {
		sd_field_done(dst);
		return sd_fail(cause, "out of memory");
	}
	if (n > 0)
		memcpy(dst->f, src->f, n * sizeof *dst->f);
	dst->cap = n;
	dst->cols = src->cols;
	dst->rows = src->rows;
	dst->window = src->window;
	dst->n_finite = src->n_finite;
	dst->fmin = src->fmin;
	dst->fmax = src->fmax;
	dst->fmedian = src->fmedian;
	dst->valid = n > 0;
	dst->coarse = src->coarse;
	dst->refined = src->refined;
	dst->kept = src->kept;
	return 0;
}

void
sd_field_invalidate(sd_field *field)
{
	field->valid = 0;
	field->coarse = 1;
}

double
sd_field_at(const sd_field *field, size_t i, size_t j)
{
	return field->f[j * field->cols + i];
}

void
sd_field_coords(const sd_field *field, size_t i, size_t j, double *a,
    double *b)
{
	const sd_window *w = &field->window;
	double dx = (w->xmax - w->xmin) / (double)field->cols;
	double dy = (w->ymax - w->ymin) / (double)field->rows;

	/* The same arithmetic as field_fill, so that a sample is f at
	 * exactly these coordinates. */
	*a = w->xmin + ((double)i + 0.5) * dx;
	*b = w->ymax - ((double)j + 0.5) * dy;
}

/* Make room for n samples plus as many scratch entries; the old samples
 * are kept. */
static int
field_reserve(sd_field *field, size_t n, char **cause)
{
	double *f;

	if (n <= field->cap)
		return 0;
	if ((f = realloc(field->f, 2 * n * sizeof *f)) == NULL)
		return sd_fail(cause, "out of memory");
	field->f = f;
	field->cap = n;
	return 0;
}

/* The whole-sample shift (di, dj) that takes the old window to w, or -1
 * when w is not the old window moved by whole samples. */
static int
field_shift(const sd_field *field, const sd_window *w, long *di, long *dj)
{
	const sd_window *o = &field->window;
	double dx = (o->xmax - o->xmin) / (double)field->cols;
	double dy = (o->ymax - o->ymin) / (double)field->rows;
	double si = (w->xmin - o->xmin) / dx, sj = (o->ymax - w->ymax) / dy;

	if (fabs((w->xmax - w->xmin) - (o->xmax - o->xmin)) > 1e-9 * dx ||
	    fabs((w->ymax - w->ymin) - (o->ymax - o->ymin)) > 1e-9 * dy)
		return -1;
	if (fabs(si - round(si)) > FIELD_SHIFT_TOL ||
	    fabs(sj - round(sj)) > FIELD_SHIFT_TOL)
		return -1;
	*di = lround(si);
	*dj = lround(sj);
	return 0;
}

/* Evaluate the tile of rows [j0, j1) and columns [i0, i1) in one call of
 * sd_slice_grid, NaN where not finite: with field_fill_coarse's grid of
 * block centres, the places samples are computed, each the same bits as
 * sd_slice_f gives it (slice.h), so that every path (full, coarse,
 * refined, panned, any thread) gives the same bits. */
static void
field_eval_tile(const sd_field *field, const sd_objective *obj,
    const sd_chart *chart, long j0, long j1, long i0, long i1)
{
	const long cols = (long)field->cols;
	struct field_scratch s;
	double *f = field->f, unused;
	long i, j;

	field_scratch(field, &s);
	for (i = i0; i < i1; i++)
		sd_field_coords(field, (size_t)i, (size_t)j0, &s.a[i - i0],
		    &unused);
	for (j = j0; j < j1; j++)
		sd_field_coords(field, 0, (size_t)j, &unused, &s.b[j - j0]);
	sd_slice_grid(&field->slice, obj, chart, (size_t)(i1 - i0), s.a,
	    (size_t)(j1 - j0), s.b, f + j0 * cols + i0, (size_t)cols, s.x);
	for (j = j0; j < j1; j++)
		for (i = i0; i < i1; i++)
			if (!isfinite(f[j * cols + i]))
				f[j * cols + i] = NAN;
}

/* Evaluate every sample of rows [j0, j1) and columns [i0, i1) in tiles
 * of at most FIELD_TILE_ROWS rows, as many tiles as a multiple of the
 * threads (3 tiles on 2 threads would leave one thread idle for a third
 * of the fill: 150 rows go as 4 tiles of 38, not 3 of 50) and, when rows
 * are too few for that, of part of the columns. Returns how many were
 * evaluated. */
static size_t
field_fill_rect(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, long j0, long j1, long i0, long i1)
{
	long w = i1 - i0, threads = (long)field_threads();
	long h = FIELD_TILE_ROWS, parts = 1, k, tiles, r, c;

	if (j1 <= j0 || w <= 0)
		return 0;
	k = (j1 - j0 + h - 1) / h;
	k = (k + threads - 1) / threads * threads;
	h = (j1 - j0 + k - 1) / k;
	h = h > 0 ? h : 1;
	if ((j1 - j0 + h - 1) / h < threads)
		parts = threads < w ? threads : w;
	tiles = (j1 - j0 + h - 1) / h * parts;
#pragma omp parallel for schedule(dynamic, 1) private(r, c)
	for (k = 0; k < tiles; k++) {
		r = j0 + k / parts * h;
		c = k % parts;
		field_eval_tile(field, obj, chart, r, r + h < j1 ? r + h : j1,
		    i0 + w * c / parts, i0 + w * (c + 1) / parts);
	}
	return (size_t)(j1 - j0) * (size_t)w;
}

/* Every sample of rows [j0, j1). */
static void
field_fill_tiles(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, long j0, long j1)
{
	(void)field_fill_rect(field, obj, chart, j0, j1, 0,
	    (long)field->cols);
}

/* lo ≤ v ≤ hi. */
static long
field_clamp(long v, long lo, long hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The sample that stands for index k of n in blocks of s: the block's
 * centre, or the last sample of a short last block. */
static long
field_centre(long k, long n, long s)
{
	long c = k / s * s + s / 2;

	return c < n ? c : n - 1;
}

/* Copy v over the s × s block (bi, bj) of the rectangle whose top left
 * sample is (i0, j0), up to (i1, j1); NaN when v is not finite. */
static void
field_fill_block(sd_field *field, const long r[4], long bi, long bj, long s,
    double v)
{
	const long cols = (long)field->cols;
	long j, k;

	if (!isfinite(v))
		v = NAN;
	for (j = r[0] + bj * s; j < r[1] && j < r[0] + bj * s + s; j++)
		for (k = r[2] + bi * s; k < r[3] && k < r[2] + bi * s + s; k++)
			field->f[j * cols + k] = v;
}

/* Evaluate the centre of each s × s block of rows [r[0], r[1]) and
 * columns [r[2], r[3]) and copy it over the block; returns how many were
 * evaluated. The centres are a grid of their own: a few rows of blocks
 * go to sd_slice_grid at a time (as many as the scratch holds), so that
 * glm shares its exps along them as a whole field does (a call per
 * centre row cost twice as much: 40–56 ms of CPU for the 18 × 18
 * centres of glm:n=100000, and the first pass is what a key waits
 * for). */
static size_t
field_fill_coarse(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const long r[4], long s)
{
	const long w = r[3] - r[2], h = r[1] - r[0];
	const long na = (w + s - 1) / s, nb = (h + s - 1) / s;
	long per, chunks, ch, k, b0, b1;
	struct field_scratch sc;
	double unused;

	if (w <= 0 || h <= 0)
		return 0;
	per = (long)field->work_cols / na;
	per = per > 0 ? per : 1;
	chunks = (nb + per - 1) / per;
#pragma omp parallel for schedule(dynamic, 1) private(k, b0, b1, sc, unused)
	for (ch = 0; ch < chunks; ch++) {
		field_scratch(field, &sc);
		b0 = ch * per;
		b1 = b0 + per < nb ? b0 + per : nb;
		for (k = 0; k < na; k++)
			sd_field_coords(field, (size_t)(r[2] +
			    field_centre(k * s, w, s)), 0, &sc.a[k], &unused);
		for (k = b0; k < b1; k++)
			sd_field_coords(field, 0, (size_t)(r[0] +
			    field_centre(k * s, h, s)), &unused, &sc.b[k - b0]);
		sd_slice_grid(&field->slice, obj, chart, (size_t)na, sc.a,
		    (size_t)(b1 - b0), sc.b, sc.f, (size_t)na, sc.x);
		for (k = 0; k < na * (b1 - b0); k++)
			field_fill_block(field, r, k % na, b0 + k / na, s,
			    sc.f[k]);
	}
	return (size_t)(na * nb);
}

/* Keep the old samples that moved by (di, dj) and fill the rest: exact
 * (s = 1), in tiles as a whole field is (on glm's grid a strip costs
 * its share of a whole field, not five times that point by point), or
 * by s × s blocks (a pan's first pass). The old samples wait in the
 * scratch half. Returns how many were evaluated. */
static size_t
field_fill_around(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, long di, long dj, long s)
{
	const long cols = (long)field->cols, rows = (long)field->rows;
	/* Rows [j0, j1) and columns [i0, i1) are kept. */
	const long j0 = field_clamp(-dj, 0, rows);
	const long j1 = field_clamp(rows - dj, j0, rows);
	const long i0 = field_clamp(-di, 0, cols);
	const long i1 = field_clamp(cols - di, i0, cols);
	/* What is not: the rows above and below, the columns beside. */
	const long rect[4][4] = { { 0, j0, 0, cols }, { j1, rows, 0, cols },
	    { j0, j1, 0, i0 }, { j0, j1, i1, cols } };
	double *old = field->f + field->cap;
	size_t count = 0;
	long j, k;

	memcpy(old, field->f, field->cols * field->rows * sizeof *old);
	for (j = j0; j < j1; j++)
		memcpy(field->f + j * cols + i0, old + (j + dj) * cols + i0 +
		    di, (size_t)(i1 - i0) * sizeof *old);
	for (k = 0; k < 4; k++)
		count += s > 1 ? field_fill_coarse(field, obj, chart, rect[k],
		    s) : field_fill_rect(field, obj, chart, rect[k][0],
		    rect[k][1], rect[k][2], rect[k][3]);
	field->kept = (size_t)((j1 - j0) * (i1 - i0));
	return count;
}

/* The old sample, of n step apart, at offset v from the old window's
 * edge: −1 before the first, n past the last. */
static long
field_old_index(double v, double step, long n)
{
	double t = floor(v / step);

	return t < 0 ? -1 : t >= (double)n ? n : (long)t;
}

/* The range [*k0, *k1) of the n new samples that fall in an old one
 * (0 ≤ o[k] < n; they are consecutive), empty at 0 when none does. */
static void
field_zoom_range(const long *o, long n, long *k0, long *k1)
{
	long k;

	*k0 = *k1 = 0;
	for (k = 0; k < n; k++) {
		if (o[k] < 0 || o[k] >= n)
			continue;
		if (*k1 == *k0)
			*k0 = k;
		*k1 = k + 1;
	}
}

/* A zoom's first pass: each sample of the new window that lies within
 * the old one, o, takes the old sample whose cell holds it (nearest
 * neighbour: the old landscape magnified or shrunk, not f at the new
 * sample); when some lie outside (a zoom out), the whole window goes by
 * 2s × 2s blocks first, the old samples then over their part. One grid
 * of block centres costs half what the four bands around the old window
 * cost as grids of their own (each band's rows and columns of centres
 * an exp per data sample: 30 against 15 ms of CPU on glm:n=100000 at
 * 64 × 72, s = 6), and blocks twice as large half again (8 ms): the old
 * samples carry the detail until the rows are refined. Returns how many
 * were evaluated. */
static size_t
field_fill_zoom(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *o, long s)
{
	const long cols = (long)field->cols, rows = (long)field->rows;
	const double dx = (o->xmax - o->xmin) / (double)cols;
	const double dy = (o->ymax - o->ymin) / (double)rows;
	double *old = field->f + field->cap, a, b;
	long k[4], i, j, *oi, *oj;
	size_t count = 0;

	memcpy(old, field->f, field->cols * field->rows * sizeof *old);
	if ((oi = malloc((size_t)(cols + rows) * sizeof *oi)) == NULL)
		return field_fill_coarse(field, obj, chart,
		    (const long [4]){ 0, rows, 0, cols }, s);
	oj = oi + cols;
	for (i = 0; i < cols; i++) {
		sd_field_coords(field, (size_t)i, 0, &a, &b);
		oi[i] = field_old_index(a - o->xmin, dx, cols);
	}
	for (j = 0; j < rows; j++) {
		sd_field_coords(field, 0, (size_t)j, &a, &b);
		oj[j] = field_old_index(o->ymax - b, dy, rows);
	}
	field_zoom_range(oi, cols, &k[2], &k[3]);
	field_zoom_range(oj, rows, &k[0], &k[1]);
	if ((k[1] - k[0]) * (k[3] - k[2]) < cols * rows)
		count = field_fill_coarse(field, obj, chart,
		    (const long [4]){ 0, rows, 0, cols }, 2 * s);
	for (j = k[0]; j < k[1]; j++)
		for (i = k[2]; i < k[3]; i++)
			field->f[j * cols + i] = old[oj[j] * cols + oi[i]];
	free(oi);
	field->kept = (size_t)((k[1] - k[0]) * (k[3] - k[2]));
	return count;
}

/* Make rows [j0, j1) of a coarse field exact; returns how many samples
 * were not exact (the blocks' centres, which the tiles evaluate again to
 * the same bits, are not counted). */
static size_t
field_fill_rows(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, long j0, long j1)
{
	const long cols = (long)field->cols, rows = (long)field->rows;
	const long s = (long)field->coarse;
	size_t count = 0;
	long i, j;

	field_fill_tiles(field, obj, chart, j0, j1);
	for (j = j0; j < j1; j++)
		for (i = 0; i < cols; i++)
			count += field_centre(j, rows, s) != j ||
			    field_centre(i, cols, s) != i;
	return count;
}

/* Exchange two doubles. */
static void
field_swap(double *a, double *b)
{
	double t = *a;

	*a = *b;
	*b = t;
}

/* The k-th smallest of v[0..n) (Wirth's selection; v is reordered). */
static double
field_select(double *v, long n, long k)
{
	long l = 0, m = n - 1, i, j;
	double x;

	while (l < m) {
		x = v[k];
		i = l;
		j = m;
		do {
			while (v[i] < x)
				i++;
			while (x < v[j])
				j--;
			if (i <= j) {
				field_swap(&v[i], &v[j]);
				i++;
				j--;
			}
		} while (i <= j);
		if (j < k)
			l = i;
		if (k < i)
			m = j;
	}
	return v[k];
}

/* Recompute the count, extremes and median of the finite samples. The
 * median of a large grid is taken over every stride-th sample: it only
 * judges how skewed the values are, and the selection would otherwise
 * cost more than sampling f. */
static void
field_stats(sd_field *field)
{
	size_t k, n = field->cols * field->rows, m = 0, picked = 0;
	size_t stride = n / FIELD_MEDIAN_SAMPLES + 1, skip = 0;
	double *tmp = field->f + field->cap, v, lo = INFINITY, hi = -INFINITY;

	field->fmin = field->fmax = field->fmedian = 0;
	for (k = 0; k < n; k++) {
		v = field->f[k];
		if (isnan(v))
			continue;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
		m++;
		if (skip-- == 0) {
			tmp[picked++] = v;
			skip = stride - 1;
		}
	}
	field->n_finite = m;
	if (m > 0) {
		field->fmin = lo;
		field->fmax = hi;
	}
	if (picked > 0)
		field->fmedian = field_select(tmp, (long)picked,
		    (long)(picked / 2));
}

/* Whether the field holds samples of exactly this window and size. */
static int
field_same(const sd_field *field, const sd_window *w, size_t cols,
    size_t rows)
{
	return field->valid && cols == field->cols && rows == field->rows &&
	    memcmp(w, &field->window, sizeof *w) == 0;
}

size_t
sd_field_refine(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, size_t max_rows, size_t *evaluated)
{
	size_t count = 0, j0 = field->refined, j1;
	char *cause = NULL;

	if (field->valid && field->coarse > 1 && field->refined < field->rows &&
	    field_reserve_work(field, field->cols, NULL) == 0) {
		/* Without the projections (out of memory, a cancelled job),
		 * f at the lifted points: the same within 1e-12. */
		if (sd_slice_update(&field->slice, obj, chart, &cause) != 0)
			free(cause);
		j1 = field->rows - j0 < max_rows ? field->rows : j0 + max_rows;
		count = field_fill_rows(field, obj, chart, (long)j0, (long)j1);
		field->refined = j1;
		if (j1 == field->rows)
			field->coarse = 1;
		field_stats(field);
	}
	if (evaluated != NULL)
		*evaluated = count;
	return field->coarse > 1 ? field->rows - field->refined : 0;
}

/* Whether field can be moved to window by a whole number of samples
 * (*di, *dj), keeping its exact samples. */
static int
field_pans(const sd_field *field, const sd_window *window, size_t cols,
    size_t rows, long *di, long *dj)
{
	return field->valid && field->coarse <= 1 && cols == field->cols &&
	    rows == field->rows && field_shift(field, window, di, dj) == 0;
}

int
sd_field_pans(const sd_field *field, const sd_window *window, size_t cols,
    size_t rows)
{
	long di, dj;

	return field_pans(field, window, cols, rows, &di, &dj);
}

/* Whether a preview of window may start from the field's samples (a
 * zoom, or any other move that is not a pan): they are of this chart and
 * size, exact or a first pass themselves. */
static int
field_zooms(const sd_field *field, size_t cols, size_t rows)
{
	return field->valid && cols == field->cols && rows == field->rows;
}

/* sd_field_update_coarse, and with preview sd_field_update_preview. */
static int
field_update(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t coarse, int preview, size_t *evaluated,
    char **cause)
{
	const sd_window old = field->window;
	long di = 0, dj = 0;
	size_t count = 0;
	int reuse, zoom;

	if (cols == 0 || rows == 0)
		return sd_fail(cause, "field: empty grid %zux%zu", cols, rows);
	if (field_same(field, window, cols, rows) && field->coarse > 1) {
		/* A coarse field of this window: refine it (all at once
		 * when asked for the exact field), or keep it. */
		if (coarse <= 1)
			sd_field_refine(field, obj, chart, rows, &count);
		if (evaluated != NULL)
			*evaluated = count;
		return 0;
	}
	reuse = field_pans(field, window, cols, rows, &di, &dj);
	zoom = !reuse && preview && coarse > 1 && field_zooms(field, cols,
	    rows);
	if (field_reserve(field, cols * rows, cause) != 0 ||
	    field_reserve_work(field, cols, cause) != 0 ||
	    sd_slice_update(&field->slice, obj, chart, cause) != 0)
		return -1;
	field->cols = cols;
	field->rows = rows;
	field->window = *window;
	field->coarse = coarse > 1 && (!reuse || preview) ? coarse : 1;
	field->refined = field->coarse > 1 ? 0 : rows;
	field->kept = 0;
	if (reuse)
		count = field_fill_around(field, obj, chart, di, dj,
		    (long)field->coarse);
	else if (zoom)
		count = field_fill_zoom(field, obj, chart, &old,
		    (long)coarse);
	else
		count = field->coarse > 1 ? field_fill_coarse(field, obj,
		    chart, (const long [4]){ 0, (long)rows, 0, (long)cols },
		    (long)coarse) : field_fill_rect(field, obj, chart, 0,
		    (long)rows, 0, (long)cols);
	field_stats(field);
	field->valid = 1;
	if (evaluated != NULL)
		*evaluated = count;
	return 0;
}

int
sd_field_update_coarse(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t coarse, size_t *evaluated, char **cause)
{
	return field_update(field, obj, chart, window, cols, rows, coarse, 0,
	    evaluated, cause);
}

int
sd_field_update_preview(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t coarse, size_t *evaluated, char **cause)
{
	return field_update(field, obj, chart, window, cols, rows, coarse, 1,
	    evaluated, cause);
}

int
sd_field_update(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t *evaluated, char **cause)
{
	return sd_field_update_coarse(field, obj, chart, window, cols, rows, 1,
	    evaluated, cause);
}
