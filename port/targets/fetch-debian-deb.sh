#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# fetch-debian-deb.sh SUITE ARCH PACKAGE DEST MARKER - unpack Debian's binary
# package PACKAGE for the dpkg architecture ARCH, as SUITE has it, into DEST
# (dpkg-deb -x: nothing is installed), once (DEST/MARKER proves it is there);
# print the package, its version and the .deb's SHA-256 (kept in
# DEST/IL_SOURCE). For a cross library that the machine's suite lacks
# (riscv64's musl-dev: riscv64 is a release architecture from trixie on).
#
# apt runs on a private state under build/apt-deb (its own sources list,
# package lists and cache, through an APT_CONFIG file), as
# port/fetch-debian-source.sh does for sources: the machine's apt
# configuration is only read (the mirror), never written.
set -eu
suite=$1 arch=$2 pkg=$3 dest=$4 marker=$5
[ -f "$dest/$marker" ] && exit 0
root=$(cd "$(dirname "$0")/../.." && pwd)
apt_dir=${IL_APT_DEB_DIR:-$root/build/apt-deb}
die() { echo "fetch $pkg:$arch ($suite): $*" >&2; exit 1; }
command -v dpkg-deb >/dev/null || die "dpkg-deb is missing"
mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/etc/preferences.d" "$apt_dir/state/lists/partial" \
         "$apt_dir/cache/archives/partial" "$apt_dir/debs"
exec 9> "$apt_dir/lock"
flock 9
[ -f "$dest/$marker" ] && exit 0

# the mirror: the machine's first URI for the debian archive
uri=""
[ -r /etc/apt/sources.list.d/debian.sources ] &&
    uri=$(sed -n 's/^URIs:[[:space:]]*//p' /etc/apt/sources.list.d/debian.sources | tr ' ' '\n' |
          grep -E '/debian/?$' | head -n 1)
[ -z "$uri" ] && [ -r /etc/apt/sources.list ] &&
    uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:/) { print $i; break } }' \
          /etc/apt/sources.list | grep -E '/debian/?$' | head -n 1)
[ -n "$uri" ] || uri=http://deb.debian.org/debian

list="$apt_dir/etc/sources.list.d/il-$suite-$arch.sources"
printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: %s\nSigned-By: %s\n' \
    "$uri" "$suite" "$arch" /usr/share/keyrings/debian-archive-keyring.gpg > "$list.new"
: > "$apt_dir/etc/sources.list"
cat > "$apt_dir/apt.conf" <<CONF
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "$apt_dir/etc/sources.list.d";
Dir::Etc::Preferences "$apt_dir/etc/preferences";
Dir::Etc::PreferencesParts "$apt_dir/etc/preferences.d";
Dir::State "$apt_dir/state";
Dir::State::status "$apt_dir/state/status";
Dir::Cache "$apt_dir/cache";
Acquire::Languages "none";
APT::Architecture "$arch";
APT::Architectures { "$arch"; };
CONF
[ "$(id -u)" = 0 ] && echo 'APT::Sandbox::User "root";' >> "$apt_dir/apt.conf"
: >> "$apt_dir/state/status"
export APT_CONFIG="$apt_dir/apt.conf"
if ! cmp -s "$list.new" "$list" || ! ls "$apt_dir"/state/lists/*_Packages* >/dev/null 2>&1; then
    mv "$list.new" "$list"
    apt-get update -qq || die "apt-get update failed"
else
    rm -f "$list.new"
fi
rm -f "$apt_dir/debs/${pkg}_"*
(cd "$apt_dir/debs" && apt-get download -qq "$pkg:$arch") || die "apt-get download failed"
deb=$(find "$apt_dir/debs" -name "${pkg}_*_$arch.deb" | head -n 1)
[ -n "$deb" ] || die "no .deb downloaded"
tmp="$dest.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
[ -e "$tmp/$marker" ] || die "unpacked, but $marker is missing"
version=$(dpkg-deb -f "$deb" Version)
echo "Debian package $pkg:$arch $version ($suite), $(basename "$deb") sha256 $(sha256sum "$deb" | cut -d' ' -f1)" \
    > "$tmp/IL_SOURCE"
rm -rf "$dest"; mkdir -p "$(dirname "$dest")"; mv "$tmp" "$dest"
echo "fetched $(cat "$dest/IL_SOURCE") into $dest"
