#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The token leaves argv as soon as the arguments are parsed: while
influx-lite waits for the server, /proc/PID/cmdline no longer shows it, in
every flag form. The run still authenticates with it."""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import check  # noqa: E402

BIN = os.environ.get("INFLUX_LITE", os.path.join(ROOT, "build", "influx-lite"))
DOUBLE = os.path.join(ROOT, "tests", "server", "influxd_double.py")
TOKEN = "op-token-for-tests"
AUTH_ID = "06c86c40a9f36000"


class Double:
    def __enter__(self):
        self.dir = tempfile.TemporaryDirectory()
        pf = os.path.join(self.dir.name, "port")
        self.proc = subprocess.Popen([sys.executable, DOUBLE, "--port", "0", "--port-file", pf,
                                      "--max-seconds", "120"], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        for _ in range(400):
            if os.path.exists(pf) and open(pf).read().strip():
                break
            time.sleep(0.025)
        self.url = "http://127.0.0.1:%s" % open(pf).read().strip()
        return self

    def control(self, path, body):
        req = urllib.request.Request(self.url + path, data=json.dumps(body).encode(), method="POST")
        urllib.request.urlopen(req).read()

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(5)
        self.dir.cleanup()


def cmdline_while_waiting(args):
    """Run with the server's answer delayed; read /proc/PID/cmdline meanwhile."""
    with Double() as d:
        d.control("/_double/fault", {"mode": "delay", "seconds": 1.0})
        proc = subprocess.Popen([BIN] + [a.replace("URL", d.url) for a in args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.5)
        with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
            seen = f.read()
        out, err = proc.communicate(timeout=30)
        check.eq(proc.returncode, 0, "exit code (stderr %r)" % err)
        return seen


def check_form(args):
    seen = cmdline_while_waiting(args)
    if TOKEN.encode() in seen:
        raise AssertionError("token visible in /proc/PID/cmdline: %r" % seen)
    if b"--id" not in seen:
        raise AssertionError("cmdline was not read from the right process: %r" % seen)


def secrets_token_flag_separate():
    check_form(["auth", "inactive", "--host", "URL", "--token", TOKEN, "--id", AUTH_ID])


def secrets_token_short_flag():
    check_form(["auth", "inactive", "--host", "URL", "-t", TOKEN, "--id", AUTH_ID])


def secrets_token_equals_form():
    check_form(["v1", "auth", "set-inactive", "--host", "URL", "--token=" + TOKEN, "--id", AUTH_ID])


if __name__ == "__main__":
    check.run([secrets_token_flag_separate, secrets_token_short_flag, secrets_token_equals_form])
