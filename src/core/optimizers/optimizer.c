/* SPDX-License-Identifier: GPL-3.0-or-later */
/* optimizer.c: the generic half of the engine (see optimizer.h): building
 * an optimizer, (re)starting it, and accepting the point each method
 * proposes. The methods themselves live in opt_*.c. */
#include "config.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>

#include "base/error.h"
#include "optimizers/optimizer.h"
#include "optimizers/optimizer_impl.h"

/* The names of step statuses, indexed by sd_step_status. */
static const char *const step_status_names[] = {
	[SD_STEP_OK] = "ok",
	[SD_STEP_DIVERGED] = "diverged",
	[SD_STEP_SINGULAR] = "singular",
	[SD_STEP_STUCK] = "stuck",
};

const char *
sd_step_status_name(sd_step_status status)
{
	if ((size_t)status >= sizeof step_status_names /
	    sizeof step_status_names[0])
		return "?";
	return step_status_names[status];
}

const sd_optimizer_type *
sd_optimizer_lookup(const char *name)
{
	size_t i;

	for (i = 0; sd_optimizer_types[i] != NULL; i++) {
		if (strcmp(sd_optimizer_types[i]->name, name) == 0)
			return sd_optimizer_types[i];
	}
	return NULL;
}

/* The known optimizer names as "a, b, c", malloc'd. */
static char *
optimizer_name_list(void)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; sd_optimizer_types[i] != NULL; i++)
		len += strlen(sd_optimizer_types[i]->name) + 2;
	if ((s = malloc(len)) == NULL)
		return NULL;
	*s = '\0';
	for (i = 0; sd_optimizer_types[i] != NULL; i++) {
		if (i > 0)
			strcat(s, ", ");
		strcat(s, sd_optimizer_types[i]->name);
	}
	return s;
}

const sd_optimizer_type *
sd_optimizer_find(const char *name, char **cause)
{
	const sd_optimizer_type *type;
	char *names;

	if (name != NULL && (type = sd_optimizer_lookup(name)) != NULL)
		return type;
	names = optimizer_name_list();
	sd_fail(cause, "unknown optimizer '%s': expected one of %s",
	    name ? name : "", names ? names : "?");
	free(names);
	return NULL;
}

sd_optimizer *
sd_optimizer_new(const sd_optimizer_type *type, const sd_objective *obj,
    char **cause)
{
	sd_scale scale;

	if (sd_objective_scale(obj, &scale, cause) != 0)
		return NULL;
	return sd_optimizer_new_scaled(type, obj, &scale, cause);
}

sd_optimizer *
sd_optimizer_new_scaled(const sd_optimizer_type *type,
    const sd_objective *obj, const sd_scale *scale, char **cause)
{
	sd_optimizer *opt;
	size_t d = obj->dim;

	if ((opt = calloc(1, sizeof *opt)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	opt->type = type;
	opt->objective = obj;
	opt->dim = d;
	opt->scale = *scale;
	sd_optimizer_default_params(type, &opt->scale, opt->params);
	/* One block, four arrays; x, g, trial and gtrial swap pairwise. */
	if ((opt->x = calloc(4 * d, sizeof *opt->x)) != NULL) {
		opt->g = opt->x + d;
		opt->trial = opt->x + 2 * d;
		opt->gtrial = opt->x + 3 * d;
	}
	opt->rng = gsl_rng_alloc(gsl_rng_mt19937);
	if (type->state_size > 0)
		opt->state = calloc(1, type->state_size);
	if (opt->x == NULL || opt->rng == NULL ||
	    (type->state_size > 0 && opt->state == NULL))
		goto fail;
	if (type->alloc != NULL && type->alloc(opt->state, d) != 0)
		goto fail;
	return opt;

fail:
	free(opt->state);
	opt->state = NULL;
	sd_optimizer_free(opt);
	sd_fail(cause, "out of memory");
	return NULL;
}

int
sd_optimizer_set_params(sd_optimizer *opt, const char *text, char **cause)
{
	return sd_params_parse(opt->type->params, opt->type->name, text,
	    opt->params, cause);
}

int
sd_optimizer_set(sd_optimizer *opt, const double *x0, unsigned long seed,
    char **cause)
{
	const sd_objective *obj = opt->objective;

	memmove(opt->x, x0, opt->dim * sizeof *opt->x);
	if (!sd_all_finite(opt->x, opt->dim) ||
	    sd_objective_retract(obj, opt->x) != 0)
		return sd_fail(cause, "the start is not a point of %s",
		    obj->type->manifold == SD_SPHERE ? "the sphere" : "R^d");
	opt->f = sd_objective_f(obj, opt->x);
	sd_objective_rgradient(obj, opt->x, opt->g);
	opt->grad_norm = sd_norm(opt->g, opt->dim);
	if (!isfinite(opt->f) || !sd_all_finite(opt->g, opt->dim) ||
	    !isfinite(opt->grad_norm))
		return sd_fail(cause, "f or its gradient is not finite at "
		    "the start");
	opt->seed = seed;
	gsl_rng_set(opt->rng, seed);
	opt->iter = 0;
	if (opt->type->set != NULL)
		return opt->type->set(opt->state, opt) == 0 ? 0 :
		    sd_fail(cause, "%s cannot start here", opt->type->name);
	return 0;
}

sd_optimizer *
sd_optimizer_copy(const sd_optimizer *src, char **cause)
{
	const sd_optimizer_type *type = src->type;
	sd_optimizer *opt;
	double *from = src->x < src->trial ? src->x : src->trial, *to;

	if (type->state_size > 0 && type->copy == NULL) {
		sd_fail(cause, "%s cannot be copied", type->name);
		return NULL;
	}
	if ((opt = sd_optimizer_new_scaled(type, src->objective, &src->scale,
	    cause)) == NULL)
		return NULL;
	if (gsl_rng_memcpy(opt->rng, src->rng) != GSL_SUCCESS ||
	    (type->copy != NULL && type->copy(opt->state, src->state) != 0)) {
		sd_optimizer_free(opt);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	memcpy(opt->params, src->params, sizeof opt->params);
	opt->seed = src->seed;
	opt->iter = src->iter;
	opt->f = src->f;
	opt->grad_norm = src->grad_norm;
	/* The four arrays in the same places of the block as in src's,
	 * which the pairwise swaps may have exchanged. */
	to = opt->x;
	memcpy(to, from, 4 * src->dim * sizeof *to);
	opt->x = to + (src->x - from);
	opt->g = to + (src->g - from);
	opt->trial = to + (src->trial - from);
	opt->gtrial = to + (src->gtrial - from);
	return opt;
}

sd_step_status
sd_optimizer_iterate(sd_optimizer *opt)
{
	sd_step_status status;

	status = opt->type->iterate(opt->state, opt);
	if (status != SD_STEP_OK)
		return status;
	return sd_optimizer_accept(opt);
}

sd_step_status
sd_optimizer_advance(sd_optimizer *opt, size_t n, const sd_advance *how)
{
	if (opt->type->advance != NULL)
		return opt->type->advance(opt, n, how);
	return sd_advance_loop(opt, n, how, opt->type->iterate);
}

int
sd_optimizer_step_sizes(const sd_optimizer *opt, double *eta)
{
	if (opt->type->step_sizes == NULL)
		return -1;
	opt->type->step_sizes(opt->state, opt, eta);
	return 0;
}

double
sd_optimizer_grad_norm(const sd_optimizer *opt)
{
	return opt->grad_norm;
}

int
sd_optimizer_test_gradient(const sd_optimizer *opt, double tol)
{
	return sd_optimizer_grad_norm(opt) < tol;
}

void
sd_optimizer_free(sd_optimizer *opt)
{
	if (opt == NULL)
		return;
	if (opt->state != NULL && opt->type->free != NULL)
		opt->type->free(opt->state);
	free(opt->state);
	if (opt->rng != NULL)
		gsl_rng_free(opt->rng);
	/* The block starts at x or at trial, whichever is lower now. */
	if (opt->x != NULL)
		free(opt->x < opt->trial ? opt->x : opt->trial);
	free(opt);
}

void
sd_optimizer_tangent(const sd_optimizer *opt, const double *x, double *v)
{
	if (opt->objective->type->manifold == SD_SPHERE)
		sd_axpy(-sd_dot(x, v, opt->dim), x, v, opt->dim);
}
