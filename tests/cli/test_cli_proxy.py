#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Proxies end to end, as Go's http.ProxyFromEnvironment and net/http's
transport use them (golang.org/x/net/http/httpproxy proxy.go; net/http
transport.go dialConn, socks_bundle.go), through real sockets:

  - the InfluxDB host is influxdb.test, a name only the proxy resolves: the
    suite runs in a network namespace of its own (unshare -n, loopback only),
    where the CLI's own lookup of it fails at once, so a run that succeeds
    went through the proxy, and one that bypasses it says so in its error;
  - tests/lib/proxy.py (HTTP absolute form and CONNECT, SOCKS5, faults, a
    record of what it saw) and Debian's tinyproxy (foreground, a generated
    configuration, influxdb.test in an /etc/hosts of its own mount namespace);
  - every output is searched for the token and the proxy's password (plain,
    base64, URL-escaped) at the end."""
import base64
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import suite  # noqa: E402

NETNS_MARK = "IL_PROXY_SUITE_NETNS"
if os.environ.get(NETNS_MARK) != "1":
    # loopback only, and 192.0.2.1 on it: an address that is not loopback to Go's IsLoopback
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        print("PASS proxy_suite_skipped  # SKIP: needs root and unshare -n")
        sys.exit(0)
    os.environ[NETNS_MARK] = "1"
    os.execvp("unshare", ["unshare", "-n", "sh", "-c",
                          'ip link set lo up && ip addr add 192.0.2.1/32 dev lo && exec "$@"', "sh",
                          sys.executable, os.path.abspath(__file__)])

import double  # noqa: E402
import pki  # noqa: E402
import proxy  # noqa: E402
import servers  # noqa: E402

BIN = suite.BIN
TMP = suite.tmpdir("cli-proxy-")
ID, ID2 = "06c86c40a9f36000", "0d2a3c5b7e8f9000"
TOKEN = "op-token-for-tests"
PROXY_USER, PROXY_PASS = "proxyuser", "pr0xy-p@ss:w0rd"
PROXY_USERINFO = "%s:%s" % (PROXY_USER, urllib.parse.quote(PROXY_PASS, safe=""))
BASIC_B64 = base64.b64encode(("%s:%s" % (PROXY_USER, PROXY_PASS)).encode()).decode()
ALL_OUTPUT = []


class S:
    http = https = https_other = None
    ca = proxy_crt = proxy_key = rogue_crt = rogue_key = None


def run(args, env=None, timeout=60):
    e = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(TMP, "nohome"),
         "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs")}
    e.update(env or {})
    t0 = time.monotonic()
    r = subprocess.run([BIN] + args, env=e, capture_output=True, timeout=timeout)
    out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    ALL_OUTPUT.append((" ".join(args), out, err))
    return r.returncode, out, err, time.monotonic() - t0


def auth(host, *extra):
    return ["auth", "inactive", "--host", host, "-t", TOKEN, "--id", ID] + list(extra)


def http_host(port=None):
    return "http://influxdb.test:%d" % (port or S.http.port)


def https_host(port=None):
    return "https://influxdb.test:%d" % (port or S.https.port)


def url_err(host, tail):
    return ('Error: could not find auth with ID "%s": Get "%s/api/v2/authorizations/%s": %s\n' % (ID, host, ID, tail))


def ok(rc, out, err, what):
    check.eq((rc, err), (0, ""), what)
    if ID not in out:
        raise AssertionError("%s: no row in %r" % (what, out))


def mapped_proxy(**kw):
    return proxy.Proxy({"influxdb.test": S.http.port if kw.pop("plain", False) else S.https.port}, **kw)


def both_proxy(**kw):
    p = proxy.Proxy({}, **kw)
    p.hosts = {"influxdb.test": None}
    return p


# ------------------------------------------------------------ the tests
def influxdb_test_is_not_resolvable_here():
    """The premise: without a proxy, influxdb.test is a lookup failure (exit 2, at once)."""
    rc, _, err, dt = run(auth(http_host()))
    check.eq((rc, err), (2, url_err(http_host(), "dial tcp: lookup influxdb.test: no such host")), "direct")
    if dt > 5:
        raise AssertionError("the failed lookup took %.1f s" % dt)


def http_goes_through_the_proxy_in_absolute_form():
    """transport.go: an http:// request to an HTTP proxy is sent whole to it, in absolute form."""
    p = proxy.Proxy({"influxdb.test": S.http.port})
    try:
        ok(*run(auth(http_host()), {"HTTP_PROXY": p.url})[:3], "via proxy")
        check.eq([s["line"] for s in p.seen],
                 ["GET %s/api/v2/authorizations/%s HTTP/1.1" % (http_host(), ID),
                  "PATCH %s/api/v2/authorizations/%s HTTP/1.1" % (http_host(), ID)], "request lines")
        check.eq(p.seen[0]["headers"].get("host"), "influxdb.test:%d" % S.http.port, "Host header")
        check.eq("proxy-authorization" in p.seen[0]["headers"], False, "no credentials given")
    finally:
        p.close()


def https_goes_through_connect_named_for_the_influxdb_host():
    """transport.go dialConn: CONNECT host:port, then TLS end to end with the InfluxDB host."""
    p = proxy.Proxy({"influxdb.test": S.https.port})
    try:
        ok(*run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": p.url})[:3], "via CONNECT")
        check.eq([(s["kind"], s["line"]) for s in p.seen],
                 [("connect", "CONNECT influxdb.test:%d HTTP/1.1" % S.https.port)], "what the proxy saw")
        h = p.seen[0]["headers"]
        check.eq((h.get("host"), "authorization" in h), ("influxdb.test:%d" % S.https.port, False), "CONNECT headers")
        raw = p.seen[0]["raw"]
        if TOKEN.encode() in raw or b"Authorization" in raw:
            raise AssertionError("the token crossed the proxy in clear")
        if not raw.startswith(b"\x16\x03"):
            raise AssertionError("the tunnel did not start with a TLS handshake: %r" % raw[:20])
    finally:
        p.close()


def https_through_proxy_verifies_the_influxdb_name():
    """The certificate is checked against influxdb.test, never the proxy: a certificate for another name fails."""
    p = proxy.Proxy({"influxdb.test": S.https_other.port})
    try:
        host = https_host(S.https_other.port)
        rc, out, err, _ = run(auth(host, "--ca-cert", S.ca), {"HTTPS_PROXY": p.url})
        check.eq((rc, out, err), (2, "", url_err(host, "tls: failed to verify certificate: x509: certificate is "
                                                 "valid for other.test, not influxdb.test")), "wrong name")
    finally:
        p.close()


def proxy_credentials_go_as_basic_and_stay_secret():
    """Proxy-Authorization: Basic from the proxy URL's userinfo, percent-decoded as Go's url.Parse does."""
    p = proxy.Proxy({"influxdb.test": S.https.port}, auth=(PROXY_USER, PROXY_PASS))
    q = proxy.Proxy({"influxdb.test": S.http.port}, auth=(PROXY_USER, PROXY_PASS))
    try:
        ok(*run(auth(https_host(), "--ca-cert", S.ca),
                {"HTTPS_PROXY": "http://%s@127.0.0.1:%d" % (PROXY_USERINFO, p.port)})[:3], "CONNECT with auth")
        check.eq(p.seen[0]["headers"].get("proxy-authorization"), "Basic " + BASIC_B64, "CONNECT credentials")
        ok(*run(auth(http_host()), {"HTTP_PROXY": "http://%s@127.0.0.1:%d" % (PROXY_USERINFO, q.port)})[:3],
           "absolute form with auth")
        check.eq([s["headers"].get("proxy-authorization") for s in q.seen], ["Basic " + BASIC_B64] * 2, "requests")
    finally:
        p.close()
        q.close()


def proxy_407_in_gos_words():
    """transport.go: a CONNECT answered other than 200 fails with the status text after its code."""
    p = proxy.Proxy({"influxdb.test": S.https.port}, auth=(PROXY_USER, PROXY_PASS))
    try:
        env = {"HTTPS_PROXY": p.url}
        rc, out, err, _ = run(auth(https_host(), "--ca-cert", S.ca), env)
        check.eq((rc, out, err), (2, "", url_err(https_host(), "Proxy Authentication Required")), "no credentials")
        env = {"HTTPS_PROXY": "http://%s:wrong@127.0.0.1:%d" % (PROXY_USER, p.port)}
        rc, out, err, _ = run(auth(https_host(), "--ca-cert", S.ca), env)
        check.eq((rc, err), (2, url_err(https_host(), "Proxy Authentication Required")), "wrong credentials")
    finally:
        p.close()


def proxy_refused_in_gos_words():
    """transport.go wrapErr: a failed dial to the proxy is "proxyconnect tcp: dial tcp ..."."""
    s, port = servers.closed_port()
    try:
        rc, out, err, _ = run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": "127.0.0.1:%d" % port})
        check.eq((rc, out, err), (2, "", url_err(https_host(), "proxyconnect tcp: dial tcp 127.0.0.1:%d: connect: "
                                                 "connection refused" % port)), "refused")
        rc, _, err, _ = run(auth(https_host()), {"HTTPS_PROXY": "http://proxy.test:3128"})
        check.eq((rc, err), (2, url_err(https_host(), "proxyconnect tcp: dial tcp: lookup proxy.test: no such host")),
                 "proxy name unknown")
    finally:
        s.close()


def proxy_closing_mid_connect_is_unexpected_eof():
    """ReadResponse: a CONNECT answer cut short (nothing, or part of a status line) is io.ErrUnexpectedEOF."""
    for fault in ("close", "half"):
        p = proxy.Proxy({}, fault=fault)
        try:
            rc, out, err, dt = run(auth(https_host(), "--ca-cert", S.ca, "--timeout", "10s"), {"HTTPS_PROXY": p.url})
            check.eq((rc, out, err), (2, "", url_err(https_host(), "unexpected EOF")), fault)
            if dt > 5:
                raise AssertionError("%s took %.1f s" % (fault, dt))
        finally:
            p.close()


def proxy_silent_after_connect_ends_at_the_deadline():
    """A proxy that takes the CONNECT and never answers: --timeout ends the run, exit 2."""
    p = proxy.Proxy({}, fault="silent")
    try:
        rc, out, err, dt = run(auth(https_host(), "--ca-cert", S.ca, "--timeout", "2s"), {"HTTPS_PROXY": p.url})
        check.eq((rc, out, err.endswith(": i/o timeout\n"), err.count("\n")), (2, "", True, 1), "silent: %r" % err)
        if dt > 6:
            raise AssertionError("took %.1f s" % dt)
    finally:
        p.close()


def proxy_huge_connect_answer_is_cut_short():
    """A CONNECT answer whose headers never end: one line, exit 2, long before the deadline (Go reads on)."""
    p = proxy.Proxy({}, fault="huge")
    try:
        rc, out, err, dt = run(auth(https_host(), "--ca-cert", S.ca, "--timeout", "20s"), {"HTTPS_PROXY": p.url})
        check.eq((rc, out, err), (2, "", url_err(https_host(), "proxy's answer to CONNECT exceeded 16384 bytes; "
                                                 "aborted")), "huge")
        if dt > 5:
            raise AssertionError("took %.1f s" % dt)
    finally:
        p.close()


def proxy_bad_gateway_for_an_unknown_host():
    p = proxy.Proxy({})
    try:
        rc, _, err, _ = run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": p.url})
        check.eq((rc, err), (2, url_err(https_host(), "Bad Gateway")), "502")
    finally:
        p.close()


def connect_status_reason_of_any_length():
    """transport.go dialConn: the whole status text after its code, however long (ReadResponse keeps
    the line whole); bounded here only by the CONNECT answer's 16 KB (README)."""
    reason = "Proxy Authentication Required by policy " + "r" * 3000
    p = proxy.Proxy({"influxdb.test": S.https.port}, fault="status:407 " + reason)
    try:
        rc, out, err, _ = run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": p.url})
        check.eq((rc, out, err), (2, "", url_err(https_host(), reason)), "the whole reason")
    finally:
        p.close()


def socks5_and_socks5h_resolve_at_the_proxy():
    """transport.go: socks5 is treated as socks5h (the name goes to the proxy); socks5h:// is
    taken as well (README: Go's httpproxy reads it as an http:// proxy named "socks5h")."""
    p = proxy.Proxy({"influxdb.test": S.https.port})
    try:
        for scheme in ("socks5", "socks5h"):
            ok(*run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": "%s://127.0.0.1:%d" % (scheme, p.port)})[:3],
               scheme)
        check.eq([(s["kind"], s["target"], s["headers"]["atyp"]) for s in p.seen],
                 [("socks", "influxdb.test:%d" % S.https.port, 3)] * 2, "SOCKS5 CONNECT by name")
        p.hosts["influxdb.test"] = S.http.port
        ok(*run(auth(http_host()), {"HTTP_PROXY": "socks5://127.0.0.1:%d" % p.port})[:3], "http over socks5")
    finally:
        p.close()


def socks5_password_and_failures_in_gos_words():
    """socks_bundle.go: RFC 1929 when the proxy asks for it; its errors as net.OpError texts."""
    p = proxy.Proxy({"influxdb.test": S.https.port}, auth=(PROXY_USER, PROXY_PASS))
    target = "influxdb.test:%d" % S.https.port
    try:
        ok(*run(auth(https_host(), "--ca-cert", S.ca),
                {"HTTPS_PROXY": "socks5://%s@127.0.0.1:%d" % (PROXY_USERINFO, p.port)})[:3], "socks5 with password")
        rc, _, err, _ = run(auth(https_host()), {"HTTPS_PROXY": "socks5://%s:bad@127.0.0.1:%d" % (PROXY_USER, p.port)})
        check.eq((rc, err), (2, url_err(https_host(), "socks connect tcp 127.0.0.1:%d->%s: username/password "
                                        "authentication failed" % (p.port, target))), "wrong password")
        rc, _, err, _ = run(auth(https_host()), {"HTTPS_PROXY": "socks5://127.0.0.1:%d" % p.port})
        check.eq((rc, err), (2, url_err(https_host(), "socks connect tcp 127.0.0.1:%d->%s: no acceptable "
                                        "authentication methods" % (p.port, target))), "no password offered")
    finally:
        p.close()
    p = proxy.Proxy({"influxdb.test": S.https.port}, auth=(PROXY_USER, ""))
    try:
        # socks_bundle.go since golang/go#57285: a user without a password sends an empty one; an empty
        # user name is refused before anything is sent
        value = "socks5://%s@127.0.0.1:%d" % (PROXY_USER, p.port)
        ok(*run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": value})[:3], "a user and an empty password")
        rc, _, err, _ = run(auth(https_host()), {"HTTPS_PROXY": "socks5://:pw@127.0.0.1:%d" % p.port})
        check.eq((rc, err), (2, url_err(https_host(), "socks connect tcp 127.0.0.1:%d->%s: invalid username/password"
                                        % (p.port, target))), "empty user name")
    finally:
        p.close()
    p = proxy.Proxy({"influxdb.test": S.https.port}, fault="socks_reply:5")
    try:
        rc, _, err, _ = run(auth(https_host()), {"HTTPS_PROXY": "socks5://127.0.0.1:%d" % p.port})
        check.eq((rc, err), (2, url_err(https_host(), "socks connect tcp 127.0.0.1:%d->%s: unknown error connection "
                                        "refused" % (p.port, target))), "reply 5")
    finally:
        p.close()


def no_proxy_matrix_end_to_end():
    """httpproxy useProxy, through the real CLI: whether the proxy saw the request."""
    p = proxy.Proxy({"influxdb.test": S.http.port, "192.0.2.1": S.http.port})
    cases = [
        ("", http_host(), True),
        ("influxdb.test", http_host(), False),
        (".test", http_host(), False),
        ("test", http_host(), False),
        ("*.influxdb.test", http_host(), True),
        ("influxdb.test:%d" % S.http.port, http_host(), False),
        ("influxdb.test:1", http_host(), True),
        ("INFLUXDB.TEST", http_host(), False),
        ("*", http_host(), False),
        ("other.test, influxdb.test", http_host(), False),
        ("", "http://192.0.2.1:%d" % S.http.port, True),
        ("192.0.2.1", "http://192.0.2.1:%d" % S.http.port, False),
        ("192.0.2.0/24", "http://192.0.2.1:%d" % S.http.port, False),
        ("192.0.2.0/32", "http://192.0.2.1:%d" % S.http.port, True),
        ("", "http://127.0.0.1:%d" % S.http.port, False),
        ("", "http://localhost:%d" % S.http.port, False),
    ]
    try:
        for no_proxy, host, via in cases:
            p.seen.clear()
            run(auth(host, "--timeout", "5s"), {"HTTP_PROXY": p.url, "NO_PROXY": no_proxy})
            check.eq(bool(p.seen), via, "NO_PROXY=%r %s" % (no_proxy, host))
        p.seen.clear()
        run(auth(http_host()), {"HTTP_PROXY": p.url, "NO_PROXY": "", "no_proxy": "influxdb.test"})
        check.eq(bool(p.seen), False, "an empty NO_PROXY gives way to no_proxy")
    finally:
        p.close()


def which_variable_for_which_scheme():
    """FromEnvironment: upper case first (an empty value is unset); https uses only HTTPS_PROXY."""
    p = proxy.Proxy({"influxdb.test": S.http.port})
    s, dead = servers.closed_port()
    try:
        ok(*run(auth(http_host()), {"HTTP_PROXY": p.url, "http_proxy": "127.0.0.1:%d" % dead})[:3], "upper wins")
        ok(*run(auth(http_host()), {"HTTP_PROXY": "", "http_proxy": p.url})[:3], "empty upper: lower")
        p.seen.clear()
        rc, _, err, _ = run(auth(https_host()), {"HTTP_PROXY": p.url})
        check.eq((rc, bool(p.seen)), (2, False), "https ignores HTTP_PROXY")
        ok(*run(auth("http://127.0.0.1:%d" % S.http.port), {"HTTP_PROXY": "127.0.0.1:%d" % dead})[:3],
           "loopback is never proxied")
        ok(*run(auth(http_host()), {"HTTP_PROXY": "127.0.0.1:%d" % p.port})[:3], "no scheme means http://")
    finally:
        s.close()
        p.close()


def cgi_refuses_http_proxy_only():
    """httpproxy proxyForURL: with REQUEST_METHOD set, HTTP_PROXY is refused (golang.org/s/cgihttpproxy)."""
    p = proxy.Proxy({"influxdb.test": S.https.port})
    try:
        rc, out, err, _ = run(auth(http_host()), {"HTTP_PROXY": p.url, "REQUEST_METHOD": "GET"})
        check.eq((rc, out, err, p.seen), (1, "", url_err(http_host(), "refusing to use HTTP_PROXY value in CGI "
                                                         "environment; see golang.org/s/cgihttpproxy"), []), "CGI")
        ok(*run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": p.url, "REQUEST_METHOD": "GET"})[:3],
           "HTTPS_PROXY still used")
    finally:
        p.close()


def unparsable_proxy_is_refused_not_bypassed():
    """A value Go's parseProxy cannot read at all: Go connects directly without a word; influx-lite
    refuses with parseProxy's text, the password redacted as URL.Redacted does (README)."""
    value = "http://%s@127.0.0.1:1/%%zz" % PROXY_USERINFO
    rc, out, err, _ = run(auth(https_host()), {"HTTPS_PROXY": value})
    shown = '"http://%s:xxxxx@127.0.0.1:1/%%zz"' % PROXY_USER
    check.eq((rc, out, err), (1, "", url_err(https_host(), 'invalid proxy address %s: parse %s: invalid URL escape '
                                             '"%%zz"' % (shown, shown))), "refused")


def http_debug_redacts_proxy_authorization():
    p = proxy.Proxy({"influxdb.test": S.http.port}, auth=(PROXY_USER, PROXY_PASS))
    try:
        rc, _, err, _ = run(auth(http_host(), "--http-debug"),
                            {"HTTP_PROXY": "http://%s@127.0.0.1:%d" % (PROXY_USERINFO, p.port)})
        check.eq(rc, 0, "exit")
        if err.count("Proxy-Authorization: <redacted>\r\n") != 2:
            raise AssertionError("redacted header not shown twice: %r" % err[:800])
    finally:
        p.close()


def batch_shares_one_tunnel():
    """--ids-from over a proxy: one CONNECT, one TLS handshake, every ID through it."""
    p = proxy.Proxy({"influxdb.test": S.https.port})
    ids = os.path.join(TMP, "ids")
    with open(ids, "w") as f:
        f.write("%s\n%s\n" % (ID, ID2))
    try:
        rc, out, err, _ = run(["auth", "inactive", "--host", https_host(), "-t", TOKEN, "--ids-from", ids,
                               "--ca-cert", S.ca], {"HTTPS_PROXY": p.url})
        check.eq((rc, err, out.count("\n")), (0, "", 3), "batch")
        check.eq(len(p.seen), 1, "tunnels")
    finally:
        p.close()


def https_proxy_tls_inside_tls():
    """transport.go dialConn: TLS to an https:// proxy (its name checked), then CONNECT inside it, then
    TLS end to end with the InfluxDB host inside that: two sessions, one inside the other."""
    p = proxy.Proxy({"influxdb.test": S.https.port}, tls_cert=S.proxy_crt, tls_key=S.proxy_key)
    try:
        ok(*run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": p.url})[:3], "https proxy, https host")
        check.eq([(s["kind"], s["target"]) for s in p.seen], [("connect", "influxdb.test:%d" % S.https.port)], "seen")
        p.hosts["influxdb.test"] = S.http.port
        ok(*run(auth(http_host(), "--ca-cert", S.ca), {"HTTP_PROXY": p.url})[:3], "https proxy, http host")
        check.eq(p.seen[-1]["line"], "PATCH %s/api/v2/authorizations/%s HTTP/1.1" % (http_host(), ID), "absolute")
    finally:
        p.close()


def https_proxy_certificate_checked_as_go_does():
    """A proxy certificate from an unknown CA: transport.go's wrapErr, "proxyconnect tcp: tls: ..."."""
    p = proxy.Proxy({"influxdb.test": S.https.port}, tls_cert=S.rogue_crt, tls_key=S.rogue_key)
    try:
        rc, out, err, _ = run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": p.url})
        check.eq((rc, out, err, p.seen), (2, "", url_err(https_host(), "proxyconnect tcp: tls: failed to verify "
                                                         "certificate: x509: certificate signed by unknown "
                                                         "authority"), []), "unknown CA")
    finally:
        p.close()


def heap_free_through_every_kind_of_proxy():
    """No heap call from project code or mbedTLS through CONNECT, SOCKS5 and an https:// proxy (TLS inside
    TLS): build/cli/influx-lite-nomalloc, malloc wrapped (tests/lib/wrap_malloc.c); with the proxy given
    as an IP literal no name is looked up at all."""
    if not os.access(suite.NOMALLOC_BIN, os.X_OK):
        raise AssertionError("%s not built" % suite.NOMALLOC_BIN)
    plain = proxy.Proxy({"influxdb.test": S.https.port})
    tls = proxy.Proxy({"influxdb.test": S.https.port}, tls_cert=S.proxy_crt, tls_key=S.proxy_key)
    count = os.path.join(TMP, "malloc-count")
    try:
        for value in (plain.url, "socks5://127.0.0.1:%d" % plain.port, tls.url):
            if os.path.exists(count):
                os.unlink(count)
            e = {"PATH": "/usr/bin:/bin", "HOME": TMP, "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs"),
                 "IL_MALLOC_COUNT_FILE": count, "HTTPS_PROXY": value}
            r = subprocess.run([suite.NOMALLOC_BIN] + auth(https_host(), "--ca-cert", S.ca), env=e,
                               capture_output=True, timeout=60)
            check.eq((r.returncode, r.stderr), (0, b""), value)
            with open(count) as f:
                check.eq(f.read().strip(), "0", "project malloc calls through %s" % value)
    finally:
        plain.close()
        tls.close()


# ------------------------------------------------------------ tinyproxy
class Tinyproxy:
    """Debian's tinyproxy in the foreground (-d) with a generated configuration;
    influxdb.test resolves to 127.0.0.1 in an /etc/hosts bind-mounted in a
    mount namespace of its own (the CLI, outside it, cannot resolve the name)."""

    def __init__(self, basic_auth=None):
        self.port = servers.free_port()
        self.dir = suite.tmpdir("tinyproxy-")
        conf = os.path.join(self.dir, "tinyproxy.conf")
        hosts = os.path.join(self.dir, "hosts")
        with open(hosts, "w") as f:
            f.write("127.0.0.1 localhost influxdb.test\n")
        with open(conf, "w") as f:
            f.write("Port %d\nListen 127.0.0.1\nTimeout 30\nMaxClients 8\nLogLevel Info\nAllow 127.0.0.1\n"
                    "DisableViaHeader Yes\n" % self.port)
            if basic_auth:
                f.write("BasicAuth %s %s\n" % basic_auth)
        self.log = open(os.path.join(self.dir, "log"), "wb")
        self.proc = subprocess.Popen(["unshare", "-m", "--propagation", "private", "sh", "-c",
                                      'mount --bind "$1" /etc/hosts && exec tinyproxy -d -c "$2"', "sh", hosts, conf],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
        suite.at_exit(self.stop)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if self.proc.poll() is not None:
                    break
                time.sleep(0.05)
        raise RuntimeError("tinyproxy did not start: " + open(os.path.join(self.dir, "log")).read()[-500:])

    def stop(self):
        suite.stop_process(self.proc)
        self.log.close()


def tinyproxy_connect_and_absolute_form():
    """A real proxy: CONNECT for https, absolute form for http, and its Basic authentication (407)."""
    if shutil.which("tinyproxy") is None:
        raise AssertionError("tinyproxy is not installed (make deps)")
    t = Tinyproxy()
    try:
        env = {"HTTPS_PROXY": "127.0.0.1:%d" % t.port, "HTTP_PROXY": "127.0.0.1:%d" % t.port}
        ok(*run(auth(https_host(), "--ca-cert", S.ca), env)[:3], "tinyproxy CONNECT")
        ok(*run(auth(http_host()), env)[:3], "tinyproxy absolute form")
    finally:
        t.stop()
    t = Tinyproxy(basic_auth=(PROXY_USER, "tinypass"))
    try:
        rc, _, err, _ = run(auth(https_host(), "--ca-cert", S.ca), {"HTTPS_PROXY": "127.0.0.1:%d" % t.port})
        check.eq((rc, err), (2, url_err(https_host(), "Proxy Authentication Required")), "tinyproxy 407")
        ok(*run(auth(https_host(), "--ca-cert", S.ca),
                {"HTTPS_PROXY": "http://%s:tinypass@127.0.0.1:%d" % (PROXY_USER, t.port)})[:3], "tinyproxy auth")
    finally:
        t.stop()


def no_secret_in_any_output():
    """The token and the proxy's password, plain, URL-escaped or in the Basic value, in no output."""
    needles = [TOKEN, PROXY_PASS, urllib.parse.quote(PROXY_PASS, safe=""), BASIC_B64, "tinypass",
               base64.b64encode(TOKEN.encode()).decode()]
    for args, out, err in ALL_OUTPUT:
        for n in needles:
            if n in out or n in err:
                raise AssertionError("%r found in the output of %s" % (n, args))
    if len(ALL_OUTPUT) < 20:
        raise AssertionError("only %d runs searched" % len(ALL_OUTPUT))


def setup():
    p = pki.Pki(TMP)
    p.make_ca("ca", "ec")
    p.make_leaf("influx", "ca", "ec", san="DNS:influxdb.test,IP:127.0.0.1")
    p.make_leaf("other", "ca", "ec", san="DNS:other.test,IP:127.0.0.1")
    p.make_leaf("proxyleaf", "ca", "ec", san="DNS:localhost,IP:127.0.0.1")
    p.make_ca("rogue_ca", "ec")
    p.make_leaf("rogue", "rogue_ca", "ec", san="DNS:localhost,IP:127.0.0.1")
    S.proxy_crt, S.proxy_key = p.path("proxyleaf.crt"), p.path("proxyleaf.key")
    S.rogue_crt, S.rogue_key = p.path("rogue.crt"), p.path("rogue.key")
    S.ca = p.path("ca.crt")
    S.http = double.Double(wait=False)
    S.https = double.Double(p.path("influx.crt"), p.path("influx.key"), ca=S.ca, wait=False)
    S.https_other = double.Double(p.path("other.crt"), p.path("other.key"), ca=S.ca, wait=False)
    for d in (S.http, S.https, S.https_other):
        d.wait()


def main():
    suite.require(BIN)
    suite.setup("setup", setup)
    check.run([
        influxdb_test_is_not_resolvable_here,
        http_goes_through_the_proxy_in_absolute_form,
        https_goes_through_connect_named_for_the_influxdb_host,
        https_through_proxy_verifies_the_influxdb_name,
        proxy_credentials_go_as_basic_and_stay_secret,
        proxy_407_in_gos_words,
        proxy_refused_in_gos_words,
        proxy_closing_mid_connect_is_unexpected_eof,
        proxy_silent_after_connect_ends_at_the_deadline,
        proxy_huge_connect_answer_is_cut_short,
        proxy_bad_gateway_for_an_unknown_host,
        connect_status_reason_of_any_length,
        socks5_and_socks5h_resolve_at_the_proxy,
        socks5_password_and_failures_in_gos_words,
        no_proxy_matrix_end_to_end,
        which_variable_for_which_scheme,
        cgi_refuses_http_proxy_only,
        unparsable_proxy_is_refused_not_bypassed,
        http_debug_redacts_proxy_authorization,
        batch_shares_one_tunnel,
        https_proxy_tls_inside_tls,
        https_proxy_certificate_checked_as_go_does,
        heap_free_through_every_kind_of_proxy,
        tinyproxy_connect_and_absolute_form,
        no_secret_in_any_output,
    ])


if __name__ == "__main__":
    main()
