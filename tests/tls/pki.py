# SPDX-License-Identifier: Apache-2.0
"""Test certificates made with the openssl CLI at test time: a CA, leaves
signed by it (any SAN, past or future validity dates), key pins, and an
`openssl s_server` peer. Shared by the TLS suites; everything is written
under one work directory."""
import hashlib
import os
import re
import socket
import subprocess
import time


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

    def spki_sha256_of_cert(self, crt):
        pub = subprocess.run(["openssl", "x509", "-in", self.path(crt), "-pubkey", "-noout"], check=True,
                             capture_output=True).stdout
        der = subprocess.run(["openssl", "pkey", "-pubin", "-outform", "DER"], input=pub, check=True,
                             capture_output=True).stdout
        return hashlib.sha256(der).hexdigest()


class SServer:
    """openssl s_server -www on a free 127.0.0.1 port; close() kills it by PID.
    With trace_log (a path), s_server runs with -trace, line-buffered into that
    file, and named_curves() lists the group of every ServerKeyExchange sent."""

    def __init__(self, cert_path, key_path, *flags, trace_log=None):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        self.port = s.getsockname()[1]
        s.close()
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
