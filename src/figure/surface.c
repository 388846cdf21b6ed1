/* SPDX-License-Identifier: GPL-3.0-or-later */
/* surface.c: one drawing, three cairo surfaces (SVG, PDF, PNG), written
 * through a temporary file (see figure.h). */
#include "config.h"

#include <stdio.h>
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

/* Draw the figure on surface s and finish it; cairo's status. */
static cairo_status_t
fig_paint(cairo_surface_t *s, figure_format fmt, fig *f, fig_sink *sk,
    void (*draw)(fig *, const void *), const void *arg)
{
	cairo_status_t st;

	f->cr = cairo_create(s);
	if (fmt == FIGURE_PDF)
		cairo_scale(f->cr, 72.0 / FIGURE_DPI, 72.0 / FIGURE_DPI);
	fig_color(f, 0xffffff, 1);
	cairo_paint(f->cr);
	draw(f, arg);
	st = cairo_status(f->cr);
	cairo_destroy(f->cr);
	if (st == CAIRO_STATUS_SUCCESS && fmt == FIGURE_PNG)
		st = cairo_surface_write_to_png_stream(s, sink_write, sk);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	return st;
}

double
fig_font_size(double w, double h)
{
	double fs = (w < 1.5 * h ? w : 1.5 * h) / 55;

	return fs < 9 ? 9 : fs;
}

int
fig_render(const char *path, figure_format fmt, const figure_options *o,
    int replace, const theme *th, const char *title,
    void (*draw)(fig *, const void *), const void *arg, char **cause)
{
	fig f = { .th = th, .w = o->width, .h = o->height, .loss = o->loss };
	fig_sink sk = { .title = title };
	cairo_surface_t *s;
	cairo_status_t st;
	figure_file ff;

	f.fs = fig_font_size(f.w, f.h);
	f.num = (draw_ctx){ &f.num_cv, th, COLOR_TRUE };
	if (figure_file_open(&ff, path, replace, cause) != 0)
		return -1;
	sk.fp = ff.fp;
	if (fmt != FIGURE_SVG)
		sk.title = NULL;
	s = fig_surface(fmt, f.w, f.h, &sk, title);
	st = fig_paint(s, fmt, &f, &sk, draw, arg);
	cairo_surface_destroy(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		figure_file_abort(&ff);
		return sd_fail(cause, "cannot write %s: %s", path,
		    cairo_status_to_string(st));
	}
	return figure_file_commit(&ff, cause);
}
