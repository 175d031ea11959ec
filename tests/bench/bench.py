#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`make bench`: influx-lite against curl, measured on this machine, printed as
one markdown table (also written to build/bench/bench.md and, with the
machine and the command, to build/bench/README-section.md).

    bench.py [--runs 101] [--batch 1000] [--callgrind-runs 3] [--batch-runs 3]
             [--key rsa|ec] [--no-size]

Everything runs on 127.0.0.1 against tests/bench/fastd.py (an asyncio
answering server: GET gives the record, PATCH always answers "inactive", so
no re-activation is needed between runs), plain HTTP and HTTPS (a fresh test
CA and leaf, made with the openssl CLI in a temp dir). The server is always
stopped at the end.

Per figure: the median over --runs runs, the clients interleaved run by run,
each ratio taken from the medians of the same bench run. Wall, CPU
(user+sys) and peak RSS of each run come from wait4()'s rusage (what
/usr/bin/time -f '%M %U %S %e' prints, at microsecond resolution; one
/usr/bin/time run per client is shown as a cross-check: it forks, so its
figure includes a copy of its own memory). build/bench/runone spawns each
client (posix_spawn: the child shares the small static launcher's memory
until exec), so a figure is the client's own: exec, run, exit. Heap calls: valgrind
memcheck's "total heap usage" and build/cli/influx-lite-nomalloc (calls from
project code and mbedTLS, -Wl,--wrap). Instructions: valgrind callgrind.
Sizes: stripped binaries. Firmware: `make size`. TLS pool peak:
build/bench/influx-lite-poolpeak (the CLI plus tests/bench/pool_peak.c).
Batch (`auth inactive --ids-from FILE`): tokens per second for --batch IDs
created beforehand through POST /api/v2/authorizations, one influx-lite run vs
as many separate curl runs.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import suite  # noqa: E402

ROOT, BUILD = suite.ROOT, suite.BUILD
IL = os.path.join(BUILD, "influx-lite")
IL_STATIC = os.path.join(BUILD, "influx-lite-static")
IL_NOMALLOC = os.path.join(BUILD, "cli", "influx-lite-nomalloc")
IL_POOLPEAK = os.path.join(BUILD, "bench", "influx-lite-poolpeak")
RUNONE = os.path.join(BUILD, "bench", "runone")
CURL = shutil.which("curl") or "/usr/bin/curl"
SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"
TRUE = shutil.which("true") or "/bin/true"
EMPTY_STATIC = os.path.join(BUILD, "bench", "empty-static")   # tests/bench/empty.c, musl -static
MINIMAL_STATIC = os.path.join(BUILD, "bench", "minimal-static")   # tests/bench/minimal.c: HTTP only
OP_TOKEN = "op-token-for-tests"
AUTH_ID = "06c86c40a9f36000"
PATCH_BODY = '{"status":"inactive"}'

TMP = suite.tmpdir("il-bench-")
SERVER = []


T_START = time.time()


def log(msg):
    print("# [%3.0f s] %s" % (time.time() - T_START, msg), file=sys.stderr, flush=True)


# ---- setup ----------------------------------------------------------------

def sh(*args):
    subprocess.run(args, check=True, cwd=TMP, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def make_certs(kind):
    def genkey(name):
        if kind == "rsa":
            sh("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", name + ".key")
        else:
            sh("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", name + ".key")
    genkey("ca")
    sh("openssl", "req", "-x509", "-new", "-key", "ca.key", "-subj", "/O=influx-lite bench/CN=bench CA",
       "-days", "2", "-sha256", "-out", "ca.crt",
       "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    genkey("leaf")
    sh("openssl", "req", "-new", "-key", "leaf.key", "-subj", "/CN=localhost", "-out", "leaf.csr")
    with open(os.path.join(TMP, "leaf.ext"), "w") as f:
        f.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n")
    sh("openssl", "x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-set_serial", "4242",
       "-days", "2", "-sha256", "-extfile", "leaf.ext", "-out", "leaf.crt")


def start_server():
    pf = os.path.join(TMP, "ports")
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "bench", "fastd.py"), "--port-file", pf,
                             "--tls-cert", os.path.join(TMP, "leaf.crt"), "--tls-key", os.path.join(TMP, "leaf.key"),
                             "--max-seconds", "900"],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(TMP, "fastd.log"), "w"))
    SERVER.append(proc)
    for _ in range(400):
        if os.path.exists(pf):
            break
        if proc.poll() is not None:
            raise SystemExit("fastd exited: " + open(os.path.join(TMP, "fastd.log")).read())
        time.sleep(0.025)
    with open(pf) as f:
        http_port, https_port = (int(x) for x in f.read().split())
    return http_port, https_port


def stop_server():
    for proc in SERVER:
        suite.stop_process(proc)
        log("fastd (pid %d) stopped" % proc.pid)
    SERVER.clear()


# ---- commands ---------------------------------------------------------------

class Cmds:
    def __init__(self, http_port, https_port):
        self.http_port = http_port
        self.url = {"http": "http://127.0.0.1:%d" % http_port, "https": "https://127.0.0.1:%d" % https_port}
        self.url["https-bundle"] = self.url["https"]
        self.ca = os.path.join(TMP, "ca.crt")
        # "https-bundle": trust anchors from the system's CA bundle with the
        # bench CA appended (the usual setup: no CA file of one's own)
        self.bundle = os.path.join(TMP, "bundle.crt")
        with open(self.bundle, "w") as out:
            if os.path.exists(SYSTEM_BUNDLE):
                out.write(open(SYSTEM_BUNDLE).read())
            out.write(open(self.ca).read())
        self.bundle_certs = open(self.bundle).read().count("BEGIN CERTIFICATE")
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": TMP, "LANG": "C",
                    "INFLUX_CONFIGS_PATH": os.path.join(TMP, "no-configs"), "SSL_CERT_FILE": self.ca}

    def il(self, binary, proto, auth_id=AUTH_ID):
        extra = ["--ca-cert", self.bundle] if proto == "https-bundle" else []
        return [binary, "auth", "inactive", "--host", self.url[proto], "-t", OP_TOKEN, "--id", auth_id] + extra

    def curl_patch(self, proto, auth_id=AUTH_ID):
        c = [CURL, "-s", "-X", "PATCH", "-H", "Authorization: Token " + OP_TOKEN,
             "-H", "Content-Type: application/json", "--data", PATCH_BODY]
        if proto != "http":
            c += ["--cacert", self.ca if proto == "https" else self.bundle]
        return c + [self.url[proto] + "/api/v2/authorizations/" + auth_id]

    def curl_get_patch(self, proto, auth_id=AUTH_ID):
        g = [CURL, "-s", "-H", "Authorization: Token " + OP_TOKEN]
        if proto != "http":
            g += ["--cacert", self.ca if proto == "https" else self.bundle]
        g += [self.url[proto] + "/api/v2/authorizations/" + auth_id, "--next"]
        return g + self.curl_patch(proto, auth_id)[1:]


def run_once(argv, env, stdout_path=os.devnull):
    """Run argv through build/bench/runone (posix_spawn, wait4):
    (exit status, wall s, cpu s, maxrss KiB, minor page faults)."""
    r = subprocess.run([RUNONE, stdout_path] + argv, env=env, stdout=subprocess.PIPE, check=True)
    rc, wall, cpu, rss, flt = (int(x) for x in r.stdout.split())
    return rc, wall / 1e6, cpu / 1e6, rss, flt


def capture(argv, env, timeout=300):
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, errors="replace")


def fastd_tls(cmds):
    """fastd's counts of what the TLS handshakes so far took (GET /_fastd/tls)."""
    conn = http.client.HTTPConnection("127.0.0.1", cmds.http_port, timeout=10)
    conn.request("GET", "/_fastd/tls")
    counts = json.loads(conn.getresponse().read())
    conn.close()
    return counts


def tls_taken(before, after):
    """What the handshakes between two fastd_tls() counts took, e.g.
    'TLSv1.3 TLS_AES_128_GCM_SHA256, P-256 (after a HelloRetryRequest)'."""
    def new(key):
        return sorted(k for k, v in after[key].items() if v > before[key].get(k, 0))
    text = "; ".join(new("connections")) or "no TLS connection"
    if new("groups"):
        text += ", " + "/".join(new("groups"))
    if after["hello_retry_requests"] > before["hello_retry_requests"]:
        text += " (after a HelloRetryRequest)"
    return text


# ---- measurements -------------------------------------------------------------

def timing(cmds, runs):
    clients = {"il": lambda p: cmds.il(IL, p), "static": lambda p: cmds.il(IL_STATIC, p),
               "curl": cmds.curl_patch, "curl2": cmds.curl_get_patch, "true": lambda p: [TRUE],
               "empty": lambda p: [EMPTY_STATIC],
               "minimal": lambda p: [MINIMAL_STATIC, str(cmds.http_port), OP_TOKEN, AUTH_ID] if p == "http" else None}
    res = {}
    for proto in ("http", "https", "https-bundle"):
        # each client once, output checked: the server must have said inactive
        for name, mk in clients.items():
            if mk(proto) is None:
                continue
            out = os.path.join(TMP, "out")
            before = fastd_tls(cmds) if proto == "https" else None
            rc = run_once(mk(proto), cmds.env, out)[0]
            if before is not None and name not in ("true", "empty"):
                res[("tls", name)] = tls_taken(before, fastd_tls(cmds))
            text = open(out, errors="replace").read()
            ok = rc == 0 and (True if name in ("true", "empty") else
                              AUTH_ID in text if name in ("il", "static") else '"status": "inactive"' in text)
            if not ok:
                raise SystemExit("bench: %s over %s failed (exit %d): %s" % (name, proto, rc, text[:300]))
        samples = {n: [] for n in clients if clients[n](proto) is not None}
        for _ in range(runs):
            for name, mk in clients.items():
                if name not in samples:
                    continue
                rc, wall, cpu, rss, flt = run_once(mk(proto), cmds.env)
                if rc != 0:
                    raise SystemExit("bench: %s over %s exited %d" % (name, proto, rc))
                samples[name].append((wall, cpu, rss, flt))
        for name, s in samples.items():
            res[(proto, name)] = tuple(statistics.median(x[i] for x in s) for i in range(4))
    return res


def time_crosscheck(cmds):
    """One /usr/bin/time -f '%M %U %S %e' run per client over HTTP."""
    out = {}
    if not os.path.exists("/usr/bin/time"):
        return out
    for name, argv in (("il", cmds.il(IL, "http")), ("static", cmds.il(IL_STATIC, "http")),
                       ("curl", cmds.curl_patch("http"))):
        r = capture(["/usr/bin/time", "-f", "%M %U %S %e"] + argv, cmds.env)
        last = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ""
        out[name] = last.split()[0] if last else "?"
    return out


def heap_valgrind(cmds):
    """memcheck's "total heap usage" line; for influx-lite also where the
    allocations come from (--xtree-memory): glibc's getaddrinfo, glibc's
    tzset (reading /etc/localtime under the time functions mbedTLS's
    certificate date check calls), anything else."""
    res = {}
    for proto in ("http", "https"):
        for name, argv in (("il", cmds.il(IL, proto)), ("curl", cmds.curl_patch(proto))):
            xt = os.path.join(TMP, "xt.kcg")
            extra = ["--xtree-memory=full", "--xtree-memory-file=" + xt] if name == "il" else []
            r = capture(["valgrind", "--tool=memcheck"] + extra + argv, cmds.env)
            m = re.search(r"total heap usage: ([\d,]+) allocs, ([\d,]+) frees, ([\d,]+) bytes", r.stderr)
            if not m:
                res[(proto, name)] = None
                continue
            allocs, nbytes = int(m.group(1).replace(",", "")), int(m.group(3).replace(",", ""))
            where = {}
            if extra:
                a = capture(["callgrind_annotate", "--inclusive=yes", "--auto=no", xt], cmds.env)
                for line in a.stdout.splitlines():
                    # curB curBk totB totBk ... file:function; totBk = allocations under it
                    f = re.match(r"\s*[\d,]+\s+[\d,]+\s+([\d,]+)(?:\s+\([\d. ]+%\))?\s+([\d,]+)", line)
                    fn = line.rsplit(":", 1)[-1].strip() if ":" in line else ""
                    if f and fn in ("getaddrinfo", "tzset_internal"):
                        where[fn] = int(f.group(2).replace(",", ""))
            res[(proto, name)] = (allocs, nbytes, where)
    return res


def heap_nomalloc(cmds):
    res = {}
    if not os.access(IL_NOMALLOC, os.X_OK):
        return res
    for proto in ("http", "https"):
        f = os.path.join(TMP, "count")
        if os.path.exists(f):
            os.remove(f)
        env = dict(cmds.env, IL_MALLOC_COUNT_FILE=f)
        rc = run_once(cmds.il(IL_NOMALLOC, proto), env)[0]
        res[proto] = int(open(f).read()) if rc == 0 and os.path.exists(f) else None
    return res


def callgrind_one(argv, env, want_core):
    out = os.path.join(TMP, "cg.out")
    capture(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + out] + argv, env)
    total = None
    with open(out) as f:
        for line in f:
            if line.startswith("summary:") or line.startswith("totals:"):
                total = int(line.split()[1])
    core = ecp = None
    if want_core:
        a = capture(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out], env)
        for line in a.stdout.splitlines():
            m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+\S+:(mbedtls_ecp_mul_restartable|il_p256_mul)\s", line)
            if m:
                ecp = (ecp or 0) + int(m.group(1).replace(",", ""))
        a = capture(["callgrind_annotate", "--inclusive=no", "--threshold=100", out], env)
        core = 0
        for line in a.stdout.splitlines():
            m = re.match(r"\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(\S+):(\S+)", line)
            if m and re.search(r"(^|/)core/[^/]+\.c$", m.group(2)):
                core += int(m.group(1).replace(",", ""))
    return total, core, ecp


def callgrind(cmds, n):
    res = {}
    for proto in ("http", "https"):
        il = [callgrind_one(cmds.il(IL, proto), cmds.env, True) for _ in range(n)]
        res[(proto, "il")] = statistics.median(x[0] for x in il)
        res[(proto, "core")] = statistics.median(x[1] for x in il)
        res[(proto, "core_spread")] = (min(x[1] for x in il), max(x[1] for x in il))
        res[(proto, "ecp")] = statistics.median(x[2] or 0 for x in il)
        res[(proto, "curl")] = callgrind_one(cmds.curl_patch(proto), cmds.env, False)[0]
    return res


def pool_peak(cmds):
    if not os.access(IL_POOLPEAK, os.X_OK):
        return None
    f = os.path.join(TMP, "pool")
    rc = run_once(cmds.il(IL_POOLPEAK, "https"), dict(cmds.env, IL_POOL_PEAK_FILE=f))[0]
    if rc != 0 or not os.path.exists(f):
        return None
    peak, size = (int(x) for x in open(f).read().split())
    return peak, size


def stripped_size(path):
    dst = os.path.join(TMP, "stripped-" + os.path.basename(path))
    shutil.copy(path, dst)
    subprocess.run(["strip", dst], check=True)
    return os.path.getsize(dst)


def shared_libs(path):
    r = subprocess.run(["ldd", path], capture_output=True, text=True)
    libs = []
    for line in r.stdout.splitlines():
        m = re.search(r"=>\s*(/\S+)", line) or re.match(r"\s*(/\S+)", line)
        if m:
            libs.append(os.path.realpath(m.group(1)))
    return libs


def sizes():
    res = {"il": stripped_size(IL), "static": os.path.getsize(IL_STATIC),
           "curl": os.path.getsize(os.path.realpath(CURL))}
    libs = shared_libs(CURL)
    libcurl = [x for x in libs if "libcurl" in os.path.basename(x)]
    res["libcurl"] = os.path.getsize(libcurl[0]) if libcurl else None
    res["curl_all"] = res["curl"] + sum(os.path.getsize(x) for x in set(libs))
    res["curl_nlibs"] = len(set(libs))
    il_libs = set(shared_libs(IL))
    res["il_all"] = res["il"] + sum(os.path.getsize(x) for x in il_libs)
    res["il_nlibs"] = len(il_libs)
    return res


def fw_size():
    """Run `make size`; pick the rows of its tables (HTTP, and the https images)."""
    r = subprocess.run(["make", "--no-print-directory", "size"], cwd=ROOT, capture_output=True, text=True,
                       timeout=600)
    if r.returncode != 0:
        return None, "make size failed (exit %d): %s" % (r.returncode, (r.stderr or r.stdout).strip()[-200:])
    rows, title = [], None
    for line in r.stdout.splitlines():
        m = re.match(r"firmware,? (.*?) \(build/", line)
        if m:   # "HTTP" (the image the core's 8 KB target is for), "fw-tls", "rv-http", ...
            title = re.sub(r" \(.*", "", m.group(1))
            continue
        if title is None:
            continue
        m = re.match(r"(whole image incl\. stack|core/ \(HTTP, JSON, URL, client\)|mbedTLS [^ ]+ \(TLS[^)]*\)"
                     r"|port/mbedtls \(TLS glue, static pool\)|lwIP [^ ]+ \(.*?\))\s+(\d+)\s+(\d+)"
                     r"(?:\s+\(target <= 8192 flash: (\w+)\))?\s*$", line)
        if m:
            if m.group(4):      # the core as linked, with the 8 KB target
                rows.append((title, m.group(1), int(m.group(2)), "target " + m.group(4)))
            else:
                rows.append((title, m.group(1), int(m.group(2)), int(m.group(3))))
            continue
        m = re.match(r"(core/ all objects, -Os, before gc)\s+(\d+)\s+(\d+)\s+\((.*)\)", line)
        if m:
            rows.append((title, m.group(1), int(m.group(2)), m.group(4)))
            continue
        m = re.match(r"stack high-water \(QEMU run, rc=(\d+)\)\s+(\d+) of (\d+) bytes used", line)
        if m:
            rows.append((title, "stack high-water (QEMU run, rc=%s)" % m.group(1), None,
                         "%s of %s" % (m.group(2), m.group(3))))
            continue
        m = re.match(r"mbedTLS pool peak.*peak (\d+) of (\d+) bytes", line)
        if m:
            rows.append((title, "mbedTLS pool peak (QEMU run)", None, "%s of %s" % (m.group(1), m.group(2))))
    return rows, None


def batch_available():
    r = subprocess.run([IL, "auth", "inactive", "-h"], capture_output=True, text=True)
    return "--ids-from" in (r.stdout + r.stderr)


def create_ids(port, n):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"orgID": "0a1b2c3d4e5f6071", "description": "bench",
                       "permissions": [{"action": "read", "resource": {"type": "buckets",
                                                                       "orgID": "0a1b2c3d4e5f6071"}}]})
    ids = []
    for _ in range(n):
        conn.request("POST", "/api/v2/authorizations", body, {"Authorization": "Token " + OP_TOKEN,
                                                               "Content-Type": "application/json"})
        r = conn.getresponse()
        data = r.read()
        if r.status != 201:
            raise SystemExit("bench: creating a token failed: %d %s" % (r.status, data[:200]))
        ids.append(json.loads(data)["id"])
    conn.close()
    return ids


def batch(cmds, http_port, n, runs):
    ids = create_ids(http_port, n)
    idfile = os.path.join(TMP, "ids")
    with open(idfile, "w") as f:
        f.write("\n".join(ids) + "\n")
    res = {}
    for proto in ("http", "https"):
        argv = [IL, "auth", "inactive", "--host", cmds.url[proto], "-t", OP_TOKEN, "--ids-from", idfile]
        out = os.path.join(TMP, "batch.out")
        rc = run_once(argv, cmds.env, out)[0]
        text = open(out, errors="replace").read()
        if rc != 0:
            raise SystemExit("bench: batch over %s failed (exit %d): %s" % (proto, rc, text[:300]))
        listed = sum(1 for i in ids if i in text)
        s = [run_once(argv, cmds.env)[1:3] for _ in range(runs)]
        il_wall = statistics.median(x[0] for x in s)
        il_cpu = statistics.median(x[1] for x in s)
        # n separate curl runs, one after the other, launched by runone --ids
        r = subprocess.run([RUNONE, "--ids", idfile, os.devnull] + cmds.curl_patch(proto, "{ID}"), env=cmds.env,
                           stdout=subprocess.PIPE, check=True)
        rc, c_wall, c_cpu, _, _ = (int(x) for x in r.stdout.split())
        if rc != 0:
            raise SystemExit("bench: a curl run of the batch over %s exited %d" % (proto, rc))
        c_wall, c_cpu = c_wall / 1e6, c_cpu / 1e6
        res[proto] = (n / il_wall, il_cpu / n, n / c_wall, c_cpu / n, listed)
    return res


def machine():
    model = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    distro = ""
    try:
        for line in open("/etc/os-release"):
            if line.startswith("PRETTY_NAME="):
                distro = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {"load": " ".join(open("/proc/loadavg").read().split()[:3]), "nproc": os.cpu_count(), "cpu": model, "kernel": platform.release(), "os": distro,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "curl": subprocess.run([CURL, "--version"], capture_output=True, text=True).stdout.split("\n")[0]}


# ---- table ------------------------------------------------------------------

def ms(x):
    return "%.2f ms" % (x * 1000)


def kb(x):
    return "{:,} KiB".format(int(x))


def num(x):
    return "n/a" if x is None else "{:,}".format(int(x))


def ratio(a, b):
    return "%.1fx" % (a / b) if b else "n/a"


def build_table(a, m):
    H = ["figure", "influx-lite (dynamic)", "influx-lite-static", "curl, PATCH only",
         "curl, GET+PATCH (--next, 1 conn.)", "curl PATCH / influx-lite (dyn; static)", "target", "met"]
    rows = []

    def row(*cells):
        cells = list(cells) + ["-"] * (len(H) - len(cells))
        rows.append([str(c) for c in cells])

    t = a["timing"]
    for proto in ("http", "https", "https-bundle"):
        P = proto.upper() if proto != "https-bundle" else "HTTPS, CA from a %d-certificate bundle" % a["bundle_certs"]
        cpu_x = 15 if proto == "http" else 10      # issue 12: the static binary's CPU, HTTP 15x, HTTPS 10x
        for idx, label, fmt, target in ((0, "wall time", ms, ""),
                                        (1, "CPU time (user+sys)", ms, ">= %dx less (static)" % cpu_x),
                                        (2, "peak RSS", kb, ">= 10x less"),
                                        (3, "page faults (minor: pages first touched)", num, "")):
            il, st, c1, c2 = (t[(proto, n)][idx] for n in ("il", "static", "curl", "curl2"))
            r1, r2 = c1 / il, c1 / st
            if not target:
                met = "-"
            elif idx == 1:
                met = "yes" if r2 >= cpu_x else "no"
            else:
                met = "yes" if min(r1, r2) >= 10 else "dyn %s, static %s" % ("yes" if r1 >= 10 else "no",
                                                                            "yes" if r2 >= 10 else "no")
            row("one inactivation, %s: %s (median of %d)" % (P, label, a["runs"]), fmt(il), fmt(st), fmt(c1),
                fmt(c2), "%.1fx; %.1fx" % (r1, r2), target or "-", met)
        if proto == "https":
            row("TLS negotiated, HTTPS: version, suite, ECDHE group (as tests/bench/fastd.py saw it)",
                *(t[("tls", n)] for n in ("il", "static", "curl", "curl2")))
    for proto in ("http", "https"):
        f = t[(proto, "true")]
        row("floor: /bin/true through the same launcher, during the %s runs: wall; CPU; peak RSS; page faults"
            % proto.upper(), "%s; %s; %s; %s" % (ms(f[0]), ms(f[1]), kb(f[2]), num(f[3])))
        e = t[(proto, "empty")]
        row("floor: an empty static musl program (tests/bench/empty.c), during the %s runs: wall; CPU; peak RSS; "
            "page faults" % proto.upper(), "-", "%s; %s; %s; %s" % (ms(e[0]), ms(e[1]), kb(e[2]), num(e[3])))
        if (proto, "minimal") in t:
            e = t[(proto, "minimal")]
            row("floor: the same GET and PATCH from a minimal static program (tests/bench/minimal.c: no flags, "
                "no JSON, no redaction), during the %s runs: wall; CPU; peak RSS; page faults" % proto.upper(), "-",
                "%s; %s; %s; %s" % (ms(e[0]), ms(e[1]), kb(e[2]), num(e[3])))
    cc = a.get("time_check", {})
    if cc:
        row("cross-check: /usr/bin/time %M, HTTP, one run", kb(cc["il"]) if cc["il"].isdigit() else cc["il"],
            kb(cc["static"]) if cc["static"].isdigit() else cc["static"],
            kb(cc["curl"]) if cc["curl"].isdigit() else cc["curl"])
    hv, hn = a["heap"], a["nomalloc"]
    for proto in ("http", "https"):
        il, cu = hv.get((proto, "il")), hv.get((proto, "curl"))
        if il:
            w = il[2]
            other = il[0] - sum(w.values())
            il_txt = "%s (%s B): glibc getaddrinfo %d, glibc tzset (/etc/localtime, under mbedTLS's cert date " \
                     "check) %d, other libc %d" % (num(il[0]), num(il[1]), w.get("getaddrinfo", 0),
                                                    w.get("tzset_internal", 0), other)
        row("heap calls, one inactivation, %s (valgrind memcheck allocs, whole process)" % proto.upper(),
            il_txt if il else "n/a",
            "n/a (valgrind cannot see a static musl malloc)",
            "%s (%s B)" % (num(cu[0]), num(cu[1])) if cu else "n/a", "-",
            ratio(cu[0], il[0]) if il and cu and il[0] else "-")
        n = hn.get(proto)
        row("heap calls from project code + mbedTLS, %s (build/cli/influx-lite-nomalloc, --wrap)" % proto.upper(),
            num(n) if n is not None else "n/a (influx-lite-nomalloc missing or failed)", "same sources", "-", "-", "-",
            "0", "yes" if n == 0 else "no")
    cg = a["callgrind"]
    for proto in ("http", "https"):
        row("instructions, one inactivation, %s, whole process (callgrind, median of %d)" % (proto.upper(),
                                                                                          a["cg_runs"]),
            num(cg[(proto, "il")]), "-", num(cg[(proto, "curl")]), "-", ratio(cg[(proto, "curl")], cg[(proto, "il")]),
            *((">= 4.5x fewer", "yes" if (cg[(proto, "curl")] or 0) >= 4.5 * (cg[(proto, "il")] or float("inf"))
               else "no")   # issue 12
              if proto == "https" else ()))
        if proto == "https":
            row("of which elliptic-curve scalar multiplication (ECDHE P-256: port/mbedtls/p256.c il_p256_mul, "
                "+ mbedtls_ecp_mul_restartable if any; inclusive), HTTPS", "%s (%.0f%%)" % (num(cg[(proto, "ecp")] or 0), 100.0 * (cg[(proto, "ecp")] or 0) /
                                                     cg[(proto, "il")]))
        lo, hi = cg[(proto, "core_spread")]
        row("instructions in core/ (il_* + statics, self), %s" % proto.upper(),
            num(cg[(proto, "core")]) + ("" if lo == hi else " (%s..%s)" % (num(lo), num(hi))))
    s = a["sizes"]
    row("binary size, stripped", "{:,} B (+ {:d} shared objects incl. ld.so: {:,} B in all)".format(
            s["il"], s["il_nlibs"], s["il_all"]),
        "{:,} B (no shared libs)".format(s["static"]),
        "curl {:,} B + libcurl {} B (+ {:d} shared objects incl. libcurl and ld.so: {:,} B in all)".format(
            s["curl"], num(s["libcurl"]), s["curl_nlibs"], s["curl_all"]), "-",
        "%s; %s (all mapped files)" % (ratio(s["curl_all"], s["il_all"]), ratio(s["curl_all"], s["static"])))
    pp = a["pool"]
    row("TLS pool peak, one HTTPS inactivation (build/bench/influx-lite-poolpeak)",
        "{:,} of {:,} B static pool".format(*pp) if pp else "n/a", "same sources")
    fw, fw_err = a["fw"]
    if fw_err:
        row("firmware (make size)", fw_err)
    else:
        for title, label, flash, ram in fw:
            if flash is None:
                row("firmware %s (make size): %s" % (title, label), "%s B" % ram)
            elif isinstance(ram, str) and ram.startswith("target ") and title == "HTTP":
                row("firmware %s (make size): %s" % (title, label), "flash {:,} B, RAM 0 B".format(flash), "-", "-",
                    "-", "-", "<= 8192 flash", "yes" if ram.endswith("OK") else "no")
            elif isinstance(ram, str) and ram.startswith("target "):     # the 8 KB target is the HTTP image's
                row("firmware %s (make size): %s" % (title, label), "flash {:,} B, RAM 0 B".format(flash))
            elif isinstance(ram, str):
                row("firmware %s (make size): %s" % (title, label), "flash {:,} B (%s)".format(flash) % ram)
            else:
                row("firmware %s (make size): %s" % (title, label), "flash {:,} B, RAM {:,} B".format(flash, ram))
    b = a["batch"]
    for proto in ("http", "https"):
        label = "batch, %s IDs in one run (--ids-from), %s: tokens/s (CPU per token)" % (a["batch_n"], proto.upper())
        if b is None:
            row(label, "batch mode not available")
        else:
            il_tps, il_cpt, c_tps, c_cpt, listed = b[proto]
            row(label, "%.0f/s (%s)%s" % (il_tps, ms(il_cpt), "" if listed == a["batch_n"] else
                                          "; only %d of the IDs in its output" % listed), "-",
                "%.0f/s (%s), %s separate runs" % (c_tps, ms(c_cpt), a["batch_n"]), "-",
                "%s faster (%s less CPU)" % (ratio(il_tps, c_tps), ratio(c_cpt, il_cpt)))
    row("machine", "%s CPUs: %s (load average at the end: %s)" % (m["nproc"], m["cpu"], m["load"]), "Linux %s, %s" % (m["kernel"], m["os"]), m["curl"],
        m["date"])
    row("server", "tests/bench/fastd.py (Python asyncio, 127.0.0.1; PATCH always answers inactive); TLS as "
        "influxd's own (tests/server/influxd_tls.py): 1.2/1.3, ECDHE P-256/384/521 only (no X25519), Go's "
        "suite choice, influxd 2.8+'s TLS 1.3 group order (P-256 first), one session ticket; "
        "cert: %s leaf + CA" % ("RSA-2048" if a["key"] == "rsa" else "ECDSA P-256"))
    out = ["| " + " | ".join(H) + " |", "|" + "---|" * len(H)]
    out += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(out)


NOTES = """influx-lite does what the official `influx auth inactive` does: a GET of
the authorization, then the PATCH, on one kept-alive connection (TLS: one
handshake). `curl, PATCH only` is the bare `curl -s -X PATCH -H 'Authorization:
Token ...' -H 'Content-Type: application/json' --data '{"status":"inactive"}'
[--cacert CA] URL`; `curl, GET+PATCH` sends the same two requests as
influx-lite over one connection (`curl URL --next -X PATCH ... URL`). Ratios
are curl (PATCH only) over influx-lite, from the medians of the same bench run;
the clients ran interleaved. Wall time includes the server's answer time;
CPU time and peak RSS are the client process's alone (wait4 rusage of a
posix_spawn child: exec, run, exit, without a forked copy of the launcher).
HTTPS is TLS as influxd serves it (tests/server/influxd_tls.py, the influxd
double's context: ECDHE over NIST curves only, Go's choices); the row "TLS
negotiated" says what each client took.
"HTTPS, CA from a bundle": both tools given the system's CA bundle with the
bench CA appended (`--ca-cert` / `--cacert`), as when no CA file of one's own
is configured; influx-lite scans it for the issuer, curl (OpenSSL) loads it."""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=101)
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--batch-runs", type=int, default=3)
    ap.add_argument("--callgrind-runs", type=int, default=3)
    ap.add_argument("--key", choices=("rsa", "ec"), default="rsa")
    ap.add_argument("--no-size", action="store_true", help="skip `make size`")
    o = ap.parse_args()
    for path in (IL, IL_STATIC, RUNONE):
        if not os.access(path, os.X_OK):
            raise SystemExit("bench: %s missing (make bench builds it)" % path)
    t0 = time.time()
    a = {"runs": o.runs, "cg_runs": o.callgrind_runs, "batch_n": o.batch, "key": o.key}
    try:
        make_certs(o.key)
        http_port, https_port = start_server()
        cmds = Cmds(http_port, https_port)
        a["bundle_certs"] = cmds.bundle_certs
        log("timing: %d runs x 4 clients x HTTP/HTTPS" % o.runs)
        a["timing"] = timing(cmds, o.runs)
        a["time_check"] = time_crosscheck(cmds)
        log("heap: valgrind memcheck, influx-lite-nomalloc")
        a["heap"] = heap_valgrind(cmds)
        a["nomalloc"] = heap_nomalloc(cmds)
        log("instructions: callgrind")
        a["callgrind"] = callgrind(cmds, o.callgrind_runs)
        log("pool peak, sizes")
        a["pool"] = pool_peak(cmds)
        a["sizes"] = sizes()
        if batch_available():
            log("batch: %d IDs" % o.batch)
            a["batch"] = batch(cmds, http_port, o.batch, o.batch_runs)
        else:
            log("batch mode not available (no --ids-from in `influx-lite auth inactive -h`)")
            a["batch"] = None
    finally:
        stop_server()
    if o.no_size:
        a["fw"] = (None, "skipped (--no-size)")
    else:
        log("firmware: make size")
        a["fw"] = fw_size()
    m = machine()
    table = build_table(a, m)
    print(table)
    print()
    print(NOTES)
    log("done in %.0f s" % (time.time() - t0))
    os.makedirs(os.path.join(BUILD, "bench"), exist_ok=True)
    with open(os.path.join(BUILD, "bench", "bench.md"), "w") as f:
        f.write(table + "\n")
    with open(os.path.join(BUILD, "bench", "README-section.md"), "w") as f:
        f.write(readme_section(table, m, o))


def readme_section(table, m, o):
    args = []
    if o.runs != 101:
        args.append("--runs %d" % o.runs)
    if o.batch != 1000:
        args.append("--batch %d" % o.batch)
    extra = ' BENCH_ARGS="%s"' % " ".join(args) if args else ""
    return """## Performance

Measured with `make bench%s` on %s (%s CPUs, Linux %s, %s), %s, against
`tests/bench/fastd.py`, a small asyncio InfluxDB answering server on
127.0.0.1 (HTTP and HTTPS), with %s. Every timing is the median of %d runs;
every ratio comes from the same bench run.

%s

%s

Reproduce: `make bench` (installs curl, valgrind and time if missing, builds
`build/influx-lite` and `build/influx-lite-static`, runs
`tests/bench/bench.py`; about 2-4 minutes on 2 cores). `make test` runs only
a smoke test of the bench (`tests/bench/test_bench_smoke.sh`); no test asserts a
time.
""" % (extra, m["cpu"], m["nproc"], m["kernel"], m["os"], m["date"], m["curl"].split(" (")[0], o.runs,
       table, NOTES)


if __name__ == "__main__":
    try:
        main()
    finally:
        stop_server()
