/* SPDX-License-Identifier: GPL-3.0-or-later */
/* nocairo.c: the image formats when saddle is built without cairo: an
 * error that says so (see figure.h). */
#include "config.h"

#include "base/error.h"
#include "figure.h"

/* The error every image format gives. */
static int
figure_no_cairo(figure_format fmt, char **cause)
{
	return sd_fail(cause, "cannot write %s: saddle was built without "
	    "cairo (install libcairo2-dev and build again)",
	    figure_format_name(fmt));
}

void
figure_samples(const figure_options *o, const sd_window *w, size_t *cols,
    size_t *rows)
{
	(void)w;
	*cols = (size_t)o->width / 2;
	*rows = (size_t)o->height / 2;
}

int
figure_write_view(const char *path, figure_format fmt, const view *v,
    const theme *th, const figure_options *o, int replace, char **cause)
{
	(void)path, (void)v, (void)th, (void)o, (void)replace;
	return figure_no_cairo(fmt, cause);
}

int
figure_write_map(const char *path, figure_format fmt, const sd_map *m,
    const sd_objective *obj, const sd_chart *chart, const theme *th,
    const figure_options *o, char **cause)
{
	(void)path, (void)m, (void)obj, (void)chart, (void)th, (void)o;
	return figure_no_cairo(fmt, cause);
}

figure_scene *
figure_record_view(const char *path, figure_format fmt, const view *v,
    const theme *th, const figure_options *o, int replace, char **cause)
{
	(void)path, (void)v, (void)th, (void)o, (void)replace;
	figure_no_cairo(fmt, cause);
	return NULL;
}

int
figure_scene_encode(figure_scene *sc, int (*stop)(void *), void *stop_arg,
    char **cause)
{
	(void)sc, (void)stop, (void)stop_arg;
	return sd_fail(cause, "saddle was built without cairo");
}

void
figure_scene_free(figure_scene *sc)
{
	(void)sc;
}
