#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# bundle-lib.sh OUT ARCHIVE... - the installed libinfluxlite.a: every member
# of the ARCHIVEs (the library, then its mbedTLS) in one archive, with every
# global symbol they define that does not start with il_ renamed il_NAME
# (mbedtls_ssl_setup -> il_mbedtls_ssl_setup, psa_* -> il_psa_*), in the
# objects that define and the ones that use it. A program may then also link
# another mbedTLS (a distribution's, an SDK's): nothing clashes. The mbedTLS headers installed beside it still say
# mbedtls_*: they serve for the types (il_tls_conn_t holds mbedTLS
# contexts); a program calls the library through its il_* functions.
# Prints the number of symbols renamed. Env: AR, NM, OBJCOPY.
set -eu
out=$1; shift
AR=${AR:-ar} NM=${NM:-nm} OBJCOPY=${OBJCOPY:-objcopy}
tmp="$out.d"
rm -rf "$tmp" "$out"; mkdir -p "$tmp"
n=0
for a in "$@"; do
    n=$((n + 1))
    mkdir "$tmp/$n"
    abs=$(cd "$(dirname "$a")" && pwd)/$(basename "$a")
    (cd "$tmp/$n" && $AR x "$abs")
    # the members by their archive's number: two archives may hold the same name
    for o in "$tmp/$n"/*.o; do mv "$o" "$tmp/$n-$(basename "$o")"; done
    rmdir "$tmp/$n"
done
$NM -g --defined-only "$tmp"/*.o | awk 'NF == 3 && $3 !~ /^il_/ { print $3 " il_" $3 }' | sort -u > "$tmp/renames"
for o in "$tmp"/*.o; do $OBJCOPY --redefine-syms="$tmp/renames" "$o"; done
left=$($NM -g --defined-only "$tmp"/*.o | awk 'NF == 3 && $3 !~ /^il_/' | head -n 3)
[ -z "$left" ] || { echo "bundle-lib: still defined outside il_*: $left" >&2; exit 1; }
(cd "$tmp" && $AR rcs "../$(basename "$out")" ./*.o)
echo "$out: $(ls "$tmp"/*.o | wc -l) objects, $(wc -l < "$tmp/renames") symbols renamed il_*"
rm -rf "$tmp"
