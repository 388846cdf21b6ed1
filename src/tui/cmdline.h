/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmdline.h: a one-line editor with a history and completion, for the
 * visualizer's ':' line (htop's LineEditor and History are the model).
 *
 * The text is UTF-8, edited at a cursor that always sits on a character's
 * first byte. The history keeps the lines entered, oldest first, without
 * empty lines or a line equal to the one before it; when it is full the
 * oldest goes. Completion works on the word before the cursor (back to a
 * blank or a comma): cmdline_word marks it, the caller offers the names
 * that could stand there (cmdline_offer keeps those the word begins), and
 * cmdline_complete puts the first in its place; while more than one is
 * offered, cmdline_cycle shows the next. Any other edit ends the
 * completion (cmdline_uncomplete). Pure C: it knows nothing of keys, the
 * screen or what the line means. */
#ifndef SADDLE_CMDLINE_H
#define SADDLE_CMDLINE_H

#define CMDLINE_MAX	256	/* bytes of a line, its NUL included */
#define CMDLINE_HISTORY	64	/* lines remembered */

typedef struct cmdline {
	char	 text[CMDLINE_MAX];	/* the line, NUL-ended */
	int	 pos;			/* cursor in text, bytes */
	char	*history[CMDLINE_HISTORY];	/* owned; oldest first */
	int	 n_history;
	int	 hist;			/* entry recalled; n_history: the
					 * new line */
	char	**cands;		/* owned; completions offered */
	int	 n_cands;
	int	 cand;			/* the one shown */
	int	 cand_from;		/* where the completed word starts */
} cmdline;

/* An empty line with no history. */
void cmdline_init(cmdline *cl);

/* Free the history and the completions. */
void cmdline_done(cmdline *cl);

/* Start a new line: empty, and the history's position after its newest
 * entry. */
void cmdline_open(cmdline *cl);

/* Insert code point c (below U+10000) at the cursor, as UTF-8; nothing
 * happens when the line has no room left. */
void cmdline_insert(cmdline *cl, int c);

/* Delete the character at the cursor, or the one before it. */
void cmdline_delete(cmdline *cl);
void cmdline_backspace(cmdline *cl);

/* Move the cursor one character left or right, or to either end. */
void cmdline_left(cmdline *cl);
void cmdline_right(cmdline *cl);
void cmdline_home(cmdline *cl);
void cmdline_end(cmdline *cl);

/* Empty the line. */
void cmdline_kill(cmdline *cl);

/* Remember line (a copy) as the newest entry of the history. */
void cmdline_remember(cmdline *cl, const char *line);

/* Replace the line with the entry before (older) or after (newer) the one
 * recalled; after the newest comes the empty new line. Nothing happens at
 * either end. */
void cmdline_older(cmdline *cl);
void cmdline_newer(cmdline *cl);

/* Forget the completions; start marking the word before the cursor,
 * whose start this returns. */
int cmdline_word(cmdline *cl);

/* Offer name as a completion of the marked word, when it begins with it. */
void cmdline_offer(cmdline *cl, const char *name);

/* Put the first completion offered in the word's place. When it is the
 * only one, the completion is over, and blank adds a blank after it at the
 * end of the line (a command's name, whose argument comes next). */
void cmdline_complete(cmdline *cl, int blank);

/* Whether several completions are offered, so that the next Tab cycles. */
int cmdline_cycling(const cmdline *cl);

/* Put the next completion (after the last, the first) in the word's
 * place. */
void cmdline_cycle(cmdline *cl);

/* Forget the completions. */
void cmdline_uncomplete(cmdline *cl);

#endif
