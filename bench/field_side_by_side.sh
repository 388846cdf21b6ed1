#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# field_side_by_side.sh: the glm field at real size in one run (issue 13):
# `saddle render glm:n=20000 --size 240x70`, the whole process (field,
# stationary points, frame), beside a chunked numpy computation of the
# same 240x140 field and a plain C loop of the same sums (plain_field.c,
# what saddle did before); then the same baselines at n = 10^4 and 10^5
# beside bench_field's figures (saddle's field on 1 and 2 threads, the exp
# and memory floors). The baselines at n = 10^4 and 10^5 run on a tenth
# of the rows (240x14) and are scaled by 10: every row costs the same.
# Then a formula's field (issue 12): 1000x1000 samples of
# sin(3x)cos(2y) + 0.1(x^2 + y^2), saddle's (bench_field -e: the field
# through the formula's slice, on 1 and 2 threads) beside numpy and a
# plain C loop with libm, each timing its computation alone.
# numpy is skipped, loudly, when no python (PYTHON, python3, then
# /usr/bin/python3) imports it. CPU seconds are the figures to compare on
# a shared machine.
set -u
src=${SRCDIR:-$(dirname "$0")/..}
saddle=${SADDLE:-./src/saddle}
bench=${BENCH_FIELD:-$(dirname "$saddle")/../bench/bench_field}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

py=
for p in ${PYTHON:-} python3 /usr/bin/python3; do
	if "$p" -c 'import numpy' 2>/dev/null; then
		py=$p
		break
	fi
done

# cpu CMD...: CPU seconds (user + system) of CMD, its stdout in $tmp/out;
# its wall seconds then in $tmp/wall.
cpu() {
	/usr/bin/time -f "%U %S %e" -o "$tmp/time" "$@" >"$tmp/out" ||
	    { echo "FAILED: $*" >&2; return 1; }
	awk '{ printf "%.3f", $3 }' "$tmp/time" >"$tmp/wall"
	awk '{ printf "%.3f", $1 + $2 }' "$tmp/time"
}

${CC:-cc} -O2 -o "$tmp/plain_field" "$src/bench/plain_field.c" -lm || exit 1

# The goal (issue 13) is the wall time, render on its threads against
# numpy; both are given, the load too, since the shared machine's load
# stretches the wall times unevenly.
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
r=$(cpu "$saddle" render glm:n=20000 --size 240x70 --color none) || exit 1
rw=$(cat "$tmp/wall")
echo "render glm:n=20000 --size 240x70, whole process: $rw s wall, $r s CPU"
if [ -n "$py" ]; then
	p=$(cpu "$py" "$src/bench/field_numpy.py" 20000 2 240 140) || exit 1
	pw=$(cat "$tmp/wall")
	echo "numpy, the same 240x140 field at n=20000: $pw s wall, $p s CPU;" \
	    "render / numpy, goal <= 1/20: $(echo "$rw $pw $r $p" |
	    awk '{ printf "1/%.1f of the wall time, 1/%.1f of the CPU time",
	    $2 / $1, $4 / $3 }')"
else
	echo "numpy: SKIPPED (no python imports numpy; set PYTHON)"
fi

for n in 10000 100000; do
	c=$(cpu "$tmp/plain_field" $n 2 240 14) || exit 1
	c=$(echo "$c" | awk '{ printf "%.3f", 10 * $1 }')
	line="n=$n, 240x140 field: plain C $c s CPU"
	if [ -n "$py" ]; then
		p=$(cpu "$py" "$src/bench/field_numpy.py" $n 2 240 14) || exit 1
		p=$(echo "$p" | awk '{ printf "%.3f", 10 * $1 }')
		line="$line, numpy $p s CPU"
	fi
	echo "$line (measured on 240x14, x10)"
done
if [ -x "$bench" ]; then
	"$bench" 10000 100000
else
	echo "bench_field: SKIPPED ($bench not built: make bench)"
fi

# The formula's field. secs: a line's "W s wall, C s CPU" as "W C".
secs() {
	sed -n 's/.*: \([0-9.]*\) s wall, \([0-9.]*\) s CPU.*/\1 \2/p'
}
formula='sin(3*x)*cos(2*y)+0.1*(x^2+y^2)'
echo "== the field of $formula, 1000x1000"
${CC:-cc} -O2 -o "$tmp/plain_gd" "$src/bench/plain_gd.c" -lm || exit 1
"$tmp/plain_gd" field 1000 | tee "$tmp/fplain"
[ -n "$py" ] && "$py" "$src/bench/survey_numpy.py" field 1000 |
    tee "$tmp/fnumpy"
if [ -x "$bench" ]; then
	"$bench" -e "$formula" 1000 | tee "$tmp/fsaddle"
	for t in 1 2; do
		echo "$(grep "^saddle field.*, $t thread" "$tmp/fsaddle" |
		    secs) $(secs <"$tmp/fplain") $([ -s "$tmp/fnumpy" ] &&
		    secs <"$tmp/fnumpy")" >"$tmp/fs$t"
		awk -v t=$t '{ printf "  saddle %d thread(s) / plain C: '\
'%.2f of the wall time, %.2f of the CPU time\n", t, $1 / $3, $2 / $4
		    if (NF == 6) printf "  saddle %d thread(s) / numpy, goal '\
'< 1: %.2f of the wall time, %.2f of the CPU time\n", t, $1 / $5, $2 / $6
		}' "$tmp/fs$t"
	done
else
	echo "bench_field: SKIPPED ($bench not built: make bench)"
fi
