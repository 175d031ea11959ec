# SPDX-License-Identifier: Apache-2.0
"""Servers for the suites, all on 127.0.0.1 and free ports, all stopped at exit
(tests/lib/suite.py):

  Acceptor  an in-process raw server: listens, hands each connection to a
            handler in a thread of its own, counts connections; close() stops
            accepting and closes every connection still open.
  TlsPeer   an Acceptor for TLS clients: a TLS server, or a peer that is not
            one (plain HTTP, garbage, a close, silence).
  Relay     an Acceptor that forwards each connection to a port on 127.0.0.1,
            counting connections and recording what the client sent.
  AuthServer  a small influxd of kept-alive GET/PATCH answers that can send
            surplus, unsolicited, late or wrong-ID answers; RawAnswer answers
            every request with the same bytes.
  PrefixProxy  an Acceptor that passes requests on to a server with a path
            prefix put before their path (a reverse proxy's prefix).
  Program   a server program run as a subprocess that writes its port to a file
            once it listens (--port-file): the influxd double, the relay and
            the DNS stub of tests/boards.
  free_port, closed_port   ports where nothing listens."""
import json
import os
import re
import select
import shutil
import socket
import ssl
import subprocess
import threading
import time

import suite


def listener(backlog=16):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(backlog)
    return s


def closed_port():
    """(socket, port): the port is bound but not listening, so connect() is
    refused; keep the socket until done, it reserves the port."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    return s, s.getsockname()[1]


def free_port():
    """A port nothing listens on now (another program may take it later)."""
    s, port = closed_port()
    s.close()
    return port


class Acceptor:
    """Listens on 127.0.0.1:0 and runs handle(conn) for each connection in a
    thread of its own; the connection is closed when handle returns.
    handler(conn, acceptor) does the work unless a subclass overrides handle.
    accept=False: listen and never accept (the kernel completes the TCP
    handshake). A handler that must hold a connection open waits on
    self.closed, which close() sets."""

    def __init__(self, handler=None, accept=True, conn_timeout=15, backlog=16):
        self.handler = handler
        self.conn_timeout = conn_timeout
        self.sock = listener(backlog)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = "http://127.0.0.1:%d" % self.port
        self.connections = 0
        self.lock = threading.Lock()
        self.closed = threading.Event()
        self.open = []
        self.thread = None
        suite.at_exit(self.close)
        if accept:
            self.thread = threading.Thread(target=self._loop, daemon=True)
            self.thread.start()

    def _loop(self):
        while not self.closed.is_set():
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.connections += 1
                self.open.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        try:
            conn.settimeout(self.conn_timeout)
            self.handle(conn)
        except Exception:  # noqa: BLE001 - a peer's misbehaviour ends only its connection
            pass
        finally:
            with self.lock:
                if conn in self.open:
                    self.open.remove(conn)
            conn.close()

    def handle(self, conn):
        if self.handler is not None:
            self.handler(conn, self)

    def close(self):
        if self.closed.is_set():
            return
        self.closed.set()
        if self.thread is not None:
            self.thread.join(2)
        self.sock.close()
        with self.lock:
            conns, self.open = self.open, []
        for c in conns:
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            c.close()


def pipe(a, b, keep=None):
    """Copy what a receives to b until a ends (or either fails), each piece
    given to keep first when there is one; then end b's sending side."""
    try:
        while True:
            d = a.recv(65536)
            if not d:
                break
            if keep is not None:
                keep(d)
            b.sendall(d)
    except OSError:
        pass
    try:
        b.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def relay(a, b, keep=None, idle=20):
    """Both directions of pipe(a, b, keep) and pipe(b, a) in one thread: for
    a TLS socket, which must not be read in one thread while another writes
    it (OpenSSL's connection object is not thread-safe: two threads on one
    sometimes ended the tunnel early, "write: broken pipe" at the client).
    Each side that ends (or fails) ends the other's sending side; the relay
    ends when both have, or after idle seconds with nothing from either (as
    a socket timeout ends pipe)."""
    ends = {a: b, b: a}
    quiet = 0
    while ends and quiet < idle:
        ready = [s for s in ends if getattr(s, "pending", lambda: 0)() > 0]
        if not ready:
            try:
                ready = select.select(list(ends), [], [], 1)[0]
            except (OSError, ValueError):
                break
        quiet = 0 if ready else quiet + 1
        for s in ready:
            other = ends[s]
            try:
                d = s.recv(65536)
            except OSError:
                d = b""
            try:
                if d:
                    if keep is not None and s is a:
                        keep(d)
                    other.sendall(d)
                    continue
                other.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            del ends[s]


class Relay(Acceptor):
    """A TCP relay on 127.0.0.1 in front of a port: .connections counts the
    connections (over HTTPS, the TLS handshakes), .sent holds every byte the
    clients sent, in order (what reached the connection, to prove what did
    not)."""

    def __init__(self, port):
        self.target = port
        self.sent = bytearray()
        Acceptor.__init__(self, conn_timeout=None)

    def handle(self, c):
        u = socket.create_connection(("127.0.0.1", self.target))
        try:
            back = threading.Thread(target=pipe, args=(u, c), daemon=True)
            back.start()
            pipe(c, u, self.keep_sent)
            back.join()
        finally:
            u.close()

    def keep_sent(self, d):
        with self.lock:
            self.sent += d


def read_request(conn):
    """One HTTP request from conn: its head and its Content-Length body, as
    bytes (what arrived, when the peer closes first)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        d = conn.recv(65536)
        if not d:
            return buf
        buf += d
    m = re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", buf)
    if m:
        head, _, body = buf.partition(b"\r\n\r\n")
        while len(body) < int(m.group(1)):
            d = conn.recv(65536)
            if not d:
                break
            body += d
        buf = head + b"\r\n\r\n" + body
    return buf


AUTH_FIELDS = {"description": "raw", "orgID": "0a1b2c3d4e5f6071", "org": "myorg", "userID": "0b1c2d3e4f506172",
               "user": "myuser", "permissions": []}


def auth_answer(ident, status="active", token=None):
    """A 200 with the authorization ident as influxd shapes it."""
    body = json.dumps(dict(AUTH_FIELDS, id=ident, status=status, token=token or "tok-" + ident)).encode()
    return (b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: %d\r\n\r\n"
            % len(body)) + body


class AuthServer(Acceptor):
    """A small influxd on kept-alive connections, for the answer checks: GET
    and PATCH of /api/v2/authorizations/ID answer that authorization (a PATCH:
    inactive). behave(server, conn, n, method, ident, answer) may send
    something else for request n (0-based over all connections): a surplus
    answer, one for another ID, a late copy (.event tells the test it did);
    it returns True when it sent for that request itself. .log holds (connection
    number, method, ID), .applied the IDs PATCHed."""

    def __init__(self, behave=None):
        self.behave = behave
        self.log = []
        self.applied = set()
        self.conn_no = 0
        self.event = threading.Event()
        Acceptor.__init__(self)

    def handle(self, c):
        with self.lock:
            self.conn_no += 1
            me = self.conn_no
        while True:
            req = read_request(c)
            if not req:
                return
            method, path = req.split(b" ", 2)[:2]
            ident = path.decode().rsplit("/", 1)[1]
            with self.lock:
                n = len(self.log)
                self.log.append((me, method.decode(), ident))
                if method == b"PATCH":
                    self.applied.add(ident)
            answer = auth_answer(ident, "inactive" if method == b"PATCH" else "active")
            if self.behave is None or not self.behave(self, c, n, method.decode(), ident, answer):
                c.sendall(answer)


class RawAnswer(Acceptor):
    """Answers every request with the same bytes, then closes."""

    def __init__(self, data):
        self.data = data
        Acceptor.__init__(self)

    def handle(self, c):
        read_request(c)
        c.sendall(self.data)
        c.shutdown(socket.SHUT_WR)
        time.sleep(0.2)


GARBAGE = b"\x00\xffSSH-2.0-not-tls\r\n" + bytes(range(200, 256)) * 4


# A handshake record holding a ServerHello of length 0: a TLS record, but no
# ServerHello a client can decode.
BAD_SERVER_HELLO = b"\x16\x03\x03\x00\x04\x02\x00\x00\x00"
# An application-data record that no key decrypts (its tag cannot match).
BAD_RECORD = b"\x17\x03\x03\x00\x30" + bytes(range(0x30))


class TlsPeer(Acceptor):
    """A peer for TLS clients, by mode: 'tls' (Python ssl with the cert and key
    files, TLS 1.2 or later: the handshake, then an HTTP/1.1 200 to a request),
    'badrecord' (the same handshake, then, for an answer, a record that does
    not decrypt), 'http' (a plain-HTTP 400, what a Go server answers to a
    ClientHello), 'garbage' (bytes that are not TLS), 'badhello' (a TLS record
    with a ServerHello that does not decode), 'close' (reads the ClientHello
    and closes), 'silent' (accepts and never answers)."""

    def __init__(self, mode, cert=None, key=None):
        self.mode = mode
        if mode in ("tls", "badrecord"):
            self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            self.ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            self.ctx.load_cert_chain(cert, key)
        Acceptor.__init__(self, conn_timeout=10)

    def handle(self, conn):
        if self.mode == "silent":
            self.closed.wait()
            return
        if self.mode == "badrecord":
            tls = self.ctx.wrap_socket(conn, server_side=True)
            read_request(tls)
            os.write(tls.fileno(), BAD_RECORD)   # under the TLS layer, on the socket itself
            self.closed.wait(2)
            return
        if self.mode == "tls":
            tls = self.ctx.wrap_socket(conn, server_side=True)
            read_request(tls)
            body = b"hello over tls\n"
            tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                        b"Connection: close\r\n\r\n%s" % (len(body), body))
            try:
                tls.unwrap()
            except (OSError, ssl.SSLError):
                pass
            tls.close()
            return
        conn.recv(4096)
        if self.mode == "http":
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
                         b"Connection: close\r\n\r\n400 Bad Request")
        elif self.mode == "garbage":
            conn.sendall(GARBAGE)
            time.sleep(0.2)
        elif self.mode == "badhello":
            conn.sendall(BAD_SERVER_HELLO)
            time.sleep(0.2)
        # 'close': nothing more


class PrefixProxy(Acceptor):
    """A reverse proxy that passes each request on to 127.0.0.1:upstream_port with
    prefix put before its path, as a proxy configured with a prefix the server does
    not have (nginx's proxy_pass http://influxd:8086/influx/): one upstream
    connection per request, asked to close, its answer passed back whole."""

    def __init__(self, upstream_port, prefix):
        self.upstream_port, self.prefix = upstream_port, prefix.encode()
        Acceptor.__init__(self, conn_timeout=10)

    def handle(self, conn):
        while True:
            req = read_request(conn)
            if not req:
                return
            head, sep, body = req.partition(b"\r\n\r\n")
            lines = head.split(b"\r\n")
            method, target, proto = lines[0].split(b" ", 2)
            lines = [b" ".join([method, self.prefix + target, proto])] + \
                [ln for ln in lines[1:] if not ln.lower().startswith(b"connection:")] + [b"Connection: close"]
            up = socket.create_connection(("127.0.0.1", self.upstream_port), timeout=10)
            try:
                up.sendall(b"\r\n".join(lines) + sep + body)
                while True:
                    data = up.recv(65536)
                    if not data:
                        break
                    conn.sendall(data)
            finally:
                up.close()
            return


class Program:
    """argv + ["--port-file", FILE], run as a subprocess (inside wrap, e.g.
    ["ip", "netns", "exec", NS]); start() waits until FILE names the port (the
    programs write it by rename once they listen). Output goes to a log whose
    tail is in the error when the program exits early. stop() terminates it
    (killed after 5 s) and removes its files; it also runs at exit."""

    def __init__(self, argv, wrap=(), name=None, wait=True, timeout=20.0):
        self.name = name or os.path.basename(argv[1] if len(argv) > 1 else argv[0])
        self.dir = suite.tmpdir("il-%s-" % self.name.split(".")[0])
        self.port_file = os.path.join(self.dir, "port")
        self.log_path = os.path.join(self.dir, "log")
        self.timeout = timeout
        self.port = None
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(list(wrap) + list(argv) + ["--port-file", self.port_file],
                                         stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        suite.at_exit(self.stop)
        if wait:
            self.wait()

    def log_tail(self, n=600):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    def wait(self):
        deadline = time.monotonic() + self.timeout
        while time.monotonic() < deadline:
            if os.path.exists(self.port_file):
                with open(self.port_file) as f:
                    text = f.read().strip()
                if text:
                    self.port = int(text)
                    return self
            if self.proc.poll() is not None:
                raise RuntimeError("%s exited with %d: %s" % (self.name, self.proc.returncode, self.log_tail()))
            time.sleep(0.02)
        raise RuntimeError("%s did not start in %.0f s: %s" % (self.name, self.timeout, self.log_tail()))

    def terminate(self):
        """Send SIGTERM without waiting (stop() waits)."""
        if self.proc.poll() is None:
            self.proc.terminate()

    def stop(self):
        suite.stop_process(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)
