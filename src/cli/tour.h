/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tour.h: a tour of the chapter, read from a file of stops (`saddle
 * tour`).
 *
 * A tour file is lines of one directive each; '#' starts a comment line
 * and blank lines are ignored:
 *
 *   stop TITLE            a new stop, named TITLE
 *   args WORD...          the visualizer's options and objective for it,
 *                         as on the command line ('…' keeps blanks)
 *   do :COMMAND           a ':' command run once the stop is built
 *   text LINE             a line of what the stop says (a lone `text`:
 *                         an empty line)
 *   expect KIND N         the finder finds N points of KIND in the stop's
 *                         window: points, minima, maxima, saddles,
 *                         degenerate
 *   expect eigenvalues KIND:K A,B
 *                         the K-th (from 1) point of KIND (min, max,
 *                         saddle, …) has these eigenvalues (±1e-6)
 *   expect ends METHOD min|saddle|max
 *                         the stop's racer of METHOD, after
 *                         TOUR_ENDS_STEPS steps, is at a point of that
 *                         kind (within 5 % of the window's shorter side)
 *
 * The stops are data, so a teacher can write a tour of their own; every
 * number of points a text states must have an `expect` line that says
 * the same, checked by `saddle tour --check` (tour_check.c). */
#ifndef SADDLE_TOUR_H
#define SADDLE_TOUR_H

#include <stddef.h>

#include "landscape/finder.h"

/* The most of each per stop. */
#define TOUR_WORDS	32
#define TOUR_DOS	8
#define TOUR_EXPECTS	8
#define TOUR_TEXT	2048
#define TOUR_TEXTS	24	/* lines of text */

/* What `expect` counts: a kind of point, or all of them. */
typedef enum tour_count {
	TOUR_POINTS = 0,
	TOUR_MINIMA,
	TOUR_MAXIMA,
	TOUR_SADDLES,
	TOUR_DEGENERATE,
	TOUR_EIGENVALUES,	/* not a count: the eigenvalues of a point */
	TOUR_ENDS		/* nor this: where a racer ends */
} tour_count;

/* The steps `expect ends` runs the racers for. */
#define TOUR_ENDS_STEPS	2000

/* Where `expect ends` says a racer ends. */
typedef enum tour_end {
	TOUR_END_MIN = 0,
	TOUR_END_SADDLE,
	TOUR_END_MAX
} tour_end;

typedef struct tour_expect {
	tour_count	 what;
	int		 line;
	size_t		 n;		/* the count */
	sd_point_kind	 kind;		/* TOUR_EIGENVALUES: the point's kind */
	size_t		 index;		/* and its place among them, from 0 */
	double		 lambda[2];	/* and its eigenvalues, ascending */
	char		 method[24];	/* TOUR_ENDS: the racer's method */
	tour_end	 end;		/* and where it ends */
} tour_expect;

typedef struct tour_stop {
	char		*title;
	int		 line;		/* of its `stop` */
	int		 args_line;
	int		 argc;		/* argv[0] is "saddle" */
	char		*argv[TOUR_WORDS + 2];
	int		 n_dos;
	char		*dos[TOUR_DOS];	/* without the ':' */
	int		 do_line[TOUR_DOS];
	char		 text[TOUR_TEXT];	/* lines joined by '\n' */
	int		 text_line;	/* of its first `text` */
	int		 n_text;	/* its `text` lines */
	int		 text_at[TOUR_TEXTS];	/* and where each is */
	int		 n_expects;
	tour_expect	 expects[TOUR_EXPECTS];
} tour_stop;

typedef struct tour {
	char		*path;
	size_t		 n;
	tour_stop	*stops;
} tour;

/* The tour the program ships ($SADDLE_DATADIR/tours/chapter.tour, else
 * the installed one), into buf; returns buf. */
const char *tour_default_path(char *buf, size_t len);

/* Read the tour in path. Errors are "PATH:LINE: what is wrong: what
 * would be accepted". Returns 0, or -1 with *cause. */
int tour_load(tour *t, const char *path, char **cause);

/* Release what t holds. */
void tour_free(tour *t);

/* "minima", ..., the word `expect` takes for what. */
const char *tour_count_name(tour_count what);

/* "min", "saddle" or "max". */
const char *tour_end_name(tour_end end);

#endif
