#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_paths.sh: a long path costs a frame nothing more (issue 13;
# src/tui/trail.c). gd on rosenbrock with :tol 0 takes 100,000 steps
# (:step, between keys, a frame after every slice); the frame then is the
# one `saddle render` draws of the same run in one go (the path extended
# slice by slice and the loss curve drawn a column at a time give the
# dots the whole polyline gives); a pan there and back draws the path
# again from its projections and comes back to the same frame; and a
# cursor key answers at once. Without colour, so that each path has its
# dash pattern. Times are printed as TAP comments.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

steps=100000
want="$tap_tmp/render.txt"
check "render draws gd's $steps steps on rosenbrock" sh -c \
    "'$SADDLE' render rosenbrock --optimizer gd --tol 0 --steps $steps \
    --color none --size 100x30 | sed 's/ *\$//' >'$want'"
check "its loss curve runs to step $steps" grep -q " $steps\$" "$want"

start long 100x30 rosenbrock
wait_for long "saddle  rosenbrock" || true
t send-keys -t long ":tol 0" Enter ":step $steps" Enter
check ":step $steps: the panel counts to $steps" \
    poll_for 60 shows long "step $steps"
check_frame "the frame is render's, dot for dot" long "$want"

keys long L
check "L pans the view" poll hides long "[−2.00, 2.00] × [−1.00, 3.00]"
keys long H
check_frame "a pan there and back: the same frame again" long "$want"

t0=$(now_ms)
t send-keys -t long l
fast "a cursor key after $steps steps" "$(within long "cursor (−0.625" "$t0")"
fast "q quits" "$(quit_ms long)"
wait_file "$tap_tmp/long/after"
check "exit status 0" test "$(cat "$tap_tmp/long/status")" = 0
check "the tty modes are restored" \
    cmp -s "$tap_tmp/long/before" "$tap_tmp/long/after"

tap_done
