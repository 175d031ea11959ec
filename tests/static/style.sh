#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# style.sh - the written style rules, checked by machine over the project's
# own files (core/, include/, port/, boards/, tests/, the make files, .ci/;
# not the fuzz corpora):
#   style_spdx        every source file (C, headers, linker scripts, Python,
#                     shell, make) names its licence on line 1 (line 2 after a
#                     shebang): "/* SPDX-License-Identifier: Apache-2.0 */" in
#                     C, "# SPDX-License-Identifier: Apache-2.0" in the others
#   style_whitespace  no trailing blanks, no CR, a final newline; no tabs
#                     (except in make files, whose recipes need them)
#   style_line_length C and header lines at most 120 columns
# tests/static/style-known.txt lists today's exceptions (FILE RULE), printed
# as KNOWN; an exception that no longer applies fails (remove its line).
set -u
cd "$(dirname "$0")/../.." || exit 1
KNOWN=tests/static/style-known.txt
MAX_COLS=120
rc=0
files=$(find core include port boards tests packaging .ci Makefile ./*.mk CMakeLists.txt -type f \
          \( -name '*.[ch]' -o -name '*.ld' -o -name '*.py' -o -name '*.sh' -o -name '*.mk' \
             -o -name Makefile -o -path '.ci/*' -o -name CMakeLists.txt -o -name '*.in' -o -name '*.1' \) \
          -not -path 'tests/fuzz/corpus/*' -not -path 'tests/fuzz/known/*' -not -name '*.pyc' 2>/dev/null |
        sed 's#^\./##' | sort)
hits=$(mktemp); trap 'rm -f "$hits"' EXIT

for f in $files; do
    case "$f" in
        *.c|*.h|*.ld) want='/* SPDX-License-Identifier: Apache-2.0 */' ;;
        *.1) want='.\" SPDX-License-Identifier: Apache-2.0' ;;
        *) want='# SPDX-License-Identifier: Apache-2.0' ;;
    esac
    first=$(head -n 1 "$f"); spdx=$first
    case "$first" in '#!'*) spdx=$(sed -n 2p "$f") ;; esac
    [ "$spdx" = "$want" ] || echo "$f spdx" >> "$hits"
    grep -q $'\r' "$f" && echo "$f cr" >> "$hits"
    grep -qE '[[:space:]]+$' "$f" && echo "$f trailing-blank" >> "$hits"
    [ -s "$f" ] && [ -n "$(tail -c 1 "$f")" ] && echo "$f final-newline" >> "$hits"
    case "$f" in *.mk|Makefile) ;; *) grep -q $'\t' "$f" && echo "$f tab" >> "$hits" ;; esac
    case "$f" in *.c|*.h) awk -v m=$MAX_COLS 'length($0) > m {bad=1} END {exit !bad}' "$f" &&
                          echo "$f line-length" >> "$hits" ;; esac
done

known() { grep -v '^#' "$KNOWN" | awk -v f="$1" -v r="$2" '$1 == f && $2 == r {found=1} END {exit !found}'; }
declare -A fails=()
while read -r f rule; do
    case "$rule" in spdx) test=style_spdx ;; line-length) test=style_line_length ;; *) test=style_whitespace ;; esac
    if known "$f" "$rule"; then echo "KNOWN $f: $rule -- $KNOWN"
    else fails[$test]="${fails[$test]:-} $f($rule)"; fi
done < "$hits"
for test in style_spdx style_whitespace style_line_length; do
    if [ -n "${fails[$test]:-}" ]; then echo "FAIL $test:${fails[$test]}"; rc=1
    else echo "PASS $test ($(echo $files | wc -w) files)"; fi
done
stale=$(grep -v '^#' "$KNOWN" | awk 'NF >= 2 {print $1, $2}' | while read -r f rule; do
    grep -qxF "$f $rule" "$hits" || echo "$f $rule"
done)
if [ -n "$stale" ]; then echo "FAIL style_known_list: no longer found, remove from $KNOWN:" $stale; rc=1
else echo "PASS style_known_list ($(grep -cv '^#' "$KNOWN") exception(s), none stale)"; fi
exit $rc
