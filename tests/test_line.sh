#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_line.sh: `saddle line` end to end: f along the segment between
# doublewell's wells ((x²−1)² + y²: wells at (±1, 0), f = 0; the saddle
# at the origin, f = 1) as CSV and JSON, the ends named as the finder's
# points, full coordinates on a 5-dimensional objective, and usage errors
# that exit 2 naming the bad word with nothing on stdout.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

out=$tap_tmp/out
status() { cat "$tap_tmp/status"; }

# json EXPR: a Python assertion over the JSON in $out (as d).
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert eval("(" + sys.argv[2] + ")"), sys.argv[2]' "$out" "$1" 2>"$tap_tmp/py"
}

run line doublewell --from -1,0 --to 1,0 --samples 5
check "line exits 0" test "$(status)" = 0
check "the header is t,f,x1,x2" test "$(head -1 "$out")" = "t,f,x1,x2"
check "--samples 5: 5 rows" test "$(tail -n +2 "$out" | wc -l)" -eq 5
check "t runs 0, 0.25, ..., 1" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "0 0.25 0.5 0.75 1 "
check "f = 1 at t = 0.5 (the saddle between the wells)" \
    test "$(sed -n 4p "$out")" = "0.5,1,0,0"
check "f = 0 at both ends (the wells)" \
    test "$(sed -n '2p;6p' "$out" | cut -d, -f2 | tr '\n' ' ')" = "0 0 "
# (x² − 1)² at x = −0.5 is 0.5625.
check "f = 0.5625 at t = 0.25" test "$(sed -n 3p "$out" | cut -d, -f2)" = 0.5625

run line doublewell --from min:1 --to min:2 --samples 3 --format json
check "min:K names the finder's minima" test "$(status)" = 0
check "JSON: from and to are the wells, the middle sample is the saddle" \
    json 'sorted([d["from"][0], d["to"][0]]) == [-1, 1] and
	d["samples"][1]["f"] == 1 and d["samples"][1]["t"] == 0.5'
run line doublewell --from saddle:1 --to 0,1 --samples 2
check "saddle:K names the finder's saddle" \
    test "$(sed -n 2p "$out")" = "0,1,0,0"
run line pca:d=5 --from 0,0,0,0,0 --to 1,1,1,1,1 --samples 2
check "full coordinates on a 5-dimensional objective: t,f,x1..x5" \
    test "$(head -1 "$out")" = "t,f,x1,x2,x3,x4,x5"

expect_usage "--from" line doublewell --to 1,0
expect_usage "'saddle:2'" line doublewell --from saddle:2 --to 1,0
expect_usage "'1,2,3'" line doublewell --from 1,2,3 --to 1,0
expect_usage "'x'" line doublewell --from -1,0 --to x,0
expect_usage "--samples" line doublewell --from -1,0 --to 1,0 --samples 1
expect_usage "csv" line doublewell --from -1,0 --to 1,0 --format xml
expect_usage "nosuch" line nosuch --from -1,0 --to 1,0

tap_done
