/* SPDX-License-Identifier: GPL-3.0-or-later */
/* commands.c: the ':' commands: their table, what each does, and the
 * keys of the line they are typed on, edited by cmdline.c, which this
 * file tells which names complete (see app.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/error.h"
#include "base/params.h"
#include "expr/expr.h"

/* The fewest samples :line draws f from. */
#define LINE_SAMPLES_MIN	16

/* Where a command's argument completes from. */
typedef enum command_source {
	SOURCE_NONE = 0,
	SOURCE_OBJECTIVES,
	SOURCE_OPTIMIZERS,
	SOURCE_THEMES,
	SOURCE_LEVELS,
	SOURCE_PARAMS,
	SOURCE_CHARTS,
	SOURCE_MAPS
} command_source;

/* One command: its name, argument, help, completion and action. */
typedef struct command {
	const char	*name;
	const char	*args;
	const char	*what;
	command_source	 source;
	int		(*run)(app *, const char *, char **);
} command;

/* An objective being built on a task: what to build, and what was. */
typedef struct command_build {
	char		 spec[APP_LINE];	/* a name or a formula */
	int		 expr;		/* spec is an :expr formula */
	sd_objective	*obj;		/* built; NULL once taken */
} command_build;

/* The task: build it (glm:d=200,n=100000 draws its data for 1.5 s). */
static int
command_build_run(job *self, const sd_objective *unused, void *arg,
    char **cause)
{
	command_build *b = arg;
	char *nl;

	(void)self;
	(void)unused;
	b->obj = b->expr ? sd_objective_new_expr(b->spec, cause) :
	    sd_objective_new(b->spec, cause);
	/* The status line has one row: keep a formula error's last line,
	 * which says what was expected. */
	if (b->obj == NULL && b->expr && *cause != NULL &&
	    (nl = strrchr(*cause, '\n')) != NULL)
		memmove(*cause, nl + 1, strlen(nl));
	return b->obj != NULL ? 0 : -1;
}

static void
command_build_free(void *arg)
{
	command_build *b = arg;

	sd_objective_free(b->obj);
	free(b);
}

/* Built: show it (the view takes it). */
static void
command_build_done(app *a, void *arg, int rc, char *cause)
{
	command_build *b = arg;
	sd_objective *obj = b->obj;

	if (rc != 0) {
		app_fail(a, cause);
		return;
	}
	b->obj = NULL;
	app_dirty(a);
	if (view_set_objective(a->v, obj, &cause) != 0)
		app_fail(a, cause);
}

int
app_objective(app *a, const char *spec, int expr, char **cause)
{
	command_build *b;
	char what[APP_LINE];

	if ((b = calloc(1, sizeof *b)) == NULL)
		return sd_fail(cause, "out of memory");
	snprintf(b->spec, sizeof b->spec, "%s", spec);
	b->expr = expr;
	snprintf(what, sizeof what, "building %s", expr ? "the formula" :
	    spec);
	return app_task_start(a, APP_TASK_OBJECTIVE, what, NULL,
	    command_build_run, b, command_build_free, command_build_done,
	    APP_COARSE_MS, cause);
}

/* :objective NAME[:k=v,...] (built on a task: the old one stays on
 * screen meanwhile) */
static int
command_objective(app *a, const char *arg, char **cause)
{
	return app_objective(a, arg, 0, cause);
}

/* :expr FORMULA */
static int
command_expr(app *a, const char *arg, char **cause)
{
	return app_objective(a, arg, 1, cause);
}

/* :optimizer NAME */
static int
command_optimizer(app *a, const char *arg, char **cause)
{
	const sd_optimizer_type *type;

	if ((type = sd_optimizer_find(arg, cause)) == NULL)
		return -1;
	return view_set_method(a->v, type, cause);
}

/* :add NAME */
static int
command_add(app *a, const char *arg, char **cause)
{
	const sd_optimizer_type *type;

	if ((type = sd_optimizer_find(arg, cause)) == NULL)
		return -1;
	return view_add_racer(a->v, type, NULL, cause);
}

/* :set k=v,... */
static int
command_set(app *a, const char *arg, char **cause)
{
	return view_set_params(a->v, arg, cause);
}

/* :start a,b [selected]: every racer (and those added later), or only
 * the selected one, which keeps that start of its own until the next
 * common start */
static int
command_start(app *a, const char *arg, char **cause)
{
	char point[APP_LINE];
	const char *flag;
	size_t len = strcspn(arg, " ");
	double p[2];

	snprintf(point, sizeof point, "%.*s", (int)len, arg);
	flag = arg + len + strspn(arg + len, " ");
	if (*flag != '\0' && strcmp(flag, "selected") != 0)
		return sd_fail(cause, "start: '%s' is not a flag: expected "
		    "'selected' (only the selected racer) or nothing (every "
		    "racer)", flag);
	if (sd_numbers_parse(point, 2, p, "start", cause) != 0)
		return -1;
	a->v->cur_a = p[0];
	a->v->cur_b = p[1];
	view_clamp_cursor(a->v);
	if (*flag != '\0')
		return view_set_start_selected(a->v, p[0], p[1], cause);
	return view_set_start(a->v, p[0], p[1], cause);
}

/* :remove [N]: racer N as numbered on the plot, else the selected one */
static int
command_remove(app *a, const char *arg, char **cause)
{
	unsigned long n = (unsigned long)a->v->selected + 1;

	if (a->v->n_racers == 0)
		return sd_fail(cause, "no racer to remove");
	if (*arg != '\0' && sd_whole_parse("remove", arg, 1,
	    (unsigned long)a->v->n_racers, &n, cause) != 0)
		return -1;
	return view_remove_racer(a->v, (int)n - 1, cause);
}

/* :line P Q (off: the loss curve again): f along the segment in the
 * panel's plot, one sample per dot column, as many as a frame's time
 * allows (no key waits for work: a slow f is `saddle line`'s) */
static int
command_line(app *a, const char *arg, char **cause)
{
	char p[APP_LINE];
	const char *q;
	size_t len = strcspn(arg, " "), n = 2 * (size_t)a->lay.loss.w;
	double most;

	if (strcmp(arg, "off") == 0) {
		view_clear_line(a->v);
		return 0;
	}
	q = arg + len + strspn(arg + len, " ");
	if (len == 0 || *q == '\0' || q[strcspn(q, " ")] != '\0')
		return sd_fail(cause, "line: '%s': expected two points P Q "
		    "(a,b, x1,...,xd, or min:K, saddle:K) or off", arg);
	snprintf(p, sizeof p, "%.*s", (int)len, arg);
	most = a->sample_s > 0 ? APP_COARSE_MS / 1e3 / a->sample_s : n;
	if (n > VIEW_LINE_MAX)
		n = VIEW_LINE_MAX;
	if (most < n)
		n = (size_t)most;
	if (n < LINE_SAMPLES_MIN)
		return sd_fail(cause, "line: f takes %.3g ms a sample here: the "
		    "line would keep the keys waiting; `saddle line` samples "
		    "it", a->sample_s * 1e3);
	return view_set_line(a->v, p, q, n, cause);
}

/* :vectors on|off */
static int
command_vectors(app *a, const char *arg, char **cause)
{
	if (strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0)
		return sd_fail(cause, "vectors: '%s': expected on or off", arg);
	a->v->vectors = strcmp(arg, "on") == 0;
	return 0;
}

/* :ntk on|off: the NTK model's levels over the landscape (overlay.h) */
static int
command_ntk(app *a, const char *arg, char **cause)
{
	if (strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0)
		return sd_fail(cause, "ntk: '%s': expected on or off", arg);
	return app_ntk(a, strcmp(arg, "on") == 0, cause);
}

/* :aspect equal|fill: round wells look round, or the window fills the
 * plot (the window stays as it is until 0 or :window) */
static int
command_aspect(app *a, const char *arg, char **cause)
{
	if (strcmp(arg, "equal") != 0 && strcmp(arg, "fill") != 0)
		return sd_fail(cause, "aspect: '%s': expected equal or fill",
		    arg);
	a->v->aspect = strcmp(arg, "equal") == 0;
	app_dirty(a);
	return 0;
}

/* :window xmin:xmax,ymin:ymax */
static int
command_window(app *a, const char *arg, char **cause)
{
	sd_window w;

	if (sd_window_parse(arg, &w, "window", cause) != 0)
		return -1;
	view_set_window(a->v, &w);
	app_dirty(a);
	return 0;
}

/* :chart CHART (a bare "hessian" is the Hessian at the cursor;
 * "trajectory" is the selected racer's path) */
static int
command_chart(app *a, const char *arg, char **cause)
{
	if (view_choose_chart(a->v, arg, NULL, cause) != 0)
		return -1;
	app_dirty(a);
	return 0;
}

/* :theme NAME|PATH */
static int
command_theme(app *a, const char *arg, char **cause)
{
	if (theme_load(&a->th, arg, cause) != 0)
		return -1;
	app_dirty(a);
	return 0;
}

/* :levels linear|log|auto|N */
static int
command_levels(app *a, const char *arg, char **cause)
{
	if (view_levels_parse(a->v, arg, cause) != 0)
		return -1;
	app_dirty(a);
	return 0;
}

/* :seed S (restarts the racers) */
static int
command_seed(app *a, const char *arg, char **cause)
{
	if (sd_seed_parse("seed", arg, &a->v->seed, cause) != 0)
		return -1;
	return view_restart(a->v, cause);
}

/* :tol G */
static int
command_tol(app *a, const char *arg, char **cause)
{
	double t;

	if (sd_tolerance_parse("tol", arg, &t, cause) != 0)
		return -1;
	view_set_tol(a->v, t);
	return 0;
}

/* :step [N] */
static int
command_step(app *a, const char *arg, char **cause)
{
	unsigned long n = 1;

	if (*arg != '\0' && sd_whole_parse("step", arg, 1, 1000000, &n,
	    cause) != 0)
		return -1;
	/* Taken between keys (app.c): Esc stops them. */
	a->steps_left = (long)n;
	return 0;
}

/* :clear */
static int
command_clear(app *a, const char *arg, char **cause)
{
	(void)arg;
	return view_restart(a->v, cause);
}

/* :reset */
static int
command_reset(app *a, const char *arg, char **cause)
{
	(void)arg;
	(void)cause;
	view_reset(a->v);
	app_dirty(a);
	return 0;
}

/* :help */
static int
command_help(app *a, const char *arg, char **cause)
{
	(void)arg;
	(void)cause;
	a->help = 1;
	a->help_page = 0;
	return 0;
}

/* :alpha A (the strict-saddle map's constants; the map shows) */
static int
command_alpha(app *a, const char *arg, char **cause)
{
	app_dirty(a);
	return overlay_set_constant(&a->ov, 'a', arg, cause);
}

/* :beta B */
static int
command_beta(app *a, const char *arg, char **cause)
{
	app_dirty(a);
	return overlay_set_constant(&a->ov, 'b', arg, cause);
}

/* :gamma G */
static int
command_gamma(app *a, const char *arg, char **cause)
{
	app_dirty(a);
	return overlay_set_constant(&a->ov, 'g', arg, cause);
}

/* :map KIND|off */
static int
command_map(app *a, const char *arg, char **cause)
{
	const sd_map_type *type = NULL;

	if (strcmp(arg, "off") != 0 && strcmp(arg, "none") != 0 &&
	    (type = sd_map_type_find(arg, cause)) == NULL)
		return -1;
	if (type != NULL && sd_map_check(type, a->v->obj, cause) != 0)
		return -1;
	overlay_set(&a->ov, type);
	app_message(a, 0, "map: %s", overlay_name(&a->ov));
	return 0;
}

/* :survey N (off: hide the table) */
static int
command_survey(app *a, const char *arg, char **cause)
{
	unsigned long n;

	if (strcmp(arg, "off") == 0) {
		overlay_survey_clear(&a->ov);
		return 0;
	}
	if (sd_whole_parse("survey", arg, 1, SD_SURVEY_STARTS_MAX, &n,
	    cause) != 0)
		return -1;
	/* On a job (overlay.h): the status line shows its progress. */
	return overlay_survey(&a->ov, a->v, (size_t)n, cause);
}

/* :ends on|off: the last survey's end points over the plot */
static int
command_ends(app *a, const char *arg, char **cause)
{
	if (strcmp(arg, "on") != 0 && strcmp(arg, "off") != 0)
		return sd_fail(cause, "ends: '%s': expected on or off", arg);
	a->ov.ends_on = strcmp(arg, "on") == 0;
	return 0;
}

/* :write FILE */
static int
command_write(app *a, const char *arg, char **cause)
{
	return app_write(a, arg, 0, cause);
}

/* :write! FILE (replaces an existing file) */
static int
command_write_replace(app *a, const char *arg, char **cause)
{
	return app_write(a, arg, 1, cause);
}

/* :quit */
static int
command_quit(app *a, const char *arg, char **cause)
{
	(void)arg;
	(void)cause;
	a->quit = 1;
	return 0;
}

/* The commands, in the order help lists them. */
static const command commands[] = {
	{ "objective", "NAME[:k=v,...]", "show another objective",
	  SOURCE_OBJECTIVES, command_objective },
	{ "expr", "FORMULA", "show f(x, y) = FORMULA", SOURCE_NONE,
	  command_expr },
	{ "optimizer", "NAME", "the selected racer's method",
	  SOURCE_OPTIMIZERS, command_optimizer },
	{ "add", "NAME", "add a racer", SOURCE_OPTIMIZERS, command_add },
	{ "set", "k=v,...", "the selected racer's parameters", SOURCE_PARAMS,
	  command_set },
	{ "start", "a,b [selected]", "start every racer (or one) here",
	  SOURCE_NONE, command_start },
	{ "window", "x0:x1,y0:y1", "show this window", SOURCE_NONE,
	  command_window },
	{ "chart", "CHART", "view through another chart", SOURCE_CHARTS,
	  command_chart },
	{ "theme", "NAME|PATH", "load a theme", SOURCE_THEMES, command_theme },
	{ "levels", "MODE|N", "level scale (see v), or bands",
	  SOURCE_LEVELS, command_levels },
	{ "line", "P Q|off", "f along P→Q in the panel",
	  SOURCE_NONE, command_line },
	{ "vectors", "on|off", "each racer's −lr∇f and last step",
	  SOURCE_NONE, command_vectors },
	{ "ntk", "on|off", "the NTK model's levels (as N)",
	  SOURCE_NONE, command_ntk },
	{ "aspect", "equal|fill", "equal scales, or fill the plot",
	  SOURCE_NONE, command_aspect },
	{ "seed", "S", "seed of the random methods", SOURCE_NONE,
	  command_seed },
	{ "tol", "G", "convergence: ‖∇f‖ below G", SOURCE_NONE, command_tol },
	{ "step", "[N]", "take N steps", SOURCE_NONE, command_step },
	{ "clear", "", "clear the paths", SOURCE_NONE, command_clear },
	{ "reset", "", "reset the view", SOURCE_NONE, command_reset },
	{ "remove", "[N]", "remove racer N (the selected one)", SOURCE_NONE,
	  command_remove },
	{ "map", "KIND|off", "show a map (as m cycles them)", SOURCE_MAPS,
	  command_map },
	{ "alpha", "A|default", "strict-saddle map: ‖∇f‖ ≥ α", SOURCE_NONE,
	  command_alpha },
	{ "beta", "B|default", "strict-saddle map: λ_min ≤ −β", SOURCE_NONE,
	  command_beta },
	{ "gamma", "G|default", "strict-saddle map: γ-near a minimum",
	  SOURCE_NONE, command_gamma },
	{ "survey", "N|off", "N runs of each racer's method", SOURCE_NONE,
	  command_survey },
	{ "ends", "on|off", "where :survey's runs end, as dots",
	  SOURCE_NONE, command_ends },
	{ "write", "FILE", "save the view: svg png pdf txt ans",
	  SOURCE_NONE, command_write },
	{ "write!", "FILE", "save the view, replacing FILE", SOURCE_NONE,
	  command_write_replace },
	{ "help", "", "show the keys", SOURCE_NONE, command_help },
	{ "quit", "", "quit", SOURCE_NONE, command_quit },
	{ NULL, NULL, NULL, SOURCE_NONE, NULL }
};

int
app_command_help(frame_help *out, int max)
{
	static char text[sizeof commands / sizeof *commands][48];
	int n = 0;

	for (; commands[n].name != NULL && n < max; n++) {
		snprintf(text[n], sizeof text[n], ":%s %s", commands[n].name,
		    commands[n].args);
		out[n].keys = text[n];
		out[n].what = commands[n].what;
	}
	return n;
}

/* The commands' names as "objective, expr, ... or quit", into buf. */
static void
command_names(char *buf, size_t len)
{
	const size_t n = sizeof commands / sizeof *commands - 1;
	size_t i;

	for (i = 0; i < n; i++)
		sd_list_add(buf, len, i, n, commands[i].name);
}

/* The command a name means: the command of that name, else the first in
 * the table's order (help's) that it abbreviates, so that a prefix
 * several commands share means the older, more common one — :a is add
 * (:al alpha), :o objective, :s set, :c chart, :t theme — as in vi; or
 * NULL with *cause. */
static const command *
command_find(const char *name, size_t len, char **cause)
{
	const command *c, *found = NULL;
	char names[256];

	for (c = commands; len > 0 && c->name != NULL; c++) {
		if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)
			return c;
		if (found == NULL && strncmp(c->name, name, len) == 0)
			found = c;
	}
	if (found != NULL)
		return found;
	command_names(names, sizeof names);
	sd_fail(cause, "unknown command '%.*s': expected %s", (int)len, name,
	    names);
	return NULL;
}

int
app_command_check(const char *line, char **cause)
{
	line += strspn(line, " ");
	return command_find(line, strcspn(line, " "), cause) == NULL ? -1 : 0;
}

int
app_command(app *a, const char *line)
{
	const command *c;
	const char *arg;
	char *cause = NULL;
	size_t len;

	line += strspn(line, " ");
	if (*line == '\0')
		return 0;
	len = strcspn(line, " ");
	arg = line + len;
	arg += strspn(arg, " ");
	if ((c = command_find(line, len, &cause)) == NULL ||
	    c->run(a, arg, &cause) != 0) {
		app_fail(a, cause);
		return -1;
	}
	return 0;
}

/* Offer the names of source that start with the word being completed. */
static void
command_offer_source(app *a, command_source source)
{
	static const char *const levels[] = { "log", "linear", "critical",
	    "quantile", "auto" };
	const sd_chart_choice_type *c;
	const sd_param *p;
	theme_entry *themes;
	char key[64];
	size_t i, n;

	switch (source) {
	case SOURCE_OBJECTIVES:
		for (i = 0; sd_objective_types[i] != NULL; i++)
			cmdline_offer(&a->cl, sd_objective_types[i]->name);
		break;
	case SOURCE_OPTIMIZERS:
		for (i = 0; sd_optimizer_types[i] != NULL; i++)
			cmdline_offer(&a->cl, sd_optimizer_types[i]->name);
		break;
	case SOURCE_THEMES:
		if (theme_list(&themes, &n, NULL) != 0)
			break;
		for (i = 0; i < n; i++)
			cmdline_offer(&a->cl, themes[i].name);
		theme_list_free(themes, n);
		break;
	case SOURCE_LEVELS:
		for (i = 0; i < sizeof levels / sizeof *levels; i++)
			cmdline_offer(&a->cl, levels[i]);
		break;
	case SOURCE_PARAMS:
		if (a->v->n_racers == 0)
			break;
		p = a->v->racers[a->v->selected]->opt->type->params;
		for (i = 0; p != NULL && p[i].key != NULL; i++) {
			snprintf(key, sizeof key, "%s=", p[i].key);
			cmdline_offer(&a->cl, key);
		}
		break;
	case SOURCE_CHARTS:
		for (i = 0; (c = sd_chart_choice_types[i]) != NULL; i++) {
			snprintf(key, sizeof key, "%s%s", c->name,
			    view_chart_bare(c) ? "" : ":");
			cmdline_offer(&a->cl, key);
		}
		break;
	case SOURCE_MAPS:
		for (i = 0; sd_map_types[i] != NULL; i++)
			cmdline_offer(&a->cl, sd_map_types[i]->name);
		cmdline_offer(&a->cl, "off");
		break;
	case SOURCE_NONE:
		break;
	}
}

/* Tab: complete the word before the cursor — a command's name, or its
 * argument from the command's source — or show the next completion. */
static void
command_complete(app *a)
{
	cmdline *cl = &a->cl;
	const command *c;
	int from;

	if (cmdline_cycling(cl)) {
		cmdline_cycle(cl);
		return;
	}
	from = cmdline_word(cl);
	if (strspn(cl->text, " ") == (size_t)from) {
		for (c = commands; c->name != NULL; c++)
			cmdline_offer(cl, c->name);
	} else if ((c = command_find(cl->text, strcspn(cl->text, " "),
	    NULL)) != NULL)
		command_offer_source(a, c->source);
	cmdline_complete(cl, from == 0);
}

/* Enter: run the line and close it. */
static void
command_enter(app *a)
{
	char line[CMDLINE_MAX];

	snprintf(line, sizeof line, "%s", a->cl.text);
	a->editing = 0;
	cmdline_remember(&a->cl, line);
	a->message[0] = '\0';
	app_command(a, line);
}

/* Escape: close the line without running it. */
static void
command_close(app *a)
{
	a->editing = 0;
}

/* Backspace: delete the character before the cursor; on an empty line,
 * close it. */
static void
command_backspace(app *a)
{
	if (a->cl.text[0] == '\0')
		a->editing = 0;
	else
		cmdline_backspace(&a->cl);
}

/* What a key does while the line is open: an edit of the line, or an
 * action of the command line's own. */
static const struct command_key {
	int	 key;
	void	(*edit)(cmdline *);
	void	(*act)(app *);
} command_keys[] = {
	{ '\t', NULL, command_complete },
	{ SCREEN_KEY_ENTER, NULL, command_enter },
	{ SCREEN_KEY_ESCAPE, NULL, command_close },
	{ 7, NULL, command_close },		/* ctrl-g */
	{ SCREEN_KEY_BACKSPACE, NULL, command_backspace },
	{ SCREEN_KEY_DELETE, cmdline_delete, NULL },
	{ SCREEN_KEY_LEFT, cmdline_left, NULL },
	{ SCREEN_KEY_RIGHT, cmdline_right, NULL },
	{ SCREEN_KEY_HOME, cmdline_home, NULL },
	{ 1, cmdline_home, NULL },		/* ctrl-a */
	{ SCREEN_KEY_END, cmdline_end, NULL },
	{ 5, cmdline_end, NULL },		/* ctrl-e */
	{ 21, cmdline_kill, NULL },		/* ctrl-u */
	{ SCREEN_KEY_UP, cmdline_older, NULL },
	{ SCREEN_KEY_DOWN, cmdline_newer, NULL },
	{ 0, NULL, NULL }
};

void
app_edit_key(app *a, int key)
{
	const struct command_key *k;

	if (key != '\t')
		cmdline_uncomplete(&a->cl);
	for (k = command_keys; k->key != 0; k++) {
		if (k->key != key)
			continue;
		if (k->edit != NULL)
			k->edit(&a->cl);
		else
			k->act(a);
		return;
	}
	/* Other keys below the special ones are characters. */
	if (key >= ' ' && key < SCREEN_KEY_UP && key != 127)
		cmdline_insert(&a->cl, key);
}
