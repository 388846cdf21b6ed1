/* SPDX-License-Identifier: GPL-3.0-or-later */
/* twolayer_model.c: twolayer's teacher (its width kt, what a student can
 * reach) and its NTK model (§6.1, `ntk=1`): the features of the network's
 * linearization at θ₀ and the chart through θ₀ (see twolayer.c, ntk.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "base/error.h"
#include "base/vec.h"
#include "base/linalg.h"
#include "objectives/twolayer_impl.h"

/* The teacher: orthonormal rows when k ≤ m, else random unit rows. */
void
sd_twolayer_draw_teacher(gsl_rng *rng, double *t, size_t k, size_t m)
{
	double q[TWOLAYER_M_MAX * TWOLAYER_M_MAX];
	size_t j;

	if (k <= m) {
		sd_random_orthogonal(rng, q, m);
		memcpy(t, q, k * m * sizeof *t);
		return;
	}
	for (j = 0; j < k; j++)
		sd_random_unit(rng, t + j * m, m);
}

/* Zero when the student is at least as wide as its teacher (the padded
 * teacher fits every label), else not known. */
double
sd_twolayer_fmin(const void *state)
{
	const struct twolayer_state *st = state;

	return st->k >= st->kt ? 0 : NAN;
}

/* θ*, when the teacher has the student's shape. */
const double *
sd_twolayer_planted(const void *state)
{
	const struct twolayer_state *st = state;

	return st->k == st->kt ? st->teacher : NULL;
}

/* The features ∇_θ f_θ₀(x_i) (block j: φ'(w_jᵀx_i) x_i) into J and the
 * offsets f_θ₀(x_i) − ⟨θ₀, J_i⟩ − y_i into c (ntk.h). */
static void
twolayer_features(const struct twolayer_state *st, double *J, double *c)
{
	size_t i, j, D = st->k * st->m;
	const double *x, *w;
	double p, p1, p2;

	for (i = 0; i < st->n; i++) {
		x = st->x + i * st->m;
		c[i] = -st->y[i];
		for (j = 0; j < st->k; j++) {
			w = st->theta0 + j * st->m;
			st->phi(sd_dot(w, x, st->m), &p, &p1, &p2);
			memset(J + i * D + j * st->m, 0, st->m * sizeof *J);
			sd_axpy(p1, x, J + i * D + j * st->m, st->m);
			c[i] += p;
		}
		c[i] -= sd_dot(J + i * D, st->theta0, D);
	}
}

/* ntk=1: θ₀ from rng, then the linearized loss. */
int
sd_twolayer_linearize(struct twolayer_state *st, gsl_rng *rng, double init,
    char **cause)
{
	size_t i, D = st->k * st->m;
	double *J;

	if ((st->theta0 = malloc(D * sizeof *st->theta0)) == NULL ||
	    (J = malloc((st->n * D + st->n) * sizeof *J)) == NULL) {
		free(st->theta0);
		return sd_fail(cause, "out of memory");
	}
	for (i = 0; i < D; i++)
		st->theta0[i] = init * gsl_ran_ugaussian(rng) /
		    sqrt((double)st->m);
	twolayer_features(st, J, J + st->n * D);
	st->ntk = sd_ntk_new(st->n, D, J, J + st->n * D, st->theta0, cause);
	free(J);
	if (st->ntk == NULL) {
		free(st->theta0);
		return -1;
	}
	return 0;
}

/* ntk=1: the model's chart (sd_ntk_chart), towards the teacher. */
int
sd_twolayer_ntk_chart(const sd_objective *obj, sd_chart *chart)
{
	const struct twolayer_state *st = obj->state;

	return sd_ntk_chart(st->ntk, st->theta0, st->teacher, chart);
}
