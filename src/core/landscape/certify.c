/* SPDX-License-Identifier: GPL-3.0-or-later */
/* certify.c: the certified search's run (certify.h): the queue of boxes,
 * breadth first so that a limit leaves boxes of one size behind; the
 * proven roots and their dedup by proof boxes; the limits; the output.
 * One box is examined in certify_box.c, regions merged in
 * certify_regions.c. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/certify_impl.h"
#include "landscape/finder.h"

#define CERTIFY_EXPR_MAX	4096	/* a classic formula's text, at most */
#define CERTIFY_CLOCK		64	/* boxes between looks at the clock */

int
sd_certify_available(const sd_objective *obj, const sd_chart *chart)
{
	return obj->dim == 2 && obj->type->expression != NULL &&
	    obj->type->manifold == SD_EUCLIDEAN &&
	    chart->kind == SD_CHART_PLANE && chart->dim == 2;
}

/* Compile the objective's expression. */
static int
certify_compile(struct certify *ct, char **cause)
{
	char buf[CERTIFY_EXPR_MAX];
	sd_expr_error err;
	int n;

	n = ct->obj->type->expression(ct->obj->state, buf, sizeof buf);
	if (n < 0 || (size_t)n >= sizeof buf)
		return sd_fail(cause, "%s: no formula for the certified search",
		    ct->obj->type->name);
	if ((ct->expr = sd_expr_compile(buf, &err)) == NULL)
		return sd_fail(cause, "%s: its formula does not compile: %s",
		    ct->obj->type->name, err.message);
	return 0;
}

/* Set up a run: the chart's affine map, the region, the limits. */
static int
certify_init(struct certify *ct, const sd_objective *obj,
    const sd_chart *chart, const sd_window *w, const sd_certify_options *o,
    char **cause)
{
	double e = sd_finder_slice_tol(w), ms;
	struct timespec now;

	memset(ct, 0, sizeof *ct);
	ct->obj = obj;
	ct->chart = chart;
	if (!sd_certify_available(obj, chart))
		return sd_fail(cause, "%s: no certified search through this "
		    "chart", obj->type->name);
	ct->c[0] = chart->origin[0];
	ct->c[1] = chart->origin[1];
	ct->jac[0] = chart->u[0];
	ct->jac[1] = chart->v[0];
	ct->jac[2] = chart->u[1];
	ct->jac[3] = chart->v[1];
	ct->region = (struct certify_box){ { w->xmin - e, w->xmax + e },
	    { w->ymin - e, w->ymax + e } };
	ct->cells = calloc((size_t)CERTIFY_GRID * CERTIFY_GRID,
	    sizeof *ct->cells);
	if (ct->cells == NULL)
		return sd_fail(cause, "out of memory");
	ct->min_a = SD_CERTIFY_WIDTH * (w->xmax - w->xmin);
	ct->min_b = SD_CERTIFY_WIDTH * (w->ymax - w->ymin);
	ct->max_boxes = o != NULL && o->max_boxes > 0 ? o->max_boxes :
	    SD_CERTIFY_BOXES;
	ms = o != NULL && o->max_ms > 0 ? o->max_ms : SD_CERTIFY_MS;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	ct->deadline.tv_sec = now.tv_sec + (time_t)(ms / 1000);
	ct->deadline.tv_nsec = now.tv_nsec +
	    (long)(fmod(ms, 1000) * 1000000);
	if (ct->deadline.tv_nsec >= 1000000000L) {
		ct->deadline.tv_sec++;
		ct->deadline.tv_nsec -= 1000000000L;
	}
	return certify_compile(ct, cause);
}

/* Whether the time is up (the thread's processor time: a loaded machine
 * does not cut a search short), or the objective no longer gives its formula
 * (a cancelled job's, objective.h). */
static int
certify_late(const struct certify *ct)
{
	struct timespec now;

	if (ct->obj->type->expression(ct->obj->state, NULL, 0) < 0)
		return 1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
	return now.tv_sec > ct->deadline.tv_sec ||
	    (now.tv_sec == ct->deadline.tv_sec &&
	    now.tv_nsec >= ct->deadline.tv_nsec);
}

/* Leave x unresolved for reason why (at: the root found on a continuum,
 * or NULL). */
static int
certify_leave(struct certify *ct, const struct certify_box *x,
    sd_unresolved_reason why, const double *at)
{
	struct certify_open *p;
	size_t c;

	if (ct->n_open == ct->ocap) {
		c = ct->ocap > 0 ? 2 * ct->ocap : 64;
		if ((p = realloc(ct->open, c * sizeof *p)) == NULL)
			return -1;
		ct->open = p;
		ct->ocap = c;
	}
	ct->open[ct->n_open++] = (struct certify_open){ *x, why,
	    { at != NULL ? at[0] : 0, at != NULL ? at[1] : 0 } };
	return 0;
}

/* Why the least box x is undecided, regular as certify_eval said and g,
 * h its enclosures: f or its derivatives not finite at x's centre (an
 * overflow: certify_point), f not C² on x (a kink, a pole, a domain's
 * edge), an enclosure not finite (an overflow in the arithmetic), or
 * else a singular ∇²f that the Krawczyk test cannot invert. */
static sd_unresolved_reason
certify_why(const struct certify *ct, const struct certify_box *x,
    int regular, const sd_iv g[2], const sd_iv h[3])
{
	double pg[2], ph[3], s = 0;
	int i;

	if (certify_point(ct, sd_iv_mid(x->a), sd_iv_mid(x->b), pg, ph) != 0)
		return SD_UNRESOLVED_NOT_FINITE;
	if (!regular)
		return SD_UNRESOLVED_NOT_SMOOTH;
	for (i = 0; i < 2; i++)
		s += g[i].lo + g[i].hi;
	for (i = 0; i < 3; i++)
		s += h[i].lo + h[i].hi;
	return isfinite(s) ? SD_UNRESOLVED_DEGENERATE :
	    SD_UNRESOLVED_NOT_FINITE;
}

/* Whether x, not C² and its sides at most CERTIFY_CONTINUUM_CELL of the
 * window's, has a centre where f or its derivatives overflow: no box
 * around that point can be decided, so splitting x further would only
 * leave more undecided boxes (exp(200x) past x = 3.55). */
static int
certify_overflow(const struct certify *ct, const struct certify_box *x)
{
	double g[2], h[3];

	return x->a.hi - x->a.lo <= CERTIFY_CONTINUUM_CELL *
	    (ct->region.a.hi - ct->region.a.lo) &&
	    x->b.hi - x->b.lo <= CERTIFY_CONTINUUM_CELL *
	    (ct->region.b.hi - ct->region.b.lo) &&
	    certify_point(ct, sd_iv_mid(x->a), sd_iv_mid(x->b), g, h) != 0;
}

/* Push x at the queue's tail (the ring grows, unrolled, when full). */
static int
certify_push(struct certify *ct, const struct certify_box *x)
{
	struct certify_box *p;
	size_t c, i;

	if (ct->len == ct->qcap) {
		c = ct->qcap > 0 ? 2 * ct->qcap : 256;
		if ((p = malloc(c * sizeof *p)) == NULL)
			return -1;
		for (i = 0; i < ct->len; i++)
			p[i] = ct->q[(ct->head + i) % ct->qcap];
		free(ct->q);
		ct->q = p;
		ct->qcap = c;
		ct->head = 0;
	}
	ct->q[(ct->head + ct->len++) % ct->qcap] = *x;
	return 0;
}

/* Record the root proven unique in box, enclosed in k: tightened by more
 * Krawczyk steps, refined by Newton, dropped when a root already found
 * is the same (either's enclosure inside the other's proof box). */
static int
certify_root(struct certify *ct, const struct certify_box *box,
    struct certify_box k)
{
	struct certify_box t;
	sd_certify_root *r;
	sd_iv g[2], h[3];
	double a, bb;
	size_t i;

	for (i = 0; i < CERTIFY_TIGHTEN && certify_eval(ct, &k, g, h) &&
	    certify_krawczyk(ct, &k, h, &t) != CERTIFY_FAIL &&
	    !sd_iv_is_empty(t.a) && !sd_iv_is_empty(t.b); i++)
		k = t;
	if (certify_known(ct, box, &k))
		return 0;
	a = sd_iv_mid(k.a);
	bb = sd_iv_mid(k.b);
	if (certify_newton(ct, &a, &bb) != 0 || !sd_iv_contains(k.a, a) ||
	    !sd_iv_contains(k.b, bb)) {
		a = sd_iv_mid(k.a);
		bb = sd_iv_mid(k.b);
	}
	if (ct->n_roots == ct->rcap) {
		size_t c = ct->rcap > 0 ? 2 * ct->rcap : 64;

		if ((r = realloc(ct->roots, c * sizeof *r)) == NULL)
			return -1;
		ct->roots = r;
		ct->rcap = c;
	}
	ct->roots[ct->n_roots++] = (sd_certify_root){ a, bb,
	    certify_window(box), certify_window(&k) };
	return certify_index_add(ct, ct->n_roots - 1);
}

/* Split x across its longer side relative to the window, a little off
 * its centre (1/2 − 1/64: a symmetric formula's centre root is then not
 * on a line), and queue both halves. */
static int
certify_bisect(struct certify *ct, const struct certify_box *x)
{
	struct certify_box l = *x, r = *x;
	double t = 0.5 - 1.0 / 64, cut;
	sd_iv *side = (x->a.hi - x->a.lo) / ct->min_a >=
	    (x->b.hi - x->b.lo) / ct->min_b ? &l.a : &l.b;

	cut = side->lo + t * (side->hi - side->lo);
	/* A side a few doubles wide (a narrow window far from 0) cannot be
	 * split: the box stays unresolved. */
	if (!(cut > side->lo && cut < side->hi))
		return certify_leave(ct, x, SD_UNRESOLVED_ROUNDING, NULL);
	side->hi = cut;
	if (side == &l.a)
		r.a.lo = cut;
	else
		r.b.lo = cut;
	return certify_push(ct, &l) != 0 || certify_push(ct, &r) != 0 ? -1 : 0;
}

/* Examine one box: discard, prove, narrow, or split it. */
static int
certify_step(struct certify *ct, struct certify_box x)
{
	struct certify_box k, box;
	enum certify_verdict v;
	sd_iv g[2], h[3];
	double at[2];
	int i, regular;

	for (i = 0; i <= CERTIFY_NARROWS; i++) {
		regular = certify_eval(ct, &x, g, h);
		if (!sd_iv_contains(g[0], 0) || !sd_iv_contains(g[1], 0) ||
		    (i == 0 && certify_covered(ct, &x)))
			return 0;
		if (!regular || i == CERTIFY_NARROWS)
			break;
		v = certify_krawczyk(ct, &x, h, &k);
		if (v == CERTIFY_NONE)
			return 0;
		if (v == CERTIFY_UNIQUE)
			return certify_root(ct, &x, k);
		if (v == CERTIFY_FAIL ||
		    k.a.hi - k.a.lo > CERTIFY_SHRINK * (x.a.hi - x.a.lo) ||
		    k.b.hi - k.b.lo > CERTIFY_SHRINK * (x.b.hi - x.b.lo))
			break;
		x = k;
	}
	if (regular && certify_inflate(ct, &x, &box, &k)) {
		if (certify_root(ct, &box, k) != 0)
			return -1;
		if (certify_inside(&x, &box))
			return 0;
	}
	if (x.a.hi - x.a.lo <= ct->min_a && x.b.hi - x.b.lo <= ct->min_b)
		return certify_leave(ct, &x, certify_why(ct, &x, regular, g, h),
		    NULL);
	if (regular && certify_continuum(ct, &x, at))
		return certify_leave(ct, &x, SD_UNRESOLVED_CONTINUUM, at);
	if (!regular && certify_overflow(ct, &x))
		return certify_leave(ct, &x, SD_UNRESOLVED_NOT_FINITE, NULL);
	return certify_bisect(ct, &x);
}

/* Work through the queue until it empties or a limit is reached; what is
 * left in the queue is unresolved. */
static int
certify_loop(struct certify *ct, int *limited)
{
	struct certify_box x;

	*limited = 0;
	if (certify_push(ct, &ct->region) != 0)
		return -1;
	while (ct->len > 0) {
		if (ct->boxes >= ct->max_boxes || (ct->boxes %
		    CERTIFY_CLOCK == CERTIFY_CLOCK - 1 && certify_late(ct))) {
			*limited = 1;
			break;
		}
		x = ct->q[ct->head];
		ct->head = (ct->head + 1) % ct->qcap;
		ct->len--;
		ct->boxes++;
		if (certify_step(ct, x) != 0)
			return -1;
	}
	for (; ct->len > 0; ct->len--) {
		if (certify_leave(ct, &ct->q[ct->head], SD_UNRESOLVED_BUDGET,
		    NULL) != 0)
			return -1;
		ct->head = (ct->head + 1) % ct->qcap;
	}
	return 0;
}

/* The roots inside the region, into out. */
static int
certify_output(struct certify *ct, sd_certify_result *out)
{
	size_t i;

	if (ct->n_roots > 0 && (out->roots = calloc(ct->n_roots,
	    sizeof *out->roots)) == NULL)
		return -1;
	for (i = 0; i < ct->n_roots; i++) {
		if (sd_iv_contains(ct->region.a, ct->roots[i].a) &&
		    sd_iv_contains(ct->region.b, ct->roots[i].b))
			out->roots[out->n_roots++] = ct->roots[i];
	}
	return 0;
}

int
sd_certify_run(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_certify_options *opts,
    sd_certify_result *out, char **cause)
{
	struct certify ct;
	int rc = -1;

	memset(out, 0, sizeof *out);
	if (certify_init(&ct, obj, chart, window, opts, cause) != 0)
		goto done;
	if (certify_loop(&ct, &out->limited) != 0 ||
	    certify_output(&ct, out) != 0) {
		sd_fail(cause, "out of memory");
		goto done;
	}
	out->boxes = ct.boxes;
	rc = certify_regions(&ct, out, cause);
done:
	if (rc != 0)
		sd_certify_result_done(out);
	sd_expr_free(ct.expr);
	free(ct.q);
	free(ct.roots);
	free(ct.open);
	certify_index_free(&ct);
	return rc;
}

int
sd_windows_have(const sd_window *w, size_t n, double a, double b)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a >= w[i].xmin && a <= w[i].xmax && b >= w[i].ymin &&
		    b <= w[i].ymax)
			return 1;
	}
	return 0;
}

int
sd_certify_proven_at(const sd_certify_result *r, double a, double b)
{
	size_t i;

	for (i = 0; i < r->n_roots; i++) {
		if (sd_windows_have(&r->roots[i].box, 1, a, b))
			return 1;
	}
	return 0;
}

void
sd_certify_result_done(sd_certify_result *r)
{
	free(r->roots);
	free(r->regions);
	free(r->why);
	memset(r, 0, sizeof *r);
}
