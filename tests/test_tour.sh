#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tour.sh: `saddle tour` (issue 19). The shipped tour lists its stops
# and passes its own check: every count of points and every eigenvalue
# its texts state is what the stop computes (tour_check.c). Bad tour
# files are usage errors naming FILE:LINE; a wrong `expect` is found.
# Then, in tmux, the walk: every stop with n (its number and title in the
# status line, which says so only when the stop's commands all worked),
# b back once, r, and q with status 0.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

tour=$SRCDIR/tours/chapter.tour
n_stops=$(grep -c '^stop ' "$tour")

# ---- headless ---------------------------------------------------------------
run tour --list
check "--list prints one line per stop ($n_stops)" \
    test "$(wc -l <"$tap_tmp/out")" = "$n_stops"
check "--list numbers them and names the first" \
    grep -q '^ 1  Definition 2.1' "$tap_tmp/out"
run tour --check
check "the shipped tour passes its check (status 0)" \
    test "$(cat "$tap_tmp/status")" = 0
check "the shipped tour has at least 11 stops" test "$n_stops" -ge 11
check "every stop states what it expects" \
    test "$(grep -c '^expect ' "$tour")" -ge "$n_stops"

# A tour whose texts and expectations drift from the program.
sed 's/expect saddles 12/expect saddles 11/;
     s/expect ends gd saddle/expect ends gd min/;
     s/has 1 stationary point, 0, with eigenvalues 0 and 2/has 1 stationary point, 0, with eigenvalues 0 and 3/;
     s/4 minima, all global/5 minima, all global/' "$tour" >"$tap_tmp/drift.tour"
run tour --check "$tap_tmp/drift.tour"
check "a drifted tour fails its check (status 1)" \
    test "$(cat "$tap_tmp/status")" = 1
line=$(grep -n 'expect saddles 11' "$tap_tmp/drift.tour" | cut -d: -f1)
check "a wrong expect is named by its line ($line)" \
    grep -q "drift.tour:$line: .*expect saddles 11, but the finder finds 12" \
    "$tap_tmp/err"
line=$(grep -n '5 minima, all global' "$tap_tmp/drift.tour" | cut -d: -f1)
check "a count in a text that nothing checks is named by its line" \
    grep -q "drift.tour:$line: .*'5 minima" "$tap_tmp/err"
check "a racer said to escape that does not is found (gd stays)" \
    grep -q "expect ends gd min, but after 2000 steps it is at a saddle" \
    "$tap_tmp/err"
check "eigenvalues in a text that nothing states are found" \
    grep -q "'eigenvalues 0 and 3' but no 'expect eigenvalues'" \
    "$tap_tmp/err"

# Malformed tour files: FILE:LINE, exit 2, nothing on stdout.
bad() {
	printf "$2" >"$tap_tmp/bad.tour"
	expect_usage "bad.tour:$1" tour "$tap_tmp/bad.tour"
}
bad 3 'stop A\nargs himmelblau\nargz himmelblau\n'
bad 1 'text before any stop\n'
bad 2 'stop A\nargs himmelblau --window x\ntext hi\n'
bad 2 'stop A\nargs -e x^2+\ntext hi\n'
bad 4 'stop A\nargs himmelblau\ntext hi\ndo :frobnicate\n'
bad 3 'stop A\nargs himmelblau\ndo map\ntext hi\n'
bad 4 'stop A\nargs himmelblau\ntext hi\nexpect minima many\n'
bad 4 'stop A\nargs himmelblau\ntext hi\nexpect eigenvalues min:1 1\n'
bad 2 "stop A\nargs -e 'x^2 + y^2\ntext hi\n"
bad 4 'stop A\nargs himmelblau\ntext hi\nexpect ends gdd min\n'
bad 4 'stop A\nargs himmelblau\ntext hi\nexpect ends gd somewhere\n'
bad 1 'stop A\ntext hi\n'
bad 1 'stop A\nargs himmelblau\n'
printf '# nothing\n' >"$tap_tmp/empty.tour"
expect_usage "empty.tour:1: no stops" tour "$tap_tmp/empty.tour"
expect_usage "no stop $((n_stops + 1))" tour $((n_stops + 1))
expect_usage "--stop" tour --stop 0
expect_usage "nowhere.tour" tour "$tap_tmp/nowhere.tour"
run tour --list "$tap_tmp/nowhere.tour"
check "a missing file is exit 2 for --list too" \
    test "$(cat "$tap_tmp/status")" = 2

# ---- the walk ---------------------------------------------------------------
. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# at NAME K: the panel shows stop K and its title, and the status line
# names no command of the stop that failed ("stop K, :map ...: why").
at() {
	local title
	title=$(grep '^stop ' "$tour" | sed -n "${2}p" | cut -c6- | cut -d: -f1)
	screen "$1" | grep -qF "stop $2 of $n_stops" &&
	    screen "$1" | grep -qF "$title" &&
	    ! screen "$1" | tail -1 | grep -qF "stop $2, :"
}

start walk 120x40 tour
check "the tour opens at stop 1" poll at walk 1
check "its text is in the panel" wait_for walk "n next · b back · r replay"
for k in $(seq 2 "$n_stops"); do
	keys walk n
	check "n: stop $k" poll at walk "$k"
done
keys walk n
check "n at the last stop says so" wait_for walk "the last stop"
keys walk b
check "b goes back a stop" poll at walk $((n_stops - 1))
keys walk Right
check "→ goes on again" poll at walk "$n_stops"
keys walk Space Space r
check "r builds the stop again" poll at walk "$n_stops"
keys walk q
wait_file "$tap_tmp/walk/status"
check "q quits with status 0" test "$(cat "$tap_tmp/walk/status")" = 0
check "the tty modes are restored" \
    cmp -s "$tap_tmp/walk/before" "$tap_tmp/walk/after"

start third 120x40 tour 3
check "tour 3 starts at the third stop" poll at third 3
keys third p
check "every normal key still works inside a stop (p plays)" \
    wait_for third "playing"
keys third '?'
check "? in a tour: n is the tour's next stop" \
    wait_for third "the tour's next stop"
check "? in a tour: no 'select the next racer', which n no longer does" \
    hides third "select the next racer"
keys third Escape q

tap_done
