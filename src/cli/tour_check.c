/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tour_check.c: `saddle tour --check` (tour_check.h). Each stop is built
 * as the visualizer builds it, its points found in its window; then its
 * `expect` lines are compared with them, and its text is read for counts
 * of points ("3 saddles", "two minima") and pairs of eigenvalues
 * ("eigenvalues −4 and 2"), each of which an `expect` line must state. */
#include "config.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "tour_check.h"

/* What separates the words of a text. */
#define TOUR_SEP	" \n,;:()"

/* How near a racer must end to a stationary point, as a share of the
 * window's shorter side (sgd's noise keeps it about 1e-2 off). */
#define TOUR_NEAR	0.05

/* How near a stated eigenvalue must be. */
#define TOUR_LAMBDA_TOL	1e-6

/* The number words a text may count with. */
static const char *const tour_numbers[] = {
	"no", "one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve", NULL
};

/* What the word after a count counts, by its start; -1: nothing. */
static int
tour_counted(const char *w)
{
	static const struct { const char *start; tour_count what; } c[] = {
		{ "minim", TOUR_MINIMA }, { "maxim", TOUR_MAXIMA },
		{ "saddle", TOUR_SADDLES }, { "degenerate", TOUR_DEGENERATE },
		{ "stationary", TOUR_POINTS }, { "point", TOUR_POINTS }
	};
	size_t i;

	for (i = 0; i < sizeof c / sizeof *c; i++)
		if (strncmp(w, c[i].start, strlen(c[i].start)) == 0)
			return (int)c[i].what;
	return -1;
}

/* How many points of what the list holds. */
static size_t
tour_count_of(const sd_point_list *l, tour_count what)
{
	size_t i, n = 0;

	for (i = 0; i < l->n; i++) {
		sd_point_kind k = l->points[i].kind;

		n += what == TOUR_POINTS ||
		    (what == TOUR_MINIMA && k == SD_POINT_MIN) ||
		    (what == TOUR_MAXIMA && k == SD_POINT_MAX) ||
		    (what == TOUR_SADDLES && k == SD_POINT_SADDLE) ||
		    (what == TOUR_DEGENERATE && k >= SD_POINT_DEGENERATE_MIN);
	}
	return n;
}

/* The index-th point of kind in the list, or NULL. */
static const sd_point *
tour_point(const sd_point_list *l, sd_point_kind kind, size_t index)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->points[i].kind == kind && index-- == 0)
			return &l->points[i];
	return NULL;
}

/* The view's racer of method, or NULL. */
static const racer *
tour_racer(const view *v, const char *method)
{
	int i;

	for (i = 0; i < v->n_racers; i++)
		if (strcmp(v->racers[i]->opt->type->name, method) == 0)
			return v->racers[i];
	return NULL;
}

/* The kind of stationary point nearest to where r is now, if one is
 * within TOUR_NEAR of the window's shorter side; else -1. */
static int
tour_racer_end(const view *v, const racer *r)
{
	const double side = fmin(v->window.xmax - v->window.xmin,
	    v->window.ymax - v->window.ymin);
	double a, b, d, best = TOUR_NEAR * side;
	sd_point_kind k;
	size_t i;
	int end = -1;

	if (r->trace.n == 0)
		return -1;
	racer_at(r, &v->chart, r->trace.n - 1, &a, &b);
	for (i = 0; i < v->points.n; i++) {
		d = hypot(v->points.points[i].a - a, v->points.points[i].b - b);
		if (!(d <= best))
			continue;
		best = d;
		k = v->points.points[i].kind;
		end = sd_point_kind_is_min(k) ? TOUR_END_MIN :
		    k == SD_POINT_MAX || k == SD_POINT_DEGENERATE_MAX ?
		    TOUR_END_MAX : TOUR_END_SADDLE;
	}
	return end;
}

/* expect ends: run the racers (the first time), then where does the one
 * of e's method end; 0 when it is where e says. */
static int
tour_ends_hold(const tour *t, const tour_stop *s, const tour_expect *e,
    view *v, int *ran)
{
	char *cause = NULL;
	sd_scale scale;
	const racer *r;
	int end, k;

	if (!*ran) {
		*ran = 1;
		if (v->n_pending > 0 && (sd_objective_scale(v->obj, &scale,
		    &cause) != 0 || view_take_scale(v, &scale, &cause) != 0)) {
			k = cli_usage("%s:%d: stop '%s': %s", t->path, e->line,
			    s->title, cause);
			free(cause);
			return k;
		}
		for (k = 0; k < TOUR_ENDS_STEPS; k++)
			view_step(v);
	}
	if ((r = tour_racer(v, e->method)) == NULL)
		return cli_usage("%s:%d: stop '%s': no racer runs %s: expected "
		    "it in the stop's --optimizer", t->path, e->line, s->title,
		    e->method);
	if ((end = tour_racer_end(v, r)) == (int)e->end)
		return 0;
	return cli_usage("%s:%d: stop '%s': expect ends %s %s, but after %d "
	    "steps it is %s%s", t->path, e->line, s->title, e->method,
	    tour_end_name(e->end), TOUR_ENDS_STEPS, end < 0 ? "at no "
	    "stationary point" : "at a ", end < 0 ? "" :
	    tour_end_name((tour_end)end));
}

/* One expect line against the points; 0 when it holds. */
static int
tour_expect_holds(const tour *t, const tour_stop *s, const tour_expect *e,
    const sd_point_list *l)
{
	const sd_point *p;
	size_t n;

	if (e->what != TOUR_EIGENVALUES) {
		if ((n = tour_count_of(l, e->what)) == e->n)
			return 0;
		return cli_usage("%s:%d: stop '%s': expect %s %zu, but the "
		    "finder finds %zu", t->path, e->line, s->title,
		    tour_count_name(e->what), e->n, n);
	}
	p = tour_point(l, e->kind, e->index);
	if (p != NULL && fabs(p->lambda_min - e->lambda[0]) <= TOUR_LAMBDA_TOL &&
	    fabs(p->lambda_max - e->lambda[1]) <= TOUR_LAMBDA_TOL)
		return 0;
	if (p == NULL)
		return cli_usage("%s:%d: stop '%s': there is no %s number %zu",
		    t->path, e->line, s->title, sd_point_kind_name(e->kind),
		    e->index + 1);
	return cli_usage("%s:%d: stop '%s': %s %zu has eigenvalues %.9g and "
	    "%.9g, not %.9g and %.9g", t->path, e->line, s->title,
	    sd_point_kind_name(e->kind), e->index + 1, p->lambda_min,
	    p->lambda_max, e->lambda[0], e->lambda[1]);
}

/* Whether an expect of s says what = n. */
static int
tour_stated(const tour_stop *s, tour_count what, size_t n)
{
	int i;

	for (i = 0; i < s->n_expects; i++)
		if (s->expects[i].what == what && s->expects[i].n == n)
			return 1;
	return 0;
}

/* Whether an expect eigenvalues of s says the pair a, b. */
static int
tour_stated_pair(const tour_stop *s, double a, double b)
{
	const tour_expect *e;
	int i;

	for (i = 0; i < s->n_expects; i++) {
		e = &s->expects[i];
		if (e->what == TOUR_EIGENVALUES &&
		    fabs(e->lambda[0] - fmin(a, b)) <= TOUR_LAMBDA_TOL &&
		    fabs(e->lambda[1] - fmax(a, b)) <= TOUR_LAMBDA_TOL)
			return 1;
	}
	return 0;
}

/* The count a word states ("3", "three"), or -1. */
static long
tour_count_word(const char *w, size_t len)
{
	char *end;
	long n;
	int i;

	if (isdigit((unsigned char)w[0])) {
		n = strtol(w, &end, 10);
		return (size_t)(end - w) == len ? n : -1;
	}
	for (i = 0; tour_numbers[i] != NULL; i++)
		if (strlen(tour_numbers[i]) == len &&
		    strncasecmp(w, tour_numbers[i], len) == 0)
			return i;
	return -1;
}

/* The text, lowered to ASCII where it matters: U+2212 (−) becomes '-'. */
static void
tour_plain(const char *in, char *out, size_t len)
{
	size_t o = 0;

	while (*in != '\0' && o + 1 < len) {
		if (strncmp(in, "\xe2\x88\x92", 3) == 0) {
			out[o++] = '-';
			in += 3;
		} else
			out[o++] = *in++;
	}
	out[o] = '\0';
}

/* "eigenvalues A and B" at s: whether an expect states the pair; 1 when
 * it is not a pair of numbers (nothing to check). */
static int
tour_pair_checked(const tour_stop *st, const char *s)
{
	char *end;
	double a, b;

	a = strtod(s, &end);
	if (end == s || strncmp(end, " and ", 5) != 0)
		return 1;
	s = end + 5;
	b = strtod(s, &end);
	return end == s || tour_stated_pair(st, a, b);
}

/* The file's line of the text line that holds w (text: the stop's text
 * as tour_plain made it). */
static int
tour_line_of(const tour_stop *s, const char *text, const char *w)
{
	int k = 0;

	for (; text < w; text++)
		k += *text == '\n';
	return k < s->n_text ? s->text_at[k] : s->text_line;
}

/* How much of the words at s to quote: a few, within their line. */
static int
tour_phrase(const char *s)
{
	size_t n = strcspn(s, "\n,;:");

	return (int)(n < 20 ? n : 20);
}

/* The text's counts and eigenvalues: each must be stated by an expect;
 * returns how many are not (each printed). */
static int
tour_text_checked(const tour *t, const tour_stop *s)
{
	char text[TOUR_TEXT], *w = text, *next;
	size_t len;
	long n;
	int bad = 0, what;

	tour_plain(s->text, text, sizeof text);
	for (w = text; *(w += strspn(w, TOUR_SEP)) != '\0'; w += len) {
		len = strcspn(w, TOUR_SEP);
		next = w + len + strspn(w + len, " ");
		if (len == 11 && strncmp(w, "eigenvalues", len) == 0 &&
		    !tour_pair_checked(s, next)) {
			bad += cli_usage("%s:%d: stop '%s': the text says "
			    "'eigenvalues %.*s' but no 'expect eigenvalues' "
			    "states them", t->path, tour_line_of(s, text, w),
			    s->title, tour_phrase(next), next) != 0;
		}
		if ((n = tour_count_word(w, len)) < 0 ||
		    (what = tour_counted(next)) < 0)
			continue;
		if (!tour_stated(s, (tour_count)what, (size_t)n))
			bad += cli_usage("%s:%d: stop '%s': the text says "
			    "'%.*s %.*s' but no 'expect %s %ld' checks it",
			    t->path, tour_line_of(s, text, w), s->title,
			    (int)len, w, tour_phrase(next), next,
			    tour_count_name((tour_count)what), n) != 0;
	}
	return bad;
}

int
tour_check(const tour *t)
{
	char *cause = NULL;
	size_t k;
	view v;
	int i, bad = 0, rc, ran;

	for (k = 0; k < t->n; k++) {
		const tour_stop *s = &t->stops[k];

		if ((rc = tour_view(t, k, &v, NULL)) != 0)
			return rc;
		ran = 0;
		if (view_refresh_points(&v, &cause) != 0) {
			bad += cli_usage("%s:%d: stop '%s': %s", t->path,
			    s->args_line, s->title, cause) != 0;
			free(cause);
			cause = NULL;
		}
		for (i = 0; i < s->n_expects; i++)
			bad += (s->expects[i].what == TOUR_ENDS ?
			    tour_ends_hold(t, s, &s->expects[i], &v, &ran) :
			    tour_expect_holds(t, s, &s->expects[i],
			    &v.points)) != 0;
		bad += tour_text_checked(t, s);
		view_done(&v);
	}
	return bad > 0 ? CLI_EXIT_RUNTIME : 0;
}
