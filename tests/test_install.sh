#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_install.sh: saddle as a packager builds it, from the distributed
# tree ($SADDLE_DISTDIR, made by `make check-install`): configure without
# cmocka builds the program and says the unit tests are off; `make install
# DESTDIR=` stages the program, manual, themes and the three shell
# completions; a reconfigure with another --prefix rebuilds what uses the
# paths, so the binary installed there finds its themes with the source
# tree gone, and carries neither the source nor the build directory.
SADDLE=${SADDLE:-unused}	# tap.sh asks for it; set below
. "$(dirname "$0")/tap.sh"
: "${SADDLE_DISTDIR:?run by make check-install}"
src=$tap_tmp/src
cp -R "$SADDLE_DISTDIR" "$src"
cd "$src" || exit 1

a=$tap_tmp/a
b=$tap_tmp/b
./configure --without-cmocka --prefix="$a" >"$tap_tmp/conf.a" 2>&1
check "configure --without-cmocka succeeds" test $? -eq 0
check "configure says the unit tests are disabled" \
    grep -q 'the unit tests are disabled' "$tap_tmp/conf.a"
make -j2 >"$tap_tmp/make.a" 2>&1
check "the program builds without cmocka" test -x src/saddle
check "make check would build no cmocka test" \
    sh -c "! make -n check 2>/dev/null | grep -q 'tests/test_params'"

stage=$tap_tmp/stage
make install DESTDIR="$stage" >"$tap_tmp/inst.stage" 2>&1
for f in bin/saddle share/man/man1/saddle.1 share/saddle/themes/magma.theme \
    share/bash-completion/completions/saddle share/zsh/site-functions/_saddle \
    share/fish/vendor_completions.d/saddle.fish; do
	check "make install DESTDIR= installs $f" test -s "$stage$a/$f"
done
make install >"$tap_tmp/inst.a" 2>&1

./configure --without-cmocka --prefix="$b" >"$tap_tmp/conf.b" 2>&1
make -j2 >"$tap_tmp/make.b" 2>&1
check "the new prefix recompiles the paths (theme.c)" \
    grep -q 'theme\.' "$tap_tmp/make.b"
make install >"$tap_tmp/inst.b" 2>&1
check "make install into the second prefix" test -x "$b/bin/saddle"

# The source tree and the first installation out of reach.
mv "$src" "$tap_tmp/gone"
rm -rf "$a"
env -i PATH=/usr/bin:/bin HOME="$tap_tmp/nohome" "$b/bin/saddle" list themes \
    >"$tap_tmp/themes" 2>&1
check "the installed binary finds its themes in the new prefix" \
    grep -q "magma *$b/share/saddle/themes/magma.theme" "$tap_tmp/themes"
env -i PATH=/usr/bin:/bin HOME="$tap_tmp/nohome" "$b/bin/saddle" render \
    himmelblau --theme cividis --size 72x20 --color none >/dev/null 2>&1
check "render --theme cividis works installed" test $? -eq 0
strings "$b/bin/saddle" >"$tap_tmp/strings"
check "the binary names its data directory" \
    grep -qF "$b/share/saddle" "$tap_tmp/strings"
check "the binary does not contain the source or build directory" \
    sh -c "! grep -qF -e '$src' -e '${BUILD_DIR:-$src}' '$tap_tmp/strings'"
check "the installed manual names the new themes directory" \
    grep -qF "$b/share/saddle/themes" "$b/share/man/man1/saddle.1"
tap_done
