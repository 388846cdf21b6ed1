/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tour.c: reading a tour file into its stops (see tour.h). */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/params.h"
#include "optimizers/optimizer.h"
#include "paths.h"
#include "tour.h"

/* The longest line a tour file may have. */
#define TOUR_LINE	1024

/* Where the parser is: the file, the line, and the stop being read. */
typedef struct tour_reader {
	tour		*t;
	int		 line;
	tour_stop	*stop;		/* NULL before the first `stop` */
} tour_reader;

/* The words `expect` counts, in tour_count's order. */
static const char *const tour_counts[] = {
	"points", "minima", "maxima", "saddles", "degenerate", "eigenvalues",
	"ends"
};

/* The words of `expect ends`, in tour_end's order. */
static const char *const tour_ends[] = { "min", "saddle", "max" };

const char *
tour_end_name(tour_end end)
{
	return tour_ends[end];
}

const char *
tour_count_name(tour_count what)
{
	return tour_counts[what];
}

const char *
tour_default_path(char *buf, size_t len)
{
	const char *data = getenv("SADDLE_DATADIR");

	snprintf(buf, len, "%s/tours/chapter.tour", data != NULL &&
	    *data != '\0' ? data : SADDLE_DATADIR);
	return buf;
}

/* Fail with "PATH:LINE: " before the message. */
static int
tour_fail(const tour_reader *r, char **cause, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
tour_fail(const tour_reader *r, char **cause, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = sd_vprintf(fmt, ap);
	va_end(ap);
	sd_fail(cause, "%s:%d: %s", r->t->path, r->line, msg ? msg :
	    "out of memory");
	free(msg);
	return -1;
}

/* The next word of *s (blanks end it; '…' keeps them), malloc'd; NULL
 * at the end or with *cause for an unclosed quote. */
static char *
tour_word(const tour_reader *r, const char **s, char **cause)
{
	const char *p = *s + strspn(*s, " \t"), *end;
	char *w;

	if (*p == '\0')
		return NULL;
	if (*p == '\'') {
		if ((end = strchr(p + 1, '\'')) == NULL) {
			tour_fail(r, cause, "a quote opened at '%s' is not "
			    "closed: expected a closing '", p);
			return NULL;
		}
		w = strndup(p + 1, (size_t)(end - p - 1));
		*s = end + 1;
	} else {
		end = p + strcspn(p, " \t");
		w = strndup(p, (size_t)(end - p));
		*s = end;
	}
	if (w == NULL)
		sd_fail(cause, "out of memory");
	return w;
}

/* A directive that needs a stop before it. */
static int
tour_need_stop(const tour_reader *r, const char *word, char **cause)
{
	if (r->stop != NULL)
		return 0;
	return tour_fail(r, cause, "'%s' before the first stop: expected "
	    "'stop TITLE' first", word);
}

/* stop TITLE */
static int
tour_stop_line(tour_reader *r, const char *rest, char **cause)
{
	tour *t = r->t;
	tour_stop *s;

	if (*rest == '\0')
		return tour_fail(r, cause, "a stop without a title: expected "
		    "'stop TITLE'");
	if ((s = realloc(t->stops, (t->n + 1) * sizeof *s)) == NULL)
		return sd_fail(cause, "out of memory");
	t->stops = s;
	r->stop = s = &t->stops[t->n++];
	memset(s, 0, sizeof *s);
	s->line = r->line;
	if ((s->title = strdup(rest)) == NULL)
		return sd_fail(cause, "out of memory");
	return 0;
}

/* args WORD... */
static int
tour_args_line(tour_reader *r, const char *rest, char **cause)
{
	tour_stop *s = r->stop;
	char *w;

	if (s->argc > 0)
		return tour_fail(r, cause, "a second 'args' in stop '%s': "
		    "expected one per stop", s->title);
	s->args_line = r->line;
	if ((s->argv[s->argc++] = strdup("saddle")) == NULL)
		return sd_fail(cause, "out of memory");
	while ((w = tour_word(r, &rest, cause)) != NULL) {
		if (s->argc > TOUR_WORDS) {
			free(w);
			return tour_fail(r, cause, "more than %d words: "
			    "expected at most %d", TOUR_WORDS, TOUR_WORDS);
		}
		s->argv[s->argc++] = w;
	}
	return *cause != NULL ? -1 : 0;
}

/* do :COMMAND */
static int
tour_do_line(tour_reader *r, const char *rest, char **cause)
{
	tour_stop *s = r->stop;

	if (rest[0] != ':' || rest[1] == '\0')
		return tour_fail(r, cause, "'do %s': expected 'do :COMMAND', "
		    "a command of the visualizer's ':' line", rest);
	if (s->n_dos == TOUR_DOS)
		return tour_fail(r, cause, "more than %d 'do' lines in stop "
		    "'%s'", TOUR_DOS, s->title);
	s->do_line[s->n_dos] = r->line;
	if ((s->dos[s->n_dos++] = strdup(rest + 1)) == NULL)
		return sd_fail(cause, "out of memory");
	return 0;
}

/* text LINE */
static int
tour_text_line(tour_reader *r, const char *rest, char **cause)
{
	tour_stop *s = r->stop;
	size_t used = strlen(s->text);

	if (s->n_text == TOUR_TEXTS)
		return tour_fail(r, cause, "more than %d 'text' lines in stop "
		    "'%s'", TOUR_TEXTS, s->title);
	s->text_at[s->n_text++] = r->line;
	if (s->text_line == 0)
		s->text_line = r->line;
	if (used + strlen(rest) + 2 > sizeof s->text)
		return tour_fail(r, cause, "the text of stop '%s' is longer "
		    "than %zu bytes", s->title, sizeof s->text - 1);
	snprintf(s->text + used, sizeof s->text - used, "%s%s",
	    s->text_line == r->line ? "" : "\n", rest);
	return 0;
}

/* KIND:K of `expect eigenvalues` into e. */
static int
tour_expect_point(const tour_reader *r, const char *word, tour_expect *e,
    char **cause)
{
	const char *colon = strchr(word, ':');
	unsigned long k;
	int kind;

	for (kind = 0; kind < SD_POINT_KIND_COUNT; kind++) {
		const char *name = sd_point_kind_name((sd_point_kind)kind);

		if (colon != NULL && strlen(name) == (size_t)(colon - word) &&
		    strncmp(name, word, strlen(name)) == 0)
			break;
	}
	if (kind == SD_POINT_KIND_COUNT || sd_whole_parse("K", colon + 1, 1,
	    1000, &k, NULL) != 0)
		return tour_fail(r, cause, "'%s': expected KIND:K, a kind "
		    "(min, max, saddle, degenerate-min, ...) and its place "
		    "from 1", word);
	e->kind = (sd_point_kind)kind;
	e->index = k - 1;
	return 0;
}

/* "A,B" of `expect eigenvalues` into e, ascending. */
static int
tour_expect_lambda(const tour_reader *r, const char *word, tour_expect *e,
    char **cause)
{
	const char *second;
	char *end;
	double t;
	int ok;

	errno = 0;
	e->lambda[0] = strtod(word, &end);
	ok = end != word && *end == ',';
	if (ok) {
		second = end + 1;
		e->lambda[1] = strtod(second, &end);
		ok = end != second && *end == '\0';
	}
	if (!ok || errno != 0)
		return tour_fail(r, cause, "'%s': expected two eigenvalues "
		    "A,B", word);
	if (e->lambda[0] > e->lambda[1]) {
		t = e->lambda[0];
		e->lambda[0] = e->lambda[1];
		e->lambda[1] = t;
	}
	return 0;
}

/* METHOD and min|saddle|max of `expect ends` into e. */
static int
tour_expect_ends(const tour_reader *r, const char *method, const char *end,
    tour_expect *e, char **cause)
{
	char *why = NULL;
	int k;

	if (sd_optimizer_find(method, &why) == NULL) {
		tour_fail(r, cause, "%s", why);
		free(why);
		return -1;
	}
	snprintf(e->method, sizeof e->method, "%s", method);
	for (k = 0; k <= TOUR_END_MAX; k++)
		if (strcmp(end, tour_ends[k]) == 0) {
			e->end = (tour_end)k;
			return 0;
		}
	return tour_fail(r, cause, "'%s': expected where the racer ends: min, "
	    "saddle or max", end);
}

/* expect KIND N, expect eigenvalues KIND:K A,B, expect ends METHOD END */
static int
tour_expect_line(tour_reader *r, const char *rest, char **cause)
{
	tour_stop *s = r->stop;
	const char *all = rest;
	tour_expect *e;
	char *w[4] = { NULL, NULL, NULL, NULL };
	unsigned long n;
	int i, rc = -1, two;

	if (s->n_expects == TOUR_EXPECTS)
		return tour_fail(r, cause, "more than %d 'expect' lines in "
		    "stop '%s'", TOUR_EXPECTS, s->title);
	e = &s->expects[s->n_expects];
	memset(e, 0, sizeof *e);
	e->line = r->line;
	for (i = 0; i < 4 && (w[i] = tour_word(r, &rest, cause)) != NULL; i++)
		;
	if (*cause != NULL)
		goto out;
	for (i = 0; w[0] != NULL && i <= TOUR_ENDS; i++)
		if (strcmp(w[0], tour_counts[i]) == 0)
			break;
	two = i == TOUR_EIGENVALUES || i == TOUR_ENDS;
	if (w[0] == NULL || i > TOUR_ENDS || w[1] == NULL ||
	    (w[2] == NULL) == two || w[3] != NULL) {
		tour_fail(r, cause, "'expect %s': expected 'expect KIND N' "
		    "(KIND: points, minima, maxima, saddles, degenerate), "
		    "'expect eigenvalues KIND:K A,B' or 'expect ends METHOD "
		    "min|saddle|max'", all);
		goto out;
	}
	e->what = (tour_count)i;
	if (e->what == TOUR_EIGENVALUES)
		rc = tour_expect_point(r, w[1], e, cause) != 0 ? -1 :
		    tour_expect_lambda(r, w[2], e, cause);
	else if (e->what == TOUR_ENDS)
		rc = tour_expect_ends(r, w[1], w[2], e, cause);
	else if (sd_whole_parse("N", w[1], 0, 100000, &n, NULL) != 0)
		tour_fail(r, cause, "'%s': expected a count of points", w[1]);
	else {
		e->n = n;
		rc = 0;
	}
	if (rc == 0)
		s->n_expects++;
out:
	for (i = 0; i < 4; i++)
		free(w[i]);
	return rc;
}

/* One directive, its handler, and whether it needs a stop first. */
static const struct tour_directive {
	const char	*word;
	int		(*fn)(tour_reader *, const char *, char **);
	int		 in_stop;
} tour_directives[] = {
	{ "stop", tour_stop_line, 0 },
	{ "args", tour_args_line, 1 },
	{ "do", tour_do_line, 1 },
	{ "text", tour_text_line, 1 },
	{ "expect", tour_expect_line, 1 },
	{ NULL, NULL, 0 }
};

/* One line, its newline removed. */
static int
tour_line(tour_reader *r, char *line, char **cause)
{
	const struct tour_directive *d;
	char *p = line + strspn(line, " \t"), *rest;
	size_t len;

	if (*p == '#' || *p == '\0')
		return 0;
	len = strcspn(p, " \t");
	rest = p + len + strspn(p + len, " \t");
	for (d = tour_directives; d->word != NULL; d++) {
		if (strlen(d->word) != len || strncmp(d->word, p, len) != 0)
			continue;
		if (d->in_stop && tour_need_stop(r, d->word, cause) != 0)
			return -1;
		p[len] = '\0';
		return d->fn(r, rest, cause);
	}
	return tour_fail(r, cause, "unknown word '%.*s': expected stop, args, "
	    "do, text or expect", (int)len, p);
}

/* Each stop has its args and its text. */
static int
tour_complete(tour_reader *r, char **cause)
{
	size_t i;

	if (r->t->n == 0)
		return tour_fail(r, cause, "no stops: expected at least one "
		    "'stop TITLE'");
	for (i = 0; i < r->t->n; i++) {
		r->line = r->t->stops[i].line;
		if (r->t->stops[i].argc == 0)
			return tour_fail(r, cause, "stop '%s' has no 'args' "
			    "line: expected its objective and options",
			    r->t->stops[i].title);
		if (r->t->stops[i].text_line == 0)
			return tour_fail(r, cause, "stop '%s' has no 'text': "
			    "expected what the stop shows",
			    r->t->stops[i].title);
	}
	return 0;
}

int
tour_load(tour *t, const char *path, char **cause)
{
	tour_reader r = { t, 0, NULL };
	char line[TOUR_LINE + 2];
	FILE *fp;
	int rc = 0;

	memset(t, 0, sizeof *t);
	if ((t->path = strdup(path)) == NULL)
		return sd_fail(cause, "out of memory");
	if ((fp = fopen(path, "r")) == NULL) {
		sd_fail(cause, "tour '%s': %s", path, strerror(errno));
		tour_free(t);
		return -1;
	}
	while (rc == 0 && fgets(line, sizeof line, fp) != NULL) {
		r.line++;
		if (strlen(line) > TOUR_LINE) {
			rc = tour_fail(&r, cause, "a line longer than %d "
			    "bytes", TOUR_LINE);
			break;
		}
		line[strcspn(line, "\r\n")] = '\0';
		rc = tour_line(&r, line, cause);
	}
	if (rc == 0 && ferror(fp))
		rc = sd_fail(cause, "tour '%s': %s", path, strerror(errno));
	fclose(fp);
	if (rc == 0)
		rc = tour_complete(&r, cause);
	if (rc != 0)
		tour_free(t);
	return rc;
}

void
tour_free(tour *t)
{
	size_t i;
	int k;

	for (i = 0; i < t->n; i++) {
		free(t->stops[i].title);
		for (k = 0; k < t->stops[i].argc; k++)
			free(t->stops[i].argv[k]);
		for (k = 0; k < t->stops[i].n_dos; k++)
			free(t->stops[i].dos[k]);
	}
	free(t->stops);
	free(t->path);
	memset(t, 0, sizeof *t);
}
