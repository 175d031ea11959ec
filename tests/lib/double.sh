# SPDX-License-Identifier: Apache-2.0
# Sourced after tests/lib/suite.sh: the influxd double
# (tests/server/influxd_double.py) for the shell suites, as tests/lib/double.py
# runs it for the Python ones.
#   double_start NAME [influxd_double.py flags]  start one on a free loopback
#       port, wait until it listens, set NAME_PORT; it is stopped at exit
#   double_ctl URL METHOD PATH [JSON]  one control request (curl; the array
#       DOUBLE_CTL_FLAGS adds curl flags, e.g. --cacert for a TLS double)
#   double_reset URL                   seed state, no faults, empty log
#   double_fault URL JSON              queue a fault
DOUBLE_PY=$ROOT/tests/server/influxd_double.py
DOUBLE_CTL_FLAGS=()

double_start() {
    local name=$1 dir pid
    shift
    dir=$(mktemp -d "$TMPD/double.XXXXXX")
    python3 -S "$DOUBLE_PY" --port 0 --port-file "$dir/port" --max-seconds 300 "$@" >"$dir/log" 2>&1 &
    pid=$!
    at_exit double_stop "$pid"
    for _ in $(seq 1 800); do
        [ -s "$dir/port" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.025
    done
    if [ ! -s "$dir/port" ]; then
        echo "# the double did not start: $(tail -c 400 "$dir/log" | tr '\n' ' ')"
        return 1
    fi
    printf -v "${name}_PORT" %s "$(cat "$dir/port")"
}

double_stop() {  # PID: SIGTERM, then SIGKILL after 5 s
    kill "$1" 2>/dev/null || return 0
    for _ in $(seq 1 100); do
        kill -0 "$1" 2>/dev/null || break
        sleep 0.05
    done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

double_ctl() {
    local url=$1 method=$2 path=$3
    if [ $# -ge 4 ]; then
        curl -s "${DOUBLE_CTL_FLAGS[@]}" -X "$method" "$url$path" -d "$4"
    else
        curl -s "${DOUBLE_CTL_FLAGS[@]}" -X "$method" "$url$path"
    fi
}
double_reset() { double_ctl "$1" POST /_double/reset >/dev/null; }
double_fault() { double_ctl "$1" POST /_double/fault "$2" >/dev/null; }
