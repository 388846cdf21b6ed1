/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_scale.c: what measuring an objective's scale (sd_objective_scale:
 * the default step sizes of every optimizer) costs in high dimension,
 * dense against matrix-free in one run: the dense path forms 81 d×d
 * Hessians; from SD_KRYLOV_DIM on, with an hvp, the scale uses Lanczos
 * and probes instead (scale_krylov.c). The dense column is the same
 * objective with its hvp hidden, so both measure the same data; their L
 * and M are printed side by side, with the matrix-free one's relative
 * difference. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "base/error.h"
#include "objectives/objective.h"

static const char *const specs[] = {
	"glm:d=200,n=10000", "glm:d=200,n=100000", "twolayer:k=16,m=16,n=10000",
	"pca:d=200", NULL
};

/* Measure obj's scale (no memo: a fresh measurement) into *s; ms. */
static double
bench_measure(const sd_objective *obj, int dense, sd_scale *s)
{
	sd_objective_type type = *obj->type;
	sd_objective copy = *obj;
	char *cause = NULL;
	double t0;

	if (dense)
		type.hvp = NULL;
	copy.type = &type;
	copy.memo = NULL;
	t0 = bench_now();
	if (sd_objective_scale(&copy, s, &cause) != 0) {
		fprintf(stderr, "bench_scale: %s\n", cause ? cause : "?");
		exit(1);
	}
	return (bench_now() - t0) * 1e3;
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
	printf("bench_scale: sd_objective_scale, dense Hessians against "
	    "matrix-free (one run; ms)\n");
	for (spec = specs; *spec != NULL; spec++) {
		if ((obj = sd_objective_new(*spec, &cause)) == NULL) {
			fprintf(stderr, "bench_scale: %s\n", cause);
			return 1;
		}
		tm = bench_measure(obj, 0, &sm);
		td = bench_measure(obj, 1, &sd);
		printf("  %-28s dense %9.0f ms  matrix-free %8.0f ms  (x%.1f)\n"
		    "  %-28s L %.6g / %.6g (%+.1e)  M %.6g / %.6g (%+.1e)\n",
		    *spec, td, tm, td / tm, "", sd.L, sm.L, sm.L / sd.L - 1,
		    sd.M, sm.M, sm.M / sd.M - 1);
		fflush(stdout);
		sd_objective_free(obj);
	}
	return 0;
}
