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

/* How much lower than the keys' thread a job runs (nice; Linux gives
 * each thread its own). The field and the frames, which a key waits for,
 * get the two cores first; the job takes what they leave. */
#define JOB_NICE 10

/* The forwarding objective passes every hook of the real one on, with
 * its own state: a hook added to sd_objective_type must be added here
 * too, or it would be handed the job instead of the objective's state. */
_Static_assert(offsetof(sd_objective_type, grad_batch) +
    sizeof(void (*)(void)) == sizeof(sd_objective_type),
    "job.c forwards every hook of sd_objective_type: add the new one");

typedef enum job_kind {
	JOB_POINTS = 0,
	JOB_MAP
} job_kind;

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
 * twolayer:k=4,m=8,n=1000, and every optimizer a survey makes asks for
 * it through sd_optimizer_scale): a cancelled job is refused it. */
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
	j->obj.type = &j->type;
	j->obj.dim = real->dim;
	memcpy(j->obj.params, real->params, sizeof j->obj.params);
	j->obj.state = j;
	j->obj.spec = real->spec;
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

/* The thread: the core's call, then done. */
static void *
job_main(void *arg)
{
	struct job *j = arg;

	job_lower();
	if (j->kind == JOB_POINTS)
		j->rc = sd_finder_run(&j->obj, &j->chart, &j->window,
		    j->has_fo ? &j->fo : NULL, &j->points, &j->cause);
	else
		j->rc = sd_map_compute(&j->map, &j->obj, &j->chart, &j->window,
		    j->cols, j->rows, &j->mo, &j->cause);
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
	if (sd_chart_copy(&j->chart, chart, cause) != 0) {
		free(j);
		return NULL;
	}
	j->window = *window;
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
		if (job_wait(j, wait ? -1 : 0)) {
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
	/* The map's survey borrows the chart: the map goes first. */
	if (j->kind == JOB_MAP && j->rc == 0)
		sd_map_done(&j->map);
	sd_chart_done(&j->chart);
	free(j->cause);
	free(j);
}
