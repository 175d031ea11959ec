#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes the seed corpora of tests/fuzz/corpus/<target>/ from real influxd
answers (research: influxdb-server-spec.md sections 2-5, influx-cli-captures.md).
Run from the repository root; files named regress-* are kept as they are.
Each target's input starts with a few option bytes (see the target's comment)."""
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")

AUTH_PRETTY = """{
\t"id": "0d2a3c5b7e8f9000",
\t"token": "Vit6Liasi-yealRknchjnuFiPoYhRscnW4fmgQiUWanNBEJEJ3ZH85rvs_RhZ44ErOjKYQU2J-rCc9oL8zrQ-Q==",
\t"status": "inactive",
\t"description": "device-0042",
\t"orgID": "0f2b3c4d5e6f7081",
\t"org": "acme",
\t"userID": "0d2a3c5b7e8f8000",
\t"user": "provisioner",
\t"permissions": [
\t\t{
\t\t\t"action": "write",
\t\t\t"resource": {
\t\t\t\t"type": "buckets",
\t\t\t\t"id": "1a2b3c4d5e6f7a8b",
\t\t\t\t"orgID": "0f2b3c4d5e6f7081",
\t\t\t\t"name": "telemetry",
\t\t\t\t"org": "acme"
\t\t\t}
\t\t}
\t],
\t"links": {
\t\t"self": "/api/v2/authorizations/0d2a3c5b7e8f9000",
\t\t"user": "/api/v2/users/0d2a3c5b7e8f8000"
\t},
\t"createdAt": "2025-03-04T10:11:12.123456789Z",
\t"updatedAt": "2025-06-07T08:09:10.98765432Z"
}"""
AUTH_ACTIVE_CAPTURE = ('{"id": "06c86c40a9f36000", "token": "tok_abcdefghijklmnopqrstuvwxyz0123456789==", '
    '"status": "active", "description": "my token", "orgID": "0a1b2c3d4e5f6071", "org": "myorg", '
    '"userID": "0b1c2d3e4f506172", "user": "myuser", "permissions": [{"action": "read", "resource": '
    '{"type": "buckets", "orgID": "0a1b2c3d4e5f6071", "org": "myorg"}}, {"action": "write", "resource": '
    '{"type": "buckets", "id": "0c1d2e3f40516273", "orgID": "0a1b2c3d4e5f6071", "org": "myorg", '
    '"name": "mybucket"}}], "createdAt": "2024-01-02T03:04:05.123456789Z", "updatedAt": '
    '"2024-01-02T03:04:06.987654321Z", "links": {"self": "/api/v2/authorizations/06c86c40a9f36000", '
    '"user": "/api/v2/users/0b1c2d3e4f506172"}}')
AUTH_INACTIVE_CAPTURE = AUTH_ACTIVE_CAPTURE.replace('"status": "active"', '"status": "inactive"')
LEGACY = AUTH_PRETTY.replace("0d2a3c5b7e8f9000", "0d2a3c5b7e8fa000").replace(
    AUTH_PRETTY.split('"token": "')[1].split('"')[0], "sensor42").replace(
    "/api/v2/authorizations/", "/private/legacy/authorizations/")
LIST = ('{\n\t"links": {\n\t\t"self": "/private/legacy/authorizations"\n\t},\n\t"authorizations": [\n'
        + "\n".join("\t\t" + l for l in LEGACY.split("\n")) + "\n\t]\n}")
LIST_EMPTY = '{\n\t"links": {\n\t\t"self": "/private/legacy/authorizations"\n\t},\n\t"authorizations": []\n}'
USER = '{"links":{"self":"/api/v2/users/0d2a3c5b7e8f8000"},"id":"0d2a3c5b7e8f8000","name":"provisioner","status":"active"}'
ERR_404 = '{\n\t"code": "not found",\n\t"message": "authorization not found"\n}'
ERR_401 = '{"code":"unauthorized","message":"unauthorized access"}'
ERR_INACTIVE = '{\n\t"code": "unauthorized",\n\t"message": "token is inactive"\n}'
ERR_400 = '{\n\t"code": "invalid",\n\t"message": "id must have a length of 16 bytes"\n}'
ERR_500 = '{\n\t"code": "internal error",\n\t"message": "invalid character \'x\' looking for beginning of value"\n}'
ERR_403 = '{"code":"forbidden","message":"User is inactive"}'
ESCAPES = '{"code":"invalid","message":"a \\u003cb\\u003e \\u0026 \\u2028 \\ud83d\\ude00 \\ud800 \\"q\\" \\\\ \\/ \\n\\t"}'

HEADERS = ("Content-Type: application/json; charset=utf-8\r\nX-Influxdb-Build: OSS\r\n"
           "X-Influxdb-Version: v2.7.12\r\n")
DATE = "Date: Sat, 07 Jun 2025 08:09:10 GMT\r\n"


def cl(status, body, extra=""):
    return (f"HTTP/1.1 {status}\r\n{HEADERS}{extra}{DATE}Content-Length: {len(body.encode())}\r\n\r\n"
            + body).encode()


def chunked(status, body, pieces=1, ext=False):
    b = body.encode()
    out = f"HTTP/1.1 {status}\r\n{HEADERS}{DATE}Transfer-Encoding: chunked\r\n\r\n".encode()
    step = max(1, -(-len(b) // pieces))
    for i in range(0, len(b), step):
        part = b[i:i + step]
        out += f"{len(part):x}{';name=val' if ext else ''}\r\n".encode() + part + b"\r\n"
    return out + b"0\r\n\r\n"


ANSWERS = {
    "auth_200_cl": cl("200 OK", AUTH_PRETTY),
    "auth_200_capture": cl("200 OK", AUTH_INACTIVE_CAPTURE),
    "auth_200_active": cl("200 OK", AUTH_ACTIVE_CAPTURE),
    "auth_200_chunked": chunked("200 OK", AUTH_PRETTY),
    "auth_200_chunked3_ext": chunked("200 OK", AUTH_PRETTY, 3, True),
    "legacy_200": cl("200 OK", LEGACY),
    "list_200_chunked": chunked("200 OK", LIST),
    "list_200_empty": cl("200 OK", LIST_EMPTY),
    "user_200": cl("200 OK", USER),
    "err_404": cl("404 Not Found", ERR_404, "X-Platform-Error-Code: not found\r\n"),
    "err_401_compact": cl("401 Unauthorized", ERR_401, "X-Platform-Error-Code: unauthorized\r\n"),
    "err_401_inactive": cl("401 Unauthorized", ERR_INACTIVE),
    "err_400": cl("400 Bad Request", ERR_400),
    "err_403": cl("403 Forbidden", ERR_403),
    "err_500": cl("500 Internal Server Error", ERR_500),
    "err_escapes": cl("400 Bad Request", ESCAPES),
    "go_400_close": b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    b"Connection: close\r\n\r\n400 Bad Request",
    "go_405_empty": b"HTTP/1.1 405 Method Not Allowed\r\nDate: Sat, 07 Jun 2025 08:09:10 GMT\r\n"
                    b"Content-Length: 0\r\n\r\n",
    "redirect_307": b"HTTP/1.1 307 Temporary Redirect\r\nLocation: https://eu-central-1-1.aws.cloud2.influxdata.com/api/v2/authorizations/0d2a3c5b7e8f9000\r\n"
                    b"Content-Length: 0\r\n\r\n",
    "continue_then_200": b"HTTP/1.1 100 Continue\r\n\r\n" + cl("200 OK", AUTH_INACTIVE_CAPTURE),
    "http10_close": b"HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + USER.encode(),
    "no_reason": b"HTTP/1.1 204\r\n\r\n",
    "starting_503": b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                    b"Content-Length: 22\r\n\r\n{\"status\":\"starting\"}\n",
    "pipelined": cl("404 Not Found", ERR_404) + cl("200 OK", USER),
    # smuggling-style and length bugs from anchors.md section 4.3: must be refused
    "cl_and_te": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "chunk_minus2": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-2\r\nxx\r\n0\r\n\r\n",
    "chunk_wrap": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10000000000000001\r\nx\r\n0\r\n\r\n",
    "cl_negative": b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
    "cl_plus": b"HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello",
    "cl_conflict": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
    "cl_same_twice": b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
    "bare_cr": b"HTTP/1.1 200 OK\rContent-Length: 0\r\n\r\n",
    "bare_lf": b"HTTP/1.1 200 OK\nContent-Length: 0\n\n",
    "space_before_colon": b"HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n",
    "obs_fold": b"HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\nContent-Length: 0\r\n\r\n",
    "lf_in_chunk_ext": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;a=\nb\r\nx\r\n0\r\n\r\n",
    "no_last_chunk": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n",
    "te_gzip_chunked": b"HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n",
    "trailer": b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\nX-T: 1\r\n\r\n",
    "cl_0x": b"HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\nhello",
    "switching": b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n",
}

JSONS = {
    "auth_pretty": AUTH_PRETTY, "auth_capture": AUTH_ACTIVE_CAPTURE, "legacy": LEGACY,
    "list": LIST, "list_empty": LIST_EMPTY, "user": USER, "err_404": ERR_404, "err_401": ERR_401,
    "err_500": ERR_500, "escapes": ESCAPES, "null": "null", "null_status": '{"status":null}',
    "case_keys": '{"ID":"0d2a3c5b7e8f9000","STATUS":"inactive","Permissions":null}',
    "dup_keys": '{"status":"active","status":"inactive"}',
    "jsmn125_a": "{0}", "jsmn125_b": "{{}}", "jsmn125_c": "{}:0", "trailing": '{"a":1} x',
    "empty": "", "deep": "[" * 40 + "]" * 40,
    "perms_null_resource": '{"permissions":[{"action":"read","resource":null}]}',
    "perm_wrong_type": '{"permissions":[{"action":1}]}',
}

URLS = ["http://localhost:8086", "https://eu-central-1-1.aws.cloud2.influxdata.com",
        "https://us-west-2-1.aws.cloud2.influxdata.com/", "http://127.0.0.1:18086",
        "http://[::1]:8086/api", "HTTPS://User:Pass@Influx.Example.com:443/path?q=1#f",
        "http://[fe80::1%25eth0]:8086", "http://host:65536", "http://host:0", "ftp://host",
        "localhost:8086", "http://", "http://:8086", "http://h:080", "http://a b", "http://[::1]x"]


def put(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    for name, ans in ANSWERS.items():
        # http_response: split seed, body cap selector (0: 16384)
        put("http_response", name, b"\x07\x00" + ans)
        # client: op, recv seed, flags, token/perm sizes (0: defaults)
        op = 3 if name.startswith("list") else 4 if name.startswith("user") else \
             1 if "capture" in name or name == "auth_200_cl" else 0
        put("client", name, bytes([op, 0x2a, 0x00, 0x00]) + ans)
    put("client", "legacy_inactivate", bytes([2, 1, 0, 0]) + ANSWERS["legacy_200"])
    put("client", "short_writes_small_body", bytes([1, 9, 0x01 | (4 << 3), 0]) + ANSWERS["auth_200_capture"])
    put("client", "timeout", bytes([1, 9, 0x02, 0]) + ANSWERS["go_400_close"])
    put("client", "small_req_buf", bytes([1, 9, 0x40, 0]) + ANSWERS["auth_200_capture"])
    put("http_response", "tiny_body_cap", b"\x03\x81" + ANSWERS["auth_200_chunked"])
    for name, js in JSONS.items():
        put("json", name, b"\x3f\x07" + js.encode())
    put("json", "small_toks", b"\x08\x01" + AUTH_PRETTY.encode())
    for i, u in enumerate(URLS):
        put("url", f"url{i:02d}", u.encode())
    # http_request: flags, cap (2 bytes), method\0path\0param\0qkey\0qval\0host\0token\0ua\0body
    def req(flags, cap, *fields, body=b""):
        return bytes([flags, cap >> 8, cap & 255]) + b"\0".join(f.encode() for f in fields) + b"\0" + body
    put("http_request", "patch", req(0x1e, 1024, "PATCH", "/api/v2/authorizations/", "0d2a3c5b7e8f9000",
                                       "", "", "localhost:8086", "mytoken", "", body=b'{"status":"inactive"}'))
    put("http_request", "legacy_find", req(0x30, 1024, "GET", "/private/legacy/authorizations", "",
                                            "token", "sensor 42/&+?", "[::1]:8086", "tok", "ua/1"))
    put("http_request", "crlf_token", req(0x20, 1024, "GET", "/api/v2/users/", "id", "", "", "h",
                                           "tok\r\nX-Evil: 1", ""))
    put("http_request", "too_small", req(0x00, 100, "PATCH", "/p/", "a b%c\xe9", "k", "v v", "h", "t", "u",
                                          body=b"{}"))

    # config: byte 0 = -c choice, then the configs file (influx-cli-captures.md)
    conf = ('[mock]\n  url = "http://127.0.0.1:18086"\n  token = "mytoken"\n  org = "myorg"\n  active = true\n'
            '# \n# [eu-central]\n#   url = "https://eu-central-1-1.aws.cloud2.influxdata.com"\n#   token = "XXX"\n'
            '#   org = ""\n# \n# [us-central]\n#   url = "https://us-central1-1.gcp.cloud2.influxdata.com"\n'
            '#   token = "XXX"\n#   org = ""\n')
    two = ('[default]\n  url = "http://localhost:8086"\n  token = \'lit\\eral\'\n  org = ""\n  previous = true\n'
           '\n["quoted name"]\n  URL = "https://x.example:8086"\n  token = "esc\\t\\u00e9\\U0001F600\\""\n'
           '  active = false\n  cookie = "c"\n  unknown = 1\n')
    for i, (name, text) in enumerate([("capture", conf), ("two", two), ("bad_line", "[a]\nurl = \n"),
                                      ("crlf", conf.replace("\n", "\r\n")), ("empty", "")]):
        for want in range(4):
            put("config", f"{name}_{want}", bytes([want]) + text.encode())
    # args: byte 0 = env mask, four env values, then argv[1..] (NUL-separated)
    cmds = ["auth inactive --host http://127.0.0.1:18086 -t mytoken --id 06c86c40a9f36000",
            "auth inactive -i 06c86c40a9f36000 --json --hide-headers", "auth inactive",
            "v1 auth set-inactive --host http://127.0.0.1:18086 --token mytoken --id 06c86c40a9f36000 --json",
            "v1 auth set-inactive --username sensor42 --skip-verify --http-debug",
            "auth inactive -t -abc --id 06c86c40a9f36000", "auth inactive -i 06c86c40a9f36000 --id 06c86c40a9f36000",
            "auth inactive --id", "--host http://127.0.0.1:18086 auth inactive --id 06c86c40a9f36000",
            "auth inactive --id 06c86c40a9f36000 foo", "auth inactive -h", "version", "v1 auth --help",
            "auth inactive --configs-path /tmp/c --active-config mock --id=06c86c40a9f36000 -c -",
            "auth inactive --json=false --skip-verify=t --id 06c86c40a9f36000 --"]
    envs = ["http://127.0.0.1:1", "envtoken", "abc", "true"]
    for i, c in enumerate(cmds):
        put("args", f"cmd{i:02d}", bytes([0x00 if i % 2 else 0xff]) +
            b"\0".join(e.encode() for e in envs) + b"\0" + b"\0".join(a.encode() for a in c.split(" ")))


if __name__ == "__main__":
    main()
