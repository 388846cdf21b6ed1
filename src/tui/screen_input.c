/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screen_input.c: the terminal's input (see screen.h): keys through
 * curses, and what curses reads wrong, read here: xterm's mouse reports
 * and bracketed paste.
 *
 * curses knows one mouse protocol per terminfo entry (X10's "\e[M" on
 * most, whose columns stop at 223, or SGR's "\e[<" on a few), so a
 * report in the other one arrives as keys. We therefore turn on SGR
 * reports (mode 1006; 1002 adds motion while a button is held, for
 * dragging) ourselves and bind both prefixes to codes of our own with
 * define_key, reading the rest of the report here. Bracketed paste
 * (mode 2004) wraps pasted text in "\e[200~" ... "\e[201~", so it can go
 * to the ':' line as text instead of running as keys. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "screen_impl.h"

/* Our codes for the sequences bound with define_key (above curses'). */
enum {
	SCREEN_CODE_SGR = KEY_MAX + 1,	/* "\e[<": an SGR mouse report */
	SCREEN_CODE_X10,		/* "\e[M": an X10 mouse report */
	SCREEN_CODE_PASTE,		/* "\e[200~": a paste begins */
	SCREEN_CODE_PASTED		/* "\e[201~": it ends */
};

/* The rest of a report has been sent with its prefix: wait this long
 * for it at most (milliseconds). */
#define SCREEN_REPORT_MS 50

/* The longest SGR report's parameters we read ("b;x;y"). */
#define SCREEN_SGR_MAX 24

static const struct {
	const char	*seq;
	int		 code;
} screen_codes[] = {
	{ "\033[<", SCREEN_CODE_SGR },
	{ "\033[M", SCREEN_CODE_X10 },
	{ "\033[200~", SCREEN_CODE_PASTE },
	{ "\033[201~", SCREEN_CODE_PASTED },
};

/* Mouse reports' button bits (xterm's ctlseqs). */
#define SCREEN_MB_BUTTONS	0x03	/* 0 left, 1 middle, 2 right, 3 up */
#define SCREEN_MB_MOTION	0x20
#define SCREEN_MB_WHEEL		0x40
#define SCREEN_MB_MODIFIERS	0x1c	/* shift, meta, control */

void
screen_input_setup(screen *s)
{
	const char *kmous = tigetstr("kmous");
	size_t i;

	s->xterm = kmous != NULL && kmous != (char *)-1 &&
	    strncmp(kmous, "\033[", 2) == 0;
	if (!s->xterm)
		return;
	/* curses' own binding would read the report in its one protocol. */
	define_key(kmous, 0);
	keyok(KEY_MOUSE, FALSE);
	for (i = 0; i < sizeof screen_codes / sizeof *screen_codes; i++) {
		define_key(screen_codes[i].seq, 0);
		define_key(screen_codes[i].seq, screen_codes[i].code);
	}
}

void
screen_modes(const screen *s, int on)
{
	static const char enable[] =
	    "\033[?1000h\033[?1002h\033[?1006h\033[?2004h";
	static const char disable[] =
	    "\033[?2004l\033[?1006l\033[?1002l\033[?1000l";

	if (s == NULL || !s->xterm)
		return;
	if (write(STDOUT_FILENO, on ? enable : disable,
	    on ? sizeof enable - 1 : sizeof disable - 1) < 0) {
		/* The terminal went away: nothing to restore. */
	}
}

/* A report's button b at cell (x, y) (from 0), pressed (nonzero) or
 * released, into ev. */
static void
screen_button(int b, int x, int y, int press, screen_event *ev)
{
	ev->type = SCREEN_EVENT_NONE;
	ev->x = x;
	ev->y = y;
	b &= ~SCREEN_MB_MODIFIERS;
	if (b & SCREEN_MB_WHEEL) {
		if (press && (b & SCREEN_MB_BUTTONS) <= 1) {
			ev->type = SCREEN_EVENT_WHEEL;
			ev->key = (b & SCREEN_MB_BUTTONS) == 0 ? 1 : -1;
		}
	} else if (b == SCREEN_MB_MOTION)
		ev->type = SCREEN_EVENT_DRAG;
	else if (b == 0)
		ev->type = press ? SCREEN_EVENT_CLICK : SCREEN_EVENT_RELEASE;
	else if (b == SCREEN_MB_BUTTONS && !press)
		ev->type = SCREEN_EVENT_RELEASE;	/* X10 names none */
}

int
screen_sgr_mouse(const char *params, int final, screen_event *ev)
{
	int b, x, y, n = 0;

	if (sscanf(params, "%d;%d;%d%n", &b, &x, &y, &n) != 3 ||
	    params[n] != '\0' || b < 0 || x < 1 || y < 1 ||
	    (final != 'M' && final != 'm'))
		return -1;
	screen_button(b, x - 1, y - 1, final == 'M', ev);
	return 0;
}

/* The rest of an SGR report, after "\e[<", into ev. */
static void
screen_read_sgr(screen_event *ev)
{
	char params[SCREEN_SGR_MAX + 1];
	size_t n = 0;
	int c;

	timeout(SCREEN_REPORT_MS);
	while ((c = getch()) != ERR && c != 'M' && c != 'm' &&
	    n < SCREEN_SGR_MAX)
		params[n++] = (char)c;
	params[n] = '\0';
	if (screen_sgr_mouse(params, c, ev) != 0)
		ev->type = SCREEN_EVENT_NONE;
}

/* The rest of an X10 report, after "\e[M": three bytes, each 32 more
 * than the button and the column and row from 1. */
static void
screen_read_x10(screen_event *ev)
{
	int c[3], i;

	ev->type = SCREEN_EVENT_NONE;
	timeout(SCREEN_REPORT_MS);
	for (i = 0; i < 3; i++)
		if ((c[i] = getch()) == ERR || c[i] < 32 || c[i] > 255)
			return;
	if (c[1] < 33 || c[2] < 33)
		return;
	screen_button(c[0] - 32, c[1] - 33, c[2] - 33, (c[0] & 3) != 3, ev);
}

/* The screen key for a curses function key, or 0. */
static int
screen_fkey(wint_t k)
{
	static const struct {
		wint_t	curses;
		int	key;
	} map[] = {
		{ KEY_UP, SCREEN_KEY_UP }, { KEY_DOWN, SCREEN_KEY_DOWN },
		{ KEY_LEFT, SCREEN_KEY_LEFT }, { KEY_RIGHT, SCREEN_KEY_RIGHT },
		{ KEY_SR, SCREEN_KEY_SUP }, { KEY_SF, SCREEN_KEY_SDOWN },
		{ KEY_SLEFT, SCREEN_KEY_SLEFT },
		{ KEY_SRIGHT, SCREEN_KEY_SRIGHT },
		{ KEY_HOME, SCREEN_KEY_HOME }, { KEY_END, SCREEN_KEY_END },
		{ KEY_BACKSPACE, SCREEN_KEY_BACKSPACE },
		{ KEY_DC, SCREEN_KEY_DELETE }, { KEY_ENTER, SCREEN_KEY_ENTER },
		{ KEY_BTAB, SCREEN_KEY_BTAB },
	};
	size_t i;

	for (i = 0; i < sizeof map / sizeof *map; i++) {
		if (map[i].curses == k)
			return map[i].key;
	}
	return 0;
}

/* A character into ev, with the control characters that are keys. */
static void
screen_char(wint_t wc, screen_event *ev)
{
	ev->type = SCREEN_EVENT_KEY;
	switch (wc) {
	case '\r':
	case '\n':
		ev->key = SCREEN_KEY_ENTER;
		break;
	case 127:
	case 8:
		ev->key = SCREEN_KEY_BACKSPACE;
		break;
	case 27:
		ev->key = SCREEN_KEY_ESCAPE;
		break;
	default:
		ev->key = (int)wc;
	}
}

/* One of our codes, or a curses function key, into ev. */
static void
screen_code(screen *s, wint_t wc, screen_event *ev)
{
	switch (wc) {
	case SCREEN_CODE_SGR:
		screen_read_sgr(ev);
		break;
	case SCREEN_CODE_X10:
		screen_read_x10(ev);
		break;
	case SCREEN_CODE_PASTE:
	case SCREEN_CODE_PASTED:
		s->pasting = wc == SCREEN_CODE_PASTE;
		break;
	default:
		/* Inside a paste, keys are text, and function keys none. */
		if (!s->pasting && (ev->key = screen_fkey(wc)) != 0)
			ev->type = SCREEN_EVENT_KEY;
	}
}

int
screen_input(screen *s, screen_event *ev)
{
	wint_t wc;
	int rc;

	timeout(0);
	if ((rc = get_wch(&wc)) == ERR)
		return -1;
	if (rc == KEY_CODE_YES)
		screen_code(s, wc, ev);
	else if (s->pasting) {
		ev->type = SCREEN_EVENT_PASTE;
		ev->key = (int)wc;
	} else
		screen_char(wc, ev);
	return 0;
}
