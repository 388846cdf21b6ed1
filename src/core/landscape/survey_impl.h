/* SPDX-License-Identifier: GPL-3.0-or-later */
/* survey_impl.h: what survey.c shares with survey_block.c, which runs a
 * block of a survey's runs (batched when the method has a batch rule).
 * Not for front ends: they use survey.h. */
#ifndef SADDLE_SURVEY_IMPL_H
#define SADDLE_SURVEY_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "landscape/survey.h"
#include "optimizers/batch.h"
#include "optimizers/monitor.h"

/* Runs a thread takes at a time inside a chunk: one batch. */
#define SD_SURVEY_BLOCK		SD_BATCH_RUNS

/* How a run stopped, before the ends are sorted into outcomes. */
enum survey_stop {
	STOP_POINT = 0,		/* converged at point */
	STOP_PENDING,		/* converged away from the known points:
				 * classified after the batch */
	STOP_DIVERGED,		/* a non-finite value */
	STOP_STEPS,		/* not converged */
	STOP_INVALID		/* f or ∇f not finite at the start */
};

/* One run's end: 16 bytes, so that 10⁷ starts fit. */
struct survey_record {
	int32_t		 point;		/* sd_survey_point index, or -1 */
	uint32_t	 steps;
	uint32_t	 near;		/* steps inside saddle neighbourhoods */
	uint8_t		 stop;		/* enum survey_stop */
	uint8_t		 outcome;	/* sd_outcome, after finish */
};

/* What one thread owns: an optimizer per method, a monitor, a start;
 * for the methods with a batch rule, a batch and one monitor, one count
 * of steps near saddles, one mask bit and one status per run of a
 * block. */
struct survey_thread {
	sd_optimizer	*opt[SD_SURVEY_METHODS_MAX];
	sd_monitor	 mon;
	int		 have_mon;
	double		*x0;
	sd_batch	*batch[SD_SURVEY_METHODS_MAX];	/* or NULL */
	sd_monitor	*mons;		/* SD_SURVEY_BLOCK, sharing radius */
	size_t		*near;
	unsigned char	*active;
	sd_step_status	*status;
};

struct sd_survey {
	const sd_objective	*obj;		/* borrowed */
	const sd_chart		*chart;		/* borrowed */
	sd_window		 window;
	sd_survey_options	 opts;
	sd_point_list		 known;		/* the finder's points */
	sd_point_list		 found;		/* classified at ends */
	size_t			 n_methods;
	const sd_optimizer_type	*types[SD_SURVEY_METHODS_MAX];
	double			 params[SD_SURVEY_METHODS_MAX][SD_PARAMS_MAX];
	int			 given[SD_SURVEY_METHODS_MAX];
	struct survey_thread	*threads;	/* n_threads, or NULL */
	int			 n_threads;
	struct survey_record	*rec;		/* methods × starts */
	double			*pending;	/* SURVEY_CHUNK × dim */
	size_t			 done;
	int			 finished;
	int			 keep_ends;	/* sd_survey_keep_ends */
	double			*ends;		/* per run: dim + 1, x then f */
	double			 fstar;
	int			 fstar_known;	/* the objective's fmin */
	double			 ftol;
	sd_survey_row		 rows[SD_SURVEY_METHODS_MAX];
};

/* The steps that the events ev[0..n−1] say were spent near a saddle. */
size_t sd_survey_escapes(const sd_event *ev, size_t n);

/* Keep run r's last iterate x and f there when the survey keeps them. */
void sd_survey_keep(sd_survey *s, size_t r, const double *x, double f);

/* Where a converged run is: the known point whose neighbourhood holds x,
 * or pending (x kept in slot for classification after the chunk). */
void sd_survey_arrive(sd_survey *s, const struct survey_thread *t,
    const double *x, size_t slot, struct survey_record *rec);

/* Run r (method r / N from start r mod N) to its end, into its record;
 * slot is its place in the chunk. No allocation happens here. */
void sd_survey_run(sd_survey *s, struct survey_thread *t, size_t r,
    size_t slot);

/* Build (release) a thread's batches and per-run block state. */
int sd_survey_block_init(sd_survey *s, struct survey_thread *t,
    char **cause);
void sd_survey_block_done(struct survey_thread *t, size_t n_methods);

/* Runs [r0, min(r0 + SD_SURVEY_BLOCK, to)) of the chunk that starts at
 * from, each as sd_survey_run would run it alone. */
void sd_survey_block(sd_survey *s, struct survey_thread *t, size_t from,
    size_t r0, size_t to);

#endif
