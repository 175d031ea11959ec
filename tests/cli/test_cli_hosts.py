#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""tests/cli: --host as Go reads it, and the addresses Go's errors name.

- url.Parse's refusals, each with its text and the url.go function that
  makes it (Go's net/url/url.go: parse, getScheme, parseAuthority,
  parseHost, validOptionalPort, unescape, setPath, setFragment);
- what the request then refuses before dialling: an empty host
  (net/http transport.go roundTrip: "http: no Host in request URL"), a port
  beyond 16 bits (net's parsePort: "address N: invalid port"), a name Go's
  resolver gives up on without asking (net/dnsclient.go isDomainName:
  all-numeric names), and what only libc reads as a number (0x7f.1):
  nobody is contacted (no connect, no DNS packet: strace);
- an empty port is the scheme's (net/http: removeEmptyPort, canonicalAddr);
- a dial error names the address dialled: localhost's first address in
  the hosts file, as Go's resolver reads it (net/hosts.go, file order);
- a read error names both ends (net.OpError: local->remote);
- https:// to a plain HTTP server: net/http client.go send()'s
  ErrSchemeMismatch."""
import os
import re
import socket
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import check  # noqa: E402
import servers  # noqa: E402

BIN = os.path.join(ROOT, "build", "influx-lite")
ID = "06c86c40a9f36000"
GET = 'Error: could not find auth with ID "%s": Get "%%s/api/v2/authorizations/%s": ' % (ID, ID)


def run(host, *extra, wrap=()):
    env = {"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "INFLUX_CONFIGS_PATH": "/nonexistent/configs"}
    argv = list(wrap) + [BIN, "auth", "inactive", "--id", ID, "-t", "tok", "--timeout", "3s", "--host", host]
    r = subprocess.run(argv + list(extra), capture_output=True, env=env, timeout=30)
    return r.returncode, r.stdout.decode(), r.stderr.decode("utf-8", "replace")


# (host, the url.go function, its text): "Error: host URL %q is invalid: parse %q: TEXT", exit 1
PARSE_CASES = [
    ("http://h:80a", "parseHost, validOptionalPort", 'invalid port ":80a" after host'),
    ("http://h:8086 ", "parseHost, validOptionalPort (a trailing space)", 'invalid port ":8086 " after host'),
    ("http://h ", "unescape(encodeHost): InvalidHostError", 'invalid character " " in host name'),
    ("http://my host:8086", "unescape(encodeHost): InvalidHostError", 'invalid character " " in host name'),
    ("http://h/a%zz", "setPath, unescape: EscapeError", 'invalid URL escape "%zz"'),
    ("http://h/a%2", "setPath, unescape: EscapeError (cut short)", 'invalid URL escape "%2"'),
    ("http://%41bc", "unescape(encodeHost): only non-ASCII may be escaped", 'invalid URL escape "%41"'),
    ("http://h#%zz", "setFragment (the whole URL is quoted)", 'invalid URL escape "%zz"'),
    ("http://[::1", "parseHost", "missing ']' in host"),
    ("http://[::1]x", "parseHost, validOptionalPort", 'invalid port "x" after host'),
    ("http://u{s@h", "parseAuthority, validUserinfo", "net/url: invalid userinfo"),
    ("http://u%zz@h", "parseAuthority, unescape(encodeUserPassword)", 'invalid URL escape "%zz"'),
    ("://h", "getScheme", "missing protocol scheme"),
    ("127.0.0.1:8086", "parse: a colon in the first path segment", "first path segment in URL cannot contain colon"),
    ("http://h\t", "parse: stringContainsCTLByte", "net/url: invalid control character in URL"),
]


def test_url_parse_refusals_in_go_words():
    bad = []
    for host, where, text in PARSE_CASES:
        quoted = host.split("#")[0] if "#" in host and "%zz" not in host.split("#")[1] else host
        want = 'Error: host URL "%s" is invalid: parse "%s": %s\n' % (go_q(host), go_q(quoted), text)
        rc, out, err = run(host)
        if (rc, out, err) != (1, "", want):
            bad.append("%r (%s): %r rc %d" % (host, where, err, rc))
    if bad:
        raise AssertionError("; ".join(bad))


def go_q(s):
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")


def test_request_refusals_before_dialling():
    cases = [
        ("http://", "http://", "http: no Host in request URL", 1),
        ("http:h", "http://", "http: no Host in request URL", 1),
        ("http://h:99999", "http://h:99999", "dial tcp: address 99999: invalid port", 1),
        ("http://h:123456789012345678901", "http://h:123456789012345678901",
         "dial tcp: address 123456789012345678901: invalid port", 1),
    ]
    for host, url, cause, code in cases:
        rc, out, err = run(host)
        check.eq((rc, err), (code, (GET % url) + cause + "\n"), host)


def test_numeric_names_contact_nobody():
    """What libc reads as an address and Go does not: Go's resolver says
    "no such host" for all-numeric names without a query; influx-lite says
    it for those and for libc's hex forms, before any socket exists."""
    srv = servers.Acceptor()
    try:
        for name in ("0127.0.0.1", "127.1", "0x7f.1", "2130706433", "127.0.0.1.", "0x7f000001", "127.000.000.001"):
            with tempfile.TemporaryDirectory() as d:
                trace = os.path.join(d, "trace")
                host = "http://%s:%d" % (name, srv.port)
                rc, out, err = run(host, wrap=("strace", "-f", "-qq", "-o", trace, "-e", "trace=socket,connect"))
                check.eq((rc, err), (2, GET % host + "dial tcp: lookup %s: no such host\n" % name), name)
                with open(trace) as f:
                    calls = [ln for ln in f if "socket(" in ln or "connect(" in ln]
                check.eq(calls, [], "%s: sockets opened" % name)
        check.eq(srv.connections, 0, "connections that reached the listener")
    finally:
        srv.close()


def test_empty_port_is_the_default():
    srv = socket.socket()
    try:
        srv.bind(("127.0.0.1", 80))
    except OSError:
        srv.close()
        srv = None
    try:
        rc, out, err = run("http://127.0.0.1:")
        check.eq((rc, err), (2, GET % "http://127.0.0.1" + "dial tcp 127.0.0.1:80: connect: connection refused\n"),
                 "empty port")
    finally:
        if srv is not None:
            srv.close()


def with_hosts(lines, host):
    """The CLI with /etc/hosts replaced (a private mount namespace)."""
    with tempfile.TemporaryDirectory() as d:
        hosts = os.path.join(d, "hosts")
        with open(hosts, "w") as f:
            f.write(lines)
        script = 'mount --bind "$1" /etc/hosts && shift && exec "$@"'
        return run(host, wrap=("unshare", "-m", "sh", "-c", script, "sh", hosts))


def test_dial_error_names_the_address_dialled():
    s, port = servers.closed_port()
    try:
        for lines, named in (("127.0.0.1 localhost\n::1 localhost ip6-localhost\n", "127.0.0.1:%d" % port),
                             ("::1 ip6-localhost localhost\n127.0.0.1 localhost\n", "[::1]:%d" % port),
                             ("# only a comment\n10.9.9.9 other\n::1 LocalHost\n", "[::1]:%d" % port)):
            host = "http://localhost:%d" % port
            rc, out, err = with_hosts(lines, host)
            check.eq((rc, err), (2, GET % host + "dial tcp %s: connect: connection refused\n" % named), lines)
    finally:
        s.close()


def test_read_error_names_both_ends():
    def reset(conn, acceptor):
        servers.read_request(conn)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    srv = servers.Acceptor(handler=reset)
    try:
        rc, out, err = run(srv.url)
        want = re.escape(GET % srv.url) + r"read tcp 127\.0\.0\.1:(\d+)->127\.0\.0\.1:%d: " \
            r"read: connection reset by peer\n" % srv.port
        m = re.fullmatch(want, err)
        check.eq((rc, m is not None), (2, True), err)
        check.eq(int(m.group(1)) != srv.port, True, "the local port is the client's")
    finally:
        srv.close()


def test_https_to_plain_http_server():
    def http(conn, acceptor):
        conn.recv(4096)
        conn.sendall(b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
    srv = servers.Acceptor(handler=http)
    try:
        url = "https://127.0.0.1:%d" % srv.port
        rc, out, err = run(url)
        check.eq((rc, err), (2, GET % url + "http: server gave HTTP response to HTTPS client\n"), url)
    finally:
        srv.close()


if __name__ == "__main__":
    check.run([test_url_parse_refusals_in_go_words, test_request_refusals_before_dialling,
               test_numeric_names_contact_nobody, test_empty_port_is_the_default,
               test_dial_error_names_the_address_dialled, test_read_error_names_both_ends,
               test_https_to_plain_http_server])
