/* app.h: the visualizer's state machine: keys, the ':' command line and
 * the animation, turning input into changes of the view and frames on the
 * screen. Shared by app.c (the loop), keys.c (the key table) and
 * commands.c (the command table); cmd_tui calls app_run. */
#ifndef SADDLE_APP_H
#define SADDLE_APP_H

#include "canvas.h"
#include "cmdline.h"
#include "frame.h"
#include "job.h"
#include "layout.h"
#include "overlay.h"
#include "screen.h"
#include "theme.h"
#include "view.h"

#define APP_LINE	256	/* longest message and objective spec */

struct app;

/* Where the loop's events come from and where its frames go: the
 * terminal by default; bench/bench_tui replays keys at chosen moments
 * and times the frames that answer them. */
typedef struct app_io {
	/* Wait up to timeout_ms (−1: forever) for an event. */
	void	(*read)(struct app *, int timeout_ms, screen_event *ev);
	/* Whether an event is waiting to be read. */
	int	(*ready)(struct app *);
	/* A frame was just sent (NULL: nothing to do). */
	void	(*sent)(struct app *);
	void	*arg;
} app_io;

typedef struct app {
	view		*v;		/* borrowed */
	theme		 th;
	screen		*scr;		/* owned */
	canvas		*frame;		/* owned; what is sent */
	canvas		*base;		/* owned; the cached base layer */
	layout		 lay;
	int		 base_dirty;	/* the base layer must be redrawn */
	int		 quit;
	int		 quit_signal;	/* the signal that quit, to die of
					 * once the terminal is back */
	int		 help;		/* the help overlay is shown */
	int		 playing;
	int		 speed;		/* index into the speed table */
	double		 clock;		/* when steps were last taken */
	double		 owed;		/* steps due, fractional */
	char		 message[APP_LINE];
	int		 error;		/* message is an error */
	int		 editing;	/* the ':' line is open */
	cmdline		 cl;		/* the ':' line, its history and
					 * completions */
	char		 cost_of[APP_LINE];	/* the objective (spec) the
					 * two costs below were measured on */
	double		 sample_s;	/* seconds per sample of the field
					 * (wall clock, all threads); 0: not
					 * measured yet */
	job		*points_job;	/* finding the stationary points, or
					 * NULL */
	unsigned long	 points_for;	/* the view's points_gen it runs for */
	int		 points_home;	/* it runs over the home window with
					 * the defaults: what the racers'
					 * monitors watch too */
	job		*watch_job;	/* finding the watch points, or NULL */
	unsigned long	 watch_for;	/* the view's watch_gen it runs for */
	overlay		 ov;		/* the m key's map, :survey's table */
	app_io		 io;
} app;

/* Run the visualizer on v with theme th until q. depth < 0 detects the
 * terminal's colours. Returns -1 with *cause when there is no terminal. */
int app_run(view *v, const theme *th, int depth, char **cause);

/* app_run in three parts, for bench/bench_tui: take the terminal (a->io
 * reads it; change io after this), loop until q, then give the terminal
 * back and stop every job. */
int app_open(app *a, view *v, const theme *th, int depth, char **cause);
void app_loop(app *a);
void app_close(app *a);

/* Show a message in the status line until the next key. */
void app_message(app *a, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Show cause as an error and free it. */
void app_fail(app *a, char *cause);

/* The base layer needs redrawing (window, objective, theme, levels). */
void app_dirty(app *a);

/* Steps per second at the current speed. */
double app_speed(const app *a);

/* Change the speed index by delta (clamped). */
void app_speed_step(app *a, int delta);

/* Start or stop the animation. */
void app_play(app *a, int on);

/* keys.c: a key outside the command line; a click and the wheel. */
void app_key(app *a, int key);
void app_click(app *a, int x, int y);
void app_wheel(app *a, int dir, int x, int y);

/* keys.c: the help overlay's lines (keys, then ':' commands). */
const frame_help *app_help(int *n);

/* commands.c: a key while the ':' line is open. */
void app_edit_key(app *a, int key);

/* commands.c: the command table's help lines, appended to out (room for
 * max); returns how many. */
int app_command_help(frame_help *out, int max);


#endif
