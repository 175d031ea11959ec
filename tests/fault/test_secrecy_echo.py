#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Secrecy against servers that echo the caller's token (issue 13): a raw server
reads the token from the request's Authorization header and sends it back where
the CLI prints server text, placed so that each fixed buffer cuts it at every
position: the status reason (IL_HTTP_STATUS_TEXT_MAX), Location
(IL_HTTP_LOCATION_MAX), Content-Type (IL_HTTP_CONTENT_TYPE_MAX), a JSON error
message across the end of the 1 MiB body buffer (CLI_BODY_BUF: stderr's buffer
holds all of what fits there), a description printed on
stdout, a header only --http-debug shows, and an answer sent one byte a write.
The echo is plain, base64 (of the token and of "Token <token>"), hex or
URL-encoded, once or repeated. Every case runs with and without --http-debug,
with a distinctive 31-character token and a short one (7 characters); no output
holds a run of 8 characters of the token (the whole token when shorter) in any of
those forms, and every run ends with its documented exit code."""
import base64
import binascii
import concurrent.futures
import json
import os
import re
import socket
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402
from faultlib import check  # noqa: E402

BIN = faultlib.BIN
LONG = "SECRET-TOKEN-must-not-leak-7f3a"
SHORT = "Sh0rt!x"
# the limits of include/il_config.h and boards/linux/cli_mem.h the cases cut at
STATUS_MAX, LOCATION_MAX, CTYPE_MAX, BODY_BUF = 64, 128, 96, 1024 * 1024


def encodings(tok):
    t = tok.encode()
    return {
        "plain": t,
        "b64": base64.b64encode(t),
        "b64_header": base64.b64encode(b"Token " + t),
        "b64url": base64.urlsafe_b64encode(b"x:" + t),
        "hex": binascii.hexlify(t),
        "HEX": binascii.hexlify(t).upper(),
        "pct": urllib.parse.quote(tok, safe="").encode(),
        "pct_all": "".join("%%%02X" % b for b in t).encode(),
        "query": urllib.parse.quote_plus(tok).encode(),
        "repeated": (t + b" ") * 5,
    }


def runs(tok):
    """Every form of every run of 8 characters of tok (the whole of a shorter one) a careless
    program could print: as it is, hex, percent-encoded, base64 (the characters wholly inside
    the run, at each alignment and in both alphabets)."""
    n = min(8, len(tok))
    out = set()
    for i in range(len(tok) - n + 1):
        r = tok[i:i + n].encode()
        out |= {r, binascii.hexlify(r), binascii.hexlify(r).upper(), "".join("%%%02X" % b for b in r).encode(),
                urllib.parse.quote(r, safe="").encode()}
        for pad in range(3):
            for enc in (base64.b64encode, base64.urlsafe_b64encode):
                e = enc(b"\0" * pad + r)
                first, last = (8 * pad + 5) // 6, (8 * (pad + n)) // 6
                if last - first >= 4:
                    out.add(e[first:last])
    return out


RUNS = {t: runs(t) for t in (LONG, SHORT)}


def leaked(data, tok):
    return [r for r in RUNS[tok] if r in data]


# ------------------------------------------------------------ the echoing server
CASES = []      # (place, encoding, pad); the case's index is the authorization ID asked for


def answer(place, echo, pad, aid):
    """The bytes the server sends for a case (aid: the authorization ID asked for, which an
    authorization answered must carry: the CLI checks it)."""
    p = b"." * pad
    if place == "status":
        return b"HTTP/1.1 401 " + p + echo + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    if place == "location":
        return (b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://x/" + p + echo +
                b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
    if place == "ctype":
        return (b"HTTP/1.1 200 OK\r\nContent-Type: text/" + p + echo +
                b"\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx")
    if place in ("message", "message_split"):
        body = json.dumps({"code": "unauthorized", "message": (p + echo).decode("latin-1")}).encode()
        return (b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json; charset=utf-8\r\n"
                b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body) + body)
    if place == "description":
        auth = json.loads(faultlib.AUTH_JSON)
        auth["id"] = aid
        auth["description"] = (p + echo).decode("latin-1")
        auth["status"] = "inactive"
        body = json.dumps(auth).encode()
        return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nX-Echo: " + echo +
                b"\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    raise AssertionError(place)


def handler(c, srv):
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    while True:
        req = srv.read_request(c)
        m = re.search(rb"/authorizations/([0-9a-f]{16})", req)
        a = re.search(rb"(?i)\r\nauthorization: Token ([^\r\n]*)", req)
        if not m or not a:
            return
        place, enc, pad = CASES[int(m.group(1), 16) - 1]
        data = answer(place, encodings(a.group(1).decode("latin-1"))[enc], pad, m.group(1).decode())
        if place == "message_split":
            for i in range(len(data)):       # one byte a write: the dump reads it in pieces
                c.sendall(data[i:i + 1])
                time.sleep(0.0005)
        else:
            c.sendall(data)
        if place != "description":
            return


def add_cases():
    def add(place, enc, pads):
        for pad in pads:
            CASES.append((place, enc, pad))
    # every cut of the plain token by each kept copy (the reason after "401 ", Location after
    # "http://x/", Content-Type after "text/"), a little before and after
    add("status", "plain", range(STATUS_MAX - 4 - len(LONG) - 2, STATUS_MAX - 4 + 2))
    add("location", "plain", range(LOCATION_MAX - 9 - len(LONG) - 2, LOCATION_MAX - 9 + 2))
    add("ctype", "plain", range(CTYPE_MAX - 5 - len(LONG) - 2, CTYPE_MAX - 5 + 2))
    # a JSON message that runs over the end of the body buffer, the token across it
    add("message", "plain", range(BODY_BUF - 100 - len(LONG), BODY_BUF - 20, 4))
    for enc in encodings(LONG):
        add("status", enc, (0, 20))
        add("location", enc, (0, 60))
        add("ctype", enc, (0, 40))
        add("message", enc, (0, 3))
        add("description", enc, (0, 5))
    add("message_split", "plain", (0, 1))
    add("message_split", "b64", (0,))


def run_one(srv, idx, tok, debug):
    argv = [BIN, "auth", "inactive", "--host", srv.url, "-t", tok, "--id", "%016x" % (idx + 1), "--timeout", "10s"]
    if debug:
        argv.append("--http-debug")
    env = {"PATH": "/usr/bin:/bin", "HOME": faultlib.TMP, "INFLUX_CONFIGS_PATH": os.path.join(faultlib.TMP, "none")}
    p = faultlib.subprocess.run(argv, env=env, capture_output=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


EXIT = {"status": 3, "location": 3, "ctype": 4, "message": 3, "message_split": 3, "description": 0}


def check_all(tok):
    srv = faultlib.RawServer(handler)
    problems, redacted = [], 0
    try:
        jobs = [(i, d) for i in range(len(CASES)) for d in (False, True)]
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as ex:
            futs = {ex.submit(run_one, srv, i, tok, d): (i, d) for i, d in jobs}
            for f in concurrent.futures.as_completed(futs):
                i, d = futs[f]
                rc, out, err = f.result()
                what = "%s%s" % (CASES[i], " --http-debug" if d else "")
                found = leaked(out + err, tok)
                if found:
                    problems.append("%s: LEAK %r in %r" % (what, found[:2], (out + err)[-300:]))
                if rc != EXIT[CASES[i][0]]:
                    problems.append("%s: exit %d, expected %d: %r" % (what, rc, EXIT[CASES[i][0]], err[-200:]))
                redacted += b"<redacted>" in out + err
    finally:
        srv.stop()
    check.eq(problems[:5], [], "problems (%d of %d runs)" % (len(problems), 2 * len(CASES)))
    # not vacuous: most runs got the echo printed, as <redacted>
    check.eq(redacted > len(CASES), True, "runs that printed <redacted>: %d of %d" % (redacted, 2 * len(CASES)))
    print("# %s: %d runs, %d printed <redacted>, none leaked" % (tok, 2 * len(CASES), redacted), flush=True)


def test_echoed_long_token_never_printed_at_any_cut():
    check_all(LONG)


def test_echoed_short_token_never_printed_at_any_cut():
    check_all(SHORT)


if __name__ == "__main__":
    faultlib.suite.require(BIN)
    add_cases()
    check.run([test_echoed_long_token_never_printed_at_any_cut, test_echoed_short_token_never_printed_at_any_cut])
