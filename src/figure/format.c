/* SPDX-License-Identifier: GPL-3.0-or-later */
/* format.c: the figure formats, by --format word and by file extension
 * (see figure.h). */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "figure.h"

/* One format: its --format word, the extensions that choose it, and
 * whether cairo draws it. */
static const struct figure_format_entry {
	const char	*word;
	const char	*ext[2];
	int		 image;
} figure_formats[FIGURE_FORMAT_COUNT] = {
	[FIGURE_SVG] = { "svg", { "svg", NULL }, 1 },
	[FIGURE_PNG] = { "png", { "png", NULL }, 1 },
	[FIGURE_PDF] = { "pdf", { "pdf", NULL }, 1 },
	[FIGURE_ANSI] = { "ansi", { "ans", "ansi" }, 0 },
	[FIGURE_TEXT] = { "text", { "txt", "text" }, 0 },
};

int
figure_format_parse(const char *word, figure_format *fmt, char **cause)
{
	int k;

	for (k = 0; k < FIGURE_FORMAT_COUNT; k++) {
		if (strcmp(word, figure_formats[k].word) == 0) {
			*fmt = (figure_format)k;
			return 0;
		}
	}
	return sd_fail(cause, "unknown format '%s': expected svg, png, pdf, "
	    "ansi or text", word);
}

int
figure_format_of_path(const char *path, figure_format *fmt, char **cause)
{
	const char *base = strrchr(path, '/'), *dot;
	int k, e;

	base = base != NULL ? base + 1 : path;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return sd_fail(cause, "'%s' has no extension to tell the format "
		    "by: expected .svg, .png, .pdf, .ans or .txt (or --format)",
		    path);
	for (k = 0; k < FIGURE_FORMAT_COUNT; k++) {
		for (e = 0; e < 2 && figure_formats[k].ext[e] != NULL; e++) {
			if (strcasecmp(dot + 1, figure_formats[k].ext[e]) == 0) {
				*fmt = (figure_format)k;
				return 0;
			}
		}
	}
	return sd_fail(cause, "unknown extension '%s' of '%s': expected .svg, "
	    ".png, .pdf, .ans or .txt (or --format)", dot, path);
}

const char *
figure_format_name(figure_format fmt)
{
	return figure_formats[fmt].word;
}

int
figure_format_is_image(figure_format fmt)
{
	return figure_formats[fmt].image;
}
