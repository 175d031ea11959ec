#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of tests/server/influxd_double.py: answers byte for byte where the spec gives bytes
(../shared/research/influxdb-server-spec.md), check order, state, framing, faults, TLS, exit.
Servers run as subprocesses on 127.0.0.1 with --port 0 --port-file and are always killed."""
import base64
import email.utils
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import suite  # noqa: E402

DOUBLE = double.DOUBLE_PY
OP = "op-token-for-tests"
DEVICE, DEVICE_ID = "device-token-0042", "0d2a3c5b7e8f9000"
BUCKETONLY, BUCKETONLY_ID = "bucket-only-token", "0d2a3c5b7e8f9001"
AUTH_ID, ORG, UID = "06c86c40a9f36000", "0a1b2c3d4e5f6071", "0b1c2d3e4f506172"
CLI_PATCH_BODY = b'16\r\n{"status":"inactive"}\n\r\n0\r\n\r\n'
COMPACT_401 = b'{"code":"unauthorized","message":"unauthorized access"}'
TMP = suite.tmpdir("influxd-double-test-")


def start(max_seconds, *extra, **kw):
    """A double (tests/lib/double.py) with these influxd_double.py flags: (its process, its port)."""
    d = double.Double(max_seconds=max_seconds, extra=extra, **kw)
    return d.proc, d.port


def req(method, path, token=None, body=None, headers=(), chunked=False, proto="HTTP/1.1", host=True):
    lines = ["%s %s %s" % (method, path, proto)]
    if host:
        lines.append("Host: 127.0.0.1")
    if token is not None:
        lines.append("Authorization: Token " + token)
    lines += list(headers)
    payload = b""
    if body is not None:
        body = body if isinstance(body, bytes) else json.dumps(body).encode()
        if chunked:
            lines.append("Transfer-Encoding: chunked")
            payload = (b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)) if body else b"0\r\n\r\n"
        else:
            lines.append("Content-Length: %d" % len(body))
            payload = body
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


class Resp:
    def __init__(self, status_line, headers, body, head_raw, chunks):
        self.status_line, self.headers, self.body, self.head_raw, self.chunks = \
            status_line, headers, body, head_raw, chunks
        self.status = int(status_line.split(" ")[1]) if status_line.startswith("HTTP/1.") else 0

    def h(self, name):
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def json(self):
        return json.loads(self.body)


class Client:
    def __init__(self, port, timeout=5.0, tls=None):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        if tls is not None:
            self.s = tls.wrap_socket(self.s, server_hostname="127.0.0.1")
        self.buf = b""

    def close(self):
        self.s.close()

    def fill(self):
        d = self.s.recv(65536)
        if not d:
            raise EOFError("server closed")
        self.buf += d

    def read_until_eof(self):
        try:
            while True:
                self.fill()
        except EOFError:
            pass
        out, self.buf = self.buf, b""
        return out

    def line(self):
        while b"\r\n" not in self.buf:
            self.fill()
        ln, self.buf = self.buf.split(b"\r\n", 1)
        return ln

    def exact(self, n):
        while len(self.buf) < n:
            self.fill()
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def response(self, skip_1xx=True):
        while b"\r\n\r\n" not in self.buf:
            self.fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        headers = [tuple(x.split(": ", 1)) for x in lines[1:]]
        r = Resp(lines[0], headers, b"", head, [])
        if skip_1xx and 100 <= r.status < 200:
            return self.response()
        if r.status in (204, 304) or 100 <= r.status < 200:
            return r
        if (r.h("Transfer-Encoding") or "").lower() == "chunked":
            while True:
                size_line = self.line()
                n = int(size_line.split(b";")[0], 16)
                r.chunks.append(size_line)
                if n == 0:
                    while self.line():
                        pass
                    return r
                r.body += self.exact(n)
                check.eq(self.exact(2), b"\r\n", "chunk end")
        if r.h("Content-Length") is not None:
            r.body = self.exact(int(r.h("Content-Length")))
        else:
            r.body = self.read_until_eof()
        return r

    def do(self, *args, **kw):
        self.s.sendall(req(*args, **kw))
        return self.response()


def call(port, *args, **kw):
    c = Client(port)
    try:
        return c.do(*args, **kw)
    finally:
        c.close()


def control(port, method, path, body=None):
    return call(port, method, "/_double/" + path, body=body).json()


def pretty_error(code, message):
    return ('{\n\t"code": %s,\n\t"message": %s\n}' % (json.dumps(code), json.dumps(message))).encode()


def expect_error(r, status, code, message, pretty=True):
    check.eq(r.status, status, "status of %r" % r.body)
    check.eq(r.body, pretty_error(code, message) if pretty else
             json.dumps({"code": code, "message": message}, separators=(",", ":")).encode(), "error body")
    check.eq(r.h("X-Platform-Error-Code"), code, "X-Platform-Error-Code")
    check.eq(r.h("Content-Length"), str(len(r.body)), "Content-Length")


# The a02 capture's record, pretty-printed the way influxd does it (tabs, no trailing newline).
SEED_GET = "\n".join([
    '{', '\t"id": "06c86c40a9f36000",', '\t"token": "tok_abcdefghijklmnopqrstuvwxyz0123456789==",',
    '\t"status": "active",', '\t"description": "my token",', '\t"orgID": "0a1b2c3d4e5f6071",',
    '\t"org": "myorg",', '\t"userID": "0b1c2d3e4f506172",', '\t"user": "myuser",', '\t"permissions": [',
    '\t\t{', '\t\t\t"action": "read",', '\t\t\t"resource": {', '\t\t\t\t"type": "buckets",',
    '\t\t\t\t"orgID": "0a1b2c3d4e5f6071",', '\t\t\t\t"org": "myorg"', '\t\t\t}', '\t\t},',
    '\t\t{', '\t\t\t"action": "write",', '\t\t\t"resource": {', '\t\t\t\t"type": "buckets",',
    '\t\t\t\t"id": "0c1d2e3f40516273",', '\t\t\t\t"orgID": "0a1b2c3d4e5f6071",', '\t\t\t\t"name": "mybucket",',
    '\t\t\t\t"org": "myorg"', '\t\t\t}', '\t\t}', '\t],', '\t"links": {',
    '\t\t"self": "/api/v2/authorizations/06c86c40a9f36000",', '\t\t"user": "/api/v2/users/0b1c2d3e4f506172"',
    '\t},', '\t"createdAt": "2024-01-02T03:04:05.123456789Z",', '\t"updatedAt": "2024-01-02T03:04:06.987654321Z"',
    '}']).encode()

PORT = None


def reset():
    control(PORT, "POST", "reset")


# ---------------------------------------------------------------- tests
def test_seed_get_bytes_and_headers():
    reset()
    r = call(PORT, "GET", "/api/v2/authorizations/" + AUTH_ID, OP)
    check.eq(r.status_line, "HTTP/1.1 200 OK", "status line")
    check.eq(r.body, SEED_GET, "body")
    check.eq([k for k, _ in r.headers],
             ["Content-Type", "X-Influxdb-Build", "X-Influxdb-Version", "Date", "Content-Length"], "header order")
    check.eq(r.h("Content-Type"), "application/json; charset=utf-8", "Content-Type")
    check.eq((r.h("X-Influxdb-Build"), r.h("X-Influxdb-Version")), ("OSS", "v2.7.12"), "build headers")
    check.eq(r.h("Date").endswith(" GMT"), True, "Date")
    check.eq(r.h("Content-Length"), str(len(SEED_GET)), "Content-Length")


def test_auth_401_compact_55_bytes_first():
    for hdrs, path in (([], "/api/v2/authorizations/" + AUTH_ID), (["Authorization: Basic eDp5"], "/api/v2/me"),
                       (["Authorization: Token nope"], "/api/v2/authorizations/abc"),
                       ([], "/api/v2/no/such/path"), ([], "/private/legacy/authorizations?token=myv1user")):
        r = call(PORT, "GET", path, headers=hdrs)
        expect_error(r, 401, "unauthorized", "unauthorized access", pretty=False)
        check.eq(r.body, COMPACT_401, "compact body")
        check.eq(len(r.body), 55, "55 bytes")
        check.eq(r.status_line, "HTTP/1.1 401 Unauthorized", "reason phrase")
    r = call(PORT, "GET", "/api/v2/me", headers=["Authorization: bearer " + OP])
    check.eq(r.status, 200, "Bearer scheme, any case")


def test_check_order():
    reset()
    p = "/api/v2/authorizations/"
    expect_error(call(PORT, "PATCH", p + "abc", OP, b"x"), 400, "invalid", "id must have a length of 16 bytes")
    expect_error(call(PORT, "PATCH", p + "zzzzzzzzzzzzzzzz", OP, b"x"), 400, "invalid", "invalid ID")
    expect_error(call(PORT, "GET", p + "0000000000000000", OP), 400, "invalid", "invalid ID")
    expect_error(call(PORT, "PATCH", p + "ffffffffffffffff", OP, b"x"), 500, "internal error",
                 "invalid character 'x' looking for beginning of value")
    expect_error(call(PORT, "PATCH", p + "FFFFFFFFFFFFFFFF", OP, {"status": "inactive"}), 404, "not found",
                 "authorization not found")
    expect_error(call(PORT, "PATCH", p + "ffffffffffffffff", BUCKETONLY, {"status": "inactive"}), 404,
                 "not found", "authorization not found")
    expect_error(call(PORT, "PATCH", p + AUTH_ID, BUCKETONLY, {"status": "bogus"}), 401, "unauthorized",
                 "read:orgs/%s/authorizations/%s is unauthorized" % (ORG, AUTH_ID))
    expect_error(call(PORT, "PATCH", p + AUTH_ID, OP, {"status": "INACTIVE"}), 400, "invalid",
                 "unknown authorization status")
    check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"], "active", "unchanged")


def test_go_json_decode_errors():
    reset()
    path = "/api/v2/authorizations/" + AUTH_ID
    cases = [(b"", "EOF"), (b" \n ", "EOF"), (b'{"status":"inac', "unexpected EOF"), (b"{", "unexpected EOF"),
             (b"nope", "invalid character 'o' in literal null (expecting 'u')"),
             (b"[]", "json: cannot unmarshal array into Go value of type influxdb.AuthorizationUpdate"),
             (b'{"status":1}', "json: cannot unmarshal number into Go struct field AuthorizationUpdate.status "
                               "of type influxdb.Status"),
             (b'{"description":true}', "json: cannot unmarshal bool into Go struct field "
                                       "AuthorizationUpdate.description of type string"),
             (b"{status:1}", "invalid character 's' looking for beginning of object key string"),
             (b'{"status" "x"}', "invalid character '\"' after object key"),
             (b'{"a":1 "b":2}', "invalid character '\"' after object key:value pair"),
             (b'{"a":[1 2]}', "invalid character '2' after array element"),
             (b'{"a":"\\q"}', "invalid character 'q' in string escape code"),
             (b'{"a":-x}', "invalid character 'x' in numeric literal")]
    for body, msg in cases:
        expect_error(call(PORT, "PATCH", path, OP, body), 500, "internal error", msg)
    check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"], "active", "nothing applied")


def test_patch_semantics_and_idempotence():
    reset()
    path = "/api/v2/authorizations/" + AUTH_ID
    state = lambda: control(PORT, "GET", "state/authorizations/" + AUTH_ID)  # noqa: E731
    r = call(PORT, "PATCH", path, OP, CLI_PATCH_BODY[4:26], chunked=True)   # CLI: chunked, trailing \n
    check.eq(r.json()["status"], "inactive", "inactivated")
    first = r.json()["updatedAt"]
    check.eq(first > "2024-01-02T03:04:06.987654321Z", True, "updatedAt bumped")
    r = call(PORT, "PATCH", path, OP, b'{"STATUS":"inactive"} trailing junk')
    check.eq((r.status, r.json()["status"]), (200, "inactive"), "idempotent, case-insensitive key")
    check.eq(r.json()["updatedAt"] > first, True, "bumped again")
    call(PORT, "PATCH", path, OP, {"status": ""})
    check.eq(state()["status"], "active", "empty status means active")
    call(PORT, "PATCH", path, OP, {"description": "x", "token": "hacked", "status": None})
    check.eq((state()["description"], state()["token"], state()["status"]), ("x", AUTH_TOKEN_SEED, "active"),
             "description only")
    r = call(PORT, "PATCH", path, OP, b"null")
    check.eq(r.status, 200, "null body")


AUTH_TOKEN_SEED = "tok_abcdefghijklmnopqrstuvwxyz0123456789=="


def test_self_inactivation_same_connection():
    reset()
    c = Client(PORT)
    try:
        raw = (b"PATCH /api/v2/authorizations/%s HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: influx/v2.8.0\r\n"
               b"Transfer-Encoding: chunked\r\nAccept: application/json\r\nAuthorization: Token %s\r\n"
               b"Content-Type: application/json\r\nAccept-Encoding: gzip\r\n\r\n" % (DEVICE_ID.encode(),
                                                                                       DEVICE.encode()))
        c.s.sendall(raw + CLI_PATCH_BODY)
        r = c.response()
        check.eq((r.status, r.json()["status"], r.json()["description"]), (200, "inactive", "device-0042"), "self")
        check.eq(len(r.json()["permissions"]), 5, "5 permissions")
        check.eq(r.json()["permissions"][2]["resource"],
                 {"type": "users", "id": UID, "name": "myuser"}, "users/<uid> resource named")
        expect_error(c.do("GET", "/api/v2/me", DEVICE), 401, "unauthorized", "token is inactive")
        expect_error(c.do("PATCH", "/api/v2/authorizations/" + DEVICE_ID, DEVICE, {"status": "active"}), 401,
                     "unauthorized", "token is inactive")
        expect_error(c.do("GET", "/api/v2/authorizations/ffffffffffffffff", DEVICE), 404, "not found",
                     "authorization not found")
        r = c.do("GET", "/api/v2/authorizations", DEVICE)
        check.eq(r.json(), {"links": {"self": "/api/v2/authorizations"}, "authorizations": []}, "empty list")
        expect_error(c.do("POST", "/api/v2/write?org=myorg&bucket=mybucket", DEVICE, b"m f=1"), 403, "forbidden",
                     "insufficient permissions for write: token is inactive", pretty=False)
    finally:
        c.close()
    log = control(PORT, "GET", "log")
    check.eq(log[0]["raw"].encode("latin-1"), raw + CLI_PATCH_BODY, "raw request logged")
    check.eq(log[0]["token_header"], "Token " + DEVICE, "token header logged")


def test_bucket_only_token_refused():
    reset()
    expect_error(call(PORT, "PATCH", "/api/v2/authorizations/" + BUCKETONLY_ID, BUCKETONLY,
                      {"status": "inactive"}), 401, "unauthorized",
                 "read:orgs/%s/authorizations/%s is unauthorized" % (ORG, BUCKETONLY_ID))
    expect_error(call(PORT, "GET", "/api/v2/users/" + UID, BUCKETONLY), 401, "unauthorized",
                 "read:users/%s is unauthorized" % UID)
    r = call(PORT, "GET", "/private/legacy/authorizations?token=myv1user", BUCKETONLY)
    check.eq(r.json()["authorizations"], [], "filtered legacy list")
    check.eq(control(PORT, "GET", "state/authorizations/" + BUCKETONLY_ID)["status"], "active", "unchanged")


def test_legacy_lookup_patch_and_users():
    reset()
    r = call(PORT, "GET", "/private/legacy/authorizations?token=myv1user", OP)
    j = r.json()
    check.eq((r.status, j["links"], len(j["authorizations"])),
             (200, {"self": "/private/legacy/authorizations"}, 1), "lookup")
    check.eq((j["authorizations"][0]["id"], j["authorizations"][0]["token"]), (AUTH_ID, "myv1user"), "record")
    expect_error(call(PORT, "GET", "/private/legacy/authorizations?token=nobody", OP), 404, "not found",
                 "authorization not found")
    expect_error(call(PORT, "GET", "/private/legacy/authorizations?id=bad", OP), 400, "invalid",
                 "id must have a length of 16 bytes")
    r = call(PORT, "PATCH", "/private/legacy/authorizations/" + AUTH_ID, OP, CLI_PATCH_BODY[4:26], chunked=True)
    check.eq((r.json()["status"], r.json()["links"]["self"]),
             ("inactive", "/private/legacy/authorizations/" + AUTH_ID), "legacy PATCH")
    check.eq(control(PORT, "GET", "state/legacy/" + AUTH_ID)["status"], "inactive", "legacy state")
    check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"], "active", "v2 store separate")
    expect_error(call(PORT, "PATCH", "/private/legacy/authorizations/" + AUTH_ID, OP, {"status": "x"}), 400,
                 "invalid", "unknown authorization status")
    r = call(PORT, "GET", "/api/v2/users/" + UID, OP)
    check.eq(r.body, ('{\n\t"links": {\n\t\t"self": "/api/v2/users/%s"\n\t},\n\t"id": "%s",\n\t"name": "myuser",'
                      '\n\t"status": "active"\n}' % (UID, UID)).encode(), "user body")
    expect_error(call(PORT, "GET", "/api/v2/users/ffffffffffffffff", OP), 404, "not found", "user not found")
    check.eq(call(PORT, "GET", "/api/v2/me", DEVICE).json()["name"], "myuser", "/me")


def test_unknown_paths_and_methods():
    expect_error(call(PORT, "GET", "/api/v2/buckets", OP), 404, "not found", "path not found")
    expect_error(call(PORT, "GET", "/private/nothing", OP), 404, "not found", "path not found")
    r = call(PORT, "PUT", "/api/v2/authorizations/" + AUTH_ID, OP, {})
    check.eq((r.status, r.body, r.h("Content-Length")), (405, b"", "0"), "405 empty")
    r = call(PORT, "GET", "/v1/nothing", OP)
    expect_error(r, 404, "not found", "path not found")
    expect_error(call(PORT, "GET", "/v1/nothing"), 401, "unauthorized", "unauthorized access", pretty=False)


# A client configured with a path prefix that a reverse proxy passes on unstripped
# reaches influxd outside its API: the UI's index.html, 200 for any method
# (influxd_ui.py; http/platform_handler.go, static/static.go; audit row 6).
INDEX_HEADERS = ["Accept-Ranges", "Cache-Control", "Content-Length", "Content-Type", "Etag", "Last-Modified",
                 "X-Influxdb-Build", "X-Influxdb-Version", "Date"]


def test_index_html_outside_the_api():
    reset()
    for method, path in (("GET", "/"), ("GET", "/nothing"), ("PATCH", "/influx/api/v2/authorizations/" + AUTH_ID),
                         ("GET", "/orgs/0a1b2c3d4e5f6071/load-data/tokens")):
        r = call(PORT, method, path, OP, body={"status": "inactive"} if method == "PATCH" else None)
        check.eq((r.status_line, r.h("Content-Type"), r.body.startswith(b"<!DOCTYPE html>")),
                 ("HTTP/1.1 200 OK", "text/html; charset=utf-8", True), "%s %s: index.html" % (method, path))
        check.eq([k for k, _ in r.headers], INDEX_HEADERS, "ServeContent's headers, sorted as Go writes them")
        check.eq((r.h("Cache-Control"), r.h("Accept-Ranges"), r.h("Content-Length")),
                 ("public, max-age=3600", "bytes", str(len(r.body))), "cache and length")
        check.eq(re.fullmatch(r'"%d\d{2,8}"' % len(r.body), r.h("Etag")) is not None, True, "ETag: size + time")
    check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"], "active", "a PATCH there changes nothing")
    c = Client(PORT)
    c.s.sendall(req("HEAD", "/anything", headers=["Connection: close"]))
    head = c.read_until_eof()
    c.close()
    check.eq((head.startswith(b"HTTP/1.1 200 OK\r\n"), head.endswith(b"\r\n\r\n"), b"Content-Length: 185" in head),
             (True, True, True), "HEAD: the headers, ServeContent's length, no body")
    for path in ("/ping", "/health"):
        check.eq(call(PORT, "GET", path).status in (200, 204), True, "%s is not the UI" % path)
    with double.Double(max_seconds=30, extra=["--ui-disabled"]) as d:
        r = call(d.port, "GET", "/nothing")
        check.eq((r.status, r.body, r.h("Content-Type")), (404, b"404 page not found\n", "text/plain; charset=utf-8"),
                 "--ui-disabled: Go's 404")


# ---------------------------------------------------------------- sign-in and sessions
# influxd_session.py; session/http_server.go, http/authentication_middleware.go (audit rows 1-4)
PASSWORD, SENSOR_UID, SENSOR_PASSWORD = "myuser-password-for-tests", "0b1c2d3e4f506173", "sensor-password-for-tests"
SENSOR_AUTH_ID, ALLACCESS, ALLACCESS_ID = "0d2a3c5b7e8f9003", "all-access-token-for-tests", "0d2a3c5b7e8f9002"
SET_COOKIE = re.compile(r"influxdb-oss-session=([A-Za-z0-9_-]{86}==); Path=/api/; "
                        r"Expires=(\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT); HttpOnly(; Secure)?; SameSite=Strict")


def basic(user, password):
    raw = user.encode() + b":" + (password if isinstance(password, bytes) else password.encode())
    return "Authorization: Basic " + base64.b64encode(raw).decode()


def signin(port, user="myuser", password=PASSWORD, tls=None):
    """(the answer, the session key or None)."""
    c = Client(port, tls=tls)
    try:
        r = c.do("POST", "/api/v2/signin", headers=[basic(user, password)])
    finally:
        c.close()
    m = SET_COOKIE.fullmatch(r.h("Set-Cookie") or "")
    return r, m.group(1) if m else None


def with_cookie(port, method, path, key, headers=(), body=None):
    return call(port, method, path, headers=["Cookie: influxdb-oss-session=" + key] + list(headers), body=body)


def test_signin_204_and_cookie():
    reset()
    r, key = signin(PORT)
    check.eq((r.status_line, r.body), ("HTTP/1.1 204 No Content", b""), "204, no body")
    check.eq([k for k, _ in r.headers], ["Set-Cookie", "X-Influxdb-Build", "X-Influxdb-Version", "Date"],
             "header order, no Content-Length")
    m = SET_COOKIE.fullmatch(r.h("Set-Cookie"))
    check.eq((m is not None, m and m.group(3)), (True, None), "cookie attributes (no Secure over plain HTTP)")
    expires = email.utils.parsedate_to_datetime(m.group(2)).timestamp()
    check.eq(abs(expires - (time.time() + 3600)) < 120, True, "expires in 60 minutes")
    sessions = control(PORT, "GET", "sessions")
    check.eq([(x["key"], x["userID"]) for x in sessions], [(key, UID)], "one session, myuser's")
    r, key2 = signin(PORT, "myuser", PASSWORD)
    check.eq((r.status, key2 != key, len(key2)), (204, True, 88), "a new session each time, 88 characters")
    c = Client(PORT)
    r = c.do("POST", "/api/v2/signin", headers=["Authorization: bAsIc " + basic("myuser", PASSWORD).split()[-1]])
    c.close()
    check.eq(r.status, 204, "the Basic scheme in any case")


def test_signin_refusals():
    reset()
    control(PORT, "POST", "state/users/" + SENSOR_UID, {"password": "short"})
    for hdrs, why in (([], "no credentials"), (["Authorization: Token " + OP], "a token"),
                      (["Authorization: Basic !!!!"], "not base64"),
                      (["Authorization: Basic " + base64.b64encode(b"myuser").decode()], "no colon"),
                      ([basic("nobody", PASSWORD)], "unknown user"), ([basic("myuser", "wrong-password")], "wrong"),
                      ([basic("myuser", PASSWORD + "x")], "longer"), ([basic("MyUser", PASSWORD)], "name case")):
        r = call(PORT, "POST", "/api/v2/signin", headers=hdrs)
        expect_error(r, 401, "unauthorized", "unauthorized access")
        check.eq((len(r.body), r.h("Set-Cookie")), (62, None), "pretty 62 bytes, no cookie: " + why)
    expect_error(call(PORT, "POST", "/api/v2/signin", headers=[basic("sensor", "short")]), 403, "forbidden",
                 "password change required\npasswords must be between 8 and 72 characters long")
    expect_error(call(PORT, "GET", "/api/v2/signin"), 401, "unauthorized", "unauthorized access", pretty=False)
    check.eq(control(PORT, "GET", "sessions"), [], "no session made")
    reset()


def test_session_cookie_authenticates():
    reset()
    _, key = signin(PORT)
    path = "/api/v2/authorizations/" + AUTH_ID
    check.eq(with_cookie(PORT, "GET", path, key).body, SEED_GET, "the cookie authenticates")
    r = call(PORT, "GET", path, headers=["Cookie: a=b; influxdb-oss-session=\"%s\"; c=d" % key])
    check.eq(r.status, 200, "among other cookies, quoted")
    check.eq(with_cookie(PORT, "GET", path, key, [basic("x", "y")]).status, 200, "a Basic header does not count")
    expect_error(with_cookie(PORT, "GET", path, key, ["Authorization: Token nope"]), 401, "unauthorized",
                 "unauthorized access", pretty=False)
    expect_error(with_cookie(PORT, "GET", path, "A" * 86 + "=="), 401, "unauthorized", "unauthorized access",
                 pretty=False)
    r = with_cookie(PORT, "PATCH", "/private/legacy/authorizations/" + AUTH_ID, key, body={"status": "inactive"})
    check.eq((r.status, r.json()["status"]), (200, "inactive"), "any path takes the cookie (not only /api/)")
    control(PORT, "POST", "sessions/" + key, {"expiresIn": 10})
    with_cookie(PORT, "GET", "/api/v2/me", key)
    left = control(PORT, "GET", "sessions")[0]["expiresAt"] - time.time()
    check.eq(290 < left <= 300, True, "a use renews the session to now + 5 min (%.0f s)" % left)
    control(PORT, "POST", "sessions/" + key, {"expiresIn": 4000})
    with_cookie(PORT, "GET", "/api/v2/me", key)
    check.eq(control(PORT, "GET", "sessions")[0]["expiresAt"] - time.time() > 3900, True, "renewal never shortens")
    r = with_cookie(PORT, "POST", "/api/v2/signout", key)
    check.eq((r.status, r.body), (204, b""), "sign-out")
    expect_error(with_cookie(PORT, "GET", path, key), 401, "unauthorized", "unauthorized access", pretty=False)
    expect_error(with_cookie(PORT, "POST", "/api/v2/signout", key), 401, "unauthorized", "unauthorized access")
    _, key = signin(PORT)
    control(PORT, "POST", "sessions/" + key, {"expiresIn": 0})
    expect_error(with_cookie(PORT, "GET", path, key), 401, "unauthorized", "unauthorized access", pretty=False)
    check.eq(control(PORT, "GET", "sessions"), [], "an expired session is gone")
    reset()


def test_session_inactive_user_and_permissions():
    reset()
    control(PORT, "POST", "state/users/" + UID, {"status": "inactive"})
    r, key = signin(PORT)
    check.eq((r.status, key is not None), (204, True), "an inactive user still signs in")
    expect_error(with_cookie(PORT, "GET", "/api/v2/authorizations/" + AUTH_ID, key), 403, "forbidden",
                 "User is inactive", pretty=False)
    reset()
    _, key = signin(PORT, "sensor", SENSOR_PASSWORD)
    r = with_cookie(PORT, "GET", "/api/v2/authorizations/" + SENSOR_AUTH_ID, key)
    check.eq((r.status, r.json()["status"]), (200, "inactive"), "an inactive authorization's permissions count")
    expect_error(with_cookie(PORT, "GET", "/api/v2/authorizations/" + AUTH_ID, key), 401, "unauthorized",
                 "read:users/%s is unauthorized" % UID)
    r = with_cookie(PORT, "PATCH", "/api/v2/authorizations/" + SENSOR_AUTH_ID, key, body={"status": "active"})
    check.eq(r.json()["status"], "active", "and its write permissions")
    check.eq(with_cookie(PORT, "GET", "/api/v2/me", key).json()["name"], "sensor", "the user itself")
    _, key = signin(PORT)
    r = with_cookie(PORT, "PATCH", "/api/v2/authorizations/" + SENSOR_AUTH_ID, key, body={"status": "inactive"})
    check.eq(r.status, 200, "myuser's session has the operator token's permissions")
    reset()


def test_signin_secure_over_tls():
    cert, _ = tls_cert()
    with tls_double() as d:
        r, key = signin(d.port, tls=ssl.create_default_context(cafile=cert))
        check.eq((r.status, SET_COOKIE.fullmatch(r.h("Set-Cookie")).group(3)), (204, "; Secure"),
                 "Secure after HttpOnly over TLS")


def test_all_access_token_seeded():
    reset()
    r = call(PORT, "GET", "/api/v2/authorizations/" + ALLACCESS_ID, OP)
    perms = [(p["action"], p["resource"]) for p in r.json()["permissions"]]
    check.eq((r.status, r.h("Transfer-Encoding"), len(perms)), (200, "chunked", 43), "43 permissions, chunked")
    check.eq(perms[:2], [("read", {"type": "authorizations", "orgID": ORG, "org": "myorg"}),
                         ("write", {"type": "authorizations", "orgID": ORG, "org": "myorg"})], "org-scoped")
    check.eq([p for p in perms if p[1]["type"] in ("orgs", "users", "instance")],
             [("read", {"type": "orgs", "id": ORG, "name": "myorg"}),
              ("read", {"type": "users", "id": UID, "name": "myuser"}),
              ("write", {"type": "users", "id": UID, "name": "myuser"})], "its org, its user, no instance")
    r = call(PORT, "PATCH", "/api/v2/authorizations/" + AUTH_ID, ALLACCESS, {"status": "inactive"})
    check.eq(r.json()["status"], "inactive", "it inactivates its user's tokens")
    expect_error(call(PORT, "PATCH", "/api/v2/authorizations/" + SENSOR_AUTH_ID, ALLACCESS, {"status": "inactive"}),
                 401, "unauthorized", "read:users/%s is unauthorized" % SENSOR_UID)
    r = call(PORT, "PATCH", "/api/v2/authorizations/" + ALLACCESS_ID, ALLACCESS, {"status": "inactive"})
    check.eq(r.json()["status"], "inactive", "and itself")
    reset()


def test_lone_surrogates_become_ufffd():
    """encoding/json replaces what is not a character with U+FFFD: a lone surrogate
    escape, each byte of invalid UTF-8 (audit row 24: the double stored lone surrogates
    and then failed every answer that rendered them)."""
    reset()
    for raw, want in ((rb"a\ud800b", "a\ufffdb"), (rb"\ud83d\ude00", "\U0001f600"), (rb"\ud800\u0041", "\ufffdA"),
                      (rb"\udc00", "\ufffd"), (rb"\ud800\ud800", "\ufffd\ufffd"), (b"x\xffy", "x\ufffdy"),
                      (b"\xe2\x82", "\ufffd\ufffd"), (b"\xed\xa0\x80", "\ufffd" * 3), (rb"\n\t\/\"\\", "\n\t/\"\\")):
        body = b'{"description":"' + raw + b'"}'
        r = call(PORT, "PATCH", "/api/v2/authorizations/" + AUTH_ID, OP, body)
        check.eq((r.status, r.json()["description"]), (200, want), "PATCH %r" % raw)
        check.eq(call(PORT, "GET", "/api/v2/authorizations/" + AUTH_ID, OP).json()["description"], want, "GET after")
        check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["description"], want, "state after")
    reset()


def test_framing_by_size_and_create():
    reset()
    types = ["authorizations", "buckets", "dashboards", "orgs", "sources", "tasks", "telegrafs", "users",
             "variables", "scrapers", "secrets", "labels", "views", "documents", "notificationRules",
             "notificationEndpoints", "checks", "dbrp", "notebooks", "annotations", "remotes", "replications",
             "instance", "buckets", "users"]
    perms = [{"action": a, "resource": {"type": t, "orgID": ORG}} for t in types for a in ("read", "write")]
    check.eq(len(perms), 50, "50 permissions")
    r = call(PORT, "POST", "/api/v2/authorizations", OP, {"orgID": ORG, "description": "big", "permissions": perms})
    check.eq((r.status_line, r.h("Transfer-Encoding"), r.h("Content-Length")),
             ("HTTP/1.1 201 Created", "chunked", None), "chunked 201")
    check.eq(r.chunks, [b"%x" % len(r.body), b"0"], "one chunk + terminator")
    j = r.json()
    check.eq((len(j["token"]), j["token"].endswith("=="), len(j["id"]), j["status"]), (88, True, 16, "active"),
             "fresh token")
    r2 = call(PORT, "GET", "/api/v2/authorizations/" + j["id"], j["token"])
    check.eq((r2.status, r2.h("Transfer-Encoding"), len(r2.body) > 2048), (200, "chunked", True), "GET chunked")
    r3 = call(PORT, "GET", "/api/v2/authorizations/" + AUTH_ID, OP, proto="HTTP/1.0", host=False)
    check.eq(r3.h("Content-Length"), str(len(SEED_GET)), "small: Content-Length")
    c = Client(PORT)
    c.s.sendall(req("GET", "/api/v2/authorizations/" + j["id"], OP, proto="HTTP/1.0"))
    r4 = c.response()
    c.close()
    check.eq((r4.h("Content-Length"), r4.h("Transfer-Encoding"), r4.body == r2.body), (None, None, True),
             "HTTP/1.0: close-delimited")
    expect_error(call(PORT, "POST", "/api/v2/authorizations", OP, {"orgID": ORG, "permissions": []}), 400,
                 "invalid", "authorization must include permissions")
    expect_error(call(PORT, "POST", "/api/v2/authorizations", BUCKETONLY, {"orgID": ORG, "permissions": perms}),
                 401, "unauthorized", "write:orgs/%s/authorizations is unauthorized" % ORG)
    r = call(PORT, "POST", "/private/legacy/authorizations", OP,
             {"orgID": ORG, "userID": UID, "token": "sensor42",
              "permissions": [{"action": "write", "resource": {"type": "buckets", "orgID": ORG}}]})
    check.eq((r.status, r.json()["token"]), (201, "sensor42"), "legacy create")
    check.eq(len(call(PORT, "GET", "/private/legacy/authorizations?token=sensor42", OP).json()["authorizations"]),
             1, "legacy lookup of the new one")


def test_connection_close_and_keepalive():
    c = Client(PORT)
    try:
        for _ in range(3):
            check.eq(c.do("GET", "/api/v2/me", OP).status, 200, "keep-alive")
        r = c.do("GET", "/api/v2/me", OP, headers=["Connection: close"])
        check.eq((r.status, r.h("Connection")), (200, "close"), "Connection: close answered")
        check.eq(c.read_until_eof(), b"", "closed after")
    finally:
        c.close()


def test_expect_continue_and_inactive_user():
    reset()
    c = Client(PORT)
    try:
        body = b'{"status":"inactive"}'
        c.s.sendall(req("PATCH", "/api/v2/authorizations/" + AUTH_ID, OP,
                        headers=["Expect: 100-continue", "Content-Length: %d" % len(body)]))
        check.eq(c.line(), b"HTTP/1.1 100 Continue", "interim answer before the body")
        check.eq(c.line(), b"", "end of interim answer")
        c.s.sendall(body)
        check.eq(c.response().json()["status"], "inactive", "then the real answer")
    finally:
        c.close()
    control(PORT, "POST", "state/users/" + UID, {"status": "inactive"})
    expect_error(call(PORT, "GET", "/api/v2/me", OP), 403, "forbidden", "User is inactive", pretty=False)
    reset()


def test_go_plain_400s():
    for raw, expect in ((b"GARBAGE\r\n\r\n", b"400 Bad Request"),
                        (b"GET /api/v2/me HTTP/1.1\r\nAuthorization: Token x\r\n\r\n",
                         b"400 Bad Request: missing required Host header"),
                        (b"GET /x HTTP/1.1\r\nHost: a\r\nbad header line\r\n\r\n", b"400 Bad Request")):
        c = Client(PORT)
        c.s.sendall(raw)
        got = c.read_until_eof()
        c.close()
        check.eq(got, b"HTTP/1.1 " + expect + b"\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close"
                 b"\r\n\r\n" + expect, "plain 400")


def fault(mode, **params):
    control(PORT, "POST", "fault", dict(mode=mode, **params))


def raw_exchange(request, timeout=5.0, port=None):
    c = Client(port or PORT, timeout=timeout)
    c.s.sendall(request)
    data, err = b"", None
    try:
        while True:
            d = c.s.recv(65536)
            if not d:
                break
            data += d
    except (ConnectionResetError, socket.timeout) as e:
        err = e
    c.close()
    return data, err


GET_SEED = req("GET", "/api/v2/authorizations/" + AUTH_ID, OP, headers=["Connection: close"])


def test_faults_timing_and_silence():
    reset()
    check.eq(call(PORT, "POST", "/_double/fault", body={"mode": "nonsense"}).status, 400, "unknown mode")
    fault("delay", seconds=0.3)
    t = time.monotonic()
    check.eq(call(PORT, "GET", "/api/v2/me", OP).status, 200, "delayed answer")
    check.eq(time.monotonic() - t >= 0.3, True, "delay observed")
    fault("no_answer")
    data, err = raw_exchange(GET_SEED, timeout=0.5)
    check.eq((data, type(err)), (b"", socket.timeout), "no answer")
    fault("trickle", interval=0.002)
    c = Client(PORT)
    c.s.sendall(req("GET", "/api/v2/me", headers=["Connection: close"]))
    first = c.s.recv(1000)
    rest = c.read_until_eof()
    c.close()
    check.eq((len(first), (first + rest).endswith(COMPACT_401)), (1, True), "trickled byte by byte")
    fault("continue")
    data, _ = raw_exchange(GET_SEED)
    check.eq(data.startswith(b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\n"), True, "100 then 200")
    fault("delay", seconds=0, count=2)
    control(PORT, "GET", "log")                      # control requests do not consume faults
    for _ in range(2):
        call(PORT, "GET", "/api/v2/me", OP)
    check.eq([e["fault"] for e in control(PORT, "GET", "log")][-2:], ["delay", "delay"], "count=2 applied")


def test_faults_broken_framing():
    reset()
    fault("close_mid_headers")
    data, err = raw_exchange(GET_SEED)
    check.eq((data.startswith(b"HTTP/1.1 200"), b"\r\n\r\n" in data, err), (True, False, None), "FIN mid headers")
    for mode in ("reset_mid_headers", "reset_mid_body"):
        fault(mode)
        data, err = raw_exchange(GET_SEED)
        check.eq(type(err), ConnectionResetError, mode)
    fault("close_mid_body")
    data, err = raw_exchange(GET_SEED)
    head, _, body = data.partition(b"\r\n\r\n")
    check.eq((b"Content-Length: %d" % len(SEED_GET) in head, 0 < len(body) < len(SEED_GET), err),
             (True, True, None), "FIN mid body")
    fault("truncated_chunked")
    data, err = raw_exchange(GET_SEED)
    check.eq((b"Transfer-Encoding: chunked" in data, data.endswith(b"\r\n0\r\n\r\n"), SEED_GET in data),
             (True, False, True), "no terminating chunk")
    fault("garbage_status")
    check.eq(raw_exchange(GET_SEED)[0].startswith(b"HTTP/1.1 2OO OK\r\n"), True, "2OO")
    fault("garbage_status", variant="junk")
    check.eq(raw_exchange(GET_SEED)[0].startswith(b"\x00"), True, "junk")
    fault("http10")
    data, _ = raw_exchange(req("GET", "/api/v2/authorizations/" + AUTH_ID, OP))
    head, _, body = data.partition(b"\r\n\r\n")
    check.eq((head.startswith(b"HTTP/1.0 200 OK\r\n"), b"Content-Length" in head, b"chunked" in head, body),
             (True, False, False, SEED_GET), "HTTP/1.0 close-delimited")
    fault("close_mid_body")
    raw_exchange(req("PATCH", "/api/v2/authorizations/" + AUTH_ID, OP, {"status": "inactive"}))
    check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"], "inactive", "applied anyway")


def test_faults_big_and_replaced():
    reset()
    fault("huge_headers")
    c = Client(PORT)
    r = c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP)
    check.eq((len(r.head_raw) > 65536, r.body), (True, SEED_GET), "64 KiB headers")
    fault("huge_body")
    r = c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP)
    check.eq((r.h("Transfer-Encoding"), len(r.body) > 1 << 20, r.json()["id"]), ("chunked", True, AUTH_ID),
             "1 MiB body")
    fault("chunked", chunk_size=10)
    r = c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP)
    check.eq((r.body, len(r.chunks) > 50, r.chunks[0], r.h("Trailer")),
             (SEED_GET, True, b"a;ext=1", "X-Double-Trailer"), "many chunks")
    fault("status", status=503, body="down", content_type="text/plain")
    r = c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP)
    check.eq((r.status_line, r.body, r.h("Content-Type")), ("HTTP/1.1 503 Service Unavailable", b"down",
                                                           "text/plain"), "status")
    fault("headers", headers={"trace-sampled": "true", "trace-id": "0af7651916cd43dd"})
    r = c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP)
    check.eq((r.body, r.h("trace-sampled"), r.h("trace-id")), (SEED_GET, "true", "0af7651916cd43dd"),
             "the real answer with more headers")
    fault("redirect", location="http://127.0.0.1:1/elsewhere")
    r = c.do("PATCH", "/api/v2/authorizations/" + AUTH_ID, OP, {"status": "inactive"})
    check.eq((r.status, r.h("Location")), (307, "http://127.0.0.1:1/elsewhere"), "redirect")
    c.close()
    check.eq(control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"], "active", "redirect: no effect")
    fault("plain_500")
    check.eq(raw_exchange(GET_SEED)[0], b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; "
             b"charset=utf-8\r\nConnection: close\r\n\r\ninternal failure", "plain 500")
    fault("plain_400")
    check.eq(raw_exchange(GET_SEED)[0], b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
             b"Connection: close\r\n\r\n400 Bad Request", "plain 400")


def test_log_and_reset():
    reset()
    call(PORT, "PATCH", "/api/v2/authorizations/" + AUTH_ID, OP, {"status": "inactive"})
    log = control(PORT, "GET", "log")
    check.eq([(e["method"], e["path"], e["token_header"]) for e in log],
             [("PATCH", "/api/v2/authorizations/" + AUTH_ID, "Token " + OP)], "log entry")
    check.eq(log[0]["raw"].endswith('{"status": "inactive"}'), True, "raw body")
    reset()
    check.eq((control(PORT, "GET", "log"), control(PORT, "GET", "state/authorizations/" + AUTH_ID)["status"]),
             ([], "active"), "reset")


def test_version_29():
    proc, port = start(30, "--version", "2.9")
    try:
        r = call(port, "GET", "/api/v2/authorizations/" + AUTH_ID, OP)
        check.eq((r.json()["token"], r.h("X-Influxdb-Version")), ("", "v2.9.1"), "hashed tokens")
        expect_error(call(port, "PATCH", "/api/v2/authorizations/" + AUTH_ID, OP, {"status": "x"}), 400,
                     "invalid", "encodeAuthorization: unknown authorization status")
        check.eq(call(port, "GET", "/private/legacy/authorizations/" + AUTH_ID, OP).json()["token"], "myv1user",
                 "legacy username still shown")
    finally:
        proc.kill()


_CERT = []


def tls_cert():
    """(cert, key): a self-signed P-256 certificate for 127.0.0.1, made once."""
    if not _CERT:
        d = tempfile.mkdtemp(prefix="tls-", dir=TMP)
        cert, key = os.path.join(d, "c.pem"), os.path.join(d, "k.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True)
        _CERT.extend([cert, key])
    return tuple(_CERT)


def tls_double(*extra):
    cert, key = tls_cert()
    return double.Double(tls_cert=cert, tls_key=key, ca=cert, max_seconds=60, extra=extra)


def s_client(port, *flags, request=b""):
    """openssl s_client's output (stdout and stderr) for one connection; with request,
    sent after the handshake, it reads until the server closes."""
    argv = ["openssl", "s_client", "-connect", "127.0.0.1:%d" % port] + list(flags)
    if request:
        argv.append("-ign_eof")
    out = subprocess.run(argv, input=request, capture_output=True, timeout=10)
    return (out.stdout + out.stderr).decode("latin-1")


def negotiated(out):
    """(protocol, suite, ECDHE group) from s_client's output; None for what is missing."""
    new = re.search(r"^New, (\S+), Cipher is (\S+)", out, re.M)     # the suite's own version for TLS 1.2
    proto = re.search(r"^ +Protocol +: (\S+)", out, re.M)            # printed for TLS 1.2 sessions
    group = re.search(r"^Server Temp Key: ECDH, (\S+),", out, re.M)
    if new is None:
        return None, None, None
    return (proto.group(1) if proto and new.group(2) != "(NONE)" else new.group(1), new.group(2),
            group and group.group(1))


def test_tls():
    cert, _ = tls_cert()
    d = tls_double()
    with d:
        for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
            ctx = ssl.create_default_context(cafile=cert)
            ctx.maximum_version = version
            ctx.set_alpn_protocols(["http/1.1"])
            c = Client(d.port, tls=ctx)
            r = c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP)
            check.eq((c.s.version(), c.s.selected_alpn_protocol(), r.body),
                     ({ssl.TLSVersion.TLSv1_2: "TLSv1.2"}.get(version, "TLSv1.3"), "http/1.1", SEED_GET), "TLS GET")
            c.close()
        check.eq([(e["tls"], e["tcp_nodelay"]) for e in d.log()],
                 [({"version": "TLSv1.2", "cipher": "ECDHE-ECDSA-AES128-GCM-SHA256"}, True),
                  ({"version": "TLSv1.3", "cipher": "TLS_AES_128_GCM_SHA256"}, True)], "log: TLS and TCP_NODELAY")
        out = s_client(d.port, "-tls1_3", request=b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        check.eq((out.count("Post-Handshake New Session Ticket arrived"), '"status": "pass"' in out), (1, True),
                 "one TLS 1.3 session ticket, as Go sends")
    c = Client(PORT)
    c.do("GET", "/api/v2/me", OP)
    c.close()
    check.eq(control(PORT, "GET", "log")[-1]["tcp_nodelay"], True, "TCP_NODELAY over plain HTTP too")
    check.eq(control(PORT, "GET", "log")[-1]["tls"], None, "no TLS over plain HTTP")


def test_tls_groups_as_go():
    """P-256/384/521 only; TLS 1.2: the client's first; TLS 1.3: a key share for one,
    else a HelloRetryRequest for the server's preferred group, per influxd version."""
    for version, hrr_group in (("2.7", "secp521r1"), ("2.9", "prime256v1")):
        with tls_double("--version", version) as d:
            check.eq(negotiated(s_client(d.port, "-tls1_3", "-groups", "X25519:P-256:P-384:P-521"))[2], hrr_group,
                     "%s: an X25519 key share gets a HelloRetryRequest for Go's first group" % version)
            check.eq(negotiated(s_client(d.port, "-tls1_3", "-groups", "P-384:P-521"))[2], "secp384r1",
                     "%s: a P-384 key share is taken" % version)
            check.eq(negotiated(s_client(d.port, "-tls1_2", "-groups", "X25519:P-384:P-256"))[2], "secp384r1",
                     "%s: TLS 1.2 takes the client's first NIST group" % version)
            for proto in ("-tls1_2", "-tls1_3"):
                out = s_client(d.port, proto, "-groups", "X25519")
                check.eq((negotiated(out)[0], "handshake failure" in out), ("(NONE)", True),
                         "%s %s: X25519 alone refused" % (version, proto))


def test_tls_suites_as_go():
    """Go picks the suite: AES-128-GCM first, unless the client puts ChaCha20
    (or anything Go knows that is not AES-GCM) first."""
    with tls_double() as d:
        for flags, want in (
                (("-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256"),
                 "TLS_AES_128_GCM_SHA256"),
                (("-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384"),
                 "TLS_CHACHA20_POLY1305_SHA256"),
                (("-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256"),
                 "ECDHE-ECDSA-AES128-GCM-SHA256"),
                (("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-GCM-SHA384:"
                                        "ECDHE-ECDSA-CHACHA20-POLY1305"), "ECDHE-ECDSA-CHACHA20-POLY1305")):
            check.eq(negotiated(s_client(d.port, *flags))[1], want, " ".join(flags))


def test_tls12_extensions_as_go():
    """Go answers a TLS 1.2 ClientHello with renegotiation_info, ec_point_formats,
    session_ticket and extended_master_secret; never encrypt_then_mac."""
    with tls_double() as d:
        out = s_client(d.port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA", "-tlsextdebug")
        check.eq(re.findall(r'^TLS server extension "([^"]+)"', out, re.M),
                 ["renegotiation info", "EC point formats", "session ticket", "extended master secret"],
                 "server extensions")


def test_tls_min_version_13():
    """--tls-min-version 1.3: a TLS 1.2-only client is refused (alert protocol_version)."""
    cert, _ = tls_cert()
    with tls_double("--tls-min-version", "1.3") as d:
        ctx = ssl.create_default_context(cafile=cert)
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
        try:
            Client(d.port, tls=ctx).close()
            refused = ""
        except ssl.SSLError as e:
            refused = str(e)
        check.eq("TLSV1_ALERT_PROTOCOL_VERSION" in refused, True, "Python TLS 1.2 client refused: %r" % refused)
        out = s_client(d.port, "-tls1_2")
        check.eq((negotiated(out)[0], "alert protocol version" in out), ("(NONE)", True), "openssl -tls1_2 refused")
        check.eq(negotiated(s_client(d.port))[:2], ("TLSv1.3", "TLS_AES_128_GCM_SHA256"), "TLS 1.3 served")
        ctx = ssl.create_default_context(cafile=cert)
        c = Client(d.port, tls=ctx)
        check.eq((c.s.version(), c.do("GET", "/api/v2/authorizations/" + AUTH_ID, OP).body), ("TLSv1.3", SEED_GET),
                 "a TLS 1.3 GET")
        c.close()


def test_tls_strict_ciphers():
    """--tls-strict-ciphers: TLS 1.2 with the six ECDHE AEAD suites only; TLS 1.3
    unchanged; with --tls-min-version 1.3 it is ignored, with influxd's warning."""
    cbc = ("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA")
    with tls_double() as d:
        check.eq(negotiated(s_client(d.port, *cbc))[1], "ECDHE-ECDSA-AES128-SHA", "CBC without strict")
    with tls_double("--tls-strict-ciphers") as d:
        check.eq(negotiated(s_client(d.port, *cbc))[1], "(NONE)", "CBC refused when strict")
        check.eq(negotiated(s_client(d.port, "-tls1_2"))[1], "ECDHE-ECDSA-AES128-GCM-SHA256", "AEAD when strict")
        check.eq(negotiated(s_client(d.port, "-tls1_3"))[1], "TLS_AES_128_GCM_SHA256", "TLS 1.3 when strict")
    with tls_double("--tls-strict-ciphers", "--tls-min-version", "1.3") as d:
        check.eq(negotiated(s_client(d.port))[:2], ("TLSv1.3", "TLS_AES_128_GCM_SHA256"), "1.3 and strict")
        check.eq("TLS version 1.3 does not support configuring strict ciphers" in d.log_tail(), True,
                 "influxd's warning")


def test_tls_flags_refused():
    cert, key = tls_cert()
    for version, text in (("1.1", "serves TLS 1.2 and 1.3 only"), ("2.0", "unsupported TLS version: 2.0")):
        bad = subprocess.run([sys.executable, DOUBLE, "--port", "0", "--tls-cert", cert, "--tls-key", key,
                              "--tls-min-version", version, "--max-seconds", "1"], capture_output=True, timeout=10)
        check.eq((bad.returncode != 0, text in bad.stderr.decode()), (True, True),
                 "--tls-min-version %s: %r" % (version, bad.stderr))


def test_plain_http_to_tls_port():
    """Go's net/http: an HTTP request on the TLS port gets a plain 400 when it starts
    like one Go knows (GET /, POST, ...), else the connection just closes."""
    with tls_double() as d:
        check.eq(raw_exchange(req("GET", "/api/v2/me", OP), port=d.port),
                 (b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n", None), "GET")
        check.eq(raw_exchange(req("PATCH", "/api/v2/authorizations/" + AUTH_ID, OP, {"status": "inactive"}),
                              port=d.port), (b"", None), "PATCH: closed, no alert")
        check.eq(d.log(), [], "nothing reached the API")


def test_exits_by_itself_and_on_sigterm():
    proc, _ = start(0.5)
    check.eq(proc.wait(timeout=5), 0, "--max-seconds exit")
    proc, port = start(30)
    call(port, "GET", "/api/v2/me", OP)
    proc.terminate()
    check.eq(proc.wait(timeout=5), 0, "SIGTERM exit")
    bad = subprocess.run([sys.executable, DOUBLE, "--port", "0", "--host", "0.0.0.0", "--max-seconds", "1"],
                         capture_output=True, timeout=10)
    check.eq(bad.returncode != 0, True, "refuses non-loopback host")


def main():
    global PORT
    _, PORT = start(120)
    check.run([test_seed_get_bytes_and_headers, test_auth_401_compact_55_bytes_first, test_check_order,
               test_go_json_decode_errors, test_patch_semantics_and_idempotence,
               test_self_inactivation_same_connection, test_bucket_only_token_refused,
               test_legacy_lookup_patch_and_users, test_unknown_paths_and_methods,
               test_framing_by_size_and_create, test_connection_close_and_keepalive,
               test_expect_continue_and_inactive_user, test_go_plain_400s,
               test_faults_timing_and_silence, test_faults_broken_framing, test_faults_big_and_replaced,
               test_log_and_reset, test_index_html_outside_the_api, test_signin_204_and_cookie,
               test_signin_refusals, test_session_cookie_authenticates, test_session_inactive_user_and_permissions,
               test_signin_secure_over_tls, test_all_access_token_seeded, test_lone_surrogates_become_ufffd,
               test_version_29, test_tls, test_tls_groups_as_go, test_tls_suites_as_go,
               test_tls12_extensions_as_go, test_tls_min_version_13, test_tls_strict_ciphers, test_tls_flags_refused,
               test_plain_http_to_tls_port, test_exits_by_itself_and_on_sigterm])

if __name__ == "__main__":
    main()
