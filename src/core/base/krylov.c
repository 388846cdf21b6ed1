/* SPDX-License-Identifier: GPL-3.0-or-later */
/* krylov.c: Lanczos for the extreme eigenpairs and MINRES for A s = b,
 * given only v ↦ Av (see krylov.h).
 *
 * Lanczos keeps every basis vector and orthogonalizes each new one twice
 * against all of them (full reorthogonalization): at d ≤ a few hundred
 * the memory is small, and without it rounding makes copies of converged
 * eigenvalues ("ghosts") and loses orthogonality. The tridiagonal matrix
 * is decomposed by GSL at a growing schedule of steps (×5/4), so the
 * decompositions cost about as much as the last one. MINRES is the
 * unpreconditioned algorithm of Paige & Saunders (SIAM J. Numer. Anal. 12,
 * 1975), as in their reference minres.m, with its two stopping tests. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>

#include "base/krylov.h"
#include "base/vec.h"

/* Remove v's component along op's normal. */
static void
krylov_project(const sd_linop *op, double *v)
{
	if (op->normal != NULL)
		sd_axpy(-sd_dot(op->normal, v, op->d), op->normal, v, op->d);
}

/* out = A·v, kept in the complement of the normal; -1 when the product
 * fails or is not finite. */
static int
krylov_apply(const sd_linop *op, const double *v, double *out)
{
	if (op->apply(op->ctx, v, out) != 0 || !sd_all_finite(out, op->d))
		return -1;
	krylov_project(op, out);
	return 0;
}

/* ---- Lanczos ---------------------------------------------------------- */

struct lanczos {
	const sd_linop	*op;
	size_t		 d, m;		/* most steps: the dimension */
	double		*q;		/* (m + 1) × d: the basis */
	double		*alpha, *beta;	/* m each: T's diagonals */
	gsl_matrix	*t, *y;		/* T and its eigenvectors */
	gsl_vector	*eval;
	gsl_eigen_symmv_workspace *ws;
};

/* The first basis vector: start off the normal, normalized; else the
 * first coordinate vector with a component off it. */
static void
lanczos_start(struct lanczos *lz, const double *start)
{
	size_t k, d = lz->d;
	double n = 0;

	if (start != NULL) {
		memcpy(lz->q, start, d * sizeof *lz->q);
		krylov_project(lz->op, lz->q);
		n = sd_norm(lz->q, d);
	}
	for (k = 0; !(n > 1e-8) && k < d; k++) {
		memset(lz->q, 0, d * sizeof *lz->q);
		lz->q[k] = 1;
		krylov_project(lz->op, lz->q);
		n = sd_norm(lz->q, d);
	}
	sd_axpy(1 / n - 1, lz->q, lz->q, d);
}

/* Orthogonalize w against q_0 .. q_j, twice ("twice is enough"). */
static void
lanczos_reorth(struct lanczos *lz, double *w, size_t j)
{
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i <= j; i++)
			sd_axpy(-sd_dot(lz->q + i * lz->d, w, lz->d),
			    lz->q + i * lz->d, w, lz->d);
		krylov_project(lz->op, w);
	}
}

/* Decompose T of k steps; the extremes' values and residuals into out. */
static void
lanczos_ritz(struct lanczos *lz, size_t k, sd_extremes *out)
{
	gsl_matrix_view t = gsl_matrix_submatrix(lz->t, 0, 0, k, k);
	gsl_matrix_view y = gsl_matrix_submatrix(lz->y, 0, 0, k, k);
	gsl_vector_view e = gsl_vector_subvector(lz->eval, 0, k);
	size_t i;

	gsl_matrix_set_zero(&t.matrix);
	for (i = 0; i < k; i++) {
		gsl_matrix_set(&t.matrix, i, i, lz->alpha[i]);
		if (i + 1 < k) {
			gsl_matrix_set(&t.matrix, i, i + 1, lz->beta[i]);
			gsl_matrix_set(&t.matrix, i + 1, i, lz->beta[i]);
		}
	}
	gsl_eigen_symmv(&t.matrix, &e.vector, &y.matrix, lz->ws);
	gsl_eigen_symmv_sort(&e.vector, &y.matrix, GSL_EIGEN_SORT_VAL_ASC);
	out->lmin = gsl_vector_get(&e.vector, 0);
	out->lmax = gsl_vector_get(&e.vector, k - 1);
	out->rmin = fabs(lz->beta[k - 1] * gsl_matrix_get(&y.matrix, k - 1, 0));
	out->rmax = fabs(lz->beta[k - 1] *
	    gsl_matrix_get(&y.matrix, k - 1, k - 1));
	out->steps = k;
}

/* The Ritz vector of column col of the last decomposition of k steps. */
static void
lanczos_vector(const struct lanczos *lz, size_t k, size_t col, double *v)
{
	size_t i;

	if (v == NULL)
		return;
	memset(v, 0, lz->d * sizeof *v);
	for (i = 0; i < k; i++)
		sd_axpy(gsl_matrix_get(lz->y, i, col), lz->q + i * lz->d, v,
		    lz->d);
	sd_axpy(1 / sd_norm(v, lz->d) - 1, v, v, lz->d);
}

/* Allocate the basis and the small eigen-problem for op. */
static int
lanczos_init(struct lanczos *lz, const sd_linop *op)
{
	memset(lz, 0, sizeof *lz);
	lz->op = op;
	lz->d = op->d;
	lz->m = op->d - (op->normal != NULL && op->d > 1);
	lz->q = malloc(((lz->m + 1) * lz->d + 2 * lz->m) * sizeof *lz->q);
	lz->t = gsl_matrix_alloc(lz->m, lz->m);
	lz->y = gsl_matrix_alloc(lz->m, lz->m);
	lz->eval = gsl_vector_alloc(lz->m);
	lz->ws = gsl_eigen_symmv_alloc(lz->m);
	if (lz->q == NULL || lz->t == NULL || lz->y == NULL ||
	    lz->eval == NULL || lz->ws == NULL)
		return -1;
	lz->alpha = lz->q + (lz->m + 1) * lz->d;
	lz->beta = lz->alpha + lz->m;
	return 0;
}

static void
lanczos_done(struct lanczos *lz)
{
	free(lz->q);
	gsl_matrix_free(lz->t);
	gsl_matrix_free(lz->y);
	gsl_vector_free(lz->eval);
	if (lz->ws != NULL)
		gsl_eigen_symmv_free(lz->ws);
}

/* Whether both extremes of out have converged to rtol. */
static int
lanczos_converged(const sd_extremes *out, double rtol)
{
	double scale = fmax(fabs(out->lmin), fabs(out->lmax));

	return out->rmin <= rtol * scale && out->rmax <= rtol * scale;
}

/* One step j: q_{j+1} from A q_j; *invariant when the space closed. */
static int
lanczos_step(struct lanczos *lz, size_t j, int *invariant)
{
	double *w = lz->q + (j + 1) * lz->d, tnorm;

	if (krylov_apply(lz->op, lz->q + j * lz->d, w) != 0)
		return -1;
	lz->alpha[j] = sd_dot(lz->q + j * lz->d, w, lz->d);
	lanczos_reorth(lz, w, j);
	lz->beta[j] = sd_norm(w, lz->d);
	tnorm = fabs(lz->alpha[j]) + (j > 0 ? lz->beta[j - 1] : 0) +
	    lz->beta[j];
	*invariant = !(lz->beta[j] > 64 * DBL_EPSILON * tnorm);
	if (*invariant)
		lz->beta[j] = 0;
	else
		sd_axpy(1 / lz->beta[j] - 1, w, w, lz->d);
	return 0;
}

int
sd_lanczos_extremes(const sd_linop *op, const double *start, double rtol,
    sd_extremes *out)
{
	struct lanczos lz;
	size_t j, next = 4;
	int invariant = 0, rc = -1;

	if (lanczos_init(&lz, op) != 0)
		goto done;
	lanczos_start(&lz, start);
	for (j = 0; j < lz.m; j++) {
		if (lanczos_step(&lz, j, &invariant) != 0)
			goto done;
		if (!invariant && j + 1 < lz.m && j + 1 < next)
			continue;
		lanczos_ritz(&lz, j + 1, out);
		if (invariant || j + 1 == lz.m || lanczos_converged(out, rtol))
			break;
		next = next + 4 > next * 5 / 4 ? next + 4 : next * 5 / 4;
	}
	lanczos_vector(&lz, out->steps, 0, out->vmin);
	lanczos_vector(&lz, out->steps, out->steps - 1, out->vmax);
	rc = 0;
done:
	lanczos_done(&lz);
	return rc;
}

/* ---- MINRES ----------------------------------------------------------- */

/* The recurrences' scalars (names as in minres.m). */
struct minres {
	double	beta1, beta, oldb, dbar, epsln, phibar, cs, sn, tnorm2;
	double	best;		/* the least ‖Ar‖/(‖A‖‖r‖) so far */
	double	*sbest;		/* the iterate that had it */
};

/* When ‖Ar‖/(‖A‖‖r‖) has risen this far above its least value, b is
 * outside A's range and rounding has begun to invert the null space
 * (the step grows without bound): the best iterate is the answer. */
#define MINRES_DIVERGED	1e3

/* One MINRES iteration on the vectors v, y, r1, r2, w, w1, w2 (d each);
 * moves s and returns the two stopping ratios in t[0], t[1]. Returns 1,
 * s unmoved, when the space has become singular. */
static int
minres_iterate(const sd_linop *op, struct minres *m, double *vec, double *s,
    int first, double t[2])
{
	size_t d = op->d, k;
	double *v = vec, *y = v + d, *r1 = y + d, *r2 = r1 + d, *w = r2 + d;
	double *w1 = w + d, *w2 = w1 + d, alfa, oldeps, delta, gbar, root;
	double gamma, phi, anorm;

	for (k = 0; k < d; k++)
		v[k] = y[k] / m->beta;
	if (krylov_apply(op, v, y) != 0)
		return -1;
	if (!first)
		sd_axpy(-m->beta / m->oldb, r1, y, d);
	alfa = sd_dot(v, y, d);
	sd_axpy(-alfa / m->beta, r2, y, d);
	memcpy(r1, r2, d * sizeof *r1);
	memcpy(r2, y, d * sizeof *r2);
	m->oldb = m->beta;
	m->beta = sd_norm(r2, d);
	m->tnorm2 += alfa * alfa + m->oldb * m->oldb + m->beta * m->beta;
	oldeps = m->epsln;
	delta = m->cs * m->dbar + m->sn * alfa;
	gbar = m->sn * m->dbar - m->cs * alfa;
	m->epsln = m->sn * m->beta;
	m->dbar = -m->cs * m->beta;
	root = hypot(gbar, m->dbar);
	gamma = hypot(gbar, m->beta);
	anorm = sqrt(m->tnorm2);
	/* root/‖A‖ is the ratio at s before this update. */
	if (root / anorm < m->best) {
		m->best = root / anorm;
		memcpy(m->sbest, s, d * sizeof *s);
	}
	/* T is singular in this Krylov space to rounding: the next update
	 * would divide by rounding. Stop with the least-squares solution of
	 * the space so far (the pseudo-inverse's cut, relative to ‖A‖). */
	if (!(gamma > SD_MINRES_SINGULAR * anorm))
		return 1;
	m->cs = gbar / gamma;
	m->sn = m->beta / gamma;
	phi = m->cs * m->phibar;
	m->phibar *= m->sn;
	memcpy(w1, w2, d * sizeof *w1);
	memcpy(w2, w, d * sizeof *w2);
	for (k = 0; k < d; k++)
		w[k] = (v[k] - oldeps * w1[k] - delta * w2[k]) / gamma;
	sd_axpy(phi, w, s, d);
	t[0] = m->phibar / m->beta1;
	t[1] = root / anorm;
	return 0;
}

int
sd_minres(const sd_linop *op, const double *b, double rtol,
    size_t max_iter, double *s, size_t *iter)
{
	struct minres m = { .cs = -1, .best = INFINITY };
	size_t d = op->d, it = 0;
	double *vec, t[2];
	int rc = 0;

	memset(s, 0, d * sizeof *s);
	if ((vec = calloc(8 * d, sizeof *vec)) == NULL)
		return -1;
	m.sbest = vec + 7 * d;
	/* y = r1 = r2 = b. */
	memcpy(vec + d, b, d * sizeof *vec);
	krylov_project(op, vec + d);
	memcpy(vec + 2 * d, vec + d, d * sizeof *vec);
	memcpy(vec + 3 * d, vec + d, d * sizeof *vec);
	m.beta1 = m.beta = m.phibar = sd_norm(vec + d, d);
	while (m.beta > 0 && it < max_iter) {
		rc = minres_iterate(op, &m, vec, s, it == 0, t);
		it++;
		if (rc != 0 || t[0] <= rtol || !(m.beta > 0))
			break;
		if (t[1] <= rtol) {
			rc = 1;
			break;
		}
		if (t[1] > MINRES_DIVERGED * m.best) {
			memcpy(s, m.sbest, d * sizeof *s);
			rc = 1;
			break;
		}
	}
	free(vec);
	if (iter != NULL)
		*iter = it;
	return rc;
}
