/* SPDX-License-Identifier: GPL-3.0-or-later */
/* eval_box.c: a formula over a box, on interval hyper-dual numbers (see
 * sd_expr_eval_box in expr.h): the third interpreter of compile.c's code,
 * beside eval.c's two, with the same chain rule on intervals (interval.h)
 * instead of doubles. What it returns encloses f, ∇f and ∇²f at every
 * point of the box where the formula is defined; the enclosures of φ' and
 * φ'' of each function are written here, next to their formulas in
 * eval.c. */
#include "config.h"

#include <string.h>

#include "base/interval.h"
#include "expr/expr.h"
#include "expr/expr_impl.h"

/* A value and its first and second partials in (a, b), as intervals. */
typedef struct ihd {
	sd_iv	v, x, y, xx, xy, yy;
	int	irregular;	/* some φ, φ' or φ'' unbounded on the box, or
				 * an operand outside its domain there */
} ihd;

static const sd_iv iv_all = { -INFINITY, INFINITY };

/* ---- φ, φ', φ'' of the functions, over an interval u ------------------ */

void
sd_expr_iv_sin(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_sin(u);
	*d1 = sd_iv_cos(u);
	*d2 = sd_iv_neg(*f);
}

void
sd_expr_iv_cos(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_cos(u);
	*d1 = sd_iv_neg(sd_iv_sin(u));
	*d2 = sd_iv_neg(*f);
}

void
sd_expr_iv_tan(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_tan(u);
	*d1 = sd_iv_add(sd_iv_point(1), sd_iv_sqr(*f));
	*d2 = sd_iv_scale(sd_iv_mul(*f, *d1), 2);
}

/* asin' = ±1/√(1−u²) (sign s), and its derivative ±u/(1−u²)^(3/2). */
static void
iv_arcsine(sd_iv u, double s, sd_iv *d1, sd_iv *d2)
{
	sd_iv t;

	u = sd_iv_meet(u, (sd_iv){ -1, 1 });
	t = sd_iv_meet(sd_iv_sub(sd_iv_point(1), sd_iv_sqr(u)),
	    (sd_iv){ 0, 1 });
	*d1 = sd_iv_scale(sd_iv_div(sd_iv_point(1), sd_iv_sqrt(t)), s);
	*d2 = sd_iv_div(sd_iv_mul(u, *d1), t);
}

void
sd_expr_iv_asin(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_asin(u);
	iv_arcsine(u, 1, d1, d2);
}

void
sd_expr_iv_acos(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_acos(u);
	iv_arcsine(u, -1, d1, d2);
}

void
sd_expr_iv_atan(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_atan(u);
	*d1 = sd_iv_div(sd_iv_point(1),
	    sd_iv_add(sd_iv_point(1), sd_iv_sqr(u)));
	*d2 = sd_iv_mul(sd_iv_scale(u, -2), sd_iv_sqr(*d1));
}

void
sd_expr_iv_sinh(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_sinh(u);
	*d1 = sd_iv_cosh(u);
	*d2 = *f;
}

void
sd_expr_iv_cosh(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_cosh(u);
	*d1 = sd_iv_sinh(u);
	*d2 = *f;
}

void
sd_expr_iv_tanh(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_tanh(u);
	*d1 = sd_iv_meet(sd_iv_sub(sd_iv_point(1), sd_iv_sqr(*f)),
	    (sd_iv){ 0, 1 });
	*d2 = sd_iv_mul(sd_iv_scale(*f, -2), *d1);
}

void
sd_expr_iv_exp(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_exp(u);
	*d1 = *f;
	*d2 = *f;
}

void
sd_expr_iv_log(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	u = sd_iv_meet(u, (sd_iv){ 0, INFINITY });
	*f = sd_iv_log(u);
	*d1 = sd_iv_div(sd_iv_point(1), u);
	*d2 = sd_iv_neg(sd_iv_sqr(*d1));
}

void
sd_expr_iv_sqrt(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	u = sd_iv_meet(u, (sd_iv){ 0, INFINITY });
	*f = sd_iv_sqrt(u);
	*d1 = sd_iv_div(sd_iv_point(0.5), *f);
	*d2 = sd_iv_neg(sd_iv_div(*d1, sd_iv_scale(u, 2)));
}

/* |u|: where u crosses 0, the slopes −1 and 1 and every one between (the
 * subgradient), and a second derivative that is not bounded. */
void
sd_expr_iv_abs(sd_iv u, sd_iv *f, sd_iv *d1, sd_iv *d2)
{
	*f = sd_iv_abs(u);
	*d2 = sd_iv_point(0);
	if (u.lo >= 0)
		*d1 = sd_iv_point(1);
	else if (u.hi <= 0)
		*d1 = sd_iv_point(-1);
	else {
		*d1 = (sd_iv){ -1, 1 };
		*d2 = iv_all;
	}
}

/* ---- the operations --------------------------------------------------- */

/* u ← φ(u) by the chain rule, given enclosures of φ, φ', φ'' over u.v. */
static void
ihd_chain(ihd *u, sd_iv f, sd_iv d1, sd_iv d2)
{
	u->irregular |= !isfinite(f.lo) || !isfinite(f.hi) ||
	    !isfinite(d1.lo) || !isfinite(d1.hi) ||
	    !isfinite(d2.lo) || !isfinite(d2.hi);
	u->xx = sd_iv_add(sd_iv_mul(d1, u->xx), sd_iv_mul(d2, sd_iv_sqr(u->x)));
	u->xy = sd_iv_add(sd_iv_mul(d1, u->xy),
	    sd_iv_mul(d2, sd_iv_mul(u->x, u->y)));
	u->yy = sd_iv_add(sd_iv_mul(d1, u->yy), sd_iv_mul(d2, sd_iv_sqr(u->y)));
	u->x = sd_iv_mul(d1, u->x);
	u->y = sd_iv_mul(d1, u->y);
	u->v = f;
}

/* s·p·q + r, a term of Leibniz's rule. */
static sd_iv
ihd_term(sd_iv r, double s, sd_iv p, sd_iv q)
{
	return sd_iv_add(r, sd_iv_scale(sd_iv_mul(p, q), s));
}

/* a ← a·b (Leibniz, to second order). */
static void
ihd_mul(ihd *a, const ihd *b)
{
	ihd r;

	r.xx = ihd_term(ihd_term(sd_iv_mul(a->xx, b->v), 2, a->x, b->x), 1,
	    a->v, b->xx);
	r.xy = ihd_term(ihd_term(ihd_term(sd_iv_mul(a->xy, b->v), 1, a->x,
	    b->y), 1, a->y, b->x), 1, a->v, b->xy);
	r.yy = ihd_term(ihd_term(sd_iv_mul(a->yy, b->v), 2, a->y, b->y), 1,
	    a->v, b->yy);
	r.x = ihd_term(sd_iv_mul(a->x, b->v), 1, a->v, b->x);
	r.y = ihd_term(sd_iv_mul(a->y, b->v), 1, a->v, b->y);
	r.v = sd_iv_mul(a->v, b->v);
	r.irregular = a->irregular | b->irregular;
	*a = r;
}

/* a ← q = a/b, from a = q·b differentiated twice (as eval.c's hd_div). */
static void
ihd_div(ihd *a, const ihd *b)
{
	sd_iv q = sd_iv_div(a->v, b->v), ib = sd_iv_div(sd_iv_point(1), b->v);
	sd_iv qx, qy;

	a->irregular |= b->irregular || !isfinite(ib.lo) || !isfinite(ib.hi);
	qx = sd_iv_mul(ihd_term(a->x, -1, q, b->x), ib);
	qy = sd_iv_mul(ihd_term(a->y, -1, q, b->y), ib);
	a->xx = sd_iv_mul(ihd_term(ihd_term(a->xx, -2, qx, b->x), -1, q,
	    b->xx), ib);
	a->xy = sd_iv_mul(ihd_term(ihd_term(ihd_term(a->xy, -1, qx, b->y),
	    -1, qy, b->x), -1, q, b->xy), ib);
	a->yy = sd_iv_mul(ihd_term(ihd_term(a->yy, -2, qy, b->y), -1, q,
	    b->yy), ib);
	a->x = qx;
	a->y = qy;
	a->v = q;
}

/* u ← u^n for an integer-valued n. */
static void
ihd_pown(ihd *u, double n)
{
	ihd_chain(u, sd_iv_pown(u->v, n),
	    sd_iv_scale(sd_iv_pown(u->v, n - 1), n),
	    sd_iv_scale(sd_iv_pown(u->v, n - 2), n * (n - 1)));
}

/* u ← u^k, k constant: as a power of an integer, or on u ≥ 0. */
static void
ihd_powk(ihd *u, double k)
{
	if (k == floor(k) && fabs(k) < 0x1p53) {
		ihd_pown(u, k);
		return;
	}
	/* x^2.5 has bounded derivatives at 0 but none below it. */
	u->irregular |= u->v.lo < 0;
	ihd_chain(u, sd_iv_powr(u->v, k),
	    sd_iv_scale(sd_iv_powr(u->v, k - 1), k),
	    sd_iv_scale(sd_iv_powr(u->v, k - 2), k * (k - 1)));
}

/* u ← k^u, k constant; k ≤ 0 has no derivative anywhere (log k). */
static void
ihd_rpowk(ihd *u, double k)
{
	sd_iv lk, f;

	if (!(k > 0)) {
		u->v = sd_iv_empty();
		return;
	}
	lk = (sd_iv){ sd_iv_down(log(k), SD_IV_LIBM),
	    sd_iv_up(log(k), SD_IV_LIBM) };
	f = sd_iv_exp(sd_iv_mul(u->v, lk));
	ihd_chain(u, f, sd_iv_mul(f, lk), sd_iv_mul(f, sd_iv_sqr(lk)));
}

/* u ← k/u, k constant. */
static void
ihd_rdivk(ihd *u, double k)
{
	sd_iv f = sd_iv_div(sd_iv_point(k), u->v), d1;

	d1 = sd_iv_neg(sd_iv_div(f, u->v));
	ihd_chain(u, f, d1, sd_iv_div(sd_iv_scale(d1, -2), u->v));
}

/* a ← a^b, both variable: exp(b·log a), on a > 0 as eval.c's hd_pow. */
static void
ihd_pow(ihd *a, const ihd *b)
{
	sd_iv f, d1, d2;

	sd_expr_iv_log(a->v, &f, &d1, &d2);
	ihd_chain(a, f, d1, d2);
	ihd_mul(a, b);
	sd_expr_iv_exp(a->v, &f, &d1, &d2);
	ihd_chain(a, f, d1, d2);
}

/* u ← u·k, or u ← −u (k = −1), every component. */
static void
ihd_scale(ihd *u, double k)
{
	u->v = sd_iv_scale(u->v, k);
	u->x = sd_iv_scale(u->x, k);
	u->y = sd_iv_scale(u->y, k);
	u->xx = sd_iv_scale(u->xx, k);
	u->xy = sd_iv_scale(u->xy, k);
	u->yy = sd_iv_scale(u->yy, k);
}

/* u ← u/k, every component. */
static void
ihd_divk(ihd *u, double k)
{
	sd_iv q = sd_iv_point(k);

	u->v = sd_iv_div(u->v, q);
	u->x = sd_iv_div(u->x, q);
	u->y = sd_iv_div(u->y, q);
	u->xx = sd_iv_div(u->xx, q);
	u->xy = sd_iv_div(u->xy, q);
	u->yy = sd_iv_div(u->yy, q);
}

/* a ← a + s·b (s = ±1), componentwise. */
static void
ihd_add(ihd *a, const ihd *b, double s)
{
	a->irregular |= b->irregular;
	a->v = sd_iv_add(a->v, sd_iv_scale(b->v, s));
	a->x = sd_iv_add(a->x, sd_iv_scale(b->x, s));
	a->y = sd_iv_add(a->y, sd_iv_scale(b->y, s));
	a->xx = sd_iv_add(a->xx, sd_iv_scale(b->xx, s));
	a->xy = sd_iv_add(a->xy, sd_iv_scale(b->xy, s));
	a->yy = sd_iv_add(a->yy, sd_iv_scale(b->yy, s));
}

/* Apply function fn to u. */
static void
ihd_func(ihd *u, int fn)
{
	sd_iv f, d1, d2;

	sd_expr_funcs[fn].iv(u->v, &f, &d1, &d2);
	ihd_chain(u, f, d1, d2);
}

/* One binary or unary instruction on the stack top u. */
static void
ihd_op(const struct instr *c, ihd *u)
{
	switch (c->op) {
	case OP_ADD:	ihd_add(u, u + 1, 1); break;
	case OP_SUB:	ihd_add(u, u + 1, -1); break;
	case OP_MUL:	ihd_mul(u, u + 1); break;
	case OP_DIV:	ihd_div(u, u + 1); break;
	case OP_POW:	ihd_pow(u, u + 1); break;
	case OP_NEG:	ihd_scale(u, -1); break;
	case OP_ADDK:	u->v = sd_iv_add(u->v, sd_iv_point(c->k)); break;
	case OP_RSUBK:	ihd_scale(u, -1);
			u->v = sd_iv_add(u->v, sd_iv_point(c->k)); break;
	case OP_MULK:	ihd_scale(u, c->k); break;
	case OP_DIVK:	ihd_divk(u, c->k); break;
	case OP_RDIVK:	ihd_rdivk(u, c->k); break;
	case OP_POWI:	ihd_pown(u, c->n); break;
	case OP_POWK:	ihd_powk(u, c->k); break;
	case OP_RPOWK:	ihd_rpowk(u, c->k); break;
	case OP_FUNC:	ihd_func(u, c->fn); break;
	}
}

int
sd_expr_eval_box(const sd_expr *e, const sd_iv in[2], const double jac[4],
    sd_iv *f, sd_iv g[2], sd_iv h[3])
{
	const struct instr *c = e->code, *end = c + e->n;
	ihd s[EXPR_STACK_MAX], *u;
	int t = -1;

	for (; c < end; c++) {
		if (c->op <= OP_CONST) {
			u = &s[++t];
			memset(u, 0, sizeof *u);
			if (c->op == OP_CONST) {
				u->v = sd_iv_point(c->k);
				continue;
			}
			u->v = in[c->op == OP_Y];
			u->x = sd_iv_point(jac[2 * (c->op == OP_Y)]);
			u->y = sd_iv_point(jac[2 * (c->op == OP_Y) + 1]);
			continue;
		}
		if (c->op <= OP_POW)
			t--;
		ihd_op(c, &s[t]);
	}
	*f = s[0].v;
	g[0] = s[0].x;
	g[1] = s[0].y;
	h[0] = s[0].xx;
	h[1] = s[0].xy;
	h[2] = s[0].yy;
	/* Nowhere defined: every enclosure is empty. */
	if (sd_iv_is_empty(*f))
		g[0] = g[1] = h[0] = h[1] = h[2] = sd_iv_empty();
	return !s[0].irregular && !sd_iv_is_empty(*f);
}
