#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
# What the builds took from mbedTLS, checked after the fact:
#  - the source is Debian's mbedTLS 3.6.x at or above 3.6.7 (its IL_SOURCE
#    line, from port/fetch-debian-source.sh, and its own version header);
#  - no header came from the machine: a machine with libmbedtls-dev has
#    2.28's headers in /usr/include/mbedtls, and a header that 3.x made
#    private (entropy_poll.h, aesni.h, ...) would silently be found there.
#    Every project file that sees mbedTLS's headers is compiled again with
#    -H (the list of every header opened), and the mbedTLS archives' own
#    objects recorded theirs (port/mbedtls/lib.mk: -MD);
#  - the configuration is ours: il_mbedtls_config.h is what build_info.h
#    includes, not 3.x's own mbedtls_config.h of the same basename;
#  - TLS 1.3's P-256 key share is port/mbedtls/p256_driver.c over p256.c:
#    the CLI's p256-m driver slot holds our entry points, and no function of
#    p256-m itself is linked (nor in any archive the static build links);
#  - on x86_64, p256.c's field multiplication and squaring are BoringSSL's
#    assembly (port/mbedtls/rules.mk IL_P256_ASM): the static CLI, linked
#    unstripped, holds the renamed assembly and not fiat's two functions, and
#    its code is the stripped build/influx-lite-static's; the assembly's
#    object and the libraries show no BoringSSL/OpenSSL name (a program that
#    links OpenSSL or BoringSSL too sees no clash). test_p256-fiat64 is the
#    fiat-only build (make IL_P256_ASM=0): fiat's functions, no assembly.
source "$(dirname "$0")/../lib/suite.sh"
cd "$ROOT" || exit 1

MBEDTLS_SRC=$(make -s --no-print-directory print-mbedtls-src)
eval "set -- $(make -s --no-print-directory print-tls-cppflags)"
TLS_FLAGS=("$@")
SYSTEM_MBEDTLS='^\.+ /usr/(local/)?include/(mbedtls|psa|everest|p256-m)/'

# ---- the version -----------------------------------------------------------
src_line=$(cat "$MBEDTLS_SRC/IL_SOURCE" 2>/dev/null)
debian_version=$(echo "$src_line" | sed -n 's/^Debian source package mbedtls \([^,]*\),.*sha256 [0-9a-f]\{64\}$/\1/p')
header_version=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"$/\1/p' "$MBEDTLS_SRC/include/mbedtls/build_info.h")
if [ -n "$debian_version" ] && dpkg --compare-versions "$debian_version" ge 3.6.7 &&
   dpkg --compare-versions "$debian_version" lt 3.7~ && [ "${debian_version%%-*}" = "$header_version" ]; then
    pass "mbedtls_version ($src_line)"
else
    fail mbedtls_version "IL_SOURCE: '${src_line:-missing}'; build_info.h: '$header_version'"
fi

# ---- headers ---------------------------------------------------------------
files=$(grep -l -E '#include "(mbedtls|psa)/|#include "il_tls' port/mbedtls/*.c boards/linux/*.c tests/tls/*.c \
        tests/bench/pool_peak.c tests/fuzz/fuzz_ca_scan.c)
bad="" ours=0 n=0 m=0
for f in $files; do
    n=$((n + 1))
    cc -std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE "${TLS_FLAGS[@]}" -Iboards/linux -Itests/unit \
       -Itests/lib -isystem /usr/include/valgrind -isystem "$MBEDTLS_SRC/library" -H -fsyntax-only "$f" \
       > /dev/null 2> "$TMPD/h" || { bad="$bad $f(does not compile)"; continue; }
    hit=$(grep -E "$SYSTEM_MBEDTLS" "$TMPD/h" | head -n 1)
    [ -n "$hit" ] && bad="$bad $f:${hit##* }"
    grep -q -E "^\\.+ $MBEDTLS_SRC/include/" "$TMPD/h" || continue     # (il_tls.h alone: no mbedTLS header)
    m=$((m + 1))
    grep -q -E '^\.+ port/mbedtls/il_mbedtls_config\.h$' "$TMPD/h" && ours=$((ours + 1))
done
k=0
for d in "$BUILD"/mbedtls/*/obj; do
    # a variant left from an older source (a build tree kept across the 2.28 -> 3.6 move) is not linked by anything
    [ "$d/../.built" -nt "$MBEDTLS_SRC/IL_SOURCE" ] || continue
    k=$((k + 1))
    hit=$(cat "$d"/*.d "$d"/everest/*.d 2>/dev/null | tr ' \\' '\n\n' | grep -E '^/usr/(local/)?include/(mbedtls|psa)/' |
          head -n 1)
    [ -n "$hit" ] && bad="$bad ${d#"$BUILD"/}:$hit"
    ls "$d"/*.d > /dev/null 2>&1 || bad="$bad ${d#"$BUILD"/}(no .d files)"
done
if [ -n "$bad" ]; then fail no_system_mbedtls_headers "$bad"
else pass "no_system_mbedtls_headers ($n files with -H, $k archive builds of this source)"; fi
if [ "$ours" -eq "$m" ] && [ "$m" -gt 0 ]; then pass "config_is_il_mbedtls_config ($m files)"
else fail config_is_il_mbedtls_config "il_mbedtls_config.h opened by $ours of the $m files with mbedTLS headers"; fi

# ---- the P-256 driver ------------------------------------------------------
P256M_FUNCS='p256_gen_keypair|p256_ecdh_shared_secret|p256_ecdsa_sign|p256_ecdsa_verify|p256_public_from_private|p256_validate_pubkey'
check_driver() {   # BINARY (not stripped): where the code of the entry point comes from
    local addr where
    addr=$(nm "$1" | sed -n 's/^\([0-9a-f]*\) T p256_transparent_generate_key$/\1/p')
    where=$([ -n "$addr" ] && addr2line -e "$1" "0x$addr")
    case "$where" in
        */port/mbedtls/p256_driver.c:*) ;;
        *) echo "p256_transparent_generate_key in $1 from '${where:-nowhere}'"; return ;;
    esac
    nm "$1" | grep -q -E " T il_p256_mul$" || echo "no il_p256_mul in $1"
    nm "$1" | grep -E " [TtDd] ($P256M_FUNCS)$" | head -n 1 | sed "s#^#p256-m in $1: #"
}
why=""
for b in "$BUILD/influx-lite" "$BUILD/tests/tls_probe"; do why="$why$(check_driver "$b")"; done
for a in "$BUILD"/mbedtls/host/libmbedcrypto.a "$BUILD"/mbedtls/musl/libmbedcrypto.a; do
    nm "$a" 2>/dev/null | grep -q -E " T ($P256M_FUNCS|p256_transparent_[a-z_]*)$" && why="$why p256-m in $a;"
done
nm "$BUILD/obj/static/libinfluxlite.a" | grep -q " T p256_transparent_generate_key$" ||
    why="$why no driver in the static library;"
if [ -z "$why" ]; then pass "p256_driver_is_ours (build/influx-lite, tls_probe, the static build's archives)"
else fail p256_driver_is_ours "$why"; fi

# ---- ssl_tls.c erases its record buffers through the pool -------------------
# (port/mbedtls/lib.mk renames its mbedtls_zeroize_and_free: pages never written are not mapped in to be zeroed)
why=""
for o in "$BUILD"/mbedtls/host/obj/ssl_tls.o "$BUILD"/mbedtls/musl/obj/ssl_tls.o; do
    nm "$o" | grep -q " U il_tls_pool_zeroize_and_free$" || why="$why ${o#"$BUILD"/} does not call the port's;"
    nm "$o" | grep -q " U mbedtls_zeroize_and_free$" && why="$why ${o#"$BUILD"/} calls mbedTLS's;"
done
if [ -z "$why" ]; then pass "ssl_buffers_erased_by_the_pool (ssl_tls.o, glibc and musl)"
else fail ssl_buffers_erased_by_the_pool "$why"; fi

# ---- the P-256 field assembly -------------------------------------------------
FIELD_ASM='il_nistz256_(mul_mont|sqr_mont|point_double|point_add_affine|select_w5)'
FIELD_FIAT='fiat_p256_(mul|square)'
field_code() {   # BINARY: which field (and point) code it holds: the assembly's, or fiat's
    local asm fiat
    asm=$(nm "$1" | grep -c -E " [Tt] (${FIELD_ASM})$")
    fiat=$(nm "$1" | grep -c -E " [Tt] (${FIELD_FIAT})$")
    if [ "$asm" -eq 5 ] && [ "$fiat" -eq 0 ]; then echo asm
    elif [ "$asm" -eq 0 ] && [ "$fiat" -eq 2 ]; then echo fiat
    else echo "$asm assembly and $fiat fiat functions"; fi
}
text_of() { objcopy -O binary -j .text "$1" "$2"; }
if [ "$(make -s --no-print-directory print-p256-asm)" = 1 ]; then
    UNSTRIPPED="$BUILD/tests/influx-lite-static-unstripped"
    why=""
    for b in "$UNSTRIPPED" "$BUILD/influx-lite" "$BUILD/tests/test_p256" "$BUILD/tests/ct_check-static"; do
        [ "$(field_code "$b")" = asm ] || why="$why ${b#"$BUILD"/}: $(field_code "$b");"
    done
    text_of "$UNSTRIPPED" "$TMPD/unstripped.text" && text_of "$BUILD/influx-lite-static" "$TMPD/static.text" &&
        cmp -s "$TMPD/unstripped.text" "$TMPD/static.text" ||
        why="$why build/influx-lite-static's code is not its unstripped link's;"
    [ "$(field_code "$BUILD/tests/test_p256-fiat64")" = fiat ] ||
        why="$why tests/test_p256-fiat64: $(field_code "$BUILD/tests/test_p256-fiat64");"
    if [ -z "$why" ]; then pass "p256_field_is_the_assembly (the static CLI and its stripped build, influx-lite)"
    else fail p256_field_is_the_assembly "$why"; fi
    leaked=""
    for o in "$BUILD/p256/p256-x86_64-asm.o" "$BUILD/libinfluxlite.a" "$BUILD/obj/static/libinfluxlite.a" \
             "$UNSTRIPPED"; do
        [ -e "$o" ] || { leaked="$leaked ${o#"$BUILD"/}(missing)"; continue; }
        hit=$(nm "$o" | grep -E ' (ecp_nistz256_|_*ecp_nistz|OPENSSL_)' | head -n 1)
        [ -n "$hit" ] && leaked="$leaked ${o#"$BUILD"/}:${hit##* }"
    done
    nm "$BUILD/p256/p256-x86_64-asm.o" | grep -q -E " T ${FIELD_ASM}$" ||
        leaked="$leaked no il_nistz256_* in the assembly's object"
    if [ -z "$leaked" ]; then pass "p256_assembly_names_renamed (its object, both libraries, the static CLI)"
    else fail p256_assembly_names_renamed "$leaked"; fi
else
    why=""
    for b in "$BUILD/influx-lite" "$BUILD/tests/test_p256-fiat64"; do
        [ "$(field_code "$b")" = fiat ] || why="$why ${b#"$BUILD"/}: $(field_code "$b");"
    done
    if [ -z "$why" ]; then pass "p256_field_is_fiat (IL_P256_ASM=0)"; else fail p256_field_is_fiat "$why"; fi
fi
exit $FAILED
