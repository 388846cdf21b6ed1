#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_sweep.sh: `--sweep KEY=VALUES` of survey and points: the value
# lists and ranges, one table with the swept key first, each value's rows
# those of the command run alone with KEY=VALUE, usage errors naming the
# bad key or value; and Theorem 3.3 as the binary tells it: the empirical
# risk's minimum approaches w* as n grows.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

out=$tap_tmp/out
status() { cat "$tap_tmp/status"; }

# csvpy EXPR: a Python assertion over the CSV rows in $out (as rows, the
# header excluded, and head).
csvpy() {
	python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head, rows = rows[0], rows[1:]
assert eval("(" + sys.argv[2] + ")"), sys.argv[2]' "$out" "$1" 2>"$tap_tmp/py"
}

# ---- survey --sweep --------------------------------------------------------
run survey glm --optimizer gd,adam --starts 20 --sweep n=10,100 --format csv
check "survey --sweep exits 0" test "$(status)" = 0
check "survey --sweep CSV: the key first, then the usual header" \
    test "$(head -1 "$out")" = \
    "n,optimizer,starts,global,local,saddle,diverged,not-converged,steps_median,steps_p90,saddle_steps_median,fstar,fstar_is,end_norm_median,end_spread_median"
check "survey --sweep CSV: a row per value and optimizer, in order" \
    test "$(tail -n +2 "$out" | cut -d, -f1,2 | tr '\n' ' ')" = \
    "10,gd 10,adam 100,gd 100,adam "
cp "$out" "$tap_tmp/swept"
run survey glm:n=100 --optimizer gd,adam --starts 20 --format csv
check "survey --sweep: n=100's rows are those of glm:n=100 alone" \
    test "$(tail -n +2 "$out")" = "$(grep '^100,' "$tap_tmp/swept" | cut -d, -f2-)"

run survey glm --optimizer gd --starts 5 --sweep n=10..1e4x10 --format csv
check "a geometric range A..BxR: 10, 100, 1000, 10000" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "10 100 1000 10000 "
run survey glm --optimizer gd --starts 5 --sweep d=2:4 --format csv
check "an integer range A:B: 2, 3, 4" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "2 3 4 "
run survey glm --optimizer gd --starts 5 --sweep n=10:40:10 --format csv
check "a range with a step A:B:S: 10, 20, 30, 40" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "10 20 30 40 "

run survey glm --optimizer gd --starts 5 --sweep n=10,100
check "survey --sweep table: the key heads the first column" \
    grep -qE '^n +optimizer +global' "$out"
check "survey --sweep table: a line per value" \
    test "$(grep -cE '^(10|100) +gd ' "$out")" = 2
check "survey --sweep table: no bar when stdout is not a terminal" \
    sh -c "! grep -q '[#█]' '$out'"
check "survey --sweep table: what global means, per value" \
    test "$(grep -c '^n=[0-9]*: global: f\* = ' "$out")" = 2

run survey glm --optimizer gd --starts 3 --sweep n=10,100 --format json
check "survey --sweep JSON: the key, the values and a survey each" \
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert d["sweep"] == "n" and d["values"] == [10, 100]
assert [s["objective"] for s in d["surveys"]] == ["glm:n=10", "glm:n=100"]' "$out"

run survey glm --optimizer gd --starts 4 --sweep n=10,100 --per-run
check "survey --sweep --per-run: the key first, a row per value and run" \
    csvpy 'head[:2] == ["n", "optimizer"] and [r[0] for r in rows] == ["10"] * 4 + ["100"] * 4'

# ---- points --sweep: Theorem 3.3 --------------------------------------------
run points glm --sweep n=10,100,1000,10000
check "points --sweep CSV: the key, the usual columns, distance and rate" \
    test "$(head -1 "$out")" = \
    "n,kind,f,grad_norm,lambda_min,lambda_max,x1,x2,distance,rate"
check "points --sweep: the rate column is sqrt(d log n / n)" \
    csvpy 'all(abs(float(r[-1]) - (2 * __import__("math").log(float(r[0])) / float(r[0])) ** 0.5) < 1e-12 for r in rows)'
check "points --sweep: the distance is |x - w*| (w* = 2 e, |w*| = 2)" \
    csvpy 'all(float(r[-2]) <= ((float(r[6]) ** 2 + float(r[7]) ** 2) ** 0.5 + 2) for r in rows)'
for seed in 1 2 3 4 5 6 7 8 9 10; do
	run points "glm:seed=$seed" --sweep n=100,10000
	check "Theorem 3.3, seed $seed: the minimum at n = 10^4 is nearer w* than at n = 10^2" \
	    csvpy '[float(r[-2]) for r in rows if r[1] == "min" and r[0] == "10000"][0] < min(float(r[-2]) for r in rows if r[1] == "min" and r[0] == "100")'
done
run points glm --sweep n=10,10000 --format table
check "points --format table: a line per value with the distance and rate" \
    grep -qE '^10000 +1 +1 +0 +0 ' "$out"

# ---- usage errors -----------------------------------------------------------
expect_usage "unknown key 'kk' of glm" survey glm --optimizer gd --sweep kk=1,2
expect_usage "expected n, d, seed, noise, wnorm, ntk or init" points glm --sweep kk=1
expect_usage "n=0 is out of range" survey glm --optimizer gd --sweep n=0,10
expect_usage "'x'" points glm --sweep n=10,x
expect_usage "'8:1' is an empty range" points glm --sweep n=8:1
expect_usage "has more than 64 values" points glm --sweep n=1:1000
expect_usage "'1..8' has no ratio" points glm --sweep n=1..8
expect_usage "is not a geometric range" points glm --sweep n=10..1x2
expect_usage "--sweep: 'n': expected KEY=V1,V2" points glm --sweep n
expect_usage "himmelblau has no parameters" points himmelblau --sweep a=1
expect_usage "unknown format 'tabl'" points glm --format tabl
tap_done
