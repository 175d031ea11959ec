#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""test_qemu_mps2: the Cortex-M4 firmware in QEMU mps2-an386, as devices run
it: one image, a credential page per device (boards/common/provision.py) in
a flash file, the clock from SNTP broadcasts (tests/boards/sntp_server.py),
the test double reached only through restricted user networking and one
guestfwd (10.0.2.100:8086 -> tests/boards/relay.py -> 127.0.0.1:<double>).

Images: fw.elf (HTTP), fw-tls.elf (https, TLS 1.3 and 1.2), fw-tls12.elf
(TLS 1.2 only), fw-readme.elf (README.md's library example); the small-RAM
profiles are tests/boards/test_profiles.py's. Each image is heap-free (no
malloc/_sbrk symbols). Prints SKIP lines when QEMU or the ARM toolchain is
missing."""
import hashlib
import os
import struct
import zlib
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import fwlib  # noqa: E402
import il_status  # noqa: E402
import suite  # noqa: E402

FW = os.environ.get("IL_FW_ELF", suite.build_path("fw", "fw.elf"))
FW_TLS = os.environ.get("IL_FW_TLS_ELF", suite.build_path("fw", "fw-tls.elf"))
FW_TLS12 = os.environ.get("IL_FW_TLS12_ELF", suite.build_path("fw", "fw-tls12.elf"))
FW_README = os.environ.get("IL_FW_README_ELF", suite.build_path("fw", "fw-readme.elf"))
FW_DHCP = suite.build_path("fw", "fw-dhcp.elf")
FW_M33 = suite.build_path("fw", "fw-m33.elf")
PKI = suite.build_path("boards-pki")
TMP = suite.tmpdir("qemu-mps2-")
DAY = 86400
# boards/common/board_app.h: BOARD_EXIT_CRED + the page's status
CRED_NONE, CRED_CORRUPT, CRED_ERASED, CRED_NOSEED, CRED_SEED_FULL = 101, 102, 103, 104, 105


def status(d, auth_id=fwlib.DEVICE_ID):
    return d.state("authorizations", auth_id)["status"]


def tls_double():
    return double.Double(tls_cert=os.path.join(PKI, "server.crt"), tls_key=os.path.join(PKI, "server.key"),
                         ca=os.path.join(PKI, "ca.crt"))


def heap_symbols(elf):
    out = subprocess.run(["arm-none-eabi-nm", elf], capture_output=True, text=True, check=True).stdout
    return [l for l in out.splitlines()
            if l.split()[-1:] and l.split()[-1] in ("malloc", "_malloc_r", "calloc", "realloc", "_sbrk", "free")]


def cert_dates(path):
    """(notBefore, notAfter) of a certificate, as Unix seconds."""
    out = subprocess.run(["openssl", "x509", "-noout", "-startdate", "-enddate", "-dateopt", "iso_8601", "-in", path],
                         capture_output=True, text=True, check=True).stdout
    import datetime
    vals = [l.split("=", 1)[1].strip() for l in out.splitlines()]
    return [int(datetime.datetime.fromisoformat(v.replace("Z", "+00:00")).timestamp()) for v in vals]


def expect_revoked(r, d, auth_id, page, uart_says):
    check.eq(r.returncode, 0, "qemu exit status (uart: %r, stderr: %r)" % (r.stdout[-600:], r.stderr[-300:]))
    check.eq(uart_says in r.stdout, True, "uart: %r" % r.stdout)
    check.eq(status(d, auth_id), "inactive", "the double's record after")
    check.eq(fwlib.page_state(page), "erased", "the credential page, read back from the flash file")
    check.eq("credentials: token erased" in r.stdout, True, "uart: %r" % r.stdout)


def page_seed(page):
    """(slot, seed) of the flash file's current seed, as the firmware reads it."""
    return fwlib.provision.seed(fwlib.page_bytes(page))


def expect_seed_replaced(r, page, provisioned):
    # the next slot holds a new seed with a valid CRC-32; the provisioned slot is zero
    check.eq("entropy: seed replaced" in r.stdout, True, "uart: %r" % r.stdout[-400:])
    slot, now = page_seed(page)
    check.eq(slot, provisioned[0] + 1, "the seed's slot after the boot")
    check.eq(now != provisioned[1], True, "the seed differs from the provisioned one")
    raw = fwlib.page_bytes(page)
    off = fwlib.provision.SEED_OFF + provisioned[0] * fwlib.provision.SEED_SLOT
    check.eq(raw[off:off + fwlib.provision.SEED_SLOT], b"\0" * fwlib.provision.SEED_SLOT, "the old seed is gone")


def expect_refused_sending_nothing(r, d, code, says):
    check.eq(r.returncode, code, "exit status (uart: %r)" % r.stdout[-400:])
    check.eq(says in r.stdout, True, "uart: %r" % r.stdout)
    check.eq(d.log(), [], "nothing reached the double")


# ---- every image ----------------------------------------------------------

def images_are_heap_free():
    for elf in (FW, FW_TLS, FW_TLS12, FW_README, FW_DHCP, FW_M33):
        check.eq(heap_symbols(elf), [], "heap symbols in %s" % os.path.basename(elf))


# ---- the credential page (HTTP image) -------------------------------------

def fw_http_revokes_and_erases_its_token():
    with double.Double() as d:
        page = fwlib.flash(TMP)
        r = fwlib.run(FW, page, d.port)
        expect_revoked(r, d, fwlib.DEVICE_ID, page, "inactivated %s: status inactive" % fwlib.DEVICE_ID)
        patch = [e for e in d.log() if e["method"] == "PATCH"]
        check.eq(len(patch), 1, "one PATCH")
        check.eq(patch[0]["token_header"], "Token " + fwlib.DEVICE_TOKEN, "sent with the device's own token")
        check.eq(fwlib.DEVICE_TOKEN.encode() in fwlib.page_bytes(page), False, "the token's bytes are gone")
        print("# " + fwlib.uart_value(r, "stack: ") + " (HTTP)")


def dhcp_option_takes_a_lease_then_revokes():
    # the board option FW_DHCP: no compiled-in address; QEMU's user network leases 10.0.2.15
    with double.Double() as d:
        page = fwlib.flash(TMP)
        r = fwlib.run(FW_DHCP, page, d.port)
        check.eq(fwlib.uart_value(r, "dhcp: "), "10.0.2.15", "the leased address (uart: %r)" % r.stdout[-400:])
        expect_revoked(r, d, fwlib.DEVICE_ID, page, "inactivated %s: status inactive" % fwlib.DEVICE_ID)


def m33_revokes_and_erases_its_token():
    # the same HTTP firmware for MPS2 AN505 (Cortex-M33, ARMv8-M), its page read back
    with double.Double() as d:
        page = fwlib.flash(TMP)
        r = fwlib.run(FW_M33, page, d.port, board="an505")
        check.eq("mps2-an505 (Cortex-M33)" in r.stdout, True, "the M33 image ran (uart: %r)" % r.stdout[-400:])
        expect_revoked(r, d, fwlib.DEVICE_ID, page, "inactivated %s: status inactive" % fwlib.DEVICE_ID)
        print("# Cortex-M33: " + fwlib.uart_value(r, "stack: "))


def answer_larger_than_its_buffers():
    # 1,005 permissions (the device's 5 and 1,000 on 500 buckets: about 150 KB of answer) and a 6,000-byte description
    # through the firmware's 4 KB body buffer: the answer streams through the
    # decoder, the permissions are counted, the description is dropped and
    # counted, and the revocation is reported and the token erased (board_inactivate.h)
    with double.Double() as d:
        d.ctl("POST", "/_double/seed_buckets", {"count": 500, "grant": fwlib.DEVICE_ID})
        d.set_state("authorizations", fwlib.DEVICE_ID, {"description": "d" * 6000})
        page = fwlib.flash(TMP)
        r = fwlib.run(FW, page, d.port)
        check.eq(r.returncode, 0, "qemu exit status (uart: %r)" % r.stdout[-400:])
        check.eq("inactivated %s: status inactive, 1005 permissions\nstrings not kept: 1\n" % fwlib.DEVICE_ID
                 in r.stdout.replace("\r\n", "\n"), True, "uart: %r" % r.stdout[-600:])
        check.eq(status(d), "inactive", "after")
        check.eq(fwlib.page_state(page), "erased", "the token erased")


def one_image_serves_n_devices():
    # the image is built once; each device differs only by its page
    digest = hashlib.sha256(open(FW, "rb").read()).hexdigest()
    with double.Double() as d:
        pages = [fwlib.flash(TMP), fwlib.flash(TMP, token=fwlib.OP_TOKEN, auth_id=fwlib.AUTH_ID)]
        for page, auth_id in zip(pages, (fwlib.DEVICE_ID, fwlib.AUTH_ID)):
            r = fwlib.run(FW, page, d.port)
            expect_revoked(r, d, auth_id, page, "inactivated %s: status inactive" % auth_id)
        check.eq(hashlib.sha256(open(FW, "rb").read()).hexdigest(), digest, "the image is unchanged")
        check.eq(status(d, "0d2a3c5b7e8f9001"), "active", "no other authorization touched")


def unprovisioned_page_sends_nothing():
    with double.Double() as d:
        r = fwlib.run(FW, fwlib.flash(TMP, raw=b"\xff" * 4096), d.port)
        expect_refused_sending_nothing(r, d, CRED_NONE, "error: credentials: not provisioned")


def corrupt_page_sends_nothing():
    # one bit off in the header (the host), then in the token
    for offset in (20, 2250):
        with double.Double() as d:
            page = fwlib.flash(TMP)
            subprocess.run([sys.executable, os.path.join(suite.ROOT, "boards", "common", "provision.py"),
                            "corrupt", page, str(offset)], check=True)
            r = fwlib.run(FW, page, d.port)
            expect_refused_sending_nothing(r, d, CRED_CORRUPT, "error: credentials: credential page corrupt")
            check.eq(status(d), "active", "still active")


def erased_page_sends_nothing_again():
    with double.Double() as d:
        page = fwlib.flash(TMP)
        check.eq(fwlib.run(FW, page, d.port).returncode, 0, "first run")
        d.reset()
        r = fwlib.run(FW, page, d.port)
        expect_refused_sending_nothing(r, d, CRED_ERASED, "error: credentials: token erased (already revoked)")


def applied_self_revocation_counts_after_a_reset():
    # the PATCH is applied, its answer reset mid-body; the retry meets
    # "401 token is inactive": the device's own token proves it, and the
    # token is erased
    with double.Double() as d:
        d.fault({"mode": "reset_mid_body", "count": 1})
        page = fwlib.flash(TMP)
        r = fwlib.run(FW, page, d.port)
        expect_revoked(r, d, fwlib.DEVICE_ID, page, "inactivated (confirmed by the retry: token is inactive)")
        check.eq(len([e for e in d.log() if e["method"] == "PATCH"]), 2, "the PATCH and its retry")


def a_401_without_a_prior_request_is_a_failure():
    # another device's page (not its own token): a 401 is a refusal, the
    # token stays, and the exit status is the HTTP refusal's
    with double.Double() as d:
        page = fwlib.flash(TMP, token="not-a-token", auth_id=fwlib.AUTH_ID)
        r = fwlib.run(FW, page, d.port)
        check.eq(r.returncode, il_status.value("IL_ERR_HTTP_4XX"), "exit status (uart %r)" % r.stdout[-300:])
        check.eq(fwlib.page_state(page), "ok", "the page keeps its token")


def provision_tool_refuses_bad_input():
    # each refusal is one line on stderr and exit 1, and writes no page
    tool = os.path.join(suite.ROOT, "boards", "common", "provision.py")
    tok = os.path.join(TMP, "token")
    with open(tok, "w") as f:
        f.write("a-token\n")
    base = ["write", "--host", "10.0.2.100", "--port", "8086", "--id", fwlib.DEVICE_ID, "--token-file", tok]
    cases = [(["--id", "0000000000000000"], "id must be"), (["--id", "06C86C40A9F36000"], "id must be"),
             (["--port", "0"], "port out of range"), (["--host", "a" * 64], "host is longer"),
             (["--host", "a b"], "space or a control byte"), (["--ntp", "ntp.example"], "ntp must be"),
             (["--pin", "00"], "--pin must be"), (["--ca", tok], "no PEM certificate")]
    for extra, says in cases:
        out = os.path.join(TMP, "refused.page")
        args = base[:]
        for k in range(0, len(extra), 2):
            if extra[k] in args:
                args[args.index(extra[k]) + 1] = extra[k + 1]
            else:
                args += extra[k:k + 2]
        r = subprocess.run([sys.executable, tool] + args + ["--out", out], capture_output=True, text=True)
        check.eq((r.returncode, r.stderr.count("\n")), (1, 1), "%s: exit, lines (%r)" % (extra, r.stderr))
        check.eq(says in r.stderr, True, "%s: %r" % (extra, r.stderr))
        check.eq(os.path.exists(out), False, "%s: no page written" % extra)
    r = subprocess.run([sys.executable, tool, "show", fwlib.flash(TMP)], capture_output=True, text=True)
    check.eq("state: ok" in r.stdout and fwlib.DEVICE_TOKEN not in r.stdout, True, "show: %r" % r.stdout)


def exit_status_is_the_il_status():
    # the relay points at a port where nothing listens
    r = fwlib.run(FW, fwlib.flash(TMP), 9, seconds=40)
    check.eq(r.returncode not in (0, 124), True, "rc=%d uart=%r" % (r.returncode, r.stdout[-300:]))
    check.eq("error: " in r.stdout, True, "uart: %r" % r.stdout)


# ---- https and the clock --------------------------------------------------

def tls_revokes_with_the_right_time(elf=None, label="TLS 1.3 and 1.2"):
    elf = elf or FW_TLS
    with tls_double() as d:
        page = fwlib.flash(TMP, https=True)
        provisioned = page_seed(page)
        r = fwlib.run(elf, page, d.port, ntp_offset=0)
        expect_revoked(r, d, fwlib.DEVICE_ID, page, "inactivated %s: status inactive" % fwlib.DEVICE_ID)
        expect_seed_replaced(r, page, provisioned)
        check.eq(fwlib.uart_value(r, "sntp: unix time ") is not None, True, "uart: %r" % r.stdout)
        print("# %s: %s; tls pool: %s" % (label, fwlib.uart_value(r, "stack: "), fwlib.uart_value(r, "tls pool: ")))


def tls12_revokes_with_the_right_time():
    tls_revokes_with_the_right_time(FW_TLS12, "TLS 1.2 only")


def clock_refusal(elf, offset, text, code):
    with tls_double() as d:
        page = fwlib.flash(TMP, https=True)
        r = fwlib.run(elf, page, d.port, ntp_offset=offset)
        check.eq(r.returncode, il_status.value(code), "exit status (uart: %r)" % r.stdout[-500:])
        check.eq(text in r.stdout, True, "uart: %r" % r.stdout)
        check.eq(status(d), "active", "still active")
        check.eq(fwlib.page_state(page), "ok", "the page keeps its token")
        return d.log()


def tls_clock_years_ahead_is_expired():
    not_after = cert_dates(os.path.join(PKI, "server.crt"))[1]
    import time
    clock_refusal(FW_TLS, not_after + 365 * DAY - time.time(), "certificate has expired", "IL_ERR_TLS_EXPIRED")


def tls_clock_behind_is_not_yet_valid():
    # before the certificate's notBefore, after the firmware's clock floor
    import time
    not_before = cert_dates(os.path.join(PKI, "server.crt"))[0]
    clock_refusal(FW_TLS12, not_before - 30 * DAY - time.time(), "certificate is not yet valid", "IL_ERR_TLS_FUTURE")


def tls_clock_before_the_floor_makes_no_handshake():
    # a time before the floor (2001) is no time: nothing is sent
    import time
    log = clock_refusal(FW_TLS, 978307200 - time.time(), "no trusted time", "IL_ERR_TLS_NO_TIME")
    check.eq(log, [], "nothing reached the double")


def tls_without_time_makes_no_handshake():
    log = clock_refusal(FW_TLS, None, "no trusted time", "IL_ERR_TLS_NO_TIME")
    check.eq(log, [], "nothing reached the double")


def tls_refuses_plain_http_peer():
    with double.Double() as d:
        r = fwlib.run(FW_TLS, fwlib.flash(TMP, https=True), d.port, ntp_offset=0)
        check.eq(r.returncode not in (0, 124), True, "rc=%d uart=%r" % (r.returncode, r.stdout[-300:]))
        check.eq("error: TLS" in r.stdout, True, "uart: %r" % r.stdout)
        check.eq(status(d), "active", "nothing was inactivated")


# ---- the entropy seed (boards/common/board_entropy_seed.c) ----------------

def two_boots_of_one_page_start_from_different_seeds():
    # the same provisioned page in two flash files, each booted once (a
    # plain-HTTP peer ends the run at the handshake): three different seeds
    raw = fwlib.page_bytes(fwlib.flash(TMP, https=True))
    provisioned = fwlib.provision.seed(raw)
    seeds = []
    for _ in range(2):
        with double.Double() as d:
            page = fwlib.flash(TMP, raw=raw)
            r = fwlib.run(FW_TLS, page, d.port, ntp_offset=0)
            check.eq("error: TLS" in r.stdout, True, "uart: %r" % r.stdout[-300:])
            expect_seed_replaced(r, page, provisioned)
            seeds.append(page_seed(page)[1])
    check.eq(seeds[0] != seeds[1], True, "two boots of one page wrote different seeds")


def seedless(raw):
    off = fwlib.provision.SEED_OFF
    return raw[:off] + b"\0" * fwlib.provision.SEED_SLOT + raw[off + fwlib.provision.SEED_SLOT:]


def version_1(raw):
    raw = bytearray(raw)
    raw[4:6] = struct.pack("<H", 1)
    raw[2240:2244] = struct.pack("<I", zlib.crc32(bytes(raw[:2240])))
    return bytes(raw)


def page_without_a_seed_sends_nothing():
    raw = fwlib.page_bytes(fwlib.flash(TMP, https=True))
    for elf, page_raw, code, says in ((FW, seedless(raw), CRED_NOSEED, "error: credentials: no entropy seed"),
                                      (FW_TLS, seedless(raw), CRED_NOSEED, "error: credentials: no entropy seed"),
                                      (FW_TLS, version_1(seedless(raw)), CRED_CORRUPT,
                                       "error: credentials: credential page corrupt")):
        with tls_double() as d:
            page = fwlib.flash(TMP, raw=page_raw)
            r = fwlib.run(elf, page, d.port)
            expect_refused_sending_nothing(r, d, code, says)
            check.eq(fwlib.page_bytes(page), page_raw, "the page is unchanged")


def seed_slots_used_up_sends_nothing():
    # the seed in the last slot: it cannot be replaced without a page erase
    with tls_double() as d:
        page = fwlib.flash(TMP, https=True, seed_slot=fwlib.provision.SEED_SLOTS - 1)
        before = fwlib.page_bytes(page)
        check.eq(fwlib.page_state(page), "ok", "the page reads as provisioned")
        r = fwlib.run(FW_TLS, page, d.port, ntp_offset=0)
        expect_refused_sending_nothing(r, d, CRED_SEED_FULL,
                                       "error: entropy seed not replaced: entropy seed slots used up")
        check.eq(fwlib.page_bytes(page), before, "the page is unchanged")


def a_seed_one_slot_before_the_last_is_replaced():
    with double.Double() as d:
        page = fwlib.flash(TMP, https=True, seed_slot=fwlib.provision.SEED_SLOTS - 2)
        provisioned = page_seed(page)
        r = fwlib.run(FW_TLS, page, d.port, ntp_offset=0)
        expect_seed_replaced(r, page, provisioned)


def readme_example_inactivates_over_https():
    # README.md's library example, compiled from README.md itself
    # (tests/boards/rules.mk), run as the firmware's main (compiled-in token)
    with tls_double() as d:
        r = fwlib.run(FW_README, fwlib.flash(TMP), d.port, ntp_offset=0)
        check.eq(r.returncode, 0, "qemu exit status (uart: %r)" % r.stdout[-400:])
        check.eq("README example: ok" in r.stdout, True, "uart: %r" % r.stdout)
        check.eq(status(d, fwlib.AUTH_ID), "inactive", "after")


def main():
    suite.needs("test_qemu_mps2", tools=("qemu-system-arm", "arm-none-eabi-nm", "timeout"),
                built=(FW, FW_TLS, FW_TLS12, FW_README, FW_DHCP, FW_M33))
    check.run([images_are_heap_free, fw_http_revokes_and_erases_its_token, dhcp_option_takes_a_lease_then_revokes,
               m33_revokes_and_erases_its_token,
               answer_larger_than_its_buffers, one_image_serves_n_devices,
               unprovisioned_page_sends_nothing, corrupt_page_sends_nothing, erased_page_sends_nothing_again,
               applied_self_revocation_counts_after_a_reset, a_401_without_a_prior_request_is_a_failure,
               provision_tool_refuses_bad_input, exit_status_is_the_il_status,
               tls_revokes_with_the_right_time, tls12_revokes_with_the_right_time, tls_clock_years_ahead_is_expired,
               tls_clock_behind_is_not_yet_valid, tls_clock_before_the_floor_makes_no_handshake,
               tls_without_time_makes_no_handshake, tls_refuses_plain_http_peer,
               two_boots_of_one_page_start_from_different_seeds, page_without_a_seed_sends_nothing,
               seed_slots_used_up_sends_nothing, a_seed_one_slot_before_the_last_is_replaced,
               readme_example_inactivates_over_https])


if __name__ == "__main__":
    sys.exit(main())
