/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_glm_pop_rule.c: glm-pop's quadrature sums (glm_pop_rule.c), which
 * take e^{−(αz1 + βz2)} as a product of per-axis factors, against the
 * same sums written plainly: GSL's Hermite rule, every node pair whose
 * weight is at least 1e-12, one exp per pair. Near the origin (the
 * factored form) and far out (where a factor would overflow and each
 * pair takes its own exp), for several node counts. And the gradient
 * on either side of the axis of w*, where it switches to its β → 0
 * limit. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_rng.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/glm_impl.h"
#include "objectives/objective.h"
#include "testutil.h"

#define RULE_PRUNE	1e-12
#define RULE_POINTS	200

/* The plain sums: c as sd_glm_pop_sums gives them, and in scale the
 * same sums of absolute values (what rounding is relative to). */
static size_t
plain_sums(size_t m, double wnorm, double alpha, double beta, double *c,
    double *scale)
{
	gsl_integration_fixed_workspace *ws = gsl_integration_fixed_alloc(
	    gsl_integration_fixed_hermite, m, 0, 0.5, 0, 0);
	const double *z = gsl_integration_fixed_nodes(ws);
	const double *w0 = gsl_integration_fixed_weights(ws);
	double sum = 0, w, v, p, pp, r, s, h1, h2, t[6];
	size_t a, b, i, n = 0;

	memset(c, 0, 6 * sizeof *c);
	memset(scale, 0, 6 * sizeof *scale);
	for (a = 0; a < m; a++)
		sum += w0[a];
	for (a = 0; a < m; a++) {
		for (b = 0; b < m; b++) {
			if ((w = w0[a] / sum * (w0[b] / sum)) < RULE_PRUNE)
				continue;
			n++;
			s = 1 / (1 + exp(-(wnorm * z[a])));
			v = 1 / (1 + exp(-(alpha * z[a] + beta * z[b])));
			p = v * (1 - v);
			pp = p * (1 - 2 * v);
			r = v - s;
			h1 = w * r * p;
			h2 = w * (p * p + r * pp);
			t[0] = w * r * r;
			t[1] = h1 * z[a];
			t[2] = h1 * z[b];
			t[3] = h2 * z[a] * z[a];
			t[4] = h2 * z[a] * z[b];
			t[5] = h2 * z[b] * z[b];
			for (i = 0; i < 6; i++) {
				c[i] += t[i];
				scale[i] += fabs(t[i]);
			}
		}
	}
	gsl_integration_fixed_free(ws);
	return n;
}

/* At (α, β): each sum within 1e-12 of the plain one, relative to the
 * sum of its terms' sizes. */
static void
check_at(const struct glm_pop_rule *r, double wnorm, double alpha,
    double beta)
{
	double c[6], want[6], scale[6];
	size_t i;

	assert_int_equal(plain_sums(r->m, wnorm, alpha, beta, want, scale),
	    r->n);
	sd_glm_pop_sums(r, alpha, beta, c);
	for (i = 0; i < 6; i++) {
		if (!(fabs(c[i] - want[i]) <= 1e-12 * scale[i])) {
			fail_msg("m = %zu, (α, β) = (%g, %g): sum %zu is %.17g, "
			    "plainly %.17g (terms' sizes %g)", r->m, alpha, beta,
			    i, c[i], want[i], scale[i]);
		}
	}
}

/* Random (α, β) within radius of 0, β ≥ 0; the far ones past the
 * factored form's reach (|α| + |β| > 700 / max|z|) when far is set. */
static void
check_rule(size_t m, double wnorm, double radius, int far)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct glm_pop_rule r;
	double alpha, beta;
	char *cause = NULL;
	size_t k, beyond = 0;

	assert_non_null(rng);
	assert_int_equal(sd_glm_pop_rule_init(&r, m, wnorm, &cause), 0);
	assert_true(r.zmax > 1);
	for (k = 0; k < RULE_POINTS; k++) {
		alpha = radius * (2 * gsl_rng_uniform(rng) - 1);
		beta = radius * gsl_rng_uniform(rng);
		beyond += (fabs(alpha) + beta) * r.zmax > 700;
		check_at(&r, wnorm, alpha, beta);
	}
	check_at(&r, wnorm, 0, 0);
	check_at(&r, wnorm, wnorm, 0);
	if (far)
		assert_true(beyond > RULE_POINTS / 4);
	else
		assert_int_equal(beyond, 0);
	sd_glm_pop_rule_done(&r);
	gsl_rng_free(rng);
}

static void
test_near(void **unused)
{
	(void)unused;
	check_rule(48, 2, 8, 0);
	check_rule(4, 2, 8, 0);
	check_rule(17, 0.5, 20, 0);
	check_rule(200, 10, 8, 0);
}

static void
test_far(void **unused)
{
	(void)unused;
	check_rule(48, 2, 300, 1);
	check_rule(200, 10, 1000, 1);
}

/* The default chart is the plane of w* (at (‖w*‖, 0)) and a direction
 * ⟂ w*, so b is β up to sign. ∇L's component along that direction over
 * b is the same just inside and just outside the band β < 1e-9·(1 + |α|)
 * where the limit takes over (it was 0 inside: the finder then stopped
 * anywhere in the band, at b = ±6e-10), and the finder's minimum is w*
 * with b at rounding's level. */
static void
test_axis(void **unused)
{
	sd_objective *obj = test_objective_new("glm-pop");
	double w[2], g[2], q[2], a, b, off, ratio[2];
	const double bs[2] = { 2.9e-9, 3.1e-9 };
	sd_point_list list;
	char *cause = NULL;
	sd_chart chart;
	size_t i;

	(void)unused;
	assert_int_equal(sd_chart_init_default(&chart, obj, &cause), 0);
	for (i = 0; i < 2; i++) {
		sd_chart_lift(&chart, 2, bs[i], w);
		sd_objective_gradient(obj, w, g);
		ratio[i] = (g[0] * chart.v[0] + g[1] * chart.v[1]) / bs[i];
		assert_true(ratio[i] > 1e-3);
	}
	assert_true(fabs(ratio[0] - ratio[1]) <= 1e-6 * ratio[1]);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    &cause), 0);
	assert_int_equal(list.n, 1);
	q[0] = list.points[0].x[0];
	q[1] = list.points[0].x[1];
	sd_chart_project(&chart, q, &a, &b, &off);
	assert_true(fabs(a - 2) < 1e-14 && fabs(b) < 1e-14);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_near),
		cmocka_unit_test(test_far),
		cmocka_unit_test(test_axis),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
