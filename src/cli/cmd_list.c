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

/* bytes as people read them: "3.2 kB", "161 MB". */
static void
list_bytes(double bytes, char *buf, size_t len)
{
	static const char *const units[] = { "B", "kB", "MB", "GB" };
	size_t u = 0;

	while (bytes >= 1000 && u + 1 < sizeof units / sizeof units[0]) {
		bytes /= 1000;
		u++;
	}
	snprintf(buf, len, "%.3g %s", bytes, units[u]);
}

/* The data an instance draws once: the formula, its size at the
 * defaults and at the largest parameters. */
static void
list_data(const sd_objective_type *t)
{
	double values[SD_PARAMS_MAX];
	char at_def[32], at_max[32];
	size_t i, n = sd_params_count(t->params);

	if (t->data == NULL)
		return;
	for (i = 0; i < n; i++)
		values[i] = t->params[i].def;
	list_bytes(8.0 * (double)t->data_doubles(values), at_def,
	    sizeof at_def);
	for (i = 0; i < n; i++)
		values[i] = t->params[i].max;
	list_bytes(8.0 * (double)t->data_doubles(values), at_max,
	    sizeof at_max);
	printf("      data: %s = %s at the defaults, %s at the largest\n",
	    t->data, at_def, at_max);
}

/* The objectives: name, dimension, formula, summary, parameters, data. */
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
		list_data(t);
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
