/* SPDX-License-Identifier: GPL-3.0-or-later */
/* overlay.c: the maps over the plot and the last survey, kept in step
 * with the view (see overlay.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "overlay.h"

_Static_assert(JOB_METHODS == VIEW_RACERS_MAX,
    "a survey job runs the method of every racer");

void
overlay_init(overlay *o)
{
	memset(o, 0, sizeof *o);
	o->ends_on = 1;
	o->alpha = o->beta = o->gamma = NAN;
}

/* Drop the map, cancelling its computation (job_drop: the caller does
 * not wait for it to run out). */
static void
overlay_forget(overlay *o)
{
	job_drop(o->job);
	o->job = NULL;
	o->map = NULL;
	o->have_map = 0;
	o->keyed = 0;
}

void
overlay_done(overlay *o)
{
	overlay_stop(o);
	overlay_ntk_done(o);
	overlay_survey_clear(o);
}

void
overlay_stop(overlay *o)
{
	overlay_forget(o);
	overlay_survey_cancel(o);
}

int
overlay_pending(const overlay *o)
{
	return (o->job != NULL && !o->have_map) || o->survey_job != NULL;
}

void
overlay_next(overlay *o, const sd_objective *obj)
{
	size_t k;

	for (k = 0; o->type != NULL && sd_map_types[k] != o->type; k++)
		continue;
	/* From none the first kind; after the last, NULL: none again. */
	k = o->type == NULL ? 0 : k + 1;
	while (sd_map_types[k] != NULL && !sd_map_applies(sd_map_types[k], obj))
		k++;
	o->type = sd_map_types[k];
	overlay_forget(o);
}

void
overlay_set(overlay *o, const sd_map_type *type)
{
	if (o->type == type)
		return;
	o->type = type;
	overlay_forget(o);
}

const char *
overlay_name(const overlay *o)
{
	return o->type == NULL ? "none" : o->type->name;
}

int
overlay_set_constant(overlay *o, int which, const char *arg, char **cause)
{
	const char *name = which == 'a' ? "alpha" : which == 'b' ? "beta" :
	    "gamma";
	char *why = NULL;
	double v = NAN;

	if (strcmp(arg, "default") != 0 &&
	    sd_map_constant_parse(name, arg, &v, &why) != 0) {
		sd_fail(cause, "%s, or default", why);
		free(why);
		return -1;
	}
	if (which == 'a')
		o->alpha = v;
	else if (which == 'b')
		o->beta = v;
	else
		o->gamma = v;
	/* The constants show on the map that reads them. */
	if (o->type == NULL || !(o->type->reads & SD_MAP_READS_CONSTANTS))
		o->type = sd_map_type_reading(SD_MAP_READS_CONSTANTS);
	overlay_forget(o);
	return 0;
}

/* ---- what a map depends on -------------------------------------------- */

/* FNV-1a over n bytes, continuing from h. */
static uint64_t
overlay_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

/* A chart's vectors, or nothing for a NULL one. */
static uint64_t
overlay_hash_vec(uint64_t h, const double *x, size_t d)
{
	return x != NULL ? overlay_hash(h, x, d * sizeof *x) : h;
}

/* The racer whose method draws the basins, or NULL (gd). */
static const racer *
overlay_racer(const view *v)
{
	return v->n_racers > 0 ? v->racers[v->selected] : NULL;
}

uint64_t
overlay_chart_key(const view *v)
{
	const sd_chart *c = &v->chart;
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	h = overlay_hash(h, &v->obj, sizeof v->obj);
	h = overlay_hash(h, v->obj->spec, strlen(v->obj->spec));
	h = overlay_hash(h, &c->kind, sizeof c->kind);
	h = overlay_hash_vec(h, c->origin, c->dim);
	h = overlay_hash_vec(h, c->u, c->dim);
	h = overlay_hash_vec(h, c->v, c->dim);
	return overlay_hash_vec(h, c->w, c->dim);
}

uint64_t
overlay_view_key(uint64_t h, const view *v, size_t cols, size_t rows)
{
	uint64_t c = overlay_chart_key(v);

	h = overlay_hash(h, &c, sizeof c);
	h = overlay_hash(h, &v->window, sizeof v->window);
	h = overlay_hash(h, &cols, sizeof cols);
	return overlay_hash(h, &rows, sizeof rows);
}

/* Everything the map of o over v at cols × rows depends on. */
static uint64_t
overlay_key(const overlay *o, const view *v, size_t cols, size_t rows)
{
	const racer *r = overlay_racer(v);
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	double consts[3] = { o->alpha, o->beta, o->gamma };

	h = overlay_hash(h, &o->type, sizeof o->type);
	h = overlay_hash(h, consts, sizeof consts);
	h = overlay_view_key(h, v, cols, rows);
	if (!(o->type->reads & SD_MAP_READS_RUNS))
		return h;
	h = overlay_hash(h, &v->tol, sizeof v->tol);
	h = overlay_hash(h, &v->seed, sizeof v->seed);
	if (r != NULL) {
		h = overlay_hash(h, &r->opt->type, sizeof r->opt->type);
		h = overlay_hash(h, r->opt->params, sizeof r->opt->params);
	}
	return h;
}

/* Take the finished job's map: 1, or -1 with *cause (the job goes; the
 * key stays, so the failure is reported once). */
static int
overlay_take(overlay *o, char **cause)
{
	if ((o->map = job_result_map(o->job, cause)) == NULL) {
		job_free(o->job);
		o->job = NULL;
		return -1;
	}
	o->have_map = 1;
	return 1;
}

int
overlay_update(overlay *o, const view *v, size_t cols, size_t rows,
    double ms, char **cause)
{
	sd_map_options mo = { o->type, o->alpha, o->beta, o->gamma, NULL,
	    NULL, OVERLAY_STEPS, v->tol, v->seed };
	const racer *r = overlay_racer(v);
	uint64_t key;

	if (o->type == NULL) {
		if (!o->have_map && o->job == NULL)
			return 0;
		overlay_forget(o);
		return 1;
	}
	key = overlay_key(o, v, cols, rows);
	if (!o->keyed || key != o->key) {
		/* What the map shows changed: a map being made for the old
		 * view is cancelled. */
		overlay_forget(o);
		o->key = key;
		o->keyed = 1;
		if (r != NULL) {
			mo.optimizer = r->opt->type;
			mo.params = r->opt->params;
		}
		if ((o->job = job_map(v->obj, &v->chart, &v->window, cols, rows,
		    &mo, cause)) == NULL)
			return -1;
	} else
		ms = 0;
	if (o->job == NULL || o->have_map || !job_wait(o->job, ms))
		return 0;
	return overlay_take(o, cause);
}

/* ---- surveys ---------------------------------------------------------- */

int
overlay_survey(overlay *o, const view *v, size_t n, char **cause)
{
	sd_survey_options so = { n, OVERLAY_STEPS, v->tol, v->seed, NULL };
	const sd_optimizer_type *types[VIEW_RACERS_MAX];
	const double *params[VIEW_RACERS_MAX];
	size_t k, m = 0;

	overlay_survey_cancel(o);
	for (k = 0; k < (size_t)v->n_racers; k++) {
		types[m] = v->racers[k]->opt->type;
		params[m++] = v->racers[k]->opt->params;
	}
	/* No racer: gd with its defaults. */
	if (m == 0) {
		types[m] = sd_optimizer_lookup("gd");
		params[m++] = NULL;
	}
	if ((o->survey_job = job_survey(v->obj, &v->chart, &v->window, &so,
	    types, params, m, cause)) == NULL)
		return -1;
	snprintf(o->survey_run_of, sizeof o->survey_run_of, "%s",
	    v->obj->spec);
	o->survey_run_starts = n;
	o->survey_run_chart = overlay_chart_key(v);
	return 0;
}

int
overlay_survey_poll(overlay *o, char **cause)
{
	double *ends;
	size_t m;

	if (o->survey_job == NULL || !job_wait(o->survey_job, 0))
		return 0;
	if (job_take_survey(o->survey_job, o->rows, &m, &ends, cause) != 0) {
		job_free(o->survey_job);
		o->survey_job = NULL;
		return -1;
	}
	job_free(o->survey_job);
	o->survey_job = NULL;
	o->n_rows = m;
	memcpy(o->survey_of, o->survey_run_of, sizeof o->survey_of);
	o->survey_starts = o->survey_run_starts;
	o->have_survey = 1;
	free(o->ends);
	o->ends = ends;
	o->ends_chart = o->survey_run_chart;
	return 1;
}

int
overlay_survey_running(const overlay *o)
{
	return o->survey_job != NULL;
}

double
overlay_survey_progress(const overlay *o)
{
	return o->survey_job != NULL ? job_progress(o->survey_job) : 0;
}

int
overlay_survey_cancel(overlay *o)
{
	if (o->survey_job == NULL)
		return 0;
	job_drop(o->survey_job);
	o->survey_job = NULL;
	return 1;
}

void
overlay_survey_clear(overlay *o)
{
	o->have_survey = 0;
	o->n_rows = 0;
	free(o->ends);
	o->ends = NULL;
}
