#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_points_continua.sh: a continuum of stationary points is listed once
# for each kind of point on it, not as every Newton root found along it
# (continua.c), in CSV, JSON and the table alike; an isolated degenerate
# point beside a continuum is still listed.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# rows_on CURVE: the CSV's rows (x1 = $6, x2 = $7) with |CURVE| ≤ 1e-6,
# as "kind kind ...", sorted.
rows_on() {
	awk -F, -v c="$1" 'NR > 1 { x = $6; y = $7; v = '"$1"';
	    if (v < 0) v = -v; if (v <= 1e-6) print $1 }' "$tap_tmp/out" |
	    sort | tr '\n' ' '
}

# The circle x² + y² = 1 is a curve of stationary points of
# (x² + y² − 1)²(x − 0.3), maxima where x < 0.3, minima where x > 0.3:
# once 38 rows. Now at most one row of each kind lies on it, the min and
# max beside it are still there, and stderr says the row stands for it.
e='(x^2+y^2-1)^2*(x-0.3)'
run points -e "$e"
on=$(rows_on 'x*x+y*y-1')
check "circle: one degenerate-max and one degenerate-min row on it ($on)" \
    sh -c "echo '$on' | grep -q '^degenerate-max degenerate-min ' &&
    test \$(echo '$on' | tr ' ' '\n' | sort | uniq -d | wc -l) = 0"
check "circle: the strict min and max off it are listed" sh -c \
    "grep -q '^min,' '$tap_tmp/out' && grep -q '^max,' '$tap_tmp/out'"
check "circle: at most 6 rows in all" test "$(tail -n +2 "$tap_tmp/out" |
    wc -l)" -le 6
check "circle: stderr calls it a continuum listed once per kind" grep -q \
    'continuum of stationary points through .* (listed once for each kind of point on it)$' \
    "$tap_tmp/err"
n_csv=$(tail -n +2 "$tap_tmp/out" | wc -l)
run points -e "$e" --format json
n_json=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["points"]))' "$tap_tmp/out")
check "circle: JSON lists the rows CSV does ($n_json, $n_csv)" test \
    "$n_json" = "$n_csv"
run points -e "$e" --format table
n_table=$(awk 'NR == 2 { print $2 }' "$tap_tmp/out")
check "circle: the table counts them ($n_table, $n_csv)" test \
    "$n_table" = "$n_csv"
run render -e "$e"
check "circle: the visualizer marks the rows CSV lists ($n_csv)" grep -q \
    "stationary points in view: $n_csv" "$tap_tmp/out"

# x²y²: both axes are one continuum (they cross at 0): one row on them.
run points -e 'x^2*y^2'
on=$(rows_on 'x*y')
check "x^2*y^2: one degenerate-min row on the axes ($on)" test \
    "$on" = "degenerate-min "
check "x^2*y^2: and nothing else" test "$(tail -n +2 "$tap_tmp/out" |
    wc -l)" = 1

# (x² + y² − 1)²(x² + y⁴): the circle again (minima), and an isolated
# degenerate minimum at 0 inside the circle's region, which stays, as do
# the isolated degenerate saddles near (0, ±0.707).
run points -e '(x^2+y^2-1)^2*(x^2+y^4)'
on=$(rows_on 'x*x+y*y-1')
check "(x²+y²−1)²(x²+y⁴): one row on the circle ($on)" test \
    "$on" = "degenerate-min "
check "(x²+y²−1)²(x²+y⁴): the isolated degenerate min at 0 is listed" \
    grep -q '^degenerate-min,0,0,[^,]*,[^,]*,0,0$' "$tap_tmp/out"
check "(x²+y²−1)²(x²+y⁴): two degenerate saddles off the circle" test \
    "$(grep -c '^degenerate-saddle,' "$tap_tmp/out")" = 2

# Three concentric circles of stationary points (minima at r = 1 and 2,
# maxima at r² = 2.5), three regions whose boxes nest: each circle keeps
# a row of its own (the inner ones' points lie in the outer boxes too).
run points -e '((x^2+y^2-1)*(x^2+y^2-4))^2'
for c in 'x*x+y*y-1' 'x*x+y*y-2.5' 'x*x+y*y-4'; do
	on=$(rows_on "$c")
	check "concentric circles: $c = 0 has a row ($on)" test -n "$on"
done
check "concentric circles: at most 8 rows in all (141 once)" test \
    "$(tail -n +2 "$tap_tmp/out" | wc -l)" -le 8

tap_done
