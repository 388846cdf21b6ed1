/* SPDX-License-Identifier: GPL-3.0-or-later */
/* screen.c: the terminal, through ncurses (see screen.h). */
#include "config.h"

#include <curses.h>
#include <term.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "base/error.h"
#include "screen_impl.h"

/* Colour indices run from −1 (default) to 255: 257 values per side. */
#define SCREEN_INDICES 257

/* The open screen, for the handlers that restore the terminal. */
static screen *volatile screen_active;

/* Signals after which the terminal must be restored before dying, at
 * once, from the handler: nothing else will run afterwards. */
static const int screen_crashes[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGABRT
};

/* Signals the loop answers (screen_read): job control, resizes, and the
 * polite ways to end, which quit as q does and then die of the signal.
 * Their handler only writes the signal's number into a pipe the loop
 * polls with the keyboard (the self-pipe trick): a handler that called
 * curses or wrote to the terminal could run in the middle of a frame's
 * output or of curses itself (ncurses' own SIGTSTP handler calls endwin
 * there, which corrupted its state under a storm of signals). Installed
 * before newterm, so that ncurses, seeing them caught, installs none of
 * its own. */
static const int screen_notes[] = {
	SIGTSTP, SIGCONT, SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT
};

/* The self-pipe: [0] read by the loop, [1] written by the handler. */
static int screen_pipe[2] = { -1, -1 };

/* A terminating signal the loop has not answered yet (0: none). */
static volatile sig_atomic_t screen_ending;

/* Give the terminal back: reset colours, leave curses. Safe to call more
 * than once and from the crash handlers (endwin is what htop and kilo
 * call there too; nothing else is left to run afterwards). */
static void
screen_restore(void)
{
	screen *s = screen_active;

	if (s == NULL)
		return;
	screen_active = NULL;
	screen_modes(s, 0);
	if (s->direct && write(STDOUT_FILENO, "\033[0m", 4) < 0)
		return;
	endwin();
}

/* Restore the terminal, then die of the same signal. */
static void
screen_signal(int sig)
{
	screen_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Tell the loop (async-signal-safe: one write, errno kept). A second
 * terminating signal before the loop answered the first means it cannot
 * answer: then restore and die here, as a crash does. */
static void
screen_note(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;

	if (sig == SIGINT || sig == SIGTERM || sig == SIGHUP ||
	    sig == SIGQUIT) {
		if (screen_ending != 0 || screen_active == NULL)
			screen_signal(sig);
		screen_ending = sig;
	}
	if (write(screen_pipe[1], &b, 1) < 0) {
		/* Full: the loop has thousands of signals to read already. */
	}
	errno = saved;
}

/* Restore at exit(), whoever calls it. */
static void
screen_atexit(void)
{
	screen_restore();
}

/* Install the crash handlers and the atexit hook (once: they stay,
 * harmless when idle). */
static void
screen_handlers(void)
{
	static int done;
	struct sigaction sa;
	size_t i;

	if (done)
		return;
	done = 1;
	atexit(screen_atexit);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = screen_signal;
	sigemptyset(&sa.sa_mask);
	/* Back to the default action on entry, so raise() kills. */
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof screen_crashes / sizeof *screen_crashes; i++)
		sigaction(screen_crashes[i], &sa, NULL);
}

/* Catch the signals the loop answers (on nonzero) or give them back to
 * their default actions. */
static int
screen_notes_catch(int on)
{
	struct sigaction sa;
	size_t i;
	int k;

	if (on && screen_pipe[0] < 0) {
		if (pipe(screen_pipe) != 0)
			return -1;
		for (k = 0; k < 2; k++) {
			fcntl(screen_pipe[k], F_SETFL, O_NONBLOCK |
			    fcntl(screen_pipe[k], F_GETFL));
			fcntl(screen_pipe[k], F_SETFD, FD_CLOEXEC);
		}
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on ? screen_note : SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof screen_notes / sizeof *screen_notes; i++)
		sigaction(screen_notes[i], &sa, NULL);
	screen_ending = 0;
	return 0;
}

/* Whether the terminal sets colours with ECMA-48 SGR sequences, as
 * terminfo's setaf says. Then frames go out as SGR sequences written
 * here: ncurses would emit the same bytes, but through tparm for every
 * colour change, which costs up to 20 ms on a full 240×70 repaint of
 * rastrigin where this takes 3 (bench/bench_render). */
static int
screen_ansi(void)
{
	const char *setaf = tigetstr("setaf");

	return setaf != NULL && setaf != (char *)-1 &&
	    strncmp(setaf, "\033[", 2) == 0;
}

/* Set colours up and pick the depth. */
static void
screen_colors(screen *s, int depth)
{
	int colors = -1;

	if (has_colors() && start_color() == OK) {
		use_default_colors();
		colors = COLORS;
	}
	if (depth >= 0)
		s->depth = (color_depth)depth;
	else
		s->depth = color_detect(colors, getenv("COLORTERM"),
		    getenv("NO_COLOR"));
	if (s->depth != COLOR_TRUE && s->depth != COLOR_NONE && colors < 8)
		s->depth = COLOR_NONE;
	s->direct = s->depth == COLOR_TRUE ||
	    (s->depth != COLOR_NONE && screen_ansi());
}

color_depth
screen_detect_depth(void)
{
	TERMINAL *saved = cur_term;
	int err, colors = -1;

	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		colors = tigetnum("colors");
		del_curterm(cur_term);
	}
	set_curterm(saved);
	return color_detect(colors, getenv("COLORTERM"), getenv("NO_COLOR"));
}

/* Whether $TERM can move the cursor (terminfo's cup), looked up before
 * curses writes anything; an unknown TERM is left for newterm to report. */
static int
screen_addressable(void)
{
	TERMINAL *saved = cur_term;
	const char *cup;
	int err, ok = 1;

	if (setupterm(NULL, STDOUT_FILENO, &err) == OK) {
		cup = tigetstr("cup");
		ok = cup != NULL && cup != (char *)-1;
		del_curterm(cur_term);
	}
	set_curterm(saved);
	return ok;
}

/* Whether the terminal is the Linux console (terminfo's linux entries:
 * linux, linux-16color, ...). */
static int
screen_is_console(void)
{
	const char *name = termname();

	return name != NULL && strncmp(name, "linux", 5) == 0;
}

screen *
screen_open(int depth, char **cause)
{
	screen *s;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		sd_fail(cause, "the visualizer needs a terminal: stdin and "
		    "stdout must be a tty (use `saddle render` for text)");
		return NULL;
	}
	if ((s = calloc(1, sizeof *s)) == NULL ||
	    (s->front = canvas_new(0, 0)) == NULL) {
		free(s);
		sd_fail(cause, "out of memory");
		return NULL;
	}
	s->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	screen_handlers();
	if (screen_notes_catch(1) != 0) {
		canvas_free(s->front);
		free(s);
		sd_fail(cause, "cannot make a pipe for signals: %s",
		    strerror(errno));
		return NULL;
	}
	if (!screen_addressable()) {
		screen_notes_catch(0);
		canvas_free(s->front);
		free(s);
		sd_fail(cause, "TERM=%s cannot move the cursor: saddle needs "
		    "a cursor-addressable terminal (use `saddle render` for "
		    "text)", getenv("TERM") ? getenv("TERM") : "");
		return NULL;
	}
	if (newterm(NULL, stdout, stdin) == NULL) {
		screen_notes_catch(0);
		canvas_free(s->front);
		free(s);
		sd_fail(cause, "cannot use the terminal '%s': check $TERM",
		    getenv("TERM") ? getenv("TERM") : "");
		return NULL;
	}
	screen_active = s;
	screen_colors(s, depth);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	screen_input_setup(s);
	s->console = screen_is_console();
	set_escdelay(25);
	curs_set(0);
	refresh();
	screen_modes(s, 1);
	return s;
}

void
screen_close(screen *s)
{
	if (s == NULL)
		return;
	curs_set(1);
	screen_restore();
	screen_notes_catch(0);
	canvas_free(s->front);
	free(s->pairs);
	free(s->out);
	free(s);
}

void
screen_size(const screen *s, int *cols, int *rows)
{
	(void)s;
	*cols = COLS;
	*rows = LINES;
}

color_depth
screen_depth(const screen *s)
{
	return s->depth;
}

int
screen_utf8(const screen *s)
{
	return s->utf8;
}

int
screen_console(const screen *s)
{
	return s->console;
}

int
screen_pending(const screen *s)
{
	struct pollfd p[2] = {
		{ STDIN_FILENO, POLLIN, 0 }, { screen_pipe[0], POLLIN, 0 }
	};

	(void)s;
	return poll(p, 2, 0) > 0 &&
	    ((p[0].revents & POLLIN) || (p[1].revents & POLLIN));
}

void
screen_invalidate(screen *s)
{
	canvas_resize(s->front, 0, 0);
	/* curses keeps its own copy of the screen: make it repaint too. */
	if (!s->direct)
		clearok(curscr, TRUE);
}

/* The curses colour index of c at the screen's depth (−1: default). */
static int
screen_index(const screen *s, uint32_t c)
{
	if (c == CANVAS_DEFAULT)
		return -1;
	switch (s->depth) {
	case COLOR_256:
		return color_to_256(c);
	case COLOR_16:
		return color_to_ansi(c, 16);
	case COLOR_8:
		return color_to_ansi(c, 8);
	default:
		return -1;
	}
}

/* The colour pair for (fg, bg), defined on first use. When the terminal
 * runs out of pairs they are all reassigned, and the whole screen must be
 * sent again. */
static int
screen_pair(screen *s, int fg, int bg)
{
	int *slot;

	if (fg < 0 && bg < 0)
		return 0;
	if (s->pairs == NULL &&
	    (s->pairs = calloc(SCREEN_INDICES * SCREEN_INDICES,
	    sizeof *s->pairs)) == NULL)
		return 0;
	slot = &s->pairs[(fg + 1) * SCREEN_INDICES + bg + 1];
	if (*slot != 0)
		return *slot;
	if (s->next_pair == 0 || s->next_pair >= COLOR_PAIRS) {
		memset(s->pairs, 0, SCREEN_INDICES * SCREEN_INDICES *
		    sizeof *s->pairs);
		s->next_pair = 1;
		canvas_touch(s->front);
	}
	if (init_extended_pair(s->next_pair, fg, bg) == ERR)
		return 0;
	return *slot = s->next_pair++;
}

/* The curses attributes of canvas attributes. */
static attr_t
screen_attrs(int attr)
{
	attr_t a = A_NORMAL;

	if (attr & CANVAS_BOLD)
		a |= A_BOLD;
	if (attr & CANVAS_DIM)
		a |= A_DIM;
	if (attr & CANVAS_UNDERLINE)
		a |= A_UNDERLINE;
	if (attr & CANVAS_REVERSE)
		a |= A_REVERSE;
	return a;
}

/* One cell through curses. */
static void
screen_curses_cell(screen *s, int x, int y, const canvas_cell *c)
{
	wchar_t wc[2] = { L'?', L'\0' };
	mbstate_t st;
	cchar_t cc;
	int pair;

	memset(&st, 0, sizeof st);
	if (mbrtowc(&wc[0], c->glyph, strlen(c->glyph), &st) > 4)
		wc[0] = L'?';
	pair = screen_pair(s, screen_index(s, c->fg), screen_index(s, c->bg));
	setcchar(&cc, wc, screen_attrs(c->attr), 0, &pair);
	mvadd_wch(y, x, &cc);
}

/* Append n bytes to the SGR path's buffer. */
static void
screen_out(screen *s, const char *p, size_t n)
{
	size_t cap;
	char *grown;

	if (s->out_len + n > s->out_cap) {
		cap = s->out_cap ? s->out_cap : 65536;
		while (cap < s->out_len + n)
			cap *= 2;
		if ((grown = realloc(s->out, cap)) == NULL)
			return;
		s->out = grown;
		s->out_cap = cap;
	}
	memcpy(s->out + s->out_len, p, n);
	s->out_len += n;
}

/* Write the SGR path's buffer to the terminal. */
static void
screen_flush(screen *s)
{
	size_t off = 0;
	ssize_t n;

	while (off < s->out_len) {
		n = write(STDOUT_FILENO, s->out + off, s->out_len - off);
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	s->out_len = 0;
}

/* Whether two cells look the same. */
static int
screen_same(const canvas_cell *a, const canvas_cell *b)
{
	return a->fg == b->fg && a->bg == b->bg && a->attr == b->attr &&
	    strcmp(a->glyph, b->glyph) == 0;
}

/* Send the changed cells as cursor moves, SGR sequences and glyphs. */
static void
screen_direct(screen *s, canvas *cv)
{
	const canvas_cell *c, *last = NULL;
	char buf[96];
	int x, y, cx = -1, cy = -1;

	for (y = 0; y < cv->rows; y++) {
		for (x = 0; x < cv->cols; x++) {
			c = canvas_at(cv, x, y);
			if (!c->dirty)
				continue;
			if (x != cx || y != cy)
				screen_out(s, buf, (size_t)sprintf(buf,
				    "\033[%d;%dH", y + 1, x + 1));
			screen_out(s, buf, color_sgr_change(buf, last, c,
			    s->depth));
			screen_out(s, c->glyph, strlen(c->glyph));
			last = c;
			cx = x + 1;
			cy = y;
		}
	}
	screen_out(s, "\033[0m", 4);
	screen_flush(s);
}

void
screen_draw(screen *s, canvas *cv)
{
	canvas_cell *c, *f;
	int x, y;

	if (s->front->cols != cv->cols || s->front->rows != cv->rows) {
		canvas_resize(s->front, cv->cols, cv->rows);
		canvas_touch(cv);
		if (s->direct)
			screen_out(s, "\033[0m\033[2J", 8);
	}
	for (y = 0; y < cv->rows; y++) {
		for (x = 0; x < cv->cols; x++) {
			c = canvas_at(cv, x, y);
			f = canvas_at(s->front, x, y);
			if (!c->dirty && !f->dirty)
				continue;
			if (!f->dirty && screen_same(c, f)) {
				c->dirty = 0;
				continue;
			}
			*f = *c;
			f->dirty = 0;
			c->dirty = 1;
			if (!s->direct)
				screen_curses_cell(s, x, y, c);
		}
	}
	if (s->direct)
		screen_direct(s, cv);
	else
		refresh();
	canvas_clean(cv);
}

/* Read the size from the terminal itself and make curses agree; the
 * next frame is sent whole. */
static void
screen_resize(screen *s)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	/* Let curses repaint its own idea of the screen now: its next
	 * implicit refresh (get_wch does one) would paint over ours. */
	clearok(curscr, TRUE);
	refresh();
	screen_invalidate(s);
}

/* Ctrl-Z: give the terminal back, stop, and take it again once
 * continued — unless a SIGCONT came in the meantime (a stop already
 * undone: stopping now would wait for one that was sent already) or a
 * terminating signal, which is returned (0: none). A SIGCONT sent
 * between the last read and raise() is lost all the same (the kernel
 * drops a pending SIGCONT when a stop comes); no program can close that
 * window, and a shell's fg, sent after the stop, never falls into it. */
static int
screen_suspend(screen *s)
{
	unsigned char b[64];
	ssize_t n, i;
	int cont = 0, end = 0;

	screen_modes(s, 0);
	if (s->direct && write(STDOUT_FILENO, "\033[0m", 4) < 0) {
		/* The terminal went away: stop all the same. */
	}
	endwin();
	while ((n = read(screen_pipe[0], b, sizeof b)) > 0) {
		for (i = 0; i < n; i++) {
			if (b[i] == SIGCONT || b[i] == SIGTSTP)
				cont = b[i] == SIGCONT;
			else if (b[i] != SIGWINCH)
				end = b[i];
		}
	}
	if (!cont && !end)
		raise(SIGSTOP);
	/* Continued: back to curses' modes, whatever the shell left. */
	reset_prog_mode();
	screen_modes(s, 1);
	screen_resize(s);
	return end;
}

/* Answer the signals the handler wrote into the pipe, in order: the last
 * of SIGTSTP and SIGCONT decides whether to stop; a resize or a continue
 * (the shell may have changed the terminal) makes ev a resize, so the
 * whole frame is sent again at the size read now, after the last
 * SIGWINCH; a terminating signal makes ev SCREEN_EVENT_QUIT. Returns
 * nonzero when ev was set. */
static int
screen_signals(screen *s, screen_event *ev)
{
	unsigned char b[256];
	ssize_t n, i;
	int stop = -1, resize = 0, end = 0;

	while ((n = read(screen_pipe[0], b, sizeof b)) > 0) {
		for (i = 0; i < n; i++) {
			if (b[i] == SIGTSTP || b[i] == SIGCONT) {
				stop = b[i] == SIGTSTP;
				resize = 1;
			} else if (b[i] == SIGWINCH)
				resize = 1;
			else
				end = b[i];
		}
	}
	if (end == 0 && stop == 1)
		end = screen_suspend(s);
	else if (end == 0 && stop == 0) {
		reset_prog_mode();
		screen_modes(s, 1);
	}
	if (end != 0) {
		ev->type = SCREEN_EVENT_QUIT;
		ev->key = end;
		return 1;
	}
	if (resize) {
		if (stop != 1)
			screen_resize(s);
		ev->type = SCREEN_EVENT_RESIZE;
	}
	return resize;
}

/* Milliseconds on a monotonic clock. */
static double
screen_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
screen_read(screen *s, int timeout_ms, screen_event *ev)
{
	struct pollfd p[2];
	double until = screen_ms() + timeout_ms, left;

	memset(ev, 0, sizeof *ev);
	for (;;) {
		if (screen_signals(s, ev) || screen_input(s, ev) == 0)
			return;
		left = timeout_ms < 0 ? -1 : until - screen_ms();
		if (timeout_ms >= 0 && left <= 0)
			return;
		p[0] = (struct pollfd){ STDIN_FILENO, POLLIN, 0 };
		p[1] = (struct pollfd){ screen_pipe[0], POLLIN, 0 };
		if (poll(p, 2, left < 0 ? -1 : (int)ceil(left)) == 0)
			return;
	}
}

void
screen_die(int sig)
{
	signal(sig, SIG_DFL);
	raise(sig);
}
