#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_linux_lwip: influx-lite over lwIP on a TAP device: NO_SYS=1 raw TCP
(influx-lite-lwip), and NO_SYS=0 with threads and the socket transport
(influx-lite-lwip-sock, port/lwip-sock: the RTOS-style port).

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
SOCK_PROG = suite.build_path("influx-lite-lwip-sock")
RELAY = os.path.join(suite.ROOT, "tests", "boards", "relay.py")
DNS_STUB = os.path.join(suite.ROOT, "tests", "boards", "dns_stub.py")
SNTP = os.path.join(suite.ROOT, "tests", "boards", "sntp_server.py")
PROXY = os.path.join(suite.ROOT, "tests", "lib", "proxy.py")


IL_ERR_DNS = il_status.value("IL_ERR_DNS")
MKCERTS = os.path.join(suite.ROOT, "tests", "boards", "mkcerts.sh")
PKI = suite.build_path("boards-pki")
AUTH_ID = "06c86c40a9f36000"
OP_TOKEN = "op-token-for-tests"
NS = "illwip%d" % os.getpid()
TAP = "iltap0"
HOST_IP, LWIP_IP = "10.200.0.1", "10.200.0.2"
# SNTP servers, each on an address of its own (port 123 is fixed), by the
# time they give: now, after the test certificate's notAfter, before its notBefore
NTP_IPS = {"now": "10.200.0.11", "ahead": "10.200.0.12", "behind": "10.200.0.13"}
DAY = 86400

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
    env["silent_port"] = in_ns_program(RELAY, "--silent").port
    in_ns_program(DNS_STUB, "--name", "influxdb.test=" + HOST_IP)
    # tests/lib/proxy.py on the namespace's 127.0.0.1, the only one that knows proxied.test, reached
    # through a relay on HOST_IP
    px = servers.Program([sys.executable, PROXY, "--map", "proxied.test=%d" % env["double"].port,
                          "--max-seconds", "300"], wrap=in_ns(), name="proxy.py")
    env["pport"] = in_ns_program(RELAY, "--to", str(px.port)).port
    if has_tls():
        sh(MKCERTS, PKI)
        not_before, not_after = cert_dates(PKI + "/server.crt")
        offsets = {"now": 0, "ahead": not_after + 365 * DAY - time.time(), "behind": not_before - 30 * DAY - time.time()}
        for name, ip in NTP_IPS.items():
            sh(*in_ns("ip", "addr", "add", ip + "/24", "dev", TAP))
            env["ntp_" + name] = servers.Program([sys.executable, SNTP, "--listen", ip, "--offset", str(offsets[name]),
                                                  "--max-seconds", "300"], wrap=in_ns(), name="sntp-" + name)
        sh(MKCERTS, PKI)
        env["tdouble"] = double.Double(host="127.0.0.1", tls_cert=PKI + "/server.crt", tls_key=PKI + "/server.key",
                                       ca=PKI + "/ca.crt", wrap=in_ns())
        env["trport"] = in_ns_program(RELAY, "--to", str(env["tdouble"].port)).port


def cert_dates(path):
    """(notBefore, notAfter) of a certificate, as Unix seconds."""
    import datetime
    out = sh("openssl", "x509", "-noout", "-startdate", "-enddate", "-dateopt", "iso_8601", "-in", path).stdout
    vals = [l.split("=", 1)[1].strip() for l in out.splitlines()]
    return [int(datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()) for v in vals]


def has_tls():
    """The program was linked with port/mbedtls (https)."""
    with open(PROG, "rb") as f:
        return b"mbedtls_ssl_handshake" in f.read()


def double_state(tls=False):
    """The double's record of AUTH_ID, asked from inside the namespace."""
    return env["tdouble" if tls else "double"].state("authorizations", AUTH_ID)


def run_prog(host, token=OP_TOKEN, timeout_ms=5000, extra=(), prog=PROG):
    args = in_ns(prog, "--tap", TAP, "--ip", LWIP_IP, "--mask", "255.255.255.0",
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


def https_with_ntp(which, timeout_ms=5000):
    env["tdouble"].reset()
    return run_prog("https://%s:%d" % (HOST_IP, env["trport"]), timeout_ms=timeout_ms,
                    extra=("--ca", PKI + "/ca.crt", "--ntp", NTP_IPS.get(which, which)))


def lwip_sntp_unicast_sets_the_clock():
    # lwIP's SNTP client polls one server (unicast, the default); the time it
    # sets is the one the certificate's dates are checked against
    if not has_tls():
        print("SKIP lwip_sntp_unicast_sets_the_clock: built without port/mbedtls")
        return
    r, _ = https_with_ntp("now")
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    got = int(r.stdout.split("sntp: unix time ", 1)[1].split()[0])
    check.eq(abs(got - time.time()) < 60, True, "the server's time, %d" % got)
    check.eq(double_state(tls=True)["status"], "inactive", "state after")


def lwip_sntp_clock_ahead_is_expired():
    if not has_tls():
        return
    r, _ = https_with_ntp("ahead")
    check.eq(r.returncode, il_status.value("IL_ERR_TLS_EXPIRED"), "exit status (stderr: %s)" % r.stderr.strip())
    check.eq("certificate has expired" in r.stderr, True, "stderr %r" % r.stderr)
    check.eq(double_state(tls=True)["status"], "active", "still active")


def lwip_sntp_clock_behind_is_not_yet_valid():
    if not has_tls():
        return
    r, _ = https_with_ntp("behind")
    check.eq(r.returncode, il_status.value("IL_ERR_TLS_FUTURE"), "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(double_state(tls=True)["status"], "active", "still active")


def lwip_sntp_no_answer_makes_no_handshake():
    # no server at that address: no time, no handshake, nothing sent
    if not has_tls():
        return
    r, dt = https_with_ntp("10.200.0.19", timeout_ms=1500)
    check.eq(r.returncode, il_status.value("IL_ERR_TLS_NO_TIME"), "exit status (stderr: %s)" % r.stderr.strip())
    check.eq("sntp: no answer" in r.stderr, True, "stderr %r" % r.stderr)
    check.eq(env["tdouble"].log(), [], "nothing reached the double")
    check.eq(dt < 4, True, "ends after the wait (%.1f s)" % dt)


def sock_http_inactivate():
    # lwIP's tcpip thread and TAP reader thread run the stack; the main thread blocks in lwip_recv
    double_reset()
    check.eq(double_state()["status"], "active", "state before")
    r, _ = run_prog("http://%s:%d" % (HOST_IP, env["rport"]), prog=SOCK_PROG)
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout.strip(), "inactivated %s: status inactive, 2 permissions" % AUTH_ID, "output")
    check.eq(double_state()["status"], "inactive", "state after")


def sock_dns_name_resolves():
    # lwip_gethostbyname_r through lwIP's resolver to the stub in the namespace
    double_reset()
    r, _ = run_prog("http://influxdb.test:%d" % env["rport"], extra=("--dns", HOST_IP), prog=SOCK_PROG)
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(double_state()["status"], "inactive", "state after")


def sock_https_inactivate():
    if not has_tls():
        print("SKIP sock_https_inactivate: built without port/mbedtls")
        return
    env["tdouble"].reset()
    check.eq(double_state(tls=True)["status"], "active", "state before")
    r, _ = run_prog("https://%s:%d" % (HOST_IP, env["trport"]), extra=("--ca", PKI + "/ca.crt"), prog=SOCK_PROG)
    check.eq(r.returncode, 0, "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(r.stdout.strip(), "inactivated %s: status inactive, 2 permissions" % AUTH_ID, "output")
    check.eq(double_state(tls=True)["status"], "inactive", "state after")


def sock_silent_peer_ends_at_deadline():
    # the peer accepts and never answers: SO_RCVTIMEO, set to what is left, ends the wait
    r, dt = run_prog("http://%s:%d" % (HOST_IP, env["silent_port"]), timeout_ms=800, prog=SOCK_PROG)
    check.eq(r.returncode, il_status.value("IL_ERR_TIMEOUT"), "exit status (stderr: %s)" % r.stderr.strip())
    check.eq("time" in r.stderr, True, "stderr names the deadline: %r" % r.stderr)
    check.eq(0.7 < dt < 3.0, True, "took %.2fs" % dt)


def sock_connect_deadline():
    # nobody at 10.200.0.9 (ARP unanswered): lwip_select ends at the deadline
    r, dt = run_prog("http://10.200.0.9:8086", timeout_ms=700, prog=SOCK_PROG)
    check.eq(r.returncode, il_status.value("IL_ERR_TIMEOUT"), "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(0.6 < dt < 3.0, True, "took %.2fs" % dt)


def sock_connect_refused():
    r, dt = run_prog("http://%s:9" % HOST_IP, timeout_ms=5000, prog=SOCK_PROG)
    check.eq(r.returncode, il_status.value("IL_ERR_CONNECT"), "exit status (stderr: %s)" % r.stderr.strip())
    check.eq(dt < 4, True, "took %.1fs" % dt)


def sock_program_has_no_heap():
    # lwIP's static pools and sys_arch objects inside lwIP's own structures: no allocator is referenced
    for prog in (PROG, SOCK_PROG):
        undefined = {w.split("@")[0] for w in sh("nm", "-u", prog).stdout.split()}
        heap = sorted(undefined & {"malloc", "calloc", "realloc", "free", "sbrk", "strdup", "fopen"})
        check.eq(heap, [], "heap calls referenced by %s" % os.path.basename(prog))


def main():
    if os.geteuid() != 0:
        print("SKIP test_linux_lwip: needs root (ip netns, tap)")
        return 0
    if not os.path.exists("/dev/net/tun"):
        print("SKIP test_linux_lwip: no /dev/net/tun")
        return 0
    for prog in (PROG, SOCK_PROG):
        if not os.path.exists(prog):
            print("FAIL test_linux_lwip: %s not built" % prog)
            return 1
    setup()
    check.run([lwip_http_inactivate, lwip_answer_of_1002_permissions, lwip_description_past_the_body_buffer,
               lwip_wrong_token_is_401, lwip_dns_name_resolves,
               lwip_dns_unknown_name, lwip_connect_refused,
               lwip_connect_deadline, lwip_through_a_proxy, lwip_https_inactivate, lwip_https_wrong_ca_refused,
               lwip_sntp_unicast_sets_the_clock, lwip_sntp_clock_ahead_is_expired,
               lwip_sntp_clock_behind_is_not_yet_valid, lwip_sntp_no_answer_makes_no_handshake,
               sock_http_inactivate, sock_dns_name_resolves, sock_https_inactivate,
               sock_silent_peer_ends_at_deadline, sock_connect_deadline, sock_connect_refused,
               sock_program_has_no_heap])


if __name__ == "__main__":
    sys.exit(main())
