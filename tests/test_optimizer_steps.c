/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test_optimizer_steps.c: the stepping engine against the papers' update
 * rules. Each method's first three steps on himmelblau from (0, 0) are
 * worked out here from its rule, with himmelblau's gradient typed in
 * below (not taken from the library); cubic's subproblem answer is
 * checked against Nesterov & Polyak's optimality conditions, its hard case
 * by hand; the step sizes adagrad, rmsprop and adam tell are the steps
 * they take. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "base/error.h"
#include "base/krylov.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "testutil.h"
#include "optimizer_util.h"

/* ---- helpers ------------------------------------------------------- */

/* Himmelblau by hand: f and ∇f of (x²+y−11)² + (x+y²−7)². */
static double
hb_f(const double *p)
{
	double a = p[0] * p[0] + p[1] - 11, b = p[0] + p[1] * p[1] - 7;

	return a * a + b * b;
}

static void
hb_grad(const double *p, double *g)
{
	double a = p[0] * p[0] + p[1] - 11, b = p[0] + p[1] * p[1] - 7;

	g[0] = 4 * p[0] * a + 2 * b;
	g[1] = 2 * a + 4 * p[1] * b;
}

/* The optimizer is at x (by hand) with f and g to match. */
static void
assert_at(const sd_optimizer *opt, const double *x)
{
	double g[2];
	size_t k;

	for (k = 0; k < 2; k++)
		assert_close(opt->x[k], x[k], 1e-13 * (1 + fabs(x[k])));
	assert_close(opt->f, hb_f(x), 1e-12 * (1 + hb_f(x)));
	hb_grad(x, g);
	for (k = 0; k < 2; k++)
		assert_close(opt->g[k], g[k], 1e-12 * (1 + fabs(g[k])));
}

/* ---- the first three steps by hand, himmelblau from (0, 0) ---------- */

/* gd: x ← x − lr·g. */
static void
test_hand_gd(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, g[2], lr = 0.01;
	sd_optimizer *opt = optimizer("gd", obj, "lr=0.01", x, 1);
	int t, k;

	(void)unused;
	for (t = 0; t < 3; t++) {
		hb_grad(x, g);
		for (k = 0; k < 2; k++)
			x[k] -= lr * g[k];
		step_ok(opt);
		assert_at(opt, x);
	}
	/* The first step by eye: ∇f(0, 0) = (−14, −22). */
	sd_optimizer_set(opt, (double[2]){ 0, 0 }, 1, NULL);
	step_ok(opt);
	assert_close(opt->x[0], 0.14, 1e-15);
	assert_close(opt->x[1], 0.22, 1e-15);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* momentum: v ← beta·v − lr·g; x ← x + v, v starting at 0. */
static void
test_hand_momentum(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, v[2] = { 0, 0 }, g[2], lr = 0.01, beta = 0.9;
	sd_optimizer *opt = optimizer("momentum", obj, "lr=0.01,beta=0.9", x,
	    1);
	int t, k;

	(void)unused;
	for (t = 0; t < 3; t++) {
		hb_grad(x, g);
		for (k = 0; k < 2; k++) {
			v[k] = beta * v[k] - lr * g[k];
			x[k] += v[k];
		}
		step_ok(opt);
		assert_at(opt, x);
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* nesterov: v ← beta·v − lr·∇f(x + beta·v); x ← x + v. */
static void
test_hand_nesterov(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, v[2] = { 0, 0 }, y[2], g[2];
	double lr = 0.01, beta = 0.8;
	sd_optimizer *opt = optimizer("nesterov", obj, "lr=0.01,beta=0.8", x,
	    1);
	int t, k;

	(void)unused;
	for (t = 0; t < 3; t++) {
		for (k = 0; k < 2; k++)
			y[k] = x[k] + beta * v[k];
		hb_grad(y, g);
		for (k = 0; k < 2; k++) {
			v[k] = beta * v[k] - lr * g[k];
			x[k] += v[k];
		}
		step_ok(opt);
		assert_at(opt, x);
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* adagrad: G ← G + g²; x ← x − lr·g/(√G + eps). */
static void
test_hand_adagrad(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, G[2] = { 0, 0 }, g[2], lr = 0.5, eps = 1e-8;
	sd_optimizer *opt = optimizer("adagrad", obj, "lr=0.5,eps=1e-8", x,
	    1);
	int t, k;

	(void)unused;
	for (t = 0; t < 3; t++) {
		hb_grad(x, g);
		for (k = 0; k < 2; k++) {
			G[k] += g[k] * g[k];
			x[k] -= lr * g[k] / (sqrt(G[k]) + eps);
		}
		step_ok(opt);
		assert_at(opt, x);
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* rmsprop: s ← rho·s + (1−rho)·g²; x ← x − lr·g/(√s + eps). */
static void
test_hand_rmsprop(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, s[2] = { 0, 0 }, g[2];
	double lr = 0.05, rho = 0.9, eps = 1e-8;
	sd_optimizer *opt = optimizer("rmsprop", obj,
	    "lr=0.05,rho=0.9,eps=1e-8", x, 1);
	int t, k;

	(void)unused;
	for (t = 0; t < 3; t++) {
		hb_grad(x, g);
		for (k = 0; k < 2; k++) {
			s[k] = rho * s[k] + (1 - rho) * g[k] * g[k];
			x[k] -= lr * g[k] / (sqrt(s[k]) + eps);
		}
		step_ok(opt);
		assert_at(opt, x);
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* adam: Kingma & Ba's Algorithm 1 with bias corrections, t from 1. */
static void
test_hand_adam(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, m[2] = { 0, 0 }, v[2] = { 0, 0 }, g[2];
	double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, mh, vh;
	sd_optimizer *opt = optimizer("adam", obj,
	    "lr=0.1,beta1=0.9,beta2=0.999,eps=1e-8", x, 1);
	int t, k;

	(void)unused;
	for (t = 1; t <= 3; t++) {
		hb_grad(x, g);
		for (k = 0; k < 2; k++) {
			m[k] = b1 * m[k] + (1 - b1) * g[k];
			v[k] = b2 * v[k] + (1 - b2) * g[k] * g[k];
			mh = m[k] / (1 - pow(b1, t));
			vh = v[k] / (1 - pow(b2, t));
			x[k] -= lr * mh / (sqrt(vh) + eps);
		}
		step_ok(opt);
		assert_at(opt, x);
	}
	/* The first step moves each coordinate by lr (m̂/√v̂ = sign g). */
	sd_optimizer_set(opt, (double[2]){ 0, 0 }, 1, NULL);
	step_ok(opt);
	assert_close(opt->x[0], 0.1, 1e-9);
	assert_close(opt->x[1], 0.1, 1e-9);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* ξ uniform in the disc of radius r, drawn as pgd documents it: two
 * Gaussians for the direction, then U for the radius r·√U. */
static void
pgd_xi(gsl_rng *rng, double r, double *xi)
{
	double z0 = gsl_ran_gaussian(rng, 1.0), z1 = gsl_ran_gaussian(rng, 1.0);
	double rho = r * sqrt(gsl_rng_uniform(rng)), n = hypot(z0, z1);

	xi[0] = rho * z0 / n;
	xi[1] = rho * z1 / n;
}

/* pgd with g_thres huge and t_thres = 1: a perturbation before steps 1
 * and 3 (t − t_noise > 1), each followed by the gradient step taken at
 * the perturbed point. */
static void
test_hand_pgd(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, xi[2], g[2], lr = 0.01, r = 0.1;
	sd_optimizer *opt = optimizer("pgd", obj,
	    "lr=0.01,r=0.1,g_thres=1e9,t_thres=1", x, 42);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int t, k;

	(void)unused;
	gsl_rng_set(rng, 42);
	for (t = 0; t < 3; t++) {
		if (t != 1) {
			pgd_xi(rng, r, xi);
			assert_true(hypot(xi[0], xi[1]) <= r);
			for (k = 0; k < 2; k++)
				x[k] += xi[k];
		}
		hb_grad(x, g);
		for (k = 0; k < 2; k++)
			x[k] -= lr * g[k];
		step_ok(opt);
		assert_at(opt, x);
	}
	gsl_rng_free(rng);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* pgd far from any small gradient is gd, step for step. */
static void
test_pgd_without_perturbation_is_gd(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 };
	sd_optimizer *p = optimizer("pgd", obj, "lr=0.01,g_thres=1", x0, 5);
	sd_optimizer *q = optimizer("gd", obj, "lr=0.01", x0, 5);
	int t;

	(void)unused;
	for (t = 0; t < 3; t++) {
		step_ok(p);
		step_ok(q);
		assert_memory_equal(p->x, q->x, 2 * sizeof *p->x);
	}
	sd_optimizer_free(p);
	sd_optimizer_free(q);
	sd_objective_free(obj);
}

/* sgd: x ← x − lr·(g + sigma·ξ), ξ two Gaussians per step. */
static void
test_hand_sgd(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, g[2], xi, lr = 0.01, sigma = 3;
	sd_optimizer *opt = optimizer("sgd", obj, "lr=0.01,sigma=3", x, 7);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int t, k;

	(void)unused;
	gsl_rng_set(rng, 7);
	for (t = 0; t < 3; t++) {
		hb_grad(x, g);
		for (k = 0; k < 2; k++) {
			xi = gsl_ran_gaussian(rng, 1.0);
			x[k] -= lr * (g[k] + sigma * xi);
		}
		step_ok(opt);
		assert_at(opt, x);
	}
	gsl_rng_free(rng);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* newton: x ← x − H⁻¹g with the 2×2 inverse written out. */
static void
test_hand_newton(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x[2] = { 0, 0 }, g[2], a, b, c, det;
	sd_optimizer *opt = optimizer("newton", obj, NULL, x, 1);
	int t;

	(void)unused;
	for (t = 0; t < 3; t++) {
		hb_grad(x, g);
		a = 12 * x[0] * x[0] + 4 * x[1] - 42;
		b = 4 * x[0] + 4 * x[1];
		c = 12 * x[1] * x[1] + 4 * x[0] - 26;
		det = a * c - b * b;
		x[0] -= (c * g[0] - b * g[1]) / det;
		x[1] -= (a * g[1] - b * g[0]) / det;
		step_ok(opt);
		assert_at(opt, x);
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* The largest |p − q| entry over the largest |q| entry (at least 1). */
static double
steps_apart(const sd_optimizer *p, const sd_optimizer *q)
{
	double dist = 0, big = 1;
	size_t k;

	for (k = 0; k < p->dim; k++) {
		dist = fmax(dist, fabs(p->x[k] - q->x[k]));
		big = fmax(big, fabs(q->x[k]));
	}
	return dist / big;
}

/* spec twice from SD_KRYLOV_DIM on: *fast with its hvp, *slow with
 * dense as its type (the same without the hvp: dense Hessians); x0 the
 * start scale·sin(k + 1), retracted on a sphere. */
static void
twins(const char *spec, sd_objective **fast, sd_objective **slow,
    sd_objective_type *dense, double scale, double *x0)
{
	size_t k;

	*fast = objective(spec);
	*slow = objective(spec);
	assert_true((*fast)->dim >= SD_KRYLOV_DIM && (*fast)->dim <= 60);
	assert_non_null((*fast)->type->hvp);
	*dense = *(*slow)->type;
	dense->hvp = NULL;
	(*slow)->type = dense;
	for (k = 0; k < (*fast)->dim; k++)
		x0[k] = scale * sin((double)k + 1);
	if ((*fast)->type->manifold == SD_SPHERE)
		assert_int_equal(sd_objective_retract(*fast, x0), 0);
}

/* Four steps of p and q stay within 1e-7 (steps_apart); frees both. */
static void
same_steps(sd_optimizer *p, sd_optimizer *q, const char *spec)
{
	int t;

	for (t = 0; t < 4; t++) {
		step_ok(p);
		step_ok(q);
		if (!(steps_apart(p, q) <= 1e-7))
			fail_msg("%s: step %d is %g from the dense one", spec,
			    t + 1, steps_apart(p, q));
	}
	sd_optimizer_free(p);
	sd_optimizer_free(q);
}

/* Free what twins made. */
static void
twins_free(sd_objective *fast, sd_objective *slow)
{
	slow->type = fast->type;
	sd_objective_free(fast);
	sd_objective_free(slow);
}

/* From SD_KRYLOV_DIM on newton steps by MINRES on Hessian products: the
 * same iterates as the dense eigenbasis step of the same type without its
 * hvp, on R^d and on the sphere (from a start where the Hessians are well
 * conditioned: pure Newton's step along a tiny eigenvalue is as
 * sensitive to the solver's rounding as that eigenvalue is small). */
static void
test_newton_matrix_free(void **unused)
{
	static const struct { const char *spec; double scale; } runs[] = {
		{ "pca:d=60,seed=3", 0.1 }, { "glm:d=60,n=300", 0.02 },
		{ "glm-pop:d=60", 0.1 }, { "matcomp:d=60", 0.2 },
		{ "tensor:d=50,n=4,seed=2", 0.1 },
	};
	sd_objective *fast, *slow;
	sd_objective_type dense;
	sd_optimizer *p, *q;
	double x0[60];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof runs / sizeof *runs; i++) {
		twins(runs[i].spec, &fast, &slow, &dense, runs[i].scale, x0);
		p = optimizer("newton", fast, NULL, x0, 1);
		q = optimizer("newton", slow, NULL, x0, 1);
		same_steps(p, q, runs[i].spec);
		twins_free(fast, slow);
	}
}

/* From SD_KRYLOV_DIM on cubic minimizes its model on a Krylov subspace
 * of Hessian products (cubic_krylov.c): four steps stay within 1e-7 of
 * the dense exact steps of the same type without its hvp, on R^d and on
 * the sphere, for a weight M that binds (the dense scale's: the
 * matrix-free scale's M is an estimate, so both are given the same) and
 * one that barely does; and from a saddle (pca at 0: g = 0, the hard
 * case) the step is the dense one along the lowest eigenvector, the same
 * side included. */
static void
test_cubic_matrix_free(void **unused)
{
	static const struct {
		const char *spec;
		double M, scale;	/* M 0: the dense scale's */
	} runs[] = {
		{ "pca:d=60,seed=3", 0, 0.1 }, { "glm:d=60,n=300", 0, 0.02 },
		{ "glm:d=60,n=300", 1e-6, 0.02 },
		{ "glm-pop:d=60", 0, 0.1 }, { "matcomp:d=60", 0, 0.2 },
		{ "tensor:d=50,n=4,seed=2", 0, 0.1 },
		{ "pca:d=60,seed=3", 0, 0 },
	};
	sd_objective *fast, *slow;
	sd_objective_type dense;
	sd_optimizer *p, *q;
	sd_scale sc;
	double x0[60];
	char set[64];
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof runs / sizeof *runs; i++) {
		twins(runs[i].spec, &fast, &slow, &dense, runs[i].scale, x0);
		assert_int_equal(sd_objective_scale(slow, &sc, NULL), 0);
		snprintf(set, sizeof set, "M=%.17g", runs[i].M > 0 ?
		    runs[i].M : sc.M);
		p = optimizer("cubic", fast, set, x0, 1);
		q = optimizer("cubic", slow, set, x0, 1);
		same_steps(p, q, runs[i].spec);
		twins_free(fast, slow);
	}
}

/* ---- cubic's subproblem --------------------------------------------- */

/* m(s) = gᵀs + ½sᵀHs + (M/6)‖s‖³ for 2D data. */
static double
cubic_model(const double *g, const double *h, double M, const double *s)
{
	double n = hypot(s[0], s[1]);

	return g[0] * s[0] + g[1] * s[1] + 0.5 * (h[0] * s[0] * s[0] +
	    2 * h[1] * s[0] * s[1] + h[3] * s[1] * s[1]) + M / 6 * n * n * n;
}

/* The step from x solves the model exactly: (H + (M/2)‖s‖I)s = −g with
 * H + (M/2)‖s‖I ⪰ 0 (Nesterov & Polyak, Proposition 1), and no point of
 * a fine polar grid does better. */
static void
check_cubic_step(const char *spec, const double *x0, double M)
{
	sd_objective *obj = objective(spec);
	char set[64];
	sd_optimizer *opt;
	double g[2], h[4], s[2], r, mu, res[2], lmin, best, p[2], ang, rad;
	int i, j;

	snprintf(set, sizeof set, "M=%.17g", M);
	opt = optimizer("cubic", obj, set, x0, 1);
	sd_objective_gradient(obj, x0, g);
	sd_objective_hessian(obj, x0, h);
	step_ok(opt);
	s[0] = opt->x[0] - x0[0];
	s[1] = opt->x[1] - x0[1];
	r = hypot(s[0], s[1]);
	mu = M * r / 2;
	res[0] = g[0] + h[0] * s[0] + h[1] * s[1] + mu * s[0];
	res[1] = g[1] + h[2] * s[0] + h[3] * s[1] + mu * s[1];
	assert_true(hypot(res[0], res[1]) <= 1e-9 * (1 + hypot(g[0], g[1])));
	lmin = 0.5 * (h[0] + h[3]) - hypot(0.5 * (h[0] - h[3]), h[1]);
	assert_true(lmin + mu >= -1e-9 * (1 + fabs(lmin)));
	best = cubic_model(g, h, M, s);
	for (i = 1; i <= 200; i++) {
		for (j = 0; j < 360; j++) {
			rad = 3 * r * i / 200;
			ang = j * M_PI / 180;
			p[0] = rad * cos(ang);
			p[1] = rad * sin(ang);
			assert_true(best <= cubic_model(g, h, M, p) + 1e-12 *
			    (1 + fabs(best)));
		}
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* Where H is negative definite, indefinite, positive definite. */
static void
test_cubic_subproblem(void **unused)
{
	(void)unused;
	check_cubic_step("himmelblau", (double[2]){ 0, 0 }, 100);
	check_cubic_step("himmelblau", (double[2]){ 0.3, 2.5 }, 100);
	check_cubic_step("himmelblau", (double[2]){ 3.5, 2.5 }, 100);
	check_cubic_step("rosenbrock", (double[2]){ -1, 2 }, 50);
	check_cubic_step("saddle", (double[2]){ 0.5, 0.1 }, 1);
	check_cubic_step("doublewell", (double[2]){ 0.1, 0.3 }, 40);
}

/* The hard case: on doublewell's stable manifold (0, 0.3), H = diag(−4, 2)
 * and g = (0, 0.6) has no component along e1. With M = 40, μ = −λ₁ = 4,
 * ‖s‖ = 2μ/M = 0.2, s_y = −0.6/(2 + 4) = −0.1, s_x = √(0.2² − 0.1²) along
 * the eigenvector's canonical (positive) sign. */
static void
test_cubic_hard_case(void **unused)
{
	sd_objective *obj = objective("doublewell");
	double x0[2] = { 0, 0.3 }, near[2] = { 1e-200, 0.3 };
	sd_optimizer *opt = optimizer("cubic", obj, "M=40", x0, 1);

	(void)unused;
	step_ok(opt);
	assert_close(opt->x[0], sqrt(0.03), 1e-15);
	assert_close(opt->x[1], 0.2, 1e-15);
	/* A gradient component along e1 far below rounding: the same step. */
	sd_optimizer_set(opt, near, 1, NULL);
	step_ok(opt);
	assert_close(opt->x[0], sqrt(0.03), 1e-12);
	assert_close(opt->x[1], 0.2, 1e-12);
	/* At the saddle itself (g = 0) the step is pure negative curvature. */
	sd_optimizer_set(opt, (double[2]){ 0, 0 }, 1, NULL);
	step_ok(opt);
	assert_close(opt->x[0], 0.2, 1e-15);
	assert_close(opt->x[1], 0, 1e-15);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* ---- the per-coordinate step sizes (sd_optimizer_step_sizes) ------- */

/* Read before a step, the step sizes are the step: each coordinate
 * moves by −η_i·g_i (adam's with beta1 = 0, where m̂ = g). */
static void
step_sizes_are_the_step(const char *name, const char *set)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 }, x[2], g[2], eta[2];
	sd_optimizer *opt = optimizer(name, obj, set, x0, 1);
	int t, k;

	for (t = 0; t < 3; t++) {
		assert_int_equal(sd_optimizer_step_sizes(opt, eta), 0);
		for (k = 0; k < 2; k++) {
			x[k] = opt->x[k];
			g[k] = opt->g[k];
		}
		step_ok(opt);
		for (k = 0; k < 2; k++)
			assert_close(opt->x[k] - x[k], -eta[k] * g[k],
			    1e-12 * (1 + fabs(x[k])));
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* adagrad, rmsprop and adam tell their step sizes, and they are the
 * steps taken; adagrad's first ones by hand: lr/(|g_i| + eps) with
 * ∇f(0, 0) = (−14, −22); the other methods have none. */
static void
test_step_sizes(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 }, eta[2] = { -1, -1 };
	sd_optimizer *opt;
	size_t i;

	(void)unused;
	step_sizes_are_the_step("adagrad", "lr=0.5");
	step_sizes_are_the_step("rmsprop", "lr=0.05,rho=0.9");
	step_sizes_are_the_step("adam", "lr=0.1,beta1=0");
	opt = optimizer("adagrad", obj, "lr=0.5,eps=1e-8", x0, 1);
	assert_int_equal(sd_optimizer_step_sizes(opt, eta), 0);
	assert_close(eta[0], 0.5 / (14 + 1e-8), 1e-15);
	assert_close(eta[1], 0.5 / (22 + 1e-8), 1e-15);
	sd_optimizer_free(opt);
	for (i = 0; sd_optimizer_types[i] != NULL; i++) {
		const char *name = sd_optimizer_types[i]->name;
		int diagonal = strcmp(name, "adagrad") == 0 ||
		    strcmp(name, "rmsprop") == 0 || strcmp(name, "adam") == 0;

		opt = optimizer(name, obj, NULL, x0, 1);
		assert_int_equal(sd_optimizer_step_sizes(opt, eta),
		    diagonal ? 0 : -1);
		sd_optimizer_free(opt);
	}
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hand_gd),
		cmocka_unit_test(test_hand_momentum),
		cmocka_unit_test(test_hand_nesterov),
		cmocka_unit_test(test_hand_adagrad),
		cmocka_unit_test(test_hand_rmsprop),
		cmocka_unit_test(test_hand_adam),
		cmocka_unit_test(test_hand_pgd),
		cmocka_unit_test(test_pgd_without_perturbation_is_gd),
		cmocka_unit_test(test_hand_sgd),
		cmocka_unit_test(test_hand_newton),
		cmocka_unit_test(test_newton_matrix_free),
		cmocka_unit_test(test_cubic_matrix_free),
		cmocka_unit_test(test_cubic_subproblem),
		cmocka_unit_test(test_cubic_hard_case),
		cmocka_unit_test(test_step_sizes),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
