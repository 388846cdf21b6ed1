/* SPDX-License-Identifier: GPL-3.0-or-later */
/* overlay.h: the landscape maps drawn over the plot and the last survey,
 * for the visualizer.
 *
 * The m key cycles the overlay: none, then each kind of sd_map_types[] in
 * turn (strict-saddle, pl, quasiconvex, rsi, basins), then none (map.h).
 * The map has one pixel per plot cell and is computed again whenever
 * what it shows changes: the objective, the chart, the window, the plot's
 * size, the constants (:alpha, :beta, :gamma) or, for a kind that reads
 * the runs (basins), the selected racer's method and parameters. It is
 * computed on a thread of its own (job.h): a basins map runs an
 * optimizer from every pixel, seconds of work on the chapter's larger
 * objectives, and no key may wait for it. Until it is done the heatmap
 * shows and the panel says "computing map…"; a map that is no longer
 * wanted is cancelled. `:survey N` runs a survey (survey.h) of the view's
 * racers' methods — gd when there are none — from N starts over the view,
 * on a job too, and keeps its table for the panel. The overlay owns its map; it
 * borrows nothing between calls but the objective, which its job uses
 * until overlay_stop. */
#ifndef SADDLE_OVERLAY_H
#define SADDLE_OVERLAY_H

#include <stddef.h>
#include <stdint.h>

#include "job.h"
#include "landscape/map.h"
#include "landscape/survey.h"
#include "view.h"

/* The step budget of the basins' and the surveys' runs. */
#define OVERLAY_STEPS	1000

/* The N key's and :ntk's overlay (overlay_ntk.c): the level lines of the
 * objective's NTK twin (sd_ntk_twin: the model over the network, the
 * network over the model) at the plot's braille dots, 2 × 4 a cell. */
typedef struct overlay_ntk {
	int		 on;		/* shown (or being computed) */
	int		 model;		/* the view is the model, the twin
					 * the network */
	job		*job;		/* sampling the twin, or NULL */
	uint64_t	 key;		/* what the samples (or the failure
					 * to make them) are for */
	int		 keyed;		/* key is set */
	double		*f;		/* owned; rows × cols samples, or
					 * NULL until they come */
	size_t		 cols, rows;
} overlay_ntk;

typedef struct overlay {
	const sd_map_type *type;	/* NULL: none, the heatmap shows */
	double		 alpha, beta, gamma;	/* NaN: the defaults */
	job		*job;		/* computing the map, then holding
					 * it; NULL: none */
	const sd_map	*map;		/* the job's map once it is done */
	int		 have_map;	/* map is set */
	uint64_t	 key;		/* what the map (or the failure to
					 * make one) was for */
	int		 keyed;		/* key is set */

	job		*survey_job;	/* running :survey, or NULL */
	char		 survey_run_of[96];	/* its objective */
	size_t		 survey_run_starts;
	int		 have_survey;	/* the last survey's table */
	char		 survey_of[96];	/* its objective */
	size_t		 survey_starts;
	size_t		 n_rows;
	sd_survey_row	 rows[VIEW_RACERS_MAX];
	uint64_t	 survey_run_chart;	/* the running one's chart */
	double		*ends;		/* owned; where the last survey's
					 * runs ended, (a, b) per run, each
					 * method's starts in turn; NULL:
					 * not kept (job.h) */
	uint64_t	 ends_chart;	/* the chart they are in */
	int		 ends_on;	/* :ends: draw them */
	overlay_ntk	 ntk;		/* N, :ntk */
} overlay;

/* No overlay, default constants, no survey. */
void overlay_init(overlay *o);

/* Release the map. */
void overlay_done(overlay *o);

/* The next kind in the cycle that has something to show for obj. */
void overlay_next(overlay *o, const sd_objective *obj);

/* Show the map of type (NULL: none). */
void overlay_set(overlay *o, const sd_map_type *type);

/* "strict-saddle", ..., or "none". */
const char *overlay_name(const overlay *o);

/* Set constant which ('a', 'b' or 'g') from its text ("default" restores
 * the objective's). Errors name the word. */
int overlay_set_constant(overlay *o, int which, const char *arg,
    char **cause);

/* Bring the map up to date with v for a plot of cols × rows cells: start
 * computing it when what it shows changed, waiting up to ms milliseconds
 * (job_wait) for a map it starts, and take it when it is done. Returns 1 when the
 * map changed (the base layer must be redrawn), 0 when it did not, -1
 * with *cause when it could not be made (reported once: the next call
 * with the same view returns 0). */
int overlay_update(overlay *o, const view *v, size_t cols, size_t rows,
    double ms, char **cause);

/* Whether a map or a survey is being computed. */
int overlay_pending(const overlay *o);

/* Stop computing the map and drop it, and cancel the survey (their jobs
 * run out on their own: job_adopt keeps the objective they borrow); the
 * next overlay_update starts again. */
void overlay_stop(overlay *o);

/* Start a survey of n starts over v's window of v's racers' methods (gd
 * when there are none) on a job (job.h), cancelling one that runs. */
int overlay_survey(overlay *o, const view *v, size_t n, char **cause);

/* Take the survey's table if it is done: 1 when it just arrived, 0 when
 * none did, -1 with *cause when it failed. */
int overlay_survey_poll(overlay *o, char **cause);

/* Whether a survey runs, and how much of it is done (0 to 1). */
int overlay_survey_running(const overlay *o);
double overlay_survey_progress(const overlay *o);

/* Cancel the running survey; nonzero when there was one. */
int overlay_survey_cancel(overlay *o);

/* Forget the survey. */
void overlay_survey_clear(overlay *o);

/* What a chart of v's objective is (overlay_chart_key) and h continued
 * over what a plot of cols × rows drawn from v depends on:
 * the objective, the chart, the window and the size. */
uint64_t overlay_chart_key(const view *v);
uint64_t overlay_view_key(uint64_t h, const view *v, size_t cols,
    size_t rows);

/* overlay_ntk.c: show (on) or hide the NTK twin's level lines; -1 with
 * *cause, and nothing changes, when v's objective has no NTK model (the
 * message names the objectives that have one). */
int overlay_ntk_set(overlay *o, const view *v, int on, char **cause);

/* Bring the twin's samples up to date with v for cols × rows dots (the
 * plot's braille dots), starting a task when what they show changed and
 * waiting up to ms for it: 1 when new samples came (the base layer must
 * be redrawn), 0 when nothing did; 2 when the view is of the network and
 * θ₀ lies off its chart: *through is then the model's own chart, through
 * θ₀ (the caller shows it or frees it), and nothing is sampled until the
 * view is around θ₀; -1 with *cause when the task failed or the
 * objective in view has no NTK model any more (the overlay is then
 * off). */
int overlay_ntk_update(overlay *o, const view *v, size_t cols, size_t rows,
    double ms, sd_chart *through, char **cause);

/* Esc: stop sampling and hide the overlay; nonzero when a task ran. */
int overlay_ntk_cancel(overlay *o);

/* Hide it and drop what it holds. */
void overlay_ntk_done(overlay *o);

#endif
