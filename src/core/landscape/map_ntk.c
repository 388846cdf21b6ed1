/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_ntk.c: the ntk-gap map (see map.h): how far the NTK model (§6.1,
 * twolayer:ntk=1) is from the network, |f − f_ntk| / f at each pixel,
 * with f the network's risk. The model is the linearization at θ₀, so
 * the gap is O(‖θ − θ₀‖²) near θ₀ and the map shows the neighbourhood
 * where the "lazy" regime holds. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"
#include "landscape/map.h"
#include "landscape/map_impl.h"

/* The parameter that switches an objective to its NTK model. */
#define NTK_KEY	"ntk"

/* What the pixels compare against: the objective's twin with the other
 * value of ntk, and whether the map's objective is the model itself. */
struct ntk_state {
	sd_objective	*twin;
	int		 model;
};

/* |f_net − f_ntk| / f_net at pixel s. */
static void
ntk_pixel(sd_map *map, const void *state, const sd_map_sample *s, size_t p)
{
	const struct ntk_state *st = state;
	double g = sd_objective_f(st->twin, s->x);
	double net = st->model ? g : s->f, v = fabs(s->f - g) / net;

	map->value[p] = isfinite(v) && net > 0 ? v : NAN;
}

/* The twin: obj's spec with ntk flipped (ntk_setup checked it has
 * one). */
static int
ntk_twin(const sd_objective *obj, struct ntk_state *st, char **cause)
{
	int k = sd_params_find(obj->type->params, NTK_KEY);
	char *spec;

	st->model = obj->params[k] > 0;
	spec = sd_printf("%s%c" NTK_KEY "=%d", obj->spec,
	    strchr(obj->spec, ':') ? ',' : ':', !st->model);
	if (spec == NULL)
		return sd_fail(cause, "out of memory");
	st->twin = sd_objective_new(spec, cause);
	free(spec);
	return st->twin != NULL ? 0 : -1;
}

/* Only an objective with an NTK model has a gap. */
static int
ntk_applies(const sd_objective *obj)
{
	return obj->type->params != NULL &&
	    sd_params_find(obj->type->params, NTK_KEY) >= 0;
}

/* Refuse an objective without one. */
static int
ntk_setup(sd_map *map, const sd_objective *obj, const sd_map_options *o,
    char **cause)
{
	(void)map;
	(void)o;
	if (!ntk_applies(obj))
		return sd_fail(cause, "ntk-gap map of %s: it has no NTK model "
		    "(no '" NTK_KEY "' parameter): expected twolayer",
		    obj->spec);
	return 0;
}

/* Build the twin, then the pixels. */
static int
ntk_run(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_map_options *o, char **cause)
{
	struct ntk_state st;
	int rc;

	(void)o;
	if (ntk_twin(obj, &st, cause) != 0)
		return -1;
	rc = sd_map_pixels(map, obj, chart, &st, cause);
	sd_objective_free(st.twin);
	return rc;
}

const sd_map_type sd_map_ntk_gap = {
	.name = "ntk-gap",
	.title = "NTK gap",
	.summary = "|f − f_ntk|/f, the NTK model's error (§6.1)",
	.meaning = "|f − f_ntk|/f: where the network's linearization at θ₀ "
	    "is faithful (twolayer only)",
	.setup = ntk_setup,
	.run = ntk_run,
	.pixel = ntk_pixel,
	.applies = ntk_applies,
};
