/* field.c: sampled grids of f with reuse when panning (see field.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "field.h"

/* How far from a whole number of samples a shift may be and still count
 * as one: far below a pixel, far above rounding error. */
#define FIELD_SHIFT_TOL 1e-6

/* Grids larger than this estimate the median from a subsample. */
#define FIELD_MEDIAN_SAMPLES 4096

int
sd_field_init(sd_field *field, size_t dim, char **cause)
{
	memset(field, 0, sizeof *field);
	field->dim = dim;
	if ((field->work = calloc(dim, sizeof *field->work)) == NULL)
		return sd_fail(cause, "out of memory");
	return 0;
}

void
sd_field_done(sd_field *field)
{
	free(field->f);
	free(field->work);
	memset(field, 0, sizeof *field);
}

void
sd_field_invalidate(sd_field *field)
{
	field->valid = 0;
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

/* Fill every sample, reusing the old ones that moved by (di, dj); returns
 * how many were evaluated. The old samples wait in the scratch half. */
static size_t
field_fill(sd_field *field, const sd_objective *obj, const sd_chart *chart,
    int reuse, long di, long dj)
{
	const sd_window *w = &field->window;
	const long cols = (long)field->cols, rows = (long)field->rows;
	double dx = (w->xmax - w->xmin) / (double)field->cols;
	double dy = (w->ymax - w->ymin) / (double)field->rows;
	double *old = field->f + field->cap, *row, a, b, v;
	size_t count = 0;
	long i, j, oi, oj;

	if (reuse)
		memcpy(old, field->f, field->cols * field->rows * sizeof *old);
	for (j = 0; j < rows; j++) {
		row = field->f + j * cols;
		b = w->ymax - ((double)j + 0.5) * dy;
		oj = j + dj;
		for (i = 0; i < cols; i++) {
			oi = i + di;
			if (reuse && oi >= 0 && oj >= 0 && oi < cols &&
			    oj < rows) {
				row[i] = old[oj * cols + oi];
				continue;
			}
			a = w->xmin + ((double)i + 0.5) * dx;
			v = sd_chart_f(chart, obj, a, b, field->work);
			row[i] = isfinite(v) ? v : NAN;
			count++;
		}
	}
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

int
sd_field_update(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t *evaluated, char **cause)
{
	long di = 0, dj = 0;
	int reuse;
	size_t count;

	if (cols == 0 || rows == 0)
		return sd_fail(cause, "field: empty grid %zux%zu", cols, rows);
	reuse = field->valid && cols == field->cols && rows == field->rows &&
	    field_shift(field, window, &di, &dj) == 0;
	if (field_reserve(field, cols * rows, cause) != 0)
		return -1;
	field->cols = cols;
	field->rows = rows;
	field->window = *window;
	count = field_fill(field, obj, chart, reuse, di, dj);
	field_stats(field);
	field->valid = 1;
	if (evaluated != NULL)
		*evaluated = count;
	return 0;
}
