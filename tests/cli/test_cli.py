#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of build/influx-lite: byte-for-byte against the official
CLI's captures (../shared/research/influx-cli-captures.md) for the same server
answers (a small mock with the captures' modes), and against the influxd double
(tests/server/influxd_double.py) for state, faults and exit codes. Everything
on 127.0.0.1, free ports, own servers.

The byte-for-byte cases are data, one file per case in tests/cli/cases/ (the
format: tests/cli/cases/README, tests/cli/golden.py), each run as one test;
the checks that need logic are the test_ functions below. Every output of
every run is searched for the tokens at the end."""
import http.server
import json
import os
import socketserver
import subprocess
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import golden  # noqa: E402

BIN = suite.BIN
ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
DEVICE_TOKEN = "device-token-0042"
DEVICE_ID = "0d2a3c5b7e8f9000"
PASSWORD = "myuser-password-for-tests"
SESSION_1 = "MZiOLhbvO_QI-UgaxGc2SlU81uLC1uxLbo9Kn5YsmYt7Gzz_rCiTDL_sL3iJdhYEIH2Sq6Gs8y2-H9YLvZ3YYA=="
# the double's first session after a reset, the password's forms, an extra header's value
SECRET_TOKENS = [OP_TOKEN, DEVICE_TOKEN, "mytoken", "envtoken", PASSWORD, SESSION_1,
                 "bXl1c2VyOm15dXNlci1wYXNzd29yZC1mb3ItdGVzdHM=", "extra-header-secret-42"]
TMP = suite.tmpdir("cli-test-")
ALL_OUTPUT = []           # (name, stdout, stderr, allowed token) for the token grep
DOUBLE = None             # the influxd double (tests/lib/double.py), started by main

# the table of captures a02/a03/a06, shared with the cases
A02 = golden.include("auth_table", {}).decode()


# ------------------------------------------------------------ the captures' mock
def auth_body(status):
    return {"id": ID, "token": "tok_abcdefghijklmnopqrstuvwxyz0123456789==", "status": status,
            "description": "my token", "orgID": "0a1b2c3d4e5f6071", "org": "myorg",
            "userID": "0b1c2d3e4f506172", "user": "myuser",
            "permissions": [{"action": "read", "resource": {"type": "buckets", "orgID": "0a1b2c3d4e5f6071", "org": "myorg"}},
                            {"action": "write", "resource": {"type": "buckets", "id": "0c1d2e3f40516273",
                                                             "orgID": "0a1b2c3d4e5f6071", "org": "myorg", "name": "mybucket"}}],
            "createdAt": "2024-01-02T03:04:05.123456789Z", "updatedAt": "2024-01-02T03:04:06.987654321Z",
            "links": {"self": "/api/v2/authorizations/" + ID, "user": "/api/v2/users/0b1c2d3e4f506172"}}


LEGACY = {"id": ID, "token": "myv1user", "status": "inactive", "description": "my legacy auth",
          "orgID": "0a1b2c3d4e5f6071", "org": "myorg", "userID": "0b1c2d3e4f506172", "user": "myuser",
          "permissions": [{"action": "read", "resource": {"type": "buckets", "id": "0c1d2e3f40516273",
                                                          "orgID": "0a1b2c3d4e5f6071", "org": "myorg", "name": "mybucket"}}],
          "createdAt": "2024-01-02T03:04:05Z", "updatedAt": "2024-01-02T03:04:06Z",
          "links": {"self": "/private/legacy/authorizations/" + ID, "user": "/api/v2/users/0b1c2d3e4f506172"}}
USER = {"id": "0b1c2d3e4f506172", "name": "myuser", "status": "active", "links": {"self": "/api/v2/users/0b1c2d3e4f506172"}}
NOTFOUND = {"code": "not found", "message": "authorization not found"}


class Mock:
    mode = "ok"
    log = []
    custom = None   # (status, body bytes, content type[, reason]) for every request


class MockHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(n)

    def send(self, status, obj=None, raw=None, ctype="application/json; charset=utf-8", reason=None):
        data = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(status, reason)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        body = self.body()
        Mock.log.append((self.command, self.path, dict(self.headers), body))
        if Mock.custom is not None:
            status, raw, ctype = Mock.custom[:3]
            return self.send(status, raw=raw, ctype=ctype, reason=Mock.custom[3] if len(Mock.custom) > 3 else None)
        m, p = Mock.mode, self.path
        if m == "notfound":
            return self.send(404, NOTFOUND)
        if p == "/api/v2/authorizations/" + ID:
            if self.command == "GET":
                return self.send(200, auth_body("active"))
            if m == "patch404":
                return self.send(404, NOTFOUND)
            return self.send(200, auth_body(json.loads(body)["status"]))
        if p == "/private/legacy/authorizations/" + ID and self.command == "PATCH":
            return self.send(200, LEGACY)
        if p.startswith("/private/legacy/authorizations?token=myv1user"):
            return self.send(200, {"authorizations": [LEGACY]})
        if p.startswith("/private/legacy/authorizations?token="):
            return self.send(200, {"authorizations": []})
        if p == "/api/v2/users/0b1c2d3e4f506172":
            if m == "user404":
                return self.send(404, {"code": "not found", "message": "user not found"})
            return self.send(200, USER)
        return self.send(404, {"code": "not found", "message": "path not found"})

    do_GET = do_PATCH = do_POST = handle_any


class TS(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True


MOCK = TS(("127.0.0.1", 0), MockHandler)
MOCK_URL = "http://127.0.0.1:%d" % MOCK.server_address[1]
threading.Thread(target=MOCK.serve_forever, daemon=True).start()
suite.at_exit(MOCK.server_close)
suite.at_exit(MOCK.shutdown)


def mock(mode="ok", custom=None):
    Mock.mode, Mock.custom, Mock.log = mode, custom, []


# ------------------------------------------------------------ running the CLI
def run(args, env=None, allowed_token=None, argv0=None, home=None):
    """args and env values: str or bytes. Returns (exit, stdout, stderr), the
    outputs decoded (UTF-8, bad bytes replaced)."""
    rc, out, err = run_bytes(args, env, allowed_token, argv0, home)
    return rc, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def run_bytes(args, env=None, allowed_token=None, argv0=None, home=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": home or os.path.join(TMP, "nohome"),
         "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs")}
    if env:
        e.update(env)
    e = {k: v for k, v in e.items() if v is not None}
    p = subprocess.run([argv0 or BIN] + list(args), env=e, capture_output=True, timeout=40, executable=BIN,
                       stdin=subprocess.DEVNULL)
    name = " ".join(a.decode("utf-8", "replace") if isinstance(a, bytes) else a for a in args)
    ALL_OUTPUT.append((name, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), allowed_token))
    return p.returncode, p.stdout, p.stderr


def write_file(path, data, mode=0o600):
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)
    return path


def write_configs(text, mode=0o600, name="configs"):
    return write_file(os.path.join(TMP, name), text.encode(), mode)


# ------------------------------------------------------------ the cases (tests/cli/cases)
def case_setup(case):
    """The case's variables, directory, files and server; returns (expected, [clean-ups])."""
    d = os.path.join(TMP, "cases", case.name)
    os.makedirs(d)
    variables = {"MOCK": MOCK_URL, "DOUBLE": DOUBLE.url, "DOUBLEHOST": DOUBLE.url.split("//", 1)[1], "DIR": d}
    cleanups = []
    if (case.one("server") or "").split()[:1] == ["closed"]:
        sock, port = servers.closed_port()
        cleanups.append(sock.close)
        variables["PORT"] = str(port)
    exp = golden.Expected(case, variables)
    for name in exp.dirs:
        os.makedirs(os.path.join(d, name))
    for name, mode, data in exp.files:
        write_file(os.path.join(d, name), data, mode)
    if exp.server[0] == "mock":
        mock(exp.server[1] if len(exp.server) > 1 else "ok", exp.reply)
    elif exp.server[0] == "double":
        DOUBLE.reset(exp.faults)
        for where, obj in exp.set_states:
            table, ident = where.split("/")
            DOUBLE.set_state(table, ident, obj)
    return exp, d, cleanups


def raw_headers(raw):
    """The headers of a raw request as sent: {name: the first value of that name}."""
    out = {}
    for line in raw.split("\r\n\r\n", 1)[0].split("\r\n")[1:]:
        name, _, value = line.partition(":")
        out.setdefault(name, value.strip(" \t"))
    return out


def case_check(exp, d, rc, out, err):
    if exp.exit is not None:
        check.eq(rc, exp.exit, "exit code (stderr %r)" % err.decode("utf-8", "replace")[:300])
    if exp.stdout is not None:
        golden.same("stdout", out, exp.stdout)
    if exp.stdout_prefix is not None:
        golden.same("the start of stdout", out[:len(exp.stdout_prefix)], exp.stdout_prefix)
    if exp.stderr is not None:
        golden.same("stderr", err, exp.stderr)
    if exp.server[0] == "mock":
        golden.check_requests(exp, Mock.log)
    elif exp.server[0] == "double":
        log = [(e["method"], e["path"], raw_headers(e.get("raw", "")),
                e.get("raw", "").split("\r\n\r\n", 1)[-1].encode("latin-1")) for e in DOUBLE.log()]
        golden.check_requests(exp, log)
        for where, status in exp.state:
            table, ident = where.split("/")
            check.eq((DOUBLE.state(table, ident) or {}).get("status"), status, "the double's %s" % where)
    for name, mode, data in exp.files:      # the CLI never writes a configs file
        with open(os.path.join(d, name), "rb") as f:
            golden.same("the file %s after the run" % name, f.read(), data)


def run_case(case):
    exp, d, cleanups = case_setup(case)
    try:
        rc, out, err = run_bytes(exp.argv, exp.env, argv0=exp.argv0)
        case_check(exp, d, rc, out, err)
    finally:
        for fn in cleanups:
            fn()


def golden_tests():
    tests = []
    for case in golden.load_all():
        def t(case=case):
            run_case(case)
        t.__name__ = case.name
        tests.append(t)
    return tests


def case_file(name, case, variables=None):
    """The bytes of a `--- file` block of a case, for the tests below."""
    v = dict({"MOCK": MOCK_URL}, **(variables or {}))
    return dict((n, data) for n, _, data in golden.Case(os.path.join(golden.CASES_DIR, case + ".case")).files(v))[name]


# ------------------------------------------------------------ tests that need logic
def test_t_hyphen_rewrite_never_echoes_token():
    mock()
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "-secret-ish", "--id", ID])
    check.eq(rc, 0)
    check.eq(out.splitlines()[0], "warning: -t <token> interpreted as -t=<token>, consider using -t=<token> "
             "syntax when tokens start with a hyphen")
    check.eq("-secret-ish" in out + err, False, "token echoed")
    check.eq(Mock.log[0][2].get("Authorization"), "Token -secret-ish")


def test_auth_json_keys_in_order():
    mock()
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID, "--json"])
    check.eq(rc, 0)
    check.eq(json.loads(out)["token"], "tok_abcdefghijklmnopqrstuvwxyz0123456789==")
    check.eq(list(json.loads(out)), ["id", "description", "token", "status", "userName", "userID", "permissions"])
    check.eq(out.startswith('{\n\t"id": "06c86c40a9f36000",\n'), True)


def test_token_with_crlf_sends_nothing():
    mock()
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "abc\r\nX-Evil: 1", "--id", ID])
    check.eq(rc, 1)
    check.eq("X-Evil" in err, False)
    check.eq(err.count("\n"), 1)
    check.eq(Mock.log, [], "requests")


def test_configs_other_config_and_dash_name_never_rewritten():
    # the file of cases/configs_active_quoted_name.case: its [other] config dials 127.0.0.1:1
    cfg = write_configs(case_file("configs", "configs_active_quoted_name").decode())
    before = open(cfg, "rb").read(), os.stat(cfg).st_mtime_ns
    rc, out, err = run(["v1", "auth", "set-inactive", "--id", ID, "-c", "other", "--configs-path", cfg])
    check.eq(rc, 2, err)
    check.eq("127.0.0.1:1" in err, True)
    rc, out, err = run(["v1", "auth", "set-inactive", "--id", ID, "-c=-", "--configs-path", cfg])
    check.eq(rc, 2, err)
    check.eq((open(cfg, "rb").read(), os.stat(cfg).st_mtime_ns), before, "configs file rewritten")


def test_configs_loose_permissions_warn_once():
    loose = write_configs('[m]\n  url = "%s"\n  token = "mytoken"\n' % MOCK_URL, mode=0o644, name="loose")
    mock()
    rc, out, err = run(["auth", "inactive", "--id", ID], env={"INFLUX_CONFIGS_PATH": loose})
    check.eq(rc, 0)
    check.eq(out, A02)
    check.eq(err.startswith("warning: configs file %s is readable by group or others" % loose), True)
    check.eq(err.count("\n"), 1)


def test_device_inactivates_itself_then_refused():
    # influxd answers with the device's own token; its Token cell is redacted (README's deliberate
    # differences; cases/double_self_revocation_token_redacted.case pins the bytes)
    DOUBLE.reset()
    a = ["auth", "inactive", "--host", DOUBLE.url, "-t", DEVICE_TOKEN, "--id", DEVICE_ID]
    rc, out, err = run(a)
    check.eq((rc, err), (0, ""))
    check.eq(out.splitlines()[1].split("\t")[:3], [DEVICE_ID, "device-0042", "<redacted>"])
    check.eq(DOUBLE.state("authorizations", DEVICE_ID)["status"], "inactive")
    rc, out, err = run(a)
    check.eq(rc, 3)
    check.eq(out, "")
    check.eq(err.startswith('Error: could not find auth with ID "0d2a3c5b7e8f9000": 401 Unauthorized: '), True, err)


def test_double_huge_body_key_skipped():
    # A 1 MiB string under a key the official client's api.Authorization does
    # not have is skipped, as Go's encoding/json skips it (decode.go object):
    # the answer streams through the decoder and the token is inactivated.
    DOUBLE.reset([{"mode": "huge_body", "count": 1}])
    rc, out, err = run(["auth", "inactive", "--host", DOUBLE.url, "-t", OP_TOKEN, "--id", ID])
    check.eq((rc, err), (0, ""))
    check.eq(out.splitlines()[1].split("\t")[0], ID)
    check.eq(DOUBLE.state("authorizations", ID)["status"], "inactive")


def test_status_reason_of_any_length():
    # Go's resp.Status is all of the status line after "HTTP/1.1 " (net/http
    # response.go ReadResponse: strings.Cut at the first space), whatever its
    # length short of the 10 MiB header limit, and influx-cli's error starts
    # with it (api/client.go makeApiError: GenericOpenAPIError{error:
    # localVarHTTPResponse.Status}): a 300 KB reason is printed whole.
    reason = "Denied by the  proxy " + "r" * 300000 + " "
    mock(custom=(403, b'{"code": "forbidden", "message": "no"}', "application/json", reason))
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID])
    check.eq((rc, out), (3, ""))
    check.eq(err, 'Error: could not find auth with ID "%s": 403 %s: no\n' % (ID, reason))


def test_http_debug_redacts_and_skip_verify_warns():
    DOUBLE.reset()
    rc, out, err = run(["auth", "inactive", "--host", DOUBLE.url, "-t", OP_TOKEN, "--id", ID, "--http-debug",
                        "--skip-verify"])
    check.eq((rc, out), (0, A02), err)
    check.eq("Authorization: Token <redacted>" in err, True, err[:300])
    check.eq(err.startswith("warning: TLS certificate verification is disabled (--skip-verify)\n"), True)
    check.eq("PATCH /api/v2/authorizations/" + ID in err, True)


def test_signin_secrets_never_printed():
    """The password (in the cookie, in the Basic header), the session (in Set-Cookie
    and Cookie) and --extra-http-header values are secrets: the --http-debug dump
    redacts them both ways (test_tokens_never_printed then searches every output)."""
    DOUBLE.reset()
    cfg = write_configs('[s]\n  url = "%s"\n  cookie = "%s"\n'
                        % (DOUBLE.url, "bXl1c2VyOm15dXNlci1wYXNzd29yZC1mb3ItdGVzdHM="), name="signin-configs")
    rc, out, err = run(["v1", "auth", "set-inactive", "--configs-path", cfg, "--id", ID, "--http-debug",
                        "--extra-http-header", "X-Api-Key: extra-header-secret-42"])
    check.eq(rc, 0, err[-300:])
    for line in ("Authorization: Basic <redacted>", "Set-Cookie: <redacted>", "Cookie: <redacted>",
                 "X-Api-Key: <redacted>"):
        check.eq(line in err, True, "%r in the dump" % line)
    check.eq(err.count("Cookie: <redacted>"), 3, "the session in the answer, then on both requests")


def test_reverse_proxy_prefix_lands_on_index_html():
    """A reverse proxy that puts a path prefix before the API's paths brings the
    requests outside influxd's API: influxd answers its UI's index.html, 200 for any
    method (tests/server/influxd_ui.py; http/platform_handler.go, static/static.go),
    which the official CLI cannot decode (influx-cli api/client.gen.go decode:
    "unable to decode response content type"); nothing is inactivated."""
    DOUBLE.reset()
    proxy = servers.PrefixProxy(DOUBLE.port, "/influx")
    html = ': unable to decode response content type "text/html; charset=utf-8"\n'
    try:
        rc, out, err = run(["auth", "inactive", "--host", proxy.url, "-t", OP_TOKEN, "--id", ID])
        check.eq((rc, out, err), (4, "", 'Error: could not find auth with ID "%s"%s' % (ID, html)), "v2")
        check.eq([(e["method"], e["path"]) for e in DOUBLE.log()], [("GET", "/influx/api/v2/authorizations/" + ID)],
                 "the double saw the prefixed path")
        rc, out, err = run(["v1", "auth", "set-inactive", "--host", proxy.url, "-t", OP_TOKEN, "--id", ID])
        check.eq((rc, out, err), (4, "", 'Error: failed to update status of authorization with ID "%s"%s' % (ID, html)),
                 "v1: the PATCH lands there too")
        check.eq((DOUBLE.state("authorizations", ID)["status"], DOUBLE.state("legacy", ID)["status"]),
                 ("active", "active"), "nothing inactivated")
    finally:
        proxy.close()


def test_tokens_never_printed():
    for name, out, err, allowed in ALL_OUTPUT:
        for t in SECRET_TOKENS:
            if t == allowed:
                continue
            if t in out or t in err:
                raise AssertionError("token %r printed by %r" % (t, name))


if __name__ == "__main__":
    suite.require(BIN)
    DOUBLE = double.Double()
    code = [v for k, v in list(globals().items()) if k.startswith("test_") and k != "test_tokens_never_printed"]
    check.run(golden_tests() + code + [test_tokens_never_printed])
