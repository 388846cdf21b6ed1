/* SPDX-License-Identifier: GPL-3.0-or-later */
/* arrays.h: arrays that grow together (a trace's iterates, f and ‖g‖; a
 * trail's block minima, maxima and NaN flags), resized in one call that
 * keeps every array valid when one of them cannot grow. */
#ifndef SADDLE_ARRAYS_H
#define SADDLE_ARRAYS_H

#include <stddef.h>

/* One array: its storage (NULL before the first growth) and the bytes
 * of one of its elements. */
typedef struct {
	void	*p;
	size_t	 size;
} sd_array;

/* Resize each of the n arrays to cap elements. An array that could be
 * resized is (its p is updated), one that could not keeps its old
 * storage: the caller stores every p back either way, and on -1 (out of
 * memory) keeps its old capacity. */
int sd_arrays_resize(sd_array *a, size_t n, size_t cap);

#endif
