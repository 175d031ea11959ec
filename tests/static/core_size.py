#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""core_size.py - the flash budget of the core: core/ as linked into the
Cortex-M4 HTTP firmware (build/fw/fw.elf, arm-none-eabi-gcc -Os,
--gc-sections) at most 8,192 bytes, read from the image's map file the way
`make size` reads it (boards/qemu-mps2/size_table.py). One line:
  PASS core_flash_http (N of 8192 B)   or   FAIL core_flash_http: ...
The https image's core is printed for information (its TLS glue calls more
of the core), and so is the proxy component: the firmware is built with
IL_PROXY=0 (il_config.h), which leaves the proxy's messages (core/proxy.c),
absolute-form requests and IL_ERR_PROXY out of its core; core/proxy.c's
size for Cortex-M4 -Os is read from build/arm/proxy.o (make core-arm)."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "boards", "qemu-mps2"))
import size_table  # noqa: E402

BUDGET = 8192
FW = os.environ.get("BUILD", os.path.join(ROOT, "build"))


def core_flash(map_path):
    comps, _ = size_table.parse_map(map_path)
    for name, (flash, _ram) in comps.items():
        if name.startswith("core/"):
            return flash
    return None


def main():
    http_map = os.path.join(FW, "fw", "fw.map")
    if not os.path.exists(http_map):
        print("FAIL core_flash_http: %s missing (make build/fw/fw.elf)" % http_map)
        return 1
    flash = core_flash(http_map)
    if flash is None:
        print("FAIL core_flash_http: no core/ objects found in %s" % http_map)
        return 1
    note = ""
    tls_map = os.path.join(FW, "fw", "fw-tls.map")
    if os.path.exists(tls_map):
        note = "; https image: %s B" % core_flash(tls_map)
    proxy_obj = os.path.join(FW, "arm", "proxy.o")
    if os.path.exists(proxy_obj):
        out = subprocess.run(["arm-none-eabi-size", proxy_obj], capture_output=True, text=True).stdout.split("\n")
        if len(out) > 1 and out[1].split():
            note += "; proxy component, not in the firmware (IL_PROXY=0): core/proxy.c %s B" % out[1].split()[0]
    if flash > BUDGET:
        print("FAIL core_flash_http: core/ takes %d B of flash in the HTTP image, over %d B%s" % (flash, BUDGET, note))
        return 1
    print("PASS core_flash_http (%d of %d B%s)" % (flash, BUDGET, note))
    return 0


if __name__ == "__main__":
    sys.exit(main())
