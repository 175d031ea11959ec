#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Local inputs never hang and never surprise (issue 13), through the real CLI:
the configs file, --token-file (and INFLUX_TOKEN_FILE), --ca-cert, SSL_CERT_FILE
and the files of SSL_CERT_DIR are regular files only: a FIFO with no writer, a
device (/dev/zero) and a huge (sparse) file each end at once with one clear
error line and exit 1, before any connection. --ids-from takes a FIFO or - on a pipe: it waits
for a writer and for each line at most --timeout, an endless line (/dev/zero)
ends the list with an error, and a line holding a NUL or another control byte is
refused whole (never cut into a valid ID, never sent)."""
import os
import socket
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402
from faultlib import ID, OP_TOKEN, check  # noqa: E402

BIN = faultlib.BIN
TMP = faultlib.TMP
DBL = None
REC = None
AT_ONCE = 2.0        # seconds: "at once", with room for a loaded machine


def path(name):
    return os.path.join(TMP, name)


def fifo(name):
    p = path(name)
    if not os.path.exists(p):
        os.mkfifo(p, 0o600)
    return p


def huge(name, size=1 << 30):
    p = path(name)
    with open(p, "wb") as f:
        f.truncate(size)          # sparse: no disk used
    os.chmod(p, 0o600)
    return p


def text_file(name, data, mode=0o600):
    p = path(name)
    with open(p, "wb") as f:
        f.write(data)
    os.chmod(p, mode)
    return p


def run(argv, env=None, stdin=None, timeout=30, stdin_file=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": path("nohome"), "INFLUX_CONFIGS_PATH": path("no-configs")}
    e.update(env or {})
    t0 = time.monotonic()
    if stdin_file is not None:
        p = subprocess.run([BIN] + argv, env=e, capture_output=True, timeout=timeout, stdin=stdin_file)
    else:
        p = subprocess.run([BIN] + argv, env=e, capture_output=True, timeout=timeout, input=stdin)
    dt = time.monotonic() - t0
    out, err = p.stdout.decode("latin-1"), p.stderr.decode("latin-1")
    found = faultlib.leaks(out + err, (OP_TOKEN,))
    if found:
        raise AssertionError("token printed: %r" % found)
    return p.returncode, out, err, dt


def refused(argv, env, line, what):
    """One error line, exit 1, at once, nothing sent."""
    with REC.lock:
        before = REC.connections
    rc, out, err, dt = run(argv, env)
    check.eq((rc, out, err), (1, "", "Error: " + line + "\n"), what)
    if dt > AT_ONCE:
        raise AssertionError("%s took %.2f s" % (what, dt))
    check.eq(REC.connections, before, "connections made by " + what)


def auth(*extra, host=None):
    return ["auth", "inactive", "--host", host or REC.url, "--id", ID] + list(extra)


def batch(*extra, host=None):
    return ["auth", "inactive", "--host", host or REC.url] + list(extra)


KINDS = (("a FIFO", lambda n: fifo(n + ".fifo")), ("a character device", lambda n: "/dev/zero"))


# ------------------------------------------------------------ the configs file
def test_configs_file_fifo_device_huge():
    for kind, make in KINDS:
        p = make("configs")
        refused(["auth", "inactive", "--id", ID], {"INFLUX_CONFIGS_PATH": p},
                "open %s: not a regular file (%s)" % (p, kind), "configs file " + kind)
        refused(["auth", "inactive", "--id", ID, "--configs-path", p], {},
                "open %s: not a regular file (%s)" % (p, kind), "--configs-path " + kind)
    p = huge("configs-huge")
    refused(["auth", "inactive", "--id", ID], {"INFLUX_CONFIGS_PATH": p},
            "configs file %s: larger than 65536 bytes" % p, "huge configs file")


def test_configs_file_dev_null_is_empty():
    # the null device reads as an empty file: the default config, as the official CLI
    rc, out, err, dt = run(["auth", "inactive", "--id", ID, "-t", OP_TOKEN, "--host", "http://127.0.0.1:1"],
                           {"INFLUX_CONFIGS_PATH": "/dev/null"})
    check.eq(rc, 2, "connection refused, not a configs error: %r" % err)
    check.eq("configs" in err, False, err)


# ------------------------------------------------------------ --token-file
def test_token_file_fifo_device_huge_empty_missing_dir():
    for kind, make in KINDS:
        p = make("token")
        for argv, env in ((auth("--token-file", p), {}), (auth(), {"INFLUX_TOKEN_FILE": p})):
            refused(argv, env, "open %s: not a regular file (%s)" % (p, kind), "token file " + kind)
    p = huge("token-huge")
    refused(auth("--token-file", p), {}, "token file %s: larger than 8191 bytes" % p, "huge token file")
    p = text_file("token-empty", b"\n")
    refused(auth("--token-file", p), {}, "token file %s is empty" % p, "empty token file")
    p = path("token-missing")
    refused(auth("--token-file", p), {}, "open %s: no such file or directory" % p, "missing token file")
    refused(auth("--token-file", TMP), {}, "read %s: is a directory" % TMP, "token file a directory")


def test_token_file_sources_clash():
    # (a token that shares no 8 characters with the message: op-token-for-tests holds "-token-f",
    # which the redaction would take out of "--token-file", fixed text included: README)
    p = text_file("token-ok", faultlib.SECRET.encode() + b"\n")
    both = "specify --token or --token-file (INFLUX_TOKEN or INFLUX_TOKEN_FILE), not both"
    refused(auth("--token-file", p, "-t", faultlib.SECRET), {}, both, "--token and --token-file")
    refused(auth(), {"INFLUX_TOKEN_FILE": p, "INFLUX_TOKEN": faultlib.SECRET}, both, "both variables")


def test_token_file_crlf_dropped_and_flag_beats_variable():
    DBL.reset()
    p = text_file("token-crlf", OP_TOKEN.encode() + b"\r\n")
    rc, out, err, _ = run(auth("--token-file", p, host=DBL.url), {"INFLUX_TOKEN": "wrong-token"})
    check.eq((rc, err), (0, ""), "--token-file beats INFLUX_TOKEN")
    DBL.reset()
    rc, out, err, _ = run(auth("-t", OP_TOKEN, host=DBL.url), {"INFLUX_TOKEN_FILE": path("token-missing")})
    check.eq((rc, err), (0, ""), "-t beats INFLUX_TOKEN_FILE")
    check.eq([e["token_header"] for e in DBL.log()], ["Token " + OP_TOKEN] * 2, "the token sent")


def test_token_file_control_byte_refused():
    p = text_file("token-ctl", OP_TOKEN.encode() + b"\x1b[2J\n")
    refused(auth("--token-file", p), {}, "the token contains a control character (CR, LF or another byte below "
            "0x20, or 0x7f); nothing was sent", "a token file with a control byte")


# ------------------------------------------------------------ trust anchors
def https(*extra):
    return ["auth", "inactive", "--host", "https://127.0.0.1:%d" % REC.port, "--id", ID, "-t", OP_TOKEN] + list(extra)


def test_ca_files_fifo_device_huge():
    for kind, make in KINDS:
        p = make("ca")
        refused(https("--ca-cert", p), {}, "open %s: not a regular file (%s)" % (p, kind), "--ca-cert " + kind)
        refused(https(), {"SSL_CERT_FILE": p}, "open %s: not a regular file (%s)" % (p, kind),
                "SSL_CERT_FILE " + kind)
    p = huge("ca-huge")
    refused(https("--ca-cert", p), {}, "CA file %s: larger than 16777216 bytes" % p, "huge --ca-cert")
    refused(https(), {"SSL_CERT_FILE": p}, "CA file %s: larger than 16777216 bytes" % p, "huge SSL_CERT_FILE")


def test_ssl_cert_dir_entries():
    for kind, make in KINDS:
        d = path("certs-" + kind.split()[-1])
        os.makedirs(d, exist_ok=True)
        text_file(os.path.join(d, "a.pem"), b"not a certificate\n")
        target = make("dir-entry")
        entry = os.path.join(d, "b.pem")
        if not os.path.lexists(entry):
            os.symlink(target, entry)
        refused(https(), {"SSL_CERT_DIR": d}, "open %s: not a regular file (%s)" % (entry, kind),
                "SSL_CERT_DIR entry " + kind)


# ------------------------------------------------------------ --ids-from
def test_ids_from_fifo_without_writer_times_out():
    p = fifo("ids-nowriter")
    refused_slow = (batch("--ids-from", p, "-t", OP_TOKEN, "--timeout", "1s"), {})
    rc, out, err, dt = run(*refused_slow)
    check.eq((rc, out, err), (1, "", "Error: read %s: i/o timeout\n" % p), "a FIFO nobody writes")
    if not 0.9 <= dt <= 1 + AT_ONCE:
        raise AssertionError("waited %.2f s for a writer, --timeout 1s" % dt)


def writer(p, lines, gap, hold=0.0):
    def w():
        with open(p, "wb", buffering=0) as f:        # blocks until the CLI opens its end
            for ln in lines:
                time.sleep(gap)
                f.write(ln)
            time.sleep(hold)
    t = threading.Thread(target=w, daemon=True)
    t.start()
    return t


def test_ids_from_fifo_waits_for_each_line():
    DBL.reset()
    p = fifo("ids-slow")
    t = writer(p, [(ID + "\n").encode(), b"# a comment\n", ("%s\n" % faultlib.UNKNOWN_ID).encode()], 0.4)
    rc, out, err, dt = run(batch("--ids-from", p, "-t", OP_TOKEN, "--timeout", "2s", host=DBL.url))
    t.join(5)
    check.eq(rc, 3, "one 404 among the two (stderr %r)" % err)
    check.eq(out.splitlines()[1].split("\t")[0], ID, "the first ID inactivated")
    check.eq(err.endswith("Error: 1 of 2 inactivations failed: %s\n" % faultlib.UNKNOWN_ID), True, err)


def test_ids_from_fifo_writer_stalls_mid_list():
    DBL.reset()
    p = fifo("ids-stall")
    t = writer(p, [(ID + "\n").encode()], 0.1, hold=3.0)
    rc, out, err, dt = run(batch("--ids-from", p, "-t", OP_TOKEN, "--timeout", "1s", host=DBL.url))
    t.join(5)
    check.eq(rc, 1, "the list's end is a read error (stderr %r)" % err)
    check.eq(out.splitlines()[1].split("\t")[0], ID, "the ID before the stall inactivated")
    check.eq(err, "Error: read %s: i/o timeout\n" % p, "stderr")
    if dt > 1 + AT_ONCE:
        raise AssertionError("took %.2f s" % dt)


def test_ids_from_stdin_pipe_stalls_mid_list():
    """--ids-from - on a pipe whose writer stays silent after one line: the same deadline per line."""
    DBL.reset()
    r, w = os.pipe()
    e = {"PATH": "/usr/bin:/bin", "HOME": path("nohome"), "INFLUX_CONFIGS_PATH": path("no-configs")}
    t0 = time.monotonic()
    p = subprocess.Popen([BIN] + batch("--ids-from", "-", "-t", OP_TOKEN, "--timeout", "1s", host=DBL.url),
                         env=e, stdin=r, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(r)
    os.write(w, (ID + "\n").encode())
    try:
        out, err = p.communicate(timeout=10)      # the writer's end stays open all along
    finally:
        os.close(w)
    dt = time.monotonic() - t0
    out, err = out.decode("latin-1"), err.decode("latin-1")
    check.eq(faultlib.leaks(out + err, (OP_TOKEN,)), [], "token printed")
    check.eq(p.returncode, 1, "the list's end is a read error (stderr %r)" % err)
    check.eq(out.splitlines()[1].split("\t")[0], ID, "the ID before the stall inactivated")
    check.eq(err, "Error: read stdin: i/o timeout\n", "stderr")
    if dt > 1 + AT_ONCE:
        raise AssertionError("took %.2f s" % dt)


def test_ids_from_stdin_dev_zero_ends_with_an_error():
    with open("/dev/zero", "rb") as z:
        rc, out, err, dt = run(batch("--ids-from", "-", "-t", OP_TOKEN), stdin=None, stdin_file=z)
    check.eq((rc, out, err), (1, "", "Error: read stdin: line 1 is longer than 1024 bytes\n"), "stdin on /dev/zero")
    if dt > AT_ONCE:
        raise AssertionError("took %.2f s" % dt)


def test_ids_from_dev_zero_ends_with_an_error():
    refused(batch("--ids-from", "/dev/zero", "-t", OP_TOKEN), {},
            "read /dev/zero: line 1 is longer than 1024 bytes", "--ids-from /dev/zero")


def test_ids_from_line_with_control_byte_refused_whole():
    DBL.reset()
    p = text_file("ids-ctl", ID.encode() + b"\x00junk\n" + ID.encode() + b"\x1b\n")
    rc, out, err, _ = run(batch("--ids-from", p, "-t", OP_TOKEN, host=DBL.url))
    check.eq((rc, out), (1, ""), "exit and stdout (stderr %r)" % err)
    check.eq(err, 'Error: could not find auth with ID "%s\\x00junk": the ID contains a control character; '
                  'nothing was sent\n'
                  'Error: could not find auth with ID "%s\\x1b": the ID contains a control character; '
                  'nothing was sent\n'
                  'Error: 2 of 2 inactivations failed: "%s\\x00junk", "%s\\x1b"\n' % (ID, ID, ID, ID), "stderr")
    check.eq(DBL.log(), [], "requests sent")
    check.eq(DBL.state("authorizations", ID)["status"], "active", "state")


def test_ids_from_single_line_with_nul_refused():
    DBL.reset()
    rc, out, err, _ = run(batch("--ids-from", "-", "-t", OP_TOKEN, host=DBL.url), stdin=ID.encode() + b"\x00\n")
    check.eq((rc, out), (1, ""), err)
    check.eq(err, 'Error: could not find auth with ID "%s\\x00": the ID contains a control character; '
                  'nothing was sent\n' % ID, "stderr")
    check.eq(DBL.log(), [], "requests sent")


if __name__ == "__main__":
    faultlib.suite.require(BIN)
    DBL = faultlib.double.Double(max_seconds=600)
    REC = faultlib.RawServer()
    check.run([v for k, v in list(globals().items()) if k.startswith("test_")])
