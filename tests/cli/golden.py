# SPDX-License-Identifier: Apache-2.0
r"""Golden CLI cases as data: one file per case in tests/cli/cases/NAME.case
(curl's tests/data model), read and run by tests/cli/test_cli.py. The format
is described in tests/cli/cases/README; in short:

    # what the case shows (comments start with '#')
    server: mock notfound
    argv: auth inactive --host %{MOCK} -t mytoken --id 06c86c40a9f36000
    exit: 3
    --- stdout
    --- stderr
    Error: could not find auth with ID "06c86c40a9f36000": 404 Not Found: authorization not found$

Bytes are written as `cat -A` shows them (the notation of the captures in
../shared/research/influx-cli-captures.md): every line ends with '$' where the
bytes hold a newline, a tab is ^I, a control byte ^X; made exact by '\'
escapes: \\ a backslash, \^ a caret, \% a percent sign, \xHH any byte, and a
'\' ending a line for bytes that end without a newline."""
import difflib
import json
import os
import re
import shlex

CASES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases")

CARET = {c: i for i, c in enumerate("@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_")}
CARET["?"] = 127
CARET_OF = {v: k for k, v in CARET.items()}
VAR = re.compile(r"%\{([A-Z]+)\}")
INCLUDE = re.compile(r"^%\{include ([a-z0-9_]+)\}$")
FIELDS = ("server", "reply", "fault", "set-state", "argv0", "argv", "env", "dir", "exit", "requests", "header",
          "no-header", "body-json", "state")
BLOCKS = ("stdout", "stdout prefix", "stderr", "reply", "file")


class CaseError(Exception):
    pass


# ------------------------------------------------------------ the byte notation
def decode(text, variables, where=""):
    """One line of the notation (its terminator already taken off) -> (bytes,
    ended): ended is True when the line ends in a lone backslash (the bytes end
    there, without a newline)."""
    out = bytearray()
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\\":
            if i + 1 == n:
                return bytes(out), True
            d = text[i + 1]
            if d in "\\^%":
                out += d.encode()
                i += 2
            elif d == "x" and re.fullmatch(r"[0-9a-fA-F]{2}", text[i + 2:i + 4]):
                out.append(int(text[i + 2:i + 4], 16))
                i += 4
            else:
                raise CaseError("%s: unknown escape %r" % (where, text[i:i + 2]))
        elif c == "^":
            if i + 1 == n or text[i + 1] not in CARET:
                raise CaseError("%s: a lone '^' (write \\^ for a caret)" % where)
            out.append(CARET[text[i + 1]])
            i += 2
        elif c == "%" and text.startswith("%{", i):
            m = VAR.match(text, i)
            if not m or m.group(1) not in variables:
                raise CaseError("%s: unknown variable at %r (write \\%% for a percent sign)" % (where, text[i:i + 12]))
            out += variables[m.group(1)].encode()
            i = m.end()
        else:
            out += c.encode()
            i += 1
    return bytes(out), False


def decode_block(lines, variables, where):
    """Content lines -> bytes: each line ends in '$' (a newline) or in a lone
    backslash (the end, no newline); a line %{include NAME} inserts the text
    of cases/NAME.inc; blank lines are skipped."""
    out = bytearray()
    ended = False
    for k, line in lines:
        here = "%s:%d" % (where, k)
        m = INCLUDE.match(line)
        if not line.strip():
            continue
        if ended:
            raise CaseError("%s: a line after the end (a line ending in '\\')" % here)
        if m:
            out += include(m.group(1), variables)
            continue
        if line.endswith("$"):
            data, bad = decode(line[:-1], variables, here)
            if bad:
                raise CaseError("%s: '\\$' is not an escape" % here)
            data += b"\n"
        else:
            data, ended = decode(line, variables, here)
            if not ended:
                raise CaseError("%s: a content line ends in '$' (newline) or '\\' (the end, no newline)" % here)
        out += data
    return bytes(out)


def include(name, variables):
    """The bytes of cases/NAME.inc: '#' comment lines, then `--- text` and the
    text in the notation."""
    path = os.path.join(CASES_DIR, name + ".inc")
    lines = read_lines(path)
    starts = [i for i, (_, line) in enumerate(lines) if line == "--- text"]
    if len(starts) != 1 or any(not line.startswith("#") and line.strip() for _, line in lines[:starts[0]]):
        raise CaseError("%s: '#' comments, then one '--- text' block" % path)
    return decode_block(lines[starts[0] + 1:], variables, path)


def encode(data):
    """bytes -> the lines of the notation (the inverse of decode_block)."""
    lines, cur = [], []
    text = data.decode("utf-8", "surrogateescape")
    for i, ch in enumerate(text):
        o = ord(ch)
        if ch == "\n":
            lines.append("".join(cur) + "$")
            cur = []
        elif ch == "\\":
            cur.append("\\\\")
        elif ch == "^":
            cur.append("\\^")
        elif ch == "%" and text[i + 1:i + 2] == "{":
            cur.append("\\%")
        elif o in CARET_OF:
            cur.append("^" + CARET_OF[o])
        elif 0xDC80 <= o <= 0xDCFF:           # a byte that is not UTF-8
            cur.append("\\x%02x" % (o - 0xDC00))
        elif o >= 0x80 and not ch.isprintable():
            cur.append("".join("\\x%02x" % b for b in ch.encode()))
        else:
            cur.append(ch)
    if cur:
        lines.append("".join(cur) + "\\")
    return lines


def words(text, variables, where):
    """argv: words split as a shell would (single or double quotes group,
    '' is an empty word; no backslash processing here), each then decoded."""
    lex = shlex.shlex(text, posix=True)
    lex.whitespace_split = True
    lex.escape = ""
    lex.commenters = ""
    try:
        parts = list(lex)
    except ValueError as exc:
        raise CaseError("%s: %s" % (where, exc))
    return [decode(w, variables, where)[0] for w in parts]


# ------------------------------------------------------------ a case file
def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [(k, line.rstrip("\n")) for k, line in enumerate(f, 1)]


class Case:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[:-len(".case")]
        self.fields = []                 # (key, value, line number), in order
        self.blocks = []                 # (kind, argument, [(line number, text)])
        self.parse(read_lines(path))

    def parse(self, lines):
        block = None
        for k, line in lines:
            if line.startswith("--- ") and not line.endswith(("$", "\\")):
                head = line[4:].split()
                kind = " ".join(head[:2]) if head[:2] == ["stdout", "prefix"] else head[0] if head else ""
                if kind not in BLOCKS:
                    raise CaseError("%s:%d: unknown block %r" % (self.path, k, line))
                block = (kind, head[1:] if kind == "file" else [], [])
                self.blocks.append(block)
            elif block is not None:
                block[2].append((k, line))
            elif not line.strip() or line.startswith("#"):
                continue
            else:
                key, sep, value = line.partition(":")
                if not sep or key not in FIELDS:
                    raise CaseError("%s:%d: not a field (%s) nor a block: %r" % (self.path, k, ", ".join(FIELDS), line))
                self.fields.append((key, value.strip(), k))

    def all(self, key):
        return [(v, k) for f, v, k in self.fields if f == key]

    def one(self, key, default=None):
        got = self.all(key)
        if len(got) > 1:
            raise CaseError("%s:%d: %s given twice" % (self.path, got[1][1], key))
        return got[0][0] if got else default

    def block(self, kind, variables):
        got = [b for b in self.blocks if b[0] == kind]
        if not got:
            return None
        return decode_block(got[0][2], variables, self.path)

    def files(self, variables):
        """[(name, mode, bytes)] of the `--- file NAME [MODE]` blocks."""
        out = []
        for kind, arg, lines in self.blocks:
            if kind == "file":
                mode = int(arg[1], 8) if len(arg) > 1 else 0o600
                out.append((arg[0], mode, decode_block(lines, variables, self.path)))
        return out


def load_all(directory=CASES_DIR):
    return [Case(os.path.join(directory, f)) for f in sorted(os.listdir(directory)) if f.endswith(".case")]


# ------------------------------------------------------------ running one
class Expected:
    """What a case expects, with its variables filled in."""

    def __init__(self, case, variables):
        w = case.path
        self.server = (case.one("server", "none") or "none").split()
        reply = case.one("reply")
        self.reply = None
        if reply is not None:
            status, _, ctype = reply.partition(" ")
            self.reply = (int(status), case.block("reply", variables) or b"", ctype.strip())
        self.faults = [substitute(json.loads(v), variables) for v, _ in case.all("fault")]
        self.set_states = []
        for v, _ in case.all("set-state"):
            where, obj = v.split(" ", 1)
            self.set_states.append((where, json.loads(obj)))
        self.argv0 = case.one("argv0")
        self.argv = words(case.one("argv", ""), variables, w)
        self.env = {}
        for v, k in case.all("env"):
            name, sep, value = v.partition("=")
            vals = words(value, variables, "%s:%d" % (w, k)) if value else [b""]
            if not sep or len(vals) != 1:
                raise CaseError("%s:%d: env: NAME=one-word" % (w, k))
            self.env[name] = vals[0]
        self.dirs = [v for v, _ in case.all("dir")]
        self.files = case.files(variables)
        code = case.one("exit")
        self.exit = int(code) if code is not None else None
        self.stdout = case.block("stdout", variables)
        self.stdout_prefix = case.block("stdout prefix", variables)
        self.stderr = case.block("stderr", variables)
        req = [v for v, _ in case.all("requests")]
        self.requests_more = bool(req) and req[-1] == "..."
        req = req[:-1] if self.requests_more else req
        self.requests = None if not req and not self.requests_more else \
            [] if req == ["none"] else [tuple(decode(r, variables, w)[0].decode().split(" ", 1)) for r in req]
        self.headers = []
        for v, _ in case.all("header"):
            n, name, value = re.match(r"(\d+) ([^:]+): ?(.*)$", v).groups()
            self.headers.append((int(n), name, decode(value, variables, w)[0].decode()))
        self.no_headers = [(int(n), name) for n, name in (v.split(" ", 1) for v, _ in case.all("no-header"))]
        self.body_json = [(int(n), json.loads(obj)) for n, obj in (v.split(" ", 1) for v, _ in case.all("body-json"))]
        self.state = [tuple(v.split()) for v, _ in case.all("state")]


def substitute(obj, variables):
    """%{NAME} filled in in every string of a decoded JSON value."""
    if isinstance(obj, str):
        return VAR.sub(lambda m: variables[m.group(1)], obj)
    if isinstance(obj, list):
        return [substitute(x, variables) for x in obj]
    if isinstance(obj, dict):
        return {k: substitute(v, variables) for k, v in obj.items()}
    return obj


def same(what, actual, expected):
    """Equal bytes, else an AssertionError with a diff of the two in the notation."""
    if actual != expected:
        diff = difflib.unified_diff(encode(expected), encode(actual), "expected", "got", lineterm="", n=1)
        raise AssertionError("%s differs:\n%s" % (what, "\n".join(diff)))


def check_requests(exp, log):
    """log: [(method, path, headers dict, body bytes)] in order."""
    got = [(m, p) for m, p, _, _ in log]
    if exp.requests is not None:
        want = [tuple(r) for r in exp.requests]
        seen = got[:len(want)] if exp.requests_more else got
        if seen != want:
            raise AssertionError("requests: expected %r%s, got %r" % (want, " ..." if exp.requests_more else "", got))
    for n, name, value in exp.headers:
        if len(log) < n or log[n - 1][2].get(name) != value:
            raise AssertionError("request %d: header %s: expected %r, got %r"
                                 % (n, name, value, log[n - 1][2].get(name) if len(log) >= n else "(no request)"))
    for n, name in exp.no_headers:
        if len(log) < n or name in log[n - 1][2]:
            raise AssertionError("request %d: header %s present or no request" % (n, name))
    for n, obj in exp.body_json:
        if len(log) < n or json.loads(log[n - 1][3]) != obj:
            raise AssertionError("request %d: JSON body: expected %r" % (n, obj))
