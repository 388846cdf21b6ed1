/* bench_chapter.c: what the chapter's objectives cost with their default
 * parameters: building the default chart, one f, ∇f and ∇²f, and a full
 * 240×140 field through the default chart on one thread (the TUI's field
 * divides that by its threads). Medians of repeated runs. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench.h"
#include "chart.h"
#include "error.h"
#include "objective.h"

#define COLS	240
#define ROWS	140
#define REPEAT	5

static const char *const specs[] = {
	"glm", "glm-pop", "pca", "matcomp", "tensor", "linnet3", "twolayer",
	"twolayer:act=1", "twolayer:act=2", "glm:d=20,n=1000", "pca:d=64",
	"twolayer:k=4,m=8,n=1000",
};

/* One field: f at the centre of every cell of the chart's window. */
static double
bench_field(const sd_objective *obj, const sd_chart *chart, double *work)
{
	const sd_window *w = &chart->window;
	double a, b, sum = 0;
	size_t i, j;

	for (j = 0; j < ROWS; j++) {
		b = w->ymax - ((double)j + 0.5) * (w->ymax - w->ymin) / ROWS;
		for (i = 0; i < COLS; i++) {
			a = w->xmin + ((double)i + 0.5) * (w->xmax - w->xmin) /
			    COLS;
			sum += sd_chart_f(chart, obj, a, b, work);
		}
	}
	return sum;
}

/* Median seconds of n calls of f, ∇f or ∇²f (which: 0, 1, 2) at x. */
static double
bench_calls(const sd_objective *obj, const double *x, int which, size_t n,
    double *out)
{
	double t[REPEAT], t0;
	size_t r, k;

	for (r = 0; r < REPEAT; r++) {
		t0 = bench_now();
		for (k = 0; k < n; k++) {
			if (which == 0)
				out[0] += sd_objective_f(obj, x);
			else if (which == 1)
				sd_objective_gradient(obj, x, out);
			else
				sd_objective_hessian(obj, x, out);
		}
		t[r] = (bench_now() - t0) / (double)n;
	}
	return bench_median(t, REPEAT);
}

/* Time one objective and print its line. */
static int
bench_one(const char *spec)
{
	double t[REPEAT], tchart, tf, tg, th, t0, *x, *out, sink = 0;
	sd_objective *obj;
	sd_chart chart;
	char *cause = NULL;
	size_t r, d;

	if ((obj = sd_objective_new(spec, &cause)) == NULL) {
		fprintf(stderr, "%s: %s\n", spec, cause);
		return -1;
	}
	d = obj->dim;
	x = calloc(d + d * d, sizeof *x);
	out = x + d;
	for (r = 0; r < REPEAT; r++) {
		t0 = bench_now();
		if (sd_chart_init_default(&chart, obj, &cause) != 0) {
			fprintf(stderr, "%s: %s\n", spec, cause);
			return -1;
		}
		t[r] = bench_now() - t0;
		if (r + 1 < REPEAT)
			sd_chart_done(&chart);
	}
	tchart = bench_median(t, REPEAT);
	sd_chart_lift(&chart, 0.3, 0.2, x);
	tf = bench_calls(obj, x, 0, 2000, out);
	tg = bench_calls(obj, x, 1, 500, out);
	th = bench_calls(obj, x, 2, 100, out);
	for (r = 0; r < REPEAT; r++) {
		t0 = bench_now();
		sink += bench_field(obj, &chart, out);
		t[r] = bench_now() - t0;
	}
	printf("%-26s d=%-3zu chart %8.3f ms  f %8.2f us  grad %8.2f us  "
	    "hess %9.2f us  field %dx%d %8.1f ms%s\n", obj->spec, d,
	    1e3 * tchart, 1e6 * tf, 1e6 * tg, 1e6 * th, COLS, ROWS,
	    1e3 * bench_median(t, REPEAT), sink == 12345.678 ? " " : "");
	sd_chart_done(&chart);
	free(x);
	sd_objective_free(obj);
	return 0;
}

int
main(void)
{
	size_t i;

	sd_gsl_quiet();
	for (i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		if (bench_one(specs[i]) != 0)
			return 1;
	}
	return 0;
}
