# SPDX-License-Identifier: Apache-2.0
"""The Python side of the test harness: prints "PASS name" / "FAIL name: why"
lines that tests/run_all.sh counts, like tests/unit/check.h."""
import sys
import traceback

_results = {"passed": 0, "failed": 0}


def run(tests):
    """Run each callable in tests; a test fails by raising."""
    for fn in tests:
        try:
            fn()
        except Exception as exc:  # noqa: BLE001 - every failure is reported
            _results["failed"] += 1
            detail = str(exc).replace("\n", " | ")[:600]
            print(f"FAIL {fn.__name__}: {type(exc).__name__}: {detail}", flush=True)
            traceback.print_exc(file=sys.stdout)
        else:
            _results["passed"] += 1
            print(f"PASS {fn.__name__}", flush=True)
    print(f"# {_results['passed']} passed, {_results['failed']} failed")
    sys.exit(1 if _results["failed"] else 0)


def eq(actual, expected, what=""):
    if actual != expected:
        raise AssertionError(f"{what}: expected {expected!r}, got {actual!r}")
