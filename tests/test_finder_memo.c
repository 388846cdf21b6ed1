/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_finder_memo.c: the matrix-free finder's memos (finder_krylov.c)
 * return the bits a new computation would, without its products: the
 * ring of MINRES steps keeps the steps of several points (Newton runs
 * end at each root before any is classified) and forgets the oldest;
 * classification's tolerance takes ∇²f(x) times each Ritz vector once.
 * Products are counted through a copy of twolayer's type whose hvp
 * hooks count their calls. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/vec.h"
#include "testutil.h"
#include "landscape/finder_impl.h"

/* The hooks counted, and how often they were called. */
static const sd_objective_type *real;
static size_t products;

static void
count_hvp(const void *state, const double *x, const double *v, double *hv)
{
	products++;
	real->hvp(state, x, v, hv);
}

static void
count_prepared(const void *state, const void *prep, const double *v,
    double *hv)
{
	products++;
	real->hvp_prepared(state, prep, v, hv);
}

/* A d = 256 twolayer (matrix-free) whose products are counted: its data
 * under a counting copy of its type, and the finder's scratch for it. */
struct counted {
	sd_objective		*obj;
	sd_objective_type	 type;
	sd_objective		 c;
	struct finder_work	 fw;
};

static void
counted_open(struct counted *t)
{
	t->obj = test_objective_new("twolayer:k=16,m=16,n=600");
	real = t->obj->type;
	t->type = *real;
	t->type.hvp = count_hvp;
	t->type.hvp_prepared = count_prepared;
	t->c = *t->obj;
	t->c.type = &t->type;
	assert_int_equal(sd_finder_work_init(&t->fw, &t->c, 1, NULL), 0);
	assert_true(t->fw.krylov);
}

static void
counted_close(struct counted *t)
{
	sd_finder_work_done(&t->fw);
	sd_objective_free(t->obj);
}

/* Point j of a family of distinct points. */
static void
point(double *x, size_t d, size_t j)
{
	size_t k;

	for (k = 0; k < d; k++)
		x[k] = 0.3 * sin(1.0 + (double)k * (0.7 + 0.1 * (double)j));
}

/* The step at x of the family (g: ∇f there), its products into *spent. */
static double
step_at(struct finder_work *fw, const double *x, double *g, double *s,
    size_t *spent)
{
	double ns;

	sd_objective_gradient(fw->obj, x, g);
	assert_int_equal(sd_finder_prepare(fw, x), 0);
	products = 0;
	ns = sd_finder_krylov_step(fw, g, s, FINDER_PINV);
	*spent = products;
	return ns;
}

/* Steps at FINDER_STEP_MEMOS points, then again at each: the same bits
 * and ‖s‖, no product; one point more forgets the first, whose step is
 * then solved again — to the same bits. */
static void
test_step_ring(void **unused)
{
	struct counted t;
	size_t d, j, spent, n = FINDER_STEP_MEMOS;
	double *x, *g, *s, *keep, ns[FINDER_STEP_MEMOS + 1];

	(void)unused;
	counted_open(&t);
	d = t.obj->dim;
	x = malloc((3 + n + 1) * d * sizeof *x);
	assert_non_null(x);
	g = x + d;
	s = g + d;
	keep = s + d;
	for (j = 0; j <= n; j++) {
		point(x, d, j);
		ns[j] = step_at(&t.fw, x, g, keep + j * d, &spent);
		assert_true(spent > 0);
	}
	/* Points 1 .. n are kept; point 0 was the oldest. */
	for (j = 1; j <= n; j++) {
		point(x, d, j);
		assert_true(step_at(&t.fw, x, g, s, &spent) == ns[j]);
		assert_int_equal(spent, 0);
		assert_memory_equal(s, keep + j * d, d * sizeof *s);
	}
	point(x, d, 0);
	assert_true(step_at(&t.fw, x, g, s, &spent) == ns[0]);
	assert_true(spent > 0);
	assert_memory_equal(s, keep, d * sizeof *s);
	free(x);
	counted_close(&t);
}

/* Classifying a point twice in a row: the second time its MINRES step
 * is the memo's, and its tolerance's products at x are three (v_min,
 * v_max, s) where they were five; the class and the extremes have the
 * same bits. */
static void
test_classify_again(void **unused)
{
	struct counted t;
	struct finder_class a, b;
	size_t d, first, second;
	double *x;
	int rc;

	(void)unused;
	counted_open(&t);
	d = t.obj->dim;
	x = malloc(3 * d * sizeof *x);
	assert_non_null(x);
	a.lam = x + d;
	b.lam = a.lam + d;
	point(x, d, 0);
	sd_objective_gradient(&t.c, x, t.fw.g);
	assert_true(sd_norm(t.fw.g, d) > 0);
	a.kind = b.kind = SD_POINT_MIN;
	products = 0;
	rc = sd_finder_krylov_classify(&t.fw, x, &a);
	first = products;
	products = 0;
	assert_int_equal(sd_finder_krylov_classify(&t.fw, x, &b), rc);
	second = products;
	assert_true(rc >= 0);
	assert_int_equal(a.n_eigen, 2);
	assert_memory_equal(a.lam, b.lam, 2 * sizeof *a.lam);
	assert_int_equal(a.kind, b.kind);
	/* Lanczos again, three products at x and five at the moved points;
	 * no MINRES, which took more than one product the first time. */
	assert_true(second + 2 <= first);
	print_message("classify: %zu products, again %zu\n", first, second);
	free(x);
	counted_close(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_ring),
		cmocka_unit_test(test_classify_again),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
