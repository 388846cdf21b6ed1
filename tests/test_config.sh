#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# test_config.sh: the config file ($XDG_CONFIG_HOME/saddle/config): its
# theme and speed change what render draws, the command line overrides
# it, --no-config, --config and $SADDLE_CONFIG choose it, and a malformed
# one is refused with FILE:LINE, exit status 2 and nothing on stdout.
. "$SRCDIR/tests/tap.sh"

cfg="$XDG_CONFIG_HOME/saddle/config"
mkdir -p "$XDG_CONFIG_HOME/saddle"

# same NAME FILE1 FILE2 / differ NAME FILE1 FILE2
same() { if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1" "$2 and $3 differ"; fi; }
differ() { if cmp -s "$2" "$3"; then not_ok "$1" "$2 and $3 are the same"; else ok "$1"; fi; }

# render ARGS... > FILE, with colour so that the theme shows.
r() { out=$1; shift; "$SADDLE" render --size 72x20 --color 256 "$@" >"$tap_tmp/$out" 2>"$tap_tmp/err"; }

r plain
printf '# my defaults\n\ntheme = magma\n' >"$cfg"
r configured
r magma --no-config --theme magma
differ "a config file's theme changes the frame" "$tap_tmp/plain" "$tap_tmp/configured"
same "it is drawn as --theme would draw it" "$tap_tmp/configured" "$tap_tmp/magma"
r gray --theme gray
r gray_only --no-config --theme gray
same "--theme overrides the config file" "$tap_tmp/gray" "$tap_tmp/gray_only"
r ignored --no-config
same "--no-config ignores it" "$tap_tmp/plain" "$tap_tmp/ignored"

printf 'speed = 50\ncolor = none\n' >"$cfg"
run render --size 100x30
check "speed sets the steps per second the status line says" \
    grep -q "paused, 50 steps/s" "$tap_tmp/out"
if grep -q "$(printf '\033')" "$tap_tmp/out"; then
	not_ok "color = none draws without colour" "SGR codes in the output"
else
	ok "color = none draws without colour"
fi
run render --size 100x30 --speed 200
check "--speed overrides it" grep -q "paused, 200 steps/s" "$tap_tmp/out"

printf 'theme = magma\n' >"$tap_tmp/elsewhere"
r named --config "$tap_tmp/elsewhere"
same "--config FILE reads FILE" "$tap_tmp/named" "$tap_tmp/magma"
SADDLE_CONFIG="$tap_tmp/elsewhere" r env
same "\$SADDLE_CONFIG names the file" "$tap_tmp/env" "$tap_tmp/magma"
expect_usage "$tap_tmp/nonexistent" render --config "$tap_tmp/nonexistent"

printf 'theme = magma\n# levels next\ncolour = 16\n' >"$cfg"
expect_usage "config:3: unknown key 'colour'; expected one of theme, levels, color, optimizer, speed" render
printf 'levels = loggy\n' >"$cfg"
expect_usage "config:1: levels: 'loggy' is not a level scale" render
printf 'optimizer = adam\noptimizer = gd\n' >"$cfg"
expect_usage "config:2: 'optimizer' is set twice" render
printf 'speed = 7\n' >"$cfg"
expect_usage "config:1: speed: '7' is not a speed" render
expect_usage "--speed: speed: '7' is not a speed" render --no-config --speed 7

tap_done
