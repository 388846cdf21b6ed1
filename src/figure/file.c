/* SPDX-License-Identifier: GPL-3.0-or-later */
/* file.c: files written whole or not at all, and the terminal frame
 * written as a file (see figure.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "figure.h"

/* The temporary file's name beside path: "DIR/.NAME.XXXXXX", hidden so
 * that a half-written figure is never mistaken for one. */
static char *
file_temp_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	int dir = slash != NULL ? (int)(slash - path + 1) : 0;

	return sd_printf("%.*s.%s.XXXXXX", dir, path, path + dir);
}

/* The mode a new file gets: 0666 less the umask (mkstemp's is 0600). */
static mode_t
file_mode(void)
{
	mode_t mask = umask(0);

	umask(mask);
	return 0666 & ~mask;
}

int
figure_file_open(figure_file *ff, const char *path, int replace,
    char **cause)
{
	struct stat st;
	int fd;

	memset(ff, 0, sizeof *ff);
	if (!replace && stat(path, &st) == 0)
		return sd_fail(cause, "%s exists: add ! to replace it", path);
	if ((ff->tmp = file_temp_name(path)) == NULL ||
	    (ff->path = strdup(path)) == NULL)
		goto oom;
	if ((fd = mkstemp(ff->tmp)) == -1) {
		sd_fail(cause, "cannot write %s: %s", path, strerror(errno));
		free(ff->tmp);
		free(ff->path);
		return -1;
	}
	fchmod(fd, file_mode());
	if ((ff->fp = fdopen(fd, "wb")) == NULL) {
		close(fd);
		figure_file_abort(ff);
		return sd_fail(cause, "cannot write %s: out of memory", path);
	}
	return 0;
oom:
	free(ff->tmp);
	free(ff->path);
	return sd_fail(cause, "out of memory");
}

int
figure_file_commit(figure_file *ff, char **cause)
{
	int failed = ferror(ff->fp), err = errno;

	if (fclose(ff->fp) != 0 && !failed) {
		failed = 1;
		err = errno;
	}
	ff->fp = NULL;
	if (!failed && rename(ff->tmp, ff->path) != 0) {
		failed = 1;
		err = errno;
	}
	if (failed) {
		sd_fail(cause, "cannot write %s: %s", ff->path,
		    err ? strerror(err) : "write error");
		figure_file_abort(ff);
		return -1;
	}
	free(ff->tmp);
	free(ff->path);
	ff->tmp = ff->path = NULL;
	return 0;
}

void
figure_file_abort(figure_file *ff)
{
	if (ff->fp != NULL)
		fclose(ff->fp);
	if (ff->tmp != NULL)
		unlink(ff->tmp);
	free(ff->tmp);
	free(ff->path);
	memset(ff, 0, sizeof *ff);
}

int
figure_write_canvas(const char *path, figure_format fmt, const canvas *cv,
    color_depth depth, int replace, char **cause)
{
	figure_file ff;

	if (figure_file_open(&ff, path, replace, cause) != 0)
		return -1;
	color_write_canvas(ff.fp, cv, fmt == FIGURE_TEXT ? COLOR_NONE : depth);
	return figure_file_commit(&ff, cause);
}
