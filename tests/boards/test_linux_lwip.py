#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_linux_lwip: influx-lite over lwIP (NO_SYS=1) on a TAP device.

Everything happens inside a network namespace this test creates (10.200.0.0/24
on its own tap device) and deletes again: the kernel side of the tap is
10.200.0.1, lwIP is 10.200.0.2. The test double listens on the namespace's
127.0.0.1 only; tests/boards/relay.py forwards 10.200.0.1:P to it.
Needs root and /dev/net/tun, else prints a SKIP line and passes."""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import check  # noqa: E402
import il_status  # noqa: E402

PROG = os.path.join(ROOT, "build", "influx-lite-lwip")
DOUBLE = os.path.join(ROOT, "tests", "server", "influxd_double.py")
RELAY = os.path.join(ROOT, "tests", "boards", "relay.py")
DNS_STUB = os.path.join(ROOT, "tests", "boards", "dns_stub.py")


IL_ERR_DNS = il_status.value("IL_ERR_DNS")
MKCERTS = os.path.join(ROOT, "tests", "boards", "mkcerts.sh")
PKI = os.path.join(ROOT, "build", "boards-pki")
AUTH_ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
NS = "illwip%d" % os.getpid()
TAP = "iltap0"
HOST_IP, LWIP_IP = "10.200.0.1", "10.200.0.2"

procs = []
tmp = tempfile.mkdtemp(prefix="il-lwip-")
env = {}


def sh(*args, check_rc=True, timeout=30):
    r = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)
    if check_rc and r.returncode != 0:
        raise RuntimeError("%s: rc=%d %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r


def in_ns(*args):
    return ["ip", "netns", "exec", NS] + list(args)


def start(args, port_file):
    p = subprocess.Popen(in_ns(*args), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    procs.append(p)
    for _ in range(200):
        if os.path.exists(port_file):
            with open(port_file) as f:
                return int(f.read())
        if p.poll() is not None:
            raise RuntimeError("%s exited: %s" % (args[1], p.stderr.read().decode()[-500:]))
        time.sleep(0.05)
    raise RuntimeError("no port file from " + args[1])


def setup():
    sh("ip", "netns", "add", NS)
    sh(*in_ns("ip", "link", "set", "lo", "up"))
    sh(*in_ns("ip", "tuntap", "add", "dev", TAP, "mode", "tap"))
    sh(*in_ns("ip", "addr", "add", HOST_IP + "/24", "dev", TAP))
    sh(*in_ns("ip", "link", "set", TAP, "up"))
    dport = start([sys.executable, DOUBLE, "--port", "0", "--port-file", tmp + "/double.port",
                   "--host", "127.0.0.1", "--max-seconds", "300"], tmp + "/double.port")
    rport = start([sys.executable, RELAY, "--listen", HOST_IP, "--port-file", tmp + "/relay.port",
                   "--to", str(dport), "--max-seconds", "300"], tmp + "/relay.port")
    env["dport"], env["rport"] = dport, rport
    start([sys.executable, DNS_STUB, "--listen", HOST_IP, "--port-file", tmp + "/dns.port",
           "--name", "influxdb.test=" + HOST_IP, "--max-seconds", "300"], tmp + "/dns.port")
    if has_tls():
        sh(MKCERTS, PKI)
        tport = start([sys.executable, DOUBLE, "--port", "0", "--port-file", tmp + "/tdouble.port",
                       "--host", "127.0.0.1", "--max-seconds", "300",
                       "--tls-cert", PKI + "/server.crt", "--tls-key", PKI + "/server.key"],
                      tmp + "/tdouble.port")
        trport = start([sys.executable, RELAY, "--listen", HOST_IP, "--port-file",
                        tmp + "/trelay.port", "--to", str(tport), "--max-seconds", "300"],
                       tmp + "/trelay.port")
        env["tport"], env["trport"] = tport, trport


def has_tls():
    """The program was linked with port/mbedtls (https)."""
    with open(PROG, "rb") as f:
        return b"mbedtls_ssl_handshake" in f.read()


def teardown():
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(5)
        except subprocess.TimeoutExpired:
            p.kill()
    sh("ip", "netns", "del", NS, check_rc=False)


def double_state(tls=False):
    """GET /_double/state/authorizations/ID on the double, from inside the namespace."""
    code = ("import urllib.request,sys,ssl;r=urllib.request.Request('%s://127.0.0.1:%d/_double/state/"
            "authorizations/%s',headers={'Authorization':'Token %s'});"
            "c=ssl.create_default_context(cafile=%r) if %r else None;"
            "sys.stdout.write(urllib.request.urlopen(r,timeout=5,context=c).read().decode())"
            % ("https" if tls else "http", env["tport" if tls else "dport"], AUTH_ID, OP_TOKEN,
               PKI + "/ca.crt", tls))
    return json.loads(sh(*in_ns(sys.executable, "-c", code)).stdout)


def run_prog(host, token=OP_TOKEN, timeout_ms=5000, extra=()):
    args = in_ns(PROG, "--tap", TAP, "--ip", LWIP_IP, "--mask", "255.255.255.0",
                 "--gw", HOST_IP, "--host", host, "--token", token, "--id", AUTH_ID,
                 "--timeout-ms", str(timeout_ms), *extra)
    t0 = time.monotonic()
    r = subprocess.run(args, capture_output=True, text=True, timeout=60)
    return r, time.monotonic() - t0


def lwip_http_inactivate():
    check.eq(double_state()["status"], "active", "state before")
    r, _ = run_prog("http://%s:%d" % (HOST_IP, env["rport"]))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout.strip(), "inactivated %s: status inactive" % AUTH_ID, "output")
    check.eq(double_state()["status"], "inactive", "state after")


def lwip_wrong_token_is_401():
    r, _ = run_prog("http://%s:%d" % (HOST_IP, env["rport"]), token="not-a-token")
    check.eq(r.returncode != 0, True, "non-zero exit")
    check.eq("HTTP 401" in r.stderr, True, "401 in stderr: %r" % r.stderr)


def double_reset():
    code = ("import urllib.request;urllib.request.urlopen(urllib.request.Request("
            "'http://127.0.0.1:%d/_double/reset',data=b'',method='POST'),timeout=5).read()" % env["dport"])
    sh(*in_ns(sys.executable, "-c", code))


def lwip_dns_name_resolves():
    # a host name goes through lwIP's own resolver (dns_gethostbyname) to the stub in the namespace
    double_reset()
    check.eq(double_state()["status"], "active", "state before")
    r, _ = run_prog("http://influxdb.test:%d" % env["rport"], extra=("--dns", HOST_IP))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(double_state()["status"], "inactive", "state after")


def lwip_dns_unknown_name():
    r, dt = run_prog("http://nohost.test:%d" % env["rport"], extra=("--dns", HOST_IP), timeout_ms=3000)
    check.eq(r.returncode, IL_ERR_DNS, "exit status is IL_ERR_DNS (stderr: %s)" % r.stderr.strip())
    check.eq("no such host" in r.stderr, True, "stderr names the cause: %r" % r.stderr)
    check.eq(dt < 3.0, True, "NXDOMAIN answers at once, not at the deadline (%.2f s)" % dt)


def lwip_connect_refused():
    # nothing listens on port 9 of the kernel side: RST, fast
    r, dt = run_prog("http://%s:9" % HOST_IP, timeout_ms=5000)
    check.eq("connection refused" in r.stderr or "connect" in r.stderr, True, "stderr %r" % r.stderr)
    check.eq(r.returncode != 0 and dt < 4, True, "rc=%d in %.1fs" % (r.returncode, dt))


def lwip_connect_deadline():
    # 10.200.0.9 does not exist: ARP never answers; the deadline must end the wait
    r, dt = run_prog("http://10.200.0.9:8086", timeout_ms=700)
    check.eq(r.returncode != 0, True, "non-zero exit")
    check.eq("timed out" in r.stderr or "deadline" in r.stderr or "time" in r.stderr, True,
             "stderr %r" % r.stderr)
    check.eq(0.6 < dt < 3.0, True, "took %.2fs" % dt)


def lwip_https_inactivate():
    if not has_tls():
        print("SKIP lwip_https_inactivate: built without port/mbedtls")
        return
    check.eq(double_state(tls=True)["status"], "active", "state before")
    r, _ = run_prog("https://%s:%d" % (HOST_IP, env["trport"]), extra=("--ca", PKI + "/ca.crt"))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout.strip(), "inactivated %s: status inactive" % AUTH_ID, "output")
    check.eq(double_state(tls=True)["status"], "inactive", "state after")


def lwip_https_wrong_ca_refused():
    if not has_tls():
        print("SKIP lwip_https_wrong_ca_refused: built without port/mbedtls")
        return
    r, _ = run_prog("https://%s:%d" % (HOST_IP, env["trport"]),
                    extra=("--ca", PKI + "/other-ca.crt"))
    check.eq(r.returncode != 0, True, "non-zero exit")
    check.eq("TLS" in r.stderr, True, "TLS error in stderr: %r" % r.stderr)


def main():
    if os.geteuid() != 0:
        print("SKIP test_linux_lwip: needs root (ip netns, tap)")
        return 0
    if not os.path.exists("/dev/net/tun"):
        print("SKIP test_linux_lwip: no /dev/net/tun")
        return 0
    if not os.path.exists(PROG):
        print("FAIL test_linux_lwip: %s not built" % PROG)
        return 1
    try:
        setup()
        check.run([lwip_http_inactivate, lwip_wrong_token_is_401, lwip_dns_name_resolves,
                   lwip_dns_unknown_name, lwip_connect_refused,
                   lwip_connect_deadline, lwip_https_inactivate, lwip_https_wrong_ca_refused])
    finally:
        teardown()


if __name__ == "__main__":
    sys.exit(main())
