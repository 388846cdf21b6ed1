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
#include "base/vmath_kernel.h"
#include "expr/expr.h"
#include "expr/expr_impl.h"

/* A slot of the stack: a dual in rows, v[j], x[j], y[j], on a cache
 * line's boundary; the three rows of a slot are adjacent (rows 32 KB
 * apart would alias in the low 12 bits of their addresses, and the
 * processor would take each store for one to the next row's load). */
struct dual_slot {
	_Alignas(64) double	v[EXPR_BATCH];
	double			x[EXPR_BATCH];
	double			y[EXPR_BATCH];
};

/* A slot's ∂x and ∂y while they are one number at every point: after a
 * push, and through the linear operations after it, which do to the two
 * numbers what they would do to each point's (the same operations, so
 * the same bits). The rows are written only when an operation needs
 * them: the interpreter is bound by its stores to the rows, and this
 * saves two of the three for every push and every scaling of one. */
struct dual_seed {
	int	on;	/* x and y below are the rows' values */
	double	x, y;
};

/* Each slot's value row is read from val[t]: its own v, or the caller's
 * x or y itself after a push of x or y, which so costs no copy. Every
 * operation writes its result to the slot's own rows. */
struct dual_stack {
	struct dual_slot	slot[EXPR_STACK_MAX];
	struct dual_seed	seed[EXPR_STACK_MAX];
	const double		*val[EXPR_STACK_MAX];
};

/* Push x, y or the constant k (hd's seeds: ∂x x = 1, ∂y y = 1). */
SD_LOOP_INLINE void
dual_push(struct dual_stack *s, int t, const struct instr *c,
    const double *px, const double *py, size_t m)
{
	double k = c->k;
	size_t j;

	if (c->op == OP_X)
		s->val[t] = px;
	else if (c->op == OP_Y)
		s->val[t] = py;
	else {
		SD_SIMD
		for (j = 0; j < m; j++)
			s->slot[t].v[j] = k;
		s->val[t] = s->slot[t].v;
	}
	s->seed[t] = (struct dual_seed){ 1, c->op == OP_X, c->op == OP_Y };
}

/* Slot t's ∂x and ∂y rows written, if they were still a seed. */
SD_LOOP_INLINE void
dual_fill(struct dual_stack *s, int t, size_t m)
{
	struct dual_seed *d = &s->seed[t];
	size_t j;

	if (!d->on)
		return;
	SD_SIMD
	for (j = 0; j < m; j++) {
		s->slot[t].x[j] = d->x;
		s->slot[t].y[j] = d->y;
	}
	d->on = 0;
}

/* Slot a ← a + sign·b (hd_add). */
SD_LOOP_INLINE void
dual_add(struct dual_stack *s, int a, double sign, size_t m)
{
	struct dual_slot *p = &s->slot[a];
	const struct dual_slot *q = p + 1;
	double *av = p->v, *ax = p->x, *ay = p->y;
	const double *ai = s->val[a], *bv = s->val[a + 1];
	const double *bx = q->x, *by = q->y;
	size_t j;

	if (sign > 0) {
		SD_SIMD
		for (j = 0; j < m; j++)
			av[j] = ai[j] + bv[j];
	} else {
		SD_SIMD
		for (j = 0; j < m; j++)
			av[j] = ai[j] - bv[j];
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
	const double *ai = s->val[a], *bv = s->val[a + 1];
	const double *bx = q->x, *by = q->y;
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++) {
		ax[j] = ax[j] * bv[j] + ai[j] * bx[j];
		ay[j] = ay[j] * bv[j] + ai[j] * by[j];
		av[j] = ai[j] * bv[j];
	}
}

/* Slot a ← a/b (hd_div). */
SD_LOOP_INLINE void
dual_div(struct dual_stack *s, int a, size_t m)
{
	struct dual_slot *p = &s->slot[a];
	double *av = p->v, *ax = p->x, *ay = p->y, q, ib;
	const double *ai = s->val[a], *bv = s->val[a + 1];
	const double *bx = p[1].x, *by = p[1].y;
	size_t j;

	SD_SIMD
	for (j = 0; j < m; j++) {
		q = ai[j] / bv[j];
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
	double *av = p->v, *ax = p->x, *ay = p->y, fa, fb;
	const double *ai = s->val[a], *bv = s->val[a + 1];
	const double *bx = p[1].x, *by = p[1].y;
	double f[EXPR_BATCH], p1[EXPR_BATCH], la[EXPR_BATCH];
	size_t j;

	expr_pow_block(ai, bv, f, m);
	SD_SIMD
	for (j = 0; j < m; j++)
		p1[j] = bv[j] - 1;
	sd_vm_pow_n(ai, p1, p1, m);
	sd_vm_log_n(ai, la, m);
	SD_SIMD
	for (j = 0; j < m; j++) {
		fa = bv[j] * p1[j];
		fb = f[j] * la[j];
		ax[j] = fa * ax[j] + fb * bx[j];
		ay[j] = fa * ay[j] + fb * by[j];
		av[j] = f[j];
	}
}

/* Slot u ← φ(u) given f = φ(u) and d1 = φ'(u) in rows (hd_chain). */
SD_LOOP_INLINE void
dual_chain(struct dual_stack *s, int u, const double *f, const double *d1,
    size_t m)
{
	struct dual_slot *p = &s->slot[u];
	struct dual_seed *d = &s->seed[u];
	double sx = d->x, sy = d->y;
	size_t j;

	if (d->on) {
		SD_SIMD
		for (j = 0; j < m; j++) {
			p->x[j] = sx * d1[j];
			p->y[j] = sy * d1[j];
			p->v[j] = f[j];
		}
		d->on = 0;
		return;
	}
	SD_SIMD
	for (j = 0; j < m; j++) {
		p->x[j] *= d1[j];
		p->y[j] *= d1[j];
		p->v[j] = f[j];
	}
}

/* f = sin u, d1 = cos u (cos: f = cos u, d1 = −sin u) at each point of
 * slot u: sd_vm_sincos_n's first pass, inline, without the call, the
 * chunking and fd_cos's pass that negates. Returns nonzero, having
 * written nothing the caller keeps, where a point needs more: the full
 * reduction or libm's (sd_vm_sincos_n then gives every point's bits). */
SD_LOOP_INLINE int64_t
dual_trig(const struct dual_stack *s, int u, enum expr_trig trig,
    double *f, double *d1, size_t m)
{
	const double *v = s->val[u];
	double sn, cs;
	int64_t any = 0, ok;
	size_t j;

	SD_SIMD_OR(any)
	for (j = 0; j < m; j++) {
		ok = vm_trig_ok(v[j]);
		any |= vm_trig(vm_pick(ok, v[j], 0), 0, &sn, &cs) |
		    (2 - 2 * ok);
		f[j] = trig == TRIG_SIN ? sn : cs;
		d1[j] = trig == TRIG_SIN ? cs : -sn;
	}
	return any;
}

/* Slot u ← u², the commonest power, value and chain rule in one pass:
 * hd_powi's f = 1·(u·u) and d1 = 2·(1·u) are u·u and u·2 exactly. */
SD_LOOP_INLINE void
dual_sqr(struct dual_stack *s, int u, size_t m)
{
	struct dual_slot *p = &s->slot[u];
	struct dual_seed *d = &s->seed[u];
	const double *v = s->val[u];
	double sx = d->x, sy = d->y, t;
	size_t j;

	if (d->on) {
		SD_SIMD
		for (j = 0; j < m; j++) {
			t = v[j] * 2;
			p->x[j] = sx * t;
			p->y[j] = sy * t;
			p->v[j] = v[j] * v[j];
		}
		d->on = 0;
		return;
	}
	SD_SIMD
	for (j = 0; j < m; j++) {
		t = v[j] * 2;
		p->x[j] *= t;
		p->y[j] *= t;
		p->v[j] = v[j] * v[j];
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
	const double *v = s->val[u];
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
		sd_vm_powk_n(v, k, f, m);
		sd_vm_powk_n(v, k - 1, d1, m);
		SD_SIMD
		for (j = 0; j < m; j++)
			d1[j] = k * d1[j];
		break;
	case OP_RPOWK:
		expr_rpowk_block(k, v, f, m);
		d2 = log(k);
		SD_SIMD
		for (j = 0; j < m; j++)
			d1[j] = f[j] * d2;
		break;
	case OP_RDIVK:
		SD_SIMD
		for (j = 0; j < m; j++) {
			f[j] = k / v[j];
			d1[j] = -f[j] / v[j];
		}
		break;
	default:	/* OP_FUNC */
		if (fn->trig != TRIG_NONE &&
		    dual_trig(s, u, fn->trig, f, d1, m) == 0)
			break;
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

/* A value row under a linear instruction: as eval.c's hd_scale,
 * hd_divk, hd_neg, hd_rsubk and OP_ADDK do to u.v. */
SD_LOOP_INLINE void
dual_vlinear(const double *u, double *v, const struct instr *c, size_t m)
{
	double k = c->k;
	size_t j;

	switch (c->op) {
	case OP_ADDK:
		SD_SIMD
		for (j = 0; j < m; j++)
			v[j] = u[j] + k;
		break;
	case OP_MULK:
		SD_SIMD
		for (j = 0; j < m; j++)
			v[j] = u[j] * k;
		break;
	case OP_DIVK:
		SD_SIMD
		for (j = 0; j < m; j++)
			v[j] = u[j] / k;
		break;
	default:	/* OP_NEG, OP_RSUBK */
		SD_SIMD
		for (j = 0; j < m; j++)
			v[j] = c->op == OP_RSUBK ? k - u[j] : -u[j];
		break;
	}
}

/* A derivative row (or a seed, m = 1) under a linear instruction: as
 * those functions do to u.x and u.y (OP_ADDK leaves them). */
SD_LOOP_INLINE void
dual_dlinear(double *d, const struct instr *c, size_t m)
{
	double k = c->k;
	size_t j;

	switch (c->op) {
	case OP_ADDK:
		break;
	case OP_MULK:
		SD_SIMD
		for (j = 0; j < m; j++)
			d[j] *= k;
		break;
	case OP_DIVK:
		SD_SIMD
		for (j = 0; j < m; j++)
			d[j] /= k;
		break;
	default:	/* OP_NEG, OP_RSUBK */
		SD_SIMD
		for (j = 0; j < m; j++)
			d[j] = -d[j];
		break;
	}
}

/* Slot u scaled, negated or shifted by k, every component. */
SD_LOOP_INLINE void
dual_linear(struct dual_stack *s, int u, const struct instr *c, size_t m)
{
	struct dual_seed *d = &s->seed[u];

	dual_vlinear(s->val[u], s->slot[u].v, c, m);
	if (d->on) {
		dual_dlinear(&d->x, c, 1);
		dual_dlinear(&d->y, c, 1);
		return;
	}
	dual_dlinear(s->slot[u].x, c, m);
	dual_dlinear(s->slot[u].y, c, m);
}

/* One block of m ≤ EXPR_BATCH points. */
SD_LOOP_INLINE void
dual_run(const sd_expr *e, struct dual_stack *s, const double *px,
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
		if (c->op <= OP_POW) {
			t--;
			dual_fill(s, t, m);
			dual_fill(s, t + 1, m);
		}
		switch (c->op) {
		case OP_ADD:	dual_add(s, t, 1, m); break;
		case OP_SUB:	dual_add(s, t, -1, m); break;
		case OP_MUL:	dual_mul(s, t, m); break;
		case OP_DIV:	dual_div(s, t, m); break;
		case OP_POW:	dual_pow(s, t, m); break;
		case OP_POWI: case OP_POWK: case OP_RPOWK: case OP_RDIVK:
		case OP_FUNC:
			if (c->op == OP_POWI && c->n == 2) {
				dual_sqr(s, t, m);
				break;
			}
			dual_unary_d(s, t, c, fu, d1, m);
			dual_chain(s, t, fu, d1, m);
			break;
		default:	dual_linear(s, t, c, m); break;
		}
		s->val[t] = s->slot[t].v;	/* every operation writes there */
	}
	dual_fill(s, 0, m);
	SD_SIMD
	for (j = 0; j < m; j++) {
		f[j] = s->val[0][j];
		/* As sd_expr_eval2: no derivative through an undefined
		 * value. */
		gx[j] = isnan(f[j]) ? NAN : s->slot[0].x[j];
		gy[j] = isnan(f[j]) ? NAN : s->slot[0].y[j];
	}
}

/* One whole block, compiled for each target: every row's loop has a
 * known trip count, so it is unrolled onto whole vectors with no
 * remainder (a loop over an unknown m cost a third of the block). */
SD_SIMD_CLONES static void
dual_block(const sd_expr *e, struct dual_stack *s, const double *px,
    const double *py, double *f, double *gx, double *gy)
{
	dual_run(e, s, px, py, EXPR_BATCH, f, gx, gy);
}

void
sd_expr_eval_fg_batch(const sd_expr *e, size_t n, const double *x,
    const double *y, double *f, double *gx, double *gy)
{
	struct dual_stack s;
	double in[2][EXPR_BATCH] = { { 0 } }, out[3][EXPR_BATCH];
	size_t i, m;

	for (i = 0; i + EXPR_BATCH <= n; i += EXPR_BATCH)
		dual_block(e, &s, x + i, y + i, f + i, gx + i, gy + i);
	if ((m = n - i) == 0)
		return;
	/* The last points padded to a whole block (each point is computed
	 * on its own: the padding changes no other point's bits). */
	memcpy(in[0], x + i, m * sizeof *x);
	memcpy(in[1], y + i, m * sizeof *y);
	dual_block(e, &s, in[0], in[1], out[0], out[1], out[2]);
	memcpy(f + i, out[0], m * sizeof *f);
	memcpy(gx + i, out[1], m * sizeof *gx);
	memcpy(gy + i, out[2], m * sizeof *gy);
}
