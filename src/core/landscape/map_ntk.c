/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_ntk.c: the ntk-gap map (see map.h): how far the NTK model (§6.1,
 * twolayer:ntk=1) is from the network, |f − f_ntk| / f at each pixel,
 * with f the network's risk. The model is the linearization at θ₀, so
 * the gap is O(‖θ − θ₀‖²) near θ₀ and the map shows the neighbourhood
 * where the "lazy" regime holds. */
#include "config.h"

#include <math.h>

#include "objectives/ntk.h"
#include "landscape/map.h"
#include "landscape/map_impl.h"

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

/* Only an objective with an NTK model has a gap; *cause (when asked for)
 * names the ones that have one. */
static int
ntk_applies(const sd_objective *obj, char **cause)
{
	return sd_ntk_check(obj, "--kind ntk-gap", cause) == 0;
}

/* Refuse an objective without one. */
static int
ntk_setup(sd_map *map, const sd_objective *obj, const sd_map_options *o,
    char **cause)
{
	(void)map;
	(void)o;
	return ntk_applies(obj, cause) ? 0 : -1;
}

/* Build the twin, then the pixels. */
static int
ntk_run(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_map_options *o, char **cause)
{
	struct ntk_state st;
	int rc;

	(void)o;
	st.model = sd_ntk_is_model(obj);
	if ((st.twin = sd_ntk_twin(obj, cause)) == NULL)
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
	    "is faithful (models with an ntk key)",
	.setup = ntk_setup,
	.run = ntk_run,
	.pixel = ntk_pixel,
	.applies = ntk_applies,
};
