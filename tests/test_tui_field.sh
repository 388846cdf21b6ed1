#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_field.sh: a pan or a zoom on glm:n=100000 moves the landscape
# at once (issue 13; sd_field_update_preview). Once the first field, the
# points and the scale are in, L pans by an eighth of the plot: the frame
# with the new window shows the landscape, not "computing…" (the samples
# kept and the uncovered strip by blocks), and the status line then stops
# saying "computing the landscape" (the strip exact). H pans back the
# same way. + zooms in about the cursor: the first frame shows the old
# samples magnified; once all is computed the frame is the one `saddle
# render` draws at that window, dot for dot (the heatmap's shades without
# colour). - zooms out the same way (the old samples shrunk, the band
# around them by blocks). Times are printed as TAP comments; the bound of
# the first frame with the landscape is answer_s, the whole field is
# waited for.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

# settled NAME: the frame is drawn and nothing is being computed.
settled() {
	local s
	s=$(screen "$1")
	case $s in
	*computing*|*finding*|*measuring*|*reading*) return 1 ;;
	*"saddle  glm"*) return 0 ;;
	esac
	return 1
}

# moved NAME WINDOW: the title shows another window than WINDOW, and the
# plot a landscape, not "computing…" (one capture for both).
moved() {
	local s
	s=$(screen "$1")
	case $s in
	*computing…*) return 1 ;;
	esac
	[ "$(echo "$s" | head -1 | grep -o '\[.*\]')" != "$2" ]
}

# pan NAME KEY: press KEY (a pan or a zoom); time the first frame with
# the new window and the landscape in it, and the whole field (the status
# line's hints back).
pan() {
	local before t0 i ms=never
	before=$(screen "$1" | head -1 | grep -o '\[.*\]')
	t0=$(now_ms)
	t send-keys -t "$1" "$2"
	for i in $(seq 500); do
		if moved "$1" "$before"; then
			ms=$(( $(now_ms) - t0 ))
			break
		fi
		sleep 0.02
	done
	fast "$2: the new window with the landscape in it" "$ms"
	# The whole field is glm's arithmetic (a pan's 1 s and a zoom's 7 s
	# under the sanitizers): timed and waited for, up to 60 s, not held
	# to answer_s.
	ms=$(within "$1" "?:help" "$t0" 60)
	echo "# $2: the whole field: $ms ms"
	check "$2: the whole field comes ($ms ms)" test "$ms" != never
	check "$2: and then nothing is computing" poll_for 300 settled "$1"
}

# The windows + and - make about the cursor, (-1.5, 2.5), from
# [-4, 4]²: view_zoom's arithmetic, in doubles, printed to round-trip.
zoom_window() {
	awk -v w="$1" -v f="$2" 'BEGIN {
		split(w, v, /[:,]/); a = -1.5; b = 2.5
		printf "%.17g:%.17g,%.17g:%.17g", a - (a - v[1]) / f,
		    a + (v[2] - a) / f, b - (b - v[3]) / f, b + (v[4] - b) / f
	}'
}
zin=$(zoom_window -4:4,-4:4 1.5)
zout=$(zoom_window "$zin" "$(awk 'BEGIN { printf "%.17g", 1 / 1.5 }')")
for w in zin zout; do
	check "render draws glm:n=100000 at ${!w}" sh -c "'$SADDLE' render \
	    glm:n=100000 --size 120x36 --color none --optimizer gd \
	    --window '${!w}' | sed 's/ *\$//' >'$tap_tmp/$w.txt'"
done

start glm 120x36 glm:n=100000
check "glm:n=100000: the first field, the points and the scale come" \
    poll_for 300 settled glm
pan glm L
pan glm H
pan glm +
check_frame "+: the whole field is render's at $zin" glm "$tap_tmp/zin.txt"
pan glm -
check_frame "-: the whole field is render's at $zout" glm \
    "$tap_tmp/zout.txt"
fast "q quits" "$(quit_ms glm)"
wait_file "$tap_tmp/glm/after"
check "exit status 0" test "$(cat "$tap_tmp/glm/status")" = 0
check "the tty modes are restored" \
    cmp -s "$tap_tmp/glm/before" "$tap_tmp/glm/after"

tap_done
