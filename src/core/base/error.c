/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.c: malloc'd error messages for the core (see error.h). */
#include "config.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>

#include "base/error.h"

char *
sd_vprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
sd_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = sd_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

int
sd_fail(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause != NULL) {
		va_start(ap, fmt);
		*cause = sd_vprintf(fmt, ap);
		va_end(ap);
	}
	return -1;
}

void
sd_gsl_quiet(void)
{
	static atomic_flag done = ATOMIC_FLAG_INIT;

	/* GSL's default handler calls abort(), which would leave a TUI's
	 * terminal raw; every GSL status is checked by its caller instead.
	 * Once only: the finder and maps call this from worker threads, and
	 * GSL's handler is one global. */
	if (!atomic_flag_test_and_set(&done))
		gsl_set_error_handler_off();
}

void
sd_list_add(char *buf, size_t len, size_t i, size_t n, const char *name)
{
	size_t at;

	if (i == 0 && len > 0)
		buf[0] = '\0';
	at = strlen(buf);
	snprintf(buf + at, len - at, "%s%s", i == 0 ? "" : i + 1 < n ? ", " :
	    " or ", name);
}
