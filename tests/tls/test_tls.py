#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The TLS port (port/mbedtls) against real servers on 127.0.0.1.

Certificates are made at test time with the openssl CLI in a temp dir; the
servers are openssl s_server and Python ssl/socket servers on free ports, all
stopped at the end. build/tests/tls_probe (tests/tls/tls_probe.c) does the
connecting and prints key=value lines; its heap calls are counted through
-Wl,--wrap and must be zero. Measured figures are printed as '#' lines."""
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import il_status  # noqa: E402
import pki  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

PROBE = suite.build_path("tests", "tls_probe")
PROBE_STATIC = suite.build_path("tests", "tls_probe-static")
PROBE_SMALL = suite.build_path("tests", "tls_probe-smallpool")
CT_CHECKS = [suite.build_path("tests", "ct_check"), suite.build_path("tests", "ct_check-static"),
             suite.build_path("tests", "ct_check-fiat64"),   # P-256 over fiat's 64-bit field alone (no assembly)
             suite.build_path("tests", "ct_check-limb32")]   # P-256 over fiat's 32-bit field
TMP = suite.tmpdir("il-tls-")
PKI = None          # tests/lib/pki.py's test PKI, made by setup()


def status_codes():
    return dict(enumerate(il_status.names()))


CODES = status_codes()


def p(name):
    return os.path.join(TMP, name)


def spki_sha256(crt):
    return PKI.spki_sha256_of_cert(crt)


# ---- servers ---------------------------------------------------------------

def Server(mode, cert=None, key=None):
    """A Python peer (tests/lib/servers.py's TlsPeer): 'tls' with cert/key,
    'http', 'silent' or 'close'."""
    return servers.TlsPeer(mode, cert and p(cert), key and p(key))


def SServer(cert, key, *flags, trace_log=None):
    """openssl s_server -www (tests/lib/pki.py), stopped at the end."""
    return pki.SServer(p(cert), p(key), *flags, trace_log=trace_log)


# What an s_server with a trace_log saw, read back from its -trace output.
def trace(srv):
    with open(srv.trace_log) as f:
        return f.read()


def client_hellos(srv):
    """ClientHellos so far (two for one handshake after a HelloRetryRequest)."""
    return len(re.findall(r"^\s*ClientHello, Length=", trace(srv), re.M))


def key_share_groups(srv):
    """TLS 1.3: the key_share group of every ServerHello so far (a
    HelloRetryRequest is traced as one), e.g. ['secp384r1 (P-384)', ...]."""
    groups, in_server_hello = [], False
    for line in trace(srv).splitlines():
        m = re.match(r"^\s{4}(\w+), Length=", line)
        if m:
            in_server_hello = m.group(1) == "ServerHello"
        m = re.match(r"^\s*NamedGroup: (.*?) \(\d+\)\s*$", line)
        if m and in_server_hello:
            groups.append(m.group(1))
    return groups


def signature_algorithms(srv):
    """The scheme of every TLS 1.2 ServerKeyExchange so far, e.g. ['rsa_pss_rsae_sha256']."""
    return re.findall(r"^\s*Signature Algorithm: (\S+) \(0x[0-9a-f]{4}\)\s*$", trace(srv), re.M)


# ---- probe -------------------------------------------------------------------

FIGURES = {}

# TLS 1.2-only servers: (server, certificate, s_server flags), the group
# s_server may choose from
GROUP_SERVERS = [
    ("g_default", "ec", ()),                              # OpenSSL's list, the client's order decides (P-256 first)
    ("g_serverpref", "ec", ("-serverpref",)),             # OpenSSL's own order (X25519 first), as Go does
    ("g_p256_first", "ec", ("-serverpref", "-groups", "P-256:X25519")),
    ("g_x25519_only", "ec", ("-groups", "X25519")),
    ("g_p256_only", "ec", ("-groups", "P-256")),
    ("g_p384_only", "ec", ("-groups", "P-384")),
    ("g_x25519_only_rsa", "rsa", ("-groups", "X25519")),
    ("g_p256_only_rsa", "rsa", ("-groups", "P-256")),
]
X25519, P256, P384 = "ecdh_x25519", "secp256r1 (P-256)", "secp384r1 (P-384)"
TLS13_SUITES = ("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256")
# TLS 1.3 servers limited to one group (the client's key share is P-256's:
# the others answer with a HelloRetryRequest): (server, -groups, the group as
# traced, ClientHellos per handshake)
TLS13_GROUPS = [
    ("t13_p256", "P-256", "secp256r1 (P-256)", 1),
    ("t13_p384", "P-384", "secp384r1 (P-384)", 2),
    ("t13_p521", "P-521", "secp521r1 (P-521)", 2),
    ("t13_x25519", "X25519", "ecdh_x25519", 2),
]


def probe(port, *args, host="127.0.0.1", name="localhost", binary=PROBE, env=None, timeout=20):
    argv = [binary, host, str(port)]
    if name is not None:
        argv += ["--name", name]
    argv += list(args)
    e = dict(os.environ)
    for k in ("SSL_CERT_FILE", "SSL_CERT_DIR"):
        e.pop(k, None)
    e.update(env or {})
    r = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, env=e)
    if r.returncode != 0:
        raise AssertionError("probe exit %d: %s" % (r.returncode, r.stderr.strip()))
    out = dict(line.split("=", 1) for line in r.stdout.splitlines() if "=" in line)
    out["name"] = CODES.get(int(out["code"]), out["code"])
    return out


def expect(out, status, version=None, alert=None):
    check.eq(out["name"], status, "status (%s)" % out.get("status"))
    check.eq(out["mallocs"], "0", "heap calls in the TLS phase")
    check.eq(out["pool_in_use"], "0", "pool bytes still in use after close / failure")
    if version is not None:
        check.eq(out.get("version"), version, "TLS version negotiated")
    if alert is not None:
        check.eq(out["alert"], str(alert), "the alert behind the failure (il_tls_alert)")


# ---- fixtures (made once) ----------------------------------------------------

def setup():
    global PKI
    PKI = pki.make_test_pki(TMP, 1000, leaves=("ec", "rsa", "p384", "other", "wrongname", "dnsonly", "expired",
                                                "future"))
    S["ec"] = SServer("ec.crt", "ec.key", "-tls1_2")
    # key exchange groups, each s_server tracing the ServerKeyExchange it sends
    for n, cert, flags in GROUP_SERVERS:
        S[n] = SServer(cert + ".crt", cert + ".key", "-tls1_2", *flags, trace_log=p(n + ".trace"))
    S["tls13"] = SServer("ec.crt", "ec.key", "-tls1_3")
    S["tls13_rsa"] = SServer("rsa.crt", "rsa.key", "-tls1_3")
    for suite_name in TLS13_SUITES:
        S[suite_name] = SServer("ec.crt", "ec.key", "-tls1_3", "-ciphersuites", suite_name)
    for n, group, _, _ in TLS13_GROUPS:
        S[n] = SServer("ec.crt", "ec.key", "-tls1_3", "-groups", group, trace_log=p(n + ".trace"))
    # influxd's own order (Go's CurvePreferences P-521, P-384, P-256), preferred by the server
    S["t13_influxd"] = SServer("ec.crt", "ec.key", "-tls1_3", "-groups", "P-521:P-384:P-256", "-serverpref",
                               trace_log=p("t13_influxd.trace"))
    # TLS 1.2 with an RSA key, the ServerKeyExchange signed with RSA-PSS or PKCS#1 v1.5
    for n, sigalg in (("t12_rsa_pss", "rsa_pss_rsae_sha256"), ("t12_rsa_pkcs1", "RSA+SHA256")):
        S[n] = SServer("rsa.crt", "rsa.key", "-tls1_2", "-sigalgs", sigalg, trace_log=p(n + ".trace"))
    # servers that end the handshake with an alert: TLS 1.1 only (protocol_version),
    # no suite in common (handshake_failure)
    S["alert_version"] = SServer("ec.crt", "ec.key", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")
    S["alert_suite"] = SServer("rsa.crt", "rsa.key", "-tls1_2", "-cipher", "AES128-SHA")
    for n in ("rsa", "p384", "other", "wrongname", "dnsonly", "expired", "future"):
        S[n] = Server("tls", n + ".crt", n + ".key")
    S["badrecord"] = Server("badrecord", "ec.crt", "ec.key")
    for n in ("http", "silent", "close", "badhello"):
        S[n] = Server(n)


S = {}


# ---- tests ---------------------------------------------------------------------

def test_p256_chain_ok_with_http_exchange():
    """A TLS 1.2-only server with a P-256 key."""
    out = probe(S["ec"].port, "--ca", p("ca_ec.crt"), "--get")
    expect(out, "IL_OK", version="TLSv1.2")
    check.eq(out["first_line"], "HTTP/1.0 200 ok", "s_server -www answer")
    FIGURES["pool peak, P-256 chain, TLS 1.2 (s_server -tls1_2)"] = out["pool_peak"]
    FIGURES["pool size"] = out["pool_size"]
    FIGURES["sizeof(il_tls_conn_t)"] = out["conn_size"]


def test_rsa2048_chain_ok_with_http_exchange():
    out = probe(S["rsa"].port, "--ca", p("ca_rsa.crt"), "--get")
    expect(out, "IL_OK", version="TLSv1.3")
    check.eq(out["first_line"], "HTTP/1.1 200 OK", "Python ssl answer")
    FIGURES["pool peak, RSA-2048 chain, TLS 1.3 (Python ssl)"] = out["pool_peak"]


def test_tls12_rsa_key_signs_with_pss_or_pkcs1():
    """TLS 1.2-only servers with an RSA key, one signing its ServerKeyExchange
    with RSA-PSS (which mbedTLS 3.6.6 offered and then refused), one with
    PKCS#1 v1.5."""
    for n, want in (("t12_rsa_pss", "rsa_pss_rsae_sha256"), ("t12_rsa_pkcs1", "rsa_pkcs1_sha256")):
        before = len(signature_algorithms(S[n]))
        out = probe(S[n].port, "--ca", p("ca_rsa.crt"), "--get")
        expect(out, "IL_OK", version="TLSv1.2")
        check.eq(signature_algorithms(S[n])[before:], [want], "ServerKeyExchange signature (%s)" % n)
    FIGURES["pool peak, RSA-2048 chain, TLS 1.2 (s_server -tls1_2)"] = out["pool_peak"]


def test_tls13_each_suite():
    """A TLS 1.3 server limited to each of the three TLS 1.3 suites."""
    for name in TLS13_SUITES:
        out = probe(S[name].port, "--ca", p("ca_ec.crt"), "--get")
        expect(out, "IL_OK", version="TLSv1.3")
        check.eq(out["suite"], name.replace("TLS_", "TLS1-3-", 1).replace("_", "-"), "suite negotiated")
        check.eq(out["first_line"], "HTTP/1.0 200 ok", "s_server -www answer")


def test_tls13_each_group_with_hello_retry():
    """A TLS 1.3 server limited to each group: P-256 takes the client's key
    share at once; P-384, P-521 and X25519 ask for theirs with a
    HelloRetryRequest (a second ClientHello), and that is the group used."""
    for n, _, group, hellos in TLS13_GROUPS:
        before, shares = client_hellos(S[n]), len(key_share_groups(S[n]))
        out = probe(S[n].port, "--ca", p("ca_ec.crt"), "--get")
        expect(out, "IL_OK", version="TLSv1.3")
        check.eq(client_hellos(S[n]) - before, hellos, "ClientHellos (%s)" % n)
        check.eq(key_share_groups(S[n])[shares:], [group] * hellos, "key share groups of the ServerHellos (%s)" % n)
        FIGURES["pool peak, P-256 chain, TLS 1.3, %s" % group] = out["pool_peak"]


def test_tls13_influxd_group_order_needs_no_retry():
    """influxd's preferences (P-521, P-384, P-256, the server's order): the
    P-256 key share is taken, with one ClientHello."""
    srv = S["t13_influxd"]
    before = client_hellos(srv)
    expect(probe(srv.port, "--ca", p("ca_ec.crt"), "--get"), "IL_OK", version="TLSv1.3")
    check.eq(client_hellos(srv) - before, 1, "ClientHellos")
    check.eq(key_share_groups(srv)[-1:], [P256], "group")


def test_tls13_rsa_chain():
    """TLS 1.3 with an RSA key: CertificateVerify is RSA-PSS."""
    out = probe(S["tls13_rsa"].port, "--ca", p("ca_rsa.crt"), "--get")
    expect(out, "IL_OK", version="TLSv1.3")
    FIGURES["pool peak, RSA-2048 chain, TLS 1.3 (s_server -tls1_3)"] = out["pool_peak"]


def test_repeated_connections_keep_pool_peak():
    """8 handshakes + closes in one process, failures in between: no pool leak."""
    out = probe(S["rsa"].port, "--ca", p("ca_rsa.crt"), "--get", "--repeat", "8")
    expect(out, "IL_OK")
    check.eq(out["pool_peak"], out["pool_peak_first"], "pool peak after 8 rounds vs 1")
    bad = probe(S["other"].port, "--ca", p("ca_ec.crt"), "--repeat", "8")
    expect(bad, "IL_ERR_TLS_CA")
    check.eq(bad["pool_peak"], bad["pool_peak_first"], "pool peak after 8 failed rounds vs 1")


def test_a_ca_file_read_once_per_choice():
    """The trust anchors a connection read from its CA file (once: its
    lookups scan the copy, port/mbedtls/ca_store.c) are its own: the next
    connection of the same il_tls_conn_t with another CA file is refused
    by that file, and the other way round."""
    out = probe(S["rsa"].port, "--ca", p("ca_rsa.crt"), "--repeat", "2", "--ca-next", p("ca_ec.crt"))
    check.eq(CODES.get(int(out["code_first"])), "IL_OK", "first round, the server's CA")
    expect(out, "IL_ERR_TLS_CA")
    out = probe(S["rsa"].port, "--ca", p("ca_ec.crt"), "--repeat", "2", "--ca-next", p("ca_rsa.crt"))
    check.eq(CODES.get(int(out["code_first"])), "IL_ERR_TLS_CA", "first round, another CA")
    expect(out, "IL_OK")


def test_p384_leaf_ok():
    expect(probe(S["p384"].port, "--ca", p("ca_ec.crt"), "--get"), "IL_OK")


def group_case(server, want, binary=PROBE):
    """A handshake plus GET against S[server]: IL_OK, and s_server's trace
    shows it sent its ServerKeyExchange for the group want."""
    ca = "ca_rsa.crt" if server.endswith("_rsa") else "ca_ec.crt"
    before = len(S[server].named_curves())
    out = probe(S[server].port, "--ca", p(ca), "--get", binary=binary)
    expect(out, "IL_OK")
    check.eq(out["first_line"], "HTTP/1.0 200 ok", "s_server -www answer")
    check.eq(S[server].named_curves()[before:], [want], "group of this handshake")
    return out


def test_p256_chosen_when_the_server_follows_our_order():
    group_case("g_default", P256)


def test_x25519_chosen_when_the_server_prefers_it():
    out = group_case("g_x25519_only", X25519)
    FIGURES["pool peak, P-256 chain, TLS 1.2, X25519 key exchange"] = out["pool_peak"]


def test_x25519_chosen_when_the_server_follows_its_own_order():
    group_case("g_serverpref", X25519)


def test_p256_when_the_server_prefers_it():
    group_case("g_p256_first", P256)


def test_x25519_only_server():
    group_case("g_x25519_only", X25519)
    group_case("g_x25519_only_rsa", X25519)


def test_p256_only_server():
    out = group_case("g_p256_only", P256)
    FIGURES["pool peak, P-256 chain, TLS 1.2, P-256 key exchange"] = out["pool_peak"]
    group_case("g_p256_only_rsa", P256)


def test_p384_only_server():
    group_case("g_p384_only", P384)


def test_groups_static_musl_probe():
    """The musl build (the static CLI's mbedTLS archives) has X25519 too."""
    group_case("g_default", P256, binary=PROBE_STATIC)
    group_case("g_x25519_only_rsa", X25519, binary=PROBE_STATIC)
    group_case("g_p256_only", P256, binary=PROBE_STATIC)


def ct_check(binary, mode):
    r = subprocess.run(["valgrind", "-q", "--error-exitcode=3", binary, mode], capture_output=True, text=True,
                       timeout=120)
    return r.returncode, r.stdout, r.stderr


def test_x25519_p256_and_aes_gcm_constant_time_as_compiled():
    """tests/tls/ct_check.c under memcheck, secrets marked undefined: HACL*'s
    X25519 (-O3), port/mbedtls/p256.c (comb and windows; the field by
    BoringSSL's x86_64 assembly's mulq code, by fiat-crypto alone, 64 and 32-bit),
    AES-GCM (AES-NI, PCLMULQDQ) and HMAC over port/mbedtls/sha256_x86.c's
    portable SHA-256 blocks branch on no secret and index nothing with one,
    glibc and musl builds; RFC 7748 / RFC 5903 / GCM / RFC 4231 answers right;
    a planted branch and a planted table lookup are caught."""
    for binary in CT_CHECKS:
        name = os.path.basename(binary)
        for mode in ("x25519", "p256", "p256-driver", "gcm", "sha256"):
            rc, out, err = ct_check(binary, mode)
            if rc != 0:
                raise AssertionError("%s %s: exit %d\n%s%s" % (name, mode, rc, out, err[-3000:]))
            if mode == "gcm":
                FIGURES["AES-NI and PCLMULQDQ used (%s)" % name] = "aesni=1" in out
        for mode in ("leak-branch", "leak-index"):
            rc, out, err = ct_check(binary, mode)
            check.eq(rc, 3, "%s %s: memcheck must report the planted leak" % (name, mode))


def test_a_flight_is_one_send_and_few_receives():
    """Linux: the records of a flight go out in one send (ClientHello; then
    ClientKeyExchange + ChangeCipherSpec + Finished; then close_notify: 3),
    and a small read takes whatever has arrived (the server's first flight
    is 4 records, 8 reads without it). With a GET of s_server's ~4 KB page."""
    for binary in (PROBE, PROBE_STATIC):
        out = probe(S["g_default"].port, "--ca", p("ca_ec.crt"), binary=binary)
        expect(out, "IL_OK")
        check.eq(out["lower_sends"], "3", "sends for a handshake and a close (%s)" % os.path.basename(binary))
        if int(out["lower_recvs"]) > 5:
            raise AssertionError("%s receives for a handshake" % out["lower_recvs"])
        FIGURES["lower receives for a handshake (%s)" % os.path.basename(binary)] = out["lower_recvs"]
        out = probe(S["g_default"].port, "--ca", p("ca_ec.crt"), "--get", binary=binary)
        expect(out, "IL_OK")
        check.eq(out["first_line"], "HTTP/1.0 200 ok", "s_server -www answer")
        check.eq(out["lower_sends"], "4", "sends for a handshake, a GET and a close")


def test_ip_literal_matches_ip_san():
    expect(probe(S["ec"].port, "--ca", p("ca_ec.crt"), name="127.0.0.1"), "IL_OK")


def test_ip_literal_without_ip_san_is_name_error():
    expect(probe(S["dnsonly"].port, "--ca", p("ca_ec.crt"), name="127.0.0.1"), "IL_ERR_TLS_NAME")
    expect(probe(S["dnsonly"].port, "--ca", p("ca_ec.crt")), "IL_OK")


def test_unknown_ca():
    expect(probe(S["other"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_CA")


def test_name_mismatch():
    expect(probe(S["wrongname"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_NAME")
    expect(probe(S["wrongname"].port, "--ca", p("ca_ec.crt"), name="127.0.0.1"), "IL_ERR_TLS_NAME")


def test_expired():
    expect(probe(S["expired"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_EXPIRED")


def test_not_yet_valid():
    expect(probe(S["future"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_FUTURE")


def test_tls13_only_peer():
    out = probe(S["tls13"].port, "--ca", p("ca_ec.crt"), "--get")
    expect(out, "IL_OK", version="TLSv1.3")
    check.eq(out["first_line"], "HTTP/1.0 200 ok", "s_server -www answer")
    FIGURES["pool peak, P-256 chain, TLS 1.3 (s_server -tls1_3)"] = out["pool_peak"]
    FIGURES["lower receives for a TLS 1.3 handshake and a GET (tls_probe)"] = out["lower_recvs"]


def test_http_peer_is_not_tls():
    expect(probe(S["http"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_NOT_TLS", alert=-1)


def test_peer_closing_mid_handshake():
    expect(probe(S["close"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_EOF", alert=-1)


def test_server_alerts_are_the_servers():
    """An alert the server sends is IL_ERR_TLS_ALERT with its description:
    protocol_version from a TLS 1.1-only server, handshake_failure from one
    with no suite in common."""
    expect(probe(S["alert_version"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_ALERT", alert=70)
    expect(probe(S["alert_suite"].port, "--ca", p("ca_rsa.crt")), "IL_ERR_TLS_ALERT", alert=40)


def test_what_the_client_refuses_is_not_a_server_alert():
    """A ServerHello that does not decode: the client's own refusal
    (decode_error), in the handshake; a record that does not decrypt after
    the handshake: the client's refusal of a record (bad_record_mac)."""
    expect(probe(S["badhello"].port, "--ca", p("ca_ec.crt")), "IL_ERR_TLS_HANDSHAKE", alert=50)
    expect(probe(S["badrecord"].port, "--ca", p("ca_ec.crt"), "--get"), "IL_ERR_TLS_RECORD", version="TLSv1.3",
           alert=20)


def test_silent_peer_times_out_within_deadline():
    out = probe(S["silent"].port, "--ca", p("ca_ec.crt"), "--timeout", "1000")
    expect(out, "IL_ERR_TIMEOUT")
    ms = int(out["ms"])
    if not 900 <= ms <= 2000:
        raise AssertionError("timed out after %d ms, deadline was 1000 ms" % ms)


def test_pin_match_and_mismatch_with_verify():
    good, bad = spki_sha256("ec.crt"), spki_sha256("other.crt")
    expect(probe(S["ec"].port, "--ca", p("ca_ec.crt"), "--pin", good, "--get"), "IL_OK")
    expect(probe(S["ec"].port, "--ca", p("ca_ec.crt"), "--pin", bad), "IL_ERR_TLS_PIN")


def test_pin_match_and_mismatch_with_skip_verify():
    good, bad = spki_sha256("other.crt"), spki_sha256("ec.crt")
    expect(probe(S["other"].port, "--skip-verify", "--pin", good, "--get"), "IL_OK")
    expect(probe(S["other"].port, "--skip-verify", "--pin", bad), "IL_ERR_TLS_PIN")


def test_pin_of_rsa_key():
    expect(probe(S["rsa"].port, "--ca", p("ca_rsa.crt"), "--pin", spki_sha256("rsa.crt")), "IL_OK")


def test_skip_verify_accepts_unknown_ca_expired_and_wrong_name():
    for n in ("other", "expired", "wrongname"):
        expect(probe(S[n].port, "--skip-verify", "--get"), "IL_OK")


def test_compiled_in_ca_pem():
    expect(probe(S["ec"].port, "--ca-pem", p("ca_ec.crt"), "--get"), "IL_OK")
    expect(probe(S["other"].port, "--ca-pem", p("ca_ec.crt")), "IL_ERR_TLS_CA")


def test_ssl_cert_file_and_dir_environment():
    expect(probe(S["rsa"].port, env={"SSL_CERT_FILE": p("ca_rsa.crt")}), "IL_OK")
    d = p("certdir")
    os.mkdir(d)
    shutil.copy(p("ca_other.crt"), os.path.join(d, "a.pem"))
    shutil.copy(p("ca_rsa.crt"), os.path.join(d, "b.pem"))
    with open(os.path.join(d, "junk.txt"), "w") as f:
        f.write("not a certificate\n")
    os.mkdir(os.path.join(d, "subdir"))
    expect(probe(S["rsa"].port, env={"SSL_CERT_DIR": d}), "IL_OK")
    expect(probe(S["ec"].port, env={"SSL_CERT_DIR": d}), "IL_ERR_TLS_CA")


def test_unusable_ca_file_is_config_error():
    expect(probe(S["ec"].port, "--ca", p("no-such-file.pem")), "IL_ERR_TLS_CONFIG")
    with open(p("empty.pem"), "w") as f:
        f.write("nothing here\n")
    expect(probe(S["ec"].port, "--ca", p("empty.pem")), "IL_ERR_TLS_CONFIG")
    expect(probe(S["ec"].port, env={"SSL_CERT_FILE": p("empty.pem")}), "IL_ERR_TLS_CONFIG")


def test_big_bundle_costs_no_extra_pool():
    """Our CA behind the whole system bundle: only the matching CA is parsed."""
    system = "/etc/ssl/certs/ca-certificates.crt"
    if not os.path.exists(system):
        raise AssertionError("no system bundle at " + system)
    with open(p("bundle.pem"), "w") as out:
        with open(system) as f:
            out.write(f.read())
        with open(p("ca_ec.crt")) as f:
            out.write(f.read())
    n = open(p("bundle.pem")).read().count("BEGIN CERTIFICATE")
    small = probe(S["ec"].port, "--ca", p("ca_ec.crt"))
    big = probe(S["ec"].port, "--ca", p("bundle.pem"), "--get")
    expect(big, "IL_OK")
    FIGURES["pool peak, P-256 chain, CA found in a %d-certificate bundle" % n] = big["pool_peak"]
    if int(big["pool_peak"]) > int(small["pool_peak"]) + 512:
        raise AssertionError("bundle costs pool: %s vs %s" % (big["pool_peak"], small["pool_peak"]))


def test_bundle_scan_skips_to_the_issuer_among_namesakes():
    """The scan compares each certificate's subject as soon as it is decoded
    and skips the rest of the others: a CA with the issuer's very subject but
    another key, before the real one in a big bundle, is a candidate that
    fails, the real one after it still verifies; the namesake alone does not."""
    system = "/etc/ssl/certs/ca-certificates.crt"
    PKI.genkey("ca_twin", "ec")
    PKI.sh("openssl", "req", "-x509", "-new", "-key", "ca_twin.key", "-subj", "/O=influx-lite test/CN=ca_ec",
           "-days", "30", "-out", "ca_twin.crt", "-sha256", "-addext", "basicConstraints=critical,CA:TRUE",
           "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    parts = [open(system).read(), open(p("ca_twin.crt")).read(), open(p("ca_ec.crt")).read()]
    with open(p("twin-bundle.pem"), "w") as f:
        f.write("".join(parts))
    with open(p("twin-only.pem"), "w") as f:
        f.write("".join(parts[:2]))
    expect(probe(S["ec"].port, "--ca", p("twin-bundle.pem"), "--get"), "IL_OK")
    expect(probe(S["ec"].port, "--ca", p("twin-only.pem")), "IL_ERR_TLS_CA")
    expect(probe(S["ec"].port, "--ca", p("twin-bundle.pem"), binary=PROBE_STATIC), "IL_OK")


def test_system_bundle_does_not_trust_test_ca():
    expect(probe(S["ec"].port), "IL_ERR_TLS_CA")


def test_pool_too_small_is_memory_error_not_ca_error():
    for port, ca in ((S["ec"].port, "ca_ec.crt"), (S["rsa"].port, "ca_rsa.crt"), (S["tls13"].port, "ca_ec.crt")):
        out = probe(port, "--ca", p(ca), "--repeat", "3", binary=PROBE_SMALL)
        expect(out, "IL_ERR_TLS_MEMORY", alert=-1)
        check.eq(out["pool_size"], "22528", "small pool size")


def test_static_musl_probe():
    size = os.path.getsize(PROBE_STATIC)
    FIGURES["tls_probe-static (musl, -Os, stripped) bytes"] = size
    out = probe(S["ec"].port, "--ca", p("ca_ec.crt"), "--get", binary=PROBE_STATIC)
    expect(out, "IL_OK")
    FIGURES["pool peak, P-256 chain, musl build"] = out["pool_peak"]
    out = probe(S["rsa"].port, "--ca", p("ca_rsa.crt"), "--get", binary=PROBE_STATIC)
    expect(out, "IL_OK")
    if size > 400 * 1024:
        raise AssertionError("static probe is %d bytes" % size)


def main():
    t0 = time.time()
    suite.setup("tls_setup", setup)
    print("# fixtures ready in %.1f s" % (time.time() - t0), flush=True)
    tests = [v for k, v in sorted(globals().items(), key=lambda kv: kv[1].__code__.co_firstlineno
                                  if callable(kv[1]) and hasattr(kv[1], "__code__") else 0)
             if k.startswith("test_") and callable(v)]
    try:
        check.run(tests)
    finally:
        for k, v in FIGURES.items():
            print("# %s: %s" % (k, v))
        print("# suite time %.1f s" % (time.time() - t0))


if __name__ == "__main__":
    main()
