/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_complete.c: `saddle complete -- WORD...`: what a shell may put in
 * place of the last WORD (the one under the cursor, possibly empty), given
 * the words after `saddle` before it. One candidate a line, as
 * "WORD<tab>DESCRIPTION" or "WORD", only those that start with the last
 * WORD; a line ":file" asks the shell to offer file names too. Everything
 * is read from the registries and from the option tables the parsers use,
 * so that the bash, zsh and fish completions (completions/), which only
 * relay these lines, never go stale. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "landscape/chart.h"
#include "landscape/map.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "tui/theme.h"

/* The word under the cursor, and the part of it already settled (a
 * list's earlier items, "NAME:" and earlier parameters). */
typedef struct complete_word {
	const char	*cur;
	size_t		 base;
} complete_word;

/* Print base + word + suffix, with desc after a tab, when it extends the
 * word under the cursor. */
static void
complete_put(const complete_word *w, const char *word, const char *suffix,
    const char *desc)
{
	size_t len = strlen(w->cur) - w->base;

	if (strncmp(word, w->cur + w->base, len) != 0)
		return;
	printf("%.*s%s%s", (int)w->base, w->cur, word, suffix);
	if (desc != NULL && *desc != '\0')
		printf("\t%s", desc);
	putchar('\n');
}

/* The word after its last separator (one of seps) is the one completed. */
static void
complete_after(complete_word *w, const char *seps)
{
	size_t i;

	for (i = strlen(w->cur); i > 0; i--) {
		if (strchr(seps, w->cur[i - 1]) != NULL)
			break;
	}
	w->base = i;
}

static void
complete_optimizers(complete_word *w)
{
	size_t i;

	complete_after(w, ",");
	for (i = 0; sd_optimizer_types[i] != NULL; i++)
		complete_put(w, sd_optimizer_types[i]->name, "",
		    sd_optimizer_types[i]->summary);
}

static void
complete_themes(complete_word *w)
{
	theme_entry *list = NULL;
	size_t i, n = 0;

	if (theme_list(&list, &n, NULL) != 0)
		return;
	for (i = 0; i < n; i++)
		complete_put(w, list[i].name, "", list[i].path);
	theme_list_free(list, n);
}

static void
complete_maps(complete_word *w)
{
	size_t k;

	for (k = 0; sd_map_types[k] != NULL; k++)
		complete_put(w, sd_map_types[k]->name, "", NULL);
}

static void
complete_charts(complete_word *w)
{
	const sd_chart_choice_type *t;
	size_t i;

	for (i = 0; (t = sd_chart_choice_types[i]) != NULL; i++)
		complete_put(w, t->name, t->arg == SD_CHART_ARG_NEEDED ? ":" :
		    "", NULL);
}

/* The options whose words come from a registry, and those that name a
 * file (file: 1) as well or instead. */
static const struct complete_value {
	const char	*option;
	void		(*print)(complete_word *);
	int		 file;
} complete_values[] = {
	{ "optimizer", complete_optimizers, 0 },
	{ "theme", complete_themes, 1 },
	{ "kind", complete_maps, 0 },
	{ "chart", complete_charts, 0 },
	{ "output", NULL, 1 },
	{ NULL, NULL, 0 }
};

/* The lower-case words of a help argument such as "csv|json" (N, in
 * "linear|log|auto|N", is a placeholder). */
static void
complete_listed(complete_word *w, const char *arg)
{
	char word[64];
	const char *p = arg, *end;

	if (arg == NULL || strchr(arg, '|') == NULL)
		return;
	for (; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, "|");
		if ((*p < 'A' || *p > 'Z') && (size_t)(end - p) < sizeof word) {
			snprintf(word, sizeof word, "%.*s", (int)(end - p), p);
			complete_put(w, word, "", NULL);
		}
	}
}

/* The words that may follow c's option o. */
static void
complete_option_value(const cli_command *c, const struct option *o,
    complete_word *w)
{
	const struct complete_value *v;

	for (v = complete_values; v->option != NULL; v++) {
		if (strcmp(v->option, o->name) != 0)
			continue;
		if (v->print != NULL)
			v->print(w);
		if (v->file)
			puts(":file");
		return;
	}
	complete_listed(w, cli_option_arg(c->name, o->name));
}

/* c's option spelled word ("--steps"), or NULL. */
static const struct option *
complete_find_option(const cli_command *c, const char *word)
{
	const struct option *o;

	if (strncmp(word, "--", 2) == 0)
		word += 2;
	else if (strcmp(word, "-e") == 0)
		word = "expr";
	else
		return NULL;
	for (o = c->options; o->name != NULL; o++) {
		if (strcmp(o->name, word) == 0)
			return o;
	}
	return NULL;
}

/* c's options, with --help (and --version before a command). */
static void
complete_options(const cli_command *c, complete_word *w, int first)
{
	const struct option *o;
	char name[64];

	for (o = c->options; o->name != NULL; o++) {
		if (!cli_option_shown(c->name, o))
			continue;
		snprintf(name, sizeof name, "--%s", o->name);
		complete_put(w, name, "", cli_option_text(c->name, o->name));
	}
	complete_put(w, "--help", "", "print the help and exit");
	if (first)
		complete_put(w, "--version", "", "print the version and exit");
}

/* An objective's name, or after "NAME:" its parameters' keys. */
static void
complete_objectives(complete_word *w)
{
	const sd_objective_type *t;
	size_t i, k, len = strcspn(w->cur, ":");

	if (w->cur[len] == '\0') {
		for (i = 0; (t = sd_objective_types[i]) != NULL; i++)
			complete_put(w, t->name, "", t->summary);
		return;
	}
	complete_after(w, ":,");
	for (i = 0; (t = sd_objective_types[i]) != NULL; i++) {
		if (strlen(t->name) != len || strncmp(t->name, w->cur, len) != 0)
			continue;
		for (k = 0; k < sd_params_count(t->params); k++)
			complete_put(w, t->params[k].key, "=",
			    t->params[k].help);
	}
}

/* The commands, for the first word and for `help`. */
static void
complete_commands(complete_word *w)
{
	const cli_command *c;

	for (c = cli_commands; c->name != NULL; c++) {
		if (!c->hidden)
			complete_put(w, c->name, "", c->summary);
	}
}

/* A word that is not an option's: what c's positional word may be. */
static void
complete_positional(const cli_command *c, complete_word *w, int first)
{
	if (first || (c->positional && strcmp(c->positional, "COMMAND") == 0))
		complete_commands(w);
	if (c->positional && strcmp(c->positional, "OBJECTIVE") == 0)
		complete_objectives(w);
	else
		complete_listed(w, c->positional);
}

int
cmd_complete(int argc, char **argv)
{
	const cli_command *c = NULL;
	const struct option *o = NULL;
	complete_word w = { NULL, 0 };
	int n = argc - 2;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help_command("complete");
	if (argc < 3 || strcmp(argv[1], "--") != 0)
		return cli_usage("complete: expected -- WORD...: the words "
		    "after saddle, the last one being completed");
	argv += 2;
	w.cur = argv[n - 1];
	if (n > 1 && (c = cli_command_find(argv[0])) != NULL && c->hidden)
		c = NULL;
	if (c == NULL)
		c = cli_command_find("saddle");
	if (n > 1 && (o = complete_find_option(c, argv[n - 2])) != NULL &&
	    o->has_arg == required_argument)
		complete_option_value(c, o, &w);
	else if (w.cur[0] == '-')
		complete_options(c, &w, n == 1);
	else
		complete_positional(c, &w, n == 1);
	return CLI_EXIT_OK;
}
