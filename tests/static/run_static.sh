#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# run_static.sh - static checks of core/, the ports and the CLI; one PASS/FAIL line each:
#   static_cppcheck        cppcheck over core/, port/posix/, port/proxy/, port/mbedtls/*.c, boards/linux/
#   static_clang_tidy      clang-tidy bugprone, cert, clang-analyzer, misc over the same
#   static_gcc_pedantic    core/*.c and port/proxy/*.c with gcc -std=c99 -pedantic and strict warnings, -Werror
#   static_arm_gcc         the same with arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os
#   static_core_calls      core/ calls no heap, stdio, env, socket, time or process function
#   static_core_symbols    the ARM objects need only mem*/str* (+ compiler helpers)
#   static_core_no_state   the ARM objects have no .data/.bss/common symbols
# Findings listed in tests/static/known-findings.txt print as KNOWN (reported,
# not fixed yet) and do not fail; any other finding does.
# The clang-tidy result is cached in build/static/ by a hash of its inputs.
set -u
cd "$(dirname "$0")/../.." || exit 1
OUT=build/static
mkdir -p "$OUT"
KNOWN=tests/static/known-findings.txt
rc=0
pass() { echo "PASS $1${2:+ ($2)}"; }
fail() { echo "FAIL $1: $2"; rc=1; }

for tool in cppcheck clang-tidy gcc arm-none-eabi-gcc arm-none-eabi-nm; do
    command -v "$tool" >/dev/null || { echo "FAIL static: $tool not installed (apt-get install cppcheck clang-tidy gcc-arm-none-eabi)"; exit 1; }
done

CORE_SRC=$(ls core/*.c)
POSIX_SRC=$(ls port/posix/*.c)
PROXY_SRC=$(ls port/proxy/*.c)
TLS_SRC=$(ls port/mbedtls/*.c 2>/dev/null)
# the CLI: the largest code that holds secrets (built with the TLS port)
CLI_SRC=$(ls boards/linux/*.c)
CLI_DEFS=(-Iport/posix -Iport/proxy -Iboards/linux)
# mbedTLS headers: the source tree port/mbedtls/rules.mk fetches (MBEDTLS_SRC;
# the port is written against it, with its own config file); without it the
# TLS port is skipped by clang-tidy (cppcheck needs no system headers).
MBEDTLS_INC=build/src/mbedtls-3.6/include
TLS_DEFS=(-Iport/mbedtls -DIL_HAVE_TLS '-DMBEDTLS_CONFIG_FILE="il_mbedtls_config.h"')
# p256.c over fiat-crypto's header (BoringSSL's source, fetched beside mbedTLS),
# p256_driver.c against the header of mbedTLS's p256-m driver slot
FIAT_INC=build/src/boringssl/src/third_party/fiat
TLS_TIDY=()
if [ -f "$FIAT_INC/p256_64.h" ]; then
    TLS_DEFS+=(-DIL_TLS_P256_FIAT)
    TLS_TIDY=(-isystem "$FIAT_INC" -isystem "${MBEDTLS_INC%/include}/3rdparty/p256-m")
fi

# Filter "file|check|message" lines of one tool through the known list;
# prints KNOWN lines, leaves the unknown ones in $2.
filter_known() {
    local tool=$1 in=$2 left=$3 line file check msg k_tool k_file k_check k_text k_why matched
    : > "$left"
    while IFS= read -r line; do
        [ -n "$line" ] || continue
        file=${line%%|*}; rest=${line#*|}; check=${rest%%|*}; msg=${rest#*|}
        matched=""
        while IFS='|' read -r k_tool k_file k_check k_text k_why; do
            case "$k_tool" in ''|'#'*) continue ;; esac
            if [ "$k_tool" = "$tool" ] && [ "$k_file" = "$file" ] && [ "$k_check" = "$check" ] &&
               [[ "$msg" == *"$k_text"* ]]; then matched=$k_why; break; fi
        done < "$KNOWN"
        if [ -n "$matched" ]; then echo "KNOWN $tool $file [$check] $msg -- $matched"
        else echo "$line" >> "$left"; fi
    done < "$in"
}

# ---- cppcheck ----
# Suppressed: variableScope (house style, as coreHTTP: variables declared at
# the top of a block); unusedStructMember in pool.c (the "align" member of the
# static pool's union exists only to align the pool) and json_models.c (struct
# json_names exists only for offsetof: the tags' offsets in il_json_names).
cpp_out=$OUT/cppcheck.txt
CPPCHECK=(cppcheck --enable=warning,style,performance,portability --std=c99 --error-exitcode=1
          --inline-suppr -q --template='{file}|{id}|{message}' -Iinclude
          --suppress=variableScope --suppress=unusedStructMember:port/mbedtls/pool.c
          --suppress=unusedStructMember:core/json_models.c)
{
    "${CPPCHECK[@]}" -Iport/posix -Iport/proxy $CORE_SRC $POSIX_SRC $PROXY_SRC 2>&1
    [ -n "$TLS_SRC" ] && "${CPPCHECK[@]}" -Iport/posix "${TLS_DEFS[@]}" $TLS_SRC 2>&1
    "${CPPCHECK[@]}" "${CLI_DEFS[@]}" "${TLS_DEFS[@]}" $CLI_SRC 2>&1
} | grep '|' > "$cpp_out.raw"
filter_known cppcheck "$cpp_out.raw" "$cpp_out"
if [ -s "$cpp_out" ]; then fail static_cppcheck "$(wc -l < "$cpp_out") finding(s):"; cat "$cpp_out"
else pass static_cppcheck "core/ port/posix/ port/proxy/${TLS_SRC:+ port/mbedtls/} boards/linux/"; fi

# ---- clang-tidy ----
# Left out, as noise for this code:
#  bugprone-easily-swappable-parameters: (buf, cap, len)-style signatures are
#    the public API, fixed by the headers;
#  clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling: flags
#    every memcpy/memset in favour of C11 Annex K *_s functions, which neither
#    glibc nor newlib provide;
#  cert-dcl03-c / misc-static-assert: suggest C11 static_assert (core is C99).
TIDY_CHECKS='-*,bugprone-*,cert-*,clang-analyzer-*,misc-*,-bugprone-easily-swappable-parameters,-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling,-cert-dcl03-c,-misc-static-assert'
TIDY_BASE=(-std=c99 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Iport/posix -Iport/proxy)
tidy_files="$CORE_SRC $POSIX_SRC $PROXY_SRC"
tidy_note=""
if [ -n "$TLS_SRC" ]; then
    if [ -d "$MBEDTLS_INC" ]; then tidy_files="$tidy_files $TLS_SRC $CLI_SRC"
    else tidy_note="port/mbedtls and boards/linux skipped: $MBEDTLS_INC missing (make mbedtls)"; fi
fi
key=$( { echo "$TIDY_CHECKS"; clang-tidy --version; cat $tidy_files include/*.h port/*/*.h boards/linux/*.h "$0"; } |
       sha256sum | cut -c1-16)
tidy_raw=$OUT/clang-tidy-$key.txt
if [ ! -f "$tidy_raw" ]; then
    rm -f "$OUT"/clang-tidy-*.txt
    mkdir -p "$OUT/tidy"; rm -f "$OUT"/tidy/*
    n=0
    for f in $tidy_files; do   # two files at a time
        case "$f" in
            port/mbedtls/mpi_*) extra=("${TLS_DEFS[@]}" "${TLS_TIDY[@]}" -isystem "$MBEDTLS_INC"
                                 -isystem "$MBEDTLS_INC/../library") ;;   # built with mbedTLS's library
            port/mbedtls/*) extra=("${TLS_DEFS[@]}" "${TLS_TIDY[@]}" -isystem "$MBEDTLS_INC") ;;
            boards/linux/*) extra=("${CLI_DEFS[@]}" "${TLS_DEFS[@]}" "${TLS_TIDY[@]}" -isystem "$MBEDTLS_INC") ;;
            *) extra=() ;;
        esac
        clang-tidy --quiet -checks="$TIDY_CHECKS" "$f" -- "${TIDY_BASE[@]}" "${extra[@]}" \
            > "$OUT/tidy/$(echo "$f" | tr / _).txt" 2>/dev/null &
        n=$((n + 1)); if [ "$n" -ge 2 ]; then wait -n; n=$((n - 1)); fi
    done
    wait
    cat "$OUT"/tidy/*.txt | sed -n -e "s#^$PWD/##" \
        -e 's#^\([^:]*\):[0-9]*:[0-9]*: \(warning\|error\): \(.*\) \[\([^]]*\)\]$#\1|\4|\3#p' \
        | sort -u > "$tidy_raw.tmp" && mv "$tidy_raw.tmp" "$tidy_raw"
fi
filter_known clang-tidy "$tidy_raw" "$OUT/clang-tidy.txt"
if [ -s "$OUT/clang-tidy.txt" ]; then fail static_clang_tidy "$(wc -l < "$OUT/clang-tidy.txt") finding(s):"; cat "$OUT/clang-tidy.txt"
else pass static_clang_tidy "$(echo $tidy_files | wc -w) files${tidy_note:+; $tidy_note}"; fi

# ---- strict compiles of core/ (and port/proxy/, which is as portable: the
# lwIP boards can link it; it may call the core, nothing else) ----
STRICT=(-std=c99 -pedantic -Wall -Wextra -Wconversion -Wshadow -Wcast-qual -Wstrict-prototypes -Werror
        -Iinclude)
rm -rf "$OUT/gcc" "$OUT/arm"; mkdir -p "$OUT/gcc" "$OUT/arm"
errs=""
for f in $CORE_SRC $PROXY_SRC; do
    gcc "${STRICT[@]}" -Iport/proxy -c "$f" -o "$OUT/gcc/$(basename "$f" .c).o" 2> "$OUT/gcc.err" || errs="$errs $f"
    [ -s "$OUT/gcc.err" ] && cat "$OUT/gcc.err"
done
if [ -n "$errs" ]; then fail static_gcc_pedantic "does not compile cleanly:$errs"; else pass static_gcc_pedantic; fi
errs=""
for f in $CORE_SRC $PROXY_SRC; do
    arm-none-eabi-gcc -mcpu=cortex-m4 -mthumb -Os "${STRICT[@]}" -Iport/proxy -c "$f" \
        -o "$OUT/arm/$(basename "$f" .c).o" 2> "$OUT/arm.err" || errs="$errs $f"
    [ -s "$OUT/arm.err" ] && cat "$OUT/arm.err"
done
if [ -n "$errs" ]; then fail static_arm_gcc "does not compile cleanly:$errs"; else pass static_arm_gcc; fi

# ---- what core/ may call ----
# Source check: forbidden functions as calls (not as struct members such as
# transport->send), comments and strings removed first.
FORBIDDEN='malloc|calloc|realloc|free|alloca|printf|fprintf|sprintf|snprintf|vsnprintf|puts|fputs|putchar|fopen|fwrite|fread|perror|getenv|setenv|socket|connect|bind|listen|accept|send|recv|sendto|recvfrom|select|poll|getaddrinfo|gethostbyname|close|read|write|open|exit|abort|time|clock|sleep|usleep|rand|srand|strtok|system|signal|setjmp|longjmp|atoi|strtol|strtoul|sscanf'
hits=$(for f in $CORE_SRC $PROXY_SRC; do
    gcc -std=c99 -fpreprocessed -dD -E -P "$f" 2>/dev/null | sed 's/"\([^"\\]\|\\.\)*"/""/g' |
        grep -nE "(^|[^.>_[:alnum:]])($FORBIDDEN)[[:space:]]*\(" | sed "s|^|$f: |"
done)
if [ -n "$hits" ]; then fail static_core_calls "forbidden calls in core/:"; echo "$hits"
else pass static_core_calls; fi
# Object check: every undefined symbol of the ARM objects is allowed.
ALLOWED='^(memcpy|memset|memcmp|memchr|memmove|strlen|strchr|strcmp|strncmp|__aeabi_[a-z0-9_]+|__gnu_[a-z0-9_]+)$'
defined=$(arm-none-eabi-nm --defined-only "$OUT"/arm/*.o | awk 'NF == 3 {print $3}' | sort -u)
undef=$(arm-none-eabi-nm -u "$OUT"/arm/*.o | awk '$1 == "U" {print $2}' | sort -u |
        comm -23 - <(echo "$defined"))
bad=$(echo "$undef" | grep -vE "$ALLOWED" | grep -v '^$')
if [ -n "$bad" ]; then fail static_core_symbols "core/ needs:" $bad
else pass static_core_symbols "$(echo $undef | tr ' ' ',')"; fi
# No mutable state: no .data/.bss/common symbols and empty .data/.bss sections.
state=$(arm-none-eabi-nm "$OUT"/arm/*.o | grep -E '^[0-9a-f ]+ [bBdDcCgGsSvV] ')
sizes=$(arm-none-eabi-size -A "$OUT"/arm/*.o | awk '$1 ~ /^\.(data|bss)/ && $2 != 0 {print FILENAME": "$1" "$2}')
if [ -n "$state$sizes" ]; then fail static_core_no_state "mutable file-scope or static-local data:"; echo "$state$sizes"
else pass static_core_no_state "no .data/.bss symbols in $(ls "$OUT"/arm/*.o | wc -l) ARM objects"; fi

exit $rc
