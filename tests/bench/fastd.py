#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""fastd: a small, fast InfluxDB 2.x answering server for the timing runs of
`make bench` only (tests/bench/bench.py). Not a test double: it knows just

    GET   /api/v2/authorizations/{id}   200, the stored record (status active)
    PATCH /api/v2/authorizations/{id}   200, the record with status "inactive"
                                        (always: no re-activation between runs)
    POST  /api/v2/authorizations        201, creates a record (batch IDs)
    anything else, unknown ID           404 / 401 without the operator token

with the same headers and JSON layout as tests/server/influxd_double.py (so
influx-lite's strict parser and decoder see what they see there), HTTP/1.1
keep-alive, one asyncio event loop, plain HTTP and HTTPS side by side:

    fastd.py --port-file FILE [--tls-cert CERT --tls-key KEY] [--max-seconds 900]

TLS as influxd's own (`influxd --tls-cert/--tls-key`): the TLS context of
tests/server/influxd_double.py (tests/server/influxd_tls.py), i.e. TLS 1.2
and 1.3, ECDHE over P-256, P-384 and P-521 only (no X25519), Go's suite
choice, one TLS 1.3 session ticket, ALPN http/1.1; Go's TLS 1.3 group order
is that of influxd 2.8 and later (Go 1.24 and later: P-256 first), so a
client whose key share is X25519 (curl) is asked for P-256 (2.7's Go 1.23
would ask for P-521). Every connection has TCP_NODELAY (asyncio's default).

    GET /_fastd/tls    (no token) what the TLS handshakes so far took:
                       {"connections": {"TLSv1.3 TLS_AES_128_GCM_SHA256": n, ...},
                        "groups": {"P-256": n, ...}, "hello_retry_requests": n}

Listens on 127.0.0.1 only (ports chosen by the kernel), writes
"HTTP_PORT HTTPS_PORT" (HTTPS_PORT 0 without a certificate) to FILE (tmp +
rename) once listening, runs until SIGTERM/SIGINT or --max-seconds.
"""
import argparse
import asyncio
import collections
import email.utils
import json
import os
import secrets
import signal
import ssl
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "server"))
import influxd_double  # noqa: E402  (its TLS context: influxd's curves and suites)

ORG_ID, USER_ID, BUCKET_ID = "0a1b2c3d4e5f6071", "0b1c2d3e4f506172", "0c1d2e3f40516273"
OP_TOKEN = "op-token-for-tests"
SEED = {"06c86c40a9f36000": ("tok_abcdefghijklmnopqrstuvwxyz0123456789==", "my token")}

TEMPLATE = """{
\t"id": "%(id)s",
\t"token": "%(token)s",
\t"status": "%(status)s",
\t"description": "%(desc)s",
\t"orgID": "%(org)s",
\t"org": "myorg",
\t"userID": "%(user)s",
\t"user": "myuser",
\t"permissions": [
\t\t{
\t\t\t"action": "read",
\t\t\t"resource": {
\t\t\t\t"type": "buckets",
\t\t\t\t"orgID": "%(org)s",
\t\t\t\t"org": "myorg"
\t\t\t}
\t\t},
\t\t{
\t\t\t"action": "write",
\t\t\t"resource": {
\t\t\t\t"type": "buckets",
\t\t\t\t"id": "%(bucket)s",
\t\t\t\t"orgID": "%(org)s",
\t\t\t\t"name": "mybucket",
\t\t\t\t"org": "myorg"
\t\t\t}
\t\t}
\t],
\t"links": {
\t\t"self": "/api/v2/authorizations/%(id)s",
\t\t"user": "/api/v2/users/%(user)s"
\t},
\t"createdAt": "2024-01-02T03:04:05.123456789Z",
\t"updatedAt": "2024-01-02T03:04:06.987654321Z"
}
"""

PREFIX = "/api/v2/authorizations"
records = {}        # id -> (active body bytes, inactive body bytes)
tls_seen = collections.Counter()    # "TLSv1.3 TLS_AES_128_GCM_SHA256" -> connections
tls_ctx = []
_date = [0, b""]


def add(auth_id, token, desc):
    common = {"id": auth_id, "token": token, "desc": desc, "org": ORG_ID, "user": USER_ID,
              "bucket": BUCKET_ID}
    records[auth_id] = tuple((TEMPLATE % dict(common, status=s)).rstrip("\n").encode()
                             for s in ("active", "inactive"))


def date():
    now = int(time.time())
    if now != _date[0]:
        _date[0], _date[1] = now, email.utils.formatdate(now, usegmt=True).encode()
    return _date[1]


def answer(status, body, ctype=b"application/json; charset=utf-8"):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype +
            b"\r\nX-Influxdb-Build: OSS\r\nX-Influxdb-Version: v2.7.12\r\nDate: " + date() +
            b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


NOT_FOUND = b'{\n\t"code": "not found",\n\t"message": "authorization not found"\n}'
UNAUTH = b'{\n\t"code": "unauthorized",\n\t"message": "unauthorized access"\n}'


def tls_counts():
    counts = dict(tls_ctx[0].influxd_choices.counts) if tls_ctx else {}
    retries = counts.pop("hello_retry_requests", 0)
    return json.dumps({"connections": dict(tls_seen), "groups": counts, "hello_retry_requests": retries}).encode()


def handle(method, path, headers):
    if method == b"GET" and path == b"/_fastd/tls":
        return answer(b"200 OK", tls_counts())
    if headers.get(b"authorization") != b"Token " + OP_TOKEN.encode():
        return answer(b"401 Unauthorized", UNAUTH)
    if method == b"POST" and path == PREFIX.encode():
        auth_id = secrets.token_hex(8)
        add(auth_id, secrets.token_urlsafe(64), "bench")
        return answer(b"201 Created", records[auth_id][0])
    if path.startswith(PREFIX.encode() + b"/"):
        rec = records.get(path[len(PREFIX) + 1:].decode("latin-1"))
        if rec is None:
            return answer(b"404 Not Found", NOT_FOUND)
        if method == b"GET":
            return answer(b"200 OK", rec[0])
        if method == b"PATCH":
            return answer(b"200 OK", rec[1])
    return answer(b"404 Not Found", NOT_FOUND)


async def client(reader, writer):
    tls = writer.get_extra_info("ssl_object")
    if tls is not None:
        tls_seen["%s %s" % (tls.version(), tls.cipher()[0])] += 1
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            parts = lines[0].split(b" ")
            if len(parts) != 3:
                break
            headers = {}
            for line in lines[1:]:
                if b":" in line:
                    k, v = line.split(b":", 1)
                    headers[k.strip().lower()] = v.strip()
            n = int(headers.get(b"content-length", b"0"))
            if n:
                await reader.readexactly(n)
            writer.write(handle(parts[0], parts[1], headers))
            if headers.get(b"connection", b"").lower() == b"close":
                break
    except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError, asyncio.LimitOverrunError,
            ValueError):
        pass
    try:
        writer.close()
        await writer.wait_closed()
    except (ConnectionError, ssl.SSLError, OSError):
        pass


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--max-seconds", type=float, default=900)
    a = ap.parse_args()
    for k, (tok, desc) in SEED.items():
        add(k, tok, desc)
    plain = await asyncio.start_server(client, "127.0.0.1", 0, backlog=128)
    ports = [plain.sockets[0].getsockname()[1], 0]
    if a.tls_cert:
        ctx = influxd_double.make_tls_context(a.tls_cert, a.tls_key, influxd="2.9")
        tls_ctx.append(ctx)
        tls = await asyncio.start_server(client, "127.0.0.1", 0, ssl=ctx, backlog=128)
        ports[1] = tls.sockets[0].getsockname()[1]
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d %d\n" % tuple(ports))
    os.rename(tmp, a.port_file)
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(0))
    try:
        await asyncio.wait_for(stop, a.max_seconds)
    except asyncio.TimeoutError:
        print("fastd: --max-seconds reached", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
