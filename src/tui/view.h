/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view.h: what the visualizer shows, independent of any terminal.
 *
 * A view is an objective seen through a chart over a window, with the
 * sampled field, the stationary points inside the window, a cursor, a
 * start point and the racers (optimizers stepping from that start). The
 * TUI changes it key by key; `saddle render` builds one from options and
 * draws it once. The view owns everything it points to. */
#ifndef SADDLE_VIEW_H
#define SADDLE_VIEW_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/field.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "readout.h"
#include "racer.h"

#define VIEW_RACERS_MAX	8
#define VIEW_BANDS_MIN	2
#define VIEW_BANDS_MAX	32
#define VIEW_BANDS	12
#define VIEW_CHART_NAME	128
#define VIEW_LINE_MAX	256	/* samples of f along :line's segment */

/* f along a segment (:line P Q), for the panel's plot. */
typedef struct view_line {
	size_t		 n;		/* samples; 0: no line */
	double		*p, *q;		/* owned; the ends, full space */
	double		 f[VIEW_LINE_MAX];	/* at t = k/(n − 1) */
	char		 text[VIEW_CHART_NAME];	/* "P → Q" as typed */
} view_line;

/* How values map to contour levels. */
typedef enum view_levels {
	VIEW_LEVELS_AUTO = 0,	/* critical when stationary values are in
				 * view, else log when the field is very
				 * skewed, else linear */
	VIEW_LEVELS_LINEAR,
	VIEW_LEVELS_LOG,
	VIEW_LEVELS_CRITICAL,	/* through every stationary value in view,
				 * evenly (linear or log) between them */
	VIEW_LEVELS_QUANTILE,	/* equal-area bands */
	VIEW_LEVELS_COUNT
} view_levels;

typedef struct view {
	sd_objective	*obj;		/* owned */
	sd_chart	 chart;
	char		 chart_name[VIEW_CHART_NAME];	/* the choice that
					 * built it, as the header shows it */
	sd_window	 home;		/* what 0 goes back to */
	sd_window	 window;
	double		 cur_a, cur_b;	/* the cursor, chart coordinates */
	readout		 cursor;	/* the readings there, once
					 * view_refresh_cursor ran */
	double		 start_a, start_b;	/* where racers start */
	view_levels	 levels;
	int		 bands;		/* number of filled levels */
	view_levels	 lv_mode;	/* what lv was made for (critical or
					 * quantile; else unused) by
					 * view_levels_prepare */
	double		 lv[VIEW_BANDS_MAX + 1];	/* the bands'
					 * boundaries, ascending */
	int		 lv_kind[VIEW_BANDS_MAX + 1];	/* the kind of
					 * stationary point a boundary passes
					 * through, or −1 */
	int		 contours;	/* draw iso-lines */
	int		 markers;	/* draw stationary points */
	int		 arrows;	/* draw the gradient-arrow field */
	int		 vectors;	/* draw each racer's vectors */
	int		 aspect;	/* equal scales across and down
					 * (view_fit_aspect); else fill */
	sd_field	 field;
	sd_point_list	 points;	/* inside window, from the finder */
	int		 points_valid;
	unsigned long	 points_gen;	/* counts the times the points went
					 * out of date: a finder run started
					 * for an older count is stale */
	int		 all;		/* points near the slice too (--all) */
	sd_point_list	 watch;		/* inside home: what racers' monitors
					 * report events against */
	int		 watch_valid;
	int		 defer;		/* a front end does the slow set-up
					 * elsewhere (job.h): it finds the
					 * watch (until view_take_watch,
					 * racers run unwatched) and measures
					 * the scale (until view_take_scale,
					 * racers wait in pending) */
	int		 watch_wanted;	/* deferred, and a racer waits for it */
	unsigned long	 watch_gen;	/* counts the times the watch went out
					 * of date */
	sd_scale	 scale;		/* the objective's, for the racers'
					 * defaults (sd_objective_scale) */
	int		 scale_valid;
	struct {
		const sd_optimizer_type	*type;
		char			*set;	/* owned, or NULL */
	}		 pending[VIEW_RACERS_MAX];	/* with defer: racers
					 * to add once the scale is known */
	int		 n_pending;
	view_line	 line;
	racer		*racers[VIEW_RACERS_MAX];
	int		 n_racers;
	int		 selected;	/* the racer o and :optimizer change */
	unsigned long	 seed;
	double		 tol;		/* convergence: ‖∇f‖ below this */
	int		(*release)(void *, sd_objective *);	/* NULL,
					 * or called before the objective is
					 * freed, so that work borrowing it
					 * (job.h) stops first: nonzero when
					 * it took the objective, to free
					 * once that work has run out */
	void		*release_arg;
} view;

/* A view of obj (taken, even on failure) over window (NULL: the window
 * of the objective's default chart), cursor and start at its centre, no
 * racers. */
int view_init(view *v, sd_objective *obj, const sd_window *window,
    char **cause);

/* Release everything the view owns. */
void view_done(view *v);

/* Show another objective (taken): default window, racers rebuilt with the
 * same methods and restarted at the new window's centre. */
int view_set_objective(view *v, sd_objective *obj, char **cause);

/* Show the objective through chart (taken, even on failure; its contents
 * move into the view) over window (NULL: the chart's own). The racers keep
 * their runs, which live in the full space: each is run again from its
 * own start with its own seed for as many steps, so that its events are
 * told against the new chart's points, and its path is drawn projected.
 * The cursor and the start move to the projections of where they were;
 * without racers both go to the window's default start. */
int view_set_chart(view *v, sd_chart *chart, const sd_window *window,
    char **cause);

/* Build the chart that text chooses (chart.h: "default", "random[:SEED]",
 * "hessian:P", "points:P1;P2;P3", "trajectory") with the current chart
 * as the reference of chart coordinates, and show it (view_set_chart).
 * A choice whose argument is one point may be written bare: the point is
 * the cursor ("hessian" is the Hessian there); "trajectory" is the
 * selected racer's path. */
int view_choose_chart(view *v, const char *text, const sd_window *window,
    char **cause);

/* Whether view_choose_chart takes t's name alone. */
int view_chart_bare(const sd_chart_choice_type *t);

/* Report the stationary points near the slice too (all nonzero), or only
 * those on it; the finder reruns on the next refresh. */
void view_set_all(view *v, int all);

/* Show window (the finder reruns on the next refresh). */
void view_set_window(view *v, const sd_window *window);

/* With aspect on: widen the window so that a field of cols × rows
 * samples (two a cell, one above the other: square on a terminal whose
 * cells are twice as tall as wide) has the same scale across and down;
 * nonzero when the window changed. */
int view_fit_aspect(view *v, size_t cols, size_t rows);

/* Zoom by factor (> 1 zooms in) keeping chart point (a, b) in place. */
void view_zoom(view *v, double factor, double a, double b);

/* Move the window by (da, db) in chart units, but not beyond
 * ±SD_WINDOW_MAX (the limit --window and :window keep): nonzero when it
 * stopped there. */
int view_pan(view *v, double da, double db);

/* Back to the home window, cursor at its centre. */
void view_reset(view *v);

/* Keep the cursor inside the window. */
void view_clamp_cursor(view *v);

/* Add a racer of type with parameters set (may be NULL), started at the
 * start point. */
int view_add_racer(view *v, const sd_optimizer_type *type, const char *set,
    char **cause);

/* Change the selected racer's method (its parameters become the new
 * method's defaults) and restart it. */
int view_set_method(view *v, const sd_optimizer_type *type, char **cause);

/* The next method in the registry after the selected racer's. */
const sd_optimizer_type *view_next_method(const view *v);

/* Apply "k=v,..." to the selected racer and restart it. */
int view_set_params(view *v, const char *set, char **cause);

/* Move the start point and restart every racer there. */
int view_set_start(view *v, double a, double b, char **cause);

/* Start only the selected racer at (a, b): each racer may have a start
 * of its own; the common start (for racers added later) stays. */
int view_set_start_selected(view *v, double a, double b, char **cause);

/* Restart every racer at the common start point. */
int view_start_all(view *v, char **cause);

/* Restart every racer at its own start (clears the paths). */
int view_restart(view *v, char **cause);

/* Remove racer k (0-based); the selection stays on the same racer, or
 * moves to the one before a removed selected one. */
int view_remove_racer(view *v, int k, char **cause);

/* view_line.c: sample f at n (2 .. VIEW_LINE_MAX) points of the segment
 * from the point text p names to q's (landscape/line.h: chart
 * coordinates, full coordinates, or KIND:K among the points in view). */
int view_set_line(view *v, const char *p, const char *q, size_t n,
    char **cause);

/* No line any more. */
void view_clear_line(view *v);

/* Where the line passes stationary point i of the points in view: its t,
 * or NaN when it does not pass it. */
double view_line_passes(const view *v, size_t i);

/* With defer, a new chart and the watch points arriving do not run the
 * racers again at once (a path of 10⁵ steps on a large objective takes
 * seconds): each racer restarts and catches up a step at a time. One
 * step of every racer still behind; returns the steps still to take. */
size_t view_replay_step(view *v);

/* The steps the racers still have to take again (0: none). */
size_t view_replaying(const view *v);

/* Stop catching up: the paths end where they are. */
void view_replay_stop(view *v);

/* Change the convergence tolerance of the view and its racers. */
void view_set_tol(view *v, double tol);

/* view_steps.c: one step of every running racer, here (headless
 * callers: render, tour); returns how many moved. */
int view_step(view *v);

/* The loop's round of steps: one step of every running racer, those
 * slower than a frame on threads (racer_step_start), waiting for them up
 * to a frame; returns how many moved or are under way. While a racer's
 * step is under way no other starts: it returns how many are. */
int view_step_start(view *v);

/* How many racers have a step under way on a thread, and
 * the first of them into *first (when not NULL). */
size_t view_stepping(const view *v, const racer **first);

/* Land the racers' steps that are done; nonzero when one did. */
int view_steps_poll(view *v);

/* Drop the racers' steps under way (they stay where they were); nonzero
 * when there was one. */
int view_steps_cancel(view *v);

/* Bring the field (cols × rows samples), the stationary points and the
 * cursor's readings up to date with the window. *evaluated (may be NULL)
 * gets the number of evaluations of f. */
int view_refresh(view *v, size_t cols, size_t rows, size_t *evaluated,
    char **cause);

/* Bring the cursor's readings (v->cursor: f, ‖∇f‖, the Hessian's
 * eigenvalues) up to date with the cursor, the objective and the chart;
 * nothing to do when none moved. Call before drawing. */
void view_refresh_cursor(view *v);

/* The two halves of view_refresh, for a front end that spreads the work
 * over idle moments: the field alone, coarse (one sample per coarse ×
 * coarse block, sd_field_update_coarse) when its samples must be taken
 * anew; then the stationary points, when they are out of date. */
int view_refresh_field(view *v, size_t cols, size_t rows, size_t coarse,
    size_t *evaluated, char **cause);
int view_refresh_points(view *v, char **cause);

/* For a front end that finds the points elsewhere (job.h): the finder's
 * options for the view, and the points found with them for the current
 * points_gen (taken; NULL: none, after a failure) — the same points
 * view_refresh_points would have found. */
void view_points_options(const view *v, sd_finder_options *opts);
void view_take_points(view *v, sd_point_list *points);

/* With defer: the watch points found for the current watch_gen,
 * with sd_finder_run's defaults over the home window (taken; NULL: none,
 * after a failure). Every racer is run again from its own start with its
 * own seed for as many steps as it had taken, now watched: the same run
 * and events as if the points had been there from the start. */
int view_take_watch(view *v, sd_point_list *points, char **cause);

/* With defer: the objective's scale, measured elsewhere (job_scale).
 * The racers added meanwhile (kept in pending) are made and started. */
int view_take_scale(view *v, const sd_scale *scale, char **cause);

/* A deep copy of src into dst (which must not hold a list). */
int view_copy_points(sd_point_list *dst, const sd_point_list *src,
    char **cause);

/* Make up to rows more rows of a coarse field exact (sd_field_refine);
 * returns the rows still coarse. *evaluated (may be NULL) gets the number
 * of evaluations of f. */
size_t view_refine(view *v, size_t rows, size_t *evaluated);

/* Whether a point with this offset from the slice is off it (a point the
 * finder reports only with all set). */
int view_off_slice(const view *v, double offset);

/* The levels in use (auto resolved from the field and the points). */
view_levels view_levels_used(const view *v);

/* Its name: "linear", "log", "critical", "quantile" ("auto" resolved). */
const char *view_levels_name(view_levels levels);

/* Work out the boundaries of critical or quantile levels for the field
 * and points as they are now; before drawing them (view_level and the
 * rest read what this made). */
void view_levels_prepare(view *v);

/* The kind of stationary point level boundary k (0 .. bands) passes
 * through, or −1 (none, or levels that are not critical). */
int view_level_kind(const view *v, int k);

/* Where f falls between the field's extremes, in [0, 1], on the levels in
 * use; NaN stays NaN. */
double view_level(const view *v, double f);

/* The inverse of view_level: the value at t in [0, 1]. */
double view_level_value(const view *v, double t);

/* The band of f (0 .. bands − 1), or −1 when f is not finite. */
int view_band(const view *v, double f);

/* The lowest f known: the lowest minimum found, the field's lowest sample
 * and every racer's path. */
double view_fmin(const view *v);

/* Apply a --levels / :levels word ("linear", "log", "critical",
 * "quantile", "auto" or a number of bands) to the view. */
int view_levels_parse(view *v, const char *word, char **cause);

#endif
