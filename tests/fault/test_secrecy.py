#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Secrecy (issue 5 part 4): the caller's token never appears on stdout or stderr, in
any form (plain, base64 in every alignment, URL-encoded, hex, its distinctive half),
whatever goes wrong before a request: bad flags, bad URL, bad configs file with the
token on the bad line, a token holding CR/LF/control bytes (refused, nothing sent),
the `-t -abc` rewrite warning, --http-debug. The token comes in through -t, --token=,
INFLUX_TOKEN and a configs file in turn. Also: a configs file readable by others
earns exactly one warning line, a 0600 one none; and with --http-debug the final
error starts its own line. (The fault matrix greps every fault case the same way.)"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402
from faultlib import ID, OP_TOKEN, SECRET, check  # noqa: E402

BIN = faultlib.BIN
DBL = None
RECORDER = None
CFG_N = [0]
ALL = []     # (what, stdout, stderr)


def configs(text, mode=0o600):
    CFG_N[0] += 1
    path = os.path.join(faultlib.TMP, "configs-%d" % CFG_N[0])
    with open(path, "wb") as f:
        f.write(text.encode("latin-1") if isinstance(text, str) else text)
    os.chmod(path, mode)
    return path


def run(argv, env=None, what=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(faultlib.TMP, "nohome"),
         "INFLUX_CONFIGS_PATH": os.path.join(faultlib.TMP, "no-configs")}
    e.update(env or {})
    # environment values cannot hold NUL; everything else goes through as bytes
    e = {k: v.encode("latin-1") if isinstance(v, str) else v for k, v in e.items()}
    args = [a.encode("latin-1") if isinstance(a, str) else a for a in argv]
    p = subprocess.run([BIN] + args, env=e, capture_output=True, timeout=40)
    out, err = p.stdout.decode("latin-1"), p.stderr.decode("latin-1")
    ALL.append((what or " ".join(map(str, argv))[:120], out, err))
    no_leak(out + err, what or argv)
    if p.returncode < 0 or p.returncode >= 128:
        raise AssertionError("crash: exit %d for %r" % (p.returncode, argv))
    return p.returncode, out, err


def no_leak(text, what, tokens=(SECRET, OP_TOKEN)):
    found = faultlib.leaks(text, tokens)
    if found:
        raise AssertionError("TOKEN LEAK %r in the output of %r: %r" % (found[:2], what, text[:400]))


def fresh_recorder():
    with RECORDER.lock:
        RECORDER.connections = 0
        RECORDER.received = bytearray()


def usage_error(res, what):
    rc, out, err = res
    check.eq(rc, 1, "exit code of %s (stderr %r)" % (what, err))
    lines = err.split("\n")
    check.eq(len(lines) == 2 and lines[1] == "" and lines[0].startswith("Error: "), True,
             "one 'Error: ' line on stderr for %s, got %r" % (what, err))
    check.eq(RECORDER.connections, 0, "connections made by %s" % what)


def with_token_three_ways(extra, token=SECRET, host=None):
    """The same command with the token from -t, --token=, INFLUX_TOKEN and a configs file."""
    host = RECORDER.url if host is None else host
    yield "-t", extra + ["--host", host, "-t", token], {}
    yield "--token=", extra + ["--host", host, "--token=" + token], {}
    yield "INFLUX_TOKEN", extra + ["--host", host], {"INFLUX_TOKEN": token}
    path = configs('[s]\n  url = "%s"\n  token = "%s"\n  org = ""\n  active = true\n' % (host, token))
    yield "configs", extra, {"INFLUX_CONFIGS_PATH": path}


AUTH = ["auth", "inactive"]
V1 = ["v1", "auth", "set-inactive"]


# ------------------------------------------------------------ usage errors
def test_bad_flags_never_echo_the_token():
    fresh_recorder()
    for how, argv, env in with_token_three_ways(AUTH + ["--id", ID, "--bogus"]):
        usage_error(run(argv, env), "bad flag, token via " + how)
    for how, argv, env in with_token_three_ways(V1 + ["--id", ID, "--json=maybe"]):
        usage_error(run(argv, env), "bad bool, token via " + how)
    # the token given twice, in two forms, and as a flag value where another is expected
    usage_error(run(AUTH + ["--id", ID, "-t", SECRET, "--token", SECRET + "x"]), "two forms of -t")
    usage_error(run(AUTH + ["--id", ID, "--host", RECORDER.url, "-t"]), "-t without a value")
    usage_error(run(V1 + ["--id", ID, "--username", "u", "-t", SECRET, "--host", RECORDER.url]), "id and username")
    for how, argv, env in with_token_three_ways(V1 + ["--id", ID], host=RECORDER.url):
        usage_error(run(argv, dict(env, INFLUX_SKIP_VERIFY="maybe")), "bad INFLUX_SKIP_VERIFY, token via " + how)


def test_bad_id_and_url_never_echo_the_token():
    fresh_recorder()
    for how, argv, env in with_token_three_ways(AUTH + ["--id", "xyz"]):
        usage_error(run(argv, env), "bad id, token via " + how)
    for bad in ("127.0.0.1:8086", "http://[::1", "ftp://127.0.0.1/", "http://127.0.0.1:99999", "http://h\x01st/",
                "", "http://" + SECRET + "@127.0.0.1:1/"):
        for how, argv, env in with_token_three_ways(AUTH + ["--id", ID], host=bad):
            rc, out, err = run(argv, env, what="host %r, token via %s" % (bad, how))
            if bad.startswith("http://" + SECRET):
                # userinfo in the URL is the caller's own text; what matters is that nothing is sent
                continue
            usage_error((rc, out, err), "host %r, token via %s" % (bad, how))


def test_bad_configs_file_with_the_token_on_the_bad_line():
    fresh_recorder()
    bad_lines = [
        '  token = "%s' % SECRET,                    # unterminated
        '  token = "%s" junk' % SECRET,              # trailing text
        '  token = %s' % SECRET,                      # bare value
        '  token = "%s\\q"' % SECRET,                # bad escape
        '  token = """%s' % SECRET,                  # unterminated multi-line string
        '  token = \'%s' % SECRET,                    # unterminated literal
        '  %s' % SECRET,                              # no '='
        '  token = "%s"\n  token = "%s"' % (SECRET, SECRET),   # duplicate key
        '[%s' % SECRET,                               # bad table header
        '  "%s = "x"' % SECRET,                       # bad quoted key
        '  token = "%s\x00"' % SECRET,                # NUL byte
        '  token = "%s\x1b[2J"' % SECRET,             # raw control byte
    ]
    for i, ln in enumerate(bad_lines):
        text = '[bad]\n  url = "%s"\n%s\n  org = ""\n  active = true\n' % (RECORDER.url, ln)
        path = configs(text)
        rc, out, err = run(AUTH + ["--id", ID], {"INFLUX_CONFIGS_PATH": path}, what="bad configs line %d" % i)
        check.eq(rc, 1, "exit for bad configs line %r (stderr %r)" % (ln, err))
        check.eq(err.count("\n"), 1, "one line for bad configs line %r: %r" % (ln, err))
        check.eq(out, "", "stdout")
    check.eq(RECORDER.connections, 0, "connections")
    # a good file, a config name that does not exist
    path = configs('[a]\n  url = "%s"\n  token = "%s"\n  active = true\n' % (RECORDER.url, SECRET))
    usage_error(run(AUTH + ["--id", ID, "-c", "nope", "--configs-path", path]), "-c nope")


def test_token_with_control_bytes_refused_nothing_sent():
    fresh_recorder()
    for ctl in ("\r\nX-Injected: 1", "\n", "\r", "\x01", "\x7f", "\t", "\x1b[31m"):
        tok = SECRET + ctl + "tail"
        for how, argv, env in with_token_three_ways(AUTH + ["--id", ID], token=tok):
            if how == "configs":
                # a configs file cannot hold a raw newline in a string: use the TOML escapes
                esc = ctl.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")
                esc = re.sub(r"[\x00-\x1f\x7f]", lambda m: "\\u%04x" % ord(m.group(0)), esc)
                path = configs('[c]\n  url = "%s"\n  token = "%s"\n  active = true\n' % (RECORDER.url, SECRET + esc + "tail"))
                env = {"INFLUX_CONFIGS_PATH": path}
            rc, out, err = run(argv, env, what="token with %r via %s" % (ctl, how))
            check.eq(rc, 1, "exit for a token with %r via %s (stderr %r)" % (ctl, how, err))
            check.eq(err.count("\n"), 1, "one line: %r" % err)
            check.eq(out, "", "stdout")
        for v1cmd in (V1 + ["--id", ID], V1 + ["--username", "myv1user"]):
            usage_error(run(v1cmd + ["--host", RECORDER.url, "-t", tok]), "v1 token with %r" % ctl)
    check.eq(RECORDER.connections, 0, "connections: a token with a control byte reached the network")
    check.eq(bytes(RECORDER.received), b"", "bytes sent")


def test_hyphen_token_rewrite_warning_never_echoes_it():
    DBL.reset()
    for flag in ("-t", "--token"):
        tok = "-" + SECRET
        rc, out, err = run(AUTH + ["--host", DBL.url, "--id", ID, flag, tok], what="%s -<token>" % flag)
        no_leak(out + err, flag, ("-" + SECRET, SECRET))
        check.eq(out.startswith("warning: %s <token> interpreted as %s=<token>" % (flag, flag)), True, out[:200])
        check.eq(rc, 3, "unknown token against the double: 401 (stderr %r)" % err)
    log = DBL.log()
    check.eq([e["token_header"] for e in log], ["Token -" + SECRET] * 2, "token sent as given")


# ------------------------------------------------------------ --http-debug
def test_http_debug_redacts_the_token():
    DBL.reset()
    for how, argv, env in with_token_three_ways(AUTH + ["--id", ID, "--http-debug"], token=OP_TOKEN, host=DBL.url):
        rc, out, err = run(argv, env, what="--http-debug success via " + how)
        check.eq(rc, 0, "exit (stderr tail %r)" % err[-300:])
        check.eq(err.count("Authorization: Token <redacted>"), 2, "redacted header count")
        DBL.ctl("POST", "/_double/state/authorizations/" + ID, {"status": "active"})
    for how, argv, env in with_token_three_ways(V1 + ["--username", "myv1user", "--http-debug"], token=SECRET,
                                                host=DBL.url):
        rc, out, err = run(argv, env, what="--http-debug 401 via " + how)
        check.eq(rc, 3, "exit")
    # split writes: the header name lands in two reads of the redactor when the request is trickled?
    # the client writes; so also check the dump of many-chunk answers and 100-continue
    DBL.reset([{"mode": "chunked", "chunk_size": 3, "count": 2}])
    rc, out, err = run(AUTH + ["--id", ID, "--http-debug", "--host", DBL.url, "-t", OP_TOKEN])
    check.eq(rc, 0, err[-300:])


def test_http_debug_error_starts_its_own_line():
    """With --http-debug the dump of an answer whose body does not end in a newline must not
    swallow the start of the error line (the official CLI's log.Printf ends every dump with one)."""
    DBL.reset([{"mode": "plain_500"}])
    rc, out, err = run(AUTH + ["--id", ID, "--http-debug", "--host", DBL.url, "-t", OP_TOKEN])
    check.eq(rc, 4, "exit")
    last = err.rstrip("\n").split("\n")[-1]
    check.eq(last.startswith("Error: "), True, "last stderr line %r" % last[:200])


# ------------------------------------------------------------ configs file permissions
def test_configs_permissions_warning():
    for mode, warn in ((0o644, True), (0o640, True), (0o604, True), (0o600, False), (0o400, False)):
        DBL.reset()
        path = configs('[p]\n  url = "%s"\n  token = "%s"\n  org = "myorg"\n  active = true\n' % (DBL.url, OP_TOKEN),
                       mode=mode)
        rc, out, err = run(AUTH + ["--id", ID], {"INFLUX_CONFIGS_PATH": path}, what="configs mode %o" % mode)
        check.eq(rc, 0, "exit with a %o configs file (stderr %r)" % (mode, err))
        check.eq(len(out.splitlines()), 2, "table")
        if warn:
            check.eq(err.count("\n"), 1, "exactly one warning line for mode %o: %r" % (mode, err))
            check.eq(err.startswith("warning: configs file %s" % path), True, err)
        else:
            check.eq(err, "", "stderr for mode %o" % mode)


def test_no_output_ever_held_a_token():
    check.eq(len(ALL) > 60, True, "runs recorded: %d" % len(ALL))
    for what, out, err in ALL:
        no_leak(out + err, what)


if __name__ == "__main__":
    faultlib.suite.require(BIN)
    DBL = faultlib.double.Double(max_seconds=900)
    RECORDER = faultlib.RawServer()
    check.run([v for k, v in list(globals().items()) if k.startswith("test_")])
