/* SPDX-License-Identifier: GPL-3.0-or-later */
/* field.h: f sampled on a regular grid over a window of a chart.
 *
 * The field is what the heatmap draws: cols × rows samples, sample (i, j)
 * at the centre of its cell, a = xmin + (i + ½)·dx and b = ymax − (j + ½)·dy
 * (row 0 at the top, as on a screen). Non-finite values are stored as NaN
 * and left out of the statistics. A field is reused when the window only
 * moves by whole samples (panning): the kept samples are shifted and only
 * the uncovered strip is evaluated.
 *
 * Samples are evaluated in parallel (OpenMP, one row at a time per
 * thread), a row's samples in one call of sd_slice_f: through the data's
 * projections on the chart when the objective has them (slice.h: within
 * 1e-12 of f at the lifted point), else f at the lifted point. Each
 * sample is computed the same way whatever the thread count and whatever
 * else its row evaluates, so the field is the same bit for bit with one
 * thread or many, coarse then refined or at once. The objective's f must be safe to call from several
 * threads at once: every objective's f reads its state and writes nothing
 * but its own locals.
 *
 * Coarse to fine: when a full field would take too long to answer a key,
 * sd_field_update_coarse evaluates only the centre of each s × s block and
 * gives the block its value (nearest neighbour); sd_field_refine then
 * evaluates the other samples a few rows at a time, between keys, until
 * the field is exactly what sd_field_update would have made. */
#ifndef SADDLE_FIELD_H
#define SADDLE_FIELD_H

#include <stddef.h>

#include "landscape/chart.h"
#include "landscape/slice.h"
#include "objectives/objective.h"

typedef struct sd_field {
	size_t		 cols, rows;	/* samples across and down */
	sd_window	 window;	/* the rectangle the samples cover */
	double		*f;		/* owned; rows × cols, row-major; NaN
					 * where f is not finite */
	size_t		 n_finite;	/* how many samples are finite */
	double		 fmin, fmax;	/* over finite samples (0 if none) */
	double		 fmedian;	/* median of the finite samples (of a
					 * regular subsample of 4096 or so
					 * on larger grids) */
	size_t		 cap;		/* entries allocated in f */
	void		*work;		/* owned; scratch for a row of
					 * work_cols samples and a point of
					 * dim for each of work_n threads */
	size_t		 work_n, work_cols;
	sd_slice	 slice;		/* owned; the data's projections on
					 * the last chart (slice.h) */
	size_t		 dim;
	int		 valid;		/* the samples match window and size */
	size_t		 coarse;	/* 1: every sample is exact; s > 1:
					 * only the centre of each s × s block
					 * is, the block holds its value */
	size_t		 refined;	/* rows of a coarse field made exact
					 * (those above this row) */
	size_t		 kept;		/* samples the last update took from
					 * the field before: a pan's (exact),
					 * a zoom's preview's (magnified) */
} sd_field;

/* An empty field for charts of dimension dim. Returns -1 with *cause on
 * allocation failure. */
int sd_field_init(sd_field *field, size_t dim, char **cause);

/* Release what the field owns. */
void sd_field_done(sd_field *field);

/* A copy of src into dst (not initialized: its previous contents are
 * not freed), samples and all, for work that goes on elsewhere (the
 * visualizer samples on a thread of its own). -1 with *cause when out
 * of memory (dst is then empty). */
int sd_field_copy(sd_field *dst, const sd_field *src, char **cause);

/* Forget the samples (the objective or chart changed): the next update
 * evaluates every sample. */
void sd_field_invalidate(sd_field *field);

/* Make the field cover window with cols × rows samples of obj through
 * chart, reusing the samples it already holds when the window moved by a
 * whole number of samples and kept its size. *evaluated (may be NULL) gets
 * the number of evaluations of f. Returns -1 with *cause on allocation
 * failure. */
int sd_field_update(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t *evaluated, char **cause);

/* Like sd_field_update, but when the samples cannot be reused evaluate
 * only the centre sample of each coarse × coarse block and fill the block
 * with it (field->coarse = coarse); a field that is already that coarse
 * over that window is kept. coarse ≤ 1 is sd_field_update. */
int sd_field_update_coarse(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t coarse, size_t *evaluated, char **cause);

/* Whether sd_field_update would keep field's samples for window at
 * cols × rows: the field is exact and the window moved by whole
 * samples. */
int sd_field_pans(const sd_field *field, const sd_window *window,
    size_t cols, size_t rows);

/* A first pass to show at once after the window moved. A pan
 * (sd_field_pans): the samples kept as sd_field_update keeps them, the
 * strips they leave uncovered by coarse × coarse blocks as
 * sd_field_update_coarse fills a whole field. A zoom (or any other move,
 * the field holding samples of this chart at cols × rows): each sample
 * within the old window takes the old sample it falls in (the old
 * landscape magnified or shrunk, nothing evaluated for a zoom in), the
 * others from a pass of 2·coarse × 2·coarse blocks over the window.
 * Either way field->coarse = coarse, so that it is not taken for exact
 * (refining it evaluates every row, after which it is what
 * sd_field_update makes), and field->kept counts the samples taken over.
 * Otherwise sd_field_update_coarse. */
int sd_field_update_preview(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, const sd_window *window, size_t cols,
    size_t rows, size_t coarse, size_t *evaluated, char **cause);

/* Make up to max_rows more rows of a coarse field exact, evaluating each
 * sample but the blocks' centres (exact already); after the last row the
 * field is exact (coarse = 1) and equal, sample for sample, to what
 * sd_field_update makes. *evaluated (may be NULL) gets the number of
 * evaluations. Returns the rows still coarse (0: exact). */
size_t sd_field_refine(sd_field *field, const sd_objective *obj,
    const sd_chart *chart, size_t max_rows, size_t *evaluated);

/* The sample in column i, row j (NaN when not finite). */
double sd_field_at(const sd_field *field, size_t i, size_t j);

/* The chart coordinates of sample (i, j). */
void sd_field_coords(const sd_field *field, size_t i, size_t j, double *a,
    double *b);

#endif
