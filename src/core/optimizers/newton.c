/* SPDX-License-Identifier: GPL-3.0-or-later */
/* opt_newton.c: pure Newton, x ← x − H⁻¹g. It solves ∇f = 0 and is
 * therefore attracted by saddles as much as by minima: the reason the
 * chapter's local methods add noise or a cubic term instead (I. Newton,
 * J. Raphson; for the saddle behaviour see Dauphin et al., Identifying
 * and attacking the saddle point problem, NIPS 2014). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

/* The state is the decomposition and its work arrays. */
static int
newton_alloc(void *state, size_t dim)
{
	return sd_eigen_alloc(state, dim);
}

/* One Newton step, solved in H's eigenbasis; a singular H (smallest
 * |eigenvalue| ≤ SD_SINGULAR_RTOL times the largest) takes no step. On a
 * sphere H is the Riemannian Hessian on the tangent space. */
static sd_step_status
newton_iterate(void *state, sd_optimizer *opt)
{
	sd_eigen *e = state;
	double big = 0;
	size_t i;

	if (sd_eigen_decompose(e, opt) != 0)
		return SD_STEP_DIVERGED;
	for (i = 0; i < e->n; i++)
		big = fmax(big, fabs(e->lambda[i]));
	for (i = 0; i < e->n; i++) {
		if (!(fabs(e->lambda[i]) > SD_SINGULAR_RTOL * big))
			return SD_STEP_SINGULAR;
		e->c[i] = -e->gq[i] / e->lambda[i];
	}
	sd_eigen_step(e, opt->x, e->c, opt->trial);
	return SD_STEP_OK;
}

/* Release the decomposition. */
static void
newton_free(void *state)
{
	sd_eigen_free(state);
}

const sd_optimizer_type sd_optimizer_newton = {
	.name = "newton",
	.summary = "pure Newton: converges to whatever stationary point is "
	    "near, saddles included",
	.rule = "x ← x − H⁻¹g",
	.reference = "Newton–Raphson; its attraction to saddles: Y. Dauphin "
	    "et al., Identifying and attacking the saddle point problem in "
	    "high-dimensional non-convex optimization, NIPS 2014",
	.params = NULL,
	.state_size = sizeof(sd_eigen),
	.alloc = newton_alloc,
	.iterate = newton_iterate,
	.free = newton_free,
};
