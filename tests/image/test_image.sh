#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The FROM-scratch image (make image: build/image/oci, an OCI layout)
# inspected with Debian's skopeo: one index of the six architectures
# (amd64, arm64/v8, arm/v7, arm/v5, mipsle, riscv64), each image one layer
# holding exactly the static binary (byte for byte
# build/influx-lite-static-A), the CA bundle (Debian's, byte for byte),
# LICENSE and THIRD-PARTY, and nothing else; its configuration runs
# /influx-lite as nobody (65534:65534) with SSL_CERT_FILE naming the bundle.
# The x86_64 image's files, unpacked into an empty root, inactivate a token
# over HTTPS with the image's own CA bundle plus the test CA (chroot: root).
set -u
. "$(dirname "$0")/../lib/suite.sh"
. "$ROOT/tests/lib/double.sh"
. "$ROOT/tests/lib/pki.sh"
OCI=$BUILD/image/oci
VERSION=$(sed -n 's/^#define IL_VERSION "\(.*\)"/\1/p' "$ROOT/include/il_config.h")
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
for tool in skopeo python3 tar sha256sum; do
    command -v "$tool" >/dev/null || { fail image_tools "$tool not installed (make deps)"; exit 1; }
done
[ -f "$OCI/index.json" ] || { fail image_built "$OCI missing (make image)"; exit 1; }

index=$(skopeo inspect --raw "oci:$OCI:$VERSION") || { fail image_index "skopeo cannot read the index"; exit 1; }
platforms=$(python3 -c 'import json,sys
for m in json.loads(sys.argv[1])["manifests"]:
    p = m["platform"]; print(p["os"] + "/" + p["architecture"] + ("/" + p["variant"] if p.get("variant") else ""))' \
    "$index" | sort | tr '\n' ' ')
want="linux/amd64 linux/arm/v5 linux/arm/v7 linux/arm64/v8 linux/mipsle linux/riscv64 "
if [ "$platforms" = "$want" ]; then pass image_index_six_architectures
else fail image_index_six_architectures "platforms: $platforms"; fi

declare -A OCIARCH=([x86_64]="amd64" [aarch64]="arm64 v8" [armhf]="arm v7" [armel]="arm v5" [mipsel]="mipsle"
                    [riscv64]="riscv64")
FILES="etc/ etc/ssl/ etc/ssl/certs/ etc/ssl/certs/ca-certificates.crt influx-lite usr/ usr/share/ usr/share/doc/ \
usr/share/doc/influx-lite/ usr/share/doc/influx-lite/LICENSE usr/share/doc/influx-lite/THIRD-PARTY"
for a in x86_64 aarch64 armhf armel mipsel riscv64; do
    read -r arch variant <<<"${OCIARCH[$a]}"
    over=(--override-os linux --override-arch "$arch")
    [ -n "${variant:-}" ] && over+=(--override-variant "$variant")
    d=$TMPD/$a
    if ! skopeo copy -q "${over[@]}" "oci:$OCI:$VERSION" "dir:$d" >"$TMPD/copy.log" 2>&1; then
        fail "image_${a}" "skopeo copy: $(head -c 300 "$TMPD/copy.log")"; continue
    fi
    cfg=$(skopeo inspect --config "${over[@]}" "oci:$OCI:$VERSION")
    why=$(python3 - "$cfg" "$arch" "${variant:-}" <<'PY'
import json, sys
c = json.loads(sys.argv[1]); cc = c.get("config", {})
problems = []
if c.get("architecture") != sys.argv[2] or (sys.argv[3] and c.get("variant") != sys.argv[3]):
    problems.append("architecture %s/%s" % (c.get("architecture"), c.get("variant")))
if cc.get("User") != "65534:65534": problems.append("user %r" % cc.get("User"))
if cc.get("Entrypoint") != ["/influx-lite"]: problems.append("entrypoint %r" % cc.get("Entrypoint"))
if "SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt" not in cc.get("Env", []): problems.append("env %r" % cc.get("Env"))
if len(c.get("rootfs", {}).get("diff_ids", [])) != 1: problems.append("layers %r" % c.get("rootfs"))
print("; ".join(problems))
PY
)
    layer=$(python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print(m["layers"][0]["digest"].split(":")[1])' \
            "$d/manifest.json")
    files=$(tar -tzf "$d/$layer" | sed 's|^\./||' | grep -v '^$' | sort | tr '\n' ' ')
    [ "$files" = "$(echo $FILES) " ] || why="$why; files: $files"
    mkdir -p "$d/root" && tar -xzf "$d/$layer" -C "$d/root"
    cmp -s "$d/root/influx-lite" "$BUILD/influx-lite-static-$a" || why="$why; /influx-lite is not build/influx-lite-static-$a"
    cmp -s "$d/root/etc/ssl/certs/ca-certificates.crt" "$CA_BUNDLE" || why="$why; the CA bundle differs from $CA_BUNDLE"
    cmp -s "$d/root/usr/share/doc/influx-lite/LICENSE" "$ROOT/LICENSE" || why="$why; LICENSE differs"
    [ -z "$why" ] && pass "image_${a}_layer_and_config" || fail "image_${a}_layer_and_config" "${why#; }"
done
echo "# compressed layers: $(for a in x86_64 aarch64 armhf armel mipsel riscv64; do
    l=$(find "$TMPD/$a" -maxdepth 1 -type f -size +100k 2>/dev/null | head -1); [ -n "$l" ] && printf '%s %s B, ' $a $(stat -c %s "$l"); done)"

# ---- the amd64 image's files run: HTTPS by name, the image's bundle + the test CA --------
if [ "$(id -u)" != 0 ] || ! command -v chroot >/dev/null; then
    skip image_root_runs "not root or no chroot(8)"; exit $FAILED
fi
{ pki_ca ca "image CA" && pki_server ca influxdb.test DNS:influxdb.test 5; } ||
    { fail image_pki "openssl could not make the test certificates"; exit 1; }
double_start D --tls-cert "$TMPD/server.crt" --tls-key "$TMPD/server.key" || { fail image_double "no double"; exit 1; }
R=$TMPD/x86_64/root
cat "$TMPD/ca.crt" >>"$R/etc/ssl/certs/ca-certificates.crt"   # as a derived image would add a private CA
printf '127.0.0.1\tinfluxdb.test\n' >"$R/etc/hosts"               # as podman does
out=$(env -i SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt INFLUX_CONFIGS_PATH=/none \
      "$(command -v chroot)" --userspec=65534:65534 "$R" /influx-lite auth inactive --host "https://influxdb.test:$D_PORT" \
      -t op-token-for-tests --id 06c86c40a9f36000 --json 2>&1)
if python3 -c 'import json,sys; assert json.loads(sys.argv[1])["status"] == "inactive"' "$out" 2>/dev/null; then
    pass image_root_runs_as_nobody_https
else
    fail image_root_runs_as_nobody_https "$(echo "$out" | head -c 300)"
fi
exit $FAILED
