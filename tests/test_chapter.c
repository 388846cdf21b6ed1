/* test_chapter.c: the chapter's claims about its objectives, checked on
 * the functions themselves, and the charts that show them.
 *
 * Every expected value comes from the chapter's mathematics (stationary
 * points, Hessian eigenvalues, inequalities), never from running saddle;
 * the data an objective draws is reached only through its public face
 * (f, ∇f, ∇²f, its default chart). */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_eigen.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>

#include "landscape/chart.h"
#include "base/error.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "testutil.h"

#define DMAX 64

/* ---- helpers ----------------------------------------------------------- */

/* The objective's default chart, which must build. */
static void
must_chart(sd_chart *chart, const sd_objective *obj)
{
	char *cause = NULL;

	if (sd_chart_init_default(chart, obj, &cause) != 0)
		fail_msg("%s: chart: %s", obj->spec, cause ? cause : "?");
}

/* xᵀy. */
static double
dot(const double *x, const double *y, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += x[i] * y[i];
	return s;
}

/* ‖x‖. */
static double
norm(const double *x, size_t n)
{
	return sqrt(dot(x, x, n));
}

/* ‖x − y‖. */
static double
dist(const double *x, const double *y, size_t n)
{
	double s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		s += (x[i] - y[i]) * (x[i] - y[i]);
	return sqrt(s);
}

/* Eigenvalues (ascending) and eigenvectors (columns of vec, d×d, may be
 * NULL) of the symmetric row-major matrix a (destroyed). */
static void
eigen(double *a, size_t d, double *val, double *vec)
{
	gsl_matrix_view av = gsl_matrix_view_array(a, d, d);
	gsl_vector_view ev = gsl_vector_view_array(val, d);
	gsl_matrix *z = gsl_matrix_alloc(d, d);
	gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(d);

	gsl_eigen_symmv(&av.matrix, &ev.vector, z, ws);
	gsl_eigen_symmv_sort(&ev.vector, z, GSL_EIGEN_SORT_VAL_ASC);
	if (vec != NULL)
		memcpy(vec, z->data, d * d * sizeof *vec);
	gsl_eigen_symmv_free(ws);
	gsl_matrix_free(z);
}

/* The Hessian's eigenvalues at x (on a sphere the Riemannian Hessian's
 * d − 1 on the tangent space); returns how many. */
static size_t
hess_eigen(const sd_objective *obj, const double *x, double *lam)
{
	double h[DMAX * DMAX], val[DMAX], vec[DMAX * DMAX], c, top = -1;
	size_t d = obj->dim, i, j, k, drop = d;

	sd_objective_rhessian(obj, x, h);
	eigen(h, d, val, vec);
	if (obj->type->manifold == SD_SPHERE) {
		/* x is an eigenvector with eigenvalue 0: not a direction of
		 * the sphere. */
		for (i = 0; i < d; i++) {
			for (c = 0, k = 0; k < d; k++)
				c += vec[k * d + i] * x[k];
			if (fabs(c) > top) {
				top = fabs(c);
				drop = i;
			}
		}
	}
	for (i = 0, j = 0; i < d; i++) {
		if (i != drop)
			lam[j++] = val[i];
	}
	return j;
}

/* ‖∇f‖ (Riemannian on a sphere). */
static double
grad_norm(const sd_objective *obj, const double *x)
{
	double g[DMAX];

	sd_objective_rgradient(obj, x, g);
	return norm(g, obj->dim);
}

/* Assert the sorted eigenvalues at x are want (sorted here). */
static void
assert_eigenvalues(const sd_objective *obj, const double *x, double *want,
    size_t n, double tol)
{
	double lam[DMAX], t;
	size_t i, j;

	assert_int_equal(hess_eigen(obj, x, lam), n);
	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && want[j - 1] > want[j]; j--) {
			t = want[j];
			want[j] = want[j - 1];
			want[j - 1] = t;
		}
	}
	for (i = 0; i < n; i++)
		assert_close(lam[i], want[i], tol);
}

/* Newton's method on ∇f = 0 (Riemannian on a sphere, solving with
 * H + xxᵀ so that the step stays tangent). Returns 0 when it lands where
 * ‖∇f‖ ≤ gtol. */
static int
newton(const sd_objective *obj, double *x, double gtol)
{
	size_t d = obj->dim, i, j;
	int sphere = obj->type->manifold == SD_SPHERE, it, sign;
	double h[DMAX * DMAX], g[DMAX], s[DMAX];
	gsl_matrix_view hv = gsl_matrix_view_array(h, d, d);
	gsl_vector_view gv = gsl_vector_view_array(g, d);
	gsl_vector_view sv = gsl_vector_view_array(s, d);
	gsl_permutation *p = gsl_permutation_alloc(d);

	for (it = 0; it < 100; it++) {
		sd_objective_rgradient(obj, x, g);
		if (!(norm(g, d) > gtol))
			break;
		sd_objective_rhessian(obj, x, h);
		for (i = 0; sphere && i < d; i++) {
			for (j = 0; j < d; j++)
				h[i * d + j] += x[i] * x[j];
		}
		if (gsl_linalg_LU_decomp(&hv.matrix, p, &sign) != 0 ||
		    gsl_linalg_LU_solve(&hv.matrix, p, &gv.vector,
		    &sv.vector) != 0)
			break;
		for (i = 0; i < d; i++)
			x[i] -= s[i];
		if (sd_objective_retract(obj, x) != 0 || norm(x, d) > 1e6)
			break;
	}
	gsl_permutation_free(p);
	sd_objective_rgradient(obj, x, g);
	return norm(g, d) <= gtol ? 0 : -1;
}

/* Index of the point in list (n rows of d) within tol of x, or -1. */
static int
find_point(const double *list, size_t n, size_t d, const double *x,
    double tol)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (dist(list + i * d, x, d) <= tol)
			return (int)i;
	}
	return -1;
}

/* ---- derivatives in several dimensions ---------------------------------- */

/* Gradients and Hessians against numerical derivatives in d = 2, 5, 20
 * (non-default parameters; the defaults are test_objective's). ReLU's
 * kinks are skipped, and at least 90% of its probes must be smooth. */
static void
test_derivatives_several_dimensions(void **unused)
{
	static const char *const specs[] = {
		"glm:d=5,n=40", "glm:d=20,n=30,noise=0.5,wnorm=3",
		"glm-pop:d=5,nodes=12", "glm-pop:d=20,wnorm=1,nodes=10",
		"pca:d=5", "pca:d=20,seed=3,l1=7,l2=0.5",
		"matcomp:d=5,p=0.8", "matcomp:d=20,seed=4",
		"tensor:d=5,n=4,seed=2", "tensor:d=20,n=20,seed=1",
		"twolayer:k=3,m=4,n=50", "twolayer:k=4,m=5,n=30",
		"twolayer:act=1,n=50", "twolayer:k=2,m=5,act=1,n=40",
		"twolayer:k=2,m=3,act=2,n=20", "twolayer:k=4,m=5,act=2,n=10",
	};
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	sd_objective *obj;
	double x[DMAX];
	size_t s, t, k, checked, total;

	(void)unused;
	for (s = 0; s < sizeof specs / sizeof specs[0]; s++) {
		obj = test_objective_new(specs[s]);
		checked = total = 0;
		for (t = 0; t < 12; t++) {
			for (k = 0; k < obj->dim; k++)
				x[k] = 3 * gsl_rng_uniform(rng) - 1.5;
			checked += test_check_derivatives(obj, x,
			    strstr(specs[s], "act=2") != NULL);
			total += obj->dim;
		}
		if (checked < total * 9 / 10)
			fail_msg("%s: only %zu of %zu probes were smooth",
			    specs[s], checked, total);
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

/* On the sphere, along the geodesic γ(t) = cos t·x + sin t·v (v a unit
 * tangent vector): (f∘γ)'(0) = ⟨grad f, v⟩ and (f∘γ)''(0) = ⟨v, Hess f v⟩,
 * the Riemannian gradient and Hessian of §2.3. */
static void
test_riemannian_along_geodesics(void **unused)
{
	sd_objective *obj = test_objective_new("tensor:d=5,n=4,seed=9");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[5], v[5], y[5], g[5], h[25], hv[5], f[5], t = 1e-3, c;
	double d1, d2;
	size_t i, j, n;

	(void)unused;
	for (n = 0; n < 50; n++) {
		for (i = 0; i < 5; i++) {
			x[i] = gsl_ran_ugaussian(rng);
			v[i] = gsl_ran_ugaussian(rng);
		}
		assert_int_equal(sd_objective_retract(obj, x), 0);
		c = dot(v, x, 5);
		for (i = 0; i < 5; i++)
			v[i] -= c * x[i];
		c = norm(v, 5);
		for (i = 0; i < 5; i++)
			v[i] /= c;
		/* f at γ(kt), k = −2..2. */
		for (j = 0; j < 5; j++) {
			c = ((double)j - 2) * t;
			for (i = 0; i < 5; i++)
				y[i] = cos(c) * x[i] + sin(c) * v[i];
			f[j] = sd_objective_f(obj, y);
		}
		d1 = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * t);
		d2 = (-f[0] + 16 * f[1] - 30 * f[2] + 16 * f[3] - f[4]) /
		    (12 * t * t);
		sd_objective_rgradient(obj, x, g);
		sd_objective_rhessian(obj, x, h);
		for (i = 0; i < 5; i++)
			hv[i] = dot(h + i * 5, v, 5);
		assert_close(dot(g, x, 5), 0, 1e-14);
		assert_close(dot(g, v, 5), d1, 1e-8);
		assert_close(dot(v, hv, 5), d2, 1e-5);
	}
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* ---- §4.1 PCA ------------------------------------------------------------ */

/* M = −½∇²g(0), its eigenpairs descending: lam[0] ≥ lam[1] ≥ ..., vectors
 * as rows of v. */
static void
pca_spectrum(const sd_objective *obj, double *lam, double *v)
{
	double zero[DMAX] = { 0 }, h[DMAX * DMAX], val[DMAX];
	double vec[DMAX * DMAX];
	size_t d = obj->dim, i, k;

	sd_objective_hessian(obj, zero, h);
	for (i = 0; i < d * d; i++)
		h[i] *= -0.5;
	eigen(h, d, val, vec);
	for (i = 0; i < d; i++) {
		lam[i] = val[d - 1 - i];
		for (k = 0; k < d; k++)
			v[i * d + k] = vec[k * d + d - 1 - i];
	}
}

/* Lemma 4.2 and Theorem 4.1: ±√λ_i v_i are stationary; the Hessian there,
 * 2(2xxᵀ + ‖x‖²I − M), has eigenvalues 4λ_i and 2(λ_i − λ_j), so only
 * i = 1 is a minimum and every other one is a strict saddle; at 0 it is
 * −2M, a maximum since M ≻ 0. g at the minimum is ½ Σ_{j>1} λ_j². */
static void
check_pca(const char *spec)
{
	sd_objective *obj = test_objective_new(spec);
	double lam[DMAX], v[DMAX * DMAX], x[DMAX], want[DMAX], rest = 0;
	size_t d = obj->dim, i, j, k;
	int sign;

	pca_spectrum(obj, lam, v);
	assert_true(lam[d - 1] > 0);
	for (j = 1; j < d; j++)
		rest += lam[j] * lam[j];
	for (i = 0; i < d; i++) {
		for (sign = -1; sign <= 1; sign += 2) {
			for (k = 0; k < d; k++)
				x[k] = sign * sqrt(lam[i]) * v[i * d + k];
			assert_close(grad_norm(obj, x), 0, 1e-12 * lam[0]);
			for (j = 0; j < d; j++)
				want[j] = j == i ? 4 * lam[i] :
				    2 * (lam[i] - lam[j]);
			assert_eigenvalues(obj, x, want, d, 1e-10 * lam[0]);
			if (i == 0)
				assert_close(sd_objective_f(obj, x), rest / 2,
				    1e-12 * lam[0] * lam[0]);
		}
	}
	memset(x, 0, sizeof x);
	for (j = 0; j < d; j++)
		want[j] = -2 * lam[j];
	assert_eigenvalues(obj, x, want, d, 1e-12 * lam[0]);
	sd_objective_free(obj);
}

/* The design's default and larger M, with and without random rotations. */
static void
test_pca_stationary_points(void **unused)
{
	(void)unused;
	check_pca("pca");
	check_pca("pca:d=5");
	check_pca("pca:d=6,seed=7,l1=4,l2=3.5,l3=1,l4=0.5,l5=2,l6=0.25");
	check_pca("pca:d=12,seed=11");
}

/* "Exactly": Newton from random starts in full space lands only on 0 and
 * ±√λ_i v_i, and reaches every one of them. */
static void
test_pca_no_other_stationary_points(void **unused)
{
	static const char *const specs[] = { "pca", "pca:d=4,seed=5" };
	double lam[DMAX], v[DMAX * DMAX], pts[(2 * DMAX + 1) * DMAX];
	double x[DMAX];
	int hit[2 * DMAX + 1], at;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	sd_objective *obj;
	size_t s, d, i, k, n, t;

	(void)unused;
	for (s = 0; s < 2; s++) {
		obj = test_objective_new(specs[s]);
		d = obj->dim;
		pca_spectrum(obj, lam, v);
		n = 2 * d + 1;
		memset(pts, 0, sizeof pts);
		for (i = 0; i < d; i++) {
			for (k = 0; k < d; k++) {
				pts[(2 * i + 1) * d + k] = sqrt(lam[i]) *
				    v[i * d + k];
				pts[(2 * i + 2) * d + k] = -sqrt(lam[i]) *
				    v[i * d + k];
			}
		}
		memset(hit, 0, sizeof hit);
		for (t = 0; t < 400; t++) {
			for (k = 0; k < d; k++)
				x[k] = 4 * gsl_rng_uniform(rng) - 2;
			if (newton(obj, x, 1e-11) != 0)
				continue;
			at = find_point(pts, n, d, x, 1e-8);
			if (at < 0)
				fail_msg("%s: a stationary point at distance "
				    "%g from 0 that is none of ±√λ_i v_i",
				    specs[s], norm(x, d));
			hit[at]++;
		}
		for (i = 0; i < n; i++)
			assert_true(hit[i] > 0);
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

/* ---- §5 tensor decomposition ------------------------------------------- */

/* The components a_i: the eigenvectors of ∇²f̄(x) = −12 Σ (a_iᵀx)² a_i a_iᵀ
 * at a point with distinct (a_iᵀx)², as rows of a. */
static void
tensor_components(const sd_objective *obj, double *a)
{
	static const double x[3] = { 0.9, 0.5, 0.2 };
	double h[9], val[3], vec[9];
	size_t i, k;

	sd_objective_hessian(obj, x, h);
	eigen(h, 3, val, vec);
	for (i = 0; i < 3; i++) {
		for (k = 0; k < 3; k++)
			a[i * 3 + k] = vec[k * 3 + i];
	}
}

/* The 26 stationary points of §5 for d = n = 3, into pts; kind[i] 0 for
 * ±a_i, 1 for (±a_i ± a_j)/√2, 2 for (±a1 ± a2 ± a3)/√3. */
static void
tensor_points(const double *a, double *pts, int *kind)
{
	double c[3];
	size_t n = 0, k;
	int m, i, s;

	/* Every sign pattern c ∈ {−1, 0, 1}³ but 0, normalized. */
	for (m = 0; m < 27; m++) {
		for (s = 0, k = 0, i = m; k < 3; k++, i /= 3) {
			c[k] = (double)(i % 3) - 1;
			s += c[k] != 0;
		}
		if (s == 0)
			continue;
		for (k = 0; k < 3; k++) {
			pts[n * 3 + k] = (c[0] * a[k] + c[1] * a[3 + k] +
			    c[2] * a[6 + k]) / sqrt((double)s);
		}
		kind[n++] = s - 1;
	}
	assert_int_equal(n, 26);
}

/* §5: at ±a_i the Riemannian Hessian is 4·I on the tangent space (minima,
 * f = −1); at (±a_i ± a_j)/√2 its eigenvalues are −4 and 2 (strict
 * saddles, f = −½); at (±a1 ± a2 ± a3)/√3 both are −8/3 (maxima, f = −⅓).
 * Also after a random rotation of the components. */
static void
check_tensor(const char *spec)
{
	static const double wantf[3] = { -1, -0.5, -1.0 / 3 };
	static const double want[3][2] = { { 4, 4 }, { -4, 2 },
	    { -8.0 / 3, -8.0 / 3 } };
	sd_objective *obj = test_objective_new(spec);
	double a[9], pts[26 * 3], w[2];
	int kind[26];
	size_t i;

	tensor_components(obj, a);
	tensor_points(a, pts, kind);
	for (i = 0; i < 26; i++) {
		assert_close(grad_norm(obj, pts + 3 * i), 0, 1e-14);
		assert_close(sd_objective_f(obj, pts + 3 * i), wantf[kind[i]],
		    1e-14);
		memcpy(w, want[kind[i]], sizeof w);
		assert_eigenvalues(obj, pts + 3 * i, w, 2, 1e-13);
	}
	sd_objective_free(obj);
}

/* The default components and a rotation of them. */
static void
test_tensor_stationary_points(void **unused)
{
	(void)unused;
	check_tensor("tensor");
	check_tensor("tensor:seed=4");
}

/* Exactly 26: Riemannian Newton from random points of the sphere lands on
 * them and nowhere else, and reaches all of them; Riemannian gradient
 * descent from random points ends at some ±a_i (Theorem 5.2). */
static void
test_tensor_exactly_26(void **unused)
{
	static const char *const specs[] = { "tensor", "tensor:seed=8" };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double a[9], pts[26 * 3], x[3], g[3];
	int kind[26], hit[26], at;
	sd_objective *obj;
	size_t s, t, i, it;

	(void)unused;
	for (s = 0; s < 2; s++) {
		obj = test_objective_new(specs[s]);
		tensor_components(obj, a);
		tensor_points(a, pts, kind);
		memset(hit, 0, sizeof hit);
		for (t = 0; t < 600; t++) {
			gsl_ran_dir_3d(rng, &x[0], &x[1], &x[2]);
			if (newton(obj, x, 1e-12) != 0)
				continue;
			if ((at = find_point(pts, 26, 3, x, 1e-9)) < 0)
				fail_msg("%s: a stationary point (%g, %g, %g) "
				    "outside the 26", specs[s], x[0], x[1],
				    x[2]);
			hit[at]++;
		}
		for (i = 0; i < 26; i++)
			assert_true(hit[i] > 0);
		for (t = 0; t < 20; t++) {
			gsl_ran_dir_3d(rng, &x[0], &x[1], &x[2]);
			for (it = 0; it < 3000; it++) {
				sd_objective_rgradient(obj, x, g);
				for (i = 0; i < 3; i++)
					x[i] -= 0.1 * g[i];
				sd_objective_retract(obj, x);
			}
			at = find_point(pts, 26, 3, x, 1e-6);
			assert_true(at >= 0 && kind[at] == 0);
		}
		sd_objective_free(obj);
	}
	gsl_rng_free(rng);
}

/* ---- §6 linear networks ------------------------------------------------- */

/* ½(1 − xyz)²: ∇f(0) = 0 and ∇²f(0) = 0, yet 0 is a saddle: f falls
 * along (1, 1, 1) and rises along (1, 1, −1). The minimum (1, 1, 1) sits
 * at (√3, 0) on the default chart. */
static void
test_linnet3_degenerate_saddle(void **unused)
{
	sd_objective *obj = test_objective_new("linnet3");
	double zero[3] = { 0, 0, 0 }, g[3], h[9], x[3], t;
	sd_chart chart;
	size_t i;

	(void)unused;
	sd_objective_gradient(obj, zero, g);
	sd_objective_hessian(obj, zero, h);
	for (i = 0; i < 3; i++)
		assert_true(g[i] == 0);
	for (i = 0; i < 9; i++)
		assert_true(h[i] == 0);
	for (t = 0.05; t <= 1; t += 0.05) {
		x[0] = x[1] = x[2] = t;
		assert_true(sd_objective_f(obj, x) < sd_objective_f(obj, zero));
		x[2] = -t;
		assert_true(sd_objective_f(obj, x) > sd_objective_f(obj, zero));
	}
	must_chart(&chart, obj);
	sd_chart_lift(&chart, sqrt(3), 0, x);
	for (i = 0; i < 3; i++)
		assert_close(x[i], 1, 1e-15);
	assert_close(sd_objective_f(obj, x), 0, 1e-30);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* ---- §4.2 matrix completion --------------------------------------------- */

/* ±z (the default chart's (±1, 0)) are global minima with f = 0; z is
 * incoherent; 0 is stationary; gradient descent from random incoherent
 * starts ends at ±z (Theorem 4.4, and footnote 7: they are the only local
 * minima). */
static void
test_matcomp_minima(void **unused)
{
	sd_objective *obj = test_objective_new("matcomp");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double z[DMAX], mz[DMAX], x[DMAX], g[DMAX], lam[DMAX], top = 0;
	size_t d = obj->dim, i, t, it;
	sd_chart chart;

	(void)unused;
	assert_int_equal(d, 20);
	must_chart(&chart, obj);
	sd_chart_lift(&chart, 1, 0, z);
	sd_chart_lift(&chart, -1, 0, mz);
	sd_chart_done(&chart);
	assert_close(norm(z, d), 1, 1e-15);
	for (i = 0; i < d; i++)
		top = fmax(top, fabs(z[i]));
	assert_true(top <= 2 * sqrt(log(20.0) / 20));
	assert_close(sd_objective_f(obj, z), 0, 1e-30);
	assert_close(sd_objective_f(obj, mz), 0, 1e-30);
	assert_close(grad_norm(obj, z), 0, 1e-15);
	hess_eigen(obj, z, lam);
	assert_true(lam[0] > 0);
	memset(x, 0, sizeof x);
	assert_true(grad_norm(obj, x) == 0);
	assert_true(sd_objective_f(obj, x) > 0);
	for (t = 0; t < 10; t++) {
		/* A random start of norm ½: incoherent with high probability
		 * (‖x‖∞ ≈ ½√(2 log d / d)). */
		for (i = 0; i < d; i++)
			x[i] = gsl_ran_ugaussian(rng);
		for (top = norm(x, d), i = 0; i < d; i++)
			x[i] *= 0.5 / top;
		for (it = 0; it < 20000; it++) {
			sd_objective_gradient(obj, x, g);
			for (i = 0; i < d; i++)
				x[i] -= 0.1 * g[i];
		}
		assert_true(fmin(dist(x, z, d), dist(x, mz, d)) < 1e-6);
	}
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* ---- §3 generalized linear models ---------------------------------------- */

/* σ'(t). */
static double
sigmoid_prime(double t)
{
	double s = 1 / (1 + exp(-t));

	return s * (1 - s);
}

/* Without noise w* (the default chart's (‖w*‖, 0)) is a global minimum
 * with L̂ = 0 and ∇L̂ = 0, and (3.2) holds for the samples themselves:
 * ⟨∇L̂(w), w − w*⟩ ≥ 2γ(L̂(w) − L̂(w*)) for ‖w‖ ≤ R, γ = σ'(BR),
 * B = √d + 5 bounding ‖x‖. */
static void
check_glm_noiseless(const char *spec, double R, size_t d)
{
	sd_objective *obj = test_objective_new(spec);
	double w[DMAX], ws[DMAX], g[DMAX], lam[DMAX], diff[DMAX], gamma;
	double B = sqrt((double)d) + 5, lhs, rhs;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	sd_chart chart;
	size_t i, t;

	assert_int_equal(obj->dim, d);
	must_chart(&chart, obj);
	sd_chart_lift(&chart, R, 0, ws);
	sd_chart_done(&chart);
	assert_close(norm(ws, d), R, 1e-14);
	assert_close(sd_objective_f(obj, ws), 0, 1e-30);
	assert_close(grad_norm(obj, ws), 0, 1e-15);
	hess_eigen(obj, ws, lam);
	assert_true(lam[0] > 0);
	gamma = sigmoid_prime(B * R);
	for (t = 0; t < 300; t++) {
		for (i = 0; i < d; i++)
			w[i] = gsl_ran_ugaussian(rng);
		gsl_ran_dir_nd(rng, d, w);
		for (i = 0; i < d; i++)
			w[i] *= R * gsl_rng_uniform(rng);
		sd_objective_gradient(obj, w, g);
		for (i = 0; i < d; i++)
			diff[i] = w[i] - ws[i];
		lhs = dot(g, diff, d);
		rhs = 2 * gamma * sd_objective_f(obj, w);
		assert_true(lhs > 0);
		assert_true(lhs >= rhs);
	}
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The default model, and one in d = 5. */
static void
test_glm_noiseless(void **unused)
{
	(void)unused;
	check_glm_noiseless("glm:noise=0", 2, 2);
	check_glm_noiseless("glm:noise=0,d=5,seed=3,wnorm=1", 1, 5);
}

/* Theorem 3.3: with noise the empirical risk has no stationary point in
 * ‖w‖ ≤ R but one near w*. In d = 2 the chart is the whole space and the
 * finder sees exactly one point in its window (which holds that ball), a
 * minimum; in d = 3 Newton from random starts finds it or nothing there
 * (far out, on the sigmoid's plateau, ∇L̂ merely underflows). */
static void
test_glm_one_stationary_point(void **unused)
{
	sd_objective *obj = test_objective_new("glm:d=3,n=400");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double ws[3], w0[3], w[3], lam[3];
	sd_point_list list;
	sd_chart chart;
	size_t t, found = 0;

	(void)unused;
	must_chart(&chart, obj);
	sd_chart_lift(&chart, 2, 0, ws);
	sd_chart_done(&chart);
	memcpy(w0, ws, sizeof w0);
	assert_int_equal(newton(obj, w0, 1e-14), 0);
	assert_true(dist(w0, ws, 3) < 0.3);
	hess_eigen(obj, w0, lam);
	assert_true(lam[0] > 0);
	for (t = 0; t < 200; t++) {
		gsl_ran_dir_nd(rng, 3, w);
		w[0] *= 2;
		w[1] *= 2;
		w[2] *= 2;
		if (newton(obj, w, 1e-14) != 0 || norm(w, 3) > 4)
			continue;
		found++;
		assert_true(dist(w, w0, 3) < 1e-9);
	}
	assert_true(found >= 3);
	sd_objective_free(obj);

	obj = test_objective_new("glm");
	must_chart(&chart, obj);
	assert_true(chart.window.xmin <= -2 && chart.window.ymax >= 2);
	sd_chart_lift(&chart, 2, 0, ws);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	assert_int_equal(list.n, 1);
	assert_int_equal(list.points[0].kind, SD_POINT_MIN);
	assert_true(dist(list.points[0].x, ws, 2) < 0.3);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* Inequality (3.2) at w: ⟨∇L(w), w − w*⟩ ≥ 2γ(L(w) − L(w*)), and both
 * sides positive away from w* (L(w) > L(w*): w* is the only minimum). */
static void
check_glm_32(const sd_objective *obj, const double *w, const double *ws,
    double lws, double gamma, size_t d)
{
	double g[DMAX], diff[DMAX], lhs, rhs;
	size_t i;

	if (dist(w, ws, d) < 1e-6)
		return;
	sd_objective_gradient(obj, w, g);
	for (i = 0; i < d; i++)
		diff[i] = w[i] - ws[i];
	lhs = dot(g, diff, d);
	rhs = 2 * gamma * (sd_objective_f(obj, w) - lws);
	assert_true(rhs > 0);
	assert_true(lhs >= rhs);
}

/* Theorem 3.2 with the chapter's constant: the population risk's gradient
 * vanishes at w* with a positive definite Hessian; L(w*) is the noise's
 * share of (3.1), ½E ε² = noise²/6 for ε uniform on [−noise, noise]; and
 * (3.2) holds with γ = inf σ' over [−BR, BR] = σ'(BR) (σ' is even and
 * falls away from 0), R = ‖w*‖ and B = √d + 5 the bound on ‖x‖ that
 * glm's data obey (Assumption 3.1), on a grid of the chart over the ball
 * ‖w‖ ≤ R and on random w in it. In d = 2 the chart is the whole space and
 * the finder sees one stationary point, a minimum at w*. Beyond the
 * ball, ⟨∇L(w), w − w*⟩ > 0 still (weak quasi-convexity), on random w
 * and on a grid of the chart. Its value agrees with the empirical risk of
 * many samples (law of large numbers: two independent computations of
 * the same model). */
static void
check_glm_pop(const char *spec, const char *sample_spec, size_t d,
    double noise, double R)
{
	sd_objective *obj = test_objective_new(spec), *emp = test_objective_new(sample_spec);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double ws[DMAX], w[DMAX], g[DMAX], diff[DMAX], lam[DMAX];
	double a, b, gamma, lws;
	sd_point_list list;
	sd_chart chart;
	size_t i, t, n = 0;

	must_chart(&chart, obj);
	sd_chart_lift(&chart, R, 0, ws);
	assert_close(norm(ws, d), R, 1e-14);
	assert_close(grad_norm(obj, ws), 0, 1e-15);
	hess_eigen(obj, ws, lam);
	assert_true(lam[0] > 0);
	lws = sd_objective_f(obj, ws);
	assert_close(lws, noise * noise / 6, 1e-15);
	gamma = sigmoid_prime((sqrt((double)d) + 5) * R);
	assert_true(gamma > 0);
	for (a = -R; a <= R; a += R / 8) {
		for (b = -R; b <= R; b += R / 8) {
			sd_chart_lift(&chart, a, b, w);
			if (norm(w, d) > R)
				continue;
			check_glm_32(obj, w, ws, lws, gamma, d);
			n++;
		}
	}
	assert_true(n > 150);
	for (t = 0; t < 200; t++) {
		gsl_ran_dir_nd(rng, d, w);
		for (i = 0; i < d; i++)
			w[i] *= R * gsl_rng_uniform(rng);
		check_glm_32(obj, w, ws, lws, gamma, d);
	}
	if (d == 2) {
		assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL,
		    &list, NULL), 0);
		assert_int_equal(list.n, 1);
		assert_int_equal(list.points[0].kind, SD_POINT_MIN);
		assert_true(dist(list.points[0].x, ws, d) < 1e-6);
		sd_point_list_done(&list);
	}
	for (t = 0; t < 300; t++) {
		gsl_ran_dir_nd(rng, d, w);
		for (i = 0; i < d; i++)
			w[i] *= 6 * gsl_rng_uniform(rng);
		sd_objective_gradient(obj, w, g);
		for (i = 0; i < d; i++)
			diff[i] = w[i] - ws[i];
		assert_true(dot(g, diff, d) > 0);
	}
	for (a = -4; a <= 4; a += 0.5) {
		for (b = -4; b <= 4; b += 0.5) {
			sd_chart_lift(&chart, a, b, w);
			if (dist(w, ws, d) < 1e-9)
				continue;
			sd_objective_gradient(obj, w, g);
			for (i = 0; i < d; i++)
				diff[i] = w[i] - ws[i];
			assert_true(dot(g, diff, d) > 0);
		}
	}
	for (t = 0; t < 5; t++) {
		sd_chart_lift(&chart, 3 * gsl_rng_uniform(rng) - 1,
		    2 * gsl_rng_uniform(rng) - 1, w);
		assert_close(sd_objective_f(obj, w), sd_objective_f(emp, w),
		    4e-3);
	}
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(emp);
	sd_objective_free(obj);
}

/* d = 2 and d = 5, each against 40000 samples of the same model. */
static void
test_glm_pop_quasiconvex(void **unused)
{
	(void)unused;
	check_glm_pop("glm-pop", "glm:n=40000", 2, 0.1, 2);
	check_glm_pop("glm-pop:d=5,seed=7", "glm:d=5,seed=7,n=40000", 5,
	    0.1, 2);
	check_glm_pop("glm-pop:d=3,seed=2,noise=0.6,wnorm=1.5",
	    "glm:d=3,seed=2,noise=0.6,wnorm=1.5,n=40000", 3, 0.6, 1.5);
}

/* ---- §6 two-layer networks ----------------------------------------------- */

/* Swap hidden units 1 and 2 (blocks of m). */
static void
swap_units(const double *theta, double *out, size_t D, size_t m)
{
	memcpy(out, theta, D * sizeof *out);
	memcpy(out, theta + m, m * sizeof *out);
	memcpy(out + m, theta, m * sizeof *out);
}

/* Permutation symmetry: L̂(Pθ) = L̂(θ) everywhere; the teacher and its twin
 * sit at (∓1, 0) of the default chart (‖θ* − Pθ*‖ = 2 for orthonormal
 * teacher rows) with zero risk; between them on the chart's b axis lies a
 * strict saddle of the full risk (the network whose two units coincide). */
static void
check_twolayer(const char *spec)
{
	sd_objective *obj = test_objective_new(spec);
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double t1[DMAX], t2[DMAX], p[DMAX], x[DMAX], lam[DMAX], off, a, b;
	size_t D = obj->dim, m = D / 2, i, t;
	sd_point_list list;
	sd_chart chart;
	int saddles = 0, minima = 0;

	for (t = 0; t < 20; t++) {
		for (i = 0; i < D; i++)
			x[i] = gsl_ran_ugaussian(rng);
		swap_units(x, p, D, m);
		assert_close(sd_objective_f(obj, p), sd_objective_f(obj, x),
		    1e-14 * (1 + sd_objective_f(obj, x)));
	}
	must_chart(&chart, obj);
	sd_chart_lift(&chart, -1, 0, t1);
	sd_chart_lift(&chart, 1, 0, t2);
	swap_units(t1, p, D, m);
	assert_true(dist(p, t2, D) < 1e-12);
	assert_close(sd_objective_f(obj, t1), 0, 1e-28);
	assert_close(sd_objective_f(obj, t2), 0, 1e-28);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	for (i = 0; i < list.n; i++) {
		if (list.points[i].kind == SD_POINT_MIN) {
			minima++;
			assert_close(list.points[i].f, 0, 1e-25);
		}
		if (list.points[i].kind != SD_POINT_SADDLE)
			continue;
		saddles++;
		sd_chart_project(&chart, list.points[i].x, &a, &b, &off);
		assert_close(a, 0, 1e-9);
		assert_close(off, 0, 1e-9);
		assert_true(list.points[i].f > 0);
		assert_close(grad_norm(obj, list.points[i].x), 0, 1e-12);
		hess_eigen(obj, list.points[i].x, lam);
		assert_true(lam[0] < 0 && lam[D - 1] > 0);
		/* The two hidden units coincide there. */
		swap_units(list.points[i].x, p, D, m);
		assert_true(dist(p, list.points[i].x, D) < 1e-9);
	}
	assert_int_equal(minima, 2);
	assert_true(saddles >= 1);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The default network, and one with three inputs. */
static void
test_twolayer_permutation_saddle(void **unused)
{
	(void)unused;
	check_twolayer("twolayer");
	check_twolayer("twolayer:m=3,seed=5");
}

/* ---- the finder through the charts --------------------------------------- */

/* pca:d=5 on its default chart (the plane of v1, v2): exactly the five
 * stationary points on that plane — the maximum 0, the saddles ±√λ2 v2
 * and the minima ±√λ1 v1, at their chart coordinates. */
static void
test_finder_pca_chart(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=5,seed=2");
	double lam[DMAX], v[DMAX * DMAX];
	int count[SD_POINT_KIND_COUNT] = { 0 };
	sd_point_list list;
	sd_chart chart;
	size_t i;

	(void)unused;
	pca_spectrum(obj, lam, v);
	must_chart(&chart, obj);
	assert_int_equal(sd_finder_run(obj, &chart, &chart.window, NULL, &list,
	    NULL), 0);
	assert_int_equal(list.n, 5);
	for (i = 0; i < list.n; i++) {
		count[list.points[i].kind]++;
		assert_close(list.points[i].offset, 0, 1e-12);
		if (list.points[i].kind == SD_POINT_MIN)
			assert_close(fabs(list.points[i].a), sqrt(lam[0]),
			    1e-10);
		if (list.points[i].kind == SD_POINT_SADDLE)
			assert_close(fabs(list.points[i].b), sqrt(lam[1]),
			    1e-10);
	}
	assert_int_equal(count[SD_POINT_MIN], 2);
	assert_int_equal(count[SD_POINT_SADDLE], 2);
	assert_int_equal(count[SD_POINT_MAX], 1);
	sd_point_list_done(&list);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* tensor (d = n = 3) through its sphere chart: all 26 stationary points,
 * 6 minima, 12 saddles and 8 maxima, with d − 1 = 2 eigenvalues each;
 * also after a rotation. */
static void
test_finder_tensor_sphere(void **unused)
{
	static const char *const specs[] = { "tensor", "tensor:seed=3" };
	int count[SD_POINT_KIND_COUNT];
	sd_objective *obj;
	sd_point_list list;
	sd_chart chart;
	size_t s, i;

	(void)unused;
	for (s = 0; s < 2; s++) {
		obj = test_objective_new(specs[s]);
		must_chart(&chart, obj);
		assert_int_equal(chart.kind, SD_CHART_SPHERE);
		assert_int_equal(sd_finder_run(obj, &chart, &chart.window,
		    NULL, &list, NULL), 0);
		memset(count, 0, sizeof count);
		for (i = 0; i < list.n; i++) {
			count[list.points[i].kind]++;
			assert_int_equal(list.points[i].n_eigen, 2);
			assert_close(norm(list.points[i].x, 3), 1, 1e-14);
		}
		assert_int_equal(list.n, 26);
		assert_int_equal(count[SD_POINT_MIN], 6);
		assert_int_equal(count[SD_POINT_SADDLE], 12);
		assert_int_equal(count[SD_POINT_MAX], 8);
		sd_point_list_done(&list);
		sd_chart_done(&chart);
		sd_objective_free(obj);
	}
}

/* ---- charts -------------------------------------------------------------- */

/* A plane chart: project∘lift is the identity, and a point moved off the
 * plane along a normal keeps its coordinates and gets that offset. */
static void
test_chart_plane_roundtrip(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=7");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double c[7], u[7], v[7], x[7], n[7], a, b, pa, pb, off, t, k;
	sd_chart chart;
	size_t i, j;

	(void)unused;
	for (i = 0; i < 7; i++) {
		c[i] = gsl_ran_ugaussian(rng);
		u[i] = gsl_ran_ugaussian(rng);
		v[i] = gsl_ran_ugaussian(rng);
	}
	assert_int_equal(sd_chart_init_plane(&chart, 7, c, u, v, NULL), 0);
	assert_close(dot(chart.u, chart.v, 7), 0, 1e-15);
	for (j = 0; j < 50; j++) {
		a = 10 * gsl_rng_uniform(rng) - 5;
		b = 10 * gsl_rng_uniform(rng) - 5;
		sd_chart_lift(&chart, a, b, x);
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, 0, 1e-13);
		/* A unit normal: a random vector minus its plane part. */
		for (i = 0; i < 7; i++)
			n[i] = gsl_ran_ugaussian(rng);
		k = dot(n, chart.u, 7);
		t = dot(n, chart.v, 7);
		for (i = 0; i < 7; i++)
			n[i] -= k * chart.u[i] + t * chart.v[i];
		for (k = norm(n, 7), i = 0; i < 7; i++)
			n[i] /= k;
		t = 3 * gsl_rng_uniform(rng);
		for (i = 0; i < 7; i++)
			x[i] += t * n[i];
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, t, 1e-13);
	}
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* A sphere chart of a 3-dimensional subspace of R^5: lifts are unit
 * vectors, project∘lift is the identity inside the window, and a point of
 * S⁴ at angle θ from the great sphere has offset 2 sin(θ/2). */
static void
test_chart_sphere(void **unused)
{
	sd_objective *obj = test_objective_new("tensor:d=5,n=3,seed=6");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double x[5], n[5], a, b, pa, pb, off, th, k;
	sd_chart chart;
	size_t i, j;

	(void)unused;
	must_chart(&chart, obj);
	assert_int_equal(chart.kind, SD_CHART_SPHERE);
	assert_close(chart.window.xmax, M_PI, 0);
	assert_close(chart.window.ymax, M_PI / 2, 0);
	for (j = 0; j < 100; j++) {
		a = (2 * gsl_rng_uniform(rng) - 1) * 3.1;
		b = (2 * gsl_rng_uniform(rng) - 1) * 1.5;
		sd_chart_lift(&chart, a, b, x);
		assert_close(norm(x, 5), 1, 1e-15);
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, 0, 1e-15);
		/* Tilt x by θ towards a unit normal of the subspace. */
		for (i = 0; i < 5; i++)
			n[i] = gsl_ran_ugaussian(rng);
		for (i = 0; i < 5; i++) {
			k = dot(n, chart.u, 5) * chart.u[i] +
			    dot(n, chart.v, 5) * chart.v[i] +
			    dot(n, chart.w, 5) * chart.w[i];
			x[i] = n[i] - k;
		}
		memcpy(n, x, sizeof n);
		for (k = norm(n, 5), i = 0; i < 5; i++)
			n[i] /= k;
		th = 1.5 * gsl_rng_uniform(rng);
		sd_chart_lift(&chart, a, b, x);
		for (i = 0; i < 5; i++)
			x[i] = cos(th) * x[i] + sin(th) * n[i];
		sd_chart_project(&chart, x, &pa, &pb, &off);
		assert_close(pa, a, 1e-13);
		assert_close(pb, b, 1e-13);
		assert_close(off, 2 * sin(th / 2), 1e-13);
	}
	/* The default tensor chart: a1 at (0, 0), a2 at (π/2, 0), a3 at the
	 * pole, each a minimum f = −1. */
	sd_chart_lift(&chart, 0, 0, x);
	assert_close(sd_objective_f(obj, x), -1, 1e-14);
	sd_chart_lift(&chart, M_PI / 2, 0, x);
	assert_close(sd_objective_f(obj, x), -1, 1e-14);
	sd_chart_lift(&chart, 0, M_PI / 2, x);
	assert_close(sd_objective_f(obj, x), -1, 1e-14);
	sd_chart_done(&chart);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* The plane through three points contains them, with p1 and p2 on the a
 * axis symmetric about the origin, and its window shows all three;
 * collinear points are refused. */
static void
test_chart_three_points(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=6");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double p[3][6], y[6], a[3], b[3], off;
	const sd_window *w;
	sd_chart chart;
	char *cause = NULL;
	size_t i, k;

	(void)unused;
	for (i = 0; i < 3; i++) {
		for (k = 0; k < 6; k++)
			p[i][k] = 4 * gsl_rng_uniform(rng) - 2;
	}
	assert_int_equal(sd_chart_init_points(&chart, obj, p[0], p[1], p[2],
	    NULL), 0);
	w = &chart.window;
	for (i = 0; i < 3; i++) {
		sd_chart_project(&chart, p[i], &a[i], &b[i], &off);
		assert_close(off, 0, 1e-13);
		sd_chart_lift(&chart, a[i], b[i], y);
		assert_true(dist(y, p[i], 6) < 1e-13);
		assert_true(a[i] > w->xmin && a[i] < w->xmax);
		assert_true(b[i] > w->ymin && b[i] < w->ymax);
	}
	assert_close(b[0], 0, 1e-13);
	assert_close(b[1], 0, 1e-13);
	assert_close(a[0], -a[1], 1e-13);
	assert_close(a[1], dist(p[0], p[1], 6) / 2, 1e-13);
	sd_chart_done(&chart);
	for (k = 0; k < 6; k++)
		p[2][k] = 2 * p[1][k] - p[0][k];
	assert_int_equal(sd_chart_init_points(&chart, obj, p[0], p[1], p[2],
	    &cause), -1);
	assert_non_null(strstr(cause, "one line"));
	free(cause);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* At PCA's saddle √λ2 v2 the Hessian chart runs along the most negative
 * curvature: f falls both ways along its a axis (the escape), and rises
 * along its b axis (the most positive curvature). */
static void
test_chart_hessian(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=4,seed=3");
	double lam[DMAX], v[DMAX * DMAX], x[4], y[4], h[16], hu[4], f0, t;
	sd_chart chart;
	size_t k;

	(void)unused;
	pca_spectrum(obj, lam, v);
	for (k = 0; k < 4; k++)
		x[k] = sqrt(lam[1]) * v[4 + k];
	assert_int_equal(sd_chart_init_hessian(&chart, obj, x, NULL), 0);
	sd_chart_lift(&chart, 0, 0, y);
	assert_true(dist(x, y, 4) < 1e-15);
	/* u is the eigenvector of 2(λ2 − λ1), the smallest eigenvalue. */
	sd_objective_hessian(obj, x, h);
	for (k = 0; k < 4; k++)
		hu[k] = dot(h + 4 * k, chart.u, 4);
	assert_close(dot(hu, chart.u, 4), 2 * (lam[1] - lam[0]), 1e-12);
	f0 = sd_objective_f(obj, x);
	for (t = 0.1; t <= 0.5; t += 0.1) {
		sd_chart_lift(&chart, t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, -t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, 0, t, y);
		assert_true(sd_objective_f(obj, y) > f0);
	}
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* A path that lies in a plane gives that plane: every iterate has offset
 * 0 and the last one is the origin; a straight path is refused. */
static void
test_chart_trajectory(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=5");
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double c[5], u[5], v[5], path[40 * 5], a, b, off;
	sd_chart chart;
	char *cause = NULL;
	size_t i, k;

	(void)unused;
	for (k = 0; k < 5; k++) {
		c[k] = gsl_ran_ugaussian(rng);
		u[k] = gsl_ran_ugaussian(rng);
		v[k] = gsl_ran_ugaussian(rng);
	}
	for (i = 0; i < 40; i++) {
		a = cos(0.1 * (double)i) * exp(-0.05 * (double)i);
		b = sin(0.1 * (double)i) * exp(-0.05 * (double)i);
		for (k = 0; k < 5; k++)
			path[i * 5 + k] = c[k] + a * u[k] + b * v[k];
	}
	assert_int_equal(sd_chart_init_trajectory(&chart, obj, path, 40,
	    NULL), 0);
	for (i = 0; i < 40; i++) {
		sd_chart_project(&chart, path + i * 5, &a, &b, &off);
		assert_close(off, 0, 1e-12);
		assert_true(a >= chart.window.xmin && a <= chart.window.xmax);
		assert_true(b >= chart.window.ymin && b <= chart.window.ymax);
	}
	sd_chart_lift(&chart, 0, 0, c);
	assert_true(dist(c, path + 39 * 5, 5) < 1e-15);
	sd_chart_done(&chart);
	for (i = 0; i < 40; i++) {
		for (k = 0; k < 5; k++)
			path[i * 5 + k] = c[k] + (double)i * u[k];
	}
	assert_int_equal(sd_chart_init_trajectory(&chart, obj, path, 40,
	    &cause), -1);
	assert_non_null(strstr(cause, "line"));
	free(cause);
	gsl_rng_free(rng);
	sd_objective_free(obj);
}

/* Random charts are seeded: the same seed gives the same plane, another
 * seed another one. On a network each filter of a direction is scaled like
 * the same filter of the centre (Li et al. 2018): their ratios agree. */
static void
test_chart_random(void **unused)
{
	sd_objective *obj = test_objective_new("twolayer:k=3,m=4,n=20");
	double theta[12], r[3];
	sd_chart c1, c2, c3;
	size_t i, j;

	(void)unused;
	for (i = 0; i < 12; i++)
		theta[i] = (double)(i / 4 + 1) * (i % 2 ? 1 : -0.5);
	assert_int_equal(sd_chart_init_random(&c1, obj, theta, 7, NULL), 0);
	assert_int_equal(sd_chart_init_random(&c2, obj, theta, 7, NULL), 0);
	assert_int_equal(sd_chart_init_random(&c3, obj, theta, 8, NULL), 0);
	assert_memory_equal(c1.u, c2.u, 12 * sizeof *c1.u);
	assert_true(dist(c1.u, c3.u, 12) > 1e-3);
	assert_close(norm(c1.u, 12), 1, 1e-15);
	assert_close(dot(c1.u, c1.v, 12), 0, 1e-15);
	/* u was filter-normalized before being scaled to unit length; v was
	 * too, before Gram–Schmidt mixed in u, so check u. */
	for (j = 0; j < 3; j++)
		r[j] = norm(c1.u + 4 * j, 4) / norm(theta + 4 * j, 4);
	assert_close(r[1], r[0], 1e-13);
	assert_close(r[2], r[0], 1e-13);
	sd_chart_done(&c1);
	sd_chart_done(&c2);
	sd_chart_done(&c3);
	sd_objective_free(obj);
}

/* On the sphere the purpose-built charts are sphere charts: the Hessian
 * chart at the tensor's saddle (e1 + e2)/√2 falls both ways along its a
 * axis (the Riemannian Hessian's −4) and rises along b (its 2); the chart
 * through the three minima e1, e2, e3 holds them; the chart of a path
 * puts its last point at (0, 0). A copy lifts like the original. */
static void
test_chart_sphere_choices(void **unused)
{
	sd_objective *obj = test_objective_new("tensor");
	double x[3] = { M_SQRT1_2, M_SQRT1_2, 0 }, y[3], f0, t, a, b, off;
	double e[3][3] = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
	double path[10 * 3];
	sd_chart chart, copy;
	size_t i;

	(void)unused;
	assert_int_equal(sd_chart_init_hessian(&chart, obj, x, NULL), 0);
	assert_int_equal(chart.kind, SD_CHART_SPHERE);
	sd_chart_lift(&chart, 0, 0, y);
	assert_true(dist(x, y, 3) < 1e-15);
	f0 = sd_objective_f(obj, x);
	for (t = 0.1; t <= 0.5; t += 0.1) {
		sd_chart_lift(&chart, t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, -t, 0, y);
		assert_true(sd_objective_f(obj, y) < f0);
		sd_chart_lift(&chart, 0, t, y);
		assert_true(sd_objective_f(obj, y) > f0);
	}
	assert_int_equal(sd_chart_copy(&copy, &chart, NULL), 0);
	sd_chart_lift(&copy, 0.3, -0.2, x);
	sd_chart_lift(&chart, 0.3, -0.2, y);
	assert_memory_equal(x, y, sizeof x);
	sd_chart_done(&copy);
	sd_chart_done(&chart);
	assert_int_equal(sd_chart_init_points(&chart, obj, e[1], e[2], e[0],
	    NULL), 0);
	for (i = 0; i < 3; i++) {
		sd_chart_project(&chart, e[i], &a, &b, &off);
		assert_close(off, 0, 1e-15);
	}
	sd_chart_project(&chart, e[1], &a, &b, &off);
	assert_close(a, 0, 1e-15);
	assert_close(b, 0, 1e-15);
	sd_chart_done(&chart);
	for (i = 0; i < 10; i++) {
		t = 0.1 * (double)i;
		path[3 * i] = cos(t);
		path[3 * i + 1] = sin(t) * cos(2 * t);
		path[3 * i + 2] = sin(t) * sin(2 * t);
	}
	assert_int_equal(sd_chart_init_trajectory(&chart, obj, path, 10,
	    NULL), 0);
	assert_int_equal(chart.kind, SD_CHART_SPHERE);
	sd_chart_project(&chart, path + 27, &a, &b, &off);
	assert_close(a, 0, 1e-14);
	assert_close(b, 0, 1e-14);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Objectives without a chart of their own keep the identity chart. */
static void
test_chart_default_classic(void **unused)
{
	sd_objective *obj = test_objective_new("rosenbrock");
	sd_chart chart;

	(void)unused;
	must_chart(&chart, obj);
	assert_int_equal(chart.kind, SD_CHART_PLANE);
	assert_true(chart.origin[0] == 0 && chart.origin[1] == 0);
	assert_true(chart.u[0] == 1 && chart.u[1] == 0);
	assert_true(chart.v[0] == 0 && chart.v[1] == 1);
	assert_true(chart.window.xmin == -2 && chart.window.ymax == 3);
	sd_chart_done(&chart);
	sd_objective_free(obj);
}

/* Choices parse to their kinds; bad ones name the bad word and list what
 * is accepted. */
static void
test_chart_choice_parse(void **unused)
{
	static const struct {
		const char		*text;
		sd_chart_choice_kind	 kind;
	} good[] = {
		{ "default", SD_CHART_CHOICE_DEFAULT },
		{ "random", SD_CHART_CHOICE_RANDOM },
		{ "random:42", SD_CHART_CHOICE_RANDOM },
		{ "hessian:0.5,-1", SD_CHART_CHOICE_HESSIAN },
		{ "hessian:1,2,3,4,5", SD_CHART_CHOICE_HESSIAN },
		{ "points:1,0;-1,0;0,1e0", SD_CHART_CHOICE_POINTS },
		{ "trajectory", SD_CHART_CHOICE_TRAJECTORY },
	};
	static const struct {
		const char	*text, *word;
	} bad[] = {
		{ "plane", "'plane'" },
		{ "", "empty" },
		{ "random:x", "'x'" },
		{ "random:-1", "'-1'" },
		{ "hessian", "needs a point" },
		{ "hessian:1,2,3", "'1,2,3' has 3 numbers" },
		{ "hessian:1,y", "'y'" },
		{ "points:1,2;3,4", "has 2 points" },
		{ "points:1,2;3,4;5,6;7,8", "more than three" },
		{ "trajectory:3", "takes no argument" },
		{ "default:1", "takes no argument" },
	};
	sd_chart_choice c;
	char *cause = NULL;
	size_t i;

	(void)unused;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_int_equal(sd_chart_choice_parse(good[i].text, 5, &c,
		    NULL), 0);
		assert_int_equal(c.kind, good[i].kind);
	}
	assert_int_equal(sd_chart_choice_parse("random:42", 5, &c, NULL), 0);
	assert_int_equal(c.seed, 42);
	assert_int_equal(sd_chart_choice_parse("points:1,0;-1,0;0,2", 5, &c,
	    NULL), 0);
	assert_true(c.n_points == 3 && c.len[2] == 2 && c.point[2][1] == 2);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(sd_chart_choice_parse(bad[i].text, 5, &c,
		    &cause), -1);
		if (strstr(cause, bad[i].word) == NULL)
			fail_msg("'%s': \"%s\" lacks \"%s\"", bad[i].text,
			    cause, bad[i].word);
		if (strstr(cause, "default, random") == NULL &&
		    strstr(cause, "expected") == NULL)
			fail_msg("'%s': \"%s\" says nothing of what is "
			    "accepted", bad[i].text, cause);
		free(cause);
		cause = NULL;
	}
	assert_int_equal(sd_chart_choice_parse("plane", 5, &c, &cause), -1);
	assert_non_null(strstr(cause, "trajectory"));
	free(cause);
}

/* Chart coordinates in a choice are read in the current chart: the
 * three-point chart of pca's minima and saddle, written in the default
 * chart's coordinates, shows them where the default chart does. Without a
 * path, trajectory is refused. */
static void
test_chart_choice_build(void **unused)
{
	sd_objective *obj = test_objective_new("pca:d=4");
	double lam[DMAX], v[DMAX * DMAX], x[4], a, b, off;
	char text[128], *cause = NULL;
	sd_chart def, chart;

	(void)unused;
	pca_spectrum(obj, lam, v);
	must_chart(&def, obj);
	snprintf(text, sizeof text, "points:%.17g,0;%.17g,0;0,%.17g",
	    -sqrt(lam[0]), sqrt(lam[0]), sqrt(lam[1]));
	assert_int_equal(sd_chart_init_text(&chart, obj, text, &def, NULL, 0,
	    NULL), 0);
	sd_chart_lift(&def, 0, sqrt(lam[1]), x);
	sd_chart_project(&chart, x, &a, &b, &off);
	assert_close(a, 0, 1e-13);
	assert_close(b, sqrt(lam[1]), 1e-13);
	assert_close(off, 0, 1e-13);
	sd_chart_done(&chart);
	assert_int_equal(sd_chart_init_text(&chart, obj, "trajectory", &def,
	    NULL, 0, &cause), -1);
	assert_non_null(strstr(cause, "trajectory"));
	free(cause);
	cause = NULL;
	assert_int_equal(sd_chart_init_text(&chart, obj, "default", NULL, NULL,
	    0, NULL), 0);
	assert_memory_equal(chart.u, def.u, 4 * sizeof *def.u);
	sd_chart_done(&chart);
	sd_chart_done(&def);
	sd_objective_free(obj);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derivatives_several_dimensions),
		cmocka_unit_test(test_riemannian_along_geodesics),
		cmocka_unit_test(test_pca_stationary_points),
		cmocka_unit_test(test_pca_no_other_stationary_points),
		cmocka_unit_test(test_tensor_stationary_points),
		cmocka_unit_test(test_tensor_exactly_26),
		cmocka_unit_test(test_linnet3_degenerate_saddle),
		cmocka_unit_test(test_matcomp_minima),
		cmocka_unit_test(test_glm_noiseless),
		cmocka_unit_test(test_glm_one_stationary_point),
		cmocka_unit_test(test_glm_pop_quasiconvex),
		cmocka_unit_test(test_twolayer_permutation_saddle),
		cmocka_unit_test(test_finder_pca_chart),
		cmocka_unit_test(test_finder_tensor_sphere),
		cmocka_unit_test(test_chart_plane_roundtrip),
		cmocka_unit_test(test_chart_sphere),
		cmocka_unit_test(test_chart_three_points),
		cmocka_unit_test(test_chart_hessian),
		cmocka_unit_test(test_chart_trajectory),
		cmocka_unit_test(test_chart_random),
		cmocka_unit_test(test_chart_sphere_choices),
		cmocka_unit_test(test_chart_default_classic),
		cmocka_unit_test(test_chart_choice_parse),
		cmocka_unit_test(test_chart_choice_build),
	};

	sd_gsl_quiet();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
