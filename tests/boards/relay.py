#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""relay.py - forward TCP to the test server on 127.0.0.1 (test-only).

  relay.py --stdio PORT
      copy stdin/stdout to 127.0.0.1:PORT (QEMU guestfwd=...-cmd:, one run per
      guest connection).
  relay.py --listen ADDR --port-file F --to PORT [--max-seconds N]
      listen on ADDR (an address inside the test's own network namespace,
      port chosen by the kernel, written to F) and forward every connection
      to 127.0.0.1:PORT. The target is always loopback: nothing else is
      reachable through the relay.
  relay.py --listen ADDR --port-file F --silent [--max-seconds N]
      a silent peer: accept, read and discard, never answer.
"""
import argparse
import os
import select
import signal
import socket
import sys
import threading




def write_all(fd, data):
    while data:
        n = os.write(fd, data)
        data = data[n:]


def stdio_mode(port):
    # QEMU may hand the guest connection to stderr too: keep it clean
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    s.settimeout(None)
    inputs = [0, s]
    while inputs:
        r, _, _ = select.select(inputs, [], [], 60)
        if not r:
            break
        for src in r:
            if src is s:
                data = s.recv(65536)
                if not data:
                    return
                write_all(1, data)
            else:
                data = os.read(0, 65536)
                if not data:
                    inputs.remove(0)
                    try:
                        s.shutdown(socket.SHUT_WR)
                    except OSError:
                        pass
                else:
                    s.sendall(data)


def forward(c, port):
    try:
        u = socket.create_connection(("127.0.0.1", port), timeout=10)
    except OSError:
        c.close()
        return
    u.settimeout(None)
    socks = [c, u]
    peer = {c: u, u: c}
    try:
        while socks:
            r, _, _ = select.select(socks, [], [], 60)
            if not r:
                break
            for src in r:
                data = src.recv(65536)
                if not data:
                    socks.remove(src)
                    try:
                        peer[src].shutdown(socket.SHUT_WR)
                    except OSError:
                        pass
                else:
                    peer[src].sendall(data)
    except OSError:
        pass
    finally:
        c.close()
        u.close()


def swallow(c):
    """Read and discard until the peer closes; never answer."""
    try:
        while c.recv(65536):
            pass
    except OSError:
        pass
    finally:
        c.close()


def listen_mode(addr, port_file, port, max_seconds):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind((addr, 0))
    ls.listen(8)
    tmp = "%s.tmp.%d" % (port_file, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % ls.getsockname()[1])
    os.replace(tmp, port_file)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    ls.settimeout(max_seconds)
    while True:
        try:
            c, _ = ls.accept()
        except socket.timeout:
            return
        if port is None:
            threading.Thread(target=swallow, args=(c,), daemon=True).start()
        else:
            threading.Thread(target=forward, args=(c, port), daemon=True).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stdio", type=int)
    ap.add_argument("--listen")
    ap.add_argument("--port-file")
    ap.add_argument("--to", type=int)
    ap.add_argument("--silent", action="store_true")
    ap.add_argument("--max-seconds", type=float, default=300)
    a = ap.parse_args()
    if a.stdio:
        stdio_mode(a.stdio)
    elif a.listen and a.port_file and (a.to or a.silent):
        listen_mode(a.listen, a.port_file, None if a.silent else a.to, a.max_seconds)
    else:
        ap.error("--stdio PORT, or --listen ADDR --port-file F (--to PORT | --silent)")


if __name__ == "__main__":
    main()
