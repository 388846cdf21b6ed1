/* SPDX-License-Identifier: GPL-3.0-or-later */
/* racer.c: an optimizer with its trace and monitor (see racer.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "racer.h"
#include "trail.h"

racer *
racer_new(const sd_optimizer_type *type, const sd_objective *obj,
    const char *set, const sd_scale *scale, char **cause)
{
	racer *r;

	if ((r = calloc(1, sizeof *r)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	sd_trace_init(&r->trace, obj->dim);
	r->step_s = -1;
	if ((r->trail = trail_new()) == NULL) {
		sd_fail(cause, "out of memory");
		goto fail;
	}
	if ((r->opt = (scale != NULL ?
	    sd_optimizer_new_scaled(type, obj, scale, cause) :
	    sd_optimizer_new(type, obj, cause))) == NULL)
		goto fail;
	if (set != NULL && *set != '\0') {
		if (sd_optimizer_set_params(r->opt, set, cause) != 0)
			goto fail;
		if ((r->set = strdup(set)) == NULL) {
			sd_fail(cause, "out of memory");
			goto fail;
		}
	}
	return r;
fail:
	racer_free(r);
	return NULL;
}

void
racer_free(racer *r)
{
	if (r == NULL)
		return;
	racer_cancel(r);
	if (r->watching)
		sd_monitor_done(&r->mon);
	sd_trace_done(&r->trace);
	trail_free(r->trail);
	sd_optimizer_free(r->opt);
	free(r->set);
	free(r);
}

int
racer_watch(racer *r, const sd_point_list *points, const sd_chart *chart,
    const sd_window *window, double tol, char **cause)
{
	if (r->watching)
		sd_monitor_done(&r->mon);
	r->watching = 0;
	r->tol = tol;
	if (sd_monitor_init(&r->mon, points, chart, window, tol, cause) != 0)
		return -1;
	r->watching = 1;
	return 0;
}

void
racer_unwatch(racer *r)
{
	if (r->watching)
		sd_monitor_done(&r->mon);
	r->watching = 0;
}

int
racer_start(racer *r, const sd_chart *chart, double a, double b,
    unsigned long seed, char **cause)
{
	double *x0;
	int rc;

	if ((x0 = malloc(chart->dim * sizeof *x0)) == NULL)
		return sd_fail(cause, "out of memory");
	sd_chart_lift(chart, a, b, x0);
	rc = racer_start_x(r, x0, seed, cause);
	free(x0);
	return rc;
}

int
racer_start_x(racer *r, const double *x0, unsigned long seed, char **cause)
{
	int rc;

	racer_cancel(r);
	rc = sd_optimizer_set(r->opt, x0, seed, cause);
	sd_trace_clear(&r->trace);
	trail_forget(r->trail);
	r->replay_to = 0;
	if (rc != 0) {
		r->trace.stop = SD_STOP_DIVERGED;
		return -1;
	}
	if (sd_trace_start(&r->trace, r->opt, r->watching ? &r->mon : NULL,
	    cause) != 0)
		return -1;
	if (r->tol > 0 && sd_optimizer_test_gradient(r->opt, r->tol))
		r->trace.stop = SD_STOP_CONVERGED;
	return 0;
}

void
racer_at(const racer *r, const sd_chart *chart, size_t i, double *a,
    double *b)
{
	sd_chart_project(chart, r->trace.x + i * r->trace.dim, a, b, NULL);
}

void
racer_params(const racer *r, char *buf, size_t len)
{
	const sd_param *p = r->opt->type->params;
	size_t i, n = sd_params_count(p), used = 0;

	*buf = '\0';
	for (i = 0; i < n && used + 1 < len; i++) {
		used += (size_t)snprintf(buf + used, len - used, "%s%s=%g",
		    i ? " " : "", p[i].key, r->opt->params[i]);
	}
}

/* The racer's step size: its lr, else 1/L of its objective's scale. */
static double
racer_lr(const racer *r)
{
	const sd_param *p = r->opt->type->params;
	size_t i;

	for (i = 0; p != NULL && p[i].key != NULL; i++) {
		if (strcmp(p[i].key, "lr") == 0)
			return r->opt->params[i];
	}
	return r->opt->scale.L > 0 ? 1 / r->opt->scale.L : 1;
}

int
racer_step_sizes(const racer *r, double *scaling, double *box)
{
	const double lr = racer_lr(r);
	size_t i;

	if (r->trace.n == 0 || sd_optimizer_step_sizes(r->opt, scaling) != 0)
		return -1;
	for (i = 0; i < r->opt->dim; i++) {
		box[i] = scaling[i] * fabs(r->opt->g[i]);
		scaling[i] /= lr;
	}
	return 0;
}

int
racer_vectors(const racer *r, double *gd, double *last)
{
	const size_t d = r->trace.dim, n = r->trace.n;
	const double lr = racer_lr(r);
	size_t i;

	if (n == 0)
		return -1;
	for (i = 0; i < d; i++) {
		gd[i] = -lr * r->opt->g[i];
		last[i] = n < 2 ? 0 : r->trace.x[(n - 1) * d + i] -
		    r->trace.x[(n - 2) * d + i];
	}
	return 0;
}
