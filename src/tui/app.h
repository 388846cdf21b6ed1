/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* No key may wait more than 50 ms for the screen to answer, and nothing
 * that can take longer than a frame runs on the loop's thread (work.c).
 * A frame waits up to APP_COARSE_MS for the work it starts; a field whose
 * samples are slow comes one sample per APP_COARSE × APP_COARSE block
 * first (coarser blocks when that would take longer: work.c); the loop looks at running jobs every APP_POLL_MS. 20 ms leaves
 * the rest of the 50 for drawing the frame and sending it. */
#define APP_COARSE_MS	20
#define APP_COARSE	4
#define APP_POLL_MS	10
/* The racers' paths drawn again (a new window or chart: trail.h) take up
 * to this much of a frame; the next frame, at once, goes on. */
#define APP_TRAIL_MS	8

struct app;

/* A stop of a tour (`saddle tour`): its title, its text (lines joined by
 * '\n'), and the ':' commands run once it is built. */
typedef struct app_tour_stop {
	const char		*title;
	const char		*text;
	const char *const	*dos;
	int			 n_dos;
} app_tour_stop;

/* A tour: its stops, the one shown, and how a stop's view is built
 * (into a fresh view; -1 with *cause). Keys n/→ and b/← move between the
 * stops, r builds the one shown again (app_tour.c). */
typedef struct app_tour {
	const app_tour_stop	*stops;
	int			 n, at;
	int			(*build)(void *arg, int k, view *out,
				    char **cause);
	void			*arg;
} app_tour;

/* The loop's one-off tasks (task.c), a slot each: a new task in a slot
 * drops the one before. */
typedef enum app_task_slot {
	APP_TASK_OBJECTIVE = 0,	/* building :objective's, :expr's, tab's */
	APP_TASK_WRITE,		/* encoding :write's or W's figure */
	APP_TASK_READOUT,	/* the cursor's readings, when slow */
	APP_TASKS
} app_task_slot;

/* What the loop does with a task's result: arg is the task's, rc and
 * cause (owned) its return. */
typedef void (*app_task_done)(struct app *a, void *arg, int rc,
    char *cause);

typedef struct app_task {
	job		*j;		/* NULL: the slot is free */
	char		 what[APP_LINE];	/* for the status line */
	app_task_done	 done;
	double		 t0;		/* when it started */
} app_task;

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
	int		 trailing;	/* the last frame left some of the
					 * paths for the next (APP_TRAIL_MS) */
	int		 quit;
	int		 quit_signal;	/* the signal that quit, to die of
					 * once the terminal is back */
	int		 help;		/* the help overlay's part shown
					 * (app_help), 0: none */
	int		 help_page;	/* its page, from 0 */
	int		 playing;
	int		 speed;		/* index into the speed table */
	double		 clock;		/* when steps were last taken */
	double		 owed;		/* steps due, fractional */
	char		 message[APP_LINE];
	int		 error;		/* message is an error */
	int		 editing;	/* the ':' line is open */
	int		 pressed;	/* the left button is down in the
					 * plot (a click, or a drag) */
	int		 dragged;	/* it moved since it went down */
	int		 marked;	/* f marked one end of a line */
	double		 mark_a, mark_b;	/* there, in chart coordinates */
	int		 drag_x, drag_y;	/* the cell it was at last */
	cmdline		 cl;		/* the ':' line, its history and
					 * completions */
	char		 cost_of[APP_LINE];	/* the objective (spec) the
					 * two costs below were measured on */
	double		 sample_s;	/* seconds per sample of the field
					 * (wall clock, all threads); 0: not
					 * measured yet */
	job		*field_job;	/* sampling the field, or NULL */
	unsigned long	 field_for;	/* the view's points_gen it samples
					 * for (the window's generation) */
	size_t		 field_cols, field_rows;
	job		*scale_job;	/* measuring the scale, or NULL */
	unsigned long	 scale_for;	/* the view's watch_gen it runs for */
	long		 steps_left;	/* of :step N */
	job		*points_job;	/* finding the stationary points, or
					 * NULL */
	unsigned long	 points_for;	/* the view's points_gen it runs for */
	int		 points_home;	/* it runs over the home window with
					 * the defaults: what the racers'
					 * monitors watch too */
	job		*watch_job;	/* finding the watch points, or NULL */
	unsigned long	 watch_for;	/* the view's watch_gen it runs for */
	overlay		 ov;		/* the m key's map, :survey's table */
	app_tour	*tour;		/* borrowed; NULL: no tour */
	app_task	 tasks[APP_TASKS];
	double		 readout_s;	/* the last readings' seconds, to
					 * know when they go on a task */
	app_io		 io;
} app;

/* Run the visualizer on v with theme th until q. depth < 0 detects the
 * terminal's colours; speed is an index that app_speed_parse gave, or < 0
 * for the default. Returns -1 with *cause when there is no terminal. */
int app_run(view *v, const theme *th, int depth, int speed, char **cause);

/* app_run in three parts, for bench/bench_tui: take the terminal (a->io
 * reads it; change io after this), loop until q, then give the terminal
 * back and stop every job. */
int app_open(app *a, view *v, const theme *th, int depth, char **cause);
void app_loop(app *a);
void app_close(app *a);

/* Seconds on a monotonic clock. */
double app_now(void);

/* work.c: bring the field, the scale and the points up to date with the
 * view for a field of cols × rows samples, starting jobs and taking
 * their results, waiting no later than APP_COARSE_MS after t0 (when the
 * frame began); nonzero when the base layer must be redrawn. */
int app_work(app *a, size_t cols, size_t rows, double t0);

/* work.c: how long a frame that began at t0 may still wait for a job:
 * what is left of APP_COARSE_MS, nothing when a key is waiting. */
double app_left(app *a, double t0);

/* work.c: whether a job runs that the loop must look at. */
int app_waiting(const app *a);

/* work.c: the progress of the work under way, for the status line, in
 * buf (len bytes), or NULL when none is. */
const char *app_busy(const app *a, char *buf, size_t len);

/* work.c: stop every job, and take obj (job_adopt) when a dropped one
 * still borrows it; the view's release hook. */
int app_release(void *arg, sd_objective *obj);

/* task.c: start run(arg) on a job in slot k (dropping the slot's job
 * before), said in the status line as what; done gets the result, on
 * the loop's thread, at once when it came within wait_ms, else when
 * app_tasks_poll finds it. obj: the objective run borrows, or NULL.
 * -1 with *cause when no thread could be started (arg is freed). */
int app_task_start(struct app *a, app_task_slot k, const char *what,
    const sd_objective *obj, job_task_fn run, void *arg,
    void (*free_arg)(void *), app_task_done done, double wait_ms,
    char **cause);

/* task.c: hand the finished tasks to their done; nonzero when any. */
int app_tasks_poll(struct app *a);

/* task.c: whether slot k's task runs. */
int app_task_running(const struct app *a, app_task_slot k);

/* task.c: Esc: drop the tasks a person started (the objective being
 * built, the figure being encoded); nonzero when any ran. */
int app_tasks_cancel(struct app *a);

/* task.c: drop the tasks that borrow the view's objective. */
void app_tasks_release(struct app *a);

/* task.c: the first running task for the status line, in buf, or NULL. */
const char *app_tasks_busy(const struct app *a, char *buf, size_t len);

/* Show a message in the status line until the next key. */
void app_message(app *a, int error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Show cause as an error and free it. */
void app_fail(app *a, char *cause);

/* The base layer needs redrawing (window, objective, theme, levels). */
void app_dirty(app *a);

/* Steps per second at the current speed. */
double app_speed(const app *a);

/* The speed index whose steps per second word names (one of the speeds
 * [ and ] step through), for --speed and the config file; or -1 with
 * *cause. */
int app_speed_parse(const char *word, int *index, char **cause);

/* Steps per second at speed index (from app_speed_parse). */
double app_speed_at(int index);

/* Change the speed index by delta (clamped). */
void app_speed_step(app *a, int delta);

/* Start or stop the animation. */
void app_play(app *a, int on);

/* keys.c: a key outside the command line; a click and the wheel. */
void app_key(app *a, int key);
void app_click(app *a, int x, int y);
void app_drag(app *a, int x, int y);
void app_unclick(app *a, int x, int y);
void app_paste(app *a, int c);
void app_wheel(app *a, int dir, int x, int y);

/* keys.c: the NTK overlay (N, :ntk) on or off, said in the status line;
 * -1 with *cause when the objective in view has no NTK model. */
int app_ntk(app *a, int on, char **cause);

/* keys.c: the help overlay's page a->help (0: none) into ui: 1 the keys
 * and the ':' commands, 2 what the glyphs, colours and maps mean. */
void app_help(const app *a, frame_ui *ui);

/* app_tour.c: go to stop k of the tour: build its view, put it in place
 * of the one shown (stopping the jobs that borrow it) and run the stop's
 * commands; a failure is said in the status line. */
void app_tour_go(app *a, int k);

/* app_tour.c: a tour's key (n, b, the arrows, r); nonzero when it was
 * one. app_tour_takes says whether key is one without acting, and
 * app_tour_help appends the tour's help lines to out (room for max):
 * their count. */
int app_tour_key(app *a, int key);
int app_tour_takes(int key);
int app_tour_help(frame_help *out, int max);

/* commands.c: run one ':' command line ("map basins"); -1 when it
 * failed, which the status line says. */
int app_command(app *a, const char *line);

/* commands.c: whether line starts with the name of a command (the
 * argument is checked when it runs); -1 with *cause naming the word and
 * the commands there are. */
int app_command_check(const char *line, char **cause);

/* commands.c: a key while the ':' line is open. */
void app_edit_key(app *a, int key);

/* commands.c: the command table's help lines, appended to out (room for
 * max); returns how many. */
int app_command_help(frame_help *out, int max);

/* write.c: save the view to path (~ expanded; the format from its
 * extension: a figure, or the frame as .txt or .ans); an existing file
 * only when replace is nonzero. Says where in the status line. */
int app_write(app *a, const char *path, int replace, char **cause);

/* write.c: at exit, wait for a figure still being encoded (a second at
 * most) so that it is not lost; a failure goes to stderr. */
void app_write_flush(app *a);

/* commands.c: build the objective spec names (an :expr formula when
 * expr is nonzero) on a task and show it once built; the old one stays
 * on screen meanwhile. -1 with *cause when no task could start. */
int app_objective(app *a, const char *spec, int expr, char **cause);

/* write.c: the W key: app_write to saddle-OBJECTIVE-N.svg in the current
 * directory, N the first number not taken. */
void app_write_next(app *a);

#endif
