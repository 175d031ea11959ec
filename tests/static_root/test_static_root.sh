#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The fully static influx-lite (make static: build/influx-lite-static, musl,
# stripped) in an empty root: no interpreter, no dynamic section, and inside
# a chroot holding ONLY the binary, a test CA bundle and an /etc/hosts that
# maps the made-up name influxdb.test to 127.0.0.1, it inactivates a token
# over HTTPS by host name against the influxd double on 127.0.0.1 (cert SAN
# DNS:influxdb.test), with SSL_CERT_FILE pointing at the bundle in the root.
# No /dev, no /proc, no libc, no resolv.conf: getrandom(2) for entropy,
# /etc/hosts for the name; with stdout closed there, a batch still keeps its
# output out of the connection (no /dev/null: a placeholder holds fd 1).
# chroot needs root: SKIP lines otherwise.
set -u
. "$(dirname "$0")/../lib/suite.sh"
. "$ROOT/tests/lib/double.sh"
. "$ROOT/tests/lib/pki.sh"
BIN="$BUILD/influx-lite-static"
ID=06c86c40a9f36000

[ -x "$BIN" ] || { fail static_built "$BIN missing (make static)"; exit 1; }
for tool in file readelf openssl python3 curl; do
    command -v "$tool" >/dev/null || { fail "static_tools" "$tool not installed"; exit 1; }
done

# ---- the binary is static ----------------------------------------------------
desc=$(file -b "$BIN")
if echo "$desc" | grep -q "statically linked" && ! echo "$desc" | grep -q "interpreter"; then
    pass static_file_says_static
else
    fail static_file_says_static "$desc"
fi
dyn=$(readelf -d "$BIN" 2>&1)
if echo "$dyn" | grep -q "There is no dynamic section"; then pass static_no_dynamic_section
else fail static_no_dynamic_section "$(echo "$dyn" | head -3 | tr '\n' ' ')"; fi
if readelf -lW "$BIN" | grep -q "INTERP"; then fail static_no_interpreter "PT_INTERP present"
else pass static_no_interpreter; fi
echo "# $(basename "$BIN"): $(stat -c %s "$BIN") bytes; $desc"

# ---- its small statics on the page its data is on (boards/linux/cli_bss.ld) -
# a run touches that page anyway; a big buffer that left the script's lists
# (a renamed static) would land in .bss and push musl's statics pages away
rw=$(readelf -lW "$BIN" | awk '$1 == "LOAD" && $7 == "RW" {print $3}')
bss_end=$(readelf -SW "$BIN" | awk '$2 == ".bss" {print "0x" $4, "0x" $6}')
if [ -n "$rw" ] && [ -n "$bss_end" ] &&
   [ $(( $(echo "$bss_end" | awk '{print $1}') + $(echo "$bss_end" | awk '{print $2}') - rw )) -le 4096 ]; then
    pass static_small_statics_share_the_data_page
else
    fail static_small_statics_share_the_data_page "segment $rw, .bss (address, size) $bss_end"
fi

# ---- what exit() runs at the text's start (boards/linux/cli_bss.ld) --------
# _fini and musl's stdio flush (__stdio_exit.lo, ofl.lo) in .text.exit, before
# .text: left where the link puts them (a member renamed), they would cost the
# run a 64 KB window of code of its own; _fini alone is a few bytes
sections=$(readelf -SW "$BIN" | sed 's/^ *\[ *[0-9]*\]//')     # name type address offset size ...
exit_sec=$(echo "$sections" | awk '$1 == ".text.exit" {print "0x" $3, "0x" $5}')
text_sec=$(echo "$sections" | awk '$1 == ".text" {print "0x" $3}')
if [ -n "$exit_sec" ] && [ -n "$text_sec" ] && [ $(( $(echo "$exit_sec" | awk '{print $1}') )) -lt $(( text_sec )) ] &&
   [ $(( $(echo "$exit_sec" | awk '{print $2}') )) -ge 64 ]; then
    pass static_exit_code_at_the_text_start
else
    fail static_exit_code_at_the_text_start ".text.exit (address, size) '$exit_sec', .text at '$text_sec'"
fi

if [ "$(id -u)" != 0 ] || ! command -v chroot >/dev/null; then
    skip static_root_https "not root or no chroot(8): the empty-root run needs both"
    exit $FAILED
fi

# ---- a test CA and a server certificate for influxdb.test ------------------
{ pki_ca ca "static-root CA" && pki_server ca influxdb.test DNS:influxdb.test,DNS:localhost,IP:127.0.0.1 77; } ||
    { fail static_pki "openssl could not make the test certificates"; exit 1; }

double_start DOUBLE --tls-cert "$TMPD/server.crt" --tls-key "$TMPD/server.key" ||
    { fail static_double "the double did not start"; exit 1; }
PORT=$DOUBLE_PORT
CTL="https://influxdb.test:$PORT"
DOUBLE_CTL_FLAGS=(--cacert "$TMPD/ca.crt" --resolve "influxdb.test:$PORT:127.0.0.1")

# ---- the empty root: the binary, the bundle, /etc/hosts; nothing else -------
R="$TMPD/root"
mkdir -p "$R/etc"
cp "$BIN" "$R/influx-lite"
cp "$TMPD/ca.crt" "$R/ca.pem"
printf '127.0.0.1\tinfluxdb.test\n' >"$R/etc/hosts"
files=$(cd "$R" && find . -mindepth 1 | sort | tr '\n' ' ')
if [ "$files" = "./ca.pem ./etc ./etc/hosts ./influx-lite " ]; then pass static_root_holds_only_three_files
else fail static_root_holds_only_three_files "$files"; fi

CHROOT=$(command -v chroot)
in_root() {  # expected-exit name args... (stdout/stderr in $TMPD/out, $TMPD/err)
    local want=$1 name=$2; shift 2
    env -i SSL_CERT_FILE=/ca.pem INFLUX_CONFIGS_PATH=/none "$CHROOT" "$R" /influx-lite "$@" \
        >"$TMPD/out" 2>"$TMPD/err"
    local rc=$?
    if [ "$rc" -eq "$want" ]; then return 0; fi
    fail "$name" "exit $rc (want $want): $(head -c 300 "$TMPD/err")"
    return 1
}

double_reset "$CTL"
if in_root 0 static_root_https_by_name auth inactive --host "https://influxdb.test:$PORT" \
        -t op-token-for-tests --id $ID; then
    first=$(sed -n 2p "$TMPD/out" | cut -f1)
    state=$(double_ctl "$CTL" GET "/_double/state/authorizations/$ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    if [ "$first" = "$ID" ] && [ "$state" = inactive ] && [ ! -s "$TMPD/err" ]; then
        pass static_root_https_by_name
    else
        fail static_root_https_by_name "row '$first', state '$state', stderr $(head -c 200 "$TMPD/err")"
    fi
fi

# the same by --ca-cert, a batch of two (from stdin) over one connection, JSON
double_reset "$CTL"
if in_root 0 static_root_batch_ca_cert v1 auth set-inactive --host "https://influxdb.test:$PORT" \
        -t op-token-for-tests --ca-cert /ca.pem --json --ids-from - <<<"$ID
$ID"; then
    n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TMPD/out" 2>/dev/null)
    if [ "$n" = 2 ]; then pass static_root_batch_ca_cert; else fail static_root_batch_ca_cert "JSON items: $n"; fi
fi

# without the bundle the certificate is not trusted (no system store in the root)
double_reset "$CTL"
if env -i INFLUX_CONFIGS_PATH=/none "$CHROOT" "$R" /influx-lite auth inactive --host "https://influxdb.test:$PORT" \
        -t op-token-for-tests --id $ID >"$TMPD/out" 2>"$TMPD/err"; then
    fail static_root_no_bundle_refused "exit 0 without any CA"
elif [ "$(wc -l <"$TMPD/err")" = 1 ] && grep -q "tls: cannot load the CA certificates" "$TMPD/err"; then
    pass static_root_no_bundle_refused
else
    fail static_root_no_bundle_refused "$(head -c 300 "$TMPD/err")"
fi

# a name that /etc/hosts does not know: a DNS failure (exit 2), within the deadline
start=$(date +%s%N)
if in_root 2 static_root_unknown_name auth inactive --host "https://nowhere.test:$PORT" -t x --id $ID \
        --timeout 3s; then
    ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ "$ms" -lt 4000 ]; then pass static_root_unknown_name; else fail static_root_unknown_name "took $ms ms"; fi
fi
# a name lookup that never ends (a resolver that never answers): the DNS
# backstop (boards/linux/cli_backstop.c) ends the run near the deadline with
# its line, composed and redacted before the lookup began (the name holds
# the token: the line must not), exit 2
printf 'nameserver 127.0.0.1\noptions timeout:10 attempts:3\n' >"$R/etc/resolv.conf"
python3 -c 'import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 53))
print("bound", flush=True)
time.sleep(60)' >"$TMPD/dns.out" 2>/dev/null &
dns_pid=$!
for _ in $(seq 50); do [ -s "$TMPD/dns.out" ] || ! kill -0 $dns_pid 2>/dev/null && break; sleep 0.1; done
if [ ! -s "$TMPD/dns.out" ]; then
    skip static_root_lookup_backstop "127.0.0.1:53 is taken: no silent resolver to test against"
else
    start=$(date +%s%N)
    if in_root 2 static_root_lookup_backstop auth inactive --host "http://op-token-for-tests.slow.test:8086" \
            -t op-token-for-tests --id $ID --timeout 1s; then
        ms=$(( ($(date +%s%N) - start) / 1000000 ))
        if [ "$ms" -lt 6000 ] && [ "$(wc -l <"$TMPD/err")" = 1 ] &&
                grep -q "dial tcp: lookup .*slow.test: i/o timeout" "$TMPD/err" &&
                ! grep -q "op-token-for-tests" "$TMPD/err"; then
            pass static_root_lookup_backstop
        else
            fail static_root_lookup_backstop "$ms ms, stderr $(head -c 300 "$TMPD/err")"
        fi
    fi
fi
kill $dns_pid 2>/dev/null; wait $dns_pid 2>/dev/null
rm -f "$R/etc/resolv.conf"

# stdout closed in the empty root, where no /dev/null exists: fd 1 is held
# by a placeholder (boards/linux/cli_stdio.c), so the TLS connection cannot
# take its number and the JSON (tokens and all) never goes into it; the
# batch is done, and the lost output is exit 6
double_reset "$CTL"
env -i SSL_CERT_FILE=/ca.pem INFLUX_CONFIGS_PATH=/none "$CHROOT" "$R" /influx-lite auth inactive \
    --host "https://influxdb.test:$PORT" -t op-token-for-tests --json --ids-from - >&- 2>"$TMPD/err" <<<"$ID
0d2a3c5b7e8f9000"
rc=$?
log=$(double_ctl "$CTL" GET /_double/log | python3 -c 'import json,sys; print(" ".join(e["method"] for e in json.load(sys.stdin)))')
state=$(double_ctl "$CTL" GET /_double/state/authorizations/0d2a3c5b7e8f9000 | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
want_err="Error: write /dev/stdout: bad file descriptor: output lost (2 of 2 inactivations done)"
if [ "$rc" = 6 ] && [ "$(cat "$TMPD/err")" = "$want_err" ] && [ "$log" = "GET PATCH GET PATCH" ] &&
        [ "$state" = inactive ]; then
    pass static_root_closed_stdout_without_dev_null
else
    fail static_root_closed_stdout_without_dev_null "exit $rc, requests '$log', state '$state', stderr $(head -c 200 "$TMPD/err")"
fi

if grep -q "op-token-for-tests" "$TMPD/out" "$TMPD/err"; then fail static_root_token_never_printed "token printed"
else pass static_root_token_never_printed; fi
exit $FAILED
