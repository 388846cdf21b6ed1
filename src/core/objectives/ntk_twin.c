/* SPDX-License-Identifier: GPL-3.0-or-later */
/* ntk_twin.c: the objectives that have an NTK model (§6.1), told by their
 * `ntk` parameter, and an objective's twin with the other value of it:
 * what the ntk-gap map and the visualizer's NTK overlay compare (ntk.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "objectives/ntk.h"

/* The parameter that switches an objective to its NTK model. */
#define NTK_KEY	"ntk"

int
sd_ntk_has(const sd_objective_type *type)
{
	return type->params != NULL &&
	    sd_params_find(type->params, NTK_KEY) >= 0;
}

void
sd_ntk_names(char *buf, size_t len)
{
	const sd_objective_type *const *t;
	size_t n = 0, i = 0;

	buf[0] = '\0';
	for (t = sd_objective_types; *t != NULL; t++)
		n += sd_ntk_has(*t) != 0;
	for (t = sd_objective_types; *t != NULL; t++)
		if (sd_ntk_has(*t))
			sd_list_add(buf, len, i++, n, (*t)->name);
}

int
sd_ntk_check(const sd_objective *obj, const char *what, char **cause)
{
	char names[128];

	if (sd_ntk_has(obj->type))
		return 0;
	sd_ntk_names(names, sizeof names);
	return sd_fail(cause, "%s: %s has no NTK model (no '" NTK_KEY
	    "' parameter): expected %s", what, obj->spec, names);
}

int
sd_ntk_is_model(const sd_objective *obj)
{
	return sd_ntk_has(obj->type) &&
	    obj->params[sd_params_find(obj->type->params, NTK_KEY)] > 0;
}

char *
sd_ntk_twin_spec(const sd_objective *obj, char **cause)
{
	char *spec;

	if (sd_ntk_check(obj, "ntk", cause) != 0)
		return NULL;
	spec = sd_printf("%s%c" NTK_KEY "=%d", obj->spec,
	    strchr(obj->spec, ':') ? ',' : ':', !sd_ntk_is_model(obj));
	if (spec == NULL)
		sd_fail(cause, "out of memory");
	return spec;
}

sd_objective *
sd_ntk_twin(const sd_objective *obj, char **cause)
{
	sd_objective *twin;
	char *spec;

	if ((spec = sd_ntk_twin_spec(obj, cause)) == NULL)
		return NULL;
	twin = sd_objective_new(spec, cause);
	free(spec);
	return twin;
}
