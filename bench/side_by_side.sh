#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# side_by_side.sh: saddle beside a plain C loop and the obvious numpy script
# in one run (issue 12): gd on himmelblau, N starts x S steps, every step
# taken (survey --tol 0), on 1 and 2 threads; `run --format csv` beside a
# C loop printing the same CSV; a basins map on 1 and 2 threads. numpy is
# skipped, loudly, when $PYTHON (python3) cannot import it. Sizes:
# BENCH_N, BENCH_S.
set -u
src=${SRCDIR:-$(dirname "$0")/..}
saddle=${SADDLE:-./src/saddle}
n=${BENCH_N:-100000}
s=${BENCH_S:-1000}
py=${PYTHON:-python3}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# timed LABEL CMD...: wall and CPU seconds of CMD (stdout discarded); on
# a loaded machine the CPU seconds are the figure to compare.
timed() {
	label=$1; shift
	/usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null ||
	    echo "$label: FAILED"
	awk -v l="$label" '{ printf "%s: %.2f s wall, %.2f s CPU\n", l, $1,
	    $2 + $3 }' "$tmp/time"
}

${CC:-cc} -O2 -o "$tmp/plain_gd" "$src/bench/plain_gd.c" -lm || exit 1
lr=$($saddle run himmelblau --optimizer gd --steps 0 --format json \
    --quiet | head -1 | sed 's/.*"lr":\([^}]*\)}.*/\1/')
echo "gd on himmelblau, $n starts x $s steps, lr = $lr"
timed "plain C loop" "$tmp/plain_gd" survey "$n" "$s" "$lr"
if "$py" -c 'import numpy' 2>/dev/null; then
	timed "numpy survey" "$py" "$src/bench/survey_numpy.py" survey "$n" \
	    "$s" "$lr"
	"$py" "$src/bench/survey_numpy.py" field 1000
else
	echo "numpy: SKIPPED ($py cannot import numpy; set PYTHON)"
fi
for t in 1 2; do
	timed "saddle survey, $t thread(s)" env OMP_NUM_THREADS=$t \
	    $saddle survey himmelblau --optimizer gd --starts "$n" \
	    --steps "$s" --tol 0
done
steps=1000000
timed "plain C loop, $steps-step CSV" "$tmp/plain_gd" csv $steps "$lr"
timed "saddle run, $steps-step CSV" $saddle run himmelblau --optimizer gd \
    --steps $steps --tol 0 --quiet
for t in 1 2; do
	timed "saddle basins map 400x200, $t thread(s)" \
	    env OMP_NUM_THREADS=$t $saddle map himmelblau --kind basins \
	    --optimizer gd --size 400x200
done
