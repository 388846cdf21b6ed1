#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui.sh: the visualizer end to end, as a person sees it: saddle runs
# in a detached tmux session of a fixed size (its own -L socket), keys go
# in with send-keys, the screen comes back with capture-pane. It checks
# the first frame (the same as `saddle render`), Himmelblau's minima where
# they belong, the step count on space, play, the help overlay, the
# command line (and which command a shared prefix means), a resize, the
# too-small message, q exiting 0, a new objective typed ahead of its
# points still drawn as render draws it, keys answered while a large
# instance's points and map are computed, and the terminal restored after
# q, SIGTERM, ctrl-c (also while the finder runs) and a crash.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# ---- the first frame ------------------------------------------------------
start main 100x30 himmelblau --start 0,0
if wait_for main "saddle  himmelblau"; then ok "the TUI starts"; else
	not_ok "the TUI starts" "$(screen main)"; tap_done; fi
"$SADDLE" render himmelblau --size 100x30 --color none --optimizer gd \
    --start 0,0 | sed 's/ *$//' >"$tap_tmp/render"
check_frame "the first frame is the frame saddle render draws" main \
    "$tap_tmp/render"
cp "$tap_tmp/main.got" "$tap_tmp/first"

# Himmelblau's four minima (f = 0; Himmelblau 1972) are marked in the
# cells that contain them; the plot's rectangle is read off the screen.
mapfile -t frame <"$tap_tmp/first"
axis=-1
for i in "${!frame[@]}"; do case ${frame[$i]} in *└*) axis=$i ;; esac; done
left=${frame[$axis]%%└*}
left=$(( ${#left} + 1 ))
tail=${frame[$axis]#*└}
tail=${tail%%[!─┬]*}
width=${#tail}
height=$(( axis - 1 ))
for p in "3 2" "-2.805118 3.131312" "-3.779310 -3.283186" "3.584428 -1.848126"; do
	set -- $p
	col=$(awk -v a="$1" -v w="$width" 'BEGIN { printf "%d", (a + 6) / 12 * w }')
	row=$(awk -v b="$2" -v h="$height" 'BEGIN { printf "%d", (6 - b) / 12 * h }')
	line=${frame[$(( row + 1 ))]}
	check "a minimum marker (●) on screen at ($1, $2)" \
	    test "${line:$(( left + col )):1}" = "●"
done

# ---- stepping and playing -------------------------------------------------
check "gd starts at step 0" sh -c "tmux -L $sock capture-pane -p -t main | grep -q 'gd .* step 0'"
keys main Space Space Space
check "three spaces: step 3" wait_for main "step 3"
# step_above NAME N: the first racer has taken more than N steps.
step_above() {
	local n
	n=$(screen "$1" | grep -o 'step [0-9]*' | head -1 | tr -dc 0-9)
	[ "${n:-0}" -gt "$2" ]
}
keys main p
check "p plays" wait_for main "playing"
check "playing takes steps" poll step_above main 3
keys main p
check "p pauses" wait_for main "paused"
n=$(screen main | grep -o 'step [0-9]*' | head -1 | tr -dc 0-9)
check "playing took more steps (now $n)" test "${n:-0}" -gt 3

# ---- help, command line, completion --------------------------------------
keys main '?'
check "? shows the help overlay" wait_for main "zoom in at the cursor"
# At 100x30 the keys and commands take more than a page (one column, too
# narrow for two): space turns the pages, and the last one holds what
# the first could not (:help, :quit).
check "the overlay says it has another page" wait_for main "space: more"
last_page() { shows main "any key closes"; }
# foot: the overlay's page number ("2/3"), or nothing on the last page.
foot() { screen main | grep -o '[0-9]*/[0-9]*, space: more' | head -1; }
foot_not() { test "$(foot)" != "$1"; }
for i in 1 2 3 4 5; do
	last_page && break
	f=$(foot)
	keys main Space
	poll foot_not "$f"
done
check "space turns to the last page" last_page
check "... which lists the : commands" wait_for main ":quit"
check "... to the end (:help show the keys)" wait_for main "show the keys"
keys main Escape
check "any key closes the overlay" wait_gone main "show the keys"
# status_is NAME REGEX: the bottom row, all of it, matches REGEX.
status_is() { screen "$1" | tail -1 | grep -qx -- "$2"; }
keys main : o b j e c Tab
check "tab completes a command name" poll status_is main ':objective *'

keys main c a m Tab Enter
check ":objective camel6 switches the objective" wait_for main "saddle  camel6"
keys main : o p t i m i z e r Space a d m a Enter
check "a bad name is reported in the status line" wait_for main "'adma'"
keys main : l e v e l s Space l o g Enter
check ":levels log" wait_for main "12 log levels"
# A prefix several commands share means the first in help's order: :a is
# :add (not :alpha), :al is :alpha.
keys main : a Space a d a m Enter
check ":a adam adds a racer (:a is :add)" wait_for main "adam"
keys main : z z Enter
check "an unknown command is named, the commands listed from the table" \
    wait_for main "unknown command 'zz': expected objective, expr, optimizer"
keys main : a l Space 2 Enter
check ":al 2 sets α (:al is :alpha) and shows its map" \
    wait_for main "map: strict-saddle"
keys main m m m m m
check "m m m m m cycles the map back to none" wait_for main "map: none"

# ---- resize and too small -------------------------------------------------
# rows_are NAME N: the pane has N rows. wide_title NAME W: the title row
# is at least W characters long. axis_on NAME ROW: the x axis is on ROW.
rows_are() { [ "$(screen "$1" | wc -l)" -eq "$2" ]; }
wide_title() {
	screen "$1" | grep -m1 'saddle  camel6' |
	    awk -v w="$2" '{ exit !(length($0) >= w) }'
}
axis_on() { screen "$1" | sed -n "$2p" | grep -q '└'; }
t resize-window -t main -x 120 -y 40
check "after resizing to 120x40 the frame has 40 rows" poll rows_are main 40
check "the title is redrawn at the new width" poll wide_title main 110
check "the x axis sits on row 38" poll axis_on main 38
t resize-window -t main -x 50 -y 15
check "50x15 shows the too-small message" wait_for main "Terminal too small: 50x15"
t resize-window -t main -x 100 -y 30
check "enlarging brings the frame back" wait_for main "saddle  camel6"
check "and the message goes" wait_gone main "Terminal too small"

# ---- q restores the terminal ---------------------------------------------
keys main q
wait_file "$tap_tmp/main/after"
check "q exits with status 0" test "$(cat "$tap_tmp/main/status" 2>/dev/null)" = 0
check "q restores the tty modes" cmp -s "$tap_tmp/main/before" "$tap_tmp/main/after"
check "q leaves the alternate screen" wait_gone main "saddle  camel6"

# ---- 24-bit colour: SGR output, resized --------------------------------
# The frame the screen shows equals render's at each size, colours aside.
pane_env="COLORTERM=truecolor"
start colour 100x30 himmelblau --start 0,0
check "truecolor: the TUI starts" wait_for colour "saddle  himmelblau"
# sgr NAME TEXT: the pane's SGR sequences include TEXT.
sgr() { t capture-pane -e -p -t "$1" | grep -qF -- "$2"; }
check "COLORTERM=truecolor: 24-bit colours reach the terminal" \
    poll sgr colour '48;2;68;1;84'
# render_at SIZE: render's frame at SIZE, colours aside, into $tap_tmp/want.
render_at() {
	"$SADDLE" render himmelblau --size "$1" --color truecolor \
	    --optimizer gd --start 0,0 | sed 's/\x1b\[[0-9;]*m//g; s/ *$//' \
	    >"$tap_tmp/want"
}
render_at 100x30
check_frame "truecolor: the frame is render's" colour "$tap_tmp/want"
t resize-window -t colour -x 120 -y 40
render_at 120x40
check_frame "truecolor: resized to 120x40, the frame is render's at 120x40" \
    colour "$tap_tmp/want"
t resize-window -t colour -x 60 -y 12
check "truecolor: 60x12 is too small" wait_for colour "Terminal too small: 60x12"
t resize-window -t colour -x 100 -y 30
render_at 100x30
check_frame "truecolor: back at 100x30, nothing stale" colour "$tap_tmp/want"
keys colour q
wait_file "$tap_tmp/colour/after"
check "truecolor: q exits with status 0" test "$(cat "$tap_tmp/colour/status" 2>/dev/null)" = 0
check "truecolor: the tty modes are restored" cmp -s "$tap_tmp/colour/before" "$tap_tmp/colour/after"
pane_env="NO_COLOR=1"

# ---- charts: the tensor's 26 points, :chart, the A key ------------------
# §5: for d = n = 3, f = −Σ (a_iᵀx)⁴ on the sphere has exactly 26
# stationary points, 6 minima ±a_i, 12 saddles, 8 maxima, all on the
# sphere chart (which covers S²).
start tensor 100x30 tensor
check "tensor: the panel counts 26 stationary points" \
    wait_for tensor "stationary points in view: 26"
check "tensor: 6 minima" wait_for tensor "min 6"
check "tensor: 8 maxima" wait_for tensor "max 8"
check "tensor: 12 saddles" wait_for tensor "saddle 12"
keys tensor q

# pca:d=5 (v_i = e_i, λ_i = 6 − i): at the maximum 0 the Hessian −2M has
# its most negative eigenvector e1 and its most positive e5, and the
# saddles ±√λ5 e5 = ±e5 lie on that plane at (0, ±1) (Theorem 4.1).
start chart 100x30 pca:d=5
check "pca:d=5: the TUI starts" wait_for chart "saddle  pca:d=5"
keys chart : s t a r t Space 0 , 0 Enter
check ":start 0,0 puts the cursor on the maximum" \
    wait_for chart "cursor (0.000, 0.000)"
keys chart : c h Tab
check "tab completes :chart" poll status_is chart ':chart *'
keys chart h e Tab
check "tab completes the choice: hessian" \
    poll status_is chart ':chart hessian *'
keys chart Up
check "up recalls the last line entered" \
    poll status_is chart ':start 0,0 *'
keys chart Down
check "down comes back to the new line, empty" poll status_is chart ': *'
keys chart Escape
keys chart : c h Tab h e Tab
keys chart Enter
check ":chart hessian (at the cursor): the view changes" \
    wait_for chart "[−2.00, 2.00] × [−2.00, 2.00]"
check ":chart hessian at 0: the maximum in view" wait_for chart "max 1"
check ":chart hessian at 0: the saddles ±e5 in view" wait_for chart "saddle 2"
keys chart : c h a r t Space p l a n e Enter
check ":chart with a bad word names it" wait_for chart "'plane'"
keys chart q

# glm:d=5: the one stationary point (Theorem 3.3) lies beside a random
# plane (on the default chart it is on the plane): A adds it with its
# offset, A again takes it away; the racer's distance from the slice is
# in the panel.
start near 120x40 glm:d=5 --chart random:2
check "glm:d=5 on a random plane: no stationary point on the slice" \
    wait_for near "stationary points in view: 0"
keys near A
check "A: the point near the slice is added" \
    wait_for near "stationary points in view: 1"
check "A: the panel says how far off the slice it is" \
    wait_for near "near slice: 1, off"
keys near A
check "A again: only the points on the slice" \
    wait_for near "stationary points in view: 0"
check "A again: the near line goes" wait_gone near "near slice:"
keys near Space Space Space
check "the racer's distance from the slice is shown" \
    wait_for near "off the slice by"
keys near '?'
check "the help overlay lists A" wait_for near "points near the slice on / off"
# Two columns at 120, each as wide as its keys allow; a description
# longer than its column wraps, so nothing is cut.
check "the help overlay's g is there at 120 columns" \
    wait_for near "g                          downhill arrows (⇒ steepest)"
check "... its description wrapped, not cut (on / off)" \
    poll shows_re near " {20,}on / off +│\$"
# The keys fill the first page at 120x40; space turns to the commands.
keys near Space
check "the help overlay lists :chart" wait_for near ":chart CHART"
check "and :set, whole" \
    wait_for near ":set k=v,...           the selected racer's parameters"
keys near Escape q

# On glm:d=5's default chart, the plane through 0, w* and ŵ, the empirical
# minimum is in the picture, a minimum (Theorem 3.3).
start hat 120x40 glm:d=5
check "glm:d=5: its one stationary point on the default slice" \
    wait_for hat "stationary points in view: 1"
check "glm:d=5: ... a minimum" wait_for hat "min 1"
keys hat q

# Below the two columns' width, one column whose descriptions wrap at the
# box's edge: the ends of the long ones are on the screen.
start narrow 80x24 himmelblau
keys narrow '?' '?'
check "80 columns: what-you-see's long lines wrap (… its own dashes)" \
    wait_for narrow "number, its own dashes)"
check "80 columns: ... and are whole (critical values)" \
    wait_for narrow "on the bar: critical values"
keys narrow Escape q

# ---- a new objective, typed ahead ----------------------------------------
# The keys arrive at once, so no frame waits for the finder (job.h): the
# racer starts and steps before the points its monitor watches are found,
# and is run again, watched, when they are (view_take_watch). The frame
# must be render's, events and all ("escaped ✕", the saddle).
start ahead 100x30 himmelblau --start 0,0
check "typed ahead: the TUI starts" wait_for ahead "saddle  himmelblau"
t send-keys -t ahead ":objective doublewell" Enter ":start 0.001,0.3" Enter \
    ":step 100" Enter
"$SADDLE" render doublewell --size 100x30 --color none --optimizer gd \
    --start 0.001,0.3 --steps 100 | sed 's/ *$//' >"$tap_tmp/ahead.want"
if poll same_frame ahead "$tap_tmp/ahead.want" "$tap_tmp/ahead.got" &&
    grep -q "escaped ✕" "$tap_tmp/ahead.got"; then
	ok "typed ahead: the frame is render's, the saddle event included"
else
	not_ok "typed ahead: the frame is render's, the saddle event included" \
	    "$(diff "$tap_tmp/ahead.want" "$tap_tmp/ahead.got" | head -10)"
fi
keys ahead q

# ---- numbers on the command line ----------------------------------------
# The : commands read numbers with the parsers the options use (params.h):
# the options' messages, no cast of 1e30, and :tol 0 is --tol 0: the racer
# never stops on the gradient (with 1e-6, gd from (0, 0) stops near 300).
start nums 100x30 himmelblau --start 0,0
check "numbers: the TUI starts" wait_for nums "saddle  himmelblau"
t send-keys -t nums ":step 1e30" Enter
check ":step 1e30 is refused with its range" wait_for nums \
    "step: '1e30' is not a whole number from 1 to 1000000"
t send-keys -t nums ":tol -1" Enter
check ":tol -1 is refused with --tol's message" wait_for nums \
    "tol: '-1' is not a tolerance: expected a number ≥ 0 such as 1e-6 (0 runs every step)"
t send-keys -t nums ":seed 4294967296" Enter
check ":seed 2^32 is refused with --seed's message" wait_for nums \
    "seed: '4294967296' is not a whole number from 0 to 4294967295"
t send-keys -t nums ":step 2000" Enter
check "tol 1e-6: gd converges before step 2000" wait_for nums "converged ●"
check "tol 1e-6: so it never reaches step 2000" sh -c \
    "! tmux -L $sock capture-pane -p -t nums | grep -q 'step 2000'"
t send-keys -t nums ":tol 0" Enter ":clear" Enter ":step 2000" Enter
check ":tol 0: gd takes every one of 2000 steps" wait_for nums "step 2000"
keys nums q

# ---- a large instance: keys are answered while the points are found -----
# On twolayer:k=4,m=8,n=1000 the finder takes most of a second (0.8 s on
# two cores); it runs on a thread of its own, so a key moves the cursor
# while the panel still says the points are being found, and the points
# appear when it is done.
start large 100x30 'twolayer:k=4,m=8,n=1000'
check "large: the first frame says the points are being found" \
    wait_long large "finding stationary points…"
check "large: the points appear" wait_long large "stationary points in view:"
cursor_of() { screen "$1" | grep -o 'cursor ([^)]*)'; }
# moved_while NAME WAS BUSY: up to 10 s for the cursor to leave WAS (the
# new place in $moved_to); 0 when the first screen that shows it moved
# still says BUSY.
moved_while() {
	local i now
	moved_to="?"
	for i in $(seq 200); do
		now=$(screen "$1")
		moved_to=$(printf '%s\n' "$now" | grep -o 'cursor ([^)]*)')
		if [ -n "$moved_to" ] && [ "$moved_to" != "$2" ]; then
			case $now in *"$3"*) return 0 ;; esac
			return 1
		fi
		sleep 0.05
	done
	return 1
}
# A finds the points again (near the slice too): the finder starts over
# and l moves the cursor one cell right at once.
was=$(cursor_of large)
t send-keys -t large A l
if moved_while large "$was" "finding stationary points…"; then
	ok "large: l moves the cursor while the finder runs ($was, then $moved_to)"
else
	not_ok "large: l moves the cursor while the finder runs ($was, then $moved_to)"
fi
check "large: and the points appear" wait_long large "stationary points in view:"
keys large m m m m m
check "large: m m m m m: the basins map is being computed" \
    wait_for large "computing map…"
was=$(cursor_of large)
t send-keys -t large h
if moved_while large "$was" "computing map…"; then
	ok "large: h moves the cursor while the map is computed"
else
	not_ok "large: h moves the cursor while the map is computed" \
	    "$was, then $moved_to"
fi
keys large q

# ---- the proof in the legend --------------------------------------------
# The panel says whether the points in view are all of them (certify.h):
# himmelblau's are proven; cubic's degenerate saddle leaves one region,
# x²y²'s axes a continuum, and the legend says which.
start proof 100x30 cubic
check "cubic: the legend says the list may be incomplete" \
    wait_for proof "may be incomplete (1 region)"
check "cubic: and why: its degenerate point" \
    wait_for proof "why: degenerate"
t send-keys -t proof ":expr x^2*y^2" Enter
check "x^2*y^2: the legend says why: a continuum (the axes)" \
    wait_for proof "why: continuum"
t send-keys -t proof ":objective himmelblau" Enter
check "himmelblau: the legend says proved complete" \
    wait_for proof "proved complete"
keys proof q
# --all's search beside the slice stops at its budget on matcomp:d=60
# (as `points` says on stderr): the legend says so, not "not certified".
start cut 120x36 matcomp:d=60 --all
check "matcomp:d=60 --all: the legend says the search was cut" \
    wait_long cut "may be incomplete (budget cut)"
keys cut q
wait_file "$tap_tmp/large/after"
check "large: q while the map is computed exits with status 0" \
    test "$(cat "$tap_tmp/large/status" 2>/dev/null)" = 0
check "large: and restores the tty modes" \
    cmp -s "$tap_tmp/large/before" "$tap_tmp/large/after"

# ---- signals: restore, then die of the signal ----------------------------
# signal NAME HOW STATUS [OBJECTIVE [TEXT]]: start (himmelblau), wait for
# TEXT (the title), deliver HOW (a kill signal or keys), expect STATUS and
# the tty modes restored.
signal() {
	local name=$1 how=$2 want=$3 obj=${4:-himmelblau}
	local title=${5:-"saddle  $obj"} what=$2
	[ "$obj" = himmelblau ] || what="$how while the finder runs"
	start "$name" 100x30 "$obj"
	check "$what: the TUI is up ($title)" wait_long "$name" "$title"
	case $how in
	C-c) t send-keys -t "$name" C-c ;;
	*) kill -s "$how" "$(cat "$tap_tmp/$name/pid")" ;;
	esac
	wait_file "$tap_tmp/$name/after"
	check "$what: exit status $want" test "$(cat "$tap_tmp/$name/status" 2>/dev/null)" = "$want"
	check "$what: the tty modes are restored" cmp -s "$tap_tmp/$name/before" "$tap_tmp/$name/after"
	check "$what: the alternate screen is left" wait_gone "$name" "saddle  $obj"
}
signal term TERM 143
signal intr C-c 130
signal crash SEGV 139
# While the finder runs on its thread: that thread blocks these signals,
# so the handler runs on the main one and restores the terminal.
signal bigterm TERM 143 'twolayer:k=4,m=8,n=1000' "finding stationary points…"
signal bigintr C-c 130 'twolayer:k=4,m=8,n=1000' "finding stationary points…"

tap_done
