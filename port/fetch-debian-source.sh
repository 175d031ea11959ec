#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# fetch-debian-source.sh PACKAGE DEST MARKER - unpack Debian's source package
# PACKAGE into DEST, once (DEST/MARKER proves it is there). Enables deb-src
# (debian-src.sources derived from debian.sources, as root) when no deb-src
# entry exists yet, and tolerates a parallel fetch doing the same.
set -eu
pkg=$1 dest=$2 marker=$3
[ -f "$dest/$marker" ] && exit 0
has_src() { grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; }
if ! has_src; then
    if [ "$(id -u)" != 0 ]; then
        echo "fetch $pkg: deb-src is not enabled and we are not root" >&2; exit 1
    fi
    srcs=/etc/apt/sources.list.d/debian-src.sources
    if [ ! -e "$srcs" ]; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$srcs.tmp.$$"
        mv "$srcs.tmp.$$" "$srcs"
    fi
fi
command -v dpkg-source >/dev/null || { echo "fetch $pkg: dpkg-dev is missing (make deps)" >&2; exit 1; }
# apt-get update until the Sources index knows the package (another fetch may hold the lock)
i=0
until apt-cache showsrc "$pkg" 2>/dev/null | grep -q "^Package: $pkg\$"; do
    i=$((i + 1)); [ $i -gt 5 ] && { echo "fetch $pkg: no such source package" >&2; exit 1; }
    apt-get update -qq || sleep 5
done
tmp="$dest.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
(cd "$tmp" && apt-get source -qq "$pkg" >/dev/null 2>&1) || (cd "$tmp" && apt-get source "$pkg")
d=$(find "$tmp" -maxdepth 1 -type d -name "$pkg-*" | head -n 1)
[ -n "$d" ] && [ -f "$d/$marker" ] || { echo "fetch $pkg: unpack failed" >&2; exit 1; }
rm -rf "$dest"
mv "$d" "$dest"
rm -rf "$tmp"
