# SPDX-License-Identifier: Apache-2.0
"""Test certificates made with the openssl CLI at test time: CAs, leaves
signed by them (any SAN, past or future validity dates), key pins, and an
`openssl s_server` peer. make_test_pki() is the suites' one PKI (the TLS suites
and the CLI's own TLS flags); everything is written under one work directory."""
import hashlib
import os
import re
import socket
import subprocess
import time

import servers
import suite


class Pki:
    def __init__(self, workdir, first_serial=1000):
        self.dir = workdir
        self.serial = first_serial

    def path(self, name):
        return os.path.join(self.dir, name)

    def sh(self, *args):
        subprocess.run(args, check=True, cwd=self.dir, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def genkey(self, name, kind):
        """kind: rsa (2048), ec (P-256) or p384."""
        if kind == "rsa":
            self.sh("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048",
                    "-out", name + ".key")
        else:
            curve = {"ec": "P-256", "p384": "P-384"}[kind]
            self.sh("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + curve,
                    "-out", name + ".key")

    def make_ca(self, name, kind):
        self.genkey(name, kind)
        self.sh("openssl", "req", "-x509", "-new", "-key", name + ".key", "-subj",
                "/O=influx-lite test/CN=" + name, "-days", "30", "-out", name + ".crt", "-sha256",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")

    def make_leaf(self, name, ca, kind, san="DNS:localhost,IP:127.0.0.1", start=None, end=None):
        """A server certificate signed by ca; start/end (YYYYMMDDHHMMSSZ) for odd dates."""
        self.genkey(name, kind)
        self.sh("openssl", "req", "-new", "-key", name + ".key", "-subj", "/CN=localhost", "-out", name + ".csr")
        with open(self.path(name + ".ext"), "w") as f:
            f.write("subjectAltName=%s\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n" % san)
        self.serial += 1
        if start is None:
            self.sh("openssl", "x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                    "-set_serial", str(self.serial), "-days", "30", "-sha256", "-extfile", name + ".ext",
                    "-out", name + ".crt")
            return
        d = self.path("ca-db-" + name)     # dates in the past or future: `openssl ca` takes them
        os.mkdir(d)
        open(os.path.join(d, "index.txt"), "w").close()
        with open(os.path.join(d, "serial"), "w") as f:
            f.write("%04X\n" % self.serial)
        with open(os.path.join(d, "ca.cnf"), "w") as f:
            f.write("[ca]\ndefault_ca=d\n[d]\ndatabase=%s/index.txt\nserial=%s/serial\nnew_certs_dir=%s\n"
                    "default_md=sha256\npolicy=pol\nunique_subject=no\ncopy_extensions=none\n"
                    "[pol]\ncommonName=supplied\n" % (d, d, d))
        self.sh("openssl", "ca", "-batch", "-notext", "-config", os.path.join(d, "ca.cnf"), "-cert", ca + ".crt",
                "-keyfile", ca + ".key", "-startdate", start, "-enddate", end, "-extfile", name + ".ext",
                "-in", name + ".csr", "-out", name + ".crt")

    def spki_der(self, keyfile):
        """DER SubjectPublicKeyInfo of a key file's public key."""
        return subprocess.run(["openssl", "pkey", "-in", self.path(keyfile), "-pubout", "-outform", "DER"],
                              check=True, capture_output=True).stdout

    def spki_sha256(self, keyfile):
        """SHA-256 digest (bytes) of a key file's SubjectPublicKeyInfo: what a pin holds."""
        return hashlib.sha256(self.spki_der(keyfile)).digest()

    def spki_sha256_of_cert(self, crt):
        pub = subprocess.run(["openssl", "x509", "-in", self.path(crt), "-pubkey", "-noout"], check=True,
                             capture_output=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=pub, check=True,
                             capture_output=True).stdout
        return hashlib.sha256(der).hexdigest()


# The CAs and leaves of make_test_pki: name -> key kind; name -> (CA, key kind,
# subjectAltName or None for localhost and 127.0.0.1, notBefore, notAfter).
TEST_CAS = {"ca_ec": "ec", "ca_rsa": "rsa", "ca_other": "ec"}
TEST_LEAVES = {
    "ec": ("ca_ec", "ec", None, None, None),
    "rsa": ("ca_rsa", "rsa", None, None, None),
    "p384": ("ca_ec", "p384", None, None, None),
    "other": ("ca_other", "ec", None, None, None),                 # a CA nobody trusts
    "wrongname": ("ca_ec", "ec", "DNS:example.com,IP:10.9.9.9", None, None),
    "othername": ("ca_ec", "ec", "DNS:other.test", None, None),
    "dnsonly": ("ca_ec", "ec", "DNS:localhost", None, None),       # no IP SAN
    "expired": ("ca_ec", "ec", None, "20200101000000Z", "20200201000000Z"),
    "future": ("ca_ec", "ec", None, "20990101000000Z", "20991231000000Z"),
}


def make_test_pki(workdir, first_serial=1000, leaves=None):
    """The test PKI in workdir (NAME.crt and NAME.key for each CA and leaf of
    TEST_CAS and TEST_LEAVES; leaves: only these, and the CAs they need)."""
    names = list(TEST_LEAVES) if leaves is None else list(leaves)
    pki = Pki(workdir, first_serial)
    for ca, kind in TEST_CAS.items():
        if leaves is None or any(TEST_LEAVES[n][0] == ca for n in names):
            pki.make_ca(ca, kind)
    for name in names:
        ca, kind, san, start, end = TEST_LEAVES[name]
        pki.make_leaf(name, ca, kind, san=san or "DNS:localhost,IP:127.0.0.1", start=start, end=end)
    return pki


class SServer:
    """openssl s_server -www on a free 127.0.0.1 port; close() kills it by PID.
    With trace_log (a path), s_server runs with -trace, line-buffered into that
    file, and named_curves() lists the group of every ServerKeyExchange sent."""

    def __init__(self, cert_path, key_path, *flags, trace_log=None):
        self.port = servers.free_port()
        argv = ["openssl", "s_server", "-accept", "127.0.0.1:%d" % self.port,
                "-cert", cert_path, "-key", key_path, "-www", "-quiet"] + list(flags)
        self.trace_log = trace_log
        out = subprocess.DEVNULL
        if trace_log is not None:
            argv = ["stdbuf", "-oL"] + argv + ["-trace"]
            out = open(trace_log, "w")
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.DEVNULL)
        if out is not subprocess.DEVNULL:
            out.close()
        suite.at_exit(self.close)
        deadline = time.time() + 5
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.close()
        raise RuntimeError("s_server did not start")

    def named_curves(self):
        """e.g. ['ecdh_x25519', 'secp256r1 (P-256)']: one per ServerKeyExchange so far."""
        with open(self.trace_log) as f:
            return re.findall(r"^\s*named_curve: (.*?) \(\d+\)\s*$", f.read(), re.M)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
