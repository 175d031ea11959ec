# SPDX-License-Identifier: Apache-2.0
"""The il_status_t values, read from include/il_status.h's IL_STATUS_LIST
(one X(name, class, retry, text) line per status, in enum order)."""
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def names():
    """Every status name, in enum order (index = numeric value)."""
    with open(os.path.join(ROOT, "include", "il_status.h")) as f:
        text = f.read()
    body = text.split("#define IL_STATUS_LIST(X)", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"\bX\((IL_[A-Z0-9_]+),", body)


def value(name):
    """The numeric value of one status (a program's exit status, say)."""
    return names().index(name)
