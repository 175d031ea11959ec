#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_profiles: the small-RAM firmware profiles (boards/qemu-mps2/rules.mk)
on the memory maps of real parts, run in QEMU as provisioned devices with
their clock from SNTP:

  fw-48k.elf  TLS 1.2 only, 48 KB of RAM with its stack, 128 KB of flash
  fw-64k.elf  TLS 1.3 only, ECDSA P-256 chains, LTO: 64 KB of RAM, 128 KB of flash

The linker itself enforces the sizes: each map file says the image was
linked for them, and the 48 KB image linked again for 40 KB is refused.
Each profile inactivates its own token over https (CA in the credential
page for the other chains), and what a profile drops fails with a named
status. README.md's profile table is the one `make size` writes
(build/size/profiles.md, from build/size/profiles.json), when it ran."""
import json
import os
import re
import ssl
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import fwlib  # noqa: E402
import il_status  # noqa: E402
import pki  # noqa: E402
import servers  # noqa: E402
import suite  # noqa: E402

FW_48K = suite.build_path("fw", "fw-48k.elf")
FW_64K = suite.build_path("fw", "fw-64k.elf")
BOARD_PKI = suite.build_path("boards-pki")
TMP = suite.tmpdir("profiles-")
env = {}


def make_pkis():
    p = pki.Pki(TMP)
    p.make_ca("rsa-ca", "rsa")
    p.make_leaf("rsa-leaf", "rsa-ca", "rsa", san="IP:10.0.2.100,IP:127.0.0.1")
    p.make_ca("p384-ca", "p384")
    p.make_leaf("p384-leaf", "p384-ca", "ec", san="IP:10.0.2.100,IP:127.0.0.1")
    env["pki"] = p


def chain(name):
    """(cert, key, ca) of a server chain: 'p256' (the boards' PKI), 'rsa' or 'p384'."""
    if name == "p256":
        return (os.path.join(BOARD_PKI, "server.crt"), os.path.join(BOARD_PKI, "server.key"),
                os.path.join(BOARD_PKI, "ca.crt"))
    p = env["pki"]
    return p.path(name + "-leaf.crt"), p.path(name + "-leaf.key"), p.path(name + "-ca.crt")


def run_https(elf, chain_name):
    cert, key, ca = chain(chain_name)
    with double.Double(tls_cert=cert, tls_key=key, ca=ca) as d:
        page = fwlib.flash(TMP, https=True, ca=None if chain_name == "p256" else ca)
        r = fwlib.run(elf, page, d.port, ntp_offset=0)
        return r, d.state("authorizations", fwlib.DEVICE_ID)["status"], fwlib.page_state(page)


def memory_config(elf):
    """{region: length} from the image's map file (what it was linked for)."""
    text = open(elf[:-4] + ".map").read().split("Memory Configuration", 1)[1].split("Linker script", 1)[0]
    return {m.group(1): int(m.group(2), 16) for m in re.finditer(r"^(\w+)\s+0x[0-9a-f]+\s+0x([0-9a-f]+)", text, re.M)}


def heap_free(elf):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True, check=True).stdout
    return [l for l in out.splitlines() if l.split()[-1:] and l.split()[-1] in ("malloc", "_malloc_r", "_sbrk")]


def profiles_are_linked_for_real_parts():
    for elf, ram in ((FW_48K, 48 << 10), (FW_64K, 64 << 10)):
        mem = memory_config(elf)
        check.eq((mem.get("FLASH"), mem.get("RAM")), (124 << 10, ram), "%s: FLASH, RAM" % os.path.basename(elf))
        check.eq(heap_free(elf), [], "heap symbols in %s" % os.path.basename(elf))


def linker_refuses_48k_image_in_40k():
    # the same inputs (the map's LOAD lines), the 48 KB script made 40 KB
    text = open(FW_48K[:-4] + ".map").read()
    inputs = [l.split()[1] for l in text.splitlines() if l.startswith("LOAD ") and l.split()[1].endswith((".o", ".a"))
              and not l.split()[1].startswith("/")]
    script = os.path.join(TMP, "mps2-40k.ld")
    with open(os.path.join(suite.ROOT, "boards", "qemu-mps2", "mps2-48k.ld")) as f:
        s = f.read().replace("LENGTH = 48K", "LENGTH = 40K")
    with open(script, "w") as f:
        f.write(s)
    r = subprocess.run(["arm-none-eabi-gcc", "-mcpu=cortex-m4", "-mthumb", "-mfloat-abi=hard", "-mfpu=fpv4-sp-d16",
                        "--specs=nano.specs", "-nostartfiles", "-T", script, "-Wl,-L,boards/qemu-mps2",
                        "-Wl,--gc-sections", "-o", os.path.join(TMP, "40k.elf")] + inputs,
                       capture_output=True, text=True, cwd=suite.ROOT)
    check.eq(r.returncode != 0, True, "the link fails")
    check.eq("RAM overflow" in r.stderr or "overflowed" in r.stderr, True, "ld says why: %r" % r.stderr[-300:])


def revokes(elf, chain_name, label):
    r, status, page = run_https(elf, chain_name)
    check.eq(r.returncode, 0, "%s: exit status (uart: %r)" % (label, r.stdout[-500:]))
    check.eq((status, page), ("inactive", "erased"), "%s: the double's record, the page" % label)
    print("# %s: %s; tls pool: %s" % (label, fwlib.uart_value(r, "stack: "), fwlib.uart_value(r, "tls pool: ")))


def fw_48k_revokes_over_p256_rsa_and_p384_chains():
    for c in ("p256", "rsa", "p384"):
        revokes(FW_48K, c, "48k, %s chain" % c)


def fw_48k_checks_dates():
    import time
    cert = chain("p256")[0]
    with double.Double(tls_cert=cert, tls_key=chain("p256")[1], ca=chain("p256")[2]) as d:
        out = subprocess.run(["openssl", "x509", "-noout", "-enddate", "-dateopt", "iso_8601", "-in", cert],
                             capture_output=True, text=True, check=True).stdout
        import datetime
        end = datetime.datetime.fromisoformat(out.split("=", 1)[1].strip().replace("Z", "+00:00")).timestamp()
        r = fwlib.run(FW_48K, fwlib.flash(TMP, https=True), d.port, ntp_offset=end + 86400 * 365 - time.time())
        check.eq(r.returncode, il_status.value("IL_ERR_TLS_EXPIRED"), "exit status (uart %r)" % r.stdout[-300:])


def fw_64k_revokes_over_tls13_p256():
    revokes(FW_64K, "p256", "64k, p256 chain")
    with double.Double(tls_cert=chain("p256")[0], tls_key=chain("p256")[1], ca=chain("p256")[2]) as d:
        r = fwlib.run(FW_64K, fwlib.flash(TMP, https=True), d.port, ntp_offset=0)
        check.eq(r.returncode, 0, "second device run")
        check.eq([e["tls"]["version"] for e in d.log() if e.get("tls")], ["TLSv1.3"], "TLS 1.3, one request")


def named_failure(elf, server, code_names):
    r = fwlib.run(elf, fwlib.flash(TMP, https=True), server.port, ntp_offset=0)
    names = [il_status.value(c) for c in code_names]
    check.eq(r.returncode in names, True, "exit %d, one of %s (uart %r)" % (r.returncode, code_names, r.stdout[-300:]))
    check.eq("error: TLS: " in r.stdout, True, "uart %r" % r.stdout)


class Tls12Only(servers.TlsPeer):
    def __init__(self, cert, key):
        servers.TlsPeer.__init__(self, "tls", cert, key)
        self.ctx.maximum_version = ssl.TLSVersion.TLSv1_2


def fw_64k_drops_tls12_rsa_and_p384_with_named_statuses():
    # a TLS 1.2-only server: the client offered only 1.3
    named_failure(FW_64K, Tls12Only(*chain("p256")[:2]), ["IL_ERR_TLS_ALERT", "IL_ERR_TLS_VERSION"])
    # an RSA server certificate: no signature algorithm in common
    cert, key, ca = chain("rsa")
    with double.Double(tls_cert=cert, tls_key=key, ca=ca) as d:
        r = fwlib.run(FW_64K, fwlib.flash(TMP, https=True, ca=ca), d.port, ntp_offset=0)
        check.eq(r.returncode in (il_status.value("IL_ERR_TLS_ALERT"), il_status.value("IL_ERR_TLS_HANDSHAKE"),
                                  il_status.value("IL_ERR_TLS_CA")), True, "rsa: exit %d (uart %r)"
                 % (r.returncode, r.stdout[-300:]))
        check.eq(d.state("authorizations", fwlib.DEVICE_ID)["status"], "active", "still active")


# Columns measured while the image runs in QEMU: the stack and the pool a
# handshake uses move by a few words from run to run (the keys are random).
MEASURED = ("stack used (B)", "TLS pool peak (B)")


def same_table_but_run_noise(readme_table, built_table):
    """The README's profile table is make size's, cell for cell; a measured
    cell may differ by 10% (at least 64 B) from this run's."""
    def cells(t):
        return [[c.strip() for c in line.strip("|").split("|")] for line in t.strip().splitlines()]
    ours, theirs = cells(readme_table), cells(built_table)
    check.eq(len(ours), len(theirs), "README.md's table has make size's rows")
    check.eq(ours[0], theirs[0], "README.md's table has make size's columns")
    for a, b in zip(ours[2:], theirs[2:]):
        for col, x, y in zip(ours[0], a, b):
            if col in MEASURED and x != "-" and y != "-":
                xv, yv = int(x.replace(",", "")), int(y.replace(",", ""))
                check.eq(abs(xv - yv) <= max(64, yv // 10), True,
                         "%s's %s: README %s, make size %s" % (a[0], col, x, y))
            else:
                check.eq(x, y, "%s's %s in README.md and build/size/profiles.md" % (a[0], col))


def readme_table_is_make_sizes():
    path = suite.build_path("size", "profiles.md")
    if not os.path.exists(path):
        print("# readme_table_is_make_sizes: no build/size/profiles.md (`make size` not run): names only")
    readme = open(os.path.join(suite.ROOT, "README.md")).read()
    start = readme.index("| profile | arch | TLS |")
    table = readme[start:readme.index("\n\n", start) + 1]
    if os.path.exists(path):
        same_table_but_run_noise(table, open(path).read())
        rows = json.load(open(suite.build_path("size", "profiles.json")))
        check.eq(all(r["qemu"] == "ok" for r in rows), True, "every profile ran")
    sys.path.insert(0, os.path.join(suite.ROOT, "boards", "common"))
    import size_profiles  # noqa: E402
    names = [l.split("|")[1].strip() for l in table.splitlines()[2:]]
    check.eq(names, [p[0] for p in size_profiles.PROFILES], "the README lists every profile")


def main():
    suite.needs("test_profiles", tools=("qemu-system-arm", "arm-none-eabi-nm", "openssl"),
                built=(FW_48K, FW_64K))
    make_pkis()
    check.run([profiles_are_linked_for_real_parts, linker_refuses_48k_image_in_40k,
               fw_48k_revokes_over_p256_rsa_and_p384_chains, fw_48k_checks_dates, fw_64k_revokes_over_tls13_p256,
               fw_64k_drops_tls12_rsa_and_p384_with_named_statuses, readme_table_is_make_sizes])


if __name__ == "__main__":
    sys.exit(main())
