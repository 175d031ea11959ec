#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""size_profiles.py - `make size`'s profile table: every firmware image
built, measured and run in QEMU, written to build/size/profiles.json and, as
the README's table, to build/size/profiles.md.

  size_profiles.py [--out-dir build/size] [--no-run]

For each profile (PROFILES below): flash and RAM from the ELF's sections
(RAM: static RAM plus the stack reserve; the credential page is the
device's, not the image's), then a run in QEMU as a provisioned device
against the test double (tests/boards/fwlib.py): the stack's high-water mark
and the TLS pool's peak as the firmware reports them, and whether
certificate dates are checked (a second run with the clock a year past the
server certificate's notAfter must end in "certificate has expired")."""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
sys.path.insert(0, os.path.join(ROOT, "boards", "qemu-mps2"))
import size_table  # noqa: E402

# name, image, arch, tls, credentials, what it keeps and drops, linked for (flash, RAM)
PROFILES = [
    ("http", "fw.elf", "cortex-m4", "none", "provisioned", "HTTP only", "512K / 256K"),
    ("tls", "fw-tls.elf", "cortex-m4", "1.2+1.3", "provisioned",
     "every chain (RSA-2048/4096, P-256/384/521), AES-GCM and ChaCha20", "512K / 256K"),
    ("tls12", "fw-tls12.elf", "cortex-m4", "1.2", "provisioned", "as tls, without TLS 1.3 and PSA Crypto",
     "512K / 256K"),
    ("tls12-48k", "fw-48k.elf", "cortex-m4", "1.2", "provisioned",
     "TLS 1.2 only, no ChaCha20 and no SHA-1-signed roots; 512 B output record, 1.5 KB answer buffer, small lwIP; pool for P-256, P-384 and RSA-2048 chains "
     "(an RSA-4096 root: IL_ERR_TLS_MEMORY)", "128K / 48K"),
    ("tls13-64k", "fw-64k.elf", "cortex-m4", "1.3", "provisioned",
     "TLS 1.3 only, ECDSA P-256 chains, AES-128-GCM, LTO (a TLS 1.2-only server, RSA or P-384: the handshake "
     "fails with a named status)", "128K / 64K"),
    ("readme", "fw-readme.elf", "cortex-m4", "1.2+1.3", "compiled", "README.md's library example", "512K / 256K"),
    ("m33-http", "fw-m33.elf", "cortex-m33", "none", "provisioned", "HTTP only, on MPS2 AN505 (Secure state)",
     "512K / 256K"),
    ("rv-http", "rv-http.elf", "rv32imac", "none", "provisioned", "HTTP only, on QEMU's RISC-V virt (virtio-net)",
     "512K / 256K"),
    ("rv-tls", "rv-tls.elf", "rv32imac", "1.2+1.3", "provisioned", "as tls, on QEMU's RISC-V virt (virtio-net)",
     "512K / 256K"),
]
SIZE_TOOL = {"cortex-m4": "arm-none-eabi-size", "cortex-m33": "arm-none-eabi-size",
             "rv32imac": "riscv64-unknown-elf-size"}
BOARD = {"cortex-m4": "mps2", "cortex-m33": "an505", "rv32imac": "riscv"}


def usage(found, key):
    m = re.match(r"(?:peak )?(\d+) of (\d+) bytes", found.get(key, ""))
    return int(m.group(1)) if m else None


def not_after():
    out = subprocess.run(["openssl", "x509", "-noout", "-enddate", "-dateopt", "iso_8601", "-in",
                          os.path.join(BUILD, "boards-pki", "server.crt")], capture_output=True, text=True,
                         check=True).stdout
    v = out.split("=", 1)[1].strip().replace("Z", "+00:00")
    return datetime.datetime.fromisoformat(v).timestamp()


def measure(p, run):
    name, image, arch, tls, creds, keeps, linked = p
    elf = os.path.join(BUILD, "fw", image)
    text, data, bss = size_table.elf_size(elf, SIZE_TOOL[arch])
    row = {"name": name, "arch": arch, "tls": tls, "flash": text + data, "ram": data + bss,
           "stack_used": None, "pool_peak": None, "qemu": "not run", "time_checked": False,
           "credentials": creds, "linked_for": linked, "keeps": keeps, "image": "build/fw/" + image}
    if not run:
        return row
    https = tls != "none"
    found, rc = size_table.stack_run(elf, https, BOARD[arch])
    row["qemu"] = "ok" if rc == 0 else "fail"
    row["stack_used"] = usage(found, "stack: ")
    row["pool_peak"] = usage(found, "tls pool: ") if https else None
    if https and rc == 0:
        late, _ = size_table.stack_run(elf, True, BOARD[arch], ntp_offset=not_after() + 365 * 86400 - time.time())
        row["time_checked"] = "certificate has expired" in late.get("error: ", "") + late.get("README example: ", "")
    return row


def fmt(n):
    return "-" if n is None else "{:,}".format(n)


def table(rows):
    out = ["| profile | arch | TLS | flash (B) | RAM incl. stack (B) | linked for (flash / RAM) | stack used (B) "
           "| TLS pool peak (B) | QEMU | dates checked (SNTP) | credentials | keeps, drops |",
           "|---|---|---|---:|---:|---|---:|---:|---|---|---|---|"]
    for r in rows:
        out.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            r["name"], r["arch"], r["tls"], fmt(r["flash"]), fmt(r["ram"]), r["linked_for"], fmt(r["stack_used"]),
            fmt(r["pool_peak"]), r["qemu"], "yes" if r["time_checked"] else "no", r["credentials"], r["keeps"]))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", default=os.path.join(BUILD, "size"))
    ap.add_argument("--no-run", action="store_true")
    a = ap.parse_args()
    rows = [measure(p, not a.no_run) for p in PROFILES if os.path.exists(os.path.join(BUILD, "fw", p[1]))]
    os.makedirs(a.out_dir, exist_ok=True)
    with open(os.path.join(a.out_dir, "profiles.json"), "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")
    md = table(rows)
    with open(os.path.join(a.out_dir, "profiles.md"), "w") as f:
        f.write(md)
    print("\nprofiles (%s):\n%s" % (os.path.join(a.out_dir, "profiles.json"), md))
    return 0 if all(r["qemu"] != "fail" for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
