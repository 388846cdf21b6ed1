/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arrays.c: arrays that grow together (see arrays.h). */
#include "config.h"

#include <stdlib.h>

#include "base/arrays.h"

int
sd_arrays_resize(sd_array *a, size_t n, size_t cap)
{
	size_t i;
	void *p;
	int rc = 0;

	/* Every array is tried, so that none is left shorter than another
	 * that a later call would not grow again. */
	for (i = 0; i < n; i++) {
		if ((p = realloc(a[i].p, cap * a[i].size)) == NULL)
			rc = -1;
		else
			a[i].p = p;
	}
	return rc;
}
