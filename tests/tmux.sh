# SPDX-License-Identifier: GPL-3.0-or-later
# tmux.sh: driving saddle in tmux for the end-to-end tests; source it after
# tap.sh. Each session runs saddle in a detached pane of a fixed size on
# this script's own -L socket; keys go in with send-keys and the screen
# comes back with capture-pane. Without tmux the test says so and skips
# (CI installs tmux, so it never skips there).

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
export XDG_CONFIG_HOME="$tap_tmp/config" HOME="$tap_tmp" LC_ALL=C.UTF-8
unset COLORTERM
sock="saddle-$(basename "$0" .sh)-$$"
t() { tmux -L "$sock" -f /dev/null "$@"; }
trap 't kill-server 2>/dev/null; rm -rf "$tap_tmp"' EXIT

# The pane runs this: remember the tty's modes, run saddle (whose pid is
# the inner shell's, thanks to exec), record its status and the modes
# after it, then stay so the screen can be read. The runner survives the
# ctrl-c meant for saddle (a trapped signal is default again after exec).
cat >"$tap_tmp/run.sh" <<'RUN'
#!/bin/sh
d=$1; shift
trap : INT
stty -g >"$d/before"
sh -c 'echo $$ >"$0/pid"; exec "$@"' "$d" "$@"
echo $? >"$d/status"
stty -g >"$d/after"
exec sleep 600
RUN

# start NAME COLSxROWS ARGS...: saddle ARGS in session NAME, without
# colour unless $pane_env says otherwise.
pane_env="NO_COLOR=1"
start() {
	local name=$1 size=$2
	shift 2
	mkdir -p "$tap_tmp/$name"
	t new-session -d -s "$name" -x "${size%x*}" -y "${size#*x}" \
	    "env TERM=xterm-256color $pane_env sh $tap_tmp/run.sh $tap_tmp/$name $SADDLE $*"
}

# screen NAME: what the pane shows.
screen() { t capture-pane -p -t "$1"; }

# Every look at the screen is a bounded poll: it waits for what it checks
# and fails (a "not ok" line) when that never comes, so that a check
# neither passes on a frame drawn before the keys took effect nor waits
# forever, and no fixed sleep stands in for "the frame is drawn".

# poll_for SECONDS COMMAND...: up to SECONDS for COMMAND to succeed (0),
# else 1.
poll_for() {
	local i n=$(( $1 * 10 ))
	shift
	for i in $(seq "$n"); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# poll COMMAND...: poll_for 10 s.
poll() { poll_for 10 "$@"; }

# shows NAME TEXT / hides NAME TEXT: whether the pane shows TEXT now.
shows() { screen "$1" | grep -qF -- "$2"; }
hides() { ! shows "$1" "$2"; }
# shows_re NAME REGEX: whether a line of the pane matches REGEX (ERE).
shows_re() { screen "$1" | grep -qE -- "$2"; }

# wait_for NAME TEXT: up to 10 s for TEXT to appear (0) or not (1).
wait_for() { poll shows "$1" "$2"; }

# wait_gone NAME TEXT: up to 10 s for TEXT to disappear.
wait_gone() { poll hides "$1" "$2"; }

# wait_long NAME TEXT: wait_for, up to 60 s (the finder on a large
# instance, under the sanitizers).
wait_long() { poll_for 60 shows "$1" "$2"; }

# wait_file FILE: up to 10 s for FILE to exist, not empty.
wait_file() { poll test -s "$1"; }

# same_frame NAME WANT GOT [SED]: whether the pane, through the sed script
# SED (default: trailing blanks dropped) into GOT, is the file WANT.
same_frame() {
	screen "$1" | sed "${4:-s/ *\$//}" >"$3"
	cmp -s "$2" "$3"
}

# check_frame DESCRIPTION NAME WANT [SED]: ok when the pane comes to show
# WANT (as same_frame) within 10 s; else not ok with the difference.
check_frame() {
	local got="$tap_tmp/$2.got"
	if poll same_frame "$2" "$3" "$got" "${4:-}"; then
		ok "$1"
	else
		not_ok "$1" "$(diff "$3" "$got" | head -10)"
	fi
}

# keys NAME KEYS...: type, then pause as a person would (an Escape with a
# key close behind it would read as one alt-key); the checks after it
# wait for what the keys do.
keys() {
	local name=$1
	shift
	t send-keys -t "$name" "$@"
	sleep 0.3
}
