/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glm_ntk.c: glm's NTK model (§6.1, `ntk=1`): the model f_w(x) = σ(wᵀx)
 * linearized at w₀, g_w(x) = σ(w₀ᵀx) + σ'(w₀ᵀx)·(w − w₀)ᵀx, whose
 * squared loss is a least-squares problem (ntk.h) in the features
 * J_i = σ'(w₀ᵀx_i)·x_i. Unlike the network's, these features all point
 * along the samples themselves: with n ≥ d samples in general position
 * they have full rank d and the model one minimum; with n < d, a
 * continuum (glm.c). */
#include "config.h"

#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "base/error.h"
#include "base/vec.h"
#include "objectives/glm_impl.h"

/* The features into J (n×d, row-major) and the offsets
 * c_i = σ(t_i) − w₀ᵀJ_i − y_i, t_i = w₀ᵀx_i, into c. */
static void
glm_features(const struct glm_state *st, double *J, double *c)
{
	size_t i, k, n = st->n, d = st->model.d;
	double t, s, s1, s2;

	for (i = 0; i < n; i++) {
		for (t = 0, k = 0; k < d; k++)
			t += st->w0[k] * st->xt[glm_xat(st, k, i)];
		glm_sigmoid(t, &s, &s1, &s2);
		for (k = 0; k < d; k++)
			J[i * d + k] = s1 * st->xt[glm_xat(st, k, i)];
		c[i] = s - s1 * t - st->y[i];
	}
}

int
sd_glm_linearize(struct glm_state *st, gsl_rng *rng, double init,
    char **cause)
{
	size_t k, n = st->n, d = st->model.d;
	double *J;

	if ((st->w0 = malloc(d * sizeof *st->w0)) == NULL ||
	    (J = malloc((n * d + n) * sizeof *J)) == NULL) {
		free(st->w0);
		st->w0 = NULL;
		return sd_fail(cause, "out of memory");
	}
	for (k = 0; k < d; k++)
		st->w0[k] = init * gsl_ran_ugaussian(rng) / sqrt((double)d);
	glm_features(st, J, J + n * d);
	st->ntk = sd_ntk_new(n, d, J, J + n * d, st->w0, cause);
	free(J);
	if (st->ntk == NULL) {
		free(st->w0);
		st->w0 = NULL;
		return -1;
	}
	return 0;
}

int
sd_glm_ntk_chart(const struct glm_state *st, sd_chart *chart)
{
	return sd_ntk_chart(st->ntk, st->w0, st->model.wstar, chart);
}
