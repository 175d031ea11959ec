#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks of tests/lib/pki.py's chains for Go's certificate rules (make_go_chains):
each certificate has exactly the extensions its case asks for, as `openssl x509
-text` shows them (name, criticality, values), each is signed by the CA before it
in its chain, the chain file is the leaf then the intermediate, and every chain
Go accepts also verifies with `openssl verify` (so a refusal comes from the rule
the case is about, not from a broken chain)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check  # noqa: E402
import pki  # noqa: E402
import suite  # noqa: E402

TMP = suite.tmpdir("il-pki-test-")
EXT_TITLES = {"basicConstraints": "X509v3 Basic Constraints", "keyUsage": "X509v3 Key Usage",
              "extendedKeyUsage": "X509v3 Extended Key Usage", "subjectAltName": "X509v3 Subject Alternative Name",
              "nameConstraints": "X509v3 Name Constraints", "subjectKeyIdentifier": "X509v3 Subject Key Identifier",
              "authorityKeyIdentifier": "X509v3 Authority Key Identifier"}
SHOWN = {"serverAuth": "TLS Web Server Authentication", "clientAuth": "TLS Web Client Authentication",
         "codeSigning": "Code Signing", "anyExtendedKeyUsage": "Any Extended Key Usage",
         "digitalSignature": "Digital Signature", "keyEncipherment": "Key Encipherment",
         "keyCertSign": "Certificate Sign", "cRLSign": "CRL Sign"}
CHAINS = {}


def openssl(*args):
    return subprocess.run(["openssl"] + list(args), capture_output=True, text=True, timeout=30)


def extensions_shown(text):
    """{title: (critical, [value lines])} of the extensions `openssl x509 -text` shows."""
    out, title, inside = {}, None, False
    for line in text.splitlines():
        if line.strip() == "X509v3 extensions:":
            inside = True
        elif inside and line.startswith(" " * 16):
            out[title][1].append(line.strip())
        elif inside and line.startswith(" " * 12):
            title, _, flag = line.strip().partition(":")
            out[title] = (flag.strip() == "critical", [])
        elif inside:
            break
    return out


def extension_expected(name, value):
    """(title, critical, value lines or None when not compared) for one extension asked for."""
    critical = value.startswith("critical,")
    value = value[len("critical,"):] if critical else value
    lines = None
    if name == "basicConstraints":
        lines = [value]
    elif name in ("keyUsage", "extendedKeyUsage"):
        lines = [", ".join(SHOWN[v] for v in value.split(","))]
    elif name == "subjectAltName":
        lines = [", ".join(v.replace("IP:", "IP Address:") for v in value.split(","))]
    elif name == "nameConstraints":
        lines = []
        for kind in ("permitted", "excluded"):
            subtrees = [v.split(";", 1)[1] for v in value.split(",") if v.startswith(kind + ";")]
            lines += [kind.capitalize() + ":"] + subtrees if subtrees else []
    return EXT_TITLES[name], critical, lines


def setup():
    CHAINS.update(pki.make_go_chains(TMP))
    check.eq(sorted(CHAINS), sorted(pki.GO_CASES), "every case made")


def test_extensions_as_asked():
    bad = []
    for case, chain in CHAINS.items():
        for role, (path, ext) in chain.certs.items():
            r = openssl("x509", "-in", path, "-noout", "-text")
            shown = extensions_shown(r.stdout)
            want = [extension_expected(k, v) for k, v in ext.items()]
            titles = sorted(t for t, _, _ in want)
            if sorted(shown) != titles:
                bad.append("%s %s: extensions %s, asked %s" % (case, role, sorted(shown), titles))
                continue
            for title, critical, lines in want:
                got = shown[title]
                if got[0] != critical or (lines is not None and got[1] != lines):
                    bad.append("%s %s %s: %r, asked %r" % (case, role, title, got, (critical, lines)))
    check.eq(bad, [], "certificates whose extensions differ from their case")


def test_subjects_and_chain_files():
    bad = []
    for case, chain in CHAINS.items():
        names = {}
        for role, (path, _) in chain.certs.items():
            r = openssl("x509", "-in", path, "-noout", "-subject", "-issuer", "-nameopt", "RFC2253")
            names[role] = dict(line.split("=", 1) for line in r.stdout.splitlines())
        for child, parent in (("leaf", "intermediate"), ("intermediate", "root"), ("root", "root")):
            if names[child]["issuer"] != names[parent]["subject"]:
                bad.append("%s: %s issued by %r, not by the %s" % (case, child, names[child]["issuer"], parent))
        with open(chain.chain) as f:
            text = f.read()
        parts = "".join(open(chain.certs[role][0]).read() for role in ("leaf", "intermediate"))
        if text != parts:
            bad.append("%s: the chain file is not the leaf then the intermediate" % case)
        if "CN=" + pki.GO_CASES[case].leaf_cn not in names["leaf"]["subject"]:
            bad.append("%s: leaf subject %r" % (case, names["leaf"]["subject"]))
    check.eq(bad, [], "chains")


def test_accepted_chains_verify():
    bad = []
    for case, chain in CHAINS.items():
        if chain.verdict("localhost") is None or chain.verdict("127.0.0.1") is None:
            r = openssl("verify", "-CAfile", chain.ca, "-untrusted", chain.certs["intermediate"][0],
                        chain.certs["leaf"][0])
            if r.returncode != 0:
                bad.append("%s: %s" % (case, (r.stdout + r.stderr).strip().replace("\n", " | ")))
    check.eq(bad, [], "chains Go accepts that openssl verify refuses")


def test_verdicts_name_the_cas():
    """The texts with a CA's name get the name of the CA the case made."""
    for case, role in (("ku_intermediate_no_certsign", "intermediate"), ("ku_root_no_certsign", "root")):
        check.eq('certificate "%s")' % CHAINS[case].names[role] in CHAINS[case].verdict("localhost"), True, case)
        check.eq(CHAINS[case].names[role].endswith(case), True, "%s: its own %s" % (case, role))


def main():
    suite.setup("pki_setup", setup)
    check.run([test_extensions_as_asked, test_subjects_and_chain_files, test_accepted_chains_verify,
               test_verdicts_name_the_cas])


if __name__ == "__main__":
    main()
