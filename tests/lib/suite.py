# SPDX-License-Identifier: Apache-2.0
"""What every Python suite starts with: where the tree and the build are, the
programs under test, a private temporary directory, and clean-ups that run at
exit whatever happened (a test that failed, an exception, the SIGTERM that
tests/run_all.sh's timeout sends), so that a suite leaves no file and no
process behind.

    sys.path.insert(0, os.path.join(ROOT, "tests", "lib"))   # then:
    import suite
    TMP = suite.tmpdir("cli-test-")
    suite.require(suite.BIN)
"""
import atexit
import os
import shutil
import signal
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))


def build_path(*parts):
    return os.path.join(BUILD, *parts)


def program(env_name, *parts):
    """A program under build/ (parts), or the path the environment variable names."""
    return os.environ.get(env_name) or build_path(*parts)


BIN = program("INFLUX_LITE", "influx-lite")
ASAN_BIN = program("INFLUX_LITE_ASAN", "asan", "influx-lite")
STATIC_BIN = build_path("influx-lite-static")
NOMALLOC_BIN = build_path("cli", "influx-lite-nomalloc")

_cleanups = []


def at_exit(fn):
    """Run fn at exit, the last registered first; a clean-up that fails is
    reported as a '#' line and the others still run."""
    _cleanups.append(fn)
    return fn


def _run_cleanups():
    while _cleanups:
        fn = _cleanups.pop()
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - every clean-up gets its turn
            print("# clean-up %s failed: %s: %s" % (getattr(fn, "__name__", fn), type(exc).__name__, exc),
                  flush=True)


atexit.register(_run_cleanups)


def _terminated(signum, _frame):
    # SystemExit unwinds the main thread through every finally, then atexit runs
    sys.exit(128 + signum)


signal.signal(signal.SIGTERM, _terminated)


def tmpdir(prefix="il-test-"):
    """A new directory under $TMPDIR, removed at exit with everything in it."""
    path = tempfile.mkdtemp(prefix=prefix)
    at_exit(lambda: shutil.rmtree(path, ignore_errors=True))
    return path


def require(*paths):
    """Every path an executable file, else one FAIL line and exit 1."""
    for path in paths:
        if not os.access(path, os.X_OK):
            print("FAIL setup: %s not built" % path, flush=True)
            sys.exit(1)


def stop_process(proc, timeout=5):
    """SIGTERM to proc, SIGKILL after timeout seconds if it is still there;
    reaped either way."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
    proc.wait()


def needs(name, tools=(), built=()):
    """A suite's preamble: a tool that is not installed gives one line 'SKIP
    name: tool not installed' and exit 0; a file that is not built, one line
    'FAIL name: path not built' and exit 1."""
    for tool in tools:
        if shutil.which(tool) is None:
            print("SKIP %s: %s not installed" % (name, tool), flush=True)
            sys.exit(0)
    for path in built:
        if not os.path.exists(path):
            print("FAIL %s: %s not built" % (name, path), flush=True)
            sys.exit(1)


def setup(name, fn, *args):
    """fn(*args), the fixtures a suite needs before its tests; when it fails,
    one line 'FAIL name: why' and exit 1."""
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - reported as a FAIL line
        print("FAIL %s: %s: %s" % (name, type(exc).__name__, exc), flush=True)
        sys.exit(1)
