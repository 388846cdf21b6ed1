#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_write.sh: the visualizer saves its view (:write FILE, :write!
# FILE, the W key), driven in a detached tmux session: :write writes an
# SVG that is XML naming the objective and says where; an existing file is
# refused without ! and replaced with it; W picks saddle-OBJECTIVE-N.svg in
# the current directory, the next free N each time; ~ is the home
# directory; an unknown extension is named in the status line.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# command NAME LINE: type a ':' command and enter it.
command() {
	t send-keys -t "$1" : "$2" Enter
	sleep 0.3
}

# xml FILE NAME: FILE parses as XML and its <title> names NAME.
xml() {
	python3 - "$1" "$2" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
title = root.find('{http://www.w3.org/2000/svg}title')
sys.exit(0 if title is not None and sys.argv[2] in title.text else 1)
PY
}

w="$tap_tmp/w"
mkdir -p "$w"
(cd "$w" && start hb 100x30 himmelblau)
if wait_for hb "saddle  himmelblau"; then ok "the TUI starts"; else
	not_ok "the TUI starts" "$(screen hb)"
	tap_done
fi

if ! "$SADDLE" render himmelblau --output "$tap_tmp/probe.svg" 2>/dev/null; then
	command hb "write $w/view.svg"
	check "built without cairo: :write says so" wait_for hb "built without cairo"
	echo "# SKIP the figure checks: this saddle was built without cairo"
	keys hb q
	tap_done
fi

command hb "write $w/view.svg"
check ":write FILE says where it wrote" wait_for hb "wrote $w/view.svg"
check ":write FILE writes an SVG naming the objective" xml "$w/view.svg" himmelblau
inode=$(stat -c %i "$w/view.svg")
command hb "write $w/view.svg"
check ":write onto an existing file is refused" \
    wait_for hb "$w/view.svg exists: add ! to replace it"
check "... and leaves it alone" test "$(stat -c %i "$w/view.svg")" = "$inode"
command hb "write! $w/view.svg"
check ":write! replaces it" wait_for hb "wrote $w/view.svg"
check "... with a new SVG" bash -c "[ \$(stat -c %i '$w/view.svg') != $inode ]"
xml "$w/view.svg" himmelblau && ok "... that parses" || not_ok "... that parses"

keys hb W
check "W writes saddle-himmelblau-1.svg here and says so" \
    wait_for hb "wrote $w/saddle-himmelblau-1.svg"
check "... an SVG" xml "$w/saddle-himmelblau-1.svg" himmelblau
keys hb W
check "W again takes the next number" wait_for hb "wrote $w/saddle-himmelblau-2.svg"

command hb "write ~/home.png"
check ":write ~/FILE writes in the home directory" wait_file "$HOME/home.png"
check "... a PNG" test "$(head -c 4 "$HOME/home.png" | tail -c 3)" = "PNG"
command hb "write $w/frame.txt"
check ":write FILE.txt writes the frame as text" \
    poll grep -q "saddle  himmelblau" "$w/frame.txt"
command hb "write $w/view.xyz"
check "an unknown extension is named" wait_for hb "unknown extension '.xyz'"
check "... and nothing is written" test ! -e "$w/view.xyz"
check "no temporary file is left" test -z "$(find "$w" -name '.*' -type f)"

keys hb q
tap_done
