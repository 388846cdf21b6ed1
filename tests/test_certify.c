/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_certify.c: the certified search (certify.h) and the finder's
 * answer through it: the interval enclosures hold at sampled points, the
 * issue's cases have the points their closed forms say, and a list that
 * says "complete" is never missing a point, on polynomials whose points
 * are known exactly. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/interval.h"
#include "expr/expr.h"
#include "landscape/certify.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"
#include "finder_util.h"

/* A time limit no run here reaches, even under sanitizers and load: the
 * box limit alone decides, so the results do not depend on the clock. */
#define TEST_MS	600000

/* ---- enclosures --------------------------------------------------------- */

/* A uniform double in [lo, hi] from a small LCG (the test's own stream). */
static double
uniform(unsigned long *s, double lo, double hi)
{
	*s = *s * 6364136223846793005UL + 1442695040888963407UL;
	return lo + (hi - lo) * (double)(*s >> 11) / 9007199254740992.0;
}

/* Whether v (finite) lies in the enclosure e. */
static void
assert_in(sd_iv e, double v, const char *what, double x, double y)
{
	if (!isfinite(v))
		return;
	if (!(e.lo <= v && v <= e.hi))
		fail_msg("%s = %.17g at (%.17g, %.17g) outside [%.17g, %.17g]",
		    what, v, x, y, e.lo, e.hi);
}

/* f, ∇f, ∇²f at random points of random boxes lie in the box's
 * enclosures, for formulas that use every function and operation. */
static void
test_enclosures(void **state)
{
	static const char *const formulas[] = {
		"sin(3*x)*cos(y) + tan(x/4)", "asin(x/3)*acos(y/3) + atan(x*y)",
		"sinh(x)-cosh(y)+tanh(x*y)", "exp(-x^2-y^2)*log(2+x*y)",
		"sqrt(x^2+y^2) + abs(x-y)", "x^7 - 3*x^-2*y + y^2.5",
		"2^x + (1+x^2)^y + x/(1+y^2) - 3/(x+4)", "(x^2-1e-4)^2+y^2",
	};
	double jac[4] = { 1, 0, 0, 1 }, x, y, f, g[2], h[4];
	unsigned long s = 42;
	sd_iv in[2], F, G[2], H[3];
	size_t i, k, j;
	sd_expr *e;

	(void)state;
	for (i = 0; i < sizeof formulas / sizeof *formulas; i++) {
		assert_non_null(e = sd_expr_compile(formulas[i], NULL));
		for (k = 0; k < 200; k++) {
			x = uniform(&s, -2.9, 2.9);
			y = uniform(&s, -2.9, 2.9);
			in[0] = sd_iv_make(x, x + uniform(&s, 0, 0.3));
			in[1] = sd_iv_make(y, y + uniform(&s, 0, 0.3));
			sd_expr_eval_box(e, in, jac, &F, G, H);
			for (j = 0; j < 8; j++) {
				x = uniform(&s, in[0].lo, in[0].hi);
				y = uniform(&s, in[1].lo, in[1].hi);
				sd_expr_eval2(e, x, y, &f, g, h);
				if (!isfinite(f))
					continue;
				assert_in(F, f, formulas[i], x, y);
				assert_in(G[0], g[0], "f_x", x, y);
				assert_in(G[1], g[1], "f_y", x, y);
				assert_in(H[0], h[0], "f_xx", x, y);
				assert_in(H[1], h[1], "f_xy", x, y);
				assert_in(H[2], h[3], "f_yy", x, y);
			}
		}
		sd_expr_free(e);
	}
}

/* sin and cos reach ±1 only where they should, and tan's pole gives the
 * whole line. */
static void
test_periodic(void **state)
{
	sd_iv r;

	(void)state;
	r = sd_iv_sin(sd_iv_make(1.5, 1.6));	/* π/2 inside */
	assert_true(r.hi == 1 && r.lo < sin(1.6));
	r = sd_iv_sin(sd_iv_make(0.1, 0.2));
	assert_true(r.hi < 0.2 && r.lo > 0.09);
	r = sd_iv_cos(sd_iv_make(3.1, 3.2));	/* π inside */
	assert_true(r.lo == -1);
	r = sd_iv_tan(sd_iv_make(1.5, 1.6));
	assert_true(isinf(r.lo) && isinf(r.hi));
	assert_true(sd_iv_is_empty(sd_iv_log(sd_iv_make(-2, -1))));
	r = sd_iv_sqrt(sd_iv_make(-1, 4));
	assert_true(r.lo == 0 && r.hi >= 2 && r.hi < 2.000001);
}

/* ---- the cases ------------------------------------------------- */

/* The finder on formula text over w. */
static void
find_expr(const char *text, sd_window w, const sd_finder_options *o,
    sd_point_list *list, sd_objective **obj)
{
	char *cause = NULL;
	sd_chart chart;

	sd_finder_options slow = { .certify_ms = TEST_MS };

	*obj = sd_objective_new_expr(text, &cause);
	assert_non_null(*obj);
	assert_int_equal(sd_chart_init_default(&chart, *obj, &cause), 0);
	if (o == NULL)
		o = &slow;
	assert_int_equal(sd_finder_run(*obj, &chart, &w, o, list, &cause), 0);
	check_list(*obj, &chart, &w, list, 1e-9);
	sd_chart_done(&chart);
}

/* Minima 0.01 apart in a window of side 1: three points, complete. */
static void
test_close_pair(void **state)
{
	sd_window w = { -0.5, 0.5, -0.5, 0.5 };
	sd_point_list l;
	sd_objective *o;

	(void)state;
	find_expr("(x^2-1e-4)^2+y^2", w, NULL, &l, &o);
	assert_int_equal(l.n, 3);
	assert_true(l.complete);
	assert_int_equal(near(&l, -0.01, 0, 1e-12)->kind, SD_POINT_MIN);
	assert_int_equal(near(&l, 0.01, 0, 1e-12)->kind, SD_POINT_MIN);
	assert_int_equal(near(&l, 0, 0, 1e-12)->kind, SD_POINT_SADDLE);
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* (x²−a)² + (y²−a)², a = 0.0004: the nine points (0, ±0.02)². */
static void
test_close_grid(void **state)
{
	sd_window w = { -0.5, 0.5, -0.5, 0.5 };
	double r = sqrt(0.0004);
	sd_point_list l;
	sd_objective *o;
	int i, j;

	(void)state;
	find_expr("(x^2-0.0004)^2+(y^2-0.0004)^2", w, NULL, &l, &o);
	assert_int_equal(l.n, 9);
	assert_true(l.complete);
	for (i = -1; i <= 1; i++)
		for (j = -1; j <= 1; j++)
			near(&l, i * r, j * r, 1e-12);
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* sin(20x)·sin(20y) on [−3, 3]²: ∇f = 0 where sin 20x = sin 20y = 0 (kπ/20,
 * |k| ≤ 60/π: 39 values each) or cos 20x = cos 20y = 0 ((k + ½)π/20: 38
 * each): 39² + 38² points, each found once. */
static void
test_sines(void **state)
{
	sd_window w = { -3, 3, -3, 3 };
	size_t zeros = 2 * (size_t)floor(60 / M_PI) + 1;
	size_t halves = 2 * (size_t)floor(60 / M_PI + 0.5);
	sd_point_list l;
	sd_objective *o;

	(void)state;
	find_expr("sin(20*x)*sin(20*y)", w, NULL, &l, &o);
	assert_int_equal(l.n, zeros * zeros + halves * halves);
	assert_true(l.complete);
	near(&l, 0, 0, 1e-12);
	near(&l, M_PI / 40, -M_PI / 40, 1e-12);
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* −exp(−((x−7)² + (y+3)²))·cos x on ±100: the well beside (7, −3) is
 * found; its x solves 2(x − 7) cos x + sin x = 0 (bisected here). */
static void
test_far_well(void **state)
{
	sd_window w = { -100, 100, -100, 100 };
	double lo = 6.5, hi = 7, m;
	sd_point_list l;
	sd_objective *o;
	int i;

	(void)state;
	for (i = 0; i < 200; i++) {
		m = lo / 2 + hi / 2;
		if ((2 * (m - 7) * cos(m) + sin(m)) < 0)
			lo = m;
		else
			hi = m;
	}
	find_expr("-exp(-((x-7)^2+(y+3)^2))*cos(x)", w, NULL, &l, &o);
	assert_int_equal(near(&l, lo, -3, 1e-9)->kind, SD_POINT_MIN);
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* At sqrt's kink no proof is possible: the point is still found, and
 * the list says it may be incomplete, with the region around it. */
static void
test_kink(void **state)
{
	sd_window w = { -1, 1, -1, 1 };
	sd_point_list l;
	sd_objective *o;

	(void)state;
	find_expr("cos(sqrt(x^2+y^2))", w, NULL, &l, &o);
	near(&l, 0, 0, 1e-9);
	assert_false(l.complete);
	assert_true(l.n_unresolved >= 1 && l.boxes > 0);
	assert_true(sd_windows_have(l.unresolved, l.n_unresolved, 0, 0));
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* A degenerate point in a window a million doubles wide: boxes stop
 * being split where a side has no double inside, long before the box
 * limit, and the point is still reported. */
static void
test_narrow(void **state)
{
	sd_window w = { 1e4 - 1e-6, 1e4 + 1e-6, 1e4 - 1e-6, 1e4 + 1e-6 };
	sd_point_list l;
	sd_objective *o;

	(void)state;
	find_expr("(x-1e4)^3 - 3*(x-1e4)*(y-1e4)^2", w, NULL, &l, &o);
	assert_false(l.complete);
	assert_true(l.boxes > 0 && l.boxes < 20000);
	near(&l, 1e4, 1e4, 1e-10);
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* Out of boxes: not complete, and the old search still finds points. */
static void
test_budget(void **state)
{
	sd_finder_options opts = { .certify_boxes = 50, .certify_ms = TEST_MS };
	sd_window w = { -3, 3, -3, 3 };
	sd_point_list l;
	sd_objective *o;

	(void)state;
	find_expr("sin(20*x)*sin(20*y)", w, &opts, &l, &o);
	assert_false(l.complete);
	assert_true(l.n_unresolved > 0);
	assert_int_equal(l.boxes, 50);
	assert_true(l.n > 500);
	sd_point_list_done(&l);
	sd_objective_free(o);
}

/* A d-dimensional chapter objective has no proof: the window is the
 * region left unresolved. */
static void
test_uncertified(void **state)
{
	sd_objective *obj = test_objective_new("pca:d=3");
	sd_point_list l;

	(void)state;
	find(obj, NULL, &l);
	assert_false(l.complete);
	assert_int_equal(l.n_unresolved, 1);
	assert_int_equal(l.boxes, 0);
	sd_point_list_done(&l);
	sd_objective_free(obj);
}

/* sin(20x)·sin(20y), for an objective that withdraws its formula. */
static double
sines_f(const void *s, const double *x)
{
	(void)s;
	return sin(20 * x[0]) * sin(20 * x[1]);
}

static void
sines_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = 20 * cos(20 * x[0]) * sin(20 * x[1]);
	g[1] = 20 * sin(20 * x[0]) * cos(20 * x[1]);
}

static void
sines_hess(const void *s, const double *x, double *h)
{
	(void)s;
	h[0] = h[3] = -400 * sines_f(s, x);
	h[1] = h[2] = 400 * cos(20 * x[0]) * cos(20 * x[1]);
}

static int sines_calls;

/* The formula once (to compile it), then no more: a cancelled job. */
static int
sines_expression(const void *s, char *buf, size_t size)
{
	(void)s;
	if (sines_calls++ > 0)
		return -1;
	return snprintf(buf, size, "sin(20*x)*sin(20*y)");
}

/* An objective that withdraws its formula stops the search within a few
 * dozen boxes (the TUI cancels a job so), and the list is not complete. */
static void
test_withdrawn(void **state)
{
	static const sd_objective_type type = {
		.name = "withdrawn", .dim = 2, .window = { -3, 3, -3, 3 },
		.f = sines_f, .grad = sines_grad, .hess = sines_hess,
		.expression = sines_expression,
	};
	sd_certify_options o = { 0, TEST_MS };
	sd_objective *obj = make_type(&type);
	sd_certify_result r;
	char *cause = NULL;
	sd_chart chart;

	(void)state;
	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	assert_int_equal(sd_certify_run(obj, &chart, &type.window, &o, &r,
	    &cause), 0);
	assert_true(r.limited);
	assert_true(r.boxes > 0 && r.boxes <= 64);
	assert_true(r.n_regions > 0);
	sd_certify_result_done(&r);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* The certified search of a classic objective through its default
 * chart and window, into *r. */
static void
certify_classic(const char *name, sd_certify_result *r)
{
	sd_certify_options o = { 0, TEST_MS };
	sd_objective *obj = test_objective_new(name);
	char *cause = NULL;
	sd_chart chart;

	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	assert_int_equal(sd_certify_run(obj, &chart, &chart.window, &o, r,
	    &cause), 0);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* linnet's curve of minima xy = 1 is a continuum: boxes on it are kept
 * unresolved once a 256th of the window, not split until the box limit
 * (200000 boxes before). The search ends on its own with the saddle at
 * 0 proven and one region along each branch that holds the branch and
 * not 0; an isolated degenerate point (monkey's 0) still shrinks to a
 * tiny box. */
static void
test_continuum(void **state)
{
	sd_certify_result r;
	double t, x;
	size_t i;

	(void)state;
	certify_classic("linnet", &r);
	assert_false(r.limited);
	assert_true(r.boxes > 0 && r.boxes < 20000);
	assert_int_equal(r.n_roots, 1);
	assert_true(fabs(r.roots[0].a) < 1e-12 && fabs(r.roots[0].b) < 1e-12);
	assert_int_equal(r.n_regions, 2);
	assert_false(sd_windows_have(r.regions, r.n_regions, 0, 0));
	for (i = 0; i <= 100; i++) {
		x = 0.55 + 1.4 * (double)i / 100;
		assert_true(sd_windows_have(r.regions, 2, x, 1 / x));
		assert_true(sd_windows_have(r.regions, 2, -x, -1 / x));
	}
	for (i = 0; i < 2; i++) {
		t = fmin(fabs(r.regions[i].xmin), fabs(r.regions[i].xmax));
		assert_true(t > 0.45 && t < 0.5);
	}
	sd_certify_result_done(&r);
	certify_classic("monkey", &r);
	assert_false(r.limited);
	assert_int_equal(r.n_regions, 1);
	assert_true(r.regions[0].xmax - r.regions[0].xmin < 1e-6);
	assert_true(sd_windows_have(r.regions, 1, 0, 0));
	sd_certify_result_done(&r);
}

/* ---- the classic objectives ------------------------------------------- */

/* Each classic objective's expression is its f. */
static void
test_expressions(void **state)
{
	const sd_objective_type *const *t;
	char buf[512];
	double x[2], f;
	sd_objective *obj;
	sd_expr *e;
	int i;

	(void)state;
	for (t = sd_objective_types; *t != NULL; t++) {
		if ((*t)->expression == NULL || strcmp((*t)->name, "expr") == 0)
			continue;
		obj = test_objective_new((*t)->name);
		assert_true((size_t)(*t)->expression(obj->state, buf,
		    sizeof buf) < sizeof buf);
		assert_non_null(e = sd_expr_compile(buf, NULL));
		for (i = 0; i < 20; i++) {
			x[0] = -1.9 + 0.19 * i;
			x[1] = 1.3 - 0.11 * i;
			f = sd_objective_f(obj, x);
			assert_close(sd_expr_eval(e, x[0], x[1]), f,
			    1e-12 * (1 + fabs(f)));
		}
		sd_expr_free(e);
		sd_objective_free(obj);
	}
}

/* The finder on obj over its default window, clock or not. */
static void
find_slow(const sd_objective *obj, sd_point_list *list)
{
	sd_finder_options o = { .certify_ms = TEST_MS };
	char *cause = NULL;
	sd_chart chart;

	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, &o, list,
	    &cause), 0);
	check_list(obj, &chart, &chart.window, list, 1e-9);
	sd_chart_done(&chart);
}

/* The classic objectives' points known in closed form, and the kinds
 * their Hessians give; a degenerate point leaves its list incomplete. */
static void
test_classic(void **state)
{
	static const struct {
		const char	*name;
		size_t		 n;
		int		 complete;
		double		 x, y;		/* one known point */
		sd_point_kind	 kind;
	} cases[] = {
		{ "doublewell", 3, 1, 1, 0, SD_POINT_MIN },
		{ "quadwell", 9, 1, -1, 1, SD_POINT_MIN },
		{ "saddle", 1, 1, 0, 0, SD_POINT_SADDLE },
		{ "himmelblau", 9, 1, 3, 2, SD_POINT_MIN },
		{ "rosenbrock", 1, 1, 1, 1, SD_POINT_MIN },
		{ "beale", 0, 1, 3, 0.5, SD_POINT_MIN },
		{ "camel6", 15, 1, 0, 0, SD_POINT_SADDLE },
		/* 21 roots of x + πA sin 2πx per axis in ±5.12 (A = 10). */
		{ "rastrigin", 441, 1, 0, 0, SD_POINT_MIN },
		{ "monkey", 1, 0, 0, 0, SD_POINT_DEGENERATE_SADDLE },
		{ "cubic", 1, 0, 0, 0, SD_POINT_DEGENERATE_SADDLE },
		{ "linnet", 0, 0, 0, 0, SD_POINT_SADDLE },
	};
	sd_objective *obj;
	sd_point_list l;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof *cases; i++) {
		obj = test_objective_new(cases[i].name);
		find_slow(obj, &l);
		if (cases[i].n > 0)
			assert_int_equal(l.n, cases[i].n);
		assert_int_equal(l.complete, cases[i].complete);
		assert_true(l.boxes > 0);
		assert_int_equal(near(&l, cases[i].x, cases[i].y,
		    1e-9)->kind, cases[i].kind);
		sd_point_list_done(&l);
		sd_objective_free(obj);
	}
}

/* Through a rotated plane the chart coordinates are what is searched:
 * himmelblau's nine points all lie within 6 of the origin, so a rotated
 * ±6 window holds them all. */
static void
test_rotated(void **state)
{
	sd_objective *obj = test_objective_new("himmelblau");
	sd_finder_options o = { .certify_ms = TEST_MS };
	sd_window w = { -6, 6, -6, 6 };
	double origin[2] = { 0, 0 };
	char *cause = NULL;
	sd_point_list l;
	sd_chart chart;

	(void)state;
	assert_int_equal(sd_chart_init_random(&chart, obj, origin, 3, &cause),
	    0);
	assert_true(fabs(chart.u[0]) > 0.01 && fabs(chart.u[1]) > 0.01);
	assert_int_equal(sd_finder_run(obj, &chart, &w, &o, &l, &cause), 0);
	check_list(obj, &chart, &w, &l, 1e-9);
	assert_true(l.complete);
	assert_int_equal(l.n, 9);
	assert_int_equal(count_kind(&l, SD_POINT_MIN), 4);
	sd_point_list_done(&l);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* ---- complete: true is never wrong ------------------------------------- */

/* P(t) = ∫ c (t − r0)(t − r1)(t − r2) dt as formula text in variable v. */
static void
cubic_integral(char *buf, size_t n, const char *v, const double r[3],
    double c)
{
	double s1 = r[0] + r[1] + r[2];
	double s2 = r[0] * r[1] + r[0] * r[2] + r[1] * r[2];
	double s3 = r[0] * r[1] * r[2];

	snprintf(buf, n, "%.17g*(%s^4/4 - %.17g*%s^3/3 + %.17g*%s^2/2 - "
	    "%.17g*%s)", c, v, s1, v, s2, v, s3, v);
}

/* f = P(x) + Q(y): its points are the nine pairs of P' and Q' roots. For
 * random roots (some 1e-4 apart) the list, when it says complete, has
 * exactly those nine. */
static void
test_never_wrong(void **state)
{
	sd_window w = { -1, 1, -1, 1 };
	double r[2][3], gap;
	char p[256], q[256], text[600];
	unsigned long s = 7;
	sd_point_list l;
	sd_objective *o;
	int t, i, j, complete = 0;

	(void)state;
	for (t = 0; t < 12; t++) {
		for (i = 0; i < 2; i++) {
			gap = t % 3 == 0 ? 1e-4 : uniform(&s, 0.05, 0.5);
			r[i][0] = uniform(&s, -0.9, 0.3);
			r[i][1] = r[i][0] + gap;
			r[i][2] = uniform(&s, r[i][1] + 0.01, 0.9);
		}
		cubic_integral(p, sizeof p, "x", r[0], uniform(&s, 0.5, 5));
		cubic_integral(q, sizeof q, "y", r[1], -uniform(&s, 0.5, 5));
		snprintf(text, sizeof text, "%s + %s", p, q);
		find_expr(text, w, NULL, &l, &o);
		if (l.complete) {
			complete++;
			assert_int_equal(l.n, 9);
			for (i = 0; i < 3; i++)
				for (j = 0; j < 3; j++)
					near(&l, r[0][i], r[1][j], 1e-9);
		}
		sd_point_list_done(&l);
		sd_objective_free(o);
	}
	/* Simple roots all: every list should have been proven. */
	assert_int_equal(complete, 12);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enclosures),
		cmocka_unit_test(test_periodic),
		cmocka_unit_test(test_close_pair),
		cmocka_unit_test(test_close_grid),
		cmocka_unit_test(test_sines),
		cmocka_unit_test(test_far_well),
		cmocka_unit_test(test_kink),
		cmocka_unit_test(test_narrow),
		cmocka_unit_test(test_budget),
		cmocka_unit_test(test_uncertified),
		cmocka_unit_test(test_withdrawn),
		cmocka_unit_test(test_continuum),
		cmocka_unit_test(test_expressions),
		cmocka_unit_test(test_classic),
		cmocka_unit_test(test_rotated),
		cmocka_unit_test(test_never_wrong),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
