#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""sntp_server.py - the time for the board tests' firmware and lwIP
programs, never the host's own clock (which it only reads).

  sntp_server.py --listen ADDR --port-file F [--offset S] [--max-seconds N]
      Unicast: answers SNTP client requests (mode 3) on ADDR:123 (inside a
      test's own network namespace) with the time now + S seconds (mode 4,
      stratum 1), the request's transmit timestamp echoed as the originate
      timestamp, as RFC 4330 asks and lwIP's SNTP_CHECK_RESPONSE 2 checks.
      Writes its port to F once bound; counts the requests on stdout.
  sntp_server.py --broadcast HOST:PORT --bind ADDR [--offset S] [--max-seconds N]
      Broadcast mode (mode 5): every 0.3 s a packet from ADDR:123 to
      HOST:PORT (QEMU's hostfwd=udp to the guest's port 123: restricted user
      networking drops the guest's own requests, and lets forwarded ones in).
      ADDR is a loopback address of its own (127.x.y.z), so that runs in
      parallel do not contend for one port 123.
Times are Unix time + offset, in NTP's era arithmetic (mod 2^32 seconds
since 1900), so dates after 2036 go out as NTP sends them."""
import argparse
import socket
import struct
import time

import udp_answer

NTP_UNIX_DIFF = 2208988800


def ntp_stamp(unix):
    sec = int(unix)
    frac = int((unix - sec) * (1 << 32)) & 0xFFFFFFFF
    return struct.pack(">II", (sec + NTP_UNIX_DIFF) % (1 << 32), frac)


def packet(mode, unix, originate=b"\0" * 8):
    stamp = ntp_stamp(unix)
    return (struct.pack(">BBbb", (4 << 3) | mode, 1, 6, -20) + struct.pack(">II", 0, 0) + b"LOCL"
            + stamp + originate + stamp + stamp)


def serve(a):
    count = [0]

    def reply(data, peer):
        if len(data) < 48 or data[0] & 7 != 3:
            return None
        count[0] += 1
        print("request %d from %s" % (count[0], peer[0]), flush=True)
        return packet(4, time.time() + a.offset, data[40:48])

    udp_answer.serve(a.listen, a.port, a.port_file, a.max_seconds, reply)


def broadcast(a):
    host, port = a.broadcast.rsplit(":", 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((a.bind, 123))
    end = time.monotonic() + a.max_seconds
    while time.monotonic() < end:
        s.sendto(packet(5, time.time() + a.offset), (host, int(port)))
        time.sleep(0.3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--listen")
    ap.add_argument("--port", type=int, default=123)
    ap.add_argument("--port-file")
    ap.add_argument("--broadcast")
    ap.add_argument("--bind", default="127.0.0.1")
    ap.add_argument("--offset", type=float, default=0.0)
    ap.add_argument("--max-seconds", type=float, default=300)
    a = ap.parse_args()
    if a.broadcast:
        broadcast(a)
    elif a.listen and a.port_file:
        serve(a)
    else:
        ap.error("--listen ADDR --port-file F, or --broadcast HOST:PORT")


if __name__ == "__main__":
    main()
