# SPDX-License-Identifier: Apache-2.0
"""influxd_tls: influxd's HTTPS in Python's ssl (OpenSSL 3), for the influxd
double (influxd_double.py) and the bench server (tests/bench/fastd.py).

influxd serves TLS through Go's crypto/tls with (influxdb cmd/influxd/launcher/
launcher.go, runHTTP)

    tls.Config{CurvePreferences: [P521, P384, P256], PreferServerCipherSuites: !strict,
               MinVersion: --tls-min-version, CipherSuites: nil, or the strict six}

What a client sees, and how it is reproduced here:

  versions      TLS 1.2 and 1.3 (--tls-min-version 1.2, the default), or 1.3 only (1.3,
                which makes influxd ignore --tls-strict-ciphers, with a warning); influxd
                also takes 1.0 and 1.1, which this OpenSSL build does not serve
  TLS 1.3       TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256
  TLS 1.2       Go's default suites since Go 1.23 (influxd 2.7.12 and later): ECDHE with an
                ECDSA or RSA certificate, AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305,
                AES-128-CBC-SHA, AES-256-CBC-SHA; --tls-strict-ciphers: the six AEAD ones
  suite choice  Go's, not the client's (PreferServerCipherSuites does nothing since Go
                1.17): AES-GCM first, AES-128 before AES-256, unless the first suite in
                the client's list that Go implements is not an AES-GCM one, or the CPU
                has no AES instructions; then ChaCha20-Poly1305 first (cipher_suites.go
                aesgcmPreferred, cipherSuitesPreferenceOrder, cipherSuitesPreferenceOrderNoAES,
                defaultCipherSuitesTLS13[NoAES])
  groups        P-256, P-384 and P-521 only: no X25519, no hybrid key exchange. TLS 1.2
                takes the client's first of them (key_agreement.go,
                generateServerKeyExchange). TLS 1.3 takes the key share the client sent
                for the server's most preferred group, else asks for the server's most
                preferred group the client lists, with a HelloRetryRequest
                (handshake_server_tls13.go, processClientHello). The server's order:
                influxd 2.7 (Go 1.23) follows CurvePreferences, P-521 first; 2.8 and
                later (Go 1.24 and later) ignore its order, P-256 first
  tickets       one TLS 1.3 NewSessionTicket, as Go sends (OpenSSL sends it after the
                client's Finished, Go already with its own)
  TCP           TCP_NODELAY, Go's default on every TCP connection (set by the servers
                that use this context, on their sockets)
  not offered   encrypt-then-MAC, renegotiation, compression: Go implements none
  ALPN          http/1.1 only: influxd also offers h2 (Go's HTTP/2), which the double
                does not speak
  not copied    Go ignores a client's max_fragment_length (OpenSSL honours it) and starts
                with application-data records of about 1.2 KB (OpenSSL fills them)
  plain HTTP    on the TLS port: answer_non_tls() (net/http server.go)

Go's choices are made in OpenSSL's ClientHello callback (SSL_CTX_set_client_hello_cb,
through ctypes, since Python's ssl module has no call for it): it reads the ClientHello's
suites, supported_versions, supported_groups and key_share, and narrows that connection's
suites, and for TLS 1.3 its group, to the one Go would take; OpenSSL does the rest."""
import collections
import ctypes
import socket
import ssl
import sys
import time

SUITES_TLS13 = {0x1301: "TLS_AES_128_GCM_SHA256", 0x1302: "TLS_AES_256_GCM_SHA384",
                0x1303: "TLS_CHACHA20_POLY1305_SHA256"}
# Go's cipherSuitesPreferenceOrder, limited to influxd's default TLS 1.2 suites
SUITES_TLS12 = [(0xc02b, "ECDHE-ECDSA-AES128-GCM-SHA256"), (0xc02f, "ECDHE-RSA-AES128-GCM-SHA256"),
                (0xc02c, "ECDHE-ECDSA-AES256-GCM-SHA384"), (0xc030, "ECDHE-RSA-AES256-GCM-SHA384"),
                (0xcca9, "ECDHE-ECDSA-CHACHA20-POLY1305"), (0xcca8, "ECDHE-RSA-CHACHA20-POLY1305"),
                (0xc009, "ECDHE-ECDSA-AES128-SHA"), (0xc013, "ECDHE-RSA-AES128-SHA"),
                (0xc00a, "ECDHE-ECDSA-AES256-SHA"), (0xc014, "ECDHE-RSA-AES256-SHA")]
STRICT_TLS12 = SUITES_TLS12[:6]
AES_GCM = {0x1301, 0x1302, 0xc02b, 0xc02f, 0xc02c, 0xc030}
CHACHA = {0x1303, 0xcca9, 0xcca8}
# every suite Go implements (CipherSuites() and InsecureCipherSuites()): aesgcmPreferred
# decides on the first of these in the client's list
GO_SUITES = set(SUITES_TLS13) | {s for s, _ in SUITES_TLS12} | {
    0x0005, 0x000a, 0x002f, 0x0035, 0x003c, 0x009c, 0x009d, 0xc007, 0xc011, 0xc012, 0xc023, 0xc027}
GROUP_NAMES = {23: "P-256", 24: "P-384", 25: "P-521"}
GROUP_ORDER = {"2.7": (25, 24, 23), "2.9": (23, 24, 25)}     # influxd version -> Go's group preference
EXT_SUPPORTED_GROUPS, EXT_SUPPORTED_VERSIONS, EXT_KEY_SHARE = 10, 43, 51
TLS13 = 0x0304
SSL_CTRL_SET_GROUPS_LIST = 92
SSL_OP_NO_ENCRYPT_THEN_MAC = 1 << 19
SSL_CLIENT_HELLO_SUCCESS = 1

# net/http (*conn).serve: a first TLS record header that reads as one of these is an
# HTTP request; Go answers it with this, in plain text, and closes
HTTP_STARTS = (b"GET /", b"HEAD ", b"POST ", b"PUT /", b"OPTIO")
PLAIN_HTTP_ANSWER = b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n"


def has_aes_instructions():
    """Go's hasAESGCMHardwareSupport on this machine (x86-64: AES-NI, PCLMULQDQ,
    SSE4.1, SSSE3; arm64: AES, PMULL)."""
    try:
        with open("/proc/cpuinfo") as f:
            words = set(f.read().split())
    except OSError:
        return True
    return {"aes", "pclmulqdq", "sse4_1", "ssse3"} <= words or {"aes", "pmull"} <= words


def _u16s(data):
    return [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)]


def _key_share_groups(data):
    """The groups of a ClientHello key_share extension's entries."""
    groups, i, end = [], 2, 2 + int.from_bytes(data[:2], "big")
    while i + 4 <= min(end, len(data)):
        groups.append(int.from_bytes(data[i:i + 2], "big"))
        i += 4 + int.from_bytes(data[i + 2:i + 4], "big")
    return groups


class _OpenSSL:
    """The few libssl calls Python's ssl module does not offer, on the libssl it uses."""

    HELLO_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int), ctypes.c_void_p)

    def __init__(self):
        lib = ctypes.CDLL(ssl._ssl.__file__)
        p, u8p = ctypes.c_void_p, ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte))
        for name, args, res in (("SSL_CTX_set_client_hello_cb", [p, self.HELLO_CB, p], None),
                                ("SSL_client_hello_get0_ciphers", [p, u8p], ctypes.c_size_t),
                                ("SSL_client_hello_get0_ext",
                                 [p, ctypes.c_uint, u8p, ctypes.POINTER(ctypes.c_size_t)], ctypes.c_int),
                                ("SSL_set_cipher_list", [p, ctypes.c_char_p], ctypes.c_int),
                                ("SSL_set_ciphersuites", [p, ctypes.c_char_p], ctypes.c_int),
                                ("SSL_CTX_ctrl", [p, ctypes.c_int, ctypes.c_long, ctypes.c_char_p], ctypes.c_long),
                                ("SSL_ctrl", [p, ctypes.c_int, ctypes.c_long, ctypes.c_char_p], ctypes.c_long)):
            fn = getattr(lib, name)
            fn.argtypes, fn.restype = args, res
        self.lib = lib

    @staticmethod
    def ssl_ctx(ctx):
        """The SSL_CTX * of an ssl.SSLContext: the first field after its PyObject header."""
        return ctypes.c_void_p.from_address(id(ctx) + object.__basicsize__).value

    def hello_suites(self, s):
        out = ctypes.POINTER(ctypes.c_ubyte)()
        n = self.lib.SSL_client_hello_get0_ciphers(s, ctypes.byref(out))
        return _u16s(ctypes.string_at(out, n)) if n else []

    def hello_ext(self, s, ext_type):
        out, n = ctypes.POINTER(ctypes.c_ubyte)(), ctypes.c_size_t()
        if self.lib.SSL_client_hello_get0_ext(s, ext_type, ctypes.byref(out), ctypes.byref(n)) != 1:
            return b""
        return ctypes.string_at(out, n.value)


_openssl = []


def openssl():
    if not _openssl:
        _openssl.append(_OpenSSL())
    return _openssl[0]


class GoChoices:
    """What Go's crypto/tls server picks for one ClientHello, given influxd's
    configuration; hello() is the OpenSSL ClientHello callback that imposes it."""

    def __init__(self, tls12_suites, group_order, aes_instructions):
        self.tls12, self.group_order, self.aes_hw = tls12_suites, group_order, aes_instructions
        # what the handshakes so far took: {"P-256": n, ...} and "hello_retry_requests"
        self.counts = collections.Counter()

    def aes_first(self, client_suites):
        first = next((s for s in client_suites if s in GO_SUITES), None)
        return self.aes_hw and first in AES_GCM

    def suites(self, client_suites):
        """(the TLS 1.3 suite Go takes or None, [the TLS 1.2 suite Go takes with an
        ECDSA certificate, and with an RSA one])."""
        aes = self.aes_first(client_suites)
        order13 = (0x1301, 0x1302, 0x1303) if aes else (0x1303, 0x1301, 0x1302)
        order12 = self.tls12 if aes else ([x for x in self.tls12 if x[0] in CHACHA] +
                                          [x for x in self.tls12 if x[0] not in CHACHA])
        pick13 = next((s for s in order13 if s in client_suites), None)
        picks12 = [next((name for sid, name in order12 if kind in name and sid in client_suites), None)
                   for kind in ("-ECDSA-", "-RSA-")]
        return pick13, [name for name in picks12 if name]

    def group13(self, supported, shares):
        """The TLS 1.3 group Go takes: a key share in its order, else (a
        HelloRetryRequest) its first group the client supports."""
        return next((g for g in self.group_order if g in shares), None) or \
            next((g for g in self.group_order if g in supported), None)

    def narrow(self, s):
        o = openssl()
        pick13, picks12 = self.suites(o.hello_suites(s))
        if pick13 is not None:
            o.lib.SSL_set_ciphersuites(s, SUITES_TLS13[pick13].encode())
        if picks12:
            o.lib.SSL_set_cipher_list(s, ":".join(picks12).encode())
        versions = o.hello_ext(s, EXT_SUPPORTED_VERSIONS)
        supported = _u16s(o.hello_ext(s, EXT_SUPPORTED_GROUPS)[2:])
        if TLS13 not in _u16s(versions[1:1 + (versions[0] if versions else 0)]):
            # TLS 1.2: OpenSSL takes the client's first group, as Go does
            self.counts[GROUP_NAMES.get(next((g for g in supported if g in GROUP_NAMES), None), "none")] += 1
            return
        shares = _key_share_groups(o.hello_ext(s, EXT_KEY_SHARE))
        group = self.group13(supported, shares)
        if group is not None:
            o.lib.SSL_ctrl(s, SSL_CTRL_SET_GROUPS_LIST, 0, GROUP_NAMES[group].encode())
        if group is not None and group not in shares:
            self.counts["hello_retry_requests"] += 1      # the second ClientHello counts the group
        else:
            self.counts[GROUP_NAMES.get(group, "none")] += 1

    def hello(self, s, _alert, _arg):
        try:
            self.narrow(s)
        except Exception as e:  # noqa: BLE001 - an exception must not cross into OpenSSL
            print("influxd_tls: ClientHello callback: %s: %s" % (type(e).__name__, e), file=sys.stderr, flush=True)
        return SSL_CLIENT_HELLO_SUCCESS


def make_tls_context(cert, key, min_version="1.2", strict_ciphers=False, influxd="2.7"):
    """The server context of `influxd --tls-cert cert --tls-key key [--tls-min-version
    min_version] [--tls-strict-ciphers]`, influxd 2.7 or 2.9 (its Go's group order).
    ValueError for a version it does not serve, with influxd's words where it has them."""
    if min_version in ("1.0", "1.1"):
        raise ValueError("TLS %s: influxd takes it, this double serves TLS 1.2 and 1.3 only" % min_version)
    if min_version not in ("1.2", "1.3"):
        raise ValueError("unsupported TLS version: %s" % min_version)
    if strict_ciphers and min_version == "1.3":
        print("influxd_tls: TLS version 1.3 does not support configuring strict ciphers", file=sys.stderr, flush=True)
        strict_ciphers = False
    tls12 = STRICT_TLS12 if strict_ciphers else SUITES_TLS12
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3 if min_version == "1.3" else ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    # the client's order for TLS 1.2 groups and for signature schemes, as Go; suites: GoChoices
    ctx.options &= ~ssl.OP_CIPHER_SERVER_PREFERENCE
    ctx.options |= ssl.OP_NO_RENEGOTIATION | ssl.OP_NO_COMPRESSION | SSL_OP_NO_ENCRYPT_THEN_MAC
    ctx.num_tickets = 1
    ctx.load_cert_chain(cert, key)
    ctx.set_ciphers(":".join(name for _, name in tls12))
    ctx.set_alpn_protocols(["http/1.1"])
    o = openssl()
    ptr = o.ssl_ctx(ctx)
    if o.lib.SSL_CTX_ctrl(ptr, SSL_CTRL_SET_GROUPS_LIST, 0, b"P-256:P-384:P-521") != 1:
        raise RuntimeError("influxd_tls: OpenSSL refused the groups P-256:P-384:P-521")
    choices = GoChoices(tls12, GROUP_ORDER[influxd], has_aes_instructions())
    ctx.influxd_choices = choices                         # its counts: what the handshakes took
    ctx.influxd_hello_cb = o.HELLO_CB(choices.hello)      # lives as long as the context
    o.lib.SSL_CTX_set_client_hello_cb(ptr, ctx.influxd_hello_cb, None)
    return ctx


def answer_non_tls(sock, timeout=10.0):
    """Before the TLS handshake, what Go's server does with a client that does not
    speak TLS: a first record header that reads as an HTTP request gets
    PLAIN_HTTP_ANSWER; one that is neither a handshake nor an alert record, or has
    a version of 0x1000 or more, gets nothing (crypto/tls conn.go: "first record
    does not look like a TLS handshake"). Either way the connection is closed and
    True returned, as it is when 5 bytes do not come within timeout (Go's handshake
    timeout) or the client closes first; False: a TLS record, hand it to OpenSSL."""
    deadline = time.monotonic() + timeout
    head = b""
    try:
        while len(head) < 5 and time.monotonic() < deadline:
            sock.settimeout(max(0.01, deadline - time.monotonic()))
            head = sock.recv(5, socket.MSG_PEEK)
            if not head:
                break
            if len(head) < 5:
                time.sleep(0.005)
    except OSError:         # socket.timeout included
        pass
    if len(head) == 5 and head[0] in (21, 22) and int.from_bytes(head[1:3], "big") < 0x1000:
        return False
    if head in HTTP_STARTS:
        sock.sendall(PLAIN_HTTP_ANSWER)
    _drain_and_close(sock)
    return True


def _drain_and_close(sock):
    """Close after reading what the client already sent (Go has read it), so that
    the close is a FIN, not a reset that could destroy an answer."""
    deadline = time.monotonic() + 0.5
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(0.2)
        while time.monotonic() < deadline and sock.recv(65536):
            pass
    except OSError:
        pass
    sock.close()
