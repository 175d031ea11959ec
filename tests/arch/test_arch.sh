#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Every architecture's static binary (make release: build/influx-lite-static-A)
# run under qemu-user (x86_64 natively) against the influxd double on
# 127.0.0.1: one inactivation over HTTP, one over HTTPS by host name
# (localhost, the certificate's DNS name, with --ca-cert), a batch through
# --ids-from, a refused port and a wrong CA. Each must print exactly what the
# x86_64 dynamic build (build/influx-lite, golden-tested by tests/cli against
# the official CLI's captures) prints for the same request, and exit with the
# same code. Every run passes --timeout 30s: the duration parser is the one
# that needed an FPU before (SIGILL on FPU-less MIPS).
#
# The CPU models are the gateways' own where qemu has them: mipsel runs as a
# MIPS 24Kc, which has no FPU (OpenWrt kernels may lack the FPU emulator, and
# then any FPU instruction is SIGILL), and objdump finds no FPU instruction
# in its binary; armel as an ARM1176 (Raspberry Pi Zero/1, ARMv6); armhf as a
# Cortex-A7 (ARMv7). The 32-bit builds carry TLS with P-256 over fiat-crypto's
# 32-bit field (port/mbedtls/p256.c), aarch64 with BoringSSL's field assembly:
# tests/tls/test_p256.c, built for each of them, runs under qemu-user too.
set -u
. "$(dirname "$0")/../lib/suite.sh"
. "$ROOT/tests/lib/double.sh"
. "$ROOT/tests/lib/pki.sh"
ARCHES=${IL_ARCHES:-x86_64 aarch64 armhf armel mipsel riscv64}
REF=$BUILD/influx-lite
ID=06c86c40a9f36000
ID2=0d2a3c5b7e8f9001
TOKEN=op-token-for-tests

declare -A QEMU=([aarch64]="qemu-aarch64-static -cpu cortex-a53" [armhf]="qemu-arm-static -cpu cortex-a7"
                 [armel]="qemu-arm-static -cpu arm1176" [mipsel]="qemu-mipsel-static -cpu 24Kc"
                 [riscv64]="qemu-riscv64-static")
declare -A MACHINE=([x86_64]="x86-64" [aarch64]="ARM aarch64" [armhf]="ARM, EABI5" [armel]="ARM, EABI5"
                    [mipsel]="MIPS, MIPS32" [riscv64]="RISC-V")

for tool in file openssl python3 curl; do
    command -v "$tool" >/dev/null || { fail arch_tools "$tool not installed (make deps)"; exit 1; }
done
[ -x "$REF" ] || { fail arch_reference "$REF missing"; exit 1; }

# ---- certificates: the server's for localhost, and an unrelated CA ---------
{ pki_ca ca "arch ca" && pki_ca other "arch other" && pki_server ca localhost DNS:localhost 7; } ||
    { fail arch_pki "openssl could not make the test certificates"; exit 1; }

double_start PLAIN || { fail arch_double "the HTTP double did not start"; exit 1; }
double_start TLS --tls-cert "$TMPD/server.crt" --tls-key "$TMPD/server.key" ||
    { fail arch_double "the HTTPS double did not start"; exit 1; }
PLAIN_URL="http://127.0.0.1:$PLAIN_PORT"
TLS_URL="https://localhost:$TLS_PORT"
# a port nothing listens on: bound, then closed
REFUSED=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '%s\n%s\n' "$ID" "$ID2" >"$TMPD/ids"

# run OUT-PREFIX BINARY-WORDS... -- ARGS...: stdout, stderr and the exit code in OUT-PREFIX.{out,err,rc}
run() {
    local o=$1; shift
    env -i PATH=/usr/bin:/bin INFLUX_CONFIGS_PATH=/nonexistent "$@" >"$o.out" 2>"$o.err" </dev/null
    echo $? >"$o.rc"
}
reset_doubles() {
    double_reset "$PLAIN_URL"
    DOUBLE_CTL_FLAGS=(--cacert "$TMPD/ca.crt"); double_reset "$TLS_URL"; DOUBLE_CTL_FLAGS=()
}
CASES="http https batch refused wrong_ca"
case_args() {
    local common=(-t "$TOKEN" --timeout 30s)
    case $1 in
        http) echo auth inactive --host "$PLAIN_URL" --id $ID "${common[@]}" ;;
        https) echo auth inactive --host "$TLS_URL" --ca-cert "$TMPD/ca.crt" --id $ID "${common[@]}" ;;
        batch) echo auth inactive --host "$TLS_URL" --ca-cert "$TMPD/ca.crt" --ids-from "$TMPD/ids" "${common[@]}" ;;
        refused) echo auth inactive --host "http://127.0.0.1:$REFUSED" --id $ID "${common[@]}" ;;
        wrong_ca) echo auth inactive --host "$TLS_URL" --ca-cert "$TMPD/other.crt" --id $ID "${common[@]}" ;;
    esac
}
declare -A WANT_RC=([http]=0 [https]=0 [batch]=0 [refused]=2 [wrong_ca]=2)

# ---- what the reference build prints ------------------------------------------
for c in $CASES; do
    reset_doubles
    # shellcheck disable=SC2046 # the words of case_args are the arguments (no blanks in them)
    run "$TMPD/ref-$c" "$REF" $(case_args $c)
    if [ "$(cat "$TMPD/ref-$c.rc")" != "${WANT_RC[$c]}" ]; then
        fail "arch_reference_$c" "the reference exits $(cat "$TMPD/ref-$c.rc"): $(head -c 300 "$TMPD/ref-$c.err")"
    fi
done
grep -q "certificate signed by unknown authority" "$TMPD/ref-wrong_ca.err" ||
    fail arch_reference_wrong_ca "$(cat "$TMPD/ref-wrong_ca.err")"
grep -q "connection refused" "$TMPD/ref-refused.err" || fail arch_reference_refused "$(cat "$TMPD/ref-refused.err")"

# ---- each architecture ----------------------------------------------------------
for a in $ARCHES; do
    bin=$BUILD/influx-lite-static-$a
    if [ ! -x "$bin" ]; then fail "arch_${a}_built" "$bin missing (make release)"; continue; fi
    desc=$(file -b "$bin")
    if [[ "$desc" == *"${MACHINE[$a]}"* && "$desc" == *"statically linked"* && "$desc" != *interpreter* ]]; then
        pass "arch_${a}_static_binary"
    else
        fail "arch_${a}_static_binary" "$desc"
    fi
    emu=${QEMU[$a]:-}
    if [ -n "$emu" ] && ! command -v "${emu%% *}" >/dev/null; then
        fail "arch_${a}_qemu" "${emu%% *} not installed (make deps)"; continue
    fi
    for c in $CASES; do
        reset_doubles
        # shellcheck disable=SC2046,SC2086 # qemu's words, then the case's
        run "$TMPD/$a-$c" $emu "$bin" $(case_args $c)
        why=""
        cmp -s "$TMPD/ref-$c.rc" "$TMPD/$a-$c.rc" || why="exit $(cat "$TMPD/$a-$c.rc") (want ${WANT_RC[$c]})"
        cmp -s "$TMPD/ref-$c.out" "$TMPD/$a-$c.out" || why="$why; stdout differs: $(head -c 200 "$TMPD/$a-$c.out")"
        cmp -s "$TMPD/ref-$c.err" "$TMPD/$a-$c.err" || why="$why; stderr differs: $(head -c 300 "$TMPD/$a-$c.err")"
        if [ -z "$why" ]; then pass "arch_${a}_$c"; else fail "arch_${a}_$c" "$why"; fi
    done
done

# ---- make release's SHA256SUMS; make static with an unknown ARCH -----------------------
if [ -f "$BUILD/release/SHA256SUMS" ] && (cd "$BUILD/release" && sha256sum --quiet -c SHA256SUMS) >"$TMPD/sums" 2>&1 &&
   [ "$(wc -l <"$BUILD/release/SHA256SUMS")" = 8 ]; then
    pass arch_release_sha256sums
else
    fail arch_release_sha256sums "$(head -c 300 "$TMPD/sums")"
fi
if env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$ROOT" static ARCH=sparc >"$TMPD/mk.out" 2>"$TMPD/mk.err"; then
    fail arch_unknown_arch_refused "make static ARCH=sparc succeeded"
elif grep -q "^make static: ARCH=sparc is not one of: x86_64 aarch64 armhf armel mipsel riscv64$" "$TMPD/mk.err"; then
    pass arch_unknown_arch_refused
else
    fail arch_unknown_arch_refused "$(head -c 300 "$TMPD/mk.err")"
fi

# ---- FPU-less MIPS: no FPU instruction in the mipsel binary -----------------------
if [[ " $ARCHES " == *" mipsel "* && -x $BUILD/influx-lite-static-mipsel ]]; then
    # coprocessor 1 (FPU) moves, loads, stores, arithmetic, conversions, compares and branches
    fpu=$(mipsel-linux-gnu-objdump -d "$BUILD/influx-lite-static-mipsel" |
          grep -E $'\t''(mtc1|mfc1|mthc1|mfhc1|ctc1|cfc1|lwc1|swc1|ldc1|sdc1|lwxc1|swxc1|ldxc1|sdxc1|bc1[ft]l?|'`
                `'(add|sub|mul|div|abs|neg|mov|sqrt|madd|msub|c\.[a-z]+|cvt\.[a-z]+|trunc\.[a-z]+|round\.[a-z]+|'`
                `'floor\.[a-z]+|ceil\.[a-z]+|movn|movz|movf|movt|recip|rsqrt)\.(s|d|ps))\b')
    if [ -z "$fpu" ]; then pass arch_mipsel_no_fpu_instruction
    else fail arch_mipsel_no_fpu_instruction "$(echo "$fpu" | wc -l) found, e.g. $(echo "$fpu" | head -3 | tr '\t\n' '  ')"; fi
fi

# ---- P-256 on the 32-bit builds and aarch64: tests/tls/test_p256.c under qemu-user --
# (the test program, unlike the CLI, is not kept free of FPU instructions:
# mipsel runs it on qemu's default MIPS CPU, which has one). aarch64's field
# multiplication is BoringSSL's assembly (port/targets/rules.mk): its test
# program and the library the static CLI links hold it, renamed.
QEMU[mipsel]=qemu-mipsel-static
declare -A P256_FIELD=([aarch64]=asm [armhf]=32bit [mipsel]=32bit)
for a in aarch64 armhf mipsel; do
    [[ " $ARCHES " == *" $a "* ]] || continue
    name=arch_${a}_p256_${P256_FIELD[$a]}
    t=$BUILD/tests/test_p256-$a
    if [ ! -x "$t" ]; then fail "$name" "$t missing"; continue; fi
    # shellcheck disable=SC2086
    out=$(${QEMU[$a]} "$t" 2>&1); rc=$?
    if [ $rc = 0 ] && echo "$out" | grep -q '^# [0-9]* passed, 0 failed'; then pass "$name"
    else fail "$name" "exit $rc: $(echo "$out" | grep -v '^PASS' | head -5 | tr '\n' ' ')"; fi
done
if [[ " $ARCHES " == *" aarch64 "* ]] &&
   [[ " $(make -s --no-print-directory -C "$ROOT" print-p256-asm-arches) " == *" aarch64 "* ]]; then
    lib=$BUILD/obj/static-aarch64/libinfluxlite.a
    syms=$(aarch64-linux-gnu-nm "$lib" "$BUILD/tests/test_p256-aarch64" 2>&1)
    why=""
    for f in mul_mont sqr_mont point_double point_add_affine select_w5; do
        echo "$syms" | grep -q " T il_nistz256_${f}$" || why="$why no il_nistz256_${f} defined;"
        echo "$syms" | grep -q " U il_nistz256_${f}$" || why="$why p256.o does not call il_nistz256_${f};"
    done
    echo "$syms" | grep -q -E ' [Tt] fiat_p256_(mul|square)$' && why="$why fiat's multiplication linked;"
    hit=$(echo "$syms" | grep -E ' (_*ecp_nistz256_|OPENSSL_)' | head -n 1)
    [ -n "$hit" ] && why="$why BoringSSL name ${hit##* };"
    if [ -z "$why" ]; then pass "arch_aarch64_p256_field_is_the_assembly (its library and test_p256-aarch64)"
    else fail arch_aarch64_p256_field_is_the_assembly "$why"; fi
fi
exit $FAILED
