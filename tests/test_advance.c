/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_advance.c: sd_optimizer_advance(opt, n) takes the very steps that
 * n calls of sd_optimizer_iterate take (optimizer.h), for every method:
 * on himmelblau (gd's two-dimensional register loop, through fg2), on
 * beale (no fg2: the loop with the method's iterate built in), on the
 * tensor's sphere and on glm with d = 5. Every iterate that each() sees,
 * and the state where advance stops, agree bit for bit with a run of
 * single steps, in chunks of 1, 7 and all the steps at once; advance
 * stops where the stop rule says (‖g‖ < tol before a step, out of the
 * fence after one, each() nonzero, a step that fails) and a run resumed
 * after a stop goes on as if it had not stopped. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "objectives/objective.h"
#include "optimizers/optimizer.h"

#define STEPS	300
#define DIM_MAX	8

/* A run of single steps: every iterate, and how it ended. */
struct ref {
	size_t		 n;		/* iterates, iterate 0 included */
	double		 x[STEPS + 1][DIM_MAX];
	double		 f[STEPS + 1], gn[STEPS + 1];
	sd_step_status	 last;		/* of the step that ended it */
};

/* What each() compares against, and when it asks to stop. */
struct seen {
	const struct ref	*ref;
	size_t			 calls;
	size_t			 stop_at;	/* nonzero: stop at this iter */
};

/* Bitwise equality of doubles (NaN and -0 included). */
static int
same(const double *a, const double *b, size_t n)
{
	return memcmp(a, b, n * sizeof *a) == 0;
}

/* The optimizer's state against iterate k of ref. */
static void
check_at(const sd_optimizer *opt, const struct ref *ref, size_t k)
{
	assert_true(k < ref->n);
	assert_true(same(opt->x, ref->x[k], opt->dim));
	assert_true(same(&opt->f, &ref->f[k], 1));
	assert_true(same(&opt->grad_norm, &ref->gn[k], 1));
}

/* each(): the iterate just taken is ref's. */
static int
seen_each(void *ctx, const sd_optimizer *opt)
{
	struct seen *s = ctx;

	check_at(opt, s->ref, opt->iter);
	s->calls++;
	return s->stop_at != 0 && opt->iter == s->stop_at;
}

/* Record iterate k of opt. */
static void
record(struct ref *ref, const sd_optimizer *opt, size_t k)
{
	memcpy(ref->x[k], opt->x, opt->dim * sizeof *opt->x);
	ref->f[k] = opt->f;
	ref->gn[k] = opt->grad_norm;
	ref->n = k + 1;
}

/* Single steps from x0 until STEPS, ‖g‖ < tol before a step, or a failed
 * step. */
static void
reference(sd_optimizer *opt, const double *x0, double tol, struct ref *ref)
{
	assert_int_equal(sd_optimizer_set(opt, x0, 7, NULL), 0);
	record(ref, opt, 0);
	ref->last = SD_STEP_OK;
	while (opt->iter < STEPS && !(opt->grad_norm < tol)) {
		if ((ref->last = sd_optimizer_iterate(opt)) != SD_STEP_OK)
			break;
		record(ref, opt, opt->iter);
	}
}

/* The same run in calls of sd_optimizer_advance of chunk steps, each()
 * checking every iterate; returns how many calls it took. */
static size_t
chunks(sd_optimizer *opt, const double *x0, double tol, size_t chunk,
    const struct ref *ref)
{
	struct seen s = { ref, 0, 0 };
	sd_advance how = { .tol = tol, .each = seen_each, .ctx = &s };
	sd_step_status st = SD_STEP_OK;
	size_t calls = 0, before;

	assert_int_equal(sd_optimizer_set(opt, x0, 7, NULL), 0);
	while (opt->iter < STEPS && st == SD_STEP_OK) {
		before = opt->iter;
		st = sd_optimizer_advance(opt, chunk < STEPS - opt->iter ?
		    chunk : STEPS - opt->iter, &how);
		calls++;
		if (st == SD_STEP_OK && opt->iter - before < chunk &&
		    opt->iter < STEPS)
			break;		/* the stop rule: ‖g‖ < tol */
	}
	assert_int_equal(st, ref->last);
	assert_int_equal(opt->iter + 1, ref->n);
	assert_int_equal(s.calls, opt->iter);
	check_at(opt, ref, opt->iter);
	if (st == SD_STEP_OK && opt->iter < STEPS)
		assert_true(opt->grad_norm < tol);
	return calls;
}

/* No tol, no each, no fence (gd's register loop then takes ‖g‖'s root
 * once, at the end): the end state is ref's. */
static void
bare(sd_optimizer *opt, const double *x0, const struct ref *ref)
{
	assert_int_equal(sd_optimizer_set(opt, x0, 7, NULL), 0);
	assert_int_equal(sd_optimizer_advance(opt, STEPS, NULL), ref->last);
	assert_int_equal(opt->iter + 1, ref->n);
	check_at(opt, ref, opt->iter);
}

/* A fence about x0: advance stops after the first iterate not strictly
 * inside it, and a call again with the fence about that iterate goes
 * on; each() stopping at iter 5 stops there. */
static void
fenced(sd_optimizer *opt, const double *x0, const struct ref *ref)
{
	struct seen s = { ref, 0, 5 };
	double c[DIM_MAX], r2, d, u;
	sd_advance how = { .fence = c };
	sd_step_status st;
	size_t k, i, want;

	if (ref->n < 3)
		return;
	assert_int_equal(sd_optimizer_set(opt, x0, 7, NULL), 0);
	memcpy(c, ref->x[0], opt->dim * sizeof *c);
	for (d = 0, i = 0; i < opt->dim; i++) {
		u = ref->x[ref->n / 2][i] - c[i];
		d += u * u;
	}
	how.fence2 = r2 = d;
	for (want = 1; want < ref->n; want++) {
		for (d = 0, i = 0; i < opt->dim; i++) {
			u = ref->x[want][i] - c[i];
			d += u * u;
		}
		if (!(d < r2))
			break;
	}
	if (want == ref->n)
		return;
	assert_int_equal(sd_optimizer_advance(opt, STEPS, &how), SD_STEP_OK);
	assert_int_equal(opt->iter, want);
	check_at(opt, ref, want);
	/* A fence of radius 0 stops after every step. */
	how.fence2 = 0;
	for (k = want + 1; k < ref->n && k < want + 4; k++) {
		assert_int_equal(sd_optimizer_advance(opt, STEPS, &how),
		    SD_STEP_OK);
		check_at(opt, ref, k);
	}
	how = (sd_advance){ .each = seen_each, .ctx = &s };
	assert_int_equal(sd_optimizer_set(opt, x0, 7, NULL), 0);
	st = sd_optimizer_advance(opt, STEPS, &how);
	if (ref->n > 5) {
		assert_int_equal(st, SD_STEP_OK);
		assert_int_equal(opt->iter, 5);
		assert_int_equal(s.calls, 5);
	} else
		assert_int_equal(st, ref->last);
}

/* Every check for method name on obj from x0 (the tensor's sphere: its
 * first coordinates). tol_stop: a tol that stops the run on the way.
 * Returns how the run of STEPS steps ended. */
static sd_step_status
agree(const char *spec, const char *name, const char *set,
    const double *x0, double tol_stop)
{
	sd_objective *obj = sd_objective_new(spec, NULL);
	const sd_optimizer_type *type = sd_optimizer_lookup(name);
	struct ref *ref = calloc(1, sizeof *ref);
	sd_step_status last;
	sd_optimizer *opt;

	assert_non_null(obj);
	assert_non_null(type);
	assert_non_null(ref);
	assert_true(obj->dim <= DIM_MAX);
	assert_non_null(opt = sd_optimizer_new(type, obj, NULL));
	if (set != NULL)
		assert_int_equal(sd_optimizer_set_params(opt, set, NULL), 0);
	reference(opt, x0, 0, ref);
	last = ref->last;
	assert_int_equal(chunks(opt, x0, 0, 1, ref), ref->n - 1 +
	    (ref->last != SD_STEP_OK));
	chunks(opt, x0, 0, 7, ref);
	assert_int_equal(chunks(opt, x0, 0, STEPS, ref), 1);
	bare(opt, x0, ref);
	fenced(opt, x0, ref);
	if (tol_stop > 0) {
		reference(opt, x0, tol_stop, ref);
		chunks(opt, x0, tol_stop, 7, ref);
		chunks(opt, x0, tol_stop, STEPS, ref);
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
	free(ref);
	return last;
}

/* Every method on the plane objectives, with and without fg2. */
static void
test_plane(void **unused)
{
	static const double x0[2] = { -2.25, 3.75 }, b0[2] = { -1, 1.5 };
	const sd_optimizer_type *type;
	size_t i;

	(void)unused;
	assert_non_null(sd_objective_lookup("himmelblau")->fg2);
	assert_null(sd_objective_lookup("beale")->fg2);
	for (i = 0; (type = sd_optimizer_types[i]) != NULL; i++) {
		agree("himmelblau", type->name, NULL, x0, 1e-3);
		agree("beale", type->name, NULL, b0, 1e-2);
	}
}

/* A step that diverges: the state is the last finite iterate's, in the
 * register loop and in the generic one. */
static void
test_diverge(void **unused)
{
	static const double far[2] = { 40, -35 };

	(void)unused;
	assert_int_equal(agree("himmelblau", "gd", "lr=0.5", far, 0),
	    SD_STEP_DIVERGED);
	assert_int_equal(agree("beale", "gd", "lr=0.5", far, 0),
	    SD_STEP_DIVERGED);
	assert_int_equal(agree("himmelblau", "momentum", "lr=0.5", far, 0),
	    SD_STEP_DIVERGED);
	assert_int_equal(agree("himmelblau", "nesterov", "lr=0.5", far, 0),
	    SD_STEP_DIVERGED);
}

/* Every method on the sphere and in five dimensions. */
static void
test_manifolds(void **unused)
{
	static const double s0[3] = { 0.6, -0.48, 0.64 };
	static const double g0[5] = { 1, -0.5, 0.25, 2, -1 };
	const sd_optimizer_type *type;
	size_t i;

	(void)unused;
	for (i = 0; (type = sd_optimizer_types[i]) != NULL; i++) {
		agree("tensor", type->name, NULL, s0, 1e-4);
		agree("glm:d=5,n=50", type->name, NULL, g0, 1e-4);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plane),
		cmocka_unit_test(test_diverge),
		cmocka_unit_test(test_manifolds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
