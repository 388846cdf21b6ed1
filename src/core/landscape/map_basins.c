/* SPDX-License-Identifier: GPL-3.0-or-later */
/* map_basins.c: the basins map (see map.h): where an optimizer started at
 * each pixel ends — which minimum, a saddle, diverged or not converged —
 * as a survey (survey.h) whose starts are the pixels' centres. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/map.h"
#include "landscape/map_impl.h"
#include "landscape/survey.h"
#include "optimizers/optimizer.h"

/* The names of the labels after the minima. */
static const char *const basin_names[SD_MAP_BASIN_EXTRA] = {
	[SD_MAP_BASIN_SADDLE] = "saddle",
	[SD_MAP_BASIN_DIVERGED] = "diverged",
	[SD_MAP_BASIN_NOT_CONVERGED] = "not-converged",
};

/* The label of an end: its minimum's, or what else happened. */
static int
basin_label(const sd_map *map, const size_t *label_of, sd_outcome o,
    int point)
{
	if ((o == SD_OUTCOME_GLOBAL || o == SD_OUTCOME_LOCAL) && point >= 0)
		return (int)label_of[point];
	if (o == SD_OUTCOME_SADDLE)
		return (int)map->n_minima + SD_MAP_BASIN_SADDLE;
	if (o == SD_OUTCOME_DIVERGED)
		return (int)map->n_minima + SD_MAP_BASIN_DIVERGED;
	return (int)map->n_minima + SD_MAP_BASIN_NOT_CONVERGED;
}

/* Number the minima (the points that are minima, or global minimizers
 * by value: survey.h) in the survey's order, and label every pixel. */
static int
basin_labels(sd_map *map, char **cause)
{
	size_t k, n = sd_survey_points(map->survey), *label_of, p;
	sd_outcome o;
	int point;

	map->minima = calloc(n + 1, sizeof *map->minima);
	label_of = calloc(n + 1, sizeof *label_of);
	if (map->minima == NULL || label_of == NULL) {
		free(label_of);
		return sd_fail(cause, "out of memory");
	}
	for (k = 0; k < n; k++) {
		if (!sd_survey_is_min(map->survey, k) &&
		    !sd_survey_is_global(map->survey, k))
			continue;
		label_of[k] = map->n_minima;
		map->minima[map->n_minima++] = k;
	}
	for (p = 0; p < map->cols * map->rows; p++) {
		o = sd_survey_end(map->survey, 0, p, &point);
		map->label[p] = basin_label(map, label_of, o, point);
	}
	free(label_of);
	map->n_labels = map->n_minima + SD_MAP_BASIN_EXTRA;
	return 0;
}

/* A survey whose starts are the pixels' centres. */
static int
basin_run(sd_map *map, const sd_objective *obj, const sd_chart *chart,
    const sd_map_options *opts, char **cause)
{
	sd_survey_options so = { map->cols * map->rows, opts->steps,
	    opts->tol, opts->seed, NULL };
	double *ab;
	size_t p, n;
	int rc = -1;

	if ((ab = map->starts = malloc(2 * so.starts * sizeof *ab)) == NULL)
		return sd_fail(cause, "out of memory");
	for (p = 0; p < so.starts; p++)
		sd_map_coords(&map->window, map->cols, map->rows,
		    p % map->cols, p / map->cols, &ab[2 * p], &ab[2 * p + 1]);
	so.ab = ab;
	map->optimizer = opts->optimizer != NULL ? opts->optimizer :
	    sd_optimizer_lookup("gd");
	if ((map->survey = sd_survey_new(obj, chart, &map->window, &so,
	    cause)) != NULL &&
	    sd_survey_add(map->survey, map->optimizer, opts->params,
	    cause) == 0 &&
	    sd_survey_iterate(map->survey, so.starts, cause) == 0 &&
	    sd_survey_finish(map->survey, cause) == 0) {
		memcpy(map->params, sd_survey_rows(map->survey, &n)->params,
		    sizeof map->params);
		rc = basin_labels(map, cause);
	}
	return rc;
}

/* "min1", "min2", ..., then "saddle", "diverged", "not-converged". */
static void
basin_label_name(const sd_map *map, size_t k, char *buf, size_t len)
{
	if (k < map->n_minima)
		snprintf(buf, len, "min%zu", k + 1);
	else
		snprintf(buf, len, "%s", basin_names[k - map->n_minima]);
}

const sd_map_type sd_map_basins = {
	.name = "basins",
	.title = "basins",
	.summary = "where each start ends",
	.meaning = "where the selected racer's method ends from each pixel: "
	    "a minimum, a saddle, or not at all",
	.labels = 1,
	.reads = SD_MAP_READS_RUNS,
	.run = basin_run,
	.label_name = basin_label_name,
};
