#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every test suite given as an argument (an executable), echoes its
# PASS/FAIL lines and its wall time, and ends with the line "N passed, N failed".
# A suite that exits non-zero without printing a FAIL line counts as one failure.
#
# Each suite leaves nothing behind, and that is checked: it runs with a private
# TMPDIR under build/test-tmp/ and, as root, in a mount namespace of its own
# whose /tmp and /run/netns (where `ip netns` names network namespaces) are
# private directories too; afterwards a FAIL line names every file or folder
# left in them, every network namespace name, every process it started that
# still runs (found by a variable in their environment; they are then stopped),
# and every tun/tap device that appeared in this network namespace while it ran.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
work=$root/build/test-tmp
mkdir -p "$work"
passed=0
failed=0
times=()

# a private /tmp and /run/netns need a mount namespace: root, and unshare(1);
# a private /tmp also needs the tree outside /tmp (a checkout under /tmp would
# vanish under the mount: then only /run/netns is private, and leftovers are
# looked for in TMPDIR alone)
private_ns=0
if [ "$(id -u)" = 0 ] && unshare -m --propagation private true 2>/dev/null; then private_ns=1; fi
private_tmp=$private_ns
case "$(realpath "$root")/" in /tmp/*) private_tmp=0 ;; esac

ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
secs() { printf '%d.%d' $(($1 / 1000)) $(($1 % 1000 / 100)); }
tun_devices() { ip -o link show type tun 2>/dev/null | awk -F': ' '{print $2}' | sort; }

# the processes whose environment holds the marker (a suite's children that outlived it)
marked_pids() {
    grep -lszxF "$1" /proc/[0-9]*/environ | sed 's|^/proc/||; s|/environ$||'
}

# left_behind RUN-DIR MARKER TUN-BEFORE: what the suite left, one item a line;
# stops the processes it names
left_behind() {
    local run=$1 marker=$2 pids p
    find "$run/tmpdir" "$run/tmp" -mindepth 1 -maxdepth 1 2>/dev/null | sed "s|^$run/tmpdir|\$TMPDIR|; s|^$run/tmp|/tmp|"
    find "$run/netns" -mindepth 1 -maxdepth 1 -printf 'network namespace %f\n' 2>/dev/null
    pids=$(marked_pids "$marker")
    if [ -n "$pids" ]; then
        sleep 1     # one that was exiting as the suite ended is not left behind
        pids=$(marked_pids "$marker")
    fi
    for p in $pids; do
        echo "process $p: $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | cut -c1-120)"
        kill "$p" 2>/dev/null
    done
    [ -n "$pids" ] && sleep 1 && for p in $pids; do kill -9 "$p" 2>/dev/null; done
    comm -13 <(echo "$3") <(tun_devices) | sed 's/^/tun\/tap device /'
}

t_all=$(date +%s%N)
for suite in "$@"; do
    name=$(basename "$suite")
    echo "== $suite"
    run=$(mktemp -d "$work/$name.XXXXXX")
    mkdir "$run/tmpdir" "$run/tmp" "$run/netns"
    marker="IL_TEST_RUN=$run"
    tun_before=$(tun_devices)
    t0=$(date +%s%N)
    if [ "$private_ns" = 1 ]; then
        mkdir -p /run/netns
        env TMPDIR="$run/tmpdir" "$marker" timeout 600 unshare -m --propagation private sh -c \
            'mount --bind "$2" /run/netns && { [ "$3" = 0 ] || mount --bind "$1" /tmp; } && shift 3 && exec "$@"' \
            sh "$run/tmp" "$run/netns" "$private_tmp" "$suite" >"$run/out" 2>&1
    else
        env TMPDIR="$run/tmpdir" "$marker" timeout 600 "$suite" >"$run/out" 2>&1
    fi
    rc=$?
    ms=$(ms_since "$t0")
    cat "$run/out"
    p=$(grep -c '^PASS ' "$run/out")
    f=$(grep -c '^FAIL ' "$run/out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "FAIL $name: suite exited with status $rc"
        f=1
    fi
    left=$(left_behind "$run" "$marker" "$tun_before")
    if [ -n "$left" ]; then
        echo "FAIL ${name}_left_nothing_behind: $(echo "$left" | head -20 | paste -sd ';' | sed 's/;/; /g')"
        f=$((f + 1))
    fi
    echo "# $suite: $(secs "$ms") s"
    times+=("$ms $suite")
    passed=$((passed + p))
    failed=$((failed + f))
    rm -rf "$run"
done
echo "# wall time per suite, slowest first:"
printf '%s\n' "${times[@]}" | sort -rn | while read -r ms suite; do printf '#   %7s s  %s\n' "$(secs "$ms")" "$suite"; done
echo "# total: $(secs "$(ms_since "$t_all")") s for $# suites"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
