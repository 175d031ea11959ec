#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""size_table.py - flash/RAM per component of the firmware, from the GNU ld map.

  size_table.py --map build/fw/fw.map --elf build/fw/fw.elf [--core-objs ...]
                [--stack-run]   (run the image in QEMU against the test double
                                 and report the measured stack high-water mark)

Flash = .isr_vector + .text (code and rodata) + .ARM.exidx + .data's load
image; RAM = .data + .bss (+ the reserved stack, shown on its own line).
Components are told apart by the object file each input section came from."""
import argparse
import os
import re
import subprocess
import sys

FLASH_SECTIONS = {".isr_vector", ".text", ".ARM.extab", ".ARM.exidx"}
RAM_ONLY = {".bss"}
BOTH = {".data"}

COMPONENTS = [
    ("core/ (HTTP, JSON, URL, client)", lambda f: re.search(r"/obj/(?:arm|rv)[^/]*/core/", f)),
    ("port/lwip (transport)", lambda f: re.search(r"/obj/(?:arm|rv)[^/]*/port/lwip/", f)),
    ("port/mbedtls (TLS glue, static pool)", lambda f: re.search(r"/obj/(?:arm|rv)[^/]*/port/mbedtls/", f)),
    ("lwIP 2.1.3 (IPv4, TCP, UDP, DNS, ARP, SNTP)", lambda f: re.search(r"/lwip/(?:arm|rv)[^/]*/", f)),
    ("mbedTLS 3.6 (TLS client)", lambda f: re.search(r"/mbedtls/(?:arm|rv)[^/]*/", f)),
    ("board (startup, NIC, app, page, clock, CA, fmt)", lambda f: re.search(r"/obj/(?:arm|rv)[^/]*/boards/", f)
     or "/fw/ca" in f),
    ("newlib-nano + libgcc", lambda f: "libc_nano" in f or "libgcc" in f or "libg_nano" in f or "picolibc" in f
     or "libnosys" in f or "libm" in f),
]


def parse_map(path):
    text = open(path).read().split("Linker script and memory map", 1)[1]
    out = {}          # component -> [flash, ram]
    stack = 0
    section = None
    pending = None    # input section name waiting for its address line
    other = []
    for line in text.splitlines():
        m = re.match(r"^(\.[\w.]+)\s*(0x[0-9a-f]+)?\s*(0x[0-9a-f]+)?", line)
        if m and not line.startswith(" "):
            section = m.group(1)
            if section == ".stack" and m.group(3):
                stack = int(m.group(3), 16)
            pending = None
            continue
        if section not in FLASH_SECTIONS | RAM_ONLY | BOTH:
            continue
        m = re.match(r"^ (\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
        if m:
            size, obj = int(m.group(3), 16), m.group(4)
        else:
            m2 = re.match(r"^ (\S+)\s*$", line)
            if m2 and not line.startswith("  "):
                pending = m2.group(1)
                continue
            m3 = re.match(r"^\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
            if not (m3 and pending):
                continue
            size, obj = int(m3.group(2), 16), m3.group(3)
            pending = None
        if line.lstrip().startswith("*fill*") or size == 0:
            continue
        name = next((n for n, pred in COMPONENTS if pred(obj)), None)
        if name is None:
            name = "other"
            other.append(obj)
        f, r = out.setdefault(name, [0, 0])
        if section in FLASH_SECTIONS:
            f += size
        elif section in BOTH:
            f += size
            r += size
        else:
            r += size
        out[name] = [f, r]
    return out, stack


NOT_IMAGE = (".il_cred", ".comment", ".debug", ".ARM.attributes", ".riscv.attributes", ".stab")


def elf_size(elf, size_tool="arm-none-eabi-size"):
    """(text, data, bss) from the ELF's sections: what only flash holds,
    .data (flash and RAM), the rest of RAM (.bss, the stack). The credential
    page is neither: it is the device's, not the image's."""
    o = subprocess.run([size_tool, "-A", elf], capture_output=True, text=True, check=True).stdout
    text = data = bss = 0
    for line in o.splitlines():
        f = line.split()
        if len(f) != 3 or not f[1].isdigit() or f[0].startswith(NOT_IMAGE):
            continue
        if f[0] in (".data", ".sdata"):
            data += int(f[1])
        elif f[0] in (".bss", ".sbss", ".stack"):
            bss += int(f[1])
        else:
            text += int(f[1])
    return text, data, bss


def objs_size(objs):
    if not objs:
        return None
    o = subprocess.run(["arm-none-eabi-size", "-t"] + objs, capture_output=True, text=True,
                       check=True).stdout
    text, data, bss = (int(x) for x in o.splitlines()[-1].split()[:3])
    return text + data, data + bss


def stack_run(elf, tls, board="mps2", ntp_offset=0):
    """Run the image as a provisioned device against the test double (https
    with SNTP broadcasts of now + ntp_offset); returns {uart line prefix:
    rest}, rc."""
    import tempfile
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "..", "tests", "boards"))
    sys.path.insert(0, os.path.join(here, "..", "..", "tests", "lib"))
    import double  # noqa: E402
    import fwlib  # noqa: E402
    pki = os.path.join(os.environ.get("BUILD", os.path.join(here, "..", "..", "build")), "boards-pki")
    tls_files = {}
    if tls:
        tls_files = {"tls_cert": os.path.join(pki, "server.crt"), "tls_key": os.path.join(pki, "server.key"),
                     "ca": os.path.join(pki, "ca.crt")}
    with tempfile.TemporaryDirectory() as tmp, double.Double(**tls_files) as d:
        page = fwlib.flash(tmp, https=tls)
        r = fwlib.run(elf, page, d.port, ntp_offset=ntp_offset if tls else None, seconds=90, board=board)
    found = {}
    for line in r.stdout.splitlines():
        for key in ("stack: ", "tls pool: ", "error: ", "README example: "):
            if line.startswith(key) and key not in found:
                found[key] = line[len(key):].strip()
    return found, r.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--map", required=True)
    ap.add_argument("--elf", required=True)
    ap.add_argument("--title", default="")
    ap.add_argument("--core-objs", nargs="*", default=[])
    ap.add_argument("--stack-run", action="store_true")
    ap.add_argument("--tls", action="store_true", help="the image speaks https (double with TLS, SNTP)")
    a = ap.parse_args()
    comps, stack = parse_map(a.map)
    text, data, bss = elf_size(a.elf)
    rows = [(n, *comps[n]) for n, _ in COMPONENTS if n in comps]
    if "other" in comps:
        rows.append(("other", *comps["other"]))
    w = 40
    print("\n%s (%s)" % (a.title or os.path.basename(a.elf), a.elf))
    print("%-*s %10s %10s" % (w, "component", "flash B", "RAM B"))
    print("-" * (w + 22))
    for n, f, r in rows:
        mark = ""
        if n.startswith("core/"):   # the core's budget: at most 8 KB of flash as linked at -Os
            mark = "   (target <= 8192 flash: %s)" % ("OK" if f <= 8192 else "OVER")
        print("%-*s %10d %10d%s" % (w, n, f, r, mark))
    print("-" * (w + 22))
    print("%-*s %10d %10d" % (w, "whole image (static)", text + data, data + bss - stack))
    print("%-*s %10s %10d" % (w, "stack (reserved)", "", stack))
    print("%-*s %10d %10d" % (w, "whole image incl. stack", text + data, data + bss))
    core = objs_size(a.core_objs)
    if core:
        print("%-*s %10d %10d   (also the functions this image does not link)"
              % (w, "core/ all objects, -Os, before gc", core[0], core[1]))
    if a.stack_run:
        found, rc = stack_run(a.elf, a.tls)
        print("%-*s %s" % (w, "stack high-water (QEMU run, rc=%d)" % rc,
                           found.get("stack: ", "not reported")))
        if a.tls:
            print("%-*s %s" % (w, "mbedTLS pool peak (inside RAM above)", found.get("tls pool: ", "not reported")))


if __name__ == "__main__":
    main()
