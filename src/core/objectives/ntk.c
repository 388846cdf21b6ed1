/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ntk.c: the linearized network's least-squares loss (ntk.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/linalg.h"
#include "base/vec.h"
#include "objectives/ntk.h"

/* An eigenvalue of JᵀJ below this share of the largest is a direction
 * the features do not see (rank deficiency). */
#define NTK_RANK_TOL	1e-10

struct sd_ntk {
	size_t	 n, dim, rank;
	double	*J;		/* n×dim */
	double	*c;		/* n */
	double	*H;		/* dim×dim: JᵀJ/n */
	double	*min;		/* dim: the minimizer nearest θ₀ */
};

/* H = JᵀJ/n, summed as products J_ip·J_iq (commutative, so H is
 * exactly symmetric) and divided once. */
static void
ntk_gram(sd_ntk *k)
{
	size_t i, p, q, d = k->dim;
	const double *row;

	memset(k->H, 0, d * d * sizeof *k->H);
	for (i = 0; i < k->n; i++) {
		row = k->J + i * d;
		for (p = 0; p < d; p++)
			for (q = 0; q < d; q++)
				k->H[p * d + q] += row[p] * row[q];
	}
	for (p = 0; p < d * d; p++)
		k->H[p] /= (double)k->n;
}

/* The minimizer nearest θ₀: θ₀ − H⁺∇L(θ₀) through H's eigenbasis, and
 * the rank of H. */
static int
ntk_solve(sd_ntk *k, const double *theta0, char **cause)
{
	size_t d = k->dim, j;
	double *eval, *evec, *g, top, t;

	if ((eval = malloc((d + d * d + d) * sizeof *eval)) == NULL)
		return sd_fail(cause, "out of memory");
	evec = eval + d;
	g = evec + d * d;
	if (sd_symm_eigen(k->H, d, eval, evec, cause) != 0) {
		free(eval);
		return -1;
	}
	sd_ntk_grad(k, theta0, NULL, k->n, g);
	memcpy(k->min, theta0, d * sizeof *k->min);
	top = fmax(fabs(eval[0]), fabs(eval[d - 1]));
	k->rank = 0;
	for (j = 0; j < d; j++) {
		if (!(eval[j] > NTK_RANK_TOL * top))
			continue;
		k->rank++;
		t = sd_dot(evec + j * d, g, d) / eval[j];
		sd_axpy(-t, evec + j * d, k->min, d);
	}
	free(eval);
	return 0;
}

sd_ntk *
sd_ntk_new(size_t n, size_t dim, const double *J, const double *c,
    const double *theta0, char **cause)
{
	sd_ntk *k;

	if ((k = calloc(1, sizeof *k)) == NULL ||
	    (k->J = malloc((n * dim + n + dim * dim + dim) * sizeof *k->J)) ==
	    NULL) {
		free(k);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	k->n = n;
	k->dim = dim;
	k->c = k->J + n * dim;
	k->H = k->c + n;
	k->min = k->H + dim * dim;
	memcpy(k->J, J, n * dim * sizeof *J);
	memcpy(k->c, c, n * sizeof *c);
	ntk_gram(k);
	if (ntk_solve(k, theta0, cause) != 0) {
		sd_ntk_free(k);
		return NULL;
	}
	return k;
}

double
sd_ntk_f(const sd_ntk *k, const double *theta)
{
	double s = 0, r;
	size_t i;

	for (i = 0; i < k->n; i++) {
		r = sd_dot(k->J + i * k->dim, theta, k->dim) + k->c[i];
		s += r * r;
	}
	return s / (2 * (double)k->n);
}

void
sd_ntk_grad(const sd_ntk *k, const double *theta, const size_t *idx,
    size_t cnt, double *g)
{
	const double *row;
	size_t t, i;
	double r;

	memset(g, 0, k->dim * sizeof *g);
	for (t = 0; t < cnt; t++) {
		i = idx ? idx[t] : t;
		row = k->J + i * k->dim;
		r = sd_dot(row, theta, k->dim) + k->c[i];
		sd_axpy(r / (double)cnt, row, g, k->dim);
	}
}

void
sd_ntk_hess(const sd_ntk *k, double *h)
{
	memcpy(h, k->H, k->dim * k->dim * sizeof *h);
}

void
sd_ntk_hvp(const sd_ntk *k, const double *v, double *hv)
{
	size_t i;

	for (i = 0; i < k->dim; i++)
		hv[i] = sd_dot(k->H + i * k->dim, v, k->dim);
}

int
sd_ntk_chart(const sd_ntk *k, const double *theta0, const double *toward,
    sd_chart *chart)
{
	size_t i, d = k->dim;
	double *u, a, b, r;
	int rc;

	if ((u = calloc(2 * d, sizeof *u)) == NULL)
		return -1;
	for (i = 0; i < d; i++) {
		u[i] = k->min[i] - theta0[i];
		u[d + i] = toward[i] - theta0[i];
	}
	rc = sd_chart_init_plane(chart, d, theta0, u, u + d, NULL);
	if (rc == 0) {
		sd_chart_project(chart, toward, &a, &b, NULL);
		r = 1.25 * fmax(sd_norm(u, d), fmax(fabs(a), fabs(b)));
		chart->window = (sd_window){ -r, r, -r, r };
	}
	free(u);
	return rc;
}

const double *
sd_ntk_minimizer(const sd_ntk *k, size_t *rank)
{
	*rank = k->rank;
	return k->min;
}

void
sd_ntk_free(sd_ntk *k)
{
	if (k == NULL)
		return;
	free(k->J);
	free(k);
}
