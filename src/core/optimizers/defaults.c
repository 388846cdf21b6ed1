/* SPDX-License-Identifier: GPL-3.0-or-later */
/* defaults.c: default parameters that follow the objective.
 *
 * A fixed default step size cannot suit every landscape: the curvature of
 * beale's window reaches 10⁵, that of saddle is 2. So each parameter's
 * table default is a multiplier of the objective's scale (sd_scale,
 * measured by sd_objective_scale): 1/L for a gradient step, D for a
 * length, L·D for a gradient magnitude, M for cubic's weight. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "optimizers/optimizer.h"

/* The scale quantity a parameter's table default multiplies. */
static double
scale_factor(sd_param_scale kind, const sd_scale *s)
{
	switch (kind) {
	case SD_SCALE_STEP:
		return 1 / s->L;
	case SD_SCALE_LENGTH:
		return s->D;
	case SD_SCALE_GRADIENT:
		return s->L * s->D;
	case SD_SCALE_CURVATURE:
		return s->M;
	default:
		return 1;
	}
}

void
sd_optimizer_default_params(const sd_optimizer_type *type,
    const sd_scale *scale, double *values)
{
	const sd_param *p = type->params;
	size_t i, n = sd_params_count(p);
	double v;

	for (i = 0; i < n; i++) {
		v = p[i].def;
		if (type->scales != NULL)
			v *= scale_factor(type->scales[i], scale);
		if (p[i].integer)
			v = round(v);
		values[i] = fmin(fmax(v, p[i].min), p[i].max);
	}
}

/* How each scale kind is written after its multiplier. */
static const char *const scale_suffix[SD_SCALE_COUNT] = {
	[SD_SCALE_FIXED] = "",
	[SD_SCALE_STEP] = "/L",
	[SD_SCALE_LENGTH] = "·D",
	[SD_SCALE_GRADIENT] = "·L·D",
	[SD_SCALE_CURVATURE] = "·M",
};

void
sd_optimizer_param_rule(const sd_optimizer_type *type, size_t i, char *buf,
    size_t len)
{
	sd_param_scale kind = type->scales ? type->scales[i] : SD_SCALE_FIXED;
	double def = type->params[i].def;

	if (kind == SD_SCALE_FIXED)
		snprintf(buf, len, "%g", def);
	else if (def == 1 && kind != SD_SCALE_STEP)
		snprintf(buf, len, "%s", scale_suffix[kind] + strlen("·"));
	else
		snprintf(buf, len, "%g%s", def, scale_suffix[kind]);
}
