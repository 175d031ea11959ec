#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_linux_lwip: influx-lite over lwIP (NO_SYS=1) on a TAP device.

Everything happens inside a network namespace this test creates (10.200.0.0/24
on its own tap device) and deletes again: the kernel side of the tap is
10.200.0.1, lwIP is 10.200.0.2. The test double listens on the namespace's
127.0.0.1 only; tests/boards/relay.py forwards 10.200.0.1:P to it.
Needs root and /dev/net/tun, else prints a SKIP line and passes."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import il_status  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

PROG = suite.build_path("influx-lite-lwip")
RELAY = os.path.join(suite.ROOT, "tests", "boards", "relay.py")
DNS_STUB = os.path.join(suite.ROOT, "tests", "boards", "dns_stub.py")
PROXY = os.path.join(suite.ROOT, "tests", "lib", "proxy.py")


IL_ERR_DNS = il_status.value("IL_ERR_DNS")
MKCERTS = os.path.join(suite.ROOT, "tests", "boards", "mkcerts.sh")
PKI = suite.build_path("boards-pki")
AUTH_ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
NS = "illwip%d" % os.getpid()
TAP = "iltap0"
HOST_IP, LWIP_IP = "10.200.0.1", "10.200.0.2"

env = {}


def sh(*args, check_rc=True, timeout=30):
    r = subprocess.run(list(args), capture_output=True, text=True, timeout=timeout)
    if check_rc and r.returncode != 0:
        raise RuntimeError("%s: rc=%d %s" % (" ".join(args), r.returncode, r.stderr.strip()))
    return r


def in_ns(*args):
    return ["ip", "netns", "exec", NS] + list(args)


def in_ns_program(script, *args):
    """tests/boards/<script> inside the namespace, listening on HOST_IP (tests/lib/servers.py)."""
    return servers.Program([sys.executable, script, "--listen", HOST_IP, "--max-seconds", "300"] + list(args),
                           wrap=in_ns(), name=os.path.basename(script))


def setup():
    sh("ip", "netns", "add", NS)
    # deleted at exit after every program in it has stopped (clean-ups run last registered first)
    suite.at_exit(lambda: sh("ip", "netns", "del", NS, check_rc=False))
    sh(*in_ns("ip", "link", "set", "lo", "up"))
    sh(*in_ns("ip", "tuntap", "add", "dev", TAP, "mode", "tap"))
    sh(*in_ns("ip", "addr", "add", HOST_IP + "/24", "dev", TAP))
    sh(*in_ns("ip", "link", "set", TAP, "up"))
    env["double"] = double.Double(host="127.0.0.1", wrap=in_ns())
    env["rport"] = in_ns_program(RELAY, "--to", str(env["double"].port)).port
    in_ns_program(DNS_STUB, "--name", "influxdb.test=" + HOST_IP)
    # tests/lib/proxy.py on the namespace's 127.0.0.1, the only one that knows proxied.test, reached
    # through a relay on HOST_IP
    px = servers.Program([sys.executable, PROXY, "--map", "proxied.test=%d" % env["double"].port,
                          "--max-seconds", "300"], wrap=in_ns(), name="proxy.py")
    env["pport"] = in_ns_program(RELAY, "--to", str(px.port)).port
    if has_tls():
        sh(MKCERTS, PKI)
        env["tdouble"] = double.Double(host="127.0.0.1", tls_cert=PKI + "/server.crt", tls_key=PKI + "/server.key",
                                       ca=PKI + "/ca.crt", wrap=in_ns())
        env["trport"] = in_ns_program(RELAY, "--to", str(env["tdouble"].port)).port


def has_tls():
    """The program was linked with port/mbedtls (https)."""
    with open(PROG, "rb") as f:
        return b"mbedtls_ssl_handshake" in f.read()


def double_state(tls=False):
    """The double's record of AUTH_ID, asked from inside the namespace."""
    return env["tdouble" if tls else "double"].state("authorizations", AUTH_ID)


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
    check.eq(r.stdout.strip(), "inactivated %s: status inactive, 2 permissions" % AUTH_ID, "output")
    check.eq(double_state()["status"], "inactive", "state after")


def lwip_answer_of_1002_permissions():
    # the answer (about 150 KB) streams through the decoder: the permissions
    # are counted, the strings fit the 16 KB body buffer
    double_reset()
    env["double"].ctl("POST", "/_double/seed_buckets", {"count": 500, "grant": AUTH_ID})
    r, _ = run_prog("http://%s:%d" % (HOST_IP, env["rport"]))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout.strip(), "inactivated %s: status inactive, 1002 permissions" % AUTH_ID, "output")
    check.eq(double_state()["status"], "inactive", "state after")


def lwip_description_past_the_body_buffer():
    # a string the body buffer cannot hold is dropped and counted, never
    # cut; the inactivation stands and is reported (board_inactivate.h)
    double_reset()
    env["double"].set_state("authorizations", AUTH_ID, {"description": "d" * 20000})
    r, _ = run_prog("http://%s:%d" % (HOST_IP, env["rport"]))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout, "inactivated %s: status inactive, 2 permissions\nstrings not kept: 1\n" % AUTH_ID,
             "output")
    check.eq(double_state()["status"], "inactive", "state after")


def lwip_wrong_token_is_401():
    r, _ = run_prog("http://%s:%d" % (HOST_IP, env["rport"]), token="not-a-token")
    check.eq(r.returncode != 0, True, "non-zero exit")
    check.eq("HTTP 401" in r.stderr, True, "401 in stderr: %r" % r.stderr)


def double_reset():
    env["double"].reset()


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


def lwip_through_a_proxy():
    # port/proxy over lwIP: CONNECT proxied.test:PORT to an HTTP proxy, then the exchange inside the
    # tunnel; the name is one only the proxy resolves (no --dns: lwIP could not look it up)
    double_reset()
    check.eq(double_state()["status"], "active", "state before")
    r, _ = run_prog("http://proxied.test:%d" % env["double"].port, extra=("--proxy", "%s:%d" % (HOST_IP, env["pport"])))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(double_state()["status"], "inactive", "state after")
    r, _ = run_prog("http://unknown.test:1", extra=("--proxy", "%s:%d" % (HOST_IP, env["pport"])))
    check.eq(r.returncode != 0 and "proxy tunnel failed" in r.stderr, True, "a 502 from the proxy: %r" % r.stderr)


def lwip_https_inactivate():
    if not has_tls():
        print("SKIP lwip_https_inactivate: built without port/mbedtls")
        return
    check.eq(double_state(tls=True)["status"], "active", "state before")
    r, _ = run_prog("https://%s:%d" % (HOST_IP, env["trport"]), extra=("--ca", PKI + "/ca.crt"))
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout.strip(), "inactivated %s: status inactive, 2 permissions" % AUTH_ID, "output")
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
    setup()
    check.run([lwip_http_inactivate, lwip_answer_of_1002_permissions, lwip_description_past_the_body_buffer,
               lwip_wrong_token_is_401, lwip_dns_name_resolves,
               lwip_dns_unknown_name, lwip_connect_refused,
               lwip_connect_deadline, lwip_through_a_proxy, lwip_https_inactivate, lwip_https_wrong_ca_refused])


if __name__ == "__main__":
    sys.exit(main())
