#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_run.sh: `saddle run` end to end (DESIGN.md §2): the CSV and JSON
# contracts, the chapter's saddle story as the binary tells it, identical
# bytes for identical seeds, no NaN or Inf ever, and every usage error
# exits 2 naming the bad word with nothing on stdout.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

out=$tap_tmp/out
err=$tap_tmp/err
status() { cat "$tap_tmp/status"; }

# json EXPR...: evaluate a Python assertion over the JSON in $out (as d).
json() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
assert eval("(" + sys.argv[2] + ")"), sys.argv[2]' "$out" "$1" 2>"$tap_tmp/py"
}

# ---- CSV ------------------------------------------------------------------
run run himmelblau --optimizer gd --steps 50 --tol 0
check "run exits 0" test "$(status)" = 0
check "CSV header is the contract" \
    test "$(head -1 "$out")" = "iter,f,grad_norm,x1,x2"
check "--tol 0 runs every step: 51 rows, iterate 0 included" \
    test "$(tail -n +2 "$out" | wc -l)" -eq 51
check "rows count iterates from 0" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ' | cut -d' ' -f1,51)" = "0 50"
check "the default start is 5/16 across, 13/16 up the window (-2.25, 3.75)" \
    test "$(sed -n 2p "$out" | cut -d, -f4,5)" = "-2.25,3.75"
check "every number is written %.17g (it round-trips exactly)" \
    python3 -c 'import csv, sys
for row in list(csv.reader(open(sys.argv[1])))[1:]:
    for w in row[1:]:
        assert "%.17g" % float(w) == w, w' "$out"
if python3 -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1])))[1:]
f = [float(r[1]) for r in rows]
assert all(b <= a for a, b in zip(f, f[1:]))' "$out"; then
	ok "gd with lr = 1/L never increases f"
else
	not_ok "gd with lr = 1/L never increases f"
fi

run run himmelblau --optimizer gd --steps 0
check "--steps 0 prints iterate 0 alone" \
    test "$(tail -n +2 "$out" | wc -l)" -eq 1

# ---- JSON -----------------------------------------------------------------
run run doublewell --optimizer gd --start 0,1.5 --format json
check "JSON is valid" python3 -m json.tool "$out" /dev/null
check "JSON has the contract's fields" json 'set(d) >= {"objective",
    "optimizer", "params", "seed", "iterations", "stop_reason", "final",
    "events", "trajectory"} and set(d["final"]) >= {"x", "f", "grad_norm",
    "nearest"} and set(d["final"]["nearest"]) == {"kind", "x", "distance"}'
check "one trajectory entry per iterate, iterate 0 included" json \
    'len(d["trajectory"]) == d["iterations"] + 1 and
    d["trajectory"][0]["iter"] == 0 and d["trajectory"][0]["x"] == [0, 1.5]'
check "gd on the stable manifold converges to the saddle" json \
    'd["stop_reason"] == "converged" and
    d["final"]["nearest"]["kind"] == "saddle" and
    d["final"]["nearest"]["distance"] < 1e-6 and
    d["final"]["grad_norm"] < 1e-6'
check "the converged event names the saddle" json \
    '[e["point"]["kind"] for e in d["events"] if e["kind"] == "converged"]
    == ["saddle"]'

run run doublewell --optimizer pgd --start 0,1.5 --format json --seed 3
check "pgd escapes from the stable manifold to a minimum" json \
    'd["stop_reason"] == "converged" and
    d["final"]["nearest"]["kind"] == "min" and
    abs(abs(d["final"]["x"][0]) - 1) < 1e-6'
check "the escape event carries its step count" json \
    '[e for e in d["events"] if e["kind"] == "escape-saddle"
    and e["steps"] > 0 and e["text"].startswith("escaped the saddle at (0, 0) after")]'
check "the summary on stderr reports the escape" \
    grep -q "escaped the saddle at (0, 0) after [0-9]* steps" "$err"
check "params are the --set keys with their values" json \
    'set(d["params"]) == {"lr", "r", "g_thres", "t_thres"} and
    d["params"]["t_thres"] == 1000 and d["seed"] == 3'

run run doublewell --optimizer cubic --start 0.1,0.3 --format json --quiet
check "cubic escapes from (0.1, 0.3)" json \
    'd["final"]["nearest"]["kind"] == "min" and d["stop_reason"] == "converged"'
check "--quiet keeps stderr empty" test ! -s "$err"

run run himmelblau --optimizer adam --set lr=0.05,beta1=0.5 --format json
check "--set reaches the parameters" json \
    'd["params"]["lr"] == 0.05 and d["params"]["beta1"] == 0.5 and
    d["params"]["beta2"] == 0.999'

run run doublewell --optimizer newton --start 0.5773502691896258,0.5 --format json
check "a singular Hessian stops the run with an event" json \
    'd["stop_reason"] == "singular" and d["iterations"] == 0 and
    d["events"][-1]["kind"] == "singular"'

# ---- no NaN or Inf, ever --------------------------------------------------
for fmt in csv json; do
	run run saddle --optimizer gd --set lr=0.4 --steps 100000 --format $fmt
	check "a diverging run exits 0 ($fmt)" test "$(status)" = 0
	check "a diverging run prints no nan or inf ($fmt)" \
	    sh -c "! grep -qi 'nan\|inf' '$out'"
done
check "it stops with stop_reason diverged" json \
    'd["stop_reason"] == "diverged" and d["events"][-1]["kind"] == "diverged"'
run run monkey --optimizer cubic --steps 5000 --tol 0
check "cubic running off the monkey saddle prints no nan or inf" \
    sh -c "! grep -qi 'nan\|inf' '$out'"

# ---- determinism ----------------------------------------------------------
for m in sgd pgd; do
	run run doublewell --optimizer $m --start 0,0.5 --seed 9 --format json
	cp "$out" "$tap_tmp/a"
	run run doublewell --optimizer $m --start 0,0.5 --seed 9 --format json
	check "$m: the same seed gives the same bytes" cmp -s "$out" "$tap_tmp/a"
	run run doublewell --optimizer $m --start 0,0.5 --seed 10 --format json
	check "$m: another seed gives other bytes" \
	    sh -c "! cmp -s '$out' '$tap_tmp/a'"
done

# ---- list -------------------------------------------------------------------
run list optimizers
for m in gd momentum nesterov adagrad rmsprop adam newton cubic pgd sgd bfgs; do
	check "list optimizers shows $m" grep -q "^  $m " "$out"
done

# ---- usage errors -----------------------------------------------------------
expect_usage "'nope'" run himmelblau --optimizer nope
expect_usage "bfgs" run himmelblau --optimizer nope
expect_usage "'foo'" run himmelblau --optimizer gd --set foo=1
expect_usage "valid keys are lr" run himmelblau --optimizer gd --set foo=1
expect_usage "'lr'" run himmelblau --optimizer gd --set lr
expect_usage "'abc'" run himmelblau --optimizer gd --set lr=abc
expect_usage "lr=-1" run himmelblau --optimizer gd --set lr=-1
expect_usage "'lr'" run himmelblau --optimizer newton --set lr=1
expect_usage "--start" run himmelblau --optimizer gd --start 1
expect_usage "'x'" run himmelblau --optimizer gd --start 1,x
expect_usage "'1,2,3'" run himmelblau --optimizer gd --start 1,2,3
expect_usage "'1e300,0'" run himmelblau --optimizer gd --start 1e300,0
expect_usage "'-5'" run himmelblau --optimizer gd --steps -5
expect_usage "'2.5'" run himmelblau --optimizer gd --steps 2.5
expect_usage "'-1'" run himmelblau --optimizer gd --tol -1
expect_usage "'seven'" run himmelblau --optimizer gd --seed seven
expect_usage "'xml'" run himmelblau --optimizer gd --format xml
expect_usage "--optimizer" run himmelblau
expect_usage "OBJECTIVE" run --optimizer gd
expect_usage "'nope'" run nope --optimizer gd
expect_usage "'--bogus'" run himmelblau --optimizer gd --bogus
expect_usage "'extra'" run himmelblau --optimizer gd extra

tap_done
