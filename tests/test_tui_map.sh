#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_map.sh: the visualizer's map overlay (the m key) and surveys
# (:survey N), as a person sees them: saddle runs in a detached tmux
# session without colour (the maps' glyphs then stand for their colours),
# keys go in with send-keys, the screen comes back with capture-pane. On
# doublewell the strict-saddle map has no violation, gradient descent's
# basins are split by the column x = 0 that ends at the saddle, the
# constants change the map, a survey's table shows in the panel, and bad
# arguments are named in the status line.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# command NAME LINE: type a ':' command and enter it (and pause, as
# keys does).
command() {
	local name=$1
	t send-keys -t "$name" : "$2" Enter
	sleep 0.3
}

# plot NAME: the plot's rows (between the title and the x axis) without
# the y axis (8 columns) and what is right of the plot ($width columns),
# cut by characters, not bytes.
plot() {
	local line
	screen "$1" | sed -n "2,$(( height + 1 ))p" |
	    while IFS= read -r line; do
		printf '%s\n' "${line:8:$width}"
	done
}

# ---- doublewell: strict-saddle ---------------------------------------------
start dw 100x30 doublewell
if wait_for dw "saddle  doublewell"; then ok "the TUI starts"; else
	not_ok "the TUI starts" "$(screen dw)"; tap_done; fi
# The first frame, whole (the field exact, the points found), is render's.
"$SADDLE" render doublewell --size 100x30 --color none --optimizer gd |
    sed 's/ *$//' >"$tap_tmp/render"
check_frame "the first frame is render's" dw "$tap_tmp/render"
cp "$tap_tmp/dw.got" "$tap_tmp/heatmap"
# The plot's size, read off the x axis: └ then ─ and ┬ up to the corner.
mapfile -t frame <"$tap_tmp/heatmap"
axis=-1
for i in "${!frame[@]}"; do case ${frame[$i]} in *└*) axis=$i ;; esac; done
tail=${frame[$axis]#*└}
tail=${tail%%[!─┬]*}
width=${#tail}
height=$(( axis - 1 ))
check "the plot's size is read off the axis (${width}x$height)" \
    test "$width" -gt 20 -a "$height" -gt 10

keys dw m
check "m shows the strict-saddle map" wait_for dw "map: strict-saddle"
check "its legend replaces the colour bar" wait_for dw "Def. 2.1"
check "the panel gives the default constants" wait_for dw "α 0.176  β 0.44  γ 0.2"
check "doublewell is strict-saddle with them: no violation" \
    wait_for dw "none holds: 0.0% of the view"
if plot dw | grep -q X; then
	not_ok "no X in the plot" "$(plot dw)"
else
	ok "no X in the plot"
fi
check "the saddle's curvature band (~) runs down every row of the plot" \
    test "$(plot dw | grep -c '~~~~')" -eq "$height"

# ---- the constants --------------------------------------------------------
command dw "alpha 2"
command dw "gamma 0.01"
check ":alpha 2 and :gamma 0.01: α and γ change" wait_for dw "α 2  β 0.44  γ 0.01"
if plot dw | grep -q X; then
	ok "with them doublewell is not strict-saddle near its minima (X)"
else
	not_ok "with them doublewell is not strict-saddle near its minima (X)" \
	    "$(plot dw)"
fi
command dw "alpha x"
check ":alpha x is refused, naming 'x'" wait_for dw "alpha: 'x' is not a constant"
command dw "alpha default"
command dw "gamma default"
check ":alpha default restores the objective's α" \
    wait_for dw "α 0.176  β 0.44  γ 0.2"

# ---- basins ---------------------------------------------------------------
keys dw m m m m
check "m m m m: the basins map of gd" wait_for dw "map: basins"
check "the panel names the method and its step" wait_for dw "gd lr=0.0227"
# The markers (● min, ✕ saddle) and the cursor (╋ without colour) sit
# on top: as ASCII, m, X and +.
plot dw | sed 's/●/m/g; s/✕/X/g; s/╋/+/g' >"$tap_tmp/basins"
# Each row: 1s left of the column x = 0 (X: the saddle), 2s right of it.
if awk '{ if ($0 !~ /^[1m+]*X[2m+]*$/) bad++ } END { exit bad > 0 }' \
    "$tap_tmp/basins"; then
	ok "every row: min1's basin, the thin set x = 0 (X), min2's basin"
else
	not_ok "every row: min1's basin, the thin set x = 0 (X), min2's basin" \
	    "$(cat "$tap_tmp/basins")"
fi
check "the thin set is one column wide on every row" \
    test "$(awk '{ print index($0, "X") }' "$tap_tmp/basins" | sort -u | wc -l)" -eq 1
check "the legend lists both minima and the saddle" \
    sh -c "tmux -L $sock capture-pane -p -t dw | grep -q 'min2' && tmux -L $sock capture-pane -p -t dw | grep -q 'saddle '"

keys dw m
check "one more m: no map, the heatmap is back" wait_gone dw "map: basins"
sed '$d' "$tap_tmp/heatmap" >"$tap_tmp/heatmap.top"
check_frame "the frame is the first one again (the status line aside)" dw \
    "$tap_tmp/heatmap.top" 's/ *$//; $d'

# ---- surveys --------------------------------------------------------------
keys dw a
command dw "survey 400"
check ":survey 400: the table is in the panel" wait_for dw "survey: 400 starts, % of runs"
# Each row starts with the glyph of its method's end points on the plot
# (without colour, the racer's number).
check "a row per racer: gd always reaches a global minimum" \
    wait_for dw "1 gd     100   0   0   0   0"
check "the second racer (momentum) has its row" wait_for dw "2 moment "
check "the status line says what ran" \
    wait_for dw "survey of doublewell: 400 starts over the view, 2 methods"
command dw "survey 0"
check ":survey 0 is refused" wait_for dw "survey: '0' is not a whole number"
command dw "survey off"
check ":survey off hides the table" wait_gone dw "survey: 400 starts"

# ---- cubic: a neighbourhood of 0, and a ratio map without a minimum ------
start cu 100x30 cubic
check "cubic: the TUI starts" wait_for cu "saddle  cubic"
command cu "window -0.02:0.02,-0.02:0.02"
keys cu m
check "cubic near 0: the strict-saddle map" wait_for cu "map: strict-saddle"
# "map: strict-saddle" shows while the map is computed; its summary once
# it is drawn.
check "cubic near 0: the map is drawn" wait_for cu "none holds:"
n=$(plot cu | tr -cd X | wc -c)
check "x² + y³ violates Definition 2.1 around 0: most pixels are X ($n)" \
    test "$n" -gt $(( width * height / 2 ))
keys cu m
check "the pl map of cubic: no minimum, said in the status line" \
    wait_for cu "no minimum found in the window"

keys dw q
keys cu q
tap_done
