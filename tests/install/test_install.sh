#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# make install into a temporary DESTDIR (PREFIX=/usr/local), then use it as
# its users would:
# - the files are there: the command, its man page, completions, LICENSE
#   and THIRD-PARTY, the library, pkg-config and CMake files, the headers;
# - the man page passes `groff -man -ww` without a warning and names every
#   flag, every variable and every command the help lists;
# - tests/install/consumer.c, built against the DESTDIR alone through
#   pkg-config, and again through CMake's find_package(influxlite),
#   inactivates a token over HTTPS against the influxd double (its
#   il_tls_conn_t of the library's size: the installed mbedTLS headers carry
#   the library's configuration); the fast P-256 (port/mbedtls/p256.c and
#   its PSA driver) is what links, not mbedTLS's p256-m;
# - the library defines no global symbol outside il_*: a program with its
#   own mbedtls_* and psa_* functions links and runs with it;
# - a CMake project that add_subdirectory()s the tree builds the core and
#   the POSIX port (and inactivates over HTTP), and the core and the lwIP
#   port for a Cortex-M4.
set -u
. "$(dirname "$0")/../lib/suite.sh"
. "$ROOT/tests/lib/double.sh"
. "$ROOT/tests/lib/pki.sh"
ID=06c86c40a9f36000
for tool in make cc pkg-config cmake groff openssl nm arm-none-eabi-gcc; do
    command -v "$tool" >/dev/null || { fail install_tools "$tool not installed (make deps)"; exit 1; }
done
DEST=$TMPD/dest
P=$DEST/usr/local
# (make's own variables from a calling make, e.g. -j, are not this one's)
if env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make -s -C "$ROOT" install DESTDIR="$DEST" PREFIX=/usr/local \
        >"$TMPD/install.log" 2>&1; then
    pass install_runs
else
    fail install_runs "$(tail -5 "$TMPD/install.log")"; exit 1
fi

missing=""
for f in bin/influx-lite share/man/man1/influx-lite.1 share/doc/influx-lite/LICENSE share/doc/influx-lite/THIRD-PARTY \
         share/bash-completion/completions/influx-lite share/zsh/site-functions/_influx-lite lib/libinfluxlite.a \
         lib/pkgconfig/influxlite.pc lib/cmake/influxlite/influxlite-config.cmake \
         lib/cmake/influxlite/influxlite-config-version.cmake include/influxlite/il_client.h \
         include/influxlite/il_posix.h include/influxlite/il_tls.h include/influxlite/il_tls_conn.h \
         include/influxlite/il_lwip.h include/influxlite/mbedtls-3.6/mbedtls/ssl.h \
         include/influxlite/mbedtls-3.6/psa/crypto.h include/influxlite/mbedtls-3.6/mbedtls/mbedtls_config.h; do
    [ -s "$P/$f" ] || missing="$missing $f"
done
if [ -z "$missing" ]; then pass install_files; else fail install_files "missing:$missing"; fi
if "$P/bin/influx-lite" version | grep -qx 'influx-lite [0-9.]*'; then pass install_command_runs
else fail install_command_runs "$("$P/bin/influx-lite" version 2>&1)"; fi

# ---- the man page --------------------------------------------------------------
MAN=$P/share/man/man1/influx-lite.1
warn=$(groff -man -ww -z "$MAN" 2>&1)
if [ -z "$warn" ]; then pass man_groff_no_warnings; else fail man_groff_no_warnings "$(echo "$warn" | head -3)"; fi
text=$(groff -man -Tascii -P-cbou "$MAN" 2>/dev/null)
helps=$(for c in "" "auth" "v1" "v1 auth" "auth inactive" "v1 auth set-inactive" "completion"; do
            # shellcheck disable=SC2086 # the command's words
            "$ROOT/build/influx-lite" $c --help; done)
absent=""
for w in $(echo "$helps" | grep -oE -- '--[a-z0-9-]+|\$[A-Z_]+|^   [a-z][a-z0-9-]+' | sed 's/^\$//; s/^ *//' | sort -u); do
    grep -qF -- "$w" <<<"$text" || absent="$absent $w"
done
if [ -z "$absent" ]; then pass man_names_every_flag_variable_and_command
else fail man_names_every_flag_variable_and_command "not in the man page:$absent"; fi
for section in NAME SYNOPSIS DESCRIPTION OPTIONS ENVIRONMENT FILES "EXIT STATUS" EXAMPLES; do
    grep -q "^$section" <<<"$text" || absent="$absent section:$section"
done
if [ -z "$absent" ]; then pass man_sections; else fail man_sections "$absent"; fi

# ---- programs built against the DESTDIR ------------------------------------------
{ pki_ca ca "install CA" && pki_server ca localhost DNS:localhost 9; } ||
    { fail install_pki "openssl could not make the test certificates"; exit 1; }
double_start TLS --tls-cert "$TMPD/server.crt" --tls-key "$TMPD/server.key" ||
    { fail install_double "the double did not start"; exit 1; }
double_start PLAIN || { fail install_double "the HTTP double did not start"; exit 1; }
TLS_URL="https://localhost:$TLS_PORT"

# inactivate NAME PROGRAM PORT URL [CA]: the program inactivates $ID, the double says inactive
inactivate() {
    local name=$1 prog=$2 port=$3 url=$4 ca=${5:--} out state
    double_reset "$url"
    out=$("$prog" localhost "$port" "$ca" op-token-for-tests $ID 2>&1)
    state=$(double_ctl "$url" GET "/_double/state/authorizations/$ID" |
            python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' 2>&1)
    if [ "$out" = "inactive $ID" ] && [ "$state" = inactive ]; then pass "$name"
    else fail "$name" "said '$out', the double holds '$state'"; fi
}
p256_links() {  # NAME PROGRAM: the fast P-256 and its PSA driver, not p256-m
    local syms
    syms=$(nm "$2")
    if grep -q ' il_p256_mul$' <<<"$syms" && grep -q ' il_p256_transparent_key_agreement$' <<<"$syms" &&
       ! grep -q 'p256_ecdh_shared_secret' <<<"$syms"; then pass "$1"
    else fail "$1" "il_p256_mul or its PSA driver missing, or p256-m linked"; fi
}

PC=(env PKG_CONFIG_PATH="$P/lib/pkgconfig" PKG_CONFIG_LIBDIR="$P/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$DEST" pkg-config)
if cc -std=c99 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -o "$TMPD/consumer-pc" "$ROOT/tests/install/consumer.c" \
        $("${PC[@]}" --cflags --libs influxlite) 2>"$TMPD/cc.log"; then
    pass install_pkg_config_builds
    DOUBLE_CTL_FLAGS=(--cacert "$TMPD/ca.crt")
    inactivate install_pkg_config_program_https "$TMPD/consumer-pc" "$TLS_PORT" "$TLS_URL" "$TMPD/ca.crt"
    p256_links install_pkg_config_fast_p256_links "$TMPD/consumer-pc"
else
    fail install_pkg_config_builds "$(head -c 600 "$TMPD/cc.log")"
fi

if cmake -S "$ROOT/tests/install" -B "$TMPD/cmake" -DCMAKE_PREFIX_PATH="$P" >"$TMPD/cmake.log" 2>&1 &&
   cmake --build "$TMPD/cmake" >>"$TMPD/cmake.log" 2>&1; then
    pass install_find_package_builds
    DOUBLE_CTL_FLAGS=(--cacert "$TMPD/ca.crt")
    inactivate install_find_package_program_https "$TMPD/cmake/consumer" "$TLS_PORT" "$TLS_URL" "$TMPD/ca.crt"
    p256_links install_find_package_fast_p256_links "$TMPD/cmake/consumer"
else
    fail install_find_package_builds "$(tail -c 600 "$TMPD/cmake.log")"
fi

# ---- nothing clashes with another mbedTLS in the program --------------------
outside=$(nm -g --defined-only "$P/lib/libinfluxlite.a" | awk 'NF == 3 && $3 !~ /^il_/ { print $3 }' | head -5)
if [ -z "$outside" ]; then pass install_library_defines_only_il_symbols
else fail install_library_defines_only_il_symbols "$(echo $outside)"; fi
printf '%s\n' 'int mbedtls_ssl_setup(void); int mbedtls_ssl_setup(void) { return 0; }' \
    'int psa_crypto_init(void); int psa_crypto_init(void) { return 0; }' >"$TMPD/other_mbedtls.c"
if cc -std=c99 -D_POSIX_C_SOURCE=200809L -o "$TMPD/consumer-other" "$ROOT/tests/install/consumer.c" \
        "$TMPD/other_mbedtls.c" $("${PC[@]}" --cflags --libs influxlite) 2>"$TMPD/cc2.log"; then
    DOUBLE_CTL_FLAGS=(--cacert "$TMPD/ca.crt")
    inactivate install_no_clash_with_another_mbedtls "$TMPD/consumer-other" "$TLS_PORT" "$TLS_URL" "$TMPD/ca.crt"
else
    fail install_no_clash_with_another_mbedtls "$(head -c 600 "$TMPD/cc2.log")"
fi

# ---- add_subdirectory(): native core + POSIX, and Cortex-M4 core + lwIP ---------------
DOUBLE_CTL_FLAGS=()
if cmake -S "$ROOT/tests/install/subdir" -B "$TMPD/sub" -DINFLUXLITE_SOURCE="$ROOT" >"$TMPD/sub.log" 2>&1 &&
   cmake --build "$TMPD/sub" >>"$TMPD/sub.log" 2>&1; then
    inactivate cmake_add_subdirectory_core_posix_http "$TMPD/sub/consumer_http" "$PLAIN_PORT" \
        "http://127.0.0.1:$PLAIN_PORT"
else
    fail cmake_add_subdirectory_core_posix_http "$(tail -c 600 "$TMPD/sub.log")"
fi
LWIP_INC=$BUILD/src/lwip/src/include
if [ ! -d "$LWIP_INC" ]; then
    fail cmake_add_subdirectory_cortex_m4 "$LWIP_INC missing (make test builds lwIP for the boards)"
elif cmake -S "$ROOT/tests/install/subdir" -B "$TMPD/fw" -DINFLUXLITE_SOURCE="$ROOT" -DCMAKE_SYSTEM_NAME=Generic \
        -DCMAKE_C_COMPILER=arm-none-eabi-gcc "-DCMAKE_C_FLAGS=-mcpu=cortex-m4 -mthumb -Os -Wall -Werror" \
        -DCMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY \
        "-DINFLUXLITE_LWIP_INCLUDE_DIRS=$ROOT/port/lwip;$LWIP_INC" >"$TMPD/fw.log" 2>&1 &&
     cmake --build "$TMPD/fw" >>"$TMPD/fw.log" 2>&1 &&
     arm-none-eabi-objdump -f "$TMPD/fw/influxlite/libinfluxlite_core.a" "$TMPD/fw/influxlite/libinfluxlite_lwip.a" |
       grep -q 'architecture: armv7e-m'; then
    pass cmake_add_subdirectory_cortex_m4
    echo "# Cortex-M4 -Os: $(arm-none-eabi-size -t "$TMPD/fw/influxlite/libinfluxlite_core.a" | tail -1 | awk '{print $1}') B of core text"
else
    fail cmake_add_subdirectory_cortex_m4 "$(tail -c 600 "$TMPD/fw.log")"
fi
exit $FAILED
