#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# influx-lite under valgrind (memcheck, full leak check): a success and two
# failures, zero errors each.
set -u
. "$(dirname "$0")/double_env.sh"
BIN="$ROOT/build/influx-lite"
VG="valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect"
if ! command -v valgrind >/dev/null; then fail valgrind_present "valgrind not installed"; exit 1; fi

vg_case() {  # name expected-exit args...
    local name=$1 want=$2; shift 2
    $VG "$BIN" "$@" >"$TMPD/out" 2>"$TMPD/err"
    local rc=$?
    if [ "$rc" -eq "$want" ] && ! grep -q '==[0-9]*==' "$TMPD/err"; then pass "$name"
    else fail "$name" "exit $rc (want $want): $(head -c 400 "$TMPD/err" | tr '\n' ' ')"; fi
}
reset_double
vg_case valgrind_auth_inactive_success 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000
reset_double
vg_case valgrind_v1_by_username_success 0 v1 auth set-inactive --host "$DOUBLE_URL" -t op-token-for-tests --username myv1user --json
reset_double
printf '06c86c40a9f36000\n0d2a3c5b7e8f9999\n0d2a3c5b7e8f9000\n' >"$TMPD/ids"
vg_case valgrind_batch_ids_from 3 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --ids-from "$TMPD/ids"
reset_double
vg_case valgrind_batch_json 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --json -i 06c86c40a9f36000 -i 0d2a3c5b7e8f9000
curl -s -X POST "$DOUBLE_URL/_double/fault" -d '{"mode":"no_answer"}' >/dev/null
vg_case valgrind_timeout_no_answer 2 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000 --timeout 1s
reset_double
curl -s -X POST "$DOUBLE_URL/_double/fault" -d '{"mode":"reset_mid_headers"}' >/dev/null
vg_case valgrind_retry_reset 0 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000 --retries 2
# An IP literal is dialled without getaddrinfo: the whole process, libc
# included, makes no heap call at all.
reset_double
valgrind "$BIN" auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36000 >"$TMPD/out" 2>"$TMPD/err"
if grep -q 'total heap usage: 0 allocs, 0 frees' "$TMPD/err"; then pass valgrind_ip_literal_whole_process_no_heap
else fail valgrind_ip_literal_whole_process_no_heap "$(grep 'heap usage' "$TMPD/err")"; fi
vg_case valgrind_auth_404 3 auth inactive --host "$DOUBLE_URL" -t op-token-for-tests --id 06c86c40a9f36999
vg_case valgrind_usage_error 1 auth inactive --id
vg_case valgrind_connect_refused 2 auth inactive --host http://127.0.0.1:1 --id 06c86c40a9f36000

# HTTPS: the double wrapped in TLS with a throwaway P-256 certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$TMPD/tls.key" -out "$TMPD/tls.crt" 2>/dev/null
python3 "$ROOT/tests/server/influxd_double.py" --port 0 --port-file "$TMPD/tls.port" --max-seconds 300 \
    --tls-cert "$TMPD/tls.crt" --tls-key "$TMPD/tls.key" >"$TMPD/tls.log" 2>&1 &
TLS_PID=$!
trap 'kill $DOUBLE_PID $TLS_PID 2>/dev/null; wait 2>/dev/null; rm -rf "$TMPD"' EXIT
for _ in $(seq 1 200); do [ -s "$TMPD/tls.port" ] && break; sleep 0.025; done
TLS_URL="https://localhost:$(cat "$TMPD/tls.port")"
vg_case valgrind_https_auth_inactive 0 auth inactive --host "$TLS_URL" -t op-token-for-tests --id 06c86c40a9f36000 --ca-cert "$TMPD/tls.crt"
vg_case valgrind_https_v1_batch 0 v1 auth set-inactive --host "$TLS_URL" -t op-token-for-tests --id 06c86c40a9f36000 --id 06c86c40a9f36000 --ca-cert "$TMPD/tls.crt"
vg_case valgrind_https_unknown_ca 2 auth inactive --host "$TLS_URL" -t op-token-for-tests --id 06c86c40a9f36000 --ca-cert /etc/ssl/certs/ca-certificates.crt
echo "# valgrind suite done"
exit $FAILED
