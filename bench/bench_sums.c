/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_sums.c: glm's and twolayer's f, ∇f and ∇²f·v over the whole
 * sample (what the finder, the optimizers and the scale call in high
 * dimension), in ns per sample·coordinate, beside what bounds them, in
 * one run:
 *   plain	glm's f written plainly (sample after sample, a dot
 *		product of the row and libm's exp) on data of the same
 *		shape (for twolayer, n × k·m: a floor for its own f written
 *		so, which has k exps a sample where this has one);
 *   exp	libm's exp alone, n of them, per sample·coordinate: the
 *		floor of a sum that calls it once a sample one lane at a
 *		time (twolayer calls it k times a sample);
 *   memory	one streaming read of the n·d doubles: the floor of any pass.
 * Then glm's f, ∇f and hvp on one thread and on two (base/tiles.c; the
 * machine is shared, so the ratio is what one run saw). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "bench.h"
#include "objectives/objective.h"

#define RUNS	5

static const char *const specs[] = {
	"glm:d=200,n=100000", "twolayer:k=16,m=16,n=100000", NULL
};

/* What a timed call reads. */
struct call {
	const sd_objective	*obj;
	const double		*x, *v;
	double			*out, sink;
	int			 what;	/* 0 f, 1 ∇f, 2 hvp */
	size_t			 n, d;	/* plain loops: the shape */
};

static int
call_sum(void *arg)
{
	struct call *c = arg;

	if (c->what == 0)
		c->sink += sd_objective_f(c->obj, c->x);
	else if (c->what == 1)
		sd_objective_gradient(c->obj, c->x, c->out);
	else
		sd_objective_hvp(c->obj, c->x, c->v, c->out);
	return 0;
}

/* glm's f written plainly on row-major samples out (n×d, then n y). */
static int
call_plain(void *arg)
{
	struct call *c = arg;
	double s = 0, t, r;
	size_t i, k;

	for (i = 0; i < c->n; i++) {
		for (t = 0, k = 0; k < c->d; k++)
			t += c->x[k] * c->out[i * c->d + k];
		r = c->out[c->n * c->d + i] - 1 / (1 + exp(-t));
		s += r * r;
	}
	c->sink += s / (2 * (double)c->n);
	return 0;
}

/* n of libm's exps. */
static int
call_exp(void *arg)
{
	struct call *c = arg;
	size_t i;

	for (i = 0; i < c->n; i++)
		c->sink += exp(-c->out[i * c->d]);
	return 0;
}

/* A streaming read of the n·d doubles. */
static int
call_memory(void *arg)
{
	struct call *c = arg;
	double s = 0;
	size_t i;

	for (i = 0; i < c->n * c->d; i++)
		s += c->out[i];
	c->sink += s;
	return 0;
}

/* ns per sample·coordinate of fn(c). */
static double
ns_per(int (*fn)(void *), struct call *c)
{
	return bench_median_ms(fn, c, RUNS) * 1e6 / ((double)c->n *
	    (double)c->d);
}

/* The plain loop and the floors at shape n×d. */
static void
bench_floors(size_t n, size_t d, const double *x)
{
	struct call c = { .x = x, .n = n, .d = d };
	size_t i;

	if ((c.out = malloc((n * d + n) * sizeof *c.out)) == NULL)
		return;
	for (i = 0; i < n * d + n; i++)
		c.out[i] = sin((double)i) * 0.1;
	printf("    plain f %.3f   exp floor %.3f   memory floor %.3f "
	    "(ns per sample·coordinate)\n", ns_per(call_plain, &c),
	    ns_per(call_exp, &c), ns_per(call_memory, &c));
	free(c.out);
}

/* f, ∇f and hvp of obj on the current threads. */
static void
bench_sums(const sd_objective *obj, struct call *c, const char *label)
{
	double t[3];

	for (c->what = 0; c->what < 3; c->what++)
		t[c->what] = ns_per(call_sum, c);
	printf("    %-10s f %.3f   ∇f %.3f   hvp %.3f\n", label, t[0], t[1],
	    t[2]);
	(void)obj;
}

int
main(void)
{
	const char *const *spec;
	sd_objective *obj;
	struct call c = { 0 };
	double *x;
	size_t k;

	printf("bench_sums: f, ∇f, ∇²f·v over all samples, ns per "
	    "sample·coordinate (one run, shared machine)\n");
	for (spec = specs; *spec != NULL; spec++) {
		if ((obj = sd_objective_new(*spec, NULL)) == NULL ||
		    (x = malloc(3 * obj->dim * sizeof *x)) == NULL)
			return 1;
		for (k = 0; k < obj->dim; k++) {
			x[k] = 0.05 * sin((double)k + 1);
			x[obj->dim + k] = cos((double)k);
		}
		c.obj = obj;
		c.x = x;
		c.v = x + obj->dim;
		c.out = x + 2 * obj->dim;
		c.n = obj->type->samples(obj->state);
		c.d = obj->dim;
		printf("  %s\n", *spec);
#ifdef _OPENMP
		omp_set_num_threads(1);
		bench_sums(obj, &c, "1 thread");
		omp_set_num_threads(2);
		bench_sums(obj, &c, "2 threads");
#else
		bench_sums(obj, &c, "no OpenMP");
#endif
		bench_floors(c.n, c.d, x);
		free(x);
		sd_objective_free(obj);
	}
	return 0;
}
