#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# influx-lite under valgrind (memcheck, full leak check): a success and two
# failures, zero errors each.
set -u
. "$(dirname "$0")/../lib/suite.sh"
. "$ROOT/tests/lib/double.sh"
BIN="$BUILD/influx-lite"
VG="valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect"
if ! command -v valgrind >/dev/null; then fail valgrind_present "valgrind not installed"; exit 1; fi
double_start DOUBLE || { fail valgrind_double "the double did not start"; exit 1; }
DOUBLE_URL="http://127.0.0.1:$DOUBLE_PORT"
export HOME="$TMPD" INFLUX_CONFIGS_PATH="$TMPD/no-configs"

no_valgrind_report() {  # prints the start of memcheck's report, if any
    grep -q '==[0-9]*==' "$TMPD/err" && head -c 400 "$TMPD/err" | tr '\n' ' '
}
vg_case() {  # name expected-exit args...
    local name=$1 want=$2
    shift 2
    case_run "$name" "$want" no_valgrind_report $VG "$BIN" "$@"
}
double_reset "$DOUBLE_URL"
vg_case valgrind_auth_inactive_success 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000
double_reset "$DOUBLE_URL"
vg_case valgrind_v1_by_username_success 0 v1 auth set-inactive --host "$DOUBLE_URL" -t op-token-for-tests --username myv1user --json
double_reset "$DOUBLE_URL"
printf '06c86c40a9f36000\n0d2a3c5b7e8f9999\n0d2a3c5b7e8f9000\n' >"$TMPD/ids"
vg_case valgrind_batch_ids_from 3 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --ids-from "$TMPD/ids"
double_reset "$DOUBLE_URL"
printf '06c86c40a9f36000\n0d2a3c5b7e8f9000\n' >"$TMPD/ids2"
vg_case valgrind_batch_json 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --json --ids-from "$TMPD/ids2"
double_fault "$DOUBLE_URL" '{"mode":"no_answer"}'
vg_case valgrind_timeout_no_answer 2 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000 --timeout 1s
double_reset "$DOUBLE_URL"
double_fault "$DOUBLE_URL" '{"mode":"reset_mid_headers"}'
vg_case valgrind_retry_reset 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000 --retries 2
# An IP literal is dialled without getaddrinfo: the whole process, libc
# included, makes no heap call at all.
double_reset "$DOUBLE_URL"
valgrind "$BIN" auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000 >"$TMPD/out" 2>"$TMPD/err"
if grep -q 'total heap usage: 0 allocs, 0 frees' "$TMPD/err"; then pass valgrind_ip_literal_whole_process_no_heap
else fail valgrind_ip_literal_whole_process_no_heap "$(grep 'heap usage' "$TMPD/err")"; fi
# A config's cookie signs in first, with the hidden flags' headers and the
# trace line: no heap call either (and memcheck clean).
double_reset "$DOUBLE_URL"
double_fault "$DOUBLE_URL" '{"mode":"headers","headers":{"trace-sampled":"true","trace-id":"t-1"}}'
printf '[s]\n  url = "%s"\n  cookie = "bXl1c2VyOm15dXNlci1wYXNzd29yZC1mb3ItdGVzdHM="\n' "$DOUBLE_URL" \
    >"$TMPD/signin-configs"
chmod 600 "$TMPD/signin-configs"
valgrind "$BIN" v1 auth set-inactive --configs-path "$TMPD/signin-configs" --id 06c86c40a9f36000 \
    --trace-debug-id t1 --extra-http-header X-A:1 >"$TMPD/out" 2>"$TMPD/err"
if grep -q 'total heap usage: 0 allocs, 0 frees' "$TMPD/err" && grep -q '^trace-id: t-1$' "$TMPD/err"; then
    pass valgrind_signin_hidden_flags_whole_process_no_heap
else fail valgrind_signin_hidden_flags_whole_process_no_heap "$(grep 'heap usage\|Error' "$TMPD/err")"; fi
vg_case valgrind_auth_404 3 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36999
vg_case valgrind_usage_error 1 auth inactive --id
vg_case valgrind_connect_refused 2 auth inactive --host http://127.0.0.1:1 --id 06c86c40a9f36000

# HTTPS: the double wrapped in TLS with a throwaway P-256 certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TMPD/tls.key" -out "$TMPD/tls.crt" 2>/dev/null
double_start TLS --tls-cert "$TMPD/tls.crt" --tls-key "$TMPD/tls.key" ||
    { fail valgrind_tls_double "the TLS double did not start"; exit 1; }
TLS_URL="https://localhost:$TLS_PORT"
vg_case valgrind_https_auth_inactive 0 auth inactive --host "$TLS_URL" -t op-token-for-tests --id 06c86c40a9f36000 --ca-cert "$TMPD/tls.crt"
printf '06c86c40a9f36000\n06c86c40a9f36000\n' >"$TMPD/ids3"
vg_case valgrind_https_v1_batch 0 v1 auth set-inactive --host "$TLS_URL" -t op-token-for-tests --ids-from "$TMPD/ids3" --ca-cert "$TMPD/tls.crt"
vg_case valgrind_https_unknown_ca 2 auth inactive --host "$TLS_URL" -t op-token-for-tests --id 06c86c40a9f36000 --ca-cert /etc/ssl/certs/ca-certificates.crt
# TLS 1.3 (the double offers 1.2 and 1.3) to an IP literal: mbedTLS and PSA
# allocate from the port's pool, so the whole process makes no heap call.
valgrind "$BIN" auth inactive --host "https://127.0.0.1:$TLS_PORT" -t op-token-for-tests --id 06c86c40a9f36000 \
    --ca-cert "$TMPD/tls.crt" >"$TMPD/out" 2>"$TMPD/err"
if grep -q 'total heap usage: 0 allocs, 0 frees' "$TMPD/err"; then pass valgrind_https_ip_literal_whole_process_no_heap
else fail valgrind_https_ip_literal_whole_process_no_heap "$(grep 'heap usage' "$TMPD/err")"; fi
echo "# valgrind suite done"
exit $FAILED
