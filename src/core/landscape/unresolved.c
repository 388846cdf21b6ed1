/* SPDX-License-Identifier: GPL-3.0-or-later */
/* unresolved.c: the reasons a region is left unresolved (unresolved.h),
 * one table in the enum's order. */
#include "config.h"

#include <stdio.h>

#include "landscape/unresolved.h"

static const struct {
	const char	*name;
	const char	*phrase;
} unresolved_reasons[SD_UNRESOLVED_COUNT] = {
	[SD_UNRESOLVED_BUDGET] =	{ "budget", "budget cut" },
	[SD_UNRESOLVED_CONTINUUM] =	{ "continuum", "a continuum" },
	[SD_UNRESOLVED_DEGENERATE] =	{ "degenerate", "a degenerate point" },
	[SD_UNRESOLVED_NOT_SMOOTH] =	{ "not-smooth", "not smooth" },
	[SD_UNRESOLVED_NOT_FINITE] =	{ "not-finite", "not finite" },
	[SD_UNRESOLVED_ROUNDING] =	{ "rounding", "rounding" },
	[SD_UNRESOLVED_NO_INTERVAL] =	{ "no-interval", "no interval form" },
	[SD_UNRESOLVED_NO_SCALE] =	{ "no-scale",
	    "gradient zero or undefined at every sample" },
};

const char *
sd_unresolved_name(int k)
{
	return k >= 0 && k < SD_UNRESOLVED_COUNT ?
	    unresolved_reasons[k].name : NULL;
}

const char *
sd_unresolved_phrase(int k)
{
	return k >= 0 && k < SD_UNRESOLVED_COUNT ?
	    unresolved_reasons[k].phrase : NULL;
}

char *
sd_unresolved_join(unsigned why, const char *(*name)(int), char *buf,
    size_t size)
{
	size_t used = 0;
	int k, n;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (k = 0; k < SD_UNRESOLVED_COUNT; k++) {
		if (!(why & SD_UNRESOLVED_BIT(k)) || used >= size)
			continue;
		n = snprintf(buf + used, size - used, "%s%s",
		    used > 0 ? ", " : "", name(k));
		used += n > 0 ? (size_t)n : 0;
	}
	return buf;
}
