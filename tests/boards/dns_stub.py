#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A minimal DNS server for the board tests: answers A queries for the names
given with --name NAME=ADDR, NXDOMAIN for every other name. UDP only, binds
the address given (inside a test's own network namespace), writes its port to
--port-file once bound, exits after --max-seconds."""
import argparse
import os
import socket
import struct
import time


def answer(query, names):
    """The reply to one query packet, or None when it cannot be parsed."""
    if len(query) < 12:
        return None
    qid, flags, qd = struct.unpack(">HHH", query[:6])
    if qd != 1:
        return None
    i, labels = 12, []
    while i < len(query) and query[i] != 0:
        n = query[i]
        labels.append(query[i + 1:i + 1 + n].decode("ascii", "replace").lower())
        i += 1 + n
    qend = i + 5                                   # zero byte, QTYPE, QCLASS
    if qend > len(query):
        return None
    qtype = struct.unpack(">H", query[i + 1:i + 3])[0]
    name = ".".join(labels)
    question = query[12:qend]
    addr = names.get(name)
    rd = flags & 0x0100
    if addr is None:
        return struct.pack(">HHHHHH", qid, 0x8183 | rd, 1, 0, 0, 0) + question   # NXDOMAIN
    if qtype != 1:
        return struct.pack(">HHHHHH", qid, 0x8180 | rd, 1, 0, 0, 0) + question   # no A data
    rr = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, 60, 4) + socket.inet_aton(addr)
    return struct.pack(">HHHHHH", qid, 0x8180 | rd, 1, 1, 0, 0) + question + rr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen", required=True)
    ap.add_argument("--port", type=int, default=53)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--name", action="append", default=[])
    ap.add_argument("--max-seconds", type=float, default=300)
    a = ap.parse_args()
    names = dict(n.lower().split("=", 1) for n in a.name)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.listen, a.port))
    s.settimeout(0.5)
    tmp = a.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(s.getsockname()[1]))
    os.rename(tmp, a.port_file)
    end = time.monotonic() + a.max_seconds
    while time.monotonic() < end:
        try:
            query, peer = s.recvfrom(512)
        except socket.timeout:
            continue
        reply = answer(query, names)
        if reply is not None:
            s.sendto(reply, peer)


if __name__ == "__main__":
    main()
