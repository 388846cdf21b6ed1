/* SPDX-License-Identifier: GPL-3.0-or-later */
/* job.c: the finder and the maps on a thread of their own (see job.h). */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "base/error.h"
#include "job_impl.h"
#include "optimizers/optimizer.h"

/* How much lower than the keys' thread a job runs (nice; Linux gives
 * each thread its own). The field and the frames, which a key waits for,
 * get the two cores first; the job takes what they leave. The field's
 * own job is not lowered: a key waits for it too, and the finder that
 * starts beside it once the first pass is shown would otherwise share
 * the cores evenly with it (a pan's whole field on glm:n=100000 at a
 * load of 7–8: median 125–152 ms at the same nice, 97–126 ms above it,
 * bench_tui field). */
#define JOB_NICE 10

/* The jobs dropped (cancelled and left to run out), newest first; only
 * the thread that starts jobs touches the list. */
static struct job *job_dropped;

/* Objectives whose owner let go of them while dropped jobs still
 * borrowed them (job_adopt): freed by job_reap once none does. */
static struct job_orphan {
	sd_objective		*obj;
	struct job_orphan	*next;
} *job_orphans;

static void	job_orphans_free(void);

/* ---- the thread -------------------------------------------------------- */

/* Run below the keys' thread (see JOB_NICE); where that cannot be done
 * the job merely shares the cores evenly. */
static void
job_lower(void)
{
#ifdef __linux__
	id_t tid = (id_t)syscall(SYS_gettid);
	int now;

	errno = 0;
	now = getpriority(PRIO_PROCESS, tid);
	if (errno == 0)
		(void)setpriority(PRIO_PROCESS, tid, now + JOB_NICE);
#endif
}

double
job_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Report progress: done of all. */
static void
job_progress_set(struct job *j, size_t done, size_t all)
{
	atomic_store_explicit(&j->permille, all ? (unsigned)(1000.0 *
	    (double)done / (double)all) : 0, memory_order_relaxed);
}

/* Say whether j->first holds a first pass to show, and wake a
 * job_wait_first. */
static void
job_publish_first(struct job *j, int shown)
{
	pthread_mutex_lock(&j->lock);
	j->has_first = shown;
	pthread_cond_broadcast(&j->cond);
	pthread_mutex_unlock(&j->lock);
}

/* A pan's first pass (sd_field_update_preview): the samples kept and
 * the new strips coarse, published for the frames to show (without it,
 * when out of memory, they show "computing…" as before); then the strips
 * exact, in one go (a few times the preview's cost). The progress
 * meanwhile is the share of the samples that are exact: the kept
 * ones. */
static int
job_run_pan(struct job *j)
{
	char *cause = NULL;
	size_t n = 0;
	int shown;

	shown = sd_field_copy(&j->first, &j->field, NULL) == 0 &&
	    sd_field_update_preview(&j->first, &j->obj, &j->chart, &j->window,
	    j->cols, j->rows, j->coarse, &n, &cause) == 0;
	free(cause);
	if (shown)
		job_progress_set(j, j->first.kept, j->cols * j->rows);
	job_publish_first(j, shown);
	return sd_field_update(&j->field, &j->obj, &j->chart, &j->window,
	    j->cols, j->rows, &n, &j->cause);
}

/* The field: the first pass (coarse; a pan's or a zoom's preview, the
 * old samples moved or magnified), published for the frames to show,
 * then refined row by row. */
static int
job_run_field(struct job *j)
{
	double t0 = job_now();
	size_t n = 0, m, left;
	int shown;

	if (j->coarse > 1 && sd_field_pans(&j->field, &j->window, j->cols,
	    j->rows))
		return job_run_pan(j);
	if (sd_field_update_preview(&j->field, &j->obj, &j->chart, &j->window,
	    j->cols, j->rows, j->coarse, &n, &j->cause) != 0)
		return -1;
	shown = j->field.coarse > 1 &&
	    sd_field_copy(&j->first, &j->field, NULL) == 0;
	pthread_mutex_lock(&j->lock);
	if (n > 0)
		j->sample_s = (job_now() - t0) / (double)n;
	pthread_mutex_unlock(&j->lock);
	job_publish_first(j, shown);
	left = j->field.coarse > 1 ? j->rows : 0;
	while (left > 0 && !job_off(j)) {
		left = sd_field_refine(&j->field, &j->obj, &j->chart,
		    JOB_FIELD_ROWS, &m);
		job_progress_set(j, j->rows - left, j->rows);
	}
	return 0;
}

/* Where each run of sv ended, in the chart's coordinates, into j->ends
 * (a survey kept them: sd_survey_keep_ends). */
static int
job_survey_ends(struct job *j, const sd_survey *sv)
{
	size_t total = sd_survey_total(sv), n = total / j->n_methods, m, i;
	const double *x;
	double f, *e;

	if ((j->ends = malloc(2 * (total ? total : 1) * sizeof *j->ends)) ==
	    NULL)
		return sd_fail(&j->cause, "out of memory");
	for (m = 0, e = j->ends; m < j->n_methods; m++) {
		for (i = 0; i < n; i++, e += 2) {
			e[0] = e[1] = NAN;
			if ((x = sd_survey_last(sv, m, i, &f)) != NULL)
				sd_chart_project(&j->chart, x, &e[0], &e[1],
				    NULL);
		}
	}
	return 0;
}

/* The survey, a few runs at a time so that its progress shows: a block
 * of runs per thread (sd_survey_grain), fewer would leave them idle. */
static int
job_run_survey(struct job *j)
{
	const sd_survey_row *rows;
	sd_survey *sv;
	size_t k, done, total;
	int rc = -1;

	if ((sv = sd_survey_new(&j->obj, &j->chart, &j->window, &j->so,
	    &j->cause)) == NULL)
		return -1;
	for (k = 0; k < j->n_methods; k++) {
		if (sd_survey_add(sv, j->types[k], j->given[k] ?
		    j->mparams[k] : NULL, &j->cause) != 0)
			goto out;
	}
	total = sd_survey_total(sv);
	if (total <= JOB_ENDS_MAX && sd_survey_keep_ends(sv, &j->cause) != 0)
		goto out;
	while ((done = sd_survey_done(sv)) < total) {
		if (job_off(j)) {
			rc = sd_fail(&j->cause, "cancelled");
			goto out;
		}
		job_progress_set(j, done, total);
		if (sd_survey_iterate(sv, sd_survey_grain(sv), &j->cause) != 0)
			goto out;
	}
	if (sd_survey_finish(sv, &j->cause) != 0)
		goto out;
	rows = sd_survey_rows(sv, &k);
	j->n_rows = k < JOB_METHODS ? k : JOB_METHODS;
	memcpy(j->table, rows, j->n_rows * sizeof *rows);
	rc = total <= JOB_ENDS_MAX ? job_survey_ends(j, sv) : 0;
out:
	sd_survey_free(sv);
	return rc;
}

/* The thread: the core's call, then done. */
static void *
job_main(void *arg)
{
	struct job *j = arg;

	if (j->kind != JOB_FIELD)
		job_lower();
	switch (j->kind) {
	case JOB_POINTS:
		j->rc = sd_finder_run(&j->obj, &j->chart, &j->window,
		    j->has_fo ? &j->fo : NULL, &j->points, &j->cause);
		break;
	case JOB_MAP:
		j->rc = sd_map_compute(&j->map, &j->obj, &j->chart, &j->window,
		    j->cols, j->rows, &j->mo, &j->cause);
		break;
	case JOB_SCALE:
		j->rc = sd_objective_scale(&j->obj, &j->scale, &j->cause);
		break;
	case JOB_FIELD:
		j->rc = job_run_field(j);
		break;
	case JOB_SURVEY:
		j->rc = job_run_survey(j);
		break;
	case JOB_TASK:
		j->rc = j->task(j, j->real != NULL ? &j->obj : NULL,
		    j->task_arg, &j->cause);
		break;
	}
	pthread_mutex_lock(&j->lock);
	j->done = 1;
	pthread_cond_broadcast(&j->cond);
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* A job of kind over a copy of chart and window, not started. */
static struct job *
job_new(job_kind kind, const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, char **cause)
{
	struct job *j;

	if ((j = calloc(1, sizeof *j)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	j->kind = kind;
	atomic_init(&j->cancelled, 0);
	j->flag = &j->cancelled;
	if (chart != NULL && sd_chart_copy(&j->chart, chart, cause) != 0) {
		free(j);
		return NULL;
	}
	if (window != NULL)
		j->window = *window;
	/* A task may borrow no objective (it builds one, or writes a
	 * file). */
	if (obj != NULL)
		job_forward(j, obj);
	return j;
}

/* Start j's thread with the terminal's signals blocked (its OpenMP
 * threads inherit the mask). Frees j and returns NULL on failure. */
static struct job *
job_start(struct job *j, char **cause)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	    SIGWINCH };
	pthread_condattr_t ca;
	sigset_t block, old;
	size_t i;
	int rc;

	pthread_mutex_init(&j->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&j->cond, &ca);
	pthread_condattr_destroy(&ca);
	sigemptyset(&block);
	for (i = 0; i < sizeof sigs / sizeof *sigs; i++)
		sigaddset(&block, sigs[i]);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	rc = pthread_create(&j->thread, NULL, job_main, j);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		j->joined = 1;
		job_free(j);
		sd_fail(cause, "cannot start a thread: %s", strerror(rc));
		return NULL;
	}
	return j;
}

/* ---- the interface ----------------------------------------------------- */

job *
job_points(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_finder_options *opts, char **cause)
{
	struct job *j;

	if ((j = job_new(JOB_POINTS, obj, chart, window, cause)) == NULL)
		return NULL;
	if (opts != NULL) {
		j->has_fo = 1;
		j->fo = *opts;
	}
	return job_start(j, cause);
}

job *
job_map(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, size_t cols, size_t rows,
    const sd_map_options *opts, char **cause)
{
	struct job *j;

	if ((j = job_new(JOB_MAP, obj, chart, window, cause)) == NULL)
		return NULL;
	j->cols = cols;
	j->rows = rows;
	j->mo = *opts;
	if (opts->params != NULL) {
		memcpy(j->params, opts->params, sizeof j->params);
		j->mo.params = j->params;
	}
	return job_start(j, cause);
}

job *
job_scale(const sd_objective *obj, const sd_chart *chart, char **cause)
{
	struct job *j;

	if ((j = job_new(JOB_SCALE, obj, chart, &chart->window, cause)) ==
	    NULL)
		return NULL;
	return job_start(j, cause);
}

job *
job_field(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, size_t cols, size_t rows, size_t coarse,
    const sd_field *from, char **cause)
{
	struct job *j;

	if ((j = job_new(JOB_FIELD, obj, chart, window, cause)) == NULL)
		return NULL;
	j->cols = cols;
	j->rows = rows;
	j->coarse = coarse;
	if ((from != NULL ? sd_field_copy(&j->field, from, cause) :
	    sd_field_init(&j->field, obj->dim, cause)) != 0) {
		j->joined = 1;
		job_free(j);
		return NULL;
	}
	return job_start(j, cause);
}

job *
job_survey(const sd_objective *obj, const sd_chart *chart,
    const sd_window *window, const sd_survey_options *opts,
    const sd_optimizer_type *const *types, const double *const *params,
    size_t n, char **cause)
{
	struct job *j;
	size_t k;

	if (n > JOB_METHODS) {
		sd_fail(cause, "a survey of at most %d methods", JOB_METHODS);
		return NULL;
	}
	if ((j = job_new(JOB_SURVEY, obj, chart, window, cause)) == NULL)
		return NULL;
	j->so = *opts;
	j->so.ab = NULL;
	j->n_methods = n;
	for (k = 0; k < n; k++) {
		j->types[k] = types[k];
		if ((j->given[k] = params[k] != NULL))
			memcpy(j->mparams[k], params[k],
			    sizeof j->mparams[k]);
	}
	return job_start(j, cause);
}

job *
job_task(const sd_objective *obj, job_task_fn run, void *arg,
    void (*free_arg)(void *), char **cause)
{
	struct job *j;

	if ((j = job_new(JOB_TASK, obj, NULL, NULL, cause)) == NULL) {
		if (free_arg != NULL)
			free_arg(arg);
		return NULL;
	}
	j->task = run;
	j->task_arg = arg;
	j->task_free = free_arg;
	return job_start(j, cause);
}

void *
job_task_arg(job *j)
{
	return j->kind == JOB_TASK ? j->task_arg : NULL;
}

int
job_task_result(job *j, char **cause)
{
	if (j->rc == 0)
		return 0;
	*cause = j->cause;
	j->cause = NULL;
	return -1;
}

int
job_cancelled(const job *j)
{
	return job_off(j);
}

double
job_progress(const job *j)
{
	return atomic_load_explicit(&j->permille, memory_order_relaxed) /
	    1000.0;
}

/* Wait as job_wait does, and with first also until a field job has a
 * first pass to show. */
static int
job_wait_for(job *j, double ms, int first)
{
	struct timespec until;
	int forever = ms < 0 || !(ms <= 1e9), done;
	double s;

	clock_gettime(CLOCK_MONOTONIC, &until);
	s = (double)until.tv_nsec * 1e-9 + (ms > 0 && !forever ? ms * 1e-3 :
	    0);
	until.tv_sec += (time_t)floor(s);
	until.tv_nsec = (long)((s - floor(s)) * 1e9);
	pthread_mutex_lock(&j->lock);
	while (!j->done && !(first && j->has_first) && forever)
		pthread_cond_wait(&j->cond, &j->lock);
	while (!j->done && !(first && j->has_first) && ms > 0 &&
	    pthread_cond_timedwait(&j->cond, &j->lock, &until) != ETIMEDOUT)
		continue;
	done = j->done;
	pthread_mutex_unlock(&j->lock);
	/* Joined at once: the thread is gone before its result is read. */
	if (done && !j->joined) {
		pthread_join(j->thread, NULL);
		j->joined = 1;
	}
	return done;
}

int
job_wait(job *j, double ms)
{
	return job_wait_for(j, ms, 0);
}

int
job_wait_first(job *j, double ms)
{
	return job_wait_for(j, ms, 1);
}

void
job_cancel(job *j)
{
	atomic_store_explicit(&j->cancelled, 1, memory_order_relaxed);
}

int
job_take_points(job *j, sd_point_list *out, char **cause)
{
	memset(out, 0, sizeof *out);
	if (j->kind != JOB_POINTS || j->taken)
		return sd_fail(cause, "no stationary points to take");
	j->taken = 1;
	if (j->rc != 0) {
		*cause = j->cause;
		j->cause = NULL;
		return -1;
	}
	*out = j->points;
	memset(&j->points, 0, sizeof j->points);
	return 0;
}

const sd_map *
job_result_map(job *j, char **cause)
{
	if (j->kind == JOB_MAP && j->rc == 0)
		return &j->map;
	*cause = j->cause;
	j->cause = NULL;
	return NULL;
}

int
job_take_scale(job *j, sd_scale *out, char **cause)
{
	if (j->kind != JOB_SCALE || j->rc != 0) {
		*cause = j->cause;
		j->cause = NULL;
		return -1;
	}
	*out = j->scale;
	return 0;
}

int
job_take_field(job *j, sd_field *out, double *sample_s, char **cause)
{
	int done, rc = 0;

	pthread_mutex_lock(&j->lock);
	done = j->done;
	if (j->sample_s > 0)
		*sample_s = j->sample_s;
	if (!done && j->has_first) {
		*out = j->first;
		memset(&j->first, 0, sizeof j->first);
		j->has_first = 0;
		rc = 1;
	}
	pthread_mutex_unlock(&j->lock);
	if (!done || j->kind != JOB_FIELD || j->taken)
		return rc;
	job_wait(j, 0);
	j->taken = 1;
	if (j->rc != 0) {
		*cause = j->cause;
		j->cause = NULL;
		return -1;
	}
	*out = j->field;
	memset(&j->field, 0, sizeof j->field);
	sd_slice_done(&out->slice);	/* it refers to the job */
	return 2;
}

int
job_take_survey(job *j, sd_survey_row *rows, size_t *n, double **ends,
    char **cause)
{
	if (j->kind != JOB_SURVEY || j->rc != 0) {
		*cause = j->cause;
		j->cause = NULL;
		return -1;
	}
	memcpy(rows, j->table, j->n_rows * sizeof *rows);
	*n = j->n_rows;
	*ends = j->ends;
	j->ends = NULL;
	return 0;
}

void
job_drop(job *j)
{
	if (j == NULL)
		return;
	job_cancel(j);
	j->next = job_dropped;
	job_dropped = j;
}

size_t
job_reap(int wait)
{
	struct job **p = &job_dropped, *j;
	size_t left = 0;

	while ((j = *p) != NULL) {
		/* One that borrows nothing need not be waited for: at exit
		 * it is left to run out (the list keeps it reachable). */
		if (job_wait(j, wait && j->real != NULL ? -1 : 0)) {
			*p = j->next;
			job_free(j);
		} else {
			p = &j->next;
			left++;
		}
	}
	job_orphans_free();
	return left;
}

/* Whether a dropped job still borrows obj. */
static int
job_borrowed(const sd_objective *obj)
{
	const struct job *j;

	for (j = job_dropped; j != NULL; j = j->next) {
		if (j->real == obj)
			return 1;
	}
	return 0;
}

/* Free the orphans no dropped job borrows any more. */
static void
job_orphans_free(void)
{
	struct job_orphan **p = &job_orphans, *o;

	while ((o = *p) != NULL) {
		if (job_borrowed(o->obj)) {
			p = &o->next;
			continue;
		}
		*p = o->next;
		sd_objective_free(o->obj);
		free(o);
	}
}

int
job_adopt(sd_objective *obj)
{
	struct job_orphan *o;

	if (obj == NULL || (job_reap(0), !job_borrowed(obj)))
		return 0;
	if ((o = malloc(sizeof *o)) == NULL) {
		job_reap(1);
		return 0;
	}
	o->obj = obj;
	o->next = job_orphans;
	job_orphans = o;
	return 1;
}

void
job_free(job *j)
{
	if (j == NULL)
		return;
	if (!j->joined) {
		job_cancel(j);
		pthread_join(j->thread, NULL);
	}
	pthread_mutex_destroy(&j->lock);
	pthread_cond_destroy(&j->cond);
	if (j->kind == JOB_POINTS && !j->taken && j->rc == 0)
		sd_point_list_done(&j->points);
	if (j->kind == JOB_FIELD) {
		sd_field_done(&j->field);
		sd_field_done(&j->first);
	}
	/* The map's survey borrows the chart: the map goes first. */
	if (j->kind == JOB_MAP && j->rc == 0)
		sd_map_done(&j->map);
	if (j->kind == JOB_TASK && j->task_free != NULL)
		j->task_free(j->task_arg);
	free(j->ends);
	sd_chart_done(&j->chart);
	sd_scale_memo_free(j->obj.memo);
	free(j->cause);
	free(j);
}
