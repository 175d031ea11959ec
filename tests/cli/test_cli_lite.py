#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""End-to-end tests of influx-lite's own flags against the influxd double
(tests/server/influxd_double.py), over HTTP and HTTPS:

  --timeout     one deadline per inactivation (no_answer, trickle, refused + retries)
  --retries     connection failures only (reset_mid_headers), never an HTTP answer
  --ca-cert, --pin-sha256, --skip-verify, SSL_CERT_FILE   (a test CA made with openssl)
  --ids-from FILE|-                  batches over one kept-alive connection
  --id repeated                      the last one counts, as Go's flag package does

The double does not log connections, so every batch test goes through a
small counting TCP relay in front of it: connections == 1 means one TCP
connection and, over HTTPS, one TLS handshake. Figures are printed as '#'
lines (the 1,000-ID batch wall times)."""
import base64
import http.client
import json
import os
import re
import socket
import ssl
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import pki  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

BIN = suite.BIN
TMP = suite.tmpdir("cli-lite-")
ID = "06c86c40a9f36000"
DEVICE_ID = "0d2a3c5b7e8f9000"
UNKNOWN_ID = "0d2a3c5b7e8f9999"
ORG_ID = "0a1b2c3d4e5f6071"
OP_TOKEN = "op-token-for-tests"
SECRETS = [OP_TOKEN, "device-token-0042", "tok_abcdefghijklmnopqrstuvwxyz0123456789=="]
ALL_OUTPUT = []         # (args, stdout, stderr, tokens the output may hold)
PKI = None              # tests/lib/pki.py's test PKI: ca_ec, ca_other; leaf "ec" serves, "other" is another key


def p(name):
    return os.path.join(TMP, name)


def spki_sha256(keyfile):
    return PKI.spki_sha256(keyfile)


# ------------------------------------------------------------ servers
Relay = servers.Relay


class S:
    http = https = None          # the doubles (tests/lib/double.py)
    http_port = https_port = None


def dbl(tls=False):
    return S.https if tls else S.http


def ctl(method, path, obj=None, tls=False):
    return dbl(tls).ctl(method, path, obj)


def reset(tls=False):
    dbl(tls).reset()


def fault(obj):
    S.http.fault(obj)


def dlog(tls=False):
    return dbl(tls).log()


# ------------------------------------------------------------ running the CLI
def run(args, env=None, stdin=None, allowed=None, timeout=60):
    e = {"PATH": "/usr/bin:/bin", "HOME": p("nohome"), "INFLUX_CONFIGS_PATH": p("no-configs")}
    e.update(env or {})
    e = {k: v for k, v in e.items() if v is not None}
    t0 = time.monotonic()
    r = subprocess.run([BIN] + args, env=e, input=stdin, capture_output=True, timeout=timeout)
    dt = time.monotonic() - t0
    out, err = r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")
    ALL_OUTPUT.append((" ".join(args), out, err, allowed or []))
    return r.returncode, out, err, dt


def http_url(port=None):
    return "http://127.0.0.1:%d" % (port or S.http_port)


def auth(*extra, host=None):
    return ["auth", "inactive", "--host", host or http_url(), "-t", OP_TOKEN] + list(extra)


def v1(*extra, host=None):
    return ["v1", "auth", "set-inactive", "--host", host or http_url(), "-t", OP_TOKEN] + list(extra)


def help_text(level_args):
    return run(level_args + ["-h"])[1]


def id_lines(*ids):
    """stdin for --ids-from -: one ID a line"""
    return "".join(i + "\n" for i in ids).encode()


def expect_usage(args, err, env=None):
    rc, out, e, _ = run(args, env=env)
    check.eq(e, "Error: " + err + "\n", "stderr")
    check.eq(rc, 1, "exit")
    return out


# ------------------------------------------------------------ --timeout
def test_timeout_flag_syntax():
    h = help_text(["auth", "inactive"])
    for bad in ("x", "30", "1x", "", "1.s.", "--"):
        out = expect_usage(auth("--id", ID, "--timeout", bad) if bad != "--" else auth("--id", ID, "--timeout=--"),
                           'invalid value "%s" for flag -timeout: parse error' % bad)
        check.eq(out, 'Incorrect Usage: invalid value "%s" for flag -timeout: parse error\n\n%s' % (bad, h))
    expect_usage(auth("--id", ID, "--timeout", "0s"), 'invalid value "0s" for flag -timeout: must be positive')
    expect_usage(auth("--id", ID, "--timeout=-1s"), 'invalid value "-1s" for flag -timeout: must be positive')
    err = 'could not parse "soon" as duration value for flag timeout: time: invalid duration "soon"'
    out = expect_usage(auth("--id", ID), err, env={"INFLUX_LITE_TIMEOUT": "soon"})
    check.eq(out, "Incorrect Usage: " + err + "\n\n" + h)
    # every Go form that parses is accepted
    for good in ("30s", "500ms", "1m30s", "2s", "1.5h", "1h2m3.5s", "2000000us", "3000000000ns"):
        reset()
        rc, out, e, _ = run(auth("--id", ID, "--timeout", good))
        check.eq((rc, e), (0, ""), good)


def test_timeout_no_answer_and_trickle():
    for mode, extra, env, limit in (("no_answer", ["--timeout", "2s"], None, 2.0),
                                    ("no_answer", [], {"INFLUX_LITE_TIMEOUT": "1500ms"}, 1.5),
                                    ("trickle", ["--timeout", "2s"], None, 2.0)):
        reset()
        fault({"mode": mode, "count": 5, "interval": 1.0})
        rc, out, e, dt = run(auth("--id", ID, *extra), env=env)
        check.eq((rc, out), (2, ""), e)
        check.eq(e.count("\n"), 1, e)
        want = ('Error: could not find auth with ID "%s": Get "%s/api/v2/authorizations/%s": '
                'read tcp 127.0.0.1:%s->127.0.0.1:%d: i/o timeout' % (ID, http_url(), ID, "{LOCAL}", S.http_port))
        check.eq(re.match(re.escape(want).replace(re.escape("{LOCAL}"), r"\d+"), e) is not None, True, e)
        check.eq(limit - 0.1 <= dt < limit + 0.7, True, "%s took %.2f s for %.1f s" % (mode, dt, limit))
        print("# --timeout %.1fs against %s: finished after %.2f s" % (limit, mode, dt))


def test_timeout_covers_all_requests_of_one_inactivation():
    # the GET is answered after 1.2 s, the PATCH never: one deadline of 2 s for both
    reset()
    fault({"mode": "delay", "seconds": 1.2, "count": 1})
    fault({"mode": "no_answer", "count": 1})
    rc, out, e, dt = run(auth("--id", ID, "--timeout", "2s"))
    check.eq(rc, 2, e)
    check.eq("could not update status of auth" in e and "i/o timeout" in e, True, e)
    check.eq(dt < 2.7, True, "took %.2f s" % dt)


def test_timeout_with_retries_never_extends_the_deadline():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    rc, out, e, dt = run(auth("--id", ID, "--retries", "10", "--timeout", "2s", host=http_url(port)))
    check.eq(rc, 2, e)
    check.eq("connect: connection refused" in e and e.count("\n") == 1, True, e)
    check.eq(dt < 2.5, True, "took %.2f s" % dt)


# ------------------------------------------------------------ --retries
def test_retries_flag_syntax():
    for bad, why in (("x", "parse error"), ("1.5", "parse error"), ("11", "must be between 0 and 10"),
                     ("-1", "must be between 0 and 10")):
        expect_usage(auth("--id", ID, "--retries", bad) if not bad.startswith("-") else
                     auth("--id", ID, "--retries=" + bad),
                     'invalid value "%s" for flag -retries: %s' % (bad, why))


def test_retries_reset_mid_headers():
    reset()
    fault({"mode": "reset_mid_headers", "count": 1})
    rc, out, e, _ = run(auth("--id", ID))
    check.eq((rc, out), (2, ""), e)
    check.eq("connection reset by peer" in e, True, e)
    reset()
    fault({"mode": "reset_mid_headers", "count": 1})
    rc, out, e, _ = run(auth("--id", ID, "--retries", "1"))
    check.eq((rc, e), (0, ""))
    check.eq(out.splitlines()[1].split("\t")[0], ID)
    check.eq([(x["method"], x["fault"]) for x in dlog()],
             [("GET", "reset_mid_headers"), ("GET", None), ("PATCH", None)])
    # the PATCH itself reset: re-sent (idempotent), the state is inactive once
    reset()
    fault({"mode": "continue", "count": 1})
    fault({"mode": "reset_mid_headers", "count": 1})
    rc, out, e, _ = run(auth("--id", ID, "--retries", "2"))
    check.eq((rc, e), (0, ""))
    check.eq([x["method"] for x in dlog()], ["GET", "PATCH", "PATCH"])
    check.eq(ctl("GET", "/_double/state/authorizations/" + ID)[1]["status"], "inactive")


def test_retries_never_an_http_answer():
    for args_, method in ((auth("--id", UNKNOWN_ID, "--retries", "3"), "GET"),
                          (v1("--id", UNKNOWN_ID, "--retries", "3"), "PATCH")):
        reset()
        rc, out, e, _ = run(args_)
        check.eq(rc, 3, e)
        check.eq("404 Not Found" in e, True, e)
        check.eq([x["method"] for x in dlog()], [method])
    reset()
    fault({"mode": "plain_500", "count": 1})
    rc, out, e, _ = run(auth("--id", ID, "--retries", "3"))
    check.eq(rc, 4, e)
    check.eq(len(dlog()), 1)
    # an answer cut after its first bytes (FIN) is not retried either
    reset()
    fault({"mode": "close_mid_body", "count": 1})
    rc, out, e, _ = run(auth("--id", ID, "--retries", "3"))
    check.eq(rc, 4, e)
    check.eq(len(dlog()), 1)


# ------------------------------------------------------------ TLS
def https(host="127.0.0.1", port=None):
    return "https://%s:%d" % (host, port or S.https_port)


def tls_ok(res, what):
    rc, out, e, _ = res
    check.eq((rc, e), (0, ""), what)
    check.eq(out.splitlines()[1].split("\t")[0], ID, what)


def test_tls_ca_cert_and_ssl_cert_file():
    for host in ("127.0.0.1", "localhost"):
        reset(tls=True)
        tls_ok(run(auth("--id", ID, "--ca-cert", p("ca_ec.crt"), host=https(host))), "--ca-cert " + host)
        reset(tls=True)
        tls_ok(run(auth("--id", ID, host=https(host)), env={"SSL_CERT_FILE": p("ca_ec.crt")}), "SSL_CERT_FILE " + host)
        reset(tls=True)
        # --ca-cert overrides SSL_CERT_FILE
        tls_ok(run(auth("--id", ID, "--ca-cert", p("ca_ec.crt"), host=https(host)),
                   env={"SSL_CERT_FILE": p("ca_other.crt")}), "override " + host)
    # v1 over https too
    reset(tls=True)
    rc, out, e, _ = run(v1("--id", ID, "--ca-cert", p("ca_ec.crt"), host=https()))
    check.eq((rc, e), (0, ""))


def test_tls_unknown_ca_one_line():
    for env, extra in (({}, ["--ca-cert", p("ca_other.crt")]), ({"SSL_CERT_FILE": p("ca_other.crt")}, [])):
        rc, out, e, _ = run(auth("--id", ID, *extra, host=https()), env=env)
        check.eq((rc, out), (2, ""))
        check.eq(e, 'Error: could not find auth with ID "%s": Get "%s/api/v2/authorizations/%s": tls: failed to '
                 'verify certificate: x509: certificate signed by unknown authority\n' % (ID, https(), ID))
    expect_usage(auth("--id", ID, "--ca-cert", p("missing.pem"), host=https()),
                 "open %s: no such file or directory" % p("missing.pem"))


def test_tls_skip_verify_warns_once():
    for host in ("127.0.0.1", "localhost"):
        reset(tls=True)
        rc, out, e, _ = run(auth("--id", ID, "--skip-verify", host=https(host)),
                            env={"SSL_CERT_FILE": p("ca_other.crt")})
        check.eq((rc, e), (0, "warning: TLS certificate verification is disabled (--skip-verify)\n"))
        check.eq(out.splitlines()[1].split("\t")[0], ID)
    # a batch: still one warning
    reset(tls=True)
    rc, out, e, _ = run(auth("--ids-from", "-", host=https()), env={"INFLUX_SKIP_VERIFY": "true"},
                        stdin=id_lines(ID, DEVICE_ID))
    check.eq((rc, e), (0, "warning: TLS certificate verification is disabled (--skip-verify)\n"))


def test_tls_pins():
    digest = spki_sha256("ec.key")
    forms = [base64.b64encode(digest).decode(), "sha256//" + base64.b64encode(digest).decode(),
             digest.hex(), digest.hex().upper(), ":".join("%02x" % b for b in digest),
             base64.urlsafe_b64encode(digest).decode().rstrip("=")]
    for i, pin in enumerate(forms):
        host = ("127.0.0.1", "localhost")[i % 2]
        reset(tls=True)
        tls_ok(run(auth("--id", ID, "--ca-cert", p("ca_ec.crt"), "--pin-sha256", pin, host=https(host))), pin)
    wrong = base64.b64encode(spki_sha256("other.key")).decode()
    msg = ('Error: could not find auth with ID "%s": Get "%s/api/v2/authorizations/%s": tls: server public key '
           'does not match the pinned key\n')
    for host in ("127.0.0.1", "localhost"):
        reset(tls=True)
        rc, out, e, _ = run(auth("--id", ID, "--ca-cert", p("ca_ec.crt"), "--pin-sha256", wrong, host=https(host)))
        check.eq((rc, out, e), (2, "", msg % (ID, https(host), ID)))
        rc, out, e, _ = run(auth("--id", ID, "--skip-verify", "--pin-sha256", wrong, host=https(host)))
        check.eq((rc, out), (2, ""))
        check.eq(e, "warning: TLS certificate verification is disabled (--skip-verify)\n" + msg % (ID, https(host), ID))
        # pinned and not verified: the pin alone is the trust
        reset(tls=True)
        rc, out, e, _ = run(auth("--id", ID, "--skip-verify", "--pin-sha256", forms[0], host=https(host)))
        check.eq(rc, 0, e)
        check.eq([x["method"] for x in dlog(tls=True)], ["GET", "PATCH"])
    for bad in ("abc", "sha256//abc", digest.hex()[:-2], base64.b64encode(digest[:31]).decode()):
        expect_usage(auth("--id", ID, "--pin-sha256", bad),
                     'invalid value "%s" for flag -pin-sha256: not a SHA-256 digest (base64, sha256//base64 '
                     'or 64 hex digits)' % bad)


# ------------------------------------------------------------ batches
def batch_case(tls):
    port = S.https_port if tls else S.http_port
    relay = Relay(port)
    host = ("https://localhost:%d" if tls else "http://127.0.0.1:%d") % relay.port
    reset(tls)
    rc, out, e, _ = run(auth("--ids-from", "-", host=host), env={"SSL_CERT_FILE": p("ca_ec.crt")},
                        stdin=id_lines(ID, UNKNOWN_ID, DEVICE_ID))
    check.eq(rc, 3, e)
    check.eq(e, 'Error: could not find auth with ID "%s": 404 Not Found: authorization not found\n'
                'Error: 1 of 3 inactivations failed: %s\n' % (UNKNOWN_ID, UNKNOWN_ID))
    lines = out.split("\n")
    check.eq(len(lines), 4, out)
    check.eq(lines[0], "ID\t\t\tDescription\tToken\t\t\t\t\t\tUser Name\tUser ID\t\t\tPermissions")
    check.eq([ln.split("\t")[0] for ln in lines[1:3]], [ID, DEVICE_ID])
    check.eq(lines[2].startswith(DEVICE_ID + "\tdevice-0042\tdevice-token-0042\t\t\t\tmyuser\t\t"), True, lines[2])
    check.eq([(x["method"], x["path"].rsplit("/", 1)[1]) for x in dlog(tls)],
             [("GET", ID), ("PATCH", ID), ("GET", UNKNOWN_ID), ("GET", DEVICE_ID), ("PATCH", DEVICE_ID)])
    check.eq(relay.connections, 1, "connections (TLS handshakes)" if tls else "connections")
    for i in (ID, DEVICE_ID):
        check.eq(ctl("GET", "/_double/state/authorizations/" + i, tls=tls)[1]["status"], "inactive")
    return relay


def test_batch_http_one_connection():
    batch_case(False)


def test_batch_https_one_handshake():
    batch_case(True)


def test_batch_reconnects_only_when_the_server_closed():
    relay = Relay(S.http_port)
    reset()
    # the second GET's answer comes with "Connection: close" (an HTTP/1.0 answer): one reconnect
    fault({"mode": "continue", "count": 2})
    fault({"mode": "http10", "count": 1})
    rc, out, e, _ = run(auth("--ids-from", "-", host="http://127.0.0.1:%d" % relay.port), stdin=id_lines(ID, DEVICE_ID))
    check.eq((rc, e), (0, ""))
    check.eq(relay.connections, 2)


def test_batch_ids_from_stdin_and_file():
    reset()
    text = "# devices to revoke\n\n%s\n   %s   # the device\r\n\n# end\n" % (ID, DEVICE_ID)
    rc, out, e, _ = run(auth("--ids-from", "-", "--json"), stdin=text.encode())
    check.eq((rc, e), (0, ""))
    arr = json.loads(out)
    check.eq([o["id"] for o in arr], [ID, DEVICE_ID])
    check.eq([o["status"] for o in arr], ["inactive", "inactive"])
    check.eq(out.startswith('[\n\t{\n\t\t"id": "%s",\n' % ID), True, out[:40])
    check.eq(out.endswith('\n\t\t]\n\t}\n]\n'), True, out[-40:])
    # "-" anywhere among the flags, and --ids-from=-
    reset()
    rc, out, e, _ = run(["auth", "inactive", "--ids-from", "-", "--host", http_url(), "-t", OP_TOKEN],
                        stdin=(ID + "\n" + DEVICE_ID + "\n").encode())
    check.eq((rc, e, len(out.splitlines())), (0, "", 3))
    # one ID from a file: today's single object, byte for byte
    reset()
    f = p("one.txt")
    with open(f, "w") as fh:
        fh.write(ID + "\n")
    rc, out, e, _ = run(v1("--ids-from", f, "--json"))
    check.eq((rc, e), (0, ""))
    check.eq(out.startswith('{\n\t"id": "06c86c40a9f36000",\n\t"description": "my legacy auth",\n'), True, out)
    # v1: bad lines reported, the rest done, the summary lists them
    reset()
    with open(f, "w") as fh:
        fh.write("%s\nnot-an-id\n%s\n" % (ID, UNKNOWN_ID))
    rc, out, e, _ = run(v1("--ids-from", f))
    check.eq(rc, 1, e)
    check.eq(e, 'Error: failed to update status of authorization with ID "not-an-id": id must have a length of 16 bytes\n'
                'Error: failed to update status of authorization with ID "%s": 404 Not Found: authorization not found\n'
                'Error: 2 of 3 inactivations failed: not-an-id, %s\n' % (UNKNOWN_ID, UNKNOWN_ID))
    check.eq(out, "ID\t\t\tDescription\tUsername\tv2 User Name\tv2 User ID\t\tPermissions\n"
                  "06c86c40a9f36000\tmy legacy auth\tmyv1user\tmyuser\t\t0b1c2d3e4f506172\t"
                  "[read:orgs/0a1b2c3d4e5f6071/buckets/0c1d2e3f40516273]\n")


def test_repeated_id_means_the_last_one():
    """--id is a string flag: Go's flag package keeps the last value given
    (flag/flag.go, (*stringValue).Set; urfave/cli v1.22.5's StringFlag is one),
    so a script that passes a default --id and an override revokes only the
    override, as the official CLI does."""
    for flags in (("--id", ID, "--id", DEVICE_ID), ("-i", ID, "-i", DEVICE_ID), ("--id", ID, "--id=" + DEVICE_ID)):
        reset()
        rc, out, e, _ = run(auth(*flags))
        check.eq((rc, e), (0, ""), flags)
        check.eq([ln.split("\t")[0] for ln in out.splitlines()[1:]], [DEVICE_ID], flags)
        check.eq([(x["method"], x["path"].rsplit("/", 1)[1]) for x in dlog()], [("GET", DEVICE_ID), ("PATCH", DEVICE_ID)])
        check.eq(ctl("GET", "/_double/state/authorizations/" + ID)[1]["status"], "active", "the first --id")
    reset()
    rc, out, e, _ = run(v1("--id", UNKNOWN_ID, "--id", ID, "--json"))
    check.eq((rc, e, json.loads(out)["id"]), (0, "", ID))


def test_batch_usage_errors():
    err = "Cannot use two forms of the same flag: i id"
    expect_usage(auth("-i", ID, "--id", DEVICE_ID), err)
    expect_usage(auth("--id", ID, "--ids-from", "-"), "specify --id or --ids-from, not both")
    expect_usage(v1("--ids-from", "-", "-i", ID), "specify --id or --ids-from, not both")
    expect_usage(auth("--ids-from", p("nope.txt")), "open %s: no such file or directory" % p("nope.txt"))
    empty = p("empty.txt")
    with open(empty, "w") as fh:
        fh.write("# nothing\n\n")
    expect_usage(auth("--ids-from", empty), "no authorization ID in " + empty)
    expect_usage(v1("--ids-from", empty, "--username", "myv1user"), "specify id or username, not both")
    reset()
    check.eq(dlog(), [])


def create_auths(n, tls):
    port = S.https_port if tls else S.http_port
    conn = (http.client.HTTPSConnection("127.0.0.1", port, context=ssl.create_default_context(cafile=p("ca_ec.crt")))
            if tls else http.client.HTTPConnection("127.0.0.1", port))
    ids = []
    for i in range(n):
        body = json.dumps({"orgID": ORG_ID, "description": "device-%04d" % i,
                           "permissions": [{"action": "write", "resource": {"type": "buckets", "orgID": ORG_ID,
                                                                            "id": "0c1d2e3f40516273"}}]})
        conn.request("POST", "/api/v2/authorizations", body=body,
                     headers={"Authorization": "Token " + OP_TOKEN, "Content-Type": "application/json"})
        r = conn.getresponse()
        data = json.loads(r.read())
        check.eq(r.status, 201, data)
        ids.append(data["id"])
    conn.close()
    return ids


def thousand(tls):
    port = S.https_port if tls else S.http_port
    reset(tls)
    ids = create_auths(1000, tls)
    f = p("ids-%s.txt" % ("https" if tls else "http"))
    with open(f, "w") as fh:
        fh.write("# 1,000 device tokens\n" + "\n".join(ids) + "\n")
    relay = Relay(port)
    host = ("https://localhost:%d" if tls else "http://127.0.0.1:%d") % relay.port
    ctl("GET", "/_double/log", tls=tls)
    rc, out, e, dt = run(auth("--ids-from", f, host=host), env={"SSL_CERT_FILE": p("ca_ec.crt")})
    check.eq((rc, e), (0, ""))
    lines = out.splitlines()
    check.eq(len(lines), 1001)
    check.eq([ln.split("\t")[0] for ln in lines[1:]], ids)
    # one column layout over all rows: every row's token starts at the same tab stop
    check.eq(len({ln.index("device-") for ln in lines[1:]}), 1)
    check.eq(relay.connections, 1, "connections")
    log = dlog(tls)
    check.eq(len(log), 2000 + 1000)   # 1,000 POSTs of the setup, then GET+PATCH each
    check.eq(sum(1 for x in log if x["method"] == "PATCH"), 1000)
    for i in (ids[0], ids[499], ids[-1]):
        check.eq(ctl("GET", "/_double/state/authorizations/" + i, tls=tls)[1]["status"], "inactive")
    print("# 1,000-ID batch over %s: %.2f s wall (one connection%s)" %
          ("HTTPS" if tls else "HTTP", dt, ", one TLS handshake" if tls else ""))
    check.eq(dt < 30, True, "took %.1f s" % dt)
    # --json with 50 IDs from stdin: a streamed array, in order
    reset(tls)
    ids = create_auths(50, tls)
    rc, out, e, _ = run(auth("--json", "--ids-from", "-", host=host), env={"SSL_CERT_FILE": p("ca_ec.crt")},
                        stdin=id_lines(*ids))
    check.eq((rc, e), (0, ""))
    check.eq([o["id"] for o in json.loads(out)], ids)


def test_batch_1000_ids_http():
    thousand(False)


def test_batch_1000_ids_https():
    thousand(True)


def test_https_batch_without_malloc():
    """build/cli/influx-lite-nomalloc (malloc wrapped, see test_cli_nomalloc.sh): a
    batch over HTTPS with a pin and a retry makes no heap call from project code."""
    nomalloc = suite.NOMALLOC_BIN
    if not os.access(nomalloc, os.X_OK):
        raise AssertionError(nomalloc + " not built")
    reset(tls=True)
    count = p("malloc-count")
    pin = base64.b64encode(spki_sha256("ec.key")).decode()
    e = {"PATH": "/usr/bin:/bin", "HOME": p("nohome"), "INFLUX_CONFIGS_PATH": p("no-configs"),
         "IL_MALLOC_COUNT_FILE": count, "SSL_CERT_FILE": p("ca_ec.crt")}
    r = subprocess.run([nomalloc] + auth("--ids-from", "-", "--json", "--pin-sha256", pin, "--retries", "2",
                                         host=https("localhost")),
                       env=e, capture_output=True, timeout=60, input=id_lines(ID, UNKNOWN_ID, DEVICE_ID))
    check.eq(r.returncode, 3, r.stderr)
    check.eq(len(json.loads(r.stdout)), 2)
    with open(count) as f:
        check.eq(f.read().strip(), "0", "project malloc calls")


def test_tokens_never_printed():
    for name, out, err, allowed in ALL_OUTPUT:
        for t in SECRETS:
            if t in err:
                raise AssertionError("token %r on stderr of %r" % (t, name))
        if OP_TOKEN in out:
            raise AssertionError("operator token printed by %r" % name)


if __name__ == "__main__":
    suite.require(BIN)
    PKI = pki.make_test_pki(TMP, 7000, leaves=("ec", "other"))
    S.http = double.Double(max_seconds=500)
    S.https = double.Double(tls_cert=p("ec.crt"), tls_key=p("ec.key"), ca=p("ca_ec.crt"), max_seconds=500)
    S.http_port, S.https_port = S.http.port, S.https.port
    check.run([v for k, v in list(globals().items()) if k.startswith("test_")])
