#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_qemu_mps2: the Cortex-M4 firmware (build/fw/fw.elf, and the https
images fw-tls.elf, TLS 1.3 and 1.2, and fw-tls12.elf, TLS 1.2 only) in QEMU
mps2-an386.

Each image is heap-free (no malloc/_sbrk symbols). In QEMU it reaches the test
double only through user networking with restrict=on and one guestfwd
(10.0.2.100:8086 -> tests/boards/relay.py -> 127.0.0.1:<double>), inactivates
the token, prints the result on UART0 and exits with its status through
semihosting. Prints SKIP lines when QEMU or the ARM toolchain is missing."""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import suite  # noqa: E402

FW = os.environ.get("IL_FW_ELF", suite.build_path("fw", "fw.elf"))
FW_TLS = os.environ.get("IL_FW_TLS_ELF", suite.build_path("fw", "fw-tls.elf"))
FW_TLS12 = os.environ.get("IL_FW_TLS12_ELF", suite.build_path("fw", "fw-tls12.elf"))
FW_README = os.environ.get("IL_FW_README_ELF", suite.build_path("fw", "fw-readme.elf"))
PKI = suite.build_path("boards-pki")
RELAY = os.path.join(suite.ROOT, "tests", "boards", "relay.py")
AUTH_ID = "06c86c40a9f36000"


def status(d, table="authorizations"):
    return d.state(table, AUTH_ID)["status"]


def run_qemu(elf, port, seconds=60):
    nic = ("user,model=lan9118,restrict=on,guestfwd=tcp:10.0.2.100:8086-cmd:%s %s --stdio %d"
           % (sys.executable, RELAY, port))
    args = ["timeout", str(seconds), "qemu-system-arm", "-M", "mps2-an386", "-nographic",
            "-monitor", "none", "-serial", "stdio",
            "-semihosting-config", "enable=on,target=native", "-nic", nic, "-kernel", elf]
    return subprocess.run(args, capture_output=True, text=True, timeout=seconds + 10)


def heap_symbols(elf):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True, check=True).stdout
    return [l for l in out.splitlines()
            if l.split()[-1:] and l.split()[-1] in ("malloc", "_malloc_r", "calloc", "realloc", "_sbrk", "free")]


def fw_is_heap_free():
    check.eq(heap_symbols(FW), [], "heap symbols in fw.elf")


def fw_tls_is_heap_free():
    if not os.path.exists(FW_TLS):
        print("SKIP fw_tls_is_heap_free: fw-tls.elf not built (no port/mbedtls)")
        return
    check.eq(heap_symbols(FW_TLS), [], "heap symbols in fw-tls.elf")


def inactivate_over_https(elf, uart_says):
    """Run elf against the double with TLS: it must exit 0, print uart_says
    and leave the authorization inactive. Returns the QEMU run."""
    with double.Double(tls_cert=os.path.join(PKI, "server.crt"), tls_key=os.path.join(PKI, "server.key"),
                       ca=os.path.join(PKI, "ca.crt")) as d:
        check.eq(status(d), "active", "before")
        r = run_qemu(elf, d.port, seconds=90)
        check.eq(r.returncode, 0, "qemu exit status (uart: %r, stderr: %r)" % (r.stdout[-400:], r.stderr[-300:]))
        check.eq(uart_says in r.stdout, True, "uart: %r" % r.stdout)
        check.eq(status(d), "inactive", "after")
        return r


def fw_tls_inactivates_over_https():
    if not os.path.exists(FW_TLS):
        print("SKIP fw_tls_inactivates_over_https: fw-tls.elf not built (no port/mbedtls)")
        return
    r = inactivate_over_https(FW_TLS, "inactivated %s: status inactive" % AUTH_ID)
    for l in r.stdout.splitlines():
        if l.startswith(("stack: ", "tls pool: ")):
            print("# " + l)


def fw_tls12_is_heap_free_and_inactivates_over_https():
    # the TLS 1.2-only build (IL_TLS_1_3=0: no PSA, its own CTR_DRBG) against
    # the same double, which then speaks TLS 1.2
    if not os.path.exists(FW_TLS12):
        print("SKIP fw_tls12_inactivates_over_https: fw-tls12.elf not built (no port/mbedtls)")
        return
    check.eq(heap_symbols(FW_TLS12), [], "heap symbols in fw-tls12.elf")
    r = inactivate_over_https(FW_TLS12, "inactivated %s: status inactive" % AUTH_ID)
    for l in r.stdout.splitlines():
        if l.startswith(("stack: ", "tls pool: ")):
            print("# TLS 1.2 only: " + l)


def fw_tls_refuses_plain_http_peer():
    if not os.path.exists(FW_TLS):
        print("SKIP fw_tls_refuses_plain_http_peer: fw-tls.elf not built (no port/mbedtls)")
        return
    with double.Double() as d:
        r = run_qemu(FW_TLS, d.port, seconds=90)
        check.eq(r.returncode not in (0, 124), True, "rc=%d uart=%r" % (r.returncode, r.stdout[-300:]))
        check.eq("error: TLS" in r.stdout, True, "uart: %r" % r.stdout)
        check.eq(status(d), "active", "nothing was inactivated")


def fw_readme_example_inactivates_over_https():
    # README.md's library example, compiled from README.md itself
    # (tests/boards/rules.mk), run as the firmware's main
    if not os.path.exists(FW_README):
        print("SKIP fw_readme_example_inactivates_over_https: fw-readme.elf not built (no port/mbedtls)")
        return
    check.eq(heap_symbols(FW_README), [], "heap symbols in fw-readme.elf")
    inactivate_over_https(FW_README, "README example: ok")


def fw_inactivates_over_lan9118():
    with double.Double() as d:
        check.eq(status(d), "active", "before")
        r = run_qemu(FW, d.port)
        check.eq(r.returncode, 0, "qemu exit status (uart: %r, stderr: %r)" % (r.stdout[-400:], r.stderr[-300:]))
        check.eq("inactivated %s: status inactive" % AUTH_ID in r.stdout, True, "uart: %r" % r.stdout)
        check.eq(status(d), "inactive", "after")
        check.eq(any("PATCH" in json.dumps(e) for e in d.log()), True, "PATCH in the double's log")
        used = [l for l in r.stdout.splitlines() if l.startswith("stack: ")]
        check.eq(len(used), 1, "stack line")
        print("# " + used[0])


def fw_answer_larger_than_its_buffers():
    # 1,002 permissions (about 150 KB of answer) and a 6,000-byte description
    # through the firmware's 4 KB body buffer: the answer streams through the
    # decoder, the permissions are counted, the description is dropped and
    # counted, and the inactivation is reported (board_inactivate.h)
    with double.Double() as d:
        d.ctl("POST", "/_double/seed_buckets", {"count": 500, "grant": AUTH_ID})
        d.set_state("authorizations", AUTH_ID, {"description": "d" * 6000})
        r = run_qemu(FW, d.port)
        check.eq(r.returncode, 0, "qemu exit status (uart: %r, stderr: %r)" % (r.stdout[-400:], r.stderr[-300:]))
        check.eq("inactivated %s: status inactive, 1002 permissions\nstrings not kept: 1\n" % AUTH_ID
                 in r.stdout.replace("\r\n", "\n"), True, "uart: %r" % r.stdout)
        check.eq(status(d), "inactive", "after")


def fw_exit_status_is_the_il_status():
    # the relay points at a port where nothing listens: the connection is
    # refused or closed before an answer, and QEMU must exit non-zero
    r = run_qemu(FW, 9, seconds=40)
    check.eq(r.returncode not in (0, 124), True, "rc=%d uart=%r" % (r.returncode, r.stdout[-300:]))
    check.eq("error: " in r.stdout, True, "uart: %r" % r.stdout)


def size_table_measures_a_run():
    # `make size`'s stack and pool figures (boards/qemu-mps2/size_table.py) run
    # the images the way this suite does: keep that path working, for the
    # HTTP image and both https images
    sys.path.insert(0, os.path.join(suite.ROOT, "boards", "qemu-mps2"))
    import size_table  # noqa: E402
    for elf, tls in ((FW, False), (FW_TLS, True), (FW_TLS12, True)):
        if not os.path.exists(elf):
            continue
        found, rc = size_table.stack_run(elf, tls)
        check.eq(rc, 0, "qemu exit status (%s)" % os.path.basename(elf))
        check.eq("stack: " in found, True, "stack line in %r" % found)
        check.eq("tls pool: " in found, tls, "pool line in %r" % found)


def main():
    for tool in ("qemu-system-arm", "arm-none-eabi-nm", "timeout"):
        if shutil.which(tool) is None:
            print("SKIP test_qemu_mps2: %s not installed" % tool)
            return 0
    if not os.path.exists(FW):
        print("FAIL test_qemu_mps2: %s not built" % FW)
        return 1
    check.run([fw_is_heap_free, fw_inactivates_over_lan9118, fw_answer_larger_than_its_buffers,
               fw_exit_status_is_the_il_status,
               fw_tls_is_heap_free, fw_tls_inactivates_over_https, fw_tls12_is_heap_free_and_inactivates_over_https,
               fw_tls_refuses_plain_http_peer,
               fw_readme_example_inactivates_over_https, size_table_measures_a_run])


if __name__ == "__main__":
    sys.exit(main())
