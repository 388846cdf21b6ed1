/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optimizer_registry.c: every optimizer saddle knows, in `list` order.
 * Adding a method: write its sd_optimizer_type in its own opt_NAME.c,
 * declare it here, and add one line to the table. */
#include "config.h"

#include <stddef.h>

#include "optimizers/optimizer.h"

extern const sd_optimizer_type sd_optimizer_gd;
extern const sd_optimizer_type sd_optimizer_momentum;
extern const sd_optimizer_type sd_optimizer_nesterov;
extern const sd_optimizer_type sd_optimizer_adagrad;
extern const sd_optimizer_type sd_optimizer_rmsprop;
extern const sd_optimizer_type sd_optimizer_adam;
extern const sd_optimizer_type sd_optimizer_newton;
extern const sd_optimizer_type sd_optimizer_cubic;
extern const sd_optimizer_type sd_optimizer_pgd;
extern const sd_optimizer_type sd_optimizer_sgd;
extern const sd_optimizer_type sd_optimizer_bfgs;

const sd_optimizer_type *const sd_optimizer_types[] = {
	&sd_optimizer_gd,
	&sd_optimizer_momentum,
	&sd_optimizer_nesterov,
	&sd_optimizer_adagrad,
	&sd_optimizer_rmsprop,
	&sd_optimizer_adam,
	&sd_optimizer_newton,
	&sd_optimizer_cubic,
	&sd_optimizer_pgd,
	&sd_optimizer_sgd,
	&sd_optimizer_bfgs,
	NULL
};
