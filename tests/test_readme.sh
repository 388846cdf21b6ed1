#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_readme.sh: every `$ saddle ...` example in README.md's console
# blocks prints exactly what the README shows (stdout and stderr
# together), so the README stays true.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

readme="${SRCDIR:-.}/README.md"
awk -v dir="$tap_tmp" '
	/^```console/ { inblock = 1; next }
	/^```/ { inblock = 0; next }
	!inblock { next }
	/^\$ / {
		n++
		cmd = substr($0, 3)
		print cmd > (dir "/cmd." n)
		close(dir "/cmd." n)
		printf "" > (dir "/want." n)
		next
	}
	/^$/ { next }
	{ print >> (dir "/want." n) }
' "$readme"

i=1
while [ -f "$tap_tmp/cmd.$i" ]; do
	cmd=$(cat "$tap_tmp/cmd.$i")
	# The examples call saddle by name; run the built one.
	(cd "$tap_tmp" && SADDLE_BIN="$SADDLE" sh -c "saddle() { \"\$SADDLE_BIN\" \"\$@\"; }; $cmd" \
	    >"$tap_tmp/got.$i" 2>&1)
	if cmp -s "$tap_tmp/got.$i" "$tap_tmp/want.$i"; then
		ok "README example: $cmd"
	else
		not_ok "README example: $cmd" \
		    "$(diff "$tap_tmp/want.$i" "$tap_tmp/got.$i" | head -20)"
	fi
	i=$((i + 1))
done
check "README has console examples" test "$i" -gt 3
tap_done
