/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench_pty.h: a real terminal for the drawing benchmarks: a pty of
 * cols × rows on stdin and stdout,
 * drained by a child, so frames pay for a tty as they would on screen.
 * Include after <pty.h>, <stdio.h>, <stdlib.h>, <sys/ioctl.h>, <unistd.h>. */
#ifndef SADDLE_BENCH_PTY_H
#define SADDLE_BENCH_PTY_H

/* Put the pty in place; return the fd results go to (the old stdout). */
static int
bench_pty(int cols, int rows, pid_t *child)
{
	struct winsize ws = { .ws_row = (unsigned short)rows,
	    .ws_col = (unsigned short)cols };
	int master, slave, out = dup(STDOUT_FILENO);
	char buf[65536];

	if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
		perror("openpty");
		exit(1);
	}
	if ((*child = fork()) == 0) {
		close(slave);
		while (read(master, buf, sizeof buf) > 0)
			continue;
		_exit(0);
	}
	close(master);
	dup2(slave, STDIN_FILENO);
	dup2(slave, STDOUT_FILENO);
	close(slave);
	return out;
}

#endif
