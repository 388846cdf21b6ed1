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
#include "job.h"
#include "optimizers/optimizer.h"

/* How much lower than the keys' thread a job runs (nice; Linux gives
 * each thread its own). The field and the frames, which a key waits for,
 * get the two cores first; the job takes what they leave. */
#define JOB_NICE 10

/* The forwarding objective passes every hook of the real one on, with
 * its own state: a hook added to sd_objective_type must be added here
 * too, or it would be handed the job instead of the objective's state. */
_Static_assert(offsetof(sd_objective_type, fg_batch) +
    sizeof(void (*)(void)) == sizeof(sd_objective_type),
    "job.c forwards every hook of sd_objective_type: add the new one");

typedef enum job_kind {
	JOB_POINTS = 0,
	JOB_MAP,
	JOB_SCALE,
	JOB_FIELD,
	JOB_SURVEY,
	JOB_TASK
} job_kind;

/* Rows a field job refines between two looks at its progress: enough to
 * keep OpenMP's threads busy (it hands them a row each). */
#define JOB_FIELD_ROWS	4

/* Runs a survey job takes between two reports of its progress. */
#define JOB_SURVEY_RUNS	16

struct job {
	job_kind		 kind;
	pthread_t		 thread;
	int			 joined;
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	int			 done;		/* under lock */
	atomic_int		 cancelled;
	atomic_int		*flag;		/* &cancelled, writable from
						 * the const hooks */

	const sd_objective	*real;		/* borrowed */
	sd_objective_type	 type;		/* the forwarding objective */
	sd_objective		 obj;
	sd_chart		 chart;		/* copies */
	sd_window		 window;

	int			 has_fo;	/* points */
	sd_finder_options	 fo;
	sd_point_list		 points;
	int			 taken;

	size_t			 cols, rows;	/* map */
	sd_map_options		 mo;
	double			 params[SD_PARAMS_MAX];
	sd_map			 map;

	sd_scale		 scale;		/* scale */

	size_t			 coarse;	/* field: first pass */
	sd_field		 field;
	sd_field		 first;		/* under lock: the first pass,
						 * to show until done */
	int			 has_first;	/* under lock */
	double			 sample_s;	/* under lock; 0: unknown */

	sd_survey_options	 so;		/* survey */
	size_t			 n_methods;
	const sd_optimizer_type	*types[JOB_METHODS];
	double			 mparams[JOB_METHODS][SD_PARAMS_MAX];
	int			 given[JOB_METHODS];	/* else defaults */
	sd_survey_row		 table[JOB_METHODS];
	size_t			 n_rows;

	job_task_fn		 task;		/* task */
	void			*task_arg;
	void			(*task_free)(void *);

	atomic_uint		 permille;	/* progress */
	int			 rc;		/* of the core's call */
	char			*cause;
	struct job		*next;		/* on the dropped list */
};

/* The jobs dropped (cancelled and left to run out), newest first; only
 * the thread that starts jobs touches the list. */
static struct job *job_dropped;

/* ---- the forwarding objective ---------------------------------------- */

/* Whether the job behind a forwarding objective's state was cancelled. */
static int
job_off(const struct job *j)
{
	return atomic_load_explicit(j->flag, memory_order_relaxed) != 0;
}

/* n NaNs into v. */
static void
job_nan(double *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		v[i] = NAN;
}

static double
job_f(const void *state, const double *x)
{
	const struct job *j = state;

	if (job_off(j))
		return NAN;
	return j->real->type->f(j->real->state, x);
}

static void
job_grad(const void *state, const double *x, double *g)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(g, j->real->dim);
	else
		j->real->type->grad(j->real->state, x, g);
}

static void
job_hess(const void *state, const double *x, double *h)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(h, j->real->dim * j->real->dim);
	else
		j->real->type->hess(j->real->state, x, h);
}

static void
job_grad_batch(const void *state, const double *x, const size_t *idx,
    size_t m, double *g)
{
	const struct job *j = state;

	if (job_off(j))
		job_nan(g, j->real->dim);
	else
		j->real->type->grad_batch(j->real->state, x, idx, m, g);
}

static void
job_fg_batch(const void *state, size_t n, const double *const *x,
    double *f, double *const *g)
{
	const struct job *j = state;
	size_t k;

	if (!job_off(j)) {
		j->real->type->fg_batch(j->real->state, n, x, f, g);
		return;
	}
	job_nan(f, n);
	for (k = 0; k < j->real->dim; k++)
		job_nan(g[k], n);
}

static size_t
job_samples(const void *state)
{
	const struct job *j = state;

	return j->real->type->samples(j->real->state);
}

static size_t
job_filter_size(const void *state)
{
	const struct job *j = state;

	return j->real->type->filter_size(j->real->state);
}

/* The hook reads the real objective's state: hand it the real one. It
 * evaluates the real objective, which answers in full even once the job is
 * cancelled (twolayer's searches for its saddle, about 12 ms on
 * twolayer:k=4,m=8,n=1000, and a survey's first optimizer asks for it
 * through sd_objective_scale): a cancelled job is refused it. */
static int
job_default_chart(const sd_objective *obj, sd_chart *chart, char **cause)
{
	const struct job *j = obj->state;

	if (job_off(j))
		return sd_fail(cause, "cancelled");
	return j->real->type->default_chart(j->real, chart, cause);
}

/* Make j->obj a copy of real whose evaluations go through the job: the
 * same type table, parameters and spec, the hooks above in place of
 * real's (those it has). */
static void
job_forward(struct job *j, const sd_objective *real)
{
	const sd_objective_type *t = real->type;

	j->real = real;
	j->type = *t;
	j->type.state_size = 0;
	j->type.init = NULL;
	j->type.done = NULL;
	j->type.f = job_f;
	j->type.grad = job_grad;
	j->type.hess = job_hess;
	j->type.default_chart = t->default_chart ? job_default_chart : NULL;
	j->type.filter_size = t->filter_size ? job_filter_size : NULL;
	j->type.samples = t->samples ? job_samples : NULL;
	j->type.grad_batch = t->grad_batch ? job_grad_batch : NULL;
	j->type.fg_batch = t->fg_batch ? job_fg_batch : NULL;
	j->obj.type = &j->type;
	j->obj.dim = real->dim;
	memcpy(j->obj.params, real->params, sizeof j->obj.params);
	j->obj.state = j;
	j->obj.spec = real->spec;
	/* Its own memo: a scale measured once cancelled (through NaNs) must
	 * not reach the real objective. NULL when out of memory: measured
	 * at every call. */
	j->obj.memo = sd_scale_memo_new();
}

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

/* Seconds on the monotonic clock (a field job times its first pass). */
static double
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

/* The field: the first pass (coarse, or what panning could not reuse),
 * published for the frames to show, then refined row by row. */
static int
job_run_field(struct job *j)
{
	double t0 = job_now();
	size_t n = 0, m, left;

	if (sd_field_update_coarse(&j->field, &j->obj, &j->chart, &j->window,
	    j->cols, j->rows, j->coarse, &n, &j->cause) != 0)
		return -1;
	pthread_mutex_lock(&j->lock);
	if (n > 0)
		j->sample_s = (job_now() - t0) / (double)n;
	j->has_first = j->field.coarse > 1 &&
	    sd_field_copy(&j->first, &j->field, NULL) == 0;
	pthread_mutex_unlock(&j->lock);
	left = j->field.coarse > 1 ? j->rows : 0;
	while (left > 0 && !job_off(j)) {
		left = sd_field_refine(&j->field, &j->obj, &j->chart,
		    JOB_FIELD_ROWS, &m);
		job_progress_set(j, j->rows - left, j->rows);
	}
	return 0;
}

/* The survey, a few runs at a time so that its progress shows. */
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
	while ((done = sd_survey_done(sv)) < total) {
		if (job_off(j)) {
			rc = sd_fail(&j->cause, "cancelled");
			goto out;
		}
		job_progress_set(j, done, total);
		if (sd_survey_iterate(sv, JOB_SURVEY_RUNS, &j->cause) != 0)
			goto out;
	}
	if (sd_survey_finish(sv, &j->cause) != 0)
		goto out;
	rows = sd_survey_rows(sv, &k);
	j->n_rows = k < JOB_METHODS ? k : JOB_METHODS;
	memcpy(j->table, rows, j->n_rows * sizeof *rows);
	rc = 0;
out:
	sd_survey_free(sv);
	return rc;
}

/* The thread: the core's call, then done. */
static void *
job_main(void *arg)
{
	struct job *j = arg;

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

int
job_wait(job *j, double ms)
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
	while (!j->done && forever)
		pthread_cond_wait(&j->cond, &j->lock);
	while (!j->done && ms > 0 && pthread_cond_timedwait(&j->cond,
	    &j->lock, &until) != ETIMEDOUT)
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
	return 2;
}

int
job_take_survey(job *j, sd_survey_row *rows, size_t *n, char **cause)
{
	if (j->kind != JOB_SURVEY || j->rc != 0) {
		*cause = j->cause;
		j->cause = NULL;
		return -1;
	}
	memcpy(rows, j->table, j->n_rows * sizeof *rows);
	*n = j->n_rows;
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
	return left;
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
	sd_chart_done(&j->chart);
	sd_scale_memo_free(j->obj.memo);
	free(j->cause);
	free(j);
}
