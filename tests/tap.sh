# SPDX-License-Identifier: GPL-3.0-or-later
# tap.sh: a tiny TAP producer for the shell end-to-end tests; source it.
# Each check prints "ok N - what" or "not ok N - what" with a diagnosis;
# tap_done prints the plan. The script itself always exits 0: failures are
# the "not ok" lines, which automake's TAP driver counts.

tap_n=0
tap_tmp=$(mktemp -d "${TMPDIR:-/tmp}/saddle-test.XXXXXX")
trap 'rm -rf "$tap_tmp"' EXIT
: "${SADDLE:?SADDLE must name the saddle binary (make check sets it)}"
# The tester's own config file must not change what the tests see.
export XDG_CONFIG_HOME="$tap_tmp/config"
unset SADDLE_CONFIG

# ok DESCRIPTION / not_ok DESCRIPTION [DIAGNOSIS]
ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
not_ok() {
	tap_n=$((tap_n + 1)); echo "not ok $tap_n - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/# /'
	return 0
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
	d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d" "failed: $*"; fi
}

# run ARGS...: run saddle, keeping stdout, stderr and status in $tap_tmp.
run() {
	${SADDLE_AS:-} "$SADDLE" "$@" >"$tap_tmp/out" 2>"$tap_tmp/err" </dev/null
	echo $? >"$tap_tmp/status"
}

# expect_usage WORD ARGS...: saddle ARGS exits 2, says WORD on stderr,
# and prints nothing on stdout.
expect_usage() {
	word=$1; shift
	run "$@"
	st=$(cat "$tap_tmp/status")
	if [ "$st" = 2 ] && [ ! -s "$tap_tmp/out" ] &&
	    grep -qF -- "$word" "$tap_tmp/err"; then
		ok "usage error names '$word': saddle $*"
	else
		not_ok "usage error names '$word': saddle $*" \
		    "status $st; stderr: $(cat "$tap_tmp/err"); stdout: $(head -c 200 "$tap_tmp/out")"
	fi
}

tap_done() { echo "1..$tap_n"; exit 0; }
