#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Each TLS failure, provoked against the real CLI (build/influx-lite): the
exit code, an empty stdout, exactly one line on stderr with its exact text
(the Go-like wording of boards/linux/cli_errors.c with the URL filled in),
and the token nowhere in the output.

Peers, all on 127.0.0.1 free ports and all stopped at the end: Python ssl
servers with leaf certificates made here with the openssl CLI (unknown CA,
wrong name, name without an IP SAN, expired, not yet valid), openssl
s_server ending the handshake with an alert (TLS 1.1 only; no suite in
common), a plain HTTP server answering 400, a peer sending garbage, one
sending a ServerHello that does not decode, one sending a record that does
not decrypt after the handshake, a peer closing after the ClientHello, a
listener that never answers, and the influxd double
(tests/server/influxd_double.py --tls-cert/--tls-key) with a P-256 and an
RSA-2048 chain for the successes (and the pin mismatch), and Python ssl
fronts limited to one version (TLS 1.2 or 1.3) and one key-exchange group
(X25519 or P-256) relaying to a plain-HTTP double, for the CLI and the
static musl CLI. build/tests/influx-lite-smallpool (a 22 KB TLS pool) names
the pool that ran out.
The failure cases run a second time through build/asan/influx-lite: the same
exit code and line, and no sanitizer report."""
import base64
import os
import re
import select
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import pki  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

BIN, ASAN_BIN, STATIC_BIN = suite.BIN, suite.ASAN_BIN, suite.STATIC_BIN
SMALLPOOL_BIN = suite.build_path("tests", "influx-lite-smallpool")
TMP = suite.tmpdir("il-tls-cli-")
ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
SECRETS = (OP_TOKEN, "tok_abcdefghijklmnopqrstuvwxyz0123456789==")
TIMEOUT_S = 3
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:exitcode=86:abort_on_error=0",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:exitcode=87"}
SAN_MARKS = ("Sanitizer", "runtime error:", "==ERROR", "SUMMARY:")
PKI = None          # tests/lib/pki.py's test PKI, made by setup()


def p(name):
    return os.path.join(TMP, name)


def spki_pin(keyfile):
    return base64.b64encode(PKI.spki_sha256(keyfile)).decode()


# ---- peers -----------------------------------------------------------------------

def Peer(mode, cert=None, key=None):
    """A Python peer (tests/lib/servers.py's TlsPeer): 'tls' with cert/key,
    'http', 'garbage', 'close' or 'silent'."""
    return servers.TlsPeer(mode, cert and p(cert), key and p(key))


def SServer(cert, key, *flags):
    """openssl s_server -www (tests/lib/pki.py), stopped at the end."""
    return pki.SServer(p(cert), p(key), *flags)


def Double(cert, key, ca):
    """The influxd double over TLS with cert/key (plain HTTP when cert is None)."""
    if cert is None:
        return double.Double()
    return double.Double(tls_cert=p(cert), tls_key=p(key), ca=p(ca))


class TlsFront(servers.Acceptor):
    """One TLS version (Python ssl, cert/key; TLS 1.2 unless told) limited to
    one key-exchange group (SSLContext.set_ecdh_curve: X25519, prime256v1,
    ...), in front of the plain-HTTP double: each connection is relayed byte
    for byte, one thread per connection (that thread alone touches its SSL
    object)."""

    def __init__(self, cert, key, group, double, version=ssl.TLSVersion.TLSv1_2):
        self.double = double
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.minimum_version = self.ctx.maximum_version = version
        self.ctx.load_cert_chain(p(cert), p(key))
        self.ctx.set_ecdh_curve(group)
        self.handshakes = 0
        servers.Acceptor.__init__(self, conn_timeout=10)

    def reset(self):
        self.double.reset()

    def state(self, table, ident):
        return self.double.state(table, ident)

    def handle(self, conn):
        back = None
        try:
            tls = self.ctx.wrap_socket(conn, server_side=True)
            self.handshakes += 1
            back = socket.create_connection(("127.0.0.1", self.double.port), 10)
            while True:
                if not tls.pending():
                    ready, _, _ = select.select([tls, back], [], [], 10)
                    if not ready:
                        return
                else:
                    ready = [tls]
                if tls in ready:
                    data = tls.recv(65536)
                    if not data:
                        return
                    back.sendall(data)
                if back in ready:
                    data = back.recv(65536)
                    if not data:
                        return
                    tls.sendall(data)
        finally:
            if back is not None:
                back.close()


P = {}              # name -> peer


def setup():
    global PKI
    PKI = pki.make_test_pki(TMP, 5000, leaves=("ec", "rsa", "other", "othername", "dnsonly", "expired", "future"))
    with open(p("nocert.pem"), "w") as f:
        f.write("# no certificate in here\nnot a PEM block\n")
    for n in ("other", "othername", "dnsonly", "expired", "future"):
        P[n] = Peer("tls", n + ".crt", n + ".key")
    for n in ("http", "garbage", "close", "silent", "badhello"):
        P[n] = Peer(n)
    P["badrecord"] = Peer("badrecord", "ec.crt", "ec.key")
    P["alert_version"] = SServer("ec.crt", "ec.key", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")
    P["alert_suite"] = SServer("rsa.crt", "rsa.key", "-tls1_2", "-cipher", "AES128-SHA")
    P["double_ec"] = Double("ec.crt", "ec.key", "ca_ec.crt")
    P["double_rsa"] = Double("rsa.crt", "rsa.key", "ca_rsa.crt")
    P["double_plain"] = Double(None, None, None)
    for group in ("X25519", "prime256v1"):
        P["front_ec_" + group] = TlsFront("ec.crt", "ec.key", group, P["double_plain"])
        P["front_rsa_" + group] = TlsFront("rsa.crt", "rsa.key", group, P["double_plain"])
        P["front13_ec_" + group] = TlsFront("ec.crt", "ec.key", group, P["double_plain"], ssl.TLSVersion.TLSv1_3)
    P["front13_rsa_prime256v1"] = TlsFront("rsa.crt", "rsa.key", "prime256v1", P["double_plain"],
                                           ssl.TLSVersion.TLSv1_3)


# ---- the CLI ---------------------------------------------------------------------

def run(binary, args, env=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": p("nohome"), "INFLUX_CONFIGS_PATH": p("no-configs")}
    e.update(env or {})
    t0 = time.monotonic()
    r = subprocess.run([binary] + args, env=e, capture_output=True, timeout=30)
    dt = time.monotonic() - t0
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace"), dt


def url(host, port):
    return "https://%s:%d" % (host, port)


def auth_args(host, port, *extra):
    return ["auth", "inactive", "--host", url(host, port), "-t", OP_TOKEN, "--id", ID,
            "--timeout", "%ds" % TIMEOUT_S] + list(extra)


def v1_args(host, port, *extra):
    return ["v1", "auth", "set-inactive", "--host", url(host, port), "-t", OP_TOKEN, "--id", ID,
            "--timeout", "%ds" % TIMEOUT_S] + list(extra)


def auth_line(host, port, cause):
    return ('Error: could not find auth with ID "%s": Get "%s/api/v2/authorizations/%s": %s'
            % (ID, url(host, port), ID, cause))


def v1_line(host, port, cause):
    return ('Error: failed to update status of authorization with ID "%s": Patch "%s/private/legacy/'
            'authorizations/%s": %s' % (ID, url(host, port), ID, cause))


def no_secrets(out, err):
    for s in SECRETS:
        if s in out or s in err:
            raise AssertionError("a token in the output: %r" % s)


CA_UNKNOWN = "tls: failed to verify certificate: x509: certificate signed by unknown authority"
# crypto/x509 verify.go HostnameError.Error(): the names of the host's kind the
# certificate is valid for, or why it has none
VALID_FOR = "tls: failed to verify certificate: x509: certificate is valid for %s, not %s"
NO_IP_SANS = ("tls: failed to verify certificate: x509: cannot validate certificate for %s because it doesn't "
              "contain any IP SANs")
EXPIRED = "tls: failed to verify certificate: x509: certificate has expired or is not yet valid"
ALERT_HANDSHAKE = "remote error: tls: handshake failure"
ALERT_VERSION = "remote error: tls: protocol version not supported"
LOCAL_DECODE = "local error: tls: error decoding message"
LOCAL_RECORD_MAC = "local error: tls: bad record MAC"
POOL = "tls: out of memory (the TLS pool, IL_TLS_POOL_SIZE, is too small for this server)"
NOT_TLS = "tls: first record does not look like a TLS handshake"
# net/http's client.go send(): a tls.RecordHeaderError whose header reads "HTTP/" is ErrSchemeMismatch
SCHEME_MISMATCH = "http: server gave HTTP response to HTTPS client"
PIN = "tls: server public key does not match the pinned key"
CA_CONFIG = "tls: cannot load the CA certificates"


def failure_cases():
    """(name, argv, exit code, the one stderr line, max seconds or None)."""
    ca_ec = ["--ca-cert", p("ca_ec.crt")]
    port = {k: v.port for k, v in P.items()}
    lo, ip = "localhost", "127.0.0.1"
    return [
        ("unknown_ca", auth_args(ip, port["other"], *ca_ec), 2, auth_line(ip, port["other"], CA_UNKNOWN), None),
        ("unknown_ca_v1", v1_args(lo, port["other"], *ca_ec), 2, v1_line(lo, port["other"], CA_UNKNOWN), None),
        ("name_mismatch_dns", auth_args(lo, port["othername"], *ca_ec), 2,
         auth_line(lo, port["othername"], VALID_FOR % ("other.test", lo)), None),
        ("name_mismatch_ip_without_ip_san", auth_args(ip, port["dnsonly"], *ca_ec), 2,
         auth_line(ip, port["dnsonly"], NO_IP_SANS % ip), None),
        ("expired", auth_args(lo, port["expired"], *ca_ec), 2, auth_line(lo, port["expired"], EXPIRED), None),
        ("not_yet_valid", auth_args(ip, port["future"], *ca_ec), 2, auth_line(ip, port["future"], EXPIRED), None),
        ("tls11_only_peer_alerts", auth_args(lo, port["alert_version"], *ca_ec), 2,
         auth_line(lo, port["alert_version"], ALERT_VERSION), None),
        ("no_common_suite_peer_alerts", auth_args(lo, port["alert_suite"], "--ca-cert", p("ca_rsa.crt")), 2,
         auth_line(lo, port["alert_suite"], ALERT_HANDSHAKE), None),
        ("server_hello_not_decodable", auth_args(ip, port["badhello"], *ca_ec), 2,
         auth_line(ip, port["badhello"], LOCAL_DECODE), None),
        ("record_not_decryptable_after_handshake", auth_args(lo, port["badrecord"], *ca_ec), 2,
         auth_line(lo, port["badrecord"], LOCAL_RECORD_MAC), None),
        ("plain_http_peer", auth_args(ip, port["http"], *ca_ec), 2, auth_line(ip, port["http"], SCHEME_MISMATCH),
         None),
        ("garbage_peer", auth_args(ip, port["garbage"], *ca_ec), 2, auth_line(ip, port["garbage"], NOT_TLS), None),
        ("peer_closes_mid_handshake", auth_args(ip, port["close"], *ca_ec), 2,
         auth_line(ip, port["close"], "EOF"), None),
        ("handshake_timeout", auth_args(ip, port["silent"], *ca_ec), 2,
         auth_line(ip, port["silent"], "read tcp %s:{LOCAL}->%s:%d: i/o timeout" % (ip, ip, port["silent"])),
         TIMEOUT_S + 1.5),
        ("pin_mismatch_valid_chain",
         auth_args(lo, port["double_ec"], *ca_ec, "--pin-sha256", spki_pin("other.key")), 2,
         auth_line(lo, port["double_ec"], PIN), None),
        ("ca_cert_missing_file", auth_args(ip, port["double_ec"], "--ca-cert", p("missing.pem")), 1,
         "Error: open %s: no such file or directory" % p("missing.pem"), None),
        ("ca_cert_without_certificate", auth_args(ip, port["double_ec"], "--ca-cert", p("nocert.pem")), 2,
         auth_line(ip, port["double_ec"], CA_CONFIG), None),
    ]


# The handshake timeout is a read that timed out on an established TCP
# connection: "read tcp" (FLAGS.md: a server that accepts and never answers
# ends with "read tcp HOST:PORT: i/o timeout"). boards/linux/cli_run.c call()
# marks every cli_net_connect failure, TLS handshake included, as
# rq->connecting, so the CLI prints "dial tcp" (the wording of a TCP connect
# that timed out). The exit code and the deadline are checked with either
# wording; test_handshake_timeout_says_read_tcp_not_dial_tcp holds the bug.
TIMEOUT_SEEN = {}


def check_failure(binary, argv, code, line, max_s):
    rc, out, err, dt = run(binary, argv, env=SAN_ENV if binary == ASAN_BIN else None)
    no_secrets(out, err)
    for m in SAN_MARKS:
        if m in err:
            raise AssertionError("sanitizer report: %s" % err[:2000])
    check.eq(out, "", "stdout")
    check.eq(err.count("\n"), 1, "stderr lines (%r)" % err)
    if max_s is not None:
        TIMEOUT_SEEN[binary] = err
        dial = line.replace(": read tcp ", ": dial tcp ")
        if err == dial + "\n":
            line = dial
    if "{LOCAL}" in line:        # the connection's own port: any (net.OpError's local->remote)
        pattern = re.escape(line).replace(re.escape("{LOCAL}"), r"\d+")
        if re.fullmatch(pattern + "\n", err):
            line = err[:-1]
    check.eq(err, line + "\n", "stderr")
    check.eq(rc, code, "exit code")
    if max_s is not None and not TIMEOUT_S - 0.1 <= dt <= max_s:
        raise AssertionError("ended after %.2f s, --timeout %ds (limit %.1f s)" % (dt, TIMEOUT_S, max_s))
    return dt


# ---- successes -------------------------------------------------------------------

def success(double, host, ca, v1=False, binary=BIN):
    d = P[double]
    d.reset()
    check.eq(d.state("authorizations", ID)["status"], "active", "status before")
    argv = (v1_args if v1 else auth_args)(host, d.port, "--ca-cert", p(ca))
    rc, out, err, _ = run(binary, argv)
    check.eq((rc, err), (0, ""), "exit and stderr")
    if OP_TOKEN in out or OP_TOKEN in err:
        raise AssertionError("the operator token in the output")
    row = out.splitlines()[1].split("\t")
    check.eq(row[0], ID, "first column of the row")
    state = d.state("legacy" if v1 else "authorizations", ID)
    check.eq(state["status"], "inactive", "the double's state after")


def test_success_p256_chain_by_name():
    success("double_ec", "localhost", "ca_ec.crt")


def test_success_p256_chain_by_ip():
    success("double_ec", "127.0.0.1", "ca_ec.crt")


def test_success_rsa2048_chain_by_name():
    success("double_rsa", "localhost", "ca_rsa.crt")


def test_success_rsa2048_chain_by_ip():
    success("double_rsa", "127.0.0.1", "ca_rsa.crt")


def test_success_v1_p256_chain():
    success("double_ec", "localhost", "ca_ec.crt", v1=True)


# Key-exchange groups: a server that offers only X25519, or only P-256, with
# either chain, through the CLI and the static musl CLI (when built).
def group_success(front, ca):
    binaries = [BIN] + ([STATIC_BIN] if os.path.exists(STATIC_BIN) else [])
    for binary in binaries:
        before = P[front].handshakes
        success(front, "localhost", ca, binary=binary)
        check.eq(P[front].handshakes - before, 1, "TLS handshakes through the front (%s)" % binary)


def test_success_x25519_only_server():
    group_success("front_ec_X25519", "ca_ec.crt")
    group_success("front_rsa_X25519", "ca_rsa.crt")


def test_success_p256_only_server():
    group_success("front_ec_prime256v1", "ca_ec.crt")
    group_success("front_rsa_prime256v1", "ca_rsa.crt")


# The --timeout deadline covers reading the trust anchors during the handshake:
# an $SSL_CERT_DIR of thousands of bundles (hard links to one, so no disk is
# used) that the issuer lookup scans for longer than --timeout ends at the
# deadline as a handshake that timed out, not when the reading is done.
def test_reading_trust_anchors_ends_at_the_deadline():
    d = p("many-bundles")
    os.makedirs(d, exist_ok=True)
    bundle = os.path.join(d, "bundle.pem")
    with open(p("other.crt"), "rb") as f:
        other = f.read()
    with open(bundle, "wb") as f:
        f.write(other * 2000)          # certificates, none of them the issuer looked for
    for i in range(3000):
        link = os.path.join(d, "b%04d.pem" % i)
        if not os.path.exists(link):
            os.link(bundle, link)
    port = P["double_ec"].port
    argv = ["auth", "inactive", "--host", url("127.0.0.1", port), "-t", OP_TOKEN, "--id", ID, "--timeout", "1s"]
    rc, out, err, dt = run(BIN, argv, env={"SSL_CERT_DIR": d})
    check.eq((rc, out), (2, ""), "exit and stdout (stderr %r)" % err)
    line = auth_line("127.0.0.1", port, "read tcp 127.0.0.1:{LOCAL}->127.0.0.1:%d: i/o timeout" % port)
    pattern = re.escape(line).replace(re.escape("{LOCAL}"), r"\d+")      # net.OpError's local->remote
    check.eq(bool(re.fullmatch(pattern + "\n", err)), True, "stderr %r, expected %r" % (err, line))
    if dt > 1 + 1.5:
        raise AssertionError("reading the trust anchors went on after --timeout 1s: %.2f s" % dt)
    print("# a %d MB SSL_CERT_DIR under --timeout 1s: ended after %.2f s" % (3000 * len(other) * 2000 >> 20, dt))


# TLS 1.3-only servers (influxd --tls-min-version 1.3, a Mozilla "modern"
# proxy): P-256, whose key share the client sends, and X25519, which the
# server asks for with a HelloRetryRequest; both chains.
def test_success_tls13_only_server():
    group_success("front13_ec_prime256v1", "ca_ec.crt")
    group_success("front13_rsa_prime256v1", "ca_rsa.crt")


def test_success_tls13_only_server_after_hello_retry():
    group_success("front13_ec_X25519", "ca_ec.crt")


def test_pool_exhaustion_is_named():
    """A pool too small for the handshake (build/tests/influx-lite-smallpool,
    22 KB) is named as such, never as a certificate or handshake problem, and
    its exit code is the local system's (7: out of memory), not the network's."""
    d = P["double_ec"]
    for host in ("localhost", "127.0.0.1"):
        rc, out, err, _ = run(SMALLPOOL_BIN, auth_args(host, d.port, "--ca-cert", p("ca_ec.crt")))
        no_secrets(out, err)
        check.eq((rc, out, err), (7, "", auth_line(host, d.port, POOL) + "\n"), "exit, stdout, stderr")


def make_tests():
    tests = [test_reading_trust_anchors_ends_at_the_deadline]
    cases = failure_cases()
    for name, argv, code, line, max_s in cases:
        def t(argv=argv, code=code, line=line, max_s=max_s):
            dt = check_failure(BIN, argv, code, line, max_s)
            if max_s is not None:
                print("# handshake timeout: ended after %.2f s (--timeout %ds)" % (dt, TIMEOUT_S))
        t.__name__ = "test_" + name
        tests.append(t)
    timeout_line = [c[3] for c in cases if c[0] == "handshake_timeout"][0]

    def test_handshake_timeout_says_read_tcp_not_dial_tcp():
        seen = TIMEOUT_SEEN.get(BIN) or ""
        pattern = re.escape(timeout_line).replace(re.escape("{LOCAL}"), r"\d+")
        check.eq(re.fullmatch(pattern + "\n", seen) is not None, True, "stderr %r" % seen)
    tests.append(test_handshake_timeout_says_read_tcp_not_dial_tcp)
    tests += [test_success_p256_chain_by_name, test_success_p256_chain_by_ip, test_success_rsa2048_chain_by_name,
              test_success_rsa2048_chain_by_ip, test_success_v1_p256_chain,
              test_success_x25519_only_server, test_success_p256_only_server, test_success_tls13_only_server,
              test_success_tls13_only_server_after_hello_retry, test_pool_exhaustion_is_named]
    for name, argv, code, line, max_s in cases:
        def a(argv=argv, code=code, line=line, max_s=max_s):
            check_failure(ASAN_BIN, argv, code, line, max_s)
        a.__name__ = "test_asan_" + name
        tests.append(a)
    return tests


def main():
    t0 = time.time()
    suite.setup("tls_cli_setup", setup)
    print("# fixtures ready in %.1f s" % (time.time() - t0), flush=True)
    try:
        check.run(make_tests())
    finally:
        print("# suite time %.1f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
