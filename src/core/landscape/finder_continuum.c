/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_continuum.c: a root on a continuum of roots, brought onto the
 * slice (finder_impl.h).
 *
 * Where the Hessian is singular at a root the roots may form a continuum
 * (a degenerate minimum: the NTK model's least-squares solutions when its
 * features are rank-deficient, θ* plus the null space of J). Newton's
 * pseudo-inverse steps move only across the null space, so a run seeded
 * on the slice ends where the continuum has the seed's component along
 * the null space, off the slice whenever the continuum crosses the
 * chart's plane at an angle; every seed's root is then dropped and the
 * continuum is never reported. The root is slid along the null space N
 * (the eigenvectors with |λ| ≤ FINDER_EIG_REL · max|λ|) to the point of
 * x + N·c nearest the plane, c = −(NᵀQN)⁺ Nᵀr with r the root's offset
 * vector and Q the projection off the plane's directions, and Newton
 * runs again from there; the caller keeps it if it then lies on the
 * slice; Newton gives such a root up as escaped when it lies farther
 * than L off the slice, so the root it stopped at is offered here too.
 * Exact where the continuum is flat (an affine set, as for a
 * quadratic); on a curved one Newton corrects the slide. Such a root is
 * kept without the resolution test (finder.c), which takes a direction
 * where ∇f stays zero for a plateau's: along the null space it does, at
 * every point of the continuum. Plane charts
 * only, and only with the full spectrum (below SD_KRYLOV_DIM). */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "base/linalg.h"
#include "landscape/finder_impl.h"

/* The root's offset vector r = (x − c) − ((x − c)·u)u − ((x − c)·v)v
 * into r. */
static void
continuum_offset(const sd_chart *ch, const double *x, double *r, size_t d)
{
	double a, b;
	size_t i;

	for (i = 0; i < d; i++)
		r[i] = x[i] - ch->origin[i];
	a = sd_dot(r, ch->u, d);
	b = sd_dot(r, ch->v, d);
	sd_axpy(-a, ch->u, r, d);
	sd_axpy(-b, ch->v, r, d);
}

/* c = −M⁺ (Nᵀr) for M = NᵀQN = I − (Nᵀu)(Nᵀu)ᵀ − (Nᵀv)(Nᵀv)ᵀ (N's
 * columns orthonormal), k null vectors at idx; then x += N·c. */
static int
continuum_slide(struct finder_work *fw, const sd_chart *ch, const size_t *idx,
    size_t k, const double *r, double *x)
{
	double *m = malloc((k * k + k * k + 4 * k) * sizeof *m);
	double *evec, *eval, *nu, *nv, *nr, top, t;
	size_t i, j;

	if (m == NULL)
		return -1;
	evec = m + k * k;
	eval = evec + k * k;
	nu = eval + k;
	nv = nu + k;
	nr = nv + k;
	for (i = 0; i < k; i++) {
		nu[i] = sd_dot(work_vec(fw, idx[i]), ch->u, fw->d);
		nv[i] = sd_dot(work_vec(fw, idx[i]), ch->v, fw->d);
		nr[i] = sd_dot(work_vec(fw, idx[i]), r, fw->d);
	}
	for (i = 0; i < k; i++)
		for (j = 0; j < k; j++)
			m[i * k + j] = (i == j) - nu[i] * nu[j] - nv[i] * nv[j];
	if (sd_symm_eigen(m, k, eval, evec, NULL) != 0) {
		free(m);
		return -1;
	}
	top = sd_norm_inf(eval, k);
	for (j = 0; j < k; j++) {
		if (!(fabs(eval[j]) > FINDER_EIG_REL * top))
			continue;
		/* Along M's eigenvector e_j: −(e_jᵀ Nᵀr)/λ_j · N e_j. */
		for (t = 0, i = 0; i < k; i++)
			t += evec[j * k + i] * nr[i];
		for (i = 0; i < k; i++)
			sd_axpy(-t / eval[j] * evec[j * k + i],
			    work_vec(fw, idx[i]), x, fw->d);
	}
	free(m);
	return 0;
}

int
sd_finder_slide(struct finder *fd, double *x)
{
	struct finder_work *fw = &fd->work;
	const sd_chart *ch = fd->chart;
	size_t *idx, i, k = 0;
	double tol, *r, a, b, off, m;
	int rc = 0;

	/* Only a root (Newton may have given it up for being far off the
	 * slice) dropped for its offset, and only where the spectrum is at
	 * hand. */
	if (fw->sphere || fw->krylov || ch->kind != SD_CHART_PLANE ||
	    sd_finder_merit(fw, x, fw->g, &m) != 0 || !(m <= fd->gtol))
		return 0;
	sd_chart_project(ch, x, &a, &b, &off);
	if (!(off > fd->near * fw->length) || sd_finder_prepare(fw, x) != 0)
		return 0;
	tol = FINDER_EIG_REL * work_lmax(fw);
	if ((idx = malloc(fw->d * sizeof *idx)) == NULL ||
	    (r = malloc(fw->d * sizeof *r)) == NULL) {
		free(idx);
		return 0;
	}
	for (i = 0; i < fw->spec->n; i++)
		if (fabs(fw->spec->eval[i]) <= tol)
			idx[k++] = i;
	continuum_offset(ch, x, r, fw->d);
	if (k > 0 && continuum_slide(fw, ch, idx, k, r, x) == 0)
		rc = sd_finder_newton(fd, x) == FINDER_ROOT;
	free(idx);
	free(r);
	return rc;
}
