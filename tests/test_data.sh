#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_data.sh: data for other tools. `map --format gnuplot` is gnuplot's
# grid layout (a block per pixel row, blank-line separated, the same
# numbers as the CSV, nan where undefined, labels by number named in the
# header); `survey --per-run` has a row per run whose outcomes add up to
# the table's fractions, the same starts for every optimizer, and nan (or
# JSON null) for the end of a run that ended at no point.
. "$SRCDIR/tests/tap.sh"

out="$tap_tmp/out"

# ---- map --format gnuplot ---------------------------------------------------
run map doublewell --kind pl --size 5x4 --format gnuplot
cp "$out" "$tap_tmp/grid"
layout=$(awk '
	/^#/ { next }
	/^$/ { if (n != 5) bad = bad " block of " n; n = 0; blank++; next }
	{ if (NF != 3) bad = bad " line of " NF " fields"
	  if (n > 0 && $2 != b) bad = bad " b changes in a block"
	  if (n > 0 && $1 <= a) bad = bad " a not increasing"
	  if (n == 0 && blocks > 0 && $2 >= b) bad = bad " b not decreasing"
	  if (n == 0) blocks++
	  a = $1; b = $2; n++ }
	END { if (n != 5) bad = bad " last block of " n
	      printf "%d blocks, %d blanks%s", blocks, blank, bad }' "$tap_tmp/grid")
check "gnuplot: 4 blocks of 5 lines parted by single blank lines" \
    test "$layout" = "4 blocks, 3 blanks"
run map doublewell --kind pl --size 5x4
tail -n +2 "$out" | tr ',' ' ' >"$tap_tmp/csv-numbers"
grep -v '^#' "$tap_tmp/grid" | grep -v '^$' >"$tap_tmp/grid-numbers"
check "gnuplot: the same numbers as the CSV, in the same order" \
    cmp -s "$tap_tmp/csv-numbers" "$tap_tmp/grid-numbers"
check "gnuplot: a header says how to plot it" \
    grep -q "^# a b value.*splot 'FILE' using 1:2:3 with pm3d" "$tap_tmp/grid"

run map -e 'x^2 + 2*y^2' --kind quasiconvex --size 3x3 --format gnuplot
check "gnuplot: an undefined ratio is nan" grep -q '^0 0 nan$' "$out"

run map doublewell --kind basins --size 9x5 --format gnuplot
check "gnuplot: labels named by number in the header" \
    grep -q '^# label 0: ' "$out"
check "gnuplot: label values are the numbers named" sh -c "
    n=\$(grep -c '^# label ' '$out')
    grep -v '^#' '$out' | grep -v '^\$' |
        awk -v n=\"\$n\" '\$3 !~ /^[0-9]+\$/ || \$3 >= n { bad = 1 } END { exit bad }'"

if command -v gnuplot >/dev/null 2>&1; then
	check "gnuplot plots it with pm3d" gnuplot -e \
	    "set terminal dumb; splot '$tap_tmp/grid' using 1:2:3 with pm3d"
else
	echo "# gnuplot is not installed: the layout is checked above, not plotted"
fi

expect_usage "gnuplot" map doublewell --kind pl --format gnuplot --summary
expect_usage "expected csv, json or gnuplot" map doublewell --kind pl --format png

# ---- survey --per-run -------------------------------------------------------
run survey himmelblau --optimizer gd,adam --starts 50 --per-run
cp "$out" "$tap_tmp/runs"
check "per-run CSV: the header" test "$(head -1 "$tap_tmp/runs")" = \
    "optimizer,run,start_a,start_b,end_a,end_b,f,steps,saddle_steps,outcome,last_a,last_b,last_f,last_norm,last_spread,last_x1,last_x2"
check "per-run CSV: a row per optimizer and start" \
    test "$(tail -n +2 "$tap_tmp/runs" | wc -l)" = 100
check "per-run CSV: every optimizer runs from the same starts" sh -c "
    awk -F, 'NR > 1 { s[\$2] = s[\$2] \" \" \$3 \",\" \$4 }
        END { for (k in s) { split(s[k], p, \" \"); if (p[1] != p[2]) exit 1 } }' '$tap_tmp/runs'"
run survey himmelblau --optimizer gd,adam --starts 50 --format csv
cp "$out" "$tap_tmp/table"
for m in gd adam; do
	want=$(awk -F, -v m=$m '$1 == m { print $3 }' "$tap_tmp/table")
	got=$(awk -F, -v m=$m 'NR > 1 && $1 == m && $10 == "global" { n++ } END { printf "%.17g", n / 50 }' "$tap_tmp/runs")
	check "per-run CSV: $m's global runs are the table's fraction ($want)" \
	    awk -v a="$want" -v b="$got" 'BEGIN { exit !(a == b) }'
done
check "per-run CSV: a global run ends at f = 0 (Himmelblau's minima)" sh -c "
    awk -F, 'NR > 1 && \$10 == \"global\" && \$7 + 0 > 1e-9 { bad = 1 } END { exit bad }' '$tap_tmp/runs'"

run survey rastrigin --optimizer gd --starts 20 --steps 2 --per-run
check "per-run CSV: a run that ended nowhere has nan for its end and f" sh -c "
    grep -q ',nan,nan,nan,2,[0-9]*,not-converged,' '$out' &&
    awk -F, 'NR > 1 && \$10 == \"not-converged\" && \$5 != \"nan\" { bad = 1 } END { exit bad }' '$out'"

run survey himmelblau --optimizer gd --starts 3 --per-run --format json
if command -v python3 >/dev/null 2>&1; then
	check "per-run JSON: three runs with the CSV's fields" python3 -c "
import json, sys
d = json.load(open('$out'))
r = d['runs']
assert d['objective'] == 'himmelblau' and len(r) == 3
for k in ('optimizer', 'run', 'start', 'end', 'f', 'steps', 'saddle_steps', 'outcome'):
    assert all(k in x for x in r), k
assert [x['run'] for x in r] == [0, 1, 2]
"
else
	check "per-run JSON: three runs" test "$(grep -c '"run":' "$out")" = 3
fi
run survey rastrigin --optimizer gd --starts 2 --steps 2 --per-run --format json
check "per-run JSON: null for a run that ended nowhere" \
    grep -q '"end":null,"f":null' "$out"

tap_done
