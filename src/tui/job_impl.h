/* SPDX-License-Identifier: GPL-3.0-or-later */
/* job_impl.h: what job.c and job_forward.c share: the job itself and
 * the forwarding objective through which a job evaluates the one it
 * borrows (see job.h). */
#ifndef SADDLE_JOB_IMPL_H
#define SADDLE_JOB_IMPL_H

#include <pthread.h>
#include <stdatomic.h>

#include "job.h"

typedef enum job_kind {
	JOB_POINTS = 0,
	JOB_MAP,
	JOB_SCALE,
	JOB_FIELD,
	JOB_SURVEY,
	JOB_TASK
} job_kind;

/* Rows a field job refines between two looks at its progress: enough to
 * give each of OpenMP's threads a tile of 8 rows (field.c), whose rows
 * share their exps on glm. */
#define JOB_FIELD_ROWS	16

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
	double			*ends;		/* survey: where each run
						 * ended, (a, b) per run in
						 * the survey's order; NULL
						 * above JOB_ENDS_MAX runs */
	size_t			 n_rows;

	job_task_fn		 task;		/* task */
	void			*task_arg;
	void			(*task_free)(void *);

	atomic_uint		 permille;	/* progress */
	int			 rc;		/* of the core's call */
	char			*cause;
	struct job		*next;		/* on the dropped list */
};

/* Whether the job behind a forwarding objective's state was cancelled. */
int job_off(const struct job *j);

/* Make j->obj a copy of real whose evaluations go through the job. */
void job_forward(struct job *j, const sd_objective *real);

#endif
