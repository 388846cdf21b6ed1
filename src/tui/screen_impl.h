/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screen_impl.h: what screen.c (the terminal's output, signals, modes)
 * and screen_input.c (its input: keys, xterm mouse reports, bracketed
 * paste) share. Nothing else includes it but their test. */
#ifndef SADDLE_SCREEN_IMPL_H
#define SADDLE_SCREEN_IMPL_H

#include <stddef.h>

#include "canvas.h"
#include "color.h"
#include "screen.h"

struct screen {
	color_depth	 depth;
	int		 utf8;
	int		 console;	/* the Linux console's font */
	int		 direct;	/* send SGR sequences ourselves */
	int		 xterm;		/* xterm's mouse and paste modes are
					 * on while we hold the terminal */
	int		 pasting;	/* inside a bracketed paste */
	canvas		*front;		/* what the terminal shows */
	int		*pairs;		/* owned; fg × bg → pair, 0: none */
	int		 next_pair;
	char		*out;		/* owned; the SGR path's buffer */
	size_t		 out_len, out_cap;
};

/* After newterm: read the mouse's reports and bracketed paste ourselves
 * (s->xterm: the terminal speaks xterm's protocol). */
void screen_input_setup(screen *s);

/* Turn xterm's mouse tracking and bracketed paste on or off (nothing
 * unless s->xterm). Async-signal-safe: one write(2). */
void screen_modes(const screen *s, int on);

/* A key, mouse report or pasted character from curses' input into ev:
 * 0, or -1 when none is there. */
int screen_input(screen *s, screen_event *ev);

/* Decode an SGR (1006) mouse report: its parameters "b;x;y" (x and y
 * from 1) and its final character, 'M' (press or motion) or 'm'
 * (release), into ev (SCREEN_EVENT_NONE for reports we do not use).
 * Returns -1 when params is malformed. */
int screen_sgr_mouse(const char *params, int final, screen_event *ev);

#endif
