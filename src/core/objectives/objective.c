/* SPDX-License-Identifier: GPL-3.0-or-later */
/* objective.c: building objectives from text, and the manifold-aware
 * gradient, Hessian and retraction (see objective.h). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/vec.h"
#include "objectives/objective.h"

/* The known objective names as "a, b, c", malloc'd. */
static char *
objective_name_list(void)
{
	size_t i, len = 1;
	char *s;

	for (i = 0; sd_objective_types[i] != NULL; i++)
		len += strlen(sd_objective_types[i]->name) + 2;
	if ((s = malloc(len)) == NULL)
		return NULL;
	*s = '\0';
	for (i = 0; sd_objective_types[i] != NULL; i++) {
		if (i > 0)
			strcat(s, ", ");
		strcat(s, sd_objective_types[i]->name);
	}
	return s;
}

const sd_objective_type *
sd_objective_lookup(const char *name)
{
	size_t i;

	for (i = 0; sd_objective_types[i] != NULL; i++) {
		if (strcmp(sd_objective_types[i]->name, name) == 0)
			return sd_objective_types[i];
	}
	return NULL;
}

/* The canonical spec: the name, then every parameter that differs from
 * its default, in table order. */
static char *
objective_spec(const sd_objective *obj)
{
	const sd_param *p = obj->type->params;
	size_t i, n = sd_params_count(p);
	char *s = sd_printf("%s", obj->type->name), *t;
	int first = 1;

	for (i = 0; i < n && s != NULL; i++) {
		if (obj->params[i] == p[i].def)
			continue;
		t = sd_printf("%s%c%s=%.17g", s, first ? ':' : ',', p[i].key,
		    obj->params[i]);
		free(s);
		s = t;
		first = 0;
	}
	return s;
}

sd_objective *
sd_objective_new_type(const sd_objective_type *type, const char *params,
    char **cause)
{
	sd_objective *obj;

	if ((obj = calloc(1, sizeof *obj)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	obj->type = type;
	obj->dim = type->dim;
	sd_params_defaults(type->params, obj->params);
	if (sd_params_parse(type->params, type->name, params, obj->params,
	    cause) != 0)
		goto fail;
	if ((obj->memo = sd_scale_memo_new()) == NULL) {
		sd_fail(cause, "out of memory");
		goto fail;
	}
	if (type->state_size > 0 &&
	    (obj->state = calloc(1, type->state_size)) == NULL) {
		sd_fail(cause, "out of memory");
		goto fail;
	}
	if (type->init != NULL &&
	    type->init(obj->state, obj->params, &obj->dim, cause) != 0) {
		free(obj->state);
		obj->state = NULL;
		goto fail;
	}
	if (obj->dim == 0 || (obj->spec = objective_spec(obj)) == NULL) {
		if (obj->dim != 0)
			sd_fail(cause, "out of memory");
		else
			sd_fail(cause, "%s: dimension is zero", type->name);
		sd_objective_free(obj);
		return NULL;
	}
	return obj;

fail:
	sd_scale_memo_free(obj->memo);
	free(obj);
	return NULL;
}

sd_objective *
sd_objective_new_state(const sd_objective_type *type, void *state,
    const char *spec, char **cause)
{
	sd_objective *obj;

	if ((obj = calloc(1, sizeof *obj)) == NULL ||
	    (obj->spec = strdup(spec)) == NULL ||
	    (obj->memo = sd_scale_memo_new()) == NULL) {
		if (obj != NULL)
			free(obj->spec);
		free(obj);
		if (state != NULL && type->done != NULL)
			type->done(state);
		free(state);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	obj->type = type;
	obj->dim = type->dim;
	sd_params_defaults(type->params, obj->params);
	obj->state = state;
	return obj;
}

sd_objective *
sd_objective_new(const char *spec, char **cause)
{
	const sd_objective_type *type;
	const char *colon;
	char *name, *names;
	sd_objective *obj;

	if (spec == NULL || *spec == '\0') {
		names = objective_name_list();
		sd_fail(cause, "empty objective name: expected one of %s",
		    names ? names : "?");
		free(names);
		return NULL;
	}
	colon = strchr(spec, ':');
	name = colon ? strndup(spec, (size_t)(colon - spec)) : strdup(spec);
	if (name == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	if ((type = sd_objective_lookup(name)) == NULL) {
		names = objective_name_list();
		sd_fail(cause, "unknown objective '%s': expected one of %s",
		    name, names ? names : "?");
		free(names);
		free(name);
		return NULL;
	}
	free(name);
	if (colon != NULL && colon[1] == '\0') {
		sd_fail(cause, "%s: nothing after ':': expected key=value,...",
		    type->name);
		return NULL;
	}
	obj = sd_objective_new_type(type, colon ? colon + 1 : NULL, cause);
	return obj;
}

void
sd_objective_free(sd_objective *obj)
{
	if (obj == NULL)
		return;
	if (obj->state != NULL && obj->type->done != NULL)
		obj->type->done(obj->state);
	free(obj->state);
	free(obj->spec);
	sd_scale_memo_free(obj->memo);
	free(obj);
}

double
sd_objective_f(const sd_objective *obj, const double *x)
{
	return obj->type->f(obj->state, x);
}

void
sd_objective_gradient(const sd_objective *obj, const double *x, double *g)
{
	obj->type->grad(obj->state, x, g);
}

void
sd_objective_hessian(const sd_objective *obj, const double *x, double *h)
{
	obj->type->hess(obj->state, x, h);
}

int
sd_objective_hvp(const sd_objective *obj, const double *x, const double *v,
    double *hv)
{
	size_t i, d = obj->dim;
	double *h;

	if (obj->type->hvp != NULL) {
		obj->type->hvp(obj->state, x, v, hv);
		return 0;
	}
	if ((h = malloc(d * d * sizeof *h)) == NULL)
		return -1;
	obj->type->hess(obj->state, x, h);
	for (i = 0; i < d; i++)
		hv[i] = sd_dot(h + i * d, v, d);
	free(h);
	return 0;
}

void *
sd_objective_hvp_prepare(const sd_objective *obj, const double *x)
{
	if (obj->type->hvp_prepare == NULL || obj->type->hvp_prepared == NULL)
		return NULL;
	return obj->type->hvp_prepare(obj->state, x);
}

/* ∇²f(x)·v through prep when there is one. */
static int
objective_hvp_prep(const sd_objective *obj, const void *prep,
    const double *x, const double *v, double *hv)
{
	if (prep == NULL)
		return sd_objective_hvp(obj, x, v, hv);
	obj->type->hvp_prepared(obj->state, prep, v, hv);
	return 0;
}

int
sd_objective_rhvp_prep(const sd_objective *obj, const void *prep,
    const double *x, double xg, const double *v, double *hv, double *work)
{
	size_t d = obj->dim;

	if (obj->type->manifold != SD_SPHERE)
		return objective_hvp_prep(obj, prep, x, v, hv);
	/* P H P v − xg P v with P = I − xxᵀ, x a unit vector. */
	memcpy(work, v, d * sizeof *work);
	sd_axpy(-sd_dot(x, v, d), x, work, d);
	if (objective_hvp_prep(obj, prep, x, work, hv) != 0)
		return -1;
	sd_axpy(-sd_dot(x, hv, d), x, hv, d);
	sd_axpy(-xg, work, hv, d);
	return 0;
}

int
sd_objective_rhvp(const sd_objective *obj, const double *x, double xg,
    const double *v, double *hv, double *work)
{
	return sd_objective_rhvp_prep(obj, NULL, x, xg, v, hv, work);
}

void
sd_objective_rgradient(const sd_objective *obj, const double *x, double *g)
{
	obj->type->grad(obj->state, x, g);
	if (obj->type->manifold == SD_SPHERE)
		sd_axpy(-sd_dot(x, g, obj->dim), x, g, obj->dim);
}

void
sd_objective_rhessian(const sd_objective *obj, const double *x, double *h)
{
	size_t i, j, d = obj->dim;
	double *g, *hx, xg, xhx;

	obj->type->hess(obj->state, x, h);
	if (obj->type->manifold != SD_SPHERE)
		return;
	/* P H P with P = I − xxᵀ, then − (xᵀ∇f) P; x is a unit vector. */
	if ((g = malloc(2 * d * sizeof *g)) == NULL)
		return;
	hx = g + d;
	obj->type->grad(obj->state, x, g);
	xg = sd_dot(x, g, d);
	for (i = 0; i < d; i++)
		hx[i] = sd_dot(h + i * d, x, d);
	xhx = sd_dot(x, hx, d);
	for (i = 0; i < d; i++) {
		for (j = 0; j < d; j++) {
			h[i * d + j] += -x[i] * hx[j] - hx[i] * x[j] +
			    x[i] * x[j] * xhx -
			    xg * ((i == j ? 1.0 : 0.0) - x[i] * x[j]);
		}
	}
	free(g);
}

int
sd_objective_retract(const sd_objective *obj, double *x)
{
	size_t i, d = obj->dim;
	double norm;

	if (obj->type->manifold != SD_SPHERE)
		return 0;
	norm = sd_norm(x, d);
	if (!(norm > 0) || !isfinite(norm))
		return -1;
	for (i = 0; i < d; i++)
		x[i] /= norm;
	return 0;
}

/* The fractions are exact in binary, so the start is reproducible to
 * the bit on every window. */
void
sd_window_default_start(const sd_window *w, double *a, double *b)
{
	*a = w->xmin + 0.3125 * (w->xmax - w->xmin);
	*b = w->ymin + 0.8125 * (w->ymax - w->ymin);
}

/* Parse "lo:hi" into two numbers with lo < hi. */
static int
window_range(const char *text, double *lo, double *hi)
{
	char buf[128], *colon;

	if (strlen(text) >= sizeof buf)
		return -1;
	strcpy(buf, text);
	/* Skip a leading sign so "-3:3" splits at the right colon. */
	if ((colon = strchr(buf + 1, ':')) == NULL)
		return -1;
	*colon = '\0';
	if (sd_number_parse(buf, lo) != 0 ||
	    sd_number_parse(colon + 1, hi) != 0)
		return -1;
	return *lo < *hi ? 0 : -1;
}

/* Whether lo:hi is narrower than SD_WINDOW_NARROW of its coordinates. */
static int
window_narrow(double lo, double hi)
{
	return hi - lo < SD_WINDOW_NARROW * fmax(fabs(lo), fabs(hi));
}

int
sd_window_check(const sd_window *w, const char *what, const char *text,
    char **cause)
{
	if (fmax(fmax(fabs(w->xmin), fabs(w->xmax)),
	    fmax(fabs(w->ymin), fabs(w->ymax))) > SD_WINDOW_MAX)
		return sd_fail(cause, "%s: '%s' is too large: expected "
		    "coordinates from -1e5 to 1e5 (the finder's tolerances "
		    "follow the window's side)", what, text);
	if (window_narrow(w->xmin, w->xmax) || window_narrow(w->ymin, w->ymax))
		return sd_fail(cause, "%s: '%s' is too narrow: expected each "
		    "side at least 1e-10 of its largest coordinate", what,
		    text);
	return 0;
}

int
sd_window_parse(const char *text, sd_window *w, const char *what,
    char **cause)
{
	char buf[256], *comma;
	sd_window v;

	if (text == NULL || strlen(text) >= sizeof buf || *text == '\0')
		goto bad;
	strcpy(buf, text);
	if ((comma = strchr(buf, ',')) == NULL)
		goto bad;
	*comma = '\0';
	if (window_range(buf, &v.xmin, &v.xmax) != 0 ||
	    window_range(comma + 1, &v.ymin, &v.ymax) != 0)
		goto bad;
	if (sd_window_check(&v, what, text, cause) != 0)
		return -1;
	*w = v;
	return 0;
bad:
	return sd_fail(cause, "%s: '%s' is not a window: expected "
	    "xmin:xmax,ymin:ymax with finite numbers and min < max, such as "
	    "-3:3,-2:2", what, text ? text : "");
}
