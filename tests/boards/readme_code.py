#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""readme_code.py README HEADING OUT.c - write the first ```c block of the
section HEADING (a whole line of README, e.g. "## The library") to OUT.c.

README.md stays the one copy of its library example: the build takes the
block from it, and a #line directive makes the compiler's messages name
README.md's own lines. Exits non-zero, naming what is missing, when the
section or its block is not there."""
import sys


def section_code(lines, heading):
    """(line number of the block's first line, the block's lines)."""
    if heading not in lines:
        sys.exit("readme_code: no line %r" % heading)
    level = heading.split(" ", 1)[0] + " "
    for i in range(lines.index(heading) + 1, len(lines)):
        line = lines[i]
        if line.startswith("#") and len(line.split(" ", 1)[0]) <= len(level) - 1:
            break  # the next section at the same or a higher level
        if line.strip() == "```c":
            for j in range(i + 1, len(lines)):
                if lines[j].strip() == "```":
                    return i + 2, lines[i + 1:j]
            sys.exit("readme_code: the ```c block at line %d never ends" % (i + 1))
    sys.exit("readme_code: no ```c block in the section %r" % heading)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.splitlines()[0])
    readme, heading, out = sys.argv[1:]
    with open(readme, encoding="utf-8") as f:
        lines = f.read().splitlines()
    first, code = section_code(lines, heading)
    with open(out, "w", encoding="utf-8") as f:
        f.write('#line %d "%s"\n' % (first, readme))
        f.write("\n".join(code) + "\n")


if __name__ == "__main__":
    main()
