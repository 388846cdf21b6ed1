#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# points_same.sh: the `points` output (csv, json and table, stderr and
# exit status) of the finder's cases that a speed change must not move,
# one file per case and format in DIR: twolayer at k=16,m=16 (n = 1e3,
# 1e4, 1e5), its defaults, act=1 and act=2, --all and random charts;
# glm, pca, matcomp, tensor and camel6. Dump the build before a change
# and the one after, and compare:
#   SADDLE=/path/to/old/saddle sh bench/points_same.sh /tmp/old
#   sh bench/points_same.sh /tmp/new && diff -r /tmp/old /tmp/new
# QUICK=1 leaves out the cases that take more than a few seconds.
set -u
saddle=${SADDLE:-./src/saddle}
dir=${1:?usage: points_same.sh DIR}
mkdir -p "$dir" || exit 1

cases='twolayer
twolayer --all
twolayer --chart random:3
twolayer:act=1
twolayer:act=2
twolayer:act=1 --all
twolayer:k=16,m=16,n=1000
twolayer:k=4,m=4,n=1000,act=1
twolayer:k=16,m=16,n=1000,act=2
twolayer:k=16,m=16,n=1000 --chart random:7
twolayer:k=16,m=16,n=1000 --all
twolayer:k=4,m=4,n=2000 --all
twolayer:k=16,m=16,n=10000
twolayer:k=16,m=16,n=10000,act=2
glm
glm:n=20000
pca:d=200
matcomp
tensor
camel6'
[ "${QUICK:-0}" = 1 ] || cases="$cases
twolayer:k=16,m=16,n=100000
twolayer:k=8,m=8,n=1000,act=1
glm:d=200,n=100000"

echo "$cases" | while IFS= read -r c; do
	name=$(echo "$c" | tr ' :=,' '____')
	for fmt in csv json table; do
		# shellcheck disable=SC2086
		"$saddle" points $c --format $fmt >"$dir/$name.$fmt" \
		    2>"$dir/$name.$fmt.err"
		echo "exit $?" >>"$dir/$name.$fmt.err"
	done
done
