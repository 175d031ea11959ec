#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# fetch-debian-source.sh PACKAGE DEST MARKER [LOWEST [BELOW]] - unpack
# Debian's source package PACKAGE into DEST, once (DEST/MARKER proves it is
# there), and print the package, its version and its upstream tarball's
# SHA-256 (also kept in DEST/IL_SOURCE, which a build prints). PACKAGE may
# name a suite or a version as apt-get source takes them (lwip/bookworm,
# mbedtls=3.6.7-3). With LOWEST (and BELOW), the newest version v that the
# suites offer with LOWEST <= v < BELOW (Debian's version order) is taken,
# and the fetch fails, naming every version found, when there is none.
#
# apt runs on a private state under build/apt (its own sources list, package
# lists and cache, through an APT_CONFIG file): the machine's apt
# configuration is only read (the mirror, from
# /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list), never written, and no root is
# needed. Fetches run one at a time (flock), so parallel makes may call this.
set -eu
pkg=$1 dest=$2 marker=$3 lowest=${4:-} below=${5:-}
name=${pkg%%[/=]*}
[ -f "$dest/$marker" ] && exit 0

# The suites whose Sources indexes are searched, each as SUITE:ARCHIVE, where
# ARCHIVE is "debian" or "debian-security" (its URI comes from the machine's
# debian.sources). A source package is taken from the first suite that has
# it, in apt's usual order (the highest version wins), unless the caller
# names a suite (lwip/bookworm) or a version range. Add suites here. trixie
# and sid are searched for mbedTLS 3.6 (bookworm has only 2.28): callers that
# want bookworm's version name it.
IL_SOURCE_SUITES=${IL_SOURCE_SUITES:-"bookworm:debian bookworm-updates:debian bookworm-security:debian-security \
trixie:debian trixie-security:debian-security sid:debian"}

root=$(cd "$(dirname "$0")/.." && pwd)
apt_dir=${IL_APT_DIR:-$root/build/apt}
machine_sources=/etc/apt/sources.list.d/debian.sources
die() { echo "fetch $pkg: $*" >&2; exit 1; }

command -v dpkg-source >/dev/null || die "dpkg-dev is missing (make deps)"
command -v flock >/dev/null || die "flock (util-linux) is missing"
mkdir -p "$apt_dir/etc/sources.list.d" "$apt_dir/etc/preferences.d" "$apt_dir/state/lists/partial" \
         "$apt_dir/cache/archives/partial"
exec 9> "$apt_dir/lock"
flock 9
[ -f "$dest/$marker" ] && exit 0   # fetched by another make while we waited

# The mirror: the first URI of the machine's stanza for each archive.
uri_of() {   # ARCHIVE -> URI
    u=""
    [ -r "$machine_sources" ] &&
        u=$(sed -n 's/^URIs:[[:space:]]*//p' "$machine_sources" | tr ' ' '\n' | grep -E "/$1/?\$" | head -n 1)
    [ -z "$u" ] && [ -r /etc/apt/sources.list ] &&   # the one-line format of older installs
        u=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z+]+:/) { print $i; break } }' \
              /etc/apt/sources.list | grep -E "/$1/?\$" | head -n 1)
    if [ -z "$u" ] && [ "$1" = debian-security ]; then
        u=$(uri_of debian | sed 's#/debian/\{0,1\}$#/debian-security#')
    fi
    [ -n "$u" ] || u="http://deb.debian.org/$1"
    echo "$u"
}
sources="$apt_dir/etc/sources.list.d/il-src.sources"
{
    for s in $IL_SOURCE_SUITES; do
        printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n' "$(uri_of "${s#*:}")" "${s%%:*}"
        printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n\n'
    done
} > "$sources.new"
: > "$apt_dir/etc/sources.list"
cat > "$apt_dir/apt.conf" <<EOF
Dir::Etc::SourceList "$apt_dir/etc/sources.list";
Dir::Etc::SourceParts "$apt_dir/etc/sources.list.d";
Dir::Etc::Preferences "$apt_dir/etc/preferences";
Dir::Etc::PreferencesParts "$apt_dir/etc/preferences.d";
Dir::State "$apt_dir/state";
Dir::Cache "$apt_dir/cache";
Acquire::Languages "none";
EOF
# as root apt downloads as the _apt user, who cannot write into build/
[ "$(id -u)" = 0 ] && echo 'APT::Sandbox::User "root";' >> "$apt_dir/apt.conf"
export APT_CONFIG="$apt_dir/apt.conf"

# Update the indexes when the suite list changed, or when the package is not
# in them (a newer index may have it).
if ! cmp -s "$sources.new" "$sources" || ! ls "$apt_dir"/state/lists/*_Sources* >/dev/null 2>&1; then
    mv "$sources.new" "$sources"
    apt-get update -qq || die "apt-get update failed for: $IL_SOURCE_SUITES"
else
    rm -f "$sources.new"
fi
known() { apt-cache showsrc "$name" 2>/dev/null | grep -q "^Package: $name\$"; }
known || { apt-get update -qq || die "apt-get update failed for: $IL_SOURCE_SUITES"; }
if ! known; then
    indexes=$(cd "$apt_dir/state/lists" && ls *_Sources* 2>/dev/null | tr '\n' ' ')
    short=$(echo "$name" | cut -c1-5)
    similar=$(for f in "$apt_dir"/state/lists/*_Sources*; do /usr/lib/apt/apt-helper cat-file "$f"; done 2>/dev/null |
              sed -n "s/^Package: \(.*$short.*\)/\1/p" | sort -u | head -n 8 | tr '\n' ' ')
    echo "fetch $pkg: no source package \"$name\" in the suites $IL_SOURCE_SUITES" >&2
    echo "fetch $pkg: indexes found: ${indexes:-none}" >&2
    echo "fetch $pkg: source packages with similar names: ${similar:-none}" >&2
    exit 1
fi

# A version range: the newest version the indexes offer inside it.
if [ -n "$lowest" ]; then
    versions=$(apt-cache showsrc "$name" 2>/dev/null | sed -n 's/^Version:[[:space:]]*//p' | sort -u)
    best=""
    for v in $versions; do
        dpkg --compare-versions "$v" ge "$lowest" || continue
        [ -z "$below" ] || dpkg --compare-versions "$v" lt "$below" || continue
        [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best" || continue
        best=$v
    done
    if [ -z "$best" ]; then
        echo "fetch $pkg: no version of \"$name\" at or above $lowest${below:+ and below $below} in the suites" \
             "$IL_SOURCE_SUITES" >&2
        echo "fetch $pkg: versions found: $(echo $versions)" >&2
        exit 1
    fi
    pkg="$name=$best"
fi

tmp="$dest.tmp.$$"
rm -rf "$tmp"; mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get source -qq "$pkg" >/dev/null 2>&1) || (cd "$tmp" && apt-get source "$pkg") ||
    die "apt-get source failed"
d=$(find "$tmp" -mindepth 1 -maxdepth 1 -type d -name "$name-*" | head -n 1)
dsc=$(find "$tmp" -mindepth 1 -maxdepth 1 -name "${name}_*.dsc" | head -n 1)
[ -n "$d" ] && [ -f "$d/$marker" ] || die "unpacked, but ${d:-no $name-* folder}/$marker is missing"
version=$(sed -n 's/^Version:[[:space:]]*//p' "$dsc" | head -n 1)
orig=$(find "$tmp" -mindepth 1 -maxdepth 1 -name "${name}_*.orig.tar.*" ! -name '*.asc' | head -n 1)
[ -n "$orig" ] || orig=$(find "$tmp" -mindepth 1 -maxdepth 1 -name "${name}_*.tar.*" ! -name '*.asc' | head -n 1)
sha=$(sha256sum "$orig" | cut -d' ' -f1)
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
mv "$d" "$dest"
echo "Debian source package $name $version, $(basename "$orig") sha256 $sha" > "$dest/IL_SOURCE"
echo "fetched $(cat "$dest/IL_SOURCE") into $dest"
