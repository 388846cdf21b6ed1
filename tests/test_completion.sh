#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# test_completion.sh: the shell completions (completions/) complete what
# the program's registries hold: bash through its completion function
# with COMP_LINE/COMP_WORDS as bash sets them, fish through `complete -C`,
# zsh through a real interactive zsh in a pty (zpty); and `saddle
# complete` itself, which all three relay.
. "${SRCDIR:-$(dirname "$0")/..}/tests/tap.sh"
src=${SRCDIR:-.}
bin=$tap_tmp/bin
mkdir -p "$bin"
ln -s "$SADDLE" "$bin/saddle"
export PATH="$bin:$PATH"

# complete WORDS...: what `saddle complete` offers, words only, on a line.
complete_words() { saddle complete -- "$@" | cut -f1 | tr '\n' ' '; }

check "complete: the commands at the first word" \
    test "$(complete_words r)" = "run render rosenbrock rastrigin "
check "complete: an objective's parameters after NAME:" \
    test "$(complete_words points rosenbrock:)" = "rosenbrock:a= rosenbrock:b= "
check "complete: the next parameter after a comma" \
    test "$(complete_words run rosenbrock:a=2,)" = "rosenbrock:a=2,a= rosenbrock:a=2,b= "
check "complete: survey's optimizers after a comma" \
    test "$(complete_words survey camel6 --optimizer gd,ad)" = "gd,adagrad gd,adam "
check "complete: map kinds are the core's" \
    test "$(complete_words map x --kind '')" = "strict-saddle pl quasiconvex rsi basins ntk-gap "
check "complete: charts, with : for those that take a point" \
    test "$(complete_words points pca --chart '')" = "default random hessian: points: trajectory "
check "complete: survey's formats from its help" \
    test "$(complete_words survey x --format '')" = "table csv json "
check "complete: render's colour depths" \
    test "$(complete_words render x --color '')" = "auto none 8 16 256 truecolor "
check "complete: themes, and file names, for --theme" \
    test "$(complete_words render x --theme '')" = "cividis gray magma viridis :file "
check "complete: list's sections" \
    test "$(complete_words list '')" = "objectives optimizers themes "
check "complete: nothing after an option that takes free text" \
    test "$(complete_words run x --steps '')" = ""
check "complete: run's options are its parser's" \
    test "$(complete_words run x --s)" = "--start --steps --seed --set "
check "complete: the visualizer's options hide --size and --colour" \
    sh -c "! saddle complete -- --  | grep -q -e '^--size' -e '^--colour'"
# Every objective and optimizer of `saddle list` is offered.
saddle list objectives | awk '/^  [a-z]/ { print $1 }' | sort >"$tap_tmp/objs"
saddle complete -- points '' | cut -f1 | sort >"$tap_tmp/cobjs"
check "complete: every objective of saddle list" cmp -s "$tap_tmp/objs" "$tap_tmp/cobjs"
saddle list optimizers | awk '/^  [a-z]/ { print $1 }' | sort >"$tap_tmp/opts"
saddle complete -- run x --optimizer '' | cut -f1 | sort >"$tap_tmp/copts"
check "complete: every optimizer of saddle list" cmp -s "$tap_tmp/opts" "$tap_tmp/copts"
expect_usage "complete" complete points

# bash: the function as bash calls it. COMP_WORDS split as bash splits
# with its default COMP_WORDBREAKS (":" and "=" are words of their own).
. "$src/completions/saddle"
bash_complete() {
	local l=$1
	COMP_LINE=$1
	COMP_POINT=${#1}
	l=${l//:/ : }
	l=${l//=/ = }
	read -r -a COMP_WORDS <<<"$l"
	[[ $1 == *' ' ]] && COMP_WORDS+=("")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_saddle saddle "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s ' "${COMPREPLY[@]}"
}
check "bash: saddle points him → himmelblau" \
    test "$(bash_complete 'saddle points him')" = "himmelblau "
check "bash: saddle run x --optimizer a → adagrad adam" \
    test "$(bash_complete 'saddle run x --optimizer a')" = "adagrad adam "
check "bash: saddle rosenbrock: → its keys, after bash's ':' word" \
    test "$(bash_complete 'saddle rosenbrock:')" = "a= b= "
check "bash: saddle map x --kind q → quasiconvex" \
    test "$(bash_complete 'saddle map x --kind q')" = "quasiconvex "
check "bash: the completion is registered for saddle" \
    sh -c "bash -c '. \"$src/completions/saddle\"; complete -p saddle' | grep -q _saddle"

# fish: its own completion query.
if command -v fish >/dev/null 2>&1; then
	fish_complete() {
		fish -N -c "source '$src/completions/saddle.fish'; complete -C '$1'" |
		    cut -f1 | tr '\n' ' '
	}
	check "fish: saddle points him → himmelblau" \
	    test "$(fish_complete 'saddle points him')" = "himmelblau "
	check "fish: saddle run x --optimizer a → adagrad adam" \
	    test "$(fish_complete 'saddle run x --optimizer a')" = "adagrad adam "
else
	not_ok "fish is installed (bootstrap and .ci/run install it)"
fi

# zsh: an interactive zsh in a pty, TAB twice, the listing read back.
if command -v zsh >/dev/null 2>&1; then
	mkdir -p "$tap_tmp/zfunc"
	cp "$src/completions/_saddle" "$tap_tmp/zfunc/"
	cat >"$tap_tmp/z.zsh" <<ZSH
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z 'PS1="%% "; fpath=($tap_tmp/zfunc \$fpath); autoload -Uz compinit; compinit -u -D'
zpty -w z \$'saddle run x --optimizer a\t\t'
out=
for i in {1..40}; do
	zpty -r -t z chunk 2>/dev/null && out+=\$chunk
	[[ \$out == *adam*adam* || \$out == *bias-corrected* ]] && break
	sleep 0.1
done
print -r -- "\$out"
zpty -d z
ZSH
	HOME=$tap_tmp timeout 20 zsh -f "$tap_tmp/z.zsh" 2>&1 | tr -d '\r' >"$tap_tmp/zout"
	check "zsh: saddle run x --optimizer a lists adagrad and adam, described" \
	    sh -c "grep -q 'adagrad  -- per-coordinate' '$tap_tmp/zout' &&
	    grep -q 'adam  -- momentum' '$tap_tmp/zout' &&
	    ! grep -q 'bfgs  --' '$tap_tmp/zout'"
else
	not_ok "zsh is installed (bootstrap and .ci/run install it)"
fi
tap_done
