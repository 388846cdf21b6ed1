/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_tui.c: how long a key waits for the screen to answer while the
 * stationary points or a basins map are being computed (issue 5: no key
 * may wait more than 50 ms).
 *
 * The visualizer's own loop runs (app_open, app_loop) on a pseudo-
 * terminal of 100×30, drained by a child process as bench_render does,
 * with its input replaced (app_io) by keys that arrive at chosen moments,
 * every BENCH_GAP_MS (faster than a key's auto-repeat). A key's wait runs
 * from the moment it arrives to the moment the frame after it has been
 * sent: when the loop is busy, the key waits in the terminal as it would
 * for a person. Two scenes per objective:
 *
 *   finder	from the first frame (the points are being found), cursor
 *		keys (l, h) until the points are in; then a pan (L, H), which
 *		sends the finder off again, BENCH_PANS times; then q.
 *   basins	once the points are in: m five times (each starts a map and
 *		cancels the one before), then cursor keys until the basins
 *		map is in or BENCH_CAP_S have passed; then q, which cancels
 *		what still runs.
 *
 * Reported: the keys that arrived while a job ran, their longest and
 * median wait, the longest wait of the other keys (a pan, the first m:
 * they start a job, and their frame may wait up to 20 ms for it), and
 * how long q took. "Before" is what the blocking design made a key wait
 * that arrived as the work began: the finder's time (view_refresh_points,
 * median of three) and the basins map's (sd_map_compute at the plot's
 * size, stopped at BENCH_CAP_S); a frame then also classified the cursor
 * (0.1 s on glm:d=20,n=1000, 1 s on twolayer:k=4,m=8,n=1000), which the
 * panel no longer does.
 *
 * Then a third scene: tab through every objective at its defaults, and
 * type :objective with the large instances; the wait of each switch.
 *
 * And a fourth: a racer's path of 1,000 to 100,000 steps (issue 13: a
 * frame's cost must not grow with the path), cursor keys then pans; the
 * wait of each.
 *
 * And a fifth: pans then zooms on glm:n=100000 at 120×40
 * (bench_tui_field.sh's goal measured inside the program): when the
 * coarse field and the whole field came after each.
 *
 * Usage: bench_tui [OBJECTIVE...] (default: the four above, the switches,
 * the paths and the pans), or bench_tui path, or bench_tui field (that
 * scene alone). */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"
#include "bench_pty.h"
#include "base/error.h"
#include "tui/app.h"

#define COLS		100
#define ROWS		30
#define BENCH_GAP_MS	7	/* between two keys */
#define BENCH_PANS	2	/* finder runs after the first */
#define BENCH_CAP_S	10.0	/* the longest a scene waits for a map */
#define BENCH_KEYS_MAX	4096

/* The objectives of issue 5: the chapter's two defaults that were slow
 * and the two large instances. */
static const char *const bench_objectives[] = {
	"glm-pop", "twolayer", "glm:d=20,n=1000", "twolayer:k=4,m=8,n=1000"
};

typedef enum bench_scene {
	BENCH_FINDER = 0,
	BENCH_BASINS,
	BENCH_SWITCH,
	BENCH_PATH,
	BENCH_FIELD
} bench_scene;

/* The field scene (issue 13: after a pan on glm:n=100000 the coarse
 * field within 50 ms, the whole within 1 s), on a terminal of 120×40
 * as bench_tui_field.sh: BENCH_FIELD_PANS pans, each once the view has
 * settled (no job runs); what each frame after the key showed. */
#define BENCH_FIELD_SPEC	"glm:n=100000"
#define BENCH_FIELD_PANS	6
#define BENCH_FIELD_ZOOMS	12
#define BENCH_FIELD_KEYS	(BENCH_FIELD_PANS + BENCH_FIELD_ZOOMS)

/* The long-path scene: a racer's path of each length, keys once the
 * view has settled: BENCH_PATH_KEYS cursor keys, then BENCH_PANS_PATH
 * pans (each a new window the path is drawn in again). */
static const size_t bench_path_steps[] = { 1000, 10000, 100000 };
#define BENCH_PATH_KEYS	20
#define BENCH_PANS_PATH	4
#define BENCH_PATH_SPEC	"glm:d=20,n=1000"

/* A scene's script and what it measured. */
typedef struct bench_run {
	bench_scene	 scene;
	double		 start;		/* the first read */
	double		 due;		/* when the next key arrives; 0: not
					 * scheduled */
	int		 phase;		/* how far the script got */
	int		 n_m;		/* m keys sent */
	int		 pans;		/* pans sent */
	int		 cursor;	/* cursor keys sent */
	double		 quit_at;	/* when q arrived; 0: not yet */
	double		 arrived;	/* of the key awaiting its frame; 0:
					 * none */
	int		 busy;		/* a job ran when it arrived */
	double		 waits[BENCH_KEYS_MAX];	/* of keys that arrived
						 * while a job ran */
	size_t		 n_waits;
	double		 idle_max;	/* longest wait with no job */
	int		 tabs;		/* switch: objectives shown */
	int		 tab;		/* the key awaiting its frame is one */
	double		 tab_ms[64];	/* switch: the wait of each tab */
	char		 tab_to[64][48];	/* and what it showed */
	int		 pan;		/* the key awaiting its frame is a
					 * pan (the path scene) */
	double		 pan_ms[BENCH_PANS_PATH];	/* their waits */
	int		 n_pan;
	/* The field scene, for each pan: when the first frame after it was
	 * sent, the first with a coarse field, the first with the whole;
	 * whether the finder and the cursor's readings ran at those. */
	double		 pan_at;	/* when it arrived; 0: settled */
	double		 f_first[BENCH_FIELD_KEYS], f_coarse[BENCH_FIELD_KEYS];
	double		 f_full[BENCH_FIELD_KEYS];
	int		 f_finder[BENCH_FIELD_KEYS][3];
	int		 f_readout[BENCH_FIELD_KEYS][3];
	int		 n_field;
} bench_run;

/* Sleep for s seconds (nothing when s ≤ 0). */
static void
bench_sleep(double s)
{
	struct timespec ts;

	if (s <= 0)
		return;
	ts.tv_sec = (time_t)s;
	ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
}

/* Whether a job runs: the points or the map are being computed. */
static int
bench_busy(const app *a)
{
	return a->points_job != NULL || overlay_pending(&a->ov);
}

/* The commands the switch scene types once it has tabbed back to
 * himmelblau: the large instances. */
static const char *const bench_typed[] = {
	":objective glm:d=20,n=1000\n", ":objective twolayer:k=4,m=8,n=1000\n"
};
#define BENCH_TYPED ((int)(sizeof bench_typed / sizeof *bench_typed))

/* The switch scene's next key: a tab whenever the last objective is
 * settled, until himmelblau comes round again; then the commands above,
 * a key at a time; then q. */
static int
bench_next_switch(app *a, bench_run *b)
{
	const char *cmd;
	int c;

	/* A command goes on being typed; otherwise the last objective
	 * settles first. */
	if (!a->editing && (bench_busy(a) || !a->v->points_valid))
		return 0;
	if (b->phase == 0 && (b->tabs == 0 || strcmp(a->v->obj->spec,
	    "himmelblau") != 0))
		return '\t';
	if (b->phase == 0)
		b->phase = 1;
	if (b->phase > BENCH_TYPED || b->tabs >= 64)
		return 'q';
	cmd = bench_typed[b->phase - 1];
	c = cmd[b->cursor++];
	if (cmd[b->cursor] == '\0') {
		b->cursor = 0;
		b->phase++;
	}
	return c == '\n' ? SCREEN_KEY_ENTER : c;
}

/* The path scene's next key: none until the view has settled, then
 * cursor keys, then pans, then q; each once the one before has its
 * frame (a key typed ahead gets none of its own). */
static int
bench_next_path(app *a, bench_run *b)
{
	if (b->arrived != 0 || (b->cursor == 0 && (bench_busy(a) ||
	    !a->v->points_valid || a->v->n_pending > 0)))
		return 0;
	if (b->cursor < BENCH_PATH_KEYS)
		return b->cursor++ % 2 ? 'h' : 'l';
	if (b->pans < BENCH_PANS_PATH)
		return b->pans++ % 2 ? 'H' : 'L';
	return 'q';
}

/* Whether nothing runs: the field whole, the points in, no job. */
static int
bench_settled(const app *a)
{
	const sd_field *f = &a->v->field;

	return f->valid && f->coarse <= 1 && a->field_job == NULL &&
	    a->points_job == NULL && a->scale_job == NULL &&
	    a->watch_job == NULL && !app_task_running(a, APP_TASK_READOUT) &&
	    a->v->points_valid;
}

/* The field scene's next key: a pan once the one before has settled. */
static int
bench_next_field(app *a, bench_run *b)
{
	if (b->pan_at != 0 || !bench_settled(a))
		return 0;
	if (b->n_field >= BENCH_FIELD_PANS + BENCH_FIELD_ZOOMS)
		return 'q';
	if (b->n_field >= BENCH_FIELD_PANS)
		return b->n_field % 2 ? '-' : '+';
	return b->n_field % 2 ? 'H' : 'L';
}

/* The next key of the script, or 0 when none is due yet (the scene waits
 * for a job). */
static int
bench_next(app *a, bench_run *b)
{
	double now = bench_now();

	if (now - b->start > 3 * BENCH_CAP_S)
		return 'q';
	if (b->scene == BENCH_FINDER) {
		if (!a->v->points_valid)
			return b->cursor++ % 2 ? 'h' : 'l';
		if (b->pans < BENCH_PANS)
			return b->pans++ % 2 ? 'H' : 'L';
		return 'q';
	}
	if (b->scene == BENCH_SWITCH)
		return bench_next_switch(a, b);
	if (b->scene == BENCH_PATH)
		return bench_next_path(a, b);
	if (b->scene == BENCH_FIELD)
		return bench_next_field(a, b);
	if (b->n_m == 0 && !a->v->points_valid)
		return 0;
	if (b->n_m < 5) {
		b->n_m++;
		return 'm';
	}
	if (overlay_pending(&a->ov) && now - b->start < BENCH_CAP_S)
		return b->cursor++ % 2 ? 'h' : 'l';
	return 'q';
}

/* app_io's read: the next key when it is due, after waiting for it (or
 * for the timeout, if sooner) as screen_read would. */
static void
bench_read(app *a, int timeout_ms, screen_event *ev)
{
	bench_run *b = a->io.arg;
	double now = bench_now(), until;
	int key;

	memset(ev, 0, sizeof *ev);
	if (b->start == 0)
		b->start = now;
	if (b->due == 0)
		b->due = now + BENCH_GAP_MS / 1e3;
	until = timeout_ms < 0 ? b->due : fmin(b->due, now + timeout_ms / 1e3);
	bench_sleep(until - now);
	if (bench_now() < b->due)
		return;
	if ((key = bench_next(a, b)) == 0) {
		/* Nothing to press until a job is done: look again soon. */
		b->due = bench_now() + BENCH_GAP_MS / 1e3;
		return;
	}
	ev->type = SCREEN_EVENT_KEY;
	ev->key = key;
	b->tab = key == '\t' || key == SCREEN_KEY_ENTER;
	b->pan = b->scene == BENCH_PATH && (key == 'L' || key == 'H');
	if (b->scene == BENCH_FIELD && key != 'q')
		b->pan_at = b->due;
	b->arrived = b->due;
	/* The path scene keeps every cursor key's wait. */
	b->busy = bench_busy(a) || b->scene == BENCH_PATH;
	if (key == 'q')
		b->quit_at = b->due;
	b->due += BENCH_GAP_MS / 1e3;
}

/* app_io's ready: whether the next key is due. */
static int
bench_ready(app *a)
{
	bench_run *b = a->io.arg;

	return b->due != 0 && bench_now() >= b->due;
}

/* The field scene's look at a frame after a pan: note the first, the
 * first with a coarse field and the first with the whole (the pan is
 * then done). */
static void
bench_field_frame(app *a, bench_run *b)
{
	const sd_field *f = &a->v->field;
	const int k = b->n_field;
	double ms = (bench_now() - b->pan_at) * 1e3;
	int at = -1;

	if (b->f_first[k] == 0)
		b->f_first[k] = ms, at = 0;
	if (b->f_coarse[k] == 0 && f->valid)
		b->f_coarse[k] = ms, at = 1;
	if (f->valid && f->coarse <= 1)
		b->f_full[k] = ms, at = 2;
	if (at >= 0) {
		b->f_finder[k][at] = a->points_job != NULL;
		b->f_readout[k][at] = app_task_running(a, APP_TASK_READOUT);
	}
	if (at == 2) {
		b->n_field++;
		b->pan_at = 0;
	}
}

/* app_io's sent: the key before this frame has its answer. */
static void
bench_sent(app *a)
{
	bench_run *b = a->io.arg;
	double wait;

	if (b->pan_at != 0)
		bench_field_frame(a, b);
	if (b->arrived == 0)
		return;
	wait = (bench_now() - b->arrived) * 1e3;
	if (b->tab && b->tabs < 64) {
		b->tab_ms[b->tabs] = wait;
		snprintf(b->tab_to[b->tabs++], sizeof b->tab_to[0], "%s",
		    a->v->obj->spec);
	}
	if (b->pan && b->n_pan < BENCH_PANS_PATH)
		b->pan_ms[b->n_pan++] = wait;
	else if (b->busy && b->n_waits < BENCH_KEYS_MAX)
		b->waits[b->n_waits++] = wait;
	else if (!b->busy)
		b->idle_max = fmax(b->idle_max, wait);
	b->arrived = 0;
}

/* A view of spec with a gd racer, as the TUI starts. */
static int
bench_view(view *v, const char *spec)
{
	sd_objective *obj;
	char *cause = NULL;

	if ((obj = sd_objective_new(spec, &cause)) == NULL ||
	    view_init(v, obj, NULL, &cause) != 0 ||
	    view_add_racer(v, sd_optimizer_lookup("gd"), NULL, &cause) != 0) {
		fprintf(stderr, "bench_tui: %s: %s\n", spec,
		    cause ? cause : "?");
		exit(1);
	}
	return 0;
}

/* Give racer r a run of n iterates without stepping it (stepping glm
 * 100,000 times would take minutes): a spiral over the view's window,
 * 40 turns drawn in towards its centre and off the plane by a little in
 * every other coordinate, its f falling with some noise. */
static void
bench_path_fill(const view *v, racer *r, size_t n)
{
	const sd_window *w = &v->window;
	const sd_chart *c = &v->chart;
	sd_trace *t = &r->trace;
	double s, rad, a, b, *x;
	size_t i, j;

	t->x = realloc(t->x, n * t->dim * sizeof *t->x);
	t->f = realloc(t->f, n * sizeof *t->f);
	t->grad_norm = realloc(t->grad_norm, n * sizeof *t->grad_norm);
	if (t->x == NULL || t->f == NULL || t->grad_norm == NULL) {
		fprintf(stderr, "bench_tui: out of memory\n");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		s = (double)i / (double)n;
		rad = 0.45 * (1 - 0.9 * s);
		a = (w->xmin + w->xmax) / 2 + rad * (w->xmax - w->xmin) *
		    cos(80 * M_PI * s);
		b = (w->ymin + w->ymax) / 2 + rad * (w->ymax - w->ymin) *
		    sin(80 * M_PI * s);
		x = t->x + i * t->dim;
		for (j = 0; j < t->dim; j++)
			x[j] = c->origin[j] + a * c->u[j] + b * c->v[j] +
			    1e-3 * sin((double)(i + j));
		t->f[i] = 1 + 10 * exp(-8 * s) * (1 + 0.3 * sin((double)i));
		t->grad_norm[i] = 1;
	}
	t->n = t->cap = n;
	t->stop = SD_STOP_STEPS;
}

/* Run one scene of spec through the app's loop; *quit_ms gets how long q
 * took to give the terminal back and stop the jobs. */
static void
bench_scene_run(bench_run *b, const char *spec, const theme *th,
    double *quit_ms, int *plot_w, int *plot_h, size_t path)
{
	char *cause = NULL;
	view v;
	app a;

	bench_view(&v, spec);
	if (path > 0)
		bench_path_fill(&v, v.racers[0], path);
	if (app_open(&a, &v, th, COLOR_256, &cause) != 0) {
		fprintf(stderr, "bench_tui: %s\n", cause);
		exit(1);
	}
	a.io.read = bench_read;
	a.io.ready = bench_ready;
	a.io.sent = bench_sent;
	a.io.arg = b;
	app_loop(&a);
	*plot_w = a.lay.plot.w;
	*plot_h = a.lay.plot.h;
	app_close(&a);
	*quit_ms = (bench_now() - b->quit_at) * 1e3;
	view_done(&v);
}

/* The finder's blocking time on spec's default view: the median of three
 * runs of view_refresh_points, in ms. */
static double
bench_finder_before(const char *spec)
{
	double t[3], t0;
	char *cause = NULL;
	view v;
	int i;

	bench_view(&v, spec);
	for (i = 0; i < 3; i++) {
		view_set_window(&v, &v.window);
		t0 = bench_now();
		if (view_refresh_points(&v, &cause) != 0) {
			fprintf(stderr, "bench_tui: %s: %s\n", spec, cause);
			exit(1);
		}
		t[i] = (bench_now() - t0) * 1e3;
	}
	view_done(&v);
	return bench_median(t, 3);
}

/* The basins map's blocking time at w × h pixels, in ms, or -1 when it
 * took longer than BENCH_CAP_S (and was stopped). */
static double
bench_basins_before(const char *spec, int w, int h)
{
	sd_map_options mo = { &sd_map_basins, NAN, NAN, NAN, NULL, NULL,
	    OVERLAY_STEPS, 1e-6, 0 };
	char *cause = NULL;
	double t0, ms;
	view v;
	job *j;

	bench_view(&v, spec);
	mo.tol = v.tol;
	mo.seed = v.seed;
	mo.optimizer = v.racers[0]->opt->type;
	mo.params = v.racers[0]->opt->params;
	t0 = bench_now();
	if ((j = job_map(v.obj, &v.chart, &v.window, (size_t)w, (size_t)h,
	    &mo, &cause)) == NULL) {
		fprintf(stderr, "bench_tui: %s: %s\n", spec, cause);
		exit(1);
	}
	ms = job_wait(j, BENCH_CAP_S * 1e3) ? (bench_now() - t0) * 1e3 : -1;
	job_free(j);
	view_done(&v);
	return ms;
}

/* The longest and the median of a scene's waits. */
static void
bench_report(FILE *out, const char *what, bench_run *b, double before,
    double quit_ms)
{
	double worst = 0, median = 0;
	size_t i;

	for (i = 0; i < b->n_waits; i++)
		worst = fmax(worst, b->waits[i]);
	if (b->n_waits > 0)
		median = bench_median(b->waits, b->n_waits);
	if (before < 0)
		fprintf(out, "    %-7s before: > %.0f ms", what,
		    BENCH_CAP_S * 1e3);
	else
		fprintf(out, "    %-7s before: %7.1f ms", what, before);
	fprintf(out, "   now: %3zu keys while pending, longest wait %5.1f ms, "
	    "median %4.1f ms; other keys %5.1f ms; q %4.1f ms\n", b->n_waits,
	    worst, median, b->idle_max, quit_ms);
}

/* Tab through every objective from himmelblau, a tab whenever the last
 * one's points are in, then type :objective with each large instance:
 * the wait of each tab and enter (the new objective is built, its first
 * frame drawn; the points, and those the racer's monitor watches, are
 * jobs). */
static void
bench_switch(FILE *out, const theme *th)
{
	static bench_run run;
	double quit_ms;
	int i, w, h;

	memset(&run, 0, sizeof run);
	run.scene = BENCH_SWITCH;
	bench_scene_run(&run, "himmelblau", th, &quit_ms, &w, &h, 0);
	fprintf(out, "  tab to each objective at its defaults, then "
	    ":objective with the large ones:\n");
	for (i = 0; i < run.tabs; i++)
		fprintf(out, "    %-14s %6.1f ms\n", run.tab_to[i],
		    run.tab_ms[i]);
}

/* The key waits with a long path: the median and longest of the cursor
 * keys (the path and loss curve drawn again on the same window) and of
 * the pans (on a new one), for each length. */
static void
bench_path(FILE *out, const theme *th)
{
	static bench_run run;
	double quit_ms, worst, keys;
	size_t i;
	int w, h, k;

	fprintf(out, "  a gd racer's path of N steps on %s, %d cursor keys "
	    "then %d pans:\n", BENCH_PATH_SPEC, BENCH_PATH_KEYS,
	    BENCH_PANS_PATH);
	for (i = 0; i < sizeof bench_path_steps / sizeof *bench_path_steps;
	    i++) {
		memset(&run, 0, sizeof run);
		run.scene = BENCH_PATH;
		bench_scene_run(&run, BENCH_PATH_SPEC, th, &quit_ms, &w, &h,
		    bench_path_steps[i]);
		worst = keys = 0;
		for (k = 0; k < (int)run.n_waits; k++)
			keys = fmax(keys, run.waits[k]);
		for (k = 0; k < run.n_pan; k++)
			worst = fmax(worst, run.pan_ms[k]);
		fprintf(out, "    N = %6zu: cursor keys median %5.1f ms, "
		    "longest %5.1f ms; pans median %5.1f ms, longest %5.1f "
		    "ms\n", bench_path_steps[i], run.n_waits > 0 ?
		    bench_median(run.waits, run.n_waits) : 0, keys,
		    run.n_pan > 0 ? bench_median(run.pan_ms,
		    (size_t)run.n_pan) : 0, worst);
	}
}

/* Print the times of keys [k0, k1) of the field scene, and their
 * medians. */
static void
bench_field_keys(FILE *out, const bench_run *run, int k0, int k1,
    const char *what)
{
	double c[BENCH_FIELD_KEYS], f[BENCH_FIELD_KEYS];
	char flags[8];
	int k, j, n = 0;

	for (k = k0; k < k1 && k < run->n_field; k++, n++) {
		for (j = 0; j < 3; j++) {
			flags[2 * j] = run->f_finder[k][j] ? 'F' : '-';
			flags[2 * j + 1] = run->f_readout[k][j] ? 'R' : '-';
		}
		flags[6] = '\0';
		fprintf(out, "    %s %d: first frame %6.1f, coarse %6.1f, "
		    "whole %7.1f  %s\n", what, k - k0 + 1, run->f_first[k],
		    run->f_coarse[k], run->f_full[k], flags);
		c[n] = run->f_coarse[k];
		f[n] = run->f_full[k];
	}
	if (n > 0)
		fprintf(out, "    %s median: coarse %.1f ms, whole %.1f ms\n",
		    what, bench_median(c, (size_t)n), bench_median(f,
		    (size_t)n));
	if (n > 0)
		fprintf(out, "    %s p90: coarse %.1f ms, whole %.1f ms\n",
		    what, bench_p90(c, (size_t)n), bench_p90(f, (size_t)n));
}

/* Pans, then zooms, on glm:n=100000: when the frame answered, with the
 * coarse field and with the whole, and whether the finder or the
 * cursor's readings ran meanwhile (F, R at the first frame / the coarse /
 * the whole). */
static void
bench_field(FILE *out, const theme *th)
{
	static bench_run run;
	double quit_ms;
	int w, h;

	memset(&run, 0, sizeof run);
	run.scene = BENCH_FIELD;
	bench_scene_run(&run, BENCH_FIELD_SPEC, th, &quit_ms, &w, &h, 0);
	fprintf(out, "  %s, %d pans (L, H) then %d zooms (+, -), each once "
	    "all has settled; ms from the key (F: the finder ran, R: the "
	    "cursor's readings, at the first frame, the coarse one, the "
	    "whole):\n", BENCH_FIELD_SPEC, BENCH_FIELD_PANS,
	    BENCH_FIELD_ZOOMS);
	bench_field_keys(out, &run, 0, BENCH_FIELD_PANS, "pan");
	bench_field_keys(out, &run, BENCH_FIELD_PANS, BENCH_FIELD_KEYS,
	    "zoom");
}

int
main(int argc, char **argv)
{
	static bench_run run;
	const char *const *objs = bench_objectives;
	double quit_ms, finder, basins;
	size_t i, n_objs = sizeof bench_objectives / sizeof *bench_objectives;
	FILE *out;
	pid_t child;
	int fd, w = 0, h = 0, field;
	theme th;

	/* "path" runs the long-path scene alone; other objectives may be
	 * named (a quick run under a sanitizer). */
	field = argc == 2 && strcmp(argv[1], "field") == 0;
	if ((argc == 2 && strcmp(argv[1], "path") == 0) || field)
		n_objs = 0;
	else if (argc > 1) {
		objs = (const char *const *)argv + 1;
		n_objs = (size_t)argc - 1;
	}

	sd_gsl_quiet();
	setenv("TERM", "xterm-256color", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("NO_COLOR");
	unsetenv("COLORTERM");
	fd = field ? bench_pty(120, 40, &child) : bench_pty(COLS, ROWS,
	    &child);
	if ((out = fdopen(fd, "w")) == NULL)
		return 1;
	setvbuf(out, NULL, _IOLBF, 0);
	setlocale(LC_ALL, "");
	theme_default(&th);
	fprintf(out, "key waits on a %dx%d terminal, a key every %d ms "
	    "(target: < 50 ms):\n", COLS, ROWS, BENCH_GAP_MS);
	for (i = 0; i < n_objs; i++) {
		fprintf(out, "  %s\n", objs[i]);
		memset(&run, 0, sizeof run);
		run.scene = BENCH_FINDER;
		bench_scene_run(&run, objs[i], &th, &quit_ms, &w,
		    &h, 0);
		finder = bench_finder_before(objs[i]);
		bench_report(out, "finder", &run, finder, quit_ms);
		memset(&run, 0, sizeof run);
		run.scene = BENCH_BASINS;
		bench_scene_run(&run, objs[i], &th, &quit_ms, &w,
		    &h, 0);
		basins = bench_basins_before(objs[i], w, h);
		bench_report(out, "basins", &run, basins, quit_ms);
		fprintf(out, "    (basins map of %dx%d pixels)\n", w, h);
	}
	if (argc == 1)
		bench_switch(out, &th);
	if (argc == 1 || (n_objs == 0 && !field))
		bench_path(out, &th);
	if (argc == 1 || field)
		bench_field(out, &th);
	close(STDOUT_FILENO);
	close(STDIN_FILENO);
	kill(child, SIGTERM);
	waitpid(child, NULL, 0);
	return 0;
}
