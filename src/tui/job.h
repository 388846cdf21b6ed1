/* SPDX-License-Identifier: GPL-3.0-or-later */
/* job.h: the visualizer's slow work on a thread of its own — the field
 * of an objective whose samples are slow, the view's stationary points,
 * the optimizers' scale, the overlay's map, :survey — so that no key
 * waits for it.
 *
 * Why a thread and not slices on idle ticks: the finder and the maps are
 * single calls into the core (sd_finder_run: 0.3 s on glm:d=20,n=1000,
 * 0.8 s on twolayer:k=4,m=8,n=1000; sd_map_compute of basins at 48×26
 * pixels: 1.3 s on twolayer, 43 s on the large one), and their units of
 * work have no useful bound either (a basins pixel's optimizer run, or
 * the objective's scale that the first optimizer measures,
 * sd_objective_scale, takes 36 ms on the large twolayer). Slicing them
 * would mean rewriting the core as resumable state machines and still not
 * bound a tick. On a thread they run unchanged, so the points and the map
 * are the very same bytes as `saddle points`, `saddle map` and `render`
 * find, and bench/bench_tui measures a key's longest wait at about 25 ms
 * meanwhile.
 *
 * Sharing. A job borrows the objective — its caller keeps it alive until
 * job_free (the view calls back before it frees one, view.h) — and copies
 * everything else it reads: chart, window, options, the optimizer's
 * parameters. The objective's f, ∇f and ∇²f are safe to call from any
 * thread (fields already sample them from OpenMP's). The result belongs
 * to the job until taken, and is read only after job_wait saw it done
 * (under the job's mutex), so the two threads share no other memory.
 *
 * Cancelling without touching the core: the job evaluates the objective
 * through a forwarding objective that answers NaN once cancelled, and
 * every loop of the core already treats NaN as undefined and moves on (the
 * finder drops the sample or the seed, an optimizer run stops as diverged,
 * a map pixel is undefined), so a cancelled job runs out within about a
 * millisecond (bench/bench_tui measures it); what it computed is dropped.
 *
 * Signals: the thread (and the OpenMP threads it starts) blocks SIGINT,
 * SIGTERM, SIGHUP, SIGQUIT and SIGWINCH, so they reach the main thread,
 * whose handlers tell the loop (screen.h); the job never touches the
 * terminal. */
#ifndef SADDLE_JOB_H
#define SADDLE_JOB_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/field.h"
#include "landscape/finder.h"
#include "landscape/map.h"
#include "landscape/survey.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"

/* The most methods a survey job runs (the view's racers). */
#define JOB_METHODS	8

/* The most runs whose ends a survey job keeps (a full iterate each while
 * it runs, dim + 1 doubles; then two), for the plot's dots. */
#define JOB_ENDS_MAX	100000

typedef struct job job;

/* Start finding the stationary points of obj (borrowed) through chart
 * over window with opts (NULL: the defaults). NULL with *cause when no
 * thread could be started. */
job *job_points(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_finder_options *opts, char **cause);

/* Start computing the map of obj (borrowed) through chart over window at
 * cols × rows pixels (sd_map_compute); opts->params, when set, is
 * copied. NULL with *cause when no thread could be started. */
job *job_map(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, size_t cols, size_t rows,
    const sd_map_options *opts, char **cause);

/* Start measuring obj's scale (sd_objective_scale: seconds on the
 * chapter's largest objectives) for the racers' defaults; chart is the
 * objective's default one, which the job copies as the others do. */
job *job_scale(const sd_objective *obj, const sd_chart *chart,
    char **cause);

/* Start sampling obj through chart over window at cols × rows: a first
 * pass (one sample per coarse × coarse block, or, from a copy of from
 * when given, only what its samples cannot be reused for), then every
 * sample, as sd_field_update makes them. */
job *job_field(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, size_t cols, size_t rows, size_t coarse,
    const sd_field *from, char **cause);

/* Start a survey (opts->ab is not used) of the n methods types with
 * params (SD_PARAMS_MAX values each, copied; NULL: the defaults). */
job *job_survey(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_survey_options *opts,
    const sd_optimizer_type *const *types, const double *const *params,
    size_t n, char **cause);

/* A task: run(self, obj, arg, cause) on the job's thread, for the
 * loop's one-off work that can take longer than a frame (building an
 * objective, encoding a figure, the cursor's readings): 0, or -1 with a
 * malloc'd *cause. obj is the forwarding objective (NaN once cancelled)
 * when an objective is borrowed, else NULL; a long run looks at
 * job_cancelled(self) where it can stop. */
typedef int (*job_task_fn)(job *self, const sd_objective *obj, void *arg,
    char **cause);

/* Start run on arg (owned by the job from now on, even on failure:
 * free_arg, when not NULL, releases it with the job). obj (borrowed, may
 * be NULL) is what run evaluates. A task that borrows no objective is not
 * waited for by job_reap: it may outlive the loop. */
job *job_task(const sd_objective *obj, job_task_fn run, void *arg,
    void (*free_arg)(void *), char **cause);

/* Seconds on the monotonic clock, for timing what a job does. */
double job_now(void);

/* A task's arg (read its result there once job_wait saw it done). */
void *job_task_arg(job *j);

/* A finished task's return: 0, or -1 with *cause (once). */
int job_task_result(job *j, char **cause);

/* Whether j was asked to stop. */
int job_cancelled(const job *j);

/* How much of its work j has done, from 0 to 1 (field and survey jobs;
 * 0 for the others). */
double job_progress(const job *j);

/* Wait up to ms milliseconds (0: only look; negative, infinite or
 * above 10⁹: until it is) for j to finish; nonzero when it has. */
int job_wait(job *j, double ms);

/* The same, but a field job's wait also ends when it has a first pass
 * to show (job_take_field): the frame after a key shows it as soon as
 * it is there, not after the frame's whole wait. */
int job_wait_first(job *j, double ms);

/* Ask j to stop soon; what it computes from now on is worthless. */
void job_cancel(job *j);

/* A finished points job's result, moved into *out: 0, or -1 with *cause
 * when the finder failed (then *out is empty). */
int job_take_points(job *j, sd_point_list *out, char **cause);

/* A finished map job's map, which stays the job's (its basins survey
 * borrows the job's objective and chart): NULL with *cause (once) when
 * sd_map_compute failed. */
const sd_map *job_result_map(job *j, char **cause);

/* A finished scale job's scale: 0, or -1 with *cause. */
int job_take_scale(job *j, sd_scale *out, char **cause);

/* What a field job has made since last asked, moved into *out (which
 * holds nothing): 1 for the first pass (coarse; the job goes on), 2 for
 * the finished field, 0 for nothing new, -1 with *cause when it failed.
 * *sample_s gets the seconds a sample took once known. */
int job_take_field(job *j, sd_field *out, double *sample_s, char **cause);

/* A finished survey job's table: n rows into rows (room for
 * JOB_METHODS), and where each run ended, (a, b) in the survey's chart
 * per run, every start of the first method, then the second's, ...
 * (malloc'd, the caller's; NULL above JOB_ENDS_MAX runs, or (NaN, NaN)
 * for a run whose end is not known): 0, or -1 with *cause. */
int job_take_survey(job *j, sd_survey_row *rows, size_t *n, double **ends,
    char **cause);

/* Cancel j and leave it to run out on its own, so that the caller need
 * not wait even the millisecond or so that takes (up to 15 ms for a
 * basins map on a loaded machine, where OpenMP's threads spin); job_reap
 * frees it. It still borrows its objective until then. */
void job_drop(job *j);

/* Free the dropped jobs that have run out (wait: all of them, waiting for
 * those that borrow an objective); returns how many still run. Only the thread that starts jobs
 * calls job_drop and job_reap. */
size_t job_reap(int wait);

/* Take obj, which its owner is about to free, when a dropped job still
 * borrows it (a cancelled job runs out within milliseconds, but one
 * evaluation already under way is not interrupted: a Hessian of
 * glm:d=200,n=100000 takes 1.3 s): job_reap frees it once no job does,
 * and at exit it is left to the process's end. Returns nonzero when it
 * took obj; zero when nothing borrows it (the owner frees it). */
int job_adopt(sd_objective *obj);

/* Cancel j if it still runs, join its thread and release everything it
 * holds; NULL is fine. */
void job_free(job *j);

#endif
