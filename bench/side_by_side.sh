#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# side_by_side.sh: saddle beside a plain C loop, the obvious numpy script
# and gnuplot, in one run (issue 12):
#  - gd on himmelblau, N starts x S steps, every step taken (survey
#    --tol 0): plain C, numpy, saddle on 1 and 2 threads;
#  - gd on the formula sin(3x)cos(2y)+0.1(x^2+y^2): plain C (libm),
#    numpy, saddle -e on 1 and 2 threads;
#  - the single-run engine (sd_optimizer_advance, bench_optimizer gd)
#    beside the plain C loop in the same process;
#  - `run --format csv` beside a C loop printing the same CSV;
#  - a basins map on 1 and 2 threads;
#  - `render himmelblau --size 240x70` beside gnuplot's dumb-terminal pm3d
#    map with contours of the same function.
# numpy (when $PYTHON, python3, cannot import it) and gnuplot (when it is
# not installed) are skipped, loudly. Sizes: BENCH_N, BENCH_S.
#
# The thread rows set OMP_DYNAMIC=false, so that the threads asked for are
# the threads used (saddle otherwise takes fewer on a busy machine). On a
# loaded machine the wall times are noisy: the CPU times and the ratios
# of one run are the figures to compare.
set -u
src=${SRCDIR:-$(dirname "$0")/..}
saddle=${SADDLE:-./src/saddle}
n=${BENCH_N:-100000}
s=${BENCH_S:-1000}
py=${PYTHON:-python3}
formula='sin(3*x)*cos(2*y)+0.1*(x^2+y^2)'
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# timed KEY LABEL CMD...: wall and CPU seconds of CMD (stdout discarded),
# printed and kept in $tmp/KEY as "wall cpu".
timed() {
	key=$1 label=$2
	shift 2
	/usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null ||
	    echo "$label: FAILED"
	awk '{ print $1, $2 + $3 }' "$tmp/time" >"$tmp/$key"
	awk -v l="$label" '{ printf "%s: %.3f s wall, %.3f s CPU\n", l, $1,
	    $2 }' "$tmp/$key"
}

# ratio WHAT A B: A's times over B's, wall and CPU.
ratio() {
	[ -s "$tmp/$2" ] && [ -s "$tmp/$3" ] || return 0
	paste "$tmp/$2" "$tmp/$3" | awk -v w="$1" '{ printf "  %s: %.2f of '\
'the wall time, %.2f of the CPU time\n", w, $1 / $3, $2 / $4 }'
}

has_numpy=0
if "$py" -c 'import numpy' 2>/dev/null; then
	has_numpy=1
else
	echo "numpy: SKIPPED ($py cannot import numpy; set PYTHON)"
fi

${CC:-cc} -O2 -o "$tmp/plain_gd" "$src/bench/plain_gd.c" -lm || exit 1
lr=$($saddle run himmelblau --optimizer gd --steps 0 --format json \
    --quiet | head -1 | sed 's/.*"lr":\([^}]*\)}.*/\1/')
echo "== gd on himmelblau, $n starts x $s steps, lr = $lr"
timed plain "plain C loop" "$tmp/plain_gd" survey "$n" "$s" "$lr"
[ $has_numpy = 1 ] && timed numpy "numpy survey" "$py" \
    "$src/bench/survey_numpy.py" survey "$n" "$s" "$lr"
for t in 1 2; do
	timed "survey$t" "saddle survey, $t thread(s)" env OMP_DYNAMIC=false \
	    OMP_NUM_THREADS=$t $saddle survey himmelblau --optimizer gd \
	    --starts "$n" --steps "$s" --tol 0
done
ratio "saddle (2 threads) / numpy, goal <= 0.5" survey2 numpy
ratio "2 threads / 1 thread" survey2 survey1

flr=$($saddle run -e "$formula" --optimizer gd --steps 0 --format json \
    --quiet | head -1 | sed 's/.*"lr":\([^}]*\)}.*/\1/')
fn=$((n / 10))
echo "== gd on $formula, $fn starts x $s steps, lr = $flr"
timed fplain "plain C loop (libm sin, cos)" "$tmp/plain_gd" formula "$fn" \
    "$s" "$flr"
[ $has_numpy = 1 ] && timed fnumpy "numpy formula survey" "$py" \
    "$src/bench/survey_numpy.py" formula "$fn" "$s" "$flr"
for t in 1 2; do
	timed "formula$t" "saddle -e survey, $t thread(s)" env \
	    OMP_DYNAMIC=false OMP_NUM_THREADS=$t $saddle survey -e "$formula" \
	    --optimizer gd --starts "$fn" --steps "$s" --tol 0
done
ratio "saddle (1 thread) / numpy, goal < 1" formula1 fnumpy
ratio "saddle (2 threads) / numpy, goal < 1" formula2 fnumpy
ratio "saddle (1 thread) / plain C" formula1 fplain
ratio "2 threads / 1 thread" formula2 formula1
echo "(the formula's 1000x1000 field: field_side_by_side.sh)"

echo "== the single-run engine: gd on himmelblau, steps/s in one process"
bopt=${BENCH_OPTIMIZER:-./bench/bench_optimizer}
if [ -x "$bopt" ]; then
	"$bopt" gd | sed -n 's/^  //p'
else
	echo "bench_optimizer: SKIPPED ($bopt not built; make bench builds it)"
fi

steps=1000000
echo "== one run of $steps steps, CSV"
timed csvplain "plain C loop, $steps-step CSV" "$tmp/plain_gd" csv $steps \
    "$lr"
timed csvsaddle "saddle run, $steps-step CSV" $saddle run himmelblau \
    --optimizer gd --steps $steps --tol 0 --format csv
ratio "saddle / plain C, goal <= 1.5" csvsaddle csvplain

echo "== basins map 400x200"
for t in 1 2; do
	timed "basins$t" "saddle basins map, $t thread(s)" env \
	    OMP_DYNAMIC=false OMP_NUM_THREADS=$t $saddle map himmelblau \
	    --kind basins --optimizer gd --size 400x200
done
ratio "2 threads / 1 thread" basins2 basins1

echo "== render himmelblau --size 240x70, whole process"
if command -v gnuplot >/dev/null 2>&1; then
	cat >"$tmp/himmelblau.gp" <<-'EOF'
	set terminal dumb 240,70 ansi256
	set view map
	set pm3d at b
	set contour base
	set cntrparam levels 10
	set isosamples 240,140
	set samples 240,140
	set xrange [-6:6]
	set yrange [-6:6]
	unset surface
	f(x,y) = (x**2+y-11)**2 + (x+y**2-7)**2
	splot f(x,y) with pm3d notitle, f(x,y) with lines nosurface notitle
	EOF
	timed gnuplot "gnuplot dumb 240,70 ansi256, pm3d map + contours" \
	    gnuplot "$tmp/himmelblau.gp"
else
	echo "gnuplot: SKIPPED (not installed; apt-get install gnuplot-nox)"
fi
# One process is a few milliseconds, below /usr/bin/time's resolution:
# 20 of them, each row a twentieth.
cat >"$tmp/render20" <<EOF
#!/bin/sh
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	$saddle render himmelblau --size 240x70 >/dev/null || exit 1
done
EOF
chmod +x "$tmp/render20"
timed render20 "saddle render x 20" "$tmp/render20"
awk '{ print $1 / 20, $2 / 20 }' "$tmp/render20" >"$tmp/render"
awk '{ printf "saddle render: %.4f s wall, %.4f s CPU\n", $1, $2 }' \
    "$tmp/render"
if [ -s "$tmp/gnuplot" ]; then
	paste "$tmp/gnuplot" "$tmp/render" | awk '{ printf "  gnuplot / '\
'saddle, goal >= 50: %.0fx the wall time, %.0fx the CPU time\n",
	    $1 / $3, $2 / $4 }'
fi
