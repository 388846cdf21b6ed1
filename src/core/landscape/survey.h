/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey.h: many runs of several optimizers from the same starts, and
 * where each run ends.
 *
 * A survey draws N starts uniformly from a window of a chart (or takes
 * them from the caller: the pixels of a basins map), runs every method
 * from every start until ‖g‖ < tol or S steps, and sorts the ends: a
 * global minimum, another local minimum, a saddle (or maximum, or
 * degenerate point that is not a minimum), diverged, not converged. It is
 * the chapter's title question — do local methods solve this nonconvex
 * problem? — as a measurement.
 *
 * Determinism: start i is drawn from a hash of (seed, i) and run i of
 * every method is seeded from a hash of (seed, i), never from a shared
 * stream, and every run writes only its own record; so the results are
 * the same bytes whatever the number of threads (OpenMP) and however the
 * runs are batched.
 *
 * Shape (GSL's iterate): sd_survey_new finds the stationary points of the
 * window, sd_survey_add adds methods, sd_survey_iterate runs the next
 * batch of runs (so a front end can draw progress between batches),
 * sd_survey_finish sorts the ends and fills the table. The per-run path
 * allocates nothing: each thread owns one optimizer per method, restarted
 * with sd_optimizer_set, and a monitor.
 *
 * Where a run ends: a converged run (‖g‖ < tol) ends at the known point
 * whose monitor neighbourhood (monitor.h) holds its last iterate; when no
 * known point is that close the iterate is classified by the finder after
 * the batch (sd_finder_classify) and kept as a found point, which later
 * ends within a hundredth of the window's shorter side share. An end is
 * at a global minimum when its point's f is within 10⁻⁶ × (the range of f
 * over the window, or |f*| when f is flat there) of f*, the objective's
 * known global minimum (sd_objective_type's fmin) or else the lowest
 * minimum (min, degenerate-min) known or found: to that tolerance it is a global
 * minimizer, whatever the second-order test says at a point that is only
 * nearly stationary (linnet3's continuum of minima). Other minima are
 * local; other points count as saddles. */
#ifndef SADDLE_SURVEY_H
#define SADDLE_SURVEY_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/finder.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

/* The most methods one survey compares. */
#define SD_SURVEY_METHODS_MAX 16

/* The most starts (the records take 16 bytes per start and method). */
#define SD_SURVEY_STARTS_MAX 10000000

/* The most steps per run. */
#define SD_SURVEY_STEPS_MAX 10000000

/* How a run ended. */
typedef enum sd_outcome {
	SD_OUTCOME_GLOBAL = 0,		/* converged to a global minimum */
	SD_OUTCOME_LOCAL,		/* to another local minimum */
	SD_OUTCOME_SADDLE,		/* to a saddle, a maximum or a
					 * degenerate point that is not a
					 * minimum */
	SD_OUTCOME_DIVERGED,		/* a non-finite value (at the start
					 * or on the way) */
	SD_OUTCOME_NOT_CONVERGED,	/* ‖g‖ ≥ tol after S steps, or the
					 * method could not go on */
	SD_OUTCOME_COUNT
} sd_outcome;

typedef struct sd_survey sd_survey;

/* What the caller chooses. */
typedef struct sd_survey_options {
	size_t		 starts;	/* N, at least 1 */
	size_t		 steps;		/* S: the step budget of a run */
	double		 tol;		/* converged when ‖g‖ < tol (≥ 0;
					 * 0: every run takes S steps) */
	unsigned long	 seed;		/* of the starts and the runs */
	const double	*ab;		/* NULL: N uniform draws; else N
					 * pairs (a, b), borrowed until
					 * sd_survey_free */
} sd_survey_options;

/* One method's line of the table. */
typedef struct sd_survey_row {
	const sd_optimizer_type	*type;
	double			 params[SD_PARAMS_MAX];
	size_t			 count[SD_OUTCOME_COUNT];
	double			 fraction[SD_OUTCOME_COUNT];
	size_t			 steps_median;	/* nearest rank, all runs */
	size_t			 steps_p90;
	size_t			 saddle_median;	/* steps inside saddle
						 * neighbourhoods */
} sd_survey_row;

/* "global", "local", "saddle", "diverged", "not-converged". */
const char *sd_outcome_name(sd_outcome outcome);

/* Start i of a survey drawn with seed from window w (uniform). */
void sd_survey_draw(const sd_window *w, unsigned long seed, size_t i,
    double *a, double *b);

/* The seed of run i (every method's): 32 bits, for mt19937. */
unsigned long sd_survey_run_seed(unsigned long seed, size_t i);

/* A survey of obj (borrowed) through chart (borrowed) over window: finds
 * the stationary points there. Uses as many threads as OpenMP would now
 * (omp_get_max_threads). Returns NULL with *cause on bad options or
 * allocation failure. */
sd_survey *sd_survey_new(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_survey_options *opts, char **cause);

/* Add a method with its parameters (SD_PARAMS_MAX values, indexed like
 * type's table; NULL: the defaults for obj), before the first
 * sd_survey_iterate. */
int sd_survey_add(sd_survey *s, const sd_optimizer_type *type,
    const double *params, char **cause);

/* Keep every run's last iterate and its f (sd_survey_last), before the
 * first sd_survey_iterate: dim + 1 doubles per run. Where a run ends on a
 * continuum of minima (linnet's xy = 1) its stationary point is only the
 * nearest one found; the last iterate says where on the continuum it is.
 * Returns -1 with *cause after the runs have started. */
int sd_survey_keep_ends(sd_survey *s, char **cause);

/* Run up to n more runs (all methods' runs count, in order: every start
 * of the first method, then the second's, ...). Returns -1 with *cause
 * on allocation failure. */
int sd_survey_iterate(sd_survey *s, size_t n, char **cause);

/* Runs done and runs in all (starts × methods). */
size_t sd_survey_done(const sd_survey *s);
size_t sd_survey_total(const sd_survey *s);

/* The runs an sd_survey_iterate should be given at least (a multiple of
 * it for a front end that reports progress): a full block of runs for
 * every thread. Fewer leave threads idle and batch lanes empty, and each
 * call ends with the threads waiting for each other. */
size_t sd_survey_grain(const sd_survey *s);

/* Sort every end into its outcome and fill the rows (the runs must all
 * be done). */
int sd_survey_finish(sd_survey *s, char **cause);

/* The rows, one per method in the order added (after finish). */
const sd_survey_row *sd_survey_rows(const sd_survey *s, size_t *n);

/* Start i, in chart coordinates. */
void sd_survey_start(const sd_survey *s, size_t i, double *a, double *b);

/* How run (method m, start i) ended (after finish) and the index of the
 * point it ended at (sd_survey_point), or -1. */
sd_outcome sd_survey_end(const sd_survey *s, size_t m, size_t i,
    int *point);

/* Its last iterate (dim entries, in full coordinates) and f there, when
 * the survey keeps them (sd_survey_keep_ends); NULL otherwise. */
const double *sd_survey_last(const sd_survey *s, size_t m, size_t i,
    double *f);

/* Its steps, and the steps it spent inside saddle neighbourhoods. */
void sd_survey_steps(const sd_survey *s, size_t m, size_t i, size_t *steps,
    size_t *near_saddle);

/* The points runs can end at: the finder's (inside the window) first,
 * then those found at ends away from them. */
size_t sd_survey_points(const sd_survey *s);
const sd_point *sd_survey_point(const sd_survey *s, size_t k);

/* Whether point k is a minimum (min or degenerate-min), and whether it is
 * a global minimizer by the rule above (after finish). */
int sd_survey_is_min(const sd_survey *s, size_t k);
int sd_survey_is_global(const sd_survey *s, size_t k);

/* f* (after finish): the global minimum's value when the objective
 * knows it (its type's fmin), else the lowest minimum known or found;
 * NaN when none. */
double sd_survey_fstar(const sd_survey *s);

/* Whether f* is the objective's known global minimum (1) or only the
 * lowest minimum the survey saw (0): then "global" means "as low as the
 * lowest seen", and the true minimum may be lower. */
int sd_survey_fstar_known(const sd_survey *s);

/* Release everything the survey owns; NULL is fine. */
void sd_survey_free(sd_survey *s);

#endif
