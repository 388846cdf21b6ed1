#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_spdx.sh: the licence is stated: COPYING holds the GPL version 3 and
# every source file carries the SPDX line (tools/spdx-check).
top=${SRCDIR:-$(dirname "$0")/..}
echo 1..2
if grep -q 'GNU GENERAL PUBLIC LICENSE' "$top/COPYING" &&
    grep -q 'Version 3, 29 June 2007' "$top/COPYING"; then
	echo "ok 1 - COPYING holds the GNU GPL version 3"
else
	echo "not ok 1 - COPYING holds the GNU GPL version 3"
fi
if out=$(sh "$top/tools/spdx-check" "$top" 2>&1); then
	echo "ok 2 - every source file carries the SPDX line"
else
	echo "not ok 2 - every source file carries the SPDX line"
	echo "$out" | sed 's/^/# /'
fi
