/* SPDX-License-Identifier: GPL-3.0-or-later */
/* twolayer_impl.h: what twolayer.c shares with twolayer_model.c (the
 * teacher and the NTK model, §6.1): the state and its activation types. Not for other files:
 * they see twolayer through objective.h. */
#ifndef SADDLE_TWOLAYER_IMPL_H
#define SADDLE_TWOLAYER_IMPL_H

#include <math.h>
#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "base/simd.h"
#include "landscape/chart.h"
#include "objectives/ntk.h"
#include "objectives/objective.h"

#define TWOLAYER_K_MAX	16
#define TWOLAYER_M_MAX	16

/* φ, φ' and φ'' at u. */
typedef void twolayer_phi(double u, double *p, double *p1, double *p2);

/* The activations, φ, φ' and φ'' at u: twolayer.c's table points at
 * them, and the loops over samples (twolayer_slice.c) build them in.
 * tanh as 1 − 2/(e^{2u} + 1): half the time of libm's tanh (it is the
 * cost of a field) and within 4·10⁻¹⁶ of it; ±1 when e^{2u} overflows or
 * underflows. relu: max(u, 0), with φ'(0) = 0 and φ'' = 0. */
SD_LOOP_INLINE void
tl_act_tanh(double u, double *p, double *p1, double *p2)
{
	double t = 1 - 2 / (exp(2 * u) + 1);

	*p = t;
	*p1 = 1 - t * t;
	*p2 = -2 * t * *p1;
}

SD_LOOP_INLINE void
tl_act_quadratic(double u, double *p, double *p1, double *p2)
{
	*p = u * u;
	*p1 = 2 * u;
	*p2 = 2;
}

SD_LOOP_INLINE void
tl_act_relu(double u, double *p, double *p1, double *p2)
{
	*p = u > 0 ? u : 0;
	*p1 = u > 0 ? 1 : 0;
	*p2 = 0;
}

/* φ alone, for f (a field evaluates nothing else). */
typedef double twolayer_value(double u);

/* out_i += φ(p0_i + a·pu_i + b·pv_i) for i < len, one per activation, on
 * vector lanes (simd.h); tanh as value_tanh computes it. */
typedef void tl_unit(const double *p0, const double *pu, const double *pv,
    size_t len, double a, double b, double *out);

/* φ over a tile of values in place of u and, when p1 is not NULL, φ'
 * and φ'' into p1 and p2, on vector lanes (twolayer_tiles.c). */
typedef void tl_tile(double *u, double *p1, double *p2, size_t len);

struct twolayer_state {
	size_t		 k, m, n;
	tl_unit		*unit;
	size_t		 act;		/* the activation's index */
	size_t		 kt;		/* the teacher's hidden units */
	twolayer_phi	*phi;
	twolayer_value	*value;
	tl_tile		*tile;
	double		*x;		/* n×m inputs */
	double		*xt;		/* m×n: the inputs by coordinate */
	double		*y;		/* n labels */
	double		*teacher;	/* k×m: θ* in the student's shape, its
					 * first kt units padded with zeros
					 * (or cut to k) */
	double		*full;		/* kt×m: the teacher the labels come
					 * from (teacher itself when kt = k) */
	double		*theta0;	/* k×m: ntk=1's θ₀, or NULL */
	sd_ntk		*ntk;		/* ntk=1's linearized loss, or NULL */
};

/* The teacher's k rows of m into t: orthonormal when k ≤ m, else random
 * unit vectors. */
void sd_twolayer_draw_teacher(gsl_rng *rng, double *t, size_t k, size_t m);

/* The type's fmin and planted hooks (objective.h). */
double sd_twolayer_fmin(const void *state);
const double *sd_twolayer_planted(const void *state);

/* ntk=1: draw θ₀ from rng (entries init·N(0, 1/m)) and build the
 * linearized loss into st->theta0 and st->ntk. */
int sd_twolayer_linearize(struct twolayer_state *st, gsl_rng *rng,
    double init, char **cause);

/* ntk=1's default chart: the plane through θ₀ (the origin), the minimizer
 * nearest it (on the a axis) and the teacher; -1 when they are
 * collinear. */
int sd_twolayer_ntk_chart(const sd_objective *obj, sd_chart *chart);

/* twolayer_slice.c: the slice_new hook: the samples projected on each
 * unit's filter of c, u and v, 3·k·m·n operations once per chart (none
 * for ntk=1, whose f is not the network's). */
int sd_twolayer_slice_new(const void *state, const double *c,
    const double *u, const double *v, sd_objective_slice *slice,
    char **cause);

/* twolayer_tiles.c: the inputs by coordinate into st->xt (allocated)
 * and the activation `act`'s tile function; then f, ∇f and ∇²f·v over
 * all samples, tile by tile on vector lanes (threads for large n). */
void sd_twolayer_tiles_init(struct twolayer_state *st, size_t act);
double sd_twolayer_f_tiles(const struct twolayer_state *st,
    const double *theta);
void sd_twolayer_grad_tiles(const struct twolayer_state *st,
    const double *theta, double *g);
void sd_twolayer_hvp_tiles(const struct twolayer_state *st,
    const double *theta, const double *v, double *hv);
/* The Hessian at theta prepared for many products (the hvp_prepare
 * hook, objective.h): φ' and r·φ'' at every sample and unit, 2k·n
 * doubles in one block, or NULL when out of memory; then ∇²f·v from it,
 * the bits of sd_twolayer_hvp_tiles, in two passes over the data instead
 * of three and without the activations. */
void *sd_twolayer_hvp_prepare(const struct twolayer_state *st,
    const double *theta);
void sd_twolayer_hvp_prepared(const struct twolayer_state *st,
    const void *prep, const double *v, double *hv);

#endif
