/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_hdfinder.c: second order in high dimension (issue 13, item 3).
 *
 * finder	`points` on the chapter's d-dimensional objectives at their
 *		defaults and at d = 200, in one run: the finder as it is
 *		("slice": through the slice first where the objective's
 *		slice has fgh, finder_plane.c), the same with Newton in R^d
 *		from every seed ("R^d": sd_finder_options.full_space,
 *		matrix-free from SD_KRYLOV_DIM), and that with the hvp
 *		removed ("dense": dense Hessians and their full
 *		decomposition, the finder before issue 13). The goal sizes
 *		glm:n=100000,d=200 and twolayer:k=16,m=16,n=100000 take
 *		minutes in R^d: they run with BENCH_FULL=1 only (and
 *		finder_goals.sh times `saddle points` on them).
 * products	what the SD_KRYLOV_DIM threshold rests on: one dense Hessian
 *		and its decomposition against one Hessian-vector product,
 *		for pca and glm (n = 2000) at d = 20 .. 200.
 * The machine is shared and noisy: compare the columns of one run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "bench_finder.h"
#include "base/error.h"
#include "base/krylov.h"
#include "base/spectrum.h"
#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"

/* The finder's median ms on obj, with its type or with t instead, in R^d
 * from every seed when full_space. */
static double
finder_ms(sd_objective *obj, const sd_objective_type *t,
    const sd_chart *chart, int full_space, int runs, size_t *points)
{
	const sd_objective_type *own = obj->type;
	sd_finder_options o = { .full_space = full_space };
	struct bench_finder_job job = { obj, chart, 0, NULL, &o };
	double ms;

	obj->type = t;
	ms = bench_median_ms(bench_finder_run, &job, runs);
	obj->type = own;
	*points = job.points;
	if (job.cause != NULL)
		fprintf(stderr, "bench_hdfinder: %s\n", job.cause);
	free(job.cause);
	return ms;
}

/* One row of the finder table; -1 on failure. */
static int
bench_finder(const char *spec, int runs)
{
	sd_objective *obj;
	sd_objective_type dense;
	sd_chart chart;
	size_t pa, pb, pc;
	double after, before, dense_ms;
	char *cause = NULL;

	if ((obj = sd_objective_new(spec, &cause)) == NULL ||
	    sd_chart_init_default(&chart, obj, &cause) != 0) {
		fprintf(stderr, "bench_hdfinder: %s: %s\n", spec, cause);
		free(cause);
		sd_objective_free(obj);
		return -1;
	}
	dense = *obj->type;
	dense.hvp = NULL;
	after = finder_ms(obj, obj->type, &chart, 0, runs, &pa);
	before = finder_ms(obj, obj->type, &chart, 1, runs, &pb);
	dense_ms = finder_ms(obj, &dense, &chart, 1, runs, &pc);
	printf("%-30s %4zu %6zu %6zu %6zu %10.1f %10.1f %10.1f %7.2f\n",
	    spec, obj->dim, pa, pb, pc, after, before, dense_ms,
	    before / after);
	fflush(stdout);	/* rows as they come: the slow ones take minutes */
	sd_chart_done(&chart);
	sd_objective_free(obj);
	return after < 0 || before < 0 || dense_ms < 0 ? -1 : 0;
}

/* What one product and one dense decomposition time. */
struct second {
	const sd_objective	*obj;
	double			*x, *v, *h;
	sd_spectrum		*sp;
};

static int
second_product(void *arg)
{
	struct second *s = arg;

	return sd_objective_hvp(s->obj, s->x, s->v, s->h);
}

static int
second_dense(void *arg)
{
	struct second *s = arg;

	sd_objective_hessian(s->obj, s->x, s->h);
	return sd_spectrum_decompose(s->sp, s->h, NULL);
}

/* One row of the products table. */
static int
bench_products(const char *spec)
{
	struct second s = { 0 };
	double product, dense;
	size_t k, d;
	char *cause = NULL;
	sd_objective *obj = sd_objective_new(spec, &cause);

	if (obj == NULL) {
		fprintf(stderr, "bench_hdfinder: %s: %s\n", spec, cause);
		free(cause);
		return -1;
	}
	d = obj->dim;
	s.obj = obj;
	s.x = malloc((2 * d + d * d) * sizeof *s.x);
	s.sp = sd_spectrum_alloc(d);
	if (s.x == NULL || s.sp == NULL)
		return -1;
	s.v = s.x + d;
	s.h = s.v + d;
	for (k = 0; k < d; k++) {
		s.x[k] = 0.3 * ((double)(k % 7) - 3) / 3;
		s.v[k] = 1;
	}
	product = bench_median_ms(second_product, &s, 9);
	dense = bench_median_ms(second_dense, &s, 5);
	printf("%-30s %4zu %10.4f %10.3f %9.1f\n", spec, d, product, dense,
	    dense / product);
	free(s.x);
	sd_spectrum_free(s.sp);
	sd_objective_free(obj);
	return 0;
}

int
main(void)
{
	static const char *const specs[] = {
		"glm", "glm-pop", "matcomp", "twolayer", "pca",
		"pca:d=200", "matcomp:d=200", "glm-pop:d=200",
		"glm:d=200,n=2000", "twolayer:k=16,m=16,n=300",
	};
	static const char *const full[] = {
		"glm:n=100000,d=200", "twolayer:k=16,m=16,n=100000",
	};
	static const char *const products[] = {
		"pca:d=20", "pca:d=50", "pca:d=100", "pca:d=200",
		"glm:d=20,n=2000", "glm:d=50,n=2000", "glm:d=100,n=2000",
		"glm:d=200,n=2000",
	};
	size_t i;
	int rc = 0;

	sd_gsl_quiet();
	printf("finder (points on the default chart; ms, median)\n");
	printf("%-30s %4s %6s %6s %6s %10s %10s %10s %7s\n", "objective",
	    "dim", "slice", "R^d", "dense", "slice ms", "R^d ms", "dense ms",
	    "R^d/sl");
	for (i = 0; i < sizeof specs / sizeof *specs; i++)
		rc |= bench_finder(specs[i], i < 5 ? 5 : 1);
	for (i = 0; getenv("BENCH_FULL") && i < sizeof full / sizeof *full;
	    i++)
		rc |= bench_finder(full[i], 1);
	printf("\none Hessian-vector product against one dense Hessian "
	    "and its decomposition (SD_KRYLOV_DIM = %d)\n", SD_KRYLOV_DIM);
	printf("%-30s %4s %10s %10s %9s\n", "objective", "dim", "hvp ms",
	    "dense ms", "products");
	for (i = 0; i < sizeof products / sizeof *products; i++)
		rc |= bench_products(products[i]);
	return rc != 0;
}
