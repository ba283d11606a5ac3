"""One parameter of a function or procedure, as written in its parameter list: its mode, its
name and its type's text (`OUT total numeric(10, 2) DEFAULT 0` -> `out`, `total`,
`numeric(10, 2)`). Shared by the static replay and the rules that compare routines."""

from __future__ import annotations

import re

MODES = frozenset({"in", "out", "inout", "variadic"})
# First words of multi-word type names: `double precision` is a type, not `double` + type.
TYPE_HEADS = (
    "double ",
    "character ",
    "char ",
    "bit ",
    "national ",
    "timestamp ",
    "time ",
    "interval ",
)
_DEFAULT = re.compile(r"\s+(?:DEFAULT\b|=)", re.I)


def read_param(text: str) -> tuple[str, str, str] | None:
    """(mode, name, type text) of one parameter, whitespace collapsed; the name is empty when
    none is written; None for an empty text."""
    t = " ".join(_DEFAULT.split(text.strip(), maxsplit=1)[0].split())
    if not t:
        return None
    mode = "in"
    first = t.split(" ", 1)[0].lower()
    if first in MODES and " " in t:
        mode, t = first, t.split(" ", 1)[1]
    name = ""
    if " " in t and not t.lower().startswith(TYPE_HEADS):
        head, rest = t.split(" ", 1)
        if head.lower() in MODES:
            mode, t = head.lower(), rest
        else:
            name, t = head, rest
            if " " in t and t.split(" ", 1)[0].lower() in MODES:
                mode, t = t.split(" ", 1)[0].lower(), t.split(" ", 1)[1]
    return mode, name, t
