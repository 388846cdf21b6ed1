/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eval_batch.c: a formula and its gradient at many points at once (see
 * expr.h): the first-order part of eval.c's hyper-dual interpreter, run
 * one instruction over a whole block of points, so that the dispatch is
 * paid once per instruction per block, not per point. Every component is
 * the very expression eval.c computes for it (the second-order parts,
 * which the first-order ones never read, are left out), in the same
 * order, so the value, ∂x and ∂y agree bit for bit with sd_expr_eval2.
 *
 * A stack slot is three rows (value, ∂x, ∂y) of EXPR_BATCH points. The
 * rows' loops are on vector lanes (SD_SIMD, and a clone of the
 * interpreter per target): every operation is the one eval.c does, with
 * contraction off, so the lanes give eval.c's bits; sin, cos, exp and
 * log are vmath's forms over the block (funcs.c). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "base/simd.h"
#include "expr/expr.h"
#include "expr/expr_impl.h"

#define EXPR_BATCH	EXPR_BLOCK	/* points per block */

/* A slot of the stack: a dual in rows, v[j], x[j], y[j], on a cache
 * line's boundary; the three rows of a slot are adjacent (rows 32 KB
 * apart would alias in the low 12 bits of their addresses, and the
 * processor would take each store for one to the next row's load). */
struct dual_slot {
	_Alignas(64) double	v[EXPR_BATCH];
	double			x[EXPR_BATCH];
	double			y[EXPR_BATCH];
};

struct dual_stack {
	struct dual_slot	slot[EXPR_STACK_MAX];
};

/* Push x, y or the constant k (hd's seeds: ∂x x = 1, ∂y y = 1). */
SD_LOOP_INLINE void
dual_push(struct dual_stack *s, int t, const struct instr *c,
    const double *px, const double *py, size_t m)
{
	double dx = c->op == OP_X, dy = c->op == OP_Y, k = c->k;
	size_t j;

	if (c->op == OP_X)
		memcpy(s->slot[t].v, px, m * sizeof *px);
	else if (c->op == OP_Y)
		memcpy(s->slot[t].v, py, m * sizeof *py);
	else {
		SD_SIMD
		for (j = 0; j < m; j++)
			s->slot[t].v[j] = k;
	}
	SD_SIMD
	for (j = 0; j < m; j++) {
		s->slot[t].x[j] = dx;
		s->slot[t].y[j] = dy;
	}
}

/* Slot a ← a + sign·b (hd_add). */
SD_LOOP_INLINE void
dual_add(struct dual_stack *s, int a, double sign, size_t m)
{
	struct dual_slot *p = &s->slot[a];
	const struct dual_slot *q = p + 1;
	double *av = p->v, *ax = p->x, *ay = p->y;
	const double *bv = q->v, *bx = q->x, *by = q->y;
	size_t j;

	if (sign > 0) {
		SD_SIMD
		for (j = 0; j < m; j++)
			av[j] += bv[j];
	} else {
		SD_SIMD
		for (j = 0; j < m; j++)
			av[j] -= bv[j];
	}
	SD_SIMD
	for (j = 0; j < m; j++) {
		ax[j] += sign * bx[j];
		ay[j] += sign * by[j];
	}
}

/* Slot a ← a·b (hd_mul). */
SD_LOOP_INLINE void
dual_mul(struct dual_stack *s, int a, size_t m)
{
	struct dual_slot *p = &s->slot[a];
	const struct dual_slot *q = p + 1;
	double *av = p->v, *ax = p->x, *ay = p->y;
	const double *bv = q->v, *bx = q->x, *by = q->y;
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++) {
		ax[j] = ax[j] * bv[j] + av[j] * bx[j];
		ay[j] = ay[j] * bv[j] + av[j] * by[j];
		av[j] *= bv[j];
	}
}

/* Slot a ← a/b (hd_div). */
SD_LOOP_INLINE void
dual_div(struct dual_stack *s, int a, size_t m)
{
	struct dual_slot *p = &s->slot[a];
	double *av = p->v, *ax = p->x, *ay = p->y, q, ib;
	const double *bv = p[1].v, *bx = p[1].x, *by = p[1].y;
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++) {
		q = av[j] / bv[j];
		ib = 1 / bv[j];
		ax[j] = (ax[j] - q * bx[j]) * ib;
		ay[j] = (ay[j] - q * by[j]) * ib;
		av[j] = q;
	}
}

/* Slot a ← a^b, both variable (hd_pow). */
SD_LOOP_INLINE void
dual_pow(struct dual_stack *s, int a, size_t m)
{
	struct dual_slot *p = &s->slot[a];
	double *av = p->v, *ax = p->x, *ay = p->y, f, fa, fb;
	const double *bv = p[1].v, *bx = p[1].x, *by = p[1].y;
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
SD_LOOP_INLINE void
dual_chain(struct dual_stack *s, int u, const double *f, const double *d1,
    size_t m)
{
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++) {
		s->slot[u].x[j] *= d1[j];
		s->slot[u].y[j] *= d1[j];
		s->slot[u].v[j] = f[j];
	}
}

/* f and φ' of a one-argument instruction at each point of slot u: the
 * values hd_powi, hd_powk, hd_rpowk, hd_rdivk and hd_func hand to
 * hd_chain. */
SD_LOOP_INLINE void
dual_unary_d(const struct dual_stack *s, int u, const struct instr *c,
    double *f, double *d1, size_t m)
{
	const struct expr_func *fn = &sd_expr_funcs[c->fn];
	const double *v = s->slot[u].v;
	double k = c->k, d2;
	size_t j;
	int n = c->n;

	switch (c->op) {
	case OP_POWI:
		expr_powi_block(v, n, f, m);
		expr_powi_block(v, n - 1, d1, m);
		SD_SIMD
		for (j = 0; j < m; j++)
			d1[j] *= n;
		break;
	case OP_POWK:
		for (j = 0; j < m; j++) {
			f[j] = pow(v[j], k);
			d1[j] = k * pow(v[j], k - 1);
		}
		break;
	case OP_RPOWK:
		for (j = 0; j < m; j++) {
			f[j] = expr_pow(k, v[j]);
			d1[j] = f[j] * log(k);
		}
		break;
	case OP_RDIVK:
		SD_SIMD
		for (j = 0; j < m; j++) {
			f[j] = k / v[j];
			d1[j] = -f[j] / v[j];
		}
		break;
	default:	/* OP_FUNC */
		if (fn->vfd != NULL) {
			fn->vfd(v, f, d1, m);
			break;
		}
		for (j = 0; j < m; j++) {
			f[j] = fn->f(v[j]);
			fn->d(v[j], f[j], &d1[j], &d2);
		}
		break;
	}
}

/* Slot u scaled, negated or shifted by k, every component as eval.c's
 * hd_scale, hd_divk, hd_neg, hd_rsubk and the OP_ADDK case do. */
SD_LOOP_INLINE void
dual_linear(struct dual_stack *s, int u, const struct instr *c, size_t m)
{
	struct dual_slot *p = &s->slot[u];
	double *v = p->v, *x = p->x, *y = p->y, k = c->k;
	size_t j;

	switch (c->op) {
	case OP_ADDK:
		SD_SIMD
		for (j = 0; j < m; j++)
			v[j] += k;
		break;
	case OP_MULK:
		SD_SIMD
		for (j = 0; j < m; j++) {
			v[j] *= k;
			x[j] *= k;
			y[j] *= k;
		}
		break;
	case OP_DIVK:
		SD_SIMD
		for (j = 0; j < m; j++) {
			v[j] /= k;
			x[j] /= k;
			y[j] /= k;
		}
		break;
	default:	/* OP_NEG, OP_RSUBK */
		SD_SIMD
		for (j = 0; j < m; j++) {
			v[j] = c->op == OP_RSUBK ? k - v[j] : -v[j];
			x[j] = -x[j];
			y[j] = -y[j];
		}
		break;
	}
}

/* One block of m ≤ EXPR_BATCH points, compiled for each target. */
SD_SIMD_CLONES static void
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
	SD_SIMD
	for (j = 0; j < m; j++) {
		f[j] = s->slot[0].v[j];
		/* As sd_expr_eval2: no derivative through an undefined
		 * value. */
		gx[j] = isnan(f[j]) ? NAN : s->slot[0].x[j];
		gy[j] = isnan(f[j]) ? NAN : s->slot[0].y[j];
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
