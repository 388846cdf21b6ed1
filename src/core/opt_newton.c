/* opt_newton.c: pure Newton, x ← x − H⁻¹g. It solves ∇f = 0 and is
 * therefore attracted by saddles as much as by minima: the reason the
 * chapter's local methods add noise or a cubic term instead (I. Newton,
 * J. Raphson; for the saddle behaviour see Dauphin et al., Identifying
 * and attacking the saddle point problem, NIPS 2014). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "optimizer.h"
#include "optimizer_impl.h"

typedef struct newton_state {
	sd_eigen	 eigen;
	double		*c;		/* the step's eigen-coordinates */
} newton_state;

/* Allocate the decomposition and the step's coordinates. */
static int
newton_alloc(void *state, size_t dim)
{
	newton_state *s = state;

	if (sd_eigen_alloc(&s->eigen, dim) != 0)
		return -1;
	if ((s->c = calloc(dim, sizeof *s->c)) == NULL) {
		sd_eigen_free(&s->eigen);
		return -1;
	}
	return 0;
}

/* One Newton step, solved in H's eigenbasis; a singular H (smallest
 * |eigenvalue| ≤ SD_SINGULAR_RTOL times the largest) takes no step. On a
 * sphere H is the Riemannian Hessian on the tangent space. */
static sd_step_status
newton_iterate(void *state, sd_optimizer *opt)
{
	newton_state *s = state;
	sd_eigen *e = &s->eigen;
	double big = 0;
	size_t i;

	if (sd_eigen_decompose(e, opt) != 0)
		return SD_STEP_DIVERGED;
	for (i = 0; i < e->n; i++)
		big = fmax(big, fabs(e->lambda[i]));
	for (i = 0; i < e->n; i++) {
		if (!(fabs(e->lambda[i]) > SD_SINGULAR_RTOL * big))
			return SD_STEP_SINGULAR;
		s->c[i] = -e->gq[i] / e->lambda[i];
	}
	sd_eigen_step(e, opt->x, s->c, opt->trial);
	return SD_STEP_OK;
}

/* Release the decomposition. */
static void
newton_free(void *state)
{
	newton_state *s = state;

	sd_eigen_free(&s->eigen);
	free(s->c);
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
	.state_size = sizeof(newton_state),
	.alloc = newton_alloc,
	.iterate = newton_iterate,
	.free = newton_free,
};
