# SPDX-License-Identifier: Apache-2.0
"""Test certificates made with the openssl CLI at test time: CAs, leaves
signed by them (any SAN, past or future validity dates), key pins, and an
`openssl s_server` peer. make_test_pki() is the suites' one PKI (the TLS suites
and the CLI's own TLS flags); make_go_chains() makes one chain per case of
Go's certificate rules (name constraints, extended key usage, keyUsage, CN-only
leaves: GO_CASES), each with what Go 1.25 says of it (make_go_chains's table);
everything is written under one work directory."""
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

    def make_cert(self, name, kind, subject, ext, issuer=None):
        """NAME.key and NAME.crt: a new key of kind, certified for subject
        ("/CN=...") with exactly the extensions ext ({name: value}, as lines of
        `openssl x509 -extfile`), signed by issuer (a NAME made here) or by itself."""
        self.genkey(name, kind)
        self.sh("openssl", "req", "-new", "-key", name + ".key", "-subj", subject, "-out", name + ".csr")
        with open(self.path(name + ".ext"), "w") as f:
            f.write("".join("%s=%s\n" % item for item in ext.items()))
        self.serial += 1
        signer = ["-CA", issuer + ".crt", "-CAkey", issuer + ".key"] if issuer else ["-signkey", name + ".key"]
        self.sh("openssl", "x509", "-req", "-in", name + ".csr", *signer, "-set_serial", str(self.serial),
                "-days", "30", "-sha256", "-extfile", name + ".ext", "-out", name + ".crt")

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


# ---------------------------------------------------------------- chains for Go's certificate rules
# Each case is a chain root -> intermediate -> leaf (the leaf's names DNS:localhost and
# IP:127.0.0.1, its key P-256 unless said) where one certificate differs from these
# defaults; the server sends the leaf and the intermediate, the client trusts the root.
# Extensions are written as `openssl x509 -extfile` lines: {name: value}.
GO_ROOT_EXT = {"basicConstraints": "critical,CA:TRUE", "keyUsage": "critical,keyCertSign,cRLSign",
               "subjectKeyIdentifier": "hash"}
GO_INTER_EXT = dict(GO_ROOT_EXT, authorityKeyIdentifier="keyid")
GO_LEAF_EXT = {"basicConstraints": "CA:FALSE", "extendedKeyUsage": "serverAuth",
               "subjectAltName": "DNS:localhost,IP:127.0.0.1", "subjectKeyIdentifier": "hash",
               "authorityKeyIdentifier": "keyid"}
GO_ROOT_CN, GO_INTER_CN = "Go rules root", "Go rules intermediate"    # + the case: 64 at most

NAME_REFUSED = "x509: a root or intermediate certificate is not authorized to sign for this name: "
EKU_REFUSED = "x509: certificate specifies an incompatible key usage"
CANNOT_SIGN = ('x509: certificate signed by unknown authority (possibly because of "x509: invalid signature: '
               'parent certificate cannot sign this kind of certificate" while trying to verify candidate '
               'authority certificate "%s")')
LEGACY_CN = "x509: certificate relies on legacy Common Name field, use SANs instead"


class GoCase:
    """root, inter, leaf: extensions that differ from the defaults (None: left out);
    leaf_kind: the leaf's key (see Pki.genkey); leaf_cn: its subject CN; go: what
    Go's crypto/x509 says, None (accepted) or the error after "tls: failed to verify
    certificate: ", either one for both host names or {host: verdict}; "%(root)s" and
    "%(intermediate)s" in it stand for those certificates' CNs."""

    def __init__(self, go=None, root=None, inter=None, leaf=None, leaf_kind="ec", leaf_cn="localhost"):
        self.go, self.root, self.inter, self.leaf = go, root or {}, inter or {}, leaf or {}
        self.leaf_kind, self.leaf_cn = leaf_kind, leaf_cn

    def verdict(self, host, names):
        """Go's verdict when the client dials host: None or the x509 error, with
        names = {"root": CN, "intermediate": CN} filled in."""
        v = self.go.get(host) if isinstance(self.go, dict) else self.go
        return None if v is None else v % names


def _nc(kind, name_type, constraint, shown, matches):
    """(extension value, Go's verdict) for one name constraint on a CA: constraint
    (openssl's form) of kind permitted or excluded, as Go prints it (shown), matches
    the leaf's name of its type (DNS localhost, IP 127.0.0.1) or not."""
    name = "localhost" if name_type == "DNS name" else "127.0.0.1"
    go = None
    if kind == "excluded" and matches:
        go = NAME_REFUSED + '%s "%s" is excluded by constraint "%s"' % (name_type, name, shown)
    elif kind == "permitted" and not matches:
        go = NAME_REFUSED + '%s "%s" is not permitted by any constraint' % (name_type, name)
    return "%s;%s" % (kind, constraint), go


_NC = {"nc_dns_permitted": _nc("permitted", "DNS name", "DNS:localhost", "localhost", True),
       "nc_dns_permitted_other": _nc("permitted", "DNS name", "DNS:example.test", "example.test", False),
       "nc_dns_excluded": _nc("excluded", "DNS name", "DNS:localhost", "localhost", True),
       "nc_ip_permitted": _nc("permitted", "IP address", "IP:127.0.0.0/255.0.0.0", "127.0.0.0/8", True),
       "nc_ip_permitted_other": _nc("permitted", "IP address", "IP:10.0.0.0/255.0.0.0", "10.0.0.0/8", False),
       "nc_ip_excluded": _nc("excluded", "IP address", "IP:127.0.0.0/255.0.0.0", "127.0.0.0/8", True)}


def _go_cases():
    cases = {}
    for name, (value, go) in _NC.items():
        cases[name] = GoCase(go, inter={"nameConstraints": "critical," + value})
        cases[name + "_noncritical"] = GoCase(go, inter={"nameConstraints": value})
    cases["nc_root_dns_excluded"] = GoCase(_NC["nc_dns_excluded"][1],
                                           root={"nameConstraints": "critical," + _NC["nc_dns_excluded"][0]})
    for where, role in (("leaf", "leaf"), ("inter", "intermediate")):
        for eku, go in (("serverAuth", None), ("clientAuth", EKU_REFUSED), ("codeSigning", EKU_REFUSED),
                        ("anyExtendedKeyUsage", None), (None, None)):
            cases["eku_%s_%s" % (role, eku or "none")] = GoCase(go, **{where: {"extendedKeyUsage": eku}})
    cases.update({
        "ku_intermediate_no_certsign": GoCase(CANNOT_SIGN % "%(intermediate)s",
                                              inter={"keyUsage": "critical,digitalSignature,cRLSign"}),
        "ku_root_no_certsign": GoCase(CANNOT_SIGN % "%(root)s", root={"keyUsage": "critical,digitalSignature"}),
        "ku_intermediate_none": GoCase(None, inter={"keyUsage": None}),
        "ku_leaf_keyencipherment_rsa": GoCase(None, leaf={"keyUsage": "critical,keyEncipherment"},
                                              leaf_kind="rsa"),
        "ku_leaf_keyencipherment_ec": GoCase(None, leaf={"keyUsage": "critical,keyEncipherment"}),
        "cn_only": GoCase({"localhost": LEGACY_CN, "127.0.0.1": "x509: cannot validate certificate for "
                           "127.0.0.1 because it doesn't contain any IP SANs"}, leaf={"subjectAltName": None}),
        "cn_only_ip": GoCase({"127.0.0.1": LEGACY_CN, "localhost": "x509: certificate is not valid for any "
                              "names, but wanted to match localhost"}, leaf={"subjectAltName": None},
                             leaf_cn="127.0.0.1"),
    })
    return cases


GO_CASES = _go_cases()


def _with(defaults, changes):
    ext = dict(defaults)
    for k, v in changes.items():
        if v is None:
            ext.pop(k, None)
        else:
            ext[k] = v
    return ext


class GoChain:
    """One case as files: chain (leaf then intermediate, the server's --tls-cert),
    key (the leaf's), ca (the root to trust); certs: {"root", "intermediate",
    "leaf"} -> (path, the extensions asked for); names: the CAs' CNs. Served by
    double.Double(tls_cert=c.chain, tls_key=c.key) without ca=: OpenSSL refuses
    some of these chains too, so verified control requests would fail."""

    def __init__(self, case, chain, key, ca, certs, names):
        self.case, self.chain, self.key, self.ca, self.certs, self.names = case, chain, key, ca, certs, names

    def verdict(self, host):
        return self.case.verdict(host, self.names)


def make_go_chains(workdir, names=None, first_serial=7000):
    """The chains of GO_CASES (names: only these) in workdir: {name: GoChain}.
    Cases that keep the default root (or intermediate) share one.

    What Go's crypto/x509 (Go 1.25) does with each, as the official CLI prints it
    after "tls: failed to verify certificate: " (crypto/tls common.go,
    CertificateVerificationError); hosts localhost and 127.0.0.1 alike unless said:

    | case                          | what differs                     | Go 1.25                                    |
    |-------------------------------|----------------------------------|--------------------------------------------|
    | nc_dns_permitted              | intermediate: permitted DNS:     | accepts                                    |
    |                               | localhost                        |                                            |
    | nc_dns_permitted_other        | ... permitted DNS:example.test   | x509: a root or intermediate certificate   |
    |                               |                                  | is not authorized to sign for this name:   |
    |                               |                                  | DNS name "localhost" is not permitted by   |
    |                               |                                  | any constraint                             |
    | nc_dns_excluded               | ... excluded DNS:localhost       | ...: DNS name "localhost" is excluded by   |
    |                               |                                  | constraint "localhost"                     |
    | nc_ip_permitted               | ... permitted IP:127.0.0.0/8     | accepts                                    |
    | nc_ip_permitted_other         | ... permitted IP:10.0.0.0/8      | ...: IP address "127.0.0.1" is not         |
    |                               |                                  | permitted by any constraint                |
    | nc_ip_excluded                | ... excluded IP:127.0.0.0/8      | ...: IP address "127.0.0.1" is excluded by |
    |                               |                                  | constraint "127.0.0.0/8"                   |
    | nc_*_noncritical              | the same, extension not critical | the same as critical                       |
    | nc_root_dns_excluded          | root: excluded DNS:localhost     | as nc_dns_excluded                         |
    | eku_leaf_serverAuth           | leaf EKU serverAuth (default)    | accepts                                    |
    | eku_leaf_clientAuth           | leaf EKU clientAuth only         | x509: certificate specifies an             |
    |                               |                                  | incompatible key usage                     |
    | eku_leaf_codeSigning          | leaf EKU codeSigning only        | the same                                   |
    | eku_leaf_anyExtendedKeyUsage  | leaf EKU anyExtendedKeyUsage     | accepts                                    |
    | eku_leaf_none                 | leaf without EKU                 | accepts                                    |
    | eku_intermediate_*            | the same five on the             | the same five verdicts (EKU is checked on  |
    |                               | intermediate (leaf: serverAuth)  | every certificate that has one)            |
    | ku_intermediate_no_certsign   | intermediate keyUsage            | x509: certificate signed by unknown        |
    |                               | digitalSignature, cRLSign        | authority (possibly because of "x509:      |
    |                               |                                  | invalid signature: parent certificate      |
    |                               |                                  | cannot sign this kind of certificate"      |
    |                               |                                  | while trying to verify candidate authority |
    |                               |                                  | certificate "<intermediate's CN>")         |
    | ku_root_no_certsign           | root keyUsage digitalSignature   | the same, with the root's CN               |
    | ku_intermediate_none          | intermediate without keyUsage    | accepts                                    |
    | ku_leaf_keyencipherment_rsa   | RSA leaf, keyUsage               | accepts (ECDHE_RSA: Go never reads the     |
    |                               | keyEncipherment only             | leaf's keyUsage)                           |
    | ku_leaf_keyencipherment_ec    | the same with a P-256 leaf       | accepts                                    |
    | cn_only                       | leaf CN localhost, no SAN        | localhost: x509: certificate relies on     |
    |                               |                                  | legacy Common Name field, use SANs instead |
    |                               |                                  | 127.0.0.1: x509: cannot validate           |
    |                               |                                  | certificate for 127.0.0.1 because it       |
    |                               |                                  | doesn't contain any IP SANs                |
    | cn_only_ip                    | leaf CN 127.0.0.1, no SAN        | 127.0.0.1: the legacy Common Name text;    |
    |                               |                                  | localhost: x509: certificate is not valid  |
    |                               |                                  | for any names, but wanted to match         |
    |                               |                                  | localhost                                  |

    Where it is written (golang/go src/crypto/x509, the verify.go read is a Go 1.25
    one: checkNameConstraints with the excluded-wildcard rule and the
    reversed-label caches of the 1.25 security releases):
    - verify.go Verify: isValid on the leaf, then VerifyHostname, then buildChains,
      then checkChainForKeyUsage over each chain with KeyUsages = [ServerAuth] (a
      certificate with EKUs must list serverAuth or any; none: skipped), failing
      with CertificateInvalidError{IncompatibleUsage} when no chain is left.
    - verify.go isValid, for a root or intermediate with name constraints: every
      DNS, IP, email and URI SAN of the certificates below it, by checkNameConstraints
      ('%s %q is excluded by constraint %q', '%s %q is not permitted by any
      constraint', under CertificateInvalidError{CANotAuthorizedForThisName});
      a type with no permitted subtree is unconstrained; criticality plays no part.
      The error of a candidate that fails isValid is the one Verify returns.
    - x509.go CheckSignatureFrom: a parent with keyUsage but no keyCertSign gives
      ConstraintViolationError ("x509: invalid signature: parent certificate cannot
      sign this kind of certificate"), which buildChains keeps as the hint of its
      UnknownAuthorityError (verify.go, "... (possibly because of %q while trying to
      verify candidate authority certificate %q)", with the candidate's CN).
    - verify.go isValid: "KeyUsage status flags are ignored" otherwise (the leaf's
      keyUsage is never read; crypto/tls does not read it either).
    - verify.go VerifyHostname ignores the Common Name; HostnameError.Error words
      a CN that would have matched as "relies on legacy Common Name field", an IP
      host without IP SANs as "cannot validate certificate for ... because it
      doesn't contain any IP SANs", no names at all as "is not valid for any names,
      but wanted to match ..."."""
    pki = Pki(workdir, first_serial)
    out, shared = {}, {}

    def ca(role, case_name, changes, issuer):
        """(file name, extensions, CN) of the case's root or intermediate."""
        defaults, cn = (GO_ROOT_EXT, GO_ROOT_CN) if role == "root" else (GO_INTER_EXT, GO_INTER_CN)
        default = not changes and issuer in (None, "go_root")
        if default and role in shared:
            return shared[role]
        name = "go_" + role if default else "%s.%s" % (case_name, role)
        cn = cn if default else "%s %s" % (cn, case_name)
        ext = _with(defaults, changes)
        pki.make_cert(name, "ec", "/O=influx-lite test/CN=" + cn, ext, issuer)
        if default:
            shared[role] = (name, ext, cn)
        return name, ext, cn

    for case_name in names or GO_CASES:
        case = GO_CASES[case_name]
        root = ca("root", case_name, case.root, None)
        inter = ca("intermediate", case_name, case.inter, root[0])
        leaf_name, leaf_ext = case_name + ".leaf", _with(GO_LEAF_EXT, case.leaf)
        pki.make_cert(leaf_name, case.leaf_kind, "/CN=" + case.leaf_cn, leaf_ext, inter[0])
        chain = pki.path(case_name + ".crt")
        with open(chain, "w") as f:
            for part in (leaf_name, inter[0]):
                with open(pki.path(part + ".crt")) as c:
                    f.write(c.read())
        certs = {"root": (pki.path(root[0] + ".crt"), root[1]), "intermediate": (pki.path(inter[0] + ".crt"), inter[1]),
                 "leaf": (pki.path(leaf_name + ".crt"), leaf_ext)}
        out[case_name] = GoChain(case, chain, pki.path(leaf_name + ".key"), certs["root"][0], certs,
                                 {"root": root[2], "intermediate": inter[2]})
    return out
