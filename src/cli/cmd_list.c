/* SPDX-License-Identifier: GPL-3.0-or-later */
/* cmd_list.c: `saddle list [objectives|optimizers|themes]`: what saddle
 * knows, walked from the same registries the TUI and the tests use. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "objectives/objective.h"
#include "optimizers/optimizer.h"
#include "tui/theme.h"

/* Print a parameter table as "key = default  help (range)" lines. */
static void
list_params(const sd_param *table)
{
	size_t i, n = sd_params_count(table);

	for (i = 0; i < n; i++) {
		printf("      %s = %.10g  %s (%s%.10g to %.10g)\n", table[i].key,
		    table[i].def, table[i].help,
		    table[i].integer ? "a whole number from " : "",
		    table[i].min, table[i].max);
	}
}

/* The objectives: name, dimension, formula, summary, parameters. */
static void
list_objectives(void)
{
	const sd_objective_type *t;
	size_t i;

	printf("objectives (NAME or NAME:key=value,...):\n");
	for (i = 0; (t = sd_objective_types[i]) != NULL; i++) {
		printf("  %-12s %s\n", t->name, t->formula);
		printf("  %-12s %s; window [%g,%g]x[%g,%g]\n", "", t->summary,
		    t->window.xmin, t->window.xmax, t->window.ymin,
		    t->window.ymax);
		list_params(t->params);
	}
}

/* The optimizers: name, rule, reference, and each parameter's default as
 * its scaling rule with the value it takes on himmelblau. */
static void
list_optimizers(void)
{
	const sd_optimizer_type *t;
	sd_objective *example = sd_objective_new("himmelblau", NULL);
	double values[SD_PARAMS_MAX];
	sd_scale scale;
	char rule[64];
	size_t i, k, n;
	int scaled;

	scaled = example != NULL &&
	    sd_objective_scale(example, &scale, NULL) == 0;
	printf("optimizers (--optimizer NAME, --set key=value,...).\n"
	    "Defaults scale with the objective's window: L = the largest "
	    "|Hessian eigenvalue|,\nD = the shorter side, M = the Hessian's "
	    "Lipschitz constant (values for himmelblau).\n");
	for (i = 0; (t = sd_optimizer_types[i]) != NULL; i++) {
		printf("  %-12s %s\n", t->name, t->summary);
		printf("  %-12s %s\n", "", t->rule);
		printf("  %-12s %s\n", "", t->reference);
		if (scaled)
			sd_optimizer_default_params(t, &scale, values);
		n = sd_params_count(t->params);
		for (k = 0; k < n; k++) {
			sd_optimizer_param_rule(t, k, rule, sizeof rule);
			printf("      %s = %s", t->params[k].key, rule);
			/* Only rules that scale have a value worth showing. */
			if (scaled && strpbrk(rule, "LDM") != NULL)
				printf(" (himmelblau: %.4g)", values[k]);
			printf("  %s\n", t->params[k].help);
		}
	}
	sd_objective_free(example);
}

/* The themes on the search path, each with the file it comes from. */
static void
list_themes(void)
{
	theme_entry *list = NULL;
	char *cause = NULL;
	size_t i, n = 0;

	printf("themes (--theme NAME or --theme PATH):\n");
	if (theme_list(&list, &n, &cause) != 0) {
		(void)cli_runtime_error(cause);
		return;
	}
	for (i = 0; i < n; i++)
		printf("  %-12s %s\n", list[i].name, list[i].path);
	theme_list_free(list, n);
}

/* The sections `list` knows, in the order a bare `list` prints them. */
static const struct list_section {
	const char	*name;
	void		(*print)(void);
} sections[] = {
	{ "objectives", list_objectives },
	{ "optimizers", list_optimizers },
	{ "themes", list_themes },
	{ NULL, NULL }
};

int
cmd_list(int argc, char **argv)
{
	const struct list_section *s;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0))
		return cli_help_command("list");
	if (argc > 2)
		return cli_usage("list: unexpected argument '%s': expected "
		    "at most one of objectives, optimizers, themes", argv[2]);
	for (s = sections; s->name != NULL; s++) {
		if (argc == 1) {
			if (s != sections)
				putchar('\n');
			s->print();
		} else if (strcmp(argv[1], s->name) == 0) {
			s->print();
			return CLI_EXIT_OK;
		}
	}
	if (argc == 1)
		return CLI_EXIT_OK;
	return cli_usage("list: unknown section '%s': expected objectives, "
	    "optimizers or themes", argv[1]);
}
