#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of build/influx-lite: byte-for-byte against the official
CLI's captures (/work/shared/research/influx-cli-captures.md) for the same
server answers (a small mock with the captures' modes), and against the
influxd double (tests/server/influxd_double.py) for state, faults and exit
codes. Everything on 127.0.0.1, free ports, own servers."""
import http.server
import json
import os
import socketserver
import stat
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import check  # noqa: E402

BIN = os.environ.get("INFLUX_LITE", os.path.join(ROOT, "build", "influx-lite"))
DOUBLE = os.path.join(ROOT, "tests", "server", "influxd_double.py")
ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
DEVICE_TOKEN = "device-token-0042"
DEVICE_ID = "0d2a3c5b7e8f9000"
SECRET_TOKENS = [OP_TOKEN, DEVICE_TOKEN, "mytoken", "envtoken"]
TMP = tempfile.mkdtemp(prefix="cli-test-")
ALL_OUTPUT = []           # (name, stdout, stderr, allowed token) for the token grep

# ------------------------------------------------------------ expected bytes
HELP_COMMON = (
    "COMMON OPTIONS:\n"
    "   --host value                     HTTP address of InfluxDB [$INFLUX_HOST]\n"
    "   --skip-verify                    Skip TLS certificate chain and host name verification [$INFLUX_SKIP_VERIFY]\n"
    "   --configs-path value             Path to the influx CLI configurations [$INFLUX_CONFIGS_PATH]\n"
    "   --active-config value, -c value  Config name to use for command [$INFLUX_ACTIVE_CONFIG]\n"
    "   --http-debug                     \n"
    "   --json                           Output data as JSON [$INFLUX_OUTPUT_JSON]\n"
    "   --hide-headers                   Hide the table headers in output data [$INFLUX_HIDE_HEADERS]\n"
    "   --token value, -t value          Token to authenticate request [$INFLUX_TOKEN]\n"
    "   \n")
# influx-lite's own flags, under OPTIONS after the documented ones (same layout)
HELP_LITE = (
    "   --ids-from value      Read authorization IDs from a file, one a line (- for stdin; blank lines and # comments skipped)\n"
    "   --timeout value       Deadline of each inactivation: connect, TLS handshake and every request (default: 30s) [$INFLUX_LITE_TIMEOUT]\n"
    "   --retries value       Retry connection failures (never an HTTP answer) with backoff, within --timeout (default: 0)\n"
    "   --ca-cert value       PEM file of the CA certificates to trust (instead of $SSL_CERT_FILE and the system's)\n"
    "   --pin-sha256 value    SHA-256 of the server's public key (SubjectPublicKeyInfo): base64, sha256//base64 or hex\n")
HELP_AUTH = ("NAME:\n   influx auth inactive - Inactive authorization\n\n"
             "USAGE:\n   influx auth inactive [command options] [arguments...]\n\n" + HELP_COMMON +
             "OPTIONS:\n   --id value, -i value  The authorization ID (required)\n" + HELP_LITE + "   \n")
HELP_V1 = ("NAME:\n   influx v1 auth set-inactive - Change the status of an authorization to inactive\n\n"
           "USAGE:\n   influx v1 auth set-inactive [command options] [arguments...]\n\n" + HELP_COMMON +
           "OPTIONS:\n   --id value, -i value  The ID of the authorization\n"
           "   --username value      The username of the authorization [$INFLUX_USERNAME]\n" + HELP_LITE + "   \n")
# captures a02/a03/a06
A02 = ("ID\t\t\tDescription\tToken\t\t\t\t\t\tUser Name\tUser ID\t\t\tPermissions\n"
       "06c86c40a9f36000\tmy token\ttok_abcdefghijklmnopqrstuvwxyz0123456789==\tmyuser\t\t0b1c2d3e4f506172\t"
       "[read:orgs/0a1b2c3d4e5f6071/buckets write:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273]\n")
# captures v01/x08/x11/v09
V01 = ("ID\t\t\tDescription\tUsername\tv2 User Name\tv2 User ID\t\tPermissions\n"
       "06c86c40a9f36000\tmy legacy auth\tmyv1user\tmyuser\t\t0b1c2d3e4f506172\t"
       "[read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273]\n")
# capture v03
V03 = ("06c86c40a9f36000\tmy legacy auth\tmyv1user\tmyuser\t0b1c2d3e4f506172\t"
       "[read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273]\n")
# captures v02/v04/v10
V02 = ('{\n\t"id": "06c86c40a9f36000",\n\t"description": "my legacy auth",\n\t"token": "myv1user",\n'
       '\t"status": "inactive",\n\t"userName": "myuser",\n\t"userID": "0b1c2d3e4f506172",\n'
       '\t"permissions": [\n\t\t"read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273"\n\t]\n}\n')


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
    custom = None   # (status, body bytes, content type) for every request


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

    def send(self, status, obj=None, raw=None, ctype="application/json; charset=utf-8"):
        data = raw if raw is not None else json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def handle_any(self):
        body = self.body()
        Mock.log.append((self.command, self.path, dict(self.headers), body))
        if Mock.custom is not None:
            return self.send(Mock.custom[0], raw=Mock.custom[1], ctype=Mock.custom[2])
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


def mock(mode="ok", custom=None):
    Mock.mode, Mock.custom, Mock.log = mode, custom, []


# ------------------------------------------------------------ the double
class Double:
    proc = None
    url = None


def start_double():
    pf = os.path.join(TMP, "double.port")
    Double.proc = subprocess.Popen([sys.executable, DOUBLE, "--port", "0", "--port-file", pf, "--max-seconds", "300"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        if os.path.exists(pf):
            with open(pf) as f:
                txt = f.read().strip()
            if txt:
                Double.url = "http://127.0.0.1:" + txt
                return
        time.sleep(0.025)
    raise RuntimeError("double did not start")


def dctl(method, path, obj=None):
    data = json.dumps(obj).encode() if obj is not None else None
    req = urllib.request.Request(Double.url + path, data=data, method=method)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, None


# ------------------------------------------------------------ running the CLI
def run(args, env=None, allowed_token=None, argv0=None, home=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": home or os.path.join(TMP, "nohome"),
         "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs")}
    if env:
        e.update(env)
    e = {k: v for k, v in e.items() if v is not None}
    p = subprocess.run([argv0 or BIN] + args, env=e, capture_output=True, timeout=40, executable=BIN)
    out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
    ALL_OUTPUT.append((" ".join(args), out, err, allowed_token))
    return p.returncode, out, err


def expect(res, code, out=None, err=None):
    rc, o, e = res
    if out is not None:
        check.eq(o, out, "stdout")
    if err is not None:
        check.eq(e, err, "stderr")
    check.eq(rc, code, "exit code (stderr %r)" % e)


def write_configs(text, mode=0o600, name="configs"):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)
    return path


def mock_config(url=None, token="mytoken", extra=""):
    return write_configs('[mock]\n  url = "%s"\n  token = "%s"\n  org = "myorg"\n  active = true\n%s'
                         '# \n# [eu-central]\n#   url = "https://eu-central-1-1.aws.cloud2.influxdata.com"\n'
                         '#   token = "XXX"\n#   org = ""\n' % (url or MOCK_URL, token, extra))


V1F = ["v1", "auth", "set-inactive", "--host", None, "-t", "mytoken", "--id", ID]


def v1(*extra, host=None):
    a = list(V1F)
    a[4] = host or MOCK_URL
    return a + list(extra)


# ------------------------------------------------------------ tests: help and usage
def test_help_auth_short_and_long():
    for flag in ("-h", "--help", "-help"):
        expect(run(["auth", "inactive", flag]), 0, HELP_AUTH, "")
    expect(run(["authorization", "inactive", "--id", ID, "-h"]), 0, HELP_AUTH, "")


def test_help_v1():
    expect(run(["v1", "auth", "set-inactive", "--help"]), 0, HELP_V1, "")
    expect(run(["v1", "authorization", "set-inactive", "-h"]), 0, HELP_V1, "")


def test_argv0_influx_and_version():
    expect(run(["auth", "inactive", "-h"], argv0="influx"), 0, HELP_AUTH, "")
    expect(run(["version"]), 0, "influx-lite 0.1.0\n", "")
    expect(run(["--version"]), 0, "influx-lite 0.1.0\n", "")


def test_a09_missing_id():
    mock()
    expect(run(["auth", "inactive"]), 1, HELP_AUTH, 'Error: Required flag "id" not set\n')
    check.eq(Mock.log, [], "requests")


def test_x02_both_id_forms():
    err = "Cannot use two forms of the same flag: i id"
    expect(run(["auth", "inactive", "-i", ID, "--id", ID]), 1,
           "Incorrect Usage: " + err + "\n\n" + HELP_AUTH, "Error: " + err + "\n")
    expect(run(v1("-i", ID)), 1, "Incorrect Usage: " + err + "\n\n" + HELP_V1, "Error: " + err + "\n")


def test_x03_id_needs_argument():
    expect(run(["auth", "inactive", "--id"]), 1,
           "Incorrect Usage: flag needs an argument: -id\n\n" + HELP_AUTH, "Error: flag needs an argument: -id\n")
    expect(run(["auth", "inactive", "-i"]), 1,
           "Incorrect Usage: flag needs an argument: -i\n\n" + HELP_AUTH, "Error: flag needs an argument: -i\n")


def test_undefined_flag():
    expect(run(["auth", "inactive", "--id", ID, "--foo"]), 1,
           "Incorrect Usage: flag provided but not defined: -foo\n\n" + HELP_AUTH,
           "Error: flag provided but not defined: -foo\n")
    expect(run(["auth", "inactive", "--id", ID, "--username", "x"]), 1, None,
           "Error: flag provided but not defined: -username\n")


def test_x04_app_level_flag():
    rc, out, err = run(["--host", MOCK_URL, "auth", "inactive", "--id", ID])
    check.eq(rc, 1)
    check.eq(out.startswith("Incorrect Usage. flag provided but not defined: -host\n\nNAME:\n   influx - Influx Client\n"), True)
    check.eq(err, "Error: flag provided but not defined: -host\n")


def test_x05_positional_unknown_command():
    mock()
    expect(run(["auth", "inactive", "--id", ID, "--host", MOCK_URL, "foo"]), 1, "",
           'Error: unknown command "foo" for "inactive"\n')
    expect(run(v1("foo")), 1, "", 'Error: unknown command "foo" for "set-inactive"\n')
    # a bool flag followed by a bare word stops flag parsing (argument reordering)
    expect(run(["v1", "auth", "set-inactive", "--json", "foo", "--id", ID, "--host", MOCK_URL]), 1, "",
           'Error: unknown command "foo" for "set-inactive"\n')
    check.eq(Mock.log, [], "requests")


def test_x07_bad_bool_env():
    err = ('could not parse abc as bool value for flag json: strconv.ParseBool: parsing "abc": invalid syntax')
    expect(run(v1(), env={"INFLUX_OUTPUT_JSON": "abc"}), 1,
           "Incorrect Usage: " + err + "\n\n" + HELP_V1, "Error: " + err + "\n")
    expect(run(v1("--json=maybe")), 1, None, 'Error: invalid boolean value "maybe" for -json: parse error\n')


def test_t_hyphen_rewrite_never_echoes_token():
    mock()
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "-secret-ish", "--id", ID])
    check.eq(rc, 0)
    check.eq(out.splitlines()[0], "warning: -t <token> interpreted as -t=<token>, consider using -t=<token> "
             "syntax when tokens start with a hyphen")
    check.eq("-secret-ish" in out + err, False, "token echoed")
    check.eq(Mock.log[0][2].get("Authorization"), "Token -secret-ish")


def test_v07_v1_id_or_username():
    mock()
    expect(run(["v1", "auth", "set-inactive", "--host", MOCK_URL, "-t", "mytoken"]), 1, "",
           "Error: id or username required\n")
    expect(run(v1("--username", "bob")), 1, "", "Error: specify id or username, not both\n")
    check.eq(Mock.log, [], "requests")


# ------------------------------------------------------------ tests: golden output
def test_a02_a03_config_table():
    cfg = mock_config()
    for idflag in ("--id", "-i", "-id", "--id="):
        mock()
        a = ["auth", "inactive", idflag + ID] if idflag.endswith("=") else ["auth", "inactive", idflag, ID]
        expect(run(a, env={"INFLUX_CONFIGS_PATH": cfg}), 0, A02, "")
        check.eq([(m, p) for m, p, _, _ in Mock.log],
                 [("GET", "/api/v2/authorizations/" + ID), ("PATCH", "/api/v2/authorizations/" + ID)])
        check.eq(Mock.log[0][2].get("Authorization"), "Token mytoken")
        check.eq(json.loads(Mock.log[1][3]), {"status": "inactive"})


def test_auth_flags_documented():
    mock()
    expect(run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID]), 0, A02, "")
    mock()
    expect(run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID, "--hide-headers"]), 0,
           A02.split("\n", 1)[1].replace("myuser\t\t", "myuser\t"), "")
    mock()
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID, "--json"])
    check.eq(rc, 0)
    check.eq(json.loads(out)["token"], "tok_abcdefghijklmnopqrstuvwxyz0123456789==")
    check.eq(list(json.loads(out)), ["id", "description", "token", "status", "userName", "userID", "permissions"])
    check.eq(out.startswith('{\n\t"id": "06c86c40a9f36000",\n'), True)


def test_v01_v03_v02_v1_outputs():
    mock()
    expect(run(v1()), 0, V01, "")
    check.eq([(m, p) for m, p, _, _ in Mock.log],
             [("PATCH", "/private/legacy/authorizations/" + ID), ("GET", "/api/v2/users/0b1c2d3e4f506172")])
    mock()
    expect(run(v1("--hide-headers")), 0, V03, "")
    for extra in (["--json"], ["--json", "--hide-headers"]):
        mock()
        expect(run(v1(*extra)), 0, V02, "")
    mock()
    expect(run(v1(), env={"INFLUX_OUTPUT_JSON": "true"}), 0, V02, "")


def test_x08_x11_host_path_and_no_token():
    mock()
    expect(run(v1(host=MOCK_URL + "/influx/")), 0, V01, "")
    check.eq(Mock.log[0][1], "/private/legacy/authorizations/" + ID)
    mock()
    expect(run(["v1", "auth", "set-inactive", "--host", MOCK_URL, "--id", ID]), 0, V01, "")
    check.eq("Authorization" in Mock.log[0][2], False)


def test_v1_by_username():
    mock()
    expect(run(["v1", "auth", "set-inactive", "--host", MOCK_URL, "-t", "mytoken", "--username", "myv1user"]),
           0, V01, "")
    check.eq([(m, p) for m, p, _, _ in Mock.log][:2],
             [("GET", "/private/legacy/authorizations?token=myv1user"), ("PATCH", "/private/legacy/authorizations/" + ID)])
    mock()
    expect(run(["v1", "auth", "set-inactive", "--host", MOCK_URL, "-t", "mytoken"],
               env={"INFLUX_USERNAME": "myv1user"}), 0, V01, "")
    mock()
    expect(run(["v1", "auth", "set-inactive", "--host", MOCK_URL, "-t", "mytoken", "--username", "bob"]), 3, "",
           'Error: could not find v1 auth with token (username) "bob": %!w(<nil>)\n')


def test_a07_a08_v05_v06_v08_x12_errors():
    mock("notfound")
    expect(run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID]), 3, "",
           'Error: could not find auth with ID "06c86c40a9f36000": 404 Not Found: authorization not found\n')
    mock("patch404")
    expect(run(["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID]), 3, "",
           'Error: could not update status of auth with ID "06c86c40a9f36000": 404 Not Found: authorization not found\n')
    v05 = 'Error: failed to update status of authorization with ID "06c86c40a9f36000": 404 Not Found: authorization not found\n'
    for extra in ([], ["--json"], ["--hide-headers"]):
        mock("notfound")
        expect(run(v1(*extra)), 3, "", v05)
    mock("user404")
    expect(run(v1()), 3, "", 'Error: could not find user from User ID "0b1c2d3e4f506172": 404 Not Found: user not found\n')


def test_error_composition():
    a = ["auth", "inactive", "--host", MOCK_URL, "-t", "mytoken", "--id", ID]
    pre = 'Error: could not find auth with ID "06c86c40a9f36000": '
    mock(custom=(404, b"not json", "text/plain; charset=utf-8"))
    expect(run(a), 3, "", pre + '404 Not Found: unable to decode response content type "text/plain; charset=utf-8"\n')
    mock(custom=(400, b'{"code":"bogus","message":"x"}', "application/json"))
    expect(run(a), 3, "", pre + "400 Bad Request: bogus is not a valid ErrorCode\n")
    mock(custom=(404, b'{"code":"not found"}', "application/json"))
    expect(run(a), 3, "", pre + "404 Not Found: \n")
    mock(custom=(500, b'{"code":"internal error","message":"boom","err":"disk"}', "application/json"))
    expect(run(a), 4, "", pre + "500 Internal Server Error: boom: disk\n")
    mock(custom=(500, b'xyz', "application/json"))
    expect(run(a), 4, "", pre + "500 Internal Server Error: invalid character 'x' looking for beginning of value\n")
    mock(custom=(200, b'<html>', "text/html"))
    expect(run(a), 4, "", pre + 'unable to decode response content type "text/html"\n')


def test_local_id_validation_sends_nothing():
    mock()
    expect(run(["auth", "inactive", "--host", MOCK_URL, "--id", "abc"]), 1, "",
           'Error: could not find auth with ID "abc": id must have a length of 16 bytes\n')
    expect(run(["auth", "inactive", "--host", MOCK_URL, "--id", ""]), 1, "",
           'Error: could not find auth with ID "": id must have a length of 16 bytes\n')
    expect(run(v1("--id", "zzzzzzzzzzzzzzzz")[:-4] + ["--id", "zzzzzzzzzzzzzzzz"]), 1, "",
           'Error: failed to update status of authorization with ID "zzzzzzzzzzzzzzzz": invalid ID\n')
    rc, out, err = run(["auth", "inactive", "--host", MOCK_URL, "-t", "abc\r\nX-Evil: 1", "--id", ID])
    check.eq(rc, 1)
    check.eq("X-Evil" in err, False)
    check.eq(err.count("\n"), 1)
    check.eq(Mock.log, [], "requests")


def test_host_url_errors():
    a = ["auth", "inactive", "-t", "mytoken", "--id", ID, "--host"]
    expect(run(a + ["localhost:8086"]), 1, "",
           'Error: could not find auth with ID "06c86c40a9f36000": Get "localhost:///api/v2/authorizations/'
           '06c86c40a9f36000": unsupported protocol scheme "localhost"\n')
    expect(run(a + ["127.0.0.1:8086"]), 1, "",
           'Error: host URL "127.0.0.1:8086" is invalid: parse "127.0.0.1:8086": first path segment in URL cannot contain colon\n')
    expect(run(a + [""]), 1, "",
           'Error: could not find auth with ID "06c86c40a9f36000": Get "/api/v2/authorizations/06c86c40a9f36000": '
           'unsupported protocol scheme ""\n')


def test_network_errors_exit_2():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    expect(run(["auth", "inactive", "-t", "mytoken", "--id", ID, "--host", "http://127.0.0.1:%d" % port]), 2, "",
           'Error: could not find auth with ID "06c86c40a9f36000": Get "http://127.0.0.1:%d/api/v2/authorizations/'
           '06c86c40a9f36000": dial tcp 127.0.0.1:%d: connect: connection refused\n' % (port, port))


# ------------------------------------------------------------ tests: configs file
def test_configs_selection_and_no_rewrite():
    mock()
    text = ('[other]\n  url = "http://127.0.0.1:1"\n  token = "wrong"\n  org = ""\n  previous = true\n\n'
            '["my mock"]\n  url = "%s"\n  token = \'mytoken\'\n  org = ""\n  active = true # comment\n'
            '  cookie = "ignored"\n  unknownkey = "ignored"\n' % MOCK_URL)
    cfg = write_configs(text)
    before = open(cfg, "rb").read(), os.stat(cfg).st_mtime_ns
    expect(run(v1()[:3] + ["--id", ID], env={"INFLUX_CONFIGS_PATH": cfg}), 0, V01, "")
    check.eq(Mock.log[0][2].get("Authorization"), "Token mytoken")
    rc, out, err = run(["v1", "auth", "set-inactive", "--id", ID, "-c", "other", "--configs-path", cfg])
    check.eq(rc, 2, err)
    check.eq("127.0.0.1:1" in err, True)
    rc, out, err = run(["v1", "auth", "set-inactive", "--id", ID, "-c=-", "--configs-path", cfg])
    check.eq(rc, 2, err)
    expect(run(["v1", "auth", "set-inactive", "--id", ID, "-c", "nope", "--configs-path", cfg]), 1, "",
           'Error: config "nope" is not found\n')
    expect(run(["v1", "auth", "set-inactive", "--id", ID], env={"INFLUX_CONFIGS_PATH": cfg, "INFLUX_ACTIVE_CONFIG": ""}),
           1, "", 'Error: config "" is not found\n')
    check.eq((open(cfg, "rb").read(), os.stat(cfg).st_mtime_ns), before, "configs file rewritten")


def test_configs_malformed_and_loose_permissions():
    bad = write_configs('[a]\n  url = "http://x"\n  token = "unterminated\n', name="bad")
    expect(run(["auth", "inactive", "--id", ID], env={"INFLUX_CONFIGS_PATH": bad}), 1, "",
           "Error: configs file %s: line 3: unterminated string\n" % bad)
    loose = write_configs('[m]\n  url = "%s"\n  token = "mytoken"\n' % MOCK_URL, mode=0o644, name="loose")
    mock()
    rc, out, err = run(["auth", "inactive", "--id", ID], env={"INFLUX_CONFIGS_PATH": loose})
    check.eq(rc, 0)
    check.eq(out, A02)
    check.eq(err.startswith("warning: configs file %s is readable by group or others" % loose), True)
    check.eq(err.count("\n"), 1)
    d = os.path.join(TMP, "adir")
    os.makedirs(d, exist_ok=True)
    expect(run(["auth", "inactive", "--id", ID], env={"INFLUX_CONFIGS_PATH": d}), 1, "",
           "Error: read %s: is a directory\n" % d)


def test_env_precedence():
    cfg = mock_config(url="http://127.0.0.1:1", token="wrong")
    mock()
    # env host beats the config, env token beats the config
    expect(run(["auth", "inactive", "--id", ID],
               env={"INFLUX_CONFIGS_PATH": cfg, "INFLUX_HOST": MOCK_URL, "INFLUX_TOKEN": "envtoken"}), 0, A02, "")
    check.eq(Mock.log[0][2].get("Authorization"), "Token envtoken")
    mock()
    # flags beat env
    expect(run(["auth", "inactive", "--id", ID, "--host", MOCK_URL, "-t", "mytoken"],
               env={"INFLUX_CONFIGS_PATH": cfg, "INFLUX_HOST": "http://127.0.0.1:1", "INFLUX_TOKEN": "envtoken"}),
           0, A02, "")
    check.eq(Mock.log[0][2].get("Authorization"), "Token mytoken")
    mock()
    expect(run(["auth", "inactive", "--id", ID, "--host", MOCK_URL, "-t", "mytoken"],
               env={"INFLUX_HIDE_HEADERS": "1"}), 0, A02.split("\n", 1)[1].replace("myuser\t\t", "myuser\t"), "")


# ------------------------------------------------------------ tests: against the double
def test_device_inactivates_itself_then_refused():
    dctl("POST", "/_double/reset")
    a = ["auth", "inactive", "--host", Double.url, "-t", DEVICE_TOKEN, "--id", DEVICE_ID]
    rc, out, err = run(a, allowed_token=DEVICE_TOKEN)
    check.eq((rc, err), (0, ""))
    check.eq(out.splitlines()[1].split("\t")[0], DEVICE_ID)
    st, rec = dctl("GET", "/_double/state/authorizations/" + DEVICE_ID)
    check.eq(rec["status"], "inactive")
    rc, out, err = run(a)
    check.eq(rc, 3)
    check.eq(out, "")
    check.eq(err.startswith('Error: could not find auth with ID "0d2a3c5b7e8f9000": 401 Unauthorized: '), True, err)


def test_double_operator_and_v1_state():
    dctl("POST", "/_double/reset")
    rc, out, err = run(["auth", "inactive", "--host", Double.url, "-t", OP_TOKEN, "--id", ID])
    check.eq((rc, out, err), (0, A02, ""))
    check.eq(dctl("GET", "/_double/state/authorizations/" + ID)[1]["status"], "inactive")
    st, log = dctl("GET", "/_double/log")
    check.eq([(e["method"], e["path"]) for e in log],
             [("GET", "/api/v2/authorizations/" + ID), ("PATCH", "/api/v2/authorizations/" + ID)])
    rc, out, err = run(v1(host=Double.url)[:5] + ["-t", OP_TOKEN, "--id", ID])
    check.eq((rc, out, err), (0, V01, ""))


def test_double_faults_exit_codes():
    a = ["auth", "inactive", "--host", Double.url, "-t", OP_TOKEN, "--id", ID]
    dctl("POST", "/_double/reset")
    dctl("POST", "/_double/fault", {"mode": "plain_500"})
    rc, out, err = run(a)
    check.eq((rc, out), (4, ""), err)
    dctl("POST", "/_double/reset")
    dctl("POST", "/_double/fault", {"mode": "redirect", "location": "http://evil.example/x", "count": 1})
    expect(run(a), 3, "", 'Error: could not find auth with ID "06c86c40a9f36000": 307 Temporary Redirect: '
           'redirect to http://evil.example/x not followed\n')
    dctl("POST", "/_double/reset")
    dctl("POST", "/_double/fault", {"mode": "close_mid_body", "count": 2})
    rc, out, err = run(a)
    check.eq((rc, out), (4, ""), err)
    dctl("POST", "/_double/reset")
    dctl("POST", "/_double/fault", {"mode": "huge_body", "count": 1})
    rc, out, err = run(a)
    check.eq((rc, out), (4, ""), err)
    check.eq("response too large for buffer" in err, True, err)
    dctl("POST", "/_double/reset")
    # post-condition: the PATCH answers 200 but still "active"
    body = json.dumps(auth_body("active"))
    dctl("POST", "/_double/fault", {"mode": "status", "status": 200, "body": body, "count": 2})
    expect(run(a), 5, "", 'Error: could not update status of auth with ID "06c86c40a9f36000": server answered '
           'status "active", not "inactive"\n')
    dctl("POST", "/_double/reset")


def test_http_debug_redacts_and_skip_verify_warns():
    dctl("POST", "/_double/reset")
    rc, out, err = run(["auth", "inactive", "--host", Double.url, "-t", OP_TOKEN, "--id", ID, "--http-debug",
                        "--skip-verify"])
    check.eq((rc, out), (0, A02), err)
    check.eq("Authorization: Token <redacted>" in err, True, err[:300])
    check.eq(err.startswith("warning: TLS certificate verification is disabled (--skip-verify)\n"), True)
    check.eq("PATCH /api/v2/authorizations/" + ID in err, True)


def test_tokens_never_printed():
    for name, out, err, allowed in ALL_OUTPUT:
        for t in SECRET_TOKENS:
            if t == allowed:
                continue
            if t in out or t in err:
                raise AssertionError("token %r printed by %r" % (t, name))


if __name__ == "__main__":
    if not os.access(BIN, os.X_OK):
        print("FAIL setup: %s not built" % BIN)
        sys.exit(1)
    start_double()
    try:
        check.run([v for k, v in list(globals().items()) if k.startswith("test_")])
    finally:
        Double.proc.terminate()
        Double.proc.wait(5)
        MOCK.shutdown()
