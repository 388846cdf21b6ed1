#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_points_kinds.sh: points whose kind agrees with the eigenvalues it
# prints, where the formula's derivatives are undefined at the point (sqrt
# at 0, a non-integer power of 0, abs at 0), and --all's points off the
# slice (pca, tensor), against the chapter's closed forms.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"

# row KIND F L1 L2 X1 X2 TOL: the CSV output has exactly one row, of that
# kind, whose numbers are those within TOL (absolute).
one_row() {
	awk -F, -v k="$1" -v f="$2" -v l1="$3" -v l2="$4" -v x1="$5" \
	    -v x2="$6" -v t="$7" '
	function off(a, b) { return (a > b ? a - b : b - a) > t }
	NR == 1 { next }
	{ n++; if ($1 != k || off($2, f) || off($4, l1) || off($5, l2) ||
	    off($6, x1) || off($7, x2)) bad = 1 }
	END { exit !(n == 1 && !bad) }' "$tap_tmp/out"
}

# cos(√(x² + y²)) = 1 − r²/2 + ... is a strict maximum with ∇²f = −I:
# the formula's sqrt makes ∇²f 0·∞ at 0 itself, which the finder's
# tolerance once took for infinite (degenerate-max with λ = (−1, −1)).
run points -e 'cos(sqrt(x^2+y^2))' --window -1:1,-1:1
check "cos(sqrt(x^2+y^2)) on ±1: one max, λ = (−1, −1), at 0" \
    one_row max 1 -1 -1 0 0 1e-12
# On tiny windows the old finder printed nothing (1e-6 and below).
for w in -1e-3:1e-3,-1e-3:1e-3 -1e-8:1e-8,-1e-8:1e-8 -2e-10:1e-10,-1e-10:1e-10; do
	run points -e 'cos(sqrt(x^2+y^2))' --window "$w"
	check "cos(sqrt(x^2+y^2)) on $w: one max, λ = (−1, −1)" \
	    one_row max 1 -1 -1 0 0 1e-12
done
run points -e '1-cos(sqrt(x^2+4*y^2))' --window -0.5:0.5,-0.5:0.5
check "1-cos(sqrt(x^2+4y^2)): one min, λ = (1, 4)" \
    one_row min 0 1 4 0 0 1e-12

# (x² + y²)^√π = r^3.54: ∇f = 0 and ∇²f → 0 at 0, where the formula's
# Hessian is 0·∞; the point is a degenerate minimum on every window, and
# its eigenvalues are printed as the limit, 0.
for w in -1:1,-1:1 -100:100,-100:100 0:1,0:1 -1e-3:2e-3,-1e-3:1e-3; do
	run points -e '(x^2+y^2)^sqrt(pi)' --window "$w"
	check "(x^2+y^2)^sqrt(pi) on $w: one degenerate-min at 0, λ = 0" \
	    one_row degenerate-min 0 0 0 0 0 1e-12
done
# r³ and r^2.2: before, a root exactly at 0 (∇²f not finite) was dropped
# and nothing was printed.
for k in 1.5 1.1; do
	run points -e "(x^2+y^2)^$k" --window -1:1,-1:1
	check "(x^2+y^2)^$k: one degenerate-min at 0, λ = 0" \
	    one_row degenerate-min 0 0 0 0 0 1e-12
done
run points -e '(x^2+y^2)^1.1+x^2+3*y^2' --window -1:1,-1:1
check "(x^2+y^2)^1.1 + x^2 + 3y^2: a strict min, λ = (2, 6)" \
    one_row min 0 2 6 0 0 1e-9

# The tolerance does not grow with the window: λ_min = −4e-4 at the saddle
# between the minima (±0.01, 0) is clearly nonzero on ±1e5 too (it was
# swallowed by a floor of 1e-12 × the window's curvature scale, 0.02, and
# the point printed as degenerate-min).
for w in -1:1,-1:1 -1e5:1e5,-1e5:1e5; do
	run points -e '(x^2-1e-4)^2+y^2' --window "$w"
	check "(x^2-1e-4)^2+y^2 on $w: a saddle at 0, λ = (−4e-4, 2)" sh -c \
	    "grep -q '^saddle,1e-08,0,-0.0004000*2,2,0,0\$' '$tap_tmp/out'"
done

# abs at 0: one-sided derivatives ±1, abs'' = 0 beside it; the kind is
# degenerate, told by the values of f around the point.
run points -e 'abs(x)+y^2' --window -1:1,-1:1
check "abs(x)+y^2: degenerate-min, λ = (0, 2)" \
    one_row degenerate-min 0 0 2 0 0 0
run points -e 'abs(x)-y^2' --window -1:1,-1:1
check "abs(x)-y^2: degenerate-saddle, λ = (−2, 0)" \
    one_row degenerate-saddle 0 -2 0 0 0 0

# --all: pca's saddles ±√λ_i e_i off the plane of e1 and e2 (offset √λ_i,
# projection (0, 0)) within a quarter of the window's larger side; the
# window is ±ceil(3√λ1)/2, so d = 3 adds ±e3, d = 10 adds i = 5..10.
for d in 3 4 5 9 10; do
	run points "pca:d=$d" --all
	want=$(awk -v d="$d" 'BEGIN { s = int(3 * sqrt(d) + 0.999999) / 2;
	    for (i = 3; i <= d; i++) if (sqrt(d + 1 - i) <= s / 2 + 1e-9) n += 2;
	    print n }')
	got=$(tail -n +2 "$tap_tmp/out" | awk -F, '$NF > 1e-6' | wc -l)
	check "pca:d=$d --all adds $want saddles off the slice (got $got)" \
	    test "$got" -eq "$want"
done
run points pca:d=3 --all
check "pca:d=3 --all: the saddles ±e3 with f = 6.5, λ = (−4, 4), offset 1" \
    sh -c "awk -F, '\$NF > 0.5 && \$1 == \"saddle\" && \$2 == 6.5 &&
    \$4 + 4 < 1e-12 && \$4 + 4 > -1e-12 && \$5 - 4 < 1e-12 &&
    \$5 - 4 > -1e-12 && (\$NF - 1)^2 < 1e-24 { n++ } END { exit n != 2 }' \
    '$tap_tmp/out'"
run points pca:d=3
check "pca:d=3 without --all: the five points on the slice" \
    test "$(tail -n +2 "$tap_tmp/out" | wc -l)" -eq 5
run points tensor:d=4,n=4 --all
check "tensor:d=4,n=4 --all: all 3^4 − 1 = 80 stationary points" \
    test "$(tail -n +2 "$tap_tmp/out" | wc -l)" -eq 80

# matcomp (§4.2) at its defaults: the points beside its plane of z lie
# along the eigenvectors of ∇²f(0) = −2 P_Ω(zzᵀ) at every scale (0.01 from
# 0 for λ = −2e-4); --all once listed 29 of them, seeding Newton only at
# half and all of the largest offset. An independent search (120,000
# starts of Levenberg–Marquardt on ‖∇f‖², in R^20) found 45, 43 of which
# the finder now lists; test_finder_near checks them one by one.
run points matcomp --all
check "matcomp --all: at least 43 points near the slice (got $(tail -n +2 "$tap_tmp/out" | wc -l))" \
    test "$(tail -n +2 "$tap_tmp/out" | wc -l)" -ge 43
check "matcomp --all: every point's negation is listed too (f(−x) = f(x))" \
    awk -F, 'NR > 1 { n++; for (i = 6; i < NF; i++) x[n, i] = $i; last = NF }
	END { for (p = 1; p <= n; p++) { hit = 0
		for (q = 1; q <= n && !hit; q++) { far = 0
			for (i = 6; i < last; i++) { s = x[p, i] + x[q, i]
				if (s > 1e-8 || s < -1e-8) far = 1 }
			hit = !far }
		if (!hit) exit 1 } }' "$tap_tmp/out"
check "matcomp --all within its budget: no word of a cut on stderr" \
    sh -c "! grep -q 'stopped at its budget' '$tap_tmp/err'"
# At d = 60 the budget (4e9 flops) allows ~120 Newton runs: the list is
# cut short, and points says so.
run points matcomp:d=60 --all
check "matcomp:d=60 --all: stderr says the search beside the slice stopped at its budget" \
    grep -q 'points: --all: the search beside the slice stopped at its budget' "$tap_tmp/err"

# Two dimensions: the plane is the whole space, and --all adds nothing
# (it used to search R^d from every seed: glm:n=100000 --all took 4 times
# the CPU of points without it).
for o in himmelblau glm:n=2000; do
	run points "$o"
	tail -n +2 "$tap_tmp/out" >"$tap_tmp/plain"
	run points "$o" --all
	check "$o --all: the same rows as without, offsets within rounding" \
	    sh -c "tail -n +2 '$tap_tmp/out' | awk -F, '\$NF > 1e-12 { exit 1 }' &&
	    tail -n +2 '$tap_tmp/out' | sed 's/,[^,]*\$//' |
	    cmp -s - '$tap_tmp/plain'"
done

tap_done
