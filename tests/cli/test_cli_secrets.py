#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The token in the process (issue 13): it leaves argv as soon as the arguments
are parsed, whatever its length and flag form (while influx-lite waits for the
server, /proc/PID/cmdline no longer shows it); --token-file and
INFLUX_TOKEN_FILE keep it out of argv and the environment; the process cannot be
dumped or traced by another process of the same user while it holds the token
(checked as the user nobody, against a control process that can be traced); the
dynamic build is linked with -z now (readelf). Each run still authenticates with
the token. The --extra-http-header values (secrets as well: an API gateway's key)
leave argv too."""
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

BIN = suite.BIN
TOKEN = "op-token-for-tests"
AUTH_ID = "06c86c40a9f36000"
TMP = suite.tmpdir("cli-secrets-")


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


# ------------------------------------------------------------ a server that reads and stays silent
class Silent(servers.Acceptor):
    """Reads one request, records its Authorization header, never answers."""

    def __init__(self):
        self.auth = []
        servers.Acceptor.__init__(self, conn_timeout=30)

    def handle(self, conn):
        req = servers.read_request(conn)
        m = re.search(rb"(?i)\r\nauthorization: Token ([^\r\n]*)", req)
        with self.lock:
            self.auth.append(m.group(1).decode() if m else None)
        self.closed.wait(30)


def long_token(n):
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(alphabet[(i * 7 + i // 64) % 64] for i in range(n - 5)) + "-%04d" % n


def proc_while_waiting(argv, env, files=("cmdline",), user=None):
    """Start the CLI against a silent server; once the request is there, read the /proc files."""
    srv = Silent()
    try:
        full = [BIN] + [a.replace("URL", srv.url) for a in argv] + ["--timeout", "20s"]
        proc = subprocess.Popen(full, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 10
        while not srv.auth and time.monotonic() < deadline:
            time.sleep(0.02)
        seen = {}
        for f in files:
            with open("/proc/%d/%s" % (proc.pid, f), "rb") as fh:
                seen[f] = fh.read()
        proc.terminate()
        proc.communicate(timeout=10)
        return seen, list(srv.auth)
    finally:
        srv.close()


def base_env(**extra):
    env = {"PATH": "/usr/bin:/bin", "HOME": TMP, "INFLUX_CONFIGS_PATH": os.path.join(TMP, "none")}
    env.update(extra)
    return env


def secrets_long_tokens_leave_cmdline_at_once():
    for n in (1024, 4096):
        tok = long_token(n)
        for form in (["-t", tok], ["--token", tok], ["--token=" + tok], ["-token", tok], ["--t=" + tok]):
            seen, auth = proc_while_waiting(["auth", "inactive", "--host", "URL", "--id", AUTH_ID] + form, base_env())
            cmd = seen["cmdline"]
            check.eq(b"--id" in cmd, True, "cmdline of the right process: %r" % cmd[:200])
            check.eq([tok[i:i + 16] for i in range(0, n - 16, 16) if tok[i:i + 16].encode() in cmd], [],
                     "%d-byte token (%s) in /proc/PID/cmdline" % (n, form[0][:8]))
            check.eq(auth, [tok], "the request carried the whole %d-byte token" % n)


def secrets_token_file_keeps_it_out_of_argv_and_environ():
    tok = long_token(300)
    path = os.path.join(TMP, "token")
    with open(path, "w") as f:
        f.write(tok + "\n")
    os.chmod(path, 0o600)
    for argv, env in ((["--token-file", path], base_env()), ([], base_env(INFLUX_TOKEN_FILE=path))):
        seen, auth = proc_while_waiting(["auth", "inactive", "--host", "URL", "--id", AUTH_ID] + argv, env,
                                        files=("cmdline", "environ"))
        check.eq(auth, [tok], "token read from the file, newline dropped")
        for f in ("cmdline", "environ"):
            check.eq(tok[:40].encode() in seen[f], False, "token in /proc/PID/%s" % f)


def secrets_overlong_token_refused_in_every_source():
    tok = long_token(9000)
    path = os.path.join(TMP, "long-token")
    with open(path, "w") as f:
        f.write(tok)
    line = "Error: the token is longer than 8191 bytes; nothing was sent\n"
    for argv, env in ((["-t", tok], base_env()), ([], base_env(INFLUX_TOKEN=tok))):
        p = subprocess.run([BIN, "auth", "inactive", "--host", "http://127.0.0.1:1", "--id", AUTH_ID] + argv,
                           env=env, capture_output=True, timeout=30)
        check.eq((p.returncode, p.stdout, p.stderr.decode()), (1, b"", line), "a 9,000-byte token")
    p = subprocess.run([BIN, "auth", "inactive", "--host", "http://127.0.0.1:1", "--id", AUTH_ID, "--token-file", path],
                       env=base_env(), capture_output=True, timeout=30)
    check.eq((p.returncode, p.stderr.decode()), (1, "Error: token file %s: larger than 8191 bytes\n" % path),
             "a 9,000-byte token file")


# ------------------------------------------------------------ no dump, no ptrace
PTRACE_HELPER = r'''
import ctypes, errno, os, subprocess, sys, time
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
def attach(pid):
    r = libc.ptrace(16, pid, None, None)          # PTRACE_ATTACH
    e = ctypes.get_errno()
    if r == 0:
        os.waitpid(pid, 0)
        libc.ptrace(17, pid, None, None)          # PTRACE_DETACH
    return "ok" if r == 0 else errno.errorcode.get(e, str(e))
control = subprocess.Popen(["sleep", "20"])
cli = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(float(os.environ["WAIT"]))
st = os.stat("/proc/%d/environ" % cli.pid)
limits = [l for l in open("/proc/%d/limits" % cli.pid) if l.startswith("Max core file size")][0].split()
print("uid", os.getuid(), "control", attach(control.pid), "cli", attach(cli.pid),
      "environ_owner", st.st_uid, "core", limits[4], limits[5])
control.kill(); cli.kill(); control.wait(); cli.wait()
'''


def secrets_not_dumpable_nor_traceable_by_the_same_user():
    if os.getuid() != 0 or shutil.which("setpriv") is None:
        raise AssertionError("needs root and setpriv (util-linux) to run the CLI as nobody")
    d = tempfile.mkdtemp(dir="/tmp")
    try:
        os.chmod(d, 0o755)
        binary = os.path.join(d, "influx-lite")
        shutil.copy(BIN, binary)
        os.chmod(binary, 0o755)
        srv = Silent()
        try:
            argv = [binary, "auth", "inactive", "--host", srv.url, "-t", TOKEN, "--id", AUTH_ID, "--timeout", "20s"]
            p = subprocess.run(["setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups",
                                sys.executable, "-c", PTRACE_HELPER] + argv,
                               env={"PATH": "/usr/bin:/bin", "WAIT": "0.5", "HOME": "/",
                                    "INFLUX_CONFIGS_PATH": "/nonexistent"},
                               capture_output=True, timeout=60, cwd=d)
        finally:
            srv.close()
        line = p.stdout.decode().strip()
        check.eq(p.returncode, 0, "helper (stderr %r)" % p.stderr[-300:])
        f = line.split()
        check.eq(f[1] != "0", True, "ran as a non-root user: %r" % line)
        check.eq(f[3], "ok", "the control process of the same user could be traced: %r" % line)
        check.eq(f[5] != "ok", True, "PTRACE_ATTACH to influx-lite by the same user: %r" % line)
        check.eq(f[7], "0", "/proc/PID/environ owned by root (not dumpable): %r" % line)
        check.eq(f[9:11], ["0", "0"], "core file size limits: %r" % line)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def secrets_dynamic_build_links_with_z_now():
    p = subprocess.run(["readelf", "-d", BIN], capture_output=True, timeout=30)
    dyn = p.stdout.decode()
    check.eq(bool(re.search(r"\(FLAGS\)\s+BIND_NOW", dyn)) or bool(re.search(r"\(FLAGS_1\).*\bNOW\b", dyn)), True,
             "BIND_NOW in readelf -d: %r" % dyn[-400:])
    check.eq("GNU_RELRO" in subprocess.run(["readelf", "-l", BIN], capture_output=True).stdout.decode(), True,
             "GNU_RELRO segment")


if __name__ == "__main__":
    suite.require(BIN)
    check.run([secrets_token_flag_separate, secrets_token_short_flag, secrets_token_equals_form,
               secrets_extra_header_values,
               secrets_long_tokens_leave_cmdline_at_once, secrets_token_file_keeps_it_out_of_argv_and_environ,
               secrets_overlong_token_refused_in_every_source,
               secrets_not_dumpable_nor_traceable_by_the_same_user, secrets_dynamic_build_links_with_z_now])
