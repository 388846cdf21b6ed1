/* SPDX-License-Identifier: GPL-3.0-or-later */
/* finder_certify.c: the finder's certified path (finder.h, certify.h).
 *
 * Where the objective has one (two dimensions, a formula, a plane
 * chart), the certified search gives the roots, each proven to be the
 * only one in its box; they go into the run as roots that no distance
 * merges. Newton from the old seeds still runs where the search left
 * regions unresolved (a degenerate point, a kink, a limit reached), and
 * its roots are kept there only: inside an unresolved region (padded by
 * FINDER_DEDUP × L, the old finder's own precision) and outside every
 * proof box. The list is complete when no region is left. */
#include "config.h"

#include <float.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "landscape/certify.h"
#include "landscape/finder_impl.h"

/* Add the certified root (a, b) to the run. */
static int
finder_certified_root(struct finder *fd, double a, double b, char **cause)
{
	struct finder_work *fw = &fd->work;
	struct finder_root *r;
	double *x;

	if ((x = sd_finder_room(fd, cause)) == NULL)
		return -1;
	sd_chart_lift(fd->chart, a, b, x);
	r = &fd->roots[fd->n];
	memset(r, 0, sizeof *r);
	if (sd_finder_merit(fw, x, fw->g, &r->gnorm) != 0)
		r->gnorm = 0;
	r->f = sd_objective_f(fw->obj, x);
	sd_chart_project(fd->chart, x, &r->a, &r->b, &r->offset);
	r->at = fd->n * 2 * fw->d;
	r->keep = 1;
	r->certified = 1;
	r->slid = 0;
	fd->n++;
	return 0;
}

/* The unresolved regions, padded, with their reasons, into the list;
 * when the search did not run (cr NULL), the window itself, for reason
 * why. */
static int
finder_certify_regions(struct finder *fd, const sd_certify_result *cr,
    sd_unresolved_reason why, sd_point_list *out, char **cause)
{
	double pad = FINDER_DEDUP * fd->work.length;
	size_t i, n = cr != NULL ? cr->n_regions : 1;

	out->n_unresolved = n;
	if (n == 0)
		return 0;
	if ((out->unresolved = calloc(n, sizeof *out->unresolved)) == NULL ||
	    (out->why = calloc(n, sizeof *out->why)) == NULL)
		return sd_fail(cause, "out of memory");
	if (cr == NULL) {
		out->unresolved[0] = fd->w;
		out->why[0].why = SD_UNRESOLVED_BIT(why);
		return 0;
	}
	for (i = 0; i < n; i++) {
		out->why[i] = cr->why[i];
		out->unresolved[i] = cr->regions[i];
		out->unresolved[i].xmin -= pad;
		out->unresolved[i].xmax += pad;
		out->unresolved[i].ymin -= pad;
		out->unresolved[i].ymax += pad;
	}
	return 0;
}

int
sd_finder_certify(struct finder *fd, const sd_finder_options *opts,
    sd_point_list *out, char **cause)
{
	sd_certify_options co = { 0, 0 };
	sd_certify_result cr;
	char *why = NULL;
	size_t i;
	int rc;

	if ((opts != NULL && opts->no_certify) ||
	    !sd_certify_available(fd->work.obj, fd->chart))
		return finder_certify_regions(fd, NULL,
		    SD_UNRESOLVED_NO_INTERVAL, out, cause) == 0 ? 1 : -1;
	if (!(fd->gscale > 0))
		return finder_certify_regions(fd, NULL, SD_UNRESOLVED_NO_SCALE,
		    out, cause) == 0 ? 1 : -1;
	if (opts != NULL) {
		co.max_boxes = opts->certify_boxes;
		co.max_ms = opts->certify_ms;
	}
	if (sd_certify_run(fd->work.obj, fd->chart, &fd->w, &co, &cr,
	    &why) != 0) {
		/* A formula the search cannot read: the old path. */
		free(why);
		return finder_certify_regions(fd, NULL,
		    SD_UNRESOLVED_NO_INTERVAL, out, cause) == 0 ? 1 : -1;
	}
	out->boxes = cr.boxes;
	rc = finder_certify_regions(fd, &cr, SD_UNRESOLVED_COUNT, out, cause);
	for (i = 0; i < cr.n_roots && rc == 0; i++)
		rc = finder_certified_root(fd, cr.roots[i].a, cr.roots[i].b,
		    cause);
	fd->certified = cr;
	return rc;
}

void
sd_finder_certify_filter(struct finder *fd, size_t first,
    const sd_point_list *out)
{
	struct finder_root *r;
	size_t i;

	for (i = first; i < fd->n; i++) {
		r = &fd->roots[i];
		if (sd_certify_proven_at(&fd->certified, r->a, r->b) ||
		    !sd_windows_have(out->unresolved, out->n_unresolved, r->a,
		    r->b))
			r->keep = 0;
	}
}
