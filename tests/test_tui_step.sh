#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_step.sh: a racer's slow step runs off the loop's thread
# (issue 11; src/tui/racer_step.c). On glm:d=200,n=10000 a newton step
# (a 200×200 Hessian over 10,000 samples and its eigendecomposition) takes
# many frames, and a round of three newton racers' steps, on two cores,
# longer still. After space the status line says "stepping newton…"
# while the round runs, Esc drops it (the racers stay at step 0), left to
# finish it lands where `saddle run` lands (the same f and ‖∇f‖ after
# step 1), and q quits while one runs. Times are printed as TAP comments.
# The racers appear once the optimizers' scale is measured (81 Hessians),
# which takes minutes on a loaded machine: that wait is a bounded poll of
# its own.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

obj=glm:d=200,n=10000

# at_step NAME N: the panel says a newton racer is at step N.
at_step() { screen "$1" | grep -qE "newton +step $2( |\$)"; }

# The headless step, meanwhile (it measures the scale too); bounded, as
# the poll below is, so that a hang fails the test instead of CI.
timeout 1800 "$SADDLE" run "$obj" --optimizer newton --steps 1 >"$tap_tmp/run.csv" \
    2>/dev/null &
run_pid=$!

start s 120x40 "$obj" --optimizer newton,newton,newton
check "the newton racers appear (the scale measured)" \
    poll_for 600 at_step s 0

# Esc drops the step under way: the racer stays at step 0.
t send-keys -t s Space
t0=$(now_ms)
fast "space: the status line says stepping newton" \
    "$(within s "stepping newton" "$t0")"
t send-keys -t s Escape
t0=$(now_ms)
fast "Esc: cancelled" "$(within s "cancelled" "$t0")"
check "Esc: the step is no longer under way" wait_gone s "stepping newton"
check "Esc: the racers are still at step 0" at_step s 0

# Left to finish, the step lands where the headless run's does.
keys s Space
check "space: the steps land (step 1)" poll_for 120 at_step s 1
wait "$run_pid"
want=$(awk -F, '$1 == 1 { printf "f %.5g  ‖∇f‖ %.3g", $2, $3 }' \
    "$tap_tmp/run.csv")
echo "# saddle run after step 1: $want"
check "step 1: f and ‖∇f‖ as saddle run has them" \
    test -n "$want" -a -n "$(screen s | grep -F -- "$want")"

# q while a step runs quits at once.
t send-keys -t s Space
wait_for s "stepping newton" || true
fast "q while newton steps: saddle exits" "$(quit_ms s)"
wait_file "$tap_tmp/s/after"
check "exit status 0" test "$(cat "$tap_tmp/s/status")" = 0
check "the tty modes are restored" \
    cmp -s "$tap_tmp/s/before" "$tap_tmp/s/after"

tap_done
