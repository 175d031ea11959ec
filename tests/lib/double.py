# SPDX-License-Identifier: Apache-2.0
"""The one way the suites run the influxd double (tests/server/influxd_double.py):
on a free loopback port, over TLS when given a certificate, waited for until it
listens, driven through its control API (reset, faults, log, state) and stopped
at the end, also when a test fails (tests/lib/suite.py's clean-ups).

    with double.Double() as d:                       # or d = double.Double()
        d.reset([{"mode": "no_answer"}])
        run(["auth", "inactive", "--host", d.url, ...])
        d.log(), d.state("authorizations", ID)

wrap runs the double inside a command prefix (["ip", "netns", "exec", NS]); its
control requests then go through the same prefix (`python3 double.py ctl ...`),
since the double is reachable only from there.
The shell suites use tests/lib/double.sh, which speaks the same control API."""
import json
import os
import ssl
import subprocess
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import servers  # noqa: E402
import suite  # noqa: E402

DOUBLE_PY = os.path.join(suite.ROOT, "tests", "server", "influxd_double.py")


def control(url, method, path, obj=None, cafile=None, timeout=10):
    """One control request: (HTTP status, decoded JSON body or None)."""
    data = json.dumps(obj).encode() if obj is not None else None
    req = urllib.request.Request(url + path, data=data, method=method)
    ctx = None
    if url.startswith("https:"):
        ctx = ssl.create_default_context(cafile=cafile) if cafile else ssl._create_unverified_context()
    try:
        with urllib.request.urlopen(req, timeout=timeout, context=ctx) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        e.close()
        return e.code, None


class Double(servers.Program):
    """tls_cert/tls_key: serve HTTPS (ca: the CA file control requests verify
    against; unverified without). extra: more influxd_double.py flags
    (--version 2.9, --tls-min-version 1.3, --tls-strict-ciphers, ...).
    wait=False: start now, wait() later (to start several at once)."""

    def __init__(self, tls_cert=None, tls_key=None, ca=None, host=None, max_seconds=300, extra=(), wrap=(),
                 wait=True):
        argv = [sys.executable, "-S", DOUBLE_PY, "--port", "0", "--max-seconds", str(max_seconds)]
        if host is not None:
            argv += ["--host", host]
        if tls_cert is not None:
            argv += ["--tls-cert", tls_cert, "--tls-key", tls_key]
        self.tls, self.ca, self.wrap = tls_cert is not None, ca, list(wrap)
        super().__init__(argv + list(extra), wrap=wrap, name="double", wait=wait)

    @property
    def url(self):
        return "%s://127.0.0.1:%d" % ("https" if self.tls else "http", self.port)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()

    def ctl(self, method, path, obj=None):
        """(status, JSON body or None) of a control request."""
        if not self.wrap:
            return control(self.url, method, path, obj, self.ca)
        argv = self.wrap + [sys.executable, os.path.abspath(__file__), "ctl", self.url, method, path,
                            json.dumps(obj), self.ca or ""]
        out = subprocess.run(argv, check=True, capture_output=True, timeout=30).stdout
        status, body = json.loads(out)
        return status, body

    def fault(self, *faults):
        for f in faults:
            status, _ = self.ctl("POST", "/_double/fault", f)
            if status != 200:
                raise RuntimeError("fault %r refused by the double (%d)" % (f, status))

    def reset(self, faults=()):
        """Seed state, no faults, empty log; then queue faults in order."""
        self.ctl("POST", "/_double/reset")
        self.fault(*faults)

    def log(self):
        return self.ctl("GET", "/_double/log")[1] or []

    def state(self, table, ident):
        """The stored record (a dict), or None when there is none."""
        status, rec = self.ctl("GET", "/_double/state/%s/%s" % (table, ident))
        return rec if status == 200 else None

    def set_state(self, table, ident, fields):
        return self.ctl("POST", "/_double/state/%s/%s" % (table, ident), fields)


if __name__ == "__main__" and sys.argv[1:2] == ["ctl"]:
    # double.py ctl URL METHOD PATH JSON-BODY CAFILE: one control request, run
    # where the double is reachable (Double.ctl with wrap)
    url, method, path, body, cafile = sys.argv[2:7]
    print(json.dumps(control(url, method, path, json.loads(body), cafile or None)))
