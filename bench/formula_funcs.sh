#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# formula_funcs.sh: formulas that call tanh, atan, tan and non-integer
# powers (vmath's vector forms) through the two batch interpreters, beside
# the obvious numpy script, in one run:
#  - a survey, gd from N starts x S steps, every step taken (--tol 0):
#    f and its gradient over blocks (eval_batch.c); whole process;
#  - the field of SIDE x SIDE samples, as render and the TUI make it
#    (the value interpreter: bench_field -e), one thread.
# With SADDLE_BASE and BENCH_FIELD_BASE (another build's saddle and
# bench/bench_field, say main's before a change) the same runs through
# them too, and this build's CPU time over theirs. CPU seconds: on the
# shared machine the wall times are noisy, and only ratios measured in
# one run compare. numpy is skipped, loudly, when $PYTHON (python3, then
# /usr/bin/python3) cannot import it. Sizes: BENCH_N, BENCH_S, BENCH_SIDE.
set -u
src=${SRCDIR:-$(dirname "$0")/..}
saddle=${SADDLE:-./src/saddle}
field=${BENCH_FIELD:-./bench/bench_field}
base=${SADDLE_BASE:-}
fbase=${BENCH_FIELD_BASE:-}
n=${BENCH_N:-20000}
s=${BENCH_S:-1000}
side=${BENCH_SIDE:-1000}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

py=
for p in ${PYTHON:-python3 /usr/bin/python3}; do
	if "$p" -c 'import numpy' 2>/dev/null; then
		py=$p
		break
	fi
done
[ -z "$py" ] && echo "numpy: SKIPPED (no python imports numpy; set PYTHON)"

# cpu KEY CMD...: CMD's CPU seconds (user + system) in $tmp/KEY.
cpu() {
	key=$1
	shift
	if /usr/bin/time -f "%U %S" -o "$tmp/time" "$@" >/dev/null; then
		awk '{ printf "%.3f\n", $1 + $2 }' "$tmp/time" >"$tmp/$key"
	else
		echo "$key: FAILED"
		: >"$tmp/$key"
	fi
}

# fcpu KEY BENCH FORMULA: bench_field's one-thread CPU seconds.
fcpu() {
	"$2" -e "$3" "$side" | sed -n 's/^saddle field.*, 1 thread: .* \([0-9.]*\) s CPU$/\1/p' \
	    >"$tmp/$1"
}

# show LABEL KEY [BASEKEY]: a row, and the ratio to the base's.
show() {
	[ -s "$tmp/$2" ] || return 0
	line=$(printf '  %-34s %8s s CPU' "$1" "$(cat "$tmp/$2")")
	if [ $# -eq 3 ] && [ -s "$tmp/$3" ]; then
		line="$line$(paste "$tmp/$2" "$tmp/$3" | awk '{ printf \
		    "   (base %s s: %.2f of it)", $2, $1 / $2 }')"
	fi
	echo "$line"
}

# name and formula; survey_numpy.py's FUNCS has the same, by name.
while read -r name formula; do
	lr=$($saddle run -e "$formula" --optimizer gd --steps 0 --format \
	    json --quiet | head -1 | sed 's/.*"lr":\([^}]*\)}.*/\1/')
	echo "== $name: $formula (gd lr = $lr)"
	for b in saddle base; do
		bin=$saddle
		[ $b = base ] && bin=$base
		[ -n "$bin" ] && cpu "survey-$b" env OMP_DYNAMIC=false \
		    OMP_NUM_THREADS=1 "$bin" survey -e "$formula" --optimizer \
		    gd --starts "$n" --steps "$s" --tol 0
	done
	[ -n "$py" ] && cpu survey-numpy "$py" "$src/bench/survey_numpy.py" \
	    funcs-survey "$name" "$n" "$s" "$lr"
	show "survey ${n}x$s, 1 thread" survey-saddle survey-base
	show "numpy survey (whole process)" survey-numpy
	[ -x "$field" ] && fcpu field-saddle "$field" "$formula"
	[ -n "$fbase" ] && fcpu field-base "$fbase" "$formula"
	[ -n "$py" ] && "$py" "$src/bench/survey_numpy.py" funcs-field \
	    "$name" "$side" | sed -n 's/.* \([0-9.]*\) s CPU.*/\1/p' \
	    >"$tmp/field-numpy"
	show "field ${side}x$side, 1 thread" field-saddle field-base
	show "numpy field" field-numpy
	rm -f "$tmp"/survey-* "$tmp"/field-*
done <<'EOF_FORMULAS'
tanh tanh(3*x)*tanh(2*y)+0.1*(x^2+y^2)
atan atan(3*x)*atan(2*y)+0.1*(x^2+y^2)
pow 0.1*(x^2+1)^2.5+0.3*(y^2+1)^1.5-2*x*y
tan tan(0.4*x)*tan(0.4*y)+0.1*(x^2+y^2)
EOF_FORMULAS
