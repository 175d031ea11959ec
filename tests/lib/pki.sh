# SPDX-License-Identifier: Apache-2.0
# Sourced after tests/lib/suite.sh: a test PKI for the shell suites, made with
# the openssl CLI in $TMPD (tests/lib/pki.py makes them for the Python ones).
#   pki_ca NAME CN                 NAME.key and NAME.crt: a P-256 CA
#   pki_server CA CN SAN SERIAL    server.key and server.crt, signed by CA.key,
#                                  for SAN (e.g. DNS:localhost,IP:127.0.0.1)
# Each returns non-zero when openssl fails; openssl's own output is dropped.
pki_ca() {
    (
        cd "$TMPD" &&
            openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" &&
            openssl req -x509 -new -key "$1.key" -subj "/O=influx-lite test/CN=$2" -days 30 -sha256 \
                -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign -out "$1.crt"
    ) >/dev/null 2>&1
}

pki_server() {
    (
        cd "$TMPD" &&
            openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key &&
            openssl req -new -key server.key -subj "/CN=$2" -out server.csr &&
            printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' "$3" >server.ext &&
            openssl x509 -req -in server.csr -CA "$1.crt" -CAkey "$1.key" -set_serial "$4" -days 30 -sha256 \
                -extfile server.ext -out server.crt
    ) >/dev/null 2>&1
}
