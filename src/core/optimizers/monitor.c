/* SPDX-License-Identifier: GPL-3.0-or-later */
/* monitor.c: events of a run against the known stationary points (see
 * monitor.h for the neighbourhood radius and the event contract). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "landscape/finder.h"
#include "optimizers/monitor.h"

/* The fraction of the window's shorter side a neighbourhood spans. */
#define MONITOR_RADIUS_FRACTION (1.0 / 20)

/* The names of event kinds, indexed by sd_event_kind. */
static const char *const event_kind_names[SD_EVENT_KIND_COUNT] = {
	[SD_EVENT_ENTER_SADDLE] = "enter-saddle",
	[SD_EVENT_ESCAPE_SADDLE] = "escape-saddle",
	[SD_EVENT_CONVERGED] = "converged",
	[SD_EVENT_SINGULAR] = "singular",
	[SD_EVENT_DIVERGED] = "diverged",
	[SD_EVENT_STUCK] = "stuck",
};

/* The event a step status other than SD_STEP_OK reports. */
static const sd_event_kind status_events[] = {
	[SD_STEP_DIVERGED] = SD_EVENT_DIVERGED,
	[SD_STEP_SINGULAR] = SD_EVENT_SINGULAR,
	[SD_STEP_STUCK] = SD_EVENT_STUCK,
};

const char *
sd_event_kind_name(sd_event_kind kind)
{
	return (size_t)kind < SD_EVENT_KIND_COUNT ? event_kind_names[kind] :
	    "?";
}

/* ‖x − y‖ in dimension d, scaled when the squares overflow (a run far
 * out on an unbounded landscape). */
static double
monitor_distance(const double *x, const double *y, size_t d)
{
	double s = 0, big = 0, t;
	size_t i;

	for (i = 0; i < d; i++) {
		t = x[i] - y[i];
		s += t * t;
	}
	if (isfinite(s))
		return sqrt(s);
	for (i = 0; i < d; i++)
		big = fmax(big, fabs(x[i] - y[i]));
	for (s = 0, i = 0; i < d; i++) {
		t = (x[i] - y[i]) / big;
		s += t * t;
	}
	return big * sqrt(s);
}

int
sd_monitor_init(sd_monitor *mon, const sd_point_list *points,
    const sd_chart *chart, const sd_window *window, double tol,
    char **cause)
{
	double side, r, dist;
	size_t i, j, n = points->n;

	mon->points = points;
	mon->chart = chart;
	mon->tol = tol;
	mon->inside = -1;
	mon->entered = 0;
	mon->converged = 0;
	if ((mon->radius = calloc(n > 0 ? n : 1, sizeof *mon->radius)) ==
	    NULL)
		return sd_fail(cause, "out of memory");
	side = fmin(window->xmax - window->xmin, window->ymax - window->ymin);
	for (i = 0; i < n; i++) {
		r = MONITOR_RADIUS_FRACTION * side;
		for (j = 0; j < n; j++) {
			if (j == i)
				continue;
			dist = monitor_distance(points->points[i].x,
			    points->points[j].x, points->dim);
			r = fmin(r, 0.5 * dist);
		}
		mon->radius[i] = r;
	}
	return 0;
}

void
sd_monitor_done(sd_monitor *mon)
{
	free(mon->radius);
	mon->radius = NULL;
}

/* The nearest known point by the careful distance, for a run so far out
 * that the squares overflow. */
static int
monitor_nearest_scaled(const sd_monitor *mon, const double *x,
    double *distance)
{
	const sd_point_list *pl = mon->points;
	double best = INFINITY, dist;
	size_t i;
	int idx = -1;

	for (i = 0; i < pl->n; i++) {
		dist = monitor_distance(pl->points[i].x, x, pl->dim);
		if (dist < best) {
			best = dist;
			idx = (int)i;
		}
	}
	if (distance != NULL)
		*distance = best;
	return idx;
}

int
sd_monitor_nearest(const sd_monitor *mon, const double *x, double *distance)
{
	const sd_point_list *pl = mon->points;
	double best = INFINITY, s, t;
	size_t i, k;
	int idx = -1;

	/* Squared distances: no square root per point at every step (the
	 * survey's hot path); sqrt is monotone, so the nearest is the
	 * same. */
	for (i = 0; i < pl->n; i++) {
		for (s = 0, k = 0; k < pl->dim; k++) {
			t = pl->points[i].x[k] - x[k];
			s += t * t;
		}
		if (!isfinite(s))
			return monitor_nearest_scaled(mon, x, distance);
		if (s < best) {
			best = s;
			idx = (int)i;
		}
	}
	if (distance != NULL)
		*distance = sqrt(best);
	return idx;
}

/* 1 for the kinds whose neighbourhood an optimizer enters and escapes. */
static int
monitor_is_saddle(sd_point_kind kind)
{
	return kind == SD_POINT_SADDLE || kind == SD_POINT_DEGENERATE_SADDLE;
}

double
sd_monitor_clearance(const sd_monitor *mon, const double *x)
{
	const sd_point_list *pl = mon->points;
	double clear = INFINITY, d, r, u;
	size_t i, k;

	if (mon->inside >= 0)
		return 0;
	for (i = 0; i < pl->n; i++) {
		if (!monitor_is_saddle(pl->points[i].kind))
			continue;
		for (d = 0, k = 0; k < pl->dim; k++) {
			u = pl->points[i].x[k] - x[k];
			d += u * u;
		}
		d = sqrt(d);
		r = mon->radius[i];
		clear = isfinite(d) ? fmin(clear, d - r - 1e-9 * (d + r)) : 0;
	}
	return clear > 0 ? clear : 0;
}

/* The known point whose neighbourhood holds x, or -1. */
static int
monitor_near(const sd_monitor *mon, const double *x)
{
	double dist;
	int idx = sd_monitor_nearest(mon, x, &dist);

	return idx >= 0 && dist < mon->radius[idx] ? idx : -1;
}

/* An event at the optimizer's iterate, located at point idx (≥ 0) or at
 * the iterate itself. */
static sd_event
monitor_event(const sd_monitor *mon, const sd_optimizer *opt,
    sd_event_kind kind, int idx)
{
	sd_event ev = { .kind = kind, .iter = opt->iter, .steps = opt->iter,
	    .point = idx, .point_kind = SD_POINT_KIND_COUNT };
	const sd_point *p;

	if (idx >= 0) {
		p = &mon->points->points[idx];
		ev.point_kind = p->kind;
		ev.a = p->a;
		ev.b = p->b;
	} else if (mon->chart != NULL) {
		sd_chart_project(mon->chart, opt->x, &ev.a, &ev.b, NULL);
	} else {
		ev.a = opt->x[0];
		ev.b = opt->dim > 1 ? opt->x[1] : 0;
	}
	return ev;
}

/* Append ev to out when there is room. */
static void
monitor_emit(sd_event *out, size_t cap, size_t *n, sd_event ev)
{
	if (*n < cap)
		out[*n] = ev;
	(*n)++;
}

/* The CONVERGED event: at the known point whose neighbourhood holds x,
 * else at x with the kind the finder's classifier gives there. */
static sd_event
monitor_converged(const sd_monitor *mon, const sd_optimizer *opt)
{
	int idx = monitor_near(mon, opt->x);
	sd_event ev = monitor_event(mon, opt, SD_EVENT_CONVERGED, idx);
	sd_point pt;

	if (idx < 0 && sd_finder_classify(opt->objective, opt->x, &pt,
	    NULL) == 0) {
		ev.point_kind = pt.kind;
		free(pt.x);
		free(pt.eigen);
	}
	return ev;
}

/* Neighbourhood changes and convergence at the current iterate. */
static size_t
monitor_look(sd_monitor *mon, const sd_optimizer *opt, sd_event *out,
    size_t cap)
{
	sd_event ev;
	size_t n = 0;
	int idx = monitor_near(mon, opt->x), conv;

	if (idx >= 0 && !monitor_is_saddle(mon->points->points[idx].kind))
		idx = -1;
	if (idx != mon->inside) {
		if (mon->inside >= 0) {
			ev = monitor_event(mon, opt, SD_EVENT_ESCAPE_SADDLE,
			    mon->inside);
			ev.steps = opt->iter - mon->entered;
			monitor_emit(out, cap, &n, ev);
		}
		if (idx >= 0) {
			monitor_emit(out, cap, &n, monitor_event(mon, opt,
			    SD_EVENT_ENTER_SADDLE, idx));
			mon->entered = opt->iter;
		}
		mon->inside = idx;
	}
	conv = mon->tol > 0 && sd_optimizer_test_gradient(opt, mon->tol);
	if (conv && !mon->converged)
		monitor_emit(out, cap, &n, monitor_converged(mon, opt));
	mon->converged = conv;
	return n < cap ? n : cap;
}

size_t
sd_monitor_start(sd_monitor *mon, const sd_optimizer *opt, sd_event *out,
    size_t cap)
{
	mon->inside = -1;
	mon->entered = 0;
	mon->converged = 0;
	return monitor_look(mon, opt, out, cap);
}

size_t
sd_monitor_observe(sd_monitor *mon, const sd_optimizer *opt,
    sd_step_status status, sd_event *out, size_t cap)
{
	size_t n = 0;

	if (status != SD_STEP_OK) {
		monitor_emit(out, cap, &n, monitor_event(mon, opt,
		    status_events[status], monitor_near(mon, opt->x)));
		return n < cap ? n : cap;
	}
	return monitor_look(mon, opt, out, cap);
}

/* v for people: 3 significant digits, and never "-0". */
static double
monitor_tidy(double v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%.3g", v);
	return atof(buf) + 0.0;
}

void
sd_monitor_tidy_pair(double *a, double *b)
{
	double big = fmax(fabs(*a), fabs(*b));

	/* Rounding residue next to a coordinate of normal size (a saddle
	 * found at (-5.9e-31, 1.41)) reads as the 0 it is. */
	if (fabs(*a) < 1e-12 * big)
		*a = 0;
	if (fabs(*b) < 1e-12 * big)
		*b = 0;
	*a = monitor_tidy(*a);
	*b = monitor_tidy(*b);
}

/* "step" or "steps" after the count n. */
static const char *
monitor_steps(size_t n)
{
	return n == 1 ? "step" : "steps";
}

/* The CONVERGED sentence: to a known point, to a point classified where
 * the run stopped, or (classification failed) just where. */
static void
monitor_converged_text(const sd_event *ev, const char *kind, double a,
    double b, char *buf, size_t len)
{
	const char *steps = monitor_steps(ev->iter);

	if (ev->point >= 0)
		snprintf(buf, len, "converged to the %s at (%.3g, %.3g) after "
		    "%zu %s", kind, a, b, ev->iter, steps);
	else if (kind != NULL)
		snprintf(buf, len, "converged to a %s at (%.3g, %.3g) after "
		    "%zu %s, away from the points found in the window", kind,
		    a, b, ev->iter, steps);
	else
		snprintf(buf, len, "converged at (%.3g, %.3g) after %zu %s", a,
		    b, ev->iter, steps);
}

void
sd_event_where(const sd_event *ev, const sd_point_list *points, double *a,
    double *b)
{
	*a = ev->a;
	*b = ev->b;
	if (points != NULL && ev->point >= 0 && (size_t)ev->point < points->n) {
		*a = points->points[ev->point].a;
		*b = points->points[ev->point].b;
	}
	sd_monitor_tidy_pair(a, b);
}

void
sd_event_describe(const sd_event *ev, const sd_point_list *points,
    char *buf, size_t len)
{
	const char *kind = ev->point_kind < SD_POINT_KIND_COUNT ?
	    sd_point_kind_name(ev->point_kind) : NULL;
	double a, b;

	sd_event_where(ev, points, &a, &b);
	switch (ev->kind) {
	case SD_EVENT_ENTER_SADDLE:
		snprintf(buf, len, "entered the %s at (%.3g, %.3g)", kind, a,
		    b);
		break;
	case SD_EVENT_ESCAPE_SADDLE:
		snprintf(buf, len, "escaped the %s at (%.3g, %.3g) after %zu %s",
		    kind, a, b, ev->steps, monitor_steps(ev->steps));
		break;
	case SD_EVENT_CONVERGED:
		monitor_converged_text(ev, kind, a, b, buf, len);
		break;
	case SD_EVENT_SINGULAR:
		snprintf(buf, len, "singular Hessian at (%.3g, %.3g) after "
		    "%zu %s: no Newton step exists", a, b, ev->iter,
		    monitor_steps(ev->iter));
		break;
	case SD_EVENT_DIVERGED:
		snprintf(buf, len, "diverged after %zu %s: the next iterate "
		    "is not finite; stopped at (%.3g, %.3g)", ev->iter,
		    monitor_steps(ev->iter), a, b);
		break;
	case SD_EVENT_STUCK:
		snprintf(buf, len, "cannot make progress at (%.3g, %.3g) after "
		    "%zu %s", a, b, ev->iter, monitor_steps(ev->iter));
		break;
	default:
		snprintf(buf, len, "?");
		break;
	}
}
