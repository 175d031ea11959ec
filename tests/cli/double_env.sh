# SPDX-License-Identifier: Apache-2.0
# Sourced by the tests/cli shell suites: start the influxd double on a free
# loopback port (URL in $DOUBLE_URL), stop it on exit; pass/fail helpers.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TMPD=$(mktemp -d)
python3 "$ROOT/tests/server/influxd_double.py" --port 0 --port-file "$TMPD/port" --max-seconds 300 \
    >"$TMPD/double.log" 2>&1 &
DOUBLE_PID=$!
trap 'kill $DOUBLE_PID 2>/dev/null; wait $DOUBLE_PID 2>/dev/null; rm -rf "$TMPD"' EXIT
for _ in $(seq 1 200); do [ -s "$TMPD/port" ] && break; sleep 0.025; done
DOUBLE_URL="http://127.0.0.1:$(cat "$TMPD/port")"
export HOME="$TMPD" INFLUX_CONFIGS_PATH="$TMPD/no-configs"
reset_double() { curl -s -X POST "$DOUBLE_URL/_double/reset" >/dev/null; }
pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; FAILED=1; }
FAILED=0
