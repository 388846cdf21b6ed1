/* SPDX-License-Identifier: GPL-3.0-or-later */
/* error.h: how the core reports failure.
 *
 * The core never prints and never exits. A function that can fail returns
 * 0 on success and -1 on failure; when its caller passed a non-NULL
 * `char **cause`, *cause is set to a malloc'd, human-readable message that
 * the caller must free (tmux's convention). */
#ifndef SADDLE_ERROR_H
#define SADDLE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Return a malloc'd formatted string, or NULL when out of memory. */
char *sd_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Return a malloc'd formatted string from a va_list, or NULL. */
char *sd_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Set *cause (when cause is not NULL) to a formatted message; return -1. */
int sd_fail(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Append name, the i-th (from 0) of n names, to the list being written
 * into buf (len bytes) for a message: "a", "a or b", "a, b or c". */
void sd_list_add(char *buf, size_t len, size_t i, size_t n,
    const char *name);

/* Turn GSL's abort-on-error handler off, once; safe to call repeatedly. */
void sd_gsl_quiet(void);

#endif
