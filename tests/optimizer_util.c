/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optimizer_util.c: helpers of the optimizer's test programs (see
 * optimizer_util.h). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "optimizer_util.h"

/* Build an objective or fail the test. */
sd_objective *
objective(const char *spec)
{
	char *cause = NULL;
	sd_objective *obj = sd_objective_new(spec, &cause);

	if (obj == NULL)
		fail_msg("%s: %s", spec, cause);
	return obj;
}

/* An optimizer of the named type with parameters set, started at x0. */
sd_optimizer *
optimizer(const char *name, const sd_objective *obj, const char *set,
    const double *x0, unsigned long seed)
{
	const sd_optimizer_type *type = sd_optimizer_lookup(name);
	char *cause = NULL;
	sd_optimizer *opt;

	assert_non_null(type);
	opt = sd_optimizer_new(type, obj, &cause);
	if (opt == NULL)
		fail_msg("%s: %s", name, cause);
	if (set != NULL && sd_optimizer_set_params(opt, set, &cause) != 0)
		fail_msg("%s --set %s: %s", name, set, cause);
	if (sd_optimizer_set(opt, x0, seed, &cause) != 0)
		fail_msg("%s set: %s", name, cause);
	return opt;
}

/* Take one step that must succeed. */
void
step_ok(sd_optimizer *opt)
{
	sd_step_status st = sd_optimizer_iterate(opt);

	if (st != SD_STEP_OK)
		fail_msg("%s: step %zu: %s", opt->type->name, opt->iter + 1,
		    sd_step_status_name(st));
}
