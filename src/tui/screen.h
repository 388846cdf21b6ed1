/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screen.h: the terminal. The only module that includes curses.
 *
 * It owns the terminal from screen_open to screen_close and restores it
 * on every way out: normal return, exit() (atexit), SIGINT, SIGTERM,
 * SIGHUP, SIGQUIT (read as events: the loop quits, then dies of the
 * signal), and crashes (SIGSEGV, SIGBUS, SIGFPE, SIGABRT), whose
 * handlers restore and then re-raise. Job control is answered by the
 * loop too, never by a handler: Ctrl-Z gives the terminal back and stops,
 * SIGCONT takes it again and sends the whole frame, and a resize is read
 * from the terminal after the last SIGWINCH. Frames arrive as canvases; only
 * cells that differ from what the terminal shows are sent. ncurses sets
 * the terminal up and reads the keys; on terminals whose colours are
 * ECMA-48 SGR sequences (terminfo's setaf says so) cells are sent as SGR
 * sequences written here, at 8, 16, 256 or 24-bit depth (most terminfo
 * entries cannot describe 24 bits at all); without colour, and on other
 * terminals, they go through ncurses. Input comes back as
 * screen_event, with keys as characters or SCREEN_KEY_* codes; on
 * terminals that speak xterm's protocol, mouse reports (SGR or X10) and
 * bracketed paste are read by screen_input.c. A terminal that cannot
 * move the cursor (TERM=dumb) is refused. */
#ifndef SADDLE_SCREEN_H
#define SADDLE_SCREEN_H

#include "canvas.h"
#include "color.h"

/* Keys that are not characters (above every Unicode code point). */
enum screen_key {
	SCREEN_KEY_UP = 0x110000,
	SCREEN_KEY_DOWN,
	SCREEN_KEY_LEFT,
	SCREEN_KEY_RIGHT,
	SCREEN_KEY_SUP,		/* shift-arrows */
	SCREEN_KEY_SDOWN,
	SCREEN_KEY_SLEFT,
	SCREEN_KEY_SRIGHT,
	SCREEN_KEY_HOME,
	SCREEN_KEY_END,
	SCREEN_KEY_BACKSPACE,
	SCREEN_KEY_DELETE,
	SCREEN_KEY_ENTER,
	SCREEN_KEY_BTAB,	/* shift-tab */
	SCREEN_KEY_ESCAPE
};

typedef enum screen_event_type {
	SCREEN_EVENT_NONE = 0,	/* the timeout passed */
	SCREEN_EVENT_KEY,
	SCREEN_EVENT_CLICK,	/* left button pressed at (x, y) */
	SCREEN_EVENT_DRAG,	/* moved to (x, y) with the left button held */
	SCREEN_EVENT_RELEASE,	/* a button released at (x, y) */
	SCREEN_EVENT_WHEEL,	/* wheel: key is +1 (up) or −1 (down) */
	SCREEN_EVENT_PASTE,	/* key is one character of pasted text */
	SCREEN_EVENT_RESIZE,	/* resized, or continued after a stop: the
				 * whole frame must be sent again */
	SCREEN_EVENT_QUIT	/* SIGINT, SIGTERM, SIGHUP or SIGQUIT (key):
				 * quit, then die of it (screen_die) */
} screen_event_type;

typedef struct screen_event {
	screen_event_type	type;
	int			key;
	int			x, y;
} screen_event;

typedef struct screen screen;

/* Take the terminal. depth < 0 detects the colour depth from terminfo,
 * $COLORTERM and $NO_COLOR; otherwise it is used as given. Returns NULL
 * with *cause when there is no usable terminal. */
screen *screen_open(int depth, char **cause);

/* The depth screen_open would detect for the terminal $TERM names (from
 * terminfo, $COLORTERM and $NO_COLOR), without taking the terminal. */
color_depth screen_detect_depth(void);

/* Give the terminal back as it was; NULL is fine. */
void screen_close(screen *s);

/* The terminal's size in cells. */
void screen_size(const screen *s, int *cols, int *rows);

/* The colour depth in use. */
color_depth screen_depth(const screen *s);

/* Whether the terminal can show UTF-8 (else draw ASCII). */
int screen_utf8(const screen *s);

/* Whether the terminal is the Linux console, whose font lacks most
 * symbols (canvas.h: console). */
int screen_console(const screen *s);

/* Send the cells of cv that differ from the terminal, then clean cv. */
void screen_draw(screen *s, canvas *cv);

/* Forget what the terminal shows: the next draw sends every cell. */
void screen_invalidate(screen *s);

/* Whether input is waiting to be read (what the terminal has sent and
 * curses has not read yet). */
int screen_pending(const screen *s);

/* Wait up to timeout_ms (−1: forever) for input or a signal. */
void screen_read(screen *s, int timeout_ms, screen_event *ev);

/* After screen_close: die of sig, the signal a SCREEN_EVENT_QUIT
 * reported (its default action is back). */
void screen_die(int sig);

#endif
