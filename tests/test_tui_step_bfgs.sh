#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_step_bfgs.sh: a slow bfgs step runs off the loop's thread too,
# now that bfgs owns its port of GSL's minimizer and can be copied
# (src/core/optimizers/bfgs.c; src/tui/racer_step.c). Three bfgs racers
# on glm:d=50,n=100000 with lr=1e6: the line search sections the first
# trial step down from 10⁶, a few dozen evaluations of f and ∇f over
# 100,000 samples, so a round of three first steps takes many frames
# (while the scale, 81 Hessians of 50×50, is measured in seconds).
# After space the status line says "stepping bfgs…", Esc drops the round
# (the racers stay at step 0), left to finish it lands where `saddle run`
# lands (the same f and ‖∇f‖ after step 1), and q quits while one runs.
# Times are printed as TAP comments.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

obj=glm:d=50,n=100000
set=lr=1e6

# at_step NAME N: the panel says a bfgs racer is at step N.
at_step() { screen "$1" | grep -qE "bfgs +step $2( |\$)"; }

# The headless step, meanwhile, bounded so that a hang fails the test.
timeout 900 "$SADDLE" run "$obj" --optimizer bfgs --set "$set" --steps 1 \
    >"$tap_tmp/run.csv" 2>/dev/null &
run_pid=$!

start s 120x40 "$obj" --optimizer bfgs,bfgs,bfgs --set "$set"
check "the bfgs racers appear (the scale measured)" \
    poll_for 300 at_step s 0

# Esc drops the steps under way: the racers stay at step 0.
t send-keys -t s Space
t0=$(now_ms)
fast "space: the status line says stepping bfgs" \
    "$(within s "stepping bfgs" "$t0")"
t send-keys -t s Escape
t0=$(now_ms)
fast "Esc: cancelled" "$(within s "cancelled" "$t0")"
check "Esc: the step is no longer under way" wait_gone s "stepping bfgs"
check "Esc: the racers are still at step 0" at_step s 0

# Left to finish, the steps land where the headless run's does.
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
wait_for s "stepping bfgs" || true
fast "q while bfgs steps: saddle exits" "$(quit_ms s)"
wait_file "$tap_tmp/s/after"
check "exit status 0" test "$(cat "$tap_tmp/s/status")" = 0
check "the tty modes are restored" \
    cmp -s "$tap_tmp/s/before" "$tap_tmp/s/after"

tap_done
