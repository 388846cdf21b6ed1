/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rcfile.c: the user's config file (see rcfile.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "optimizers/optimizer.h"
#include "rcfile.h"
#include "tui/app.h"
#include "tui/color.h"
#include "tui/theme.h"
#include "tui/view.h"

/* Checks one value; -1 with *cause (without the FILE:LINE prefix). */
typedef int (*rc_check_fn)(const char *value, char **cause);

static int
rc_check_theme(const char *value, char **cause)
{
	theme th;

	theme_default(&th);
	return theme_load(&th, value, cause);
}

static int
rc_check_levels(const char *value, char **cause)
{
	view v;

	memset(&v, 0, sizeof v);
	return view_levels_parse(&v, value, cause);
}

static int
rc_check_color(const char *value, char **cause)
{
	color_depth depth;

	if (strcmp(value, "auto") == 0 || color_depth_parse(value, &depth) == 0)
		return 0;
	return sd_fail(cause, "color: unknown depth '%s': expected auto, "
	    "none, 8, 16, 256 or truecolor", value);
}

/* A comma list of optimizer names, as --optimizer takes. */
static int
rc_check_optimizer(const char *value, char **cause)
{
	char *list, *name, *save = NULL;
	int rc = 0;

	if ((list = strdup(value)) == NULL)
		return sd_fail(cause, "out of memory");
	for (name = strtok_r(list, ",", &save); name != NULL && rc == 0;
	    name = strtok_r(NULL, ",", &save))
		if (sd_optimizer_find(name, cause) == NULL)
			rc = -1;
	free(list);
	return rc;
}

static int
rc_check_speed(const char *value, char **cause)
{
	int index;

	return app_speed_parse(value, &index, cause);
}

/* The keys and their checks, in rc_key's order. */
static const struct {
	const char	*name;
	rc_check_fn	 check;
} rc_keys[RC_KEYS] = {
	{ "theme", rc_check_theme },
	{ "levels", rc_check_levels },
	{ "color", rc_check_color },
	{ "optimizer", rc_check_optimizer },
	{ "speed", rc_check_speed },
};

#define RC_EXPECTED "theme, levels, color, optimizer, speed"

const char *
rc_key_name(rc_key k)
{
	return rc_keys[k].name;
}

/* s without the blanks around it, in place. */
static char *
rc_trim(char *s)
{
	char *end;

	s += strspn(s, " \t");
	end = s + strlen(s);
	while (end > s && strchr(" \t\r\n", end[-1]) != NULL)
		*--end = '\0';
	return s;
}

/* The key named word, or RC_KEYS. */
static rc_key
rc_find(const char *word)
{
	int k;

	for (k = 0; k < RC_KEYS; k++)
		if (strcmp(word, rc_keys[k].name) == 0)
			break;
	return (rc_key)k;
}

/* One line (comments and blanks already skipped): "KEY = VALUE". */
static int
rc_line(rc_file *rc, char *text, int line, char **cause)
{
	char *eq, *key, *value;
	rc_key k;

	if ((eq = strchr(text, '=')) == NULL)
		return sd_fail(cause, "'%s' is not a setting: expected "
		    "KEY = VALUE with KEY one of " RC_EXPECTED, text);
	*eq = '\0';
	key = rc_trim(text);
	value = rc_trim(eq + 1);
	if ((k = rc_find(key)) == RC_KEYS)
		return sd_fail(cause, "unknown key '%s'; expected one of "
		    RC_EXPECTED, key);
	if (rc->value[k] != NULL)
		return sd_fail(cause, "'%s' is set twice (first on line %d): "
		    "expected each key once", key, rc->line[k]);
	if (*value == '\0')
		return sd_fail(cause, "'%s' has no value", key);
	if (rc_keys[k].check(value, cause) != 0)
		return -1;
	if ((rc->value[k] = strdup(value)) == NULL)
		return sd_fail(cause, "out of memory");
	rc->line[k] = line;
	return 0;
}

int
rc_parse(rc_file *rc, FILE *fp, const char *name, char **cause)
{
	char *buf = NULL, *text, *why = NULL;
	size_t cap = 0;
	int line = 0, rc_status = 0;

	memset(rc, 0, sizeof *rc);
	while (rc_status == 0 && getline(&buf, &cap, fp) != -1) {
		line++;
		text = rc_trim(buf);
		if (*text == '\0' || *text == '#')
			continue;
		rc_status = rc_line(rc, text, line, &why);
	}
	free(buf);
	if (rc_status == 0 && ferror(fp))
		rc_status = sd_fail(&why, "cannot read: %s", strerror(errno));
	if (rc_status != 0) {
		rc_done(rc);
		sd_fail(cause, "%s:%d: %s", name, line, why ? why : "invalid");
		free(why);
	}
	return rc_status;
}

char *
rc_path(const char *explicit, int *required)
{
	const char *env;

	*required = 1;
	if (explicit != NULL)
		return strdup(explicit);
	if ((env = getenv("SADDLE_CONFIG")) != NULL && *env != '\0')
		return strdup(env);
	*required = 0;
	/* The XDG base directory spec ignores a relative XDG_CONFIG_HOME. */
	if ((env = getenv("XDG_CONFIG_HOME")) != NULL && *env == '/')
		return sd_printf("%s/saddle/config", env);
	if ((env = getenv("HOME")) != NULL && *env != '\0')
		return sd_printf("%s/.config/saddle/config", env);
	return NULL;
}

int
rc_load(rc_file *rc, const char *explicit, char **cause)
{
	char *path;
	FILE *fp;
	int required, status;

	memset(rc, 0, sizeof *rc);
	if ((path = rc_path(explicit, &required)) == NULL)
		return 0;
	if ((fp = fopen(path, "r")) == NULL) {
		status = required || errno != ENOENT ?
		    sd_fail(cause, "config file %s: %s", path,
		    strerror(errno)) : 0;
		free(path);
		return status;
	}
	status = rc_parse(rc, fp, path, cause);
	fclose(fp);
	free(path);
	return status;
}

void
rc_done(rc_file *rc)
{
	int k;

	for (k = 0; k < RC_KEYS; k++) {
		free(rc->value[k]);
		rc->value[k] = NULL;
	}
}
