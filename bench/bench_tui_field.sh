#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_tui_field.sh: issue 13's goal for the visualizer on glm:n=100000:
# after a key that moves the view (a pan, L or H), the frame answers with
# a coarse field within 50 ms, and the full field arrives within 1 s.
# The real program runs in a detached tmux of 120×40; the clock runs
# from send-keys to the first screen that differs from the one before
# the key (the coarse answer, a frame with the first pass or
# "computing…") and to the first screen on which the status line no
# longer says "computing the landscape" (the full field). tmux's
# capture-pane is polled as fast as it answers, so both times include up
# to a poll's delay: a few ms on a quiet machine, 70 ms measured under a
# load of 17 on 2 cores; the coarse time is then only an upper bound
# (bench_tui measures a key's wait inside the program). Usage:
# bench_tui_field.sh [SADDLE [SPEC [ROUNDS]]].
saddle=${1:-${SADDLE:-src/saddle}}
spec=${2:-glm:n=100000}
rounds=${3:-6}
if ! command -v tmux >/dev/null; then
	echo "bench_tui_field: SKIPPED: tmux is not installed" >&2
	exit 0
fi
sock=bench-tui-field-$$
t() { tmux -L "$sock" -f /dev/null "$@"; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
screen() { t capture-pane -p -t b; }
trap 't kill-server 2>/dev/null' EXIT

t new-session -d -s b -x 120 -y 40 "env TERM=xterm-256color \
    SADDLE_DATADIR=. $saddle $spec"
# The first field, the points and the scale: wait until nothing runs.
i=0
while [ $i -lt 600 ]; do
	s=$(screen)
	case $s in
	*computing*|*measuring*|*finding*) ;;
	*) [ $i -gt 10 ] && break ;;
	esac
	sleep 0.1
	i=$((i + 1))
done
echo "bench_tui_field: $spec, a pan (L, H) per round, ms from the key"
r=0
coarse_all= full_all=
while [ $r -lt "$rounds" ]; do
	key=L
	[ $((r % 2)) -eq 1 ] && key=H
	before=$(screen)
	t0=$(now_ms)
	t send-keys -t b "$key"
	coarse= full=
	while :; do
		s=$(screen)
		now=$(now_ms)
		[ -z "$coarse" ] && [ "$s" != "$before" ] && coarse=$((now - t0))
		if [ -n "$coarse" ]; then
			case $s in
			*"computing the landscape"*) ;;
			*) full=$((now - t0)); break ;;
			esac
		fi
		[ $((now - t0)) -gt 20000 ] && { full=never; break; }
	done
	echo "  round $((r + 1)): coarse $coarse ms, full field $full ms"
	coarse_all="$coarse_all $coarse"
	full_all="$full_all $full"
	sleep 0.5
	r=$((r + 1))
done
med() { echo "$@" | tr ' ' '\n' | grep -v '^$' | sort -n | \
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "  median: coarse $(med $coarse_all) ms, full field $(med $full_all) ms"
