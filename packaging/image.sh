#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# image.sh OUT VERSION CA_BUNDLE ARCH=BINARY... - the FROM-scratch,
# multi-architecture OCI image (`make image`), built by Debian's buildah
# without a daemon: for each architecture one image holding only the static
# binary as /influx-lite, the CA bundle as /etc/ssl/certs/ca-certificates.crt
# (SSL_CERT_FILE names it), LICENSE and THIRD-PARTY under
# /usr/share/doc/influx-lite; user 65534:65534 (nobody); entrypoint
# /influx-lite. All in one manifest list, written as an OCI layout to OUT
# (tag VERSION); buildah's storage is private to build/image (vfs: no
# overlay mounts needed), nothing goes to the machine's container storage.
# ARCH: x86_64, aarch64, armhf, armel, mipsel, riscv64.
set -eu
out=$1 version=$2 ca=$3; shift 3
here=$(cd "$(dirname "$0")/.." && pwd)
state=$(dirname "$out")/buildah
B="buildah --root $state/root --runroot $state/run --storage-driver vfs"
list=localhost/influx-lite:$version
rm -rf "$out" "$state"
mkdir -p "$state/tmp"
export TMPDIR="$state/tmp"
trap 'rm -rf "$state"' EXIT
$B manifest create "$list" >/dev/null
for pair in "$@"; do
    arch=${pair%%=*} bin=${pair#*=} variant=""
    case $arch in
        x86_64) oci=amd64 ;;
        aarch64) oci=arm64 variant=v8 ;;
        armhf) oci=arm variant=v7 ;;
        armel) oci=arm variant=v5 ;;       # ARMv5TE code: also what an ARMv6 (Pi Zero/1) runs
        mipsel) oci=mipsle ;;
        riscv64) oci=riscv64 ;;
        *) echo "image.sh: unknown architecture $arch" >&2; exit 1 ;;
    esac
    c=$($B from --arch "$oci" ${variant:+--variant "$variant"} --os linux scratch)
    $B copy --quiet --chmod 0755 "$c" "$bin" /influx-lite
    $B copy --quiet --chmod 0644 "$c" "$ca" /etc/ssl/certs/ca-certificates.crt
    $B copy --quiet --chmod 0644 "$c" "$here/LICENSE" "$here/THIRD-PARTY" /usr/share/doc/influx-lite/
    $B config --os linux --arch "$oci" ${variant:+--variant "$variant"} --user 65534:65534 \
        --env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt --entrypoint '["/influx-lite"]' --cmd '["--help"]' \
        --label org.opencontainers.image.title=influx-lite --label org.opencontainers.image.version="$version" \
        --label org.opencontainers.image.licenses="Apache-2.0 AND MIT AND MPL-2.0" "$c"
    $B commit --quiet --manifest "$list" "$c" "localhost/influx-lite:$version-$arch" >/dev/null
    $B rm "$c" >/dev/null
done
mkdir -p "$(dirname "$out")"
$B manifest push --quiet --all --format oci "$list" "oci:$out:$version"
echo "$out: OCI image index $version, $(echo "$@" | wc -w) architectures"
