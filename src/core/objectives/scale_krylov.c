/* SPDX-License-Identifier: GPL-3.0-or-later */
/* scale_krylov.c: the scale (scale.c) without d×d matrices, from
 * SD_KRYLOV_DIM on for objectives with an hvp. A dense Hessian of a sum
 * over n samples costs n·d² (81 of them took 100 s on glm:d=200,
 * n=100000, before the visualizer's racers could start); a product costs
 * n·d, and a grid point here costs a few tens of them.
 *
 * How each number is estimated, and how far it may be from the dense
 * value (tests/test_scale.c compares both on mid-size glm, twolayer and
 * pca):
 *   L	the largest |eigenvalue| at each grid point: the larger of the
 *	two extreme Ritz values of Lanczos on the (Riemannian)
 *	Hessian-vector product (krylov.h), run until both have a residual
 *	below SCALE_LANCZOS_RTOL × the larger. Ritz values approach the
 *	extremes from inside, so L is at most the dense value, and in value
 *	they converge about as the square of the residual: measured about
 *	1e-3 below the dense value on glm:d=200 (n = 10⁴: 9e-4; n = 10⁵:
 *	1.2e-3), within 1e-5 on the mid-size cases of tests/test_scale.c. Each point starts from the sum of the
 *	previous point's two extreme Ritz vectors: neighbours' Hessians are
 *	close. glm:d=200 takes 12 to 38 products a point (its top
 *	eigenvalues are close together), each a pass over the n·d samples
 *	from memory, where the dense Hessian reuses each tile in cache: at
 *	d = 200 the products took 0.7 times the dense time at n = 10⁴ and
 *	half of it at n = 10⁵ (bench_matfree, one run under heavy load).
 *	The way to a real gain there is a product of many vectors in one
 *	pass (the probes, a block Lanczos), which no hook offers yet.
 *   M	‖H_p − H_q‖_F between neighbours by Hutchinson's estimator: with
 *	SCALE_PROBES fixed random ±1 vectors z (the same at every point, so
 *	the difference of two points' products is the difference
 *	operator's), E‖(H_p − H_q)z‖² = ‖H_p − H_q‖²_F. Its relative
 *	standard deviation is at most √(2/SCALE_PROBES), and about
 *	√(2/(SCALE_PROBES·r)) when the difference spreads over r
 *	comparable eigenvalues, as on the sample sums (r ≈ d).
 * The probes are drawn from a fixed seed, so the scale is the same bits
 * at every run. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "base/krylov.h"
#include "base/linalg.h"
#include "base/vec.h"
#include "objectives/scale_impl.h"

#define SCALE_PROBES		4
#define SCALE_LANCZOS_RTOL	1e-2
#define SCALE_PROBE_SEED	20260

/* The products' point and scratch, and the probes. */
struct scale_krylov {
	const sd_objective	*obj;
	const double		*x;	/* the grid point */
	double			 xg;	/* xᵀ∇f there (sphere) */
	const void		*prep;	/* the Hessian prepared there */
	double			*probe;	/* SCALE_PROBES × d */
	double			*start;	/* d: the next Lanczos start */
	double			*vmin, *vmax, *g, *work;	/* d each */
	int			 started;	/* start holds a vector */
};

int
sd_scale_krylov_init(struct scale_work *w)
{
	struct scale_krylov *kr;
	size_t k, d = w->d;
	gsl_rng *rng;

	if ((w->kr = kr = calloc(1, sizeof *kr)) == NULL ||
	    (kr->probe = malloc((SCALE_PROBES + 5) * d * sizeof(double))) ==
	    NULL || (rng = sd_rng_new(SCALE_PROBE_SEED, NULL)) == NULL)
		return -1;
	kr->obj = w->obj;
	kr->start = kr->probe + SCALE_PROBES * d;
	kr->vmin = kr->start + d;
	kr->vmax = kr->vmin + d;
	kr->g = kr->vmax + d;
	kr->work = kr->g + d;
	for (k = 0; k < SCALE_PROBES * d; k++)
		kr->probe[k] = gsl_rng_uniform_int(rng, 2) ? 1 : -1;
	gsl_rng_free(rng);
	w->cols = SCALE_PROBES;
	w->weight = 1.0 / SCALE_PROBES;
	return 0;
}

void
sd_scale_krylov_done(struct scale_work *w)
{
	if (w->kr != NULL)
		free(w->kr->probe);
	free(w->kr);
	w->kr = NULL;
}

/* The (Riemannian) Hessian at the grid point applied to v. */
static int
scale_product(void *ctx, const double *v, double *out)
{
	struct scale_krylov *kr = ctx;

	return sd_objective_rhvp_prep(kr->obj, kr->prep, kr->x, kr->xg, v,
	    out, kr->work);
}

/* The probes' products into h; -1 when one fails or is not finite. */
static int
scale_probes(struct scale_krylov *kr, size_t d, double *h)
{
	size_t j;

	for (j = 0; j < SCALE_PROBES; j++) {
		if (scale_product(kr, kr->probe + j * d, h + j * d) != 0 ||
		    !sd_all_finite(h + j * d, d))
			return -1;
	}
	return 0;
}

double
sd_scale_krylov_sample(struct scale_work *w, struct scale_row *r, size_t i)
{
	struct scale_krylov *kr = w->kr;
	size_t k, d = w->d;
	int sphere = w->obj->type->manifold == SD_SPHERE;
	sd_linop op = { d, NULL, scale_product, kr };
	sd_extremes ex = { .vmin = kr->vmin, .vmax = kr->vmax };
	void *prep;
	int ok;

	kr->x = r->x + i * d;
	kr->xg = 0;
	if (sphere) {
		op.normal = kr->x;
		sd_objective_gradient(w->obj, kr->x, kr->g);
		kr->xg = sd_dot(kr->x, kr->g, d);
	}
	/* The probes and Lanczos: tens of products at one x. */
	kr->prep = prep = sd_objective_hvp_prepare(w->obj, kr->x);
	ok = isfinite(kr->xg) && scale_probes(kr, d, r->h + i * w->cols * d)
	    == 0 && sd_lanczos_extremes(&op, kr->started ? kr->start :
	    kr->probe, SCALE_LANCZOS_RTOL, &ex) == 0;
	kr->prep = NULL;
	free(prep);
	if (!ok)
		return 0;
	for (k = 0; k < d; k++)
		kr->start[k] = kr->vmin[k] + kr->vmax[k];
	kr->started = 1;
	r->ok[i] = 1;
	return fmax(fabs(ex.lmin), fabs(ex.lmax));
}
