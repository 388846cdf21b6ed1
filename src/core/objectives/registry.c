/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objective_registry.c: every objective saddle knows, in `list` order.
 * Adding an objective: define its sd_objective_type in its own file (or
 * its family's file), declare it here, and add one line to the table. */
#include "config.h"

#include <stddef.h>

#include "objectives/objective.h"

extern const sd_objective_type sd_objective_himmelblau;
extern const sd_objective_type sd_objective_rosenbrock;
extern const sd_objective_type sd_objective_camel6;
extern const sd_objective_type sd_objective_beale;
extern const sd_objective_type sd_objective_rastrigin;
extern const sd_objective_type sd_objective_doublewell;
extern const sd_objective_type sd_objective_quadwell;
extern const sd_objective_type sd_objective_saddle;
extern const sd_objective_type sd_objective_monkey;
extern const sd_objective_type sd_objective_cubic;
extern const sd_objective_type sd_objective_linnet;
extern const sd_objective_type sd_objective_glm;
extern const sd_objective_type sd_objective_glm_pop;
extern const sd_objective_type sd_objective_pca;
extern const sd_objective_type sd_objective_matcomp;
extern const sd_objective_type sd_objective_tensor;
extern const sd_objective_type sd_objective_linnet3;
extern const sd_objective_type sd_objective_twolayer;

const sd_objective_type *const sd_objective_types[] = {
	&sd_objective_himmelblau,
	&sd_objective_rosenbrock,
	&sd_objective_camel6,
	&sd_objective_beale,
	&sd_objective_rastrigin,
	&sd_objective_doublewell,
	&sd_objective_quadwell,
	&sd_objective_saddle,
	&sd_objective_monkey,
	&sd_objective_cubic,
	&sd_objective_linnet,
	&sd_objective_glm,
	&sd_objective_glm_pop,
	&sd_objective_pca,
	&sd_objective_matcomp,
	&sd_objective_tensor,
	&sd_objective_linnet3,
	&sd_objective_twolayer,
	NULL
};
