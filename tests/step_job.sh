# SPDX-License-Identifier: GPL-3.0-or-later
# step_job.sh: the checks of a slow step run off the loop's thread, for
# the test that sources it after tap.sh, tmux.sh and answer.sh, having
# set: method (three racers of it), obj, args (an array: more options for
# both run and the TUI), run_bound (seconds for the headless run) and
# appear_bound (seconds for the racers to appear, once the optimizers'
# scale is measured). Esc right after space drops the round (the racers
# stay at step 0), left to finish it lands where `saddle run` lands (the
# same f and ‖∇f‖ after step 1), while rounds run (p) the status line
# says "stepping METHOD…", and q quits.

# at_step NAME N: the panel says a racer of the method is at step N.
at_step() { screen "$1" | grep -qE "$method +step $2( |\$)"; }

# The headless step, meanwhile (it measures the scale too); bounded, as
# the poll below is, so that a hang fails the test instead of CI.
timeout "$run_bound" "$SADDLE" run "$obj" --optimizer "$method" "${args[@]}" \
    --steps 1 >"$tap_tmp/run.csv" 2>/dev/null &
run_pid=$!

start s 120x40 "$obj" --optimizer "$method,$method,$method" "${args[@]}"
check "the $method racers appear (the scale measured)" \
    poll_for "$appear_bound" at_step s 0

# Esc drops the steps under way: the racers stay at step 0. Space and
# Esc go in one send-keys, so that Esc reaches the round while it runs:
# polling the screen for "stepping" between the two left the round time
# to land first (glm:d=50,n=100000's bfgs round takes ~0.15 s, as long
# as a poll under load).
t send-keys -t s Space Escape
t0=$(now_ms)
fast "Esc: cancelled" "$(within s "cancelled" "$t0")"
check "Esc: the step is no longer under way" wait_gone s "stepping $method"
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

# While steps run the status line says so, and q quits at once: p plays
# on, a round after another, so that the poll meets one under way
# however quick a round is (bfgs's here: ~0.15 s).
t send-keys -t s p
t0=$(now_ms)
fast "p: the status line says stepping $method" \
    "$(within s "stepping $method" "$t0")"
fast "q while $method steps: saddle exits" "$(quit_ms s)"
wait_file "$tap_tmp/s/after"
check "exit status 0" test "$(cat "$tap_tmp/s/status")" = 0
check "the tty modes are restored" \
    cmp -s "$tap_tmp/s/before" "$tap_tmp/s/after"
