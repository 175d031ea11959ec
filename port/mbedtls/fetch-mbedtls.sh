#!/bin/sh
# fetch-mbedtls.sh DEST - unpack Debian's mbedTLS source package (2.28.x in
# bookworm) into DEST, once. Enables deb-src (debian-src.sources derived from
# debian.sources, as root) when no deb-src entry exists yet; tolerates another
# helper (port/lwip/fetch-lwip.sh) doing the same at the same time.
set -eu
dest=$1
[ -f "$dest/include/mbedtls/ssl.h" ] && [ -f "$dest/library/ssl_tls.c" ] && exit 0
has_src() { grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; }
if ! has_src; then
    if [ "$(id -u)" != 0 ]; then
        echo "fetch-mbedtls: deb-src is not enabled and we are not root" >&2; exit 1
    fi
    srcs=/etc/apt/sources.list.d/debian-src.sources
    if [ ! -e "$srcs" ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$srcs.tmp.$$"
        mv "$srcs.tmp.$$" "$srcs"
    fi
fi
command -v dpkg-source >/dev/null || { echo "fetch-mbedtls: dpkg-dev is missing (make deps)" >&2; exit 1; }
# apt-get update until the Sources index knows mbedtls (another helper may hold the lock)
i=0
until apt-cache showsrc mbedtls 2>/dev/null | grep -q '^Package: mbedtls'; do
    i=$((i + 1)); [ $i -gt 5 ] && { echo "fetch-mbedtls: no mbedtls source package" >&2; exit 1; }
    apt-get update -qq || sleep 5
done
tmp="$dest.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
(cd "$tmp" && apt-get source -qq mbedtls >/dev/null 2>&1) || (cd "$tmp" && apt-get source mbedtls)
d=$(find "$tmp" -maxdepth 1 -type d -name 'mbedtls-*' | head -n 1)
[ -n "$d" ] && [ -f "$d/library/ssl_tls.c" ] || { echo "fetch-mbedtls: unpack failed" >&2; exit 1; }
rm -rf "$dest"
mv "$d" "$dest"
rm -rf "$tmp"
