#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_errors.sh: no error is silent (issue 11): a failed write to stdout
# is an error for every subcommand, messages are one line with control
# characters escaped, errors name what the user gave, and the limits on
# sizes, windows and formulas are refused as usage errors.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# expect_full ARGS...: saddle ARGS with stdout on /dev/full exits 1 and
# says why on stderr (gnulib's close_stdout).
expect_full() {
	"$SADDLE" "$@" >/dev/full 2>"$tap_tmp/err" </dev/null
	st=$?
	if [ "$st" = 1 ] &&
	    grep -qx "saddle: write error: No space left on device" \
	    "$tap_tmp/err"; then
		ok "stdout on /dev/full fails: saddle $*"
	else
		not_ok "stdout on /dev/full fails: saddle $*" \
		    "status $st; stderr: $(cat "$tap_tmp/err")"
	fi
}

if [ -w /dev/full ]; then
	expect_full --help
	expect_full --version
	expect_full help run
	expect_full points --help
	expect_full list
	expect_full list themes
	expect_full points himmelblau
	expect_full points himmelblau --format json
	expect_full run himmelblau --optimizer gd
	expect_full run himmelblau --optimizer gd --format json --quiet
	expect_full render himmelblau --size 80x24 --color none
	expect_full map himmelblau --kind pl --size 20x10
	expect_full map himmelblau --kind pl --size 200x100
	expect_full survey himmelblau --optimizer gd --starts 10
	# The reason must not depend on where the output ends: a write that
	# failed in the middle (the C library may drop its buffer, leaving
	# nothing for fclose to fail on) still names it.  `list` prints the
	# themes' paths, so a longer data directory moves its end; stop 11's
	# CI build directory made it 12,304 bytes and lost the reason.
	long=$tap_tmp/d
	bad=
	for n in $(seq 1 9 250); do
		dir=$long/$(printf '%*s' "$n" '' | tr ' ' x)
		mkdir -p "$dir" && ln -s "$SRCDIR/themes" "$dir/themes"
		SADDLE_DATADIR=$dir "$SADDLE" list >/dev/full \
		    2>"$tap_tmp/err" </dev/null
		st=$?
		grep -qx "saddle: write error: No space left on device" \
		    "$tap_tmp/err" && [ "$st" = 1 ] || bad="$bad $n"
	done
	if [ -z "$bad" ]; then
		ok "saddle list on /dev/full names the reason wherever it ends"
	else
		not_ok "saddle list on /dev/full names the reason wherever it ends" \
		    "failed for data directory names of length$bad"
	fi
else
	ok "# SKIP /dev/full is not writable here: the write-error checks did not run"
fi

# Messages are one line and safe: control characters from files and
# arguments are escaped.
esc=$(printf '\033')
printf 'palette #000000 %s[31mRED%s[0m\n' "$esc" "$esc" >"$tap_tmp/esc.theme"
run render himmelblau --theme "$tap_tmp/esc.theme"
check "a theme's ESC sequence is escaped in the message" sh -c "
    [ \$(cat '$tap_tmp/status') = 2 ] && ! grep -q '$esc' '$tap_tmp/err' &&
    grep -qF \"'\\\\x1b[31mRED\\\\x1b[0m' is not a colour\" '$tap_tmp/err'"
run run himmelblau --optimizer gd --start "$(printf '1\n2')"
check "a --start with a newline gives a one-line message" sh -c "
    [ \$(wc -l <'$tap_tmp/err') = 1 ] && grep -qF \"'1\\\\n2'\" '$tap_tmp/err'"
run points "$(printf 'him\033[2Jmel')"
check "an objective's name with ESC is escaped" sh -c "
    [ \$(wc -l <'$tap_tmp/err') = 1 ] && ! grep -q '$esc' '$tap_tmp/err'"

# --theme: a directory, a FIFO and an unreadable file say so; a UTF-8
# byte-order mark is ignored.
expect_usage "is a directory" render himmelblau --theme "$tap_tmp"
mkfifo "$tap_tmp/fifo.theme"
expect_usage "not a regular file" render himmelblau --theme "$tap_tmp/fifo.theme"
printf '\357\273\277palette #000000 #ffffff\n' >"$tap_tmp/bom.theme"
run render himmelblau --size 80x24 --theme "$tap_tmp/bom.theme"
check "a theme starting with a byte-order mark loads" \
    test "$(cat "$tap_tmp/status")" = 0
cp "$tap_tmp/bom.theme" "$tap_tmp/locked.theme"
chmod 000 "$tap_tmp/locked.theme"
if [ "$(id -u)" != 0 ]; then
	expect_usage "Permission denied" render himmelblau \
	    --theme "$tap_tmp/locked.theme"
else
	# Root reads a mode-000 file: run this one as nobody (CI runs as root).
	chmod 755 "$tap_tmp"
	SADDLE_AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	expect_usage "Permission denied" render himmelblau \
	    --theme "$tap_tmp/locked.theme"
	SADDLE_AS=
fi

# Formulas: at most 4096 bytes; a long one is elided around the caret.
long=$(awk 'BEGIN { s = "x*y"; for (i = 1; i < 1100; i++) s = s "+x*y"; print s }')
expect_usage "formula too long: 4399 bytes, at most 4096" points -e "$long"
run points -e "$(echo "$long" | cut -c1-2000)+)"
# Line 2 is the formula (… counted as one column), line 3 its caret.
sed -n 2p "$tap_tmp/err" | sed 's/…/./g' >"$tap_tmp/formula"
sed -n 3p "$tap_tmp/err" >"$tap_tmp/caret"
check "a long formula's message is elided, the caret under the bad ')'" sh -c "
    [ \$(cat '$tap_tmp/status') = 2 ] && grep -q '^  …' '$tap_tmp/err' &&
    [ \$(wc -c <'$tap_tmp/formula') -le 80 ] &&
    [ \$(wc -c <'$tap_tmp/formula') = \$(wc -c <'$tap_tmp/caret') ] &&
    grep -q ')\$' '$tap_tmp/formula'"
run points -e "$(awk 'BEGIN { s = "+x*y"; for (i = 1; i < 1000; i++) s = s "+x*y"; print substr(s, 2) }')"
check "a formula just under the cap is accepted" \
    test "$(cat "$tap_tmp/status")" = 0

# Errors name what the user gave.
expect_usage "--gamma" map himmelblau --kind pl --gamma 1 --set lr=1
expect_usage "'--set' sets the runs" map himmelblau --kind strict-saddle \
    --gamma 1 --set lr=nan
expect_usage "'4096x4096' is 16777216 pixels" map himmelblau --kind basins \
    --size 4096x4096
# map's other setup errors are usage errors too, nothing on stdout.
expect_usage "'0x3' is not a size" map himmelblau --kind pl --size 0x3
expect_usage "'1:0,0:1' is not a window" map himmelblau --kind pl \
    --window 1:0,0:1
expect_usage "unknown map kind 'bogus'" map himmelblau --kind bogus
expect_usage "missing --kind" map himmelblau
expect_usage "'-3' is not a constant" map himmelblau --kind pl --alpha -3
expect_usage "unknown format 'xx'" map himmelblau --kind pl --format xx
expect_usage "unknown chart 'bogus'" map himmelblau --kind pl --chart bogus
expect_usage "unknown optimizer 'foo'" map himmelblau --kind basins \
    --optimizer foo
expect_usage "unknown objective 'nosuch'" map nosuch --kind pl
for opt in "" "gd,,adam" "gd," ",gd"; do
	expect_usage "unknown optimizer ''" render himmelblau --optimizer "$opt"
	expect_usage "unknown optimizer ''" survey himmelblau --optimizer "$opt"
done
expect_usage "unknown optimizer ''" run himmelblau --optimizer ""
expect_usage "'10x5'" render himmelblau --size 10x5
# A default start that fails is not blamed on --start, which was not given.
run render -e 'log(x)' --optimizer gd
check "a failing default start names the default start, not --start" \
    sh -c "grep -q 'default start' '$tap_tmp/err' &&
    ! grep -q -- '--start:' '$tap_tmp/err'"
expect_usage "--set: gd: lr='nan'" render himmelblau --optimizer gd \
    --set lr=nan

# Memory stays bounded: a run keeps every iterate.
expect_usage "expected at most 247524 steps" run glm:d=200 --optimizer gd \
    --steps 1000000
expect_usage "expected at most 123762 steps" render glm:d=200 \
    --optimizer gd,adam --steps 200000

# Huge and tiny windows: refused beyond what the finder resolves; within
# it every point lies in the window and its kind agrees with the signs of
# its printed eigenvalues.
expect_usage "'0:1e10,0:1e10' is too large" points himmelblau \
    --window 0:1e10,0:1e10
expect_usage "too large" render himmelblau --window -1e308:1e308,-1:1
expect_usage "too narrow" points himmelblau --window 3:3.0000000000001,2:3
for obj in himmelblau beale rosenbrock doublewell monkey; do
	for win in -1e5:1e5,-1e5:1e5 0:1e5,0:1e5 1:1e5,-1e5:-1 \
	    3:3.00000001,2:2.00000001 -1e-100:1e-100,-1e-100:1e-100; do
		run points "$obj" --window "$win"
		bad=$(tail -n +2 "$tap_tmp/out" | awk -F, -v win="$win" '
		    BEGIN { split(win, w, /[:,]/) }
		    $6 < w[1] || $6 > w[2] || $7 < w[3] || $7 > w[4] ||
		    ($1 == "min" && !($4 > 0)) || ($1 == "max" && !($5 < 0)) ||
		    ($1 == "saddle" && !($4 < 0 && $5 > 0)) ||
		    ($1 == "degenerate-min" && $5 < 0) ||
		    ($1 == "degenerate-max" && $4 > 0)')
		if [ "$(cat "$tap_tmp/status")" = 0 ] && [ -z "$bad" ]; then
			ok "$obj in $win: points inside, kinds agree with λ"
		else
			not_ok "$obj in $win: points inside, kinds agree with λ" \
			    "$bad$(cat "$tap_tmp/err")"
		fi
	done
done

tap_done
