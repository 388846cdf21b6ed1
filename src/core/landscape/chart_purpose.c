/* SPDX-License-Identifier: GPL-3.0-or-later */
/* chart_purpose.c: charts built for a purpose — random directions, the
 * Hessian's extreme eigenvectors, three points, an optimizer's path —
 * each with a window that shows what it was built for (see chart.h). The
 * text that chooses one is parsed in chart_choice.c. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "base/spectrum.h"

/* Margin added around the points a chart was built to show, as a share
 * of their extent. */
#define PURPOSE_MARGIN	0.25

/* ---- windows ---------------------------------------------------------- */

/* A square window centred on 0 whose half side is half the larger side of
 * the objective's own window. */
static sd_window
purpose_window_centred(const sd_objective *obj)
{
	const sd_window *w = &obj->type->window;
	double s = fmax(w->xmax - w->xmin, w->ymax - w->ymin) / 2;

	return (sd_window){ -s, s, -s, s };
}

/* The smallest window holding the n points (a[i], b[i]), widened by the
 * margin on every side (and to at least 2·floor per side). */
static sd_window
purpose_window_fit(const double *a, const double *b, size_t n, double floor)
{
	sd_window w = { a[0], a[0], b[0], b[0] };
	double m;
	size_t i;

	for (i = 1; i < n; i++) {
		w.xmin = fmin(w.xmin, a[i]);
		w.xmax = fmax(w.xmax, a[i]);
		w.ymin = fmin(w.ymin, b[i]);
		w.ymax = fmax(w.ymax, b[i]);
	}
	m = PURPOSE_MARGIN * fmax(w.xmax - w.xmin, w.ymax - w.ymin);
	m = fmax(m, floor);
	w.xmin -= m;
	w.xmax += m;
	w.ymin -= m;
	w.ymax += m;
	return w;
}

/* ---- random directions ------------------------------------------------ */

/* Li et al. 2018: rescale each filter of the direction dir to the norm of
 * the same filter of the point theta, so that the picture does not depend
 * on the weights' scale. Filters of theta that are zero are left alone. */
static void
purpose_filter_normalize(double *dir, const double *theta, size_t d,
    size_t filter)
{
	double nd, nt;
	size_t j, i;

	for (j = 0; j + filter <= d; j += filter) {
		nd = sd_norm(dir + j, filter);
		nt = sd_norm(theta + j, filter);
		if (!(nd > 0) || !(nt > 0))
			continue;
		for (i = j; i < j + filter; i++)
			dir[i] *= nt / nd;
	}
}

/* Fill rows from..to−1 of dirs with random unit vectors. */
static void
purpose_random_rows(gsl_rng *rng, double *dirs, size_t d, size_t from,
    size_t to)
{
	size_t r;

	for (r = from; r < to; r++)
		sd_random_unit(rng, dirs + r * d, d);
}

/* The random great sphere through origin (normalized; random when 0). */
static int
purpose_random_sphere(sd_chart *chart, const sd_objective *obj,
    const double *origin, gsl_rng *rng, double *dirs, char **cause)
{
	size_t d = obj->dim;

	if (d < 3)
		return sd_fail(cause, "chart: random: a sphere chart needs at "
		    "least three dimensions");
	memcpy(dirs, origin, d * sizeof *dirs);
	if (!(sd_norm(dirs, d) > 0))
		sd_random_unit(rng, dirs, d);
	do
		purpose_random_rows(rng, dirs, d, 1, 3);
	while (sd_orthonormalize(dirs, 3, d, 1e-6) >= 0);
	return sd_chart_init_sphere(chart, d, dirs, dirs + d, dirs + 2 * d,
	    cause);
}

int
sd_chart_init_random(sd_chart *chart, const sd_objective *obj,
    const double *origin, unsigned long seed, char **cause)
{
	size_t d = obj->dim, filter = 0;
	double *dirs, s;
	gsl_rng *rng;
	int rc;

	if ((rng = sd_rng_new(seed, cause)) == NULL)
		return -1;
	if ((dirs = malloc(3 * d * sizeof *dirs)) == NULL) {
		gsl_rng_free(rng);
		return sd_fail(cause, "out of memory");
	}
	if (obj->type->manifold == SD_SPHERE) {
		rc = purpose_random_sphere(chart, obj, origin, rng, dirs,
		    cause);
		goto out;
	}
	if (obj->type->filter_size != NULL)
		filter = obj->type->filter_size(obj->state);
	do {
		purpose_random_rows(rng, dirs, d, 0, 2);
		if (filter > 0 && filter <= d) {
			purpose_filter_normalize(dirs, origin, d, filter);
			purpose_filter_normalize(dirs + d, origin, d, filter);
		}
		rc = sd_chart_init_plane(chart, d, origin, dirs, dirs + d,
		    NULL);
	} while (rc != 0);
	/* A network's weights set the scale: Li et al. plot α ∈ [−1, 1]
	 * along directions as long as the weights themselves. */
	chart->window = purpose_window_centred(obj);
	if (filter > 0 && (s = sd_norm(origin, d)) > 0)
		chart->window = (sd_window){ -s, s, -s, s };
out:
	free(dirs);
	gsl_rng_free(rng);
	return rc;
}

/* ---- the Hessian's extreme eigenvectors -------------------------------- */

/* Build the chart from the eigenpairs of the (Riemannian) Hessian at x:
 * through x along the lowest and the highest eigenvector (on a sphere,
 * of the tangent space: spectrum.h). */
static int
purpose_hessian_chart(sd_chart *chart, const sd_objective *obj,
    const double *x, const sd_spectrum *sp, char **cause)
{
	const double *lo = sp->evec, *hi = sp->evec + (sp->n - 1) * sp->dim;
	int rc;

	if (obj->type->manifold != SD_SPHERE) {
		rc = sd_chart_init_plane(chart, sp->dim, x, lo, hi, cause);
		if (rc == 0)
			chart->window = purpose_window_centred(obj);
		return rc;
	}
	return sd_chart_init_sphere(chart, sp->dim, x, lo, hi, cause);
}

int
sd_chart_init_hessian(sd_chart *chart, const sd_objective *obj,
    const double *x, char **cause)
{
	size_t d = obj->dim;
	int sphere = obj->type->manifold == SD_SPHERE, rc = -1;
	sd_spectrum *sp;
	double *h, *y;

	if (d < 2 || (sphere && d < 3))
		return sd_fail(cause, "chart: hessian: %s has too few "
		    "dimensions", obj->type->name);
	h = malloc((d * d + d) * sizeof *h);
	if (h == NULL || (sp = sd_spectrum_alloc(d)) == NULL) {
		free(h);
		return sd_fail(cause, "out of memory");
	}
	y = h + d * d;
	memcpy(y, x, d * sizeof *y);
	if (sd_objective_retract(obj, y) != 0) {
		sd_fail(cause, "chart: hessian: the point is not on the sphere "
		    "(it is 0)");
		goto out;
	}
	sd_objective_rhessian(obj, y, h);
	if (sd_spectrum_decompose(sp, h, sphere ? y : NULL) != 0) {
		sd_fail(cause, "chart: hessian: the Hessian is not finite at "
		    "that point");
		goto out;
	}
	rc = purpose_hessian_chart(chart, obj, y, sp, cause);
out:
	sd_spectrum_free(sp);
	free(h);
	return rc;
}

/* ---- three points ----------------------------------------------------- */

/* The great sphere of span(p1, p2, p3), p1 at (0, 0); dependent points
 * are completed with coordinate directions. */
static int
purpose_points_sphere(sd_chart *chart, size_t d, const double *const *p,
    char **cause)
{
	double *rows;
	size_t i, k = 0;
	int rc;

	if ((rows = malloc(3 * d * sizeof *rows)) == NULL)
		return sd_fail(cause, "out of memory");
	for (i = 0; i < 3; i++) {
		memcpy(rows + k * d, p[i], d * sizeof *rows);
		if (sd_orthonormalize(rows, k + 1, d, 1e-10) < 0)
			k++;
		else if (i == 0)
			break;
	}
	if (k == 0) {
		free(rows);
		return sd_fail(cause, "chart: points: the first point is 0, "
		    "which is not on the sphere");
	}
	sd_complete_basis(rows, k, 3, d);
	rc = sd_chart_init_sphere(chart, d, rows, rows + d, rows + 2 * d,
	    cause);
	free(rows);
	return rc;
}

int
sd_chart_init_points(sd_chart *chart, const sd_objective *obj,
    const double *p1, const double *p2, const double *p3, char **cause)
{
	const double *const p[3] = { p1, p2, p3 };
	size_t d = obj->dim, i;
	double *buf, *c, *u, *v, a[3], b[3];

	if (obj->type->manifold == SD_SPHERE)
		return purpose_points_sphere(chart, d, p, cause);
	if ((buf = malloc(3 * d * sizeof *buf)) == NULL)
		return sd_fail(cause, "out of memory");
	c = buf;
	u = c + d;
	v = u + d;
	for (i = 0; i < d; i++) {
		c[i] = (p1[i] + p2[i]) / 2;
		u[i] = p2[i] - p1[i];
		v[i] = p3[i] - c[i];
	}
	if (sd_chart_init_plane(chart, d, c, u, v, NULL) != 0) {
		free(buf);
		return sd_fail(cause, "chart: points: the three points are on "
		    "one line (or two of them coincide): expected three "
		    "points spanning a plane");
	}
	free(buf);
	for (i = 0; i < 3; i++)
		sd_chart_project(chart, p[i], &a[i], &b[i], NULL);
	chart->window = purpose_window_fit(a, b, 3, 0);
	return 0;
}

/* ---- an optimizer's path ---------------------------------------------- */

/* c = Σ (x_i − ref)(x_i − ref)ᵀ over the n rows of path (ref may be
 * NULL: uncentred). */
static void
purpose_scatter(const double *path, size_t n, size_t d, const double *ref,
    double *c)
{
	size_t i, j, k;
	double yj, yk;

	memset(c, 0, d * d * sizeof *c);
	for (i = 0; i < n; i++) {
		for (j = 0; j < d; j++) {
			yj = path[i * d + j] - (ref ? ref[j] : 0);
			for (k = j; k < d; k++) {
				yk = path[i * d + k] - (ref ? ref[k] : 0);
				c[j * d + k] += yj * yk;
			}
		}
	}
	for (j = 0; j < d; j++) {
		for (k = 0; k < j; k++)
			c[j * d + k] = c[k * d + j];
	}
}

/* The sphere chart of the path: its last point first, then the principal
 * directions (evec rows, ascending) from the top. */
static int
purpose_trajectory_sphere(sd_chart *chart, const double *last,
    const double *evec, size_t d, double *rows, char **cause)
{
	size_t k = 0, i;

	memcpy(rows, last, d * sizeof *rows);
	if (sd_orthonormalize(rows, 1, d, 1e-10) >= 0)
		return sd_fail(cause, "chart: trajectory: the path ends at 0, "
		    "which is not on the sphere");
	k = 1;
	for (i = d; i-- > 0 && k < 3;) {
		memcpy(rows + k * d, evec + i * d, d * sizeof *rows);
		if (sd_orthonormalize(rows, k + 1, d, 1e-6) < 0)
			k++;
	}
	sd_complete_basis(rows, k, 3, d);
	return sd_chart_init_sphere(chart, d, rows, rows + d, rows + 2 * d,
	    cause);
}

/* The plane chart of the path, from the principal directions (ascending
 * eigenpairs) of x_i − x_last. */
static int
purpose_trajectory_plane(sd_chart *chart, const double *path, size_t n,
    size_t d, const double *eval, const double *evec, char **cause)
{
	double *a, *b;
	size_t i;

	/* The eigen-solver's rounding is ε·‖C‖: a second variance below
	 * 1e-12 of the first is a straight path. */
	if (!(eval[d - 2] > 1e-12 * eval[d - 1]) || !(eval[d - 1] > 0))
		return sd_fail(cause, "chart: trajectory: the path does not "
		    "span a plane (it stays on a line): expected a path that "
		    "turns");
	if (sd_chart_init_plane(chart, d, path + (n - 1) * d,
	    evec + (d - 1) * d, evec + (d - 2) * d, cause) != 0)
		return -1;
	if ((a = malloc(2 * n * sizeof *a)) == NULL) {
		sd_chart_done(chart);
		return sd_fail(cause, "out of memory");
	}
	b = a + n;
	for (i = 0; i < n; i++)
		sd_chart_project(chart, path + i * d, &a[i], &b[i], NULL);
	chart->window = purpose_window_fit(a, b, n, 1e-3 * sqrt(eval[d - 1]));
	free(a);
	return 0;
}

int
sd_chart_init_trajectory(sd_chart *chart, const sd_objective *obj,
    const double *path, size_t n, char **cause)
{
	size_t d = obj->dim;
	int sphere = obj->type->manifold == SD_SPHERE, rc;
	double *c, *eval, *evec;

	if (path == NULL || n < 3)
		return sd_fail(cause, "chart: trajectory: no optimizer path "
		    "of at least 3 points: run an optimizer first");
	if ((c = malloc((2 * d * d + d) * sizeof *c)) == NULL)
		return sd_fail(cause, "out of memory");
	evec = c + d * d;
	eval = evec + d * d;
	purpose_scatter(path, n, d, sphere ? NULL : path + (n - 1) * d, c);
	if (sd_symm_eigen(c, d, eval, evec, NULL) != 0)
		rc = sd_fail(cause, "chart: trajectory: the path is not "
		    "finite");
	else if (sphere)
		rc = purpose_trajectory_sphere(chart, path + (n - 1) * d, evec,
		    d, c, cause);
	else
		rc = purpose_trajectory_plane(chart, path, n, d, eval, evec,
		    cause);
	free(c);
	return rc;
}
