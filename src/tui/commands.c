/* commands.c: the ':' command line: editing, history, completion of
 * names, and the command table (see app.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "base/error.h"
#include "base/params.h"
#include "expr/expr.h"

/* Where a command's argument completes from. */
typedef enum command_source {
	SOURCE_NONE = 0,
	SOURCE_OBJECTIVES,
	SOURCE_OPTIMIZERS,
	SOURCE_THEMES,
	SOURCE_LEVELS,
	SOURCE_PARAMS,
	SOURCE_CHARTS
} command_source;

/* One command: its name, argument, help, completion and action. */
typedef struct command {
	const char	*name;
	const char	*args;
	const char	*what;
	command_source	 source;
	int		(*run)(app *, const char *, char **);
} command;

/* :objective NAME[:k=v,...] */
static int
command_objective(app *a, const char *arg, char **cause)
{
	sd_objective *obj;

	if ((obj = sd_objective_new(arg, cause)) == NULL)
		return -1;
	app_dirty(a);
	return view_set_objective(a->v, obj, cause);
}

/* :expr FORMULA */
static int
command_expr(app *a, const char *arg, char **cause)
{
	sd_objective *obj;
	char *nl;

	if ((obj = sd_objective_new_expr(arg, cause)) == NULL) {
		/* The status line has one row: keep the message's last
		 * line, which says what was expected. */
		if (*cause != NULL && (nl = strrchr(*cause, '\n')) != NULL)
			memmove(*cause, nl + 1, strlen(nl));
		return -1;
	}
	app_dirty(a);
	return view_set_objective(a->v, obj, cause);
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

/* :start a,b */
static int
command_start(app *a, const char *arg, char **cause)
{
	double p[2];

	if (sd_numbers_parse(arg, 2, p, "start", cause) != 0)
		return -1;
	a->v->cur_a = p[0];
	a->v->cur_b = p[1];
	view_clamp_cursor(a->v);
	return view_set_start(a->v, p[0], p[1], cause);
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
	unsigned long k, n = 1;

	if (*arg != '\0' && sd_whole_parse("step", arg, 1, 1000000, &n,
	    cause) != 0)
		return -1;
	for (k = 0; k < n; k++) {
		if (view_step(a->v) == 0)
			break;
	}
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
	if (overlay_survey(&a->ov, a->v, (size_t)n, cause) != 0)
		return -1;
	app_message(a, 0, "survey of %s: %lu starts over the view, %zu "
	    "method%s", a->v->obj->spec, n, a->ov.n_rows,
	    a->ov.n_rows == 1 ? "" : "s");
	return 0;
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
	{ "start", "a,b", "start the racers at (a, b)", SOURCE_NONE,
	  command_start },
	{ "window", "x0:x1,y0:y1", "show this window", SOURCE_NONE,
	  command_window },
	{ "chart", "CHART", "view through another chart", SOURCE_CHARTS,
	  command_chart },
	{ "theme", "NAME|PATH", "load a theme", SOURCE_THEMES, command_theme },
	{ "levels", "log|linear|auto|N", "contour levels", SOURCE_LEVELS,
	  command_levels },
	{ "seed", "S", "seed of the random methods", SOURCE_NONE,
	  command_seed },
	{ "tol", "G", "convergence: ‖∇f‖ below G", SOURCE_NONE, command_tol },
	{ "step", "[N]", "take N steps", SOURCE_NONE, command_step },
	{ "clear", "", "clear the paths", SOURCE_NONE, command_clear },
	{ "reset", "", "reset the view", SOURCE_NONE, command_reset },
	{ "alpha", "A|default", "strict-saddle map: ‖∇f‖ ≥ α", SOURCE_NONE,
	  command_alpha },
	{ "beta", "B|default", "strict-saddle map: λ_min ≤ −β", SOURCE_NONE,
	  command_beta },
	{ "gamma", "G|default", "strict-saddle map: γ-near a minimum",
	  SOURCE_NONE, command_gamma },
	{ "survey", "N|off", "N runs of each racer's method", SOURCE_NONE,
	  command_survey },
	{ "help", "", "show the keys", SOURCE_NONE, command_help },
	{ "quit", "", "quit", SOURCE_NONE, command_quit },
	{ NULL, NULL, NULL, SOURCE_NONE, NULL }
};

int
app_command_help(draw_help *out, int max)
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

/* The command a name means: the command of that name, else the first in
 * the table's order (help's) that it abbreviates, so that a prefix
 * several commands share means the older, more common one — :a is add
 * (:al alpha), :o objective, :s set, :c chart, :t theme — as in vi; or
 * NULL with *cause. */
static const command *
command_find(const char *name, size_t len, char **cause)
{
	const command *c, *found = NULL;

	for (c = commands; len > 0 && c->name != NULL; c++) {
		if (strlen(c->name) == len && strncmp(c->name, name, len) == 0)
			return c;
		if (found == NULL && strncmp(c->name, name, len) == 0)
			found = c;
	}
	if (found != NULL)
		return found;
	sd_fail(cause, "unknown command '%.*s': expected objective, expr, "
	    "optimizer, add, set, start, window, chart, theme, levels, seed, "
	    "tol, step, clear, reset, alpha, beta, gamma, survey, help or "
	    "quit", (int)len, name);
	return NULL;
}

int
app_execute(app *a, const char *line)
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

/* Forget the completions. */
static void
command_uncomplete(app *a)
{
	int i;

	for (i = 0; i < a->n_cands; i++)
		free(a->cands[i]);
	free(a->cands);
	a->cands = NULL;
	a->n_cands = 0;
	a->cand = 0;
}

/* Add a copy of s to the completions when it starts with prefix. */
static void
command_offer(app *a, const char *s, const char *prefix, size_t len)
{
	char **grown;

	if (strncmp(s, prefix, len) != 0)
		return;
	if ((grown = realloc(a->cands, (a->n_cands + 1) * sizeof *grown)) ==
	    NULL)
		return;
	a->cands = grown;
	if ((a->cands[a->n_cands] = strdup(s)) != NULL)
		a->n_cands++;
}

/* Offer the names of source that start with prefix. */
static void
command_offer_source(app *a, command_source source, const char *prefix,
    size_t len)
{
	static const char *const levels[] = { "log", "linear", "auto" };
	static const char *const charts[] = { "default", "random",
	    "hessian", "points:", "trajectory" };
	const sd_param *p;
	theme_entry *themes;
	char key[64];
	size_t i, n;

	switch (source) {
	case SOURCE_OBJECTIVES:
		for (i = 0; sd_objective_types[i] != NULL; i++)
			command_offer(a, sd_objective_types[i]->name, prefix,
			    len);
		break;
	case SOURCE_OPTIMIZERS:
		for (i = 0; sd_optimizer_types[i] != NULL; i++)
			command_offer(a, sd_optimizer_types[i]->name, prefix,
			    len);
		break;
	case SOURCE_THEMES:
		if (theme_list(&themes, &n, NULL) != 0)
			break;
		for (i = 0; i < n; i++)
			command_offer(a, themes[i].name, prefix, len);
		theme_list_free(themes, n);
		break;
	case SOURCE_LEVELS:
		for (i = 0; i < 3; i++)
			command_offer(a, levels[i], prefix, len);
		break;
	case SOURCE_PARAMS:
		if (a->v->n_racers == 0)
			break;
		p = a->v->racers[a->v->selected]->opt->type->params;
		for (i = 0; p != NULL && p[i].key != NULL; i++) {
			snprintf(key, sizeof key, "%s=", p[i].key);
			command_offer(a, key, prefix, len);
		}
		break;
	case SOURCE_CHARTS:
		for (i = 0; i < sizeof charts / sizeof *charts; i++)
			command_offer(a, charts[i], prefix, len);
		break;
	case SOURCE_NONE:
		break;
	}
}

/* Replace the word being completed with s. */
static void
command_put(app *a, const char *s)
{
	char tail[APP_LINE];

	snprintf(tail, sizeof tail, "%s", a->line + a->pos);
	snprintf(a->line + a->cand_from, sizeof a->line - (size_t)a->cand_from,
	    "%s%s", s, tail);
	a->pos = a->cand_from + (int)strlen(s);
	if (a->pos > (int)strlen(a->line))
		a->pos = (int)strlen(a->line);
}

/* Gather the completions of the word before the cursor. */
static void
command_gather(app *a)
{
	const command *c;
	char prefix[APP_LINE];
	size_t cmdlen;
	int from = a->pos;

	while (from > 0 && strchr(" ,", a->line[from - 1]) == NULL)
		from--;
	a->cand_from = from;
	snprintf(prefix, sizeof prefix, "%.*s", a->pos - from, a->line + from);
	cmdlen = strcspn(a->line, " ");
	if (strspn(a->line, " ") == (size_t)from) {
		for (c = commands; c->name != NULL; c++)
			command_offer(a, c->name, prefix, strlen(prefix));
		return;
	}
	if ((c = command_find(a->line, cmdlen, NULL)) != NULL)
		command_offer_source(a, c->source, prefix, strlen(prefix));
}

/* Tab: complete, or show the next completion. */
static void
command_complete(app *a)
{
	if (a->n_cands > 1) {
		a->cand = (a->cand + 1) % a->n_cands;
		command_put(a, a->cands[a->cand]);
		return;
	}
	command_uncomplete(a);
	command_gather(a);
	if (a->n_cands == 0)
		return;
	command_put(a, a->cands[0]);
	if (a->n_cands == 1) {
		if (a->cand_from == 0 && a->pos < APP_LINE - 1 &&
		    a->line[a->pos] == '\0') {
			a->line[a->pos++] = ' ';
			a->line[a->pos] = '\0';
		}
		command_uncomplete(a);
	}
}

/* Recall history entry k (n_history: the empty line). */
static void
command_recall(app *a, int k)
{
	if (k < 0 || k > a->n_history)
		return;
	a->hist = k;
	snprintf(a->line, sizeof a->line, "%s",
	    k < a->n_history ? a->history[k] : "");
	a->pos = (int)strlen(a->line);
}

/* Remember line, dropping the oldest entry when full. */
static void
command_remember(app *a, const char *line)
{
	char *copy;

	if (*line == '\0' || (a->n_history > 0 &&
	    strcmp(a->history[a->n_history - 1], line) == 0))
		return;
	if ((copy = strdup(line)) == NULL)
		return;
	if (a->n_history == APP_HISTORY) {
		free(a->history[0]);
		memmove(a->history, a->history + 1,
		    (APP_HISTORY - 1) * sizeof *a->history);
		a->n_history--;
	}
	a->history[a->n_history++] = copy;
}

/* Enter: run the line and close it. */
static void
command_enter(app *a)
{
	char line[APP_LINE];

	snprintf(line, sizeof line, "%s", a->line);
	a->editing = 0;
	command_remember(a, line);
	a->message[0] = '\0';
	app_execute(a, line);
}

/* Insert the UTF-8 encoding of code point key at the cursor. */
static void
command_insert(app *a, int key)
{
	char enc[5];
	size_t n, len = strlen(a->line);

	if (key < 0x80) {
		enc[0] = (char)key;
		n = 1;
	} else if (key < 0x800) {
		enc[0] = (char)(0xc0 | (key >> 6));
		enc[1] = (char)(0x80 | (key & 0x3f));
		n = 2;
	} else if (key < 0x10000) {
		enc[0] = (char)(0xe0 | (key >> 12));
		enc[1] = (char)(0x80 | ((key >> 6) & 0x3f));
		enc[2] = (char)(0x80 | (key & 0x3f));
		n = 3;
	} else {
		return;
	}
	if (len + n >= APP_LINE)
		return;
	memmove(a->line + a->pos + n, a->line + a->pos, len - (size_t)a->pos +
	    1);
	memcpy(a->line + a->pos, enc, n);
	a->pos += (int)n;
}

/* The start of the character before byte pos. */
static int
command_back(const char *line, int pos)
{
	while (pos > 0 && ((unsigned char)line[--pos] & 0xc0) == 0x80)
		continue;
	return pos;
}

/* Delete the character at the cursor. */
static void
command_delete(app *a)
{
	int n = canvas_utf8_len(a->line + a->pos);

	memmove(a->line + a->pos, a->line + a->pos + n,
	    strlen(a->line + a->pos + n) + 1);
}

void
app_edit_key(app *a, int key)
{
	if (key != '\t')
		command_uncomplete(a);
	switch (key) {
	case '\t':
		command_complete(a);
		break;
	case SCREEN_KEY_ENTER:
		command_enter(a);
		break;
	case SCREEN_KEY_ESCAPE:
	case 7:		/* ctrl-g */
		a->editing = 0;
		break;
	case SCREEN_KEY_BACKSPACE:
		if (a->pos == 0) {
			if (a->line[0] == '\0')
				a->editing = 0;
			break;
		}
		a->pos = command_back(a->line, a->pos);
		command_delete(a);
		break;
	case SCREEN_KEY_DELETE:
		command_delete(a);
		break;
	case SCREEN_KEY_LEFT:
		a->pos = command_back(a->line, a->pos);
		break;
	case SCREEN_KEY_RIGHT:
		a->pos += canvas_utf8_len(a->line + a->pos);
		break;
	case SCREEN_KEY_HOME:
	case 1:		/* ctrl-a */
		a->pos = 0;
		break;
	case SCREEN_KEY_END:
	case 5:		/* ctrl-e */
		a->pos = (int)strlen(a->line);
		break;
	case 21:	/* ctrl-u */
		a->line[0] = '\0';
		a->pos = 0;
		break;
	case SCREEN_KEY_UP:
		command_recall(a, a->hist - 1);
		break;
	case SCREEN_KEY_DOWN:
		command_recall(a, a->hist + 1);
		break;
	default:
		if (key >= ' ' && key < SCREEN_KEY_UP && key != 127)
			command_insert(a, key);
	}
}

void
app_commands_done(app *a)
{
	int i;

	command_uncomplete(a);
	for (i = 0; i < a->n_history; i++)
		free(a->history[i]);
	a->n_history = 0;
}
