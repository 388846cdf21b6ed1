/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_levels.c: how the view's values map to contour levels (see
 * view.h). Linear and log levels are a formula over the field's range;
 * critical and quantile levels are a table of band boundaries that
 * view_levels_prepare works out before a drawing, read piecewise
 * linearly, so that the bands, the iso-lines and the colour bar all agree
 * with it. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"
#include "view.h"

/* The logarithmic levels span four decades below the field's range:
 * t = log(1 + u·S) / log(1 + S) for u in [0, 1], S = 10⁴. */
#define VIEW_LOG_SCALE 1e4

/* Auto levels turn logarithmic when the median sample lies in the lowest
 * tenth of the range: most of the picture would be one band. */
#define VIEW_SKEW 0.1

/* Stationary values closer than this part of the range are one level. */
#define VIEW_LEVEL_SAME 1e-9

static const char *const view_levels_names[VIEW_LEVELS_COUNT] = {
	[VIEW_LEVELS_AUTO] = "auto",
	[VIEW_LEVELS_LINEAR] = "linear",
	[VIEW_LEVELS_LOG] = "log",
	[VIEW_LEVELS_CRITICAL] = "critical",
	[VIEW_LEVELS_QUANTILE] = "quantile",
};

const char *
view_levels_name(view_levels levels)
{
	return view_levels_names[levels];
}

/* A stationary value on the slice strictly inside the field's range,
 * where a level can pass. */
static int
view_level_inside(const view *v, const sd_point *p)
{
	const sd_field *fd = &v->field;
	double eps = VIEW_LEVEL_SAME * (fd->fmax - fd->fmin);

	return !view_off_slice(v, p->offset) && isfinite(p->f) &&
	    p->f > fd->fmin + eps && p->f < fd->fmax - eps;
}

/* Linear or log: the scale the other levels spread their bands on. */
static view_levels
view_levels_base(const view *v)
{
	const sd_field *fd = &v->field;
	double range = fd->fmax - fd->fmin;

	if (v->levels == VIEW_LEVELS_LINEAR || v->levels == VIEW_LEVELS_LOG)
		return v->levels;
	if (range > 0 && fd->fmedian - fd->fmin < VIEW_SKEW * range)
		return VIEW_LEVELS_LOG;
	return VIEW_LEVELS_LINEAR;
}

view_levels
view_levels_used(const view *v)
{
	size_t i;

	if (v->levels != VIEW_LEVELS_AUTO)
		return v->levels;
	for (i = 0; v->points_valid && i < v->points.n; i++) {
		if (view_level_inside(v, &v->points.points[i]))
			return VIEW_LEVELS_CRITICAL;
	}
	return view_levels_base(v);
}

/* f on the base scale, in [0, 1]. */
static double
view_base_level(const view *v, double f)
{
	const sd_field *fd = &v->field;
	double range = fd->fmax - fd->fmin, u;

	if (!(range > 0))
		return 0;
	u = fmin(fmax((f - fd->fmin) / range, 0), 1);
	if (view_levels_base(v) != VIEW_LEVELS_LOG)
		return u;
	return log1p(u * VIEW_LOG_SCALE) / log1p(VIEW_LOG_SCALE);
}

/* The inverse of view_base_level. */
static double
view_base_value(const view *v, double t)
{
	const sd_field *fd = &v->field;
	double range = fd->fmax - fd->fmin;

	if (view_levels_base(v) != VIEW_LEVELS_LOG)
		return fd->fmin + t * range;
	return fd->fmin + range * expm1(t * log1p(VIEW_LOG_SCALE)) /
	    VIEW_LOG_SCALE;
}

/* Whether the table of boundaries is in use. */
static int
view_levels_table(const view *v)
{
	return v->lv_mode == VIEW_LEVELS_CRITICAL ||
	    v->lv_mode == VIEW_LEVELS_QUANTILE;
}

static int
view_compare_points(const void *p, const void *q)
{
	double a = ((const sd_point *)p)->f, b = ((const sd_point *)q)->f;

	return (a > b) - (a < b);
}

/* The breaks critical levels must pass through: the field's lowest value,
 * the distinct stationary values inside the range (at most bands − 1,
 * evenly picked when there are more), its highest; returns how many. */
static int
view_critical_breaks(const view *v, double *at, int *kind)
{
	const sd_field *fd = &v->field;
	double eps = VIEW_LEVEL_SAME * (fd->fmax - fd->fmin);
	const size_t most = (size_t)v->bands - 1;
	sd_point *in;
	size_t i, n = 0, d = 0, m = 0, k;

	at[m] = fd->fmin;
	kind[m++] = -1;
	in = malloc((v->points.n ? v->points.n : 1) * sizeof *in);
	for (i = 0; in != NULL && i < v->points.n; i++) {
		if (view_level_inside(v, &v->points.points[i]))
			in[n++] = v->points.points[i];
	}
	qsort(in, n, sizeof *in, view_compare_points);
	for (i = 0; i < n; i++) {
		if (d == 0 || in[i].f - in[d - 1].f > eps)
			in[d++] = in[i];
	}
	for (i = 0; i < d && i < most; i++) {
		k = d <= most ? i : i * d / most;
		at[m] = in[k].f;
		kind[m++] = (int)in[k].kind;
	}
	free(in);
	at[m] = fd->fmax;
	kind[m++] = -1;
	return (int)m;
}

/* Critical levels: each gap between breaks gets at least one band, the
 * rest go one by one to the gap with the most of the base scale per
 * band, and a gap's bands are even on the base scale. */
static void
view_prepare_critical(view *v)
{
	double at[VIEW_BANDS_MAX + 1], s[VIEW_BANDS_MAX + 1];
	int kind[VIEW_BANDS_MAX + 1], nb[VIEW_BANDS_MAX];
	int m, i, j, g, used, best;

	m = view_critical_breaks(v, at, kind);
	for (i = 0; i < m; i++)
		s[i] = view_base_level(v, at[i]);
	for (g = 0; g < m - 1; g++)
		nb[g] = 1;
	for (used = m - 1; used < v->bands; used++) {
		for (best = 0, g = 1; g < m - 1; g++) {
			if ((s[g + 1] - s[g]) / nb[g] >
			    (s[best + 1] - s[best]) / nb[best])
				best = g;
		}
		nb[best]++;
	}
	for (i = 0, g = 0; g < m - 1; g++) {
		for (j = 0; j < nb[g]; j++, i++) {
			v->lv[i] = j == 0 ? at[g] : view_base_value(v, s[g] +
			    (s[g + 1] - s[g]) * j / nb[g]);
			v->lv_kind[i] = j == 0 ? kind[g] : -1;
		}
	}
	v->lv[i] = at[m - 1];
	v->lv_kind[i] = -1;
}

static int
view_compare_doubles(const void *p, const void *q)
{
	double a = *(const double *)p, b = *(const double *)q;

	return (a > b) - (a < b);
}

/* Quantile levels: band k holds the samples between the k/bands and the
 * (k + 1)/bands quantiles, so every band covers as much of the plot. */
static void
view_prepare_quantile(view *v)
{
	const sd_field *fd = &v->field;
	size_t n = fd->cols * fd->rows, i, m = 0;
	double *f;
	int k;

	if ((f = malloc((n ? n : 1) * sizeof *f)) == NULL) {
		v->lv_mode = view_levels_base(v);
		return;
	}
	for (i = 0; i < n; i++) {
		if (isfinite(fd->f[i]))
			f[m++] = fd->f[i];
	}
	qsort(f, m, sizeof *f, view_compare_doubles);
	for (k = 0; k <= v->bands; k++) {
		v->lv[k] = m ? f[(m - 1) * (size_t)k / (size_t)v->bands] : 0;
		v->lv_kind[k] = -1;
	}
	free(f);
}

void
view_levels_prepare(view *v)
{
	v->lv_mode = view_levels_used(v);
	if (!v->field.valid || v->field.n_finite == 0 ||
	    !(v->field.fmax > v->field.fmin))
		v->lv_mode = view_levels_base(v);
	else if (v->lv_mode == VIEW_LEVELS_CRITICAL)
		view_prepare_critical(v);
	else if (v->lv_mode == VIEW_LEVELS_QUANTILE)
		view_prepare_quantile(v);
}

int
view_level_kind(const view *v, int k)
{
	if (v->lv_mode != VIEW_LEVELS_CRITICAL || k < 0 || k > v->bands)
		return -1;
	return v->lv_kind[k];
}

double
view_level(const view *v, double f)
{
	const double *lv = v->lv;
	int lo = 0, hi = v->bands, mid;

	if (isnan(f))
		return f;
	if (!view_levels_table(v))
		return view_base_level(v, f);
	if (f <= lv[0])
		return 0;
	if (f >= lv[hi])
		return 1;
	/* lv[lo] ≤ f < lv[hi] */
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (f >= lv[mid])
			lo = mid;
		else
			hi = mid;
	}
	return (lo + (f - lv[lo]) / (lv[hi] - lv[lo])) / v->bands;
}

double
view_level_value(const view *v, double t)
{
	double u;
	int k;

	if (!view_levels_table(v))
		return view_base_value(v, t);
	u = fmin(fmax(t, 0), 1) * v->bands;
	k = (int)u >= v->bands ? v->bands - 1 : (int)u;
	return v->lv[k] + (u - k) * (v->lv[k + 1] - v->lv[k]);
}

int
view_band(const view *v, double f)
{
	double t = view_level(v, f);
	int k;

	if (isnan(t))
		return -1;
	k = (int)(t * v->bands);
	return k >= v->bands ? v->bands - 1 : k;
}

/* Apply a --levels / :levels word to the view. */
int
view_levels_parse(view *v, const char *word, char **cause)
{
	unsigned long n;
	int i;

	for (i = 0; i < VIEW_LEVELS_COUNT; i++) {
		if (strcmp(word, view_levels_names[i]) == 0) {
			v->levels = (view_levels)i;
			return 0;
		}
	}
	if (sd_whole_parse("levels", word, VIEW_BANDS_MIN, VIEW_BANDS_MAX, &n,
	    NULL) == 0) {
		v->bands = (int)n;
		return 0;
	}
	return sd_fail(cause, "levels: '%s' is not a level scale: expected "
	    "linear, log, critical, quantile, auto, or a number of bands "
	    "from %d to %d", word, VIEW_BANDS_MIN, VIEW_BANDS_MAX);
}
