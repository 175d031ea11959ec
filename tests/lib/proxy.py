# SPDX-License-Identifier: Apache-2.0
"""A forward proxy for the suites, in-process on 127.0.0.1 (tests/lib/servers.py's
Acceptor): HTTP (absolute-form requests and CONNECT) and SOCKS5 on the same
port (told apart by the first byte), optionally behind TLS (an https://
proxy: tls_cert/tls_key), with a host map that only it resolves (names such
as influxdb.test, which the client under test cannot look up), Basic or
SOCKS5 username/password authentication, faults, and a record of what it saw:

    p = proxy.Proxy({"influxdb.test": port}, auth=("user", "p@ss"))
    HTTPS_PROXY=http://user:p%40ss@127.0.0.1:<p.port>
    p.seen: one dict a request or tunnel: kind ("connect", "request", "socks"),
            target ("influxdb.test:8086"), line (the request line), headers
            (name lower-cased -> value), raw (every byte the client sent,
            tunnels included)

fault: None, "close" (reads the request and closes), "silent" (reads it and
never answers), "half" (sends part of
a 200 and closes), "huge" (a 200 whose header section never ends),
"status:502 Bad Gateway" (answers CONNECT with that status), "socks_reply:N"
(SOCKS5 reply code N), "socks_version" (answers SOCKS with version 4)."""
import base64
import socket
import ssl
import threading

import servers


class Proxy(servers.Acceptor):
    def __init__(self, hosts, auth=None, fault=None, tls_cert=None, tls_key=None):
        self.hosts = dict(hosts)
        self.auth = auth
        self.fault = fault
        self.seen = []
        self.ctx = None
        if tls_cert is not None:
            self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ctx.load_cert_chain(tls_cert, tls_key)
        servers.Acceptor.__init__(self, conn_timeout=20)
        self.url = "%s://127.0.0.1:%d" % ("https" if tls_cert else "http", self.port)

    # ------------------------------------------------------------ plumbing
    def record(self, kind, target, line=b"", headers=None):
        rec = {"kind": kind, "target": target, "line": line.decode("latin-1"), "headers": headers or {}, "raw": b""}
        with self.lock:
            self.seen.append(rec)
        return rec

    def resolve(self, target):
        host, _, port = target.rpartition(":")
        host = host.strip("[]")
        if host in self.hosts:
            return ("127.0.0.1", self.hosts[host])
        return None

    def handle(self, conn):
        if self.ctx is not None:
            conn = self.ctx.wrap_socket(conn, server_side=True)
        first = conn.recv(1, socket.MSG_PEEK) if self.ctx is None else b""
        if first == b"\x05":
            self.socks(conn)
        else:
            self.http(conn, b"")

    def tunnel(self, conn, up, rec):
        def keep(d):
            rec["raw"] += d
        if self.ctx is not None:
            servers.relay(conn, up, keep)       # TLS: one thread on the connection
            up.close()
            return
        back = threading.Thread(target=servers.pipe, args=(up, conn), daemon=True)
        back.start()
        servers.pipe(conn, up, keep)
        back.join(10)
        up.close()

    # ------------------------------------------------------------ HTTP
    @staticmethod
    def read_head(conn, buf):
        while b"\r\n\r\n" not in buf:
            d = conn.recv(65536)
            if not d:
                return None, buf
            buf += d
        head, _, rest = buf.partition(b"\r\n\r\n")
        return head, rest

    def authorized(self, headers):
        if self.auth is None:
            return True
        want = "Basic " + base64.b64encode(("%s:%s" % self.auth).encode()).decode()
        return headers.get("proxy-authorization") == want

    def http(self, conn, buf):
        head, rest = self.read_head(conn, buf)
        if head is None:
            return
        lines = head.split(b"\r\n")
        headers = {}
        for h in lines[1:]:
            name, _, value = h.partition(b":")
            headers[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
        method, target = lines[0].split(b" ")[:2]
        if method == b"CONNECT":
            self.connect(conn, target.decode(), lines[0], headers)
        else:
            self.forward(conn, lines[0], headers, head, rest)

    def answer_fault(self, conn):
        if self.fault == "close":
            return True
        if self.fault == "silent":
            self.closed.wait()
            return True
        if self.fault == "half":
            conn.sendall(b"HTTP/1.1 200 Connec")
            return True
        if self.fault == "huge":
            try:
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n")
                while not self.closed.is_set():
                    conn.sendall(b"X-Padding: " + b"p" * 1000 + b"\r\n")
            except OSError:
                pass
            return True
        if self.fault and self.fault.startswith("status:"):
            conn.sendall(b"HTTP/1.1 %s\r\nContent-Length: 0\r\n\r\n" % self.fault[7:].encode())
            return True
        return False

    def connect(self, conn, target, line, headers):
        rec = self.record("connect", target, line, headers)
        if self.answer_fault(conn):
            return
        if not self.authorized(headers):
            conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                         b"Content-Length: 0\r\n\r\n")
            return
        addr = self.resolve(target)
        if addr is None:
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        up = socket.create_connection(addr, timeout=10)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        self.tunnel(conn, up, rec)

    def forward(self, conn, line, headers, head, rest):
        """Absolute-form requests, each recorded, sent on in origin form
        without Proxy-Authorization; the answers come back raw."""
        url = line.split(b" ")[1].decode()
        hostport = url.split("://", 1)[1].split("/", 1)[0]
        if not self.authorized(headers):
            self.record("request", hostport, line, headers)
            conn.sendall(b"HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"t\"\r\n"
                         b"Content-Type: text/plain\r\nContent-Length: 14\r\n\r\nauth required\n")
            return
        addr = self.resolve(hostport)
        if addr is None:
            self.record("request", hostport, line, headers)
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
            return
        up = socket.create_connection(addr, timeout=10)
        back = threading.Thread(target=servers.pipe, args=(up, conn), daemon=True)
        back.start()
        try:
            while head is not None:
                self.record("request", hostport, head.split(b"\r\n")[0], self.parse_headers(head))
                length = int(self.parse_headers(head).get("content-length", "0"))
                while len(rest) < length:
                    d = conn.recv(65536)
                    if not d:
                        break
                    rest += d
                body, rest = rest[:length], rest[length:]
                up.sendall(self.origin_form(head) + b"\r\n\r\n" + body)
                head, rest = self.read_head(conn, rest)
        except OSError:
            pass
        try:
            up.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        back.join(10)
        up.close()

    @staticmethod
    def parse_headers(head):
        out = {}
        for h in head.split(b"\r\n")[1:]:
            name, _, value = h.partition(b":")
            out[name.decode("latin-1").strip().lower()] = value.decode("latin-1").strip()
        return out

    @staticmethod
    def origin_form(head):
        lines = head.split(b"\r\n")
        method, url, version = lines[0].split(b" ")
        path = b"/" + url.split(b"://", 1)[1].split(b"/", 1)[1] if url.count(b"/") > 2 else b"/"
        kept = [h for h in lines[1:] if not h.lower().startswith(b"proxy-authorization:")]
        return b"\r\n".join([method + b" " + path + b" " + version] + kept)

    # ------------------------------------------------------------ SOCKS5
    @staticmethod
    def recv_exact(conn, n):
        b = b""
        while len(b) < n:
            d = conn.recv(n - len(b))
            if not d:
                raise OSError("closed")
            b += d
        return b

    def socks(self, conn):
        ver, n = self.recv_exact(conn, 2)
        methods = self.recv_exact(conn, n)
        if self.fault == "socks_version":
            conn.sendall(b"\x04\x00")
            return
        if self.auth is not None:
            if 2 not in methods:
                conn.sendall(b"\x05\xff")
                return
            conn.sendall(b"\x05\x02")
            _, ulen = self.recv_exact(conn, 2)
            user = self.recv_exact(conn, ulen)
            plen = self.recv_exact(conn, 1)[0]
            pw = self.recv_exact(conn, plen)
            if (user.decode(), pw.decode()) != self.auth:
                conn.sendall(b"\x01\x01")
                return
            conn.sendall(b"\x01\x00")
        else:
            conn.sendall(b"\x05\x00")
        _, cmd, _, atyp = self.recv_exact(conn, 4)
        if atyp == 3:
            host = self.recv_exact(conn, self.recv_exact(conn, 1)[0]).decode()
        elif atyp == 1:
            host = socket.inet_ntop(socket.AF_INET, self.recv_exact(conn, 4))
        else:
            host = "[%s]" % socket.inet_ntop(socket.AF_INET6, self.recv_exact(conn, 16))
        port = int.from_bytes(self.recv_exact(conn, 2), "big")
        rec = self.record("socks", "%s:%d" % (host, port), headers={"atyp": atyp})
        code = int(self.fault[12:]) if self.fault and self.fault.startswith("socks_reply:") else 0
        addr = self.resolve(rec["target"])
        if addr is None and code == 0:
            code = 4
        if code != 0:
            conn.sendall(b"\x05" + bytes([code]) + b"\x00\x01\x00\x00\x00\x00\x00\x00")
            return
        up = socket.create_connection(addr, timeout=10)
        conn.sendall(b"\x05\x00\x00\x01\x7f\x00\x00\x01\x00\x00")
        self.tunnel(conn, up, rec)


def main():
    """proxy.py --map NAME=PORT [--map ...] --port-file FILE [--max-seconds N]: the proxy as a
    program on 127.0.0.1 (for a network namespace: tests/boards/test_linux_lwip.py); the port is
    written to FILE once it listens; it stops at SIGTERM or after N seconds."""
    import argparse
    import os
    import time
    ap = argparse.ArgumentParser()
    ap.add_argument("--map", action="append", default=[])
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--max-seconds", type=float, default=300)
    a = ap.parse_args()
    hosts = {k: int(v) for k, v in (m.split("=", 1) for m in a.map)}
    p = Proxy(hosts)
    tmp = "%s.tmp.%d" % (a.port_file, os.getpid())
    with open(tmp, "w") as f:
        f.write("%d\n" % p.port)
    os.replace(tmp, a.port_file)
    time.sleep(a.max_seconds)


if __name__ == "__main__":
    main()
