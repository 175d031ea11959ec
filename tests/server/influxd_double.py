#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""influxd_double: a test double of InfluxDB OSS 2.x (v2.7.12 by default) for the
token-inactivation endpoints, written to ../shared/research/influxdb-server-spec.md.

Python 3.11 standard library only.  Raw sockets and a hand-written HTTP/1.1 parser
so that every request's bytes can be logged and faults injected byte by byte.

    influxd_double.py --port 0 --port-file FILE [--host 127.0.0.1]
                      [--tls-cert CERT --tls-key KEY [--tls-min-version 1.2|1.3]
                       [--tls-strict-ciphers]] [--version 2.7|2.9] [--ui-disabled]
                      [--max-seconds 600] [--verbose]

Listens on 127.0.0.1 only, writes the port to FILE (tmp + rename) once listening,
runs until SIGTERM/SIGINT or --max-seconds.  Tokens are never written to stderr.
Every connection has TCP_NODELAY, as Go's.  HTTPS is influxd's own, flags included
(tests/server/influxd_tls.py): TLS 1.2 and 1.3 (1.3 only with --tls-min-version 1.3),
P-256/P-384/P-521 with Go's choices (--version 2.7: Go 1.23, P-521 preferred in TLS 1.3;
2.9: Go 1.25, P-256 preferred), Go's suite choice, one session ticket, and Go's plain
400 to an HTTP request sent to the TLS port. Sign-in and sessions are influxd's
(tests/server/influxd_session.py: POST /api/v2/signin and /api/v2/signout, the
influxdb-oss-session cookie); a path outside the API gets the UI's index.html
(tests/server/influxd_ui.py; --ui-disabled: 404 as influxd's).

Seed (reset by POST /_double/reset): org myorg 0a1b2c3d4e5f6071, users myuser 0b1c2d3e4f506172
(password myuser-password-for-tests, owner of myorg) and sensor 0b1c2d3e4f506173 (password
sensor-password-for-tests), bucket mybucket 0c1d2e3f40516273; v2 authorizations (id / token):
  0a0a0a0a0a0a0a0a op-token-for-tests   operator (read+write on every type, global)
  06c86c40a9f36000 tok_abcdefghijklmnopqrstuvwxyz0123456789==  "my token" (capture a02)
  0d2a3c5b7e8f9000 device-token-0042    "device-0042": r+w orgs/<org>/authorizations,
                                        r+w users/<myuser>, write bucket -> may inactivate itself
  0d2a3c5b7e8f9001 bucket-only-token    r+w the bucket only -> may inactivate nothing
  0d2a3c5b7e8f9002 all-access-token-for-tests   `influx auth create --all-access` (43 permissions,
                                        org-scoped; r+w users/<myuser>) -> myuser's tokens only
  0d2a3c5b7e8f9003 sensor-admin-token   sensor's, inactive: r+w orgs/<org>/authorizations (its
                                        permissions still count for sensor's sessions)
legacy (v1) 06c86c40a9f36000 username myv1user "my legacy auth" (capture v01).

Control API (no auth; never logged; does not consume faults):
  POST /_double/fault {"mode": M, "count": N=1, ...}  fault for the next N non-control requests.
       Modes: delay(seconds) no_answer trickle(interval=1.0) close_mid_headers reset_mid_headers
       close_mid_body reset_mid_body garbage_status(variant=status|junk) huge_headers(size=65536[,single])
       huge_body(size=1MiB, key=padding) truncated_chunked http10 redirect(location, status=307) plain_500
       plain_400 chunked(chunk_size) status(status, body, content_type) continue
       headers(headers={name: value}: the real answer with these headers too, e.g. a sampled
       trace's "trace-sampled: true" and "trace-id", a proxy's Set-Cookie).
       "apply": false/true overrides whether the real handler runs (and changes state); default
       true, except no_answer/redirect/plain_500/plain_400/status.
  GET  /_double/log     [{method, path, raw (latin-1), token_header, fault, tcp_nodelay, tls}] since
       start/reset; tls: null, or {"version": "TLSv1.3", "cipher": "TLS_AES_128_GCM_SHA256"}
  POST /_double/reset   seed state, no faults, empty log
  POST /_double/seed_buckets {"count": N[, "grant": ID]}  N more buckets in myorg, bucket-0000 ...
       (IDs 0e00000000000000 + i), for authorizations of many permissions: created through the API,
       or the v2 authorization ID given read and write on each; answers {"ids": [...]}
  GET  /_double/state/{authorizations|legacy|users}/{id}   the stored record
  POST same path {"status": ..., "description": ..., "password": ...} edits it; DELETE removes it.
  GET  /_double/sessions            the sessions: [{key, userID, createdAt, expiresAt}]
  POST /_double/sessions/{key} {"expiresIn": seconds}   moves its expiry (<= 0: expired)
"""
import argparse
import base64
import email.utils
import http
import json
import os
import re
import secrets
import signal
import socket
import socketserver
import ssl
import sys
import threading
import time
import urllib.parse

import influxd_session
import influxd_tls
import influxd_ui

# ---------------------------------------------------------------- seed data
ORG_ID, ORG_NAME = "0a1b2c3d4e5f6071", "myorg"
USER_ID, USER_NAME = "0b1c2d3e4f506172", "myuser"
BUCKET_ID, BUCKET_NAME = "0c1d2e3f40516273", "mybucket"
OP_ID, OP_TOKEN = "0a0a0a0a0a0a0a0a", "op-token-for-tests"
AUTH_ID, AUTH_TOKEN = "06c86c40a9f36000", "tok_abcdefghijklmnopqrstuvwxyz0123456789=="
LEGACY_ID, LEGACY_USER = "06c86c40a9f36000", "myv1user"
DEVICE_ID, DEVICE_TOKEN = "0d2a3c5b7e8f9000", "device-token-0042"
BUCKETONLY_ID, BUCKETONLY_TOKEN = "0d2a3c5b7e8f9001", "bucket-only-token"
ALLACCESS_ID, ALLACCESS_TOKEN = "0d2a3c5b7e8f9002", "all-access-token-for-tests"
USER_PASSWORD = "myuser-password-for-tests"
SENSOR_ID, SENSOR_NAME, SENSOR_PASSWORD = "0b1c2d3e4f506173", "sensor", "sensor-password-for-tests"
SENSOR_AUTH_ID, SENSOR_AUTH_TOKEN = "0d2a3c5b7e8f9003", "sensor-admin-token"

# IDB authz.go AllResourceTypes (2.7); OperPermissions = read+write on each, global.
RESOURCE_TYPES = ["authorizations", "buckets", "dashboards", "orgs", "sources", "tasks", "telegrafs",
                  "users", "variables", "scrapers", "secrets", "labels", "views", "documents",
                  "notificationRules", "notificationEndpoints", "checks", "dbrp", "notebooks",
                  "annotations", "remotes", "replications", "instance"]


def perm(action, rtype, rid=None, org=None):
    res = {"type": rtype}
    if rid is not None:
        res["id"] = rid
    if org is not None:
        res["orgID"] = org
    return {"action": action, "resource": res}


def auth_record(aid, token, desc, perms, created, updated, status="active", user=USER_ID, org=ORG_ID):
    return {"id": aid, "token": token, "status": status, "description": desc, "orgID": org,
            "userID": user, "permissions": perms, "createdAt": created, "updatedAt": updated}


def all_access_permissions(org, user):
    """influx auth create --all-access (influx-cli clients/auth/auth.go Create): read and
    write on every resource type influxd lists, in its order, scoped to the org; read
    of the org itself; read and write of the user itself; instance skipped."""
    out = []
    for t in RESOURCE_TYPES:
        if t == "orgs":
            out.append(perm("read", t, org))
        elif t == "users":
            out += [perm("read", t, user), perm("write", t, user)]
        elif t != "instance":
            out += [perm("read", t, None, org), perm("write", t, None, org)]
    return out


def seed_state():
    oper = [perm(a, t) for t in RESOURCE_TYPES for a in ("read", "write")]
    self_revoke = [perm("read", "authorizations", org=ORG_ID), perm("write", "authorizations", org=ORG_ID),
                   perm("read", "users", USER_ID), perm("write", "users", USER_ID),
                   perm("write", "buckets", BUCKET_ID, ORG_ID)]
    auths = [
        auth_record(OP_ID, OP_TOKEN, "myuser's Token", oper, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z"),
        auth_record(AUTH_ID, AUTH_TOKEN, "my token",
                    [perm("read", "buckets", org=ORG_ID), perm("write", "buckets", BUCKET_ID, ORG_ID)],
                    "2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:06.987654321Z"),
        auth_record(DEVICE_ID, DEVICE_TOKEN, "device-0042", self_revoke,
                    "2025-03-04T10:11:12.123456789Z", "2025-03-04T10:11:12.123456789Z"),
        auth_record(BUCKETONLY_ID, BUCKETONLY_TOKEN, "bucket-only",
                    [perm("read", "buckets", BUCKET_ID, ORG_ID), perm("write", "buckets", BUCKET_ID, ORG_ID)],
                    "2025-03-04T10:11:12Z", "2025-03-04T10:11:12Z"),
        auth_record(ALLACCESS_ID, ALLACCESS_TOKEN, "all-access", all_access_permissions(ORG_ID, USER_ID),
                    "2025-03-05T09:00:00Z", "2025-03-05T09:00:00Z"),
        auth_record(SENSOR_AUTH_ID, SENSOR_AUTH_TOKEN, "sensor admin (inactive)",
                    [perm("read", "authorizations", None, ORG_ID), perm("write", "authorizations", None, ORG_ID)],
                    "2025-03-06T09:00:00Z", "2025-03-06T09:00:00Z", status="inactive", user=SENSOR_ID),
    ]
    legacy = [auth_record(LEGACY_ID, LEGACY_USER, "my legacy auth", [perm("read", "buckets", BUCKET_ID, ORG_ID)],
                          "2024-01-02T03:04:05Z", "2024-01-02T03:04:06Z")]
    return {"orgs": {ORG_ID: {"id": ORG_ID, "name": ORG_NAME}},
            "users": {USER_ID: {"id": USER_ID, "name": USER_NAME, "status": "active", "password": USER_PASSWORD,
                                "owns": [ORG_ID]},
                      SENSOR_ID: {"id": SENSOR_ID, "name": SENSOR_NAME, "status": "active",
                                  "password": SENSOR_PASSWORD}},
            "buckets": {BUCKET_ID: {"id": BUCKET_ID, "name": BUCKET_NAME, "orgID": ORG_ID}},
            "auths": {a["id"]: a for a in auths}, "legacy": {a["id"]: a for a in legacy}}


# ---------------------------------------------------------------- Go-like JSON
_ESC = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def go_json(obj, pretty=True):
    """json.MarshalIndent(v, "", "\\t") / json.Marshal bytes: no trailing newline, HTML escaping."""
    s = json.dumps(obj, ensure_ascii=False, indent="\t" if pretty else None,
                   separators=(",", ": ") if pretty else (",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _ESC[m.group(0)], s).encode("utf-8")


class GoJSONError(Exception):
    pass


class GoObj(list):
    """A decoded JSON object as ordered (key, value) pairs (Go fills struct fields key by key)."""


def _quote_char(c):
    if c == 0x27:
        return "'\\''"
    if c == 0x22:
        return "'\"'"
    ch = chr(c)
    if ch.isprintable():
        return "'" + ch + "'"
    named = {7: "\\a", 8: "\\b", 12: "\\f", 10: "\\n", 13: "\\r", 9: "\\t", 11: "\\v"}
    if c in named:
        return "'" + named[c] + "'"
    return "'\\x%02x'" % c if c < 0x80 else "'\\u%04x'" % c


class _Scanner:
    """Reads the first JSON value of a byte string with the error texts of Go's encoding/json
    Decoder: "EOF", "unexpected EOF", "invalid character 'x' looking for beginning of value"..."""

    def __init__(self, data):
        self.d, self.i = data, 0

    def peek(self):
        if self.i >= len(self.d):
            raise GoJSONError("unexpected EOF")
        return self.d[self.i]

    def bad(self, context):
        raise GoJSONError("invalid character %s %s" % (_quote_char(self.d[self.i]), context))

    def ws(self):
        while self.i < len(self.d) and self.d[self.i] in b" \t\r\n":
            self.i += 1

    def value(self, context="looking for beginning of value"):
        self.ws()
        c = self.peek()
        if c == 0x7B:
            return self.obj()
        if c == 0x5B:
            return self.arr()
        if c == 0x22:
            return self.string()
        if c == 0x2D or 0x30 <= c <= 0x39:
            return self.number()
        for word, val in ((b"true", True), (b"false", False), (b"null", None)):
            if c == word[0]:
                self.i += 1
                for expect in word[1:]:
                    if self.peek() != expect:
                        self.bad("in literal %s (expecting %s)" % (word.decode(), _quote_char(expect)))
                    self.i += 1
                return val
        self.bad(context)

    def obj(self):
        self.i += 1
        out = GoObj()
        self.ws()
        if self.peek() == 0x7D:
            self.i += 1
            return out
        while True:
            self.ws()
            if self.peek() != 0x22:
                self.bad("looking for beginning of object key string")
            key = self.string()
            self.ws()
            if self.peek() != 0x3A:
                self.bad("after object key")
            self.i += 1
            out.append((key, self.value()))
            self.ws()
            c = self.peek()
            self.i += 1
            if c == 0x7D:
                return out
            if c != 0x2C:
                self.i -= 1
                self.bad("after object key:value pair")

    def arr(self):
        self.i += 1
        out = []
        self.ws()
        if self.peek() == 0x5D:
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            c = self.peek()
            self.i += 1
            if c == 0x5D:
                return out
            if c != 0x2C:
                self.i -= 1
                self.bad("after array element")

    def string(self):
        self.i += 1
        start = self.i
        while True:
            c = self.peek()
            if c == 0x22:
                raw = self.d[start:self.i]
                self.i += 1
                return go_unquote(raw)
            if c < 0x20:
                self.bad("in string literal")
            self.i += 1
            if c == 0x5C:
                e = self.peek()
                if e == 0x75:
                    self.i += 1
                    for _ in range(4):
                        if self.peek() not in b"0123456789abcdefABCDEF":
                            self.bad("in \\u hexadecimal character escape")
                        self.i += 1
                elif e in b'bfnrt\\/"':
                    self.i += 1
                else:
                    self.bad("in string escape code")

    def digits(self, context):
        if not (0x30 <= self.peek() <= 0x39):
            self.bad(context)
        while self.i < len(self.d) and 0x30 <= self.d[self.i] <= 0x39:
            self.i += 1

    def number(self):
        start = self.i
        if self.d[self.i] == 0x2D:
            self.i += 1
        if self.peek() == 0x30:
            self.i += 1
        else:
            self.digits("in numeric literal")
        if self.i < len(self.d) and self.d[self.i] == 0x2E:
            self.i += 1
            self.digits("after decimal point in numeric literal")
        if self.i < len(self.d) and self.d[self.i] in b"eE":
            self.i += 1
            if self.peek() in b"+-":
                self.i += 1
            self.digits("in exponent of numeric literal")
        return float(self.d[start:self.i])


def _utf8_rune(b, i):
    """utf8.DecodeRune at b[i]: (the character, its length), or (None, 1) for a byte that
    does not start a valid UTF-8 sequence (surrogates and overlong forms included)."""
    for n in (1, 2, 3, 4):
        try:
            return b[i:i + n].decode("utf-8"), n
        except UnicodeDecodeError as e:
            if e.reason != "unexpected end of data" or i + n >= len(b):
                return None, 1
    return None, 1


def go_unquote(raw):
    """encoding/json unquote of a string literal's bytes (its escapes already checked by
    the scanner): each byte of invalid UTF-8 and each lone surrogate escape becomes
    U+FFFD, a surrogate pair one character, as Go decodes them (a lone surrogate kept
    as such could never be encoded again: every answer rendering it would fail)."""
    out, i = [], 0
    while i < len(raw):
        c = raw[i]
        if c == 0x5C:
            e = raw[i + 1]
            if e != 0x75:
                out.append({0x62: "\b", 0x66: "\f", 0x6E: "\n", 0x72: "\r", 0x74: "\t"}.get(e, chr(e)))
                i += 2
                continue
            r = int(raw[i + 2:i + 6], 16)
            i += 6
            if 0xD800 <= r < 0xE000:
                lo = int(raw[i + 2:i + 6], 16) if raw[i:i + 2] == b"\\u" else -1
                if r < 0xDC00 and 0xDC00 <= lo < 0xE000:
                    out.append(chr(0x10000 + ((r - 0xD800) << 10) + (lo - 0xDC00)))
                    i += 6
                    continue
                r = 0xFFFD
            out.append(chr(r))
            continue
        ch, n = _utf8_rune(raw, i)
        out.append("\ufffd" if ch is None else ch)
        i += n
    return "".join(out)


def go_decode(data):
    """Decoder.Decode syntax stage: returns the first value; trailing bytes are ignored."""
    sc = _Scanner(data)
    sc.ws()
    if sc.i >= len(data):
        raise GoJSONError("EOF")
    return sc.value()


def go_kind(v):
    if isinstance(v, GoObj):
        return "object"
    if isinstance(v, list):
        return "array"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, float):
        return "number"
    return "string"


def go_fold(s):
    return s.replace("\u017f", "s").replace("\u212a", "k").lower()


def decode_struct(v, struct, fields):
    """Unmarshal into a Go struct of string fields: fields maps json name -> Go type name.
    Returns {name: str|None}; the first type error is raised after the whole value is read."""
    out, err = {}, None
    if v is None:
        return out
    if not isinstance(v, GoObj):
        raise GoJSONError("json: cannot unmarshal %s into Go value of type influxdb.%s" % (go_kind(v), struct))
    for key, val in v:
        name = key if key in fields else next((f for f in fields if go_fold(f) == go_fold(key)), None)
        if name is None:
            continue
        if val is None:
            out[name] = None
        elif isinstance(val, str):
            out[name] = val
        elif err is None:
            err = "json: cannot unmarshal %s into Go struct field %s.%s of type %s" % (
                go_kind(val), struct, name, fields[name])
    if err:
        raise GoJSONError(err)
    return out


# ---------------------------------------------------------------- helpers
class APIError(Exception):
    def __init__(self, status, code, message, pretty=True):
        super().__init__(message)
        self.status, self.code, self.message, self.pretty = status, code, message, pretty


def parse_id(s):
    """kit/platform/id.go Decode."""
    if len(s.encode("utf-8")) != 16:
        raise APIError(400, "invalid", "id must have a length of 16 bytes")
    if not re.fullmatch(r"[0-9a-fA-F]{16}", s) or int(s, 16) == 0:
        raise APIError(400, "invalid", "invalid ID")
    return s.lower()


def res_string(res):
    t = res["type"]
    if "orgID" in res and "id" in res:
        return "orgs/%s/%s/%s" % (res["orgID"], t, res["id"])
    if "orgID" in res:
        return "orgs/%s/%s" % (res["orgID"], t)
    if "id" in res:
        return "%s/%s" % (t, res["id"])
    return t


def perm_matches(held, want):
    """IDB authz.go matchesV1."""
    if held["action"] != want["action"]:
        return False
    h, w = held["resource"], want["resource"]
    if h["type"] == "instance":
        return True
    if h["type"] != w["type"]:
        return False
    if "orgID" not in h and "id" not in h:
        return True
    if "orgID" in h and "id" not in h and h["orgID"] == w.get("orgID"):
        return True
    return "id" in h and h["id"] == w.get("id")


_last_ns = [0]


def now_rfc3339():
    ns = max(time.time_ns(), _last_ns[0] + 1)
    _last_ns[0] = ns
    sec, frac = divmod(ns, 10**9)
    s = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
    if frac:
        s += "." + ("%09d" % frac).rstrip("0")
    return s + "Z"


def reason(code):
    try:
        return http.HTTPStatus(code).phrase
    except ValueError:
        return "status code %d" % code


class Answer:
    """A response before framing.  raw = exact wire bytes (then close)."""

    def __init__(self, status=200, body=b"", ctype="application/json; charset=utf-8", headers=None,
                 obj=None, raw=None, code=None):
        self.status, self.body, self.obj, self.raw = status, body, obj, raw
        self.headers = dict(headers or {})
        if ctype:
            self.headers["Content-Type"] = ctype
        if code:
            self.headers["X-Platform-Error-Code"] = code


def json_answer(status, obj, pretty=True):
    return Answer(status, go_json(obj, pretty), obj=obj if pretty else None)


def error_answer(e):
    return Answer(e.status, go_json({"code": e.code, "message": e.message}, e.pretty), code=e.code)


class BadRequest(Exception):
    """Go net/http answers these itself: plain text, Connection: close, close-delimited."""

    def __init__(self, code=400, text=None, body=None):
        super().__init__(text)
        line = "%d %s" % (code, reason(code)) + (": " + text if text else "")
        self.wire = ("HTTP/1.1 " + line + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Connection: close\r\n\r\n" + (body if body is not None else line)).encode()


class Request:
    def __init__(self):
        self.method = self.target = self.proto = ""
        self.headers = []          # (name, value) as sent
        self.body = b""
        self.raw = bytearray()
        self.tls = False

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def has_token(self, name, token):
        v = ",".join(v for k, v in self.headers if k.lower() == name.lower())
        return token in [t.strip().lower() for t in v.split(",")]


FAULT_MODES = ["delay", "no_answer", "trickle", "close_mid_headers", "reset_mid_headers", "close_mid_body",
               "reset_mid_body", "garbage_status", "huge_headers", "huge_body", "truncated_chunked", "http10",
               "redirect", "plain_500", "plain_400", "chunked", "status", "continue", "headers"]
TOKEN_CHARS = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


# ---------------------------------------------------------------- the server
class Double:
    def __init__(self, version="2.7", verbose=False, ui_disabled=False):
        self.version, self.verbose, self.ui_disabled = version, verbose, ui_disabled
        self.version_header = "v2.9.1" if version == "2.9" else "v2.7.12"
        self.lock = threading.RLock()
        self.reset()

    def reset(self):
        with self.lock:
            self.state = seed_state()
            self.sessions = influxd_session.Sessions()
            self.faults = []       # [mode, params, remaining]
            self.log = []

    def next_fault(self):
        with self.lock:
            while self.faults:
                f = self.faults[0]
                if f[2] <= 0:
                    self.faults.pop(0)
                    continue
                f[2] -= 1
                return f[0], f[1]
            return None, {}

    # ------------------------------------------------------------ auth helpers
    def authenticate(self, req):
        """http/authentication_middleware.go; compact 401/403.  Status is NOT checked here.
        A Token or Bearer header wins; without one, the session cookie (influxd_session.py)."""
        hdr = req.header("Authorization") or ""
        tok = None
        for scheme in ("token ", "bearer "):
            if hdr[:len(scheme)].lower() == scheme:
                tok = hdr[len(scheme):]
        key = influxd_session.request_cookie(req) if tok is None else None
        if key is not None:
            return influxd_session.session_caller(self, key, sys.modules[__name__], RESOURCE_TYPES, perm)
        caller = next((a for a in self.state["auths"].values() if tok is not None and a["token"] == tok), None)
        if caller is None:
            raise APIError(401, "unauthorized", "unauthorized access", pretty=False)
        user = self.state["users"].get(caller["userID"])
        if user is None or user["status"] == "inactive":
            raise APIError(403, "forbidden", "User is inactive", pretty=False)
        return caller

    @staticmethod
    def require(caller, action, rtype, rid=None, org=None):
        if caller["status"] != "active":
            raise APIError(401, "unauthorized", "token is inactive")
        want = perm(action, rtype, rid, org)
        if not any(perm_matches(h, want) for h in caller["permissions"]):
            raise APIError(401, "unauthorized", "%s:%s is unauthorized" % (action, res_string(want["resource"])))

    def can(self, caller, action, rtype, rid=None, org=None):
        try:
            self.require(caller, action, rtype, rid, org)
            return True
        except APIError:
            return False

    # ------------------------------------------------------------ rendering
    def render_auth(self, a, legacy):
        st = self.state
        perms = []
        for p in a["permissions"]:
            r = dict(p["resource"])
            if "id" in r:
                name = {"buckets": st["buckets"], "orgs": st["orgs"], "users": st["users"]}.get(r["type"], {})
                if r["type"] in ("buckets", "orgs", "users"):
                    if r["id"] not in name:
                        perms.append({"action": p["action"], "resource": r})
                        continue
                    r["name"] = name[r["id"]]["name"]
            if "orgID" in r:
                if r["orgID"] not in st["orgs"]:
                    perms.append({"action": p["action"], "resource": r})
                    continue
                r["org"] = st["orgs"][r["orgID"]]["name"]
            perms.append({"action": p["action"], "resource": r})
        org, user = st["orgs"].get(a["orgID"]), st["users"].get(a["userID"])
        if org is None:
            raise APIError(404, "not found", "organization not found")
        if user is None:
            raise APIError(404, "not found", "user not found")
        token = a["token"] if legacy or self.version != "2.9" else ""
        prefix = "/private/legacy/authorizations/" if legacy else "/api/v2/authorizations/"
        return {"id": a["id"], "token": token, "status": a["status"], "description": a["description"],
                "orgID": a["orgID"], "org": org["name"], "userID": a["userID"], "user": user["name"],
                "permissions": perms,
                "links": {"self": prefix + a["id"], "user": "/api/v2/users/" + a["userID"]},
                "createdAt": a["createdAt"], "updatedAt": a["updatedAt"]}

    def render_user(self, u):
        return {"links": {"self": "/api/v2/users/" + u["id"]}, "id": u["id"], "name": u["name"],
                "status": u["status"]}

    # ------------------------------------------------------------ routing
    def handle(self, req):
        path, _, query = req.target.partition("?")
        if path.startswith("http://") or path.startswith("https://"):
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
        path = urllib.parse.unquote(path)
        qs = urllib.parse.parse_qs(query, keep_blank_values=True)
        q = {k: v[0] for k, v in qs.items()}
        if path in ("/api/v2/signin", "/api/v2/signout") and req.method == "POST":
            try:
                with self.lock:
                    return self.session_route(req, path)
            except APIError as e:
                return error_answer(e)
        if path.startswith("/api/v2") or path.startswith("/private/") or path.startswith("/v1"):
            try:
                with self.lock:
                    return self.api(req, path, q)
            except APIError as e:
                return error_answer(e)
        if path in ("/write", "/query"):
            with self.lock:
                return self.v1_endpoint(req, path)
        if path == "/ping":
            return Answer(204, ctype=None)
        if path == "/health":
            return json_answer(200, {"name": "influxdb", "message": "ready for queries and writes",
                                     "status": "pass", "checks": [], "version": self.version_header,
                                     "commit": "0000000000"})
        if influxd_ui.is_ui_path(path) and not self.ui_disabled:
            return Answer(200, influxd_ui.INDEX_HTML, "text/html; charset=utf-8", influxd_ui.index_headers())
        return Answer(404, b"404 page not found\n", "text/plain; charset=utf-8",
                      {"X-Content-Type-Options": "nosniff"})

    def session_route(self, req, path):
        """The no-auth routes of sessions (http/platform_handler.go RegisterNoAuthRoute)."""
        me = sys.modules[__name__]
        if path == "/api/v2/signin":
            return Answer(204, ctype=None, headers={"Set-Cookie": influxd_session.signin(self, req, me)})
        influxd_session.signout(self, req, me)
        return Answer(204, ctype=None)

    def api(self, req, path, q):
        caller = self.authenticate(req)
        if len(path) > 1 and path.endswith("/"):          # chi StripSlashes
            path = path[:-1]
        m = req.method
        for prefix, legacy in (("/api/v2/authorizations", False), ("/private/legacy/authorizations", True)):
            if path == prefix:
                if m == "GET":
                    return self.list_auths(caller, q, legacy)
                if m == "POST":
                    return self.create_auth(caller, req, legacy)
                return Answer(405, ctype=None)
            if path.startswith(prefix + "/") and "/" not in path[len(prefix) + 1:]:
                ident = path[len(prefix) + 1:]
                if m == "GET":
                    return self.get_auth(caller, ident, legacy)
                if m == "PATCH":
                    return self.patch_auth(caller, ident, req, legacy)
                if m == "DELETE":
                    return self.delete_auth(caller, ident, legacy)
                return Answer(405, ctype=None)
        if path == "/api/v2/me" and m == "GET":
            self.require(caller, "read", "users", caller["userID"])
            u = self.state["users"].get(caller["userID"])
            if u is None:
                raise APIError(404, "not found", "user not found")
            return json_answer(200, self.render_user(u))
        if path.startswith("/api/v2/users/") and "/" not in path[14:] and m == "GET":
            uid = parse_id(path[14:])
            self.require(caller, "read", "users", uid)
            u = self.state["users"].get(uid)
            if u is None:
                raise APIError(404, "not found", "user not found")
            return json_answer(200, self.render_user(u))
        if path == "/api/v2/write" and m == "POST":
            if caller["status"] != "active":
                raise APIError(403, "forbidden", "insufficient permissions for write: token is inactive", False)
            return Answer(204, ctype=None)
        raise APIError(404, "not found", "path not found")

    def v1_endpoint(self, req, path):
        hdr = req.header("Authorization") or ""
        tok = hdr[6:] if hdr[:6].lower() == "token " else None
        a = next((a for a in self.state["auths"].values() if tok is not None and a["token"] == tok), None)
        if a is None or a["status"] != "active":
            return error_answer(APIError(401, "unauthorized", "Unauthorized", pretty=False))
        if path == "/write":
            return Answer(204, ctype=None)
        return Answer(200, b'{"results":[{"statement_id":0}]}\n')

    def store(self, legacy):
        return self.state["legacy" if legacy else "auths"]

    def find(self, ident, legacy):
        a = self.store(legacy).get(ident)
        if a is None:
            raise APIError(404, "not found", "authorization not found")
        return a

    def check_target(self, caller, a, action):
        self.require(caller, action, "authorizations", a["id"], a["orgID"])
        self.require(caller, action, "users", a["userID"])

    def get_auth(self, caller, ident, legacy):
        a = self.find(parse_id(ident), legacy)
        self.check_target(caller, a, "read")
        return json_answer(200, self.render_auth(a, legacy))

    def patch_auth(self, caller, ident, req, legacy):
        ident = parse_id(ident)
        try:
            upd = decode_struct(go_decode(req.body), "AuthorizationUpdate",
                                {"status": "influxdb.Status", "description": "string"})
        except GoJSONError as e:
            raise APIError(500, "internal error", str(e))
        a = self.find(ident, legacy)
        self.check_target(caller, a, "read")
        self.check_target(caller, a, "write")
        status = upd.get("status")
        if status is not None and status not in ("active", "inactive", ""):
            msg = "unknown authorization status"
            if self.version == "2.9" and not legacy:
                msg = "encodeAuthorization: " + msg
            raise APIError(400, "invalid", msg)
        if status is not None:
            a["status"] = status or "active"
        if upd.get("description") is not None:
            a["description"] = upd["description"]
        a["updatedAt"] = now_rfc3339()
        return json_answer(200, self.render_auth(a, legacy))

    def delete_auth(self, caller, ident, legacy):
        a = self.find(parse_id(ident), legacy)
        self.check_target(caller, a, "write")
        del self.store(legacy)[a["id"]]
        return Answer(204, ctype=None)

    def list_auths(self, caller, q, legacy):
        f = {}
        for key in ("userID", "orgID", "id"):
            if q.get(key):
                f[key] = parse_id(q[key])
        if not legacy:
            if "userID" not in f and q.get("user"):
                u = next((u for u in self.state["users"].values() if u["name"] == q["user"]), None)
                if u is None:
                    raise APIError(404, "not found", "user not found")
                f["userID"] = u["id"]
            if "orgID" not in f and q.get("org"):
                o = next((o for o in self.state["orgs"].values() if o["name"] == q["org"]), None)
                if o is None:
                    raise APIError(404, "not found", "organization not found")
                f["orgID"] = o["id"]
        items = sorted(self.store(legacy).values(), key=lambda a: a["id"])
        if "id" in f:
            items = [self.find(f["id"], legacy)]
        if legacy and q.get("token"):
            items = [a for a in items if a["token"] == q["token"]]
            if not items:
                raise APIError(404, "not found", "authorization not found")
        items = [a for a in items if all(a[k] == v for k, v in f.items())]
        visible = []
        for a in items:
            if self.can(caller, "read", "authorizations", a["id"], a["orgID"]) and \
                    self.can(caller, "read", "users", a["userID"]):
                try:
                    visible.append(self.render_auth(a, legacy))
                except APIError:
                    continue
        self_link = "/private/legacy/authorizations" if legacy else "/api/v2/authorizations"
        return json_answer(200, {"links": {"self": self_link}, "authorizations": visible})

    def new_id(self):
        while True:
            i = secrets.token_hex(8)
            if int(i, 16) and i not in self.state["auths"] and i not in self.state["legacy"]:
                return i

    def create_auth(self, caller, req, legacy):
        """POST: a simplified create (validation texts from authorization/http_server.go)."""
        try:
            v = go_decode(req.body)
            if not isinstance(v, GoObj):
                raise GoJSONError("json: cannot unmarshal %s into Go value of type authorization."
                                  "postAuthorizationRequest" % go_kind(v))
            body = {}
            for key, val in v:
                name = next((f for f in ("status", "orgID", "userID", "description", "permissions", "token")
                             if go_fold(f) == go_fold(key)), None)
                if name:
                    body[name] = val
        except GoJSONError as e:
            raise APIError(400, "invalid", "invalid json structure: " + str(e))
        perms = []
        for p in body.get("permissions") or []:
            ok = isinstance(p, GoObj)
            pd = dict(p) if ok else {}
            rd = dict(pd.get("resource")) if isinstance(pd.get("resource"), GoObj) else None
            if not ok or pd.get("action") not in ("read", "write") or rd is None or \
                    rd.get("type") not in RESOURCE_TYPES:
                raise APIError(400, "invalid", "invalid permission")
            perms.append(perm(pd["action"], rd["type"],
                              parse_id(rd["id"]) if isinstance(rd.get("id"), str) else None,
                              parse_id(rd["orgID"]) if isinstance(rd.get("orgID"), str) else None))
        if not perms:
            raise APIError(400, "invalid", "authorization must include permissions")
        org = body.get("orgID")
        if not isinstance(org, str) or not org:
            raise APIError(400, "invalid", "org id required")
        org = parse_id(org)
        status = body.get("status") or "active"
        if status not in ("active", "inactive"):
            raise APIError(400, "invalid", "unknown authorization status")
        uid = parse_id(body["userID"]) if isinstance(body.get("userID"), str) else caller["userID"]
        if uid not in self.state["users"]:
            raise APIError(404, "not found", "user not found")
        if org not in self.state["orgs"]:
            raise APIError(404, "not found", "organization not found")
        self.require(caller, "write", "authorizations", None, org)
        self.require(caller, "write", "users", uid)
        for p in perms:
            if not any(perm_matches(h, p) for h in caller["permissions"]):
                raise APIError(403, "forbidden", "permission %s:%s is not allowed" %
                               (p["action"], res_string(p["resource"])))
        if legacy:
            token = body.get("token")
            if not isinstance(token, str) or not token:
                raise APIError(400, "invalid", "token required for v1 user authorization type")
            if any(a["token"] == token for a in self.state["legacy"].values()):
                raise APIError(409, "conflict", "token already exists")
        else:
            token = base64.urlsafe_b64encode(secrets.token_bytes(64)).decode()
        desc = body.get("description") if isinstance(body.get("description"), str) else ""
        ts = now_rfc3339()
        a = auth_record(self.new_id(), token, desc, perms, ts, ts, status, uid, org)
        self.store(legacy)[a["id"]] = a
        out = self.render_auth(a, legacy)
        out["token"] = token      # the create answer shows the raw token, even on 2.9
        return json_answer(201, out)

    # ------------------------------------------------------------ control API
    def handle_control(self, req):
        path = req.target.partition("?")[0]
        m = req.method
        try:
            body = json.loads(req.body) if req.body.strip() else {}
        except ValueError:
            return Answer(400, go_json({"error": "bad json"}, False))
        with self.lock:
            if path == "/_double/fault" and m == "POST":
                if body.get("mode") not in FAULT_MODES:
                    return Answer(400, go_json({"error": "unknown mode", "modes": FAULT_MODES}, False))
                params = {k: v for k, v in body.items() if k not in ("mode", "count")}
                self.faults.append([body.get("mode"), params, int(body.get("count", 1))])
                return Answer(200, go_json({"ok": True, "queued": len(self.faults)}, False))
            if path == "/_double/log" and m == "GET":
                return Answer(200, go_json(self.log, False))
            if path == "/_double/reset" and m == "POST":
                self.reset()
                return Answer(200, go_json({"ok": True}, False))
            if path == "/_double/seed_buckets" and m == "POST":
                ids = ["%016x" % (0x0e00000000000000 + i) for i in range(int(body.get("count", 1)))]
                grant = self.state["auths"].get(body.get("grant"))
                for i, b in enumerate(ids):
                    self.state["buckets"][b] = {"id": b, "name": "bucket-%04d" % i, "orgID": ORG_ID}
                    if grant is not None:
                        grant["permissions"] += [perm("read", "buckets", b, ORG_ID), perm("write", "buckets", b, ORG_ID)]
                return Answer(200, go_json({"ids": ids}, False))
            if path == "/_double/sessions" and m == "GET":
                return Answer(200, go_json(sorted(self.sessions.by_key.values(), key=lambda x: x["createdAt"]),
                                           False))
            ms = re.fullmatch(r"/_double/sessions/([^/]+)", path)
            if ms and m == "POST" and ms.group(1) in self.sessions.by_key:   # {"expiresIn": seconds}
                sess = self.sessions.by_key[ms.group(1)]
                sess["expiresAt"] = time.time() + float(body.get("expiresIn", 0))
                return Answer(200, go_json(sess, False))
            mt = re.fullmatch(r"/_double/state/(authorizations|legacy|users)/([^/]+)", path)
            if mt:
                table = {"authorizations": "auths", "legacy": "legacy", "users": "users"}[mt.group(1)]
                rec = self.state[table].get(mt.group(2))
                if rec is None:
                    return Answer(404, go_json({"error": "not found"}, False))
                if m == "POST":      # e.g. {"status": "inactive"} on a user or an authorization
                    rec.update({k: v for k, v in body.items() if k in ("status", "description", "password")})
                elif m == "DELETE":
                    del self.state[table][mt.group(2)]
                return Answer(200, go_json(rec, False))
        return Answer(404, go_json({"error": "unknown control path"}, False))


# ---------------------------------------------------------------- connections
class Conn:
    HEADER_LIMIT = (1 << 20) + 4096

    def __init__(self, double, sock, tls_ctx):
        self.d, self.sock, self.tls_ctx = double, sock, tls_ctx
        self.buf = bytearray()

    def recv(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError
        self.buf += data

    def take(self, n, req):
        out = bytes(self.buf[:n])
        del self.buf[:n]
        req.raw += out
        return out

    def line(self, req, limit):
        while True:
            i = self.buf.find(b"\n")
            if i >= 0:
                return self.take(i + 1, req).rstrip(b"\n").rstrip(b"\r")
            if len(self.buf) > limit:
                raise BadRequest(431, body="431 Request Header Fields Too Large")
            self.recv()

    def exact(self, n, req):
        while len(self.buf) < n:
            self.recv()
        return self.take(n, req)

    def read_request(self):
        req = self.cur = Request()
        self.sock.settimeout(180)                      # http-idle-timeout
        if not self.buf:
            self.recv()
        self.sock.settimeout(10)                       # http-read-header-timeout
        start = self.line(req, self.HEADER_LIMIT)
        self.parse_start(req, start)
        total = len(start)
        while True:
            ln = self.line(req, self.HEADER_LIMIT - total)
            total += len(ln) + 2
            if total > self.HEADER_LIMIT:
                raise BadRequest(431, body="431 Request Header Fields Too Large")
            if not ln:
                break
            name, sep, value = ln.decode("latin-1").partition(":")
            if not sep or not TOKEN_CHARS.fullmatch(name):
                raise BadRequest()
            req.headers.append((name, value.strip(" \t")))
        self.sock.settimeout(60)
        self.validate(req)
        if req.has_token("Expect", "100-continue") and req.proto == "HTTP/1.1" and \
                (req.header("Content-Length") not in (None, "0") or req.header("Transfer-Encoding")):
            self.sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
        te = req.header("Transfer-Encoding")
        if te is not None:
            if te.strip().lower() != "chunked":
                raise BadRequest(501, body="Unsupported transfer encoding")
            body = bytearray()
            while True:
                size_line = self.line(req, 4096).split(b";")[0].strip()
                if not re.fullmatch(rb"[0-9a-fA-F]{1,16}", size_line):
                    raise BadRequest()
                n = int(size_line, 16)
                if n == 0:
                    while self.line(req, 65536):        # trailers
                        pass
                    break
                body += self.exact(n, req)
                if self.exact(2, req) != b"\r\n":
                    raise BadRequest()
            req.body = bytes(body)
        else:
            cls = {v.strip() for k, v in req.headers if k.lower() == "content-length"}
            if len(cls) > 1 or (cls and not re.fullmatch(r"[0-9]+", next(iter(cls)))):
                raise BadRequest()
            if cls:
                req.body = self.exact(int(next(iter(cls))), req)
        return req

    @staticmethod
    def parse_start(req, start):
        parts = start.decode("latin-1").split(" ")
        if len(parts) != 3 or not parts[1]:
            raise BadRequest()
        req.method, req.target, req.proto = parts
        if not TOKEN_CHARS.fullmatch(req.method):
            raise BadRequest()
        mt = re.fullmatch(r"HTTP/(\d)\.(\d)", req.proto)
        if not mt:
            raise BadRequest()
        if mt.group(1) != "1":
            raise BadRequest(505, "unsupported protocol version")
        if not (req.target.startswith("/") or req.target == "*" or re.match(r"https?://", req.target)) or \
                re.search(r"%(?![0-9a-fA-F]{2})", req.target):
            raise BadRequest()

    @staticmethod
    def validate(req):
        hosts = [v for k, v in req.headers if k.lower() == "host"]
        if req.proto == "HTTP/1.1" and not hosts:
            raise BadRequest(400, "missing required Host header")
        if len(hosts) > 1:
            raise BadRequest(400, "too many Host headers")
        for _, v in req.headers:
            if re.search(r"[\x00-\x08\x0a-\x1f\x7f]", v):
                raise BadRequest(400, "invalid header value")

    # ------------------------------------------------------------ framing
    def frame(self, ans, req, proto="HTTP/1.1", chunked=False, chunk_size=None, extensions=False,
              no_length=False, extra_headers=None):
        """Go net/http chunkWriter.writeHeader rules.  Returns (head, body_wire, close)."""
        keep = (req.proto == "HTTP/1.1" and not req.has_token("Connection", "close")) or \
               (req.proto == "HTTP/1.0" and req.has_token("Connection", "keep-alive"))
        hdrs = dict(ans.headers)
        hdrs.setdefault("X-Influxdb-Build", "OSS")
        hdrs.setdefault("X-Influxdb-Version", self.d.version_header)
        hdrs.update(extra_headers or {})
        if chunked and extensions:
            hdrs["Trailer"] = "X-Double-Trailer"
        lines = ["%s %d %s" % (proto, ans.status, reason(ans.status))]
        lines += ["%s: %s" % (k, hdrs[k]) for k in sorted(hdrs)]
        lines.append("Date: " + email.utils.formatdate(usegmt=True))
        body = ans.body if req.method != "HEAD" else b""
        allowed = ans.status >= 200 and ans.status not in (204, 304)
        wire, close = body, not keep
        if not allowed:
            wire = b""
        elif no_length:
            close = True
        elif "Content-Length" in hdrs:
            pass                                   # the handler's own (http.ServeContent), sorted above
        elif len(body) <= 2048 and not chunked:
            lines.append("Content-Length: %d" % len(body))
        elif req.proto == "HTTP/1.1":
            lines.append("Transfer-Encoding: chunked")
            step = chunk_size or max(len(body), 1)
            ext = ";ext=1" if extensions else ""
            wire = b"".join(b"%x%s\r\n%s\r\n" % (len(body[i:i + step]), ext.encode(), body[i:i + step])
                            for i in range(0, len(body), step))
            wire += b"0" + ext.encode() + b"\r\n" + (b"X-Double-Trailer: done\r\n" if extensions else b"") + b"\r\n"
        else:
            close = True
        if close and req.proto == "HTTP/1.1" and not no_length:
            lines.append("Connection: close")
        elif keep and req.proto == "HTTP/1.0" and not close:
            lines.append("Connection: keep-alive")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"), wire, close

    def hard_close(self, reset=False):
        """reset: RST via SO_LINGER {1, 0}; else a graceful FIN."""
        if not reset:
            return self.graceful_close()
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        except OSError:
            pass
        self.sock.close()

    def graceful_close(self):
        """Like Go's closeWriteAndWait: FIN (after a TLS close_notify), then drain briefly so that
        unread client bytes do not turn the close into a RST that would destroy the answer."""
        try:
            self.sock.settimeout(0.5)
            if isinstance(self.sock, ssl.SSLSocket):
                try:
                    self.sock = self.sock.unwrap()
                except (OSError, ssl.SSLError, ValueError):
                    pass
            self.sock.shutdown(socket.SHUT_WR)
            deadline = time.monotonic() + 0.5
            while time.monotonic() < deadline and self.sock.recv(65536):
                pass
        except (OSError, ValueError):
            pass
        self.sock.close()

    def transport(self):
        """What the log says of this connection: TCP_NODELAY, and the TLS version and suite."""
        tls = None
        if isinstance(self.sock, ssl.SSLSocket):
            tls = {"version": self.sock.version(), "cipher": self.sock.cipher()[0]}
        return {"tcp_nodelay": bool(self.sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)), "tls": tls}

    # ------------------------------------------------------------ main loop
    def serve(self):
        # Go's default: the last bytes of an answer (after a TLS 1.3 session ticket, say)
        # never wait for the client's delayed ACK
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if self.tls_ctx is not None:
            try:
                if influxd_tls.answer_non_tls(self.sock):
                    return
                self.sock.settimeout(10)
                self.sock = self.tls_ctx.wrap_socket(self.sock, server_side=True)
            except (OSError, ssl.SSLError):
                self.sock.close()
                return
        try:
            if self.one_loop():
                self.graceful_close()
        except (OSError, EOFError, ssl.SSLError):
            pass
        finally:
            try:
                self.sock.close()
            except OSError:
                pass

    def one_loop(self):
        """Serve requests until one asks to close (returns True: close gracefully) or the socket
        was already closed by a fault (returns False)."""
        while True:
            r = self.one()
            if r is not True:
                return r is None

    def one(self):
        try:
            req = self.read_request()
        except BadRequest as e:
            r = self.cur
            if r.raw:
                with self.d.lock:
                    self.d.log.append({"method": r.method, "path": r.target, "token_header": None,
                                       "raw": bytes(r.raw).decode("latin-1"), "malformed": True})
            self.sock.sendall(e.wire)
            self.graceful_close()
            return False
        except socket.timeout:
            return False
        if req.target.startswith("/_double/"):
            head, wire, close = self.frame(self.d.handle_control(req), req)
            self.sock.sendall(head + wire)
            return (not close) or None
        mode, p = self.d.next_fault()
        with self.d.lock:
            self.d.log.append(dict(self.transport(), method=req.method, path=req.target,
                                   raw=bytes(req.raw).decode("latin-1"), token_header=req.header("Authorization"),
                                   fault=mode))
        if self.d.verbose:
            print("%s %s%s" % (req.method, req.target.split("?")[0], " [%s]" % mode if mode else ""),
                  file=sys.stderr, flush=True)
        replacing = mode in ("no_answer", "redirect", "plain_500", "plain_400", "status")
        req.tls = isinstance(self.sock, ssl.SSLSocket)      # the session cookie's Secure
        ans = self.d.handle(req) if p.get("apply", not replacing) else Answer(200, b"{}")
        return self.answer(req, ans, mode, p)

    def answer(self, req, ans, mode, p):
        send = self.sock.sendall
        if mode is None or mode in ("delay", "continue", "headers"):
            if mode == "delay":
                time.sleep(float(p.get("seconds", 1.0)))
            if mode == "continue":
                send(b"HTTP/1.1 100 Continue\r\n\r\n")
            head, wire, close = self.frame(ans, req, extra_headers=p.get("headers") if mode == "headers" else None)
            send(head + wire)
            return (not close) or None
        if mode == "no_answer":
            self.sock.settimeout(None)
            while self.sock.recv(65536):
                pass
            return False
        if mode == "trickle":
            head, wire, close = self.frame(ans, req)
            for b in head + wire:
                send(bytes([b]))
                time.sleep(float(p.get("interval", 1.0)))
            return (not close) or None
        if mode in ("close_mid_headers", "reset_mid_headers", "close_mid_body", "reset_mid_body"):
            head, wire, _ = self.frame(ans, req)
            send(head[:len(head) // 2] if "headers" in mode else head + wire[:len(wire) // 2])
            self.hard_close(reset=mode.startswith("reset"))
            return False
        if mode == "garbage_status":
            if p.get("variant") == "junk":
                send(b"\x00\x17\x03junk-not-http\xff\xfe\r\n\r\n")
            else:
                head, wire, _ = self.frame(ans, req)
                send(b"HTTP/1.1 2OO OK" + head[head.index(b"\r\n"):] + wire)
            self.hard_close()
            return False
        if mode == "huge_headers":
            size, pad = int(p.get("size", 65536)), {}
            if p.get("single"):                 # one line of size bytes, as a CDN's policy header
                pad["X-Double-Padding"] = "p" * size
            for i in range(0 if p.get("single") else size // 1024 + 1):
                pad["X-Double-Padding-%03d" % i] = "p" * 1000
            head, wire, close = self.frame(ans, req, extra_headers=pad)
            send(head + wire)
            return (not close) or None
        if mode == "huge_body":
            obj = dict(ans.obj) if isinstance(ans.obj, dict) else {"code": "ok"}
            obj[p.get("key", "padding")] = "x" * int(p.get("size", 1 << 20))
            big = Answer(ans.status, go_json(obj), headers=ans.headers)
            head, wire, close = self.frame(big, req)
            send(head + wire)
            return (not close) or None
        if mode == "truncated_chunked":
            head, wire, _ = self.frame(ans, req, chunked=True)
            send(head + wire[:-len(b"0\r\n\r\n")])
            self.hard_close()
            return False
        if mode == "http10":
            head, wire, _ = self.frame(ans, req, proto="HTTP/1.0", no_length=True)
            send(head + wire)
            self.hard_close()
            return False
        if mode == "chunked":
            head, wire, close = self.frame(ans, req, chunked=True, chunk_size=p.get("chunk_size"),
                                           extensions=True)
            send(head + wire)
            return (not close) or None
        if mode == "redirect":
            status = int(p.get("status", 307))
            red = Answer(status, ctype=None, headers={"Location": p.get("location", "/")})
            head, wire, close = self.frame(red, req)
            send(head + wire)
            return (not close) or None
        if mode in ("plain_500", "plain_400"):
            send(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain; charset=utf-8\r\n"
                 b"Connection: close\r\n\r\ninternal failure" if mode == "plain_500" else BadRequest().wire)
            self.hard_close()
            return False
        if mode == "status":
            st = Answer(int(p.get("status", 500)), str(p.get("body", "")).encode("utf-8"),
                        p.get("content_type", "application/json; charset=utf-8"))
            head, wire, close = self.frame(st, req)
            send(head + wire)
            return (not close) or None
        raise AssertionError("unhandled fault mode %r" % mode)


# ---------------------------------------------------------------- TLS
make_tls_context = influxd_tls.make_tls_context     # tests/bench/fastd.py serves HTTPS with it too


# ---------------------------------------------------------------- main
class TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True
    request_queue_size = 64


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--tls-min-version", default="1.2", help="1.2 (TLS 1.2 and 1.3) or 1.3 (TLS 1.3 only)")
    ap.add_argument("--tls-strict-ciphers", action="store_true", help="TLS 1.2: the six ECDHE AEAD suites only")
    ap.add_argument("--version", choices=["2.7", "2.9"], default="2.7")
    ap.add_argument("--ui-disabled", action="store_true", help="no UI assets: 404 outside the API, as influxd's")
    ap.add_argument("--max-seconds", type=float, default=600)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost"):
        ap.error("--host must be 127.0.0.1 (the double never listens elsewhere)")
    if bool(args.tls_cert) != bool(args.tls_key):
        ap.error("--tls-cert and --tls-key go together")
    tls_ctx = None
    if args.tls_cert:
        try:
            tls_ctx = make_tls_context(args.tls_cert, args.tls_key, args.tls_min_version, args.tls_strict_ciphers,
                                       args.version)
        except ValueError as e:
            ap.error(str(e))
    double = Double(args.version, args.verbose, args.ui_disabled)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self):
            Conn(double, self.request, tls_ctx).serve()

    server = TCPServer(("127.0.0.1", args.port), Handler)
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp.%d" % os.getpid()
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.replace(tmp, args.port_file)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True).start()
    print("influxd_double: listening on 127.0.0.1:%d%s (%s)" % (port, " TLS" if tls_ctx else "",
                                                                double.version_header), file=sys.stderr, flush=True)
    stop.wait(args.max_seconds)
    server.shutdown()
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
