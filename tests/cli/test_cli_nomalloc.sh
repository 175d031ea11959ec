#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# No-malloc proof: the CLI linked with malloc/calloc/realloc/free wrapped
# (build/cli/influx-lite-nomalloc, tests/lib/wrap_malloc.c) makes zero calls
# from project code (core, ports, boards/linux, mbedTLS) during a full
# inactivation. What remains is inside the shared libc (getaddrinfo's NSS).
set -u
. "$(dirname "$0")/double_env.sh"
BIN="$ROOT/build/cli/influx-lite-nomalloc"
[ -x "$BIN" ] || { fail nomalloc_built "$BIN missing (make test-build)"; exit 1; }

count_case() {  # name expected-exit args...
    local name=$1 want=$2; shift 2
    rm -f "$TMPD/count"
    IL_MALLOC_COUNT_FILE="$TMPD/count" "$BIN" "$@" >"$TMPD/out" 2>"$TMPD/err"
    local rc=$? n
    n=$(cat "$TMPD/count" 2>/dev/null || echo missing)
    if [ "$rc" -eq "$want" ] && [ "$n" = 0 ]; then pass "$name"
    else fail "$name" "exit $rc (want $want), project malloc calls: $n; $(head -c 200 "$TMPD/err")"; fi
}
reset_double
count_case nomalloc_auth_inactive 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000
reset_double
count_case nomalloc_v1_username_json 0 v1 auth set-inactive --host "$DOUBLE_URL" -t op-token-for-tests --username myv1user --json
reset_double
printf '# batch\n06c86c40a9f36000\n0d2a3c5b7e8f9999\n\n0d2a3c5b7e8f9000\n' >"$TMPD/ids"
count_case nomalloc_batch_ids_from 3 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --ids-from "$TMPD/ids"
reset_double
count_case nomalloc_batch_v1_json 0 v1 auth set-inactive --host "$DOUBLE_URL" -t op-token-for-tests --json -i 06c86c40a9f36000 -i 06c86c40a9f36000
count_case nomalloc_retries_refused 2 auth inactive --host http://127.0.0.1:1 --id 06c86c40a9f36000 --retries 3 --timeout 1s
count_case nomalloc_localhost_name 2 auth inactive --host http://localhost:1 --id 06c86c40a9f36000
count_case nomalloc_usage 1 auth inactive --bogus
exit $FAILED
