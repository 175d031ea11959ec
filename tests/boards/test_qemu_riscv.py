#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_qemu_riscv: the firmware on a second CPU architecture, rv32imac on
QEMU's RISC-V virt machine (boards/qemu-riscv: the polled virtio-net driver,
boards/common's job, Debian's riscv64-unknown-elf-gcc and picolibc), as a
provisioned device against the test double through QEMU's restricted user
networking. Prints SKIP lines when QEMU or the toolchain is missing."""
import os
import shutil
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


def rv_unprovisioned_page_sends_nothing():
    with double.Double() as d:
        page = fwlib.flash(TMP, raw=b"\xff" * 4096)
        r = fwlib.run(RV, page, d.port, seconds=30, board="riscv")
        check.eq(r.returncode, 101, "exit status (uart: %r)" % r.stdout[-300:])
        check.eq("not provisioned" in r.stdout, True, "uart: %r" % r.stdout[-300:])
        check.eq(d.state("authorizations", fwlib.DEVICE_ID)["status"], "active", "nothing was sent")


def rv_image_is_heap_free():
    out = subprocess.run(["riscv64-unknown-elf-nm", RV], capture_output=True, text=True, check=True).stdout
    names = {l.split()[-1] for l in out.splitlines() if l.strip()}
    check.eq(sorted(names & {"malloc", "calloc", "realloc", "free", "_sbrk", "sbrk"}), [], "heap symbols")


def rv_core_size():
    # informational: the 8 KB budget is the Cortex-M4's (tests/static/core_size.py)
    comps, _ = size_table.parse_map(RV[:-4] + ".map")
    core = [f for name, (f, _r) in comps.items() if name.startswith("core/")]
    check.eq(len(core), 1, "core/ in the map")
    print("# rv32imac HTTP image: core/ %d B of flash" % core[0])


def main():
    for tool in ("qemu-system-riscv32", "riscv64-unknown-elf-nm", "timeout"):
        if shutil.which(tool) is None:
            print("SKIP test_qemu_riscv: %s not installed" % tool)
            return 0
    if not os.path.exists(RV):
        print("FAIL test_qemu_riscv: %s not built" % RV)
        return 1
    check.run([rv_image_is_heap_free, rv_core_size, rv_http_revokes_a_provisioned_device,
                      rv_unprovisioned_page_sends_nothing])


if __name__ == "__main__":
    sys.exit(main())
