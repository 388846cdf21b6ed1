#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_tui_answers.sh: the visualizer never stops answering (issue 11).
# The slow work of a large objective — its field, its optimizers' scale,
# its points, :survey, :step N, :ntk on, :objective, the paths run again
# after :chart, :write — runs between keys or on jobs, so the
# first frame comes at once and q quits at once whatever runs; Ctrl-Z and
# fg, storms of SIGTSTP/SIGCONT and resizes that come just after a key
# leave a working program, the whole frame on screen and the tty as it
# was. Times are measured with the shell's clock and printed as TAP
# comments; the bound ($answer_s, default 1 s, as the issue asks) is what
# "at once" means here on a loaded machine, and waits for the program
# are polls with finite limits.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/tmux.sh"

. "${SRCDIR:-$(dirname "$0")/..}/tests/answer.sh"

# ---- a large objective: the frame at once, q at once ----------------------
t0=$(now_ms)
start glm 100x30 glm:n=100000
ms=$(within glm "saddle  glm:n=100000" "$t0")
fast "glm:n=100000: the first frame" "$ms"
check "glm:n=100000: the plot says computing… meanwhile" \
    wait_for glm "computing"
fast "glm:n=100000: q quits" "$(quit_ms glm)"
wait_file "$tap_tmp/glm/after"
check "glm:n=100000: exit status 0" test "$(cat "$tap_tmp/glm/status")" = 0
check "glm:n=100000: the tty modes are restored" \
    cmp -s "$tap_tmp/glm/before" "$tap_tmp/glm/after"

# ---- :survey 2000 and :step 1000000 on twolayer:n=5000 --------------------
# long NAME CMD BUSY [OBJECTIVE]: start OBJECTIVE (twolayer:n=5000), run
# :CMD, see BUSY in the status line (the work under way); Esc cancels it
# and the status line says so; then :CMD again, and q while it runs.
long() {
	local name=$1 cmd=$2 busy=$3 obj=${4:-twolayer:n=5000}
	start "$name" 100x30 "$obj"
	wait_long "$name" "saddle  $obj" || true
	t send-keys -t "$name" ":$cmd" Enter
	t0=$(now_ms)
	ms=$(within "$name" "$busy" "$t0")
	fast ":$cmd: the status line says '$busy'" "$ms"
	t send-keys -t "$name" Escape
	t0=$(now_ms)
	ms=$(within "$name" "cancelled" "$t0")
	fast ":$cmd: Esc cancels it" "$ms"
	check ":$cmd: and it is no longer under way" wait_gone "$name" "$busy"
	t send-keys -t "$name" ":$cmd" Enter
	wait_for "$name" "$busy" || true
	fast ":$cmd: q quits while it runs" "$(quit_ms "$name")"
	wait_file "$tap_tmp/$name/after"
	check ":$cmd: exit status 0" test "$(cat "$tap_tmp/$name/status")" = 0
}
long survey "survey 2000" "survey:"
long step "step 1000000" "stepping:"
# The NTK overlay samples the model (O(n·D) a sample, no slice) at every
# braille dot: seconds on twolayer:k=8,m=8,n=20000.
long ntk "ntk on" "NTK overlay: computing" "twolayer:k=8,m=8,n=20000"
# Building the objective (glm:d=200,n=100000 draws its data for ~1.5 s):
# the old one stays on screen meanwhile.
long objective "objective glm:d=200,n=100000" "building glm:d=200" himmelblau
start build 100x30 himmelblau
wait_for build "saddle  himmelblau" || true
t send-keys -t build ":objective glm:d=200,n=100000" Enter
wait_for build "building glm:d=200" || true
check ":objective: himmelblau stays on screen while it builds" \
    shows build "saddle  himmelblau"
check ":objective: then the new one is shown" \
    wait_long build "saddle  glm:n=100000,d=200"
fast ":objective: then q quits" "$(quit_ms build)"

# ---- a chart change runs long paths again between keys ---------------------
# replay NAME: twolayer:n=5000 whose gd crawls (lr=1e-5), stepped until
# its path has 2000 steps, then :chart random: the status line says the
# paths are being run again.
replay() {
	start "$1" 100x30 twolayer:n=5000 --optimizer gd --set lr=1e-5
	wait_long "$1" "saddle  twolayer:n=5000" || true
	t send-keys -t "$1" ":step 1000000" Enter
	check ":step 1000000: the panel counts past 2000 steps" \
	    poll_for 60 steps_past "$1" 2000
	t send-keys -t "$1" Escape
	t send-keys -t "$1" ":chart random" Enter
	t0=$(now_ms)
	ms=$(within "$1" "running the paths again" "$t0")
	fast ":chart random after 2000 steps: the status line says so" "$ms"
}
# steps_past NAME N: the panel says the racer has taken more than N steps
# (its line is "gd  step N" or, in d > 2 with little room, "gd off X
# step N": before this matched both, the poll ran out its 60 s and the
# path had 50,000 to 110,000 steps, as fast as gd went).
steps_past() {
	local n
	n=$(screen "$1" | sed -n 's/.*gd .*step \([0-9][0-9]*\).*/\1/p' | head -1)
	[ -n "$n" ] && [ "$n" -gt "$2" ]
}
replay replay1
t send-keys -t replay1 Escape
t0=$(now_ms)
fast ":chart: Esc stops running the paths again" \
    "$(within replay1 cancelled "$t0")"
check ":chart: and they are no longer run" \
    wait_gone replay1 "running the paths again"
keys replay1 q
replay replay2
fast ":chart: q quits while the paths are run again" "$(quit_ms replay2)"

# ---- :write encodes on a task; a pan stops at the window's limits ----------
start write 100x30 glm:n=100000
wait_long write "saddle  glm:n=100000" || true
t send-keys -t write ":write $tap_tmp/glm.pdf" Enter
t0=$(now_ms)
fast ":write FILE.pdf on glm:n=100000: says it wrote" \
    "$(within write "wrote $tap_tmp/glm.pdf" "$t0")"
check ":write: a PDF" test "$(head -c 5 "$tap_tmp/glm.pdf")" = "%PDF-"
keys write q
start pan 100x30 himmelblau --window 99990:99999,0:1
wait_for pan "saddle  himmelblau" || true
keys pan L
check "a pan past 1e5 stops there and says so" \
    wait_for pan "the window stays within -1e5 to 1e5"
check "... the window ends at 1e5" wait_for pan "100000.00]"
keys pan q

# ---- job control ---------------------------------------------------------
# A storm of SIGTSTP and SIGCONT while the racers play: saddle stops and
# goes on thousands of times; at the end it runs (a last SIGCONT until
# the kernel says so), answers keys, quits on q and leaves the tty as it
# found it.
start storm 100x30 himmelblau --optimizer gd,adam,newton
wait_for storm "saddle  himmelblau" || true
keys storm p
pid=$(cat "$tap_tmp/storm/pid")
for i in $(seq 1000); do
	kill -TSTP "$pid" 2>/dev/null
	kill -CONT "$pid" 2>/dev/null
done
# Let it settle: it may still stop on a SIGTSTP it reads late, and a
# SIGCONT sent before that stop is lost (the kernel discards a pending
# SIGCONT when a stop signal comes: a job-control shell only sends one
# after it saw the stop). So continue it whenever it is stopped, until
# it has been running for ten looks in a row, a second in all.
calm=0
for i in $(seq 300); do
	state=$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)
	if [ "$state" = T ] || [ "$state" = t ]; then
		calm=0
		kill -CONT "$pid" 2>/dev/null
	else
		calm=$((calm + 1))
		[ "$calm" -ge 10 ] && break
	fi
	sleep 0.1
done
check "storm: 2000 signals, saddle still runs" kill -0 "$pid"
t send-keys -t storm C-l ? 
check "storm: it still answers keys (? shows the help)" \
    wait_for storm "move the cursor"
keys storm Escape
fast "storm: q quits" "$(quit_ms storm)"
wait_file "$tap_tmp/storm/after"
check "storm: exit status 0" test "$(cat "$tap_tmp/storm/status")" = 0
check "storm: the tty modes are restored (stty -g)" \
    cmp -s "$tap_tmp/storm/before" "$tap_tmp/storm/after"

# Ctrl-Z and fg under an interactive shell, in colour (frames bypass
# curses there): the whole frame comes back without Ctrl-L.
mkdir -p "$tap_tmp/shell"
t new-session -d -s shell -x 100 -y 30 \
    "env -i PATH=$PATH HOME=$tap_tmp HISTFILE=/dev/null TERM=xterm-256color COLORTERM=truecolor LC_ALL=C.UTF-8 PS1='$ ' bash --norc --noprofile -i"
wait_for shell '$' || true
t send-keys -t shell "$SADDLE himmelblau" Enter
check "shell: saddle runs" wait_long shell "saddle  himmelblau"
t send-keys -t shell C-z
check "shell: Ctrl-Z stops it and gives the shell back" \
    wait_for shell "Stopped"
t send-keys -t shell "fg" Enter
check "shell: fg shows the frame again, without Ctrl-L" \
    wait_for shell "stationary points in view"
check "shell: the whole frame (the axis at the foot too)" \
    wait_for shell "└"
keys shell q
check "shell: q then quits" wait_for shell '$ '

# ---- a resize just after a key ---------------------------------------------
# 160×48, the key 0, 72×20 at once: the frame ends at 72×20 (its title
# is render's at that width, right end and all).
"$SADDLE" render himmelblau --size 72x20 --color none --optimizer gd |
    head -1 | sed 's/ *$//' >"$tap_tmp/title72"
start resize 100x30 himmelblau
wait_for resize "saddle  himmelblau" || true
for round in 1 2 3; do
	t resize-window -t resize -x 160 -y 48
	t send-keys -t resize 0
	t resize-window -t resize -x 72 -y 20
	got=no
	for i in $(seq 100); do
		screen resize | head -1 | sed 's/ *$//' >"$tap_tmp/now72"
		if cmp -s "$tap_tmp/now72" "$tap_tmp/title72"; then
			got=yes
			break
		fi
		sleep 0.05
	done
	check "resize after a key, round $round: the frame is 72×20" \
	    test "$got" = yes
done
keys resize q

tap_done
