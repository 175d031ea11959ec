# SPDX-License-Identifier: Apache-2.0
"""tests/fault: the machinery of the fault matrix (issue 5 parts 2 and 4).

A table of cases (CASES), each run against a fresh influxd double
(tests/server/influxd_double.py, reset per case, faults queued through its
control API) or against a small raw-socket server written here for what the
double cannot make (closed port, DNS failure in a network namespace with no
network, a listener that never accepts, half JSON over HTTP/1.0, a reset
before any byte, a redirect target that records every connection).

run_matrix() runs the cases in parallel threads and returns one Result per
case; check_result() turns a Result into a list of problems (empty = PASS).
Everything listens on 127.0.0.1 on free ports; no DNS query leaves the
machine (the DNS case runs under `unshare -n`, after proving that the
namespace holds only the loopback interface)."""
import base64
import binascii
import concurrent.futures
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402,F401  (re-exported for the suites)
import double  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

BIN, ASAN_BIN = suite.BIN, suite.ASAN_BIN
TMP = suite.tmpdir("fault-test-")

ID = "06c86c40a9f36000"              # target: v2 "my token" and the legacy auth (myv1user)
TARGET_TOKEN = "tok_abcdefghijklmnopqrstuvwxyz0123456789=="   # its own token: allowed in the table
OP_TOKEN = "op-token-for-tests"       # the caller's token against the double: never printed
SECRET = "SECRET-TOKEN-must-not-leak-7f3a"   # the caller's token everywhere else
UNKNOWN_ID = "0123456789abcdef"
MARGIN = 1.5
DEFAULT_DEADLINE = 30.0               # the CLI's overall deadline without --timeout


# ------------------------------------------------------------ what the CLI knows
_FEATURES = {}


def features(binary=BIN):
    """(knows --timeout, knows --retries) for a binary, from its help."""
    if binary not in _FEATURES:
        try:
            h = subprocess.run([binary, "auth", "inactive", "-h"], capture_output=True, timeout=20).stdout.decode()
        except (OSError, subprocess.SubprocessError):
            h = ""
        _FEATURES[binary] = ("--timeout" in h, "--retries" in h)
    return _FEATURES[binary]


HAS_TIMEOUT, HAS_RETRIES = features(BIN)


# ------------------------------------------------------------ secrecy
def secret_forms(token):
    """The token and the encodings a careless program would print: base64 (standard and URL-safe,
    every alignment, also of "Token <t>", "<t>:" and ":<t>" as Basic auth would), percent-encoding,
    hex, and the distinctive half of it."""
    forms = {token, urllib.parse.quote(token, safe=""), urllib.parse.quote_plus(token),
             binascii.hexlify(token.encode()).decode(), token[len(token) // 2:]}
    for src in (token, "Token " + token, token + ":", ":" + token):
        for k in range(3):
            for enc in (base64.b64encode, base64.urlsafe_b64encode):
                b = enc(b"\0" * k + src.encode()).decode().rstrip("=")
                # drop the characters that mix with the neighbours
                inner = b[(4 * k + 2) // 3 + 1:-2] if k else b[:-2]
                if len(inner) >= 12:
                    forms.add(inner)
    return sorted(forms, key=len)


SECRET_FORMS = {t: secret_forms(t) for t in (SECRET, OP_TOKEN, "-" + SECRET)}


def leaks(text, tokens=(SECRET, OP_TOKEN)):
    """The forms of the given tokens found in text (bytes or str)."""
    if isinstance(text, bytes):
        text = text.decode("latin-1")
    found = []
    for t in tokens:
        for f in SECRET_FORMS.get(t) or secret_forms(t):
            if f in text:
                found.append(f)
    return found


# ------------------------------------------------------------ servers
class DoublePool:
    """One double per worker thread; each case resets the one it holds."""

    def __init__(self, n):
        self.all = [double.Double(max_seconds=900, wait=False) for _ in range(n)]
        for d in self.all:
            d.wait()
        self.q = queue.Queue()
        for d in self.all:
            self.q.put(d)

    def stop(self):
        for d in self.all:
            d.terminate()
        for d in self.all:
            d.stop()


class RawServer(servers.Acceptor):
    """handler(sock, server) per accepted connection (tests/lib/servers.py);
    without one, a recorder that reads everything until the peer closes.
    Records the bytes received, and counts connections, so that a test can
    prove nothing arrived."""

    def __init__(self, handler=None, accept=True):
        self.received = bytearray()
        servers.Acceptor.__init__(self, handler, accept=accept)

    def handle(self, c):
        if self.handler is not None:
            self.handler(c, self)
            return
        while True:
            d = c.recv(65536)
            if not d:
                break
            with self.lock:
                self.received += d

    def read_request(self, c):
        """Read one request head (and a Content-Length body); returns the bytes."""
        buf = servers.read_request(c)
        with self.lock:
            self.received += buf
        return buf

    def stop(self):
        self.close()


closed_port = servers.closed_port


def h_reset_at_once(c, srv):
    srv.read_request(c)
    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    c.close()


def h_close_at_once(c, srv):
    srv.read_request(c)
    c.shutdown(socket.SHUT_WR)
    time.sleep(0.3)


def h_never_answer(c, srv):
    srv.read_request(c)
    srv.closed.wait(40)


AUTH_JSON = json.dumps({
    "id": ID, "token": TARGET_TOKEN, "status": "active", "description": "my token",
    "orgID": "0a1b2c3d4e5f6071", "org": "myorg", "userID": "0b1c2d3e4f506172", "user": "myuser",
    "permissions": [], "createdAt": "2024-01-02T03:04:05Z", "updatedAt": "2024-01-02T03:04:06Z"}).encode()


def h_http10_half_json(c, srv):
    srv.read_request(c)
    c.sendall(b"HTTP/1.0 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n\r\n" +
              AUTH_JSON[:len(AUTH_JSON) // 2])
    c.shutdown(socket.SHUT_WR)
    time.sleep(0.3)


def h_short_content_length(c, srv):
    srv.read_request(c)
    c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
              b"Content-Length: %d\r\n\r\n" % (len(AUTH_JSON) + 100) + AUTH_JSON)
    c.shutdown(socket.SHUT_WR)
    time.sleep(0.3)


def h_reflect_token_401(c, srv):
    """A hostile server that puts the request (and so the token) into its error message."""
    req = srv.read_request(c)
    auth = re.search(rb"(?i)authorization:([^\r\n]*)", req)
    msg = (auth.group(1).strip().decode("latin-1") if auth else "none")
    body = json.dumps({"code": "unauthorized", "message": "unknown token " + msg}).encode()
    c.sendall(b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json; charset=utf-8\r\n"
              b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    c.shutdown(socket.SHUT_WR)
    time.sleep(0.3)


RAW_HANDLERS = {"reset_at_once": h_reset_at_once, "close_at_once": h_close_at_once,
                "never_answer": h_never_answer, "http10_half_json": h_http10_half_json,
                "short_content_length": h_short_content_length, "reflect_token_401": h_reflect_token_401}


# ------------------------------------------------------------ the cases
class Case:
    def __init__(self, name, cmd="auth", server="double", faults=(), timeout=None, retries=None,
                 code=0, err=None, deadline=1.0, state=None, requests=None, redirect=None,
                 token=OP_TOKEN, target=ID, note="", allow_codes=None, debug=True, extra=None,
                 requests_any=None):
        self.name, self.cmd, self.server, self.faults = name, cmd, server, list(faults)
        self.timeout, self.retries, self.code, self.err = timeout, retries, code, err
        self.deadline, self.state, self.requests, self.redirect = deadline, state, requests, redirect
        self.token, self.target, self.note, self.debug = token, target, note, debug
        self.allow_codes = allow_codes or [code]
        self.extra = extra or []
        # every acceptable request log (requests, or any of requests_any)
        self.request_logs = requests_any if requests_any is not None else ([requests] if requests is not None else None)


PASS0 = {"mode": "delay", "seconds": 0}     # lets one request through untouched
G2 = ("GET", "/api/v2/authorizations/" + ID)
P2 = ("PATCH", "/api/v2/authorizations/" + ID)
P1 = ("PATCH", "/private/legacy/authorizations/" + ID)
GU = ("GET", "/api/v2/users/0b1c2d3e4f506172")
GL = ("GET", "/private/legacy/authorizations?token=myv1user")
CF = r'Error: could not find auth with ID "06c86c40a9f36000": '
CU = r'Error: could not update status of auth with ID "06c86c40a9f36000": '
V1U = r'Error: failed to update status of authorization with ID "06c86c40a9f36000": '
V1F = r'Error: could not find v1 auth with token \(username\) "myv1user": '
V1G = r'Error: could not find user from User ID "0b1c2d3e4f506172": '
GET_URL = r'Get "http://127\.0\.0\.1:\d+/api/v2/authorizations/06c86c40a9f36000": '
PATCH_URL = r'Patch "http://127\.0\.0\.1:\d+/api/v2/authorizations/06c86c40a9f36000": '
V1P_URL = r'Patch "http://127\.0\.0\.1:\d+/private/legacy/authorizations/06c86c40a9f36000": '
EOF = "EOF"
MALFORMED = r"net/http: HTTP/1\.x transport connection broken: malformed HTTP response \(.*\)"
# net.OpError: a read or write names both ends (local->remote), a dial the address dialled
RESET = r"read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+: read: connection reset by peer"
TIMEOUT = r"(read tcp 127\.0\.0\.1:\d+->127\.0\.0\.1:\d+|dial tcp 127\.0\.0\.1:\d+): i/o timeout"
UNPRINTABLE = "the authorization is inactive, but its answer is too large to print"


def cases(redirect_port_placeholder="{redirect}"):
    c = []
    A = c.append
    # --- no server / no name / no answer (raw)
    A(Case("refused_closed_port", server="closed", code=2, token=SECRET,
           err=CF + GET_URL + r"dial tcp 127\.0\.0\.1:\d+: connect: connection refused"))
    A(Case("v1_refused_closed_port", cmd="v1", server="closed", code=2, token=SECRET,
           err=V1U + V1P_URL + r"dial tcp 127\.0\.0\.1:\d+: connect: connection refused"))
    A(Case("dns_failure_no_network", server="dns", code=2, token=SECRET,
           err=CF + r'Get "http://nohost\.invalid:8086/api/v2/authorizations/06c86c40a9f36000": '
                    r"dial tcp: lookup nohost\.invalid: no such host"))
    A(Case("v1_dns_failure_no_network", cmd="v1", server="dns", code=2, token=SECRET,
           err=V1U + r'Patch "http://nohost\.invalid:8086/private/legacy/authorizations/06c86c40a9f36000": '
                     r"dial tcp: lookup nohost\.invalid: no such host"))
    A(Case("no_answer_timeout_2s", faults=[{"mode": "no_answer"}], timeout="2s", deadline=2.0, code=2,
           err=CF + GET_URL + TIMEOUT, state="active", requests=[G2]))
    A(Case("no_answer_on_patch_timeout_2s", faults=[PASS0, {"mode": "no_answer"}], timeout="2s",
           deadline=2.0, code=2, err=CU + PATCH_URL + TIMEOUT, state="active", requests=[G2, P2]))
    A(Case("v1_no_answer_timeout_2s", cmd="v1", faults=[{"mode": "no_answer"}], timeout="2s", deadline=2.0,
           code=2, err=V1U + V1P_URL + TIMEOUT, state="active", requests=[P1]))
    A(Case("listener_never_accepts_timeout_2s", server="raw:noaccept", timeout="2s", deadline=2.0, code=2,
           token=SECRET, err=CF + GET_URL + TIMEOUT))
    A(Case("raw_never_answers_timeout_2s_retries_3", server="raw:never_answer", timeout="2s", retries=3,
           deadline=2.0, code=2, token=SECRET, err=CF + GET_URL + TIMEOUT,
           note="one overall deadline, whatever --retries says"))
    A(Case("trickle_1byte_per_s_timeout_3s", faults=[{"mode": "trickle", "interval": 1.0}], timeout="3s",
           deadline=3.0, code=2, err=CF + GET_URL + TIMEOUT, state="active", requests=[G2]))
    A(Case("v1_trickle_1byte_per_s_timeout_3s", cmd="v1", faults=[{"mode": "trickle", "interval": 1.0}],
           timeout="3s", deadline=3.0, code=2, err=V1U + V1P_URL + TIMEOUT, state="inactive", requests=[P1]))
    A(Case("trickle_fast_completes", faults=[{"mode": "trickle", "interval": 0.0005, "count": 2}],
           timeout="15s", deadline=15.0, code=0, state="inactive", requests=[G2, P2]))
    A(Case("delay_1s_within_timeout_3s", faults=[{"mode": "delay", "seconds": 1}], timeout="3s",
           deadline=3.0, code=0, state="inactive", requests=[G2, P2]))
    # --- the connection breaks
    A(Case("reset_before_any_byte", server="raw:reset_at_once", code=2, token=SECRET, err=CF + GET_URL + RESET))
    A(Case("close_before_any_byte", server="raw:close_at_once", code=4, token=SECRET, err=CF + GET_URL + EOF))
    A(Case("reset_mid_headers", faults=[{"mode": "reset_mid_headers"}], code=2, err=CF + GET_URL + RESET,
           state="active", requests=[G2]))
    A(Case("close_mid_headers", faults=[{"mode": "close_mid_headers"}], code=4, err=CF + GET_URL + EOF,
           state="active", requests=[G2]))
    A(Case("reset_mid_body", faults=[{"mode": "reset_mid_body"}], code=2, err=CF + GET_URL + RESET,
           state="active", requests=[G2]))
    A(Case("close_mid_body", faults=[{"mode": "close_mid_body"}], code=4, err=CF + GET_URL + r"(unexpected EOF|EOF)",
           state="active", requests=[G2]))
    # the PATCH answer is cut: the server did apply the change, the CLI must say it failed
    A(Case("patch_close_mid_body", faults=[PASS0, {"mode": "close_mid_body"}], code=4,
           err=CU + PATCH_URL + r"(unexpected EOF|EOF)", state="inactive", requests=[G2, P2]))
    A(Case("patch_reset_mid_body", faults=[PASS0, {"mode": "reset_mid_body"}], code=2,
           err=CU + PATCH_URL + RESET, state="inactive", requests=[G2, P2],
           note="the answer had begun: never re-send the PATCH unasked"))
    A(Case("patch_close_mid_headers", faults=[PASS0, {"mode": "close_mid_headers"}], code=4,
           err=CU + PATCH_URL + EOF, state="inactive", requests=[G2, P2],
           note="the answer had begun: never re-send the PATCH unasked"))
    A(Case("patch_reset_mid_headers", faults=[PASS0, {"mode": "reset_mid_headers"}], code=2,
           err=CU + PATCH_URL + RESET, state="inactive", requests=[G2, P2],
           note="the answer had begun: never re-send the PATCH unasked"))
    A(Case("v1_patch_close_mid_body", cmd="v1", faults=[{"mode": "close_mid_body"}], code=4,
           err=V1U + V1P_URL + r"(unexpected EOF|EOF)", state="inactive", requests=[P1]))
    A(Case("v1_patch_reset_mid_body", cmd="v1", faults=[{"mode": "reset_mid_body"}], code=2,
           err=V1U + V1P_URL + RESET, state="inactive", requests=[P1]))
    # the user lookup is a GET: one re-send on a fresh connection is allowed (Go retries idempotent
    # requests on a reused connection); when that fails too, the CLI must say so
    A(Case("v1_user_lookup_reset_mid_headers_twice", cmd="v1",
           faults=[PASS0, {"mode": "reset_mid_headers", "count": 2}],
           code=2, err=V1G + r'Get "http://127\.0\.0\.1:\d+/api/v2/users/0b1c2d3e4f506172": ' + RESET,
           state="inactive", requests_any=[[P1, GU], [P1, GU, GU]],
           note="the PATCH was applied; the user lookup failed"))
    A(Case("truncated_chunked", faults=[{"mode": "truncated_chunked"}], code=4,
           err=CF + GET_URL + r"(unexpected EOF|EOF|" + MALFORMED + ")", state="active", requests=[G2]))
    A(Case("patch_truncated_chunked", faults=[PASS0, {"mode": "truncated_chunked"}], code=4,
           err=CU + PATCH_URL + r"(unexpected EOF|EOF|" + MALFORMED + ")", state="inactive", requests=[G2, P2]))
    A(Case("http10_half_json_close_delimited", server="raw:http10_half_json", code=4, token=SECRET,
           err=CF + r"(unexpected end of JSON input|unexpected EOF|EOF|invalid JSON.*|" + GET_URL + ".*)"))
    A(Case("content_length_longer_than_body", server="raw:short_content_length", code=4, token=SECRET,
           err=CF + GET_URL + r"(unexpected EOF|EOF)"))
    # --- unusable answers
    A(Case("garbage_status_line", faults=[{"mode": "garbage_status"}], code=4, err=CF + GET_URL + MALFORMED,
           state="active", requests=[G2]))
    A(Case("garbage_junk_bytes", faults=[{"mode": "garbage_status", "variant": "junk"}], code=4,
           err=CF + GET_URL + MALFORMED, state="active", requests=[G2]))
    A(Case("v1_garbage_status_line", cmd="v1", faults=[{"mode": "garbage_status"}], code=4,
           err=V1U + V1P_URL + MALFORMED, state="inactive", requests=[P1]))
    # Headers the client does not use are skipped whatever their size, up to
    # Go's client limit (net/http transport.go: MaxResponseHeaderBytes, 10 MiB by
    # default, "net/http: server response headers exceeded %d bytes; aborted")
    A(Case("huge_header_block_64k", faults=[{"mode": "huge_headers", "size": 65536}], code=0,
           state="inactive", requests=[G2, P2]))
    A(Case("huge_header_block_1m", faults=[{"mode": "huge_headers", "size": 1 << 20}], code=0,
           state="inactive", requests=[G2, P2], debug=False))
    A(Case("one_header_line_1m", faults=[{"mode": "huge_headers", "size": 1 << 20, "single": True}], code=0,
           state="inactive", requests=[G2, P2], debug=False))
    A(Case("header_block_over_10m", faults=[{"mode": "huge_headers", "size": 10 << 20}], code=4,
           err=CF + GET_URL + r"net/http: server response headers exceeded 10485760 bytes; aborted",
           state="active", requests=[G2], debug=False))
    # Answers of any size: a key the official client's api.Authorization does
    # not have is skipped whatever its size, as Go's encoding/json skips it
    # (decode.go object); the answer streams through the decoder
    A(Case("huge_body_1m", faults=[{"mode": "huge_body"}], code=0, state="inactive", requests=[G2, P2]))
    A(Case("patch_huge_body_1m", faults=[PASS0, {"mode": "huge_body"}], code=0, state="inactive",
           requests=[G2, P2]))
    A(Case("v1_huge_body_1m", cmd="v1", faults=[{"mode": "huge_body"}], code=0, state="inactive",
           requests=[P1, GU]))
    A(Case("v1user_lookup_huge_body_1m", cmd="v1user", faults=[{"mode": "huge_body"}], code=0,
           state="inactive", requests=[GL, P1, GU]))
    # A kept string past the CLI's body buffer (1 MiB): the GET only asks
    # whether the authorization exists, so it goes on; the PATCH applies, and
    # the answer it cannot print is said (a deliberate difference: README)
    A(Case("huge_description_2m", faults=[{"mode": "huge_body", "key": "description", "size": 2 << 20}],
           code=0, state="inactive", requests=[G2, P2]))
    A(Case("patch_huge_description_2m",
           faults=[PASS0, {"mode": "huge_body", "key": "description", "size": 2 << 20}], code=4,
           err=CU + UNPRINTABLE, state="inactive", requests=[G2, P2]))
    A(Case("v1_huge_description_2m", cmd="v1",
           faults=[{"mode": "huge_body", "key": "description", "size": 2 << 20}], code=4,
           err=V1U + UNPRINTABLE, state="inactive", requests=[P1]))
    A(Case("v1user_lookup_huge_description_2m", cmd="v1user",
           faults=[{"mode": "huge_body", "key": "description", "size": 2 << 20}], code=0,
           state="inactive", requests=[GL, P1, GU]))
    A(Case("plain_500_text_body", faults=[{"mode": "plain_500"}], code=4,
           err=CF + r'500 Internal Server Error: .+', state="active", requests=[G2]))
    A(Case("patch_plain_500_text_body", faults=[PASS0, {"mode": "plain_500"}], code=4,
           err=CU + r'500 Internal Server Error: .+', state="active", requests=[G2, P2]))
    A(Case("v1_plain_500_text_body", cmd="v1", faults=[{"mode": "plain_500"}], code=4,
           err=V1U + r'500 Internal Server Error: .+', state="active", requests=[P1]))
    A(Case("status_503_text_plain", faults=[{"mode": "status", "status": 503, "body": "upstream down\n",
                                             "content_type": "text/plain; charset=utf-8"}], code=4,
           err=CF + r'503 Service Unavailable: .+', state="active", requests=[G2]))
    A(Case("status_500_json_error", faults=[{"mode": "status", "status": 500,
                                             "body": '{"code":"internal error","message":"boom"}'}],
           code=4, err=CF + r"500 Internal Server Error: boom", state="active", requests=[G2]))
    A(Case("plain_400_text_body", faults=[{"mode": "plain_400"}], code=3, err=CF + r"400 Bad Request: .+",
           state="active", requests=[G2]))
    A(Case("postcondition_still_active", faults=[PASS0, {"mode": "status", "status": 200,
                                                          "body": AUTH_JSON.decode()}], code=5,
           err=CU + r'server answered status "active", not "inactive"', state="active", requests=[G2, P2]))
    # --- 4xx JSON errors (the double's own answers)
    A(Case("json_401_unknown_token", code=3, token=SECRET, err=CF + r"401 Unauthorized: unauthorized access",
           state="active", requests=[G2]))
    A(Case("v1_json_401_unknown_token", cmd="v1", code=3, token=SECRET,
           err=V1U + r"401 Unauthorized: unauthorized access", state="active", requests=[P1]))
    A(Case("json_404_unknown_id", target=UNKNOWN_ID, code=3,
           err=r'Error: could not find auth with ID "0123456789abcdef": 404 Not Found: authorization not found',
           requests=[("GET", "/api/v2/authorizations/" + UNKNOWN_ID)]))
    A(Case("v1_json_404_unknown_id", cmd="v1", target=UNKNOWN_ID, code=3,
           err=r'Error: failed to update status of authorization with ID "0123456789abcdef": '
               r"404 Not Found: authorization not found",
           requests=[("PATCH", "/private/legacy/authorizations/" + UNKNOWN_ID)]))
    A(Case("json_403_forbidden", faults=[{"mode": "status", "status": 403,
                                          "body": '{"code":"forbidden","message":"no write permission"}'}],
           code=3, err=CF + r"403 Forbidden: no write permission", state="active", requests=[G2]))
    A(Case("hostile_401_reflects_token", server="raw:reflect_token_401", code=3, token=SECRET,
           err=CF + r"401 Unauthorized: .*", debug=False,
           note="a server that echoes the token in its message: the CLI must not print it"))
    # --- redirects: never followed, the token never reaches the target
    A(Case("redirect_307_on_get", faults=[{"mode": "redirect", "status": 307, "location": "{redirect}"}],
           code=3, err=CF + r"307 Temporary Redirect: redirect to http://127\.0\.0\.1:\d+/\S* not followed",
           state="active", requests=[G2], redirect=True))
    A(Case("redirect_308_on_patch", faults=[PASS0, {"mode": "redirect", "status": 308, "location": "{redirect}"}],
           code=3, err=CU + r"308 Permanent Redirect: redirect to http://127\.0\.0\.1:\d+/\S* not followed",
           state="active", requests=[G2, P2], redirect=True))
    A(Case("v1_redirect_301", cmd="v1", faults=[{"mode": "redirect", "status": 301, "location": "{redirect}"}],
           code=3, err=V1U + r"301 Moved Permanently: redirect to http://127\.0\.0\.1:\d+/\S* not followed",
           state="active", requests=[P1], redirect=True))
    A(Case("hostile_redirect_location_holds_token",
           faults=[{"mode": "redirect", "status": 307, "location": "http://127.0.0.1:1/steal?t=" + OP_TOKEN}],
           code=3, err=CF + r"307 Temporary Redirect: redirect to .* not followed", state="active",
           requests=[G2], debug=False,
           note="a Location that carries the token: the CLI prints Location verbatim"))
    A(Case("redirect_302_relative", faults=[{"mode": "redirect", "status": 302,
                                             "location": "/api/v2/authorizations/0d2a3c5b7e8f9000"}],
           code=3, err=CF + r"302 Found: redirect to /api/v2/authorizations/0d2a3c5b7e8f9000 not followed",
           state="active", requests=[G2]))
    # --- odd but valid answers: must succeed
    A(Case("continue_100_before_answer", faults=[{"mode": "continue", "count": 2}], code=0, state="inactive",
           requests=[G2, P2]))
    A(Case("v1_continue_100_before_answer", cmd="v1", faults=[{"mode": "continue", "count": 2}], code=0,
           state="inactive", requests=[P1, GU]))
    A(Case("chunked_many_chunks_extensions", faults=[{"mode": "chunked", "chunk_size": 7, "count": 2}], code=0,
           state="inactive", requests=[G2, P2]))
    A(Case("v1_chunked_many_chunks_extensions", cmd="v1",
           faults=[{"mode": "chunked", "chunk_size": 5, "count": 2}], code=0, state="inactive", requests=[P1, GU]))
    A(Case("v1user_chunked_one_byte_chunks", cmd="v1user", faults=[{"mode": "chunked", "chunk_size": 1, "count": 3}],
           code=0, state="inactive", requests=[GL, P1, GU]))
    A(Case("http10_close_delimited", faults=[{"mode": "http10", "count": 2}], code=0, state="inactive",
           requests=[G2, P2]))
    A(Case("v1_http10_close_delimited", cmd="v1", faults=[{"mode": "http10", "count": 2}], code=0,
           state="inactive", requests=[P1, GU]))
    A(Case("baseline_ok", code=0, state="inactive", requests=[G2, P2]))
    A(Case("v1_baseline_ok", cmd="v1", code=0, state="inactive", requests=[P1, GU]))
    return c


# ------------------------------------------------------------ running one case
class Result:
    def __init__(self, case, variant):
        self.case, self.variant = case, variant
        self.rc, self.out, self.err, self.secs = None, "", "", 0.0
        self.problems, self.waiting, self.skipped = [], [], None
        self.argv = []

    @property
    def name(self):
        return self.case.name if self.variant == "plain" else "%s_%s" % (self.variant, self.case.name)


def token_source(i):
    return ("flag", "env", "configs")[i % 3]


def build_command(case, host, source, cfgdir, debug, binary=BIN):
    has_timeout, has_retries = features(binary)
    verb = {"auth": ["auth", "inactive"], "v1": ["v1", "auth", "set-inactive"],
            "v1user": ["v1", "auth", "set-inactive"]}[case.cmd]
    sel = ["--username", "myv1user"] if case.cmd == "v1user" else ["--id", case.target]
    env = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(TMP, "nohome"),
           "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs")}
    argv = verb + sel
    if source == "configs":
        path = os.path.join(cfgdir, "configs")
        with open(path, "w") as f:
            f.write('[fault]\n  url = "%s"\n  token = "%s"\n  org = "myorg"\n  active = true\n' % (host, case.token))
        os.chmod(path, 0o600)
        argv += ["--configs-path", path]
    elif source == "env":
        env["INFLUX_HOST"] = host
        env["INFLUX_TOKEN"] = case.token
    else:
        argv += ["--host", host, "-t", case.token]
    waiting = []
    if case.timeout is not None:
        if has_timeout:
            argv += ["--timeout", case.timeout]
        else:
            waiting.append("--timeout")
    if case.retries is not None:
        if has_retries:
            argv += ["--retries", str(case.retries)]
        else:
            waiting.append("--retries")
    if debug:
        argv.append("--http-debug")
    return argv, env, waiting


NETNS_GUARD = ('set -e; ifs=$(tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d " " | tr "\\n" " "); '
               '[ "$ifs" = "lo " ] || { echo "netns guard: interfaces [$ifs]" >&2; exit 97; }; exec "$@"')


def have_unshare():
    if shutil.which("unshare") is None:
        return False
    try:
        p = subprocess.run(["unshare", "-n", "sh", "-c", NETNS_GUARD, "sh", "true"], capture_output=True, timeout=10)
        return p.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


UNSHARE_OK = have_unshare()


def run_case(case, index, variant, binary, pool, env_extra=None, margin=MARGIN):
    r = Result(case, variant)
    debug = variant == "debug"
    if debug and not case.debug:
        r.skipped = "not run with --http-debug"
        return r
    cleanup = []
    double = None
    recorder = None
    try:
        prefix = []
        if case.server == "double":
            double = pool.q.get()
            cleanup.append(lambda: pool.q.put(double))
            faults = [dict(f) for f in case.faults]
            if case.redirect:
                recorder = RawServer()
                cleanup.append(recorder.stop)
                for f in faults:
                    if f.get("location") == "{redirect}":
                        f["location"] = recorder.url + "/api/v2/authorizations/" + ID
            double.reset(faults)
            host = double.url
        elif case.server == "closed":
            s, port = closed_port()
            cleanup.append(s.close)
            host = "http://127.0.0.1:%d" % port
        elif case.server == "dns":
            if not UNSHARE_OK:
                r.skipped = "unshare -n is not available"
                return r
            host = "http://nohost.invalid:8086"
            prefix = ["unshare", "-n", "sh", "-c", NETNS_GUARD, "sh"]
        elif case.server.startswith("raw:"):
            kind = case.server[4:]
            srv = RawServer(accept=False) if kind == "noaccept" else RawServer(RAW_HANDLERS[kind])
            cleanup.append(srv.stop)
            host = srv.url
        else:
            raise AssertionError(case.server)
        cfgdir = tempfile.mkdtemp(dir=TMP)
        argv, env, waiting = build_command(case, host, token_source(index), cfgdir, debug, binary)
        if env_extra:
            env.update(env_extra)
        r.waiting = waiting
        r.argv = argv
        deadline = case.deadline if not waiting else DEFAULT_DEADLINE
        t0 = time.monotonic()
        try:
            p = subprocess.run(prefix + [binary] + argv, env=env, capture_output=True, timeout=deadline + 20)
            r.rc = p.returncode
            r.out, r.err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
            r.raw_out, r.raw_err = p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            r.rc = None
            r.out = (e.stdout or b"").decode("utf-8", "replace")
            r.err = (e.stderr or b"").decode("utf-8", "replace")
            r.raw_out, r.raw_err = e.stdout or b"", e.stderr or b""
            r.problems.append("hung: killed after %.0f s" % (deadline + 20))
        r.secs = time.monotonic() - t0
        r.limit = deadline + margin
        check_result(r, double, recorder, debug)
    except Exception as e:  # noqa: BLE001 - reported as a FAIL line
        r.problems.append("harness: %s: %s" % (type(e).__name__, e))
    finally:
        for f in reversed(cleanup):
            try:
                f()
            except Exception:  # noqa: BLE001
                pass
    return r


def check_result(r, double, recorder, debug):
    case = r.case
    p = r.problems
    if r.rc is not None and (r.rc < 0 or r.rc >= 128):
        p.append("crash: exit %d (signal %d)" % (r.rc, -r.rc if r.rc < 0 else r.rc - 128))
    if r.rc is not None and r.rc not in case.allow_codes:
        p.append("exit %s, expected %s" % (r.rc, case.code))
    if r.secs > r.limit:
        p.append("took %.2f s, limit %.1f s" % (r.secs, r.limit))
    found = leaks(r.raw_out + r.raw_err, (SECRET, OP_TOKEN))
    if found:
        p.append("TOKEN LEAK: %r printed" % found[:3])
    if not debug:
        lines = r.err.split("\n")
        if case.code == 0:
            if r.err != "":
                p.append("stderr not empty on success: %r" % r.err[:200])
            want = ID if case.target == ID else case.target
            if r.rc == 0 and (len(r.out.splitlines()) != 2 or not r.out.splitlines()[1].startswith(want)):
                p.append("stdout is not the one-row table: %r" % r.out[:200])
        else:
            if r.out != "":
                p.append("stdout not empty on failure: %r" % r.out[:200])
            if len(lines) != 2 or lines[1] != "":
                p.append("stderr is not exactly one line: %r" % r.err[:300])
            if not r.err.startswith("Error: "):
                p.append("stderr does not start with 'Error: ': %r" % r.err[:200])
            if case.err is not None and not re.fullmatch(case.err, lines[0]):
                p.append("stderr %r does not match %r" % (lines[0][:300], case.err))
    else:
        if r.rc == 0 and r.out.count("\n") != 2:
            p.append("stdout on success with --http-debug is not the table: %r" % r.out[:200])
        if r.rc not in (0, None) and r.out != "":
            p.append("stdout not empty on failure: %r" % r.out[:200])
        # (that the error starts its own line after a dump is tests/fault/test_secrecy.py's
        # http_debug_error_starts_its_own_line)
        if case.code != 0 and not re.search(r"Error: [^\n]*\n\Z", r.err):
            p.append("stderr does not end with the error line: %r" % r.err[-200:])
    if "Sanitizer" in r.err or "runtime error:" in r.err:
        p.append("sanitizer report: %r" % r.err[r.err.find("=="):][:400])
    if double is not None:
        # the CLI has exited; let the double finish logging the last request
        log = double.log()
        if case.request_logs is not None:
            got = [(e.get("method"), e.get("path")) for e in log]
            if got not in case.request_logs:
                p.append("double saw %r, expected %s" % (got, " or ".join(map(repr, case.request_logs))))
        for e in log:
            hdr = e.get("token_header")
            if hdr is not None and hdr != "Token " + case.token:
                p.append("Authorization header sent as %r" % hdr)
        if case.state is not None:
            table = "authorizations" if case.cmd == "auth" else "legacy"
            rec = double.state(table, case.target)
            st = rec.get("status") if rec else None
            if st != case.state:
                p.append("server state %r, expected %r" % (st, case.state))
            if r.rc == 0 and st != "inactive":
                p.append("CLI said success but the server holds %r" % st)
    if recorder is not None:
        time.sleep(0.05)
        if recorder.connections:
            p.append("REDIRECT FOLLOWED: %d connection(s) to the redirect target" % recorder.connections)
        if leaks(bytes(recorder.received), (SECRET, OP_TOKEN)):
            p.append("TOKEN SENT to the redirect target")


def run_matrix(variants, binary=BIN, workers=None, env_extra=None, margin=MARGIN):
    """[(case, variant)] -> results in table order."""
    all_cases = cases()
    jobs = [(c, i, v) for v in variants for i, c in enumerate(all_cases)]
    if workers is None:      # the slow cases all at once: the suite lasts as long as the slowest
        slow = sum(1 for c, _, _ in jobs if c.timeout is not None or c.deadline > 1.0)
        workers = max(8, min(24, slow + 4))
    # a double costs ~0.5 s of CPU to start: fewer doubles than threads (raw-server cases need none)
    pool = DoublePool(min(8, workers, len(jobs)))
    try:
        # the slow ones first, so that the pool drains evenly
        has_timeout = features(binary)[0]
        order = sorted(range(len(jobs)), key=lambda k: -(jobs[k][0].deadline if jobs[k][0].timeout is None or has_timeout
                                                         else DEFAULT_DEADLINE))
        results = [None] * len(jobs)
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as ex:
            futs = {ex.submit(run_case, jobs[k][0], jobs[k][1], jobs[k][2], binary, pool, env_extra, margin): k for k in order}
            for f in concurrent.futures.as_completed(futs):
                results[futs[f]] = f.result()
        return results
    finally:
        pool.stop()


def report(results, title):
    """PASS/FAIL/SKIP lines, then the markdown table prefixed with '# '. Returns the failure count."""
    failed = 0
    for r in results:
        wait = " (waiting for %s: ran with the default %.0f s deadline)" % (" and ".join(r.waiting), DEFAULT_DEADLINE) \
            if r.waiting else ""
        if r.skipped:
            print("SKIP %s: %s" % (r.name, r.skipped), flush=True)
        elif r.problems:
            failed += 1
            print("FAIL %s: %s%s" % (r.name, "; ".join(r.problems)[:900], wait), flush=True)
        else:
            print("PASS %s%s" % (r.name, wait), flush=True)
    print("#")
    print("# %s" % title)
    print("#")
    print("# | case | exit | seconds | stderr line | verdict |")
    print("# |---|---|---|---|---|")
    for r in results:
        if r.skipped:
            print("# | %s | - | - | (skipped: %s) | SKIP |" % (r.name, r.skipped))
            continue
        line = r.err.rstrip("\n").split("\n")[-1] if r.err else ""
        if len(line) > 160:
            line = line[:157] + "..."
        verdict = "FAIL" if r.problems else "ok"
        if r.waiting:
            verdict += " (waiting: %s)" % ", ".join(r.waiting)
        print("# | %s | %s | %.2f | %s | %s |" % (r.name, r.rc, r.secs, line.replace("|", "\\|") or "(empty)",
                                                  verdict))
    sys.stdout.flush()
    return failed
