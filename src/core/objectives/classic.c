/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_classic.c: the classic two-dimensional landscapes of
 * DESIGN.md §4, each with its analytic gradient and Hessian.
 *
 * Hessians are row-major 2×2: h[0] = f_xx, h[1] = h[2] = f_xy, h[3] = f_yy.
 * Objectives with parameters keep their values in a small state that init
 * copies from the parsed parameter array. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/simd.h"
#include "objectives/objective.h"

/* Fill a symmetric 2×2 Hessian. */
static void
hess2(double *h, double xx, double xy, double yy)
{
	h[0] = xx;
	h[1] = xy;
	h[2] = xy;
	h[3] = yy;
}

/* name_fg_batch: f and ∇f at n points, structure of arrays (fg_batch in
 * objective.h), and name_fg2 at one point in registers (fg2), through
 * the scalar name_f and name_grad themselves: they inline, so one call
 * serves a block of points (or one point with no memory), the operations
 * are the very same, bit for bit, with no second copy of the formula, and
 * the loop over CLASSIC_LANES points, a constant, vectorizes at -O2 (GCC's
 * cheap cost model takes such loops; an `omp simd' loop would not do: it
 * keeps p and q as arrays in memory, one per lane). */
#define CLASSIC_LANES	8
#define CLASSIC_BATCH(name)						\
SD_LOOP_INLINE void							\
name##_fg_lanes(const void *restrict s, size_t m,			\
    const double *restrict x0, const double *restrict x1,		\
    double *restrict fo, double *restrict g0, double *restrict g1)	\
{									\
	size_t i;							\
									\
	for (i = 0; i < m; i++) {					\
		double p[2] = { x0[i], x1[i] }, q[2];			\
									\
		fo[i] = name##_f(s, p);					\
		name##_grad(s, p, q);					\
		g0[i] = q[0];						\
		g1[i] = q[1];						\
	}								\
}									\
									\
SD_SIMD_CLONES static void						\
name##_fg_batch(const void *s, size_t n, const double *const *x,	\
    double *f, double *const *g)					\
{									\
	size_t i = 0;							\
									\
	for (; i + CLASSIC_LANES <= n; i += CLASSIC_LANES)		\
		name##_fg_lanes(s, CLASSIC_LANES, x[0] + i, x[1] + i,	\
		    f + i, g[0] + i, g[1] + i);				\
	name##_fg_lanes(s, n - i, x[0] + i, x[1] + i, f + i, g[0] + i,	\
	    g[1] + i);							\
}									\
									\
SD_SCALAR static sd_pair						\
name##_fg2(const void *s, double x, double y, double *f)		\
{									\
	double p[2] = { x, y }, q[2];					\
									\
	*f = name##_f(s, p);						\
	name##_grad(s, p, q);						\
	return (sd_pair){ q[0], q[1] };					\
}

/* Copy the parameter values into the state (objectives whose state is
 * nothing but their parameters). */
static int
params_init(void *state, const double *params, size_t *dim, char **cause)
{
	(void)dim;
	(void)cause;
	memcpy(state, params, 2 * sizeof *params);
	return 0;
}

/* name_expression: the formula in sd_expr_compile's syntax (the type's
 * expression hook), for the objectives without parameters. */
#define CLASSIC_EXPRESSION(name, text)					\
static int								\
name##_expression(const void *s, char *buf, size_t size)		\
{									\
	(void)s;							\
	return snprintf(buf, size, "%s", text);				\
}

/* ---- himmelblau: (x²+y−11)² + (x+y²−7)² ------------------------------- */

static double
himmelblau_f(const void *s, const double *p)
{
	double a = p[0] * p[0] + p[1] - 11, b = p[0] + p[1] * p[1] - 7;

	(void)s;
	return a * a + b * b;
}

static void
himmelblau_grad(const void *s, const double *p, double *g)
{
	double x = p[0], y = p[1], a = x * x + y - 11, b = x + y * y - 7;

	(void)s;
	g[0] = 4 * x * a + 2 * b;
	g[1] = 2 * a + 4 * y * b;
}

static void
himmelblau_hess(const void *s, const double *p, double *h)
{
	double x = p[0], y = p[1], a = x * x + y - 11, b = x + y * y - 7;

	(void)s;
	hess2(h, 4 * a + 8 * x * x + 2, 4 * x + 4 * y, 2 + 4 * b + 8 * y * y);
}

CLASSIC_BATCH(himmelblau)

CLASSIC_EXPRESSION(himmelblau, "(x^2+y-11)^2 + (x+y^2-7)^2")

const sd_objective_type sd_objective_himmelblau = {
	.name = "himmelblau",
	.summary = "four global minima, four saddles, one maximum",
	.formula = "(x²+y−11)² + (x+y²−7)²",
	.dim = 2,
	.window = { -6, 6, -6, 6 },
	.f = himmelblau_f,
	.grad = himmelblau_grad,
	.hess = himmelblau_hess,
	.fg_batch = himmelblau_fg_batch,
	.fg2 = himmelblau_fg2,
	.expression = himmelblau_expression,
};

/* ---- rosenbrock: (a−x)² + b(y−x²)² ------------------------------------ */

static const sd_param rosenbrock_params[] = {
	{ "a", 1, -1e6, 1e6, 0, "the minimum is at (a, a²)" },
	{ "b", 100, 0, 1e6, 0, "steepness of the curved valley" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static double
rosenbrock_f(const void *s, const double *p)
{
	const double *k = s;
	double u = k[0] - p[0], v = p[1] - p[0] * p[0];

	return u * u + k[1] * v * v;
}

static void
rosenbrock_grad(const void *s, const double *p, double *g)
{
	const double *k = s;
	double x = p[0], v = p[1] - x * x;

	g[0] = -2 * (k[0] - x) - 4 * k[1] * x * v;
	g[1] = 2 * k[1] * v;
}

static void
rosenbrock_hess(const void *s, const double *p, double *h)
{
	const double *k = s;
	double x = p[0], y = p[1];

	hess2(h, 2 - 4 * k[1] * y + 12 * k[1] * x * x, -4 * k[1] * x,
	    2 * k[1]);
}

CLASSIC_BATCH(rosenbrock)

static int
rosenbrock_expression(const void *s, char *buf, size_t size)
{
	const double *k = s;

	return snprintf(buf, size, "(%.17g-x)^2 + %.17g*(y-x^2)^2", k[0],
	    k[1]);
}

const sd_objective_type sd_objective_rosenbrock = {
	.name = "rosenbrock",
	.summary = "a curved, badly conditioned valley (use log levels)",
	.formula = "(a−x)² + b(y−x²)²",
	.dim = 2,
	.window = { -2, 2, -1, 3 },
	.params = rosenbrock_params,
	.state_size = 2 * sizeof(double),
	.init = params_init,
	.f = rosenbrock_f,
	.grad = rosenbrock_grad,
	.hess = rosenbrock_hess,
	.fg_batch = rosenbrock_fg_batch,
	.fg2 = rosenbrock_fg2,
	.expression = rosenbrock_expression,
};

/* ---- camel6: (4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y² ------------------ */

static double
camel6_f(const void *s, const double *p)
{
	double x = p[0], y = p[1], x2 = x * x, y2 = y * y;

	(void)s;
	return (4 - 2.1 * x2 + x2 * x2 / 3) * x2 + x * y + (-4 + 4 * y2) * y2;
}

static void
camel6_grad(const void *s, const double *p, double *g)
{
	double x = p[0], y = p[1], x2 = x * x;

	(void)s;
	g[0] = 8 * x - 8.4 * x2 * x + 2 * x2 * x2 * x + y;
	g[1] = x - 8 * y + 16 * y * y * y;
}

static void
camel6_hess(const void *s, const double *p, double *h)
{
	double x2 = p[0] * p[0], y2 = p[1] * p[1];

	(void)s;
	hess2(h, 8 - 25.2 * x2 + 10 * x2 * x2, 1, -8 + 48 * y2);
}

CLASSIC_BATCH(camel6)

CLASSIC_EXPRESSION(camel6, "(4 - 2.1*x^2 + x^4/3)*x^2 + x*y + (-4 + 4*y^2)*y^2")

const sd_objective_type sd_objective_camel6 = {
	.name = "camel6",
	.summary = "six-hump camel: six minima, two of them global",
	.formula = "(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²",
	.dim = 2,
	.window = { -3, 3, -2, 2 },
	.f = camel6_f,
	.grad = camel6_grad,
	.hess = camel6_hess,
	.fg_batch = camel6_fg_batch,
	.fg2 = camel6_fg2,
	.expression = camel6_expression,
};

/* ---- beale: Σᵢ (cᵢ − x + xyⁱ)², c = (1.5, 2.25, 2.625) ---------------- */

static const double beale_c[3] = { 1.5, 2.25, 2.625 };

static double
beale_f(const void *s, const double *p)
{
	double x = p[0], y = p[1], yi = 1, r, sum = 0;
	int i;

	(void)s;
	for (i = 0; i < 3; i++) {
		yi *= y;
		r = beale_c[i] - x + x * yi;
		sum += r * r;
	}
	return sum;
}

static void
beale_grad(const void *s, const double *p, double *g)
{
	double x = p[0], y = p[1], yi = 1, yim1, r;
	int i;

	(void)s;
	g[0] = g[1] = 0;
	for (i = 1; i <= 3; i++) {
		yim1 = yi;		/* y^(i−1) */
		yi *= y;		/* y^i */
		r = beale_c[i - 1] - x + x * yi;
		g[0] += 2 * r * (yi - 1);
		g[1] += 2 * r * i * x * yim1;
	}
}

static void
beale_hess(const void *s, const double *p, double *h)
{
	double x = p[0], y = p[1], yi = 1, yim1, yim2, r, rx, ry;
	double xx = 0, xy = 0, yy = 0;
	int i;

	(void)s;
	for (i = 1; i <= 3; i++) {
		yim2 = i >= 2 ? (i == 2 ? 1 : y) : 0;	/* y^(i−2) */
		yim1 = yi;
		yi *= y;
		r = beale_c[i - 1] - x + x * yi;
		rx = yi - 1;			/* ∂r/∂x */
		ry = i * x * yim1;		/* ∂r/∂y */
		xx += 2 * rx * rx;
		xy += 2 * (ry * rx + r * i * yim1);
		yy += 2 * (ry * ry + r * i * (i - 1) * x * yim2);
	}
	hess2(h, xx, xy, yy);
}

CLASSIC_EXPRESSION(beale, "(1.5-x+x*y)^2 + (2.25-x+x*y^2)^2 + (2.625-x+x*y^3)^2")

const sd_objective_type sd_objective_beale = {
	.name = "beale",
	.summary = "sharp ridges; a saddle with eigenvalues near −0.78 and 868",
	.formula = "(1.5−x+xy)² + (2.25−x+xy²)² + (2.625−x+xy³)²",
	.dim = 2,
	.window = { -4.5, 4.5, -4.5, 4.5 },
	.f = beale_f,
	.grad = beale_grad,
	.hess = beale_hess,
	.expression = beale_expression,
};

/* ---- rastrigin: 2A + x² + y² − A(cos 2πx + cos 2πy) ------------------- */

static const sd_param rastrigin_params[] = {
	{ "A", 10, 0, 1e6, 0, "amplitude of the cosine ripples" },
	{ NULL, 0, 0, 0, 0, NULL }
};

static int
rastrigin_init(void *state, const double *params, size_t *dim, char **cause)
{
	(void)dim;
	(void)cause;
	memcpy(state, params, sizeof *params);
	return 0;
}

static double
rastrigin_f(const void *s, const double *p)
{
	double A = *(const double *)s, x = p[0], y = p[1];

	return 2 * A + x * x + y * y -
	    A * (cos(2 * M_PI * x) + cos(2 * M_PI * y));
}

static void
rastrigin_grad(const void *s, const double *p, double *g)
{
	double A = *(const double *)s;

	g[0] = 2 * p[0] + 2 * M_PI * A * sin(2 * M_PI * p[0]);
	g[1] = 2 * p[1] + 2 * M_PI * A * sin(2 * M_PI * p[1]);
}

static void
rastrigin_hess(const void *s, const double *p, double *h)
{
	double A = *(const double *)s, k = 4 * M_PI * M_PI * A;

	hess2(h, 2 + k * cos(2 * M_PI * p[0]), 0,
	    2 + k * cos(2 * M_PI * p[1]));
}

static int
rastrigin_expression(const void *s, char *buf, size_t size)
{
	double A = *(const double *)s;

	return snprintf(buf, size, "2*%.17g + x^2 + y^2 - %.17g*(cos(2*pi*x) "
	    "+ cos(2*pi*y))", A, A);
}

const sd_objective_type sd_objective_rastrigin = {
	.name = "rastrigin",
	.summary = "a bowl covered in ripples: hundreds of stationary points",
	.formula = "2A + x² + y² − A(cos 2πx + cos 2πy)",
	.dim = 2,
	.window = { -5.12, 5.12, -5.12, 5.12 },
	.params = rastrigin_params,
	.state_size = sizeof(double),
	.init = rastrigin_init,
	.f = rastrigin_f,
	.grad = rastrigin_grad,
	.hess = rastrigin_hess,
	.expression = rastrigin_expression,
};

/* ---- doublewell: (x²−1)² + y² ------------------------------------------ */

static double
doublewell_f(const void *s, const double *p)
{
	double u = p[0] * p[0] - 1;

	(void)s;
	return u * u + p[1] * p[1];
}

static void
doublewell_grad(const void *s, const double *p, double *g)
{
	(void)s;
	g[0] = 4 * p[0] * (p[0] * p[0] - 1);
	g[1] = 2 * p[1];
}

static void
doublewell_hess(const void *s, const double *p, double *h)
{
	(void)s;
	hess2(h, 12 * p[0] * p[0] - 4, 0, 2);
}

CLASSIC_BATCH(doublewell)

CLASSIC_EXPRESSION(doublewell, "(x^2-1)^2 + y^2")

const sd_objective_type sd_objective_doublewell = {
	.name = "doublewell",
	.summary = "two minima and the strict saddle between them",
	.formula = "(x²−1)² + y²",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = doublewell_f,
	.grad = doublewell_grad,
	.hess = doublewell_hess,
	.fg_batch = doublewell_fg_batch,
	.fg2 = doublewell_fg2,
	.expression = doublewell_expression,
};

/* ---- quadwell: (x²−1)² + (y²−1)² --------------------------------------- */

static double
quadwell_f(const void *s, const double *p)
{
	double u = p[0] * p[0] - 1, v = p[1] * p[1] - 1;

	(void)s;
	return u * u + v * v;
}

static void
quadwell_grad(const void *s, const double *p, double *g)
{
	(void)s;
	g[0] = 4 * p[0] * (p[0] * p[0] - 1);
	g[1] = 4 * p[1] * (p[1] * p[1] - 1);
}

static void
quadwell_hess(const void *s, const double *p, double *h)
{
	(void)s;
	hess2(h, 12 * p[0] * p[0] - 4, 0, 12 * p[1] * p[1] - 4);
}

CLASSIC_EXPRESSION(quadwell, "(x^2-1)^2 + (y^2-1)^2")

const sd_objective_type sd_objective_quadwell = {
	.name = "quadwell",
	.summary = "four minima, four saddles, a maximum at the origin",
	.formula = "(x²−1)² + (y²−1)²",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = quadwell_f,
	.grad = quadwell_grad,
	.hess = quadwell_hess,
	.expression = quadwell_expression,
};

/* ---- saddle: x² − y² --------------------------------------------------- */

static double
saddle_f(const void *s, const double *p)
{
	(void)s;
	return p[0] * p[0] - p[1] * p[1];
}

static void
saddle_grad(const void *s, const double *p, double *g)
{
	(void)s;
	g[0] = 2 * p[0];
	g[1] = -2 * p[1];
}

static void
saddle_hess(const void *s, const double *p, double *h)
{
	(void)s;
	(void)p;
	hess2(h, 2, 0, -2);
}

CLASSIC_EXPRESSION(saddle, "x^2 - y^2")

const sd_objective_type sd_objective_saddle = {
	.name = "saddle",
	.summary = "the textbook strict saddle",
	.formula = "x² − y²",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = saddle_f,
	.grad = saddle_grad,
	.hess = saddle_hess,
	.expression = saddle_expression,
};

/* ---- monkey: x³ − 3xy² ------------------------------------------------- */

static double
monkey_f(const void *s, const double *p)
{
	(void)s;
	return p[0] * p[0] * p[0] - 3 * p[0] * p[1] * p[1];
}

static void
monkey_grad(const void *s, const double *p, double *g)
{
	(void)s;
	g[0] = 3 * p[0] * p[0] - 3 * p[1] * p[1];
	g[1] = -6 * p[0] * p[1];
}

static void
monkey_hess(const void *s, const double *p, double *h)
{
	(void)s;
	hess2(h, 6 * p[0], -6 * p[1], -6 * p[0]);
}

CLASSIC_EXPRESSION(monkey, "x^3 - 3*x*y^2")

const sd_objective_type sd_objective_monkey = {
	.name = "monkey",
	.summary = "monkey saddle: three valleys, a degenerate saddle at 0",
	.formula = "x³ − 3xy²",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = monkey_f,
	.grad = monkey_grad,
	.hess = monkey_hess,
	.expression = monkey_expression,
};

/* ---- cubic: x² + y³ ---------------------------------------------------- */

static double
cubic_f(const void *s, const double *p)
{
	(void)s;
	return p[0] * p[0] + p[1] * p[1] * p[1];
}

static void
cubic_grad(const void *s, const double *p, double *g)
{
	(void)s;
	g[0] = 2 * p[0];
	g[1] = 3 * p[1] * p[1];
}

static void
cubic_hess(const void *s, const double *p, double *h)
{
	(void)s;
	hess2(h, 2, 0, 6 * p[1]);
}

CLASSIC_EXPRESSION(cubic, "x^2 + y^3")

const sd_objective_type sd_objective_cubic = {
	.name = "cubic",
	.summary = "the chapter's non-strict saddle: ∇²f(0) ⪰ 0 yet not a min",
	.formula = "x² + y³",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = cubic_f,
	.grad = cubic_grad,
	.hess = cubic_hess,
	.expression = cubic_expression,
};

/* ---- linnet: ½(1 − xy)² ------------------------------------------------ */

static double
linnet_f(const void *s, const double *p)
{
	double r = 1 - p[0] * p[1];

	(void)s;
	return 0.5 * r * r;
}

static void
linnet_grad(const void *s, const double *p, double *g)
{
	double r = 1 - p[0] * p[1];

	(void)s;
	g[0] = -p[1] * r;
	g[1] = -p[0] * r;
}

static void
linnet_hess(const void *s, const double *p, double *h)
{
	double x = p[0], y = p[1];

	(void)s;
	hess2(h, y * y, 2 * x * y - 1, x * x);
}

/* 0, reached on the whole of xy = 1. */
static double
linnet_fmin(const void *s)
{
	(void)s;
	return 0;
}

CLASSIC_EXPRESSION(linnet, "0.5*(1 - x*y)^2")

const sd_objective_type sd_objective_linnet = {
	.name = "linnet",
	.summary = "a scalar two-layer linear net: a curve of minima xy = 1",
	.formula = "½(1 − xy)²",
	.dim = 2,
	.window = { -2, 2, -2, 2 },
	.f = linnet_f,
	.grad = linnet_grad,
	.hess = linnet_hess,
	.fmin = linnet_fmin,
	.expression = linnet_expression,
};
