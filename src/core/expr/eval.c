/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eval.c: running compiled formulas (see expr.h, expr_impl.h).
 *
 * Two interpreters of the postfix code that compile.c emits: a value-only
 * one, per point or over a block of a grid row at a time (the dispatch is
 * paid once per block); and a forward-mode one on second-order hyper-dual
 * numbers (value, ∂x, ∂y, ∂xx, ∂xy, ∂yy), which gives the exact gradient
 * and Hessian, never finite differences. Both compute the value with the
 * same operations, so they agree bit for bit: a function over a block is
 * its vmath form, which gives the one-point bits (funcs.c). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/expr_impl.h"

/* ---- value-only evaluation -------------------------------------------- */

double
sd_expr_eval(const sd_expr *e, double x, double y)
{
	const struct instr *c = e->code, *end = c + e->n;
	double s[EXPR_STACK_MAX];
	int t = -1;

	/* An interpreter is the one place a switch ladder is the table. */
	for (; c < end; c++) {
		switch (c->op) {
		case OP_X:	s[++t] = x; break;
		case OP_Y:	s[++t] = y; break;
		case OP_CONST:	s[++t] = c->k; break;
		case OP_ADD:	t--; s[t] += s[t + 1]; break;
		case OP_SUB:	t--; s[t] -= s[t + 1]; break;
		case OP_MUL:	t--; s[t] *= s[t + 1]; break;
		case OP_DIV:	t--; s[t] /= s[t + 1]; break;
		case OP_POW:	t--; s[t] = expr_pow(s[t], s[t + 1]); break;
		case OP_NEG:	s[t] = -s[t]; break;
		case OP_ADDK:	s[t] += c->k; break;
		case OP_RSUBK:	s[t] = c->k - s[t]; break;
		case OP_MULK:	s[t] *= c->k; break;
		case OP_DIVK:	s[t] /= c->k; break;
		case OP_RDIVK:	s[t] = c->k / s[t]; break;
		case OP_POWI:	s[t] = expr_powi(s[t], c->n); break;
		case OP_POWK:	s[t] = sd_vm_pow(s[t], c->k); break;
		case OP_RPOWK:	s[t] = expr_pow(c->k, s[t]); break;
		case OP_FUNC:	s[t] = sd_expr_funcs[c->fn].f(s[t]); break;
		}
	}
	return s[0];
}

/* One block of m ≤ EXPR_BLOCK points (x[j], y[j·ys]): each instruction
 * runs over the whole block; ys = 0 is a row at one y. */
SD_SIMD_CLONES static void
eval_block(const sd_expr *e, const double *x, const double *y, size_t ys,
    size_t m, double *out)
{
	const struct instr *c = e->code, *end = c + e->n;
	_Alignas(64) double s[EXPR_STACK_MAX][EXPR_BLOCK];
	double *a = NULL, *b = NULL, k;
	double (*f)(double);
	size_t j;
	int t = -1;

	for (; c < end; c++) {
		k = c->k;
		if (c->op <= OP_CONST)
			a = s[++t];
		else if (c->op <= OP_POW) {
			a = s[--t];
			b = s[t + 1];
		} else
			a = s[t];
		switch (c->op) {
		case OP_X:	memcpy(a, x, m * sizeof *a); break;
		case OP_Y:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] = y[j * ys];
			break;
		case OP_CONST:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] = k;
			break;
		case OP_ADD:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] += b[j];
			break;
		case OP_SUB:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] -= b[j];
			break;
		case OP_MUL:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] *= b[j];
			break;
		case OP_DIV:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] /= b[j];
			break;
		case OP_POW:	expr_pow_block(a, b, a, m); break;
		case OP_NEG:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] = -a[j];
			break;
		case OP_ADDK:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] += k;
			break;
		case OP_RSUBK:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] = k - a[j];
			break;
		case OP_MULK:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] *= k;
			break;
		case OP_DIVK:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] /= k;
			break;
		case OP_RDIVK:
			SD_SIMD
			for (j = 0; j < m; j++)
				a[j] = k / a[j];
			break;
		case OP_POWI:	expr_powi_block(a, c->n, a, m); break;
		case OP_POWK:	sd_vm_powk_n(a, k, a, m); break;
		case OP_RPOWK:	expr_rpowk_block(k, a, a, m); break;
		case OP_FUNC:
			if (sd_expr_funcs[c->fn].vf != NULL) {
				sd_expr_funcs[c->fn].vf(a, a, m);
				break;
			}
			f = sd_expr_funcs[c->fn].f;
			for (j = 0; j < m; j++)
				a[j] = f(a[j]);
			break;
		}
	}
	memcpy(out, s[0], m * sizeof *out);
}

void
sd_expr_eval_grid(const sd_expr *e, const double *x, size_t n, double y,
    double *out)
{
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < EXPR_BLOCK ? n - i : EXPR_BLOCK;
		eval_block(e, x + i, &y, 0, m, out + i);
	}
}

void
sd_expr_eval_batch(const sd_expr *e, size_t n, const double *x,
    const double *y, double *out)
{
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < EXPR_BLOCK ? n - i : EXPR_BLOCK;
		eval_block(e, x + i, y + i, 1, m, out + i);
	}
}

/* ---- hyper-dual evaluation -------------------------------------------- */

/* A value with its exact first and second partial derivatives in x, y. */
typedef struct hd {
	double	v, x, y, xx, xy, yy;
} hd;

/* u ← φ(u) by the chain rule, given φ(u) = f, φ'(u) = d1, φ''(u) = d2. */
static void
hd_chain(hd *u, double f, double d1, double d2)
{
	u->xx = d1 * u->xx + d2 * u->x * u->x;
	u->xy = d1 * u->xy + d2 * u->x * u->y;
	u->yy = d1 * u->yy + d2 * u->y * u->y;
	u->x *= d1;
	u->y *= d1;
	u->v = f;
}

/* a ← a·b (Leibniz, to second order). */
static void
hd_mul(hd *a, const hd *b)
{
	a->xx = a->xx * b->v + 2 * a->x * b->x + a->v * b->xx;
	a->xy = a->xy * b->v + a->x * b->y + a->y * b->x + a->v * b->xy;
	a->yy = a->yy * b->v + 2 * a->y * b->y + a->v * b->yy;
	a->x = a->x * b->v + a->v * b->x;
	a->y = a->y * b->v + a->v * b->y;
	a->v *= b->v;
}

/* a ← q = a/b, from a = q·b differentiated twice. */
static void
hd_div(hd *a, const hd *b)
{
	double q = a->v / b->v, ib = 1 / b->v, qx, qy;

	qx = (a->x - q * b->x) * ib;
	qy = (a->y - q * b->y) * ib;
	a->xx = (a->xx - 2 * qx * b->x - q * b->xx) * ib;
	a->xy = (a->xy - qx * b->y - qy * b->x - q * b->xy) * ib;
	a->yy = (a->yy - 2 * qy * b->y - q * b->yy) * ib;
	a->x = qx;
	a->y = qy;
	a->v = q;
}

/* a ← a^b with both variable: the chain rule through the partials of
 * (a, b) ↦ a^b. */
static void
hd_pow(hd *a, const hd *b)
{
	double f = expr_pow(a->v, b->v), la = sd_vm_log(a->v), p1;
	double fa, fb, faa, fab, fbb;
	hd r;

	p1 = sd_vm_pow(a->v, b->v - 1);
	fa = b->v * p1;
	fb = f * la;
	faa = b->v * (b->v - 1) * sd_vm_pow(a->v, b->v - 2);
	fab = p1 * (1 + b->v * la);
	fbb = fb * la;
	r.v = f;
	r.x = fa * a->x + fb * b->x;
	r.y = fa * a->y + fb * b->y;
	r.xx = fa * a->xx + fb * b->xx + faa * a->x * a->x +
	    2 * fab * a->x * b->x + fbb * b->x * b->x;
	r.xy = fa * a->xy + fb * b->xy + faa * a->x * a->y +
	    fab * (a->x * b->y + a->y * b->x) + fbb * b->x * b->y;
	r.yy = fa * a->yy + fb * b->yy + faa * a->y * a->y +
	    2 * fab * a->y * b->y + fbb * b->y * b->y;
	*a = r;
}

/* u ← u^n, n a small integer. */
static void
hd_powi(hd *u, int n)
{
	hd_chain(u, expr_powi(u->v, n), n * expr_powi(u->v, n - 1),
	    (double)n * (n - 1) * expr_powi(u->v, n - 2));
}

/* u ← u^k, k a constant. */
static void
hd_powk(hd *u, double k)
{
	hd_chain(u, sd_vm_pow(u->v, k), k * sd_vm_pow(u->v, k - 1),
	    k * (k - 1) * sd_vm_pow(u->v, k - 2));
}

/* u ← k^u, k a constant. */
static void
hd_rpowk(hd *u, double k)
{
	double f = expr_pow(k, u->v), lk = log(k);

	hd_chain(u, f, f * lk, f * lk * lk);
}

/* u ← k/u, k a constant. */
static void
hd_rdivk(hd *u, double k)
{
	double f = k / u->v, d1 = -f / u->v;

	hd_chain(u, f, d1, -2 * d1 / u->v);
}

/* u ← u·k, every component. */
static void
hd_scale(hd *u, double k)
{
	u->v *= k;
	u->x *= k;
	u->y *= k;
	u->xx *= k;
	u->xy *= k;
	u->yy *= k;
}

/* u ← −u, every component. */
static void
hd_neg(hd *u)
{
	u->v = -u->v;
	u->x = -u->x;
	u->y = -u->y;
	u->xx = -u->xx;
	u->xy = -u->xy;
	u->yy = -u->yy;
}

/* u ← k − u, k a constant. */
static void
hd_rsubk(hd *u, double k)
{
	double v = u->v;

	hd_neg(u);
	u->v = k - v;
}

/* u ← u/k, every component (u.v exactly as the value path divides). */
static void
hd_divk(hd *u, double k)
{
	u->v /= k;
	u->x /= k;
	u->y /= k;
	u->xx /= k;
	u->xy /= k;
	u->yy /= k;
}

/* a ← a + sign·b, componentwise. */
static void
hd_add(hd *a, const hd *b, double sign)
{
	if (sign > 0)
		a->v += b->v;
	else
		a->v -= b->v;
	a->x += sign * b->x;
	a->y += sign * b->y;
	a->xx += sign * b->xx;
	a->xy += sign * b->xy;
	a->yy += sign * b->yy;
}

/* Apply function fn to u. */
static void
hd_func(hd *u, int fn)
{
	const struct expr_func *f = &sd_expr_funcs[fn];
	double fu = f->f(u->v), d1, d2;

	f->d(u->v, fu, &d1, &d2);
	hd_chain(u, fu, d1, d2);
}

void
sd_expr_eval2(const sd_expr *e, double x, double y, double *f, double g[2],
    double h[4])
{
	const struct instr *c = e->code, *end = c + e->n;
	hd s[EXPR_STACK_MAX], *u;
	int t = -1;

	for (; c < end; c++) {
		if (c->op <= OP_CONST) {
			u = &s[++t];
			*u = (hd){ .v = c->op == OP_X ? x :
			    c->op == OP_Y ? y : c->k,
			    .x = c->op == OP_X, .y = c->op == OP_Y };
			continue;
		}
		if (c->op <= OP_POW)
			t--;
		u = &s[t];
		switch (c->op) {
		case OP_ADD:	hd_add(u, u + 1, 1); break;
		case OP_SUB:	hd_add(u, u + 1, -1); break;
		case OP_MUL:	hd_mul(u, u + 1); break;
		case OP_DIV:	hd_div(u, u + 1); break;
		case OP_POW:	hd_pow(u, u + 1); break;
		case OP_NEG:	hd_neg(u); break;
		case OP_ADDK:	u->v += c->k; break;
		case OP_RSUBK:	hd_rsubk(u, c->k); break;
		case OP_MULK:	hd_scale(u, c->k); break;
		case OP_DIVK:	hd_divk(u, c->k); break;
		case OP_RDIVK:	hd_rdivk(u, c->k); break;
		case OP_POWI:	hd_powi(u, c->n); break;
		case OP_POWK:	hd_powk(u, c->k); break;
		case OP_RPOWK:	hd_rpowk(u, c->k); break;
		case OP_FUNC:	hd_func(u, c->fn); break;
		}
	}
	/* A NaN never turns back into a number on its way up (expr_pow
	 * sees to that), so an undefined value is undefined at the top:
	 * derivatives computed through it (log' at −1 is −1) mean nothing. */
	if (isnan(s[0].v))
		s[0].x = s[0].y = s[0].xx = s[0].xy = s[0].yy = NAN;
	if (f != NULL)
		*f = s[0].v;
	if (g != NULL) {
		g[0] = s[0].x;
		g[1] = s[0].y;
	}
	if (h != NULL) {
		h[0] = s[0].xx;
		h[1] = h[2] = s[0].xy;
		h[3] = s[0].yy;
	}
}
