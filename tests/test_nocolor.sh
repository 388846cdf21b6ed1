#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_nocolor.sh: render's --color auto, the default: no colour under
# NO_COLOR (no-color.org), the terminal's depth when stdout is a terminal
# (a pty from script(1)), 256 colours into a file or a pipe; an explicit
# --color always wins.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
esc=$(printf '\033')
unset COLORTERM

NO_COLOR=1 "$SADDLE" render himmelblau --size 72x20 >"$tap_tmp/nc" 2>&1
check "NO_COLOR=1 saddle render himmelblau: 20 lines" test "$(wc -l <"$tap_tmp/nc")" -eq 20
check "NO_COLOR=1 saddle render himmelblau: no escape at all" \
    sh -c "! grep -q '$esc' '$tap_tmp/nc'"
NO_COLOR=1 "$SADDLE" render himmelblau --size 72x20 --color none >"$tap_tmp/none"
check "... the same frame as --color none" cmp -s "$tap_tmp/nc" "$tap_tmp/none"
NO_COLOR= "$SADDLE" render himmelblau --size 72x20 >"$tap_tmp/empty"
check "an empty NO_COLOR is not set: colour" grep -q '38;5;' "$tap_tmp/empty"
NO_COLOR=1 "$SADDLE" render himmelblau --size 72x20 --color 256 >"$tap_tmp/c256"
check "an explicit --color 256 wins over NO_COLOR" grep -q '38;5;' "$tap_tmp/c256"

env -u NO_COLOR "$SADDLE" render himmelblau --size 72x20 >"$tap_tmp/file"
env -u NO_COLOR "$SADDLE" render himmelblau --size 72x20 --color 256 >"$tap_tmp/file256"
check "into a file, auto is 256 colours (today's goldens)" \
    cmp -s "$tap_tmp/file" "$tap_tmp/file256"
env -u NO_COLOR "$SADDLE" render himmelblau --size 72x20 --color auto >"$tap_tmp/auto"
check "--color auto is the default" cmp -s "$tap_tmp/auto" "$tap_tmp/file"
expect_usage "'auto256'" render himmelblau --color auto256

# On a terminal: the depth its terminfo entry and COLORTERM give.
if command -v script >/dev/null 2>&1; then
	onpty() { # FILE ENV...: render on a pty with ENV
		f=$1; shift
		env -u NO_COLOR "$@" script -qec \
		    "'$SADDLE' render himmelblau --size 72x20" /dev/null >"$tap_tmp/$f" 2>&1
	}
	onpty xterm TERM=xterm
	check "on an 8-colour terminal (xterm): 8-colour SGR only" sh -c "
	    grep -q '$esc\[' '$tap_tmp/xterm' && ! grep -q '38;5;' '$tap_tmp/xterm'"
	onpty x256 TERM=xterm-256color
	check "on xterm-256color: 256 colours" sh -c "
	    grep -q '38;5;' '$tap_tmp/x256' && ! grep -q '38;2;' '$tap_tmp/x256'"
	onpty true TERM=xterm-256color COLORTERM=truecolor
	check "with COLORTERM=truecolor: 24-bit colour" grep -q '38;2;' "$tap_tmp/true"
	onpty dumb TERM=dumb
	check "on a dumb terminal: no colour" sh -c "! grep -q '$esc\[' '$tap_tmp/dumb'"
	onpty ncpty TERM=xterm-256color NO_COLOR=1
	check "NO_COLOR on a terminal: no colour" sh -c "! grep -q '$esc\[' '$tap_tmp/ncpty'"
else
	not_ok "script(1) is installed (util-linux, on every Debian)"
fi
tap_done
