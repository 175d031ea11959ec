#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Shell completion in real shells: the script `influx-lite completion bash`
# prints, sourced in bash, completes commands and flags by calling the
# program back with --generate-bash-completion (urfave/cli v1.22.5's
# protocol, influx-cli cmd/influx/completion.go); through `ln -s influx-lite
# influx` the official CLI's own script (the same text, naming influx) works
# as is; every flag each leaf's --help lists is offered; the zsh script loads
# in zsh and registers its function. The candidates themselves are golden
# cases (tests/cli/cases/completion_*.case).
set -u
. "$(dirname "$0")/../lib/suite.sh"
BIN=$BUILD/influx-lite
[ -x "$BIN" ] || { fail completion_built "$BIN missing"; exit 1; }
mkdir -p "$TMPD/bin"
ln -s "$BIN" "$TMPD/bin/influx-lite"
ln -s "$BIN" "$TMPD/bin/influx"
export PATH="$TMPD/bin:/usr/bin:/bin" INFLUX_CONFIGS_PATH=/nonexistent

# complete PROG WORDS...: the candidates bash's completion function gives for
# the last word (the cursor at its end), one a line, sorted
complete_words() {
    local prog=$1; shift
    bash --norc --noprofile -c '
        source <("$0" completion bash) || exit 9
        [ "$(complete -p "$0")" = "complete -o bashdefault -o default -o nospace -F _cli_bash_autocomplete $0" ] || exit 8
        COMP_WORDS=("$0" "$@"); COMP_CWORD=$#
        _cli_bash_autocomplete
        printf "%s\n" "${COMPREPLY[@]}"' "$prog" "$@" | sort
}
expect() {  # NAME WANT GOT
    if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want [$(echo $2)], got [$(echo $3)]"; fi
}

expect completion_bash_completes_a_flag "--host" "$(complete_words influx-lite auth inactive --ho)"
expect completion_bash_completes_a_command "$(printf 'auth\nauthorization')" "$(complete_words influx-lite a)"
expect completion_bash_completes_a_subcommand "set-inactive" "$(complete_words influx-lite v1 auth s)"
expect completion_bash_short_flags "$(printf -- '-c\n-h\n-i\n-t')" \
    "$(complete_words influx-lite auth inactive - | grep -v -- '^--')"
expect completion_official_script_as_influx "$(printf -- '--id\n--ids-from')" \
    "$(complete_words influx v1 auth set-inactive --host x --i)"

# every flag a leaf's help lists is a candidate after "--", and nothing else
# but the two hidden string flags (influx-cli's coreFlags; urfave's
# printFlagSuggestions skips only hidden BoolFlags)
for leaf in "auth inactive" "v1 auth set-inactive"; do
    # shellcheck disable=SC2086 # the leaf's words
    listed=$( ("$BIN" $leaf --help | grep -oE -- '--[a-z0-9-]+' | grep -v -- '--help'
              printf '%s\n' --trace-debug-id --extra-http-header) | sort -u)
    # shellcheck disable=SC2086
    offered=$(complete_words influx-lite $leaf -- | grep -v -- '^--help$')
    expect "completion_lists_every_flag_of_${leaf// /_}" "$listed" "$offered"
done

# zsh: the script loads under compinit and registers its function for the program
if command -v zsh >/dev/null; then
    got=$(cd "$TMPD" && HOME=$TMPD zsh -f -c 'autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump" &&
          source <(influx-lite completion zsh) && print -r -- "${_comps[influx-lite]}"' 2>&1)
    expect completion_zsh_script_loads "_cli_zsh_autocomplete" "$got"
else
    fail completion_zsh_script_loads "zsh not installed (make deps)"
fi
exit $FAILED
