#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# finder_goals.sh: issue 13's finder goals in one run, each the whole
# `saddle` process as a user runs it (data, slice, finder, output):
#   points glm:n=100000,d=200 and twolayer:k=16,m=16,n=100000	<= 3 s
#   (twolayer:k=16,m=16 at n=10000 too, against 0.3 s: the goal scaled
#   to n/10, which a baseline too slow for n=100000 still finishes)
#   points matcomp:d=200						<= 1 s
#   points pca:d=200						<= 0.5 s
#   points glm:d=50,n=100000 --all (24 s CPU once; ψ's ladder through
#   the slice, copies dropped before the root test)		<= 12 s
#   points matcomp --all (2.2 s CPU before its ψ dips were seeded)	<= 2.5 s
#   points OBJECTIVE for every objective at its defaults		<= 0.1 s
#   render glm:n=20000 --size 240x70, against a chunked numpy
#   computation of the same 240x140 field (field_numpy.py)		<= 1/20
# Each line gives CPU seconds (user + system: what to compare between two
# builds on a shared machine) and wall seconds; the goal is judged on the
# wall time, what a user waits for (the finder's runs, grids and Krylov
# products share the cores, as issue 13 asks: on 2 cores the CPU time is
# up to twice the wall). Run it on a quiet machine: another process on
# the cores shows as wall time. With BASELINE=/path/to/another/saddle each
# case runs with it too, and the line gives the ratio of the CPU times
# (this one / the baseline) measured in the same run. A case that
# outlasts LIMIT seconds (default 60) is stopped and reported as such.
# numpy is skipped, loudly, when no python (PYTHON, python3, then
# /usr/bin/python3) imports it.
set -u
src=${SRCDIR:-$(dirname "$0")/..}
saddle=${SADDLE:-./src/saddle}
base=${BASELINE:-}
limit=${LIMIT:-60}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

py=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import numpy' 2>/dev/null; then
		py=$p
		break
	fi
done

# run CMD...: "CPU WALL" seconds of CMD (stdout discarded), or "- -"
# when it failed or outlasted the limit.
run() {
	if /usr/bin/time -f "%U %S %e" -o "$tmp/time" \
	    timeout "$limit" "$@" >/dev/null 2>"$tmp/err"; then
		awk '{ printf "%.3f %.2f", $1 + $2, $3 }' "$tmp/time"
	else
		printf -- '- -'
	fi
}

# line GOAL CASE...: one case with this saddle (and the baseline).
line() {
	goal=$1
	shift
	set -- $(run "$saddle" "$@") "$@"
	cpu=$1 wall=$2
	shift 2
	ratio=
	if [ -n "$base" ]; then
		b=$(run "$base" "$@")
		ratio=$(echo "$cpu $b" | awk '$1 == "-" || $2 == "-" ||
		    $2 == 0 { print "-"; exit } { printf "%.3f", $1 / $2 }')
		ratio=" baseline $(echo "$b" | cut -d' ' -f1) s, ratio $ratio"
	fi
	met=$(echo "$wall $goal" | awk '$1 == "-" { print "no (failed or over",
	    "the limit)"; exit } { print ($1 <= $2 ? "yes" : "no") }')
	printf '%-44s %8s s CPU %7s s wall  goal %5s s: %s%s\n' "$*" "$cpu" \
	    "$wall" "$goal" "$met" "$ratio"
}

line 3 points glm:n=100000,d=200
line 0.3 points twolayer:k=16,m=16,n=10000
line 3 points twolayer:k=16,m=16,n=100000
line 1 points matcomp:d=200
line 0.5 points pca:d=200
line 12 points glm:d=50,n=100000 --all
line 2.5 points matcomp --all
for o in $("$saddle" list objectives 2>/dev/null | awk '/^  [a-z]/ { print $1 }'); do
	line 0.1 points "$o"
done

set -- $(run "$saddle" render glm:n=20000 --size 240x70 --color none)
r=$1
echo "render glm:n=20000 --size 240x70, whole process: $r s CPU, $2 s wall"
if [ -n "$py" ]; then
	set -- $(run "$py" "$src/bench/field_numpy.py" 20000 2 240 140)
	echo "numpy, the same 240x140 field: $1 s CPU; render / numpy =" \
	    "$(echo "$r $1" | awk '{ printf "1/%.1f", $2 / $1 }') (goal 1/20)"
else
	echo "numpy: SKIPPED (no python imports numpy; set PYTHON)"
fi
