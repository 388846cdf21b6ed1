/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objectives_pca.c: the chapter's §4.1, principal component analysis as
 * the nonconvex program g(x) = ½‖M − xxᵀ‖²_F, M symmetric PSD d×d.
 *
 * Its stationary points are 0 and ±√λ_i v_i (Lemma 4.2); only ±√λ_1 v_1
 * are minima (Theorem 4.1), the others strict saddles, and 0 is a maximum
 * when M ≻ 0 (∇²g(0) = −2M).
 *
 * The derivatives below are those of g as written: ∇g = 2(‖x‖²x − Mx) and
 * ∇²g = 2(2xxᵀ + ‖x‖²I − M). The chapter's (4.2) and (4.3) omit the
 * factor 2 (they are the derivatives of ¼‖M − xxᵀ‖²_F), which changes
 * neither the stationary points nor the signs of the eigenvalues. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "base/linalg.h"
#include "objectives/objective.h"

#define PCA_DIM_MAX	200
#define PCA_EIG_KEYS	8	/* l1 .. l8 */

/* Parameter indices, in table order. */
enum { PCA_D, PCA_SEED, PCA_L1 };

static const sd_param pca_params[] = {
	{ "d", 2, 2, PCA_DIM_MAX, 1, "dimension (default 2 with "
	    "M = [[2, 0.5], [0.5, 1]], the design's example)" },
	{ "seed", 0, 0, 4294967295.0, 1, "0: eigenvectors e_1..e_d; "
	    "otherwise a random rotation of them drawn from this seed" },
	{ "l1", 0, 0, 1e6, 0, "eigenvalue λ1 of M; 0: automatic, "
	    "λ_i = d + 1 − i" },
	{ "l2", 0, 0, 1e6, 0, "eigenvalue λ2 (0: automatic)" },
	{ "l3", 0, 0, 1e6, 0, "eigenvalue λ3 (0: automatic)" },
	{ "l4", 0, 0, 1e6, 0, "eigenvalue λ4 (0: automatic)" },
	{ "l5", 0, 0, 1e6, 0, "eigenvalue λ5 (0: automatic)" },
	{ "l6", 0, 0, 1e6, 0, "eigenvalue λ6 (0: automatic)" },
	{ "l7", 0, 0, 1e6, 0, "eigenvalue λ7 (0: automatic)" },
	{ "l8", 0, 0, 1e6, 0, "eigenvalue λ8 (0: automatic; λ_i for i > 8 "
	    "is always d + 1 − i)" },
	{ NULL, 0, 0, 0, 0, NULL }
};

/* M and its eigen-decomposition (for the chart). */
struct pca_state {
	size_t	 d;
	double	*m;		/* d×d, row-major */
	double	*eval;		/* ascending */
	double	*evec;		/* rows, matching eval */
};

/* Whether the parameters ask for the design's 2×2 example: nothing set. */
static int
pca_is_example(const double *params)
{
	size_t i;

	if (params[PCA_D] != 2 || params[PCA_SEED] != 0)
		return 0;
	for (i = 0; i < PCA_EIG_KEYS; i++) {
		if (params[PCA_L1 + i] != 0)
			return 0;
	}
	return 1;
}

/* M = Qᵀ diag(λ) Q with Q = I (seed 0) or Haar-random rows. */
static int
pca_build(struct pca_state *st, const double *params, char **cause)
{
	size_t d = st->d, i, j, k;
	double *q, lam;
	gsl_rng *rng;

	if ((q = calloc(d * d, sizeof *q)) == NULL)
		return sd_fail(cause, "out of memory");
	if (params[PCA_SEED] == 0) {
		for (i = 0; i < d; i++)
			q[i * d + i] = 1;
	} else {
		if ((rng = sd_rng_new((unsigned long)params[PCA_SEED],
		    cause)) == NULL) {
			free(q);
			return -1;
		}
		sd_random_orthogonal(rng, q, d);
		gsl_rng_free(rng);
	}
	for (k = 0; k < d; k++) {
		lam = k < PCA_EIG_KEYS && params[PCA_L1 + k] > 0 ?
		    params[PCA_L1 + k] : (double)(d - k);
		for (i = 0; i < d; i++) {
			for (j = 0; j < d; j++)
				st->m[i * d + j] += lam * q[k * d + i] *
				    q[k * d + j];
		}
	}
	free(q);
	return 0;
}

/* Build M from the parameters and decompose it. */
static int
pca_init(void *state, const double *params, size_t *dim, char **cause)
{
	struct pca_state *st = state;
	size_t d = (size_t)params[PCA_D];

	st->d = d;
	st->m = calloc(d * d + d + d * d, sizeof *st->m);
	if (st->m == NULL)
		return sd_fail(cause, "out of memory");
	st->eval = st->m + d * d;
	st->evec = st->eval + d;
	if (pca_is_example(params)) {
		st->m[0] = 2;
		st->m[1] = st->m[2] = 0.5;
		st->m[3] = 1;
	} else if (pca_build(st, params, cause) != 0) {
		free(st->m);
		return -1;
	}
	if (sd_symm_eigen(st->m, d, st->eval, st->evec, cause) != 0) {
		free(st->m);
		return -1;
	}
	*dim = d;
	return 0;
}

/* Free M. */
static void
pca_done(void *state)
{
	free(((struct pca_state *)state)->m);
}

/* ½ Σ (M_ij − x_i x_j)²: summed entry by entry, never negative. */
static double
pca_f(const void *state, const double *x)
{
	const struct pca_state *st = state;
	size_t i, j, d = st->d;
	double s = 0, r;

	for (i = 0; i < d; i++) {
		for (j = 0; j < d; j++) {
			r = st->m[i * d + j] - x[i] * x[j];
			s += r * r;
		}
	}
	return s / 2;
}

/* ∇g = 2(‖x‖²x − Mx). */
static void
pca_grad(const void *state, const double *x, double *g)
{
	const struct pca_state *st = state;
	size_t i, d = st->d;
	double n2 = sd_dot(x, x, d);

	for (i = 0; i < d; i++)
		g[i] = 2 * (n2 * x[i] - sd_dot(st->m + i * d, x, d));
}

/* ∇²g = 2(2xxᵀ + ‖x‖²I − M), filled symmetric. */
static void
pca_hess(const void *state, const double *x, double *h)
{
	const struct pca_state *st = state;
	size_t i, j, d = st->d;
	double n2 = sd_dot(x, x, d);

	for (i = 0; i < d; i++) {
		for (j = i; j < d; j++) {
			h[i * d + j] = 2 * (2 * x[i] * x[j] +
			    (i == j ? n2 : 0) - st->m[i * d + j]);
			h[j * d + i] = h[i * d + j];
		}
	}
}

/* ∇²g v = 2(2x(xᵀv) + ‖x‖²v − Mv): d² work, no matrix to fill. */
static void
pca_hvp(const void *state, const double *x, const double *v, double *hv)
{
	const struct pca_state *st = state;
	size_t i, d = st->d;
	double n2 = sd_dot(x, x, d), xv = sd_dot(x, v, d);

	for (i = 0; i < d; i++)
		hv[i] = 2 * (2 * x[i] * xv + n2 * v[i] -
		    sd_dot(st->m + i * d, v, d));
}

/* The plane through 0 of v1 and v2, the top two eigenvectors: the global
 * minima ±√λ1 v1 sit at (±√λ1, 0), the saddles ±√λ2 v2 at (0, ±√λ2). */
static int
pca_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct pca_state *st = obj->state;
	size_t d = st->d;
	double *zero, s;
	int rc;

	if ((zero = calloc(d, sizeof *zero)) == NULL)
		return sd_fail(cause, "out of memory");
	rc = sd_chart_init_plane(chart, d, zero, st->evec + (d - 1) * d,
	    st->evec + (d - 2) * d, cause);
	free(zero);
	if (rc != 0)
		return -1;
	/* 1.5 √λ1, rounded up to a half: room around the minima. */
	s = ceil(3 * sqrt(fmax(st->eval[d - 1], 0))) / 2;
	s = fmax(s, 1);
	chart->window = (sd_window){ -s, s, -s, s };
	return 0;
}

/* M, its eigenvalues and eigenvectors. */
static size_t
pca_data_doubles(const double *params)
{
	size_t d = (size_t)params[PCA_D];

	return 2 * d * d + d;
}

/* ---- pca along a plane chart ------------------------------------------ */

/* x = c + a·u + b·v lies in S = span(c, u, v); with Q an orthonormal basis
 * of S (r = 2 or 3 columns), P = QQᵀ and x = Qz, M − xxᵀ is the sum of
 * M − PMP and PMP − xxᵀ, which are orthogonal (⟨M − PMP, PMP⟩ = 0 and
 * ⟨M − PMP, xxᵀ⟩ = xᵀMx − xᵀPMPx = 0), so
 *	2g = ‖M − PMP‖²_F + ‖B − zzᵀ‖²_F,	B = QᵀMQ:
 * a constant and an r×r sum, with no cancellation the direct sum has
 * not. */
struct pca_slice {
	size_t	 r;
	double	 k;			/* ‖M − PMP‖²_F */
	double	 b[9];			/* B, r×r */
	double	 z0[3], zu[3], zv[3];	/* Qᵀc, Qᵀu, Qᵀv */
};

/* g at the m chart points: O(1) each. */
static void
pca_slice_f(const void *data, size_t m, const double *a, const double *b,
    double *f)
{
	const struct pca_slice *sl = data;
	size_t p, i, j, r = sl->r;
	double z[3], s, e;

	for (p = 0; p < m; p++) {
		for (i = 0; i < r; i++)
			z[i] = sl->z0[i] + a[p] * sl->zu[i] + b[p] * sl->zv[i];
		for (s = 0, i = 0; i < r; i++) {
			for (j = 0; j < r; j++) {
				e = sl->b[i * r + j] - z[i] * z[j];
				s += e * e;
			}
		}
		f[p] = (sl->k + s) / 2;
	}
}

/* φ(a, b) = g(c + a·u + b·v) with its gradient and Hessian: with
 * E = B − zzᵀ, ∇_z = 2(‖z‖²z − Bz) and ∇²_z = 2(2zzᵀ + ‖z‖²I − B) (g's
 * own, on the r coordinates), seen along zu and zv. */
static void
pca_slice_fgh(const void *data, double a, double b, double *f, double *g,
    double *h)
{
	const struct pca_slice *sl = data;
	size_t i, j, r = sl->r;
	double z[3], gz[3], hu[3], hv[3], zz = 0, e, t;

	pca_slice_f(data, 1, &a, &b, f);
	for (i = 0; i < r; i++) {
		z[i] = sl->z0[i] + a * sl->zu[i] + b * sl->zv[i];
		zz += z[i] * z[i];
	}
	for (i = 0; i < r; i++) {
		gz[i] = zz * z[i];
		hu[i] = hv[i] = 0;
		for (j = 0; j < r; j++) {
			gz[i] -= sl->b[i * r + j] * z[j];
			e = 2 * z[i] * z[j] + (i == j ? zz : 0) -
			    sl->b[i * r + j];
			hu[i] += e * sl->zu[j];
			hv[i] += e * sl->zv[j];
		}
	}
	for (g[0] = g[1] = h[0] = h[1] = h[2] = 0, i = 0; i < r; i++) {
		t = 2 * gz[i];
		g[0] += t * sl->zu[i];
		g[1] += t * sl->zv[i];
		h[0] += 2 * hu[i] * sl->zu[i];
		h[1] += 2 * hv[i] * sl->zu[i];
		h[2] += 2 * hv[i] * sl->zv[i];
	}
}

/* The columns of Q (d each, q[0] = u, q[1] = v, q[2] = c's part off
 * them when there is one); returns r. */
static size_t
pca_slice_basis(const double *c, const double *u, const double *v,
    size_t d, double *q)
{
	double *w = q + 2 * d, t;
	size_t i;
	int pass;

	memcpy(q, u, d * sizeof *q);
	memcpy(q + d, v, d * sizeof *q);
	memcpy(w, c, d * sizeof *w);
	for (pass = 0; pass < 2; pass++) {	/* twice is enough */
		sd_axpy(-sd_dot(w, u, d), u, w, d);
		sd_axpy(-sd_dot(w, v, d), v, w, d);
	}
	/* c in span(u, v) up to rounding (always so in two dimensions):
	 * what is left is rounding, not a direction. */
	if (!((t = sd_norm(w, d)) > 16 * DBL_EPSILON * sd_norm(c, d)))
		return 2;
	for (i = 0; i < d; i++)
		w[i] /= t;
	return 3;
}

/* B = QᵀMQ and ‖M − QBQᵀ‖²_F. */
static void
pca_slice_forms(const struct pca_state *st, const double *q,
    struct pca_slice *sl, double *mq)
{
	size_t i, j, l, d = st->d, r = sl->r;
	double e;

	for (l = 0; l < r; l++)
		for (i = 0; i < d; i++)
			mq[l * d + i] = sd_dot(st->m + i * d, q + l * d, d);
	for (i = 0; i < r; i++)
		for (j = 0; j < r; j++)
			sl->b[i * r + j] = sd_dot(q + i * d, mq + j * d, d);
	sl->k = 0;
	for (i = 0; i < d; i++) {
		for (j = 0; j < d; j++) {
			e = st->m[i * d + j];
			for (l = 0; l < r * r; l++)
				e -= q[l / r * d + i] * sl->b[l] *
				    q[l % r * d + j];
			sl->k += e * e;
		}
	}
}

/* The restricted forms, O(d²) once per chart. */
static int
pca_slice_new(const void *state, const double *c, const double *u,
    const double *v, sd_objective_slice *slice, char **cause)
{
	const struct pca_state *st = state;
	size_t i, d = st->d;
	struct pca_slice *sl;
	double *q;

	if ((sl = calloc(1, sizeof *sl)) == NULL ||
	    (q = malloc(6 * d * sizeof *q)) == NULL) {
		free(sl);
		return sd_fail(cause, "out of memory");
	}
	sl->r = pca_slice_basis(c, u, v, d, q);
	pca_slice_forms(st, q, sl, q + 3 * d);
	for (i = 0; i < sl->r; i++) {
		sl->z0[i] = sd_dot(q + i * d, c, d);
		sl->zu[i] = sd_dot(q + i * d, u, d);
		sl->zv[i] = sd_dot(q + i * d, v, d);
	}
	free(q);
	slice->data = sl;
	slice->f = pca_slice_f;
	slice->fgh = pca_slice_fgh;
	slice->free_data = free;
	slice->bytes = sizeof *sl;
	return 0;
}

const sd_objective_type sd_objective_pca = {
	.name = "pca",
	.summary = "§4.1: saddles at ±√λ_i v_i (i > 1), minima only at "
	    "±√λ1 v1",
	.formula = "½‖M − xxᵀ‖²_F",
	.dim = 0,
	.window = { -2, 2, -2, 2 },
	.params = pca_params,
	.state_size = sizeof(struct pca_state),
	.data = "2d² + d doubles (M, its eigenvectors)",
	.data_doubles = pca_data_doubles,
	.init = pca_init,
	.done = pca_done,
	.f = pca_f,
	.grad = pca_grad,
	.hess = pca_hess,
	.hvp = pca_hvp,
	.default_chart = pca_chart,
	.slice_new = pca_slice_new,
};
