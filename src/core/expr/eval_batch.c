/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eval_batch.c: a formula and its gradient at many points at once (see
 * expr.h): the first-order part of eval.c's hyper-dual interpreter, run
 * one instruction over a whole block of points, so that the dispatch is
 * paid once per instruction per block, not per point. Every component is
 * the very expression eval.c computes for it (the second-order parts,
 * which the first-order ones never read, are left out), in the same
 * order, so the value, ∂x and ∂y agree bit for bit with sd_expr_eval2.
 *
 * A stack slot is three rows (value, ∂x, ∂y) of EXPR_BATCH points. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "expr/expr.h"
#include "expr/expr_impl.h"

#define EXPR_BATCH	16	/* points per block */

/* A stack of duals in rows: v[t][j], x[t][j], y[t][j]. */
struct dual_stack {
	double	v[EXPR_STACK_MAX][EXPR_BATCH];
	double	x[EXPR_STACK_MAX][EXPR_BATCH];
	double	y[EXPR_STACK_MAX][EXPR_BATCH];
};

/* Push x, y or the constant k (hd's seeds: ∂x x = 1, ∂y y = 1). */
static void
dual_push(struct dual_stack *s, int t, const struct instr *c,
    const double *px, const double *py, size_t m)
{
	size_t j;

	for (j = 0; j < m; j++) {
		s->v[t][j] = c->op == OP_X ? px[j] : c->op == OP_Y ? py[j] :
		    c->k;
		s->x[t][j] = c->op == OP_X;
		s->y[t][j] = c->op == OP_Y;
	}
}

/* Slot a ← a + sign·b (hd_add). */
static void
dual_add(struct dual_stack *s, int a, double sign, size_t m)
{
	size_t j;

	for (j = 0; j < m; j++) {
		if (sign > 0)
			s->v[a][j] += s->v[a + 1][j];
		else
			s->v[a][j] -= s->v[a + 1][j];
		s->x[a][j] += sign * s->x[a + 1][j];
		s->y[a][j] += sign * s->y[a + 1][j];
	}
}

/* Slot a ← a·b (hd_mul). */
static void
dual_mul(struct dual_stack *s, int a, size_t m)
{
	double *av = s->v[a], *ax = s->x[a], *ay = s->y[a];
	const double *bv = s->v[a + 1], *bx = s->x[a + 1], *by = s->y[a + 1];
	size_t j;

	for (j = 0; j < m; j++) {
		ax[j] = ax[j] * bv[j] + av[j] * bx[j];
		ay[j] = ay[j] * bv[j] + av[j] * by[j];
		av[j] *= bv[j];
	}
}

/* Slot a ← a/b (hd_div). */
static void
dual_div(struct dual_stack *s, int a, size_t m)
{
	double *av = s->v[a], *ax = s->x[a], *ay = s->y[a], q, ib;
	const double *bv = s->v[a + 1], *bx = s->x[a + 1], *by = s->y[a + 1];
	size_t j;

	for (j = 0; j < m; j++) {
		q = av[j] / bv[j];
		ib = 1 / bv[j];
		ax[j] = (ax[j] - q * bx[j]) * ib;
		ay[j] = (ay[j] - q * by[j]) * ib;
		av[j] = q;
	}
}

/* Slot a ← a^b, both variable (hd_pow). */
static void
dual_pow(struct dual_stack *s, int a, size_t m)
{
	double *av = s->v[a], *ax = s->x[a], *ay = s->y[a], f, fa, fb;
	const double *bv = s->v[a + 1], *bx = s->x[a + 1], *by = s->y[a + 1];
	size_t j;

	for (j = 0; j < m; j++) {
		f = expr_pow(av[j], bv[j]);
		fa = bv[j] * pow(av[j], bv[j] - 1);
		fb = f * log(av[j]);
		ax[j] = fa * ax[j] + fb * bx[j];
		ay[j] = fa * ay[j] + fb * by[j];
		av[j] = f;
	}
}

/* Slot u ← φ(u) given f = φ(u) and d1 = φ'(u) in rows (hd_chain). */
static void
dual_chain(struct dual_stack *s, int u, const double *f, const double *d1,
    size_t m)
{
	size_t j;

	for (j = 0; j < m; j++) {
		s->x[u][j] *= d1[j];
		s->y[u][j] *= d1[j];
		s->v[u][j] = f[j];
	}
}

/* f and φ' of a one-argument instruction at each point of slot u: the
 * values hd_powi, hd_powk, hd_rpowk, hd_rdivk and hd_func hand to
 * hd_chain. */
static void
dual_unary_d(const struct dual_stack *s, int u, const struct instr *c,
    double *f, double *d1, size_t m)
{
	const struct expr_func *fn = &sd_expr_funcs[c->fn];
	const double *v = s->v[u];
	double k = c->k, d2;
	size_t j;

	if (c->op == OP_FUNC && fn->vfd != NULL) {
		fn->vfd(v, f, d1, m);
		return;
	}
	for (j = 0; j < m; j++) {
		switch (c->op) {
		case OP_POWI:
			f[j] = expr_powi(v[j], c->n);
			d1[j] = c->n * expr_powi(v[j], c->n - 1);
			break;
		case OP_POWK:
			f[j] = pow(v[j], k);
			d1[j] = k * pow(v[j], k - 1);
			break;
		case OP_RPOWK:
			f[j] = expr_pow(k, v[j]);
			d1[j] = f[j] * log(k);
			break;
		case OP_RDIVK:
			f[j] = k / v[j];
			d1[j] = -f[j] / v[j];
			break;
		default:	/* OP_FUNC */
			f[j] = fn->f(v[j]);
			fn->d(v[j], f[j], &d1[j], &d2);
			break;
		}
	}
}

/* Slot u scaled, negated or shifted by k, every component as eval.c's
 * hd_scale, hd_divk, hd_neg, hd_rsubk and the OP_ADDK case do. */
static void
dual_linear(struct dual_stack *s, int u, const struct instr *c, size_t m)
{
	double *v = s->v[u], *x = s->x[u], *y = s->y[u], k = c->k, w;
	size_t j;

	for (j = 0; j < m; j++) {
		switch (c->op) {
		case OP_ADDK:
			v[j] += k;
			break;
		case OP_MULK:
			v[j] *= k;
			x[j] *= k;
			y[j] *= k;
			break;
		case OP_DIVK:
			v[j] /= k;
			x[j] /= k;
			y[j] /= k;
			break;
		default:	/* OP_NEG, OP_RSUBK */
			w = v[j];
			v[j] = -w;
			x[j] = -x[j];
			y[j] = -y[j];
			if (c->op == OP_RSUBK)
				v[j] = k - w;
			break;
		}
	}
}

/* One block of m ≤ EXPR_BATCH points. */
static void
dual_block(const sd_expr *e, struct dual_stack *s, const double *px,
    const double *py, size_t m, double *f, double *gx, double *gy)
{
	const struct instr *c = e->code, *end = c + e->n;
	double fu[EXPR_BATCH], d1[EXPR_BATCH];
	size_t j;
	int t = -1;

	for (; c < end; c++) {
		if (c->op <= OP_CONST) {
			dual_push(s, ++t, c, px, py, m);
			continue;
		}
		if (c->op <= OP_POW)
			t--;
		switch (c->op) {
		case OP_ADD:	dual_add(s, t, 1, m); break;
		case OP_SUB:	dual_add(s, t, -1, m); break;
		case OP_MUL:	dual_mul(s, t, m); break;
		case OP_DIV:	dual_div(s, t, m); break;
		case OP_POW:	dual_pow(s, t, m); break;
		case OP_POWI: case OP_POWK: case OP_RPOWK: case OP_RDIVK:
		case OP_FUNC:
			dual_unary_d(s, t, c, fu, d1, m);
			dual_chain(s, t, fu, d1, m);
			break;
		default:	dual_linear(s, t, c, m); break;
		}
	}
	for (j = 0; j < m; j++) {
		f[j] = s->v[0][j];
		/* As sd_expr_eval2: no derivative through an undefined
		 * value. */
		gx[j] = isnan(f[j]) ? NAN : s->x[0][j];
		gy[j] = isnan(f[j]) ? NAN : s->y[0][j];
	}
}

void
sd_expr_eval_fg_batch(const sd_expr *e, size_t n, const double *x,
    const double *y, double *f, double *gx, double *gy)
{
	struct dual_stack s;
	size_t i, m;

	for (i = 0; i < n; i += m) {
		m = n - i < EXPR_BATCH ? n - i : EXPR_BATCH;
		dual_block(e, &s, x + i, y + i, m, f + i, gx + i, gy + i);
	}
}
