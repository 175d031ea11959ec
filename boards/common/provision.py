#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""provision.py - write, read and check a device's credential page
(boards/common/board_cred.h), the 4 KB flash page that the firmware reads
at a fixed address. One firmware image serves every device: this tool,
run once per device after linking, makes the page; a flash programmer (or,
in the tests, QEMU's file-backed memory) puts it at the address the
board's linker script names (il_cred_page).

  provision.py write --out PAGE --host H --port P --id ID --token-file F
                     [--https] [--tls-name N] [--ca PEM] [--pin SHA256HEX]
                     [--ntp ADDR] [--self]
      The token is read from a file (or - for stdin), never from the
      command line: it would show in the process list.
  provision.py show PAGE
      The page's fields and state; the token is never printed.
  provision.py corrupt PAGE OFFSET
      Flip one bit (tests only).

The layout and every check are the firmware's: the page is refused when
its magic is missing ("not provisioned"), a check value, the version or a
field is wrong ("corrupt"), or the token was erased after its revocation
("erased"). Exit status 0, or 1 with one line on stderr."""
import argparse
import binascii
import re
import struct
import sys
import zlib

PAGE, VERSION = 4096, 1
HOST_MAX, ID_MAX, NTP_MAX, CA_MAX, TOKEN_MAX = 64, 20, 16, 2032, 252
HDR_LEN, TOKEN_OFF = 2240, 2244
HTTPS, PIN, SELF = 0x1, 0x2, 0x4
OFF = {"host": 12, "tls_name": 76, "id": 140, "ntp": 160, "pin": 176, "ca": 208}


class ProvisionError(Exception):
    pass


def put_str(page, off, cap, value, name, allow_empty=False):
    raw = value.encode("ascii", "strict") if value else b""
    if not raw and not allow_empty:
        raise ProvisionError("%s is empty" % name)
    if len(raw) >= cap:
        raise ProvisionError("%s is longer than %d bytes" % (name, cap - 1))
    if any(b < 0x21 or b > 0x7E for b in raw):
        raise ProvisionError("%s holds a space or a control byte" % name)
    page[off:off + cap] = raw + b"\0" * (cap - len(raw))


def build(host, port, auth_id, token, https=False, tls_name="", ca_pem=None, pin=None, ntp="", self_=False):
    if not re.fullmatch(r"[0-9a-f]{16}", auth_id) or auth_id == "0" * 16:
        raise ProvisionError("id must be 16 lower-case hex digits, not all zero")
    if not 0 < port < 65536:
        raise ProvisionError("port out of range")
    if ntp and not re.fullmatch(r"\d{1,3}(\.\d{1,3}){3}", ntp):
        raise ProvisionError("ntp must be an IPv4 address")
    page = bytearray(b"\xff" * PAGE)
    flags = (HTTPS if https else 0) | (PIN if pin else 0) | (SELF if self_ else 0)
    ca = b""
    if ca_pem is not None:
        if b"-----BEGIN CERTIFICATE-----" not in ca_pem:
            raise ProvisionError("the CA file holds no PEM certificate")
        ca = ca_pem + b"\0"
        if len(ca) > CA_MAX:
            raise ProvisionError("the CA is %d bytes, the page holds %d" % (len(ca), CA_MAX))
    page[0:12] = b"ILC1" + struct.pack("<HHHH", VERSION, flags, port, len(ca))
    put_str(page, OFF["host"], HOST_MAX, host, "host")
    put_str(page, OFF["tls_name"], HOST_MAX, tls_name, "tls-name", allow_empty=True)
    put_str(page, OFF["id"], ID_MAX, auth_id, "id")
    put_str(page, OFF["ntp"], NTP_MAX, ntp, "ntp", allow_empty=True)
    if pin:
        page[OFF["pin"]:OFF["pin"] + 32] = pin
    page[OFF["ca"]:OFF["ca"] + len(ca)] = ca
    page[HDR_LEN:HDR_LEN + 4] = struct.pack("<I", zlib.crc32(bytes(page[:HDR_LEN])))
    put_str(page, TOKEN_OFF, TOKEN_MAX, token, "token")
    page[TOKEN_OFF + TOKEN_MAX:TOKEN_OFF + TOKEN_MAX + 4] = struct.pack(
        "<I", zlib.crc32(bytes(page[TOKEN_OFF:TOKEN_OFF + TOKEN_MAX])))
    return bytes(page)


def cstr(page, off, cap):
    return page[off:off + cap].split(b"\0", 1)[0].decode("ascii", "replace")


def state(page):
    """'ok', 'not provisioned', 'corrupt' or 'erased', as the firmware reads the page."""
    if len(page) < PAGE or page[0:4] != b"ILC1":
        return "not provisioned"
    version, = struct.unpack_from("<H", page, 4)
    if version != VERSION or zlib.crc32(page[:HDR_LEN]) != struct.unpack_from("<I", page, HDR_LEN)[0]:
        return "corrupt"
    tok = page[TOKEN_OFF:TOKEN_OFF + TOKEN_MAX + 4]
    if tok == b"\0" * len(tok):
        return "erased"
    if zlib.crc32(tok[:TOKEN_MAX]) != struct.unpack_from("<I", tok, TOKEN_MAX)[0]:
        return "corrupt"
    return "ok"


def show(page):
    st = state(page)
    lines = ["state: " + st]
    if st in ("ok", "erased"):
        flags, port, ca_len = struct.unpack_from("<HHH", page, 6)
        lines += ["host: %s" % cstr(page, OFF["host"], HOST_MAX), "port: %d" % port,
                  "https: %s" % bool(flags & HTTPS), "self: %s" % bool(flags & SELF),
                  "tls-name: %s" % cstr(page, OFF["tls_name"], HOST_MAX),
                  "id: %s" % cstr(page, OFF["id"], ID_MAX), "ntp: %s" % (cstr(page, OFF["ntp"], NTP_MAX) or "broadcast"),
                  "ca: %d bytes" % ca_len,
                  "pin: %s" % (binascii.hexlify(page[OFF["pin"]:OFF["pin"] + 32]).decode() if flags & PIN else "none"),
                  "token: %s" % ("erased" if st == "erased" else "present (not shown)")]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description="influx-lite credential pages")
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("--out", required=True)
    w.add_argument("--host", required=True)
    w.add_argument("--port", type=int, required=True)
    w.add_argument("--id", required=True)
    w.add_argument("--token-file", required=True)
    w.add_argument("--https", action="store_true")
    w.add_argument("--tls-name", default="")
    w.add_argument("--ca")
    w.add_argument("--pin")
    w.add_argument("--ntp", default="")
    w.add_argument("--self", action="store_true", dest="self_")
    s = sub.add_parser("show")
    s.add_argument("page")
    c = sub.add_parser("corrupt")
    c.add_argument("page")
    c.add_argument("offset", type=int)
    a = ap.parse_args(argv)
    try:
        if a.cmd == "write":
            src = sys.stdin if a.token_file == "-" else open(a.token_file)
            token = src.read().rstrip("\r\n")
            ca = open(a.ca, "rb").read() if a.ca else None
            pin = binascii.unhexlify(a.pin) if a.pin else None
            if pin is not None and len(pin) != 32:
                raise ProvisionError("--pin must be 64 hex digits (SHA-256)")
            page = build(a.host, a.port, a.id, token, a.https, a.tls_name, ca, pin, a.ntp, a.self_)
            with open(a.out, "wb") as f:
                f.write(page)
        elif a.cmd == "show":
            print(show(open(a.page, "rb").read()))
        else:
            with open(a.page, "r+b") as f:
                f.seek(a.offset)
                b = f.read(1)
                f.seek(a.offset)
                f.write(bytes([b[0] ^ 1]))
    except (ProvisionError, OSError, UnicodeError, binascii.Error) as e:
        print("provision: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
