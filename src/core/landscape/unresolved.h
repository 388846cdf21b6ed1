/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unresolved.h: why a region of the window was left unresolved by the
 * certified search (certify.h), and what was found on a continuum there.
 *
 * A region merges the boxes that touch, so it carries a set of reasons:
 * one bit per reason, SD_UNRESOLVED_BIT(k) for reason k of the table
 * (unresolved.c), each with a word (JSON, tests) and a phrase (stderr,
 * the TUI's legend). Every reason says why no proof was found; none is
 * a proof of anything. */
#ifndef SADDLE_UNRESOLVED_H
#define SADDLE_UNRESOLVED_H

#include <stddef.h>

typedef enum sd_unresolved_reason {
	SD_UNRESOLVED_BUDGET = 0,	/* the search stopped at its limit
					 * (boxes, time) before the box */
	SD_UNRESOLVED_CONTINUUM,	/* on a curve of stationary points:
					 * none is isolated, none classified */
	SD_UNRESOLVED_DEGENERATE,	/* a singular ∇²f defeats the interval
					 * Newton test, down to the least box */
	SD_UNRESOLVED_NOT_SMOOTH,	/* f not C² on the least box: a kink,
					 * sqrt at 0, a domain's edge */
	SD_UNRESOLVED_NOT_FINITE,	/* an enclosure or the value at a point
					 * not finite: a pole, an overflow */
	SD_UNRESOLVED_ROUNDING,		/* a side a few doubles wide: no
					 * double left to split it at */
	SD_UNRESOLVED_NO_INTERVAL,	/* no interval form: the search did
					 * not run (the whole window) */
	SD_UNRESOLVED_NO_SCALE,		/* ∇f zero or undefined at every
					 * sample: the search did not run */
	SD_UNRESOLVED_COUNT
} sd_unresolved_reason;

#define SD_UNRESOLVED_BIT(k)	(1u << (k))
#define SD_UNRESOLVED_THROUGH	3	/* points shown on a continuum */

/* Why one region is unresolved, and, on a continuum, up to
 * SD_UNRESOLVED_THROUGH stationary points found on it (chart
 * coordinates), spread along it. */
typedef struct sd_unresolved_why {
	unsigned	why;		/* SD_UNRESOLVED_BIT()s */
	size_t		n_through;
	double		through[SD_UNRESOLVED_THROUGH][2];
} sd_unresolved_why;

/* Reason k's word ("budget", "continuum", ...) and phrase ("budget
 * cut", "a continuum", ...); NULL past the table. */
const char *sd_unresolved_name(int k);
const char *sd_unresolved_phrase(int k);

/* The reasons in why, each as name gives it (sd_unresolved_name or
 * _phrase), ", "-separated, into buf (size bytes, cut short if need
 * be); returns buf. */
char *sd_unresolved_join(unsigned why, const char *(*name)(int),
    char *buf, size_t size);

#endif
