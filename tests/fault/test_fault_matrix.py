#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The fault matrix (issue 5 part 2): every case of tests/fault/faultlib.py against
build/influx-lite, once plainly and once with --http-debug, in parallel.

Per case: the documented exit code, exactly one stderr line starting "Error: " and an
empty stdout on failure (the table and an empty stderr on success), wall time under
the case's deadline + 1.5 s, no crash signal, the double's log and state as expected,
no redirect followed, and no form of the caller's token (op-token-for-tests against
the double, SECRET-TOKEN-must-not-leak-7f3a elsewhere; via -t, INFLUX_TOKEN or a
configs file in turn) on stdout or stderr. Ends with the measured table, prefixed "# "."""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import faultlib  # noqa: E402

if __name__ == "__main__":
    faultlib.suite.require(faultlib.BIN)
    t0 = time.monotonic()
    if not faultlib.HAS_TIMEOUT or not faultlib.HAS_RETRIES:
        print("# WAITING: the CLI does not know %s yet; those cases run with the default %.0f s deadline"
              % (" and ".join(f for f, ok in (("--timeout", faultlib.HAS_TIMEOUT), ("--retries", faultlib.HAS_RETRIES))
                              if not ok), faultlib.DEFAULT_DEADLINE))
    results = faultlib.run_matrix(["plain", "debug"])
    failed = faultlib.report([r for r in results if r.variant == "plain"], "fault matrix: %s" % faultlib.BIN)
    failed += faultlib.report([r for r in results if r.variant == "debug"], "fault matrix with --http-debug")
    print("# fault matrix: %d runs in %.1f s" % (len(results), time.monotonic() - t0))
    sys.exit(1 if failed else 0)
