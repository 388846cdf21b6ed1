/* SPDX-License-Identifier: GPL-3.0-or-later */
/* theme.c: the theme file parser and the theme search path (see
 * theme.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "paths.h"
#include "canvas.h"
#include "color.h"
#include "base/error.h"
#include "theme.h"

/* Most words on one line: a key and up to THEME_STOPS_MAX colours, plus
 * one so that too many can be reported. */
#define THEME_WORDS_MAX (THEME_STOPS_MAX + 2)

/* Longest theme file accepted. */
#define THEME_FILE_MAX 65536

/* How a key's values are read. */
typedef enum theme_kind {
	THEME_KIND_NAME,	/* one word */
	THEME_KIND_STOPS,	/* 2 .. THEME_STOPS_MAX colours */
	THEME_KIND_PATHS,	/* 1 .. THEME_PATHS_MAX colours */
	THEME_KIND_COLOUR,	/* one colour */
	THEME_KIND_TEXT,	/* one colour or "default" */
	THEME_KIND_CONTOUR	/* one colour and an optional percent */
} theme_kind;

/* The keys of a theme file, in the order messages list them. */
static const struct theme_key {
	const char	*key;
	theme_kind	 kind;
	size_t		 offset;	/* of the value in struct theme */
} theme_keys[] = {
	{ "name", THEME_KIND_NAME, offsetof(theme, name) },
	{ "palette", THEME_KIND_STOPS, offsetof(theme, stops) },
	{ "contour", THEME_KIND_CONTOUR, offsetof(theme, contour) },
	{ "undefined", THEME_KIND_COLOUR, offsetof(theme, undefined) },
	{ "min", THEME_KIND_COLOUR, offsetof(theme, marker[THEME_MIN]) },
	{ "max", THEME_KIND_COLOUR, offsetof(theme, marker[THEME_MAX]) },
	{ "saddle", THEME_KIND_COLOUR,
	  offsetof(theme, marker[THEME_SADDLE]) },
	{ "degenerate", THEME_KIND_COLOUR,
	  offsetof(theme, marker[THEME_DEGENERATE]) },
	{ "cursor", THEME_KIND_COLOUR, offsetof(theme, cursor) },
	{ "paths", THEME_KIND_PATHS, offsetof(theme, paths) },
	{ "text", THEME_KIND_TEXT, offsetof(theme, text) },
	{ "dim", THEME_KIND_TEXT, offsetof(theme, dim) },
	{ "accent", THEME_KIND_TEXT, offsetof(theme, accent) },
	{ "border", THEME_KIND_TEXT, offsetof(theme, border) },
	{ NULL, 0, 0 }
};

/* The built-in viridis: the same values as themes/viridis.theme. */
static const theme theme_builtin = {
	.name = "viridis",
	.stops = { 0x440154, 0x482878, 0x3e4989, 0x31688e, 0x26828e,
	    0x1f9e89, 0x35b779, 0x6ece58, 0xb5de2b, 0xfde725 },
	.n_stops = 10,
	.contour = 0x000000,
	.contour_mix = 35,
	.undefined = 0x3a3a3a,
	.marker = { 0xffffff, 0xff3b3b, 0xff9f1c, 0xff5cf0 },
	.cursor = 0xffffff,
	.paths = { 0xff4b4b, 0x4bd8ff, 0xffd23f, 0xff7bf2, 0xffffff,
	    0x9dff6b, 0xff9a3c, 0xb0a4ff },
	.n_paths = 8,
	.text = CANVAS_DEFAULT,
	.dim = 0x8a8a8a,
	.accent = 0x35b779,
	.border = 0x5a5a5a,
};

void
theme_default(theme *th)
{
	*th = theme_builtin;
}

/* Parse "#RRGGBB" into *rgb. */
static int
theme_colour(const char *word, uint32_t *rgb)
{
	char *end;
	unsigned long v;

	if (word[0] != '#' || strlen(word) != 7 ||
	    strspn(word + 1, "0123456789abcdefABCDEF") != 6)
		return -1;
	v = strtoul(word + 1, &end, 16);
	*rgb = (uint32_t)v;
	return 0;
}

/* Read n colours into out; on error *cause names the word. */
static int
theme_colours(char **words, int n, uint32_t *out, const char *where,
    char **cause)
{
	int i;

	for (i = 0; i < n; i++) {
		if (theme_colour(words[i], &out[i]) != 0)
			return sd_fail(cause, "%s: '%s' is not a colour: "
			    "expected #RRGGBB", where, words[i]);
	}
	return 0;
}

/* Check that a list key got between lo and hi values. */
static int
theme_count(const struct theme_key *k, int n, int lo, int hi,
    const char *where, char **cause)
{
	if (n >= lo && n <= hi)
		return 0;
	if (lo == hi)
		return sd_fail(cause, "%s: '%s' takes %d value%s, got %d: "
		    "expected %s", where, k->key, lo, lo == 1 ? "" : "s", n,
		    k->kind == THEME_KIND_TEXT ? "#RRGGBB or default" :
		    k->kind == THEME_KIND_NAME ? "a name" : "#RRGGBB");
	return sd_fail(cause, "%s: '%s' takes %d to %d %s, got %d", where,
	    k->key, lo, hi, k->kind == THEME_KIND_CONTOUR ?
	    "values (#RRGGBB and an optional percent)" : "colours", n);
}

/* The contour key: a colour and an optional blend percent. */
static int
theme_contour(theme *th, char **words, int n, const char *where,
    char **cause)
{
	char *end;
	long pct = th->contour_mix;

	if (theme_colours(words, 1, &th->contour, where, cause) != 0)
		return -1;
	if (n == 2) {
		errno = 0;
		pct = strtol(words[1], &end, 10);
		if (*end != '\0' || end == words[1] || errno != 0 ||
		    pct < 0 || pct > 100)
			return sd_fail(cause, "%s: '%s' is not a percent: "
			    "expected a whole number from 0 to 100", where,
			    words[1]);
	}
	th->contour_mix = (int)pct;
	return 0;
}

/* Store the values of key k (words after the key) into th. */
static int
theme_set(theme *th, const struct theme_key *k, char **words, int n,
    const char *where, char **cause)
{
	uint32_t *slot = (uint32_t *)((char *)th + k->offset);

	switch (k->kind) {
	case THEME_KIND_NAME:
		if (theme_count(k, n, 1, 1, where, cause) != 0)
			return -1;
		if (strlen(words[0]) >= THEME_NAME_MAX)
			return sd_fail(cause, "%s: name '%s' is too long: "
			    "expected at most %d characters", where, words[0],
			    THEME_NAME_MAX - 1);
		strcpy(th->name, words[0]);
		return 0;
	case THEME_KIND_STOPS:
		if (theme_count(k, n, 2, THEME_STOPS_MAX, where, cause) != 0 ||
		    theme_colours(words, n, slot, where, cause) != 0)
			return -1;
		th->n_stops = n;
		return 0;
	case THEME_KIND_PATHS:
		if (theme_count(k, n, 1, THEME_PATHS_MAX, where, cause) != 0 ||
		    theme_colours(words, n, slot, where, cause) != 0)
			return -1;
		th->n_paths = n;
		return 0;
	case THEME_KIND_TEXT:
		if (n == 1 && strcmp(words[0], "default") == 0) {
			*slot = CANVAS_DEFAULT;
			return 0;
		}
		/* FALLTHROUGH */
	case THEME_KIND_COLOUR:
		if (theme_count(k, n, 1, 1, where, cause) != 0)
			return -1;
		if (theme_colour(words[0], slot) == 0)
			return 0;
		return sd_fail(cause, "%s: '%s' is not a colour: expected "
		    "#RRGGBB%s", where, words[0],
		    k->kind == THEME_KIND_TEXT ? " or default" : "");
	case THEME_KIND_CONTOUR:
		if (theme_count(k, n, 1, 2, where, cause) != 0)
			return -1;
		return theme_contour(th, words, n, where, cause);
	}
	return -1;
}

/* "name, palette, ..." for messages. */
static void
theme_key_names(char *buf, size_t len)
{
	const struct theme_key *k;

	*buf = '\0';
	for (k = theme_keys; k->key != NULL; k++) {
		if (k != theme_keys)
			strncat(buf, ", ", len - strlen(buf) - 1);
		strncat(buf, k->key, len - strlen(buf) - 1);
	}
}

/* Split line into blank-separated words; returns how many (at most
 * THEME_WORDS_MAX). */
static int
theme_split(char *line, char **words)
{
	int n = 0;
	char *w;

	for (w = strtok(line, " \t\r"); w != NULL && n < THEME_WORDS_MAX;
	    w = strtok(NULL, " \t\r"))
		words[n++] = w;
	return n;
}

/* Parse one line (number lineno) into th; seen records the line each key
 * was set on. */
static int
theme_line(theme *th, char *line, const char *file, int lineno, int *seen,
    char **cause)
{
	const struct theme_key *k;
	char *words[THEME_WORDS_MAX], where[512], keys[256];
	int n;

	snprintf(where, sizeof where, "%s:%d", file, lineno);
	n = theme_split(line, words);
	if (n == 0 || words[0][0] == '#')
		return 0;
	for (k = theme_keys; k->key != NULL; k++) {
		if (strcmp(k->key, words[0]) == 0)
			break;
	}
	if (k->key == NULL) {
		theme_key_names(keys, sizeof keys);
		return sd_fail(cause, "%s: unknown key '%s': expected one of %s",
		    where, words[0], keys);
	}
	if (seen[k - theme_keys] != 0)
		return sd_fail(cause, "%s: '%s' was already set on line %d: "
		    "expected each key once", where, k->key,
		    seen[k - theme_keys]);
	seen[k - theme_keys] = lineno;
	return theme_set(th, k, words + 1, n - 1, where, cause);
}

/* The name a theme file gets from its path: base name without .theme. */
static void
theme_name_of(const char *path, char *name, size_t len)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 6 && strcmp(base + n - 6, ".theme") == 0)
		n -= 6;
	if (n >= len)
		n = len - 1;
	memcpy(name, base, n);
	name[n] = '\0';
}

int
theme_parse(theme *th, const char *text, const char *file, char **cause)
{
	int seen[sizeof theme_keys / sizeof *theme_keys] = { 0 };
	int lineno = 0, rc = 0;
	char *copy, *line, *next;
	theme t;

	theme_default(&t);
	t.name[0] = '\0';
	/* Some editors start a UTF-8 file with a byte-order mark. */
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	if ((copy = strdup(text)) == NULL)
		return sd_fail(cause, "out of memory");
	for (line = copy; line != NULL && rc == 0; line = next) {
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		rc = theme_line(&t, line, file, ++lineno, seen, cause);
	}
	free(copy);
	if (rc != 0)
		return -1;
	/* theme_keys[1] is the palette, the one key without a default. */
	if (seen[1] == 0)
		return sd_fail(cause, "%s: no palette: expected a line "
		    "'palette #RRGGBB #RRGGBB ...' with 2 to %d colours", file,
		    THEME_STOPS_MAX);
	if (t.name[0] == '\0')
		theme_name_of(file, t.name, sizeof t.name);
	*th = t;
	return 0;
}

/* Read a whole (small) file; NULL with *cause on error. */
static char *
theme_read(const char *path, char **cause)
{
	struct stat sb;
	FILE *fp;
	char *buf;
	size_t n;
	int err;

	/* Before fopen: it opens a directory (reading then fails) and
	 * waits on a FIFO for a writer. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		sd_fail(cause, "%s: %s: expected a theme file", path,
		    S_ISDIR(sb.st_mode) ? "is a directory" :
		    "not a regular file");
		return NULL;
	}
	if ((fp = fopen(path, "r")) == NULL) {
		sd_fail(cause, "%s: %s", path, strerror(errno));
		return NULL;
	}
	if ((buf = malloc(THEME_FILE_MAX + 1)) == NULL) {
		fclose(fp);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	n = fread(buf, 1, THEME_FILE_MAX + 1, fp);
	err = ferror(fp) ? (errno != 0 ? errno : EIO) : 0;
	fclose(fp);
	if (err != 0) {
		free(buf);
		sd_fail(cause, "%s: %s", path, strerror(err));
		return NULL;
	}
	if (n > THEME_FILE_MAX) {
		free(buf);
		sd_fail(cause, "%s: longer than %d bytes: expected a theme "
		    "file", path, THEME_FILE_MAX);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* Load one theme file. */
static int
theme_load_path(theme *th, const char *path, char **cause)
{
	char *text;
	int rc;

	if ((text = theme_read(path, cause)) == NULL)
		return -1;
	rc = theme_parse(th, text, path, cause);
	free(text);
	return rc;
}

/* The directories searched for themes, in order; returns how many were
 * written to dirs (each malloc'd). $SADDLE_DATADIR stands in for the
 * installed data directory: the tests point an uninstalled program at
 * the source tree with it, whose path is never compiled in. */
static int
theme_dirs(char **dirs)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	const char *data = getenv("SADDLE_DATADIR");
	int n = 0;

	if (xdg != NULL && *xdg == '/')
		dirs[n++] = sd_printf("%s/saddle/themes", xdg);
	else if (home != NULL && *home != '\0')
		dirs[n++] = sd_printf("%s/.config/saddle/themes", home);
	dirs[n++] = sd_printf("%s/themes", data != NULL && *data != '\0' ?
	    data : SADDLE_DATADIR);
	return n;
}

/* Free the directories theme_dirs made. */
static void
theme_dirs_free(char **dirs, int n)
{
	while (n-- > 0)
		free(dirs[n]);
}

/* Whether path names a regular file. */
static int
theme_is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* "viridis, magma, ..." for messages, malloc'd. */
static char *
theme_known(void)
{
	theme_entry *list;
	size_t i, n;
	char *s = NULL, *t;

	if (theme_list(&list, &n, NULL) != 0)
		return NULL;
	for (i = 0; i < n; i++) {
		t = sd_printf("%s%s%s", s ? s : "", s ? ", " : "",
		    list[i].name);
		free(s);
		s = t;
	}
	theme_list_free(list, n);
	return s;
}

int
theme_load(theme *th, const char *spec, char **cause)
{
	char *dirs[3], *path, *known;
	int n, i, rc = 1;
	size_t len = strlen(spec);

	if (strchr(spec, '/') != NULL ||
	    (len > 6 && strcmp(spec + len - 6, ".theme") == 0))
		return theme_load_path(th, spec, cause);
	n = theme_dirs(dirs);
	for (i = 0; i < n && rc == 1; i++) {
		path = dirs[i] ? sd_printf("%s/%s.theme", dirs[i], spec) : NULL;
		if (path != NULL && theme_is_file(path))
			rc = theme_load_path(th, path, cause);
		free(path);
	}
	theme_dirs_free(dirs, n);
	if (rc != 1)
		return rc;
	if (strcmp(spec, theme_builtin.name) == 0) {
		theme_default(th);
		return 0;
	}
	known = theme_known();
	sd_fail(cause, "unknown theme '%s': expected one of %s, or the path "
	    "of a .theme file", spec, known ? known : theme_builtin.name);
	free(known);
	return -1;
}

/* Order entries by name. */
static int
theme_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const theme_entry *)a)->name,
	    ((const theme_entry *)b)->name);
}

/* Whether name is already in list[0..n). */
static int
theme_listed(const theme_entry *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(list[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/* Add the *.theme files of dir to the list. */
static int
theme_scan(const char *dir, theme_entry **list, size_t *n, size_t *cap)
{
	char name[THEME_NAME_MAX], *path;
	struct dirent *de;
	theme_entry *grown;
	size_t len;
	DIR *dp;

	if ((dp = opendir(dir)) == NULL)
		return 0;
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len <= 6 || strcmp(de->d_name + len - 6, ".theme") != 0)
			continue;
		theme_name_of(de->d_name, name, sizeof name);
		path = sd_printf("%s/%s", dir, de->d_name);
		if (path == NULL || theme_listed(*list, *n, name) ||
		    !theme_is_file(path)) {
			free(path);
			continue;
		}
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 8;
			if ((grown = realloc(*list, *cap * sizeof **list)) ==
			    NULL) {
				free(path);
				closedir(dp);
				return -1;
			}
			*list = grown;
		}
		(*list)[*n].path = path;
		if (((*list)[*n].name = strdup(name)) == NULL) {
			free(path);
			closedir(dp);
			return -1;
		}
		(*n)++;
	}
	closedir(dp);
	return 0;
}

int
theme_list(theme_entry **out, size_t *n, char **cause)
{
	char *dirs[3];
	size_t cap = 0;
	int i, nd, rc = 0;

	*out = NULL;
	*n = 0;
	nd = theme_dirs(dirs);
	for (i = 0; i < nd && rc == 0; i++) {
		if (dirs[i] != NULL)
			rc = theme_scan(dirs[i], out, n, &cap);
	}
	theme_dirs_free(dirs, nd);
	if (rc != 0) {
		theme_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return sd_fail(cause, "out of memory");
	}
	if (*n > 0)
		qsort(*out, *n, sizeof **out, theme_entry_cmp);
	return 0;
}

void
theme_list_free(theme_entry *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].name);
		free(list[i].path);
	}
	free(list);
}

uint32_t
theme_palette(const theme *th, double t)
{
	double pos;
	int k;

	if (!(t > 0))
		return th->stops[0];
	if (t >= 1)
		return th->stops[th->n_stops - 1];
	pos = t * (th->n_stops - 1);
	k = (int)pos;
	return color_mix(th->stops[k], th->stops[k + 1], pos - k);
}

uint32_t
theme_point_color(const theme *th, sd_point_kind kind)
{
	static const theme_marker family[SD_POINT_KIND_COUNT] = {
		[SD_POINT_MIN] = THEME_MIN,
		[SD_POINT_MAX] = THEME_MAX,
		[SD_POINT_SADDLE] = THEME_SADDLE,
		[SD_POINT_DEGENERATE_MIN] = THEME_DEGENERATE,
		[SD_POINT_DEGENERATE_MAX] = THEME_DEGENERATE,
		[SD_POINT_DEGENERATE_SADDLE] = THEME_DEGENERATE,
	};

	return th->marker[family[kind]];
}
