#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Go's certificate rules through the real CLI (build/influx-lite): every chain of
tests/lib/pki.py's make_go_chains() served by the influxd double
(tests/server/influxd_double.py --tls-cert, TLS 1.3 as influxd speaks it),
dialled as localhost and as 127.0.0.1. A chain Go 1.25 accepts inactivates the
token (exit 0); a chain Go refuses gives exit 2 and exactly one stderr line, the
official CLI's, ending in Go's text (make_go_chains's table cites
golang/go src/crypto/x509/verify.go, x509.go and crypto/tls/common.go), and the
double sees no request at all: the token never reaches a server whose chain Go
would refuse. The RSA leaf with keyUsage keyEncipherment only, and two refusals,
run again against openssl s_server limited to TLS 1.2 (ECDHE_RSA: Go never
reads the leaf's keyUsage; OpenSSL's TLS 1.2 server itself will not sign
ECDHE_ECDSA with a P-256 key whose keyUsage lacks digitalSignature, so that
leaf is served by TLS 1.3 only). A refusal of each rule runs once
more through build/asan/influx-lite: the same line, no sanitizer report."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import pki  # noqa: E402
import suite  # noqa: E402

BIN, ASAN_BIN = suite.BIN, suite.ASAN_BIN
TMP = suite.tmpdir("il-cert-rules-")
ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
VERIFY = "tls: failed to verify certificate: "
HOSTS = ("localhost", "127.0.0.1")
CHAINS = {}
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:exitcode=86", "UBSAN_OPTIONS": "halt_on_error=1:exitcode=87"}


def run(binary, host, port, ca, env=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(TMP, "nohome"),
         "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs")}
    e.update(env or {})
    argv = [binary, "auth", "inactive", "--host", "https://%s:%d" % (host, port), "-t", OP_TOKEN, "--id", ID,
            "--ca-cert", ca, "--timeout", "5s"]
    r = subprocess.run(argv, env=e, capture_output=True, text=True, timeout=30)
    return r.returncode, r.stdout, r.stderr


def refusal_line(host, port, go):
    return ('Error: could not find auth with ID "%s": Get "https://%s:%d/api/v2/authorizations/%s": %s%s\n'
            % (ID, host, port, ID, VERIFY, go))


def setup():
    CHAINS.update(pki.make_go_chains(TMP))


def check_case(case, chain, d, bad):
    for host in HOSTS:
        d.reset()
        go = chain.verdict(host)
        code, out, err = run(BIN, host, d.port, chain.ca)
        if go is None:
            ok = code == 0 and err == "" and d.state("authorizations", ID)["status"] == "inactive"
        else:
            ok = code == 2 and out == "" and err == refusal_line(host, d.port, go) and d.log() == []
        if not ok or OP_TOKEN in out + err:
            bad.append("%s %s: exit %d, stderr %r, requests seen %d" % (case, host, code, err, len(d.log())))


def test_every_go_chain_both_hosts():
    bad = []
    for case, chain in CHAINS.items():
        with double.Double(tls_cert=chain.chain, tls_key=chain.key) as d:
            check_case(case, chain, d, bad)
    check.eq(bad, [], "chains where the CLI and Go 1.25 differ")


def test_tls12_server():
    """ECDHE_RSA over TLS 1.2 (s_server -tls1_2 sends the leaf and the intermediate):
    the keyEncipherment-only RSA leaf is accepted (the handshake completes; the
    answer is s_server's page, not InfluxDB's), the refusals are Go's."""
    bad = []
    for case in ("ku_leaf_keyencipherment_rsa", "eku_leaf_clientAuth", "nc_ip_excluded"):
        chain = CHAINS[case]
        peer = pki.SServer(chain.certs["leaf"][0], chain.key, "-tls1_2", "-cert_chain",
                           chain.certs["intermediate"][0])
        try:
            for host in HOSTS:
                code, _, err = run(BIN, host, peer.port, chain.ca)
                go = chain.verdict(host)
                ok = "tls:" not in err and code != 2 if go is None else err == refusal_line(host, peer.port, go)
                if not ok:
                    bad.append("%s %s: exit %d, %r" % (case, host, code, err))
        finally:
            peer.close()
    check.eq(bad, [], "TLS 1.2 verdicts")


def test_asan_one_refusal_per_rule():
    bad = []
    for case in ("nc_dns_permitted_other", "nc_ip_excluded_noncritical", "eku_intermediate_codeSigning",
                 "ku_intermediate_no_certsign", "cn_only"):
        chain = CHAINS[case]
        with double.Double(tls_cert=chain.chain, tls_key=chain.key) as d:
            for host in HOSTS:
                code, _, err = run(ASAN_BIN, host, d.port, chain.ca, SAN_ENV)
                if code != 2 or err != refusal_line(host, d.port, chain.verdict(host)):
                    bad.append("%s %s: exit %d, %r" % (case, host, code, err))
    check.eq(bad, [], "ASan + UBSan runs")


def main():
    suite.require(BIN, ASAN_BIN)
    suite.setup("cert_rules_setup", setup)
    check.run([test_every_go_chain_both_hosts, test_tls12_server, test_asan_one_refusal_per_rule])


if __name__ == "__main__":
    main()
