#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_figure.sh: `saddle render --output` writes figures: an SVG that is
# XML with the objective's name, vector contours and paths and one marker
# per stationary point (tests/figure_check.py reads it); a PNG of the
# requested size; a PDF; the frame as text and ANSI; maps as figures
# (map --output); usage errors for an
# unknown format or extension; a failed write that leaves nothing behind.
# Built without cairo, the image formats must say so instead.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
src="${SRCDIR:-$(dirname "$0")/..}"
export XDG_CONFIG_HOME="$tap_tmp/config" HOME="$tap_tmp" LC_ALL=C.UTF-8
unset NO_COLOR COLORTERM
out="$tap_tmp/figs"
mkdir -p "$out"

# py CHECK ARGS...: figure_check.py's lines as TAP.
py() {
	local line
	while IFS= read -r line; do
		case $line in
		ok\ *) ok "${line#ok }" ;;
		*) not_ok "${line#not ok }" ;;
		esac
	done < <(python3 "$src/tests/figure_check.py" "$@" 2>&1 || echo "not ok figure_check.py $1 ran")
}

run render himmelblau --output "$out/h.svg"
if [ "$(cat "$tap_tmp/status")" = 1 ] && grep -q "built without cairo" "$tap_tmp/err"; then
	ok "built without cairo: --output h.svg says so and exits 1"
	[ ! -e "$out/h.svg" ] && ok "no h.svg is left" || not_ok "no h.svg is left"
	echo "# SKIP the figure checks: this saddle was built without cairo"
	tap_done
fi

run render himmelblau --output "$out/h.svg" --optimizer gd,adam --steps 50
check "render --output h.svg exits 0 and prints nothing" \
    test "$(cat "$tap_tmp/status")" = 0 -a ! -s "$tap_tmp/out"
"$SADDLE" points himmelblau >"$tap_tmp/points.csv"
py svg "$out/h.svg" "$tap_tmp/points.csv" "$src/themes/viridis.theme" himmelblau

run render himmelblau --output "$out/h.png" --size 640x480 --optimizer pgd --steps 30
check "render --output h.png exits 0" test "$(cat "$tap_tmp/status")" = 0
py png "$out/h.png" 640 480

run render camel6 --output "$out/c.pdf" --optimizer gd --steps 20 --loss
check "render --output c.pdf --loss exits 0" test "$(cat "$tap_tmp/status")" = 0
check "the PDF starts with %PDF-" test "$(head -c 5 "$out/c.pdf")" = "%PDF-"

run render himmelblau --format png --output "$out/forced.img"
py png "$out/forced.img" 1200 800

run render himmelblau --output "$out/h.txt" --size 100x30
check "h.txt is the frame without escape sequences" \
    bash -c "[ \$(wc -l <'$out/h.txt') = 30 ] && ! grep -q $'\e' '$out/h.txt' && grep -q himmelblau '$out/h.txt'"
run render himmelblau --output "$out/h.ans" --size 100x30
check "h.ans is the frame with SGR sequences" grep -q $'\e\\[' "$out/h.ans"

expect_usage ".xyz" render himmelblau --output "$out/h.xyz"
expect_usage "bogus" render himmelblau --format bogus --output "$out/h.svg"
expect_usage "--output" render himmelblau --format svg
expect_usage "50x50" render himmelblau --output "$out/small.png" --size 50x50
expect_usage "2000x30" render himmelblau --output "$out/wide.txt" --size 2000x30
check "no file is written on a usage error" \
    test ! -e "$out/h.xyz" -a ! -e "$out/small.png" -a ! -e "$out/wide.txt"

run map doublewell --kind strict-saddle --size 61x61 --output "$out/m.png"
check "map --output m.png exits 0 and prints nothing" \
    test "$(cat "$tap_tmp/status")" = 0 -a ! -s "$tap_tmp/out"
py png "$out/m.png" 1200 800
run map doublewell --kind basins --size 41x41 --output "$out/m.svg"
check "map --output m.svg is an SVG titled by the map's kind" \
    grep -q "<title>saddle: basins map of doublewell</title>" "$out/m.svg"
expect_usage "m.txt" map doublewell --kind pl --output "$out/m.txt"
expect_usage ".gif" map doublewell --kind pl --output "$out/m.gif"

run render himmelblau --output "$tap_tmp/no/such/dir/h.svg"
check "a failed write exits 1 naming the file" \
    bash -c "[ \$(cat '$tap_tmp/status') = 1 ] && grep -q 'no/such/dir/h.svg' '$tap_tmp/err'"
left=$(find "$out" -name '.*' -type f | wc -l)
check "no temporary file is left behind" test "$left" = 0
tap_done
