#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# bench_figure.sh: a 1200x800 PNG of himmelblau with three paths, the
# whole process (saddle render --output), beside matplotlib's
# contourf + contour + savefig of the same field and paths (python3 with
# python3-matplotlib; skipped with a message without it). Median of 7.
set -eu
SADDLE=${SADDLE:-src/saddle}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
runs=7

# median CMD...: the median wall time of CMD in milliseconds.
median() {
	i=0
	while [ $i -lt $runs ]; do
		s=$(date +%s%N)
		"$@" >/dev/null
		e=$(date +%s%N)
		echo $(( (e - s) / 1000000 ))
		i=$((i + 1))
	done | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

ms=$(median "$SADDLE" render himmelblau --optimizer gd,adam,pgd --steps 200 \
    --output "$tmp/saddle.png")
echo "saddle render --output, 1200x800 PNG, himmelblau, 3 paths: $ms ms (whole process, median of $runs)"

# The first python3 with matplotlib: on PATH, else the system's (where
# python3-matplotlib installs it when PATH has another python3 first).
py=""
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import matplotlib' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	echo "matplotlib: skipped (python3-matplotlib is not installed)"
	exit 0
fi
for m in gd adam pgd; do
	"$SADDLE" run himmelblau --optimizer $m --steps 200 --quiet >"$tmp/$m.csv"
done
# The same samples render draws (one every 2 pixels of a 604-pixel plot),
# 12 log-spaced levels, the paths as lines.
cat >"$tmp/mpl.py" <<'PY'
import sys
import numpy as np
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
d = sys.argv[1]
n = 302
a = np.linspace(-6, 6, n)
x, y = np.meshgrid(a, a)
f = (x**2 + y - 11)**2 + (x + y**2 - 7)**2
levels = f.min() + (f.max() - f.min()) * np.expm1(np.linspace(0, 1, 13) * np.log1p(1000)) / 1000
fig, ax = plt.subplots(figsize=(6, 4), dpi=200)
cs = ax.contourf(x, y, f, levels=levels, cmap="viridis")
ax.contour(x, y, f, levels=levels, colors="k", linewidths=0.4)
for m in ("gd", "adam", "pgd"):
    p = np.genfromtxt(d + "/" + m + ".csv", delimiter=",", names=True)
    ax.plot(p["x1"], p["x2"])
fig.colorbar(cs)
ax.set_aspect("equal")
fig.savefig(d + "/mpl.png")
PY
ms=$(median "$py" "$tmp/mpl.py" "$tmp")
echo "matplotlib contourf+contour+savefig, 1200x800 PNG, same field and paths: $ms ms (whole process, median of $runs)"
