/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify_box.c: one box of the certified search (certify.h): the
 * enclosures over it, the Krawczyk test, and the inflated box around a
 * root that Newton reaches from its centre.
 *
 * Krawczyk (Neumaier, Interval Methods for Systems of Equations, §5.2):
 * with m the box's centre and Y ≈ ∇²f(m)⁻¹ (any matrix: here the inverse
 * of the Hessian enclosure's midpoint),
 *	K(X) = m − Y ∇f(m) + (I − Y ∇²f(X)) (X − m)
 * holds every root of ∇f in X; K(X) ⊂ int X proves there is exactly one.
 * ∇f(m) is enclosed by evaluating over the point box [m, m]. */
#include "config.h"

#include <math.h>

#include "landscape/certify_impl.h"

sd_window
certify_window(const struct certify_box *x)
{
	return (sd_window){ x->a.lo, x->a.hi, x->b.lo, x->b.hi };
}

struct certify_box
certify_box_of(const sd_window *w)
{
	return (struct certify_box){ { w->xmin, w->xmax },
	    { w->ymin, w->ymax } };
}

int
certify_inside(const struct certify_box *x, const struct certify_box *y)
{
	return x->a.lo >= y->a.lo && x->a.hi <= y->a.hi &&
	    x->b.lo >= y->b.lo && x->b.hi <= y->b.hi;
}

int
certify_eval(const struct certify *ct, const struct certify_box *x,
    sd_iv g[2], sd_iv h[3])
{
	sd_iv in[2], f;
	int i;

	for (i = 0; i < 2; i++)
		in[i] = sd_iv_add(sd_iv_point(ct->c[i]),
		    sd_iv_add(sd_iv_scale(x->a, ct->jac[2 * i]),
		    sd_iv_scale(x->b, ct->jac[2 * i + 1])));
	return sd_expr_eval_box(ct->expr, in, ct->jac, &f, g, h);
}

/* Row i of K: m_i − (Y ∇f(m))_i + Σ_j (δ_ij − (Y H)_ij)(X_j − m_j). */
static sd_iv
certify_k_row(const double y[2], int i, const double m[2],
    const sd_iv gm[2], const sd_iv h[3], const sd_iv d[2])
{
	sd_iv r = sd_iv_point(m[i]), yh;
	int j;

	r = sd_iv_sub(r, sd_iv_add(sd_iv_scale(gm[0], y[0]),
	    sd_iv_scale(gm[1], y[1])));
	for (j = 0; j < 2; j++) {
		/* (Y H)_ij = y0·H_0j + y1·H_1j, H = [h0 h1; h1 h2]. */
		yh = sd_iv_add(sd_iv_scale(h[j], y[0]),
		    sd_iv_scale(h[j + 1], y[1]));
		r = sd_iv_add(r, sd_iv_mul(sd_iv_sub(sd_iv_point(i == j),
		    yh), d[j]));
	}
	return r;
}

enum certify_verdict
certify_krawczyk(const struct certify *ct, const struct certify_box *x,
    const sd_iv h[3], struct certify_box *k)
{
	double m[2] = { sd_iv_mid(x->a), sd_iv_mid(x->b) };
	double c0 = sd_iv_mid(h[0]), c1 = sd_iv_mid(h[1]), c2 = sd_iv_mid(h[2]);
	double det = c0 * c2 - c1 * c1, y[2][2];
	struct certify_box pm = { sd_iv_point(m[0]), sd_iv_point(m[1]) };
	sd_iv gm[2], hm[3], d[2], ka, kb;

	if (!isfinite(det) || det == 0 || !isfinite(c0) || !isfinite(c2))
		return CERTIFY_FAIL;
	y[0][0] = c2 / det;
	y[0][1] = y[1][0] = -c1 / det;
	y[1][1] = c0 / det;
	certify_eval(ct, &pm, gm, hm);
	if (sd_iv_is_empty(gm[0]) || sd_iv_is_empty(gm[1]))
		return CERTIFY_FAIL;
	d[0] = sd_iv_sub(x->a, pm.a);
	d[1] = sd_iv_sub(x->b, pm.b);
	ka = certify_k_row(y[0], 0, m, gm, h, d);
	kb = certify_k_row(y[1], 1, m, gm, h, d);
	if (sd_iv_is_empty(ka) || sd_iv_is_empty(kb))
		return CERTIFY_FAIL;
	k->a = sd_iv_meet(ka, x->a);
	k->b = sd_iv_meet(kb, x->b);
	if (sd_iv_is_empty(k->a) || sd_iv_is_empty(k->b))
		return CERTIFY_NONE;
	if (ka.lo > x->a.lo && ka.hi < x->a.hi && kb.lo > x->b.lo &&
	    kb.hi < x->b.hi)
		return CERTIFY_UNIQUE;
	return CERTIFY_NARROW;
}

/* In chart coordinates: Jᵀ∇f, Jᵀ∇²f J with J = (u v). */
int
certify_point(const struct certify *ct, double a, double b, double g[2],
    double h[3])
{
	double x[2], gx[2], hx[4], u[2] = { ct->jac[0], ct->jac[2] };
	double v[2] = { ct->jac[1], ct->jac[3] }, hu[2], hv[2];

	sd_chart_lift(ct->chart, a, b, x);
	sd_objective_gradient(ct->obj, x, gx);
	sd_objective_hessian(ct->obj, x, hx);
	hu[0] = hx[0] * u[0] + hx[1] * u[1];
	hu[1] = hx[2] * u[0] + hx[3] * u[1];
	hv[0] = hx[0] * v[0] + hx[1] * v[1];
	hv[1] = hx[2] * v[0] + hx[3] * v[1];
	g[0] = u[0] * gx[0] + u[1] * gx[1];
	g[1] = v[0] * gx[0] + v[1] * gx[1];
	h[0] = u[0] * hu[0] + u[1] * hu[1];
	h[1] = u[0] * hv[0] + u[1] * hv[1];
	h[2] = v[0] * hv[0] + v[1] * hv[1];
	return isfinite(g[0] + g[1] + h[0] + h[1] + h[2]) ? 0 : -1;
}

int
certify_newton(const struct certify *ct, double *a, double *b)
{
	double g[2], h[3], det, sa, sb, size;
	int i;

	for (i = 0; i < CERTIFY_NEWTON; i++) {
		if (certify_point(ct, *a, *b, g, h) != 0)
			return -1;
		det = h[0] * h[2] - h[1] * h[1];
		if (det == 0 || !isfinite(det))
			return -1;
		sa = -(h[2] * g[0] - h[1] * g[1]) / det;
		sb = -(h[0] * g[1] - h[1] * g[0]) / det;
		*a += sa;
		*b += sb;
		size = fmax(fabs(*a), fabs(*b));
		if (fmax(fabs(sa), fabs(sb)) <= 4 * 0x1p-52 * size ||
		    (sa == 0 && sb == 0))
			return isfinite(*a + *b) ? 0 : -1;
	}
	return isfinite(*a + *b) ? 0 : -1;
}

int
certify_inflate(const struct certify *ct, const struct certify_box *x,
    struct certify_box *box, struct certify_box *k)
{
	double a = sd_iv_mid(x->a), b = sd_iv_mid(x->b);
	double ra = fmax(CERTIFY_INFLATE * (x->a.hi - x->a.lo), ct->min_a);
	double rb = fmax(CERTIFY_INFLATE * (x->b.hi - x->b.lo), ct->min_b);
	sd_iv g[2], h[3];

	/* Newton may land in x or in a neighbour of its size. */
	if (certify_newton(ct, &a, &b) != 0 ||
	    fabs(a - sd_iv_mid(x->a)) > 8 * ra ||
	    fabs(b - sd_iv_mid(x->b)) > 8 * rb)
		return 0;
	box->a = sd_iv_make(sd_iv_down(a - ra, SD_IV_ARITH),
	    sd_iv_up(a + ra, SD_IV_ARITH));
	box->b = sd_iv_make(sd_iv_down(b - rb, SD_IV_ARITH),
	    sd_iv_up(b + rb, SD_IV_ARITH));
	if (!certify_eval(ct, box, g, h))
		return 0;
	return certify_krawczyk(ct, box, h, k) == CERTIFY_UNIQUE;
}
