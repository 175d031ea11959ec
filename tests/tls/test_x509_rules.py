#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The TLS port's certificate rules on DER, without TLS (build/tests/x509_rules,
plain and ASan + UBSan): each chain of tests/lib/pki.py's make_go_chains(), for
both host names, gets Go 1.25's verdict in the CLI's words, and so do the edge
cases below, each made with the openssl CLI and its verdict read from Go's source
(golang/go src/crypto/x509: verify.go VerifyHostname, HostnameError.Error,
isValid, checkNameConstraints, matchDomainConstraint with the 1.25 security
releases' excluded-wildcard rule, matchIPConstraint; parser.go
parseNameConstraintsExtension, isValidIPMask; crypto/tls handshake_client.go for
the "tls: failed to ..." prefixes)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import pki  # noqa: E402
import suite  # noqa: E402

BINS = (suite.build_path("tests", "x509_rules"), suite.build_path("asan", "tests", "x509_rules"))
TMP = suite.tmpdir("il-x509-rules-")
VERIFY = "tls: failed to verify certificate: "
PARSE = "tls: failed to parse certificate from server: x509: "
NAME_REFUSED = VERIFY + pki.NAME_REFUSED
CHAINS, EDGE = {}, {}
SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:exitcode=86", "UBSAN_OPTIONS": "halt_on_error=1:exitcode=87"}


def der(path):
    out = path + ".der"
    subprocess.run(["openssl", "x509", "-in", path, "-outform", "DER", "-out", out], check=True)
    return out


def verdict(binary, host, roots, *certs):
    """(status name, the CLI's cause) for a chain (leaf first, PEM files)."""
    r = subprocess.run([binary, host, roots] + [der(c) for c in certs], capture_output=True, text=True,
                       timeout=30, env=dict(os.environ, **SAN_ENV))
    if r.returncode != 0 or r.stderr:
        raise AssertionError("%s exited %d: %s" % (binary, r.returncode, r.stderr.strip()))
    status, text = r.stdout.split("\n")[:2]
    return status, text


# Edge cases: name -> (root changes, intermediate changes, leaf changes, {host: Go's cause or None}).
# A leaf's subjectAltName here lists localhost first, so Go reaches the name the case is about.
DIR_NC = "permitted;dirName:dir_sect\n[dir_sect]\nO=influx-lite test"     # a section after the last line
EDGE_CASES = {
    # matchDomainConstraint: an excluded "foo.example.test" also excludes "*.example.test"
    "wildcard_excluded": ({}, {"nameConstraints": "critical,excluded;DNS:foo.example.test"},
                          {"subjectAltName": "DNS:localhost,DNS:*.example.test"},
                          {"localhost": NAME_REFUSED + 'DNS name "*.example.test" is excluded by constraint '
                                                       '"foo.example.test"'}),
    # a leading dot asks for at least one more label
    "leading_dot_permitted": ({}, {"nameConstraints": "permitted;DNS:.example.test"},
                              {"subjectAltName": "DNS:a.example.test,DNS:example.test"},
                              {"a.example.test": NAME_REFUSED + 'DNS name "example.test" is not permitted by any '
                                                                'constraint'}),
    "leading_dot_accepts_below": ({}, {"nameConstraints": "permitted;DNS:.example.test"},
                                  {"subjectAltName": "DNS:a.example.test,DNS:b.a.example.test"},
                                  {"b.a.example.test": None}),
    # IPv6 names and subtrees, as net.IP.String() and net.IPNet.String() print them
    "ipv6_excluded": ({}, {"nameConstraints": "excluded;IP:2001:db8::/ffff:ffff::"},
                      {"subjectAltName": "IP:2001:db8::1"},
                      {"2001:db8::1": NAME_REFUSED + 'IP address "2001:db8::1" is excluded by constraint '
                                                     '"2001:db8::/32"'}),
    # a name form Go does not handle, in a critical extension: unhandled; not critical: ignored
    "dirname_critical": ({}, {"nameConstraints": "critical," + DIR_NC}, {},
                         {"localhost": VERIFY + "x509: unhandled critical extension"}),
    "dirname_noncritical": ({}, {"nameConstraints": DIR_NC}, {}, {"localhost": None}),
    # isValidIPMask: ones, then zeros
    "ip_mask_invalid": ({}, {"nameConstraints": "excluded;IP:10.0.0.0/255.0.255.0"}, {},
                        {"localhost": PARSE + "IP constraint contained invalid mask ff00ff00"}),
    # HostnameError lists the names of the host's kind
    "valid_for_dns_list": ({}, {}, {"subjectAltName": "DNS:a.test,DNS:b.test,IP:10.1.1.1,IP:::1"},
                           {"c.test": VERIFY + "x509: certificate is valid for a.test, b.test, not c.test",
                            "127.0.0.1": VERIFY + "x509: certificate is valid for 10.1.1.1, ::1, not 127.0.0.1"}),
    # a dNSName that does not parse, under a CA with name constraints
    "bad_dns_name": ({}, {"nameConstraints": "excluded;DNS:example.test"},
                     {"subjectAltName": "DNS:localhost,DNS:a..b"},
                     {"localhost": VERIFY + 'x509: cannot parse dnsName "a..b"'}),
    # more than Go's 250,000 comparisons: CertificateInvalidError{TooManyConstraints}, which Go words so
    "too_many_constraints": ({}, {"nameConstraints": ",".join("excluded;DNS:x%d.test" % i for i in range(500))},
                             {"subjectAltName": ",".join(["DNS:localhost"] + ["DNS:n%d.test" % i for i in range(500)])},
                             {"localhost": VERIFY + "x509: unknown error"}),
    # influx-lite's own refusal (README, deliberate differences): an email name under email constraints
    "email_unchecked": ({}, {"nameConstraints": "permitted;email:example.test"},
                        {"subjectAltName": "DNS:localhost,email:a@example.test"},
                        {"localhost": VERIFY + 'x509: influx-lite cannot check the email address "a@example.test" '
                                               'against the name constraints of a root or intermediate certificate'}),
    # UnknownAuthorityError names a candidate without CN or O by its serial, in decimal
    "hint_by_serial": ({}, {"keyUsage": "critical,digitalSignature"}, {}, {"localhost": "serial"}),
}


def make_edge(name, root, inter, leaf):
    p = pki.Pki(TMP, 9000 + 10 * len(EDGE))
    rname, iname, lname = "edge_%s.root" % name, "edge_%s.inter" % name, "edge_%s.leaf" % name
    p.make_cert(rname, "ec", "/O=influx-lite test/CN=edge root " + name, pki._with(pki.GO_ROOT_EXT, root))
    subject = "/OU=no name" if name == "hint_by_serial" else "/O=influx-lite test/CN=edge inter " + name
    p.make_cert(iname, "ec", subject, pki._with(pki.GO_INTER_EXT, inter), rname)
    p.make_cert(lname, "ec", "/CN=localhost", pki._with(pki.GO_LEAF_EXT, leaf), iname)
    serial = subprocess.run(["openssl", "x509", "-in", p.path(iname + ".crt"), "-noout", "-serial"],
                            capture_output=True, text=True, check=True).stdout.strip().split("=")[1]
    return [p.path(rname + ".crt"), p.path(lname + ".crt"), p.path(iname + ".crt")], int(serial, 16)


def setup():
    CHAINS.update(pki.make_go_chains(TMP))
    for name, (root, inter, leaf, go) in EDGE_CASES.items():
        files, serial = make_edge(name, root, inter, leaf)
        EDGE[name] = (files, serial, go)


def expected_cause(go):
    return "accepted" if go is None else VERIFY + go


def test_go_chains_both_hosts():
    bad = []
    for binary in BINS:
        for case, chain in CHAINS.items():
            certs = chain.certs
            for host in ("localhost", "127.0.0.1"):
                _, text = verdict(binary, host, chain.ca, certs["leaf"][0], certs["intermediate"][0])
                if text != expected_cause(chain.verdict(host)):
                    bad.append("%s %s %s: %s" % (os.path.basename(binary), case, host, text))
    check.eq(bad, [], "chains whose verdict differs from Go's")


def test_edge_cases():
    bad = []
    for binary in BINS:
        for name, ((root, leaf, inter), serial, go) in EDGE.items():
            for host, want in go.items():
                if want == "serial":
                    want = (VERIFY + pki.CANNOT_SIGN % ("serial:%d" % serial))
                _, text = verdict(binary, host, root, leaf, inter)
                if text != (want or "accepted"):
                    bad.append("%s %s %s: %s (want %s)" % (os.path.basename(binary), name, host, text, want))
    check.eq(bad, [], "edge cases whose verdict differs from Go's")


def test_statuses_name_the_rule():
    """Host names, unknown authorities and the rest have their statuses (the CLI's exit code is 2 for all;
    il_tls_cert_error's reason tells the rest apart)."""
    want = {"nc_dns_excluded": "IL_ERR_TLS_CERT", "eku_intermediate_clientAuth": "IL_ERR_TLS_CERT",
            "ku_root_no_certsign": "IL_ERR_TLS_CA", "cn_only": "IL_ERR_TLS_NAME", "ku_leaf_keyencipherment_ec": "IL_OK"}
    got = {}
    for case in want:
        chain = CHAINS[case]
        got[case] = verdict(BINS[0], "localhost", chain.ca, chain.certs["leaf"][0],
                            chain.certs["intermediate"][0])[0]
    check.eq(got, want, "statuses")


def main():
    suite.require(*BINS)
    suite.setup("x509_rules_setup", setup)
    check.run([test_go_chains_both_hosts, test_edge_cases, test_statuses_name_the_rule])


if __name__ == "__main__":
    main()
