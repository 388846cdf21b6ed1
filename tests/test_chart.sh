#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_chart.sh: --chart and --all from the command line (points, run,
# render): the window is the chart's own, the chosen plane is the one
# chart.h defines, stationary points of the full objective beside the
# slice are added with their offset, and every bad choice exits 2 naming
# the bad word with the accepted forms and nothing on stdout.
#
# Expected values come from the chapter: pca:d=5 (seed 0: v_i = e_i,
# λ_i = 6 − i) has exactly the stationary points 0 and ±√λ_i e_i, the
# minima only at ±√λ1 e1 = ±√5 e1 (Theorem 4.1); 0 is a maximum (its
# Hessian is −2M); glm's empirical risk has one stationary point ŵ, near
# w* (Theorem 3.3), which its default chart goes through and a random
# plane misses.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

out=$tap_tmp/out

# json EXPR: a Python assertion over the JSON in $out (as d).
json() {
	python3 -c 'import json, math, sys
d = json.load(open(sys.argv[1]))
assert eval("(" + sys.argv[2] + ")"), sys.argv[2]' "$out" "$1" 2>"$tap_tmp/py"
}

# jcheck DESCRIPTION EXPR: ok when the JSON assertion holds.
jcheck() {
	if json "$2"; then ok "$1"; else
		not_ok "$1" "$(tail -1 "$tap_tmp/py"); $(head -c 300 "$out")"
	fi
}

s5=2.2360679774997898	# √5
s3=1.7320508075688772	# √3

# ---- points ---------------------------------------------------------------
# The window defaults to the chart's: pca's default chart holds its minima,
# which lie outside the type's [−2, 2] (√5 > 2).
run points pca:d=5 --format json
jcheck "points pca:d=5: both minima ±√5 e1 in the default chart's window" \
    "sorted(round(p['x'][0], 9) for p in d['points'] if p['kind'] == 'min') == [-round(math.sqrt(5), 9), round(math.sqrt(5), 9)]"
jcheck "points pca:d=5: the window reported is the chart's and holds ±√5" \
    "d['window'][0] < -math.sqrt(5) and d['window'][1] > math.sqrt(5)"

# The plane through two minima and a saddle (full coordinates): P1, P2 at
# (∓√5, 0), P3 above the a axis at (0, √3); in it 0 is the maximum. The
# chart's window holds the three points.
run points pca:d=5 --format json \
    --chart "points:$s5,0,0,0,0;-$s5,0,0,0,0;0,0,$s3,0,0"
check "points --chart points:P1;P2;P3 exits 0" test "$(cat "$tap_tmp/status")" = 0
jcheck "P1 and P2, minima, sit at (∓√5, 0) of the chart, P3, a saddle, at (0, √3)" \
    "{(p['kind'], round(p['chart'][0], 9), round(p['chart'][1], 9)) for p in d['points']} >= {('min', -round(math.sqrt(5), 9), 0.0), ('min', round(math.sqrt(5), 9), 0.0), ('saddle', 0.0, round(math.sqrt(3), 9))}"
jcheck "every point lies on that plane (offset 0)" \
    "all(p['offset'] <= 1e-9 for p in d['points'])"
run points pca:d=5 --format json --window -3:3,-3:3 \
    --chart "points:$s5,0,0,0,0;-$s5,0,0,0,0;0,0,$s3,0,0"
jcheck "in [-3, 3]² that plane shows exactly 2 min, 2 saddle, 1 max" \
    "sorted(p['kind'] for p in d['points']) == ['max', 'min', 'min', 'saddle', 'saddle']"
jcheck "the saddles are ±√3 e3 (full coordinates), the maximum 0" \
    "sorted(round(p['x'][2], 9) for p in d['points'] if p['kind'] == 'saddle') == [-round(math.sqrt(3), 9), round(math.sqrt(3), 9)] and [p['x'] for p in d['points'] if p['kind'] == 'max'] == [[0, 0, 0, 0, 0]]"

# hessian:P at the maximum 0: the a axis is the most negative eigenvector
# (e1, λ = −10), the b axis the most positive (e5, λ = −2); the saddles
# ±e5 (λ5 = 1) are at (0, ±1).
run points pca:d=5 --chart hessian:0,0,0,0,0 --window -3:3,-3:3 --format json
jcheck "hessian at the maximum: 2 min, 1 max, 2 saddle in [-3, 3]²" \
    "sorted(p['kind'] for p in d['points']) == ['max', 'min', 'min', 'saddle', 'saddle']"
jcheck "hessian at the maximum: the saddles ±e5 at chart (0, ±1)" \
    "sorted(round(p['chart'][1], 9) for p in d['points'] if p['kind'] == 'saddle') == [-1.0, 1.0] and all(abs(p['x'][4]) == 1 for p in d['points'] if p['kind'] == 'saddle')"
jcheck "--window overrides the chart's window" "d['window'] == [-3, 3, -3, 3]"

# glm:d=5's one stationary point, ŵ, lies on its default chart (the plane
# through 0, w* and ŵ) and beside a random plane, where --all finds it.
run points glm:d=5 --format json
jcheck "points glm:d=5: the one minimum, on the default slice" \
    "[p['kind'] for p in d['points']] == ['min'] and d['points'][0]['offset'] <= 1e-9"
jcheck "w* at (‖w*‖, 0) = (2, 0), ŵ above the a axis near it" \
    "d['points'][0]['chart'][1] > 0 and math.hypot(d['points'][0]['chart'][0] - 2, d['points'][0]['chart'][1]) < 0.3"
run points glm:d=5 --chart random:2
check "points glm:d=5 on a random plane: nothing on the slice" \
    test "$(tail -n +2 "$out" | wc -l)" -eq 0
check "without --all the CSV header is the contract" \
    test "$(head -1 "$out")" = "kind,f,grad_norm,lambda_min,lambda_max,x1,x2,x3,x4,x5"
check "stderr says the slice shows nothing and --all looks beside it" \
    grep -q "no stationary point on this slice of a 5-dimensional objective; --all also searches beside it" "$tap_tmp/err"
run points glm:d=5 --chart random:2 --all
check "with --all the CSV gains an offset column" \
    test "$(head -1 "$out")" = "kind,f,grad_norm,lambda_min,lambda_max,x1,x2,x3,x4,x5,offset"
check "with --all: the one minimum near w*" \
    test "$(tail -n +2 "$out" | cut -d, -f1 | tr '\n' ' ')" = "min "
check "with --all stderr does not send the user to --all" \
    sh -c "! grep -q 'also searches beside' '$tap_tmp/err'"
run points glm:d=5 --chart random:2 --all --format json
jcheck "its offset is positive and within the near threshold (¼ of the window's side)" \
    "len(d['points']) == 1 and 0 < d['points'][0]['offset'] <= 0.25 * (d['window'][1] - d['window'][0])"
run points pca:d=5 --all
check "--all adds pca's saddles ±√λ_i v_i (i = 3, 4, 5) off its invariant plane of v1, v2" \
    test "$(tail -n +2 "$out" | awk -F, '$NF > 1e-9' | wc -l)" -eq 6

run points glm:d=5 --chart random:3 --all
cp "$out" "$tap_tmp/first"
run points glm:d=5 --chart random:3 --all
check "a seeded random chart gives the same bytes" cmp -s "$out" "$tap_tmp/first"

# ---- run ------------------------------------------------------------------
# The start is in chart coordinates; the trajectory stays in full ones.
run run pca:d=5 --optimizer gd --chart hessian:0,0 --start 0.1,0.1 \
    --steps 3000 --format json --quiet
check "run --chart exits 0" test "$(cat "$tap_tmp/status")" = 0
jcheck "the start (0.1, 0.1) of the hessian chart at 0 is 0.1(±e1 ± e5)" \
    "[abs(v) for v in d['trajectory'][0]['x']] == [0.1, 0, 0, 0, 0.1]"
jcheck "JSON names the chart and gives each iterate's chart coordinates" \
    "d['chart'] == 'hessian:0,0' and d['trajectory'][0]['chart'] == [0.1, 0.1] and d['trajectory'][0]['offset'] == 0"
jcheck "x stays full: 5 coordinates per iterate" \
    "all(len(t['x']) == 5 for t in d['trajectory'])"
jcheck "gd from there ends at a minimum ±√5 e1, f = ½‖M‖² − ½λ1² = 15 (Theorem 4.1)" \
    "abs(abs(d['final']['x'][0]) - math.sqrt(5)) < 1e-4 and max(abs(v) for v in d['final']['x'][1:]) < 1e-4 and abs(d['final']['f'] - 15) < 1e-6"
run run pca:d=5 --optimizer gd --steps 5 --format json --quiet
jcheck "without --chart the JSON is as before (no chart key)" \
    "'chart' not in d and 'chart' not in d['trajectory'][0]"

# ---- render ---------------------------------------------------------------
run render pca:d=5 --chart hessian:0,0 --window -3:3,-3:3 --size 100x30 \
    --color none
check "render --chart exits 0 with 30 lines" \
    sh -c "test \"\$(cat '$tap_tmp/status')\" = 0 && test \"\$(wc -l <'$out')\" -eq 30"
check "render --chart: the panel counts the plane's 5 points" \
    grep -q "stationary points in view: 5" "$out"
run render glm:d=5 --size 100x30 --color none
check "render glm:d=5: ŵ on the default slice" \
    grep -q "stationary points in view: 1" "$out"
run render glm:d=5 --chart random:2 --size 100x30 --color none
check "render glm:d=5 on a random plane: no point on the slice" \
    grep -q "stationary points in view: 0" "$out"
run render glm:d=5 --chart random:2 --all --size 100x30 --color none
check "render --all: the point beside it, and how far" \
    sh -c "grep -q 'stationary points in view: 1' '$out' && grep -q 'near slice: 1, off' '$out'"
run render pca:d=5 --optimizer gd --steps 40 --chart trajectory --size 100x30 \
    --color none
check "render --chart trajectory after --steps exits 0" \
    test "$(cat "$tap_tmp/status")" = 0

# ---- usage errors ---------------------------------------------------------
for cmd in "points pca:d=5" "run pca:d=5 --optimizer gd" "render pca:d=5"; do
	# shellcheck disable=SC2086
	expect_usage "'plane'" $cmd --chart plane
	# shellcheck disable=SC2086
	expect_usage "hessian:P, points:P1;P2;P3" $cmd --chart plane
	# shellcheck disable=SC2086
	expect_usage "'x'" $cmd --chart hessian:1,x
	# shellcheck disable=SC2086
	expect_usage "three" $cmd --chart "points:1,2;3,4"
	# shellcheck disable=SC2086
	expect_usage "'1,2,3'" $cmd --chart hessian:1,2,3
	# shellcheck disable=SC2086
	expect_usage "'-1'" $cmd --chart random:-1
	# shellcheck disable=SC2086
	expect_usage "one line" $cmd --chart "points:0,0;1,1;2,2"
done
expect_usage "'trajectory'" points pca:d=5 --chart trajectory
expect_usage "'trajectory'" run pca:d=5 --optimizer gd --chart trajectory
expect_usage "'trajectory'" render pca:d=5 --chart trajectory
expect_usage "--chart" points pca:d=5 --chart
expect_usage "'--bogus'" points pca:d=5 --bogus

tap_done
