/* SPDX-License-Identifier: GPL-3.0-or-later */
/* monitor.h: what happened on a run, as events.
 *
 * A monitor watches an optimizer step by step against the stationary
 * points the finder knows (sd_finder_run) and reports events: entering and
 * leaving a saddle's neighbourhood (with the steps spent there), converging
 * (‖g‖ < tol) and to what kind of point, a singular Hessian, divergence,
 * a method that cannot progress. It neither prints nor allocates per step;
 * sd_event_describe turns an event into the sentence that `saddle run`
 * writes to stderr and the TUI shows in its panel.
 *
 * Neighbourhoods: a known point p has the radius
 *	min(D/20, ½ · distance from p to the nearest other known point),
 * D the window's shorter side. A twentieth of the window is what the eye
 * calls "at the saddle" on a full-window view, and halving the distance
 * to the nearest neighbour keeps neighbourhoods disjoint on landscapes as
 * crowded as rastrigin's, so an iterate is near at most one point. */
#ifndef SADDLE_MONITOR_H
#define SADDLE_MONITOR_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

typedef enum sd_event_kind {
	SD_EVENT_ENTER_SADDLE = 0,	/* came within a saddle's radius */
	SD_EVENT_ESCAPE_SADDLE,		/* left it; steps = steps inside */
	SD_EVENT_CONVERGED,		/* ‖g‖ fell below tol */
	SD_EVENT_SINGULAR,		/* newton met a singular Hessian */
	SD_EVENT_DIVERGED,		/* a non-finite value: run over */
	SD_EVENT_STUCK,			/* the method cannot progress */
	SD_EVENT_KIND_COUNT
} sd_event_kind;

typedef struct sd_event {
	sd_event_kind	 kind;
	size_t		 iter;		/* the iterate it happened at */
	size_t		 steps;		/* ESCAPE: steps spent inside the
					 * neighbourhood; else iter */
	int		 point;		/* index in the monitor's point list,
					 * or -1 (not near a known point) */
	sd_point_kind	 point_kind;	/* the point's kind; CONVERGED away
					 * from known points: classified at
					 * x; SD_POINT_KIND_COUNT: unknown */
	double		 a, b;		/* chart coordinates of the point,
					 * or of the iterate when point < 0 */
} sd_event;

/* The most events one observation can report (leave one saddle, enter
 * another, converge). */
#define SD_MONITOR_EVENTS_MAX 4

typedef struct sd_monitor {
	const sd_point_list	*points;	/* borrowed */
	const sd_chart		*chart;		/* borrowed; NULL: x1, x2 */
	double			*radius;	/* owned; one per point */
	double			 tol;		/* 0: never converged */
	int			 inside;	/* saddle index, or -1 */
	size_t			 entered;	/* iter of entering it */
	int			 converged;	/* ‖g‖ < tol last time */
} sd_monitor;

/* Watch runs against points (borrowed; may be empty) inside window, with
 * positions reported through chart (borrowed; NULL for the identity on a
 * 2D objective). Returns -1 with *cause on allocation failure. */
int sd_monitor_init(sd_monitor *mon, const sd_point_list *points,
    const sd_chart *chart, const sd_window *window, double tol,
    char **cause);

/* Release what the monitor owns (not the points or the chart). */
void sd_monitor_done(sd_monitor *mon);

/* Observe iterate 0 of a fresh run (after sd_optimizer_set): forgets the
 * previous run; a start inside a saddle's neighbourhood enters it, a start
 * with ‖g‖ < tol converges. Writes up to cap events to out (cap ≥
 * SD_MONITOR_EVENTS_MAX never loses one) and returns how many. */
size_t sd_monitor_start(sd_monitor *mon, const sd_optimizer *opt,
    sd_event *out, size_t cap);

/* Observe the optimizer after a step that returned status. */
size_t sd_monitor_observe(sd_monitor *mon, const sd_optimizer *opt,
    sd_step_status status, sd_event *out, size_t cap);

/* How far an iterate may move from x (its full coordinates, just
 * observed) with the monitor's neighbourhood test giving what it gave at
 * x: outside every saddle's neighbourhood, so that an observation of an
 * iterate that stays closer than this to x reports no neighbourhood
 * event (its convergence test aside). The clearance from each saddle's
 * neighbourhood less a margin of 10⁻⁹ (far above rounding); 0 when x is
 * inside one or a distance overflows; +∞ with no saddles. A caller steps
 * without observing while the iterate stays within it (a survey, a run
 * through sd_optimizer_advance's fence). */
double sd_monitor_clearance(const sd_monitor *mon, const double *x);

/* The known point nearest to x (full coordinates) and, when distance is
 * not NULL, how far it is; -1 when there are no points. */
int sd_monitor_nearest(const sd_monitor *mon, const double *x,
    double *distance);

/* "enter-saddle", "escape-saddle", "converged", "singular", "diverged",
 * "stuck". */
const char *sd_event_kind_name(sd_event_kind kind);

/* One sentence for people, e.g. "escaped the saddle at (-0.271, -0.923)
 * after 41 steps", written into buf (always terminated). points is the
 * monitor's list (for the points' coordinates; may be NULL). */
void sd_event_describe(const sd_event *ev, const sd_point_list *points,
    char *buf, size_t len);

/* Where ev happened, in chart coordinates tidied for people
 * (sd_monitor_tidy_pair): the point's, when ev names one of points (may
 * be NULL), else the iterate's. */
void sd_event_where(const sd_event *ev, const sd_point_list *points,
    double *a, double *b);

/* Round chart coordinates for people in place: 3 significant digits, no
 * "-0", and rounding residue beside a coordinate of normal size as 0. */
void sd_monitor_tidy_pair(double *a, double *b);

#endif
