#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_cli.sh: the command-line contract of DESIGN.md §2 for --help,
# --version, list and points: output shapes, and every usage error exits 2
# naming the bad word with nothing on stdout.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

run --help
check "--help exits 0 and shows the subcommands" \
    grep -q "saddle points OBJECTIVE" "$tap_tmp/out"
run --version
check "--version prints the version" grep -q "^saddle [0-9]" "$tap_tmp/out"

run list objectives
for name in himmelblau rosenbrock camel6 beale rastrigin doublewell \
    quadwell saddle monkey cubic linnet; do
	check "list objectives shows $name" grep -q "^  $name " "$tap_tmp/out"
done
# The data an instance holds: glm's n·d + n doubles, 200·3 at the
# defaults, 100000·201 at the largest (issue 13), twice that and 200²
# more with ntk=1 (its features, offsets and Hessian).
check "list objectives says what glm's data weighs" grep -q \
    "data: n·d + n doubles (samples, labels; d more for ŵ when d > 2; ntk=1 twice that and d² more; a chart adds 4n) = 4.8 kB at the defaults, 322 MB at the largest" \
    "$tap_tmp/out"
# twolayer's: 200·(2·2 + 1) + (2 + 2)·2 at the defaults; at the largest
# (n = 100000, k = m = kt = 16, ntk=1) 100000·33 + 512, and the model's
# 100000·257 features and offsets, 256² and 2·256: 233 MB, not the
# 13.6 MB it said before ntk=1 was counted.
check "list objectives says what twolayer's data weighs, ntk=1 included" \
    grep -q "= 8.06 kB at the defaults, 233 MB at the largest" "$tap_tmp/out"
check "list objectives weighs every sample-based objective" \
    test "$(grep -c '^      data: ' "$tap_tmp/out")" -ge 4
run list
check "bare list shows objectives and optimizers" \
    sh -c "grep -q '^objectives' '$tap_tmp/out' && grep -q '^optimizers' '$tap_tmp/out'"

# points: CSV header, one row per point, the kinds of Himmelblau's nine.
run points himmelblau
check "points exits 0" test "$(cat "$tap_tmp/status")" = 0
check "points CSV header is the contract" test \
    "$(head -1 "$tap_tmp/out")" = "kind,f,grad_norm,lambda_min,lambda_max,x1,x2"
check "himmelblau has 9 stationary points" test \
    "$(tail -n +2 "$tap_tmp/out" | wc -l)" -eq 9
check "himmelblau: 4 min, 4 saddle, 1 max" test \
    "$(tail -n +2 "$tap_tmp/out" | cut -d, -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ';')" = \
    " 1 max; 4 min; 4 saddle;"
# Sorted by f; values equal to rounding (the four minima, f ~ 1e-30) tie.
check "rows are sorted by f" sh -c "tail -n +2 '$tap_tmp/out' | cut -d, -f2 |
    awk 'NR > 1 && p - \$1 > 1e-9 * (1 + (\$1 < 0 ? -\$1 : \$1)) { bad = 1 }
    { p = \$1 } END { exit bad }'"
run points himmelblau --window 0:6,0:6
check "a window keeps only its points (one minimum in the first quadrant)" \
    test "$(tail -n +2 "$tap_tmp/out" | grep -c '^min,')" -eq 1
run points cubic --format json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["points"];
assert d["objective"]=="cubic" and len(p)==1 and p[0]["kind"]=="degenerate-saddle"
assert len(p[0]["eigenvalues"])==2 and p[0]["chart"]==p[0]["x"]' "$tap_tmp/out"; then
	ok "points --format json: cubic's one degenerate saddle, all fields"
else
	not_ok "points --format json" "$(cat "$tap_tmp/out")"
fi
# The proof (certify.h): cubic's degenerate saddle is not proven, so its
# list is not complete, says where, and says so on stderr in one line;
# himmelblau's is, silently; a d-dimensional objective has no proof.
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
b=d["unresolved_boxes"]
assert d["complete"] is False and d["unresolved"]==len(b)==1
assert b[0][0]<=0<=b[0][1] and b[0][2]<=0<=b[0][3]' "$tap_tmp/out"; then
	ok "points --format json: cubic is not complete, unresolved around 0"
else
	not_ok "points --format json: complete and unresolved" "$(cat "$tap_tmp/out")"
fi
check "cubic: one stderr line says the list may be incomplete" test \
    "$(cat "$tap_tmp/err")" = \
    "saddle: points: 1 region unresolved (a degenerate point); the list may be incomplete"
run points himmelblau --format json
check "himmelblau: complete, nothing unresolved, nothing on stderr" sh -c \
    "grep -q '\"complete\":true,\"unresolved\":0,\"unresolved_boxes\":\[\]' \
    '$tap_tmp/out' && test ! -s '$tap_tmp/err'"
run points pca:d=3 --format json
check "pca:d=3: not certified, said on stderr" sh -c \
    "grep -q '\"complete\":false' '$tap_tmp/out' &&
    grep -q 'no certified search here' '$tap_tmp/err'"
check "pca:d=3: why: no interval form, in JSON and on stderr" sh -c \
    "grep -q '\"unresolved_why\":\[\[\"no-interval\"\]\]' '$tap_tmp/out' &&
    grep -q 'here (no interval form); the list' '$tap_tmp/err'"
# x²y²'s axes are a continuum of stationary points: JSON says why and
# gives three points on it, stderr names it and them.
run points -e 'x^2*y^2' --format json
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
t=d["unresolved_through"]
assert d["unresolved_why"]==[["continuum"]] and len(t)==1 and len(t[0])==3
assert all(min(abs(a),abs(b))<1e-9 for a,b in t[0])' "$tap_tmp/out"; then
	ok "x^2*y^2: JSON: one region, a continuum, three points on the axes"
else
	not_ok "x^2*y^2: JSON unresolved_why" "$(cat "$tap_tmp/out")"
fi
check "x^2*y^2: stderr says why and names the continuum's points" sh -c \
    "head -1 '$tap_tmp/err' | grep -qx 'saddle: points: 1 region unresolved (a continuum); the list may be incomplete' &&
    tail -n +2 '$tap_tmp/err' | grep -qx 'saddle: points: continuum of stationary points through (.*, .*), (.*, .*), (.*, .*) .* not isolated, so not classified (listed once for each kind of point on it)'"
run points -e '(x^2-1e-4)^2+y^2' --window -0.5:0.5,-0.5:0.5
check "minima 0.02 apart in a window of 1 stay two (and the saddle)" test \
    "$(tail -n +2 "$tap_tmp/out" | cut -d, -f1 | tr '\n' ' ')" = \
    "min min saddle "
run points himmelblau
cp "$tap_tmp/out" "$tap_tmp/first"
run points himmelblau
check "points is deterministic" cmp -s "$tap_tmp/out" "$tap_tmp/first"

# Usage errors: exit 2, the bad word named, stdout empty.
expect_usage "'nosuch'" points nosuch
expect_usage "himmelblau" points nosuch
expect_usage "'c'" points rosenbrock:c=2
expect_usage "'fast'" points rosenbrock:b=fast
expect_usage "'x'" points himmelblau:x=1
expect_usage "1:2" points himmelblau --window 1:2
expect_usage "3:-3" points himmelblau --window 3:-3,0:1
expect_usage "'xml'" points himmelblau --format xml
expect_usage "--frobnicate" points himmelblau --frobnicate
expect_usage "--window" points himmelblau --window
expect_usage "missing OBJECTIVE" points
expect_usage "'extra'" points himmelblau extra
expect_usage "--grid" points himmelblau --grid 1.5
expect_usage "'nosuch'" list nosuch
# User formulas (-e) wherever an objective is accepted.
run points -e '(x^2-1)^2 + y^2'
check "points -e: the doublewell formula has 2 minima and 1 saddle" test \
    "$(tail -n +2 "$tap_tmp/out" | cut -d, -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ';')" = \
    " 2 min; 1 saddle;"
run points doublewell
cp "$tap_tmp/out" "$tap_tmp/builtin"
run points --expr '(x^2-1)^2 + y^2' --window -2:2,-2:2
check "the formula gives the built-in's points" sh -c \
    "cut -d, -f1,6,7 '$tap_tmp/out' | awk -F, 'NR>1{printf \"%s %.9f %.9f\\n\", \$1, \$2, \$3}' >'$tap_tmp/a';
     cut -d, -f1,6,7 '$tap_tmp/builtin' | awk -F, 'NR>1{printf \"%s %.9f %.9f\\n\", \$1, \$2, \$3}' >'$tap_tmp/b';
     cmp -s '$tap_tmp/a' '$tap_tmp/b'"
expect_usage "column 5" points -e '(x+1'
expect_usage "expected ')' to close '('" points -e '(x+1'
expect_usage "empty" points -e ''
expect_usage "'foo'" points -e 'foo(x)'
expect_usage "both OBJECTIVE" points himmelblau -e 'x'
expect_usage "column" run -e 'x+' --optimizer gd
run run -e 'x^2 - y^2' --optimizer gd --start 1,0.5 --steps 5 --format csv
check "run -e steps a formula" test "$(wc -l <"$tap_tmp/out")" -eq 7

# Undefined regions of a formula: their own colour, hatched without colour,
# a legend line; no NaN printed.
run render -e 'log(x) + y^2' --window -2:2,-2:2 --size 100x24 --color none
check "render: an undefined region is hatched and in the legend" sh -c \
    "grep -q '////' '$tap_tmp/out' && grep -q 'undefined: 50% of view' '$tap_tmp/out'"
check "render: no NaN or Inf printed" sh -c "! grep -qi 'nan\\|inf' '$tap_tmp/out'"
run render -e 'log(x) + y^2' --window -2:2,-2:2 --size 100x24 --color truecolor
check "render: undefined samples take the theme's undefined colour" \
    grep -q '58;58;58m' "$tap_tmp/out"
run run -e 'log(x) + y^2' --optimizer gd --start 0.5,1 --set lr=2 --steps 20
check "run: stepping into an undefined region stops with an event" sh -c \
    "grep -q 'diverged' '$tap_tmp/err' && test \$(wc -l <'$tap_tmp/out') -eq 2"

# One option, one behaviour, one message: --steps, --seed and --tol are
# read by the same parsers (params.h) in every subcommand that takes them.
same_usage() {
	want=$1; shift
	for cmd in "run himmelblau --optimizer gd" "render himmelblau" \
	    "survey himmelblau --optimizer gd" "map himmelblau --kind basins"; do
		# shellcheck disable=SC2086
		run $cmd "$@"
		check "saddle $cmd $*: exit 2, nothing on stdout, \"$want\"" \
		    sh -c "test \$(cat '$tap_tmp/status') = 2 &&
		    test ! -s '$tap_tmp/out' &&
		    test \"\$(cat '$tap_tmp/err')\" = \"saddle: $want\""
	done
}
same_usage "--tol: '-1' is not a tolerance: expected a number ≥ 0 such as 1e-6 (0 runs every step)" --tol -1
same_usage "--tol: 'nan' is not a tolerance: expected a number ≥ 0 such as 1e-6 (0 runs every step)" --tol nan
same_usage "--seed: '4294967296' is not a whole number from 0 to 4294967295" --seed 4294967296
same_usage "--steps: '1e30' is not a whole number from 0 to 10000000" --steps 1e30
same_usage "--steps: '-1' is not a whole number from 0 to 10000000" --steps -1
# --tol 0 never stops on the gradient, in every subcommand: each run takes
# every step (with 1e-6, gd from 20 starts on himmelblau stops within 300).
for cmd in "run himmelblau --optimizer gd --steps 5" \
    "render himmelblau --steps 5 --size 72x20" \
    "survey himmelblau --optimizer gd --starts 5 --steps 5" \
    "map himmelblau --kind basins --size 4x4 --steps 5"; do
	# shellcheck disable=SC2086
	run $cmd --tol 0
	check "saddle $cmd --tol 0 exits 0" test "$(cat "$tap_tmp/status")" = 0
done
run survey himmelblau --optimizer gd --starts 20 --steps 2000 --format csv
check "survey --tol 1e-6: every gd run converges, p90 under 2000 steps" \
    sh -c "tail -1 '$tap_tmp/out' |
    awk -F, '{ exit !(\$3 == 1 && \$7 == 0 && \$9 < 2000) }'"
run survey himmelblau --optimizer gd --starts 20 --steps 2000 --tol 0 \
    --format csv
check "survey --tol 0: every run takes all 2000 steps, as run --tol 0" \
    test "$(tail -1 "$tap_tmp/out" | cut -d, -f3,7,8,9)" = "0,1,2000,2000"

# The manual documents everything the registries hold, and groff is silent.
man="${SADDLE%/src/saddle}/man/saddle.1"	# built from saddle.1.in
for section in objectives optimizers; do
	run list $section
	for name in $(grep -o '^  [a-z0-9-]*' "$tap_tmp/out"); do
		check "man page documents $section entry $name" \
		    grep -q "^\.B $name\$" "$man"
	done
done
# The manual's synopsis lists the kinds of the map registry (which an
# unknown kind's error lists).
run map himmelblau --kind '?'
kinds=$(sed -n 's/.*expected //p' "$tap_tmp/err" | sed 's/, /|/g; s/ or /|/')
check "an unknown kind's error lists the kinds" \
    sh -c "echo '$kinds' | grep -q '^strict-saddle|[a-z|-]*basins|ntk-gap\$'"
check "the manual's synopsis lists the map kinds" grep -qxF -- \
    ".BR $(echo "$kinds" | sed 's/-/\\-/g; s/|/ | /g')" "$man"
if command -v groff >/dev/null; then
	groff -man -ww -z "$man" >"$tap_tmp/groff" 2>&1
	check "groff -man -ww -z prints no warning" test ! -s "$tap_tmp/groff"
fi
tap_done
