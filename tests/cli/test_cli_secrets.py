#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The token leaves argv as soon as the arguments are parsed: while
influx-lite waits for the server, /proc/PID/cmdline no longer shows it, in
every flag form. The run still authenticates with it. So do the
--extra-http-header values (secrets as well: an API gateway's key)."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import suite  # noqa: E402

BIN = suite.BIN
TOKEN = "op-token-for-tests"
AUTH_ID = "06c86c40a9f36000"


def cmdline_while_waiting(args):
    """Run with the server's answer delayed; read /proc/PID/cmdline meanwhile."""
    with double.Double(max_seconds=120) as d:
        d.fault({"mode": "delay", "seconds": 1.0})
        proc = subprocess.Popen([BIN] + [a.replace("URL", d.url) for a in args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(0.5)
        with open("/proc/%d/cmdline" % proc.pid, "rb") as f:
            seen = f.read()
        out, err = proc.communicate(timeout=30)
        check.eq(proc.returncode, 0, "exit code (stderr %r)" % err)
        return seen


def check_form(args, secret=TOKEN):
    seen = cmdline_while_waiting(args)
    if secret.encode() in seen:
        raise AssertionError("secret visible in /proc/PID/cmdline: %r" % seen)
    if b"--id" not in seen:
        raise AssertionError("cmdline was not read from the right process: %r" % seen)


def secrets_token_flag_separate():
    check_form(["auth", "inactive", "--host", "URL", "--token", TOKEN, "--id", AUTH_ID])


def secrets_token_short_flag():
    check_form(["auth", "inactive", "--host", "URL", "-t", TOKEN, "--id", AUTH_ID])


def secrets_token_equals_form():
    check_form(["v1", "auth", "set-inactive", "--host", "URL", "--token=" + TOKEN, "--id", AUTH_ID])


def secrets_extra_header_values():
    for form in (["--extra-http-header", "X-Api-Key:gateway-key-0123456789"],
                 ["--extra-http-header=X-Api-Key:gateway-key-0123456789"]):
        check_form(["auth", "inactive", "--host", "URL", "-t", TOKEN, "--id", AUTH_ID] + form,
                   "gateway-key-0123456789")


if __name__ == "__main__":
    check.run([secrets_token_flag_separate, secrets_token_short_flag, secrets_token_equals_form,
               secrets_extra_header_values])
