#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_ntk.sh: the visualizer's NTK overlay (the N key, :ntk on|off),
# as a person sees it in a detached tmux pane without colour: on twolayer
# the view moves to the plane through θ₀ and the NTK model's level lines
# come over the heatmap in braille dots with their legend; :ntk off takes
# them away; on the model itself the lines are the network's; an
# objective without an NTK model is refused naming the ones that have
# one; Esc cancels a large one while it is sampled; the help lists N.
# And :survey's end points: on linnet each run's end is drawn in its
# method's glyph (without colour, its number), the table says so, and
# :ends off hides them.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# command NAME LINE: type a ':' command and enter it.
command() {
	t send-keys -t "$1" : "$2" Enter
	sleep 0.3
}

# plot_dots NAME: how many braille cells the plot shows (the columns
# between the y axis and the colour bar: the panel's loss curve is
# braille too).
plot_dots() {
	screen "$1" | python3 -c 'import sys
rows = sys.stdin.read().split("\n")[2:28]
print(sum(0x2801 <= ord(c) <= 0x28ff for r in rows for c in r[8:80]))'
}

# dots_at_least NAME N: whether the plot shows at least N braille cells.
dots_at_least() { [ "$(plot_dots "$1")" -ge "$2" ]; }
no_dots() { [ "$(plot_dots "$1")" = 0 ]; }

# ---- twolayer: the model over the network ------------------------------------
start tl 120x36 twolayer:k=4
if wait_for tl "saddle  twolayer:k=4"; then ok "the TUI starts"; else
	not_ok "the TUI starts" "$(screen tl)"; tap_done; fi
wait_gone tl "computing"
check "no braille in the plot before N" no_dots tl
keys tl N
check "N moves the view to the plane through θ₀ and says so" \
    wait_for tl "ntk: the view moves to the plane through θ₀"
check "the title names the chart" wait_for tl "chart through θ₀"
check "the legend says what the lines are" \
    wait_for tl "levels of the NTK model, linearized at θ₀"
check "the NTK model's level lines are drawn in the plot" \
    poll dots_at_least tl 100
command tl "ntk off"
check ":ntk off says so" wait_for tl "ntk: off"
check "and takes the legend away" wait_gone tl "levels of the NTK model"
check "and the lines" poll no_dots tl
command tl "ntk on"
check ":ntk on brings them back" \
    wait_for tl "levels of the NTK model, linearized at θ₀"
command tl "ntk maybe"
check ":ntk with a bad word names it and what is accepted" \
    wait_for tl "ntk: 'maybe': expected on or off"
keys tl '?'
check "the help overlay lists N" \
    wait_for tl "NTK model's levels on / off"
# The commands follow the keys, on the next page at 120x36.
keys tl Space
check "and :ntk" wait_for tl ":ntk on|off"
keys tl q q
check "q quits" poll test -s "$tap_tmp/tl/status"

# ---- the model: the network over it -------------------------------------------
start model 120x36 twolayer:k=4,ntk=1
wait_for model "saddle  twolayer:k=4,ntk=1"
keys model N
check "on the model the lines are the network's" \
    wait_for model "levels of the network (ntk=0)"
check "and its chart, through θ₀ already, stays" hides model "moves to the plane"
check "the network's lines are drawn" poll dots_at_least model 50

# ---- no NTK model -------------------------------------------------------------
start hb 120x36 himmelblau
wait_for hb "saddle  himmelblau"
keys hb N
check "N on himmelblau names the objectives that have an NTK model" \
    wait_for hb "ntk: himmelblau has no NTK model (no 'ntk' parameter): expected glm or twolayer"
check "and draws nothing" hides hb "levels of the"

# ---- Esc cancels a large one --------------------------------------------------
start big 120x36 twolayer:k=8,m=8,n=20000,ntk=1
wait_long big "saddle  twolayer:k=8,m=8,n=20000,ntk=1"
keys big N
check "a large overlay says it is being computed" \
    wait_long big "NTK overlay: computing"
keys big Escape
check "Esc cancels it" wait_for big "cancelled"
check "and the overlay is off" wait_gone big "NTK overlay: computing"
keys big q
check "q quits at once after" poll test -s "$tap_tmp/big/status"
# ---- :survey's end points ----------------------------------------------------
# plot_count NAME CHARS: how many of CHARS the plot's left part shows
# (clear of the colour bar's labels).
plot_count() {
	screen "$1" | python3 -c 'import sys
rows = sys.stdin.read().split("\n")[2:28]
print(sum(c in sys.argv[1] for r in rows for c in r[8:66]))' "$2"
}
has_ends() { [ "$(plot_count "$1" 1)" -gt 0 ] && [ "$(plot_count "$1" 2)" -gt 0 ]; }
no_ends() { [ "$(plot_count "$1" 12)" = 0 ]; }
start ln 120x36 linnet
wait_for ln "saddle  linnet"
keys ln a
check "no end points before a survey" no_ends ln
command ln "survey 30"
check "the survey's table says what the dots are" \
    wait_for ln "dots: where runs end (:ends off)"
check "each method's runs end on the plot, in its number without colour" \
    poll has_ends ln
command ln "ends off"
check ":ends off hides them" poll no_ends ln
check "and the table says how to bring them back" \
    wait_for ln ":ends on: dots where runs end"
command ln "ends sometimes"
check ":ends with a bad word names it" \
    wait_for ln "ends: 'sometimes': expected on or off"
tap_done
