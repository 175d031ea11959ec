#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Output integrity (issue 13): the exit code tells the truth. Each test runs
the real CLI (build/influx-lite; build/influx-lite-static where only a
static binary can run) against real sockets: the influxd double
(tests/server/influxd_double.py), a counting and recording TCP relay in
front of it (tests/lib/servers.py Relay: what reached the connection), and
raw servers written here for what a server must not do.

  fds 0-2 closed at start    held, never taken by a socket; lost stdout is exit 6
  stdout writes              /dev/full, a closed pipe, `| head -c 1`: exit 6, the
                             inactivations all done, never killed by SIGPIPE
  SIGINT, SIGTERM            a batch waiting on a slow double stops at once:
                             130 / 143, which IDs were done
  answers vs requests        another ID in a GET, PATCH or user answer is exit 4;
                             in a batch a surplus, unsolicited or late answer
                             never shifts results onto the next IDs
  self-revocation            an applied PATCH hidden by a reset, resent by
                             --retries, answered 401 "token is inactive": done
  server text on stderr      controls and invalid UTF-8 escaped, one line
  exit classes               out of file descriptors is exit 7, named; a cut
                             error line still ends with a newline

Go's texts are cited where they are matched: net/http transport.go
(readLoopPeekFailLocked: an idle connection with bytes waiting is closed),
strconv/quote.go (the escapes), syscall/zerrors_linux_amd64.go (errno texts)."""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import pki  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

BIN, STATIC_BIN = suite.BIN, suite.STATIC_BIN
TMP = suite.tmpdir("outinteg-")
ID = "06c86c40a9f36000"                 # "my token", token TARGET_TOKEN
DEVICE_ID = "0d2a3c5b7e8f9000"          # "device-0042", token device-token-0042: may inactivate itself
BUCKET_ID = "0d2a3c5b7e8f9001"          # "bucket-only"
UNKNOWN_ID = "0d2a3c5b7e8f9999"
OP_TOKEN = "op-token-for-tests"
DEVICE_TOKEN = "device-token-0042"
TARGET_TOKENS = ("tok_abcdefghijklmnopqrstuvwxyz0123456789==", DEVICE_TOKEN, "bucket-only-token")
PASS0 = {"mode": "delay", "seconds": 0}


class S:
    http = https = None       # the doubles
    ca = None                 # the test CA file the HTTPS double's certificate chains to


# ------------------------------------------------------------ running the CLI
def env_base(extra=None):
    e = {"PATH": "/usr/bin:/bin", "HOME": os.path.join(TMP, "nohome"),
         "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs")}
    e.update(extra or {})
    return e


class Run:
    def __init__(self, rc, out, err, secs):
        self.rc, self.out, self.err, self.secs = rc, out, err, secs

    def __repr__(self):
        return "exit %r, stdout %r, stderr %r" % (self.rc, self.out[:300], self.err[:600])


def run(args, redirect="", stdin=None, env=None, binary=BIN, prefix=(), timeout=60, before=""):
    """The CLI under /bin/sh with the given redirections (">&-" closes stdout,
    "<&- 2>&-" ...), after the shell commands before: what a shell script
    does. stdout and stderr are captured unless redirected."""
    script = before + 'exec "$0" "$@" ' + redirect
    t0 = time.monotonic()
    p = subprocess.run(list(prefix) + ["sh", "-c", script, binary] + list(args), env=env_base(env), input=stdin,
                       capture_output=True, timeout=timeout)
    r = Run(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"),
            time.monotonic() - t0)
    no_caller_token(r)
    return r


def no_caller_token(r):
    if OP_TOKEN in r.out or OP_TOKEN in r.err:
        raise AssertionError("the caller's token printed: %r" % r)


def auth(host, *extra, token=OP_TOKEN):
    return ["auth", "inactive", "--host", host, "-t", token] + list(extra)


def ids_file(name, *ids):
    path = os.path.join(TMP, name)
    with open(path, "w") as f:
        f.write("".join(i + "\n" for i in ids))
    return path


def one_line(r, pattern, what):
    """stderr is exactly one line matching pattern."""
    lines = r.err.split("\n")
    if len(lines) != 2 or lines[1] != "" or not re.fullmatch(pattern, lines[0]):
        raise AssertionError("%s: stderr is not one line matching %r: %r" % (what, pattern, r))


def states(d, *ids):
    return [d.state("authorizations", i)["status"] for i in ids]


def requests(d):
    return [(e["method"], e["path"].rsplit("/", 1)[1]) for e in d.log()]


def parse_requests(data):
    """The HTTP requests in data, in order: [(method, path)]; raises when a
    byte is left that is not part of a request (output that went into the
    connection)."""
    out = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep or not re.match(rb"(GET|PATCH) /\S* HTTP/1\.1\r\n", head):
            raise AssertionError("bytes in the connection that are no request: %r" % data[:200])
        m = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
        n = int(m.group(1)) if m else 0
        out.append(tuple(head.split(b" ", 2)[:2]))
        data = rest[n:]
    return [(m.decode(), p.decode().rsplit("/", 1)[1]) for m, p in out]


def clean_connection(relay, want, tls=False):
    """What the relay saw the client send: the requests want, nothing else,
    and no authorization's token (the table or JSON that a closed stdout
    would have sent there)."""
    time.sleep(0.05)
    sent = bytes(relay.sent)
    for t in TARGET_TOKENS:
        if t.encode() in sent:
            raise AssertionError("an authorization's token went into the connection")
    if not tls:
        check.eq(parse_requests(sent), want, "the requests in the connection")
    elif b'"id"' in sent or b"Permissions" in sent:
        raise AssertionError("output went into the TLS connection in clear")


def batch2(d):
    """ID and DEVICE_ID as a batch (a file), the requests the double should see."""
    d.reset()
    return ids_file("two.txt", ID, DEVICE_ID), [("GET", ID), ("PATCH", ID), ("GET", DEVICE_ID), ("PATCH", DEVICE_ID)]


# The same batch on stdin: no file the CLI opens takes a closed descriptor's
# number before the socket does.
STDIN2 = ("%s\n%s\n" % (ID, DEVICE_ID)).encode()


# ------------------------------------------------------------ fds 0, 1, 2 closed at start
LOST_BADF = r"Error: write /dev/stdout: bad file descriptor: output lost \(2 of 2 inactivations done\)"


def test_closed_stdout_json_batch_never_reaches_the_connection():
    """With stdout closed, the socket would be fd 1: the --json batch (tokens
    included) would be written into the TCP connection. fd 1 is held, the
    batch is done, and the loss is exit 6."""
    for tls in (False, True):
        d = S.https if tls else S.http
        _, want = batch2(d)
        relay = servers.Relay(d.port)
        host = ("https://localhost:%d" if tls else "http://127.0.0.1:%d") % relay.port
        r = run(auth(host, "--ids-from", "-", "--json"), redirect=">&-", stdin=STDIN2, env={"SSL_CERT_FILE": S.ca})
        check.eq(r.rc, 6, r)
        one_line(r, LOST_BADF, "closed stdout")
        check.eq(requests(d), want, "requests")
        check.eq(states(d, ID, DEVICE_ID), ["inactive", "inactive"])
        clean_connection(relay, want, tls)
        check.eq(relay.connections, 1, "connections")
        relay.close()


def test_closed_stdout_single_and_help():
    d = S.http
    d.reset()
    r = run(auth(d.url, "--id", ID), redirect=">&-")
    check.eq(r.rc, 6, r)
    one_line(r, r"Error: write /dev/stdout: bad file descriptor: output lost \(the inactivation is done\)", "single")
    check.eq(states(d, ID), ["inactive"])
    # output meant for a closed stdout is lost whatever it is; a failure prints none
    r = run(["auth", "inactive", "-h"], redirect=">&-")
    check.eq((r.rc, r.err), (6, "Error: write /dev/stdout: bad file descriptor: output lost\n"))
    d.reset()
    r = run(auth(d.url, "--id", UNKNOWN_ID), redirect=">&-")
    check.eq(r.rc, 3, r)
    one_line(r, r'Error: could not find auth with ID "%s": 404 Not Found: authorization not found' % UNKNOWN_ID,
             "404 with stdout closed")


def test_closed_stderr_debug_dump_never_reaches_the_connection():
    """With stderr closed, the socket would be fd 2: --http-debug's dump and the
    error lines would go into the connection. (The IDs come on stdin: a file
    opened first would take fd 2 itself.)"""
    d = S.http
    d.reset()
    relay = servers.Relay(d.port)
    r = run(auth("http://127.0.0.1:%d" % relay.port, "--ids-from", "-", "--http-debug"), redirect="2>&-",
            stdin=("%s\n%s\n" % (ID, UNKNOWN_ID)).encode())
    check.eq(r.rc, 3, r)
    check.eq(r.out.splitlines()[1].split("\t")[0], ID)
    clean_connection(relay, [("GET", ID), ("PATCH", ID), ("GET", UNKNOWN_ID)])
    relay.close()


def test_closed_stdin_ids_from_dash_is_an_error():
    d = S.http
    d.reset()
    r = run(auth(d.url, "--ids-from", "-"), redirect="<&-")
    check.eq(r.rc, 1, r)
    one_line(r, r"Error: open -: bad file descriptor", "closed stdin")
    check.eq(d.log(), [])


def test_all_three_closed():
    d = S.http
    f, want = batch2(d)
    relay = servers.Relay(d.port)
    r = run(auth("http://127.0.0.1:%d" % relay.port, "--ids-from", f, "--json", "--http-debug"),
            redirect="<&- >&- 2>&-")
    check.eq((r.rc, r.out, r.err), (6, "", ""))
    check.eq(states(d, ID, DEVICE_ID), ["inactive", "inactive"])
    clean_connection(relay, want)
    relay.close()
    # stdout and stderr closed, the IDs on stdin: the socket would be fd 1
    _, want = batch2(d)
    relay = servers.Relay(d.port)
    r = run(auth("http://127.0.0.1:%d" % relay.port, "--ids-from", "-", "--json", "--http-debug"),
            redirect=">&- 2>&-", stdin=STDIN2)
    check.eq((r.rc, r.out, r.err), (6, "", ""))
    check.eq(states(d, ID, DEVICE_ID), ["inactive", "inactive"])
    clean_connection(relay, want)
    relay.close()


def in_namespace_without_dev_null():
    """A prefix that runs a command in a mount namespace whose /dev is an empty
    tmpfs (no /dev/null), or None when this cannot be made (not root)."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        return None
    prefix = ["unshare", "-m", "--propagation", "private", "sh", "-c",
              'mount -t tmpfs none /dev && [ ! -e /dev/null ] && exec "$@"', "sh"]
    try:
        p = subprocess.run(prefix + ["true"], capture_output=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return None
    return prefix if p.returncode == 0 else None


def test_closed_stdout_without_dev_null_holds_a_placeholder():
    """Where no /dev/null exists (an empty chroot, a bare /dev), fd 1 is held
    by a placeholder (the read end of a pipe): the socket still cannot take
    its number. (tests/static_root runs the static binary so in an empty chroot.)"""
    prefix = in_namespace_without_dev_null()
    if prefix is None:
        print("# SKIP the namespace without /dev/null: needs root and unshare(1)")
        return
    d = S.http
    f, want = batch2(d)
    relay = servers.Relay(d.port)
    r = run(auth("http://127.0.0.1:%d" % relay.port, "--ids-from", "-", "--json"), redirect=">&-", prefix=prefix,
            stdin=STDIN2)
    check.eq(r.rc, 6, r)
    one_line(r, LOST_BADF, "no /dev/null")
    clean_connection(relay, want)
    check.eq(states(d, ID, DEVICE_ID), ["inactive", "inactive"])
    # stderr closed too: its placeholder refuses writes, it never blocks a dump
    d.reset()
    r = run(auth("http://127.0.0.1:%d" % relay.port, "--ids-from", f, "--json", "--http-debug"),
            redirect=">&- 2>&-", prefix=prefix)
    check.eq((r.rc, r.err), (6, ""))
    check.eq(states(d, ID, DEVICE_ID), ["inactive", "inactive"])
    relay.close()


# ------------------------------------------------------------ every write to stdout checked
def test_dev_full_is_lost_output():
    d = S.http
    for args, lost in ((["--id", ID], r"\(the inactivation is done\)"),
                       (["--ids-from", None, "--json"], r"\(2 of 2 inactivations done\)")):
        f, want = batch2(d)
        args = [a if a is not None else f for a in args]
        r = run(auth(d.url, *args), redirect=">/dev/full")
        check.eq(r.rc, 6, r)
        one_line(r, r"Error: write /dev/stdout: no space left on device: output lost " + lost, "/dev/full")
        check.eq(states(d, ID), ["inactive"])


def test_closed_pipe_is_lost_output_not_sigpipe():
    """stdout is a pipe whose reader is gone before the first write: EPIPE,
    not a death by SIGPIPE; the batch is done."""
    d = S.http
    f, want = batch2(d)
    rfd, wfd = os.pipe()
    os.close(rfd)
    try:
        p = subprocess.run([BIN] + auth(d.url, "--ids-from", f), env=env_base(), stdout=wfd,
                           stderr=subprocess.PIPE, timeout=60)
    finally:
        os.close(wfd)
    err = p.stderr.decode()
    check.eq((p.returncode, err), (6, "Error: write /dev/stdout: broken pipe: output lost "
                                      "(2 of 2 inactivations done)\n"))
    check.eq(requests(d), want)
    check.eq(states(d, ID, DEVICE_ID), ["inactive", "inactive"])


def test_head_c_1_never_stops_a_batch():
    """`| head -c 1`: head is gone after the first byte; every later write of
    the streamed JSON fails with EPIPE. The revocations are the job: all three
    are made, then exit 6 says the output was lost."""
    d = S.http
    d.reset([PASS0, PASS0, {"mode": "delay", "seconds": 0.3, "count": 4}])
    f = ids_file("three.txt", ID, DEVICE_ID, BUCKET_ID)
    script = '"$0" "$@" | head -c 1 >/dev/null; echo "rc=${PIPESTATUS[0]}" >&2'
    p = subprocess.run(["bash", "-c", script, BIN] + auth(d.url, "--ids-from", f, "--json"), env=env_base(),
                       capture_output=True, timeout=60)
    err = p.stderr.decode()
    check.eq(err, "Error: write /dev/stdout: broken pipe: output lost (3 of 3 inactivations done)\nrc=6\n")
    check.eq(states(d, ID, DEVICE_ID, BUCKET_ID), ["inactive"] * 3)
    check.eq(len(d.log()), 6)


# ------------------------------------------------------------ SIGINT and SIGTERM
def wait_for(cond, what, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return
        time.sleep(0.02)
    raise AssertionError("timed out waiting for " + what)


def signalled_batch(sig, faults, json_out, waiting_requests):
    """A batch of three against the double with faults queued; once the double
    has seen waiting_requests requests (the last one hangs), send sig. Returns
    (Run, seconds from the signal to the exit)."""
    d = S.http
    d.reset(faults)
    f = ids_file("three.txt", ID, DEVICE_ID, BUCKET_ID)
    args = auth(d.url, "--ids-from", f, "--timeout", "30s") + (["--json"] if json_out else [])
    p = subprocess.Popen([BIN] + args, env=env_base(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        wait_for(lambda: len(d.log()) >= waiting_requests, "the batch to wait on the double")
        time.sleep(0.1)
        t0 = time.monotonic()
        p.send_signal(sig)
        out, err = p.communicate(timeout=10)
        secs = time.monotonic() - t0
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    r = Run(p.returncode, out.decode(), err.decode(), 0)
    no_caller_token(r)
    return r, secs


def test_sigint_stops_a_batch_waiting_on_a_slow_double():
    # the first ID done; the second's GET never answered
    r, secs = signalled_batch(signal.SIGINT, [PASS0, PASS0, {"mode": "no_answer"}], False, 3)
    check.eq(r.rc, 130, r)
    check.eq(secs < 1.5, True, "took %.2f s after SIGINT" % secs)
    check.eq(r.err, 'Error: could not find auth with ID "%s": interrupted by SIGINT\n'
                    "Error: interrupted by SIGINT: 1 of 2 inactivations done: %s; not done: %s\n"
                    % (DEVICE_ID, ID, DEVICE_ID))
    lines = r.out.splitlines()
    check.eq((len(lines), lines[1].split("\t")[0]), (2, ID), "the table of what was done")
    check.eq(states(S.http, ID, DEVICE_ID, BUCKET_ID), ["inactive", "active", "active"])
    check.eq(requests(S.http), [("GET", ID), ("PATCH", ID), ("GET", DEVICE_ID)], "nothing after the signal")


def test_sigterm_during_a_patch_says_its_state_is_unknown():
    # the second's PATCH never answered: it may have been applied
    r, secs = signalled_batch(signal.SIGTERM, [PASS0, PASS0, PASS0, {"mode": "no_answer", "apply": True}], True, 4)
    check.eq(r.rc, 143, r)
    check.eq(secs < 1.5, True, "took %.2f s after SIGTERM" % secs)
    check.eq(r.err, 'Error: could not update status of auth with ID "%s": interrupted by SIGTERM after the PATCH '
                    "was sent: the authorization's status is unknown\n"
                    "Error: interrupted by SIGTERM: 1 of 2 inactivations done: %s; not done: %s\n"
                    % (DEVICE_ID, ID, DEVICE_ID))
    check.eq([o["id"] for o in json.loads(r.out)], [ID], "the JSON array is closed")
    check.eq(states(S.http, ID, DEVICE_ID, BUCKET_ID), ["inactive", "inactive", "active"])


def test_sigint_single_inactivation():
    d = S.http
    d.reset([{"mode": "no_answer"}])
    p = subprocess.Popen([BIN] + auth(d.url, "--id", ID), env=env_base(), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE)
    try:
        wait_for(lambda: len(d.log()) >= 1, "the GET")
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    check.eq((p.returncode, out, err.decode()),
             (130, b"", 'Error: could not find auth with ID "%s": interrupted by SIGINT\n' % ID))


# ------------------------------------------------------------ answers checked against requests
auth_answer, AuthServer, RawAnswer = servers.auth_answer, servers.AuthServer, servers.RawAnswer


def table_ids(out):
    return [ln.split("\t")[0] for ln in out.splitlines()[1:]]


def test_get_answer_for_another_id_is_exit_4():
    """The ID in a GET answer must be the one asked for: else exit 4, nothing
    printed, no PATCH sent."""
    srv = AuthServer(lambda s, c, n, m, i, a: c.sendall(auth_answer(DEVICE_ID)) or True)
    r = run(auth(srv.url, "--id", ID))
    check.eq((r.rc, r.out), (4, ""), r)
    one_line(r, r'Error: could not find auth with ID "%s": server answered for ID "%s", not "%s"'
             % (ID, DEVICE_ID, ID), "wrong ID")
    check.eq([(m, i) for _, m, i in srv.log], [("GET", ID)])
    # in a batch, each ID is reported, none printed as done
    f = ids_file("wrong.txt", ID, BUCKET_ID)
    r = run(auth(srv.url, "--ids-from", f))
    check.eq((r.rc, r.out), (4, ""), r)
    check.eq(r.err.splitlines()[-1], "Error: 2 of 2 inactivations failed: %s, %s" % (ID, BUCKET_ID))
    check.eq(srv.applied, set(), "PATCHes sent")
    srv.close()


def test_patch_answer_for_another_id_is_exit_4():
    def behave(s, c, n, m, i, a):
        if m == "PATCH":
            c.sendall(auth_answer(DEVICE_ID, "inactive"))
            return True
        return False
    srv = AuthServer(behave)
    r = run(auth(srv.url, "--id", ID, "--json"))
    check.eq((r.rc, r.out), (4, ""), r)
    one_line(r, r'Error: could not update status of auth with ID "%s": server answered for ID "%s", not "%s"'
             % (ID, DEVICE_ID, ID), "wrong ID")
    srv.close()


def test_surplus_answer_in_the_same_segment_drops_the_connection():
    """Two answers to one GET, in one segment: the second is never read as the
    PATCH's answer; the connection is closed, the PATCH goes on a new one."""
    def behave(s, c, n, m, i, a):
        if n == 0:
            c.sendall(a + auth_answer(i, "inactive"))
            return True
        return False
    srv = AuthServer(behave)
    f = ids_file("two.txt", ID, DEVICE_ID)
    r = run(auth(srv.url, "--ids-from", f, "--json"))
    check.eq((r.rc, r.err), (0, ""), r)
    check.eq([o["id"] for o in json.loads(r.out)], [ID, DEVICE_ID])
    check.eq(srv.log, [(1, "GET", ID), (2, "PATCH", ID), (2, "GET", DEVICE_ID), (2, "PATCH", DEVICE_ID)])
    srv.close()


def paced_batch(srv, first, second, third):
    """A batch over stdin: first and second at once (the CLI reads one ID
    ahead), third once the server set its event (then stdin ends)."""
    p = subprocess.Popen([BIN] + auth(srv.url, "--ids-from", "-", "--json"), env=env_base(), stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        p.stdin.write(("%s\n%s\n" % (first, second)).encode())
        p.stdin.flush()
        if not srv.event.wait(10):
            raise AssertionError("the server never misbehaved")
        time.sleep(0.1)
        out, err = p.communicate(("%s\n" % third).encode(), timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
            p.wait()
    r = Run(p.returncode, out.decode(), err.decode(), 0)
    no_caller_token(r)
    return r


def test_unsolicited_answer_on_an_idle_connection_is_dropped():
    """After the first ID's PATCH, the server sends an unsolicited answer for
    the next ID (status "inactive") on the idle kept-alive connection. Read as
    the next GET's answer it would shift every later answer by one (the next
    PATCH would read that GET's "active": a false post-condition failure).
    Bytes waiting on an idle connection answer nothing asked: the connection
    is closed and the next ID goes on a new one (Go: transport.go,
    readLoopPeekFailLocked)."""
    def behave(s, c, n, m, i, a):
        c.sendall(a)
        if n == 1:
            time.sleep(0.1)
            c.sendall(auth_answer(DEVICE_ID, "inactive"))
            s.event.set()
        return True
    srv = AuthServer(behave)
    r = paced_batch(srv, ID, DEVICE_ID, BUCKET_ID)
    check.eq((r.rc, r.err), (0, ""), r)
    check.eq([o["id"] for o in json.loads(r.out)], [ID, DEVICE_ID, BUCKET_ID])
    check.eq([(k, m, i) for k, m, i in srv.log][2], (2, "GET", DEVICE_ID), "the next ID on a new connection")
    check.eq(srv.applied, {ID, DEVICE_ID, BUCKET_ID})
    srv.close()


def test_late_duplicate_answer_is_never_taken_for_the_next():
    """The first PATCH's answer comes twice, the copy late: the CLI has already
    sent the next GET and reads the copy as its answer. Its ID is not the one
    asked for: the connection is dropped and the GET asked again on a new one;
    every ID is reported by what the server answered for it."""
    def behave(s, c, n, m, i, a):
        c.sendall(a)
        if n == 1:
            time.sleep(0.3)
            c.sendall(a)
            s.event.set()
        return True
    srv = AuthServer(behave)
    f = ids_file("three.txt", ID, DEVICE_ID, BUCKET_ID)
    r = run(auth(srv.url, "--ids-from", f, "--json"))
    check.eq((r.rc, r.err), (0, ""), r)
    objs = json.loads(r.out)
    check.eq([(o["id"], o["status"]) for o in objs], [(ID, "inactive"), (DEVICE_ID, "inactive"),
                                                       (BUCKET_ID, "inactive")])
    log = srv.log
    check.eq(log[:3], [(1, "GET", ID), (1, "PATCH", ID), (1, "GET", DEVICE_ID)])
    check.eq(log[3][:2], (2, "GET"), "the GET asked again on a new connection")
    srv.close()


# ------------------------------------------------------------ self-revocation
def test_self_revocation_applied_then_reset_is_a_success():
    """The device inactivates its own token: the double applies the PATCH and
    resets before answering; --retries sends it again and influxd answers 401
    "token is inactive" (the token it was sent with is the one inactivated).
    That is the post-condition verified: exit 0, the row printed."""
    d = S.http
    for json_out in (False, True):
        d.reset([PASS0, {"mode": "reset_mid_headers"}])
        r = run(auth(d.url, "--id", DEVICE_ID, "--retries", "1", *(["--json"] if json_out else []),
                     token=DEVICE_TOKEN))
        check.eq((r.rc, r.err), (0, ""), r)
        if json_out:
            o = json.loads(r.out)
            check.eq((o["id"], o["status"], o["description"]), (DEVICE_ID, "inactive", "device-0042"))
        else:
            check.eq(table_ids(r.out), [DEVICE_ID])
        check.eq([(e["method"], e["fault"]) for e in d.log()],
                 [("GET", "delay"), ("PATCH", "reset_mid_headers"), ("PATCH", None)])
        check.eq(states(d, DEVICE_ID), ["inactive"])
    # without --retries the reset is the answer
    d.reset([PASS0, {"mode": "reset_mid_headers"}])
    r = run(auth(d.url, "--id", DEVICE_ID, token=DEVICE_TOKEN))
    check.eq(r.rc, 2, r)
    # not the caller's own token: a 401 after a resend is a refusal
    d.reset([PASS0, {"mode": "reset_mid_headers", "apply": False},
             {"mode": "status", "status": 401, "body": '{"code":"unauthorized","message":"token is inactive"}'}])
    r = run(auth(d.url, "--id", ID, "--retries", "1"))
    check.eq(r.rc, 3, r)
    one_line(r, r'Error: could not update status of auth with ID "%s": 401 Unauthorized: token is inactive' % ID,
             "not a self-revocation")


# ------------------------------------------------------------ server text on stderr
# a line a hostile server may send in a reason phrase or a header
# (C0 controls but TAB and DEL end an HTTP answer as malformed: they come in
# the JSON message)
HOSTILE = b"a\tb\xc2\x9b[31mc\x9bd\xffe\xe2\x80\xae"
HOSTILE_ESCAPED = r"a\tb\u009b[31mc\x9bd\xffe" + "\u202e"
# the Content-Type in Go's %q (strconv.Quote: U+202E is not printable there)
HOSTILE_QUOTED = r"a\tb\u009b[31mc\x9bd\xffe\u202e"


def test_server_text_on_stderr_is_escaped():
    """C0 controls, DEL, C1 controls (as U+0080-U+009F and as raw bytes) and
    invalid UTF-8 in a reason phrase, a Location, a Content-Type and a JSON
    message are escaped as strconv.Quote does (strconv/quote.go); everything
    else (U+202E here) as it is: one error line, no terminal escape."""
    msg = (b'{"code":"invalid","message":"a\\u001b[2Jb\\r\\nc\\td\\u007fe\\u009bf\\u0085g\\u202eh"}')
    cases = [
        (b"HTTP/1.1 400 Bad " + HOSTILE + b"\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
         "400 Bad %s: " % HOSTILE_ESCAPED),
        (b"HTTP/1.1 307 Temporary Redirect\r\nLocation: http://x/" + HOSTILE + b"\r\nContent-Length: 0\r\n\r\n",
         "307 Temporary Redirect: redirect to http://x/%s not followed" % HOSTILE_ESCAPED),
        (b"HTTP/1.1 404 Not Found\r\nContent-Type: text/" + HOSTILE + b"\r\nContent-Length: 1\r\n\r\nx",
         '404 Not Found: unable to decode response content type "text/%s"' % HOSTILE_QUOTED),
        (b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(msg) + msg,
         r"400 Bad Request: a\x1b[2Jb\r\nc\td\x7fe\u009bf\u0085g" + "\u202eh"),
    ]
    for data, want in cases:
        srv = RawAnswer(data)
        r = run(auth(srv.url, "--id", ID))
        srv.close()
        check.eq(r.rc in (3, 4), True, r)
        check.eq(r.err, 'Error: could not find auth with ID "%s": %s\n' % (ID, want))
        if "\x1b" in r.err or "\r" in r.err or "\x9b" in r.err:
            raise AssertionError("a control byte reached stderr: %r" % r.err)


def test_cut_error_line_still_ends_with_a_newline():
    """A message larger than the stderr buffer (16 KB) is cut; the line still
    ends with a newline, at a whole UTF-8 sequence."""
    msg = json.dumps({"code": "invalid", "message": "\u00e9" * 30000}, ensure_ascii=False).encode()
    srv = RawAnswer(b"HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                    % len(msg) + msg)
    p = subprocess.run([BIN] + auth(srv.url, "--id", ID), env=env_base(), capture_output=True, timeout=30)
    srv.close()
    check.eq(p.returncode, 3)
    check.eq((p.stderr.count(b"\n"), p.stderr.endswith(b"\xc3\xa9\n")), (1, True), p.stderr[-40:])
    p.stderr.decode("utf-8")        # whole sequences only


# ------------------------------------------------------------ exit classes
def test_out_of_file_descriptors_is_named_exit_7():
    """`ulimit -n 3`: fds 0-2 are all there is. The socket cannot be made:
    Go's "socket: too many open files" (net's sysSocket), exit 7, never
    "connection refused"; a configs file that cannot be opened for the same
    reason is not taken for an absent one. The static binary: a dynamic one
    cannot even load its libc with no descriptor free."""
    if not os.access(STATIC_BIN, os.X_OK):
        raise AssertionError(STATIC_BIN + " not built (make static)")
    d = S.http
    d.reset()
    r = run(auth(d.url, "--id", ID), before="ulimit -n 3 && ", binary=STATIC_BIN)
    check.eq(r.rc, 7, r)
    one_line(r, r'Error: could not find auth with ID "%s": Get "%s/api/v2/authorizations/%s": dial tcp '
             r'127\.0\.0\.1:%d: socket: too many open files' % (ID, re.escape(d.url), ID, d.port), "EMFILE")
    cfg = os.path.join(TMP, "configs")
    with open(cfg, "w") as f:
        f.write('[x]\n  url = "%s"\n  token = "%s"\n  active = true\n' % (d.url, OP_TOKEN))
    os.chmod(cfg, 0o600)
    r = run(["auth", "inactive", "--id", ID], env={"INFLUX_CONFIGS_PATH": cfg},
            before="ulimit -n 3 && ", binary=STATIC_BIN)
    check.eq((r.rc, r.err), (7, "Error: open %s: too many open files\n" % cfg))
    check.eq(d.log(), [])


def test_malformed_ids_from_the_server_are_exit_4():
    """An ID the server supplies is checked as the caller's are, before it is
    sent: a malformed one is the server's fault (exit 4), not a usage error."""
    d = S.http
    d.reset([{"mode": "status", "status": 200,
              "body": '{"authorizations": [{"id": "not-an-id", "token": "myv1user"}]}'}])
    r = run(["v1", "auth", "set-inactive", "--host", d.url, "-t", OP_TOKEN, "--username", "myv1user"])
    check.eq((r.rc, r.out), (4, ""), r)
    one_line(r, r'Error: could not find v1 auth with token \(username\) "myv1user": server answered an invalid '
                r'authorization ID', "lookup")
    legacy = {"id": ID, "token": "myv1user", "status": "inactive", "userID": "0b1c2d3e4f5061\x1b2",
              "permissions": []}
    d.reset([{"mode": "status", "status": 200, "body": json.dumps(legacy)}])
    r = run(["v1", "auth", "set-inactive", "--host", d.url, "-t", OP_TOKEN, "--id", ID])
    check.eq((r.rc, r.out), (4, ""), r)
    one_line(r, r'Error: could not find user from User ID "0b1c2d3e4f5061\\x1b2": server answered an invalid '
                r'user ID', "user ID")
    check.eq([e["method"] for e in d.log()], ["PATCH"], "nothing malformed sent")


if __name__ == "__main__":
    suite.require(BIN)
    p = suite.setup("pki", pki.make_test_pki, TMP, 7300, ("ec",))
    S.ca = p.path("ca_ec.crt")
    S.http = suite.setup("double", double.Double, None, None, None, None, 400)
    S.https = suite.setup("tls double", double.Double, p.path("ec.crt"), p.path("ec.key"), S.ca, None, 400)
    # arguments name the tests to run (all of them without)
    check.run([v for k, v in list(globals().items()) if k.startswith("test_") and (k in sys.argv[1:] or
                                                                                   len(sys.argv) == 1)])
