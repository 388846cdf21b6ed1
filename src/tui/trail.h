/* SPDX-License-Identifier: GPL-3.0-or-later */
/* trail.h: what the frames keep of a racer's path from one frame to the
 * next, so that a frame costs the same after 100 steps and after 100,000
 * (issue 13; HACKING.md: no key waits for work).
 *
 * Three things, each extended by the steps taken since the last frame and
 * made again only when what it depends on changes:
 *
 *   the iterates projected on the chart (again on a new chart);
 *   the path's braille dots in the plot (again on a new window, plot size,
 *	colour or dash pattern), drawn as draw_paths always drew them: the
 *	same dots, the same dash phase;
 *   f's least and greatest value by blocks of TRAIL_BLOCK iterates, which
 *	the loss curve reads a dot column at a time.
 *
 * A new run of the racer (racer_start_x) starts them all again. Making
 * the dots again stops at a deadline and goes on at the next frame: on a
 * new chart of a large objective, projecting 100,000 iterates takes longer
 * than a frame; meanwhile the frame shows the path drawn so far. */
#ifndef SADDLE_TRAIL_H
#define SADDLE_TRAIL_H

#include <stddef.h>
#include <stdint.h>

#include "dots.h"
#include "landscape/chart.h"

#define TRAIL_BLOCK	64

struct racer;
typedef struct trail trail;

/* An empty trail; NULL when out of memory. */
trail *trail_new(void);

/* Free a trail; NULL is fine. */
void trail_free(trail *t);

/* Forget everything: the racer starts a new run. */
void trail_forget(trail *t);

/* Bring t's dots up to date with r's path, projected by chart into a plot
 * of w × h cells that shows window, in color and dash (dots.h), until
 * deadline (job_now's clock; 0: none). Returns 1 when the whole path is
 * drawn, 0 when some is left for the next call (or out of memory: the
 * frame shows what there is). */
int trail_draw(trail *t, const struct racer *r, const sd_chart *chart,
    const sd_window *window, int w, int h, uint32_t color, uint16_t dash,
    double deadline);

/* The dots trail_draw made. */
const dots *trail_dots(const trail *t);

/* f's least (*lo) and greatest (*hi) over iterates [i0, i1) of r's run,
 * without NaN; *nan says whether one was among them (lo = +∞ and
 * hi = −∞ when all were). Costs O((i1 − i0) / TRAIL_BLOCK + TRAIL_BLOCK)
 * once the blocks are summed (the first call after new steps sums
 * theirs). */
void trail_f_range(trail *t, const struct racer *r, size_t i0, size_t i1,
    double *lo, double *hi, int *nan);

#endif
