#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_term.sh: saddle as a citizen of the terminals it meets, in tmux:
# TERM=dumb refused with exit status 1; SGR (1006) mouse reports, beyond
# X10's column 223 too, moving the cursor, a drag panning the window;
# bracketed paste going to the ':' line as text instead of running keys;
# the mouse and paste modes off after q and while stopped by ctrl-z, on
# again after fg; the Linux console drawn with glyphs its fonts have; the
# config file's speed in the visualizer.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

# ---- TERM=dumb ------------------------------------------------------------
pane_env="NO_COLOR=1 TERM=dumb" start dumb 200x24 himmelblau
if wait_file "$tap_tmp/dumb/status" && [ "$(cat "$tap_tmp/dumb/status")" = 1 ] &&
    shows dumb "saddle needs a cursor-addressable terminal"; then
	ok "TERM=dumb: refused with exit status 1 and why"
else
	not_ok "TERM=dumb: refused with exit status 1 and why" \
	    "status $(cat "$tap_tmp/dumb/status" 2>/dev/null); $(screen dumb)"
fi

# ---- the mouse ------------------------------------------------------------
# cursor NAME: the cursor's chart coordinates as the panel shows them.
cursor() {
	screen "$1" | sed -n 's/−/-/g; s/.*cursor (\([^)]*\)).*/\1/p'
}
# cursor_in NAME AWKTEST: whether the cursor (a, b) passes AWKTEST.
cursor_in() {
	cursor "$1" | awk -F', ' "{ exit !($2) }"
}

# tmux-256color's terminfo knows only X10 reports (kmous=\E[M), as most
# entries do: curses alone would read an SGR report as keys.
pane_env="NO_COLOR=1 TERM=tmux-256color" start mouse 300x40 himmelblau \
    --start 0,0
wait_for mouse "cursor (0.000, 0.000)" || not_ok "the TUI starts" "$(screen mouse)"
# A left click at column 241, row 10 (from 1): X10 cannot say 241.
t send-keys -t mouse -l $'\e[<0;241;10M\e[<0;241;10m'
if poll cursor_in mouse '$1 > 5 && $1 < 6.5 && $2 > 2.5 && $2 < 4'; then
	ok "an SGR click at column 241 moves the cursor there"
else
	not_ok "an SGR click at column 241 moves the cursor there" \
	    "cursor $(cursor mouse)"
fi
if screen mouse | grep -qE "strict-saddle|unknown key"; then
	not_ok "the report is not read as keys (no map, no message)" \
	    "$(screen mouse | tail -2)"
else
	ok "the report is not read as keys"
fi
check "the release starts the racers there" wait_for mouse "racers from (5.9"

# A terminal without SGR reports sends X10's: button, column and row as
# bytes 32 more (from 1), release as button 3. Column 20, row 10 here.
t send-keys -t mouse -l $'\e[M 4*\e[M#4*'
if poll cursor_in mouse '$1 < -4.5 && $2 > 2.5 && $2 < 4'; then
	ok "an X10 click moves the cursor there"
else
	not_ok "an X10 click moves the cursor there" "cursor $(cursor mouse)"
fi
t send-keys -t mouse -l $'\e[<0;241;10M\e[<0;241;10m'
poll cursor_in mouse '$1 > 5'

# Drag right by 20 columns and down by 6 rows: the landscape follows, so
# the window moves left and up.
t send-keys -t mouse -l $'\e[<0;100;20M\e[<32;110;23M\e[<32;120;26M\e[<0;120;26m'
window_moved() {
	screen mouse | head -1 | sed 's/−/-/g' | grep -qE '\[-[7-9][.0-9]*, [4-5][.0-9]*\] × \[-[0-5][.0-9]*, [7-9][.0-9]*\]'
}
if poll window_moved; then ok "a drag pans the window with the pointer"; else
	not_ok "a drag pans the window with the pointer" "$(screen mouse | head -1)"; fi
check "a drag does not start the racers" shows mouse "racers from (5.9"

# ---- bracketed paste ------------------------------------------------------
t set-buffer -b paste ":zoom 2
q"
t paste-buffer -p -b paste -t mouse
if wait_for mouse ":zoom 2 q"; then
	ok "pasted text goes to the ':' line, line breaks as blanks"
else
	not_ok "pasted text goes to the ':' line, line breaks as blanks" \
	    "$(screen mouse | tail -2)"
fi
check "the pasted q did not quit" test ! -e "$tap_tmp/mouse/status"
keys mouse Escape
keys mouse q
wait_file "$tap_tmp/mouse/status"
check "q exits 0 after all that" test "$(cat "$tap_tmp/mouse/status")" = 0

# ---- the modes are given back --------------------------------------------
modes() { t display -p -t "$1" '#{mouse_sgr_flag}#{mouse_button_flag}'; }
# modes_are NAME FLAGS: whether the pane's mouse modes are FLAGS now.
modes_are() { test "$(modes "$1")" = "$2"; }
check "q turned the mouse modes off" test "$(modes mouse)" = 00
# After q, a shell's cat must get pasted text without the brackets.
mkdir -p "$tap_tmp/cat"
t new-session -d -s cat -x 100 -y 30 \
    "env TERM=xterm-256color NO_COLOR=1 $SADDLE; echo saddle-done; exec cat -v"
wait_for cat "saddle  himmelblau"
check "the mouse modes are on while saddle runs" test "$(modes cat)" = 11
keys cat q
wait_for cat saddle-done
t set-buffer -b hi "hello
"
t paste-buffer -p -b hi -t cat
if wait_for cat hello && hides cat "[200~"; then
	ok "q turned bracketed paste off"
else
	not_ok "q turned bracketed paste off" "$(screen cat | grep hello)"
fi

start stop 100x30 himmelblau
wait_for stop "saddle  himmelblau"
keys stop C-z
if poll modes_are stop 00; then ok "ctrl-z turns the mouse modes off"; else
	not_ok "ctrl-z turns the mouse modes off" "flags $(modes stop)"; fi
# Continue it once it has stopped (a SIGCONT before the stop is lost).
stopped() { ps -o stat= -p "$1" | grep -q T; }
poll stopped "$(cat "$tap_tmp/stop/pid")"
kill -CONT "$(cat "$tap_tmp/stop/pid")"
if poll modes_are stop 11; then ok "fg turns them on again"; else
	not_ok "fg turns them on again" "flags $(modes stop)"; fi
keys stop q

# ---- the Linux console ----------------------------------------------------
pane_env="NO_COLOR=1 TERM=linux" start linux 120x36 himmelblau \
    --optimizer adam,gd --steps 30
wait_for linux "saddle  himmelblau"
wait_for linux "step 30"
# The points come from the finder's job: wait for them too (under load
# they may come after the 30th step).
wait_for linux "× saddle 4"
screen linux >"$tap_tmp/linux.txt"
if LC_ALL=C grep -q $'\xe2[\xa0-\xa3]\|✕\|▸\|∇\|‖\|●\|◉\|▶\|━\|╋' "$tap_tmp/linux.txt"; then
	not_ok "TERM=linux: no braille, ✕, ▸, ∇, ‖, ●, ◉, ▶, ━ or ╋" \
	    "$(grep -n $'\xe2[\xa0-\xa3]\|✕\|▸\|∇\|‖\|●\|◉\|▶\|━\|╋' "$tap_tmp/linux.txt" | head -3)"
else
	ok "TERM=linux: no braille, ✕, ▸, ∇, ‖, ●, ◉, ▶, ━ or ╋"
fi
check "TERM=linux: saddles as × (Latin-1), box drawing kept" \
    grep -q "× saddle 4" "$tap_tmp/linux.txt"
check "TERM=linux: the cursor's labels fit" grep -qE "│ [|]grad[|] +[0-9]" "$tap_tmp/linux.txt"
keys linux q

# ---- the config file ------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/saddle"
printf 'speed = 50\n' >"$XDG_CONFIG_HOME/saddle/config"
start config 100x30 himmelblau
check "the config file's speed in the visualizer" wait_for config "paused, 50 steps/s"
keys config ]
check "] goes on from it" wait_for config "100 steps per second"
keys config q

tap_done
