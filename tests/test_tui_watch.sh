#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_watch.sh: watching an optimizer (issue 16), as a person sees
# it in a detached tmux session without colour: racers removed with d and
# :remove, a start of the selected racer's own that x keeps, the limit
# message naming d; the header naming the chart after :chart (and render
# printing the same); critical levels on doublewell passing through the
# saddle's value f = 1, marked on the colour bar, with the wells and the
# saddle in different bands where linear levels put them in one.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# command NAME LINE: type a ':' command and enter it.
command() {
	t send-keys -t "$1" : "$2" Enter
	sleep 0.3
}

# racers NAME: the methods the panel lists, one a line, in order.
racers() {
	screen "$1" | perl -CSD -ne '
	    print "$1\n" if /\x{2502} [\x{25B8} ]\S\S? ([a-z]+) /'
}

# has_racers NAME WANT: whether the panel lists exactly WANT (spaces).
has_racers() { [ "$(racers "$1" | tr '\n' ' ')" = "$2 " ]; }


# ---- racer management -----------------------------------------------------
start race 110x32 doublewell --optimizer gd,momentum,nesterov
check "three racers" poll has_racers race "gd momentum nesterov"
keys race d
check "d removes the selected racer (the last added)" \
    poll has_racers race "gd momentum"
command race "remove 1"
check ":remove 1 removes racer 1" poll has_racers race "momentum"
command race "remove 5"
check ":remove names a racer that is not there" \
    wait_for race "remove: '5' is not a whole number from 1 to 1"
keys race a
check "a adds a racer after a removal" poll has_racers race \
    "momentum nesterov"
# (1, 0.5) has f = (1 − 1)² + 0.5² = 0.25; the common start has 1.754.
command race "start 1,0.5 selected"
check ":start … selected moves only the selected racer" \
    poll shows_re race "nesterov +f 0\.25 "
check "the other racer keeps the common start" \
    poll shows_re race "momentum +f 1\.754"
keys race Space Space x
check "x restarts each racer at its own start" \
    poll shows_re race "nesterov +f 0\.25 +step 0"
command race "start 1,0.5 sel"
check ":start with another word says what it accepts" \
    wait_for race "'sel' is not a flag: expected 'selected'"
keys race a a a a a a a
check "the eighth racer's limit message names d" \
    wait_for race "already 8 racers: remove one with d"
keys race Escape q

# ---- the latest events --------------------------------------------------
# Eight racers on 40 rows: one line each for their latest events, whole
# (fewer digits or "#N" rather than cut), scrolled to the selected racer.
start evs 120x40 doublewell --start -0.3,1.2 \
    --optimizer gd,momentum,nesterov,adam,pgd,rmsprop,adagrad,newton
wait_long evs "stationary points in view: 3" >/dev/null
command evs "step 300"
check "the events are titled, scrolled: a few of them" \
    poll shows_re evs "latest events [0-9]–[0-9] of [0-9]"
# event_lines NAME: the panel's event lines (after the title).
event_lines() {
	screen "$1" | sed -n '/latest events/,/^ *│ *$/p' | sed 1d |
	    awk -F'│' 'NF > 1 && $NF ~ /━[1-8]/ { print $NF }'
}
whole() {
	[ -n "$(event_lines "$1")" ] && ! event_lines "$1" |
	    grep -vqE '━[1-8] (entered|escaped|converged|diverged|stuck|singular).* (step |after |#)[0-9]+ *$'
}
check "every event line is whole, its step at the end" poll whole evs
check "the selected racer's (newton's) event is in view" \
    poll shows_re evs "━8 converged ✕ \(0, 0\) step [0-9]+"
keys evs n n
check "n scrolls to racer 2's event" poll shows_re evs "━2 converged ● "
check "… and racer 8's is scrolled away" poll hides evs "━8 "
keys evs q

# ---- the chart is named ---------------------------------------------------
start chart 110x32 pca:d=5
check "the header names the default chart" \
    wait_for chart "pca:d=5  chart default"
command chart "chart random:3"
check "the header names the chart after :chart random:3" \
    wait_for chart "pca:d=5  chart random:3"
command chart "chart hessian:0,2"
check "the header names the chart after :chart hessian:0,2" \
    wait_for chart "pca:d=5  chart hessian:0,2"
keys chart q
"$SADDLE" render pca:d=5 --chart random:3 --size 110x32 --color none \
    >"$tap_tmp/render"
check "render names the chart in its header" \
    grep -qF "pca:d=5  chart random:3" "$tap_tmp/render"

# ---- critical levels ------------------------------------------------------
# Eight bands, so that the density ramp of the monochrome plot (ten
# glyphs) tells neighbouring bands apart.
start lv 110x32 doublewell --levels linear
wait_long lv "stationary points in view: 3" >/dev/null
command lv "levels 8"
wait_for lv "8 linear levels" >/dev/null
# The row of y = 0 and the columns of the markers on it: a well (●) and
# the saddle (✕), read off the screen before the markers are hidden.
row0() { screen lv | grep -n ' 0\.0 ┤' | cut -d: -f1; }
col_of() {
	local line
	line=$(screen lv | sed -n "$(row0)p")
	line=${line%%"$1"*}
	echo "${#line}"
}
well=$(col_of ●)
saddle=$(col_of ✕)
# cell_at COL: the character there on the row of y = 0.
cell_at() {
	local line
	line=$(screen lv | sed -n "$(row0)p")
	printf '%s' "${line:$1:1}"
}
keys lv s
wait_gone lv "✕" >/dev/null
check "linear levels: the wells and the saddle share the lowest band" \
    test "$(cell_at "$well")" = "$(cell_at "$saddle")"
command lv "levels critical"
check ":levels critical is named in the header" \
    wait_for lv "8 critical levels"
check "the colour bar has a level at f = 1 marked as the saddle's" \
    wait_for lv "✕1 "
check "critical levels: the wells and the saddle are in different bands" \
    test "$(cell_at "$well")" != "$(cell_at "$saddle")"
command lv "levels quantile"
check ":levels quantile is named in the header" \
    wait_for lv "8 quantile levels"
command lv "levels auto"
check "auto levels are critical when stationary values are in view" \
    wait_for lv "8 critical levels"
command lv "levels median"
check ":levels names what it accepts" \
    wait_for lv "expected linear, log, critical, quantile, auto"
keys lv Escape q

# ---- the racers' vectors --------------------------------------------------
# braille NAME: how many braille cells the plot (the first 80 columns of
# the rows above the x axis, left of the panel) holds.
braille() {
	screen "$1" | sed -n '2,30p' | perl -CSD -ne '
	    $n += () = substr($_, 0, 80) =~ /[\x{2801}-\x{28FF}]/g;
	    END { print $n + 0 }'
}
start vec 120x36 doublewell --optimizer gd,momentum --start -0.3,1.2
wait_long vec "stationary points in view: 3" >/dev/null
poll shows_re vec "momentum +f 2.268 +step 0" >/dev/null
keys vec Space Space Space Space
poll shows_re vec "momentum +f 1.042 +step 4" >/dev/null
off=$(braille vec)
command vec "vectors on"
check ":vectors on names the scale and the selected racer" \
    wait_for vec "vectors ×2  (racer 2, momentum)"
check "the panel shows the selected racer's gd step" \
    wait_for vec "━ −lr∇f (−0.0348, −0.0336) 0.0484"
check "the panel shows the selected racer's last step" \
    wait_for vec "┄ last (−0.0983, −0.166) 0.1"
on=$(braille vec)
check "the vectors add braille dots to the plot ($off, then $on cells)" \
    test "$on" -gt "$off"
keys vec n
check "n: the panel shows the other racer's numbers" \
    wait_for vec "(racer 1, gd)"
keys vec V
check "V hides the vectors" wait_gone vec "vectors ×"
check "the plot is as before" test "$(braille vec)" = "$off"
command vec "vectors maybe"
check ":vectors names what it accepts" \
    wait_for vec "vectors: 'maybe': expected on or off"
keys vec Escape q

# adagrad's box of per-coordinate steps: at its first step G = g², so
# each coordinate's step size is lr/|g_i| (eps aside), the box's
# half-sides are lr and the scaling against gd's step is 1/|g_i|, with
# doublewell's ∇f = (4x(x² − 1), 2y) worked out here at (−0.3, 1.2).
start box 120x40 doublewell --optimizer gd,adagrad --start -0.3,1.2 \
    --set lr=0.2
wait_long box "stationary points in view: 3" >/dev/null
want=$(awk 'BEGIN { x = -0.3; y = 1.2; gx = 4 * x * (x * x - 1);
	printf "(%.3g, %.3g)", 1 / (gx < 0 ? -gx : gx), 1 / (2 * y) }')
command box "vectors on"
check "adagrad's box: half-sides lr" wait_for box "□ box ± (0.2, 0.2)"
check "adagrad's per-coordinate scaling against gd's step is 1/|g_i| $want" \
    wait_for box "step/gd's $want"
keys box n
check "gd has no box" poll hides box "□ box"
keys box q

# ---- gradient arrows with their magnitude ---------------------------------
# On doublewell ∇f = (4x(x² − 1), 2y) is steepest at the window's sides
# (|∂f/∂x| = 24 at x = ±2, under 3 inside |x| < 1.2): heavy arrows there,
# pointing in, light ones between.
start arr 120x40 doublewell
wait_long arr "stationary points in view: 3" >/dev/null
keys arr g
# arrows NAME: the arrow glyphs of the plot (left of the colour bar).
arrows() {
	screen "$1" | sed -n '2,36p' | perl -CSD -ne '
	    print join("", substr($_, 0, 80) =~
		/[\x{2190}-\x{2199}\x{21D0}-\x{21D9}]/g), "\n"'
}
both_weights() {
	arrows "$1" | grep -q '^⇒.*[→↘↗↓↑↙↖←].*⇐$'
}
check "g: heavy arrows at the steep sides point in, light ones between" \
    poll both_weights arr
keys arr m
check "the arrows stay with a map on" poll both_weights arr
check "… over the map" wait_for arr "Def. 2.1"
keys arr g
check "g hides them over the map" poll test -z "$(arrows arr | tr -d '\n')"
keys arr q

# ---- the help's second page -------------------------------------------------
# ? then ? again: what the glyphs and colours mean, and a line for each
# map kind that map --help lists.
start hlp 120x40 doublewell
wait_for hlp "saddle  doublewell" >/dev/null
keys hlp ?
# The keys and commands take two pages at 120x40; the last offers the
# second part.
check "the help's keys come in pages" wait_for hlp "1/2, space: more"
keys hlp Space
check "the help's last page of keys offers the second part" \
    wait_for hlp "? what you see · any key closes"
keys hlp ?
check "? again: what you see" wait_for hlp "─ what you see ─"
check "… the glyphs" wait_for hlp "stationary points: minimum, maximum, saddle"
check "… the arrows' weights" wait_for hlp "g: downhill; heavy where |∇f|"
# (the list may wrap: its lines run up to the next option)
kinds=$("$SADDLE" map --help | sed -n '/^ *--kind KIND/,/^ *--alpha/p' |
    sed '$d; s/^ *--kind KIND *//; s/^ *//' | tr '\n' ' ' |
    sed 's/,\| or / /g')
for k in $kinds; do
	check "… the map $k in one line" poll shows_re hlp "│ $k +[^ ].*[^ ] +│"
done
keys hlp x
check "any other key closes it" wait_gone hlp "what you see"
keys hlp q

# ---- equal aspect ---------------------------------------------------------
# The plot's width and height in cells, read off the x axis (└───┬...).
start asp 120x30 doublewell
wait_for asp "[−2.00, 2.00] × [−2.00, 2.00]" >/dev/null
mapfile -t frame < <(screen asp)
for i in "${!frame[@]}"; do case ${frame[$i]} in *└*) axis=$i ;; esac; done
tail=${frame[$axis]#*└}
tail=${tail%%[!─┬]*}
width=${#tail}
height=$(( axis - 1 ))
command asp "aspect equal"
# Two samples a cell, one above the other: equal scales mean
# (xmax − xmin) / width = (ymax − ymin) / (2 · height), so with y in
# [−2, 2] the x half-width is width / height.
want=$(awk -v w="$width" -v h="$height" 'BEGIN { printf "%.2f", w / h }')
check ":aspect equal widens x to ±$want on a ${width}×${height} plot" \
    wait_for asp "[−$want, $want] × [−2.00, 2.00]"
command asp "aspect fill"
keys asp 0
check ":aspect fill and 0: the window fills the plot again" \
    wait_for asp "[−2.00, 2.00] × [−2.00, 2.00]"
command asp "aspect round"
check ":aspect names what it accepts" \
    wait_for asp "aspect: 'round': expected equal or fill"
keys asp Escape q

# ---- f along a line -------------------------------------------------------
start line 120x36 doublewell
wait_long line "stationary points in view: 3" >/dev/null
command line "line min:1 min:2"
check ":line names its segment over the panel's plot" \
    wait_for line "f along min:1 → min:2"
# plot_glyph NAME GLYPH: whether GLYPH is in the panel's plot (what is
# right of the last │ on the rows below the "f along" line).
plot_glyph() {
	screen "$1" | sed -n '/f along/,$p' | sed '1d' |
	    awk -F'│' -v g="$2" 'NF > 2 && index($NF, g) { found = 1 }
		END { exit !found }'
}
check ":line between the wells marks the saddle it passes" \
    poll plot_glyph line "✕"
check ":line between the wells marks the minima at its ends" \
    poll plot_glyph line "●"
command line "line -1,0"
check ":line with one point says what it expects" \
    wait_for line "expected two points P Q"
command line "line off"
check ":line off brings the loss curve back" \
    wait_for line "f − f* (log scale) by step"
keys line q

# f marks the cursor as P, a second f draws f along P → the cursor, as
# :line would (the history keeps the command); esc forgets a mark. The
# cursor starts at the default start, (−0.75, 1.25) on doublewell.
start mark 120x36 doublewell
wait_long mark "stationary points in view: 3" >/dev/null
keys mark f
check "f marks one end" wait_for mark "line from here: move the cursor"
# plot_has NAME GLYPH: whether GLYPH is in the plot (left of the bar).
plot_has() {
	screen "$1" | sed -n '2,32p' | perl -Mutf8 -CSD -ne '
	    $n += index(substr($_, 0, 70), "'"$2"'") >= 0; END { exit !$n }'
}
keys mark l l l l l l l l l l j j j j
check "… shown as P on the plot once the cursor leaves it" \
    poll plot_has mark P
keys mark f
check "a second f: f along the two in the panel" \
    wait_for mark "f along -0.75,1.25 → "
no_mark() { ! plot_has "$1" P; }
check "… and P is gone" poll no_mark mark
keys mark f h
poll plot_has mark P >/dev/null
keys mark Escape
check "esc forgets a mark" poll no_mark mark
keys mark : Up
check "the history keeps the line f drew" poll shows_re mark ":line -0.75,1.25 "
keys mark Escape q

# ---- 8 colours and none --------------------------------------------------
# In 8 colours the default palette passes through 5 of the terminal's
# colours, and critical levels put the wells (f < 1) and the saddle's
# band above (f just over 1) in neighbouring bands, which used to take
# the same colour; now a band between two colours is their checker. The
# look of a cell is its top and bottom colours, read from the escapes.
cat >"$tap_tmp/cells.py" <<'PY'
import re, sys
rows = []
for line in sys.stdin.read().split('\n'):
    fg = bg = 'd'
    row = []
    for m in re.finditer(r'\x1b\[([0-9;]*)m|(.)', line):
        if m.group(1) is not None:
            for c in (m.group(1) or '0').split(';'):
                c = int(c or 0)
                if c == 0: fg = bg = 'd'
                elif 30 <= c <= 37: fg = c - 30
                elif 40 <= c <= 47: bg = c - 40
                elif c == 39: fg = 'd'
                elif c == 49: bg = 'd'
            continue
        g = m.group(2)
        row.append((g, (fg, bg) if g == '\u2580' else (bg, bg)))
    rows.append(row)
text = [''.join(g for g, _ in r) for r in rows]
y = next(i for i, t in enumerate(text) if ' 0.0 \u2524' in t)
well, saddle = text[y].index('\u25cf'), text[y].index('\u2715')
# Beside the well (f ≈ 0.01) and two rows above the saddle (f ≈ 1.06).
print('same' if rows[y][well + 1][1] == rows[y - 2][saddle][1] else 'apart')
PY
pane_env="TERM=xterm"
start c8 110x32 doublewell
pane_env="NO_COLOR=1"
wait_long c8 "✕1 " >/dev/null
looks() { t capture-pane -p -e -t c8 | python3 "$tap_tmp/cells.py"; }
check "8 colours: the wells and the band above the saddle look apart" \
    test "$(looks)" = apart
keys c8 q

# Without colour the cursor is a glyph the density ramp has not got, and
# each racer's path and swatch have their own dash pattern.
start mono 110x32 doublewell --optimizer gd,momentum --start -0.3,1.2
wait_long mono "stationary points in view: 3" >/dev/null
check "mono: the cursor is ╋, not the ramp's +" poll plot_has mono ╋
check "mono: racer 1's swatch is solid" poll shows mono " ━━ gd"
check "mono: racer 2's is dotted" poll shows mono "▸┈┈ momentum"
keys mono q

tap_done
