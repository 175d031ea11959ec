#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Authorizations of any size, end to end: a token with read and write on 500
buckets (1,000 permissions), created through the influxd double's API, is
inactivated by influx-lite in single runs and in batches (--ids-from), v2 and
v1, and the table and --json output are byte for byte what the official CLI
prints for the same answers.

The expected output is computed here from the double's stored authorization,
independently of the C code, by the official CLI's rules (influx-cli v2.8.0):
  - the row: clients/auth/auth.go printAuth (ID, Description, Token, User
    Name, User ID, Permissions) and clients/v1_auth/v1_auth.go printV1Tokens
    (ID, Description, Username, v2 User Name, v2 User ID, Permissions);
  - a permission: api/permission_string.go (action:orgs/ORG/type/id);
  - the list cell: fmt's %v of a []string, "[a b c]";
  - the table: clients/cli.go PrintTable through pkg/tabwriter, i.e. Go's
    text/tabwriter NewWriter(out, 0, 8, 1, '\\t', 0) (go_table below);
  - --json: clients/cli.go PrintJSON, json.Encoder with SetIndent("", "\\t");
    a batch prints the array of the objects the same way.
The peak memory of the 1,000-permission run (ru_maxrss) is printed as a '#'
line and bounded."""
import json
import os
import subprocess
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import check  # noqa: E402
import double  # noqa: E402
import suite  # noqa: E402

BIN = suite.BIN
TMP = suite.tmpdir("cli-bigauth-")
OP_TOKEN = "op-token-for-tests"
ORG_ID = "0a1b2c3d4e5f6071"
USER_ID = "0b1c2d3e4f506172"
BUCKETS = 500                   # read and write on each: 1,000 permissions
PEAK_RSS_MAX_KIB = 4 * 1024     # what a run may take: its buffers' touched pages
DOUBLE = None


def api(method, path, obj=None):
    """A request to the double's API with the operator token: the decoded answer."""
    req = urllib.request.Request(DOUBLE.url + path, method=method,
                                 data=json.dumps(obj).encode() if obj is not None else None,
                                 headers={"Authorization": "Token " + OP_TOKEN})
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def create(description, legacy=False, token=None):
    """An authorization of read and write on every seeded bucket: its ID."""
    perms = [{"action": a, "resource": {"type": "buckets", "id": b, "orgID": ORG_ID}}
             for b in BUCKET_IDS for a in ("read", "write")]
    body = {"orgID": ORG_ID, "description": description, "permissions": perms}
    if legacy:
        body["token"] = token
    a = api("POST", "/private/legacy/authorizations" if legacy else "/api/v2/authorizations", body)
    check.eq(len(a["permissions"]), 2 * BUCKETS)
    return a["id"]


def run(args, stdin=b"", binary=None):
    """(exit, stdout bytes, stderr bytes, peak RSS KiB) of one run, the peak
    as /usr/bin/time reads it (wait4's ru_maxrss of the CLI itself: a child
    forked from this Python would count Python's pages)."""
    rss_file = os.path.join(TMP, "rss")
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_file, binary or BIN] + args, input=stdin,
                       capture_output=True, env={"PATH": "/usr/bin:/bin", "HOME": TMP}, timeout=60)
    with open(rss_file) as f:
        rss = int(f.read().split()[-1])
    os.unlink(rss_file)
    return p.returncode, p.stdout, p.stderr, rss


# ------------------------------------------------------------ the official CLI's rendering
def perm_string(p):
    """api/permission_string.go"""
    r = p["resource"]
    s = p["action"] + ":"
    if r.get("orgID"):
        s += "orgs/" + r["orgID"]
    s += "/" + r["type"]
    if r.get("id"):
        s += "/" + r["id"]
    return s


def go_table(lines):
    """text/tabwriter with minwidth 0, tabwidth 8, padding 1, padchar '\\t',
    flags 0 over lines of TAB-separated cells (ASCII, the same number of
    cells on every line: one block): a column is as wide as its widest cell
    plus the padding, rounded up to the tab width, each cell followed by the
    TABs that reach it; the last cell of a line is no column."""
    rows = [line.split("\t") for line in lines]
    ncols = len(rows[0]) - 1
    out = ""
    for cells in rows:
        for j in range(ncols):
            width = max(len(r[j]) for r in rows) + 1
            width = (width + 7) // 8 * 8
            out += cells[j] + "\t" * ((width - len(cells[j]) + 7) // 8)
        out += cells[-1] + "\n"
    return out.encode()


def row_of(ident, legacy):
    """The row's values (the official CLI's token struct), from the stored authorization."""
    if legacy:
        a = api("GET", "/private/legacy/authorizations?token=" + STORED[ident])["authorizations"][0]
        user = api("GET", "/api/v2/users/" + a["userID"])
        name, uid = user["name"], user["id"]
    else:
        a = api("GET", "/api/v2/authorizations/" + ident)
        name, uid = a["user"], a["userID"]
    return {"id": a["id"], "description": a["description"], "token": a["token"], "status": a["status"],
            "userName": name, "userID": uid, "permissions": [perm_string(p) for p in a["permissions"]]}


def table(rows, legacy):
    head = ("ID\tDescription\tUsername\tv2 User Name\tv2 User ID\tPermissions" if legacy
            else "ID\tDescription\tToken\tUser Name\tUser ID\tPermissions")
    lines = [head] + ["\t".join([r["id"], r["description"], r["token"], r["userName"], r["userID"],
                                 "[" + " ".join(r["permissions"]) + "]"]) for r in rows]
    return go_table(lines)


def as_json(v):
    """json.Encoder with SetIndent("", "\\t"): the value, then a newline."""
    return (json.dumps(v, indent="\t", ensure_ascii=False) + "\n").encode()


# ------------------------------------------------------------ the tests
STORED = {}     # v1 ID -> its username


def inactivate_one(legacy, json_out, by_name=False, binary=None):
    DOUBLE.reset()
    global BUCKET_IDS
    BUCKET_IDS = DOUBLE.ctl("POST", "/_double/seed_buckets", {"count": BUCKETS})[1]["ids"]
    user = "bigv1user"
    ident = create("read and write on %d buckets" % BUCKETS, legacy, user)
    STORED[ident] = user
    args = (["v1", "auth", "set-inactive"] if legacy else ["auth", "inactive"]) + \
        ["--host", DOUBLE.url, "-t", OP_TOKEN] + (["--username", user] if by_name else ["--id", ident])
    rc, out, err, rss = run(args + (["--json"] if json_out else []), binary=binary)
    check.eq((rc, err), (0, b""))
    check.eq(DOUBLE.state("legacy" if legacy else "authorizations", ident)["status"], "inactive")
    row = row_of(ident, legacy)
    check.eq(len(row["permissions"]), 2 * BUCKETS)
    check.eq(out, as_json(row) if json_out else table([row], legacy))
    print("# %s%s, %d permissions%s%s: peak RSS %d KiB, %d bytes of output"
          % ("v1" if legacy else "v2", " by username" if by_name else "", 2 * BUCKETS,
             " (--json)" if json_out else "", ", static build" if binary else "", rss, len(out)))
    check.eq(rss <= PEAK_RSS_MAX_KIB, True, "peak RSS %d KiB" % rss)


def test_v2_table_1000_permissions():
    inactivate_one(False, False)


def test_static_binary_1000_permissions():
    # the fully static build (musl) prints the same, in less memory
    if not os.path.exists(suite.STATIC_BIN):
        print("# %s not built: skipped" % suite.STATIC_BIN)
        return
    inactivate_one(False, False, binary=suite.STATIC_BIN)


def test_v2_json_1000_permissions():
    inactivate_one(False, True)


def test_v1_table_1000_permissions():
    inactivate_one(True, False)


def test_v1_json_1000_permissions():
    inactivate_one(True, True)


def test_v1_by_username_1000_permissions():
    inactivate_one(True, False, by_name=True)


def inactivate_batch(legacy, json_out):
    DOUBLE.reset()
    global BUCKET_IDS
    BUCKET_IDS = DOUBLE.ctl("POST", "/_double/seed_buckets", {"count": BUCKETS})[1]["ids"]
    ids = []
    for i in range(3):
        user = "bigv1user%d" % i
        ids.append(create("batch token %d" % i, legacy, user))
        STORED[ids[-1]] = user
    args = (["v1", "auth", "set-inactive"] if legacy else ["auth", "inactive"]) + \
        ["--host", DOUBLE.url, "-t", OP_TOKEN, "--ids-from", "-"] + (["--json"] if json_out else [])
    rc, out, err, rss = run(args, ("\n".join(ids) + "\n").encode())
    check.eq((rc, err), (0, b""))
    rows = [row_of(i, legacy) for i in ids]
    for i in ids:
        check.eq(DOUBLE.state("legacy" if legacy else "authorizations", i)["status"], "inactive")
    check.eq(out, as_json(rows) if json_out else table(rows, legacy))
    print("# batch of 3, %s, %d permissions each%s: peak RSS %d KiB" %
          ("v1" if legacy else "v2", 2 * BUCKETS, " (--json)" if json_out else "", rss))
    check.eq(rss <= PEAK_RSS_MAX_KIB, True, "peak RSS %d KiB" % rss)


def test_batch_v2_table_1000_permissions():
    inactivate_batch(False, False)


def test_batch_v2_json_1000_permissions():
    inactivate_batch(False, True)


def test_batch_v1_table_1000_permissions():
    inactivate_batch(True, False)


def test_batch_v1_json_1000_permissions():
    inactivate_batch(True, True)


if __name__ == "__main__":
    suite.require(BIN)
    DOUBLE = double.Double()
    check.run([v for k, v in list(globals().items()) if k.startswith("test_")])
