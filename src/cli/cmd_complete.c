/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_complete.c: `saddle complete WHAT [WORD...]`: the names a shell
 * completes, one a line, read from the registries and the option tables
 * the parsers use, so that the bash, zsh and fish completions
 * (completions/) never go stale:
 *	commands		the subcommands
 *	options CMD		CMD's long options ("saddle": the visualizer's)
 *	objectives		the objectives' names
 *	params OBJECTIVE	its parameters' keys
 *	values CMD OPTION	the words OPTION takes after CMD (none when it
 *				takes free text) */
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

static void
complete_optimizers(void)
{
	size_t i;

	for (i = 0; sd_optimizer_types[i] != NULL; i++)
		puts(sd_optimizer_types[i]->name);
}

static void
complete_themes(void)
{
	theme_entry *list = NULL;
	size_t i, n = 0;

	if (theme_list(&list, &n, NULL) != 0)
		return;
	for (i = 0; i < n; i++)
		puts(list[i].name);
	theme_list_free(list, n);
}

static void
complete_maps(void)
{
	size_t k;

	for (k = 0; k < SD_MAP_KIND_COUNT; k++)
		puts(sd_map_kind_name((sd_map_kind)k));
}

static void
complete_charts(void)
{
	const char *name;
	size_t i;
	int arg;

	for (i = 0; (name = sd_chart_choice_name(i, &arg)) != NULL; i++)
		printf("%s%s\n", name, arg ? ":" : "");
}

/* The options whose words come from a registry. */
static const struct complete_registry {
	const char	*option;
	void		(*print)(void);
} complete_registries[] = {
	{ "optimizer", complete_optimizers },
	{ "theme", complete_themes },
	{ "kind", complete_maps },
	{ "chart", complete_charts },
	{ NULL, NULL }
};

/* The words of an option whose help names them ("csv|json"): the
 * lower-case ones (N, in "linear|log|auto|N", is a placeholder). */
static void
complete_listed(const char *arg)
{
	const char *p = arg, *end;

	if (arg == NULL || strchr(arg, '|') == NULL)
		return;
	while (*p != '\0') {
		end = p + strcspn(p, "|");
		if (*p < 'A' || *p > 'Z')
			printf("%.*s\n", (int)(end - p), p);
		p = *end != '\0' ? end + 1 : end;
	}
}

/* The words after CMD's --OPTION. */
static int
complete_values(const char *cmd, const char *option)
{
	const struct complete_registry *r;

	if (option[0] == '-' && option[1] == '-')
		option += 2;
	for (r = complete_registries; r->option != NULL; r++) {
		if (strcmp(r->option, option) == 0) {
			r->print();
			return CLI_EXIT_OK;
		}
	}
	complete_listed(cli_option_arg(cmd, option));
	return CLI_EXIT_OK;
}

/* CMD's long options, as --NAME, and --help. */
static int
complete_options(const char *cmd)
{
	const cli_command *c = cli_command_find(cmd);
	const struct option *o;

	if (c == NULL)
		return cli_usage("complete: unknown command '%s'", cmd);
	for (o = c->options; o->name != NULL; o++) {
		if (cli_option_shown(cmd, o))
			printf("--%s\n", o->name);
	}
	puts("--help");
	return CLI_EXIT_OK;
}

/* OBJECTIVE's parameter keys (any ":..." after its name ignored). */
static int
complete_params(char **words)
{
	const sd_objective_type *t;
	size_t i, k, len = strcspn(words[0], ":");

	for (i = 0; (t = sd_objective_types[i]) != NULL; i++) {
		if (strlen(t->name) == len &&
		    strncmp(t->name, words[0], len) == 0) {
			for (k = 0; k < sd_params_count(t->params); k++)
				puts(t->params[k].key);
		}
	}
	return CLI_EXIT_OK;
}

static int
complete_commands(char **words)
{
	const cli_command *c;

	(void)words;
	for (c = cli_commands; c->name != NULL; c++) {
		if (!c->hidden)
			puts(c->name);
	}
	return CLI_EXIT_OK;
}

static int
complete_objectives(char **words)
{
	size_t i;

	(void)words;
	for (i = 0; sd_objective_types[i] != NULL; i++)
		puts(sd_objective_types[i]->name);
	return CLI_EXIT_OK;
}

static int
complete_options_of(char **words)
{
	return complete_options(words[0]);
}

static int
complete_values_of(char **words)
{
	return complete_values(words[0], words[1]);
}

/* What complete answers, and how many words each takes. */
static const struct complete_what {
	const char	*name;
	int		 words;
	int		(*run)(char **);
} complete_whats[] = {
	{ "commands", 0, complete_commands },
	{ "objectives", 0, complete_objectives },
	{ "options", 1, complete_options_of },
	{ "params", 1, complete_params },
	{ "values", 2, complete_values_of },
	{ NULL, 0, NULL }
};

int
cmd_complete(int argc, char **argv)
{
	const struct complete_what *w;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help_command("complete");
	for (w = complete_whats; argc > 1 && w->name != NULL; w++) {
		if (strcmp(argv[1], w->name) == 0 && argc == w->words + 2)
			return w->run(argv + 2);
	}
	return cli_usage("complete: expected commands, objectives, options "
	    "CMD, params OBJECTIVE or values CMD OPTION");
}
