/* SPDX-License-Identifier: GPL-3.0-or-later */
/* surface.c: one drawing, three cairo surfaces (SVG, PDF, PNG), written
 * through a temporary file (see figure.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "base/error.h"
#include "figure_impl.h"

/* Where cairo's bytes go: the temporary file; an SVG gets its <title>
 * (the objective, so that the file says what it shows to search and to
 * screen readers: cairo draws text as glyph outlines) right after the
 * root element's start tag, the second '>' of the stream. */
typedef struct fig_sink {
	FILE		*fp;
	const char	*title;		/* NULL: no <title> */
	int		 tags;		/* '>' seen so far */
} fig_sink;

/* Write s to the sink with XML's special characters escaped. */
static void
sink_escaped(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '<')
			fputs("&lt;", fp);
		else if (*s == '>')
			fputs("&gt;", fp);
		else if (*s == '&')
			fputs("&amp;", fp);
		else
			fputc(*s, fp);
	}
}

/* cairo's write function. */
static cairo_status_t
sink_write(void *closure, const unsigned char *data, unsigned int length)
{
	fig_sink *sk = closure;
	const unsigned char *gt;
	size_t n;

	while (sk->title != NULL && sk->tags < 2 && length > 0 &&
	    (gt = memchr(data, '>', length)) != NULL) {
		n = (size_t)(gt - data) + 1;
		fwrite(data, 1, n, sk->fp);
		data += n;
		length -= (unsigned int)n;
		if (++sk->tags == 2) {
			fputs("\n<title>", sk->fp);
			sink_escaped(sk->fp, sk->title);
			fputs("</title>", sk->fp);
		}
	}
	if (length > 0 && fwrite(data, 1, length, sk->fp) != length)
		return CAIRO_STATUS_WRITE_ERROR;
	return ferror(sk->fp) ? CAIRO_STATUS_WRITE_ERROR :
	    CAIRO_STATUS_SUCCESS;
}

/* The surface of fmt, w × h pixels, writing into sk (PNG: an image
 * written at the end). */
static cairo_surface_t *
fig_surface(figure_format fmt, double w, double h, fig_sink *sk,
    const char *title)
{
	cairo_surface_t *s;
	const double pt = 72.0 / FIGURE_DPI;

	(void)title;	/* PDF metadata needs cairo 1.15.4 */

	switch (fmt) {
	case FIGURE_SVG:
		s = cairo_svg_surface_create_for_stream(sink_write, sk, w, h);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 15, 10)
		cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
#endif
		return s;
	case FIGURE_PDF:
		s = cairo_pdf_surface_create_for_stream(sink_write, sk, w * pt,
		    h * pt);
#if CAIRO_VERSION >= CAIRO_VERSION_ENCODE(1, 15, 4)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    title);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
		    "saddle " PACKAGE_VERSION);
#endif
		return s;
	default:
		return cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)w,
		    (int)h);
	}
}

/* A figure drawn and not yet encoded (figure.h). cairo's SVG and PDF
 * surfaces record what is drawn on them and write it all out when
 * finished, so the figure is drawn on them and only finished later; a
 * PNG's image surface would rasterize as it is drawn, so the PNG is drawn
 * on a recording surface, replayed onto the image later. */
struct figure_scene {
	figure_format	 fmt;
	double		 w, h;		/* pixels */
	cairo_surface_t	*s;		/* the file's surface, or the PNG's
					 * recording */
	fig_sink	 sk;		/* where the bytes go */
	figure_file	 ff;
	char		 title[256];
	int		 open;		/* ff holds a temporary file */
};

/* Finish the scene's surface (the PNG: replayed on an image and encoded
 * first); cairo's status. */
static cairo_status_t
fig_finish(figure_scene *sc)
{
	cairo_surface_t *img = sc->s;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	cairo_t *cr;

	if (sc->fmt == FIGURE_PNG) {
		img = fig_surface(sc->fmt, sc->w, sc->h, &sc->sk, sc->title);
		cr = cairo_create(img);
		cairo_set_source_surface(cr, sc->s, 0, 0);
		cairo_paint(cr);
		st = cairo_status(cr);
		cairo_destroy(cr);
		if (st == CAIRO_STATUS_SUCCESS)
			st = cairo_surface_write_to_png_stream(img,
			    sink_write, &sc->sk);
	}
	cairo_surface_finish(img);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(img);
	if (img != sc->s)
		cairo_surface_destroy(img);
	return st;
}

double
fig_font_size(double w, double h)
{
	double fs = (w < 1.5 * h ? w : 1.5 * h) / 55;

	return fs < 9 ? 9 : fs;
}

figure_scene *
fig_record(const char *path, figure_format fmt, const figure_options *o,
    int replace, const theme *th, const char *title,
    void (*draw)(fig *, const void *), const void *arg, char **cause)
{
	fig f = { .th = th, .w = o->width, .h = o->height, .loss = o->loss };
	cairo_rectangle_t all = { 0, 0, o->width, o->height };
	cairo_status_t st;
	figure_scene *sc;

	if ((sc = calloc(1, sizeof *sc)) == NULL) {
		sd_fail(cause, "out of memory");
		return NULL;
	}
	sc->fmt = fmt;
	sc->w = f.w;
	sc->h = f.h;
	snprintf(sc->title, sizeof sc->title, "%s", title);
	if (figure_file_open(&sc->ff, path, replace, cause) != 0) {
		free(sc);
		return NULL;
	}
	sc->open = 1;
	sc->sk.fp = sc->ff.fp;
	sc->sk.title = fmt == FIGURE_SVG ? sc->title : NULL;
	sc->s = fmt == FIGURE_PNG ? cairo_recording_surface_create(
	    CAIRO_CONTENT_COLOR, &all) : fig_surface(fmt, f.w, f.h, &sc->sk,
	    sc->title);
	f.fs = fig_font_size(f.w, f.h);
	f.num = (draw_ctx){ .cv = &f.num_cv, .th = th,
	    .depth = COLOR_TRUE };
	f.cr = cairo_create(sc->s);
	if (fmt == FIGURE_PDF)
		cairo_scale(f.cr, 72.0 / FIGURE_DPI, 72.0 / FIGURE_DPI);
	fig_color(&f, 0xffffff, 1);
	cairo_paint(f.cr);
	draw(&f, arg);
	st = cairo_status(f.cr);
	cairo_destroy(f.cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		sd_fail(cause, "cannot write %s: %s", path,
		    cairo_status_to_string(st));
		figure_scene_free(sc);
		return NULL;
	}
	return sc;
}

int
figure_scene_encode(figure_scene *sc, int (*stop)(void *), void *stop_arg,
    char **cause)
{
	cairo_status_t st = fig_finish(sc);

	sc->open = 0;
	if (st != CAIRO_STATUS_SUCCESS) {
		sd_fail(cause, "cannot write %s: %s", sc->ff.path,
		    cairo_status_to_string(st));
		figure_file_abort(&sc->ff);
		return -1;
	}
	/* Asked to stop while encoding: nothing is written. */
	if (stop != NULL && stop(stop_arg)) {
		figure_file_abort(&sc->ff);
		return sd_fail(cause, "cancelled");
	}
	return figure_file_commit(&sc->ff, cause);
}

void
figure_scene_free(figure_scene *sc)
{
	if (sc == NULL)
		return;
	if (sc->s != NULL)
		cairo_surface_destroy(sc->s);
	if (sc->open)
		figure_file_abort(&sc->ff);
	free(sc);
}

int
fig_render(const char *path, figure_format fmt, const figure_options *o,
    int replace, const theme *th, const char *title,
    void (*draw)(fig *, const void *), const void *arg, char **cause)
{
	figure_scene *sc;
	int rc;

	if ((sc = fig_record(path, fmt, o, replace, th, title, draw, arg,
	    cause)) == NULL)
		return -1;
	rc = figure_scene_encode(sc, NULL, NULL, cause);
	figure_scene_free(sc);
	return rc;
}
