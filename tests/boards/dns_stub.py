#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A minimal DNS server for the board tests: answers A queries for the names
given with --name NAME=ADDR, NXDOMAIN for every other name. UDP only, binds
the address given (inside a test's own network namespace), writes its port to
--port-file once bound, exits after --max-seconds."""
import argparse
import socket
import struct

import udp_answer


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
    udp_answer.serve(a.listen, a.port, a.port_file, a.max_seconds, lambda query, peer: answer(query, names),
                     poll_seconds=0.5)

if __name__ == "__main__":
    main()
