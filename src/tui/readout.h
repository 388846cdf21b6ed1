/* SPDX-License-Identifier: GPL-3.0-or-later */
/* readout.h: what the panel shows about the point under the cursor — f,
 * ‖∇f‖, the extreme eigenvalues of the Hessian and the local shape they
 * give — computed by the model (view_refresh_cursor) when the cursor, the
 * objective or the chart changes, so that the painter (draw_panel.c) only
 * reads numbers, as tmux's screen-write only writes cells.
 *
 * The eigenvalues are the ones sd_finder_classify reports at that point:
 * the core's decomposition (spectrum.h), on a sphere of the tangent
 * space. The finder's degenerate test, which samples f on circles and
 * which the panel does not show, is left out: on glm:d=20,n=1000 it took
 * 0.11 s. */
#ifndef SADDLE_READOUT_H
#define SADDLE_READOUT_H

#include <stddef.h>

#include "landscape/chart.h"
#include "objectives/objective.h"

/* The local shape, from the signs of the eigenvalues. */
typedef enum readout_shape {
	READOUT_CONVEX = 0,	/* every eigenvalue positive */
	READOUT_CONCAVE,	/* every one negative */
	READOUT_SADDLE,		/* some of each */
	READOUT_FLAT		/* some within 1e-9·max|λ| of 0, no saddle */
} readout_shape;

typedef struct readout {
	int		 valid;		/* computed, for (a, b) */
	double		 a, b;		/* the chart point */
	double		 f;
	double		 grad_norm;	/* ‖∇f‖ (Riemannian on a sphere) */
	int		 has_eigen;	/* f, ∇f and ∇²f are finite there,
					 * and what follows is set */
	size_t		 n_eigen;	/* d, or d − 1 on a sphere */
	double		 lambda_min, lambda_max;
	readout_shape	 shape;
} readout;

/* Read obj at the chart point (a, b) into *pr. Returns -1 when out of
 * memory (*pr is then not valid). */
int readout_update(readout *pr, const sd_objective *obj,
    const sd_chart *chart, double a, double b);

/* Mark *pr out of date (the objective or the chart changed). */
void readout_invalidate(readout *pr);

#endif
