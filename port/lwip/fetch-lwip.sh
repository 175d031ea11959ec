#!/bin/sh
# fetch-lwip.sh DEST - unpack Debian's lwIP source package into DEST (once).
# Enables deb-src (a debian-src.sources derived from debian.sources) when no
# deb-src entry exists yet; tolerates another helper having done so already.
set -eu
dest=$1
[ -f "$dest/src/include/lwip/init.h" ] && exit 0
if [ "$(id -u)" != 0 ] && ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    echo "fetch-lwip: deb-src is not enabled and we are not root" >&2; exit 1
fi
srcs=/etc/apt/sources.list.d/debian-src.sources
if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    if [ ! -e "$srcs" ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$srcs.tmp.$$"
        mv "$srcs.tmp.$$" "$srcs"
    fi
fi
# apt-get update until the Sources index knows lwip (another helper may hold the lock)
i=0
until apt-cache showsrc lwip 2>/dev/null | grep -q '^Package: lwip'; do
    i=$((i + 1)); [ $i -gt 5 ] && { echo "fetch-lwip: no lwip source package" >&2; exit 1; }
    apt-get update -qq || sleep 5
done
tmp="$dest.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
(cd "$tmp" && apt-get source -qq lwip >/dev/null 2>&1 || (cd "$tmp" && apt-get source lwip))
d=$(find "$tmp" -maxdepth 1 -type d -name 'lwip-*' | head -n 1)
[ -n "$d" ] && [ -f "$d/src/include/lwip/init.h" ] || { echo "fetch-lwip: unpack failed" >&2; exit 1; }
rm -rf "$dest"
mv "$d" "$dest"
rm -rf "$tmp"
