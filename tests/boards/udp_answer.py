# SPDX-License-Identifier: Apache-2.0
"""udp_answer.py - the answering loop of the board tests' small UDP servers
(dns_stub.py, sntp_server.py): bind, write the port once bound, answer each
datagram until the time is up."""
import os
import socket
import time


def serve(listen, port, port_file, max_seconds, reply, poll_seconds=0.3):
    """Answer datagrams on listen:port for max_seconds: reply(data, peer) is
    the answer, or None for none. The bound port goes to port_file (written
    whole, then renamed into place)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((listen, port))
    s.settimeout(poll_seconds)
    tmp = port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write(str(s.getsockname()[1]))
    os.rename(tmp, port_file)
    end = time.monotonic() + max_seconds
    while time.monotonic() < end:
        try:
            data, peer = s.recvfrom(512)
        except socket.timeout:
            continue
        out = reply(data, peer)
        if out is not None:
            s.sendto(out, peer)
