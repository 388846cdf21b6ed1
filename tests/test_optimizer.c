/* test_optimizer.c: the stepping engine against the papers' update rules.
 *
 * Each first-order method's first three steps on himmelblau from (0, 0)
 * are worked out here from its rule, with himmelblau's gradient typed in
 * below (not taken from the library); gd contracts at exactly 1 − lr·λ
 * along each eigenvector of a quadratic; cubic's subproblem answer is
 * checked against Nesterov & Polyak's optimality conditions, its hard case
 * by hand; every method runs on every classic objective without a NaN;
 * seeded runs repeat bit for bit. */
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

#include "landscape/chart.h"
#include "base/error.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "testutil.h"
#include "optimizers/trace.h"

/* The classic objectives of DESIGN.md §4. */
static const char *const classic[] = {
	"himmelblau", "rosenbrock", "camel6", "beale", "rastrigin",
	"doublewell", "quadwell", "saddle", "monkey", "cubic", "linnet", NULL
};

/* Those bounded below, on which every method should end lower. */
static const char *const bounded[] = {
	"himmelblau", "rosenbrock", "camel6", "beale", "rastrigin",
	"doublewell", "quadwell", "linnet", NULL
};

/* ---- helpers ------------------------------------------------------- */

/* Build an objective or fail the test. */
static sd_objective *
objective(const char *spec)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new(spec, &cause);

	if (obj == NULL)
		fail_msg("%s: %s", spec, cause);
	return obj;
}

/* An optimizer of the named type with parameters set, started at x0. */
static sd_optimizer *
optimizer(const char *name, const sd_objective *obj, const char *set,
    const double *x0, unsigned long seed)
{
	const sd_optimizer_type *type = sd_optimizer_lookup(name);
	char *cause = NULL;
	sd_optimizer *opt;

	assert_non_null(type);
	opt = sd_optimizer_new(type, obj, &cause);
	if (opt == NULL)
		fail_msg("%s: %s", name, cause);
	if (set != NULL && sd_optimizer_set_params(opt, set, &cause) != 0)
		fail_msg("%s --set %s: %s", name, set, cause);
	if (sd_optimizer_set(opt, x0, seed, &cause) != 0)
		fail_msg("%s set: %s", name, cause);
	return opt;
}

/* Take one step that must succeed. */
static void
step_ok(sd_optimizer *opt)
{
	sd_step_status st = sd_optimizer_iterate(opt);

	if (st != SD_STEP_OK)
		fail_msg("%s: step %zu: %s", opt->type->name, opt->iter + 1,
		    sd_step_status_name(st));
}

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

/* A test-local convex quadratic ½ xᵀAx, A = [[3, 1], [1, 2]], with window
 * [−1, 1] × [−2, 2]: its eigenvalues are (5 ± √5)/2. */
static double
quad_f(const void *s, const double *x)
{
	(void)s;
	return 0.5 * (3 * x[0] * x[0] + 2 * x[0] * x[1] + 2 * x[1] * x[1]);
}

static void
quad_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = 3 * x[0] + x[1];
	g[1] = x[0] + 2 * x[1];
}

static void
quad_hess(const void *s, const double *x, double *h)
{
	(void)s;
	(void)x;
	h[0] = 3;
	h[1] = h[2] = 1;
	h[3] = 2;
}

static const sd_objective_type quad_type = {
	.name = "quad",
	.summary = "a convex quadratic",
	.formula = "½ xᵀAx",
	.dim = 2,
	.window = { -1, 1, -2, 2 },
	.f = quad_f,
	.grad = quad_grad,
	.hess = quad_hess,
};

/* ---- the registry and parameters ----------------------------------- */

/* DESIGN.md §5: every method, with exactly its --set keys. */
static void
test_registry_matches_design(void **unused)
{
	static const struct {
		const char *name, *keys;
	} design[] = {
		{ "gd", "lr" }, { "momentum", "lr,beta" },
		{ "nesterov", "lr,beta" }, { "adagrad", "lr,eps" },
		{ "rmsprop", "lr,rho,eps" },
		{ "adam", "lr,beta1,beta2,eps" }, { "newton", "" },
		{ "cubic", "M" }, { "pgd", "lr,r,g_thres,t_thres" },
		{ "sgd", "lr,sigma,batch" }, { "bfgs", "lr,tol" },
	};
	const sd_optimizer_type *t;
	char keys[256];
	size_t i, k, n;

	(void)unused;
	for (i = 0; sd_optimizer_types[i] != NULL; i++)
		;
	assert_int_equal(i, sizeof design / sizeof design[0]);
	for (i = 0; i < sizeof design / sizeof design[0]; i++) {
		t = sd_optimizer_types[i];
		assert_string_equal(t->name, design[i].name);
		assert_ptr_equal(sd_optimizer_lookup(t->name), t);
		assert_true(t->summary && *t->summary && t->rule && *t->rule &&
		    t->reference && *t->reference && t->iterate);
		n = sd_params_count(t->params);
		assert_true(n <= SD_PARAMS_MAX);
		*keys = '\0';
		for (k = 0; k < n; k++) {
			if (k > 0)
				strcat(keys, ",");
			strcat(keys, t->params[k].key);
			assert_true(t->params[k].help && *t->params[k].help);
			assert_true(t->scales == NULL ||
			    t->scales[k] < SD_SCALE_COUNT);
		}
		assert_string_equal(keys, design[i].keys);
	}
}

/* An unknown name is refused, naming it and listing the known ones. */
static void
test_unknown_optimizer(void **unused)
{
	char *cause = NULL;

	(void)unused;
	assert_null(sd_optimizer_lookup("sgdd"));
	assert_null(sd_optimizer_find("sgdd", &cause));
	assert_non_null(strstr(cause, "'sgdd'"));
	assert_non_null(strstr(cause, "gd, momentum"));
	assert_non_null(strstr(cause, "bfgs"));
	free(cause);
}

/* --set: unknown or malformed keys fail, name the word, change nothing. */
static void
test_set_params(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 }, before[SD_PARAMS_MAX];
	sd_optimizer *opt = optimizer("adam", obj, NULL, x0, 1);
	char *cause = NULL;

	(void)unused;
	memcpy(before, opt->params, sizeof before);
	assert_int_equal(sd_optimizer_set_params(opt, "beta1=0.5,lrr=1",
	    &cause), -1);
	assert_non_null(strstr(cause, "'lrr'"));
	assert_non_null(strstr(cause, "lr, beta1, beta2, eps"));
	free(cause);
	assert_int_equal(sd_optimizer_set_params(opt, "beta1", &cause), -1);
	assert_non_null(strstr(cause, "'beta1'"));
	free(cause);
	assert_int_equal(sd_optimizer_set_params(opt, "beta2=2", &cause), -1);
	assert_non_null(strstr(cause, "beta2=2"));
	free(cause);
	assert_memory_equal(before, opt->params, sizeof before);
	assert_int_equal(sd_optimizer_set_params(opt, "lr=0.5,eps=1e-6",
	    &cause), 0);
	assert_true(opt->params[0] == 0.5 && opt->params[3] == 1e-6);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* ---- default parameters from the objective's scale ----------------- */

/* On himmelblau's [−6, 6]² the largest Hessian eigenvalue of the grid is
 * at the corner (6, 6): H = [[414, 48], [48, 430]], λ = 422 + √2368. */
static void
test_scale_himmelblau(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	const sd_optimizer_type *t;
	double L = 422 + sqrt(2368), v[SD_PARAMS_MAX];
	sd_scale s;
	char rule[64];

	(void)unused;
	assert_int_equal(sd_optimizer_scale(obj, &s, NULL), 0);
	assert_close(s.L, L, 1e-9 * L);
	assert_true(s.D == 12);
	/* Third derivatives reach 24·6 = 144 on the window. */
	assert_true(s.M > 100 && s.M < 300);

	t = sd_optimizer_lookup("gd");
	sd_optimizer_default_params(t, &s, v);
	assert_close(v[0], 1 / L, 1e-9 / L);
	sd_optimizer_param_rule(t, 0, rule, sizeof rule);
	assert_string_equal(rule, "1/L");

	t = sd_optimizer_lookup("adam");
	sd_optimizer_default_params(t, &s, v);
	assert_close(v[0], 0.002 * 12, 1e-15);
	assert_true(v[1] == 0.9 && v[2] == 0.999 && v[3] == 1e-8);
	sd_optimizer_param_rule(t, 0, rule, sizeof rule);
	assert_string_equal(rule, "0.002·D");
	sd_optimizer_param_rule(t, 2, rule, sizeof rule);
	assert_string_equal(rule, "0.999");

	t = sd_optimizer_lookup("pgd");
	sd_optimizer_default_params(t, &s, v);
	assert_close(v[2], 1e-4 * L * 12, 1e-12 * L);
	/* Jin et al.'s ratio r = g_thres/ℓ. */
	assert_close(v[1], v[2] / L, 1e-15);
	assert_true(v[3] == 1000);
	sd_optimizer_param_rule(t, 2, rule, sizeof rule);
	assert_string_equal(rule, "0.0001·L·D");

	t = sd_optimizer_lookup("cubic");
	sd_optimizer_default_params(t, &s, v);
	assert_true(v[0] == s.M);
	sd_optimizer_param_rule(t, 0, rule, sizeof rule);
	assert_string_equal(rule, "M");
	sd_objective_free(obj);
}

/* A quadratic: L is its top eigenvalue, D its window's shorter side, and
 * M (the Hessian is constant) falls back to L/D. */
static void
test_scale_quadratic(void **unused)
{
	sd_objective *obj = sd_objective_new_type(&quad_type, NULL, NULL);
	double top = (5 + sqrt(5)) / 2;
	sd_scale s;

	(void)unused;
	assert_non_null(obj);
	assert_int_equal(sd_optimizer_scale(obj, &s, NULL), 0);
	assert_close(s.L, top, 1e-12);
	assert_true(s.D == 2);
	assert_close(s.M, top / 2, 1e-12);
	sd_objective_free(obj);
}

/* ---- the chapter's rates -------------------------------------------- */

/* gd on ½xᵀAx: the coordinate along each eigenvector q_i is multiplied by
 * exactly 1 − lr·λ_i per step. */
static void
test_gd_rate_on_quadratic(void **unused)
{
	sd_objective *obj = sd_objective_new_type(&quad_type, NULL, NULL);
	double lam[2] = { (5 - sqrt(5)) / 2, (5 + sqrt(5)) / 2 };
	double x0[2] = { 0.8, -1.3 }, q[2][2], c0[2], c, lr = 0.1, nq;
	sd_optimizer *opt;
	size_t i, t;

	(void)unused;
	/* (A − λI)q = 0 with A = [[3, 1], [1, 2]]: q ∝ (1, λ − 3). */
	for (i = 0; i < 2; i++) {
		nq = hypot(1, lam[i] - 3);
		q[i][0] = 1 / nq;
		q[i][1] = (lam[i] - 3) / nq;
		c0[i] = q[i][0] * x0[0] + q[i][1] * x0[1];
	}
	opt = optimizer("gd", obj, "lr=0.1", x0, 1);
	for (t = 1; t <= 40; t++) {
		step_ok(opt);
		for (i = 0; i < 2; i++) {
			c = q[i][0] * opt->x[0] + q[i][1] * opt->x[1];
			assert_close(c, pow(1 - lr * lam[i], (double)t) * c0[i],
			    1e-13);
		}
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* At the strict saddle of x² − y² the same rule makes the unstable
 * coordinate grow by exactly 1 + 2·lr per step. */
static void
test_gd_rate_at_strict_saddle(void **unused)
{
	sd_objective *obj = objective("saddle");
	double x0[2] = { 1, 1e-6 }, lr = 0.05;
	sd_optimizer *opt = optimizer("gd", obj, "lr=0.05", x0, 1);
	size_t t;

	(void)unused;
	for (t = 1; t <= 60; t++) {
		step_ok(opt);
		assert_close(opt->x[0], pow(1 - 2 * lr, (double)t), 1e-14);
		assert_close(opt->x[1], 1e-6 * pow(1 + 2 * lr, (double)t),
		    1e-18 * pow(1 + 2 * lr, (double)t));
	}
	sd_optimizer_free(opt);
	sd_objective_free(obj);
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

/* ---- sgd's minibatches ------------------------------------------------ */

/* A test-local objective made of samples, ½·mean_i ‖x − c_i‖² with
 * c_i = (i, −i), whose grad_batch checks and counts the indices it gets:
 * each within 0..n−1, no index twice in one minibatch. */
#define TALLY_N 12
static size_t tally_count[TALLY_N];
static int tally_repeat;
static size_t tally_calls, tally_m;

static double
tally_f(const void *s, const double *x)
{
	double sum = 0, a, b;
	size_t i;

	(void)s;
	for (i = 0; i < TALLY_N; i++) {
		a = x[0] - (double)i;
		b = x[1] + (double)i;
		sum += a * a + b * b;
	}
	return sum / (2 * TALLY_N);
}

static void
tally_grad(const void *s, const double *x, double *g)
{
	(void)s;
	g[0] = x[0] - (TALLY_N - 1) / 2.0;
	g[1] = x[1] + (TALLY_N - 1) / 2.0;
}

static void
tally_hess(const void *s, const double *x, double *h)
{
	(void)s;
	(void)x;
	h[0] = h[3] = 1;
	h[1] = h[2] = 0;
}

static size_t
tally_samples(const void *s)
{
	(void)s;
	return TALLY_N;
}

static void
tally_batch(const void *s, const double *x, const size_t *idx, size_t m,
    double *g)
{
	int seen[TALLY_N] = { 0 };
	size_t k;

	(void)s;
	g[0] = g[1] = 0;
	for (k = 0; k < m; k++) {
		if (idx[k] >= TALLY_N || seen[idx[k]]++)
			tally_repeat = 1;
		else
			tally_count[idx[k]]++;
		g[0] += (x[0] - (double)idx[k]) / (double)m;
		g[1] += (x[1] + (double)idx[k]) / (double)m;
	}
	tally_calls++;
	tally_m = m;
}

static const sd_objective_type tally_type = {
	.name = "tally",
	.summary = "samples that count their draws",
	.formula = "½ mean ‖x − c_i‖²",
	.dim = 2,
	.window = { -20, 20, -20, 20 },
	.f = tally_f,
	.grad = tally_grad,
	.hess = tally_hess,
	.samples = tally_samples,
	.grad_batch = tally_batch,
};

/* Each step draws batch distinct samples (without replacement), every
 * sample equally often in the long run (each count within 5 standard
 * deviations of its binomial mean), and the step follows the minibatch's
 * gradient: with sigma = 0 and lr = 1 it lands on the minibatch's mean of
 * c_i, which is never the full mean (5.5, −5.5) for a batch of 5 of 12. */
static void
test_sgd_minibatch_draws(void **unused)
{
	sd_objective *obj;
	double x0[2] = { 3, 1 }, mean, sd;
	const size_t steps = 6000, m = 5;
	sd_optimizer *opt;
	size_t t, i, off = 0;

	(void)unused;
	obj = sd_objective_new_type(&tally_type, NULL, NULL);
	assert_non_null(obj);
	opt = optimizer("sgd", obj, "lr=1,sigma=0,batch=5", x0, 9);
	memset(tally_count, 0, sizeof tally_count);
	tally_repeat = 0;
	tally_calls = 0;
	for (t = 0; t < steps; t++) {
		step_ok(opt);
		/* x = mean of the batch's c_i: x1 + x2 = 0 exactly. */
		assert_close(opt->x[0] + opt->x[1], 0, 1e-12);
		off += fabs(opt->x[0] - (TALLY_N - 1) / 2.0) > 1e-9;
		assert_int_equal(sd_optimizer_set(opt, x0, 9 + t + 1, NULL), 0);
	}
	assert_int_equal(tally_calls, steps);
	assert_int_equal(tally_m, m);
	assert_false(tally_repeat);
	assert_true(off == steps);
	mean = (double)(steps * m) / TALLY_N;
	sd = sqrt(mean * (1 - (double)m / TALLY_N));
	for (i = 0; i < TALLY_N; i++)
		assert_true(fabs((double)tally_count[i] - mean) <= 5 * sd);
	/* A batch as large as the data is the full gradient: no draws. */
	assert_int_equal(sd_optimizer_set_params(opt, "batch=12", NULL), 0);
	assert_int_equal(sd_optimizer_set(opt, x0, 1, NULL), 0);
	tally_calls = 0;
	step_ok(opt);
	assert_int_equal(tally_calls, 0);
	assert_close(opt->x[0], (TALLY_N - 1) / 2.0, 1e-12);
	assert_close(opt->x[1], -(TALLY_N - 1) / 2.0, 1e-12);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* On glm, one sgd step with lr = 1 and no noise moves by the minibatch
 * gradient; averaged over many seeds it approaches ∇L̂ (each coordinate
 * within 5 standard errors, and the errors shrink like 1/√N: the mean of
 * 4N draws is closer than the mean of N/4 in norm, up to the noise of the
 * estimate), while single draws scatter around it. */
static void
test_sgd_minibatch_unbiased(void **unused)
{
	sd_objective *obj = objective("glm:d=3,n=40,seed=4");
	double x0[3] = { 0.5, -1, 0.25 }, g[3], sum[3] = { 0 };
	double sq[3] = { 0 }, e, se, err_small = 0, err_big = 0;
	const size_t n = 8000;
	sd_optimizer *opt;
	size_t t, k;

	(void)unused;
	sd_objective_gradient(obj, x0, g);
	opt = optimizer("sgd", obj, "lr=1,sigma=0,batch=4", x0, 1);
	for (t = 0; t < n; t++) {
		assert_int_equal(sd_optimizer_set(opt, x0, t + 1, NULL), 0);
		step_ok(opt);
		for (k = 0; k < 3; k++) {
			e = x0[k] - opt->x[k];
			sum[k] += e;
			sq[k] += e * e;
		}
		if (t + 1 == n / 32)
			for (k = 0; k < 3; k++)
				err_small += pow(sum[k] / (double)(t + 1) - g[k],
				    2);
	}
	for (k = 0; k < 3; k++) {
		se = sqrt((sq[k] / n - pow(sum[k] / n, 2)) / n);
		assert_true(se > 0);
		assert_true(fabs(sum[k] / n - g[k]) <= 5 * se);
		/* The draws scatter: their spread is far above rounding. */
		assert_true(se * sqrt((double)n) > 1e-3 * fabs(g[k]));
		err_big += pow(sum[k] / n - g[k], 2);
	}
	assert_true(err_big < err_small);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* Theorems 3.2–3.3: sgd with minibatches on glm's empirical risk settles
 * near its minimizer ŵ (found here by gd to ‖∇L̂‖ < 1e-10), which is near
 * w* (the default chart's (‖w*‖, 0) = (2, 0)); runs repeat bit for bit
 * for one seed. */
static void
test_sgd_glm_converges(void **unused)
{
	sd_objective *obj = objective("glm");
	double ws[2], wh[2], x0[2], a, b, avg[2] = { 0, 0 }, first[2];
	sd_optimizer *opt;
	sd_chart chart;
	size_t t, k;

	(void)unused;
	assert_int_equal(sd_chart_init_default(&chart, obj, NULL), 0);
	sd_chart_lift(&chart, 2, 0, ws);
	sd_window_default_start(&chart.window, &a, &b);
	sd_chart_lift(&chart, a, b, x0);
	sd_chart_done(&chart);
	opt = optimizer("gd", obj, NULL, x0, 1);
	for (t = 0; t < 200000 && !sd_optimizer_test_gradient(opt, 1e-10); t++)
		step_ok(opt);
	assert_true(sd_optimizer_test_gradient(opt, 1e-10));
	memcpy(wh, opt->x, sizeof wh);
	sd_optimizer_free(opt);
	assert_true(hypot(wh[0] - ws[0], wh[1] - ws[1]) < 0.3);
	opt = optimizer("sgd", obj, "batch=10", x0, 5);
	for (t = 0; t < 6000; t++) {
		step_ok(opt);
		if (t == 0)
			memcpy(first, opt->x, sizeof first);
		for (k = 0; t >= 5000 && k < 2; k++)
			avg[k] += opt->x[k] / 1000;
	}
	assert_true(hypot(avg[0] - wh[0], avg[1] - wh[1]) < 0.05);
	assert_true(hypot(avg[0] - ws[0], avg[1] - ws[1]) < 0.3);
	assert_int_equal(sd_optimizer_set(opt, x0, 5, NULL), 0);
	step_ok(opt);
	assert_memory_equal(opt->x, first, sizeof first);
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

/* ---- every method, every classic objective ---------------------------- */

/* 1 when name is in the NULL-terminated list. */
static int
listed(const char *const *list, const char *name)
{
	for (; *list != NULL; list++) {
		if (strcmp(*list, name) == 0)
			return 1;
	}
	return 0;
}

/* A whole trace is finite, and agrees with where the optimizer stopped. */
static void
check_trace(const sd_trace *t, const sd_optimizer *opt)
{
	size_t i;

	assert_int_equal(t->n, opt->iter + 1);
	for (i = 0; i < t->n * t->dim; i++)
		assert_true(isfinite(t->x[i]));
	for (i = 0; i < t->n; i++)
		assert_true(isfinite(t->f[i]) && isfinite(t->grad_norm[i]));
	assert_memory_equal(t->x + (t->n - 1) * t->dim, opt->x,
	    t->dim * sizeof *opt->x);
	assert_true(t->stop != SD_STOP_NONE);
}

/* What the theory promises about f along one run: gd (lr = 1/L), cubic
 * (M ≥ the Hessian's Lipschitz estimate) and bfgs (Armijo line search)
 * never go up; the other descent methods end lower on landscapes bounded
 * below; newton and sgd promise nothing. */
static void
check_descent(const char *spec, const sd_trace *t, const char *name)
{
	size_t i;

	if (strcmp(name, "gd") == 0 || strcmp(name, "cubic") == 0 ||
	    strcmp(name, "bfgs") == 0) {
		for (i = 1; i < t->n; i++) {
			if (t->f[i] > t->f[i - 1] + 1e-12 * (1 +
			    fabs(t->f[i - 1])))
				fail_msg("%s on %s: f rose at step %zu", name,
				    spec, i);
		}
	}
	if (strcmp(name, "newton") != 0 && strcmp(name, "sgd") != 0 &&
	    listed(bounded, spec) && t->f[t->n - 1] > t->f[0])
		fail_msg("%s on %s: ended higher", name, spec);
}

/* GSL's multimin/test.c idea: every algorithm on every test function. */
static void
test_every_method_every_objective(void **unused)
{
	static const double starts[][2] = {
		{ 0.2, 0.17 }, { 0.8, 0.3 }, { 0.35, 0.85 }, { 0.62, 0.55 }
	};
	const sd_optimizer_type *type;
	const sd_window *w;
	sd_objective *obj;
	sd_optimizer *opt;
	sd_trace t;
	double x0[2];
	size_t i, j, k;

	(void)unused;
	for (i = 0; classic[i] != NULL; i++) {
		obj = objective(classic[i]);
		w = &obj->type->window;
		for (j = 0; (type = sd_optimizer_types[j]) != NULL; j++) {
			for (k = 0; k < 4; k++) {
				x0[0] = w->xmin + starts[k][0] *
				    (w->xmax - w->xmin);
				x0[1] = w->ymin + starts[k][1] *
				    (w->ymax - w->ymin);
				opt = optimizer(type->name, obj, NULL, x0, k);
				sd_trace_init(&t, 2);
				assert_int_equal(sd_trace_run(&t, opt, NULL,
				    1000, 1e-6, NULL), 0);
				check_trace(&t, opt);
				check_descent(classic[i], &t, type->name);
				sd_trace_done(&t);
				sd_optimizer_free(opt);
			}
		}
		sd_objective_free(obj);
	}
}

/* ---- determinism, divergence, failures ------------------------------- */

/* Run name from x0 for n steps with seed; the trace is left in t. */
static void
record(sd_trace *t, const char *spec, const char *name, const double *x0,
    unsigned long seed, size_t n)
{
	sd_objective *obj = objective(spec);
	sd_optimizer *opt = optimizer(name, obj, NULL, x0, seed);

	sd_trace_init(t, 2);
	assert_int_equal(sd_trace_run(t, opt, NULL, n, 0, NULL), 0);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* The same seed repeats a run bit for bit; another seed does not. */
static void
test_determinism(void **unused)
{
	static const char *const noisy[] = { "sgd", "pgd" };
	double x0[2] = { 0, 1.5 };
	sd_trace a, b, c;
	size_t i;

	(void)unused;
	for (i = 0; i < 2; i++) {
		record(&a, "doublewell", noisy[i], x0, 11, 400);
		record(&b, "doublewell", noisy[i], x0, 11, 400);
		record(&c, "doublewell", noisy[i], x0, 12, 400);
		assert_int_equal(a.n, b.n);
		assert_memory_equal(a.x, b.x, a.n * 2 * sizeof *a.x);
		assert_memory_equal(a.f, b.f, a.n * sizeof *a.f);
		assert_true(a.n != c.n ||
		    memcmp(a.x, c.x, a.n * 2 * sizeof *a.x) != 0);
		sd_trace_done(&a);
		sd_trace_done(&b);
		sd_trace_done(&c);
	}
}

/* sd_optimizer_set restarts everything: the state and the noise. */
static void
test_restart_repeats(void **unused)
{
	static const char *const names[] = { "momentum", "adam", "bfgs",
	    "sgd" };
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { -1, 1 }, first[10];
	sd_optimizer *opt;
	size_t i, t;

	(void)unused;
	for (i = 0; i < 4; i++) {
		opt = optimizer(names[i], obj, NULL, x0, 3);
		for (t = 0; t < 5; t++) {
			step_ok(opt);
			memcpy(first + 2 * t, opt->x, 2 * sizeof *opt->x);
		}
		assert_int_equal(sd_optimizer_set(opt, x0, 3, NULL), 0);
		assert_int_equal(opt->iter, 0);
		for (t = 0; t < 5; t++) {
			step_ok(opt);
			assert_memory_equal(first + 2 * t, opt->x,
			    2 * sizeof *opt->x);
		}
		sd_optimizer_free(opt);
	}
	sd_objective_free(obj);
}

/* x² − y² is unbounded: gd runs off until a value overflows, then stops
 * at the last finite iterate with everything still printable. */
static void
test_divergence_stops_finite(void **unused)
{
	sd_objective *obj = objective("saddle");
	double x0[2] = { 0.5, 1 }, last[2];
	sd_optimizer *opt = optimizer("gd", obj, "lr=0.4", x0, 1);
	sd_step_status st;
	size_t n = 0;

	(void)unused;
	while ((st = sd_optimizer_iterate(opt)) == SD_STEP_OK)
		assert_true(++n < 10000);
	assert_int_equal(st, SD_STEP_DIVERGED);
	assert_int_equal(opt->iter, n);
	assert_true(isfinite(opt->x[1]) && isfinite(opt->f) &&
	    isfinite(opt->grad_norm) && fabs(opt->x[1]) > 1e100);
	/* A diverged step takes no step: trying again changes nothing. */
	memcpy(last, opt->x, sizeof last);
	assert_int_equal(sd_optimizer_iterate(opt), SD_STEP_DIVERGED);
	assert_memory_equal(last, opt->x, sizeof last);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* newton where doublewell's Hessian is singular (x² = 1/3) takes no
 * step; elsewhere it does. */
static void
test_newton_singular(void **unused)
{
	sd_objective *obj = objective("doublewell");
	double x0[2] = { 1 / sqrt(3), 0.5 };
	sd_optimizer *opt = optimizer("newton", obj, NULL, x0, 1);

	(void)unused;
	assert_int_equal(sd_optimizer_iterate(opt), SD_STEP_SINGULAR);
	assert_int_equal(opt->iter, 0);
	assert_memory_equal(opt->x, x0, sizeof x0);
	x0[0] = 0.7;
	sd_optimizer_set(opt, x0, 1, NULL);
	assert_int_equal(sd_optimizer_iterate(opt), SD_STEP_OK);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* bfgs on the monkey saddle, which falls without bound: GSL's line search
 * gives up and the engine says stuck rather than pretending to step. */
static void
test_bfgs_stuck(void **unused)
{
	sd_objective *obj = objective("monkey");
	double x0[2] = { -0.75, 1.25 };
	sd_optimizer *opt = optimizer("bfgs", obj, NULL, x0, 1);
	sd_step_status st = SD_STEP_OK;
	size_t n;

	(void)unused;
	for (n = 0; n < 100 && st == SD_STEP_OK; n++)
		st = sd_optimizer_iterate(opt);
	assert_int_equal(st, SD_STEP_STUCK);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

/* A start where f is not finite is refused. */
static void
test_bad_start(void **unused)
{
	sd_objective *obj = objective("himmelblau");
	double x0[2] = { 0, 0 }, bad[2] = { 1e200, 0 };
	sd_optimizer *opt = optimizer("gd", obj, NULL, x0, 1);
	char *cause = NULL;

	(void)unused;
	assert_int_equal(sd_optimizer_set(opt, bad, 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	bad[0] = NAN;
	assert_int_equal(sd_optimizer_set(opt, bad, 1, NULL), -1);
	sd_optimizer_free(opt);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_registry_matches_design),
		cmocka_unit_test(test_unknown_optimizer),
		cmocka_unit_test(test_set_params),
		cmocka_unit_test(test_scale_himmelblau),
		cmocka_unit_test(test_scale_quadratic),
		cmocka_unit_test(test_gd_rate_on_quadratic),
		cmocka_unit_test(test_gd_rate_at_strict_saddle),
		cmocka_unit_test(test_hand_gd),
		cmocka_unit_test(test_hand_momentum),
		cmocka_unit_test(test_hand_nesterov),
		cmocka_unit_test(test_hand_adagrad),
		cmocka_unit_test(test_hand_rmsprop),
		cmocka_unit_test(test_hand_adam),
		cmocka_unit_test(test_hand_pgd),
		cmocka_unit_test(test_pgd_without_perturbation_is_gd),
		cmocka_unit_test(test_hand_sgd),
		cmocka_unit_test(test_sgd_minibatch_draws),
		cmocka_unit_test(test_sgd_minibatch_unbiased),
		cmocka_unit_test(test_sgd_glm_converges),
		cmocka_unit_test(test_hand_newton),
		cmocka_unit_test(test_cubic_subproblem),
		cmocka_unit_test(test_cubic_hard_case),
		cmocka_unit_test(test_every_method_every_objective),
		cmocka_unit_test(test_determinism),
		cmocka_unit_test(test_restart_repeats),
		cmocka_unit_test(test_divergence_stops_finite),
		cmocka_unit_test(test_newton_singular),
		cmocka_unit_test(test_bfgs_stuck),
		cmocka_unit_test(test_bad_start),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
