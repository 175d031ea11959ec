#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# No-malloc proof: the CLI linked with malloc/calloc/realloc/free wrapped
# (build/cli/influx-lite-nomalloc, tests/lib/wrap_malloc.c) makes zero calls
# from project code (core, ports, boards/linux, mbedTLS) during a full
# inactivation. What remains is inside the shared libc (getaddrinfo's NSS).
set -u
. "$(dirname "$0")/../lib/suite.sh"
. "$ROOT/tests/lib/double.sh"
BIN="$BUILD/cli/influx-lite-nomalloc"
[ -x "$BIN" ] || { fail nomalloc_built "$BIN missing (make test-build)"; exit 1; }
double_start DOUBLE || { fail nomalloc_double "the double did not start"; exit 1; }
DOUBLE_URL="http://127.0.0.1:$DOUBLE_PORT"
export HOME="$TMPD" INFLUX_CONFIGS_PATH="$TMPD/no-configs" IL_MALLOC_COUNT_FILE="$TMPD/count"

malloc_calls() {  # prints the count of project malloc calls unless it is 0
    local n
    n=$(cat "$TMPD/count" 2>/dev/null || echo missing)
    [ "$n" = 0 ] || echo "project malloc calls: $n"
}
count_case() {  # name expected-exit args...
    local name=$1 want=$2
    shift 2
    rm -f "$TMPD/count"
    case_run "$name" "$want" malloc_calls "$BIN" "$@"
}
double_reset "$DOUBLE_URL"
count_case nomalloc_auth_inactive 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000
double_reset "$DOUBLE_URL"
count_case nomalloc_v1_username_json 0 v1 auth set-inactive --host "$DOUBLE_URL" -t op-token-for-tests --username myv1user --json
double_reset "$DOUBLE_URL"
printf '# batch\n06c86c40a9f36000\n0d2a3c5b7e8f9999\n\n0d2a3c5b7e8f9000\n' >"$TMPD/ids"
count_case nomalloc_batch_ids_from 3 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --ids-from "$TMPD/ids"
double_reset "$DOUBLE_URL"
printf '06c86c40a9f36000\n06c86c40a9f36000\n' >"$TMPD/ids2"
count_case nomalloc_batch_v1_json 0 v1 auth set-inactive --host "$DOUBLE_URL" -t op-token-for-tests --json --ids-from "$TMPD/ids2"
count_case nomalloc_retries_refused 2 auth inactive --host http://127.0.0.1:1 --id 06c86c40a9f36000 --retries 3 --timeout 1s
count_case nomalloc_localhost_name 2 auth inactive --host http://localhost:1 --id 06c86c40a9f36000
count_case nomalloc_usage 1 auth inactive --bogus

# HTTPS, TLS 1.3 (the double offers 1.2 and 1.3): mbedTLS and PSA allocate
# from the port's pool only
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TMPD/tls.key" -out "$TMPD/tls.crt" 2>/dev/null
double_start TLS --tls-cert "$TMPD/tls.crt" --tls-key "$TMPD/tls.key" ||
    { fail nomalloc_tls_double "the TLS double did not start"; exit 1; }
count_case nomalloc_https_auth_inactive 0 auth inactive --host "https://127.0.0.1:$TLS_PORT" -t op-token-for-tests \
    --id 06c86c40a9f36000 --ca-cert "$TMPD/tls.crt"
count_case nomalloc_https_unknown_ca 2 auth inactive --host "https://localhost:$TLS_PORT" -t op-token-for-tests \
    --id 06c86c40a9f36000 --ca-cert /etc/ssl/certs/ca-certificates.crt
exit $FAILED
