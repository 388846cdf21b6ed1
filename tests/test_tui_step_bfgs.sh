#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_step_bfgs.sh: a slow bfgs step runs off the loop's thread too,
# now that bfgs owns its port of GSL's minimizer and can be copied
# (src/core/optimizers/bfgs.c; src/tui/racer_step.c). Three bfgs racers
# on glm:d=50,n=100000 with lr=1e6: the line search sections the first
# trial step down from 10⁶, a few dozen evaluations of f and ∇f over
# 100,000 samples, so a round of three first steps takes frames (~0.15 s
# since glm's samples are laid out tile by tile), while the scale, 81
# Hessians of 50×50, is measured in seconds. Esc right after space drops
# the round (the racers stay at step 0), left to finish it lands where
# `saddle run` lands (the same f and ‖∇f‖ after step 1), while rounds
# run (p) the status line says "stepping bfgs…", and q quits.
# Times are printed as TAP comments.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

method=bfgs
obj=glm:d=50,n=100000
args=(--set lr=1e6)
run_bound=900
appear_bound=300
. "${SRCDIR:-$(dirname "$0")/..}/tests/step_job.sh"

tap_done
