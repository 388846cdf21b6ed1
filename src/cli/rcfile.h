/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rcfile.h: the user's config file, $XDG_CONFIG_HOME/saddle/config
 * (~/.config/saddle/config by default): defaults for the visualizer's and
 * render's options, one `KEY = VALUE` a line, each key the long option of
 * the same name; blank lines and lines starting with # are skipped.
 *
 * Parsing is strict: an unknown key, a line without '=', a key given twice
 * or a value the option would refuse is an error "FILE:LINE: ...", so a
 * typo never passes silently. The command line overrides every key
 * (options.c applies a key only when its option was not given). */
#ifndef SADDLE_RCFILE_H
#define SADDLE_RCFILE_H

#include <stdio.h>

/* The keys, in the order the messages list them. */
typedef enum rc_key {
	RC_THEME,
	RC_LEVELS,
	RC_COLOR,
	RC_OPTIMIZER,
	RC_SPEED,
	RC_KEYS
} rc_key;

typedef struct rc_file {
	char	*value[RC_KEYS];	/* owned; NULL when not set */
	int	 line[RC_KEYS];		/* where each was set */
} rc_file;

/* The name of key k ("theme", ...), which is also its long option. */
const char *rc_key_name(rc_key k);

/* Parse the lines of fp into rc (zeroed first), naming the file name in
 * errors. Returns 0, or -1 with *cause "NAME:LINE: ..." (rc is then
 * released). */
int rc_parse(rc_file *rc, FILE *fp, const char *name, char **cause);

/* The config file to read: explicit (--config) if not NULL, else
 * $SADDLE_CONFIG, else $XDG_CONFIG_HOME/saddle/config, else
 * $HOME/.config/saddle/config. *required is set when the file was named
 * (explicit or SADDLE_CONFIG) and must therefore exist. Returns a malloc'd
 * path, or NULL when there is none to look for (no HOME). */
char *rc_path(const char *explicit, int *required);

/* Read the config file rc_path names into rc (zeroed; nothing set when
 * an unnamed default file does not exist). Returns 0, or -1 with *cause. */
int rc_load(rc_file *rc, const char *explicit, char **cause);

/* Release what rc owns. */
void rc_done(rc_file *rc);

#endif
