/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmdline.c: the line editor, its history and completion (see
 * cmdline.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

/* Whether byte c continues a UTF-8 character (10xxxxxx). */
#define CMDLINE_CONT(c)	(((unsigned char)(c) & 0xc0) == 0x80)

void
cmdline_init(cmdline *cl)
{
	memset(cl, 0, sizeof *cl);
}

void
cmdline_done(cmdline *cl)
{
	int i;

	cmdline_uncomplete(cl);
	for (i = 0; i < cl->n_history; i++)
		free(cl->history[i]);
	cl->n_history = 0;
	cl->hist = 0;
}

void
cmdline_open(cmdline *cl)
{
	cmdline_uncomplete(cl);
	cl->text[0] = '\0';
	cl->pos = 0;
	cl->hist = cl->n_history;
}

/* ---- editing ------------------------------------------------------------ */

/* The UTF-8 encoding of code point c into enc; its length, or 0 when c is
 * not below U+10000 (the keys beyond are not characters, see screen.h). */
static size_t
cmdline_encode(int c, char enc[3])
{
	if (c < 0)
		return 0;
	if (c < 0x80) {
		enc[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		enc[0] = (char)(0xc0 | (c >> 6));
		enc[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		enc[0] = (char)(0xe0 | (c >> 12));
		enc[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		enc[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	return 0;
}

void
cmdline_insert(cmdline *cl, int c)
{
	char enc[3];
	size_t n, len = strlen(cl->text);

	cmdline_uncomplete(cl);
	if ((n = cmdline_encode(c, enc)) == 0 || len + n >= CMDLINE_MAX)
		return;
	memmove(cl->text + cl->pos + n, cl->text + cl->pos,
	    len - (size_t)cl->pos + 1);
	memcpy(cl->text + cl->pos, enc, n);
	cl->pos += (int)n;
}

/* The first byte of the character after the one at pos (the text only
 * ever holds whole characters, so the continuation bytes say where). */
static int
cmdline_next(const cmdline *cl, int pos)
{
	if (cl->text[pos] == '\0')
		return pos;
	while (CMDLINE_CONT(cl->text[++pos]))
		continue;
	return pos;
}

/* The first byte of the character before pos. */
static int
cmdline_prev(const cmdline *cl, int pos)
{
	while (pos > 0 && CMDLINE_CONT(cl->text[--pos]))
		continue;
	return pos;
}

void
cmdline_delete(cmdline *cl)
{
	int next = cmdline_next(cl, cl->pos);

	cmdline_uncomplete(cl);
	memmove(cl->text + cl->pos, cl->text + next,
	    strlen(cl->text + next) + 1);
}

void
cmdline_backspace(cmdline *cl)
{
	if (cl->pos == 0) {
		cmdline_uncomplete(cl);
		return;
	}
	cl->pos = cmdline_prev(cl, cl->pos);
	cmdline_delete(cl);
}

void
cmdline_left(cmdline *cl)
{
	cmdline_uncomplete(cl);
	cl->pos = cmdline_prev(cl, cl->pos);
}

void
cmdline_right(cmdline *cl)
{
	cmdline_uncomplete(cl);
	cl->pos = cmdline_next(cl, cl->pos);
}

void
cmdline_home(cmdline *cl)
{
	cmdline_uncomplete(cl);
	cl->pos = 0;
}

void
cmdline_end(cmdline *cl)
{
	cmdline_uncomplete(cl);
	cl->pos = (int)strlen(cl->text);
}

void
cmdline_kill(cmdline *cl)
{
	cmdline_uncomplete(cl);
	cl->text[0] = '\0';
	cl->pos = 0;
}

/* ---- history ------------------------------------------------------------ */

void
cmdline_remember(cmdline *cl, const char *line)
{
	char *copy;

	if (*line == '\0' || (cl->n_history > 0 &&
	    strcmp(cl->history[cl->n_history - 1], line) == 0))
		return;
	if ((copy = strdup(line)) == NULL)
		return;
	if (cl->n_history == CMDLINE_HISTORY) {
		free(cl->history[0]);
		memmove(cl->history, cl->history + 1,
		    (CMDLINE_HISTORY - 1) * sizeof *cl->history);
		cl->n_history--;
	}
	cl->history[cl->n_history++] = copy;
}

/* Put history entry k (n_history: the empty new line) in the line. */
static void
cmdline_recall(cmdline *cl, int k)
{
	cmdline_uncomplete(cl);
	if (k < 0 || k > cl->n_history)
		return;
	cl->hist = k;
	snprintf(cl->text, sizeof cl->text, "%s",
	    k < cl->n_history ? cl->history[k] : "");
	cl->pos = (int)strlen(cl->text);
}

void
cmdline_older(cmdline *cl)
{
	cmdline_recall(cl, cl->hist - 1);
}

void
cmdline_newer(cmdline *cl)
{
	cmdline_recall(cl, cl->hist + 1);
}

/* ---- completion --------------------------------------------------------- */

void
cmdline_uncomplete(cmdline *cl)
{
	int i;

	for (i = 0; i < cl->n_cands; i++)
		free(cl->cands[i]);
	free(cl->cands);
	cl->cands = NULL;
	cl->n_cands = 0;
	cl->cand = 0;
}

int
cmdline_word(cmdline *cl)
{
	int from = cl->pos;

	cmdline_uncomplete(cl);
	while (from > 0 && strchr(" ,", cl->text[from - 1]) == NULL)
		from--;
	cl->cand_from = from;
	return from;
}

void
cmdline_offer(cmdline *cl, const char *name)
{
	char **grown;

	if (strncmp(name, cl->text + cl->cand_from,
	    (size_t)(cl->pos - cl->cand_from)) != 0)
		return;
	grown = realloc(cl->cands, (size_t)(cl->n_cands + 1) * sizeof *grown);
	if (grown == NULL)
		return;
	cl->cands = grown;
	if ((cl->cands[cl->n_cands] = strdup(name)) != NULL)
		cl->n_cands++;
}

/* Replace the word being completed (up to the cursor) with s. */
static void
cmdline_put(cmdline *cl, const char *s)
{
	char tail[CMDLINE_MAX];
	int len;

	snprintf(tail, sizeof tail, "%s", cl->text + cl->pos);
	snprintf(cl->text + cl->cand_from,
	    sizeof cl->text - (size_t)cl->cand_from, "%s%s", s, tail);
	len = (int)strlen(cl->text);
	cl->pos = cl->cand_from + (int)strlen(s);
	if (cl->pos > len)
		cl->pos = len;
}

void
cmdline_complete(cmdline *cl, int blank)
{
	if (cl->n_cands == 0)
		return;
	cmdline_put(cl, cl->cands[0]);
	if (cl->n_cands > 1)
		return;
	if (blank && cl->pos < CMDLINE_MAX - 1 && cl->text[cl->pos] == '\0') {
		cl->text[cl->pos++] = ' ';
		cl->text[cl->pos] = '\0';
	}
	cmdline_uncomplete(cl);
}

int
cmdline_cycling(const cmdline *cl)
{
	return cl->n_cands > 1;
}

void
cmdline_cycle(cmdline *cl)
{
	if (cl->n_cands == 0)
		return;
	cl->cand = (cl->cand + 1) % cl->n_cands;
	cmdline_put(cl, cl->cands[cl->cand]);
}
