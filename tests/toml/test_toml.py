#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""tests/toml: the configs file's TOML reader (boards/linux/cli_toml*.c,
through build/asan/tests/toml_check) over tests/toml/cases.txt: every case
accepted or refused exactly as BurntSushi/toml does it (the case's text),
and, as a second reading, Python's tomllib must agree on accept / refuse
except where a case names why BurntSushi decides otherwise. The fuzz
corpus's seeds are the same cases (test_fuzz_seeds_are_the_cases)."""
import os
import re
import subprocess
import sys
import tempfile
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))
import check  # noqa: E402

CHECK_BIN = os.path.join(ROOT, "build", "asan", "tests", "toml_check")
FUZZER = os.path.join(ROOT, "build", "fuzz", "fuzz_config")
FUZZ_SECONDS = int(os.environ.get("TOML_DIFF_SECONDS", "8"))
FUZZ_SEED = int(os.environ.get("TOML_DIFF_SEED", "1"))   # a fixed seed: the same files each run
SEEDS = os.path.join(ROOT, "tests", "fuzz", "corpus", "config")


def load_cases():
    """[(name, bytes, error or None, tomllib_reason or None)] in file order."""
    cases, cur = [], None
    with open(os.path.join(HERE, "cases.txt"), encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines:
        if line.startswith("=== "):
            cur = {"name": line[4:].strip(), "body": [], "error": None, "tomllib": None}
            cases.append(cur)
        elif cur is None or line.startswith("# ---- "):
            continue
        elif line.startswith("--- error "):
            cur["error"] = line[len("--- error "):]
        elif line.startswith("--- tomllib "):
            cur["tomllib"] = line[len("--- tomllib "):]
        elif cur["error"] is None and cur["tomllib"] is None:
            cur["body"].append(line)
    out = []
    for c in cases:
        body = c["body"]
        while body and body[-1] == "":
            body.pop()
        text = "\n".join(body) + "\n"
        if text.endswith("{{noeol}}\n"):
            text = text[:-len("{{noeol}}\n")]
        data = re.sub(r"\{\{x([0-9a-f]{2})\}\}", lambda m: "\x00" + m.group(1), text).encode()
        data = re.sub(rb"\x00([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]), data)
        out.append((c["name"], data, c["error"], c["tomllib"]))
    return out


CASES = load_cases()


def run_reader(cases):
    with tempfile.TemporaryDirectory() as d:
        paths = []
        for i, (name, data, _, _) in enumerate(cases):
            p = os.path.join(d, "%03d" % i)
            with open(p, "wb") as f:
                f.write(data)
            paths.append(p)
        r = subprocess.run([CHECK_BIN] + paths, capture_output=True, timeout=60)
    if r.returncode != 0:
        raise AssertionError("toml_check failed: %r" % r.stderr[-2000:])
    lines = r.stdout.decode("utf-8", "replace").split("\n")
    return {c[0]: lines[i] for i, c in enumerate(cases)}


RESULTS = run_reader(CASES)


def test_every_case_as_burntsushi_reads_it():
    bad = []
    for name, _, error, _ in CASES:
        got = RESULTS[name]
        want = "OK" if error is None else "ERR " + error
        if got != want:
            bad.append("%s: want %r, got %r" % (name, want, got))
    if bad:
        raise AssertionError("; ".join(bad))


def tomllib_accepts(data):
    try:
        tomllib.loads(data.decode("utf-8"))
        return True
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        return False


def test_tomllib_agrees_but_where_a_case_says_why():
    bad = []
    for name, data, error, reason in CASES:
        ours = RESULTS[name] == "OK"
        theirs = tomllib_accepts(data)
        if reason is not None and ours == theirs:
            bad.append("%s: tomllib agrees now, drop its reason" % name)
        if reason is None and ours != theirs:
            bad.append("%s: reader %s, tomllib %s" % (name, "accepts" if ours else "refuses",
                                                    "accepts" if theirs else "refuses"))
    if bad:
        raise AssertionError("; ".join(bad))


def test_cases_cover_both_sides():
    valid = sum(1 for c in CASES if c[2] is None)
    check.eq(valid >= 20 and len(CASES) - valid >= 60, True, "valid %d, invalid %d" % (valid, len(CASES) - valid))


def test_fuzz_seeds_are_the_cases():
    """Each case is a seed of the config fuzzer (byte 0: no -c)."""
    missing = []
    for name, data, _, _ in CASES:
        p = os.path.join(SEEDS, "toml_" + name)
        if not os.path.exists(p) or open(p, "rb").read() != b"\x00" + data:
            missing.append(name)
    if missing and os.environ.get("TOML_WRITE_SEEDS") == "1":
        for name, data, _, _ in CASES:
            with open(os.path.join(SEEDS, "toml_" + name), "wb") as f:
                f.write(b"\x00" + data)
        missing = []
    if missing:
        raise AssertionError("seeds out of date (TOML_WRITE_SEEDS=1 tests/toml/test_toml.py): %s" % missing)


# Where BurntSushi/toml and tomllib part ways on purpose, each recognised
# by what both say (parse.go's behaviour; tomllib's message).
KNOWN = [
    ("a byte order mark (parse.go's parse() skips UTF-8's and UTF-16's)",
     lambda d, ours, theirs: d.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"))),
    ("beyond Go's int64 / float64 (valueInteger, valueFloat)",
     lambda d, ours, theirs: re.search(r"is out of range for (int64|float64)$", ours) is not None),
    ("a key typed as an array is overwritten (setValue's isArray)",
     lambda d, ours, theirs: ours == "OK" and "Cannot overwrite a value" in theirs),
    ("a table implied by a dotted key or an inline table is declared again (setValue's isImplicit)",
     lambda d, ours, theirs: ours == "OK" and ("Cannot declare" in theirs or "Cannot mutate" in theirs
                                               or "Cannot overwrite" in theirs)),
    ("U+FFFD itself (lex.go's next(): what utf8.DecodeRuneInString returns for a bad byte)",
     lambda d, ours, theirs: ours.endswith("invalid UTF-8 byte: 0xef") and b"\xef\xbf\xbd" in d),
    ("zone offsets up to 24:60 (Go's time.Parse)",
     lambda d, ours, theirs: ours == "OK" and re.search(rb"[+-](2[4-9]|[3-9][0-9]):|:(6[0-9]|[7-9][0-9])\b", d)),
]


def tomllib_error(data):
    try:
        tomllib.loads(data.decode("utf-8"))
        return None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        return str(e)


def test_differential_over_fuzzed_files():
    """The config fuzzer runs FUZZ_SECONDS from the cases; every file it
    keeps goes through both readers, and a disagreement must be one of KNOWN."""
    if not os.access(FUZZER, os.X_OK):
        raise AssertionError("%s not built" % FUZZER)
    with tempfile.TemporaryDirectory() as d:
        corpus = os.path.join(d, "corpus")
        os.mkdir(corpus)
        r = subprocess.run([FUZZER, "-max_total_time=%d" % FUZZ_SECONDS, "-seed=%d" % FUZZ_SEED, "-timeout=10", "-rss_limit_mb=2048",
                            "-print_final_stats=1", "-artifact_prefix=%s/" % d, corpus, SEEDS],
                           capture_output=True, timeout=FUZZ_SECONDS + 120)
        log = r.stderr.decode("utf-8", "replace")
        if r.returncode != 0:
            raise AssertionError("fuzz_config failed: %s" % log[-1500:])
        execs = re.findall(r"stat::number_of_executed_units: *(\d+)", log)
        names = sorted(os.listdir(corpus))
        cases = []
        for n in names:
            with open(os.path.join(corpus, n), "rb") as f:
                b = f.read()
            if b:
                cases.append((n, b[1:], None, None))
        results = run_reader(cases)
    unknown, counts = [], {}
    for name, data, _, _ in cases:
        ours, theirs = results[name], tomllib_error(data)
        if (ours == "OK") == (theirs is None):
            continue
        why = next((k for k, f in KNOWN if f(data, ours, theirs or "")), None)
        if why is None:
            unknown.append("%r: reader %s; tomllib %s" % (data[:80], ours[:100], theirs))
        else:
            counts[why] = counts.get(why, 0) + 1
    print("# differential: %s execs, %d files kept, both readers agree on all but %s" %
          (execs[-1] if execs else "?", len(cases), counts or "none"))
    if unknown:
        raise AssertionError("; ".join(unknown[:10]))


if __name__ == "__main__":
    check.run([test_every_case_as_burntsushi_reads_it, test_tomllib_agrees_but_where_a_case_says_why,
               test_cases_cover_both_sides, test_fuzz_seeds_are_the_cases, test_differential_over_fuzzed_files])
