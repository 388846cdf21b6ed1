#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_survey.sh: `saddle survey` and `saddle map` end to end: the table,
# CSV and JSON, identical bytes for identical seeds (and different ones
# for another seed), no progress bar when stderr is not a terminal, the
# chapter's claims as the binary tells them, no NaN or Inf ever, and every
# usage error exits 2 naming the bad word with nothing on stdout.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

out=$tap_tmp/out
err=$tap_tmp/err
status() { cat "$tap_tmp/status"; }

# json EXPR: evaluate a Python assertion over the JSON in $out (as d).
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert eval("(" + sys.argv[2] + ")"), sys.argv[2]' "$out" "$1" 2>"$tap_tmp/py"
}

# csvpy EXPR: a Python assertion over the CSV rows in $out (as rows, the
# header excluded, and head).
csvpy() {
	python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head, rows = rows[0], rows[1:]
assert eval("(" + sys.argv[2] + ")"), sys.argv[2]' "$out" "$1" 2>"$tap_tmp/py"
}

no_nan() { ! grep -qiE 'nan|inf' "$out"; }

# ---- survey: the table ----------------------------------------------------
run survey himmelblau --optimizer gd,newton --starts 300
check "survey exits 0" test "$(status)" = 0
check "nothing on stderr when it is not a terminal (no progress bar)" \
    test ! -s "$err"
check "the table names the objective, the starts and the budget" \
    grep -q '^himmelblau: 300 starts uniform in \[-6, 6\] x \[-6, 6\], each run until |g| < 1e-06 or 1000 steps, seed 1$' "$out"
check "the table has a row per optimizer" \
    test "$(grep -cE '^(gd|newton) ' "$out")" = 2
check "gd reaches a global minimum of himmelblau from every start" \
    grep -qE '^gd +100\.0% +0\.0% +0\.0% +0\.0% +0\.0%' "$out"
check "newton converges to saddles (and the maximum) from some starts" \
    sh -c "grep -E '^newton ' '$out' | awk '{ exit !(\$4 + 0 > 0) }'"

# ---- survey: CSV ----------------------------------------------------------
run survey camel6 --optimizer gd,cubic --starts 200 --steps 20000 --format csv
check "CSV header is the contract" test "$(head -1 "$out")" = \
    "optimizer,starts,global,local,saddle,diverged,not-converged,steps_median,steps_p90,saddle_steps_median,fstar,fstar_is,end_norm_median,end_spread_median"
check "one CSV row per optimizer, in order" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "gd cubic "
check "the five fractions of a row add up to 1" \
    csvpy 'all(abs(sum(float(x) for x in r[2:7]) - 1) < 1e-12 for r in rows)'
check "camel6: gd stops at a spurious local minimum from some starts" \
    csvpy 'float(rows[0][3]) > 0'
check "median ≤ p90 ≤ the step budget" \
    csvpy 'all(int(r[7]) <= int(r[8]) <= 20000 for r in rows)'
check "survey CSV has no NaN or Inf" no_nan

# ---- survey: JSON and determinism ----------------------------------------
run survey doublewell --optimizer gd,pgd,sgd --starts 300 --seed 7 --format json
check "JSON is valid" python3 -m json.tool "$out" /dev/null
check "JSON carries the options" \
    json 'd["objective"] == "doublewell" and d["starts"] == 300 and d["seed"] == 7 and d["window"] == [-2, 2, -2, 2] and d["fstar"] == 0'
check "JSON: a row per optimizer with its parameters" \
    json '[o["name"] for o in d["optimizers"]] == ["gd", "pgd", "sgd"] and "lr" in d["optimizers"][0]["params"]'
check "JSON: counts and fractions agree" \
    json 'all(o["counts"][k] == round(o["fractions"][k] * 300) for o in d["optimizers"] for k in o["counts"])'
check "doublewell: gd reaches a global minimum from every uniform start" \
    json 'd["optimizers"][0]["fractions"]["global"] == 1'
cp "$out" "$tap_tmp/first"
run survey doublewell --optimizer gd,pgd,sgd --starts 300 --seed 7 --format json
check "the same seed gives the same bytes" cmp -s "$out" "$tap_tmp/first"
run survey rastrigin --optimizer pgd,sgd --starts 300 --seed 7 --format csv
cp "$out" "$tap_tmp/seed7"
run survey rastrigin --optimizer pgd,sgd --starts 300 --seed 8 --format csv
check "another seed gives other starts and another table" \
    sh -c "! cmp -s '$out' '$tap_tmp/seed7'"
run survey rastrigin --optimizer gd --starts 300 --format csv
check "rastrigin: gd mostly stops at spurious local minima" \
    csvpy 'float(rows[0][3]) > 0.5'

run survey tensor --optimizer gd --starts 300 --steps 3000 --tol 1e-8 --format csv
check "tensor: Riemannian gd reaches a global minimum from every start (Theorem 5.2)" \
    csvpy 'float(rows[0][2]) == 1'

run survey -e 'x^2 + y^2' --optimizer gd --starts 20 --format csv
check "-e FORMULA surveys a user formula" \
    csvpy 'rows[0][0] == "gd" and float(rows[0][2]) == 1'

# ---- map ------------------------------------------------------------------
run map doublewell --kind basins --size 9x5
check "map exits 0" test "$(status)" = 0
check "map CSV header is a,b,label for labels" test "$(head -1 "$out")" = "a,b,label"
check "one row per pixel" test "$(tail -n +2 "$out" | wc -l)" = 45
check "the column a = 0 is sampled exactly and ends at the saddle" \
    csvpy 'all((r[2] == "saddle") == (r[0] == "0") for r in rows) and sum(r[0] == "0" for r in rows) == 5'
check "left of it min1, right of it min2" \
    csvpy 'all(r[2] == ("min1" if float(r[0]) < 0 else "min2") for r in rows if r[0] != "0")'

run map doublewell --kind basins --size 9x5 --summary
check "--summary: quantity,value,a,b" test "$(head -1 "$out")" = "quantity,value,a,b"
check "--summary: each minimum's share and where it is" \
    grep -q '^fraction:min2,0.44444444444444442,1,0$' "$out"
check "--summary: the saddle's thin set, a ninth of the pixels" \
    grep -q '^fraction:saddle,0.1111111111111111,,$' "$out"

run map glm-pop --kind quasiconvex --size 31x31 --summary
check "glm-pop is weakly quasi-convex (Theorem 3.2): its smallest ratio is positive" \
    csvpy '[float(r[1]) for r in rows if r[0] == "min"][0] > 0'

run map cubic --kind strict-saddle --window=-0.01:0.01,-0.01:0.01 --alpha 0.1 --beta 0.1 --size 11x11 --summary
check "cubic: a neighbourhood of 0 violates Definition 2.1" \
    grep -q '^fraction:none,1,,$' "$out"
run map doublewell --kind strict-saddle --alpha 0.05 --beta 0.1 --gamma 0.1 --summary
check "doublewell is (0.05, 0.1, 0.1)-strict-saddle: no violation" \
    grep -q '^fraction:none,0,,$' "$out"

run map doublewell --kind pl --size 5x5
check "map CSV header is a,b,value for ratios" test "$(head -1 "$out")" = "a,b,value"
check "the PL ratio is 0 at the saddle" grep -q '^0,0,0$' "$out"
run map -e 'x^2 + 2*y^2' --kind quasiconvex --size 3x3
check "an undefined ratio (at x* itself) is nan, as numpy and pandas read it" \
    grep -q '^0,0,nan$' "$out"

run map tensor --kind strict-saddle --size 12x6 --format json
check "map JSON is valid" python3 -m json.tool "$out" /dev/null
check "map JSON: the constants, fractions and one pixel per cell" \
    json 'd["kind"] == "strict-saddle" and len(d["pixels"]) == 72 and abs(sum(d["fractions"].values()) - 1) < 1e-12 and d["alpha"] > 0'
run map tensor --kind strict-saddle --size 12x6 --format json
cp "$out" "$tap_tmp/m1"
run map tensor --kind strict-saddle --size 12x6 --format json
check "maps are the same bytes every time" cmp -s "$out" "$tap_tmp/m1"

# ---- usage errors ---------------------------------------------------------
expect_usage "--optimizer" survey himmelblau
expect_usage "'nope'" survey himmelblau --optimizer gd,nope
expect_usage "--starts" survey himmelblau --optimizer gd --starts 0
expect_usage "'1.5'" survey himmelblau --optimizer gd --steps 1.5
expect_usage "'xml'" survey himmelblau --optimizer gd --format xml
expect_usage "'1:0,0:1'" survey himmelblau --optimizer gd --window 1:0,0:1
expect_usage "'--frobnicate'" survey himmelblau --optimizer gd --frobnicate
expect_usage "'nosuch'" survey nosuch --optimizer gd
expect_usage "--kind" map himmelblau
expect_usage "'convex'" map himmelblau --kind convex
expect_usage "--alpha" map himmelblau --kind pl --alpha 1
expect_usage "--optimizer" map himmelblau --kind strict-saddle --optimizer gd
expect_usage "'-1'" map himmelblau --kind strict-saddle --beta -1
expect_usage "'10x'" map himmelblau --kind pl --size 10x
expect_usage "lr=-1" map himmelblau --kind basins --set lr=-1
expect_usage "'warp'" map himmelblau --kind basins --optimizer warp
expect_usage "'csvx'" map himmelblau --kind pl --format csvx

run map cubic --kind pl
check "a ratio map without a minimum fails with status 1 and says why" \
    sh -c "test '$(status)' = 1 && grep -q 'no minimum' '$err' && test ! -s '$out'"

check "--help lists map and survey" \
    sh -c "'$SADDLE' --help | grep -q 'saddle map OBJECTIVE --kind' && '$SADDLE' --help | grep -q 'saddle survey OBJECTIVE --optimizer'"

tap_done
