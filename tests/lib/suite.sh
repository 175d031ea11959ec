# SPDX-License-Identifier: Apache-2.0
# Sourced by the shell suites, as tests/lib/suite.py is imported by the Python
# ones: ROOT and BUILD, a private temporary directory $TMPD removed at exit,
# clean-ups run at exit whatever happened (at_exit), the PASS/FAIL/SKIP lines
# that tests/run_all.sh counts, and case_run, the runner of one command.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${BUILD:-$ROOT/build}
TMPD=$(mktemp -d -t "il-$(basename "$0" .sh).XXXXXX")
FAILED=0
_il_cleanups=()

# at_exit WORDS...: run this command at exit (the last registered first).
at_exit() { _il_cleanups+=("$(printf '%q ' "$@")"); }
_il_exit() {
    local i
    set +e
    for ((i = ${#_il_cleanups[@]} - 1; i >= 0; i--)); do eval "${_il_cleanups[$i]}"; done
    rm -rf "$TMPD"
}
trap _il_exit EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; FAILED=1; }
skip() { echo "SKIP $1: $2"; }

# case_run NAME EXPECTED-EXIT CHECK COMMAND...: runs COMMAND, its stdout in
# $TMPD/out and stderr in $TMPD/err; PASS when it exits EXPECTED-EXIT and the
# function CHECK prints nothing, else FAIL with the exit, what CHECK printed
# and the start of stderr.
case_run() {
    local name=$1 want=$2 check=$3 rc why
    shift 3
    "$@" >"$TMPD/out" 2>"$TMPD/err"
    rc=$?
    why=$("$check")
    if [ "$rc" -eq "$want" ] && [ -z "$why" ]; then
        pass "$name"
    else
        fail "$name" "exit $rc (want $want)${why:+; $why}; stderr: $(head -c 300 "$TMPD/err" | tr '\n' ' ')"
    fi
}
