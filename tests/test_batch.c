/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_batch.c: the batch engine takes, run for run, the very steps the
 * one-run engine takes (optimizers/batch.h): for every method with a
 * batch rule (gd, momentum, nesterov, adagrad, rmsprop, adam, and the
 * random pgd and sgd, each run seeded as alone), on objectives with a
 * batch evaluation (himmelblau, a formula) and on one without (beale,
 * through the loop), every iterate, f, ‖g‖, iteration count and
 * step status agree bit for bit, including runs that diverge; a step
 * notices just the runs a survey must look at; and the batch evaluation
 * equals f and ∇f point by point. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "expr/expr.h"
#include "objectives/objective.h"
#include "optimizers/batch.h"
#include "optimizers/optimizer.h"

#define RUNS	37	/* not a multiple of any vector width */
#define STEPS	200

/* Start j: spread over [-6, 6]², and far out for every seventh run so
 * that some runs diverge on the way. */
static void
start(size_t j, double *x0)
{
	double far = j % 7 == 0 ? 1e3 : 1;

	x0[0] = far * (-6 + 12 * (double)((j * 17) % RUNS) / RUNS);
	x0[1] = far * (-6 + 12 * (double)((j * 29) % RUNS) / RUNS);
}

/* Run j's view into views[j], its iterate into xv[j]. */
static void
keep(const sd_batch *b, size_t j, sd_optimizer *views, double (*xv)[2])
{
	sd_batch_view(b, j, &views[j], xv[j]);
	views[j].x = NULL;
}

/* Run name on obj RUNS times alone and once batched (a run leaves the
 * batch at its first failed step, as in a survey, and is seen then: the
 * batch keeps no state of a run that is not going); compare. The plain
 * gradient methods diverge from the far starts; the adaptive ones, whose
 * steps are bounded by lr, do not. */
static void
agree(sd_objective *obj, const char *name, const char *set, int diverges)
{
	const sd_optimizer_type *type = sd_optimizer_lookup(name);
	unsigned char active[SD_BATCH_RUNS] = { 0 };
	sd_step_status st, last[RUNS], alone;
	sd_optimizer *opt, views[RUNS];
	size_t j, k, diverged = 0;
	double x0[2], xv[RUNS][2];
	sd_batch *b;

	assert_non_null(type);
	assert_non_null(obj);
	assert_true(sd_batch_supports(type, obj));
	assert_non_null(opt = sd_optimizer_new(type, obj, NULL));
	if (set != NULL)
		assert_int_equal(sd_optimizer_set_params(opt, set, NULL), 0);
	assert_non_null(b = sd_batch_new(type, obj, opt->params, NULL));
	for (j = 0; j < RUNS; j++) {
		start(j, x0);
		active[j] = sd_batch_set(b, j, x0, 1000 + j) == 0;
		last[j] = SD_STEP_OK;
	}
	for (k = 0; k < STEPS; k++) {
		sd_batch_iterate(b, RUNS, active);
		for (j = 0; j < RUNS; j++) {
			if (active[j] && (st = sd_batch_status(b, j)) !=
			    SD_STEP_OK) {
				active[j] = 0;
				last[j] = st;
				keep(b, j, views, xv);
			}
		}
	}
	for (j = 0; j < RUNS; j++) {
		if (active[j])
			keep(b, j, views, xv);
		start(j, x0);
		if (sd_optimizer_set(opt, x0, 1000 + j, NULL) != 0) {
			assert_false(active[j]);
			continue;
		}
		alone = SD_STEP_OK;
		for (k = 0; k < STEPS && alone == SD_STEP_OK; k++)
			alone = sd_optimizer_iterate(opt);
		assert_int_equal(alone, last[j]);
		diverged += alone == SD_STEP_DIVERGED;
		assert_int_equal(views[j].iter, opt->iter);
		assert_memory_equal(xv[j], opt->x, sizeof xv[j]);
		assert_memory_equal(&views[j].f, &opt->f, sizeof views[j].f);
		assert_memory_equal(&views[j].grad_norm, &opt->grad_norm,
		    sizeof views[j].grad_norm);
	}
	assert_int_equal(diverged > 0, diverges);
	sd_batch_free(b);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* himmelblau has a batch evaluation; check it is really used. */
static void
test_classic(void **unused)
{
	sd_objective *obj = sd_objective_new("himmelblau", NULL);

	(void)unused;
	assert_non_null(obj);
	assert_non_null(obj->type->fg_batch);
	agree(obj, "gd", NULL, 1);
	agree(sd_objective_new("himmelblau", NULL), "momentum", "beta=0.5", 1);
	agree(sd_objective_new("himmelblau", NULL), "adagrad", NULL, 0);
	agree(sd_objective_new("himmelblau", NULL), "rmsprop", NULL, 0);
	agree(sd_objective_new("himmelblau", NULL), "adam", NULL, 0);
	agree(sd_objective_new("himmelblau", NULL), "nesterov", "beta=0.5",
	    1);
}

/* The random methods draw from a generator per run, seeded per run:
 * each run of the batch draws what it draws alone (pgd perturbs often
 * with these thresholds: every 10 steps where ‖g‖ ≤ 10). */
static void
test_random(void **unused)
{
	(void)unused;
	agree(sd_objective_new("himmelblau", NULL), "sgd", "sigma=5", 1);
	agree(sd_objective_new("himmelblau", NULL), "pgd",
	    "g_thres=10,t_thres=10,r=0.5", 1);
	agree(sd_objective_new("camel6", NULL), "pgd",
	    "g_thres=1e9,t_thres=3,r=0.1", 1);
}

/* A formula has the batch interpreter (expr.h); beale has no batch
 * evaluation: the loop over f and grad. */
static void
test_formula(void **unused)
{
	const char *text = "(x^2+y-11)^2 + (x+y^2-7)^2 + sin(x*y)";
	sd_objective *obj = sd_objective_new_expr(text, NULL);

	(void)unused;
	assert_non_null(obj);
	assert_non_null(obj->type->fg_batch);
	agree(obj, "gd", NULL, 1);
	agree(sd_objective_new_expr(text, NULL), "momentum", NULL, 1);
	agree(sd_objective_new_expr(text, NULL), "adam", NULL, 0);
	agree(sd_objective_new_expr(text, NULL), "nesterov", NULL, 1);
	assert_non_null(obj = sd_objective_new("beale", NULL));
	assert_null(obj->type->fg_batch);
	agree(obj, "gd", NULL, 1);
	agree(sd_objective_new("beale", NULL), "adam", NULL, 0);
}

/* The batch evaluation is f and ∇f point by point, bit for bit. */
static void
test_fg_batch(void **unused)
{
	static const char *const specs[] = { "himmelblau", "rosenbrock",
	    "camel6", "doublewell" };
	double x[2][RUNS], f[RUNS], g[2][RUNS], p[2], q[2], work[4];
	const double *xs[2] = { x[0], x[1] };
	double *gs[2] = { g[0], g[1] };
	sd_objective *obj;
	size_t i, j;

	(void)unused;
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		assert_non_null(obj = sd_objective_new(specs[i], NULL));
		assert_non_null(obj->type->fg_batch);
		for (j = 0; j < RUNS; j++) {
			start(j, p);
			x[0][j] = p[0];
			x[1][j] = p[1];
		}
		sd_objective_fg_batch(obj, RUNS, xs, f, gs, work);
		for (j = 0; j < RUNS; j++) {
			p[0] = x[0][j];
			p[1] = x[1][j];
			sd_objective_gradient(obj, p, q);
			assert_true(f[j] == sd_objective_f(obj, p));
			assert_true(g[0][j] == q[0] && g[1][j] == q[1]);
		}
		sd_objective_free(obj);
	}
}

/* A step notices exactly the going runs that failed, fell below tol,
 * reached the step budget or left their fence; the others are quiet
 * (checked against each run's own view, every step). */
static void
test_notice(void **unused)
{
	sd_objective *obj = sd_objective_new("himmelblau", NULL);
	const sd_optimizer_type *gd = sd_optimizer_lookup("gd");
	unsigned char active[SD_BATCH_RUNS] = { 0 };
	double x0[2], fx[RUNS][2], xv[2], r[RUNS], d, tol = 1e-3;
	size_t j, k, noticed, want, steps = 150, seen = 0, quiet = 0;
	sd_optimizer v;
	sd_batch *b;

	(void)unused;
	assert_non_null(obj);
	assert_non_null(b = sd_batch_new(gd, obj, obj->params, NULL));
	sd_batch_stop(b, tol, steps);
	for (j = 0; j < RUNS; j++) {
		start(j, x0);
		active[j] = sd_batch_set(b, j, x0, 0) == 0;
		r[j] = j % 3 == 0 ? 0 : 0.05 * (double)(j % 5);
		sd_batch_fence(b, j, r[j]);
		memcpy(fx[j], x0, sizeof x0);
	}
	for (k = 0; k < steps; k++) {
		noticed = sd_batch_iterate(b, RUNS, active);
		for (want = 0, j = 0; j < RUNS; j++) {
			if (!active[j])
				continue;
			sd_batch_view(b, j, &v, xv);
			d = hypot(xv[0] - fx[j][0], xv[1] - fx[j][1]);
			if (sd_batch_status(b, j) != SD_STEP_OK ||
			    v.grad_norm < tol || v.iter >= steps ||
			    r[j] == 0 || d > r[j] * 1.000001)
				assert_true(sd_batch_noticed(b, j));
			else if (d < r[j] * 0.999999) {
				assert_false(sd_batch_noticed(b, j));
				quiet++;
			}
			want += sd_batch_noticed(b, j);
			if (sd_batch_noticed(b, j) &&
			    sd_batch_status(b, j) == SD_STEP_OK) {
				sd_batch_fence(b, j, r[j]);
				memcpy(fx[j], xv, sizeof xv);
			}
			if (sd_batch_status(b, j) != SD_STEP_OK ||
			    v.grad_norm < tol || v.iter >= steps)
				active[j] = 0;
		}
		assert_int_equal(noticed, want);
		seen += noticed;
	}
	assert_true(seen > 0 && quiet > 0);
	for (j = 0; j < RUNS; j++)
		assert_false(active[j]);
	sd_batch_free(b);
	sd_objective_free(obj);
}

/* Methods without a batch rule, sphere objectives and sgd on an
 * objective made of samples (minibatches) are refused. */
static void
test_supports(void **unused)
{
	sd_objective *h = sd_objective_new("himmelblau", NULL), *g;

	(void)unused;
	assert_false(sd_batch_supports(sd_optimizer_lookup("bfgs"), h));
	assert_true(sd_batch_supports(sd_optimizer_lookup("sgd"), h));
	assert_non_null(g = sd_objective_new("glm", NULL));
	assert_non_null(g->type->samples);
	assert_false(sd_batch_supports(sd_optimizer_lookup("sgd"), g));
	assert_true(sd_batch_supports(sd_optimizer_lookup("gd"), g));
	sd_objective_free(g);
	assert_null(sd_batch_new(sd_optimizer_lookup("newton"), h,
	    h->params, NULL));
	sd_objective_free(h);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classic),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_formula),
		cmocka_unit_test(test_fg_batch),
		cmocka_unit_test(test_notice),
		cmocka_unit_test(test_supports),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
