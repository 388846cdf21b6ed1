# SPDX-License-Identifier: GPL-3.0-or-later
# answer.sh: timing how fast the visualizer answers, for the tmux tests
# (source it after tmux.sh). Times are measured with the shell's clock and
# printed as TAP comments; the bound ($answer_s, default 1 s, as issue 11
# asks) is what "at once" means on a loaded machine, and every wait is a
# poll with a finite limit.

answer_s=${SADDLE_ANSWER_S:-1}

# now_ms: the clock, milliseconds.
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# within NAME TEXT MS [S]: poll every 20 ms for TEXT on NAME's screen,
# for up to S seconds (default 10); prints the milliseconds since MS (the
# moment it was asked for) and succeeds when it came.
within() {
	local i
	for i in $(seq $(( ${4:-10} * 50 ))); do
		if screen "$1" | grep -qF -- "$2"; then
			echo $(( $(now_ms) - $3 ))
			return 0
		fi
		sleep 0.02
	done
	echo never
	return 1
}

# quit_ms NAME: press q and print how long saddle took to exit (ms), or
# "never" after 10 s.
quit_ms() {
	local t0 i
	t0=$(now_ms)
	t send-keys -t "$1" q
	for i in $(seq 500); do
		if [ -s "$tap_tmp/$1/status" ]; then
			echo $(( $(now_ms) - t0 ))
			return 0
		fi
		sleep 0.02
	done
	echo never
}

# fast WHAT MS: ok when MS is a number of milliseconds within answer_s.
fast() {
	echo "# $1: $2 ms"
	check "$1 within ${answer_s} s ($2 ms)" \
	    test "$2" != never -a "$2" -le $(( answer_s * 1000 ))
}
