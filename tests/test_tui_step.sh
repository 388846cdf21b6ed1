#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_step.sh: a racer's slow step runs off the loop's thread
# (issue 11; src/tui/racer_step.c). On glm:d=200,n=10000 a newton step
# (a 200×200 Hessian over 10,000 samples and its eigendecomposition) takes
# many frames, and a round of three newton racers' steps, on two cores,
# longer still. Esc right after space drops the round (the racers stay
# at step 0), left to finish it lands where `saddle run` lands (the same
# f and ‖∇f‖ after step 1), while rounds run (p) the status line says
# "stepping newton…", and q quits while one runs. Times are printed as TAP comments.
# The racers appear once the optimizers' scale is measured (81 Hessians),
# which takes minutes on a loaded machine: that wait is a bounded poll of
# its own.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

method=newton
obj=glm:d=200,n=10000
args=()
run_bound=1800
appear_bound=600
. "${SRCDIR:-$(dirname "$0")/..}/tests/step_job.sh"

tap_done
