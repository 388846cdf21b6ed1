/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_optimizer_copy.c: sd_optimizer_copy. A copy taken after a few
 * steps continues bit for bit as the original does (same statuses, same
 * x, g, f and ‖g‖ after every step), for every method that has a copy
 * hook, on R² (himmelblau), on an objective made of samples (glm, where
 * sgd draws minibatches) and on the sphere (tensor); the original is
 * freed before the copy steps, so the copy shares none of its memory.
 * Every method has a copy hook; a method without one (a copy of adam's
 * table without it, here) cannot be copied and says so. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "testutil.h"
#include "optimizer_util.h"

/* Steps before the copy, and steps compared after it. */
#define BEFORE	3
#define AFTER	12
#define DIM_MAX	3

/* What one step left: its status and the iterate, bit for bit. */
typedef struct snapshot {
	sd_step_status	status;
	size_t		iter;
	double		f, grad_norm;
	double		x[DIM_MAX], g[DIM_MAX];
} snapshot;

static void
snap(const sd_optimizer *opt, sd_step_status st, snapshot *s)
{
	memset(s, 0, sizeof *s);
	s->status = st;
	s->iter = opt->iter;
	s->f = opt->f;
	s->grad_norm = opt->grad_norm;
	memcpy(s->x, opt->x, opt->dim * sizeof *s->x);
	memcpy(s->g, opt->g, opt->dim * sizeof *s->g);
}

/* Parameters that make each method use all of its state: pgd perturbs
 * every other step (its generator and t_noise), sgd draws minibatches. */
static const char *
copy_set(const char *name, const sd_objective *obj)
{
	if (strcmp(name, "pgd") == 0)
		return "g_thres=1e9,t_thres=1";
	if (strcmp(name, "sgd") == 0 && obj->dim == 3)
		return "batch=4";
	return NULL;
}

/* The original's and the copy's next AFTER steps agree, bit for bit. */
static void
copy_continues(const char *name, const sd_objective *obj, const double *x0)
{
	snapshot want[AFTER], got;
	sd_optimizer *opt, *copy;
	char *cause = NULL;
	int i;

	opt = optimizer(name, obj, copy_set(name, obj), x0, 7);
	for (i = 0; i < BEFORE; i++)
		(void)sd_optimizer_iterate(opt);
	copy = sd_optimizer_copy(opt, &cause);
	if (copy == NULL)
		fail_msg("%s on %s: %s", name, obj->spec, cause);
	for (i = 0; i < AFTER; i++)
		snap(opt, sd_optimizer_iterate(opt), &want[i]);
	sd_optimizer_free(opt);
	for (i = 0; i < AFTER; i++) {
		snap(copy, sd_optimizer_iterate(copy), &got);
		if (memcmp(&got, &want[i], sizeof got) != 0)
			fail_msg("%s on %s: step %d after the copy differs",
			    name, obj->spec, BEFORE + i + 1);
	}
	assert_int_equal(copy->iter, want[AFTER - 1].iter);
	sd_optimizer_free(copy);
}

static void
test_copy_continues(void **state)
{
	static const char *const specs[] = { "himmelblau",
	    "glm:d=3,n=40", "tensor" };
	static const double x0[][DIM_MAX] = { { 0.3, -0.7, 0 },
	    { 0.4, -0.2, 0.1 }, { 0.6, 0.5, -0.2 } };
	const sd_optimizer_type *const *t;
	sd_objective *obj;
	size_t k, copied = 0;

	(void)state;
	for (k = 0; k < sizeof specs / sizeof *specs; k++) {
		obj = objective(specs[k]);
		assert_true(obj->dim <= DIM_MAX);
		for (t = sd_optimizer_types; *t != NULL; t++) {
			assert_true((*t)->copy != NULL ||
			    (*t)->state_size == 0);
			copy_continues((*t)->name, obj, x0[k]);
			copied++;
		}
		sd_objective_free(obj);
	}
	/* Every method, on each objective. */
	for (t = sd_optimizer_types, k = 0; *t != NULL; t++)
		k++;
	assert_int_equal(copied, 3 * k);
}

static void
test_no_hook_says_no(void **state)
{
	static const double x0[] = { 0.3, -0.7 };
	sd_optimizer_type nocopy = *sd_optimizer_lookup("adam");
	sd_objective *obj = objective("himmelblau");
	sd_optimizer *opt;
	char *cause = NULL;

	(void)state;
	nocopy.name = "nocopy";
	nocopy.copy = NULL;
	assert_non_null(opt = sd_optimizer_new(&nocopy, obj, NULL));
	assert_int_equal(sd_optimizer_set(opt, x0, 1, NULL), 0);
	assert_null(sd_optimizer_copy(opt, &cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "nocopy"));
	free(cause);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_copy_continues),
		cmocka_unit_test(test_no_hook_says_no),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
