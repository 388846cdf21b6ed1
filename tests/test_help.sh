#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_help.sh: saddle as a citizen of Unix: the licence (COPYING and
# --version), help for every command (COMMAND --help, -h and help COMMAND,
# all the same text, exit 0, within 79 columns), the top-level help with
# the visualizer's options, and a manual page groff and mandoc read
# without a warning.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
src=${SRCDIR:-.}

check "COPYING is the GPL version 3" sh -c "
    grep -q 'GNU GENERAL PUBLIC LICENSE' '$src/COPYING' &&
    grep -q 'Version 3, 29 June 2007' '$src/COPYING' &&
    grep -q 'END OF TERMS AND CONDITIONS' '$src/COPYING'"
run --version
check "--version: the name and version first" grep -q '^saddle [0-9][0-9.]*$' "$tap_tmp/out"
check "--version: the copyright" grep -qx 'Copyright (C) 2026 the saddle authors' "$tap_tmp/out"
check "--version: the licence, GPLv3+ with its URL" \
    grep -q '^License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>' "$tap_tmp/out"
check "--version: no warranty" grep -q 'There is NO WARRANTY' "$tap_tmp/out"

# Every command the top-level help lists under "Commands:".
cmds=$("$SADDLE" --help | awk '/^Commands:/ { on = 1; next }
    on && /^$/ { exit } on && /^  [a-z]/ { printf "%s ", $1 }')
check "--help lists the commands list points run line render map survey tour help" \
    test "$cmds" = "list points run line render map survey tour help "
for c in $cmds; do
	run "$c" --help
	cp "$tap_tmp/out" "$tap_tmp/help.$c"
	check "$c --help exits 0, quiet on stderr" sh -c "
	    test \"\$(cat '$tap_tmp/status')\" = 0 && test ! -s '$tap_tmp/err'"
	check "$c --help starts with its synopsis" \
	    grep -q "^usage: saddle $c" "$tap_tmp/help.$c"
	run "$c" -h
	check "$c -h is $c --help" cmp -s "$tap_tmp/out" "$tap_tmp/help.$c"
	run help "$c"
	check "help $c is $c --help (exit $(cat "$tap_tmp/status"))" sh -c "
	    test \"\$(cat '$tap_tmp/status')\" = 0 &&
	    cmp -s '$tap_tmp/out' '$tap_tmp/help.$c'"
	check "$c --help: every line within 79 columns, every option described" \
	    sh -c "! awk 'length > 79' '$tap_tmp/help.$c' | grep -q . &&
	    ! grep -q undocumented '$tap_tmp/help.$c'"
done
# --help comes from the parser's own table: an option it lists is one the
# parser takes (and the reverse: one it does not take is refused).
for o in --chart --window --all --grid --format; do
	check "points --help lists $o" grep -q -- "$o" "$tap_tmp/help.points"
done
check "run --help lists --optimizer and --quiet" sh -c "
    grep -q -- --optimizer '$tap_tmp/help.run' && grep -q -- --quiet '$tap_tmp/help.run'"
check "map --help lists --kind's kinds and --summary" sh -c "
    grep -q 'strict-saddle, pl' '$tap_tmp/help.map' && grep -q -- --summary '$tap_tmp/help.map'"
check "render --help lists --size and --color auto" sh -c "
    grep -q -- '--size COLSxROWS' '$tap_tmp/help.render' &&
    grep -q -- '--color auto|' '$tap_tmp/help.render'"
run points himmelblau --help --frobnicate
check "--help wins over what follows it" test "$(cat "$tap_tmp/status")" = 0

run --help
cp "$tap_tmp/out" "$tap_tmp/top"
check "--help: the visualizer's -e and its own options" sh -c "
    grep -q -- '-e, --expr FORMULA' '$tap_tmp/top' &&
    grep -q -- '--theme T' '$tap_tmp/top' && grep -q -- '--levels' '$tap_tmp/top'"
check "--help: the visualizer takes no --size (render does)" \
    sh -c "! grep -q -- '--size' '$tap_tmp/top'"
check "--help: every command's synopsis" sh -c "
    for c in $cmds; do grep -q \"saddle \$c\" '$tap_tmp/top' || exit 1; done"
check "--help: where to report bugs" grep -q '^Report bugs to <.*@.*>' "$tap_tmp/top"
run help
check "help alone is --help" cmp -s "$tap_tmp/out" "$tap_tmp/top"
run -h
check "-h is --help" cmp -s "$tap_tmp/out" "$tap_tmp/top"
expect_usage "'nosuch'" help nosuch
expect_usage "'run'" help points run

# The manual page, built from saddle.1.in with the configured paths.
man=${SADDLE%/src/saddle}/man/saddle.1
check "saddle.1 names the configured themes directory in FILES" \
    grep -q "share/saddle/themes" "$man"
check "saddle.1 has no @substitution@ left" sh -c "! grep -q '@[a-zA-Z_]*@' '$man'"
for s in AUTHORS BUGS 'SEE ALSO' FILES; do
	check "saddle.1 has $s" grep -q "^\.SH \"*$s" "$man"
done
if command -v groff >/dev/null 2>&1; then
	groff -man -ww -z "$man" >"$tap_tmp/groff" 2>&1
	check "groff -man -ww -z is silent" test ! -s "$tap_tmp/groff"
	LC_ALL=C.UTF-8 groff -man -Tutf8 "$man" 2>/dev/null | sed 's/.\x08//g' >"$tap_tmp/man.txt"
	check "the rendered manual has no half-line motions (math reads as text)" \
	    sh -c "! grep -q 'e-t\$\|wTx' '$tap_tmp/man.txt' && grep -q 'σ(t)' '$tap_tmp/man.txt'"
else
	not_ok "groff is installed (bootstrap installs groff-base)"
fi
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -W warning "$man" >"$tap_tmp/lint" 2>&1
	check "mandoc -Tlint finds nothing" test ! -s "$tap_tmp/lint"
else
	not_ok "mandoc is installed (bootstrap installs it)"
fi
tap_done
