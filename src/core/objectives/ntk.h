/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ntk.h: a network's linearization at θ₀ (the chapter's §6.1, the neural
 * tangent kernel's model) as a least-squares objective.
 *
 * g_θ(x) = f_θ₀(x) + ⟨θ − θ₀, ∇_θ f_θ₀(x)⟩ is linear in θ, so its squared
 * loss over n samples, 1/(2n) Σ (g_θ(x_i) − y_i)², is the convex quadratic
 * 1/(2n) ‖Jθ + c‖² with J's rows the features ∇_θ f_θ₀(x_i) and
 * c_i = f_θ₀(x_i) − ⟨θ₀, ∇_θ f_θ₀(x_i)⟩ − y_i. Its Hessian JᵀJ/n is
 * constant; its minimizers are θ₀ − (JᵀJ)⁺Jᵀ(f_θ₀(x) − y) plus the null
 * space of J: one point when the features have full rank D, a continuum
 * (a degenerate minimum) when they do not. The network supplies J and c
 * (twolayer.c); this file knows nothing of networks. */
#ifndef SADDLE_NTK_H
#define SADDLE_NTK_H

#include <stddef.h>

#include "landscape/chart.h"
#include "objectives/objective.h"

typedef struct sd_ntk sd_ntk;

/* The loss of features J (n×dim, row-major, copied) and offsets c (n,
 * copied), with its minimizer nearest theta0 and the features' rank
 * computed once. NULL with *cause on allocation failure. */
sd_ntk *sd_ntk_new(size_t n, size_t dim, const double *J, const double *c,
    const double *theta0, char **cause);

/* 1/(2n) ‖Jθ + c‖². */
double sd_ntk_f(const sd_ntk *k, const double *theta);

/* The mean over the samples idx[0..cnt−1] (all when idx is NULL) of
 * (J_iθ + c_i) J_i: the gradient, or sgd's unbiased estimate of it. */
void sd_ntk_grad(const sd_ntk *k, const double *theta, const size_t *idx,
    size_t cnt, double *g);

/* JᵀJ/n, row-major dim×dim. */
void sd_ntk_hess(const sd_ntk *k, double *h);

/* H·v, H = JᵀJ/n: the Hessian-vector product (the Hessian is constant). */
void sd_ntk_hvp(const sd_ntk *k, const double *v, double *hv);

/* The model's chart: the plane through θ₀ (the origin), along the way to
 * the minimizer nearest it (the a axis) and towards toward (a planted
 * parameter: the teacher, w*), in a window that holds all three; -1 when
 * they are collinear or out of memory. */
int sd_ntk_chart(const sd_ntk *k, const double *theta0, const double *toward,
    sd_chart *chart);

/* The minimizer nearest θ₀ (dim entries), and the features' rank (the
 * eigenvalues of JᵀJ above 10⁻¹⁰ of the largest): rank < dim means a
 * continuum of minimizers through it. */
const double *sd_ntk_minimizer(const sd_ntk *k, size_t *rank);

void sd_ntk_free(sd_ntk *k);

/* ntk_twin.c: the objectives with an NTK model, the ones whose parameter
 * table has `ntk` (ntk=1 is the model, ntk=0 the network). */

/* Whether objectives of type have an NTK model. */
int sd_ntk_has(const sd_objective_type *type);

/* Their names for a message ("glm or twolayer") into buf (len bytes). */
void sd_ntk_names(char *buf, size_t len);

/* 0 when obj has an NTK model; else -1 with *cause, "WHAT: SPEC has no
 * NTK model ...: expected" and the names that have one. */
int sd_ntk_check(const sd_objective *obj, const char *what, char **cause);

/* Whether obj is the model itself (ntk=1). */
int sd_ntk_is_model(const sd_objective *obj);

/* The spec of obj's twin (below), malloc'd; NULL with *cause. */
char *sd_ntk_twin_spec(const sd_objective *obj, char **cause);

/* obj's twin: the same spec with the other value of ntk (the network of
 * a model, the model of a network), a new objective the caller frees;
 * NULL with *cause when obj has no NTK model or the twin fails. */
sd_objective *sd_ntk_twin(const sd_objective *obj, char **cause);

#endif
