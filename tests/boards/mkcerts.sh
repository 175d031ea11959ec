#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# mkcerts.sh DIR - test-only PKI for the board tests (once): a P-256 CA
# (ca.crt), a server certificate it signs (server.crt/.key) for every address
# the boards use to reach the test double, and an unrelated CA (other-ca.crt)
# for the wrong-CA case. Nothing here is a secret worth keeping.
set -eu
d=$1
[ -f "$d/server.crt" ] && [ -f "$d/other-ca.crt" ] && exit 0
mkdir -p "$d"
cd "$d"
q() { "$@" >/dev/null 2>&1; }
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout ca.key -out ca.crt -days 3650 -subj "/CN=influx-lite board test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
q openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout server.key -out server.csr -subj "/CN=influxd-double"
printf 'subjectAltName=IP:10.0.2.100,IP:10.200.0.1,IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' > server.ext
q openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 \
    -extfile server.ext -out server.crt
q openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -keyout other-ca.key -out other-ca.crt -days 3650 -subj "/CN=some other CA"
rm -f server.csr server.ext
