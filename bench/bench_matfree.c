/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_matfree.c: second order in high dimension, dense against
 * matrix-free in one run (from SD_KRYLOV_DIM on, for objectives with an
 * hvp):
 *   - measuring an objective's scale (sd_objective_scale: the default
 *     step sizes of every optimizer): 81 d×d Hessians, or Lanczos and
 *     probes (scale_krylov.c); their L and M side by side, with the
 *     matrix-free one's relative difference;
 *   - one cubic step from the default start: a Hessian and its
 *     eigen-decomposition, or the model on a Krylov subspace
 *     (cubic_krylov.c), and how far apart the two steps land.
 * The dense column is the same objective with its hvp hidden, so both
 * work on the same data. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "base/error.h"
#include "landscape/chart.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

#define CUBIC_STEPS	3

static const char *const specs[] = {
	"glm:d=200,n=10000", "glm:d=200,n=100000", "twolayer:k=16,m=16,n=10000",
	"pca:d=200", NULL
};

/* Give up with what went wrong. */
static void
die(const char *cause)
{
	fprintf(stderr, "bench_matfree: %s\n", cause ? cause : "?");
	exit(1);
}

/* obj as *copy, its type in *type without the hvp when dense (no memo:
 * a fresh measurement). */
static void
bench_view(const sd_objective *obj, int dense, sd_objective_type *type,
    sd_objective *copy)
{
	*type = *obj->type;
	if (dense)
		type->hvp = NULL;
	*copy = *obj;
	copy->type = type;
	copy->memo = NULL;
}

/* Measure obj's scale into *s; ms. */
static double
bench_measure(const sd_objective *obj, int dense, sd_scale *s)
{
	sd_objective_type type;
	sd_objective copy;
	char *cause = NULL;
	double t0;

	bench_view(obj, dense, &type, &copy);
	t0 = bench_now();
	if (sd_objective_scale(&copy, s, &cause) != 0)
		die(cause);
	return (bench_now() - t0) * 1e3;
}

/* CUBIC_STEPS cubic steps on obj from x0 with scale s: the median ms
 * a step, the last iterate into x. */
static double
bench_cubic(const sd_objective *obj, int dense, const sd_scale *s,
    const double *x0, double *x)
{
	sd_objective_type type;
	sd_objective copy;
	sd_optimizer *opt;
	char *cause = NULL;
	double t[CUBIC_STEPS], t0;
	size_t i;

	bench_view(obj, dense, &type, &copy);
	if ((opt = sd_optimizer_new_scaled(sd_optimizer_lookup("cubic"),
	    &copy, s, &cause)) == NULL || sd_optimizer_set(opt, x0, 1,
	    &cause) != 0)
		die(cause);
	for (i = 0; i < CUBIC_STEPS; i++) {
		t0 = bench_now();
		if (sd_optimizer_iterate(opt) != SD_STEP_OK)
			die("a cubic step failed");
		t[i] = (bench_now() - t0) * 1e3;
	}
	for (i = 0; i < obj->dim; i++)
		x[i] = opt->x[i];
	sd_optimizer_free(opt);
	return bench_median(t, CUBIC_STEPS);
}

/* cubic on obj, dense against matrix-free from the default start with
 * the matrix-free scale s. */
static void
bench_cubic_pair(const sd_objective *obj, const char *spec,
    const sd_scale *s)
{
	double *x0, *xd, *xm, a, b, dist = 0, big = 1, td, tm;
	char *cause = NULL;
	sd_chart chart;
	size_t k;

	if (sd_chart_init_default(&chart, obj, &cause) != 0 ||
	    (x0 = malloc(3 * obj->dim * sizeof *x0)) == NULL)
		die(cause);
	xd = x0 + obj->dim;
	xm = xd + obj->dim;
	sd_window_default_start(&chart.window, &a, &b);
	sd_chart_lift(&chart, a, b, x0);
	tm = bench_cubic(obj, 0, s, x0, xm);
	td = bench_cubic(obj, 1, s, x0, xd);
	for (k = 0; k < obj->dim; k++) {
		dist = fmax(dist, fabs(xd[k] - xm[k]));
		big = fmax(big, fabs(xd[k]));
	}
	printf("  %-28s cubic step: dense %7.1f ms  matrix-free %7.1f ms  "
	    "(x%.1f; after %d steps %.1e apart)\n", spec, td, tm, td / tm,
	    CUBIC_STEPS, dist / big);
	free(x0);
	sd_chart_done(&chart);
}

int
main(void)
{
	const char *const *spec;
	sd_objective *obj;
	sd_scale sd, sm;
	double td, tm;
	char *cause = NULL;

	sd_gsl_quiet();
	printf("bench_matfree: the scale (sd_objective_scale) and a cubic "
	    "step, dense Hessians against matrix-free (one run)\n");
	for (spec = specs; *spec != NULL; spec++) {
		if ((obj = sd_objective_new(*spec, &cause)) == NULL)
			die(cause);
		tm = bench_measure(obj, 0, &sm);
		td = bench_measure(obj, 1, &sd);
		printf("  %-28s dense %9.0f ms  matrix-free %8.0f ms  (x%.1f)\n"
		    "  %-28s L %.6g / %.6g (%+.1e)  M %.6g / %.6g (%+.1e)\n",
		    *spec, td, tm, td / tm, "", sd.L, sm.L, sm.L / sd.L - 1,
		    sd.M, sm.M, sm.M / sd.M - 1);
		bench_cubic_pair(obj, *spec, &sm);
		fflush(stdout);
		sd_objective_free(obj);
	}
	return 0;
}
