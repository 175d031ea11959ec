#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The whole fault matrix (tests/fault/faultlib.py) once through the ASan/UBSan build,
build/asan/influx-lite, with ASAN_OPTIONS=detect_leaks=1: every case's usual checks (wall-time margin 3 s)
plus zero sanitizer reports (a report exits 86/87 and prints "Sanitizer" or
"runtime error:", both of which fail the case)."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402

SAN_ENV = {"ASAN_OPTIONS": "detect_leaks=1:exitcode=86:abort_on_error=0:detect_stack_use_after_return=1",
           "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1:exitcode=87",
           "LSAN_OPTIONS": "exitcode=86"}

if __name__ == "__main__":
    binary = faultlib.ASAN_BIN
    if not os.access(binary, os.X_OK):
        print("FAIL setup: %s not built (make build/asan/influx-lite)" % binary)
        sys.exit(1)
    t0 = time.monotonic()
    has_timeout, has_retries = faultlib.features(binary)
    if not has_timeout or not has_retries:
        print("# WAITING: %s does not know --timeout/--retries yet; those cases run with the default deadline" % binary)
    # the deadlines themselves are held to deadline + 1.5 s by test_fault_matrix.py; here the
    # sanitizers' start-up and the leak scan at exit, on a loaded machine, get 3 s
    results = faultlib.run_matrix(["asan"], binary=binary, env_extra=SAN_ENV, workers=10, margin=3.0)
    failed = faultlib.report(results, "fault matrix: %s (ASan/UBSan, detect_leaks=1)" % binary)
    reports = sum(1 for r in results if "Sanitizer" in r.err or "runtime error:" in r.err or r.rc in (86, 87))
    print("# sanitizer reports: %d; %d runs in %.1f s" % (reports, len(results), time.monotonic() - t0))
    sys.exit(1 if failed else 0)
