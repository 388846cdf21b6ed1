/* SPDX-License-Identifier: GPL-3.0-or-later */
/* theme.h: colour themes, read from small text files.
 *
 * A theme file (themes/NAME.theme) has one setting per line, a key and
 * its values separated by blanks; '#' starts a comment when it begins a
 * word that is not a colour. Colours are #RRGGBB, or the word "default"
 * for the terminal's own colour where the key allows it:
 *
 *	name      viridis                 (optional; the file name otherwise)
 *	palette   #440154 #31688e ...     2 to 32 stops, low f to high f
 *	contour   #000000 40              iso-line colour, blend percent
 *	undefined #000000                 where f is not finite
 *	min max saddle degenerate COLOUR  stationary-point markers
 *	cursor    COLOUR                  the cursor cross
 *	paths     COLOUR ...              racers, in order (1 to 8)
 *	text dim accent border COLOUR     panel text (may be "default")
 *
 * Only palette is required; every other key falls back to the built-in
 * viridis theme's value. An error names the file, the line and what was
 * expected there. Themes are looked up by name in
 * $XDG_CONFIG_HOME/saddle/themes (default ~/.config/saddle/themes), then
 * the installed $(pkgdatadir)/themes, then the source tree's themes/. */
#ifndef SADDLE_THEME_H
#define SADDLE_THEME_H

#include <stddef.h>
#include <stdint.h>

#include "landscape/finder.h"

#define THEME_STOPS_MAX	32
#define THEME_PATHS_MAX	8
#define THEME_NAME_MAX	64

/* The marker colours, one per family of stationary point. */
typedef enum theme_marker {
	THEME_MIN = 0,
	THEME_MAX,
	THEME_SADDLE,
	THEME_DEGENERATE,
	THEME_MARKER_COUNT
} theme_marker;

typedef struct theme {
	char		name[THEME_NAME_MAX];
	uint32_t	stops[THEME_STOPS_MAX];	/* low f first */
	int		n_stops;
	uint32_t	contour;		/* iso-line colour */
	int		contour_mix;		/* percent blended in */
	uint32_t	undefined;		/* non-finite samples */
	uint32_t	marker[THEME_MARKER_COUNT];
	uint32_t	cursor;
	uint32_t	paths[THEME_PATHS_MAX];
	int		n_paths;
	uint32_t	text, dim, accent, border;
} theme;

/* A theme found in the search path. */
typedef struct theme_entry {
	char	*name;		/* owned */
	char	*path;		/* owned */
} theme_entry;

/* The built-in default (viridis; the same as themes/viridis.theme). */
void theme_default(theme *th);

/* Parse a theme from text; file names it in messages. On error *cause is
 * "FILE:LINE: what was wrong: expected what" and th is unchanged. */
int theme_parse(theme *th, const char *text, const char *file,
    char **cause);

/* Load the theme called spec (a name looked up in the search path) or at
 * spec (a path: it contains '/' or ends in ".theme"). An unknown name
 * lists the known ones. */
int theme_load(theme *th, const char *spec, char **cause);

/* Every theme in the search path, sorted by name; a name found in an
 * earlier directory hides the later ones. Free with theme_list_free. */
int theme_list(theme_entry **out, size_t *n, char **cause);

/* Free what theme_list returned. */
void theme_list_free(theme_entry *list, size_t n);

/* The palette colour at t in [0, 1] (stops evenly spaced, linear
 * between them). */
uint32_t theme_palette(const theme *th, double t);

/* The marker colour for a kind of stationary point. */
uint32_t theme_point_color(const theme *th, sd_point_kind kind);

#endif
