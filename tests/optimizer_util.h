/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optimizer_util.h: what the optimizer's test programs share: an
 * objective or an optimizer that must build, and a step that must
 * succeed. Include after <cmocka.h>. */
#ifndef SADDLE_OPTIMIZER_UTIL_H
#define SADDLE_OPTIMIZER_UTIL_H

#include "objectives/objective.h"
#include "optimizers/optimizer.h"

/* Build an objective or fail the test. */
sd_objective *objective(const char *spec);

/* An optimizer of the named type with parameters set, started at x0. */
sd_optimizer *optimizer(const char *name, const sd_objective *obj,
    const char *set, const double *x0, unsigned long seed);

/* Take one step that must succeed. */
void step_ok(sd_optimizer *opt);

#endif
