#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_qemu_riscv: the firmware on a second CPU architecture, rv32imac on
QEMU's RISC-V virt machine (boards/qemu-riscv: the polled virtio-net driver,
boards/common's job, Debian's riscv64-unknown-elf-gcc and picolibc), as a
provisioned device against the test double through QEMU's restricted user
networking. Prints SKIP lines when QEMU or the toolchain is missing."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "boards", "qemu-mps2"))
import check  # noqa: E402
import double  # noqa: E402
import fwlib  # noqa: E402
import il_status  # noqa: E402
import size_table  # noqa: E402
import suite  # noqa: E402

RV = suite.build_path("fw", "rv-http.elf")
RV_TLS = suite.build_path("fw", "rv-tls.elf")
PKI = suite.build_path("boards-pki")
TMP = suite.tmpdir("qemu-riscv-")


def rv_http_revokes_a_provisioned_device():
    with double.Double() as d:
        page = fwlib.flash(TMP)
        r = fwlib.run(RV, page, d.port, seconds=60, board="riscv")
        check.eq(r.returncode, 0, "exit status (uart: %r)" % r.stdout[-400:])
        check.eq("inactivated %s: status inactive" % fwlib.DEVICE_ID in r.stdout, True, "uart: %r" % r.stdout[-400:])
        check.eq("token erased" in r.stdout, True, "the device erased its token: %r" % r.stdout[-200:])
        check.eq(d.state("authorizations", fwlib.DEVICE_ID)["status"], "inactive", "the double's record")
    print("# rv32imac HTTP: %s" % fwlib.uart_value(r, "stack: "))


def tls_double():
    return double.Double(tls_cert=os.path.join(PKI, "server.crt"), tls_key=os.path.join(PKI, "server.key"),
                         ca=os.path.join(PKI, "ca.crt"))


def rv_https_revokes_with_the_right_time():
    # TLS 1.3 to the double, certificate dates checked against SNTP broadcasts of the right time
    with tls_double() as d:
        page = fwlib.flash(TMP, https=True)
        r = fwlib.run(RV_TLS, page, d.port, ntp_offset=0, seconds=120, board="riscv")
        check.eq(r.returncode, 0, "exit status (uart: %r)" % r.stdout[-500:])
        check.eq("sntp: unix time" in r.stdout, True, "the clock was set: %r" % r.stdout[-500:])
        check.eq("entropy: seed replaced" in r.stdout, True, "the provisioned seed replaced: %r" % r.stdout[-500:])
        check.eq(d.state("authorizations", fwlib.DEVICE_ID)["status"], "inactive", "the double's record")
    print("# rv32imac HTTPS: %s; tls pool: %s" % (fwlib.uart_value(r, "stack: "), fwlib.uart_value(r, "tls pool: ")))


def rv_https_clock_years_ahead_is_expired():
    with tls_double() as d:
        page = fwlib.flash(TMP, https=True)
        r = fwlib.run(RV_TLS, page, d.port, ntp_offset=20 * 365 * 86400, seconds=120, board="riscv")
        check.eq(r.returncode != 0, True, "refused (uart: %r)" % r.stdout[-400:])
        check.eq("certificate has expired" in r.stdout, True, "uart: %r" % r.stdout[-400:])
        check.eq(d.state("authorizations", fwlib.DEVICE_ID)["status"], "active", "nothing was revoked")


def rv_unprovisioned_page_sends_nothing():
    with double.Double() as d:
        page = fwlib.flash(TMP, raw=b"\xff" * 4096)
        r = fwlib.run(RV, page, d.port, seconds=30, board="riscv")
        check.eq(r.returncode, 101, "exit status (uart: %r)" % r.stdout[-300:])
        check.eq("not provisioned" in r.stdout, True, "uart: %r" % r.stdout[-300:])
        check.eq(d.state("authorizations", fwlib.DEVICE_ID)["status"], "active", "nothing was sent")


def rv_images_are_heap_free():
    for elf in (RV, RV_TLS):
        out = subprocess.run(["riscv64-unknown-elf-nm", elf], capture_output=True, text=True, check=True).stdout
        names = {l.split()[-1] for l in out.splitlines() if l.strip()}
        heap = sorted(names & {"malloc", "calloc", "realloc", "free", "_sbrk", "sbrk"})
        check.eq(heap, [], "heap symbols in %s" % os.path.basename(elf))


def rv_core_size():
    # informational: the 8 KB budget is the Cortex-M4's (tests/static/core_size.py)
    comps, _ = size_table.parse_map(RV[:-4] + ".map")
    core = [f for name, (f, _r) in comps.items() if name.startswith("core/")]
    check.eq(len(core), 1, "core/ in the map")
    print("# rv32imac HTTP image: core/ %d B of flash" % core[0])


def main():
    suite.needs("test_qemu_riscv", tools=("qemu-system-riscv32", "riscv64-unknown-elf-nm", "timeout"),
                built=(RV, RV_TLS))
    check.run([rv_images_are_heap_free, rv_core_size, rv_http_revokes_a_provisioned_device,
               rv_unprovisioned_page_sends_nothing, rv_https_revokes_with_the_right_time,
               rv_https_clock_years_ahead_is_expired])


if __name__ == "__main__":
    sys.exit(main())
