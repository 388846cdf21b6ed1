/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tour_check.h: building a tour's stops headless, and `saddle tour
 * --check`: every stop's `expect` lines hold, and every count of points
 * (and every pair of eigenvalues) its text states is one an `expect`
 * line checks, so that a tour cannot drift from what the program
 * computes. */
#ifndef SADDLE_TOUR_CHECK_H
#define SADDLE_TOUR_CHECK_H

#include "tour.h"
#include "tui/theme.h"
#include "tui/view.h"

/* cmd_tour.c: the view of stop k, built as `saddle ARGS` would build it:
 * objective, options, --steps, --chart trajectory; th_out (NULL: not
 * wanted) gets the theme the options and the config file ask for.
 * Messages say "FILE:LINE" of the stop's args. Returns 0, or the exit
 * status after printing. */
int tour_view(const tour *t, size_t k, view *v, theme *th_out);

/* Check every stop; each failure is printed as "FILE:LINE: ...".
 * Returns 0, or CLI_EXIT_RUNTIME when one failed (CLI_EXIT_USAGE when a
 * stop could not be built). */
int tour_check(const tour *t);

#endif
