#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The sign-in's password prompt on a real terminal (a pseudo-terminal from
os.openpty as stdin) against the influxd double: a config whose cookie holds a
user and no password makes the CLI print "Please provide your password: " on
stdout and read the terminal without echo (influx-cli v2.8.0
clients/signin/signin.go GetCookie, golang.org/x/term ReadPassword: ECHO off,
ICANON, ISIG and ICRNL on, '\\b' takes back a byte, '\\r' ignored, the settings
restored after), then a newline on stdout. influx-lite's own: the wait ends at
--timeout, the echo is off before the prompt shows, a signal restores the
terminal before the process ends by it. The password never shows: not echoed,
not in any output."""
import base64
import os
import select
import signal
import subprocess
import sys
import termios
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import suite  # noqa: E402

BIN = suite.BIN
ID = "06c86c40a9f36000"
PASSWORD = b"myuser-password-for-tests"
PROMPT = b"Please provide your password: "
TMP = suite.tmpdir("cli-prompt-test-")
DOUBLE = None


def configs(cookie_text):
    path = os.path.join(TMP, "configs")
    with open(path, "w") as f:
        f.write('[s]\n  url = "%s"\n  cookie = "%s"\n' % (DOUBLE.url, base64.b64encode(cookie_text).decode()))
    os.chmod(path, 0o600)
    return path


class Prompted:
    """The CLI run with a pseudo-terminal as stdin, stopped at its prompt."""

    def __init__(self, *extra, cookie=b"myuser", ids=("--id", ID)):
        self.master, self.slave = os.openpty()
        argv = [BIN, "auth", "inactive", "--configs-path", configs(cookie)] + list(ids) + list(extra)
        env = {"PATH": "/usr/bin:/bin", "HOME": TMP}
        self.p = subprocess.Popen(argv, stdin=self.slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        self.out = b""
        self.t0 = time.monotonic()

    def read_until(self, want, timeout=10.0):
        end = time.monotonic() + timeout
        while want not in self.out and time.monotonic() < end:
            r, _, _ = select.select([self.p.stdout], [], [], 0.1)
            if r:
                chunk = os.read(self.p.stdout.fileno(), 4096)
                if not chunk:
                    break
                self.out += chunk
        check.eq(want in self.out, True, "stdout so far %r" % self.out)

    def echo(self):
        return bool(termios.tcgetattr(self.slave)[3] & termios.ECHO)

    def type(self, data):
        os.write(self.master, data)

    def finish(self, timeout=30):
        rest, err = self.p.communicate(timeout=timeout)
        self.out += rest
        os.set_blocking(self.master, False)
        try:
            self.echoed = os.read(self.master, 65536)
        except BlockingIOError:
            self.echoed = b""
        self.elapsed = time.monotonic() - self.t0
        self.err = err
        return self.p.returncode

    def close(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait()
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def table_row():
    return ID.encode() + b"\tmy token\t"


def test_password_typed_at_the_prompt():
    DOUBLE.reset()
    with Prompted() as r:
        r.read_until(PROMPT)
        check.eq(r.out, PROMPT, "the prompt alone, on stdout")
        check.eq(r.echo(), False, "echo off while it waits")
        r.type(PASSWORD + b"\n")
        check.eq(r.finish(), 0, r.err)
        check.eq(r.out.startswith(PROMPT + b"\nID\t"), True, "a newline after the password, then the table")
        check.eq(table_row() in r.out, True, "the table")
        check.eq((r.err, r.echo()), (b"", True), "stderr empty, echo back")
        check.eq(PASSWORD in r.out + r.err + r.echoed, False, "the password never shows")
    log = DOUBLE.log()
    check.eq([(e["method"], e["path"]) for e in log][:1], [("POST", "/api/v2/signin")], "sign-in first")
    check.eq(DOUBLE.state("authorizations", ID)["status"], "inactive", "inactivated")


def test_backspace_and_carriage_return():
    """'\\b' takes back the byte before it (x/term readPasswordLine); CR ends the
    line as ICRNL makes it NL."""
    DOUBLE.reset()
    with Prompted() as r:
        r.read_until(PROMPT)
        r.type(b"xy\b\b" + PASSWORD + b"\r")
        check.eq(r.finish(), 0, r.err)
        check.eq(table_row() in r.out, True, "signed in")


def test_wrong_password_typed():
    DOUBLE.reset()
    with Prompted() as r:
        r.read_until(PROMPT)
        r.type(b"not-the-password\n")
        check.eq(r.finish(), 3, r.err)
        check.eq(r.err, b"Error: error creating session: error signing in, verify signin was not called against "
                        b"cloud influxdb: 401 Unauthorized: unauthorized access\n", "the official error")
        check.eq(b"not-the-password" in r.out + r.err + r.echoed, False, "never shown")


def test_prompt_ends_at_the_timeout():
    with Prompted("--timeout", "1s") as r:
        r.read_until(PROMPT)
        check.eq(r.finish(), 1, r.err)
        check.eq((r.out, r.err), (PROMPT, b"Error: error creating session: read /dev/stdin: i/o timeout\n"),
                 "the prompt, then the timeout")
        check.eq(0.9 < r.elapsed < 5, True, "at the deadline (%.1f s)" % r.elapsed)
        check.eq(r.echo(), True, "echo back")


def test_signal_at_the_prompt_restores_the_terminal():
    for sig in (signal.SIGINT, signal.SIGTERM):
        with Prompted() as r:
            r.read_until(PROMPT)
            check.eq(r.echo(), False, "echo off")
            r.type(b"half-typed")
            time.sleep(0.2)
            r.p.send_signal(sig)
            check.eq(r.finish(), -sig, "ended by the signal")
            check.eq(r.echo(), True, "echo back after %s" % signal.Signals(sig).name)
            check.eq(b"half-typed" in r.out + r.err + r.echoed, False, "never shown")


def test_password_in_the_cookie_needs_no_terminal():
    DOUBLE.reset()
    with Prompted(cookie=b"myuser:" + PASSWORD) as r:
        check.eq(r.finish(), 0, r.err)
        check.eq((PROMPT in r.out, table_row() in r.out), (False, True), "no prompt")


if __name__ == "__main__":
    suite.require(BIN)
    DOUBLE = double.Double()
    check.run([test_password_typed_at_the_prompt, test_backspace_and_carriage_return, test_wrong_password_typed,
               test_prompt_ends_at_the_timeout, test_signal_at_the_prompt_restores_the_terminal,
               test_password_in_the_cookie_needs_no_terminal])
