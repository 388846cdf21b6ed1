#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_render.sh: `saddle render` draws the visualizer's frame as text:
# golden frames at every colour depth, exactly ROWS lines none wider than
# COLS, the same bytes every time, ASCII in a non-UTF-8 locale, the
# stationary points of Himmelblau where the literature puts them, and
# usage errors that name the bad word.
#
# To accept new golden frames after an intended change of the drawing:
#	SADDLE_UPDATE_GOLDEN=1 make check TESTS=tests/test_render.sh
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
golden="${SRCDIR:-$(dirname "$0")/..}/tests/golden"

# A fixed environment: no user themes, a UTF-8 locale.
export XDG_CONFIG_HOME="$tap_tmp/config" HOME="$tap_tmp"
export LC_ALL=C.UTF-8
unset NO_COLOR COLORTERM

# render NAME ARGS...: saddle render ARGS into $tap_tmp/NAME.
render() {
	local out=$1; shift
	"$SADDLE" render "$@" >"$tap_tmp/$out" 2>"$tap_tmp/$out.err"
	echo $? >"$tap_tmp/$out.status"
}

# shape FILE COLS ROWS: exactly ROWS lines, none wider than COLS cells
# once the SGR sequences are taken out.
shape() {
	local n w max=0 line
	n=$(wc -l <"$1")
	[ "$n" -eq "$3" ] || { echo "$n lines"; return 1; }
	while IFS= read -r line; do
		line=$(printf '%s' "$line" | sed 's/\x1b\[[0-9;]*m//g')
		w=${#line}
		[ "$w" -gt "$max" ] && max=$w
	done <"$1"
	[ "$max" -le "$2" ] || { echo "a line of $max cells"; return 1; }
}

# The golden cases: name, then arguments.
cases=(
	"himmelblau-none|himmelblau --size 100x30 --color none --optimizer gd --start 0,0 --steps 40"
	"himmelblau-8|himmelblau --size 100x30 --color 8 --optimizer gd --start 0,0 --steps 40"
	"himmelblau-256|himmelblau --size 100x30 --color 256 --optimizer gd --start 0,0 --steps 40"
	"himmelblau-truecolor|himmelblau --size 100x30 --color truecolor --optimizer gd --start 0,0 --steps 40"
	"camel6-16-magma|camel6 --size 90x26 --color 16 --theme magma --optimizer gd,momentum --start -1,1 --steps 80 --levels linear"
	"rosenbrock-256-log|rosenbrock --size 120x36 --color 256 --theme cividis --optimizer newton,gd --start -1.5,2 --steps 20 --levels log"
)
for c in "${cases[@]}"; do
	name=${c%%|*}
	read -r -a args <<<"${c#*|}"
	render "$name" "${args[@]}"
	size=$(printf '%s\n' "${args[@]}" | grep -x '[0-9]*x[0-9]*')
	check "render $name exits 0" test "$(cat "$tap_tmp/$name.status")" = 0
	if out=$(shape "$tap_tmp/$name" "${size%x*}" "${size#*x}"); then
		ok "render $name: ${size#*x} lines, none wider than ${size%x*}"
	else
		not_ok "render $name: ${size#*x} lines, none wider than ${size%x*}" "$out"
	fi
	if [ -n "${SADDLE_UPDATE_GOLDEN:-}" ]; then
		cp "$tap_tmp/$name" "$golden/$name.txt"
	fi
	if cmp -s "$tap_tmp/$name" "$golden/$name.txt"; then
		ok "render $name matches tests/golden/$name.txt"
	else
		not_ok "render $name matches tests/golden/$name.txt" \
		    "$(diff "$golden/$name.txt" "$tap_tmp/$name" 2>&1 | head -8)"
	fi
	render again "${args[@]}"
	check "render $name is deterministic" cmp -s "$tap_tmp/$name" "$tap_tmp/again"
done

# What each depth may send: nothing, the 8 colours, the 256, 24 bits.
check "--color none sends no escape" \
    sh -c "! grep -q \$(printf '\\033') '$tap_tmp/himmelblau-none'"
check "--color 8 uses only SGR 0, 1, 7 and 30-49" sh -c "
    grep -o '\[[0-9;]*m' '$tap_tmp/himmelblau-8' | tr -d '[m' | tr ';' '\n' |
    grep -vqx '0\|1\|7\|3[0-9]\|4[0-9]' && exit 1 || exit 0"
check "--color 256 uses indexed colours only" sh -c "
    grep -q '38;5;' '$tap_tmp/himmelblau-256' && ! grep -q ';2;' '$tap_tmp/himmelblau-256'"
# Viridis' first stop #440154 fills the lowest band, around the minima.
check "--color truecolor paints viridis' first stop (68,1,84)" \
    grep -q '48;2;68;1;84m' "$tap_tmp/himmelblau-truecolor"

# The stationary points of Himmelblau (four minima with f = 0, one
# maximum, four saddles; the values known since Himmelblau 1972) are
# drawn in the cells that contain them. The plot's rectangle is read off
# the frame: the x axis row starts with └ under the plot's left edge.
render points himmelblau --size 100x30 --color none
mapfile -t frame <"$tap_tmp/points"
axis=-1
for i in "${!frame[@]}"; do
	case ${frame[$i]} in *└*) axis=$i ;; esac
done
left=${frame[$axis]%%└*}
left=$(( ${#left} + 1 ))
tail=${frame[$axis]#*└}
tail=${tail%%[!─┬]*}
width=${#tail}
height=$(( axis - 1 ))
# at A B: the character in the cell containing chart point (A, B) of
# the window [-6, 6]².
at() {
	local col row
	col=$(awk -v a="$1" -v w="$width" 'BEGIN { printf "%d", (a + 6) / 12 * w }')
	row=$(awk -v b="$2" -v h="$height" 'BEGIN { printf "%d", (6 - b) / 12 * h }')
	local line=${frame[$(( row + 1 ))]}
	printf '%s' "${line:$(( left + col )):1}"
}
for p in "3 2" "-2.805118 3.131312" "-3.779310 -3.283186" "3.584428 -1.848126"; do
	g=$(at $p)
	check "a minimum marker (●) at ($p)" test "$g" = "●"
done
g=$(at -0.270845 -0.923039)
check "the maximum marker (▲) at (-0.270845, -0.923039)" test "$g" = "▲"
for p in "0.086678 2.884255" "-3.073026 -0.081353" "3.385154 0.073852" "-0.127961 -1.953715"; do
	g=$(at $p)
	check "a saddle marker (✕) at ($p)" test "$g" = "✕"
done
check "the panel counts 9 stationary points" \
    grep -q "stationary points in view: 9" "$tap_tmp/points"
check "the legend shows 4 min, 1 max, 4 saddle" sh -c "
    grep -q '● min 4' '$tap_tmp/points' && grep -q '▲ max 1' '$tap_tmp/points' &&
    grep -q '✕ saddle 4' '$tap_tmp/points'"

# The racer's step count and its path.
check "the panel shows gd at step 40" grep -q "gd .* step 40" "$tap_tmp/himmelblau-none"
check "the path is drawn in braille (U+2801-U+28FF)" \
    env LC_ALL=C grep -q $'\xe2[\xa0-\xa3]' "$tap_tmp/himmelblau-none"

# A non-UTF-8 locale gets ASCII only, still exactly ROWS lines.
LC_ALL=C render ascii himmelblau --size 100x30 --color none --optimizer gd --start 0,0 --steps 40
check "C locale: ASCII only" sh -c "LC_ALL=C tr -d '\\n -~' <'$tap_tmp/ascii' | cmp -s - /dev/null"
if out=$(shape "$tap_tmp/ascii" 100 30); then ok "C locale: 30 lines of at most 100"; else not_ok "C locale: 30 lines of at most 100" "$out"; fi
check "C locale: minima drawn as o" grep -q "o min 4" "$tap_tmp/ascii"
# The cursor's labels fit their column: a blank, then the number.
check "C locale: |grad| and its value apart" \
    grep -qE '[|] [|]grad[|] +[0-9]' "$tap_tmp/ascii"
check "C locale: eig(H) and its values apart" \
    grep -qE '[|] eig[(]H[)] +-?[0-9]' "$tap_tmp/ascii"

# Below the layout's minimum (72x20) a frame would only say "too small".
expect_usage "'40x10'" render himmelblau --size 40x10 --color none
expect_usage "'72x19'" render himmelblau --size 72x19 --color none
render smallest himmelblau --size 72x20 --color none
if out=$(shape "$tap_tmp/smallest" 72 20); then ok "72x20: 20 lines of at most 72"; else not_ok "72x20: 20 lines of at most 72" "$out"; fi

# Every theme and every classic objective renders.
for t in viridis magma gray cividis; do
	render theme himmelblau --size 80x24 --theme "$t" --color truecolor
	check "theme $t renders" test "$(cat "$tap_tmp/theme.status")" = 0
done
for o in himmelblau rosenbrock camel6 beale rastrigin doublewell quadwell \
    saddle monkey cubic linnet; do
	render obj "$o" --size 80x24 --color 256 --optimizer gd --steps 5
	if [ "$(cat "$tap_tmp/obj.status")" = 0 ] && shape "$tap_tmp/obj" 80 24 >/dev/null &&
	    ! grep -qi 'nan\|inf' "$tap_tmp/obj"; then
		ok "$o renders 24 lines, no NaN or Inf"
	else
		not_ok "$o renders 24 lines, no NaN or Inf" "$(head -c 300 "$tap_tmp/obj.err")"
	fi
done

# Usage errors: status 2, the bad word named, nothing on stdout.
expect_usage "'12'" render himmelblau --color 12
expect_usage "'0x5'" render himmelblau --size 0x5
expect_usage "'nope'" render himmelblau --theme nope
expect_usage "'cubist'" render himmelblau --levels cubist
expect_usage "'adma'" render himmelblau --optimizer adma
expect_usage "'-3:3'" render himmelblau --window -3:3
expect_usage "'--frobnicate'" render himmelblau --frobnicate
expect_usage "'beta'" render himmelblau --optimizer gd --set beta=2
printf 'palette #000000 #ffffff\nmin #fff\n' >"$tap_tmp/bad.theme"
expect_usage "bad.theme:2: '#fff' is not a colour" render himmelblau --theme "$tap_tmp/bad.theme"

# Eight colours have no grey: the axes and the panel's border, greys in
# every theme, are sent in the terminal's default foreground (SGR 39),
# never as black (SGR 30), which vanishes on a dark terminal.
run render himmelblau --color 8 --size 100x30
# chrome_sgr GLYPH: the SGR parameters last set before GLYPH on its line.
chrome_sgr() {
	grep -m1 -F "$1" "$tap_tmp/out" | sed "s/$1.*//" |
	    grep -o $'\e\[[0-9;]*m' | tail -1
}
check "8 colours: the x axis is in the default foreground" \
    test "$(chrome_sgr └)" = $'\e[0;39;49m'
# no_black_chrome FILE: no axis or border glyph right after SGR 30.
no_black_chrome() { ! grep -q $'\e\[30m[│┤└┬]' "$1"; }
check "8 colours: no axis or border glyph is sent in black (SGR 30)" \
    no_black_chrome "$tap_tmp/out"

tap_done
