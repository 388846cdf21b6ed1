/* field.h: f sampled on a regular grid over a window of a chart.
 *
 * The field is what the heatmap draws: cols × rows samples, sample (i, j)
 * at the centre of its cell, a = xmin + (i + ½)·dx and b = ymax − (j + ½)·dy
 * (row 0 at the top, as on a screen). Non-finite values are stored as NaN
 * and left out of the statistics. A field is reused when the window only
 * moves by whole samples (panning): the kept samples are shifted and only
 * the uncovered strip is evaluated. */
#ifndef SADDLE_FIELD_H
#define SADDLE_FIELD_H

#include <stddef.h>

#include "chart.h"
#include "objective.h"

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
	double		*work;		/* owned; scratch of the chart's dim */
	size_t		 dim;
	int		 valid;		/* the samples match window and size */
} sd_field;

/* An empty field for charts of dimension dim. Returns -1 with *cause on
 * allocation failure. */
int sd_field_init(sd_field *field, size_t dim, char **cause);

/* Release what the field owns. */
void sd_field_done(sd_field *field);

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

/* The sample in column i, row j (NaN when not finite). */
double sd_field_at(const sd_field *field, size_t i, size_t j);

/* The chart coordinates of sample (i, j). */
void sd_field_coords(const sd_field *field, size_t i, size_t j, double *a,
    double *b);

#endif
