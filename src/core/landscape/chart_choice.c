/* chart_choice.c: charts built for a purpose (random directions, the
 * Hessian's extreme eigenvectors, three points, an optimizer's path) and
 * the parser of the text that chooses one (see chart.h). */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "base/spectrum.h"

/* Margin added around the points a chart was built to show, as a share
 * of their extent. */
#define CHOICE_MARGIN	0.25

/* ---- windows ---------------------------------------------------------- */

/* A square window centred on 0 whose half side is half the larger side of
 * the objective's own window. */
static sd_window
choice_window_centred(const sd_objective *obj)
{
	const sd_window *w = &obj->type->window;
	double s = fmax(w->xmax - w->xmin, w->ymax - w->ymin) / 2;

	return (sd_window){ -s, s, -s, s };
}

/* The smallest window holding the n points (a[i], b[i]), widened by the
 * margin on every side (and to at least 2·floor per side). */
static sd_window
choice_window_fit(const double *a, const double *b, size_t n, double floor)
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
	m = CHOICE_MARGIN * fmax(w.xmax - w.xmin, w.ymax - w.ymin);
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
choice_filter_normalize(double *dir, const double *theta, size_t d,
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
choice_random_rows(gsl_rng *rng, double *dirs, size_t d, size_t from,
    size_t to)
{
	size_t r;

	for (r = from; r < to; r++)
		sd_random_unit(rng, dirs + r * d, d);
}

/* The random great sphere through origin (normalized; random when 0). */
static int
choice_random_sphere(sd_chart *chart, const sd_objective *obj,
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
		choice_random_rows(rng, dirs, d, 1, 3);
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
		rc = choice_random_sphere(chart, obj, origin, rng, dirs, cause);
		goto out;
	}
	if (obj->type->filter_size != NULL)
		filter = obj->type->filter_size(obj->state);
	do {
		choice_random_rows(rng, dirs, d, 0, 2);
		if (filter > 0 && filter <= d) {
			choice_filter_normalize(dirs, origin, d, filter);
			choice_filter_normalize(dirs + d, origin, d, filter);
		}
		rc = sd_chart_init_plane(chart, d, origin, dirs, dirs + d,
		    NULL);
	} while (rc != 0);
	/* A network's weights set the scale: Li et al. plot α ∈ [−1, 1]
	 * along directions as long as the weights themselves. */
	chart->window = choice_window_centred(obj);
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
choice_hessian_chart(sd_chart *chart, const sd_objective *obj,
    const double *x, const sd_spectrum *sp, char **cause)
{
	const double *lo = sp->evec, *hi = sp->evec + (sp->n - 1) * sp->dim;
	int rc;

	if (obj->type->manifold != SD_SPHERE) {
		rc = sd_chart_init_plane(chart, sp->dim, x, lo, hi, cause);
		if (rc == 0)
			chart->window = choice_window_centred(obj);
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
	rc = choice_hessian_chart(chart, obj, y, sp, cause);
out:
	sd_spectrum_free(sp);
	free(h);
	return rc;
}

/* ---- three points ----------------------------------------------------- */

/* The great sphere of span(p1, p2, p3), p1 at (0, 0); dependent points
 * are completed with coordinate directions. */
static int
choice_points_sphere(sd_chart *chart, size_t d, const double *const *p,
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
		return choice_points_sphere(chart, d, p, cause);
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
	chart->window = choice_window_fit(a, b, 3, 0);
	return 0;
}

/* ---- an optimizer's path ---------------------------------------------- */

/* c = Σ (x_i − ref)(x_i − ref)ᵀ over the n rows of path (ref may be
 * NULL: uncentred). */
static void
choice_scatter(const double *path, size_t n, size_t d, const double *ref,
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
choice_trajectory_sphere(sd_chart *chart, const double *last,
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
choice_trajectory_plane(sd_chart *chart, const double *path, size_t n,
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
	chart->window = choice_window_fit(a, b, n, 1e-3 * sqrt(eval[d - 1]));
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
	choice_scatter(path, n, d, sphere ? NULL : path + (n - 1) * d, c);
	if (sd_symm_eigen(c, d, eval, evec, NULL) != 0)
		rc = sd_fail(cause, "chart: trajectory: the path is not "
		    "finite");
	else if (sphere)
		rc = choice_trajectory_sphere(chart, path + (n - 1) * d, evec,
		    d, c, cause);
	else
		rc = choice_trajectory_plane(chart, path, n, d, eval, evec,
		    cause);
	free(c);
	return rc;
}

/* ---- parsing ---------------------------------------------------------- */

/* Parse one point "n1,n2,..." of 2 or dim numbers into choice point i. */
static int
choice_parse_point(const char *name, const char *text, size_t dim,
    sd_chart_choice *choice, size_t i, char **cause)
{
	size_t count = 1, k = 0;
	char *copy, *item, *next;
	const char *s;
	int rc = 0;

	for (s = text; *s != '\0'; s++)
		count += *s == ',';
	if ((count != 2 && count != dim) || count > SD_CHART_POINT_MAX) {
		return sd_fail(cause, "chart: %s: '%s' has %zu number%s: "
		    "expected a point as a,b (chart coordinates) or %zu full "
		    "coordinates x1,...,x%zu", name, text, count,
		    count == 1 ? "" : "s", dim, dim);
	}
	if ((copy = strdup(text)) == NULL)
		return sd_fail(cause, "out of memory");
	for (item = copy; item != NULL && rc == 0; item = next, k++) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		if (sd_number_parse(item, &choice->point[i][k]) != 0)
			rc = sd_fail(cause, "chart: %s: '%s' is not a number: "
			    "expected a point as a,b or x1,...,x%zu with finite "
			    "numbers such as 1,-0.5", name, item, dim);
	}
	choice->len[i] = count;
	free(copy);
	return rc;
}

/* "hessian:P". */
static int
choice_parse_hessian(const char *arg, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	return choice_parse_point("hessian", arg, dim, choice, 0, cause);
}

/* "points:P1;P2;P3". */
static int
choice_parse_points(const char *arg, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	char *copy, *item, *next;
	size_t i = 0;
	int rc = 0;

	if ((copy = strdup(arg)) == NULL)
		return sd_fail(cause, "out of memory");
	for (item = copy; item != NULL && rc == 0; item = next, i++) {
		if ((next = strchr(item, ';')) != NULL)
			*next++ = '\0';
		if (i == 3) {
			rc = sd_fail(cause, "chart: points: '%s' has more than "
			    "three points: expected P1;P2;P3", arg);
			break;
		}
		rc = choice_parse_point("points", item, dim, choice, i, cause);
	}
	if (rc == 0 && i < 3)
		rc = sd_fail(cause, "chart: points: '%s' has %zu point%s: "
		    "expected three, P1;P2;P3", arg, i, i == 1 ? "" : "s");
	free(copy);
	return rc;
}

/* "random" or "random:SEED". */
static int
choice_parse_random(const char *arg, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	double v;

	(void)dim;
	choice->seed = 1;
	if (arg == NULL)
		return 0;
	if (sd_number_parse(arg, &v) != 0 || v < 0 || v > 4294967295.0 ||
	    v != floor(v))
		return sd_fail(cause, "chart: random: '%s' is not a seed: "
		    "expected a whole number from 0 to 4294967295", arg);
	choice->seed = (unsigned long)v;
	return 0;
}

/* ---- building --------------------------------------------------------- */

/* The objective's own chart. */
static int
choice_build_default(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	(void)src;
	return sd_chart_init_default(chart, obj, cause);
}

/* Random directions through the current chart's (0, 0). */
static int
choice_build_random(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	return sd_chart_init_random(chart, obj, src->x, src->choice->seed,
	    cause);
}

/* The Hessian's extreme eigenvectors at the point. */
static int
choice_build_hessian(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	return sd_chart_init_hessian(chart, obj, src->x, cause);
}

/* The plane through the three points. */
static int
choice_build_points(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	size_t d = obj->dim;

	return sd_chart_init_points(chart, obj, src->x, src->x + d,
	    src->x + 2 * d, cause);
}

/* The plane of the path's principal components. */
static int
choice_build_trajectory(sd_chart *chart, const sd_objective *obj,
    const sd_chart_source *src, char **cause)
{
	return sd_chart_init_trajectory(chart, obj, src->path, src->n, cause);
}

/* ---- the table -------------------------------------------------------- */

static const sd_chart_choice_type choice_default = {
	.name = "default",
	.syntax = "default",
	.build = choice_build_default,
};

static const sd_chart_choice_type choice_random = {
	.name = "random",
	.syntax = "random[:SEED]",
	.arg = SD_CHART_ARG_OPTIONAL,
	.current = 1,
	.parse = choice_parse_random,
	.build = choice_build_random,
};

static const sd_chart_choice_type choice_hessian = {
	.name = "hessian",
	.syntax = "hessian:P",
	.arg = SD_CHART_ARG_NEEDED,
	.points = 1,
	.needs = "a point",
	.current = 1,
	.parse = choice_parse_hessian,
	.build = choice_build_hessian,
};

static const sd_chart_choice_type choice_points = {
	.name = "points",
	.syntax = "points:P1;P2;P3",
	.arg = SD_CHART_ARG_NEEDED,
	.points = 3,
	.needs = "three points",
	.current = 1,
	.parse = choice_parse_points,
	.build = choice_build_points,
};

static const sd_chart_choice_type choice_trajectory = {
	.name = "trajectory",
	.syntax = "trajectory",
	.path = 1,
	.build = choice_build_trajectory,
};

const sd_chart_choice_type *const sd_chart_choice_types[] = {
	&choice_default,
	&choice_random,
	&choice_hessian,
	&choice_points,
	&choice_trajectory,
	NULL
};

/* ---- parsing ---------------------------------------------------------- */

/* The choice called name (length len), or NULL. */
static const sd_chart_choice_type *
choice_lookup(const char *name, size_t len)
{
	const sd_chart_choice_type *const *t;

	for (t = sd_chart_choice_types; *t != NULL; t++) {
		if (strlen((*t)->name) == len &&
		    strncmp((*t)->name, name, len) == 0)
			return *t;
	}
	return NULL;
}

const sd_chart_choice_type *
sd_chart_choice_find(const char *name)
{
	return choice_lookup(name, strlen(name));
}

void
sd_chart_choice_list(int path, char *buf, size_t len)
{
	const sd_chart_choice_type *const *t;
	size_t n = 0, i = 0, at;

	for (t = sd_chart_choice_types; *t != NULL; t++)
		n += path || !(*t)->path;
	buf[0] = '\0';
	for (t = sd_chart_choice_types; *t != NULL; t++) {
		if (!path && (*t)->path)
			continue;
		at = strlen(buf);
		snprintf(buf + at, len - at, "%s%s", i == 0 ? "" :
		    i + 1 < n ? ", " : " or ", (*t)->syntax);
		i++;
	}
}

static int choice_fail(char **, const char *, ...)
    __attribute__((format(printf, 2, 3)));

/* Fail with "chart: WHAT: expected" and every choice. */
static int
choice_fail(char **cause, const char *fmt, ...)
{
	char list[256], *what;
	va_list ap;
	int rc;

	if (cause == NULL)
		return -1;
	va_start(ap, fmt);
	what = sd_vprintf(fmt, ap);
	va_end(ap);
	sd_chart_choice_list(1, list, sizeof list);
	rc = sd_fail(cause, "chart: %s: expected %s, where a point P is a,b "
	    "(chart coordinates) or x1,...,xd (full coordinates)",
	    what ? what : "?", list);
	free(what);
	return rc;
}

int
sd_chart_choice_parse(const char *text, size_t dim, sd_chart_choice *choice,
    char **cause)
{
	const sd_chart_choice_type *t;
	const char *colon, *arg;
	size_t len;

	memset(choice, 0, sizeof *choice);
	if (text == NULL || *text == '\0')
		return choice_fail(cause, "empty");
	colon = strchr(text, ':');
	len = colon ? (size_t)(colon - text) : strlen(text);
	arg = colon ? colon + 1 : NULL;
	if ((t = choice_lookup(text, len)) == NULL)
		return choice_fail(cause, "unknown chart '%.*s'", (int)len,
		    text);
	choice->type = t;
	choice->n_points = t->points;
	if (t->arg == SD_CHART_ARG_NONE && arg != NULL)
		return choice_fail(cause, "%s takes no argument, got '%s'",
		    t->name, arg);
	if (t->arg == SD_CHART_ARG_NEEDED && (arg == NULL || *arg == '\0'))
		return choice_fail(cause, "%s needs %s after ':'", t->name,
		    t->needs);
	if (t->parse == NULL)
		return 0;
	return t->parse(arg, dim, choice, cause);
}

/* ---- building the chosen chart ----------------------------------------- */

/* Point i of choice in full coordinates into x: chart coordinates are
 * lifted through ref; on a sphere the point is normalized. */
static int
choice_resolve(const sd_chart_choice *choice, size_t i,
    const sd_objective *obj, const sd_chart *ref, double *x, char **cause)
{
	if (choice->len[i] == 2)
		sd_chart_lift(ref, choice->point[i][0], choice->point[i][1], x);
	else
		memcpy(x, choice->point[i], obj->dim * sizeof *x);
	if (sd_objective_retract(obj, x) != 0)
		return sd_fail(cause, "chart: point %zu is 0, which is not on "
		    "the sphere", i + 1);
	return 0;
}

/* Build the chart of choice with ref as the current chart; x has room
 * for three points. */
static int
choice_build(sd_chart *chart, const sd_objective *obj,
    const sd_chart_choice *choice, const sd_chart *ref, const double *path,
    size_t n, double *x, char **cause)
{
	const sd_chart_source src = { choice, x, path, n };
	size_t i, d = obj->dim;

	if (choice->n_points == 0)
		sd_chart_lift(ref, 0, 0, x);
	for (i = 0; i < choice->n_points; i++) {
		if (choice_resolve(choice, i, obj, ref, x + i * d, cause) != 0)
			return -1;
	}
	return choice->type->build(chart, obj, &src, cause);
}

int
sd_chart_init_choice(sd_chart *chart, const sd_objective *obj,
    const sd_chart_choice *choice, const sd_chart *current,
    const double *path, size_t n, char **cause)
{
	sd_chart def;
	double *x;
	size_t i;
	int rc;

	for (i = 0; i < choice->n_points; i++) {
		if (choice->len[i] != 2 && choice->len[i] != obj->dim)
			return sd_fail(cause, "chart: point %zu has %zu "
			    "coordinates: expected 2 or %zu", i + 1,
			    choice->len[i], obj->dim);
	}
	if (!choice->type->current)
		return choice->type->build(chart, obj, &(const sd_chart_source){
		    choice, NULL, path, n }, cause);
	if (current == NULL) {
		if (sd_chart_init_default(&def, obj, cause) != 0)
			return -1;
		current = &def;
	}
	if ((x = malloc(3 * obj->dim * sizeof *x)) == NULL)
		rc = sd_fail(cause, "out of memory");
	else
		rc = choice_build(chart, obj, choice, current, path, n, x,
		    cause);
	free(x);
	if (current == &def)
		sd_chart_done(&def);
	return rc;
}

int
sd_chart_init_text(sd_chart *chart, const sd_objective *obj,
    const char *text, const sd_chart *current, const double *path, size_t n,
    char **cause)
{
	sd_chart_choice choice;

	if (sd_chart_choice_parse(text, obj->dim, &choice, cause) != 0)
		return -1;
	return sd_chart_init_choice(chart, obj, &choice, current, path, n,
	    cause);
}
