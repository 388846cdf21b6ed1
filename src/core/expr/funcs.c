/* SPDX-License-Identifier: GPL-3.0-or-later */
/* funcs.c: the functions formulas may call (see expr_impl.h): each with
 * its first and second derivatives for the hyper-dual interpreter, its
 * interval enclosures (eval_box.c) and, where vmath has it, its form
 * over a block of points. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "base/simd.h"
#include "base/vmath.h"
#include "expr/expr_impl.h"

/* ---- derivatives -------------------------------------------------------- */

/* sin' = cos, sin'' = −sin. */
static void
d_sin(double u, double fu, double *d1, double *d2)
{
	*d1 = sd_vm_cos(u);
	*d2 = -fu;
}

/* cos' = −sin, cos'' = −cos. */
static void
d_cos(double u, double fu, double *d1, double *d2)
{
	*d1 = -sd_vm_sin(u);
	*d2 = -fu;
}

/* tan' = 1 + tan², tan'' = 2 tan (1 + tan²). */
static void
d_tan(double u, double fu, double *d1, double *d2)
{
	(void)u;
	*d1 = 1 + fu * fu;
	*d2 = 2 * fu * *d1;
}

/* asin' = 1/√(1−u²), asin'' = u/(1−u²)^(3/2). */
static void
d_asin(double u, double fu, double *d1, double *d2)
{
	double t = 1 - u * u;

	(void)fu;
	*d1 = 1 / sqrt(t);
	*d2 = u * *d1 / t;
}

/* acos' = −1/√(1−u²), acos'' = −u/(1−u²)^(3/2). */
static void
d_acos(double u, double fu, double *d1, double *d2)
{
	double t = 1 - u * u;

	(void)fu;
	*d1 = -1 / sqrt(t);
	*d2 = u * *d1 / t;
}

/* atan' = 1/(1+u²), atan'' = −2u/(1+u²)². */
static void
d_atan(double u, double fu, double *d1, double *d2)
{
	(void)fu;
	*d1 = 1 / (1 + u * u);
	*d2 = -2 * u * *d1 * *d1;
}

/* sinh' = cosh, sinh'' = sinh. */
static void
d_sinh(double u, double fu, double *d1, double *d2)
{
	*d1 = cosh(u);
	*d2 = fu;
}

/* cosh' = sinh, cosh'' = cosh. */
static void
d_cosh(double u, double fu, double *d1, double *d2)
{
	*d1 = sinh(u);
	*d2 = fu;
}

/* tanh' = 1 − tanh², tanh'' = −2 tanh (1 − tanh²). */
static void
d_tanh(double u, double fu, double *d1, double *d2)
{
	(void)u;
	*d1 = 1 - fu * fu;
	*d2 = -2 * fu * *d1;
}

/* exp' = exp'' = exp. */
static void
d_exp(double u, double fu, double *d1, double *d2)
{
	(void)u;
	*d1 = fu;
	*d2 = fu;
}

/* log' = 1/u, log'' = −1/u². */
static void
d_log(double u, double fu, double *d1, double *d2)
{
	(void)fu;
	*d1 = 1 / u;
	*d2 = -*d1 * *d1;
}

/* sqrt' = 1/(2√u), sqrt'' = −1/(4u√u). */
static void
d_sqrt(double u, double fu, double *d1, double *d2)
{
	*d1 = 0.5 / fu;
	*d2 = -*d1 / (2 * u);
}

/* abs' = sign, abs'' = 0; at 0 the subgradient 0, which keeps |x| + y²
 * finite there. */
static void
d_abs(double u, double fu, double *d1, double *d2)
{
	(void)fu;
	*d1 = (u > 0) - (u < 0);
	*d2 = 0;
}

/* ---- over a block: the values, and the values with φ' ------------------ */

/* Each gives, point by point, the bits of the scalar f and of d's d1. */

static void
fd_sin(const double *u, double *f, double *d1, size_t m)
{
	sd_vm_sincos_n(u, f, d1, m);
}

static void
fd_cos(const double *u, double *f, double *d1, size_t m)
{
	size_t j;

	sd_vm_sincos_n(u, d1, f, m);
	SD_SIMD
	for (j = 0; j < m; j++)
		d1[j] = -d1[j];
}

static void
fd_exp(const double *u, double *f, double *d1, size_t m)
{
	sd_vm_exp_n(u, f, m);
	memcpy(d1, f, m * sizeof *d1);
}

/* d1[j] = 1/w[j] (d1 may be w). */
static void
recip(const double *w, double *d1, size_t m)
{
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++)
		d1[j] = 1 / w[j];
}

static void
fd_log(const double *u, double *f, double *d1, size_t m)
{
	sd_vm_log_n(u, f, m);
	recip(u, d1, m);
}

/* φ' from φ = vf(u) as 1 + sign·φ²: tan' = 1 + tan², tanh' = 1 − tanh²
 * (d_tan's and d_tanh's bits: (−1)·φ² is −(φ²) exactly). */
static void
fd_square(expr_block *vf, double sign, const double *u, double *f,
    double *d1, size_t m)
{
	size_t j;

	vf(u, f, m);
	SD_SIMD
	for (j = 0; j < m; j++)
		d1[j] = 1 + sign * (f[j] * f[j]);
}

static void
fd_tan(const double *u, double *f, double *d1, size_t m)
{
	fd_square(sd_vm_tan_n, 1, u, f, d1, m);
}

static void
fd_tanh(const double *u, double *f, double *d1, size_t m)
{
	fd_square(sd_vm_tanh_n, -1, u, f, d1, m);
}

/* atan' = 1/(1 + u²), d_atan's. */
static void
fd_atan(const double *u, double *f, double *d1, size_t m)
{
	size_t j;

	sd_vm_atan_n(u, f, m);
	SD_SIMD
	for (j = 0; j < m; j++)
		d1[j] = 1 + u[j] * u[j];
	recip(d1, d1, m);
}

/* sin, cos, tan, atan, tanh, exp and log are vmath's, so that a block
 * computes them on vector lanes with the bits of the one-point
 * interpreters; the others are libm's, one point at a time in every
 * interpreter. */
const struct expr_func sd_expr_funcs[] = {
	{ "sin", sd_vm_sin, d_sin, sd_expr_iv_sin, sd_vm_sin_n, fd_sin,
	    TRIG_SIN },
	{ "cos", sd_vm_cos, d_cos, sd_expr_iv_cos, sd_vm_cos_n, fd_cos,
	    TRIG_COS },
	{ "tan", sd_vm_tan, d_tan, sd_expr_iv_tan, sd_vm_tan_n, fd_tan,
	    TRIG_NONE },
	{ "asin", asin, d_asin, sd_expr_iv_asin, NULL, NULL, TRIG_NONE },
	{ "acos", acos, d_acos, sd_expr_iv_acos, NULL, NULL, TRIG_NONE },
	{ "atan", sd_vm_atan, d_atan, sd_expr_iv_atan, sd_vm_atan_n, fd_atan,
	    TRIG_NONE },
	{ "sinh", sinh, d_sinh, sd_expr_iv_sinh, NULL, NULL, TRIG_NONE },
	{ "cosh", cosh, d_cosh, sd_expr_iv_cosh, NULL, NULL, TRIG_NONE },
	{ "tanh", sd_vm_tanh, d_tanh, sd_expr_iv_tanh, sd_vm_tanh_n, fd_tanh,
	    TRIG_NONE },
	{ "exp", sd_vm_exp, d_exp, sd_expr_iv_exp, sd_vm_exp_n, fd_exp,
	    TRIG_NONE },
	{ "log", sd_vm_log, d_log, sd_expr_iv_log, sd_vm_log_n, fd_log,
	    TRIG_NONE },
	{ "sqrt", sqrt, d_sqrt, sd_expr_iv_sqrt, NULL, NULL, TRIG_NONE },
	{ "abs", fabs, d_abs, sd_expr_iv_abs, NULL, NULL, TRIG_NONE },
	{ NULL, NULL, NULL, NULL, NULL, NULL, TRIG_NONE }
};
