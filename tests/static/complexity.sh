#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# complexity.sh - the size gate of the project's own C code (core/, port/,
# boards/), by pmccabe (Debian package pmccabe; its first column is the
# modified cyclomatic complexity, its fifth the function's lines):
#   complexity_functions   no function above complexity 20 or 80 lines
#   complexity_files       no .c file above 600 lines
# tests/static/complexity-allow.txt lists today's exceptions, each printed as
# KNOWN; an exception that is no longer over the line fails the gate (remove
# its line), so the list only shrinks.
set -u
cd "$(dirname "$0")/../.." || exit 1
ALLOW=tests/static/complexity-allow.txt
MAX_CC=20 MAX_LINES=80 MAX_FILE=600
rc=0
command -v pmccabe >/dev/null || { echo "FAIL complexity: pmccabe not installed (make deps)"; exit 1; }

allowed() { grep -v '^#' "$ALLOW" | awk -v f="$1" -v n="$2" '$1 == f && $2 == n {found=1} END {exit !found}'; }
files=$(find core port boards -name '*.c' | sort)
over=$(mktemp); trap 'rm -f "$over"' EXIT

# functions: "file function cc lines"
pmccabe $files | awk -v mc=$MAX_CC -v ml=$MAX_LINES '{
    split($6, a, "("); name = $7
    if ($1 > mc || $5 > ml) print a[1], name, $1, $5
}' > "$over"
# files: "file * - lines"
for f in $files; do n=$(wc -l < "$f"); [ "$n" -gt $MAX_FILE ] && echo "$f * - $n" >> "$over"; done

new_fn=0 new_file=0
while read -r f name cc lines; do
    if [ "$name" = "*" ]; then what="$f: $lines lines (max $MAX_FILE)"; else what="$f: $name: complexity $cc, $lines lines (max $MAX_CC, $MAX_LINES)"; fi
    if allowed "$f" "$name"; then echo "KNOWN $what -- $ALLOW"
    else echo "new: $what"; if [ "$name" = "*" ]; then new_file=$((new_file + 1)); else new_fn=$((new_fn + 1)); fi; fi
done < "$over"
stale=$(grep -v '^#' "$ALLOW" | awk 'NF >= 2 {print $1, $2}' | while read -r f name; do
    awk -v f="$f" -v n="$name" '$1 == f && $2 == n {found=1} END {exit found}' "$over" && echo "$f $name"
done)

top=$(pmccabe $files | sort -k1,1nr -k5,5nr | head -n 1 | awk '{print $7 " " $1 "/" $5}')
if [ "$new_fn" -gt 0 ]; then echo "FAIL complexity_functions: $new_fn function(s) above complexity $MAX_CC or $MAX_LINES lines (split them)"; rc=1
else echo "PASS complexity_functions ($(pmccabe $files | wc -l) functions; highest: $top)"; fi
if [ "$new_file" -gt 0 ]; then echo "FAIL complexity_files: $new_file file(s) above $MAX_FILE lines (split them by idea)"; rc=1
else echo "PASS complexity_files ($(echo $files | wc -w) files)"; fi
if [ -n "$stale" ]; then
    echo "FAIL complexity_allow_list: no longer over the line, remove from $ALLOW:"; echo "$stale" | sed 's/^/  /'; rc=1
else echo "PASS complexity_allow_list ($(grep -cv '^#' "$ALLOW") exception(s), none stale)"; fi
exit $rc
