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

# wait_for NAME TEXT: up to 10 s for TEXT to appear (0) or not (1).
wait_for() {
	local i
	for i in $(seq 100); do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	return 1
}

# wait_gone NAME TEXT: up to 10 s for TEXT to disappear.
wait_gone() {
	local i
	for i in $(seq 100); do
		screen "$1" | grep -qF -- "$2" || return 0
		sleep 0.1
	done
	return 1
}

# wait_long NAME TEXT: wait_for, up to 60 s (the finder on a large
# instance, under the sanitizers).
wait_long() {
	local i
	for i in $(seq 600); do
		screen "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	return 1
}

# wait_file FILE: up to 10 s for FILE to exist.
wait_file() {
	local i
	for i in $(seq 100); do
		[ -s "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# keys NAME KEYS...: type, then let the frame settle.
keys() {
	local name=$1
	shift
	t send-keys -t "$name" "$@"
	sleep 0.3
}
